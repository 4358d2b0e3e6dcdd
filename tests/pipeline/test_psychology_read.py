"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
siobhan-o-briain-haddad.json: adolescent anxiety and depression, CSL-JSON with structured
abstracts, "Importance: ... Objective: To test whether ... Results: ...", an Irish family
name with its particle, Ó Briain-Haddad, and a co-author Omar Haddad), and what it now
writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- "Briain-Haddad is first author of 15 of them": the particle "Ó" was dropped;
- the prose read "reports that results: In intention-to-treat analyses, ..." and "reports
  that objective: To test whether ...", and the table gave "Importance: Universal
  school-based prevention ..." as the CALM-Schools trial's contribution and its objective
  as its key result;
- "Did any of her interventions fail?" listed eight papers under a lead the verifier could
  not read.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, plan_answer, plan_report, profile_verifier, table_row

SIOBHAN = REPO / "evals" / "profiles" / "siobhan-o-briain-haddad.json"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(SIOBHAN)


def test_an_irish_family_name_keeps_its_particle(report: str) -> None:
    from agent.names import family_name

    assert family_name("Siobhán Ó Briain-Haddad") == "Ó Briain-Haddad"
    assert family_name("Seán Mac Giolla") == "Mac Giolla"
    assert "Ó Briain-Haddad is first author of 15 of them" in report
    assert " Briain-Haddad is" not in report.replace("Ó Briain-Haddad is", "")


@pytest.mark.parametrize(("text", "plain"), [
    ("Importance: Prevention is attractive. Objective: To test whether X works. Design, "
     "Setting, and Participants: A trial in 12 schools. Results: In ITT analyses, no effect.",
     "Prevention is attractive. To test whether X works. A trial in 12 schools. In ITT "
     "analyses, no effect."),
    # A colon inside a sentence is no heading.
    ("We study X. Our results: A shows B.", "We study X. Our results: A shows B."),
])
def test_the_headings_of_a_structured_abstract(text: str, plain: str) -> None:
    from agent.parse.fields import without_labels

    assert without_labels(text) == plain


def test_a_structured_abstract_in_the_table(report: str) -> None:
    row = table_row(report, "briainhaddad2016effect")
    assert "| Tests whether a classroom-delivered cognitive behavioural programme reduces " \
           "depressive symptoms compared with" in row
    assert "| In intention-to-treat analyses, depressive symptoms did not differ significantly " \
           "between arms at 12 months" in row
    for heading in ("Importance:", "Objective:", "Results:", "Background:"):
        assert heading not in report
    assert "reports that results:" not in report and "reports that objective:" not in report


def test_interventions_that_failed() -> None:
    answer = plan_answer(SIOBHAN, "Did any of her interventions fail?").split("Sources:")[0]
    assert answer.startswith("Yes: By date, these are the papers in this record whose abstracts "
                             "say that something they tested did not work or made no "
                             "difference.")
    assert "[briainhaddad2016effect]" in answer and "[briainhaddad2021attention]" in answer


def test_the_lead_of_a_long_listing_is_read() -> None:
    lead = ("By date, these are the papers in this record whose abstracts say that something "
            "they tested did not work or made no difference.")
    assert profile_verifier(SIOBHAN).check(lead, []).supported
    assert not profile_verifier(REPO / "examples" / "zewen-chi.txt").check(lead, []).supported


def test_a_count_of_a_name_that_opens_with_an_accented_capital() -> None:
    """Before: "None of Siobhán Ó Briain-Haddad's 18 papers in this record has code
    available" failed: "Ó" was no capital to the pattern of a possessive name, so 18 was
    read as the count of papers with code."""
    check = profile_verifier(SIOBHAN).check(
        "None of Siobhán Ó Briain-Haddad's 18 papers in this record has code available.", [])
    assert check.supported, check.reasons


def test_no_no_when_the_nearest_title_says_the_topic_in_part() -> None:
    """Before: "No: the record ... holds no papers on questionnaire validation; the nearest
    is “Development and validation of the Adolescent Worry and Rumination Scale (AWRS)”",
    a "No" the record's three validation papers belie in all but the word. The nearest
    title says "validation", which few papers use: no verdict, only what the words show."""
    answer = plan_answer(SIOBHAN, "Has she worked on questionnaire validation?")
    assert answer.startswith("No paper in the record of Siobhán Ó Briain-Haddad is mainly on "
                             "“questionnaire validation”; the nearest is “Development and "
                             "validation of the Adolescent Worry and Rumination Scale (AWRS)” "
                             "(2011) [briainhaddad2011development].")
    # A topic no title comes near keeps its "No".
    assert plan_answer(SIOBHAN, "Has she worked on antidepressants?").startswith("No: ")


def test_a_sentence_cut_before_its_list_is_not_kept() -> None:
    """The embedded model wrote '"Why does universal school-based prevention of adolescent
    depression keep failing?" (2019), with Ó Briain-Haddad as sole author, suggests three
    explanations: [briainhaddad2019why].', which the verifier passed (every word is the
    paper's): the report kept a sentence that stops before what it announces."""
    from types import SimpleNamespace

    from agent.pipeline import _reasons

    verifier = profile_verifier(SIOBHAN)
    job = SimpleNamespace(verifier=verifier)
    cut = ('"Why does universal school-based prevention of adolescent depression keep failing?" '
           "(2019) suggests three explanations: [briainhaddad2019why].")
    reasons, verified = _reasons(job, cut, ["briainhaddad2019why"], None)
    assert verified and reasons == ["stops before what it announces (it ends in a colon or a "
                                    "comma)"]
    whole = cut.replace("explanations: [", "explanations: floor effects in unselected "
                                            "samples [")
    assert _reasons(job, whole, ["briainhaddad2019why"], None)[0] == []
