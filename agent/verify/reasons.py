"""Why a sentence fails: a typed reason per finding, written by the check that found it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# What kind of error a reason names (models.Check.kinds lists them for machines).
Kind = Literal[
    "unknown_citation", "uncited", "misattribution", "absence", "honour",
    "quote", "number", "year", "date", "entity", "merged",
    "polarity", "direction", "negation", "scope",
    "judgement", "contrast", "lexical", "clause", "spelling", "splice", "subject",
    "role", "collaborator", "affiliation", "venue", "statistic", "count", "span",
    "artifact", "judge",
]

# The kinds the support tier gives: a verdict resting on them alone is a matter of degree.
SUPPORT_KINDS: frozenset[str] = frozenset({"lexical", "clause", "misattribution"})


@dataclass(frozen=True)
class Reason:
    """One reason a sentence is not supported.

    kind: what kind of error it is; message: the sentence a person reads (Check.reasons);
    evidence: what the check looked at, in words (the anchor or phrase of the sentence,
    the keys of the papers); may be empty.
    """

    kind: Kind
    message: str
    evidence: tuple[str, ...] = ()


def messages(reasons: Iterable[Reason]) -> list[str]:
    """The reasons as a person reads them: Check.reasons."""
    return [r.message for r in reasons]


def kinds(reasons: Iterable[Reason]) -> list[str]:
    """The distinct kinds of the reasons, in the order they first appear: Check.kinds."""
    return list(dict.fromkeys(r.kind for r in reasons))


def cite(keys: Iterable[str]) -> str:
    """Keys as citation markers: "[a], [b]"."""
    return ", ".join(f"[{k}]" for k in keys)

