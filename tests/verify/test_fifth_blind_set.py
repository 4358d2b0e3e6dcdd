"""Checks found wrong by the read half of stop 52's fifth blind set (evals/checker_blind5.jsonl:
Oyelaran-Haugen and Nyamweya-Ferreira read), each with the error beside it that must still
fail:
- "the best of which" is the best of a set the sentence names, no claim of the state of
  the art; "due only once the season ended" is no claim of exclusivity;
- "statistically insignificant" is what "statistically indistinguishable from zero" says;
- a share or a multiple in words may stand on the figures a paper gives for it: "half of
  its groups" on "48 of 96 groups", "more than tripled" on "from 6 percent to 21 percent";
  "quadrupled" is a multiple too;
- "stable enough to be captured" says the opposite of a paper's "too short-lived to be
  captured", and the other way round;
- a sentence that opens on a clause of time ("After PQ-41 emerged ... in 2021, a 2022
  experiment showed ...") joins two clauses, each checked against its own paper;
- from sets 3 and 4 (read): a span of time may be said in the next smaller unit ("two
  weeks" for "14 consecutive days"), "one of three authors" is the author list, and a
  sentence that sets a word against its opposite itself ("near ..., whereas farther ...")
  swaps neither side; "rose and fell" goes both ways, so no one way; "did not return
  until the second day" says when, no denial; "more than double the 8-10 hours" may be
  worked out from the sentence's own figures ("21.5 hours"); the ends of a span of works
  (", from the 2014 experiment to the 2025 replication") and ", when ..." are clauses;
- a hedge spreads a figure by a twentieth only as far as the figure is round: "about 68
  percent" is no 71%, "about 70 percent" may be;
- a comparison's figures go to its sides as a paper gives them: "larger in uncontrolled
  buildings, at 5.6 points, than in rent-controlled ones, at 1.8" where the paper gives 5.6
  to the rent-controlled ones is turned round;
- "causes tenants to leave", "led women to skip visits" claim a cause, which fails where
  a cited paper says its design cannot show one ("these are associations", "reverse
  causation cannot be excluded", "the estimates are observational");
- what a paper says it did not test ("cannot establish whether it shapes public opinion",
  "although we have not tested this directly") fails when stated as found;
- from set 4: "Tuzungumze's gains", a noun after a possessive, is no antonym of the
  paper's "reduces"."""

from __future__ import annotations

import pytest

from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged, _verifier


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The team synthesised 148 analogues of the screening hit and found PQ-41 the best of "
     "them at inhibiting ethidium efflux.", True),
    ("PQ-41 is the best inhibitor of ethidium efflux.", False),
])
def test_the_best_of_a_set_is_no_state_of_the_art(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2021analogues", 2021, FIRST, "Structure-guided inhibitors of HsxT",
        "We synthesised 148 analogues of a screening hit. Several analogues inhibit ethidium "
        "efflux, and PQ-41 was the most potent."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("A digital loan due only once the season ended lifted take-up of livestock insurance "
     "from 9 to 38 percent.", True),
    ("Only a digital loan lifted take-up of livestock insurance from 9 to 38 percent.", True),
    ("Only digital loans lifted take-up of livestock insurance from 9 to 38 percent.", False),
])
def test_only_once_is_no_exclusivity(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2025insurance", 2025, FIRST, "Bundling index insurance with credit",
        "A digital loan repaid after the season ended lifted take-up of livestock insurance "
        "from 9 to 38 percent."))


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    ("At 36 months, the effect of approval on the resilience index was a statistically "
     "insignificant 0.02 standard deviations.", "lindgren2024loans", True),
    # a paper that tells no result from zero
    ("At six months, the effect of approval on the resilience index was a statistically "
     "insignificant 0.11 standard deviations.", "lindgren2020loans", False),
])
def test_insignificant_is_indistinguishable_from_zero(sentence: str, key: str,
                                                      supported: bool) -> None:
    verifier = _verifier(paper(
        "lindgren2024loans", 2024, FIRST, "Instant loans, three years on",
        "We re-interviewed 3,870 applicants. The effect of approval on the resilience index "
        "was 0.02 standard deviations at 36 months, statistically indistinguishable from "
        "zero."), paper(
        "lindgren2020loans", 2020, FIRST, "Instant loans, lasting gains?",
        "We surveyed 4,105 applicants. At six months, approval raised the resilience index "
        "by 0.11 standard deviations, a significant effect."))
    found = verifier.check(sentence, [key])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The lender randomly switched half of its borrowing groups to individual liability.",
     True),
    ("The lender randomly switched a third of its borrowing groups to individual liability.",
     False),
    ("The lender's arrival more than tripled the share of households holding a microloan.",
     True),
    ("The lender's arrival doubled the share of households holding a microloan.", False),
    ("The lender's arrival more than quadrupled the share of households holding a "
     "microloan.", False),
])
def test_shares_and_multiples_the_figures_make(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2016credit", 2016, FIRST, "Group liability and microcredit entry",
        "The lender converted 48 of 96 borrowing groups, chosen at random, to individual "
        "liability. Entry raised the share of households with a microloan from 6 percent "
        "in control villages to 21 percent in treatment villages."))


