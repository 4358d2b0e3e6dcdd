"""Claims the publication record decides, not the abstracts: roles ("first-authored",
"led"), co-authors and "most frequent co-author", affiliations, counts of papers and
profile statistics, time spans, honours and positions, and "the record holds no papers
on X"."""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from agent.models import DatePrecision, OwnerPosition, Paper, Topic
from agent.names import alphabetical_authors, owner_position, same_person
from agent.text import ABSTRACTS_SAY, abstract_sentences, turn
from agent.verify import thresholds
from agent.verify.analysis import _LIST_ITEM, _YEAR_FILTER, KIND_SAID, _clause_at, _Count, _spans
from agent.verify.entities import _units
from agent.verify.index import (
    _ACRONYM_SKIP,
    _HONOUR,
    _HONOUR_WORDS,
    _entity_in,
    _PaperIndex,
    _screened,
)
from agent.verify.lexicon import (LETTER, UPPER, _GENERIC_HEADS, _GENERIC_STEMS, _WORD_NUMBERS,
                                  _is_content, _may_hold, _norm, _spaced, _stem)
from agent.verify.reasons import Reason, cite

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.profile import ProfileIndex


_ROLE_POSITIONS = {
    "first": {OwnerPosition.FIRST, OwnerPosition.SOLE},
    "last": {OwnerPosition.LAST, OwnerPosition.SOLE},
    "sole": {OwnerPosition.SOLE},
    "editor": {OwnerPosition.EDITOR},
}
# A name introduced by "with" or "alongside", also as the second of "with X and Y".
_WITH_BEFORE = re.compile(rf"\b(?:[Ww]ith|[Aa]longside)\s+(?:{UPPER}[\w'-]*(?:\s+{UPPER}[\w'-]*)*"
                          r"(?:\s*,\s*|\s+and\s+|\s*,\s+and\s+))*$")
_MOST_FREQUENT = re.compile(r"\bmost (?:frequent|common|prolific|regular)\s+"
                            r"(?:co-?author|collaborator)", re.I)
# "... most frequent co-author is not X", "X is not the most frequent co-author".
_NOT_MOST_FREQUENT = re.compile(
    r"\bmost (?:frequent|common|prolific|regular)\s+(?:co-?author|collaborator)\s+"
    r"(?:is|was|has been)\s+(?:not|never)\b|\b(?:is|was)\s+(?:not|never)\s+(?:the\s+|"
    r"\w+'s\s+)?most (?:frequent|common|prolific|regular)\s+(?:co-?author|collaborator)",
    re.I)
_AT = re.compile(r"\b(?:[Aa]t|[Aa]ffiliated with)\s+(?:the\s+)?"
                 rf"(?P<org>{UPPER}[\w&.\-]*(?:\s+(?:of\s+)?{UPPER}[\w&.\-]*)*|[a-z]+(?:-[a-z]+)+)")
_INSTITUTION = re.compile(r"\b(?:university|institute|research|lab|labs|laboratory|college|"
                          r"school|academy|inc|corporation|google|meta|microsoft|amazon|"
                          r"deepmind|openai|nvidia|alibaba|tencent|baidu|ibm|apple)\b", re.I)
# "The record holds no papers on glacier melt": an absence, true when no paper supports it.
_ABSENCE = re.compile(r"\b(?:(?:holds|has|contains|includes)\s+no\s+(?:papers?|work)\s+"
                      r"(?:on|about)|says\s+nothing\s+(?:on|about)|does\s+not\s+mention)\s+"
                      r"(?P<topic>[^;.]+)", re.I)
# A span that qualifies the owner's work: "the first-author work of 2019-2021", "papers from
# 2020 to 2022", "the 2019-2021 papers".
_WORK_NOUN = r"(?:work|papers?|publications?|preprints?|articles?|output)"
_WORK_BEFORE = re.compile(rf"\b{_WORK_NOUN}\s+(?:(?:of|in|during)\s+)?$", re.I)
_WORK_AFTER = re.compile(rf"\s*(?:[\w-]+\s+)?{_WORK_NOUN}\b", re.I)
# A count of "this line of work" or "this phase" is the size of a group, not of the record.
# (A phase is named as one: "This line of work has 4 papers" counts no phase.)
_PHASE_WORDS = r"phase|period"
_GROUP_NAMED = re.compile(r"\b(?:this|that|the|each)\s+(?:line of work|lines of work|topic|"
                          rf"theme|strand|{_PHASE_WORDS})\b", re.I)
_PHASE_NAMED = re.compile(rf"\b(?:this|that|the|each)\s+(?:{_PHASE_WORDS})\b", re.I)
# "These 3 papers", "the following two papers": a count of the papers cited.
_CITED_NAMED = re.compile(r"\b(?:these|those|the following|the cited)\s+$", re.I)
# "In two 2019 first-author papers, Chi ...", "Two of these papers study ...": a count that
# says "some papers, these", not "all the papers there are", when the cited papers are that
# many and each is of the kind it names.
_EXISTENTIAL_BEFORE = re.compile(r"^\s*(?:in|across)\s+$", re.I)
_OF_THESE = re.compile(r"\bof\s+(?:these|those|the cited)\s+papers\b", re.I)
# Where a count's clause gives way to its example: ", including X", ", which", ": X".
_EXAMPLE_AFTER = re.compile(r",\s+(?:including|which|who)\b|[:;]")
_WORDS = re.compile(r"[^\W_]+")
# "2 papers in the record are on X: A (2022) and B (2025)", "4 papers in the record are on
# X", "7 papers in this record say in their abstracts that they build data": a count of the
# papers the sentence lists after a colon, or says are on a subject or say a thing, is a
# count of those cited (what they are on or say is checked against them like any claim).
_LISTED_AFTER = re.compile(r"^\S+\s+papers?\b(?:[^:;.]*:\s|\s+(?:in\s+(?:the|this)\s+record\s+)?"
                           r"(?:(?:are|is)\s+(?:on|about)|says?)\b)", re.I)


# "The record of X lists publications and says nothing about awards or honours; that needs
# another source, such as a CV or a faculty page.": the answer to a question about what no
# publication record holds (agent/fact_questions.py, _BEYOND). True of every record, so it
# needs no citation, and naming awards there claims none. Only these subjects, and nothing
# after them, or "says nothing about" would let any claim through.
_ELSEWHERE = "; that needs another source, such as a CV or a faculty page"
_SILENCE = re.compile(r"^The record of .+? lists publications and says nothing about "
                      rf"(?P<what>[a-z ,]+?)(?:{re.escape(_ELSEWHERE)})?\.?$")
# What a record without citation counts cannot rank (fact_questions._signature and
# _per_paper_metric): true of every record, since a Paper keeps no citation count.
_NO_CITATIONS = re.compile(r"^The record of .+? counts no citations per paper, so it cannot "
                           r"(?:rank the works by importance|tell which work is the most cited "
                           r"or best known)\.?$")
# The subjects a publication record is silent on: agent/fact_questions._BEYOND names them
# in its answers, and silence() reads only their words (tests/verify/test_injection.py
# holds the two lists together).
SILENT_SUBJECTS = ("awards or honours", "education", "students or supervisors", "teaching",
                   "current positions", "positions or pay", "funding", "contact details",
                   "judgements of the researcher", "corrections or retractions",
                   "personal life", "venues")
_SILENT_ON = frozenset(" ".join(SILENT_SUBJECTS).split()) | {"and"}
# "venues" is silence only where no paper of the record names one: a profile page never
# does, a BibTeX file or an OpenAlex export mostly does.
_SILENT_UNLESS_VENUES = "venues"
# "No paper in the record of X gives NeurIPS as its venue.": true when no paper's venue
# is the one named (venue_matches), and no citation can show it.
_NO_VENUE = re.compile(r"^No paper in the record of .+? gives (?P<venue>.+?) as its venue\.?$")
# Words of a venue's name its initials skip: "Association for Computational Linguistics"
# is ACL.
_VENUE_SKIP = frozenset("of for the on in and a an at to annual meeting proceedings findings "
                        "conference journal workshop international".split())


# What an abstract says a work cannot do: its own limits, not those of earlier work or of a
# baseline ("existing methods fail", "cause the baseline to fail"). Written by hand: a
# short list of cues, read the same way by the answer (agent/answers.py) and the check.
_LIMITING = re.compile(r"\b(?:limitations?|(?:is|are|was|were|remains?) limited|limited to|"
                       r"drawbacks?|weakness(?:es)?|shortcomings?|"
                       r"fails?|failures?|failed|struggles?|cannot|not yet|remains? "
                       r"(?:an? )?(?:open|challenging|difficult))\b", re.I)
