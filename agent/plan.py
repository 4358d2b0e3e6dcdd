"""The planner: what each output will say, decided from the facts before any model writes.

Every claim's own wording is faithful by construction (counts, years, titles
and figures copied from the FactSheet and the records), so it can stand in for
any sentence the model gets wrong. The model only makes the prose better.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from functools import cached_property

from agent.analyze import top_collaborators
from agent.models import (
    Claim,
    FactSheet,
    KeyFigure,
    Outline,
    OwnerPosition,
    Paper,
    Phase,
    Profile,
    Section,
    Topic,
)
from agent.realize import (
    LED,
    MAX_KEYS_PER_CLAIM,
    RESULTS,
    Realizer,
    by_date,
    capitalized,
    date_key,
    has_markup,
    join_and,
    opening_count,
    reason_given,
    result,
    short_name,
    whichable,
)
from agent.topics import singular_heads
from agent.verify.record import ALPHABETICAL_NOTE

# Venues a bio names, and what is no venue: a preprint server.
MAX_VENUES = 3
_PREPRINT = re.compile(r"\barxiv\b|\bcorr\b|preprint|\b(?:bio|med|chem)rxiv\b|\bssrn\b",
                       re.I)
# Papers named one by one in a topic or phase; the rest are counted.
MAX_PAPERS_PER_SECTION = 6
# Lines of work said to begin in one phase; more would read as a list.
MAX_NEW_TOPICS = 3
BIO_WORDS = (50, 150, 300)
# A bio's length is held within this share of the words asked for.
BIO_TOLERANCE = 0.15
# A count's sentence that takes its first work as an example ("…, including X (2020),
# which …") is written only this short; longer, the two stay apart.
MAX_EXAMPLE_WORDS = 48
# A year in a paper's statement, which a count's sentence would read as its span.
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# Lines of work a bio's opening names, at most.
BIO_MAX_LINES = 3
# A line's name tells it apart when at least this share of the profile's papers that use
# the name are the line's: "language models" names 3 papers of a record where 14 use it,
# and says of the line only what is true of the whole record.
DISTINCT_SHARE = 0.5
# Stated results a long bio may add, at most.
BIO_MAX_RESULTS = 4
# One thing a bio may say: its kind and what it is about (a paper key, a count, a phase).
_BioItem = tuple[str, str]


def main_lines(topics: Iterable[Topic]) -> list[Topic]:
    """The named lines of work of two papers or more, largest first: a line is named only
    by a phrase its papers use, never by a list of keywords. Of two lines the same size,
    the one whose papers read more alike (cohesion) is more a line of work than a few
    papers that share a phrase."""
    lines = [t for t in topics if t.named and not t.other and len(t.paper_keys) > 1]
    return sorted(lines, key=lambda t: (-len(t.paper_keys), -(t.cohesion or 0.0), t.id))


class Planner:
    """Outlines for every task, built from one profile and its fact sheet."""

    def __init__(self, profile: Profile, facts: FactSheet) -> None:
        self.profile = profile
        self.facts = facts
        self.papers = {p.key: p for p in profile.papers}
        self.owner = facts.owner
        figures: dict[str, list[str]] = {}
        for figure in facts.key_figures:
            figures.setdefault(figure.paper_key, []).append(figure.value)
        self.realizer = Realizer(self.owner, figures, facts.alphabetical_authors)
        # Each paper's title and abstract folded for uses(), once: a plan asks hundreds of
        # times whether some paper uses some phrase.
        self._folded: dict[str, str] = {}
        # Each phrase folded for uses(), once: the same few line names and keywords are
        # asked of paper after paper (a bio's planning asks thousands of times).
        self._folded_phrases: dict[str, str] = {}
        # Whether each line's name tells it apart (distinct), by (id, name): a bio's
        # planning asks it at every length it tries.
        self._distinct: dict[tuple[str, str], bool] = {}
        # Each paper's first stated result (_figure), by key: a plan sorts papers by it
        # again and again (_representative), and each look-up reads every key figure.
        self._first_figure: dict[str, str | None] = {}
        # Each paper's place in by_date's order (date, then key), found once: a plan sorts
        # sets of papers by date hundreds of times (a bio's planning re-plans at every
        # length it tries), and the keys are unique, so the places order any of them alike.
        self._date_rank = {p.key: i for i, p in enumerate(by_date(self.papers.values()))}
        # The papers that cover a set of words (_covering), by words and keys: the bio's
        # opening asks it of the same lines at every length it tries.
        self._covers: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]] = {}
        # More of what a bio's planning asks at every length it tries, each a pure function
        # of the profile and facts, found once: each phase's lines (by the phase's keys) and
        # the paper each line's claim cites (by name and keys); the bio's lines are
        # _main_lines.
        self._lines_of_phase: dict[tuple[str, ...], tuple[tuple[Topic, tuple[str, ...]], ...]] = {}
        self._label_covers: dict[tuple[str, bool, tuple[str, ...]], tuple[str, ...]] = {}

    def paper_uses(self, paper: Paper, phrase: str) -> bool:
        """uses(paper, phrase), the paper's text folded once per planner."""
        folded = self._folded.get(paper.key)
        if folded is None:
            folded = self._folded.setdefault(paper.key, _fold(f"{paper.title} {paper.abstract}"))
        needle = self._folded_phrases.get(phrase)
        if needle is None:
            needle = self._folded_phrases.setdefault(phrase, _fold(phrase))
        if not phrase.strip():
            return False
        # A line's name with its head in the plural ("efflux pumps of Klebsiella
        # pneumoniae", topics._counted_head) is used by a paper that writes the singular.
        return needle in folded or any(v in folded for v in singular_heads(needle))

    # --- tasks -----------------------------------------------------------

    def bio(self, words: int = 150) -> Outline:
        """A third-person bio of about `words` words: who and the lines of work, the
        signature works, the current focus, then role, collaborators, affiliations and code
        as the length allows.

        Content is taken in order of priority (_bio_items) while it brings the bio closer
        to `words` without passing BIO_TOLERANCE over it; each choice is realized again in
        reading order, since a paper named earlier is later named by its short name. A record
        with too little to say gives a shorter bio: nothing is padded."""
        ceiling = int(words * (1 + BIO_TOLERANCE))
        turn = self.realizer.turn
        self.realizer.broad = True
        chosen: list[_BioItem] = []
        size = 0
        self._works_by_phase: list[list[Paper]] | None = None
        for item in self._bio_items():
            if size >= words:
                break  # every item adds words: none brings the bio nearer now
            count = _claim_words(self._bio_claims([*chosen, item], turn))
            if size < count <= ceiling and abs(count - words) < abs(size - words):
                chosen.append(item)
                size = count
        claims = self._bio_claims(chosen, turn)
        while chosen and _claim_words(claims) > ceiling:
            # Realized again, a paper may take a longer frame ('A 2012 paper, "T",') than
            # when it was measured: the last item chosen gives way, so the bio keeps its
            # length.
            chosen.pop()
            claims = self._bio_claims(chosen, turn)
        self.realizer.broad = False
        return self._part(_outline("bio", [Section(id="bio", title="Bio", claims=claims,
                                        context_keys=_keys_of(claims))]))

    def _part(self, outline: Outline) -> Outline:
        """A finished part of a document: the papers it named by full title go by their
        short names in the parts after it (see one_document)."""
        self.realizer.told([c for s in outline.sections for c in s.claims],
                           self.papers.values())
        return outline

    @contextmanager
    def one_document(self) -> Iterator[None]:
        """Outlines planned inside are parts of one document, planned in reading order: a
        paper named by full title in one is named by its short name in the later ones."""
        self.realizer.one_document, self.realizer.document_seen = True, set()
        try:
            yield
        finally:
            self.realizer.one_document, self.realizer.document_seen = False, set()

    def trajectory(self) -> Outline:
        """One section per phase: where the work turned, what the phase's papers concern,
        the owner's role in them, and the works that mark it (agent/analyze.py cuts the
        phases where the mix of lines changes)."""
        self.realizer.reset()
        sections = []
        previous: Phase | None = None
        for index, phase in enumerate(self.facts.phases):
            self._turn_frames(index)
            turns = self._turn_claims(phase, previous) if previous else []
            claims = turns + self._turn_reasons(phase, turns)
            claims += self._phase_claims(phase, opened=turns)
            role = self._phase_role_claims(phase, index)
            room = MAX_PAPERS_PER_SECTION - len(claims) - len(role) + 1
            works = self._marking(phase)[:max(room, 2)]
            claims += self._with_example(role, works, role=True,
                                         one=len(self._led_keys(phase.paper_keys)) == 1)
            sections.append(Section(id=f"phase-{phase.start_year}", title=_range(phase),
                                    claims=claims, context_keys=_keys_of(claims)))
            previous = phase
        return self._part(_outline("trajectory", sections))

    def topics(self) -> Outline:
        """One section per line of work: its span, its size and its papers."""
        self.realizer.reset()
        sections = []
        for index, topic in enumerate(self.facts.topics):
            self._turn_frames(index + 2)
            papers = self._representative(topic.paper_keys)[:MAX_PAPERS_PER_SECTION]
            if topic.other:  # papers that fit no line are not counted as one
                claims = self.realizer.papers(papers, other=True)
            else:
                told = any(p.owner_position in LED or self.realizer.fact(p) for p in papers)
                led = self._led_keys(topic.paper_keys)
                claims = self._with_example(
                    self._topic_span_claims(topic, index, told), papers,
                    one=len(led) == 1, role=bool(led))
            title = "Other work" if topic.other else _label(topic)
            if not claims:
                continue  # nothing true to say beyond the table: no empty section
            sections.append(Section(id=f"topic-{topic.id}", title=title, claims=claims,
                                    context_keys=_keys_of(claims)))
        return self._part(_outline("topics", sections))

    def _turn_frames(self, index: int) -> None:
        """A section's openings start at a turn of their own (its place, not how many papers
        the sections before it named), so that a paper added to one section leaves the
        others' words, and their cached model calls, as they were."""
        self.realizer.frame = self.realizer.turn = index

    def papers_on(self, task: str, keys: Sequence[str]) -> Outline:
        """Claims about a chosen set of papers, most relevant first: an answer to an open
        question (grant and intro paragraphs are agent/paragraphs.py's)."""
        self.realizer.reset()
        papers = self._representative(keys, by_relevance=True)[:MAX_PAPERS_PER_SECTION]
        claims = self.realizer.papers(papers)
        return _outline(task, [Section(id=task, title=task.capitalize(), claims=claims,
                                       context_keys=_keys_of(claims))])

    # --- answers (agent/answers.py): the same claims, for one question ------------------

    def overview(self) -> list[Claim]:
        """The research as a whole: the record and its main lines with their sizes, the
        largest line's signature works, and where the work is now."""
        self.realizer.reset(owner=True)
        lines = self._bio_lines()
        claims = self._opening_claims(BIO_MAX_LINES) if lines else self._record_claims()
        if not claims:
            claims = self._count_and_span(f"{self.realizer.whose()} record has {{count}}",
                                          list(self.papers), [])
        # A signature work of each phase, the owner's own first (the bio's choice), so the
        # answer spans the career rather than the first year of the largest line.
        self._works_by_phase = None
        works = [phase[0] for phase in self._phase_works() if phase]
        if not works and lines:
            works = self._representative(lines[0].paper_keys)[:2]
        recent = self._recent_claims()
        if recent and works:
            return claims + self.realizer.papers(works[:-1]) + recent + \
                self.realizer.papers(works[-1:])
        return claims + self.realizer.papers(works) + recent

    def period(self, keys: Sequence[str], earlier: Sequence[str] = (), works: int = 3
               ) -> list[Claim]:
        """What the papers of a window of years concern, told like a phase of the
        trajectory: with `earlier` (the papers before it), the turn from those first; then
        the lines, the owner's role and up to `works` papers that mark the window."""
        self.realizer.reset(owner=True)
        phase = self._phase_of(keys)
        if phase is None:
            return []
        claims: list[Claim] = []
        before = self._phase_of(earlier)
        turn: list[Claim] = []
        if before is not None:
            turn = self._turn_claims(phase, before)
            claims += self._phase_claims(before) + turn + self._turn_reasons(phase, turn)
        # The turn named the window's lines: they are not listed again.
        claims += self._phase_claims(phase, opened=turn) + self._phase_role_claims(phase, 0)
        return claims + self.realizer.papers(self._marking(phase)[:works])

    def changes(self) -> list[Claim]:
        """How the work moved over the years: each phase's lines and the turns between
        them, without the papers (the trajectory tells those)."""
        self.realizer.reset(owner=True)
        claims: list[Claim] = []
        previous: Phase | None = None
        for index, phase in enumerate(self.facts.phases):
            turn = self._turn_claims(phase, previous) if previous else []
            said = turn + self._turn_reasons(phase, turn) + self._phase_claims(phase,
                                                                               opened=turn)
            if not said:
                # A phase no line of work holds went unsaid, as if nothing happened in it:
                # it is told by its work ("Kowalczyk is first author of both papers from
                # 2023 to 2024, including "Learning Evapotranspiration ..." (2023), which
                # trains ..."), one paper of it.
                role = self._phase_role_claims(phase, index)
                works = self._marking(phase)[:1]
                said = self._with_example(role, works, role=True,
                                          one=len(self._led_keys(phase.paper_keys)) == 1) \
                    if role else self.realizer.papers(works)
            claims += said
            previous = phase
        return claims

    def described(self, keys: Sequence[str]) -> list[Claim]:
        """The papers, oldest first, each with what it contributes, the owner's role said."""
        self.realizer.reset()
        return self.realizer.papers(self._by_date(keys))

    def chronicle(self, keys: Sequence[str]) -> list[Claim]:
        """The papers strictly by date, each with what it does, the owner's own not put
        first: how a line of work went, one step after another."""
        self.realizer.reset()
        return self.realizer.described(self._by_date(keys))

    def _phase_of(self, keys: Sequence[str]) -> Phase | None:
        """Papers as a phase of their own: their years and their lines, most papers first."""
        dated = [self.papers[k] for k in keys if k in self.papers and self.papers[k].year]
        if not dated:
            return None
        inside = {p.key for p in dated}
        sizes = [(t.id, sum(k in inside for k in t.paper_keys)) for t in self.facts.topics]
        topic_ids = [t for t, n in sorted(sizes, key=lambda s: -s[1]) if n]
        return Phase(start_year=min(p.year for p in dated), end_year=max(p.year for p in dated),
                     topic_ids=topic_ids, paper_keys=[p.key for p in by_date(dated)])

    # --- claims ----------------------------------------------------------

    def _count_and_span(self, template: str, keys: Sequence[str], extra: Sequence[str]
                        ) -> list[Claim]:
        """"N papers, from A to B" when every paper has a date; when some have none, the
        count and the span of the dated ones as two claims, since the span is not theirs."""
        count = _papers(len(keys))
        span_keys = self._span_keys(keys)
        dated = [self.papers[k] for k in keys if self.papers[k].year is not None]
        span = _years(min((p.year for p in dated), default=None),
                      max((p.year for p in dated), default=None))
        head = template.format(count=count)
        if not span:
            return [Claim(id="", text=f"{head}.", keys=_dedupe([*keys[:1], *extra]))]
        if len(dated) == len(keys):
            return [Claim(id="", text=f"{head}, {span}.", keys=_dedupe([*span_keys, *extra]))]
        return [Claim(id="", text=f"{head}.", keys=_dedupe([*span_keys[:1], *extra])),
                Claim(id="", text=f"The dated papers were published {span}.", keys=span_keys)]

    def _phase_claim(self, phase: Phase, recent: bool = False) -> Claim:
        """The phase's span and size, and the topic most of its papers belong to."""
        span = _span(phase)
        count = _papers(len(phase.paper_keys))
        # Papers that fit no line are no topic: "mostly concern term, evapotranspiration and
        # towers" would name a grab bag by its words.
        topic = next((t for t in map(self._topic, phase.topic_ids) if not t.other), None)
        keys = self._span_keys(phase.paper_keys)
        if topic is None:
            return Claim(id="", text=f"{capitalized(span)}, the record has {count}.", keys=keys)
        in_phase = [k for k in topic.paper_keys if k in set(phase.paper_keys)]
        label, keys = self._labelled(
            topic, _dedupe(keys + self._covering(topic.keywords[:3], in_phase)))
        if len(phase.paper_keys) == 1:
            only = self.papers.get(phase.paper_keys[0])
            if only is not None and not self.paper_uses(only, name_users_form(label)):
                # "The only paper of 2015 concerns North Sea Crews Database", cited with the
                # 2023 paper that names it: true of the line, not of the paper. Its own
                # sentences, after this, say what it is on.
                return Claim(id="", text=f"{capitalized(span)}, the record has 1 paper.",
                             keys=phase.paper_keys[:1])
            if recent:
                text = f"The most recent paper, {span}, concerns {label}."
            elif phase.start_year == phase.end_year:
                text = f"The only paper of {phase.start_year} concerns {label}."
            else:
                text = f"{capitalized(span)}, the record has 1 paper, on {label}."
            return Claim(id="", text=text, keys=keys)
        lead = f"The most recent {count}, {span}," if recent else f"{capitalized(span)}, {count}"
        share = "mostly concern" if len(in_phase) * 2 > len(phase.paper_keys) else "include work on"
        return Claim(id="", text=f"{lead} {share} {label}.", keys=keys)

    def labelled(self, topic: Topic, keys: list[str]) -> tuple[str, list[str]]:
        """A line's name for a claim citing `keys`, and the keys with the papers that bear
        the name out (what _labelled decides, for agent/paragraphs.py)."""
        return self._labelled(topic, keys)

    def _labelled(self, topic: Topic, keys: list[str]) -> tuple[str, list[str]]:
        """The topic's keywords that the cited papers use, and those papers: a claim citing
        some of a topic's papers names only what they say (a keyword may come from the
        others). When they use none, papers of the topic that do are cited too. A line with
        a name is called by it, and cited by papers that use it."""
        if topic.named:
            if any(self.paper_uses(self.papers[k], topic.label) for k in keys if k in self.papers):
                return topic.label, keys
            return topic.label, _dedupe(keys + self._covering([topic.label], topic.paper_keys))
        words = [w for w in topic.keywords[:3]
                 if any(self.paper_uses(self.papers[k], w) for k in keys if k in self.papers)]
        if words:
            return join_and(words), keys
        return _label(topic), _dedupe(keys + self._covering(topic.keywords[:3],
                                                              topic.paper_keys))

    def _turn_claim(self, phase: Phase, topic: Topic) -> Claim:
        """A line of work that first appears in this phase, and the paper that opens it."""
        in_phase = [k for k in topic.paper_keys if k in set(phase.paper_keys)]
        first = self._by_date(in_phase or topic.paper_keys)[0]
        keys = _dedupe([first.key] + self._covering(topic.keywords[:3], in_phase))
        lead = f"In {first.year}, work" if first.year else "Work"
        label, keys = self._labelled(topic, keys)
        text = f"{lead} on {label} begins with {self.realizer.ref(first)}."
        return Claim(id="", text=text, keys=keys)

    # --- the trajectory's phases ------------------------------------------------------

    def _lines_in(self, phase: Phase) -> list[tuple[Topic, list[str]]]:
        """The phase's lines of work (other work aside), most papers first, with their
        papers in the phase."""
        keys = set(phase.paper_keys)
        lines = [self._topic(t) for t in phase.topic_ids]
        return [(t, [k for k in t.paper_keys if k in keys]) for t in lines if not t.other]

    def _turn_claims(self, phase: Phase, previous: Phase) -> list[Claim]:
        """"From 2022, the work turns to X and Y": the lines that lead this phase and did
        not lead the one before, with the paper that opens each here."""
        before = {t.id: len(k) for t, k in self._lines_in(previous)}
        size_before = max(len(previous.paper_keys), 1)
        size = max(len(phase.paper_keys), 1)
        lines = self._lines_in(phase)
        rising = [(t, keys) for t, keys in lines
                  if len(keys) / size > before.get(t.id, 0) / size_before]
        # A line is turned to with two papers here, or one that opens it (_opens) when no
        # line has two: the phase is where the work turned, even if its next phase shows it.
        turned = [(t, keys) for t, keys in rising if len(keys) >= 2] \
            or [(t, keys) for t, keys in rising if self._opens(t, phase)]
        if not turned:
            return []
        turned = turned[:MAX_NEW_TOPICS]
        held = self._held(phase)
        labels, keys = [], []
        for topic, in_phase in turned:
            label, cited = self._labelled(topic, self._cover_label(topic, in_phase))
            keys += self._bearing(topic, label, cited)
            if held and topic is lines[0][0]:
                label += f" ({held})"  # the line that leads the phase, with its share
            labels.append(label)
        # The turn is dated by the first paper that makes it, which the claim cites: a
        # window a question asks about ("since 2021") may open before the lines do. That
        # is the first of the lines' papers in the phase, whether or not it says the name
        # ("From 2023, ... (all 6 papers from 2022 to 2026)" dated the turn by the first
        # paper to say "older adults receiving home nursing", a year after the line's first).
        firsts = [self._by_date_keys(in_phase)[0] for _, in_phase in turned]
        keys = _dedupe([*keys, *firsts])[:MAX_KEYS_PER_CLAIM]
        # Dated by those firsts alone: a paper cited for bearing the name may be an earlier
        # phase's ("From 2015, the work turns back to ..." of a phase from 2025 to 2026).
        years = [y for k in firsts if (y := self.papers[k].year) is not None]
        verb = self._turn_verb([t for t, _ in turned], before, previous, "turns to",
                               sum(len(k) for _, k in turned) / size)
        text = f"From {min(years, default=phase.start_year)}, the work {verb} {join_and(labels)}."
        return [Claim(id="", text=text, keys=keys)]

    def _turn_reasons(self, phase: Phase, turns: Sequence[Claim]) -> list[Claim]:
        """Why the work turned, when a paper of the phase that the turn cites says so in
        its own words (realize.reason_given): the first such, by date, quoted."""
        inside = set(phase.paper_keys)
        cited = [k for c in turns for k in c.keys if k in inside]
        # What the work turned to, for a reason that names it: the phase's lines the turn
        # cites.
        about = " ".join(t.label for t, keys in self._lines_in(phase) if set(keys) & set(cited))
        for key in self._by_date_keys(cited):
            if (said := reason_given(self.papers[key], about)) is not None:
                return [Claim(id="", keys=[key], text=(
                    f'{self.realizer.ref(self.papers[key])} says why: '
                    f'"{said.rstrip(".")}."'))]
        return []

    def _opens(self, topic: Topic, phase: Phase) -> bool:
        """Whether a line with one paper in the phase begins there and goes on: no paper of
        it before the phase, and two or more after it ("Organic carbon stocks" opened by
        one paper of 2020, five more from 2022): the phase is where the work turned."""
        years = [y for k in topic.paper_keys if (y := self.papers[k].year) is not None]
        return (len(years) == len(topic.paper_keys) and min(years) >= phase.start_year
                and sum(y > phase.end_year for y in years) >= 2)

    def _turn_verb(self, lines: Sequence[Topic], before: Mapping[str, int], previous: Phase,
                   new: str, share: float = 1.0) -> str:
        """How the work moves to the lines from the phase before (before: its lines' paper
        counts by id). Lines it had too, now a larger share: the work "concentrates on"
        them when they hold half the phase's papers or more (share), else it "turns more
        to" them (2 of 9 papers, up from 1 of 9, is no concentration); it does not turn
        to what the reader was just told it held. Lines of an earlier phase, absent from
        the one before: it "turns back to" them. Else `new`."""
        if all(before.get(t.id) for t in lines):
            return "concentrates on" if share >= 0.5 else "turns more to"
        if all(before.get(t.id) or self._before(t, previous) for t in lines):
            return "turns back to"
        return new

    def _before(self, topic: Topic, phase: Phase) -> bool:
        """Whether the line has a paper from before the phase: a line the phase before lacks,
        that an earlier one held, is turned back to, not turned to."""
        return any((year := self.papers[k].year) is not None and year < phase.start_year
                   for k in topic.paper_keys)

    def _held(self, phase: Phase) -> str | None:
        """"6 of the 10 papers from 2025 to 2026": the share of a phase's papers its leading
        line holds, when it leads the phase (_leads; what _phase_claims says of it)."""
        lines, count = self._lines_in(phase), len(phase.paper_keys)
        if count < 2 or not _leads([len(k) for _, k in lines], count):
            return None
        held = len(lines[0][1])
        if held == count == 2:
            return f"both papers {_span(phase)}"  # not "all 2 papers"
        share = "all" if held == count else f"{held} of the"
        return f"{share} {count} papers {_span(phase)}"

    def _phase_claims(self, phase: Phase, opened: Sequence[Claim] = ()) -> list[Claim]:
        """What the phase's papers concern: its leading line when it holds most of them
        (unless the turn into it, `opened`, said so), else the lines it spans (unless the
        turn named them).

        A claim that names the phase's years cites only the phase's papers: a line whose
        papers there do not use its name (only its papers outside the phase do) goes
        unnamed, rather than "In 2022, ... work on climate models" citing a 2020 paper (and
        for a window of years a question asks about, which is no phase of the fact sheet,
        the verifier would fail the claim)."""
        inside = set(phase.paper_keys)
        lines = self._lines_in(phase)
        span = _span(phase)
        count = len(phase.paper_keys)
        if not lines:
            return []  # no line of work to name: the phase's papers say what it holds
        if count < 2:
            return [self._phase_claim(phase)]
        topic, in_phase = lines[0]
        if (held := self._held(phase)) is not None:
            if opened and any(held in c.text for c in opened):
                return []  # the turn said it
            label, keys = self._labelled(topic, self._cover_label(topic, in_phase))
            if not set(keys) <= inside:
                return []
            # "Of the 2 papers from 2018 to 2019, 1 concerns manipulation": not "1 of the 2
            # papers ... concern", and not "One of", which the verifier reads as no count.
            text = f"Of the {count} papers {span}, 1 concerns {label}." \
                if len(in_phase) == 1 else f"{opening_count(held)} concern {label}."
            return [Claim(id="", text=text, keys=keys)]
        if opened:
            return []
        labels, keys = [], []
        for topic, in_phase in lines[:MAX_NEW_TOPICS]:
            label, cited = self._labelled(topic, self._cover_label(topic, in_phase)[:1])
            bearing = self._bearing(topic, label, cited)
            if not set(bearing) <= inside:
                continue
            labels.append(label)
            keys += bearing
        if not labels:
            return []
        text = f"{capitalized(span)}, the {count} papers include work on {join_and(labels)}."
        return [Claim(id="", text=text, keys=_dedupe(keys))]

    def _bearing(self, topic: Topic, label: str, cited: Sequence[str]) -> list[str]:
        """Of a line's cited papers, the one a claim naming several lines cites for it: the
        first that uses the name it goes by (the first of the phase may not, and then
        _labelled has added one of the line's papers that does)."""
        if topic.named:
            return [next((k for k in cited if self.paper_uses(self.papers[k], label)), cited[0])]
        return list(cited[:1])

    def _cover_label(self, topic: Topic, keys: Sequence[str]) -> list[str]:
        """The earliest of the keys whose paper uses the line's name, else the earliest."""
        memo = (topic.label, topic.named, tuple(keys))
        if memo not in self._label_covers:
            self._label_covers[memo] = tuple(self._first_using(topic, keys))
        return list(self._label_covers[memo])

    def _first_using(self, topic: Topic, keys: Sequence[str]) -> list[str]:
        dated = self._by_date_keys(keys)
        users = [k for k in dated if self.paper_uses(self.papers[k], topic.label)] \
            if topic.named else []
        return (users or dated)[:1]

    def _phase_role_claims(self, phase: Phase, index: int) -> list[Claim]:
        """How many of the phase's papers the owner led: the run of first-author papers,
        then fewer, is how a role moves. The index of the phase turns the frame."""
        led = self._led_keys(phase.paper_keys)
        count = len(phase.paper_keys)
        if not led or count < 2:
            return []
        who, k, span = self.realizer.who(), len(led), _span(phase)
        has = "has" if k == 1 else "have"
        # Papers written alone are told as such: "first author" of them is true but says less.
        role = "sole" if all(self.papers[key].owner_position is OwnerPosition.SOLE
                             for key in led) else "first"
        # Three frames in turn, so that phase after phase does not open alike.
        if k == count:
            every = "both" if count == 2 else f"all {count}"
            return [Claim(id="", text=f"{who} is {role} author of {every} papers {span}.",
                          keys=led[:2])]
        frames = (f"{who} led {k} of the {count} papers {span} as {role} author.",
                  f"Of the {count} papers {span}, {k} {has} {who} as {role} author.",
                  f"{who} is the {role} author of {k} of the {count} papers {span}.")
        return [Claim(id="", text=frames[index % len(frames)], keys=led[:2])]

    def _marking(self, phase: Phase) -> list[Paper]:
        """The works that mark a phase: the owner's own (first those on the line that holds
        most of the phase, when one does: "Chi led 8 of the 13 papers, including" a
        cross-lingual paper, in a phase 10 of whose 13 papers are cross-lingual, not the one
        table-recognition paper), then the first paper of each of its lines, then the rest
        by the usual order."""
        lines = self._lines_in(phase)
        firsts = [self._by_date(keys)[0].key for _, keys in lines if keys]
        ordered = self._representative(phase.paper_keys)
        leading = set(lines[0][1]) if lines and self._held(phase) is not None else set()
        led = sorted((p for p in ordered if p.owner_position in (OwnerPosition.FIRST,
                                                                 OwnerPosition.SOLE)),
                     key=lambda p: p.key not in leading)  # stable: the usual order within
        marking = led[:2] + [self.papers[k] for k in firsts]
        return _unique(marking + ordered)

    def _by_date_keys(self, keys: Iterable[str]) -> list[str]:
        return [p.key for p in self._by_date(keys)]

    def _led_keys(self, within: Iterable[str] | None = None) -> list[str]:
        """The papers the owner is first or sole author of (of `within`, when given), oldest
        first."""
        if self.facts.alphabetical_authors:
            # Author lists in alphabetical order: being first is no role to tell.
            return []
        led = self.facts.first_author_keys + self.facts.sole_author_keys
        if within is not None:
            inside = set(within)
            led = [k for k in led if k in inside]
        return self._by_date_keys(led)

    def _with_example(self, counts: list[Claim], papers: Sequence[Paper], one: bool = False,
                      role: bool = False) -> list[Claim]:
        """A count of papers and the sentences of the papers that follow it, the count
        taking its first work as an example when one fits ("Chi led 8 of the 13 papers
        from 2019 to 2021 as first author, including X (2019), which proposes ..."; with
        `one`, a count of one paper, "...: X (2025) introduces ..." or "...: X (2024)."):
        one sentence instead of a bare count and a paper's, and the paper's part is the one
        a small model may reword (Claim.predicate). The example is the first of the papers
        that the count's own citations show (its role, its co-author) whose statement reads
        in the sentence and states no year (the count's span would be read as the years it
        states); with none, the count stands alone. With `role` (the count is of the
        owner's first-author papers), the papers after the example are told without it."""
        if len(counts) != 1 or not counts[0].text.endswith("."):
            return counts + self.realizer.papers(papers)
        count, head = counts[0], counts[0].text[:-1]
        example: Claim | None = None
        for paper in papers:
            fact = self.realizer.fact(paper)
            if paper.key not in count.keys or (fact and _YEAR.search(fact)):
                continue
            # The count is checked against the record, not a paper; cited is the example,
            # which bears out the rest of the sentence (as the bio's role claim does).
            keys = [paper.key]
            if not fact:
                if one:
                    example = Claim(id="", text=f"{head}: {self.realizer.ref(paper)}.", keys=keys)
                    break
                continue
            seen = set(self.realizer.seen)
            name, fact = self.realizer.named(paper, fact, framed=False)
            text = f"{head}: {name} {fact}." if one else f"{head}, including {name}, which {fact}."
            if len(text.split()) <= MAX_EXAMPLE_WORDS and (one or whichable(fact)):
                example = Claim(id="", text=text, keys=keys, predicate=fact)
                break
            self.realizer.seen = seen
        if example is None:
            return counts + self.realizer.papers(papers)
        rest = [p for p in papers if p is not paper]
        return [example, *(self.realizer.described(rest) if role
                           else self.realizer.papers(rest))]

    def _topic_span_claims(self, topic: Topic, index: int, told: bool) -> list[Claim]:
        """The line's size and years, with what makes the count worth reading: how many of
        its papers the owner led, else the co-author on most of them, else (when no
        sentence below names its papers) the papers themselves. Every other line says its
        size the other way round ("12 papers, from 2019 to 2023, make up this line of
        work"), so that the lines' first sentences do not all open alike (index: the line's
        place among the topics)."""
        keys = self._covering(_label_words(topic), topic.paper_keys)
        dated = [k for k in topic.paper_keys if self.papers[k].year is not None]
        if len(dated) != len(topic.paper_keys) or len(dated) < 2:
            if told:
                return []  # its papers are told below; a bare count would be filler
            return self._count_and_span("This line of work has {count}", topic.paper_keys,
                                        keys)
        years = [self.papers[k].year for k in dated]
        span = _years(min(years), max(years))
        count = _papers(len(dated))
        keys = _dedupe([*self._span_keys(topic.paper_keys), *keys])
        detail, extra, kind = self._line_detail(topic, told)
        if not detail and told:
            return []  # a bare count says nothing the line's sentences below do not
        if kind == "with":
            # "with Li Dong", "with Chi as first author": every paper cited must show it.
            keys = extra
        if index % 2 and kind != "list":
            text = f"{opening_count(count)}, {span}, make up this line of work{detail}."
        else:
            text = f"This line of work has {count}, {span}{detail}."
        return [Claim(id="", text=text, keys=_dedupe([*keys, *extra])[:MAX_KEYS_PER_CLAIM])]

    def _line_detail(self, topic: Topic, told: bool) -> tuple[str, list[str], str]:
        """What to say of a line beside its size, the papers that show it, and its kind:
        "with" (the owner's role or a co-author, which every paper cited must show),
        "list" (the papers named), or "" (nothing)."""
        # Numerals: "one of them" would read as a count of the whole.
        if led := self._led_keys(topic.paper_keys):
            who = self.realizer.who()
            # "Two papers ... make up this line of work, 2 of them with X as first author"
            # said a part that is the whole: "both" (or "all of them") says so.
            part = (f"{len(led)} of them" if len(led) < len(topic.paper_keys)
                    else "both" if len(led) == 2 else "all of them")
            return (f", {part} with {who} as first author", led[:MAX_KEYS_PER_CLAIM], "with")
        line = self._by_date(topic.paper_keys)
        top = next(iter(top_collaborators(line, self.owner)), None)
        if top and 2 <= top.papers < len(line):
            return (f", {top.papers} of them with {top.name}",
                    top.paper_keys[:MAX_KEYS_PER_CLAIM], "with")
        if not told:
            listed = line[:MAX_KEYS_PER_CLAIM - 1]
            return (f": {join_and([self.realizer.ref(p) for p in listed])}",
                    [p.key for p in listed], "list")
        return "", [], ""

    # --- the bio's claims ------------------------------------------------------------

    def _bio_items(self) -> list[_BioItem]:
        """What a bio may say, most important first: who and the main line of work, the
        current focus, the owner's role and first signature work; then more lines, the
        works of each phase in turn (the owner's own first), the collaborator, the turns
        between first and last phase, the senior role, affiliations, code and stated
        results."""
        lines = self._bio_lines()
        phases = self._bio_phases()
        works = [[("works", p.key) for p in papers] for papers in self._phase_works()]
        first, focus = works[0], works[-1] if len(works) > 1 else []
        middle = works[1:-1]
        turns = [("turn", str(i)) for i in range(1, len(phases) - 1)]
        opening = [("lines", "1")] if lines else [("record", "")]
        more_lines = [("lines", str(n)) for n in range(2, len(lines) + 1)]
        items: list[_BioItem] = [*opening, ("focus", ""), ("role", ""), *first[:1],
                                 *more_lines[:1], *focus[:1], ("collaborator", ""),
                                 *turns, *[w[0] for w in middle if w], *first[1:2],
                                 *more_lines[1:], *focus[1:2], *[w[1] for w in middle
                                                                 if len(w) > 1],
                                 *first[2:3], ("senior", ""), ("affiliations", ""),
                                 ("venues", "")]
        # The rest of every phase's works, a round at a time.
        rest = [w[3:] if i == 0 else w[2:] for i, w in enumerate(works)]
        for round_ in range(max((len(w) for w in rest), default=0)):
            items += [w[round_] for w in rest if round_ < len(w)]
        items.append(("code", ""))
        # Stated results, from the papers that have one (a few: each is a long sentence).
        figures = self.realizer.figures
        items += [("notable", p.key) for p in self._representative(
            k for k in self.papers if k in figures) if result(p, figures[p.key])][:BIO_MAX_RESULTS]
        return items

    def _bio_claims(self, items: Sequence[_BioItem], turn: int) -> list[Claim]:
        """The chosen items as sentences, in reading order (the opening, then each phase
        with its works, then the rest), each paper named by its full title the first time."""
        self.realizer.reset(owner=True)
        self.realizer.turn = turn
        self._bio_frame = 0
        kinds: dict[str, list[str]] = {}
        for kind, arg in items:
            kinds.setdefault(kind, []).append(arg)
        chosen = set(kinds.get("works", []))
        works = [[p for p in papers if p.key in chosen] for papers in self._phase_works()]
        claims: list[Claim] = []
        sized: set[str] = set()  # the lines the opening gave with their sizes
        if "lines" in kinds:
            count = max(int(n) for n in kinds["lines"])
            claims += self._opening_claims(count)
            sized = {t.id for t in self._bio_lines()[:count]}
        elif "record" in kinds:
            claims += self._record_claims()
        if "role" in kinds and "record" not in kinds:
            claims += self._role_claims(works[0], of_them=bool(claims))
        elif works[0]:
            claims += self._bio_papers(works[0])
        turns = {int(i) for i in kinds.get("turn", [])}
        for index in range(1, len(works)):
            last = index == len(works) - 1
            if last and "focus" in kinds:
                claims += self._recent_claims()
            elif index in turns:
                claims += self._turn_bio_claims(self._bio_phases()[index], sized)
            claims += self._bio_papers(works[index])
        if "collaborator" in kinds:
            claims += self._collaborator_claims()
        if "senior" in kinds:
            claims += self._senior_claims(chosen)
        if "affiliations" in kinds:
            claims += self._affiliation_claims()
        if "venues" in kinds:
            claims += self._venue_claims()
        if "code" in kinds:
            claims += self._code_claims()
        for key in kinds.get("notable", []):
            # A work whose statement is its result has said it already.
            if key not in chosen or not self.realizer.fact(self.papers[key]).startswith(
                    RESULTS):
                claims += [c for c in [self.realizer.notable(self.papers[key])] if c]
        return claims

    def _bio_papers(self, papers: Sequence[Paper]) -> list[Claim]:
        """A phase's works: the owner's own under their role (the realizer's frames), then
        each other paper in a sentence of its own, its frame turning between the plain one
        and the owner's part in it (last author, co-author), so that they do not open alike."""
        papers = _led_first(papers)
        led = [p for p in papers if p.owner_position in (OwnerPosition.FIRST,
                                                         OwnerPosition.SOLE)]
        claims = self.realizer.papers(led) if led else []
        for paper in papers[len(led):]:
            fact = self.realizer.fact(paper)
            self._bio_frame += 1
            # The paper's named line, when the paper itself uses the name.
            line = next((t.label for t in self.facts.topics if t.named and not t.other
                         and paper.key in t.paper_keys and self.paper_uses(paper, t.label)), None)
            who = self.realizer.who
            name, fact = self.realizer.named(paper, fact or "", framed=False)
            if not whichable(fact):
                text = f"{capitalized(name)} {fact}."
            elif self._bio_frame % 2 and line:
                text = f"Work on {line} includes {name}, which {fact}."
            elif self._bio_frame % 2 and paper.owner_position == OwnerPosition.LAST:
                text = f"With {who()} as last author, {name} {fact}."
            elif self._bio_frame % 2 and paper.owner_position == OwnerPosition.MIDDLE:
                text = f"{who()} co-authored {name}, which {fact}."
            else:
                text = f"{capitalized(name)} {fact}."
            claims.append(Claim(id="", text=text, keys=[paper.key], predicate=fact))
        return claims

    def _bio_phases(self) -> list[Phase]:
        """The phases, or the whole record as one when the analysis found none."""
        if self.facts.phases:
            return list(self.facts.phases)
        years = _min_max(p.year for p in self.papers.values())
        return [Phase(start_year=years[0] or 0, end_year=years[1] or 0, topic_ids=[],
                      paper_keys=list(self.papers))]

    def _phase_works(self) -> list[list[Paper]]:
        """Per phase, the works worth naming that say what they do: the owner's own first
        (those of the main lines, named ones first), then the first paper of each line the
        phase brings, then the rest in the usual order."""
        if getattr(self, "_works_by_phase", None) is not None:
            return self._works_by_phase  # type: ignore[return-value]
        self._works_by_phase = self._find_phase_works()
        return self._works_by_phase

    def _find_phase_works(self) -> list[list[Paper]]:
        main = {k for t in self._bio_lines() for k in t.paper_keys}
        out: list[list[Paper]] = []
        for phase in self._bio_phases():
            ordered = self._representative(phase.paper_keys)
            led = sorted((p for p in ordered if p.owner_position in (OwnerPosition.FIRST,
                                                                     OwnerPosition.SOLE)),
                         key=lambda p: (p.key not in main, short_name(p) is None,
                                        self._date_rank[p.key]))
            # The first paper of each of its lines that says what it does.
            firsts = [next((p for p in self._by_date(keys) if self.realizer.fact(p)), None)
                      for _, keys in self._phase_lines(phase)]
            out.append([p for p in _unique(led + [f for f in firsts if f] + ordered)
                        if self.realizer.fact(p)])
        return out

    def _bio_lines(self) -> list[Topic]:
        """The main lines of work (main_lines), as many as a bio names."""
        return list(self._main_lines)

    @cached_property
    def _main_lines(self) -> tuple[Topic, ...]:
        """_bio_lines, found once: a bio's planning asks at every length it tries."""
        lines = main_lines(self.facts.topics)[:BIO_MAX_LINES]
        # A name the record uses all over does not tell its line apart: the opening names
        # the others (not the next largest in its place: that is a smaller line).
        return tuple([t for t in lines if self.distinct(t)] or lines[:1])

    def distinct(self, topic: Topic) -> bool:
        """Whether the line's name tells it apart: at least DISTINCT_SHARE of the papers
        that use it are the line's."""
        key = (topic.id, topic.label)
        if key not in self._distinct:
            said = name_users_form(topic.label)
            users = [k for k, p in self.papers.items() if self.paper_uses(p, said)]
            inside = [k for k in users if k in topic.paper_keys]
            self._distinct[key] = not users or len(inside) >= DISTINCT_SHARE * len(users)
        return self._distinct[key]

    def _opening_claims(self, count: int) -> list[Claim]:
        """"Zewen Chi's 36 papers, from 2019 to 2026, centre on X (13 papers) and Y
        (7 papers)": who, the record and its main lines of work, each with its size."""
        lines = self._bio_lines()[:count]
        keys = list(self.papers)
        span, dated = self._record_years
        sizes = [f"{t.label} ({_papers(len(t.paper_keys))})" for t in lines]
        head = f"{self.realizer.whose()} {_papers(len(keys))}"
        head += f", {span}," if span and dated else ""
        cited = _dedupe(k for t in lines for k in self._covering([t.label], t.paper_keys)[:1])
        # Lines that hold fewer than half the papers are some of the work, not its centre
        # (2 of a social scientist's 8 papers on Facebook).
        held = len({k for t in lines for k in t.paper_keys})
        verb = "centre on" if 2 * held >= len(keys) else "include work on"
        return [Claim(id="", text=f"{head} {verb} {join_and(sizes)}.",
                      keys=cited[:MAX_KEYS_PER_CLAIM])]

    @cached_property
    def _record_years(self) -> tuple[str, bool]:
        """The record's span of years ("from 2019 to 2026"), and whether every paper is
        dated: asked at every length a bio tries."""
        return (_years(*_min_max(p.year for p in self.papers.values())),
                all(p.year is not None for p in self.papers.values()))

    def _record_claims(self) -> list[Claim]:
        """The size of the record and its years with the owner's role in it (a bare count
        says nothing): the opening when no line of work has a name."""
        led = self._led_keys()
        if not led:
            return []
        count = len(self.papers)
        span, dated = self._record_years
        part = ("the only paper" if count == 1 else "both papers" if count == 2
                else f"all {count} papers") if len(led) == count else \
            f"{_of_them(len(led)).removesuffix(' them')} the {_papers(count)}"
        text = f"{self.realizer.who()} is the first author of {part} in this record"
        text += f", {span}." if span and dated else "."
        return [Claim(id="", text=text, keys=led[:2])]

    def _role_claims(self, works: Sequence[Paper], of_them: bool) -> list[Claim]:
        """"Chi is first author of 11 of them, including X (2020), which ...": the role,
        with the first signature work; the others follow, two to a sentence when short."""
        led = self._led_keys()
        if self.facts.alphabetical_authors:
            # The note, in the role's place: a reader would otherwise take "first author"
            # of the papers' own lists for a role.
            note = ALPHABETICAL_NOTE.format(whose=f"{self.realizer.who()}'s")
            return [Claim(id="", text=note, keys=[]), *self._sole_claims(),
                    *(self.realizer.papers(by_date(works)) if works else [])]
        if not led:
            return self.realizer.papers(by_date(works)) if works else []
        part = _of_them(len(led)) if of_them else f"{len(led)} of the {_papers(len(self.papers))}"
        # Not "is the first author of": the trajectory and the lines open so.
        lead = f"{self.realizer.who()} is first author of {part}"
        own = [p for p in by_date(works) if p.key in set(led)]
        others = [p for p in works if p.key not in set(led)]
        # The example goes in a "which" clause: one whose statement has no "which" of its own.
        fits = [p for p in own if whichable(self.realizer.fact(p))]
        if not fits:
            keys = led[:2]
            return [Claim(id="", text=f"{lead}.", keys=keys), *self._sole_claims(),
                    *self.realizer.papers(own),
                    *self.realizer.described(others)]
        first = fits[0]
        rest = [p for p in own if p is not first]
        name, fact = self.realizer.named(first, self.realizer.fact(first) or "", framed=False)
        text = f"{lead}, including {name}, which {fact}."
        return [Claim(id="", text=text, keys=[first.key], predicate=fact), *self._sole_claims(),
                *self.realizer.described([*rest, *others])]

    def _sole_claims(self) -> list[Claim]:
        """"9 of them have Lindqvist-Okoro as sole author", after the first-author count
        that holds them: a record mostly written alone (a historian's) reads otherwise as
        one led with co-authors. One such paper is called sole-authored where it is named."""
        keys = [p.key for p in self._by_date(self.facts.sole_author_keys)]
        if len(keys) < 2:
            return []
        return [Claim(id="", text=f"{opening_count(f'{len(keys)} of them')} have "
                                  f"{self.realizer.who()} as sole author.", keys=keys[:2])]

    def _senior_claims(self, said: set[str]) -> list[Claim]:
        """The papers the owner closes as last author, with one that says what it does and
        that the bio has not already told (`said`)."""
        keys = self.facts.last_author_keys
        # A sole author is also the last: the count holds both.
        count = len(keys) + len(self.facts.sole_author_keys)
        if len(keys) < 2:
            return []
        who = self.realizer.who()
        with_fact = [p for p in self._representative(keys)
                     if p.key not in said and whichable(self.realizer.fact(p))]
        if not with_fact:
            return [Claim(id="", text=f"{who} is the last author of {_papers(count)}.",
                          keys=[p.key for p in self._by_date(keys)][:2])]
        paper = with_fact[0]
        name, fact = self.realizer.named(paper, self.realizer.fact(paper) or "", framed=False)
        text = f"{who} is the last author of {_papers(count)}, including {name}, which {fact}."
        return [Claim(id="", text=text, keys=[paper.key])]

    def _collaborator_claims(self) -> list[Claim]:
        if not self.facts.top_collaborators:
            return []
        top = self.facts.top_collaborators[0]
        if top.papers < 2:
            return []
        # Every co-author tied for the most: naming one would make the others lesser.
        tied = [c for c in self.facts.top_collaborators if c.papers == top.papers]
        if len(tied) > 3:
            return []  # a list of names, not a fact worth a bio's sentence
        if len(tied) == 1:
            keys = [p.key for p in self._by_date(top.paper_keys)][:MAX_KEYS_PER_CLAIM - 1]
            text = f"The most frequent co-author is {top.name}, on {_papers(top.papers)}."
        else:
            each = max(1, (MAX_KEYS_PER_CLAIM - 1) // len(tied))
            keys = list(dict.fromkeys(p.key for c in tied
                                      for p in self._by_date(c.paper_keys)[:each]))
            text = (f"The most frequent co-authors are {join_and([c.name for c in tied])}, "
                    f"on {_papers(top.papers)} each.")
        return [Claim(id="", text=text, keys=keys)]

    def _phase_lines(self, phase: Phase) -> list[tuple[Topic, list[str]]]:
        """The phase's named lines of work, most papers in the phase first, with those papers."""
        memo = tuple(phase.paper_keys)
        if memo not in self._lines_of_phase:
            keys = set(phase.paper_keys)
            lines = [(t, tuple(k for k in t.paper_keys if k in keys)) for t in self.facts.topics
                     if t.named and not t.other]
            self._lines_of_phase[memo] = tuple(sorted([line for line in lines if line[1]],
                                                      key=lambda line: -len(line[1])))
        return [(t, list(k)) for t, k in self._lines_of_phase[memo]]

    def _recent_claims(self) -> list[Claim]:
        """The current focus: the last phase's leading line, with its share of the phase's
        papers ("Since 2025, the work has centred on X, with 6 of the 10 papers from 2025 to
        2026"), or the lines it spans when none leads. It cites the papers that open those
        lines: the count's span is checked through the count, and the phase's span through
        the phase the cited papers are in, so the phase's last paper, on neither, is not
        cited for them."""
        if len(self.facts.phases) < 2:
            return []
        phase = self.facts.phases[-1]
        count, span = len(phase.paper_keys), _span(phase)
        lines = self._phase_lines(phase)
        if not lines or count < 2:
            return []
        since = (f"Since {phase.start_year}, the work has centred on"
                 if phase.start_year != phase.end_year else f"In {phase.start_year}, the work "
                 f"centres on")
        topic, in_phase = lines[0]
        if _leads([len(k) for _, k in lines], count) and len(in_phase) > 1:
            keys = self._cover_label(topic, in_phase)
            share = (f"{len(in_phase)} of the {count} papers" if len(in_phase) < count
                     else "both papers" if count == 2 else f"all {count} papers")
            text = f"{since} {topic.label}, with {share} {span}."
            return [Claim(id="", text=text, keys=keys[:MAX_KEYS_PER_CLAIM])]
        lines = lines[:MAX_NEW_TOPICS]
        keys = _dedupe([k for t, in_phase in lines for k in self._cover_label(t, in_phase)])
        sizes = join_and([f"{t.label} ({_papers(len(k))})" for t, k in lines])
        text = f"The most recent work, {span}, spans {sizes}."
        return [Claim(id="", text=text, keys=keys[:MAX_KEYS_PER_CLAIM])]

    def _turn_bio_claims(self, phase: Phase, sized: Set[str] = frozenset()) -> list[Claim]:
        """A middle phase's new lines: "From 2022 to 2024, the work also takes up X (3 papers)
        and Y (2 papers)", lines of two papers or more that the phase before did not have; a
        line whose size the bio gave already (sized: ids) is named without it again."""
        index = self.facts.phases.index(phase)
        previous = self.facts.phases[index - 1]
        before = {t.id: len(k) for t, k in self._phase_lines(previous)}
        lines = self._phase_lines(phase)
        new = [(t, k) for t, k in lines if t.id not in before and len(k) > 1]
        if not new:
            # No line is new, but the lines the phase before touched now hold most of the
            # phase, a larger share than before: "From 2022 to 2024, the work concentrates
            # on manipulation (2 papers) and policies (2 papers)".
            size, size_before = len(phase.paper_keys), max(len(previous.paper_keys), 1)
            grown = [(t, k) for t, k in lines if len(k) > 1
                     and len(k) / size > before.get(t.id, 0) / size_before]
            if not grown or 2 * sum(len(k) for _, k in grown) <= size:
                return []
            new = grown
        verb = self._turn_verb([t for t, _ in new], before, previous, "also takes up")
        new = new[:MAX_NEW_TOPICS]
        keys = _dedupe(k for t, in_phase in new for k in self._cover_label(t, in_phase))
        sizes = join_and([t.label if t.id in sized else f"{t.label} ({_papers(len(k))})"
                          for t, k in new])
        text = f"{capitalized(_span(phase))}, the work {verb} {sizes}."
        return [Claim(id="", text=text, keys=keys[:MAX_KEYS_PER_CLAIM])]

    def _affiliation_claims(self) -> list[Claim]:
        names = self.facts.affiliations[:3]
        if not names:
            return []
        dated = self._by_date(self.papers)
        keys = [next(p.key for p in dated if name in p.affiliations) for name in names]
        text = f"Affiliations listed on the papers include {join_and(names)}."
        return [Claim(id="", text=text, keys=_dedupe(keys))]

    def _venue_claims(self) -> list[Claim]:
        """Where the papers appeared, as their sources name it (a speaker's introduction
        says so): up to three venues, those with the most papers first, then the most
        recent; only when two papers or more give a venue, and never a preprint server."""
        venues: dict[str, list[Paper]] = {}
        for paper in self._by_date(self.papers):  # oldest first
            if paper.venue and not _PREPRINT.search(paper.venue):
                venues.setdefault(paper.venue, []).append(paper)
        if sum(len(papers) for papers in venues.values()) < 2:
            return []
        chosen = sorted(venues.items(), key=lambda item: (
            -len(item[1]), -(item[1][-1].year or 0), item[0]))[:MAX_VENUES]
        text = (f"{self.realizer.whose()} papers have appeared in "
                f"{join_and([name for name, _ in chosen])}.")
        return [Claim(id="", text=text, keys=_dedupe(papers[-1].key for _, papers in chosen))]

    def _code_claims(self) -> list[Claim]:
        keys = [p.key for p in self._by_date(self.facts.code_available_keys)]
        if not keys:
            return []
        text = f"{_count_of_papers(len(keys))} link{'s' if len(keys) == 1 else ''} to code."
        return [Claim(id="", text=text, keys=keys[:MAX_KEYS_PER_CLAIM])]

    # --- choosing papers ---------------------------------------------------

    def _representative(self, keys: Iterable[str], by_relevance: bool = False) -> list[Paper]:
        """Papers worth naming first: the owner's own, then those stating results, then by date.

        With by_relevance the caller's order (a retrieval ranking) is kept instead."""
        papers = [self.papers[k] for k in keys if k in self.papers]
        if by_relevance:
            return papers
        led = (OwnerPosition.FIRST, OwnerPosition.SOLE)
        rank = self._date_rank  # by date, then key (by_date's order)
        return sorted(papers, key=lambda p: (p.owner_position not in led,
                                              self._figure(p) is None, rank[p.key]))

    def _covering(self, words: Sequence[str], keys: Sequence[str]) -> list[str]:
        """The fewest papers that between them use each of the words (greedy set cover):
        a label's support, with no paper cited that another already makes redundant."""
        memo = (tuple(words), tuple(keys))
        if memo not in self._covers:
            self._covers[memo] = tuple(self._cover(words, keys))
        return list(self._covers[memo])

    def _cover(self, words: Sequence[str], keys: Sequence[str]) -> list[str]:
        candidates = self._representative(keys)
        used = {p.key: {w for w in words if self.paper_uses(p, w)} for p in candidates}
        left = set().union(*used.values()) if used else set()
        chosen: list[str] = []
        while left and len(chosen) < MAX_KEYS_PER_CLAIM - 1:
            # max() keeps the first of equals: the representative order breaks ties.
            best = max(candidates, key=lambda p: len(used[p.key] & left))
            chosen.append(best.key)
            left -= used[best.key]
        return chosen

    def _span_keys(self, keys: Sequence[str]) -> list[str]:
        """The earliest and the latest paper: together they support a span of years."""
        dated = [p for p in self._by_date(keys) if p.year is not None]
        return _dedupe([dated[0].key, dated[-1].key]) if dated else []

    def _by_date(self, keys: Iterable[str]) -> list[Paper]:
        """by_date of the planner's papers with these keys (its order, from _date_rank)."""
        rank = self._date_rank
        return sorted((self.papers[k] for k in keys if k in self.papers),
                      key=lambda p: rank[p.key])

    def _figure(self, paper: Paper) -> str | None:
        """The paper's first stated result that reads as a phrase, not a bare number."""
        if paper.key not in self._first_figure:
            self._first_figure[paper.key] = next(
                (phrase for figure in self.facts.key_figures
                 if figure.paper_key == paper.key and (phrase := _figure_phrase(figure))), None)
        return self._first_figure[paper.key]

    def _topic(self, topic_id: str) -> Topic:
        return next(t for t in self.facts.topics if t.id == topic_id)


# Words after which a figure's context turns into a comparison the claim cannot finish.
_FIGURE_CUT = re.compile(r"\s+(?:compared|than|but|over|while|against|versus|vs|with|and|on|in|"
                         r"for|of|to|the|a|an|by|at|from)\b.*$", re.IGNORECASE)


_NOT_A_MEASURE = frozenset(["are", "is", "was", "were", "be", "of", "to"])


def _figure_phrase(figure: KeyFigure) -> str | None:
    """The figure and the words that say what it measures, cut before a dangling comparison;
    None when what is left is a bare number or holds markup such as LaTeX."""
    if has_markup(figure.text):
        return None
    end = figure.text.find(figure.value) + len(figure.value)
    after = _FIGURE_CUT.sub("", figure.text[end:])
    words = re.findall(r"[A-Za-z]{2,}", after)
    measure = re.sub(r"^(?:up to|about|around|approximately|nearly|over|only)\s+", "",
                     figure.text[:end], flags=re.IGNORECASE)
    if not words and re.search(r"[A-Za-z]{2,}", measure):
        return figure.text[:end]  # "BLEU-4 score of 55.2": the measure comes first
    # "90% are extremely rare" and "6x smaller respectively" need the sentence around them.
    if not words or words[0].lower() in _NOT_A_MEASURE or words[-1].lower() == "respectively":
        return None
    return figure.text[:end] + after


def _led_first(papers: Iterable[Paper]) -> list[Paper]:
    """The owner's own papers by date, then the others by date: the order a bio tells them."""
    led = (OwnerPosition.FIRST, OwnerPosition.SOLE)
    return sorted(papers, key=lambda p: (p.owner_position not in led, date_key(p), p.key))


def _claim_words(claims: Iterable[Claim]) -> int:
    """The words a reader sees: the claims' text, citation markers aside (they are keys)."""
    return sum(len(c.text.split()) for c in claims)


def _min_max(values: Iterable[int | None]) -> tuple[int | None, int | None]:
    known = [v for v in values if v is not None]
    return (min(known), max(known)) if known else (None, None)


def _outline(task: str, sections: list[Section]) -> Outline:
    """Number the claims c1, c2, ... across the whole outline."""
    n = 0
    for section in sections:
        for claim in section.claims:
            n += 1
            claim.id = f"c{n}"
    return Outline(task=task, sections=sections)


def uses(paper: Paper, phrase: str) -> bool:
    """The paper's title or abstract contains the phrase, case, hyphens and spacing aside."""
    return bool(phrase.strip()) and _fold(phrase) in _fold(f"{paper.title} {paper.abstract}")


def uses_name(paper: Paper, label: str) -> bool:
    """Whether the paper uses a line's name, as the planner counts its users: the name's
    users form (name_users_form), or its plural head in the singular (topics.singular_heads)."""
    form = name_users_form(label)
    return uses(paper, form) or any(uses(paper, v) for v in singular_heads(_fold(form)))


def name_users_form(label: str) -> str:
    """The form of a line's name that finds every paper using it: "electrolytes" is used by
    every paper that says "electrolyte", and the singular finds the plural too (uses()
    matches within words)."""
    return label[:-1] if re.search(r"[^su]s$", label) else label


def _fold(text: str) -> str:
    """Text as uses() compares it: case folded, hyphens and underscores as spaces, one
    space between words."""
    return " ".join(re.sub(r"[-_]", " ", text.casefold()).split())


def _label(topic: Topic) -> str:
    """A topic's name when its papers share one, else its keywords as "a, b and c"."""
    if topic.named or not topic.keywords:
        return topic.label
    return join_and(topic.keywords[:3])


def _label_words(topic: Topic) -> list[str]:
    """What a claim naming the topic must find in the papers it cites."""
    return [topic.label] if topic.named else topic.keywords[:3]


def _range(phase: Phase) -> str:
    """A phase as a heading: "2019–2023", or "2024"."""
    if phase.start_year == phase.end_year:
        return str(phase.start_year)
    return f"{phase.start_year}–{phase.end_year}"


def _leads(sizes: Sequence[int], count: int) -> bool:
    """Whether the first of a phase's lines (sizes: papers in the phase, most first) leads
    the phase of `count` papers: it holds at least half of them, and more than any other
    line. Half is enough ("5 of the 10 papers"): the count says the share, and a line that
    holds as many papers as the rest together is what the phase is about."""
    if not sizes or sizes[0] * 2 < count:
        return False
    return len(sizes) < 2 or sizes[0] > sizes[1]


def _span(phase: Phase) -> str:
    return _years(phase.start_year, phase.end_year)


def _years(first: int | None, last: int | None) -> str:
    if first is None or last is None:
        return ""
    return f"in {first}" if first == last else f"from {first} to {last}"


def _papers(count: int) -> str:
    return f"{count} paper" if count == 1 else f"{count} papers"


def _of_them(count: int) -> str:
    return "one of them" if count == 1 else f"{count} of them"


def _count_of_papers(count: int) -> str:
    return "One of the papers" if count == 1 else f"{count} of the papers"


def _keys_of(claims: Iterable[Claim]) -> list[str]:
    return _dedupe(k for c in claims for k in c.keys)


def _dedupe(keys: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(keys))


def _unique(papers: Iterable[Paper]) -> list[Paper]:
    return list({p.key: p for p in papers}.values())
