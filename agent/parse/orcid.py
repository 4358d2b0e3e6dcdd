"""ORCID public API v3.0 JSON: a works list (/works), a full record (/record), full works
(/works/{put-codes}, under "bulk"), or one work; `research-agent fetch orcid` writes
the record with the full works added under "bulk".

A works list holds summaries, one group per work (the same work from several
sources); a summary carries no author list, so the owner's place on it is
unknown until the full work (with its contributors) or another export is merged
in. The record names the owner.
"""

from __future__ import annotations

from typing import Any

from agent.models import ParseIssue
from agent.names import clean_name
from agent.parse.base import Format, Parsed, Source, Work, new_work
from agent.parse.fields import (clean_paragraphs, clean_text, make_date, month_of, work_kind,
                                year_of)

FORMAT_NAME = "orcid"
_MARKERS = ("orcid-identifier", "activities-summary", "bulk", "put-code")


def sniff(source: Source) -> bool:
    """ORCID's own keys: orcid-identifier, activities-summary, bulk, put-code, or work groups."""
    data = source.data
    if not isinstance(data, dict):
        return False
    if any(k in data for k in _MARKERS):
        return True
    groups = data.get("group")
    return isinstance(groups, list) and any(
        isinstance(g, dict) and "work-summary" in g for g in groups)


def read(source: Source) -> Parsed:
    """Full works where the file has them, else the summaries of the works list."""
    data: dict[str, Any] = source.data
    parsed = Parsed(format=FORMAT_NAME, owner=_owner(data))
    full, seen = _full_works(data, parsed.issues)
    items = [(f"work {w.get('put-code', i)}", w) for i, w in enumerate(full, start=1)]
    for number, group in enumerate(_groups(data), start=1):
        summaries = [s for s in group.get("work-summary") or [] if isinstance(s, dict)]
        if summaries and not seen & {s.get("put-code") for s in summaries}:
            summary = dict(summaries[0], **{"external-ids": group.get("external-ids")
                                            or summaries[0].get("external-ids")})
            items.append((f"work {summary.get('put-code', number)}", summary))
    if "put-code" in data and "title" in data:  # a single full work
        items.append((f"work {data['put-code']}", data))
    unlisted = 0
    for label, item in items:
        work = _work(item, label, source.name, parsed.issues)
        if work is not None:
            parsed.works.append(work)
            unlisted += not work.paper.authors
    if unlisted:
        parsed.issues.append(ParseIssue(message=(
            f"{unlisted} work{'s' if unlisted > 1 else ''} without an author list (ORCID "
            "summaries carry none): the owner's role there is unknown; fetch the full works "
            "with `research-agent fetch orcid` or merge another export")))
    return parsed


def _groups(data: dict[str, Any]) -> list[dict[str, Any]]:
    works = (data.get("activities-summary") or {}).get("works") or data
    return [g for g in works.get("group") or [] if isinstance(g, dict)]


def _full_works(data: dict[str, Any], issues: list[ParseIssue]) -> tuple[list[dict], set]:
    """The full works under "bulk"; an entry ORCID answered with an error is reported."""
    works: list[dict[str, Any]] = []
    for number, entry in enumerate(data.get("bulk") or [], start=1):
        work = entry.get("work") if isinstance(entry, dict) else None
        if isinstance(work, dict):
            works.append(work)
        else:
            error = (entry or {}).get("error") if isinstance(entry, dict) else None
            reason = clean_text((error or {}).get("developer-message")) or "no work"
            issues.append(ParseIssue(message=f"bulk entry {number} skipped: {reason[:120]}"))
    return works, {w.get("put-code") for w in works}


def _owner(data: dict[str, Any]) -> str | None:
    name = (data.get("person") or {}).get("name") or {}
    credit = _value(name.get("credit-name"))
    full = " ".join(p for p in (_value(name.get("given-names")),
                                _value(name.get("family-name"))) if p)
    return credit or full or None


def _work(item: dict[str, Any], label: str, source: str,
          issues: list[ParseIssue]) -> Work | None:
    """One work or work summary; one without a title is reported and skipped."""
    title = _value((item.get("title") or {}).get("title"))
    if not title:
        issues.append(ParseIssue(message=f"{label} has no title; skipped"))
        return None
    when = item.get("publication-date") or {}
    year = year_of(_value(when.get("year")))
    if year is None:
        said = f"year {_value(when.get('year'))!r} is not a year" if when.get("year") else "no date"
        issues.append(ParseIssue(message=f"{label} ({title[:60]}): {said}"))
    date, precision = make_date(year, month_of(_value(when.get("month"))),
                                _int(_value(when.get("day"))))
    ids = {i.get("external-id-type", "").lower(): i.get("external-id-value")
           for i in ((item.get("external-ids") or {}).get("external-id") or [])
           if isinstance(i, dict)}
    authors, truncated = _contributors(item)
    return new_work(
        title=title, authors=authors, truncated=truncated, source=source, label=label,
        date=date, precision=precision,
        abstract=clean_paragraphs(str(item.get("short-description") or "")),
        doi=ids.get("doi"), arxiv=ids.get("arxiv"), venue=_value(item.get("journal-title")),
        links=[_value(item.get("url"))], kind=work_kind(item.get("type")))


def _contributors(item: dict[str, Any]) -> tuple[list[str], bool]:
    """The author names; a summary (no contributors) or a nameless one leaves the list open."""
    listed = (item.get("contributors") or {}).get("contributor")
    if not isinstance(listed, list) or not listed:
        return [], True
    # A credit name may be written "Thornquist-Oduya, Ysolde": the name as written, in order.
    names = [clean_name(_value(c.get("credit-name")))
             for c in listed if isinstance(c, dict) and _role(c)]
    return [n for n in names if n], not all(names)


def _role(contributor: dict[str, Any]) -> bool:
    """Authors only: editors and translators are contributors too."""
    role = (contributor.get("contributor-attributes") or {}).get("contributor-role")
    return not role or "author" in str(role).lower()


def _value(node: Any) -> str:
    """ORCID wraps strings as {"value": ...}."""
    if isinstance(node, dict):
        node = node.get("value")
    return clean_text(node) if node is not None else ""


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


FORMAT = Format(name=FORMAT_NAME, label="ORCID works JSON", json=True, sniff=sniff, read=read)
