"""The prose eval (evals/prose.py) can fail: each metric, fed text that misses its target,
reports it; fed text that meets it, passes it. And a plan-mode run measures a real report."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys

import pytest

from agent.evals import EVALS
from agent.models import (
    ComposedSection,
    Composition,
    FactSheet,
    Paper,
    Phase,
    Sentence,
    SentenceStatus,
    Topic,
)


@pytest.fixture(scope="module")
def prose():
    spec = importlib.util.spec_from_file_location("prose", EVALS / "prose.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its pydantic models look themselves up there
    spec.loader.exec_module(module)
    return module


def _paper(key: str, title: str, abstract: str = "", year: int = 2020) -> Paper:
    return Paper(key=key, title=title, abstract=abstract, authors=["A. Owner"],
                 date=dt.date(year, 1, 1))


def test_filler_sentences_are_found(prose) -> None:
    filler = [
        '"VIBEVOICE-ASR Technical Report" (2026) is part of this work.',
        "In 2026, 4 papers include work on domain and context.",
        "Zewen Chi has 36 papers in this record, from 2019 to 2026.",
        "This line of work has 2 papers, in 2022.",
    ]
    content = [
        '"InfoXLM" (2020) presents an information-theoretic framework for pre-training.',
        "Zewen Chi is the first author of 11 of them.",
        "From 2022 the work moved to mixture of experts.",  # a named line is content
    ]
    found = prose.filler_sentences(filler + content, "Zewen Chi",
                                   unnamed=["domain and context", "domain", "context"])
    assert found == filler


def test_repeated_openings_miss_the_target(prose) -> None:
    same = [f'Zewen Chi\'s first-author paper "T{i}" ({2019 + i}) proposes X{i}.'
            for i in range(4)]
    varied = ["InfoXLM frames pre-training as mutual information.",
              "Later work turned to mixture of experts.",
              "With Li Dong, 15 papers followed.",
              "The 2025 papers study reward reasoning.",
              "Most recently, sparsity.", "Two toolkits scale transformers.",
              "Speech recognition came in 2026."]  # one in seven: 0.14
    share, words, count = prose.opening_share(same + varied)
    assert (words, count) == ("zewen chi's first-author", 4)
    assert share == 4 / 11 > prose.MAX_OPENING_SHARE
    # "Title" (year) openings are one frame, whatever the title.
    assert prose.opening('"A Long Title: Here" (2019) proposes X.') == \
        prose.opening('"B" (2021) proposes Y.') == "title number proposes"
    assert prose.opening_share(varied)[0] <= prose.MAX_OPENING_SHARE
    # The owner's name is one word, however many it is written in.
    owner = "Marit van den Heuvel"
    assert prose.opening("Van den Heuvel is first author of 7.", owner=owner) == \
        "owner is first"
    assert prose.opening("Van den Heuvel led 3 papers.", owner=owner) == "owner led number"
    assert prose.opening("Marit van den Heuvel's 11 papers ...", owner=owner) == \
        "owner 's number"


def test_an_unnamed_line_is_reported_and_the_bucket_is_left_out(prose) -> None:
    papers = {p.key: p for p in [
        _paper("a", "Mixture of Experts at Scale"),
        _paper("b", "Sparse mixture-of-experts routing"),
        _paper("c", "Dialogue responses", "We generate responses in context."),
        _paper("d", "Text-to-image prompts", "A domain shift."),
        _paper("e", "Odd one out"),
    ]}
    topics = [
        Topic(id="t1", label="mixture of experts", keywords=[], paper_keys=["a", "b"]),
        Topic(id="t2", label="generate, domain and context", keywords=[],
              paper_keys=["c", "d"]),
        Topic(id="t3", label="other work", keywords=[], paper_keys=["e"], other=True),
    ]
    lines = prose.line_names(topics, papers)
    assert [(line.id, line.named, line.using) for line in lines] == [
        ("t1", True, 2), ("t2", False, 0)]
    # The name the report shows is the one judged.
    shown = prose.line_names(topics, papers, {"t1": "scaling laws"})
    assert not shown[0].named


def test_an_oversize_phase_is_reported(prose) -> None:
    def facts(phases: list[list[str]], lines: int) -> FactSheet:
        return FactSheet(
            owner="A. Owner", paper_count=sum(map(len, phases)),
            phases=[Phase(start_year=2019 + i, end_year=2019 + i, topic_ids=[],
                          paper_keys=keys) for i, keys in enumerate(phases)],
            topics=[Topic(id=f"t{i}", label="x", keywords=[], paper_keys=[])
                    for i in range(lines)])
    big = facts([["a", "b", "c"], ["d"]], lines=2)
    assert prose.largest_phase_share(big) == 0.75 > prose.MAX_PHASE_SHARE
    assert prose.phase_target_applies(big)
    assert not prose.phase_target_applies(facts([["a", "b", "c"], ["d"]], lines=1))
    assert prose.largest_phase_share(facts([["a", "b"], ["c", "d"]], 2)) == 0.5


def test_model_share_bio_length_and_cohesion(prose) -> None:
    sentences = [Sentence(text="x", status=s) for s in (
        SentenceStatus.SUPPORTED, SentenceStatus.REPAIRED, SentenceStatus.REPLACED,
        SentenceStatus.REPLACED)]
    assert prose.model_kept_share(sentences) == 0.5
    # A model that echoes its planned claim wrote nothing.
    echo = [Sentence(text="Chi has 36 papers.", claim_id="c1", status=SentenceStatus.SUPPORTED),
            Sentence(text="Chi wrote 36 papers.", claim_id="c2",
                     status=SentenceStatus.SUPPORTED)]
    planned = {"c1": "Chi has 36 papers", "c2": "Chi has 36 papers in this record."}
    assert prose.model_kept_share(echo, planned) == 0.5
    bio = Composition(task="bio", sections=[ComposedSection(id="bio", title="", sentences=[
        Sentence(text=" ".join(["word"] * 26), keys=["a"])])])
    assert prose.word_count(bio) == 26 and not prose.within(26, 50)
    assert prose.within(44, 50) and prose.within(56, 50) and not prose.within(58, 50)
    papers = [_paper("a", "mixture of experts routing", "experts routing sparse"),
              _paper("b", "sparse mixture of experts", "routing experts"),
              _paper("c", "speech recognition report", "audio transcripts"),
              _paper("d", "table structure recognition", "tables dataset")]
    baseline, ratios = prose.cohesion(papers, {"tight": ["a", "b"], "loose": ["a", "c"],
                                               "one": ["d"]})
    assert baseline > 0
    assert ratios["tight"] > 1 > ratios["loose"]
    assert ratios["one"] is None


def test_a_plan_run_measures_the_example_and_strict_fails(prose, tmp_path, capsys) -> None:
    code = prose.main(["--profile", "examples/zewen-chi.txt", "--json"])
    assert code == 0  # without --strict a miss is printed, not an exit code
    import json

    (result,) = json.loads(capsys.readouterr().out)
    assert result["writing"] == "plan" and result["model_kept_share"] is None
    assert result["verified_share"] == 1.0
    assert set(result["bio_words"]) == {"50", "150", "300"}
    assert result["sentences"] > 20 and result["lines"]
    missed = [c["measure"] for c in result["checks"] if c["ok"] is False]
    if missed:
        assert prose.main(["--profile", "examples/zewen-chi.txt", "--json", "--strict"]) == 1
