"""The stop-word list copied from scikit-learn (agent/text.py) is still scikit-learn's; the
null results an abstract reports of its own work."""

from __future__ import annotations

import pytest

from agent.text import ENGLISH_STOP_WORDS, null_results


def test_the_stop_words_are_scikit_learns() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    assert ENGLISH_STOP_WORDS == frozenset(text.ENGLISH_STOP_WORDS)


@pytest.mark.parametrize(("abstract", "found"), [
    ("We ran a trial. The programme did not reduce carbapenem use: the level change was -3.1.",
     ["The programme did not reduce carbapenem use: the level change was -3.1."]),
    ("We study leave. Exploiting the cutoff, we find no effect on mothers' earnings.",
     ["Exploiting the cutoff, we find no effect on mothers' earnings."]),
    ("We ran a trial. There was no significant difference in admissions between arms.",
     ["There was no significant difference in admissions between arms."]),
    # A negation that reports no test that failed.
    ("We ran a contest. Human experts did not propose the winning solvent ratio.", []),
    ("We surveyed moderators. Most had no training and relied on their own judgement.", []),
    # Earlier work's null result, before the abstract turns to its own.
    ("Earlier trials found no effect of nets. We test a new net, which cut malaria by 23%.",
     []),
])
def test_null_results(abstract: str, found: list[str]) -> None:
    assert null_results(abstract) == found
