"""Words as the checks see them: normalised text, figures and quantities, stems, the
stop, framing and judgement words, direction (polarity), synonym and contrast tables, and
the lexical view of a text (_lexical): its content stems, what a negation governs, and
its direction words."""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from anyascii import anyascii

from agent.text import ENGLISH_STOP_WORDS, UPPER, char_class
from agent.verify import thresholds

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence


# A stem keeps this many characters: "retrieval"/"retriever", "sparse"/"sparsity" meet.
_STEM_LENGTH = 6


# --- letters of any script ---------------------------------------------------------------


# Letters of any script, so "Brännström", "Øre", "Łódź" and "Straße" are words whole: an
# ASCII class cut "Brännström-Okafor" to the name "m-Okafor". UPPER/LOWER: cased letters.
LETTER = r"[^\W\d_]"
LOWER = char_class(str.islower)


def letters(word: str) -> str:
    """The letters of a word, of any script."""
    return "".join(c for c in word if c.isalpha())


# --- text normalisation ----------------------------------------------------------------


def _clean(text: str) -> str:
    """One spelling of quotes, dashes and LaTeX times, so patterns stay simple."""
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    # Each substitution runs only on a text that can hold what it replaces: a report cleans
    # every abstract and sentence, most of them ASCII with no LaTeX. (None of them makes
    # or breaks what another replaces, so their order is free.)
    if not text.isascii():
        text = re.sub(r"[\u2010-\u2015]", "-", text)
        # A decimal point written as a middle dot ("1\u00b75%", The Lancet's style) is one.
        text = re.sub(r"(?<=\d)[\u00b7\u2027\u22c5](?=\d)", ".", text)
    if "\\times" in text:
        text = re.sub(r"\$?\s*\\times\s*\$?", "\u00d7", text)
    return text.replace("$", " ")


@lru_cache(maxsize=1 << 16)
def _norm(text: str) -> str:
    """Letters and digits only, lower case: "XLM-E" and "xlm e" meet as "xlme"."""
    return re.sub(r"[^0-9a-z]", "", anyascii(text).lower())


# Greek letters of gene, protein and receptor names, and how they are spelled out: a paper
# writes "IFN-gamma" or "NF-kappaB" where a sentence writes "IFN-γ" or "NF-κB" (mu is left
# out: "μg" is a unit).
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
          "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
          "ξ": "xi", "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "phi",
          "χ": "chi", "ψ": "psi", "ω": "omega"}
# A spelled letter is a part of its own: "IFN-gamma", "NF-kappaB", "TGFbeta", not "alphabet".
_GREEK_NAME = re.compile(r"(?<![a-z])((?i:" + "|".join(sorted(
    (n for n in _GREEK.values() if len(n) > 3), key=len, reverse=True)) + r"))(?![a-z])")


def _greek_forms(token: str) -> set[str]:
    """A name with a Greek letter spelled out, and one spelled out with its letter:
    "NF-κB" also as "NF-kappaB", "IFN-gamma" also as "IFN-γ" (as _norm reads it, "ifng").
    Only names of four letters or more are read back as letters ("beta", not "pi")."""
    forms = set()
    if any(c in _GREEK for c in token):
        forms.add("".join(_GREEK.get(c, c) for c in token))
    if _GREEK_NAME.search(token):
        inverse = {name: letter for letter, name in _GREEK.items()}
        forms.add(_GREEK_NAME.sub(lambda m: inverse[m.group(1).lower()], token))
    return forms


def _spaced(text: str) -> str:
    """Words separated by single spaces, for substring tests of quoted strings."""
    return " " + " ".join(re.findall(r"[0-9a-z]+", anyascii(text).lower())) + " "


def _may_hold(text: str, words: Sequence[str], low: str | None = None) -> bool:
    """Whether a case-blind pattern, each match of which holds one of the words (lower
    case), may match the text: False only for an ASCII text holding none of them.

    A pattern led by \\b or a lookbehind gives the regex engine no literal to jump to: it
    is tried at every character. On ASCII text re.I is plain ASCII case, so substring
    tests of the lowered text are exact; on any other text (where re.I also folds "ſ"
    to s, or the Kelvin sign to k) the pattern is asked. low: the ASCII text lowered,
    where the caller has it already (index._screened asks the same way)."""
    if low is None:
        if not text.isascii():
            return True
        low = text.lower()
    return any(w in low for w in words)


# --- numbers ---------------------------------------------------------------------------

_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9}
# Units of measure written glued to their figure ("40mg/day", "100ms", "24h", "3GB"): the
# figure is the number, as it is when a space separates them ("40 mg"), and no name. Only
# units that are no scale ("1.8M" is a million) and no common word or model suffix.
_MEASURE = (r"(?:mg|kg|g|[\u00b5\u03bcu]g|ng|pg|m[lL]|d[lL]|[\u00b5\u03bcu][lL]|mm|cm|km|nm|"
            r"[\u00b5\u03bcu]m|ms|min|hrs?|h|kDa|Da|bp|kb|Mb|Hz|kHz|MHz|GHz|[mn\u00b5\u03bcu]?mol|"
            r"[mn\u00b5\u03bcup]M|IU|mmHg|kcal|m?Gy|mSv|GB|MB|TB|ppm|ppb|yrs?|wks?)"
            r"(?:/(?:[A-Za-z\u00b5\u03bc]{1,4}))?")
# A figure and its unit, if any (the body of _NUMBER, also the second figure of a range).
_NUMBER_BODY = (
    r"(?P<num>\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)"
    r"(?:(?P<unit>\s?%|\s?percent\b|\s?\u00d7|[xX](?![A-Za-z0-9])|-fold\b|\s?times\b"
    r"|[KMB](?![A-Za-z0-9])|k(?![A-Za-z0-9])|[\s-](?:thousand|million|billion)\b)"
    rf"|(?P<measure>{_MEASURE}))?"
    r"(?![A-Za-z0-9_])")
# Not glued to a word, dot, hyphen or slash: "Qwen2.5-14B" and "mT5" are names. The
# lookahead says what the body's first character is anyway (a digit), and is tested
# before the costlier lookbehind at each place the scan tries: a third less time.
_NUMBER = re.compile(r"(?=\d)(?<![\w.\-/\\])" + _NUMBER_BODY)
# The second figure of a range, "16-24" or "9.1%-16.9%", after a figure: a hyphen after a
# figure joins two figures, not a name's parts as in "GPT-4".
_RANGE_END = re.compile(r"-(?=\d)" + _NUMBER_BODY)
_WORD_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_WORD_NUMBERS.update(thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80,
                     ninety=90, hundred=100, dozen=12)
_SPELLED = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r")\b", re.I)
# The same, case by case, for a text lowered first: on ASCII text (where lowering keeps
# every position) a quarter of _SPELLED's time, and every abstract of a report is read.
# Its lookahead names the words' first letters: tested before \b and the words at each
# place the scan tries, it changes no match (as _NUMBER's lookahead).
_SPELLED_LOWER = re.compile(r"(?=[" + "".join(sorted({w[0] for w in _WORD_NUMBERS})) + r"])\b("
                            + "|".join(_WORD_NUMBERS) + r")\b")
# "one" and "zero" are idioms far more often than figures ("one of", "zero-shot").
_SPELLED_CLAIMS = frozenset(_WORD_NUMBERS) - {"one", "zero"}
# (The lookahead, a year's first digit, is tested before the costlier lookbehind.)
_YEAR = re.compile(r"(?=[12])(?<![\w.\-/])(19\d\d|20\d\d)(?![\w%]|\.\d)")


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
# What every match of _SPELLED_COMPOUND holds (each tens word ends in "ty"), under the same
# flags: most texts have neither, and this scan is far quicker than the pattern's.
_COMPOUND_HINT = re.compile(r"ty|half", re.I)
# Both again, case by case, for an ASCII text lowered first (which keeps every position,
# as _SPELLED_LOWER does): a third of the time, and every abstract of a report is read.
# The hint is then narrower too: a tens word and its hyphen or space, or "and a half".
_SPELLED_COMPOUND_LOWER = re.compile(_SPELLED_COMPOUND.pattern)
_COMPOUND_HINT_LOWER = re.compile(r"ty[- ]|and a half")


def _compound_numbers(text: str) -> list[_Number]:
    """Figures of two number words: "twenty-eight percent" is 28%, "three and a half" 3.5."""
    found: list[_Number] = []
    if text.isascii():
        low = text.lower()
        if not _COMPOUND_HINT_LOWER.search(low):
            return found
        matches = _SPELLED_COMPOUND_LOWER.finditer(low)
    elif not _COMPOUND_HINT.search(text):
        return found
    else:
        matches = _SPELLED_COMPOUND.finditer(text)
    for m in matches:
        if m.group("tens"):
            value = _WORD_NUMBERS[m.group("tens").lower()] + _WORD_NUMBERS[m.group("unit").lower()]
        else:
            value = _WORD_NUMBERS[m.group("whole").lower()] + 0.5
        scale = (m.group("scale") or "").strip().lower()
        unit = "%" if scale == "percent" else "x" if scale == "times" else ""
        found.append(_Number(float(value), unit, text[m.start():m.end()], m.start(), m.end()))
    return found


# "twofold", "ten-fold", "a hundredfold": a multiple in words, as "2-fold" is in figures.
_SPELLED_FOLD = re.compile(r"\b(" + "|".join(_WORD_NUMBERS) + r"|thousand)[- ]?fold\b", re.I)


# The multiples a paper may say in words ("doubled", "twice", "tripling") for a sentence's
# "2-fold" or "threefold": the rows of _QUANTITY_WORDS that are a whole multiple.
_MULTIPLE_WORDS = {r"twice|doubl": 2.0, r"thrice|tripl": 3.0, r"quadrupl": 4.0}


def multiples_in(text: str) -> set[tuple[float, str]]:
    """The whole multiples a text says in words, as figures: "doubled" is (2.0, "x")."""
    low = text.lower()
    if not any(w in low for words in _MULTIPLE_WORDS for w in words.split("|")):
        return set()
    return {(_MULTIPLE_WORDS[same], "x") for _, _, _, _, same in _quantities(text)
            if same in _MULTIPLE_WORDS}


def _fold_numbers(text: str) -> list[_Number]:
    """Multiples spelled with "fold": "twofold" is 2x, as "2-fold" and "twice" are."""
    if "fold" not in text and "Fold" not in text and "FOLD" not in text:
        return []
    return [_Number(float(_WORD_NUMBERS.get(m[1].lower(), 1000)), "x", m.group(0), m.start(),
                    m.end()) for m in _SPELLED_FOLD.finditer(text)]


