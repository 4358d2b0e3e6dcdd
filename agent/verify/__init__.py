"""Sentence-level faithfulness checks: each sentence against the papers it cites, no model.

Two tiers (ARCHITECTURE.md, "Verification"). The first checks exact facts: cited keys,
numbers, years, dates, quoted strings, names, role and affiliation claims, counts and
time spans, negation and direction words, and claims of priority or scope. The second
aligns the sentence with the best windows (the title plus an abstract sentence, a few of
them) of the cited papers and scores how much of its meaning they carry: content words
weighted by how telling they are, a word the papers say in other words counting as said
(agent/similarity.py). Everything about the papers is indexed once, when a Verifier is
made (profile.py, index.py); a sentence is analysed once per check (analysis.py).

The modules:

    thresholds   the named thresholds, read at call time (set them here)
    reasons      Reason: the kind, message and evidence of one finding
    sentences    citation markers, sentence splitting, the prose of a text
    lexicon      normalised text, figures, stems, word tables, the lexical view of a text
    index        one paper indexed: forms, acronyms, figures, windows; an abstract's
                 sentences that can be evidence (statements, is_finding)
    profile      the profile indexed: papers, people, IDF, the probe index
    analysis     what a sentence claims: anchors, persons, counts, spans, roles, clauses
    anchors      check: figures, years, dates, quantities, quotes and names stated
    entities     check: facts merged from different papers; clauses that group papers
    polarity     checks: direction, negation, priority and scope
    populations  check: a finding said of people where the papers studied animals or cells
    support      the support tier, its evidence, and its check (judgement, contrast,
                 share of meaning, clause)
    record       checks: roles, co-authors, affiliations, counts, spans, honours, absence
    citations    checks: unknown keys, uncited facts, misattribution
    verifier     Verifier, the driver that runs the checks in a fixed order; Checker
    texts        verify_text: every sentence of a text
    beside       BesideVerifier: the checks (and the analysis) in a second process,
                 beside a report that waits on its model
"""

from __future__ import annotations

import sys
import types
from typing import Any

from agent.verify import thresholds
from agent.verify.index import is_finding, statements
from agent.verify.reasons import Reason
from agent.verify.sentences import prose, split_citations
from agent.verify.texts import verify_text
from agent.verify.verifier import Checker, Verifier

__all__ = ["SUPPORT_THRESHOLD", "Checker", "Reason", "Verifier", "is_finding", "prose",
           "split_citations", "statements", "thresholds", "verify_text"]

_THRESHOLDS = frozenset(n for n in vars(thresholds) if n.isupper())


def __getattr__(name: str) -> Any:
    """A threshold read as agent.verify.NAME: its current value in thresholds.py."""
    if name in _THRESHOLDS:
        return getattr(thresholds, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Package(types.ModuleType):
    """agent.verify itself: setting a threshold here would change nothing the checks read,
    so it is refused with where to set it instead."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _THRESHOLDS:
            raise AttributeError(f"set agent.verify.thresholds.{name}: every check reads it there")
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
