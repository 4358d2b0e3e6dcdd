"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
ingrid-sovik-nakamura.json: robotics, legged locomotion then touch, as CSL-JSON, the first
eval profile in that format), and what it now writes.

Before (`research-agent report FILE --writing plan`, `research-agent ask FILE Q`):
- the gait paper's contribution was "asks whether a robot benefits from the same
  behavior", in the bio, the trajectory, its line and the papers table: the behaviour is
  the sentence before's;
- "pretrains a masked autoencoder on TouchSet and fine-tune it";
- "In 2025, the work centres on robots, with 2 of the 2 papers in 2025";
- the survey fell out of the report (its "reviews 142 papers ... between 2010 and 2019"
  was refused as a count and a span of the record: tests/verify/test_paper_figures.py),
  and its table row read "We review ...";
- "Which papers release datasets?" answered that no abstract releases one, though
  TouchSet's says "We release TouchSet, 1.2 million tactile images ...": false;
- "What did the survey find?" was read as a topic "survey find" ("One paper in the record
  is on survey find"), and said nothing of what it found;
- "What has she done on tactile sensing?" named one paper of the six: the others say
  "tactile sensor", and "senses" in two papers kept "sensor" from counting.
"""

from __future__ import annotations


import pytest

from agent import api
from agent.config import Settings
from agent.fact_questions import answer_from_facts
from agent.questions import classify
from agent.realize import statement
from tests.conftest import EXAMPLE_AS_OF, REPO, abstract_paper, plan_report

INGRID = REPO / "evals" / "profiles" / "ingrid-sovik-nakamura.json"


@pytest.fixture(scope="module")
def profile():
    return api.load(INGRID, as_of=EXAMPLE_AS_OF)


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(INGRID)


def _answer(profile, question: str) -> tuple[str, list[str]]:
    composition = api.ask(profile, question, settings=Settings(writing="plan"))
    sentences = [s for sec in composition.sections for s in sec.sentences]
    return " ".join(s.text for s in sentences), sorted({k for s in sentences for k in s.keys})


@pytest.mark.parametrize(("abstract", "told"), [
    # "the same behavior" points back: the next statement says what the paper does
    ("Animals switch gaits as speed increases. We ask whether a robot benefits from the "
     "same behavior. We learn a gait-selection policy from the commanded speed.",
     "learns a gait-selection policy from the commanded speed"),
    # "the same X as Y" says what it is the same as
    ("We train the same policy as a human teleoperator would.",
     "trains the same policy as a human teleoperator would"),
    # a second verb with an object is told in the third person too
    ("We pretrain a masked autoencoder on TouchSet and fine-tune it with 100 examples.",
     "pretrains a masked autoencoder on TouchSet and fine-tunes it with 100 examples"),
    # "and" before a noun phrase is no second verb
    ("We measure speed and the estimated terrain.", "measures speed and the estimated terrain"),
    # nor before a preposition ("during and afters the heatwave" once)
    ("We survey coral bleaching on 48 reefs during and after the heatwave.",
     "surveys coral bleaching on 48 reefs during and after the heatwave"),
    ("We sample seabird colonies and record chick diet.",
     "samples seabird colonies and records chick diet"),
])
def test_a_statement_stands_alone_and_agrees(abstract: str, told: str) -> None:
    assert statement(abstract_paper(abstract)) == told


def test_the_report_reads_as_a_person_would_write_it(report: str) -> None:
    assert "the same behavior" not in report
    assert "fine-tune it" not in report and "fine-tunes it" in report
    assert "2 of the 2 papers" not in report and "with both papers in 2025" in report
    # the survey is told, in the trajectory and in its own row
    assert "reviews 142 papers that apply reinforcement learning" in report
    assert "| We review" not in report
    assert "Faithfulness: 50 sentences: 50 planned." in report


def test_a_dataset_the_title_names_is_one_the_paper_releases(profile) -> None:
    answer = answer_from_facts("Which papers release datasets?", profile,
                               api.analyze(profile))
    text = " ".join(s.text for s in answer.sentences)
    assert "We release TouchSet" in text and "No abstract" not in text


def test_what_a_survey_found_is_asked_of_the_survey(profile) -> None:
    asked = classify("What did the survey find?", profile.name)
    assert (asked.kind.value, asked.topic) == ("work", "survey")
    text, keys = _answer(profile, "What did the survey find?")
    assert keys == ["tanaka2019reinforcement"]
    assert 'It reports: "Most work evaluates only on flat ground in simulation' in text


def test_a_topic_word_stated_by_its_root_finds_everyabstract_paper(profile) -> None:
    text, keys = _answer(profile, "What has she done on tactile sensing?")
    assert text.startswith("Six papers in the record are on tactile sensing, from 2020 to 2025.")
    assert keys == ["okonkwo2021slip", "okonkwo2023touchset", "soviknakamura2020gelpad",
                    "soviknakamura2025soft", "weber2022tactile", "weber2024selfsupervised"]
