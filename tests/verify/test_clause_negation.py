"""A negation that opens a "when" or "if" clause negates that clause, not the verb after
it: "Sprays applied when no rust was present fell by 27%" says the sprays fell. Read to
the end, the "no" turned "fell" into a rise, and a true "the app cut needless sprays"
was called a contradiction (stop 51's second blind set)."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import Profile
from agent.verify import Verifier
from tests.verify.test_grouped_prose import FIRST, OWNER, paper

KEY = "lindgren2024app"


@pytest.fixture(scope="module")
def trial() -> Verifier:
    profile = Profile(name=OWNER, as_of=dt.date(2025, 1, 1), papers=[paper(
        KEY, 2024, FIRST, "Effect of a diagnosis app on fungicide sprays: a village trial",
        "In app villages, sprays applied when no rust was present fell by 27%. Yields did "
        "not change.")])
    return Verifier(profile, analyze(profile))


@pytest.mark.parametrize(("sentence", "supported"), [
    ("The app reduced sprays applied when no rust was present by 27%.", True),
    ("The app increased sprays applied when no rust was present by 27%.", False),
    ("The app increased yields.", False),
])
def test_a_negation_in_a_when_clause_stays_there(trial: Verifier, sentence: str,
                                                 supported: bool) -> None:
    found = trial.check(sentence, [KEY])
    assert found.supported == supported, found.reasons
