"""The report as one self-contained HTML page: a Jinja2 template, escaping on, no network."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from functools import lru_cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import ConfigDict

from agent.models import (
    Composition, PaperDigest, Record, Reference, Report, Sentence, SentenceStatus)
from agent.names import author_line
from agent.render import faithfulness_line, names_sections, report_byline
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
    year: int | None
    category: str | None
    has_code: bool
    code: Link | None
    links: list[Link]


class Page(Record):
    """Everything the template shows; text only, except the sanitised figure."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    title: str
    owner: str
    byline: str
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
        byline=report_byline(report), figure=figure, figure_note=note,
        bio=_sections(report.bio, anchors, "bio"),
        trajectory=_sections(report.trajectory, anchors, "phase"),
        topics=_sections(report.topics, anchors, "topic", colours),
        papers=rows, show_method=any(r.method for r in rows),
        show_result=any(r.key_result for r in rows), show_code=any(r.has_code for r in rows),
        references=[_reference(r, anchors[r.key]) for r in report.references],
        faithfulness=faithfulness_line(report.tally),
    )


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
            anchor=f"{prefix}-{i}", title=section.title if named and section.title else None,
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
                        reasons=sentence.reasons)


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
        key=ref.key, anchor=anchor, authors=authors, title=ref.title, year=ref.year,
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
