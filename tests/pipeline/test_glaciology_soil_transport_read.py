"""Found by reading what the tool writes of three records written for stop 47 by helpers
who had not read the code, each with a faithful account and 14 questions:
evals/profiles/ottilie-nakashima-brennholt.bib (glaciology, BibTeX: calving fronts, then
subglacial hydrology, then sea-level projections), evals/profiles/ilse-mwakasege-
fairbrother.txt (soil science, a profile page: soil carbon, no-till and cover-crop trials,
then satellite mapping) and evals/profiles/ottoline-sarmiento-achterhof.json (urban
transport, CSL-JSON: bus networks, congestion charging, e-scooter injuries).

Before (`research-agent ask FILE "..." --writing plan`, and the plan report's rows):
- "When did she start working on subglacial hydrology, and why?" answered "The earliest
  paper on subglacial hydrology, and why in the record is ...";
- "How large is the borehole record at Aussivik?" looked for papers on "large is the
  borehole record at aussivik";
- "Did the late-summer slowdown found in 2018 turn out to be robust?" was a yes/no on
  "late-summer slowdown found turn out to be robust";
- "Does her work show that more meltwater makes Greenland glaciers flow faster?" answered
  "Yes: one paper in the record is on that more meltwater makes ...";
- "What was her biggest sample?" answered that the record holds no papers on it;
- "What did the 2020 congestion charge evaluation find?" gave only what the study did;
- a held-up answer quoted "..., so we revisited that attribution" as the later verdict, and
  another "The experiment has only four replicates per treatment ...";
- rows read "relocates 412 sites ... and resampled them", "recommends ... and caution
  that", "Couples a ... model ..., calibrated it against ...", "Our earlier analysis
  attributed ..." (the paper's recap of its authors' earlier claim, as its contribution),
  and "Most of the remainder arises from ..." (the remainder of a sentence not shown);
- a line of work was named "process emulator of outlet-glacier response", the back of
  "a Gaussian process emulator of outlet-glacier response".
"""

from __future__ import annotations

import pytest

from agent import realize
from agent.analyze import analyze
from agent.parse import load_profile
from agent.pipeline import extracted_digest
from agent.questions import QuestionKind, classify
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text

GLACIER = REPO / "evals" / "profiles" / "ottilie-nakashima-brennholt.bib"
SOIL = REPO / "evals" / "profiles" / "ilse-mwakasege-fairbrother.txt"
TRANSPORT = REPO / "evals" / "profiles" / "ottoline-sarmiento-achterhof.json"


def _paper(path, key: str):
    return next(p for p in load_profile(path, as_of=EXAMPLE_AS_OF).papers if p.key == key)


# --- rows and statements -------------------------------------------------------------------

def test_a_prefixed_past_and_a_second_present_are_told_in_the_present() -> None:
    told = realize._statements(
        "We relocated 412 cropland sites first sampled between 1984 and 1987 and resampled "
        "them in 2011. We recommend that comparisons report stocks and sample below the "
        "plough layer, and caution that on-farm pairs cannot establish it.", False)
    assert told[0].endswith("and resamples them in 2011"), told
    assert "and cautions that on-farm pairs" in told[1], told
    assert "and sample below" in told[1]  # inside the that-clause: no verb of the paper's
    assert realize._base_form("reanalysed") == "reanalyse"
    assert realize._base_form("red") == "red"


def test_a_listed_past_verb_before_its_object_is_turned_with_the_first() -> None:
    row = extracted_digest(_paper(GLACIER, "nakashimabrennholt2021reassessing"))
    assert row.contribution.startswith("Couples a depth-integrated ice-flow model")
    assert ", calibrates it against" in row.contribution and "and forces it" in row.contribution


def test_a_recap_of_the_authors_earlier_claim_is_no_contribution() -> None:
    row = extracted_digest(_paper(GLACIER, "nakashimabrennholt2018summer"))
    assert not row.contribution.startswith("Our earlier analysis"), row.contribution
    assert realize.EARLIER_OWN.match("Our earlier analysis attributed the speed-up to retreat.")
    assert not realize.EARLIER_OWN.match("Our earlier analysis is extended here.")


def test_the_remainder_points_back_and_this_model_is_the_papers_own() -> None:
    assert realize.dangling("most of the remainder arises from higher winter pressures")
    assert not realize.dangling("the rest of the basin was left unsampled")
    row = extracted_digest(_paper(GLACIER, "nakashimabrennholt2021reassessing"))
    assert row.key_result.startswith("In the model, terminus retreat alone accounts for 54 "
                                      "percent"), row.key_result


def test_a_name_is_not_the_back_of_a_longer_term() -> None:
    profile = load_profile(GLACIER, as_of=EXAMPLE_AS_OF)
    labels = [t.label for t in analyze(profile).topics]
    assert not any(label.startswith("process emulator") for label in labels), labels
    assert "Gaussian process emulator" in labels, labels


# --- questions -----------------------------------------------------------------------------

def test_when_and_why_a_topic_started_is_dated_and_its_reason_quoted() -> None:
    answer = plan_answer_text(GLACIER, "When did she start working on subglacial hydrology, "
                                       "and why?")
    assert "The earliest paper on subglacial hydrology in the record is" in answer, answer
    assert "says why: \"Borehole observations since 2016" in answer, answer


def test_how_large_asks_of_the_thing_after_the_verb() -> None:
    asked = classify("How large is the borehole record at Aussivik?", "Ottilie Nakashima")
    assert asked.topic == "borehole record at aussivik"
    answer = plan_answer_text(GLACIER, "How large is the borehole record at Aussivik?")
    assert "41 boreholes" in answer, answer


