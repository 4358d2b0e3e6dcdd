"""Fact sheets and verdicts remembered between runs (agent/memo.py): reused only when the
profile and the code that computed them are the same, never in place of a change."""

from __future__ import annotations


import pytest

import agent.memo as memo
from agent.analyze import analyze
from agent.config import CacheMode
from agent.llm.cache import ResponseCache
from agent.memo import RememberingVerifier, facts_for, profile_key
from agent.models import Profile
from agent.verify import Verifier


def _no_analysis(profile: Profile) -> None:
    raise AssertionError("the fact sheet was computed again")


def test_a_fact_sheet_is_computed_once(profile, tmp_path, monkeypatch) -> None:
    cache = ResponseCache(tmp_path)
    first = facts_for(profile, cache)
    assert first == analyze(profile)
    monkeypatch.setattr("agent.analyze.analyze", _no_analysis)
    assert facts_for(profile, cache) == first


def test_a_changed_profile_is_analysed_again(profile, tmp_path, monkeypatch) -> None:
    cache = ResponseCache(tmp_path)
    facts_for(profile, cache)
    changed = profile.model_copy(update={"papers": profile.papers[1:]})  # one paper fewer
    assert profile_key(changed, memo.ANALYSIS_SOURCES) != profile_key(profile,
                                                                        memo.ANALYSIS_SOURCES)
    facts = facts_for(changed, cache)
    assert facts == analyze(changed)


def test_changed_analysis_code_is_a_new_key(profile, monkeypatch, tmp_path) -> None:
    # The version is the modules' bytes: one edited character makes another.
    for name in memo.ANALYSIS_SOURCES:
        (tmp_path / name).write_bytes((memo.PACKAGE_DIR / name).read_bytes())
    installed = memo.code_version(memo.ANALYSIS_SOURCES, tmp_path)
    assert installed == memo.code_version(memo.ANALYSIS_SOURCES)
    edited = tmp_path / "edited"
    edited.mkdir()
    for name in memo.ANALYSIS_SOURCES:
        (edited / name).write_bytes((tmp_path / name).read_bytes())
    (edited / "analyze.py").write_text((tmp_path / "analyze.py").read_text() + "\n# x\n")
    assert memo.code_version(memo.ANALYSIS_SOURCES, edited) != installed
    # And a new version is a new key for the same profile.
    before = profile_key(profile, memo.ANALYSIS_SOURCES)
    monkeypatch.setattr(memo, "code_version", lambda sources: "another-version")
    assert profile_key(profile, memo.ANALYSIS_SOURCES) != before


@pytest.mark.parametrize("mode", [CacheMode.READ_ONLY, CacheMode.OFF])
def test_a_cache_that_may_not_be_written_keeps_nothing(profile, tmp_path, mode) -> None:
    facts_for(profile, ResponseCache(tmp_path, mode))
    assert not list(tmp_path.rglob("*.json"))


def test_verdicts_are_remembered_and_the_verifier_is_not_rebuilt(profile, facts, tmp_path
                                                                ) -> None:
    cache = ResponseCache(tmp_path)
    key = profile.papers[0].key
    sentences = [(f'"{profile.papers[0].title}" appeared in {profile.papers[0].year}.', [key]),
                 ("It won the Turing Award.", [key])]
    first = RememberingVerifier(profile, facts, cache, lambda: Verifier(profile, facts))
    verdicts = [first.check(text, keys) for text, keys in sentences]
    assert [v.supported for v in verdicts] == [True, False]
    first.save()

    def no_verifier() -> Verifier:
        raise AssertionError("the verifier was built for a sentence it had judged")

    again = RememberingVerifier(profile, facts, cache, no_verifier)
    assert not again.fresh
    assert [again.check(text, keys) for text, keys in sentences] == verdicts
    # A sentence it has not judged needs the real verifier.
    with pytest.raises(AssertionError, match="was built"):
        again.check("Something new.", [key])


def test_cache_clear_removes_the_records(profile, facts, tmp_path) -> None:
    cache = ResponseCache(tmp_path)
    facts_for(profile, cache)
    remembering = RememberingVerifier(profile, facts, cache, lambda: Verifier(profile, facts))
    remembering.check("A sentence.", [])
    remembering.save()
    assert len(list((tmp_path / "records").rglob("*.json"))) == 2
    cache.clear()
    assert not (tmp_path / "records").exists()
