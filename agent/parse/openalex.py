"""OpenAlex works JSON: a list response ({"meta", "results"}), one work, or a list of works.

OpenAlex ships no abstract text, only an inverted index (word -> positions);
the abstract is rebuilt from it. Author lists of more than 100 authors are cut
by the list endpoints and flagged with is_authors_truncated, which becomes
"et al." here. `research-agent fetch openalex` adds the author's own record
under "author", which names the owner.
"""

from __future__ import annotations

import html
import re
from typing import Any

from agent.models import ParseIssue
from agent.parse.base import Format, Parsed, Source, Work, new_work
from agent.parse.fields import (arxiv_id, clean_text, iso_date, make_date, without_labels,
                                work_kind, year_of)

FORMAT_NAME = "openalex"
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    return data if isinstance(data, list) else [data]


def sniff(source: Source) -> bool:
    """Works carry OpenAlex ids (https://openalex.org/W...) or authorships."""
    first = next((i for i in _items(source.data) if isinstance(i, dict)), None)
    if first is None:
        return False
    return str(first.get("id", "")).startswith("https://openalex.org/W") or (
        "authorships" in first and ("publication_year" in first or "display_name" in first))


def read(source: Source) -> Parsed:
    """Every work with a title; entries that are not works are reported."""
    parsed = Parsed(format=FORMAT_NAME, owner=_owner(source.data))
    for number, item in enumerate(_items(source.data), start=1):
        if item is None:
            continue
        if not isinstance(item, dict):
            parsed.issues.append(ParseIssue(message=f"work {number} is not an object; skipped"))
            continue
        work = _work(item, number, source.name, parsed.issues)
        if work is not None:
            parsed.works.append(work)
    return parsed


def _owner(data: Any) -> str | None:
    author = data.get("author") if isinstance(data, dict) else None
    return clean_text(author.get("display_name")) or None if isinstance(author, dict) else None


def _work(item: dict[str, Any], number: int, source: str,
          issues: list[ParseIssue]) -> Work | None:
    """One OpenAlex work; one without a title is reported and skipped."""
    title = _plain(item.get("title") or item.get("display_name"))
    label = f"work {number}" + (f" ({item['id'].rsplit('/', 1)[-1]})" if isinstance(
        item.get("id"), str) else "")
    if not title:
        issues.append(ParseIssue(message=f"{label} has no title; skipped"))
        return None
    date, precision = iso_date(item.get("publication_date"))
    if date is None:
        year = year_of(item.get("publication_year"))
        if year is None:
            issues.append(ParseIssue(message=f"{label}: publication year "
                                     f"{item.get('publication_year')!r} is not a year"))
        date, precision = make_date(year)
    authorships = [a for a in item.get("authorships") or [] if isinstance(a, dict)]
    return new_work(
        title=title, authors=[n for n in map(_author_name, authorships) if n],
        truncated=bool(item.get("is_authors_truncated")), source=source, label=label,
        date=date, precision=precision, abstract=rebuild_abstract(item.get(
            "abstract_inverted_index")), affiliations=_institutions(authorships),
        doi=item.get("doi") or (item.get("ids") or {}).get("doi"), arxiv=_arxiv(item),
        venue=_venue(item), kind=work_kind(item.get("type")))


def rebuild_abstract(index: Any) -> str:
    """The abstract from OpenAlex's inverted index: each word put back at its positions."""
    if not isinstance(index, dict) or not index:
        return ""
    placed: dict[int, str] = {}
    for word, positions in index.items():
        for position in positions if isinstance(positions, list) else []:
            if isinstance(position, int):
                placed[position] = word
    # A structured abstract's headings ("Study region:", "Methods:") are no part of it.
    return without_labels(clean_text(" ".join(placed[i] for i in sorted(placed))))


def _author_name(authorship: dict[str, Any]) -> str:
    author = authorship.get("author") or {}
    return clean_text(author.get("display_name") or authorship.get("raw_author_name"))


def _institutions(authorships: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for authorship in authorships:
        for institution in authorship.get("institutions") or []:
            name = clean_text((institution or {}).get("display_name"))
            if name and name not in names:
                names.append(name)
    return names


def _arxiv(item: dict[str, Any]) -> str | None:
    """The arXiv id, from an arXiv location's URL or an arXiv DOI."""
    locations = [item.get("primary_location"), *(item.get("locations") or [])]
    for location in filter(None, locations):
        for url in (location.get("landing_page_url"), location.get("pdf_url")):
            if url and "arxiv.org" in url and (found := arxiv_id(url)):
                return found
    doi = str(item.get("doi") or "")
    return arxiv_id(doi) if "10.48550" in doi else None


def _venue(item: dict[str, Any]) -> str | None:
    source = (item.get("primary_location") or {}).get("source") or {}
    return clean_text(source.get("display_name")) or None


def _plain(value: Any) -> str:
    """OpenAlex titles may hold markup (<i>, <sub>) and entities."""
    return clean_text(html.unescape(_TAG.sub("", str(value)))) if value else ""


FORMAT = Format(name=FORMAT_NAME, label="OpenAlex works JSON", json=True, sniff=sniff,
                read=read)
