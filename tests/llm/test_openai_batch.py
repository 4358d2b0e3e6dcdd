"""Digests through the OpenAI Batch API, against the fake server's files and batches endpoints.

Why: a batched answer is only worth its discount if the normal run then finds it in
the cache under the very key it would have asked for, and if nothing is lost or
paid twice when a batch fails, expires or is interrupted.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import openai
import pytest

from agent.config import CacheMode, Settings
from agent.errors import LLMError, UsageError
from agent.llm import openai_batch
from agent.llm.base import Completion, SamplingParams
from agent.llm.cache import ResponseCache
from agent.llm.client import RemoteClient
from agent.llm.gateway import LLM, PendingCall
from agent.llm.openai_batch import BatchNotReady, BatchOutcome, run_openai_batch, state_dir_for
from agent.models import Paper, PaperDigest, Profile
from agent.pipeline import DIGEST_PARAMS, DigestAnswer, digest_papers, digest_request
from agent.testing.openai_server import FakeOpenAIServer, Reply
from agent.testing.writer import digest_answer

SECRET = "sk-test-SECRET-0123456789abcdef"


def make_llm(server: FakeOpenAIServer, cache_dir: Path,
             mode: CacheMode = CacheMode.READ_WRITE) -> LLM:
    settings = Settings(base_url=server.base_url, api_key=SECRET, model="fake-model",
                        timeout=2.0, max_retries=2, retry_initial_wait=0.01, retry_max_wait=0.05)
    return LLM(RemoteClient(settings), ResponseCache(cache_dir, mode))


def pending(llm: LLM, papers: list[Paper]) -> list[PendingCall]:
    """The digest calls the cache cannot answer yet, as the batch command collects them."""
    calls = (llm.pending_structured(*digest_request(p), DigestAnswer, DIGEST_PARAMS)
             for p in papers)
    return [c for c in calls if c is not None]


def submit(llm: LLM, calls: list[PendingCall], cache_dir: Path, progress: list[str] | None = None,
           **kwargs: object) -> BatchOutcome:
    lines = progress if progress is not None else []
    return run_openai_batch(llm, calls, state_dir=state_dir_for(cache_dir), poll_seconds=0.0,
                            progress=lines.append, **kwargs)  # type: ignore[arg-type]


def state_files(cache_dir: Path) -> list[Path]:
    return sorted(state_dir_for(cache_dir).glob("*.json"))


def uploaded_ids(fake: FakeOpenAIServer) -> list[str]:
    """The custom_ids of every line of every uploaded batch file, in order."""
    return [json.loads(line)["custom_id"] for file_id in fake.uploads
            for line in fake.files[file_id].data.decode().splitlines()]


@pytest.fixture
def direct(profile: Profile, tmp_path: Path) -> tuple[list[PaperDigest], list[dict]]:
    """The digests and request bodies of a normal run with a fresh cache and no batch."""
    with FakeOpenAIServer() as fake:
        fake.set_default(digest_answer)
        digests = digest_papers(make_llm(fake, tmp_path / "direct-cache"), profile)
        return digests, [r["json"] for r in fake.requests]


def canonical(bodies: list[dict]) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True) for b in bodies)


def test_batched_digests_are_the_normal_runs_cache_hits(fake_openai, profile, tmp_path,
                                                        direct) -> None:
    expected, direct_bodies = direct
    fake_openai.set_default(digest_answer)
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers)
    assert len(calls) == len(profile.papers) == len(direct_bodies)

    outcome = submit(llm, calls, cache)

    assert (outcome.submitted, outcome.stored, outcome.failed, outcome.reused) == (
        len(calls), len(calls), 0, 0)
    assert len(outcome.batch_ids) == len(fake_openai.batches) == len(fake_openai.uploads) == 1
    assert fake_openai.chat_calls == 0
    # The very requests the direct path sends, so the answers are the ones it would get.
    assert canonical(fake_openai.batch_requests) == canonical(direct_bodies)
    assert outcome.prompt_tokens > 0 and outcome.completion_tokens > 0
    assert (llm.stats.calls, llm.stats.prompt_tokens) == (len(calls), outcome.prompt_tokens)
    assert state_files(cache) == []

    later = make_llm(fake_openai, cache)
    assert digest_papers(later, profile) == expected
    assert fake_openai.chat_calls == 0
    assert (later.stats.calls, later.stats.cache_hits) == (0, len(calls))
    assert pending(later, profile.papers) == []


def test_only_the_missing_digests_are_submitted(fake_openai, profile, tmp_path, direct) -> None:
    fake_openai.set_default(digest_answer)
    cache = tmp_path / "cache"
    digest_papers(make_llm(fake_openai, cache), profile.papers[:10])
    asked_directly = fake_openai.chat_calls
    assert asked_directly == 10

    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers)
    outcome = submit(llm, calls, cache)

    missing = [digest_request(p)[0] for p in profile.papers[10:]]
    assert [c.step for c in calls] == missing
    assert uploaded_ids(fake_openai) == [c.key for c in calls]
    assert (outcome.submitted, outcome.stored, len(fake_openai.batch_requests)) == (26, 26, 26)
    assert digest_papers(make_llm(fake_openai, cache), profile) == direct[0]
    assert fake_openai.chat_calls == asked_directly


def test_failed_invalid_and_cut_off_lines_are_asked_directly_later(fake_openai, profile, tmp_path,
                                                                   direct) -> None:
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers)
    by_title = {p.title: p for p in profile.papers}
    titles = list(by_title)
    spoiled = {titles[1]: Reply(status=400, error_message="bad line"),
               titles[2]: Reply(content='{"contribution": "no method field"'),
               titles[3]: Reply(content=digest_answer_for(by_title[titles[3]]), finish_reason="length")}

    def flaky(body: dict) -> Reply | str:
        # Each spoiled paper goes wrong once (in the batch), then is answered faithfully.
        title = body["messages"][1]["content"].split("Title: ", 1)[1].split("\n", 1)[0]
        return spoiled.pop(title, None) or digest_answer(body)

    fake_openai.set_default(flaky)
    fake_openai.batch_fail_custom_ids = {calls[0].key}
    progress: list[str] = []
    outcome = submit(llm, calls, cache, progress)

    assert (outcome.stored, outcome.failed) == (len(calls) - 4, 4)
    assert any("failed" in line and "asked directly" in line for line in progress)
    assert not spoiled  # every spoiled reply was served, by the batch
    assert fake_openai.chat_calls == 0

    later = make_llm(fake_openai, cache)
    assert digest_papers(later, profile) == direct[0]
    assert fake_openai.chat_calls == 4
    asked = {r["json"]["messages"][1]["content"] for r in fake_openai.requests}
    assert asked == {c.prompt.messages[1].content for c in calls[:4]}


def digest_answer_for(paper: Paper) -> str:
    """The faithful answer to a paper's digest prompt, as the writer fake gives it."""
    _, prompt = digest_request(paper)
    return digest_answer({"messages": [m.model_dump() for m in prompt.messages]})


