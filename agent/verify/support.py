"""The support tier: how much of a sentence's meaning the best windows of the cited papers
carry, each word weighted by how telling it is, a word said there in other words counting
as said (agent/similarity.py); the evidence per clause; and the check that too little of
the sentence, or of one clause, is in the papers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from agent import similarity
from agent.models import Evidence, Topic
from agent.verify import thresholds, wordnet
from agent.verify.index import _LABEL_KEYWORDS, _PaperIndex
from agent.verify.lexicon import (
    LETTER,
    _CONTRASTS,
    _POLARITY,
    _STOP,
    _GENERIC_HEADS,
    _NEGATING_PREFIXES,
    _RECEPTION,
    _is_content,
    _judges,
    _may_hold,
    _Lexical,
    _norm,
    _opposite,
    _spelled,
    _stem,
    _stems,
    _Token,
    _tokens,
    same_word,
)
from agent.verify.reasons import Reason

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.profile import ProfileIndex


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


def _support(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> _Support:
    """Align the sentence with the cited papers' best windows; score what they carry.

    A word the windows do not use counts as said when one of their words is near it
    in meaning (thresholds.WORD_SIMILARITY, agent/similarity.py).
    """
    windows = tuple((p.key, w) for p in papers for w in _best_windows(sent, p))
    offered = frozenset(_covered(ctx, sent, papers, [w for _, w in windows]))
    covered = offered & sent.content
    missing = sorted(sent.content - covered)
    soft: dict[str, tuple[float, str]] = {}
    opposed: dict[str, str] = {}
    if missing:
        pool = sorted(set().union(*(w.surface for _, w in windows)))
        spelled = [_spelled(sent, m).lower() for m in missing]
        by_stem = {_stem(w): w for w in reversed(pool)}
        low = sent.text.lower()
        said_non = "non-" in low or "non " in low  # most sentences have no "non-" word
        for stem, word, (sim, near) in zip(missing, spelled,
                                           similarity.best_matches(spelled, pool)):
            # A WordNet synonym the windows use is said ("difficult" for "hard").
            synonym = wordnet.synonym_among(word, by_stem)
            negated = _negated_in(word, pool) if stem not in sent.lexical.negated else None
            if said_non and _non_prefixed(sent, stem) and (unsaid := _negated_in(word, pool)):
                soft[stem] = (1.0, unsaid)  # "non-templated" where they say "untemplated"
            elif negated is not None and stem not in sent.contrasted:
                opposed[stem] = negated  # "sensitive" where the windows say "insensitive"
            elif synonym is not None:
                soft[stem] = (1.0, by_stem[synonym])
            elif sim >= thresholds.WORD_SIMILARITY and _opposite(word, near):
                if _stem(near) not in sent.contrasted:  # the sentence draws it itself
                    opposed[stem] = near
            elif sim >= thresholds.WORD_SIMILARITY:
                soft[stem] = (sim, near)
    total = sum(_weight(ctx, w, sent) for w in sent.content)
    found = sum(_weight(ctx, w, sent) for w in [*covered, *soft])
    return _Support(score=found / total if total else 1.0, covered=frozenset(covered),
                    soft=soft, missing=tuple(m for m in missing if m not in soft),
                    windows=windows, offered=offered, opposed=opposed)


def _non_prefixed(sent: _Sentence, stem: str) -> bool:
    """Whether the sentence writes the word (by stem) after "non-" or "non " every time:
    "non-templated" negates it as the papers' "untemplated" does."""
    tokens = [t for t in sent.tokens() if t.stem == stem]
    return bool(tokens) and all(
        sent.text[max(0, t.start - 4):t.start].lower() in ("non-", "non ") for t in tokens)


def _negated_in(word: str, pool: Sequence[str]) -> str | None:
    """The word of the pool that is this one negated by its prefix ("insensitive" for
    "sensitive"), or None. Not for a verb: "stabilises training" is said of a paper's
    "instability", the problem it removes; nor for a short word ("age" in "imaging")."""
    if len(word) < 5 or wordnet.is_verb(word):
        return None
    return next((w for w in pool for p in _NEGATING_PREFIXES
                 if w.startswith(p) and same_word(w[len(p):], word)), None)


