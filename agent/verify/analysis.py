"""What a sentence claims, extracted once: its anchors (figures, years, dates, quantities,
quotes, names), the profile authors it names, its counts of papers and time spans, its
role phrases, clauses and segments, and its words (analyse)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from anyascii import anyascii

from agent import similarity
from agent.names import normalize_name, same_person
from agent.verify import thresholds
from agent.verify.index import UNDATED, _ENTITY_TOKEN, _entity_kind
from agent.verify.lexicon import (
    UPPER,
    WORD_NEGATING_PREFIXES,
    _MONTHS,
    _FRACTIONS,
    _SPELLED_CLAIMS,
    _WORD_NUMBERS,
    _YEAR,
    _clean,
    _is_common,
    _Lexical,
    _lexical,
    _may_hold,
    _Number,
    _numbers,
    _quantities,
    _spaced,
    _stem,
    _stems,
    _Token,
    _tokens,
    decades,
    letters,
    measure_after,
)

if TYPE_CHECKING:
    from agent.verify.profile import ProfileIndex

# A URL is checked like a quoted string: verbatim, or not at all.


_URL = re.compile(r"((?:https?://|www\.)[^\s\"]+[^\s\".,;:)]|\b[a-z0-9-]+\.(?:com|org|io|ms|"
                  r"net|ai|co)/[^\s\"]*[^\s\".,;:)])", re.I)

_ROLE_PHRASES = (
    (re.compile(r"\b(?:sole|single|solo)[- ]author(?:ed|s|ship)?\b|\bsingle-handedly\b"
                r"|\bwithout\s+(?:any\s+)?co-?authors?\b", re.I), "sole"),
    (re.compile(r"\b(?:senior|last)[- ]author(?:ed|s|ship)?\b", re.I), "last"),
    # Not the last part of a compound ("nurse-led", "community-led", "two-headed"): a
    # kind of thing, no role of a person.
    (re.compile(r"\b(?:first|lead|leading)[- ]author(?:ed|s|ship)?\b"
                r"|(?<!-)\bled\b(?!\s+(?:to|by)\b)|(?<!-)\bleads\b(?!\s+to\b)"
                r"|(?<!-)\bspearhead(?:ed|s)?\b|(?<!-)\bheaded\b", re.I), "first"),
    # '"Women of the Waterfront" (2022), edited by Achebe-Strand, ...': a role only where a
    # person's name follows (_analyse), not "genomes edited by CRISPR".
    (re.compile(r"\bedited\s+by\b", re.I), "editor"),
)
# A place in an author list, said or denied: "is the second author of", "was not the
# first author of" (record.ordinals checks it against the author lists); -1 is the last.
_PLACE = re.compile(
    r"\b(?:is|was|are|were)(?P<not>\s+not|n't)?\s+the\s+"
    r"(?P<place>second|third|fourth|fifth|2nd|3rd|4th|5th|first|last)\s+author\s+of\b", re.I)
# A word (lower case) every match of _ROLE_PHRASES and _PLACE holds.
_ROLE_WORDS = ("author", "handedly", "led", "lead", "spearhead", "headed", "edited")
_PLACES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "2nd": 2, "3rd": 3,
           "4th": 4, "5th": 5, "last": -1}
_Y = r"(?:19|20)\d\d"
_SPAN = re.compile(
    rf"\bbetween\s+(?P<a>{_Y})\s+and\s+(?P<b>{_Y})\b"
    rf"|(?<![\d-])(?:\bfrom\s+)?(?P<c>{_Y})\s*(?:\s(?:to|until|through)\s|-)\s*(?P<d>{_Y})\b"
    rf"|\bsince\s+(?P<e>{_Y})\b|\b(?:until|through)\s+(?P<f>{_Y})\b"
    # "from 2024 on", "2024 onwards": as "since 2024" ("in 2019 on ImageNet" is no span)
    rf"|\bfrom\s+(?P<g>{_Y})\s+on(?:wards?)?\b|(?P<h>{_Y})\s+onwards?\b", re.I)
# A year, which every span holds: most sentences have none, and this scan (its digits a
# prefix the engine skips ahead to) is a small part of _SPAN's, which tries every place.
_SPAN_YEAR = re.compile(_Y)
# "July 2020", "Jul 15, 2020": a month claim needs a paper dated to the month.
_DATE = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b")
# A count in digits or words ("2", "Two").
_COUNT_NUMBER = r"(?:\d+|\b(?:" + "|".join(_WORD_NUMBERS) + r"))"
# "2 of the 3 papers", "Two of the 3 papers": a part of the whole after it.
_PART_OF = re.compile(rf"{_COUNT_NUMBER}\s+of\s+(?:the\s+|these\s+|those\s+)?", re.I)
# '"Lecture Notes" (undated)', '"Lecture Notes" is undated': a title said to carry no date.
# The title is masked by the time this runs: blanks, quotes and all, so "is" right after a
# run of them follows a title, and "1 paper in this record is undated" is a count.
_UNDATED = re.compile(r"\((?P<a>undated)\)|(?<=\s\s),?\s*(?:is|was)\s+(?P<b>undated)\b")
# Not the first year of a span: "dated 2019 to 2024" is no paper of 2019 alone.
# "in 2022", "two of her papers date from 2022" (not "use data from 2016").
_YEAR_FILTER = re.compile(r"\b(?:in|during|dated|(?:dates?|dating|are|is|were|was)\s+from)"
                          r"\s+((?:19|20)\d\d)\b"
                          r"(?!\s*(?:-|–|to|through|until)\s*(?:19|20)\d\d)"
                          r"(?!\s+or\s+(?:later|earlier|after|before))"
                          r"(?!\s*(?:,|and)\s*(?:19|20)\d\d)", re.I)  # "in 2015, 2018 and 2021"
# "items" and "entries" count works only as the record's: "ten of the fifteen items in the
# record", not "the scale's 21 items".
_COUNT_NOUN = (r"(?:papers|publications|preprints|articles|works|outputs|author\s+lists|"
               r"(?:items|entries)(?=\s+(?:in|of)\s+(?:the|this|her|his|their)\s+record\b))")
# "Zewen Chi's", "Zoë Brännström-Okafor's": a whole named by its owner.
# A name's capital may be any letter's ("Ó Briain-Haddad's"), not only ASCII's.
_POSSESSIVE = (r"(?:(?:[A-Z]|[^\W\d_\x00-\x7f])[\w.'’-]*\s+){0,3}"
               r"(?:[A-Z]|[^\W\d_\x00-\x7f])[\w.-]*['’]s?\s+")
_COUNT_AFTER = re.compile(
    rf"\s+(?:[\w-]+\s+){{0,3}}?{_COUNT_NOUN}\b"
    rf"|\s+of\s+(?:them|these|those|which|(?:the\s+|his\s+|her\s+|their\s+|its\s+|all\s+|"
    rf"{_POSSESSIVE})(?:[\w-]+\s+)?{_COUNT_NOUN})\b", re.I)
# "11 of the 36 papers", "Ten of Zewen Chi's 36 papers", "None of her 6 papers": the 36
# is the whole, not a count with the 11's filters.
_DENOMINATOR_BEFORE = re.compile(
    rf"(?:(?:{_COUNT_NUMBER}|\bnone)\s+(?:out\s+)?of|\bout\s+of)\s+"
    rf"(?:the\s+|all\s+|his\s+|her\s+|their\s+|{_POSSESSIVE})?$", re.I)
# "three new signals: A, B, and C": a number, a few words, a colon and a list to the end.
_LIST_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?[\w-]+\s*:\s*(?P<items>[^:;]+)$")
# Where a list's items part (here, and in what a release releases: record.releases).
_LIST_ITEM = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
# "11 of them", "three of which": a count that is part of the count before it.
# What says that "N of them" counts papers: papers named in the sentence, or an author's
# role ("Chi is first author of 11 of them", "Two of them have her as sole author", of the
# papers of the sentence before).
_PAPERS_SAID = re.compile(rf"\b{_COUNT_NOUN}\b|\bpapers?\b|\brecord\b|\bauthor(?:ed|s)?\b|"
                            r"\bwr(?:ote|itten)\b|\bpublish(?:ed)?\b|\bled\b", re.I)
_PAPERS_NAMED_AFTER = re.compile(rf"\s+of\s+(?:these|those)\s+(?:[\w-]+\s+)?{_COUNT_NOUN}",
                                 re.I)
_PART_AFTER = re.compile(r"\s+of\s+(?:them|these|those|which)\b(?!\s+\d)", re.I)
# "Of the 13 papers of 2019-2021, 8 ...": a whole, stated first, that the next count divides.
_WHOLE_BEFORE = re.compile(r"(?:^|[;:]\s*|,\s*(?:and\s+)?)(?:out\s+)?of\s+(?:the\s+|these\s+|"
                           r"those\s+|all\s+|his\s+|her\s+|their\s+|its\s+)?$", re.I)
# "All 13 papers", "all of the 13 papers": the whole, said to be all of what follows.
_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+)?(?:the\s+|these\s+|those\s+|his\s+|her\s+|"
                         r"their\s+|its\s+)?$", re.I)
# "Of the 13 papers of 2019-2021, all concern X": after a whole stated first, "all" is a
# part as large as the whole.
_ALL_AFTER = re.compile(r"[^,;:]*,\s*(all|each|every one)(?:\s+of\s+them)?\b"
                        r"(?!\s+(?:of\s+)?(?:the\s+)?\d)", re.I)
# Where a whole's own stretch ends, before its part.
_PART_STOP = re.compile(r"[,;:]|\s-+\s")
# Profile statistics a bio may state: "an h-index of 41", "8,769 citations".
_H_INDEX = re.compile(r"\bh-?index\b", re.I)
_H_INDEX_BEFORE = re.compile(r"\bh-?index\s+(?:of\s+|is\s+)?$", re.I)
_CITATIONS_AFTER = re.compile(r"\s+citations\b", re.I)
_SEGMENT_BREAK = re.compile(r"[,;:()]|\s-+\s|\b(?:while|although|though|whereas|but)\b", re.I)
# ", a figure the 2020 correction revised down to 7 of 11": an appositive that takes up
# the clause's finding as a noun says something of its own, often from another paper.
# ", from the 2014 observer experiment to the 2025 replication": the two ends of a span of
# works, each a work of its own; ", when an alluaudite cathode ...": a clause of its own.
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|when)\b|\s(?:while|whereas|but)\s"
                           r"|,\s+an?\s+(?:figure|result|finding|estimate|number|share|rate|"
                           r"claim|conclusion)\b"
                           r"|,\s+from\s+(?:the|her|his|their)\s+(?=\d{4}\b)"
                           r"|\s+to\s+(?:the|her|his|their)\s+(?=\d{4}\b)")


@dataclass(frozen=True)
class _Anchor:
    """A checkable token of the sentence: a figure, year, name or quoted string."""

    kind: str  # "number", "year", "entity", "quote", "date"
    text: str
    start: int
    end: int
    # number: (value, unit); year: int, or a decade's (first, last) year; date: (year,
    # month, day or None); quote: its spaced form; entity: ((word, "name" or "title"), ...).
    value: Any
    # A figure's hedge, the word before it that rounds or bounds it ("about 49,000",
    # "more than 40%", "fewer than one in five"): "approx", "above", "below" or "".
    hedge: str = ""
    # A figure's unit of measurement, by symbol, where one follows it ("0.71 ms", "six
    # milliseconds": "ms"; lexicon.measure_after).
    measure: str = ""


@dataclass(frozen=True)
class _Person:
    """A profile author named in the sentence."""

    name: str
    start: int
    end: int
    is_owner: bool


@dataclass(frozen=True)
class _Count:
    """A number of papers (or another profile statistic) the sentence states."""

    value: int
    text: str
    start: int
    denominator: bool
    stat: str | None = None
    # The "in YEAR" filters that follow this count, before the next: "three papers in 2020
    # and seven in 2021". None: the sentence's filters apply.
    years: frozenset[int] | None = None
    # A whole that a later count is part of ("36 papers ..., 11 of them as first author"):
    # the role, person and other qualifiers from here on are the part's, not the whole's.
    scope_end: int | None = None
    # A part of a whole stated before it ("Of the 13 papers ..., 10 concern X") or all of
    # a whole ("All 13 papers ... concern X"): where the sentence names a line of work, the
    # count is the line's, never the whole's again.
    part: bool = False


@dataclass(frozen=True)
class _Place:
    """A place in an author list a sentence gives someone, or denies them."""

    place: int  # 1, 2, ...; -1 for the last
    denied: bool
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class _Sentence:
    """Everything one sentence claims, extracted once and checked against any papers."""

    text: str
    anchors: tuple[_Anchor, ...]
    persons: tuple[_Person, ...]
    lexical: _Lexical
    content: frozenset[str]
    counts: tuple[_Count, ...]
    spans: tuple[tuple[int | None, int | None, str], ...]
    filter_years: frozenset[int]
    roles: tuple[tuple[str, str, int], ...]
    clauses: tuple[tuple[int, int], ...]
    segments: tuple[frozenset[str], ...]
    # Keys of every paper of the profile that states each anchor, found once.
    papers_with: dict[_Anchor, frozenset[str]]
    # Each content stem's word as the sentence writes it.
    spelled: dict[str, str] = field(default_factory=dict)
    # The short forms the sentence defines ("AMP-activated protein kinase (AMPK)"), each
    # with the stems of the words it stands for.
    defined: tuple[tuple[_Anchor, frozenset[str]], ...] = ()
    places: tuple[_Place, ...] = ()
    # The tokens of text, where analysis found them (nothing in it masked): the spelling
    # check reads them, not tokenising the sentence again. None: not found.
    text_tokens: tuple[_Token, ...] | None = None

    def tokens(self) -> Sequence[_Token]:
        """The tokens of text: those analysis found, else found now (a masked text)."""
        return self.text_tokens if self.text_tokens is not None else _tokens(self.text)

    @cached_property
    def contrasted(self) -> frozenset[str]:
        """Stems the sentence states both plainly and negated by a prefix: the two sides of
        a contrast it draws itself ("more stable than unassociated substrates" of pre-mRNAs
        "associated with" spliceosomes; "nonhypertensive people ... developing
        hypertension"). Its negation of such a word is no flip of what the papers say.
        Found on first use, once per sentence: the support and negation checks ask it of
        each missing or negated word."""
        tokens = [t for t in self.tokens() if t.word.isalpha()]
        found = set()
        for i, tok in enumerate(tokens):
            word = tok.word.lower()
            if word == "non" and i + 1 < len(tokens):
                negated, skip = tokens[i + 1].stem, {i, i + 1}
            else:
                prefix = next((p for p in WORD_NEGATING_PREFIXES if word.startswith(p)
                               and len(word) - len(p) >= 4), None)
                if prefix is None:
                    continue
                negated, skip = _stem(word[len(prefix):]), {i}
            if any(t.stem == negated for k, t in enumerate(tokens) if k not in skip):
                found.add(negated)
        return frozenset(found)

    def states_fact(self, vocabulary: frozenset[str]) -> bool:
        """A number, year, name, quote, count, role or topical words: more than framing."""
        return bool(self.anchors or self.counts or self.spans or self.roles
                    or len(self.content & vocabulary) >= thresholds.FACT_MIN_WORDS)


def _named_at(ctx: ProfileIndex, text: str, persons: Sequence[_Person], at: int) -> bool:
    """Whether the next word after `at` opens a person's name, or is the owner's surname."""
    start = len(text) - len(text[at:].lstrip())
    word = re.match(r"[\w'-]+", text[start:])
    return any(p.start == start for p in persons) or bool(
        word and set(normalize_name(word.group(0)).split()) <= ctx.owner_words)


def _analyse(ctx: ProfileIndex, sentence: str) -> _Sentence:
    """Extract the sentence's figures, names, quotes, counts, spans, roles and words."""
    text = _clean(sentence)
    # A URL is checked like a quoted string: verbatim, or not at all.
    # Every URL holds a "/" or "www." (in any case): most sentences hold neither.
    urls = _URL.finditer(text) if "/" in text or "www." in text.lower() else ()
    # '35 of the 36 author lists end in "et al."': the record's own mark of a list cut
    # short, no quotation of a paper.
    # A title with quotes of its own ("Correction to “X”") is quoted whole: cleaned, its
    # quotes are the sentence's, and the pattern below would pair them wrongly.
    titled = [m for pattern in ctx.quoted_titles if '"' in text
              for m in pattern.finditer(text)]
    unquoted = text
    for m in titled:
        unquoted = unquoted[:m.start()] + " " * (m.end() - m.start()) + unquoted[m.end():]
    quotes = sorted([*titled, *(m for m in re.finditer(r'"([^"]+)"', unquoted)
                                if m[1] != "et al."), *urls], key=lambda m: m.start())
    masked = text
    for m in quotes:
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    persons = _persons(ctx, masked)
    numbers = _numbers(masked)  # found once: counts, figures and lists each read them
    counts = _counts(ctx, masked, numbers)
    spans, span_ranges = _spans(masked)
    filter_years = {int(m.group(1)) for m in _YEAR_FILTER.finditer(masked)
                    if not any(a <= m.start(1) < b for a, b in span_ranges)} if counts else set()
    anchors: list[_Anchor] = [
        _Anchor("quote", m.group(1), m.start(), m.end(), _spaced(m.group(1))) for m in quotes]
    numbered = {m.start("num"): m for m in _NUMBERED_NAME.finditer(masked)}
    anchors += _figure_anchors(ctx, masked, counts, span_ranges, filter_years, set(numbered),
                               numbers)
    anchors += _numbered_names(_entity_anchors(ctx, masked, persons), numbered.values())
    papers_with = {a: ctx.papers_with(a) for a in anchors}
    defined = _defined(ctx, masked, anchors, papers_with)
    for short, (both, _, inside) in defined.items():
        papers_with.update({a: both for a in (short, *inside)})
    # Roles and places in an author list each hold one of _ROLE_WORDS: most sentences none.
    said_role = _may_hold(masked, _ROLE_WORDS)
    roles = tuple((name, m.group(0), m.start()) for pattern, name in _ROLE_PHRASES
                  for m in pattern.finditer(masked)
                  if name != "editor" or _named_at(ctx, masked, persons, m.end())
                  ) if said_role else ()
    # Names, roles and "h-index" are checked on their own; as words they would need
    # support from the abstracts.
    places = tuple(_Place(_PLACES[m["place"].casefold()], m["not"] is not None, m.group(0),
                          m.start(), m.end()) for m in _PLACE.finditer(masked)) \
        if said_role else ()
    words = _mask_spans(masked, [(p.start, p.end) for p in persons]
                        + [(at, at + len(phrase)) for _, phrase, at in roles]
                        + [(p.start, p.end) for p in places])
    if _may_hold(words, ("index",)):  # every "h-index" holds it; most sentences do not
        words = _H_INDEX.sub(lambda m: " " * len(m.group(0)), words)
    if counts and _may_hold(words, ("book", "chapter", "thes", "dissertation", "preprint",
                                    "conference paper", "journal article")):
        # "3 of the 18 papers are book chapters": the kind of work a count is of, which
        # the record gives (Paper.kind, checked with the count), not what they are about.
        words = KIND_SAID.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)]
                              + " " * len(m.group(1)), words)
    tokens = _tokens(words)
    lex = _lexical(words, tokens=tokens)
    content = lex.stems - {_stem(w) for w in ctx.owner_words}
    # A sentence's parts repeat ("" between two breaks, the same words twice): each
    # distinct part's stems are found once.
    parts = _SEGMENT_BREAK.split(words)
    part_stems = {part: _stems(part) for part in dict.fromkeys(parts)}
    segments = tuple(content & part_stems[part] for part in parts)
    return _Sentence(
        text=masked, anchors=tuple(sorted(anchors, key=lambda a: a.start)),
        persons=tuple(persons), lexical=lex, content=content, counts=tuple(counts),
        spans=tuple(spans), filter_years=frozenset(filter_years), roles=roles,
        clauses=tuple(_clauses(masked)),
        segments=tuple(seg for seg in segments if len(seg) >= thresholds.SEGMENT_MIN_WORDS),
        spelled={t.stem: t.word for t in reversed(tokens) if t.content},
        papers_with=papers_with,
        defined=tuple((short, stems) for short, (_, stems, _) in defined.items()),
        places=places, text_tokens=tuple(tokens) if words == masked else None)


