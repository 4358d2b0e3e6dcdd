"""Checks found wrong by the read half of stop 52's sixth blind set (evals/checker_blind6.jsonl:
Osei-Thorbjørnsen and Mwakasege-Fairbrother, read in stop 53 once set 8 was held out),
each with the error beside it that must still fail:
- "no-till fields" names a practice: its "no" negates nothing;
- a unit the papers write as a symbol after a figure is said by its name ("per hectare
  per year" of "Mg C ha−1 yr−1", "under a millisecond" of "0.71 ms"), and a figure with
  its unit stands only on the papers' figures of that dimension ("six milliseconds" is no
  "0.6 ms" nor "6%"; "2 km" is "2,000 metres");
- "nearly" hedges as "almost" does;
- a difference told by its figure before its direction word ("0.71 Mg C per hectare per
  year more", "6% lower") is told by the paper's word for a change by that figure;
- "fewer than a sixth of" bounds a share; "a sixth", "a seventh", "an eighth" are shares;
  a share may stand on a part told after its whole ("1,870 episodes, 412 of which") or on
  the paper's count of the whole the sentence gives ("one in six of the 148 studies");
- an adverb turned round next to the word it modifies ("strongly predicted" of "only
  weakly predicted") fails, though the paper uses it of something else;
- a decade is a claim of years, not a name ("the mid-1980s survey"); postures are no
  opposites ("sits below 30 cm" of "lay below 30 cm");
- a negated change stands where a paper finds none ("statistically indistinguishable");
  a belief a paper states and denies ("it is commonly assumed that ...") is no finding;
  "whatever the conditions" and "the entire drop" claim every case;
- a technique after "with" or "through" must be the papers' ("through sum-of-squares
  programming"), and so must each thing a release releases;
- a comparison a paper makes of the other side without "than" ("ploughed fields held more
  carbon at depth") turns the sentence round;
- "from 2024 onward" scopes a count as "since 2024" does."""

from __future__ import annotations

import pytest

from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged, _verifier

TILLAGE = paper(
    "fairbrother2015fixed", 2015, FIRST, "Fixed depth or equivalent soil mass? How sampling "
    "protocol distorts comparisons of soil carbon between tillage systems",
    "Claims that no-till farming increases soil organic carbon (SOC) often rest on samples "
    "taken to a fixed depth. We sampled 37 pairs of ploughed and no-till fields. On a "
    "fixed-depth basis no-till fields held 5.3 Mg C ha\u22121 more SOC than their ploughed "
    "pairs; on an "
    "equivalent-soil-mass basis the difference was 3.3 Mg C ha\u22121, so fixed-depth "
    "accounting overstated it by 38%.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Fixed-depth accounting overstated the no-till carbon advantage by 38%.", True),
    ("Fixed-depth accounting overstated the no-till carbon advantage by 58%.", False),
    ("On an equivalent-soil-mass basis, no-till fields held no more carbon than their "
     "ploughed pairs.", False),
    ("On a fixed-depth basis, no-till fields held more carbon than ploughed ones.", True),
])
def test_no_till_is_no_negation(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, TILLAGE)


