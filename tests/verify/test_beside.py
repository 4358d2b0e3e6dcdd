"""The verifier in a second process (agent/verify/beside.py, issue 18): the same verdicts
and the same report as in this process, its work done in the order it is needed, and
nothing lost when the process dies, hangs or fails."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from multiprocessing import Pipe
from pathlib import Path

import pytest

from agent import api
from agent.config import Settings
from agent.testing import writer
from agent.verify import beside
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF
from tests.conftest import PROFILES as FIXTURE_PROFILES

ROOT = Path(__file__).resolve().parents[2]
PROFILES = ROOT / "evals" / "profiles"

@pytest.fixture
def child(monkeypatch: pytest.MonkeyPatch):
    """A verifier process of this test's own, started fresh and stopped afterwards."""
    monkeypatch.setenv("RESEARCH_AGENT_VERIFIER_PROCESS", "true")
    monkeypatch.setattr(beside, "_CHILD", None)
    if not beside.can_run_beside():
        pytest.skip("no second process here (not Linux, or one CPU)")
    yield
    if beside._CHILD is not None:
        beside._CHILD.close()


def _report(server, tmp_path: Path, path: Path, tag: str) -> str:
    server.reset()
    server.set_default(writer.writer())
    settings = Settings(base_url=server.base_url, api_key="sk-test", model="fake-model",
                        cache_dir=tmp_path / f"cache-{tag}", max_retries=0)
    return api.markdown(api.report(api.load(path, as_of=EXAMPLE_AS_OF), settings=settings))


@pytest.mark.parametrize("path", [EXAMPLE, PROFILES / "maren-lindqvist.txt",
                                  PROFILES / "ysolde-marangoni-achterberg.bib",
                                  PROFILES / "leander-vintervik-mbeza.txt"],
                         ids=lambda p: p.stem)
def test_a_report_checked_beside_is_the_report_checked_here(child, fake_openai, tmp_path,
                                                              monkeypatch, path):
    asked = []
    original = beside._Child.ask
    monkeypatch.setattr(beside._Child, "ask", lambda self, *a: asked.append(a) or original(self, *a))
    beside_text = _report(fake_openai, tmp_path, path, "beside")
    assert asked, "the report's sentences were checked in the second process"
    assert beside._CHILD is not None and beside._CHILD._process.is_alive()
    monkeypatch.setenv("RESEARCH_AGENT_VERIFIER_PROCESS", "false")
    asked.clear()
    here_text = _report(fake_openai, tmp_path, path, "here")
    assert not asked
    assert beside_text == here_text


def test_the_child_analyses_and_the_facts_are_the_same(child):
    from agent.analyze import analyze

    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    rules = beside.BesideVerifier.start(profile)
    assert rules is not None
    assert rules.analyse(profile) == analyze(profile)
    rules.close()


def test_checks_are_the_verifiers_and_survive_a_dead_child(child, caplog):
    from agent.analyze import analyze
    from agent.verify import Verifier

    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    facts = analyze(profile)
    here = Verifier(profile, facts)
    rules = beside.BesideVerifier.start(profile).with_facts(facts)
    key = profile.papers[0].key
    sentences = [(profile.papers[0].title, [key]),
                 ("Chi won the Turing Award in 2025.", [key]),
                 (f"{profile.name} has published 36 papers.", [])]
    rules.prefetch(sentences)
    for text, keys in sentences:
        assert rules.check(text, keys) == here.check(text, keys)
    beside._CHILD._process.kill()
    beside._CHILD._process.join()
    with caplog.at_level(logging.WARNING, logger="agent.verify.beside"):
        late = rules.check("Chi won the Turing Award in 2026.", [key])
    assert late == here.check("Chi won the Turing Award in 2026.", [key])
    assert not late.supported
    assert any("checking in this process instead" in r.getMessage() for r in caplog.records)
    # A dead child is replaced at the next report's start.
    assert beside._child() is not None and beside._CHILD._process.is_alive()