# "1 in 2,000", "one in 2000", "3 out of 17", "1/2000": a ratio, compared as a fraction
# (and as a percentage: 1/2000 is 0.05%).
# Spelled on both sides too ("three in four", "two out of five"): a rounded share.
_SMALL = "one|two|three|four|five|six|seven|eight|nine|ten"
_SMALL_WHOLE = f"{_SMALL}|twenty|hundred"  # what a spelled share is out of
# ("seven in 2021" is a count and a year: a spelled share has words on both sides.)
_RATIO = re.compile(
    r"(?<![\w.\-/])(?P<a>\d+|one)\s+(?:in|out of)\s+(?P<b>\d{1,3}(?:,\d{3})+|\d+)(?![\w%.,]\d)"
    rf"|(?<![\w.\-/])(?P<e>{_SMALL})\s+(?:in|out of)\s+(?P<f>{_SMALL_WHOLE})\b(?!-)"
    r"|(?<![\w.\-/])(?P<c>\d+)/(?P<d>\d{1,3}(?:,\d{3})+|\d+)(?![\w/%])", re.I)
# What every match of _RATIO holds: "in" or "of" before a figure, or a figure, a slash and
# a figure. Most abstracts have a digit, few a ratio; this scan (of an ASCII text lowered
# first, case by case) takes a quarter of the pattern's time.
_RATIO_HINT = re.compile(rf"\d/\d|(?:in|of)\s+(?:\d|(?:{_SMALL_WHOLE})\b)", re.I)
_RATIO_HINT_LOWER = re.compile(_RATIO_HINT.pattern)


def _ratios(text: str) -> list[_Number]:
    """Ratios in the text, each as one figure with the unit "ratio"."""
    found: list[_Number] = []
    if not (_RATIO_HINT_LOWER.search(text.lower()) if text.isascii()
            else _RATIO_HINT.search(text)):
        return found
    for m in _RATIO.finditer(text):
        top = m.group("a") or m.group("e") or m.group("c")
        below = (m.group("b") or m.group("f") or m.group("d")).replace(",", "").lower()
        bottom = float(_WORD_NUMBERS.get(below, below))
        value = float(_WORD_NUMBERS.get(top.lower(), top))
        if bottom > value > 0:
            found.append(_Number(round(value / bottom, 9), "ratio", m.group(0), m.start(),
                                 m.end()))
    return found


def _precision(figure: str) -> float:
    """The unit of a figure's last written digit: 1 for "45%", 0.1 for "45.3", 1,000 for
    "32K" or "32 thousand", 100,000 for "3.2M"."""
    match = _NUMBER.search(figure)
    if match is None:
        return 0.0
    digits = match.group("num").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    unit = (match.group("unit") or "").strip(" -").lower()
    return _SCALE.get(unit, 1.0) * 10.0 ** -decimals


def _figure(match: re.Match[str]) -> _Number | None:
    """The figure a match of _NUMBER_BODY states; None for a year."""
    raw, unit = match.group("num"), (match.group("unit") or "").strip(" -").lower()
    value = float(raw.replace(",", ""))
    if not unit and "," not in raw and "." not in raw and 1900 <= value <= 2099:
        return None
    if unit in _SCALE:
        value, unit = value * _SCALE[unit], ""
    elif unit in {"%", "percent"}:
        unit = "%"
    elif unit == "times" and _PER_SECOND.match(match.string, match.end()):
        # "updated 1,000 times per second": a frequency (1 kHz), told by measure_after.
        return _Number(round(value, 6), "", raw, match.start("num"), match.end("num"))
    elif unit:
        unit = "x"
    start = match.start("num")
    if not unit and _FACTOR_BEFORE.search(match.string, max(0, start - 40), start):
        unit = "x"  # "by a factor of 1.6 to 2.3" is "1.6 to 2.3 times"
    return _Number(round(value, 6), unit, _written(match), start, match.end())


# What makes a plain figure a multiplier: "a factor of 3", "factors of 1.6 to 2.3".
_FACTOR_BEFORE = re.compile(r"\bfactors? of (?:between )?(?:\d[\d.]*\s*(?:to|-|\u2013|and)\s*)?$",
                            re.I)


def _written(match: re.Match[str]) -> str:
    """A figure as written, from its first digit."""
    return match.string[match.start("num"):match.end()].strip()


# A range whose last figure alone has the percent sign: "in 25-100% of animals".
_PERCENT_RANGE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*[-\u2013]\s*\d+(?:\.\d+)?\s*%")


def range_percents(text: str) -> set[tuple[float, str]]:
    """The first figures of ranges written "25-100%", as the percentages they are: what a
    paper states (index.py), not what a sentence must find stated ("12-15%" of a paper's
    "12 to 15 percent" claims no "12%" of its own)."""
    return {(float(m[1]), "%") for m in _PERCENT_RANGE.finditer(text)} if "%" in text else set()


def _numbers(text: str) -> list[_Number]:
    """Figures in the text, years excluded, spelled-out small numbers included."""
    compound = [*_compound_numbers(text), *_ratios(text), *_fold_numbers(text)]
    found: list[_Number] = list(compound)
    for first in _NUMBER.finditer(text):
        if any(c.start <= first.start() < c.end for c in compound):
            continue
        # A range's second figure is a figure too: "aged 16-24" states 24.
        second = _RANGE_END.match(text, first.end())
        for match in [first, second] if second else [first]:
            figure = _figure(match)
            if figure is None:
                break  # a year, and a span of years
            found.append(figure)
    spelled = _SPELLED_LOWER.finditer(text.lower()) if text.isascii() else \
        _SPELLED.finditer(text)
    for match in spelled:
        if any(c.start <= match.start() < c.end for c in compound):
            continue
        found.append(_Number(float(_WORD_NUMBERS[match.group(1).lower()]), "",
                             text[match.start():match.end()], match.start(), match.end()))
    return sorted(found, key=lambda n: n.start)


# Units of measurement as abbreviated after a figure, and the words that name them: a
# sentence's "per hectare per year" is the paper's "Mg C ha−1 yr−1", "under a
# millisecond" its "0.71 ms". Case matters ("Mg" is a megagram, "mg" a milligram).
# Written out by hand: no maintained library maps unit symbols to their English names
# without a units engine (pint) that would parse far more than the record needs.
UNIT_NAMES: dict[str, tuple[str, ...]] = {
    "ns": ("nanosecond",), "\u03bcs": ("microsecond",), "\u00b5s": ("microsecond",),
    "ms": ("millisecond",), "s": ("second",), "sec": ("second",), "min": ("minute",),
    "h": ("hour",), "hr": ("hour",), "d": ("day",), "wk": ("week",), "yr": ("year",),
    "mm": ("millimetre", "millimeter"), "cm": ("centimetre", "centimeter"),
    "km": ("kilometre", "kilometer"), "m": ("metre", "meter"),
    "μm": ("micrometre", "micrometer", "micron"),
    "µm": ("micrometre", "micrometer", "micron"),
    "nm": ("nanometre", "nanometer"), "kg": ("kilogram",), "g": ("gram",),
    "mg": ("milligram",), "Mg": ("megagram", "tonne"), "t": ("tonne",),
    "ha": ("hectare",), "Hz": ("hertz",), "kHz": ("kilohertz",), "MHz": ("megahertz",),
    "GHz": ("gigahertz",), "K": ("kelvin",), "W": ("watt",), "kW": ("kilowatt",),
    "MW": ("megawatt",), "GW": ("gigawatt",), "V": ("volt",),
    "mV": ("millivolt",), "L": ("litre", "liter"), "mL": ("millilitre", "milliliter"),
    "N": ("newton",), "kPa": ("kilopascal",), "mbar": ("millibar",), "dB": ("decibel",),
}
# A unit symbol after a figure, after another unit of the same run ("Mg C ha−1 yr−1",
# "m/s") or with an exponent: what a symbol of one or two letters means only there.
_UNIT_RUN = re.compile(
    r"\d\s*((?:(?:[A-Za-zμµ]{1,4})(?:[−-]?[1-3])?(?:\s*/\s*|\s+|(?=[\s.,;:)]|$))){1,4})")
_UNIT_TOKEN = re.compile(r"[A-Za-zμµ]{1,4}")


# What each unit measures, and its size in that dimension's unit: "2 km" is "2,000
# metres", "21.5 hours" the same time whatever "per week" follows.
_UNIT_SCALE = {
    **{u: ("time", f) for u, f in (("ns", 1e-9), ("\u03bcs", 1e-6), ("\u00b5s", 1e-6),
                                   ("ms", 1e-3), ("s", 1.0), ("sec", 1.0), ("min", 60.0),
                                   ("h", 3600.0), ("hr", 3600.0), ("d", 86400.0),
                                   ("wk", 604800.0), ("yr", 31557600.0))},
    **{u: ("length", f) for u, f in (("nm", 1e-9), ("\u03bcm", 1e-6), ("\u00b5m", 1e-6),
                                     ("mm", 1e-3), ("cm", 1e-2), ("m", 1.0), ("km", 1e3))},
    **{u: ("mass", f) for u, f in (("mg", 1e-3), ("g", 1.0), ("kg", 1e3), ("Mg", 1e6),
                                   ("t", 1e6))},
    **{u: ("frequency", f) for u, f in (("Hz", 1.0), ("kHz", 1e3), ("MHz", 1e6),
                                        ("GHz", 1e9))},
    **{u: ("power", f) for u, f in (("W", 1.0), ("kW", 1e3), ("MW", 1e6), ("GW", 1e9))},
    **{u: ("voltage", f) for u, f in (("mV", 1e-3), ("V", 1.0))},
    **{u: ("volume", f) for u, f in (("mL", 1e-3), ("L", 1.0))},
    **{u: (u, 1.0) for u in ("ha", "K", "N", "kPa", "mbar", "dB")},
}


def unit_scale(symbol: str) -> tuple[str, float]:
    """What a unit (by symbol) measures, and its size in that dimension's unit."""
    return _UNIT_SCALE[symbol]


# Each unit's symbol by its name, singular and plural ("milliseconds": "ms"), the first
# symbol of a name standing for the others ("sec" is "s").
_UNIT_SYMBOL: dict[str, str] = {}
for _symbol, _names in UNIT_NAMES.items():
    for _name in _names:
        _UNIT_SYMBOL.setdefault(_name, _symbol)
        _UNIT_SYMBOL.setdefault(_name + "s", _symbol)
# The unit written right after a figure: perhaps its spread or its range's end first
# ("0.71 ± 0.09 ms", "15-18 cm"), then a symbol or a name. What may follow ("m/s", "hours
# per week") is not read: a figure is told from the paper's others by its first unit.
_MEASURE_AFTER = re.compile(
    r"(?:\s*(?:\u00b1|-|\u2013|to)\s*\d[\d,]*(?:\.\d+)?)?[\s-]*"
    r"(?P<u>[A-Za-z\u03bc\u00b5]+)(?![\w-])")


