"""BibTeX (and biblatex) exports, read with bibtexparser v2.

bibtexparser splits the file into blocks, resolves @string macros, removes the
outer braces and splits author lists into name parts; a block it cannot parse
becomes a failed block with its line, and the blocks after it are still read.
LaTeX (accents, braces, escapes) is decoded here, per field, with pylatexenc,
which bibtexparser itself uses; fields without LaTeX skip the slow decoder.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from agent.models import ParseIssue
from agent.names import decode_latex, is_cjk
from agent.parse.base import Format, Parsed, Source, Work, new_work
from agent.parse.fields import (
    misc_kind,
    work_kind,
    arxiv_category,
    arxiv_id,
    clean_paragraphs,
    clean_text,
    iso_date,
    make_date,
    month_of,
    normalize_doi,
    year_of,
)

if TYPE_CHECKING:  # bibtexparser loads when BibTeX is read, not when a format is detected
    import bibtexparser
    from bibtexparser import model
    from bibtexparser.middlewares.names import NameParts

FORMAT_NAME = "bibtex"
_ENTRY = re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)
# What asks for decoding: an escape, a brace, math, a tie, or TeX's dashes and quotes
# ("1700--1760", ``x''), which an abstract without any escape may hold all the same.
_LATEX = re.compile(r"[\\{}$~]|--|``|''")
# Entries that describe something other than a publication of the person.
_NOT_PAPERS = frozenset({"string", "preamble", "comment", "set", "xdata"})


def sniff(source: Source) -> bool:
    """An @type{ or @type( line near the start."""
    return bool(_ENTRY.search(source.text[:65536]))


def read(source: Source) -> Parsed:
    """Every entry bibtexparser can read; each one it cannot is an issue with its line."""
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    # bibtexparser logs each broken block; it is reported here instead, as an issue.
    logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
    logging.getLogger("bibtexparser").propagate = False
    library = bibtexparser.parse_string(
        source.text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    parsed = Parsed(format=FORMAT_NAME)
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        entry = _entry_of(block, library, parsed.issues, first_line)
        if entry is None or entry.entry_type.lower() in _NOT_PAPERS:
            continue
        first_line.setdefault(entry.key, line)
        work = _work(entry, line, source.name, parsed.issues)
        if work is not None:
            parsed.works.append(work)
    if not parsed.works and not parsed.issues:
        parsed.issues.append(ParseIssue(message="no BibTeX entries found"))
    return parsed


def _entry_of(
    block: model.Block, library: bibtexparser.Library, issues: list[ParseIssue],
    first_line: dict[str, int],
) -> model.Entry | None:
    """The entry a block holds, if any; a block that failed is reported."""
    from bibtexparser import model

    line = (block.start_line or 0) + 1
    if isinstance(block, model.DuplicateBlockKeyBlock):
        first = first_line.get(block.key)
        issues.append(ParseIssue(line=line, message=f"duplicate key {block.key!r}"
                                 + (f" (also at line {first})" if first else "")
                                 + "; both entries kept"))
        return _reparse(block, library)
    if isinstance(block, model.MiddlewareErrorBlock):
        # Only the author split can fail; the entry is kept with its names unsplit.
        inner = block.ignore_error_block
        return inner if isinstance(inner, model.Entry) else None
    if isinstance(block, model.ParsingFailedBlock):
        reason = getattr(block.error, "abort_reason", "") or str(block.error) or "malformed"
        issues.append(ParseIssue(line=line, message=f"entry skipped: {_first_line(reason)}"))
        return None
    return block if isinstance(block, model.Entry) else None


def _reparse(block: model.DuplicateBlockKeyBlock, library: bibtexparser.Library) -> model.Entry | None:
    """A duplicate-key entry comes back raw; read it again on its own, with the macros."""
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    macros = "\n".join(s.raw or "" for s in library.strings)
    again = bibtexparser.parse_string(
        f"{macros}\n{block.raw or ''}", append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    return next(iter(again.entries), None)


def _first_line(text: str) -> str:
    return clean_text(text.strip().splitlines()[0] if text.strip() else text)


def _work(entry: model.Entry, line: int, source: str, issues: list[ParseIssue]) -> Work | None:
    """One entry as a work; an entry without a title is reported and skipped."""
    fields = {k.lower(): v for k, v in entry.items()}
    title = _text(fields.get("title"))
    if not title:
        issues.append(ParseIssue(line=line, message=f"entry {entry.key!r} has no title; skipped"))
        return None
    # An edited volume names its editors and no author: they stand in the author list, as
    # editors (OwnerPosition.EDITOR), never as its authors.
    edited = not _text(fields.get("author")) and bool(_text(fields.get("editor")))
    authors, truncated = _names(fields.get("author") or fields.get("editor"))
    date, precision = _date(fields, line, entry.key, issues)
    journal = _text(fields.get("journal"))
    eprint = fields.get("eprint") if str(fields.get("archiveprefix", fields.get(
        "eprinttype", "arxiv"))).lower() == "arxiv" else None
    arxiv = (arxiv_id(eprint) or arxiv_id(fields.get("url"))
             or (arxiv_id(journal) if "arxiv" in journal.lower() else None))
    venue = journal or _text(fields.get("booktitle")) or None
    return new_work(
        title=title, authors=authors, truncated=truncated, source=source, label=f"line {line}",
        date=date, precision=precision, abstract=clean_paragraphs(_decode(str(fields.get(
            "abstract") or ""))),
        category=arxiv_category(_text(fields.get("primaryclass")) or None),
        doi=normalize_doi(fields.get("doi")), arxiv=arxiv, venue=venue, line=line,
        links=[str(fields.get(k) or "") for k in ("url", "code")],
        kind=work_kind(entry.entry_type) or (misc_kind(
            *(_text(fields.get(k)) for k in ("howpublished", "type", "note")))
            if entry.entry_type.lower() == "misc" else None), edited=edited,
        institution=_text(fields.get("school")) or _text(fields.get("institution")) or None)


def _date(fields: dict[str, object], line: int, key: str, issues: list[ParseIssue]):
    """biblatex `date`, else `year` (+ `month`, `day`); a year that is not one is reported."""
    if fields.get("date"):
        date, precision = iso_date(fields["date"])
        if date:
            return date, precision
    raw = fields.get("year")
    year = year_of(raw)
    if year is None:
        said = f"year {clean_text(raw)!r} is not a year" if raw else "no year"
        issues.append(ParseIssue(line=line, message=f"entry {key!r}: {said}; it has no date"))
        return make_date(None)
    day = fields.get("day")
    return make_date(year, month_of(fields.get("month")),
                     int(str(day)) if str(day or "").isdigit() else None)


def _names(value: object) -> tuple[list[str], bool]:
    """Display names ("Given von Surname, Jr."), and whether the list ends in "and others"."""
    from bibtexparser.middlewares.names import NameParts

    if value is None:
        return [], False
    if isinstance(value, str):  # the name split failed: split on " and " ourselves
        value = [v for v in re.split(r"\s+and\s+", value) if v.strip()]
    names: list[str] = []
    truncated = False
    for person in value:
        name = _display(person) if isinstance(person, NameParts) else _text(person)
        if name.lower() in {"others", "et al", "et al."}:
            truncated = True
        elif name:
            names.append(name)
    return names, truncated


def _display(parts: NameParts) -> str:
    order = (parts.first, parts.von, parts.last)
    if is_cjk(" ".join(parts.last)):
        order = (parts.last, parts.first)  # written family name first
    decoded = [_text(" ".join(p)) for p in order]
    name = " ".join(p for p in decoded if p)
    return f"{name}, {_text(' '.join(parts.jr))}" if parts.jr else name


def _text(value: object) -> str:
    return clean_text(_decode(str(value))) if value is not None else ""


def _decode(text: str) -> str:
    return decode_latex(text) if _LATEX.search(text) else text


FORMAT = Format(name=FORMAT_NAME, label="BibTeX", json=False, sniff=sniff, read=read)
