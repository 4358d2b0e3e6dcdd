"""The model layer against a real HTTP server on 127.0.0.1: faults, cache, prompts, budgets."""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from agent.config import CacheMode, StructuredMode
from agent.errors import (
    CacheMissError,
    ContextOverflowError,
    LLMError,
    PromptError,
    StructuredOutputError,
    TruncatedOutputError,
)
from agent.llm.base import Completion, SamplingParams
from agent.llm.cache import ResponseCache, request_key
from agent.llm.tokens import TokenCounter, estimate_tokens
from agent.prompts import ChatMessage, parse_template
from agent.testing.openai_server import Reply
from tests.llm.probe import GOOD, SECRET, TEMPLATE, Answer, make_llm, prompt


# --- faults ---------------------------------------------------------------------------

def test_structured_answer_and_usage(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content=GOOD, prompt_tokens=50, completion_tokens=7))
    llm = make_llm(fake_openai, tmp_path)
    assert llm.structured("probe", prompt(), Answer) == Answer(name="x", count=3)
    assert (llm.stats.calls, llm.stats.prompt_tokens, llm.stats.completion_tokens) == (1, 50, 7)
    sent = fake_openai.requests[-1]["json"]
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["schema"]["required"] == ["name", "count"]


def test_rate_limit_honours_retry_after_then_succeeds(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(status=429, headers={"Retry-After": "0.3"}), Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path, retry_max_wait=2.0)
    started = time.perf_counter()
    assert llm.structured("probe", prompt(), Answer).count == 3
    assert fake_openai.chat_calls == 2
    # The client waited as asked, not its own (0.01 s) backoff.
    assert time.perf_counter() - started >= 0.3


@pytest.mark.parametrize("fault", [Reply(status=500), Reply(status=503), Reply(drop=True),
                                   Reply(delay=2.0)], ids=["500", "503", "drop", "timeout"])
def test_transient_fault_is_retried(fake_openai, tmp_path, fault: Reply) -> None:
    fake_openai.script(fault, Reply(content=GOOD))
    assert make_llm(fake_openai, tmp_path).structured("probe", prompt(), Answer).count == 3
    assert fake_openai.chat_calls == 2


def test_retries_are_bounded_and_end_in_a_clear_error(fake_openai, tmp_path) -> None:
    fake_openai.set_default(lambda body: Reply(status=503))
    with pytest.raises(LLMError) as info:
        make_llm(fake_openai, tmp_path, max_retries=2).text("probe", prompt())
    assert fake_openai.chat_calls == 3
    assert "HTTP 503 after 3 attempts" in str(info.value)


def test_timeout_error_says_what_to_do(fake_openai, tmp_path) -> None:
    fake_openai.set_default(lambda body: Reply(delay=1.5))
    with pytest.raises(LLMError) as info:
        make_llm(fake_openai, tmp_path, timeout=0.3, max_retries=1).text("probe", prompt())
    assert "within 0.3s after 2 attempts" in str(info.value)
    assert "--timeout" in str(info.value)


@pytest.mark.parametrize("status, expected", [
    (400, "refused the request (HTTP 400)"), (403, "refused access (HTTP 403)"),
    (422, "refused the request (HTTP 422)")])
def test_client_errors_fail_at_once(fake_openai, tmp_path, status: int, expected: str) -> None:
    fake_openai.script(Reply(status=status, error_message="bad thing"))
    with pytest.raises(LLMError) as info:
        make_llm(fake_openai, tmp_path).text("probe", prompt())
    assert fake_openai.chat_calls == 1
    assert expected in str(info.value) and "bad thing" in str(info.value)


def test_wrong_key_says_so_without_the_key(fake_openai, tmp_path) -> None:
    fake_openai.expected_api_key = "the-right-key"
    with pytest.raises(LLMError) as info:
        make_llm(fake_openai, tmp_path).text("probe", prompt())
    assert "rejected the API key (HTTP 401)" in str(info.value)
    assert SECRET not in str(info.value)
    assert fake_openai.chat_calls == 1