def _unit_symbol(word: str) -> str:
    """A unit's symbol, from its symbol or its name; "" for a word that names no unit."""
    if word in UNIT_NAMES:
        return _UNIT_SYMBOL[UNIT_NAMES[word][0]]
    return _UNIT_SYMBOL.get(word.lower(), "")


# "times per second", "times a second": a frequency, in hertz.
_PER_SECOND = re.compile(r"\s+(?:per|a|each)\s+second\b", re.I)
_TIMES_PER_SECOND = re.compile(r"\s+times" + _PER_SECOND.pattern, re.I)


def measure_after(text: str, end: int) -> str:
    """The unit of the figure that ends at `end`, by symbol ("ms"); "" if none."""
    if _TIMES_PER_SECOND.match(text, end):
        return "Hz"
    m = _MEASURE_AFTER.match(text, end)
    return "" if m is None else _unit_symbol(m["u"])


def unit_words(text: str) -> frozenset[str]:
    """The stems of the names of the units the text writes as symbols after its figures
    (UNIT_NAMES): "0.71 ms" gives "millisecond"'s."""
    found = set()
    for run in _UNIT_RUN.finditer(text):
        for token in _UNIT_TOKEN.findall(run.group(1)):
            found.update(_stem(name) for name in UNIT_NAMES.get(token, ()))
    return frozenset(found)


# A decade, perhaps with its part ("the 1980s", "the mid-1980s"), and the years of it each
# part spans.
_DECADE = re.compile(r"\b(?:(?P<p>early|mid|late)[- ])?(?P<d>(?:1[5-9]|20)\d0)s\b", re.I)
_DECADE_PART = {"early": (0, 4), "mid": (3, 7), "late": (6, 9)}


def decades(text: str) -> list[tuple[str, int, int, tuple[int, int]]]:
    """The decades a text names: (as written, start, end, (first year, last year))."""
    found = []
    for m in _DECADE.finditer(text):
        first = int(m["d"])
        low, high = _DECADE_PART.get((m["p"] or "").lower(), (0, 9))
        found.append((m.group(0), m.start(), m.end(), (first + low, first + high)))
    return found


# Quantities said in words, each with the figures (value, unit) that state it, and the
# words a paper may use for it: "twice as fast" needs a paper saying 2x, 200%, twice or
# double; "about a quarter" 25% or a quarter; "a minute" one minute.
_QUANTITY_WORDS = (
    (r"twice|doubl(?:e[sd]?|ing)", {(2.0, "x"), (200.0, "%"), (100.0, "%")}, r"twice|doubl"),
    (r"thrice|tripl(?:e[sd]?|ing)", {(3.0, "x"), (300.0, "%"), (200.0, "%")}, r"thrice|tripl"),
    (r"quadrupl(?:e[sd]?|ing)", {(4.0, "x"), (400.0, "%"), (300.0, "%")}, r"quadrupl"),
    (r"halv(?:e[sd]?|ing)|(?:a |one )?half", {(2.0, "x"), (50.0, "%"), (0.5, "")},
     r"halv|half"),
    (r"(?:a|one) third", {(3.0, "x"), (33.0, "%"), (33.3, "%"), (33.33, "%"), (30.0, "%")},
     r"third"),
    (r"(?:a|one) quarter", {(4.0, "x"), (25.0, "%")}, r"quarter"),
    (r"(?:a|one) fifth", {(5.0, "x"), (20.0, "%")}, r"fifth"),
    (r"(?:a|one) sixth", {(6.0, "x"), (16.7, "%"), (17.0, "%")}, r"sixth"),
    (r"(?:a|one) seventh", {(7.0, "x"), (14.3, "%"), (14.0, "%")}, r"seventh"),
    (r"(?:an|one) eighth", {(8.0, "x"), (12.5, "%")}, r"eighth"),
    (r"(?:a|one) tenth", {(10.0, "x"), (10.0, "%")}, r"tenth"),
    # "a second" is an ordinal unless it measures time: "in under a second".
    (r"(?:a|an|one) (?:minute|hour|day|week|month|year)|(?:(?<=in )|(?<=under )|"
     r"(?<=within )|(?<=than )|(?<=per ))(?:a|one) second", set(), ""),
)
# One named group per row, so a match says which row it is.
_QUANTITY = re.compile(r"\b(?:" + "|".join(f"(?P<q{i}>{w})" for i, (w, _, _)
                                           in enumerate(_QUANTITY_WORDS)) + r")\b", re.I)


# A figure, perhaps with its unit and a word, right before "a year": a rate.
_RATE_BEFORE = re.compile(r"(?:\d[\d.,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|"
                          r"ten|twice|once))(?:\s+[A-Za-z%/]+){0,2}\s+$", re.I)
# Shares said as a fraction in words: "two-thirds", "three quarters", "four-fifths".
_DENOMINATORS = {"thirds": 3, "quarters": 4, "fifths": 5, "sixths": 6, "eighths": 8,
                 "tenths": 10}
_FRACTIONS = re.compile(r"\b(two|three|four|five|seven|nine)[- ](thirds|quarters|fifths|"
                        r"sixths|eighths|tenths)\b", re.I)


# A word (lower case) of each alternative of each row of _QUANTITY_WORDS.
_QUANTITY_HINTS = ("twice", "doubl", "thrice", "tripl", "quadrupl", "halv", "half", "third",
                   "quarter", "fifth", "tenth", "sixth", "seventh", "eighth",
                   "minute", "hour", "day", "week", "month", "year", "second")


# The same stretch of time in the next smaller unit: "an hour" is "60 minutes".
_SAME_SPAN = {"hour": r"60[ -]minutes?", "minute": r"60[ -]seconds?", "day": r"24[ -]hours?",
              "week": r"7[ -]days?", "year": r"12[ -]months?"}


def _quantities(text: str) -> list[tuple[str, int, int, frozenset[tuple[float, str]], str]]:
    """Quantities the text says in words: (text, start, end, figures, words that match)."""
    found = []
    if text.isascii():
        # On ASCII text re.I is plain ASCII case: a lowered text with none of the words
        # every match holds has no match, and most sentences have none.
        low = text.lower()
        if not any(w in low for w in _QUANTITY_HINTS):
            return found
    for m in _FRACTIONS.finditer(text):
        # "two-thirds", "four-fifths": the share, as a percentage a paper may give, or
        # the words themselves ("within four quarters of adoption" as the paper says it).
        share = 100 * _WORD_NUMBERS[m[1].lower()] / _DENOMINATORS[m[2].lower()]
        found.append((m.group(0), m.start(), m.end(),
                      frozenset({(round(share, 1), "%"), (round(share), "%")}),
                      rf"\b{m[1]}[- ]{m[2]}\b"))
    for m in _QUANTITY.finditer(text):
        _, figures, same = _QUANTITY_WORDS[int(m.lastgroup[1:])]
        if not same and m.group(0)[:2].lower() in {"a ", "an"} and _RATE_BEFORE.search(
                text[max(0, m.start() - 24):m.start()]):
            continue  # "5.7 km a year", "two quick returns a month": a rate, no span
        if not same:  # "a minute": one of that unit, said with a 1 or "a"/"one"
            unit = m.group(0).lower().split()[-1]
            other = _SAME_SPAN.get(unit)
            same = rf"\b(?:(?:a|an|one|1)[ -]{unit}" + (f"|{other}" if other else "") + r")\b"
        found.append((m.group(0), m.start(), m.end(), frozenset(figures), same))
    return found


# --- words, stems, polarity ------------------------------------------------------------

_STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "vs", "et", "al", "eg", "ie", "etc", "does",
                                          "did", "doing", "having", "shall", "non"}
