"""Pydantic records passed between the steps: Profile, Paper and what the parser reports."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from agent.modes import CiteStyle


class Record(BaseModel):
    """Base of every record: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid")


class DatePrecision(str, Enum):
    """How much of a paper's date the source actually states."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class OwnerPosition(str, Enum):
    """Where the profile owner stands in a paper's author list."""

    FIRST = "first"
    MIDDLE = "middle"
    LAST = "last"
    SOLE = "sole"
    # Not among the visible authors, and the list is cut short by "et al.".
    UNKNOWN = "unknown"
    # Not among the authors of a complete list: the source contradicts itself.
    ABSENT = "absent"
    # Among the editors of a work the source names no author of (an edited volume): the
    # owner wrote none of it as an author, first, last or sole.
    EDITOR = "editor"


class Paper(Record):
    """One publication as the input states it; nothing here is inferred by a model."""

    key: str = Field(description="Stable readable citation key, e.g. chi2020infoxlm.")
    title: str
    date: dt.date | None = Field(None, description="ISO date; see date_precision.")
    date_precision: DatePrecision = DatePrecision.UNKNOWN
    year_inferred: bool = Field(
        False, description="The source gave no year; it was taken from the capture date."
    )
    category: str | None = Field(None, description="Category code as printed: CL, LG, AI, ...")
    has_code: bool = False
    authors: list[str] = Field(default_factory=list, description="The visible author list.")
    authors_truncated: bool = Field(False, description='The list ends in "et al.".')
    edited: bool = Field(False, description="The names listed are the work's editors: the "
                         "source names no author (an edited volume).")
    affiliations: list[str] = Field(default_factory=list)
    abstract: str = ""
    urls: list[str] = Field(default_factory=list, description="URLs found in the abstract.")
    venue: str | None = Field(None, description="Where the work appeared, as the source names "
                              "it (a journal, proceedings, arXiv); None when it does not say.")
    institution: str | None = Field(None, description="The university a thesis was written "
                                    "for, or the institution that issued a report, as the "
                                    "source names it (BibTeX's school, CSL's publisher).")
    kind: str | None = Field(None, description="What kind of work the source says it is: "
                             "article, book, chapter, thesis, conference paper, preprint, "
                             "dataset, review, report; None when it does not say.")
    owner_position: OwnerPosition = OwnerPosition.UNKNOWN
    source_line: int | None = Field(None, description="Line of the input where the paper starts.")

    @property
    def year(self) -> int | None:
        """The publication year, when known."""
        return self.date.year if self.date else None


class ParseIssue(Record):
    """Something in the input the parser could not take as written."""

    line: int | None = None
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class Profile(Record):
    """A researcher and their papers, as parsed from one input."""

    name: str
    primary_category: str | None = None
    h_index: int | None = None
    citations: int | None = None
    claimed_paper_count: int | None = Field(
        None, description='The paper count the source states ("36 Papers").'
    )
    novelty_pct: int | None = None
    ai_score_pct: int | None = None
    as_of: dt.date = Field(description="Capture date; dates without a year are resolved with it.")
    source: str | None = Field(None, description="Where the profile was read from.")
    source_format: str | None = None
    papers: list[Paper] = Field(default_factory=list)
    issues: list[ParseIssue] = Field(
        default_factory=list, description="Warnings raised while parsing; empty for clean input."
    )


class DigestAnswer(Record):
    """What the model is asked for about one paper (the schema of the digest call)."""

    # Lengths are bounded so a small model's grammar-constrained answer cannot run on
    # until it is cut off; a strong model never comes near them.
    contribution: str = Field(max_length=500, description="One sentence: what the paper "
                              "contributes.")
    method: str = Field(max_length=500, description="One sentence: how it does it.")
    key_result: str = Field("", max_length=500,
                            description="The main result as stated; empty if none.")
    keywords: list[Annotated[str, StringConstraints(max_length=60)]] = Field(
        default_factory=list, max_length=8)


class PaperDigest(DigestAnswer):
    """A paper's digest, tied to its key."""

    key: str
    from_abstract: bool = Field(
        False, description="The model's answer could not be used; the abstract's own words "
                           "stand in for it.")


class YearCount(Record):
    """How many papers carry one publication year."""

    year: int
    count: int


class CategoryCount(Record):
    """How many papers carry one category code."""

    category: str
    count: int


