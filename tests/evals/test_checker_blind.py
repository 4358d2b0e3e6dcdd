"""The checker on the sentences written blind (evals/checker_blind.py): no lower than the
figures it had when they were added, on the whole set and on each half."""

from __future__ import annotations

from tests.conftest import eval_script


def test_the_blind_set_keeps_its_ground() -> None:
    blind = eval_script("checker_blind")
    found = blind.scores()
    assert found["all"]["sentences"] == 128
    assert found["read first"]["sentences"] == found["read later"]["sentences"] == 64
    assert found["all"]["recall"] >= blind.FLOORS["recall"], found["all"]["missed"]
    assert found["all"]["false_flag_rate"] <= blind.FLOORS["false_flag_rate"], \
        found["all"]["false_flags"]


def test_the_second_blind_set_keeps_its_ground() -> None:
    blind = eval_script("checker_blind")
    found = blind.scores("2")
    assert found["all"]["sentences"] == 128
    assert found["read first"]["sentences"] == found["read later"]["sentences"] == 64
    assert found["all"]["recall"] >= blind.FLOORS2["recall"], found["all"]["missed"]
    assert found["all"]["false_flag_rate"] <= blind.FLOORS2["false_flag_rate"], \
        found["all"]["false_flags"]