_NOT_OWN = re.compile(r"^(?:however|existing|previous|prior|most|current|conventional|"
                      r"traditional|recent|many)\b|\bbaselines?\b|\bexisting\b|\bprior\b",
                      re.I)
# 'The abstract of "Title" (2023) names no limitation of its own.' and 'The abstract of
# "Title" (2024) names this limitation: "Failures are mostly due to ...".'
_LIMITATION_CLAIM = re.compile(r'^The abstract of (?:"(?P<title>.+?)"|(?P<name>[\w.-]+)) '
                               r'\((?P<year>\d{4})\) (?:names no limitation of its own|names '
                               r'this limitation: "(?P<quote>.+)")\.?$')


def limitations(abstract: str) -> list[str]:
    """The abstract's sentences that say what the work itself cannot do: after it says what
    the work is (its first "we" or "this paper" sentence, else its first sentence), since
    what comes before is the problem it takes on ("Vision alone struggles to reconstruct
    transparent objects" motivates TactileNeRF; it is no limit of it)."""
    sentences = abstract_sentences(abstract)
    start = (turn(sentences) or 0) + 1
    return [s for s in sentences[start:] if _LIMITING.search(s) and not _NOT_OWN.search(s)]


def limitation_reasons(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """A claim of what a cited abstract says of the work's limits, checked exactly; None
    for a sentence that makes no such claim."""
    said = _LIMITATION_CLAIM.match(" ".join(sentence.split()))
    if not said:
        return None
    # The paper by its title, or by a name its own abstract uses ("BiDiff").
    paper = next((p for p in papers if str(p.year) == said["year"] and (
        p.title.strip(" .") == said["title"] if said["title"] is not None
        else re.search(rf"(?<![\w-]){re.escape(said['name'])}(?![\w-])", p.abstract))), None)
    if paper is None:
        return [Reason("absence", "names a paper's abstract that is not the cited paper's",
                       (said["title"] or said["name"],))]
    found = limitations(paper.abstract)
    if said["quote"] is None and found:
        return [Reason("absence", f'says the abstract names no limitation, but it says "'
                                  f'{found[0]}"', (found[0],))]
    if said["quote"] is not None and said["quote"].rstrip(".") not in [f.rstrip(".")
                                                                        for f in found]:
        return [Reason("absence", "quotes as a limitation what the abstract does not say so",
                       (said["quote"],))]
    return []


# What a fact answer says the abstracts say (fact_questions._null_results, _settled): "2
# papers in this record say in their abstracts that something they tested did not work or
# made no difference." is a count of the papers cited, each of which must say it; "No
# abstract in the record of X says that something its paper tested did not work ..." is
# true when no abstract does, which no citation can show. Read exactly: their words are
# the answer's, not the abstracts'. The wordings and the test of an abstract are
# agent/text.ABSTRACTS_SAY's, which the answers write from.
# The counts that open these sentences spelled out, as prose spells them ("One", "Three").
_SPELLED_LEADS = "|".join(w.capitalize() for w, n in _WORD_NUMBERS.items() if 1 <= n <= 10)
_COUNT_SAYS = [(re.compile(rf"^(?P<n>\d+|{_SPELLED_LEADS}) papers? in this record says? in "
                           rf"(?:its|their) "
                           rf"abstracts? that (?:{re.escape(s.one)}|{re.escape(s.several)})\.?$"),
                s.test, s.what) for s in ABSTRACTS_SAY.values()]
_NONE_SAYS = [(re.compile(rf"^No abstract in the record of .+? says that {re.escape(s.none)}\.?$"),
               s.test, s.what) for s in ABSTRACTS_SAY.values()]
# "By date, these are the papers in this record whose abstracts say that something they
# tested did not work ...": the lead of a listing too long to cite in one sentence, true
# when some abstract says it (each paper listed after it is cited in its own sentence).
_SOME_SAY = [(re.compile(rf"^(?:Yes: )?By date, these are the papers in this record whose "
                         rf"abstracts say that {re.escape(s.several)}\.?$", re.I), s.test, s.what)
             for s in ABSTRACTS_SAY.values()]


def _lead_count(lead: str) -> int:
    """ "3" -> 3, "Three" -> 3: a count that opens a sentence is spelled out up to ten
    (realize.opening_count)."""
    return int(lead) if lead.isdigit() else _WORD_NUMBERS[lead.lower()]


def abstracts_say_reasons(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """A count of cited papers whose abstracts say a thing of their own work (a null result,
    a conjecture settled), checked exactly; None for a sentence that makes no such claim."""
    flat = " ".join(sentence.split())
    for pattern, test, what in _COUNT_SAYS:
        if said := pattern.match(flat):
            reasons = [Reason("absence", f"[{p.key}] reports no {what.removeprefix('a ')} in "
                                         f"its abstract", (p.key,))
                       for p in papers if not test(p.abstract or "")]
            if _lead_count(said["n"]) != len(papers):
                reasons.append(Reason("count", f'count "{said["n"]}" but {len(papers)} papers '
                                               f"are cited", (said["n"],)))
            return reasons
    return None


def silent_on(owner: str, subjects: str, elsewhere: bool = True) -> str:
    """The sentence silence() passes: the record of `owner` says nothing about `subjects`
    (words of _SILENT_ON), and, elsewhere, that another source has them."""
    return (f"The record of {owner} lists publications and says nothing about {subjects}"
            f"{_ELSEWHERE if elsewhere else ''}.")


def limitation_said(name: str, year: int | None, quote: str | None) -> str:
    """The sentence limitation_reasons() checks: what the abstract of the work called
    `name` (its short name, or its title in quotes) says of its limits; quote None: none."""
    head = f"The abstract of {name} ({year})"
    return (f'{head} names this limitation: "{quote.rstrip(".")}".' if quote is not None
            else f"{head} names no limitation of its own.")


# The planner's note on a record whose author lists follow the alphabet (names.
# alphabetical_authors), which no citation can show: true of the record or not.
ALPHABETICAL_NOTE = ("The author lists of {whose} papers are in alphabetical order, so the "
                     "order of names says nothing of who led them.")
_ALPHABETICAL = re.compile(r"^The author lists of \S.{0,80}? papers are in alphabetical order, "
                           r"so the order of names says nothing of who led them\.?$")


def alphabetical(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """The note that the author lists are alphabetical: [] when they are (by the rule
    names.alphabetical_authors applies), a reason when not; None for another sentence."""
    if not _ALPHABETICAL.match(sentence):
        return None
    return [] if alphabetical_authors(papers) else [Reason(
        "role", "the record's author lists are not in alphabetical order", ("alphabetical",))]


def of_the_record(sentence: str, papers: Sequence[Paper],
                  primary: str | None) -> list[Reason] | None:
    """The reasons a sentence about the whole record, which no citation can show, is
    false ([] when it is true); None when it is no such sentence. Each reading below
    reads one wording the tool itself writes (fact_questions, answers, pipeline): the
    record's silence, a venue no paper gives, the page's primary category (primary), a
    person no author list names, a word no paper uses, and what an answer leaves out of
    its own listing; and that the author lists are alphabetical."""
    flat = " ".join(sentence.split())  # each reading reads the sentence on one line
    for reading in (silence, no_venue, none_says, not_an_author, no_word, alphabetical):
        if (said := reading(flat, papers)) is not None:
            return said
    if (said := primary_category(flat, primary)) is not None:
        return said
    return [] if _NOT_LISTED.match(flat) else None


def silence(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """The reasons a sentence that says the record (these papers) is silent on what it
    does not hold is false: it names venues where a paper gives one. [] when it is true
    (what no record holds, citations per paper, or venues where none gives one); None when
    it says no such thing."""
    if _NO_CITATIONS.match(sentence):
        return []  # a Paper keeps no citation count, whatever its source gave
    said = _SILENCE.match(sentence)
    # "education, students or supervisors and teaching": a list of subjects, commas too
    words = said.group("what").replace(",", " ").split() if said else []
    if not said or not set(words) <= _SILENT_ON:
        return None
    given = [p.key for p in papers if p.venue] if _SILENT_UNLESS_VENUES in words else []
    return [Reason("venue", f"[{given[0]}] gives its venue: the record is not silent on "
                            "venues", ("venues",))] if given else []


# "The other 11 are not listed here.": what an answer leaves out of its own listing
# (fact_questions._Facts.listing). It says nothing of the record; the count beside it does.
_NOT_LISTED = re.compile(r"^The other \d+ (?:are|is) not listed here\.?$")


# "No paper in the record of X uses the word “misinformation”" (answers._none_verdict,
# where no paper uses a word of the topic): true when no title or abstract does.
_NO_WORD = re.compile(r"^(?:No:\s+)?[Nn]o paper in the record of .+? uses the words? "
                      r"[\u201c\"](?P<words>[^\u201d\"]+)[\u201d\"]"
                      r"(?:; nothing was written, rather than invent prior work)?\.?$")


def no_word_said(owner: str, quoted: str) -> str:
    """The sentence no_word() passes, without its capital and full stop: "no paper in the
    record of X uses the word “misinformation”" (quoted: the topic in its quotes)."""
    words = "word" if len(quoted.split()) == 1 else "words"
    return f"no paper in the record of {owner} uses the {words} {quoted}"


# "No paper in the record of X uses the term “climate change”": the words together, as a
# claim relates them ("Does her work show that climate change is causing bigger floods?"),
# where one of them alone ("change") is any paper's.
_NO_TERM = re.compile(r"^(?:No:\s+)?[Nn]o paper in the record of .+? uses the term "
                      r"[\u201c\"](?P<term>[^\u201d\"]+)[\u201d\"]\.?$")


def no_term_said(owner: str, quoted: str) -> str:
    """The sentence no_word() passes of a term, without its capital and full stop."""
    return f"no paper in the record of {owner} uses the term {quoted}"


def no_word(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """The reasons "No paper in the record of X uses the word(s) “Y”" is false: a paper
    whose title or abstract uses one of Y's words, by its stem ("robot" for "robotics" is
    not the word, "robots" is); and "... uses the term “Y”": a paper that uses Y's words
    one after another. None when the sentence says neither."""
    if (term := _NO_TERM.match(sentence)) is not None:
        found = term_user(term["term"], papers)
    elif (said := _NO_WORD.match(sentence)) is not None:
        found = word_user(said["words"], papers)
    else:
        return None
    return [] if found is None else [Reason("absence", f'[{found[0]}] uses "{found[1]}"',
                                            (found[1],))]


def term_user(term: str, papers: Sequence[Paper]) -> tuple[str, str] | None:
    """The first paper whose title or abstract uses the term's words one after another,
    each by its stem ("climate changes" for "climate change"), by key, with the words as it
    writes them; None when none does."""
    wanted = [_stem(w) for w in _WORDS.findall(term.casefold())]
    if not wanted:
        return None
    for paper in papers:
        words = _WORDS.findall(f"{paper.title} {paper.abstract}".casefold())
        stems = [_stem(w) for w in words]
        for i in range(len(stems) - len(wanted) + 1):
            if stems[i:i + len(wanted)] == wanted:
                return paper.key, " ".join(words[i:i + len(wanted)])
    return None


def content_stems(words: str) -> set[str]:
    """The stems of the words that can carry a claim, as word_user reads them."""
    return {_stem(w) for w in _WORDS.findall(words.casefold()) if _is_content(w)} \
        - _GENERIC_STEMS


def word_user(words: str, papers: Sequence[Paper]) -> tuple[str, str] | None:
    """The first paper whose title or abstract uses one of the words' content stems, by
    key, with the word as it writes it; None when none does. What "uses the word" means
    wherever the tool says it (no_word here; an answer or a fact answer deciding whether
    to say it). Words without a content stem ("of", "new") are used by no paper."""
    stems = content_stems(words)
    if not stems:
        return None
    for paper in papers:
        used = {_stem(w): w for w in _WORDS.findall(f"{paper.title} {paper.abstract}".casefold())}
        if found := sorted(stems & set(used)):
            return paper.key, used[found[0]]
    return None


# "Geoffrey Hinton is not among the visible authors of the record's 11 papers" (a co-author
# question's answer, fact_questions._coauthor_named).
_NOT_AN_AUTHOR = re.compile(r"^(?:No:\s+)?(?P<name>.+?) is not among the (?P<visible>visible )?"
                            r"authors of the record's (?P<n>\d+) papers?\.?$")


def not_an_author(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """The reasons "X is not among the (visible) authors of the record's N papers" is
    false: a paper that lists X, a count that is not the record's, or a list cut short by
    "et al." where the sentence does not say "visible". None when it says no such thing."""
    said = _NOT_AN_AUTHOR.match(sentence)
    if said is None:
        return None
    name = said["name"]
    reasons = [Reason("collaborator", f"[{p.key}] lists {name} among its authors", (name,))
               for p in papers if any(same_person(name, a) for a in p.authors)][:1]
    if int(said["n"]) != len(papers):
        reasons.append(Reason("count", f'count "{said["n"]} papers" does not match the record: '
                                       f"{len(papers)} papers", (said["n"],)))
    cut = [p.key for p in papers if p.authors_truncated]
    if cut and not said["visible"]:
        reasons.append(Reason("collaborator", f'[{cut[0]}] ends its authors in "et al.": only '
                                              "the visible authors can be ruled out", (name,)))
    return reasons


_PRIMARY_CATEGORY = re.compile(r"^.+? profile page gives (?:cs\.)?(?P<category>[\w.-]+) as "
                               r"the primary category\.?$")


def primary_category(sentence: str, stated: str | None) -> list[Reason] | None:
    """The reasons "X's profile page gives AO as the primary category" is false, against
    the category the page states (stated); None when the sentence says no such thing."""
    said = _PRIMARY_CATEGORY.match(sentence)
    if said is None:
        return None
    if stated is not None and said["category"].casefold() == stated.casefold().removeprefix("cs."):
        return []
    return [Reason("statistic", f'primary category "{said["category"]}" but the page states '
                                f"{stated or 'none'}", (said["category"],))]


def no_venue(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """The reasons "No paper in the record of X gives V as its venue" is false (a paper
    whose venue is V); [] when it is true, None when the sentence says no such thing."""
    said = _NO_VENUE.match(sentence)
    if said is None:
        return None
    found = [p.key for p in papers
             if p.venue and venue_matches(said["venue"], p.venue, p.year)]
    return [Reason("venue", f'[{found[0]}] gives "{said["venue"]}" as its venue',
                   (said["venue"],))] if found else []


def none_says(sentence: str, papers: Sequence[Paper]) -> list[Reason] | None:
    """The reasons "No abstract in the record of X says that something its paper tested did
    not work ..." (or another of _ABSTRACTS_SAY) is false: an abstract that says it; []
    when it is true, None when the sentence says no such thing."""
    for pattern, test, what in _NONE_SAYS:
        if pattern.match(sentence):
            found = [p.key for p in papers if test(p.abstract or "")]
            return [Reason("absence", f"{cite(found[:3])} "
                                      f"{'reports' if len(found) == 1 else 'report'} {what} in "
                                      f"the abstract", tuple(found[:3]))] if found else []
    for pattern, test, what in _SOME_SAY:
        if pattern.match(sentence):
            return [] if any(test(p.abstract or "") for p in papers) else [
                Reason("absence", f"no abstract reports {what}")]
    return None


def venue_matches(name: str, venue: str, year: int | None = None) -> bool:
    """Whether a venue as a reader names it ("ACL", "EMNLP 2024", "Nature") is the venue a
    source gives a paper of that year ("Proceedings of the 59th Annual Meeting of the
    Association for Computational Linguistics", "Findings of EMNLP"): its words in the
    venue's, in order, or its letters the initials of the venue's capitalised words; a year
    it names is the venue's or the paper's. Written by hand: no library knows venue
    abbreviations offline, and this is only the reading a record allows."""
    asked = re.findall(r"[^\W\d_]+|\d+", name.casefold())
    words = re.findall(r"[^\W\d_]+|\d+", venue.casefold())
    years = {w for w in asked if re.fullmatch(r"(?:19|20)\d\d", w)}
    if not asked or not years <= {*words, str(year)}:
        return False
    asked = [w for w in asked if w not in years]
    asked = asked[1:] if asked[:1] == ["the"] else asked
    if not asked:
        return False
    if re.search(rf"(?<!\w){re.escape(' '.join(asked))}(?!\w)", " ".join(words)):
        return True
    if len(asked) != 1 or asked[0].isdigit() or not 2 <= len(asked[0]) <= 8:
        return False
    # The initials from the first telling word: "ACL" is "Findings of the Association
    # for Computational Linguistics: EMNLP 2024" (acle), "CL" is not.
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", venue)
                       if w[0].isupper() and w.casefold() not in _VENUE_SKIP).casefold()
    return initials.startswith(asked[0])


def honours(text: str) -> list[Reason]:
    """A claim of an honour, award or position, which no publication record can support."""
    honour = _screened(_HONOUR, _HONOUR_WORDS, text)
    if not honour:
        return []
    return [Reason("honour", f'claims an honour, award or position ("{honour.group(0)}"), which '
                             "no publication record can support", (honour.group(0),))]


def absence(sentence: str) -> str | None:
    """The topic of "the record holds no papers on X", or None."""
    absent = _ABSENCE.search(sentence)
    return absent.group("topic") if absent else None


# Where a topic of absence lists several: "robots or hardware", "X, Y and Z".
_TOPIC_PARTS = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and/or|or|and)\s+|\s*/\s*")


def absence_parts(topic: str) -> list[str]:
    """The topics an absence lists, each of which must be absent too: "no papers on robots
    or hardware" is false of a record with papers on robots; and a topic without a generic
    head noun ("diffusion" for "diffusion models"). None of either: []."""
    parts = [p.strip() for p in _TOPIC_PARTS.split(topic) if p and p.strip()]
    parts = parts if len(parts) > 1 else []
    # "human or other eukaryotic transporters": the word before "or other" shares the
    # noun after it ("human transporters"); "human" alone is no topic of its own.
    parts = [f"{part} {parts[i + 1].split()[-1]}"
             if len(part.split()) == 1 and i + 1 < len(parts)
             and parts[i + 1].split()[0].lower() == "other" and len(parts[i + 1].split()) > 1
             else part for i, part in enumerate(parts)]
    for part in parts or [topic.strip()]:
        words = part.split()
        if len(words) > 1 and words[-1].lower() in _GENERIC_HEADS:
            parts.append(" ".join(words[:-1]))
    return parts


def absence_reasons(found: Sequence[str]) -> list[Reason]:
    """A claim that the record holds no papers on a topic, refuted by the papers found."""
    if not found:
        return []
    return [Reason("absence", f"says the record has no papers on this, but {cite(found)} "
                              f"support it", tuple(found))]


def _record_only(ctx: ProfileIndex, sent: _Sentence) -> bool:
    """Whether the sentence claims nothing but counts of the record, with their years,
    span and role: no figure, name or quote of a paper, no co-author, no topic, and no
    role outside a clause with a count (a count checks its role; "she led most" does not)."""
    counted = [_clause_at(sent, c.start) for c in sent.counts]
    return (bool(sent.counts) and not sent.anchors
            and all(p.is_owner for p in sent.persons)
            and all(_clause_at(sent, at) in counted for _, _, at in sent.roles)
            and len(sent.content & ctx.vocabulary) < thresholds.FACT_MIN_WORDS)


def _about(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex], position: int,
           named_only: bool = False) -> list[_PaperIndex]:
    """The cited papers a claim at `position` is about: those its clause names; for a
    clause that names none, the cited papers no other clause names, else all."""
    keys = {p.key for p in papers}
    units = _units(sent, {a: set(sent.papers_with[a] & keys) for a in sent.anchors})

    def named_in(start: int, end: int) -> set[str]:
        return {k for a in sent.anchors if start <= a.start < end
                and a.kind in {"entity", "quote"} for k in sent.papers_with[a] & keys}

    unit = next(((a, b) for a, b in units if a <= position < b), (0, len(sent.text)))
    named = named_in(*unit)
    if named or named_only:
        return [p for p in papers if p.key in named]
    # "..., with a first-author study of X, and to models such as Kosmos-1": the
    # first clause is about the paper the second does not name.
    elsewhere = set().union(*(named_in(a, b) for a, b in units if (a, b) != unit))
    return [p for p in papers if p.key not in elsewhere] or list(papers)


_ONLY_BEFORE = re.compile(r"\bonly\s+$", re.I)


def roles(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
    """"first-authored", "led", "senior author" must hold for every paper they are about."""
    reasons: list[Reason] = []
    for role, phrase, position in sent.roles:
        if any(p.denied and p.start <= position < p.end for p in sent.places):
            continue  # "is not the first author of": ordinals() reads a role denied
        # "edited by X": the person named after the phrase; other roles, the one before it.
        subject = (next((p.name for p in sent.persons if p.start > position), ctx.owner)
                   if role == "editor" else _subject(ctx, sent, position))
        # "11 first-author papers [a; b]" is checked by its count; the role binds only
        # the papers the clause names ("..., including InfoXLM").
        start, end = _clause_at(sent, position)
        counted = any(start <= c.start < end for c in sent.counts)
        if _ONLY_BEFORE.search(sent.text[:position]):
            # "her only sole-authored work in the record": one such paper in the whole record.
            held = [p for p in ctx.papers.values()
                    if _position(ctx, p, subject) in _ROLE_POSITIONS[role]]
            if len(held) != 1:
                reasons.append(Reason("role", f'"only {phrase}" but the record has '
                                              f"{len(held)} such papers by {subject}",
                                      (phrase, *(p.key for p in held[:3]))))
        for paper in _about(ctx, sent, papers, position, named_only=counted):
            where = _position(ctx, paper, subject)
            if where not in _ROLE_POSITIONS[role]:
                reasons.append(Reason(
                    "role", f'"{phrase}" but {_describe_position(subject, where, paper)}',
                    (phrase, paper.key)))
    return reasons


def ordinals(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]
             ) -> list[Reason]:
    """"X is the second author of P", and "X is not the first author of P": the place in the
    author list, said or denied, must be the person's place in every paper it is about.
    (A role said outright, "first author", is roles(); this reads the places it does not,
    and a role denied, which roles() would take for the role itself.)"""
    reasons: list[Reason] = []
    for said in sent.places:
        if said.place in (1, -1) and not said.denied:
            continue  # "is the first author of": roles()
        subject = _subject(ctx, sent, said.start)
        for paper in _about(ctx, sent, papers, said.start):
            if not paper.authors or (paper.paper.authors_truncated
                                     and said.place > len(paper.authors)):
                continue  # the place is not visible in the record
            at = next((i for i, a in enumerate(paper.authors, 1) if same_person(a, subject)),
                      None)
            actual = len(paper.authors) if said.place == -1 else said.place
            if at is None or (at == actual) == said.denied:
                where = f"author {at} of {len(paper.authors)}" if at else "not an author"
                reasons.append(Reason("role", f'"{said.phrase}" but {subject} is {where} of '
                                      f"{cite([paper.key])}", (said.phrase, paper.key)))
    return reasons


# "The most recent paper in the record is X", "the earliest work in this record": which
# paper of the record is first or last by date.
_EXTREME_OF_RECORD = re.compile(
    r"\b(?P<which>most\s+recent|latest|newest|earliest|oldest|first)\s+(?:paper|work|"
    r"publication|article)\s+(?:in|of)\s+(?:the|this)\s+record\b", re.I)


def extremes(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
    """"The most recent paper in the record is X": no paper of the record may be dated after
    a cited one (before it, said "earliest"), to the precision the record dates them."""
    found = _EXTREME_OF_RECORD.search(sent.text)
    if not found or not papers:
        return []
    latest = found["which"].lower() not in ("earliest", "oldest", "first")
    reasons = []
    for cited in papers:
        beyond = [p.paper for p in ctx.papers.values()
                  if (_after(p.paper, cited.paper) if latest else _after(cited.paper, p.paper))]
        if cited.paper.year is None or beyond:
            said = (f"{cite([beyond[0].key])} is dated {'later' if latest else 'earlier'}"
                    if beyond else "it carries no date")
            reasons.append(Reason("date", f'"{found[0]}" is not {cite([cited.key])}: {said}',
                                  (found[0], cited.key)))
    return reasons


def _after(a: Paper, b: Paper) -> bool:
    """Whether a is dated after b as far as the record tells: by year, and within a year by
    month or day when it dates both that finely."""
    if a.year is None or b.year is None or a.date is None or b.date is None:
        return False
    if a.year != b.year:
        return a.year > b.year
    fine = (DatePrecision.MONTH, DatePrecision.DAY)
    return a.date_precision in fine and b.date_precision in fine and a.date > b.date


def _subject(ctx: ProfileIndex, sent: _Sentence, position: int) -> str:
    """The person a role phrase is about: the nearest name before it, else the owner."""
    before = [p for p in sent.persons if p.end <= position
              and not _WITH_BEFORE.search(sent.text[:p.start])]
    return before[-1].name if before else ctx.owner


def _position(ctx: ProfileIndex, paper: _PaperIndex, person: str) -> OwnerPosition:
    """Where a person stands in a paper's visible author list."""
    if same_person(person, ctx.owner):
        return paper.paper.owner_position
    return owner_position(paper.authors, paper.paper.authors_truncated, person,
                          paper.paper.edited)


# A claim that a work released something: code, data, weights, a tool. "Alongside the 2023
# evaluation, she released the classifier's trained weights and the app's source code"
# needs a cited paper that says it releases something (_RELEASE_SAID), links its code
# (Paper.has_code), or is itself the thing (a dataset or software): an invented artifact
# is a claim of its own, whatever else the sentence gets right.
_RELEASED = re.compile(
    r"\b(?:releas(?:e|es|ed|ing)|open[- ]sourc\w*|(?:made|makes|make|making)\s+"
    r"(?:[\w'’-]+\s+){0,6}?(?:publicly\s+|freely\s+|openly\s+)?available)\b", re.I)
_RELEASE_SAID = re.compile(
    r"\b(?:releas\w*|(?:publicly|freely|openly)\s+(?:available|accessible)|available\s+(?:at|"
    r"from|online|on|via|upon|under|to)\b|open[- ]source\w*|open\s+(?:licen[cs]e|access|data|"
    r"code|panel|dataset|database|corpus|software|toolkit)|download\w*|licen[cs]e[ds]?\b|"
    r"github|gitlab|zenodo|figshare|repository|deposit\w*|(?:code|data|dataset|software|"
    r"weights|models?|tools?)\s+(?:is|are)\s+(?:publicly\s+|freely\s+)?available)", re.I)


def releases(ctx: ProfileIndex, sent: _Sentence,
             papers: Sequence[_PaperIndex]) -> list[Reason]:
    """A release (of code, data, a tool) that no cited paper states. Not one offered as a
    choice: "says in its abstract what it builds or releases" claims neither."""
    said = next((m for m in _RELEASED.finditer(sent.text)
                 if not re.search(r"\bor\s+$", sent.text[:m.start()])
                 and not re.match(r"\s+or\b", sent.text[m.end():])), None)
    if said is None or not papers or _substance_released(sent.text, said):
        return []
    if any(p.paper.has_code or p.paper.kind in {"dataset", "software"}
           or _RELEASE_SAID.search(p.text) or _RELEASED.search(p.text) for p in papers):
        return _released_unnamed(sent, said, papers)
    return [Reason("artifact", f'"{said.group(0)}" claims a release, which the cited papers do '
                               f"not state", (said.group(0),))]


# What a cell, an organism or a process releases, no artifact of the work's: "releasing
# IL-1beta and matrix-degrading proteases", "released carbon". A release of one of these
# is a finding, checked as any other; an artifact released ("their trained potential and
# trajectories") is a record claim (releases).
_SUBSTANCES = re.compile(
    r"\b(?:IL|TNF|IFN|TGF|CCL|CXCL)[-\w\u03b1-\u03c9]*|\b(?:cytokines?|chemokines?|hormones?|"
    r"proteases?|enzymes?|neurotransmitters?|peptides?|proteins?|insulin|glucose|dopamine|"
    r"serotonin|histamine|glutamate|acetylcholine|vesicles?|granules?|exosomes?|toxins?|"
    r"ions?|calcium|potassium|sodium|nitric|oxygen|carbon|methane|nitrogen|phosphorus|"
    r"CO2|gas(?:es)?|heat|energy|nutrients?|spores?|pollen|larvae|eggs|seeds?|sediments?|"
    r"radiation|radioactivity|electrons?|photons?|pheromones?|odou?rs?|mediators?|"
    r"granzymes?|perforin|histones?|cytochrome)\b", re.I)


def _substance_released(text: str, said: re.Match[str]) -> bool:
    """Whether what the sentence says is released (_RELEASED_THING) is a substance a cell
    or a process gives off (_SUBSTANCES), not a work's artifact."""
    thing = _RELEASED_THING.match(text, said.end())
    return said.group(0).lower().startswith("releas") and thing is not None and bool(
        _SUBSTANCES.search(thing.group(1)))


# What a release releases: the words after it, a list perhaps, to a clause mark or a word
# that starts what it is of or for ("calibrated simulation models of all seven robots").
_RELEASED_THING = re.compile(r"\s+((?:(?!of\b|for\b|to\b|in\b|on\b|with\b|from\b|that\b|"
                             r"which\b)[\w'’-]+(?:,\s*|\s*)){1,12})")


def _released_unnamed(sent: _Sentence, said: re.Match[str],
                      papers: Sequence[_PaperIndex]) -> list[Reason]:
    """A release of a thing the papers never name: "released course specifications, trial
    logs and calibrated simulation models" of a paper that releases "the protocol, course
    specifications and all trial logs". Each thing of a list on its own: two words of it
    at least, most of them missing from the papers."""
    thing = _RELEASED_THING.match(sent.text, said.end())
    if thing is None or said.group(0).lower() == "release":
        return []  # "the NaCAT-DFT release supplied ...": a noun, whose object is none
    for item in _LIST_ITEM.split(thing.group(1)):
        words = [w for w in re.findall(r"[\w'’-]+", item) if _is_content(w)]
        missing = [w for w in words if not any(_stem(w) in p.stems for p in papers)]
        if len(words) >= 2 and 2 * len(missing) > len(words):
            what = item.strip()
            return [Reason("artifact", f'"{said.group(0)} ... {what}" claims a release the '
                                       f"cited papers do not state", (what,))]
    return []


def people(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
    """Co-authors must be visible authors of the cited papers; "most frequent" must hold."""
    reasons: list[Reason] = []
    for person in sent.persons:
        if person.is_owner:
            continue
        on = _with_person(papers, person.name)
        if _WITH_BEFORE.search(sent.text[:person.start]):
            about = _about(ctx, sent, papers, person.start)
            lacking = [p.key for p in about if p.key not in {q.key for q in on}]
            if lacking:
                reasons.append(Reason(
                    "collaborator", f'"with {person.name}" but {person.name} is not a visible '
                                    f"author of {cite(lacking)}", (person.name, *lacking)))
        elif not on and not any(_entity_in(((person.name, "title"),), p) for p in papers):
            reasons.append(Reason(
                "collaborator", f"{person.name} is not an author of the cited papers",
                (person.name, *(p.key for p in papers))))
    reasons += _most_frequent_reasons(ctx, sent)
    return reasons


def _most_frequent_reasons(ctx: ProfileIndex, sent: _Sentence) -> list[Reason]:
    """"the most frequent co-author is X" must name a co-author with the top count."""
    if not (_may_hold(sent.text, ("most ",)) and _MOST_FREQUENT.search(sent.text)) \
            or not ctx.facts.top_collaborators:
        return []
    top = ctx.facts.top_collaborators[0].papers
    named = [p for p in sent.persons if not p.is_owner]
    if _NOT_MOST_FREQUENT.search(sent.text):
        # Kind "negation": what the kinds were when they were parsed from the messages
        # (a message that starts "negates "), kept so that no verdict's kinds change.
        return [Reason("negation", f"negates that {p.name} is the most frequent co-author, "
                                   f"on {top} papers", (p.name,))
                for p in named if _collaborator_count(ctx, p.name) == top]
    wrong = [p.name for p in named if _collaborator_count(ctx, p.name) != top]
    reasons = [Reason("collaborator",
                      f'"most frequent co-author" but {n} shares {_collaborator_count(ctx, n)} '
                      f"papers and the most is {top}", (n,)) for n in wrong]
    # "The most frequent co-author is X" where Y shares as many: one of several, not the one.
    said = _MOST_FREQUENT.search(sent.text)
    if not wrong and named and not sent.text[said.end():said.end() + 1].isalpha():
        others = [c.name for c in ctx.facts.top_collaborators if c.papers == top
                  and not any(same_person(c.name, p.name) for p in named)]
        if others:
            reasons.append(Reason("collaborator", f'"the most frequent co-author" but '
                                                  f"{others[0]} shares as many papers ({top})",
                                  (others[0],)))
    return reasons


def _collaborator_count(ctx: ProfileIndex, name: str) -> int:
    return len(_with_person(ctx.papers.values(), name))


def _with_person(papers: Iterable[_PaperIndex], name: str) -> list[_PaperIndex]:
    """The papers among these whose visible authors include the person."""
    return [p for p in papers if any(same_person(a, name) for a in p.authors)]


def affiliations(ctx: ProfileIndex, sent: _Sentence,
                 papers: Sequence[_PaperIndex]) -> list[Reason]:
    """"at <institution>" needs that affiliation on every paper the claim is about."""
    reasons: list[Reason] = []
    for m in _AT.finditer(sent.text):
        org = m.group("org")
        known = [s for s in ctx.slugs if _slug_matches(org, s)]
        if not known and not _INSTITUTION.search(org):
            continue  # "at scale", "at 6:8 sparsity": not a place
        for paper in _about(ctx, sent, papers, m.start()):
            # "examines the teaching of botany at the University of Coimbra": a place the
            # paper's own title or abstract names is what it studies, not where its
            # authors work.
            if not _of_a_person(ctx, sent, m.start()) and (
                    _spaced(f"at {org}") in paper.quote_text
                    or _spaced(f"at the {org}") in paper.quote_text):
                continue
            # A thesis is "at" the university it was written for, or at a part of the name
            # the source gives ("Department of Computer Sciences, University of X").
            issuer = paper.paper.institution or ""
            listed = [*paper.paper.affiliations, *filter(None, [issuer])]
            places = [*listed, *(part.strip() for part in issuer.split(",")[1:] if part.strip())]
            if not any(_slug_matches(org, s) for s in places):
                reasons.append(Reason(
                    "affiliation", f'"at {org}" but [{paper.key}] lists '
                                   f"{', '.join(listed) or 'no affiliation'}",
                    (org, paper.key)))
    return reasons


# The kind of work (Paper.kind) each phrase of KIND_SAID names.
_KIND_NAMES = {"book": "book", "monograph": "book", "book chapter": "chapter",
               "chapter": "chapter", "thesis": "thesis", "theses": "thesis",
               "dissertation": "thesis", "preprint": "preprint",
               "conference paper": "conference paper", "journal article": "article"}


def kind_named(words: str) -> str | None:
    """The kind of work (Paper.kind) a phrase names: "books", "book chapters", "theses"."""
    folded = " ".join(words.lower().split())
    return _KIND_NAMES.get(folded) or _KIND_NAMES.get(folded.removesuffix("s"))


# Words after which "at <institution>" says where a person is: "she is at", "based at".
_PLACED = re.compile(r"\b(?:is|was|are|were|works?|worked|working|based|now|researcher|"
                     r"professor|student|fellow|scientist|postdoc|lecturer)\s*$", re.I)


def _of_a_person(ctx: ProfileIndex, sent: _Sentence, at: int) -> bool:
    """Whether "at <institution>" starting at `at` says where a person is: right after a
    name ("Chi, at Microsoft", the owner's or another author's) or a word that places one
    ("is at", "based at")."""
    before = sent.text[:at].rstrip(" ,(")
    last = re.search(r"[\w']+$", before)
    return (any(0 <= at - p.end <= 3 for p in sent.persons) or bool(_PLACED.search(before))
            or (last is not None and last.group(0).casefold() in
                {w.casefold() for w in ctx.owner_words}))


def counts(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
    """A count must equal the count its context names (year, role, person, topic, code)."""
    reasons: list[Reason] = []
    for count in sent.counts:
        if count.stat:
            actual = getattr(ctx.profile, count.stat)
            if actual != count.value:
                label = count.stat.replace("_", "-")
                reasons.append(Reason("statistic",
                                      f'{label} "{count.text}" but the record says {actual}',
                                      (count.text,)))
            continue
        if count.text.lower().startswith("both"):
            if (reason := _both(ctx, sent, count)) is not None:
                reasons.append(reason)
                continue
            if len(papers) == 2:
                continue  # "Both papers propose ... [a] [b]": the two it cites
        options = _count_options(ctx, sent, papers, count)
        if count.value not in {n for n, _ in options} \
                and not _paper_figure(sent, count, papers) \
                and not _without_sole(ctx, sent, count, options):
            by_value = {n: what for n, what in reversed(options)}  # first wording wins
            said = " or ".join(_counted(n, what) for n, what in by_value.items())
            reasons.append(Reason("count",
                                  f'count "{count.text}" does not match the record: {said}',
                                  (count.text,)))
    return reasons


# How far after a count its role may be said: "7 papers, 3 of them as first author".
_ROLE_AFTER_COUNT = 40
# A role the count takes after it: "2 of them as sole author", "as its last author".
_AS_ROLE = re.compile(r"\bas\s+(?:(?:the|its|their|her|his)\s+)?$", re.I)


def _without_sole(ctx: ProfileIndex, sent: _Sentence, count: _Count,
                  options: Sequence[tuple[int, str]]) -> bool:
    """Whether a count of first- or last-author papers is right with the papers written
    alone left out: "first author on ten of the fifteen items, and sole author of her
    thesis" counts the thesis apart. The record counts a sole author as first and last."""
    sole = sum(1 for p in ctx.papers.values() if p.paper.owner_position is OwnerPosition.SOLE)
    if not sole or not any(role == "sole" for role, _, _ in sent.roles) or not any(
            role in {"first", "last"} and at < (count.scope_end or len(sent.text))
            for role, _, at in sent.roles):
        return False  # only where the sentence says the work written alone apart
    alone = _filtered(ctx, sent, count)[0]
    solo = sum(1 for p in alone if p.paper.owner_position is OwnerPosition.SOLE)
    return bool(solo) and bool(options) and options[0][0] - solo == count.value


def _both(ctx: ProfileIndex, sent: _Sentence, count: _Count) -> Reason | None:
    """"First author of both papers from 2023 to 2025" says the years hold two papers, not
    only that she led two of them: the whole the sentence names (its years, "in this
    record") must be two. A "both" of no such whole is the two papers it cites."""
    whole, what = _filtered(ctx, sent, replace(count, denominator=True))
    scoped = len(whole) != len(ctx.papers) or re.search(r"\bin this record\b", sent.text)
    if not scoped or len(whole) == 2:
        return None
    return Reason("count", f'count "{count.text}" but the record holds '
                           f'{_counted(len(whole), " ".join(what))}', (count.text,))


def _counted(n: int, what: str) -> str:
    """A count with what it counts, as a reason says it: "1 paper", "3 papers from ..."."""
    return f"{n} {what.replace('papers', 'paper', 1) if n == 1 else what}"


def _paper_figure(sent: _Sentence, count: _Count, papers: Sequence[_PaperIndex]) -> bool:
    """Whether a count of papers is one a cited paper states of its own work, not of the
    record: "reviews 142 papers that apply reinforcement learning" of a survey whose
    abstract says "We review 142 papers that apply ...". The paper must state the count
    with the word before it or the word after it as the sentence has them ("review 142
    papers", "142 papers that"): "The record holds 142 papers" stays a count of the record,
    whatever a cited survey reviews."""
    if count.denominator or count.part or count.stat:
        return False
    said = _spaced(count.text)
    if said.strip() == str(count.value):
        return False  # no noun: "11 of them"
    before = re.findall(r"[\w-]+", sent.text[:count.start])[-1:]
    after = re.findall(r"[\w-]+", sent.text[count.start + len(count.text):])[:1]
    # The verb before may be inflected otherwise: "reviews" for the abstract's "review".
    forms = [f"{w} {count.text}" for b in before for w in {b, b.removesuffix("s"),
                                                           b.removesuffix("es")}]
    forms += [f"{count.text} {a}" for a in after]
    return any(_spaced(form) in p.quote_text for form in forms for p in papers)


def _paper_figures(sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[_Count]:
    """The sentence's counts that are a cited paper's own figures (_paper_figure)."""
    return [c for c in sent.counts if _paper_figure(sent, c, papers)]


def _count_options(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
                   count: _Count) -> list[tuple[int, str]]:
    """The counts the sentence's context can mean, each with a description."""
    keep, what = _filtered(ctx, sent, count)
    # "This line of work has 14 papers": a topic or phase the cited papers belong to,
    # when the sentence names one (or a topic's keywords); else the record's count.
    cited = {p.key for p in papers}
    # A line or phase named in the example a count gives ("..., including X (2013), which
    # examines the charters for the period 950-1150") is not what it counts.
    tail = _EXAMPLE_AFTER.search(sent.text, count.start)
    clause = sent.text[:tail.start()] if tail else sent.text
    named = bool(_GROUP_NAMED.search(clause))
    lines = [t for t in ctx.facts.topics if not t.other]  # other work is counted as no line
    if (line := _line_before(sent.text[:count.start], lines)) is not None:
        # "centre on X (13 papers), Y (7 papers)": the count of the line it follows, alone.
        keys = set(line.paper_keys)
        return [(sum(1 for p in keep if p.key in keys), " ".join([*what, f'on "{line.label}"']))]
    # "Next come Shaohan Huang (10 papers), Heyan Huang (8 papers)", "microsoft-research
    # (7 papers)", "CL (27 papers)": the papers of the name it follows; "are Amara Nwosu
    # and Kenji Watanabe, on 3 papers each": those of every one of them. Each in the years
    # the sentence names, whatever else it names of the others.
    people = [p for p in sent.persons if not p.is_owner and p.end <= count.start]
    each = bool(people) and re.match(r"\s+each\b",
                                     sent.text[count.start + len(count.text):]) is not None
    owners = [(f"with {p.name}", {q.key for q in _with_person(ctx.papers.values(), p.name)})
              for p in people] if each else [
        named for named in [_named_before(ctx, sent, count)] if named is not None]
    if owners:
        within, when = _filtered(ctx, sent, replace(count, denominator=True))
        counted = [(sum(1 for p in within if p.key in keys), " ".join([*when, label]))
                   for label, keys in owners]
        return [c for c in counted if c[0] != count.value][:1] or counted[:1]
    # A line a cited paper is on counts when the sentence names it ("this line of work",
    # its name or one of its keywords) outside the titles it quotes and before the example
    # it gives: "first author of 1 of the 5 papers, including
    # "Spatial Transcriptomics ..." (2024), which ... maps cells" is no count of the line
    # "cells" or of the line whose keyword "spatial" the title holds.
    said = {_stem(w) for w in _WORDS.findall(clause)}  # quoted titles are masked already
    # A name of framing words alone names no line: the keyword "records" is not what "in
    # this record" speaks of.
    groups = [(f'on "{t.label}"', set(t.paper_keys)) for t in lines
              if (named and cited <= set(t.paper_keys)) or (cited & set(t.paper_keys) and any(
                  (stems := {_stem(w) for w in _WORDS.findall(name)}) <= said
                  and stems - _GENERIC_STEMS for name in (t.label, *t.keywords)))]
    # "This line of work has 4 papers" is no count of a phase: a phase is named as one.
    phase_named = named and _PHASE_NAMED.search(clause) is not None
    groups += [(f"in the phase {ph.start_year}-{ph.end_year}", set(ph.paper_keys))
               for ph in ctx.facts.phases if phase_named and cited <= set(ph.paper_keys)]
    before, after = sent.text[:count.start], sent.text[count.start:]
    listed = _CITED_NAMED.search(before) or _LISTED_AFTER.search(after)  # "these 3 papers"
    # "In two 2019 papers, ...": some papers, the cited ones, when they are of that kind.
    some = (_EXISTENTIAL_BEFORE.search(before) or _OF_THESE.search(count.text)) and \
        cited <= {p.key for p in keep}
    if listed or some:
        groups.append(("among those cited", cited))
    options = [(sum(1 for p in keep if p.key in keys), " ".join([*what, label]))
               for label, keys in groups]
    # "3 of the 3 papers in 2017 concern X" (or "Of the 3 papers in 2017, 3 concern X",
    # "All 3 papers in 2017 concern X"): a part of a whole that names a line counts the
    # line's papers; counted without the line it is the whole again, true of any part
    # that equals its whole.
    part_of_line = bool(options) and not listed and not some and (count.part or any(
        c.denominator for c in sent.counts if c.start > count.start))
    if not (options and named) and not part_of_line:
        # "This line of work has 3 papers" counts the line, never the whole record.
        options.insert(0, (len(keep), " ".join(what)))
    return list(dict.fromkeys(options))


def _named_before(ctx: ProfileIndex, sent: _Sentence, count: _Count
                  ) -> tuple[str, set[str]] | None:
    """The co-author, affiliation or category a parenthesised count follows ("Heyan Huang
    (8", "cmu (3", "CL (27"), with the keys of its papers; None if it follows none."""
    head = _bracketed(sent.text[:count.start])
    if head is None:
        return None
    for person in sent.persons:
        if person.end == len(head) and not person.is_owner:
            return f"with {person.name}", {
                p.key for p in _with_person(ctx.papers.values(), person.name)}
    for slug in ctx.slugs:
        if re.search(rf"(?<![\w-]){re.escape(slug)}$", head):
            return f"with {slug}", {p.key for p in ctx.papers.values()
                                    if slug in p.paper.affiliations}
    for category in ctx.categories:
        if re.search(rf"(?<![\w-]){re.escape(category)}$", head):
            return f"in {category}", {p.key for p in ctx.papers.values()
                                      if p.paper.category == category}
    return None


def _bracketed(text: str) -> str | None:
    """The text before a count's opening bracket ("reasoning models (7" -> "reasoning
    models"), or None when the count opens no bracket."""
    head = re.match(r"(?s)(.*\S)\s*\($", text.rstrip())
    return head[1] if head else None


def _line_before(text: str, lines: Sequence[Topic]) -> Topic | None:
    """The line of work whose name a parenthesised count follows ("reasoning models (7"),
    the longest name when one ends another."""
    head = _bracketed(text)
    if head is None:
        return None
    before = head.casefold()
    ending = [t for t in lines if before.endswith(t.label.casefold())]
    return max(ending, key=lambda t: len(t.label), default=None)


# Papers said to have code: "link to code", "have code available", "come with released
# code", "the code is available". Not a thing a line of work is named by: "5 papers on
# distance-3 surface code" counts papers on a kind of error-correcting code.
_CODE_SAID = re.compile(
    r"\b(?:to|with|has|have|had|releases?|released|releasing|shares?|shared|public|open|"
    r"available)\s+(?:[\w-]+\s+)?code\b|\bcode\s+(?:is\s+|was\s+|are\s+|were\s+)?"
    r"(?:available|released|public|shared)\b", re.I)


def _filtered(ctx: ProfileIndex, sent: _Sentence,
              count: _Count) -> tuple[list[_PaperIndex], list[str]]:
    """The papers the words around a count name (role, person, code, year...), in words.

    A denominator ("of the 36 papers") keeps only the year filters; a whole that a later
    count is part of, only the qualifiers before the part (_bind_parts).
    """
    end = len(sent.text) if count.scope_end is None else count.scope_end
    # "first author of 6 of them, including "X" (2016), which reconstructs chains ... during
    # the 2013-2014 influenza season": what the example says does not qualify the count.
    if (tail := _EXAMPLE_AFTER.search(sent.text, count.start)) is not None:
        end = min(end, tail.start())
    text = sent.text[:end]
    keep = list(ctx.papers.values())
    what = ["papers"]
    if not count.denominator:
        # A role said before the count, or right after it ("4 papers as first author"), is
        # its role; not one of a later clause ("... items in the record and wrote her
        # thesis without co-authors"). Once a role comes before the count, one after it
        # belongs to the next clause ("first author on eight of the fourteen papers and
        # sole author of the thesis") unless the count takes it with "as" ("2 of them as
        # sole author").
        near = count.start + len(count.text) + _ROLE_AFTER_COUNT
        before = any(at < count.start for _, _, at in sent.roles)
        roles = {r for r, _, at in sent.roles if at < min(end, near) and (
            not before or at < count.start or _AS_ROLE.search(sent.text[:at]))}
        for role in roles:
            keep = [p for p in keep if p.paper.owner_position in _ROLE_POSITIONS[role]]
            what.append(f"with {ctx.owner} as {role} author")
        for person in (p for p in sent.persons if not p.is_owner and p.start < end):
            keep = _with_person(keep, person.name)
            what.append(f"with {person.name}")
        if _CODE_SAID.search(text):
            keep = [p for p in keep if p.paper.has_code]
            what.append("with code")
        # "2 of the 18 papers in this record are books": the kind the source gives.
        if (said := KIND_SAID.search(text)) is not None:
            kind = kind_named(said.group(1))
            keep = [p for p in keep if p.paper.kind == kind]
            what.append(f"that are {said.group(1)}")
        # "35 of the 36 author lists end in "et al."": lists cut short.
        if re.search(r"\bet al\b", text):
            keep = [p for p in keep if p.paper.authors_truncated]
            what.append('ending in "et al."')
            # '... end in "et al." before Zewen Chi's name': the owner is not among those shown.
            if re.search(r"\bet al\b\W*\s+(?:before|without)\b[^.;]*\bname\b", text):
                keep = [p for p in keep if p.paper.owner_position is OwnerPosition.UNKNOWN]
                what.append(f"before {ctx.owner}'s name")
        # "29 of the 36 papers name no affiliation"; "None of her papers names one".
        if re.search(r"\bno affiliations?\b", text, re.I):
            keep = [p for p in keep if not p.paper.affiliations]
            what.append("with no affiliation")
        elif re.search(r"\b(?:names?|lists?|gives?|carr(?:y|ies))\s+(?:an?\s+)?affiliations?\b",
                       text, re.I):
            keep = [p for p in keep if p.paper.affiliations]
            what.append("with an affiliation")
        # "1 paper in this record carries no date", "2 undated papers".
        if re.search(r"\b(?:undated|(?:carr(?:y|ies)|gives?|has|have|bears?|with)\s+no\s+dates?)\b",
                     text, re.I):
            keep = [p for p in keep if p.paper.year is None]
            what.append("with no date")
        for category in ctx.categories:
            if re.search(rf"\b(?:cs\.)?{re.escape(category)}\b", text):
                keep = [p for p in keep if p.paper.category == category]
                what.append(f"in {category}")
        for slug in ctx.slugs:
            if _slug_in(text, slug):
                keep = [p for p in keep if slug in p.paper.affiliations]
                what.append(f"with {slug}")
        # "Four of her first-author papers appeared in the Journal of Glacier Dynamics":
        # the venue the source gives, named as written.
        for venue in sorted({p.paper.venue for p in ctx.papers.values() if p.paper.venue}):
            if re.search(rf"(?<!\w){re.escape(venue)}(?!\w)", text):
                keep = [p for p in keep if p.paper.venue == venue]
                what.append(f"in {venue}")
    # The sentence's "in 2019" filters before the scope's end: "..., which estimates the
    # effects of a subsidy introduced in the Netherlands in 2005" is the example's year.
    years = count.years if count.years is not None else sorted(
        sent.filter_years & {int(m.group(1)) for m in _YEAR_FILTER.finditer(text)})
    for year in years:
        keep = [p for p in keep if p.paper.year == year]
        what.append(f"in {year}")
    starts = [a for a, _ in _spans(sent.text)[1]]
    for (first, last, _), at in zip(sent.spans, starts):
        if at >= end:
            continue
        keep = [p for p in keep if p.paper.year is not None
                and (first is None or p.paper.year >= first)
                and (last is None or p.paper.year <= last)]
        what.append(f"from {first or '...'} to {last or '...'}")
    return keep, what


def spans(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
    """"from Y1 to Y2" must be the first and last year of the cited papers or of a
    topic, phase or the whole record that they belong to."""
    if not sent.spans:
        return []
    cited = {p.key for p in papers}
    years = [p.paper.year for p in papers if p.paper.year is not None]
    ranges = {(min(years), max(years))} if years else set()
    if ctx.facts.first_year is not None and ctx.facts.last_year is not None:
        ranges.add((ctx.facts.first_year, ctx.facts.last_year))
    ranges |= {(t.first_year, t.last_year) for t in ctx.facts.topics
               if cited & set(t.paper_keys) and t.first_year and t.last_year}
    ranges |= {(ph.start_year, ph.end_year) for ph in ctx.facts.phases
               if cited & set(ph.paper_keys)}
    reasons: list[Reason] = []
    starts = [a for a, _ in _spans(sent.text)[1]]
    for (first, last, phrase), at in zip(sent.spans, starts):
        before = re.findall(r"[^\W_]+", sent.text[:at])[-1:]
        if _span_stated(first, last, papers, " ".join([*before, phrase])):
            continue  # "gridded estimates for 2001 to 2020": the abstract's own span
        if _run_of_work(ctx, sent, (first, last), at, at + len(phrase), papers):
            continue  # "the first-author work of 2019-2021"
        if _counts_within(sent, at, at + len(phrase), _paper_figures(sent, papers)):
            continue  # "the 12 papers from 2024 to 2026": the count's check reads the span
        if not any((first is None or first == a) and (last is None or last == b)
                   for a, b in ranges):
            reasons.append(Reason("span", f'time span "{phrase}" is not the years of the cited '
                                          f"papers, their topic or phase, or the record",
                                  (phrase,)))
    return reasons


def _counts_within(sent: _Sentence, at: int, end: int, figures: Sequence[_Count] = ()
                   ) -> bool:
    """Whether a span only says which papers a count counts: "led 1 of the 12 papers from
    2024 to 2026", "From 2024 to 2026, the 12 papers include ...", "has 13 papers dated
    2018 to 2021". The count is checked against the record's papers of those years
    (counts), so the span is true when it is; it says nothing of the cited papers, which
    show what the count's papers concern. Not a count that is a paper's own figure
    (figures, _paper_figures): that is no count of the record, so its span is the paper's
    to state."""
    return any(not c.stat and c not in figures and (
        (c.start + len(c.text) <= at
         and sent.text[c.start + len(c.text):at].strip() in ("", "dated", "published"))
        or (c.start >= end and re.fullmatch(r",\s*(?:the\s+)?", sent.text[end:c.start])))
        for c in sent.counts)


def _run_of_work(ctx: ProfileIndex, sent: _Sentence, span: tuple[int | None, int | None], at: int,
                 end: int, papers: Sequence[_PaperIndex]) -> bool:
    """A span that names a stretch of the owner's work ("the first-author work of
    2019-2021", "the papers from 2020 to 2022") is true when every year of it holds such
    work (first-author work if its clause says so) and the cited papers lie within it."""
    first, last = span
    if first is None or last is None or first > last:
        return False
    if not (_WORK_BEFORE.search(sent.text[:at]) or _WORK_AFTER.match(sent.text[end:])):
        return False
    if any(p.paper.year is not None and not first <= p.paper.year <= last for p in papers):
        return False
    start, stop = _clause_at(sent, at)
    positions = [_ROLE_POSITIONS[r] for r, _, where in sent.roles if start <= where < stop]
    years = {p.paper.year for p in ctx.papers.values()
             if all(p.paper.owner_position in allowed for allowed in positions)}
    return all(y in years for y in range(first, last + 1))

# --- attribution ---


def _describe_position(person: str, where: OwnerPosition, paper: _PaperIndex) -> str:
    """How a person actually stands in a paper's author list, in words."""
    cite = f"[{paper.key}]"
    if where is OwnerPosition.UNKNOWN:
        return f'{person}\'s position in {cite} is hidden behind "et al."'
    if where is OwnerPosition.ABSENT:
        return f"{person} is not among the authors of {cite}"
    if where is OwnerPosition.LAST:
        return f"{person} is the last author of {cite}"
    if where is OwnerPosition.SOLE:
        return f"{person} is the sole author of {cite}"
    if where is OwnerPosition.EDITOR:
        return f"{person} is an editor of {cite}, which names no author"
    index = next((i for i, a in enumerate(paper.authors) if same_person(a, person)), None)
    if index is None:
        return f"{person} is not a visible author of {cite}"
    return f"{person} is author {index + 1} of {cite}"


def _slug_matches(phrase: str, slug: str) -> bool:
    """"Microsoft Research" ~ microsoft-research, "CMU" ~ cmu, "Carnegie Mellon" ~ cmu."""
    norm, slug_norm = _norm(phrase), _norm(slug)
    if not norm:
        return False
    words = re.findall(LETTER + "+", phrase)
    initials = "".join(w[0].lower() for w in words if w.lower() not in _ACRONYM_SKIP)
    slug_words = [w for w in re.split(r"[-_\s]+", slug.lower()) if w]
    return (norm == slug_norm or (len(words) > 1 and initials == slug_norm)
            or norm == "".join(w[0] for w in slug_words)
            or (len(norm) >= 4 and slug_norm.startswith(norm) and bool(slug_words)
                and slug_words[0] == norm))


def _slug_in(text: str, slug: str) -> bool:
    """An affiliation named in the text, as its slug or its spelled-out name."""
    spelled = r"[\s-]+".join(re.escape(w) for w in re.split(r"[-_]+", slug))
    return bool(re.search(rf"\b{spelled}\b", text, re.I))


def _span_stated(first: int | None, last: int | None, papers: Sequence[_PaperIndex],
                 phrase: str = "") -> bool:
    """A span of years one of the papers states in its own words: "2001 to 2020", or an
    open one with the word before it, as the sentence words it ("progress since 2015" of a
    survey that says so; not "Since 2015, the work has centred on ...")."""
    if first is None or last is None:
        return len(phrase.split()) > 2 and any(_spaced(phrase) in p.quote_text for p in papers)
    forms = (_spaced(f"{first} to {last}"), _spaced(f"{first} {last}"),
             _spaced(f"between {first} and {last}"))
    if any(form in p.quote_text for form in forms for p in papers):
        return True
    # A change from one year to the other in one sentence: "from 2048 thousands in 1990 to
    # 3880 thousands in 2015" states the span 1990 to 2015.
    a, b = str(first), str(last)
    return first < last and any(a in line and b in line and _between(first, last).search(line)
                                for p in papers for line in p.sentences)


@lru_cache(maxsize=256)
def _between(first: int, last: int) -> re.Pattern[str]:
    """The first year, then "to", "until", "through" or "by", then the last, in one sentence."""
    return re.compile(rf"(?<![\d.]){first}(?![\d.]\d)[^;]{{0,120}}?\b(?:to|until|through|"
                      rf"by)\b[^;]{{0,80}}?(?<![\d.]){last}(?![\d.]\d)")
