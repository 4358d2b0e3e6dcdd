"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
beatriz-lindqvist-okoro.bib: a historian of science and medicine, books, chapters and
sole-authored articles, and a digital-history turn), and what it now writes.

Before (`research-agent report FILE --writing plan`, `research-agent ask FILE Q`):
- "Examines the teaching of botany at the University of Coimbra ..." was refused as a
  claim that the paper's authors work at the University of Coimbra;
- "This book traces ...", "Drawing on district reports ..., this article examines ..."
  were no statements of what the work does, so rows read "This book traces ...";
- a result read "... rose from 14 students in 1773 to 63 in 1790, and that the garden's
  living collection grew ..." (the "we show that" gone, its second "that" left);
- a null result ("we found no evidence that the cordon delayed ...") had no row, and a
  lead-in with a negation before "found that" would have been stripped, stating the
  opposite of the abstract;
- "Did the cholera cordon in Angola work?" answered "Yes: one paper in the record is on
  cholera cordon in angola" (whether she worked on it, not whether it worked);
- "Does any work release data or code?" answered "Yes, in passing: no paper is mainly
  about “data or code”";
- a line was named "lisbon", its two papers having no abstract to show "Lisbon" is a name;
- the bio said "first author of 12 of them" of a record where 9 are written alone.
"""

from __future__ import annotations

import pytest

from agent.realize import contribution, stated_result
from agent.verify import Verifier
from tests.conftest import (REPO, abstract_paper, plan_answer_text, plan_report,
                            profile_verifier)

BEATRIZ = REPO / "evals" / "profiles" / "beatriz-lindqvist-okoro.bib"
TEACHING = "lindqvistokoro2010teaching"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(BEATRIZ)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return profile_verifier(BEATRIZ)


def _answer(question: str) -> str:
    return plan_answer_text(BEATRIZ, question)


@pytest.mark.parametrize(("sentence", "supported"), [
    # A place the abstract names is what the paper studies.
    ("Examines the teaching of botany at the University of Coimbra following the Pombaline "
     "reform of 1772.", True),
    # Said of a person, it is an affiliation, which the record does not give.
    ("Lindqvist-Okoro, at the University of Coimbra, wrote about the teaching of botany.",
     False),
    ("Lindqvist-Okoro is based at the University of Coimbra and wrote about botany.", False),
])
def test_a_place_the_paper_studies_is_no_affiliation(verifier: Verifier, sentence: str,
                                                      supported: bool) -> None:
    check = verifier.check(sentence, [TEACHING])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("abstract", "told"), [
    ("This book traces the rise of botanical gardens in Lisbon from 1768.",
     "traces the rise of botanical gardens in Lisbon from 1768"),
    ("This thesis examines herbaria in Lisbon between 1780 and 1810.",
     "examines herbaria in Lisbon between 1780 and 1810"),
    ("Drawing on district reports, this article examines the cordon around Luanda.",
     "examines the cordon around Luanda, drawing on district reports"),
])
def test_the_work_as_the_subject(abstract: str, told: str) -> None:
    assert contribution(abstract_paper(abstract)) == told


@pytest.mark.parametrize(("abstract", "result"), [
    ("This article examines a garden. Using matriculation books, we show that enrolment "
     "rose from 14 in 1773 to 63 in 1790, and that the collection grew to 1,200 species.",
     "Enrolment rose from 14 in 1773 to 63 in 1790, and the collection grew to 1,200 "
     "species"),
    ("This article examines a cordon. Comparing 14 districts, we found no evidence that "
     "the cordon delayed cholera.",
     "No evidence was found that the cordon delayed cholera"),
    # A negation before "found that" is kept with its clause, never stripped from it:
    # "The cordon delayed cholera by 12 days ..." would state the opposite.
    ("This article examines a cordon. No evidence was found that the cordon delayed "
     "cholera by 12 days compared with the coast.",
     "No evidence was found that the cordon delayed cholera by 12 days compared with the "
     "coast"),
    ("This article examines a cordon. We did not find that the cordon delayed cholera by "
     "12 days compared with the coast.", None),
])
def test_results_told_without_we(abstract: str, result: str | None) -> None:
    assert stated_result(abstract_paper(abstract), []) == result


def test_the_report(report: str) -> None:
    rows = {line.split("]", 1)[0].lstrip("| ["): line for line in report.splitlines()
            if line.startswith("| [")}
    assert "| Examines the teaching of botany at the University of Coimbra" in rows[TEACHING]
    assert "and the garden's living collection grew" in rows[TEACHING]
    assert "| Traces the rise of botanical gardens" in rows["lindqvistokoro2014gardens"]
    assert "| No evidence was found that the cordon delayed" in rows["lindqvistokoro2020cordon"]
    assert "### Lisbon" in report
    # Nine of her twelve first-author papers she wrote alone: the bio says so.
    assert "is first author of 12 of them" in report
    assert "Nine of them have Lindqvist-Okoro as sole author" in report
    # Every planned sentence stands: the turn of 2017 ("From 2017, the work turns to Cape
    # Verde, ...") was removed as merged facts until stop 39.
    # 54: "both with Lindqvist-Okoro as first author, including ..." takes in its example
    assert "Faithfulness: 54 sentences: 54 planned." in report
    assert "From 2017, the work turns to Cape Verde" in report


def test_did_the_thing_work() -> None:
    answer = _answer("Did the cholera cordon in Angola work?")
    assert not answer.startswith("Yes")
    assert "[lindqvistokoro2020cordon]" in answer
    assert "It reports that no evidence was found that the cordon delayed" in answer


def test_data_or_code() -> None:
    answer = _answer("Does any work release data or code?")
    assert "in passing" not in answer
    assert "[lindqvistokoro2022quarantinereg]" in answer  # the corpus
    assert "[tavares2023mining]" in answer  # the code its BibTeX url links to


@pytest.mark.parametrize(("question", "opening", "cited"), [
    # Before: "4 papers in the record are on books", one of them for its "matriculation
    # books" and one a journal article.
    ("Which of her works are books?", "Two of the 18 papers in this record are books",
     ["lindqvistokoro2014gardens", "lindqvistokoro2019islands"]),
    ("How many book chapters has she written?",
     "Three of the 18 papers in this record are book chapters",
     ["lindqvistokoro2011herbarium", "lindqvistokoro2018fever", "haddad2024linking"]),
    ("Has she written a thesis?", "1 of the 18 papers in this record is a thesis",
     ["lindqvistokoro2012ordering"]),
])
def test_the_kinds_of_her_works(question: str, opening: str, cited: list[str]) -> None:
    answer = _answer(question)
    assert answer.startswith(opening), answer
    for key in cited:
        assert f"[{key}]" in answer


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Two of the 18 papers in this record are books.", True),
    ("Three of the 18 papers in this record are books.", False),
    ("Three of the 18 papers in this record are book chapters.", True),
])
def test_a_count_of_a_kind_of_work(verifier: Verifier, sentence: str, supported: bool) -> None:
    keys = ["lindqvistokoro2011herbarium"] if "chapters" in sentence else []
    check = verifier.check(sentence, keys)
    assert check.supported is supported, check.reasons