_WORD = re.compile(r"[^\W_][\w'-]*")


def _defined(ctx: ProfileIndex, text: str, anchors: Sequence[_Anchor],
             papers_with: dict[_Anchor, frozenset[str]]
             ) -> dict[_Anchor, tuple[frozenset[str], frozenset[str], tuple[_Anchor, ...]]]:
    """The names a sentence defines, "apolipoprotein E4 (APOE4)": for each short form, the
    papers that state it (those that state either form state both, and an acronym whose
    expansion's words a paper holds, "nucleoside triphosphate (NTP)", is stated by it),
    the stems of the expansion's words, and the names inside the expansion.

    A paper that writes only "AMPK" states what "AMP-activated protein kinase (AMPK)"
    says: the sentence glosses the paper's own acronym, so the expansion's words and the
    names in it ("AMP-activated") count as stated where the short form is.
    """
    found: dict[_Anchor, tuple[frozenset[str], frozenset[str], tuple[_Anchor, ...]]] = {}
    for short in anchors:
        if short.kind != "entity" or text[short.start - 1:short.start] != "(" \
                or text[short.end:short.end + 1] != ")":
            continue
        initials = letters(short.text)
        # The expansion stops at punctuation: "wave fields (SurgeFormer) and storm surges
        # (WaveGAN)" defines WaveGAN by no words before "(SurgeFormer)".
        before = text[:short.start - 1].rstrip()
        stop = max((m.end() for m in re.finditer(r"[()\[\];:,]|\.(?!\w)", before)), default=0)
        preceding = list(_WORD.finditer(before, stop))
        # The fewest words before the parenthesis that the short form abbreviates.
        words = next((preceding[-k:] for k in range(1, len(initials) + 2)
                      if k <= len(preceding)
                      and _abbreviates(short.text, " ".join(m.group(0)
                                                            for m in preceding[-k:]))), None)
        if not words:
            continue
        start = words[0].start()
        inside = tuple(a for a in anchors if a.kind == "entity"
                       and start <= a.start and a.end <= short.start - 1)
        both = papers_with[short].union(*(papers_with[a] for a in inside))
        # Papers that hold every telling word of the expansion state it too, whether or
        # not another paper states the short form ("folic acid (FA)").
        stems = {_stem(m.group(0)) for m in words if not _is_common(m.group(0))}
        if stems:
            both |= frozenset(p.key for p in ctx.papers.values() if stems <= p.stems)
        expansion = _stems(" ".join(m.group(0) for m in words))
        found[short] = (both, expansion, inside)
    return found


