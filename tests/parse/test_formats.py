"""Each input format: a realistic file, a broken one, and the edge cases of its schema.

The fixtures in tests/fixtures/inputs/ describe one fictional researcher, Zoë
Brännström-Okafor, as each source would: BibTeX with LaTeX accents, an arXiv
API feed with ASCII names, OpenAlex with an inverted-index abstract, Semantic
Scholar with initials and nulls, a Zotero CSL-JSON export, ORCID summaries and
full works.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from agent.errors import InputError, UsageError
from agent.models import DatePrecision, OwnerPosition
from agent.parse import load_profile, parse_text
from agent.parse.detect import detect_format
from agent.parse.openalex import rebuild_abstract
from tests.conftest import FIXTURES

INPUTS = FIXTURES / "inputs"
AS_OF = dt.date(2026, 11, 28)
OWNER = "Zoë Brännström-Okafor"


def load(name: str, **kwargs):
    return load_profile(INPUTS / name, as_of=AS_OF, **kwargs)


def by_key(profile) -> dict:
    return {p.key: p for p in profile.papers}


def messages(profile) -> list[str]:
    return [str(i) for i in profile.issues]


# --- detection ------------------------------------------------------------------


@pytest.mark.parametrize("name, fmt", [
    ("brannstrom.bib", "bibtex"), ("brannstrom-arxiv.xml", "arxiv"),
    ("openalex-works.json", "openalex"), ("s2-author-papers.json", "s2"),
    ("s2-paper.json", "s2"), ("zotero.json", "csl-json"), ("orcid-works.json", "orcid"),
    ("orcid-record.json", "orcid"),
])
def test_detected_by_content_not_extension(tmp_path: Path, name: str, fmt: str) -> None:
    renamed = tmp_path / "record.txt"
    renamed.write_bytes((INPUTS / name).read_bytes())
    profile = load_profile(renamed, as_of=AS_OF, author=OWNER)
    assert profile.source_format == fmt
    assert profile.papers


def test_text_formats_are_sniffed_without_decoding() -> None:
    assert detect_format((INPUTS / "brannstrom.bib").read_text()) == "bibtex"
    assert detect_format((INPUTS / "brannstrom-arxiv.xml").read_text()) == "arxiv"
    assert detect_format("Dear diary") is None


def test_format_flag_overrides_detection(tmp_path: Path) -> None:
    # A BibTeX file whose first entry is preceded by a profile-page look-alike line.
    path = tmp_path / "odd.bib"
    path.write_text("12 Papers\n\n" + (INPUTS / "brannstrom.bib").read_text())
    as_page = load_profile(path, as_of=AS_OF)  # read as a profile page: no paper blocks
    assert as_page.source_format == "profile-page" and as_page.papers == []
    profile = load_profile(path, as_of=AS_OF, fmt="bibtex")
    assert len(profile.papers) == 6


def test_json_format_forced_on_text_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="is not JSON, so it cannot be OpenAlex"):
        load("brannstrom.bib", fmt="openalex")


# --- BibTeX ---------------------------------------------------------------------


def test_bibtex_accents_braces_names_and_ids() -> None:
    profile = load("brannstrom.bib")
    assert profile.name == OWNER and profile.source_format == "bibtex"
    papers = by_key(profile)
    sparse = papers["brannstromokafor2021sparse"]
    assert sparse.title == "Sparse Mixtures of Multilingual Experts"  # {E} unbraced
    assert sparse.authors == [OWNER, "Kenji Watanabe", "Lucía Fernández"]
    assert sparse.owner_position is OwnerPosition.FIRST
    assert sparse.date == dt.date(2021, 8, 1) and sparse.date_precision is DatePrecision.MONTH
    assert sparse.abstract == ("We route tokens of 50 languages to sparse experts. The model "
                               "reaches 41.2 BLEU with 30% fewer FLOPs.")
    # "and others" is "et al.": the owner's first place stands, no last-author claim.
    calibration = papers["brannstromokafor2024calibration"]
    assert calibration.authors_truncated and calibration.authors == ["Z. Brännström-Okafor",
                                                                     "Amara Nwosu"]
    assert calibration.owner_position is OwnerPosition.FIRST
    assert papers["petrova2020mnogoyazychnye"].owner_position is OwnerPosition.LAST
    assert papers["brannstromokafor2019counting"].owner_position is OwnerPosition.SOLE
    assert papers["brannstromokafor2019counting"].year == 2019  # "2019a"


def test_bibtex_year_that_is_not_a_year_is_reported() -> None:
    profile = load("brannstrom.bib")
    notes = by_key(profile)["brannstromokaforndlecture"]
    assert notes.date is None
    assert messages(profile) == [
        "line 46: entry 'brannstrom-notes': year 'n.d.' is not a year; it has no date"]


def test_broken_bibtex_entry_is_reported_with_its_line_and_the_rest_kept(tmp_path: Path) -> None:
    text = (INPUTS / "brannstrom.bib").read_text()
    broken = text.replace("  year    = {2022},\n}", "  year    = {2022,\n", 1)
    path = tmp_path / "broken.bib"
    path.write_text(broken)
    profile = load_profile(path, as_of=AS_OF)
    titles = {p.title for p in profile.papers}
    assert "Retrieval-Augmented Tokenizers for Low-Resource Languages" not in titles
    assert len(profile.papers) == 5
    skipped = [m for m in messages(profile) if "entry skipped" in m]
    assert len(skipped) == 1 and skipped[0].startswith("line 18: ")


def test_bibtex_duplicate_keys_are_both_kept_and_reported() -> None:
    text = ("@article{same, title={First Work}, author={Ann Lee}, year={2020}}\n"
            "@article{same, title={Second Work}, author={Ann Lee and Bo Chen}, year={2021}}\n")
    profile = parse_text(text, as_of=AS_OF, source="dup.bib")
    assert sorted(p.title for p in profile.papers) == ["First Work", "Second Work"]
    assert "line 2: duplicate key 'same' (also at line 1); both entries kept" in messages(profile)


def test_bibtex_missing_year_no_abstract_and_a_hundred_authors() -> None:
    authors = " and ".join(f"Author{i:03d}, Given" for i in range(120))
    text = (f"@article{{big, title={{A Large Collaboration}}, author={{{authors} and Lee, Ann}},"
            " year=2023}\n@misc{noyear, title={Undated Note}, author={Ann Lee}}\n")
    profile = parse_text(text, as_of=AS_OF, author="Ann Lee")
    big = next(p for p in profile.papers if p.title == "A Large Collaboration")
    assert len(big.authors) == 121 and big.owner_position is OwnerPosition.LAST
    assert big.abstract == "" and big.urls == []
    undated = next(p for p in profile.papers if p.title == "Undated Note")
    assert undated.date is None and undated.key == "leendundated"
    assert "line 2: entry 'noyear': no year; it has no date" in messages(profile)


def test_bibtex_with_no_entries_is_an_error() -> None:
    with pytest.raises(InputError, match="not in a format"):
        parse_text("% just a comment\n", as_of=AS_OF)


# --- arXiv ----------------------------------------------------------------------


def test_arxiv_versions_whitespace_and_primary_category() -> None:
    profile = load("brannstrom-arxiv.xml", author=OWNER)
    papers = by_key(profile)
    assert set(papers) == {"brannstromokafor2021sparse", "watanabe2022retrievalaugmented",
                           "brannstromokafor2023calibration", "nwosu2024tokenizerfree"}
    calibration = papers["brannstromokafor2023calibration"]
    assert calibration.title == "On the Calibration of Cross-Lingual Reward Models"
    assert calibration.date == dt.date(2023, 10, 9)  # first version, not the update
    assert calibration.abstract == ("Reward models trained on English are overconfident in 12 "
                                    "other languages. We calibrate them with temperature scaling.")
    assert calibration.category == "CL"  # cs.CL, printed as the profile page does
    speech = papers["nwosu2024tokenizerfree"]
    assert speech.category == "eess.AS" and speech.owner_position is OwnerPosition.LAST
    assert speech.urls == ["https://github.com/example/tfst"]
    assert speech.affiliations == ["Uppsala University"]
    # The owner is written without accents in the feed and still found.
    assert papers["brannstromokafor2021sparse"].owner_position is OwnerPosition.FIRST


def test_arxiv_api_error_feed_is_one_clear_error() -> None:
    with pytest.raises(InputError, match="arXiv API error.*incorrect id format for 1234.12345"):
        load("arxiv-error.xml")


def test_truncated_arxiv_feed_keeps_the_complete_entries(tmp_path: Path) -> None:
    text = (INPUTS / "brannstrom-arxiv.xml").read_text()
    cut = text[:text.index("<title>Retrieval-Augmented")]
    path = tmp_path / "cut.xml"
    path.write_text(cut)
    profile = load_profile(path, as_of=AS_OF, author=OWNER)
    assert len(profile.papers) >= 2
    assert any("the feed is malformed" in m for m in messages(profile))


def test_arxiv_feed_that_is_not_xml_at_all(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?>\n<feed xmlns:arxiv="http://arxiv.org/schemas/atom"'
                    '>\n<<<\n')
    with pytest.raises(InputError, match="not a readable Atom feed"):
        load_profile(path, as_of=AS_OF)


# --- OpenAlex -------------------------------------------------------------------


def test_openalex_abstract_rebuilt_and_fields_mapped() -> None:
    profile = load("openalex-works.json")
    papers = by_key(profile)
    sparse = papers["brannstromokafor2021sparse"]
    assert sparse.abstract == ("We route tokens of 50 languages to sparse experts. The model "
                               "reaches 41.2 BLEU with 30% fewer FLOPs.")
    assert sparse.affiliations == ["Uppsala University", "University of Tokyo"]
    assert sparse.date == dt.date(2021, 8, 1) and sparse.date_precision is DatePrecision.DAY
    counting = papers["brannstromokafor2019counting"]
    assert counting.title == "Counting Tokens Across Scripts"  # <i> markup dropped
    assert counting.abstract == "Scripts differ; so do Scripts counts."
    assert counting.date_precision is DatePrecision.YEAR
    assert papers["brannstromokafor2024calibration"].abstract == ""


def test_openalex_inverted_index_edge_cases() -> None:
    assert rebuild_abstract(None) == "" and rebuild_abstract({}) == ""
    assert rebuild_abstract({"b": [1], "a": [0, 2], "bad": "x"}) == "a b a"


def test_openalex_hundred_authors_truncated_and_non_numeric_year(tmp_path: Path) -> None:
    authorships = [{"author": {"display_name": f"Person {i:03d} Example"}} for i in range(100)]
    data = {"results": [
        {"id": "https://openalex.org/W1", "title": "Big Science", "publication_year": 2022,
         "authorships": authorships, "is_authors_truncated": True},
        {"id": "https://openalex.org/W2", "title": "Odd Year", "publication_year": "soon",
         "authorships": authorships[:1]},
        {"id": "https://openalex.org/W3", "title": None, "authorships": authorships[:1]},
        "not a work",
    ]}
    path = tmp_path / "works.json"
    path.write_text(json.dumps(data))
    profile = load_profile(path, as_of=AS_OF, author="Person 000 Example")
    big = next(p for p in profile.papers if p.title == "Big Science")
    assert len(big.authors) == 100 and big.authors_truncated
    assert next(p for p in profile.papers if p.title == "Odd Year").date is None
    assert messages(profile) == [
        "work 2 (W2): publication year 'soon' is not a year",
        "work 3 (W3) has no title; skipped",
        "work 4 is not an object; skipped",
    ]


def test_truncated_json_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "works.json"
    path.write_text((INPUTS / "openalex-works.json").read_text()[:700])
    with pytest.raises(InputError, match=r"is not valid JSON \(.* at line \d+, column \d+\)"):
        load_profile(path, as_of=AS_OF)


# --- Semantic Scholar -----------------------------------------------------------


def test_s2_author_papers_skip_nulls_and_keep_initials() -> None:
    profile = load("s2-author-papers.json")
    assert profile.name == "Z. Brännström-Okafor"
    papers = by_key(profile)
    assert len(papers) == 3
    sparse = papers["brannstromokafor2021sparse"]
    assert sparse.date == dt.date(2021, 3, 2)
    retrieval = papers["watanabe2022retrievalaugmented"]
    assert retrieval.abstract == "" and retrieval.date_precision is DatePrecision.YEAR
    assert papers["brannstromokaforndcounting"].date is None  # "year": null
    assert messages(profile) == [
        "1 null entry (papers Semantic Scholar does not know) skipped"]


def test_s2_single_paper_and_author_object(tmp_path: Path) -> None:
    single = load("s2-paper.json", author=OWNER)
    [paper] = single.papers
    assert paper.owner_position is OwnerPosition.LAST and paper.year == 2024
    author = {"authorId": "2100000001", "name": OWNER,
              "papers": [json.loads((INPUTS / "s2-paper.json").read_text()), None]}
    path = tmp_path / "author.json"
    path.write_text(json.dumps(author))
    profile = load_profile(path, as_of=AS_OF)  # the author object names the owner
    assert profile.name == OWNER and len(profile.papers) == 1


def test_s2_bad_year_and_batch_list(tmp_path: Path) -> None:
    batch = [None, {"paperId": "x1", "title": "Only Title", "year": "20xx",
                    "authors": [{"name": "Ann Lee"}]}]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps(batch))
    profile = load_profile(path, as_of=AS_OF)
    assert [p.title for p in profile.papers] == ["Only Title"]
    assert "paper 2 (x1): year '20xx' is not a year" in messages(profile)


# --- CSL-JSON -------------------------------------------------------------------


def test_csl_names_dates_and_markup() -> None:
    profile = load("zotero.json")
    assert profile.source_format == "csl-json"
    papers = by_key(profile)
    sparse = papers["brannstromokafor2021sparse"]
    assert sparse.abstract.split("\n\n") == [
        "We route tokens of 50 languages to sparse experts.",
        "The model reaches 41.2 BLEU with 30% fewer FLOPs."]
    assert sparse.date_precision is DatePrecision.MONTH
    assert papers["watanabe2022retrievalaugmented"].date == dt.date(2022, 5, 9)  # strings
    japanese = papers["shantian2024dagui"]
    assert japanese.authors[0] == "山田 太郎" and japanese.date == dt.date(2024, 3, 1)
    report = papers["consortiumndmultilingual"]
    assert report.authors == ["Multilingual Evaluation Consortium", OWNER, "Jan van den Berg",
                              "Martin Luther King, Jr."]
    assert report.owner_position is OwnerPosition.MIDDLE
    assert any("states no year" in m for m in messages(profile))


def test_csl_item_without_title_is_skipped(tmp_path: Path) -> None:
    items = [{"type": "article", "title": "", "issued": {"date-parts": [[2020]]}},
             {"type": "article", "title": "Kept", "author": [{"family": "Lee", "given": "Ann"}],
              "issued": {"date-parts": [[2020, 13]]}}]
    path = tmp_path / "items.json"
    path.write_text(json.dumps(items))
    profile = load_profile(path, as_of=AS_OF)
    [kept] = profile.papers
    assert kept.date == dt.date(2020, 1, 1) and kept.date_precision is DatePrecision.YEAR
    assert messages(profile) == ["item 1 has no title; skipped"]


# --- ORCID ----------------------------------------------------------------------


def test_orcid_record_with_full_works_names_the_owner() -> None:
    profile = load("orcid-record.json")
    assert profile.name == OWNER
    papers = by_key(profile)
    sparse = papers["brannstromokafor2021sparse"]
    # The editor is a contributor but not an author.
    assert sparse.authors == [OWNER, "Kenji Watanabe", "Lucía Fernández"]
    assert sparse.owner_position is OwnerPosition.FIRST
    assert papers["watanabe2022retrievalaugmented"].owner_position is OwnerPosition.MIDDLE
    # Its full work was not found: the summary stands in, with no author list.
    counting = papers["anonndcounting"]
    assert counting.owner_position is OwnerPosition.UNKNOWN and counting.authors_truncated
    assert any("bulk entry 3 skipped: No entity found" in m for m in messages(profile))


def test_orcid_summaries_need_an_author_and_know_no_roles() -> None:
    with pytest.raises(UsageError, match="no paper lists its authors"):
        load("orcid-works.json")
    profile = load("orcid-works.json", author=OWNER)
    assert len(profile.papers) == 3  # one group of two summaries is one work
    assert all(p.owner_position is OwnerPosition.UNKNOWN for p in profile.papers)
    assert any("3 works without an author list" in m for m in messages(profile))


# --- structure the reader did not expect ----------------------------------------


@pytest.mark.parametrize("payload, structure", [
    ({"results": [{"id": "https://openalex.org/W1", "title": "T", "authorships": 7}]},
     "OpenAlex works JSON"),
    ([{"type": "article", "title": "T", "issued": {"date-parts": "2020"}, "author": 3}],
     "CSL-JSON"),
    ({"group": [{"work-summary": [{"title": "T"}]}]}, "ORCID works JSON"),
])
def test_odd_structures_are_one_line_errors(tmp_path: Path, payload, structure: str) -> None:
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(payload))
    with pytest.raises(InputError) as info:
        load_profile(path, as_of=AS_OF, author="Ann Lee")
    message = str(info.value)
    assert f"does not have the structure of {structure}" in message and "\n" not in message
    assert "--format" in message


def test_an_author_list_given_as_text_is_read_and_its_absence_noted(tmp_path: Path) -> None:
    """Semantic Scholar with "authors" as a string: the paper stands, with no authors, and
    the owner's absence from its (empty) list is an issue, not a crash."""
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"data": [{"paperId": "p", "title": "T", "authors": "Ann Lee"}]}))
    profile = load_profile(path, as_of=AS_OF, author="Ann Lee")
    assert [(p.title, p.authors) for p in profile.papers] == [("T", [])]
    assert [str(i) for i in profile.issues] == ['paper 1 (p): Ann Lee is not among the authors '
                                                'of "T"']


