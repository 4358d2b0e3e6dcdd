"""Whose record it is: --author, the name a file states, or the person on most papers.

BibTeX, CSL-JSON, arXiv feeds and OpenAlex or Semantic Scholar works lists do
not say whose list they are. Without --author the owner is the person on the
most papers, provided that person is on at least half of them and on more than
anyone else; otherwise the choice is the user's, and --author is required.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from agent.errors import UsageError
from agent.models import OwnerPosition, ParseIssue, Record
from agent.names import clean_name, owner_position, parse_name, same_person
from agent.parse.base import Parsed, Work

_AUTHOR_HINT = 'name the owner with --author "Given Surname"'


class Owner(Record):
    """The owner's name, and how it was found (for the one line that says so)."""

    name: str
    note: str | None = None


def choose_owner(author: str | None, parsed: Sequence[Parsed], sources: Sequence[str]) -> Owner:
    """--author if given, else the name the files state, else the person on most papers."""
    if author is not None:
        if not clean_name(author):
            raise UsageError("--author is empty", _AUTHOR_HINT)
        return Owner(name=clean_name(author))
    stated = [(p.owner, s) for p, s in zip(parsed, sources) if p.owner]
    if stated:
        first = stated[0][0]
        others = [(n, s) for n, s in stated if not same_person(n, first)]
        if others:
            named = ", ".join(f"{n} ({s})" for n, s in [stated[0], *others])
            raise UsageError(f"the files belong to different people: {named}",
                             "give one person's files, or say whose profile it is with --author")
        return Owner(name=first)
    return infer_owner([w for p in parsed for w in p.works], ", ".join(sources))


def infer_owner(works: Sequence[Work], where: str) -> Owner:
    """The person on most papers, or a usage error when no one clearly is."""
    counts: Counter[tuple[str, str]] = Counter()
    spellings: dict[tuple[str, str], Counter[str]] = {}
    listed = 0
    for work in works:
        people = {}
        for author in work.paper.authors:
            parts = parse_name(author)
            if parts.tokens:
                people.setdefault(parts.initial_key, clean_name(author))
        listed += bool(people)
        counts.update(people.keys())
        for key, spelling in people.items():
            spellings.setdefault(key, Counter())[spelling] += 1
    if not counts:
        raise UsageError(f"cannot tell whose record {where} is: no paper lists its authors",
                         _AUTHOR_HINT)
    ranked = counts.most_common()
    top, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if n == runner_up:
        tied = ", ".join(_spelling(spellings[k]) for k, c in ranked[:3] if c == n)
        raise UsageError(f"cannot tell whose record {where} is: {tied} are each on {n} of "
                         f"{listed} papers", _AUTHOR_HINT)
    if 2 * n < listed:
        raise UsageError(f"cannot tell whose record {where} is: the most frequent author, "
                         f"{_spelling(spellings[top])}, is on only {n} of {listed} papers",
                         _AUTHOR_HINT)
    name = _spelling(spellings[top])
    return Owner(name=name, note=f"owner not given: taking {name}, who is on {n} of {listed} "
                                 "papers (name another with --author)")


def _spelling(spellings: Counter[str]) -> str:
    """The fullest common spelling: whole given names before initials, then frequency."""
    def rank(item: tuple[str, int]) -> tuple[bool, int, int, str]:
        name, count = item
        full = any(len(g) > 1 for g in parse_name(name).given) or parse_name(name).cjk
        return (full, count, len(name), name)
    return max(spellings.items(), key=rank)[0]


def place_owner(works: Sequence[Work], owner: str) -> list[Work]:
    """Each work with the owner's position in its author list."""
    return [w.model_copy(update={"paper": w.paper.model_copy(update={"owner_position": (
        owner_position(w.paper.authors, w.paper.authors_truncated, owner, w.paper.edited))})})
        for w in works]


def absent_issues(works: Sequence[Work], owner: str, several: bool) -> list[ParseIssue]:
    """One issue per paper whose complete author list does not name the owner."""
    issues = []
    for work in works:
        if work.paper.owner_position is OwnerPosition.ABSENT:
            message = f'{owner} is not among the authors of "{work.paper.title[:80]}"'
            issues.append(at(work, message, several))
    return issues


def at(work: Work, message: str, several: bool) -> ParseIssue:
    """An issue about one work, placed by line where the file has lines."""
    if several:
        return ParseIssue(message=f"{work.where}: {message}")
    if work.paper.source_line and work.label.startswith("line"):
        return ParseIssue(line=work.paper.source_line, message=message)
    return ParseIssue(message=f"{work.label}: {message}")