def test_quadrupled_is_a_multiple() -> None:
    from agent.verify.lexicon import _quantities
    found = _quantities("Entry more than quadrupled the share.")
    assert [(text, (4.0, "x") in figures) for text, _, _, figures, _ in found] == [
        ("quadrupled", True)]


@pytest.mark.parametrize(("sentence", "supported"), [
    ("They suggest that the on-pathway occluded state is too short-lived to be captured at "
     "equilibrium.", True),
    ("They concluded that the on-pathway occluded state is stable enough to be captured in "
     "equilibrium structures.", False),
    ("They concluded that the occluded state is sufficiently long-lived to be captured at "
     "equilibrium.", False),
])
def test_enough_to_against_too_to(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2025transient", 2025, FIRST, "A transient occluded state of HsxT",
        "An occluded state accounted for fewer than 5% of particles at equilibrium. We suggest "
        "that the on-pathway occluded state is too short-lived to be captured at "
        "equilibrium."))


def _pq41():
    return _verifier(
        paper("lindgren2021pq41", 2021, FIRST, "Structure-guided optimisation of HsxT inhibitors",
              "Structure-guided optimisation of a screening hit gave PQ-41, which inhibits "
              "ethidium efflux by HsxT."),
        paper("lindgren2022escape", 2022, FIRST, "Experimental evolution of escape from an "
              "HsxT inhibitor", "In an evolution experiment, Klebsiella escaped the inhibitor "
              "most often through the HsxT mutation G141S."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("After PQ-41 emerged from structure-guided optimisation in 2021, a 2022 evolution "
     "experiment showed that Klebsiella escaped it most often through the HsxT mutation "
     "G141S.", True),
    ("After PQ-41 emerged from structure-guided optimisation, a 2021 evolution experiment "
     "showed that Klebsiella escaped it most often through the HsxT mutation G141S.", False),
])
def test_an_opening_clause_of_time_is_a_clause(sentence: str, supported: bool) -> None:
    found = _pq41().check(sentence, ["lindgren2021pq41", "lindgren2022escape"])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("She followed 96 nurses with wrist actigraphs for two weeks.", True),
    ("She followed 96 nurses with wrist actigraphs for three weeks.", False),
    ("Rainfall over the previous two months drove the rise far from the river.", True),
    ("Rainfall over the previous four months drove the rise far from the river.", False),
])
def test_a_span_in_the_next_smaller_unit(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2013sleep", 2013, FIRST, "Sleep across night shifts",
        "We followed 96 nurses who wore wrist actigraphs for 14 consecutive days. Far from "
        "the river, the rise was explained by cumulative rainfall over the preceding 60 "
        "days."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("She was one of three authors of the intercomparison.", True),
    ("She was one of thirteen authors of the intercomparison.", False),
])
def test_one_of_n_authors_is_the_author_list(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "okoro2023intercomparison", 2023, FIRST, "An intercomparison of ice-flow models",
        "Twelve ice-flow models were compared."))