def _weight(ctx: ProfileIndex, stem: str, sent: _Sentence) -> float:
    """How telling a word is: its IDF in the profile (a word no paper uses, the most),
    less for a word common in English (similarity.rarity)."""
    return ctx.idf.get(stem, ctx.unseen) * similarity.rarity(sent.spelled.get(stem, stem))


def _evidence(ctx: ProfileIndex, sent: _Sentence, support: _Support) -> list[Evidence]:
    """Per clause, the window of the cited papers that carries most of its meaning."""
    found = support.found()
    evidence: list[Evidence] = []
    for start, end in sent.clauses or ((0, len(sent.text)),):
        words = _stems(sent.text[start:end]) & sent.content
        if not words or not support.windows:
            continue
        total = sum(_weight(ctx, w, sent) for w in words)

        def share(window: _Lexical, words: frozenset[str] = words,
                  total: float = total) -> float:
            said = {w for w in words & found if w in window.stems
                    or support.soft.get(w, (0, ""))[1] in window.surface}
            return sum(_weight(ctx, w, sent) for w in said) / total

        key, window = max(support.windows, key=lambda kw: share(kw[1]))
        evidence.append(Evidence(key=key, field="abstract", text=window.text,
                                 clause=sent.text[start:end].strip(),
                                 score=round(share(window), 3)))
    return evidence


def _covered(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
             windows: Sequence[_Lexical]) -> set[str]:
    """The sentence's words the papers offer: windows, titles, author lists, names."""
    covered = set().union(*(w.stems for w in windows), *(p.meta for p in papers))
    covered |= {_stem(w) for p in papers for w in re.findall(LETTER + "+", p.paper.title)}
    covered -= _other_words(sent, papers, windows, covered)
    # A name found in the papers (an expansion of "CMU", say) supports its own words,
    # and a topic's label words are facts about the topics the cited papers are in.
    keys = {p.key for p in papers}
    covered |= {s for t in ctx.facts.topics if keys & set(t.paper_keys)
                for name in _names_of(t) if name <= sent.content for s in name}
    covered |= {t.stem for a in sent.anchors if a.kind == "entity"
                and sent.papers_with[a] & keys for t in _tokens(a.text)}
    # The words a short form the papers state stands for, as the sentence defines it.
    covered |= {s for short, stems in sent.defined if sent.papers_with[short] & keys
                for s in stems}
    return covered


def _other_words(sent: _Sentence, papers: Sequence[_PaperIndex], windows: Sequence[_Lexical],
                 offered: set[str]) -> set[str]:
    """The sentence's stems the papers offer only in other words of the same six letters
    ("electricity" in a paper on "electrophiles"; lexicon.same_word): not said there. A
    stem none of their words has came by another way (a synonym) and stands."""
    asked = {s: w.lower() for s, w in sent.spelled.items() if s in offered and s in sent.content}
    if not asked:
        return set()
    written: dict[str, set[str]] = {}
    for words in [*(w.surface for w in windows), *(p.written for p in papers)]:
        for word in words:
            if (s := _stem(word)) in asked:
                written.setdefault(s, set()).add(word)
    return {s for s, word in asked.items()
            if (words := written.get(s)) and not any(same_word(word, w) for w in words)}


def coverage(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
             support: _Support) -> list[Reason]:
    """Too little of the sentence's meaning in the aligned windows of the cited papers."""
    if not sent.content:
        return []
    # Judgements and contrasts are words the papers must use themselves: "seminal" is
    # near "important" in meaning, but no paper calls itself seminal.
    exact_missing = sorted(sent.content - support.covered)
    judging = [_spelled(sent, m) for m in exact_missing if _judges(_spelled(sent, m))]
    judging += [m.group(0) for m in _RECEPTION.finditer(sent.text)
                if _stem(m.group(1)) in exact_missing] \
        if _may_hold(sent.text, ("widely", "highly", "heavily")) else []
    judged = ", ".join(f'"{w}"' for w in judging)
    reasons = [Reason("judgement", f"judges the work ({judged}), which the cited papers do not "
                                   f"say", tuple(judging))] if judged else []
    return reasons + _coverage_reasons(ctx, sent, papers, support, exact_missing)