EARLY = paper(
    "fairbrother2016early", 2016, FIRST, "Early gains in soil organic carbon under no-till",
    "Soils were sampled before the first treatments and again after three years. Over "
    "three years, no-till increased soil organic carbon (SOC) stocks in the 0-30 cm layer "
    "by 0.71 Mg C ha\u22121 yr\u22121 relative to ploughing, with almost all of the gain in the "
    "top 10 cm. Cereal yields under no-till were 6% lower in the first two years.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Over three years, no-till plots gained 0.71 Mg C per hectare per year more than "
     "ploughed plots, nearly all of it in the top 10 cm.", True),
    ("Over three years, no-till plots gained 0.71 Mg C per hectare per year less than "
     "ploughed plots.", False),
    ("Cereal yields under no-till were 6% lower in the first two years.", True),
    ("Cereal yields under no-till were 6% higher in the first two years.", False),
    ("In the first two years, no-till cut cereal yields by 6%.", True),
    ("In the first two years, no-till raised cereal yields by 6%.", False),
])
def test_a_difference_told_by_its_figure_before_its_direction(sentence: str,
                                                              supported: bool) -> None:
    _judged(sentence, supported, EARLY)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("In the first two years, no-till cut cereal yields by 6%.", True),
    ("In the first two years, no-till raised cereal yields by 6%.", False),
])
def test_a_paper_difference_told_by_its_figure_speaks_for_it(sentence: str,
                                                               supported: bool) -> None:
    # "rose" shares more words with the sentence; "6% lower" is the change by its figure.
    _judged(sentence, supported, paper(
        "fairbrother2016yields", 2016, FIRST, "Yields under no-till",
        "Cereal yields rose in the third year. Cereal yields under no-till were 6% lower in "
        "the first two years."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Each iteration takes under a millisecond.", True),
    ("Each iteration takes under a microsecond.", False),
])
def test_a_unit_symbol_is_said_by_its_name(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "thorbjornsen2018whole", 2018, FIRST, "Whole-body model-predictive control at 1 kHz",
        "We present a controller that optimizes over the full rigid-body dynamics of the "
        "robot. It solves each problem in a real-time iteration scheme, requiring 0.71 ms "
        "per iteration on the onboard computer."))


def test_unit_words_need_a_figure_before_the_symbol() -> None:
    from agent.verify.lexicon import unit_words

    assert {"hectar", "year"} <= unit_words("by 0.71 Mg C ha\u22121 yr\u22121 over")
    assert "millis" in unit_words("requiring 0.71 ms per iteration")
    assert not unit_words("the ms of the s group, h and m")


REVIEW = paper(
    "asare2019cover", 2019, FIRST, "Cover crops and soil organic carbon: a meta-analysis",
    "We analysed 148 field studies published between 1990 and 2018. Cover crops "
    "increased carbon stocks by 0.32 Mg C ha\u22121 yr\u22121. However, only 23 "
    "studies sampled deeper than 30 cm.")
EPISODES = paper(
    "eriksen2026learning", 2026, FIRST, "Learning barrier functions from failure data",
    "We learn a barrier from 1,870 logged episodes, 412 of which ended in a fall.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Fewer than a sixth of the 148 studies sampled deeper than 30 cm.", True),
    ("Fewer than a sixth of the 148 cover-crop studies sampled deeper than 30 cm.", True),
    ("Fewer than one in six of the 148 studies sampled deeper than 30 cm.", True),
    ("About one in six of the 148 studies sampled deeper than 30 cm.", True),
    ("More than a sixth of the 148 studies sampled deeper than 30 cm.", False),
    ("More than one in four of the 148 studies sampled deeper than 30 cm.", False),
])
def test_a_share_of_a_whole_the_sentence_gives(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, REVIEW)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Just over a fifth of the 1,870 logged episodes ended in a fall.", True),
    ("Nearly a third of the 1,870 logged episodes ended in a fall.", False),
])
def test_a_part_told_after_its_whole(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, EPISODES)


INVENTORY = paper(
    "fairbrother2018half", 2018, FIRST, "Half of cropland soil carbon lies below the plough "
    "layer", "We sampled 1,206 arable fields to 1 m. Subsoil stocks were only weakly "
    "predicted by topsoil stocks (R2 = 0.31) and depended strongly on parent material.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Subsoil stocks were strongly predicted by topsoil stocks.", False),
    ("Subsoil stocks depended weakly on parent material.", False),
    ("Subsoil stocks were only weakly predicted by topsoil stocks.", True),
    ("Subsoil stocks depended strongly on parent material but were weakly predicted by "
     "topsoil stocks.", True),
])
def test_an_adverb_turned_round_next_to_what_it_modifies(sentence: str,
                                                        supported: bool) -> None:
    # The paper says "strongly" and "weakly" both, each of another thing.
    _judged(sentence, supported, INVENTORY)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Notably, on the maternal chromosome, CTCF binding keeps the enhancers away from the "
     "promoters.", True),
])
def test_an_adjective_that_classes_its_noun_is_left_to_the_other_checks(
        sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "imprinting2009loops", 2009, FIRST, "CTCF and chromatin loops at the imprinted locus",
        "On the paternal chromosome, enhancers interact with the promoters, but on the "
        "maternal allele this is prevented by CTCF binding, which keeps the enhancers away "
        "from the promoters."))


