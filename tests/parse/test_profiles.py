"""Profiles made for the tests: edge cases of the profile-page format."""

from __future__ import annotations

import datetime as dt

from agent.models import OwnerPosition
from agent.parse import load_profile, parse_text
from tests.conftest import PROFILES

AS_OF = dt.date(2026, 11, 28)


def load(name: str):
    return load_profile(PROFILES / name, as_of=AS_OF)


def test_one_paper_sole_author() -> None:
    profile = load("one-paper.txt")
    assert profile.issues == []
    [paper] = profile.papers
    assert paper.key == "lovelace2024notes"
    assert paper.owner_position is OwnerPosition.SOLE
    assert paper.has_code and paper.category == "LG"
    assert paper.urls == ["https://example.org/notes"]
    assert profile.citations == 12 and profile.claimed_paper_count == 1


def test_multi_paragraph_abstract_and_leap_day() -> None:
    profile = load("multi-paragraph.txt")
    assert profile.issues == []
    compiling, moth = sorted(profile.papers, key=lambda p: p.title)
    assert compiling.abstract.split("\n\n") == [
        "We present FLOW-MATIC, a compiler that accepts programs written in English-like statements.",
        "It was evaluated on 14 business programs and cut programming time by 40%.",
        "The compiler and its manual are available at https://example.com/flowmatic (see the appendix).",
    ]
    assert compiling.urls == ["https://example.com/flowmatic"]
    assert compiling.affiliations == ["navy-research", "univac"]
    assert compiling.owner_position is OwnerPosition.LAST
    # Lines of one paragraph join with a space.
    assert moth.abstract == (
        "We report the first actual case of a bug being found. The log entry was made at 15:45.")
    # "Feb 29" without a year: the latest Feb 29 on or before the capture date.
    assert moth.date == dt.date(2024, 2, 29) and moth.year_inferred
    assert profile.novelty_pct == 71 and profile.ai_score_pct == 40


def test_accented_and_non_latin_names() -> None:
    profile = load("unicode-names.txt")
    assert profile.issues == []
    assert profile.name == "José Ángel Núñez"
    papers = {p.date.year: p for p in profile.papers}
    assert papers[2022].owner_position is OwnerPosition.FIRST
    assert papers[2022].authors == ["José Ángel Núñez", "Zoë Ó Briain", "Søren Kierkegård"]
    # Written without accents, still the owner.
    assert papers[2021].owner_position is OwnerPosition.MIDDLE
    assert papers[2021].authors == ["山田 太郎", "Jose Angel Nunez", "王小明"]
    assert papers[2021].affiliations == ["東京大学"]
    assert papers[2021].title == "大規模言語モデルの評価"
    # Not visible, list cut short: unknown.
    assert papers[2020].owner_position is OwnerPosition.UNKNOWN
    assert papers[2020].urls == ["https://example.ru/morph"]
    # Hyphenated spelling of the same name, last of a complete list.
    assert papers[2019].owner_position is OwnerPosition.LAST
    # Keys stay readable ASCII for every script.
    keys = {p.key for p in profile.papers}
    assert all(k.isascii() and k.isalnum() for k in keys)
    assert "nunez2022enonces" in keys
    assert profile.citations == 1204


def test_header_with_missing_metrics() -> None:
    profile = load("missing-metrics.txt")
    assert profile.issues == []
    assert profile.name == "Barbara Liskov"
    assert profile.h_index is None and profile.citations is None
    assert profile.primary_category is None and profile.novelty_pct is None
    assert profile.claimed_paper_count == 2 and len(profile.papers) == 2
    positions = {p.key: p.owner_position for p in profile.papers}
    assert positions == {"liskov2020data": OwnerPosition.SOLE,
                         "wing2019substitution": OwnerPosition.LAST}


def test_count_mismatch_is_reported() -> None:
    profile = load("count-mismatch.txt")
    assert len(profile.papers) == 3
    messages = [str(i) for i in profile.issues]
    assert messages == ["the page says 5 papers but 3 were parsed"]
    # Owner first in a list cut short by "et al." is still first.
    morph = next(p for p in profile.papers if p.title.startswith("Morphogenesis"))
    assert morph.authors == ["Alan Turing"] and morph.authors_truncated
    assert morph.owner_position is OwnerPosition.FIRST


def test_malformed_blocks_are_named_and_the_rest_parses() -> None:
    profile = load("malformed-middle.txt")
    titles = sorted(p.title for p in profile.papers)
    assert titles == ["A Mathematical Theory of Communication",
                      "Communication Theory of Secrecy Systems",
                      "Programming a Computer for Playing Chess"]
    messages = [str(i) for i in profile.issues]
    assert messages[0] == "line 17: paper block skipped: unreadable paper header 'CL Febuary 3 2020'"
    assert messages[1] == "line 24: paper block skipped: impossible date 'CLFeb 30, 2020'"
    assert messages[2] == "the page says 5 papers but 3 were parsed (2 block(s) skipped)"
    # The broken block's text was not glued onto the paper before it.
    first = next(p for p in profile.papers if p.title.startswith("A Mathematical"))
    assert first.abstract == "We define the entropy of a source."


def test_block_without_author_line_is_named() -> None:
    text = (
        "Ann Example\n\n2 Papers\n\n"
        "CLJan 1, 2020\nGood Paper\n\nAnn Example\n\nFine.\n\n"
        "CLFeb 2, 2020\nTitle Only\n\n"
        "This is an abstract, not an author list, and its parts are long sentences of prose.\n"
    )
    profile = parse_text(text, as_of=AS_OF)
    assert [p.title for p in profile.papers] == ["Good Paper"]
    assert "line 12: paper block skipped: line 15 is not an author list" in [
        str(i) for i in profile.issues]


def test_date_after_capture_is_a_warning() -> None:
    text = "Ann Example\n\n1 Papers\n\nCLJan 1, 2030\nFuture\n\nAnn Example\n\nText.\n"
    profile = parse_text(text, as_of=AS_OF)
    assert len(profile.papers) == 1
    assert "after the capture date 2026-11-28" in str(profile.issues[0])


def test_colliding_keys_are_unique_and_order_free() -> None:
    block_a = "CLJan 1, 2020\nCross-Lingual A\n\nAnn Example\n\nFirst.\n\n"
    block_b = "CLMar 1, 2020\nCross-Lingual B\n\nAnn Example\n\nSecond.\n\n"
    block_c = "CLMay 1, 2020\nCross Lingual Alignment\n\nAnn Example\n\nThird.\n\n"
    head = "Ann Example\n\n3 Papers\n\n"
    one = parse_text(head + block_a + block_b + block_c, as_of=AS_OF)
    two = parse_text(head + block_c + block_b + block_a, as_of=AS_OF)
    keys_one = {p.title: p.key for p in one.papers}
    assert keys_one == {p.title: p.key for p in two.papers}
    assert sorted(keys_one.values()) == ["example2020cross", "example2020crosslingual",
                                         "example2020crosslingualb"]
