"""Field values every format needs cleaned the same way: text, dates, DOIs, arXiv ids."""

from __future__ import annotations

import datetime as dt
import re

from agent.models import DatePrecision

_SPACE = re.compile(r"\s+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.I)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)")
_DOI = re.compile(r"10\.\d{4,9}/\S+", re.I)
# New-style ids (2007.07834, 0704.0001) and old-style ones (hep-th/9901001, math.GT/0309136).
_ARXIV_ID = re.compile(
    r"(?<![\w.])(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?![\w])", re.I)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.I)
_MONTHS = {name: i for i, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"],
    start=1) for name in names.split()}


def clean_text(text: object) -> str:
    """Runs of whitespace (newlines of a wrapped field included) as single spaces, and
    inline LaTeX mathematics as the text it shows (plain_math)."""
    return plain_math(_SPACE.sub(" ", str(text)).strip()) if text is not None else ""


# Inline LaTeX mathematics, as arXiv abstracts write it: "$4.2\sigma$", "CO$_2$",
# "($M_p = 0.41 \pm 0.03\,M_J$". Only a span with a command, a sub- or superscript or a
# brace in it, or a lone sign ("$-$21.2", "p $<$ 0.001", as BibTeX records write a minus
# and a less-than): "$5 million and $10 million" is money.
_INLINE_MATH = re.compile(
    r"\$(?:(?=[^$\s])([^$\n]{0,200}?[\\_^{][^$\n]{0,200}?)|([-+<>=]))\$")
# A lone sign's character: LaTeX's "-" in mathematics is a minus.
_SIGNS = {"-": "\u2212", "+": "+", "<": "<", ">": ">", "=": "="}
# A sub- or superscript, braced or of one character, as the converter shows it.
_SCRIPT = re.compile(r"([\^_])(?:\{([^{}]*)\}|([^{\s]))")
# What Unicode writes raised or lowered: digits and signs ("⁸⁷Sr", "δ¹³C", "CO₂", "10⁻³").
_RAISED = dict(zip("0123456789+-\u2212=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾"))
_LOWERED = dict(zip("0123456789+-\u2212=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"))


def plain_math(text: str) -> str:
    """Inline LaTeX mathematics as the Unicode text it shows ("4.2σ", "CO_2", "M_p = 0.41 ±
    0.03 M_J"), each span by pylatexenc's converter (bibtexparser's own dependency, which
    knows LaTeX's symbols); braces of sub- and superscripts kept ("C_{2k}"), since "n^{2-1/r}"
    without them says another thing. Text outside the spans is left alone: LaTeX's "%"
    starts a comment, and "improves by 23%" is no comment."""
    if "$" not in text:
        return text
    return _INLINE_MATH.sub(lambda m: _SIGNS[m[2]] if m[2] else _math_text(m[1]), text)


def _math_text(latex: str) -> str:
    from pylatexenc.latex2text import LatexNodes2Text

    try:
        shown = LatexNodes2Text(math_mode="text", keep_braced_groups=True,
                                keep_braced_groups_minlen=1).latex_to_text(latex)
    except Exception:  # noqa: BLE001 - pylatexenc raises its own parse errors on bad input
        return f"${latex}$"
    # "T_{\rm eq}" shows as "T_{ eq}"; a thin space ("\,") as a space; LaTeX drops the
    # space after a command, so "0.41 \pm 0.03" shows as "0.41 ±0.03" without this.
    shown = re.sub(r"\s*([±×÷≤≥≈≠□∼∝])\s*", r" \1 ", re.sub(r"\{\s+", "{", shown))
    return _raised(_SPACE.sub(" ", shown).strip())


def _raised(shown: str) -> str:
    """The span with its sub- and superscripts as Unicode writes them ("^{87}Sr" as
    "⁸⁷Sr", "δ^{13}C" as "δ¹³C", "CO_2" as "CO₂"), when every one of them is digits and
    signs: a reader of the prose sees the isotope, not its markup. A span with any other
    ("T_{eq}", "n^{2-1/r}") keeps all of its own, so one formula is not written two ways."""
    scripts = list(_SCRIPT.finditer(shown))
    table = {"^": _RAISED, "_": _LOWERED}
    if not scripts or not all((m[2] or m[3]) and all(c in table[m[1]] for c in m[2] or m[3])
                              for m in scripts):
        return shown
    return _SCRIPT.sub(lambda m: "".join(table[m[1]][c] for c in (m[2] or m[3])), shown)