def _coverage_reasons(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
                      support: _Support, exact_missing: list[str]) -> list[Reason]:
    """Too little of the sentence's meaning, or of one clause's, in the papers."""
    # A word swapped for its contrast ("monolingual" where the papers say "multilingual"),
    # or for its opposite, the nearest evidence word in meaning ("labeled"/"unlabeled").
    opposites = {m: found for m in exact_missing if not any(m in p.stems for p in papers)
                 and (found := _opposites(m, _spelled(sent, m).lower()))
                 and not _as_noun(sent, m)}
    # The other word may be a framing word, which no content stem holds ("early"); the
    # windows' words are gathered only for a sentence with a word that has an opposite.
    said = support.offered | {s for _, w in support.windows for s in w.words} \
        if opposites else frozenset()
    swapped = [(m, w) for m, found in opposites.items() for s, w in found.items() if s in said
               and not _both_sides(papers, w) and not _own_contrast(sent, m, w)]
    swapped += support.opposed.items()
    swapped += _polar_contrasts(sent, papers, support)
    quality = _quality_contrasts(sent, papers) + _bound_contrasts(sent, papers)
    if swapped or quality:
        return [Reason("contrast", f'"{_spelled(sent, m)}" where the cited papers say "{w}"',
                       (_spelled(sent, m), w)) for m, w in swapped] + [
            Reason("contrast", f'"{m}" where the cited papers say "{w}"', (m, w))
            for m, w in quality]
    missing = list(support.missing)
    # What a paper is said to use is its method: one such word the papers never name is
    # an invented technique, not the one word a paraphrase may miss ("uses electricity to
    # drive the addition", of a study in which no electricity is used).
    if method := _method_missing(sent, missing):
        return [Reason("lexical", f"says the work uses {', '.join(method)}, which the cited "
                                  f"papers do not name", tuple(method))]
    if compared := _compared_missing(sent, missing):
        return [Reason("lexical", f'compares the work with "{compared}", which the cited '
                                  f"papers do not name", (compared,))]
    if term := _missing_term(sent, missing, papers):
        return [Reason("lexical", f'names "{term}", a term missing from the cited papers',
                       (term,))]
    one_miss = len(missing) == 1 and len(sent.content) >= thresholds.ONE_MISS_MIN_WORDS
    if support.score < thresholds.SUPPORT_THRESHOLD and not one_miss:
        words = ", ".join(_spelled(sent, m) for m in missing[:6])
        return [Reason("lexical", f"only {support.score:.0%} of the sentence's meaning is in "
                                  f"the cited papers (missing: {words})",
                       tuple(_spelled(sent, m) for m in missing[:6]))]
    covered = support.found()
    for segment in sent.segments:
        lacking = sorted(segment - covered)
        if len(segment) - len(lacking) < thresholds.SEGMENT_THRESHOLD * len(segment) and \
                not _own_window(segment, papers):
            words = ", ".join(_spelled(sent, m) for m in lacking)
            return [Reason("clause", f"a clause is not in the cited papers (missing: {words})",
                           tuple(_spelled(sent, m) for m in lacking))]
    return []


def _own_window(segment: frozenset[str], papers: Sequence[_PaperIndex]) -> bool:
    """Whether one window of a cited paper states the clause by itself ("Across 70
    observational studies, ..." of a review whose methods sentence says "observational
    studies"): each clause of a sentence may stand on its own sentence of the abstract."""
    need = thresholds.SEGMENT_THRESHOLD * len(segment)
    return any(len(segment & stems) >= need for p in papers for stems in p.window_stems)


# A word after a possessive or a determiner is a noun: "Tuzungumze's gains had not
# persisted" speaks of benefits, not of anything going up (WordNet's "gain" against
# "reduce" is the verbs').
_NOUN_BEFORE = re.compile(r"(?:['’]s|\b(?:the|its|their|these|those|such|her|his|our))\s+$",
                          re.I)


