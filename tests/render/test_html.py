"""`report --html`: links that resolve, escaping by construction, the timeline figure.

Reports come from the real CLI with the in-process fake model answering; the page is
read back with the standard library's HTML parser, as a browser would tokenise it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from agent.batch import BatchSummary, ProfileRun, RunStatus
from agent.models import FactSheet, Report, SentenceStatus, Tally, Topic
from agent.render_html import batch_index_html, report_html, sanitized_svg
from agent.timeline import timeline_svg
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF
from agent.testing import writer as w

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "$\\frac{1}{0}$",
    "</style><style>body{display:none}</style>",
    "javascript:alert(1)",
    "<iframe src=https://evil.example></iframe>",
]
# A profile page whose every field a reader or a renderer might trip on is hostile.
HOSTILE_PROFILE = """Eve Mallory

LG
h-index1
2papers
12citations

2 Papers

LGDec 10, 2024Code
<script>alert(1)</script> Attacks on "><img src=x onerror=alert(1)> Parsers {{ 7*7 }}

Eve Mallory, Bob "><img src=x onerror=alert(1)> Smith, <script>alert(1)</script> et al. · lab

We study $\\frac{1}{0}$ attacks </style><script>alert(2)</script> on renderers with {{ 7*7 }} \
templates. Code is at https://github.com/evil/x'onmouseover='alert(1) and javascript:alert(1) \
and https://evil.example/"><svg onload=alert(1)>. We reach 99% success.

CLMar 3, 2023
Sanitising </style><style>body{display:none}</style> Markup

Eve Mallory

