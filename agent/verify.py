"""Sentence-level faithfulness checks: each sentence against the papers it cites, no model.

Two tiers (ARCHITECTURE.md, "Verification"). The first checks exact facts: cited keys,
numbers, years, dates, quoted strings, names, role and affiliation claims, counts and
time spans, negation and direction words, and claims of priority or scope. The second
aligns the sentence with the best windows (the title plus an abstract sentence, a few of
them) of the cited papers and scores how much of its meaning they carry: content words
weighted by how telling they are, a word the papers say in other words counting as said
(agent/similarity.py). Everything about the papers is indexed once, in
Verifier.__init__; a sentence is analysed once per check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol

from anyascii import anyascii

from agent import similarity
from agent.models import (
    Check,
    DatePrecision,
    Evidence,
    FactSheet,
    OwnerPosition,
    Paper,
    Profile,
    SentenceVerdict,
    TextCheck,
    Topic,
)
from agent.names import normalize_name, owner_position, same_person
from agent.text import ENGLISH_STOP_WORDS

__all__ = ["SUPPORT_THRESHOLD", "Checker", "Verifier", "kinds_of", "prose", "split_citations",
           "verify_text"]

# The thresholds below are calibrated on the labelled sentences in evals/ (evals/calibrate.py
# sweeps each; evals/README.md has the table): each value has the highest balanced accuracy
# among those that keep recall >= 0.90 on every error type and false flags <= 5%.
#
# Share of a sentence's content words that must appear in the best windows of the cited
# papers (tested on both sides in tests/test_verify.py).
SUPPORT_THRESHOLD = 0.75
# One unmatched word is a paraphrase, not a claim, once a sentence has this many words.
ONE_MISS_MIN_WORDS = 4
# Each stretch between commas (or "while", "although") must find at least this share of
# its content words in the same windows: an added clause brings words of its own ("and it
# was later patented" is a clause of one telling word).
SEGMENT_THRESHOLD = 0.5
SEGMENT_MIN_WORDS = 1
# An uncited sentence with no figure, name, count or role states a fact when at least this
# many of its words are topical words of the profile ("summarises the record" is framing).
FACT_MIN_WORDS = 2
# Words a negation governs, for the check that a sentence negates what the papers state
# (or states what they negate): "never saw during training" negates "saw", not "training".
NEGATION_SCOPE = 1
# A window is the title plus this many abstract sentences; a sentence may draw on the
# WINDOWS_PER_PAPER best windows of each cited paper (a summary joins two findings).
WINDOW_SENTENCES = 1
WINDOWS_PER_PAPER = 3
# A content word the cited papers do not use is said there in other words when a word of
# the aligned windows is at least this near in meaning (cosine of wordllama's static
# embeddings, agent/similarity.py): "medications"/"drugs" 0.65, "tumor"/"cancer" 0.61,
# "important"/"essential" 0.50; "increased"/"decreased" 0.28, "binds"/"interacts" 0.16.
WORD_SIMILARITY = 0.45
# Whether a technical word no cited paper uses fails a sentence by itself.
TERMS_MUST_APPEAR = False
# A sentence whose exact checks pass and whose support score is within this distance of
# SUPPORT_THRESHOLD is uncertain: a model judge, if one is configured, decides it.
UNCERTAIN_BAND = 0.15
# A stem keeps this many characters: "retrieval"/"retriever", "sparse"/"sparsity" meet.
_STEM_LENGTH = 6

# --- citation markers and sentences ----------------------------------------------------

_KEY = r"[a-z][a-z0-9_:\-]{2,}"
_MARKER = re.compile(rf"\[\s*({_KEY}(?:\s*[;,]\s*{_KEY})*)\s*\]")
_ABBREVIATIONS = frozenset(
    "e.g i.e al vs cf fig figs eq eqs no nos dr mr mrs ms prof approx resp sec st jr".split())
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_QUOTES = '"\u201c\u201d'


def split_citations(text: str) -> list[tuple[str, list[str]]]:
    """Split prose into sentences, each with the keys it cites, markers removed.

    Citation markers: [key], [key1; key2], [key1, key2]. A marker after the final period
    of a sentence belongs to that sentence. No split on "e.g.", "i.e.", "et al.", "vs.",
    decimals like 1.33x, or inside quotes.
    """
    markers = list(_MARKER.finditer(text))
    result: list[tuple[str, list[str]]] = []
    for start, end in _sentence_spans(text, markers):
        keys = [k for m in markers if start <= m.start() < end for k in _marker_keys(m)]
        clean = _strip_markers(text[start:end])
        if clean:
            result.append((clean, list(dict.fromkeys(keys))))
        elif keys and result:  # a stray marker between sentences cites the one before
            before, cited = result[-1]
            result[-1] = (before, list(dict.fromkeys([*cited, *keys])))
    return result


def _marker_keys(marker: re.Match[str]) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", marker.group(1)) if k.strip()]


def _strip_markers(text: str) -> str:
    """Sentence text without markers, with the spaces they leave behind tidied."""
    text = _MARKER.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


def _sentence_spans(text: str, markers: Sequence[re.Match[str]]) -> list[tuple[int, int]]:
    """Character spans of the sentences; trailing markers stay with their sentence."""
    marker_end = {m.start(): m.end() for m in markers}
    spans: list[tuple[int, int]] = []
    start, i, quoted, n = 0, 0, False, len(text)
    while i < n:
        if i in marker_end:
            i = marker_end[i]
            continue
        char = text[i]
        if char in _QUOTES:
            quoted = (not quoted) if char == '"' else char == "\u201c"
        elif char == "\n" and (para := _PARAGRAPH.match(text, i)):
            spans.append((start, i))
            start = i = para.end()
            quoted = False
            continue
        elif char in ".!?":
            closes = quoted and i + 1 < n and text[i + 1] in _QUOTES
            if (not quoted or closes) and not (char == "." and _is_abbreviation(text, i)):
                end = _sentence_end(text, i + 1 + closes, marker_end)
                if end is not None:
                    spans.append((start, end))
                    start = i = end
                    quoted = False
                    continue
        i += 1
    spans.append((start, n))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _sentence_end(text: str, after: int, marker_end: dict[int, int]) -> int | None:
    """Where a sentence ends if the terminator before `after` ends it, else None."""
    end, j = after, after
    while j < len(text):
        if text[j].isspace():
            j += 1
        elif j in marker_end:
            j = end = marker_end[j]
        else:
            break
    if j >= len(text):
        return len(text)
    starts_sentence = text[j].isupper() or text[j].isdigit() or text[j] in _QUOTES
    return end if starts_sentence and text[j - 1].isspace() else None


def _is_abbreviation(text: str, dot: int) -> bool:
    """A period that closes "e.g", "et al", "vs" or an initial does not end a sentence."""
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12):dot])
    if not word:
        return False
    token = word.group(1)
    if token.lower() in _ABBREVIATIONS:
        return True
    # "Z. Chi": a single capital after a space is an initial.
    return len(token) == 1 and token.isupper() and (dot < 2 or not text[dot - 2].isalnum())


# --- text normalisation ----------------------------------------------------------------


def _clean(text: str) -> str:
    """One spelling of quotes, dashes and LaTeX times, so patterns stay simple."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = re.sub(r"\$?\s*\\times\s*\$?", "\u00d7", text)
    return text.replace("$", " ")


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    """Letters and digits only, lower case: "XLM-E" and "xlm e" meet as "xlme"."""
    return re.sub(r"[^0-9a-z]", "", anyascii(text).lower())


def _spaced(text: str) -> str:
    """Words separated by single spaces, for substring tests of quoted strings."""
    return " " + " ".join(re.findall(r"[0-9a-z]+", anyascii(text).lower())) + " "


# --- numbers ---------------------------------------------------------------------------

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
# Not glued to a word, dot, hyphen or slash: "Qwen2.5-14B" and "mT5" are names.
_NUMBER = re.compile(
    r"(?<![\w.\-/\\])(?P<num>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
    r"(?:(?P<unit>\s?%|\s?percent\b|\s?\u00d7|[xX](?![A-Za-z0-9])|-fold\b|\s?times\b"
    r"|[KMB](?![A-Za-z0-9])|k(?![A-Za-z0-9])|\s(?:thousand|million|billion)\b))?"
    r"(?![A-Za-z0-9_])")
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBERS.update(thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80,
                     ninety=90, hundred=100, dozen=12)
_SPELLED = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)
# "one" and "zero" are idioms far more often than figures ("one of", "zero-shot").
_SPELLED_CLAIMS = frozenset(_WORD_NUMBERS) - {"one", "zero"}
_YEAR = re.compile(r"(?<![\w.\-/])(19\d\d|20\d\d)(?![\w%]|\.\d)")


@dataclass(frozen=True)
class _Number:
    """A figure: its value and unit ("%", "x" or "" for plain counts)."""

    value: float
    unit: str
    text: str
    start: int
    end: int


_TENS = "twenty thirty forty fifty sixty seventy eighty ninety"
_UNITS = "one two three four five six seven eight nine"
# "twenty-eight", "three and a half times": figures written out in words.
_SPELLED_COMPOUND = re.compile(
    rf"\b(?:(?P<tens>{_TENS.replace(' ', '|')})[- ](?P<unit>{_UNITS.replace(' ', '|')})"
    rf"|(?P<whole>{'|'.join(list(_WORD_NUMBERS)[:21])}) and a half)\b"
    r"(?P<scale>\s+(?:percent\b|times\b))?", re.I)


def _compound_numbers(text: str) -> list[_Number]:
    """Figures of two number words: "twenty-eight percent" is 28%, "three and a half" 3.5."""
    found = []
    for m in _SPELLED_COMPOUND.finditer(text):
        if m.group("tens"):
            value = _WORD_NUMBERS[m.group("tens").lower()] + _WORD_NUMBERS[m.group("unit").lower()]
        else:
            value = _WORD_NUMBERS[m.group("whole").lower()] + 0.5
        scale = (m.group("scale") or "").strip().lower()
        unit = "%" if scale == "percent" else "x" if scale == "times" else ""
        found.append(_Number(float(value), unit, m.group(0), m.start(), m.end()))
    return found


# "1 in 2,000", "one in 2000", "3 out of 17", "1/2000": a ratio, compared as a fraction
# (and as a percentage: 1/2000 is 0.05%).
_RATIO = re.compile(
    r"(?<![\w.\-/])(?P<a>\d+|one)\s+(?:in|out of)\s+(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?![\w%.,]\d)"
    r"|(?<![\w.\-/])(?P<c>\d+)/(?P<d>\d{1,3}(?:,\d{3})+|\d+)(?![\w/%])", re.I)


def _ratios(text: str) -> list[_Number]:
    found = []
    for m in _RATIO.finditer(text):
        top = m.group("a") or m.group("c")
        bottom = float((m.group("b") or m.group("d")).replace(",", ""))
        value = 1.0 if top.lower() == "one" else float(top)
        if bottom > value > 0:
            found.append(_Number(round(value / bottom, 9), "ratio", m.group(0), m.start(),
                                 m.end()))
    return found


def _numbers(text: str) -> list[_Number]:
    """Figures in the text, years excluded, spelled-out small numbers included."""
    compound = [*_compound_numbers(text), *_ratios(text)]
    found: list[_Number] = list(compound)
    for match in _NUMBER.finditer(text):
        if any(c.start <= match.start() < c.end for c in compound):
            continue
        raw, unit = match.group("num"), (match.group("unit") or "").strip().lower()
        value = float(raw.replace(",", ""))
        if not unit and "," not in raw and "." not in raw and 1900 <= value <= 2099:
            continue  # a year
        if unit in _SCALE:
            value, unit = value * _SCALE[unit], ""
        elif unit in {"%", "percent"}:
            unit = "%"
        elif unit:
            unit = "x"
        found.append(_Number(round(value, 6), unit, match.group(0).strip(),
                             match.start(), match.end()))
    for match in _SPELLED.finditer(text):
        if any(c.start <= match.start() < c.end for c in compound):
            continue
        found.append(_Number(float(_WORD_NUMBERS[match.group(1).lower()]), "",
                             match.group(0), match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)


# Quantities said in words, each with the figures (value, unit) that state it, and the
# words a paper may use for it: "twice as fast" needs a paper saying 2x, 200%, twice or
# double; "about a quarter" 25% or a quarter; "a minute" one minute.
_QUANTITY_WORDS = (
    (r"twice|doubl(?:e[sd]?|ing)", {(2.0, "x"), (200.0, "%"), (100.0, "%")}, r"twice|doubl"),
    (r"thrice|tripl(?:e[sd]?|ing)", {(3.0, "x"), (300.0, "%"), (200.0, "%")}, r"thrice|tripl"),
    (r"halv(?:e[sd]?|ing)|(?:a |one )?half", {(2.0, "x"), (50.0, "%"), (0.5, "")},
     r"halv|half"),
    (r"(?:a|one) third", {(3.0, "x"), (33.0, "%"), (33.3, "%"), (33.33, "%"), (30.0, "%")},
     r"third"),
    (r"(?:a|one) quarter", {(4.0, "x"), (25.0, "%")}, r"quarter"),
    # "a second" is an ordinal unless it measures time: "in under a second".
    (r"(?:a|an|one) (?:minute|hour|day|week|month|year)|(?:(?<=in )|(?<=under )|"
     r"(?<=within )|(?<=than )|(?<=per ))(?:a|one) second", set(), ""),
)
_QUANTITY = re.compile(r"\b(?:" + "|".join(f"(?:{w})" for w, _, _ in _QUANTITY_WORDS)
                       + r")\b", re.I)


# The same stretch of time in the next smaller unit: "an hour" is "60 minutes".
_SAME_SPAN = {"hour": r"60[ -]minutes?", "minute": r"60[ -]seconds?", "day": r"24[ -]hours?",
              "week": r"7[ -]days?", "year": r"12[ -]months?"}


def _quantities(text: str) -> list[tuple[str, int, int, frozenset[tuple[float, str]], str]]:
    """Quantities the text says in words: (text, start, end, figures, words that match)."""
    found = []
    for m in _QUANTITY.finditer(text):
        said = m.group(0).lower()
        for words, figures, same in _QUANTITY_WORDS:
            if re.fullmatch(re.sub(r"\(\?:\(\?<=.*?\)\)", "", words), said):
                if not same:  # "a minute": one of that unit, said with a 1 or "a"/"one"
                    unit = said.split()[-1]
                    other = _SAME_SPAN.get(unit)
                    figures = {(1.0, unit)}
                    same = (rf"\b(?:(?:a|an|one|1)[ -]{unit}" + (f"|{other}" if other else "")
                            + r")\b")
                found.append((m.group(0), m.start(), m.end(), frozenset(figures), same))
                break
    return found


# --- words, stems, polarity ------------------------------------------------------------

_STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "vs", "et", "al", "eg", "ie", "etc", "does",
                                          "did", "doing", "having", "shall"}
