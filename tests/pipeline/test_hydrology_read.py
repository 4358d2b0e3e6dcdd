"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
tomas-nakagawa-ferreira.txt: hydrology, a profile page, from Andean snowmelt modelling to
LSTM streamflow prediction to flood attribution), its 14 questions answered before any
change (9 right, 1 partial, 3 wrong, 1 the record cannot tell and the answer said so).

Before (`research-agent report FILE --writing plan`, and `ask`):
- "The 2021 paper ... corrects results I reported in 2018": a sole author's "I" inside a
  relative clause, in a third-person report;
- "What are the limitations of the 2023 Cachapoal attribution study?" gave the study's
  result and no limitation, though its abstract names one ("A limitation of this study is
  ..."): only a work named by its short name was asked for its limits;
- "What did the 2020 comparison of LSTMs and conceptual models find?" was taken for a
  comparison of two subjects ("Four papers in the record are on lstms ...").
"""

from __future__ import annotations

import pytest

from agent.analyze import analyze
from agent.parse import load_profile
from agent.questions import QuestionKind, classify
from agent.realize import _SELF_RELATIVE
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report, profile_verifier

HYDROLOGIST = REPO / "evals" / "profiles" / "tomas-nakagawa-ferreira.txt"


def test_the_author_inside_a_relative_clause_is_left_out() -> None:
    report = plan_report(HYDROLOGIST)
    assert "corrects results reported in 2018 on long short-term memory" in report
    assert " I reported" not in report


@pytest.mark.parametrize(("statement", "told"), [
    ("corrects results I reported in 2018", "corrects results reported in 2018"),
    ("evaluates the model that we trained on X", "evaluates the model trained on X"),
    # A second statement of the authors' own is no relative clause.
    ("compares A and we reported B", "compares A and we reported B"),
])
def test_a_relative_clause_without_its_author(statement: str, told: str) -> None:
    assert _SELF_RELATIVE.sub(r"\1 ", statement) == told


def test_the_limits_of_a_work_described_by_its_year() -> None:
    answer = plan_answer_text(HYDROLOGIST, "What are the limitations of the 2023 Cachapoal "
                                           "attribution study, and were they followed up?")
    assert answer.startswith('The abstract of "Human influence on the January 2021 '
                             'rain-on-snow flood in the Cachapoal River, central Chile" (2023) '
                             'names this limitation: "A limitation of this study is that both '
                             "hydrological models must simulate counterfactual peak flows")


def test_a_comparison_of_that_year_is_one_work() -> None:
    question = "What did the 2020 comparison of LSTMs and conceptual models find?"
    assert classify(question, "Tomás Nakagawa-Ferreira").kind is QuestionKind.WORK
    answer = plan_answer_text(HYDROLOGIST, question)
    assert answer.startswith('"Do LSTMs outperform conceptual models in snow-dominated basins? '
                             'A comparison across 97 Andean and Alpine catchments" (2020) '
                             "concludes that the advantage of LSTMs")


@pytest.mark.parametrize(("basins", "supported"), [
    # The embedded model's rewrite of the 2015 paper, which the verifier passed: a stem
    # keeps six letters, and "Tinguirimarra" begins as "Tinguiririca" does.
    ("Maipo, Cachapoal and Tinguirimarra basins", False),
    ("Maipo, Cachapoal and Tinguiririca basins", True),
])
def test_a_place_is_the_papers_whole_name(basins: str, supported: bool) -> None:
    sentence = ('In 2015, "Precipitation undercatch correction and its consequences for '
                'snowmelt runoff simulation in Andean headwaters" quantifies how undercatch '
                "correction propagates into snowmelt runoff simulations in six catchments of "
                f"the {basins}.")
    check = profile_verifier(HYDROLOGIST).check(sentence, ["tapiarojas2015precipitation"])
    assert check.supported is supported


def test_a_word_of_the_language_keeps_its_endings() -> None:
    """"Ecuadorian" of a paper that writes "Ecuador", "Randomization" of "randomized": the
    whole-name rule is for names WordNet does not list."""
    from agent.verify.wordnet import known
    assert known("randomization") and known("ecuadorian")
    assert not known("tinguirimarra")


def test_a_place_keeps_the_capitals_its_sentences_give_it() -> None:
    """Before: the line "Upper Maipo river" ("... concern upper Maipo river"): a title's
    capitals were lowered word by word, and "river" alone is no proper name. The
    abstracts' sentences always write "upper Maipo River"."""
    facts = analyze(load_profile(HYDROLOGIST, as_of=EXAMPLE_AS_OF))
    labels = {t.label for t in facts.topics if t.named}
    assert "upper Maipo River" in labels
    assert "upper Maipo river" not in labels
