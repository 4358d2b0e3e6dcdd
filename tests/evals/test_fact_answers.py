"""The tool's own fact answers pass its own verifier (evals/fact_answers.py): every sentence
of every fact answer to the ask eval's questions and a fixed list of questions of fact, on
each eval profile. At fecf88e 71 of 180 failed; at fc5f2bf 25 of 216."""

from __future__ import annotations

from tests.conftest import eval_script


def test_every_fact_answer_sentence_passes_verify() -> None:
    total, failures = eval_script("fact_answers").run()
    assert sum(total.values()) >= 200  # the questions are asked, and answered
    assert failures == []
