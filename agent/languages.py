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


def language_of(text: str) -> str:
    """The language whose stop words the text uses most ("english" when none stands out)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return "english"
    best, best_hits = "english", sum(w in ENGLISH_STOP_WORDS for w in words)
    for language, stops in _lists().items():
        if language == "english":
            continue  # counted above
        hits = sum(w in stops for w in words)
        if hits > best_hits and hits >= _MIN_HITS:
            best, best_hits = language, hits
    return best


def stop_words(texts: Iterable[str]) -> frozenset[str]:
    """English stop words and those of every other language one of the texts is in."""
    languages = {language_of(t) for t in texts} - {"english"}
    lists = _lists()
    return ENGLISH_STOP_WORDS.union(*(lists[lang] for lang in sorted(languages)))
