"""--writing plan: the planner's claims, verified, and no model at all. Not one request
reaches a configured endpoint, the embedded model is never made, and every sentence of
the prose passes the verifier."""

from __future__ import annotations

import json
import re

import pytest

from agent.analyze import analyze
from agent.models import Report
from agent.parse import load_profile
from agent.testing import openai_server
from agent.verify import Verifier
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF

AS_OF = EXAMPLE_AS_OF.isoformat()


@pytest.fixture
def endpoint(fake_openai, monkeypatch):
    """The fake server, counting every connection made to it (any path, any method)."""
    connections = []
    real_setup = openai_server._Handler.setup

    def setup(self):
        connections.append(self.client_address)
        real_setup(self)

    monkeypatch.setattr(openai_server._Handler, "setup", setup)
    fake_openai.connections = connections
    return fake_openai


@pytest.fixture(autouse=True)
def no_embedded_model(monkeypatch):
    """Making the embedded model at all fails the test: plan mode must not need it."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("--writing plan made the embedded model")

    monkeypatch.setattr("agent.llm.local.LocalBackend.__init__", refuse)


def _untouched(server) -> None:
    assert server.connections == []
    assert server.requests == [] and server.batch_requests == [] and server.uploads == []


def test_report_asks_nothing_and_says_no_model_wrote_it(run_cli, endpoint, tmp_path):
    result = run_cli("report", str(EXAMPLE), "--as-of", AS_OF, "--writing", "plan",
                     "--base-url", endpoint.base_url, "--cache-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    _untouched(endpoint)
    assert "run: 0 model calls" in result.stderr
    assert "Written from the plan, no model" in result.stdout
    assert "Written by" not in result.stdout
    # Every sentence is the tool's own, and the last line says so: "93 sentences: 93
    # planned", not "0 supported, 93 replaced" (which read as the model failing 93 times).
    faith = re.search(r"^Faithfulness: (\d+) sentences: (\d+) planned\.$", result.stdout, re.M)
    assert faith and faith[1] == faith[2], result.stdout.splitlines()[-1]
    assert "## Papers" in result.stdout  # the table is there, from the abstracts
    # No paper has a method without a model: the column is left out, not shown empty.
    assert "| Paper | Year | Contribution | Key result |" in result.stdout


def test_every_prose_sentence_of_the_plan_passes_verify(run_cli, endpoint, tmp_path):
    result = run_cli("report", str(EXAMPLE), "--as-of", AS_OF, "--writing", "plan",
                     "--base-url", endpoint.base_url, "--cache-dir", str(tmp_path), "--json")
    assert result.code == 0, result.stderr
    _untouched(endpoint)
    report = Report.model_validate_json(result.stdout)
    profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
    verifier = Verifier(profile, analyze(profile))
    sentences = [s for part in (report.bio, report.trajectory, report.topics)
                 for section in part.sections for s in section.sentences]
    assert len(sentences) > 20
    failed = [(s.text, verifier.check(s.text, s.keys).reasons) for s in sentences
              if not verifier.check(s.text, s.keys).supported]
    assert failed == []
    assert report.tally.supported == report.tally.repaired == report.tally.unsupported == 0
    assert report.tally.replaced == 0 and report.tally.planned == report.tally.sentences
    assert all(not part.drafts for part in (report.bio, report.trajectory, report.topics))
    # The table: each contribution is the paper's abstract's own words: its "we propose X"
    # as "Proposes X." (the verb's person aside, and its praise of itself: "a novel" is "a
    # new", "simple but effective" goes), or its opening; each checked by verify.
    papers = {p.key: p for p in profile.papers}

    def plain(text: str) -> str:
        text = re.sub(r"\b(?:a|an) (?:novel|new)\b", "a", text)
        return re.sub(r"\b(an?) simple,? (?:but|yet|and) effective\b", "a", text)

    for d in report.digests:
        abstract = plain(" ".join(papers[d.key].abstract.replace("$", "").split())
                         + papers[d.key].title)
        contribution = plain(d.contribution.rstrip(" …"))
        words = contribution.rstrip(".").split(" ", 1)
        assert d.from_abstract and (contribution in abstract
                                    or (len(words) == 2 and words[1] in abstract)), d
        assert verifier.check(d.contribution, [d.key]).supported, d
    assert sum(d.contribution.startswith(("Proposes ", "Presents ", "Introduces "))
               for d in report.digests) > len(report.digests) / 2


@pytest.mark.parametrize("command", [
    ["bio", "--words", "50"], ["trajectory"], ["topics"],
    ["write", "grant", "--topic", "cross-lingual pre-training"],
    ["write", "intro", "--topic", "mixture of experts"],
    ["digest"],
])
def test_every_writing_command_runs_on_the_plan(run_cli, endpoint, tmp_path, monkeypatch,
                                                command):
    monkeypatch.setenv("RESEARCH_AGENT_WRITING", "plan")  # the environment, as a user's
    args = [*command[:2], str(EXAMPLE), *command[2:]] if command[0] == "write" \
        else [command[0], str(EXAMPLE), *command[1:]]
    result = run_cli(*args, "--as-of", AS_OF, "--base-url", endpoint.base_url,
                     "--cache-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    assert result.stdout.strip()
    assert "run: 0 model calls" in result.stderr
    _untouched(endpoint)


@pytest.mark.parametrize("question", ["which papers have code?",
                                      "what is the work on mixture of experts?"])
def test_ask_answers_from_the_plan(run_cli, endpoint, tmp_path, question):
    result = run_cli("ask", str(EXAMPLE), question, "--as-of", AS_OF, "--writing", "plan",
                     "--base-url", endpoint.base_url, "--cache-dir", str(tmp_path), "--json")
    assert result.code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["sections"][0]["sentences"]
    _untouched(endpoint)


def test_a_judge_under_plan_is_a_usage_error(run_cli, endpoint, tmp_path):
    result = run_cli("report", str(EXAMPLE), "--as-of", AS_OF, "--writing", "plan",
                     "--judge", "endpoint", "--base-url", endpoint.base_url,
                     "--cache-dir", str(tmp_path))
    assert result.code == 2
    assert "--writing plan runs none" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    _untouched(endpoint)


def test_the_pipeline_eval_under_plan_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("eval", "--suite", "pipeline", "--writing", "plan",
                     "--cache-dir", str(tmp_path))
    assert result.code == 2
    assert "--writing plan" in result.stderr


def test_plan_mode_without_an_endpoint_or_llama_cpp(run_cli, tmp_path, monkeypatch):
    """No --base-url and no `local` extra: llama_cpp cannot even be imported."""
    import sys

    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import fails as if not installed
    result = run_cli("bio", str(EXAMPLE), "--as-of", AS_OF, "--writing", "plan",
                     "--cache-dir", str(tmp_path))
    assert result.code == 0, result.stderr
    assert "no model" in result.stderr


def test_batch_under_plan_asks_nothing(run_cli, endpoint, tmp_path):
    import shutil

    profiles = tmp_path / "in"
    profiles.mkdir()
    shutil.copy(EXAMPLE, profiles / EXAMPLE.name)
    result = run_cli("batch", str(profiles), "-o", str(tmp_path / "out"), "--no-html",
                     "--writing", "plan", "--as-of", AS_OF, "--base-url", endpoint.base_url,
                     "--cache-dir", str(tmp_path / "cache"))
    assert result.code == 0, result.stderr
    assert "0 model calls" in result.stderr
    assert "Written from the plan, no model" in (tmp_path / "out" / "zewen-chi.md").read_text()
    _untouched(endpoint)