FILTER = paper(
    "ramanathan2022filter", 2022, FIRST, "Safety filters for learned quadruped locomotion",
    "The filter requires no retraining of the policy and adds 0.6 ms of latency per control "
    "step. Mean forward speed decreased by 6%, from 1.12 to 1.05 m/s. Homes within 800 "
    "metres of a station were compared with homes 800 to 2,000 metres away, and workers "
    "spent a median of 21.5 hours per week on health work.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The filter adds roughly six milliseconds of latency per control step.", False),
    ("The filter adds 6 ms of latency per control step.", False),
    ("The filter adds 0.6 ms of latency per control step.", True),
    ("The filter adds about 600 microseconds of latency per control step.", True),
    ("With the filter, mean forward speed fell to 1.05 m/s.", True),
    ("With the filter, mean forward speed fell to 1.5 m/s.", False),
    ("Homes within 800 metres of a station were compared with homes up to 2 km away.", True),
    ("Homes within 800 metres of a station were compared with homes up to 3 km away.", False),
    ("The workers spent a median 21.5 hours weekly on health work.", True),
])
def test_a_figure_with_its_unit_is_a_figure_in_that_unit(sentence: str,
                                                         supported: bool) -> None:
    # "6%" is in the paper: a bare figure may stand on it, a figure of time may not.
    _judged(sentence, supported, FILTER)


def test_a_figure_is_looked_up_with_its_unit() -> None:
    # "two hours" checked first must not answer for a bare "two" checked later.
    verifier = _verifier(paper(
        "tveit2019pilot", 2019, FIRST, "A forward-rotating roster",
        "The roster allowed at most two quick returns a month. Each briefing took 3 hours."))
    assert not verifier.check("Each briefing took two hours.", ["tveit2019pilot"]).supported
    found = verifier.check("The roster allowed at most two quick returns a month.",
                           ["tveit2019pilot"])
    assert found.supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Just under half of the carbon these soils hold to one metre sits below 30 cm, "
     "46% in all.", True),
])
def test_a_posture_says_where_a_thing_is(sentence: str, supported: bool) -> None:
    # "sits" and "lies" are WordNet opposites only of a body.
    _judged(sentence, supported, paper(
        "fairbrother2018lies", 2018, FIRST, "Half of cropland soil carbon lies below the "
        "plough layer", "Mean carbon stocks to 1 m were 118 Mg C ha\u22121, of which 46% lay "
        "below 30 cm, the carbon these soils hold to one metre."))


LEGACY = paper(
    "fairbrother2014three", 2014, FIRST, "Three decades of carbon loss",
    "We relocated 412 cropland sites first sampled in the Varrow soil survey between 1984 "
    "and 1987 and resampled them in 2011-2012. Recharge has declined since the 2000s.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("They resampled 412 sites from the mid-1980s Varrow soil survey.", True),
    ("They resampled 412 sites from the Varrow soil survey of the 1980s.", True),
    ("They resampled 412 sites from the Varrow soil survey of the mid-1990s.", False),
    ("They resampled 412 sites from the Varrow soil survey of the early 1960s.", False),
    ("Recharge has declined since the 2000s.", True),
])
def test_a_decade_is_a_claim_of_years_not_a_name(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, LEGACY)


FILTERS = (
    paper("ramanathan2022control", 2022, FIRST, "Safety filters for learned locomotion",
          "On flat floors the safety filter reduced the fall rate from 23% to 3%."),
    paper("brenninkmeijer2025revisiting", 2025, FIRST, "Revisiting safety filters",
          "On stairs, slopes and loose gravel we measure a fall rate of 21.4%, statistically "
          "indistinguishable from the unfiltered policy."),
)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The filter reduced falls on flat floors, and on stairs, slopes and gravel it no "
     "longer reduced falls measurably.", True),
    ("The filter did not reduce falls on flat floors.", False),
])
def test_a_change_denied_where_a_paper_finds_none(sentence: str, supported: bool) -> None:
    found = _verifier(*FILTERS).check(sentence, [p.key for p in FILTERS])
    assert found.supported == supported, found.reasons


