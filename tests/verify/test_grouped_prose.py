"""Prose that groups papers, nests counts, places a role and refers to a heading's years.

Issue 15: good prose says several papers' facts in one sentence ("A (2018) does x, B (2019)
does y, and C (2020) does z"), a count and its part in one ("10 papers ..., 4 of them as
first author"), a role once, on the clause it belongs to, and "these three years" under a
heading that names them. Each rule is tested on both sides on a fictional profile, so that
nothing here is tuned to the example's papers.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import DatePrecision, OwnerPosition, Paper, Profile
from agent.verify import Verifier, verify_text

OWNER = "Rosa Lindgren"
FIRST, MIDDLE, LAST, HIDDEN = (OwnerPosition.FIRST, OwnerPosition.MIDDLE, OwnerPosition.LAST,
                               OwnerPosition.UNKNOWN)


def paper(key: str, year: int, position: OwnerPosition, title: str, abstract: str,
          others: tuple[str, ...] = ("Tomas Okoro", "Mei Chen")) -> Paper:
    authors = {FIRST: [OWNER, *others], MIDDLE: [others[0], OWNER, *others[1:]],
               LAST: [*others, OWNER], HIDDEN: list(others)}[position]
    return Paper(key=key, title=title, abstract=abstract, authors=authors,
                 owner_position=position, authors_truncated=position is HIDDEN,
                 date=dt.date(year, 5, 6), date_precision=DatePrecision.DAY)


# Ten papers, 2018-2023; Rosa Lindgren is first author of four (2018, 2019, 2020, 2022).
# 2018-2020 holds six papers, three of them first-authored.
PAPERS = [
    paper("lindgren2018tidenet", 2018, FIRST, "TideNet: Recurrent Networks for Tidal Prediction",
          "We present TideNet, a recurrent network that predicts tidal heights at 40 harbour "
          "stations. TideNet lowers the mean absolute error by 18% compared with harmonic "
          "analysis."),
    paper("okoro2018sensors", 2018, MIDDLE, "A Survey of Coastal Sensor Networks",
          "We survey coastal sensor networks and their data formats."),
    paper("lindgren2019wavegan", 2019, FIRST,
          "WaveGAN: Generating Ocean Wave Fields with Adversarial Networks",
          "WaveGAN generates ocean wave fields with a conditional adversarial network. It is "
          "trained on 12 years of buoy records."),
    paper("chen2019drift", 2019, LAST, "Estimating Buoy Drift from Satellite Winds",
          "We estimate the drift of ocean buoys from satellite wind fields."),
    paper("lindgren2020surgeformer", 2020, FIRST,
          "SurgeFormer: Self-Attention for Storm Surge Forecasting",
          "SurgeFormer applies self-attention to storm surge forecasting and extends the "
          "forecast lead time to 72 hours."),
    paper("chen2020reefs", 2020, MIDDLE, "Mapping Coral Reefs from Drone Imagery",
          "We map coral reefs from drone imagery with a segmentation network."),
    paper("okoro2021atlas", 2021, HIDDEN,
          "OceanAtlas: A Multimodal Model of Ocean Imagery and Text",
          "OceanAtlas aligns satellite imagery of the ocean with text descriptions in one "
          "multimodal language model."),
    paper("lindgren2022icerouter", 2022, FIRST,
          "IceRouter: Routing Collapse in Sparse Sea-Ice Models",
          "We study the collapse of routing in sparse mixture-of-experts models of sea ice, "
          "where most tokens reach the same expert."),
    paper("chen2022plankton", 2022, MIDDLE, "Counting Plankton in Microscope Images",
          "We count plankton in microscope images with a detection network."),
    paper("okoro2023currents", 2023, LAST, "Learning Ocean Currents from Drifters",
          "We learn ocean currents from drifter trajectories with a neural operator."),
]
TIDENET, WAVEGAN, SURGEFORMER = (
    "lindgren2018tidenet", "lindgren2019wavegan", "lindgren2020surgeformer")
ATLAS, ICEROUTER = "okoro2021atlas", "lindgren2022icerouter"


@pytest.fixture(scope="module")
def ocean() -> Verifier:
    profile = Profile(name=OWNER, as_of=dt.date(2024, 1, 1), papers=PAPERS)
    return Verifier(profile, analyze(profile))


def check(verifier: Verifier, sentence: str, keys: list[str]) -> tuple[bool, list[str]]:
    found = verifier.check(sentence, keys)
    return found.supported, found.reasons


# --- several papers in one sentence, each clause on its own paper ---------------------------

GROUPED = ["lindgren2018tidenet", "lindgren2019wavegan", "lindgren2020surgeformer"]


@pytest.mark.parametrize(("sentence", "supported"), [
    # each clause states a fact of the paper it names
    ("Most of the first-author work of 2018-2020 proposed new networks for ocean forecasting: TideNet "
     "(2018) lowers the mean absolute error by 18% at harbour stations, WaveGAN (2019) is "
     "trained on 12 years of buoy records, and SurgeFormer (2020) extends the forecast lead "
     "time to 72 hours.", True),
    ("TideNet (2018) predicts tidal heights at harbour stations, WaveGAN (2019) generates "
     "ocean wave fields with an adversarial network, and SurgeFormer (2020) applies "
     "self-attention to storm surge forecasting.", True),
    ("In 2019 and 2020 came two new forecasting signals: adversarial wave fields (WaveGAN) "
     "and self-attention for storm surges (SurgeFormer).", True),
    # the same sentences with one clause's fact swapped to another paper
    ("Most of the first-author work of 2018-2020 proposed new networks for ocean forecasting: TideNet "
     "(2018) is trained on 12 years of buoy records, WaveGAN (2019) lowers the mean absolute "
     "error by 18% at harbour stations, and SurgeFormer (2020) extends the forecast lead "
     "time to 72 hours.", False),
    ("TideNet (2018) generates ocean wave fields with an adversarial network, WaveGAN (2019) "
     "predicts tidal heights at harbour stations, and SurgeFormer (2020) applies "
     "self-attention to storm surge forecasting.", False),
    ("TideNet (2019) lowers the mean absolute error by 18% at harbour stations, WaveGAN "
     "(2018) is trained on 12 years of buoy records, and SurgeFormer (2020) extends the "
     "forecast lead time to 72 hours.", False),
    ("In 2019 and 2020 came two new forecasting signals: adversarial wave fields "
     "(SurgeFormer) and self-attention for storm surges (WaveGAN).", False),
])
def test_a_grouped_sentence_stands_clause_by_clause(ocean: Verifier, sentence: str,
                                                     supported: bool) -> None:
    assert check(ocean, sentence, GROUPED)[0] == supported, check(ocean, sentence, GROUPED)


def test_a_fact_of_one_paper_said_of_another_is_still_merged(ocean: Verifier) -> None:
    # A name inside a stretch ("a model that ... like TideNet") labels nothing: the
    # sentence does not group papers, and its facts must come from one of them.
    ok, reasons = check(ocean, "We present WaveGAN, a network trained on 18% of TideNet's "
                        "harbour stations.", [TIDENET, WAVEGAN])
    assert not ok and any("merged" in r for r in reasons), reasons


# --- a span that names a stretch of the owner's work ----------------------------------------


@pytest.mark.parametrize(("work", "span", "supported"), [
    # a first-author paper in each year, and the cited ones (2019, 2020) inside: though the
    # span is neither the cited papers' years nor a topic's, phase's or the record's
    ("first-author work", "2018-2020", True),
    ("first-author work", "2019-2020", True),   # the cited papers' own years
    ("first-author work", "2018-2021", False),  # no first-author paper in 2021
    ("work", "2018-2021", True),                # but a paper of hers in every year
    ("first-author work", "2017-2020", False),  # nothing in 2017
    ("work", "2017-2020", False),
    ("work", "2020-2021", False),               # the 2019 paper it cites falls outside
])
def test_the_span_of_a_stretch_of_work(ocean: Verifier, work: str, span: str,
                                       supported: bool) -> None:
    sentence = (f"Most of the {work} of {span} proposed new networks for ocean forecasting: WaveGAN "
                "(2019) generates wave fields, and SurgeFormer (2020) forecasts storm surges.")
    ok, reasons = check(ocean, sentence, [WAVEGAN, SURGEFORMER])
    assert ok == supported, reasons
    if not supported:
        assert any(r.startswith("time span") for r in reasons), reasons


# --- a count and its part ---------------------------------------------------------------------

ENDS = ["lindgren2018tidenet", "okoro2023currents"]


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The record holds 10 papers from 2018 to 2023, 4 of them as first author.", True),
    ("The record holds 10 papers from 2018 to 2023, 5 of them as first author.", False),
    ("The record holds 9 papers from 2018 to 2023, 4 of them as first author.", False),
    ("The record holds 4 papers from 2018 to 2023, 4 of them as first author.", False),
    ("Of the 10 papers, 4 have Lindgren as first author.", True),
    ("Of the 10 papers, 3 have Lindgren as first author.", False),
    ("Of the 11 papers, 4 have Lindgren as first author.", False),
    ("Lindgren has 2 papers in 2022, 1 of them as first author.", True),
    ("Lindgren has 2 papers in 2022, 2 of them as first author.", False),
    # a count with no part keeps every qualifier of its sentence
    ("The record holds 4 first-author papers from 2018 to 2023.", True),
    ("The record holds 10 first-author papers from 2018 to 2023.", False),
])
def test_a_count_binds_its_own_qualifiers(ocean: Verifier, sentence: str,
                                          supported: bool) -> None:
    ok, reasons = check(ocean, sentence, ENDS)
    assert ok == supported, reasons
    if not supported:
        assert any(r.startswith("count") for r in reasons), reasons


# --- a role on the clause it belongs to -------------------------------------------------------

WIDER = [ICEROUTER, ATLAS]


@pytest.mark.parametrize(("sentence", "supported"), [
    # the role's clause names no paper: it is about the one the other clause does not name
    ("From 2021 the work widened to sparse models of sea ice, with a first-author study of "
     "routing collapse, and to multimodal models of ocean imagery such as OceanAtlas.", True),
    ("From 2021 the work widened to multimodal models of ocean imagery such as OceanAtlas, "
     "and to sparse models of sea ice, with a first-author study of routing collapse.", True),
    # the role put on the clause of the paper whose author list hides her position
    ("From 2021 the work widened to sparse models of sea ice, with a study of routing "
     "collapse, and to multimodal models of ocean imagery such as the first-author "
     "OceanAtlas.", False),
    ("From 2021 the work widened to sparse models of sea ice such as IceRouter, and to "
     "multimodal models of ocean imagery, with a first-author study of their text.", False),
    # a role on a sentence that names no paper holds for every paper it cites
    ("From 2021 she first-authored work on sparse models of sea ice and on multimodal "
     "models of ocean imagery.", False),
])
def test_a_role_binds_the_clause_it_is_in(ocean: Verifier, sentence: str,
                                          supported: bool) -> None:
    ok, reasons = check(ocean, sentence, WIDER)
    assert ok == supported, reasons
    if not supported:
        assert any('"first-author' in r or '"first-authored' in r for r in reasons), reasons


# --- "these three years" under a heading that names them --------------------------------------


def section(sentence: str, heading: str = "### 2018–2020: forecasting the sea, as first author"
            ) -> str:
    return f"## Trajectory\n\n{heading}\n\nThe first papers forecast the sea.\n\n{sentence}\n"


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Of the 6 papers of these three years, 3 have Lindgren as first author.", True),
    ("Of the 6 papers of this period, 3 have Lindgren as first author.", True),
    ("Of the 7 papers of these three years, 3 have Lindgren as first author.", False),
    ("Of the 6 papers of these three years, 4 have Lindgren as first author.", False),
    ("Of the 6 papers of these two years, 3 have Lindgren as first author.", False),
])
def test_these_years_are_the_headings(ocean: Verifier, sentence: str, supported: bool) -> None:
    verdict = verify_text(ocean, section(sentence)).sentences[-1]
    assert verdict.text == sentence  # the verdict shows the sentence as written
    assert verdict.supported == supported, verdict.reasons


def test_these_years_need_a_heading_that_names_them(ocean: Verifier) -> None:
    sentence = "Of the 6 papers of these three years, 3 have Lindgren as first author."
    for heading in ("### Forecasting the sea", "## Trajectory"):
        verdict = verify_text(ocean, section(sentence, heading)).sentences[-1]
        assert not verdict.supported, heading
    # a deeper heading keeps the span of the one above it; the next one at its level ends it
    nested = section(sentence).replace("\n\nThe first", "\n\n#### Models\n\nThe first")
    assert verify_text(ocean, nested).sentences[-1].supported
    ended = section("").rstrip() + "\n\n### Later work\n\n" + sentence + "\n"
    assert not verify_text(ocean, ended).sentences[-1].supported


def test_a_turn_dated_by_its_first_paper_groups_its_lines() -> None:
    # The planner's own sentence was dropped: the opening year was bound with the lines'
    # names as if one paper stated them all.
    from tests.conftest import REPO, profile_verifier

    verifier = profile_verifier(REPO / "evals" / "profiles" / "beatriz-lindqvist-okoro.bib")
    keys = ["lindqvistokoro2018fever", "haddad2021handwritten", "mbemba2017smallpox"]
    turn = "From {}, the work turns to Cape Verde, nineteenth-century Portuguese quarantine " \
           "registers and labour."
    assert verifier.check(turn.format(2017), keys).supported
    assert not verifier.check(turn.format(2015), keys).supported  # no cited paper of 2015


def test_an_appositive_finding_is_a_clause_of_its_own() -> None:
    """", a figure the 2020 correction revised down to 7 of 11" takes up the clause's
    finding and says the correction's of it: each clause is checked against its own
    paper, and a figure neither states still fails (stop 51, second blind set)."""
    model = paper("lindgren2018onset", 2018, FIRST, "A model of disease onset",
                  "In leave-one-season-out cross-validation, the onset model predicted onset "
                  "within 7 days of the observed start in 8 of 11 seasons.")
    fix = paper("lindgren2020correction", 2020, FIRST, "Correction: A model of disease onset",
                "This correction revises the cross-validation of the onset model: it predicted "
                "onset within 7 days of the observed start in 7 of 11 seasons, not 8 of 11.")
    profile = Profile(name=OWNER, as_of=dt.date(2025, 1, 1), papers=[model, fix])
    verifier = Verifier(profile, analyze(profile))
    keys = [model.key, fix.key]
    said = ("In cross-validation, her 2018 onset model came within a week of the observed "
            "start in 8 of 11 seasons, a figure the 2020 correction revised down to {} of 11.")
    assert verifier.check(said.format(7), keys).supported
    assert not verifier.check(said.format(6), keys).supported
