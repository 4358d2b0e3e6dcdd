"""A finding said of the condition where the cited papers find the opposite, or no change.

A paper may report a result one way under one condition and the other way, or not at
all, under another: "In rain-dominated and mixed catchments, the LSTM outperformed HBV"
and "In snow-dominated catchments the LSTM did not outperform HBV"; "Adding MODIS
snow-covered area as an input did not change this result". The direction check
(polarity.directions) lets such a paper support either direction, since it says each in
some clause, so "In snow-dominated catchments the LSTM clearly outperformed HBV" and
"Adding MODIS snow cover substantially improved the LSTM" passed.

Which of the paper's clauses speaks for a clause of the sentence is told by the words they
share, as a reader tells it. The paper's clause that shares the most content words with
the sentence's decides when:
- it says the other way round with the same kind of word about the same thing ("did not
  outperform HBV"), or finds no change where the sentence claims one;
- it shares at least MIN_SHARED words and more than every clause that says it the
  sentence's way (the words beyond are the condition: "snow-dominated"); two more where
  the sentence also names the condition of the closest clause that agrees.
A tie decides nothing. Only a strong direction word of the sentence is held so
("outperformed", "improved"), not a comparative ("more", "worse"), which names as often as
it claims ("CIN3 or worse"). A paper that says it one way only is left to the direction
check (polarity.directions).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.verify.lexicon import _lexical, _Polar, _spelled
from agent.verify.polarity import _group, finds_no_change
from agent.verify.reasons import Reason

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.index import _PaperIndex
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support

# Where one claim ends and the next begins: a sentence's end, a semicolon, and a contrast
# ("..., whereas the PR for the peak discharge was 2.7"), whose two sides are the two
# conditions such a paper tells apart. A plain comma is no end ("In rain-dominated
# catchments, the LSTM outperformed HBV" is one claim with its condition), nor is a colon,
# which goes on about the same claim ("did not outperform HBV: median KGE was 0.74 ...").
_CLAUSE_END = re.compile(r";|(?<=[.!?])\s+|,?\s+\b(?:but|whereas|while|although|though|"
                         r"yet|however)\b", re.I)
# A contrast that only names the other condition: "but not in Kenya", "but not among men".
_ELLIPSIS = re.compile(r"\s*not\s+(?:in|among|for|at|with|on|during|after|before|under)\b", re.I)
# A clause that opens on its verb: its subject is the clause before's.
_NO_SUBJECT = re.compile(r"\s*(?:did|does|do|was|were|is|are|had|has|have|showed|shows|"
                         r"remained|remains)\b")
# The paper's clause must share at least this many content words with the sentence's:
# fewer is no telling which clause the sentence is about.
MIN_SHARED = 3


@dataclass(frozen=True)
class _Claim:
    """One clause as this check reads it: its content stems, its direction words (those
    with a sign, not asked), and whether it finds no change (polarity.finds_no_change)."""

    stems: frozenset[str]
    directions: tuple[_Polar, ...]
    no_change: bool

    def signs(self, group: str) -> set[int]:
        """The signs of its direction words of one group (polarity._group)."""
        return {d.sign for d in self.directions if _group(d.dimension) == group}


@lru_cache(maxsize=1 << 12)
def _claims(text: str) -> tuple[_Claim, ...]:
    """The clauses of a text, each read once: a paper's text is asked again by every
    sentence checked against it."""
    out: list[_Claim] = []
    for part in _CLAUSE_END.split(text):
        if not part or not part.strip():
            continue
        lex = _lexical(part)
        if out and _ELLIPSIS.match(part):
            # "... lower burden in Sweden but not in Kenya": the clause before, denied of
            # this one's condition. Its words are both clauses', so a sentence about
            # Sweden ties with it and is left alone.
            before = out[-1]
            out.append(_Claim(before.stems | lex.stems, tuple(
                dataclasses.replace(d, sign=-d.sign) for d in before.directions), False))
            continue
        directions = tuple(p for p in lex.polar if p.sign and not p.asked)
        no_change = finds_no_change(part)
        # "Stride-time variability decreased by 18% with high-groove music but did not
        # change detectably with the metronome": a clause with no subject of its own
        # is about the one before's.
        stems = lex.stems | out[-1].stems if out and _NO_SUBJECT.match(part) else lex.stems
        out.append(_Claim(stems, directions, no_change))
    return tuple(out)


def conditions(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
               support: _Support) -> list[Reason]:
    """Direction words the cited papers' closest clause turns round or finds no change in,
    where another of their clauses says it the sentence's way."""
    if not any(item.sign for item in sent.lexical.polar) or not papers:
        return []
    theirs = [claim for p in papers for claim in _claims(p.text)]
    reasons: list[Reason] = []
    for mine in _claims(sent.text):
        for item in mine.directions:
            group = _group(item.dimension)
            if not item.strong or len(mine.signs(group)) != 1:
                # A comparative ("more", "worse") names as often as it claims ("CIN3 or
                # worse"); "raised one and lowered the other" holds no one direction.
                continue
            agree, against = [], []
            for claim in theirs:
                signs = claim.signs(group)
                if len(signs) == 1:
                    other = next(d for d in claim.directions if _group(d.dimension) == group)
                    if signs == {item.sign}:
                        agree.append((claim, other.said))
                    elif other.dimension == item.dimension and other.after & item.after \
                            and other.before & item.before:
                        # The other way, of the same thing by the same one: "the LSTM did
                        # not outperform HBV". Another cause's opposite is no turn:
                        # "heatwaves increase bleaching" beside "shading reduces bleaching".
                        against.append((claim, other.said))
                elif not signs and claim.no_change:
                    # No change bears out a negated direction ("did not improve") and
                    # turns round a stated one. Such a clause often names its subject
                    # alone ("Adding MODIS snow-covered area ... did not change this
                    # result"), so the words shared below tell what it is about.
                    (agree if item.negated else against).append((claim, "no change"))
            if not agree or not against:
                continue  # the papers say it one way only: the direction check decides
            best, said = max(against, key=lambda c: len(mine.stems & c[0].stems))
            shared = mine.stems & best.stems
            closest = max((claim for claim, _ in agree), key=lambda c: len(mine.stems & c.stems))
            rival = mine.stems & closest.stems
            if len(shared) < MIN_SHARED or len(shared) <= len(rival):
                continue
            if rival - shared and len(shared) - len(rival) < 2:
                # The sentence names the agreeing clause's condition too ("At lowland
                # gauges, unlike in mountain valleys, the nowcast outperformed STEPS"):
                # one word more is no telling.
                continue
            # What tells that clause from the closest that agrees: the condition
            # ("snow-dominated").
            told = shared - rival
            where = ", ".join(f'"{_spelled(sent, s)}"' for s in sorted(told))
            theirs_said = "find no change" if said == "no change" else f'say "{said}"'
            reasons.append(Reason(
                "polarity", f'"{item.said}" where the cited papers {theirs_said} (their '
                            f'clause on {where})', (item.word, said, *sorted(told))))
    return reasons
