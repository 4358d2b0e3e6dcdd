"""The one door every model call goes through: cache, token budget, structured output,
accounting and bounded concurrency, the same for every backend.

`map` runs as many calls at once as the backend allows: one for the embedded model,
up to the cap (--concurrency) for an endpoint, whose client narrows that further
while the endpoint rate-limits (agent/llm/limiter.py)."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from agent.errors import ContextOverflowError, StructuredOutputError, TruncatedOutputError
from agent.llm.base import Backend, Completion, SamplingParams
from agent.llm.cache import ResponseCache, request_key
from agent.prompts import ChatMessage, RenderedPrompt

T = TypeVar("T", bound=BaseModel)
I = TypeVar("I")
R = TypeVar("R")

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.I)
# The step name (first word) of the judge's calls, which the account counts apart.
JUDGE_STEP = "judge"


class RunStats:
    """What a run cost: model calls, cache hits, tokens, wall time (thread-safe)."""

    def __init__(self) -> None:
        self.calls = 0
        self.cache_hits = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.estimated = False
        # Calls and hits by purpose, the first word of the step ("digest", "write",
        # "judge", ...), so the account can say what the judge cost apart.
        self.calls_by: dict[str, int] = {}
        self.hits_by: dict[str, int] = {}
        # The judge's model, when a judge is on: the account then names its calls even
        # when there were none.
        self.judge_model: str | None = None
        self.started = time.perf_counter()
        self._lock = threading.Lock()

    def record(self, completion: Completion, step: str = "") -> None:
        """Count one answer for a step; a cache hit costs no tokens."""
        purpose = step.split(" ", 1)[0]
        with self._lock:
            if completion.cached:
                self.cache_hits += 1
                self.hits_by[purpose] = self.hits_by.get(purpose, 0) + 1
                return
            self.calls += 1
            self.calls_by[purpose] = self.calls_by.get(purpose, 0) + 1
            self.prompt_tokens += completion.usage.prompt_tokens
            self.completion_tokens += completion.usage.completion_tokens
            self.estimated |= completion.usage.estimated

    @property
    def seconds(self) -> float:
        """Wall time since the run started."""
        return time.perf_counter() - self.started

    @property
    def judge_calls(self) -> int:
        """Model calls the judge made (agent/judge.py), counted in `calls` too."""
        return self.calls_by.get(JUDGE_STEP, 0)

    @property
    def judge_cache_hits(self) -> int:
        """The judge's answers the cache gave, counted in `cache_hits` too."""
        return self.hits_by.get(JUDGE_STEP, 0)

    def summary(self) -> dict[str, Any]:
        """The account as data, for --json and `cache stats`."""
        account = {"calls": self.calls, "cache_hits": self.cache_hits,
                   "prompt_tokens": self.prompt_tokens,
                   "completion_tokens": self.completion_tokens,
                   "tokens_estimated": self.estimated, "seconds": round(self.seconds, 3)}
        if self._judged:
            account |= {"judge_calls": self.judge_calls,
                        "judge_cache_hits": self.judge_cache_hits}
        return account

    @property
    def _judged(self) -> bool:
        return self.judge_model is not None or bool(self.judge_calls or self.judge_cache_hits)

    def line(self) -> str:
        """The one-line account every run ends with; the judge's share, when one is on."""
        approx = "~" if self.estimated else ""
        judge = ""
        if self._judged:
            model = f" {self.judge_model}" if self.judge_model else ""
            judge = (f"; judge{model}: {self.judge_calls} calls, "
                     f"{self.judge_cache_hits} cache hits")
        return (f"run: {self.calls} model calls, {self.cache_hits} cache hits, "
                f"{approx}{self.prompt_tokens:,} prompt + {approx}{self.completion_tokens:,} "
                f"completion tokens, {self.seconds:.1f}s{judge}")


def extract_json(text: str) -> str:
    """The JSON object in a reply, without code fences or prose around it."""
    stripped = _FENCE.sub("", text.strip())
    start, end = stripped.find("{"), stripped.rfind("}")
    return stripped[start: end + 1] if start != -1 and end > start else stripped


def parse_json(schema: type[T], text: str) -> T:
    """The reply validated against the schema; raw line breaks inside strings are allowed,
    since small models write them and they carry no ambiguity."""
    body = extract_json(text)
    try:
        data = json.loads(body, strict=False)
    except json.JSONDecodeError:
        return schema.model_validate_json(body)  # raises, naming the JSON error
    return schema.model_validate(data)