WIDER = paper(
    "ramanathan2020wider", 2020, FIRST, "Wider Is Not Better: A Null Result on Domain "
    "Randomization Ranges", "Domain randomization is widely used, and it is commonly assumed "
    "that wider randomization ranges yield more robust policies. We tested this assumption "
    "in a preregistered study. Hardware success rates did not differ significantly across "
    "widths. Within the tested range, wider randomization did not buy robustness.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The preregistered study found that wider randomization ranges yield more robust "
     "policies.", False),
    ("The preregistered study tested the common assumption that wider randomization ranges "
     "yield more robust policies.", True),
    ("In the preregistered study, success rates did not differ significantly across "
     "randomization ranges.", True),
    ("The preregistered study found no evidence that wider randomization ranges yield more "
     "robust policies.", True),
])
def test_a_belief_the_paper_denies_is_no_finding(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, WIDER)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The silencing of the maternal Igf2 allele is directed by the H19 imprinting control "
     "region through a CTCF-dependent chromatin insulator.", True),
])
def test_a_belief_the_paper_bears_out_is_its_finding(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "imprinting2009icr", 2009, FIRST, "The H19 imprinting control region and Igf2",
        "It is thought that the H19 imprinting control region directs the silencing of the "
        "maternal Igf2 allele through a CTCF-dependent chromatin insulator. We show that CTCF "
        "binding within the region forms a loop that silences the maternal Igf2 allele; "
        "enhancers do not reach the promoters."))


CHLORIDE = paper(
    "brandt2021chloride", 2021, FIRST, "Chloride and humidity tolerance in matched batches",
    "We conclude that chloride incorporation has no significant effect on humidity tolerance "
    "under these conditions. The mixed cation films account for most of the drop in "
    "efficiency, and entire-home listings fell in the twelve cities.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Chloride incorporation did not improve humidity tolerance under these conditions.",
     True),
    ("Chloride incorporation never improves humidity tolerance, whatever the conditions.",
     False),
    ("The mixed cation films account for the entire drop in efficiency.", False),
    ("The mixed cation films account for most of the drop in efficiency.", True),
    ("Entire-home listings fell in the twelve cities.", True),
    ("Entire-home listings fell in every city that adopted caps.", False),
])
def test_whatever_the_conditions_and_entire_claim_every_case(sentence: str,
                                                             supported: bool) -> None:
    _judged(sentence, supported, CHLORIDE)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The diffusion coefficient was high at 28 weeks and fell toward term.", True),
])
def test_a_count_of_a_unit_the_paper_abbreviates(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "newborn2001adc", 2001, FIRST, "Diffusion in the developing white matter",
        "The diffusion coefficient was high at 28 wk and fell toward term. We studied 17 "
        "infants at 40 weeks."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The paper computes a robust terminal set by solving a sequence of linear programs.",
     True),
    ("The paper computes a robust terminal set through semidefinite programming.", False),
    ("The paper computes a robust terminal set through sum-of-squares programming.", False),
    ("The paper computes a robust terminal set through a sequence of linear programs.", True),
    ("The paper computes a robust terminal set with bounded timing errors.", True),
    ("The constructive method computes a robust terminal set with care, by solving a "
     "sequence of linear programs.", True),
])
def test_a_technique_after_with_or_through(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "thorbjornsen2017recursive", 2017, FIRST, "Recursive feasibility under timing errors",
        "Recursive feasibility is preserved if timing errors are bounded, and we give a "
        "constructive method for computing a robust terminal set by solving a sequence of "
        "linear programs."))


