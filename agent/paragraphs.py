"""The plan of a paragraph that argues: a grant's prior work, a paper's introduction.

Such a paragraph follows its genre (issue 17): first the problem the topic poses, in the
words of a relevant paper that states it; then what the relevant works contributed, in
time order, grouped by line of work; last, where that leaves the topic: the most recent
work, and what an abstract says the work makes possible or leaves open, or else the size
and span of the line. Every claim is true by construction (the papers' own words, the
fact sheet's counts and years) and cites the papers it rests on. No problem is invented:
when no relevant abstract states one, the paragraph opens with the owner's line of work.

Which papers are relevant is the retriever's answer (agent/retrieve.py); how a paper is
named and what it is said to do is the realizer's (agent/realize.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from agent.models import Claim, Outline, Paper, Section, Topic
from agent.plan import Planner, uses
from agent.realize import (
    MAX_KEYS_PER_CLAIM,
    by_date,
    capitalized,
    dangling,
    outlook,
    problems,
)
from agent.text import ENGLISH_STOP_WORDS

# Papers a paragraph tells, the most relevant first; more would read as a list.
MAX_PARAGRAPH_PAPERS = 6
_WORD = re.compile(r"[a-z][a-z-]{2,}")


def paragraph(planner: Planner, task: str, keys: Sequence[str], topic: str) -> Outline:
    """The outline of a grant prior-work ("grant") or introduction ("intro") paragraph on
    the papers of `keys` (most relevant first) about `topic` (the user's words: used to
    choose the problem statement, never written)."""
    realizer = planner.realizer
    # A paragraph stands alone: the owner named in full once, its openings turned from the
    # first, whatever the planner wrote before.
    realizer.reset(owner=True)
    realizer.short_first, frame, realizer.frame = True, realizer.frame, 0
    try:
        claims = _Paragraph(planner, task, keys, topic).claims()
    finally:
        realizer.short_first, realizer.frame = False, frame
    for number, claim in enumerate(claims, 1):
        claim.id = f"c{number}"
    return Outline(task=task, sections=[Section(
        id=task, title=task.capitalize(), claims=claims,
        context_keys=list(dict.fromkeys(k for c in claims for k in c.keys)))])


class _Paragraph:
    """One paragraph being planned: its papers, and what has been said so far."""

    def __init__(self, planner: Planner, task: str, keys: Sequence[str], topic: str) -> None:
        self.planner = planner
        self.realizer = planner.realizer
        self.role = task == "grant"  # a grant presents the owner's part; an intro cites
        self.topic = topic
        chosen = [planner.papers[k] for k in dict.fromkeys(keys) if k in planner.papers]
        self.ranked = chosen[:MAX_PARAGRAPH_PAPERS]
        self.said: list[Claim] = []

    def claims(self) -> list[Claim]:
        problem = self._problem()
        opening = [problem] if problem else self._line_opening()
        self.said += opening
        told = self._facts()
        dated = by_date(p for p in self.ranked if p.key in told)
        # "The most recent" only of a paper later than every other told: of two from 2019,
        # neither is.
        latest = dated[-1] if len(dated) > 1 and dated[-1].year and (
            dated[-2].year is None or dated[-1].year > dated[-2].year) else None
        after: int | None = None
        for whole in self._groups(dated):
            # The most recent paper closes the paragraph, but counts in its line's group.
            group = [p for p in whole if p is not latest]
            if not group:
                continue
            name = self._line_name(whole)
            # The line is named when its first paper told bears the name out.
            lead = f"On {name}, " if name and uses(group[0], name) else ""
            self.said += self.realizer.chronicle(group, told, role=self.role, lead=lead,
                                                 after=after)
            after = max((p.year for p in group if p.year), default=after)
        if latest is not None:
            self.said.append(self._most_recent(latest, told[latest.key]))
        # A grant ends, failing an outlook, on the size of the owner's line (the opening
        # said it when no problem did); an intro cites no paper only for a count.
        span = self._line_span() if self.role and problem else []
        self.said += self._outlook() or span
        return self.said

    # --- (a) the problem -----------------------------------------------------------------

    def _problem(self) -> Claim | None:
        """The best-stated problem among the relevant papers' abstracts: the sharpest (a
        contrast, a failure, a limit before a mere need), then the most relevant paper's,
        then the one that says most of the topic's rarer words. Only a statement that uses
        a word of the topic counts: None when no paper states one."""
        weights = self._topic_weights()
        found = []
        for rank, paper in enumerate(self.ranked):
            for order, (text, strength) in enumerate(problems(paper)):
                overlap = sum(weights.get(w, 0.0) for w in _stems(text))
                if overlap > 0:
                    found.append((-strength, rank, -round(overlap, 3), order, text, paper.key))
        if not found:
            return None
        *_, text, key = min(found)
        return Claim(id="", text=text, keys=[key])

    def _topic_weights(self) -> dict[str, float]:
        """The topic's words (their first five letters), each weighted by how rare it is
        among the owner's papers: "multilingual" says more than "models"."""
        papers = self.planner.profile.papers
        documents = [_stems(f"{p.title} {p.abstract}") for p in papers]
        weights = {}
        for stem in _stems(self.topic):
            count = sum(stem in d for d in documents)
            weights[stem] = math.log((len(papers) + 1) / (count + 1)) + 0.1 if count else 0.0
        return weights

    def _line_opening(self) -> list[Claim]:
        """No abstract states the problem: the paragraph opens with the owner's line of work
        ("Zewen Chi worked on X from 2019 to 2023; the line of work has 13 papers")."""
        line = self._main_line()
        if line is None:
            return []
        label, keys, span = self._line_named(line)
        text = (f"{self.realizer.who()} worked on {label} {span}; the line of work has "
                f"{_papers(len(line.paper_keys))}.")
        return [Claim(id="", text=text, keys=keys)]

    # --- (b) the contributions -----------------------------------------------------------

    def _facts(self) -> dict[str, str]:
        """What each paper is said to do, oldest first, so that a statement that points
        back ("the two abilities") is taken only when what it points to is said before it."""
        told: dict[str, str] = {}
        for paper in by_date(self.ranked):
            before = " ".join([c.text for c in self.said] + list(told.values()))
            if (fact := self.realizer.standalone(paper, before)) is not None:
                told[paper.key] = fact
        return told

    def _groups(self, papers: Sequence[Paper]) -> list[list[Paper]]:
        """The papers by line of work, each line in time order, the lines in the order they
        begin. A paper of no line joins the paragraph's line whose name it uses ("Diffusion
        Policies for Bimanual Manipulation" with the line on manipulation), else stands
        alone."""
        lines = {line.id: line for p in papers if (line := self._line_of(p)) is not None}
        groups: dict[str, list[Paper]] = {}
        for paper in by_date(papers):
            line = self._line_of(paper) or next(
                (t for t in lines.values() if t.named and uses(paper, t.label)), None)
            groups.setdefault(line.id if line else paper.key, []).append(paper)
        return list(groups.values())

    def _line_name(self, group: Sequence[Paper]) -> str | None:
        """The name of a group's line, when the group has two papers or more of a named
        line: "On <name>, " then opens its first sentence."""
        line = self._line_of(group[0])
        if len(group) < 2 or line is None or not line.named:
            return None
        return line.label

    # --- (c) where that leaves the topic --------------------------------------------------

    def _most_recent(self, paper: Paper, fact: str) -> Claim:
        _, full, predicate = self.realizer.mention(paper, fact)
        return Claim(id="", text=f"The most recent, {full}, {predicate}.",
                     keys=[paper.key])

    def _outlook(self) -> list[Claim]:
        """What an abstract says the work makes possible or leaves open, the most recent
        paper's first: "Sparse-BitNet (2026) also highlights that ... is a promising
        direction for efficient LLMs"."""
        before = " ".join(c.text for c in self.said)
        for paper in reversed(by_date(self.ranked)):
            phrase = outlook(paper)
            if phrase is None or dangling(phrase, before):
                continue
            mentioned = any(paper.key in c.keys for c in self.said)
            bare, full, _ = self.realizer.mention(paper, phrase)
            if mentioned and bare.startswith('"') and self.said[-1].keys == [paper.key]:
                bare = "it"  # the paper just told, whose full title would be said twice running
            text = f"{bare} also {phrase}." if mentioned else f"{full} {phrase}."
            return [Claim(id="", text=capitalized(text), keys=[paper.key])]
        return []

    def _line_span(self) -> list[Claim]:
        """The size and span of the line most of the papers belong to ("In all, 13 papers,
        from 2019 to 2023, make up the line of work on X"), when it has a name and more than
        one paper. (The count goes first: the verifier reads "on X has 13 papers" as a
        subject, X has 13 papers, that no abstract states.)"""
        line = self._main_line()
        if line is None or len(line.paper_keys) < 2:
            return []
        label, keys, span = self._line_named(line)
        text = (f"In all, {_papers(len(line.paper_keys))}, {span}, make up the line of work "
                f"on {label}.")
        return [Claim(id="", text=text, keys=keys)]

    def _line_named(self, line: Topic) -> tuple[str, list[str], str]:
        """The line's name, the papers that show it, and its years ("from 2019 to 2023")."""
        label, keys = self._line_keys(line)
        first, last = self._line_ends(line)
        span = f"in {first.year}" if first.year == last.year else \
            f"from {first.year} to {last.year}"
        return label, keys, span

    def _line_keys(self, line: Topic) -> tuple[str, list[str]]:
        """A line's name and the papers a claim on its span cites: its first and last, and
        papers that use the name when those two do not."""
        first, last = self._line_ends(line)
        label, keys = self.planner.labelled(line, list(dict.fromkeys([first.key, last.key])))
        return label, keys[:MAX_KEYS_PER_CLAIM]

    # --- lines of work -------------------------------------------------------------------

    def _line_of(self, paper: Paper) -> Topic | None:
        return next((t for t in self.planner.facts.topics
                     if not t.other and paper.key in t.paper_keys), None)

    def _main_line(self) -> Topic | None:
        """The named line that holds most of the paragraph's papers, when every paper of it
        is dated (its span is then the line's)."""
        counts: dict[str, int] = {}
        for paper in self.ranked:
            if (line := self._line_of(paper)) is not None and line.named:
                counts[line.id] = counts.get(line.id, 0) + 1
        if not counts:
            return None
        best = min(counts, key=lambda i: (-counts[i], i))
        line = next(t for t in self.planner.facts.topics if t.id == best)
        papers = [self.planner.papers[k] for k in line.paper_keys]
        return line if all(p.year for p in papers) else None

    def _line_ends(self, line: Topic) -> tuple[Paper, Paper]:
        dated = by_date(self.planner.papers[k] for k in line.paper_keys)
        return dated[0], dated[-1]


def _papers(count: int) -> str:
    return "1 paper" if count == 1 else f"{count} papers"


def _stems(text: str) -> set[str]:
    """Content words by their first five letters, so "sparse" meets "sparsity"."""
    return {w[:5] for w in _WORD.findall(text.casefold()) if w not in ENGLISH_STOP_WORDS}
