"""The eval runner: metrics computed right on tiny hand-made sets, and the committed suites
passing their thresholds offline."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from agent.errors import AgentError
from agent.evals import (
    CHECKER_FILES,
    ERROR_TYPES,
    EVAL_CACHE,
    CheckerThresholds,
    EvalReport,
    LabelledSentence,
    PipelineCase,
    checker_failures,
    read_labelled,
    repo_path,
    run_pipeline_suite,
    score_case,
    score_checker,
)
from agent.config import load_settings
from agent.models import Check, ComposedSection, Composition, Sentence


def labelled(id: str, label: str, error_type: str | None = None, origin: str = "hand",
             tags: list[str] | None = None) -> LabelledSentence:
    return LabelledSentence(id=id, profile="examples/zewen-chi.txt", text=id, keys=[],
                            label=label, error_type=error_type, origin=origin,  # type: ignore
                            tags=tags or [])


def test_checker_metrics_on_a_tiny_set() -> None:
    sentences = [
        labelled("n1", "unsupported", "changed_number", "injected"),
        labelled("n2", "unsupported", "changed_number", "injected"),
        labelled("n3", "unsupported", "changed_number", "model"),
        labelled("y1", "unsupported", "changed_year", "injected"),
        labelled("f1", "supported", tags=["paraphrase"]),
        labelled("f2", "supported", tags=["paraphrase"]),
        labelled("f3", "supported", origin="planner"),
        labelled("f4", "supported", origin="planner"),
    ]
    flagged = {"n1", "n2", "y1", "f1"}  # misses n3; flags the faithful f1

    def fake(sentence: LabelledSentence) -> Check:
        hit = sentence.id in flagged
        return Check(supported=not hit, reasons=["x"] if hit else [])

    report = score_checker(sentences, fake)
    rows = {r.error_type: (r.caught, r.total, r.recall) for r in report.per_type}
    assert rows == {"changed_number": (2, 3, pytest.approx(2 / 3)), "changed_year": (1, 1, 1.0)}
    assert (report.unsupported, report.supported) == (4, 4)
    assert report.recall == pytest.approx(3 / 4)
    assert report.false_flag_rate == pytest.approx(1 / 4)
    assert report.balanced_accuracy == pytest.approx((3 / 4 + 3 / 4) / 2)
    assert [m.id for m in report.missed] == ["n3"] and [m.id for m in report.false_flags] == ["f1"]
    groups = {g.group: (g.flagged, g.total) for g in report.false_flags_by_group}
    assert groups == {"origin:hand": (1, 2), "origin:planner": (0, 2), "tag:paraphrase": (1, 2)}
    origins = {g.group: (g.flagged, g.total) for g in report.recall_by_origin}
    assert origins == {"injected": (3, 3), "model": (0, 1)}
    failures = checker_failures(report, CheckerThresholds())
    assert "recall on changed_number 0.67 < 0.90" in failures
    assert any(f.startswith("false-flag rate 0.250") for f in failures)
    assert "recall on wrong_count not measured (no sentences)" in failures


class TableVerifier:
    """A verifier fake: a sentence is supported by exactly the key sets listed for it."""

    def __init__(self, supports: dict[str, list[set[str]]]) -> None:
        self.supports = supports

    def check(self, text: str, keys: list[str]) -> Check:
        ok = any(needed <= set(keys) for needed in self.supports.get(text, []))
        return Check(supported=ok or (not keys and text not in self.supports))


def test_alce_citation_precision_recall_and_fact_coverage() -> None:
    verifier = TableVerifier({
        "A alone.": [{"a"}],             # cites a, b: b is surplus (irrelevant)
        "A and B together.": [{"a", "b"}],  # cites a, b: both needed (relevant)
        "Either.": [{"a"}, {"b"}],       # cites a, b: each alone supports (relevant)
        "Wrong.": [{"c"}],               # cites a: unsupported, a irrelevant
    })
    sentences = [Sentence(text="A alone.", keys=["a", "b"]),
                 Sentence(text="A and B together.", keys=["a", "b"]),
                 Sentence(text="Either.", keys=["a", "b"]),
                 Sentence(text="Wrong.", keys=["a"]),
                 Sentence(text="An overview, citing nothing.", keys=[])]
    composition = Composition(task="bio", sections=[ComposedSection(
        id="bio", title="Bio", sentences=sentences)])
    case = PipelineCase(id="t", profile="examples/zewen-chi.txt", task="bio",
                        must_appear=[r"\bA alone\b", "together", "nowhere"],
                        must_not_appear=["Wrong", "Nobel"])
    result = score_case(case, composition, verifier)  # type: ignore[arg-type]
    assert (result.sentences, result.verified) == (5, 4)
    assert (result.citations, result.relevant_citations) == (7, 5)
    assert result.unverified == ["Wrong."]
    assert (result.facts, result.facts_found, result.missing_facts) == (3, 2, ["nowhere"])
    assert result.forbidden_found == ["Wrong"]


def test_the_committed_set_is_what_the_issue_asks_for() -> None:
    sentences = read_labelled()
    assert len(sentences) >= 300
    assert len({s.id for s in sentences}) == len(sentences)
    by_type = Counter(s.error_type for s in sentences if s.label == "unsupported")
    assert all(by_type[t] >= 25 for t in ERROR_TYPES), by_type
    unsupported = sum(by_type.values())
    assert 0.4 <= unsupported / len(sentences) <= 0.6
    assert sum(s.origin == "model" for s in sentences) >= 40
    profiles = {s.profile for s in sentences}
    assert len(profiles) >= 3 and all(repo_path(p).exists() for p in profiles)
    hard = Counter(t for s in sentences if s.label == "supported" for t in s.tags)
    assert all(hard[t] >= 10 for t in ("paraphrase", "number-format", "acronym", "joint"))
    assert all(s.error_type is None for s in sentences if s.label == "supported")


def test_eval_checker_passes_its_thresholds_on_the_committed_set(run_cli) -> None:
    result = run_cli("eval", "--suite", "checker", "--json")
    report = EvalReport.model_validate_json(result.stdout)
    assert result.code == 0, report.failures
    assert report.checker is not None and report.pipeline is None
    assert {r.error_type for r in report.checker.per_type} >= set(ERROR_TYPES)
    table = run_cli("eval", "--suite", "checker")
    assert table.code == 0
    for label in (*ERROR_TYPES, "faithful flagged", "balanced accuracy", "all thresholds hold"):
        assert label in table.stdout


def _snapshot(directory: Path) -> dict[str, float]:
    return {str(p.relative_to(directory)): p.stat().st_mtime for p in directory.rglob("*")}


def test_eval_pipeline_replays_the_recorded_cache_read_only(run_cli) -> None:
    before = _snapshot(EVAL_CACHE)
    result = run_cli("eval", "--suite", "pipeline", "--json")
    report = EvalReport.model_validate_json(result.stdout)
    pipeline = report.pipeline
    assert pipeline is not None and pipeline.mode == "replay"
    assert {c.id for c in pipeline.cases} == {
        c["id"] for c in json.loads(repo_path("evals/pipeline_cases.json").read_text())["cases"]}
    # The small model rewords what papers do (agent/pipeline.py's _rewrite_claims), not
    # the record's counts: fewer drafts than sentences.
    assert pipeline.sentences > 50 and pipeline.drafts > 25
    # Every threshold holds, the writer's floors and the output's guards alike.
    assert report.failures == [] and result.code == 0
    # The writer is scored on what it wrote: many of the recorded small model's sentences
    # fail as written, and the guard still lets nothing unsupported through.
    assert pipeline.writer_supported_share < 0.9 and pipeline.writer_kept_share < 0.9
    assert pipeline.supported_share == 1.0 and pipeline.forbidden_claims == 0
    assert _snapshot(EVAL_CACHE) == before  # nothing written, not even .last-run.json


def test_a_case_the_recording_never_saw_is_one_clear_error() -> None:
    case = PipelineCase(id="unrecorded", profile="evals/profiles/maren-lindqvist.txt",
                        task="trajectory")  # the recording has Maren's bio, not her trajectory
    before = _snapshot(EVAL_CACHE)
    with pytest.raises(AgentError, match="holds no recorded answer for case unrecorded"):
        run_pipeline_suite("replay", load_settings(env={}), lambda _: None, cases=[case])
    assert _snapshot(EVAL_CACHE) == before


def test_written_facts_are_in_the_records_and_in_no_planned_claim() -> None:
    """A written fact can only come from a model reading the papers: the planner's claims
    for the case do not state it, and the profile's records do."""
    import re

    from agent.evals import load_eval_profile, read_cases
    from agent.paragraphs import paragraph
    from agent.plan import Planner
    from agent.retrieve import Retriever

    cases = [c for c in read_cases() if c.written_facts]
    assert len(cases) >= 4 and sum(len(c.written_facts) for c in cases) >= 15
    for case in cases:
        profile, facts = load_eval_profile(case.profile)
        planner = Planner(profile, facts)
        if case.task == "bio":
            outline = planner.bio(case.words)
        elif case.task in ("grant", "intro"):
            hits = Retriever(profile, facts).related(case.topic or "")
            outline = paragraph(planner, case.task, [h.key for h in hits], case.topic or "")
        else:
            outline = getattr(planner, case.task)()
        claims = " ".join(c.text for s in outline.sections for c in s.claims)
        records = " ".join(f"{p.title} {p.abstract}" for p in profile.papers)
        for fact in case.written_facts:
            assert not re.search(fact, claims, re.I), (case.id, fact)
            assert re.search(fact, records, re.I), (case.id, fact)