def _persons(ctx: ProfileIndex, text: str) -> list[_Person]:
    """Profile authors named in the text (two to four capitalised words: "Ana Luísa Pereira
    Mendes")."""
    words = list(re.finditer(rf"{UPPER}[\w'-]*", text))
    found: list[_Person] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2):
            run = words[i:i + n]
            if len(run) < n or not _adjacent(text, run):
                continue
            # "Chi's", and "Castellanos'": a name ending in s takes the apostrophe alone.
            name = normalize_name(" ".join(w.group(0).removesuffix("'s").removesuffix("'")
                                           for w in run))
            if name in ctx.people:
                display = ctx.people[name]
                found.append(_Person(display, run[0].start(), run[-1].end(),
                                     same_person(display, ctx.owner)))
                i += n - 1
                break
        i += 1
    return found


def _counts(ctx: ProfileIndex, text: str, numbers: Sequence[_Number] | None = None
            ) -> list[_Count]:
    """Numbers of papers ("36 papers", "11 of them") and profile statistics. numbers:
    _numbers(text), where the caller has them already."""
    found: list[_Count] = []
    numbers = _numbers(text) if numbers is None else numbers
    candidates = [(int(n.value), n.text, n.start, n.end) for n in numbers
                  if n.unit == "" and n.value == int(n.value)]
    candidates += [(1, m.group(0), m.start(), m.end())
                   for m in re.finditer(r"\bone\b(?=\s+\w+\s+papers?\b|\s+papers?\b)",
                                        text, re.I)] if _may_hold(text, ("paper",)) else []
    # "Ada Lovelace is the first author of both papers in this record": two, of a record of
    # one. Only before "papers": "both" of anything else counts no papers.
    candidates += [(2, m.group(0), m.start(), m.end())
                   for m in re.finditer(r"\bboth\b(?=\s+papers\b)", text, re.I)
                   ] if _may_hold(text, ("both",)) else []
    # "None of Zoë Brännström-Okafor's 6 papers has code": a part of none.
    candidates += [(0, m.group(0), m.start(), m.end())
                   for m in re.finditer(r"\bnone\b(?=\s+of\b)", text, re.I)
                   ] if _may_hold(text, ("none",)) else []
    for value, raw, start, end in candidates:
        before, after = text[:start], text[end:]
        stat = ("h_index" if _H_INDEX_BEFORE.search(before)
                else "citations" if _CITATIONS_AFTER.match(after) else None)
        noun = _COUNT_AFTER.match(after) or re.match(r"\s+papers?\b", after, re.I)
        if noun and not found and _PART_AFTER.match(after) and not _PAPERS_SAID.search(
                text) and not _PAPERS_NAMED_AFTER.match(after):
            # "Of the 311 compositions ..., only 47 kept ..., while phonons rated 38 of them
            # stable": "of them" counts papers only after papers are spoken of.
            noun = None
        # "... three papers in 2020 and seven in 2021": the noun is understood.
        elliptic = found and not stat and re.search(r"(?:,|\band)\s*$", before) and \
            _YEAR_FILTER.match(after.lstrip())
        # "Of the 13 papers of 2019-2021, 8 have X as first author": part of the whole.
        elliptic = elliptic or (found and not stat and not found[-1].stat
                                and _WHOLE_BEFORE.search(text[:found[-1].start])
                                and re.fullmatch(r"[^,;:]*,\s*", text[found[-1].start:start]))
        if stat or noun or elliptic:
            if raw.lower() == "one" and re.match(r"\s+of\b", after):
                continue
            said = raw + noun.group(0) if noun else raw
            denominator = bool(_DENOMINATOR_BEFORE.search(before))
            found.append(_Count(value, said, start, denominator, stat,
                                part=not denominator and not stat
                                and _ALL_BEFORE.search(before) is not None))
    found += [_Count(whole.value, m[1], m.start(1), False) for whole in list(found)
              if not whole.stat and _WHOLE_BEFORE.search(text[:whole.start])
              and (m := _ALL_AFTER.match(text, whole.start))]
    found.sort(key=lambda c: c.start)
    return _bind_parts(text, _bind_years(text, found))