def _max_wait(_: list[str]) -> dict[str, object]:
    return {"max_wait": 0.0}


def _interrupt_on_first_poll(progress: list[str]) -> dict[str, object]:
    def on_line(line: str) -> None:
        progress.append(line)
        if "in_progress" in line:
            raise KeyboardInterrupt

    return {"progress": on_line}


@pytest.mark.parametrize("interrupt", [_max_wait, _interrupt_on_first_poll],
                         ids=["max_wait", "ctrl-c"])
def test_an_interrupted_batch_is_collected_not_submitted_again(
    fake_openai, profile, tmp_path, direct,
    interrupt: Callable[[list[str]], dict[str, object]],
) -> None:
    fake_openai.set_default(digest_answer)
    fake_openai.expected_api_key = SECRET
    fake_openai.batch_polls_until_done = 1_000
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers)
    progress: list[str] = []
    kwargs = interrupt(progress)
    with pytest.raises((BatchNotReady, KeyboardInterrupt)):
        run_openai_batch(llm, calls, state_dir=state_dir_for(cache), poll_seconds=0.0,
                         **{"progress": progress.append, **kwargs})  # type: ignore[arg-type]

    [state] = state_files(cache)
    recorded = json.loads(state.read_text())
    assert recorded["batch_id"] in fake_openai.batches
    assert sorted(recorded["steps"]) == sorted(c.key for c in calls)
    assert (len(fake_openai.uploads), len(fake_openai.batches)) == (1, 1)
    assert fake_openai.batch_requests == []

    fake_openai.batch_polls_until_done = 0
    again = make_llm(fake_openai, cache)
    outcome = submit(again, pending(again, profile.papers), cache)

    assert (len(fake_openai.uploads), len(fake_openai.batches)) == (1, 1)
    assert (outcome.submitted, outcome.stored, outcome.reused) == (0, len(calls), len(calls))
    assert outcome.batch_ids == [recorded["batch_id"]]
    assert state_files(cache) == []
    assert digest_papers(make_llm(fake_openai, cache), profile) == direct[0]
    assert fake_openai.chat_calls == 0


