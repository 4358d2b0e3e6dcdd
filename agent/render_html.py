"""The report, and a batch's index of reports, as self-contained pages: Jinja2, escaping on."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import ConfigDict

from agent.batch_records import BatchSummary, ProfileRun, RunStatus
from agent.models import (
    Composition, FactSheet, PaperDigest, Record, Reference, Report, Sentence, SentenceStatus)
from agent.modes import NO_MODEL
from agent.names import author_line
from agent.render import faithfulness_line, heading, names_sections, report_byline
from agent.timeline import topic_colours, timeline_svg


# Hosts whose link is the code itself, preferred over a project page or a short link.
_CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co")


class Cite(Record):
    """One citation marker: a key, and the anchor of its reference (None if it has none)."""

    key: str
    anchor: str | None


class Link(Record):
    """A URL from the record; `href` is set only for an http(s) URL."""

    text: str
    href: str | None


class SentenceView(Record):
    """A sentence split where its citations go: before its final punctuation."""

    text: str
    end: str
    cites: list[Cite]
    unsupported: bool
    reasons: list[str]
    provenance: str = ""  # how the sentence came to be there, shown on hover


class SectionView(Record):
    """A subsection (a phase, a line of work) or an untitled paragraph."""

    anchor: str
    title: str | None
    colour: str | None = None
    sentences: list[SentenceView]


class PaperRow(Record):
    """A row of the papers table."""

    key: str
    anchor: str | None
    title: str
    year: int | None
    contribution: str
    method: str
    key_result: str
    from_abstract: bool
    has_code: bool
    code: Link | None


class ReferenceView(Record):
    """An entry of the references list."""

    key: str
    anchor: str
    authors: str
    title: str
    venue: str | None = None
    year: int | None
    category: str | None
    has_code: bool
    code: Link | None
    links: list[Link]


class Fact(Record):
    """One line of the at-a-glance list: exact figures from the fact sheet, no model."""

    label: str
    value: str


class Page(Record):
    """Everything the template shows; text only, except the sanitised figure."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    title: str
    owner: str
    byline: str
    glance: list[Fact]
    figure: Markup | None
    figure_note: str | None
    bio: list[SectionView]
    trajectory: list[SectionView]
    topics: list[SectionView]
    papers: list[PaperRow]
    # A column no paper fills is left out, rather than drawn empty down the whole table.
    show_method: bool
    show_result: bool
    show_code: bool
    references: list[ReferenceView]
    faithfulness: str


def report_html(report: Report) -> str:
    """The page: every string reaches the template as text and is escaped there."""
    return _environment().get_template("report.html").render(page=_page(report))


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Built on first use, not at import; autoescape on for every template, whatever its name."""
    return Environment(loader=PackageLoader("agent", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def _page(report: Report) -> Page:
    """The report reduced to what the page shows, so the template holds no logic of its own."""
    anchors = reference_anchors(r.key for r in report.references)
    colours = topic_colours(report.facts)
    svg = timeline_svg(report.facts, {r.key: r.year for r in report.references})
    figure, note = None, None
    if svg is None:
        note = "No paper in the record has a year, so there is no timeline."
    else:
        figure = sanitized_svg(svg)
        if figure is None:
            note = "The timeline was left out: its SVG held markup this page does not allow."
    refs = {r.key: r for r in report.references}
    rows = [_row(d, refs.get(d.key), anchors) for d in report.digests]
    return Page(
        title=f"{report.owner}: research report", owner=report.owner,
        byline=report_byline(report), glance=_glance(report.facts), figure=figure,
        figure_note=note,
        bio=_sections(report.bio, anchors, "bio"),
        trajectory=_sections(report.trajectory, anchors, "phase"),
        topics=_sections(report.topics, anchors, "topic", colours),
        papers=rows, show_method=any(r.method for r in rows),
        show_result=any(r.key_result for r in rows), show_code=any(r.has_code for r in rows),
        references=[_reference(r, anchors[r.key]) for r in report.references],
        faithfulness=faithfulness_line(report.tally),
    )


def _glance(facts: FactSheet) -> list[Fact]:
    """The record's figures a reader looks for first; a line with nothing to say is left out."""
    span = ("" if facts.first_year is None else f", {facts.first_year}"
            if facts.first_year == facts.last_year else f", {facts.first_year}–{facts.last_year}")
    roles = [f"{n} {label}" for n, label in (
        (len(facts.first_author_keys), "first-author"), (len(facts.last_author_keys),
                                                          "last-author"),
        (len(facts.sole_author_keys), "sole-author")) if n]
    lines = [("Papers", f"{facts.paper_count}{span}"), ("Roles", ", ".join(roles)),
             ("Lines of work", str(len(facts.topics)) if facts.topics else ""),
             ("With code", str(len(facts.code_available_keys))
              if facts.code_available_keys else ""),
             ("Frequent co-authors", ", ".join(f"{c.name} ({c.papers})"
                                               for c in facts.top_collaborators[:5])),
             ("Affiliations", "; ".join(facts.affiliations[:3]))]
    return [Fact(label=label, value=value) for label, value in lines if value]


