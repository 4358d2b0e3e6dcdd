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
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from agent.analyze import analyze
from agent.errors import UsageError
from agent.models import Check, Composition, FactSheet, Profile, Record
from agent.parse import load_profile
from agent.verify import Verifier

REPO = Path(__file__).resolve().parent.parent
EVALS = REPO / "evals"
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
    return REPO / relative


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
