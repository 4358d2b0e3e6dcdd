"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
marit-van-den-heuvel.json: labour economics, as OpenAlex works, the first eval profile in
that format), and what it now writes.

Before (`research-agent report FILE --writing plan`):
- the bio opened "Heuvel is first author of 7 of them": its first sentence ("... include
  work on generative AI (3 papers) ...") was refused, "AI" being too short for the stems
  the subject check reads, and the owner was "Heuvel", not "van den Heuvel";
- "randomlies assigned 500 call center employees" (an adverb taken for the verb);
- contributions told background ("Dutch minimum wages rise steeply with age") or a side
  finding ("Finds no difference in pay") where the abstract says what the study does
  ("We survey 4,200 warehouse and delivery workers", "This essay argues that ...",
  "Using payroll records ..., I find that ...");
- the economics papers' results ("we estimate that one additional robot ... reduces the
  employment-to-population ratio by 0.2 percentage points") were missing from the table;
- a paper written alone was "first-authored".
"""

from __future__ import annotations

import re

import pytest

from agent import api
from agent.config import Settings
from agent.models import Claim
from agent.realize import contribution, owner_surname, stated_result, statement
from tests.conftest import EXAMPLE_AS_OF, REPO, abstract_paper, plan_report

MARIT = REPO / "evals" / "profiles" / "marit-van-den-heuvel.json"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(MARIT)


def test_a_family_name_keeps_its_particles() -> None:
    assert owner_surname("Marit van den Heuvel") == "van den Heuvel"
    assert owner_surname("Zewen Chi") == "Chi"
    # a sentence opens with a capital; a name's own case stays
    assert Claim(id="", text="van den Heuvel is first author.").text.startswith("Van den")
    assert Claim(id="", text="mT5 is a model.").text.startswith("mT5")


def test_the_bio_opens_with_the_record_and_names_the_owner_whole(report: str) -> None:
    bio = report.split("## Bio", 1)[1].split("##", 1)[0].strip()
    assert bio.startswith("Marit van den Heuvel's 11 papers, from 2012 to 2025, centre on "
                          "generative AI (3 papers)")
    assert "Van den Heuvel is first author of 7 of them" in bio
    assert not re.search(r"(?<![Vv]an den) Heuvel\b", report)
    assert "Faithfulness: 54 sentences: 54 planned." in report


@pytest.mark.parametrize(("abstract", "told"), [
    ("We randomly assigned 500 employees to work from home.",
     "randomly assigns 500 employees to work from home"),
    ("We only use public data.", "only uses public data"),
    ("We apply the method to 3 datasets.", "applies the method to 3 datasets"),
])
def test_an_adverb_before_the_verb_is_no_verb(abstract: str, told: str) -> None:
    assert statement(abstract_paper(abstract)) == told


@pytest.mark.parametrize(("abstract", "told"), [
    ("Earlier waves of automation raised wages. This essay argues that generative AI may "
     "compress wage differences.", "argues that generative AI may compress wage differences"),
    ("Platforms assign work by algorithm. We survey 4,200 warehouse workers in five "
     "countries. We find no difference in pay.", "surveys 4,200 warehouse workers in five "
                                                 "countries"),
    # "shows" stays the contribution: what many papers contribute is what they show
    ("We elaborate upon recipes for encoders. We show that going beyond English-centric "
     "bitexts boosts performance.",
     "shows that going beyond English-centric bitexts boosts performance"),
])
def test_what_the_study_does_before_a_finding(abstract: str, told: str) -> None:
    paper = abstract_paper(abstract)
    assert (contribution(paper) or statement(paper)) == told


def test_an_estimate_after_how_it_was_made_is_a_result() -> None:
    paper = abstract_paper("Exploiting differences in industry structure, we estimate that one "
                   "additional robot per thousand workers reduces the employment-to-population "
                   "ratio by 0.2 percentage points.")
    assert stated_result(paper, ["0.2"]) == ("One additional robot per thousand workers "
                                             "reduces the employment-to-population ratio by "
                                             "0.2 percentage points")


def test_the_table_says_what_each_study_does_and_finds(report: str) -> None:
    rows = {line.split("]")[0].strip("| ["): line for line in report.splitlines()
            if line.startswith("| [")}
    assert "| Surveys 4,200 warehouse" in rows["strand2022algorithmic"]
    assert "| Argues that generative AI" in rows["heuvel2025skillbiased"]
    assert "| Randomly assigns 500" in rows["kowal2021working"]
    assert "| One additional robot per thousand workers reduces" in rows["heuvel2019robots"]
    # a result the contribution states already is not said twice
    assert rows["heuvel2012minimum"].rstrip().endswith("|  |")
    # a paper with no abstract has nothing to say of itself: not its title again
    assert rows["heuvel2025comment"].rstrip().endswith("| 2025 |  |  |")


def test_a_paper_written_alone_is_not_first_authored(report: str) -> None:
    assert 'is also the sole author of "Minimum wages and youth employment' in report
    assert 'first-authored "Minimum wages' not in report


def test_what_a_described_experiment_found() -> None:
    profile = api.load(MARIT, as_of=EXAMPLE_AS_OF)
    composition = api.ask(profile, "What did the field experiment with customer support "
                                   "agents find?", settings=Settings(writing="plan"))
    sentences = [s for sec in composition.sections for s in sec.sentences]
    assert {k for s in sentences for k in s.keys} == {"wei2024generative"}
    assert 'It reports: "Access to the assistant increased issues resolved per hour by 14 ' \
           'percent' in " ".join(s.text for s in sentences)


@pytest.mark.parametrize(("count", "supported"), [(7, True), (8, False)])
def test_a_year_in_the_example_does_not_filter_the_count(count: int, supported: bool) -> None:
    """The 300-word bio's "first author of 7 of them, including "Childcare ..." (2016),
    which estimates the effects of a subsidy introduced in the Netherlands in 2005" was
    refused as a count of first-author papers of 2005."""
    from agent.analyze import analyze
    from agent.verify import Verifier

    profile = api.load(MARIT, as_of=EXAMPLE_AS_OF)
    check = Verifier(profile, analyze(profile)).check(
        f'Van den Heuvel is first author of {count} of them, including "Childcare subsidies '
        'and maternal earnings in the long run" (2016), which estimates the long-run effects '
        "of a large childcare subsidy introduced in the Netherlands in 2005.",
        ["heuvel2016childcare"])
    assert check.supported is supported, check.reasons
