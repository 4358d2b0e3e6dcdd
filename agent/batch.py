"""Many profiles at once: every record file in a directory to its report.

The steps are the single-profile ones (parse, analyse, pipeline.report, render),
run for several profiles together. What batch adds:
- one model backend and one response cache for all, behind one bound on the
  calls in flight, so a group of profiles never floods an endpoint;
- a failure in one profile is that profile's row in the summary, not the end
  of the run;
- duplicates (the same bytes, or the same person and papers in another file)
  are written once;
- a manifest in the output directory, rewritten after every profile, so a
  re-run skips the finished profiles without parsing their reports again, and
  an interrupted run loses only the profiles in flight (whose answers so far
  are in the cache).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError

from agent import __version__, pipeline
from agent.judge import make_judge
from agent.errors import AgentError, UsageError
from agent.llm.base import Backend, Completion, SamplingParams
from agent.llm.cache import atomic_write, canonical_json
from agent.llm.gateway import LLM, RunStats
from agent.llm.session import Session
from agent.batch_records import (
    INDEX,
    MANIFEST,
    BatchOptions,
    BatchSummary,
    ProfileRun,
    RunStatus,
)
from agent.models import Profile, Report
from agent.names import same_person
from agent.parse import load_profiles
from agent.prompts import ChatMessage
from agent.tasks import TaskRequest, run_task
from agent.render import report_markdown

class BatchProgress(Protocol):
    """What the batch tells its caller while it runs (the CLI draws a bar from it)."""

    def start(self, total: int) -> None:
        """The number of input files."""

    def started(self, run: ProfileRun) -> None:
        """A profile's report is being written."""

    def finished(self, run: ProfileRun) -> None:
        """One file is done, whatever its status."""

    def note(self, message: str) -> None:
        """A line worth showing: a warning, a step of the OpenAI batch."""


class SharedBackend:
    """A backend whose calls, from every profile's gateway, share one bound.

    Why: each profile's LLM bounds its own calls, so N profiles in parallel would
    have N times the calls in flight; the endpoint should see the one number the
    user set."""

    def __init__(self, backend: Backend, concurrency: int) -> None:
        self.inner = backend
        self.kind = backend.kind
        self.model = backend.model
        self.context_window = backend.context_window
        self.default_concurrency = concurrency
        self._slots = threading.BoundedSemaphore(concurrency)

    def complete(self, messages: Sequence[ChatMessage], params: SamplingParams,
                 json_schema: dict[str, Any] | None, schema_name: str | None) -> Completion:
        """The inner call, once a slot is free."""
        with self._slots:
            return self.inner.complete(messages, params, json_schema, schema_name)

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """The inner backend's count."""
        return self.inner.count_tokens(messages)

    def describe(self) -> str:
        """The inner backend's description."""
        return self.inner.describe()


@dataclass
class _Input:
    """One input file on its way: read, parsed, matched against the manifest."""

    path: Path
    run: ProfileRun
    profile: Profile | None = None


def discover(directory: Path, skip: Path | None = None) -> list[Path]:
    """Every visible regular file directly in the directory, in name order.

    Which of them hold records is for the format detection to say: a file it
    cannot read is a failed row, not silently passed over."""
    if not directory.exists():
        raise UsageError(f"no such directory: {directory}", "check the path")
    if not directory.is_dir():
        raise UsageError(f"{directory} is a file, not a directory",
                         "give the directory that holds the profile files")
    skip_dir = skip.resolve() if skip else None
    files = [p for p in sorted(directory.iterdir())
             if p.is_file() and not p.name.startswith(".")
             and (skip_dir is None or p.resolve().parent != skip_dir)]
    if not files:
        raise UsageError(f"{directory} holds no files", "put profile files in it")
    return files