def test_wrong_model_says_so(fake_openai, tmp_path) -> None:
    with pytest.raises(LLMError) as info:
        make_llm(fake_openai, tmp_path, model="gpt-nonexistent").text("probe", prompt())
    assert "model 'gpt-nonexistent' was not found" in str(info.value)
    assert "--model" in str(info.value)


def test_malformed_json_body_is_a_clear_error(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(raw_body="{not json"))
    with pytest.raises(LLMError) as info:
        make_llm(fake_openai, tmp_path).text("probe", prompt())
    assert "not a valid chat completion" in str(info.value)


def test_schema_failure_is_re_asked_once_with_the_error(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content='{"name": "x", "count": "many"}'),
                       Reply(content=f"```json\n{GOOD}\n```"))
    assert make_llm(fake_openai, tmp_path).structured("probe", prompt(), Answer).count == 3
    reask = fake_openai.requests[-1]["json"]["messages"]
    assert reask[-2] == {"role": "assistant", "content": '{"name": "x", "count": "many"}'}
    assert "count" in reask[-1]["content"] and "not valid" in reask[-1]["content"]


def test_schema_failure_twice_raises_naming_step_and_model(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content="sorry"), Reply(content='{"name": 1}'))
    with pytest.raises(StructuredOutputError) as info:
        make_llm(fake_openai, tmp_path).structured("digest chi2020infoxlm", prompt(), Answer)
    assert "step digest chi2020infoxlm" in str(info.value)
    assert "model fake-model" in str(info.value)
    assert fake_openai.chat_calls == 2


def test_truncated_answer_is_not_parsed(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content='{"name": "x", "count": 3', finish_reason="length"))
    llm = make_llm(fake_openai, tmp_path)
    with pytest.raises(TruncatedOutputError) as info:
        llm.structured("probe", prompt(), Answer)
    assert "cut off" in str(info.value)
    fake_openai.script(Reply(content="half a sent", finish_reason="length"))
    with pytest.raises(TruncatedOutputError):
        llm.text("probe", prompt("other"))
    # Nothing truncated was cached.
    assert llm.cache.entry_files() == []


