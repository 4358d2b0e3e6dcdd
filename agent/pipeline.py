"""The steps of the job: digest, write, verify, repair, and the tasks built from them.

Each task follows the data flow of ARCHITECTURE.md: the Planner outlines claims from
the facts, the model writes each section from its claims and the digests of
its papers, every sentence is verified, a failed sentence is rewritten once
with the reasons, and one that still fails gives way to its planned claim.
Calls that do not depend on each other run together: all digests, then all
sections, then all repairs.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from typing import TYPE_CHECKING

from agent.errors import StructuredOutputError, TruncatedOutputError
from agent.judge import Judge, JudgingVerifier
from agent.llm.base import SamplingParams
from agent.llm.gateway import LLM, PendingCall
from agent.memo import RememberingVerifier, facts_for, verdicts_remembered
from agent.modes import CiteStyle
from agent.models import (
    Claim,
    ComposedSection,
    Composition,
    DigestAnswer,
    Draft,
    DraftOutcome,
    FactSheet,
    Paper,
    PaperDigest,
    Profile,
    Reference,
    Report,
    Section,
    Sentence,
    SentenceStatus,
    Tally,
    Written,
    WrittenSentence,
)
from agent.paragraphs import paragraph
from agent.plan import Planner, by_date
from agent.prompts import RenderedPrompt, load_prompt
from agent.realize import (
    EARLIER_OWN,
    MAX_CELL_WORDS,
    capitalized,
    contribution,
    contributions,
    dangling,
    has_markup,
    own_account,
    owner_surname,
    short_name,
    stated_result,
    statement,
    statements,
)
from agent.retrieve import acronym_form
from agent.text import ENGLISH_STOP_WORDS, NOTICE_HEADER, OWN_WORK, turn
from agent.verify import Verifier, is_finding, split_citations
from agent.verify.beside import BesideVerifier, Urgency
from agent.verify.lexicon import GENERIC_STEMS, stem
from agent.verify.record import no_word_said
from agent.verify.sentences import sentence_texts
from agent.verify.spelling import LONG

if TYPE_CHECKING:
    from agent.answers import Answerer
    from agent.llm.cache import ResponseCache
    from agent.fact_questions import FactAnswer
    from agent.questions import Question
    from agent.retrieve import Retriever

log = logging.getLogger(__name__)

# repeat_penalty reaches only the embedded model, which without it loops until cut off.
DIGEST_PARAMS = SamplingParams(temperature=0.0, max_tokens=400, repeat_penalty=1.15)
WRITE_PARAMS = SamplingParams(temperature=0.2, max_tokens=900)
REPAIR_PARAMS = SamplingParams(temperature=0.0, max_tokens=200)
READ_PARAMS = SamplingParams(temperature=0.0, max_tokens=120)
# The embedded model rewrites one claim at a time; a light penalty stops it looping.
REWRITE_PARAMS = SamplingParams(temperature=0.2, max_tokens=90, repeat_penalty=1.1)
# Room left in the context for the chat template's own tokens.
_TEMPLATE_MARGIN = 64

Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    """Progress that goes nowhere (library use)."""


# --- digest -------------------------------------------------------------------


def digest_request(paper: Paper) -> tuple[str, RenderedPrompt]:
    """The step name and prompt of a paper's digest, so a batch submission asks exactly
    what digest_paper would, under the same cache key. The abstract is given from where it
    turns to the paper's own work, without its links (realize.own_account): a digest
    reports the paper's work, not the field's or earlier work's."""
    prompt = load_prompt("digest").render(
        title=paper.title, abstract=own_account(paper) if paper.abstract.strip() else "(none)")
    return f"digest {paper.key}", prompt


def pending_digests(llm: LLM, papers: Iterable[Paper]) -> list[PendingCall]:
    """The digest calls the cache cannot answer yet: what a batch submission must ask."""
    return [call for paper in papers if (call := llm.pending_structured(
        *digest_request(paper), DigestAnswer, DIGEST_PARAMS)) is not None]


def digest_paper(llm: LLM, paper: Paper) -> PaperDigest:
    """One cached, structured call per paper; the abstract goes in as data.

    An answer that is cut off or never fits the schema (a small model's failure, not
    the run's) gives way to the abstract's own first sentence, with a warning."""
    step, prompt = digest_request(paper)
    try:
        answer = llm.structured(step, prompt, DigestAnswer, DIGEST_PARAMS)
    except (TruncatedOutputError, StructuredOutputError) as exc:
        log.warning("%s; using the abstract's first sentence instead", exc)
        return PaperDigest(key=paper.key, contribution=_opening(paper), method="",
                           from_abstract=True)
    return PaperDigest(key=paper.key, **answer.model_dump())


def digest_papers(llm: LLM, papers: Sequence[Paper] | Profile,
                  progress: Progress | None = None,
                  then: Callable[[Paper, PaperDigest], None] | None = None
                  ) -> list[PaperDigest]:
    """Digests of the papers, concurrently, in their given order; `then` is told of each
    as it comes."""
    papers = papers.papers if isinstance(papers, Profile) else list(papers)
    tick = _counter(progress or _quiet, "digest", len(papers))

    def one(paper: Paper) -> PaperDigest:
        digest = digest_paper(llm, paper)
        tick(paper.key)
        if then is not None:
            then(paper, digest)
        return digest

    return llm.map(one, papers)


# --- the writing job ----------------------------------------------------------


