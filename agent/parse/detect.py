"""Format sniffing by content, never by file extension."""

from __future__ import annotations

import re

from agent.errors import UsageError
from agent.parse import arxiv, bibtex, csl, openalex, orcid, profile_page, semantic_scholar
from agent.parse.base import Format, Source

# Tried in this order. Text formats first: the profile page, then BibTeX. Among
# JSON formats, the ones with the most distinctive keys go first.
FORMATS: tuple[Format, ...] = (
    profile_page.FORMAT, bibtex.FORMAT, arxiv.FORMAT,
    orcid.FORMAT, openalex.FORMAT, semantic_scholar.FORMAT, csl.FORMAT,
)
SUPPORTED = tuple(f.name for f in FORMATS)
_ALIASES = {"semantic-scholar": "s2", "csl": "csl-json", "bib": "bibtex", "atom": "arxiv"}

# Formats we recognise but cannot read: named in the error so the user knows the
# file is fine and the tool is what falls short.
_KNOWN_UNSUPPORTED: list[tuple[str, re.Pattern[str]]] = [
    ("RIS, which this tool cannot read", re.compile(r"^TY  - [A-Z]+", re.M)),
    ("an Atom/XML feed, but not one from the arXiv API",
     re.compile(r"^\s*<\?xml|^\s*<feed\b", re.I)),
    ("JSON, but not from OpenAlex, Semantic Scholar, ORCID or a CSL-JSON export",
     re.compile(r"^\s*[\[{]")),
    ("HTML, which this tool cannot read", re.compile(r"^\s*<(!doctype html|html)\b", re.I)),
    ("a PDF, which this tool cannot read", re.compile(r"^%PDF-")),
]


def format_named(name: str) -> Format:
    """The format a --format value names, or a usage error listing the choices."""
    wanted = _ALIASES.get(name.strip().lower(), name.strip().lower())
    for fmt in FORMATS:
        if fmt.name == wanted:
            return fmt
    raise UsageError(f"unknown format {name!r}", f"choose one of: {', '.join(SUPPORTED)}")


def detect(source: Source) -> Format | None:
    """The format the text is in, or None when no reader recognises it."""
    is_json = source.data is not None
    return next((f for f in FORMATS if f.json == is_json and f.sniff(source)), None)


def detect_format(text: str) -> str | None:
    """The name of the text format a text is in (JSON is sniffed once decoded)."""
    import datetime as dt

    found = detect(Source(text=text, name="", as_of=dt.date.today()))
    return found.name if found else None


def describe_unsupported(text: str) -> str | None:
    """A human name for a format we recognise but do not read, if any."""
    head = text[:4096]
    return next((name for name, pattern in _KNOWN_UNSUPPORTED if pattern.search(head)), None)
