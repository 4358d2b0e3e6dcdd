"""A fake OpenAI-compatible HTTP server that plays the LLM in tests.

Why: the agent talks to an OpenAI-style endpoint, and the suite must exercise
that path (success, truncation, rate limits, timeouts, dropped connections,
bad JSON) without any network beyond 127.0.0.1 and without a real model.
Standard library only, so it runs anywhere the tests run.
"""

from __future__ import annotations

import itertools
import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

__all__ = ["FakeOpenAIServer", "Reply", "fake_openai"]

# Error "type" per status, close to what api.openai.com sends, so client code
# that branches on the body sees realistic values.
_ERROR_TYPES: dict[int, tuple[str, str | None]] = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", "not_found"),
    409: ("conflict_error", None),
    422: ("invalid_request_error", None),
    429: ("requests", "rate_limit_exceeded"),
}


@dataclass
class Reply:
    """One scripted reply to a POST /v1/chat/completions."""

    content: str = "ok"
    finish_reason: str = "stop"
    status: int = 200
    error_message: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False
    raw_body: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    usage: bool = True


Responder = Callable[[dict], Reply | str]


def _error_body(
    status: int, message: str, *, type_: str | None = None, code: str | None = None, param: str | None = None
) -> dict[str, Any]:
    """Build an OpenAI-style error body so the SDK maps it to its typed exceptions."""
    default_type, default_code = _ERROR_TYPES.get(status, ("server_error" if status >= 500 else "api_error", None))
    return {
        "error": {
            "message": message,
            "type": type_ if type_ is not None else default_type,
            "param": param,
            "code": code if code is not None else default_code,
        }
    }


def _text_len(content: object) -> int:
    """Length of a message's text, whether a plain string or a list of content parts."""
    if isinstance(content, str):
        return len(content)
    if isinstance(content, list):
        total = 0
        for part in content:
            if isinstance(part, dict) and isinstance(part.get("text"), str):
                total += len(part["text"])
            elif isinstance(part, str):
                total += len(part)
        return total
    return 0


