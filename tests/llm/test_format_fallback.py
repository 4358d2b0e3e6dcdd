"""`--structured auto` against servers that refuse a response format, however they say it.

The client asks for a structured answer as json_schema, then json_object with the schema,
then with the schema in the prompt; the first form a server takes is kept. A refusal is
any HTTP error but 401/403/404/429, whatever its status or wording (llama-cpp-python's
server answers json_schema with a 500), so these tests word them unrelatedly on purpose.
"""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from agent.config import CacheMode, StructuredMode
from agent.errors import LLMError
from agent.llm.base import SamplingParams
from agent.llm.client import RemoteClient
from agent.llm.gateway import LLM
from agent.testing.openai_server import FakeOpenAIServer, Reply
from tests.conftest import PROFILES
from tests.llm import probe
from tests.llm.probe import GOOD, Answer, prompt

# What llama-cpp-python's server (0.3.x) sends for json_schema, and two that say nothing.
LLAMA_CPP_500 = ("1 validation error for CreateChatCompletionRequest\nresponse_format.type\n"
                 "  Input should be 'text' or 'json_object'")
UNRELATED = "something went wrong on our side, sorry"


def make_llm(server: FakeOpenAIServer, cache_dir: Path, **overrides) -> LLM:
    """The probe's gateway with no cache: every call reaches the server."""
    return probe.make_llm(server, cache_dir, **{"cache_mode": CacheMode.OFF, "timeout": 2.0,
                                                **overrides})


def client_of(llm: LLM) -> RemoteClient:
    assert isinstance(llm.backend, RemoteClient)
    return llm.backend


def forms(server: FakeOpenAIServer) -> list[str]:
    """The form of each chat request the server saw: its response_format type, or text."""
    return [(r["json"].get("response_format") or {}).get("type", "text")
            for r in server.requests]


def schema_sent(request: dict) -> dict:
    fmt = request["response_format"]
    return fmt["json_schema"]["schema"] if fmt["type"] == "json_schema" else fmt["schema"]


# --- stepping down ----------------------------------------------------------------------

@pytest.mark.parametrize(("status", "message"), [
    (500, LLAMA_CPP_500), (400, UNRELATED), (422, UNRELATED), (500, UNRELATED)])
def test_a_refused_json_schema_steps_down_to_json_object_at_once_and_for_good(
        fake_openai, tmp_path, caplog, status, message) -> None:
    fake_openai.refused_response_formats = {"json_schema"}
    fake_openai.refusal_status, fake_openai.refusal_message = status, message
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    with caplog.at_level(logging.INFO, logger="agent"):
        assert llm.structured("probe", prompt("a"), Answer).count == 3
        assert llm.structured("probe", prompt("b"), Answer).count == 3
    # One refused request, not retried, then json_object with the very same schema.
    assert forms(fake_openai) == ["json_schema", "json_object", "json_object"]
    refused, fallback, second = (r["json"] for r in fake_openai.requests)
    assert schema_sent(fallback) == schema_sent(refused) == schema_sent(second)
    assert schema_sent(fallback)["required"] == ["name", "count"]
    assert "JSON schema" not in fallback["messages"][-1]["content"]  # not in the prompt too
    assert client_of(llm).structured_form is StructuredMode.JSON_OBJECT
    said = [r.getMessage() for r in caplog.records if "from now on" in r.getMessage()]
    assert len(said) == 1 and f"(HTTP {status})" in said[0] and "json_object" in said[0]
    assert not [r for r in caplog.records if "retrying" in r.getMessage()]


def test_a_server_that_refuses_json_object_too_gets_the_schema_in_the_prompt(
        fake_openai, tmp_path) -> None:
    fake_openai.refused_response_formats = {"json_schema", "json_object"}
    fake_openai.refusal_status, fake_openai.refusal_message = 500, UNRELATED
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    assert llm.structured("probe", prompt("a"), Answer).count == 3
    assert llm.structured("probe", prompt("b"), Answer).count == 3
    assert forms(fake_openai) == ["json_schema", "json_object", "text", "text"]
    for request in fake_openai.requests[2:]:
        assert '"count"' in request["json"]["messages"][-1]["content"]
    assert client_of(llm).structured_form is StructuredMode.TEXT