def test_a_child_that_hangs_is_given_up_on(child, monkeypatch, caplog):
    from agent.analyze import analyze
    from agent.verify import Verifier

    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    facts = analyze(profile)
    rules = beside.BesideVerifier.start(profile).with_facts(facts)
    process = beside._CHILD._process
    os.kill(process.pid, signal.SIGSTOP)
    monkeypatch.setattr(beside, "_PATIENCE_S", 0.5)
    key = profile.papers[0].key
    with caplog.at_level(logging.WARNING, logger="agent.verify.beside"):
        verdict = rules.check(profile.papers[0].title, [key])
    assert verdict == Verifier(profile, facts).check(profile.papers[0].title, [key])
    process.join(timeout=5)
    assert not process.is_alive()  # killed, not left stopped
    assert any("did not answer" in r.getMessage() for r in caplog.records)


def test_after_close_checks_are_made_here(child):
    from agent.analyze import analyze

    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    rules = beside.BesideVerifier.start(profile).with_facts(analyze(profile))
    rules.close()
    asked = len(beside._CHILD._futures)
    assert rules.check(profile.papers[0].title, [profile.papers[0].key]).supported
    assert len(beside._CHILD._futures) == asked  # not asked of the child


def test_the_most_urgent_question_is_answered_first():
    """Questions already waiting are answered by urgency, then in the order asked: a check
    someone waits on, then a section's sentences, then a digest's."""
    ours, theirs = Pipe()
    answered = []

    class Served(beside._Served):
        def answer(self, body):
            answered.append(body[2])
            return body[2]

    for ident, urgency in [(1, beside.Urgency.LATER), (2, beside.Urgency.SOON),
                           (3, beside.Urgency.LATER), (4, beside.Urgency.NOW),
                           (5, beside.Urgency.SOON)]:
        ours.send(("ask", ident, int(urgency), ("check", 0, f"s{ident}", [])))
    ours.send(("hurry", 3, int(beside.Urgency.NOW)))
    original = beside._Served
    beside._Served = Served
    try:
        thread = threading.Thread(target=beside._serve, args=(theirs,))
        thread.start()
        replies = [ours.recv() for _ in range(5)]
        ours.send(("stop",))
        thread.join(timeout=5)
    finally:
        beside._Served = original
    assert [r[0] for r in replies] == [3, 4, 2, 5, 1]  # 3, hurried, was asked before 4
    assert answered == ["s3", "s4", "s2", "s5", "s1"]


def test_thresholds_set_after_the_fork_reach_the_child(child, monkeypatch):
    """A calibration sets thresholds with setattr (agent/verify/thresholds.py): checks made
    beside use them as checks made here would."""
    from agent.analyze import analyze
    from agent.verify import Verifier, thresholds

    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    facts = analyze(profile)
    beside.BesideVerifier.start(profile)  # the child is forked now
    monkeypatch.setattr(thresholds, "SUPPORT_THRESHOLD", 0.99)
    rules = beside.BesideVerifier.start(profile).with_facts(facts)
    paper = profile.papers[3]
    sentence = f"The paper studies {paper.title.split(':')[0].lower()} across many languages."
    assert rules.check(sentence, [paper.key]) == Verifier(profile, facts).check(
        sentence, [paper.key])


def test_a_report_process_exits_quietly(tmp_path, fake_openai):
    """The child stops with its parent, and says nothing as it goes."""
    fake_openai.set_default(writer.writer())
    script = (
        "import datetime, sys\n"
        "from pathlib import Path\n"
        "from agent import api\n"
        "from agent.config import Settings\n"
        "from agent.verify import beside\n"
        f"s = Settings(base_url={fake_openai.base_url!r}, api_key='sk', model='fake-model',"
        f" cache_dir=Path({str(tmp_path / 'cache')!r}), max_retries=0)\n"
        f"p = api.load(Path({str(EXAMPLE)!r}), as_of=datetime.date(2026, 11, 28))\n"
        "api.report(p, settings=s)\n"
        "print(beside._CHILD._process.pid if beside._CHILD else 0)\n")
    env = dict(os.environ, RESEARCH_AGENT_VERIFIER_PROCESS="true")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "verifier process" not in done.stderr
    pid = int(done.stdout.split()[-1])
    if pid:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_verdicts_remembered_need_no_second_process(child, fake_openai, tmp_path):
    """A re-run whose verdicts are all remembered builds no index anywhere."""
    fake_openai.set_default(writer.writer())
    settings = Settings(base_url=fake_openai.base_url, api_key="sk-test", model="fake-model",
                        cache_dir=tmp_path / "cache", max_retries=0)
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    first = api.markdown(api.report(profile, settings=settings))
    from agent.llm.session import model_session
    from agent.pipeline import start_report

    with model_session(settings) as opened:
        started = start_report(opened.llm, profile, opened.cache, plan_only=False,
                               claim_by_claim=None)
    assert started.beside is None and started.ahead is None
    assert api.markdown(api.report(profile, settings=settings)) == first


