"""Calls in flight to an endpoint adapt to it (issue 18): the client's AIMD window
against the fake server, unlimited, limited to N requests at once, and limited then
freed. Small latencies and Retry-After, so each test takes a fraction of a second."""

from __future__ import annotations

import logging
import re

from agent.config import DEFAULT_CONCURRENCY, Settings
from agent.llm.client import RemoteClient
from agent.llm.session import Session, model_session
from agent.testing.openai_server import FakeOpenAIServer, Reply
from tests.llm.probe import make_llm, prompt

N = 6  # requests the limited fake takes at once


def echo(body: dict) -> Reply:
    return Reply(content=body["messages"][-1]["content"].split(": ", 1)[1].upper())


def ask(llm, words: list[str]) -> list[str]:
    return llm.map(lambda w: llm.text("probe", prompt(w)).text, words)


def limited(fake: FakeOpenAIServer, n: int | None, latency: float = 0.05) -> None:
    fake.latency = latency
    fake.max_in_flight = n
    fake.limit_retry_after = "0.05"
    fake.set_default(echo)


def test_an_endpoint_that_does_not_limit_gets_the_whole_cap(fake_openai, tmp_path) -> None:
    limited(fake_openai, None, latency=0.2)
    llm = make_llm(fake_openai, tmp_path, concurrency=16)
    words = [f"w{i}" for i in range(40)]
    assert ask(llm, words) == [w.upper() for w in words]
    limiter = llm.backend.limiter
    assert (limiter.window, limiter.backoffs, fake_openai.rate_limited) == (16, 0, 0)
    assert limiter.peak == 16
    assert fake_openai.peak_in_flight >= 14  # the server's count races the client's a little


def test_the_default_cap_is_the_window_s_start(fake_openai, tmp_path) -> None:
    llm = make_llm(fake_openai, tmp_path)
    assert llm.concurrency == llm.backend.limiter.cap == llm.backend.limiter.window
    assert llm.concurrency == DEFAULT_CONCURRENCY == 64


def test_a_rate_limited_endpoint_gets_what_it_takes(fake_openai, tmp_path, caplog) -> None:
    """At the default cap against an endpoint that takes N at once: every call answered
    (no retries run out: refusals of requests sent under a wider window are not
    counted), the window narrowed to about N, a few lines of warning, not one per 429."""
    limited(fake_openai, N)
    llm = make_llm(fake_openai, tmp_path)  # max_retries=3: four attempts a call
    limiter = llm.backend.limiter
    words = [f"w{i}" for i in range(60)]
    with caplog.at_level(logging.WARNING, logger="agent"):
        assert ask(llm, words) == [w.upper() for w in words]
    assert fake_openai.rate_limited > 0 and limiter.backoffs >= 1
    # N + 1 is refused; a busy machine may never have had N + 2 in flight to be refused.
    assert limiter.window <= N + 2
    assert not [r for r in caplog.records if "retrying" in r.getMessage()]
    warnings = [r.getMessage() for r in caplog.records if r.name == "agent.llm.limiter"]
    assert 1 <= len(warnings) <= 6, warnings  # one a new low
    assert ": rate-limited (HTTP 429); " in warnings[0]
    assert warnings[0].endswith("requests in flight at most from now on, down from 64")

    # After the backoff: the endpoint sees about N at once, and few refusals.
    fake_openai.reset()
    fake_openai.set_default(echo)
    more = [f"v{i}" for i in range(60)]
    assert ask(llm, more) == [w.upper() for w in more]
    assert N <= fake_openai.peak_in_flight <= N + 2, fake_openai.in_flight_at_arrival
    assert fake_openai.rate_limited <= 6


def test_the_window_recovers_when_the_limit_goes(fake_openai, tmp_path) -> None:
    limited(fake_openai, 4)
    llm = make_llm(fake_openai, tmp_path, concurrency=16)
    limiter = llm.backend.limiter
    ask(llm, [f"w{i}" for i in range(40)])
    assert limiter.window <= 4 + 2
    fake_openai.max_in_flight = None  # the limit is lifted
    fake_openai.reset()
    fake_openai.latency = 0.01
    fake_openai.set_default(echo)
    ask(llm, [f"v{i}" for i in range(200)])
    assert limiter.window == 16  # 3 + 4 + ... + 15 = 117 successes take it back to the cap
    assert fake_openai.rate_limited == 0 and fake_openai.peak_in_flight > 4 + 1