@dataclass
class Job:
    """Everything the writing steps share for one profile."""

    llm: LLM
    profile: Profile
    facts: FactSheet
    show_unsupported: bool = False
    progress: Progress = _quiet
    digests: dict[str, PaperDigest] = field(default_factory=dict)

    claim_by_claim: bool | None = None  # None: the embedded model's way, others by section
    # Decides the sentences whose support the rules leave uncertain (--judge); None: none.
    judge: Judge | None = None
    # --writing plan: no model call at all; every sentence is a planned claim, verified, and
    # a paper's digest is its abstract's own first finding. None: when the backend is none.
    plan_only: bool | None = None
    # The rules' verifier in a second process, and every paper's digest asked of the model,
    # both started before the facts were found (start_report); None: neither.
    beside: BesideVerifier | None = None
    ahead: Future[list[PaperDigest]] | None = None

    def __post_init__(self) -> None:
        if self.plan_only is None:
            self.plan_only = self.llm.backend.kind == "none"
        if self.claim_by_claim is None:
            self.claim_by_claim = self.llm.backend.kind == "embedded"
        self.papers = {p.key: p for p in self.profile.papers}
        self.planner = Planner(self.profile, self.facts)
        self._lines_renamed = False
        # The last rules' verifier built (see _checker): in this process, or beside it.
        self._rules: Verifier | BesideVerifier | None = self.beside
        # Checks of digests held until the lines are renamed (digests_while_renaming).
        self._held: list[tuple[str, Sequence[str]]] | None = None
        self._held_lock = threading.Lock()

    @cached_property
    def verifier(self) -> RememberingVerifier | JudgingVerifier:
        """The verifier, with the verdicts earlier runs reached on this profile (the real
        one is built on the first sentence it has not judged yet), and the judge over it
        when there is one: the rules' verdicts are remembered, the judge's answers cached."""
        remembering = RememberingVerifier(self.profile, self.facts, self.llm.cache,
                                          self._checker)
        if self.judge is None:
            return remembering
        return JudgingVerifier(remembering, self.judge, self.papers)

    def _checker(self) -> Verifier | BesideVerifier:
        """The rules' verifier under the present facts. The papers are indexed once a job:
        after rename_lines, the verifier that checked the names lends its index."""
        built = self._rules
        if built is None:
            self._rules = Verifier(self.profile, self.facts)
        elif built.facts is not self.facts:
            self._rules = built.with_facts(self.facts)
        return self._rules

    @property
    def checks_beside(self) -> bool:
        """Whether sentences are checked in a second process (start_report)."""
        return isinstance(self._rules, BesideVerifier)

    def check_soon(self, items: Iterable[tuple[str, Sequence[str]]],
                   urgency: Urgency = Urgency.SOON) -> None:
        """Start the checks of these (sentence, keys) that a step will ask for, when the
        verifier runs beside this process; otherwise nothing (they are made when asked)."""
        if isinstance(self._rules, BesideVerifier):
            rules = self.verifier.verifier  # under the present facts
            if isinstance(rules, BesideVerifier):
                rules.prefetch(items, urgency)

    def rename_lines(self) -> None:
        """Lines of work named by the endpoint's model where its name holds
        (agent/line_names.py), once, for the tasks that name lines (report, bio,
        trajectory, topics); the planner and the verifier then use the new names. Not with
        the embedded model or without one, and never for ask, write or digest."""
        if self.llm.backend.kind != "remote" or self.plan_only or self._lines_renamed:
            return
        self._lines_renamed = True
        from agent.line_names import name_lines

        self.facts = name_lines(self.llm, self.profile, self.facts,
                                lambda text, keys: self.verifier.check(text, keys).supported)
        self.planner = Planner(self.profile, self.facts)
        self.__dict__.pop("verifier", None)  # its index holds the old names
        self.__dict__.pop("answerer", None)

    def finish(self) -> None:
        """Keep what this job learnt that a re-run can reuse: the new verdicts; stop the
        verifier's process, if it has one (a check after this is made here)."""
        self.verifier.save()
        if isinstance(self._rules, BesideVerifier):
            self._rules.close()

    @cached_property
    def answerer(self) -> Answerer:
        """The answer plans for open questions (agent/answers.py), built on first use."""
        from agent.answers import Answerer

        return Answerer(self.profile, self.facts, self.retriever, self.planner,
                        lambda text, keys: self.verifier.check(text, keys).supported,
                        lambda text: self.verifier.check(text, []).supporting_keys)

    @cached_property
    def retriever(self) -> Retriever:
        """Built on first use: only ask, grant and intro need it (and load what it needs)."""
        from agent.retrieve import Retriever

        return Retriever(self.profile, self.facts)

    def ensure_digests(self, keys: Iterable[str]) -> None:
        """Digest the papers not yet digested (cache hits when they were before)."""
        if self.ahead is not None:  # asked before the job was made: taken as they are
            ahead, self.ahead = self.ahead, None
            for digest in ahead.result():
                self.digests[digest.key] = digest
                self._check_digest_soon(self.papers[digest.key], digest)
        missing = [self.papers[k] for k in dict.fromkeys(keys)
                   if k in self.papers and k not in self.digests]
        if self.plan_only or self.claim_by_claim:
            # The embedded model's digests of the example copied the abstract's opening
            # (background more often than contribution) or broke: of 36 calls' fields, 13
            # stood. Each paper's own account stands instead, with no call (issue 18).
            figures = self.planner.realizer.figures
            for paper in missing:
                self.digests[paper.key] = extracted_digest(paper, figures.get(paper.key, []))
            return
        for digest in digest_papers(self.llm, missing, self.progress, self._check_digest_soon):
            self.digests[digest.key] = digest

    def digests_while_renaming(self) -> None:
        """Every paper's digest, asked of the model while the lines are renamed, since
        neither needs the other: a model latency less before the sections are written. In
        this process the papers are indexed for the verifier first, in the same thread
        (CPU work, while the digests mostly wait); beside it, the digests' checks are
        started once the names are settled (the verifier's facts)."""
        with self._held_lock:
            self._held = []
        with ThreadPoolExecutor(max_workers=1) as pool:
            renamed = pool.submit(self._index_and_rename)
            self.ensure_digests(p.key for p in self.profile.papers)
            renamed.result()

    def _index_and_rename(self) -> None:
        try:
            # A re-run, whose verdicts are remembered, may never need the index at all.
            if not self.checks_beside and self.verifier.fresh:
                self.verifier.verifier  # noqa: B018 - built now, while the digests wait
            self.rename_lines()
        finally:
            with self._held_lock:
                held, self._held = self._held, None
            self.check_soon(held or [], Urgency.LATER)

    def _check_digest_soon(self, paper: Paper, digest: PaperDigest) -> None:
        """The sentences of a digest's fields that verified_digests will check, started
        (or held while the lines are renamed)."""
        if not isinstance(self._rules, BesideVerifier):
            return
        items = [(sentence, [paper.key]) for name in _DIGEST_FIELDS
                 for sentence in _field_sentences(getattr(digest, name).strip())]
        with self._held_lock:
            if self._held is not None:
                self._held.extend(items)
                return
        self.check_soon(items, Urgency.LATER)


@dataclass
class Started:
    """What a report's job starts before it is made (start_report): the fact sheet, the
    verifier beside this process, and the digests on their way."""

    facts: FactSheet
    beside: BesideVerifier | None = None
    ahead: Future[list[PaperDigest]] | None = None


def start_report(llm: LLM, profile: Profile, cache: ResponseCache | None, *, plan_only: bool,
                 claim_by_claim: bool | None, progress: Progress = _quiet) -> Started:
    """The facts a report's job is made with, found while its work starts. On an endpoint,
    where a second process can run (agent/verify/beside.py): the model digests the papers
    (no digest needs the facts) while the second process analyses them, and indexes them
    for the verifier, which then checks each digest and section as it comes back. Not
    when every verdict is remembered from an earlier run (no index is needed), nor with
    the embedded model (whose threads use every core) or none (nothing to wait on)."""
    beside = None
    if llm.backend.kind == "remote" and not plan_only and not verdicts_remembered(profile, cache):
        beside = BesideVerifier.start(profile)
    ahead: Future[list[PaperDigest]] | None = None
    if beside is not None and not claim_by_claim:
        future: Future[list[PaperDigest]] = Future()

        def digest() -> None:
            try:
                future.set_result(digest_papers(llm, profile.papers, progress))
            except BaseException as exc:  # noqa: BLE001 - raised where the job takes them
                future.set_exception(exc)

        # A daemon thread, not an executor's: a run that fails before it takes the digests
        # must not wait at exit for calls nobody will read.
        threading.Thread(target=digest, name="digests", daemon=True).start()
        ahead = future
    progress(f"analyse {len(profile.papers)} papers")
    try:
        facts = facts_for(profile, cache, beside.analyse if beside is not None else None)
    except BaseException:
        if beside is not None:
            beside.close()
        raise
    return Started(facts=facts, beside=beside, ahead=ahead)


def extracted_digest(paper: Paper, figures: Sequence[str] = ()) -> PaperDigest:
    """A digest no model wrote (--writing plan, and the embedded model): what the paper says
    it does ("Presents an information-theoretic framework that ...", its "we present"
    sentence word for word), else the abstract's first finding; and its stated result as a
    whole clause with what it is measured against (agent/realize.py), when it has one."""
    own = contribution(paper) or statement(paper) or next(statements(paper, in_its_row=True),
                                                             None) or _long_contribution(paper)
    if own and (name := short_name(paper)) and f"{name} {own}" in paper.abstract:
        # "QuarantineReg is a digitised corpus ...": told of its name, as the abstract tells
        # it, not "Is a digitised corpus ...".
        own = f"{name} {own}"
    stated = stated_result(paper, figures, longest=MAX_CELL_WORDS)
    # "Finds, using payroll records, that a 10 percent increase ...": a result the
    # contribution states already is said once.
    if own and stated and stated.rstrip(".").casefold() in own.casefold():
        stated = None
    # A paper with no abstract says nothing of itself here: its row is left empty, not
    # filled with its title again.
    opening = _opening(paper) if paper.abstract.strip() else ""
    if own and own.startswith("is "):
        # "This thesis is the first comprehensive grammatical description of ...": its row
        # says what it is, "The first comprehensive grammatical description of ...".
        own = own[3:]
    return PaperDigest(key=paper.key, method="", from_abstract=True,
                       contribution=f"{capitalized(own)}." if own else opening,
                       key_result=f"{capitalized(stated)}." if stated else "")


def _long_contribution(paper: Paper) -> str | None:
    """A "we show X" sentence too long for prose, or whose "such" points to the title's
    subject ("We show that no such construction exists ..." of "Polynomial graphs cannot
    give K_{4,7}-free constructions"), as its row tells it; None when it holds "we", "our"
    or markup, or runs past MAX_CELL_WORDS."""
    return next((c for c in contributions(paper, stand_alone=False)
                 if len(c.split()) <= MAX_CELL_WORDS and not has_markup(c)
                 and not re.search(r"\b(?:we|our|us)\b", c, re.I)
                 and not _points_past_title(c, paper)), None)


def _points_past_title(statement: str, paper: Paper) -> bool:
    """Whether a statement points back, in words no title can resolve, to what the abstract
    said before it: "questions that account", "tests that assumption", "reads it instead
    as ...". ("such" may point to the title's subject: "no such construction exists".)"""
    pointer = (dangling(statement, paper.title) or "").casefold().strip()
    return pointer.startswith("that ") or pointer.endswith((" it", " them"))


