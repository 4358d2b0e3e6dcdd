"""True claims the read half of the second blind SciFact-style set (evals/scifact_blind2.jsonl)
found failed, each with the error beside it that must still fail:
- "non-templated" says what the papers' "untemplated" says;
- "3' ends" is a position: "RNA 3' ends" names no "RNA 3";
- "contrasting lower with higher education" names two groups; neither word is a change;
- a comparative finds its "than" across a longer phrase ("more likely to be assigned to a
  lower-risk category by primary care physicians than men");
- a clause may stand on its own sentence of the abstract ("Across 70 observational
  studies, ..." of a review whose methods sentence says so).
Later in the file: a range's percent sign, conditions told apart by opposites, a comparison
where the paper finds the two alike, and (from a readable blind checker set) "her only
sole-authored work", which the record's count of such papers decides."""

from __future__ import annotations

import pytest

from agent.models import OwnerPosition
from tests.verify.test_grouped_prose import FIRST, OWNER, paper
from tests.verify.test_second_blind_set import _judged

HESO = paper(
    "ren2012heso", 2012, FIRST, "Uridylation of miRNAs by HEN1 SUPPRESSOR1 in Arabidopsis",
    "HESO1 encodes a terminal nucleotidyl transferase that prefers to add untemplated "
    "uridine to the 3' end of RNA, which is completely abolished by 2'-O-methylation.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("HESO1 preferentially adds non-templated uridines to RNA 3' ends.", True),
    ("HESO1 preferentially adds templated uridines to RNA 3' ends.", False),
    ("HESO1 preferentially adds non-templated uridines to RNA 5' ends.", False),
    ("HESO1 adds uridines to the 3' end of RNA 3.", False),
])
def test_non_prefixed_words_and_primed_positions(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, HESO)


SMOKING = paper(
    "drieskens2010smoking", 2010, FIRST, "Smoking and schooling over time",
    "Smoking was more common among adults with little schooling. The educational gap in "
    "smoking widened from 2001 to 2004: its odds ratio rose from 1.6 to 3.4.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The odds ratio of smoking contrasting lower with higher education rose from 1.6 to "
     "3.4.", True),
    ("The odds ratio of smoking contrasting lower with higher education fell from 3.4 to "
     "1.6.", False),
    ("Smoking was less common among adults with little schooling.", False),
])
def test_two_groups_named_by_direction_words(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, SMOKING)


PHYSICIANS = paper(
    "mosca2005physicians", 2005, FIRST, "National study of physician awareness of prevention "
    "guidelines",
    "We surveyed 500 physicians about prevention guidelines. Intermediate-risk women were "
    "significantly more likely to be assigned to a lower-risk category by primary care "
    "physicians than men with identical risk profiles. Risk assignment predicted the "
    "recommendations.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Primary care physicians significantly more often placed intermediate-risk women than "
     "men with identical risk profiles in a lower risk category.", True),
    ("Primary care physicians significantly more often placed intermediate-risk women than "
     "men with identical risk profiles in a higher risk category.", False),
])
def test_a_comparatives_than_after_a_long_phrase(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, PHYSICIANS)


REVIEW = paper(
    "torloni2009review", 2009, FIRST, "Body weight before pregnancy and gestational "
    "diabetes: a meta-analysis",
    "The design is a systematic review of observational studies published in the last 30 "
    "years. Four electronic databases were searched for publications. Some 1745 citations "
    "were screened, and 70 studies involving 671 945 women were included. The odds ratio of "
    "gestational diabetes for morbidly obese women was 5.55 against women with a normal BMI. "
    "The risk of gestational diabetes rises with prepregnancy BMI.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # Each clause stands on a sentence of its own, more of them than the sentence's best
    # windows: the first clause's on the methods sentence.
    ("Across 70 observational studies, found by searching four "
     "electronic databases, morbidly obese women had an odds ratio of gestational diabetes "
     "of 5.55, and the risk rises with prepregnancy BMI.", True),
    ("Across 70 randomised trials, found by searching four electronic "
     "databases, morbidly obese women had an odds ratio of gestational diabetes of 5.55, and "
     "the risk rises with prepregnancy BMI.", False),
])
def test_a_clause_on_its_own_sentence(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, REVIEW)


KNOCK_IN = paper(
    "remy2017knockin", 2017, FIRST, "Gene-edited rats by electroporation of intact zygotes",
    "Using ssODNs as donor template resulted in precise knock-in mutations in 25-100% of "
    "analyzed animals, comparable to microinjection.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # "25-100%": the range's first figure is a percentage as its last is.
    ("Precise knock-in mutations were found in between a quarter and all of the analyzed "
     "animals.", True),
    ("Precise knock-in mutations were found in 25% to 100% of the analyzed animals.", True),
    ("Precise knock-in mutations were found in between a third and all of the analyzed "
     "animals.", False),
])
def test_a_ranges_first_figure_has_its_unit(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, KNOCK_IN)


BURDEN = paper(
    "xu2018hdi", 2018, FIRST, "Cataract vision loss and human development",
    "The age-standardized DALY rate was higher in countries with low human development "
    "index (HDI), at 91.03 for low HDI against 17.10 for very high HDI countries.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # Two conditions told apart by opposite words ("very high" and "low" HDI): a paper that
    # says the comparative of the other one says it the other way round.
    ("The age-standardized DALY rate was higher in countries with very high human "
     "development index than in those with low HDI.", False),
    ("The age-standardized DALY rate was higher in countries with low human development "
     "index than in those with very high HDI.", True),
])
def test_conditions_told_apart_by_opposites(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, BURDEN)


