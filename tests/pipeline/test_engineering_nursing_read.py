"""Found by reading what the tool writes of two more profiles no code had seen, each with a
truth file written by a helper who had not read the code (late in stop 40):
evals/profiles/saoirse-valdivia-koenig.json (earthquake engineering, a Semantic Scholar
author) and evals/profiles/tove-marchbanks.txt (nursing research, a profile page). Both were
read held out first (the stop 40 note).

Before (`research-agent ask FILE Q --writing plan`):
- "What was her PhD thesis about?" answered that the record says nothing about education,
  of records holding "This thesis investigates ..." (no format gave its kind);
- an erratum's "was reported as 0.71 g; the correct value is 0.57 g", and a paper's "Our
  earlier estimate ... was largely an artefact ...; we no longer consider it evidence",
  were no corrections;
- a correction notice's "errors, which do not affect the results or conclusions" was a
  null result;
- a profile page's structured abstract kept its headings ("reports that results: RN
  staffing varied ...");
- a line of work was named "28 Norwegian hospitals";
- "Who is her most frequent / longest-standing collaborator?" got the overview;
- "How accurate was the HJEM immobility algorithm?" quoted the recruitment sentence.
"""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.parse import load_profile
from tests.conftest import REPO, plan_answer_text

ENGINEER = REPO / "evals" / "profiles" / "saoirse-valdivia-koenig.json"
NURSE = REPO / "evals" / "profiles" / "tove-marchbanks.txt"
AS_OF = dt.date(2026, 11, 28)


def test_a_thesis_that_says_so_is_a_thesis() -> None:
    for path, key in ((ENGINEER, "valdiviakoenig2015outofplane"),
                      (NURSE, "marchbanks2016preventing")):
        paper = next(p for p in load_profile(path, as_of=AS_OF).papers if p.key == key)
        assert paper.kind == "thesis"
        answer = plan_answer_text(path, "What was her PhD thesis about?")
        assert answer.startswith("1 of the 19 papers in this record is a thesis")
        assert f"[{key}]" in answer


def test_an_erratum_and_a_reassessed_estimate_are_corrections() -> None:
    engineer = plan_answer_text(ENGINEER, "Has she ever corrected or walked back her own "
                                          "earlier findings?")
    assert "[valdiviakoenig2016erratum]" in engineer
    assert "[valdiviakoenig2021trmretrofitted]" in engineer
    nurse = plan_answer_text(NURSE, "Has she ever corrected or walked back one of her own "
                                    "findings?")
    assert "[marchbanks2018correction]" in nurse and "[marchbanks2021nurse]" in nurse


def test_what_a_correction_leaves_unchanged_is_no_null_result() -> None:
    answer = plan_answer_text(NURSE, "Did any of her studies find no effect?")
    assert "[marchbanks2016effect]" in answer
    assert "[marchbanks2018correction]" not in answer


def test_a_profile_page_abstract_loses_its_headings() -> None:
    paper = next(p for p in load_profile(NURSE, as_of=AS_OF).papers
                 if p.key == "marchbanks2022home")
    assert "Results:" not in paper.abstract and "Background:" not in paper.abstract
    assert "RN staffing varied from 4.1 to 19.6 FTE" in paper.abstract
    # Compound headings too ("Aims and objectives:", "Materials and methods:").
    survey = next(p for p in load_profile(NURSE, as_of=AS_OF).papers
                  if p.key == "marchbanks2013prevalence")
    assert survey.abstract.startswith("To describe the prevalence of pressure ulcers")
    from agent.parse.fields import without_labels
    assert without_labels("Materials and methods: We ran. Main results: It worked. "
                          "Authors' conclusions: Good.") == "We ran. It worked. Good."


def test_no_line_is_named_by_a_count() -> None:
    facts = analyze(load_profile(NURSE, as_of=AS_OF))
    assert not any(t.label[0].isdigit() for t in facts.topics), \
        [t.label for t in facts.topics]


def test_a_collaborator_question_with_a_slash() -> None:
    answer = plan_answer_text(NURSE, "Who is her most frequent / longest-standing "
                                     "collaborator?")
    assert "most frequent co-author in this record is Rune Vatnedal, on 7 papers" in answer


def test_how_accurate_is_answered_by_the_sentence_of_accuracy() -> None:
    answer = plan_answer_text(NURSE, "How accurate was the HJEM immobility algorithm?")
    assert "with a sensitivity of 0.88" in answer
    assert "consented to 1,430 hours" not in answer


@pytest.mark.parametrize("question", ["What did the TILT trial show?",
                                      "What did the TILT trial find?"])
def test_what_a_trial_showed_is_told_by_the_paper_that_reports_it(question: str) -> None:
    """"What did the TILT trial show?" named the trial's protocol ("The TILT trial:
    protocol for ..."), which states no result, and the answer said only that Marchbanks was
    its first author. The paper with TILT in its title that reports the result answers."""
    text = plan_answer_text(NURSE, question)
    assert "6.1% in intervention wards and 6.8% in control wards" in text, text


def test_a_name_ending_in_s_takes_s_like_the_rest_of_the_prose() -> None:
    """An answer said "Tove Marchbanks' profile page states ..." beside the report's
    "Marchbanks's first-author paper"."""
    text = plan_answer_text(NURSE, "What is her most cited paper?")
    assert "Tove Marchbanks's profile page states" in text, text
