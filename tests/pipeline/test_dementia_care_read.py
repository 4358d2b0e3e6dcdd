"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
adaora-lindqvist-mwangi.txt: nursing and health-services research, a profile page, from
hospital staffing and falls to cluster-randomised ward trials to home care for people
with dementia), and what it now writes.

Before (`research-agent report FILE --writing plan`):
- "nurse-led" was read as the role "led": four planned sentences failed `verify` and were
  removed ("nurse-led ward-level falls prevention" took the papers it counted for her
  first-author ones; "a nurse-led carer support programme" made her the leader of a paper
  she is last author of). The bio then opened "Lindqvist-Mwangi is first author of 8 of
  them", "them" pointing at nothing;
- a line was named "family carers of people living", the title's "People Living with
  Dementia" cut at "with";
- a title that quotes ('"Nobody Asks How I Am": A Qualitative ...') came out as
  '""Nobody Asks How I Am": ...'.
"""

from __future__ import annotations

import pytest

from agent.analyze import analyze
from agent.parse import load_profile
from agent.questions import QuestionKind, classify
from agent.topics import _clause_cut
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report, profile_verifier

NURSE = REPO / "evals" / "profiles" / "adaora-lindqvist-mwangi.txt"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(NURSE)


def test_no_planned_sentence_is_removed(report: str) -> None:
    assert "removed" not in report.splitlines()[-1]
    bio = report.split("## Bio")[1].split("##")[0].strip()
    assert bio.startswith("Adaora Lindqvist-Mwangi's 15 papers, from 2012 to 2026, centre on ")


@pytest.mark.parametrize(("sentence", "keys", "supported"), [
    # A compound's "-led" says what kind of programme, not who led the paper.
    ('"Video Check-Ins by Home Care Nurses for Family Carers of People with Dementia in '
     'Kenya: A Pilot Randomised Feasibility Trial" (2026) assesses replacing half of the '
     "follow-up contacts in a nurse-led carer support programme with video check-ins.",
     ["mbugua2026video"], True),
    # The role itself is still checked: she is the last author of that paper.
    ("Lindqvist-Mwangi led \"Video Check-Ins by Home Care Nurses for Family Carers of People "
     'with Dementia in Kenya: A Pilot Randomised Feasibility Trial" (2026).',
     ["mbugua2026video"], False),
])
def test_a_compound_in_led_is_no_role(sentence: str, keys: list[str], supported: bool) -> None:
    assert profile_verifier(NURSE).check(sentence, keys).supported is supported


def test_no_line_is_named_by_a_clause_cut_short() -> None:
    facts = analyze(load_profile(NURSE, as_of=EXAMPLE_AS_OF))
    labels = [t.label for t in facts.topics if t.named]
    assert "family carers" in labels
    assert not any(label.endswith(("living", "of people")) for label in labels)


@pytest.mark.parametrize(("phrase", "cut"), [
    ("family carers of people living", True),
    ("patients receiving", True),
    ("family carers of people", True),
    ("nurse staffing", False),
    ("machine learning", False),
    ("home visiting", False),
    ("process mining", False),
])
def test_a_clause_cut_short_is_no_name(phrase: str, cut: bool) -> None:
    assert _clause_cut(phrase.split()) is cut


def test_a_quotation_in_a_title_is_typographic(report: str) -> None:
    assert ('In 2022, "“Nobody Asks How I Am”: A Qualitative Interview Study of Family '
            "Carers' Experiences") in report
    assert '""' not in report


def test_how_many_papers_on_a_subject_is_counted() -> None:
    """Before: "How many papers does she have on falls?" answered "No paper in the record
    ... uses the word “many”", and "How many trial protocols has she published?" that two
    papers are "on many trial protocols"."""
    answer = plan_answer_text(NURSE, "How many papers does she have on falls?")
    assert answer.startswith("Eight papers in the record are on falls, from 2012 to 2020 ")
    assert answer.count("[", 0, answer.index(".")) == 8  # every paper counted is cited
    protocols = plan_answer_text(NURSE, "How many trial protocols has she published?")
    assert protocols.startswith("Two papers in the record are on trial protocols, from 2016 "
                                "to 2023")


@pytest.mark.parametrize(("question", "topic"), [
    ("How many papers does she have on falls?", "falls"),
    ("How many of her papers are about dementia?", "dementia"),
    ("How many papers on falls has she written?", "falls"),
    ("How many trial protocols has she published?", "trial protocols"),
])
def test_a_count_question_names_its_subject(question: str, topic: str) -> None:
    asked = classify(question, "Adaora Lindqvist-Mwangi")
    assert (asked.kind, asked.topic, asked.aspect) == (QuestionKind.OPEN, topic, "count")


def test_the_size_of_the_record_with_its_period() -> None:
    answer = plan_answer_text(NURSE, "How many papers are in her record, and over what period?")
    assert answer.startswith("Adaora Lindqvist-Mwangi has 15 papers in this record, dated "
                             "2012 to 2026")


def test_whether_a_finding_held_up_is_asked_of_what_it_relates() -> None:
    """Before: "Yes: the record ... has 2 papers on “finding that more RN staffing means
    fewer falls hold up”"."""
    answer = plan_answer_text(NURSE, "Did her 2012 finding that more RN staffing means fewer "
                                     "falls hold up?")
    assert answer.startswith("Two papers in the record are on RN staffing and falls, from "
                             "2012 to 2017")
    assert '"Our original estimate overstated the association between RN staffing and falls' \
        in answer


def test_papers_on_part_of_a_topic_are_no_yes() -> None:
    """Before: "Yes: the record ... has 3 papers on “staffing levels in home care services”"
    (the verifier refutes the absence with papers on home care services, which say nothing
    of staffing). The record cannot tell: its one paper on both has no abstract."""
    answer = plan_answer_text(NURSE, "Has she studied staffing levels in home care services?")
    assert not answer.startswith("Yes")
    assert answer.startswith("No paper in the record of Adaora Lindqvist-Mwangi is mainly on "
                             "“staffing levels in home care services”")
