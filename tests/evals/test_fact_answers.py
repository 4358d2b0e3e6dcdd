"""The tool's own fact answers pass its own verifier (evals/fact_answers.py): every sentence
of every fact answer to the ask eval's questions and a fixed list of questions of fact, on
each eval profile. At fecf88e 71 of 180 failed; at fc5f2bf 25 of 216."""

from __future__ import annotations

import importlib.util
import sys

from agent.evals import EVALS


def _module():
    spec = importlib.util.spec_from_file_location("fact_answers", EVALS / "fact_answers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_every_fact_answer_sentence_passes_verify() -> None:
    total, failures = _module().run()
    assert sum(total.values()) >= 200  # the questions are asked, and answered
    assert failures == []
