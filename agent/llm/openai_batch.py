"""Structured calls through the OpenAI Batch API, answers stored in the response cache.

Why: the Batch API costs half as much and has its own rate limits, so the many
independent digest calls of a large run are cheaper sent as one file. Each
answer is stored under the key `LLM.structured` computes for the same call, so
the normal run that follows finds it as a cache hit; an answer that fails or
does not validate is simply not stored, and the normal run asks for it directly.

A submitted batch is recorded in a state file (`<state_dir>/<batch_id>.json`)
before any polling, so an interrupted run (Ctrl-C, a crash, `max_wait`) collects
it on the next call instead of paying for it twice.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import openai
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ConfigDict, ValidationError

from agent.config import CacheMode
from agent.errors import LLMError, UsageError
from agent.llm.base import Completion
from agent.llm.cache import atomic_write
from agent.llm.client import RemoteClient, public_url
from agent.llm.gateway import LLM, PendingCall

T = TypeVar("T")

ENDPOINT = "/v1/chat/completions"
STATE_SUBDIR = "openai-batches"
# The Batch API's limits per input file.
MAX_LINES = 50_000
MAX_BYTES = 200 * 1024 * 1024
_FINAL = ("completed", "failed", "expired", "cancelled")


class BatchOutcome(BaseModel):
    """What a batch run did: batches polled, requests sent, answers stored or not."""

    batch_ids: list[str] = []
    submitted: int = 0  # requests sent in new batches by this call
    stored: int = 0  # answers now in the cache
    failed: int = 0  # requests left for the normal run to ask directly
    reused: int = 0  # of `stored`, answers from a batch an earlier call submitted
    prompt_tokens: int = 0
    completion_tokens: int = 0


class BatchState(BaseModel):
    """One state file: enough to find a submitted batch again; never a credential."""

    model_config = ConfigDict(extra="forbid")

    batch_id: str
    input_file_id: str
    endpoint: str  # public_url of the base URL, to resume only where it was submitted
    model: str
    submitted_at: float
    steps: dict[str, str]  # custom_id (the cache key) -> step name


class BatchNotReady(LLMError):
    """max_wait ran out with batches still running; the next call collects them."""


@dataclass
class _Tracked:
    state: BatchState
    path: Path
    resumed: bool


def state_dir_for(cache_dir: Path) -> Path:
    """Where the state files live: beside the cache entries they will become."""
    return cache_dir / STATE_SUBDIR


def run_openai_batch(
    llm: LLM, calls: Sequence[PendingCall], *, state_dir: Path, poll_seconds: float = 10.0,
    max_wait: float | None = None, progress: Callable[[str], None] = lambda _: None,
) -> BatchOutcome:
    """Answer `calls` through the Batch API (resuming batches an earlier call left
    running), store every valid answer in llm's cache and say what happened."""
    backend = _remote(llm)
    wanted = {call.key: call for call in calls}  # one request per cache key
    outcome = BatchOutcome()
    if not wanted:
        return outcome
    tracked = _resumable(backend, wanted, state_dir, progress)
    on_record = {key for t in tracked for key in t.state.steps}
    fresh = [call for key, call in wanted.items() if key not in on_record]
    for chunk in _chunks([_line(backend, call) for call in fresh]):
        tracked.append(_submit(backend, chunk, state_dir, progress))
    outcome.submitted = len(fresh)
    outcome.batch_ids = [t.state.batch_id for t in tracked]
    settled: set[str] = set()
    _await(llm, backend, tracked, wanted, settled, outcome, poll_seconds, max_wait, progress)
    outcome.failed = len(wanted) - len(settled)
    return outcome


def _remote(llm: LLM) -> RemoteClient:
    """The backend, if it can take a batch; the cache, if it can keep the answers."""
    if not isinstance(llm.backend, RemoteClient):
        raise UsageError("--openai-batch needs an OpenAI endpoint, not the embedded model",
                         "give --api-key (and --base-url if not api.openai.com), or drop "
                         "--openai-batch")
    if llm.cache.mode is not CacheMode.READ_WRITE:
        raise UsageError("--openai-batch keeps its answers in the cache, which is "
                         f"{llm.cache.mode.value}", "use --cache-mode read-write")
    return llm.backend


