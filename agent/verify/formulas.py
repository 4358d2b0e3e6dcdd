"""Formulas: a mathematical expression in a sentence must be one the cited papers write.

The figures check reads numbers one by one, so "(3/5 + o(1))*k vertices" passed where the
abstract says "(3/5 + o(1))n vertices", and "R(C_5, K_t) = Ω(log t^{1/2})" where it says
"Ω(t^{3/2}/log t)": every number in them is the paper's. An expression is a word of the
sentence that holds an operator, a sub- or superscript, or a function applied ("o(1)",
"Ω(t"); it must appear in a cited paper's title or abstract as it is written there, spaces
aside ("p=0.42" is "p = 0.42"). Written by hand: no library reads a formula in prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.text import URL
from agent.verify.index import _PaperIndex
from agent.verify.reasons import Reason

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support

# A character that makes a word an expression, or a function applied to something.
_OPERATOR = re.compile(r"[\^_*=≤≥≪≫∈⊆⊂±×·√∑∏∫]|[A-Za-zΑ-Ωα-ω]\(")
# What a word may end or start with that is prose, not the expression.
_EDGE = ".,;:!?\"'“”‘’"


def formulas(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
             support: _Support) -> list[Reason]:
    """Expressions of the sentence that no cited paper writes."""
    text = sent.text
    if not _OPERATOR.search(text):
        return []  # most sentences hold none: no paper's text is read
    written = [_unspaced(f"{p.paper.title} {p.paper.abstract}") for p in papers]
    reasons = []
    for word in URL.sub(" ", text).split():
        word = word.strip(_EDGE).translate(_DASHES)
        if len(word) < 3 or not _OPERATOR.search(word) or not re.search(r"[0-9A-Za-z]", word):
            continue
        if not any(word in paper for paper in written):
            reasons.append(Reason("number", f'formula "{word}" is not in the cited papers',
                                  (word,)))
    return reasons


@lru_cache(maxsize=4096)
def _unspaced(text: str) -> str:
    """The text without its spaces, every dash a hyphen, remembered: a report checks one
    paper many times. ("H1*–H2*" in an abstract is the sentence's "H1*-H2*", whichever
    dash either writes.)"""
    return re.sub(r"\s+", "", text).translate(_DASHES)


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
