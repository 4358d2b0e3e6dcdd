"""The offline evals: the labelled checker set and the pipeline cases, and their metrics.

The checker suite runs the Verifier over labelled sentences (evals/checker.jsonl and
evals/checker_hand.jsonl) and measures it like any classifier: recall per error type,
the share of faithful sentences it flags, balanced accuracy. The pipeline suite runs
the writing tasks of evals/pipeline_cases.json (offline, from recorded answers in
evals/cache, unless a backend is given) and measures what reaches the reader: the
share of sentences verified as supported, citation precision and recall in the
manner of ALCE, and the coverage of facts that must appear.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from rich.table import Table

from agent.analyze import analyze
from agent.config import CacheMode, Settings
from agent.errors import AgentError, CacheMissError, UsageError
from agent.models import Check, Composition, FactSheet, Profile, Record
from agent.parse import load_profile
from agent.resources import EVALS_DIR, PROMPTS_DIR, data_path
from agent.verify import Verifier

EVALS = EVALS_DIR
CHECKER_FILES = (EVALS / "checker.jsonl", EVALS / "checker_hand.jsonl")
PIPELINE_CASES = EVALS / "pipeline_cases.json"
EVAL_CACHE = EVALS / "cache"
THRESHOLDS = EVALS / "thresholds.json"
# Every eval profile is read as of this date (the example page's capture date), so
# dates printed without a year resolve the same way on every machine and every day.
EVAL_AS_OF = dt.date(2026, 11, 28)

# The error types the checker must catch (issue 5); hand-labelled sentences may also
# carry "uncited_fact" or "other".
ERROR_TYPES = (
    "changed_number", "changed_year", "entity_swap", "wrong_citation",
    "nonexistent_citation", "negation_flip", "role_overclaim", "added_clause",
    "merged_facts", "wrong_count",
)
Label = Literal["supported", "unsupported"]


class LabelledSentence(Record):
    """One line of the checker set: a sentence, the keys it cites, and its true label."""

    id: str
    profile: str = Field(description="Path of the profile, relative to the repository.")
    text: str
    keys: list[str] = Field(default_factory=list)
    label: Label
    error_type: str | None = Field(None, description="Why it is unsupported; None if it is not.")
    origin: Literal["hand", "planner", "abstract", "injected", "model"] = Field(
        description="hand: written by hand; planner: a planned claim; abstract: an abstract's "
                    "own sentence; injected: an error the seeded script made from a faithful "
                    "sentence; model: a real model output, labelled by hand.")
    tags: list[str] = Field(default_factory=list, description='e.g. "paraphrase", "joint".')
    derived_from: str | None = Field(None, description="The faithful sentence an injected "
                                     "error was made from.")
    note: str | None = None


def repo_path(relative: str) -> Path:
    """A file of the eval set by its path in the repository (installed: in the package)."""
    return data_path(relative)


@cache
def load_eval_profile(relative: str) -> tuple[Profile, FactSheet]:
    """A profile of the eval set and its fact sheet, parsed once per process."""
    profile = load_profile(repo_path(relative), as_of=EVAL_AS_OF)
    return profile, analyze(profile)


@cache
def eval_verifier(relative: str) -> Verifier:
    return Verifier(*load_eval_profile(relative))


def read_labelled(paths: Iterable[Path] = CHECKER_FILES) -> list[LabelledSentence]:
    """Every labelled sentence of the given JSONL files; a bad line names itself."""
    out: list[LabelledSentence] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} does not exist",
                             "run `python evals/make_checker_set.py` to build the checker set")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                out.append(LabelledSentence.model_validate_json(line))
            except ValidationError as exc:
                raise UsageError(f"{path.name} line {number}: {exc.errors()[0]['msg']}",
                                 "fix the line; each holds one labelled sentence") from None
    return out


def write_labelled(path: Path, sentences: Iterable[LabelledSentence]) -> None:
    """One JSON object per line, fields in a fixed order, so diffs stay readable."""
    lines = [s.model_dump_json(exclude_defaults=False) for s in sentences]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- thresholds -------------------------------------------------------------------------


class CheckerThresholds(Record):
    """What the checker must reach on the labelled set (issue 5's targets)."""

    min_recall_per_type: float = 0.90
    max_false_flag_rate: float = 0.05
    min_balanced_accuracy: float = 0.90


class PipelineThresholds(Record):
    """What the writing tasks must reach on the pipeline cases."""

    min_supported_share: float = 0.98
    min_citation_precision: float = 0.95
    min_citation_recall: float = 0.95
    min_fact_coverage: float = 0.80
    max_forbidden_claims: int = 0


class Thresholds(Record):
    checker: CheckerThresholds = Field(default_factory=CheckerThresholds)
    pipeline: PipelineThresholds = Field(default_factory=PipelineThresholds)


def load_thresholds(path: Path = THRESHOLDS) -> Thresholds:
    """The thresholds kept in evals/thresholds.json."""
    try:
        return Thresholds.model_validate_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist", "restore evals/thresholds.json") from None
    except ValidationError as exc:
        raise UsageError(f"{path.name}: {exc.errors()[0]['msg']}",
                         "fix evals/thresholds.json") from None


# --- the checker suite ------------------------------------------------------------------


class TypeRow(Record):
    """How many sentences of one error type the checker flagged."""

    error_type: str
    total: int
    caught: int
    recall: float


class GroupRow(Record):
    """Faithful sentences of one origin or tag, and how many the checker flagged."""

    group: str
    total: int
    flagged: int
    rate: float


class Miss(Record):
    """A sentence the checker got wrong, with what it said."""

    id: str
    text: str
    keys: list[str]
    label: Label
    error_type: str | None = None
    reasons: list[str] = Field(default_factory=list)


class CheckerReport(Record):
    """The checker measured as a classifier: "unsupported" is the positive class."""

    sentences: int
    unsupported: int
    supported: int
    per_type: list[TypeRow]
    recall_by_origin: list[GroupRow] = Field(
        description="Recall on unsupported sentences, by origin (rate = share caught).")
    false_flags_by_group: list[GroupRow] = Field(
        description="Faithful sentences flagged, by origin and by tag (rate = share flagged).")
    recall: float
    false_flag_rate: float
    balanced_accuracy: float
    missed: list[Miss] = Field(default_factory=list)
    false_flags: list[Miss] = Field(default_factory=list)


CheckFn = Callable[[LabelledSentence], Check]


def check_labelled(sentence: LabelledSentence) -> Check:
    """The real checker on one labelled sentence, against its own profile."""
    return eval_verifier(sentence.profile).check(sentence.text, sentence.keys)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def score_checker(sentences: Sequence[LabelledSentence],
                  check: CheckFn = check_labelled) -> CheckerReport:
    """Run the checker over labelled sentences and compute recall, false flags and more."""
    by_type: dict[str, list[bool]] = defaultdict(list)
    by_origin: dict[str, list[bool]] = defaultdict(list)
    faithful_groups: dict[str, list[bool]] = defaultdict(list)
    missed, false_flags = [], []
    for sentence in sentences:
        result = check(sentence)
        flagged = not result.supported
        if sentence.label == "unsupported":
            by_type[sentence.error_type or "other"].append(flagged)
            by_origin[sentence.origin].append(flagged)
            if not flagged:
                missed.append(_miss(sentence, result))
        else:
            for group in [f"origin:{sentence.origin}", *(f"tag:{t}" for t in sentence.tags)]:
                faithful_groups[group].append(flagged)
            if flagged:
                false_flags.append(_miss(sentence, result))
    caught = sum(sum(v) for v in by_type.values())
    unsupported = sum(len(v) for v in by_type.values())
    supported = len(sentences) - unsupported
    recall = _ratio(caught, unsupported)
    false_flag_rate = len(false_flags) / supported if supported else 0.0
    order = {t: i for i, t in enumerate(ERROR_TYPES)}
    return CheckerReport(
        sentences=len(sentences), unsupported=unsupported, supported=supported,
        per_type=[TypeRow(error_type=t, total=len(v), caught=sum(v), recall=_ratio(sum(v), len(v)))
                  for t, v in sorted(by_type.items(), key=lambda i: (order.get(i[0], 99), i[0]))],
        recall_by_origin=[GroupRow(group=o, total=len(v), flagged=sum(v),
                                   rate=_ratio(sum(v), len(v))) for o, v in sorted(by_origin.items())],
        false_flags_by_group=[GroupRow(group=g, total=len(v), flagged=sum(v),
                                       rate=sum(v) / len(v)) for g, v in sorted(faithful_groups.items())],
        recall=recall, false_flag_rate=false_flag_rate,
        balanced_accuracy=(recall + 1.0 - false_flag_rate) / 2,
        missed=missed, false_flags=false_flags)


def _miss(sentence: LabelledSentence, result: Check) -> Miss:
    return Miss(id=sentence.id, text=sentence.text, keys=sentence.keys, label=sentence.label,
                error_type=sentence.error_type, reasons=result.reasons)


def checker_failures(report: CheckerReport, limits: CheckerThresholds) -> list[str]:
    """What falls short of the thresholds, in words; empty when all hold."""
    failures = [f"recall on {row.error_type} {row.recall:.2f} < {limits.min_recall_per_type:.2f}"
                for row in report.per_type
                if row.error_type in ERROR_TYPES and row.recall < limits.min_recall_per_type]
    failures += [f"recall on {t} not measured (no sentences)" for t in ERROR_TYPES
                 if t not in {row.error_type for row in report.per_type}]
    if report.false_flag_rate > limits.max_false_flag_rate:
        failures.append(f"false-flag rate {report.false_flag_rate:.3f} > "
                        f"{limits.max_false_flag_rate:.3f}")
    if report.balanced_accuracy < limits.min_balanced_accuracy:
        failures.append(f"balanced accuracy {report.balanced_accuracy:.3f} < "
                        f"{limits.min_balanced_accuracy:.3f}")
    return failures


# --- the pipeline suite -----------------------------------------------------------------

Task = Literal["bio", "trajectory", "topics", "ask", "grant", "intro"]


class PipelineCase(Record):
    """One writing task on one profile, with facts that must appear and claims that must not."""

    id: str
    profile: str
    task: Task
    words: int = 150
    question: str | None = None
    topic: str | None = None
    must_appear: list[str] = Field(
        default_factory=list, description="Regular expressions (case-insensitive), one per "
                                          "fact; each must match the output's prose.")
    must_not_appear: list[str] = Field(
        default_factory=list, description="Regular expressions for claims no output may make.")


class PipelineCases(Record):
    cases: list[PipelineCase]


class RecordedRun(Record):
    """evals/cache/recorded.json: which model answered, so a replay asks the same keys."""

    model: str
    backend: str = Field(description='"embedded" or "remote": the pipeline writes claim by '
                                     "claim for the embedded model, by section otherwise.")
    recorded_on: dt.date
    prompts: dict[str, int] = Field(default_factory=dict,
                                    description="Prompt name -> version when recorded.")


class CaseResult(Record):
    """What one case's output holds, measured."""

    id: str
    task: str
    sentences: int = 0
    verified: int = Field(0, description="Sentences the checker finds supported by their "
                                         "citations (ALCE citation recall, per sentence).")
    citations: int = 0
    relevant_citations: int = 0
    facts: int = 0
    facts_found: int = 0
    missing_facts: list[str] = Field(default_factory=list)
    forbidden_found: list[str] = Field(default_factory=list)
    statuses: dict[str, int] = Field(default_factory=dict,
                                     description="supported/repaired/replaced/unsupported.")
    unverified: list[str] = Field(default_factory=list, description="Sentences that failed.")


class PipelineReport(Record):
    model: str
    mode: str = Field(description='"replay" (recorded answers, read-only), "record" or "live".')
    cases: list[CaseResult]
    sentences: int
    supported_share: float
    citation_precision: float
    citation_recall: float
    fact_coverage: float
    forbidden_claims: int


def read_cases(path: Path = PIPELINE_CASES) -> list[PipelineCase]:
    try:
        return PipelineCases.model_validate_json(path.read_text(encoding="utf-8")).cases
    except FileNotFoundError:
        raise UsageError(f"{path} does not exist", "restore evals/pipeline_cases.json") from None
    except ValidationError as exc:
        raise UsageError(f"{path.name}: {exc.errors()[0]['msg']}",
                         "fix evals/pipeline_cases.json") from None


def read_recorded(directory: Path = EVAL_CACHE) -> RecordedRun:
    path = directory / "recorded.json"
    try:
        return RecordedRun.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValidationError):
        raise UsageError(f"{path} is missing or unreadable",
                         "record the pipeline cases once: research-agent eval --suite pipeline "
                         "--record") from None


