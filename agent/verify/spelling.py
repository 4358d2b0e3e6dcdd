"""Corrupted words: a word of the sentence that no paper of the profile uses, that is a
near-spelling of a word the cited papers do use ("formsulates" for "formulates", "bitexems"
for "bitexts"), and that is neither a form of that word nor an English word.

The support tier cannot see these: one missing word is a paraphrase once a sentence is
long enough (thresholds.ONE_MISS_MIN_WORDS), and a corrupted word shares most of its
sub-word pieces with the word it corrupts, so it sits near it in meaning too.

What tells a corruption from a real word is a dictionary: pyspellchecker's English word
list (160,000 words with their frequency in subtitles), which ships inside its wheel and
is read from there, nothing downloaded. The tokenizer of agent/similarity.py cannot tell
them apart: "formulates" and "formsulates" are both three pieces, "mutual" and "mutal" two.
A word the dictionary lacks is still taken as real when a form of it is listed
("finetunes" as "finetune"), or its American spelling ("tumour", "optimise",
"haematopoietic", "modelling"), and a word any paper of the profile uses is a word of the
field whatever the dictionary says.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from agent.verify.index import _PaperIndex
from agent.verify.lexicon import _stem
from agent.verify.reasons import Reason, cite

if TYPE_CHECKING:
    from agent.verify.analysis import _Sentence
    from agent.verify.profile import ProfileIndex
    from agent.verify.support import _Support

log = logging.getLogger(__name__)

# Shorter words are too often a letter away from another word, and too seldom mistyped
# into a non-word the dictionary lacks, to be judged by spelling.
MIN_LENGTH = 5
# Edits a corruption may be from the word it corrupts: one below LONG letters, two from it.
LONG = 8


@lru_cache(maxsize=1)
def _dictionary() -> dict[str, int] | None:
    """pyspellchecker's English words and their frequencies, read from its own wheel;
    None without it."""
    try:
        data = resources.files("spellchecker").joinpath("resources/en.json.gz").read_bytes()
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        log.warning("pyspellchecker is not installed: corrupted words are not checked "
                    "(pip install pyspellchecker)")
        return None
    return dict(json.loads(gzip.decompress(data)))


# A word this frequent in the dictionary's subtitles is an everyday word ("effective",
# "related", "capable"); "nate" or "formative" are not, so "innate" and "informative"
# are no negations of them.
COMMON = 2000
# A negating prefix, and the endings of the adjectives it turns round ("ineffective",
# "inaccurate", "incapable", "independent"); "un-" and "non-" turn round any word. "im-"
# comes only before b, m or p, "ir-" before r, "il-" before l ("immature", "irregular",
# "illegal"): "imaged" is no negation of "aged".
_NEGATED_WORD = re.compile(r"^(?:(?P<un>un|non-?)|in|im(?=[bmp])|ir(?=r)|il(?=l))"
                           r"(?P<base>[a-z]{4,})$")
_ADJECTIVE = re.compile(r"(?:ive|ate|able|ible|ent|ant|al|ful|ed|ic|ous|ary|ory)$")


def negated_word(word: str) -> str | None:
    """The everyday word a word negates by its prefix ("ineffective" -> effective,
    "unrelated" -> related), or None ("increase", "innate", "information")."""
    words = _dictionary()
    match = _NEGATED_WORD.match(word.lower())
    if words is None or match is None:
        return None
    base = match.group("base")
    if not (match.group("un") or _ADJECTIVE.search(base)):
        return None
    return base if words.get(base, 0) >= COMMON else None


def available() -> bool:
    """Whether the spelling check runs (the dictionary is importable)."""
    return _dictionary() is not None


def frequency(word: str) -> int:
    """How often the word (lower case) is met in the dictionary's subtitles; 0 for a word
    it does not count, and without the dictionary."""
    return (_dictionary() or {}).get(word) or 0


def misspelled(ctx: ProfileIndex, sent: _Sentence, papers: Sequence[_PaperIndex],
               support: _Support) -> list[Reason]:
    """Words that corrupt a word of the cited papers: "formsulates" where they say
    "formulates"."""
    # A word of English is no corruption, whatever it is near: asked first (a look-up),
    # it spares most candidates the search of the papers' words. Without the
    # dictionary every word counts as English, so none is left.
    candidates = [word for word in _candidates(ctx, sent) if not is_english(word)]
    if not candidates:
        return []
    pool = sorted({w for p in papers for window in p.windows for w in window.surface})
    reasons: list[Reason] = []
    for word in candidates:
        near = _near(word, pool)
        if near is None:
            continue
        owners = [p.key for p in papers
                  if any(near in window.surface for window in p.windows)]
        reasons.append(Reason(
            "spelling", f'"{word}" is no word the cited papers use, nor an English word: a '
                        f'corruption of "{near}" ({cite(owners)})?', (word, near, *owners)))
    return reasons


def _candidates(ctx: ProfileIndex, sent: _Sentence) -> list[str]:
    """The sentence's plain lower-case words that no paper of the profile uses.

    Names (capitals inside, digits) are checked as names (anchors.py); a capitalised word
    is a candidate only where it opens the sentence.
    """
    names = [(a.start, a.end) for a in sent.anchors if a.kind in {"entity", "quote"}]
    names += [(p.start, p.end) for p in sent.persons]
    tokens = sent.tokens()
    found: list[str] = []
    for i, tok in enumerate(tokens):
        word = re.sub(r"'s?$", "", tok.word) if "'" in tok.word else tok.word
        if len(word) < MIN_LENGTH or not word.isalpha() or not word[1:].islower() \
                or (i and not word.islower()):
            continue
        if any(a <= tok.start < b for a, b in names):
            continue
        low = word.lower()
        if tok.stem in ctx.idf or _stem(low) in ctx.idf or low in found \
                or anyascii(low) in ctx.name_words:
            continue
        found.append(low)
    return found


def _near(word: str, pool: Sequence[str]) -> str | None:
    """The pool's word the word is a near-spelling of, not a form of; None if none is."""
    limit = 1 if len(word) < LONG else 2
    best: tuple[int, str] | None = None
    for other in pool:
        if abs(len(other) - len(word)) > limit or len(other) < MIN_LENGTH:
            continue
        distance = Levenshtein.distance(word, other, score_cutoff=limit)
        if distance > limit or variant(word, other):
            continue
        if best is None or (distance, other) < best:
            best = (distance, other)
    return best[1] if best else None


