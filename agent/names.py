"""Person names and paper keys: normalising, matching the owner, building citation keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

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


# Marks that sit on a name without being part of it: equal contribution (*, †, ‡),
# corresponding author (✉), affiliation numbers (¹, ², "1,2").
_MARKS = re.compile(r"[*∗⁎†‡§¶‖#♠♣♥♦✉✝⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<=[^\W\d_])\d+(?:,\d+)*\b|\([^)]*\)")
# Particles of a family name ("van der Waals", "de la Cruz", the Irish "Ó Briain" and "Ní
# Bhriain", the Arabic "ibn", "abu", "el"): left out of the given names when two spellings
# are compared, and part of the family name an author-year citation gives.
_PARTICLES = frozenset("van von der den de del della di da dos das du la le lo ten ter bin al "
                       "ó ní nic uí ua mac ibn abu el".split())
_GLUED_INITIALS = re.compile(r"^[A-Z]{2,3}$")
# An initial may stand for a given name; this close, two names are the same person.
EXACT, COMPATIBLE, DIFFERENT = 2, 1, 0


@dataclass(frozen=True)
class PersonName:
    """A written name reduced to what comparing people needs."""

    tokens: tuple[str, ...]  # folded, in "Given Surname" order
    given: tuple[str, ...]   # folded given names, particles left out
    surname: str             # folded family name (its last word)
    cjk: bool

    @property
    def initial_key(self) -> tuple[str, str]:
        """Surname and first initial: the spellings of one person share it."""
        return (self.surname, self.given[0][:1] if self.given else "")


# One LaTeX construct: a braced group opening with a macro ({\"a}, {\v{S}}), a macro
# with its arguments (\emph{x}, \ss, \v{c}), a one-character macro (\"a, \'{e}, \%),
# or inline math. Each is decoded on its own, so the slow decoder sees a few distinct
# short tokens (cached) instead of every abstract in full.
_LATEX_TOKEN = re.compile(
    r"\{\\[^{}]*(?:\{[^{}]*\}[^{}]*)*\}"
    r"|\\[a-zA-Z]+\*?(?:(?:\{[^{}]*\})+| ?)"
    r"|\\[^a-zA-Z\s](?:\{[^{}]*\}|\\[ij](?![a-zA-Z])|[a-zA-Z])?"
    r"|\$[^$]*\$"
)
_TEX_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", " "))
# Inline math, kept whole by the split (its capturing group).
_MATH_SPAN = re.compile(r"(\$[^$]*\$)")


def decode_latex(text: str) -> str:
    r"""LaTeX escapes and braces as the characters they stand for ({\"u} -> ü)."""
    if "\\" in text or "$" in text:
        text = _LATEX_TOKEN.sub(lambda m: _decode_token(m.group(0)), text)
    # Braces protect capitals in text ("{BERT}"); inside inline math ("$\hat\psi_{\rm DR}$",
    # kept verbatim) they group what a subscript holds, and agent/parse/fields.plain_math
    # reads the math with them: "ψ̂_{DR}", not "ψ̂_".
    text = "".join(part if part.startswith("$") else part.replace("{", "").replace("}", "")
                   for part in _MATH_SPAN.split(text))
    for tex, char in _TEX_LIGATURES:
        text = text.replace(tex, char)
    return text


@lru_cache(maxsize=4096)
def _decode_token(token: str) -> str:
    """One LaTeX construct decoded by pylatexenc (the decoder bibtexparser uses)."""
    from pylatexenc.latex2text import LatexNodes2Text  # slow import; only LaTeX needs it

    try:
        return _latex_decoder(LatexNodes2Text).latex_to_text(token)
    except Exception:  # noqa: BLE001 - malformed LaTeX keeps its own spelling
        return token


@lru_cache(maxsize=1)
def _latex_decoder(cls: type) -> object:
    """Configured as bibtexparser configures it: math kept verbatim, \\url{x} as x."""
    from pylatexenc.latex2text import MacroTextSpec, get_default_latex_context_db

    context = get_default_latex_context_db()
    context.add_context_category("research-agent", prepend=True,
                                 macros=[MacroTextSpec("url", simplify_repl="%s")])
    return cls(latex_context=context, math_mode="verbatim")


def clean_name(name: str) -> str:
    """A name as written, without LaTeX, contribution marks or "Surname, Given" order."""
    text = decode_latex(name) if "{" in name or "\\" in name else name
    text = " ".join(_MARKS.sub(" ", text).split()).strip(" ,;")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) == 2 and not _is_suffix(parts[1]):
        # Chinese, Japanese and Korean names are written family name first anyway.
        return " ".join(parts) if _is_cjk(parts[0]) else f"{parts[1]} {parts[0]}"
    if len(parts) == 3 and _is_suffix(parts[1]):  # "King, Jr., Martin Luther"
        return f"{parts[2]} {parts[0]} {parts[1]}"
    return " ".join(parts)


def _is_suffix(text: str) -> bool:
    return normalize_name(text) in {"jr", "sr", "ii", "iii", "iv"}


@lru_cache(maxsize=200_000)
def parse_name(name: str) -> PersonName:
    """The parts of a written name; cached, since every paper repeats its authors."""
    text = clean_name(name)
    cjk = _is_cjk(text)
    written = text.split()
    words: list[str] = []
    for i, word in enumerate(written):
        # "JP Sartre": upper-case glued initials before the surname are two given names.
        glued = i < len(written) - 1 and _GLUED_INITIALS.match(word)
        words.extend(list(word) if glued else [word])
    folded = normalize_name(" ".join(words))
    if not cjk:
        folded = " ".join(anyascii(folded).lower().split())
    tokens = tuple(t for t in folded.replace("'", "").split() if t not in {"jr", "sr", "ii", "iii"})
    if cjk or not tokens:
        return PersonName(tokens, (), "".join(tokens), cjk)
    given = tuple(t for t in tokens[:-1] if t not in _PARTICLES)
    return PersonName(tokens, given, tokens[-1], cjk)


def name_match(a: str, b: str) -> int:
    """EXACT, COMPATIBLE (initials, a missing middle name) or DIFFERENT."""
    pa, pb = parse_name(a), parse_name(b)
    if not pa.tokens or not pb.tokens:
        return DIFFERENT
    if pa.tokens == pb.tokens or pa.tokens == tuple(reversed(pb.tokens)):
        return EXACT
    if pa.cjk or pb.cjk:
        return EXACT if "".join(pa.tokens) == "".join(pb.tokens) else DIFFERENT
    if pa.surname != pb.surname or not pa.given or not pb.given:
        return DIFFERENT
    if all(_given_compatible(x, y) for x, y in zip(pa.given, pb.given)):
        return EXACT if pa.given == pb.given else COMPATIBLE
    return DIFFERENT


def _given_compatible(x: str, y: str) -> bool:
    """Two given names agree: equal, or one is the other's initial."""
    return x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def same_person(a: str, b: str) -> bool:
    """True when two written names can be the same person.

    Tolerates accents, LaTeX escapes, hyphens, "Surname, Given" order, reversed
    order, initials for given names and equal-contribution marks."""
    return name_match(a, b) != DIFFERENT


def owner_index(authors: Sequence[str], owner: str) -> int | None:
    """The owner's place in an author list: an exact spelling beats an initial."""
    best, best_score = None, DIFFERENT
    for i, author in enumerate(authors):
        score = name_match(author, owner)
        if score > best_score:
            best, best_score = i, score
            if score == EXACT:
                break
    return best


def owner_position(authors: Sequence[str], truncated: bool, owner: str,
                   edited: bool = False) -> OwnerPosition:
    """Where the owner stands in a visible author list that may end in "et al."; edited:
    the list is of the work's editors, so a name in it holds no author's place."""
    index = owner_index(authors, owner)
    if index is None:
        return OwnerPosition.UNKNOWN if truncated else OwnerPosition.ABSENT
    if edited:
        return OwnerPosition.EDITOR
    if index == 0:
        return OwnerPosition.SOLE if len(authors) == 1 and not truncated else OwnerPosition.FIRST
    if index == len(authors) - 1 and not truncated:
        return OwnerPosition.LAST
    return OwnerPosition.MIDDLE


def _ascii_word(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


_CJK_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def _is_cjk(text: str) -> bool:
    if text.isascii():  # the common case, without a Unicode name lookup per character
        return False
    return any(unicodedata.name(c, "").startswith(_CJK_SCRIPTS) for c in text)


def is_cjk(text: str) -> bool:
    """Whether a name is written in Chinese, Japanese or Korean script (family name first)."""
    return _is_cjk(text)


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


def family_name(name: str) -> str:
    """The family name as written, for an author-year citation: "Chi" of "Zewen Chi", "van
    der Berg" of "Anna van der Berg", "King" of "Martin Luther King Jr.", the first word of
    a name in Chinese, Japanese or Korean script."""
    words = [w for w in clean_name(name).split() if not _is_suffix(w.strip(","))]
    if not words:
        return name.strip()
    if _is_cjk(" ".join(words)):
        return words[0]
    start = len(words) - 1
    while start > 1 and words[start - 1].casefold() in _PARTICLES:
        start -= 1
    return " ".join(words[start:]).strip(",")


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


def author_line(authors: Sequence[str], truncated: bool) -> str:
    """An author list as printed: "A, B, C et al." when the source cut it short."""
    return ", ".join(authors) + (" et al." if truncated else "")


# A record whose author lists are in alphabetical order, where a field orders them so:
# at least this many complete lists of two or more authors, this share of them sorted by
# family name, and this many of the sorted ones telling (three authors or more, or the
# owner not first): an owner whose name sorts early (Abernethy) heads two-author lists in
# any order. Measured on the eval profiles and a fixture: the two mathematicians' 12 of
# 13 and 10 of 10; every other record at most 6 of 15 (0.40), the example's one list
# aside, and the fixture's 5 of 5 two-author lists, all headed by its owner, not telling.
_ALPHABETICAL_MIN_LISTS = 5
_ALPHABETICAL_SHARE = 0.85
_ALPHABETICAL_TELLING = 3


def alphabetical_authors(papers: Sequence[Paper]) -> bool:
    """Whether the record's author lists follow the alphabet rather than contribution."""
    complete = [p for p in papers
                if len(p.authors) >= 2 and not p.authors_truncated and not p.edited]
    if len(complete) < _ALPHABETICAL_MIN_LISTS:
        return False
    in_order = [p for p in complete if [_alphabet_key(n) for n in p.authors]
                == sorted(_alphabet_key(n) for n in p.authors)]
    telling = [p for p in in_order
               if len(p.authors) >= 3 or p.owner_position is not OwnerPosition.FIRST]
    return (len(in_order) / len(complete) >= _ALPHABETICAL_SHARE
            and len(telling) >= _ALPHABETICAL_TELLING)


def _alphabet_key(name: str) -> str:
    """A family name as an alphabetical author list sorts it ("Ó Briain" as "o briain")."""
    return anyascii(family_name(name)).casefold()
