"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
oluwaseun-bergqvist-adeyemi.json: malaria, antimicrobial resistance and dengue, as an
ORCID record with its full works, the first eval profile in that format), and what it
now writes.

Before (`research-agent report FILE --writing plan`):
- the trial's result ("LLINs reduced clinical malaria incidence by 23% (95% CI 11–34%)
  compared with ...") was found and then refused: "CI 11" was read as a numbered name
  ("BRCA 1"), so the table showed no result for the trial;
- the meta-analysis's pooled estimate, the stewardship study's null result and the
  network's finding had no row: "was 28.4% (95% CI ...)", "did not reduce" and
  "identified" are no verbs of finding;
- "Analysed routine antimicrobial susceptibility results ...": British spellings were
  no past the realizer could turn ("analyses");
- "develops a Bayesian hierarchical model ... and evaluated it retrospectively": the
  second verb stayed in the past;
- a line was named "distributed lag non-linear" (an adjective ends no name) and another
  "tanzanian referral hospitals" (a proper adjective lowered).
"""

from __future__ import annotations

import pytest

from agent.realize import contribution, stated_result, statement
from agent.topics import _surface
from agent.verify import Verifier
from tests.conftest import (REPO, abstract_paper, plan_answer, plan_report,
                            profile_verifier)

OLUWASEUN = REPO / "evals" / "profiles" / "oluwaseun-bergqvist-adeyemi.json"
TRIAL = "bergqvistadeyemi2013longlasting"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(OLUWASEUN)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return profile_verifier(OLUWASEUN)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("LLINs reduced clinical malaria incidence by 23% (95% CI 11–34%) compared with "
     "conventionally treated nets.", True),
    # The interval's bounds are figures, and checked as figures.
    ("LLINs reduced clinical malaria incidence by 23% (95% CI 12–34%) compared with "
     "conventionally treated nets.", False),
    ("LLINs reduced clinical malaria incidence by 25% (95% CI 11–34%) compared with "
     "conventionally treated nets.", False),
])
def test_a_confidence_interval_is_no_numbered_name(verifier: Verifier, sentence: str,
                                                   supported: bool) -> None:
    check = verifier.check(sentence, [TRIAL])
    assert check.supported is supported, check.reasons


def test_every_result_the_abstracts_state_is_in_the_table(report: str) -> None:
    rows = {line.split("]", 1)[0].lstrip("| ["): line for line in report.splitlines()
            if line.startswith("| [")}
    assert "| LLINs reduced clinical malaria incidence by 23% (95% CI 11–34%)" in rows[TRIAL]
    assert "| The pooled prevalence of ESBL-producing Enterobacterales was 28.4%" in rows[
        "bergqvistadeyemi2017prevalence"]
    assert "| The programme did not reduce carbapenem use" in rows["diagneholmberg2020did"]
    assert "| WGS identified 14 clusters" in rows["mremi2018establishing"]
    assert "| Analyses routine antimicrobial susceptibility results" in rows[
        "bergqvistadeyemi2016trends"]
    assert "and evaluates it retrospectively" in rows["huong2023probabilistic"]
    # 61 since AMRNet-DB (2019) is said in the prose as its abstract says it: "AMRNet-DB is
    # an openly licensed database of ..."
    assert "Faithfulness: 61 sentences: 61 planned." in report


@pytest.mark.parametrize(("abstract", "result"), [
    ("We pooled 41 studies. The pooled prevalence was 28.4% (95% CI 22.9–34.6%).",
     "The pooled prevalence was 28.4% (95% CI 22.9–34.6%)"),
    ("We ran a trial. The slope change was not significant (p = 0.42).",
     "The slope change was not significant (p = 0.42)"),
    ("We sequenced isolates. WGS identified 14 clusters of related strains.",
     "WGS identified 14 clusters of related strains"),
    # A figure of set-up, with no statistic and no verb of finding, is no result.
    ("We sequenced isolates. Consumption was measured in doses per 1,000 patient-days.",
     None),
    # A structured abstract's Methods have figures and comparisons of their own; the
    # Results' sentence is the result (the headings are gone by now).
    ("We studied 28 hospitals. Exposure was defined per shift as RN hours more than 20% "
     "below the ward's own establishment. Cox proportional hazards models over the first "
     "five days adjusted for patient risk. Each additional shift below target was "
     "associated with a 4% increase in the hazard of death (HR 1.04, 95% CI 1.02–1.05).",
     "Each additional shift below target was associated with a 4% increase in the hazard "
     "of death (HR 1.04, 95% CI 1.02–1.05)"),
    ("We ran a trial. Outcomes were in-hospital death, falls with injury and 30-day "
     "readmission. Twenty-two adults consented to 1,430 hours of video over 14 days, "
     "compared with 12 in the pilot.", None),
])
def test_a_result_given_with_its_statistic(abstract: str, result: str | None) -> None:
    assert stated_result(abstract_paper(abstract), []) == result


@pytest.mark.parametrize(("abstract", "result"), [
    # A Setting fragment, its heading gone, has figures and a comparison of its own; the
    # finding given with its statistic is the result.
    ("We matched cohorts. Eleven municipalities that implemented HJEM between 2022 and 2023, "
     "and comparison municipalities. 1,286 monitored adults aged 70 years or older and 3,858 "
     "matched controls receiving home nursing over 12 months. Unplanned admissions occurred "
     "at 0.71 per person-year in monitored adults and 0.83 in matched controls (IRR 0.86, "
     "95% CI 0.76–0.97).",
     "Unplanned admissions occurred at 0.71 per person-year in monitored adults and 0.83 in "
     "matched controls (IRR 0.86, 95% CI 0.76–0.97)"),
    # Not one that turns against what came before.
    ("We ran frames. Strengthening reduced the median peak drift from 1.1% to 0.7%. However, "
     "the median collapse intensity, 1.08 g against 1.12 g, did not differ (p = 0.41).",
     "Strengthening reduced the median peak drift from 1.1% to 0.7%"),
])
def test_a_finding_with_its_statistic_comes_first(abstract: str, result: str) -> None:
    assert stated_result(abstract_paper(abstract), None) == result


@pytest.mark.parametrize(("abstract", "told"), [
    ("We analysed results for 6,394 isolates from three hospitals.",
     "analyses results for 6,394 isolates from three hospitals"),
    ("We harmonised records from 23 hospitals to one code list.",
     "harmonises records from 23 hospitals to one code list"),
])
def test_a_british_past_is_turned(abstract: str, told: str) -> None:
    assert statement(abstract_paper(abstract)) == told


def test_a_second_verb_in_the_past_is_turned_with_the_first() -> None:
    paper = abstract_paper("We developed a hierarchical model driven by seasonal forecasts "
                           "and evaluated it on monthly data from 63 provinces.")
    assert contribution(paper) == ("develops a hierarchical model driven by seasonal "
                                   "forecasts and evaluates it on monthly data from 63 provinces")
    # Told in the present, nothing is turned: "related" is no verb here.
    paper = abstract_paper("We develop a model of cases and related the data.")
    assert contribution(paper) == "develops a model of cases and related the data"


def test_line_names(report: str) -> None:
    names = [line[4:] for line in report.splitlines() if line.startswith("### ")
             and not line[4:5].isdigit()]
    assert "distributed lag non-linear" not in [n.lower() for n in names]
    assert "Tanzanian referral hospitals" in names
    # A word that is a proper name alone keeps its capital; the others are lowered.
    prose = "Data came from four Tanzanian hospitals. Two Tanzanian referral hospitals took part."
    assert _surface("tanzanian referral hospitals", "Tanzanian Referral Hospitals " + prose,
                    prose) == "Tanzanian referral hospitals"


def _answer(question: str) -> str:
    return plan_answer(OLUWASEUN, question)


@pytest.mark.parametrize(("question", "cited", "not_cited"), [
    # Before: "No abstract ... says that its paper releases or introduces a dataset", where
    # "AMRNet-DB is an openly licensed database of ..." (the title names it a database).
    ("Which papers release datasets?", ["ramaswamyolsen2019amrnetdb"],
     ["bergqvistadeyemi2024dengueforecast"]),
    ("Which papers release software?", ["bergqvistadeyemi2024dengueforecast"],
     ["ramaswamyolsen2019amrnetdb"]),
    # Before: "4 papers in the record are on data" (a topic "software or data").
    ("Which papers release software or data?",
     ["ramaswamyolsen2019amrnetdb", "bergqvistadeyemi2024dengueforecast"],
     ["bergqvistadeyemi2022temperature"]),
])
def test_what_the_papers_release(question: str, cited: list[str], not_cited: list[str]) -> None:
    answer = _answer(question).split("Sources:")[0]
    assert "No abstract" not in answer
    for key in cited:
        assert f"[{key}]" in answer
    for key in not_cited:
        assert f"[{key}]" not in answer


def test_code_linked_from_the_record() -> None:
    """Before: "None of Oluwaseun Bergqvist-Adeyemi's 16 papers in this record has code
    available", though the package's ORCID work links to its GitHub repository."""
    answer = _answer("Which papers have code available?")
    assert "None of" not in answer
    assert "[bergqvistadeyemi2024dengueforecast]" in answer