def reference_anchors(keys: Iterable[str]) -> dict[str, str]:
    """A valid, unique HTML id per key: keys from odd inputs may hold any character."""
    anchors: dict[str, str] = {}
    taken: set[str] = set()
    for key in keys:
        if key in anchors:
            continue
        base = "ref-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", key).strip("-") or "paper")
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        anchors[key] = anchor
        taken.add(anchor)
    return anchors


def _sections(composition: Composition, anchors: Mapping[str, str], prefix: str,
              colours: Mapping[str, str] | None = None) -> list[SectionView]:
    """Headed subsections by the Markdown's rule; anchors by position, since titles repeat."""
    named = names_sections(composition)
    views = []
    for i, section in enumerate(composition.sections, 1):
        # Topic sections are "topic-<topic id>": the heading's swatch matches the figure.
        topic_id = section.id.removeprefix("topic-")
        views.append(SectionView(
            anchor=f"{prefix}-{i}",
            title=heading(section.title) if named and section.title else None,
            colour=(colours or {}).get(topic_id),
            sentences=[_sentence(s, anchors) for s in section.sentences]))
    return [v for v in views if v.sentences or v.title]


def _sentence(sentence: Sentence, anchors: Mapping[str, str]) -> SentenceView:
    """Text and citations kept apart, so the template links each key and escapes the text."""
    text, end = sentence.text.rstrip(), ""
    if sentence.keys:
        # As in the Markdown: "... [a] [b]." with the markers inside the full stop.
        end = text[-1] if text and text[-1] in ".!?" else "."
        text = text[:-1] if text.endswith(end) else text
    return SentenceView(text=text, end=end,
                        cites=[Cite(key=k, anchor=anchors.get(k)) for k in sentence.keys],
                        unsupported=sentence.status is SentenceStatus.UNSUPPORTED,
                        reasons=sentence.reasons,
                        provenance=_PROVENANCE.get(sentence.status, ""))


# What a reader hovering over a sentence learns of where it came from (SentenceStatus).
_PROVENANCE = {
    SentenceStatus.SUPPORTED: "Written by the model; verified against the cited papers.",
    SentenceStatus.REPAIRED: "Repaired: written by the model, then a word it miscopied "
                             "from the plan put back, or rewritten once with the "
                             "verifier's reasons; verified against the cited papers.",
    SentenceStatus.REPLACED: "The planned claim, in the tool's own words: the model's "
                             "sentence failed verification, or left the claim out; "
                             "verified against the cited papers.",
    SentenceStatus.PLANNED: "The planned claim, in the tool's own words: no model was asked "
                            "to write it (--writing plan, or a fact of the record the "
                            "embedded model is not given); verified against the cited papers.",
}