def _as_noun(sent: _Sentence, stem: str) -> bool:
    """Whether the sentence uses the word (by stem) as a plural noun after a possessive or
    a determiner."""
    word = _spelled(sent, stem)
    if not word.lower().endswith("s"):
        return False
    return any(_NOUN_BEFORE.search(sent.text[max(0, m.start() - 16):m.start()])
               for m in re.finditer(rf"\b{re.escape(word)}\b", sent.text))


# What sets one side against the other in a sentence's own contrast.
_CONTRAST_JOIN = re.compile(r"\b(?:whereas|while|but|unlike|in contrast|against)\b", re.I)


def _own_contrast(sent: _Sentence, stem: str, other: str) -> bool:
    """Whether the sentence sets the word against its opposite itself, across "whereas"
    or "while": "near the river, whereas farther from the channel" swaps neither side. A
    comparison with "than" ("helps large datasets more than small ones") is no such
    contrast: turned round, it is the error the swap finds."""
    mine = re.search(rf"\b{re.escape(_spelled(sent, stem))}", sent.text, re.I)
    theirs = re.search(rf"\b{re.escape(other)}", sent.text, re.I)
    if mine is None or theirs is None:
        return False
    a, b = sorted((mine.start(), theirs.start()))
    return _CONTRAST_JOIN.search(sent.text, a, b) is not None


def _both_sides(papers: Sequence[_PaperIndex], word: str) -> bool:
    """Whether the papers also use the word negated by a prefix: "general exercise" is the
    other side of a paper comparing "specific" with "unspecific" exercises."""
    negated = {_stem(prefix + word.lower()) for prefix in ("un", "non", "in")}
    return any(negated & p.stems for p in papers)


def _opposites(stem: str, word: str) -> dict[str, str]:
    """A word's contrasts (lexicon._CONTRAST_GROUPS) and WordNet antonyms, by stem."""
    return {**_CONTRASTS.get(stem, {}), **wordnet.opposites(stem, word)}


def _polar_contrasts(sent: _Sentence, papers: Sequence[_PaperIndex],
                     support: _Support) -> list[tuple[str, str]]:
    """A direction word of a contrast group where the papers use another of the group:
    "the lower troposphere" where they say "the upper troposphere".

    A direction word is no content word (polarity.py checks it against the papers'
    direction words), so the contrast above never saw it; "upper" is no direction word,
    so neither did the polarity check. Only a word the cited papers never use counts.
    """
    found = []
    for polar in sent.lexical.polar:
        stem = _stem(polar.word)
        if stem not in _CONTRASTS or any(stem in w.words for p in papers for w in p.windows):
            continue
        found += [(stem, w) for s, w in _CONTRASTS[stem].items() if s in support.offered]
    return found


# How well something works, said in an adverb: "predicts real success well" where the paper
# says "poorly". "well" is a stop word, so no content check sees it; "as well (as)" and
# "well-known", "well suited" and the like are no judgement of how well.
_QUALITY = {"well": "poorly", "poorly": "well", "badly": "well"}
_QUALITY_WORD = re.compile(r"(?<!\bas )\b(well|poorly|badly)\b(?![-\s]+(?:as|known|"
                           r"established|suited|defined|studied|understood|documented)\b)",
                           re.IGNORECASE)


def _quality_contrasts(sent: _Sentence, papers: Sequence[_PaperIndex]
                       ) -> list[tuple[str, str]]:
    """An adverb of how well something works that the cited papers turn round."""
    found = []
    texts = [p.paper.abstract for p in papers]
    said = _QUALITY_WORD.finditer(sent.text) if _may_hold(sent.text, tuple(_QUALITY)) else ()
    for word in dict.fromkeys(m.group(1).casefold() for m in said):
        other = _QUALITY[word]
        if any(re.search(rf"\b{word}\b", t, re.IGNORECASE) for t in texts):
            continue
        if any(re.search(rf"\b{other}\b", t, re.IGNORECASE) for t in texts):
            found.append((word, other))
    return found


# Words that may stand between a modifier and the word it modifies without changing what
# it says of it: "only weakly predicted" is "weakly predicted", "overstated their effect"
# is "overstated effect".
_BETWEEN = frozenset("only very so quite rather relatively comparatively the a an its their "
                     "his her".split())