# The words before a figure that round it or bound it. A person writes "close to 49,000"
# for 48,612 and "more than two in five" for 44%: anchors.stated_in grants such a figure
# a paper's figure near it, on the side the word allows. Not "up to 90 minutes": a
# maximum is a figure of its own, as written.
_HEDGE = re.compile(
    r"(?:\b(?P<approx>about|around|roughly|approximately|some|close\s+to|nearly|almost|"
    r"an\s+estimated)|(?P<above>\bmore\s+than|\bover|"
    r"\babove|\bat\s+least|\bexceeding|\bupwards\s+of|\bgreater\s+than)|"
    r"(?P<below>\bless\s+than|\bfewer\s+than|\bunder|\bbelow)"
    r"|(?P<tilde>~))\s*$", re.I)


def _hedge(text: str, start: int) -> str:
    """The hedge of the figure that starts at `start` (_Anchor.hedge)."""
    match = _HEDGE.search(text[max(0, start - 16):start])
    if match is None:
        return ""
    return "approx" if match["tilde"] else next(k for k in ("approx", "above", "below")
                                                if match[k])


def _figure_anchors(ctx: ProfileIndex, text: str, counts: Sequence[_Count],
                    span_ranges: Sequence[tuple[int, int]],
                    filter_years: set[int], named: set[int] = frozenset(),
                    numbers: Sequence[_Number] | None = None) -> list[_Anchor]:
    """Figures, years and month-year dates that the cited papers must state; not the
    number of a numbered name (named: where those numbers start). numbers: _numbers(text),
    where the caller has them already."""
    dates = list(_DATE.finditer(text))
    numbers = _numbers(text) if numbers is None else numbers
    taken = set(named) | {c.start for c in counts} | {
        n.start for n in numbers if any(d.start() <= n.start < d.end() for d in dates)}
    taken |= _list_counts(text, numbers)  # "three new signals: A, B, and C" counts its own list
    quantities = _quantities(text)
    # "four-fifths" is one share, not the figure four.
    fractions = {(a, b) for said, a, b, _, _ in quantities if _FRACTIONS.fullmatch(said)}
    taken |= {n.start for n in numbers if any(a <= n.start < b for a, b in fractions)}
    anchors = [_Anchor("number", n.text, n.start, n.end, (n.value, n.unit),
                       _hedge(text, n.start), "" if n.unit else measure_after(text, n.end))
               for n in numbers if n.start not in taken
               and (n.text.lower() in _SPELLED_CLAIMS or not n.text.isalpha()
                    or n.unit == "x")]  # "tenfold" claims a figure as "10-fold" does
    anchors += [_Anchor("quantity", said, start, end, (figures, same), _hedge(text, start))
                for said, start, end, figures, same in quantities
                if (start, end) in fractions
                or not any(n.start <= start < n.end for n in numbers)]  # "three and a half"
    ratios = [(n.start, n.end) for n in numbers if n.unit == "ratio"]
    for m in _YEAR.finditer(text):
        year = int(m.group(1))
        if any(a <= m.start() < b for a, b in ratios):
            continue  # "1 in 2000" is a ratio, not a year
        inside_span = any(a <= m.start() < b for a, b in span_ranges)
        if not inside_span and year not in filter_years:
            anchors.append(_Anchor("year", m.group(1), m.start(), m.end(), year))
    # "the mid-1980s survey": a decade (or its part) is a claim of years, some year of
    # which a paper must state; its value is the (first, last) year it spans.
    anchors += [_Anchor("year", said, start, end, years)
                for said, start, end, years in decades(text)]
    # '"Lecture Notes" (undated)': a paper's year said to be none is a year claim too.
    anchors += [_Anchor("year", "undated", m.start(g), m.end(g), UNDATED)
                for m in _UNDATED.finditer(text) for g in ["a" if m["a"] else "b"]]
    for m in dates:
        month = _MONTHS.get(m.group(1).lower())
        if month:
            day = int(m.group(2)) if m.group(2) else None
            anchors.append(_Anchor("date", m.group(0), m.start(), m.end(),
                                   (int(m.group(3)), month, day)))
    return anchors