def test_the_writer_is_scored_on_its_drafts() -> None:
    from agent.models import Draft, DraftOutcome

    def draft(text: str, verified: bool, outcome: DraftOutcome, final: str | None = None
              ) -> Draft:
        return Draft(section="s", text=text, verified=verified, outcome=outcome, final=final)

    composition = Composition(task="bio", sections=[ComposedSection(id="s", title="", sentences=[
        Sentence(text="Kept, about ERA5.", keys=["a"]),
        Sentence(text="Fixed.", keys=["a"], status="repaired"),
        Sentence(text="The planned claim, about ERA5 too.", keys=["a"], status="replaced")])],
        drafts=[draft("Kept, about ERA5.", True, DraftOutcome.KEPT, "Kept, about ERA5."),
                draft("Brokn.", False, DraftOutcome.REPAIRED, "Fixed."),
                draft("Wrong about HRES.", False, DraftOutcome.REPLACED),
                draft("True but off its claim.", True, DraftOutcome.REPLACED)])
    case = PipelineCase(id="w", profile="examples/zewen-chi.txt", task="bio",
                        must_appear=["Fixed"], written_facts=["ERA5", "HRES"])
    result = score_case(case, composition, TableVerifier({}))  # type: ignore[arg-type]
    assert (result.drafts, result.drafts_verified, result.drafts_kept,
            result.drafts_repaired, result.model_sentences) == (4, 2, 1, 1, 2)
    # ERA5 is in the output only through a model sentence that stood; HRES only in a draft
    # that did not: the writer is credited with the first alone.
    assert (result.writer_facts, result.writer_facts_found) == (3, 2)
    assert result.writer_missing == ["HRES"]


