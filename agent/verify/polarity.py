"""Direction and scope: direction words that contradict the cited papers or that no aligned
window states, words negated in the sentence but not in the papers (or the reverse), and
claims of priority, exclusivity, completeness or novelty the papers do not make."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from agent.text import NULL_RESULT
from agent.verify.index import _PaperIndex, _screened
from agent.verify import spelling, thresholds, wordnet
from agent.verify.lexicon import (_DOING_AWAY, _GENERIC_STEMS, _POLARITY, _SYNONYMS, _Lexical,
                                  _Number, _Polar, _negators, _numbers, _precision, _spelled,
                                  _stem, _other_side, _subject_side, _text_stems, _tokens,
                                  _undone)
from agent.verify.reasons import Reason
from agent.verify.support import _opposites

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support


def directions(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
               support: _Support) -> list[Reason]:
    """Direction words the cited papers contradict, or that no aligned window states."""
    if not any(item.sign for item in sent.lexical.polar):
        return []  # nothing to check, and no need to build every window of the papers
    return _polarity_reasons(sent, [w for _, w in support.windows],
                             [w for p in papers for w in p.windows],
                             [p.text for p in papers])


def negations(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
              support: _Support) -> list[Reason]:
    """A word negated here and stated in the aligned windows, or the other way round; a
    word negated by its prefix that the papers do not negate."""
    return _negation_reasons(sent, [w for _, w in support.windows],
                             [p.text for p in papers]) + _prefixed(
        sent, papers, support)


def _prefixed(sent: _Sentence, papers: Sequence[_PaperIndex],
              support: _Support) -> list[Reason]:
    """A word that negates an everyday word by its prefix ("ineffective", "unrelated",
    "incapable") where the cited papers neither use it nor negate that word.

    Such a word is a negation of its own: the share of meaning forgives a word the papers
    do not use, but "CBT is an ineffective treatment for insomnia" is a claim the papers
    must make ("was not effective" makes it). Where too little of the sentence is in the
    papers anyway, the share's own reason names the word among those missing. The
    negation must be in the windows aligned with the sentence: "was not related to
    anxiety" said of roads does not make "pollution is unrelated to anxiety".
    """
    if support.score < thresholds.SUPPORT_THRESHOLD and not (
            len(support.missing) == 1 and len(sent.content) >= thresholds.ONE_MISS_MIN_WORDS):
        return []
    negated = set().union(*(w.negated_wide for _, w in support.windows))
    if {_stem(w) for w in _NO_EFFECT_WORDS} & set().union(
            *(w.words for _, w in support.windows)):
        negated |= _NO_EFFECT  # "statistically indistinguishable from zero"
    reasons = []
    for stem in sorted(sent.content - support.found()):  # one said in other words is said
        word = _spelled(sent, stem)
        base = spelling.negated_word(word)
        if base is None or _stem(base) in negated or any(stem in p.stems for p in papers):
            continue  # a word the papers use themselves ("uncertainty") is theirs
        if _stem(base) in sent.contrasted:
            continue  # "more stable than unassociated substrates": the sentence's own contrast
        if wordnet.is_verb(word.lower()):
            continue  # "uncovering" a drift is an act of its own, not "not covering"
        reasons.append(Reason("negation", f'"{word}" negates "{base}", which the cited papers '
                                          f"do not negate", (word, base)))
    return reasons


# A result no test tells from zero, in the words a paper may use: "statistically
# indistinguishable from zero" or "undetectable" is what "statistically insignificant"
# (or "nonsignificant") says.
_NO_EFFECT_WORDS = ("indistinguishable", "undetectable", "nonsignificant", "insignificant")
_NO_EFFECT = frozenset(_stem(w) for w in ("significant", "distinguishable", "detectable"))


def scope(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
          support: _Support) -> list[Reason]:
    """Claims of priority, exclusivity, completeness or novelty the papers do not make."""
    return _scope_reasons(sent, papers)


# Two sides named by their direction words: "contrasting lower with higher education",
# "low versus high doses", "lower- and higher-income households".
_PAIR_JOIN = r"-?\s+(?:with|vs\.?|versus|and|or|to)\s+"


def _paired_sides(text: str, polar: Sequence[_Polar]) -> frozenset[str]:
    """The direction words (lower case) that name one of two groups set side by side with
    the word of the other direction: no change is claimed by either."""
    words = {(p.word.lower(), p.dimension, p.sign) for p in polar if p.sign}
    found = set()
    for a, dimension, sign in words:
        for b, other, other_sign in words:
            if other == dimension and other_sign == -sign and re.search(
                    rf"\b{re.escape(a)}{_PAIR_JOIN}{re.escape(b)}\b", text, re.I):
                found |= {a, b}
    return frozenset(found)


def _same_subject(item: _Polar, sentence: _Lexical,
                  windows: Sequence[_Lexical]) -> list[_Polar]:
    """The papers' direction words about what `item` is about, from the closest window.

    Words that share what follows ("outperforms mT5" and "competitive with mT5") match
    best, sharing any neighbour next; among windows with a match, the one sharing the
    most words with the sentence speaks for the papers.
    """
    tests = (lambda w: w.after & item.after, lambda w: w.targets & item.targets)
    # What follows matches first, unless a word shares more of the whole subject: "a sharp
    # rise in HCV viral load" is about the load ("viral load dropped sharply"), not about
    # "HCV" alone ("increased HCV replication").
    def most(shares: Callable[[_Polar], frozenset[str]]) -> int:
        return max((len(shares(w)) for window in windows for w in window.polar
                    if w.dimension == item.dimension), default=0)
    if most(tests[1]) > most(tests[0]) + 1:
        tests = tests[::-1]
    for shares in tests:
        # The words sharing the most of what item is about speak for the papers ("lower
        # in-hospital mortality" over "treated more frequently during hospitalization"
        # for "decreases in-hospital mortality"); among equals, the window closest to
        # the sentence.
        scored = [(max(len(shares(w)) for w in found), len(window.words & sentence.words),
                   -i, found)
                  for i, window in enumerate(windows)
                  if (found := [w for w in window.polar
                                if w.dimension == item.dimension and shares(w)])]
        if scored:
            best, found = max(scored, key=lambda t: t[:3])[::3]
            # Within the window too: "degrades on out-of-distribution notes from other
            # hospitals, while it holds on in-distribution notes" speaks of the hospitals'
            # notes by the first compound alone.
            return [w for w in found if len(shares(w)) == best]
    return []


def _polarity_reasons(sent: _Sentence, windows: Sequence[_Lexical],
                      everywhere: Sequence[_Lexical], texts: Sequence[str] = ()) -> list[Reason]:
    """Direction words that contradict what the cited papers say.

    A direction word is compared with the papers' direction words about the same thing
    (a shared neighbouring word) in the window closest to the sentence; failing that, a
    strong word ("outperforms", "reduces") with the strong words of the best windows.
    """
    reasons: list[Reason] = []
    if not any(item.asked for item in sent.lexical.polar):
        # What a paper asks ("Did the programme reduce carbapenem use?") is no finding: a
        # sentence that does not ask is held to what the papers state.
        stated = {id(w): _stated(w) for w in (*windows, *everywhere)}
        windows = [stated[id(w)] for w in windows]
        everywhere = [stated[id(w)] for w in everywhere]
    near = [w for window in windows for w in window.polar]
    aligned = {id(window) for window in windows}
    paired = _paired_sides(sent.text, sent.lexical.polar)
    for item in sent.lexical.polar:
        if item.sign == 0:
            continue  # "a comparable model" describes; it claims no direction
        if item.word.lower() in paired:
            continue  # "lower with higher education": two groups named, no change claimed
        turned_word = turned.word if (turned := _reversed(item, everywhere)) else \
            _said_of_other_side(item, texts)
        if turned_word:
            reasons.append(Reason("polarity", f'"{item.word}" turns round the comparison: the '
                                              f'cited papers say "{turned_word.lower()}" of '
                                              f'the other side', (item.word, turned_word)))
            continue
        if item.compared and item.word.lower() in _COMPARATIVE_KINDS and \
                not item.negated and (
                    alike := _found_alike(item, sent.text, everywhere, texts)):
            reasons.append(Reason("polarity", f'"{item.word}" where the cited papers find the '
                                              f'two alike ("{alike.lower()}")',
                                  (item.word, alike)))
            continue
        # A negated direction ("does not lower") claims no change that way; only the
        # papers' saying it does ("lowers") contradicts it, not "unchanged".
        negated = item.negated

        def against(w: _Polar) -> bool:
            return w.sign == -item.sign if negated else w.sign != item.sign

        matched = _same_subject(item, sent.lexical, everywhere)
        if matched:
            # A paper that says both ("heatwaves increase bleaching", "shading reduces
            # bleaching") supports either direction about that subject in some clause.
            contradicted = all(against(w) for w in matched) and not any(
                w.sign == item.sign for window in everywhere for w in window.polar
                if w.dimension == item.dimension and w.after & item.after
                and w.before & item.before) and not (item.compared and any(
                    # "paid about 8% less rent than tenants in newer buildings": a paper
                    # comparison the same way about the same thing ("rents ... were 8.1%
                    # lower ... than in uncovered buildings") says it, whatever its
                    # change words say of other things ("capped annual rent increases").
                    w.compared and w.sign == item.sign and w.subject & item.subject
                    # and against what the sentence compares: "outperforms XLM-R" is no
                    # "outperforms mT5 XXL"
                    and w.compared & (item.subject | item.compared)
                    for window in everywhere for w in window.polar
                    if w.dimension == item.dimension))
        else:
            strong = [w for w in near if w.dimension == item.dimension and w.strong]
            contradicted = item.strong and bool(strong) and all(against(w) for w in strong)
        if contradicted and negated and _no_effect_on(item, texts):
            # "no longer reduced falls measurably" where a cited paper finds the fall rate
            # "statistically indistinguishable": no change, as the sentence says, whatever
            # another paper says the change was elsewhere.
            contradicted = False
        anchored = None if negated else _change_to(item, sent.text, texts)
        if anchored is not None:
            # The paper's word for the change to the same figure speaks for the papers.
            contradicted = anchored[0] != item.sign
        elif not contradicted and not negated and (bound := _bound_comparative(
                item, sent.text, texts)):
            # "breathy vowels showed higher CPP" where the paper says "breathy vowels
            # showed higher H1-H2 and lower CPP": the paper says both words, each of its
            # own measure.
            contradicted, anchored = True, (-item.sign, bound)
        if contradicted:
            said = item.said
            if anchored is not None:
                papers_say = anchored[1]
            else:
                # "did not reduce" is shown as the paper says it, not as "reduce".
                papers_say = (matched or [w for w in near
                                          if w.dimension == item.dimension])[0].said
            reasons.append(Reason("polarity", f'"{said}" contradicts the cited papers, which '
                                              f'say "{papers_say}"', (item.word, papers_say)))
        elif item.strong and not negated and anchored is None and not any(
                w.sign == item.sign and _group(w.dimension) == _group(item.dimension)
                and (id(window) in aligned or w.targets & item.targets)
                for window in everywhere for w in (*window.polar, *window.figures)):
            # A direction is a claim of its own: "X raises Y" needs a paper that says
            # something went up, not only that X and Y are related; figures compared
            # ("88% ..., compared with 62% for modal flexibility") say it too. A negated one ("did
            # not reduce mortality") states none: "no effect on mortality" bears it out.
            reasons.append(Reason("direction",
                                  f'"{item.word}" states a direction the cited papers do not '
                                  f"state", (item.word,)))
    return reasons


def _stated(window: _Lexical) -> _Lexical:
    """The window with the direction words of its questions left out; one that asks
    nothing (most) is itself."""
    if not any(w.asked for w in window.polar):
        return window
    return dataclasses.replace(window, polar=tuple(w for w in window.polar if not w.asked))


def _bound_comparative(item: _Polar, text: str, texts: Sequence[str]) -> str | None:
    """The paper's comparative of the other sign bound to the thing the sentence's is
    bound to: the word right after it ("higher CPP" against the paper's "lower CPP"), in a
    clause that opens on the same side (its first word of content). None where a paper
    binds the sentence's own comparative to that thing anywhere, or the sentence says
    "than" of nothing."""
    said = re.search(rf"\b{re.escape(item.word)}\s+([^\W\d_][\w*-]*)", text)
    if said is None or not item.compared:
        return None
    thing = _stem(said[1])
    side = _opening(text[:said.start()])
    if thing in _GENERIC_STEMS or side is None:
        return None
    kinds = _comparatives(_group(item.dimension))
    if item.word.lower() not in kinds:
        return None
    word = re.compile(r"\b(" + "|".join(map(re.escape, sorted(kinds))) +
                      r")\s+([^\W\d_][\w*-]*)", re.I)
    found = None
    for paper in texts:
        for sentence in _sentences_of(paper):
            for m in word.finditer(sentence):
                if _stem(m[2]) != thing:
                    continue
                sign = kinds[m[1].lower()]
                if sign == item.sign:
                    return None  # said the sentence's way of that thing
                if _opening(sentence[:m.start()]) == side:
                    found = found or m.group(1)
    return found


def _opening(before: str) -> str | None:
    """The first word of content of the clause that ends the text (by stem); of a
    predicate joined to another ("showed higher H1-H2 and lower CPP"), its sentence's."""
    found = _clause_opening(before)
    if found is None and re.search(r"\band\s*$", before):
        found = next((t.stem for t in _tokens(re.split(r"[;:]", before)[-1]) if t.content),
                     None)
    return found


# What a paper says of a change no test told from none.
_NO_CHANGE = re.compile(r"\b(?:statistically indistinguishable|indistinguishable from|"
                        r"not (?:statistically )?significant(?:ly)?|no (?:statistically )?"
                        r"significant|nonsignificant|non-significant|did not differ|no "
                        r"detectable|not detectably|undetectable)\b", re.I)


# A finding that two things are alike: "comparable to that achieved by microinjection",
# "similar to controls", "on par with".
_ALIKE = re.compile(r"\b(?:comparable|similar|equivalent|identical|indistinguishable)\s+"
                    r"(?:to|with)\b|\bon\s+par\s+with\b", re.I)


def _found_alike(item: _Polar, text: str, windows: Sequence[_Lexical], texts: Sequence[str]
                 ) -> str | None:
    """The words with which a cited paper finds the sentence's two sides alike ("much lower
    than that achieved by microinjection" where it says "comparable to microinjection"):
    its other side (all of the phrase after "than", to a mark) named within six words
    after them, its own side not, and two words of its own side before them. None when a
    paper compares them the sentence's way anywhere."""
    than = re.search(rf"\b{re.escape(item.word)}\b[^,;:.]{{0,80}}?\bthan\s+([^,;:.]+)", text)
    other = (_text_stems(than[1]) if than else item.compared) - item.subject
    if not other or any(w.dimension == item.dimension and w.sign == item.sign
                        and w.compared & other for window in windows for w in window.polar):
        return None
    for paper_text in texts:
        if not _ALIKE.search(paper_text):
            continue
        for sentence in _sentences_of(paper_text):
            for m in _ALIKE.finditer(sentence):
                after = _text_stems(" ".join(sentence[m.end():].split()[:6]))
                # Of the same thing: two words of the sentence's own side before them.
                if after & other and not after & (item.subject - item.compared) and len(
                        _text_stems(sentence[:m.start()]) & item.subject) >= 2:
                    return m.group(0)
    return None


def _no_effect_on(item: _Polar, texts: Sequence[str]) -> bool:
    """Whether a cited paper says of what a negated direction word is about (two words
    around it) that no test told a change from none."""
    for text in texts:
        for sentence in _sentences_of(text):
            if _NO_CHANGE.search(sentence) and len(item.targets & _text_stems(sentence)) >= 2:
                return True
    return False


# A figure a change goes to or by, perhaps hedged: "to about 72%", "by 27%".
_CHANGED_FIGURE = r"\s+(?:(?:about|around|roughly|approximately|nearly|almost|some|" \
                  r"just\s+(?:under|over))\s+)?(?P<n>\d[\d,]*(?:\.\d+)?)"
# A direction word with the figure it goes to or by: "dropped to about 72%", "fell by 27%".
_CHANGE_FIGURE = r"\s+(?:to|by)" + _CHANGED_FIGURE


def _change_to(item: _Polar, text: str, texts: Sequence[str]) -> tuple[int, str] | None:
    """The sign and word with which a cited paper tells the change the sentence tells
    with `item` and a figure: "accuracy dropped to about 72%" where a paper says
    "accuracy fell to 71.6%" is told by "fell", whatever other direction word shares more
    words with it ("leaf rust was far more common in the lowlands"); "rose to about 72%"
    is then turned round. None when the sentence gives no figure or no paper this one."""
    said = re.search(rf"\b{re.escape(item.word)}{_CHANGE_FIGURE}", text)
    figure = said["n"] if said is not None else next(
        (n for word, n in (*_changed_by(text), *_figure_before(text)) if word == item.word),
        None)
    if figure is None:
        return None
    mine = float(figure.replace(",", ""))
    near = max(_precision(figure) / 2, 0.05 * mine)
    for paper_text in texts:
        for word, n in _changes_told(paper_text):
            kind = _POLARITY.get(word.lower())
            if kind and kind[1] and abs(float(n.replace(",", "")) - mine) <= near:
                return kind[1], word
    return None


@lru_cache(maxsize=1 << 10)
def _changes_told(text: str) -> tuple[tuple[str, str], ...]:
    """A paper's changes told with a figure, each a (word, figure) pair: the word right
    before "to N" or "by N", and the direction word nearest before a later "by N"; found
    once a paper."""
    told = [(m["w"], m["n"]) for m in re.finditer(rf"\b(?P<w>[A-Za-z]+){_CHANGE_FIGURE}", text)]
    return (*told, *_changed_by(text), *_figure_before(text))


# "raised losing-side voters' trust in the electoral body by 9.4 points": a change whose
# figure comes after its object, the direction word a few words before "by".
_BY_FIGURE = re.compile(r"\bby" + _CHANGED_FIGURE)
_BY_REACH = 10  # words between the direction word and "by"
_SHORT_FORM = re.compile(r"\s*\((?:[^\W_]|-){1,10}\)")


def _changed_by(text: str) -> list[tuple[str, str]]:
    """Each "by N" of a text with the direction word nearest before it in its clause."""
    found = []
    for m in _BY_FIGURE.finditer(text):
        # A short form in brackets ("soil organic carbon (SOC) stocks") ends no clause.
        before = _SHORT_FORM.sub(" ", text[max(0, m.start() - 120):m.start()])
        clause = re.split(r"[,;:()\[\]]", before)[-1]
        words = re.findall(r"[A-Za-z][\w'’-]*", clause)[-_BY_REACH - 1:]
        word = next((w for w in reversed(words) if (k := _POLARITY.get(w.lower())) and k[1]),
                    None)
        if word is not None:
            found.append((word, m["n"]))
    return found


# The comparatives among the direction words ("higher", "more", "fewer"), each with its kind.
_MORE_LESS = frozenset("more less fewer".split())
_COMPARATIVE_KINDS = {w: k for w, k in _POLARITY.items()
                      if k[1] and (w.endswith("er") or w in _MORE_LESS)}


@lru_cache(maxsize=None)
def _comparatives(group: str) -> dict[str, int]:
    """The comparatives of one group of kinds (_DIRECTION_GROUP), each with its sign."""
    return {w: sign for w, (dimension, sign, _) in _COMPARATIVE_KINDS.items()
            if _group(dimension) == group}


@lru_cache(maxsize=1 << 10)
def _sentences_of(text: str) -> tuple[str, ...]:
    """A cited paper's text in sentences (a ";" ends one too), split once a paper: each
    direction word of each sentence checked may read them all."""
    return tuple(re.split(r"(?<=[.;])\s+", text))


# "0.71 Mg C per hectare per year more than ploughed plots", "6% lower": a difference told
# by its figure, then its unit (a few words, no clause mark), then the direction word.
_COMPARATIVE_ALTERNATION = "|".join(sorted(_COMPARATIVE_KINDS, key=len, reverse=True))
_FIGURE_BEFORE = re.compile(r"(?<![\w.])(?P<n>\d[\d,]*(?:\.\d+)?)(?:\s*%|\s+(?!(?:than|and|or|"
                            r"but|to|from|in|of)\b)[^\W\d_][\w\u2212/-]*){0,6}?"
                            rf"\s+(?P<w>{_COMPARATIVE_ALTERNATION})\b", re.I)


def _figure_before(text: str) -> list[tuple[str, str]]:
    """Each difference of a text told by a figure before its direction word: "6% lower"."""
    return [(m["w"], m["n"]) for m in _FIGURE_BEFORE.finditer(text)
            if not re.fullmatch(r"(?:19|20)\d\d", m["n"])]  # "in 2019 more people": a year


# "shifted from A to B", "cutting the time from 48.2 to 18.6 minutes": a change with its
# two ends, each up to a mark or a word that starts another clause.
_FROM_TO = re.compile(r"\bfrom\s+(?P<a>[^,;:()\[\]]{1,80}?)\s+to\s+(?P<b>[^,;:()\[\]]{1,80}?)"
                      r"(?=\s*(?:[,;:()\[\]]|\.(?!\d)|$)|\s+(?:and|but|while|whereas|when|as|"
                      r"with|after|before|over|during|between)\b)", re.I)


def transitions(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
                support: _Support) -> list[Reason]:
    """A change said the other way round: "shifted from bond failure at 200 mm to cone
    breakout at 400 mm" where a paper says it "shifted from cone breakout at 200 mm
    embedment to bond failure at 400 mm". Each end is told by the words the other end
    lacks (the figures may stay where they are while the things swap); only where no
    cited paper says it the sentence's way round."""
    if "from" not in sent.text.lower():
        return []
    reasons = []
    for m in _FROM_TO.finditer(sent.text):
        mine = _ends(m["a"], m["b"])
        if mine is None:
            continue
        theirs = [ends for p in papers for line in (p.paper.title, *p.sentences)
                  if "from" in line.lower() for n in _FROM_TO.finditer(line)
                  if (ends := _ends(n["a"], n["b"])) is not None]
        # Each paper's change read both ways: the way that shares more words is its way.
        ways = [(_shared(mine, ends), _shared(mine, ends[::-1])) for ends in theirs]
        if any(a and b and len(a) + len(b) >= len(x) + len(y) for (a, b), (x, y) in ways):
            continue
        if any(x and y for _, (x, y) in ways):
            reasons.append(Reason("polarity", f'"{m.group(0)}" turns the change round: the '
                                              f"cited papers go the other way", (m.group(0),)))
    return reasons


# "stable enough to be captured" says it can be; "too short-lived to be captured" says
# it cannot. What can or cannot be done is the first content word after "to".
_ENOUGH_TO = re.compile(r"\b(?:enough|sufficiently\s+[\w-]+)\s+to\s+(?:be\s+)?(?P<v>[a-z][\w-]+)",
                        re.I)
_TOO_TO = re.compile(r"\btoo\s+(?:[\w-]+\s+){1,3}?to\s+(?:be\s+)?(?P<v>[a-z][\w-]+)", re.I)


def capacities(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
               support: _Support) -> list[Reason]:
    """What can be done said the other way round: "stable enough to be captured in
    equilibrium structures" where a paper says the state is "too short-lived to be captured
    at equilibrium", or "too slow to detect" where it is "fast enough to detect". Only where
    no cited paper says it the sentence's way too."""
    low = sent.text.lower()
    if " to " not in low or ("enough" not in low and "too " not in low
                             and "sufficiently" not in low):
        return []
    reasons = []
    for mine, other, said in ((_ENOUGH_TO, _TOO_TO, "can"), (_TOO_TO, _ENOUGH_TO, "cannot")):
        for m in mine.finditer(sent.text):
            verb = _stem(m["v"])
            if any(_stem(n["v"]) == verb for p in papers for n in mine.finditer(p.text)):
                continue
            turned = next((n.group(0) for p in papers for n in other.finditer(p.text)
                           if _stem(n["v"]) == verb), None)
            if turned is not None:
                reasons.append(Reason("polarity", f'"{m.group(0)}" says it {said} be done, where '
                                                  f'the cited papers say "{turned}"',
                                      (m.group(0), turned)))
    return reasons


# A comparison with a figure for each side: "larger in uncontrolled buildings, at 5.6
# points, than in rent-controlled ones, at 1.8 points"; "more common on the plateau than
# in the lowlands, at 38% against 17%". The comparative, its first side (from the first
# preposition after it) up to "than", the other side up to the next mark.
_COMPARED = re.compile(r"\b(?:more|less|fewer|larger|smaller|higher|lower|greater|stronger|"
                       r"weaker|faster|slower|longer|shorter|bigger|wider|narrower|deeper)\b"
                       r"(?:[^;:.]|\.(?=\d)){0,40}?\b(?P<mine>(?:in|on|for|among|at|after|"
                       r"during|under|with|from)\b(?:[^;:.]|\.(?=\d)){3,120}?)\bthan\b"
                       r"(?P<other>[^,;:.]{3,80})")
# Words of place and time that tell a side though they are stop words: "after the 1994
# embankment than before it".
_SIDE_WORDS = frozenset("before after without".split())


def figure_sides(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
                 support: _Support) -> list[Reason]:
    """A comparison whose figures the papers give to the other sides: "larger in
    uncontrolled buildings, at 5.6 points, than in rent-controlled ones, at 1.8 points"
    where a paper says "5.6 points in rent-controlled buildings and 1.8 points in
    uncontrolled buildings". The sentence's first figure after the comparative is its
    first side's, the second the other's. In a line of the papers that gives both, the
    figures go to the sides whose own words stand nearer them; turned round only where
    no such line gives them the sentence's way."""
    if " than " not in sent.text:
        return []
    reasons = []
    for m in _COMPARED.finditer(sent.text):
        figures = [n for n in _numbers(sent.text[m.start():]) if n.value > 0][:3]
        if len(figures) != 2 or figures[0].unit != figures[1].unit \
                or figures[0].value == figures[1].value:
            continue
        mine, other = _side(m["mine"]), _side(m["other"])
        mine, other = mine - other, other - mine
        if not mine or not other:
            continue
        verdicts = [v for p in papers for line in (p.paper.title, *p.sentences)
                    if (v := _sides_in(line, figures, mine, other)) is not None]
        if verdicts and not any(verdicts):
            reasons.append(Reason("polarity", f'"{m.group(0).strip()}" gives the figures to the '
                                              f"sides the cited papers do not", (m.group(0),)))
    return reasons


def _side(text: str) -> set[str]:
    """The words that tell one side of a comparison: its content words and _SIDE_WORDS."""
    return {t.stem for t in _tokens(re.sub(r"\d[\d.,]*\s*%?", " ", text))
            if t.content or t.word.lower() in _SIDE_WORDS}


def _sides_in(line: str, figures: Sequence[_Number], mine: set[str],
              other: set[str]) -> bool | None:
    """Whether a paper's line gives the two figures to the sentence's sides (True), to the
    other sides (False), or cannot tell (None). Each figure's distance to the nearest word
    of each side; the way round with the shorter total wins (with one side's words absent,
    the figure nearer the other side's words is that side's)."""
    numbers = _numbers(line)
    at = []
    for f in figures:
        n = next((n for n in numbers if n.unit == f.unit and abs(n.value - f.value) < 1e-9),
                 None)
        if n is None:
            return None
        at.append(n.start)
    tokens = _tokens(line)

    def nearest(pos: int, words: set[str]) -> float:
        return min((abs(t.start - pos) for t in tokens if t.stem in words), default=float("inf"))

    (m0, o0), (m1, o1) = ((nearest(a, mine), nearest(a, other)) for a in at)
    inf = float("inf")
    if inf not in (m0, o0, m1, o1):
        kept, turned = m0 + o1, o0 + m1
    elif m0 < inf and m1 < inf:
        kept, turned = m0, m1  # the first figure nearer the first side's words is its
    elif o0 < inf and o1 < inf:
        kept, turned = o1, o0
    else:
        return None
    return None if kept == turned else kept < turned


def _ends(a: str, b: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The words (stems, and figures as written) only one end of a change has; None when
    either end has none."""
    def words(text: str) -> frozenset[str]:
        return frozenset(t.stem for t in _tokens(text) if t.content) | frozenset(
            re.findall(r"\d+(?:[.,]\d+)?", text))
    first, second = words(a), words(b)
    first, second = first - second, second - first
    return (first, second) if first and second else None


def _shared(mine: tuple[frozenset[str], frozenset[str]],
            theirs: tuple[frozenset[str], frozenset[str]]) -> tuple[frozenset[str], frozenset[str]]:
    """The words each of the sentence's ends shares with the paper's end in its place."""
    return mine[0] & theirs[0], mine[1] & theirs[1]


def causes(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
           support: _Support) -> list[Reason]:
    """A cause the papers give to something else: "anthropogenic warming caused the July
    2021 floods" where the paper says "extreme rainfall caused deadly flooding" (and that
    warming made such rainfall more likely). Only where a cited paper says what caused the
    same thing and never names the sentence's cause for it: a paper that says nothing of
    causes leaves the claim to the other checks."""
    texts = [p.text for p in papers]
    if (claimed := _CLAIMS_CAUSE.search(sent.text)) and not _HEDGED_CAUSE.search(
            sent.text[:claimed.start()]):
        # Every cited paper must say so: one that does not (a trial) may show the cause.
        cautions = [_NO_CAUSE_SHOWN.search(text) for text in texts]
        if cautions and all(cautions):
            caution = cautions[0].group(0)
            return [Reason("scope", f'"{claimed.group(0)}" claims a cause, where the cited '
                                    f'papers say their design cannot show one ("{caution}")',
                           (claimed.group(0), caution))]
    mine = _causes_in(sent.text)
    if not mine:
        return []
    if not any(_CAUSAL.search(text) for text in texts):
        word = mine[0][0]
        return [Reason("scope", f'"{word}" claims a cause, which the cited papers do not '
                                f"claim: they report no cause", (word,))]
    theirs = [c for text in texts for c in _causes_in(text)]
    reasons: list[Reason] = []
    for word, cause, effect, _ in mine:
        same = [c for c in theirs if c[2] & effect]
        if same and not any(c[1] & cause for c in same):
            reasons.append(Reason("polarity", f'"{word}" gives a cause the cited papers do not '
                                              f'give: they say "{same[0][3]}"',
                                  (word, same[0][3])))
    return reasons


# What a paper says it did not test: "the design cannot establish whether it shapes public
# opinion" (what follows the marker), or "X might explain Y, although we have not tested
# this directly" (the clause before it).
_UNTESTED_AFTER = re.compile(
    r"\b(?:cannot|could\s+not|did\s+not|do\s+not|does\s+not|was\s+not|were\s+not)\s+"
    r"(?:establish|test|determine|assess|examine|show)\s+whether\b"
    r"|\b(?:it\s+)?remains?\s+(?:unclear|unknown|untested|to\s+be\s+(?:tested|established|"
    r"determined|shown))\s+whether\b", re.I)
_UNTESTED_BEFORE = re.compile(
    r",?\s*(?:although|though|but)\s+(?:we\s+)?(?:have|has|had)\s+not\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:tested|examined|assessed|shown)\s+(?:this|that|it)?\s*(?:directly)?"
    r"|\s+(?:remains?|has\s+yet)\s+to\s+be\s+(?:tested|established|shown|determined)\b",
    re.I)
# What a paper gives as a belief it then tests, not as its finding: "it is commonly assumed
# that wider randomization ranges yield more robust policies" (what follows the marker).
_ASSUMED = re.compile(r"\b(?:it\s+is|it\s+has\s+been|is|are)\s+(?:commonly\s+|widely\s+|"
                      r"often\s+|generally\s+|usually\s+)?(?:assumed|believed|thought|held)"
                      r"\s+that\b", re.I)
# A sentence that leaves it open itself, or speaks of it as a belief.
_OPEN = re.compile(r"\b(?:may|might|could|whether|suggest\w*|propos\w*|hypothes\w*|possibl\w*|"
                   r"perhaps|untested|not\s+(?:yet\s+)?tested|speculat\w*|conjectur\w*|"
                   r"assum\w*|belie\w*|thought)\b", re.I)
_UNTESTED_HINT = re.compile(r"\bwhether\b|\bnot\s+(?:yet\s+)?(?:been\s+)?(?:tested|examined|"
                            r"assessed|shown)\b|\bto\s+be\s+(?:tested|established|shown|"
                            r"determined)\b|\b(?:assumed|believed|thought|held)\s+that\b", re.I)
_UNTESTED_SHARE = 0.4  # of the untested claim's (or the sentence's) telling words


def untested(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
             support: _Support) -> list[Reason]:
    """A finding the cited papers say they did not test, stated as found: "showed that
    fraud rhetoric on the floor shapes public opinion" where the paper says "the
    observational design cannot establish whether it shapes public opinion". The untested
    claim's telling words (at least two, and three where it has more) must be the
    sentence's, and make up a good share of the claim's or of the sentence's own; the
    sentence must not leave it open itself ("may shape").

    So with what a paper gives as a belief it sets out to test ("it is commonly assumed
    that wider randomization ranges yield more robust policies"), stated as found."""
    if _OPEN.search(sent.text):
        return []
    for p in papers:
        for line, claim, belief in _untested_in((p.paper.title, *p.sentences)):
            if belief and _DENIAL.search(sent.text):
                continue  # "found no significant difference": the paper's own denial
            words = claim & (sent.content | p.stems)  # as the sentence's words are stemmed
            said = words & sent.content
            if len(words) >= 2 and len(said) >= min(3, len(words)) and (
                    len(said) >= _UNTESTED_SHARE * len(words)
                    or len(said) >= _UNTESTED_SHARE * len(sent.content) + 1):
                what = "give as a belief, not a finding" if belief else "say they did not test"
                return [Reason("scope", f"states as found what the cited papers {what}: "
                                        f'"{line}"', (line,))]
    return []


@lru_cache(maxsize=1 << 10)
def _untested_in(lines: tuple[str, ...]) -> tuple[tuple[str, frozenset[str], bool], ...]:
    """Each line of a paper (its title and evidence sentences) that says a claim is
    untested, or a belief the paper denies, with the claim's content stems and whether it
    is a belief; found once a paper."""
    found = []
    for line in lines:
        if not _UNTESTED_HINT.search(line):
            continue
        for claim, belief in _untested_claims(line):
            stems = frozenset(t.stem for t in _tokens(claim) if t.content)
            if not belief or _denied(stems, [other for other in lines if other != line]):
                found.append((line.strip(), stems, belief))
    return tuple(found)


# A plain denial: "Wider Is Not Better", "wider randomization did not buy robustness".
_DENIAL = re.compile(r"\b(?:not|no|never|nor|neither|cannot)\b|n['’]t\b", re.I)


def _denied(stems: frozenset[str], lines: Sequence[str]) -> bool:
    """Whether another line of the paper denies a belief: half of the belief's words (two
    at least), one of them among the few after a denial ("wider randomization did not buy
    robustness"). A belief the paper bears out ("It is thought that the ICR directs the
    silencing ...", then shown) is its finding too."""
    least = max(2, len(stems) / 2)
    for line in lines:
        if len(stems & _text_stems(line)) < least:
            continue
        for m in _DENIAL.finditer(line):
            if stems & _text_stems(" ".join(line[m.end():].split()[:_DENIED_REACH])):
                return True
    return False


_DENIED_REACH = 4  # words after a denial that it denies


def _untested_claims(line: str) -> list[tuple[str, bool]]:
    """The claims a paper's sentence says are untested (_UNTESTED_AFTER, _UNTESTED_BEFORE)
    or beliefs (_ASSUMED), each with whether it is a belief."""
    found = [(line[m.end():], False) for m in _UNTESTED_AFTER.finditer(line)]
    found += [(re.split(r"[;:]|,\s", line[:m.start()])[-1], False)
              for m in _UNTESTED_BEFORE.finditer(line)]
    found += [(line[m.end():], True) for m in _ASSUMED.finditer(line)]
    return [(c, belief) for c, belief in found if c.strip()]


# A sentence's claim that one thing makes another happen: "causes tenants to leave", "led
# women to skip antenatal visits", "cause their own supporters to lose trust".
_CLAIMS_CAUSE = re.compile(r"\b(?:caus(?:e|es|ed|ing)|led|leads?|leading|drives?|drove)\s+"
                           r"(?:[\w'’-]+\s+){1,5}?to\s+(?!the\b|a\b|an\b)[a-z]+\b"
                           r"|\bcaus(?:e|es|ed|ing)\s+(?!by\b|of\b)[\w'’-]+", re.I)
# A sentence that hedges the claim itself: "may cause", "is consistent with X causing".
_HEDGED_CAUSE = re.compile(r"\b(?:may|might|could|would|whether|if|suggest\w*|consistent "
                           r"with|possibl\w*|perhaps|likely|not|no)\b[^,;]*$", re.I)
# A paper that says its design cannot show a cause: "they do not establish that short-term
# rental growth causes tenants to leave", "reverse causation and selection cannot be
# excluded", "the direction of these associations cannot be established", "the estimates
# are observational and could reflect ...".
_NO_CAUSE_SHOWN = re.compile(
    r"\b(?:do|does|did|can|could)\s*(?:not|n't)\s+(?:establish|show|prove|demonstrate|"
    r"determine)\s+(?:that|whether|causal\w*|a\s+causal)\b"
    r"|\bcannot\s+(?:establish|show|prove|demonstrate|determine)\s+(?:that|whether|causal\w*)\b"
    r"|\breverse\s+causa\w+"
    r"|\b(?:direction|causality|causal\s+\w+)\s+[^.;]{0,40}?cannot\s+be\s+"
    r"(?:established|determined|inferred)"
    r"|\b(?:estimates|results|findings|associations|data)\s+are\s+observational\b"
    r"|\bthese\s+are\s+associations\b", re.I)


# A paper's words for a cause, any of which grants the sentence its causal verb (the other
# checks judge what caused what): an association ("associated with", "linked to",
# "interpreted as") grants none.
_CAUSAL = re.compile(r"\bcaus|\bdue to\b|\bbecause\b|\battribut|\bdriv(?:e|es|en|ing)\b|"
                     r"\bdrove\b|\blead(?:s|ing)? to\b|\bled to\b|\bresult(?:s|ed|ing)? in\b|"
                     r"\binduc|\btrigger|\bresponsible for\b|\beffect of\b|\bowing to\b|"
                     r"\bexplain|\bproduc|\bmak(?:e|es|ing)\b|\bmade\b|\bconfer|\brender|"
                     r"\bcontribut|\bmediat", re.I)


# "X caused Y", "Y is caused by X", "X causing Y"; not the noun ("a cause of Y").
_CAUSING = frozenset("cause causes caused causing".split())
_CAUSE_NOUN_BEFORE = frozenset("a an the main major leading common root possible potential "
                               "likely primary underlying its their".split())


@lru_cache(maxsize=1 << 12)
def _causes_in(text: str) -> tuple[tuple[str, frozenset[str], frozenset[str], str], ...]:
    """Each causing verb of the text: the word, the content stems of its cause and of its
    effect (the clause before it and the phrase after it, turned round after "by"), and
    the words from the cause to the verb as written. Remembered per text: every check of a
    sentence with a causing verb reads each cited abstract again."""
    if "caus" not in text.lower():
        return ()
    tokens = _tokens(text)
    found = []
    for i, tok in enumerate(tokens):
        word = tok.word.lower()
        if word not in _CAUSING or (i and tokens[i - 1].word.lower() in _CAUSE_NOUN_BEFORE) \
                or (i + 1 < len(tokens) and tokens[i + 1].word.lower() == "of") \
                or text[tok.start - 1:tok.start] == "-":
            continue  # the noun, or an adjective: "human-caused warming"
        before = _subject_side(text, tokens, i, figure=word.endswith("ing"))
        if i + 1 < len(tokens) and tokens[i + 1].word.lower() == "by":
            cause, effect = _other_side(text, tokens, i + 2), before
        else:
            cause, effect = before, _other_side(text, tokens, i + 1)
        cause, effect = cause - _GENERIC_STEMS, effect - _GENERIC_STEMS
        if cause and effect:
            start = min((k for k in range(i) if tokens[k].stem in before), default=i)
            found.append((tok.word, cause, effect, text[tokens[start].start:tok.end]))
    return tuple(found)


# Claims of priority, novelty, exclusivity or completeness: each must be the papers' own
# ("XPR is the first cross-lingual phrase retriever" needs a paper that says "first").
_SCOPE_FAMILIES = {
    "priority": re.compile(r"\b(?:the|is|was|are|were)\s+(?:very\s+)?first\b"
                           r"(?![\s-]+(?:author|papers?|publications?|preprints?|works?)\b)"
                           r"|\bfor the first time\b|\bfirst to\b", re.I),
    # Not "only 47 of them", "only about 1 percent", "undid only part of the damage": a
    # small figure or share, no exclusivity.
    # "her only sole-authored work": a role's count, which the record checks (record.roles).
    "exclusivity": re.compile(r"(?<!\bnot )\b(?:only|solely|exclusively)\b"
                              r"(?!\s+(?:sole|single|solo|first|lead|last|senior)[- ]author"
                              r"|\s+(?:a|one|two|three|\d+|papers?|"
                              r"publications?|preprints?|works?|articles?|\w+ly|about|around|"
                              r"some|nearly|almost|half|part|partial|small|little|limited|"
                              r"modest|marginal|once|a\s+(?:third|quarter|fifth|tenth))\b)",
                              re.I),
    # "walks on any real-world terrain", "for any region of the world": a claim over
    # every case, where the papers name some.
    # "whatever the conditions", "regardless of the setting": a claim over every case too.
    # "every 10 ms", "every two weeks", "every other year": how often, no claim over all
    # ("every one of the eleven hands" is one).
    "completeness": re.compile(r"\b(?:every(?!\s+(?:\d[\d.,]*|other|few|couple\s+of|two|three|"
                               r"four|five|six|seven|eight|nine|ten|twelve)\s+(?:ms|s|min|h|"
                               r"seconds?|minutes?|hours?|days?|weeks?|months?|years?)\b)|always|"
                               r"entire(?!-)|entirely|completely|eliminat\w*|"
                               r"whatever\s+the|regardless\s+of|under\s+(?:any|all)|"
                               r"anywhere(?!\s+(?:from|between)\b)|everywhere|universally|"
                               r"altogether|"
                               r"all existing|no existing|any existing)\b"
                               r"|\b(?:for|on|to|across|in|over)\s+(?:any|all)\b"
                               r"(?!\s+(?:of|\d+|two|three|four|five|six|seven|eight|nine|ten)\b)",
                               re.I),
    # Not "the best of which": the best of a set the sentence names, no claim over the field.
    "state of the art": re.compile(r"\bstate[- ]of[- ]the[- ]art\b|\bSOTA\b|"
                                   r"\bbest\b(?!\s+of\s+(?:which|them|these|those)\b)", re.I),
    "novelty": re.compile(r"\bnovel\b|\bunprecedented\b", re.I),
}


# Words every match of each family's pattern contains (lower case): a sentence with none
# of them (most) is not searched (index._screened).
_SCOPE_WORDS = {
    "priority": ("first",),
    "exclusivity": ("only", "solely", "exclusively"),
    "completeness": ("every", "always", "entire", "completely", "eliminat", "existing", "any",
                     "where", "universally", "altogether", " all ", "whatever", "regardless"),
    "state of the art": ("state", "sota", "best"),
    "novelty": ("novel", "unprecedented"),
}


# What a paper may say instead: "all four models" grants "every one of them".
_SCOPE_EVIDENCE = {"completeness": re.compile(r"\b(?:all|none|no|each|entire|whole|"
                                               r"regardless\s+of|irrespective\s+of|"
                                               r"independent(?:ly)?\s+of)\b", re.I)}


def _scope_reasons(sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[Reason]:
    """A claim of priority, exclusivity, completeness or novelty the cited papers do not
    make themselves."""
    reasons: list[Reason] = []
    low = sent.text.lower() if sent.text.isascii() else None  # lowered once for the five
    for family, pattern in _SCOPE_FAMILIES.items():
        said = _screened(pattern, _SCOPE_WORDS[family], sent.text, low)
        also = _SCOPE_EVIDENCE.get(family)
        if said and also and _short_of_all(sent.text, said):
            continue  # "nearly all existing works": the sentence claims no whole either
        if said and not (_quantified_alike(sent, said, pattern, also, papers) if also else any(
                pattern.search(p.text) for p in papers)):
            reasons.append(Reason("scope", f'"{said.group(0)}" claims {family}, which the cited '
                                          f"papers do not claim", (said.group(0),)))
    return reasons


def _quantified_alike(sent: _Sentence, said: re.Match[str], pattern: re.Pattern[str],
                      also: re.Pattern[str], papers: Sequence[_PaperIndex]) -> bool:
    """Whether a paper quantifies what the sentence's "every" (or "all", "always")
    quantifies the same way: one of its sentences has such a word (or "all", "each",
    "none", "no") and a word of the thing quantified, the first content words after the
    quantifier. "present in every treatment plot" needs more than "measured every six
    months" or "no significant effect" somewhere in the abstract. With no word after it
    ("for every k ≥ 2", "altogether."), any such word of the papers will do."""
    thing = set([t.stem for t in sent.tokens() if t.start >= said.end() and t.content]
                [:_QUANTIFIED])
    texts = [p.text for p in papers]
    if not thing:
        return any(pattern.search(t) or also.search(t) for t in texts)
    return any(thing & _quantifies(text, m) for text in texts
               for m in [*pattern.finditer(text), *also.finditer(text)]
               if not _short_of_all(text, m))


# "All but two of the known serotypes", "almost every patient", "not all": a paper's
# quantifier that stops short of the whole, which no "every" of a sentence can stand on.
_SHORT_BEFORE = re.compile(r"\b(?:almost|nearly|not|virtually|practically|near)\s+$", re.I)
_SHORT_AFTER = re.compile(r"\s+(?:but|except|save)\b", re.I)


def _short_of_all(text: str, match: re.Match[str]) -> bool:
    """Whether a paper's quantifier is hedged to less than the whole."""
    return bool(_SHORT_BEFORE.search(text[max(0, match.start() - 20):match.start()])
                or _SHORT_AFTER.match(text, match.end()))


def _quantifies(text: str, match: re.Match[str]) -> set[str]:
    """The content stems a paper's quantifier quantifies: the first few after it."""
    following = [t.stem for t in _tokens(text[match.end():match.end() + 80]) if t.content]
    return set(following[:_QUANTIFIED])


# The content words after a quantifier that name what it quantifies ("every treatment plot").
_QUANTIFIED = 2


# How far after a negator, in its clause, a word is still what the clause denies: "agent
# access did not improve consumption smoothing after the 2011 drought" denies it for the
# drought, though the negation's own scope ends three words on.
_CLAUSE_REACH = 12


def _negated_in_clause(stem: str, texts: Sequence[str]) -> bool:
    """Whether a text says the word after a negator in the same clause (no mark between)."""
    return any(stem in _clause_negated(text) for text in texts)


@lru_cache(maxsize=1 << 12)
def _clause_negated(text: str) -> frozenset[str]:
    """The stems a text says after a negator in the same clause, within _CLAUSE_REACH
    words of its first negator. Found once per text: a paper's whole text is asked again
    by each sentence checked against it."""
    found: set[str] = set()
    for clause in re.split(r"[,;:()\[\]]|\.\s", text):
        tokens = _tokens(clause)
        at = _undone(tokens, _negators(tokens, clause)) + [
            i for i, t in enumerate(tokens) if t.word.lower() in _DOING_AWAY]
        if at:
            first = min(at)
            found.update(t.stem for i, t in enumerate(tokens) if 0 < i - first <= _CLAUSE_REACH)
    return frozenset(found)




# "did not change household food expenditure" is said by "food expenditure did not differ
# between arms": a change denied is a null result, in whatever words the paper finds none.
_CHANGE_VERBS = frozenset(_stem(w) for w in "change alter affect differ vary modify shift".split())


def _null_found(sent: _Sentence, texts: Sequence[str]) -> bool:
    """Whether a cited paper finds no change or difference (finds_no_change) in a sentence
    sharing two of this one's content words."""
    return any(finds_no_change(sentence) and len(sent.content & _text_stems(sentence)) >= 2
               for text in texts for sentence in _sentences_of(text))


def finds_no_change(text: str) -> bool:
    """Whether a text says no change or difference was found, in the words of a null
    result (text.NULL_RESULT: "did not differ", "had no effect") or of a test that told
    none from nothing (_NO_CHANGE: "not significant", "undetectable")."""
    return bool(NULL_RESULT.search(text) or _NO_CHANGE.search(text))


def _reversed(item: _Polar, windows: Sequence[_Lexical]) -> _Polar | None:
    """The papers' direction word that says the same of the other side: "A outperforms B"
    where a paper says "B outperforms A". Only where no paper says it A's way round, and
    only by words that belong to one side alone."""
    def same(w: _Polar) -> bool:
        return w.dimension == item.dimension and w.sign == item.sign
    if item.compared:
        turned = _turned_sides(item, windows)
        if turned is not None:
            return turned
        if item.conditions:
            return _other_condition(item, windows)
    if not (item.before and item.after):
        return None
    left, right = item.before - item.after, item.after - item.before
    candidates = [w for window in windows for w in window.polar if same(w)]
    if any(w.before & left and w.after & right for w in candidates):
        return None
    return next((w for w in candidates if w.before & right and w.after & left), None)


# Where a clause starts, for the words before a direction word: a mark, or a word that
# joins clauses.
_CLAUSE_START = re.compile(r"[,;:()]|\b(?:and|but|while|whereas|when|where|which|that)\b",
                           re.I)
_THING_WORDS = 5  # words after a direction word that say what there is more or less of


def _said_of_other_side(item: _Polar, texts: Sequence[str]) -> str | None:
    """A paper's word of a comparison said of the sentence's other side, "than" or none:
    "no-till fields held more carbon at depth than their ploughed pairs" where a paper
    says "ploughed fields held more carbon at depth". The paper's clause must speak of the
    same thing (the words after the direction word, two of them where the sentence has
    two; a short form counts as its expansion) and open on a word of the other side alone.
    A clause that opens on the sentence's own side says it the sentence's way round."""
    mine, other = item.subject - item.compared, item.compared - item.subject
    thing = item.after - item.compared
    if not (item.compared and mine and other and thing):
        return None
    least = min(2, len(thing))
    # The sentence's word, or a comparative of the same kind and sign ("greater" for
    # "more").
    same = {item.word.lower()} | {w for w, sign in _comparatives(
        _group(item.dimension)).items() if sign == item.sign}
    word = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(same))) + r")\b", re.I)
    turned = None
    for text in texts:
        for sentence in _sentences_of(text):
            for m in word.finditer(sentence):
                after = sentence[m.end():]
                said = " ".join(after.split()[:_THING_WORDS])
                if len(thing & (_text_stems(said) | _expansions(text, said))) < least:
                    continue
                # The side is told by the clause's first word of content, which names
                # it ("ploughed fields held"): its other words may be the sentence's
                # head noun or verb ("fields held") said of either side.
                first = _clause_opening(sentence[:m.start()])
                if first in mine and first not in other:
                    return None  # said the sentence's way round
                if first in other and first not in mine:
                    turned = turned or m.group(0)
    return turned