def test_a_batch_unknown_at_the_endpoint_is_submitted_afresh(fake_openai, profile,
                                                            tmp_path) -> None:
    fake_openai.set_default(digest_answer)
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers[:3])
    stale = openai_batch.BatchState(
        batch_id="batch_gone", input_file_id="file-gone", endpoint=fake_openai.base_url,
        model="fake-model", submitted_at=0.0, steps={c.key: c.step for c in calls})
    state_dir_for(cache).mkdir(parents=True)
    (state_dir_for(cache) / "batch_gone.json").write_text(stale.model_dump_json())

    outcome = submit(llm, calls, cache)

    assert (outcome.submitted, outcome.stored, outcome.reused) == (3, 3, 0)
    assert len(fake_openai.batches) == 1 and state_files(cache) == []


@pytest.mark.parametrize("ending", ["expired", "failed", "cancelled"])
def test_a_batch_that_ends_badly_leaves_every_digest_to_the_normal_run(
    fake_openai, profile, tmp_path, direct, ending: str,
) -> None:
    fake_openai.set_default(digest_answer)
    fake_openai.batch_outcome = ending
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers)
    progress: list[str] = []
    if ending == "cancelled":  # someone cancels it on the dashboard while it runs
        fake_openai.batch_polls_until_done = 1_000
        progress_line = progress.append

        def cancel_when_running(line: str) -> None:
            progress_line(line)
            if "in_progress" in line:
                [batch_id] = fake_openai.batches
                sdk = openai.OpenAI(base_url=fake_openai.base_url, api_key="k", max_retries=0)
                assert sdk.batches.cancel(batch_id).status == "cancelling"

        outcome = run_openai_batch(llm, calls, state_dir=state_dir_for(cache), poll_seconds=0.0,
                                   progress=cancel_when_running)
    else:
        outcome = submit(llm, calls, cache, progress)

    assert (outcome.stored, outcome.failed) == (0, len(calls))
    assert any(f"{ending}" in line and "asked directly" in line for line in progress)
    assert state_files(cache) == []
    assert digest_papers(make_llm(fake_openai, cache), profile) == direct[0]
    assert fake_openai.chat_calls == len(calls)


def test_files_are_split_within_the_api_limits_and_keys_sent_once(
    fake_openai, profile, tmp_path, monkeypatch,
) -> None:
    monkeypatch.setattr(openai_batch, "MAX_LINES", 10)
    fake_openai.set_default(digest_answer)
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers)
    # The same paper in two profiles is one request (a duplicate custom_id fails a batch).
    outcome = submit(llm, calls + calls[:5], cache)

    assert len(fake_openai.batches) == len(fake_openai.uploads) == 4
    assert all(len(b.lines) <= 10 for b in fake_openai.batches.values())
    assert sorted(uploaded_ids(fake_openai)) == sorted(c.key for c in calls)
    assert (outcome.submitted, outcome.stored, outcome.failed) == (len(calls), len(calls), 0)


def test_the_api_key_never_reaches_state_cache_or_errors(fake_openai, profile, tmp_path) -> None:
    fake_openai.set_default(digest_answer)
    fake_openai.expected_api_key = SECRET
    fake_openai.batch_polls_until_done = 1_000
    cache = tmp_path / "cache"
    llm = make_llm(fake_openai, cache)
    calls = pending(llm, profile.papers[:4])
    with pytest.raises(BatchNotReady) as waiting:
        submit(llm, calls, cache, max_wait=0.0)
    [state] = state_files(cache)
    written = {state: state.read_text()}
    fake_openai.batch_polls_until_done = 0
    submit(llm, calls, cache)

    written |= {p: p.read_text() for p in cache.rglob("*") if p.is_file()}
    assert len(written) == 1 + len(calls)  # the state file, then one entry per answer
    assert not [p for p, text in written.items() if SECRET in text or "SECRET" in text]
    fake_openai.expected_api_key = "sk-another-key-0000000000"
    with pytest.raises(LLMError) as refused:
        submit(make_llm(fake_openai, tmp_path / "other"), calls, tmp_path / "other")
    for error in (waiting.value, refused.value):
        assert SECRET not in str(error) and "SECRET" not in str(error)
    assert "rejected the API key" in str(refused.value)


