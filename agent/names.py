"""Person names and paper keys: normalising, matching the owner, building citation keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from anyascii import anyascii

from agent.models import OwnerPosition, Paper

# Words skipped when a key takes "the first word of the title": a key built from
# "On the ..." or "A ..." would say nothing about the paper.
_TITLE_STOPWORDS = frozenset(
    "a an the on of in for to towards toward via with and or is are can do does "
    "from by at as into beyond".split()
)
_WORD = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*")


def normalize_name(name: str) -> str:
    """Fold a name for comparison: no accents, no case, hyphens and dots as spaces."""
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    spaced = re.sub(r"[\s.\-‐‑–_]+", " ", stripped.casefold())
    return spaced.strip()


def same_person(a: str, b: str) -> bool:
    """True when two written names are the same person (order-insensitive)."""
    na, nb = normalize_name(a), normalize_name(b)
    if not na or not nb:
        return False
    return na == nb or na.split() == list(reversed(nb.split()))


def owner_position(authors: Sequence[str], truncated: bool, owner: str) -> OwnerPosition:
    """Where the owner stands in a visible author list that may end in "et al."."""
    index = next((i for i, a in enumerate(authors) if same_person(a, owner)), None)
    if index is None:
        return OwnerPosition.UNKNOWN if truncated else OwnerPosition.ABSENT
    if index == 0:
        return OwnerPosition.SOLE if len(authors) == 1 and not truncated else OwnerPosition.FIRST
    if index == len(authors) - 1 and not truncated:
        return OwnerPosition.LAST
    return OwnerPosition.MIDDLE


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


_CJK_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def _is_cjk(text: str) -> bool:
    return any(unicodedata.name(c, "").startswith(_CJK_SCRIPTS) for c in text)


def surname(name: str) -> str:
    """The family name as a key fragment.

    Latin-script names put it last ("Zewen Chi"); Chinese, Japanese and Korean
    names written in their own script put it first ("山田 太郎", "王小明").
    """
    words = name.split()
    if not words:
        return ""
    if _is_cjk(name):
        # anyascii capitalises each syllable: "王小明" -> "WangXiaoMing".
        first = anyascii(words[0])
        syllables = re.findall(r"[A-Z][a-z]*", first)
        return _ascii_word(syllables[0] if len(words) == 1 and syllables else first)
    return _ascii_word(words[-1])


def title_word(title: str) -> str:
    """The first informative word of a title, as a key fragment."""
    first = next(iter(title.split()), "")
    if _is_cjk(first):
        # No spaces between words: two characters make a readable, short fragment.
        return _ascii_word(anyascii(first[:2]))
    words = _WORD.findall(anyascii(title))
    for word in words:
        if word.lower() not in _TITLE_STOPWORDS:
            return _ascii_word(word)
    return _ascii_word(words[0]) if words else ""


def base_key(paper: Paper) -> str:
    """surname + year + first title word, e.g. chi2020infoxlm."""
    author = surname(paper.authors[0]) if paper.authors else "anon"
    year = str(paper.year) if paper.year else "nd"
    return f"{author or 'anon'}{year}{title_word(paper.title) or 'untitled'}"


def _order(paper: Paper) -> tuple[str, str, str, str]:
    # Content only, never the input position, so keys do not depend on file order.
    return (
        paper.date.isoformat() if paper.date else "",
        paper.title.casefold(),
        "|".join(paper.authors),
        paper.abstract,
    )


def assign_keys(papers: Sequence[Paper]) -> list[Paper]:
    """Give every paper a unique key; colliding keys get b, c, ... in content order."""
    groups: dict[str, list[int]] = {}
    for i, paper in enumerate(papers):
        groups.setdefault(base_key(paper), []).append(i)
    keys: dict[int, str] = {}
    taken: set[str] = set()
    for base in sorted(groups):
        members = sorted(groups[base], key=lambda i: _order(papers[i]))
        rank = 0
        for i in members:
            # A suffixed key may equal another paper's base key ("smith2020ab"); skip it.
            while (key := base if rank == 0 else f"{base}{_suffix(rank)}") in taken or (
                rank and key in groups
            ):
                rank += 1
            keys[i] = key
            taken.add(key)
            rank += 1
    return [p.model_copy(update={"key": keys[i]}) for i, p in enumerate(papers)]


def _suffix(rank: int) -> str:
    """1 -> b, 2 -> c, ..., 25 -> z, 26 -> ba: never runs out."""
    letters = ""
    n = rank
    while n:
        n, r = divmod(n, 26)
        letters = chr(ord("a") + r) + letters
    return letters
