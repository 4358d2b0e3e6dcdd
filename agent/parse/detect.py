"""Format sniffing by content, never by file extension."""

from __future__ import annotations

import re

from agent.parse.profile_page import FORMAT_NAME as PROFILE_PAGE
from agent.parse.profile_page import looks_like_profile_page

# Formats we recognise but cannot read yet: named in the error so the user knows
# the file is fine and the tool is what falls short.
_KNOWN_UNSUPPORTED: list[tuple[str, re.Pattern[str]]] = [
    ("BibTeX", re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]", re.M)),
    ("an Atom/XML feed", re.compile(r"^\s*<\?xml|^\s*<feed\b", re.I)),
    ("JSON", re.compile(r"^\s*[\[{]")),
    ("HTML", re.compile(r"^\s*<(!doctype html|html)\b", re.I)),
    ("a PDF", re.compile(r"^%PDF-")),
]

SUPPORTED = (PROFILE_PAGE,)


def detect_format(text: str) -> str | None:
    """The name of the format the text is in, or None when no parser can read it."""
    if looks_like_profile_page(text):
        return PROFILE_PAGE
    return None


def describe_unsupported(text: str) -> str | None:
    """A human name for a format we recognise but do not read, if any."""
    head = text[:4096]
    return next((name for name, pattern in _KNOWN_UNSUPPORTED if pattern.search(head)), None)