def _entity_anchors(ctx: ProfileIndex, text: str, persons: Sequence[_Person]) -> list[_Anchor]:
    """Names of models, datasets and methods: mixed case, capitals, or capitalised runs."""
    in_person = [(p.start, p.end) for p in persons]
    tokens = [m for m in _ENTITY_TOKEN.finditer(text)
              if not any(a <= m.start() < b for a, b in in_person)] if in_person \
        else list(_ENTITY_TOKEN.finditer(text))  # most sentences name no one
    first = _first_word_start(text)
    anchors: list[_Anchor] = []
    run: list[re.Match[str]] = []
    for tok in [*tokens, None]:
        word = tok.group(0).removesuffix("'s") if tok else ""
        kind = _entity_kind(word, ctx.owner_words) if tok else None
        if tok and kind and (not run or _adjacent(text, [run[-1], tok])):
            run.append(tok)
            continue
        if run:  # a run of none is no anchor (most words end no run)
            anchors += _run_anchor(ctx, text, run, first)
        run = [tok] if tok and kind else []
    return anchors


# The kinds of work a reader names ("book chapters", "theses"), longest first so that
# "book chapters" is not read as "book" (Paper.kind; record.kind_named folds them).
KIND_PHRASES = (r"book chapters?|conference papers?|journal articles?|books?|monographs?|"
                r"chapters?|theses|thesis|dissertations?|preprints?")