@pytest.mark.parametrize(("fmt", "text"), [
    ("bibtex", "@article{a, title={A Tool}, author={Ann Onymous}, year={2020}, "
               "url={https://github.com/ann/tool}}\n"
               "@article{b, title={A Study}, author={Ann Onymous}, year={2021}, "
               "url={https://example.org/study}}"),
    ("csl", json.dumps([
        {"id": "a", "title": "A Tool", "author": [{"family": "Onymous", "given": "Ann"}],
         "issued": {"date-parts": [[2020]]}, "URL": "https://gitlab.com/ann/tool"},
        {"id": "b", "title": "A Study", "author": [{"family": "Onymous", "given": "Ann"}],
         "issued": {"date-parts": [[2021]]}, "URL": "https://example.org/study"}])),
])
def test_a_link_to_a_code_host_is_code_the_record_says_is_public(fmt: str, text: str) -> None:
    """A work's own link (BibTeX's url, CSL's URL, ORCID's url) to GitHub or GitLab is the
    record saying its code is public; any other link is not."""
    profile = parse_text(text, AS_OF, fmt=fmt, author="Ann Onymous")
    code = {p.title: p.has_code for p in profile.papers}
    assert code == {"A Tool": True, "A Study": False}
    tool = next(p for p in profile.papers if p.title == "A Tool")
    assert tool.urls and "/ann/tool" in tool.urls[0]