# Framing words: they say what kind of sentence this is, not what the papers found.
_GENERIC = frozenset("""
paper work study article publication record researcher research line body propose introduce
provide play plays played playing role roles
present describe report show shown demonstrate find found develop create build built design
contribute contribution explore investigate examine contain cover comprise concentrate centre
centred center centered address tackle focus author coauthor co lead led sole senior
collaborator collaboration frequent frequently include list affiliation link code topic theme
concern part span year period career phase trajectory later earlier early recent recently
mainly mostly primarily area direction interest together notably particular roughly
approximately respectively nearly virtually onward onwards
particularly especially key main major overall various multiple number total count citation
category categories publish preprint appear venue release write wrote written approach method
technique task result performance experiment experimental based novel existing new state art
use used uses using available publicly github com https http www aka ms furthermore moreover
specifically call named term known aim goal problem also via way unlike instead rather
come came make made keep kept take took taken give gave given get got go went bring brought
stay remain turn move hold following date dated undated begin began begun start started
say says said abstract abstracts item items entry entries output outputs suggest suggested
thirds quarters fifths tenths sixth sixths seventh sevenths eighth eighths ninth ninths
colleague colleagues coworker coworkers team rely relies relied relying draw draws drawing
drew drawn just alongside
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
_LEX = re.compile(rf"{LETTER}+(?:'{LETTER}+)?(?:-{LETTER}+)*")

# The negators, in one home: each family below negates what follows in its own way, and
# the checks draw their lists from these.
# Words that deny the clause they open. splice.py's truncations look for these alone:
# "without" or "lack" may follow a copied phrase without denying it.
_DENYING = frozenset("not no never cannot nor neither".split())
# Negators whose object is a noun phrase: what they negate is its head, the last of its
# words ("prevents TDP-43-induced neuronal loss" negates the loss, not "neuronal").
_OBJECT_NEGATORS = frozenset("avoid avoids avoided avoiding prevent prevents prevented "
                             "eliminate eliminates eliminated lack lacks lacked lacking "
                             "without".split())
# Those a denial before them undoes ("did not prevent the spread": _undone).
_UNDONE_VERBS = _OBJECT_NEGATORS - {"without"}
# Of those, the ones that may name what is absent ("lacking Sirt1", "without IFN-γ":
# _names_an_absence).
_NAMING_NEGATORS = frozenset("lack lacks lacking without".split())
# Every word that negates what follows in a sentence ("fails to" and "-n't" are found by
# _negators); "free" only as "free of" or "free from".
_NEGATORS = _DENYING | _OBJECT_NEGATORS | {"unable", "free"}
# A paper's verbs that do away with what follows, as a sentence's "prevents" does: "the
# suppression of its localization abolishes neuronal loss" is said by "prevents neuronal
# loss". Only to excuse a sentence's negation (polarity._clause_negated): what a paper
# abolishes is no negation of the sentence's words elsewhere. "prevented" and
# "eliminated" are negators already (_OBJECT_NEGATORS), so a denial can undo them
# ("were not eliminated": _undone).
_DOING_AWAY = frozenset("abolish abolishes abolished abolishing preventing "
                        "eliminating".split())
# "not only ... but", "does not solely indicate": a negation of the scope, not of the claim.
_NOT_NEGATIONS = frozenset("only just merely necessarily solely exclusively simply".split())
# Direction words this many words after a negation are turned round ("does not clearly
# outperform"); of the other words only the first thresholds.NEGATION_SCOPE are negated.
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
        # "doubled", "tripling": a rise by a multiple (not "double", as in "double-blind").
        ("amount", 1, True): "increase increases increased increasing raise raises raised "
                             "doubles doubled doubling triples tripled tripling quadrupled "
                             "raising grow grows grew promote promotes promoted promoting "
                             "elevate elevates elevated elevation upregulate upregulates "
                             "upregulated upregulation stimulate stimulates stimulated "
                             "amplify amplifies amplified augment augments augmented "
                             "encourage encourages encouraged rise rises rose rising risen "
                             "surged soared climbed exacerbate exacerbates exacerbated "
                             "exacerbating",
        ("amount", -1, True): "decrease decreases decreased decreasing reduce reduces reduced "
                              "reducing reduction lowers lowered lowering cut cuts halve "
                              "halves halved shrink shrinks inhibit inhibits inhibited "
                              "inhibiting inhibition suppress suppresses suppressed "
                              "suppressing suppression attenuate attenuates attenuated "
                              "diminish diminishes diminished downregulate downregulates "
                              "downregulated downregulation discourage discourages "
                              "discouraged decline declines declined impair impairs impaired "
                              "shorten shortens shortened repress represses repressed "
                              "repressing halt halts halted impede impedes impeded hinder "
                              "hinders hindered abolish abolishes abolished dropped "
                              "dropping fell plunged",
        # Superlatives too: "prevalence was lowest on geriatric wards" where the papers say
        # "highest in geriatric wards" ("least" is mostly "at least": not among them).
        ("amount", 1, False): "higher larger greater more bigger highest largest greatest",
        ("amount", -1, False): "lower smaller less fewer lowest smallest fewest",
        # How long: "latent periods 1.4 days shorter than seedlings" where the papers say
        # "longer".
        ("length", 1, False): "longer longest",
        ("length", -1, False): "shorter shortest",
        ("speed", 1, False): "faster speedup speedups accelerate accelerates accelerated",
        ("speed", -1, False): "slower slowdown slows slowed slowing",

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
        # How much of something: "all of its gain" where the papers say "most of the gain".
        # Only "all" claims the whole; a part contradicts it about the same thing, and
        # nothing contradicts a part ("most" where the papers say "all" is no sign 0 claim).
        ("extent", 1, False): "all",
        # How many: "transcription factors with few targets" where the papers say "many",
        # and where things are: "densely clustered" where they say "few". Not "sparse" or
        # "dense", which name kinds of model ("sparse experts").
        ("count", 1, False): "many numerous densely abundant plentiful",
        ("count", -1, False): "few scarce",
        ("extent", 0, False): "most mostly largely majority partly partially",
        # How well: "a reliable predictor of real success" where the papers say "predicts
        # real success poorly". Not "weakly" ("weakly supervised") or "accurate" (a metric).
        ("reliability", 1, False): "reliable reliably",
        ("reliability", -1, False): "poorly unreliable unreliably",
        # Inside or outside what a model was trained on: "in-domain prompts" where the
        # papers say "out-of-domain prompts". Whole compounds, never a token's word: the
        # tokens of "out-of-domain" are "out", "of" and "domain" (_inside).
        ("inside", 1, False): "in-domain in-distribution in-sample in-vocabulary",
        ("inside", -1, False): "out-of-domain out-of-distribution out-of-sample "
                               "out-of-vocabulary",
    }
    return {w: kind for kind, words in rows.items() for w in words.split()}


_POLARITY = _polarity_table()
# Direction words that are content words too: the cited papers must use them (or a word of
# the same stem) as well as not contradict them. Every other direction word is checked
# only against the papers' direction words, but these are rarely one: "a reliable
# indicator" where the papers say nothing of reliability is a word they do not use.
_POLAR_CONTENT = frozenset("reliable reliably poorly unreliable unreliably densely abundant "
                           "plentiful scarce".split())
# A negation's scope ends at a conjunction: "without labels and outperforms" negates labels.
# So does a preposition of means: "prevents inflammation by inhibiting RIP kinase" does not
# negate the inhibiting.
# The modal after "no X" that says what no X could do: "no method could distinguish".
_MODALS = frozenset("could can would will should might may did does".split())
# The verbs after "none of the X" whose object is what none of them did or was.
# Not "has", "was": "none of her papers has code" states a record fact, which the record
# checks read, not the abstracts.
_NONE_VERBS = frozenset("could can would will should might may did does do showed show shows "
                        "reached reach achieved".split())
_SCOPE_END = frozenset("and or but while whereas which that by via through".split())
_SUBORDINATORS = frozenset("when whenever where if unless once".split())
_MAIN_VERBS_BE = frozenset("is are was were".split())
# Nouns of an effect or a link, whose "of X" or "on X" names what it is of: a negation of
# the effect ("no effect of raised water levels") says nothing of X itself.
_EFFECT_NOUNS = frozenset("effect effects impact impacts influence association associations "
                          "difference differences change changes relationship relationships "
                          "link links correlation correlations role".split())


# Words a paraphrase swaps for each other: a window with one also offers the others. The
# stem leaves "used" and "using" whole (too short to cut), so they are listed as words.
_SYNONYM_GROUPS = (
    "use used using utilize leverage employ exploit", "produce generate", "extra additional further",
    "need require", "let allow enable", "combine integrate unify", "big large huge",
    "fast quick rapid", "prior previous", "treat regard consider view",
    "show demonstrate reveal", "learn train",
)


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light stem, the verifier's (_stem): retrieval reads words as the verifier does."""
    return _stem(word)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A light stem: lower case in ASCII ("naïve" is "naive"), no plural or -ing/-ed, cut
    to a fixed length."""
    w = anyascii(word).lower() if not word.isascii() else word.lower()
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


# What may follow the part two words share for them to be one word in two forms: an
# inflection or a derivation ("react|ions", "react|ivity"; "efficien|cy", "efficien|t").
# _stem cuts every word to six letters, which makes one stem of words that only begin
# alike: "electr" is "electricity" and "electrophiles", "transf" "transfer" and
# "transformer", "combin" "combined" and "combinatorial". A word the papers write only
# in such a different word is not said there. (Endings are not meanings: "universal"
# and "university" still meet.)
_WORD_ENDINGS = frozenset("""
s es ed d ing ings e er ers or ors ion ions ation ations ition itions ication ications
ity ities ivity y ies ied ying ier iers ive ively ivities ly al ally ial ially ic ics ical
ically ment ments ence ences ance ances ent ents ant ants ency ancy nce nces ncy nt nts ntly
ise ised ises ising ize ized izes izing isation isations ization izations ness iveness
able ably ible ibly ism isms ist ists istic ous ously ful ate ates ated ating ator ators
atory ory ure ures osis oses otic t
""".split()) | {""}


@lru_cache(maxsize=1 << 16)
def same_word(a: str, b: str) -> bool:
    """Whether two words of one stem (_stem) are forms of one word: past some common
    beginning of four letters or more, each goes on with nothing or an ending
    (_WORD_ENDINGS). Lower case. "reactions"/"reactivity" are; "electricity"/
    "electrophiles" are not."""
    if a == b:
        return True
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    return any(_ending(a, k) and _ending(b, k) for k in range(shared, 3, -1))


def _ending(word: str, k: int) -> bool:
    """Whether word goes on from letter k with an ending, its last letter doubled or not
    ("signal|ling", as "signal|ing": British and American spellings)."""
    rest = word[k:]
    return rest in _WORD_ENDINGS or (len(rest) > 1 and rest[0] == word[k - 1]
                                     and rest[1:] in _WORD_ENDINGS)


_GENERIC_STEMS = frozenset(_stem(w) for w in _GENERIC)
# Head nouns that say what kind of thing a topic is, not what it is about: "diffusion
# models" is about diffusion, and a paper on a diffusion policy is on it (record.py's
# absences, support.py's subjects).
_GENERIC_HEADS = frozenset("model models method methods approach approaches technique "
                           "techniques framework frameworks system systems".split())
# The stems of words any account of a paper uses ("presents", "new", "approach").
GENERIC_STEMS = _GENERIC_STEMS
# Words that judge the work or tell how it was received. A publication record states
# neither, so such a word stands only where the cited papers use it themselves: a bio
# that calls a paper "groundbreaking" or "a topic of debate" has invented a fact.
# Told by the word as written, in its inflections (_judges), not by its stem: the stem
# cut to six letters made "high" a "highly", "transfer" a "transformative", "recognition"
# a "recognized", "exception" an "exceptional". "influence" (a verb as often as a noun:
# "X influences Y") and the intensifiers "highly" and "widely" ("highly susceptible",
# "varied widely") judge nothing alone; an intensifier of reception is _RECEPTION.
_JUDGEMENT = frozenset("""
groundbreaking breakthrough pioneering pioneer seminal landmark influential renowned
acclaimed celebrated prestigious award awarded prize famous renown debate debated controversy
controversial revolutionary revolutionize revolutionise transformative remarkable outstanding
exceptional impressive foremost eminent visionary cited praised recognized recognised
milestone trailblazing
""".split())
# "widely used", "highly regarded", "heavily cited": how a work was received.
_RECEPTION = re.compile(r"\b(widely|highly|heavily)\s+(?:cited|used|adopted|regarded|acclaimed|"
                        r"praised|recogni[sz]ed|respected|influential|celebrated|accepted|"
                        r"known|read|discussed|debated|followed)\b", re.I)


def _judges(word: str) -> bool:
    """Whether a word is a judgement word, or an inflection of one ("awards", "pioneers",
    "debates", "revolutionized")."""
    w = word.lower()
    forms = {w}
    for suffix, base in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("d", ""), ("ing", ""), ("ing", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            forms.add(w[: -len(suffix)] + base)
    return bool(forms & _JUDGEMENT)


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
    "opaque transparent translucent", "matte glossy shiny reflective", "abrupt gradual",
    "sharply gradually gracefully", "rural urban", "wet dry", "acute chronic",
    "internal external", "qualitative quantitative", "horizontal vertical",
    "uniform varied", "coastal inland", "indoor outdoor", "common shared different",
    # The sign of an association: "negatively correlated" where the papers say positively.
    "positive negative",
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


@lru_cache(maxsize=1 << 16)
def _is_content(word: str) -> bool:
    """A word that can carry a claim: not a stop word, a framing word, a number or a month."""
    w = word.lower()
    return (len(w) > 1 and w not in _STOP and w not in _MONTHS and w not in _NUMBER_WORDS
            and _stem(w) not in _GENERIC_STEMS
            and not (w.endswith("fold") and _SPELLED_FOLD.fullmatch(w)))  # "twofold"


class _Token(NamedTuple):
    """One word of running text, with the stem it is compared by (a named tuple: texts
    make tens of thousands of them per report, and a frozen dataclass is slow to build)."""

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
    # A comparison's two sides, when the word compares ("A outperforms B", "A is higher
    # than B"): the content stems of the clause up to the word, and of the phrase after
    # the verb or after "than" (_sides).
    subject: frozenset[str] = frozenset()
    compared: frozenset[str] = frozenset()
    # The sides are two conditions of one subject ("larger under short-context evaluation
    # than under extended-context evaluation"): a paper that says the word of one condition
    # alone ("more pronounced gains under extended context evaluation") says which is more.
    conditions: bool = False
    # Said in a question ("Did the programme reduce carbapenem use?"): what a paper asks
    # is no finding, so only a sentence that asks too is held to it (polarity).
    asked: bool = False

    @property
    def targets(self) -> frozenset[str]:
        return self.after | self.before

    @property
    def negated(self) -> bool:
        """Whether the word's sign is turned by a negation ("did not reduce")."""
        return self.sign != _POLARITY[self.word.lower()][1]

    @property
    def said(self) -> str:
        """The word as a reason quotes it: "not ... reduce" where it is negated."""
        return f"not ... {self.word}" if self.negated else self.word


@dataclass(frozen=True)
class _Lexical:
    """The words of a text as the lexical and polarity checks see them."""

    stems: frozenset[str]
    # Stems a negation governs, narrowly (the first thresholds.NEGATION_SCOPE words) and widely (the
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
    # A paper's comparisons stated in figures (_figure_comparisons), for the check that a
    # sentence turns a comparison round; no other check reads them.
    figures: tuple[_Polar, ...] = ()


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    """Words of running text, split at hyphens, each with its stem and position.

    offset: where the text starts in a longer one, for a caller that tokenises the parts
    of a text apart (a paper's title once, not once per window: index.py). No word runs
    across ". " or any other non-letter, so the parts' tokens are the whole's."""
    # The hottest loop of a report: a word's stem and content flag come from one cached
    # look-up, and each _Token is made by tuple.__new__, which skips the named tuple's
    # Python-level __new__ (same tuple, a sixth less time).
    out: list[_Token] = []
    append, facts, new, token = out.append, _word_facts, tuple.__new__, _Token
    for match in _LEX.finditer(text):
        word = match.group(0)
        pos = match.start() + offset
        if "-" not in word:
            stem, content = facts(word)
            append(new(token, (word, stem, pos, pos + len(word), content)))
            continue
        for part in word.split("-"):
            stem, content = facts(part)
            append(new(token, (part, stem, pos, pos + len(part), content)))
            pos += len(part) + 1
    return out


@lru_cache(maxsize=1 << 16)
def _word_facts(word: str) -> tuple[str, bool]:
    """A word's stem and whether it is a content word, as _tokens asks them."""
    return _stem(word), _is_content(word)


def _stems(text: str) -> frozenset[str]:
    """The content stems of a text, as _lexical(text).stems has them, without the work of
    finding its negations and direction words: a sentence's segments and definitions need
    only these."""
    return frozenset(_text_stems(text))


def _text_stems(text: str, previous: str | None = None, spellings: bool = False) -> set[str]:
    """The stems _lexical(text) keeps as content (no direction, stop or short word), found
    without making the tokens: every window of a report's papers is read for its stems,
    and most are never read for more.

    previous: the word of the token just before the text, if any (a direction word after
    "give" is none); spellings: with _extra_stems(text) too, from the same scan."""
    found: set[str] = set()
    if spellings and _UNIT_HINT.search(text):
        found |= _unit_words(text)
    give = previous is not None and previous.lower() in _GIVE
    for word in _LEX.findall(text):
        if spellings:
            found |= _spellings(word.lower())
        for part in word.split("-") if "-" in word else (word,):
            stem, kept, directional, gives = _stem_facts(part)
            if kept and (not directional or give):
                found.add(stem)
            give = gives
    return found


@lru_cache(maxsize=1 << 16)
def _stem_facts(word: str) -> tuple[str, bool, bool, bool]:
    """What _text_stems asks of a word, in one look-up: its stem; whether it is kept (a
    content word _is_word reads); whether it is a direction word, kept only after "give"
    ("give rise to"); and whether it is a form of "give"."""
    low = word.lower()
    stem, content = _word_facts(word)
    return (stem, content and _is_word(word),
            low in _POLARITY and low not in _POLAR_CONTENT, low in _GIVE)


def _is_direction(tokens: Sequence[_Token], i: int) -> bool:
    """Whether the word at i is a direction word ("increases"): one not after "give"
    ("give rise to" is "produce", no direction), nor one of a pair of opposite directions
    ("speed rose and fell with water pressure", "the rise and fall of"): what goes both
    ways fluctuates, it does not go one way."""
    word = tokens[i].word.lower()
    if word not in _POLARITY or (i and tokens[i - 1].word.lower() in _GIVE):
        return False
    return not (_opposite_at(tokens, i, i + 2) if _next_word(tokens, i) in {"and", "or"}
                else i >= 2 and tokens[i - 1].word.lower() in {"and", "or"}
                and _opposite_at(tokens, i, i - 2))


def _opposite_at(tokens: Sequence[_Token], i: int, j: int) -> bool:
    """Whether the word at j is a direction word of the same kind, the other way, as i's."""
    if not 0 <= j < len(tokens):
        return False
    mine, other = _POLARITY[tokens[i].word.lower()], _POLARITY.get(tokens[j].word.lower())
    return other is not None and other[0] == mine[0] and other[1] == -mine[1] != 0


# A word that bounds a figure says how large it is, not that anything went up or down:
# "more than two in five of the listings", "fewer than one in five", "less than 5 km
# from", "occupancy exceeding 90 nights". What follows it (after its "than") is a figure,
# perhaps hedged or with an article: "27%, far more than the 6% under city-side
# enforcement" compares two figures. Where the figure before it says the other way
# ("6%, far more than the 27%"), the word stays a direction for the polarity checks.
_BOUNDING = frozenset("more less fewer greater higher lower larger smaller".split())
_BOUND_STRETCH = re.compile(r"[;:]|\bto\b|\bfrom\b", re.I)
_MORE_WORDS = frozenset("more greater higher larger".split())
_BOUNDING_DIRECT = frozenset("exceed exceeds exceeded exceeding surpass surpasses surpassed "
                             "surpassing".split())
_FIGURE_AHEAD = re.compile(
    r"\s+(?:(?:about|around|roughly|approximately|nearly|almost|just|some|only|the|an?|"
    r"its|their|her|his)\s+)*(?:\d|(?:" + "|".join(_WORD_NUMBERS) +
    r"|half|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|sixth|sixths|seventh|"
    r"sevenths|eighth|eighths|ninth|ninths|tenth|tenths)\b)", re.I)


# A count of things right after a verb of change: its object ("dropping nine stations",
# "cut 12 items"), not the size of a change ("dropped 9%", "rose 3 points", "cut by half").
_COUNTED_OBJECT = re.compile(
    r"\s+(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"hundreds?)\s+(?!(?:percent|per|points?|percentage|times|fold|orders?|pp|%)\b)"
    r"[a-z][a-z-]+s\b", re.I)