class Topic(Record):
    """A line of work: papers that read alike, named by a phrase they use."""

    id: str = Field(description='"t1", "t2", ... ordered by first year, then size.')
    label: str = Field(description="The line's name: a phrase at least two of its papers use "
                                   "(titles first); no model wrote it. Keywords joined only "
                                   "when no phrase is shared.")
    keywords: list[str]
    paper_keys: list[str]
    first_year: int | None = None
    last_year: int | None = None
    other: bool = Field(default=False, description="Papers that fit no line of work: told as "
                                                   "other work, never named as a line.")
    named: bool = Field(default=False, description="The label is a phrase its papers share.")
    named_by: str | None = Field(default=None, description="The model that proposed the label "
                                 "(agent/line_names.py), when one did; None: the label is the "
                                 "phrase agent/topics.py found.")
    cohesion: float | None = Field(default=None, description="Mean similarity of the line's "
                                   "papers to each other, over the profile's baseline.")


class Phase(Record):
    """A year range in which the dominant line of work holds."""

    start_year: int
    end_year: int
    topic_ids: list[str] = Field(description="Topics of the phase's papers, most papers first.")
    paper_keys: list[str]


class Collaborator(Record):
    """A co-author and the papers they share with the owner (visible authors only)."""

    name: str
    papers: int
    paper_keys: list[str]


class KeyFigure(Record):
    """A number stated in an abstract, with the words that say what it measures."""

    paper_key: str
    text: str = Field(description='The number and its context, e.g. "28% lower inference latency".')
    value: str = Field(description='The number token as written, e.g. "28%".')


class FactSheet(Record):
    """What the analysis finds in a profile; exact, computed without a model."""

    owner: str
    paper_count: int
    first_year: int | None = None
    last_year: int | None = None
    papers_per_year: list[YearCount] = Field(default_factory=list)
    papers_per_category: list[CategoryCount] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    first_author_keys: list[str] = Field(default_factory=list)
    last_author_keys: list[str] = Field(default_factory=list)
    sole_author_keys: list[str] = Field(default_factory=list)
    middle_author_keys: list[str] = Field(default_factory=list)
    unknown_position_keys: list[str] = Field(
        default_factory=list, description='Owner hidden behind "et al.": no role claim holds.')
    absent_keys: list[str] = Field(
        default_factory=list, description="Owner missing from a complete author list.")
    alphabetical_authors: bool = Field(
        False, description="The author lists are in alphabetical order (mathematics, much of "
        "economics): being first says nothing of who led a paper.")
    top_collaborators: list[Collaborator] = Field(default_factory=list)
    affiliations: list[str] = Field(
        default_factory=list, description="Distinct, most frequent first, then by name.")
    code_available_keys: list[str] = Field(default_factory=list)
    key_figures: list[KeyFigure] = Field(default_factory=list)


# --- Composition: the outline the facts dictate, and the sentences that come back ---


class Claim(Record):
    """One thing an output will say, planned from the facts, with the papers behind it."""

    id: str = Field(description='"c1", "c2", ... unique within an outline.')
    text: str = Field(description="The planned wording: faithful by construction, and the "
                      "fallback when the model's sentence cannot be verified.")
    keys: list[str] = Field(default_factory=list, description="Paper keys that support it.")
    predicate: str | None = Field(None, description="What one paper does, the verb phrase the "
                                  "text ends with (before its full stop): the part the "
                                  "embedded model may reword; the rest is the planner's.")

    @field_validator("text")
    @classmethod
    def _opens_with_a_capital(cls, text: str) -> str:
        """A sentence opens with a capital: "van den Heuvel is first author" is written
        "Van den Heuvel is ..." there. Only a first word all in small letters: "mT5" and
        "scRNA-seq" are names that keep their case."""
        first = text.split(" ", 1)[0]
        return text[:1].upper() + text[1:] if first.isalpha() and first.islower() else text

    @property
    def frame(self) -> str | None:
        """The text before the predicate ('"T" (2019), with Chi as first author,'), or None
        when the claim has no predicate it ends with."""
        if not self.predicate or not self.text.endswith(f" {self.predicate}."):
            return None
        return self.text[: -len(self.predicate) - 2]


class Section(Record):
    """A part of an output (the bio, one phase, one topic) and the claims it makes."""

    id: str
    title: str
    claims: list[Claim] = Field(default_factory=list)
    context_keys: list[str] = Field(
        default_factory=list, description="Papers whose digests the writer may draw on.")


class Outline(Record):
    """What a task will say, before any model writes it."""

    task: str
    sections: list[Section] = Field(default_factory=list)


class Evidence(Record):
    """What one clause of a sentence was judged against: a span of a cited paper."""

    key: str = Field(description="The paper the span is from.")
    field: str = Field(description='"title", "abstract" or "record" (authors, venue, date).')
    text: str = Field(description="The span: the title, or abstract sentences.")
    clause: str = Field("", description="The clause of the sentence this span supports.")
    score: float = Field(0.0, description="How much of the clause's meaning the span carries, "
                                          "0 to 1.")