def _line(backend: RemoteClient, call: PendingCall) -> tuple[str, str, bytes]:
    """A JSONL line asking exactly what `structured` would ask directly."""
    body = backend.request_body(call.prompt.messages, call.params, call.json_schema,
                                call.answer_type.__name__)
    line = {"custom_id": call.key, "method": "POST", "url": ENDPOINT, "body": body}
    return call.key, call.step, (json.dumps(line) + "\n").encode("utf-8")


def _chunks(lines: list[tuple[str, str, bytes]]) -> list[list[tuple[str, str, bytes]]]:
    """Lines split into files within the API's limits on lines and bytes."""
    chunks: list[list[tuple[str, str, bytes]]] = []
    size = 0
    for line in lines:
        if not chunks or len(chunks[-1]) >= MAX_LINES or size + len(line[2]) > MAX_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += len(line[2])
    return chunks


def _submit(
    backend: RemoteClient, chunk: list[tuple[str, str, bytes]], state_dir: Path,
    progress: Callable[[str], None],
) -> _Tracked:
    """Upload one file, start its batch and record it before anything else can go wrong."""
    data = b"".join(line for _, _, line in chunk)
    name = f"research-agent-{int(time.time())}.jsonl"
    upload = _api(backend, lambda sdk: sdk.files.create(file=(name, data), purpose="batch"),
                  "the batch file upload")
    batch = _api(backend, lambda sdk: sdk.batches.create(
        input_file_id=upload.id, endpoint=ENDPOINT, completion_window="24h",
        metadata={"source": "research-agent", "requests": str(len(chunk))}),
        "the batch creation")
    state = BatchState(batch_id=batch.id, input_file_id=upload.id,
                       endpoint=public_url(backend.base_url), model=backend.model,
                       submitted_at=time.time(), steps={key: step for key, step, _ in chunk})
    path = state_dir / f"{batch.id}.json"
    atomic_write(path, state.model_dump_json(indent=1))
    progress(f"OpenAI batch {batch.id}: submitted {len(chunk)} requests")
    return _Tracked(state, path, resumed=False)


def _resumable(
    backend: RemoteClient, wanted: dict[str, PendingCall], state_dir: Path,
    progress: Callable[[str], None],
) -> list[_Tracked]:
    """Batches an earlier call submitted for some of these requests at this endpoint."""
    found: list[_Tracked] = []
    for path in sorted(state_dir.glob("*.json")) if state_dir.is_dir() else ():
        try:
            state = BatchState.model_validate_json(path.read_bytes())
        except (OSError, ValidationError):
            progress(f"ignoring unreadable batch state file {path}")
            continue
        if (state.endpoint, state.model) != (public_url(backend.base_url), backend.model):
            continue
        if not wanted.keys() & state.steps.keys():
            continue  # another run's batch: left for the run that wants it
        if not _known(backend, state.batch_id):
            progress(f"OpenAI batch {state.batch_id} is unknown at "
                     f"{public_url(backend.base_url)}; submitting its requests again")
            path.unlink(missing_ok=True)
            continue
        progress(f"OpenAI batch {state.batch_id}: resuming, {len(state.steps)} requests "
                 f"submitted earlier")
        found.append(_Tracked(state, path, resumed=True))
    return found