# Verbs whose prefix says which way they go: "understated" against "overstated".
_OVER_UNDER = ("over", "under")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@lru_cache(maxsize=1 << 12)
def _pairs(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """Each two neighbouring words of a text (a word of _BETWEEN skipped), lower case and
    by stem: (first, first's stem, second, second's stem). Remembered: each cited paper's
    sentences are read for every sentence that has an adverb with an opposite."""
    words = [w.lower() for w in _WORD.findall(text)]
    words = [w for w in words if w not in _BETWEEN]
    return tuple((a, _stem(a), b, _stem(b)) for a, b in zip(words, words[1:]))


def _bound_contrasts(sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[tuple[str, str]]:
    """An adverb (or an over-/under- verb) turned into its opposite next to the word it
    modifies: "strongly predicted by topsoil stocks" where a paper says "only weakly
    predicted", "understated their effect" where it says "overstated their effect". The paper
    may use the modifier itself of something else ("depended strongly on parent
    material"), so no check of missing words sees it; bound to the same neighbour, the
    opposite is what the paper says of that thing. Direction words are polarity's; a pair
    the papers also say as the sentence does, or a sentence that says both, stands. Only
    adverbs ("-ly") and over-/under- verbs: an adjective classes its noun, whose name a
    paraphrase changes ("the maternal chromosome" of a paper's "maternal allele" and
    "paternal chromosome")."""
    asked = []  # each such word with an opposite, next to a word of content
    low = sent.text.lower()
    for first, a, second, b in _pairs(sent.text) if "ly" in low or "over" in low \
            or "under" in low else ():
        for word, stem, head, other_side in ((first, a, b, 1), (second, b, a, 0)):
            if not (word.endswith("ly") or word.startswith(_OVER_UNDER)) or word in _POLARITY \
                    or word in _STOP or head in _STOP or len(head) < 3 \
                    or stem in sent.lexical.negated:
                continue
            opposite = _opposites(stem, word)
            if opposite and not any(o in sent.content for o in opposite):
                asked.append((first, a, second, b, head, other_side, opposite))
    if not asked:
        return []
    theirs = [pair for p in papers for line in (p.paper.title, *p.sentences)
              for pair in _pairs(line)]
    said = {(a, b) for _, a, _, b in theirs}
    found = []
    for first, a, second, b, head, other_side, opposite in asked:
        if (a, b) in said or (b, a) in said:
            continue  # the papers say it the sentence's way too
        for their_a_word, their_a, their_b_word, their_b in theirs:
            mod, mod_word, bound = ((their_a, their_a_word, their_b) if other_side
                                    else (their_b, their_b_word, their_a))
            if mod in opposite and bound == head:
                said_pair = f"{mod_word} {their_b_word}" if other_side else \
                    f"{their_a_word} {mod_word}"
                found.append((f"{first} {second}", said_pair))
                break
    return list(dict.fromkeys(found))


def _supporting(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex]) -> list[str]:
    """Cited papers that contribute something to a supported sentence."""
    useful = [p.key for p in papers
              if any(sent.content & w.stems for w in _best_windows(sent, p))
              or any(p.key in sent.papers_with[a] for a in sent.anchors)]
    return useful or [p.key for p in papers]


def _best_windows(sent: _Sentence, paper: _PaperIndex) -> list[_Lexical]:
    """The paper's windows that together share the most content words with the sentence.

    Greedy: the best window, then the one adding the most words still missing.
    """
    chosen: list[int] = []
    missing = set(sent.content)
    stems = paper.window_stems  # chosen by their stems alone: only those chosen are built
    for _ in range(min(thresholds.WINDOWS_PER_PAPER, len(stems))):
        best = max((i for i in range(len(stems)) if i not in chosen),
                   key=lambda i: (len(missing & stems[i]), -len(stems[i]), -i))
        if chosen and not missing & stems[best]:
            break
        chosen.append(best)
        missing -= stems[best]
    return [paper.window(i) for i in chosen]


def _enough(total: int, missing: int) -> bool:
    """Lexical support: the share covered reaches the threshold, or one word is missing."""
    if total == 0:
        return True
    if missing == 1 and total >= thresholds.ONE_MISS_MIN_WORDS:
        return True
    return (total - missing) / total >= thresholds.SUPPORT_THRESHOLD


def _label_stems(topic: Topic) -> frozenset[str]:
    """The stems of the words of a topic's first keywords."""
    return _content_stems(" ".join(topic.keywords[:_LABEL_KEYWORDS]))


def _names_of(topic: Topic) -> tuple[frozenset[str], ...]:
    """Each way a sentence may name a line, as stems: its label ("atlases", which need not
    be its first keyword), or its first keywords together."""
    return _content_stems(topic.label), _label_stems(topic)


@lru_cache(maxsize=1024)
def _content_stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in re.findall(LETTER + "+", text) if _is_content(w))


