"""How many requests an endpoint is sent at once: a window that adapts the way TCP's
congestion window does, additive increase and multiplicative decrease (AIMD).

The window starts at its cap, so an endpoint that does not limit is never throttled.
A sign of congestion (a rate limit, an overloaded server, a timeout) halves it, once
a round: the refusals of the other requests sent in the same round are the same
congestion, and do not halve it again. They tell how many the endpoint took,
though: the window does not stay above the requests in flight when the first came
that were not refused (when some were not), as TCP's recovery sets its window by
what was delivered. So a window that starts at 64 against an endpoint that takes 6
is at 6 after one round, not after four halvings. Each window's worth of successes,
while the window is in use, adds one request, up to the cap again. The requests
refused wait as they were asked to (Retry-After) before they are sent again; that
is the retrying's business.

Why by hand: the window is a few counters and a condition variable. tenacity, which
retries each call, keeps nothing between calls; the rate limiters on PyPI pace
requests to a rate known in advance; the few that adapt a concurrency window are
0.1 releases, asyncio-first, that would bring more than they save.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


class Slot:
    """One request's place in the window, taken in the window's current round."""

    def __init__(self, limiter: AIMDLimiter, round_: int) -> None:
        self._limiter = limiter
        self.round = round_
        self._congested = False

    def congested(self, reason: str = "") -> bool:
        """This request met congestion (a 429, an overloaded server, a timeout). True when
        it halved the window; False when the window had already shrunk since the
        request was sent: the endpoint refused what the window no longer sends."""
        self._congested = True
        return self._limiter._congestion(self.round, reason)


class AIMDLimiter:
    """The window of requests in flight to one endpoint (thread-safe); see the module."""

    def __init__(self, cap: int, *, name: str = "the endpoint") -> None:
        if cap < 1:
            raise ValueError(f"the cap on requests in flight must be at least 1, not {cap}")
        self.cap = cap
        self.name = name
        self._size = cap
        self._credit = 0  # successes since the window last grew or shrank
        self._in_flight = 0
        self._round = 0  # how many times the window has halved
        # Of the round before: the requests in flight when it ended, and those refused.
        self._closed = (0, 0)
        self._news: tuple[str, int] | None = None  # a halving not yet told: why, from what
        self._lowest = self._size
        self._cond = threading.Condition()
        self.peak = 0  # the most requests in flight at once
        self.backoffs = 0  # how many times the window halved

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

    def account(self) -> str | None:
        """What the endpoint's limiting did to the run, in a line; None if it did not limit."""
        with self._cond:
            if not self.backoffs:
                return None
            times = "once" if self.backoffs == 1 else f"{self.backoffs} times"
            return (f"{self.name} limited the calls in flight: narrowed {times}, to "
                    f"{min(self._lowest, self._size)} at the lowest, {self._size} of "
                    f"{self.cap} at the end")

    @contextmanager
    def slot(self) -> Iterator[Slot]:
        """Wait for room in the window and hold it while the request runs. A request
        that ends without an exception is a success and may widen the window; one that
        fails without being marked congested leaves it as it is."""
        slot = Slot(self, self._acquire())
        ok = False
        try:
            yield slot
            ok = True
        finally:
            self._release(ok and not slot._congested)

    def _acquire(self) -> int:
        with self._cond:
            while self._in_flight >= self._size:
                self._cond.wait()
            self._in_flight += 1
            self.peak = max(self.peak, self._in_flight)
            news, self._news = self._news, None
            size, lowest = self._size, self._size < self._lowest
            self._lowest = min(self._lowest, self._size)
            taken = self._round
        if news is not None:
            # Told when the next request goes out, by then narrowed by the round's other
            # refusals too; a warning at each new low (a handful of lines a run at most),
            # the steady probing at the endpoint's limit only logged.
            reason, before = news
            log.log(logging.WARNING if lowest else logging.DEBUG,
                    "%s: %s%d requests in flight at most from now on, down from %d", self.name,
                    f"{reason}; " if reason else "", size, before)
        return taken

    def _release(self, success: bool) -> None:
        with self._cond:
            # Only a window in use earns more room: one half idle proves nothing about the
            # endpoint (RFC 7661's reasoning for TCP).
            if success and self._size < self.cap and 2 * self._in_flight >= self._size:
                self._credit += 1
                if self._credit >= self._size:
                    self._size += 1
                    self._credit = 0
            self._in_flight -= 1
            self._cond.notify_all()

    def _congestion(self, round_: int, reason: str) -> bool:
        with self._cond:
            if round_ == self._round:  # the first sign of this congestion: halve
                if self._news is None:
                    self._news = (reason, self._size)
                self._closed = (self._in_flight, 1)
                self._size = _within(max(1, self._size // 2), self._in_flight - 1)
                self._round += 1
                self._credit = 0
                self.backoffs += 1
                return True
            if round_ == self._round - 1:  # the same congestion: how many got through
                flying, refused = self._closed[0], self._closed[1] + 1
                self._closed = (flying, refused)
                self._size = _within(self._size, flying - refused)
            return False


def _within(size: int, got_through: int) -> int:
    """The window, no larger than what got through of the requests in flight when a
    round of refusals began; when nothing did (one request, refused; or a rate whose
    every request was refused) that says nothing of how many the endpoint takes at
    once, and the halving stands alone."""
    return min(size, got_through) if got_through >= 1 else size
