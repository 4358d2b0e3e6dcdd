"""The blind SciFact claims (evals/scifact_blind.py): three claims per abstract, one of
each label, none about an abstract a train claim cites; scored, they keep the ground they
had when they were written (skipped without SciFact on the machine)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from tests.conftest import eval_script

# Each set's figures over all its 150 claims when it was written (set 1 at stop 42, set 2 at
# stop 54, scored before anyone read it), less a claim's worth: a ratchet, not a target.
FLOORS = {"1": {"support_passed": 0.64, "contradict_caught": 0.64, "balanced_accuracy": 0.61},
          "2": {"support_passed": 0.52, "contradict_caught": 0.52, "balanced_accuracy": 0.52}}


@pytest.mark.parametrize("which", ["1", "2"])
def test_each_abstract_has_one_claim_of_each_label(which: str) -> None:
    blind = eval_script("scifact_blind")
    claims = blind.read_claims(which)
    assert len(claims) == 150 and len({c["id"] for c in claims}) == 150
    by_doc = Counter(c["doc_id"] for c in claims)
    assert len(by_doc) == 50 and set(by_doc.values()) == {3}
    assert {(c["doc_id"], c["label"]) for c in claims} == {
        (d, label) for d in by_doc for label in ("SUPPORT", "CONTRADICT", "NEI")}
    assert Counter(c["half"] for c in claims) == {"read": 75, "held_out": 75}


def test_the_sets_share_no_abstract() -> None:
    blind = eval_script("scifact_blind")
    assert not {c["doc_id"] for c in blind.read_claims("1")} & {
        c["doc_id"] for c in blind.read_claims("2")}


def test_no_claim_is_about_an_abstract_the_train_claims_cite() -> None:
    blind, sf = eval_script("scifact_blind"), eval_script("scifact")
    directory = sf.data_dir()
    if directory is None:
        pytest.skip("SciFact is not on this machine (../shared/data/scifact or SCIFACT_DIR)")
    cited = {doc for line in (directory / "claims_train.jsonl").read_text().splitlines()
             for doc in json.loads(line)["cited_doc_ids"]}
    assert not cited & {c["doc_id"] for which in blind.SETS for c in blind.read_claims(which)}


@pytest.mark.parametrize("which", ["1", "2"])
def test_the_blind_claims_keep_their_ground(which: str) -> None:
    blind, sf = eval_script("scifact_blind"), eval_script("scifact")
    directory = sf.data_dir()
    if directory is None:
        pytest.skip("SciFact is not on this machine (../shared/data/scifact or SCIFACT_DIR)")
    found = blind.scores(blind.judged(directory, blind.read_claims(which)))
    assert found["all"]["pairs"] == 150 and found["read"]["pairs"] == 75
    for name, least in FLOORS[which].items():
        assert found["all"][name] >= least, (name, found["all"])