def test_one_paper_links_to_code() -> None:
    """The arXiv profile's one paper with a GitHub link in its abstract now has code (the
    link was only a URL before), and its sentence agrees in number."""
    report = plan_report(REPO / "evals" / "profiles" / "brannstrom-arxiv.xml")
    assert "One of the papers links to code [nwosu2024tokenizerfree]." in report


def test_a_described_work_the_record_has_no_abstract_of() -> None:
    """Before: "What did the bed-net trial find?" named the 2012 conference abstract whose
    title says "bed-net cluster-randomised trial" (the record holds no abstract of it) and
    said only that it is in the record. The trial's own paper, which says what it found,
    is answered now."""
    answer = _answer("What did the bed-net trial find?").split("Sources:")[0]
    assert "[bergqvistadeyemi2013longlasting]" in answer
    assert 'It reports: "LLINs reduced clinical malaria incidence by 23%' in answer


def test_work_written_on_ones_own() -> None:
    """Before: "Have they written anything on their own, and what does it argue?" answered
    "No: no paper in the record ... uses the word 'own'", of a record with a sole-authored
    essay. Now the role rule reads "on their own", and says what the paper does."""
    answer = _answer("Have they written anything on their own, and what does it argue?")
    answer = answer.split("Sources:")[0]
    assert answer.startswith("Oluwaseun Bergqvist-Adeyemi is sole author of 1 of the 16 papers")
    assert "proposes three priorities" in answer
    # One paper listed is "it", not "they".
    listed = _answer("Which papers did they write alone?").split("Sources:")[0]
    assert 'It is "Why surveillance systems must learn to forecast' in listed


