"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
leontyne-okafor-brandt.json: perovskite solar-cell stability, then machine-learned
interatomic potentials, then sodium-ion cathodes, as a Zotero CSL-JSON export), and what it
now writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- a line of work named "situ X-ray diffraction", of "In Situ X-ray Diffraction";
- a paper and its correction notice made a line ("CH3NH3PbI3 solar cells") once the third
  paper of their cluster, which does not use the name, was set apart;
- "introduces HALO ... and use it to follow ...", "concludes that ... and recommend that";
- a Wiley abstract's heading in the table: "Abstract P2-type Na0.67Ni0.33Mn0.67O2 is ...";
- the correction's row read "Correction for 'Ion migration ...' by Leontyne Okafor-Brandt
  et al., J. Mater.": a journal's abbreviated name ended the sentence, and the notice's
  header said nothing of what it corrects;
- "Has she ever corrected or withdrawn one of her own findings?" answered that the record
  says nothing about corrections, of a record with a correction notice and a paper that
  withdraws her earlier attribution;
- "How many works did she publish between 2020 and 2023 inclusive?" answered "no papers on
  “many”";
- "Has she published on heterogeneous catalysis or electrocatalysts?" answered "Yes, in
  passing: ... 5 papers mention it": "electrocatalysts", "electrodes" and "electrolytes"
  share the stem "electr".
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO, plan_answer_text, plan_report, profile_verifier, table_row

CHEMIST = REPO / "evals" / "profiles" / "leontyne-okafor-brandt.json"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(CHEMIST)


def _answer(question: str) -> str:
    return plan_answer_text(CHEMIST, question)


def test_a_latin_phrase_is_one_name(report: str) -> None:
    assert "situ X-ray" not in re.sub(r"(?i)in situ X-ray", "", report)
    headings = re.findall(r"^### (.+)$", report, re.M)
    assert "In situ X-ray diffraction" in headings


def test_a_paper_and_its_correction_make_no_line(report: str) -> None:
    headings = re.findall(r"^### (.+)$", report, re.M)
    assert "CH3NH3PbI3 solar cells" not in headings


def test_a_second_verb_of_we_is_third_person(report: str) -> None:
    assert "and uses it to follow the degradation" in report
    # "We fabricated 64 planar solar cells ... and aged all unencapsulated devices ...".
    assert "and ages all unencapsulated devices" in table_row(report, "okaforbrandt2015chloride")
    assert " and use it " not in report and " and aged all" not in report


def test_the_abstract_heading_is_no_part_of_the_abstract(report: str) -> None:
    row = table_row(report, "bhattacharjee2024mg")
    assert "Abstract P2-type" not in row


def test_a_correction_says_what_it_corrects(report: str) -> None:
    row = table_row(report, "okaforbrandt2016correction")
    assert "was misstated in the abstract and in the Experimental section as 240–330 K" in row
    assert "J. Mater." not in row.split("|")[3]


def test_corrections_and_withdrawals_are_answered_from_the_abstracts() -> None:
    answer = _answer("Has she ever corrected or withdrawn one of her own findings?")
    assert answer.startswith("Yes: 2 papers in this record say in their abstracts that they "
                             "correct or withdraw a finding or statement of earlier work")
    assert "[okaforbrandt2016correction]" in answer and "[carvalho2020iodide]" in answer
    assert "We therefore withdraw our earlier attribution" in answer
    assert "says nothing about corrections" not in answer


def test_a_correction_with_no_abstract_is_listed_by_its_title() -> None:
    answer = plan_answer_text(REPO / "evals" / "profiles" / "bartholomew-ferreira-oyelaran.json",
                              "Has he ever corrected or withdrawn one of his own findings?")
    assert answer.startswith('The record lists "Correction to “Chiral Phosphoric Acid')
    assert "[ferreiraoyelaran2015correction]" in answer


def test_a_count_of_works_in_an_inclusive_range_of_years() -> None:
    answer = _answer("How many works did she publish between 2020 and 2023 inclusive?")
    assert answer.startswith("Leontyne Okafor-Brandt has 4 papers dated 2020 to 2023 in this "
                             "record")


def test_a_word_is_not_mentioned_by_another_of_its_stem() -> None:
    answer = _answer("Has she published on heterogeneous catalysis or electrocatalysts?")
    assert answer.startswith("No:"), answer
    assert "in passing" not in answer


def test_a_count_of_papers_dated_in_a_window_wider_than_them_is_read() -> None:
    # The window asked for, not the cited papers' years: the count's check reads it.
    verifier = profile_verifier(CHEMIST)
    keys = ["carvalho2020iodide", "carvalho2021migra212", "rautenbach2022graphnetwork",
            "oyelaran2023sodium"]
    assert verifier.check("Leontyne Okafor-Brandt has 4 papers dated 2019 to 2023 in this "
                          "record.", keys).supported is False  # 5: the 2019 chapter too
    assert verifier.check("Leontyne Okafor-Brandt has 5 papers dated 2019 to 2023 in this "
                          "record.", keys).supported


def test_a_journal_abbreviation_does_not_end_a_sentence() -> None:
    from agent.verify.sentences import sentence_texts

    text = ("Correction for X by L. Okafor-Brandt et al., J. Mater. Chem. A, 2015, 3, 6410. "
            "The range was wrong. We thank Dr. Smith. Then we left.")
    assert list(sentence_texts(text)) == [
        "Correction for X by L. Okafor-Brandt et al., J. Mater. Chem. A, 2015, 3, 6410.",
        "The range was wrong.", "We thank Dr. Smith.", "Then we left."]
