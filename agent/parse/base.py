"""The one interface every input format implements, and the records it returns.

A reader turns one file into `Parsed`: its works (papers before the owner is
known and duplicates are merged), what it could not read, and the owner's name
when the file itself states it. Owner resolution, merging and keys happen once,
for every format alike, in agent/parse/__init__.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from agent.models import DatePrecision, Paper, ParseIssue, Profile, Record
from agent.parse.fields import (arxiv_id, find_urls, normalize_doi, said_kind, split_ids,
                                title_quotes)


class Work(Record):
    """One entry of an input file: the paper, its identifiers, and where it was read."""

    paper: Paper
    doi: str | None = Field(None, description="Lower-case, without a resolver prefix.")
    arxiv_id: str | None = Field(None, description="Without its version: 2007.07834.")
    venue: str | None = None
    source: str = Field(description="The file it was read from.")
    label: str = Field(description='Its place in the file: "line 14", "entry 3", "work 2 (W7)".')

    @property
    def where(self) -> str:
        """File and place, for messages about several files: "refs.bib line 14"."""
        return f"{self.source} {self.label}"


class Parsed(Record):
    """What a reader found in one file."""

    format: str
    works: list[Work] = Field(default_factory=list)
    issues: list[ParseIssue] = Field(default_factory=list)
    owner: str | None = Field(None, description="The owner's name, when the file states it.")
    page: Profile | None = Field(
        None, description="The profile page's own reading, for its header metrics.")


@dataclass(frozen=True)
class Source:
    """One input file as a reader receives it."""

    text: str
    name: str
    as_of: dt.date
    data: Any = None  # the decoded JSON, for JSON formats; decoded once, shared by all


@dataclass(frozen=True)
class Format:
    """An input format: how to recognise it and how to read it."""

    name: str    # the --format value
    label: str   # for people: "BibTeX", "an arXiv Atom feed"
    json: bool   # whether Source.data holds the decoded JSON
    sniff: Callable[[Source], bool]
    read: Callable[[Source], Parsed]


# Hosts of source code: a work that links to one has its code public.
CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "sourceforge.net")
_CODE_HOST = re.compile(r"(?:https?://)?(?:www\.)?(?:" + "|".join(map(re.escape, CODE_HOSTS))
                        + r")/[\w.-]+/[\w.-]+", re.I)


def new_work(
    *, title: str, authors: list[str], source: str, label: str, date: dt.date | None = None,
    precision: DatePrecision = DatePrecision.UNKNOWN, truncated: bool = False,
    abstract: str = "", affiliations: list[str] | None = None, category: str | None = None,
    doi: str | None = None, arxiv: str | None = None, venue: str | None = None,
    line: int | None = None, links: Sequence[str] = (), kind: str | None = None,
    edited: bool = False, institution: str | None = None,
) -> Work:
    """A work from the fields every format has; the key and the owner's place come later.
    links: the work's own URLs where the format gives them (ORCID's "url", CSL's "URL",
    BibTeX's url), besides those its abstract names. A link to a code host (CODE_HOSTS)
    is the record saying that the work's code is public."""
    doi, arxiv = split_ids(normalize_doi(doi), arxiv_id(arxiv))
    urls = list(dict.fromkeys([*find_urls(abstract), *(u.strip() for u in links if u and u.strip())]))
    paper = Paper(
        key="", title=title_quotes(title), date=date, date_precision=precision if date else
        DatePrecision.UNKNOWN, category=category, authors=authors, authors_truncated=truncated,
        affiliations=affiliations or [], abstract=abstract, urls=urls, edited=edited,
        has_code=any(_CODE_HOST.match(u) for u in urls),
        kind=kind or said_kind(abstract), source_line=line, institution=institution or None)
    return Work(paper=paper, doi=doi, arxiv_id=arxiv, venue=venue or None, source=source,
                label=label)
