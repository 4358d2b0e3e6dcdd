"""Found by reading what the tool writes of two profiles held out until the end of stop 46
(their questions read once, before and after that stop's other changes, then fixed):
evals/profiles/liesel-akinyemi-rautio.bib (freshwater ecology, BibTeX: amphibian chytrid,
eDNA monitoring, reintroduction) and evals/profiles/tadeo-marchetti-oduya.txt (political
science, a profile page: survey experiments on electoral trust, legislative speech as
data, corrections of fraud rumours).

Before (`research-agent ask FILE "..." --writing plan`):
- "Did his early finding that observer endorsements raise losers' trust hold up?" answered
  "Yes: 3 papers in the record are on early finding that observer endorsements raise
  losers trust hold up", where the 2025 replication concludes the effect was overestimated;
- "Does publishing election results make people trust electoral authorities more?", "Does
  it matter who issues a correction ...?" and "Can eDNA replace capture-mark-recapture
  ...?" each answered "Yes: ... papers are on <the question's words>";
- "When did he start working on misinformation corrections?" answered that the record
  holds no paper on them (no abstract says "misinformation"; three are on corrections);
- "How well does eDNA detect the frog ...?" answered that no paper uses the word "well";
- a line of work was named "reveals" (a verb of two titles) and another "comparison".
"""

from __future__ import annotations

import pytest

from agent.analyze import analyze
from agent.parse import load_profile
from agent.questions import QuestionKind, classify
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text

ECOLOGIST = REPO / "evals" / "profiles" / "liesel-akinyemi-rautio.bib"
POLITICS = REPO / "evals" / "profiles" / "tadeo-marchetti-oduya.txt"


def test_a_finding_held_up_with_an_apostrophe_in_it() -> None:
    question = "Did his early finding that observer endorsements raise losers' trust hold up?"
    asked = classify(question, "Tadeo Marchetti-Oduya")
    assert (asked.aspect, asked.topic) == ("held_up", "observer endorsements and losers trust")
    answer = plan_answer_text(POLITICS, question)
    assert not answer.startswith("Yes")
    assert "the original effect was most likely overestimated" in answer, answer


@pytest.mark.parametrize(("path", "question", "said"), [
    (POLITICS, "Does publishing election results make people trust electoral authorities "
               "more?", "an equivalence test rejects effects larger than"),
    (POLITICS, "Does it matter who issues a correction, and do corrections restore trust in "
               "electoral authorities?", "distrust of electoral authorities does not prevent "
                                         "their corrections from working"),
    (ECOLOGIST, "Can eDNA replace capture\u2013mark\u2013recapture for monitoring reintroduced "
                "populations?", "it cannot yet replace CMR"),
])
def test_whether_a_thing_does_something_is_answered_by_what_a_work_found(
        path, question: str, said: str) -> None:
    assert classify(question, "X Y").kind is QuestionKind.WORK
    answer = plan_answer_text(path, question)
    assert not answer.startswith("Yes") and said in answer, answer


def test_a_start_is_dated_by_the_words_the_record_uses() -> None:
    answer = plan_answer_text(POLITICS, "When did he start working on misinformation "
                                        "corrections?")
    assert answer.startswith("No paper in the record of Tadeo Marchetti-Oduya uses the word "
                             "\u201cmisinformation\u201d. The earliest paper on corrections in "
                             "the record is \"Correcting electoral fraud rumours"), answer
    answer = plan_answer_text(POLITICS, "When did his work turn to text-as-data analysis of "
                                        "legislative speeches?")
    assert answer.startswith("The earliest paper on legislative speeches in the record is "
                             "\"CODELA"), answer


def test_how_well_a_thing_works_is_no_word_to_look_for() -> None:
    answer = plan_answer_text(ECOLOGIST, "How well does eDNA detect the frog versus the "
                                         "chytrid fungus, and when should lakes be sampled?")
    assert "uses the word \u201cwell\u201d" not in answer, answer


def test_no_line_is_named_by_a_titles_verb_or_a_kind_of_study() -> None:
    names = {t.label for t in analyze(load_profile(ECOLOGIST, as_of=EXAMPLE_AS_OF)).topics}
    assert not {"reveals", "comparison"} & names, names


def test_a_row_is_the_work_after_a_background_opening() -> None:
    # Both rows gave the abstract's background as the contribution ("Allegations of
    # electoral fraud are usually studied ...", "Electoral authorities increasingly respond
    # ..."); the first has a fronted "Using CODELA, a corpus of ..., we fit", the second no
    # "we" until its findings.
    from agent.pipeline import extracted_digest

    profile = load_profile(POLITICS, as_of=EXAMPLE_AS_OF)
    rows = {p.key: extracted_digest(p).contribution for p in profile.papers}
    assert rows["marchettioduya2020when"].startswith(
        "Fits a structural topic model (STM) with 60 topics"), rows["marchettioduya2020when"]
    assert rows["marchettioduya2020when"].endswith(
        "using CODELA, a corpus of 1.9 million floor speeches from eight Latin American lower "
        "chambers between 1994 and 2018.")
    assert rows["udehcarranza2024source"] and not rows["udehcarranza2024source"].startswith(
        "Electoral authorities increasingly"), rows["udehcarranza2024source"]