# --- subjects: what the work is said to be on ----------------------------------------------

# "has worked on X", "2 papers are on X", "work on X and Y": the subject a sentence says the
# work is on, up to a clause boundary. The words of a subject must all be the cited papers'
# own: "has worked on table recognition" citing a speech paper names a subject it does not
# have, though "recognition" alone is there.
_SUBJECT = re.compile(
    r"\b(?:work(?:ed|s|ing)?|papers?|research|studies|study)"
    r"(?:\s+in\s+(?:the|her|his|their)\s+record)?\s+(?:is\s+|are\s+)?(?:on|about)\s+"
    r"(?P<subject>[^,;:.()\[\]\u201c\u201d\"]+?)(?=\s*(?:[,;:.()\[\]]|$)|\s+(?:in|from|since|"
    r"with|and|for|by|as|at|until|between|through|has|have|had|is|are|was|were|make|makes|"
    r"made|span|spans|began|begins|includes?|\d)\b)", re.I)


def subjects(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
             support: _Support) -> list[Reason]:
    """A subject the work is said to be on whose words are not all in the cited papers."""
    stems = frozenset().union(*(p.stems for p in papers)) if papers else frozenset()
    reasons = []
    said = _SUBJECT.finditer(sent.text) if _may_hold(
        sent.text, ("work", "paper", "research", "stud")) else ()
    for match in said:
        words = [w for w in re.findall(r"[\w-]+", match["subject"])
                 if _is_content(w.lower()) and not w[0].isdigit()]
        if len(words) > 1 and words[-1].lower() in _GENERIC_HEADS:
            words = words[:-1]  # "diffusion models": a paper on a diffusion policy is on it
        # A word too short for the stems ("AI" of "Generative AI and ...") is found
        # among the papers' tokens.
        missing = [w for w in words if _stem(w) not in stems
                   and not all(_stem(part) in stems for part in w.split("-") if part)
                   and not any(_norm(w) in p.tokens for p in papers)]
        if missing:
            reasons.append(Reason("subject", f'says the work is on "{match["subject"]}", but '
                                             f"the cited papers do not use "
                                             f"{', '.join(repr(w) for w in missing)}",
                                  tuple(missing)))
    return reasons


# What a sentence says the work is set against: "compared against a rule-based baseline",
# "outperforms X". A comparator the papers never name is invented (issue 15's
# "comparisons"), however much of the rest is theirs.
_COMPARED = re.compile(r"\b(?:compared (?:against|with|to)|versus|outperform(?:s|ed|ing)?|"
                       r"beat(?:s|ing)?)\s+(?:(?:the|a|an|both|several|two|three)\s+)?", re.I)


def _compared_missing(sent: _Sentence, missing: Sequence[str]) -> str | None:
    """The comparator a sentence names, when its first content word is one the papers do
    not use (nor one near it in meaning): "a rule-based heuristic baseline"."""
    if not missing or not _may_hold(sent.text, ("compared", "versus", "outperform", "beat")):
        return None
    wanted = set(missing)
    for match in _COMPARED.finditer(sent.text):
        following = next((t for t in sent.tokens() if t.start >= match.end() and t.content),
                         None)
        if following is not None and following.stem in wanted:
            rest = re.match(r"[^,;.()]+", sent.text[match.end():])
            return rest.group(0).strip() if rest else following.word
    return None


# Words after which a sentence names what the work uses.
_METHOD_MARKERS = frozenset("use uses using used employ employs employing employed apply "
                            "applies applying applied leverage leverages leveraging via".split())