# A kind of work a count is of: "are books", "is a thesis" (agent/verify/record.py).
KIND_SAID = re.compile(rf"\b(?:are|is)\s+(?:an?\s+)?({KIND_PHRASES})\b", re.I)


# A name in capitals and the number that numbers it, a space apart: "BRCA 1" is BRCA1 (and
# "BRCA 2" is no BRCA1), not the name BRCA and the figure 1. Not a statistic's bounds
# ("95% CI 11–34%", "IQR 3-9"): a number that opens a range numbers nothing.
_NUMBERED_NAME = re.compile(r"(?<![\w-])(?!(?:CI|IQR|SD|SE)\b)(?P<name>[A-Z]{2,}[a-z]?) "
                            r"(?P<num>\d{1,2})(?![\w%\u00d7'\u2032\u2019]|[.,]\d|\s*[-\u2013]\s*\d|"
                            r"\s*(?:%|percent|times|fold|-fold)\b)")


def _numbered_names(anchors: list[_Anchor], numbered: Iterable[re.Match[str]]
                    ) -> list[_Anchor]:
    """Names that end where a numbered name's name ends, with its number joined on."""
    ends = {m.end("name"): m for m in numbered}
    out = []
    for anchor in anchors:
        found = ends.get(anchor.end)
        if anchor.kind == "entity" and found:
            last, kind = anchor.value[-1]
            anchor = _Anchor("entity", f"{anchor.text} {found['num']}", anchor.start,
                             found.end(), (*anchor.value[:-1], (last + found["num"], kind)))
        out.append(anchor)
    return out