# Inflections and derivations a word may carry: a form of a word is no corruption of it.
_SUFFIXES = ("ations", "ation", "itions", "ition", "ions", "ion", "ments", "ment", "ness",
             "ities", "ity", "ically", "ical", "ally", "ial", "al", "ively", "ive", "ers", "er",
             "ors", "or", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly", "able", "ible",
             "ability", "ize", "izes", "ized", "izing", "ic", "y", "e")


def _roots(word: str) -> set[str]:
    """The word and what is left of it without one suffix ("formulates" -> formulat)."""
    roots = {word}
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)]
            roots.update({root, root + "e", root.rstrip("e")})
            if len(root) >= 2 and root[-1] == root[-2]:
                roots.add(root[:-1])  # "labelled" -> label
            if root.endswith("i"):
                roots.add(root[:-1] + "y")  # "studies" -> study
    return roots


# British (and older) spellings and their American forms: "optimise" is "optimize".
_AMERICAN = ((re.compile(r"is(?=(?:e|ed|es|er|ers|ing|ation|ations|able)$)"), "iz"),
             (re.compile(r"ys(?=(?:e|ed|es|ing)$)"), "yz"),
             (re.compile(r"our(?=(?:s|ed|ing|al|ite|ites|ful)?$)"), "or"),
             (re.compile(r"(?<=[a-z])ae"), "e"), (re.compile(r"(?<=[a-z])oe"), "e"),
             (re.compile(r"^ae"), "e"), (re.compile(r"^oe"), "e"),
             (re.compile(r"tre(?=s?$)"), "ter"), (re.compile(r"ence(?=s?$)"), "ense"),
             (re.compile(r"ogue(?=s?$)"), "og"), (re.compile(r"ll(?=(?:ed|ing|er|ers)$)"), "l"),
             # "sulphur"/"sulfur", "clomiphene"/"clomifene" (an older and an INN spelling).
             (re.compile(r"ph"), "f"))


@lru_cache(maxsize=1 << 14)  # per word, as _stem: twelve substitutions each time otherwise
def american(word: str) -> str:
    """The word in one spelling of the pairs above: "tumour" -> tumor, "sulphur" -> sulfur."""
    for pattern, repl in _AMERICAN:
        word = pattern.sub(repl, word)
    return word


def variant(word: str, other: str) -> bool:
    """Whether two words are forms of one word: inflected, derived, or spelled British and
    American ("formulates"/"formulation", "optimise"/"optimize", "tumour"/"tumor")."""
    a, b = american(word.lower()), american(other.lower())
    if a == b or _stem(a) == _stem(b):
        return True
    return bool(_roots(a) & _roots(b))


@lru_cache(maxsize=1 << 14)  # per word: the dictionary is the process's, loaded once
def is_english(word: str) -> bool:
    """Whether the dictionary lists the word, a form of it, or its American spelling."""
    words = _dictionary()
    if words is None:
        return True
    low = word.lower()
    return any(form in words for base in {low, american(low)} for form in _inflected(base))


# Inflections only: "mutal" less "-al" is "mute", but no one derives "mutal" from it.
_INFLECTIONS = (("ies", "y"), ("ied", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                ("ing", ""), ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""))


def _inflected(word: str) -> set[str]:
    """The word and what it may be inflected from: "finetunes" -> finetune."""
    forms = {word}
    for suffix, base in _INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            root = word[: -len(suffix)]
            forms.add(root + base)
            if suffix in {"ed", "ing", "er", "ers"} and len(root) >= 2 and root[-1] == root[-2]:
                forms.add(root[:-1])  # "labelled" -> label
    return forms
