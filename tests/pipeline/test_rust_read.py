"""Found by reading what the tool writes of a record written at the end of stop 49 by a
helper who had not read the code, read once held out (its grades are in the stop 49 note)
and then tuned on: evals/profiles/neve-achterberg-mwale.json (plant pathology, CSL-JSON:
wheat stripe rust epidemics, then onset forecasting, then smartphone diagnosis; a 2020
paper overturns a 2014 finding).

Before (`research-agent ask FILE "..." --writing plan`):
- "Did her 2014 finding that epidemics start from local overwintering hold up?" was read
  as a question on "epidemics start and local overwintering", and answered with the 2020
  paper alone: "start" said when the epidemics begin, and no paper says it;
- "What was the largest sample in her work?" gave "14,903 images", one class of a dataset
  of 48,612 photographs, and then "1,820 daily tape samples": photographs, isolates,
  farmers, growers and diagnoses were no samples.
"""

from __future__ import annotations

from agent.questions import _topic_of_claim
from tests.conftest import REPO, plan_answer_text

RUST = REPO / "evals" / "profiles" / "neve-achterberg-mwale.json"


def test_when_a_claim_says_things_start_is_no_subject_of_it() -> None:
    assert _topic_of_claim("2014 finding that epidemics start from local overwintering") == \
        "epidemics and local overwintering"
    text = plan_answer_text(RUST, "Did her 2014 finding that epidemics start from local "
                                  "overwintering hold up?")
    assert '"Spatial spread of a wheat stripe rust epidemic across 212 farms' in text, text
    assert "windborne inoculum, not local overwintering" in text


def test_photographs_and_diagnoses_are_samples() -> None:
    text = plan_answer_text(RUST, "What was the largest sample in her work?")
    assert "the largest sample in the record is 48,612 photographs" in text, text
    assert "The next largest is 19,476 app diagnoses" in text