def test_503_with_retry_after_narrows_the_window_503_alone_does_not(fake_openai,
                                                                     tmp_path) -> None:
    fake_openai.script(Reply(status=503), "a",
                       Reply(status=503, headers={"Retry-After": "0.05"}), "b")
    llm = make_llm(fake_openai, tmp_path, concurrency=8)
    assert llm.text("probe", prompt("one")).text == "a"
    assert llm.backend.limiter.window == 8
    assert llm.text("probe", prompt("two")).text == "b"
    assert llm.backend.limiter.window == 4


def test_a_timeout_narrows_the_window(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(delay=1.0), "late but there")
    llm = make_llm(fake_openai, tmp_path, concurrency=8, timeout=0.3)
    assert llm.text("probe", prompt()).text == "late but there"
    assert llm.backend.limiter.window == 4


def test_concurrency_is_the_cap_and_one_window_serves_every_gateway(fake_openai,
                                                                   tmp_path) -> None:
    settings = Settings(base_url=fake_openai.base_url, api_key="k", model="fake-model",
                        cache_dir=tmp_path, concurrency=5)
    session = Session(settings)
    assert isinstance(session.backend, RemoteClient)
    assert session.concurrency == session.llm.concurrency == session.backend.limiter.cap == 5
    # batch gives each profile a gateway of its own: the endpoint still sees one window.
    assert session.gateway().backend.limiter is session.backend.limiter


def test_a_refusal_for_a_window_since_narrowed_is_not_counted_against_the_retries(
        tmp_path) -> None:
    """With no retries at all, a call refused after another request of its round had
    already halved the window is still sent again: the window was at fault, not the
    endpoint. Its own first refusal in a round is counted as usual."""
    import httpx
    import openai

    settings = Settings(base_url="http://127.0.0.1:9/v1", api_key="k", model="fake-model",
                        cache_dir=tmp_path, max_retries=0, retry_initial_wait=0.001)
    client = RemoteClient(settings)
    refused = openai.RateLimitError(
        "slow down", body=None,
        response=httpx.Response(429, request=httpx.Request("POST", settings.base_url)))
    attempts = []

    def call(sdk: object) -> str:
        attempts.append(client.limiter.window)
        if len(attempts) == 1:
            with client.limiter.slot() as other:  # another request of the same round
                assert other.congested("rate-limited")  # refused first: the window halves
            raise refused  # this one: the same congestion
        if len(attempts) == 2:
            return "answered"
        raise AssertionError("not reached")

    assert client.retrying(call) == "answered"
    assert len(attempts) == 2 and client.limiter.backoffs == 1

    def always_refused(sdk: object) -> str:
        raise refused

    try:
        client.retrying(always_refused)
    except openai.RateLimitError:
        pass
    else:
        raise AssertionError("a fresh refusal with no retries left must be raised")
    assert client.limiter.backoffs == 2


def test_the_run_ends_saying_how_far_the_endpoint_narrowed_it(fake_openai, tmp_path) -> None:
    limited(fake_openai, N)
    settings = Settings(base_url=fake_openai.base_url, api_key="k", model="fake-model",
                        cache_dir=tmp_path, retry_initial_wait=0.01, retry_max_wait=0.05)
    said: list[str] = []
    with model_session(settings, say=said.append) as session:
        words = [f"w{i}" for i in range(30)]
        assert ask(session.llm, words) == [w.upper() for w in words]
    assert re.fullmatch(rf"{re.escape(fake_openai.base_url)} limited the calls in flight: "
                        r"narrowed (once|\d+ times), to \d+ at the lowest, \d+ of 64 at the end",
                        said[-1]), said
    said.clear()
    limited(fake_openai, None)
    with model_session(settings, say=said.append) as session:
        ask(session.llm, ["x", "y"])
    assert not [line for line in said if "limited" in line]  # an endpoint that did not