def _clause_opening(before: str) -> str | None:
    """The first word of content (by stem) of the clause that ends the text: after its last
    clause mark or joining word (_CLAUSE_START)."""
    clause = before[max((c.end() for c in _CLAUSE_START.finditer(before)), default=0):]
    return next((t.stem for t in _tokens(clause) if t.content), None)


def _expansions(text: str, said: str) -> set[str]:
    """The stems of what the short forms in `said` stand for, as the text defines them:
    "more SOC" of a paper that writes "soil organic carbon (SOC)" says "carbon"."""
    found: set[str] = set()
    for short in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]\b", said):
        defined = re.search(rf"((?:[\w-]+\s+){{1,{len(short)}}})\({re.escape(short)}\)", text)
        if defined:
            found |= _text_stems(defined.group(1))
    return found


def _other_condition(item: _Polar, windows: Sequence[_Lexical]) -> _Polar | None:
    """A paper's word of the same kind and sign said of the other condition alone: "more
    pronounced gains under extended context evaluation" where the sentence says the gains
    are "larger under short-context evaluation than under extended-context evaluation".
    Each condition is told by the words it alone has ("short", "extended")."""
    mine, other = item.subject - item.compared, item.compared - item.subject
    mine, other = _told_apart(mine, other) or (mine, other)
    said = [w for window in windows for w in window.polar
            if w.dimension == item.dimension and w.sign != 0 and not w.compared]
    if any(w.sign == item.sign and w.targets & mine and not w.targets & other for w in said):
        return None
    return next((w for w in said if w.sign == item.sign and w.targets & other
                 and not w.targets & mine), None)


