"""The deterministic analysis: a Profile becomes a FactSheet, with no model involved.

Everything here is a pure function of the profile. Papers are sorted by key
first, so the same papers in another order give the same FactSheet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from agent.models import (
    CategoryCount,
    Collaborator,
    FactSheet,
    KeyFigure,
    OwnerPosition,
    Paper,
    Phase,
    Profile,
    Topic,
    YearCount,
)
from agent.names import alphabetical_authors, normalize_name, same_person

# A scale on the BIC's price of a phase: lower, and the trajectory turns at every
# stray paper; higher, and it never turns.
PHASE_PENALTY = 1.0
# A phase of one paper is a paper, not a phase (when the record has more than one).
PHASE_MIN_PAPERS = 2
_TOP_COLLABORATORS = 10


def analyze(profile: Profile) -> FactSheet:
    """Compute every fact the writing steps may state, from the parsed profile alone."""
    # The lines of work need numpy and scipy; they load when a profile is
    # analysed, not with this module, whose record helpers the planner uses.
    from agent.topics import find_topics

    papers = sorted(profile.papers, key=lambda p: p.key)
    years = [p.year for p in papers if p.year is not None]
    topics = find_topics(papers)
    return FactSheet(
        owner=profile.name,
        paper_count=len(papers),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        papers_per_year=[YearCount(year=y, count=c) for y, c in sorted(Counter(years).items())],
        papers_per_category=_category_counts(papers),
        topics=topics,
        phases=find_phases(papers, topics),
        first_author_keys=_keys_at(papers, OwnerPosition.FIRST),
        last_author_keys=_keys_at(papers, OwnerPosition.LAST),
        sole_author_keys=_keys_at(papers, OwnerPosition.SOLE),
        middle_author_keys=_keys_at(papers, OwnerPosition.MIDDLE),
        unknown_position_keys=_keys_at(papers, OwnerPosition.UNKNOWN),
        absent_keys=_keys_at(papers, OwnerPosition.ABSENT),
        alphabetical_authors=alphabetical_authors(papers),
        top_collaborators=top_collaborators(papers, profile.name),
        affiliations=_by_frequency(a for p in papers for a in dict.fromkeys(p.affiliations)),
        code_available_keys=[p.key for p in papers if p.has_code],
        key_figures=[f for p in papers for f in key_figures(p)],
    )


def _keys_at(papers: Sequence[Paper], position: OwnerPosition) -> list[str]:
    """Keys of the papers where the owner stands at one position, for role claims."""
    return [p.key for p in papers if p.owner_position is position]


def _category_counts(papers: Sequence[Paper]) -> list[CategoryCount]:
    """Papers per category, most frequent first; papers without a category are left out."""
    return [CategoryCount(category=c, count=n)
            for c, n in _ranked(p.category for p in papers if p.category)]


def _by_frequency(items: Iterable[str]) -> list[str]:
    """Distinct strings, most frequent first, ties by name, so the order is stable."""
    return [s for s, _ in _ranked(items)]


def _ranked(items: Iterable[str]) -> list[tuple[str, int]]:
    """Distinct strings with their counts, most frequent first, ties by name."""
    return sorted(Counter(items).items(), key=lambda item: (-item[1], item[0]))


# --- collaborators ---------------------------------------------------------------------


def top_collaborators(papers: Sequence[Paper], owner: str) -> list[Collaborator]:
    """The most frequent co-authors among the visible authors, ties broken by name."""
    keys: dict[str, list[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for paper in papers:
        seen: set[str] = set()
        for author in paper.authors:
            norm = normalize_name(author)
            if not norm or norm in seen or same_person(author, owner):
                continue
            seen.add(norm)
            keys.setdefault(norm, []).append(paper.key)
            spellings.setdefault(norm, Counter())[author] += 1
    # "E. Saarinen" on one paper is the "Elina Saarinen" of the others, when no other
    # co-author could be: counted once, as the verifier counts a name (names.same_person).
    for short in sorted(keys, key=len):
        written = next(iter(spellings[short]))
        fuller = [n for n in keys if n != short and len(n) > len(short)
                  and same_person(written, next(iter(spellings[n])))]
        if len(fuller) == 1:
            keys[fuller[0]] = sorted(set(keys[fuller[0]]) | set(keys.pop(short)),
                                     key=[p.key for p in papers].index)
            spellings[fuller[0]].update(spellings.pop(short))
    people = [Collaborator(name=_usual_spelling(spellings[n]), papers=len(k), paper_keys=k)
              for n, k in keys.items()]
    people.sort(key=lambda c: (-c.papers, c.name))
    return people[:_TOP_COLLABORATORS]


def _usual_spelling(spellings: Counter[str]) -> str:
    """The way a name is most often written, so "Zoë" is not shown as "Zoe"."""
    return min(spellings, key=lambda s: (-spellings[s], s))


# --- phases ----------------------------------------------------------------------------


def find_phases(papers: Sequence[Paper], topics: Sequence[Topic]) -> list[Phase]:
    """Split the career where the dominant line of work changes.

    The years with papers, in order, are cut into phases by dynamic programming
    (optimal segmentation, a change-point model): a phase costs the information
    needed to say which line each of its papers is in (papers times the entropy
    of its mix), plus the BIC's price of one more mix, so a phase ends where the
    mix of lines changes enough to pay for a new one. A mixed period next to a
    focused one becomes a phase of its own rather than blur it. No phase may hold
    more than half of the papers when the profile has more than one line of work
    (unless it is a single year), nor fewer than two papers. A phase runs until
    the year before the next one starts, so years without papers fall inside a
    phase and the phases cover first..last year without gaps.
    """
    topic_of = {k: i for i, t in enumerate(topics) for k in t.paper_keys}
    lines = [i for i, t in enumerate(topics) if not t.other]
    by_year: dict[int, Counter[int]] = {}
    for paper in papers:
        if paper.year is not None:
            by_year.setdefault(paper.year, Counter())[topic_of[paper.key]] += 1
    years = sorted(by_year)
    if not years:
        return []
    total = sum(sum(c.values()) for c in by_year.values())
    penalty = phase_cost(total, len(topics) - 1)
    starts = (_segment(years, by_year, penalty, total / 2 if len(lines) > 1 else total,
                       PHASE_MIN_PAPERS if total >= PHASE_MIN_PAPERS else 1)
              or _segment(years, by_year, penalty, total, 1))
    ends = [s - 1 for s in starts[1:]] + [years[-1]]
    return [_phase(papers, topics, topic_of, s, e) for s, e in zip(starts, ends)]


def _segment(years: list[int], by_year: dict[int, Counter[int]], penalty: float,
             cap: float, least: int) -> list[int]:
    """The first years of the cheapest cut of the years into phases; [] when no cut
    keeps every phase within cap papers (a single year may exceed it) and at least
    `least` papers. A phase costs its papers times the entropy of their lines (the
    nats needed to tell which line each paper is in) plus the penalty."""
    def cost(i: int, j: int) -> float:
        counts: Counter[int] = Counter()
        for year in years[i:j + 1]:
            counts.update(by_year[year])
        size = sum(counts.values())
        if (size > cap and j > i) or size < least:
            return math.inf
        return size * _entropy(counts) + penalty

    best: list[tuple[float, int]] = [(0.0, -1)]  # best[j + 1]: cheapest cut of years[..j]
    for j in range(len(years)):
        best.append(min((best[i][0] + cost(i, j), i) for i in range(j + 1)))
    if math.isinf(best[-1][0]):
        return []
    starts: list[int] = []
    j = len(years)
    while j > 0:
        j = best[j][1]
        starts.append(years[j])
    return starts[::-1]


def phase_cost(papers: int, lines: int) -> float:
    """What one more phase costs, in nats: the BIC's price of one more mix of lines."""
    return PHASE_PENALTY * max(lines, 1) / 2 * math.log(max(papers, 2))


