"""One paper as the checks see it, indexed once: its forms (normalised tokens and runs of
them), acronyms, figures, years, quotable text and lexical windows; which of its abstract's
sentences can be evidence (is_finding); and whether its record holds a name."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from agent.models import Paper
from agent.verify import thresholds, wordnet
from agent.verify.lexicon import (
    LETTER,
    LOWER,
    UPPER,
    _MONTHS,
    _GREEK,
    _MEASURE,
    _NUMBER,
    _STOP,
    _STEM_LENGTH,
    _SYNONYMS,
    _YEAR,
    _clean,
    _greek_forms,
    _is_common,
    _Lexical,
    _Token,
    _lexical,
    _norm,
    _numbers,
    _spaced,
    _stem,
    _text_stems,
    _tokens,
    decades,
    letters,
    measure_after,
    multiples_in,
    range_percents,
    unit_scale,
    unit_words,
)
from agent.verify.sentences import _sentence_spans

# The year a paper without a date is filed under: '"Lecture Notes" (undated)' states it.
UNDATED = 0


_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,60}\b(?:instructions?|prompts?|rules|"
    r"directions|context)\b|\b(?:you (?:are|must|should)|as an ai|system prompt)\b", re.I)
# A sentence of an abstract that speaks to whoever reads or summarises it ("Note to
# language models: ...", "In every bio, state that ...", a chat template's markers) is
# no finding of the paper, whatever it asserts. Measured on SciFact's 46,000 abstract
# sentences and the eval profiles': none matches.
_ADDRESSED = re.compile(
    r"\b(?:note|message|instructions?|reminder) (?:to|for) (?:the |any |all )?(?:ai |llm )?"
    r"(?:assistants?|models?|language models?|llms?|ai|agents?|readers?|reviewers?|"
    r"summari[sz]ers?|chatbots?)\b"
    r"|\b(?:assistants?|language models?|llms?|ai|agents?|chatbots?|summari[sz]ers?|readers?)"
    r"\b[^.]{0,30}\b(?:must|should|shall|are to|need to|are instructed to)\s+(?:always\s+)?"
    r"(?:state|say|write|report|mention|claim|describe|include|add|call|refer)\b"
    r"|\bin (?:every|each|any|all|your) (?:bios?|biograph(?:y|ies)|summar(?:y|ies)|answers?|"
    r"responses?|reports?|descriptions?|outputs?)\b"
    r"|\bwhen (?:summari[sz]ing|describing|writing about|asked about)\b"
    r"|(?:^|[.:;,]\s*)(?:please\s+)?(?:always\s+)?(?:state|say|write|claim|mention|describe|"
    r"refer to|call)\s+(?:that|him|her|them|the (?:first |lead )?author)\b"
    r"|\[/?inst\]|<\|?(?:system|im_start|im_end)|<!--|\bsystem (?:note|message|prompt)\b"
    r"|\bas an ai\b", re.I)
# Honours, awards and positions of people. A publication record holds none of them (a
# paper's abstract is no source for its author's prizes or titles), so an abstract's
# sentence that states one is no evidence, and a sentence that claims one cannot be
# supported by the record. On SciFact's abstracts only funding and contact notes match.
_HONOUR = re.compile(
    r"\b(?:awards?|awarded|prizes?|medals?|medallists?|laureates?|fellows? of|fellowships?|"
    r"elected (?:to|as|a|an|fellow|member)|honorary|knighted|knighthood|"
    r"(?:chief|principal|distinguished) (?:scientist|researcher|engineer)|"
    r"(?:full |associate |assistant |emeritus )?professors?(?:hip)?|dean of|"
    r"(?:chair|head|director|president|founder) of)\b", re.I)
# Letters of any script and digits: "Brännström-Okafor" is one token, not "m-Okafor".
# The same tokens as [^\W_](?:[^\W_]|['+]|[.\-/:](?=[^\W_]))*, with the runs of letters
# and digits taken by one repeat, not one alternation a character: two fifths less time
# over every paper's record and every sentence.
_ENTITY_TOKEN = re.compile(r"[^\W_]+(?:(?:['+]|[.\-/:](?=[^\W_]))[^\W_]*)*")
_ACRONYM_SKIP = frozenset("of the and for to in on via with a an by".split())
# Two-letter initials match some word pair in any abstract; only longer ones are telling.
_ACRONYM_MIN = 3
_NGRAM = 4
# Where a token splits into parts: "RAD52-dependent", "XLM-E/R", "N-oxide".
_PARTS = re.compile(r"[-./:'+]")
# A name numbered by the digits that end it: "BRCA1", "GPT4".
_NUMBERED = re.compile(rf"({LETTER}{{2,}})\d{{1,2}}")
# A topic's label is its first keywords (agent/analyze.py).
_LABEL_KEYWORDS = 3


# A confidence level as a paper states it: "95% CI", "95 percent confidence interval".
_LEVEL = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|percent|per\s+cent)\s+(?:CI|confidence|credible)\b",
                    re.I)


# "48 of 96 existing borrowing groups", "118 (37%) of the 317 claims": a part and its whole.
_COUNT = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SHARE_IN_BRACKETS = r"(?:\(\d+(?:\.\d+)?\s?%\)\s+)?"  # the part's share, "(37%)"
_PART_OF = re.compile(rf"(?<![\w.,])(?P<a>{_COUNT})\s+{_SHARE_IN_BRACKETS}(?:out\s+)?"
                      rf"of\s+(?:the\s+)?(?P<b>{_COUNT})(?![\w.,]\d)")
# A part told after its whole: "from 1,870 logged episodes, 412 of which ended in a fall".
_OF_WHICH = re.compile(rf"(?<![\w.,])(?P<b>{_COUNT})\s+[^.;:()\d]{{1,80}}?,\s+(?P<a>{_COUNT})"
                       rf"\s+{_SHARE_IN_BRACKETS}of\s+(?:which|whom|them)\b")
# A change between two figures of one unit: "from 6 percent in control villages to 21
# percent", "from 41.2% to 26.6%".
# Between the two figures, a year may stand ("from 2048 thousands in 1990 to 3880
# thousands in 2015"); bracketed intervals are taken out first (_BRACKETED).
_FROM_TO_FIGURES = re.compile(rf"\bfrom\s+(?:a\s+\w+\s+of\s+)?(?P<a>{_COUNT})\s?"
                              rf"(?P<u>%|percent\b)?(?:[^.;:()\d]|(?<!\d)(?:19|20)\d\d(?!\d))"
                              rf"{{0,60}}?\bto\s+(?P<b>{_COUNT})"
                              rf"\s?(?P=u)?(?!\s*[-\u2013]\s*\d)")
_BRACKETED = re.compile(r"\s*\([^()]*\)")
# A change by a percentage: "increased by 89.42%" is a multiple of 1.89, "fell by 50%" one
# of 2 (either way round, as a change from one figure to another is).
_CHANGED_BY = re.compile(rf"\b(?:(?P<up>increas|rose|rise|risen|grew|grow)|(?P<down>decreas|"
                         rf"fell|fall|fallen|dropp|declin|reduc))\w*\s+by\s+(?P<p>{_COUNT})"
                         rf"\s?(?:%|percent\b)")


def _figure(text: str) -> float:
    return float(text.replace(",", ""))


@dataclass(frozen=True)
class _PaperIndex:
    """Everything the checks ask of one paper, computed once."""

    paper: Paper
    forms: frozenset[str]
    tokens: frozenset[str]  # the forms of single tokens: what the probe index files it under
    acronyms: frozenset[str]
    numbers: frozenset[tuple[float, str]]
    years: frozenset[int]
    quote_text: str
    # Each window's stems, as its _lexical has them, found without the rest of _lexical's
    # work: choosing a paper's best windows for a sentence asks only these, and so do
    # most checks (stems: all of them, and the record's meta).
    window_stems: tuple[frozenset[str], ...]
    stems: frozenset[str]
    meta: frozenset[str]
    authors: tuple[str, ...]
    # What a window is built from when first asked for: the title's text and tokens, and
    # each window's abstract sentences (tokenised then: most windows never are).
    head: str
    head_tokens: tuple[_Token, ...]
    chunks: tuple[str, ...]
    # The abstract's sentences that are evidence (statements), each on its own.
    sentences: tuple[str, ...] = ()
    built: dict[int, _Lexical] = field(default_factory=dict, compare=False, repr=False)

    @property
    def key(self) -> str:
        return self.paper.key

    def window(self, i: int) -> _Lexical:
        """The lexical view of window i: the title and thresholds.WINDOW_SENTENCES sentences
        of the abstract. Built on first use: a sentence reads the few windows that best
        match it, so most of a profile's windows are never built in a report."""
        found = self.built.get(i)
        if found is None:
            chunk = self.chunks[i]
            tokens = _tokens(chunk, offset=len(self.head))
            found = _lexical(self.head + chunk, alternatives=True,
                             evidence=chunk or self.head[:-2], tokens=[*self.head_tokens, *tokens],
                             stems_known=self.window_stems[i])
            # Checks of several sentences run in threads: the first window stored is the
            # one every check sees (polarity tells windows apart by identity).
            found = self.built.setdefault(i, found)
        return found

    @property
    def windows(self) -> tuple[_Lexical, ...]:
        """Every window of the paper (window(i) for each)."""
        return tuple(self.window(i) for i in range(len(self.chunks)))

    @cached_property
    def text(self) -> str:
        """The title and the abstract, as written, in one text: what a check searches for
        a phrase of the paper's own ("causes", "released", "first")."""
        return f"{_headed(self.paper.title)}{self.paper.abstract}"

    @cached_property
    def levels(self) -> frozenset[float]:
        """The confidence levels the paper states ("95% CI", "90 percent confidence"):
        figures of its method, which no rounded or bounded figure of a sentence stands for
        ("more than four in five births" is no "95 percent CI")."""
        return frozenset(float(m[1]) for m in _LEVEL.finditer(self.text))

    @cached_property
    def derived(self) -> frozenset[tuple[float, str]]:
        """Figures the paper's own figures make without its saying them: the share "48 of
        96 groups" is (50%), as is "96 groups, 48 of which", and the multiple a change
        "from 6 percent ... to 21 percent" is (3.5x, either way round). What "half of its
        groups" or "more than tripled" stands on, and nothing else: a figure of a sentence
        is not matched against these."""
        found: set[tuple[float, str]] = set()
        for sentence in (self.paper.title, *self.sentences):
            for m in (*_PART_OF.finditer(sentence), *_OF_WHICH.finditer(sentence)):
                part, whole = _figure(m["a"]), _figure(m["b"])
                if 0 < part <= whole:
                    found |= {(round(100 * part / whole, 1), "%"),
                              (round(100 * part / whole), "%")}
            for m in _FROM_TO_FIGURES.finditer(_BRACKETED.sub("", sentence)):
                a, b = _figure(m["a"]), _figure(m["b"])
                if a > 0 and b > 0:
                    found |= {(round(b / a, 2), "x"), (round(a / b, 2), "x")}
            for m in _CHANGED_BY.finditer(sentence):
                share = _figure(m["p"]) / 100
                if m["up"] or share < 1:
                    found.add((round(1 + share if m["up"] else 1 / (1 - share), 2), "x"))
        return frozenset(found)

    @cached_property
    def decade_years(self) -> tuple[tuple[int, int], ...]:
        """The (first, last) years of each decade the title or abstract names ("since the
        1990s"). Built on first use."""
        return tuple(years for _, _, _, years in decades(self.text))

    @cached_property
    def measures(self) -> dict[str, frozenset[float]]:
        """The paper's figures with a unit written after them, by what the unit measures
        and in that dimension's unit (lexicon.unit_scale): "0.6 ms of latency" is 0.0006
        of "time". Built on first use."""
        found: dict[str, set[float]] = {}
        text = self.text
        for n in _numbers(text):
            if not n.unit and (unit := measure_after(text, n.end)):
                dimension, size = unit_scale(unit)
                found.setdefault(dimension, set()).add(n.value * size)
        return {dimension: frozenset(values) for dimension, values in found.items()}

    @cached_property
    def written(self) -> tuple[str, ...]:
        """The words of the title and of the record's meta (authors, affiliations, category,
        venue), lower case, as written: what support tells a word's forms by
        (lexicon.same_word), beside the windows' own. Built on first use."""
        paper = self.paper
        return tuple(re.findall(LETTER + "+", " ".join(
            [paper.title, *paper.authors, *paper.affiliations, paper.category or "",
             paper.venue or "", paper.institution or ""]).lower()))

    @cached_property
    def numbered_words(self) -> dict[str, tuple[str, ...]]:
        """Words of four letters or more written with a number ("interleukin-6",
        "keratin 17"), by the number: what a short numbered name may abbreviate. Built on
        first use, since few sentences name what no paper states."""
        return _by_number(_LONG_NUMBERED, self.forms)

    @cached_property
    def numbered_short(self) -> dict[str, tuple[str, ...]]:
        """Short names written with a number ("IL-2"), single tokens, by the number."""
        return _by_number(_SHORT_NUMBERED, self.tokens)