def test_server_without_json_schema_gets_json_object_with_the_schema(fake_openai, tmp_path
                                                                       ) -> None:
    fake_openai.supports_json_schema = False
    fake_openai.script(Reply(content=GOOD), Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    assert llm.structured("probe", prompt("a"), Answer).count == 3
    assert llm.structured("probe", prompt("b"), Answer).count == 3
    first, fallback, second = (r["json"] for r in fake_openai.requests)
    assert first["response_format"]["type"] == "json_schema"
    schema = first["response_format"]["json_schema"]["schema"]
    assert fallback["response_format"] == {"type": "json_object", "schema": schema}
    assert second["response_format"]["type"] == "json_object"  # remembered, no second 400


def test_server_without_any_response_format_gets_the_schema_in_the_prompt(fake_openai,
                                                                          tmp_path) -> None:
    fake_openai.refused_response_formats = {"json_schema", "json_object"}
    fake_openai.script(Reply(content=GOOD), Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    assert llm.structured("probe", prompt("a"), Answer).count == 3
    assert llm.structured("probe", prompt("b"), Answer).count == 3
    *_, fallback, second = (r["json"] for r in fake_openai.requests)
    assert "response_format" not in fallback
    assert '"count"' in fallback["messages"][-1]["content"]
    assert "response_format" not in second  # remembered
    text_mode = make_llm(fake_openai, tmp_path / "t", structured=StructuredMode.TEXT)
    fake_openai.script(Reply(content=GOOD))
    text_mode.structured("probe", prompt("c"), Answer)
    assert "response_format" not in fake_openai.requests[-1]["json"]


# --- cache ----------------------------------------------------------------------------

def test_cache_hit_makes_no_request(fake_openai, tmp_path) -> None:
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    make_llm(fake_openai, tmp_path).structured("probe", prompt(), Answer)
    assert fake_openai.chat_calls == 1
    again = make_llm(fake_openai, tmp_path)
    assert again.structured("probe", prompt(), Answer).count == 3
    assert fake_openai.chat_calls == 1
    assert (again.stats.calls, again.stats.cache_hits, again.stats.prompt_tokens) == (0, 1, 0)


def test_key_changes_with_what_determines_the_answer() -> None:
    base = dict(model="m", messages=prompt().messages, params=SamplingParams(),
                json_schema=Answer.model_json_schema(), prompt=prompt())
    key = request_key(**base)
    assert key == request_key(**base)
    assert key.startswith("ra-cache-v1-")
    edited = TEMPLATE.replace("You answer in JSON.", "You answer in JSON, briefly.")
    changes = [
        dict(model="m2"),
        dict(params=SamplingParams(temperature=0.7)),
        dict(params=SamplingParams(max_tokens=100)),
        dict(json_schema=None),
        dict(messages=prompt("other").messages),
        dict(prompt=prompt(template=TEMPLATE.replace("version: 1", "version: 2"))),
        dict(prompt=prompt(template=edited), messages=prompt(template=edited).messages),
    ]
    keys = {request_key(**(base | change)) for change in changes}
    assert key not in keys and len(keys) == len(changes)


def test_api_key_and_endpoint_do_not_change_the_key_nor_reach_the_cache(
        fake_openai, tmp_path) -> None:
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    make_llm(fake_openai, tmp_path).structured("probe", prompt(), Answer)
    other = make_llm(fake_openai, tmp_path, api_key="sk-another-key-999999", timeout=5.0,
                     max_retries=0)
    other.structured("probe", prompt(), Answer)
    assert fake_openai.chat_calls == 1 and other.stats.cache_hits == 1
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert SECRET not in path.read_text(encoding="utf-8")
            assert fake_openai.base_url not in path.read_text(encoding="utf-8")


def test_read_only_miss_names_the_step(fake_openai, tmp_path) -> None:
    llm = make_llm(fake_openai, tmp_path, cache_mode=CacheMode.READ_ONLY)
    with pytest.raises(CacheMissError) as info:
        llm.text("digest chi2020infoxlm", prompt())
    assert "step digest chi2020infoxlm" in str(info.value)
    assert fake_openai.chat_calls == 0


def test_off_mode_always_asks_and_writes_nothing(fake_openai, tmp_path) -> None:
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path, cache_mode=CacheMode.OFF)
    llm.text("probe", prompt())
    llm.text("probe", prompt())
    assert fake_openai.chat_calls == 2
    assert not any(tmp_path.rglob("*.json"))


def test_corrupt_entry_is_a_miss_with_one_warning(fake_openai, tmp_path, caplog) -> None:
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    make_llm(fake_openai, tmp_path).text("probe", prompt("a"))
    make_llm(fake_openai, tmp_path).text("probe", prompt("b"))
    for entry in ResponseCache(tmp_path).entry_files():
        entry.write_text('{"key": "truncated')
    llm = make_llm(fake_openai, tmp_path)
    with caplog.at_level(logging.WARNING, logger="agent"):
        assert llm.text("probe", prompt("a")).text == GOOD
        assert llm.text("probe", prompt("b")).text == GOOD
    warnings = [r for r in caplog.records if "corrupt cache entry" in r.getMessage()]
    assert len(warnings) == 1
    assert fake_openai.chat_calls == 4
    # Rewritten: the next run hits.
    assert make_llm(fake_openai, tmp_path).text("probe", prompt("a")).cached


def _writer(directory: str, worker: int, count: int) -> None:
    cache = ResponseCache(Path(directory))
    for i in range(count):
        # Half the keys are shared by both processes, half their own.
        name = f"shared-{i}" if i % 2 else f"own-{worker}-{i}"
        key = f"ra-cache-v1-{name:0>64}"
        cache.put(key, "step", None, Completion(text=name, model="m"))


def test_two_processes_sharing_a_cache_lose_nothing(tmp_path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), w, 200)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    cache = ResponseCache(tmp_path)
    files = cache.entry_files()
    assert len(files) == 100 + 2 * 100  # shared once, own per worker
    for f in files:
        key = f.name.removesuffix(".json")
        assert cache.get(key, "check") is not None
    assert not list(tmp_path.rglob(".tmp-*"))