class ReplayBackend:
    """Stands in for the recorded model: every answer comes from the read-only cache.

    It never runs a model; a request the recording does not hold fails in the cache first
    (read-only mode), so complete() is only reached if that guard is bypassed."""

    default_concurrency = 1
    context_window = 8192

    def __init__(self, recorded: RecordedRun) -> None:
        self.model = recorded.model
        self.kind = recorded.backend

    def complete(self, *args: object, **kwargs: object) -> object:
        from agent.errors import LLMError
        raise LLMError("the replay backend answers only from the recorded cache",
                       "record the pipeline cases again", model=self.model)

    def count_tokens(self, messages: Sequence[object]) -> int:
        # Never undercounts: a token is at least one character in every tokenizer we use.
        return sum(len(getattr(m, "content", "")) for m in messages) + 16

    def describe(self) -> str:
        return f"recorded answers of {self.model} in {EVAL_CACHE} (read-only)"


def run_case(case: PipelineCase, llm: object, progress: Callable[[str], None]) -> Composition:
    """One case's task, run through the real pipeline (the task registry the CLI uses)."""
    from agent.pipeline import Job
    from agent.tasks import TaskRequest, run_task

    profile, facts = load_eval_profile(case.profile)
    job = Job(llm=llm, profile=profile, facts=facts,  # type: ignore[arg-type]
              show_unsupported=False, progress=progress)
    request = TaskRequest(words=case.words, question=case.question, topic=case.topic)
    return run_task(case.task, job, request)  # type: ignore[return-value]


