"""CSL-JSON, as Zotero, Mendeley, Pandoc and citeproc export it: an array of items.

Names come as {"family", "given"} (with particles and suffixes) or {"literal"};
dates as {"date-parts": [[2020, 7, 15]]}, {"raw": "..."} or {"literal": "..."}.
Titles and abstracts may carry HTML or JATS markup, which is dropped.
"""

from __future__ import annotations

import html
import re
from typing import Any

from agent.models import DatePrecision, ParseIssue
from agent.names import is_cjk
from agent.parse.base import Format, Parsed, Source, Work, new_work
from agent.parse.fields import (clean_paragraphs, clean_text, iso_date, make_date, work_kind,
                                year_of)

FORMAT_NAME = "csl-json"
_TAG = re.compile(r"</?[a-zA-Z][\w:.-]*(?:\s[^>]*)?>")
_PARAGRAPH_END = re.compile(r"</(?:jats:)?p>", re.I)
_CSL_KEYS = frozenset({"issued", "author", "container-title", "citation-key", "DOI", "URL",
                       "editor", "page", "volume"})


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return data["items"]
    return data if isinstance(data, list) else [data]


def sniff(source: Source) -> bool:
    """Items with a CSL "type" and CSL's own keys (issued, container-title, ...)."""
    first = next((i for i in _items(source.data) if isinstance(i, dict)), None)
    return first is not None and isinstance(first.get("type"), str) and bool(
        _CSL_KEYS & first.keys()) and "paperId" not in first and "authorships" not in first


def read(source: Source) -> Parsed:
    """Every item with a title; items that are not objects are reported."""
    parsed = Parsed(format=FORMAT_NAME)
    for number, item in enumerate(_items(source.data), start=1):
        if not isinstance(item, dict):
            parsed.issues.append(ParseIssue(message=f"item {number} is not an object; skipped"))
        elif (work := _work(item, number, source.name, parsed.issues)) is not None:
            parsed.works.append(work)
    return parsed


def _work(item: dict[str, Any], number: int, source: str,
          issues: list[ParseIssue]) -> Work | None:
    """One CSL item; one without a title is reported and skipped."""
    label = f"item {number}" + (f" ({item['id']})" if isinstance(item.get("id"), str) else "")
    title = _plain(item.get("title"))
    if not title:
        issues.append(ParseIssue(message=f"{label} has no title; skipped"))
        return None
    date, precision = _issued(item.get("issued"))
    if date is None:
        said = f"date {item['issued']!r} states no year" if item.get("issued") else "no date"
        issues.append(ParseIssue(message=f"{label}: {said}"))
    authors = [n for n in map(_name, item.get("author") or []) if n]
    number_field = str(item.get("number") or "")
    arxiv = next((v for v in (item.get("URL"), number_field, item.get("DOI"))
                  if v and "arxiv" in str(v).lower()), None)
    return new_work(
        title=title, authors=authors, source=source, label=label, date=date, precision=precision,
        abstract=_abstract(item.get("abstract")), doi=item.get("DOI"), arxiv=arxiv,
        venue=_plain(item.get("container-title")) or None, links=[str(item.get("URL") or "")],
        kind=work_kind(item.get("type")), institution=_issuer(item) or None)


def _issuer(item: dict[str, Any]) -> str:
    """The university of a thesis or the institution of a report: CSL's "publisher" of
    those types, as BibTeX's school and institution are."""
    if str(item.get("type") or "") not in {"thesis", "report"}:
        return ""
    return _plain(item.get("publisher"))


def _issued(value: Any):
    """The date of a CSL date variable, in any of its shapes."""
    if isinstance(value, (str, int)):
        return iso_date(value) if isinstance(value, str) else make_date(year_of(value))
    if not isinstance(value, dict):
        return None, DatePrecision.UNKNOWN
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [int(p) if str(p).strip().isdigit() else None for p in parts[0][:3]]
        year = year_of(numbers[0]) if numbers[0] is not None else year_of(parts[0][0])
        month, day = (numbers + [None, None])[1:3]
        return make_date(year, month if month and 1 <= month <= 12 else None, day)
    for field in ("raw", "literal"):
        if value.get(field):
            return iso_date(value[field])
    return None, DatePrecision.UNKNOWN


def _name(person: Any) -> str:
    """"Given dropping-particle non-dropping-particle Family, Suffix", or the literal."""
    if not isinstance(person, dict):
        return clean_text(person) if isinstance(person, str) else ""
    if person.get("literal"):
        return clean_text(person["literal"])
    order = ("given", "dropping-particle", "non-dropping-particle", "family")
    if is_cjk(str(person.get("family") or "")):
        order = ("family", "given")  # written family name first
    parts = [person.get(k) for k in order]
    name = clean_text(" ".join(str(p) for p in parts if p))
    return f"{name}, {person['suffix']}" if person.get("suffix") and name else name


def _plain(value: Any) -> str:
    return clean_text(html.unescape(_TAG.sub("", str(value)))) if value else ""


def _abstract(value: Any) -> str:
    """JATS paragraphs (<jats:p>) become paragraphs; other markup is dropped."""
    if not value:
        return ""
    text = _PARAGRAPH_END.sub("\n\n", str(value))
    return clean_paragraphs(html.unescape(_TAG.sub("", text)))


FORMAT = Format(name=FORMAT_NAME, label="CSL-JSON", json=True, sniff=sniff, read=read)
