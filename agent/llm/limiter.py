"""How many requests an endpoint is sent at once: a window that adapts the way TCP's
congestion window does, additive increase and multiplicative decrease (AIMD).

The window starts at its cap, so an endpoint that does not limit is never throttled.
A sign of congestion (a rate limit, an overloaded server asking for a pause, a
timeout) halves it, at most once per round: the failures of requests sent before the
window shrank are the same congestion, already answered. A Retry-After holds every
new request back until it has passed. Each window's worth of successes, while the
window is in use, adds one request, up to the cap again.

Why by hand: the window is a counter and a condition variable. tenacity, which
retries each call, keeps nothing between calls; the rate limiters on PyPI pace
requests to a rate known in advance; the few that adapt a concurrency window are
0.1 releases, asyncio-first, that would bring more than they save.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class Slot:
    """One request's place in the window, taken in the window's current round."""

    def __init__(self, limiter: AIMDLimiter, round_: int) -> None:
        self._limiter = limiter
        self.round = round_
        self._congested = False

    def congested(self, retry_after: float | None = None, reason: str = "") -> bool:
        """This request met congestion (a 429, a 503 asking for a pause, a timeout): the
        window shrinks unless it already has since the request was sent, and new
        requests wait out `retry_after`. True when this request shrank the window; False
        when it was sent under a larger window than the present one, so the endpoint
        refused what the limiter has since stopped sending."""
        self._congested = True
        return self._limiter._congestion(self, retry_after, reason)


class AIMDLimiter:
    """The window of requests in flight to one endpoint (thread-safe); see the module."""

    def __init__(self, cap: int, *, start: int | None = None, name: str = "the endpoint",
                 clock: Callable[[], float] = time.monotonic) -> None:
        if cap < 1:
            raise ValueError(f"the cap on requests in flight must be at least 1, not {cap}")
        self.cap = cap
        self.name = name
        self._size = max(1, min(cap, start if start is not None else cap))
        self._credit = 0  # successes since the window last grew or shrank
        self._in_flight = 0
        self._round = 0  # how many times the window has shrunk
        self._resume_at = 0.0  # no request starts before this (Retry-After)
        self._lowest = self._size
        self._clock = clock
        self._cond = threading.Condition()
        self.peak = 0  # the most requests in flight at once
        self.backoffs = 0  # how many times the window shrank

    @property
    def window(self) -> int:
        """How many requests may be in flight now."""
        with self._cond:
            return self._size

    @property
    def in_flight(self) -> int:
        """How many requests are in flight now."""
        with self._cond:
            return self._in_flight

    @contextmanager
    def slot(self) -> Iterator[Slot]:
        """Wait for room in the window (and the end of any pause), hold it while the
        request runs. A request that ends without an exception is a success and may
        widen the window; one that fails without being marked congested leaves it."""
        slot = Slot(self, self._acquire())
        ok = False
        try:
            yield slot
            ok = True
        finally:
            self._release(ok and not slot._congested)

    def _acquire(self) -> int:
        with self._cond:
            while True:
                pause = self._resume_at - self._clock()
                if pause <= 0 and self._in_flight < self._size:
                    break
                self._cond.wait(timeout=pause if pause > 0 else None)
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
            return self._round

    def _release(self, success: bool) -> None:
        with self._cond:
            # Only a window in use earns more room: one that is half idle proves nothing
            # about the endpoint (RFC 7661's reasoning for TCP).
            if success and self._size < self.cap and 2 * self._in_flight >= self._size:
                self._credit += 1
                if self._credit >= self._size:
                    self._size += 1
                    self._credit = 0
            self._in_flight -= 1
            self._cond.notify_all()

    def _congestion(self, slot: Slot, retry_after: float | None, reason: str) -> bool:
        with self._cond:
            if retry_after is not None and retry_after > 0:
                self._resume_at = max(self._resume_at, self._clock() + retry_after)
            if slot.round != self._round:
                return False
            before = self._size
            self._size = max(1, self._size // 2)
            self._credit = 0
            self._round += 1
            self.backoffs += 1
            lowest = self._size < self._lowest
            self._lowest = min(self._lowest, self._size)
            self._cond.notify_all()
        wait = f"; waiting {retry_after:g}s as asked" if retry_after else ""
        # A warning the first time the window reaches each new low (a handful of lines
        # a run at most); the steady probing at the endpoint's limit is only logged.
        log.log(logging.WARNING if lowest else logging.DEBUG,
                "%s: %s%d requests in flight at most from now on, down from %d%s", self.name,
                f"{reason}; " if reason else "", self._size, before, wait)
        return True
