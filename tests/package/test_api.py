"""The library API (agent/api.py), with the in-process fake backend: what the CLI does,
callable from Python, and the CLI a layer over it that writes the same report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent import api
from agent.config import Settings
from agent.errors import UsageError
from agent.llm.cache import ResponseCache
from agent.llm.session import Session
from agent.models import Composition, Report
from agent.testing import writer
from agent.testing.backend import FakeBackend
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, PROFILES


def session(tmp_path: Path, backend: FakeBackend | None = None) -> Session:
    return Session(Settings(cache_dir=tmp_path), backend=backend or FakeBackend(writer.writer()),
                   cache=ResponseCache(tmp_path))


def sentences(result: Composition) -> list[tuple[str, list[str]]]:
    return [(s.text, s.keys) for sec in result.sections for s in sec.sentences]


def test_load_takes_a_path_a_string_or_several(tmp_path) -> None:
    one = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    same = api.load(str(EXAMPLE), as_of=EXAMPLE_AS_OF.isoformat())
    assert one == same and len(one.papers) == 36
    notes: list[str] = []
    inputs = PROFILES.parent / "inputs"
    merged = api.load([inputs / "brannstrom.bib", inputs / "brannstrom-arxiv.xml"],
                      as_of=EXAMPLE_AS_OF, notify=notes.append)
    assert any("merged" in note for note in notes)
    assert len(merged.papers) < len(api.load(inputs / "brannstrom.bib").papers) + len(
        api.load(inputs / "brannstrom-arxiv.xml").papers)
    with pytest.raises(UsageError, match="not a date"):
        api.load(EXAMPLE, as_of="yesterday")


def test_report_through_the_api_is_the_clis_report(run_cli, fake_openai, tmp_path) -> None:
    """The CLI is a thin layer: the same responder, in-process or over HTTP, writes the same
    report."""
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    backend = FakeBackend(writer.writer())
    # Settings as the command line's: a base URL, so the judge is on (--judge auto) in both.
    opened = Session(Settings(cache_dir=tmp_path / "a", base_url=backend.base_url),
                     backend=backend)
    ours = api.report(profile, session=opened)
    assert isinstance(ours, Report)
    fake_openai.set_default(writer.writer())
    cli = run_cli("report", str(EXAMPLE), "--as-of", EXAMPLE_AS_OF.isoformat(), "--json",
                  "--base-url", fake_openai.base_url, "--model", "fake-model",
                  "--cache-dir", str(tmp_path / "b"))
    assert cli.code == 0, cli.stderr
    theirs = Report.model_validate(json.loads(cli.stdout))
    for part in ("bio", "trajectory", "topics"):
        assert sentences(getattr(ours, part)) == sentences(getattr(theirs, part))
    assert ours.tally == theirs.tally
    assert backend.calls == fake_openai.chat_calls
    # Every sentence the library returns stands up to the verifier (and its judge).
    text = " ".join(f"{t} [{', '.join(k)}]" if k else t
                    for part in (ours.bio, ours.trajectory, ours.topics)
                    for t, k in sentences(part))
    assert api.verify(profile, text, session=opened).unsupported == 0


def test_one_session_serves_several_calls(tmp_path) -> None:
    profile = api.load(PROFILES / "multi-paragraph.txt", as_of=EXAMPLE_AS_OF)
    backend = FakeBackend(writer.writer())
    shared = session(tmp_path, backend)
    bio = api.write(profile, "bio", words=50, session=shared)
    topics = api.write(profile, "topics", session=shared)
    assert sentences(bio) and sentences(topics)
    assert shared.llm.stats.calls == backend.calls > 0
    again = session(tmp_path, FakeBackend(writer.writer()))
    api.write(profile, "bio", words=50, session=again)
    assert again.llm.stats.calls == 0 and again.llm.stats.cache_hits > 0  # from the cache


def test_a_question_of_fact_needs_no_model(tmp_path) -> None:
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    backend = FakeBackend(writer.writer())
    answer = api.ask(profile, "How many papers in 2021?", session=session(tmp_path, backend))
    assert "7 papers" in " ".join(t for t, _ in sentences(answer))
    assert backend.calls == 0


def test_write_refuses_what_it_does_not_write(tmp_path) -> None:
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    for task, hint in (("report", "report()"), ("ask", "ask()")):
        with pytest.raises(UsageError, match=hint.replace("(", r"\(").replace(")", r"\)")):
            api.write(profile, task, session=session(tmp_path))
    with pytest.raises(UsageError, match="no task 'poem'"):
        api.write(profile, "poem", session=session(tmp_path))
    with pytest.raises(UsageError, match="needs a topic"):
        api.write(profile, "grant", session=session(tmp_path))
    with pytest.raises(UsageError, match="--words 70"):
        api.write(profile, "bio", words=70, session=session(tmp_path))


def test_digests_and_verify_and_markdown(tmp_path) -> None:
    profile = api.load(PROFILES / "multi-paragraph.txt", as_of=EXAMPLE_AS_OF)
    digests, tally = api.digests(profile, session=session(tmp_path))
    assert [d.key for d in digests] == [p.key for p in profile.papers]
    assert tally.supported >= 1
    first = profile.papers[0]
    checked = api.verify(profile, f'"{first.title}" appeared in {first.year} [{first.key}]. '
                                  f"It won the Turing Award in 2025 [{first.key}].")
    assert [v.supported for v in checked.sentences] == [True, False]
    bio = api.write(profile, "bio", words=50, session=session(tmp_path))
    assert api.markdown(bio).rstrip().splitlines()[-1].startswith("Faithfulness: ")


def test_settings_come_from_the_environment_when_not_given(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RESEARCH_AGENT_CACHE_DIR", str(tmp_path / "from-env"))
    monkeypatch.setenv("RESEARCH_AGENT_BASE_URL", "http://127.0.0.1:9/v1")
    said: list[str] = []
    with api.session(say=said.append) as opened:
        assert opened.settings.cache_dir == tmp_path / "from-env"
        assert opened.backend.kind == "remote"
    assert said[0].startswith("using model") and said[-1].startswith("run: 0 model calls")
