"""The hand-written families and paraphrases (evals/checker_families.jsonl) are what the
README says: six families of errors written from a description, true paraphrases that copy
no more than five words in a row, every key a paper of its profile."""

from __future__ import annotations

import importlib.util
from collections import Counter

from agent.evals import EVALS, FAMILY_TYPES, load_eval_profile, read_labelled


def _overlap_module():
    spec = importlib.util.spec_from_file_location("paraphrase_overlap",
                                                  EVALS / "paraphrase_overlap.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_families_file_holds_what_it_should() -> None:
    sentences = read_labelled([EVALS / "checker_families.jsonl"])
    errors = Counter(s.error_type for s in sentences if s.label == "unsupported")
    assert set(errors) == set(FAMILY_TYPES) - {"invented_method"} and min(errors.values()) >= 14
    rewrites = [s for s in sentences if "rewrite" in s.tags]
    assert len(rewrites) >= 60 and all(s.label == "supported" for s in rewrites)
    assert len({s.profile for s in sentences}) == 4
    for s in sentences:
        profile, _ = load_eval_profile(s.profile)
        assert set(s.keys) <= {p.key for p in profile.papers}, s.id
        assert s.origin == "hand" and "[" not in s.text


def test_no_paraphrase_copies_more_than_five_words_in_a_row() -> None:
    overlap = _overlap_module()
    assert overlap.longest_copied_run("we train a single long short term memory network",
                                      ["We train a single long short-term memory (LSTM) "
                                       "network on daily data"]) == 8  # the check can fail
    for s in read_labelled([EVALS / "checker_families.jsonl"]):
        if "rewrite" not in s.tags:
            continue
        profile, _ = load_eval_profile(s.profile)
        papers = {p.key: p for p in profile.papers}
        sources = [text for k in s.keys for text in (papers[k].title, papers[k].abstract)]
        assert overlap.longest_copied_run(s.text, sources) <= overlap.MAX_RUN, s.id


def test_the_outside_names_are_outside_the_profile() -> None:
    """An outside entity or invented artifact the profile names somewhere would be a swap
    inside it, which the older set already measures: each such sentence names something
    (a capitalised or numbered token) that no record of its profile contains."""
    import re

    checked = 0
    for s in read_labelled([EVALS / "checker_families.jsonl"]):
        if s.error_type != "outside_entity":
            continue
        records = " ".join(f"{p.title} {p.abstract}" for p in load_eval_profile(s.profile)[0]
                           .papers).lower()
        names = re.findall(r"\b[A-Z][\w.-]*[A-Z0-9][\w.-]*\b|\b[A-Z][a-z]+\b", s.text)
        outside = [n for n in names if n.lower() not in records]
        assert outside, (s.id, names)
        checked += 1
    assert checked >= 14


def test_the_methods_file_holds_what_it_should() -> None:
    """evals/checker_methods.jsonl: invented methods beside faithful method paraphrases,
    every key a paper of its profile."""
    sentences = read_labelled([EVALS / "checker_methods.jsonl"])
    labels = Counter(s.label for s in sentences)
    assert labels == {"unsupported": 12, "supported": 12}
    assert {s.error_type for s in sentences if s.label == "unsupported"} == {"invented_method"}
    for s in sentences:
        profile, _ = load_eval_profile(s.profile)
        assert set(s.keys) <= {p.key for p in profile.papers}, s.id
        assert s.origin == "hand" and "[" not in s.text
    assert len({s.profile for s in sentences}) >= 8
