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
