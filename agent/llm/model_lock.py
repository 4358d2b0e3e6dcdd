"""One embedded model per machine at a time: a lock, across processes, around each generation.

Why: llama.cpp's threads busy-wait for each other at every step of a generation. Two
processes generating at once on the same cores (a second report, `make demo` while a
test runs) preempt each other's threads mid-step, and each waiting thread spins
instead of yielding: on two cores a 1 s call took 20-90 s (issue 18). Taking turns,
call by call, costs each run at most the other's calls; no run spins while the other
generates.

Where: one lock file per user, shared by every research-agent process and every model
file, in the user's runtime directory (`$XDG_RUNTIME_DIR/research-agent/`, a tmpfs that
is emptied at logout) when there is one, else in the user's cache directory
(`$XDG_CACHE_HOME/research-agent/`, by default `~/.cache/research-agent/`). Not in the
response cache (`--cache-dir`): that is one per project folder or per run, and two runs
with two caches would not see each other. `RESEARCH_AGENT_MODEL_LOCK` names another file,
or `off` to run without the lock.

How: filelock's `FileLock` (flock on Unix, so a process that dies, even by Ctrl-C's
os._exit, releases it at once). flock is not fair: a process that releases the model and
asks again a few milliseconds later would usually win over one polling for it, and the
other report would stall. So a second lock, the queue, is taken before the model and let
go once the model is held: a process waiting for the model holds the queue, and the one
that just finished cannot ask again until the waiting one has had its turn.

A wait longer than a second is said on the progress line (the session's `say`), with the
seconds waited; then at most every half minute, so two reports taking turns do not print
a line per call. The session says the total at the end.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from agent.config import Settings

log = logging.getLogger(__name__)

Say = Callable[[str], None]

LOCK_NAME = "embedded-model.lock"
# A setting of one of these turns the lock off.
OFF = frozenset({"off", "0", "false", "no", "none"})
# Seconds of waiting before the progress line says so, and between two such lines.
NOTICE_AFTER = 1.0
NOTICE_EVERY = 30.0
# Seconds between two tries of a held lock: short against a call of a second or more,
# and a try is one system call.
POLL = 0.01

# One holder per lock file in this process: threads take turns here, so only processes
# meet at the file, and a wait there is always another process's doing.
_in_process: dict[Path, threading.Lock] = {}
_in_process_guard = threading.Lock()


def _quiet(_: str) -> None:
    """Messages that go nowhere (library use)."""


def default_lock_dir(env: Mapping[str, str] | None = None) -> Path:
    """The user's runtime directory when there is one, else the user's cache directory;
    read from the platform's variables (as platformdirs would), not from the settings."""
    env = os.environ if env is None else env
    runtime = env.get("XDG_RUNTIME_DIR")
    if runtime and Path(runtime).is_dir():
        return Path(runtime) / "research-agent"
    cache = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "research-agent"


def lock_path(setting: str | None, env: Mapping[str, str] | None = None) -> Path | None:
    """The lock file for a setting: a path, off (None), or unset for the default place."""
    if setting is not None and setting.strip().lower() in OFF:
        return None
    if setting:
        return Path(setting).expanduser()
    try:
        return default_lock_dir(env) / LOCK_NAME
    except RuntimeError:  # no home directory to be found
        return None


class ModelLock:
    """The machine's embedded model, held by one process's call at a time."""

    def __init__(self, path: Path | None, say: Say = _quiet, *,
                 notice_after: float = NOTICE_AFTER, notice_every: float = NOTICE_EVERY) -> None:
        self.path = path
        self.say = say  # the progress line; the session points it at its own
        self.notice_after = notice_after
        self.notice_every = notice_every
        self.waited = 0.0  # seconds this process waited for other processes, in all
        self._last_notice = -math.inf
        self._files: tuple[Any, Any] | None = None
        self._guard = threading.Lock()

    @classmethod
    def for_settings(cls, settings: Settings, say: Say = _quiet) -> ModelLock:
        """The lock a backend takes, where the settings (and the platform) put it."""
        return cls(lock_path(settings.model_lock), say)

    @property
    def on(self) -> bool:
        return self.path is not None

    @contextmanager
    def hold(self) -> Iterator[None]:
        """The model, for one call: waits while another process has it."""
        if self.path is None:
            yield
            return
        with _thread_lock(self.path):
            release = self._take()
            try:
                yield
            finally:
                release()

    def _take(self) -> Callable[[], None]:
        """Queue, then model, then let the queue go; what releases the model."""
        from filelock import Timeout

        try:
            queue, model = self._locks()
            started = time.monotonic()
            wait = _Wait(self, started)
            waits = self._acquire(queue, wait, Timeout)
            try:
                waits |= self._acquire(model, wait, Timeout)
            finally:
                queue.release()
        except OSError as exc:  # a directory that cannot be made or a file not opened
            self._give_up(exc)
            return lambda: None
        waited = time.monotonic() - started
        if waits:  # else the time is the locks' own, half a millisecond
            with self._guard:
                self.waited += waited
        if wait.noticed:
            self.say(f"got the embedded model after {waited:.1f}s")
        return model.release

    def _locks(self) -> tuple[Any, Any]:
        """The queue's and the model's FileLock, made at the first call (filelock is
        imported then, not when a cached run starts)."""
        with self._guard:
            if self._files is None:
                from filelock import FileLock

                assert self.path is not None
                self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                queue = self.path.with_name(self.path.name + ".queue")
                self._files = (FileLock(queue, thread_local=False),
                               FileLock(self.path, thread_local=False))
            return self._files

    def _acquire(self, lock: Any, wait: _Wait, timeout_error: type[Exception]) -> bool:
        """The lock, saying on the progress line when the wait runs long; whether it was
        held by another process when asked for."""
        try:
            lock.acquire(timeout=0)
            return False
        except timeout_error:
            pass
        while True:
            try:
                lock.acquire(timeout=wait.until_notice(), poll_interval=POLL)
                return True
            except timeout_error:
                wait.notice()

    def _give_up(self, exc: OSError) -> None:
        """A lock that cannot be taken never stops a run: it runs without, and says so once."""
        log.warning("cannot take the embedded-model lock %s (%s); running without it, so "
                    "another research-agent process may run its model at the same time "
                    "(RESEARCH_AGENT_MODEL_LOCK names another file, or off)",
                    self.path, exc.strerror or exc)
        self.path = None


class _Wait:
    """One call's wait: when the progress line is next due to say it."""

    def __init__(self, lock: ModelLock, started: float) -> None:
        self.lock = lock
        self.started = started
        self.noticed = False

    def until_notice(self) -> float:
        """Seconds to keep trying before saying something: a second into the wait, and no
        sooner than half a minute after the last line this process printed."""
        due = max(self.started + self.lock.notice_after,
                  self.lock._last_notice + self.lock.notice_every)
        return max(0.0, due - time.monotonic())

    def notice(self) -> None:
        now = time.monotonic()
        self.lock._last_notice = now
        self.noticed = True
        self.lock.say(f"waiting for the embedded model: another research-agent process is "
                      f"using it ({now - self.started:.1f}s so far)")


def _thread_lock(path: Path) -> threading.Lock:
    with _in_process_guard:
        return _in_process.setdefault(path, threading.Lock())
