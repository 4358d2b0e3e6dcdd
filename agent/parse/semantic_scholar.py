"""Semantic Scholar Graph API JSON: one paper, a batch, a page of an author's papers
({"data": [...]}), or an author with their papers ({"authorId", "name", "papers"}).

The batch and list endpoints put null where a paper is unknown; those entries
are skipped and counted. An author object names the owner.
"""

from __future__ import annotations

from typing import Any

from agent.models import ParseIssue
from agent.parse.base import Format, Parsed, Source, Work, new_work
from agent.parse.fields import clean_text, iso_date, make_date, work_kind, year_of

FORMAT_NAME = "s2"


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict):
        for field in ("data", "papers"):
            if isinstance(data.get(field), list):
                return data[field]
        return [data]
    return data if isinstance(data, list) else []


def sniff(source: Source) -> bool:
    """Papers carry a paperId (or S2's externalIds with a title)."""
    first = next((i for i in _items(source.data) if isinstance(i, dict)), None)
    return first is not None and ("paperId" in first or (
        "externalIds" in first and "title" in first and "authorships" not in first))


def read(source: Source) -> Parsed:
    """Every paper with a title; nulls are skipped and counted."""
    data = source.data
    owner = clean_text(data.get("name")) if isinstance(data, dict) and "authorId" in data else ""
    parsed = Parsed(format=FORMAT_NAME, owner=owner or None)
    nulls = 0
    for number, item in enumerate(_items(data), start=1):
        if item is None:
            nulls += 1
        elif not isinstance(item, dict):
            parsed.issues.append(ParseIssue(message=f"paper {number} is not an object; skipped"))
        elif (work := _work(item, number, source.name, parsed.issues)) is not None:
            parsed.works.append(work)
    if nulls:
        parsed.issues.append(ParseIssue(
            message=f"{nulls} null entr{'y' if nulls == 1 else 'ies'} (papers Semantic Scholar "
                    "does not know) skipped"))
    return parsed


def _work(item: dict[str, Any], number: int, source: str,
          issues: list[ParseIssue]) -> Work | None:
    """One paper; one without a title is reported and skipped."""
    label = f"paper {number}" + (f" ({item['paperId']})" if item.get("paperId") else "")
    title = clean_text(item.get("title"))
    if not title:
        issues.append(ParseIssue(message=f"{label} has no title; skipped"))
        return None
    date, precision = iso_date(item.get("publicationDate"))
    if date is None:
        raw = item.get("year")
        if raw is not None and year_of(raw) is None:
            issues.append(ParseIssue(message=f"{label}: year {raw!r} is not a year"))
        date, precision = make_date(year_of(raw))
    ids = item.get("externalIds") or {}
    authors = [clean_text(a.get("name")) for a in item.get("authors") or []
               if isinstance(a, dict) and clean_text(a.get("name"))]
    journal = item.get("journal") or {}
    return new_work(
        title=title, authors=authors, source=source, label=label, date=date,
        precision=precision, abstract=clean_text(item.get("abstract")),
        doi=ids.get("DOI"), arxiv=ids.get("ArXiv"),
        venue=clean_text(item.get("venue")) or clean_text(journal.get("name")) or None,
        kind=next((k for t in item.get("publicationTypes") or [] if (k := work_kind(t))), None))


FORMAT = Format(name=FORMAT_NAME, label="Semantic Scholar JSON", json=True, sniff=sniff,
                read=read)
