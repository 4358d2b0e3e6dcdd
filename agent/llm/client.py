"""The one client for every OpenAI-compatible endpoint: OpenAI, Azure OpenAI, vLLM,
Ollama, llama.cpp server, LM Studio; all through the `openai` SDK.

Retries are ours (tenacity), only on rate limits, timeouts, connection errors and
5xx, with exponential backoff and jitter, honouring Retry-After; the SDK's own
retries are off so attempts do not multiply. Every other failure becomes one
clear LLMError at once.

How many requests are in flight is the client's AIMD window (agent/llm/limiter.py),
one per endpoint, shared by every gateway over it: each attempt holds a place in it
(not the wait before a retry), a rate limit (429, or 503 with Retry-After) or a
timeout halves it, successes widen it again up to `--concurrency`. A rate-limited
attempt that was sent under a wider window than the present one is not counted
against the retries: the window, not the endpoint, was at fault, and it has already
been narrowed.

A structured answer can be asked for in three forms, best first: the json_schema
response format, json_object with the schema (llama.cpp's servers build a grammar
from it), and the schema in the prompt. With `--structured auto`, a server that
refuses a form (with any status and wording: llama-cpp-python's server answers
json_schema with a 500) gets the next one at once, and the first form it takes is
kept for every later call.
"""

from __future__ import annotations

import email.utils
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    wait_random_exponential,
)

from agent import heap
from agent.config import DEFAULT_CONCURRENCY, DEFAULT_REMOTE_MODEL, Settings, StructuredMode
from agent.errors import LLMError
from agent.llm.base import Completion, SamplingParams, Usage
from agent.llm.limiter import AIMDLimiter
from agent.llm.tokens import TokenCounter, context_window_for
from agent.prompts import ChatMessage

if TYPE_CHECKING:
    import openai

log = logging.getLogger(__name__)
T = TypeVar("T")

# Local servers (vLLM, Ollama, llama.cpp) ignore the key, but the SDK insists on one.
PLACEHOLDER_KEY = "no-key-required"
_KEYLIKE = re.compile(r"\b(sk|key|api)[-_][A-Za-z0-9_\-*.]{6,}", re.I)

# The forms a structured answer can be asked in, best first; `--structured auto`
# steps down this list when a server refuses one.
_FORMS = (StructuredMode.JSON_SCHEMA, StructuredMode.JSON_OBJECT, StructuredMode.TEXT)
_FORM_NAMES = {
    StructuredMode.JSON_SCHEMA: "the json_schema response format",
    StructuredMode.JSON_OBJECT: "json_object with the schema",
    StructuredMode.TEXT: "the schema in the prompt",
}
# Statuses that say who is asking or how often, never what is asked.
_NOT_ABOUT_THE_REQUEST = frozenset({401, 403, 404, 429})


def _is_retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, (openai.RateLimitError, openai.APITimeoutError,
                        openai.APIConnectionError, openai.InternalServerError)):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def _may_be_refusal(exc: BaseException) -> bool:
    """An answer that can be the server refusing what was asked (a response format it
    lacks): any HTTP error but a wrong key, a forbidden or unknown model, a rate limit.
    Servers word and number these freely (400, 422, 500), so neither is read."""
    import openai

    return isinstance(exc, openai.APIStatusError) and exc.status_code not in _NOT_ABOUT_THE_REQUEST


def _is_transient_not_refusal(exc: BaseException) -> bool:
    """What is retried while a form is being tried: rate limits, timeouts, lost connections."""
    return _is_retryable(exc) and not _may_be_refusal(exc)


def _rate_limit(exc: BaseException) -> str | None:
    """How the endpoint said it takes no more for now, in a few words, or None: a rate
    limit (429), or an overloaded server that asks for a pause (503 with Retry-After)."""
    import openai

    if isinstance(exc, openai.RateLimitError):
        return "rate-limited (HTTP 429)"
    if (isinstance(exc, openai.APIStatusError) and exc.status_code == 503
            and retry_after_seconds(exc) is not None):
        return "overloaded (HTTP 503 with Retry-After)"
    return None


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The wait a server asked for (Retry-After or retry-after-ms), if any."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def public_url(url: str | None) -> str:
    """A base URL fit for messages: any user:password part removed."""
    if not url:
        return "the OpenAI API"
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


