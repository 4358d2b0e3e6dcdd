"""Found by reading what the tool writes of two profiles no code had seen, with their 14
questions each answered by hand before any output was read: evals/profiles/
kit-oyelaran-haugen.json (structural biology, CSL-JSON: cryo-EM of bacterial transporters,
antibiotic efflux, time-resolved methods) and evals/profiles/caspar-nyamweya-ferreira.bib
(development economics, BibTeX: microcredit and cash-transfer experiments, mobile money
and digital credit, index insurance).

Before (`research-agent ask FILE "..." --writing plan`):
- "Have they worked on human or other eukaryotic transporters, such as those involved in
  cancer multidrug resistance?" answered "Yes, in passing: ... 1 paper mentions it", the
  paper saying "human" of cells, not of transporters;
- "Has he worked on microfinance in South Asia (e.g. Bangladesh or India)?" answered that
  no paper uses the words "microfinance in South Asia e g Bangladesh or India", and "Have
  they done time-resolved X-ray crystallography, for example at an XFEL?" that no paper is
  on "time-resolved X-ray crystallography for example at an XFEL".
"""

from __future__ import annotations

import pytest

from agent.questions import classify
from agent.verify.record import absence_parts
from tests.conftest import REPO, plan_answer_text

BIOLOGIST = REPO / "evals" / "profiles" / "kit-oyelaran-haugen.json"
ECONOMIST = REPO / "evals" / "profiles" / "caspar-nyamweya-ferreira.bib"


@pytest.mark.parametrize(("question", "topic"), [
    ("Has he worked on microfinance in South Asia (e.g. Bangladesh or India)?",
     "microfinance in south asia"),
    ("Have they done time-resolved X-ray crystallography, for example at an XFEL?",
     "time-resolved x-ray crystallography"),
    ("Have they worked on human or other eukaryotic transporters, such as those involved in "
     "cancer multidrug resistance?", "human or other eukaryotic transporters"),
    # Without a comma "such as" names the subject itself.
    ("Has she worked on languages such as Swahili?", "languages such as swahili"),
])
def test_examples_of_a_subject_are_not_its_name(question: str, topic: str) -> None:
    assert classify(question, "Kit Oyelaran-Haugen").topic == topic


def test_a_word_before_or_other_shares_the_noun_after_it() -> None:
    assert absence_parts("human or other eukaryotic transporters") == [
        "human transporters", "other eukaryotic transporters"]
    assert absence_parts("robots or hardware") == ["robots", "hardware"]
    answer = plan_answer_text(BIOLOGIST, "Have they worked on human or other eukaryotic "
                                         "transporters, such as those involved in cancer "
                                         "multidrug resistance?")
    assert answer.startswith("No:"), answer


def test_an_absent_subject_is_quoted_without_its_examples() -> None:
    answer = plan_answer_text(ECONOMIST, "Has he worked on microfinance in South Asia (e.g. "
                                         "Bangladesh or India)?")
    assert answer.startswith("No:") and "e g" not in answer, answer
