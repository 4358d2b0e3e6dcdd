"""Build evals/checker.jsonl: faithful sentences, and errors injected into them, seeded.

Faithful sentences come from three places: the hand-written sources in evals/sources/
(one file per profile, which also hold a few hand-written errors), the planner's claims
(the pipeline's fallback wording), and the abstracts' own sentences. Each injector below
turns a faithful sentence into one of the ten error types of issue 5; the ground truth
of each injection is decided from the parsed records (author positions, the numbers,
years and names each paper states), never by asking the checker. Run:

    .venv/bin/python evals/make_checker_set.py

The output is the same on every run for the same inputs (seeded random choices). Each
choice is drawn from its own random stream, seeded from a hash of the seed, the error type
and the source sentence (`draw`), never from one stream shared by the whole run: adding,
dropping or rewording one source sentence (a planner wording change) changes only the
injections made from that sentence, not every type's sample.
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.evals import (  # noqa: E402
    ERROR_TYPES,
    EVALS,
    LabelledSentence,
    load_eval_profile,
    write_labelled,
)
from agent.models import FactSheet, OwnerPosition, Paper, Profile  # noqa: E402
from agent.names import same_person  # noqa: E402
from agent.plan import Planner  # noqa: E402
from agent.verify import split_citations  # noqa: E402

SEED = 20261128
# Injected sentences per error type (the issue asks for at least 25 of each).
PER_TYPE = 30
# Abstract sentences taken as faithful sentences, per profile.
ABSTRACT_SENTENCES = 12
PROFILES = {
    "zewen-chi": "examples/zewen-chi.txt",
    "maren-lindqvist": "evals/profiles/maren-lindqvist.txt",
    "ines-okafor": "evals/profiles/ines-okafor.txt",
    "helena-kowalczyk": "evals/profiles/helena-kowalczyk.txt",
}
# How the affiliation slugs of the profiles are written in prose.
AFFILIATION_NAMES = {
    "microsoft-research": "Microsoft Research", "cmu": "Carnegie Mellon University",
    "karolinska-institutet": "Karolinska Institutet", "embl": "EMBL",
    "scilifelab": "SciLifeLab", "eth-zurich": "ETH Zurich", "google-deepmind": "Google DeepMind",
    "tu-munich": "TU Munich", "university-of-reading": "the University of Reading",
    "ecmwf": "ECMWF", "met-office": "the Met Office",
}
# Clauses no paper of the profiles states: generic ones, and some per field.
CLAUSES = {
    "*": [
        ", and it received a best paper award",
        ", and the method has since been deployed in production systems",
        ", a result that an independent group later replicated",
        ", which was funded by a European Research Council grant",
        ", and it is now the most widely used method in its area",
        ", although the gains disappear on larger benchmarks",
        ", while also halving the memory footprint",
        ", and it needs no hyperparameter tuning at all",
        ", outperforming every commercial system on the market",
        ", and it was the first such approach to be patented",
    ],
    "zewen-chi": [
        ", and it now powers a widely used web search engine",
        ", and it was integrated into the Hugging Face Transformers library",
        ", and human raters preferred its outputs in a large user study",
        ", which made it the default encoder of several translation products",
    ],
    "maren-lindqvist": [
        ", and it was validated in a clinical cohort of cancer patients",
        ", and its predictions were confirmed with CRISPR screens in mouse liver",
        ", which has since become a standard step in hospital diagnostics",
        ", and the authors extend it to bulk proteomics data",
    ],
    "ines-okafor": [
        ", and it was deployed on a fleet of warehouse robots",
        ", and it transfers to a humanoid robot without retraining",
        ", which made it the winning entry of an international robotics competition",
        ", and the same controller also flies quadrotor drones",
    ],
    "helena-kowalczyk": [
        ", and its forecasts are now used operationally by national weather services",
        ", and it also predicts drought severity in East Africa",
        ", which led to changes in European flood insurance policy",
        ", and the approach extends to sea-ice prediction",
    ],
}
# Direction words and their opposites, and negations added or taken away.
FLIPS = [
    (r"\boutperforms\b", "underperforms"), (r"\boutperform\b", "underperform"),
    (r"\boutperforming\b", "underperforming"), (r"\bbeats\b", "trails"),
    (r"\bimproves\b", "degrades"), (r"\bimprove\b", "degrade"), (r"\bimproved\b", "degraded"),
    (r"\breduces\b", "increases"), (r"\breduce\b", "increase"), (r"\bcuts\b", "raises"),
    (r"\blowers\b", "raises"), (r"\braises\b", "lowers"), (r"\bboosts\b", "hurts"),
    (r"\bhigher\b", "lower"), (r"\blower\b", "higher"), (r"\bfaster\b", "slower"),
    (r"\bbetter\b", "worse"), (r"\blarger\b", "smaller"), (r"\bsmaller\b", "larger"),
    (r"\bmore likely\b", "less likely"), (r"\bmore informative\b", "less informative"),
    (r"\bfewer\b", "more"), (r"\bsucceeds\b", "fails"), (r"\bstable\b", "unstable"),
    (r"\bpreserves\b", "destroys"), (r"\bconserves\b", "violates"), (r"\bhalves\b", "doubles"),
    (r"\bwithout\b", "with"), (r"\bdoes not require\b", "requires"),
    (r"\bneeds no\b", "needs"), (r"\bunchanged\b", "lower"), (r"\bworst\b", "best"),
    (r"\bcan\b", "cannot"), (r"\bis\b", "is not"), (r"\bare\b", "are not"),
    (r"\bkeep improving\b", "stop improving"), (r"\bpoorly\b", "well"),
]
_SPELLED = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()
_NUMBER = re.compile(
    r"(?<![\w.\-/:])(?<![A-Za-z]\()(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<unit>%|x|X|K|M|B)?(?![\w\-:/]|\.\d)")
_SPELLED_NUMBER = re.compile(r"\b(" + "|".join(_SPELLED[2:]) + r")\b", re.I)
_YEAR = re.compile(r"(?<![\w.\-])((?:19|20)\d\d)(?![\w%]|\.\d)")
_COUNT_AFTER = re.compile(
    r"^\s+(?:(?:[\w-]+\s+){0,2}?(?:papers?|publications)\b"
    r"|of\s+(?:them\b|(?:his|her|the|these)\s+(?:[\w-]+\s+)?papers\b))", re.I)
_STATS_AFTER = re.compile(r"^\s+citations\b", re.I)
_STATS_BEFORE = re.compile(r"h-index\s+of\s+$", re.I)
_ENTITY = re.compile(r"(?<![\w\-])[A-Za-z0-9][A-Za-z0-9\-.]*[A-Za-z0-9](?![\w\-])")
_QUOTED = re.compile(r'"[^"]*"')
_WORD = re.compile(r"[a-z]{4,}")
# Units and abbreviations that look like names but name nothing a paper made.
_NOT_NAMES = frozenset("kHz Hz SoTA GPU GPUs".split())
_CLAUSE_STOP = frozenset("which that with this also have been since from their there".split())


def rank(*parts: object) -> str:
    """A stable, seeded sort key: items sorted by it are in a shuffled order that an item
    added or taken away does not change for the others."""
    text = "\x1f".join(str(p) for p in (SEED, *parts))
    return hashlib.sha256(text.encode()).hexdigest()


def draw(*parts: object) -> random.Random:
    """A random stream of its own for one decision, seeded from the same hash as rank (of
    SEED and the parts: an error type, a profile, a sentence's text and keys): the same
    parts always draw the same choices, whatever else the set holds."""
    return random.Random(int(rank(*parts)[:16], 16))  # the digest's first 8 bytes


@dataclass
class Faithful:
    """A faithful sentence, the raw material of the injectors."""

    id: str
    profile: str
    text: str
    keys: list[str]
    origin: str
    tags: list[str] = field(default_factory=list)


@dataclass
class Context:
    """What the injectors know about one profile: its papers, as parsed."""

    name: str
    path: str
    profile: Profile
    facts: FactSheet

    def __post_init__(self) -> None:
        self.papers = {p.key: p for p in self.profile.papers}
        self.record = {k: _record(p) for k, p in self.papers.items()}
        self.numbers = {k: _values(_record(p, people=False)) for k, p in self.papers.items()}
        self.entities = {k: _entities(f"{p.title} {p.abstract}") for k, p in self.papers.items()}
        self.people = sorted({a for p in self.profile.papers for a in p.authors
                              if not same_person(a, self.profile.name)})

    def distinctive(self, key: str) -> list[str]:
        """Names in one paper that no other paper of the profile states."""
        return [e for e in self.entities[key]
                if not any(_norm(e) in _norm(self.record[k]) for k in self.papers if k != key)]

    def states(self, keys: Sequence[str], token: str) -> bool:
        return any(_norm(token) in _norm(self.record[k]) for k in keys if k in self.papers)


def _record(paper: Paper, people: bool = True) -> str:
    extra = " ".join([*paper.authors, *paper.affiliations]) if people else ""
    return f"{paper.title} {paper.abstract} {extra}"


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _value(match: re.Match[str]) -> float:
    value = float(match.group("num").replace(",", ""))
    return value * {"K": 1e3, "M": 1e6, "B": 1e9}.get(match.group("unit") or "", 1)


def _values(text: str) -> set[float]:
    found = {_value(m) for m in _NUMBER.finditer(text)}
    found |= {float(_SPELLED.index(w.lower())) for w in _SPELLED_NUMBER.findall(text)}
    return {round(v, 6) for v in found}


def _entities(text: str) -> list[str]:
    """Name-like tokens: inner capitals, capitals and digits, or two capitals or more."""
    found = []
    for m in _ENTITY.finditer(text):
        token = m.group(0).rstrip(".")
        letters = re.sub(r"[^A-Za-z]", "", token)
        if len(letters) < 2 or re.fullmatch(r"[\d.,]+[xXKMB%]?", token) or token in _NOT_NAMES:
            continue
        if re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+", token):
            continue  # "Short-Term", "Vision-Language": title case, not a name
        inner = any(c.isupper() for c in token[1:])
        if inner or (any(c.isdigit() for c in token) and any(c.isupper() for c in token)):
            found.append(token)
    return list(dict.fromkeys(found))


def _unquoted(text: str) -> list[tuple[int, int]]:
    """Spans of the text outside quoted titles."""
    spans, start = [], 0
    for m in _QUOTED.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _outside_quotes(text: str, start: int) -> bool:
    return any(a <= start < b for a, b in _unquoted(text))


def _is_count(text: str, start: int, end: int) -> bool:
    return bool(_COUNT_AFTER.match(text[end:]))


def _is_stat(text: str, start: int, end: int) -> bool:
    return bool(_STATS_AFTER.match(text[end:]) or _STATS_BEFORE.search(text[:start]))


def _cap(text: str, like: str) -> str:
    return text[:1].upper() + text[1:] if like[:1].isupper() else text


# --- injectors: each returns (text, keys, note) or None ------------------------------

Injection = tuple[str, list[str], str]


def changed_number(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A figure the cited papers state, changed to one none of them states."""
    stated = set().union(*(ctx.numbers[k] for k in item.keys if k in ctx.numbers))
    options = []
    for m in _NUMBER.finditer(item.text):
        value = _value(m)
        if (not m.group("unit") and "," not in m.group("num") and "." not in m.group("num")
                and 1900 <= value <= 2099) or not _outside_quotes(item.text, m.start()):
            continue
        if _is_count(item.text, m.start(), m.end()):
            continue
        options.append(("digits", m))
    for m in _SPELLED_NUMBER.finditer(item.text):
        if _outside_quotes(item.text, m.start()) and not _is_count(item.text, m.start(), m.end()):
            options.append(("word", m))
    rng.shuffle(options)
    for kind, m in options:
        for new in _other_numbers(kind, m, rng):
            value = (float(_SPELLED.index(new.lower())) if kind == "word"
                     else _value(_NUMBER.fullmatch(new)))  # type: ignore[arg-type]
            if round(value, 6) in stated:
                continue
            text = item.text[:m.start()] + new + item.text[m.end():]
            return text, list(item.keys), f"{m.group(0)} -> {new}"
    return None


def _other_numbers(kind: str, m: re.Match[str], rng: random.Random) -> list[str]:
    """Plausible wrong figures in the same format: digits swapped, nudged or scaled."""
    if kind == "word":
        i = _SPELLED.index(m.group(0).lower())
        words = [_SPELLED[j] for j in (i + 1, i - 1, i + 2, i + 3) if 2 <= j < len(_SPELLED)]
        return [_cap(w, m.group(0)) for w in words]
    raw, unit = m.group("num"), m.group("unit") or ""
    digits = raw.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits)
    candidates = []
    chars = [c for c in digits if c.isdigit()]
    for i in range(len(chars) - 1):  # swap two neighbouring digits: 65 -> 56
        if chars[i] != chars[i + 1]:
            swapped = chars[:]
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
            candidates.append(_digits_like("".join(swapped), digits))
    step = 10 ** -decimals if decimals else max(1, 10 ** (len(str(int(value))) - 2))
    candidates += [value + step * k for k in (1, 2, 3, -1, -2)]
    candidates += [value * 1.5, value * 2]
    out = []
    for c in candidates:
        c = float(c)
        if c <= 0 or round(c, 6) == round(value, 6) or (decimals == 0 and c != int(c)):
            continue
        text = f"{c:.{decimals}f}" if decimals else str(int(c))
        if "," in raw:
            text = f"{int(c):,}"
        out.append(text + unit)
    rng.shuffle(out)
    return list(dict.fromkeys(out))