def _entropy(counts: Counter[int]) -> float:
    """The Shannon entropy (nats) of a phase's mix of lines."""
    size = sum(counts.values())
    return -sum(c / size * math.log(c / size) for c in counts.values() if c)


def _phase(papers: Sequence[Paper], topics: Sequence[Topic], topic_of: dict[str, int],
           start: int, end: int) -> Phase:
    """One phase: its papers, and its lines with the most papers first (other work last)."""
    keys = [p.key for p in papers if p.year is not None and start <= p.year <= end]
    counts = Counter(topic_of[k] for k in keys)
    ordered = sorted(counts, key=lambda i: (topics[i].other, -counts[i], i))
    return Phase(start_year=start, end_year=end, topic_ids=[topics[i].id for i in ordered],
                 paper_keys=keys)


# --- key figures -----------------------------------------------------------------------

_QUALIFIER = (r"(?i:(?:up to|over|more than|less than|nearly|almost|approximately|around|"
              r"about|roughly|at least|at most)\s+)?")
# Percentages, multipliers (also LaTeX "$4\times$"), counts with K/M/B, and
# thousands written with commas. A bare integer is left alone: it may be a
# year, a section number or a list item.
_NUMBER = (r"\$\d+(?:\.\d+)?\s*\\times\s*\$"
           r"|\d+(?:\.\d+)?\s?%"
           r"|\d+(?:\.\d+)?[x×X](?!\w)"
           r"|(?P<count>\d+(?:\.\d+)?[KMB](?!\w)|\d{1,3}(?:,\d{3})+(?![\d,]))")
