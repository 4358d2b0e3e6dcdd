"""A denial of a verb of preventing undoes it (lexicon._undone): "did not prevent the
spread" says the spread happened, so "prevented the spread" is the papers' opposite; and
the past forms ("prevented", "lacked") negate as the present ones do. A change denied
("did not change food expenditure") is borne out by the paper's null result in other
words ("did not differ between arms": polarity._null_found). And "interventions to prevent
falls" is what interventions are for: the falls are the paper's subject, not denied
(lexicon._PURPOSE)."""

from __future__ import annotations

import pytest

from agent.verify.lexicon import _lexical
from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged

BOTS = paper(
    "lee2020bots", 2020, FIRST, "Bots and the early spread of rumours",
    "We study the first 90 days of rumours on a social platform. Removing likely bots in "
    "simulation delayed but did not prevent the spread of most rumours.")

MASKS = paper(
    "lee2021masks", 2021, FIRST, "Masks in a household trial",
    "In a household trial, masks prevented the spread of influenza to 40% of contacts.")


SAVINGS = paper(
    "lee2024savings", 2024, FIRST, "A default savings design for cash transfers",
    "Recipients could change the split at any payment point. Household food expenditure "
    "did not differ between arms (difference -1.2%).")


WARDS = paper(
    "lee2020wards", 2020, FIRST, "Ward-level interventions to prevent inpatient falls: a "
    "meta-analysis",
    "We pooled 17 cluster-randomised trials. Multifactorial programmes showed the largest "
    "effect (rate ratio 0.81), whereas bed and chair alarms showed no effect (rate ratio "
    "1.02).")


@pytest.mark.parametrize(("sentence", "supported", "papers"), [
    ("Bed and chair alarms showed no effect on inpatient falls in the meta-analysis.", True,
     (WARDS,)),
    ("Multifactorial programmes showed the largest effect on inpatient falls, with a rate "
     "ratio of 0.81.", True, (WARDS,)),
    ("The default design did not change household food expenditure.", True, (SAVINGS,)),
    # No null result about the split: the paper says recipients could change it.
    ("Recipients could not change the split.", False, (SAVINGS,)),
    ("Removing likely bots in simulation prevented the spread of most rumours.", False,
     (BOTS,)),
    ("Removing likely bots in simulation delayed the spread of most rumours.", True,
     (BOTS,)),
    ("In a household trial, masks prevented the spread of influenza.", True, (MASKS,)),
])
def test_a_denied_prevention(sentence: str, supported: bool, papers: tuple) -> None:
    _judged(sentence, supported, *papers)


def test_the_denial_and_the_verb_it_denies_negate_nothing() -> None:
    undone = _lexical("Removing bots did not prevent the spread of rumours.")
    assert "spread" in undone.plain_wide and not undone.negated_wide
    assert undone.negations == 0
    said = _lexical("Removing bots prevented the spread of rumours.")
    assert "spread" in said.negated_wide


def test_a_purpose_denies_nothing_and_a_finding_does() -> None:
    assert not _lexical("Ward-level interventions to prevent inpatient falls").negated_wide
    assert "loss" in _lexical("Blocking it is sufficient to prevent neuronal loss.").negated_wide


def test_a_papers_undone_prevention_negates_nothing_in_its_clause() -> None:
    # The clause search that excuses a sentence's negation reads a paper's denial of a
    # verb of preventing as lexicon does: "has not prevented inflammation" negates none.
    from agent.verify.lexicon import _stem
    from agent.verify.polarity import _clause_negated
    assert _stem("inflammation") not in _clause_negated(
        "Treatment has not prevented inflammation in the colon")
    assert _stem("inflammation") in _clause_negated(
        "Treatment prevented inflammation in the colon")
