"""Found by reading what the tool writes of two profiles no code had seen, each with a truth
file of 14 questions written by a helper who had not read the code (stop 40):
evals/profiles/ysolde-karrenbeld.json (coastal hydrogeology, an OpenAlex works response) and
evals/profiles/ysolde-tregarthen.bib (field linguistics and language documentation, a
Zotero Better BibTeX export). Both were measured held out first (the stop 40 note).

Before (`research-agent ask FILE Q --writing plan`):
- "Has she ever corrected or walked back one of her own findings?" missed the 2017
  correction notice ("In the originally published version of this article, ...");
- "What did the Zeeland regional modelling study find about the drivers of salinization?"
  quoted the calibration sentence, not the one on the drivers;
- "Has she released any datasets or software?" missed the corpus ("The Ulnasi Documentary
  Corpus (UDC) is an archived collection ...") and the toolkit ("SeGLO is an open-source
  Python toolkit ..."), and took "presents a corpus-based typology" for a corpus;
- "Did she ever examine if teenagers differ from grandparents over ...?" was read as a
  comparison of "examine if teenagers" with "grandparents over ...";
- the thesis's row and answer said "Part I introduces the speech community ...", of an
  abstract that opens "This thesis is the first comprehensive grammatical description of
  Ulnasi ...";
- "I conclude that ..., and I withdraw the earlier claim" kept its second "I";
- the verifier could not read "the most frequent co-author is Ana Luísa Pereira Mendes, on
  12 papers": a name of four words was no person, so 12 was taken for the record's count.
"""

from __future__ import annotations

from agent.parse import load_profile
from tests.conftest import (EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report,
                            profile_verifier, table_row)

HYDROLOGIST = REPO / "evals" / "profiles" / "ysolde-karrenbeld.json"
LINGUIST = REPO / "evals" / "profiles" / "ysolde-tregarthen.bib"


def test_a_correction_notice_in_other_words_is_a_correction() -> None:
    answer = plan_answer_text(HYDROLOGIST, "Has she ever corrected or walked back one of "
                                           "her own findings?")
    assert answer.startswith("Yes: 2 papers in this record say")
    assert "[karrenbeld2017correction]" in answer and "[karrenbeld2019revisiting]" in answer


def test_what_a_work_found_about_a_subject_is_its_sentence_on_it() -> None:
    answer = plan_answer_text(HYDROLOGIST, "What did the Zeeland regional modelling study "
                                           "find about the drivers of salinization?")
    assert 'It reports: "Less than a quarter of the increase in salt load was attributable ' \
           'to sea-level rise; the dominant driver was autonomous salinization' in answer
    assert "calibrated against 1,940" not in answer


def test_a_four_word_co_author_is_a_person_of_the_record() -> None:
    verifier = profile_verifier(HYDROLOGIST)
    said = ("Ysolde Karrenbeld's most frequent co-author in this record is Ana Luísa Pereira "
            "Mendes, on 12 papers.")
    assert verifier.check(said, ["karrenbeld2012mapping"]).supported
    assert not verifier.check(said.replace("12", "11"), ["karrenbeld2012mapping"]).supported


def test_a_corpus_and_a_toolkit_that_say_what_they_are_are_released() -> None:
    answer = plan_answer_text(LINGUIST, "Has she released any datasets or software?")
    assert "[tregarthen2020udc]" in answer and "[park2024seglo]" in answer
    assert "[tregarthen2018serial]" not in answer  # "a corpus-based typology" is no corpus


def test_whether_she_examined_a_difference_is_a_yes_no_question() -> None:
    from agent.questions import QuestionKind, classify

    asked = classify("Did she ever examine if teenagers differ from grandparents over "
                     "tongue-lip pronunciation?", "Ysolde Tregarthen")
    assert asked.kind is QuestionKind.YES_NO
    assert asked.topic == "teenagers differ from grandparents over tongue-lip pronunciation"
    # only the verbs of asking whether leave the topic; "test generation" keeps its "test"
    assert classify("Has she worked on test generation?", "Ysolde Tregarthen").topic == \
        "test generation"


def test_a_thesis_that_says_what_it_is() -> None:
    report = plan_report(LINGUIST)
    assert "| The first comprehensive grammatical description of Ulnasi" in \
        table_row(report, "tregarthen2016grammar")
    assert "Part I introduces" not in report
    row = table_row(report, "tregarthen2021ulnasi")
    assert "and withdraws the earlier claim of a three-way nasal contrast" in row
    assert "and I withdraw" not in row


def test_an_open_question_is_answered_by_the_paper_that_answers_it() -> None:
    # No case of evals/ask_cases.jsonl: it has no kind for an open question.
    answer = plan_answer_text(LINGUIST, "According to her work, how much transcribed speech "
                                        "is needed to train a useful recogniser for Ulnasi?")
    assert "around four hours of carefully transcribed speech" in answer
    assert "[oduya2023how]" in answer


def test_a_lifted_finding_drops_the_connective_to_the_sentence_before() -> None:
    from agent.realize import without_connective

    report = plan_report(LINGUIST)
    assert "for linguolabial stops, all aligners perform markedly worse" in report
    assert "stops, however, all aligners" not in report
    assert without_connective("The linguolabial stop contrast, by contrast, is confirmed") \
        == "The linguolabial stop contrast is confirmed"


def test_a_technique_named_in_a_clause_is_no_name_of_the_paper() -> None:
    # "We present a joint inversion framework that combines marine controlled-source
    # electromagnetic (CSEM) data, ...": the report called the paper "CSEM (2025)".
    from agent.realize import short_name

    profile = load_profile(HYDROLOGIST, as_of=EXAMPLE_AS_OF)
    paper = next(p for p in profile.papers if p.key == "asanteboateng2025joint")
    assert short_name(paper) is None
    assert "CSEM (2025)" not in plan_report(HYDROLOGIST)


def test_a_kind_of_work_with_its_year_is_the_work_asked_about() -> None:
    # "What did the 2018 pilot find about tile drains?" was read as a question of time.
    answer = plan_answer_text(HYDROLOGIST, "What did the 2018 pilot find about tile drains?")
    assert "[karrenbeld2018raising]" in answer
    assert "which we attribute to tile drains at 0.9 m depth" in answer


def test_an_openalex_abstract_loses_its_structured_headings() -> None:
    # Journal of Hydrology: Regional Studies heads its abstracts "Study region:", "Study
    # focus:", "New hydrological insights for the region:"; the answer quoted the heading.
    answer = plan_answer_text(HYDROLOGIST, "What did the 2020 field experiment find?")
    assert 'It reports: "Raising ditch levels had no significant effect' in answer
    profile = load_profile(HYDROLOGIST, as_of=EXAMPLE_AS_OF)
    paper = next(p for p in profile.papers if p.key == "hoogendoorp2020no")
    assert "Study region:" not in paper.abstract and "New hydrological insights" not in \
        paper.abstract
