"""The ask eval (issue 17): open questions about a record, labelled by hand, and how the
answers of `research-agent ask` score on them.

evals/ask_cases.jsonl holds the questions, each with the kind of answer it calls for
(yes_no, overview, time, list, comparison, work, fact, or out_of_record for a topic the
record has nothing on), the yes or no a yes/no question must get, the papers relevant to
it and the few a good answer must cite. They were labelled by reading the papers, never
by running the retriever. The suite answers every question through the real task
registry with no model at all (--writing plan: the planner's verified sentences), one
job per profile, and scores:

- answer type: the answer's `Composition.question_kind` is the case's kind (a fact case
  also takes the kinds of today's fact questions, FACT_KINDS); an out_of_record case is
  matched by the honest "not in the record" answer that cites nothing (`is_absence`) and
  opens with no "No" ("No: no paper is on 'won the Turing Award'" denies what a record
  cannot hold);
- yes/no: the answer opens with "Yes" or "No" as a word of its own, and it is the
  expected one;
- out of record: out_of_record cases answered with an absence, and, among the cases the
  record does answer, the share wrongly answered with one (false absences);
- retrieval: recall@5 and the reciprocal rank within the top 10 of
  `job.retriever.search(question, k=10)` against the relevant papers;
- required citations: answers citing every required paper;
- topic papers: for yes/no and list questions, the papers `job.retriever.related` finds
  for the topic the question names (what a grant or intro paragraph on that topic would
  cite), their precision and recall against the relevant papers, pooled over the cases.

Each is reported overall, per split (tune, held_out) and per kind, and held against the
floors of evals/thresholds.json ("ask").
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, ValidationError, model_validator

from agent.errors import UsageError
from agent.models import Composition, FactSheet, Profile, Record
from agent.resources import EVALS_DIR, data_path

if TYPE_CHECKING:
    from agent.pipeline import Job

ASK_CASES = EVALS_DIR / "ask_cases.jsonl"

Kind = Literal["yes_no", "overview", "time", "list", "comparison", "out_of_record", "work",
               "fact"]
KINDS: tuple[str, ...] = ("yes_no", "overview", "time", "list", "comparison", "work", "fact",
                          "out_of_record")
# The kinds whose question names a topic whose papers related() should find.
TOPIC_KINDS = frozenset({"yes_no", "list"})
Split = Literal["tune", "held_out"]
SPLITS: tuple[str, ...] = ("tune", "held_out")

# The kinds today's fact questions (agent/fact_questions.py) give their answers: an
# answer of any of them is an answer of fact. Listed here rather than imported, so the
# eval does not move when the question code does.
FACT_KINDS = frozenset({
    "fact", "paper_count", "papers_per_year", "papers_in_year", "author_role", "code",
    "coauthor_count", "top_coauthors", "affiliations", "categories", "span", "metrics",
    "topic_start", "coauthor_named", "signature", "artifacts",
})
# How an answer says the record does not hold what was asked: today's wording ("The record
# of X does not answer this: no paper in it matches the question", "X's record holds no
# paper on Y", "X has no papers dated 2030") and the plain ways of saying it.
ABSENCE = re.compile(
    r"\b(?:does not answer|do not answer|holds? no papers?|has no papers?|no papers? in (?:it|"
    r"the record)|not in (?:the|this) record|nothing (?:on|about)|none of (?:the|its|his|her|"
    r"their) papers|no (?:work|publications?|research) (?:on|about))\b", re.I)
# "Yes." / "No, ..." / "Yes - ...": the answer's first word, standing alone. "No paper in
# the record ..." opens with "No" but answers no yes/no question in those words.
YES_NO_WORD = re.compile(r"^\W*(Yes|No)(?=\s*[.,;:!\u2013\u2014-]|\s*$)")
RECALL_AT = 5
SEARCH_K = 10


class AskCase(Record):
    """One labelled question: what kind of answer it calls for, and which papers."""

    id: str
    profile: str = Field(description="Path of the profile, relative to the repository.")
    as_of: dt.date = Field(description="The capture date the profile is read as of.")
    question: str
    kind: Kind
    expect: Literal["yes", "no"] | None = Field(
        None, description="For yes_no: the answer's first word; null for every other kind.")
    relevant: list[str] = Field(default_factory=list, description="Every paper relevant "
                                "to the question.")
    required: list[str] = Field(default_factory=list, description="The papers a good "
                                "answer must cite: a subset of relevant.")
    split: Split
    note: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> AskCase:
        if not set(self.required) <= set(self.relevant):
            raise ValueError(f"{self.id}: required papers not among the relevant ones: "
                             f"{sorted(set(self.required) - set(self.relevant))}")
        if (self.kind == "yes_no") != (self.expect is not None):
            raise ValueError(f"{self.id}: expect is for yes_no cases, and they need it")
        if (self.kind == "out_of_record" or self.expect == "no") and self.relevant:
            raise ValueError(f"{self.id}: a topic the record lacks has no relevant paper")
        return self

    @property
    def in_record(self) -> bool:
        """The record answers it: every case but out_of_record and a yes/no whose answer
        is no."""
        return self.kind != "out_of_record" and self.expect != "no"


def read_ask_cases(path: Path = ASK_CASES) -> list[AskCase]:
    """Every case of the JSONL file; a bad line names itself."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist", "restore evals/ask_cases.jsonl") from None
    cases: list[AskCase] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            cases.append(AskCase.model_validate_json(line))
        except ValidationError as exc:
            raise UsageError(f"{path.name} line {number}: {exc.errors()[0]['msg']}",
                             "fix the line; each holds one labelled question") from None
    if len({c.id for c in cases}) != len(cases):
        raise UsageError(f"{path.name}: two cases share an id", "give each case its own id")
    return cases