def test_checker_files_are_jsonl_with_the_documented_fields() -> None:
    for path in CHECKER_FILES:
        first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        assert {"id", "profile", "text", "keys", "label", "error_type", "origin"} <= set(first)


def test_eval_pipeline_runs_live_against_any_endpoint(run_cli, fake_model, tmp_path) -> None:
    from agent.testing import writer as w

    fake_model.set_default(w.writer())
    result = run_cli("eval", "--suite", "pipeline", "--live", "--json", "--base-url",
                     fake_model.base_url, "--model", "fake-model",
                     "--cache-dir", str(tmp_path / "cache"))
    report = EvalReport.model_validate_json(result.stdout)
    pipeline = report.pipeline
    assert pipeline is not None and pipeline.mode == "live" and pipeline.model == "fake-model"
    assert fake_model.chat_calls > 0 and any((tmp_path / "cache").glob("*/*.json"))
    # A model that says each planned claim back: every sentence verified and kept, but the
    # facts only a writer reading the papers would add are missing, and the eval says so.
    assert pipeline.writer_supported_share == 1.0 and pipeline.writer_kept_share == 1.0
    assert pipeline.writer_fact_coverage < 0.8
    missing = {fact for case in pipeline.cases for fact in case.writer_missing}
    assert {"ERA5", "HRES", "power law"} <= missing


def test_a_writer_that_invents_is_scored_down_and_kept_out(run_cli, fake_model, tmp_path
                                                           ) -> None:
    """The writer's scores come from what it wrote, not from what the repairs left."""
    from agent.testing import writer as w

    def inventing(body: dict) -> str:
        sentences = [{"text": f"{text.rstrip('.')}, and it won the Turing Award in 2025.",
                      "claims": [n], "papers": papers} for n, text, papers in w.claims_of(body)]
        return json.dumps({"title": "", "sentences": sentences})

    fake_model.set_default(w.writer(section=inventing))
    result = run_cli("eval", "--suite", "pipeline", "--live", "--json", "--base-url",
                     fake_model.base_url, "--model", "fake-model",
                     "--cache-dir", str(tmp_path / "cache"))
    pipeline = EvalReport.model_validate_json(result.stdout).pipeline
    assert pipeline is not None and pipeline.drafts > 50
    assert pipeline.writer_supported_share < 0.1  # every sentence adds the award
    assert pipeline.supported_share == 1.0  # and none of them reaches the reader
    assert "Turing" not in " ".join(
        m for c in pipeline.cases for m in c.unverified)  # nothing unverified shown