def _row(digest: PaperDigest, ref: Reference | None, anchors: Mapping[str, str]) -> PaperRow:
    return PaperRow(key=digest.key, anchor=anchors.get(digest.key),
                    title=ref.title if ref else "", year=ref.year if ref else None,
                    contribution=digest.contribution, method=digest.method,
                    key_result=digest.key_result, from_abstract=digest.from_abstract,
                    has_code=bool(ref and ref.has_code), code=_code_link(ref) if ref else None)


def _reference(ref: Reference, anchor: str) -> ReferenceView:
    """An entry; the code link is shown once, not again among the other URLs."""
    code = _code_link(ref)
    authors = author_line(ref.authors, ref.authors_truncated)
    return ReferenceView(
        key=ref.key, anchor=anchor, authors=authors, title=ref.title, venue=ref.venue,
        year=ref.year,
        category=ref.category, has_code=ref.has_code, code=code,
        links=[_link(u) for u in ref.urls if not code or u != code.text])


def _code_link(ref: Reference) -> Link | None:
    """The code's URL when the record says there is code: a code host first, else any web URL."""
    if not ref.has_code:
        return None
    links = [link for link in map(_link, ref.urls) if link.href]
    for link in links:
        host = (urlsplit(link.href or "").hostname or "").removeprefix("www.")
        if host in _CODE_HOSTS or host.endswith(tuple("." + h for h in _CODE_HOSTS)):
            return link
    return links[0] if links else None


def _link(url: str) -> Link:
    """A URL as text, with an href only when it is plainly http(s): never javascript:, data:."""
    text = url.strip()
    candidate = "https://" + text if text.lower().startswith("www.") else text
    parts = urlsplit(candidate)
    web = (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
           and not any(ord(c) <= 32 or ord(c) == 127 for c in candidate))
    return Link(text=text, href=candidate if web else None)


# --- the batch's index page ----------------------------------------------------


class IndexRow(Record):
    """One input file's row; hrefs are relative, percent-encoded names of pages beside it."""

    researcher: str
    href: str | None
    file: str
    papers: int | None
    status: str
    note: str
    error: bool
    same_as: str | None
    same_as_href: str | None
    calls: int
    cache_hits: int
    tokens: str
    warnings: list[str]


class IndexTotals(Record):
    """The bottom row: files and reports counted, model use as the run counted it."""

    files: str
    reports: str
    papers: int
    calls: int
    cache_hits: int
    tokens: str


class IndexPage(Record):
    """Everything the index template shows; text only."""

    title: str
    byline: str
    rows: list[IndexRow]
    totals: IndexTotals
    note: str | None


def batch_index_html(summary: BatchSummary) -> str:
    """The group's overview page, written beside the reports it links to."""
    return _environment().get_template("index.html").render(page=_index(summary))


def _index(summary: BatchSummary) -> IndexPage:
    """The summary reduced to what the page shows, rows in the summary's order."""

    by_file = {r.file: r for r in summary.runs}
    rows = [_index_row(r, by_file.get(r.duplicate_of or "")) for r in summary.runs]
    done, failed = summary.reported, summary.failed
    duplicates = sum(r.status is RunStatus.DUPLICATE for r in summary.runs)
    files = len(summary.runs)
    counts = [f"{len(done)} of {files} {_plural(files, 'file')} have reports"]
    counts += [f"{duplicates} {_plural(duplicates, 'duplicate')}"] if duplicates else []
    counts += [f"{len(failed)} failed"] if failed else []
    estimated = any(r.tokens_estimated for r in summary.runs)
    # The totals are the run's own, as `batch` prints them: every row's calls (failed
    # profiles' included) plus the OpenAI batch's digests, which no row holds.
    why = []
    if summary.openai_batch is not None:
        why.append("the OpenAI batch's digest calls, made before the reports, are in the "
                   "totals but in no row")
    writer = ("Written from the plan, no model" if summary.model == NO_MODEL
              else f"Written by {summary.model}")
    return IndexPage(
        title=f"Research reports: {files} {_plural(files, 'profile')}",
        byline=(f"{', '.join(counts)}. {writer}; every sentence in a report "
                f"cites the papers it rests on and was checked against them."),
        rows=rows,
        totals=IndexTotals(
            files=f"{files} {_plural(files, 'file')}",
            reports=f"{len(done)} {_plural(len(done), 'report')}",
            papers=sum(r.papers for r in done), calls=summary.calls,
            cache_hits=summary.cache_hits,
            tokens=_tokens(summary.prompt_tokens + summary.completion_tokens, estimated)),
        note=("Totals are this run's model use: " + "; ".join(why) + ".") if why else None)