class _Embedded:
    """A backend that is not an endpoint, as the embedded model is not."""

    kind, model, context_window, default_concurrency = "embedded", "tiny", 2048, 1

    def complete(self, *args: object) -> Completion:
        raise AssertionError("never asked")

    def count_tokens(self, messages: object) -> int:
        return 1

    def describe(self) -> str:
        return "tiny"


def test_batch_needs_an_endpoint_and_a_writable_cache(fake_openai, profile, tmp_path) -> None:
    embedded = LLM(_Embedded(), ResponseCache(tmp_path / "c"))  # type: ignore[arg-type]
    calls = pending(embedded, profile.papers[:1])
    with pytest.raises(UsageError, match="needs an OpenAI endpoint"):
        submit(embedded, calls, tmp_path / "c")
    with pytest.raises(UsageError, match="read-write"):
        submit(make_llm(fake_openai, tmp_path / "c", CacheMode.OFF), calls, tmp_path / "c")
    assert fake_openai.uploads == [] and fake_openai.chat_calls == 0


def test_settle_stores_only_what_structured_would_accept(fake_openai, profile, tmp_path) -> None:
    llm = make_llm(fake_openai, tmp_path)
    step, prompt = digest_request(profile.papers[0])
    call = llm.pending_structured(step, prompt, DigestAnswer, DIGEST_PARAMS)
    assert call is not None
    good = digest_answer_for(profile.papers[0])
    assert not llm.settle(call, Completion(text="{}", model="fake-model"))
    assert not llm.settle(call, Completion(text=good, model="fake-model", finish_reason="length"))
    assert llm.pending_structured(step, prompt, DigestAnswer, DIGEST_PARAMS) == call
    assert llm.settle(call, Completion(text=good, model="fake-model", finish_reason="stop"))
    assert llm.pending_structured(step, prompt, DigestAnswer, DIGEST_PARAMS) is None
    other = SamplingParams(temperature=0.5, max_tokens=400)
    assert llm.pending_structured(step, prompt, DigestAnswer, other) is not None
    assert llm.structured(step, prompt, DigestAnswer, DIGEST_PARAMS).contribution
    assert fake_openai.chat_calls == 0


def test_the_fake_batch_api_refuses_what_the_real_one_refuses(fake_openai) -> None:
    """Guards the fake: a client bug the real API would catch must not pass here."""
    sdk = openai.OpenAI(base_url=fake_openai.base_url, api_key="k", max_retries=0)

    def batch_of(*bodies: tuple[str, dict]) -> openai.types.Batch:
        data = "".join(json.dumps({"custom_id": cid, "method": "POST", "url": "/v1/chat/completions",
                                   "body": body}) + "\n" for cid, body in bodies).encode()
        upload = sdk.files.create(file=("in.jsonl", data), purpose="batch")
        created = sdk.batches.create(input_file_id=upload.id, endpoint="/v1/chat/completions",
                                     completion_window="24h")
        assert created.status == "validating"
        return sdk.batches.retrieve(created.id)

    hello = {"model": "fake-model", "messages": [{"role": "user", "content": "hi"}]}
    duplicate = batch_of(("a", hello), ("a", hello))
    assert duplicate.status == "failed"
    assert duplicate.errors and duplicate.errors.data[0].code == "duplicate_custom_id"

    fake_openai.batch_polls_until_done = 0
    mixed = batch_of(("ok", hello), ("nope", hello | {"model": "no-such-model"}))
    assert mixed.status == "failed"  # one model per batch

    done = batch_of(("ok", hello), ("nope", hello | {"stream": True}))
    assert (done.status, done.request_counts.completed, done.request_counts.failed) == (
        "completed", 1, 1)
    [error] = [json.loads(x) for x in sdk.files.content(done.error_file_id).text.splitlines()]
    assert (error["custom_id"], error["response"]["status_code"]) == ("nope", 400)
    assert fake_openai.chat_calls == 0 and len(fake_openai.batch_requests) == 2

    with pytest.raises(openai.BadRequestError):
        sdk.batches.create(input_file_id=done.input_file_id, endpoint="/v1/embeddings",
                           completion_window="24h")
    with pytest.raises(openai.NotFoundError):
        sdk.batches.retrieve("batch_missing")