@dataclass
class _Draft:
    """A model sentence on its way through verification."""

    section: int
    text: str
    keys: list[str]
    claim: Claim | None
    papers: list[str]  # the section's numbered papers, for the repair prompt
    sentence: Sentence | None = None
    # As written: whether the verifier passes it, and why it could not stand.
    verified: bool = False
    reasons: list[str] = field(default_factory=list)
    # A claim no model was asked to write (the embedded model is given only what a paper
    # does): its planned words stand, in their place, and it is no draft of the model's.
    planned: bool = False

    def record(self, section: str, shown: Sequence[Sentence]) -> Draft:
        """What the model wrote and what became of it, given the section's sentences."""
        status = self.sentence.status if self.sentence else None
        if self.sentence is not None and not any(s is self.sentence for s in shown):
            return Draft(section=section, text=self.text, keys=self.keys,
                         claim_id=self.claim.id if self.claim else None,
                         verified=self.verified, reasons=self.reasons,
                         outcome=DraftOutcome.REPEATED)
        outcome = {SentenceStatus.SUPPORTED: DraftOutcome.KEPT,
                   SentenceStatus.REPAIRED: DraftOutcome.REPAIRED,
                   SentenceStatus.REPLACED: DraftOutcome.REPLACED,
                   SentenceStatus.PLANNED: DraftOutcome.REPLACED,
                   SentenceStatus.UNSUPPORTED: DraftOutcome.SHOWN,
                   None: DraftOutcome.REMOVED}[status]
        final = self.sentence.text if outcome in (DraftOutcome.KEPT, DraftOutcome.REPAIRED) \
            and self.sentence else None
        return Draft(section=section, text=self.text, keys=self.keys,
                     claim_id=self.claim.id if self.claim else None, verified=self.verified,
                     reasons=self.reasons, outcome=outcome, final=final)


@dataclass
class _Task:
    """One outline section and how to write it."""

    section: Section
    prompt: str
    variables: dict[str, str]


def compose(job: Job, task: str, tasks: Sequence[_Task]) -> tuple[Composition, list[str]]:
    """Write, verify and repair the sections; returns the composition and section titles."""
    return compose_many(job, {task: tasks})[task]


def compose_many(job: Job, jobs: dict[str, Sequence[_Task]]
                 ) -> dict[str, tuple[Composition, list[str]]]:
    """Several outputs at once, so all their sections are written together."""
    if job.plan_only:
        return {name: _composed_from_plan(job, name, tasks) for name, tasks in jobs.items()}
    flat = [(name, t) for name, tasks in jobs.items() for t in tasks]
    if not job.claim_by_claim:  # a claim's rewrite is told nothing of the paper's digest
        job.ensure_digests(k for _, t in flat for k in _paper_keys(t.section))
    tick = _counter(job.progress, "write", len(flat))
    write_section = _rewrite_claims if job.claim_by_claim else _write_section

    def write(item: tuple[str, _Task]) -> tuple[str, list[_Draft]]:
        name, t = item
        title, drafts = write_section(job, name, t)
        job.check_soon((d.claim.text, d.claim.keys) if d.planned and d.claim is not None
                       else (d.text, d.keys) for d in drafts if d.text or d.planned)
        tick(f"{name} {t.section.id}")
        return title, drafts

    results = job.llm.map(write, flat)
    for i, (_, drafts) in enumerate(results):
        for d in drafts:
            d.section = i
    _verify_all(job, [d for _, drafts in results for d in drafts])
    out: dict[str, tuple[Composition, list[str]]] = {}
    for name in jobs:
        sections, titles, removed, written = [], [], 0, []
        for (owner_task, t), (title, drafts) in zip(flat, results):
            if owner_task != name:
                continue
            sentences = [d.sentence for d in drafts if d.sentence]
            removed += len(drafts) - len(sentences)
            sentences = _dedupe_sentences(_in_plan_order(
                sentences, _uncovered_claims(job, t.section, sentences), t.section))
            written += [d.record(t.section.id, sentences) for d in drafts if not d.planned]
            sections.append(ComposedSection(id=t.section.id, title=t.section.title,
                                            sentences=sentences))
            titles.append(_checked_title(job, title, t.section))
        composition = Composition(task=name, sections=sections, tally=tally(
            s for sec in sections for s in sec.sentences).add(Tally(removed=removed)),
            drafts=written)
        out[name] = (composition, titles)
    return out


def _composed_from_plan(job: Job, name: str, tasks: Sequence[_Task]
                        ) -> tuple[Composition, list[str]]:
    """--writing plan: each section is its planned claims in their own words, verified like
    any sentence (one that fails is left out and counted removed: a planner bug)."""
    sections, removed = [], 0
    for t in tasks:
        sentences = [s for c in t.section.claims
                     if (s := planned(job, c, SentenceStatus.PLANNED)) is not None]
        removed += len(t.section.claims) - len(sentences)
        sections.append(ComposedSection(id=t.section.id, title=t.section.title,
                                        sentences=_dedupe_sentences(sentences)))
    composition = Composition(task=name, sections=sections, tally=tally(
        s for sec in sections for s in sec.sentences).add(Tally(removed=removed)))
    return composition, [t.section.title for t in tasks]


def _paper_keys(section: Section) -> list[str]:
    """The papers a section's prompt names: its context, then any its claims add."""
    return list(dict.fromkeys([*section.context_keys, *(k for c in section.claims for k in c.keys)]))


def _write_section(job: Job, task: str, t: _Task) -> tuple[str, list[_Draft]]:
    """One structured call for one section; numbers in the answer map back to keys."""
    keys = _paper_keys(t.section)
    number = {k: i for i, k in enumerate(keys, 1)}
    claims = "\n".join(f"{i}. {_claim_line(c, number)}"
                       for i, c in enumerate(t.section.claims, 1))
    prompt = _fit(job, t.prompt, dict(t.variables, owner=job.facts.owner, claims=claims), keys,
                  t.section.claims)
    written = job.llm.structured(f"write {task} {t.section.id}", prompt, Written, WRITE_PARAMS)
    drafts = [_draft(ws, t.section, keys) for ws in written.sentences if ws.text.strip()]
    return written.title, drafts


def _rewrite_claims(job: Job, task: str, t: _Task) -> tuple[str, list[_Draft]]:
    """A small model's way: what one paper does, reworded on its own; the rest of the
    sentence, and every claim of record facts, stays the planner's.

    Why: a 135M model cannot plan a paragraph or keep paper numbers straight, but it can
    rephrase one clause. Measured on the example's embedded report (bench_local.py),
    whole claims given to it came back without their titles, counts or the owner's name
    in 58 of 73 failures, and a second try with the reasons kept 1 of 48; so counts,
    spans, roles and turns are not sent, and a failed rewrite is not tried again. The
    verifier and the claim check catch what it gets wrong."""
    keys = _paper_keys(t.section)
    drafts = []
    for claim in t.section.claims:
        if claim.frame is None:  # a claim of record facts: its planned words stand
            drafts.append(_Draft(section=0, text=claim.text, keys=list(claim.keys),
                                 claim=claim, papers=keys, planned=True))
            continue
        text = _rewrite(job, claim)
        drafts.append(_Draft(section=0, text=text, keys=list(claim.keys), claim=claim,
                             papers=keys))
    return "", drafts


# The rewritten predicate comes back as a sentence about "It" (the paper).
_IT = re.compile(r"^[Ii]t\s+(?P<rest>[a-z].*?)[.!]?$", re.S)


def _rewrite(job: Job, claim: Claim) -> str:
    """One free-text call: the claim's predicate as a sentence about "it", put back in the
    claim's frame ('"T" (2019), with Chi as first author, ' + the reworded predicate).
    An answer about anything but "it" is returned as written, for the verifier to reject."""
    frame = claim.frame or ""
    prompt = load_prompt("rewrite").render(sentence=f"It {claim.predicate}.")
    completion = job.llm.text(f"rewrite {claim.id}", prompt, REWRITE_PARAMS,
                              allow_truncated=True)
    said = _one_sentence(completion.text)
    if (it := _IT.match(said)) is None:
        return said
    return f"{frame} {it['rest']}."


