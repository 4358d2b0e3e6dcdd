"""Names for lines of work proposed by an endpoint's model (agent/line_names.py): kept only
when every word is used by two of the line's papers, no other line has it, and the verifier
passes it; otherwise the line keeps the phrase agent/topics.py found."""

from __future__ import annotations

import json
import threading

import pytest

from agent import api
from agent.config import Settings
from agent.line_names import LineName, name_lines
from agent.verify import Verifier
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF


class Namer:
    """A stand-in for the gateway: answers every name_line call with the given name."""

    class backend:  # noqa: N801 - mimics the gateway's attribute
        model = "namer"

    def __init__(self, name: str) -> None:
        self.name = name
        self.calls = 0

    def map(self, fn, items):
        return [fn(item) for item in items]

    def structured(self, step, prompt, schema, params):
        assert step == "name line" and schema is LineName
        self.calls += 1
        return LineName(name=self.name)


@pytest.fixture(scope="module")
def example():
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    facts = api.analyze(profile)
    verifier = Verifier(profile, facts)
    return profile, facts, lambda text, keys: verifier.check(text, keys).supported


def _line(facts, label):
    return next(t for t in facts.topics if t.label == label)


def test_a_name_the_papers_use_is_kept_and_marked(example):
    profile, facts, check = example
    renamed = name_lines(Namer("reinforcement learning for reasoning"), profile, facts, check)
    line = next(t for t in renamed.topics if t.label == "reinforcement learning for reasoning")
    assert line.named and line.named_by == "namer"
    assert line.paper_keys == _line(facts, "reasoning models").paper_keys
    # The same name cannot go to a second line.
    assert [t.label for t in renamed.topics].count("reinforcement learning for reasoning") == 1


@pytest.mark.parametrize("name", [
    "quantum reasoning models",  # "quantum": no paper of the line says it
    "reasoning",                 # one word: no better than the phrase
    "cross-lingual language model pre-training",  # another line's name
    "",
])
def test_a_name_that_does_not_hold_leaves_the_phrase(example, name):
    profile, facts, check = example
    renamed = name_lines(Namer(name), profile, facts, check)
    assert [t.label for t in renamed.topics] == [t.label for t in facts.topics]
    assert all(t.named_by is None for t in renamed.topics if t.label != name)


def test_a_report_with_an_endpoint_names_its_lines_once(fake_openai, tmp_path):
    from agent.testing import writer as w

    fake_openai.set_default(w.writer(name=lambda body: json.dumps(
        {"name": "reinforcement learning for reasoning"})))
    settings = Settings(base_url=fake_openai.base_url, api_key="sk-test", model="fake-model",
                        cache_dir=tmp_path / "cache", max_retries=0)
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    result = api.write(profile, "topics", settings=settings)
    steps = [w.step(b) for b in w.chat_bodies(fake_openai)]
    lines = [t for t in api.analyze(profile).topics if not t.other and len(t.paper_keys) > 1]
    assert steps.count("name line") == len(lines)
    titles = [s.title for s in result.sections]
    assert "reinforcement learning for reasoning" in titles
    # A question asks no name: a fact question stays without any model call.
    fake_openai.reset()
    api.ask(profile, "How many papers in 2021?", settings=settings)
    assert fake_openai.chat_calls == 0


def test_renaming_lines_does_not_index_the_papers_again(fake_openai, tmp_path, monkeypatch):
    """The verifier that checked the names lends its index of the papers to the one that
    knows the new names: each paper is indexed once a report (issue 18, the tool's own
    time), and the outcome is the same as with an index built afresh."""
    from agent.testing import writer as w
    from agent.verify import index
    from agent.verify import profile as profile_index

    indexed = []
    monkeypatch.setattr(profile_index, "_index_paper",
                        lambda paper: indexed.append(paper.key) or index._index_paper(paper))
    fake_openai.set_default(w.writer(name=lambda body: json.dumps(
        {"name": "reinforcement learning for reasoning"})))
    settings = Settings(base_url=fake_openai.base_url, api_key="sk-test", model="fake-model",
                        cache_dir=tmp_path / "cache", max_retries=0)
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    result = api.write(profile, "topics", settings=settings)
    assert "reinforcement learning for reasoning" in [s.title for s in result.sections]
    assert sorted(indexed) == sorted(p.key for p in profile.papers)


def test_line_names_are_asked_at_once(fake_openai, tmp_path, monkeypatch):
    """Every line's name is asked before any answer comes (llm.map): six lines cost one
    model latency, not six, before the sections are written."""
    from agent import line_names
    from agent.testing import writer

    lock, active, peak, asked = threading.Lock(), [0], [0], []
    propose = line_names._propose

    def counted(*args):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
            asked.append(args)
        try:
            return propose(*args)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(line_names, "_propose", counted)
    fake_openai.latency = 0.2
    fake_openai.set_default(writer.writer())
    settings = Settings(base_url=fake_openai.base_url, api_key="sk-test", model="fake-model",
                        cache_dir=tmp_path / "cache", max_retries=0)
    api.write(api.load(EXAMPLE, as_of=EXAMPLE_AS_OF), "topics", settings=settings)
    assert len(asked) >= 4 and peak[0] == len(asked)
