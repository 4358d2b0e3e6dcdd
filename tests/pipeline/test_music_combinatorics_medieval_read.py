"""Found by reading what the tool writes of three records held out in stop 47 (their
questions and reports run at the stop's start and again after the fixes made for the
glaciology, soil and transport records, before they were read; then fixed):
evals/profiles/perpetua-oduro-castellanos.txt (music cognition, a profile page),
evals/profiles/linnea-quarshie-holmgaard.xml (combinatorics, an arXiv feed) and
evals/profiles/clemence-arbogast-nwachukwu.bib (medieval charters and handwriting
recognition, BibTeX).

Before (`research-agent ask FILE "..." --writing plan`, and the plan report):
- "What does the erratum correct?" answered that the record says nothing about
  corrections, beside an arXiv "Erratum: ..." whose abstract says "the lemma is false";
- "Did the 2.3% error reported for the 4-cycle estimator hold up?" answered "Yes: one
  paper in the record is on 2 3 error reported for the 4-cycle estimator hold up";
- "Did the "eleven hands" of 2014 survive the computational test?" answered "Yes: ... 1
  paper on “eleven hands of survive the computational test”", a review;
- "How does the 2023 paper relate to the 2020 algorithm?" found no paper on "relate to
  the algorithm";
- "Can infants synchronize their movements to a musical beat?" answered "Yes: 3 papers
  ...", where the work finds they do not;
- "How accurate is her group's script-dating model?" found no paper on "accurate is her
  group's script-dating model"; "When did she start using handwritten text recognition?"
  was not read as a start;
- "What did the parchment study find?" and "What did she find about women in the
  Montaubrac charters?" told what the papers did, not what they found;
- the trajectory named "RamseyCert: Certified SAT-Based ..." by full title twice, once as
  "... uses RamseyCert to recompute ...";
- a row's contribution was the abstract's opening on the field ("Music that listeners
  rate ... is widely used to pace exercise, but ... has rarely been tested").
"""

from __future__ import annotations

import pytest

from agent import realize
from agent.parse import load_profile
from agent.pipeline import extracted_digest
from agent.questions import QuestionKind, classify
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text

MUSIC = REPO / "evals" / "profiles" / "perpetua-oduro-castellanos.txt"
GRAPHS = REPO / "evals" / "profiles" / "linnea-quarshie-holmgaard.xml"
CHARTERS = REPO / "evals" / "profiles" / "clemence-arbogast-nwachukwu.bib"


def test_an_erratum_says_what_it_corrects() -> None:
    answer = plan_answer_text(GRAPHS, "What does the erratum correct?")
    assert answer.startswith('"Erratum: Multicolour Ramsey Numbers of Even Cycles via '
                             'Stability" (2019): "As a reader pointed out to us, the lemma '
                             'is false'), answer


@pytest.mark.parametrize(("path", "question", "said"), [
    (GRAPHS, "Did the 2.3% error reported for the 4-cycle estimator hold up?",
     "4.1% rather than the 2.3% originally reported"),
    (CHARTERS, 'Did the "eleven hands" of 2014 survive the computational test?',
     "Its clustering supported 9 of the 11 hands"),
])
def test_whether_a_figure_or_a_quoted_claim_held_is_the_later_verdict(
        path, question: str, said: str) -> None:
    assert classify(question, "X Y").aspect == "held_up"
    answer = plan_answer_text(path, question)
    assert not answer.startswith("Yes") and said in answer, answer


def test_a_dated_work_relates_to_another_of_its_year() -> None:
    question = "How does the 2023 paper relate to the 2020 algorithm?"
    assert classify(question, "X Y").topics == ("2023 paper", "2020 algorithm")
    answer = plan_answer_text(GRAPHS, question)
    assert "[castellanosdunne2020sublineartime]" in answer \
        and "[castellanosdunne2023lower]" in answer, answer


def test_whether_things_of_a_kind_can_do_something_is_a_finding() -> None:
    question = "Can infants synchronize their movements to a musical beat?"
    asked = classify(question, "Perpetua Oduro-Castellanos")
    assert (asked.kind, asked.topic) == (QuestionKind.WORK, "infants")
    assert not plan_answer_text(MUSIC, question).startswith("Yes")
    assert classify("Can she code?", "X Y").kind is QuestionKind.YES_NO


def test_how_accurate_a_groups_model_is_and_when_a_tool_was_taken_up() -> None:
    answer = plan_answer_text(CHARTERS, "How accurate is her group's script-dating model?")
    assert "mean absolute error was 17.6 years" in answer, answer
    answer = plan_answer_text(CHARTERS, "When did she start using handwritten text "
                                        "recognition, and why?")
    assert answer.startswith("The earliest paper on handwritten text recognition in the "
                             "record is"), answer


