"""A fake OpenAI-compatible HTTP server that plays the LLM in tests and benchmarks.

Why: the agent talks to an OpenAI-style endpoint, and the suite must exercise
that path (success, truncation, rate limits, timeouts, dropped connections,
bad JSON) without any network beyond 127.0.0.1 and without a real model.
Standard library only, so it runs anywhere the tests run.

It also plays the Batch API (files upload and download, batches create,
retrieve and cancel), whose lines are answered by the same replies as direct
chat completions, so a batched and a direct run can be compared.
"""

from __future__ import annotations

import email
import email.policy
import itertools
import json
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeOpenAIServer", "Reply"]

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

BATCH_ENDPOINT = "/v1/chat/completions"
_BATCH_DONE = ("completed", "failed", "expired", "cancelled")
_UNRUN = {  # what a line that never ran says, per final status of its batch
    "expired": ("batch_expired", "This request could not be executed before the completion window expired."),
    "cancelled": ("batch_cancelled", "This request was not executed because the batch was cancelled."),
}


@dataclass
class StoredFile:
    """One file the fake holds: an upload, or a batch's output or error file."""

    id: str
    filename: str
    purpose: str
    data: bytes
    created_at: int = field(default_factory=lambda: int(time.time()))

    def obj(self) -> dict[str, Any]:
        """The FileObject the API returns for it."""
        return {"id": self.id, "object": "file", "bytes": len(self.data), "created_at": self.created_at,
                "filename": self.filename, "purpose": self.purpose, "status": "processed"}


