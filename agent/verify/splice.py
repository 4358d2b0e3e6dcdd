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

A cut may also fall just before a determiner the copy keeps: "introduces the load-dependent
BOLD slope" of "introduces the frontoparietal load index (FPLI), defined as the ratio of the
load-dependent BOLD slope", where the sentence's "the" is the second one of the source, so
the words before the cut are one ("introduces"). There "of" ties too when the noun before it
is a function of what follows (_RELATIONAL: "the ratio of", "the loss of"): what was said of
the ratio is now said of the slope. Words are aligned by the verifier's light stem, so
"introduces" copies "introduce".

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
from agent.verify.lexicon import _DENYING, _MONTHS, _stem
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
# Prepositions whose cut reattaches what follows: "of" alone may only partition or hold
# ("a mix of", "features of"), unless a relational noun governs it (_ties).
_TYING = _PREPOSITIONS - {"of"}
# Words that need the noun after them: a copy that ends on one needs the noun it had.
_DETERMINERS = frozenset("a an the its their his her this these that those our".split())
# Nouns that only count or group what follows them ("a mix of", "a set of"): cutting them
# with their "of" keeps what the paper says of the rest.
_PARTITIVES = frozenset(
    "mix mixture set number range variety total collection suite series pair couple lot "
    "majority group family kind type sort amount part portion subset list array".split())
# Nouns that are a function of what their "of" governs: cutting "the ratio of" or "the loss
# of" makes the sentence say of the thing what the paper said of the function of it.
_RELATIONAL = frozenset(
    "ratio difference fraction proportion share rate percentage loss lack absence removal "
    "deletion inhibition inverse change increase decrease reduction variance deviation "
    "error product sum".split())
_STOP = _PREPOSITIONS | _DETERMINERS | frozenset(
    "and or but is are was were be been which that who whose it they we as".split())
# The shortest runs copied before and after a cut, the fewest words the sentence must copy
# from the source sentence in all (a copy, not two phrases met by chance), and the longest
# cut looked at: a longer one is no cut but two copies from different places.
MIN_BEFORE = 2
MIN_AFTER = 3
MIN_COPY = 8
MAX_CUT = 8
# A copy that ends a sentence: at least this many words, and a negation in the source's
# next NEGATED_WITHIN words (truncations).
MIN_TAIL_COPY = 6
NEGATED_WITHIN = 2
# Only words that deny the clause they open (lexicon._DENYING); its words are split at
# spaces, so the contraction is listed too.
_NEGATORS = _DENYING | {"can't"}
# A cut just before a kept determiner may be longer: it takes a whole noun phrase and what
# ties it ("the frontoparietal load index (FPLI), defined as the ratio of").
MAX_CUT_BEFORE = 12


def splices(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
            support: _Support) -> list[Reason]:
    """A phrase cut out of a copy of a cited paper's words, reattaching what follows it."""
    words = _words(sent.text)
    if len(words) < MIN_COPY:
        return []
    keys = _keys(words)
    vocabulary = frozenset(keys)
    # Where a cut can be: around a determiner, in three words the source never writes
    # together (a cut after the determiner breaks its pair with the next word, one before
    # it its pair with the word before).
    triples = [(keys[i - 1] if i else "", keys[i], keys[i + 1])
               for i in range(len(words) - 1) if words[i] in _DETERMINERS]
    if not triples:
        return []
    for paper in papers:
        for source, stems, used, runs in _sources(paper.paper.title, paper.paper.abstract):
            # A copy of MIN_COPY words shares at least that many, and a cut joins words the
            # source never joins: most sources are passed over by set look-ups, without the
            # alignment.
            if len(vocabulary & used) < MIN_COPY or all(
                    triple in runs or triple[2] not in used for triple in triples):
                continue
            cut = _cut(words, keys, source, stems)
            if cut is not None:
                before, dropped, after = cut
                return [Reason(
                    "splice", f'"{before} {after}" copies the cited paper with "{dropped}" '
                              f'cut out from between ({cite([paper.key])}): it no longer says '
                              f'what the paper says', (before, dropped, after, paper.key))]
    return []