def _digits_like(chars: str, original: str) -> float:
    """Digits put back with the original's decimal point."""
    if "." in original:
        whole = len(original.split(".")[0])
        return float(chars[:whole] + "." + chars[whole:])
    return float(chars)


def changed_year(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A year changed to one in which no cited paper appeared and that none mentions."""
    if any(_is_count(item.text, m.start(), m.end()) for m in _NUMBER.finditer(item.text)) or \
            re.search(r"\b(?:" + "|".join(_SPELLED[2:]) + r")\b[^.]*\bpapers\b", item.text, re.I):
        return None  # a count filtered by year: a changed year might make a true count
    years = [m for m in _YEAR.finditer(item.text) if _outside_quotes(item.text, m.start())]
    if not years:
        return None
    taken = {p.year for p in ctx.profile.papers if p.key in item.keys}
    taken |= {int(y) for k in item.keys if k in ctx.papers for y in _YEAR.findall(ctx.record[k])}
    m = rng.choice(years)
    deltas = [1, -1, 2, -2, 3]
    rng.shuffle(deltas)
    for d in deltas:
        new = int(m.group(1)) + d
        if new not in taken and new <= ctx.profile.as_of.year:
            text = item.text[:m.start()] + str(new) + item.text[m.end():]
            return text, list(item.keys), f"{m.group(1)} -> {new}"
    return None


def entity_swap(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A name of the cited paper swapped for a name from another paper of the profile."""
    if {"role", "affiliation"} & set(item.tags) or ctx.profile.name in item.text:
        return None  # "X is the first author of B" may be true of the paper B names
    mine = [m for m in _ENTITY.finditer(item.text)
            if m.group(0) in set().union(*(ctx.entities.get(k, []) for k in item.keys))
            and _outside_quotes(item.text, m.start())
            and not any(m.group(0) in p for p in ctx.people)]
    if not mine:
        return None
    m = rng.choice(mine)
    others = [e for k in ctx.papers if k not in item.keys for e in ctx.distinctive(k)
              if not ctx.states(item.keys, e) and _shape(e) == _shape(m.group(0))]
    if not others:
        others = [e for k in ctx.papers if k not in item.keys for e in ctx.distinctive(k)
                  if not ctx.states(item.keys, e)]
    if not others:
        return None
    new = rng.choice(sorted(set(others)))
    text = item.text[:m.start()] + new + item.text[m.end():]
    return text, list(item.keys), f"{m.group(0)} -> {new}"


def _shape(token: str) -> str:
    if any(c.isdigit() for c in token):
        return "digits"
    return "caps" if token.isupper() else "mixed"


def _anchors(item: Faithful, ctx: Context) -> list[str]:
    """Tokens of the sentence that tie it to its papers: names, figures, quoted titles."""
    found = [m.group(0) for m in _ENTITY.finditer(item.text)
             if ctx.states(item.keys, m.group(0)) and _entities(m.group(0))
             and not any(m.group(0) in p for p in ctx.people)]
    found += [m.group(0) for m in _NUMBER.finditer(item.text)
              if not (1900 <= _value(m) <= 2099 and not m.group("unit"))]
    found += [m.group(0).strip('"') for m in _QUOTED.finditer(item.text)]
    return found


def wrong_citation(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """The sentence cited to another paper of the profile, one that states none of its names,
    figures or titles."""
    if len(item.keys) != 1 or "count" in item.tags or "stats" in item.tags:
        return None
    anchors = _anchors(item, ctx)
    if not anchors:
        return None
    options = [k for k in ctx.papers if k not in item.keys
               and not any(_norm(a) in _norm(ctx.record[k]) for a in anchors)]
    if not options:
        return None
    new = rng.choice(sorted(options))
    return item.text, [new], f"{item.keys[0]} -> {new}"


def nonexistent_citation(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A key that is no paper of the profile, instead of a real one or next to it."""
    if not item.keys:
        return None
    real = rng.choice(item.keys)
    match = re.match(r"^([a-z\-]+)(\d{4})([a-z0-9]+)$", real)
    if not match:
        return None
    surname, year, word = match.groups()
    coauthor = rng.choice(ctx.people).split()[-1].lower()
    coauthor = re.sub(r"[^a-z]", "", coauthor)
    fakes = [f"{surname}{int(year) + 1}{word}", f"{surname}{year}{word}b",
             f"{coauthor}{year}{word}", f"{surname}{year}{word}v2"]
    fakes = [f for f in fakes if f not in ctx.papers]
    fake = rng.choice(fakes)
    if rng.random() < 0.5:
        keys = [fake if k == real else k for k in item.keys]
        return item.text, keys, f"{real} -> {fake}"
    return item.text, [*item.keys, fake], f"+ {fake}"


def negation_flip(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A direction word turned round, or a negation added or taken away."""
    direction = FLIPS[:-5]
    rules = [r for r in direction if re.search(r[0], item.text)]
    rules = rules or [r for r in FLIPS[-5:] if re.search(r[0], item.text)]
    rng.shuffle(rules)
    for pattern, replacement in rules:
        for m in re.finditer(pattern, item.text):
            if not _outside_quotes(item.text, m.start()):
                continue
            text = item.text[:m.start()] + _cap(replacement, m.group(0)) + item.text[m.end():]
            return text, list(item.keys), f"{m.group(0)} -> {replacement}"
    return None


_ROLE_SWAP = [
    (r"\bis the first author of\b", {OwnerPosition.FIRST}, "is the sole author of"),
    (r"\bis the last author of\b", {OwnerPosition.LAST}, "is the first author of"),
    (r"\bis the senior author of\b", {OwnerPosition.LAST}, "is the first author of"),
    (r"\bis the second author of\b", {OwnerPosition.MIDDLE}, "is the first author of"),
    (r"\bco-authored\b", {OwnerPosition.MIDDLE, OwnerPosition.LAST, OwnerPosition.UNKNOWN},
     "led"),
]


def role_overclaim(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A role, co-author or affiliation the author lists of the cited paper do not bear out."""
    if len(item.keys) != 1 or item.keys[0] not in ctx.papers or "count" in item.tags:
        return None
    paper = ctx.papers[item.keys[0]]
    owner = ctx.profile.name
    for pattern, positions, replacement in _ROLE_SWAP:
        if re.search(pattern, item.text) and paper.owner_position in positions:
            return re.sub(pattern, replacement, item.text, count=1), list(item.keys), replacement
    if re.search(r"\b(?:we|our)\b", item.text, re.I) or ctx.profile.name in item.text:
        return None  # "As first author, X showed that we present ..." reads as no one writes
    body = _lower_first(item.text, ctx)
    choices = []
    if paper.owner_position not in {OwnerPosition.FIRST, OwnerPosition.SOLE}:
        choices += [f"As first author, {owner} showed that {body}",
                    f"In work that {owner} led, {body}"]
        if item.text.startswith('"'):
            choices = [f"{owner}'s first-author paper {item.text}"]
    if item.text.startswith('"'):  # '"Title" (2020) presents ...' takes no "showed that"
        return (choices[0], list(item.keys), "first-author paper") if choices else None
    if paper.owner_position not in {OwnerPosition.LAST, OwnerPosition.SOLE}:
        choices.append(f"As senior author, {owner} showed that {body}")
    strangers = [p for p in ctx.people if not any(same_person(p, a) for a in paper.authors)]
    if strangers:
        choices.append(f"With {rng.choice(strangers)}, {owner} showed that {body}")
    elsewhere = [a for a in AFFILIATION_NAMES if a not in paper.affiliations
                 and any(a in p.affiliations for p in ctx.profile.papers)]
    if elsewhere:
        choices.append(f"At {AFFILIATION_NAMES[rng.choice(elsewhere)]}, {owner} showed that "
                       f"{body}")
    if not choices:
        return None
    text = rng.choice(choices)
    return text[0].upper() + text[1:], list(item.keys), text.split(",")[0]


def _lower_first(text: str, ctx: Context) -> str:
    """The sentence as a clause: its first word in lower case unless it is a name."""
    first = text.split(" ", 1)[0]
    if _entities(first) or first.strip('"') != first or any(
            first in p.split() for p in [ctx.profile.name, *ctx.people]):
        return text
    return text[:1].lower() + text[1:]


def added_clause(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A clause no cited paper states, added at the end of the sentence."""
    if not item.keys or not item.text.endswith(".") or "count" in item.tags or (
            item.origin == "planner" and '"' not in item.text):
        return None  # a clause about results fits a sentence about a paper, not a count
    record = " ".join(ctx.record[k] for k in item.keys if k in ctx.record).lower()
    clauses = [c for c in CLAUSES["*"] + CLAUSES[ctx.name]
               if sum(w not in record for w in _WORD.findall(c) if w not in _CLAUSE_STOP) >= 2]
    clause = rng.choice(clauses)
    return item.text[:-1] + clause + ".", list(item.keys), clause.strip(", ")


def merged_facts(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A figure or name of another paper put into this paper's sentence, citing both."""
    if len(item.keys) != 1 or item.keys[0] not in ctx.papers or "count" in item.tags or \
            {"role", "affiliation"} & set(item.tags) or ctx.profile.name in item.text:
        return None  # "X is the first author of B", citing B, would be true
    key = item.keys[0]
    others = [k for k in ctx.papers if k != key]
    rng.shuffle(others)
    numbers = [m for m in _NUMBER.finditer(item.text) if m.group("unit") or "." in m.group(0)]
    numbers = [m for m in numbers if _outside_quotes(item.text, m.start())]
    if numbers and rng.random() < 0.6:
        m = rng.choice(numbers)
        for other in others:
            theirs = [n for n in _NUMBER.finditer(ctx.papers[other].abstract)
                      if (n.group("unit") or "") == (m.group("unit") or "")
                      and ("." in n.group("num")) == ("." in m.group("num"))
                      and round(_value(n), 6) not in ctx.numbers[key]]
            if theirs:
                new = rng.choice(theirs).group(0)
                text = item.text[:m.start()] + new + item.text[m.end():]
                return text, _both(key, other, rng), f"{m.group(0)} -> {new} from {other}"
    mine = [m for m in _ENTITY.finditer(item.text) if m.group(0) in ctx.distinctive(key)
            and _outside_quotes(item.text, m.start())]
    if not mine:
        return None
    m = rng.choice(mine)
    for other in others:
        theirs = [e for e in ctx.distinctive(other) if _shape(e) == _shape(m.group(0))]
        if theirs:
            new = rng.choice(theirs)
            text = item.text[:m.start()] + new + item.text[m.end():]
            return text, _both(key, other, rng), f"{m.group(0)} -> {new} from {other}"
    return None


def _both(a: str, b: str, rng: random.Random) -> list[str]:
    keys = [a, b]
    rng.shuffle(keys)
    return keys


def wrong_count(item: Faithful, ctx: Context, rng: random.Random) -> Injection | None:
    """A count of papers (or of co-authored papers) changed."""
    counts = [m for m in _NUMBER.finditer(item.text) if not m.group("unit")
              and _is_count(item.text, m.start(), m.end()) and _outside_quotes(item.text, m.start())]
    counts += [m for m in _SPELLED_NUMBER.finditer(item.text)
               if _is_count(item.text, m.start(), m.end())]
    if not counts:
        return None
    m = rng.choice(counts)
    spelled = m.group(0).isalpha()
    value = _SPELLED.index(m.group(0).lower()) if spelled else int(m.group("num"))
    deltas = [1, -1, 2, 3, -2]
    rng.shuffle(deltas)
    new_value = next(value + d for d in deltas if value + d >= 2 or (value + d >= 1 and not
                                                                       spelled))
    new = (_cap(_SPELLED[new_value], m.group(0)) if spelled and new_value < len(_SPELLED)
           else str(new_value))
    text = item.text[:m.start()] + new + item.text[m.end():]
    head = re.escape(text[:m.start()] + new)
    text = (re.sub(rf"^({head}\s+)paper\b", r"\1papers", text) if new_value != 1
            else re.sub(rf"^({head}\s+)papers\b", r"\1paper", text))
    return text, list(item.keys), f"{m.group(0)} -> {new}"


INJECTORS: dict[str, Callable[[Faithful, Context, random.Random], Injection | None]] = {
    "changed_number": changed_number, "changed_year": changed_year, "entity_swap": entity_swap,
    "wrong_citation": wrong_citation, "nonexistent_citation": nonexistent_citation,
    "negation_flip": negation_flip, "role_overclaim": role_overclaim,
    "added_clause": added_clause, "merged_facts": merged_facts, "wrong_count": wrong_count,
}
assert tuple(INJECTORS) == ERROR_TYPES


# --- faithful sentences ------------------------------------------------------------------


def read_source(name: str, path: str) -> tuple[list[Faithful], list[LabelledSentence]]:
    """The hand-written faithful sentences and errors of one profile."""
    faithful, errors = [], []
    lines = (EVALS / "sources" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        head, keys, tags, text = [part.strip() for part in line.split("|", 3)]
        sign, _, error_type = head.partition(" ")
        ident = f"{name}/hand/{number:03d}"
        if sign == "+":
            faithful.append(Faithful(ident, path, text, keys.split(), "hand", tags.split()))
        else:
            errors.append(LabelledSentence(
                id=ident, profile=path, text=text, keys=keys.split(), label="unsupported",
                error_type=error_type.strip(), origin="hand", tags=tags.split()))
    return faithful, errors


# Claims that name a topic by its keywords ("include work on term, evapotranspiration and
# towers"): whether they read true depends on how well the clustering labelled the topic,
# which no reading of the abstracts can vouch for, so they are left out of the faithful set.
_TOPIC_LABEL = re.compile(r"\bconcern\b|\binclude work on\b|\bwork on .* begins with\b")


def planner_claims(ctx: Context) -> list[Faithful]:
    """Every distinct planned claim of the bio, trajectory and topics outlines, less those
    that name topics by their keywords."""
    planner = Planner(ctx.profile, ctx.facts)
    outlines = [planner.bio(n) for n in (50, 150, 300)] + [planner.trajectory(), planner.topics()]
    seen: dict[str, Faithful] = {}
    for outline in outlines:
        for claim in (c for s in outline.sections for c in s.claims):
            if _TOPIC_LABEL.search(claim.text):
                continue
            if claim.text not in seen:
                tags = ["count"] if re.search(r"\b\d+ (?:papers?|of)\b|\bon \d+\b", claim.text) \
                    else []
                seen[claim.text] = Faithful(f"{ctx.name}/planner/{len(seen) + 1:03d}", ctx.path,
                                            claim.text, list(claim.keys), "planner", tags)
    return list(seen.values())


def abstract_sentences(ctx: Context) -> list[Faithful]:
    """A seeded sample of the abstracts' own sentences, each cited to its paper: those that
    rank first by a hash of the seed and the sentence, so a sentence added to or taken from
    one abstract changes at most one of the sample."""
    pool = [(p.key, text) for p in sorted(ctx.profile.papers, key=lambda p: p.key)
            for text, _ in split_citations(p.abstract) if len(text.split()) >= 8
            and "http" not in text]
    chosen = sorted(pool, key=lambda kt: rank("abstract", ctx.name, *kt))[:ABSTRACT_SENTENCES]
    return [Faithful(f"{ctx.name}/abstract/{i:03d}", ctx.path, text, [key], "abstract")
            for i, (key, text) in enumerate(chosen, 1)]


def _key(item: Faithful) -> tuple[str, str, str]:
    return item.profile, item.text, " ".join(item.keys)


def round_robin(items: Sequence[Faithful], error_type: str) -> Iterator[Faithful]:
    """The items in a seeded order of their own for the error type (each ranked by a hash of
    the seed, the type and the sentence), alternating between profiles so each type spans
    all of them."""
    by_profile: dict[str, list[Faithful]] = {}
    for item in items:
        by_profile.setdefault(item.profile, []).append(item)
    queues = [sorted(by_profile[profile], key=lambda f: rank(error_type, *_key(f)),
                     reverse=True) for profile in sorted(by_profile)]
    while any(queues):
        for queue in queues:
            if queue:
                yield queue.pop()


def main() -> None:
    contexts = {name: Context(name, path, *load_eval_profile(path))
                for name, path in PROFILES.items()}
    faithful: list[Faithful] = []
    out: list[LabelledSentence] = []
    for name, ctx in contexts.items():
        hand, errors = read_source(name, ctx.path)
        faithful += hand + planner_claims(ctx) + abstract_sentences(ctx)
        out += errors
    out += [LabelledSentence(id=f.id, profile=f.profile, text=f.text, keys=f.keys,
                             label="supported", origin=f.origin, tags=f.tags)  # type: ignore
            for f in faithful]
    by_path = {ctx.path: ctx for ctx in contexts.values()}
    sources = [f for f in faithful if "framing" not in f.tags and f.keys]
    for error_type, inject in INJECTORS.items():
        made, tried = 0, set()
        for item in round_robin(sources, error_type):
            if _key(item) in tried:
                continue  # the same sentence from two origins draws the same injection
            tried.add(_key(item))
            result = inject(item, by_path[item.profile], draw(error_type, *_key(item)))
            if result is None or result[0] == item.text and result[1] == item.keys:
                continue
            text, keys, note = result
            made += 1
            out.append(LabelledSentence(
                id=f"injected/{error_type}/{made:03d}", profile=item.profile, text=text,
                keys=keys, label="unsupported", error_type=error_type, origin="injected",
                derived_from=item.id, note=note))
            if made == PER_TYPE:
                break
        print(f"{error_type}: {made}", file=sys.stderr)
    write_labelled(EVALS / "checker.jsonl", out)
    supported = sum(s.label == "supported" for s in out)
    print(f"wrote {len(out)} sentences ({supported} supported) to evals/checker.jsonl",
          file=sys.stderr)


if __name__ == "__main__":
    main()
