"""The judge layered over the pipeline's verifier: drafts whose checks are uncertain are
judged, a disagreeing judge sends them to repair, and the run counts the judge's calls.

Every check of the real verifier is marked uncertain here, so these tests do not depend on
which sentences the rules leave uncertain."""

from __future__ import annotations

import json
from pathlib import Path


from agent import api
from agent.config import Settings
from agent.judge import JudgingVerifier
from agent.llm.session import Session
from agent.memo import RememberingVerifier
from agent.models import DraftOutcome
from agent.tasks import TaskRequest, run_task
from agent.testing import writer as w
from agent.testing.backend import FakeBackend

JUDGE_REASON = "the judge (fake-model) finds the cited papers do not state this"


def session(tmp_path: Path, backend: FakeBackend, judge: str = "auto") -> Session:
    return Session(Settings(base_url=backend.base_url, cache_dir=tmp_path / "cache",
                            judge=judge), backend=backend)


def judge_requests(backend: FakeBackend) -> int:
    return sum(w.step(r["json"]) == "judge" for r in backend.requests)


def test_the_job_judges_with_an_endpoint_and_not_without(tmp_path, profile, facts) -> None:
    backend = FakeBackend()
    assert isinstance(api.job(profile, session(tmp_path, backend), facts=facts).verifier,
                      JudgingVerifier)
    off = api.job(profile, session(tmp_path, backend, judge="off"), facts=facts)
    assert isinstance(off.verifier, RememberingVerifier)


def test_an_agreeing_judge_changes_nothing_and_its_calls_are_counted(
        tmp_path, profile, facts, all_uncertain) -> None:
    plain = FakeBackend(w.writer())
    unjudged = run_task("bio", api.job(profile, session(tmp_path / "a", plain, "off"),
                                       facts=facts), TaskRequest(words=50))
    backend = FakeBackend(w.writer())
    opened = session(tmp_path / "b", backend)
    job = api.job(profile, opened, facts=facts)
    bio = run_task("bio", job, TaskRequest(words=50))
    # The writer says back the planned claims, which the rules pass, and the judge agrees.
    # (Their citations may differ: with every check uncertain, this judge also passes a
    # sentence on fewer papers than the rules would, and an unneeded one is dropped.)
    assert unjudged.tally.supported == unjudged.tally.sentences > 0
    assert bio.tally == unjudged.tally

    def said(composition: object) -> list[tuple[str, str]]:
        return [(s.text, s.status.value) for section in composition.sections  # type: ignore[attr-defined]
                for s in section.sentences]

    assert said(bio) == said(unjudged)
    assert judge_requests(backend) > 0
    assert opened.llm.stats.judge_calls == judge_requests(backend)
    assert f"judge fake-model: {judge_requests(backend)} calls" in opened.llm.stats.line()
    assert opened.llm.stats.calls == len(backend.requests)


def test_a_disagreeing_judge_sends_every_draft_to_repair(tmp_path, profile, facts,
                                                        all_uncertain) -> None:
    def disagree(body: dict) -> str:
        return json.dumps({"supported": False, "span": w.evidence_of(body)[0]})

    backend = FakeBackend(w.writer(judge=disagree))
    job = api.job(profile, session(tmp_path, backend), facts=facts)
    bio = run_task("bio", job, TaskRequest(words=50))
    assert bio.drafts and all(not d.verified and JUDGE_REASON in d.reasons
                              for d in bio.drafts)
    assert all(d.outcome is not DraftOutcome.KEPT for d in bio.drafts)
    assert any(w.step(r["json"]) == "rewrite" or w.step(r["json"]) == "repair"
               for r in backend.requests)
    assert bio.tally.supported == 0