# --- concurrency, prompts, tokens, budgets -------------------------------------------

def test_concurrency_is_bounded_and_order_deterministic(fake_openai, tmp_path) -> None:
    in_flight, peak, lock = 0, 0, threading.Lock()

    def responder(body: dict) -> Reply:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.15)
        with lock:
            in_flight -= 1
        question = body["messages"][-1]["content"].split(": ", 1)[1]
        return Reply(content=question.upper())

    fake_openai.set_default(responder)
    llm = make_llm(fake_openai, tmp_path, concurrency=3)
    words = [f"w{i}" for i in range(9)]
    answers = llm.map(lambda w: llm.text("probe", prompt(w)).text, words)
    assert answers == [w.upper() for w in words]
    assert 1 < peak <= 3


def test_prompt_loader_refuses_missing_and_unknown_variables() -> None:
    template = parse_template(TEMPLATE, "test")
    with pytest.raises(PromptError, match="missing question"):
        template.render()
    with pytest.raises(PromptError, match="unknown extra"):
        template.render(question="q", extra="x")
    with pytest.raises(PromptError, match="name"):
        parse_template("version: 1\n--- user ---\nhi\n", "bad")


def test_values_are_inserted_as_data_not_expanded() -> None:
    rendered = parse_template(TEMPLATE, "test").render(question="{{question}} and {{other}}")
    assert rendered.messages[-1].content == "Question: {{question}} and {{other}}"


def test_repository_prompts_load() -> None:
    from agent.prompts import list_prompts

    names = {p.name for p in list_prompts()}
    assert "digest" in names


def test_tiktoken_offline_degrades_to_an_estimate(tmp_path, monkeypatch, caplog) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))  # empty: it would download
    counter = TokenCounter("gpt-4o-mini")
    with caplog.at_level(logging.WARNING, logger="agent"):
        first = counter.count([ChatMessage(role="user", content="hello world " * 50)])
        counter.count([ChatMessage(role="user", content="again")])
    assert first >= 600 / 3
    assert not counter.exact
    assert len([r for r in caplog.records if "tiktoken unavailable" in r.getMessage()]) == 1


def test_estimate_is_conservative_for_non_latin_text() -> None:
    assert estimate_tokens("大規模言語モデル") >= 8
    assert estimate_tokens("a" * 300) >= 100


def test_prompt_over_the_context_is_refused_before_any_request(fake_openai, tmp_path) -> None:
    llm = make_llm(fake_openai, tmp_path, context_window=300)
    with pytest.raises(ContextOverflowError) as info:
        llm.text("probe", prompt("word " * 400), SamplingParams(max_tokens=50))
    assert "context of 300" in str(info.value)
    assert fake_openai.chat_calls == 0


def test_missing_usage_is_counted_here(fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content="an answer of some length", usage=False))
    llm = make_llm(fake_openai, tmp_path)
    llm.text("probe", prompt())
    assert llm.stats.prompt_tokens > 0 and llm.stats.completion_tokens > 0
    assert llm.stats.estimated and "~" in llm.stats.line()


def test_a_fatal_error_stops_the_calls_not_yet_started(fake_openai, tmp_path) -> None:
    fake_openai.expected_api_key = "the-right-key"
    llm = make_llm(fake_openai, tmp_path, concurrency=2)
    with pytest.raises(LLMError, match="HTTP 401"):
        llm.map(lambda w: llm.text("probe", prompt(w)), [f"w{i}" for i in range(20)])
    # At most the calls already in flight when the first failure came back.
    assert fake_openai.chat_calls <= 3