def test_an_openai_style_refusal_also_lands_on_json_object(fake_openai, tmp_path) -> None:
    """The fake's older switch: 400 naming response_format, json_object still allowed."""
    fake_openai.supports_json_schema = False
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    llm.structured("probe", prompt("a"), Answer)
    llm.structured("probe", prompt("b"), Answer)
    assert forms(fake_openai) == ["json_schema", "json_object", "json_object"]


def test_concurrent_calls_make_one_refused_request(tmp_path) -> None:
    """Calls run from a thread pool: one finds the form, the others wait and use it."""
    with FakeOpenAIServer(latency=0.05) as server:
        server.refused_response_formats = {"json_schema"}
        server.refusal_status = 500
        server.set_default(lambda body: Reply(content=GOOD))
        client = client_of(make_llm(server, tmp_path))
        schema = Answer.model_json_schema()
        with ThreadPoolExecutor(8) as pool:
            texts = list(pool.map(
                lambda i: client.complete(prompt(str(i)).messages, SamplingParams(), schema,
                                          "answer").text, range(16)))
        assert texts == [GOOD] * 16
        assert forms(server).count("json_schema") == 1
        assert forms(server).count("json_object") == 16


def test_request_body_follows_the_form_in_use(fake_openai, tmp_path) -> None:
    """The Batch API path asks exactly what a direct call would ask now."""
    fake_openai.refused_response_formats = {"json_schema"}
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    client, schema = client_of(llm), Answer.model_json_schema()
    before = client.request_body(prompt().messages, SamplingParams(), schema, "answer")
    assert before["response_format"]["type"] == "json_schema"
    llm.structured("probe", prompt("a"), Answer)
    after = client.request_body(prompt().messages, SamplingParams(), schema, "answer")
    assert after["response_format"] == {"type": "json_object", "schema": schema}
    plain = client.request_body(prompt().messages, SamplingParams(), None, None)
    assert "response_format" not in plain


# --- what is not a refusal --------------------------------------------------------------

def test_a_transient_500_on_a_form_that_worked_is_retried_on_that_form(
        fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content=GOOD), Reply(status=500, error_message=UNRELATED),
                       Reply(content=GOOD), Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    for question in "abc":
        assert llm.structured("probe", prompt(question), Answer).count == 3
    assert forms(fake_openai) == ["json_schema"] * 4
    assert client_of(llm).structured_form is StructuredMode.JSON_SCHEMA