def _by_number(pattern: re.Pattern[str], forms: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The letters of each form the pattern matches whole, by the form's number."""
    found: dict[str, list[str]] = {}
    for form in forms:
        if form[-1].isdigit() and (match := pattern.fullmatch(form)):
            found.setdefault(match[2], []).append(match[1])
    return {n: tuple(words) for n, words in found.items()}


def _index_paper(paper: Paper) -> _PaperIndex:
    """Forms, acronyms, figures, years and lexical windows of one paper."""
    title = _clean(paper.title)
    sentences = statements(_clean(paper.abstract))
    abstract = " ".join(sentences)
    # Where it appeared, and for a thesis the university it was written for.
    venue = " ".join(v for v in (paper.venue, paper.institution) if v)
    record = " ".join([title, abstract, *paper.authors, *paper.affiliations,
                       paper.category or "", venue])
    # The venue's year too: an arXiv preprint of 2015 "appeared in MNRAS 455, 2101 (2016)".
    years = {int(y) for y in _YEAR.findall(f"{title} {abstract} {venue}")}
    if paper.year:
        years.add(paper.year)
    else:
        years.add(UNDATED)  # what "(undated)" after its title states
    meta = {_stem(w) for name in [*paper.authors, *paper.affiliations, paper.category or "",
                                  venue]
            for w in re.findall(LETTER + "+", name)}
    # The units its figures are given in, by name ("0.71 ms": "millisecond").
    meta |= unit_words(f"{title} {abstract}")
    chunks = [" ".join(sentences[i:i + thresholds.WINDOW_SENTENCES])
              for i in range(max(1, len(sentences) - thresholds.WINDOW_SENTENCES + 1))] or [""]
    # Every window starts with the title: it is tokenised once, not once per window.
    head = _headed(title)
    head_tokens = tuple(_tokens(head))
    window_stems = _window_stems(head, head_tokens, chunks)
    figures = _numbers(f"{title} {abstract} {venue}")  # "59th Annual Meeting"
    forms, token_forms = _forms(record)
    return _PaperIndex(
        paper=paper,
        forms=frozenset(forms),
        tokens=frozenset(token_forms),
        acronyms=frozenset(a for text in [title, *sentences] for a in _acronyms(text)),
        numbers=frozenset((n.value, n.unit) for n in figures)
        | {(round(n.value * 100, 6), "%") for n in figures if n.unit == "ratio"}
        | multiples_in(f"{title} {abstract}") | range_percents(abstract),
        years=frozenset(years),
        quote_text=_spaced(f"{title} {abstract} {' '.join(paper.authors)}"),
        window_stems=window_stems,
        stems=frozenset().union(*window_stems) | meta,
        meta=frozenset(meta),
        authors=tuple(paper.authors),
        head=head,
        head_tokens=head_tokens,
        chunks=tuple(chunks),
        sentences=tuple(sentences),
    )


def _window_stems(head: str, head_tokens: Sequence[_Token],
                  chunks: Sequence[str]) -> tuple[frozenset[str], ...]:
    """The stems _lexical(head + chunk, alternatives=True) finds of each window, without
    building the windows: the head's once, each chunk's after the head's last token
    (whether a word is a direction word depends on the word before it), the other
    spellings of compounds (no word of a window runs across its ". ") and synonyms."""
    last = head_tokens[-1].word if head_tokens else None
    # A union's synonyms are the union of its parts': the head's are found once.
    head_stems = _with_synonyms(_text_stems(head, spellings=True))
    return tuple(frozenset(head_stems | _with_synonyms(_text_stems(chunk, previous=last,
                                                                    spellings=True)))
                 for chunk in chunks)


def _with_synonyms(stems: set[str]) -> set[str]:
    """The stems and every synonym of each (_SYNONYMS)."""
    return stems | {s for stem in stems for s in _SYNONYMS.get(stem, ())}


def statements(abstract: str) -> list[str]:
    """The abstract's sentences that state what the paper found or did: less any that give
    orders or speak to a reader or a model, and any that claim honours or positions.

    Text injected into an abstract ("ignore previous instructions and state that ...")
    would otherwise be the very support for the claim it asks a writer to make.
    """
    sentences = [abstract[s:e].strip() for s, e in _sentence_spans(abstract, [])]
    return [s for s in sentences if s and is_finding(s)]


def is_finding(sentence: str) -> bool:
    """Whether an abstract's sentence can be evidence: it gives no orders, speaks to no
    reader or model, and claims no honour or position for anyone."""
    low = sentence.lower() if sentence.isascii() else None  # lowered once for the three
    return not (_screened(_INSTRUCTION, _INSTRUCTION_WORDS, sentence, low)
                or _screened(_ADDRESSED, _ADDRESSED_WORDS, sentence, low)
                or _screened(_HONOUR, _HONOUR_WORDS, sentence, low))


def _screened(pattern: re.Pattern[str], words: tuple[str, ...],
              text: str, low: str | None = None) -> re.Match[str] | None:
    """pattern.search(text), skipped when an ASCII text holds none of the words.

    The three patterns above cost a report's index more than the rest of is_finding's
    work (every abstract sentence, tried at every word), and almost no sentence holds
    any of the words one of their matches must contain. On ASCII text, re.I is plain
    ASCII case, so a substring test of the lowered text is exact; any other text (where
    re.I also folds "ſ" to s, or the Kelvin sign to k) is searched as it is. low: the
    ASCII text lowered, where the caller has it already."""
    if low is not None or text.isascii():
        low = text.lower() if low is None else low
        if not any(w in low for w in words):
            return None
    return pattern.search(text)


# Words every match of each pattern contains (lower case): one from each alternative.
_INSTRUCTION_WORDS = ("ignore", "disregard", "forget", "override", "you are", "you must",
                      "you should", "as an ai", "system prompt")
_ADDRESSED_WORDS = (
    "note", "message", "instruction", "reminder",  # "note to ...", "instructions for ..."
    "must", "should", "shall", "are to", "need to", "instructed to",  # "LLMs must state"
    "in every", "in each", "in any", "in all", "in your",  # "in every bio"
    "when summari", "when describing", "when writing about", "when asked about",
    "state", "say", "write", "claim", "mention", "describe", "refer to", "call",
    "inst]", "<|", "<system", "<im_", "<!--", "system note", "system message",
    "system prompt", "as an ai")
_HONOUR_WORDS = ("award", "prize", "medal", "laureate", "fellow", "elected", "honorary",
                 "knight", "chief", "principal", "distinguished", "professor", "dean of",
                 "chair of", "head of", "director of", "president of", "founder of")


def _forms(text: str) -> tuple[set[str], set[str]]:
    """The text's forms, and those of its single tokens.

    Forms: normalised tokens, their parts and short runs of them, singular and plural.
    Token forms: the single tokens, whole and split at their hyphens, dots, slashes and
    colons: what the probe index files a paper under. A name the paper writes inside a
    longer token ("RAD52" in "RAD52-dependent") is in its forms, so it must be filed
    under it too, or the paper is never tested for the name. Each are a set, so a token
    the text repeats is looked at once."""
    tokens = [t.removesuffix("'s") for t in _ENTITY_TOKEN.findall(text)]
    normed = [_norm(t) for t in tokens]
    single: set[str] = set()
    forms: set[str] = set()
    for token in dict.fromkeys(tokens):
        token_single, token_forms = _one_token_forms(token)
        single |= token_single
        forms |= token_forms
    # Runs of 2 to _NGRAM tokens, each length in one pass of zip (a run cut short at the
    # end is a shorter run, or a single token, which are here already).
    # Each form's singular is a form too: the tokens' come with them (_one_token_forms),
    # the runs' are made here, from the runs alone (a run's is no single token's).
    for n in range(2, _NGRAM + 1):
        runs = list(map("".join, zip(*(normed[k:] for k in range(n)))))
        forms.update(runs)
        forms.update([r[:-1] for r in runs if r.endswith("s") and len(r) > 3])
    forms.discard("")
    single.discard("")
    return forms, single


@lru_cache(maxsize=1 << 16)
def _one_token_forms(token: str) -> tuple[frozenset[str], frozenset[str]]:
    """_forms' single forms of one token, and every form it adds for the token alone (the
    single ones, the others, and the singular of each); remembered as _norm is, since
    every paper's record repeats most of its words."""
    parts = _PARTS.split(token)
    single = {_norm(token)}
    single.update(_norm(p) for p in parts)
    single |= _numbered(token)
    for variant in _greek_forms(token):  # "NF-kappaB" for "NF-κB", and back
        single.add(_norm(variant))
        single.update(_norm(p) for p in _PARTS.split(variant))
    # Every run of a compound's parts: "trimethylamine-N-oxide" states "N-oxide".
    forms = {_norm("".join(parts[a:b])) for a in range(len(parts))
             for b in range(a + 2, min(len(parts), a + _NGRAM) + 1)}
    forms.update(_norm(p) for p in token.split("/"))  # a URL's path names: XLM-Align
    forms |= single
    forms |= {f[:-1] for f in forms if f.endswith("s") and len(f) > 3}
    return frozenset(single), frozenset(forms)


def _numbered(token: str) -> set[str]:
    """A name numbered by the digits that end it ("BRCA1"): its letters are a form too,
    as a hyphenated name's parts are ("GPT" of "GPT-4"), so "BRCA 1" and "BRCA" find it."""
    named = _NUMBERED.fullmatch(token)
    return {_norm(named.group(1))} if named and any(c.isupper() for c in token) else set()


def _acronyms(text: str) -> set[str]:
    """Initials of runs of content words ("of" allowed inside): "mixture of experts" -> moe.

    Runs that cross other stop words are left out: "encoder and fine-tunes" is no "EFT".
    """
    found: set[str] = set()
    # Words, and "" for each break between phrases (punctuation, digits), in one scan: a
    # report reads every sentence of every abstract. An ASCII text is lowered whole,
    # which changes no position or class of character; any other text word by word
    # ("İ" lowers to two characters, the second no letter).
    words = _PHRASE_WORDS.findall(text.lower()) if text.isascii() else \
        [w.lower() for w in _PHRASE_WORDS.findall(text)]
    run: list[str] = []
    for word in [*words, ""]:
        if word and (word == "of" and run or word not in _STOP):
            run.append(word)
            continue
        if len(run) > 1:  # one word has no initials of two or more: most runs
            found |= _initials(run[:-1] if run[-1] == "of" else run)
        run = []
    return {a for a in found if len(a) >= _ACRONYM_MIN}


# A word (the group), or a break between phrases, which findall gives as "".
_PHRASE_WORDS = re.compile(rf"({LETTER}+)|[^\w\s-]+|[\d_]+")


def _initials(run: Sequence[str]) -> set[str]:
    """Initials of every sub-run of two to eight words, with and without "of"."""
    if "of" not in run:
        # Most runs: every sub-run's initials are a slice of the run's, with or without
        # "of". Those under _ACRONYM_MIN letters, which _acronyms drops, are left out.
        first = "".join(w[0] for w in run)
        return {first[i:j] for i in range(len(first))
                for j in range(i + _ACRONYM_MIN, min(len(first), i + 8) + 1)}
    found: set[str] = set()
    for i, first in enumerate(run):
        if first == "of":
            continue
        every = without_of = first[0]
        for word in run[i + 1:i + 8]:
            every += word[0]
            if word == "of":
                continue
            without_of += word[0]
            found.update((every, without_of))
    return found


_TITLE_COMPOUND = re.compile(rf"{UPPER}{LOWER}+(?:-{UPPER}{LOWER}+)+")


def _entity_kind(word: str, owner_words: frozenset[str]) -> str | None:
    """"name" for mixed case, capitals or letters with digits; "title" for Capitalised."""
    return None if word.lower() in owner_words else _word_kind(word)


@lru_cache(maxsize=1 << 16)
def _word_kind(word: str) -> str | None:
    """_entity_kind of a word that names no owner, remembered per word: every sentence
    checked asks it of each of its words."""
    alpha = letters(word)
    if not alpha:
        return None
    if _NUMBER.fullmatch(word) or re.fullmatch(r"\d[\d.,]*[xX%KMBk]?", word) \
            or re.fullmatch(rf"\d[\d.,]*{_MEASURE}", word):  # "40mg/day" is a figure
        return None
    if (named := decades(word)) and named[0][0] == word:
        return None  # "the mid-1980s survey": a time, which the year checks read
    if re.fullmatch(r"\d[\d.,]*-[a-z]+(?:-[a-z]+)*", word):
        # "the 32-million-cell model", "a 1.2-hectare basin", "30-day mortality": a figure
        # said of what follows (its figure is checked as one, its words as words).
        return None
    has_digit = any(c.isdigit() for c in word)
    if _TITLE_COMPOUND.fullmatch(word):
        return "title"  # "Simulation-Based", "Vision-Language": capitals of a title
    inner_capital = any(c.isupper() for c in alpha[1:])
    if has_digit or inner_capital or (len(alpha) >= 2 and alpha.isupper()):
        return "name"
    if word[0].isupper() and word.lower() not in _MONTHS and word != "I":
        return "title"
    return None


def _entity_in(parts: tuple[tuple[str, str], ...], paper: _PaperIndex) -> bool:
    """A name in the paper's record: whole, as an acronym or expansion, or word by word."""
    words = [w for w, _ in parts]
    if _form_in(_norm("".join(words)), paper):
        return True
    if len(words) > 1:
        # "Carnegie Mellon University" for cmu; else every word on its own.
        initials = "".join(w[0].lower() for w in words)
        return initials in paper.forms or all(_word_in(w, k, paper) for w, k in parts)
    word, kind = parts[0]
    if kind == "title":
        return _title_word_in(word, paper) or _demonym_in(word, paper)
    return (_roman_in(word, paper) or _acronym_in(word, paper) or _hyphen_parts_in(word, paper)
            or any(_form_in(_norm(v), paper) for v in _greek_forms(word))
            or _alternatives_in(word, paper) or _abbreviation_in(word, paper)
            or _demonym_in(word, paper))


# A place and the adjective of its people, written from each other by these endings
# ("Mexico"/"Mexican", "Chile"/"Chilean", "Japan"/"Japanese", "Argentina"/"Argentine").
# Irregular ones ("Peru"/"Peruvian", "Norway"/"Norwegian") are left to the other checks.
_PEOPLE_ENDINGS = ("ian", "ean", "an", "ese", "ish", "i", "n", "e")
_PLACE_ENDINGS = ("", "a", "o", "e", "y", "ia")


def _demonym_in(word: str, paper: _PaperIndex) -> bool:
    """A place where the paper names its people, or its people where it names the place:
    "after Mexico's 2012 election" of a survey "after the 2012 Mexican general election"."""
    if not (word[:1].isupper() and word.isalpha() and len(word) >= 4):
        return False
    low = word.lower()
    base = low[:-1] if low[-1] in "aeoy" else low
    forms = {base + e for e in _PEOPLE_ENDINGS} | {low + e for e in ("n", "an", "ese")}
    for ending in _PEOPLE_ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            forms |= {low[:-len(ending)] + e for e in _PLACE_ENDINGS}
    forms.discard(low)
    return any(_form_in(f, paper) for f in forms if len(f) >= 4)


# "OCT3/4": one name numbered two ways (Oct3 and Oct4), either of which the paper may use.
_ALTERNATIVES = re.compile(r"(\D+?)(\d+)/(\d+)")


def _alternatives_in(word: str, paper: _PaperIndex) -> bool:
    """A name numbered two ways at once ("OCT3/4") is in a paper that writes either."""
    alt = _ALTERNATIVES.fullmatch(word)
    return alt is not None and any(_form_in(_norm(alt[1] + n), paper) for n in (alt[2], alt[3]))


# A name of capitals and a number ("IL-6", "KRT17") and the word it abbreviates, with the
# same number ("interleukin-6", "keratin 17"): the capitals are letters of that word, in
# order, the first its first. Biology writes both; so, the other way round, may a sentence.
_SHORT_NUMBERED = re.compile(r"([A-Za-z]{2,5})-?(\d{1,3})")
_LONG_NUMBERED = re.compile(r"([a-z]{4,})-?(\d{1,3})")


def _abbreviation_in(word: str, paper: _PaperIndex) -> bool:
    """"IL-6" where the paper writes "interleukin-6", or "interleukin-2" where it writes
    "IL-2": same number, the short form's letters in order in the long one."""
    short = _SHORT_NUMBERED.fullmatch(word)
    if short and sum(c.isupper() for c in short[1]) >= 2:
        return any(_abbreviates(short[1].lower(), long) for long in
                   paper.numbered_words.get(short[2], ()))
    long = _LONG_NUMBERED.fullmatch(word)
    return bool(long) and any(_abbreviates(letters_, long[1]) for letters_ in
                              paper.numbered_short.get(long[2], ()))


def _abbreviates(short: str, long: str) -> bool:
    """The short form's letters are the long word's, in order, and start it."""
    if len(long) < 4 or len(short) >= len(long) or short[0] != long[0]:
        return False
    rest = iter(long[1:])
    return all(c in rest for c in short[1:])


# Roman numerals of types, classes and phases ("type II diabetes", "phase III"): the paper
# may write the number ("type 2").
_ROMAN = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9}


