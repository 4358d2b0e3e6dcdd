"""Checks found wrong by the whole of stop 51's fourth blind set (evals/checker_blind4.jsonl,
all of it in-sample from stop 52 on), each with the error beside it that must still fail:
- "only" before a share or a degree ("undid only part of the damage") claims no
  exclusivity;
- a role said before a count is its role, and one after it belongs to the next clause
  ("first author on eight of the papers and sole author of the thesis");
- a place and the adjective of its people name the same thing ("after Mexico's 2012
  election" of a survey "after the 2012 Mexican general election");
- a change whose figure comes after its object ("raised losing-side voters' confidence in
  the electoral body by about 9 points") is told by the paper's word for the change by
  that figure;
- a run of words missing from the aligned windows is no invented term when the papers use
  its words elsewhere;
- two groups' figures side by side ("71.8 percent in intervention parishes and 59.4
  percent in control parishes") state which is higher, as "compared with" does;
- a word the papers deny in its clause, past the negation's first words, is denied there
  ("did not improve consumption smoothing after the 2011 drought");
- "whether or not" negates nothing."""

from __future__ import annotations

import pytest

from agent.models import OwnerPosition
from tests.verify.test_grouped_prose import FIRST, LAST, OWNER, paper
from tests.verify.test_second_blind_set import _judged, _verifier


@pytest.mark.parametrize(("sentence", "supported"), [
    ("An official rebuttal undid only part of the damage among co-partisans.", True),
    ("An official rebuttal only partly undid the damage among co-partisans.", True),
    ("Only an official rebuttal undid the damage among co-partisans.", False),
])
def test_only_before_a_share_is_no_exclusivity(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2017rebuttal", 2017, FIRST, "Fraud allegations and trust",
        "Fraud allegations reduced trust among co-partisans. An official rebuttal restored "
        "about one-third of the damage among co-partisans."))


def _thesis_record():
    """Four papers: three first-authored with co-authors, one thesis written alone."""
    made = [paper(f"lindgren{2014 + i}study", 2014 + i, FIRST, f"Study {i}", "We study trust.")
            for i in range(3)]
    thesis = paper("lindgren2018thesis", 2018, FIRST, "Trust in the referee (PhD thesis)",
                   "This thesis studies trust.")
    thesis = thesis.model_copy(update={"authors": [OWNER], "owner_position": OwnerPosition.SOLE,
                                       "kind": "thesis"})
    last = paper("okoro2020panel", 2020, LAST, "A panel of voters", "We survey voters.")
    return _verifier(*made, thesis, last), [*(p.key for p in made), thesis.key, last.key]


@pytest.mark.parametrize(("sentence", "supported"), [
    ("She is first author on three of the five papers in the record and sole author of her "
     "2018 thesis.", True),
    ("She is first author on two of the five papers in the record and sole author of her "
     "2018 thesis.", False),
    ("She is first author on four of the five papers in the record and last author of the "
     "2020 panel.", True),
    ("She is last author on three of the five papers in the record.", False),
    # a role the count takes with "as" is its own (the fact answers say it so)
    ("She is first author of 4 of the 5 papers in this record, 1 of them as sole author.",
     True),
    ("She is first author of 4 of the 5 papers in this record, 2 of them as sole author.",
     False),
])
def test_a_role_before_a_count_is_its_role(sentence: str, supported: bool) -> None:
    verifier, keys = _thesis_record()
    found = verifier.check(sentence, keys)
    assert found.supported == supported, found.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Her survey experiment after Mexico's 2012 election found that the observers' "
     "endorsement raised trust.", True),
    ("Her survey of Mexican adults after the 2012 election found that the endorsement "
     "raised trust.", True),
    ("Her survey experiment after Chile's 2012 election found that the observers' "
     "endorsement raised trust.", False),
])
def test_a_place_and_its_people(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2014observer", 2014, FIRST,
        "Observer endorsements and trust: a survey experiment after the 2012 Mexican election",
        "We surveyed 2,412 Mexican adults after the 2012 general election. The observer "
        "endorsement raised trust in the electoral body."))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The endorsement raised losing-side voters' confidence in the electoral body by about 9 "
     "points.", True),
    ("The endorsement lowered losing-side voters' confidence in the electoral body by about 9 "
     "points.", False),
])
def test_a_change_by_a_figure_after_its_object(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2014endorse", 2014, FIRST, "Observer endorsements and losers' confidence",
        "Citizens who vote for losing candidates express less confidence in elections than "
        "winners. Among losers, the observer endorsement raised trust in the electoral body "
        "by 9.4 points."))


TALLY = (
    "Publishing polling-station results is widely promoted as a way to build confidence in "
    "elections. Here we test whether exposure to real transparency information raises trust "
    "in an existing electoral authority. In a survey experiment fielded to 3,050 Colombian "
    "adults after the March 2018 legislative elections, treated respondents viewed scanned "
    "tally sheets from their own municipality, while control respondents read a neutral "
    "description of the counting process. The treatment increased trust in the national "
    "electoral authority by 0.7 points on a 0-100 scale. Self-reported understanding of the "
    "counting process rose by 0.21 standard deviations. We conclude that transparency "
    "information, at least in this passive form, does not measurably raise trust.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Showing Colombian voters scanned tally sheets from their own municipality after the "
     "2018 legislative elections did not measurably lift confidence in the national electoral "
     "body, though self-reported understanding of the count improved.", True),
    ("Showing Colombian voters scanned tally sheets from their own municipality after the "
     "2018 legislative elections did not measurably lift confidence in the national electoral "
     "body, judged by eye-tracking heat maps.", False),
])
def test_words_the_papers_use_elsewhere_are_no_new_term(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2018tally", 2018, FIRST,
        "Showing the tally sheets: transparency and electoral trust in Colombia", TALLY))


CHW = ("We conducted a cluster-randomised trial in 32 parishes. Facility-based childbirth was "
       "71.8 percent in intervention parishes and 59.4 percent in control parishes (risk "
       "difference 12.4 percentage points).")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("In a 32-parish trial, home visits raised facility-based childbirth by about 12 "
     "percentage points.", True),
    ("In a 32-parish trial, home visits lowered facility-based childbirth by about 12 "
     "percentage points.", False),
])
def test_two_groups_figures_side_by_side_state_a_direction(sentence: str,
                                                           supported: bool) -> None:
    _judged(sentence, supported, paper(
        "lindgren2016chw", 2016, FIRST,
        "Community health worker home visits and facility-based childbirth", CHW))


DROUGHT = ("After an agent opened, households hit by an illness or a crop loss smoothed "
           "consumption better. In contrast, agent access did not improve consumption "
           "smoothing after the 2011 drought, which struck entire villages.")


@pytest.mark.parametrize(("sentence", "supported"), [
    # the paper denies it in the clause, past the negation's first words
    ("A nearby agent helped households cushion an illness or a crop loss, but not the 2011 "
     "drought.", True),
    ("A nearby agent helped households cushion an illness or a crop loss, but not a crop "
     "loss.", False),
])
def test_a_word_the_papers_deny_in_its_clause(sentence: str, supported: bool) -> None:
    _judged(sentence, supported,
            paper("lindgren2018agents", 2018, FIRST, "Agents of change?", DROUGHT))


def test_whether_or_not_negates_nothing() -> None:
    from agent.verify.lexicon import _lexical
    found = _lexical("Codes should be checked whether or not admission flags are available.")
    assert not found.negated_wide
    assert "flag" in found.plain_wide