class JudgeVerdict(Record):
    """A model's entailment verdict on a sentence whose support the rules left uncertain."""

    supported: bool
    span: str = Field("", description="The evidence the judge quoted for its verdict.")
    model: str = ""
    valid: bool = Field(True, description="False when the answer was malformed or quoted no "
                                          "span of the evidence; the rules' verdict then stands.")


class Check(Record):
    """The verifier's finding on one sentence, with its reasons."""

    supported: bool
    reasons: list[str] = Field(default_factory=list, description="Why not; empty if supported.")
    cited_keys: list[str] = Field(default_factory=list, description="Cited keys that exist.")
    unknown_keys: list[str] = Field(default_factory=list, description="Cited keys that do not.")
    supporting_keys: list[str] = Field(
        default_factory=list,
        description="Papers that best support the sentence, cited or not: the attribution of an "
                    "uncited sentence, or the right papers for a misattributed one.")
    kinds: list[str] = Field(
        default_factory=list,
        description='What kind of error each reason names, for machines: "unknown_citation", '
                    '"uncited", "number", "year", "date", "quote", "entity", "merged", '
                    '"polarity", "negation", "contrast", "lexical", "clause", "role", '
                    '"collaborator", "affiliation", "venue", "count", "span", "statistic", '
                    '"misattribution", "direction", "scope", "spelling", "splice", "judgement", "honour", '
                    '"absence", "artifact", "judge"; one per distinct kind, in the order found.')
    support: float | None = Field(
        None, description="The support tier's score, 0 to 1: how much of the sentence's meaning "
                          "the aligned evidence carries. None when no support check ran.")
    uncertain: bool = Field(
        False, description="The exact checks pass and the support score is near its threshold: "
                           "a model judge, if one is configured, decides.")
    evidence: list[Evidence] = Field(default_factory=list)
    judge: JudgeVerdict | None = None


class SentenceStatus(str, Enum):
    """How a sentence of an output came to be there."""

    SUPPORTED = "supported"      # the model's sentence, verified
    REPAIRED = "repaired"        # a miscopied word put back, or regenerated once with the
                                 # reasons; then verified
    REPLACED = "replaced"        # the planned claim's own wording, where the model's failed
                                 # or left the claim out
    PLANNED = "planned"          # the planner's or the abstract's own wording, where no model
                                 # was asked to write it (--writing plan, the claims the
                                 # embedded model is not given, digests taken from abstracts)
    UNSUPPORTED = "unsupported"  # kept, marked, only with --show-unsupported


class Sentence(Record):
    """One sentence of an output and the papers it cites."""

    text: str = Field(description="Without citation markers.")
    keys: list[str] = Field(default_factory=list)
    claim_id: str | None = None
    status: SentenceStatus = SentenceStatus.SUPPORTED
    reasons: list[str] = Field(default_factory=list)


class WrittenSentence(Record):
    """One sentence as the model returns it (the schema of the writing calls)."""

    # Every field is required and bounded: a grammar built from this schema then makes
    # even a small model write a sentence and its numbers, and stop.
    text: str = Field(max_length=600, description="One sentence of prose, without citation "
                      "markers.")
    claims: list[int] = Field(max_length=8, description="Numbers of the claims it says.")
    papers: list[int] = Field(max_length=8, description="Numbers of the papers it rests on.")


class Written(Record):
    """A section as the model returns it."""

    title: str = Field(max_length=80, description='A short name when the task asks for one, '
                       'else "".')
    sentences: list[WrittenSentence] = Field(min_length=1, max_length=12)


class ComposedSection(Record):
    """A section of an output after verification."""

    id: str
    title: str
    sentences: list[Sentence] = Field(default_factory=list)


class Tally(Record):
    """How the sentences of an output fared in verification."""

    supported: int = 0
    repaired: int = 0
    replaced: int = 0
    planned: int = Field(0, description="In the tool's own words where no model was asked to "
                                        "write: verified like the rest.")
    unsupported: int = 0
    removed: int = Field(0, description="Unsupported, with no planned claim to fall back on.")

    @property
    def sentences(self) -> int:
        """Sentences in the output (a removed one is not in it)."""
        return (self.supported + self.repaired + self.replaced + self.planned
                + self.unsupported)

    def add(self, other: Tally) -> Tally:
        """The two tallies together."""
        return Tally(**{f: getattr(self, f) + getattr(other, f) for f in Tally.model_fields})

    def line(self) -> str:
        """The line every output ends with: "24 sentences: 22 supported, 1 repaired, ...".
        "supported" counts the model's sentences verified as written; where there are none
        and some sentences are planned (--writing plan), it is not said as "0 supported"."""
        parts = [f"{self.supported} supported"] if self.supported or not self.planned else []
        parts += [f"{n} {name}" for name, n in (
            ("repaired", self.repaired), ("replaced", self.replaced), ("planned", self.planned),
            ("unsupported (shown, marked)", self.unsupported), ("removed", self.removed)) if n]
        noun = "sentence" if self.sentences == 1 else "sentences"
        return f"{self.sentences} {noun}: {', '.join(parts)}"


