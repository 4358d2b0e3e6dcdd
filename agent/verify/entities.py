"""Facts merged from different papers: the names and figures of one clause must come from
one cited paper unless the clause lists them, and what a clause says of a name must be
what the papers that state the name say. Also how a sentence that groups papers is cut
into the stretches that speak of each (units)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.verify import thresholds
from agent.verify.anchors import anchored
from agent.verify.index import _PaperIndex
from agent.verify.lexicon import _norm, _stems
from agent.verify.reasons import Reason, cite
from agent.verify.support import _best_windows, _covered, _enough

if TYPE_CHECKING:
    from agent.verify.analysis import _Anchor, _Sentence
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support


# What separates the stretches of a clause that groups papers ("A (X) and B (Y)" too), and
# what may stand between a stretch's edge and the name that labels it.
_STRETCH_BREAK = re.compile(r"[,;:]|(?<=\))\s+(?=(?:and|or)\s)")
_LABEL_BEFORE = re.compile(r"[\s,;:]*(?:(?:and|or|then|while|whereas)\s+)?(?:the\s+)?", re.I)
_LABEL_AFTER = re.compile(r"\s*\)[\s.,;:]*")
_PHRASE_AND = re.compile(r"\s(?:and|or)\s")
# "papers from 2018 and 2019", "in 2020, 2022 and 2024": years a clause lists say which
# papers it speaks of, one year each, not that any fact belongs to one of them.
_YEAR_LIST = re.compile(r"\b(?:19|20)\d\d(?:(?:\s*,\s*|\s*,?\s+(?:and|or)\s+)(?:19|20)\d\d\b)+")
# A year, two of which every list holds: a sentence with one year or none (most) lists none,
# and this scan (its digits a prefix the engine skips ahead to) is quicker than the list's.
_YEAR = re.compile(r"(?:19|20)\d\d")
_COORDINATION = re.compile(r"^\s*(?:,|/|,?\s*(?:and|or|as well as)|\)\s*(?:,|and)?|,\s*\()"
                           r"\s*(?:\(\s*)?$")


def _year_lists(text: str) -> list[re.Match[str]]:
    """_YEAR_LIST's matches in the text."""
    return list(_YEAR_LIST.finditer(text)) if len(_YEAR.findall(text)) >= 2 else []


def merged(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
           support: _Support) -> list[Reason]:
    """Facts of two cited papers merged into one clause: figures and names no one paper
    states together, else what a clause says of a name that the name's papers do not say."""
    return _binding_reasons(sent, anchored(ctx, sent, papers), _line_spans(ctx, sent, papers)) \
        or _named_reasons(ctx, sent, papers)


def _line_spans(ctx: ProfileIndex, sent: _Sentence,
                papers: Sequence[_PaperIndex]) -> list[tuple[int, int]]:
    """Where the sentence names a line of work a cited paper is on: "centre on HySpell
    hybrid BCI speller (6 papers), forehead EEG-fNIRS headband (4 papers)" names two lines,
    whose names bind no fact of one paper to another's."""
    keys = {p.key for p in papers}
    spans = []
    for topic in ctx.facts.topics:
        if topic.other or not keys & set(topic.paper_keys) or len(topic.label) < 3:
            continue
        # Matched in the sentence as written (re.I), so that the spans are its own.
        spans += [(m.start(), m.end()) for m in re.finditer(
            rf"(?<![\w-]){re.escape(topic.label)}(?![\w-])", sent.text, re.I)]
    return spans


def _named_reasons(ctx: ProfileIndex, sent: _Sentence,
                   papers: Sequence[_PaperIndex]) -> list[Reason]:
    """A clause's words must come from the papers that state its names.

    "SpotOT enforces cyclic symmetry ..." citing the SpotOT and the SymDiff papers: the
    name is one paper's, what is said of it the other's (two papers' facts merged).
    """
    if len(papers) < 2:
        return []
    reasons: list[Reason] = []
    keys = {p.key for p in papers}
    stretches = _stretches(sent, {a: set(sent.papers_with[a] & keys) for a in sent.anchors})
    # A sentence that groups papers ("InfoXLM (2020) casts ..., XLM-E (2021) brings ...")
    # says of each name only what the stretch that holds it says.
    if _grouped(stretches):
        units = [(a, b) for a, b, _, named in stretches if named]
    elif _by_years(sent, papers):
        units = _conjunct_spans(sent)
    else:
        units = list(sent.clauses)
    # A line of work named by a name ("CRISPR screens (2 papers) and tumour growth (2
    # papers)") is the analysis's line, not the paper that states the name.
    lines = [_words(t.label) for t in ctx.facts.topics if keys & set(t.paper_keys)]
    for start, end in units:
        names = [a for a in sent.anchors if a.kind == "entity" and start <= a.start < end
                 and not any(_words(a.text) in line for line in lines)]
        owners = {k for a in names for k in sent.papers_with[a]}
        stating = [p for p in papers if p.key in owners]
        if not names or not stating or len(stating) == len(papers):
            continue
        words = _stems(sent.text[start:end]) & sent.content
        if len(words) < thresholds.SEGMENT_MIN_WORDS:
            continue
        windows = [w for p in stating for w in _best_windows(sent, p)]
        lacking = words - _covered(ctx, sent, stating, windows)
        if not _enough(len(words), len(lacking)):
            said = ", ".join(f'"{a.text}"' for a in names)
            reasons.append(Reason(
                "merged", f"{said} {'is' if len(names) == 1 else 'are'} named in "
                          f"{cite(p.key for p in stating)}, but what the sentence says of "
                          f"{'it' if len(names) == 1 else 'them'} is not what the papers "
                          f"that state them say (facts merged from different papers)",
                (*(a.text for a in names), *(p.key for p in stating))))
    return reasons


