"""What the command line shows while it works, and how it stops: the stderr and stdout
consoles, warnings as one line each, the batch progress bar, and Ctrl-C.

Results go to stdout; progress, notes, warnings and errors go to stderr, so a
result can be piped or redirected while the user still sees what happens.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich loads when something is printed; the batch's records with it
    from rich.console import Console
    from rich.progress import Progress

    from agent.batch_records import ProfileRun


def stderr() -> Console:
    """Progress, notes and errors: plain text, no markup read into the input's brackets."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, soft_wrap=True)


def stdout() -> Console:
    """Results; off a terminal (a pipe, a file) rich would fold at 80 columns, so room."""
    from rich.console import Console

    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 200)


def progress(message: str) -> None:
    """One line of progress on stderr."""
    stderr().print(message)


class _StderrHandler(logging.Handler):
    """One line per record on whatever sys.stderr is at the time, no tracebacks."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"{record.levelname.lower()}: {record.getMessage()}\n")
        except Exception:  # noqa: BLE001 - logging must never break a run
            self.handleError(record)


def configure_logging(debug: bool) -> None:
    """Warnings from every module of the tool go to stderr (everything, when debugging)."""
    logger = logging.getLogger("agent")
    logger.handlers[:] = [_StderrHandler()]
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: say what is kept, and leave at once.

    Why os._exit: threads waiting on a model would otherwise hold the exit until every
    queued call had been made. Nothing is lost: cache entries, batch manifests and
    reports are each written whole (a temporary file, then a rename)."""
    sys.stderr.write("\ninterrupted: the answers so far are cached; run the command again "
                     "to go on from there\n")
    sys.stderr.flush()
    os._exit(130)


@contextmanager
def exit_on_interrupt() -> Iterator[None]:
    """Ctrl-C ends the command at once, while the block runs; only from the main thread,
    and only when nobody else (a test runner, an embedding program) handles SIGINT."""
    previous = signal.getsignal(signal.SIGINT)
    ours = previous is signal.default_int_handler and \
        threading.current_thread() is threading.main_thread()
    if ours:
        signal.signal(signal.SIGINT, _interrupted)
    try:
        yield
    finally:
        if ours:
            signal.signal(signal.SIGINT, previous)


class BatchBar:
    """Batch progress on stderr: a line per finished profile, and on a terminal a bar
    over all of them that names the ones being written."""

    def __init__(self) -> None:
        self.err = stderr()
        self.done = 0
        self.total = 0
        self.running: list[str] = []
        self.bar: Progress | None = None

    def __enter__(self) -> BatchBar:
        if self.err.is_terminal:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn)

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(), console=self.err,
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("reading the profiles", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def start(self, total: int) -> None:
        self.total = total
        if self.bar is not None:
            self.bar.update(self.task, total=total)

    def started(self, run: ProfileRun) -> None:
        self.running.append(run.file)
        self._describe()

    def finished(self, run: ProfileRun) -> None:
        self.done += 1
        if run.file in self.running:
            self.running.remove(run.file)
        detail = run.error if run.error else (
            f"same record as {run.duplicate_of}" if run.duplicate_of else
            f"{run.papers} paper{'' if run.papers == 1 else 's'}, {run.calls} calls, "
            f"{run.cache_hits} cache hits, "
            f"{run.seconds:.1f}s")
        self.err.print(f"[{self.done}/{self.total}] {run.file}: {run.status.value} ({detail})")
        if self.bar is not None:
            self.bar.update(self.task, advance=1)
            self._describe()

    def _describe(self) -> None:
        if self.bar is None:
            return
        names = ", ".join(self.running[:2]) + (f" +{len(self.running) - 2}"
                                               if len(self.running) > 2 else "")
        self.bar.update(self.task, description=f"writing {names}" if names else "profiles")

    def note(self, message: str) -> None:
        self.err.print(message)

