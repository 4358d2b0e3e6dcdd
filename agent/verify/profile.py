"""The profile as the checks see it, indexed once: each paper (index.py), the people named
in author lists, affiliations and categories, how telling each word is (IDF), and a probe
index that finds the papers stating an anchor without testing every paper."""

from __future__ import annotations

import bisect
import copy
import math
import re
from collections import defaultdict

from agent.models import FactSheet, Profile
from agent.names import normalize_name
from agent.verify.anchors import hedged_range, probes, stated_in
from agent.verify.index import _acronym_core, _index_paper
from agent.verify.lexicon import _GENERIC, _clean, _precision, _stem

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.verify.analysis import _Anchor


class ProfileIndex:
    """Everything the checks ask of a profile and its FactSheet, computed once."""

    def __init__(self, profile: Profile, facts: FactSheet) -> None:
        self.profile = profile
        self.facts = facts
        self.owner = profile.name
        self.owner_words = frozenset(normalize_name(profile.name).split())
        self.papers = {p.key: _index_paper(p) for p in sorted(profile.papers, key=lambda p: p.key)}
        self.people = self._known_people()
        # The words of people's names, which are no words of English to be spelled right.
        self.name_words = frozenset(w for name in self.people for w in name.split())
        self.slugs = sorted({a for p in profile.papers for a in p.affiliations})
        self.categories = {p.category for p in profile.papers if p.category}
        self.idf = self._inverse_document_frequency()
        self.unseen = math.log(len(self.papers) + 1) + 1.0
        self.vocabulary = frozenset(self.idf) - {_stem(w) for w in _GENERIC}
        self.probe = self._probe_index()
        self.figures = self._figure_index()
        # Titles that hold quotes ("Correction to “X”"), as a sentence quotes them, cleaned.
        self.quoted_titles = [re.compile(f'"({re.escape(title)})"') for title in sorted(
            {_clean(p.title) for p in profile.papers if '"' in _clean(p.title)})]
        # papers_with's answers, by what it reads of an anchor (its place in a sentence
        # aside): a report's sentences name the same years, figures and names again and
        # again, and an anchor no paper states is tested against every paper. Shared by
        # with_facts' copies, as the papers are.
        self._stating: dict[tuple[str, str, object], frozenset[str]] = {}

    def with_facts(self, facts: FactSheet) -> ProfileIndex:
        """The same profile under another fact sheet (its lines of work renamed): nothing
        indexed here depends on the facts, so it is shared rather than built again."""
        other = copy.copy(self)
        other.facts = facts
        return other

    def _probe_index(self) -> dict[str, set[str]]:
        """Papers by the forms, stems, figures and years they hold.

        Finding the papers that state an anchor then tests a few candidates, not every
        paper: it keeps a check fast on a profile of a thousand papers. The sets are
        only ever read (papers_with), so they are not copied into frozensets: there are
        tens of thousands of them.
        """
        probe: defaultdict[str, set[str]] = defaultdict(set)
        for paper in self.papers.values():
            found = {f"year {y}" for y in paper.years}
            found.update(paper.tokens, paper.stems, (f"figure {v} {u}" for v, u in paper.numbers),
                         (f"figure {v}" for v, _ in paper.numbers))
            key = paper.key
            for item in found:
                probe[item].add(key)
        return dict(probe)  # a plain dict: looking up an item the papers lack adds nothing

    def _figure_index(self) -> tuple[list[float], list[str]]:
        """Every figure of every paper, sorted by value, with the paper's key.

        A figure is stated by a paper that gives it more precisely ("76%" by "76.3%",
        "32K" by 32,441; anchors.stated_in), which an exact probe cannot find: the
        papers within rounding of a figure are looked up here instead.
        """
        pairs = sorted((value, paper.key) for paper in self.papers.values()
                       for value, _ in paper.numbers)
        return [v for v, _ in pairs], [k for _, k in pairs]

    def _near_figure(self, value: float, half: float) -> set[str]:
        """Keys of the papers with a figure within half a unit of the value."""
        values, keys = self.figures
        low = bisect.bisect_left(values, value - half)
        high = bisect.bisect_right(values, value + half)
        return set(keys[low:high])

    def papers_with(self, anchor: _Anchor) -> frozenset[str]:
        """Keys of every paper of the profile whose record states the anchor."""
        key = (anchor.kind, anchor.text, anchor.value, anchor.hedge, anchor.measure)
        found = self._stating.get(key)
        if found is None:
            # Checks run in threads: two finding the same anchor at once find the same.
            found = self._stating.setdefault(key, self._find_papers_with(anchor))
        return found

    def _find_papers_with(self, anchor: _Anchor) -> frozenset[str]:
        keys: set[str] = set()
        for item in probes(anchor):
            keys |= self.probe.get(item, frozenset())
        if anchor.kind == "number":
            value, unit = anchor.value
            if unit == "ratio":
                keys |= self._near_figure(round(value * 100, 6), 1e-9)
            else:
                keys |= self._near_figure(value, _precision(anchor.text) / 2 + 1e-9)
            if anchor.hedge:
                low, high, _ = hedged_range(anchor)
                keys |= self._near_figure((low + high) / 2, (high - low) / 2 + 1e-9)
        if anchor.kind == "entity" and len(anchor.value) == 1:
            core = _acronym_core(anchor.value[0][0])
            if core:
                keys |= {p.key for p in self.papers.values() if core in p.acronyms}
        found = frozenset(k for k in keys if stated_in(anchor, self.papers[k]))
        if found or anchor.kind not in {"entity", "quote", "quantity", "number"}:
            return found
        # A name the paper writes as two tokens ("Info XLM"), a URL or a title in another
        # script can escape the probes: look at every paper before calling it absent.
        return frozenset(p.key for p in self.papers.values() if stated_in(anchor, p))

    def _known_people(self) -> dict[str, str]:
        """Every visible author, by normalised name, so names are told from entities."""
        people: dict[str, str] = {}
        for paper in self.profile.papers:
            for author in paper.authors:
                people.setdefault(normalize_name(author), author)
        people.setdefault(normalize_name(self.owner), self.owner)
        return people

    def _inverse_document_frequency(self) -> dict[str, float]:
        """How telling a stem is within this profile, for ranking papers in attribute()."""
        n = len(self.papers)
        df: dict[str, int] = {}
        for paper in self.papers.values():
            for stem in paper.stems - paper.meta:
                df[stem] = df.get(stem, 0) + 1
        return {s: math.log((n + 1) / (d + 1)) + 1.0 for s, d in df.items()}