def _one_sentence(text: str) -> str:
    """The first sentence of a reply, without labels, quotes around it or markers."""
    line = next((ln for ln in text.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(?:rewritten sentence|sentence|answer)\s*:\s*", "", line.strip(), flags=re.IGNORECASE)
    if len(line) > 1 and line[0] == line[-1] and line[0] in "\"'":
        line = line[1:-1]
    sentences = split_citations(line)
    first = _A_BEFORE_VOWEL.sub(r"\1n ", sentences[0][0].strip()) if sentences else ""
    return first if not first or first[-1] in ".!?" else first + "."


# "releases the model as a open-source software" (the embedded model's): "a" before a word
# that opens with a vowel sound. Lower-case words only ("a LSTM" is said by its letters),
# and none that opens with a "you" or "wun" sound ("a unique", "a European", "a one-time").
_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=(?!eu|one\b|once\b|one-)[aeio][a-z-])")


def _uncovered_claims(job: Job, section: Section, sentences: Sequence[Sentence]
                      ) -> list[Sentence]:
    """Planned claims no kept sentence expresses, in their own words: no fact is lost
    because a model chose to leave it out."""
    out = []
    shown = {s.claim_id for s in sentences if s.status is SentenceStatus.UNSUPPORTED}
    for claim in section.claims:
        if claim.id in shown:
            continue  # --show-unsupported: the reader sees the failed sentence, marked
        if not any(expresses(s.text, s.keys, claim) for s in sentences):
            if (sentence := planned(job, claim)) is not None:
                out.append(sentence)
    return out


def _in_plan_order(sentences: list[Sentence], restored: list[Sentence], section: Section
                   ) -> list[Sentence]:
    """The planned claims a model left out, put back where the plan has them rather than
    at the end: an argued paragraph's problem comes first even when the model dropped it.
    A restored claim goes before the first kept sentence that says a later claim; a
    sentence that names no claim sits with the one before it."""
    place = {c.id: i for i, c in enumerate(section.claims)}
    out = list(sentences)
    for sentence in restored:
        mine = place.get(sentence.claim_id or "", len(place))
        at, current = len(out), -1
        for i, kept in enumerate(out):
            current = place.get(kept.claim_id or "", current)
            if current > mine:
                at = i
                break
        out.insert(at, sentence)
    return out


_FIGURE_TOKEN = re.compile(r"\d[\d,.]*")


def expresses(text: str, keys: Sequence[str], claim: Claim) -> bool:
    """A sentence says a claim when it keeps the claim's numbers and the titles it names
    (by their head, before any colon) and cites at least one of its papers."""
    if claim.keys and not set(keys) & set(claim.keys):
        return False
    folded = text.casefold().replace(",", "")
    numbers = [n.replace(",", "").rstrip(".") for n in _FIGURE_TOKEN.findall(claim.text)]
    if not all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", folded) for n in numbers):
        return False
    titles = re.findall(r'"([^"]+)"', claim.text)
    if not all(t.split(":")[0].casefold().replace(",", "") in folded for t in titles):
        return False
    said = _content_words(claim.text)
    return not said or len(said & _content_words(text)) >= _KEPT_WORDS * len(said)


def _lost_owner(job: Job, text: str, claim: Claim) -> str | None:
    """The owner's name (full or surname) when the claim says it and the rewrite does not:
    "The first author of 1 of the 10 papers" is true of nobody in particular."""
    owner = job.facts.owner
    last = owner_surname(owner) or owner
    for name in (owner, last):
        if name and name.casefold() in claim.text.casefold():
            return None if last.casefold() in text.casefold() else name
    return None


# A name as papers coin them: capitals inside or after the first letter, or letters with
# digits ("OPO", "ProtLLM", "Kosmos-1"; not "The" or "2026").
_COINED = re.compile(r"\b(?=[\w-]*[A-Za-z])(?=[\w-]*(?:[A-Z][\w-]*[A-Z]|[A-Za-z]\d|\d[A-Za-z]))"
                     r"[\w-]+\b")


def _new_names(text: str, claim: Claim) -> list[str]:
    """Names the rewrite has and its claim does not: a small model's rewording may not
    coin them. On the example it wrote "(OPB)" for the paper's "(OPO)", which the
    verifier read as initials of the abstract's words, and "ProtLML" for ProtLLM."""
    # A word the claim writes in lower case is no new name for its capitals ("South-Eastern
    # Norway" of "south-eastern Norway").
    have = claim.text.casefold()
    return [n for n in dict.fromkeys(_COINED.findall(text))
            if not re.search(rf"(?<![\w-]){re.escape(n.casefold())}(?![\w-])", have)]


_REWORD = re.compile(r"[A-Za-z]+")


def _new_words(job: Job, text: str, claim: Claim) -> list[str]:
    """Content words of a rewording that neither its claim nor its cited papers use (by
    stem; the words any account of a paper uses, "new", "presents", aside). A small model's
    synonym can change what a paper did: on a held-out profile it wrote that DynaPrior
    "pre-teaches a dynamic model" where the paper "pre-trains a dynamics model"."""
    said = {stem(w) for source in _sources(job, claim) for w in _REWORD.findall(source)}
    return [w for w in dict.fromkeys(_REWORD.findall(text))
            if len(w) > 3 and w.lower() not in ENGLISH_STOP_WORDS and stem(w) not in said
            and stem(w) not in GENERIC_STEMS]


def _new_pairs(job: Job, text: str, claim: Claim) -> list[tuple[str, str]]:
    """Two content words a rewording puts next to each other (stop words between them
    aside) that its claim and its papers' sentences never have in that order within
    _PAIR_WINDOW content words. Words each kept, a small model can still join them
    wrongly: "message passing over a prior GNN" where the paper passes messages "over a
    prior network" and calls the model a GNN."""
    near: set[tuple[str, str]] = set()
    sources = _sources(job, claim)
    # "Sentinel-1 SAR imagery" for "Sentinel-1 synthetic aperture radar (SAR) imagery": the
    # acronym stands where its expansion does.
    for source in [*sources, *(short for s in sources if (short := acronym_form(s)) != s)]:
        words = _content_stems(source)
        near |= {(a, b) for i, a in enumerate(words)
                 for b in words[i + 1:i + 1 + _PAIR_WINDOW]}
    said = _content_stems(text, surface=True)
    return [(wa, wb) for (a, wa), (b, wb) in pairwise(said)
            if a != b and (a, b) not in near]


def _sources(job: Job, claim: Claim) -> list[str]:
    """What a rewording of a claim may draw on: the claim, and its papers' titles and
    abstract sentences."""
    sources = [claim.text]
    for key in claim.keys:
        if (paper := job.papers.get(key)) is not None:
            sources += [paper.title, *re.split(r"(?<=[.!?])\s+", paper.abstract)]
    return sources


# Two words of a rewording stand together if a source has them this close, in order
# ("recurrent network" from "recurrent neural network").
_PAIR_WINDOW = 3


def _content_stems(text: str, surface: bool = False) -> list:
    """The stems of a text's content words in order (with the words, when surface)."""
    words = [w for w in _REWORD.findall(text)
             if len(w) > 2 and w.lower() not in ENGLISH_STOP_WORDS]
    return [(stem(w), w) for w in words] if surface else [stem(w) for w in words]


# A rewrite keeps at least this share of its claim's content words, or it says
# something else ("The main lines of work are:" keeps none of its topics).
_KEPT_WORDS = 0.5
_WORD = re.compile(r"[a-z]{4,}")
_FRAME_WORDS = frozenset(["this", "that", "with", "from", "have", "papers", "paper", "work", "line", "lines", "record", "include", "includes", "concern", "concerns", "mostly", "most", "part"])


def _content_words(text: str) -> set[str]:
    """Word stems (first five letters) that carry a claim's content."""
    return {w[:5] for w in _WORD.findall(text.casefold()) if w not in _FRAME_WORDS}


def _claim_line(claim: Claim, number: dict[str, int]) -> str:
    """A claim as the writer sees it: its words and the numbers of its papers."""
    papers = ", ".join(str(number[k]) for k in claim.keys if k in number) or "none"
    return f"{claim.text} (papers {papers})"


def _draft(ws: WrittenSentence, section: Section, keys: list[str]) -> _Draft:
    """A written sentence with its paper numbers turned into keys (unknown ones kept, marked)."""
    cited = [keys[n - 1] if 1 <= n <= len(keys) else f"paper-{n}" for n in ws.papers]
    claim = next((section.claims[n - 1] for n in ws.claims if 1 <= n <= len(section.claims)),
                 None)
    if not cited and claim is not None:
        # The model said which claim it expresses but not which papers: the claim's keys.
        cited = list(claim.keys)
    return _Draft(section=0, text=ws.text.strip(), keys=list(dict.fromkeys(cited)),
                  claim=claim, papers=keys)


def _fit(job: Job, prompt_name: str, variables: dict[str, str], keys: list[str],
         claims: Sequence[Claim]) -> RenderedPrompt:
    """The prompt with as much of each paper's note as the model's context allows."""
    template = load_prompt(prompt_name)
    budget = job.llm.backend.context_window - WRITE_PARAMS.max_tokens - _TEMPLATE_MARGIN
    for detail in ("full", "contribution", "title"):
        notes = _notes(job, keys, {k: i for i, k in enumerate(keys, 1)}, claims, detail)
        prompt = template.render(**variables, papers=notes)
        if job.llm.backend.count_tokens(prompt.messages) <= budget:
            return prompt
    return prompt  # the gateway names the overflow if even titles do not fit


def _notes(job: Job, keys: Sequence[str], number: dict[str, int], claims: Sequence[Claim],
           detail: str, numbered: bool = True) -> str:
    """The notes on the papers a prompt numbers, less what its claims already say."""
    quoted = _quoted_titles(job, claims, numbered)
    # Each claim's words once, not once for every paper of the prompt (issue 18).
    words = [(_content_words(c.text), c.keys) for c in claims]
    said = {k: set().union(*(w for w, on in words if k in on)) for k in keys}
    return "\n".join(_note(job, number[k], k, detail, quoted.get(k), said[k]) for k in keys)


def _quoted_titles(job: Job, claims: Sequence[Claim], numbered: bool) -> dict[str, str]:
    """The papers whose full title a claim on that paper alone quotes, and how a note names
    them instead ("The paper of claim 3"): the claim already ties the title to its number."""
    out: dict[str, str] = {}
    for i, claim in enumerate(claims, 1):
        if len(claim.keys) == 1 and (key := claim.keys[0]) in job.papers and key not in out \
                and f'"{job.papers[key].title}"' in claim.text:
            out[key] = f"The paper of claim {i}" if numbered else "The paper of the claim"
    return out


def _note(job: Job, number: int, key: str, detail: str, named: str | None = None,
          said: set[str] | frozenset[str] = frozenset()) -> str:
    """What the writer is told about one paper: its title and year, and its digest as a
    hint. Said once in a prompt: a title a claim quotes is named by that claim (`named`),
    and a digest field whose content words the prompt's claims on the paper all use (`said`)
    is left out. No author list: the owner's role on a paper is the claims' to say (the
    rules forbid reading it off the authors), and a co-author worth naming is in a claim."""
    paper = job.papers[key]
    year = f" ({paper.year})" if paper.year else ""
    title = named or f'"{paper.title}"'
    head = f"[{number}] {title}{year}."
    digest = job.digests.get(key)
    if detail == "title" or digest is None:
        return head
    fields = (digest.contribution,) if detail == "contribution" else (
        digest.contribution, digest.method, digest.key_result)
    return " ".join([head, *(x for x in fields if x and not _content_words(x) <= said)])


# --- verification and repair ---------------------------------------------------


def _verify_all(job: Job, drafts: list[_Draft]) -> None:
    """Verify every draft; repair the failures together; fall back to planned claims."""
    failed = []
    for d in drafts:
        if d.planned:
            d.sentence = planned(job, d.claim, SentenceStatus.PLANNED) \
                if d.claim is not None else None
            continue
        reasons, d.verified = _reasons(job, d.text, d.keys,
                                       d.claim if job.claim_by_claim else None)
        d.reasons = reasons
        if not reasons:
            d.sentence = Sentence(text=d.text, keys=_needed(job, d.text, d.keys),
                                  claim_id=d.claim.id if d.claim else None)
        else:
            failed.append((d, reasons))
    if not failed:
        return
    if job.claim_by_claim:  # no second try (_repair): the planned claims stand
        for d, reasons in failed:
            d.sentence = _repair(job, d, reasons)
        return
    tick = _counter(job.progress, "repair", len(failed))

    def repair(item: tuple[_Draft, list[str]]) -> None:
        d, reasons = item
        d.sentence = _repair(job, d, reasons)
        tick(d.claim.id if d.claim else "")

    job.llm.map(repair, failed)


def _reasons(job: Job, text: str, keys: list[str], claim: Claim | None
             ) -> tuple[list[str], bool]:
    """Why a sentence cannot stand (the verifier's reasons, and, when it rewrites a given
    claim, the claim facts it dropped; empty when it can), and whether the verifier alone
    passes it."""
    if not text:
        return ["the model wrote nothing"], False
    check = job.verifier.check(text, keys)
    reasons = list(check.reasons)
    if claim is not None and not expresses(text, keys, claim):
        reasons.append("leaves out the numbers or titles of the claim it rewrites")
    if claim is not None and (lost := _lost_owner(job, text, claim)):
        reasons.append(f'leaves out "{lost}", whom the claim it rewrites is about')
    if claim is not None and (coined := _new_names(text, claim)):
        reasons.append(f"names {', '.join(coined)}, which the claim it rewrites does not")
    if claim is not None and (words := _new_words(job, text, claim)):
        reasons.append(f"says {', '.join(words)}, which neither the claim it rewrites nor "
                       "its papers say")
    if claim is not None and (pairs := _new_pairs(job, text, claim)):
        reasons.append(f"puts {'; '.join(' ... '.join(p) for p in pairs)} together, which "
                       "neither the claim it rewrites nor its papers do")
    if claim is not None and _made_identity(text, claim.text):
        reasons.append("says what a paper is where the claim it rewrites says what it does "
                       "(\"X is the women who ...\" for \"X turns to the women ...\")")
    if _CUT_SHORT.search(split_citations(text)[0][0] if split_citations(text) else text):
        # "... suggests three explanations: [key]." (the embedded model's): a sentence cut
        # before what it announces is true of nothing a reader can see.
        reasons.append("stops before what it announces (it ends in a colon or a comma)")
    return reasons, check.supported


# What follows a paper's quoted title (and its year): the verb the sentence says it with.
_AFTER_TITLE = re.compile(r'"[^"]{8,}"(?:\s*\(\d{4}\))?,?\s+([a-z]+)\b(?:\s+(?:the|a|an)\s+'
                          r"(?:\w+\s+)??(\w+))?")
_COPULAS = frozenset({"is", "are", "was", "were"})
# Plural heads a paper cannot be ("is the women who ..."); a paper may be "a framework".
_PEOPLE = frozenset("women men people children patients carers workers households".split())


def _made_identity(text: str, claim_text: str) -> bool:
    """Whether a rewrite turns what a paper does into what it is: the claim's verb after
    the title ("turns to the shore, and to the women whose work ...") became "is" ("is the
    women who sustain ..."), a small model's way with a long predicate that no word of the
    papers contradicts."""
    said = _AFTER_TITLE.search(text)
    planned = _AFTER_TITLE.search(claim_text)
    if not (said and planned and said[1] in _COPULAS and planned[1] not in _COPULAS):
        return False
    # "is a framework that ..." for "presents a framework that ..." says the same: only a
    # plural, or people, is what no paper is.
    head = (said[2] or "").lower()
    return head in _PEOPLE or (head.endswith("s") and not head.endswith(("ss", "us", "is")))


# A sentence that ends where its list or clause should begin.
_CUT_SHORT = re.compile(r"[:;,]\s*\.?\s*$")


def _repair(job: Job, d: _Draft, reasons: list[str]) -> Sentence | None:
    """A word miscopied from the claim put back (no call); else rewrite once with the
    reasons; else the planned claim; else nothing (or marked)."""
    claim_id = d.claim.id if d.claim else None
    if d.claim is not None and (fixed := respelled(d.text, _sources(job, d.claim))) != d.text \
            and not _reasons(job, fixed, d.keys, d.claim)[0]:
        return Sentence(text=fixed, keys=_needed(job, fixed, d.keys), claim_id=claim_id,
                        status=SentenceStatus.REPAIRED)
    # A second try of the embedded model is not made: it kept 1 of 48 (_rewrite_claims).
    if not job.claim_by_claim:
        text, keys = _repair_call(job, d, reasons)
        if not _reasons(job, text, keys, None)[0]:
            return Sentence(text=text, keys=_needed(job, text, keys), claim_id=claim_id,
                            status=SentenceStatus.REPAIRED)
    if job.show_unsupported:
        return Sentence(text=d.text, keys=d.keys, claim_id=claim_id,
                        status=SentenceStatus.UNSUPPORTED, reasons=reasons)
    if d.claim is not None:
        return planned(job, d.claim)
    return None


_SPELT = re.compile(r"[^\W\d_][\w\-]*")


def respelled(text: str, sources: Sequence[str]) -> str:
    """The text with each word that no source uses, and that is one edit from exactly one
    word of the claim (the first source), written as the claim writes it.

    A small model copies names and long words letter by letter and slips: on the
    example it wrote "formsulates" for "formulates", "ProtLML" for ProtLLM and "(OPB)"
    for "(OPO)", and the whole sentence failed for one word. The edit is one insertion,
    deletion, substitution or swap of neighbours (two for words of eight letters or
    more, the verifier's own reach for a corruption: spelling.LONG); a word within reach of
    two of the claim's words, or of none, is left as it is for the verifier to judge. The
    repaired sentence is verified again like any other."""
    from rapidfuzz.distance import OSA

    known = {w.casefold() for source in sources for w in _SPELT.findall(source)}
    claim_words = list(dict.fromkeys(_SPELT.findall(sources[0]))) if sources else []

    def fix(match: re.Match[str]) -> str:
        word = match[0]
        if len(word) < 3 or word.casefold() in known:
            return word
        reach = 1 if len(word) < LONG else 2
        near = [w for w in claim_words if OSA.distance(word, w) <= reach]
        return near[0] if len(near) == 1 else word

    return _SPELT.sub(fix, text)


def _repair_call(job: Job, d: _Draft, reasons: list[str]) -> tuple[str, list[str]]:
    """One structured call with the sentence, the reasons, the claim and the papers."""
    number = {k: i for i, k in enumerate(d.papers, 1)}
    # The papers the sentence cites and its claim's, under their numbers in the section:
    # the rest of the section's papers are no part of this sentence (all of them when it
    # cites none the section knows and has no claim).
    wanted = {*d.keys, *(d.claim.keys if d.claim else ())}
    shown = [k for k in d.papers if k in wanted] or d.papers
    claims = [d.claim] if d.claim else []
    prompt = load_prompt("repair").render(
        owner=job.facts.owner, sentence=d.text, reasons="\n".join(f"- {r}" for r in reasons),
        claim=_claim_line(d.claim, number) if d.claim else "(none)",
        papers=_notes(job, shown, number, claims, "full", numbered=False))
    fixed = job.llm.structured(f"repair {d.claim.id if d.claim else 'sentence'}", prompt,
                               WrittenSentence, REPAIR_PARAMS)
    redraft = _draft(fixed, Section(id="", title="", claims=[d.claim] if d.claim else []),
                     d.papers)
    return redraft.text, redraft.keys if fixed.papers or d.claim else d.keys


def planned(job: Job, claim: Claim, status: SentenceStatus = SentenceStatus.REPLACED
            ) -> Sentence | None:
    """A claim's own wording, verified like any sentence (a failure here is a planner bug):
    REPLACED where it stands in for a model's sentence, PLANNED where no model was asked."""
    check = job.verifier.check(claim.text, claim.keys)
    if not check.supported:
        log.warning("planned claim %s failed verification: %s", claim.id, "; ".join(check.reasons))
        return None
    return Sentence(text=claim.text, keys=_needed(job, claim.text, claim.keys),
                    claim_id=claim.id, status=status)


def _needed(job: Job, text: str, keys: list[str]) -> list[str]:
    """The citations a verified sentence needs: each one without which it still verifies
    is dropped (last first), so no citation is there for show. A paper whose year the
    sentence names stays: it is where a reader checks "from 2019 to 2026"."""
    years = {int(y) for y in _YEAR.findall(text)}
    kept = list(keys)
    for key in reversed(keys):
        paper = job.papers.get(key)
        if paper is not None and paper.year in years:
            continue
        rest = [k for k in kept if k != key]
        if rest and job.verifier.check(text, rest).supported:
            kept = rest
    return kept


_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def tally(sentences: Iterable[Sentence]) -> Tally:
    """Count the sentences by how they got into the output."""
    counts = {s: 0 for s in SentenceStatus}
    for sentence in sentences:
        counts[sentence.status] += 1
    return Tally(supported=counts[SentenceStatus.SUPPORTED],
                 repaired=counts[SentenceStatus.REPAIRED],
                 replaced=counts[SentenceStatus.REPLACED],
                 planned=counts[SentenceStatus.PLANNED],
                 unsupported=counts[SentenceStatus.UNSUPPORTED])


def _dedupe_sentences(sentences: list[Sentence]) -> list[Sentence]:
    """A small model repeats itself; a sentence said twice is said once."""
    seen: set[str] = set()
    out = []
    for s in sentences:
        norm = " ".join(s.text.casefold().split())
        if norm not in seen:
            seen.add(norm)
            out.append(s)
    return out


def _checked_title(job: Job, title: str, section: Section) -> str:
    """The model's name for a section when the section's papers bear it out, else the plan's."""
    title = title.strip().strip('."')
    if not title or len(title.split()) > 8:
        return section.title
    keys = _paper_keys(section)
    check = job.verifier.check(title, keys)
    return title if check.supported else section.title


# --- tasks --------------------------------------------------------------------


# A bio shorter than this share of the words asked is said to be, with why.
_BIO_SHORT = 0.85


def write_bio(job: Job, words: int = 150) -> Composition:
    """A third-person bio of about `words` words; when the record has too little true to
    say for that many, it is shorter rather than padded, and a warning says so."""
    job.rename_lines()
    composition = compose(job, "bio", _bio_tasks(job, words))[0]
    written = sum(len(s.text.split()) for sec in composition.sections for s in sec.sentences)
    if written < _BIO_SHORT * words:
        bare = sum(1 for p in job.profile.papers if not p.abstract.strip())
        why = (f"; {bare} of its {len(job.profile.papers)} papers have no abstract to say "
               "what they do" if bare else "")
        log.warning("the record supports a bio of about %d words, not %d: it says no more "
                    "than the record holds%s", written, words, why)
    return composition


def write_trajectory(job: Job) -> Composition:
    """How the work moved from phase to phase."""
    job.rename_lines()
    tasks = _trajectory_tasks(job)
    if not tasks:
        return _uncovered("trajectory", f"The record of {job.facts.owner} has no dated papers, "
                                        "so it shows no trajectory.")
    return compose(job, "trajectory", tasks)[0]


def write_topics(job: Job) -> Composition:
    """A named narrative paragraph per line of work."""
    job.rename_lines()
    tasks = _topic_tasks(job)
    if not tasks:
        return _uncovered("topics", f"The record of {job.facts.owner} has no papers to group "
                                    "into lines of work.")
    composition, titles = compose(job, "topics", tasks)
    return _retitled(composition, titles)


def _bio_tasks(job: Job, words: int) -> list[_Task]:
    outline = job.planner.bio(words)
    return [_Task(s, "write_bio", {"words": str(words)}) for s in outline.sections]


def _trajectory_tasks(job: Job) -> list[_Task]:
    outline = job.planner.trajectory()
    tasks = []
    previous = "none; this is the first phase"
    for section in outline.sections:
        tasks.append(_Task(section, "write_trajectory",
                           {"phase": section.title, "previous": previous}))
        # The template ends the phase before with its own full stop.
        previous = section.claims[0].text.rstrip(".") if section.claims else section.title
    return tasks


def _topic_tasks(job: Job) -> list[_Task]:
    outline = job.planner.topics()
    return [_Task(s, "write_topic", {"keywords": s.title}) for s in outline.sections]


def _retitled(composition: Composition, titles: list[str]) -> Composition:
    for section, title in zip(composition.sections, titles):
        section.title = title
    return composition


def write_about(job: Job, kind: str, topic: str, cite: CiteStyle | None = None
                ) -> Composition:
    """A grant prior-work or paper-introduction paragraph on the papers relevant to a topic
    (agent/paragraphs.py plans it: the problem, the contributions, where they leave it),
    with the references of the papers it cites and how it cites them when rendered."""
    hits = job.retriever.related(topic)
    if not hits:
        # Where no paper uses a word of the topic, that is all the record shows (a record
        # on fact-checks and rumours is on "misinformation on social media" in other words).
        found = (capitalized(no_word_said(job.facts.owner, _quoted(topic)))
                 if job.retriever.unknown(topic) else
                 f"The record of {job.facts.owner} holds no papers on {_quoted(topic)}")
        return _uncovered(kind, f"{found}; nothing was written, rather than invent prior "
                                "work.")
    outline = paragraph(job.planner, kind, [h.key for h in hits], topic)
    composition = compose(job, kind, [_Task(s, f"write_{kind}", {"topic": topic})
                                      for s in outline.sections])[0]
    cited = {k for section in composition.sections for s in section.sentences for k in s.keys}
    composition.references = [r for r in references(job.profile) if r.key in cited]
    composition.cite = cite
    return composition


# ", and what is the database?": a second question joined to the first, asked with a
# question word of its own (not ", and over what period?", which qualifies the first).
_SECOND_QUESTION = re.compile(r",\s+and\s+(?=(?:what|which|when|where|who|whom|whose|why|how)\b)",
                              re.I)


def ask(job: Job, question: str, previous: Sequence[str] | None = None) -> Composition:
    """An answer: exact from the fact sheet when it is a question of fact, else planned for
    its kind of question (agent/questions.py, agent/answers.py) and verified. Two questions
    joined by ", and what ..." are answered one after the other.

    previous: the papers the previous answer was about, for a follow-up ("which of those
    have code?"); the composition's answer_keys give this answer's, for the next one."""
    from agent.fact_questions import answer_from_facts

    parts = [p.strip(" ?") for p in _SECOND_QUESTION.split(question.strip())]
    whole = None
    if previous is None and len(parts) == 2 and all(len(p.split()) >= 3 for p in parts) \
            and not _REFERS_BACK.search(parts[1]) and (whole := answer_from_facts(
                question, job.profile, job.facts, job.retriever)) is None:
        # No rule of fact reads the two at once ("Is she ever sole author, and what does
        # her position in author lists mean?" is one): each is asked on its own.
        first, second = (_ask_one(job, f"{p[:1].upper()}{p[1:]}?") for p in parts)
        sentences = _dedupe_sentences([*first.sections[0].sentences,
                                       *second.sections[0].sentences])
        joined = _answer(first.question_kind or "", sentences, [*first.drafts, *second.drafts],
                         [*first.answer_keys, *second.answer_keys])
        joined.tally = joined.tally.add(Tally(removed=first.tally.removed
                                              + second.tally.removed))
        return joined
    return _ask_one(job, question, previous, whole)


# A second question that points back at the first ("..., and what does it argue?") is
# one question: the rules that read it whole answer both parts.
_REFERS_BACK = re.compile(r"\b(?:it|its|they|them|their|this|that|these|those|such)\b", re.I)


def _ask_one(job: Job, question: str, previous: Sequence[str] | None = None,
             fact_found: FactAnswer | None = None) -> Composition:
    """ask() of one question; fact_found: its answer of fact, where ask() found it already."""
    from agent.fact_questions import answer_from_facts
    from agent.questions import QuestionKind, classify

    answerer = job.answerer
    asked = classify(question, job.facts.owner, answerer.works(), job.facts.last_year)
    scoped = previous is not None and asked.follow_up
    fact = None if scoped else fact_found or answer_from_facts(question, job.profile,
                                                               job.facts, job.retriever)
    if scoped:
        fact = answer_from_facts(question, *_scoped(job, previous), None)
    # Counts, roles and lists come straight from the fact sheet, and are verified like any
    # sentence all the same, so that none is shown that `verify` would reject (a reading
    # the verifier lacks, evals/fact_answers.py). An answer about a topic repeats the
    # question's own words: one that says more than the record bears out ("... in
    # earnest") gives way to the plans. A follow-up's counts are of the previous answer's
    # papers, which the verifier of the whole record cannot check; its topic is checked.
    if fact is not None and (not scoped or fact.question_kind == "topic_start"):
        # Its first sentence answers; one after it that the record does not bear out is
        # dropped, and the answer stands when what is left does. Only an answer on the
        # user's topic gives way whole: the plans of a count would answer another question
        # ("holds no papers on many"), so a count whose reading the verifier lacks stays.
        verified = [s for s in fact.sentences if job.verifier.check(s.text, s.keys).supported]
        if verified and verified[0] is fact.sentences[0]:
            fact = fact.model_copy(update={"sentences": verified})
        elif fact.question_kind == "topic_start":
            fact = None
        else:
            log.warning("a fact answer the verifier cannot read is kept as the record gives "
                        "it: %s", fact.sentences[0].text)
            fact = fact.model_copy(update={"sentences": [fact.sentences[0], *verified]})
    if fact is not None:
        sentences = [s.model_copy() for s in fact.sentences]
        if scoped:  # its counts are of the previous answer's papers, not of the record
            for s in sentences:
                s.text = s.text.replace(" in this record", " among those")
        return _answer(QuestionKind.FACT, sentences, [], [k for s in sentences for k in s.keys])
    # A question no rule recognised is read by an endpoint's model, when the record holds
    # anything it could be about (else there is nothing to find, and no call is made).
    if asked.kind is QuestionKind.OPEN and job.llm.backend.kind == "remote" and \
            not job.plan_only and job.retriever.covers(question):
        asked = _read_by_model(job, asked)
    plan = answerer.plan(asked, previous)
    if plan.empty:
        return _answer(plan.kind, [_unanswered(job)], [], [])
    head = [_record_sentence(text, keys) for text, keys in plan.verdict]
    # The lead ("From 2024 to 2026, the 3 papers include work on cells") is the planner's
    # own, asked of no model: planned, not a replacement for a model's sentence.
    head += [s for c in _numbered(plan.lead, "a")
             if (s := planned(job, c, SentenceStatus.PLANNED)) is not None]
    body, drafts, removed = [], [], len(plan.lead) - (len(head) - len(plan.verdict))
    if plan.body:
        section = Section(id="answer", title="Answer", claims=_numbered(plan.body, "c"),
                          context_keys=plan.keys[:8])
        composed = compose(job, "ask", [_Task(section, "answer", {"question": question})])[0]
        body = [s for sec in composed.sections for s in sec.sentences]
        drafts, removed = composed.drafts, removed + composed.tally.removed
    sentences = _dedupe_sentences(head + body)
    if not sentences:
        sentences = [_unanswered(job)]
    answer = _answer(plan.kind, sentences, drafts, plan.keys)
    answer.tally = answer.tally.add(Tally(removed=removed))
    return answer


def _read_by_model(job: Job, asked: Question) -> Question:
    """A question no rule recognised, read by the endpoint's model (one cached call); its
    reading is kept only where it holds (agent/questions.py, read_by_model). The embedded
    135M model is not asked: it cannot tell a list from a yes/no question reliably."""
    from agent.questions import QuestionReading, read_by_model

    prompt = load_prompt("read_question").render(owner=job.facts.owner, question=asked.text)
    try:
        reading = job.llm.structured("read question", prompt, QuestionReading, READ_PARAMS)
    except StructuredOutputError as exc:
        log.warning("the model's reading of the question was not usable: %s", exc)
        return asked
    return read_by_model(asked, reading)


def _scoped(job: Job, keys: Sequence[str]) -> tuple[Profile, FactSheet]:
    """The profile cut to the previous answer's papers, with its own fact sheet, so that a
    follow-up's counts are counts of those papers."""
    from agent.analyze import analyze

    wanted = set(keys)
    profile = job.profile.model_copy(update={"papers": [p for p in job.profile.papers
                                                        if p.key in wanted]})
    return profile, analyze(profile)


def _numbered(claims: Sequence[Claim], prefix: str) -> list[Claim]:
    return [c.model_copy(update={"id": f"{prefix}{i}"}) for i, c in enumerate(claims, 1)]


def _unanswered(job: Job) -> Sentence:
    """The answer when no paper of the record matches the question."""
    return _record_sentence(f"The record of {job.facts.owner} does not answer this: no "
                            "paper in it matches the question.")


def _record_sentence(text: str, keys: Sequence[str] = ()) -> Sentence:
    """A statement computed from the record (what it holds or lacks, a count), exact like
    the fact answers; it cites the papers it counts, if any. No model wrote it: planned."""
    return Sentence(text=text[:1].upper() + text[1:], keys=list(keys),
                    status=SentenceStatus.PLANNED)


def _answer(kind: str, sentences: list[Sentence], drafts: list[Draft], keys: Sequence[str]
            ) -> Composition:
    return Composition(task="ask", sections=[ComposedSection(
        id="answer", title="Answer", sentences=sentences)], tally=tally(sentences),
        drafts=drafts, question_kind=str(kind), answer_keys=list(dict.fromkeys(keys)))


def _quoted(user_text: str) -> str:
    """A user's topic as it may appear in an output: one line, no citation markers, short,
    in quotes, so it reads as their words and never as a claim of ours."""
    line = re.sub(r"\[[^\]]*\]", "", user_text.strip().splitlines()[0] if user_text.strip()
                  else "")
    line = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0].strip(" .!?")
    return f"\u201c{line[:80].rstrip()}{'…' if len(line) > 80 else ''}\u201d"