ALIKE = paper(
    "remy2017alike", 2017, FIRST, "Electroporation of intact rat zygotes",
    "Using ssODNs as donor template, electroporation gave precise knock-in mutations in "
    "most analyzed animals, at rates comparable to microinjection. Off-target mutations were "
    "not examined.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # A comparison where a paper finds the two sides alike, of the same thing.
    ("Knock-in rates after electroporation with ssODN donors were much lower than those "
     "achieved by microinjection.", False),
    ("Knock-in rates after electroporation with ssODN donors were higher than those "
     "achieved by microinjection.", False),
    ("Knock-in rates after electroporation with ssODN donors were comparable to those "
     "achieved by microinjection.", True),
])
def test_a_comparison_where_the_paper_finds_them_alike(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, ALIKE)


SURVIVAL = paper(
    "remy2017survival", 2017, FIRST, "Electroporation of intact rat zygotes",
    "Electroporation gave knock-in rates comparable to microinjection. More zygotes survived "
    "electroporation than microinjection.")


def test_alike_in_one_thing_is_no_finding_of_another() -> None:
    # "comparable to microinjection" is said of knock-in rates, not of survival.
    _judged("Zygote survival after electroporation was higher than after microinjection.",
            True, SURVIVAL)


THESIS = paper("lindgren2014thesis", 2014, FIRST, "Home births in rural western Uganda",
               "This thesis studies why women give birth at home.").model_copy(
    update={"authors": [OWNER], "owner_position": OwnerPosition.SOLE})
LED = paper("lindgren2018visits", 2018, FIRST, "Home visits and facility births",
            "A trial of home visits raised facility births.")
SECOND = paper("lindgren2020app", 2020, FIRST, "A pregnancy-tracking app",
               "An offline app tracked pregnancies.")


@pytest.mark.parametrize(("sentence", "keys", "supported"), [
    # "only" before a role is a count of the record's papers in that role: one.
    ("Her only sole-authored work in the record is a 2014 thesis on home births in rural "
     "western Uganda.", [THESIS.key], True),
    ("Her only first-authored work in the record is a 2014 thesis on home births in rural "
     "western Uganda.", [THESIS.key], False),
    ("Her only first-authored paper is the 2018 trial of home visits.", [LED.key], False),
])
def test_only_before_a_role_counts_the_record(sentence: str, keys: list[str],
                                              supported: bool) -> None:
    from tests.verify.test_second_blind_set import _verifier
    found = _verifier(THESIS, LED, SECOND).check(sentence, keys)
    assert found.supported == supported, found.reasons


NEMO = paper(
    "vlantis2016nemo", 2016, FIRST, "NEMO and the gut",
    "Intestinal inflammation in NEMO-deficient mice was severe. Loss of NEMO caused "
    "intestinal inflammation and epithelial death. Chronic intestinal inflammation developed "
    "in NEMO mutants by week four. Therefore, NEMO prevents intestinal inflammation by "
    "inhibiting RIPK1 kinase activity.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # Negated as a clause of the paper negates it, though the windows aligned with the
    # sentence state it plainly (SciFact train: the paper's own words failed).
    ("NEMO prevents intestinal inflammation.", True),
    ("Loss of NEMO did not cause intestinal inflammation.", False),
])
def test_a_negation_a_clause_of_the_paper_makes(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, NEMO)


CORRECTION = paper(
    "amadi2016correction", 2016, FIRST, "Correction to an estimate of flood trends",
    "Annual maximum flow increased by 4.1 percent per decade in the 2015 analysis. A "
    "correction removed nine stations with spliced records, and the increase became 3.4 "
    "percent per decade.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # A verb of change with a count of things after it takes them away: no amount falls.
    ("After dropping nine stations with spliced records, the correction put the increase at "
     "3.4 percent per decade.", True),
    ("After adding nine stations with spliced records, the correction found that annual "
     "maximum flow dropped.", False),
])
def test_a_verb_of_change_with_a_counted_object(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, CORRECTION)


CATCHING = paper(
    "okafor2022catching", 2022, FIRST, "Catching fast balls with an event camera",
    "We track thrown balls with an event camera and predict their trajectories with a "
    "recurrent network updated at 1 kHz.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # "N times per second" is a frequency: 1,000 times per second is 1 kHz.
    ("A recurrent predictor updated 1,000 times per second tracks the thrown balls.", True),
    ("A recurrent predictor updated 2,000 times per second tracks the thrown balls.", False),
    ("A recurrent predictor updated 100 times per second tracks the thrown balls.", False),
])
def test_times_per_second_is_a_frequency(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, CATCHING)


TDP = paper(
    "wang2016tdp", 2016, FIRST, "TDP-43 in mitochondria",
    "Loss of TDP-43 in mitochondria caused neuronal loss in mice. Suppressing its "
    "mitochondrial localization abolishes TDP-43-induced neuronal loss and improves the "
    "phenotype of transgenic mice.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # A paper's "abolishes" does away with what follows, as a sentence's "prevents" does.
    ("Blocking the mitochondrial localization of TDP-43 prevents TDP-43-induced neuronal "
     "loss.", True),
    ("Suppressing the mitochondrial localization of TDP-43 does not improve the phenotype of "
     "transgenic mice.", False),
])
def test_a_papers_verb_that_does_away_with_its_object(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, TDP)
