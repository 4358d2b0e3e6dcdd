"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
halvard-osei-thorbjornsen.xml: legged-robot control, an arXiv feed, from model-predictive
control to learned locomotion to safety filters), and what it now writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- the 2014 paper went by "MPC (2014)" and the slip-detection paper by "EKF (2017)": the
  acronyms of a modifier ("a model-predictive control (MPC) formulation") and of the
  field's method a paper makes its own of ("a contact-aware extended Kalman filter (EKF)"),
  taken for the papers' names;
- "a 38 kg electrically actuated quadruped with 12 actuated joints developed", the
  abstract's "developed in our laboratory" cut at "our" but not its participle;
- "The 2026 paper ... instead learns a CBF", the "instead" pointing at a sentence the
  answer does not carry;
- "When did his work turn from model-based control to learning?" was answered with the
  2022 and 2026 safety papers;
- "Did the 2022 safety-filter result hold up?" gave the 2025 paper's "traces the failures
  to the filter's terrain model", not what it measured.
"""

from __future__ import annotations

import re

import pytest

from agent.parse import load_profile
from agent.realize import _ACRONYM, _before_ours, _spans_the_made, short_name
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report

ROBOTS = REPO / "evals" / "profiles" / "halvard-osei-thorbjornsen.xml"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(ROBOTS)


def test_a_method_acronym_is_no_papers_name(report: str) -> None:
    names = {p.key: short_name(p) for p in load_profile(ROBOTS, as_of=EXAMPLE_AS_OF).papers}
    assert names["oseithorbjornsen2014convex"] is None
    assert names["hakonsen2017proprioceptive"] is None
    assert names["marchettivogel2021srlb"] == "SRLB"  # the title's own name stays
    assert "MPC (2014)" not in report and "EKF (2017)" not in report


@pytest.mark.parametrize(("phrase", "spans"), [
    ("a model-predictive control (MPC) formulation", False),
    ("a contact-aware extended Kalman filter (EKF)", False),
    ("a two-stage training pipeline comprising Hybrid Fine-Tuning (HFT)", False),
    ("a novel graph neural network (GNN)", True),
    ("a new method, Dynamic Sparse Attention (DSA)", True),
    ("On-Policy RL with Optimal reward baseline (OPO), a new algorithm", True),
    ("asynchronous thinking (AsyncThink) as a new paradigm", True),
])
def test_an_acronym_names_the_made_thing_only_when_it_spans_it(phrase: str, spans: bool) -> None:
    assert _spans_the_made(phrase, _ACRONYM.search(phrase)) is spans


def test_a_participle_cut_from_its_complement_goes_with_it(report: str) -> None:
    assert "with 12 actuated joints developed" not in report
    assert "a 38 kg electrically actuated quadruped with 12 actuated joints [" in report
    assert _before_ours("uses a corpus of 12,000 documents on which the models were trained "
                        "with our method") == ("uses a corpus of 12,000 documents on which "
                                               "the models were trained")
    assert _before_ours("describes eight randomised controlled trials of therapy for "
                        "adolescent depression, conducted by our group") == (
        "describes eight randomised controlled trials of therapy for adolescent depression")


def test_instead_is_no_part_of_what_a_paper_does() -> None:
    answer = plan_answer_text(ROBOTS, "What is his most recent work?")
    assert "learns a CBF for balance recovery on Ravna-H" in answer
    assert "instead" not in answer


def test_a_turn_from_one_thing_to_another_is_when_the_other_began() -> None:
    answer = plan_answer_text(ROBOTS, "When did his work turn from model-based control to "
                                      "learning?")
    assert answer.startswith("The earliest paper on learning in the record is \"From "
                             "Simulation to Skarv-Q")
    assert "(2019)" in answer


def test_whether_a_result_held_up_quotes_what_the_later_paper_measured() -> None:
    answer = plan_answer_text(ROBOTS, "Did the 2022 safety-filter result hold up?")
    first = answer.index("the fall rate dropped from 23% to 3%")
    later = answer.index("we measure a fall rate of 21.4% ± 3.1%, statistically "
                         "indistinguishable from the unfiltered policy")
    assert first < later
    assert not re.search(r"\bsays: \"This paper qualifies that result", answer)