# --- floors -----------------------------------------------------------------------------


class AskFloors(Record):
    """What the answers must reach on one scope (all cases, or the held-out ones). A metric
    no case of the scope measures is not held against its floor."""

    min_answer_type_accuracy: float = 0.0
    min_yes_no_accuracy: float = 0.0
    min_out_of_record_share: float = 0.0
    max_false_absence_share: float = 1.0
    min_recall_at_5: float = 0.0
    min_mrr: float = 0.0
    min_required_citation_share: float = 0.0
    min_topic_precision: float = 0.0
    min_topic_recall: float = 0.0


class AskThresholds(Record):
    """evals/thresholds.json's "ask": floors on all cases and on the held-out ones."""

    all: AskFloors = Field(default_factory=AskFloors)
    held_out: AskFloors = Field(default_factory=AskFloors)


# --- scoring one answer -----------------------------------------------------------------


def answer_text(composition: Composition) -> str:
    """The answer's sentences, in order, as one text."""
    return " ".join(s.text for section in composition.sections for s in section.sentences)


def cited_keys(composition: Composition) -> list[str]:
    """Every paper the answer's sentences cite, in order of first citation."""
    return list(dict.fromkeys(k for section in composition.sections
                              for s in section.sentences for k in s.keys))


def is_absence(composition: Composition) -> bool:
    """The honest empty answer: it cites nothing and says the record does not hold it."""
    return not cited_keys(composition) and bool(ABSENCE.search(answer_text(composition)))


def yes_no_word(composition: Composition) -> str | None:
    """"yes" or "no" when the answer opens with that word standing alone, else None."""
    found = YES_NO_WORD.match(answer_text(composition))
    return found.group(1).lower() if found else None


def kind_matches(case: AskCase, composition: Composition) -> bool:
    """The answer is of the kind the question calls for (see the module's docstring)."""
    if case.kind == "out_of_record":
        # "No: no paper in the record is on 'won the Turing Award'" denies what the record
        # cannot hold; only an answer that says the record is silent is honest.
        return is_absence(composition) and yes_no_word(composition) is None
    kind = composition.question_kind
    if case.kind == "fact":
        return kind in FACT_KINDS
    return kind == case.kind