class RemoteClient:
    """A Backend for an OpenAI-compatible HTTP endpoint."""

    kind = "remote"

    def __init__(self, settings: Settings, limiter: AIMDLimiter | None = None) -> None:
        self.model = settings.model or DEFAULT_REMOTE_MODEL
        self.base_url = settings.base_url
        # The window of requests in flight: --concurrency is its cap.
        self.limiter = limiter or AIMDLimiter(settings.concurrency or DEFAULT_CONCURRENCY,
                                              name=public_url(settings.base_url))
        # The gateways' pools are as wide as the cap; the window decides within it.
        self.default_concurrency = self.limiter.cap
        self.context_window = context_window_for(self.model, settings.context_window)
        self._secret = settings.api_key_value()
        self._settings = settings
        self._structured = settings.structured
        # The form structured calls go out in: the pinned one, or (auto) the best one not
        # refused yet, settled by the first that succeeds. The lock lets one call find it
        # while the others wait, so a refusing server sees one refused request, not one a
        # thread.
        auto = settings.structured is StructuredMode.AUTO
        self._form = StructuredMode.JSON_SCHEMA if auto else settings.structured
        self._form_settled = not auto
        self._form_lock = threading.Lock()
        self._counter = TokenCounter(self.model)
        self._sdk: openai.OpenAI | None = None
        self._sdk_lock = threading.Lock()

    @property
    def _client(self) -> openai.OpenAI:
        """The SDK's client, found at the first call: a run whose answers are all cached
        never imports the openai package (a third of a second)."""
        with self._sdk_lock:
            if self._sdk is None:
                self._sdk = _sdk_client(self._secret or PLACEHOLDER_KEY,
                                        self._settings.base_url, self._settings.timeout)
            return self._sdk

    def describe(self) -> str:
        """Which endpoint and model, for the one line that says so on stderr."""
        return f"model {self.model} at {public_url(self.base_url)}"

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """tiktoken for OpenAI models, else a conservative estimate."""
        return self._counter.count(messages)

    @property
    def structured_form(self) -> StructuredMode:
        """The form structured calls are sent in now: JSON_SCHEMA, JSON_OBJECT or TEXT."""
        return self._form

    def complete(
        self, messages: Sequence[ChatMessage], params: SamplingParams,
        json_schema: dict[str, Any] | None, schema_name: str | None,
    ) -> Completion:
        """One chat completion, retried on transient failures."""
        import openai

        try:
            if json_schema is not None and self._structured is StructuredMode.AUTO:
                response = self._send_auto(messages, params, json_schema, schema_name)
            else:
                response = self._send(self.request_body(messages, params, json_schema,
                                                        schema_name))
        except (openai.OpenAIError, json.JSONDecodeError) as exc:
            raise self._error(exc) from None
        return self._completion(response, messages)

    def request_body(
        self, messages: Sequence[ChatMessage], params: SamplingParams,
        json_schema: dict[str, Any] | None, schema_name: str | None,
    ) -> dict[str, Any]:
        """The chat-completions body `complete` would send now, schema placed by the
        structured form in use; the Batch API needs the very same body to earn the same
        answer."""
        return self._body(self._form, messages, params, json_schema, schema_name)

    def _body(
        self, form: StructuredMode, messages: Sequence[ChatMessage], params: SamplingParams,
        json_schema: dict[str, Any] | None, schema_name: str | None,
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.model,
            "messages": [m.model_dump() for m in messages],
            "temperature": params.temperature,
            "max_tokens": params.max_tokens,
        }
        if params.top_p is not None:
            request["top_p"] = params.top_p
        if params.seed is not None:
            request["seed"] = params.seed
        if json_schema is None:
            return request
        if form is StructuredMode.JSON_SCHEMA:
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": schema_name or "answer", "schema": json_schema},
            }
        elif form is StructuredMode.JSON_OBJECT:
            request["response_format"] = {"type": "json_object", "schema": json_schema}
        else:
            request["messages"] = _with_schema_instruction(messages, json_schema)
        return request

    def _send_auto(
        self, messages: Sequence[ChatMessage], params: SamplingParams,
        json_schema: dict[str, Any], schema_name: str | None,
    ) -> Any:
        """A structured call under `--structured auto`: the settled form, or the search
        for one. A settled form is kept through 5xx (retried as usual: a server that took
        it once has trouble, not a refusal); a 4xx may be this schema's refusal, and steps
        down from it."""
        import openai

        def body(form: StructuredMode) -> dict[str, Any]:
            return self._body(form, messages, params, json_schema, schema_name)

        if not self._form_settled:
            with self._form_lock:
                if not self._form_settled:
                    return self._step_down(_FORMS.index(self._form), body, None)
        form = self._form
        request = body(form)
        try:
            return self._send(request)
        except openai.APIStatusError as exc:
            if exc.status_code >= 500 or not _may_be_refusal(exc):
                raise
            with self._form_lock:
                # Another call may have stepped down meanwhile: go on from where it got.
                start = max(_FORMS.index(form) + 1, _FORMS.index(self._form))
                return self._step_down(start, body, (form, request, exc))

    def _step_down(
        self, start: int, body: Callable[[StructuredMode], dict[str, Any]],
        original: tuple[StructuredMode, dict[str, Any], openai.APIStatusError] | None,
    ) -> Any:
        """Each form from _FORMS[start] on, once (a refusal is not retried), until one is
        taken; that one is kept. If every form fails alike, the failure was not about the
        form: the first request's failure goes the usual way (a 5xx retried, a 4xx
        reported). Callers hold the form lock."""
        import openai

        refused: list[tuple[StructuredMode, openai.APIStatusError]] = (
            [] if original is None else [(original[0], original[2])])
        for form in _FORMS[start:]:
            request = body(form)
            try:
                response = self.retrying(lambda sdk, r=request: _chat(sdk, r),
                                         retry=_is_transient_not_refusal)
            except openai.APIStatusError as exc:
                if not _may_be_refusal(exc):
                    raise
                log.debug("%s refused %s: HTTP %d: %s", public_url(self.base_url),
                          _FORM_NAMES[form], exc.status_code, self._redact(_short(exc)))
                if original is None:
                    original = (form, request, exc)
                refused.append((form, exc))
                continue
            self._settle(form, refused)
            return response
        if original is None:
            raise AssertionError("unreachable: the search starts within _FORMS")
        form, request, exc = original
        response = self.retrying(lambda sdk: _chat(sdk, request),
                                 first_failure=exc)
        self._settle(form, [])
        return response

    def _settle(self, form: StructuredMode,
                refused: list[tuple[StructuredMode, openai.APIStatusError]]) -> None:
        """Keep `form` for every later structured call; say so once when it is a step down."""
        if refused and not (form is self._form and self._form_settled):
            log.info("%s refused %s; structured answers go as %s from now on",
                     public_url(self.base_url),
                     " and ".join(f"{_FORM_NAMES[f]} (HTTP {e.status_code})" for f, e in refused),
                     _FORM_NAMES[form])
        self._form = form
        self._form_settled = True

    def _send(self, request: dict[str, Any]) -> Any:
        return self.retrying(lambda sdk: _chat(sdk, request))

    def retrying(
        self, call: Callable[[openai.OpenAI], T], *,
        retry: Callable[[BaseException], bool] = _is_retryable,
        first_failure: BaseException | None = None,
    ) -> T:
        """Any SDK call (chat, files, batches) with our retries on transient failures;
        other failures are raised as the SDK's own errors, for `_error` to word.
        `first_failure` is a failure of this very call already met: it counts as the
        first attempt, and is retried (or raised) as if it had just happened."""
        import openai

        s = self._settings
        pending = [first_failure] if first_failure is not None else []
        backoff = wait_random_exponential(multiplier=s.retry_initial_wait, max=s.retry_max_wait)
        free = 0  # attempts refused for a window since narrowed: not the endpoint's doing

        def charged(state: RetryCallState) -> int:
            return state.attempt_number - free

        def wait(state: RetryCallState) -> float:
            asked = retry_after_seconds(state.outcome.exception() if state.outcome else None)
            return min(asked, max(s.retry_max_wait, 1.0)) if asked is not None else backoff(state)

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            # Rate limits are told by the window when it narrows, not once a call: a burst
            # refused at once would be a screenful.
            level = logging.DEBUG if exc is not None and _rate_limit(exc) else logging.WARNING
            log.log(level, "%s; retrying (attempt %d of %d)", self._redact(_short(exc)),
                    charged(state) + 1, s.max_retries + 1)

        def attempt_once() -> T:
            nonlocal free
            with self.limiter.slot() as slot:
                try:
                    return call(self._client)
                except Exception as exc:
                    if (reason := _rate_limit(exc)) is not None:
                        if not slot.congested(reason):
                            free += 1  # refused for a window that has narrowed since
                    elif isinstance(exc, openai.APITimeoutError):
                        # TCP's strongest sign of congestion too. Always counted: a server
                        # that never answers must not be waited on without end.
                        slot.congested("timed out")
                    raise

        for attempt in Retrying(
            retry=retry_if_exception(retry),
            stop=lambda state: charged(state) >= s.max_retries + 1,
            wait=wait, before_sleep=before_sleep, reraise=True,
        ):
            with attempt:
                if pending:
                    raise pending.pop()
                return attempt_once()
        raise AssertionError("unreachable: tenacity re-raises the last error")

    def _completion(self, response: Any, messages: Sequence[ChatMessage]) -> Completion:
        if not getattr(response, "choices", None):
            raise LLMError(f"{public_url(self.base_url)} sent an answer with no choices",
                           model=self.model)
        choice = response.choices[0]
        text = (choice.message.content or "") if choice.message else ""
        usage = response.usage
        if usage is not None and usage.prompt_tokens is not None:
            counted = Usage(prompt_tokens=usage.prompt_tokens,
                            completion_tokens=usage.completion_tokens or 0)
        else:
            counted = Usage(prompt_tokens=self.count_tokens(messages),
                            completion_tokens=self._counter.count_text(text), estimated=True)
        return Completion(text=text, finish_reason=choice.finish_reason, model=self.model,
                          usage=counted)

    def _redact(self, text: str) -> str:
        if self._secret:
            text = text.replace(self._secret, "***")
        return _KEYLIKE.sub("***", text)

    def _error(self, exc: BaseException) -> LLMError:
        """One clear error for a failure retrying did not (or could not) fix."""
        import openai

        where = public_url(self.base_url)
        attempts = self._settings.max_retries + 1
        detail = self._redact(_short(exc))
        if isinstance(exc, openai.AuthenticationError):
            return LLMError(f"{where} rejected the API key (HTTP 401)",
                            "check --api-key, RESEARCH_AGENT_API_KEY or OPENAI_API_KEY",
                            model=self.model)
        if isinstance(exc, openai.PermissionDeniedError):
            return LLMError(f"{where} refused access (HTTP 403): {detail}",
                            "check that the API key may use this model", model=self.model)
        if isinstance(exc, openai.NotFoundError):
            return LLMError(f"model {self.model!r} was not found at {where} (HTTP 404)",
                            "check --model (and --base-url); the endpoint lists its models "
                            "at /v1/models", model=self.model)
        if isinstance(exc, openai.RateLimitError):
            return LLMError(f"{where} kept rate-limiting after {attempts} attempts",
                            "wait and re-run (answers so far are cached), or lower "
                            "--concurrency", model=self.model)
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(f"no answer from {where} within {self._settings.timeout:g}s "
                            f"after {attempts} attempts", "raise --timeout or check the server",
                            model=self.model)
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(f"cannot reach {where} after {attempts} attempts",
                            "check --base-url and that the server is running", model=self.model)
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            if status >= 500:
                return LLMError(f"{where} failed with HTTP {status} after {attempts} attempts",
                                "try again later", model=self.model)
            return LLMError(f"{where} refused the request (HTTP {status}): {detail}",
                            model=self.model)
        if isinstance(exc, (openai.APIResponseValidationError, json.JSONDecodeError)):
            return LLMError(f"{where} sent a reply that is not a valid chat completion",
                            "check that --base-url points at an OpenAI-compatible /v1 endpoint",
                            model=self.model)
        return LLMError(f"call to {where} failed: {type(exc).__name__}: {detail}",
                        model=self.model)