def _told_apart(mine: frozenset[str], other: frozenset[str]
                ) -> tuple[frozenset[str], frozenset[str]] | None:
    """The two opposite words two conditions differ by, each as its side's one telling
    word: "in countries with very high HDI than in those with low HDI" is told by "high"
    and "low", not by "countries", which the other side says by "those"."""
    for a in sorted(mine):
        opposite = _opposites(a, a)
        for b in sorted(other):
            if b in opposite:
                return frozenset({a}), frozenset({b})
    return None


def _turned_sides(item: _Polar, windows: Sequence[_Lexical]) -> _Polar | None:
    """A paper's comparison of the same kind with the sides the other way round: the
    sentence's "A is higher than B" (or "A outperforms B") where a paper compares with A
    ("B ... higher than A") the same way. None when a paper says it the sentence's way
    round anywhere: with the same other side and the same direction, or with A as the
    other side and the opposite direction ("B is lower than A").

    Each side is told by the words it alone has, so "recover annotated cell types",
    said on the subject's side of both, decides nothing."""
    mine_subject = item.subject - item.compared
    mine_other = item.compared - item.subject
    turned = None
    for window in windows:
        for w in (*window.polar, *window.figures):
            if w.dimension != item.dimension or w.sign == 0 or not w.compared:
                continue
            other = w.compared - w.subject
            if other & mine_other and not other & mine_subject:
                if w.sign == item.sign:
                    return None
            elif other & mine_subject and not other & mine_other:
                if w.sign == -item.sign:
                    return None
                turned = turned or w
    return turned