# Not glued to a word, a dot or a hyphen: "Qwen2.5-14B" is a name, not a figure.
# The lookahead names what a match's first character can be (a qualifier's first letter,
# in any case as the qualifier's are, or a value's "$" or digit): tested before the
# costlier lookbehind at each place the scan tries, it changes no match.
_FIGURE = re.compile(rf"(?=[\d$]|(?i:[uomlnar]))(?<![\w.\-/$]){_QUALIFIER}(?P<value>{_NUMBER})")
# "BLEU-4 score of 55.2", "accuracy of 91.2": a metric named just before the number.
_SCORE = re.compile(  # the lookahead: a match's first character (changes no match)
    r"(?=[A-Zsa])\b(?P<metric>(?:[A-Z][A-Za-z0-9]*[A-Z0-9](?:-[A-Za-z0-9]+)?\s+)?(?:score|accuracy)"
    r"|[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?)\s+(?:of|is|=|:)\s+"
    r"(?P<value>\d+(?:\.\d+)?)(?!\.?\d|\s?%|\w)")
# Where the words describing a figure stop.
_CONTEXT_END = re.compile(r"[,;:!?()\[\]{}\"$]|\.(?!\d)|\s[-–—]+\s|--")
_CONTEXT_WORDS = 4
# "a 7B LLM" is a model's size, not a result.
_MODEL_WORDS = frozenset("llm llms lm lms model models transformer transformers".split())


def key_figures(paper: Paper) -> list[KeyFigure]:
    """Numbers stated in the abstract, each with the words that follow it."""
    found: list[tuple[int, KeyFigure]] = []
    for match in _FIGURE.finditer(paper.abstract):
        words = _following_words(paper.abstract, match.end())
        is_count = match.group("count") is not None
        if is_count and (not words or words[0].casefold() in _MODEL_WORDS):
            continue
        text = " ".join([match.group(0), *words])
        found.append((match.start(), KeyFigure(paper_key=paper.key, text=text,
                                               value=match.group("value"))))
    for match in _SCORE.finditer(paper.abstract):
        if not _is_year(match.group("value")):
            found.append((match.start(), KeyFigure(paper_key=paper.key, text=match.group(0),
                                                   value=match.group("value"))))
    unique: dict[str, KeyFigure] = {}
    for _, figure in sorted(found, key=lambda item: item[0]):
        unique.setdefault(figure.text, figure)
    return list(unique.values())


def _following_words(text: str, start: int) -> list[str]:
    """Up to four words after a figure, stopping at punctuation."""
    rest = text[start:start + 200]
    end = _CONTEXT_END.search(rest)
    return (rest[:end.start()] if end else rest).split()[:_CONTEXT_WORDS]


def _is_year(value: str) -> bool:
    """A four-digit integer from 1900 to 2099 reads as a year, not a score."""
    return value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2099
