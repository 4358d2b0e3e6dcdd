"""Checks found wrong by stop 51's second blind set (evals/checker_blind2.jsonl), each with
the error beside it that must still fail:
- a negation that opens a "when" or "if" clause negates that clause, not the verb after
  it: "Sprays applied when no rust was present fell by 27%" says the sprays fell;
- "shorter" where the paper says "longer" is a contradiction;
- a change to a figure is told by the paper's word for the change to that figure
  ("dropped to about 72%" against "fell to 71.6%"), not by the direction word that shares
  most words with it;
- an everyday word opening the sentence is no part of the name after it, hyphenated or
  not ("Re-testing RustLens ...");
- a release of code, data or weights needs a cited paper that says it releases
  something, links its code, or is the dataset or software itself;
- from the third blind set (evals/checker_blind3.jsonl): the record's works called "items"
  or "outputs" are counted as papers, a first-author count may leave out the work written
  alone when the sentence says it apart, "without co-authors" is the role of sole author,
  a role of a later clause does not filter a count, "in 2022 or later" is no year, and
  "38 of them" counts papers only where papers or an author's role are spoken of;
- from the fourth blind set's first half (evals/checker_blind4.jsonl): a count of the
  papers in a venue the sentence names, a list of years is no one year's filter, "5.7 km
  a year" and "two a month" are rates, and a fraction's words are no words of meaning."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import Paper, Profile
from agent.verify import Verifier
from tests.verify.test_grouped_prose import FIRST, OWNER, paper

KEY = "lindgren2024app"


def _verifier(*papers: Paper) -> Verifier:
    """A verifier of a record of these papers, owned by OWNER, as of 2025."""
    profile = Profile(name=OWNER, as_of=dt.date(2025, 1, 1), papers=list(papers))
    return Verifier(profile, analyze(profile))


def _judged(sentence: str, supported: bool, *papers: Paper, key: str | None = None) -> None:
    """The sentence, citing `key` (the first paper's by default) in a record of these
    papers, passes or fails as `supported` says; the reasons are shown if not."""
    found = _verifier(*papers).check(sentence, [key or papers[0].key])
    assert found.supported == supported, found.reasons


@pytest.fixture(scope="module")
def trial() -> Verifier:
    return _verifier(paper(
        KEY, 2024, FIRST, "Effect of a diagnosis app on fungicide sprays: a village trial",
        "In app villages, sprays applied when no rust was present fell by 27%. Yields did "
        "not change."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The app reduced sprays applied when no rust was present by 27%.", True),
    ("The app increased sprays applied when no rust was present by 27%.", False),
    ("The app increased yields.", False),
])
def test_a_negation_in_a_when_clause_stays_there(trial: Verifier, sentence: str,
                                                 supported: bool) -> None:
    found = trial.check(sentence, [KEY])
    assert found.supported == supported, found.reasons


@pytest.fixture(scope="module")
def cohorts() -> Verifier:
    return _verifier(paper(
        "lindgren2013latent", 2013, FIRST, "Night temperature and the latent period of rust",
        "Adult plants had latent periods 1.4 days longer than seedlings on average. The "
        "finding no longer held under constant temperature."))


@pytest.mark.parametrize(("sentence", "supported"), [
    # "shorter" where the paper says "longer" (stop 51's second blind set)
    ("Adult plants had latent periods about 1.4 days longer than seedlings.", True),
    ("Adult plants had latent periods about 1.4 days shorter than seedlings.", False),
    # "no longer" said as the paper says it
    ("Under constant temperature the finding no longer held.", True),
])
def test_longer_and_shorter_are_opposites(cohorts: Verifier, sentence: str,
                                          supported: bool) -> None:
    found = cohorts.check(sentence, ["lindgren2013latent"])
    assert found.supported == supported, found.reasons


@pytest.fixture(scope="module")
def regions() -> Verifier:
    return _verifier(paper(
        "lindgren2026transfer", 2026, FIRST, "Does a rust classifier transfer to new regions?",
        "In the original districts, accuracy was 82.4%. In the new regions, accuracy fell to "
        "71.6%. Leaf rust was far more common in the lowland regions."))


@pytest.mark.parametrize(("sentence", "supported"), [
    # the paper's word for the change to the same figure decides, not "more common"
    ("Accuracy dropped to about 72% in the new lowland regions.", True),
    ("Accuracy rose to about 72% in the new lowland regions.", False),
    ("Accuracy dropped to about 62% in the new lowland regions.", False),
])
def test_a_change_to_a_figure_is_the_papers_change_to_it(regions: Verifier, sentence: str,
                                                         supported: bool) -> None:
    found = regions.check(sentence, ["lindgren2026transfer"])
    assert found.supported == supported, found.reasons


def test_a_hyphenated_word_opening_the_sentence_is_no_part_of_a_name() -> None:
    """"Re-testing RustLens" was a name no paper states; RustLens alone is the name."""
    verifier = _verifier(paper(
        "lindgren2026rustlens", 2026, FIRST, "Re-evaluating RustLens in new regions",
        "We re-evaluated the RustLens classifier without retraining. In the original "
        "districts, accuracy was 82.4%."))
    assert verifier.check("Re-testing RustLens without retraining, she found accuracy of "
                          "82.4% in the original districts.", ["lindgren2026rustlens"]).supported
    assert not verifier.check("Re-testing LeafNet without retraining, she found accuracy of "
                              "82.4% in the original districts.",
                              ["lindgren2026rustlens"]).supported


@pytest.mark.parametrize(("abstract", "supported"), [
    ("We evaluated the classifier on 2,140 farmers' photographs.", False),
    ("We evaluated the classifier on 2,140 farmers' photographs. The trained weights and "
     "the app's source code are released under an open licence.", True),
])
def test_a_release_needs_a_paper_that_says_it_releases(abstract: str, supported: bool) -> None:
    """"she released the classifier's trained weights and the app's source code" of a
    paper that says nothing of a release is an invented artifact."""
    verifier = _verifier(paper(
        "lindgren2023field", 2023, FIRST, "Field performance of a smartphone rust classifier",
        abstract))
    found = verifier.check("Alongside the 2023 field evaluation of the classifier, she released "
                           "its trained weights and the app's source code.",
                           ["lindgren2023field"])
    assert found.supported == supported, found.reasons
    assert ("artifact" in found.kinds) != supported, found.reasons
    # said as the paper says it: "makes the light curves available"
    curves = _verifier(paper(
        "lindgren2024curves", 2024, FIRST, "Transit light curves of a warm Neptune",
        "We fit the transits and make the light curves and posteriors available."))
    assert curves.check("The 2024 paper makes the light curves and posteriors available.",
                        ["lindgren2024curves"]).supported
    # offered as a choice, it claims no release
    assert verifier.check("The 2023 paper says what the classifier builds or releases.",
                          ["lindgren2023field"]).kinds.count("artifact") == 0


def _record() -> tuple[Verifier, list[str]]:
    """Five works: three as first author (one of them, the thesis, written alone), one as
    last author, one in the middle; 2019 to 2024."""
    from agent.models import OwnerPosition
    made = [paper("lindgren2019tides", 2019, FIRST, "Tidal mixing measured", "We measure tides."),
            paper("lindgren2020waves", 2020, FIRST, "Wave heights mapped", "We map waves."),
            paper("lindgren2022thesis", 2022, FIRST, "Mixing in estuaries", "This thesis "
                  "measures mixing."),
            paper("berg2023sediment", 2023, FIRST, "Sediment in estuaries", "We model sediment."),
            paper("berg2024plumes", 2024, FIRST, "River plumes", "We track river plumes.")]
    made[2] = made[2].model_copy(update={"authors": [OWNER], "owner_position":
                                         OwnerPosition.SOLE})
    made[3] = made[3].model_copy(update={"authors": ["Lina Berg", OWNER], "owner_position":
                                         OwnerPosition.LAST})
    made[4] = made[4].model_copy(update={"authors": ["Lina Berg", OWNER, "Ada Okafor"],
                                         "owner_position": OwnerPosition.MIDDLE})
    return _verifier(*made), [p.key for p in made]


@pytest.mark.parametrize(("sentence", "supported"), [
    # the record's works called "items", counted as papers
    ("Lindgren is first author on three of the five items in the record.", True),
    ("Lindgren is first author on four of the five items in the record.", False),
    # a first-author count may leave out the work written alone, said apart
    ("Lindgren is first author on two of the five items in the record and wrote the 2022 "
     "thesis without co-authors.", True),
    ("Lindgren is first author on four of the five items in the record and wrote the 2022 "
     "thesis without co-authors.", False),
    # "in 2020 or later" is no year of its own
    ("Lindgren is last author on two of the five items in the record, all of them appearing "
     "in 2022 or later.", True),
    ("Lindgren has co-authored four of Rosa Lindgren's outputs since 2020.", True),
])
def test_counts_of_the_records_items(sentence: str, supported: bool) -> None:
    verifier, keys = _record()
    found = verifier.check(sentence, keys)
    assert found.supported == supported, found.reasons


def test_without_co_authors_is_the_role_of_sole_author() -> None:
    verifier, keys = _record()
    assert verifier.check("She wrote her 2022 thesis without co-authors.", [keys[2]]).supported
    assert not verifier.check("She wrote the 2019 tides paper without co-authors.",
                              [keys[0]]).supported


@pytest.mark.parametrize(("sentence", "supported"), [
    # a unit the paper writes by symbol, said in words
    ("Floodplain storage reached 19.8 million cubic metres.", True),
    ("Floodplain storage reached 19.8 million square kilometres.", False),
    # "anywhere from ... to" is a range, no claim of completeness
    ("At the peak, the floodplain stored anywhere from 2.6 to 19.8 million cubic metres.",
     True),
    # "only about 1 percent" is a small figure, no exclusivity
    ("Scaling up the recharge basins would cut the flood peak by only about 1 percent.", True),
    ("Only the recharge basins cut the flood peak.", False),
])
def test_units_ranges_and_small_figures(sentence: str, supported: bool) -> None:
    verifier = _verifier(paper(
        "lindgren2014storage", 2014, FIRST, "Floodplain storage attenuates peak discharge",
        "Floodplain storage at the peak ranged from 2.6 to 19.8 million m3. Scaling up the "
        "recharge basins would cut the flood peak by 1 percent."))
    found = verifier.check(sentence, ["lindgren2014storage"])
    assert found.supported == supported, found.reasons


def test_a_windows_unit_words_are_found_both_ways() -> None:
    """The windows' stems (index._window_stems) and _lexical's own agree on unit words."""
    from agent.verify.lexicon import _lexical, _stem, _text_stems
    text = "Storage reached 19.8 million m3 over 14.2 km2."
    words = {_stem(w) for w in ("cubic", "metres", "square", "kilometres")}
    assert words <= _lexical(text, alternatives=True).stems
    assert words <= _text_stems(text, spellings=True)


def test_of_them_counts_papers_only_when_papers_are_spoken_of() -> None:
    """"... only 47 kept their stability, while phonon calculations rated 38 of them
    stable" counts compositions; "She is first author of 2 of them" counts papers."""
    verifier, keys = _record()
    screen = _verifier(paper(
        "lindgren2022screen", 2022, FIRST, "Screening double perovskites",
        "Of 311 compositions near the convex hull, 47 remained dynamically stable at 500 K, "
        "while harmonic phonon calculations wrongly judged 38 compositions stable."))
    assert screen.check("Of the 311 compositions near the hull, only 47 stayed stable at 500 K, "
                        "while phonon calculations rated 38 of them stable.",
                        ["lindgren2022screen"]).supported
    assert verifier.check("She is first author of 3 of them.", keys).supported
    assert not verifier.check("She is first author of 4 of them.", keys).supported
    # the role may follow: "Two of them have her as sole author"
    assert verifier.check("One of them has Rosa Lindgren as sole author.", [keys[2]]).supported
    assert not verifier.check("Two of them have Rosa Lindgren as sole author.",
                              [keys[2]]).supported


def test_suggested_is_a_word_of_reporting() -> None:
    """"... under half of what the earlier method had suggested" failed on "suggested",
    a reporting verb like "showed" or "reported" (third blind set)."""
    verifier = _verifier(paper(
        "lindgren2021tracers", 2021, FIRST, "Flood recharge from tracers",
        "With oxygen-18 and chloride tracers, flood-derived water made up 14 percent of "
        "annual recharge, less than half our earlier estimate."))
    assert verifier.check("Flood water made up 14 percent of recharge, under half of what "
                          "the earlier method had suggested.",
                          ["lindgren2021tracers"]).supported
    assert not verifier.check("Flood water made up 41 percent of recharge, under half of what "
                              "the earlier method had suggested.",
                              ["lindgren2021tracers"]).supported


def _venues() -> tuple[Verifier, list[str]]:
    """Four works: three as first author, two of them in one journal."""
    made = [paper("lindgren2015front", 2015, FIRST, "Terminus retreat of a tidewater glacier",
                  "Flow speeds at the gate rose from 4.1 km per year in 2000 to 5.7 km per year "
                  "in 2013, by 39%."),
            paper("lindgren2018summer", 2018, FIRST, "Summer speed-ups", "We measure speed-ups."),
            paper("lindgren2021model", 2021, FIRST, "A coupled flow model", "We couple a model."),
            paper("lindgren2019roster", 2019, FIRST, "A forward-rotating roster",
                  "Wards capped quick returns at two per month.")]
    made = [p.model_copy(update={"venue": v}) for p, v in zip(made, [
        "Journal of Glacier Dynamics", "Journal of Glacier Dynamics", "Annals of Ice", None])]
    return _verifier(*made), [p.key for p in made]


@pytest.mark.parametrize(("sentence", "which", "supported"), [
    # a count of the papers in a venue the sentence names
    ("Two of Rosa Lindgren's first-author papers appeared in the Journal of Glacier Dynamics, "
     "in 2015 and 2018.", [0, 1], True),
    ("Three of Rosa Lindgren's first-author papers appeared in the Journal of Glacier "
     "Dynamics.", [0, 1], False),
    # "a year" and "a month" after a figure are rates, no spans
    ("Speeds rose by roughly two-fifths.", [0], True),
    ("Speeds rose by roughly three-fifths.", [0], False),
    ("Speeds at the gate rose to 5.7 km a year.", [0], True),
    ("Speeds at the gate rose to 6.7 km a year.", [0], False),
    ("Wards capped quick returns at two a month.", [3], True),
    ("Wards capped quick returns at three a month.", [3], False),
])
def test_venues_rates_and_fractions(sentence: str, which: list[int], supported: bool) -> None:
    verifier, keys = _venues()
    found = verifier.check(sentence, [keys[i] for i in which])
    assert found.supported == supported, found.reasons