def _index_row(run: ProfileRun, primary: ProfileRun | None) -> IndexRow:
    """A failed row shows its error; a duplicate names, and links to, the file it repeats."""
    status = run.status.value
    if status == "failed":
        note = run.error or "failed"
    elif status == "duplicate":
        note = "same record as"
    elif status == "pending":
        note = "not run: the batch stopped before its turn"
    else:
        note = run.tally.line() if run.tally else ""
    return IndexRow(
        researcher=run.owner or (primary.owner if primary and primary.owner else ""),
        href=_page_href(run), file=run.file, papers=run.papers if run.owner else None,
        status=status, note=note, error=status == "failed",
        same_as=run.duplicate_of if status == "duplicate" else None,
        same_as_href=_page_href(primary) if primary and status == "duplicate" else None,
        calls=run.calls, cache_hits=run.cache_hits,
        tokens=_tokens(run.prompt_tokens + run.completion_tokens, run.tokens_estimated),
        warnings=run.warnings)


def _page_href(run: ProfileRun) -> str | None:
    """The row's HTML report, if it wrote one, as a relative link to the file beside the index.

    Every character but letters, digits and "_.-~" is percent-encoded, "/" and ":" too: a
    name can never read as a scheme (javascript:), a path elsewhere, a query or a fragment.
    """
    page = f"{run.name}.html"
    return quote(page, safe="") if page in run.outputs else None


def _tokens(n: int, estimated: bool) -> str:
    return f"{'~' if estimated else ''}{n:,}"


def _plural(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


# --- the figure ----------------------------------------------------------------

_SVG_NS = "{http://www.w3.org/2000/svg}"
# What matplotlib's SVG backend draws; anything else (script, foreignObject, image,
# a, animate, set, iframe ...) is refused rather than cleaned.
_SVG_TAGS = frozenset(f"{_SVG_NS}{t}" for t in (
    "svg", "g", "defs", "path", "clipPath", "rect", "use", "text", "tspan", "line",
    "polyline", "polygon", "circle", "ellipse"))
_PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>\s*<!DOCTYPE[^>]*>\s*", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
# Its one rule ("*{stroke-linejoin...}") would style the whole HTML page; the page's
# stylesheet scopes it to the figure instead.
_STYLE = re.compile(r"<style[^>]*>[^<]*</style>\s*")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def sanitized_svg(svg: str) -> Markup | None:
    """matplotlib's SVG, checked element by element, as markup to inline; None if unsafe.

    Why marking it safe is sound: matplotlib escapes every label it writes (topic labels
    come from the input), the prolog, comments, metadata and stylesheet are removed, and
    what remains is parsed as XML and accepted only if every element is a drawing element,
    no attribute is an event handler, every link is a same-document "#id", and every
    url() a local "url(#id)". The page's Content-Security-Policy also forbids scripts and
    remote loads, should any of that ever fail.
    """
    text = _PROLOG.sub("", svg, count=1)
    text = _COMMENT.sub("", _METADATA.sub("", text, count=1))
    text = _STYLE.sub("", text)
    if not text.startswith("<svg") or re.search(r"<[!?]|<script|javascript:", text, re.I):
        return None
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        return None
    for element in root.iter():
        if element.tag not in _SVG_TAGS:
            return None
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or (local == "href" and not value.startswith("#")):
                return None
            if "url(" in value and re.search(r"url\((?!#[\w-]+\))", value):
                return None
    return Markup(text)  # noqa: S704 - checked above; see the docstring