def _await(
    llm: LLM, backend: RemoteClient, tracked: list[_Tracked], wanted: dict[str, PendingCall],
    settled: set[str], outcome: BatchOutcome, poll_seconds: float, max_wait: float | None,
    progress: Callable[[str], None],
) -> None:
    """Poll until every batch is final, collecting each as it ends."""
    started = time.monotonic()
    running = list(tracked)
    while True:
        still: list[_Tracked] = []
        for t in running:
            batch = _api(backend, lambda sdk: sdk.batches.retrieve(t.state.batch_id),
                         f"batch {t.state.batch_id}")
            counts = batch.request_counts
            done = f", {counts.completed}/{counts.total} done, {counts.failed} failed" if counts else ""
            progress(f"OpenAI batch {batch.id}: {batch.status}{done}")
            if batch.status in _FINAL:
                _collect(llm, backend, t, batch, wanted, settled, outcome, progress)
            else:
                still.append(t)
        running = still
        if not running:
            return
        waited = time.monotonic() - started
        if max_wait is not None and waited >= max_wait:
            ids = ", ".join(t.state.batch_id for t in running)
            raise BatchNotReady(f"OpenAI batch {ids} still running after {waited:.0f}s",
                                "run the same command again to collect the answers; nothing "
                                "will be submitted twice")
        time.sleep(poll_seconds if max_wait is None else min(poll_seconds, max_wait - waited))


def _collect(
    llm: LLM, backend: RemoteClient, t: _Tracked, batch: Any, wanted: dict[str, PendingCall],
    settled: set[str], outcome: BatchOutcome, progress: Callable[[str], None],
) -> None:
    """Store the valid answers of a finished batch, then forget its state file."""
    if batch.status != "completed":
        errors = getattr(batch.errors, "data", None) or []
        why = f": {errors[0].message}" if errors and errors[0].message else ""
        progress(f"OpenAI batch {batch.id} {batch.status}{why}; its unanswered requests will "
                 f"be asked directly")
    for record in _records(backend, batch.output_file_id):
        call = wanted.get(str(record.get("custom_id")))
        response = record.get("response") or {}
        if call is None or call.key in settled or response.get("status_code") != 200:
            continue
        try:
            completion = backend._completion(ChatCompletion.model_validate(response.get("body")),
                                             call.prompt.messages)
        except (ValidationError, LLMError):
            continue
        if llm.settle(call, completion):
            _count(outcome, completion, t.resumed)
            settled.add(call.key)
    failures = _records(backend, batch.error_file_id)
    if failures:
        progress(f"OpenAI batch {batch.id}: {len(failures)} requests failed "
                 f"({_first_error(failures[0])}); they will be asked directly")
    t.path.unlink(missing_ok=True)


def _records(backend: RemoteClient, file_id: str | None) -> list[dict[str, Any]]:
    """The JSONL records of an output or error file; none if the batch wrote none."""
    if not file_id:
        return []
    text = _api(backend, lambda sdk: sdk.files.content(file_id).text, f"file {file_id}")
    records = []
    for line in text.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


def _count(outcome: BatchOutcome, completion: Completion, resumed: bool) -> None:
    outcome.stored += 1
    outcome.reused += resumed
    outcome.prompt_tokens += completion.usage.prompt_tokens
    outcome.completion_tokens += completion.usage.completion_tokens


def _first_error(record: dict[str, Any]) -> str:
    """The reason a line failed, from either place the API puts it."""
    error = record.get("error") or ((record.get("response") or {}).get("body") or {}).get("error")
    message = error.get("message") if isinstance(error, dict) else None
    return " ".join(str(message or "no reason given").split())[:200]


def _known(backend: RemoteClient, batch_id: str) -> bool:
    """Whether the endpoint still knows a batch (a state file may outlive it, or be
    from another account behind the same URL)."""
    try:
        _api(backend, lambda sdk: sdk.batches.retrieve(batch_id), f"batch {batch_id}")
    except _Missing:
        return False
    return True


class _Missing(LLMError):
    """HTTP 404 on a files or batches call."""


def _api(backend: RemoteClient, call: Callable[[openai.OpenAI], T], what: str) -> T:
    """One SDK call with the client's retries; a lasting failure is one clear LLMError."""
    try:
        return backend.retrying(call)
    except openai.NotFoundError:
        raise _Missing(f"{public_url(backend.base_url)} answered HTTP 404 to {what}",
                       "--openai-batch needs an endpoint with the OpenAI Batch API (files and "
                       "batches)", model=backend.model) from None
    except (openai.OpenAIError, json.JSONDecodeError) as exc:
        raise backend._error(exc) from None
