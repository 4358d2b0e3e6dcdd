"""What a batch run records: each input file's row, the run's summary, its options.

`batch` writes these as its manifest (batch.json) and `batch --json` prints them;
the terminal table (render.py) and the index page (render_html.py) read them. They
live apart from agent/batch.py, which runs the profiles, so that the renderers can
read them without importing the runner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import Field

from agent.models import Record, Tally

MANIFEST = "batch.json"
INDEX = "index.html"  # the group's page, linking each profile's report
FORMATS = ("md", "json", "html")


class RunStatus(str, Enum):
    """What became of one input file."""

    PENDING = "pending"  # not run yet: the run was interrupted before its turn
    WRITTEN = "written"
    UNCHANGED = "unchanged"  # finished by an earlier run with the same input and options
    DUPLICATE = "duplicate"
    FAILED = "failed"


class ProfileRun(Record):
    """One input file's row in the summary and the manifest."""

    file: str = Field(description="The input file, relative to the batch directory.")
    name: str = Field(description="The stem its outputs are written under.")
    status: RunStatus
    owner: str | None = None
    papers: int = 0
    calls: int = 0
    cache_hits: int = 0
    judge_calls: int = Field(0, description="Of the calls, those the judge made (--judge).")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tokens_estimated: bool = False
    tally: Tally | None = None
    seconds: float = 0.0
    notes: list[str] = Field(default_factory=list, description="How the owner was chosen, "
                             "and other things worth knowing about the input.")
    warnings: list[str] = Field(default_factory=list, description="What the parser could not "
                                "take as written.")
    error: str | None = None
    duplicate_of: str | None = None
    input_sha256: str | None = None
    fingerprint: str | None = None
    outputs: list[str] = Field(default_factory=list)


class BatchSummary(Record):
    """The whole run: what `batch --json` prints and the manifest a re-run resumes from."""

    directory: str
    output: str
    model: str
    runs: list[ProfileRun] = Field(default_factory=list)
    calls: int = 0
    cache_hits: int = 0
    judge_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    openai_batch: dict[str, Any] | None = None

    @property
    def failed(self) -> list[ProfileRun]:
        """The rows that did not end in a report."""
        return [r for r in self.runs if r.status is RunStatus.FAILED]

    @property
    def reported(self) -> list[ProfileRun]:
        """The rows whose report is in the output directory, from this run or an earlier one."""
        return [r for r in self.runs if r.status in (RunStatus.WRITTEN, RunStatus.UNCHANGED)]


@dataclass(frozen=True)
class BatchOptions:
    """What decides a report's content, besides the input and the cache."""

    as_of: dt.date
    words: int = 150
    show_unsupported: bool = False
    claim_by_claim: bool | None = None
    formats: tuple[str, ...] = FORMATS
    max_bytes: int = 32 * 1024 * 1024
    judge: str | None = None  # the judge's mode (--judge) when one is on