def _bounds_figure(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """Whether the direction word at i bounds a figure (_BOUNDING)."""
    word = tokens[i].word.lower()
    if word in _BOUNDING:
        if _next_word(tokens, i) != "than" or not _FIGURE_AHEAD.match(text, tokens[i + 1].end):
            return False
        after = _numbers(text[tokens[i + 1].end:tokens[i + 1].end + 40])
        # The figure before it in its own stretch: not "from more than two in five to ...".
        before = _numbers(_BOUND_STRETCH.split(text[max(0, tokens[i].start - 60):
                                                    tokens[i].start])[-1])
        # Figures of one unit ("27%" and "6%"): "41 of 58 foci less than 5 km" compares none.
        if after and before and after[0].unit and after[0].unit == before[-1].unit:
            larger = before[-1].value > after[0].value
            return larger == (word in _MORE_WORDS)
        return True
    return word in _BOUNDING_DIRECT and bool(_FIGURE_AHEAD.match(text, tokens[i].end))


def _inside(text: str, tokens: Sequence[_Token], i: int) -> str | None:
    """The compound of inside or outside ("in-domain", "out-of-distribution") that the word
    at i starts, when _POLARITY has it; the tokens split it at its hyphens."""
    word = tokens[i].word.lower()
    if word == "in" and i + 1 < len(tokens) and text[tokens[i].end:tokens[i].end + 1] == "-":
        compound = f"in-{tokens[i + 1].word.lower()}"
    elif (word == "out" and i + 2 < len(tokens)
          and text[tokens[i].end:tokens[i].end + 4].lower() == "-of-"):
        compound = f"out-of-{tokens[i + 2].word.lower()}"
    else:
        return None
    return compound if compound in _POLARITY else None


def _is_word(word: str) -> bool:
    """A word _lexical reads for what it says: no negator, stop word or short word."""
    word = word.lower()
    return not (word in _NEGATORS or word in _STOP or len(word) < 3)


def _extra_stems(text: str) -> set[str]:
    """Other spellings of compounds: "pre-training" as "pretraining", and the reverse; and
    the words of a unit's symbol ("m3" is "cubic metres")."""
    # One union of every word's spellings, the loop in C: a report asks this of every
    # paper window, and most words have none.
    found = set().union(*map(_spellings, map(str.lower, _LEX.findall(text))))
    return found | _unit_words(text) if _UNIT_HINT.search(text) else found


# Units a paper writes by symbol and a sentence in words: "2.6 million m3" is "cubic
# metres", "14.2 km2" "square kilometres", "1.2 ha" "hectares". After a figure only, in
# the window that gives it. The names are UNIT_NAMES' (which unit_words reads for the
# whole paper), for the symbols read here.
_UNIT_WORDS = {symbol: frozenset(_stem(w) for w in words.split()) for symbol, words in {
    "m3": "cubic metre meter", "m\u00b3": "cubic metre meter",
    "km2": "square kilometre kilometer", "km\u00b2": "square kilometre kilometer",
    "m2": "square metre meter", "m\u00b2": "square metre meter",
    **{symbol: " ".join(UNIT_NAMES[symbol]) for symbol in
       ("ha", "km", "mm", "cm", "kg", "t", "g", "h", "min", "yr")},
}.items()}
_UNIT_AFTER_FIGURE = re.compile(r"\d\s?(?:(?:thousand|million|billion)\s)?(" +
                                "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) +
                                r")(?![\w\u00b2\u00b3])")
_UNIT_HINT = re.compile(r"\d\s?[a-z]")


def _unit_words(text: str) -> set[str]:
    """The stems of the words of each unit symbol written after a figure in the text."""
    return set().union(*(_UNIT_WORDS[m[1]] for m in _UNIT_AFTER_FIGURE.finditer(text)))


@lru_cache(maxsize=1 << 16)
def _spellings(word: str) -> frozenset[str]:
    """_extra_stems of one lower-case word, remembered as _stem is: every paper window
    asks it of each of its words, most of which are no compound."""
    if "-" in word:
        return frozenset({_stem(word.replace("-", ""))})
    extra: set[str] = set()
    for prefix in _PREFIXES:
        rest = word[len(prefix):]
        if word.startswith(prefix) and len(rest) >= 4:
            extra.update({prefix, _stem(rest)})
    return frozenset(extra)


def _lexical(text: str, alternatives: bool = False, evidence: str = "",
             tokens: list[_Token] | None = None,
             stems_known: frozenset[str] | None = None) -> _Lexical:
    """Content stems, which of them sit under a negation, and the direction words.

    A paper's windows also get the other spellings of compounds (alternatives); a
    sentence does not, or each spelling would become a word it has to support.
    tokens: _tokens(text), where the caller has them already; stems_known: the stems
    this finds, where the caller has them already (a paper's window: its window_stems,
    found when the paper was indexed), so they are not found again.
    """
    tokens = _tokens(text) if tokens is None else tokens
    # The negators that negate a statement, found once for both scopes and the count.
    negators = _undone(tokens, [i for i in _negators(tokens, text)
                                if not _names_an_absence(text, tokens, i)
                                and tokens[i].start not in _purposed_at(text)])
    negated_at = _negated_positions(text, tokens, negators, _POLAR_SCOPE)
    # A direction word's sign: the negation of a relative clause ends at the main verb
    # ("who did not receive the drug were more likely to die"). Only for directions: the
    # words a negation denies are read as before.
    turned_at = _negated_positions(text, tokens, negators, _POLAR_SCOPE,
                                   main_verb_ends=True) if negators else negated_at
    heads = _negated_positions(text, tokens, negators, thresholds.NEGATION_SCOPE,
                               skip_adverbs=True)
    stems: set[str] = set()
    negated: set[str] = set()
    plain: set[str] = set()
    negated_wide: set[str] = set()
    plain_wide: set[str] = set()
    polar: list[_Polar] = []
    for i, tok in enumerate(tokens):
        if (compound := _inside(text, tokens, i)) is not None:
            # What is inside or out is what follows the compound, not its own last word.
            kind, last = _POLARITY[compound], i + compound.count("-")
            polar.append(_Polar(compound, kind[0], -kind[1] if i in negated_at else kind[1],
                                kind[2], _targets(text, tokens, last, 1),
                                _targets(text, tokens, i, -1)))
            continue
        if _is_direction(tokens, i):
            if _bounds_figure(text, tokens, i):
                continue  # "more than two in five": a figure's size, no direction nor content
            if _COUNTED_OBJECT.match(text, tok.end) and tok.word.lower() not in _COMPARATIVES:
                continue  # "after dropping nine stations": things taken away, no amount
            kind = _POLARITY[tok.word.lower()]
            sign = -kind[1] if i in turned_at else kind[1]
            if tok.start in _framed_at(text):
                sign = 0  # "are recommended to reduce carbapenem use": a purpose, no finding
            after, before = _targets(text, tokens, i, 1), _targets(text, tokens, i, -1)
            if tok.word.lower().endswith("ing") and text[tok.start - 1:tok.start] == "-":
                # "the G4-stabilizing compound", "cholesterol-lowering drugs": what the
                # word glued before it names is what goes up or down, the noun after it
                # what does it.
                after, before = before, after
            polar.append(_Polar(tok.word, kind[0], sign, kind[2], after, before,
                                *_sides(text, tokens, i), asked=_asked(text, tok.start, tok.word)))
            if tok.word.lower() not in _POLAR_CONTENT:
                continue
        if not _is_word(tok.word):
            continue
        word = tok.word.lower()
        if word == "close" and _next_word(tokens, i) == "to" and _FIGURE_AHEAD.match(
                text, tokens[i + 1].end):
            continue  # "close to 49,000" rounds a figure: no word of what the papers say
        if word.startswith("non") and len(word) >= 7:  # "nonverbal" negates "verbal"
            negated.add(_stem(word[3:]))
            negated_wide.add(_stem(word[3:]))
        if text[max(0, tok.start - 4):tok.start].lower() == "non-":
            # "a non-significant difference" negates "significant", and only it.
            negated.add(tok.stem)
            negated_wide.add(tok.stem)
            if tok.content:
                stems.add(tok.stem)
            continue
        # Framing words count here: "code is not available" negates "available".
        (negated if i in heads else plain).add(tok.stem)
        (negated_wide if i in negated_at else plain_wide).add(tok.stem)
        if tok.content:
            stems.add(tok.stem)
    if stems_known is None and alternatives:
        stems |= _extra_stems(text)
        stems |= {s for stem in stems for s in _SYNONYMS.get(stem, ())}
    words = {t.stem for t in tokens if t.word.lower() not in _STOP or t.word.lower() in _POLARITY}
    surface = {t.word.lower() for t in tokens if t.content} if alternatives else set()
    negations = len(negators)
    return _Lexical(frozenset(stems) if stems_known is None else stems_known,
                    frozenset(negated), frozenset(plain),
                    frozenset(negated_wide), frozenset(plain_wide), tuple(polar),
                    frozenset(words), negations, frozenset(surface), evidence,
                    _figure_comparisons(text, tokens) if alternatives else ())


# A verb put as what something is for, or what someone thinks or ought to do, not as what
# a study found: "programmes are recommended to curb carbapenem overuse", "LLINs should
# replace conventional nets", "the trial aimed to reduce falls". A direction word there
# claims no direction, in a sentence or in a paper: a paper's background sentence that
# stewardship is meant to curb overuse is no finding that it did. "would" is no such frame:
# "reconnecting the floodplain would bring the peak down 9 percent" is what a model found.
_FRAMED = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:recommended|intended|"
    r"designed|meant|expected|thought|believed|assumed|hypothesi[sz]ed|proposed|used|"
    r"promoted|advocated|implemented)\s+to|aims?\s+to|aimed\s+to|seeks?\s+to|sought\s+to|"
    r"hopes?\s+to|hoped\s+to|should(?:\s+not)?|ought\s+to)\s+(?=[^\W\d_])", re.I)