def _uncovered(task: str, text: str) -> Composition:
    """An honest empty answer: a statement about the record, citing nothing."""
    sentence = _record_sentence(text)
    return Composition(task=task, sections=[ComposedSection(id=task, title="",
                                                            sentences=[sentence])],
                       tally=Tally(planned=1))


def report(job: Job, bio_words: int = 150) -> Report:
    """Bio, trajectory and topics written together, plus the digest table and references."""
    job.digests_while_renaming()
    with job.planner.one_document():  # planned in reading order
        tasks = {"bio": _bio_tasks(job, bio_words), "trajectory": _trajectory_tasks(job),
                 "topics": _topic_tasks(job)}
    composed = compose_many(job, tasks)
    bio, trajectory = composed["bio"][0], composed["trajectory"][0]
    topics = _retitled(*composed["topics"])
    digests, digest_tally = verified_digests(job)
    total = bio.tally.add(trajectory.tally).add(topics.tally).add(digest_tally)
    return Report(owner=job.profile.name, source=job.profile.source, as_of=job.profile.as_of,
                  model=job.llm.backend.model, facts=job.facts, bio=bio, trajectory=trajectory,
                  topics=topics, digests=digests, references=references(job.profile),
                  tally=total)


def verified_digests(job: Job, papers: Iterable[Paper] | None = None
                     ) -> tuple[list[PaperDigest], Tally]:
    """Each digest checked against its paper, by date, sentence by sentence as `verify`
    reads it: a field that says nothing, or any of whose sentences fails the verifier,
    gives way to the abstract's own words (contribution) or to nothing (method, result);
    keywords the paper never uses are dropped."""
    out, counts = [], Tally()
    for paper in by_date(job.profile.papers if papers is None else papers):
        digest = job.digests[paper.key]
        fields: dict[str, object] = {}
        for name, fallback in zip(_DIGEST_FIELDS, (_opening(paper), "", "")):
            text = getattr(digest, name).strip()
            if not text:
                fields[name] = text
            elif digest.from_abstract:
                # The abstract's own words, no model's: its opening stands in as it is, the
                # paper's own account if it verifies; counted as planned either way.
                fields[name] = text if text == fallback or _verified(job, text, paper) \
                    else fallback
                counts = counts.add(Tally(planned=1) if fields[name] else Tally(removed=1))
            elif (_says_something(text, paper) and not _is_title(text, paper)
                  and _verified(job, text, paper)):
                fields[name] = text
                counts = counts.add(Tally(supported=1))
            else:
                fields[name] = fallback
                counts = counts.add(Tally(replaced=1) if fallback else Tally(removed=1))
        fields["keywords"] = [k for k in digest.keywords if job.planner.paper_uses(paper, k)]
        out.append(digest.model_copy(update=fields))
    return out, counts