def score_case(case: PipelineCase, composition: Composition,
               verifier: Verifier | None = None) -> CaseResult:
    """Supported share, citation precision and recall (ALCE) and fact coverage of one output.

    ALCE's rules: a sentence's citations recall it when together they support it; a
    citation is relevant when the sentence is supported and either that paper alone
    supports it or the others without it do not (so an unsupported sentence's citations
    are all irrelevant). A sentence citing nothing counts as recalled only if it states
    no fact (the verifier's own rule for uncited sentences).
    """
    verifier = verifier or eval_verifier(case.profile)
    sentences = [s for section in composition.sections for s in section.sentences]
    result = CaseResult(id=case.id, task=case.task, sentences=len(sentences))
    statuses: dict[str, int] = defaultdict(int)
    for sentence in sentences:
        statuses[sentence.status.value] += 1
        supported = verifier.check(sentence.text, sentence.keys).supported
        result.verified += supported
        result.citations += len(sentence.keys)
        if not supported:
            result.unverified.append(sentence.text)
            continue
        result.relevant_citations += sum(
            _relevant(verifier, sentence.text, sentence.keys, key) for key in sentence.keys)
    result.statuses = dict(statuses)
    text = " ".join(s.text for s in sentences)
    result.facts = len(case.must_appear)
    result.missing_facts = [p for p in case.must_appear if not re.search(p, text, re.I)]
    result.facts_found = result.facts - len(result.missing_facts)
    result.forbidden_found = [p for p in case.must_not_appear if re.search(p, text, re.I)]
    return result