def _words(text: str) -> str:
    """A name's words, each as _norm folds it, spaced and padded: " crispr screens "."""
    words = (w for w in map(_norm, _NAME_BREAK.split(text)) if w)
    return f" {' '.join(words)} "


_NAME_BREAK = re.compile(r"[\s-]+")


def _by_years(sent: _Sentence, papers: Sequence[_PaperIndex]) -> bool:
    """Whether the sentence says which papers it speaks of by a list of their years, one
    year each: "In first-author papers from 2020 and 2024, Kowalczyk applied a conditional
    GAN to downscaling and a latent diffusion model to nowcasting" tells one paper's work
    and then the other's, as "respectively" would."""
    years = sorted(p.paper.year for p in papers if p.paper.year is not None)
    if len(years) != len(papers) or len(set(years)) != len(years):
        return False
    return any(sorted(int(y) for y in re.findall(r"\d{4}", m.group(0))) == years
               for m in _year_lists(sent.text))


def _conjunct_spans(sent: _Sentence) -> list[tuple[int, int]]:
    """The clauses, cut again at each "and" (a sentence _by_years tells its papers' work
    in coordinated phrases)."""
    spans: list[tuple[int, int]] = []
    for start, end in sent.clauses:
        cuts = [start, *(m.end() for m in _PHRASE_AND.finditer(sent.text, start, end)), end]
        spans += [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    return spans


def _binding_reasons(sent: _Sentence, support: dict[_Anchor, set[str]],
                     lines: Sequence[tuple[int, int]] = ()) -> list[Reason]:
    """Facts in one clause must come from one paper, unless the clause lists them with "and".

    This is what tells "XPR cuts latency by 28%" (two papers' facts merged) from
    "InfoXLM and XLM-E ..." (two papers, each named for its own fact). Years the
    sentence lists ("In first-author papers from 2018 and 2019, Okafor trained ... from 15
    demonstrations and matched SAC with 12x fewer samples") say which papers it speaks of,
    one year each, and bind to no fact (_YEAR_LIST); whether a cited paper is of each
    year is the year check's.
    """
    reasons: list[Reason] = []
    listed = [m.span() for m in _year_lists(sent.text)]
    # "From 2017, the work turns to A, B and C": the opening year dates the turn (the
    # year check reads it against the cited papers); it binds to none of the lines.
    if opening := _OPENING_YEAR.match(sent.text):
        listed.append(opening.span(1))
    # "The ZEEFRESH model of Zeeland (2016) supplied ... for ZEEFRESH-3D": a year in
    # brackets after a name dates the paper of that name, as a citation would, and binds
    # to no other fact of the clause; it must still be the year of a paper that states
    # the name, unless no named anchor stands before it.
    # (They still stand between a list's names for the list to be read: "WeatherMesh
    # (2022), RainDiff (2024) and ..." is a list; they are left out of each group after.)
    labels = {a for a in sent.anchors if a.kind == "year"
              and sent.text[a.start - 1:a.start] == "(" and sent.text[a.end:a.end + 1] == ")"
              and _dates_its_name(sent, support, a)}
    for start, end in _units(sent, support):
        anchors = [a for a in sent.anchors if start <= a.start < end and support[a]
                   and a.kind != "date" and not (a.kind == "year" and any(
                       s <= a.start < e for s, e in listed))
                   and not any(s <= a.start < e for s, e in lines)]
        for group in _conjuncts(sent.text, anchors):
            group = [a for a in group if a not in labels] if len(group) > 1 else group
            if len(group) < 2 or all(a.kind == "year" for a in group):
                continue  # years alone merge nothing: "in 2019 and in 2026"
            if not set.intersection(*(support[a] for a in group)):
                names = ", ".join(f'"{a.text}"' for a in group)
                reasons.append(Reason("merged", f"{names} are not stated together in any one "
                                                f"cited paper (facts merged from different "
                                                f"papers)", tuple(a.text for a in group)))
    return reasons


def _dates_its_name(sent: _Sentence, support: dict[_Anchor, set[str]], year: _Anchor) -> bool:
    """Whether the name right before a bracketed year shares a paper with it (the year
    labels that name's paper): "ZEEFRESH ... of Zeeland (2016)" where the 2016 paper
    states Zeeland."""
    before = [a for a in sent.anchors if a.kind == "entity" and a.end <= year.start - 1
              and not sent.text[a.end:year.start - 1].strip(" ")]
    return bool(before) and bool(support[before[-1]] & support[year])


_OPENING_YEAR = re.compile(r"^(?:from|since|after|by)\s+((?:19|20)\d\d),\s", re.I)


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