# A digest's fields that the papers table shows and verified_digests checks, in order.
_DIGEST_FIELDS = ("contribution", "method", "key_result")


def _verified(job: Job, text: str, paper: Paper) -> bool:
    """Every sentence of a digest field passes the verifier against its paper."""
    return all(job.verifier.check(sentence, [paper.key]).supported
               for sentence in _field_sentences(text))


def _field_sentences(text: str) -> list[str]:
    """The sentences of a digest field as _verified checks them (and Job._check_digest_soon
    starts checking them), markers apart."""
    return [sentence for sentence, _ in split_citations(text)]


# A digest sentence needs this many words of three letters or more to say anything:
# "][" or "[1]" passes the verifier, since it claims nothing, but it is no digest.
_MIN_DIGEST_WORDS = 4


def _is_title(text: str, paper: Paper) -> bool:
    """A digest field that only repeats the title tells the reader nothing new, with a
    year or number put before it ("[2026] Title") or not."""
    def fold(t: str) -> str:
        return " ".join(w for w in re.findall(r"\w+", t.casefold()) if not w.isdigit())
    return fold(text) == fold(paper.title)


# The debris of a small model's broken JSON or XML: braces, and tags such as <method>.
_DEBRIS = re.compile(r"[{}]|</?[A-Za-z_][\w-]*>")


