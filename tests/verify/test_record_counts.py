"""Counts of a line of work and places in an author list, on the fictional ocean profile of
test_grouped_prose.py (lines: "networks", 3 papers; "ocean", 4 papers; other work, 3).

Found by the checker set once each injection was drawn on its own (evals/README.md):
"spans atlases (1 paper), protein (1 paper)" passed where atlases holds 2, since any line's
count could stand for any count; "first author of 1 of the 5 papers, including "Spatial
..." (2024), which ... cells" passed as a count of the line "cells"; "is not the second
author" passed, the verifier reading no place but first, last and sole.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import Profile
from agent.verify import Verifier
from tests.verify.test_grouped_prose import OWNER, PAPERS


@pytest.fixture(scope="module")
def ocean() -> Verifier:
    profile = Profile(name=OWNER, as_of=dt.date(2024, 1, 1), papers=PAPERS)
    return Verifier(profile, analyze(profile))


LINES = ["lindgren2018tidenet", "lindgren2019wavegan"]


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Rosa Lindgren's 10 papers centre on ocean (4 papers) and networks (3 papers).", True),
    # each count is its own line's: swapped, both fail, though each number is some line's
    ("Rosa Lindgren's 10 papers centre on ocean (3 papers) and networks (4 papers).", False),
    ("Rosa Lindgren's 10 papers centre on ocean (4 papers) and networks (4 papers).", False),
])
def test_a_count_in_brackets_is_the_count_of_the_line_it_follows(
        ocean: Verifier, sentence: str, supported: bool) -> None:
    found = ocean.check(sentence, LINES)
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Lindgren is the first author of 4 of the 10 papers, including \"WaveGAN: Generating "
     "Ocean Wave Fields with Adversarial Networks\" (2019), which generates ocean wave fields "
     "with a conditional adversarial network.", True),
    # 1 is no count of the first-author papers (4); that the example's words name the line
    # "ocean", whose first-author papers are 1, does not make it one
    ("Lindgren is the first author of 1 of the 10 papers, including \"WaveGAN: Generating "
     "Ocean Wave Fields with Adversarial Networks\" (2019), which generates ocean wave fields "
     "with a conditional adversarial network.", False),
])
def test_a_count_is_not_read_as_a_line_named_only_in_its_example(
        ocean: Verifier, sentence: str, supported: bool) -> None:
    found = ocean.check(sentence, ["lindgren2019wavegan"])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    ("Tomas Okoro is the second author of the TideNet paper.", "lindgren2018tidenet", True),
    ("Mei Chen is the second author of the TideNet paper.", "lindgren2018tidenet", False),
    ("Mei Chen is the third author of the TideNet paper.", "lindgren2018tidenet", True),
    ("Tomas Okoro is not the second author of the TideNet paper.", "lindgren2018tidenet",
     False),
    ("Mei Chen is not the second author of the TideNet paper.", "lindgren2018tidenet", True),
])
def test_a_place_in_the_author_list_said_or_denied(ocean: Verifier, sentence: str, key: str,
                                                   supported: bool) -> None:
    found = ocean.check(sentence, [key])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("2 of the 3 papers in 2017 concern scaling causal inference.", True),
    # Spelled out, as a sentence opens with a count: the part is of the whole's year too.
    ("Two of the 3 papers in 2017 concern scaling causal inference.", True),
    ("Two of the 4 papers in 2017 concern scaling causal inference.", False),
    ("Two of the 3 papers in 2018 concern scaling causal inference.", False),
    # A part as large as its whole, read without the line it names, was the whole again.
    ("3 of the 3 papers in 2017 concern scaling causal inference.", False),
    ("Three of the 3 papers in 2017 concern scaling causal inference.", False),
    # The whole first ("Of the 13 papers from 2019 to 2021, 13 concern cross-lingual
    # language model pre-training" passed on the example, where 10 do): a part as large
    # as its whole was read as the whole again, and so was "all" of it.
    ("Of the 3 papers in 2017, 2 concern scaling causal inference.", True),
    ("Of the 3 papers in 2017, two concern scaling causal inference.", True),
    ("Of the 3 papers in 2017, 3 concern scaling causal inference.", False),
    ("Of the 3 papers in 2017, three concern scaling causal inference.", False),
    ("Of the 3 papers in 2017, all concern scaling causal inference.", False),
    ("All 3 papers in 2017 concern scaling causal inference.", False),
    ("All of the 3 papers in 2017 concern scaling causal inference.", False),
    # Counted with no line named, "all" is the whole, which is true.
    ("All 3 papers in 2017 are in this record.", True),
])
def test_a_part_is_of_the_wholes_year_and_counts_the_line(sentence: str,
                                                          supported: bool) -> None:
    """The planner's "Two of the 3 papers in 2017 concern ..." failed where "2 of the 3"
    passed: only a part in digits took the year of the whole after it. And a part that
    names a line counts the line's papers, with the whole before or after it."""
    from agent.parse import load_profiles
    from tests.conftest import EXAMPLE_AS_OF, FIXTURES

    profile = load_profiles([FIXTURES / "inputs" / "templated-b.bib"], as_of=EXAMPLE_AS_OF)
    verifier = Verifier(profile, analyze(profile))
    assert verifier.check(sentence, ["jansen2017scaling"]).supported is supported


