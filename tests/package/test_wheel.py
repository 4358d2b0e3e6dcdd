"""The package as a user installs it: a wheel built from the repository's tracked files,
installed into a fresh virtual environment, run from a folder that is not the repository.

Nothing is downloaded (tests never leave 127.0.0.1): the wheel is built without build
isolation, with this environment's setuptools, and installed with --no-deps; the
libraries it depends on are lent from this environment's site-packages through a .pth
file. The package itself, and every file it reads at run time, can only come from the
wheel: a prompt, a template or an eval file the wheel lacks fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from agent.testing import writer
from agent.testing.openai_server import FakeOpenAIServer
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, REPO

AS_OF = ["--as-of", EXAMPLE_AS_OF.isoformat()]


def _run(args: list[str], cwd: Path, timeout: float = 300, **kwargs: object
         ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("RESEARCH_AGENT_", "OPENAI_", "PYTHON"))}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, **kwargs)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the repository's tracked files, as a fresh clone has."""
    work = tmp_path_factory.mktemp("wheel")
    tracked = _run(["git", "ls-files", "-z"], REPO)
    if tracked.returncode != 0:
        pytest.skip(f"not a git checkout, so no list of tracked files: {tracked.stderr}")
    source = work / "source"
    for name in filter(None, tracked.stdout.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    built = _run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                  "--no-build-isolation", "--no-index", "-w", str(work / "dist")], work)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (found,) = (work / "dist").glob("research_agent-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    home = tmp_path_factory.mktemp("venv")
    made = _run([sys.executable, "-m", "venv", str(home / "env")], home)
    assert made.returncode == 0, made.stderr
    python = home / "env" / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()"
                      "['purelib'])"], home).stdout.strip())
    (site / "lent-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    installed = _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index",
                      str(wheel)], home)
    assert installed.returncode == 0, installed.stderr[-2000:]
    return home / "env" / "bin"


def test_the_wheel_holds_what_the_tool_reads_at_run_time(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    prompts = {f"agent/_data/prompts/{p.name}" for p in (REPO / "prompts").glob("*.prompt")}
    assert prompts and prompts <= names
    templates = {f"agent/templates/{p.name}" for p in (REPO / "agent" / "templates").iterdir()}
    assert templates <= names
    evals = {"agent/_data/evals/checker.jsonl", "agent/_data/evals/checker_hand.jsonl",
             "agent/_data/evals/pipeline_cases.json", "agent/_data/evals/thresholds.json",
             "agent/_data/evals/ask_cases.jsonl",
             "agent/_data/evals/cache/recorded.json", "agent/_data/examples/zewen-chi.txt"}
    assert evals <= names
    assert {f"agent/_data/evals/profiles/{p.name}"
            for p in (REPO / "evals" / "profiles").iterdir()} <= names
    tracked = _run(["git", "ls-files", "agent"], REPO).stdout.split()
    assert {name for name in tracked if name.endswith(".py")} <= names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/"))]


def test_the_installed_tool_parses_and_writes_a_report(venv: Path, tmp_path: Path) -> None:
    where = _run([str(venv / "python"), "-c", "import agent, agent.resources as r; "
                  "print(agent.__file__); print(r.data_root())"], tmp_path)
    package, data = where.stdout.split()
    assert package.startswith(str(venv.parent)) and data.startswith(str(venv.parent))
    assert _run([str(venv / "research-agent"), "--version"], tmp_path).stdout.startswith(
        "research-agent ")
    example = tmp_path / "page.txt"
    example.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    parsed = _run([str(venv / "research-agent"), "parse", str(example), *AS_OF], tmp_path)
    assert parsed.returncode == 0, parsed.stderr
    assert "36 papers parsed" in parsed.stdout
    with FakeOpenAIServer() as server:
        server.set_default(writer.writer())
        report = _run([str(venv / "research-agent"), "report", str(example), *AS_OF, "--json",
                       "--base-url", server.base_url, "--model", "fake-model",
                       "--cache-dir", str(tmp_path / "cache")], tmp_path)
        calls = server.chat_calls
    assert report.returncode == 0, report.stderr
    result = json.loads(report.stdout)
    assert len(result["references"]) == 36 and result["bio"]["sections"]
    assert f"run: {calls} model calls" in report.stderr and calls > 36


def test_the_installed_tool_runs_its_evals(venv: Path, tmp_path: Path) -> None:
    checked = _run([str(venv / "research-agent"), "eval", "--json"], tmp_path, timeout=600)
    assert checked.returncode == 0, checked.stderr[-2000:]
    report = json.loads(checked.stdout)
    assert report["checker"]["sentences"] > 500 and report["pipeline"]["cases"]
    assert len(report["ask"]["cases"]) >= 72  # the ask suite reads its cases from the wheel