# A quotation inside a title, in straight quotes ('"Nobody Asks How I Am": A Qualitative
# Study'): the prose puts a title in straight quotes, so the inner pair becomes
# typographic, as BibTeX's ``...'' already is.
_QUOTED_IN_TITLE = re.compile(r'"([^"]+)"')


def title_quotes(title: str) -> str:
    """A title with its inner quotations in typographic quotes."""
    return _QUOTED_IN_TITLE.sub("\u201c\\1\u201d", title) if '"' in title else title


def clean_paragraphs(text: str) -> str:
    """Whitespace collapsed within paragraphs; paragraphs kept apart by a blank line; the
    headings of a structured abstract left out (without_labels), and the word "Abstract"
    some publishers' exports open it with (_ABSTRACT_LABEL)."""
    paragraphs = re.split(r"\n\s*\n", _ABSTRACT_LABEL.sub("", text.strip(), count=1))
    return "\n\n".join(p for p in (without_labels(clean_text(p)) for p in paragraphs) if p)


# "Abstract P2-type Na0.67Ni0.33Mn0.67O2 is an attractive ...": Wiley's abstracts reach
# Zotero and CSL-JSON with their heading as a first word. Not a term that starts with the
# word ("Abstract Meaning Representation (AMR) is ...", "Abstract syntax trees ...").
_ABSTRACT_LABEL = re.compile(
    r"^(?:[Aa]bstract|ABSTRACT)\b(?:\s*[:.—–-])?\s+(?=[A-Z0-9\"“(])(?!(?:Meaning|Syntax|"
    r"Interpretation|Argumentation|Reasoning|Algebra|Art|Data|State|Machine|Concept|"
    r"Expressionism|Representation|Rule|Visual)\b)")

# The headings of a structured abstract, as medical and psychology journals print it
# ("Importance: ... Objective: To test whether ... Results: In intention-to-treat
# analyses, ..."): a heading opens the abstract or a sentence, and is followed by a colon
# and a capital. Read as a sentence's start, "Results: In ..." made the prose "reports
# that results: In ...". The headings are left out; the sentences are the abstract's.
_SECTION_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[.!?]\s))(?:importance|objectives?|background|context|"
    r"aims?(?:\s+and\s+objectives?)?|purpose|introduction|rationale|"
    r"(?:materials|subjects|patients)\s+and\s+methods|methodology|main results|"
    r"authors'? conclusions|selection criteria|search methods|"
    r"data collection and analysis|"
    r"design(?:,? setting,? and participants)?|setting|participants|interventions?|"
    r"exposures?|methods?|methods and findings|main outcomes? and measures?|"
    r"main outcome measures?|outcomes?|measures?|results?|findings|"
    r"conclusions?(?: and relevance)?|interpretation|implications|limitations|"
    r"trial registration|registration|funding|evidence review|data sources|"
    r"study selection|data extraction and synthesis|study design|patients|"
    r"observations|discussion|"
    # Journal of Hydrology: Regional Studies heads its abstracts so.
    r"study region|study focus|new hydrological insights(?: for the region)?)"
    r"\s*:\s+(?=[A-Z0-9\"“(])", re.I)


def without_labels(text: str) -> str:
    """A structured abstract without its headings (_SECTION_LABEL)."""
    if ":" not in text:
        return text
    return _SECTION_LABEL.sub("", text)