# The SDK's clients of this process, one per endpoint, key and timeout (_sdk_client).
_SDK_CLIENTS: dict[tuple[str, str | None, float], openai.OpenAI] = {}
_SDK_CLIENTS_LOCK = threading.Lock()


def _sdk_client(api_key: str, base_url: str | None, timeout: float) -> openai.OpenAI:
    """The SDK's client for an endpoint, made once a process and shared by every
    RemoteClient over it, as the SDK means its clients to be: each new one loads the
    system's certificates into an SSL context (30 ms) and opens its own connections,
    which every report of a batch or a library caller would pay again."""
    key = (api_key, base_url, timeout)
    with _SDK_CLIENTS_LOCK:
        if key not in _SDK_CLIENTS:
            import openai

            _SDK_CLIENTS[key] = openai.OpenAI(api_key=api_key, base_url=base_url,
                                              max_retries=0, timeout=timeout)
            heap.settle("the openai SDK")
        return _SDK_CLIENTS[key]


def _chat(sdk: openai.OpenAI, request: dict[str, Any]) -> Any:
    """One chat completion, the body sent as built. It is plain JSON already, so the SDK's
    typed `create` would only walk every message and the schema to change nothing (a
    millisecond of a report's own time per call); the request, its parsing and its errors
    are the SDK's all the same."""
    from openai.types.chat import ChatCompletion

    return sdk.post("/chat/completions", body=request, cast_to=ChatCompletion)


def _short(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())[:300]


def _with_schema_instruction(
    messages: Sequence[ChatMessage], json_schema: dict[str, Any]
) -> list[dict[str, str]]:
    """The messages, with the schema appended to the last user turn."""
    out = [m.model_dump() for m in messages]
    instruction = ("\n\nAnswer with one JSON object only, no prose, matching this JSON schema:\n"
                   + json.dumps(json_schema, separators=(",", ":")))
    for message in reversed(out):
        if message["role"] == "user":
            message["content"] += instruction
            break
    else:
        out.append({"role": "user", "content": instruction.strip()})
    return out