class PendingCall(BaseModel):
    """A structured call not yet answered, with all it takes to ask it elsewhere (a batch)
    and to store the answer under the key `LLM.structured` will look up."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    key: str
    step: str
    prompt: RenderedPrompt
    answer_type: type[BaseModel]
    params: SamplingParams
    json_schema: dict[str, Any]


class LLM:
    """Model calls with caching, budgets, structured output and accounting."""

    def __init__(
        self, backend: Backend, cache: ResponseCache, stats: RunStats | None = None,
        concurrency: int | None = None,
    ) -> None:
        self.backend = backend
        self.cache = cache
        self.stats = stats or RunStats()
        self.concurrency = concurrency or backend.default_concurrency

    def text(
        self, step: str, prompt: RenderedPrompt, params: SamplingParams | None = None,
        allow_truncated: bool = False,
    ) -> Completion:
        """A free-text answer; a truncated one is an error unless the caller can trim it."""
        params = params or SamplingParams()
        key = request_key(self.backend.model, prompt.messages, params, None, prompt)
        if (hit := self.cache.get(key, step)) is not None:
            self.stats.record(hit, step)
            return hit
        completion = self._call(step, prompt.messages, params, None, None)
        if completion.finish_reason == "length" and not allow_truncated:
            raise self._truncated(step, params)
        self.cache.put(key, step, prompt, completion)
        return completion

    def structured(
        self, step: str, prompt: RenderedPrompt, schema: type[T],
        params: SamplingParams | None = None,
    ) -> T:
        """An answer validated against a pydantic model; one re-ask, then a typed error."""
        params = params or SamplingParams()
        json_schema, key = self._structured_key(prompt, schema, params)
        if (found := self._valid_hit(key, step, schema)) is not None:
            hit, value = found
            self.stats.record(hit, step)
            return value
        messages = list(prompt.messages)
        completion = self._call(step, messages, params, json_schema, schema.__name__)
        value, error = self._validate(step, completion, schema, params)
        if error is not None:
            messages += [
                ChatMessage(role="assistant", content=completion.text),
                ChatMessage(role="user", content=(
                    f"That answer is not valid: {error}. Reply again with only the corrected "
                    f"JSON object.")),
            ]
            completion = self._call(step, messages, params, json_schema, schema.__name__)
            value, error = self._validate(step, completion, schema, params)
            if error is not None:
                raise StructuredOutputError(
                    f"the answer did not match {schema.__name__} after one re-ask: {error}",
                    "try a stronger model", step=step, model=self.backend.model)
        self.cache.put(key, step, prompt, completion)
        return value  # type: ignore[return-value]

    def pending_structured(
        self, step: str, prompt: RenderedPrompt, schema: type[BaseModel],
        params: SamplingParams | None = None,
    ) -> PendingCall | None:
        """The call `structured` would make, or None when the cache already answers it."""
        params = params or SamplingParams()
        json_schema, key = self._structured_key(prompt, schema, params)
        if self._valid_hit(key, step, schema) is not None:
            return None
        return PendingCall(key=key, step=step, prompt=prompt, answer_type=schema,
                           params=params, json_schema=json_schema)

    def settle(self, call: PendingCall, completion: Completion) -> bool:
        """Cache an answer obtained elsewhere if `structured` would accept it as is; a cut-off
        or invalid one is not stored, so the next run asks again (and may re-ask)."""
        if completion.finish_reason == "length":
            return False
        try:
            parse_json(call.answer_type, completion.text)
        except ValidationError:
            return False
        self.stats.record(completion, call.step)
        self.cache.put(call.key, call.step, call.prompt, completion)
        return True

    def _valid_hit(self, key: str, step: str, schema: type[T]) -> tuple[Completion, T] | None:
        """The cached answer and its value, if there is one that still validates; one cached
        under a schema that validated differently is asked again."""
        if (hit := self.cache.get(key, step)) is None:
            return None
        try:
            return hit, parse_json(schema, hit.text)
        except ValidationError:
            return None

    def _structured_key(
        self, prompt: RenderedPrompt, schema: type[BaseModel], params: SamplingParams
    ) -> tuple[dict[str, Any], str]:
        """The response schema and the cache key of a structured call: one recipe for
        `structured` and `pending_structured`, so a batched answer is found later."""
        json_schema = _json_schema(schema)
        return json_schema, request_key(self.backend.model, prompt.messages, params,
                                        json_schema, prompt)

    def _validate(
        self, step: str, completion: Completion, schema: type[T], params: SamplingParams
    ) -> tuple[T | None, str | None]:
        """The parsed answer, or the first validation error; a truncated answer raises."""
        if completion.finish_reason == "length":
            raise self._truncated(step, params)
        try:
            return parse_json(schema, completion.text), None
        except ValidationError as exc:
            return None, _first_error(exc)

    def map(self, fn: Callable[[I], R], items: Iterable[I]) -> list[R]:
        """fn over items, at most `concurrency` at once; results in input order. For an
        endpoint that is the cap: its client's window decides how many of those calls
        are in flight."""
        items = list(items)
        if self.concurrency <= 1 or len(items) <= 1:
            return [fn(item) for item in items]
        failed = threading.Event()

        def guarded(item: I) -> R:
            # After the first failure, calls not yet started are skipped, not made in vain.
            if failed.is_set():
                raise _Skipped
            try:
                return fn(item)
            except BaseException:
                failed.set()
                raise

        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(items))) as pool:
            futures = [pool.submit(guarded, item) for item in items]
            outcomes = [f.exception() for f in futures]
        first = next((e for e in outcomes if e is not None and not isinstance(e, _Skipped)), None)
        if first is not None:
            raise first
        return [f.result() for f in futures]

    def _call(
        self, step: str, messages: list[ChatMessage] | tuple[ChatMessage, ...],
        params: SamplingParams, json_schema: dict[str, Any] | None, schema_name: str | None,
    ) -> Completion:
        needed = self.backend.count_tokens(messages) + params.max_tokens
        if needed > self.backend.context_window:
            raise ContextOverflowError(
                f"the prompt and answer need {needed:,} tokens, more than the model's context "
                f"of {self.backend.context_window:,}", "use a model with a longer context",
                step=step, model=self.backend.model)
        completion = self.backend.complete(messages, params, json_schema, schema_name)
        self.stats.record(completion, step)
        return completion

    def _truncated(self, step: str, params: SamplingParams) -> TruncatedOutputError:
        return TruncatedOutputError(
            f"the answer was cut off at the limit of {params.max_tokens} tokens",
            "the step asks for too long an answer for this model", step=step,
            model=self.backend.model)


class _Skipped(Exception):
    """A mapped call not made because an earlier one failed."""


@lru_cache(maxsize=64)
def _json_schema(schema: type[BaseModel]) -> dict[str, Any]:
    """The schema of a response model; built once, since pydantic rebuilds it per call."""
    return schema.model_json_schema()


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"]) or "the reply"
    return f"{where}: {error['msg']}"

