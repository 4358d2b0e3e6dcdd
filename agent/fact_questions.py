"""Questions of fact, answered exactly from the fact sheet and the records, without a model.

A rule per kind of question (papers per year, roles, code, co-authors, affiliations,
categories, the span of years, metrics, totals, when a line of work started), most
specific first. A question whose every word a rule understands gets that rule's
answer, whose sentences are true by construction; any other question is left to
retrieval and the model (None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from agent.models import (
    Collaborator,
    FactSheet,
    Paper,
    Profile,
    Record,
    Sentence,
    SentenceStatus,
)
from agent.names import normalize_name, same_person
from agent.realize import (MAX_QUOTED_WORDS, contribution, contributions, has_markup,
                           opening_count, reason_given, statement)
from agent.retrieve import Retriever
from agent.topics import HEAD_PREPOSITIONS
from agent.text import (ABSTRACTS_SAY, NOTICE_TITLE, OWN_WORK, SENTENCE_BREAK,
                        abstract_sentences, corrections, sampled_in, tested_on)
from agent.verify.analysis import KIND_PHRASES
from agent.verify.lexicon import _spaced
from agent.verify.record import (ALPHABETICAL_NOTE, absence_parts, content_stems, kind_named,
                                 silent_on, venue_matches, word_user)

# A sentence citing more papers than this reads as a list, not prose.
MAX_KEYS_PER_SENTENCE = 6
# Titles named one by one in a listing; the rest are counted.
MAX_LISTED = 12


class FactAnswer(Record):
    """An answer computed from the fact sheet and the records; no model wrote it."""

    question_kind: str
    sentences: list[Sentence]


# --- answers from the fact sheet -------------------------------------------------------

# Words any question of fact may carry without changing what it asks.
_FILLER = frozenset(
    "how many much what which who whom whose when where is are was were be been being do "
    "does did done has have had having the a an of in on at to for from by as this that "
    "these those there their her his its she he they them it i me you we us our my your "
    "s please tell show give list name names count number numbers total overall altogether "
    "all any some record records profile page listed here papers paper publications "
    "publication articles article works work published publish publishes publishing wrote "
    "write writes written so far far ever exactly currently can could would will shall "
    "dr prof professor person researcher scholar author group lab team and or".split()
)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_WORD = re.compile(r"[a-z0-9]+")
_WANTS_LIST = re.compile(r"\b(which|list|what are|name|names|show|titles?)\b")
_HOW_MANY = re.compile(r"\b(how many|number of|count)\b")


@dataclass(frozen=True)
class _Asked:
    """A question as the rules see it: lower-cased text and its words."""

    text: str
    original: str  # same text, case kept, for quoting the user's own words back
    words: tuple[str, ...]
    owner_words: frozenset[str]

    def only(self, allowed: Iterable[str], years_allowed: bool = False) -> bool:
        """True when every word is filler, the owner's name or one of the rule's words."""
        extra = set(self.words) - _FILLER - self.owner_words - set(allowed)
        if years_allowed:
            extra = {w for w in extra if not _YEAR.fullmatch(w)}
        return not extra


class _Facts:
    """The profile and its fact sheet, with the sentence helpers every rule shares."""

    def __init__(self, profile: Profile, facts: FactSheet, retriever: Retriever | None) -> None:
        self.profile = profile
        self.facts = facts
        self.owner = facts.owner
        self.by_key = {p.key: p for p in profile.papers}
        self._retriever = retriever

    @property
    def retriever(self) -> Retriever:
        """Built on first use: only a topic question needs one."""
        if self._retriever is None:
            self._retriever = Retriever(self.profile, self.facts)
        return self._retriever

    def by_date(self, keys: Iterable[str]) -> list[Paper]:
        """Papers oldest first, undated last, then by key: "the first ones" are stable."""
        papers = [self.by_key[k] for k in keys if k in self.by_key]
        return sorted(papers, key=lambda p: (p.date is None, p.date or dt.date.min, p.key))

    def first_keys(self, keys: Iterable[str]) -> list[str]:
        """The earliest few keys: enough to support a count, few enough to read."""
        return [p.key for p in self.by_date(keys)[:MAX_KEYS_PER_SENTENCE]]

    def span_keys(self) -> list[str]:
        """The earliest and latest dated papers: together they support the span of years."""
        dated = [p for p in self.by_date(self.by_key) if p.date is not None]
        return list(dict.fromkeys([dated[0].key, dated[-1].key])) if dated else []

    def span(self) -> str:
        """The record's years in words: "2019 to 2026", or one year."""
        first, last = self.facts.first_year, self.facts.last_year
        return str(first) if first == last else f"{first} to {last}"

    def listing(self, papers: Sequence[Paper]) -> list[Sentence]:
        """Titles in date order, six to a sentence, the rest counted."""
        shown = papers[:MAX_LISTED]
        sentences = []
        for start in range(0, len(shown), MAX_KEYS_PER_SENTENCE):
            chunk = shown[start:start + MAX_KEYS_PER_SENTENCE]
            lead = ("It is" if len(papers) == 1 else "By date, they are") if start == 0 \
                else "They also include"
            sentences.append(_sentence(f"{lead} {_and([_titled(p) for p in chunk])}.",
                                       [p.key for p in chunk]))
        if len(papers) > len(shown):
            rest = len(papers) - len(shown)
            sentences.append(_sentence(f"The other {rest} are not listed here."))
        return sentences

    def undated(self) -> list[Paper]:
        """The papers without a date, by key."""
        return [p for p in self.by_date(self.by_key) if p.date is None]

    def dated_count(self) -> Sentence:
        """The record's count and the span of its dates, which is not every paper's when
        some carry none ("6 papers ..., dated 2019 to 2024" would count the undated one)."""
        facts = self.facts
        text = f"{self.owner} has {_count(facts.paper_count, 'paper')} in this record"
        if facts.first_year is None:
            text += "."
        elif undated := self.undated():
            dated = facts.paper_count - len(undated)
            text += f"; {dated} of them {'is' if dated == 1 else 'are'} dated, from {self.span()}."
        else:
            text += f", dated {self.span()}."
        return _sentence(text, self.span_keys())

    def undated_note(self) -> list[Sentence]:
        """The papers without a date, by title: no count by year includes them."""
        undated = self.undated()
        if not undated:
            return []
        shown = undated[:MAX_KEYS_PER_SENTENCE]
        if len(undated) == 1:
            text = f'"{undated[0].title}" is undated.'
        else:
            more = ", among others" if len(undated) > len(shown) else ""
            titles = _and([f'"{p.title}"' for p in shown])
            text = f"{len(undated)} papers in this record are undated: {titles}{more}."
        return [_sentence(text, [p.key for p in shown])]


def _sentence(text: str, keys: Sequence[str] = ()) -> Sentence:
    """A sentence taken straight from the facts: exact by construction, and no model's
    (planned)."""
    return Sentence(text=text, keys=list(keys), status=SentenceStatus.PLANNED)


def _count(n: int, noun: str) -> str:
    """ "1 paper", "3 papers"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _leading_papers(n: int) -> str:
    """A count of papers that opens a sentence, spelled out as prose spells one up to ten
    ("One paper", "Three papers", "12 papers"), as the answers' own leads are
    (realize.opening_count); verify/record.py reads these leads exactly."""
    return "One paper" if n == 1 else opening_count(_count(n, "paper"))


def _and(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _titled(paper: Paper) -> str:
    """A title in quotes with its year, as the record states them."""
    return f'"{paper.title}" ({paper.year if paper.year is not None else "undated"})'


def _quoting(found: Sequence[tuple[Paper, str]]) -> list[Sentence]:
    """Each paper by title and year with its abstract's own sentence, quoted, by the order
    given; past MAX_LISTED, the rest counted."""
    sentences = [_sentence(f'{_titled(paper)}: "{said.rstrip(".")}."', [paper.key])
                 for paper, said in found[:MAX_LISTED]]
    if len(found) > MAX_LISTED:
        sentences.append(_sentence(f"The other {len(found) - MAX_LISTED} are not listed here."))
    return sentences


def _possessive(name: str) -> str:
    """ "Zewen Chi's"; "Tove Marchbanks's" too, as the rest of the prose writes it
    (Realizer.whose): one answer said "Marchbanks'" beside a report's "Marchbanks's"."""
    return f"{name}'s"


def _asked(question: str, owner: str) -> _Asked:
    """Normalise a question once for every rule."""
    original = " ".join(question.replace("’", "'").split())
    text = original.lower()
    if len(text) != len(original):  # a rare letter whose lower case is longer
        original = text
    # Words folded as names are ("Brännström" is "brannstrom"), so that the owner's name
    # in the question is the owner's, not three fragments no rule knows.
    return _Asked(text=text, original=original,
                  words=tuple(_WORD.findall(normalize_name(original))),
                  owner_words=frozenset(normalize_name(owner).split()))


def answer_from_facts(question: str, profile: Profile, facts: FactSheet,
                      retriever: Retriever | None = None) -> FactAnswer | None:
    """Answer a question of fact exactly, or None when it needs retrieval and a model.

    Pass the caller's Retriever to save building another for a topic question.
    """
    asked = _asked(question, facts.owner)
    known = _Facts(profile, facts, retriever)
    for rule in _RULES:
        answer = rule(asked, known)
        if answer is not None:
            return answer
    return None


# --- the rules, most specific first ----------------------------------------------------

# Phrasings of "when did work on X start"; each captures X as "topic".
_TOPIC_START = [re.compile(p) for p in (
    r"\b(?:first|earliest|oldest)\s+(?:paper|publication|article|work)s?\s+"
    r"(?:on|about|in|regarding|concerning|related to|dealing with)\s+(?P<topic>.+)",
    r"\bwhen(?:\s+and\s+(?:why|how))?\s+did\s+(?:[\w'’-]+\s+)?(?:work|research|papers?|"
    r"publications?)\s+(?:on|about|in)\s+(?P<topic>.+?)\s+(?:start|begin|commence)",
    r"\bwhen(?:\s+and\s+(?:why|how))?\s+did\s+(?:.+?\s+)?(?:start|begin|first)\s+(?:to\s+)?"
    r"(?:\w+\s+)?(?:on|about|in)\s+(?P<topic>.+)",
    # "When did she start using handwritten text recognition?": what she took up.
    # "When did she start running intervention studies?": the studies she took up.
    r"\bwhen(?:\s+and\s+(?:why|how))?\s+did\s+(?:.+?\s+)?(?:start|begin)\s+(?:to\s+use\s+|"
    r"using\s+|applying\s+|developing\s+|studying\s+|running\s+|conducting\s+|"
    r"building\s+|designing\s+|to\s+(?:run|conduct|build|design|study|develop)\s+)"
    r"(?P<topic>.+)",
    r"\bsince\s+when\s+(?:has|have|does|do|did|is|was)\s+(?:.+?\s+)?"
    r"(?:work\w*|publish\w*|research\w*|writ\w*|wrote|been\s+\w+ing)\s+(?:on|about|in)\s+"
    r"(?P<topic>.+)",
    r"\bhow\s+long\s+(?:has|have)\s+(?:.+?\s+)?been\s+\w+ing\s+(?:on|about|in)\s+(?P<topic>.+)",
    # "When did her work turn to wastewater?": when the work on it started; also "turn from
    # model-based control to learning", the work it turned to.
    # "When and why did they move into antibiotic efflux?" too: the when of it.
    r"\bwhen(?:\s+and\s+(?:why|how))?\s+did\s+(?:.+?\s+)?(?:turn|move|shift|switch|pivot)\s+"
    r"(?:(?:away\s+)?from\s+.+?\s+)?(?:to|towards|into)\s+(?P<topic>.+)",
    # "Why did she move into instrument and data calibration?": when, and the why.
    r"^why\s+did\s+(?:.+?\s+)?(?:turn|move|shift|switch|pivot|go)\s+"
    r"(?:(?:away\s+)?from\s+.+?\s+)?(?:to|towards|into)\s+(?P<topic>.+)",
    r"^why\s+did\s+(?:.+?\s+)?(?:start|begin)\s+(?:to\s+)?(?:\w+\s+)?(?:on|about|in)\s+"
    r"(?P<topic>.+)",
)]
# "..., and why?": the start is dated, and the why asked apart (_why_sentence).
_TOPIC_TAIL = re.compile(r"(?:\s+(?:in|within)\s+(?:this|the|her|his|their)\s+"
                         r"(?:record|profile))?(?:,?\s+and\s+(?:why|how))?[\s?.!]*$", re.I)