# Words after which a sentence names what the work uses only when a technique follows
# ("with mid-infrared spectroscopy", "through semidefinite programming"): "with" and
# "through" introduce much else ("with 120 charters", "through 2019").
_TECHNIQUE_MARKERS = frozenset("with through by".split())
_TECHNIQUE = re.compile(r"(?:\w*(?:scopy|graphy|metry|programming|sequencing|regression|"
                        r"modell?ing|simulations?|optimi[sz]ation|estimation|imaging|assays?|"
                        r"algorithms?|transforms?))$", re.I)


def _method_missing(sent: _Sentence, missing: Sequence[str]) -> list[str]:
    """Missing words that name what the sentence says the work uses: the first content
    word after a marker, an article aside ("uses electricity", "using a rule-based ...").
    Only the first: what follows may be a clause of its own ("used knowledge held in").
    After "with", "through" or "by", only in a run of words that ends in a technique
    (_TECHNIQUE: "with mid-infrared spectroscopy")."""
    if not missing:
        return []
    tokens = list(sent.tokens())
    wanted = set(missing)
    found = []
    for i, tok in enumerate(tokens):
        marker = tok.word.lower()
        if marker not in _METHOD_MARKERS and marker not in _TECHNIQUE_MARKERS:
            continue
        for k, nxt in enumerate(tokens[i + 1:i + 4], start=i + 1):
            if nxt.content:
                if nxt.stem in wanted and marker in _METHOD_MARKERS:
                    found.append(_spelled(sent, nxt.stem))
                elif nxt.stem in wanted and (named := _technique_at(sent.text, tokens, k)):
                    found.append(named)
                break
            if nxt.word.lower() not in ("a", "an", "the"):
                break
    return found


def _technique_at(text: str, tokens: Sequence[_Token], k: int) -> str:
    """The technique a run of words from token k names ("mid-infrared spectroscopy",
    "sum-of-squares programming"), if the run ends in one (_TECHNIQUE); else "". The run
    goes on through words of content and hyphens, to a mark, four words at most."""
    last = tokens[k]
    for nxt in tokens[k + 1:k + 5]:
        gap = text[last.end:nxt.start]
        if gap != "-" and (not nxt.content or gap.strip()):
            break
        last = nxt
    return text[tokens[k].start:last.end] if _TECHNIQUE.search(last.word) else ""


def _missing_term(sent: _Sentence, missing: Sequence[str],
                  papers: Sequence[_PaperIndex]) -> str | None:
    """The first run of TERM_WORDS or more adjacent words the cited papers do not use
    ("recurrent neural network", "marker tracking and optical flow"): a term of art the
    sentence brings, a technique, a baseline or a setting the papers never name. A
    paraphrase swaps a word here and there; it does not invent a three-word term.
    Words joined by a space, a hyphen or "and" run on; any other word or mark ends a run.
    A word the papers use somewhere is theirs, though not in the windows aligned with the
    sentence ("did not measurably lift confidence" of a paper that "does not measurably
    raise trust" and speaks of confidence elsewhere)."""
    wanted = {m for m in missing if not any(m in p.stems for p in papers)}
    if len(wanted) < thresholds.TERM_WORDS:
        return None
    run: list[_Token] = []
    for tok in sent.tokens():
        gap = sent.text[run[-1].end:tok.start] if run else ""
        if tok.content and tok.stem in wanted and (not run or gap in (" ", "-", " and ")):
            run.append(tok)
        elif run and gap == " " and tok.word == "and":
            continue  # "marker tracking and optical flow": the run goes on past "and"
        elif len(run) >= thresholds.TERM_WORDS:
            break
        else:
            run = [tok] if tok.content and tok.stem in wanted else []
    if len(run) < thresholds.TERM_WORDS:
        return None
    # The parts of a hyphenated compound are one word of a term ("self-renewal capacity").
    words = 1 + sum(sent.text[a.end:b.start] != "-" for a, b in zip(run, run[1:]))
    if words < thresholds.TERM_WORDS:
        return None
    return sent.text[run[0].start:run[-1].end]