def _cut(words: tuple[str, ...], keys: tuple[str, ...], source: tuple[str, ...],
         stems: tuple[str, ...]) -> tuple[str, str, str] | None:
    """The first cut of the sentence's copy of one source sentence, as (the words before,
    the words cut, the words after), or None. keys and stems: the two texts' words by the
    light stem, which the alignment compares."""
    matcher = difflib.SequenceMatcher(None, keys, stems, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if sum(b.size for b in blocks if b.size >= MIN_BEFORE) < MIN_COPY:
        return None
    for left, right in zip([None, *blocks], blocks):
        if left is not None and left.size >= MIN_BEFORE and right.size >= MIN_AFTER \
                and right.a == left.a + left.size:
            # The determiner that ends the words before the cut lost its noun.
            end_a, end_b = left.a + left.size, left.b + left.size
            dropped = source[end_b:right.b]
            if 0 < len(dropped) <= MAX_CUT and words[end_a - 1] in _DETERMINERS and \
                    _TYING & set(dropped) and _kept_out(dropped, words):
                return _said(words, max(left.a, end_a - 4), end_a, dropped, right.a)
        # The copy keeps the determiner after the cut; the word before it is the source's
        # last such word before the copy ("introduces" | "the ... ratio of" | "the slope"),
        # wherever the alignment put it.
        after = words[right.a]
        if right.a and right.size > MIN_AFTER and after in _DETERMINERS and \
                source[right.b] == after:
            before = keys[right.a - 1]
            at = next((j for j in range(right.b - 1, -1, -1) if stems[j] == before), None)
            if at is None:
                continue
            dropped = source[at + 1:right.b]
            if 0 < len(dropped) <= MAX_CUT_BEFORE and _ties(dropped) and \
                    _kept_out(dropped, words):
                return _said(words, max(0, right.a - 4), right.a, dropped, right.a)
    return None


def truncations(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
                support: _Support) -> list[Reason]:
    """A copy that ends where the cited paper goes on to deny what it copied: "... tests
    whether unocculted starspots could produce the feature that cool spots cover up to 10%
    of the stellar disc" of "... and found that cool spots covering up to 10% of the stellar
    disc cannot account for it". The sentence's last MIN_TAIL_COPY words or more copy one
    source sentence, and the source's next words (NEGATED_WITHIN of them) negate: what the
    sentence leaves as said, the paper said was not so. Every word is the paper's, so no
    other check sees it."""
    words = _words(sent.text)
    if len(words) < MIN_TAIL_COPY:
        return []
    keys = _keys(words)
    vocabulary = frozenset(keys)
    tail = frozenset(keys[-MIN_TAIL_COPY:])
    for paper in papers:
        for source, stems, used, _ in _sources(paper.paper.title, paper.paper.abstract):
            if not tail <= used:
                continue
            matcher = difflib.SequenceMatcher(None, keys, stems, autojunk=False)
            last = next((b for b in reversed(matcher.get_matching_blocks()) if b.size), None)
            if last is None or last.a + last.size != len(words) or last.size < MIN_TAIL_COPY:
                continue
            rest = source[last.b + last.size:]
            if any(w in _NEGATORS or w.endswith(("n't", "n’t")) for w in rest[:NEGATED_WITHIN]) \
                    and not _NEGATORS & set(words) and not vocabulary >= set(rest[:4]):
                copied = " ".join(words[last.a:last.a + last.size][-6:])
                return [Reason(
                    "splice", f'"{copied}" copies the cited paper up to where it goes on '
                              f'"{" ".join(rest[:6])}" ({cite([paper.key])}): cut there, '
                              f'it no longer says what the paper says',
                    (copied, " ".join(rest[:6]), paper.key))]
    return []


def _kept_out(dropped: Sequence[str], words: Sequence[str]) -> bool:
    """Whether the cut took a word of content the sentence does not say elsewhere (else it
    is a reordering), no partitive noun (which keeps what the paper says), and more than a
    time ("whose earnings fell by more than 20% [between March and June 2020], those
    with locked balances": when, not what, and nothing after it hangs from it)."""
    content = [w for w in dropped if w not in _STOP and w not in words]
    return bool(content) and not _PARTITIVES & set(content) and not _a_time(dropped)


def _a_time(dropped: Sequence[str]) -> bool:
    """Whether the words are a time alone: a preposition of time, then months, years and
    the words that join them ("between march and june 2020", "in 2019", "from 2001 to
    2004")."""
    return len(dropped) > 1 and dropped[0] in _TIME_PREPOSITIONS and all(
        w in _MONTHS or _YEAR.fullmatch(w) or w in {"and", "to", "the", "of", "early",
                                                    "mid", "late"} for w in dropped[1:])


_TIME_PREPOSITIONS = frozenset("between from in during since until after before".split())
_YEAR = re.compile(r"(?:1[6-9]|20)\d\d")


def _said(words: Sequence[str], start: int, end: int, dropped: Sequence[str],
          after: int) -> tuple[str, str, str]:
    return (" ".join(words[start:end]), " ".join(dropped), " ".join(words[after:after + 4]))


def _ties(dropped: Sequence[str]) -> bool:
    """Whether a cut phrase tied what followed it to what it was about: a preposition other
    than "of", or "of" after a noun that is a function of what follows ("ratio of")."""
    return bool(_TYING & set(dropped)) or any(
        a in _RELATIONAL and b == "of" for a, b in zip(dropped, dropped[1:]))


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


@lru_cache(maxsize=4096)
def _keys(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words by the verifier's light stem: "introduces" copies "introduce"."""
    return tuple(_stem(w) for w in words)


@lru_cache(maxsize=1024)
def _sources(title: str, abstract: str
             ) -> tuple[tuple[tuple[str, ...], tuple[str, ...], frozenset[str],
                              frozenset[tuple[str, str, str]]], ...]:
    """The title and each sentence of the abstract, as words, their stems, the set of the
    stems and the set of their runs of three (with "" before the first): a copy runs
    within one."""
    found = []
    for text in [title, *SENTENCE_BREAK.split(abstract)]:
        if words := _words(text):
            stems = _keys(words)
            found.append((words, stems, frozenset(stems),
                          frozenset(zip(("", *stems), stems, stems[1:]))))
    return tuple(found)