def _relevant(verifier: Verifier, text: str, keys: Sequence[str], key: str) -> bool:
    if len(keys) == 1 or verifier.check(text, [key]).supported:
        return True
    rest = [k for k in keys if k != key]
    return not verifier.check(text, rest).supported


def summarise_pipeline(results: Sequence[CaseResult], model: str, mode: str) -> PipelineReport:
    sentences = sum(r.sentences for r in results)
    citations = sum(r.citations for r in results)
    facts = sum(r.facts for r in results)
    return PipelineReport(
        model=model, mode=mode, cases=list(results), sentences=sentences,
        supported_share=_ratio(sum(r.verified for r in results), sentences),
        citation_precision=_ratio(sum(r.relevant_citations for r in results), citations),
        citation_recall=_ratio(sum(r.verified for r in results), sentences),
        fact_coverage=_ratio(sum(r.facts_found for r in results), facts),
        forbidden_claims=sum(len(r.forbidden_found) for r in results))


def pipeline_failures(report: PipelineReport, limits: PipelineThresholds) -> list[str]:
    checks = [
        ("supported share", report.supported_share, limits.min_supported_share),
        ("citation precision", report.citation_precision, limits.min_citation_precision),
        ("citation recall", report.citation_recall, limits.min_citation_recall),
        ("fact coverage", report.fact_coverage, limits.min_fact_coverage),
    ]
    failures = [f"{name} {value:.3f} < {limit:.3f}" for name, value, limit in checks
                if value < limit]
    if report.forbidden_claims > limits.max_forbidden_claims:
        failures.append(f"{report.forbidden_claims} forbidden claims in the outputs")
    return failures


