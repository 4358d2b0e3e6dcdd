"""The fake OpenAI server behaves as the real SDK expects, faults included.

Why: later tests trust this fake to stand in for the LLM; if it drifted from
what the `openai` SDK accepts, those tests would pass for the wrong reasons.
"""

from __future__ import annotations

import json
import threading
import time

import openai
import pytest

from agent.testing.openai_server import FakeOpenAIServer, Reply

MESSAGES = [{"role": "user", "content": "Say hello, please."}]  # 18 chars -> 4 prompt tokens


def client_for(server: FakeOpenAIServer, *, timeout: float = 2.0, api_key: str = "test-key") -> openai.OpenAI:
    """The real SDK, without retries, so each fault surfaces exactly once."""
    return openai.OpenAI(base_url=server.base_url, api_key=api_key, max_retries=0, timeout=timeout)


def ask(client: openai.OpenAI, model: str = "fake-model", **kwargs: object) -> object:
    return client.chat.completions.create(model=model, messages=MESSAGES, **kwargs)  # type: ignore[arg-type]


def test_scripted_reply_round_trips_with_usage(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script("Hello there, friend!", Reply(content="second", prompt_tokens=7, completion_tokens=3))
    client = client_for(fake_openai)

    first = ask(client)
    assert first.id == "chatcmpl-fake-1"
    assert first.model == "fake-model"
    assert first.choices[0].message.role == "assistant"
    assert first.choices[0].message.content == "Hello there, friend!"
    assert first.choices[0].finish_reason == "stop"
    assert (first.usage.prompt_tokens, first.usage.completion_tokens, first.usage.total_tokens) == (4, 5, 9)

    second = ask(client)
    assert second.choices[0].message.content == "second"
    assert (second.usage.prompt_tokens, second.usage.completion_tokens, second.usage.total_tokens) == (7, 3, 10)

    third = ask(client)  # queue empty, no default responder
    assert third.choices[0].message.content == "ok"

    assert fake_openai.chat_calls == 3
    recorded = fake_openai.requests[0]
    assert recorded["path"] == "/v1/chat/completions"
    assert recorded["headers"]["authorization"] == "Bearer test-key"
    assert recorded["json"]["messages"] == MESSAGES


def test_default_responder_sees_request_and_usage_can_be_omitted(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.set_default(lambda req: Reply(content=f"echo {req['messages'][-1]['content']}", usage=False))
    out = ask(client_for(fake_openai))
    assert out.choices[0].message.content == "echo Say hello, please."
    assert out.usage is None

    fake_openai.reset()
    assert fake_openai.chat_calls == 0
    assert ask(client_for(fake_openai)).choices[0].message.content == "ok"


def test_models_are_listed(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.models = ["fake-model", "other-model"]
    listed = [m.id for m in client_for(fake_openai).models.list()]
    assert listed == ["fake-model", "other-model"]
    assert fake_openai.chat_calls == 0


def test_finish_reason_length_round_trips(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(content="truncat", finish_reason="length"))
    out = ask(client_for(fake_openai))
    assert out.choices[0].finish_reason == "length"
    assert out.choices[0].message.content == "truncat"


def test_rate_limit_carries_retry_after(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(status=429, error_message="slow down", headers={"Retry-After": "0"}))
    with pytest.raises(openai.RateLimitError) as info:
        ask(client_for(fake_openai))
    assert info.value.response.headers["retry-after"] == "0"
    assert "slow down" in str(info.value)


def test_a_limit_on_requests_in_flight_refuses_the_one_too_many(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.max_in_flight = 2
    fake_openai.limit_retry_after = "3"
    fake_openai.script(Reply(content="first", delay=0.5), Reply(content="second", delay=0.5))
    client = client_for(fake_openai)
    answers: list[str] = []
    slow = [threading.Thread(target=lambda: answers.append(ask(client).choices[0].message.content))
            for _ in range(2)]
    for t in slow:
        t.start()
    while fake_openai.peak_in_flight < 2:
        time.sleep(0.01)
    started = time.monotonic()
    with pytest.raises(openai.RateLimitError) as info:  # a third while two are answered
        ask(client)
    assert time.monotonic() - started < 0.4  # refused at once, not after the others
    assert info.value.response.headers["retry-after"] == "3"
    for t in slow:
        t.join()
    assert sorted(answers) == ["first", "second"]  # the refusal used no scripted reply
    assert (fake_openai.rate_limited, fake_openai.peak_in_flight) == (1, 3)
    assert fake_openai.in_flight_at_arrival == [1, 2, 3]
    assert ask(client).choices[0].message.content == "ok"  # room again
    fake_openai.reset()
    assert (fake_openai.rate_limited, fake_openai.peak_in_flight, fake_openai.max_in_flight) == (0, 0, 2)


def test_server_error_is_internal_server_error(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(status=500, error_message="boom"))
    with pytest.raises(openai.InternalServerError):
        ask(client_for(fake_openai))
    assert ask(client_for(fake_openai)).choices[0].message.content == "ok"  # one fault, then normal


def test_delay_past_timeout_is_timeout_error(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(delay=1.5))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        ask(client_for(fake_openai, timeout=0.3))
    assert time.monotonic() - started < 1.4


def test_server_keeps_serving_while_a_reply_is_delayed(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.set_default(lambda req: Reply(content="slow", delay=1.0) if req.get("user") == "slow" else "fast")
    results: list[str] = []

    def slow_call() -> None:
        results.append(ask(client_for(fake_openai), user="slow").choices[0].message.content)

    slow = threading.Thread(target=slow_call)
    slow.start()
    time.sleep(0.1)
    started = time.monotonic()
    assert ask(client_for(fake_openai)).choices[0].message.content == "fast"
    assert time.monotonic() - started < 0.8
    slow.join(timeout=3.0)
    assert results == ["slow"]


def test_latency_is_added_to_every_reply() -> None:
    with FakeOpenAIServer(latency=0.3) as server:
        started = time.monotonic()
        ask(client_for(server))
        assert time.monotonic() - started >= 0.3
        server.latency = 0.0
        started = time.monotonic()
        ask(client_for(server))
        assert time.monotonic() - started < 0.3


def test_stop_does_not_wait_for_sleeping_handlers() -> None:
    server = FakeOpenAIServer().start()
    server.script(Reply(delay=3.0))
    errors: list[BaseException] = []

    def call() -> None:
        try:
            ask(client_for(server))
        except Exception as exc:  # collected: an exception in a thread would not fail the test
            errors.append(exc)

    caller = threading.Thread(target=call)
    caller.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1.0
    caller.join(timeout=3.0)
    assert not caller.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], openai.APIConnectionError)


def test_drop_is_connection_error(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script(Reply(drop=True))
    with pytest.raises(openai.APIConnectionError) as info:
        ask(client_for(fake_openai))
    assert not isinstance(info.value, openai.APITimeoutError)
    assert fake_openai.chat_calls == 1  # no silent retry consumed a second reply


def test_malformed_json_with_200_raises(fake_openai: FakeOpenAIServer) -> None:
    # openai 3.57.0 does not wrap this: json.JSONDecodeError (a ValueError, not an
    # openai.OpenAIError) escapes from response.json() inside the SDK's _parse.
    fake_openai.script(Reply(raw_body='{"id": "chatcmpl-x", "choices": [', status=200))
    with pytest.raises(json.JSONDecodeError):
        ask(client_for(fake_openai))


def test_unknown_model_is_not_found_and_does_not_consume_the_queue(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.script("kept")
    with pytest.raises(openai.NotFoundError) as info:
        ask(client_for(fake_openai), model="gpt-nope")
    assert "The model `gpt-nope` does not exist" in str(info.value)
    assert info.value.code == "model_not_found"
    assert fake_openai.chat_calls == 1
    assert ask(client_for(fake_openai)).choices[0].message.content == "kept"


def test_wrong_api_key_is_authentication_error_without_leaking_key(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.expected_api_key = "right-key"
    with pytest.raises(openai.AuthenticationError) as info:
        ask(client_for(fake_openai, api_key="sk-secret-wrong-key"))
    assert "Incorrect API key provided" in str(info.value)
    assert "sk-secret-wrong-key" not in str(info.value)
    assert "sk-secret-wrong-key" not in info.value.response.text
    assert ask(client_for(fake_openai, api_key="right-key")).choices[0].message.content == "ok"


def test_json_schema_unsupported_is_bad_request(fake_openai: FakeOpenAIServer) -> None:
    fake_openai.supports_json_schema = False
    schema = {
        "type": "json_schema",
        "json_schema": {"name": "answer", "schema": {"type": "object", "properties": {}}},
    }
    with pytest.raises(openai.BadRequestError) as info:
        ask(client_for(fake_openai), response_format=schema)
    assert "response_format json_schema is not supported by this server" in str(info.value)
    assert info.value.param == "response_format"
    # json_object stays allowed: only json_schema is refused.
    assert ask(client_for(fake_openai), response_format={"type": "json_object"}).choices[0].message.content == "ok"


def test_stream_is_refused(fake_openai: FakeOpenAIServer) -> None:
    with pytest.raises(openai.BadRequestError, match="streaming not supported by the fake"):
        ask(client_for(fake_openai), stream=True)


def test_unknown_path_is_json_404(fake_openai: FakeOpenAIServer) -> None:
    with pytest.raises(openai.NotFoundError):
        client_for(fake_openai).embeddings.create(model="fake-model", input="hi")
