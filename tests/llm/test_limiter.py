"""The AIMD window of requests in flight (agent/llm/limiter.py), on its own: halved by
congestion once a round, never below one, no wider than what got through a round of
refusals, widened by one a window's worth of successes while in use, never above the
cap."""

from __future__ import annotations

import threading
import time

import pytest

from agent.llm.limiter import AIMDLimiter


def succeed(limiter: AIMDLimiter, times: int, alongside: int = 1) -> None:
    """`times` successes one after another, each with `alongside` requests in flight (it
    included): the others are held meanwhile, and end in a failure that is no sign."""
    others = [limiter.slot() for _ in range(alongside - 1)]
    for other in others:
        other.__enter__()
    for _ in range(times):
        with limiter.slot():
            pass
    for other in others:
        other.__exit__(RuntimeError, RuntimeError("not congestion"), None)


def congest(limiter: AIMDLimiter) -> bool:
    """One request alone in its round, refused."""
    with limiter.slot() as slot:
        return slot.congested()


def test_starts_at_the_cap() -> None:
    assert AIMDLimiter(16).window == 16
    with pytest.raises(ValueError):
        AIMDLimiter(0)


def test_congestion_halves_the_window_down_to_one() -> None:
    limiter = AIMDLimiter(16)
    windows = []
    for _ in range(6):
        assert congest(limiter)
        windows.append(limiter.window)
    assert windows == [8, 4, 2, 1, 1, 1]
    assert limiter.backoffs == 6


def test_requests_sent_before_the_window_shrank_do_not_halve_it_again() -> None:
    limiter = AIMDLimiter(64)
    slots = [limiter.slot() for _ in range(40)]
    held = [s.__enter__() for s in slots]
    assert held[0].congested() is True  # the first refusal halves the window
    assert [s.congested() for s in held[1:4]] == [False] * 3  # the same congestion
    for s in slots:
        s.__exit__(None, None, None)
    assert (limiter.window, limiter.backoffs) == (32, 1)
    assert congest(limiter) is True  # a request sent after it is a new sign
    assert limiter.window == 16


def test_the_window_is_no_wider_than_what_got_through_a_round_of_refusals() -> None:
    limiter = AIMDLimiter(64)
    slots = [limiter.slot() for _ in range(35)]
    held = [s.__enter__() for s in slots]
    for s in held[:29]:  # the endpoint takes 6 of the 35
        s.congested("rate-limited")
    assert (limiter.window, limiter.backoffs) == (6, 1)
    for s in slots[:-1]:
        s.__exit__(None, None, None)
    later = [limiter.slot() for _ in range(2)]
    a, _ = (s.__enter__() for s in later)
    assert a.congested() is True  # 3 in flight, 1 refused: 6 -> 3, then 2 got through
    assert limiter.window == 2
    # A refusal from a round before the last says nothing of this one.
    assert held[-1].congested() is False
    assert (limiter.window, limiter.backoffs) == (2, 2)
    for s in [slots[-1], *later]:
        s.__exit__(None, None, None)
    assert limiter.in_flight == 0


def test_one_refused_request_alone_only_halves_the_window() -> None:
    limiter = AIMDLimiter(64)
    congest(limiter)  # nothing got through: a rate, not a number at once
    assert limiter.window == 32


def test_additive_increase_is_one_per_window_of_successes_up_to_the_cap() -> None:
    limiter = AIMDLimiter(6)
    congest(limiter)
    assert limiter.window == 3
    succeed(limiter, 2, alongside=3)  # 2 < 3 successes: not yet
    assert limiter.window == 3
    succeed(limiter, 1, alongside=3)
    assert limiter.window == 4
    succeed(limiter, 4 + 5, alongside=4)  # 4 to 5, 5 to 6
    assert limiter.window == 6
    succeed(limiter, 20, alongside=4)  # the cap
    assert limiter.window == 6


def test_an_idle_window_does_not_grow() -> None:
    limiter = AIMDLimiter(64)
    for _ in range(3):
        congest(limiter)
    assert limiter.window == 8
    succeed(limiter, 100, alongside=1)  # one in flight of eight proves nothing
    assert limiter.window == 8
    succeed(limiter, 8, alongside=4)  # half the window in use: counts
    assert limiter.window == 9


def test_a_failure_that_is_not_congestion_leaves_the_window() -> None:
    limiter = AIMDLimiter(4)
    congest(limiter)
    for _ in range(5):
        with pytest.raises(RuntimeError), limiter.slot():
            raise RuntimeError("a 400, say")
    assert (limiter.window, limiter.in_flight, limiter.backoffs) == (2, 0, 1)


def test_the_window_bounds_requests_in_flight_across_threads() -> None:
    limiter = AIMDLimiter(5)
    now, peak, lock = 0, 0, threading.Lock()

    def request() -> None:
        nonlocal now, peak
        with limiter.slot():
            with lock:
                now += 1
                peak = max(peak, now)
            time.sleep(0.005)
            with lock:
                now -= 1

    threads = [threading.Thread(target=request) for _ in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == limiter.peak == 5
    assert limiter.in_flight == 0


def test_a_new_low_is_a_warning_the_probing_at_it_is_not(caplog) -> None:
    limiter = AIMDLimiter(8, name="http://127.0.0.1:1/v1")
    with caplog.at_level("DEBUG", logger="agent.llm.limiter"):
        congest(limiter)  # 8 -> 4: a new low, told when the next request goes out
        succeed(limiter, 4, alongside=2)  # back to 5
        with limiter.slot() as slot:
            slot.congested("rate-limited (HTTP 429)")  # 5 -> 2: a new low
        succeed(limiter, 2, alongside=1)
        succeed(limiter, 3, alongside=2)  # back to 4
        congest(limiter)  # 4 -> 2: probing at the limit, not news
        succeed(limiter, 1)
        assert limiter.backoffs == 3
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "http://127.0.0.1:1/v1: 4 requests in flight at most from now on, "
                    "down from 8"),
        ("WARNING", "http://127.0.0.1:1/v1: rate-limited (HTTP 429); 2 requests in flight at "
                    "most from now on, down from 5"),
        ("DEBUG", "http://127.0.0.1:1/v1: 2 requests in flight at most from now on, down "
                  "from 4")]


def test_the_account_says_how_far_it_narrowed() -> None:
    limiter = AIMDLimiter(64, name="http://127.0.0.1:1/v1")
    assert limiter.account() is None  # an endpoint that never limited
    congest(limiter)
    congest(limiter)
    succeed(limiter, 16, alongside=8)
    assert limiter.account() == ("http://127.0.0.1:1/v1 limited the calls in flight: narrowed "
                                 "2 times, to 16 at the lowest, 17 of 64 at the end")