def prompt_versions() -> dict[str, int]:
    """The version of every prompt template, as recorded with the cache."""
    from agent.prompts import load_prompt

    names = sorted(p.stem for p in PROMPTS_DIR.glob("*.prompt"))
    return {name: load_prompt(name).version for name in names}


def run_pipeline_suite(mode: str, settings: Settings, progress: Callable[[str], None],
                       cases: Sequence[PipelineCase] | None = None,
                       cache_dir: Path = EVAL_CACHE) -> PipelineReport:
    """Run the cases: replayed from the recorded cache, recorded into it, or live.

    replay: evals/cache read-only with a backend that never runs a model (CI, offline);
    record: the configured backend (the embedded model by default) writing evals/cache;
    live: the configured backend and cache, like any other command.
    """
    from agent.llm.backends import make_backend
    from agent.llm.cache import ResponseCache
    from agent.llm.session import Session

    cases = list(cases) if cases is not None else read_cases()
    if mode == "replay":
        session = Session(settings, backend=ReplayBackend(read_recorded(cache_dir)),  # type: ignore[arg-type]
                          cache=ResponseCache(cache_dir, CacheMode.READ_ONLY))
    elif mode == "record":
        session = Session(settings, backend=make_backend(settings),
                          cache=ResponseCache(cache_dir, CacheMode.READ_WRITE))
    else:
        session = Session(settings)
    backend, llm = session.backend, session.llm
    results = []
    for case in cases:
        progress(f"case {case.id}")
        try:
            composition = run_case(case, llm, progress)
        except CacheMissError as exc:
            raise AgentError(
                f"{cache_dir} holds no recorded answer for case {case.id} (step {exc.step})",
                "prompts, plans or the model changed since the recording: record again with "
                "`research-agent eval --suite pipeline --record`") from None
        results.append(score_case(case, composition))
    if mode == "record":
        recorded = RecordedRun(model=backend.model, backend=backend.kind,  # type: ignore
                               recorded_on=dt.date.today(), prompts=prompt_versions())
        (cache_dir / "recorded.json").write_text(recorded.model_dump_json(indent=2) + "\n",
                                                 encoding="utf-8")
    return summarise_pipeline(results, backend.model, mode)  # type: ignore[attr-defined]