@dataclass
class FakeBatch:
    """One batch and where it stands; `retrievals` counts GET /v1/batches/{id}."""

    id: str
    input_file_id: str
    endpoint: str
    completion_window: str
    metadata: dict[str, str] | None
    lines: list[dict]
    errors: list[dict]
    status: str = "validating"
    retrievals: int = 0
    cancel_requested: bool = False
    output_file_id: str | None = None
    error_file_id: str | None = None
    completed: int = 0
    failed: int = 0
    created_at: int = field(default_factory=lambda: int(time.time()))
    times: dict[str, int] = field(default_factory=dict)

    def obj(self) -> dict[str, Any]:
        """The Batch object the API returns for it."""
        return {
            "id": self.id, "object": "batch", "endpoint": self.endpoint,
            "errors": {"object": "list", "data": self.errors} if self.errors else None,
            "input_file_id": self.input_file_id, "completion_window": self.completion_window,
            "status": self.status, "output_file_id": self.output_file_id,
            "error_file_id": self.error_file_id, "created_at": self.created_at,
            "expires_at": self.created_at + 86400, "metadata": self.metadata,
            "request_counts": {"total": len(self.lines), "completed": self.completed, "failed": self.failed},
            **{f"{name}_at": at for name, at in self.times.items()},
        }


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

    def _send(
        self, status: int, body: bytes | str | dict, headers: dict[str, str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        """Write one complete response with an exact Content-Length."""
        if isinstance(body, dict):
            body = json.dumps(body)
        data = body.encode("utf-8") if isinstance(body, str) else body
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
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
        if route.startswith(("/v1/files/", "/v1/batches/")):
            return self._batch_api("GET", route, b"")
        self._not_found()

    def do_POST(self) -> None:
        """Chat completions are the fake's whole purpose; other POSTs are 404."""
        raw = self._read_body()
        route = self._route()
        if route != "/v1/chat/completions":
            if not self._wait(self.fake.latency):
                return self._drop()
            if route in ("/v1/files", "/v1/batches") or route.startswith("/v1/batches/"):
                return self._batch_api("POST", route, raw)
            return self._not_found()
        try:
            parsed = json.loads(raw) if raw else None
        except (ValueError, UnicodeDecodeError):
            parsed = None
        self.fake._record(self.path, {k.lower(): v for k, v in self.headers.items()}, parsed)
        admitted = self.fake._arrive()
        try:
            if admitted:
                self._chat(parsed)
            else:
                self._rate_limit()
        finally:
            self.fake._leave()

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

    def _rate_limit(self) -> None:
        """One request more than the server takes at once: 429 at once, as limiters do."""
        after = self.fake.limit_retry_after
        self._send(429, _error_body(429, f"Rate limit reached: at most {self.fake.max_in_flight} "
                                    "requests at once. Please try again later."),
                   {"Retry-After": after} if after is not None else None)

    def _unauthorized(self) -> bool:
        """True if the fake expects a key and this request does not carry it."""
        expected = self.fake.expected_api_key
        return expected is not None and (self.headers.get("Authorization") or "") != f"Bearer {expected}"

    def _reject(self, body: Any) -> tuple[int, str, dict[str, Any]] | None:
        """The checks made before the queue is touched, in the documented order."""
        if self._unauthorized():
            # Never echo the key back: the test asserts it cannot leak via errors.
            return 401, "Incorrect API key provided", {}
        return _reject_body(self.fake, body)

    # -- batch API --------------------------------------------------------

    def _batch_api(self, method: str, route: str, raw: bytes) -> None:
        """Files and batches; latency has already been waited by the caller (POST) or here (GET)."""
        if self._unauthorized():
            return self._send_error(401, "Incorrect API key provided")
        fake = self.fake
        parts = route.split("/")[2:]  # e.g. ["files", "file-fake-1", "content"]
        if method == "POST" and parts == ["files"]:
            return self._upload(raw)
        if method == "GET" and len(parts) in (2, 3) and parts[0] == "files":
            stored = fake.files.get(parts[1])
            if stored is None:
                return self._send_error(404, f"No such File object: {parts[1]}", param="id")
            if len(parts) == 2:
                return self._send(200, stored.obj())
            if parts[2] == "content":
                return self._send(200, stored.data, content_type="application/octet-stream")
        if method == "POST" and parts == ["batches"]:
            try:
                params = json.loads(raw)
            except ValueError:
                return self._send_error(400, "We could not parse the JSON body of your request.")
            status, answer = fake._create_batch(params if isinstance(params, dict) else {})
            return self._send(status, answer)
        if len(parts) >= 2 and parts[0] == "batches":
            batch = fake.batches.get(parts[1])
            if batch is None:
                return self._send_error(404, f"No batch found with id '{parts[1]}'.", param="batch_id")
            if method == "GET" and len(parts) == 2:
                return self._send(200, fake._retrieve_batch(batch))
            if method == "POST" and parts[2:] == ["cancel"]:
                return self._send(200, fake._cancel_batch(batch))
        self._not_found()

    def _upload(self, raw: bytes) -> None:
        """A multipart/form-data upload, read with the stdlib's MIME parser."""
        ctype = (self.headers.get("Content-Type") or "").encode("latin-1")
        message = email.message_from_bytes(b"Content-Type: " + ctype + b"\r\n\r\n" + raw, policy=email.policy.HTTP)
        fields: dict[str, tuple[str | None, bytes]] = {}
        for part in message.iter_parts() if message.is_multipart() else ():
            name = part.get_param("name", header="content-disposition")
            if isinstance(name, str):
                fields[name] = (part.get_filename(), part.get_payload(decode=True) or b"")
        if "file" not in fields:
            return self._send_error(400, "Missing file in the upload.", param="file")
        purpose = fields.get("purpose", (None, b""))[1].decode("utf-8", "replace")
        if purpose not in ("batch", "fine-tune", "assistants", "user_data", "evals", "vision"):
            return self._send_error(400, f"Invalid purpose: {purpose!r}", param="purpose")
        filename, data = fields["file"]
        stored = self.fake._store_file(filename or "upload", purpose, data)
        with self.fake._lock:
            self.fake.uploads.append(stored.id)
        self._send(200, stored.obj())

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

        self._send(200, _completion_obj(fake, body, reply), reply.headers)


def _completion_obj(fake: FakeOpenAIServer, body: dict, reply: Reply) -> dict[str, Any]:
    """The chat.completion a 200 reply stands for, usage counted as the fake counts it."""
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
    return completion_obj


def _model_obj(name: str) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": 0, "owned_by": "fake"}


def _no_model(name: str) -> str:
    return f"The model `{name}` does not exist or you do not have access to it."


def _parse_batch_file(data: bytes) -> tuple[list[dict], list[dict]]:
    """The lines of a batch input file, and the validation errors the real API would report."""
    lines: list[dict] = []
    errors: list[dict] = []
    seen: set[str] = set()
    models: set[str] = set()

    def error(number: int, code: str, message: str) -> None:
        errors.append({"code": code, "message": message, "param": None, "line": number})

    if len(data) > 200 * 1024 * 1024:
        error(0, "file_too_large", "The batch input file is larger than 200 MB.")
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            error(number, "invalid_json_line", "This line is not parseable as valid JSON.")
            continue
        if not (isinstance(line, dict) and isinstance(line.get("custom_id"), str)
                and line.get("method") == "POST" and isinstance(line.get("body"), dict)):
            error(number, "invalid_request", "Each line needs custom_id, method POST, url and body.")
            continue
        if line.get("url") != BATCH_ENDPOINT:
            error(number, "invalid_url", f"The url must be {BATCH_ENDPOINT}, as the batch's endpoint.")
            continue
        if line["custom_id"] in seen:
            error(number, "duplicate_custom_id", "The custom_id for this request is a duplicate.")
            continue
        seen.add(line["custom_id"])
        models.add(str(line["body"].get("model")))
        lines.append(line)
    if len(models) > 1:
        error(0, "mismatched_model", "All requests in a batch must use the same model.")
    if len(lines) > 50_000:
        error(0, "too_many_requests", "A batch holds at most 50,000 requests.")
    if not lines and not errors:
        error(0, "empty_file", "The batch input file is empty.")
    return lines, errors


def _reject_body(fake: FakeOpenAIServer, body: Any) -> tuple[int, str, dict[str, Any]] | None:
    """The checks of a chat-completions body, shared by direct calls and batch lines."""
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
    if isinstance(fmt, dict) and fmt.get("type") in fake.refused_response_formats:
        return fake.refusal_status, fake.refusal_message, {}
    if body.get("stream"):
        return 400, "streaming not supported by the fake", {"param": "stream"}
    return None


class FakeOpenAIServer:
    """Scriptable stand-in for an OpenAI-compatible endpoint on 127.0.0.1.

    Replies come from a FIFO queue (``script``), then from an optional default
    responder (``set_default``), then ``Reply("ok")``. Every chat-completion
    request is recorded in ``requests``, rejected ones included.

    Batches answer their lines from the same queue and responder when they
    finish, and record each line's body in ``batch_requests`` (never in
    ``requests``). A batch says ``in_progress`` to its first
    ``batch_polls_until_done`` retrievals, then ends as ``batch_outcome``
    ("completed", "expired", "failed" or "cancelled"); lines whose custom_id is
    in ``batch_fail_custom_ids`` fail with a 500, as does a line a Reply
    answers with another status.

    Servers that lack a response format refuse it each in their own way:
    ``supports_json_schema = False`` refuses ``json_schema`` as OpenAI-style
    servers do (400, naming response_format); ``refused_response_formats`` (a set
    of response_format types, e.g. ``{"json_schema", "json_object"}``) refuses
    those types with ``refusal_status`` (default 400) and ``refusal_message``,
    which need not mention the format: llama-cpp-python's server, for one,
    answers ``json_schema`` with a 500 and pydantic's wording. Refusals, like the
    other checks, come before the queue, so they use up no scripted reply.

    A server that limits how many requests it takes at once: with ``max_in_flight``
    set to N, a chat completion that arrives while N are being answered is refused
    at once with a 429 and ``Retry-After: limit_retry_after`` (if not None), before
    any other check and without using up a scripted reply; ``rate_limited`` counts
    them. Whatever the limit, ``peak_in_flight`` is the most chat completions
    being answered at once (refused ones included) and ``in_flight_at_arrival`` the
    number, each one included, at the arrival of each.
    """

    supports_json_schema: bool
    refused_response_formats: set[str]
    refusal_status: int
    refusal_message: str
    latency: float
    expected_api_key: str | None
    models: list[str]
    requests: list[dict]

    def __init__(self, latency: float = 0.0, models: list[str] | None = None) -> None:
        self.latency = latency
        self.models = list(models) if models is not None else ["fake-model"]
        self.supports_json_schema = True
        self.refused_response_formats = set()
        self.refusal_status = 400
        self.refusal_message = "this server cannot do that"
        self.expected_api_key = None
        self.requests = []
        self.files: dict[str, StoredFile] = {}
        self.batches: dict[str, FakeBatch] = {}
        self.uploads: list[str] = []
        self.batch_requests: list[dict] = []
        self.batch_polls_until_done = 1
        self.batch_outcome = "completed"
        self.batch_fail_custom_ids: set[str] = set()
        self.max_in_flight: int | None = None
        self.limit_retry_after: str | None = "1"
        self.rate_limited = 0
        self.peak_in_flight = 0
        self.in_flight_at_arrival: list[int] = []
        self._in_flight = 0
        self._lock = threading.Lock()
        self._batch_lock = threading.Lock()  # one batch finishes at a time, outside `_lock`
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
        """Forget the queue, the default responder and the recorded requests (batched ones
        too) and what was counted of them in flight; the limit, if any, stays."""
        with self._lock:
            self._queue.clear()
            self._default = None
            self.requests.clear()
            self.batch_requests.clear()
            self.rate_limited = 0
            self.peak_in_flight = 0
            self.in_flight_at_arrival.clear()

    # -- used by the handler ----------------------------------------------

    def _record(self, path: str, headers: dict[str, str], body: Any) -> None:
        with self._lock:
            self.requests.append({"path": path, "headers": headers, "json": body})

    def _arrive(self) -> bool:
        """Count a chat completion in flight; False when it is one more than the limit."""
        with self._lock:
            self._in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self._in_flight)
            self.in_flight_at_arrival.append(self._in_flight)
            if self.max_in_flight is not None and self._in_flight > self.max_in_flight:
                self.rate_limited += 1
                return False
            return True

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

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

    # -- batch API, used by the handler -----------------------------------

    def _store_file(self, filename: str, purpose: str, data: bytes) -> StoredFile:
        stored = StoredFile(f"file-fake-{self._next_id()}", filename, purpose, data)
        with self._lock:
            self.files[stored.id] = stored
        return stored

    def _create_batch(self, params: dict) -> tuple[int, dict[str, Any]]:
        """POST /v1/batches: the request checks of the real API, then a batch that validates its lines."""
        input_id, endpoint = params.get("input_file_id"), params.get("endpoint")
        stored = self.files.get(input_id) if isinstance(input_id, str) else None
        if stored is None or stored.purpose != "batch":
            return 400, _error_body(400, f"Invalid 'input_file_id': {input_id!r}.", param="input_file_id")
        if endpoint != BATCH_ENDPOINT:
            return 400, _error_body(400, f"Invalid value for 'endpoint': {endpoint!r}.", param="endpoint")
        if params.get("completion_window") != "24h":
            return 400, _error_body(400, "Invalid value for 'completion_window'.", param="completion_window")
        lines, errors = _parse_batch_file(stored.data)
        batch = FakeBatch(f"batch_fake_{self._next_id()}", stored.id, endpoint, "24h",
                          params.get("metadata"), lines, errors)
        with self._batch_lock:
            self.batches[batch.id] = batch
        return 200, batch.obj()

    def _retrieve_batch(self, batch: FakeBatch) -> dict[str, Any]:
        """GET /v1/batches/{id}: one step of the batch's life per retrieval, as scripted."""
        with self._batch_lock:
            batch.retrievals += 1
            now = int(time.time())
            if batch.status in _BATCH_DONE:
                pass
            elif batch.errors:
                batch.status, batch.times["failed"] = "failed", now
            elif batch.cancel_requested:
                self._finish(batch, "cancelled")
            elif batch.retrievals <= self.batch_polls_until_done:
                batch.status = "in_progress"
                batch.times.setdefault("in_progress", now)
            elif self.batch_outcome == "failed":
                batch.errors = [{"code": "fake_failure", "message": "The fake was told to fail this batch.",
                                 "param": None, "line": None}]
                batch.status, batch.times["failed"] = "failed", now
            else:
                self._finish(batch, self.batch_outcome)
            return batch.obj()

    def _cancel_batch(self, batch: FakeBatch) -> dict[str, Any]:
        with self._batch_lock:
            if batch.status not in _BATCH_DONE:
                batch.cancel_requested = True
                batch.status, batch.times["cancelling"] = "cancelling", int(time.time())
            return batch.obj()

    def _finish(self, batch: FakeBatch, status: str) -> None:
        """Run (or, for expired and cancelled batches, skip) every line; write the two files."""
        outputs: list[dict] = []
        failures: list[dict] = []
        for line in batch.lines:
            record: dict[str, Any] = {"id": f"batch_req_fake_{self._next_id()}", "custom_id": line["custom_id"]}
            if status in _UNRUN:
                code, message = _UNRUN[status]
                failures.append(record | {"response": None, "error": {"code": code, "message": message}})
                continue
            code_, body = self._answer_line(line)
            record |= {"response": {"status_code": code_, "request_id": f"req_fake_{self._next_id()}",
                                    "body": body}, "error": None}
            (outputs if code_ == 200 else failures).append(record)
        for records, kind in ((outputs, "output"), (failures, "error")):
            if records:
                data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
                stored = self._store_file(f"{batch.id}_{kind}.jsonl", "batch_output", data)
                setattr(batch, f"{kind}_file_id", stored.id)
        batch.completed, batch.failed = len(outputs), len(failures)
        batch.status, batch.times[status] = status, int(time.time())

    def _answer_line(self, line: dict) -> tuple[int, dict[str, Any]]:
        """A line's status and body, from the same checks and replies as a direct call."""
        body = line["body"]
        with self._lock:
            self.batch_requests.append(body)
        if line["custom_id"] in self.batch_fail_custom_ids:
            return 500, _error_body(500, "The fake was told to fail this request.")
        rejection = _reject_body(self, body)
        if rejection is not None:
            status, message, kwargs = rejection
            return status, _error_body(status, message, **kwargs)
        try:
            reply = self._next_reply(body)
        except Exception as exc:  # a broken responder should fail the test loudly
            return 500, _error_body(500, f"fake responder raised {type(exc).__name__}: {exc}")
        if reply.drop or reply.raw_body is not None:
            return 500, _error_body(500, "The server had an error while processing your request.")
        if reply.status != 200:
            return reply.status, _error_body(reply.status, reply.error_message or f"fake error {reply.status}")
        return 200, _completion_obj(self, body, reply)
