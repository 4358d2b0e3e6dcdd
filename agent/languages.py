"""Which languages a record is written in, and the stop words of each.

A profile may hold abstracts in German, French or Spanish beside English ones;
named by English stop words alone, a German line of work comes out as "der, die
and und". Each text's language is guessed from the stop words it uses (the
classic stop-word profile method: a German abstract is dense in "der", "und",
"für"), and the stop words of every language found join the English list.

The lists come from the `stop-words` package (33 languages, maintained, 150 kB,
nothing downloaded). English keeps scikit-learn's list (agent.text), which the
analysis has always used; another language's list applies only when a text of
the profile is in it, since some of its words are English content words
("war", "art" in German).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from agent.text import ENGLISH_STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+")
# A text needs this many stop words of a language before it is said to be in it:
# a title of six words says too little to tell.
_MIN_HITS = 3


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    """Every language's stop words; English is scikit-learn's list."""
    try:
        import stop_words
    except ImportError:  # the package is a dependency; without it, English alone
        return {"english": ENGLISH_STOP_WORDS}
    lists = {"english": ENGLISH_STOP_WORDS}
    for language in sorted(set(stop_words.AVAILABLE_LANGUAGES)):
        if language != "english":
            lists[language] = frozenset(w.casefold() for w in
                                        stop_words.get_stop_words(language))
    return lists


@lru_cache(maxsize=1)
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """For each stop word of another language than English, the languages it is one of,
    in the order of _lists: a text's words are looked up once each, not once a language."""
    table: dict[str, list[str]] = {}
    for language, stops in _lists().items():
        if language != "english":
            for word in stops:
                table.setdefault(word, []).append(language)
    return {word: tuple(languages) for word, languages in table.items()}


def language_of(text: str) -> str:
    """The language whose stop words the text uses most ("english" when none stands out)."""
    words = Counter(map(str.casefold, _WORD.findall(text)))
    if not words:
        return "english"
    hits: dict[str, int] = {}
    table = _languages_of_word()
    for word, n in words.items():
        for language in table.get(word, ()):
            hits[language] = hits.get(language, 0) + n
    best, best_hits = "english", sum(n for w, n in words.items() if w in ENGLISH_STOP_WORDS)
    for language in _lists():  # English first, then the others in order: the first best wins
        found = hits.get(language, 0)
        if language != "english" and found > best_hits and found >= _MIN_HITS:
            best, best_hits = language, found
    return best


def stop_words(texts: Iterable[str]) -> frozenset[str]:
    """English stop words and those of every other language one of the texts is in."""
    languages = {language_of(t) for t in texts} - {"english"}
    lists = _lists()
    return ENGLISH_STOP_WORDS.union(*(lists[lang] for lang in sorted(languages)))
