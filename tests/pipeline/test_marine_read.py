"""Found by reading what the tool writes of a record written for stop 47 by a helper who
had not read the code, and never tuned on before stop 48: evals/profiles/ysolde-marangoni-
achterberg.bib (marine ecology, BibTeX: coral bleaching and reef fishes, a depth refuge
that a later heatwave overturned, then seagrass blue carbon, with a correction notice).

Before (`research-agent report FILE --writing plan`):
- the 2017 row's key result was its caveat, "However, in 2015 the anomalous warming was
  confined to a shallow surface layer, and whether depth offers similar protection ...
  remains to be tested": a figure ("2015") and "remains" passed for a finding, while the
  finding itself, "(... 95 percent confidence interval 41 to 55)", was not read as a
  statistic (only "95% CI" was);
- rows of 2020, 2022 and 2023 had no key result for the same reason;
- the 2022 row's contribution was the field's need ("Estimates of seagrass blue carbon ...
  require ..."): its "We cored 31 seagrass meadows ... and dated 24 of them" was refused
  for "of them", though the sentence counts the cores it means; told, it read "and alongs
  the Ombrell Coast" ("along" taken for a verb);
- the 2020 row read "collects 48 sediment cores ..., and measured dry bulk density";
- the correction notice was told as "apologizes for the error", in its row and its prose;
- the trajectory said "From 2020 to 2021, the 2 papers include work on deeper water and
  organic carbon stocks": the turn to seagrass carbon, opened by one paper of 2020 and
  followed by five, was not told, nor the reason that paper gives for it.
"""

from __future__ import annotations

from agent import realize
from agent.analyze import analyze
from agent.parse import load_profile
from agent.plan import Planner
from tests.conftest import EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report, table_row

MARINE = REPO / "evals" / "profiles" / "ysolde-marangoni-achterberg.bib"
MUSIC = REPO / "evals" / "profiles" / "perpetua-oduro-castellanos.txt"
TRANSPORT = REPO / "evals" / "profiles" / "ottoline-sarmiento-achterhof.json"


def _paper(path, key: str):
    return next(p for p in load_profile(path, as_of=EXAMPLE_AS_OF).papers if p.key == key)


def test_a_confidence_interval_in_words_marks_a_finding_and_a_caveat_is_none() -> None:
    report = plan_report(MARINE)
    row = table_row(report, "marangoniachterberg2017deeper")
    assert "Bleaching prevalence was 71 percent at shallow stations" in row, row
    assert "remains to be tested" not in row
    for key, said in (("marangoniachterberg2020organic", "168 Mg C per hectare (95 percent"),
                      ("lockridgeamadi2022sediment", "137 Mg C per hectare (95 percent"),
                      ("zeljkoanand2023mooring", "31 percent lower in scars")):
        assert said in table_row(report, key), key


def test_a_qualification_is_no_stated_result() -> None:
    abstract = ("We measured X at 12 sites. However, in 2015 the warming was shallow, and "
                "whether depth protects in 2020 remains to be tested.")
    assert realize._stated_result(abstract, (), 60) is None


def test_them_counted_in_the_same_statement_points_nowhere_back() -> None:
    told = realize._statements(
        "We cored 31 seagrass meadows in Kessoway Lagoon and along the Ombrell Coast in 2020 "
        "and 2021, collecting 186 sediment cores to 1 m depth, and dated 24 of them using "
        "excess 210Pb.", True)
    assert told == ("cores 31 seagrass meadows in Kessoway Lagoon and along the Ombrell "
                    "Coast in 2020 and 2021, collecting 186 sediment cores to 1 m depth, and "
                    "dates 24 of them using excess 210Pb",), told
    # Them of the sentence before, still refused.
    assert realize._statements("We then identify four relationships among them.", True) == ()


def test_a_second_past_verb_after_a_comma_is_told_in_the_present() -> None:
    row = table_row(plan_report(MARINE), "marangoniachterberg2020organic")
    assert "and measures dry bulk density and organic carbon content" in row, row
    # A list's last item keeps its participle: a comma comes before it too.
    told = realize._statements("We studied coral cover, fish counts, and related "
                               "measures of reef health.", True)
    assert told == ("studies coral cover, fish counts, and related measures of reef health",)


def test_a_notice_is_not_told_by_its_apology() -> None:
    report = plan_report(MARINE)
    assert "pologiz" not in report
    row = table_row(report, "marangoniachterberg2022correction")
    assert "dry bulk density for 19 of the 48 sediment cores was calculated in error" in row


def test_a_preposition_after_and_is_no_verb() -> None:
    row = table_row(plan_report(TRANSPORT), "rautavaaranwosu2025speedlimiting")
    assert "inside and outside the zones" in row, row


def _trajectory(path) -> list[str]:
    profile = load_profile(path, as_of=EXAMPLE_AS_OF)
    return [c.text for s in Planner(profile, analyze(profile)).trajectory().sections
            for c in s.claims]


def test_a_line_opened_by_one_paper_that_goes_on_is_a_turn_with_its_reason() -> None:
    claims = _trajectory(MARINE)
    turn = claims.index("From 2020, the work turns to organic carbon stocks.")
    assert claims[turn + 1].startswith(
        '"Organic Carbon Stocks in the Seagrass Meadows of Kessoway Lagoon" (2020) says why: '
        '"Following the loss of nearly half of the coral cover'), claims[turn + 1]
    # Cut at the comma after its reason: the whole sentence is too long to quote.
    assert claims[turn + 1].endswith('we began in 2019 to study these meadows."')
    report = plan_report(MARINE)
    assert "From 2020, the work turns to organic carbon stocks" in report
    assert "says why" in report  # and it verifies: a failed planned claim is left out


def test_a_reason_that_points_back_comes_with_the_sentence_before() -> None:
    said = realize.reason_given(_paper(TRANSPORT, "rautavaaranwosu2023emergency"))
    assert said is not None and said.startswith("While evaluating the Port Caddon"), said
    assert said.endswith("This prompted us to move from road pricing to the safety of "
                         "micromobility.")


def test_why_the_work_began_is_answered_and_verifies() -> None:
    answer = plan_answer_text(MUSIC, "When did she start working on Parkinson's disease, "
                                     "and why?")
    assert 'says why: "Our earlier finding that high-groove music stabilized' in answer, answer