# Framing words: they say what kind of sentence this is, not what the papers found.
_GENERIC = frozenset("""
paper work study article publication record researcher research line body propose introduce
present describe report show shown demonstrate find found develop create build built design
contribute contribution explore investigate examine contain cover comprise concentrate centre
centred center centered address tackle focus author coauthor co lead led sole senior
collaborator collaboration frequent frequently include list affiliation link code topic theme
concern part span year period career phase trajectory later earlier early recent recently
mainly mostly primarily area direction interest together notably particular
particularly especially key main major overall various multiple number total count citation
category categories publish preprint appear venue release write wrote written approach method
technique task result performance experiment experimental based novel existing new state art
use used uses using available publicly github com https http www aka ms furthermore moreover
specifically call named term known aim goal problem also via way unlike instead rather
come came make made keep kept take took taken give gave given get got go went bring brought
stay remain turn move hold following date dated begin began begun start started
""".split())
_MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
# "focus", "corpus", "analysis", "loss": a final s that is no plural.
_NOT_PLURAL = ("ss", "us", "is")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("ly", ""), ("s", ""))
# Words written as one or hyphenated: "pretrained" also counts as "pre" + "trained".
_PREFIXES = ("pre", "multi", "cross", "self", "semi")
_LEX = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?(?:-[A-Za-z]+)*")

_NEGATORS = frozenset("not no never without cannot nor neither unable lack lacks lacking "
                      "avoid avoids avoiding prevent prevents eliminate eliminates free".split())
_NOT_NEGATIONS = frozenset("only just merely necessarily".split())  # "not only ... but"
# Direction words this many words after a negation are turned round ("does not clearly
# outperform"); of the other words only the first NEGATION_SCOPE are negated.
_POLAR_SCOPE = 3


def _polarity_table() -> dict[str, tuple[str, int, bool]]:
    """Direction words: (dimension, sign, strong). A strong word needs no shared target."""
    rows = {
        ("quality", 1, True): "improve improves improved improving improvement improvements "
                              "outperform outperforms outperformed outperforming surpass "
                              "surpasses surpassed surpassing exceed exceeds exceeded boost "
                              "boosts boosted enhance enhances enhanced beat beats",
        ("quality", -1, True): "degrade degrades degraded degrading degradation worsen worsens "
                               "worsened underperform underperforms underperformed "
                               "underperforming hurt hurts harm harms lag lags lagged lagging "
                               "trail trails trailed trailing",
        ("quality", 1, False): "better superior stronger",
        ("quality", -1, False): "worse inferior weaker",
        ("amount", 1, True): "increase increases increased increasing raise raises raised "
                             "raising grow grows grew promote promotes promoted promoting "
                             "elevate elevates elevated elevation upregulate upregulates "
                             "upregulated upregulation stimulate stimulates stimulated "
                             "amplify amplifies amplified augment augments augmented "
                             "encourage encourages encouraged rise rises rose",
        ("amount", -1, True): "decrease decreases decreased decreasing reduce reduces reduced "
                              "reducing reduction lowers lowered lowering cut cuts halve "
                              "halves halved shrink shrinks inhibit inhibits inhibited "
                              "inhibiting inhibition suppress suppresses suppressed "
                              "suppressing suppression attenuate attenuates attenuated "
                              "diminish diminishes diminished downregulate downregulates "
                              "downregulated downregulation discourage discourages "
                              "discouraged decline declines declined impair impairs impaired "
                              "shorten shortens shortened",
        ("amount", 1, False): "higher larger greater more bigger",
        ("amount", -1, False): "lower smaller less fewer",
        ("speed", 1, False): "faster speedup speedups accelerate accelerates accelerated",
        ("speed", -1, False): "slower slowdown",
        ("stability", 1, False): "stable stabilize stabilizes stabilizing stability",
        ("stability", -1, False): "unstable instability destabilize",
        ("outcome", 1, False): "succeed succeeds succeeded succeeding",
        ("outcome", -1, False): "fail fails failed failing",
        ("conservation", 1, False): "conserve conserves conserved conserving preserve "
                                    "preserves preserved preserving",
        ("conservation", -1, False): "violate violates violated violating destroy destroys "
                                     "destroyed destroying",
        ("efficiency", 1, False): "efficient efficiency",
        ("efficiency", -1, False): "inefficient inefficiency",
        ("extremum", 1, True): "maximize maximizes maximized maximizing maximum",
        ("extremum", -1, True): "minimize minimizes minimized minimizing minimum",
        # On a par: contradicts "better" or "worse" about the same thing.
        ("quality", 0, False): "comparable competitive par",
        # Held steady: contradicts "raises" or "lowers" about the same thing.
        ("amount", 0, False): "unchanged unaffected",
    }
    return {w: kind for kind, words in rows.items() for w in words.split()}


_POLARITY = _polarity_table()
# A negation's scope ends at a conjunction: "without labels and outperforms" negates labels.
_SCOPE_END = frozenset("and or but while whereas which that".split())