@lru_cache(maxsize=1 << 14)
def _framed_at(text: str) -> frozenset[int]:
    """Where each verb _FRAMED frames starts in the text."""
    return frozenset(m.end() for m in _FRAMED.finditer(text)) if _FRAMED_HINT.search(
        text) else frozenset()


_FRAMED_HINT = re.compile(r"\b(?:to|should)\b", re.I)


def _asked(text: str, at: int, word: str) -> bool:
    """Whether the direction word at `at` is what a question asks: the stretch from it to
    the next sentence end ends with "?" (a title that asks, "Do LSTMs outperform
    conceptual models in snow-dominated basins?"), and the word is a verb. A comparative
    or an -ing word names what the question takes as given ("Does Floodplain Storage
    Still Matter under Rising Flood Peaks?")."""
    if "?" not in text:
        return False
    lower = word.lower()
    if lower in _COMPARATIVES or lower.endswith("ing"):
        return False
    end = _SENTENCE_END.search(text, at)
    return end is not None and "?" in end[0]


_SENTENCE_END = re.compile(r"[.?!]+(?=\s|$)")  # "?." where a title that asks is joined


# "did not return to day-off length until the second day off" says when it returned, as
# "returned only on the second day off" does: a time, no denial.
_NOT_UNTIL = re.compile(r"(?:\s+[\w'’-]+){1,8}?\s+until\b(?!\s+(?:now|today|recently)\b)",
                        re.I)


def _negators(tokens: Sequence[_Token], text: str) -> list[int]:
    """Indexes of the words that negate what follows ("not", "without", "fails to").

    "free" closing a compound ("cell-free DNA", "disease-free survival") says what is
    absent from the thing it names and negates nothing that follows; nor does "free"
    before a noun ("free splicing substrates"). "free of", "free from" negate.
    """
    found = []
    for i, tok in enumerate(tokens):
        word = tok.word.lower()
        is_negator = word in _NEGATORS or word.endswith("n't") or (
            word in {"fail", "fails", "failed"} and _next_word(tokens, i) == "to")
        if word == "free" and (text[tok.start - 1:tok.start] == "-"
                               or _next_word(tokens, i) not in {"of", "from"}):
            continue  # "free splicing substrates": an adjective; "free of bias" negates
        if word == "not" and re.search(r"\bwhether\s+or\s+$", text[max(0, tok.start - 12):
                                                                  tok.start], re.I):
            continue  # "whether or not flags are available": either way, no negation
        if (word == "not" or word.endswith("n't")) and _NOT_UNTIL.match(text, tok.end):
            continue  # "did not return to its length until the second day": only then
        if word == "no" and re.match(r"-[^\W\d_]", text[tok.end:tok.end + 2]):
            continue  # "no-till fields": a compound that names a practice, no negation
        if word == "no" and re.match(r"\.\s*\d", text[tok.end:tok.end + 3]):
            continue  # "Discussion Paper Series, No. 34": a number, no negation
        if word == "no" and (modal := next((k for k in range(i + 2, min(i + 4, len(tokens)))
                                             if tokens[k].word.lower() in _MODALS), None)):
            found.append(modal)  # "No method could distinguish X", as "none of them could"
            continue
        if word == "none" and _next_word(tokens, i) == "of":
            # "None of the methods could distinguish X": what none of them did is what
            # follows the verb of the phrase; a "none of" with no such verb near is left.
            verb = next((k for k in range(i + 2, min(i + 7, len(tokens)))
                         if tokens[k].word.lower() in _NONE_VERBS), None)
            if verb is not None:
                found.append(verb)
            continue
        if is_negator and _next_word(tokens, i) not in _NOT_NEGATIONS:
            found.append(i)
    return found


# "Mice lacking Sirt1", "without IFN-γ": a negation that names what is absent (a knockout,
# an ablation) negates no statement, and the paper may well name the gene plainly.
# A Greek letter marks a name as a capital or a digit does ("lacking Interferon-\u03b3").
_ABSENT_NAME = re.compile(rf"\s+(?:of\s+)?(?:{UPPER}[\w-]*(?:{UPPER}|\d|[\u03b1-\u03c9])[\w-]*"
                          r"|[a-z]+\d[\w-]*)")
_GIVE = frozenset("give gives gave given giving".split())


