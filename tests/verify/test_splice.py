"""A sentence that copies a paper's words with a phrase cut out from between, so that the words
after the cut hang from the words before it, fails with the kind "splice": the small model
wrote "plans in its learned value function" for "plans in its latent space with a learned
value function" on a held-out profile, and every other check passed it. Cuts that keep what
the paper says (an adjective, an article, "a mix of", a phrase said elsewhere) pass."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import DatePrecision, OwnerPosition, Paper, Profile
from agent.verify import Verifier

WORLD = ("We learn a latent world model, HomeDreamer, from 300 hours of robot play data and "
         "plans in its latent space with a learned value function. The robot completes 14 "
         "household tasks.")
SCALING = ("We train 96 policies spanning 4 model sizes and 8 dataset sizes on a mix of 2.1M "
           "episodes from 22 robot embodiments. Success grows as a power law in data.")
FOLIC = ("High doses of folic acid had no significant effect on mortality in patients with "
         "advanced kidney disease.")
FPLI = ("We introduce the frontoparietal load index (FPLI), defined as the ratio of the "
        "load-dependent BOLD slope in intraparietal sulcus to that in dorsolateral prefrontal "
        "cortex during a parametric n-back task. FPLI predicts capacity in 24 participants.")
LOCKED = ("Among workers whose earnings fell by more than 20% between March and June 2020, "
          "those with locked balances were 5.2 percentage points more likely to take out a "
          "new consumer loan.")
DYNA = ("We propose DynaPrior, which pre-trains a dynamics model on simulated data and uses it "
        "as a prior for model-based policy optimisation on the real system.")


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    papers = [Paper(key=key, title=title, abstract=abstract, authors=["Ines Okafor", "Chen Wei"],
                    owner_position=OwnerPosition.FIRST, date=dt.date(year, 5, 1),
                    date_precision=DatePrecision.DAY)
              for key, title, abstract, year in [
                  ("w", "World Models for Long-Horizon Mobile Manipulation", WORLD, 2024),
                  ("s", "Scaling Laws for Robot Imitation Learning", SCALING, 2025),
                  ("d", "Sample-Efficient Reinforcement Learning with Learned Dynamics Priors",
                   DYNA, 2019),
                  ("f", "Folic Acid and Mortality in Kidney Disease", FOLIC, 2023),
                  ("l", "Locked Savings in a Pandemic", LOCKED, 2021),
                  ("i", "A Frontoparietal Load Index", FPLI, 2014)]]
    profile = Profile(name="Ines Okafor", source="test", as_of=dt.date(2026, 11, 28),
                      papers=papers)
    return Verifier(profile, analyze(profile))


def test_a_phrase_cut_from_a_copy_fails(verifier: Verifier) -> None:
    check = verifier.check("HomeDreamer is learned from 300 hours of robot play data and plans "
                           "in its learned value function.", ["w"])
    assert not check.supported
    assert "splice" in check.kinds, check.reasons
    assert "latent space with a" in check.reasons[0], check.reasons


def test_a_cut_just_before_a_kept_determiner_fails(verifier: Verifier) -> None:
    # The small model's bio on a held-out profile: "the ratio of" cut, so the paper is said
    # to introduce the slope, not the index. Every word is the paper's, and "introduces"
    # copies "introduce" by its stem.
    check = verifier.check("FPLI (2014) introduces the load-dependent BOLD slope in "
                           "intraparietal sulcus to dorsolateral prefrontal cortex.", ["i"])
    assert "splice" in check.kinds, check.reasons
    assert "ratio of" in check.reasons[0], check.reasons


@pytest.mark.parametrize("sentence, key", [
    # the index and its definition, in other order
    ("FPLI (2014) introduces the frontoparietal load index, the ratio of the load-dependent "
     "BOLD slope in intraparietal sulcus to that in dorsolateral prefrontal cortex.", "i"),
    # the whole copy
    ("HomeDreamer is learned from 300 hours of robot play data and plans in its latent space "
     "with a learned value function.", "w"),
    # a partitive cut: "on [a mix of] 2.1M episodes"
    ("The paper trains 96 policies spanning 4 model sizes and 8 dataset sizes on 2.1M episodes "
     "from 22 robot embodiments.", "s"),
    # an adjective and a closing phrase cut
    ("DynaPrior pre-trains a dynamics model on simulated data and uses it as a prior for "
     "policy optimisation.", "d"),
    # the people a finding is about: "mortality in [patients with] advanced kidney disease"
    ("High doses of folic acid had no significant effect on mortality in advanced kidney "
     "disease.", "f"),
    # a time cut at a clause's end: when, not what ("[between March and June 2020]")
    ("Among workers whose earnings fell by more than 20%, those with locked balances were "
     "5.2 percentage points more likely to take out a new consumer loan.", "l"),
    # what was cut is said elsewhere: a reordering
    ("HomeDreamer, learned from 300 hours of robot play data, plans in its learned value "
     "function's latent space.", "w"),
])
def test_a_cut_that_keeps_what_the_paper_says_passes(verifier: Verifier, sentence: str,
                                                     key: str) -> None:
    check = verifier.check(sentence, [key])
    assert "splice" not in check.kinds, check.reasons


def test_a_copy_cut_where_the_paper_goes_on_to_deny_it_fails() -> None:
    # Found on a fictional astronomer's record: the embedded model wrote "tests whether
    # unocculted starspots could produce the feature that cool spots cover up to 10% of the
    # stellar disc", stopping where the paper goes on "cannot account for it".
    from tests.conftest import REPO, profile_verifier

    verifier = profile_verifier(REPO / "evals" / "profiles" / "anneliese-okafor-quintero.txt")
    key = ["okaforquintero2019tentative"]
    cut = verifier.check("The 2019 paper tests whether unocculted starspots could produce the "
                         "feature that cool spots cover up to 10% of the stellar disc.", key)
    assert any("goes on \"cannot account for it\"" in r for r in cut.reasons), cut.reasons
    whole = verifier.check("The 2019 paper found that cool spots covering up to 10% of the "
                           "stellar disc cannot account for the feature.", key)
    assert not any("goes on" in r for r in whole.reasons), whole.reasons
