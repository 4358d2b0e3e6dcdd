"""Whole texts: every prose sentence of a text checked (verify_text), with the span of years
a Markdown heading states standing for "these three years" under it, and every sentence of
a papers table's rows ("| [key] Title | 2020 | Proposes X. | ... |") against its row's
paper."""

from __future__ import annotations

import re

from agent.models import SentenceVerdict, TextCheck
from agent.verify.analysis import _spans
from agent.verify.lexicon import _WORD_NUMBERS, _clean
from agent.verify.sentences import prose, split_citations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.verify.verifier import Checker


def verify_text(verifier: Checker, text: str, profile: str = "",
                source: str | None = None) -> TextCheck:
    """Check every prose sentence of a text; an uncited one is checked against the papers
    that best support it, which are named."""
    verdicts = []
    skipped = 0
    # Under a heading that states a span ("### 2019-2021: ..."), "these three years" is it.
    for period, section in _sections(text):
        body, left_out = prose(section)
        rows = _table_sentences(section)
        skipped += left_out - len({line for line, _, _ in rows})
        for sentence, keys in [*split_citations(body), *((s, [k]) for _, s, k in rows)]:
            checked = _resolve_period(sentence, period)
            check = verifier.check(checked, keys)
            attributed: list[str] = []
            # A claim that the record holds nothing on X is refuted, not rescued, by the
            # papers that do support X.
            if (not keys and not check.supported and check.supporting_keys
                    and "absence" not in check.kinds):
                attributed = list(check.supporting_keys)
                check = verifier.check(checked, attributed)
            verdicts.append(SentenceVerdict(text=sentence, keys=keys, supported=check.supported,
                                            attributed=attributed, reasons=check.reasons,
                                            kinds=check.kinds, support=check.support,
                                            evidence=check.evidence, judge=check.judge))
    return TextCheck(profile=profile, source=source, sentences=verdicts, skipped_lines=skipped)


# A row of the papers table: its first cell opens with the paper's key.
_TABLE_ROW = re.compile(r"^\s*\|\s*\[(?P<key>[^\]\s]+)\][^|]*\|(?P<rest>.*)\|\s*$")
_CELL_BREAK = re.compile(r"(?<!\\)\|")


def _table_sentences(section: str) -> list[tuple[str, str, str]]:
    """The sentences of the papers table's cells after the title and the year, each with
    its line and the key of its row's paper: a digest field says what that paper does,
    and `research-agent verify` holds it to what the paper says, as the report did."""
    found = []
    for line in section.splitlines():
        row = _TABLE_ROW.match(line)
        if row is None:
            continue
        cells = [c.strip().replace("\\|", "|") for c in _CELL_BREAK.split(row["rest"])][1:]
        for cell in cells:  # the digest's fields, after the year
            found += [(line, sentence, row["key"]) for sentence, _ in split_citations(cell)
                      if sentence.strip()]
    return found


_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*)$")
# "these three years", "those years", "this period": the span of the section's heading.
_PERIOD_ANAPHOR = re.compile(r"\b(?:these|those)\s+(?:(?P<n>\d+|[a-z]+)\s+)?years\b"
                             r"|\b(?:this|that)\s+(?:period|span|stretch)\b", re.I)


def _sections(text: str) -> list[tuple[tuple[int, int] | None, str]]:
    """The text cut at its Markdown headings, each part with the span of years its nearest
    heading states ("### 2019-2021: cross-lingual pre-training"); a deeper heading keeps
    the span of the one above it, another heading of the same level or higher ends it."""
    parts: list[tuple[tuple[int, int] | None, str]] = []
    stack: list[tuple[int, tuple[int, int] | None]] = []
    period: tuple[int, int] | None = None
    lines: list[str] = []
    for line in text.splitlines(keepends=True):
        heading = _HEADING.match(line)
        if heading:
            parts.append((period, "".join(lines)))
            lines = []
            level = len(heading.group(1))
            spans, _ = _spans(_clean(heading.group(2)))
            bounded = [(a, b) for a, b, _ in spans if a is not None and b is not None]
            stack = [*(item for item in stack if item[0] < level),
                     (level, bounded[0] if bounded else None)]
            period = next((span for _, span in reversed(stack) if span), None)
        lines.append(line)  # a heading stays with its section: prose() leaves it out
    parts.append((period, "".join(lines)))
    return [(p, part) for p, part in parts if part]


def _resolve_period(sentence: str, period: tuple[int, int] | None) -> str:
    """The sentence with "these three years" written as the section's span ("2019-2021").

    A number of years that is not the span's length is left as written (and checked as
    such): "these two years" under "2019-2021" is not resolved.
    """
    if period is None:
        return sentence
    first, last = period

    def resolve(match: re.Match[str]) -> str:
        said = (match.group("n") or "").lower()
        length = int(said) if said.isdigit() else _WORD_NUMBERS.get(said)
        if length is not None and length != last - first + 1:
            return match.group(0)
        return f"{first}-{last}"

    return _PERIOD_ANAPHOR.sub(resolve, sentence)