# What interventions are for: "Ward-Level Nursing Interventions to Prevent Inpatient
# Falls", "strategies to avoid readmission". The falls are the paper's subject, not denied;
# "blocking it is sufficient to prevent neuronal loss" is a finding, and negates.
_PURPOSE = re.compile(
    r"\b(?:interventions?|programmes?|programs?|strategies|strategy|measures?|efforts?|"
    r"policies|policy|approaches|approach|methods?|tools?|guidelines?|campaigns?|"
    r"initiatives?|bundles?)\s+(?:\w+\s+)?to\s+(?=(?:prevent|avoid|eliminate)\b)", re.I)


@lru_cache(maxsize=1 << 14)
def _purposed_at(text: str) -> frozenset[int]:
    """Where each verb of preventing that _PURPOSE frames starts in the text."""
    return frozenset(m.end() for m in _PURPOSE.finditer(text)) if "to " in text.lower() \
        else frozenset()


def _undone(tokens: Sequence[_Token], negators: list[int]) -> list[int]:
    """The negators less each pair of a denial and the verb of preventing it denies: "did
    not prevent the spread of most rumours" says the spread happened, so neither word
    negates it (nor does "did not lack", "never avoided")."""
    if len(negators) < 2:
        return negators
    undone: set[int] = set()
    for i in negators:
        j = next((k for k in range(i + 1, min(len(tokens), i + 4))
                  if tokens[k].word.lower() not in _STOP
                  and not tokens[k].word.lower().endswith("ly")), None)
        if j is not None and j in negators and tokens[j].word.lower() in _UNDONE_VERBS:
            undone |= {i, j}
    return [i for i in negators if i not in undone] if undone else negators


def _names_an_absence(text: str, tokens: Sequence[_Token], i: int) -> bool:
    """Whether the negator at i names what is absent ("lacking Sirt1", "without IFN-γ")."""
    return tokens[i].word.lower() in _NAMING_NEGATORS and bool(
        _ABSENT_NAME.match(text, tokens[i].end))


def _negated_positions(text: str, tokens: Sequence[_Token], negators: Sequence[int],
                       scope: int, skip_adverbs: bool = False,
                       main_verb_ends: bool = False) -> set[int]:
    """Indexes of the words the negators (those that name no absence) govern: the first
    `scope` words after each that are not stop words (nor, with skip_adverbs, "-ly"
    adverbs), up to the next punctuation (and, with main_verb_ends, up to an "is",
    "are", "was" or "were" after one of them: the main clause's verb)."""
    negated: set[int] = set()
    modifiers = _modifier_compounds(text, tokens) if skip_adverbs and negators else set()
    for i in negators:
        taken = 0
        # "Sprays applied when no rust was present fell by 27%": a negation that opens a
        # "when" or "if" clause ends with that clause's subject and verb, two words.
        limit = 2 if i and tokens[i - 1].word.lower() in _SUBORDINATORS else scope
        # An _OBJECT_NEGATORS' noun phrase: its words, and whether it has ended.
        phrase = tokens[i].word.lower() in _OBJECT_NEGATORS
        run: list[int] = []
        ended = False
        for j in range(i + 1, len(tokens)):
            if _punctuated(text[tokens[j - 1].end:tokens[j].start]) or \
                    tokens[j].word.lower() in _SCOPE_END:
                break
            word = tokens[j].word.lower()
            if main_verb_ends and taken and word in _MAIN_VERBS_BE:
                # "Patients who did not receive the drug were more likely to die": the
                # relative clause ends at the main clause's verb, and the negation with it.
                break
            if word in {"of", "on", "between"} and tokens[j - 1].word.lower() in _EFFECT_NOUNS:
                break  # "no significant effect of raised ditch levels": the effect is denied
            if skip_adverbs and word.endswith("ly") and word not in _POLARITY:
                continue
            if j in modifiers:
                continue  # "prevents TDP-43-induced loss" negates the loss
            if skip_adverbs and word in _LIGHT_VERBS:
                continue  # "does not play a role" negates the role
            telling = word not in _STOP or word in _POLARITY
            if phrase and not ended:
                if telling:
                    run.append(j)
                ended = bool(run) and not telling
            if phrase and skip_adverbs:
                if ended:
                    break
                continue
            if telling:
                negated.add(j)
                taken += 1
                if taken >= limit and (ended or not phrase):
                    break
        # The narrow scope (skip_adverbs) is the phrase's head; the wide one all of it,
        # and its first words as for any negator ("without loss of accuracy").
        negated.update(run[-1:] if skip_adverbs else run)
    return negated


def _punctuated(gap: str) -> bool:
    """Whether the text between two tokens holds a clause's punctuation (_PUNCTUATION).

    Asked of the gap between every pair of neighbouring words a negation or a direction
    word reaches; most gaps are a single space, which holds none, and is told without
    the pattern."""
    return gap != " " and _PUNCTUATION.search(gap) is not None


_PUNCTUATION = re.compile(r"[,.;:()]")


# Verbs that carry no claim of their own but the noun after them: "does not play a role",
# "does not exert an effect", "poses no risk" negate the role, the effect, the risk.
_LIGHT_VERBS = frozenset("play plays played playing exert exerts exerted exerting pose poses "
                         "posed posing".split())
# A hyphenated compound of letters and digits ("TDP-43-induced", "cell-cycle").
_COMPOUND = re.compile(r"[^\W_]+(?:-[^\W_]+)+")


def _modifier_compounds(text: str, tokens: Sequence[_Token]) -> set[int]:
    """Indexes of the words of hyphenated compounds that modify the word after them
    ("TDP-43-induced neuronal loss"): what a negation governs is that word, not them."""
    spans = [(m.start(), m.end()) for m in _COMPOUND.finditer(text)
             if (after := re.match(rf"\s+({LETTER}+)", text[m.end():]))
             and after.group(1).lower() not in _STOP]
    return {j for j, tok in enumerate(tokens) if any(a <= tok.start < b for a, b in spans)}


def _next_word(tokens: Sequence[_Token], i: int) -> str:
    return tokens[i + 1].word.lower() if i + 1 < len(tokens) else ""


def _targets(text: str, tokens: Sequence[_Token], i: int, step: int) -> frozenset[str]:
    """Words after (step 1) or before (step -1) a direction word: what goes up or down."""
    found: set[str] = set()
    j, limit = i + step, 3 if step > 0 else 2
    while 0 <= j < len(tokens) and len(found) < limit:
        a, b = sorted((j, j - step))
        word = tokens[j].word.lower()
        if _punctuated(text[tokens[a].end:tokens[b].start]) or word in _SCOPE_END:
            break
        if word not in _STOP or word in _POLARITY:
            found.add(_multiplier(text, tokens[j]) or tokens[j].stem)
        j += step
    return frozenset(found)


# Verbs that compare their subject with their object: "A outperforms B", "A lags behind B".
_COMPARING = frozenset("outperform outperforms outperformed outperforming surpass surpasses "
                       "surpassed surpassing exceed exceeds exceeded beat beats underperform "
                       "underperforms underperformed underperforming lag lags lagged lagging "
                       "trail trails trailed trailing".split())
# A comparison's subject starts after these words or a clause's punctuation ("show that A
# outperforms B"); its other side ends at these once it has a word ("than B on five
# benchmarks"), since what follows says where, not what.
_SUBJECT_START = frozenset("that which while whereas but because although when where if "
                           "whether".split())
_SIDE_END = frozenset("in on at for across under over by from within during with while when "
                      "whereas which that but or because although".split())
_SIDE_WORDS = 8
# A comparative finds its "than" within this many words ("a higher adjusted Rand index
# (ARI) than PCA").
_THAN_REACH = 16


def _sides(text: str, tokens: Sequence[_Token], i: int) -> tuple[frozenset[str], frozenset[str]]:
    """The two sides a direction word compares, or two empty sets when it compares none.

    A comparing verb's other side is the phrase after it ("outperforms the foundation
    models"), a comparative's the phrase after its "than" ("higher ARI than PCA and
    ZINB-WaVE"); the subject is the clause before the word ("simple baselines such as
    logistic regression"). Written by hand: no parser small enough to ship finds
    comparison sides, and these clauses are short.
    """
    j = i + 1
    if tokens[i].word.lower() in _COMPARING:
        if j < len(tokens) and tokens[j].word.lower() == "behind":
            j += 1
    else:
        while j < len(tokens) and j - i <= _THAN_REACH and tokens[j].word.lower() != "than":
            if _broken(text, tokens, j - 1, j):
                return _compared_before(text, tokens, i)
            j += 1
        if j >= len(tokens) or tokens[j].word.lower() != "than" or _broken(text, tokens,
                                                                          j - 1, j):
            return _compared_before(text, tokens, i)
        if (conditions := _conditions(tokens, i, j)) is not None:
            return conditions
        j += 1
    # "..., outperforming scVI": the participle's subject is the clause before its comma.
    participle = tokens[i].word.lower().endswith("ing")
    compared = _other_side(text, tokens, j)
    subject = _subject_side(text, tokens, i, figure=participle)
    if not (compared and subject):
        return frozenset(), frozenset()
    return subject, compared


# "Compared with BCSD, the cGAN reproduces the frequency of extreme daily rainfall more
# closely": a comparative whose other side opens its sentence, not after a "than".
_COMPARED_OPENING = re.compile(r"(?:^|[.;]\s+)(?:compared (?:with|to)|relative to|unlike)\s+"
                               r"([^,;.]+),\s*([^;.]*)$", re.I)


_COMPARATIVES = frozenset("more less fewer higher lower larger smaller greater bigger better "
                          "worse superior inferior stronger weaker faster slower".split())


def _conditions(tokens: Sequence[_Token], i: int, than: int
                ) -> tuple[frozenset[str], frozenset[str], bool] | None:
    """The two conditions a comparative at i compares when the phrase before its "than"
    (at `than`) and the one after open with the same preposition: "larger under A than
    under B" compares A with B, of one subject; else None."""
    k = i + 1
    while k < than and tokens[k].word.lower() not in _SIDE_END:
        k += 1  # "more often under", "larger on average in"
    if k >= than or than + 1 >= len(tokens) or \
            tokens[than + 1].word.lower() != tokens[k].word.lower():
        return None
    mine = frozenset(t.stem for t in tokens[k + 1:than] if _side_word(t))
    other = frozenset(t.stem for t in tokens[than + 2:than + 2 + _SIDE_WORDS]
                      if _side_word(t) and t.word.lower() not in _SIDE_END)
    if not (mine and other):
        return None
    return mine, other, True


