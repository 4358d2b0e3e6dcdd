"""One paper per work: the same work seen twice (a preprint and its published version,
two exports of one paper) becomes one.

Two records are one work when they share an identifier (DOI, arXiv id), or
when their titles match (the same words, or all but a typo's worth of letters)
with years no more than one apart, authors that agree, and no identifier that
contradicts (two different DOIs are two publications). The merged paper takes
the richest value of each field; which record is read first never matters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from anyascii import anyascii
from rapidfuzz import fuzz, process

from pydantic import Field

from agent.models import DatePrecision, Paper, Record
from agent.names import parse_name
from agent.parse.base import Work

# Candidates: titles this close, letter by letter (rapidfuzz ratio, 0-100)...
_CANDIDATE = 90
# ...are one work when one title's words are all in the other's, or when only a
# typo or a hyphen tells them apart.
_TYPO = 97
_PART_NUMBERS = frozenset("ii iii iv v vi vii viii ix".split())
# Blocks of this many pairs or more are compared as one matrix (see _close_pairs).
_MATRIX_PAIRS = 40_000
_STOPWORDS = frozenset("a an the of on in for to and or with via by from at as is are".split())
_PRECISION = {DatePrecision.DAY: 3, DatePrecision.MONTH: 2, DatePrecision.YEAR: 1,
              DatePrecision.UNKNOWN: 0}


class Merge(Record):
    """Records found to be one work, and why."""

    members: list[Work]
    reasons: list[str]
    index: int = Field(description="Where the merged work stands in the merged list.")


def title_key(title: str) -> str:
    """A title folded for comparison: ASCII, lower case, words only."""
    return " ".join(re.findall(r"[a-z0-9]+", anyascii(title).lower()))


class _Groups:
    """Union-find over record indices, keeping each group's identifiers."""

    def __init__(self, works: Sequence[Work]) -> None:
        self.parent = list(range(len(works)))
        self.dois = [{w.doi} - {None} for w in works]
        self.arxiv = [{w.arxiv_id} - {None} for w in works]
        self.reasons: dict[int, list[str]] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def conflict(self, i: int, j: int) -> bool:
        """Both groups carry a DOI (or an arXiv id), and they differ."""
        a, b = self.find(i), self.find(j)
        return bool((self.dois[a] and self.dois[b] and not self.dois[a] & self.dois[b])
                    or (self.arxiv[a] and self.arxiv[b] and not self.arxiv[a] & self.arxiv[b]))

    def union(self, i: int, j: int, reason: str) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.dois[a] |= self.dois[b]
        self.arxiv[a] |= self.arxiv[b]
        reasons = self.reasons.setdefault(a, [])
        for r in [*self.reasons.pop(b, []), reason]:
            if r not in reasons:
                reasons.append(r)


def merge_works(works: Sequence[Work]) -> tuple[list[Work], list[Merge]]:
    """The works with duplicates merged, and what was merged."""
    groups = _Groups(works)
    _link_identifiers(works, groups)
    _link_titles(works, groups)
    members: dict[int, list[int]] = {}
    for i in range(len(works)):
        members.setdefault(groups.find(i), []).append(i)
    result: list[Work] = []
    merges: list[Merge] = []
    for root, indices in members.items():
        if len(indices) == 1:
            result.append(works[indices[0]])
            continue
        group = [works[i] for i in indices]
        merges.append(Merge(members=sorted(group, key=_rank), reasons=groups.reasons[root],
                            index=len(result)))
        result.append(combine(group))
    return result, merges


def _link_identifiers(works: Sequence[Work], groups: _Groups) -> None:
    """A shared DOI or arXiv id makes two records one work, whatever else differs."""
    seen: dict[tuple[str, str], int] = {}
    for i, work in enumerate(works):
        for kind, value in (("DOI", work.doi), ("arXiv", work.arxiv_id)):
            if value is None:
                continue
            if (kind, value) in seen:
                groups.union(seen[kind, value], i, f"same {kind} {value}")
            else:
                seen[kind, value] = i


def _link_titles(works: Sequence[Work], groups: _Groups) -> None:
    """Matching titles, compared within neighbouring years so the cost stays near linear."""
    keys = [title_key(w.paper.title) for w in works]
    by_year: dict[int | None, list[int]] = {}
    for i, work in enumerate(works):
        by_year.setdefault(work.paper.year, []).append(i)
    years = sorted(y for y in by_year if y is not None)
    undated = by_year.get(None, [])
    pairs: list[tuple[list[int], list[int]]] = []
    for year in years:
        pairs.append((by_year[year], by_year[year]))
        if year + 1 in by_year:
            pairs.append((by_year[year], by_year[year + 1]))
    if undated:
        pairs.append((undated, list(range(len(works)))))
    for rows, cols in pairs:
        _link_block(works, keys, rows, cols, groups)


def _link_block(works: Sequence[Work], keys: list[str], rows: list[int], cols: list[int],
                groups: _Groups) -> None:
    """Every close pair between two lists of records, checked and linked."""
    for r, c in _close_pairs([keys[i] for i in rows], [keys[j] for j in cols]):
        i, j = rows[r], cols[c]
        if i != j and groups.find(i) != groups.find(j) and not groups.conflict(i, j) \
                and same_work(works[i], works[j], keys[i], keys[j]):
            groups.union(i, j, "same title" if keys[i] == keys[j] else "similar title")


