"""Found by reading what the tool writes of a record written in stop 50 by a helper who
had not read the code, read once held out (5 of its 10 questions right, 2 partly, 3 wrong,
in plan mode), then tuned on: evals/profiles/isolde-varga-thorvaldsen.bib (marine
acoustics, BibTeX: harbour porpoise echolocation, then shipping noise, then passive
acoustic monitoring networks with machine-learning detectors, a software release, a
dataset and a correction notice).

Before: "What is the largest dataset she has worked with?" was 1,518 ship transits, and
the next largest "96 percent between stations": a share counted as a number of stations,
and the 186,412 vessel passages of the TMPAN-24 analysis were no sample.
"""

from __future__ import annotations

from tests.conftest import REPO, plan_answer_text

ACOUSTICS = REPO / "evals" / "profiles" / "isolde-varga-thorvaldsen.bib"


def test_a_share_is_no_count_and_passages_are_a_sample() -> None:
    text = plan_answer_text(ACOUSTICS, "What is the largest dataset she has worked with?")
    assert "the largest sample in the record is 186,412 AIS-matched vessel passages" in text, \
        text
    assert "96 percent between stations" not in text


def test_two_estimates_named_by_their_years_are_compared_by_what_each_found() -> None:
    """"How did her 2015 and 2023 estimates of click-logger detection range compare, and
    did the original hold up?" was a question on "estimates of click-logger detection range
    compare" in 2015 to 2023, with no paper on it; and the 2023 paper's finding was its
    retelling of the 2015 estimate ("In 2015 we estimated that ... 232 m"), not its own."""
    text = plan_answer_text(ACOUSTICS, "How did her 2015 and 2023 estimates of click-logger "
                                       "detection range compare, and did the original hold up?")
    assert "effective detection radius of 232 m (95 percent confidence interval 194 to 271 m)" \
        in text, text
    assert "(2023) reports: \"The median effective detection radius across stations was " \
           "141 m" in text
    assert "(2023) reports that moored click loggers" not in text


def test_a_percentage_counts_nothing() -> None:
    from agent.fact_questions import _COUNTED

    assert _COUNTED.search("ranging from 38 to 96 percent between stations") is None
    assert _COUNTED.search("a rise of 12 per cent across farms") is None
    assert _COUNTED.search("recorded at 96 stations")["n"] == "96"
