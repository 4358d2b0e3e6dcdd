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


def test_a_longer_name_whose_head_the_papers_count_is_plural() -> None:
    # "centre on efflux pump of Klebsiella pneumoniae (5 papers)" wants an article no
    # sentence gives it; the papers write "efflux pumps" too, so the head is countable.
    from agent.analyze import analyze
    from agent.parse import load_profile
    from tests.conftest import EXAMPLE_AS_OF

    names = {t.label for t in analyze(load_profile(BIOLOGIST, as_of=EXAMPLE_AS_OF)).topics}
    assert "efflux pumps of Klebsiella pneumoniae" in names, names
    # A mass noun, and a head no paper writes in the plural, stay as they are.
    assert "single-particle cryo-electron microscopy" in names, names


def test_a_year_that_names_an_edition_is_no_date() -> None:
    # "the TransVal 2018 challenge" appeared in 2019: the answer said the record has no
    # papers on it dated 2018.
    question = "What did the TransVal 2018 challenge find?"
    assert classify(question, "Kit Oyelaran-Haugen").years is None
    assert classify("What did the ICML 2021 paper find?", "X Y").years == (2021, 2021)
    answer = plan_answer_text(BIOLOGIST, question)
    assert "the TransVal 2018 challenge\u201d (2019) [mwangifoster2019community]" in answer, \
        answer


def test_a_turn_to_methods_is_dated_by_the_first_paper_on_them() -> None:
    # The 2024 device paper says "time-resolved cryo-EM" but not "methods"; the 2025
    # dataset paper was given as the first.
    answer = plan_answer_text(BIOLOGIST, "When did their work turn to time-resolved methods?")
    assert answer.startswith("The earliest paper on time-resolved methods in the record is "
                             "\"Kestrel:"), answer


def test_a_correction_notice_is_told_by_what_it_does() -> None:
    # The row gave the notice's opening, "In the original version of this Article, a
    # non-protein density ... was modelled as pNPX", as if the correction had modelled it.
    from agent.parse import load_profile
    from agent.pipeline import extracted_digest
    from tests.conftest import EXAMPLE_AS_OF

    profile = load_profile(BIOLOGIST, as_of=EXAMPLE_AS_OF)
    notice = next(p for p in profile.papers if p.key == "oyelaranhaugen2020author")
    assert extracted_digest(notice).contribution.startswith(
        "Removes pNPX from the deposited model and withdraws the description of a "
        "xyloside-binding site")


@pytest.mark.parametrize(("abstract", "told"), [
    ("We have shown that the bound is tight for all graphs.",
     "shows that the bound is tight for all graphs"),
    ("We tested whether spots could produce the feature and found that they cannot.",
     "tests whether spots could produce the feature and finds that they cannot"),
    # No act of the paper's: "we have no evidence", "we have previously shown".
    ("We have no evidence that the bound is tight.", None),
    ("We have previously shown that the bound is tight.", None),
])
def test_a_perfect_or_an_irregular_past_is_told_in_the_present(abstract: str,
                                                                 told: str | None) -> None:
    from agent.realize import _statements

    assert (_statements(abstract, False)[:1] or (None,))[0] == told


def test_a_plural_head_is_used_by_a_paper_that_writes_the_singular() -> None:
    # The prose eval counted no paper using "efflux pumps of Klebsiella pneumoniae" (the
    # papers write "efflux pump of Klebsiella pneumoniae"), where the planner counted five.
    import datetime as dt

    from agent.models import Paper
    from agent.plan import uses_name

    paper = Paper(key="a2021b", title="T", date=dt.date(2021, 1, 1),
                  abstract="HsxT is the main efflux pump of Klebsiella pneumoniae.")
    assert uses_name(paper, "efflux pumps of Klebsiella pneumoniae")
    assert uses_name(paper, "efflux pump")
    assert not uses_name(paper, "influx pumps of Klebsiella pneumoniae")


def test_when_and_why_a_move_is_dated_by_the_head_the_papers_share() -> None:
    # "When and why did they move into antibiotic efflux?" went to the papers nearest the
    # whole question (the 2026 preprint first); the record's papers write "multidrug efflux
    # pump", never "antibiotic efflux", though they use both words.
    answer = plan_answer_text(BIOLOGIST, "When and why did they move into antibiotic efflux?")
    assert answer.startswith("The earliest paper on efflux in the record is \"HsxT is a "
                             "proton-driven multidrug efflux pump"), answer
    assert "(2019)" in answer


def test_two_works_named_by_their_years_are_compared() -> None:
    # "How do his 2018 and 2023 studies ... compare in data and findings?" was taken for a
    # comparison of two subjects, "data" and "findings": "Two papers in the record are on
    # data ... Two papers in the record are on findings ...".
    question = ("How do his 2018 and 2023 studies of mobile money and shocks compare in data "
                "and findings?")
    asked = classify(question, "Caspar Nyamweya-Ferreira")
    assert (asked.aspect, asked.topics) == ("by_year", ("2018", "2023"))
    answer = plan_answer_text(ECONOMIST, question)
    assert "Agents of Change? Mobile Money Agent Rollout" in answer
    assert "When Everyone Is Dry" in answer
    assert "households hit by an illness or a crop loss received remittances" in answer
    assert "papers in the record are on data" not in answer


def test_a_statement_that_points_back_to_an_annotation_is_left_to_the_row() -> None:
    # The trajectory said the 2019 paper "tests that annotation directly and found little
    # support for it": the annotation is the abstract's sentence before, and "found" kept
    # the past. Prose no longer quotes it; the row, beside the title that says "not a
    # xyloside symporter", tells it in the present.
    from agent.realize import _statements
    from tests.conftest import plan_report, table_row

    report = plan_report(BIOLOGIST)
    prose = report.split("## Papers")[0]
    assert "tests that annotation" not in prose
    assert _statements("We tested that annotation directly and found little support for "
                       "it.", True) == ("tests that annotation directly and finds little "
                                        "support for it",)
    assert "Proposes that HsxT is a proton-driven multidrug efflux pump" in table_row(
        report, "oyelaranhaugen2019hsxt")
