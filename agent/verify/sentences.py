"""Sentences and their citation markers: split_citations, and the prose of a text."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from agent.text import ABBREVIATIONS, AS_WRITTEN, GREEK_OPENING, TITLES


# --- citation markers and sentences ----------------------------------------------------

_KEY = r"[a-z][a-z0-9_:\-]{2,}"
_MARKER = re.compile(rf"\[\s*({_KEY}(?:\s*[;,]\s*{_KEY})*)\s*\]")
# And "no. 5", "nos.", "sec.", which the prose may write before a capital or a figure.
_ABBREVIATIONS = frozenset((*ABBREVIATIONS, "no", "nos", "sec"))
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_QUOTES = '"\u201c\u201d'
_SIGNIFICANT = re.compile(r'[\[\n.!?"\u201c\u201d]')


def split_citations(text: str) -> list[tuple[str, list[str]]]:
    """Split prose into sentences, each with the keys it cites, markers removed.

    Citation markers: [key], [key1; key2], [key1, key2]. A marker after the final period
    of a sentence belongs to that sentence. No split on "e.g.", "i.e.", "et al.", "vs.",
    decimals like 1.33x, or inside quotes.
    """
    markers = list(_MARKER.finditer(text))
    result: list[tuple[str, list[str]]] = []
    for start, end in _sentence_spans(text, markers):
        keys = [k for m in markers if start <= m.start() < end for k in _marker_keys(m)]
        clean = _strip_markers(text[start:end])
        if clean:
            result.append((clean, list(dict.fromkeys(keys))))
        elif keys and result:  # a stray marker between sentences cites the one before
            before, cited = result[-1]
            result[-1] = (before, list(dict.fromkeys([*cited, *keys])))
    return result


def sentence_texts(text: str) -> Iterator[str]:
    """The sentences of split_citations(text), markers removed, one at a time and without
    the keys they cite: for a caller that wants the first that passes a test, of an
    abstract whose later sentences need not be tidied."""
    markers = list(_MARKER.finditer(text))
    for start, end in _sentence_spans(text, markers):
        if clean := _strip_markers(text[start:end]):
            yield clean


def _marker_keys(marker: re.Match[str]) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", marker.group(1)) if k.strip()]


def _strip_markers(text: str) -> str:
    """Sentence text without markers, with the spaces they leave behind tidied."""
    if "[" in text:  # every marker opens with one; most sentences of a report have none
        text = _MARKER.sub(" ", text)
    # Runs of whitespace as one space, none at the ends: what re.sub(r"\s+", " ", text)
    # .strip() makes (str.split's whitespace is re's \s), at a fraction of its time.
    text = " ".join(text.split())
    return _SPACE_BEFORE_STOP.sub(r"\1", text)


_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:!?])")


def _sentence_spans(text: str, markers: Sequence[re.Match[str]]) -> list[tuple[int, int]]:
    """Character spans of the sentences; trailing markers stay with their sentence."""
    marker_end = {m.start(): m.end() for m in markers}
    spans: list[tuple[int, int]] = []
    # Straight and curly quotes are kept apart: a title quoted in straight quotes may hold
    # one in curly quotes ('"Correction to “Three-dimensional ...”" (2017) also ...'), and
    # one state for both read its closing '"' as opening again.
    start, i, straight, curly, n = 0, 0, False, False, len(text)
    while i < n:
        # Only a marker's "[", a quote, a newline or a terminator can change anything: the
        # scan jumps to the next one (a report splits every abstract and written text).
        found = _SIGNIFICANT.search(text, i)
        if found is None:
            break
        i = found.start()
        if i in marker_end:
            i = marker_end[i]
            continue
        char = text[i]
        quoted = straight or curly
        if char == '"':
            straight = not straight
        elif char in _QUOTES:
            curly = char == "\u201c"
        elif char == "\n" and (para := _PARAGRAPH.match(text, i)):
            spans.append((start, i))
            start = i = para.end()
            straight = curly = False
            continue
        elif char in ".!?":
            closes = quoted and i + 1 < n and text[i + 1] in _QUOTES
            if (not quoted or closes) and not (char == "." and _is_abbreviation(text, i)):
                end = _sentence_end(text, i + 1 + closes, marker_end)
                if end is not None:
                    spans.append((start, end))
                    start = i = end
                    straight = curly = False
                    continue
        i += 1
    spans.append((start, n))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _sentence_end(text: str, after: int, marker_end: dict[int, int]) -> int | None:
    """Where a sentence ends if the terminator before `after` ends it, else None."""
    end, j = after, after
    while j < len(text):
        if text[j].isspace():
            j += 1
        elif j in marker_end:
            j = end = marker_end[j]
        else:
            break
    if j >= len(text):
        return len(text)
    starts_sentence = text[j].isupper() or text[j].isdigit() or text[j] in _QUOTES \
        or GREEK_OPENING.match(text, j) is not None
    return end if starts_sentence and text[j - 1].isspace() else None


def _is_abbreviation(text: str, dot: int) -> bool:
    """A period that closes "e.g", "et al", "vs" or an initial does not end a sentence."""
    word = _LAST_WORD.search(text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1)
    if token.lower() in _ABBREVIATIONS or token in AS_WRITTEN:
        return True
    # "Z. Chi": a single capital after a space is an initial; "25 °C." is a unit.
    if len(token) == 1 and token.isupper() and (dot < 2 or not text[dot - 2].isalnum()
                                                 and text[dot - 2] != "°"):
        return True
    # "J. Mater. Chem. A, 2015": a journal's abbreviated name, a short capitalised word
    # after another abbreviation ("J.", "Mater.").
    # Not a name after a title ("Dr. Smith."), which may end a sentence.
    if not (2 <= len(token) <= 6 and token[0].isupper() and token[1:].islower()):
        return False
    before = _ABBREVIATED_BEFORE.search(text[max(0, dot - len(token) - 10):dot - len(token)])
    return before is not None and before.group(1).lower() not in _TITLES


# A short capitalised word and its period, then a space: the abbreviation before another.
_ABBREVIATED_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]{0,5})\.\s$")
_TITLES = frozenset(t.lower() for t in TITLES)
# The word (letters and points) that ends a text: what a period after it may abbreviate.
_LAST_WORD = re.compile(r"([^\W\d_](?:[^\W\d_]|\.)*)$")

# Lines of our own Markdown that carry no prose claim: headings, table rows, the references
# list and its link targets, the faithfulness line, and a caption in underscores.
_SKIP_LINE = re.compile(
    r"^\s*(?:#|\||[-*]\s+(?:<a id=|\*\*\[)|\[[^\]]+\]:\s|Faithfulness:\s|_.*_\s*$)")
_UNSUPPORTED_MARK = re.compile(r"\*\*\[unsupported:[^\]]*\]\*\*\s*")


def prose(text: str) -> tuple[str, int]:
    """The prose of a text, and how many lines were left out as non-prose.

    Paragraphs stay apart (a blank line ends a sentence); markers of our own output
    ("**[unsupported: ...]**") and Markdown emphasis are removed.
    """
    kept: list[str] = []
    skipped = 0
    for line in text.splitlines():
        if line.strip() and _SKIP_LINE.match(line):
            skipped += 1
            kept.append("")
            continue
        line = _UNSUPPORTED_MARK.sub("", line)
        kept.append(re.sub(r"(\*\*|__)(.+?)\1", r"\2", line))
    return "\n".join(kept), skipped
