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