def run_batch(directory: Path, out_dir: Path, session: Session, options: BatchOptions,
              progress: BatchProgress,
              before_reports: Callable[[LLM, list[Profile]], dict[str, Any] | None]
              | None = None) -> BatchSummary:
    """Every profile file in the directory to its report in out_dir; returns the summary.

    The session's backend and cache serve every profile, its concurrency bounds the
    calls in flight across all of them. before_reports may fill the cache first (the
    OpenAI Batch API does the digests)."""
    started = time.perf_counter()
    backend, concurrency = session.backend, session.concurrency
    files = discover(directory, skip=out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    shared = SharedBackend(backend, max(1, concurrency))
    fingerprint = _fingerprint(backend.model, options)
    previous = _previous_runs(out_dir)
    inputs = _prepare(files, directory, options, fingerprint, previous, out_dir)
    summary = BatchSummary(directory=str(directory), output=str(out_dir), model=backend.model,
                           runs=[i.run for i in inputs])
    progress.start(len(inputs))
    for item in inputs:
        for note in item.run.notes:
            progress.note(f"note: {item.run.file}: {note}")
        for warning in item.run.warnings:
            progress.note(f"warning: {item.run.file}: {warning}")
        if item.profile is None:
            progress.finished(item.run)  # failed, duplicate or unchanged: nothing to run
    todo = [i for i in inputs if i.profile is not None]
    lock = threading.Lock()
    if before_reports is not None and todo:
        prefetch = session.gateway(stats=RunStats())  # the client itself, unshared
        summary.openai_batch = before_reports(prefetch, [i.profile for i in todo])  # type: ignore[misc]
        _add_stats(summary, prefetch.stats)

    def one(item: _Input) -> None:
        progress.started(item.run)
        item.run = _report_one(item, session, shared, options, out_dir)
        with lock:
            summary.runs = [i.run for i in inputs]
            atomic_write(out_dir / MANIFEST, summary.model_dump_json(indent=2))
        progress.finished(item.run)

    # Profiles in parallel, so the shared bound stays full while one profile waits on
    # its slowest section; the embedded model (one slot) gains nothing from more.
    workers = max(1, min(concurrency if backend.kind != "embedded" else 1, len(todo)))
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        futures = [pool.submit(one, item) for item in todo]
        # Waited on with a timeout: a signal may land on any thread, and a main thread
        # blocked without one would not see Ctrl-C until the last profile was done.
        while wait(futures, timeout=0.2).not_done:
            pass
        for future in futures:
            future.result()
    finally:
        # On Ctrl-C the profiles not started are dropped, not run to the end first.
        pool.shutdown(wait=False, cancel_futures=True)
    summary.runs = [i.run for i in inputs]
    for run in summary.runs:  # a failed profile's calls were paid for too
        if run.status in (RunStatus.WRITTEN, RunStatus.FAILED):
            _add_stats(summary, run)
    summary.seconds = round(time.perf_counter() - started, 3)
    atomic_write(out_dir / MANIFEST, summary.model_dump_json(indent=2))
    if "html" in options.formats:
        from agent.render_html import batch_index_html

        atomic_write(out_dir / INDEX, batch_index_html(summary))
    return summary


def _prepare(files: list[Path], directory: Path, options: BatchOptions, fingerprint: str,
             previous: dict[str, ProfileRun], out_dir: Path) -> list[_Input]:
    """Read and parse every file; mark the broken, the duplicates and the unchanged."""
    names = _output_names(files)
    inputs: list[_Input] = []
    by_hash: dict[str, str] = {}
    by_person: list[tuple[Profile, str]] = []
    for path in files:
        rel = str(path.relative_to(directory))
        run = ProfileRun(file=rel, name=names[path], status=RunStatus.PENDING)
        item = _Input(path=path, run=run)
        inputs.append(item)
        try:
            run.input_sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError as exc:
            run.status, run.error = RunStatus.FAILED, f"cannot read {rel}: {exc.strerror or exc}"
            continue
        if (first := by_hash.get(run.input_sha256)) is not None:
            run.status, run.duplicate_of = RunStatus.DUPLICATE, first
            continue
        by_hash[run.input_sha256] = rel
        notes: list[str] = []
        try:
            profile = load_profiles([path], as_of=options.as_of, max_bytes=options.max_bytes,
                                    notify=notes.append)
        except AgentError as exc:
            run.status, run.error = RunStatus.FAILED, str(exc)
            continue
        run.notes, run.warnings = notes, [str(issue) for issue in profile.issues]
        run.owner, run.papers = profile.name, len(profile.papers)
        twin = next((name for other, name in by_person if _same_record(profile, other)), None)
        if twin is not None:
            run.status, run.duplicate_of = RunStatus.DUPLICATE, twin
            continue
        by_person.append((profile, rel))
        run.fingerprint = fingerprint
        done = previous.get(rel)
        if done is not None and _finished(done, run, out_dir):
            item.run = done.model_copy(update={
                "status": RunStatus.UNCHANGED, "calls": 0, "cache_hits": 0, "judge_calls": 0,
                "prompt_tokens": 0,
                "completion_tokens": 0, "seconds": 0.0, "notes": run.notes,
                "warnings": run.warnings})
            continue
        item.profile = profile
    return inputs


def _report_one(item: _Input, session: Session, shared: SharedBackend,
                options: BatchOptions, out_dir: Path) -> ProfileRun:
    """One profile's report, written in every format; a failure becomes the row's error."""
    run, profile = item.run, item.profile
    assert profile is not None
    llm = session.gateway(stats=RunStats(), backend=shared)  # the row's own account
    started = time.perf_counter()
    try:
        begun = pipeline.start_report(llm, profile, session.cache,
                                      plan_only=session.settings.no_model,
                                      claim_by_claim=options.claim_by_claim)
        job = pipeline.Job(llm=llm, profile=profile, facts=begun.facts,
                           show_unsupported=options.show_unsupported,
                           claim_by_claim=options.claim_by_claim,
                           plan_only=session.settings.no_model,
                           judge=make_judge(session, llm) if options.judge else None,
                           beside=begun.beside, ahead=begun.ahead)
        report = run_task("report", job, TaskRequest(words=options.words))
        outputs = _write_outputs(report, out_dir, run.name, options.formats)
    except AgentError as exc:
        return _counted(run, llm.stats, started, status=RunStatus.FAILED, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one profile's bug must not end the others
        return _counted(run, llm.stats, started, status=RunStatus.FAILED,
                        error=f"internal error: {type(exc).__name__}: {exc}")
    return _counted(run, llm.stats, started, status=RunStatus.WRITTEN, tally=report.tally,
                    outputs=outputs, owner=report.owner)


def _counted(run: ProfileRun, stats: RunStats, started: float, **update: Any) -> ProfileRun:
    """The row with what the profile's calls cost."""
    return run.model_copy(update={
        "calls": stats.calls, "cache_hits": stats.cache_hits, "judge_calls": stats.judge_calls,
        "prompt_tokens": stats.prompt_tokens, "completion_tokens": stats.completion_tokens,
        "tokens_estimated": stats.estimated,
        "seconds": round(time.perf_counter() - started, 3), **update})


def _write_outputs(report: Report, out_dir: Path, name: str,
                   formats: Sequence[str]) -> list[str]:
    """The report in each format, each file written whole."""
    written = []
    for fmt in formats:
        if fmt == "md":
            text = report_markdown(report)
        elif fmt == "json":
            text = report.model_dump_json(indent=2)
        else:
            from agent.render_html import report_html  # matplotlib loads only for pages

            text = report_html(report)
        path = out_dir / f"{name}.{fmt}"
        atomic_write(path, text)
        written.append(path.name)
    return written


def _add_stats(summary: BatchSummary, stats: RunStats | ProfileRun) -> None:
    """A run's or a row's model use into the totals (both count it in the same fields)."""
    summary.calls += stats.calls
    summary.cache_hits += stats.cache_hits
    summary.judge_calls += stats.judge_calls
    summary.prompt_tokens += stats.prompt_tokens
    summary.completion_tokens += stats.completion_tokens


def _output_names(files: list[Path]) -> dict[Path, str]:
    """Each file's output stem: its own stem, or its whole name when two stems collide."""
    stems: dict[str, int] = {}
    for p in files:
        stems[p.stem] = stems.get(p.stem, 0) + 1
    return {p: p.stem if stems[p.stem] == 1 else p.name.replace(".", "-") for p in files}


def _same_record(a: Profile, b: Profile) -> bool:
    """The same person with the same papers, whatever the files' formats."""
    return ({p.key for p in a.papers} == {p.key for p in b.papers}
            and same_person(a.name, b.name))


def _fingerprint(model: str, options: BatchOptions) -> str:
    """What a finished report depends on besides its input and the cache."""
    material = {"version": __version__, "model": model, "as_of": options.as_of.isoformat(),
                "words": options.words, "show_unsupported": options.show_unsupported,
                "claim_by_claim": options.claim_by_claim, "formats": sorted(options.formats)}
    if options.judge:  # absent when off, so the reports of earlier runs stay finished
        material["judge"] = options.judge
    return hashlib.sha256(canonical_json(material).encode("utf-8")).hexdigest()[:16]


def _previous_runs(out_dir: Path) -> dict[str, ProfileRun]:
    """The rows of the last run's manifest; an unreadable one means starting over."""
    path = out_dir / MANIFEST
    try:
        summary = BatchSummary.model_validate_json(path.read_bytes())
    except (OSError, ValidationError):
        return {}
    return {r.file: r for r in summary.runs}


def _finished(done: ProfileRun, now: ProfileRun, out_dir: Path) -> bool:
    """An earlier run wrote this very input's report with the same options, and it is there."""
    return (done.status in (RunStatus.WRITTEN, RunStatus.UNCHANGED)
            and done.input_sha256 == now.input_sha256 and done.fingerprint == now.fingerprint
            and done.name == now.name
            and bool(done.outputs) and all((out_dir / o).is_file() for o in done.outputs))


def openai_batch_digests(cache_dir: Path, poll_seconds: float, note: Callable[[str], None]
                         ) -> Callable[[LLM, list[Profile]], dict[str, Any] | None]:
    """A step for run_batch's before_reports: every digest not cached yet goes through the
    OpenAI Batch API first (half the price), its answers into the cache, where the reports
    then find them. Returns the batch's outcome, or None when there was nothing to ask."""
    def prefetch(llm: LLM, profiles: list[Profile]) -> dict[str, Any] | None:
        from agent.llm.openai_batch import run_openai_batch, state_dir_for

        calls = pipeline.pending_digests(llm, [p for pr in profiles for p in pr.papers])
        if not calls:
            note("openai batch: every digest is already cached")
            return None
        note(f"openai batch: {len(calls)} digests to ask")
        outcome = run_openai_batch(llm, calls, state_dir=state_dir_for(cache_dir),
                                   poll_seconds=poll_seconds, progress=note)
        note(f"openai batch: {outcome.stored} digests stored in the cache, {outcome.failed} "
             f"left to ask directly")
        return outcome.model_dump()
    return prefetch