DEPTH = paper(
    "fairbrother2015depth", 2015, FIRST, "Fixed depth or equivalent soil mass?",
    "We sampled soil organic carbon (SOC) in 37 pairs of fields. On a fixed-depth basis to "
    "30 cm, no-till fields held 5.3 Mg C ha\u22121 more SOC than their ploughed pairs. When "
    "the 30-60 cm layer was included, ploughed fields held greater carbon at depth.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Once the 30-60 cm layer was included, no-till fields held more carbon at depth than "
     "their ploughed pairs.", False),
    ("Once the 30-60 cm layer was included, ploughed fields held more carbon at depth than "
     "their no-till pairs.", True),
    ("On a fixed-depth basis, no-till fields held more carbon than their ploughed pairs.",
     True),
])
def test_a_comparison_a_paper_makes_of_the_other_side_without_than(sentence: str,
                                                                   supported: bool) -> None:
    # The paper's clause opens on the side it speaks of ("ploughed fields held greater
    # carbon at depth"); "more SOC" is "more soil organic carbon".
    _judged(sentence, supported, DEPTH)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Besides testing seven robots with learned models on a common protocol, the team "
     "released course specifications, trial logs and calibrated simulation models.", False),
    ("The team released its common protocol, course specifications and trial logs.", True),
    ("The team released its trial logs for all seven robots.", True),
    ("The team released the trial logs and learned models of all seven robots.", True),
    ("The benchmark's release followed extensive hardware trials of seven robots on a "
     "common protocol with learned models.", True),
    ("The team released detailed course specifications and all trial logs.", True),
])
def test_a_release_of_a_thing_the_papers_never_name(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "vogel2021benchmark", 2021, FIRST, "A common benchmark for legged robots",
        "Seven robots with learned models were tested on a common protocol. We release the "
        "protocol, course specifications and all trial logs."))


def test_from_a_year_onward_scopes_a_count() -> None:
    papers = [paper(f"osei{year}p{i}", year, FIRST, f"Study {year} {i}", "A study of robots.")
              for i, year in enumerate((2019, 2021, 2024, 2025, 2026))]
    verifier = _verifier(*papers)
    recent = [p.key for p in papers if p.year >= 2024]
    for sentence, supported in (("She published three papers from 2024 onward.", True),
                                ("She published three papers from 2024 on.", True),
                                ("She published three papers 2024 onwards.", True),
                                ("She published four papers from 2024 onward.", False)):
        found = verifier.check(sentence, recent)
        assert found.supported == supported, (sentence, found.reasons)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("F0 was sampled every 10 ms over the vowel.", True),
    ("The speakers were recorded every two weeks.", True),
    ("F0 was sampled in every vowel of every speaker.", False),
    ("Every one of the eight speakers was recorded every two weeks.", False),
])
def test_every_before_a_figure_says_how_often(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "castellanos2011depressor", 2011, FIRST, "Depressor consonants and F0",
        "We recorded eight speakers every two weeks and sampled F0 at 10 ms intervals over "
        "the vowel."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The follow-up found that the earlier study had understated their effect on wealth.",
     False),
    ("The follow-up found that the earlier study had overstated their effect on wealth.",
     True),
    ("Credit data omit informal borrowing, so the offset may be understated.", True),
])
def test_an_over_or_under_verb_turned_round_next_to_its_object(sentence: str,
                                                               supported: bool) -> None:
    # The paper uses "understated" too, of something else.
    _judged(sentence, supported, paper(
        "larranaga2023defaults", 2023, FIRST, "Do defaults raise net wealth?",
        "Credit data omit informal borrowing, so the offset may be understated. We conclude "
        "that the follow-up found that our earlier study overstated their effect on wealth."))


BREATHY = paper(
    "castellanos2013breathy", 2013, FIRST, "Breathy voice and tone",
    "Breathy vowels showed higher H1-H2 (mean +4.7 dB) and lower CPP (-2.1 dB) than modal "
    "vowels, confirming that the phonation contrast is robust.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Breathy vowels showed higher CPP than modal vowels.", False),
    ("Breathy vowels showed lower CPP than modal vowels.", True),
    ("Breathy vowels showed higher H1-H2 than modal vowels.", True),
    ("Modal vowels showed higher CPP than breathy vowels.", True),
])
def test_a_comparative_turned_round_next_to_what_it_measures(sentence: str,
                                                              supported: bool) -> None:
    # The paper says "higher" and "lower" both, each of its own measure, in one clause.
    _judged(sentence, supported, BREATHY)