def _says_something(text: str, paper: Paper) -> bool:
    """Enough words to say anything, and no markup debris the paper itself does not have."""
    if _DEBRIS.search(text) and not _DEBRIS.search(f"{paper.title} {paper.abstract}"):
        return False
    return len(re.findall(r"[^\W\d_]{3,}", text)) >= _MIN_DIGEST_WORDS


def references(profile: Profile) -> list[Reference]:
    """Every paper of the profile, by date, as the references list shows it."""
    return [Reference(key=p.key, authors=p.authors, authors_truncated=p.authors_truncated,
                      title=p.title, venue=p.venue or _issued_at(p), year=p.year,
                      category=p.category,
                      has_code=p.has_code,
                      urls=p.urls) for p in by_date(profile.papers)]


def _issued_at(paper: Paper) -> str | None:
    """Where a work with no venue was issued: "Thesis, Orsholt University"."""
    if not paper.institution:
        return None
    kind = {"thesis": "Thesis", "report": "Report"}.get(paper.kind or "")
    return f"{kind}, {paper.institution}" if kind else paper.institution


# Longer than any sentence worth a table cell; an abstract without full stops is cut here.
_OPENING_CHARS = 300


def _opening(paper: Paper) -> str:
    """The abstract's first sentence that is no definition (a mathematics abstract may open
    "Let X be the number of triangles in G(n, p)"), else its first; cut at a word if it
    runs on; the title if none. Nothing when that sentence comes before the abstract turns
    to its own work and tells what the field holds or does (_BACKGROUND): "High-temperature
    annealing has been reported to reduce surface loss ..." is the field's claim (which the
    paper went on to refute), not its contribution, and a row says nothing sooner than
    that. An opening that tells the work in other words stays ("A highly enantioselective
    transfer hydrogenation ... is described", "dengueforecast is an open-source R
    package ...")."""
    every = list(sentence_texts(paper.abstract))
    sentences = [s for s in every
                 if not _DEFINITION.match(s) and not _POINTING.match(s)
                 and not EARLIER_OWN.match(s) and not NOTICE_HEADER.match(s)]
    first = _first_sentence(" ".join(sentences)) or _first_sentence(paper.abstract) \
        or paper.title
    own = turn(every)
    background = _BACKGROUND.search(first)
    if background and own is None and background[0].lower() in ("has been", "have been"):
        background = None  # "An enantioselective ... reaction has been developed": the work
    if (own is None or first in every[:own]) and background:
        # The next sentence before the turn may tell the work without a "we" ("In a
        # preregistered survey experiment with 6,020 adults in Mexico and Peru,
        # respondents saw ..."); an abstract that never turns, every sentence after ("In
        # Experiment 1, 48 adults tapped to 30 excerpts ..."); else the row says nothing
        # sooner than the field's claim.
        first = next((s for s in every[every.index(first) + 1:
                                       len(every) if own is None else own + 1]
                      if s in sentences and is_finding(s) and not _BACKGROUND.search(s)
                      and not OWN_WORK.search(s) and not dangling(s)), "")
        if not first:
            return ""
    if len(first) <= _OPENING_CHARS:
        return first
    return first[:_OPENING_CHARS].rsplit(" ", 1)[0] + " …"