class DraftOutcome(str, Enum):
    """What became of a sentence the model wrote."""

    KEPT = "kept"            # verified as written, and it says its claim
    REPAIRED = "repaired"    # failed; a miscopied word put back, or rewritten once with
                             # the reasons, and that stands
    REPLACED = "replaced"    # failed twice: its planned claim stands in for it
    REMOVED = "removed"      # failed twice, with no planned claim to stand in
    SHOWN = "shown"          # failed twice, and kept marked (--show-unsupported)
    REPEATED = "repeated"    # it stood, but another sentence of the section said it already


class Draft(Record):
    """A sentence as the model wrote it, before any repair, and what became of it: what
    the evals score the writer on, and what a reader may ask to see (--json)."""

    section: str
    text: str
    keys: list[str] = Field(default_factory=list)
    claim_id: str | None = None
    verified: bool = Field(description="The verifier found it supported by its citations "
                                       "as written.")
    reasons: list[str] = Field(default_factory=list, description="Why it could not stand as "
                               "written: the verifier's reasons, and a claim it left out.")
    outcome: DraftOutcome
    final: str | None = Field(None, description="The model's text that reached the reader "
                              "(as written, or its repair); None when it did not.")


class Composition(Record):
    """One task's output: its sections of verified sentences."""

    task: str
    sections: list[ComposedSection] = Field(default_factory=list)
    tally: Tally = Field(default_factory=Tally)
    drafts: list[Draft] = Field(default_factory=list, description="Every sentence the model "
                                "wrote, as written, with what became of it.")
    question_kind: str | None = Field(default=None, description="For an answer: the kind of "
                                      "question it answers (fact, yes_no, overview, time, "
                                      "list, comparison, work, open), from agent/questions.py.")
    answer_keys: list[str] = Field(default_factory=list, description="For an answer: the "
                                   "papers it is about, which a follow-up's \"those\" means.")
    cite: CiteStyle | None = Field(default=None, description="How a grant or intro paragraph "
                                   "cites when rendered (sentences keep their keys): key, "
                                   "author-year or numbered; None: by key.")
    references: list[Reference] = Field(default_factory=list, description="The papers a grant "
                                        "or intro paragraph cites, for its reference list.")


class Reference(Record):
    """A cited paper as the references list shows it."""

    key: str
    authors: list[str]
    authors_truncated: bool = False
    title: str
    venue: str | None = None
    year: int | None = None
    category: str | None = None
    has_code: bool = False
    urls: list[str] = Field(default_factory=list)


class Report(Record):
    """The full report on one profile: what `report --json` prints."""

    owner: str
    source: str | None = None
    as_of: dt.date
    model: str
    facts: FactSheet
    bio: Composition
    trajectory: Composition
    topics: Composition
    digests: list[PaperDigest]
    references: list[Reference]
    tally: Tally


class SentenceVerdict(Record):
    """One sentence of a checked text: what it cites, and what the verifier found."""

    text: str
    keys: list[str] = Field(default_factory=list, description="The keys it cites.")
    supported: bool
    attributed: list[str] = Field(
        default_factory=list, description="For a sentence that cites nothing: the papers that "
                                          "support it, which the verdict rests on.")
    reasons: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)
    support: float | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    judge: JudgeVerdict | None = None


class TextCheck(Record):
    """A whole text checked against a profile, sentence by sentence (`research-agent verify`)."""

    profile: str
    source: str | None = None
    sentences: list[SentenceVerdict] = Field(default_factory=list)
    skipped_lines: int = Field(0, description="Headings, tables, references and the "
                                              "faithfulness line, which state no prose claim.")

    @property
    def unsupported(self) -> int:
        return sum(not s.supported for s in self.sentences)

    def line(self) -> str:
        """"12 sentences: 11 supported (2 uncited, attributed), 1 unsupported"."""
        attributed = sum(s.supported and bool(s.attributed) for s in self.sentences)
        supported = len(self.sentences) - self.unsupported
        extra = f" ({attributed} uncited, attributed)" if attributed else ""
        noun = "sentence" if len(self.sentences) == 1 else "sentences"
        return (f"{len(self.sentences)} {noun}: {supported} supported{extra}, "
                f"{self.unsupported} unsupported")
