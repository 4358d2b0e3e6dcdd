"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
bartholomew-ferreira-oyelaran.json: asymmetric catalysis, then photoredox and
electrochemistry, then high-throughput experiments and yield prediction, as a Semantic
Scholar author object), and what it now writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- "Has he ever used electricity to drive chemical reactions?" answered "Yes: 2 papers in
  the record are on electricity to drive chemical reactions", citing an aza-Friedel–Crafts
  paper: the verifier's six-letter stems made "electricity" the paper's "electrophiles";
- "How many papers has he published as last (senior) author?" answered "No paper ... uses
  the word “many”";
- "Where does he work now, and does he teach?" answered with the trajectory;
- rows and paragraphs ended mid-clause where "our" was cut: "on three HTE datasets,
  including", "to pyridines that";
- the 2018 reinvestigation's row said it "previously proposes" the mechanism it refutes;
- the Minisci paper's row was its background sentence, since "Herein we show" was not
  read as the paper speaking;
- "Margaret A. Coldwell, on 7 papers" failed verify: the initial's full stop ended the name;
- "Which papers release data or code?" missed "The full dataset ... is provided in
  machine-readable form in the Supplementary Information".
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, plan_answer_text, plan_report, profile_verifier, table_row

CHEMIST = REPO / "evals" / "profiles" / "bartholomew-ferreira-oyelaran.json"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(CHEMIST)


def _answer(question: str) -> str:
    return plan_answer_text(CHEMIST, question)


def test_a_word_is_not_said_by_another_of_its_first_six_letters() -> None:
    from agent.verify.lexicon import same_word

    verifier = profile_verifier(CHEMIST)
    # The 2009 paper has "electrophiles" and "reaction", no electricity.
    assert not verifier.check("Electricity drives chemical reactions.",
                              ["ferreiraoyelaran2009chiral"]).supported
    assert verifier.check("Electricity drives chemical reactions.",
                          ["ibanezsuarez2019mediatorfree"]).supported is False
    assert not same_word("electricity", "electrophiles")
    assert not same_word("transfer", "transformer")
    assert not same_word("combined", "combinatorial")
    # Forms of one word still meet: inflections, derivations, both spellings.
    for a, b in [("reactions", "reactivity"), ("signaling", "signalling"),
                 ("infectiveness", "infection"), ("unifying", "unified"),
                 ("atherosclerotic", "atherosclerosis"), ("efficiency", "efficient")]:
        assert same_word(a, b), (a, b)


def test_no_false_yes_for_a_word_the_record_never_uses() -> None:
    answer = _answer("Has he ever used electricity to drive chemical reactions?")
    assert not answer.startswith("Yes")
    assert "ferreiraoyelaran2009chiral" not in answer


def test_last_author_count_counts_sole_authorship_as_the_verifier_does() -> None:
    answer = _answer("How many papers has he published as last (senior) author?")
    assert answer.startswith("Bartholomew Ferreira-Oyelaran is last author of 11 of the 21 "
                             "papers in this record, 2 of them as sole author")


def test_where_he_works_now_and_teaching_are_beyond_the_record() -> None:
    answer = _answer("Where does he work now, and does he teach?")
    assert answer.startswith("The record of Bartholomew Ferreira-Oyelaran lists publications "
                             "and says nothing about teaching and current positions")
    assert "None of Bartholomew Ferreira-Oyelaran's papers in this record names an " \
           "affiliation." in answer
    assert "From 2019" not in answer


def test_a_cut_before_our_takes_its_joining_word(report: str) -> None:
    assert "three HTE datasets, including [" not in report
    assert "to pyridines that [" not in report
    assert "on three HTE datasets [ostergaard2022learned]" in report


def test_earlier_own_work_is_no_contribution(report: str) -> None:
    row = table_row(report, "nwachukwureyes2018radical")
    assert "previously" not in row.casefold()
    assert "previously proposes" not in report


def test_herein_we_show_is_the_paper_speaking(report: str) -> None:
    row = table_row(report, "ferreiraoyelaran2015enantioselective")
    assert "| Shows that a chiral phosphoric acid can serve both as the Brønsted acid" in row


def test_a_coauthor_with_a_middle_initial_is_counted() -> None:
    verifier = profile_verifier(CHEMIST)
    keys = ["ferreiraoyelaran2009chiral"]
    said = "Bartholomew Ferreira-Oyelaran's most frequent co-author in this record is {}."
    assert verifier.check(said.format("Margaret A. Coldwell, on 7 papers"), keys).supported
    assert not verifier.check(said.format("Margaret A. Coldwell, on 6 papers"), keys).supported


def test_a_title_with_quotes_is_quoted_whole() -> None:
    verifier = profile_verifier(CHEMIST)
    sentence = ('"Correction to “Chiral Phosphoric Acid-Catalyzed Aza-Friedel–Crafts Reaction '
                'of Indoles with N-Boc Ketimines: Direct Access to Tetrasubstituted '
                'Stereocenters”" (2015) and "Radical Chain Propagation Dominates in '
                'Photoredox-Mediated α-C–H Alkylation of Primary Amines: A Mechanistic '
                'Reinvestigation" (2018) appeared in Journal of the American Chemical Society.')
    keys = ["ferreiraoyelaran2015correction", "nwachukwureyes2018radical"]
    assert verifier.check(sentence, keys).supported
    assert not verifier.check(sentence.replace("Direct Access", "Quick Access"), keys).supported


def test_data_provided_in_the_supplement_is_released() -> None:
    answer = _answer("Which papers release data or code?")
    assert answer.startswith("Two papers in this record say in their abstracts what they build "
                             "or release [raghunathan2021highthroughput] [raghunathan2022hitexpr].")