def _close_pairs(row_keys: list[str], col_keys: list[str]) -> list[tuple[int, int]]:
    """Positions of the pairs whose titles score _CANDIDATE or more, row by row.

    Why two ways: rapidfuzz's cdist compares a large block fastest (on every core) but
    returns a numpy matrix, and numpy's import costs more than all the comparisons of
    a record of a few hundred papers; extract does a small block without it."""
    if len(row_keys) * len(col_keys) >= _MATRIX_PAIRS:
        scores = process.cdist(row_keys, col_keys, scorer=fuzz.ratio, score_cutoff=_CANDIDATE,
                               dtype="uint8", workers=-1)
        return [(int(r), int(c)) for r, c in zip(*scores.nonzero())]
    return [(r, c) for r, key in enumerate(row_keys)
            for c in sorted(found[2] for found in process.extract(
                key, col_keys, scorer=fuzz.ratio, score_cutoff=_CANDIDATE, limit=None))]


def same_work(a: Work, b: Work, key_a: str, key_b: str) -> bool:
    """Close titles name one work when the words, years and authors agree."""
    if not _titles_agree(key_a, key_b):
        return False
    ya, yb = a.paper.year, b.paper.year
    if ya is not None and yb is not None and abs(ya - yb) > 1:
        return False
    return _authors_agree(a.paper, b.paper)


# Words of the title of a notice about another work: its correction, erratum, retraction,
# or a reply to it. One title only holding one is another work.
_NOTICES = frozenset("correction corrections erratum errata corrigendum corrigenda retraction "
                     "retracted addendum reply rejoinder".split())


def _titles_agree(key_a: str, key_b: str) -> bool:
    words_a, words_b = set(key_a.split()), set(key_b.split())
    labels = {w for w in words_a ^ words_b if w.isdigit() or len(w) == 1 or w in _PART_NUMBERS}
    if labels:  # "Part II", "2", "B" in one title only: another work of a series
        return False
    if (words_a & _NOTICES) != (words_b & _NOTICES):
        # "Correction: Lagging behind: ..." is a notice about the paper, a work of its own.
        return False
    if key_a == key_b or fuzz.ratio(key_a.replace(" ", ""), key_b.replace(" ", "")) >= _TYPO:
        return True
    content_a, content_b = words_a - _STOPWORDS, words_b - _STOPWORDS
    return content_a <= content_b or content_b <= content_a


def _authors_agree(a: Paper, b: Paper) -> bool:
    """Same first author, or at least half of the shorter list shared; an empty list agrees."""
    if not a.authors or not b.authors:
        return True
    sa = [parse_name(x).surname for x in a.authors]
    sb = [parse_name(x).surname for x in b.authors]
    if sa[0] == sb[0]:
        return True
    shared = len(set(sa) & set(sb))
    return shared * 2 >= min(len(set(sa)), len(set(sb)))


def _rank(work: Work) -> tuple:
    """Published versions first, then the fuller record; content decides, never file order."""
    paper = work.paper
    return (work.doi is None, -len(paper.abstract), -len(paper.authors), paper.authors_truncated,
            -_PRECISION[paper.date_precision], paper.title, work.where)


def combine(group: Sequence[Work]) -> Work:
    """One work from several records of it: for each field, the richest value."""
    ranked = sorted(group, key=_rank)
    best = ranked[0]
    papers = [w.paper for w in ranked]
    dated = [p for p in papers if p.date is not None]
    # The most precise date; among equally precise ones, the earliest (first public).
    when = min(dated, key=lambda p: (-_PRECISION[p.date_precision], p.date)) if dated else None
    # The fullest list; among equal ones, whole names over initials and accents kept.
    authors = min(papers, key=lambda p: (p.authors_truncated, -len(p.authors),
                                         -sum(map(len, p.authors)), -_non_ascii(p.authors)))
    paper = best.paper.model_copy(update={
        "title": _best_title([p.title for p in papers]),
        "date": when.date if when else None,
        "date_precision": when.date_precision if when else DatePrecision.UNKNOWN,
        "year_inferred": when.year_inferred if when else False,
        "authors": authors.authors, "authors_truncated": authors.authors_truncated,
        "abstract": max((p.abstract for p in papers), key=len),
        "category": next((p.category for p in papers if p.category), None),
        "has_code": any(p.has_code for p in papers),
        "kind": next((p.kind for p in papers if p.kind), None),
        "affiliations": _union(p.affiliations for p in papers),
        "urls": _union(p.urls for p in papers),
    })
    return best.model_copy(update={
        "paper": paper,
        "doi": next((w.doi for w in ranked if w.doi), None),
        "arxiv_id": next((w.arxiv_id for w in ranked if w.arxiv_id), None),
        "venue": next((w.venue for w in ranked if w.venue), None),
    })


def _best_title(titles: list[str]) -> str:
    """The title as the authors capitalised it: a sentence-cased export loses the capitals
    of names ("InfoXLM"); an all-capitals one says nothing."""
    usable = [t for t in titles if not t.isupper()] or titles
    return max(usable, key=lambda t: sum(c.isupper() for c in t))  # ties: the best-ranked


def _non_ascii(names: list[str]) -> int:
    return sum(not c.isascii() for name in names for c in name)


def _union(lists) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(i for i in items if i not in out)
    return out
