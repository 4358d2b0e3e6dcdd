"""The one place a model session is built: backend, response cache and gateway.

Every command that may call a model (the CLI's, `batch`, the evals and the library
API) opens a session here, so the choice of backend, the cache directory check
and the account written at the end are the same everywhere.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from agent.config import CacheMode, Settings
from agent.errors import UsageError
from agent.llm.backends import make_backend
from agent.llm.base import Backend
from agent.llm.cache import ResponseCache
from agent.llm.gateway import LLM, RunStats
from agent.llm.model_lock import NOTICE_AFTER

Say = Callable[[str], None]


def _quiet(_: str) -> None:
    """Messages that go nowhere (library use)."""


def check_cache_dir(settings: Settings) -> None:
    """A cache that cannot be written is found out before the first paid call, not after."""
    if settings.cache_mode is not CacheMode.READ_WRITE:
        return
    try:
        settings.cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=settings.cache_dir):
            pass
    except OSError as exc:
        raise UsageError(f"cannot write the cache directory {settings.cache_dir}: "
                         f"{exc.strerror or exc}",
                         "choose a writable --cache-dir, or --cache-mode off") from None


class Session:
    """A backend and a response cache for one command, and the gateways over them."""

    def __init__(self, settings: Settings, backend: Backend | None = None,
                 cache: ResponseCache | None = None, say: Say = _quiet) -> None:
        self.settings = settings
        self.say = say
        self.backend = backend if backend is not None else make_backend(settings)
        self._tell_waits(self.backend)
        if cache is None:
            check_cache_dir(settings)
            cache = ResponseCache(settings.cache_dir, settings.cache_mode)
        self.cache = cache
        self.concurrency = settings.concurrency or self.backend.default_concurrency
        self.llm = self.gateway()
        self._recorded = False
        self._embedded: Backend | None = None
        self._embedded_lock = threading.Lock()

    def gateway(self, stats: RunStats | None = None, backend: Backend | None = None) -> LLM:
        """A gateway over this session's cache, with its own account when `stats` is given
        (batch keeps one per profile) and another backend when given (batch shares one
        bound across profiles)."""
        return LLM(backend or self.backend, self.cache, stats=stats,
                   concurrency=self.concurrency)

    def embedded_backend(self) -> Backend:
        """The embedded model (--model-path, else SmolLM2), whatever the session's backend:
        the session's own when it is embedded, else one made on first need (the local
        judge of a run that writes through an endpoint)."""
        if self.backend.kind == "embedded":
            return self.backend
        with self._embedded_lock:
            if self._embedded is None:
                from agent.llm.local import LocalBackend

                self._embedded = LocalBackend(self.settings)
                self._tell_waits(self._embedded)
            return self._embedded

    def _tell_waits(self, backend: Backend) -> None:
        """An embedded model that waits for another process's says so where this session
        says what it does (the progress line)."""
        lock = getattr(backend, "model_lock", None)
        if lock is not None and self.say is not _quiet:
            lock.say = self.say

    @property
    def model_wait(self) -> float:
        """Seconds this session's embedded models waited for other processes' (0 without)."""
        locks = (getattr(b, "model_lock", None) for b in (self.backend, self._embedded))
        return sum(lock.waited for lock in locks if lock is not None)

    def record_run(self, account: dict[str, Any] | None = None) -> None:
        """Write the run's account (calls, hits, tokens, time) for `cache stats`; by default
        the main gateway's."""
        account = account if account is not None else self.llm.stats.summary()
        self.cache.record_run(account | {"cache_misses": self.cache.misses,
                                         "model": self.backend.model})
        self._recorded = True


@contextmanager
def model_session(settings: Settings, say: Say = _quiet, backend: Backend | None = None,
                  cache: ResponseCache | None = None) -> Iterator[Session]:
    """A session for one command: says which model, and at the end records and says what
    the run cost, even when it failed (the calls made were paid for), and how far an
    endpoint that rate-limited narrowed the calls in flight."""
    session = Session(settings, backend=backend, cache=cache, say=say)
    say(f"using {session.backend.describe()}")
    try:
        yield session
    finally:
        if not session._recorded:
            session.record_run()
            say(session.llm.stats.line())
        limiter = getattr(session.backend, "limiter", None)  # an endpoint's window
        if limiter is not None and (limited := limiter.account()) is not None:
            say(limited)
        if (waited := session.model_wait) >= NOTICE_AFTER:
            say(f"waited {waited:.1f}s in all for the embedded model while other "
                f"research-agent processes used it")