class AskCaseResult(Record):
    """One case's answer and how it scored; a measure that does not apply is None."""

    id: str
    profile: str
    split: Split
    kind: str
    question: str
    expect: str | None = None
    answer: str
    question_kind: str | None = Field(None, description="Composition.question_kind.")
    cited: list[str] = Field(default_factory=list)
    absence: bool = Field(description="Answered 'not in the record', citing nothing.")
    in_record: bool = Field(description="The record answers the question (not "
                            "out_of_record, not a yes/no whose answer is no).")
    type_ok: bool
    yes_no_word: str | None = None
    yes_no_ok: bool | None = None
    retrieved: list[str] = Field(default_factory=list, description="The top 10 keys of "
                                 "job.retriever.search(question, k=10), best first.")
    relevant: list[str] = Field(default_factory=list)
    recall_at_5: float | None = None
    reciprocal_rank: float | None = None
    required_missing: list[str] = Field(default_factory=list)
    required_ok: bool | None = None
    topic_papers: list[str] | None = Field(None, description="For a yes/no or list "
                                           "question: job.retriever.related(its topic).")
    seconds: float = 0.0
    composition: Composition


def score_answer(case: AskCase, composition: Composition, retrieved: Sequence[str],
                 seconds: float = 0.0, topic_papers: Sequence[str] | None = None
                 ) -> AskCaseResult:
    """Every measure of one answer, and of the retriever's ranking for its question."""
    cited = cited_keys(composition)
    word = yes_no_word(composition)
    relevant = set(case.relevant)
    recall = rank = None
    if relevant:
        top = list(retrieved)[:RECALL_AT]
        recall = len(relevant & set(top)) / min(len(relevant), RECALL_AT)
        rank = next((1 / i for i, key in enumerate(list(retrieved)[:SEARCH_K], 1)
                     if key in relevant), 0.0)
    missing = [k for k in case.required if k not in cited]
    return AskCaseResult(
        id=case.id, profile=case.profile, split=case.split, kind=case.kind,
        question=case.question, expect=case.expect, answer=answer_text(composition),
        question_kind=composition.question_kind, cited=cited,
        absence=is_absence(composition), in_record=case.in_record,
        type_ok=kind_matches(case, composition), yes_no_word=word,
        yes_no_ok=(word == case.expect) if case.kind == "yes_no" else None,
        retrieved=list(retrieved)[:SEARCH_K], relevant=list(case.relevant),
        recall_at_5=recall, reciprocal_rank=rank,
        required_missing=missing, required_ok=not missing if case.required else None,
        topic_papers=list(topic_papers) if topic_papers is not None and relevant else None,
        seconds=round(seconds, 3), composition=composition)


# --- the summary ------------------------------------------------------------------------


class AskScores(Record):
    """The measures over a set of cases; a share over no case is None."""

    scope: str = Field(description='"all", a split or a kind.')
    cases: int
    answer_type_accuracy: float | None = None
    yes_no_cases: int = 0
    yes_no_accuracy: float | None = None
    out_of_record_cases: int = 0
    out_of_record_share: float | None = Field(None, description="out_of_record cases "
                                              "answered 'not in the record', citing nothing.")
    in_record_cases: int = 0
    false_absence_share: float | None = Field(None, description="Cases the record answers, "
                                              "answered 'not in the record'.")
    retrieval_cases: int = 0
    recall_at_5: float | None = None
    mrr: float | None = None
    required_cases: int = 0
    required_citation_share: float | None = None
    topic_cases: int = 0
    topic_precision: float | None = Field(None, description="Of the papers related() found "
                                          "for the questions' topics, the share relevant.")
    topic_recall: float | None = Field(None, description="Of the relevant papers, the share "
                                       "related() found.")


