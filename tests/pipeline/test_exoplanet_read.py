"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
anneliese-okafor-quintero.txt: exoplanet atmospheres, a profile page, from ground-based
optical spectra to a space telescope, to stellar contamination, to instruments), with its
14 questions answered by hand before any output was read.

Before (`research-agent report FILE --writing plan`, and `ask`):
- the trajectory's last phase, 2025-2026, opened "From 2015, the work turns back to optical
  transmission spectrum", dated by an earlier paper cited for bearing the line's name
  (tests/pipeline/test_realize.py holds the rule on every profile);
- "Has she discovered planets or measured planet masses?" answered "Yes: 5 papers in the
  record are on planets", though none says it discovered anything;
- "Does simultaneous photometry of the host star fix stellar contamination?" answered
  "Yes: the record ... has 3 papers on "simultaneous photometry of the host star fix
  stellar contamination"", where the paper that tests it concludes it is not sufficient;
- "What is her most recent work?" told the 2026 paper twice, in the same words.
"""

from __future__ import annotations

from agent.questions import QuestionKind, classify
from tests.conftest import REPO, plan_answer_text

ASTRONOMER = REPO / "evals" / "profiles" / "anneliese-okafor-quintero.txt"
OWNER = "Anneliese Okafor-Quintero"


def test_papers_on_a_thing_are_no_yes_to_having_discovered_it() -> None:
    answer = plan_answer_text(ASTRONOMER, "Has she discovered planets or measured planet "
                                          "masses (e.g. with radial velocities)?")
    assert answer.startswith(f"No: no paper in the record of {OWNER} uses the word "
                             "\u201cdiscovered\u201d."), answer
    # Worked on is no act to show: papers on a subject answer it.
    assert plan_answer_text(ASTRONOMER, "Has she worked on faculae?").startswith("Yes")


def test_whether_a_thing_fixes_another_asks_what_a_work_found() -> None:
    question = "Does simultaneous photometry of the host star fix stellar contamination?"
    asked = classify(question, OWNER)
    assert (asked.kind, asked.aspect) == (QuestionKind.WORK, "findings")
    answer = plan_answer_text(ASTRONOMER, question)
    assert not answer.startswith("Yes")
    assert "concludes that simultaneous optical photometry alone is not sufficient" in answer


def test_the_most_recent_work_is_told_once() -> None:
    answer = plan_answer_text(ASTRONOMER, "What is her most recent work?")
    assert answer.startswith('"Water absorption in the hot Jupiter VTS-14b')
    assert answer.count("presents a transmission spectrum of the hot Jupiter VTS-14b") == 1
