"""`--judge off|endpoint|local` on the commands that verify, against the fake endpoint.

Every check of the real verifier is marked uncertain here, so that what the judge is
asked does not depend on which sentences the rules happen to leave uncertain."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agent.models import Report, TextCheck
from agent.testing import writer as w
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, PROFILES

AS_OF = ["--as-of", EXAMPLE_AS_OF.isoformat()]
XPR = "zheng2022crosslingual"
TEXT = (f"XPR extracts phrase representations from unlabeled example sentences [{XPR}].\n\n"
        f"Its dataset holds 65,000 bilingual phrase pairs [{XPR}].\n")
ENDPOINT_ENV = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "RESEARCH_AGENT_BASE_URL",
                "RESEARCH_AGENT_API_KEY", "RESEARCH_AGENT_JUDGE")


@pytest.fixture(autouse=True)
def no_endpoint_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENDPOINT_ENV:
        monkeypatch.delenv(name, raising=False)


def endpoint(server, tmp_path: Path) -> list[str]:
    return ["--base-url", server.base_url, "--api-key", "sk-test", "--model", "fake-model",
            "--cache-dir", str(tmp_path / "cache")]


def text_file(tmp_path: Path) -> str:
    path = tmp_path / "text.md"
    path.write_text(TEXT, encoding="utf-8")
    return str(path)


def test_verify_with_an_endpoint_judges_by_default_and_json_carries_the_verdicts(
        run_cli, fake_openai, tmp_path, all_uncertain) -> None:
    fake_openai.set_default(w.judge_answer)
    result = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF, "--json",
                     *endpoint(fake_openai, tmp_path))
    assert result.code == 0, result.stderr
    checked = TextCheck.model_validate_json(result.stdout)
    assert fake_openai.chat_calls == 2
    for sentence in checked.sentences:
        assert sentence.supported and sentence.evidence
        assert sentence.judge is not None and sentence.judge.valid
        assert sentence.judge.model == "fake-model"
        assert sentence.judge.span == sentence.evidence[0].text
    assert "judge fake-model: 2 calls, 0 cache hits" in result.stderr
    plain = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF,
                    *endpoint(fake_openai, tmp_path))
    assert plain.stdout.count("    judged by fake-model: supported, quoting ") == 2
    assert fake_openai.chat_calls == 2  # the second run is the cache's
    assert "judge fake-model: 0 calls, 2 cache hits" in plain.stderr


def test_a_disagreeing_judge_fails_verify_with_its_reason(run_cli, fake_openai, tmp_path,
                                                         all_uncertain) -> None:
    fake_openai.set_default(lambda body: json.dumps(
        {"supported": False, "span": w.evidence_of(body)[0]}))
    result = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF, "--judge",
                     "endpoint", *endpoint(fake_openai, tmp_path))
    assert result.code == 1
    assert result.stdout.count("the judge (fake-model) finds the cited papers do not state "
                               "this") == 2
    assert "    judged by fake-model: not supported, quoting " in result.stdout


def test_judge_off_makes_no_judge_call(run_cli, fake_openai, tmp_path, all_uncertain,
                                       monkeypatch) -> None:
    result = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF, "--judge", "off",
                     *endpoint(fake_openai, tmp_path))
    assert result.code == 0 and fake_openai.chat_calls == 0
    assert "judged by" not in result.stdout and "using" not in result.stderr
    monkeypatch.setenv("RESEARCH_AGENT_JUDGE", "off")  # the environment says it too
    again = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF,
                    *endpoint(fake_openai, tmp_path))
    assert again.code == 0 and fake_openai.chat_calls == 0


def test_verify_without_an_endpoint_runs_no_model(run_cli, tmp_path, all_uncertain) -> None:
    result = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF)
    assert result.code == 0 and "judged by" not in result.stdout
    assert "using" not in result.stderr and "run:" not in result.stderr


@pytest.mark.parametrize("command", [
    ["verify", str(EXAMPLE), "TEXT"], ["report", str(EXAMPLE)], ["bio", str(EXAMPLE)],
    ["ask", str(EXAMPLE), "what is XPR?"], ["write", "grant", str(EXAMPLE), "--topic", "x"],
    ["digest", str(EXAMPLE)], ["batch", str(PROFILES), "-o", "OUT"]])
def test_judge_endpoint_without_an_endpoint_is_a_usage_error(run_cli, tmp_path, monkeypatch,
                                                             command) -> None:
    # Were the check missing, the command would fail at once on this, not run the model.
    monkeypatch.setenv("RESEARCH_AGENT_MODEL_PATH", str(tmp_path / "absent.gguf"))
    args = [a.replace("TEXT", text_file(tmp_path)).replace("OUT", str(tmp_path / "out"))
            for a in command]
    result = run_cli(*args, *AS_OF, "--judge", "endpoint", "--cache-dir", str(tmp_path))
    assert result.code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "error: --judge endpoint needs a model endpoint, and none is configured; give "
        "--base-url")
    assert not (tmp_path / "out").exists()


def test_a_wrong_judge_is_a_usage_error(run_cli, tmp_path, monkeypatch) -> None:
    result = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF, "--judge", "maybe")
    assert result.code == 2 and "'maybe' is not one of" in result.stderr
    monkeypatch.setenv("RESEARCH_AGENT_JUDGE", "maybe")
    from_env = run_cli("verify", str(EXAMPLE), text_file(tmp_path), *AS_OF)
    assert from_env.code == 2 and "RESEARCH_AGENT_JUDGE" in from_env.stderr


def test_eval_takes_no_judge(run_cli) -> None:
    result = run_cli("eval", "--judge", "off")
    assert result.code == 2 and "No such option: --judge" in result.stderr


def test_a_report_counts_its_judge_calls_and_a_rerun_is_cached(run_cli, fake_openai, tmp_path,
                                                               all_uncertain) -> None:
    """End to end: a report through the endpoint, its drafts verified and judged; the run
    line gives the judge's calls, which are the judge requests the endpoint received."""
    fake_openai.set_default(w.writer())
    args = [str(PROFILES / "one-paper.txt"), *AS_OF, "--json", *endpoint(fake_openai, tmp_path)]
    first = run_cli("report", *args)
    assert first.code == 0, first.stderr
    Report.model_validate_json(first.stdout)
    judged = sum(w.step(b) == "judge" for b in w.chat_bodies(fake_openai))
    assert judged > 0
    line = re.search(r"run: (\d+) model calls, .*; judge fake-model: (\d+) calls, "
                     r"(\d+) cache hits", first.stderr)
    assert line, first.stderr
    assert int(line[1]) == fake_openai.chat_calls and int(line[2]) == judged
    calls = fake_openai.chat_calls
    again = run_cli("report", *args)
    assert again.code == 0 and fake_openai.chat_calls == calls
    assert again.stdout == first.stdout
    assert "run: 0 model calls" in again.stderr and "judge fake-model: 0 calls" in again.stderr
    off = run_cli("report", *args[:-2], "--cache-dir", str(tmp_path / "other"), "--judge",
                  "off")
    assert off.code == 0 and "judge" not in off.stderr.split("run:")[-1]
    assert sum(w.step(b) == "judge" for b in w.chat_bodies(fake_openai)) == judged


def test_batch_gives_each_report_its_judge_calls(run_cli, fake_openai, tmp_path,
                                                 all_uncertain) -> None:
    from agent.batch_records import BatchSummary

    fake_openai.set_default(w.writer())
    records = tmp_path / "records"
    records.mkdir()
    for name in ("one-paper.txt", "unicode-names.txt"):
        (records / name).write_bytes((PROFILES / name).read_bytes())
    result = run_cli("batch", str(records), "-o", str(tmp_path / "out"), "--no-html", "--json",
                     *AS_OF, *endpoint(fake_openai, tmp_path))
    assert result.code == 0, result.stderr
    summary = BatchSummary.model_validate_json(result.stdout)
    judged = sum(w.step(b) == "judge" for b in w.chat_bodies(fake_openai))
    assert all(run.judge_calls > 0 for run in summary.runs)
    assert summary.judge_calls == sum(run.judge_calls for run in summary.runs) == judged
    assert f"{summary.calls} model calls ({judged} by the judge)" in result.stderr
