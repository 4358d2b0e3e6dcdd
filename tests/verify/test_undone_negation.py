"""A denial of a verb of preventing undoes it (lexicon._undone): "did not prevent the
spread" says the spread happened, so "prevented the spread" is the papers' opposite; and
the past forms ("prevented", "lacked") negate as the present ones do."""

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


@pytest.mark.parametrize(("sentence", "supported", "papers"), [
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