def test_the_kind_of_work_each_format_gives() -> None:
    """BibTeX's entry type, CSL's and ORCID's type, folded to one name each; a type that
    says nothing a reader asks about ("misc") is no kind."""
    from agent.parse.fields import work_kind

    bib = ("@book{a, title={A Book}, author={Ann Onymous}, year={2014}}\n"
           "@incollection{b, title={A Chapter}, author={Ann Onymous}, year={2015}}\n"
           "@phdthesis{c, title={A Thesis}, author={Ann Onymous}, year={2012}}\n"
           "@misc{d, title={A Corpus}, author={Ann Onymous}, year={2022}}")
    kinds = {p.title: p.kind for p in parse_text(bib, AS_OF, fmt="bibtex",
                                                 author="Ann Onymous").papers}
    assert kinds == {"A Book": "book", "A Chapter": "chapter", "A Thesis": "thesis",
                     "A Corpus": None}
    assert [work_kind(t) for t in ("chapter", "book-chapter", "BookSection", "article-journal",
                                   "journal-article", "data-set", "posted-content", "other")] \
        == ["chapter", "chapter", "chapter", "article", "article", "dataset", "preprint", None]
    orcid = load("orcid-record.json")
    assert {p.kind for p in orcid.papers} == {"conference paper"}
    arxiv = load("brannstrom-arxiv.xml")
    assert {p.kind for p in arxiv.papers} <= {"preprint", None}


