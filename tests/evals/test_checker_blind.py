"""The checker on the sentences written blind (evals/checker_blind.py): no lower than the
figures it had when they were added, on the whole set and on each half."""

from __future__ import annotations

import pytest

from tests.conftest import eval_script


def test_the_blind_set_keeps_its_ground() -> None:
    blind = eval_script("checker_blind")
    found = blind.scores()
    assert found["all"]["sentences"] == 128
    assert found["read first"]["sentences"] == found["read later"]["sentences"] == 64
    assert found["all"]["recall"] >= blind.FLOORS["recall"], found["all"]["missed"]
    assert found["all"]["false_flag_rate"] <= blind.FLOORS["false_flag_rate"], \
        found["all"]["false_flags"]


@pytest.mark.parametrize("which", ["2", "3", "4", "5", "6", "7", "8"])
def test_the_sets_of_stops_51_to_53_keep_their_ground(which: str) -> None:
    blind = eval_script("checker_blind")
    found = blind.scores(which)
    floors = blind.SETS[which][2]
    assert found["all"]["sentences"] == 128
    assert found["read first"]["sentences"] == found["read later"]["sentences"] == 64
    # A failure shows only what may be read: a set's read half (all of a set read whole);
    # of a set held out whole, its figures only.
    figures = {k: found["all"][k] for k in ("recall", "false_flag_rate")}
    readable = None if which in blind.UNREAD else found[
        "all" if which in blind.WHOLLY_READ else "read first"]
    assert found["all"]["recall"] >= floors["recall"], \
        (figures, readable and readable["missed"])
    assert found["all"]["false_flag_rate"] <= floors["false_flag_rate"], \
        (figures, readable and readable["false_flags"])


def test_the_probes_of_stop_55_keep_their_ground() -> None:
    blind = eval_script("checker_blind")
    found = blind.scores("9")
    floors = blind.SETS["9"][2]
    assert found["all"]["sentences"] == 80
    assert (found["read first"]["sentences"], found["read later"]["sentences"]) == (63, 17)
    assert found["all"]["recall"] >= floors["recall"], found["all"]["missed"]
    assert found["all"]["false_flag_rate"] <= floors["false_flag_rate"], \
        found["all"]["false_flags"]


def test_the_blind_set_of_stop_55_keeps_its_ground() -> None:
    # Held out whole: a failure shows the figures only.
    blind = eval_script("checker_blind")
    found = blind.scores("10")
    floors = blind.SETS["10"][2]
    assert found["all"]["sentences"] == 64
    figures = {k: found["all"][k] for k in ("recall", "false_flag_rate")}
    assert found["all"]["recall"] >= floors["recall"], figures
    assert found["all"]["false_flag_rate"] <= floors["false_flag_rate"], figures
