"""A count of papers that a cited paper states of its own work: a survey's "142 papers".

Found on a fictional robotics profile (CSL-JSON) written for reading the tool's output:
the planner's "reviews 142 papers that apply reinforcement learning to legged locomotion
between 2010 and 2019" of a survey failed as a count of the record ("does not match the
record: 1 papers in 2019") and as a span that is not the record's, so the survey's only
sentence fell out of the bio and the trajectory, and its table row showed the abstract's
"We review ..." instead. A count the cited paper states with the sentence's neighbouring
word is the paper's figure; any other count of papers is still the record's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import Profile
from agent.verify import Verifier
from tests.verify.test_grouped_prose import FIRST, LAST, OWNER, paper

SURVEY = "lindgren2021survey"
PAPERS = [
    paper(SURVEY, 2021, FIRST, "Machine learning for ocean forecasting: a survey",
          "We review 142 papers that apply machine learning to ocean forecasting between "
          "2010 and 2020. Most evaluate on a single basin."),
    paper("lindgren2019tides", 2019, FIRST, "Neural tide prediction",
          "We predict tides with a recurrent network. It halves the error of harmonic "
          "analysis at 40 stations."),
    paper("lindgren2022waves", 2022, LAST, "Wave height from satellite altimetry",
          "We estimate significant wave height from altimetry with a convolutional network."),
]


@pytest.fixture(scope="module")
def ocean() -> Verifier:
    profile = Profile(name=OWNER, as_of=dt.date(2024, 1, 1), papers=PAPERS)
    return Verifier(profile, analyze(profile))


@pytest.mark.parametrize(("sentence", "supported"), [
    ('"Machine learning for ocean forecasting: a survey" (2021) reviews 142 papers that '
     "apply machine learning to ocean forecasting between 2010 and 2020.", True),
    ("The survey reviews 142 papers from 2010 to 2020.", True),
    # the paper's figure, but not its span
    ("The survey reviews 142 papers from 2011 to 2020.", False),
    # a figure the paper does not state
    ("The survey reviews 143 papers.", False),
    # counts of the record, whatever the cited survey reviews
    ("Rosa Lindgren has 142 papers.", False),
    ("The record holds 142 papers.", False),
    ("Lindgren is first author of 142 papers.", False),
    ("Rosa Lindgren has 3 papers, from 2019 to 2022.", True),
])
def test_a_papers_own_count_of_papers_is_its_figure(ocean: Verifier, sentence: str,
                                                      supported: bool) -> None:
    found = ocean.check(sentence, [SURVEY])
    assert found.supported == supported, found.reasons