We show that javascript:alert(1) links and <iframe src=https://evil.example></iframe> frames \
are stripped by 12 filters.
"""


class Page(HTMLParser):
    """The tags, attributes, ids and text of a page, as a browser's tokeniser sees them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self.by_id: dict[str, list[str]] = {}
        self._stack: list[tuple[str, str | None]] = []  # open elements and their ids
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = self._record(tag, attrs)
        if tag not in ("meta", "br", "hr", "img", "input", "link", "wbr"):  # void elements
            self._stack.append((tag, ident))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._record(tag, attrs)

    def _record(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        ident = attributes.get("id")
        if ident is not None:
            self.ids.append(ident)
            self.by_id.setdefault(ident, [])
        return ident

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, ident in self._stack:
            if ident is not None:
                self.by_id[ident].append(data)

    def hrefs(self) -> list[str]:
        return [a["href"] or "" for _, a in self.tags if "href" in a]

    def all_text(self) -> str:
        return "".join(self.text)

    def text_of(self, ident: str) -> str:
        return " ".join("".join(self.by_id[ident]).split())


def _report_args(fake_model, tmp_path: Path, source: Path, *extra: str) -> list[str]:
    return ["report", str(source), "--as-of", EXAMPLE_AS_OF.isoformat(),
            "--base-url", fake_model.base_url, "--model", "fake-model",
            "--cache-dir", str(tmp_path / "cache"), "--html", str(tmp_path / "r.html"),
            "--json", "--output", str(tmp_path / "r.json"), *extra]


def _run(run_cli, fake_model, tmp_path: Path, source: Path, *extra: str
         ) -> tuple[Report, str]:
    result = run_cli(*_report_args(fake_model, tmp_path, source, *extra))
    assert result.code == 0, result.stderr
    report = Report.model_validate_json((tmp_path / "r.json").read_text(encoding="utf-8"))
    return report, (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.fixture
def example(run_cli, fake_model, tmp_path) -> tuple[Report, str]:
    fake_model.set_default(w.writer())
    return _run(run_cli, fake_model, tmp_path, EXAMPLE)


def _assert_links_resolve(report: Report, html: str) -> Page:
    """Every in-page link has its target, ids are unique, every reference is listed once."""
    page = Page(html)
    assert len(page.ids) == len(set(page.ids)), "duplicate ids"
    assert all(re.fullmatch(r"\S+", i) for i in page.ids), page.ids  # HTML's rule
    internal = [h[1:] for h in page.hrefs() if h.startswith("#")]
    assert internal and set(internal) <= set(page.ids)
    refs = [i for i in page.ids if i.startswith("ref-")]
    # The ids the page makes are also safe in a CSS selector or a URL fragment.
    assert all(re.fullmatch(r"ref-[A-Za-z0-9_-]+", i) for i in refs), refs
    assert len(refs) == len(report.references)
    for ref, anchor in zip(report.references, refs):  # listed in the report's order
        assert page.text_of(anchor).startswith(f"[{ref.key}]")
        assert ref.title in page.text_of(anchor)
    # A citation's text is its key, and its link lands on that key's entry.
    cites = re.findall(r'<a href="#(ref-[^"]*)">([^<]*)</a>', html)
    assert cites
    for anchor, key in cites:
        key = key.replace("&#34;", '"').replace("&#39;", "'").replace("&lt;", "<").replace(
            "&gt;", ">").replace("&amp;", "&")
        assert page.text_of(anchor).startswith(f"[{key}]")
    return page


def test_every_citation_links_to_a_listed_reference(example) -> None:
    report, html = example
    page = _assert_links_resolve(report, html)
    cited = {k for c in (report.bio, report.trajectory, report.topics)
             for s in c.sections for sentence in s.sentences for k in [*sentence.keys]}
    assert cited and len(cited) > 10
    linked = {h for h in page.hrefs() if h.startswith("#ref-")}
    assert len(linked) >= len(cited)
    text = page.all_text()
    assert re.findall(r"<h2>([^<]*)</h2>", html) == [
        "Bio", "Research trajectory", "Lines of work", "Papers", "References"]
    assert len(re.findall(r'<section class="sub" id="phase-\d+">', html)) == len(
        report.facts.phases)
    assert len(re.findall(r'<section class="sub" id="topic-\d+">', html)) == len(
        report.facts.topics)
    assert report.tally.line() in text
    assert "every sentence cites the papers it rests on and was checked against them" in text
    # A truncated author list ends "et al." once, never "et al..".
    assert "et al.." not in text and "et al." in text
    assert html.count("<svg") == 1 and "<figure" in html


FIXTURES_DIR = EXAMPLE.parent.parent / "tests" / "fixtures"


@pytest.mark.parametrize("source", sorted((FIXTURES_DIR / "profiles").glob("*.txt")) + [
    FIXTURES_DIR / "inputs" / name for name in (
        "brannstrom.bib", "brannstrom-arxiv.xml", "openalex-works.json", "orcid-record.json",
        "s2-author-papers.json", "zotero.json", "templated-a.bib")], ids=lambda p: p.name)
def test_every_fixture_and_format_makes_a_linked_page(run_cli, fake_model, tmp_path,
                                                      source: Path) -> None:
    fake_model.set_default(w.writer())
    report, html = _run(run_cli, fake_model, tmp_path, source)
    page = _assert_links_resolve(report, html)
    assert report.owner in page.all_text()
    assert ("<svg" in html) == any(r.year for r in report.references)


def test_the_glance_list_gives_the_fact_sheets_figures(example) -> None:
    report, html = example
    glance = re.search(r'<dl class="glance"[^>]*>(.*?)</dl>', html, re.S)
    assert glance is not None
    pairs = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", glance[1]))
    # Read off the example by hand: 36 papers from 2019 to 2026, 11 first-authored,
    # Li Dong on 15 of them.
    assert pairs["Papers"] == "36, 2019–2026"
    assert pairs["Roles"].startswith("11 first-author")
    assert pairs["Frequent co-authors"].startswith("Li Dong (15), ")
    assert pairs["Lines of work"] == str(len(report.facts.topics))
    assert pairs["With code"] == str(len(report.facts.code_available_keys))


def test_odd_keys_get_valid_unique_ids(example) -> None:
    """Keys from odd inputs may hold spaces, quotes or markup, or slug to the same id."""
    report, _ = example
    odd = ["a b", "a-b", "a-b-2", 'a"b<i>', "", "---", "Ünï", "x'y", "ref", "a b c"]
    mapping = {r.key: odd[i] if i < len(odd) else r.key
               for i, r in enumerate(report.references)}
    renamed = Report.model_validate(_rekey(report.model_dump(mode="json"), mapping))
    html = report_html(renamed)
    page = _assert_links_resolve(renamed, html)
    assert [i for i in page.ids if i.startswith("ref-")][:len(odd)] == [
        "ref-a-b", "ref-a-b-2", "ref-a-b-2-2", "ref-a-b-i", "ref-paper", "ref-paper-2",
        "ref-n", "ref-x-y", "ref-ref", "ref-a-b-c"]
    assert "<i>" not in html and "a&#34;b&lt;i&gt;" in html


def _rekey(value: object, mapping: dict[str, str]) -> object:
    if isinstance(value, dict):
        return {k: _rekey(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [_rekey(v, mapping) for v in value]
    return mapping.get(value, value) if isinstance(value, str) else value


def _hostile_writer() -> object:
    """A model that answers with markup: in a section title and in a sentence of its own."""
    def section(body: dict) -> str:
        answer = json.loads(w.echo_section(body, title='<b onclick="x()">T</b>'))
        answer["sentences"].append({"text": '<img src=x onerror=alert(1)> won in 1999.',
                                    "claims": [], "papers": [1]})
        return json.dumps(answer)
    return w.writer(section=section)


def test_hostile_record_and_model_output_are_text(run_cli, fake_model, tmp_path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE_PROFILE, encoding="utf-8")
    fake_model.set_default(_hostile_writer())
    report, html = _run(run_cli, fake_model, tmp_path, source, "--show-unsupported")
    page = _assert_links_resolve(report, html)

    lowered = html.lower()
    for needle in ("<script", "<img", "<iframe", "<link", "<base", "<object", "<embed",
                   "<form", "<b ", "<svg onload"):
        assert needle not in lowered, needle
    record_urls = {u for r in report.references for u in r.urls}
    assert record_urls, "the hostile abstract's URLs were not parsed"
    styles = 0
    for tag, attrs in page.tags:
        assert tag not in {"script", "img", "iframe", "link", "base", "object", "embed",
                           "form", "frame", "audio", "video", "source", "foreignobject"}
        styles += tag == "style"
        if tag == "meta":
            assert set(attrs) & {"charset", "name", "http-equiv"}
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "action", "formaction", "background"), tag
            value = value or ""
            assert "javascript:" not in value.lower()
            if "url(" in value:
                assert re.fullmatch(r"url\(#[\w-]+\)", value), value
            if name in ("href", "xlink:href"):
                scheme = urlsplit(value).scheme
                assert value.startswith("#") or (scheme in ("http", "https")
                                                  and value in record_urls), value
    assert styles == 1
    # The hostile strings are on the page, as text.
    text = page.all_text()
    for string in HOSTILE:
        assert string in text, string
    assert "<script>alert(1)</script>" in page.text_of("ref-mallory2024script")
    # The model's markup: its sentence fails verification and is shown marked, as text.
    assert '<img src=x onerror=alert(1)> won in 1999' in text
    assert "unsupported:" in text and report.tally.unsupported > 0
    assert '<b onclick="x()">T</b>' not in html
    # The CSP forbids scripts and remote loads even if something slipped through.
    csp = next(a["content"] for t, a in page.tags if a.get("http-equiv") ==
               "Content-Security-Policy")
    assert "default-src 'none'" in (csp or "") and "script-src" not in (csp or "")


def test_only_web_urls_become_links(example) -> None:
    report, _ = example
    urls = ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
            "vbscript:msgbox(1)", "//evil.example/x", "https:///nohost", "https://a b.org/",
            "http://example.org/paper", "https://github.com/owner/repo", "www.gitlab.com/o/r"]
    first = report.references[0].model_copy(update={"urls": urls, "has_code": True})
    second = report.references[1].model_copy(update={"urls": urls[:4], "has_code": True})
    rest = [r.model_copy(update={"urls": []}) for r in report.references[2:]]
    html = report_html(report.model_copy(update={"references": [first, second, *rest]}))
    page = Page(html)
    external = [h for h in page.hrefs() if not h.startswith("#")]
    assert set(external) == {"http://example.org/paper", "https://github.com/owner/repo",
                             "https://www.gitlab.com/o/r"}
    entry = page.text_of(f"ref-{first.key}")
    assert "Code: https://github.com/owner/repo" in entry  # a code host before the rest
    for url in urls:
        assert url.strip() in page.all_text()
    second_entry = page.text_of(f"ref-{second.key}")
    assert "Code available." in second_entry and "javascript:alert(1)" in second_entry


def test_undated_record_has_no_figure(run_cli, fake_model, tmp_path) -> None:
    source = tmp_path / "undated.bib"
    source.write_text(
        "@article{a, title={Alpha Sparse Experts}, author={Mallory, Eve and Smith, Bob},\n"
        "  abstract={We route tokens to sparse experts.}}\n"
        "@article{b, title={Beta Routing Study}, author={Mallory, Eve},\n"
        "  abstract={We study routing in sparse experts.}}\n", encoding="utf-8")
    fake_model.set_default(w.writer())
    report, html = _run(run_cli, fake_model, tmp_path, source, "--author", "Eve Mallory")
    assert all(r.year is None for r in report.references)
    assert "<svg" not in html
    assert "No paper in the record has a year, so there is no timeline." in Page(html).all_text()
    _assert_links_resolve(report, html)
    assert timeline_svg(report.facts, {r.key: r.year for r in report.references}) is None


def _facts(topics: list[Topic]) -> FactSheet:
    keys = [k for t in topics for k in t.paper_keys]
    return FactSheet(owner="Eve Mallory", paper_count=len(keys), topics=topics)


def test_timeline_is_deterministic_with_one_colour_per_topic() -> None:
    topics = [Topic(id="t1", label="sparse experts, routing", keywords=[],
                    paper_keys=["a", "b", "c"]),
              Topic(id="t2", label="cost in $ and $\\frac{1}{0}$ <b>", keywords=[],
                    paper_keys=["d", "e"]),
              Topic(id="t3", label="never dated", keywords=[], paper_keys=["f"])]
    years = {"a": 2010, "b": 2010, "c": 2015, "d": 2013, "e": 2015, "f": None, "g": 2012}
    facts = _facts(topics)
    svg = timeline_svg(facts, years)
    assert svg is not None and svg == timeline_svg(facts, dict(reversed(years.items())))
    root = ET.fromstring(svg.encode())
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    # Every year on the axis, including the ones without a paper; labels as written.
    for year in range(2010, 2016):
        assert str(year) in texts
    assert "cost in $ and $\\frac{1}{0}$ <b>" in texts and "other papers" in texts
    assert "never dated" not in texts  # a topic with no dated paper has no bar

    def fill(gid: str) -> str:
        group = next(g for g in root.iter() if g.get("id") == gid)
        style = next(p.get("style", "") for p in group.iter(f"{SVG}path"))
        return re.search(r"fill: (#[0-9a-f]{6})", style)[1]

    legend = {s: fill(f"legend-{s}") for s in ("t1", "t2", "other")}
    assert len(set(legend.values())) == 3
    assert not any(g.get("id", "").startswith("legend-t3") for g in root.iter())
    assert fill("bar-t1-2010") == legend["t1"] and fill("bar-t2-2015") == legend["t2"]
    assert fill("bar-other-2012") == legend["other"]
    heights = {y: _height(root, f"bar-t1-{y}") for y in (2010, 2015)}
    assert heights[2010] == pytest.approx(2 * heights[2015])  # two papers, then one
    assert sanitized_svg(svg) is not None


def _height(root: ET.Element, gid: str) -> float:
    group = next(g for g in root.iter() if g.get("id") == gid)
    path = next(group.iter(f"{SVG}path")).get("d", "")
    ys = [float(y) for y in re.findall(r"[ML] [\d.]+ ([\d.]+)", path)]
    return max(ys) - min(ys)


@pytest.mark.parametrize("injected", [
    '<script>alert(1)</script>',
    '<g onload="alert(1)"></g>',
    '<use xlink:href="https://evil.example/x.svg#a"/>',
    '<use href="data:image/svg+xml,x"/>',
    '<foreignObject><div/></foreignObject>',
    '<image href="x.png"/>',
    '<path style="fill: url(https://evil.example/)"/>',
    '<!--x--><a href="#x"><path d="M 0 0"/></a>',
])
def test_figure_sanitiser_refuses_anything_but_drawing(injected: str) -> None:
    svg = timeline_svg(_facts([Topic(id="t1", label="x", keywords=[], paper_keys=["a"])]),
                       {"a": 2020})
    assert svg is not None and sanitized_svg(svg) is not None
    tampered = svg.replace('<g id="figure_1">', f'<g id="figure_1">{injected}', 1)
    assert tampered != svg and sanitized_svg(tampered) is None


# --- the batch's index page -------------------------------------------------------


class IndexTable(HTMLParser):
    """The index's table as cells of text and hrefs, row by row (body rows, then the foot)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, list[str]]]] = []
        self.foot: list[list[tuple[str, list[str]]]] = []
        self._part: list | None = None
        self._cell: list | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("tbody", "tfoot"):
            self._part = self.rows if tag == "tbody" else self.foot
        elif tag == "tr" and self._part is not None:
            self._part.append([])
        elif tag == "td" and self._part is not None:
            self._cell = ["", []]
            self._part[-1].append(self._cell)
        elif tag == "a" and self._cell is not None:
            self._cell[1].append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("tbody", "tfoot"):
            self._part = None
        elif tag == "td":
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[0] += " " + data  # cells hold blocks (details): words apart

    def text(self, row: int, col: int) -> str:
        return " ".join(self.rows[row][col][0].split())

    def links(self, row: int) -> list[str]:
        return [h for _, hrefs in self.rows[row] for h in hrefs]


def _written(file: str, name: str, owner: str, formats: tuple[str, ...] = ("md", "json", "html"),
             **extra: object) -> ProfileRun:
    fields: dict = {"papers": 3, "calls": 7, "cache_hits": 2, "prompt_tokens": 1000,
                    "completion_tokens": 234, "tally": Tally(supported=5, repaired=1)}
    fields.update(extra)
    return ProfileRun(file=file, name=name, status=RunStatus.WRITTEN, owner=owner,
                      outputs=[f"{name}.{f}" for f in formats], **fields)


def _summary(*runs: ProfileRun, **extra: object) -> BatchSummary:
    ran = [r for r in runs if r.status in (RunStatus.WRITTEN, RunStatus.FAILED)]  # as batch
    totals = {"calls": sum(r.calls for r in ran),
              "cache_hits": sum(r.cache_hits for r in ran),
              "prompt_tokens": sum(r.prompt_tokens for r in ran),
              "completion_tokens": sum(r.completion_tokens for r in ran)}
    return BatchSummary(directory="in", output="out", model="fake-model", runs=list(runs),
                        **{**totals, **extra})


HOSTILE_RUNS = [  # (file, output stem, owner): what a directory of odd files can hold
    ("<script>alert(1)</script>.bib", "<script>alert(1)</script>", "<script>alert(2)</script>"),
    ('"><img src=x onerror=alert(1)>.txt', '"><img src=x onerror=alert(1)>',
     '"><img src=x onerror=alert(3)>'),
    ("javascript:x.bib", "javascript:x", "javascript:alert(4)"),
    ("a b#c?.html", "a b#c?", "Ada {{ 7*7 }} Lovelace"),
    ("Ünïcödé 名前 %41.json", "Ünïcödé 名前 %41", "Jürgen Ü'Brien"),
    ("..%2F..%2Fetc.bib", "../../etc", "Path Traversal"),
]


def test_index_escapes_hostile_names_and_links_only_to_its_rows_pages() -> None:
    runs = [_written(f, n, o) for f, n, o in HOSTILE_RUNS]
    runs.append(ProfileRun(file="<b>dup</b>.bib", name="<b>dup</b>", status=RunStatus.DUPLICATE,
                           duplicate_of=HOSTILE_RUNS[0][0]))
    html = batch_index_html(_summary(*runs))
    page, table = Page(html), IndexTable(html)

    lowered = html.lower()
    for needle in ("<script", "<img", "<b>", "ada 49 lovelace"):
        assert needle not in lowered, needle
    for tag, attrs in page.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "form", "base", "link"}
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
    text = page.all_text()
    for file, _, owner in HOSTILE_RUNS:
        assert file in text and owner in text
    assert "<b>dup</b>.bib" in text

    assert len(table.rows) == len(runs)
    for i, run in enumerate(runs):
        assert table.text(i, 1) == run.file  # rows in the summary's order
        for href in table.links(i):
            # Relative, one path segment, nothing left unencoded that could end it early.
            assert re.fullmatch(r"[A-Za-z0-9_.~%-]+", href), href
            parts = urlsplit(href)
            assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("", "", "", "")
            target = unquote(href)
            primary = next(r for r in runs if r.file == run.duplicate_of) if run.duplicate_of \
                else run
            assert target in primary.outputs and target == f"{primary.name}.html"
        if run.status is RunStatus.WRITTEN:
            assert len(table.links(i)) == 1 and table.text(i, 0) == run.owner
    assert table.links(3) == ["a%20b%23c%3F.html"]
    assert table.links(2) == ["javascript%3Ax.html"]
    assert table.links(5) == ["..%2F..%2Fetc.html"]
    assert table.links(4) == ["%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20%E5%90%8D%E5%89%8D%20%2541.html"]
    assert table.links(6) == table.links(0)  # the duplicate links to the primary's page

    csp = next(a["content"] for t, a in page.tags
               if a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in (csp or "") and "script-src" not in (csp or "")
    assert [t for t, _ in page.tags].count("style") == 1


def test_index_rows_say_what_became_of_each_file() -> None:
    written = _written("alice.bib", "alice", "Alice Smith", warnings=["1 paper has no year"])
    md_only = _written("bob.txt", "bob", "Bob Jones", formats=("md", "json"))
    unchanged = _written("carol.json", "carol", "Carol Wu", calls=0, cache_hits=0,
                         prompt_tokens=0, completion_tokens=0,
                         tally=Tally(supported=8, unsupported=1)).model_copy(
        update={"status": RunStatus.UNCHANGED})
    duplicate = ProfileRun(file="alice-copy.bib", name="alice-copy",
                           status=RunStatus.DUPLICATE, duplicate_of="alice.bib")
    twin = ProfileRun(file="bob.bib", name="bob-bib", status=RunStatus.DUPLICATE,
                      duplicate_of="bob.txt", owner="Bob Jones", papers=3)
    failed = ProfileRun(file="broken.pdf", name="broken", status=RunStatus.FAILED,
                        error="broken.pdf: not a format research-agent reads; convert it",
                        calls=2, prompt_tokens=50, completion_tokens=5)
    estimated = _written("dan.bib", "dan", "Dan Lee", tokens_estimated=True)
    pending = ProfileRun(file="erin.bib", name="erin", status=RunStatus.PENDING,
                         owner="Erin Kay", papers=4)
    runs = [written, duplicate, md_only, twin, failed, unchanged, estimated, pending]
    summary = _summary(*runs)
    html = batch_index_html(summary)
    table = IndexTable(html)
    rows = {run.file: i for i, run in enumerate(runs)}

    def row(file: str) -> list[str]:
        return [table.text(rows[file], c) for c in range(8)]

    assert Page(html).text_of("profiles")  # the table is there, under its id
    assert "<title>Research reports: 8 profiles</title>" in html
    assert ("4 of 8 files have reports, 2 duplicates, 1 failed. Written by fake-model"
            in Page(html).all_text())
    assert row("alice.bib")[:5] == ["Alice Smith", "alice.bib", "3", "written",
                                    ("6 sentences: 5 supported, 1 repaired 1 warning "
                                     "1 paper has no year")]
    assert row("alice.bib")[5:] == ["7", "2", "1,234"]
    assert table.links(rows["alice.bib"]) == ["alice.html"]
    # A report without a page has no link; its duplicate names it, unlinked.
    assert table.links(rows["bob.txt"]) == [] and row("bob.txt")[0] == "Bob Jones"
    assert row("bob.bib")[3:5] == ["duplicate", "same record as bob.txt"]
    assert table.links(rows["bob.bib"]) == []
    # A duplicate by bytes was never parsed: the researcher is its primary's.
    assert row("alice-copy.bib")[:5] == ["Alice Smith", "alice-copy.bib", "", "duplicate",
                                         "same record as alice.bib"]
    assert table.links(rows["alice-copy.bib"]) == ["alice.html"]
    assert row("broken.pdf")[:5] == ["—", "broken.pdf", "", "failed",
                                     "broken.pdf: not a format research-agent reads; convert it"]
    assert table.links(rows["broken.pdf"]) == []
    # An unchanged report is there from an earlier run: linked, with its tally.
    assert row("carol.json")[:5] == ["Carol Wu", "carol.json", "3", "unchanged",
                                     "9 sentences: 8 supported, 1 unsupported (shown, marked)"]
    assert table.links(rows["carol.json"]) == ["carol.html"]
    assert row("dan.bib")[7] == "~1,234"
    assert row("erin.bib")[3:5] == ["pending", "not run: the batch stopped before its turn"]
    assert table.links(rows["erin.bib"]) == []

    # The foot: files and reports counted, papers in reports, the run's own model use.
    foot = [" ".join(c[0].split()) for c in table.foot[0]]
    assert foot == ["Total", "8 files", "12", "4 reports", "", str(summary.calls), "6",
                    "~3,757"]  # the failed row's 55 tokens included
    # Totals are the rows' own sums unless an OpenAI batch made calls no row holds.
    text = Page(html).all_text()
    assert "OpenAI batch" not in text and "Totals are" not in text
    assert "Totals are" not in Page(batch_index_html(_summary(written, unchanged))).all_text()
    with_batch = Page(batch_index_html(_summary(written, openai_batch={"id": "b1"}))).all_text()
    assert "the OpenAI batch's digest calls, made before the reports, are in the totals" in \
        with_batch


def test_index_shares_the_report_pages_head_and_stylesheet(example) -> None:
    report, _ = example
    index = batch_index_html(_summary(_written("x.bib", "x", report.owner)))
    page = report_html(report)

    def head(html: str) -> str:
        return html[html.index("<head>"):html.index("<title>")]

    def style(html: str) -> str:
        return html[html.index("<style>"):html.index("</style>")]

    assert head(index) == head(page) and "Content-Security-Policy" in head(index)
    assert style(index).startswith(style(page)[:-1])  # the index adds its own rules after


def test_each_sentence_says_on_hover_how_it_came_to_be(example) -> None:
    report, _ = example
    section = report.bio.sections[0]
    statuses = [SentenceStatus.SUPPORTED, SentenceStatus.REPAIRED, SentenceStatus.REPLACED]
    sentences = [s.model_copy(update={"status": st})
                 for s, st in zip(section.sentences, statuses)]
    bio = report.bio.model_copy(update={"sections": [
        section.model_copy(update={"sentences": sentences})]})
    html = report_html(report.model_copy(update={"bio": bio}))
    bio_html = html.split('<section id="bio">', 1)[1].split("</section>", 1)[0]
    titles = [unescape(t) for t in re.findall(r'<span class="s" title="([^"]*)">', bio_html)]
    assert [t.split(";")[0].split(":")[0] for t in titles] == [
        "Written by the model", "Repaired",
        "The planned claim, in the tool's own words"]
