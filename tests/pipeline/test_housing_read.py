"""Found by reading what the tool writes of a record written for stop 49 by a helper who
had not read the code, and never tuned on before stop 50: evals/profiles/isaura-penhallow-
nkemelu.txt (urban economics, profile page text: house prices and supply constraints, then
rent control, then short-term rental platforms).

Before (`research-agent ask FILE "..." --writing plan`):
- "Has she worked on mortgage lending or interest rates?" was "Yes, in passing", citing
  three papers on listings and tenancy exit rates: "interest" is on scikit-learn's stop
  list, so "interest rates" was looked for as "rates";
- the largest sample was 6,218 renter households: listings, transactions and tenancies
  were no units of a sample, and the 38.6 million listing-month observations of the
  STRLedger panel went uncounted;
- "How did the Kessholm night-cap study differ from the later study of registration
  requirements?" looked for papers on "study of registration requirements" and found none;
- "When did she start working on short-term rental platforms, and why?" gave the year and
  no reason, where the 2020 paper says "this paper turns our work from rent regulation to
  the platform market";
- "Did her finding that rent control pushed up rents in uncontrolled buildings hold up?"
  named two papers on "rent control pushed up rents and uncontrolled buildings", neither
  the 2024 paper that retells the 2019 estimate ("Our 2019 study ... found that ...") and
  says "The spillover finding does not: ... 1.2% higher ...";
- "Does her work show that short-term rentals cause higher rents and push out long-term
  tenants?" was read as a claim of "short-term rentals and rents and and out long-term
  tenants";
- the report said the 2024 paper "reports that the spillover finding does not: contracted
  rents ...", a finding whose verb is left to the sentence before it.
"""

from __future__ import annotations

from agent.questions import _topic_of_claim
from agent import realize
from tests.conftest import REPO, plan_answer_text, plan_report

HOUSING = REPO / "evals" / "profiles" / "isaura-penhallow-nkemelu.txt"


def test_interest_rates_are_not_any_rates() -> None:
    text = plan_answer_text(HOUSING, "Has she worked on mortgage lending or interest rates?")
    assert text.startswith("No: no paper in the record of Isaura Penhallow-Nkemelu is on "), text
    assert "in passing" not in text


def test_listings_and_transactions_are_samples() -> None:
    text = plan_answer_text(HOUSING, "What is the largest sample in her work?")
    assert "the largest sample in the record is 38.6 million listing-month observations" in text
    assert "The next largest is 1.12 million housing transactions" in text, text


def test_a_side_of_a_comparison_is_what_was_studied_not_the_study() -> None:
    text = plan_answer_text(HOUSING, "How did the Kessholm night-cap study differ from the "
                                     "later study of registration requirements?")
    assert "study of registration requirements" not in text
    assert "One paper in the record is on registration requirements" in text, text
    assert "One paper in the record is on Kessholm night-cap" in text  # as the question wrote it
    assert "platform-side enforcement reduced active entire-home listings by 27%" in text


def test_a_paper_that_turns_the_work_says_why() -> None:
    text = plan_answer_text(HOUSING, "When did she start working on short-term rental "
                                     "platforms, and why?")
    assert "(2020) says why: \"Anecdotal reports suggested that many had been moved to " \
           "short-term rental platforms, and this paper turns our work from rent regulation " \
           "to the platform market itself.\"" in text, text
    # With the sentence before it, where the two are short enough to quote together.
    text = plan_answer_text(HOUSING, "When did she start working on rent control, and why?")
    assert "says why: \"Our earlier work showed that restrictions on new construction push " \
           "up house prices" in text, text


def test_a_claim_pushed_up_is_a_claim_of_its_things() -> None:
    assert _topic_of_claim("finding that rent control pushed up rents in uncontrolled "
                           "buildings") == "rent control and rents and uncontrolled buildings"
    # A glue word inside a hyphenated word is no glue: "follow-up" is one thing.
    assert _topic_of_claim("finding that follow-up visits reduce readmissions") == \
        "follow-up visits and readmissions"


def test_a_claim_asked_without_its_year_is_found_by_its_retelling() -> None:
    text = plan_answer_text(HOUSING, "Did her finding that rent control pushed up rents in "
                                     "uncontrolled buildings hold up?")
    assert "(2024) says: \"The spillover finding does not: contracted rents for new " \
           "tenancies in uncovered buildings were 1.2% higher" in text, text
    assert not text.startswith("Yes")
    # The paper that made the claim, by its statement of it: not its supply finding, nor
    # "the units ... no longer registered as let", which weighs nothing.
    assert "(2019) says: \"Asking rents for units in uncovered buildings rose by 5.1%" in text
    # Told by the paper that made it and the one that retells it, not by papers on rents
    # that say nothing of it (2017's covered buildings, 2023's night caps).
    assert "(2017) says" not in text and "(2023) says" not in text, text


def test_a_claim_of_two_effects_is_read_as_its_things() -> None:
    assert _topic_of_claim("finding that short-term rentals cause higher rents and push "
                           "out long-term tenants") == \
        "short-term rentals and rents and long-term tenants"
    text = plan_answer_text(HOUSING, "Does her work show that short-term rentals cause higher "
                                     "rents and push out long-term tenants?")
    assert "Short-term rental platforms and long-term rents" in text
    assert "Short-term rental growth and the exit of long-term tenants" in text, text


def test_a_finding_whose_verb_is_the_sentence_befores_is_quoted() -> None:
    report = plan_report(HOUSING)
    assert "reports that the spillover finding does not" not in report
    assert 'says: "The spillover finding does not: contracted rents for new tenancies in ' \
           'uncovered buildings were 1.2% higher (95% CI −0.6 to 3.0) than in comparison ' \
           'neighbourhoods" [penhallownkemelu2024ten].' in report
    assert realize._reported("the supply finding holds: by 2023 ...") == \
        "reports that the supply finding holds: by 2023 ..."


def test_a_place_studies_are_set_in_names_no_line() -> None:
    """"Velmora metropolitan region" named the early line: where its three papers were
    done, not what they study ("land-use regulation", which two titles say)."""
    from agent.analyze import analyze
    from agent.parse import load_profile
    from tests.conftest import EXAMPLE_AS_OF

    labels = [t.label for t in analyze(load_profile(HOUSING, as_of=EXAMPLE_AS_OF)).topics]
    assert "land-use regulation" in labels, labels
    assert not any(label.endswith(("region", "regions", "districts")) for label in labels)
