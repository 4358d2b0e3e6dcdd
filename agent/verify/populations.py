"""Check: a finding said of people where the cited papers studied only animals or cells,
or said of animals where they studied only people.

"Recombinant angiopoietin-1 lowers mortality in human patients with septic shock", cited
to a study of septic mice, carries most of its words; what it gets wrong is who the finding
holds for, the overreach a reader of biomedical work most needs caught. The population is
told by plain words (tables below) on both sides: the sentence says whom it speaks of
("in patients", "among adults", "humans", "in mice", "murine"), and a paper studied people
when its title or abstract names them as such ("patients", "participants", "women"; not
"human" alone, which also qualifies a protein: "recombinant human Ang-1"). Only a clear
mismatch fails: no cited paper names the sentence's population, and one names the other.
A hedged sentence ("may help patients", "a candidate for clinical use") speaks of what the
work suggests, not of what it found, and is left alone.

Written by hand: no library tells which population a sentence or an abstract speaks of,
and these few words cover what SciFact's claims and the eval profiles use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.verify.lexicon import _may_hold
from agent.verify.reasons import Reason

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.index import _PaperIndex
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support

# People, as a paper names those it studied, and as a sentence says whom a finding is of.
_PEOPLE_WORDS = (r"humans|patients?|people|persons|adults?|children|adolescents?|women|men|"
                 r"participants?|volunteers?|individuals|infants?|newborns?|neonates?|"
                 r"human (?:subjects|participants|volunteers|patients|adults|infants|cohorts?)")
# Animals, and cells studied outside a body.
_OTHER_WORDS = (r"mice|mouse|murine|rats?|rodents?|animals?|zebrafish|primates?|monkeys?|"
                r"macaques?|pigs?|porcine|piglets?|dogs?|canine|rabbits?|sheep|ovine|"
                r"drosophila|flies|nematodes?|worms?|yeast|in vitro|cell lines?|cultured cells")
_PAPER_PEOPLE = re.compile(rf"\b(?:{_PEOPLE_WORDS})\b", re.I)
_PAPER_OTHER = re.compile(rf"\b(?:{_OTHER_WORDS})\b", re.I)
# Whom a sentence says a finding is of: "in patients", "among older adults", "of infected
# patients", "humans"; "in mice", "murine".
_SAID_OF_PEOPLE = re.compile(
    r"\b(?:in|of|among|for)\s+(?:[\w-]+\s+){0,2}?(?:humans|patients|people|adults|children|"
    r"adolescents|women|men|participants|individuals|infants)\b|\bhuman (?:patients|subjects|"
    r"participants|volunteers|adults)\b|\bhumans\b", re.I)
_SAID_OF_OTHER = re.compile(
    r"\b(?:in|of|among|for)\s+(?:[\w-]+\s+){0,2}?(?:mice|rats|rodents|animals|zebrafish|"
    r"primates|monkeys|pigs|dogs|rabbits)\b|\bmurine\b|\bin vitro\b", re.I)
# What every match of _SAID_OF_PEOPLE or _SAID_OF_OTHER holds (lower case).
# Whole words where a short one would be found inside others ("men" in "treatment").
_HINTS = ("humans", "human ", "patients", "people", "adults", "children", "adolescents",
          "women", " men", "participants", "individuals", "infants", "mice", " rats",
          "rodents", "animals", "zebrafish", "primates", "monkeys", " pigs", " dogs", "rabbits",
          "murine", "in vitro")
# What the work suggests, not what it found.
_HEDGED = re.compile(r"\b(?:may|might|could|potential(?:ly)?|suggests?|suggesting|candidates?|"
                     r"promis\w*|future|implications?|translat\w*|hope)\b", re.I)


def populations(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
                support: _Support) -> list[Reason]:
    """A finding said of people (or of animals) that the cited papers studied only in
    animals or cells (or only in people)."""
    if not papers or not _may_hold(sent.text, _HINTS) or _HEDGED.search(sent.text):
        return []  # most sentences name no population: a substring test tells them
    reasons = []
    for said, wanted, other, them in (
            (_SAID_OF_PEOPLE, _PAPER_PEOPLE, _PAPER_OTHER, "animals or cells"),
            (_SAID_OF_OTHER, _PAPER_OTHER, _PAPER_PEOPLE, "people")):
        m = said.search(sent.text)
        if m is None:
            continue
        found = [_named(p, other) for p in papers]
        if not any(_named(p, wanted) for p in papers) and any(found):
            studied = next(f for f in found if f)
            reasons.append(Reason("scope", f'says it of "{m.group(0)}", where the cited papers '
                                           f'studied {them} ("{studied}")',
                                  (m.group(0), studied)))
    return reasons


def _named(paper: _PaperIndex, pattern: re.Pattern[str]) -> str:
    """The first word of the pattern's population the paper's title or abstract names, or
    ""."""
    return _first(pattern, f"{paper.paper.title}. {paper.paper.abstract or ''}")


@lru_cache(maxsize=4096)
def _first(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return m.group(0) if m else ""
