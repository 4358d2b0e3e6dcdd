"""The exact facts a sentence names, each of which a cited paper must state: figures
(numbers and quantities), years, dates, quoted strings and URLs, and names of models,
datasets and methods. How a paper states each kind (stated_in), which index entries find
the candidates fast (probes), and the check itself (stated)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.models import DatePrecision, Paper
from agent.verify.index import _LABEL_KEYWORDS, _entity_in, _PaperIndex
from agent import similarity
from agent.verify import thresholds, wordnet
from agent.verify.lexicon import (_GENERIC_HEADS, _STOP, _WORD_NUMBERS, _is_content, _norm,
                                  _numbers, _precision, _spaced, _stem, _stems, unit_scale,
                                  unit_words)
from agent.verify.reasons import Reason, cite

if TYPE_CHECKING:
    from agent.verify.analysis import _Anchor, _Sentence
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support


def stated(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
           support: _Support) -> list[Reason]:
    """Each anchor of the sentence must be stated by a cited paper (or be a label word of a
    topic they are in); the reason names where else it appears."""
    found = anchored(ctx, sent, papers)
    keys = {p.key for p in papers}
    reasons = [_missing(a, sent.papers_with[a] - keys) for a in sent.anchors if not found[a]]
    return reasons + [reason for a in sent.anchors if found[a] and _defines(sent.text, a)
                      and (reason := _renamed(sent.text, a, papers)) is not None]


# What a count counts, as a sentence says it: the plural after the figure, with at most
# one word before it ("2,400 classifiers", "5,000 labelled cells"), or "the number of X
# is N". A count is of a plural; "under 30 chose" counts nothing by the word after it.
_COUNTED_AFTER = re.compile(r"\s+((?:[a-z][a-z-]+\s+)?[a-z][a-z-]+[^su\s]s)\b(?![-'])")
_NUMBER_OF = re.compile(r"\bnumber\s+of\s+((?:[a-z][a-z-]+\s+)?[a-z][a-z-]+[^su\s]s)\s+"
                        r"(?:is|was|were|are|reached|came\s+to)\s+(?:about\s+|some\s+)?$")
# A plain count as written: digits, with thousands separated by commas or not.
_PLAIN_COUNT = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
# The end of a range ("aged 17 to 83", "from 12 to 19") is no count of what follows.
_RANGE_END = re.compile(r"(?:\bto|\band|[-\u2013])\s*$")
# Counts this small recur in an abstract for many things ("3 sites", "3 replicates").
COUNTED_MIN = 20


def counted(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
            support: _Support) -> list[Reason]:
    """A count the cited papers give of something else: "The number of cells is 2,400"
    where the paper trains "2,400 classifiers". The figure is theirs, so the figure check
    passes it; what it counts is not. Each passage of the papers stating the figure is
    read for the counted thing, or a synonym, or a word near in meaning; a count none of
    them holds of a thing the papers name elsewhere is bound to the wrong thing."""
    reasons = []
    for anchor in sent.anchors:
        if anchor.kind != "number" or anchor.value[1] or anchor.value[0] < COUNTED_MIN \
                or not _PLAIN_COUNT.fullmatch(anchor.text) \
                or _RANGE_END.search(sent.text[max(0, anchor.start - 6):anchor.start]):
            continue
        words = _counted_words(sent.text, anchor)
        # Only a thing the papers speak of elsewhere is bound wrongly ("cells", which they
        # count as 5,000); a word they never use is a paraphrase ("1,204 pupils" of "1,204
        # adolescents") or an invention, which the share of meaning weighs.
        if not words or not any(_stem(words[-1]) in p.stems for p in papers):
            continue
        passages = [line for p in papers for line in (p.paper.title, *p.sentences)
                    if any(n.value == anchor.value[0] and not n.unit for n in _numbers(line))]
        if not passages or any(_holds(words[-1], line) for line in passages):
            continue  # the head noun: "2,400 annotated cells" is no count of classifiers
        said = words[-1]
        reasons.append(Reason("number", f'"{anchor.text}" counts other things in the cited '
                                        f'papers, not "{said}"', (anchor.text, said)))
    return reasons


# What ends the stretch of words that binds a figure to what it measures: a clause mark,
# or a word that starts another item ("0.62% and a median readout error of 1.9%").
_BINDING_END = re.compile(r"[,;:()\[\]]|\b(?:and|or|but|while|whereas|versus|vs|than|"
                          r"compared|against|with)\b", re.I)
_BINDING_WORD = re.compile(r"[^\W\d_][\w'’]*")
# How many words on each side of a figure say what it measures.
_BINDING_BEFORE, _BINDING_AFTER = 5, 3


def bound(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
          support: _Support) -> list[Reason]:
    """Figures swapped between the things they measure: "a median two-qubit gate error of
    1.9% and a median readout error of 0.62%" where the paper gives "a median two-qubit
    gate error of 0.62% and a median readout error of 1.9%". Both figures are the paper's
    and so are all the words, so no other check sees it.

    A figure is bound to the words next to it, up to a clause mark, another item's first
    word or another figure. Two figures of the sentence are swapped when a passage of the
    cited papers gives both, each with words of its own (not the other's), and the
    sentence gives each with the other's own words and none of its own. Only the swap is
    told: a sentence that moves words round one figure ("lifting success over five tasks
    from 38%") is a paraphrase the other checks weigh."""
    anchors = {(a.start, a.end) for a in sent.anchors if a.kind == "number"}
    mine = [b for b in _bindings(sent.text) if (b.start, b.end) in anchors]
    if len(mine) < 2:
        return []
    passages = [found for p in papers for line in (p.paper.title, *p.sentences)
                if any(c.isdigit() for c in line) and len(found := _bindings(line)) >= 2]
    # For each figure of the sentence, the figures whose own words it is given instead.
    taken: dict[int, dict[tuple[float, str], tuple[_Bound, _Bound]]] = {}
    for i, figure in enumerate(mine):
        said = figure.before | figure.after
        if not figure.before:
            continue
        wrong: dict[tuple[float, str], tuple[_Bound, _Bound]] = {}
        for passage in passages:
            for own in (b for b in passage if b.value == figure.value):
                others = [b for b in passage if b.value != figure.value]
                distinct = own.words - frozenset().union(*(b.words for b in others))
                if not distinct or said & distinct:
                    break  # bound as a cited passage binds it
                for other in others:
                    if figure.before & (other.words - own.words):
                        wrong.setdefault(other.value, (own, other))
            else:
                continue
            break
        else:
            taken[i] = wrong
    reasons = []
    for i, figure in enumerate(mine):
        for j, other in enumerate(mine):
            if i != j and other.value in taken.get(i, {}) and figure.value in taken.get(j, {}):
                own, theirs = taken[i][other.value]
                reasons.append(Reason(
                    "number", f'"{figure.text}" is what the cited papers give for '
                              f'"{own.said}", not for "{figure.said}" (their figure for that '
                              f'is {theirs.text})', (figure.text, theirs.text)))
                break
    return reasons


@dataclass(frozen=True)
class _Bound:
    """A figure of a text, by (value, unit), and the words bound to it: the stems before
    and after it, and those before it as written."""

    value: tuple[float, str]
    text: str
    start: int
    end: int
    before: frozenset[str]
    after: frozenset[str]
    said: str

    @property
    def words(self) -> frozenset[str]:
        return self.before | self.after


@lru_cache(maxsize=4096)
def _bindings(text: str) -> tuple[_Bound, ...]:
    """Each figure of a text that measures something (not "60-qubit" or "two-qubit", which
    name a thing), with the words bound to it; each side stops at a clause mark, another
    item's first word, or another figure. Remembered: every sentence with two figures
    reads each cited passage's."""
    figures = [n for n in _numbers(text) if not _modifies(text, n.start, n.end)]
    found = []
    for k, n in enumerate(figures):
        lo = max(figures[k - 1].end if k else 0, n.start - 80)
        hi = min(figures[k + 1].start if k + 1 < len(figures) else len(text), n.end + 60)
        before, after = text[lo:n.start], text[n.end:hi]
        before = before[max((m.end() for m in _BINDING_END.finditer(before)), default=0):]
        after = after[:next((m.start() for m in _BINDING_END.finditer(after)), len(after))]
        found.append(_Bound((n.value, n.unit), n.text, n.start, n.end,
                            _content_stems(_BINDING_WORD.findall(before)[-_BINDING_BEFORE:]),
                            _content_stems(_BINDING_WORD.findall(after)[:_BINDING_AFTER]),
                            before.strip()))
    return tuple(found)


def _modifies(text: str, start: int, end: int) -> bool:
    """Whether a figure is part of a compound that names a thing ("a 60-qubit processor",
    "two-qubit gate", "distance-3 code"), not a measurement of one."""
    return (text[end:end + 1] == "-" and text[end + 1:end + 2].isalpha()) \
        or (start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha())


def _content_stems(words: Sequence[str]) -> frozenset[str]:
    """The stems of the content words among the given ones, split at hyphens."""
    return frozenset(_stem(part) for w in words for part in w.split("-")
                     if part and _is_content(part))


def _counted_words(text: str, anchor: _Anchor) -> list[str]:
    """The content words a count in the sentence counts: those after it, else the X of
    "the number of X is"."""
    after = _COUNTED_AFTER.match(text, anchor.end)
    before = _NUMBER_OF.search(text[:anchor.start]) if after is None else None
    found = after[1] if after else before[1] if before else ""
    words = found.split()
    if not words or not _is_content(words[-1]) or (len(words) == 2 and not _is_content(words[0])):
        return []  # "300 of them", "for 3 years", "in 2 the"
    return words


def _holds(head: str, line: str) -> bool:
    """Whether a sentence of the papers says what a count counts, in its word or another;
    a generic head ("models", "methods") is said of whatever a paper counts, and a unit
    of one a paper writes as its symbol ("28 weeks" of "at 28 wk")."""
    stems = _stems(line) | unit_words(line)
    if head in _GENERIC_HEADS or _stem(head) in stems or wordnet.synonym_among(head, stems):
        return True
    pool = sorted({w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]+", line)})
    return any(sim >= thresholds.WORD_SIMILARITY
               for sim, _ in similarity.best_matches([head], pool))


# An acronym as a definition writes it: capitals (and digits), in brackets after its words.
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9-]*[A-Z0-9]s?")
_DEFINED = re.compile(r"((?:[\w-]+\s+){1,6})\(([A-Z][A-Za-z0-9-]*[A-Z0-9])s?\)")


def _defines(text: str, anchor: _Anchor) -> bool:
    """Whether the sentence defines the anchor as an acronym: "Optimal reward baseline
    (OPO)"."""
    return (anchor.kind == "entity" and _ACRONYM.fullmatch(anchor.text) is not None
            and sum(c.isupper() for c in anchor.text) >= 2
            and text[anchor.start - 1:anchor.start] == "(" and text[anchor.end:anchor.end + 1] == ")")


def _renamed(text: str, anchor: _Anchor, papers: Sequence[_PaperIndex]) -> Reason | None:
    """A definition whose words a cited paper defines under another acronym: "Optimal
    Reward Baseline (OPB)" where the paper writes "Optimal reward baseline (OPO)". A gloss
    of words the paper gives no acronym ("Folic acid (FA)") stands, as its initials do."""
    name = anchor.text[:-1] if anchor.text.endswith("s") and anchor.text[:-1].isupper() \
        else anchor.text
    size = max(2, sum(c.isupper() for c in name))  # the expansion's words, one a capital
    words = _definition_words(text[:anchor.start - 1], size)
    for paper in papers:
        record = paper.text
        if re.search(rf"(?<![\w-]){re.escape(name)}s?(?![\w-])", record):
            return None
        for match in _DEFINED.finditer(record):
            theirs = match[2]
            if theirs != name and words == _definition_words(match[1], size):
                return Reason("entity", f'defines "{anchor.text}" where the cited papers '
                              f'call it "{theirs}"', (anchor.text, theirs))
    return None


def _definition_words(before: str, size: int) -> frozenset[str]:
    """The last `size` words before a definition's bracket (its expansion), as stems."""
    return frozenset(_stem(w) for w in re.findall(r"[A-Za-z]+", before)[-size:])


def anchored(ctx: ProfileIndex, sent: _Sentence,
             papers: Sequence[_PaperIndex]) -> dict[_Anchor, set[str]]:
    """The cited papers that state each anchor of the sentence."""
    keys = {p.key for p in papers}
    return {a: set(sent.papers_with[a] & keys) or _cited_stating(a, papers)
            or _labelled(ctx, a, keys) or _said_otherwise(sent.text, a, papers)
            or _worked_out(sent, a, keys) or _part_of_whole(sent.text, a, papers)
            for a in sent.anchors}


# The whole a share is of, as the sentence gives it: "one in six of the 148 studies".
_OF_WHOLE = re.compile(r"\s+of\s+(?:the|its|their|her|his|these|those|all)?\s*"
                       r"(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<w>(?:[^\W\d_][\w-]*\s*){1,2})")
# A paper's count of a thing: the figure and the words right after it ("only 23 studies").
_COUNT_OF = re.compile(r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<w>(?:[^\W\d_][\w-]*"
                       r"\s*){1,3})")


def _part_of_whole(text: str, anchor: _Anchor, papers: Sequence[_PaperIndex]) -> set[str]:
    """The papers that give the part of a share in words whose whole the sentence gives:
    "fewer than one in six of the 148 studies" where a paper that reports 148 studies
    says "only 23 studies sampled below 30 cm" (15.5%). The part counts the same thing
    (a word of the sentence's after the whole is among the three after the part), and
    the share rounds as any share in words does (_near_share)."""
    if anchor.kind == "quantity":
        shares = [f for f, u in anchor.value[0] if u == "%" and f < 100]
    elif anchor.kind == "number" and anchor.value[1] == "ratio":
        shares = [anchor.value[0] * 100]
    else:
        return set()
    whole = _OF_WHOLE.match(text, anchor.end)
    if not shares or whole is None:
        return set()
    size = float(whole["n"].replace(",", ""))
    counted = {_stem(w) for w in whole["w"].split() if w.lower() not in _STOP}
    found = set()
    for paper in papers:
        if (size, "") not in paper.numbers:
            continue
        for sentence in paper.sentences:
            for m in _COUNT_OF.finditer(sentence):
                part = float(m["n"].replace(",", ""))
                if 0 < part < size and counted & {_stem(w) for w in m["w"].split()} and any(
                        _near_share(anchor.hedge, 100 * part / size, f) for f in shares):
                    found.add(paper.key)
    return found


# A figure that counts a multiple: "three times HBV's 4%", not "three times a second".
_TIMES = re.compile(r"\s+times\b(?!\s+(?:per|a|each|every)\b)", re.I)


def _worked_out(sent: _Sentence, anchor: _Anchor, keys: set[str]) -> set[str]:
    """A multiple in words that the sentence's own figures make: "a median 21.5 hours
    weekly, more than double the 8-10 hours policy assumes" (each figure is checked
    against the papers on its own). Within a tenth, or on the hedge's side by up to a
    quarter, as _derived reads a paper's figures."""
    if anchor.kind == "quantity":
        multiples = [f for f, unit in anchor.value[0] if unit == "x" and f > 1]
    elif anchor.kind == "number" and _TIMES.match(sent.text, anchor.end) and \
            anchor.value[0] > 1 and not anchor.value[1]:
        multiples = [anchor.value[0]]  # "by 12%, three times HBV's 4%"
    else:
        return set()
    # The figure it is a multiple of comes right after it, the multiple just before; the
    # two of one unit ("by 12%, three times HBV's 4%").
    before = [(n.value, n.unit) for n in _numbers(sent.text[max(0, anchor.start - 80):
                                                            anchor.start]) if n.value > 0]
    after = [(n.value, n.unit) for n in _numbers(sent.text[anchor.end:anchor.end + 40])
             if n.value > 0]
    if any(_near_multiple(anchor.hedge, a / b, multiple)
           for multiple in multiples for a, unit in before for b, other in after
           if unit == other):
        return set(keys)
    return set()


# A span of time in the next smaller unit, by how many of it there are in one ("two weeks"
# is "14 days"); a month is about 30 days (within a twentieth: "two months" for "60 days").
_SPANS = {"week": (("day", 7.0, 0.0),), "month": (("day", 30.0, 0.05), ("week", 4.35, 0.1)),
          "year": (("month", 12.0, 0.0),), "day": (("hour", 24.0, 0.0),),
          "hour": (("minute", 60.0, 0.0),), "minute": (("second", 60.0, 0.0),)}
_SPAN_AFTER = re.compile(r"[\s-]+(week|month|year|day|hour|minute)s?\b", re.I)
# A paper's figure of each smaller unit, perhaps with a word between: "14 consecutive days".
_SPAN_FIGURE = {unit: re.compile(rf"(\d[\d,.]*)(?:\s+[a-z]+)?[\s-]+{unit}s?\b", re.I)
                for unit in {u for spans in _SPANS.values() for u, _, _ in spans}}
# "one of thirteen authors": the length of the author list.
_AUTHORS_AFTER = re.compile(r"\s+(?:co-?)?authors\b", re.I)


def _said_otherwise(text: str, anchor: _Anchor, papers: Sequence[_PaperIndex]) -> set[str]:
    """The cited papers that state a plain figure in another way: a span of time in the
    next smaller unit ("for two weeks" of "for 14 consecutive days"), or a count of authors
    as the length of the author list ("one of thirteen authors")."""
    if anchor.kind != "number" or anchor.value[1]:
        return set()
    value = anchor.value[0]
    after = text[anchor.end:anchor.end + 12]
    if _AUTHORS_AFTER.match(after):
        return {p.key for p in papers if len(p.authors) == value}
    span = _SPAN_AFTER.match(after)
    if span is None:
        return set()
    found = set()
    for unit, size, slack in _SPANS[span[1].lower()]:
        want = value * size
        for p in papers:
            if any(abs(float(m[1].replace(",", "").rstrip(".")) - want) <= slack * want + 1e-9
                   for m in _SPAN_FIGURE[unit].finditer(p.text) if m[1].rstrip(".,")):
                found.add(p.key)
    return found


def _cited_stating(anchor: _Anchor, papers: Sequence[_PaperIndex]) -> set[str]:
    """The cited papers that state an anchor the profile's index filed elsewhere: the
    index finds a name by its forms, and once another paper writes "OCT3/4" as such, the
    cited paper that writes it "Oct4" (or "interleukin-6" for "IL-6") is not looked at."""
    # So it is with a share in words ("three in four"), which the index files under its
    # exact value: another paper's "75%" hides the cited paper's "75.5%".
    # And a decade a paper names ("since the 1990s") with none of its years.
    if anchor.kind != "entity" and not (anchor.kind == "number" and anchor.value[1] == "ratio"
                                        ) and not (anchor.kind == "year"
                                                   and isinstance(anchor.value, tuple)):
        return set()
    return {p.key for p in papers if stated_in(anchor, p)}


def probes(anchor: _Anchor) -> set[str]:
    """Index entries that any paper stating the anchor must hold (see
    ProfileIndex._probe_index)."""
    if anchor.kind == "number":
        value, unit = anchor.value
        return {f"figure {value} {unit}" if unit else f"figure {value}"}
    if anchor.kind == "year" and isinstance(anchor.value, tuple):  # a decade: any year of it
        return {f"year {year}" for year in range(anchor.value[0], anchor.value[1] + 1)}
    if anchor.kind == "year":
        return {f"year {anchor.value}"}
    if anchor.kind == "quantity":  # few papers say these: test every one (ProfileIndex.papers_with)
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


# The kind of error an anchor no cited paper states: a quantity is a figure.
_KINDS = {"quote": "quote", "number": "number", "year": "year", "date": "date",
          "entity": "entity", "quantity": "number"}


def _missing(anchor: _Anchor, elsewhere: frozenset[str]) -> Reason:
    """The reason for an anchor no cited paper states, naming where it does appear."""
    label = {"quote": "quoted text", "number": "number", "year": "year",
             "date": "date", "entity": "name", "quantity": "quantity"}[anchor.kind]
    hint = f" (it is in {cite(sorted(elsewhere))})" if 0 < len(elsewhere) <= 3 else ""
    return Reason(_KINDS[anchor.kind], f'{label} "{anchor.text}" is not in the cited papers{hint}',
                  (anchor.text, *sorted(elsewhere)))


def stated_in(anchor: _Anchor, paper: _PaperIndex) -> bool:
    """Whether one paper's record states the anchor."""
    if anchor.kind == "quote":
        return str(anchor.value) in paper.quote_text
    if anchor.kind == "number":
        value, unit = anchor.value
        if anchor.measure and (measured := paper.measures.get(
                unit_scale(anchor.measure)[0])):
            # A figure with its unit is one of the paper's figures in that unit: "six
            # milliseconds" is no "0.6 ms", whatever "6%" the paper gives elsewhere. Not
            # one it gives bare: "two hours" is no "two quick returns".
            return _measured_in(anchor, measured)
        if unit == "ratio" and (round(value * 100, 6), "%") in paper.numbers:
            return True
        if unit == "ratio" and anchor.text[-1].isalpha():
            # "three in four" rounds a share: within half its step, and at most 2.5
            # points, of a percentage the paper gives ("75.5%"; "two in five" for 39.8%;
            # not "one in three" for 30%).
            bottom = _WORD_NUMBERS.get(anchor.text.split()[-1].lower(), 0)
            near = min(50 / bottom, 2.5) if bottom else 0.0
            if any(u == "%" and abs(v - value * 100) <= near for v, u in paper.numbers):
                return True
        # A figure rounded to the sentence's precision is the paper's figure: "32K" for
        # 32,441, "45%" for 45.3%; a figure outside half a unit of it is not.
        half = (0.0 if unit == "ratio" else _precision(anchor.text) / 2) + 1e-9
        if (value, unit) in paper.numbers or any(
                (u == unit or not unit or (not u and _per_cent_of_bare(anchor)))
                and abs(v - value) <= half for v, u in paper.numbers):
            return True
        if not anchor.hedge:
            return False
        low, high, unit = hedged_range(anchor)
        return any((u == unit or not unit) and low <= v <= high
                   and not (u == "%" and v in paper.levels) for v, u in paper.numbers)
    if anchor.kind == "quantity":
        figures, same = anchor.value
        # A share in words rounds as "three in four" does: "a third" for 31%; hedged, by
        # up to five points on the side the hedge allows ("nearly two-thirds" for 62%,
        # "under half" for 46%).
        shares = [f for f, u in figures if u == "%" and f < 100]
        return bool(figures & paper.numbers) or bool(
            same and re.search(same, paper.quote_text, re.I)) or any(
            u == "%" and v not in paper.levels and _near_share(anchor.hedge, v, f)
            for v, u in paper.numbers for f in shares) or _derived(anchor, paper)
    if anchor.kind == "year" and isinstance(anchor.value, tuple):  # a decade: a year of it
        low, high = anchor.value
        return any(low <= year <= high for year in paper.years) or any(
            low <= last and first <= high for first, last in paper.decade_years)
    if anchor.kind == "year":
        return anchor.value in paper.years
    if anchor.kind == "date":
        return _date_matches(paper.paper, *anchor.value) or _date_stated(anchor, paper)
    if paper.paper.kind == "thesis" and len(anchor.value) == 1 and _norm(
            anchor.value[0][0]) in _DEGREES:
        return True  # "her PhD thesis": the record says it is a thesis
    return _entity_in(anchor.value, paper)


# The degrees a thesis is written for, as a sentence names them ("her PhD thesis").
_DEGREES = frozenset("phd dphil doctoral msc mphil".split())


def _labelled(ctx: ProfileIndex, anchor: _Anchor, keys: set[str]) -> set[str]:
    """A name that is a keyword of a topic the cited papers are in ("DoF arm"): a fact
    of the analysis about those papers, like the topic's other label words."""
    if anchor.kind != "entity":
        return set()
    name = _norm(anchor.text)
    return {k for t in ctx.facts.topics if keys & set(t.paper_keys)
            and any(name in {_norm(kw), *(_norm(w) for w in kw.split())}
                    for kw in t.keywords[:_LABEL_KEYWORDS]) for k in keys & set(t.paper_keys)}


def _measured_in(anchor: _Anchor, values: frozenset[float]) -> bool:
    """Whether a figure is one of a paper's figures of what its unit measures (values, in
    that dimension's unit): to the sentence's precision, or within its hedge
    (hedged_range). "2 km" is "2,000 metres"."""
    size = unit_scale(anchor.measure)[1]
    value = anchor.value[0] * size
    half = (_precision(anchor.text) / 2 + 1e-9) * size
    if any(abs(v - value) <= half * (1 + 1e-9) for v in values):
        return True
    if not anchor.hedge:
        return False
    low, high, _ = hedged_range(anchor)
    return any(low * size <= v <= high * size for v in values)


def _derived(anchor: _Anchor, paper: _PaperIndex) -> bool:
    """A quantity in words that the paper's figures make (_PaperIndex.derived): "half of
    its groups" of "48 of 96 groups", "more than tripled" of "from 6 percent to 21
    percent". A multiple is within a tenth of the paper's, or on the hedge's side of it
    by up to a quarter; a share as a share in words rounds (_near_share)."""
    figures, _ = anchor.value
    for value, unit in paper.derived:
        for figure, want in figures:
            if unit != want or (unit == "%" and figure >= 100):
                continue
            if unit == "%" and _near_share(anchor.hedge, value, figure):
                return True
            if unit == "x" and figure > 1 and _near_multiple(anchor.hedge, value, figure):
                return True
    return False


def _near_multiple(hedge: str, value: float, multiple: float) -> bool:
    """Whether a ratio is a multiple in words as the sentence hedges it: within a tenth
    ("tripled" for 2.9), or on the hedge's side by up to a quarter ("more than tripled"
    for 3.5)."""
    if hedge == "above":
        return multiple <= value <= multiple * 1.25
    if hedge == "below":
        return multiple * 0.75 <= value <= multiple
    return abs(value - multiple) <= 0.1 * multiple


def _per_cent_of_bare(anchor: _Anchor) -> bool:
    """A percentage under one, with decimals, may be a paper's bare figure: an elasticity
    "falls from 0.026 to 0.019" is "0.019% for each 1% more listings"."""
    value, unit = anchor.value
    return unit == "%" and value < 1 and "." in anchor.text


def _near_share(hedge: str, value: float, share: float) -> bool:
    """Whether a paper's percentage is a share in words as the sentence hedges it."""
    if hedge == "above":
        return share <= value <= share + 5.0
    if hedge == "below":
        return share - 5.0 <= value <= share
    return abs(value - share) <= (5.0 if hedge else 2.5)


def hedged_range(anchor: _Anchor) -> tuple[float, float, str]:
    """The paper figures a hedged figure stands for, and their unit: within a twentieth
    (or its rounding) of "about 49,000"; up to a quarter over "more than 40%", and up to a
    quarter under "fewer than one in five" (a share in words is read as a percentage),
    and for a percentage by at most ten points ("more than four in five" is no 97%)."""
    value, unit = anchor.value
    if unit == "ratio":
        value, unit = value * 100, "%"
        half = 0.0
    else:
        half = _precision(anchor.text) / 2
    width = min(value * 0.25, 10.0) if unit == "%" else value * 0.25
    if anchor.hedge == "above":
        return value, value + width, unit
    if anchor.hedge == "below":
        return value - width, value, unit
    # "about 68%" is no 71%: a figure rounds to its own last digit, so a hedge spreads it
    # by a twentieth only as far as its roundness goes ("close to 49,000" for 48,612).
    # (A figure in words, "about five days", "two million", is as round as it is said.)
    rounded = _roundness(anchor.text) or abs(value)
    spread = max(half, min(abs(value) * 0.05, rounded))
    return value - spread, value + spread, unit


def _roundness(text: str) -> float:
    """The unit a figure is rounded to: 1,000 for "49,000", 10 for "40", 1 for "68", 0.1
    for "1.5" (times its scale: "3K" is rounded to 1,000)."""
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if digits is None:
        return 0.0
    figure = digits.group(0).replace(",", "")
    if "." in figure:
        return _precision(text)
    zeros = len(figure) - len(figure.rstrip("0"))
    return _precision(text) * 10.0 ** min(zeros, len(figure) - 1)


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
