"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
idunn-okwuosa-brandvold.json: extremal graph theory to property testing to streaming lower
bounds, a CSL-JSON export), and what it now writes.

Before (`research-agent report FILE --writing plan`):
- "Okwuosa-Brandvold is first author of 6 of them", "led 3 of the 5 papers from 2015 to
  2018 as first author": her field lists authors alphabetically (all 10 of her complete
  lists of two or more authors), so being first is the alphabet's doing, not a role;
- a line of work was named "Conjecture" ("From 2015 to 2018, the 5 papers include work on
  conjecture"); taken away, the names left were "Lindqvist" (half of the eponym
  "Lindqvist–Moreau") and then "far" (of "graphs far from Füredi's construction").
"""

from __future__ import annotations

import re

import pytest

from agent.analyze import analyze
from agent.names import alphabetical_authors
from agent.parse import load_profile
from tests.conftest import (EXAMPLE, EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report,
                            profile_verifier)

THEORIST = REPO / "evals" / "profiles" / "idunn-okwuosa-brandvold.json"
NOTE = ("The author lists of Okwuosa-Brandvold's papers are in alphabetical order, so the "
        "order of names says nothing of who led them.")


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(THEORIST)


@pytest.mark.parametrize(("path", "alphabetical"), [
    (THEORIST, True),
    (REPO / "evals" / "profiles" / "dagny-okonjo-varga.txt", True),
    (EXAMPLE, False),
    (REPO / "evals" / "profiles" / "cornelia-achterberg-nwosu.json", False),
    # Five two-author lists, each headed by an owner whose name sorts early: no sign.
    (REPO / "tests" / "fixtures" / "profiles" / "turns-back.txt", False),
])
def test_alphabetical_author_lists_are_found(path, alphabetical: bool) -> None:
    profile = load_profile(path, as_of=EXAMPLE_AS_OF)
    assert alphabetical_authors(profile.papers) is alphabetical
    assert analyze(profile).alphabetical_authors is alphabetical


def test_no_role_is_read_from_an_alphabetical_list(report: str) -> None:
    prose = report.split("## Papers")[0]
    assert NOTE in prose
    assert not re.search(r"first[- ]author|First-authored|\bled\b(?! them)", prose), prose
    # Sole authorship is no place in a list: it is still told.
    assert "Two of them have Okwuosa-Brandvold as sole author" in prose


def test_a_first_author_count_comes_with_the_note() -> None:
    answer = plan_answer_text(THEORIST, "How many papers is she first author of?")
    assert answer.startswith("Iðunn Okwuosa-Brandvold is first author of 6 of the 12 papers")
    assert "are in alphabetical order, so the order of names says nothing of who led them" \
        in answer


def test_the_note_is_checked_against_the_record() -> None:
    note = NOTE.replace("Okwuosa-Brandvold's", "Chi's")
    assert not profile_verifier(EXAMPLE).check(note, []).supported
    assert profile_verifier(THEORIST).check(NOTE, []).supported


def test_no_line_is_named_by_a_genre_word_a_person_or_a_degree(report: str) -> None:
    names = {t.label.casefold() for t in analyze(load_profile(THEORIST, as_of=EXAMPLE_AS_OF)
                                                  ).topics if t.named}
    assert not names & {"conjecture", "lindqvist", "moreau", "far"}
    assert "work on conjecture" not in report


def test_her_place_in_author_lists_is_explained() -> None:
    """Before: "Is she ever sole author, and what does her position in author lists mean?"
    answered that no paper uses the words "sole author"."""
    answer = plan_answer_text(THEORIST, "Is she ever sole author, and what does her position "
                                        "in author lists mean?")
    assert answer.startswith("Iðunn Okwuosa-Brandvold is sole author of 2 of the 12 papers")
    assert "are in alphabetical order, so the order of names says nothing of who led them" \
        in answer


def test_a_paper_named_by_an_eponym_and_its_year() -> None:
    """Before: "What did the 2016 Lindqvist–Moreau paper prove?" answered that the record
    has no papers on “Lindqvist Moreau paper prove” dated in 2016 (the en dash broke the
    description), a false absence."""
    answer = plan_answer_text(THEORIST, "What did the 2016 Lindqvist–Moreau paper prove?")
    assert answer.startswith('"Near-extremal K_{2,t}-free graphs far from Füredi\'s '
                             'construction: a disproof of the Lindqvist–Moreau conjecture" '
                             "(2016) shows")


def test_a_turn_to_two_things_is_when_the_first_began() -> None:
    answer = plan_answer_text(THEORIST, "When did her work turn to property testing and "
                                        "sublinear algorithms?")
    assert answer.startswith('The earliest paper on property testing in the record is "Testing '
                             'bipartite subgraph-freeness in general graphs via Turán exponents" '
                             "(2019)")


def test_the_record_by_kind() -> None:
    """Before: "How many items are in her record, and of what kinds?" answered that no
    paper uses the words “many items are in her record and of what kinds”."""
    answer = plan_answer_text(THEORIST, "How many items are in her record, and of what kinds?")
    assert answer.startswith("Iðunn Okwuosa-Brandvold has 12 papers in this record, dated 2015 "
                             "to 2026")
    assert "Seven of the 12 papers in this record are journal articles" in answer
    assert "Four of the 12 papers in this record are conference papers" in answer
    assert "1 of the 12 papers in this record is a thesis" in answer
