"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
tomasz-adebayo-lindahl.xml: exoplanets, an arXiv feed whose abstracts write LaTeX
mathematics, "$4.2\\sigma$", "CO$_2$", "($M_p = 0.41 \\pm 0.03\\,M_J$"), and what it now
writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- the papers table showed a row in raw LaTeX ("We present a 0.6-5.3 $\\mu$m transmission
  spectrum ... ($M_p = 0.41 \\pm 0.03\\,M_J$, ..."); converted, the line-name candidate
  became "μm transmission spectrum";
- a sole author's "I propose X ..., and I apply it to 14 planets" read "Proposes X ...,
  and I apply it";
- "Did any observation find nothing?" answered "Yes, in passing: no paper is mainly about
  “observation find nothing”, but 7 papers mention it";
- "Which papers release software or catalogues?" was read as a topic, and "The catalogue,
  ... and the trained model are publicly released at https://..." was no release;
- "Was any of his results later corrected?" answered "Yes: 3 papers in the record are on
  results later corrected".
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, plan_answer, plan_report, table_row

TOMASZ = REPO / "evals" / "profiles" / "tomasz-adebayo-lindahl.xml"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(TOMASZ)


@pytest.mark.parametrize(("latex", "text"), [
    (r"a $4.2\sigma$ detection of CO$_2$", "a 4.2σ detection of CO₂"),
    (r"($M_p = 0.41 \pm 0.03\,M_J$, $T_{\rm eq} = 1150$ K)", "(M_p = 0.41 ± 0.03 M_J, T_{eq} = 1150 K)"),
    # Braces of a subscript say what it holds: kept.
    (r"$C_{2k} \square C_{2\ell}$", "C_{2k} □ C_{2ℓ}"),
    # Money is no mathematics, and "%" outside a span is no LaTeX comment.
    ("costs $5 million and $10 million", "costs $5 million and $10 million"),
    (r"cut by 23% and $x$", r"cut by 23% and $x$"),
])
def test_inline_latex_reads_as_text(latex: str, text: str) -> None:
    from agent.parse.fields import plain_math

    assert plain_math(latex) == text


def test_a_row_written_in_latex(report: str) -> None:
    row = table_row(report, "brenner2023carbon")
    assert "| Presents a 0.6-5.3 μm transmission spectrum of the inflated hot Saturn WASP-221b " \
           "(M_p = 0.41 ± 0.03 M_J, R_p = 1.27 ± 0.04 R_J, P = 4.05 d, T_{eq} = 1150 K)" in row
    assert "$" not in row and "\\" not in row
    assert "### μm" not in report


def test_a_sole_authors_second_verb(report: str) -> None:
    row = table_row(report, "adebayolindahl2016limbdarkening")
    assert ", and applies it to 14 published K2 planets around M dwarfs" in row
    assert " I " not in row


def test_observations_that_found_nothing() -> None:
    answer = plan_answer(TOMASZ, "Did any observation find nothing?").split("Sources:")[0]
    assert answer.startswith("Yes: 3 papers in this record say in their abstracts that "
                             "something they tested did not work or made no difference "
                             "[adebayolindahl2014refined] [delacroix2023featureless] "
                             "[adebayolindahl2024stellar].")
    assert "we find no evidence of an atmosphere" in answer


def test_a_catalogue_released_in_the_passive() -> None:
    answer = plan_answer(TOMASZ, "Which papers release software or catalogues?")
    answer = answer.split("Sources:")[0]
    assert answer.startswith("One paper in this record says in its abstract what it builds or "
                             "releases [adebayolindahl2025spotless].")
    # The network's own paper gives no link in its abstract.
    assert "[tanabe2024spotless]" not in answer


def test_code_is_no_released_data() -> None:
    """A passive release of code is the record's links' to answer, not a dataset."""
    from agent.fact_questions import _RELEASED

    assert _RELEASED.search("The catalogue and vetting reports are publicly released at x.")
    assert not _RELEASED.search("Code is available at https://github.com/x/y.")


def test_corrections_are_beyond_the_record() -> None:
    answer = plan_answer(TOMASZ, "Was any of his results later corrected?")
    assert answer.startswith("The record of Tomasz Adebayo-Lindahl lists publications and "
                             "says nothing about corrections or retractions")


def test_the_year_of_a_journal_reference() -> None:
    """Before: '... (2015) appeared in MNRAS 455, 2101 (2016)' failed: the preprint is of
    2015, and its journal reference's year was read as a claim no paper states."""
    from tests.conftest import profile_verifier

    verifier = profile_verifier(TOMASZ)
    said = ('"EPIC 205924614 b: A Warm Saturn on a Mildly Eccentric 18.6-Day Orbit, Confirmed '
            'with HARPS-N" (2015) appeared in MNRAS 455, 2101 ({year}).')
    assert verifier.check(said.format(year=2016), ["adebayolindahl2015epic"]).supported
    assert not verifier.check(said.format(year=2019), ["adebayolindahl2015epic"]).supported


def test_a_topic_as_the_question_writes_it() -> None:
    """Before: "Yes: 3 papers in the record are on jwst": the topic lower-cased."""
    answer = plan_answer(TOMASZ, "Has he used JWST?")
    assert answer.startswith("Yes: 3 papers in the record are on JWST, from 2023 to 2024 "
                             "[brenner2023carbon] [delacroix2023featureless] "
                             "[adebayolindahl2024stellar].")