def year_of(value: object) -> int | None:
    """The year a field states ("2020", "2020a", "{2020}", "circa 2019"), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1500 <= value <= 2199 else None
    match = _YEAR.search(str(value or ""))
    return int(match.group(1)) if match else None


def month_of(value: object) -> int | None:
    """A month as a number, from 7, "07", "jul" or "July"."""
    text = str(value or "").strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return _MONTHS.get(text)


def make_date(
    year: int | None, month: int | None = None, day: int | None = None
) -> tuple[dt.date | None, DatePrecision]:
    """The date and how much of it the source states; impossible parts are dropped."""
    if year is None:
        return None, DatePrecision.UNKNOWN
    try:
        if month and day:
            return dt.date(year, month, day), DatePrecision.DAY
        if month:
            return dt.date(year, month, 1), DatePrecision.MONTH
    except ValueError:
        if month and 1 <= month <= 12:
            return dt.date(year, month, 1), DatePrecision.MONTH
    return dt.date(year, 1, 1), DatePrecision.YEAR


def iso_date(text: object) -> tuple[dt.date | None, DatePrecision]:
    """A date from "2020-07-15", "2020-07", "2020" or an ISO timestamp."""
    parts = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(text or ""))
    if not parts:
        return make_date(year_of(text))
    year, month, day = (int(p) if p else None for p in parts.groups())
    return make_date(year, month, day)


def normalize_doi(value: object) -> str | None:
    """A DOI without resolver prefix, lower-case (DOIs are case-insensitive)."""
    match = _DOI.search(str(value or ""))
    if not match:
        return None
    return match.group(0).rstrip(".,;)]}").lower()


def arxiv_id(value: object) -> str | None:
    """An arXiv id without version, from "arXiv:2007.07834v2", an abs URL or an arXiv DOI."""
    text = str(value or "").strip()
    if not text:
        return None
    if doi := _ARXIV_DOI.match(normalize_doi(text) or ""):
        text = doi.group(1)
    match = _ARXIV_ID.search(text)
    return match.group(1).lower() if match else None


def split_ids(doi: str | None, arxiv: str | None) -> tuple[str | None, str | None]:
    """An arXiv DOI (10.48550/arXiv.X) names the preprint: it is its arXiv id, not a DOI."""
    if doi and (from_doi := arxiv_id(doi)) and doi.startswith("10.48550/"):
        return None, arxiv or from_doi
    return doi, arxiv


# Each format's names for a kind of work (BibTeX entry types, CSL, ORCID, OpenAlex and
# Semantic Scholar types), folded to one name each; what no format shares stays unsaid.
_KINDS = {
    "article": "article", "journal-article": "article", "article-journal": "article",
    "journalarticle": "article", "article-magazine": "article", "article-newspaper": "article",
    "book": "book", "monograph": "book", "edited-book": "book",
    "incollection": "chapter", "inbook": "chapter", "chapter": "chapter",
    "book-chapter": "chapter", "booksection": "chapter", "book-section": "chapter",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "dissertation": "thesis", "dissertation-thesis": "thesis",
    "inproceedings": "conference paper", "conference": "conference paper",
    "paper-conference": "conference paper", "conference-paper": "conference paper",
    "proceedings-article": "conference paper",
    "preprint": "preprint", "posted-content": "preprint", "unpublished": "preprint",
    "dataset": "dataset", "data-set": "dataset",
    "software": "software", "computer-program": "software", "computerprogram": "software",
    "review": "review", "book-review": "review",
    "techreport": "report", "report": "report",
}


# What a BibTeX @misc says it is, in its howpublished, type or note ("Dataset. Archived
# collection", "Software, version 1.2.0"): Zotero and JabRef export both kinds as @misc.
_MISC_KIND = re.compile(r"^\s*(?:(?P<data>data\s*set|dataset|database|corpus)|(?P<software>"
                        r"(?:computer\s+)?software|computer\s+program|r\s+package|"
                        r"python\s+package))\b", re.I)


def misc_kind(*said: object) -> str | None:
    """The kind a @misc entry's own words give it: "dataset", "software", or None."""
    for text in said:
        if isinstance(text, str) and (found := _MISC_KIND.match(text)):
            return "dataset" if found["data"] else "software"
    return None


# A work whose abstract calls it a thesis ("This thesis investigates ..."), where the
# format gives no kind (a Semantic Scholar record, a profile page).
_THESIS_SAYS = re.compile(r"(?:^|[.!?]\s+)(?:in\s+)?this\s+(?:phd\s+|doctoral\s+)?"
                          r"(?:thesis|dissertation)\b", re.I)


def said_kind(abstract: str) -> str | None:
    """The kind of work its own abstract names: "thesis", or None."""
    return "thesis" if _THESIS_SAYS.search(abstract) else None


def work_kind(raw: object) -> str | None:
    """The kind of work a source's type names ("incollection", "book-chapter",
    "BookSection": a chapter), or None when the type says nothing a reader would ask
    about ("misc", "other")."""
    if not isinstance(raw, str):
        return None
    return _KINDS.get(raw.strip().lower().replace("_", "-"))


def arxiv_category(term: str | None) -> str | None:
    """An arXiv category as the profile page prints it: cs.CL -> CL; others as they are."""
    if not term:
        return None
    return term[3:] if term.startswith("cs.") else term


def find_urls(text: str) -> list[str]:
    """URLs in running text, without the sentence punctuation that follows them."""
    urls: list[str] = []
    for raw in _URL.findall(text):
        url = raw.rstrip(".,;:!?'\"")
        while url.endswith(")") and url.count(")") > url.count("("):
            url = url[:-1].rstrip(".,;:!?")
        if url not in urls:
            urls.append(url)
    return urls
