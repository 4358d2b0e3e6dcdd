"""A model backend that answers in-process, for unit tests of the pipeline.

It implements the Backend protocol (agent/llm/base.py) and answers each call with the
same responders the HTTP fake takes (agent/testing/writer.py), given the request body
an endpoint would receive. No socket, no thread, no SDK: a test of what the pipeline
does with answers runs in milliseconds. What the HTTP client does with a server's
faults (retries, timeouts, refused formats) is tested against the HTTP fake instead.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from typing import Any

from agent.errors import LLMError
from agent.llm.base import Completion, SamplingParams, Usage
from agent.prompts import ChatMessage
from agent.testing.openai_server import Reply, Responder


class FakeBackend:
    """Answers from a responder (request body -> Reply or text); records every request.

    kind "remote" writes by sections, as an endpoint's model would; "embedded" makes
    the pipeline rewrite one claim at a time, as it does for the small local model.
    It is scripted like the HTTP fake (set_default, script, requests, chat_calls), so a
    test can take either."""

    # What a command line given this backend passes as --base-url; the session ignores it.
    base_url = "http://127.0.0.1:9/in-process/v1"

    def __init__(self, responder: Responder | None = None, *, model: str = "fake-model",
                 kind: str = "remote", context_window: int = 8192,
                 default_concurrency: int = 4) -> None:
        self.responder = responder
        self.model = model
        self.kind = kind
        self.context_window = context_window
        self.default_concurrency = default_concurrency
        self.requests: list[dict[str, Any]] = []
        self._scripted: deque[Reply | str] = deque()
        self._lock = threading.Lock()

    def set_default(self, responder: Responder | None) -> None:
        """The responder for every call no scripted reply answers."""
        self.responder = responder

    def script(self, *replies: Reply | str) -> None:
        """Replies for the next calls, in order, before the default responder."""
        with self._lock:
            self._scripted.extend(replies)

    def reset(self) -> None:
        """Forget the requests, the script and the responder."""
        with self._lock:
            self.requests.clear()
            self._scripted.clear()
        self.responder = None

    @property
    def chat_calls(self) -> int:
        """How many calls reached the backend (cache hits never do)."""
        return len(self.requests)

    calls = chat_calls

    def complete(self, messages: Sequence[ChatMessage], params: SamplingParams,
                 json_schema: dict[str, Any] | None, schema_name: str | None) -> Completion:
        """The responder's answer to the body an endpoint would have been sent."""
        body: dict[str, Any] = {
            "model": self.model, "messages": [m.model_dump() for m in messages],
            "temperature": params.temperature, "max_tokens": params.max_tokens,
        }
        if json_schema is not None:
            body["response_format"] = {"type": "json_schema", "json_schema": {
                "name": schema_name or "answer", "schema": json_schema}}
        with self._lock:
            self.requests.append({"path": "/v1/chat/completions", "json": body})
            scripted = self._scripted.popleft() if self._scripted else None
        reply = scripted if scripted is not None else (
            self.responder(body) if self.responder else Reply())
        if isinstance(reply, str):
            reply = Reply(content=reply)
        if reply.status != 200:
            raise LLMError(f"the fake backend answered {reply.status}: "
                           f"{reply.error_message or 'scripted error'}", model=self.model)
        return Completion(
            text=reply.content, finish_reason=reply.finish_reason, model=self.model,
            usage=Usage(prompt_tokens=reply.prompt_tokens if reply.prompt_tokens is not None
                        else self.count_tokens(messages),
                        completion_tokens=reply.completion_tokens
                        if reply.completion_tokens is not None
                        else max(1, len(reply.content) // 4)))

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """Characters over four, as the HTTP fake counts: cheap and deterministic."""
        return max(1, sum(len(m.content) for m in messages) // 4) + 4 * len(messages)

    def describe(self) -> str:
        return f"fake model {self.model} (in-process)"