def _rough_prompt_tokens(body: dict) -> int:
    """A cheap, deterministic stand-in for tokenisation: characters // 4, at least 1."""
    messages = body.get("messages")
    chars = 0
    if isinstance(messages, list):
        chars = sum(_text_len(m.get("content")) for m in messages if isinstance(m, dict))
    return max(1, chars // 4)


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that knows its FakeOpenAIServer and its live connections."""

    # The default backlog of 5 makes the 6th simultaneous connection wait for a SYN
    # retry (a second or more): a latency no real endpoint adds, which would swamp
    # any measurement of concurrency.
    request_queue_size = 256

    daemon_threads = True  # a handler asleep in `delay` must never block stop()
    allow_reuse_address = True

    def __init__(self, fake: FakeOpenAIServer) -> None:
        self.fake = fake
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet about clients that hung up (timeouts, drops); report anything else."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)) or self.fake._stopping.is_set():
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    """Routes the few endpoints the fake serves; everything else is a JSON 404."""

    server: _Server
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
    # Headers and body go out in two writes; with Nagle on, the second waits for the
    # client's delayed ACK (~40 ms a reply), which would swamp any latency we measure.
    disable_nagle_algorithm = True

    # -- plumbing ---------------------------------------------------------

    def setup(self) -> None:
        """Register the connection so stop() can cut it even mid-request."""
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        """Unregister the connection; tolerate a socket the client already closed."""
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        try:
            super().finish()
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence per-request logging so test output stays readable."""

    @property
    def fake(self) -> FakeOpenAIServer:
        return self.server.fake

    def _route(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/") or "/"

    def _read_body(self) -> bytes:
        """Read the whole request body, so a later drop or reply leaves no unread bytes."""
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _wait(self, seconds: float) -> bool:
        """Sleep, but wake at once on stop(); True if the server is still running."""
        if seconds > 0:
            self.fake._stopping.wait(seconds)
        return not self.fake._stopping.is_set()

    def _send(self, status: int, body: bytes | str | dict, headers: dict[str, str] | None = None) -> None:
        """Write one complete response with an exact Content-Length."""
        if isinstance(body, dict):
            body = json.dumps(body)
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
        except OSError:  # client gave up (e.g. its timeout fired during our delay)
            self.close_connection = True

    def _send_error(self, status: int, message: str, **kwargs: Any) -> None:
        self._send(status, _error_body(status, message, **kwargs))

    def _drop(self) -> None:
        """Close the socket without a single byte of response: a dropped connection."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- methods ----------------------------------------------------------

    def do_GET(self) -> None:
        """Serve the model list (and single models); anything else is a 404."""
        self._read_body()
        if not self._wait(self.fake.latency):
            return self._drop()
        route = self._route()
        models = list(self.fake.models)
        if route == "/v1/models":
            return self._send(200, {"object": "list", "data": [_model_obj(m) for m in models]})
        if route.startswith("/v1/models/"):
            name = route[len("/v1/models/") :]
            if name in models:
                return self._send(200, _model_obj(name))
            return self._send_error(404, _no_model(name), code="model_not_found")
        self._not_found()

    def do_POST(self) -> None:
        """Chat completions are the fake's whole purpose; other POSTs are 404."""
        raw = self._read_body()
        if self._route() != "/v1/chat/completions":
            if not self._wait(self.fake.latency):
                return self._drop()
            return self._not_found()
        try:
            parsed = json.loads(raw) if raw else None
        except (ValueError, UnicodeDecodeError):
            parsed = None
        self.fake._record(self.path, {k.lower(): v for k, v in self.headers.items()}, parsed)
        self._chat(parsed)

    def do_PUT(self) -> None:
        self._read_body()
        self._not_found()

    def do_PATCH(self) -> None:
        self._read_body()
        self._not_found()

    def do_DELETE(self) -> None:
        self._read_body()
        self._not_found()

    def _not_found(self) -> None:
        self._send_error(404, f"Unknown request URL: {self.command} {self.path}", code="unknown_url")

    # -- chat completions -------------------------------------------------

    def _reject(self, body: Any) -> tuple[int, str, dict[str, Any]] | None:
        """The checks made before the queue is touched, in the documented order."""
        fake = self.fake
        if fake.expected_api_key is not None:
            auth = self.headers.get("Authorization") or ""
            if auth != f"Bearer {fake.expected_api_key}":
                # Never echo the key back: the test asserts it cannot leak via errors.
                return 401, "Incorrect API key provided", {}
        if not isinstance(body, dict):
            return 400, "We could not parse the JSON body of your request.", {}
        model = body.get("model")
        if not isinstance(model, str) or not model:
            return 400, "you must provide a model parameter", {"param": "model"}
        if model not in fake.models:
            return (
                404,
                _no_model(model),
                {"code": "model_not_found"},
            )
        fmt = body.get("response_format")
        if not fake.supports_json_schema and isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            return (
                400,
                "response_format json_schema is not supported by this server",
                {"type_": "invalid_request_error", "param": "response_format"},
            )
        if body.get("stream"):
            return 400, "streaming not supported by the fake", {"param": "stream"}
        return None

    def _chat(self, body: Any) -> None:
        fake = self.fake
        rejection = self._reject(body)
        if rejection is not None:
            status, message, kwargs = rejection
            if not self._wait(fake.latency):
                return self._drop()
            return self._send_error(status, message, **kwargs)
        assert isinstance(body, dict)

        try:
            reply = fake._next_reply(body)
        except Exception as exc:  # a broken responder should fail the test loudly, not hang it
            if not self._wait(fake.latency):
                return self._drop()
            return self._send_error(500, f"fake responder raised {type(exc).__name__}: {exc}")

        if not self._wait(fake.latency + reply.delay):
            return self._drop()
        if reply.drop:
            return self._drop()
        if reply.raw_body is not None:
            return self._send(reply.status, reply.raw_body, reply.headers)
        if reply.status != 200:
            message = reply.error_message or f"fake error with status {reply.status}"
            return self._send(reply.status, _error_body(reply.status, message), reply.headers)

        prompt = reply.prompt_tokens if reply.prompt_tokens is not None else _rough_prompt_tokens(body)
        completion = (
            reply.completion_tokens if reply.completion_tokens is not None else max(1, len(reply.content) // 4)
        )
        completion_obj: dict[str, Any] = {
            "id": f"chatcmpl-fake-{fake._next_id()}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.content},
                    "finish_reason": reply.finish_reason,
                }
            ],
        }
        if reply.usage:
            completion_obj["usage"] = {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            }
        self._send(200, completion_obj, reply.headers)


def _model_obj(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "fake"}


def _no_model(name: str) -> str:
    return f"The model `{name}` does not exist or you do not have access to it."


class FakeOpenAIServer:
    """Scriptable stand-in for an OpenAI-compatible endpoint on 127.0.0.1.

    Replies come from a FIFO queue (``script``), then from an optional default
    responder (``set_default``), then ``Reply("ok")``. Every chat-completion
    request is recorded in ``requests``, rejected ones included.
    """

    supports_json_schema: bool
    latency: float
    expected_api_key: str | None
    models: list[str]
    requests: list[dict]

    def __init__(self, latency: float = 0.0, models: list[str] | None = None) -> None:
        self.latency = latency
        self.models = list(models) if models is not None else ["fake-model"]
        self.supports_json_schema = True
        self.expected_api_key = None
        self.requests = []
        self._lock = threading.Lock()
        self._queue: deque[Reply] = deque()
        self._default: Responder | None = None
        self._ids = itertools.count(1)
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle --------------------------------------------------------

    def start(self) -> FakeOpenAIServer:
        """Bind an ephemeral port on 127.0.0.1 and serve from a daemon thread."""
        if self._server is not None:
            raise RuntimeError("FakeOpenAIServer already started")
        self._stopping.clear()
        self._server = _Server(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # so stop() returns promptly
            name=f"fake-openai-{self._server.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and cut open connections; never waits on sleeping handlers."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()  # wakes handlers sleeping in latency/delay
        server.shutdown()
        with server.connections_lock:
            live = list(server.connections)
        for conn in live:  # idle keep-alive connections would otherwise linger
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None

    def __enter__(self) -> FakeOpenAIServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """The URL to hand the SDK, e.g. ``http://127.0.0.1:54321/v1``."""
        if self._server is None:
            raise RuntimeError("FakeOpenAIServer is not running; call start() first")
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    # -- scripting --------------------------------------------------------

    def script(self, *replies: Reply | str) -> None:
        """Queue replies, consumed one per accepted chat completion, in order."""
        items = [Reply(content=r) if isinstance(r, str) else r for r in replies]
        with self._lock:
            self._queue.extend(items)

    def set_default(self, responder: Callable[[dict], Reply | str] | None) -> None:
        """Answer from ``responder(request_json)`` whenever the queue is empty."""
        with self._lock:
            self._default = responder

    @property
    def chat_calls(self) -> int:
        """POST /v1/chat/completions received so far, faulted and rejected ones included."""
        with self._lock:
            return len(self.requests)

    def reset(self) -> None:
        """Forget the queue, the default responder and the recorded requests."""
        with self._lock:
            self._queue.clear()
            self._default = None
            self.requests.clear()

    # -- used by the handler ----------------------------------------------

    def _record(self, path: str, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self.requests.append({"path": path, "headers": headers, "json": body})

    def _next_reply(self, body: dict) -> Reply:
        with self._lock:
            if self._queue:
                return self._queue.popleft()
            responder = self._default
        if responder is None:
            return Reply()
        result = responder(body)  # outside the lock: a responder may call script()/reset()
        return Reply(content=result) if isinstance(result, str) else result

    def _next_id(self) -> int:
        with self._lock:
            return next(self._ids)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A running fake for one test, stopped afterwards whatever the outcome."""
    server = FakeOpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()