@pytest.mark.parametrize(("sentence", "supported"), [
    ("This line of work has 3 papers, from 2020 to 2023, 1 of them with Okafor as first "
     "author.", True),
    # The phase 2022-2024 holds 4 papers, this paper among them: no count of this line.
    ("This line of work has 4 papers, from 2020 to 2023, 1 of them with Okafor as first "
     "author.", False),
    ("Four papers, from 2020 to 2023, make up this line of work.", False),
    ("Three papers, from 2020 to 2023, make up this line of work.", True),
])
def test_a_line_of_works_count_is_no_phases(sentence: str, supported: bool) -> None:
    """"This line of work has 4 papers" passed for Ines Okafor's 3-paper line "policies",
    because the phase its cited paper falls in holds 4: a sentence that names a line of
    work counted phases as well."""
    from agent.parse import load_profiles
    from tests.conftest import EXAMPLE_AS_OF, REPO

    profile = load_profiles([REPO / "evals" / "profiles" / "ines-okafor.txt"],
                            as_of=EXAMPLE_AS_OF)
    verifier = Verifier(profile, analyze(profile))
    assert verifier.check(sentence, ["okafor2023diffusion"]).supported is supported


@pytest.mark.parametrize(("sentence", "supported"), [
    # A whole named by its owner is a whole ("Ten of Zewen Chi's 36 papers").
    ("Ten of Zewen Chi's 36 papers in this record have code available.", True),
    ("Eleven of Zewen Chi's 36 papers in this record have code available.", False),
    ("Ten of Zewen Chi's 35 papers in this record have code available.", False),
    # "None of" is a part of none, checked like any other.
    ("None of Zewen Chi's 36 papers in this record has code available.", False),
    # A count in brackets after a co-author, an affiliation or a category is its own.
    ("Next come Shaohan Huang (10 papers), Heyan Huang (8 papers) and Xun Wu (4 papers).", True),
    ("Next come Shaohan Huang (8 papers), Heyan Huang (10 papers) and Xun Wu (4 papers).", False),
    ("The affiliations named on Zewen Chi's papers are microsoft-research (7 papers) and cmu "
     "(3 papers).", True),
    ("The affiliations named on Zewen Chi's papers are microsoft-research (3 papers) and cmu "
     "(7 papers).", False),
    ("Zewen Chi's papers in this record are in the categories CL (27 papers), LG (5 papers), "
     "AI (1 paper), BM (1 paper), IR (1 paper) and SD (1 paper).", True),
    ("Zewen Chi's papers in this record are in the categories CL (5 papers), LG (27 papers), "
     "AI (1 paper), BM (1 paper), IR (1 paper) and SD (1 paper).", False),
    # The record's own mark of a list cut short: counted, no quotation of a paper.
    ('These counts cover the visible authors only: 35 of the 36 author lists end in '
     '"et al.".', True),
    ('These counts cover the visible authors only: 34 of the 36 author lists end in '
     '"et al.".', False),
    ("29 of the 36 papers name no affiliation.", True),
    ("30 of the 36 papers name no affiliation.", False),
])
def test_counts_of_the_record_as_the_fact_answers_say_them(profile, sentence: str,
                                                          supported: bool) -> None:
    """The tool's own fact answers failed `research-agent verify`: 72 of 211 sentences over
    the ask eval's questions, on all six eval records. Among them these counts, which the
    verifier read against the whole record (a possessive whole, a count after a name in
    brackets) or did not read at all ("no affiliation")."""
    # The keys the fact answers cite: papers of each co-author named; none for a count of
    # the whole record.
    keys = (["zheng2021consistency", "chi2021xlme", "chi2019complicated", "chi2021crosslingual",
             "jiang2025think", "hao2025onpolicy"] if sentence.startswith("Next") else
            [] if "affiliation" in sentence and "(" not in sentence else
            [] if "author lists" in sentence else
            ["chi2019crosslingual", "ma2022torchscale", "chi2025era", "zhuo2024protllm",
             "chi2019complicated", "peng2026vibevoiceasr"] if "categories" in sentence else
            ["zheng2022crosslingual", "chi2022representation"])
    assert Verifier(profile, analyze(profile)).check(sentence, keys).supported is supported


