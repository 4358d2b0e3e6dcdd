"""Found by reading what the tool writes of a record written for stop 48 by a helper who
had not read the code, and never tuned on before stop 49: evals/profiles/wenna-ostrowska-
amadi.bib (hydrology, BibTeX: floods, then flood recharge of an aquifer, an estimate a
later paper cut from 31 to 14 percent, then managed aquifer recharge).

Before (`research-agent report FILE --writing plan`, `ask FILE "..." --writing plan`):
- the 2025 modelling paper's row had no key result: its finding, "However, it reduced the
  10-year flood peak ... by only 2.7 percent ...", turns against what came before, and a
  turning clause was never a result, even when it was the only finding there was;
- a line of work was named "ha pilot infiltration basin" (of "a 2.4 ha pilot infiltration
  basin"): "ha" is a unit, as "km" and "mg" were already;
- "Did her finding that floods provide about a third of the aquifer's recharge hold up?"
  was read as a question on "floods provide about and third and aquifer's recharge" and
  answered with six papers on "aquifer's recharge"; the 2016 paper that made the claim was
  told by what it asked, not by its 31 percent.
"""

from __future__ import annotations

from agent import realize
from agent.analyze import analyze
from agent.parse import load_profile
from agent.questions import _topic_of_claim
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report, table_row

HYDRO = REPO / "evals" / "profiles" / "wenna-ostrowska-amadi.bib"
QUARRINGTON = REPO / "evals" / "profiles" / "fenna-quarrington.bib"


def test_a_turning_finding_is_the_result_when_it_is_the_only_one() -> None:
    row = table_row(plan_report(HYDRO), "ostrowskaamadi2025diverting")
    assert "reduced the 10-year flood peak at the tidal-limit gauge by only 2.7 percent" in row
    # Where a finding that does not turn is there too, it is the result, as before.
    abstract = ("We scanned 40 adults. A leave-one-out analysis showed that the index "
                "explained 31% of variance in capacity. In contrast, neither slope alone "
                "predicted capacity (both |r| < 0.25).")
    assert realize._stated_result(abstract, ()).startswith("A leave-one-out analysis")
    row = table_row(plan_report(QUARRINGTON), "quarrington2014frontoparietal")
    assert "FPLI explained 31% of out-of-sample variance" in row


def test_a_unit_does_not_begin_a_line_name() -> None:
    profile = load_profile(HYDRO, as_of=EXAMPLE_AS_OF)
    labels = [t.label for t in analyze(profile).topics]
    assert "pilot infiltration basin" in labels and not any(
        label.startswith("ha ") for label in labels), labels


def test_how_much_a_claim_says_is_no_subject_of_it() -> None:
    assert _topic_of_claim("finding that floods provide about a third of the aquifer's "
                           "recharge") == "floods and aquifer's recharge"
    assert _topic_of_claim("finding that nurses account for most of the variance") == \
        "nurses and variance"


def test_whether_a_claim_held_up_quotes_the_claim_with_its_statistic() -> None:
    text = plan_answer_text(HYDRO, "Did her finding that floods provide about a third of "
                                   "the aquifer's recharge hold up?")
    assert "accounted for an estimated 31 percent (95 percent confidence interval 24 to 38 " \
           "percent) of annual recharge" in text, text
    assert "Our 2016 figure therefore overstated lasting flood recharge" in text
    assert "asks how much of the annual recharge" not in text
    assert "floods provide about" not in text


def test_gauging_stations_are_a_sample() -> None:
    text = plan_answer_text(HYDRO, "What was the largest sample in any of her studies?")
    assert "214 gauging stations" in text, text


def test_a_side_of_a_comparison_is_what_was_worked_on_not_when() -> None:
    text = plan_answer_text(HYDRO, "How did her early flood research differ from her managed "
                                   "aquifer recharge research?")
    assert "early flood" not in text
    assert "Flood Frequency and Floodplain Storage" in text and "managed aquifer recharge" in text


def test_a_claim_whose_cause_no_paper_names_says_so_first() -> None:
    text = plan_answer_text(HYDRO, "Does her work show that climate change is causing bigger "
                                   "floods?")
    assert text.startswith("No paper in the record of Wenna Ostrowska-Amadi uses the term "
                           "“climate change”."), text


def test_a_term_is_its_words_one_after_another() -> None:
    from tests.conftest import profile_verifier

    verifier = profile_verifier(HYDRO)
    owner = "Wenna Ostrowska-Amadi"
    assert verifier.check(f"No paper in the record of {owner} uses the term “climate change”.",
                          []).supported
    # "change" alone is a paper's word, and "floodplain storage" a paper's term.
    assert not verifier.check(f"No paper in the record of {owner} uses the words “climate "
                              "change”.", []).supported
    assert not verifier.check(f"No paper in the record of {owner} uses the term “floodplain "
                              "storage”.", []).supported


def test_a_year_before_the_counts_scopes_each_of_them() -> None:
    from tests.conftest import profile_verifier

    verifier = profile_verifier(HYDRO)
    keys = ["ostrowskaamadi2025diverting", "mwangiquintero2025scraping"]
    said = ("The most recent work, in 2025, spans floodplain storage (1 paper) and pilot "
            "infiltration basin (1 paper).")
    assert verifier.check(said, keys).supported
    assert not verifier.check(said.replace("storage (1 paper)", "storage (2 papers)"),
                              keys).supported
    # Each count's own year still wins: "three papers in 2020 and seven in 2021".
    assert not verifier.check("In 2025, the work spans floodplain storage (1 paper) and "
                              "pilot infiltration basin (4 papers in 2025).", keys).supported


def test_whether_a_claim_held_up_is_told_by_the_papers_that_state_or_weigh_it() -> None:
    text = plan_answer_text(HYDRO, "Did her finding that floods provide about a third of "
                                   "the aquifer's recharge hold up?")
    # A dataset's quality checks, another study's caveat, and the review's own hedge on
    # efficiency (which follows its retelling of the claim, far after it) say nothing of it.
    assert "KAMAR" not in text and "single basin" not in text, text
    assert "median efficiency likely overstates" not in text


def test_the_verdict_that_names_the_earlier_claim_is_quoted() -> None:
    nurse = REPO / "evals" / "profiles" / "tove-marchbanks.txt"
    text = plan_answer_text(nurse, "Did the pressure ulcer staffing estimate hold up?")
    assert "Our earlier estimate for pressure injuries was largely an artefact" in text, text


def test_a_part_said_in_other_words_is_not_called_unsaid() -> None:
    """"wash out infiltration basins" is no term of the record, but its infiltration
    basins are: the answer does not say the record is silent on it (a held-out housing
    record's "push out long-term tenants", of papers on "the exit of long-term tenants")."""
    text = plan_answer_text(HYDRO, "Does her work show that floods raise water tables and "
                                   "wash out infiltration basins?")
    assert "uses the term" not in text, text
