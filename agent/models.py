"""Pydantic records passed between the steps: Profile, Paper and what the parser reports."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base of every record: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class DatePrecision(str, Enum):
    """How much of a paper's date the source actually states."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class OwnerPosition(str, Enum):
    """Where the profile owner stands in a paper's author list."""

    FIRST = "first"
    MIDDLE = "middle"
    LAST = "last"
    SOLE = "sole"
    # Not among the visible authors, and the list is cut short by "et al.".
    UNKNOWN = "unknown"
    # Not among the authors of a complete list: the source contradicts itself.
    ABSENT = "absent"


class Paper(Record):
    """One publication as the input states it; nothing here is inferred by a model."""

    key: str = Field(description="Stable readable citation key, e.g. chi2020infoxlm.")
    title: str
    date: dt.date | None = Field(None, description="ISO date; see date_precision.")
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    year_inferred: bool = Field(
        False, description="The source gave no year; it was taken from the capture date."
    )
    category: str | None = Field(None, description="Category code as printed: CL, LG, AI, ...")
    has_code: bool = False
    authors: list[str] = Field(default_factory=list, description="The visible author list.")
    authors_truncated: bool = Field(False, description='The list ends in "et al.".')
    affiliations: list[str] = Field(default_factory=list)
    abstract: str = ""
    urls: list[str] = Field(default_factory=list, description="URLs found in the abstract.")
    owner_position: OwnerPosition = OwnerPosition.UNKNOWN
    source_line: int | None = Field(None, description="Line of the input where the paper starts.")

    @property
    def year(self) -> int | None:
        """The publication year, when known."""
        return self.date.year if self.date else None


class ParseIssue(Record):
    """Something in the input the parser could not take as written."""

    line: int | None = None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class Profile(Record):
    """A researcher and their papers, as parsed from one input."""

    name: str
    primary_category: str | None = None
    h_index: int | None = None
    citations: int | None = None
    claimed_paper_count: int | None = Field(
        None, description='The paper count the source states ("36 Papers").'
    )
    novelty_pct: int | None = None
    ai_score_pct: int | None = None
    as_of: dt.date = Field(description="Capture date; dates without a year are resolved with it.")
    source: str | None = Field(None, description="Where the profile was read from.")
    source_format: str | None = None
    papers: list[Paper] = Field(default_factory=list)
    issues: list[ParseIssue] = Field(
        default_factory=list, description="Warnings raised while parsing; empty for clean input."
    )


class DigestAnswer(Record):
    """What the model is asked for about one paper (the schema of the digest call)."""

    contribution: str = Field(description="One sentence: what the paper contributes.")
    method: str = Field(description="One sentence: how it does it.")
    key_result: str = Field("", description="The main result as stated; empty if none.")
    keywords: list[str] = Field(default_factory=list, max_length=8)


class PaperDigest(DigestAnswer):
    """A paper's digest, tied to its key."""

    key: str