_ASKS_WHY = re.compile(r"\bwhy\b")
_TOPIC_HEAD = re.compile(r"^(?:the|a|an)\s+", re.I)


# Words for a way of working that a topic may end in without a paper using them.
_WAYS = frozenset("method methods approach approaches technique techniques study studies "
                  "research".split())


def _topic_start(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The earliest paper on a topic, found by retrieval and by the topic's own words.

    "The first paper on X" and "the first paper that says X" differ, so both
    are found. A paper is *on* the topic as Retriever.on_topic decides: its
    title states the topic, or it uses every word of the topic and scores high
    for it. A phrase stated only in an abstract is a *mention*: "question
    answering" appears in MT6's abstract (2021) as one of its benchmarks, a year
    before DiverseQA, the first paper about it. When a mention comes before the
    first paper on the topic, both are given.

    Checked on the example by reading it: "reinforcement learning" first
    appears in the abstract of "Optimizing Prompts for Text-to-Image
    Generation" (Dec 2022), which trains its prompt policy with reinforcement
    learning and scores .132 (.71 of the best), so it is the first paper on the
    topic, not just a mention; the words reach a title only in 2025.
    """
    topic = _topic_of(asked)
    if topic is None:
        return None
    retriever = known.retriever
    on, mentioned = set(retriever.on_topic(topic)), {m.key for m in retriever.mentions(topic)}
    term = None
    if (words := topic.split())[-1].lower() in _WAYS and len(words) > 1:
        # "When did their work turn to time-resolved methods?": a paper on time-resolved
        # cryo-EM is on them, whether or not its abstract says "methods" (the answer gave
        # a 2025 dataset paper that did, not the 2024 device that began the work).
        shorter = " ".join(words[:-1])
        on |= set(retriever.on_topic(shorter))
        if not mentioned and (more := {m.key for m in retriever.mentions(shorter)}):
            # "intervention studies", which a 2019 trial calls "intervention research": an
            # earlier mention is told by the term the papers use.
            term, mentioned = shorter, more
    if len(parts := absence_parts(topic)) > 1:
        # "When did her work turn to property testing and sublinear algorithms?": no paper
        # is on both at once; the work turned when it took up either, and the answer names
        # the one its earliest paper is on. So too when a later paper is on both ("lead
        # leaching and recycling": a 2025 review; leaching began in 2022).
        found = [(first[0], part, set(keys)) for part in parts
                 if (first := _earliest(known, keys := set(retriever.on_topic(part))))]
        both = _earliest(known, on)
        if found and (not on and not mentioned or both and (
                min(f[0].date or dt.date.max for f in found) < (both[0].date or dt.date.max))):
            _, topic, on = min(found, key=lambda f: (f[0].date or dt.date.max, f[1]))
            mentioned, term = {m.key for m in retriever.mentions(topic)}, None
    unsaid: list[Sentence] = []
    if not on and not mentioned and (narrower := _narrower(known, topic)) is not None:
        # "When did he start working on misinformation corrections?": no paper uses the
        # word "misinformation", and saying the record holds no paper on corrections
        # would be false; the words no paper uses are said so, and the start is dated by
        # the rest ("corrections"), or by what an analysis is of ("legislative speeches"
        # of "text-as-data analysis of legislative speeches").
        unused, topic = narrower
        on, mentioned = set(retriever.on_topic(topic)), {m.key for m in retriever.mentions(topic)}
        term = None
        unsaid = [_sentence(f"No paper in the record of {known.owner} uses the "
                            f"{'word' if len(unused.split()) == 1 else 'words'} "
                            f"\u201c{unused}\u201d.")] if unused else []
    sentences = unsaid + _topic_sentences(known, topic, on, mentioned - on, term)
    if _ASKS_WHY.search(asked.text) and (why := _why_sentence(known, on, mentioned,
                                                              term or topic)) is not None:
        sentences.append(why)
    return FactAnswer(question_kind="topic_start", sentences=sentences)


def _why_sentence(known: _Facts, on: set[str], mentioned: set[str] = frozenset(),
                  topic: str = "") -> Sentence | None:
    """Why the work on a topic began, in the words of its earliest paper (or of an earlier
    one that mentions it: a 2019 trial of "intervention research", before the first paper
    on interventions): the abstract's sentence that gives its reason, one that names the
    topic first (realize.reason_given), quoted; None when it gives none, for the reason is
    the paper's to say, not the answer's to guess."""
    for paper in [*_earliest(known, on | mentioned), *_earliest(known, on)]:
        if (said := reason_given(paper, topic)) is not None:
            return _sentence(f'{_titled(paper)} says why: "{said.rstrip(".")}."',
                             [paper.key])
    return None


# The prepositions after a topic's head noun: a line name's, and those a question adds.
_OF_WORDS = HEAD_PREPOSITIONS | {"about", "to", "into"}
# Heads of a topic that name a way of studying what follows their "of": "analysis of
# legislative speeches" is work on legislative speeches.
_STUDY_OF = re.compile(r"^(?:.*\s)?(?:analys[ie]s|stud(?:y|ies)|model(?:l)?ing|measurement|"
                       r"survey|monitoring|mapping)\s+of\s+(?P<what>.+)$", re.I)


def _narrower(known: _Facts, topic: str) -> tuple[str, str] | None:
    """The part of a topic no paper is on that some paper is: without the words no paper
    uses ("misinformation" of "misinformation corrections"), or what an analysis is of;
    with the words left out (empty when none is). None when no part is on any paper."""
    words = topic.split()
    # Unused as the sentence that says so is checked (record.word_user): a word with no
    # content stem ("of") is none to leave out.
    papers = list(known.by_key.values())
    unused = [i for i, w in enumerate(words) if content_stems(w)
              and word_user(w, papers) is None]
    # Only words that qualify the topic's head, before it, may go: "misinformation" of
    # "misinformation corrections"; not the head ("folding" of "protein folding": the
    # record's papers on protein are not on folding), nor what follows it ("earnest" of
    # "cross-lingual pre-training in earnest").
    head = next((i - 1 for i, w in enumerate(words) if i and w.lower() in _OF_WORDS),
                len(words) - 1)
    candidates = []
    if unused and all(i < head for i in unused):
        candidates.append((" ".join(words[i] for i in unused),
                           " ".join(w for i, w in enumerate(words) if i not in unused)))
    elif not unused:
        # Every word is the record's, but no paper is on them together: "antibiotic
        # efflux", where the papers write "multidrug efflux pump"; the head with fewer of
        # its qualifiers ("efflux") dates the start, and the sentence names it so.
        # Not down to the bare head of a longer topic: "maternal mental health" is no work
        # on "health" (of 11 of 15 papers, on community health workers).
        candidates += [("", " ".join(words[k:])) for k in range(1, head + 1)
                       if len(words) < 3 or len(words) - k >= 2]
    if (of := _STUDY_OF.match(topic)) is not None:
        candidates.append(("", of["what"]))
    for unsaid, part in candidates:
        if known.retriever.on_topic(part) or known.retriever.mentions(part):
            return unsaid, part
    if len(parts := absence_parts(topic)) > 1:
        # "instrument and data calibration": each part narrowed on its own ("calibration").
        return next((found for part in parts if (found := _narrower(known, part))), None)
    return None


def _topic_of(asked: _Asked) -> str | None:
    """The topic a "when did work on X start" question names, in the asker's own case."""
    for pattern in _TOPIC_START:
        match = pattern.search(asked.text)
        if not match:
            continue
        start, end = match.span("topic")
        topic = _TOPIC_TAIL.sub("", asked.original[start:end]).strip()
        topic = _TOPIC_HEAD.sub("", topic, count=1)
        if topic and not _YEAR.fullmatch(topic) and set(_WORD.findall(topic.lower())) - _FILLER:
            return topic
    return None


def _topic_sentences(known: _Facts, topic: str, on_topic: set[str],
                     mentioned: set[str], term: str | None = None) -> list[Sentence]:
    """The earliest paper on the topic, and an earlier mention when there is one (of the
    term, when the papers mention the topic by a shorter one)."""
    term = term or topic
    first_on = _earliest(known, on_topic)
    first_mention = _earliest(known, mentioned)
    if first_on:
        sentences = [_earliest_sentence(f"The earliest paper on {topic} in the record is",
                                        f"The earliest papers on {topic} in the record are",
                                        first_on)]
        if first_mention and _before(first_mention[0], first_on[0]):
            # In the record's framing words ("uses the term"), which any paper bears
            # out: "mentions ... in its abstract" were two words no abstract says.
            sentences.append(_earliest_sentence(
                f"An earlier paper uses the term {term}:",
                f"Earlier papers use the term {term}:", first_mention))
        return sentences
    if first_mention:
        return [_earliest_sentence(
            # "to mention it" was a word no abstract bears out, and the sentence failed.
            f"No paper in the record is mainly about {topic}; the earliest to use the term is",
            f"No paper in the record is mainly about {topic}; the earliest to use the term are",
            first_mention)]
    if on_topic or mentioned:  # found, but none of them carries a date
        keys = known.first_keys(on_topic | mentioned)
        return [_sentence(f"The papers on {topic} in the record carry no date, "
                          "so none can be called the earliest.", keys)]
    return [_sentence(f"{_possessive(known.owner)} record holds no paper on {topic}.")]


def _before(a: Paper, b: Paper) -> bool:
    """Whether a is dated strictly before b."""
    return a.date is not None and b.date is not None and a.date < b.date


def _earliest(known: _Facts, keys: set[str]) -> list[Paper]:
    """The dated papers sharing the earliest date among the keys."""
    dated = [p for p in known.by_date(keys) if p.date is not None]
    return [p for p in dated if p.date == dated[0].date] if dated else []


def _earliest_sentence(one: str, several: str, papers: Sequence[Paper]) -> Sentence:
    """ "<lead> "<title>" (<year>)." for one paper or several on the same date."""
    shown = papers[:MAX_KEYS_PER_SENTENCE]
    lead = one if len(papers) == 1 else several
    return _sentence(f"{lead} {_and([_titled(p) for p in shown])}.", [p.key for p in shown])


_PER_YEAR = re.compile(r"\b(?:per|each|every|by)\s+year\b|\byearly\b|\bannual(?:ly)?\b"
                       r"|\bbreakdown\b|\bin which years?\b")


def _per_year(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """Papers in every year of the record, from the fact sheet's year counts."""
    if not _PER_YEAR.search(asked.text) or _YEAR.search(asked.text):
        return None
    if not asked.only({"per", "each", "every", "by", "year", "years", "yearly", "annual",
                       "annually", "breakdown", "distribution", "distributed", "over", "time"}):
        return None
    counts = known.facts.papers_per_year
    if not counts:
        return FactAnswer(question_kind="papers_per_year", sentences=[
            _sentence(f"None of {_possessive(known.owner)} papers in this record carries a date.")])
    parts = [f"{_count(c.count, 'paper')} dated {c.year}" if i == 0 else f"{c.count} dated {c.year}"
             for i, c in enumerate(counts)]
    text = f"{known.owner} has {_and(parts)} in this record."
    return FactAnswer(question_kind="papers_per_year",
                      sentences=[_sentence(text, known.span_keys()), *known.undated_note()])


_RANGE = re.compile(r"\b(?:between\s+(?P<a1>\d{4})\s+and\s+(?P<b1>\d{4})"
                    r"|from\s+(?P<a2>\d{4})\s+(?:to|until|till|through)\s+(?P<b2>\d{4})"
                    r"|(?P<a3>\d{4})\s*(?:-|–|to|through)\s*(?P<b3>\d{4}))\b")
_SINCE = re.compile(r"\bsince\s+(?P<a>\d{4})\b")
_PAPER_WORDS = re.compile(r"\b(?:papers?|publications?|articles?|publish\w*|wrote|written|"
                          r"how many)\b")


def _papers_in_years(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The exact count of papers dated in a year or a range of years."""
    years = _years_asked(asked, known)
    if years is None or not _PAPER_WORDS.search(asked.text):
        return None
    if not asked.only({"between", "and", "from", "until", "till", "through", "since", "year",
                       "during", "inclusive", "inclusively", "both", "included", "produce",
                       "produced", "put", "out", "appear", "appeared", "come", "came"},
                      years_allowed=True):
        return None
    first, last = years
    keys = [p.key for p in known.by_date(known.by_key)
            if p.year is not None and first <= p.year <= last]
    when = str(first) if first == last else f"{first} to {last}"
    if keys:
        text = f"{known.owner} has {_count(len(keys), 'paper')} dated {when} in this record."
        sentences = [_sentence(text, known.first_keys(keys))]
    else:
        text = f"{known.owner} has no papers dated {when} in this record"
        text += (", and none of its papers carries a date." if known.facts.first_year is None
                 else f", which spans {known.span()}.")
        sentences = [_sentence(text, known.span_keys())]
    return FactAnswer(question_kind="papers_in_year", sentences=sentences + known.undated_note())


def _years_asked(asked: _Asked, known: _Facts) -> tuple[int, int] | None:
    """The first and last year a question asks about, or None when it names none."""
    span = _RANGE.search(asked.text)
    if span:
        a, b = (int(next(g for g in pair if g)) for pair in
                ((span["a1"], span["a2"], span["a3"]), (span["b1"], span["b2"], span["b3"])))
        return (min(a, b), max(a, b))
    since = _SINCE.search(asked.text)
    if since:
        return (int(since["a"]), max(int(since["a"]), known.facts.last_year or 0))
    years = {int(y) for y in _YEAR.findall(asked.text)}
    if len(years) != 1:
        return None
    year = years.pop()
    return (year, year)


# "as last (senior) author": the second word in brackets names the same role.
_ROLE = re.compile(r"\b(?P<role>first|last|sole|single|lead|senior)(?:\s*\(\s*(?:first|last|sole|"
                   r"single|lead|senior)\s*\))?[\s-]*authors?(?:ed|ship)?\b"
                   # "written alone", "by herself", "without co-authors": sole authorship
                   r"|\b(?P<alone>alone|solo|by (?:herself|himself|themselves|themself)|"
                   r"on (?:her|his|their) own|without (?:any )?co-?authors?)\b")
_ROLE_WORDS = {"first", "last", "sole", "single", "lead", "senior", "author", "authors",
               "authored", "authorship", "position", "positions", "role", "roles", "as", "on",
               "led", "listed", "alone", "solo", "herself", "himself", "themselves", "themself",
               "without", "co", "coauthor", "coauthors", "own", "anything", "something",
               # "Is she ever sole author, and what does her position in author lists mean?"
               "ever", "lists", "list", "order", "mean", "means", "tell", "tells"}
# "... and what does it argue?": what the papers say, asked with their role.
_SAYS = re.compile(r"\b(?:argue|argues|say|says|claim|claims|propose|proposes|find|finds|"
                   r"show|shows|about)\b")
_SAYS_WORDS = {"argue", "argues", "say", "says", "claim", "claims", "propose", "proposes",
               "find", "finds", "show", "shows", "about"}


def _author_role(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """Papers where the owner is first, last or sole author, with the hidden positions."""
    match = _ROLE.search(asked.text)
    if not match or not asked.only(_ROLE_WORDS | _SAYS_WORDS):
        return None
    role = "sole" if match["alone"] else {"lead": "first", "senior": "last",
                                             "single": "sole"}.get(match["role"], match["role"])
    facts = known.facts
    keys = {"first": facts.first_author_keys, "last": facts.last_author_keys,
            "sole": facts.sole_author_keys}[role]
    total = facts.paper_count
    sole = facts.sole_author_keys
    if role in ("first", "last"):  # a sole author is its paper's first and last author too
        keys = [*keys, *(k for k in sole if k not in keys)]
    if total == 1:  # not "1 of the 1 papers"
        text = f"{known.owner} is {'' if keys else 'not '}{role} author of the only paper in " \
               f"this record"
    else:
        count = f"{len(keys)} of the {total}" if keys else f"none of the {total}"
        text = f"{known.owner} is {role} author of {count} papers in this record"
    if role in ("first", "last") and sole:
        text += ", as its sole author" if total == 1 else f", {len(sole)} of them as sole author"
    sentences = [_sentence(f"{text}.", known.first_keys(keys))]
    if facts.alphabetical_authors and (role in ("first", "last")
                                       or re.search(r"\b(?:position|order|lists?)\b", asked.text)):
        # The count is true, and says nothing: a reader would take it for a role.
        sentences.append(_sentence(ALPHABETICAL_NOTE.format(whose=_possessive(known.owner))))
    if _SAYS.search(asked.text) and keys:
        # "Has she written anything on her own, and what does it argue?": each paper, with
        # what its abstract says it does, in its own words.
        for paper in known.by_date(keys)[:MAX_LISTED]:
            does = contribution(paper) or statement(paper)
            sentences.append(_sentence(f"{_titled(paper)} {does}." if does
                                       else f"{_titled(paper)} is one.", [paper.key]))
    elif _WANTS_LIST.search(asked.text) and keys:
        sentences += known.listing(known.by_date(keys))
    hidden = facts.unknown_position_keys
    if hidden:  # a count of the record, checked against its author lists: no citation
        sentences.append(_sentence(
            f'On {len(hidden)} of the {total} papers the author list ends in "et al." before '
            f"{_possessive(known.owner)} name, so the record cannot tell "
            f"{_possessive(known.owner)} position on {'it' if len(hidden) == 1 else 'them'}."))
    return FactAnswer(question_kind="author_role", sentences=sentences)


_CODE = re.compile(r"\bcode\b|\bgithub\b|\bopen[\s-]?sourced?\b|\bimplementations?\b"
                   r"|\brepositor(?:y|ies)\b")
_CODE_WORDS = {"code", "codes", "source", "open", "sourced", "github", "implementation",
               "implementations", "repository", "repositories", "repo", "repos", "release",
               "released", "releases", "available", "availability", "public", "publicly",
               "with", "come", "comes", "provide", "provided", "provides", "share", "shared",
               "link", "links", "linked"}


def _code(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """Papers marked as having code, from the record's own code flag."""
    if not _CODE.search(asked.text) or not asked.only(_CODE_WORDS):
        return None
    return FactAnswer(question_kind="code", sentences=_code_sentences(asked, known))


def _code_sentences(asked: _Asked, known: _Facts) -> list[Sentence]:
    """How many papers have code (the record's code flag), and which."""
    keys = known.facts.code_available_keys
    total = known.facts.paper_count
    if not keys:
        text = (f"None of {_possessive(known.owner)} {_count(total, 'paper')} in this record "
                "has code available.")
        return [_sentence(text)]
    text = (f"{opening_count(f'{len(keys)} of')} {_possessive(known.owner)} {total} papers in "
            f"this record {'has' if len(keys) == 1 else 'have'} code available.")
    sentences = [_sentence(text, known.first_keys(keys))]
    if not _HOW_MANY.search(asked.text):
        sentences += known.listing(known.by_date(keys))
    return sentences


_COAUTHOR = re.compile(r"\bco-?authors?\b|\bco-?author\w*|\bcollaborat\w*|\bpartners?\b"
                       r"|\b(?:work|works|worked|working|publish\w*|write|writes|wrote|written|"
                       r"writing)\s+"
                       r"(?:most\s+(?:often\s+)?)?with\b")
_COAUTHOR_WORDS = {"co", "coauthor", "coauthors", "coauthored", "author", "authors", "authored",
                   "collaborator", "collaborators", "collaborate", "collaborates", "collaborated",
                   "collaborating", "collaboration", "collaborations", "partner", "partners",
                   "most", "frequent", "frequently", "often", "top", "main", "closest", "common",
                   "commonly", "usual", "usually", "with", "times", "people", "distinct",
                   "different", "unique", "key", "primary", "biggest", "largest",
                   # "most frequent / longest-standing collaborator": answered by the count
                   "longest", "standing", "long", "regular", "regularly", "or"}


def _coauthors(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The most frequent co-authors, or how many there are, among the visible authors."""
    if not _COAUTHOR.search(asked.text) or not asked.only(_COAUTHOR_WORDS):
        return None
    if _HOW_MANY.search(asked.text):
        return FactAnswer(question_kind="coauthor_count",
                          sentences=[_coauthor_count(known), *_visible_note(known)])
    people = known.facts.top_collaborators
    if not people:
        return FactAnswer(question_kind="top_coauthors",
                          sentences=[_sentence("No co-author is visible in this record.")])
    top = [c for c in people if c.papers == people[0].papers]
    rest = people[len(top):len(top) + 3]
    sentences = [_top_sentence(known, top)]
    if rest:
        parts = [f"{c.name} ({_count(c.papers, 'paper')})" for c in rest]
        # Two co-authors may share their earliest papers: each key once.
        keys = list(dict.fromkeys(k for c in rest for k in known.first_keys(c.paper_keys)[:2]))
        sentences.append(_sentence(f"Next come {_and(parts)}.", keys[:MAX_KEYS_PER_SENTENCE]))
    return FactAnswer(question_kind="top_coauthors", sentences=sentences + _visible_note(known))


# "Has Chi worked with Furu Wei?", "Did she ever collaborate with Li Dong?": the person
# named after "with" (as the question capitalises it), or a co-author the question names.
_WITH_PERSON = re.compile(r"\bwith\s+((?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?\.?\s+){1,3}"
                          r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z]+)?)\b")


def _coauthor_named(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """Whether the owner has published with a named person, from the author lists; an
    author hidden behind "et al." is said to be possible, not ruled out."""
    if not _COAUTHOR.search(asked.text):
        return None
    people = {normalize_name(a): a for p in known.profile.papers for a in p.authors
              if normalize_name(a) and not same_person(a, known.owner)}
    text = f" {' '.join(asked.words)} "
    named = [a for norm, a in people.items() if len(norm.split()) > 1 and f" {norm} " in text]
    asked_name = _WITH_PERSON.search(asked.original)
    if not named and (asked_name is None or _in_papers(asked_name.group(1), known)):
        return None  # "worked with tactile sensing", "with Stable Diffusion": a topic
    if named:
        person = max(named, key=len)
        keys = [p.key for p in known.by_date(known.by_key)
                if any(same_person(a, person) for a in p.authors)]
        years = sorted({known.by_key[k].year for k in keys if known.by_key[k].year})
        span = "" if not years else (f", in {years[0]}" if years[0] == years[-1]
                                    else f", from {years[0]} to {years[-1]}")
        listing = bool(_WANTS_LIST.search(asked.text))
        text = (f"{'' if listing else 'Yes: '}{person} is a co-author of "
                f"{_count(len(keys), 'paper')} in this record{span}.")
        # The earliest two and the latest: they show the span, and each is with the person.
        shown = list(dict.fromkeys([*keys[:2], keys[-1]]))
        sentences = [_sentence(text, shown)]
        if listing:
            sentences += known.listing(known.by_date(keys))
        elif len(keys) <= 3:
            sentences.append(_sentence(f"{'It is' if len(keys) == 1 else 'They are'} "
                                       f"{_and([_titled(known.by_key[k]) for k in keys])}.",
                                       keys))
        return FactAnswer(question_kind="coauthor_named",
                          sentences=sentences + _visible_note(known))
    person = asked_name.group(1).rstrip(".'’")
    cut = [p.key for p in known.profile.papers if p.authors_truncated]
    if not cut:
        text = (f"No: {person} is not among the authors of the record's "
                f"{known.facts.paper_count} papers.")
        return FactAnswer(question_kind="coauthor_named", sentences=[_sentence(text)])
    lists = "author lists ends" if len(cut) == 1 else "author lists end"
    sentences = [_sentence(f"{person} is not among the visible authors of the record's "
                           f"{_count(known.facts.paper_count, 'paper')}."),
                 _sentence(f"{len(cut)} of the {known.facts.paper_count} {lists} in "
                           f"\"et al.\", so the record cannot rule it out.")]
    return FactAnswer(question_kind="coauthor_named", sentences=sentences)


def _in_papers(phrase: str, known: _Facts) -> bool:
    """Whether a title or an abstract uses the phrase: then it names a thing, not a person."""
    pattern = re.compile(rf"\b{re.escape(phrase)}\b", re.I)
    return any(pattern.search(f"{p.title} {p.abstract}") for p in known.profile.papers)


def _top_sentence(known: _Facts, people: Sequence[Collaborator]) -> Sentence:
    """Who co-authors most, naming every co-author tied for first."""
    n = people[0].papers
    per_person = max(1, MAX_KEYS_PER_SENTENCE // len(people))
    # Two co-authors tied for first may share a paper: each key once.
    keys = list(dict.fromkeys(k for c in people
                              for k in known.first_keys(c.paper_keys)[:per_person]))
    if len(people) == 1:
        text = (f"{_possessive(known.owner)} most frequent co-author in this record is "
                f"{people[0].name}, on {_count(n, 'paper')}.")
    else:
        text = (f"{_possessive(known.owner)} most frequent co-authors in this record are "
                f"{_and([c.name for c in people])}, on {_count(n, 'paper')} each.")
    return _sentence(text, keys[:MAX_KEYS_PER_SENTENCE])


def _coauthor_count(known: _Facts) -> Sentence:
    """How many distinct people appear beside the owner in the visible author lists."""
    names = {normalize_name(a) for p in known.profile.papers for a in p.authors
             if normalize_name(a) and not same_person(a, known.owner)}
    return _sentence(f"{known.owner} has {len(names)} distinct co-authors among the visible "
                     "authors in this record.")


def _visible_note(known: _Facts) -> list[Sentence]:
    """Author lists cut short by "et al." hide co-authors; say how many are cut."""
    cut = [p.key for p in known.profile.papers if p.authors_truncated]
    if not cut:
        return []
    ends = "ends" if len(cut) == 1 else "end"
    return [_sentence(f"These counts cover the visible authors only: {len(cut)} of the "
                      f"{known.facts.paper_count} author lists {ends} in \"et al.\".")]


_AFFILIATION = re.compile(r"\baffiliat\w*|\binstitut\w*|\borgani[sz]ations?\b|\blabs?\b"
                          r"|\bemployers?\b|\bwhere\b.*\b(?:work|works|based|employed)\b"
                          r"|\b(?:universit(?:y|ies)|compan(?:y|ies))\b.*\bwork")
_AFFILIATION_WORDS = {"affiliation", "affiliations", "affiliated", "institution", "institutions",
                      "institute", "institutes", "organization", "organizations", "organisation",
                      "organisations", "lab", "labs", "employer", "employers", "where", "based",
                      "employed", "seen", "named", "appear", "appears", "with", "university",
                      "universities", "company", "companies", "works", "worked"}


def _affiliations(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The affiliations the papers name, with how many papers name each."""
    if not _AFFILIATION.search(asked.text) or not asked.only(_AFFILIATION_WORDS):
        return None
    return FactAnswer(question_kind="affiliations", sentences=_affiliation_sentences(known))


def _affiliation_sentences(known: _Facts) -> list[Sentence]:
    """The affiliations the papers name, with how many papers name each."""
    papers = known.profile.papers
    if not known.facts.affiliations:
        return [_sentence(f"None of {_possessive(known.owner)} papers in this record names an "
                          f"affiliation.")]
    counts = Counter(a for p in papers for a in dict.fromkeys(p.affiliations))
    parts = [f"{a} ({_count(counts[a], 'paper')})" for a in known.facts.affiliations]
    keys = [known.first_keys(p.key for p in papers if a in p.affiliations)[0]
            for a in known.facts.affiliations]
    # Each sentence cites a paper of every affiliation it names, so one names no more
    # affiliations than it can cite papers for; the rest follow ("They also include ...").
    chunks: list[tuple[list[str], list[str]]] = []
    for part, key in zip(parts, keys):
        if not chunks or (key not in chunks[-1][1]
                          and len(chunks[-1][1]) >= MAX_KEYS_PER_SENTENCE):
            chunks.append(([], []))
        chunks[-1][0].append(part)
        if key not in chunks[-1][1]:
            chunks[-1][1].append(key)
    sentences = [_sentence(
        (f"The affiliations named on {_possessive(known.owner)} papers are {_and(named)}."
         if i == 0 else f"They also include {_and(named)}."), cited)
        for i, (named, cited) in enumerate(chunks)]
    none = [p.key for p in papers if not p.affiliations]
    if none:
        verb = "names" if len(none) == 1 else "name"
        sentences.append(_sentence(f"{len(none)} of the {len(papers)} papers {verb} no "
                                   f"affiliation."))
    return sentences


_CATEGORY = re.compile(r"\bcategor\w*|\barxiv\b|\bsubject (?:class|area)")
_CATEGORY_WORDS = {"category", "categories", "categorised", "categorized", "arxiv", "subject",
                   "class", "classes", "area", "primary", "main", "code", "codes", "under",
                   "filed", "fall", "falls"}


def _categories(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The category codes the papers carry, most frequent first."""
    if not _CATEGORY.search(asked.text) or not asked.only(_CATEGORY_WORDS):
        return None
    counts = known.facts.papers_per_category
    sentences = []
    if known.profile.primary_category:
        sentences.append(_sentence(
            f"{_possessive(known.owner)} profile page gives {known.profile.primary_category} as "
            "the primary category."))
    if counts:
        parts = [f"{c.category} ({_count(c.count, 'paper')})" for c in counts]
        keys = [known.first_keys(p.key for p in known.profile.papers
                                 if p.category == c.category)[0] for c in counts]
        # "are in", not "carry": the verifier reads "carry" as a claim the papers make.
        sentences.append(_sentence(f"{_possessive(known.owner)} papers in this record are in "
                                   f"the categories {_and(parts)}.",
                                   keys[:MAX_KEYS_PER_SENTENCE]))
    else:
        sentences.append(_sentence("No paper in this record carries a category."))
    return FactAnswer(question_kind="categories", sentences=sentences)


_SPAN = re.compile(r"\byears?\s+active\b|\bactive\b|\bspan\w*\b|\bhow long\b|\bsince when\b"
                   r"|\b(?:first|earliest|oldest|last|latest|newest|most recent)\s+"
                   r"(?:paper|publication|article|year)s?\b"
                   r"|\b(?:start|begin|began|started)\w*\s+publish\w*\b|\bcareer\b")
_EARLIEST = re.compile(r"\b(?:first|earliest|oldest|start\w*|beg[ia]n\w*)\b")
_LATEST = re.compile(r"\b(?:last|latest|newest|most recent)\b")
_SPAN_WORDS = {"year", "years", "active", "span", "spans", "spanned", "range", "first", "last",
               "earliest", "latest", "newest", "oldest", "most", "recent", "start", "started",
               "starts", "begin", "began", "begins", "since", "long", "career", "until", "end",
               "ended", "period", "been", "time"}


def _span(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """First and last year of the record, or its earliest or latest paper."""
    if not _SPAN.search(asked.text) or not asked.only(_SPAN_WORDS):
        return None
    if known.facts.first_year is None:
        return FactAnswer(question_kind="span", sentences=[
            _sentence(f"None of {_possessive(known.owner)} papers in this record carries a date.")])
    dated = [p for p in known.by_date(known.by_key) if p.date is not None]
    sentences = [_sentence(f"{_possessive(known.owner)} papers in this record are dated "
                           f"{known.span()}.", known.span_keys())] if not known.undated() else [
        known.dated_count(), *known.undated_note()]
    if _EARLIEST.search(asked.text) and "year" not in asked.words:
        earliest = [p for p in dated if p.date == dated[0].date]
        sentences.append(_earliest_sentence("The earliest paper in this record is",
                                            "The earliest papers in this record are", earliest))
    if _LATEST.search(asked.text) and "year" not in asked.words:
        latest = [p for p in dated if p.date == dated[-1].date]
        sentences.append(_earliest_sentence("The most recent paper in this record is",
                                            "The most recent papers in this record are", latest))
    return FactAnswer(question_kind="span", sentences=sentences)


_METRIC = re.compile(r"\bh[\s-]?index\b|\bcitations?\b|\bcited\b")
_METRIC_WORDS = {"h", "index", "citation", "citations", "cited", "times", "often", "metric",
                 "metrics", "stated", "according"}


def _metrics(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The h-index and citation count as the profile page states them; nothing is computed."""
    if not _METRIC.search(asked.text) or not asked.only(_METRIC_WORDS):
        return None
    h_index, citations = known.profile.h_index, known.profile.citations
    parts = ([f"an h-index of {h_index}"] if h_index is not None else []) + (
        [f"{citations:,} citations"] if citations is not None else [])
    text = (f"{_possessive(known.owner)} profile page states {_and(parts)}." if parts
            else f"{_possessive(known.owner)} profile page states no h-index or citation count.")
    return FactAnswer(question_kind="metrics", sentences=[_sentence(text)])


# "What is her most cited work?": a record of publications counts no paper's citations
# (a profile page states the owner's total at most); "No paper is on 'most cited'" would
# answer another question.
_PER_PAPER_METRIC = re.compile(r"\bmost[\s-](?:cited|influential|impactful|popular|famous|"
                               r"well[\s-]known)\b|\bhighest[\s-]impact\b|\bcitations? (?:per|of "
                               r"each|for each)\b|\bbest[\s-]known\b")


def _per_paper_metric(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """Which paper is most cited or best known: the record cannot say."""
    if not _PER_PAPER_METRIC.search(asked.text):
        return None
    sentences = [_sentence(f"The record of {known.owner} counts no citations per paper, so it "
                           "cannot tell which work is the most cited or best known.")]
    if (citations := known.profile.citations) is not None:
        sentences.append(_sentence(f"{_possessive(known.owner)} profile page states "
                                   f"{citations:,} citations in all."))
    return FactAnswer(question_kind="metrics", sentences=sentences)


# "What are her most important papers?", "Which are Chi's key works?": no record ranks its
# papers, so the answer says so and names what the record does show, the owner's own
# papers on the largest lines of work.
_SIGNATURE = re.compile(r"\b(?:most\s+(?:important|significant|notable|relevant)|main|key|"
                        r"major|important|significant|notable|seminal|signature|landmark|best|"
                        r"top|representative|central|core)\s+(?:\w+\s+)?(?:papers?|works?|"
                        r"publications?|contributions?|results?)\b")
_RANKING = re.compile(r"\b(?:most|important|significant|notable|seminal|landmark|best|top|"
                      r"influential|cited|impactful)\b")
# Lines of work named in a signature answer, and papers named for each.
_SIGNATURE_LINES = 2
_SIGNATURE_PAPERS = 3


def _uses(paper: Paper, name: str) -> bool:
    """Whether the paper's title or abstract writes each word of the name (a plural or a
    hyphen aside): "nineteenth-century Portuguese quarantine registers"."""
    text = f"{_spaced(paper.title)}{_spaced(paper.abstract)}"
    return all(f" {w}" in text for w in _spaced(name).split())


def _signature(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The works that stand for the record, as far as a record can tell."""
    if not _SIGNATURE.search(asked.text):
        return None
    if re.search(r"\bcontributions?\b", asked.text) and not _RANKING.search(asked.text):
        return None  # "her main contributions": what the work contributes, an overview
    from agent.plan import main_lines
    from agent.realize import owner_surname, short_name

    sentences = [_sentence(f"The record of {known.owner} counts no citations per paper, so it "
                           "cannot rank the works by importance.")]
    led = set(known.facts.first_author_keys) | set(known.facts.sole_author_keys)
    owner = known.owner  # in full once, then by surname
    for line in main_lines(known.facts.topics)[:_SIGNATURE_LINES]:
        # The line's papers that use its name ("On quarantine registers, ... include" a
        # book review that never says "registers" would be read as one on them).
        papers = [p for p in known.by_date(line.paper_keys) if _uses(p, line.label)] \
            or known.by_date(line.paper_keys)
        own = [p for p in papers if p.key in led]
        chosen = (own or papers)[:_SIGNATURE_PAPERS]
        named = [f"{name} ({p.year})" if (name := short_name(p)) and p.year else _titled(p)
                 for p in chosen]
        whose = f"{_possessive(owner)} first-author papers" if own else "the papers"
        owner = (owner_surname(known.owner) or known.owner) if own else owner
        sentences.append(_sentence(f"On {line.label}, {whose} include {_and(named)}.",
                                   [p.key for p in chosen]))
    return FactAnswer(question_kind="signature", sentences=sentences)


# "Which datasets has Chi released?", "Has she built any benchmarks?": the papers whose
# abstracts say, of their own work, that they make one.
_ARTIFACT_ASKED = re.compile(r"\b(?:datasets?|data\s+sets?|databases?|benchmarks?|corpus|"
                             r"corpora|resources?|test\s*beds?|software|packages?|toolkits?|"
                             r"catalogues?|catalogs?)\b"
                             r"|\brelease[sd]?\s+(?:\w+\s+){0,2}?data\b")
_ARTIFACT_WORDS = {"dataset", "datasets", "data", "set", "sets", "benchmark", "benchmarks",
                   "database", "databases", "software", "package", "packages", "toolkit",
                   "toolkits", "or", "and", "any", "open",
                   "corpus", "corpora", "resource", "resources", "testbed", "testbeds", "test",
                   "bed", "beds", "release", "released", "releases", "releasing", "create",
                   "created", "creates", "build", "built", "builds", "introduce", "introduced",
                   "introduces", "make", "made", "makes", "new", "public", "publicly",
                   "available", "contribute", "contributed", "own", "collect", "collected",
                   "catalogue", "catalogues", "catalog", "catalogs"}
# The abstract's own sentence that makes one: a verb of making and, as what it makes, a
# dataset, benchmark, corpus or suite, with no preposition between ("evaluated on five
# benchmark datasets" makes none).
# The verbs of making a dataset or benchmark; _MAKES_ARTIFACT also takes "propose".
_MAKING = (r"release[sd]?|introduce[sd]?|construct(?:s|ed)?|buil[dt]s?|create[sd]?|"
           r"collect(?:s|ed)?|curate[sd]?|present(?:s|ed)?|contribute[sd]?|assemble[sd]?|"
           # "We document each decision and provide R and Python packages ..."
           r"provide[sd]?|develop(?:s|ed)?")
_MAKES_ARTIFACT = re.compile(
    rf"\b(?:{_MAKING}|propose[sd]?)\b"
    r"(?:(?!\b(?:on|in|across|using|with|over|from|for|to|against)\b)[^.;:])*?"
    r"\b(?:datasets?|data\s+sets?|databases?|benchmarks?|corpus|corpora|suite|treebank|testbed|"
    r"atlas(?:es)?|reference\s+maps?|catalogues?|catalogs?|software|"
    r"(?:software\s+|R\s+|Python\s+)packages?|toolkits?|"
    r"[A-Z]\w*(?:Bench|Dataset|Corpus))\b(?!-)"  # "a corpus-based typology" makes no corpus
    # "We release RegGNN and the processed data", "We release gridded estimates"
    r"|\brelease[sd]?\b[^.;:]*?\b(?:data|estimates|maps|annotations|catalogues?|catalogs?)\b"
    # "Our benchmark is available at ...", "All data and annotations are available at ..."
    r"|\b(?:datasets?|benchmarks?|corpus|data)\b[^.;:]*?\b(?:is|are)\s+(?:publicly\s+|freely\s+)?"
    r"available\b")


# A title that names what the paper makes: "TouchSet: a dataset of 1.2 million tactile
# images", "MegaBench: A Benchmark for ...". Its abstract's own sentence that releases or
# introduces that name ("We release TouchSet, 1.2 million tactile images ...") makes one,
# though the sentence itself says no "dataset".
_TITLE_ARTIFACT = re.compile(
    r"^\s*(?P<name>[^\s:][^:]{0,40}?)\s*:\s*(?:a|an|the)?\s*(?:[\w-]+\s+){0,3}?"
    r"(?:datasets?|data\s+sets?|databases?|benchmarks?|corpus|corpora|suite|treebank|testbed|"
    r"catalogues?|catalogs?|software|packages?|toolkits?|librar(?:y|ies))\b", re.I)
_MAKES = re.compile(rf"\b(?:{_MAKING})\s+(?P<what>[^,.;:]+)", re.I)


def _makes_artifact(named: re.Match[str] | None, sentence: str) -> bool:
    """Whether the abstract's sentence makes a dataset, benchmark or corpus: says so in its
    own words (_MAKES_ARTIFACT), or releases the one the title names (named: the title's
    _TITLE_ARTIFACT match)."""
    if _MAKES_ARTIFACT.search(sentence):
        return True
    return named is not None and any(
        re.match(rf"(?:the\s+)?{re.escape(named['name'])}\b", m["what"].strip())
        for m in _MAKES.finditer(sentence))


# "The catalogue, light-curve cut-outs and the trained model are publicly released at ...":
# the abstract's own release, told in the passive with no "we". Not code, which the record's
# links answer (_code).
_RELEASED = re.compile(r"\b(?:datasets?|data|databases?|benchmarks?|corpus|corpora|"
                       r"catalogues?|catalogs?|annotations)\b[^.;:]*?\b(?:is|are)\s+(?:now\s+)?"
                       r"(?:publicly\s+|freely\s+|openly\s+)?(?:available|released|deposited|"
                       # "The full dataset ... is provided in machine-readable form"
                       r"archived|provided|shared)\b", re.I)
_SOFTWARE = re.compile(r"\b(?:software|packages?|toolkits?|librar(?:y|ies)|tools?)\b", re.I)
_DATA_ASKED_KIND = re.compile(r"\b(?:datasets?|data|databases?|benchmarks?|corpus|corpora|"
                              r"catalogues?|catalogs?|"
                              r"resources?|test\s*beds?)\b", re.I)


def _kinds_made(named: re.Match[str] | None, sentence: str) -> set[str]:
    """What the paper makes, "software", "data" or both, as the title's name for it says
    ("dengueforecast: an open-source R package"), else the sentence; data when neither
    says a package, toolkit or library ("a suite", "an atlas")."""
    said = named.group(0) if named is not None else sentence
    kinds = {"software"} if _SOFTWARE.search(said) else set()
    if _DATA_ASKED_KIND.search(said) or not kinds:
        kinds.add("data")
    if named is not None and (made := _MAKES_ARTIFACT.search(sentence)) \
            and _SOFTWARE.search(made[0]):
        kinds.add("software")  # "SAVEPANEL: a ... dataset", which "provide[s] R and Python
        # packages": the sentence makes software beside the data the title names
    return kinds


def _is_title_artifact(named: re.Match[str] | None, sentence: str,
                       title: str = "") -> bool:
    """Whether the sentence says what the dataset or tool the title names is: "AMRNet-DB is
    an openly licensed database of ..." in the abstract of "AMRNet-DB: an open database of
    ...", "The Ulnasi Documentary Corpus (UDC) is an archived collection" of "UDC: The
    Ulnasi Documentary Corpus", or "SeGLO is an open-source Python toolkit" of "SeGLO:
    Segmentation and Glossing for ...", whose title names no kind of thing (then the
    sentence must). The paper is the artifact's, though the sentence says no "we"."""
    name = named["name"] if named is not None else (
        found["name"] if (found := _TITLE_NAME.match(title)) else None)
    if name is None:
        return False
    said = re.match(rf"(?:the\s+)?(?:(?:[\w-]+\s+){{1,6}}\(\s*{re.escape(name)}\s*\)|"
                    rf"{re.escape(name)})\s+(?:is|are)\s+(?:a|an|the)\b(?P<rest>.*)",
                    sentence.strip(), re.I)
    return said is not None and (named is not None or _ARTIFACT_KIND.match(said["rest"])
                                 is not None)


# "SeGLO: Segmentation and Glossing for ...": a name before a title's colon.
_TITLE_NAME = re.compile(r"^\s*(?P<name>[^\s:][^\s:]{0,30})\s*:")
# What "X is a ..." says X is, within a few words: "an open-source Python toolkit".
_ARTIFACT_KIND = re.compile(
    r"\s+(?:[\w-]+\s+){0,4}?(?:datasets?|data\s+sets?|databases?|benchmarks?|corpus|corpora|"
    r"collection|archive|treebank|catalogues?|catalogs?|software|packages?|toolkits?|"
    r"librar(?:y|ies)|tools?)\b", re.I)


def _artifacts(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The papers that say they release or introduce a dataset, benchmark or corpus, each
    with the abstract's own sentence that says so."""
    # "Does any work release data or code?": the code the record links to as well.
    code = _CODE.search(asked.text) is not None
    if not _ARTIFACT_ASKED.search(asked.text) or not asked.only(
            _ARTIFACT_WORDS | (_CODE_WORDS if code else set())):
        return None
    # Software, data, or both, as the question asks: "Which papers release software?"
    # is not answered with a database.
    software = _SOFTWARE.search(asked.text) is not None
    data = _DATA_ASKED_KIND.search(_SOFTWARE.sub(" ", asked.text)) is not None
    wanted = {"software", "data"} if software == data else {"software" if software else "data"}
    found: list[tuple[Paper, str]] = []
    for paper in known.by_date(known.by_key):
        if {"dataset": "data", "software": "software"}.get(paper.kind or "") in wanted \
                and (first := next(iter(abstract_sentences(paper.abstract)), None)):
            # The source says the work is a dataset or software (a @misc "Dataset.", CSL's
            # "software"): its abstract's first sentence says what it holds.
            found.append((paper, first))
            continue
        named = _TITLE_ARTIFACT.match(paper.title)  # the title's name for what it makes
        for sentence in SENTENCE_BREAK.split(paper.abstract):
            own = OWN_WORK.search(sentence) or sentence.lower().startswith("all data")
            if ((own and _makes_artifact(named, sentence))
                    or _is_title_artifact(named, sentence, paper.title)
                    or _RELEASED.search(sentence)) and _kinds_made(named, sentence) & wanted:
                found.append((paper, sentence.strip()))
                break
    with_code = _code_sentences(asked, known) if code else []
    if not found:
        what = ("a dataset, benchmark, corpus or software package" if len(wanted) == 2
                else "a software package" if "software" in wanted
                else "a dataset, benchmark or corpus")
        return FactAnswer(question_kind="artifacts", sentences=[_sentence(
            f"No abstract in the record of {known.owner} says that its paper releases or "
            f"introduces {what}."), *with_code])
    n = len(found)
    if n <= MAX_KEYS_PER_SENTENCE:  # the count, checked against the papers it cites
        lead = _sentence(f"{_leading_papers(n)} in this record {'says' if n == 1 else 'say'} "
                         f"in {'its abstract' if n == 1 else 'their abstracts'} what "
                         f"{'it builds or releases' if n == 1 else 'they build or release'}.",
                         [paper.key for paper, _ in found])
    else:  # too many to cite in one sentence: each is cited in its own below
        lead = _sentence("By date, these are the papers in this record whose abstracts say "
                         "what they build or release.")
    return FactAnswer(question_kind="artifacts",
                      sentences=[lead, *_quoting(found), *with_code])


# "Did any intervention they studied fail to work?", "Which studies found no effect?",
# "Any negative results?": what the abstracts report did not work or made no difference.
_NULL_ASKED = re.compile(r"\bfail(?:s|ed|ure|ures)?\b|\b(?:did|does|do)\s*(?:n't|not)\s+"
                         r"(?:work|help|succeed|pan out)\b|\b(?:null|negative)\s+(?:results?|"
                         r"findings?|effects?)\b|\bno\s+(?:effects?|difference|evidence|benefit|"
                         r"impact|improvement)\b|\bunsuccessful\b|\bineffective\b"
                         r"|\b(?:find|finds|found|detect|detects|detected|see|saw)\s+nothing\b"
                         r"|\bnot\s+work(?:ed)?\b"
                         r"|\bnon-?detections?\b")
_NULL_WORDS = {
    "fail", "fails", "failed", "failure", "failures", "didn", "doesn", "don", "t", "not", "no",
    "work", "worked", "help", "helped", "succeed", "succeeded", "pan", "out", "null",
    "negative", "result", "results", "finding", "findings", "effect", "effects", "difference",
    "evidence", "benefit", "impact", "improvement", "unsuccessful", "ineffective", "any",
    "intervention", "interventions", "study", "studies", "studied", "trial", "trials",
    "experiment", "experiments", "programme", "programmes", "program", "programs", "policy",
    "policies", "treatment", "treatments", "test", "tested", "tests", "tried", "report",
    "reported", "reports", "find", "found", "finds", "show", "showed", "shown", "something",
    "anything", "things", "idea", "ideas", "approach", "approaches", "method", "methods",
    "research", "significant", "effective", "ever", "evaluated", "examined", "nothing",
    "observation", "observations", "observed", "search", "searches", "searched", "detect",
    "detects", "detected", "detection", "detections", "non", "nondetection",
    "nondetections", "see", "saw",
}


def _null_results(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The papers whose abstracts report that something they tested did not work or made no
    difference, each with the abstract's own sentence that says so."""
    if not _NULL_ASKED.search(asked.text) or not asked.only(_NULL_WORDS):
        return None
    return _abstracts_saying(asked, known, "null_results")


# "Which of her results resolve someone else's conjecture?", "Has she solved any open
# problems?": what the abstracts say their work settles or refutes.
_SETTLED_ASKED = re.compile(r"\bconjectur\w*|\bopen\s+(?:problems?|questions?)\b|"
                            r"\b(?:questions?|problems?)\s+(?:of|posed|raised|asked)\b|"
                            r"\bcounterexamples?\b")
_SETTLED_WORDS = {
    "conjecture", "conjectures", "conjectured", "open", "problem", "problems", "question",
    "questions", "resolve", "resolved", "resolves", "settle", "settled", "settles", "solve",
    "solved", "solves", "answer", "answered", "answers", "prove", "proved", "proves",
    "disprove", "disproved", "disproves", "refute", "refuted", "refutes", "counterexample",
    "counterexamples", "result", "results", "someone", "else", "s", "other", "others",
    "people", "posed", "raised", "asked", "long", "standing", "famous", "known", "any",
    "mathematicians", "researchers", "find", "found", "give", "gave",
}


def _settled(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The papers whose abstracts say their work settles or refutes a conjecture or an open
    question, each with the abstract's own sentence that says so."""
    if not _SETTLED_ASKED.search(asked.text) or not asked.only(_SETTLED_WORDS):
        return None
    return _abstracts_saying(asked, known, "settled")


# "Has she ever corrected or withdrawn one of her own findings?", "Any errata or
# retractions?": the notices and withdrawals the abstracts state. Where none does, the
# record is silent on corrections (_beyond_record).
_CORRECTIONS_ASKED = re.compile(r"\bcorrect(?:ed|ions?|s)?\b|\bwithdr[ae]wn?\b|\bretract\w*"
                                r"|\berrat(?:um|a)\b|\bcorrigend\w*|\brevised\b|\bamended\b"
                                r"|\b(?:walk|take)(?:ed|s|n)?\s+back\b|\b(?:walked|took)\s+back\b"
                                r"|\brecant\w*")
_CORRECTION_WORDS = {
    "correct", "corrected", "corrects", "correction", "corrections", "withdraw", "withdrew",
    "withdrawn", "retract", "retracted", "retraction", "retractions", "erratum", "errata",
    "corrigendum", "corrigenda", "revised", "amended", "any", "ever", "own", "one", "finding",
    "findings", "result", "results", "claim", "claims", "paper", "papers", "work", "works",
    "earlier", "previous", "later", "since", "issued", "published", "publish", "notice",
    "notices", "statement", "statements", "conclusion", "conclusions", "mistake", "mistakes",
    "error", "errors", "or", "been", "article", "articles", "walk", "walked", "walks", "back",
    "recant", "recanted", "take", "taken", "took", "revise", "revisit", "revisited", "prior",
}


def _corrections(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The papers whose abstracts correct or withdraw their authors' earlier findings or
    statements (a correction notice, an erratum, a withdrawn claim), each quoted; None
    when no abstract does, and the record is silent on it."""
    if not _CORRECTIONS_ASKED.search(asked.text) or not asked.only(_CORRECTION_WORDS):
        return None
    papers = known.by_date(known.by_key)
    # A notice with no abstract to say what it corrects is listed by its title.
    untold = [p for p in papers if NOTICE_TITLE.match(p.title) and not p.abstract.strip()]
    # An erratum whose abstract corrects in words the test does not read ("As a reader
    # pointed out to us, the lemma is false for k >= 5") is quoted where it says what it
    # corrects, or gives (its sentences in LaTeX aside).
    notices = [(p, said) for p in papers if NOTICE_TITLE.match(p.title) and p.abstract.strip()
               and not corrections(p.abstract) and (said := _what_it_corrects(p))]
    if any(corrections(p.abstract or "") for p in papers):
        answer = _abstracts_saying(asked, known, "corrections")
        also = "also "
    elif untold or notices:
        answer, also = FactAnswer(question_kind="corrections", sentences=[]), ""
    else:
        return None  # the record is silent on corrections (_beyond_record)
    answer.sentences += _quoting(notices)
    answer.sentences += [_sentence(f"The record {also}lists {_titled(p)}.", [p.key])
                         for p in untold[:MAX_LISTED]]
    return answer


_CORRECTING = re.compile(r"\b(?:false|incorrect|erroneous|error|mistake|wrong|does not hold|"
                         r"corrected|correction|counterexample)\b", re.I)


def _what_it_corrects(paper: Paper) -> str | None:
    """A notice's sentence that says what is wrong or corrected, else its first sentence
    free of markup; None when every sentence is LaTeX."""
    sentences = [s for s in abstract_sentences(paper.abstract)
                 if not has_markup(s) and len(s.split()) <= MAX_QUOTED_WORDS]
    return next((s for s in sentences if _CORRECTING.search(s)),
                sentences[0] if sentences else None)


def _abstracts_saying(asked: _Asked, known: _Facts, kind: str) -> FactAnswer:
    """The papers whose abstracts say a thing of their own work (text.ABSTRACTS_SAY[kind]:
    the test of an abstract, and how one paper, several and none say it), each quoted,
    with a count the verifier reads exactly."""
    says, one, several, none, _ = ABSTRACTS_SAY[kind]
    found = [(paper, said[0]) for paper in known.by_date(known.by_key)
             if (said := says(paper.abstract or ""))]
    if not found:
        return FactAnswer(question_kind=kind, sentences=[_sentence(
            f"No abstract in the record of {known.owner} says that {none}.")])
    n = len(found)
    yes = "Yes: " if re.match(r"(?:did|does|do|has|have|had|was|were|is|are)\b", asked.text) \
        else ""
    if n <= MAX_KEYS_PER_SENTENCE:
        counted = _count(n, "paper") if yes else _leading_papers(n)  # "Yes: 1 paper ..."
        lead = _sentence(f"{yes}{counted} in this record "
                         f"{'says in its abstract' if n == 1 else 'say in their abstracts'} "
                         f"that {one if n == 1 else several}.", [paper.key for paper, _ in found])
    else:
        lead = _sentence(f"{yes}By date, these are the papers in this record whose abstracts "
                         f"say that {several}.")
    return FactAnswer(question_kind=kind, sentences=[lead, *_quoting(found)])


# "What datasets has she used?", "Which benchmarks did he evaluate on?": the data the
# papers test their work on, which their abstracts name where they report results.
_USED_WORDS = _ARTIFACT_WORDS | {
    "use", "used", "uses", "using", "evaluate", "evaluated", "evaluates", "evaluating",
    "evaluation", "evaluations", "test", "tested", "tests", "testing", "train", "trained",
    "training", "experiment", "experiments", "experimented", "on", "with", "work", "worked",
    "works", "run", "ran", "apply", "applied", "typically", "usually", "mostly", "most",
    "often", "commonly", "common", "main"}
_DATA_ASKED = re.compile(rf"{_ARTIFACT_ASKED.pattern}|\bdata\b")
_USES_ASKED = re.compile(r"\b(?:use[sd]?|using|evaluat\w*|test(?:s|ed|ing)?|train(?:s|ed|ing)?|"
                         r"experiment\w*|work(?:s|ed)? (?:on|with)|appl(?:y|ied))\b")


def _evaluated_on(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The papers whose abstracts say what data they test on, each with that sentence:
    those that name their data first ("on the XTREME benchmark"), then those that only
    count or describe it ("on two cross-lingual classification benchmarks")."""
    if not _DATA_ASKED.search(asked.text) or not _USES_ASKED.search(asked.text) \
            or not asked.only(_USED_WORDS):
        return None
    named: list[tuple[Paper, str]] = []
    described: list[tuple[Paper, str]] = []
    sampled: list[tuple[Paper, str]] = []
    for paper in known.by_date(known.by_key):
        said = tested_on(paper.abstract)
        with_name = next((s for s in said if _DATA_NAMED.search(s)), None)
        if with_name is not None:
            named.append((paper, with_name))
        elif said:
            described.append((paper, said[0]))
        elif sample := next(iter(sampled_in(paper.abstract)), None):
            sampled.append((paper, sample))
    found = named + described + sampled
    if not found:
        # In the words the verifier reads back (text.ABSTRACTS_SAY["data_used"]).
        return FactAnswer(question_kind="evaluated_on", sentences=[_sentence(
            f"No abstract in the record of {known.owner} says that "
            f"{ABSTRACTS_SAY['data_used'].none}.")])
    # The abstracts' own sentences are the answer, each checked as a quotation; a lead
    # that counts them ("3 abstracts say ...") is nothing the verifier can check.
    shown = found[:MAX_LISTED]
    sentences = [_sentence(f'{_titled(paper)}: "{sentence.rstrip(".")}."', [paper.key])
                 for paper, sentence in shown]
    if len(found) > len(shown):
        sentences.append(_sentence(f"The other {len(found) - len(shown)} are not listed here."))
    return FactAnswer(question_kind="evaluated_on", sentences=sentences)


# Data named in capitals next to the word for it: "the XTREME benchmark", "a WMT dataset",
# "the OPUS-100 corpus", "on GLUE and SuperGLUE".
_DATA_NAMED = re.compile(r"(?<![\w-])[A-Z][\w-]*[A-Z][\w-]*\s+(?:benchmarks?|datasets?|"
                         r"corpus|corpora|suite|tasks?|network|reanalysis|archive|data)\b"
                         r"|\b(?:benchmarks?|datasets?|corpus|corpora)\s*(?:,\s*)?"
                         r"(?:such\s+as|including|like|namely|:)?\s+[A-Z][\w-]*[A-Z]")


_TOTAL = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b|\btotal\b")


def _total(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """How many papers the record holds, and what the page itself claims."""
    if not _TOTAL.search(asked.text) or not _PAPER_WORDS.search(asked.text):
        return None
    # "..., and over what period?": the count's answer gives its span too.
    if _YEAR.search(asked.text) or not asked.only({"in", "total", "overall", "altogether",
                                                   "over", "what", "which", "period", "span",
                                                   "spanning", "range", "time", "entries",
                                                   "items", "works"}):
        return None
    facts, claimed = known.facts, known.profile.claimed_paper_count
    sentences = [known.dated_count()]
    if facts.first_year is not None:
        sentences += known.undated_note()
    if claimed is not None and claimed != facts.paper_count:
        sentences.append(_sentence(f"The page states {claimed} papers; "
                                   f"{facts.paper_count} were read from it."))
    return FactAnswer(question_kind="paper_count", sentences=sentences)


# What a record of publications cannot tell, whatever else the question names: honours,
# education and supervision, positions and pay, funding, private life. "No paper is on
# the Turing Award" would read as "no, no Turing Award"; the answer says the record is
# silent instead. Words research also uses ("students" of distillation, "position" of a
# token) count only in a phrasing about the person ("her students").
_BEYOND = [
    ("awards or honours", re.compile(
        r"\bawards?\b|\bawarded\b|\bprizes?\b|\bmedals?\b|\bhonou?rs?\b|\bhonorary\b"
        r"|\bfellow of\b|\b(?:an?|elected) fellow\b|\bfellowships?\b")),
    ("education", re.compile(
        r"\bph\.?\s?d\b|\bdoctora(?:te|l)\b|\balma mater\b|\bgraduat\w*\b|\bstudied at\b"
        r"|\beducation\b|\b(?:his|her|their|'s) (?:degree|thesis|dissertation)\b")),
    ("students or supervisors", re.compile(
        r"\b(?:his|her|their|'s) (?:ph\.?\s?d\.? )?(?:students|advisees|mentees|advisors?|"
        r"advisers?|supervisors?|mentors?)\b|\bsupervis(?:e|es|ed|ing)\b|\bstudents of\b")),
    ("teaching", re.compile(
        r"\b(?:does|do|did|has|have|is|are|was)\s+(?:he|she|they)\s+(?:ever\s+|still\s+)?"
        r"teach(?:ing)?\b|\b(?:his|her|their|'s)\s+(?:teaching|courses|classes|lectures)\b"
        r"|\bwhat (?:courses|classes) does\b|\bteach(?:es)?\s+(?:at|courses|classes)\b")),
    # Where someone works now: a record holds the affiliations of each paper's day.
    ("current positions", re.compile(
        r"\bwhere\b.*\b(?:work|works|working|based|employed)\b.*\b(?:now|currently|today|"
        r"these days|at present|nowadays)\b|\bcurrent(?:ly)?\s+(?:position|job|employer|role|"
        r"affiliation|institution)\b|\bwhere\s+(?:is|does)\s+(?:he|she|they)\s+(?:now|"
        r"currently)\b")),
    ("positions or pay", re.compile(
        r"\btenured?\b|\bpromot(?:ed|ion)\b|\bsalary\b|\bpaid\b|\bjob title\b|\bhired\b"
        r"|\b(?:full|associate|assistant) professor\b")),
    ("funding", re.compile(r"\bfunded\b|\bfunding\b|\bgrants?\b(?! paragraph)|\bfunders?\b"
                           r"|\bwho (?:funds|pays for|sponsors)\b")),
    ("contact details", re.compile(
        # "phone" alone is no contact: "phone recognition" is research.
        r"\be-?mail\b|\bphone\s+number\b|\b(?:his|her|their|'s)\s+phone\b"
        r"|\bcontact (?:details|information|info|him|her|"
        r"them)\b|\bhow (?:can|do|to) (?:i |we )?(?:contact|reach)\b|\bhomepage\b"
        # "her Twitter", "a LinkedIn profile" ask for an account; "papers about Twitter" for
        # papers on a platform.
        r"|\bpersonal website\b|\b(?:his|her|their|'s)\s+(?:twitter|linkedin)\b"
        r"|\b(?:twitter|linkedin)\s+(?:handle|account|profile|page)\b"
        r"|\b(?:is|are)\s+(?:he|she|they)\s+on\s+(?:twitter|linkedin)\b|\boffice address\b")),
    ("judgements of the researcher", re.compile(
        r"\bshould (?:we|i|you|they) hire\b|\bworth hiring\b|\b(?:a|an) (?:good|great|strong|"
        r"bad|weak|top|leading|famous|renowned|respected|brilliant) (?:researcher|scientist|"
        r"candidate|academic|author)\b")),
    # A list of publications holds what was published, not what was later corrected: an
    # arXiv record keeps the last version's abstract, not the history of its changes.
    ("corrections or retractions", re.compile(
        r"\bretract\w*|\berrat(?:um|a)\b|\bcorrigend\w*"
        r"|\b(?:later|subsequently|since|ever)\s+(?:been\s+)?(?:corrected|revised|retracted|"
        r"withdrawn|amended)\b")),
    ("personal life", re.compile(
        r"\bhow old\b|\bborn\b|\bbirthday\b|\bmarried\b|\bhometown\b|\b(?:his|her|their|'s) "
        r"(?:age|nationality|citizenship|spouse|wife|husband|children|family)\b")),
]


# "What is his PhD thesis about?": the record's thesis, when it lists one (BibTeX's
# @phdthesis, CSL's "thesis"); else the record is silent on education (_beyond_record).
_THESIS_ASKED = re.compile(r"\b(?:thesis|dissertation)\b")
_THESIS_WORDS = {"phd", "ph", "d", "thesis", "dissertation", "doctoral", "about", "topic",
                 "title", "called", "cover", "covers", "covered", "say", "says", "argue",
                 "argues", "contribution", "contributions", "write", "wrote", "did", "does"}


# "Where did she do her PhD?": the university a thesis of the record was written for,
# when the source names it (Paper.institution); the record says nothing else of degrees.
_WHERE_DEGREE = re.compile(r"^\s*(?:at\s+)?(?:where|which\s+(?:university|institution|school))"
                           r"\b.*\b(?:ph\.?\s?d|doctora(?:te|l)|thesis|dissertation|degree)\b")


def _the(place: str) -> str:
    """A place as a sentence names it: "the University of Cambridge", "Orsholt University"."""
    return f"the {place}" if re.match(r"(?:Department|School|Faculty|Institute|Centre|Center|"
                                      r"Laboratory|(?:University|College) of)\b", place) else place


def _thesis(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The theses the record lists, each with what it does in its abstract's words; asked
    where, the universities they were written for."""
    where = _WHERE_DEGREE.search(asked.text) is not None
    about = bool(_THESIS_ASKED.search(asked.text)) and asked.only(_THESIS_WORDS)
    if not where and not about:
        return None
    theses = [p for p in known.by_date(known.by_key) if p.kind == "thesis"]
    if where and (placed := [p for p in theses if p.institution]):
        sentences = [_kind_count(known, "thesis", [p.key for p in theses])]
        sentences += [_sentence(f"{_titled(p)} is a thesis at {_the(p.institution)}.",
                                [p.key]) for p in placed[:MAX_LISTED]]
        return FactAnswer(question_kind="thesis", sentences=sentences)
    if not about:
        return None
    if not theses:
        return None  # none in the record: it is silent on education (_beyond_record)
    one = len(theses) == 1
    sentences = [_kind_count(known, "thesis", [p.key for p in theses])]
    for paper in theses[:MAX_LISTED]:
        said = list(contributions(paper)) or [s for s in [statement(paper)] if s]
        if not said:
            sentences.append(_sentence(f"It is {_titled(paper)}." if one
                                       else f"{_titled(paper)} is one.", [paper.key]))
            continue
        sentences.append(_sentence(f"{_titled(paper)} {said[0]}.", [paper.key]))
        sentences += [_sentence(f"It also {more}.", [paper.key]) for more in said[1:3]]
    return FactAnswer(question_kind="thesis", sentences=sentences)


def _beyond_record(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """A question about what a list of publications does not hold: the record is silent."""
    subjects = [what for what, pattern in _BEYOND if pattern.search(asked.text)]
    if not subjects:
        return None
    # Facts another source holds; a judgement of the researcher is the reader's to make.
    text = silent_on(known.owner, _and(subjects),
                     elsewhere=subjects != ["judgements of the researcher"])
    sentences = [_sentence(text)]
    if "current positions" in subjects:
        # What the record does hold: the affiliations its papers name, each of its day.
        sentences += _affiliation_sentences(known)
    return FactAnswer(question_kind="beyond_record", sentences=sentences)


# Where the work appeared. "published in X" asks for a venue only where X is one: a venue
# of the record, or one of these well-known ones (listed by hand: nothing offline names
# venues); "Has she published in reinforcement learning?" asks about a topic.
_VENUE_ASKED = re.compile(r"\bvenues?\b|\bjournals?\b|\bconferences?\b|\bproceedings\b"
                          r"|\bwhere\b.*\b(?:publish\w*|appear\w*)\b")
_VENUE_NAMED = re.compile(r"\b(?:publish\w*|appear\w*|papers?|articles?)\s+(?:in|at)\s+"
                          r"(?:the\s+)?(?P<venue>[^?]+?)\s*\??$", re.I)
_KNOWN_VENUES = frozenset(
    "nature science cell pnas lancet nejm jama neurips nips icml iclr acl emnlp naacl eacl "
    "coling tacl cvpr iccv eccv aaai ijcai kdd sigir www uist icra iros rss corl jmlr tpami "
    "siggraph sosp osdi nsdi sigmod vldb focs stoc soda".split())


# "What did the 2025 Economic Journal paper find?": one paper, described by its venue.
_ONE_PAPER_ASKED = re.compile(r"^(?:what|how)\s+(?:did|does|do|is|was)\b.*\bthe\s+(?:[\w/+.-]+\s+)"
                              r"{1,6}(?:paper|article|study)\b")


def _venues(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """Venues as the record's sources give them; silence where none gives one."""
    named = _VENUE_NAMED.search(asked.original)
    name = named["venue"].strip() if named else None
    with_venue = [p for p in known.by_date(known.by_key) if p.venue]
    found = [p for p in with_venue if venue_matches(name, p.venue or "", p.year)] \
        if name is not None else []
    is_venue = bool(found) or (name is not None and
                               re.sub(r"[\s\d]+", "", name.casefold()) in _KNOWN_VENUES)
    if not is_venue and not _VENUE_ASKED.search(asked.text):
        return None
    if _ONE_PAPER_ASKED.search(asked.text):
        return None  # "What did the 2025 Economic Journal paper find?" asks of one paper
    if not with_venue:
        return FactAnswer(question_kind="venues",
                          sentences=[_sentence(silent_on(known.owner, "venues"))])
    if is_venue:
        if not found:
            text = f"No paper in the record of {known.owner} gives {name} as its venue."
            return FactAnswer(question_kind="venues", sentences=[_sentence(text)])
        sentences = _appeared(found)
        # "How many papers at Interspeech?" asks a number, not whether: the papers, one a
        # sentence, are the count (the verifier reads no count of venues).
        if not _HOW_MANY.search(asked.text):
            sentences[0] = sentences[0].model_copy(update={"text": f"Yes: {sentences[0].text}"})
        return FactAnswer(question_kind="venues", sentences=sentences)
    return FactAnswer(question_kind="venues", sentences=_appeared(with_venue))


def _appeared(papers: Sequence[Paper]) -> list[Sentence]:
    """Per venue, the venue with most papers first: which papers appeared in it."""
    by_venue: dict[str, list[Paper]] = {}
    for paper in papers:
        by_venue.setdefault(paper.venue or "", []).append(paper)
    ranked = sorted(by_venue.items(), key=lambda item: -len(item[1]))  # stable: date order
    sentences = []
    for venue, group in ranked[:MAX_LISTED]:
        shown = group[:MAX_KEYS_PER_SENTENCE]
        sentences.append(_sentence(f"{_and([_titled(p) for p in shown])} appeared in {venue}.",
                                   [p.key for p in shown]))
    return sentences


# "Which of her works are books?", "How many book chapters has she written?": the kind of
# work the source gives each (BibTeX's entry type, ORCID's and OpenAlex's type).
_KIND_ASKED = re.compile(rf"\b({KIND_PHRASES})\b")
_KIND_WORDS = {"book", "books", "monograph", "monographs", "chapter", "chapters", "thesis",
               "theses", "dissertation", "dissertations", "preprint", "preprints",
               "conference", "journal", "article", "articles", "of", "has", "she", "he",
               "written", "wrote", "authored", "among", "kind", "kinds", "type", "types"}
_KIND_PLURALS = {"book": "books", "chapter": "book chapters", "thesis": "theses",
                 "preprint": "preprints", "conference paper": "conference papers",
                 "article": "journal articles"}

_KIND_ONE = {"book": "a book", "chapter": "a book chapter", "thesis": "a thesis",
             "preprint": "a preprint", "conference paper": "a conference paper",
             "article": "a journal article"}


def _kind_count(known: _Facts, kind: str, keys: Sequence[str]) -> Sentence:
    """"2 of the 18 papers in this record are books", "1 of the 18 ... is a thesis": the
    count the verifier checks against Paper.kind, citing the first few by date."""
    total = known.facts.paper_count
    said = f"are {_KIND_PLURALS[kind]}." if len(keys) > 1 else f"is {_KIND_ONE[kind]}."
    return _sentence(f"{opening_count(f'{len(keys)} of the {total}')} papers in this record "
                     f"{said}", known.first_keys(keys))


def _kinds(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The papers the source calls books (chapters, theses, ...), when it gives kinds."""
    match = _KIND_ASKED.search(asked.text)
    if not match or not asked.only(_KIND_WORDS):
        return None
    kind = kind_named(match.group(1))
    papers = known.by_date(known.by_key)
    if kind is None or not any(p.kind for p in papers):
        return None  # the format gives no kinds: the record cannot tell
    keys = [p.key for p in papers if p.kind == kind]
    if not keys:
        return FactAnswer(question_kind="kinds", sentences=[_sentence(
            f"None of the {known.facts.paper_count} papers in this record are "
            f"{_KIND_PLURALS[kind]}.")])
    sentences = [_kind_count(known, kind, keys)]
    if not _HOW_MANY.search(asked.text):
        sentences += known.listing([known.by_key[k] for k in keys])
    return FactAnswer(question_kind="kinds", sentences=sentences)


# "What kinds of work are in her record?", "How many items are in her record, and of what
# kinds?": the record's works by the kind its source gives each, most first.
_ALL_KINDS_ASKED = re.compile(r"\b(?:what|which)\s+(?:kinds?|types?|sorts?)\b")
_ALL_KINDS_WORDS = _KIND_WORDS | {
    "what", "which", "sort", "sorts", "items", "item", "entries", "entry", "works", "work",
    "publications", "papers", "record", "in", "are", "is", "there", "how", "many", "and",
    "her", "his", "their", "does", "do", "contain", "contains", "include", "includes",
    "publish", "published", "total"}


def _all_kinds(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The record's works by kind ("Eight of the 14 papers in this record are journal
    articles", ...), each count checked against Paper.kind; with the record's size first
    when the question asks how many. None where the source gives no kinds."""
    if not _ALL_KINDS_ASKED.search(asked.text) or not asked.only(_ALL_KINDS_WORDS):
        return None
    papers = known.by_date(known.by_key)
    by_kind: dict[str, list[str]] = {}
    for paper in papers:
        if paper.kind in _KIND_PLURALS:
            by_kind.setdefault(paper.kind, []).append(paper.key)
    if not by_kind:
        return None  # the format gives no kinds: the record cannot tell
    sentences = [known.dated_count()] if _HOW_MANY.search(asked.text) else []
    sentences += [_kind_count(known, kind, keys)
                  for kind, keys in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return FactAnswer(question_kind="kinds", sentences=sentences)


# "How many bugs did his tools find?", "How many vulnerabilities has she reported?": the
# counts the abstracts give, each in its paper's words; the record states no total, and
# adding them up could count one bug twice (a journal version repeats its conference one).
_COUNT_FOUND = re.compile(
    r"^how many (?P<what>[a-z][a-z-]*(?: [a-z][a-z-]*){0,2}?) (?:did|does|do|has|have|had) "
    r"(?:[\w']+ ){0,3}?(?:find|found|discover(?:ed)?|detect(?:ed)?|identif(?:y|ied)|"
    r"report(?:ed)?|uncover(?:ed)?|fix(?:ed)?|expose[d]?|recruit(?:ed)?|enrol(?:l?ed)?|"
    r"enroll|include[d]?|stud(?:y|ied)|analy[sz]e[d]?|survey(?:ed)?|sequence[d]?|"
    r"interview(?:ed)?|collect(?:ed)?|follow(?:ed)?|treat(?:ed)?|examine[d]?)\b")
_NOT_FOUND_THINGS = frozenset("papers paper publications articles works citations co-authors "
                              "coauthors authors collaborators years".split())


def _counts_found(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The abstracts' own counts of what their work found, each quoted."""
    asked_for = _COUNT_FOUND.match(asked.text)
    if not asked_for or asked_for["what"].split()[-1] in _NOT_FOUND_THINGS:
        return None
    what = asked_for["what"]
    head = re.escape(what.split()[-1].rstrip("s")[:max(4, len(what.split()[-1]) - 3)])
    # The noun itself, not a compound of it ("1,000 patient-days" counts no patients).
    counted = re.compile(rf"\b\d[\d,.]*\s+(?:[\w-]+\s+){{0,3}}?{head}\w*(?![\w-])", re.I)
    found = []
    for paper in known.by_date(known.by_key):
        said = next((x for x in abstract_sentences(paper.abstract or "") if counted.search(x)),
                    None)
        if said:
            found.append((paper, said))
    if not found:
        return FactAnswer(question_kind="counts_found", sentences=[_sentence(
            f"No abstract in the record of {known.owner} gives a count of {what}.")])
    lead = _sentence(f"By date, these are the papers in this record whose abstracts count "
                     f"{what}; the record gives no total.")
    return FactAnswer(question_kind="counts_found", sentences=[lead, *_quoting(found)])


# "What was her biggest sample?", "What is the largest study in her work?"
_LARGEST_ASKED = re.compile(r"\b(?:biggest|largest)\s+(?:[\w-]+\s+)?(?:samples?|stud(?:y|ies)|"
                            r"cohorts?|datasets?|data\s+sets?|surveys?|trials?|experiments?|"
                            r"corpus|corpora|collections?)\b")
# What a sample counts: the units observed, not the papers a review pooled.
_UNITS = ("participants|respondents|patients|adults|children|infants|people|individuals|"
          "subjects|students|households|families|farms|fields|sites|lakes|samples|cores|"
          "boreholes|glaciers|trips|journeys|speeches|legislators|voters|women|men|mothers|"
          "cases|records|images|documents|charters|manuscripts|frogs|animals|plants|trees|"
          "stops|boardings|entries|users|workers|firms|villages|schools|hospitals|galaxies|"
          "stars|cells|specimens|graphs|instances|sentences|words|pages|letters|"
          "traverses|trials|episodes|colonies|recipients|nurses|planets|devices|modules|"
          "transects|fishes|reefs|wards|births|pregnancies|visits|transits|stations|gauges|"
          "catchments|piezometers|wells|schemes|photographs|photos|isolates|farmers|growers|"
          "diagnoses|listings|transactions|sales|tenancies|tenants|renters|landlords|"
          "dwellings|homes|properties|buildings|neighbourhoods|neighborhoods|municipalities|"
          "observations|passages|encounters|clicks|recordings|station-days")
# A count is whole, unless a scale follows it ("4.6 million trips"): "2.1 dex for stars"
# counts no stars.
_COUNTED = re.compile(rf"(?<![\w.,])(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+\.\d+(?=\s+(?:million|"
                      rf"billion)\b)|\d+(?![.,]\d))"
                      rf"(?:\s+(?P<scale>million|billion))?\s+"
                      # "96 percent between stations" is a share, no count of stations.
                      rf"(?!(?:percent|per\s+cent|percentage)\b)"
                      rf"(?:[\w-]+\s+|\([^()]{{1,20}}\)\s+){{0,2}}?"
                      rf"(?P<unit>{_UNITS})\b", re.I)


def _largest_sample(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """The largest count of observed units any abstract gives, quoted with its paper, and
    the next largest of another paper: counts of different units ("4,136 samples", "1,206
    fields") are set side by side, not summed, and a review's count of studies is none."""
    if not _LARGEST_ASKED.search(asked.text):
        return None
    counts: list[tuple[float, str, Paper, str]] = []
    for paper in known.by_date(known.by_key):
        for said in abstract_sentences(paper.abstract or ""):
            if has_markup(said) or len(said.split()) > MAX_QUOTED_WORDS:
                continue
            for m in _COUNTED.finditer(said):
                value = float(m["n"].replace(",", ""))
                if m["scale"] is None and not m["n"].count(",") and 1900 <= value <= 2100:
                    continue  # a year, not a count
                value *= {"million": 1e6, "billion": 1e9}.get((m["scale"] or "").lower(), 1)
                counts.append((value, m[0], paper, said))
    if not counts:
        return FactAnswer(question_kind="largest_sample", sentences=[_sentence(
            f"No abstract in the record of {known.owner} gives a count of the people or "
            "things it studied.")])
    counts.sort(key=lambda c: -c[0])
    _, counted, paper, said = counts[0]
    sentences = [_sentence(f"By the counts the abstracts give, the largest sample in the "
                           f"record is {counted}, in {_titled(paper)}: "
                           f'"{said.rstrip(".")}."', [paper.key])]
    runner = next((c for c in counts[1:] if c[2].key != paper.key), None)
    if runner is not None:
        sentences.append(_sentence(f"The next largest is {runner[1]}, in {_titled(runner[2])}: "
                                   f'"{runner[3].rstrip(".")}."', [runner[2].key]))
    return FactAnswer(question_kind="largest_sample", sentences=sentences)


# Kinds of output one question may list together ("Has she produced any datasets,
# reviews, software or corrections?"), each with the question that asks for it alone.
_OUTPUT_KINDS = (
    (_ARTIFACT_ASKED, "Has {owner} released any datasets or software?"),
    (re.compile(r"\bcorrections?\b|\berrat(?:um|a)\b|\bcorrigend\w*"),
     "Has {owner} published any corrections?"),
)
# The words such a question may hold beside the kinds it names.
_OUTPUT_WORDS = _ARTIFACT_WORDS | _CORRECTION_WORDS | {
    "produced", "produce", "published", "publish", "made", "review", "reviews", "articles",
    "article", "tools", "code", "codes", "notices", "notice"}


def _output_kinds(asked: _Asked, known: _Facts) -> FactAnswer | None:
    """A question that lists several kinds of output, answered kind by kind as if each
    were asked alone (_artifacts, then _corrections): "... datasets, reviews, software or
    corrections?" was answered by its corrections alone. Reviews, which no rule answers,
    are listed by their titles."""
    named = [question for found, question in _OUTPUT_KINDS if found.search(asked.text)]
    reviews = _REVIEWS_ASKED.search(asked.text) is not None
    if len(named) + reviews < 2 or not named or not asked.only(_OUTPUT_WORDS):
        return None
    parts = [answer_from_facts(q.format(owner=known.owner), known.profile, known.facts,
                               known._retriever) for q in named]
    sentences = [s for part in parts if part is not None for s in part.sentences]
    if reviews:
        # Reviews by their titles ("...: A Review", "a systematic review and meta-analysis"),
        # which no abstract's sentence need say.
        sentences += [_sentence(f"The record lists {_titled(p)}.", [p.key])
                      for p in known.by_date(known.by_key) if _REVIEW_TITLE.search(p.title)]
    return FactAnswer(question_kind="output_kinds", sentences=sentences) if sentences else None


_REVIEWS_ASKED = re.compile(r"\breviews?\b")
_REVIEW_TITLE = re.compile(r"\b(?:review|meta-analysis)\b", re.I)


_RULES: list[Callable[[_Asked, _Facts], FactAnswer | None]] = [
    _output_kinds, _thesis, _corrections, _beyond_record, _all_kinds, _kinds, _venues,
    _per_paper_metric, _signature, _artifacts,
    _null_results, _settled, _evaluated_on, _topic_start, _per_year, _papers_in_years,
    _author_role, _code, _coauthor_named, _coauthors, _affiliations, _categories, _metrics,
    _span, _counts_found, _largest_sample, _total,
]