# Dimensions a paraphrase moves between: "improves accuracy" is "higher accuracy".
_DIRECTION_GROUP = {"quality": "more", "amount": "more", "speed": "more", "efficiency": "more",
                    "extremum": "more"}


def _group(dimension: str) -> str:
    """The group of kinds a direction word's kind moves within (_DIRECTION_GROUP)."""
    return _DIRECTION_GROUP.get(dimension, dimension)


def _negation_reasons(sent: _Sentence, windows: Sequence[_Lexical],
                      texts: Sequence[str] = ()) -> list[Reason]:
    """A word negated in the sentence but not in the papers, or the other way round. A
    word the aligned windows state plainly stands negated where a clause of a cited paper
    negates it too ("NEMO prevents intestinal inflammation" of a paper that says so, and
    also speaks of "chronic inflammation in the colon")."""
    def union(field: str) -> set[str]:
        return set().union(*(getattr(w, field) for w in windows)) if windows else set()

    lex = sent.lexical
    negated_wide, plain_wide = union("negated_wide"), union("plain_wide")

    def said(stem: str, stems: set[str]) -> bool:
        """The stem or a synonym of it ("not used" against "utilizing")."""
        return stem in stems or bool(_SYNONYMS.get(stem, frozenset()) & stems)

    # Lenient both ways: what the sentence surely negates against what the papers surely
    # state plainly, and what it surely states against what they surely negate.
    own = sent.contrasted if lex.negated else frozenset()
    reasons = [Reason("negation", f'negates "{_spelled(sent, s)}", which the cited papers state '
                              f"without negation", (_spelled(sent, s),))
               for s in sorted(lex.negated - own)
               if not said(s, negated_wide) and said(s, plain_wide)
               and not _negated_in_clause(s, [*(w.text for w in windows), *texts])
               and not (s in _CHANGE_VERBS and _null_found(sent, texts))]
    reasons += [Reason("negation", f'states "{_spelled(sent, s)}", which the cited papers only '
                                   f"negate", (_spelled(sent, s),))
                for s in sorted((lex.plain_wide - lex.negated_wide) & union("negated")
                                - union("plain")) if s not in _GENERIC_STEMS
                and not _spelled(sent, s)[:1].isupper()]  # a name's word: "Structural Health"
    # "The demo cannot be found", "is not part of this work": a negation over stop or
    # framing words only, where the papers negate nothing at all.
    bare = lex.negations and lex.negated <= _GENERIC_STEMS and not any(
        p.negated for p in lex.polar) and not any(
        role == "sole" for role, _, _ in sent.roles)  # "without co-authors": a role (record.roles)
    if bare and windows and not any(w.negations for w in windows):
        reasons.append(Reason("negation", "adds a negation the cited papers do not state"))
    return reasons
