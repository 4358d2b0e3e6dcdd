"""Figures a person rounds or bounds: "close to 49,000", "more than two in five",
"nearly a third", "about five days", and counts scoped by "date from 2022".

Found on a set of sentences written blind about four eval profiles (stop 51,
evals/checker_blind2.jsonl): true sentences failed because a word that bounds a figure
was read as a direction ("more than two in five" against "fell from 44% to 17%"), a
rounded figure was not the paper's ("close to 49,000" for 48,612; "nearly a third" for
31%), "close to" was taken for the opposite of "open", and "Two of her papers date from
2022" was checked as the whole record's count. Each case has its error beside it: a
figure outside what the hedge allows still fails.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import Profile
from agent.verify import Verifier
from tests.verify.test_grouped_prose import FIRST, LAST, OWNER, paper

CAP = "lindgren2023caps"
SET = "lindgren2022photos"
TRIAL = "lindgren2024trial"
BASIN = "lindgren2020basin"
PAPERS = [
    paper(CAP, 2023, FIRST, "Do night caps work? A 90-night limit on short-term rentals",
          "Within 12 months of the cap, active listings fell by 38%, and the share of "
          "remaining listings with occupancy above 90 nights fell from 44% to 17%. "
          "Untreated plots lost a mean of 1.9 t/ha (31%) of grain yield. "
          "Lead times reach up to 90 minutes."),
    paper(BASIN, 2020, FIRST, "A pilot infiltration basin on the Kallany floodplain",
          "We built a 1.2 ha infiltration basin. Of the river water diverted into it, 82 "
          "percent infiltrated. Recharge raised groundwater levels in 62 percent of wells. "
          "Within four quarters of opening, the basin had recharged the aquifer."),
    paper(SET, 2022, LAST, "A dataset of 48,612 smartphone photographs of wheat leaves",
          "The dataset contains 48,612 photographs of wheat leaves, comprising 38.6 million "
          "pixels of labelled lesions, released under an open licence."),
    paper(TRIAL, 2022, FIRST, "Effect of an app on spray timing: a cluster-randomised trial",
          "The first spray followed onset by a median of 6 days, against 11 days in control "
          "villages (adjusted difference \u22125.2 days). A 1% increase in app use raises "
          "spraying: the elasticity of spraying to app use is 0.019."),
]


@pytest.fixture(scope="module")
def record() -> Verifier:
    profile = Profile(name=OWNER, as_of=dt.date(2025, 1, 1), papers=PAPERS)
    return Verifier(profile, analyze(profile))


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # a bound on a figure is no direction, and the paper's figure is within it
    ("Listings whose occupancy exceeded 90 nights went from more than two in five of those "
     "remaining to fewer than one in five.", CAP, True),
    ("The share of listings above 90 nights fell from more than 40% to 17%.", CAP, True),
    ("The share of listings above 90 nights fell from more than 50% to 17%.", CAP, False),
    ("The share of listings above 90 nights fell from 44% to fewer than 10%.", CAP, False),
    # two figures compared: the word must go the figures' way
    ("Active listings fell by 38%, far more than the 17% share left above 90 nights.", CAP, True),
    ("Active listings fell by 17%, far more than the 38% of listings above 90 nights.", CAP,
     False),
    # rounded figures and shares in words
    ("Untreated plots lost almost 2 t/ha, nearly a third of their grain yield.", CAP, True),
    ("Untreated plots lost nearly half of their grain yield.", CAP, False),
    ("The dataset holds close to 49,000 photographs of wheat leaves.", SET, True),
    ("The dataset holds close to 60,000 photographs of wheat leaves.", SET, False),
    ("The dataset holds more than 45,000 photographs of wheat leaves.", SET, True),
    ("The dataset holds more than 50,000 photographs of wheat leaves.", SET, False),
    ("The dataset holds close to 39 million labelled lesion pixels.", SET, True),
    # fractions in words, rounded as shares are; hedged, by a little more
    ("Roughly four-fifths of the diverted river water infiltrated.", BASIN, True),
    ("Roughly three-quarters of the diverted river water infiltrated.", BASIN, False),
    ("Recharge raised groundwater levels in nearly two-thirds of wells.", BASIN, True),
    ("Recharge raised groundwater levels in two-thirds of wells.", BASIN, False),
    # "four quarters" of a year is a span of time, no share
    ("Within four quarters of opening, the basin had recharged the aquifer.", BASIN, True),
    # a figure glued to its unit is a figure, not a name
    ("The diverted water went into a 1.2-hectare infiltration basin.", BASIN, True),
    ("The diverted water went into a 1.5-hectare infiltration basin.", BASIN, False),
    # a maximum is a figure as written
    ("Lead times reach up to 91 minutes.", CAP, False),
    # a change's size, whatever its sign in the paper
    ("The app brought the first spray forward by about five days.", TRIAL, True),
    ("The app brought the first spray forward by about nine days.", TRIAL, False),
    # an elasticity said as a percentage: "0.019% more spraying for each 1% more app use"
    ("Each 1% increase in app use raises spraying by 0.019%.", TRIAL, True),
    ("Each 1% increase in app use raises spraying by 0.018%.", TRIAL, False),
    ("Each 1% increase in app use raises spraying by 19%.", TRIAL, False),
])
def test_a_hedged_figure_is_the_papers_figure_it_rounds_or_bounds(
        record: Verifier, sentence: str, key: str, supported: bool) -> None:
    found = record.check(sentence, [key])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Two of her papers date from 2022: a dataset and a trial.", True),
    ("Two of her papers are from 2022.", True),
    ("Three of her papers date from 2022.", False),
])
def test_a_count_dated_from_a_year_counts_that_year(record: Verifier, sentence: str,
                                                    supported: bool) -> None:
    found = record.check(sentence, [SET, TRIAL])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Vouchers were redeemed for more than two in three births.", True),
    # no "95 percent CI", nor any figure more than ten points over, stands for a bound
    ("Vouchers were redeemed for more than four in five births.", False),
    ("Vouchers were redeemed for more than 60% of births.", False),
    ("Vouchers were redeemed for more than nine in ten births.", False),
    # a hedged share on the side its hedge allows: 71 percent is over two-thirds
    ("Vouchers were redeemed for just over two-thirds of births.", True),
    ("Vouchers were redeemed for just under two-thirds of births.", False),
    ("Vouchers were redeemed for under two-thirds of births.", False),
])
def test_a_bound_is_no_confidence_level_and_keeps_its_side(sentence: str,
                                                            supported: bool) -> None:
    """Found reading a record no fix was tuned on (Brevik-Namutebi, in the review of stop
    51): "more than four in five births" passed on the abstract's "95 percent CI"."""
    profile = Profile(name=OWNER, as_of=dt.date(2025, 1, 1), papers=[paper(
        "lindgren2015vouchers", 2015, FIRST, "Transport vouchers and facility births",
        "Vouchers were redeemed for 71 percent of births among women who received one. "
        "Facility births rose by 8.7 percentage points (95 percent CI 3.2 to 14.2).")])
    found = Verifier(profile, analyze(profile)).check(sentence, ["lindgren2015vouchers"])
    assert found.supported == supported, found.reasons