def test_how_good_a_work_is_compared_with_a_baseline() -> None:
    """Before: read as a comparison of "good is their dengue early-warning model" with "a
    baseline": "No paper ... is mainly on “good is their dengue early-warning model”", and
    the 2012 conference abstract for "baseline". Now the described work, and what it found."""
    answer = _answer("How good is their dengue early-warning model compared with a "
                     "baseline?").split("Sources:")[0]
    assert answer.startswith('"A probabilistic early-warning model for dengue outbreaks')
    assert 'It reports: "The climate-informed model outperformed a seasonal baseline' in answer
    assert "mwakalinga2012baseline" not in answer


@pytest.mark.parametrize("question", [
    "Did any intervention they studied fail to work?",
    "Which of their studies found no effect?",
    "Have they reported any negative results?",
])
def test_what_did_not_work(question: str) -> None:
    """Before: "Did any intervention they studied fail to work?" answered "Yes: one paper
    in the record is on intervention they studied fail: dengueforecast ..." (an R package,
    found by the stem "interv" of "intervals"). Now the two abstracts that report a null
    result, each in its own words, and the count verified."""
    answer = _answer(question).split("Sources:")[0]
    # A count that opens the answer is spelled out; after "Yes:" it stays a figure.
    count = "Two" if question.startswith("Which") else "Yes: 2"
    assert f"{count} papers in this record say in their abstracts that something they tested " \
           "did not work or made no difference [bergqvistadeyemi2013longlasting] " \
           "[diagneholmberg2020did]." in answer
    assert '"The programme did not reduce carbapenem use:' in answer
    assert "dengueforecast" not in answer


def test_a_record_without_null_results() -> None:
    """The absence is a claim about every abstract, checked exactly: true of the example,
    false of this record."""
    example = plan_answer(REPO / "examples" / "zewen-chi.txt",
                          "Did any of their experiments fail?")
    assert example.startswith("No abstract in the record of Zewen Chi says that something its "
                              "paper tested did not work or made no difference.")
    check = profile_verifier(OLUWASEUN).check(
        "No abstract in the record of Oluwaseun Bergqvist-Adeyemi says that something its "
        "paper tested did not work or made no difference.", [])
    assert not check.supported
    assert "[diagneholmberg2020did]" in check.reasons[0]


@pytest.mark.parametrize(("keys", "supported"), [
    (["heuvel2012minimum", "ekberg2014parental", "strand2022algorithmic"], True),
    # The robots paper's abstract reports no null result.
    (["heuvel2012minimum", "ekberg2014parental", "heuvel2019robots"], False),
    # Nor is the count the cited papers'.
    (["heuvel2012minimum", "ekberg2014parental"], False),
])
def test_a_count_of_null_results_is_checked(keys: list[str], supported: bool) -> None:
    """Read exactly, as the answer writes it: on the economics profile, whose abstracts say
    "we find no effect", "Hours per worker do not change", the words "tested", "work" and
    "difference" of the sentence are in none of them."""
    check = profile_verifier(REPO / "evals" / "profiles" / "marit-van-den-heuvel.json").check(
        "3 papers in this record say in their abstracts that something they tested did not "
        "work or made no difference.", keys)
    assert check.supported is supported