def test_a_line_named_by_a_code_counts_papers_not_papers_with_code(ocean: Verifier) -> None:
    # Found on a fictional quantum-computing record: "centre on ... distance-3 surface code
    # (5 papers)" was read as a count of papers with code, of which the record has none,
    # and the bio's opening sentence was removed.
    found = ocean.check("Rosa Lindgren's 10 papers centre on ocean (4 papers) and networks "
                        "(3 papers), as a surface code would.", LINES)
    assert not any("with code" in r for r in found.reasons), found.reasons
    said = ocean.check("Rosa Lindgren's 10 papers come with released code.", LINES)
    assert any("with code" in r for r in said.reasons), said.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("None of Zoë Brännström-Okafor's 6 papers in this record has code available.", True),
    ("None of Zoë Brännström-Okafor's 5 papers in this record has code available.", False),
    ("Zoë Brännström-Okafor's most frequent co-authors in this record are Amara Nwosu and "
     "Kenji Watanabe, on 2 papers each.", True),
    ("Zoë Brännström-Okafor's most frequent co-authors in this record are Amara Nwosu and "
     "Kenji Watanabe, on 3 papers each.", False),
    ("None of Zoë Brännström-Okafor's papers in this record names an affiliation.", True),
])
def test_each_and_none_of_a_bibtex_record(sentence: str, supported: bool) -> None:
    from agent.parse import load_profiles
    from tests.conftest import EXAMPLE_AS_OF, FIXTURES

    zoe = load_profiles([FIXTURES / "inputs" / "brannstrom.bib"], as_of=EXAMPLE_AS_OF)
    keys = [] if "affiliation" in sentence else ["brannstromokafor2021sparse",
                                                  "watanabe2022retrievalaugmented"]
    assert Verifier(zoe, analyze(zoe)).check(sentence, keys).supported is supported


@pytest.fixture(scope="module")
def alone() -> Verifier:
    """A record of one paper (tests/fixtures/profiles/one-paper.txt)."""
    from agent.parse import load_profile
    from tests.conftest import PROFILES

    profile = load_profile(PROFILES / "one-paper.txt", as_of=dt.date(2026, 11, 28))
    return Verifier(profile, analyze(profile))