@pytest.mark.parametrize(("sentence", "supported"), [
    # the sentence sets one side against the other itself
    ("River stage explained the groundwater rise near the river, whereas rainfall explained "
     "it farther from the channel.", True),
    ("Cross-embodiment data helps large datasets more than small ones.", False),
])
def test_a_sentences_own_contrast_swaps_no_side(sentence: str, supported: bool) -> None:
    verifier = _verifier(
        paper("lindgren2017flood", 2017, FIRST, "Groundwater flooding",
              "Groundwater flooding can damage property far from any channel. Within 500 m "
              "of the river, river stage explained the rise; farther away, rainfall "
              "explained it."),
        paper("lindgren2025scaling", 2025, FIRST, "Scaling cross-embodiment data",
              "Cross-embodiment data helps small datasets more than it helps others."))
    key = "lindgren2017flood" if "River" in sentence else "lindgren2025scaling"
    found = verifier.check(sentence, [key])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Daily speed rose and fell closely with basal water pressure.", True),
    ("Daily speed fell with basal water pressure.", False),
])
def test_rose_and_fell_is_no_direction(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2018boreholes", 2018, FIRST, "Basal water pressure and glacier speed",
        "Daily variations in speed tracked basal water pressure closely, and speed rose "
        "during the melt season."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Sleep did not return to its day-off length until the second day off.", True),
    ("Sleep did not return to its day-off length.", False),
])
def test_not_until_says_when(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2013recovery", 2013, FIRST, "Recovery sleep after night shifts",
        "On the first recovery day most nurses napped, and sleep returned to its day-off "
        "length only on the second day off."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("They worked a median 21.5 hours weekly, more than double the 8-10 hours that policy "
     "assumes.", True),
    ("They worked a median 21.5 hours weekly, more than triple the 8-10 hours that policy "
     "assumes.", False),
])
def test_a_multiple_the_sentences_own_figures_make(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2018time", 2018, FIRST, "A time-motion study of village health workers",
        "Workers spent a median of 21.5 hours a week on health work, against the 8-10 hours "
        "that national policy assumes."))


@pytest.mark.parametrize(("sentence", "supported"), [
    # "N times" between two figures of one unit (stop 55).
    ("The LSTM underestimated peak flows by 12%, three times HBV's 4%.", True),
    ("The LSTM underestimated peak flows by 12%, five times HBV's 4%.", False),
    ("The LSTM underestimated peak flows by 12%, three times HBV's 4 mm.", False),
])
def test_n_times_the_sentences_own_figures_make(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2020snow", 2020, FIRST, "LSTMs and conceptual models in snowy basins",
        "The LSTM underestimated peak melt-season flows by a median of 12%, whereas HBV "
        "underestimated them by 4%. HBV was calibrated with 4 mm of snow storage."))


def _coauthored():
    return _verifier(
        paper("lindgren2014observer", 2014, FIRST, "Observer endorsements and trust",
              "A survey experiment after the 2012 Mexican election.", ("Gonzalo Ferreyra",)),
        paper("lindgren2025replication", 2025, FIRST, "Observer endorsements in 11 countries",
              "We replicate the observer experiment in 11 countries.", ("Gonzalo Ferreyra",)))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Gonzalo Ferreyra co-authored two of her papers, from the 2014 Mexican observer "
     "experiment to the 2025 replication in 11 countries.", True),
    ("Gonzalo Ferreyra co-authored two of her papers, from the 2014 observer experiment in "
     "11 countries to the 2025 replication.", False),
])
def test_the_ends_of_a_span_of_works_are_clauses(sentence: str, supported: bool) -> None:
    found = _coauthored().check(sentence, ["lindgren2014observer", "lindgren2025replication"])
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("About 70 percent of the speeches came from legislators whose party lost.", True),
    ("Some 71 percent of the speeches came from legislators whose party lost.", True),
    # a figure rounds to its own last digit: "about 68" is no 71
    ("About 68 percent of the speeches came from legislators whose party lost.", False),
])
def test_a_hedge_spreads_a_figure_only_as_far_as_it_is_round(sentence: str,
                                                            supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2020rhetoric", 2020, FIRST, "When legislators question the count",
        "About 71% of speeches on the topic came from legislators whose party lost the "
        "presidential race."))


RENTS = ("Exits rose near short-term listings. The difference was 5.6 points in rent-controlled "
         "buildings and 1.8 points in uncontrolled buildings.")