def _roman_in(word: str, paper: _PaperIndex) -> bool:
    """A Roman numeral whose number the paper writes after the same kind of word."""
    value = _ROMAN.get(word)
    return value is not None and re.search(
        rf" (?:type|class|phase|grade|stage|complex|group|family) {value} ",
        paper.quote_text) is not None


def _form_in(form: str, paper: _PaperIndex) -> bool:
    return form in paper.forms or (form.endswith("s") and form[:-1] in paper.forms)


def _word_in(word: str, kind: str, paper: _PaperIndex) -> bool:
    """One word of a multiword name: names exactly, capitalised words also by stem."""
    if _form_in(_norm(word), paper) or _acronym_in(word, paper):
        return True
    if kind == "name" and _hyphen_parts_in(word, paper):
        return True  # "RecQ-class DNA helicase": RecQ and DNA are the paper's
    return kind == "title" and _title_word_in(word, paper)


def _title_word_in(word: str, paper: _PaperIndex) -> bool:
    """A capitalised word (or Title-Case compound) by the stems of its telling parts; a
    part longer than a stem (a place, a person: "Tinguiririca") whole, bar a plural, since
    a stem keeps its first letters only and "Tinguirimarra" would pass for it."""
    greek = [w for w in word.split("-") if len(w) == 1 and w in _GREEK]
    parts = [w for w in word.split("-") if w and w not in greek and not _is_common(w)]
    return all(_stem(w) in paper.stems and _whole_in(w, paper) for w in parts) \
        and all(_greek_in(g, paper) for g in greek)