def test_no_second_process_when_switched_off_or_without_an_endpoint(monkeypatch, tmp_path):
    monkeypatch.setenv("RESEARCH_AGENT_VERIFIER_PROCESS", "false")
    assert not beside.can_run_beside()
    assert beside.BesideVerifier.start(api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)) is None
    monkeypatch.setenv("RESEARCH_AGENT_VERIFIER_PROCESS", "true")
    from agent.llm.session import model_session
    from agent.pipeline import start_report

    settings = Settings(writing="plan", cache_dir=tmp_path / "cache")
    with model_session(settings) as opened:
        started = start_report(opened.llm, api.load(EXAMPLE, as_of=EXAMPLE_AS_OF),
                               opened.cache, plan_only=True, claim_by_claim=None)
    assert started.beside is None and started.ahead is None


def test_a_batch_checked_beside_writes_what_one_checked_here_does(child, run_cli, fake_openai,
                                                                  tmp_path, monkeypatch):
    """One second process serves every report of a batch, each profile under its own
    verifiers, and the reports are those of checks made here."""
    import shutil

    d = tmp_path / "group"
    d.mkdir()
    for path in (EXAMPLE, FIXTURE_PROFILES / "one-paper.txt", PROFILES / "maren-lindqvist.txt"):
        shutil.copy(path, d / path.name)
    fake_openai.set_default(writer.writer())

    def batch(tag: str) -> dict[str, str]:
        out = tmp_path / f"out-{tag}"
        result = run_cli("batch", str(d), "-o", str(out), "--no-html", "--as-of", "2026-11-28",
                         "--base-url", fake_openai.base_url, "--model", "fake-model",
                         "--cache-dir", str(tmp_path / f"cache-{tag}"))
        assert result.code == 0, result.stderr
        return {p.name: p.read_text() for p in sorted(out.glob("*.md"))}

    asked = []
    original = beside._Child.ask
    monkeypatch.setattr(beside._Child, "ask", lambda self, *a: asked.append(a) or original(self, *a))
    checked_beside = batch("beside")
    assert len({a[0] for a in asked}) >= 3  # a generation of verifiers for each profile
    monkeypatch.setenv("RESEARCH_AGENT_VERIFIER_PROCESS", "false")
    assert checked_beside == batch("here") and len(checked_beside) == 3


def test_many_checks_from_many_threads_all_come_back(child):
    """Four threads asking hundreds of long checks at once (more than the pipes hold) while
    the child answers and this process collects: every one comes back."""
    from agent.analyze import analyze

    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    rules = beside.BesideVerifier.start(profile).with_facts(analyze(profile))
    papers = profile.papers
    asked = [(f"{p.title} is studied again ({i}) " + p.abstract[:1500], [p.key])
             for i in range(10) for p in papers]

    def ask(part: int) -> None:
        rules.prefetch(asked[part::4], beside.Urgency.LATER)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    verdicts = [rules.check(text, keys) for text, keys in asked[:20]]
    for thread in threads:
        thread.join(timeout=60)
    verdicts += [rules.check(text, keys) for text, keys in asked[20:]]
    assert len(verdicts) == len(asked) and not beside._CHILD.broken
    rules.close()
