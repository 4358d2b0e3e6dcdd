"""Several files, one profile: the same work seen twice becomes one paper, keys stay put."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest

from agent.models import DatePrecision, OwnerPosition
from agent.parse import load_profiles, parse_text
from agent.parse.base import new_work
from agent.parse.merge import merge_works
from tests.conftest import FIXTURES

INPUTS = FIXTURES / "inputs"
AS_OF = dt.date(2026, 11, 28)
OWNER = "Zoë Brännström-Okafor"
ALL = ["brannstrom.bib", "brannstrom-arxiv.xml", "openalex-works.json", "s2-author-papers.json",
       "s2-paper.json", "zotero.json", "orcid-record.json", "orcid-works.json"]


def merged(*names: str, **kwargs):
    notes: list[str] = []
    profile = load_profiles([INPUTS / n for n in names], as_of=AS_OF, notify=notes.append,
                            **kwargs)
    return profile, notes


def test_bibtex_export_and_arxiv_feed_of_one_person_have_no_duplicates() -> None:
    profile, notes = merged("brannstrom.bib", "brannstrom-arxiv.xml")
    keys = [p.key for p in profile.papers]
    assert sorted(keys) == sorted([
        "brannstromokafor2021sparse", "watanabe2022retrievalaugmented",
        "brannstromokafor2023calibration", "petrova2020mnogoyazychnye",
        "brannstromokafor2019counting", "brannstromokaforndlecture", "nwosu2024tokenizerfree"])
    titles = [p.title.casefold() for p in profile.papers]
    assert len(titles) == len(set(titles))
    assert profile.source_format == "bibtex+arxiv"
    merges = [n for n in notes if n.startswith("merged")]
    bib, feed = INPUTS / "brannstrom.bib", INPUTS / "brannstrom-arxiv.xml"
    assert merges == [
        f"merged 2 records of one work into brannstromokafor2021sparse (same DOI "
        f"10.18653/v1/2021.acl-long.101): {feed} entry 4 + {bib} line 6",
        f"merged 2 records of one work into watanabe2022retrievalaugmented (same arXiv "
        f"2205.04321): {feed} entry 3 + {bib} line 18",
        f"merged 2 records of one work into brannstromokafor2023calibration (same title): "
        f"{feed} entry 2 + {bib} line 25",
    ]


def test_richest_fields_win() -> None:
    profile, _ = merged("brannstrom.bib", "brannstrom-arxiv.xml")
    papers = {p.key: p for p in profile.papers}
    sparse = papers["brannstromokafor2021sparse"]
    # The arXiv day beats the BibTeX month; the accents of the BibTeX names beat ASCII.
    assert sparse.date == dt.date(2021, 3, 2) and sparse.date_precision is DatePrecision.DAY
    assert sparse.authors == [OWNER, "Kenji Watanabe", "Lucía Fernández"]
    assert sparse.category == "CL"
    calibration = papers["brannstromokafor2023calibration"]
    # The feed's complete list beats the BibTeX "and others"; the feed's capitals win.
    assert not calibration.authors_truncated and len(calibration.authors) == 3
    assert calibration.title == "On the Calibration of Cross-Lingual Reward Models"
    assert calibration.abstract.startswith("Reward models trained on English")
    assert calibration.owner_position is OwnerPosition.FIRST


def test_keys_do_not_depend_on_file_order() -> None:
    """All 120 orders of five files give the same papers under the same keys."""
    reference = None
    for order in itertools.permutations(ALL[:5]):
        profile, _ = merged(*order)
        keys = {p.title.casefold(): p.key for p in profile.papers}
        papers = [p.model_dump(exclude={"source_line"}) for p in profile.papers]
        if reference is None:
            reference = (keys, papers)
        assert (keys, papers) == reference


def test_every_format_together_is_one_list_without_duplicates() -> None:
    profile, notes = merged(*ALL)
    assert profile.name == OWNER  # the ORCID record names her; nothing to infer
    assert not any(n.startswith("owner not given") for n in notes)
    titles = [p.title.casefold() for p in profile.papers]
    assert len(titles) == len(set(titles)) == 9
    sparse = next(p for p in profile.papers if p.key == "brannstromokafor2021sparse")
    assert sparse.title == "Sparse Mixtures of Multilingual Experts"  # not Zotero's lower case
    assert any("merged 7 records of one work into brannstromokafor2021sparse" in n for n in notes)
    # With several files each warning names its file.
    assert all(str(i).split(":")[0].split(" line ")[0].endswith((".bib", ".json", ".xml"))
               for i in profile.issues)


def test_same_file_twice_counts_once() -> None:
    profile, notes = merged("brannstrom.bib", "brannstrom.bib")
    assert len(profile.papers) == 6 and not any(n.startswith("merged") for n in notes)


def test_files_of_different_people_need_author(tmp_path: Path) -> None:
    from agent.errors import UsageError

    page = tmp_path / "page.txt"
    page.write_text("Ann Example\n\n1 Papers\n\nCLJan 1, 2020\nA Paper\n\nAnn Example\n\nText.\n")
    with pytest.raises(UsageError, match="belong to different people"):
        load_profiles([page, INPUTS / "orcid-record.json"], as_of=AS_OF)


def _work(title: str, authors: list[str], year: int | None, doi: str | None = None,
          arxiv: str | None = None, label: str = "x"):
    date = dt.date(year, 1, 1) if year else None
    return new_work(title=title, authors=authors, source="f", label=label, date=date,
                    precision=DatePrecision.YEAR, doi=doi, arxiv=arxiv)


@pytest.mark.parametrize("a, b, same", [
    # Identifiers decide, whatever the titles say.
    (("Old Title", ["Ann Lee"], 2020, "10.1234/x"), ("New Title", ["Ann Lee"], 2021, "10.1234/X"), True),
    (("A", ["Ann Lee"], 2020, None, "2001.00001v1"), ("B", ["Bo Chen"], 2020, None,
                                                       "arXiv:2001.00001"), True),
    # An arXiv DOI is the preprint's arXiv id.
    (("A", ["Ann Lee"], 2020, "10.48550/arXiv.2001.00001"), ("B", ["Ann Lee"], 2020, None,
                                                           "2001.00001"), True),
    # Titles: case, punctuation, hyphens, a typo, an added subtitle word.
    (("Pre-Training of Deep Models", ["Ann Lee"], 2020), ("Pretraining of deep models.",
                                                          ["A. Lee"], 2021), True),
    (("Sparse Mixtures of Multilingual Experts", ["Ann Lee"], 2021),
     ("Sparse Mixtures of Multilingual Expert", ["Ann Lee"], 2021), True),
    # ...but not another part, another letter, a far year, other authors or two DOIs.
    (("Learning to Rank, Part I", ["Ann Lee"], 2020), ("Learning to Rank, Part II",
                                                        ["Ann Lee"], 2020), False),
    (("Cross-Lingual A", ["Ann Lee"], 2020), ("Cross-Lingual B", ["Ann Lee"], 2020), False),
    (("Self-Labeled Word Alignment for Cross-Lingual Models", ["Ann Lee"], 2021),
     ("Self-Labeled Phrase Alignment for Cross-Lingual Models", ["Ann Lee"], 2021), False),
    (("Deep Models of Language", ["Ann Lee"], 2015), ("Deep Models of Language", ["Ann Lee"],
                                                      2019), False),
    (("Deep Models of Language", ["Ann Lee", "Bo Chen"], 2019),
     ("Deep Models of Language", ["Carla Diaz", "Dan Evans"], 2019), False),
    (("Deep Models of Language", ["Ann Lee"], 2019, "10.1234/a"),
     ("Deep Models of Language", ["Ann Lee"], 2019, "10.1234/b"), False),
])
def test_merge_rule(a: tuple, b: tuple, same: bool) -> None:
    works, merges = merge_works([_work(*a, label="one"), _work(*b, label="two")])
    assert (len(works) == 1) is same
    assert bool(merges) is same


def test_merge_is_transitive_but_never_joins_two_dois() -> None:
    records = [
        _work("Deep Models of Language", ["Ann Lee"], 2019, "10.1234/a", label="a"),
        _work("Deep Models of Language", ["Ann Lee"], 2019, None, label="b"),
        _work("Deep Models of Language", ["Ann Lee"], 2019, "10.1234/b", label="c"),
    ]
    works, _ = merge_works(records)
    assert len(works) == 2


def test_single_file_duplicates_merge_too() -> None:
    text = ("@article{a, title={Deep Models of Language}, author={Lee, Ann}, year=2019}\n"
            "@inproceedings{b, title={Deep models of language}, author={Lee, A.}, year=2020,"
            " doi={10.1234/dm}}\n")
    notes: list[str] = []
    profile = parse_text(text, as_of=AS_OF, source="refs.bib", notify=notes.append)
    [paper] = profile.papers
    assert paper.key == "lee2019deep"  # the earlier year: the date is as precise either way
    assert notes[-1] == ("merged 2 records of one work into lee2019deep (same title): "
                         "line 2 + line 1")
