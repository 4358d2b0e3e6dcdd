"""The driver: Verifier runs the registry of checks, in a fixed order, on each sentence and
turns their typed reasons into a Check (messages, kinds, support, evidence)."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from agent.models import Check, FactSheet, Profile
from agent.verify import (
    anchors,
    citations,
    conditions,
    entities,
    formulas,
    polarity,
    populations,
    record,
    spelling,
    splice,
    support,
    thresholds,
)
from agent.verify.analysis import _analyse, _Sentence
from agent.verify.index import _PaperIndex
from agent.verify.lexicon import _clean
from agent.verify.profile import ProfileIndex
from agent.verify.reasons import SUPPORT_KINDS, Reason, kinds, messages
from agent.verify.sentences import _strip_markers, split_citations
from agent.verify.support import _best_windows, _enough, _Support

# An answer's opening "Yes" or "No": it answers the question and claims nothing itself.
_ANSWER_PARTICLE = re.compile(r"^\s*(?:yes|no)\s*[,:;.\u2014-]\s*(?=\S)", re.I)

ContentCheck = Callable[[ProfileIndex, _Sentence, Sequence[_PaperIndex], _Support], list[Reason]]
RecordCheck = Callable[[ProfileIndex, _Sentence, Sequence[_PaperIndex]], list[Reason]]

# What the cited papers must state, in the order their reasons are given.
CONTENT_CHECKS: tuple[ContentCheck, ...] = (
    anchors.stated,        # figures, years, dates, quantities, quotes, names
    anchors.counted,       # a count of the papers said of another thing
    anchors.bound,         # figures swapped between the things they measure
    formulas.formulas,     # an expression as the papers write it ("(3/5 + o(1))n")
    entities.merged,       # facts of one clause from one paper
    polarity.directions,   # direction words contradicted or unstated
    conditions.conditions,  # a direction said of the condition the papers find otherwise
    polarity.negations,    # negated here, stated there, or the reverse
    polarity.scope,        # priority, exclusivity, completeness, novelty
    populations.populations,  # said of people where the papers studied animals, or the reverse
    polarity.causes,       # a cause the papers give to something else
    polarity.transitions,  # "from A to B" where the papers go from B to A
    polarity.capacities,   # "enough to" where the papers say "too ... to", or the reverse
    polarity.figure_sides,  # a comparison's figures given to the other sides
    polarity.untested,     # stated as found, what the papers say they did not test
    spelling.misspelled,   # a corrupted word of the papers ("formsulates")
    splice.splices,        # a phrase cut out of a copy, reattaching what follows
    splice.truncations,    # a copy cut where the paper goes on to deny it
    support.coverage,      # judgements, contrasts, terms, the share of meaning, clauses
    support.subjects,      # "has worked on X": every word of X is the cited papers'
)
# What the author lists and the FactSheet must bear out, in order.
RECORD_CHECKS: tuple[RecordCheck, ...] = (
    record.roles,
    record.ordinals,
    record.extremes,
    record.people,
    record.affiliations,
    record.counts,
    record.spans,
    record.releases,
)


class Checker(Protocol):
    """What checks a sentence: the Verifier, or a wrapper over it (memo.RememberingVerifier,
    judge.JudgingVerifier)."""

    def check(self, sentence: str, keys: Sequence[str]) -> Check: ...


class Verifier:
    """Checks sentences against a profile's papers and its FactSheet; no model involved."""

    def __init__(self, profile: Profile, facts: FactSheet) -> None:
        self._ctx = ProfileIndex(profile, facts)
        # What each sentence claims, found once for this profile: a writer checks the same
        # sentence again, against fewer papers (the citations it needs) or after a repair.
        self._analysed: dict[str, _Sentence] = {}

    def with_facts(self, facts: FactSheet) -> Verifier:
        """This verifier under another fact sheet (lines of work renamed), its index of the
        papers shared: indexing them is most of what building a verifier costs."""
        other = copy.copy(self)
        other._ctx = self._ctx.with_facts(facts)
        other._analysed = {}
        return other

    @property
    def facts(self) -> FactSheet:
        """The fact sheet the record's claims are checked against."""
        return self._ctx.facts

    # --- public API ---

    def check(self, sentence: str, keys: Sequence[str]) -> Check:
        """Whether the cited papers and the FactSheet support every claim in the sentence."""
        ctx = self._ctx
        embedded = split_citations(sentence)
        if len(embedded) == 1 and embedded[0][1]:  # markers left in the text still count
            sentence, keys = embedded[0][0], [*keys, *embedded[0][1]]
        keys = list(dict.fromkeys(keys))
        # "Yes: ..." / "No: ..." answers the question; the claim is what follows.
        sentence = _ANSWER_PARTICLE.sub("", sentence, count=1) or sentence
        cited = [k for k in keys if k in ctx.papers]
        unknown = [k for k in keys if k not in ctx.papers]
        if not keys:
            # What the record is silent on (awards: true of every record; venues: where no
            # paper gives one), a venue no paper gives, the page's primary category, a
            # person no author list names, a word no paper uses, and what an answer leaves
            # out of its listing: no citation can show any of them.
            said = record.of_the_record(sentence, [p.paper for p in ctx.papers.values()],
                                        ctx.profile.primary_category)
            if said is not None:
                return _finding(said)
        cited_papers = [ctx.papers[k].paper for k in cited]
        limits = record.limitation_reasons(sentence, cited_papers)
        if limits is None:
            limits = record.abstracts_say_reasons(sentence, cited_papers)
        if limits is not None:  # what cited abstracts say (limits, null results ...), exactly
            return _finding(limits)
        reasons = citations.unknown(unknown) + record.honours(_clean(sentence))
        sent = self._analyse(sentence)
        if not cited and (absent := record.absence(sentence)):
            # Checked like its topic: any paper that supports it makes the sentence false.
            found = self.attribute(absent)
            for part in record.absence_parts(absent):  # each topic it lists, on its own
                found += [k for k in self.attribute(part) if k not in found]
            found = found[:3]
            reasons += record.absence_reasons(found)
            return _finding(reasons, unknown_keys=unknown, supporting_keys=found)
        if not cited and record._record_only(ctx, sent):
            # "Of the 36 papers, 11 have X as first author": the record is the evidence.
            reasons += self._record_reasons(sent, [])
            return _finding(reasons, unknown_keys=unknown)
        if not cited:
            if not sent.states_fact(ctx.vocabulary):
                return _finding(reasons, unknown_keys=unknown)
            best = self._attribute(sent, 3)
            reasons += citations.uncited(best)
            return _finding(reasons, unknown_keys=unknown, supporting_keys=best)
        papers = [ctx.papers[k] for k in cited]
        found_support = support._support(ctx, sent, papers)
        content = self._content_reasons(sent, papers, found_support)
        reasons += content + self._record_reasons(sent, papers)
        supporting = support._supporting(ctx, sent, papers) if not reasons else []
        elsewhere: list[str] = []
        if content:
            elsewhere = [k for k in self._attribute(sent, 3) if k not in cited]
        elif not reasons and found_support.score < thresholds.WEAK_SUPPORT:
            # Carried weakly by the papers it cites, and whole by one it does not: a
            # sentence of that paper's abstract cited to another ("our method outperforms
            # strong baselines in three summarization datasets").
            elsewhere = [k for k, found in self._attributed(sent, 1)
                         if k not in cited and found.score >= thresholds.WHOLE_SUPPORT]
        if elsewhere:
            supporting = elsewhere
            reasons += citations.misattributed(elsewhere)
        found_kinds = kinds(reasons)
        uncertain = (bool(sent.content) and set(found_kinds) <= SUPPORT_KINDS
                     and abs(found_support.score - thresholds.SUPPORT_THRESHOLD)
                     <= thresholds.UNCERTAIN_BAND)
        return Check(supported=not reasons, reasons=messages(reasons), cited_keys=cited,
                     unknown_keys=unknown, supporting_keys=supporting, kinds=found_kinds,
                     support=round(found_support.score, 3), uncertain=uncertain,
                     evidence=support._evidence(ctx, sent, found_support))

    def attribute(self, sentence: str, k: int = 3) -> list[str]:
        """Papers that best support an uncited sentence, best first; [] if none does."""
        return self._attribute(self._analyse(_strip_markers(sentence)), k)

    def _analyse(self, sentence: str) -> _Sentence:
        """The sentence's figures, names, counts and words (analysis._analyse), remembered."""
        sent = self._analysed.get(sentence)
        if sent is None:
            sent = self._analysed[sentence] = _analyse(self._ctx, sentence)
        return sent

    # --- the registry ---

    def _content_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex],
                         found: _Support) -> list[Reason]:
        """Reasons the papers do not state what the sentence says about their content."""
        return [r for check in CONTENT_CHECKS for r in check(self._ctx, sent, papers, found)]

    def _record_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
        """Reasons the author lists and the FactSheet contradict the sentence."""
        return [r for check in RECORD_CHECKS for r in check(self._ctx, sent, papers)]

    # --- attribution ---

    def _attribute(self, sent: _Sentence, k: int) -> list[str]:
        """Papers that support the sentence alone, best first."""
        return [key for key, _ in self._attributed(sent, k)]

    def _attributed(self, sent: _Sentence, k: int) -> list[tuple[str, support._Support]]:
        """Papers that support the sentence alone, best first, each with its support."""
        ctx = self._ctx
        if not sent.content and not sent.anchors:
            return []
        scored: list[tuple[float, str]] = []
        for paper in ctx.papers.values():
            # Cheap necessary conditions first: every anchor, and enough words anywhere.
            if not all(paper.key in keys for keys in sent.papers_with.values()):
                continue
            if not _enough(len(sent.content), len(sent.content - paper.stems)):
                continue
            window = paper.meta.union(*(w.stems for w in _best_windows(sent, paper)))
            weight = sum(ctx.idf.get(s, 1.0) for s in sent.content & window)
            scored.append((weight + 3.0 * len(sent.anchors), paper.key))
        scored.sort(key=lambda item: (-item[0], item[1]))
        # The full checks, best first, until k papers pass them: the same k papers as
        # checking every candidate, for a fraction of the checks.
        found: list[tuple[str, support._Support]] = []
        for _, key in scored:
            paper = ctx.papers[key]
            alone = support._support(ctx, sent, [paper])
            if not self._content_reasons(sent, [paper], alone):
                found.append((key, alone))
                if len(found) == k:
                    break
        return found


def _finding(reasons: list[Reason], **fields: list[str]) -> Check:
    """A Check of the reasons, for a sentence that cites no paper of the profile."""
    return Check(supported=not reasons, reasons=messages(reasons), kinds=kinds(reasons),
                 **fields)
