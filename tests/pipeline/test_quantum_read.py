"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
casimir-ndiaye-halloran.xml: quantum information, an arXiv feed, from transmon coherence to
surface-code decoders to quantum-advantage claims), with its 14 questions answered by hand
before any output was read.

Before (`research-agent report FILE`, the embedded model):
- the bio opened "Ndiaye-Halloran is first author of 7 of them": its opening count, "centre
  on ... distance-3 surface code (5 papers)", was read as a count of papers with code and
  removed (tests/verify/test_record_counts.py);
- "a median two-qubit gate error of 1.9%, and a median readout error of 0.62%", the paper's
  figures the wrong way round, passed verify (tests/verify/test_meaning.py);
- the papers table gave the abstract's background as a paper's contribution: "High-
  temperature annealing of sapphire substrates has been reported to reduce surface loss
  ..." for a null result that found it did not, "As superconducting processors grow, ..."
  for a paper whose own statement opens "We characterize such crosstalk", and "Now shows
  that this claim does not hold".
"""

from __future__ import annotations

import datetime as dt

from agent.models import Paper
from agent.parse import load_profile
from agent.pipeline import extracted_digest
from tests.conftest import EXAMPLE_AS_OF, REPO

PHYSICIST = REPO / "evals" / "profiles" / "casimir-ndiaye-halloran.xml"


def _rows() -> dict[str, str]:
    profile = load_profile(PHYSICIST, as_of=EXAMPLE_AS_OF)
    return {p.key: extracted_digest(p).contribution for p in profile.papers}


def test_a_row_is_no_background_sentence_of_its_abstract() -> None:
    rows = _rows()
    # The null result's own statement points back ("We tested this assumption"): its row
    # says nothing sooner than the field's claim it refutes; its key result stands.
    assert rows["ndiayehalloran2017no"] == ""
    # "such" opening the statement is told beside the title that names the crosstalk.
    assert rows["lindgrenachebe2016characterizing"].startswith(
        "Characterizes such crosstalk on a five-qubit fixed-frequency transmon device")
    # "We now show": "now" ties it to the sentence before, as "therefore" does.
    assert rows["ndiayehalloran2025classical"] == "Shows that this claim does not hold."


def test_an_opening_that_tells_the_work_in_other_words_stays() -> None:
    described = Paper(key="a2008b", title="Transfer hydrogenation of quinolines",
                      date=dt.date(2008, 1, 1),
                      abstract="A highly enantioselective transfer hydrogenation of "
                               "quinolines is described. Our catalyst gives yields of up "
                               "to 95%.")
    assert extracted_digest(described).contribution.startswith("A highly enantioselective")
    background = described.model_copy(update={"abstract": (
        "Transfer hydrogenation is often assumed to need a metal. Our catalyst gives yields "
        "of up to 95%.")})
    assert "often assumed" not in extracted_digest(background).contribution


def test_a_groups_claim_held_up_is_answered_by_the_paper_that_retells_it() -> None:
    from agent.questions import classify
    from tests.conftest import plan_answer_text

    question = "Did his group's 2022 quantum-advantage claim hold up?"
    assert classify(question, "Casimir Ndiaye-Halloran").aspect == "held_up"
    answer = plan_answer_text(PHYSICIST, question)
    # The paper that made the claim, and the one that retells it ("In 2022 our group
    # reported ...") and says how it fared, though neither says "quantum advantage".
    assert "Random Circuit Sampling Beyond Classical Reach" in answer
    assert ('(2025) says: "We now show that this claim does not hold."' in answer), answer
    assert not answer.startswith("Yes")


def test_a_line_is_named_by_what_its_papers_share_not_one_setting_or_study() -> None:
    from agent.analyze import analyze

    profile = load_profile(PHYSICIST, as_of=EXAMPLE_AS_OF)
    names = {t.label for t in analyze(profile).topics if t.named}
    # Not "distance-3 surface code" (a setting) nor "Merrow random circuit sampling
    # experiment" (one study two papers speak of).
    assert {"surface codes", "random circuit sampling"} <= names, names


def test_a_venue_that_holds_its_year_is_not_given_the_year_again() -> None:
    from tests.conftest import plan_report

    report = plan_report(PHYSICIST)
    # The arXiv journal_ref "Physical Review B 90, 2014" was printed "..., 2014, 2014."
    assert "*Physical Review B 90, 2014*." in report
    assert "2014*, 2014" not in report
    # A venue of another year keeps the paper's: a 2018 preprint that appeared in 2019.
    assert "*Physical Review A 99, 2019*, 2018." in report