# Words a paraphrase swaps for each other: a window with one also offers the others.
_SYNONYM_GROUPS = (
    "use utilize leverage employ exploit", "produce generate", "extra additional further",
    "need require", "let allow enable", "combine integrate unify", "big large huge",
    "fast quick rapid", "prior previous", "treat regard consider view",
    "show demonstrate reveal", "learn train",
)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A light stem: lower case, no plural or -ing/-ed, cut to a fixed length."""
    w = word.lower()
    w = re.sub(r"'s?$", "", w)
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if not (suffix == "s" and w.endswith(_NOT_PLURAL)):
                w = w[: -len(suffix)] + repl
                if suffix in {"ed", "ing"} and len(w) >= 4 and re.search(r"([^aeioulsz])\1$", w):
                    w = w[:-1]  # "spanned" -> "span", "running" -> "run"; "adding" -> "add"
            break
    # After the plural, so "entities" and "entity" meet, as do "sparsity" and "sparse".
    if w.endswith("ity") and len(w) >= 6:
        w = w[:-3]
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w[:_STEM_LENGTH]


_GENERIC_STEMS = frozenset(_stem(w) for w in _GENERIC)
# Words that judge the work or tell how it was received. A publication record states
# neither, so such a word stands only where the cited papers use it themselves: a bio
# that calls a paper "groundbreaking" or "a topic of debate" has invented a fact.
_JUDGEMENT = """
groundbreaking breakthrough pioneering pioneer seminal landmark influential influence renowned
acclaimed celebrated prestigious award awarded prize famous renown debate debated controversy
controversial revolutionary revolutionize transformative remarkable outstanding exceptional
impressive foremost eminent leading visionary widely highly heavily cited praised recognized
recognised milestone game-changing trailblazing
""".split()
_JUDGEMENT_STEMS = frozenset(_stem(w) for w in _JUDGEMENT) - _GENERIC_STEMS


def _synonyms() -> dict[str, frozenset[str]]:
    """Each stem of a synonym group mapped to the stems of its whole group."""
    groups: dict[str, set[str]] = {}
    for group in _SYNONYM_GROUPS:
        stems = {_stem(w) for w in group.split()}
        for stem in stems:
            groups.setdefault(stem, set()).update(stems)
    return {stem: frozenset(group) for stem, group in groups.items()}


_SYNONYMS = _synonyms()

# Alternatives a sentence may swap for each other: either is a fact, neither a paraphrase.
_CONTRAST_GROUPS = (
    "monolingual multilingual bilingual", "sequential parallel concurrent",
    "supervised unsupervised", "encoder decoder", "dense sparse", "online offline",
    "autoregressive nonautoregressive", "generator discriminator", "teacher student",
    "synthetic real", "classification regression generation",
    # Opposites a rewrite may swap in; either is a fact about the work.
    "upper lower", "tight loose", "rare plentiful abundant scarce", "balanced unbalanced",
    "reliable unreliable", "densely sparsely", "inner outer", "shallow deep",
    "narrow broad", "weak strong", "static dynamic", "explicit implicit",
    "linear nonlinear", "symmetric asymmetric", "homogeneous heterogeneous", "direct indirect",
)


def _contrasts() -> dict[str, dict[str, str]]:
    """Each stem of a contrast group mapped to the other stems of its group, with words."""
    table: dict[str, dict[str, str]] = {}
    for group in _CONTRAST_GROUPS:
        words = {_stem(w): w for w in group.split()}
        for stem in words:
            table[stem] = {s: w for s, w in words.items() if s != stem}
    return table


_CONTRASTS = _contrasts()


# Spelled numbers and scales are checked as figures, not as words.
_NUMBER_WORDS = frozenset(_WORD_NUMBERS) | set(_SCALE) | {"percent", "times", "fold", "half",
                                                       "twice", "thrice", "quarter"}


def _is_content(word: str) -> bool:
    """A word that can carry a claim: not a stop word, a framing word, a number or a month."""
    w = word.lower()
    return (len(w) > 1 and w not in _STOP and w not in _MONTHS and w not in _NUMBER_WORDS
            and _stem(w) not in _GENERIC_STEMS)


@dataclass(frozen=True)
class _Token:
    """One word of running text, with the stem it is compared by."""

    word: str
    stem: str
    start: int
    end: int
    content: bool


@dataclass(frozen=True)
class _Polar:
    """A direction word and the content stems around it (what goes up or down)."""

    word: str
    dimension: str
    sign: int
    strong: bool
    after: frozenset[str]
    before: frozenset[str]

    @property
    def targets(self) -> frozenset[str]:
        return self.after | self.before


@dataclass(frozen=True)
class _Lexical:
    """The words of a text as the lexical and polarity checks see them."""

    stems: frozenset[str]
    # Stems a negation governs, narrowly (the first NEGATION_SCOPE words) and widely (the
    # first _POLAR_SCOPE words), and stems outside each: a check is lenient both ways.
    negated: frozenset[str]
    plain: frozenset[str]
    negated_wide: frozenset[str]
    plain_wide: frozenset[str]
    polar: tuple[_Polar, ...]
    # Every stem but stop words, framing and direction words included: what a window
    # and a sentence share when they talk about the same thing.
    words: frozenset[str]
    negations: int
    # The content words as written (lower case), for matching words by meaning.
    surface: frozenset[str] = frozenset()
    # A paper's window: the abstract sentences it holds, shown as the evidence.
    text: str = ""


def _tokens(text: str) -> list[_Token]:
    """Words of running text, split at hyphens, each with its stem and position."""
    out: list[_Token] = []
    for match in _LEX.finditer(text):
        parts = match.group(0).split("-")
        pos = match.start()
        for part in parts:
            out.append(_Token(part, _stem(part), pos, pos + len(part), _is_content(part)))
            pos += len(part) + 1
    return out


def _extra_stems(text: str) -> set[str]:
    """Other spellings of compounds: "pre-training" as "pretraining", and the reverse."""
    extra: set[str] = set()
    for match in _LEX.finditer(text):
        word = match.group(0).lower()
        if "-" in word:
            extra.add(_stem(word.replace("-", "")))
            continue
        for prefix in _PREFIXES:
            rest = word[len(prefix):]
            if word.startswith(prefix) and len(rest) >= 4:
                extra.update({prefix, _stem(rest)})
    return extra


def _lexical(text: str, alternatives: bool = False, evidence: str = "") -> _Lexical:
    """Content stems, which of them sit under a negation, and the direction words.

    A paper's windows also get the other spellings of compounds (alternatives); a
    sentence does not, or each spelling would become a word it has to support.
    """
    tokens = _tokens(text)
    negated_at = _negated_positions(text, tokens, _POLAR_SCOPE)
    heads = _negated_positions(text, tokens, NEGATION_SCOPE, skip_adverbs=True)
    stems: set[str] = set()
    negated: set[str] = set()
    plain: set[str] = set()
    negated_wide: set[str] = set()
    plain_wide: set[str] = set()
    polar: list[_Polar] = []
    for i, tok in enumerate(tokens):
        kind = _POLARITY.get(tok.word.lower())
        if kind:
            sign = -kind[1] if i in negated_at else kind[1]
            polar.append(_Polar(tok.word, kind[0], sign, kind[2], _targets(text, tokens, i, 1),
                                _targets(text, tokens, i, -1)))
            continue
        word = tok.word.lower()
        if word in _NEGATORS or word in _STOP or len(word) < 3:
            continue
        if word.startswith("non") and len(word) >= 7:  # "nonverbal" negates "verbal"
            negated.add(_stem(word[3:]))
            negated_wide.add(_stem(word[3:]))
        # Framing words count here: "code is not available" negates "available".
        (negated if i in heads else plain).add(tok.stem)
        (negated_wide if i in negated_at else plain_wide).add(tok.stem)
        if tok.content:
            stems.add(tok.stem)
    if alternatives:
        stems |= _extra_stems(text)
        stems |= {s for stem in stems for s in _SYNONYMS.get(stem, ())}
    words = {t.stem for t in tokens if t.word.lower() not in _STOP or t.word.lower() in _POLARITY}
    surface = {t.word.lower() for t in tokens if t.content} if alternatives else set()
    return _Lexical(frozenset(stems), frozenset(negated), frozenset(plain),
                    frozenset(negated_wide), frozenset(plain_wide), tuple(polar),
                    frozenset(words), len(_negators(tokens)), frozenset(surface),
                    evidence)


def _negators(tokens: Sequence[_Token]) -> list[int]:
    """Indexes of the words that negate what follows ("not", "without", "fails to")."""
    found = []
    for i, tok in enumerate(tokens):
        word = tok.word.lower()
        is_negator = word in _NEGATORS or word.endswith("n't") or (
            word in {"fail", "fails", "failed"} and _next_word(tokens, i) == "to")
        if is_negator and _next_word(tokens, i) not in _NOT_NEGATIONS:
            found.append(i)
    return found


def _negated_positions(text: str, tokens: Sequence[_Token], scope: int,
                       skip_adverbs: bool = False) -> set[int]:
    """Indexes of the words a negation governs: the first `scope` words after it that are
    not stop words (nor, with skip_adverbs, "-ly" adverbs), up to the next punctuation."""
    negated: set[int] = set()
    for i in _negators(tokens):
        taken = 0
        for j in range(i + 1, len(tokens)):
            if re.search(r"[,.;:()]", text[tokens[j - 1].end:tokens[j].start]) or \
                    tokens[j].word.lower() in _SCOPE_END:
                break
            word = tokens[j].word.lower()
            if skip_adverbs and word.endswith("ly") and word not in _POLARITY:
                continue
            if word not in _STOP or word in _POLARITY:
                negated.add(j)
                taken += 1
                if taken >= scope:
                    break
    return negated


def _next_word(tokens: Sequence[_Token], i: int) -> str:
    return tokens[i + 1].word.lower() if i + 1 < len(tokens) else ""


def _targets(text: str, tokens: Sequence[_Token], i: int, step: int) -> frozenset[str]:
    """Words after (step 1) or before (step -1) a direction word: what goes up or down."""
    found: set[str] = set()
    j, limit = i + step, 3 if step > 0 else 2
    while 0 <= j < len(tokens) and len(found) < limit:
        a, b = sorted((j, j - step))
        word = tokens[j].word.lower()
        if re.search(r"[,.;:()]", text[tokens[a].end:tokens[b].start]) or word in _SCOPE_END:
            break
        if word not in _STOP or word in _POLARITY:
            found.add(tokens[j].stem)
        j += step
    return frozenset(found)


# --- the paper index -------------------------------------------------------------------

_URL = re.compile(r"((?:https?://|www\.)[^\s\"]+[^\s\".,;:)]|\b[a-z0-9-]+\.(?:com|org|io|ms|"
                  r"net|ai|co)/[^\s\"]*[^\s\".,;:)])", re.I)
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
_ENTITY_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9'+]|[.\-/:](?=[A-Za-z0-9]))*")
_ACRONYM_SKIP = frozenset("of the and for to in on via with a an by".split())
# Two-letter initials match some word pair in any abstract; only longer ones are telling.
_ACRONYM_MIN = 3
_NGRAM = 4
# A topic's label is its first keywords (agent/analyze.py).
_LABEL_KEYWORDS = 3


@dataclass(frozen=True)
class _PaperIndex:
    """Everything the checks ask of one paper, computed once."""

    paper: Paper
    forms: frozenset[str]
    tokens: frozenset[str]  # the forms of single tokens: what _probe_index files it under
    acronyms: frozenset[str]
    numbers: frozenset[tuple[float, str]]
    years: frozenset[int]
    quote_text: str
    windows: tuple[_Lexical, ...]
    stems: frozenset[str]
    meta: frozenset[str]
    authors: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.paper.key


def _index_paper(paper: Paper) -> _PaperIndex:
    """Forms, acronyms, figures, years and lexical windows of one paper."""
    title = _clean(paper.title)
    sentences = _statements(_clean(paper.abstract))
    abstract = " ".join(sentences)
    record = " ".join([title, abstract, *paper.authors, *paper.affiliations,
                       paper.category or ""])
    years = {int(y) for y in _YEAR.findall(f"{title} {abstract}")}
    if paper.year:
        years.add(paper.year)
    meta = {_stem(w) for name in [*paper.authors, *paper.affiliations, paper.category or ""]
            for w in re.findall(r"[A-Za-z]+", name)}
    chunks = [" ".join(sentences[i:i + WINDOW_SENTENCES])
              for i in range(max(1, len(sentences) - WINDOW_SENTENCES + 1))] or [""]
    windows = tuple(_lexical(f"{title}. {chunk}", alternatives=True, evidence=chunk or title)
                    for chunk in chunks)
    return _PaperIndex(
        paper=paper,
        forms=frozenset(_forms(record)),
        tokens=frozenset(_norm(t) for t in _ENTITY_TOKEN.findall(record)),
        acronyms=frozenset(a for text in [title, *sentences] for a in _acronyms(text)),
        numbers=frozenset((n.value, n.unit) for n in _numbers(f"{title} {abstract}"))
        | {(round(n.value * 100, 6), "%") for n in _numbers(f"{title} {abstract}")
           if n.unit == "ratio"},
        years=frozenset(years),
        quote_text=_spaced(f"{title} {abstract} {' '.join(paper.authors)}"),
        windows=windows,
        stems=frozenset(s for w in windows for s in w.stems) | meta,
        meta=frozenset(meta),
        authors=tuple(paper.authors),
    )


def _statements(abstract: str) -> list[str]:
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
    return not (_INSTRUCTION.search(sentence) or _ADDRESSED.search(sentence)
                or _HONOUR.search(sentence))


def _forms(text: str) -> set[str]:
    """Normalised tokens, their parts and short runs of them, singular and plural."""
    tokens = [t.removesuffix("'s") for t in _ENTITY_TOKEN.findall(text)]
    normed = [_norm(t) for t in tokens]
    forms = set(normed)
    for i, token in enumerate(tokens):
        forms.update(_norm(p) for p in re.split(r"[-./:'+]", token))
        forms.update(_norm(p) for p in token.split("/"))  # a URL's path names: XLM-Align
        forms.update("".join(normed[i:i + n]) for n in range(2, _NGRAM + 1))
    forms |= {f[:-1] for f in forms if f.endswith("s") and len(f) > 3}
    forms.discard("")
    return forms


def _acronyms(text: str) -> set[str]:
    """Initials of runs of content words ("of" allowed inside): "mixture of experts" -> moe.

    Runs that cross other stop words are left out: "encoder and fine-tunes" is no "EFT".
    """
    found: set[str] = set()
    for phrase in re.split(r"[^A-Za-z\s-]+", text):
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", phrase)]
        run: list[str] = []
        for word in [*words, ""]:
            if word and (word == "of" and run or word not in _STOP):
                run.append(word)
                continue
            found |= _initials(run[:-1] if run and run[-1] == "of" else run)
            run = []
    return {a for a in found if len(a) >= _ACRONYM_MIN}


def _initials(run: Sequence[str]) -> set[str]:
    """Initials of every sub-run of two to eight words, with and without "of"."""
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


# --- what a sentence claims ------------------------------------------------------------

_ROLE_PHRASES = (
    (re.compile(r"\b(?:sole|single|solo)[- ]author(?:ed|s|ship)?\b|\bsingle-handedly\b",
                re.I), "sole"),
    (re.compile(r"\b(?:senior|last)[- ]author(?:ed|s|ship)?\b", re.I), "last"),
    (re.compile(r"\b(?:first|lead|leading)[- ]author(?:ed|s|ship)?\b"
                r"|\bled\b(?!\s+(?:to|by)\b)|\bleads\b(?!\s+to\b)|\bspearhead(?:ed|s)?\b"
                r"|\bheaded\b", re.I), "first"),
)
_ROLE_POSITIONS = {
    "first": {OwnerPosition.FIRST, OwnerPosition.SOLE},
    "last": {OwnerPosition.LAST, OwnerPosition.SOLE},
    "sole": {OwnerPosition.SOLE},
}
# A name introduced by "with" or "alongside", also as the second of "with X and Y".
_WITH_BEFORE = re.compile(r"\b(?:[Ww]ith|[Aa]longside)\s+(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
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
                 r"(?P<org>[A-Z][\w&.\-]*(?:\s+(?:of\s+)?[A-Z][\w&.\-]*)*|[a-z]+(?:-[a-z]+)+)")
_INSTITUTION = re.compile(r"\b(?:university|institute|research|lab|labs|laboratory|college|"
                          r"school|academy|inc|corporation|google|meta|microsoft|amazon|"
                          r"deepmind|openai|nvidia|alibaba|tencent|baidu|ibm|apple)\b", re.I)
_Y = r"(?:19|20)\d\d"
_SPAN = re.compile(
    rf"\bbetween\s+(?P<a>{_Y})\s+and\s+(?P<b>{_Y})\b"
    rf"|(?<![\d-])(?:\bfrom\s+)?(?P<c>{_Y})\s*(?:\s(?:to|until|through)\s|-)\s*(?P<d>{_Y})\b"
    rf"|\bsince\s+(?P<e>{_Y})\b|\b(?:until|through)\s+(?P<f>{_Y})\b", re.I)
# "July 2020", "Jul 15, 2020": a month claim needs a paper dated to the month.
_DATE = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b")
_YEAR_FILTER = re.compile(r"\b(?:in|during|dated)\s+((?:19|20)\d\d)\b", re.I)
# "The record holds no papers on glacier melt": an absence, true when no paper supports it.
_ABSENCE = re.compile(r"\b(?:holds|has|contains|includes)\s+no\s+(?:papers?|work)\s+"
                      r"(?:on|about)\s+(?P<topic>[^;.]+)", re.I)
_COUNT_NOUN = r"(?:papers|publications|preprints|articles|works)"
_COUNT_AFTER = re.compile(
    rf"\s+(?:[\w-]+\s+){{0,3}}?{_COUNT_NOUN}\b"
    rf"|\s+of\s+(?:them|these|those|which|(?:the|his|her|their|its|all)\s+"
    rf"(?:[\w-]+\s+)?{_COUNT_NOUN})\b", re.I)
# "11 of the 36 papers": the 36 is the whole, not a count with the 11's filters.
_DENOMINATOR_BEFORE = re.compile(
    r"(?:(?:\d+|\b(?:" + "|".join(_WORD_NUMBERS) + r"))\s+(?:out\s+)?of|\bout\s+of)\s+"
    r"(?:the\s+|all\s+|his\s+|her\s+|their\s+)?$", re.I)
# "three new signals: A, B, and C": a number, a few words, a colon and a list to the end.
_LIST_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,4}?[\w-]+\s*:\s*(?P<items>[^:;]+)$")
_LIST_ITEM = re.compile(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
# "11 of them", "three of which": a count that is part of the count before it.
_PART_AFTER = re.compile(r"\s+of\s+(?:them|these|those|which)\b(?!\s+\d)", re.I)
# "Of the 13 papers of 2019-2021, 8 ...": a whole, stated first, that the next count divides.
_WHOLE_BEFORE = re.compile(r"(?:^|[;:]\s*|,\s*(?:and\s+)?)(?:out\s+)?of\s+(?:the\s+|these\s+|"
                           r"those\s+|all\s+|his\s+|her\s+|their\s+|its\s+)?$", re.I)
# What separates the stretches of a clause that groups papers ("A (X) and B (Y)" too), and
# what may stand between a stretch's edge and the name that labels it.
_STRETCH_BREAK = re.compile(r"[,;:]|(?<=\))\s+(?=(?:and|or)\s)")
_LABEL_BEFORE = re.compile(r"[\s,;:]*(?:(?:and|or|then|while|whereas)\s+)?(?:the\s+)?", re.I)
_LABEL_AFTER = re.compile(r"\s*\)[\s.,;:]*")
# Where a whole's own stretch ends, before its part.
_PART_STOP = re.compile(r"[,;:]|\s-+\s")
# A span that qualifies the owner's work: "the first-author work of 2019-2021", "papers from
# 2020 to 2022", "the 2019-2021 papers".
_WORK_NOUN = r"(?:work|papers?|publications?|preprints?|articles?|output)"
_WORK_BEFORE = re.compile(rf"\b{_WORK_NOUN}\s+(?:(?:of|in|during)\s+)?$", re.I)
_WORK_AFTER = re.compile(rf"\s*(?:[\w-]+\s+)?{_WORK_NOUN}\b", re.I)
# A count of "this line of work" or "this phase" is the size of a group, not of the record.
_GROUP_NAMED = re.compile(r"\b(?:this|that|the|each)\s+(?:line of work|lines of work|topic|"
                          r"theme|strand|phase|period)\b", re.I)
# "These 3 papers", "the following two papers": a count of the papers cited.
_CITED_NAMED = re.compile(r"\b(?:these|those|the following|the cited)\s+$", re.I)
# Profile statistics a bio may state: "an h-index of 41", "8,769 citations".
_H_INDEX = re.compile(r"\bh-?index\b", re.I)
_H_INDEX_BEFORE = re.compile(r"\bh-?index\s+(?:of\s+|is\s+)?$", re.I)
_CITATIONS_AFTER = re.compile(r"\s+citations\b", re.I)
_SEGMENT_BREAK = re.compile(r"[,;:()]|\s-+\s|\b(?:while|although|though|whereas|but)\b", re.I)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas)\b|\s(?:while|whereas|but)\s")
_PHRASE_AND = re.compile(r"\s(?:and|or)\s")
_COORDINATION = re.compile(r"^\s*(?:,|/|,?\s*(?:and|or|as well as)|\)\s*(?:,|and)?|,\s*\()"
                           r"\s*(?:\(\s*)?$")


@dataclass(frozen=True)
class _Anchor:
    """A checkable token of the sentence: a figure, year, name or quoted string."""

    kind: str  # "number", "year", "entity", "quote", "date"
    text: str
    start: int
    end: int
    # number: (value, unit); year: int; date: (year, month, day or None); quote: its
    # spaced form; entity: ((word, "name" or "title"), ...).
    value: Any


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

    def states_fact(self, vocabulary: frozenset[str]) -> bool:
        """A number, year, name, quote, count, role or topical words: more than framing."""
        return bool(self.anchors or self.counts or self.spans or self.roles
                    or len(self.content & vocabulary) >= FACT_MIN_WORDS)


@dataclass(frozen=True)
class _Support:
    """The support tier's finding: how much of a sentence's meaning the evidence carries.

    covered: content stems the cited papers state (in the aligned windows, the titles, the
    author lists); soft: stems they state in other words, with the nearest word and its
    similarity; missing: the rest. score: the share of the sentence's content the first
    two carry, each word weighted by how telling it is in the profile (IDF), so a missing
    "proper" costs less than a missing "actomyosin".
    """

    score: float
    covered: frozenset[str]
    soft: dict[str, tuple[float, str]]
    missing: tuple[str, ...]
    windows: tuple[tuple[str, _Lexical], ...]
    # Every stem the aligned evidence offers, the sentence's or not.
    offered: frozenset[str] = frozenset()
    # Words whose nearest evidence word is their opposite ("labeled" for "unlabeled").
    opposed: dict[str, str] = field(default_factory=dict)

    def found(self) -> set[str]:
        return set(self.covered) | set(self.soft)


# --- the verifier ----------------------------------------------------------------------


class Checker(Protocol):
    """What checks a sentence: the Verifier, or a wrapper over it (memo.RememberingVerifier,
    judge.JudgingVerifier)."""

    def check(self, sentence: str, keys: Sequence[str]) -> Check: ...



class Verifier:
    """Checks sentences against a profile's papers and its FactSheet; no model involved."""

    def __init__(self, profile: Profile, facts: FactSheet) -> None:
        self._profile = profile
        self._facts = facts
        self._owner = profile.name
        self._owner_words = frozenset(normalize_name(profile.name).split())
        self._index = {p.key: _index_paper(p) for p in sorted(profile.papers, key=lambda p: p.key)}
        self._people = self._known_people()
        self._slugs = sorted({a for p in profile.papers for a in p.affiliations})
        self._categories = {p.category for p in profile.papers if p.category}
        self._idf = self._inverse_document_frequency()
        self._unseen = math.log(len(self._index) + 1) + 1.0
        self._vocabulary = frozenset(self._idf) - {_stem(w) for w in _GENERIC}
        self._probe = self._probe_index()

    def _probe_index(self) -> dict[str, frozenset[str]]:
        """Papers by the forms, stems, figures and years they hold.

        Finding the papers that state an anchor then tests a few candidates, not every
        paper: it keeps a check fast on a profile of a thousand papers.
        """
        probe: dict[str, set[str]] = {}
        for paper in self._index.values():
            found = set(paper.tokens) | set(paper.stems) | {f"year {y}" for y in paper.years}
            found |= {f"figure {v} {u}" for v, u in paper.numbers}
            found |= {f"figure {v}" for v, _ in paper.numbers}
            for item in found:
                probe.setdefault(item, set()).add(paper.key)
        return {item: frozenset(keys) for item, keys in probe.items()}

    def _papers_with(self, anchor: _Anchor) -> frozenset[str]:
        """Keys of every paper of the profile whose record states the anchor."""
        keys: set[str] = set()
        for item in _probes(anchor):
            keys |= self._probe.get(item, frozenset())
        if anchor.kind == "entity" and len(anchor.value) == 1:
            core = _acronym_core(anchor.value[0][0])
            if core:
                keys |= {p.key for p in self._index.values() if core in p.acronyms}
        found = frozenset(k for k in keys if self._anchor_in(anchor, self._index[k]))
        if found or anchor.kind not in {"entity", "quote", "quantity", "number"}:
            return found
        # A name the paper writes as two tokens ("Info XLM"), a URL or a title in another
        # script can escape the probes: look at every paper before calling it absent.
        return frozenset(p.key for p in self._index.values() if self._anchor_in(anchor, p))

    def _known_people(self) -> dict[str, str]:
        """Every visible author, by normalised name, so names are told from entities."""
        people: dict[str, str] = {}
        for paper in self._profile.papers:
            for author in paper.authors:
                people.setdefault(normalize_name(author), author)
        people.setdefault(normalize_name(self._owner), self._owner)
        return people

    def _inverse_document_frequency(self) -> dict[str, float]:
        """How telling a stem is within this profile, for ranking papers in attribute()."""
        n = len(self._index)
        df: dict[str, int] = {}
        for paper in self._index.values():
            for stem in paper.stems - paper.meta:
                df[stem] = df.get(stem, 0) + 1
        return {s: math.log((n + 1) / (d + 1)) + 1.0 for s, d in df.items()}

    # --- public API ---

    def check(self, sentence: str, keys: Sequence[str]) -> Check:
        """Whether the cited papers and the FactSheet support every claim in the sentence."""
        embedded = split_citations(sentence)
        if len(embedded) == 1 and embedded[0][1]:  # markers left in the text still count
            sentence, keys = embedded[0][0], [*keys, *embedded[0][1]]
        keys = list(dict.fromkeys(keys))
        cited = [k for k in keys if k in self._index]
        unknown = [k for k in keys if k not in self._index]
        reasons = [f"unknown citation [{k}]" for k in unknown]
        if honour := _HONOUR.search(_clean(sentence)):
            reasons.append(f'claims an honour, award or position ("{honour.group(0)}"), which '
                           "no publication record can support")
        sent = self._analyse(sentence)
        if not cited and (absent := _ABSENCE.search(sentence)):
            # Checked like its topic: any paper that supports it makes the sentence false.
            found = self.attribute(absent.group("topic"))
            if found:
                reasons.append(f"says the record has no papers on this, but {_cite(found)} "
                               f"support it")
            return Check(supported=not reasons, reasons=reasons, unknown_keys=unknown,
                         supporting_keys=found, kinds=kinds_of(reasons))
        if not cited and self._record_only(sent):
            # "Of the 36 papers, 11 have X as first author": the record is the evidence.
            reasons += self._record_reasons(sent, [])
            return Check(supported=not reasons, reasons=reasons, unknown_keys=unknown,
                         kinds=kinds_of(reasons))
        if not cited:
            if not sent.states_fact(self._vocabulary):
                return Check(supported=not reasons, reasons=reasons, unknown_keys=unknown,
                             kinds=kinds_of(reasons))
            best = self._attribute(sent, 3)
            hint = f" (best support: {_cite(best)})" if best else ""
            reasons.append(f"states a fact but cites no paper{hint}")
            return Check(supported=False, reasons=reasons, unknown_keys=unknown,
                         supporting_keys=best, kinds=kinds_of(reasons))
        papers = [self._index[k] for k in cited]
        support = self._support(sent, papers)
        content = self._content_reasons(sent, papers, support)
        reasons += content + self._record_reasons(sent, papers)
        supporting = self._supporting(sent, papers) if not reasons else []
        if content:
            elsewhere = [k for k in self._attribute(sent, 3) if k not in cited]
            if elsewhere:
                supporting = elsewhere
                verb = "is" if len(elsewhere) == 1 else "are"
                reasons.append(f"supported by {_cite(elsewhere)} which {verb} not cited "
                               f"(misattribution)")
        kinds = kinds_of(reasons)
        uncertain = (bool(sent.content) and set(kinds) <= _SUPPORT_KINDS
                     and abs(support.score - SUPPORT_THRESHOLD) <= UNCERTAIN_BAND)
        return Check(supported=not reasons, reasons=reasons, cited_keys=cited,
                     unknown_keys=unknown, supporting_keys=supporting, kinds=kinds,
                     support=round(support.score, 3), uncertain=uncertain,
                     evidence=self._evidence(sent, support))

    def attribute(self, sentence: str, k: int = 3) -> list[str]:
        """Papers that best support an uncited sentence, best first; [] if none does."""
        return self._attribute(self._analyse(_strip_markers(sentence)), k)

    # --- sentence analysis ---

    def _analyse(self, sentence: str) -> _Sentence:
        """Extract the sentence's figures, names, quotes, counts, spans, roles and words."""
        text = _clean(sentence)
        # A URL is checked like a quoted string: verbatim, or not at all.
        quotes = sorted([*re.finditer(r'"([^"]+)"', text), *_URL.finditer(text)],
                        key=lambda m: m.start())
        masked = text
        for m in quotes:
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
        persons = self._persons(masked)
        counts = self._counts(masked)
        spans, span_ranges = _spans(masked)
        filter_years = {int(m.group(1)) for m in _YEAR_FILTER.finditer(masked)
                        if not any(a <= m.start(1) < b for a, b in span_ranges)} if counts else set()
        anchors: list[_Anchor] = [
            _Anchor("quote", m.group(1), m.start(), m.end(), _spaced(m.group(1))) for m in quotes]
        anchors += self._figure_anchors(masked, counts, span_ranges, filter_years)
        anchors += self._entity_anchors(masked, persons)
        papers_with = {a: self._papers_with(a) for a in anchors}
        papers_with.update(self._defined(masked, anchors, papers_with))
        roles = tuple((name, m.group(0), m.start()) for pattern, name in _ROLE_PHRASES
                      for m in pattern.finditer(masked))
        # Names, roles and "h-index" are checked on their own; as words they would need
        # support from the abstracts.
        words = _mask_spans(masked, [(p.start, p.end) for p in persons]
                            + [(at, at + len(phrase)) for _, phrase, at in roles])
        words = _H_INDEX.sub(lambda m: " " * len(m.group(0)), words)
        lex = _lexical(words)
        content = lex.stems - {_stem(w) for w in self._owner_words}
        segments = tuple(content & _lexical(part).stems for part in _SEGMENT_BREAK.split(words))
        return _Sentence(
            text=masked, anchors=tuple(sorted(anchors, key=lambda a: a.start)),
            persons=tuple(persons), lexical=lex, content=content, counts=tuple(counts),
            spans=tuple(spans), filter_years=frozenset(filter_years), roles=roles,
            clauses=tuple(_clauses(masked)),
            segments=tuple(seg for seg in segments if len(seg) >= SEGMENT_MIN_WORDS),
            spelled={t.stem: t.word for t in reversed(_tokens(words)) if t.content},
            papers_with=papers_with)

    def _defined(self, text: str, anchors: Sequence[_Anchor],
                 papers_with: dict[_Anchor, frozenset[str]]) -> dict[_Anchor, frozenset[str]]:
        """A name the sentence defines, "apolipoprotein E4 (APOE4)": the papers that state
        either form state both, and an acronym whose expansion's words a paper holds
        ("nucleoside triphosphate (NTP)") is stated by it."""
        found: dict[_Anchor, frozenset[str]] = {}
        for short in anchors:
            if short.kind != "entity" or text[short.start - 1:short.start] != "(" \
                    or text[short.end:short.end + 1] != ")":
                continue
            letters = re.sub(r"[^A-Za-z]", "", short.text)
            before = text[:short.start - 1].rstrip()
            preceding = re.findall(r"[A-Za-z0-9][\w'-]*", before)
            # The fewest words before the parenthesis that the short form abbreviates.
            words = next((preceding[-k:] for k in range(1, len(letters) + 2)
                          if k <= len(preceding)
                          and _abbreviates(short.text, " ".join(preceding[-k:]))), None)
            if not words:
                continue
            long = next((a for a in anchors if a.kind == "entity"
                         and text[a.end:short.start - 1].strip() == ""), None)
            both = papers_with[short] | (papers_with[long] if long else frozenset())
            if not both:
                stems = {_stem(w) for w in words if not _is_common(w)}
                both = frozenset(p.key for p in self._index.values() if stems <= p.stems) \
                    if stems else frozenset()
            found[short] = both
            if long:
                found[long] = both
        return found

    def _persons(self, text: str) -> list[_Person]:
        """Profile authors named in the text (two or three capitalised words)."""
        words = list(re.finditer(r"[A-Z][\w'-]*", text))
        found: list[_Person] = []
        i = 0
        while i < len(words):
            for n in (3, 2):
                run = words[i:i + n]
                if len(run) < n or not _adjacent(text, run):
                    continue
                name = normalize_name(" ".join(w.group(0).removesuffix("'s") for w in run))
                if name in self._people:
                    display = self._people[name]
                    found.append(_Person(display, run[0].start(), run[-1].end(),
                                         same_person(display, self._owner)))
                    i += n - 1
                    break
            i += 1
        return found

    def _counts(self, text: str) -> list[_Count]:
        """Numbers of papers ("36 papers", "11 of them") and profile statistics."""
        found: list[_Count] = []
        candidates = [(int(n.value), n.text, n.start, n.end) for n in _numbers(text)
                      if n.unit == "" and n.value == int(n.value)]
        candidates += [(1, m.group(0), m.start(), m.end())
                       for m in re.finditer(r"\bone\b(?=\s+\w+\s+papers?\b|\s+papers?\b)",
                                            text, re.I)]
        for value, raw, start, end in candidates:
            before, after = text[:start], text[end:]
            stat = ("h_index" if _H_INDEX_BEFORE.search(before)
                    else "citations" if _CITATIONS_AFTER.match(after) else None)
            noun = _COUNT_AFTER.match(after) or re.match(r"\s+papers?\b", after, re.I)
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
                found.append(_Count(value, said, start,
                                    bool(_DENOMINATOR_BEFORE.search(before)), stat))
        return _bind_parts(text, _bind_years(text, found))

    def _figure_anchors(self, text: str, counts: Sequence[_Count],
                        span_ranges: Sequence[tuple[int, int]],
                        filter_years: set[int]) -> list[_Anchor]:
        """Figures, years and month-year dates that the cited papers must state."""
        dates = list(_DATE.finditer(text))
        taken = {c.start for c in counts} | {
            n.start for n in _numbers(text) if any(d.start() <= n.start < d.end() for d in dates)}
        taken |= _list_counts(text)  # "three new signals: A, B, and C" counts its own list
        anchors = [_Anchor("number", n.text, n.start, n.end, (n.value, n.unit))
                   for n in _numbers(text) if n.start not in taken
                   and (n.text.lower() in _SPELLED_CLAIMS or not n.text.isalpha())]
        figures_at = [(n.start, n.end) for n in _numbers(text)]
        anchors += [_Anchor("quantity", said, start, end, (figures, same))
                    for said, start, end, figures, same in _quantities(text)
                    if not any(a <= start < b for a, b in figures_at)]  # "three and a half"
        ratios = [(n.start, n.end) for n in _ratios(text)]
        for m in _YEAR.finditer(text):
            year = int(m.group(1))
            if any(a <= m.start() < b for a, b in ratios):
                continue  # "1 in 2000" is a ratio, not a year
            inside_span = any(a <= m.start() < b for a, b in span_ranges)
            if not inside_span and year not in filter_years:
                anchors.append(_Anchor("year", m.group(1), m.start(), m.end(), year))
        for m in dates:
            month = _MONTHS.get(m.group(1).lower())
            if month:
                day = int(m.group(2)) if m.group(2) else None
                anchors.append(_Anchor("date", m.group(0), m.start(), m.end(),
                                       (int(m.group(3)), month, day)))
        return anchors

    def _entity_anchors(self, text: str, persons: Sequence[_Person]) -> list[_Anchor]:
        """Names of models, datasets and methods: mixed case, capitals, or capitalised runs."""
        in_person = [(p.start, p.end) for p in persons]
        tokens = [m for m in _ENTITY_TOKEN.finditer(text)
                  if not any(a <= m.start() < b for a, b in in_person)]
        first = _first_word_start(text)
        anchors: list[_Anchor] = []
        run: list[re.Match[str]] = []
        for tok in [*tokens, None]:
            word = tok.group(0).removesuffix("'s") if tok else ""
            kind = _entity_kind(word, self._owner_words) if tok else None
            if tok and kind and (not run or _adjacent(text, [run[-1], tok])):
                run.append(tok)
                continue
            anchors += self._run_anchor(text, run, first)
            run = [tok] if tok and kind else []
        return anchors

    def _run_anchor(self, text: str, run: list[re.Match[str]], first: int) -> list[_Anchor]:
        """One anchor for a run of names or capitalised words.

        A sentence starts with a capital anyway: a lone capitalised first word is no name,
        and a common one ("The", "Most") is dropped from the front of a run.
        """
        words = [m.group(0).removesuffix("'s") for m in run]
        kinds = [_entity_kind(w, self._owner_words) for w in words]
        if run and run[0].start() == first and kinds[0] == "title":
            if len(run) == 1:
                return []
            # "Active Ly49Q", "Reducing H3K4me3": an everyday word that opens the sentence.
            if _is_common(words[0]) or similarity.rarity(words[0]) < 1.0:
                run, words, kinds = run[1:], words[1:], kinds[1:]
        if all(k == "title" and _is_common(w) for w, k in zip(words, kinds)):
            return []
        span = text[run[0].start():run[-1].end()].removesuffix("'s")
        return [_Anchor("entity", span, run[0].start(), run[-1].end(),
                        tuple(zip(words, kinds)))]

    # --- content: anchors, polarity, lexical support ---

    def _support(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> _Support:
        """Align the sentence with the cited papers' best windows; score what they carry.

        A word the windows do not use counts as said when one of their words is near it
        in meaning (WORD_SIMILARITY, agent/similarity.py).
        """
        windows = tuple((p.key, w) for p in papers for w in _best_windows(sent, p))
        offered = frozenset(self._covered(sent, papers, [w for _, w in windows]))
        covered = offered & sent.content
        missing = sorted(sent.content - covered)
        soft: dict[str, tuple[float, str]] = {}
        opposed: dict[str, str] = {}
        if missing:
            pool = sorted(set().union(*(w.surface for _, w in windows)))
            spelled = [_spelled(sent, m).lower() for m in missing]
            for stem, word, (sim, near) in zip(missing, spelled,
                                               similarity.best_matches(spelled, pool)):
                if sim >= WORD_SIMILARITY and _opposite(word, near):
                    opposed[stem] = near
                elif sim >= WORD_SIMILARITY:
                    soft[stem] = (sim, near)
        total = sum(self._weight(w, sent) for w in sent.content)
        found = sum(self._weight(w, sent) for w in [*covered, *soft])
        return _Support(score=found / total if total else 1.0, covered=frozenset(covered),
                        soft=soft, missing=tuple(m for m in missing if m not in soft),
                        windows=windows, offered=offered, opposed=opposed)

    def _weight(self, stem: str, sent: _Sentence) -> float:
        """How telling a word is: its IDF in the profile (a word no paper uses, the most),
        less for a word common in English (similarity.rarity)."""
        return self._idf.get(stem, self._unseen) * similarity.rarity(sent.spelled.get(stem, stem))

    def _evidence(self, sent: _Sentence, support: _Support) -> list[Evidence]:
        """Per clause, the window of the cited papers that carries most of its meaning."""
        found = support.found()
        evidence: list[Evidence] = []
        for start, end in sent.clauses or ((0, len(sent.text)),):
            words = _lexical(sent.text[start:end]).stems & sent.content
            if not words or not support.windows:
                continue
            total = sum(self._weight(w, sent) for w in words)

            def share(window: _Lexical, words: frozenset[str] = words,
                      total: float = total) -> float:
                said = {w for w in words & found if w in window.stems
                        or support.soft.get(w, (0, ""))[1] in window.surface}
                return sum(self._weight(w, sent) for w in said) / total

            key, window = max(support.windows, key=lambda kw: share(kw[1]))
            evidence.append(Evidence(key=key, field="abstract", text=window.text,
                                     clause=sent.text[start:end].strip(),
                                     score=round(share(window), 3)))
        return evidence

    def _content_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex],
                         support: _Support) -> list[str]:
        """Reasons the papers do not state what the sentence says about their content."""
        keys = {p.key for p in papers}
        anchored = {a: set(sent.papers_with[a] & keys) or self._labelled(a, keys)
                    for a in sent.anchors}
        reasons = [_missing(a, sent.papers_with[a] - keys) for a in sent.anchors
                   if not anchored[a]]
        reasons += _binding_reasons(sent, anchored) or self._named_reasons(sent, papers)
        windows = [w for _, w in support.windows]
        reasons += _polarity_reasons(sent, windows, [w for p in papers for w in p.windows])
        reasons += _negation_reasons(sent, windows)
        reasons += _scope_reasons(sent, papers)
        reasons += self._lexical_reasons(sent, papers, support)
        return reasons

    def _anchor_in(self, anchor: _Anchor, paper: _PaperIndex) -> bool:
        """Whether one paper's record states the anchor."""
        if anchor.kind == "quote":
            return str(anchor.value) in paper.quote_text
        if anchor.kind == "number":
            value, unit = anchor.value
            if unit == "ratio" and (round(value * 100, 6), "%") in paper.numbers:
                return True
            # A figure rounded to the sentence's precision is the paper's figure: "32K" for
            # 32,441, "45%" for 45.3%; a figure outside half a unit of it is not.
            half = _precision(anchor.text) / 2 + 1e-9
            return (value, unit) in paper.numbers or any(
                (u == unit or not unit) and abs(v - value) <= half for v, u in paper.numbers)
        if anchor.kind == "quantity":
            figures, same = anchor.value
            return bool(figures & paper.numbers) or bool(
                same and re.search(same, paper.quote_text, re.I))
        if anchor.kind == "year":
            return anchor.value in paper.years
        if anchor.kind == "date":
            return _date_matches(paper.paper, *anchor.value) or _date_stated(anchor, paper)
        return _entity_in(anchor.value, paper)

    def _covered(self, sent: _Sentence, papers: Sequence[_PaperIndex],
                 windows: Sequence[_Lexical]) -> set[str]:
        """The sentence's words the papers offer: windows, titles, author lists, names."""
        covered = set().union(*(w.stems for w in windows), *(p.meta for p in papers))
        covered |= {_stem(w) for p in papers for w in re.findall(r"[A-Za-z]+", p.paper.title)}
        # A name found in the papers (an expansion of "CMU", say) supports its own words,
        # and a topic's label words are facts about the topics the cited papers are in.
        keys = {p.key for p in papers}
        covered |= {s for t in self._facts.topics if keys & set(t.paper_keys)
                    for s in _label_stems(t) if _label_stems(t) <= sent.content}
        covered |= {t.stem for a in sent.anchors if a.kind == "entity"
                    and sent.papers_with[a] & keys for t in _tokens(a.text)}
        return covered

    def _labelled(self, anchor: _Anchor, keys: set[str]) -> set[str]:
        """A name that is a keyword of a topic the cited papers are in ("DoF arm"): a fact
        of the analysis about those papers, like the topic's other label words."""
        if anchor.kind != "entity":
            return set()
        name = _norm(anchor.text)
        return {k for t in self._facts.topics if keys & set(t.paper_keys)
                and any(name in {_norm(kw), *(_norm(w) for w in kw.split())}
                        for kw in t.keywords[:_LABEL_KEYWORDS]) for k in keys & set(t.paper_keys)}

    def _named_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """A clause's words must come from the papers that state its names.

        "SpotOT enforces cyclic symmetry ..." citing the SpotOT and the SymDiff papers: the
        name is one paper's, what is said of it the other's (two papers' facts merged).
        """
        if len(papers) < 2:
            return []
        reasons = []
        keys = {p.key for p in papers}
        stretches = _stretches(sent, {a: set(sent.papers_with[a] & keys) for a in sent.anchors})
        # A sentence that groups papers ("InfoXLM (2020) casts ..., XLM-E (2021) brings ...")
        # says of each name only what the stretch that holds it says.
        units = [(a, b) for a, b, _, named in stretches if named] if _grouped(stretches) \
            else sent.clauses
        for start, end in units:
            names = [a for a in sent.anchors if a.kind == "entity" and start <= a.start < end]
            owners = {k for a in names for k in sent.papers_with[a]}
            stating = [p for p in papers if p.key in owners]
            if not names or not stating or len(stating) == len(papers):
                continue
            words = _lexical(sent.text[start:end]).stems & sent.content
            if len(words) < SEGMENT_MIN_WORDS:
                continue
            windows = [w for p in stating for w in _best_windows(sent, p)]
            lacking = words - self._covered(sent, stating, windows)
            if not _enough(len(words), len(lacking)):
                said = ", ".join(f'"{a.text}"' for a in names)
                reasons.append(f"{said} {'is' if len(names) == 1 else 'are'} named in "
                               f"{_cite(p.key for p in stating)}, but what the sentence says of "
                               f"{'it' if len(names) == 1 else 'them'} is not what the papers "
                               f"that state them say (facts merged from different papers)")
        return reasons

    def _lexical_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex],
                         support: _Support) -> list[str]:
        """Too little of the sentence's meaning in the aligned windows of the cited papers."""
        if not sent.content:
            return []
        # Judgements and contrasts are words the papers must use themselves: "seminal" is
        # near "important" in meaning, but no paper calls itself seminal.
        exact_missing = sorted(sent.content - support.covered)
        judged = ", ".join(f'"{_spelled(sent, m)}"' for m in exact_missing
                           if m in _JUDGEMENT_STEMS)
        reasons = [f"judges the work ({judged}), which the cited papers do not say"] \
            if judged else []
        return reasons + self._coverage_reasons(sent, papers, support, exact_missing)

    def _coverage_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex],
                          support: _Support, exact_missing: list[str]) -> list[str]:
        """Too little of the sentence's meaning, or of one clause's, in the papers."""
        swapped = [f'"{_spelled(sent, m)}" where the cited papers say "{w}"'
                   for m in exact_missing
                   if m in _CONTRASTS and not any(m in p.stems for p in papers)
                   for s, w in _CONTRASTS[m].items() if s in support.offered]
        swapped += [f'"{_spelled(sent, m)}" where the cited papers say "{w}"'
                    for m, w in support.opposed.items()]
        if swapped:
            return swapped
        missing = list(support.missing)
        # A technical word (uncommon in English) that no cited paper uses, said in no
        # other words either: a technique or term the sentence attaches on its own.
        terms = [sent.spelled.get(m, m) for m in missing
                 if not any(m in p.stems for p in papers)
                 and similarity.rarity(sent.spelled.get(m, m)) >= 1.0]
        if terms and TERMS_MUST_APPEAR:
            return [f"names {', '.join(repr(t) for t in terms)}, which the cited papers do not"
                    f" (a technique or term of its own)"]
        one_miss = len(missing) == 1 and len(sent.content) >= ONE_MISS_MIN_WORDS
        if support.score < SUPPORT_THRESHOLD and not one_miss:
            words = ", ".join(_spelled(sent, m) for m in missing[:6])
            return [f"only {support.score:.0%} of the sentence's meaning is in the cited papers "
                    f"(missing: {words})"]
        covered = support.found()
        for segment in sent.segments:
            lacking = sorted(segment - covered)
            if len(segment) - len(lacking) < SEGMENT_THRESHOLD * len(segment):
                words = ", ".join(_spelled(sent, m) for m in lacking)
                return [f"a clause is not in the cited papers (missing: {words})"]
        return []

    def _supporting(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """Cited papers that contribute something to a supported sentence."""
        useful = [p.key for p in papers
                  if any(sent.content & w.stems for w in _best_windows(sent, p))
                  or any(p.key in sent.papers_with[a] for a in sent.anchors)]
        return useful or [p.key for p in papers]

    # --- record: roles, collaborators, affiliations, counts, spans ---

    def _record_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """Reasons the author lists and the FactSheet contradict the sentence."""
        return [*self._role_reasons(sent, papers), *self._people_reasons(sent, papers),
                *self._affiliation_reasons(sent, papers), *self._count_reasons(sent, papers),
                *self._span_reasons(sent, papers)]

    def _record_only(self, sent: _Sentence) -> bool:
        """Whether the sentence claims nothing but counts of the record, with their years,
        span and role: no figure, name or quote of a paper, no co-author, no topic, and no
        role outside a clause with a count (a count checks its role; "she led most" does not)."""
        counted = [_clause_at(sent, c.start) for c in sent.counts]
        return (bool(sent.counts) and not sent.anchors
                and all(p.is_owner for p in sent.persons)
                and all(_clause_at(sent, at) in counted for _, _, at in sent.roles)
                and len(sent.content & self._vocabulary) < FACT_MIN_WORDS)

    def _about(self, sent: _Sentence, papers: Sequence[_PaperIndex], position: int,
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

    def _role_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """"first-authored", "led", "senior author" must hold for every paper they are about."""
        reasons: list[str] = []
        for role, phrase, position in sent.roles:
            subject = self._subject(sent, position)
            # "11 first-author papers [a; b]" is checked by its count; the role binds only
            # the papers the clause names ("..., including InfoXLM").
            start, end = _clause_at(sent, position)
            counted = any(start <= c.start < end for c in sent.counts)
            for paper in self._about(sent, papers, position, named_only=counted):
                where = self._position(paper, subject)
                if where not in _ROLE_POSITIONS[role]:
                    reasons.append(f'"{phrase}" but {_describe_position(subject, where, paper)}')
        return reasons

    def _subject(self, sent: _Sentence, position: int) -> str:
        """The person a role phrase is about: the nearest name before it, else the owner."""
        before = [p for p in sent.persons if p.end <= position
                  and not _WITH_BEFORE.search(sent.text[:p.start])]
        return before[-1].name if before else self._owner

    def _position(self, paper: _PaperIndex, person: str) -> OwnerPosition:
        """Where a person stands in a paper's visible author list."""
        if same_person(person, self._owner):
            return paper.paper.owner_position
        return owner_position(paper.authors, paper.paper.authors_truncated, person)

    def _people_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """Co-authors must be visible authors of the cited papers; "most frequent" must hold."""
        reasons: list[str] = []
        for person in sent.persons:
            if person.is_owner:
                continue
            on = [p for p in papers if any(same_person(a, person.name) for a in p.authors)]
            if _WITH_BEFORE.search(sent.text[:person.start]):
                about = self._about(sent, papers, person.start)
                lacking = [p.key for p in about if p.key not in {q.key for q in on}]
                if lacking:
                    reasons.append(f'"with {person.name}" but {person.name} is not a visible '
                                   f"author of {_cite(lacking)}")
            elif not on and not any(_entity_in(((person.name, "title"),), p) for p in papers):
                reasons.append(f"{person.name} is not an author of the cited papers")
        reasons += self._most_frequent_reasons(sent)
        return reasons

    def _most_frequent_reasons(self, sent: _Sentence) -> list[str]:
        """"the most frequent co-author is X" must name a co-author with the top count."""
        if not _MOST_FREQUENT.search(sent.text) or not self._facts.top_collaborators:
            return []
        top = self._facts.top_collaborators[0].papers
        named = [p for p in sent.persons if not p.is_owner]
        if _NOT_MOST_FREQUENT.search(sent.text):
            return [f"negates that {p.name} is the most frequent co-author, on {top} papers"
                    for p in named if self._collaborator_count(p.name) == top]
        wrong = [p.name for p in named if self._collaborator_count(p.name) != top]
        return [f'"most frequent co-author" but {n} shares {self._collaborator_count(n)} '
                f"papers and the most is {top}" for n in wrong]

    def _collaborator_count(self, name: str) -> int:
        return sum(1 for p in self._index.values() if any(same_person(a, name) for a in p.authors))

    def _affiliation_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """"at <institution>" needs that affiliation on every paper the claim is about."""
        reasons: list[str] = []
        for m in _AT.finditer(sent.text):
            org = m.group("org")
            known = [s for s in self._slugs if _slug_matches(org, s)]
            if not known and not _INSTITUTION.search(org):
                continue  # "at scale", "at 6:8 sparsity": not a place
            for paper in self._about(sent, papers, m.start()):
                if not any(_slug_matches(org, s) for s in paper.paper.affiliations):
                    reasons.append(f'"at {org}" but [{paper.key}] lists '
                                   f"{', '.join(paper.paper.affiliations) or 'no affiliation'}")
        return reasons

    def _count_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """A count must equal the count its context names (year, role, person, topic, code)."""
        reasons: list[str] = []
        for count in sent.counts:
            if count.stat:
                actual = getattr(self._profile, count.stat)
                if actual != count.value:
                    label = count.stat.replace("_", "-")
                    reasons.append(f'{label} "{count.text}" but the record says {actual}')
                continue
            options = self._count_options(sent, papers, count)
            if count.value not in {n for n, _ in options}:
                by_value = {n: what for n, what in reversed(options)}  # first wording wins
                said = " or ".join(f"{n} {what}" for n, what in by_value.items())
                reasons.append(f'count "{count.text}" does not match the record: {said}')
        return reasons

    def _count_options(self, sent: _Sentence, papers: Sequence[_PaperIndex],
                       count: _Count) -> list[tuple[int, str]]:
        """The counts the sentence's context can mean, each with a description."""
        keep, what = self._filtered(sent, count)
        # "This line of work has 14 papers": a topic or phase the cited papers belong to,
        # when the sentence names one (or a topic's keywords); else the record's count.
        cited = {p.key for p in papers}
        named = bool(_GROUP_NAMED.search(sent.text))
        groups = [(f'on "{t.label}"', set(t.paper_keys)) for t in self._facts.topics
                  if (named and cited <= set(t.paper_keys)) or (cited & set(t.paper_keys) and any(
                      {_stem(w) for w in kw.split()} <= sent.lexical.stems
                      for kw in t.keywords))]
        groups += [(f"in the phase {ph.start_year}-{ph.end_year}", set(ph.paper_keys))
                   for ph in self._facts.phases if named and cited <= set(ph.paper_keys)]
        if _CITED_NAMED.search(sent.text[:count.start]):
            groups.append(("among those cited", cited))  # "the following 3 papers"
        options = [(sum(1 for p in keep if p.key in keys), " ".join([*what, label]))
                   for label, keys in groups]
        if not (options and _GROUP_NAMED.search(sent.text)):
            # "This line of work has 3 papers" counts the line, never the whole record.
            options.insert(0, (len(keep), " ".join(what)))
        return list(dict.fromkeys(options))

    def _filtered(self, sent: _Sentence, count: _Count) -> tuple[list[_PaperIndex], list[str]]:
        """The papers the words around a count name (role, person, code, year...), in words.

        A denominator ("of the 36 papers") keeps only the year filters; a whole that a later
        count is part of, only the qualifiers before the part (_bind_parts).
        """
        end = len(sent.text) if count.scope_end is None else count.scope_end
        text = sent.text[:end]
        keep = list(self._index.values())
        what = ["papers"]
        if not count.denominator:
            roles = {r for r, _, at in sent.roles if at < end}
            for role in roles:
                keep = [p for p in keep if p.paper.owner_position in _ROLE_POSITIONS[role]]
                what.append(f"with {self._owner} as {role} author")
            for person in (p for p in sent.persons if not p.is_owner and p.start < end):
                keep = [p for p in keep if any(same_person(a, person.name) for a in p.authors)]
                what.append(f"with {person.name}")
            if re.search(r"\bcode\b", text, re.I):
                keep = [p for p in keep if p.paper.has_code]
                what.append("with code")
            for category in self._categories:
                if re.search(rf"\b(?:cs\.)?{re.escape(category)}\b", text):
                    keep = [p for p in keep if p.paper.category == category]
                    what.append(f"in {category}")
            for slug in self._slugs:
                if _slug_in(text, slug):
                    keep = [p for p in keep if slug in p.paper.affiliations]
                    what.append(f"with {slug}")
        for year in sent.filter_years if count.years is None else count.years:
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

    def _span_reasons(self, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
        """"from Y1 to Y2" must be the first and last year of the cited papers or of a
        topic, phase or the whole record that they belong to."""
        if not sent.spans:
            return []
        cited = {p.key for p in papers}
        years = [p.paper.year for p in papers if p.paper.year is not None]
        ranges = {(min(years), max(years))} if years else set()
        if self._facts.first_year is not None and self._facts.last_year is not None:
            ranges.add((self._facts.first_year, self._facts.last_year))
        ranges |= {(t.first_year, t.last_year) for t in self._facts.topics
                   if cited & set(t.paper_keys) and t.first_year and t.last_year}
        ranges |= {(ph.start_year, ph.end_year) for ph in self._facts.phases
                   if cited & set(ph.paper_keys)}
        reasons = []
        starts = [a for a, _ in _spans(sent.text)[1]]
        for (first, last, phrase), at in zip(sent.spans, starts):
            if _span_stated(first, last, papers):
                continue  # "gridded estimates for 2001 to 2020": the abstract's own span
            if self._run_of_work(sent, (first, last), at, at + len(phrase), papers):
                continue  # "the first-author work of 2019-2021"
            if not any((first is None or first == a) and (last is None or last == b)
                       for a, b in ranges):
                reasons.append(f'time span "{phrase}" is not the years of the cited papers, '
                               f"their topic or phase, or the record")
        return reasons

    def _run_of_work(self, sent: _Sentence, span: tuple[int | None, int | None], at: int,
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
        years = {p.paper.year for p in self._index.values()
                 if all(p.paper.owner_position in allowed for allowed in positions)}
        return all(y in years for y in range(first, last + 1))

    # --- attribution ---

    def _attribute(self, sent: _Sentence, k: int) -> list[str]:
        """Papers that support the sentence alone, best first."""
        if not sent.content and not sent.anchors:
            return []
        scored: list[tuple[float, str]] = []
        for paper in self._index.values():
            # Cheap necessary conditions first: every anchor, and enough words anywhere.
            if not all(paper.key in keys for keys in sent.papers_with.values()):
                continue
            if not _enough(len(sent.content), len(sent.content - paper.stems)):
                continue
            if self._content_reasons(sent, [paper], self._support(sent, [paper])):
                continue
            window = paper.meta.union(*(w.stems for w in _best_windows(sent, paper)))
            weight = sum(self._idf.get(s, 1.0) for s in sent.content & window)
            scored.append((weight + 3.0 * len(sent.anchors), paper.key))
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [key for _, key in scored[:k]]


# --- helpers used by the checks ----------------------------------------------------------


def _probes(anchor: _Anchor) -> set[str]:
    """Index entries that any paper stating the anchor must hold (see _probe_index)."""
    if anchor.kind == "number":
        value, unit = anchor.value
        return {f"figure {value} {unit}" if unit else f"figure {value}"}
    if anchor.kind == "year":
        return {f"year {anchor.value}"}
    if anchor.kind == "quantity":  # few papers say these: test every one (_papers_with)
        return set()
    if anchor.kind == "date":
        return {f"year {anchor.value[0]}"}
    if anchor.kind == "quote":
        words = re.findall(r"[0-9a-z]+", str(anchor.value))
        return {max(words, key=len)} if words else set()
    words = [w for w, _ in anchor.value]
    whole = _norm("".join(words))
    found = {whole, whole[:-1], "".join(w[0].lower() for w in words if w)}
    for word in words:
        norm = _norm(word)
        found |= {norm, norm[:-1], _stem(word)}
        found |= {_norm(p) for p in re.split(r"[-/]", word)}
    return found


def _precision(figure: str) -> float:
    """The unit of a figure's last written digit: 1 for "45%", 0.1 for "45.3", 1,000 for
    "32K" or "32 thousand", 100,000 for "3.2M"; a ratio is exact (0)."""
    match = _NUMBER.search(figure)
    if match is None or re.search(r"\d\s*(?:in|out of|/)\s*\d", figure):
        return 0.0
    digits = match.group("num").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    unit = (match.group("unit") or "").strip().lower()
    return _SCALE.get(unit, 1.0) * 10.0 ** -decimals


def _cite(keys: Iterable[str]) -> str:
    return ", ".join(f"[{k}]" for k in keys)


def _missing(anchor: _Anchor, elsewhere: frozenset[str]) -> str:
    """The reason for an anchor no cited paper states, naming where it does appear."""
    label = {"quote": "quoted text", "number": "number", "year": "year",
             "date": "date", "entity": "name", "quantity": "quantity"}[anchor.kind]
    hint = f" (it is in {_cite(sorted(elsewhere))})" if 0 < len(elsewhere) <= 3 else ""
    return f'{label} "{anchor.text}" is not in the cited papers{hint}'


def _best_windows(sent: _Sentence, paper: _PaperIndex) -> list[_Lexical]:
    """The paper's windows that together share the most content words with the sentence.

    Greedy: the best window, then the one adding the most words still missing.
    """
    chosen: list[int] = []
    missing = set(sent.content)
    for _ in range(min(WINDOWS_PER_PAPER, len(paper.windows))):
        best = max((i for i in range(len(paper.windows)) if i not in chosen),
                   key=lambda i: (len(missing & paper.windows[i].stems),
                                  -len(paper.windows[i].stems), -i))
        if chosen and not missing & paper.windows[best].stems:
            break
        chosen.append(best)
        missing -= paper.windows[best].stems
    return [paper.windows[i] for i in chosen]


def _enough(total: int, missing: int) -> bool:
    """Lexical support: the share covered reaches the threshold, or one word is missing."""
    if total == 0:
        return True
    if missing == 1 and total >= ONE_MISS_MIN_WORDS:
        return True
    return (total - missing) / total >= SUPPORT_THRESHOLD


def _adjacent(text: str, run: Sequence[re.Match[str]]) -> bool:
    """Words separated by single spaces only, so a comma ends a name."""
    return all(text[a.end():b.start()] == " " for a, b in zip(run, run[1:]))


def _mask_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    for a, b in spans:
        text = text[:a] + " " * (b - a) + text[b:]
    return text


_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-", "a")


def _opposite(word: str, other: str) -> bool:
    """"balanced" and "unbalanced", "stable" and "instability": near in meaning to an
    embedding, opposite to a reader."""
    a, b = word.lower(), other.lower()
    for x, y in ((a, b), (b, a)):
        for prefix in _NEGATING_PREFIXES:
            if x.startswith(prefix) and len(x) - len(prefix) >= 4 \
                    and _stem(x[len(prefix):]) == _stem(y):
                return True
    return False


def _abbreviates(short: str, long: str) -> bool:
    """Whether a short form can stand for a long one: the same first letter, and its
    letters in order among the long form's ("APOE4" for "apolipoprotein E4", "NTP" for
    "nucleoside triphosphate"; not "FlashBack" for "Generative Adversarial Distillation")."""
    letters = re.sub(r"[^a-z]", "", short.lower())
    rest = re.sub(r"[^a-z]", "", long.lower())
    if not letters or not rest or letters[0] != rest[0]:
        return False
    found = iter(rest)
    return all(c in found for c in letters)


def _is_common(word: str) -> bool:
    """A stop word or framing word, which a capital does not make a name."""
    return word.lower() in _STOP or _stem(word) in _GENERIC_STEMS


def _first_word_start(text: str) -> int:
    match = re.search(r"[A-Za-z0-9]", text)
    return match.start() if match else -1


_TITLE_COMPOUND = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")


def _entity_kind(word: str, owner_words: frozenset[str]) -> str | None:
    """"name" for mixed case, capitals or letters with digits; "title" for Capitalised."""
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not letters or word.lower() in owner_words:
        return None
    if _NUMBER.fullmatch(word) or re.fullmatch(r"\d[\d.,]*[xX%KMBk]?", word):
        return None
    has_digit = any(c.isdigit() for c in word)
    if _TITLE_COMPOUND.fullmatch(word):
        return "title"  # "Simulation-Based", "Vision-Language": capitals of a title
    inner_capital = any(c.isupper() for c in letters[1:])
    if has_digit or inner_capital or (len(letters) >= 2 and letters.isupper()):
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
        return _title_word_in(word, paper)
    return _acronym_in(word, paper) or _hyphen_parts_in(word, paper)


def _form_in(form: str, paper: _PaperIndex) -> bool:
    return form in paper.forms or (form.endswith("s") and form[:-1] in paper.forms)


def _word_in(word: str, kind: str, paper: _PaperIndex) -> bool:
    """One word of a multiword name: names exactly, capitalised words also by stem."""
    if _form_in(_norm(word), paper) or _acronym_in(word, paper):
        return True
    return kind == "title" and _title_word_in(word, paper)


def _title_word_in(word: str, paper: _PaperIndex) -> bool:
    """A capitalised word (or Title-Case compound) by the stems of its telling parts."""
    parts = [w for w in word.split("-") if w and not _is_common(w)]
    return all(_stem(w) in paper.stems for w in parts)


def _acronym_in(word: str, paper: _PaperIndex) -> bool:
    """"MoE" against "mixture of experts": capitals that are initials of the paper's words."""
    core = _acronym_core(word)
    return core is not None and core in paper.acronyms


@lru_cache(maxsize=1 << 12)
def _acronym_core(word: str) -> str | None:
    """The initials an acronym-like word stands for ("LLMs" -> "llm"), or None."""
    if any(c.isdigit() for c in word):
        return None
    letters = re.sub(r"[^A-Za-z]", "", word)
    if sum(c.isupper() for c in letters) < 2:
        return None
    core = letters[:-1] if letters.endswith("s") and letters[:-1].isupper() else letters
    return core.lower()


def _hyphen_parts_in(word: str, paper: _PaperIndex) -> bool:
    """"ELECTRA-based": the name is in the paper and the rest is a lower-case word.

    "Sparse-BitNet" or "BLEU-7" is a name of its own and must appear whole.
    """
    parts = [p for p in re.split(r"[-/]", word) if p]
    if len(parts) < 2:
        return False
    named = [p for p in parts if not p.islower()]
    return bool(named) and all(
        _entity_kind(p, frozenset()) == "name" and (_form_in(_norm(p), paper)
                                                   or _acronym_in(p, paper))
        for p in named)


def _date_stated(anchor: _Anchor, paper: _PaperIndex) -> bool:
    """"In July 2021, extreme rainfall ...": a date the abstract itself states."""
    return _spaced(anchor.text) in paper.quote_text


def _date_matches(paper: Paper, year: int, month: int, day: int | None) -> bool:
    """A month (and day) claim needs a paper date stated to that precision."""
    if paper.date is None or paper.date.year != year:
        return False
    if paper.date_precision not in {DatePrecision.MONTH, DatePrecision.DAY}:
        return False
    if paper.date.month != month:
        return False
    return day is None or (paper.date_precision is DatePrecision.DAY and paper.date.day == day)


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
    index = next((i for i, a in enumerate(paper.authors) if same_person(a, person)), None)
    if index is None:
        return f"{person} is not a visible author of {cite}"
    return f"{person} is author {index + 1} of {cite}"


def _slug_matches(phrase: str, slug: str) -> bool:
    """"Microsoft Research" ~ microsoft-research, "CMU" ~ cmu, "Carnegie Mellon" ~ cmu."""
    norm, slug_norm = _norm(phrase), _norm(slug)
    if not norm:
        return False
    words = re.findall(r"[A-Za-z]+", phrase)
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


def _spans(text: str) -> tuple[list[tuple[int | None, int | None, str]], list[tuple[int, int]]]:
    """Time spans ("from 2019 to 2023", "2019-2023", "since 2019") and where they sit."""
    spans: list[tuple[int | None, int | None, str]] = []
    ranges: list[tuple[int, int]] = []
    for m in _SPAN.finditer(text):
        groups = m.groupdict()
        first = groups["a"] or groups["c"] or groups["e"]
        last = groups["b"] or groups["d"] or groups["f"]
        spans.append((int(first) if first else None, int(last) if last else None, m.group(0)))
        ranges.append((m.start(), m.end()))
    return spans, ranges


def _span_stated(first: int | None, last: int | None, papers: Sequence[_PaperIndex]) -> bool:
    """A span of years one of the papers states in its own words."""
    if first is None or last is None:
        return False
    forms = (_spaced(f"{first} to {last}"), _spaced(f"{first} {last}"))
    return any(form in p.quote_text for form in forms for p in papers)


def _bind_years(text: str, counts: list[_Count]) -> list[_Count]:
    """With several counts, each takes the "in YEAR" filters between it and the next."""
    if len(counts) < 2:
        return counts
    bound = []
    for count, following in zip(counts, [*counts[1:], None]):
        end = following.start if following else len(text)
        years = frozenset(int(m.group(1)) for m in _YEAR_FILTER.finditer(text, count.start, end))
        bound.append(replace(count, years=years))
    return bound


def _list_counts(text: str) -> set[int]:
    """Where a number counts the items the sentence itself lists after a colon.

    "2021 brings three new pre-training signals: A (XLM-E), B, and C (mT6)": the three is
    the list's length, which the sentence shows, not a figure a paper must state. Only an
    exact count of the items is taken so; any other number stays a figure.
    """
    found = set()
    for n in _numbers(text):
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
        whole, part = bound[i - 1], bound[i]
        if whole.stat or part.stat or whole.denominator or part.denominator:
            continue
        number_end = part.start + len(part.text.split()[0])
        if not (_PART_AFTER.match(text, number_end) or _WHOLE_BEFORE.search(text[:whole.start])):
            continue
        stop = _PART_STOP.search(text, whole.start, part.start)
        bound[i - 1] = replace(whole, scope_end=stop.start() if stop else part.start)
        if whole.years is not None or part.years is not None:
            years = (whole.years or frozenset()) | (part.years or frozenset())
            bound[i] = replace(part, years=years)
    return bound


def _clause_at(sent: _Sentence, position: int) -> tuple[int, int]:
    """The span of the clause that holds a position."""
    return next(((a, b) for a, b in sent.clauses if a <= position < b), (0, len(sent.text)))


def _clauses(text: str) -> list[tuple[int, int]]:
    """Spans of the clauses a sentence joins with ";", ", and", "while", "but"."""
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(text)), len(text)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _binding_reasons(sent: _Sentence, support: dict[_Anchor, set[str]]) -> list[str]:
    """Facts in one clause must come from one paper, unless the clause lists them with "and".

    This is what tells "XPR cuts latency by 28%" (two papers' facts merged) from
    "InfoXLM and XLM-E ..." (two papers, each named for its own fact).
    """
    reasons: list[str] = []
    for start, end in _units(sent, support):
        anchors = [a for a in sent.anchors if start <= a.start < end and support[a]
                   and a.kind != "date"]
        for group in _conjuncts(sent.text, anchors):
            if len(group) < 2 or all(a.kind == "year" for a in group):
                continue  # years alone merge nothing: "in 2019 and in 2026"
            if not set.intersection(*(support[a] for a in group)):
                names = ", ".join(f'"{a.text}"' for a in group)
                reasons.append(f"{names} are not stated together in any one cited paper "
                               f"(facts merged from different papers)")
    return reasons


def _stretches(sent: _Sentence, support: dict[_Anchor, set[str]]
               ) -> list[tuple[int, int, frozenset[str], bool]]:
    """The stretches between the commas, colons and semicolons of each clause: each with the
    cited papers its label states and whether it names anything.

    A label is a name the stretch starts with ("XLM-E (2021) brings ...") or ends on in
    parentheses ("translation pairs (mT6)"); a name inside ("a policy that conditions on
    CLIP features") labels nothing. No label, or labels of no one paper: no papers.
    """
    text = sent.text
    found = []
    for start, end in sent.clauses:
        cuts = [start, *(m.end() for m in _STRETCH_BREAK.finditer(text, start, end)), end]
        for a, b in zip(cuts, cuts[1:]):
            if not text[a:b].strip(" ,;:."):
                continue
            names = [x for x in sent.anchors if x.kind == "entity" and a <= x.start < b
                     and support[x]]
            labels = [support[x] for x in names if _LABEL_BEFORE.fullmatch(text[a:x.start])
                      or (text[x.start - 1:x.start] == "(" and _LABEL_AFTER.fullmatch(
                          text[x.end:b]))]
            own = frozenset(set.intersection(*labels)) if labels else frozenset()
            found.append((a, b, own, bool(names)))
    return found


def _grouped(stretches: Sequence[tuple[int, int, frozenset[str], bool]]) -> bool:
    """Whether two stretches each name a paper of their own: a sentence that groups papers."""
    owns = [own for _, _, own, _ in stretches if own]
    return any(not x & y for i, x in enumerate(owns) for y in owns[i + 1:])


def _units(sent: _Sentence, support: dict[_Anchor, set[str]]) -> list[tuple[int, int]]:
    """The clauses, cut again where a sentence that groups papers turns to another one.

    "..., XLM-E (2021) brings ELECTRA-style tasks to it, and mT6 (2021) adds ..." states
    one fact of each paper, each where the paper is named: a stretch that names its own
    paper starts a unit, and the stretches after it that name none belong to it.
    """
    stretches = _stretches(sent, support)
    if not _grouped(stretches):
        return list(sent.clauses)
    cuts = sorted({0, *(a for a, _ in sent.clauses), *(a for a, _, own, _ in stretches if own)})
    return [(a, b) for a, b in zip(cuts, [*cuts[1:], len(sent.text)]) if b > a]


def _label_stems(topic: Topic) -> frozenset[str]:
    """The stems of the words of a topic's label (its first keywords)."""
    return frozenset(_stem(w) for kw in topic.keywords[:_LABEL_KEYWORDS] for w in kw.split()
                     if _is_content(w))


def _conjuncts(text: str, anchors: Sequence[_Anchor]) -> list[list[_Anchor]]:
    """Anchors grouped by the "and", "or" or comma that joins two of them.

    "with a cGAN and on flood forecasting with an LSTM": an "and" between two phrases
    also starts a new group, as a list does ("InfoXLM and XLM-E").
    """
    groups: list[list[_Anchor]] = []
    for anchor in anchors:
        between = text[groups[-1][-1].end:anchor.start] if groups else ""
        if groups and not (_COORDINATION.match(between) or _PHRASE_AND.search(between)):
            groups[-1].append(anchor)
        else:
            groups.append([anchor])
    return groups


def _same_subject(item: _Polar, sentence: _Lexical,
                  windows: Sequence[_Lexical]) -> list[_Polar]:
    """The papers' direction words about what `item` is about, from the closest window.

    Words that share what follows ("outperforms mT5" and "competitive with mT5") match
    best, sharing any neighbour next; among windows with a match, the one sharing the
    most words with the sentence speaks for the papers.
    """
    tests = (lambda w: w.after & item.after, lambda w: w.targets & item.targets)
    for shares in tests:
        scored = [(len(window.words & sentence.words), -i, found)
                  for i, window in enumerate(windows)
                  if (found := [w for w in window.polar
                                if w.dimension == item.dimension and shares(w)])]
        if scored:
            return max(scored, key=lambda t: (t[0], t[1]))[2]
    return []


def _polarity_reasons(sent: _Sentence, windows: Sequence[_Lexical],
                      everywhere: Sequence[_Lexical]) -> list[str]:
    """Direction words that contradict what the cited papers say.

    A direction word is compared with the papers' direction words about the same thing
    (a shared neighbouring word) in the window closest to the sentence; failing that, a
    strong word ("outperforms", "reduces") with the strong words of the best windows.
    """
    reasons: list[str] = []
    near = [w for window in windows for w in window.polar]
    aligned = {id(window) for window in windows}
    for item in sent.lexical.polar:
        if item.sign == 0:
            continue  # "a comparable model" describes; it claims no direction
        if turned := _reversed(item, everywhere):
            reasons.append(f'"{item.word}" turns round the comparison: the cited papers say '
                           f'the other side {turned.word.lower()}')
            continue
        matched = _same_subject(item, sent.lexical, everywhere)
        if matched:
            # A paper that says both ("heatwaves increase bleaching", "shading reduces
            # bleaching") supports either direction about that subject in some clause.
            contradicted = all(w.sign != item.sign for w in matched) and not any(
                w.sign == item.sign for window in everywhere for w in window.polar
                if w.dimension == item.dimension and w.after & item.after
                and w.before & item.before)
        else:
            strong = [w for w in near if w.dimension == item.dimension and w.strong]
            contradicted = item.strong and bool(strong) and all(
                w.sign != item.sign for w in strong)
        if contradicted:
            negated = item.sign != _POLARITY[item.word.lower()][1]
            said = f"not ... {item.word}" if negated else item.word
            papers_say = (matched or [w for w in near if w.dimension == item.dimension])[0].word
            reasons.append(f'"{said}" contradicts the cited papers, which say "{papers_say}"')
        elif item.strong and not any(
                w.sign == item.sign and _DIRECTION_GROUP.get(w.dimension, w.dimension)
                == _DIRECTION_GROUP.get(item.dimension, item.dimension)
                and (id(window) in aligned or w.targets & item.targets)
                for window in everywhere for w in window.polar):
            # A direction is a claim of its own: "X raises Y" needs a paper that says
            # something went up, not only that X and Y are related.
            negated = item.sign != _POLARITY[item.word.lower()][1]
            said = f"not ... {item.word}" if negated else item.word
            reasons.append(f'"{said}" states a direction the cited papers do not state')
    return reasons


# Claims of priority, novelty, exclusivity or completeness: each must be the papers' own
# ("XPR is the first cross-lingual phrase retriever" needs a paper that says "first").
_SCOPE_FAMILIES = {
    "priority": re.compile(r"\b(?:the|is|was|are|were)\s+(?:very\s+)?first\b"
                           r"(?![\s-]+(?:author|papers?|publications?|preprints?|works?)\b)"
                           r"|\bfor the first time\b|\bfirst to\b", re.I),
    "exclusivity": re.compile(r"(?<!\bnot )\b(?:only|solely|exclusively)\b"
                              r"(?!\s+(?:a|one|two|three|\d+|papers?|"
                              r"publications?|preprints?|works?|articles?|\w+ly)\b)", re.I),
    "completeness": re.compile(r"\b(?:every|always|entirely|completely|eliminat\w*|"
                               r"all existing|no existing|any existing)\b", re.I),
    "state of the art": re.compile(r"\bstate[- ]of[- ]the[- ]art\b|\bSOTA\b|\bbest\b", re.I),
    "novelty": re.compile(r"\bnovel\b|\bunprecedented\b", re.I),
}


# What a paper may say instead: "all four models" grants "every one of them".
_SCOPE_EVIDENCE = {"completeness": re.compile(r"\b(?:all|none|no|each)\b", re.I)}


def _scope_reasons(sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
    """A claim of priority, exclusivity, completeness or novelty the cited papers do not
    make themselves."""
    reasons = []
    for family, pattern in _SCOPE_FAMILIES.items():
        said = pattern.search(sent.text)
        also = _SCOPE_EVIDENCE.get(family)
        if said and not any(pattern.search(text) or (also and also.search(text))
                            for p in papers
                            for text in [f"{p.paper.title}. {p.paper.abstract}"]):
            reasons.append(f'"{said.group(0)}" claims {family}, which the cited papers do not '
                           f"claim")
    return reasons


def _reversed(item: _Polar, windows: Sequence[_Lexical]) -> _Polar | None:
    """The papers' direction word that says the same of the other side: "A outperforms B"
    where a paper says "B outperforms A". Only where no paper says it A's way round, and
    only by words that belong to one side alone."""
    def same(w: _Polar) -> bool:
        return w.dimension == item.dimension and w.sign == item.sign
    if not (item.before and item.after):
        return None
    left, right = item.before - item.after, item.after - item.before
    candidates = [w for window in windows for w in window.polar if same(w)]
    if any(w.before & left and w.after & right for w in candidates):
        return None
    return next((w for w in candidates if w.before & right and w.after & left), None)


# Dimensions a paraphrase moves between: "improves accuracy" is "higher accuracy".
_DIRECTION_GROUP = {"quality": "more", "amount": "more", "speed": "more", "efficiency": "more",
                    "extremum": "more"}


def _negation_reasons(sent: _Sentence, windows: Sequence[_Lexical]) -> list[str]:
    """A word negated in the sentence but not in the papers, or the other way round."""
    def union(field: str) -> set[str]:
        return set().union(*(getattr(w, field) for w in windows)) if windows else set()

    lex = sent.lexical
    # Lenient both ways: what the sentence surely negates against what the papers surely
    # state plainly, and what it surely states against what they surely negate.
    reasons = [f'negates "{_spelled(sent, s)}", which the cited papers state without '
               f"negation" for s in sorted(lex.negated - union("negated_wide"))
               if s in union("plain_wide")]
    reasons += [f'states "{_spelled(sent, s)}", which the cited papers only negate'
                for s in sorted((lex.plain_wide - lex.negated_wide) & union("negated")
                                - union("plain")) if s not in _GENERIC_STEMS]
    # "The demo cannot be found", "is not part of this work": a negation over stop or
    # framing words only, where the papers negate nothing at all.
    bare = lex.negations and lex.negated <= _GENERIC_STEMS and not any(
        p.sign != _POLARITY[p.word.lower()][1] for p in lex.polar)
    if bare and windows and not any(w.negations for w in windows):
        reasons.append("adds a negation the cited papers do not state")
    return reasons


def _spelled(sent: _Sentence, stem: str) -> str:
    """The sentence's own word for a stem, found once per sentence."""
    return sent.spelled.get(stem) or _spell(stem, sent.text)


def _spell(stem: str, text: str) -> str:
    """The sentence's own word for a stem, for reasons a person reads."""
    return next((t.word for t in _tokens(text) if t.stem == stem), stem)


# --- error kinds, for machines ------------------------------------------------------------

# Each reason this module writes, by the words it starts with, and the kind it names.
_REASON_KINDS = (
    (re.compile(r"^unknown citation "), "unknown_citation"),
    (re.compile(r"^states a fact but cites no paper"), "uncited"),
    (re.compile(r"^says the record has no papers on this"), "absence"),
    (re.compile(r"^quoted text "), "quote"),
    (re.compile(r"^(?:number|quantity) "), "number"),
    (re.compile(r"^year "), "year"),
    (re.compile(r"^date "), "date"),
    (re.compile(r"^name "), "entity"),
    (re.compile(r"not stated together in any one cited paper"), "merged"),
    (re.compile(r"not what the papers that state them say"), "merged"),
    (re.compile(r"contradicts the cited papers"), "polarity"),
    (re.compile(r"turns round the comparison"), "polarity"),
    (re.compile(r"states a direction the cited papers do not state"), "direction"),
    (re.compile(r"^names .*\(a technique or term of its own\)$"), "term"),
    (re.compile(r"^\"[^\"]+\" claims [a-z ]+, which the cited papers do not claim"), "scope"),
    (re.compile(r"^negates |which the cited papers only negate|^adds a negation"), "negation"),
    (re.compile(r'^"[^"]+" where the cited papers say'), "contrast"),
    (re.compile(r"^only \d+% of the (?:content words|sentence's meaning)"), "lexical"),
    (re.compile(r"^a clause is not in the cited papers"), "clause"),
    (re.compile(r"^judges the work "), "judgement"),
    (re.compile(r"^claims an honour, award or position"), "honour"),
    (re.compile(r'^"with |is not an author of the cited papers|^"most frequent co-author"'),
     "collaborator"),
    (re.compile(r'^"at '), "affiliation"),
    (re.compile(r'^(?:h-index|citations) "'), "statistic"),
    (re.compile(r'^count "'), "count"),
    (re.compile(r'^time span "'), "span"),
    (re.compile(r"\(misattribution\)$"), "misattribution"),
    (re.compile(r'^"[^"]+" but '), "role"),
    (re.compile(r"^the judge "), "judge"),
)


# The kinds the support tier gives: a verdict resting on them alone is a matter of degree.
_SUPPORT_KINDS = frozenset({"lexical", "clause", "misattribution", "term"})


def kinds_of(reasons: Iterable[str]) -> list[str]:
    """The distinct kinds of error the reasons name, in the order they first appear."""
    kinds = [next((kind for pattern, kind in _REASON_KINDS if pattern.search(r)), "other")
             for r in reasons]
    return list(dict.fromkeys(kinds))


# --- whole texts -----------------------------------------------------------------------------

# Lines of our own Markdown that carry no prose claim: headings, table rows, the references
# list and its link targets, the faithfulness line, and a caption in underscores.
_SKIP_LINE = re.compile(
    r"^\s*(?:#|\||[-*]\s+(?:<a id=|\*\*\[)|\[[^\]]+\]:\s|Faithfulness:\s|_.*_\s*$)")
_UNSUPPORTED_MARK = re.compile(r"\*\*\[unsupported:[^\]]*\]\*\*\s*")


def prose(text: str) -> tuple[str, int]:
    """The prose of a text, and how many lines were left out as non-prose.

    Paragraphs stay apart (a blank line ends a sentence); markers of our own output
    ("**[unsupported: ...]**") and Markdown emphasis are removed.
    """
    kept: list[str] = []
    skipped = 0
    for line in text.splitlines():
        if line.strip() and _SKIP_LINE.match(line):
            skipped += 1
            kept.append("")
            continue
        line = _UNSUPPORTED_MARK.sub("", line)
        kept.append(re.sub(r"(\*\*|__)(.+?)\1", r"\2", line))
    return "\n".join(kept), skipped


def verify_text(verifier: Checker, text: str, profile: str = "",
                source: str | None = None) -> TextCheck:
    """Check every prose sentence of a text; an uncited one is checked against the papers
    that best support it, which are named."""
    verdicts = []
    skipped = 0
    # Under a heading that states a span ("### 2019-2021: ..."), "these three years" is it.
    for period, section in _sections(text):
        body, left_out = prose(section)
        skipped += left_out
        for sentence, keys in split_citations(body):
            checked = _resolve_period(sentence, period)
            check = verifier.check(checked, keys)
            attributed: list[str] = []
            # A claim that the record holds nothing on X is refuted, not rescued, by the
            # papers that do support X.
            if (not keys and not check.supported and check.supporting_keys
                    and "absence" not in check.kinds):
                attributed = list(check.supporting_keys)
                check = verifier.check(checked, attributed)
            verdicts.append(SentenceVerdict(text=sentence, keys=keys, supported=check.supported,
                                            attributed=attributed, reasons=check.reasons,
                                            kinds=check.kinds, support=check.support,
                                            evidence=check.evidence, judge=check.judge))
    return TextCheck(profile=profile, source=source, sentences=verdicts, skipped_lines=skipped)


_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*)$")
# "these three years", "those years", "this period": the span of the section's heading.
_PERIOD_ANAPHOR = re.compile(r"\b(?:these|those)\s+(?:(?P<n>\d+|[a-z]+)\s+)?years\b"
                             r"|\b(?:this|that)\s+(?:period|span|stretch)\b", re.I)


def _sections(text: str) -> list[tuple[tuple[int, int] | None, str]]:
    """The text cut at its Markdown headings, each part with the span of years its nearest
    heading states ("### 2019-2021: cross-lingual pre-training"); a deeper heading keeps
    the span of the one above it, another heading of the same level or higher ends it."""
    parts: list[tuple[tuple[int, int] | None, str]] = []
    stack: list[tuple[int, tuple[int, int] | None]] = []
    period: tuple[int, int] | None = None
    lines: list[str] = []
    for line in text.splitlines(keepends=True):
        heading = _HEADING.match(line)
        if heading:
            parts.append((period, "".join(lines)))
            lines = []
            level = len(heading.group(1))
            spans, _ = _spans(_clean(heading.group(2)))
            bounded = [(a, b) for a, b, _ in spans if a is not None and b is not None]
            stack = [*(item for item in stack if item[0] < level),
                     (level, bounded[0] if bounded else None)]
            period = next((span for _, span in reversed(stack) if span), None)
        lines.append(line)  # a heading stays with its section: prose() leaves it out
    parts.append((period, "".join(lines)))
    return [(p, part) for p, part in parts if part]


def _resolve_period(sentence: str, period: tuple[int, int] | None) -> str:
    """The sentence with "these three years" written as the section's span ("2019-2021").

    A number of years that is not the span's length is left as written (and checked as
    such): "these two years" under "2019-2021" is not resolved.
    """
    if period is None:
        return sentence
    first, last = period

    def resolve(match: re.Match[str]) -> str:
        said = (match.group("n") or "").lower()
        length = int(said) if said.isdigit() else _WORD_NUMBERS.get(said)
        if length is not None and length != last - first + 1:
            return match.group(0)
        return f"{first}-{last}"

    return _PERIOD_ANAPHOR.sub(resolve, sentence)