def test_a_500_from_every_form_is_the_servers_trouble_retried_on_json_schema(
        fake_openai, tmp_path) -> None:
    """The first call meets a server in trouble (each form 500s, then it recovers): that is
    not about the format, so the first request is retried as any 500 is, and json_schema
    stays the form."""
    fake_openai.script(*[Reply(status=500, error_message=UNRELATED)] * 3,
                       Reply(content=GOOD), Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    assert llm.structured("probe", prompt("a"), Answer).count == 3
    assert llm.structured("probe", prompt("b"), Answer).count == 3
    assert forms(fake_openai) == ["json_schema", "json_object", "text", "json_schema",
                                  "json_schema"]
    assert client_of(llm).structured_form is StructuredMode.JSON_SCHEMA


def test_a_lone_500_on_the_first_call_still_gets_the_answer(fake_openai, tmp_path) -> None:
    """A single transient 500 on the very first request cannot be told from a refusal: the
    client steps down to json_object, which a server that takes json_schema takes too."""
    fake_openai.script(Reply(status=500, error_message=UNRELATED), Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    assert llm.structured("probe", prompt("a"), Answer) == Answer(name="x", count=3)
    assert forms(fake_openai) == ["json_schema", "json_object"]


def test_a_400_from_every_form_is_reported_once_without_retries(fake_openai, tmp_path) -> None:
    fake_openai.script(*[Reply(status=400, error_message="prompt too long for this slot")] * 3)
    llm = make_llm(fake_openai, tmp_path)
    with pytest.raises(LLMError, match=r"refused the request \(HTTP 400\):.*prompt too long"):
        llm.structured("probe", prompt("a"), Answer)
    assert forms(fake_openai) == ["json_schema", "json_object", "text"]
    # Nothing was settled: the next call starts from json_schema again.
    fake_openai.script(Reply(content=GOOD))
    llm.structured("probe", prompt("b"), Answer)
    assert forms(fake_openai)[-1] == "json_schema"


def test_a_4xx_on_a_form_that_worked_steps_down_from_it(fake_openai, tmp_path) -> None:
    """A 4xx is never transient: a schema a server will not take steps down for good."""
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path)
    llm.structured("probe", prompt("a"), Answer)
    fake_openai.refused_response_formats = {"json_schema"}
    fake_openai.refusal_status = 422
    llm.structured("probe", prompt("b"), Answer)
    llm.structured("probe", prompt("c"), Answer)
    assert forms(fake_openai) == ["json_schema", "json_schema", "json_object", "json_object"]


@pytest.mark.parametrize("fault", ["401", "404", "429"])
def test_key_model_and_rate_limit_errors_never_step_down(fake_openai, tmp_path, fault) -> None:
    fake_openai.set_default(lambda body: Reply(content=GOOD))
    if fault == "401":
        fake_openai.expected_api_key = "the-real-key"
        with pytest.raises(LLMError, match="rejected the API key"):
            make_llm(fake_openai, tmp_path).structured("probe", prompt(), Answer)
    elif fault == "404":
        with pytest.raises(LLMError, match="was not found"):
            make_llm(fake_openai, tmp_path, model="no-such-model").structured(
                "probe", prompt(), Answer)
    else:
        fake_openai.script(Reply(status=429, headers={"retry-after-ms": "10"}))
        make_llm(fake_openai, tmp_path).structured("probe", prompt(), Answer)
    assert set(forms(fake_openai)) == {"json_schema"}
    assert fake_openai.chat_calls == (2 if fault == "429" else 1)


# --- pinned forms -----------------------------------------------------------------------

def test_pinned_json_schema_never_falls_back(fake_openai, tmp_path) -> None:
    fake_openai.refused_response_formats = {"json_schema"}
    fake_openai.refusal_status, fake_openai.refusal_message = 500, LLAMA_CPP_500
    llm = make_llm(fake_openai, tmp_path, structured=StructuredMode.JSON_SCHEMA)
    with pytest.raises(LLMError, match=r"failed with HTTP 500 after 4 attempts"):
        llm.structured("probe", prompt(), Answer)
    assert forms(fake_openai) == ["json_schema"] * 4  # retried as any 500, same form
    fake_openai.reset()
    fake_openai.refusal_status = 400
    with pytest.raises(LLMError, match=r"refused the request \(HTTP 400\)"):
        llm.structured("probe", prompt("b"), Answer)
    assert forms(fake_openai) == ["json_schema"]


def test_pinned_json_object_sends_the_schema_there_and_never_falls_back(
        fake_openai, tmp_path) -> None:
    fake_openai.script(Reply(content=GOOD))
    llm = make_llm(fake_openai, tmp_path, structured=StructuredMode.JSON_OBJECT)
    assert llm.structured("probe", prompt(), Answer).count == 3
    sent = fake_openai.requests[0]["json"]
    assert sent["response_format"]["type"] == "json_object"
    assert sent["response_format"]["schema"]["required"] == ["name", "count"]
    fake_openai.refused_response_formats = {"json_object"}
    with pytest.raises(LLMError, match=r"refused the request \(HTTP 400\)"):
        llm.structured("probe", prompt("b"), Answer)
    assert forms(fake_openai) == ["json_object", "json_object"]


def test_cli_takes_structured_json_object(run_cli, fake_openai, tmp_path) -> None:
    fake_openai.set_default(lambda body: Reply(content=json.dumps({
        "contribution": "It presents the notes.", "method": "A method.", "key_result": "",
        "keywords": ["a", "b", "c"]})))
    assert "json-object" in run_cli("digest", "--help").stdout
    result = run_cli("digest", str(PROFILES / "one-paper.txt"), "--structured", "json-object",
                     "--base-url", fake_openai.base_url, "--model", "fake-model",
                     "--cache-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    assert forms(fake_openai) == ["json_object"]
