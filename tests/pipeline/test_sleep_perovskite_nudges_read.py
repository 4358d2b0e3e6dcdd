"""Found by reading what the tool writes of three records written for stop 48 by helpers
who had not read the code, each with a faithful account and 14 questions:
evals/profiles/rosalind-tveit-amankwah.json (shift work and sleep, CSL-JSON: roster
studies, a diabetes finding she overturned, then roster trials),
evals/profiles/evander-idowu-strandberg.bib (perovskite solar cells, BibTeX: efficiency,
then stability, then lead leaching and recycling) and
evals/profiles/solveig-mbanefo-larranaga.txt (savings nudges, a profile page: opt-in
products, then payroll defaults, then the liquidity of defaults).

Before (`research-agent ask FILE "..." --writing plan`):
- "When did she start running intervention studies, and why?" answered that the record
  holds no papers on "start running intervention";
- "When did he start working on lead leaching and recycling, and why?" dated the start by
  a 2025 review, the first paper on both, not by the 2022 leaching study; neither answer
  said why, though both abstracts do ("We therefore turned from observational
  epidemiology to intervention research", "we have therefore extended our work ...");
- "Did cutting quick returns actually reduce sickness absence?" said the record holds no
  papers on "cutting quick returns";
- "Has she produced any datasets or software?" answered "No: ... holds no papers on
  produced any datasets or software"; "Has she released any software?" found no package,
  though SAVEPANEL's abstract says "we ... provide R and Python packages";
- "Did his 2016 finding that a 2D phenethylammonium cap improves stability hold up?"
  quoted the 2016 paper's method ("We deposited a thin layer ... (PEA2PbI4) ...",
  chosen for its figures and for "a 2D/3D structure confirmed by grazing-incidence X-ray
  diffraction", read as a replication's "confirmed"); "Did the 2017 finding ... hold up?"
  quoted the 2017 paper's hedge ("... these balance gains may overstate increases in
  household wealth");
- "Does her work show that income volatility causes households to opt out ...?" quoted
  the 2025 paper's method ("Using SAVEPANEL, we pool ...") rather than its finding;
- a row read "concludes that defaults durably raise participation and plans balances"
  ("plan" taken for a second verb of the paper's, inside what it concludes).
"""

from __future__ import annotations

from agent import realize
from agent.questions import classify
from tests.conftest import REPO, plan_answer_text

EVALS = REPO / "evals" / "profiles"
SLEEP = EVALS / "rosalind-tveit-amankwah.json"
PEROVSKITE = EVALS / "evander-idowu-strandberg.bib"
NUDGES = EVALS / "solveig-mbanefo-larranaga.txt"


def test_starting_to_run_studies_is_dated_by_the_term_the_papers_use_and_says_why() -> None:
    answer = plan_answer_text(SLEEP, "When did she start running intervention studies, and "
                                     "why?")
    assert "An earlier paper uses the term intervention: \"A forward-rotating roster" in answer
    assert ('says why: "Observational studies, including our own roster linkage and cohort '
            'analyses') in answer, answer
    assert ("We therefore turned from observational epidemiology to intervention research.\" "
            "[tveitamankwah2019forwardrotating].") in answer


def test_a_start_of_two_things_is_the_earlier_start_of_either() -> None:
    answer = plan_answer_text(PEROVSKITE, "When did he start working on lead leaching and "
                                          "recycling, and why?")
    assert answer.startswith('The earliest paper on lead leaching in the record is "Lead '
                             'Leaching from Damaged Perovskite Solar Modules under Simulated '
                             'Rainfall" (2022)'), answer
    assert "we have therefore extended our work from device stability to lead release" in answer


def test_a_thing_done_to_a_subject_is_looked_for_by_the_subject() -> None:
    answer = plan_answer_text(SLEEP, "Did cutting quick returns actually reduce sickness "
                                     "absence?")
    assert "holds no papers" not in answer and "Quick returns" in answer, answer


def test_produced_is_no_part_of_what_is_asked_for() -> None:
    assert classify("Has she produced any datasets or software?", "X Y").topic \
        == "datasets or software"
    answer = plan_answer_text(NUDGES, "Has she produced any datasets or software?")
    assert not answer.startswith("No") and "SAVEPANEL" in answer, answer


def test_packages_a_dataset_paper_provides_are_software() -> None:
    answer = plan_answer_text(NUDGES, "Has she released any software?")
    assert "provide R and Python packages, both named savepanel" in answer, answer


def test_a_held_up_claim_is_quoted_by_its_finding_not_its_method_or_hedge() -> None:
    cap = plan_answer_text(PEROVSKITE, "Did his 2016 finding that a 2D phenethylammonium cap "
                                       "improves stability hold up?")
    assert "We deposited a thin layer" not in cap, cap
    assert "In the dark test, the earlier result was reproduced" in cap
    default = plan_answer_text(NUDGES, "Did the 2017 finding that automatic enrolment raised "
                                       "low-wage workers' savings hold up?")
    assert "may overstate increases in household wealth" not in default, default


def test_whether_the_work_shows_a_cause_quotes_the_finding() -> None:
    answer = plan_answer_text(NUDGES, "Does her work show that income volatility causes "
                                      "households to opt out of savings defaults?")
    assert "Using SAVEPANEL, we pool" not in answer
    assert "opted out at a rate of 27%, compared with 10% in the bottom quintile" in answer


def test_no_second_verb_of_the_papers_inside_what_it_concludes() -> None:
    told = realize._statements("We conclude that defaults durably raise participation and "
                               "plan balances.", True)
    assert told == ("concludes that defaults durably raise participation and plan balances",)
    # Outside a that-clause the second verb is still the paper's.
    assert realize._statements("We learn a world model and plan in its latent space.",
                               True) == ("learns a world model and plans in its latent space",)


def test_several_kinds_of_output_are_answered_kind_by_kind() -> None:
    """"Has she produced any datasets, reviews, software or corrections?" was answered by
    its corrections alone: each kind is now answered as if asked alone, and reviews by
    their titles."""
    answer = plan_answer_text(NUDGES, "Has she produced any datasets, reviews, software or "
                                      "corrections?")
    assert "SAVEPANEL" in answer and "Correction to: Commitment savings" in answer, answer
    assert "The record lists \"Defaults and the poor: a systematic review" in answer


def test_two_subjects_compared_are_told_with_what_each_found() -> None:
    """"How did the 2016 forward-rotation study differ from the ROSTRA trial, and did they
    agree?" counted the papers on each side and said nothing either found."""
    answer = plan_answer_text(SLEEP, "How did the 2016 forward-rotation study differ from the "
                                     "ROSTRA trial, and did they agree?")
    assert "self-reported sleep on workdays increased by 19 min more" in answer, answer
    assert "ROSTRA" in answer.split("increased by 19 min more")[1]