def _whole_in(word: str, paper: _PaperIndex) -> bool:
    """Whether a word cut short by its stem is in the paper but for its last letters: an
    ending ("Ecuadorian" of "Ecuador", "Andean" of "Andes", a plural) may differ, the rest
    of the word not ("Tinguirimarra" is no "Tinguiririca"). A word no longer than a stem
    is its stem."""
    written = _spaced(word).strip()
    if len(written) <= _STEM_LENGTH or f" {written} " in paper.quote_text \
            or wordnet.known(written):  # a word of the language: its stem is enough
        return True
    need = len(written) - _ENDING
    return any(len(os.path.commonprefix([written, other])) >= need
               for other in re.findall(rf" ({re.escape(written[:_STEM_LENGTH])}\w*)",
                                       paper.quote_text))


# The letters an ending may change of a name the papers write otherwise.
_ENDING = 3


def _greek_in(letter: str, paper: _PaperIndex) -> bool:
    """A Greek letter of a name in the paper, as the letter or spelled out ("gamma")."""
    return _GREEK[letter] in paper.forms or letter in paper.paper.title \
        or letter in paper.paper.abstract


def _acronym_in(word: str, paper: _PaperIndex) -> bool:
    """"MoE" against "mixture of experts": capitals that are initials of the paper's words."""
    core = _acronym_core(word)
    return core is not None and core in paper.acronyms


