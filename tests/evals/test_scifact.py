"""The SciFact harness (evals/scifact.py): folds never split an abstract, the scores are
computed right, and a run on the shared data gives every figure (skipped without it)."""

from __future__ import annotations

import pytest

from tests.conftest import eval_script


def test_scores_and_folds_on_a_hand_made_set() -> None:
    sf = eval_script("scifact")
    pairs = [sf.Pair(1, "a", 10, "SUPPORT"), sf.Pair(2, "b", 10, "CONTRADICT"),
             sf.Pair(3, "c", 11, "SUPPORT"), sf.Pair(4, "d", 12, "NEI"),
             sf.Pair(5, "e", 12, "NEI")]
    passed = {0: True, 1: True, 2: False, 3: False, 4: True}
    got = sf.scores(pairs, passed, range(5))
    assert got["support_passed"] == 0.5 and got["contradict_caught"] == 0.0
    assert got["nei_caught"] == 0.5
    assert got["balanced_accuracy"] == pytest.approx((0.5 + 1 / 3) / 2)
    folds = sf.folds_by_abstract(pairs, 2)
    assert sorted(i for f in folds for i in f) == list(range(5))
    for fold in folds:  # an abstract's pairs are never split between folds
        docs = {pairs[i].doc_id for i in fold}
        assert not any(pairs[i].doc_id in docs for other in folds if other is not fold
                       for i in other)


def test_a_run_on_scifact_gives_every_figure() -> None:
    sf = eval_script("scifact")
    directory = sf.data_dir()
    if directory is None:
        pytest.skip("SciFact is not on this machine (../shared/data/scifact or SCIFACT_DIR)")
    pairs = sf.read_pairs(directory)
    assert len(pairs) == 919 and {p.label for p in pairs} == set(sf.LABELS)
    few = pairs[:60]
    profile = sf.read_profile(directory, {p.doc_id for p in few})
    from agent.analyze import analyze
    from agent.verify import Verifier

    pooled, folds = sf.cross_validated(few, Verifier(profile, analyze(profile)), 3)
    assert len(folds) == 3 and pooled["pairs"] == 60
    assert 0.0 <= pooled["balanced_accuracy"] <= 1.0