RUST = ("Most of the decline came from leaf rust, which was far more common in the lowlands "
        "(38% of confirmed cases, against 17% on the plateau).")


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    ("The excess exit rate was larger in rent-controlled buildings, at 5.6 points, than in "
     "uncontrolled ones, at 1.8 points.", "lindgren2021exits", True),
    ("The excess exit rate was larger in uncontrolled buildings, at 5.6 points, than in "
     "rent-controlled ones, at 1.8 points.", "lindgren2021exits", False),
    ("Leaf rust was far more common in the lowlands than on the plateau, at 38% of confirmed "
     "cases against 17%.", "lindgren2026rust", True),
    ("Leaf rust was far more common on the plateau than in the lowlands, at 38% of confirmed "
     "cases against 17%.", "lindgren2026rust", False),
])
def test_a_comparisons_figures_go_to_its_sides(sentence: str, key: str,
                                               supported: bool) -> None:
    verifier = _verifier(paper("lindgren2021exits", 2021, FIRST, "Short-term rentals and exits",
                               RENTS),
                         paper("lindgren2026rust", 2026, FIRST, "Re-evaluating a rust classifier",
                               RUST))
    found = verifier.check(sentence, [key])
    assert found.supported == supported, found.reasons


ASSOCIATIONS = ("Tenancies in buildings with a listing were more likely to end. We stress that "
                "these are associations, and they do not establish that short-term rental "
                "growth causes tenants to leave.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("They found that tenancies in buildings with a listing were more likely to end.", True),
    ("They suggest that short-term rental growth may cause tenants to leave.", True),
    ("They showed that short-term rental growth causes tenants to leave.", False),
    ("They showed that short-term rental growth led tenants to leave.", False),
])
def test_a_cause_where_the_papers_say_their_design_cannot_show_one(sentence: str,
                                                                    supported: bool) -> None:
    _judged(sentence, supported, paper("lindgren2025rentals", 2025, FIRST,
                               "Short-term rentals and tenant turnover", ASSOCIATIONS))


RHETORIC = ("Its share of floor speech rises after close elections. These patterns suggest that "
            "fraud rhetoric in legislatures follows electoral competition more closely than "
            "documented problems with the count, although the observational design cannot "
            "establish whether it shapes public opinion.")
PQ41 = ("PQ-41 slows the occluded-to-outward-open transition roughly 4-fold. A partial, kinetic "
        "inhibition of this kind might explain why PQ-41 potentiates antibiotics weakly in "
        "cells where drug influx is fast, although we have not tested this directly.")


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    ("The study found that fraud rhetoric in legislatures follows electoral competition more "
     "closely than documented problems with the count.", "lindgren2020rhetoric", True),
    ("The study showed that fraud rhetoric in legislatures shapes public opinion.",
     "lindgren2020rhetoric", False),
    ("The study suggests that fraud rhetoric in legislatures may shape public opinion.",
     "lindgren2020rhetoric", True),
    ("The preprint demonstrated in cells that this kinetic inhibition is why PQ-41 only weakly "
     "potentiates antibiotics.", "lindgren2026pq41", False),
])
def test_what_the_papers_did_not_test_stated_as_found(sentence: str, key: str,
                                                      supported: bool) -> None:
    verifier = _verifier(paper("lindgren2020rhetoric", 2020, FIRST,
                               "When legislators question the count", RHETORIC),
                         paper("lindgren2026pq41", 2026, FIRST, "PQ-41 slows HsxT", PQ41))
    found = verifier.check(sentence, [key])
    assert found.supported == supported, found.reasons


def test_a_cause_stands_where_another_cited_paper_may_show_it() -> None:
    trial = paper("okoro2026trial", 2026, FIRST, "A randomised trial of listing caps",
                  "In a randomised trial, capping listings reduced tenant exits: short-term "
                  "rental growth causes tenants to leave.")
    rentals = paper("lindgren2025rentals", 2025, FIRST, "Short-term rentals and tenant turnover",
                    ASSOCIATIONS)
    found = _verifier(rentals, trial).check("Short-term rental growth causes tenants to leave.",
                                            [rentals.key, trial.key])
    assert found.supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The 2026 follow-up found that Tuzungumze's gains on symptoms had not persisted to 24 "
     "months.", True),
    ("The 2026 follow-up found that Tuzungumze gains on symptoms at 24 months.", False),
])
def test_gains_after_a_possessive_are_benefits(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2026followup", 2026, FIRST, "Benefits of a community trial at 24 months",
        "The trial reduced depressive symptoms at six months. At 24 months, Tuzungumze's "
        "effect on symptoms had not persisted in the follow-up, which reduces confidence in "
        "scale-up."))
