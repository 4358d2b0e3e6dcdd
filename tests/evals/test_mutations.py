"""The evals can say no: the verifier broken on purpose, three ways, one at a time, and
`research-agent eval` fails each time, naming what broke."""

from __future__ import annotations

import pytest

import agent.verify as verify
from agent.verify import analysis, lexicon
from agent.evals import EvalReport, eval_verifier
from agent.models import Check


def _always_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(verify.Verifier, "check",
                        lambda self, sentence, keys: Check(supported=True))


def _ignore_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "_numbers", lambda text: [])


def _ignore_negation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon, "_negators", lambda *args, **kwargs: [])
    monkeypatch.setattr(lexicon, "_negated_positions", lambda *args, **kwargs: set())


MUTATIONS = {
    "always-pass": (_always_pass, "recall on negation_flip"),
    "ignore-numbers": (_ignore_numbers, "recall on changed_number"),
    "ignore-negation": (_ignore_negation, "recall on negation_flip"),
}


@pytest.fixture
def fresh_verifiers() -> None:
    """Verifiers built with the mutation in place, and none of them kept afterwards."""
    eval_verifier.cache_clear()
    yield
    eval_verifier.cache_clear()


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_broken_verifier_fails_the_checker_eval(name, run_cli, monkeypatch,
                                                  fresh_verifiers) -> None:
    mutate, expected = MUTATIONS[name]  # intact, it passes: test_evals.py checks that
    mutate(monkeypatch)
    eval_verifier.cache_clear()
    result = run_cli("eval", "--suite", "checker", "--json")
    report = EvalReport.model_validate_json(result.stdout)
    assert result.code == 1
    assert any(f.startswith(expected) for f in report.failures), report.failures