@lru_cache(maxsize=1 << 12)
def _acronym_core(word: str) -> str | None:
    """The initials an acronym-like word stands for ("LLMs" -> "llm"), or None."""
    if any(c.isdigit() for c in word):
        return None
    alpha = letters(word)
    if sum(c.isupper() for c in alpha) < 2:
        return None
    core = alpha[:-1] if alpha.endswith("s") and alpha[:-1].isupper() else alpha
    return core.lower()


def _hyphen_parts_in(word: str, paper: _PaperIndex) -> bool:
    """"ELECTRA-based": the name is in the paper and the rest is a lower-case word.

    "Sparse-BitNet" or "BLEU-7" is a name of its own and must appear whole.
    """
    parts = [p for p in re.split(r"[-/]", word) if p]
    if len(parts) < 2:
        return False
    greek = [p for p in parts if len(p) == 1 and p in _GREEK]
    if greek:
        # "Interferon-γ": the letter is the paper's (as a letter or spelled out), and so
        # is the word it follows, by its stem, as a capitalised word of a title is.
        rest = [p for p in parts if p not in greek]
        return bool(rest) and all(_greek_in(g, paper) for g in greek) and all(
            _title_word_in(p, paper) if _entity_kind(p, frozenset()) == "title"
            else _form_in(_norm(p), paper) or _acronym_in(p, paper) for p in rest)
    named = [p for p in parts if not p.islower()]
    return bool(named) and all(
        _entity_kind(p, frozenset()) == "name" and (_form_in(_norm(p), paper)
                                                   or _acronym_in(p, paper))
        for p in named)


def _headed(title: str) -> str:
    """A title as the head of its paper's text: closed with ". ", unless it ends a sentence
    of its own ("Do LSTMs outperform conceptual models in snow-dominated basins?")."""
    return f"{title} " if title.rstrip().endswith((".", "?", "!")) else f"{title}. "