def test_turned_out_to_be_robust_asks_whether_a_finding_held() -> None:
    question = "Did the late-summer slowdown found in 2018 turn out to be robust?"
    asked = classify(question, "Ottilie Nakashima-Brennholt")
    assert (asked.aspect, asked.topic) == ("held_up", "late-summer slowdown")
    assert "These results confirm the late-summer slowdown" in plan_answer_text(GLACIER,
                                                                                question)


@pytest.mark.parametrize(("path", "question", "said"), [
    (GLACIER, "Does her work show that more meltwater makes Greenland glaciers flow faster?",
     # The finding with its interval ("95 percent confidence interval", stop 48), which
     # answers the question; before it, only that speed-ups ranged from 3 to 31 percent.
     "so that annual mean speeds were largely insensitive to runoff"),
    (SOIL, "Does her work show that no-till or cover crops sequester carbon?",
     "the whole-profile difference was 0.06"),
])
def test_whether_the_work_shows_a_claim_is_what_each_paper_found(path, question: str,
                                                                 said: str) -> None:
    assert classify(question, "X Y").aspect == "shows"
    answer = plan_answer_text(path, question)
    assert not answer.startswith("Yes") and said in answer, answer


def test_a_held_up_answer_quotes_the_verdict_not_the_revisit_nor_replicates() -> None:
    answer = plan_answer_text(GLACIER, "Did her 2015 conclusion that terminus retreat "
                                       "explains Aussivik's acceleration hold up?")
    assert "The earlier estimate was too high" in answer, answer
    assert "so we revisited that attribution" not in answer
    answer = plan_answer_text(SOIL, "Did the early soil-carbon gains under no-till hold up?")
    assert "only four replicates" not in answer and "0.06" in answer, answer


def test_two_works_named_by_their_years_and_kinds_are_compared() -> None:
    question = ("How did the 2022 ensemble and the 2023 intercomparison differ in the size of "
                "the hydrology effect?")
    asked = classify(question, "X Y")
    assert asked.topics == ("2022 ensemble", "2023 intercomparison")
    answer = plan_answer_text(GLACIER, question)
    assert "[nakashimabrennholt2022how]" in answer and "[vukmirovictembo2023subglacial]" \
        in answer, answer
    asked = classify("How did the 2025 geofencing study differ from the 2023 injury study?",
                     "X Y")
    assert asked.topics == ("2025 geofencing study", "2023 injury study")


def test_how_accurate_after_what_is_asks_a_finding() -> None:
    answer = plan_answer_text(GLACIER, "What is CALVEDGE and how accurate is it?")
    assert "It reports:" in answer and "240 m" in answer, answer


@pytest.mark.parametrize(("question", "topic"), [
    ("Are e-scooters more dangerous than bicycles, according to her research?", "e-scooters"),
    ("Is the congestion charge regressive?", "congestion charge"),
])
def test_whether_a_thing_is_so_asks_what_a_work_found(question: str, topic: str) -> None:
    asked = classify(question, "Ottoline Sarmiento-Achterhof")
    assert (asked.kind, asked.topic, asked.aspect) == (QuestionKind.WORK, topic, "findings")
    assert not plan_answer_text(TRANSPORT, question).startswith("Yes")
    assert classify("Is the record complete?", "X Y").kind is QuestionKind.YES_NO


def test_the_largest_sample_is_the_largest_count_of_units_an_abstract_gives() -> None:
    answer = plan_answer_text(SOIL, "What was her biggest sample?")
    assert answer.startswith("By the counts the abstracts give, the largest sample in the "
                             "record is 4,136 topsoil (0–30 cm) samples, in \"VARSCAN"), answer
    answer = plan_answer_text(TRANSPORT, "What is the largest sample in her work?")
    assert "2.7 billion boardings" in answer and "4.6 million GPS-traced trips" in answer


def test_a_dated_evaluation_is_one_work_whose_finding_is_asked() -> None:
    answer = plan_answer_text(TRANSPORT, "What did the 2020 congestion charge evaluation find?")
    assert "fell by 17.8%" in answer, answer
    answer = plan_answer_text(TRANSPORT, "What did the correction notice change?")
    assert "[sarmientoachterhof2021correction]" in answer, answer


def test_an_acronym_stands_where_its_expansion_does_in_a_rewording() -> None:
    """The embedded model wrote "delineates calving fronts in Sentinel-1 SAR imagery" for
    "... in Sentinel-1 synthetic aperture radar (SAR) imagery", and the rewording check
    replaced it: "Sentinel" and "SAR" were four words apart in the abstract."""
    from agent.models import Claim
    from agent.pipeline import _new_pairs
    from agent.retrieve import acronym_form

    assert acronym_form("in Sentinel-1 synthetic aperture radar (SAR) imagery").split() == \
        ["in", "Sentinel-1", "SAR", "imagery"]
    assert acronym_form("no acronym (e.g. here)") == "no acronym (e.g. here)"

    class _Job:
        papers = {p.key: p for p in load_profile(GLACIER, as_of=EXAMPLE_AS_OF).papers}

    claim = Claim(id="c", text="CALVEDGE (2017) delineates calving fronts in radar imagery.",
                  keys=["nakashimabrennholt2017calvedge"])
    assert _new_pairs(_Job(), "CALVEDGE delineates calving fronts in Sentinel-1 SAR imagery.",
                      claim) == []
    assert _new_pairs(_Job(), "CALVEDGE delineates Sentinel-1 borehole fronts.", claim)
