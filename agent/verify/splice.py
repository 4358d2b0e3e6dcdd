"""Spliced copies: a sentence that copies a cited paper's words on both sides of a cut, where
the cut takes out a phrase that held the words after it to the words before.

"HomeDreamer ... plans in its learned value function" copies "plans in its latent space with
a learned value function" without "latent space with a": every word is the paper's, so no
other check sees it, but "in its" now governs the value function, which the paper never
said. The small model makes such cuts when it shortens a sentence.

A cut is flagged in a copy of at least MIN_COPY words of one source sentence, between runs of
at least two words before it and three after, when the words before it end in a determiner
("its", "a", "the": the cut took the noun it was for, and it now falls on another) and what
was cut holds a preposition other than "of" (the phrase that tied the words after it to that
noun: "with", "from", "over") and a word of content the sentence does not say elsewhere. So
dropping an adjective ("for [model-based] policy optimisation"), an article, a name in
brackets, a quantity's partitive noun ("on [a mix of] 2.1M episodes"), a noun that only holds
what follows ("characterized by [features of] extensive invasion") or the people a finding is
about ("mortality in [patients with] advanced kidney disease") is no splice: those cuts keep
what the paper says. Measured on SciFact train, where claims are written by people: with a
preposition before the cut, shorter copies and "of" counted, 4 SUPPORT claims were flagged by
chance alignments; as shipped, none (nor any faithful sentence of evals/).

Aligned with difflib's SequenceMatcher over lower-case words: the standard library's longest
matching blocks, which is all a copy with a cut needs (no library does the grammar test).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.text import SENTENCE_BREAK
from agent.verify.reasons import Reason, cite

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.index import _PaperIndex
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support

_WORD = re.compile(r"[^\W_][\w'’]*")
# Words that tie a phrase to a noun: a cut that takes one away reattaches what follows.
_PREPOSITIONS = frozenset(
    "in on of with from by for to over into onto at via under between through across "
    "within without against among toward towards about after before during".split())
# Words that need the noun after them: a copy that ends on one needs the noun it had.
_DETERMINERS = frozenset("a an the its their his her this these that those our".split())
# Nouns that only count or group what follows them ("a mix of", "a set of"): cutting them
# with their "of" keeps what the paper says of the rest.
_PARTITIVES = frozenset(
    "mix mixture set number range variety total collection suite series pair couple lot "
    "majority group family kind type sort amount part portion subset list array".split())
_STOP = _PREPOSITIONS | _DETERMINERS | frozenset(
    "and or but is are was were be been which that who whose it they we as".split())
# The shortest runs copied before and after a cut, the fewest words the sentence must copy
# from the source sentence in all (a copy, not two phrases met by chance), and the longest
# cut looked at: a longer one is no cut but two copies from different places.
MIN_BEFORE = 2
MIN_AFTER = 3
MIN_COPY = 8
MAX_CUT = 8


def splices(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
            support: _Support) -> list[Reason]:
    """A phrase cut out of a copy of a cited paper's words, reattaching what follows it."""
    words = _words(sent.text)
    if len(words) < MIN_COPY:
        return []
    vocabulary = frozenset(words)
    # Where a cut can be: a determiner followed by a word it does not precede in the source.
    pairs = [(a, b) for a, b in zip(words, words[1:]) if a in _DETERMINERS]
    if not pairs:
        return []
    for paper in papers:
        for source, used, bigrams in _sources(paper.paper.title, paper.paper.abstract):
            # A copy of MIN_COPY words shares at least that many, and a cut joins two of its
            # words the source never joins: most sources are passed over by set look-ups,
            # without the alignment.
            if len(vocabulary & used) < MIN_COPY or all(
                    pair in bigrams or pair[1] not in used for pair in pairs):
                continue
            cut = _cut(words, source)
            if cut is not None:
                before, dropped, after = cut
                return [Reason(
                    "splice", f'"{before} {after}" copies the cited paper with "{dropped}" '
                              f'cut out from between ({cite([paper.key])}): it no longer says '
                              f'what the paper says', (before, dropped, after, paper.key))]
    return []


def _cut(words: tuple[str, ...], source: tuple[str, ...]) -> tuple[str, str, str] | None:
    """The first cut of the sentence's copy of one source sentence, as (the words before,
    the words cut, the words after), or None."""
    matcher = difflib.SequenceMatcher(None, words, source, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= MIN_BEFORE]
    if sum(b.size for b in blocks) < MIN_COPY:
        return None
    for left, right in zip(blocks, blocks[1:]):
        if right.size < MIN_AFTER:
            continue
        end_a, end_b = left.a + left.size, left.b + left.size
        gap = right.b - end_b
        if right.a != end_a or not 0 < gap <= MAX_CUT:
            continue
        dropped = source[end_b:right.b]
        last = words[end_a - 1]
        # What was cut is said elsewhere in the sentence: a reordering, not a cut.
        content = [w for w in dropped if w not in _STOP and w not in words]
        if (last in _DETERMINERS and (_PREPOSITIONS - {"of"}) & set(dropped)
                and content and not _PARTITIVES & set(content)):
            return (" ".join(words[max(left.a, end_a - 4):end_a]), " ".join(dropped),
                    " ".join(words[right.a:right.a + 4]))
    return None


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


@lru_cache(maxsize=1024)
def _sources(title: str, abstract: str
             ) -> tuple[tuple[tuple[str, ...], frozenset[str], frozenset[tuple[str, str]]], ...]:
    """The title and each sentence of the abstract, as words, the set of them and the set of
    their pairs: a copy runs within one."""
    return tuple((w, frozenset(w), frozenset(zip(w, w[1:])))
                 for s in [title, *SENTENCE_BREAK.split(abstract)] if (w := _words(s)))