# What an abstract's opening says of the field before it turns to its own work: what is
# usual, assumed, reported, claimed or missing ("is often assumed", "usually assesses",
# "Most MPC schemes assume", "rarely report failures", "are increasingly specified").
_BACKGROUND = re.compile(
    r"\b(?:often|usually|typically|rarely|seldom|commonly|widely|increasingly|traditionally|"
    r"generally|frequently|has been|have been|is assumed|are assumed|promises?|little is known|"
    r"few|claims? that|argue that|is used|are used|is thought|are thought)\b|^most\b", re.I)
# A sentence that opens by pointing to the one before ("Previously this was known only
# when ..."): alone in a cell, it points nowhere.
_POINTING = re.compile(r"^(?:previously,?\s+|however,?\s+)?(?:this|these|those|it|they|such)\b",
                       re.I)
# A sentence that defines the terms a mathematics abstract goes on to use: "Let G be ...",
# "A graph is r-degenerate if ...", "For a graph H, the Ramsey–Turán number ... is the
# maximum number of edges ...". It says nothing of what the paper does.
_DEFINITION = re.compile(
    r"^(?:let|suppose|denote|given)\b"
    r"|^(?:for (?:a|an|each|every|any|all) [^,]{1,60},\s+)?(?:the|a|an)\s[^.;]{1,120}?\b"
    r"(?:is|are)\s+(?:called|said to be|defined as|the (?:maximum|minimum|largest|smallest|"
    r"number|set))\b"
    r"|^(?:an?|the)\s[^.;]{1,80}?\b(?:is|are)\s+(?:said to be\s+)?[\w-]+(?:\s+[\w-]+)?\s+if\b",
    re.I)


def _first_sentence(text: str) -> str:
    """The abstract's first sentence that states a finding (the verifier's splitter knows
    "e.g." and "et al."; an instruction planted in the abstract is passed over)."""
    return next((s for s in sentence_texts(text) if is_finding(s)), "")


def _counter(progress: Progress, step: str, total: int) -> Callable[[str], None]:
    """A thread-safe "step i/N item" reporter."""
    done = 0
    lock = threading.Lock()

    def tick(item: str) -> None:
        nonlocal done
        with lock:
            done += 1
            count = done
        progress(f"{step} {count}/{total} {item}".rstrip())

    return tick
