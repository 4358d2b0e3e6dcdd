"""The example profile page, checked field by field against what its text says."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from agent.models import DatePrecision, OwnerPosition, Profile
from agent.parse import load_profile, parse_text
from agent.parse.profile_page import PAPER_HEADER
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF


def by_title(profile: Profile, start: str):
    matches = [p for p in profile.papers if p.title.startswith(start)]
    assert len(matches) == 1, start
    return matches[0]


def test_header_metrics(profile: Profile) -> None:
    assert profile.name == "Zewen Chi"
    assert profile.primary_category == "CL"
    assert profile.h_index == 41
    assert profile.citations == 8769
    assert profile.claimed_paper_count == 36
    assert profile.novelty_pct == 58
    assert profile.ai_score_pct == 62
    assert profile.source_format == "profile-page"


def test_all_36_papers_no_warnings(profile: Profile) -> None:
    assert len(profile.papers) == 36
    assert profile.issues == []
    assert len({p.key for p in profile.papers}) == 36


# (title start, key, date, year inferred, category, code, visible authors, et al.,
#  affiliations, owner position), each read off examples/zewen-chi.txt.
EXPECTED = [
    ("TorchScale", "ma2022torchscale", "2022-11-23", False, "LG", True,
     ["Shuming Ma", "Hongyu Wang", "Shaohan Huang"], True, ["microsoft-research"],
     OwnerPosition.UNKNOWN),
    ("InfoXLM", "chi2020infoxlm", "2020-07-15", False, "CL", False,
     ["Zewen Chi", "Li Dong", "Furu Wei"], True, [], OwnerPosition.FIRST),
    ("VIBEVOICE-ASR", "peng2026vibevoiceasr", "2026-01-26", True, "SD", False,
     ["Zhiliang Peng", "Jianwei Yu", "Yaoyao Chang"], True, [], OwnerPosition.UNKNOWN),
    ("SlideSparse", "shao2026slidesparse", "2026-03-05", True, "LG", True,
     ["Hanyong Shao", "Yingbo Hao", "Ting Song"], True, [], OwnerPosition.UNKNOWN),
    ("Sparse-BitNet", "zhang2026sparsebitnet", "2026-03-05", True, "CL", True,
     ["Di Zhang", "Xun Wu", "Shaohan Huang"], True, [], OwnerPosition.UNKNOWN),
    ("Breaking Training Bottlenecks", "li2026breaking", "2026-03-08", True, "LG", False,
     ["Zongqian Li", "Shaohan Huang", "Zewen Chi"], True, [], OwnerPosition.MIDDLE),
    ("Cross-Lingual Phrase Retrieval", "zheng2022crosslingual", "2022-04-19", False, "CL", True,
     ["Heqi Zheng", "Xiao Zhang", "Zewen Chi"], True, ["microsoft-research"],
     OwnerPosition.MIDDLE),
    ("Language Is Not All You Need", "huang2023language", "2023-02-27", False, "CL", False,
     ["Shaohan Huang", "Li Dong", "Wenhui Wang"], True, ["cmu", "microsoft-research"],
     OwnerPosition.UNKNOWN),
    ("Measuring Cross-Lingual Transferability", "chi2023measuring", "2023-05-15", False, "CL",
     False, ["Zewen Chi", "Heyan Huang", "Xian-Ling Mao"], False, [], OwnerPosition.FIRST),
    ("XLM-T:", "ma2020xlmt", "2020-12-31", False, "CL", False,
     ["Shuming Ma", "Jian Yang", "Haoyang Huang"], True, [], OwnerPosition.UNKNOWN),
    ("ProtLLM", "zhuo2024protllm", "2024-02-28", False, "BM", False,
     ["Le Zhuo", "Zewen Chi", "Minghao Xu"], True, [], OwnerPosition.MIDDLE),
    ("Complicated Table Structure", "chi2019complicated", "2019-08-13", False, "IR", False,
     ["Zewen Chi", "Heyan Huang", "Heng-Da Xu"], True, [], OwnerPosition.FIRST),
    ("ET5:", "zhang2022et5", "2022-09-23", False, "CL", True,
     ["Xiao Zhang", "Heyan Huang", "Zewen Chi"], True, [], OwnerPosition.MIDDLE),
]


@pytest.mark.parametrize("row", EXPECTED, ids=[r[0] for r in EXPECTED])
def test_paper_fields(profile: Profile, row: tuple) -> None:
    (start, key, date, inferred, category, code, authors, truncated, affiliations,
     position) = row
    paper = by_title(profile, start)
    assert paper.key == key
    assert paper.date == dt.date.fromisoformat(date)
    assert paper.date_precision is DatePrecision.DAY
    assert paper.year_inferred is inferred
    assert paper.category == category
    assert paper.has_code is code
    assert paper.authors == authors
    assert paper.authors_truncated is truncated
    assert paper.affiliations == affiliations
    assert paper.owner_position is position


def test_exactly_four_papers_without_a_printed_year(profile: Profile) -> None:
    inferred = sorted(p.key for p in profile.papers if p.year_inferred)
    assert inferred == ["li2026breaking", "peng2026vibevoiceasr", "shao2026slidesparse",
                        "zhang2026sparsebitnet"]


def test_titles_and_abstracts_kept_whole(profile: Profile) -> None:
    torchscale = by_title(profile, "TorchScale")
    assert torchscale.title == "TorchScale: Transformers at Scale"
    assert torchscale.abstract.startswith("Large Transformers have achieved state-of-the-art")
    assert torchscale.abstract.endswith("The library is available at https://aka.ms/torchscale.")
    xpr = by_title(profile, "Cross-Lingual Phrase Retrieval")
    assert "65K bilingual phrase pairs and 4.2M example sentences" in xpr.abstract


def test_urls_found_without_trailing_punctuation(profile: Profile) -> None:
    assert by_title(profile, "TorchScale").urls == ["https://aka.ms/torchscale"]
    assert by_title(profile, "Optimizing Prompts").urls == [
        "https://aka.ms/promptist", "https://aka.ms/promptist-demo"]
    assert by_title(profile, "Cross-Lingual Phrase Retrieval").urls == [
        "www.github.com/cwszz/XPR/"]
    assert by_title(profile, "Sparse-BitNet").urls == ["https://github.com/AAzdi/Sparse-BitNet"]
    assert by_title(profile, "Measuring Cross-Lingual").urls == []
    assert sum(len(p.urls) for p in profile.papers) == 15


def test_counts_read_off_the_page(profile: Profile) -> None:
    assert sum(p.has_code for p in profile.papers) == 10  # grep -c 'Code$'
    years = [p.year for p in profile.papers]
    assert {y: years.count(y) for y in set(years)} == {
        2019: 3, 2020: 3, 2021: 7, 2022: 9, 2023: 2, 2024: 2, 2025: 6, 2026: 4}
    firsts = sorted(p.key for p in profile.papers if p.owner_position is OwnerPosition.FIRST)
    assert firsts == sorted([
        "chi2019complicated", "chi2019crosslingual", "chi2019monolingual", "chi2020infoxlm",
        "chi2021crosslingual", "chi2021improving", "chi2021mt6", "chi2021xlme",
        "chi2022representation", "chi2023measuring", "chi2025era"])


def test_year_never_lies_after_the_capture_date() -> None:
    early = load_profile(EXAMPLE, as_of=dt.date(2026, 3, 6))
    dates = {p.key: p.date for p in early.papers if p.year_inferred}
    assert dates == {
        "peng2026vibevoiceasr": dt.date(2026, 1, 26),
        "shao2026slidesparse": dt.date(2026, 3, 5),
        "zhang2026sparsebitnet": dt.date(2026, 3, 5),
        "li2025breaking": dt.date(2025, 3, 8),  # Mar 8 is after Mar 6: the year before
    }
    assert all(p.date <= dt.date(2026, 3, 6) for p in early.papers if p.year_inferred)


def test_keys_do_not_depend_on_input_order() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == "36 Papers") + 1
    # Cut the body at paper headers and shuffle whole blocks.
    cuts = [i for i in range(start, len(lines)) if PAPER_HEADER.match(lines[i].strip())]
    blocks = ["".join(lines[a:b]) for a, b in zip(cuts, cuts[1:] + [len(lines)])]
    assert len(blocks) == 36
    random.Random(7).shuffle(blocks)
    shuffled = "".join(lines[:start]) + "".join(b if b.endswith("\n\n") else b + "\n" for b in blocks)
    original = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
    reordered = parse_text(shuffled, as_of=EXAMPLE_AS_OF)
    assert reordered.issues == []
    assert {p.title: p.key for p in reordered.papers} == {p.title: p.key for p in original.papers}