def test_bibtex_math_keeps_the_braces_of_its_subscripts(tmp_path: Path) -> None:
    """A biostatistics record's "$\\hat\\psi_{\\mathrm{DR}}$" read "ψ̂_": the BibTeX decoder
    dropped every brace, the case protection of "{BERT}" and the math's groups alike, and
    the math then lost its subscript. Braces inside inline math are kept for the math."""
    bib = tmp_path / "record.bib"
    bib.write_text(r"""@article{a2021, author = {Ann Lee}, title = {Doubly robust {BERT}},
    year = {2021}, journal = {Biometrics},
    abstract = {We propose an estimator $\hat\psi_{\mathrm{DR}}$ for {BERT} with
    rate $O_p(n^{-1/2})$ and M\"uller's weights.}}""", encoding="utf-8")
    paper = load_profile(bib, as_of=dt.date(2026, 11, 28)).papers[0]
    assert paper.abstract == ("We propose an estimator ψ̂_{DR} for BERT with rate O_p(n^{-1/2}) "
                              "and Müller's weights.")
    assert paper.title == "Doubly robust BERT"


def test_bibtex_isotopes_and_signs_read_as_the_reader_sees_them(tmp_path: Path) -> None:
    """A bioarchaeology record wrote "$^{87}$Sr/$^{86}$Sr", "$\\delta^{15}$N", "$-$21.2" and
    "p $<$ 0.001": the prose showed "^{87}Sr/^{86}Sr", "δ^{15}N", "$-$21.2" and "p $<$
    0.001". Scripts of digits and signs are Unicode's raised and lowered characters, a lone
    sign is the sign; a formula with any other script keeps all of its markup."""
    bib = tmp_path / "record.bib"
    bib.write_text(r"""@article{b2013, author = {Oddny Kapoor}, year = {2013},
    title = {Dentine $\delta^{13}${C} and $\delta^{15}${N} at {Sk{\"o}rby}}, journal = {JAS},
    abstract = {We measured $^{87}$Sr/$^{86}$Sr and CO$_2$; collagen $\delta^{13}$C ranged
    from $-$21.2 to $-$19.8 (p $<$ 0.001), with $T_{\rm eq} = 1150$ and $10^{-3}$.}}""",
                   encoding="utf-8")
    paper = load_profile(bib, as_of=dt.date(2026, 11, 28)).papers[0]
    assert paper.title == "Dentine δ¹³C and δ¹⁵N at Skörby"
    assert paper.abstract == ("We measured ⁸⁷Sr/⁸⁶Sr and CO₂; collagen δ¹³C ranged from "
                              "\u221221.2 to \u221219.8 (p < 0.001), with T_{eq} = 1150 and "
                              "10⁻³.")