def _run_anchor(ctx: ProfileIndex, text: str, run: list[re.Match[str]],
                first: int) -> list[_Anchor]:
    """One anchor for a run of names or capitalised words.

    A sentence starts with a capital anyway: a lone capitalised first word is no name,
    and a common one ("The", "Most") is dropped from the front of a run.
    """
    words = [m.group(0).removesuffix("'s") for m in run]
    kinds = [_entity_kind(w, ctx.owner_words) for w in words]
    if run and run[0].start() == first and kinds[0] == "title":
        if len(run) == 1:
            return []
        # "Active Ly49Q", "Reducing H3K4me3": an everyday word that opens the sentence;
        # "Re-testing RustLens": one whose last part is.
        last = words[0].rsplit("-", 1)[-1]
        if _is_common(words[0]) or similarity.rarity(words[0]) < 1.0 or (
                last != words[0] and (_is_common(last) or similarity.rarity(last) < 1.0)):
            run, words, kinds = run[1:], words[1:], kinds[1:]
    if all(k == "title" and _is_common(w) for w, k in zip(words, kinds)):
        return []
    span = text[run[0].start():run[-1].end()].removesuffix("'s")
    return [_Anchor("entity", span, run[0].start(), run[-1].end(),
                    tuple(zip(words, kinds)))]


def _adjacent(text: str, run: Sequence[re.Match[str]]) -> bool:
    """Words separated by single spaces only, so a comma ends a name; an initial may keep
    its full stop ("Margaret A. Coldwell")."""
    return all(text[a.end():b.start()] == " " or (text[a.end():b.start()] == ". "
                                                   and len(a.group(0)) == 1)
               for a, b in zip(run, run[1:]))


def _mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


def _abbreviates(short: str, long: str) -> bool:
    """Whether a short form can stand for a long one: the same first letter, and its
    letters in order among the long form's ("APOE4" for "apolipoprotein E4", "NTP" for
    "nucleoside triphosphate"; not "FlashBack" for "Generative Adversarial Distillation")."""
    initials = re.sub(r"[^a-z]", "", anyascii(short).lower())
    rest = re.sub(r"[^a-z]", "", anyascii(long).lower())
    if not initials or not rest or initials[0] != rest[0]:
        return False
    found = iter(rest)
    return all(c in found for c in initials)