def _compared_before(text: str, tokens: Sequence[_Token], i: int
                     ) -> tuple[frozenset[str], frozenset[str]]:
    """The sides of a comparative with no "than" whose sentence opens "Compared with X,":
    the clause after the comma up to the word, and X; else none."""
    if tokens[i].word.lower() not in _COMPARATIVES:
        return frozenset(), frozenset()  # "..., reducing the error": a verb compares nothing
    m = _COMPARED_OPENING.search(text, 0, tokens[i].start)
    if m is None:
        return frozenset(), frozenset()
    subject = frozenset(t.stem for t in tokens[:i] if m.start(2) <= t.start and _side_word(t))
    compared = frozenset(t.stem for t in tokens if m.start(1) <= t.start < m.end(1)
                         and _side_word(t))
    if not (subject and compared):
        return frozenset(), frozenset()
    return subject, compared


def _broken(text: str, tokens: Sequence[_Token], a: int, b: int) -> bool:
    """Whether a clause's punctuation stands between tokens a and b (a < b); the point and
    comma of a figure ("0.1 mm", "8,000") are none."""
    gap = text[tokens[a].end:tokens[b].start]
    return gap != " " and _CLAUSE_MARK.search(gap) is not None  # a space: the usual gap


_CLAUSE_MARK = re.compile(r"[;:]|[,.](?!\d)")


def _side_word(tok: _Token) -> bool:
    """A word that tells a comparison's side: any but a stop word ("the method" is a side,
    though "method" is no content word) or a stand-in ("than unflagged ones")."""
    word = tok.word.lower()
    return word not in _STOP and word not in _STAND_INS


_STAND_INS = frozenset({"one", "ones"})


def _other_side(text: str, tokens: Sequence[_Token], j: int) -> frozenset[str]:
    """The stems of the phrase from token j on: a comparison's other side."""
    compared: list[str] = []
    k = j
    while k < len(tokens) and len(compared) < _SIDE_WORDS:
        if k > j and _broken(text, tokens, k - 1, k):
            break
        word = tokens[k].word.lower()
        if compared and (word in _SIDE_END or word == "and" and not (
                k + 1 < len(tokens) and tokens[k + 1].word[:1].isupper())):
            break  # "than PCA and ZINB-WaVE" goes on; "outperforms B and exhibits" ends
        if _side_word(tokens[k]):
            compared.append(tokens[k].stem)
        k += 1
    return frozenset(compared)


def _subject_side(text: str, tokens: Sequence[_Token], i: int,
                  figure: bool = False) -> frozenset[str]:
    """The stems of the clause before token i: a comparison's subject. figure: the comma
    just before token i ends no clause ("of 0.84, compared with", ", outperforming")."""
    subject: list[str] = []
    k = i - 1
    while k >= 0 and len(subject) < _SIDE_WORDS and not (
            _broken(text, tokens, k, k + 1) and not (figure and k == i - 1)):
        if tokens[k].word.lower() in _SUBJECT_START:
            break
        if _side_word(tokens[k]):
            subject.append(tokens[k].stem)
        k -= 1
    return frozenset(subject)


# A comparison stated in figures: "reaches a Pearson correlation of 0.71 on the held-out
# set, compared with 0.52 for Rosetta"; "catches ... in 83% of attempts, compared with 46%
# for a frame-based camera".
_VERSUS = re.compile(r"\b(?:compared (?:with|to)|versus|vs\.?)\s+"
                     r"(?:\d+(?:\.\d+)?\s*%?\s*(?:,|and)\s*)*(\d+(?:\.\d+)?)\s*(%?)\s*"
                     r"(?:for|with|by|in)\s")
# (Of a list, "compared with 62% and 42% for modal flexibility", the last figure: it pairs
# with the last figure before, "88% and 65%", as "respectively" would pair them.)
_FIGURE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%?)")


def _figure_comparisons(text: str, tokens: Sequence[_Token]) -> tuple[_Polar, ...]:
    """Comparisons a paper states in figures, as a comparative would state them: the side
    with the larger figure is "higher" than the other (a literal comparison of the
    figures, not a judgement of which is better: an error of 0.1 is "lower").

    The first side is the clause before "compared with", its figure the last one there of
    the same kind (a percentage against a percentage: "94% of trials with 0.1 mm
    clearance, compared with 61%" compares 94 with 61)."""
    # Each comparison: where the words that join its sides start and end, the first side's
    # figure, the other's, and whether the first is a figure of its own (not a multiple).
    pairs: list[tuple[int, int, float, float, bool]] = []
    # _VERSUS (case as written) holds one of these: most windows have none.
    versus = _VERSUS.finditer(text) if ("compared " in text or "versus" in text
                                        or "vs" in text) else ()
    for m in versus:
        clause_start = max(text.rfind(c, 0, m.start()) for c in ";:") + 1
        clause_start = max(clause_start, text.rfind(". ", 0, m.start()) + 1)
        figures = [f for f in _FIGURE.finditer(text, clause_start, m.start())
                   if f.group(2) == m.group(2)]
        if figures:  # the token "compared" on
            pairs.append((m.start(), m.end(), float(figures[-1].group(1)), float(m.group(1)),
                          True))
    # "Facility-based childbirth was 71.8 percent in intervention parishes and 59.4 percent
    # in control parishes": two groups' figures side by side compare them as well.
    side_by_side = _SIDE_BY_SIDE.finditer(text) if " and " in text or "while" in text \
        or "whereas" in text else ()
    pairs += [(m.start("join"), m.end(), float(m.group(1)), float(m.group("n")), True)
              for m in side_by_side]
    # "planning with HomeDreamer succeeds 2.3 times as often as a hierarchical policy
    # baseline": more often than it, when the multiple is over 1.
    # _TIMES_AS holds a digit and "as": most windows lack one or the other.
    times_as = _TIMES_AS.finditer(text) if _DIGIT.search(text) and _may_hold(text, ("as",)) \
        else ()
    pairs += [(m.start(), m.end(), float(m.group(1)), 1.0, False) for m in times_as]
    if not pairs:
        return ()
    found: list[_Polar] = []
    starts = [t.start for t in tokens]  # the tokens' offsets (most windows compare nothing)
    for start, end, first, second, figure in pairs:
        at, after = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if first == second or at == 0 or after >= len(tokens):
            continue
        found += _higher(text, tokens, at, after, first > second, figure=figure)
    return tuple(found)


def _higher(text: str, tokens: Sequence[_Token], at: int, after: int, higher: bool,
            figure: bool = False) -> list[_Polar]:
    """A comparison in figures as the comparative "higher" (or "lower") would state it: the
    clause before token `at` against the phrase from token `after`; none without both."""
    subject = _subject_side(text, tokens, at, figure=figure)
    compared = _other_side(text, tokens, after)
    if not (subject and compared):
        return []
    word, sign = ("higher", 1) if higher else ("lower", -1)
    return [_Polar(word, "amount", sign, False, compared, subject, subject, compared)]


# Two figures of one kind, each of its own group: "71.8% in intervention parishes and 59.4%
# in control parishes", "41% among nurses, while 29% among doctors".
_SIDE_BY_SIDE = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?P<u>%|percent\b)?\s+(?:in|for|among|of|with)\s+"
    r"[^\d,;:()\[\]]{2,60}?(?P<join>,?\s+(?:and|while|whereas|but)\s+)(?:only\s+|just\s+)?"
    r"(?P<n>\d+(?:\.\d+)?)\s*(?P=u)?\s+(?:in|for|among|of|with)\s+(?=\w)", re.I)


_TIMES_AS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:times|x)\s+as\s+\w+(?:\s+\w+)?\s+as\s",
                       re.I)


_DIGIT = re.compile(r"\d")


_MULTIPLIER_WORDS = frozenset({"x", "times", "fold"})
_NUMBER_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*-?\s*$")


def _multiplier(text: str, tok: _Token) -> str | None:
    """A multiplier as one word whatever its spelling: "4x", "4 times", "4-fold" and
    "four times" are all "4x", so a direction word after it ("4x higher") is compared with
    the papers' ("4 times lower"); None for a word that is no multiplier ("at times")."""
    if tok.word.lower() not in _MULTIPLIER_WORDS:
        return None
    before = text[max(0, tok.start - 24):tok.start]
    if m := _NUMBER_BEFORE.search(before):
        return f"{float(m.group(1)):g}x"
    word = re.search(rf"({LETTER}+)\s*-?\s*$", before)
    if word and word.group(1).lower() in _MULTIPLIER_NUMBERS:
        return f"{_MULTIPLIER_NUMBERS.index(word.group(1).lower())}x"
    return None


_MULTIPLIER_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve "
                       "thirteen fourteen fifteen sixteen seventeen eighteen nineteen "
                       "twenty").split()


def _is_common(word: str) -> bool:
    """A stop word or framing word, which a capital does not make a name."""
    return word.lower() in _STOP or _stem(word) in _GENERIC_STEMS


def _spelled(sent: _Sentence, stem: str) -> str:
    """The sentence's own word for a stem, found once per sentence."""
    return sent.spelled.get(stem) or _spell(stem, sent.text)


def _spell(stem: str, text: str) -> str:
    """The sentence's own word for a stem, for reasons a person reads."""
    return next((t.word for t in _tokens(text) if t.stem == stem), stem)


_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-", "a")
# The prefixes that turn an everyday word into its negation ("unassociated", "insensitive",
# "nonhypertensive"): a sentence's own contrasts (analysis._Sentence.contrasted) and the
# WordNet pairs left to the negation check (wordnet._prefixed).
WORD_NEGATING_PREFIXES = ("un", "non", "in", "im", "il", "ir")
# "de-" undoes what the rest does ("deactivates"/"activates", "destabilizes"/"stabilizes",
# "demethylation"/"methylation"); the rest must be a word of five letters or more, so
# "design" is no undoing of "sign" nor "detect" of "tect".
_REVERSING_PREFIXES = ("de", "de-")


def _opposite(word: str, other: str) -> bool:
    """"balanced" and "unbalanced", "stable" and "instability": near in meaning to an
    embedding, opposite to a reader."""
    a, b = word.lower(), other.lower()
    for x, y in ((a, b), (b, a)):
        for prefix in _NEGATING_PREFIXES:
            if x.startswith(prefix) and len(x) - len(prefix) >= 4 \
                    and _stem(x[len(prefix):]) == _stem(y):
                return True
        for prefix in _REVERSING_PREFIXES:
            rest = x[len(prefix):]
            if x.startswith(prefix) and len(rest) >= 5 and _same_word(rest, y):
                return True
    return False


def _same_word(a: str, b: str) -> bool:
    """Two forms of one word: the same stem, and most of the shorter spelled alike
    ("activates"/"activation"), which the six-letter stem alone does not tell
    ("phosphorylated"/"phosphonic")."""
    shared = len(os.path.commonprefix([a, b]))
    return _stem(a) == _stem(b) and shared >= 0.75 * min(len(a), len(b))