@pytest.mark.parametrize(("sentence", "supported"), [
    # "both papers" counts two: the planner once wrote "all 1 papers", and "both" was read
    # as no count at all
    ("Ada Lovelace is the first author of the only paper in this record, in 2024.", True),
    ("Ada Lovelace is the first author of both papers in this record, in 2024.", False),
    ("Ada Lovelace wrote both papers in this record.", False),
])
def test_both_papers_is_a_count_of_two(alone: Verifier, sentence: str,
                                       supported: bool) -> None:
    found = alone.check(sentence, ["lovelace2024notes"])
    assert found.supported is supported, found.reasons
    if not supported:  # one paper, said as one
        assert "1 paper" in found.reasons[0] and "1 papers" not in found.reasons[0]


@pytest.mark.parametrize("sentence", [
    "Both papers model ocean waves with neural networks.",
    "TideNet and WaveGAN, both papers on ocean waves, appeared in 2018 and 2019.",
])
def test_both_papers_of_the_two_it_cites_is_no_count_of_the_record(ocean: Verifier,
                                                                   sentence: str) -> None:
    found = ocean.check(sentence, LINES)
    assert not any("count" in r for r in found.reasons), found.reasons


def test_a_record_of_one_paper_is_told_as_one() -> None:
    """"Ada Lovelace is the first author of all 1 papers in this record" was the bio's
    opening, and an answer said "1 of the 1 papers ..., 1 of them as sole author"."""
    from agent.fact_questions import answer_from_facts
    from agent.parse import load_profile
    from agent.plan import Planner
    from tests.conftest import PROFILES

    profile = load_profile(PROFILES / "one-paper.txt", as_of=dt.date(2026, 11, 28))
    facts = analyze(profile)
    opening = Planner(profile, facts).bio(150).sections[0].claims[0].text
    assert opening == "Ada Lovelace is the first author of the only paper in this record, in 2024."
    answer = answer_from_facts("Is she first author on her papers?", profile, facts)
    text = " ".join(s.text for s in answer.sentences)
    assert "of the only paper in this record, as its sole author" in text, text


@pytest.mark.parametrize(("span", "supported"), [
    ("2023 to 2024", True), ("2023 to 2025", False), ("2022 to 2024", False)])
def test_both_papers_of_some_years_says_the_years_hold_two(span: str, supported: bool) -> None:
    """"first author of both papers from 2023 to 2025": she led two, but the years hold three
    (the checker set's changed year, caught by the year before "both" was a count)."""
    from agent.parse import load_profile
    from tests.conftest import REPO

    profile = load_profile(REPO / "evals" / "profiles" / "helena-kowalczyk.txt",
                           as_of=dt.date(2026, 11, 28))
    verifier = Verifier(profile, analyze(profile))
    sentence = (f'Kowalczyk is first author of both papers from {span}, including "Learning '
                f'Evapotranspiration from Eddy-Covariance Towers" (2023), which trains '
                f"gradient-boosted trees on measurements from 212 eddy-covariance towers.")
    assert verifier.check(sentence, ["kowalczyk2023learning"]).supported is supported


def test_a_count_of_abstracts_saying_a_thing_may_open_with_a_word() -> None:
    """A held-out astronomer's answer opened "1 paper in this record says in its abstract
    that something it tested did not work ...": an answer opens with a word, "One paper",
    which the verifier reads as the same count, and fails when the cited papers differ."""
    from agent.models import Paper
    from agent.verify.record import abstracts_say_reasons

    null = Paper(key="t2014s", title="Searching for sodium",
                 abstract="We find no evidence for absorption by sodium or potassium.")
    other = Paper(key="n2016m", title="A water band", abstract="We detect water at 4 sigma.")
    said = ("One paper in this record says in its abstract that something it tested did not "
            "work or made no difference.")
    assert abstracts_say_reasons(said, [null]) == []
    assert any("count" == r.kind for r in abstracts_say_reasons(said, [null, other]))
