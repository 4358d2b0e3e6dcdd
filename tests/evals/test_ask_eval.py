"""The ask eval (issue 17): the labelled questions are well formed, each measure counts
the answers that break it, and `research-agent eval --suite ask` fails below its floors."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pytest

from agent import ask_eval, evals
from agent.ask_eval import (
    AskCase,
    AskFloors,
    AskThresholds,
    ask_failures,
    is_absence,
    kind_matches,
    read_ask_cases,
    score_answer,
    score_cases,
    summarise_ask,
    yes_no_word,
)
from agent.evals import EVAL_AS_OF, EvalReport, Thresholds, load_thresholds, repo_path
from agent.models import ComposedSection, Composition, Sentence
from agent.parse import load_profile

EXAMPLE = "examples/zewen-chi.txt"
HELD_OUT = {"evals/profiles/ines-okafor.txt", "evals/profiles/brannstrom.bib",
            "evals/profiles/brannstrom-arxiv.xml"}
PROFILES = HELD_OUT | {EXAMPLE, "evals/profiles/maren-lindqvist.txt",
                       "evals/profiles/helena-kowalczyk.txt",
                       # read untuned first in stop 35, then tuned on: in the tune split
                       "evals/profiles/ingrid-sovik-nakamura.json",
                       "evals/profiles/marit-van-den-heuvel.json",
                       # read untuned first in stop 36, then tuned on
                       "evals/profiles/oluwaseun-bergqvist-adeyemi.json",
                       "evals/profiles/beatriz-lindqvist-okoro.bib",
                       # read untuned first in stop 37
                       "evals/profiles/dagny-okonjo-varga.txt",
                       "evals/profiles/tomasz-adebayo-lindahl.xml",
                       "evals/profiles/rahul-nieminen-castro.bib",
                       "evals/profiles/siobhan-o-briain-haddad.json",
                       # stop 38: measured held out first (in its closing note), then tuned
                       "evals/profiles/sunniva-okoro-halvorsen.txt",
                       # stop 39: read untuned first (the economist's answers measured
                       # held out in the stop 39 note), then tuned
                       "evals/profiles/leontyne-okafor-brandt.json",
                       "evals/profiles/ysolde-thornquist-oduya.json",
                       "evals/profiles/fenna-quarrington.bib",
                       # stop 40: both measured held out first (in the stop 40 note), then
                       # tuned
                       "evals/profiles/ysolde-karrenbeld.json",
                       "evals/profiles/ysolde-tregarthen.bib",
                       "evals/profiles/saoirse-valdivia-koenig.json",
                       "evals/profiles/tove-marchbanks.txt"}
ABSENT = "The record of Zewen Chi does not answer this: no paper in it matches the question."


def answer(*sentences: tuple[str, list[str]], kind: str | None = None) -> Composition:
    """A composition of these sentences, each with its keys, answering a question of kind."""
    return Composition(task="ask", question_kind=kind, sections=[ComposedSection(
        id="answer", title="Answer",
        sentences=[Sentence(text=text, keys=keys) for text, keys in sentences])])


def case(kind: str = "work", expect: str | None = None, relevant: list[str] | None = None,
         required: list[str] | None = None, split: str = "tune", id: str = "t") -> AskCase:
    relevant = ["a"] if relevant is None and kind != "out_of_record" and expect != "no" \
        else relevant or []
    return AskCase(id=id, profile=EXAMPLE, as_of=EVAL_AS_OF, question="?", kind=kind,
                   expect=expect, relevant=relevant,
                   required=relevant[:1] if required is None else required, split=split)


# --- the labelled file ------------------------------------------------------------------


@cache
def _keys(profile: str) -> frozenset[str]:
    return frozenset(p.key for p in load_profile(repo_path(profile), as_of=EVAL_AS_OF).papers)


def test_the_labelled_set_is_what_the_issue_asks_for() -> None:
    cases = read_ask_cases()
    assert len(cases) >= 72
    assert {c.profile for c in cases} == PROFILES
    kinds = Counter(c.kind for c in cases)
    assert set(kinds) == set(ask_eval.KINDS), kinds
    answers = Counter(c.expect for c in cases if c.kind == "yes_no")
    assert answers["yes"] >= 8 and answers["no"] >= 8, answers
    assert sum(c.split == "held_out" for c in cases) >= 24
    assert all((c.split == "held_out") == (c.profile in HELD_OUT) for c in cases)
    assert all(c.as_of == EVAL_AS_OF for c in cases)
    # The issue's own cases, verbatim, on the example.
    asked = {c.question: c for c in cases if c.profile == EXAMPLE}
    for question in ("What is Zewen Chi's main research area?", "Did Zewen Chi work on speech?",
                     "Has Zewen Chi worked on protein modeling?",
                     "Has Zewen Chi published on graph neural networks?",
                     "What does XPR contribute?", "What did Zewen Chi work on in 2025?",
                     "How did the research change after 2023?"):
        assert question in asked, question
    gnn = asked["Has Zewen Chi published on graph neural networks?"]
    assert gnn.expect == "yes" and gnn.required == ["chi2019complicated"]  # GraphTSR
    assert asked["What does XPR contribute?"].required == ["zheng2022crosslingual"]


def test_every_labelled_key_is_a_paper_of_its_profile() -> None:
    for c in read_ask_cases():
        unknown = set(c.relevant) - _keys(c.profile)
        assert not unknown, (c.id, unknown)
        assert set(c.required) <= set(c.relevant), c.id
        if c.kind == "out_of_record" or c.expect == "no":
            assert c.relevant == [] and c.required == [], c.id
        if c.relevant and c.kind != "fact":
            assert c.required, c.id  # an answer the record holds must cite something


def test_a_malformed_case_names_its_line(tmp_path) -> None:
    from agent.errors import UsageError

    bad = tmp_path / "cases.jsonl"
    bad.write_text('{"id": "x", "profile": "p", "as_of": "2026-11-28", "question": "?", '
                   '"kind": "list", "relevant": ["a"], "required": ["b"], "split": "tune"}\n')
    with pytest.raises(UsageError, match="line 1: .*required papers not among"):
        read_ask_cases(bad)
    bad.write_text('{"id": "x", "profile": "p", "as_of": "2026-11-28", "question": "?", '
                   '"kind": "yes_no", "split": "tune"}\n')
    with pytest.raises(UsageError, match="line 1: .*expect"):
        read_ask_cases(bad)


# --- each measure counts what breaks it ---------------------------------------------------


def test_a_yes_to_a_no_question_is_counted() -> None:
    said_yes = score_answer(case("yes_no", "no"), answer(("Yes, on speech.", ["a"]),
                                                         kind="yes_no"), [])
    no = "No. The record holds no paper on speech."
    said_no = score_answer(case("yes_no", "no"), answer((no, []), kind="yes_no"), [])
    assert (said_yes.yes_no_word, said_yes.yes_no_ok) == ("yes", False)
    assert (said_no.yes_no_word, said_no.yes_no_ok) == ("no", True)
    scores = score_cases([said_yes, said_no], "all")
    assert (scores.yes_no_cases, scores.yes_no_accuracy) == (2, 0.5)
    assert [m.measure for m in summarise_ask([said_yes]).misses] == ["yes_no"]


def test_only_a_standalone_yes_or_no_opens_a_yes_no_answer() -> None:
    assert yes_no_word(answer(("Yes.", []))) == "yes"
    assert yes_no_word(answer(("No \u2014 nothing on speech.", []))) == "no"
    assert yes_no_word(answer(("No paper in the record is on speech.", []))) is None
    assert yes_no_word(answer(("Notably, X works on speech.", []))) is None
    assert yes_no_word(answer((ABSENT, []))) is None
    unanswered = score_answer(case("yes_no", "yes"), answer((ABSENT, [])), [])
    assert unanswered.yes_no_ok is False


def test_a_wrong_kind_of_answer_is_counted() -> None:
    right = score_answer(case("time"), answer(("In 2025 ...", ["a"]), kind="time"), ["a"])
    wrong = score_answer(case("time"), answer(("In 2025 ...", ["a"]), kind="list"), ["a"])
    unclassified = score_answer(case("overview"), answer(("X ...", ["a"])), ["a"])
    assert right.type_ok and not wrong.type_ok and not unclassified.type_ok
    assert score_cases([right, wrong, unclassified], "all").answer_type_accuracy == 1 / 3
    # A fact case takes the kinds of today's fact questions; out_of_record takes an absence.
    assert kind_matches(case("fact", relevant=[]), answer(("36 papers.", []), kind="paper_count"))
    assert kind_matches(case("fact", relevant=[]), answer(("36 papers.", []), kind="fact"))
    assert not kind_matches(case("fact", relevant=[]), answer(("36 papers.", []), kind="list"))
    assert kind_matches(case("out_of_record"), answer((ABSENT, [])))
    assert not kind_matches(case("out_of_record"), answer(("A paper on X.", ["a"]),
                                                          kind="overview"))


def test_a_missing_required_key_is_counted() -> None:
    c = case("comparison", relevant=["a", "b", "c"], required=["a", "b"])
    half = score_answer(c, answer(("A differs ...", ["a"]), ("C too.", ["c"])), ["a", "b"])
    whole = score_answer(c, answer(("A and B differ ...", ["b", "a"])), ["a", "b"])
    assert (half.required_ok, half.required_missing) == (False, ["b"])
    assert (whole.required_ok, whole.required_missing) == (True, [])
    assert score_cases([half, whole], "all").required_citation_share == 0.5
    # A case that requires nothing is not measured.
    assert score_answer(case("fact", relevant=[]), answer(("36.", [])), []).required_ok is None


def test_an_absence_claimed_for_a_present_topic_is_counted() -> None:
    present = score_answer(case("list"), answer((ABSENT, [])), ["a"])
    absent = score_answer(case("out_of_record"), answer((ABSENT, [])), [])
    answered_anyway = score_answer(case("out_of_record", id="o2"),
                                   answer(("A paper on X.", ["a"])), ["a"])
    no_answer = score_answer(case("yes_no", "no", id="n"), answer((ABSENT, [])), [])
    assert present.absence and present.in_record
    assert not no_answer.in_record  # the record has nothing: saying so is no false absence
    scores = score_cases([present, absent, answered_anyway, no_answer], "all")
    assert (scores.in_record_cases, scores.false_absence_share) == (1, 1.0)
    assert (scores.out_of_record_cases, scores.out_of_record_share) == (2, 0.5)
    measures = {(m.id, m.measure) for m in summarise_ask([present, answered_anyway]).misses}
    assert {("t", "false_absence"), ("o2", "out_of_record")} <= measures


def test_an_absence_cites_nothing_and_says_so() -> None:
    assert is_absence(answer((ABSENT, [])))
    assert is_absence(answer(("Zewen Chi's record holds no paper on climate.", [])))
    assert is_absence(answer(("Zewen Chi has no papers dated 2030 in this record.", [])))
    assert not is_absence(answer(("The record holds no paper on it; see X.", ["a"])))
    assert not is_absence(answer(("Zewen Chi has 36 papers in this record.", [])))


def test_a_relevant_paper_ranked_sixth_is_outside_recall_at_5() -> None:
    ranking = ["x1", "x2", "x3", "x4", "x5", "a", "x7"]
    sixth = score_answer(case("work", relevant=["a"]), answer(("A.", ["a"])), ranking)
    first = score_answer(case("work", relevant=["a"]), answer(("A.", ["a"])), ["a", *ranking])
    unranked = score_answer(case("work", relevant=["a"]), answer(("A.", ["a"])), ["x1"])
    assert (sixth.recall_at_5, sixth.reciprocal_rank) == (0.0, pytest.approx(1 / 6))
    assert (first.recall_at_5, first.reciprocal_rank) == (1.0, 1.0)
    assert (unranked.recall_at_5, unranked.reciprocal_rank) == (0.0, 0.0)
    scores = score_cases([sixth, first, unranked], "all")
    assert scores.recall_at_5 == pytest.approx(1 / 3)
    assert scores.mrr == pytest.approx((1 / 6 + 1) / 3)
    # More relevant papers than five: five of them in the top five is full recall.
    many = case("list", relevant=[f"k{i}" for i in range(8)], required=["k0"])
    assert score_answer(many, answer(("K.", ["k0"])), [f"k{i}" for i in range(10)]
                        ).recall_at_5 == 1.0
    assert score_answer(many, answer(("K.", ["k0"])), ["k0", "x", "k1", "y", "z"]
                        ).recall_at_5 == pytest.approx(2 / 5)
    # No relevant paper (a topic the record lacks): retrieval is not measured.
    assert score_answer(case("out_of_record"), answer((ABSENT, [])), ranking).recall_at_5 is None


def test_the_report_splits_by_split_and_by_kind() -> None:
    results = [score_answer(case("work", split="tune", id="w"), answer(("A.", ["a"]),
                                                                        kind="work"), ["a"]),
               score_answer(case("yes_no", "yes", split="held_out", id="y"),
                            answer(("Yes.", ["a"]), kind="yes_no"), ["b", "a"])]
    report = summarise_ask(results)
    assert [s.scope for s in report.by_split] == ["tune", "held_out"]
    assert [s.scope for s in report.by_kind] == ["yes_no", "work"]
    held = report.by_split[1]
    assert (held.cases, held.yes_no_accuracy, held.mrr) == (1, 1.0, 0.5)
    assert report.overall.answer_type_accuracy == 1.0 and report.misses == []


# --- floors -----------------------------------------------------------------------------


def test_each_floor_fails_the_report_below_it() -> None:
    results = [score_answer(case("yes_no", "yes", split="held_out"),
                            answer((ABSENT, [])), ["x"] * 5 + ["a"])]
    report = summarise_ask(results)
    assert ask_failures(report, AskThresholds()) == []
    strict = AskFloors(min_answer_type_accuracy=0.5, min_yes_no_accuracy=0.5,
                       min_out_of_record_share=0.5, max_false_absence_share=0.5,
                       min_recall_at_5=0.5, min_mrr=0.5, min_required_citation_share=0.5)
    failures = ask_failures(report, AskThresholds(held_out=strict))
    assert all(f.startswith("ask (held_out): ") for f in failures)
    assert {f.split(": ")[1].rsplit(" ", 3)[0] for f in failures} == {
        "answer-type accuracy", "yes/no accuracy", "false absences", "recall@5", "MRR",
        "required citations"}  # out of record is not measured: no such case
    assert len(ask_failures(report, AskThresholds(all=strict, held_out=strict))) == 12


def test_the_committed_floors_are_read() -> None:
    limits = load_thresholds()
    assert isinstance(limits.ask, AskThresholds)
    assert limits.ask.all.max_false_absence_share <= 1.0


# --- the suite end to end -----------------------------------------------------------------


@pytest.fixture
def four_cases(monkeypatch: pytest.MonkeyPatch) -> list[AskCase]:
    """Four cases over two profiles, so the suite runs in seconds."""
    chosen = {"zewen/yes_no/gnn", "zewen/out_of_record/climate", "zewen/work/xpr",
              "brannstrom-arxiv/yes_no/speech"}
    cases = [c for c in read_ask_cases() if c.id in chosen]
    assert len(cases) == 4
    monkeypatch.setattr(ask_eval, "read_ask_cases", lambda *a, **k: cases)
    return cases


def test_eval_suite_ask_answers_with_no_model_and_reports(run_cli, four_cases) -> None:
    result = run_cli("eval", "--suite", "ask", "--json")
    assert result.code == 0, result.stderr
    report = EvalReport.model_validate_json(result.stdout)
    assert report.checker is None and report.pipeline is None and report.ask is not None
    ask = report.ask
    assert [r.id for r in ask.cases] == [c.id for c in four_cases]
    assert ask.writing == "plan" and ask.overall.cases == 4
    assert {s.scope for s in ask.by_split} == {"tune", "held_out"}
    for r in ask.cases:
        assert r.answer and r.composition.sections  # the answer is recorded
        assert len(r.retrieved) <= 10
    climate = next(r for r in ask.cases if r.id == "zewen/out_of_record/climate")
    assert climate.recall_at_5 is None and climate.relevant == []
    table = run_cli("eval", "--suite", "ask", "--writing", "plan")
    assert table.code == 0
    for label in ("answer type", "yes/no", "false absences", "recall@5", "MRR",
                  "required cited", "held_out", "all thresholds hold"):
        assert label in table.stdout


def test_eval_suite_ask_exits_1_below_a_floor(run_cli, four_cases, monkeypatch) -> None:
    limits = load_thresholds()
    # No answer can reach a floor above 1: the failure path, whatever today's answers are.
    raised = limits.model_copy(update={"ask": AskThresholds(
        all=AskFloors(min_answer_type_accuracy=1.01),
        held_out=AskFloors(max_false_absence_share=-0.01, min_recall_at_5=1.01))})
    monkeypatch.setattr(evals, "load_thresholds", lambda *a, **k: raised)
    result = run_cli("eval", "--suite", "ask", "--json")
    report = EvalReport.model_validate_json(result.stdout)
    assert result.code == 1
    assert any(f.startswith("ask: answer-type accuracy") for f in report.failures)
    assert any(f.startswith("ask (held_out): recall@5") for f in report.failures)
    assert any(f.startswith("ask (held_out): false absences") for f in report.failures)
    assert "below thresholds" in result.stderr


def test_eval_rejects_an_unknown_suite_and_plan_writing_for_the_pipeline(run_cli) -> None:
    assert run_cli("eval", "--suite", "asks").code == 2
    refused = run_cli("eval", "--suite", "pipeline", "--writing", "plan")
    assert refused.code == 2 and "--suite checker or ask" in refused.stderr


def test_thresholds_default_to_no_ask_floor() -> None:
    assert Thresholds().ask == AskThresholds()
