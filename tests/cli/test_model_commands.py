"""Model-backed commands through the CLI against the fake endpoint on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import PROFILES
from agent.testing.openai_server import Reply

SECRET = "sk-cli-SECRET-abcdef0123456789"


def digest_reply(body: dict) -> Reply:
    title = body["messages"][-1]["content"].split("Title: ", 1)[1].split("\n", 1)[0]
    return Reply(content=json.dumps({
        "contribution": f"It presents {title}.", "method": "A method.",
        "key_result": "", "keywords": ["a", "b", "c"]}), prompt_tokens=100, completion_tokens=20)


def llm_args(server, cache: Path) -> list[str]:
    return ["--base-url", server.base_url, "--api-key", SECRET, "--model", "fake-model",
            "--cache-dir", str(cache)]


def test_digest_end_to_end_then_cached(run_cli, fake_openai, tmp_path) -> None:
    fake_openai.set_default(digest_reply)
    profile = str(PROFILES / "unicode-names.txt")
    first = run_cli("digest", profile, "--json", *llm_args(fake_openai, tmp_path))
    assert first.code == 0, first.stderr
    digests = json.loads(first.stdout)
    assert [d["key"] for d in digests] == [
        "nunez2022enonces", "shantian2021dagui", "petrov2020morfologicheskiy",
        "kierkegard2019learning"]
    assert digests[0]["contribution"] == "It presents Énoncés multilingues et modèles de langue."
    assert fake_openai.chat_calls == 4
    assert "using model fake-model at http://127.0.0.1:" in first.stderr
    assert "run: 4 model calls, 0 cache hits, 400 prompt + 80 completion tokens" in first.stderr
    assert "digest 4/4" in first.stderr

    again = run_cli("digest", profile, "--json", *llm_args(fake_openai, tmp_path))
    assert again.stdout == first.stdout
    assert fake_openai.chat_calls == 4
    assert "run: 0 model calls, 4 cache hits, 0 prompt + 0 completion tokens" in again.stderr

    stats = run_cli("cache", "stats", "--cache-dir", str(tmp_path), "--json")
    data = json.loads(stats.stdout)
    assert data["entries"] == 4 and data["bytes"] > 0
    assert data["last_run"]["cache_hits"] == 4 and data["last_run"]["calls"] == 0
    human = run_cli("cache", "stats", "--cache-dir", str(tmp_path))
    assert "4 entries" in human.stdout and "0 misses" in human.stdout

    for result in (first, again, stats, human):
        assert SECRET not in result.stdout + result.stderr
    for path in tmp_path.rglob("*"):
        assert not path.is_file() or SECRET not in path.read_text(encoding="utf-8")

    cleared = run_cli("cache", "clear", "--cache-dir", str(tmp_path))
    assert "removed 4 entries" in cleared.stdout
    assert json.loads(run_cli("cache", "stats", "--cache-dir", str(tmp_path), "--json")
                      .stdout)["entries"] == 0


def test_wrong_key_is_one_line_without_the_key(run_cli, fake_openai, tmp_path) -> None:
    fake_openai.expected_api_key = "the-real-key"
    result = run_cli("digest", str(PROFILES / "one-paper.txt"), *llm_args(fake_openai, tmp_path))
    assert result.code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "rejected the API key (HTTP 401)" in errors[0]
    assert SECRET not in result.stderr and "Traceback" not in result.stderr
    # The error is the last word, after the run's account of what the failed call cost.
    last, before = result.stderr.strip().splitlines()[-1], result.stderr.strip().splitlines()[-2]
    assert last.startswith("error:") and before.startswith("run: 0 model calls")


def test_read_only_cache_miss_is_an_error_naming_the_step(run_cli, fake_openai, tmp_path) -> None:
    result = run_cli("digest", str(PROFILES / "one-paper.txt"), "--cache-mode", "read-only",
                     *llm_args(fake_openai, tmp_path))
    assert result.code == 1
    assert "step digest lovelace2024notes" in result.stderr
    assert fake_openai.chat_calls == 0


def test_flags_win_over_environment(run_cli, fake_openai, tmp_path, monkeypatch) -> None:
    fake_openai.set_default(digest_reply)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens there
    monkeypatch.setenv("RESEARCH_AGENT_MODEL", "not-served")
    result = run_cli("digest", str(PROFILES / "one-paper.txt"), *llm_args(fake_openai, tmp_path))
    assert result.code == 0, result.stderr
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("RESEARCH_AGENT_MODEL", "fake-model")
    monkeypatch.setenv("RESEARCH_AGENT_CACHE_DIR", str(tmp_path / "env-cache"))
    from_env = run_cli("digest", str(PROFILES / "one-paper.txt"))
    assert from_env.code == 0, from_env.stderr
    assert (tmp_path / "env-cache").is_dir()


def test_bad_cache_mode_is_a_usage_error(run_cli) -> None:
    result = run_cli("digest", str(PROFILES / "one-paper.txt"), "--cache-mode", "sometimes")
    assert result.code == 2