def _mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def score_cases(results: Sequence[AskCaseResult], scope: str) -> AskScores:
    """The measures over these results."""
    yes_no = [r for r in results if r.yes_no_ok is not None]
    absent = [r for r in results if r.kind == "out_of_record"]
    present = [r for r in results if r.in_record]
    ranked = [r for r in results if r.recall_at_5 is not None]
    required = [r for r in results if r.required_ok is not None]
    topical = [r for r in results if r.topic_papers is not None]
    found = sum(len(set(r.topic_papers or ()) & set(r.relevant)) for r in topical)
    given = sum(len(r.topic_papers or ()) for r in topical)
    wanted = sum(len(r.relevant) for r in topical)
    return AskScores(
        scope=scope, cases=len(results),
        answer_type_accuracy=_mean(float(r.type_ok) for r in results),
        yes_no_cases=len(yes_no), yes_no_accuracy=_mean(float(bool(r.yes_no_ok))
                                                        for r in yes_no),
        out_of_record_cases=len(absent),
        out_of_record_share=_mean(float(r.type_ok) for r in absent),
        in_record_cases=len(present),
        false_absence_share=_mean(float(r.absence) for r in present),
        retrieval_cases=len(ranked),
        recall_at_5=_mean(r.recall_at_5 for r in ranked),  # type: ignore[misc]
        mrr=_mean(r.reciprocal_rank for r in ranked),  # type: ignore[misc]
        required_cases=len(required),
        required_citation_share=_mean(float(bool(r.required_ok)) for r in required),
        topic_cases=len(topical), topic_precision=found / given if given else None,
        topic_recall=found / wanted if wanted else None)


class AskMiss(Record):
    """A case that failed one measure, and how."""

    id: str
    measure: str
    detail: str


def misses(results: Sequence[AskCaseResult]) -> list[AskMiss]:
    """Every failure of every case, one line each, so a change can be read case by case."""
    out: list[AskMiss] = []
    for r in results:
        def miss(measure: str, detail: str, r: AskCaseResult = r) -> None:
            out.append(AskMiss(id=r.id, measure=measure, detail=detail))

        if not r.type_ok:
            miss("answer_type", f"asked {r.kind}, answered "
                 f"{'not in the record' if r.absence else r.question_kind}")
        if r.yes_no_ok is False:
            miss("yes_no", f"expected {r.expect}, the answer opens "
                 f"{r.yes_no_word or repr(' '.join(r.answer.split()[:4]))}")
        if r.kind == "out_of_record" and not r.type_ok:
            miss("out_of_record", f"answered citing {r.cited or 'nothing'}: "
                 f"{r.answer[:100]!r}")
        if r.in_record and r.absence:
            miss("false_absence", f"answered {r.answer[:100]!r}")
        if r.recall_at_5 is not None and r.recall_at_5 < 1.0:
            found = [k for k in r.retrieved[:RECALL_AT] if k in r.relevant]
            miss("recall_at_5", f"{len(found)} of {min(len(r.relevant), RECALL_AT)} in the "
                 f"top {RECALL_AT}; top {RECALL_AT}: {r.retrieved[:RECALL_AT]}")
        if r.required_ok is False:
            miss("required_citation", f"cites {r.cited}, misses {r.required_missing}")
    return out


class AskReport(Record):
    """What `research-agent eval --suite ask --json` prints under "ask"."""

    writing: str = Field("plan", description="How the answers were written: plan (no "
                         "model; the planner's verified sentences).")
    cases: list[AskCaseResult]
    overall: AskScores
    by_split: list[AskScores]
    by_kind: list[AskScores]
    misses: list[AskMiss] = Field(default_factory=list)
    seconds: float = 0.0


def summarise_ask(results: Sequence[AskCaseResult], seconds: float = 0.0) -> AskReport:
    """The report: every case, the measures overall, per split and per kind, the misses."""
    def part(field: str, value: str) -> list[AskCaseResult]:
        return [r for r in results if getattr(r, field) == value]

    return AskReport(
        cases=list(results), overall=score_cases(results, "all"),
        by_split=[score_cases(part("split", s), s) for s in SPLITS if part("split", s)],
        by_kind=[score_cases(part("kind", k), k) for k in KINDS if part("kind", k)],
        misses=misses(results), seconds=round(seconds, 1))