def run_suites(suite: str, mode: str, settings: Settings, progress: Callable[[str], None]
               ) -> EvalReport:
    """What `research-agent eval` runs: the checker suite, the pipeline suite (replayed,
    recorded or live), or both, each measured against evals/thresholds.json."""
    limits = load_thresholds()
    report = EvalReport()
    if suite in {"checker", "all"}:
        report.checker = score_checker(read_labelled())
        report.failures += checker_failures(report.checker, limits.checker)
    if suite in {"pipeline", "all"}:
        report.pipeline = run_pipeline_suite(mode, settings, progress)
        report.failures += pipeline_failures(report.pipeline, limits.pipeline)
    return report


class EvalReport(Record):
    """What `research-agent eval --json` prints."""

    checker: CheckerReport | None = None
    pipeline: PipelineReport | None = None
    failures: list[str] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


# --- tables for people ------------------------------------------------------------------


def checker_table(report: CheckerReport) -> Table:
    """Recall per error type, the false-flag rate and balanced accuracy."""
    table = Table(title=f"Checker: {report.sentences} labelled sentences "
                        f"({report.unsupported} unsupported, {report.supported} faithful)")
    for name in ("error type", "caught", "total", "recall"):
        table.add_column(name, justify="left" if name == "error type" else "right")
    for row in report.per_type:
        table.add_row(row.error_type, str(row.caught), str(row.total), f"{row.recall:.2f}")
    caught = report.unsupported - len(report.missed)
    table.add_row("all unsupported", str(caught), str(report.unsupported), f"{report.recall:.3f}")
    table.add_row("faithful flagged", str(len(report.false_flags)), str(report.supported),
                  f"{report.false_flag_rate:.3f}")
    table.add_row("balanced accuracy", "", "", f"{report.balanced_accuracy:.3f}")
    return table


def _statuses(statuses: dict[str, int]) -> str:
    """How the sentences got there: as the model wrote them / repaired / planned claims."""
    return "/".join(str(statuses.get(s, 0)) for s in ("supported", "repaired", "replaced"))


def pipeline_table(report: PipelineReport) -> Table:
    """Per case: sentences verified, citation precision and recall, facts found."""
    table = Table(title=f"Pipeline: {report.model} ({report.mode})")
    for name in ("case", "sentences", "written/repaired/planned", "verified", "cit. precision",
                 "facts", "forbidden"):
        table.add_column(name, justify="left" if name == "case" else "right")
    for r in report.cases:
        table.add_row(r.id, str(r.sentences), _statuses(r.statuses), f"{r.verified}/{r.sentences}",
                      f"{r.relevant_citations}/{r.citations}", f"{r.facts_found}/{r.facts}",
                      str(len(r.forbidden_found)))
    total: dict[str, int] = defaultdict(int)
    for r in report.cases:
        for status, n in r.statuses.items():
            total[status] += n
    table.add_row("all (share)", str(report.sentences), _statuses(total),
                  f"{report.supported_share:.3f}", f"{report.citation_precision:.3f}",
                  f"{report.fact_coverage:.3f}", str(report.forbidden_claims))
    table.caption = (f"supported share {report.supported_share:.3f} (= ALCE citation recall "
                     f"{report.citation_recall:.3f}), citation precision "
                     f"{report.citation_precision:.3f}, fact coverage {report.fact_coverage:.3f}")
    return table