def _first_word_start(text: str) -> int:
    match = re.search(r"[^\W_]", text)
    return match.start() if match else -1


def _spans(text: str) -> tuple[list[tuple[int | None, int | None, str]], list[tuple[int, int]]]:
    """Time spans ("from 2019 to 2023", "2019-2023", "since 2019") and where they sit."""
    spans: list[tuple[int | None, int | None, str]] = []
    ranges: list[tuple[int, int]] = []
    years = _SPAN_YEAR.findall(text)
    # Every span holds a year; one of two years, or "since", "until" or "through" (those
    # that hold one year alone): most sentences have no year, or one and none of these.
    if not years or len(years) == 1 and not _may_hold(text, ("since", "until", "through",
                                                             " on")):
        return spans, ranges
    for m in _SPAN.finditer(text):
        groups = m.groupdict()
        first = groups["a"] or groups["c"] or groups["e"] or groups["g"] or groups["h"]
        last = groups["b"] or groups["d"] or groups["f"]
        spans.append((int(first) if first else None, int(last) if last else None, m.group(0)))
        ranges.append((m.start(), m.end()))
    return spans, ranges


def _bind_years(text: str, counts: list[_Count]) -> list[_Count]:
    """With several counts, each takes the "in YEAR" filters between it and the next; one
    with none takes those before the first count ("The most recent work, in 2025, spans
    floodplain storage (1 paper) and pilot infiltration basin (1 paper)")."""
    if len(counts) < 2:
        return counts
    bound = []
    leading = frozenset(int(m.group(1)) for m in _YEAR_FILTER.finditer(text, 0, counts[0].start))
    for count, following in zip(counts, [*counts[1:], None]):
        end = following.start if following else len(text)
        years = frozenset(int(m.group(1)) for m in _YEAR_FILTER.finditer(text, count.start, end))
        bound.append(replace(count, years=years or leading))
    # "2 of the 3 papers in 2017": the part is of the whole's year too.
    for i, (part, whole) in enumerate(zip(bound, bound[1:])):
        if whole.denominator and _PART_OF.fullmatch(text, part.start, whole.start):
            bound[i] = replace(part, years=(part.years or frozenset()) | (whole.years or
                                                                           frozenset()))
    return bound


def _list_counts(text: str, numbers: Sequence[_Number] | None = None) -> set[int]:
    """Where a number counts the items the sentence itself lists after a colon.

    "2021 brings three new pre-training signals: A (XLM-E), B, and C (mT6)": the three is
    the list's length, which the sentence shows, not a figure a paper must state. Only an
    exact count of the items is taken so; any other number stays a figure.
    """
    found = set()
    for n in _numbers(text) if numbers is None else numbers:
        if n.unit or n.value != int(n.value) or not 2 <= n.value <= 12:
            continue
        listed = _LIST_AFTER.match(text, n.end)
        if listed:
            items = _LIST_ITEM.split(listed.group("items").strip().rstrip(".!?"))
            if len([i for i in items if i.strip()]) == n.value:
                found.add(n.start)
    return found


def _bind_parts(text: str, counts: list[_Count]) -> list[_Count]:
    """A count that is part of the one before takes the whole's filters and its own; the
    whole takes only the qualifiers of its own stretch.

    "The record holds 36 papers from 2019 to 2026, 11 of them as first author": 36 is every
    paper of those years, 11 the first-author ones among them. "Of the 13 papers of
    2019-2021, 8 have X as first author" says the same with the whole first.
    """
    bound = list(counts)
    for i in range(1, len(bound)):
        part = bound[i]
        of_them = _PART_AFTER.match(text, part.start + len(part.text.split()[0]))
        # "first author of 4 of the 6 papers, 2 of them as sole author": the whole of "2 of
        # them" is the 4, not the denominator 6 between them.
        w = i - 2 if of_them and i > 1 and bound[i - 1].denominator else i - 1
        whole = bound[w]
        if whole.stat or part.stat or whole.denominator or part.denominator:
            continue
        if not (of_them or _WHOLE_BEFORE.search(text[:whole.start])):
            continue
        stop = _PART_STOP.search(text, whole.start, part.start)
        bound[w] = replace(whole, scope_end=stop.start() if stop else part.start)
        bound[i] = replace(part, part=True)
        if whole.years is not None or part.years is not None:
            years = (whole.years or frozenset()) | (part.years or frozenset())
            bound[i] = replace(bound[i], years=years)
    return bound


def _clause_at(sent: _Sentence, position: int) -> tuple[int, int]:
    """The span of the clause that holds a position."""
    return next(((a, b) for a, b in sent.clauses if a <= position < b), (0, len(sent.text)))


# A sentence that opens on a clause of time ("After PQ-41 emerged from optimisation in
# 2021, a 2022 experiment showed ..."): the opening clause ends at its comma.
_OPENING_CLAUSE = re.compile(r"(?:After|Before|Once|When|Since|Until|Following|Building on)\s"
                             r"[^,;]{8,160}?(?=,\s)")


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses a sentence joins with ";", ", and", "while", "but", and of an
    opening clause of time."""
    opening = _OPENING_CLAUSE.match(text)
    cuts = [0, *([opening.end()] if opening else []),
            *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    cuts = sorted(set(cuts))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
