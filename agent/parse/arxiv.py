"""arXiv API Atom feeds (export.arxiv.org/api/query), read with feedparser.

Each entry is one preprint: the id loses its version suffix (2007.07834v2 ->
2007.07834) so that two versions are one work, the wrapped title and abstract
have their whitespace collapsed, the first version's date is the paper's date,
and the primary category is kept (cs.CL as CL, the way the profile page prints it).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agent.errors import InputError
from agent.models import ParseIssue
from agent.parse.base import Format, Parsed, Source, Work, new_work
from agent.parse.fields import arxiv_category, arxiv_id, clean_paragraphs, clean_text, iso_date

if TYPE_CHECKING:  # feedparser loads when a feed is read, not when a format is detected
    import feedparser

FORMAT_NAME = "arxiv"
_FEED = re.compile(r"<feed\b", re.I)
_ERROR_ID = "arxiv.org/api/errors"


def sniff(source: Source) -> bool:
    """An Atom <feed> that mentions arXiv near its start."""
    head = source.text[:8192]
    return bool(_FEED.search(head)) and "arxiv" in head.lower()


def read(source: Source) -> Parsed:
    """The feed's entries; a malformed feed keeps the entries read before the fault."""
    import feedparser

    feed = feedparser.parse(source.text, sanitize_html=False, resolve_relative_uris=False)
    parsed = Parsed(format=FORMAT_NAME)
    for entry in feed.entries:
        if _ERROR_ID in str(entry.get("id", "")):
            raise InputError(f"{source.name} is an arXiv API error, not a list of papers: "
                             f"{clean_text(entry.get('summary')) or 'no reason given'}",
                             "check the query it was downloaded with")
    if feed.bozo and not feed.entries:
        raise InputError(f"{source.name} is not a readable Atom feed ({_fault(feed)})",
                         "download it again")
    if feed.bozo:
        parsed.issues.append(ParseIssue(line=_fault_line(feed), message=(
            f"the feed is malformed ({_fault(feed)}); the {len(feed.entries)} entries "
            "before the fault were read")))
    for number, entry in enumerate(feed.entries, start=1):
        work = _work(entry, number, source.name, parsed.issues)
        if work is not None:
            parsed.works.append(work)
    if feed.bozo and not parsed.works:
        raise InputError(f"{source.name} is not a readable Atom feed ({_fault(feed)}) and no "
                         "entry in it could be read", "download it again")
    if not feed.entries:
        parsed.issues.append(ParseIssue(message="the feed has no entries"))
    return parsed


def _fault(feed: feedparser.FeedParserDict) -> str:
    exc = feed.get("bozo_exception")
    line = _fault_line(feed)
    reason = str(getattr(exc, "getMessage", lambda: exc)()) if exc else "malformed XML"
    return f"{reason} at line {line}" if line else reason


def _fault_line(feed: feedparser.FeedParserDict) -> int | None:
    exc = feed.get("bozo_exception")
    getter = getattr(exc, "getLineNumber", None)
    return getter() if callable(getter) else None


def _work(entry: feedparser.FeedParserDict, number: int, source: str,
          issues: list[ParseIssue]) -> Work | None:
    """One entry as a work; an entry without a title is reported and skipped."""
    title = clean_text(entry.get("title"))
    if not title:
        issues.append(ParseIssue(message=f"entry {number} has no title; skipped"))
        return None
    date, precision = iso_date(entry.get("published") or entry.get("updated"))
    if date is None:
        issues.append(ParseIssue(message=f"entry {number} ({title[:60]}) has no date"))
    authors = [clean_text(a.get("name")) for a in entry.get("authors", []) if a.get("name")]
    primary = entry.get("arxiv_primary_category") or {}
    tags = entry.get("tags") or [{}]
    affiliation = clean_text(entry.get("arxiv_affiliation"))
    return new_work(
        title=title, authors=authors, source=source, label=f"entry {number}", date=date,
        precision=precision, abstract=clean_paragraphs(entry.get("summary") or ""),
        affiliations=[affiliation] if affiliation else [],
        category=arxiv_category(primary.get("term") or tags[0].get("term")),
        doi=entry.get("arxiv_doi"), arxiv=arxiv_id(entry.get("id")),
        venue=clean_text(entry.get("arxiv_journal_ref")) or None,
        kind=None if entry.get("arxiv_journal_ref") else "preprint")


FORMAT = Format(name=FORMAT_NAME, label="an arXiv Atom feed", json=False, sniff=sniff,
                read=read)