@pytest.mark.parametrize(("question", "said"), [
    ("What did the parchment study find?", "Book leaves were predominantly calf"),
    ("What did she find about women in the Montaubrac charters?",
     "The share of acts with a woman as principal donor fell from 19.4 per cent"),
])
def test_what_a_study_found_is_its_finding_in_figures(question: str, said: str) -> None:
    assert said in plan_answer_text(CHARTERS, question)


def test_a_largest_corpus_is_the_largest_count_of_units() -> None:
    answer = plan_answer_text(CHARTERS, "What was the largest corpus in her work?")
    assert "4,210 charter images" in answer, answer


def test_a_work_used_by_its_own_name_is_said_of_the_name() -> None:
    assert realize.said_of("RamseyCert", "uses RamseyCert to recompute r(C_m, K_t) for 23 "
                                         "pairs") == "recomputes r(C_m, K_t) for 23 pairs"


def test_an_opening_on_the_field_gives_way_when_the_abstract_never_turns() -> None:
    paper = next(p for p in load_profile(MUSIC, as_of=EXAMPLE_AS_OF).papers
                 if p.key == "odurocastellanos2017highgroove")
    assert extracted_digest(paper).contribution.startswith("In Experiment 1, 48 adults")


def test_a_result_said_by_i_and_a_pointer_to_the_analogous_are_no_prose() -> None:
    assert realize._I_SAY.search("the cartulary was contemporary with them, and I withdraw "
                                 "the argument")
    assert realize.dangling("proves the analogous statement for longer odd cycles")


def test_a_period_in_a_counts_example_is_no_phase_it_counts() -> None:
    from tests.conftest import profile_verifier

    verifier = profile_verifier(CHARTERS)
    check = verifier.check(
        'Arbogast-Nwachukwu is first author of 11 of them, including "Remade for the Archive: '
        'Pseudo-Original Charters at Montaubrac, 1050–1150" (2013), which examines the 212 '
        "single-sheet charters surviving from the abbey of Montaubrac for the period "
        "950–1150.", ["arbogastnwachukwu2013remade"])
    assert check.supported, check.reasons
    wrong = verifier.check(
        'Arbogast-Nwachukwu is first author of 5 of them, including "Remade for the Archive: '
        'Pseudo-Original Charters at Montaubrac, 1050–1150" (2013).',
        ["arbogastnwachukwu2013remade"])
    assert not wrong.supported


def test_a_bio_realized_again_keeps_its_length() -> None:
    """Realized again after its items are chosen, a paper may take a longer frame than it
    was measured in ('A 2012 paper, "T",'): found at 80 words of this record (93 words
    against a ceiling of 92) by trying every record at 40 to 250 words."""
    from agent.analyze import analyze
    from agent.plan import BIO_TOLERANCE, Planner

    profile = load_profile(REPO / "evals" / "profiles" / "dagny-okonjo-varga.txt",
                           as_of=EXAMPLE_AS_OF)
    outline = Planner(profile, analyze(profile)).bio(80)
    words = sum(len(c.text.split()) for s in outline.sections for c in s.claims)
    assert 0 < words <= int(80 * (1 + BIO_TOLERANCE)), words


def test_a_held_up_answer_quotes_papers_told_together() -> None:
    """Both papers of the cartulary's dating are told in one sentence of role ("... is the
    sole author of A and B"): each one's own words still follow."""
    answer = plan_answer_text(CHARTERS, "Did her dating of the Montaubrac cartulary hold up?")
    assert "I withdraw the argument that it was a response to the dispute of 1093" in answer
    assert "In this article I identify the main hand with Hand H" in answer, answer


def test_a_model_sentence_takes_an_before_a_vowel() -> None:
    """The embedded model wrote that ScriptDate (2022) "releases the model as a open-source
    software"; the verifier has no grammar to catch it."""
    from agent.pipeline import _one_sentence

    assert _one_sentence("It releases the model as a open-source software.") == \
        "It releases the model as an open-source software."
    assert _one_sentence("A idea of a European, a one-time and a unique LSTM, a LSTM.") == \
        "An idea of a European, a one-time and a unique LSTM, a LSTM."


def test_a_finding_in_figures_is_not_the_authors_telling_what_they_did() -> None:
    """"We sampled 146 leaves ..." is the method, said by the authors; the finding in
    figures is the sentence after it (the check read "we" in lower case only)."""
    import datetime as dt

    from agent.answers import _figured_finding
    from agent.models import Paper

    paper = Paper(key="k", title="T", date=dt.date(2020, 1, 1), authors=["A B"],
                  abstract="Parchment was widely used. We sampled 146 leaves from 14 "
                           "manuscripts. Book leaves were calf in 72.8 per cent of cases.")
    assert _figured_finding(paper) == "Book leaves were calf in 72.8 per cent of cases."