def ask_failures(report: AskReport, limits: AskThresholds) -> list[str]:
    """What falls short of the floors (or over a ceiling), in words; empty when all hold."""
    failures: list[str] = []
    held = next((s for s in report.by_split if s.scope == "held_out"), None)
    for scores, floors in ((report.overall, limits.all), (held, limits.held_out)):
        if scores is None:
            continue
        where = "ask" if scores.scope == "all" else f"ask ({scores.scope})"
        for name, value, floor in (
                ("answer-type accuracy", scores.answer_type_accuracy,
                 floors.min_answer_type_accuracy),
                ("yes/no accuracy", scores.yes_no_accuracy, floors.min_yes_no_accuracy),
                ("out-of-record answered absent", scores.out_of_record_share,
                 floors.min_out_of_record_share),
                ("recall@5", scores.recall_at_5, floors.min_recall_at_5),
                ("MRR", scores.mrr, floors.min_mrr),
                ("required citations", scores.required_citation_share,
                 floors.min_required_citation_share),
                ("topic papers' precision", scores.topic_precision,
                 floors.min_topic_precision),
                ("topic papers' recall", scores.topic_recall, floors.min_topic_recall)):
            if value is not None and value < floor:
                failures.append(f"{where}: {name} {value:.3f} < {floor:.3f}")
        if (scores.false_absence_share is not None
                and scores.false_absence_share > floors.max_false_absence_share):
            failures.append(f"{where}: false absences {scores.false_absence_share:.3f} > "
                            f"{floors.max_false_absence_share:.3f}")
    return failures


# --- running it -------------------------------------------------------------------------


def _no_model_job(profile: Profile, facts: FactSheet) -> Job:
    """The profile bound to a session that runs no model (--writing plan) and keeps
    nothing on disk (cache off): what `research-agent ask --writing plan` runs on."""
    from agent import api
    from agent.config import CacheMode, JudgeMode, Settings, WritingMode
    from agent.llm.cache import ResponseCache
    from agent.llm.none import NoModelBackend
    from agent.llm.session import Session

    settings = Settings(writing=WritingMode.PLAN, cache_mode=CacheMode.OFF,
                        judge=JudgeMode.OFF)
    session = Session(settings, backend=NoModelBackend(),
                      cache=ResponseCache(Path(tempfile.gettempdir()), CacheMode.OFF))
    return api.job(profile, session, facts=facts)


def run_ask_suite(progress: Callable[[str], None] = lambda _: None,
                  cases: Sequence[AskCase] | None = None) -> AskReport:
    """Answer every case with no model, one job per profile (parsed and analysed once),
    and score the answers and the retriever's rankings."""
    from agent.analyze import analyze
    from agent.parse import load_profile
    from agent.questions import classify
    from agent.tasks import TaskRequest, run_task

    cases = list(cases) if cases is not None else read_ask_cases()
    start = time.perf_counter()
    groups: dict[tuple[str, dt.date], list[AskCase]] = defaultdict(list)
    for case in cases:
        groups[(case.profile, case.as_of)].append(case)
    by_id: dict[str, AskCaseResult] = {}
    for (relative, as_of), group in groups.items():
        progress(f"ask {relative}: {len(group)} questions")
        profile = load_profile(data_path(relative), as_of=as_of)
        job = _no_model_job(profile, analyze(profile))
        for case in group:
            began = time.perf_counter()
            composition = run_task("ask", job, TaskRequest(question=case.question))
            assert isinstance(composition, Composition)
            hits = [hit.key for hit in job.retriever.search(case.question, k=SEARCH_K)]
            topic_papers = None
            if case.kind in TOPIC_KINDS:
                topic = classify(case.question, job.facts.owner).topic or case.question
                topic_papers = [hit.key for hit in job.retriever.related(topic)]
            by_id[case.id] = score_answer(case, composition, hits,
                                          time.perf_counter() - began, topic_papers)
    results = [by_id[c.id] for c in cases]
    return summarise_ask(results, time.perf_counter() - start)
