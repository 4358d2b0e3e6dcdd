"""One embedded model per machine at a time (issue 18): llama.cpp's threads, one per
physical core, and the lock across processes around each generation.

No test here loads a model: a "generation" is a sleep under the lock, or a stand-in for
llama.cpp's object inside a LocalBackend. Processes are real (subprocesses of this
Python), since the lock is there to keep processes apart.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from agent.config import Settings, load_settings
from agent.llm.base import SamplingParams
from agent.llm.local import MAX_THREADS, LocalBackend, physical_cores, thread_count
from agent.llm.model_lock import LOCK_NAME, ModelLock, default_lock_dir, lock_path
from agent.llm.session import model_session
from agent.prompts import ChatMessage

REPO = Path(__file__).resolve().parents[2]

# A process that takes the lock `calls` times once the go file exists, each time for
# `hold` seconds, and writes down when it held it.
TAKER = """
import json, sys, time
from pathlib import Path
from agent.llm.model_lock import ModelLock

lock_file, go, out, calls, hold = sys.argv[1:6]
lock = ModelLock(Path(lock_file))
Path(out + ".ready").touch()
while not Path(go).exists():
    time.sleep(0.005)
held = []
for _ in range(int(calls)):
    with lock.hold():
        start = time.time()
        time.sleep(float(hold))
        held.append([start, time.time()])
Path(out).write_text(json.dumps({"held": held, "waited": lock.waited}))
"""

# A process that holds the lock for a while and says when it has it.
HOLDER = """
import sys, time
from pathlib import Path
from agent.llm.model_lock import ModelLock

lock_file, held, seconds = sys.argv[1:4]
with ModelLock(Path(lock_file)).hold():
    Path(held).touch()
    time.sleep(float(seconds))
"""


def _python(code: str, *args: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def _wait_for(path: Path, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.01)


@pytest.fixture
def held_by_another(tmp_path: Path):  # noqa: ANN201 - a factory of holding processes
    """Another process holding the lock at `path` for `seconds`; returns once it holds it."""
    started: list[subprocess.Popen[bytes]] = []

    def hold(path: Path, seconds: float) -> subprocess.Popen[bytes]:
        flag = tmp_path / f"held-{len(started)}"
        started.append(_python(HOLDER, path, flag, seconds))
        _wait_for(flag)
        return started[-1]

    yield hold
    for process in started:
        process.kill()
        process.wait()


# --- threads: one per physical core -----------------------------------------------------

def _sysfs(root: Path, siblings: dict[int, str], name: str = "core_cpus_list") -> Path:
    """A fake /sys/devices/system/cpu: each logical CPU's list of its core's CPUs."""
    for cpu, cpus in siblings.items():
        topology = root / f"cpu{cpu}" / "topology"
        topology.mkdir(parents=True)
        (topology / name).write_text(cpus + "\n")
    return root


def test_hyperthreads_of_one_core_count_once(tmp_path: Path) -> None:
    # Four logical CPUs on two cores, numbered as Linux numbers them: 0 and 2 share a core.
    sysfs = _sysfs(tmp_path, {0: "0,2", 1: "1,3", 2: "0,2", 3: "1,3"})
    assert physical_cores({0, 1, 2, 3}, sysfs) == 2
    assert thread_count({0, 1, 2, 3}, sysfs) == 2
    # The process's affinity decides: both threads of one core are one core, one thread
    # of each of two cores is two.
    assert thread_count({0, 2}, sysfs) == 1
    assert thread_count({0, 1}, sysfs) == 2


def test_older_kernels_name_siblings_as_ranges(tmp_path: Path) -> None:
    # Before Linux 5.7 only thread_siblings_list, and lists may be ranges.
    sysfs = _sysfs(tmp_path, {cpu: f"{cpu // 2 * 2}-{cpu // 2 * 2 + 1}" for cpu in range(8)},
                   name="thread_siblings_list")
    assert physical_cores(range(8), sysfs) == 4
    assert thread_count(range(8), sysfs) == 4


def test_without_topology_every_usable_cpu_counts(tmp_path: Path) -> None:
    assert physical_cores({0, 1}, tmp_path) is None
    assert thread_count({0, 1, 2}, tmp_path) == 3
    assert thread_count(range(64), tmp_path) == MAX_THREADS  # bandwidth-bound past that


def test_threads_follow_the_process_affinity(monkeypatch: pytest.MonkeyPatch,
                                             tmp_path: Path) -> None:
    sysfs = _sysfs(tmp_path, {0: "0-1", 1: "0-1", 2: "2-3", 3: "2-3"})
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {2, 3}, raising=False)
    assert thread_count(sysfs=sysfs) == 1


def test_this_machine_gets_at_least_one_thread() -> None:
    assert 1 <= thread_count() <= MAX_THREADS


# --- where the lock lives ---------------------------------------------------------------

def test_the_lock_is_in_the_runtime_directory_when_there_is_one(tmp_path: Path) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir()
    env = {"XDG_RUNTIME_DIR": str(runtime), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert lock_path(None, env) == runtime / "research-agent" / LOCK_NAME


def test_else_in_the_users_cache_directory(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    gone = {"XDG_RUNTIME_DIR": str(tmp_path / "no-such-dir")}
    assert lock_path(None, gone | {"XDG_CACHE_HOME": str(tmp_path / "c")}) == (
        tmp_path / "c" / "research-agent" / LOCK_NAME)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_lock_dir({}) == tmp_path / "home" / ".cache" / "research-agent"


def test_the_setting_names_another_file_or_turns_it_off(tmp_path: Path) -> None:
    assert lock_path(str(tmp_path / "mine.lock")) == tmp_path / "mine.lock"
    for off in ("off", "OFF", "0", "false", "none"):
        assert lock_path(off) is None
    settings = load_settings(env={"RESEARCH_AGENT_MODEL_LOCK": "off"})
    assert not LocalBackend(settings).model_lock.on


# --- the lock across processes ----------------------------------------------------------

def test_two_processes_never_generate_at_once_and_take_turns(tmp_path: Path) -> None:
    lock, go, calls = tmp_path / "model.lock", tmp_path / "go", 5
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    takers = [_python(TAKER, lock, go, out, calls, 0.15) for out in outs]
    for out in outs:
        _wait_for(Path(f"{out}.ready"))
    go.touch()  # both start asking at once
    for taker in takers:
        assert taker.wait(timeout=60) == 0
    runs = [json.loads(out.read_text()) for out in outs]
    held = sorted((start, end, who) for who, run in enumerate(runs)
                  for start, end in run["held"])
    assert len(held) == 2 * calls
    for (_, end, _), (start, _, _) in zip(held, held[1:]):
        assert start >= end, "two processes held the model at once"
    # Fair turns: neither process makes all its calls while the other waits (plain
    # flock would let the one that just released win again and again); once both are
    # asking, the turns alternate, give or take one a scheduler delay can cost.
    owners = [who for _, _, who in held]
    while len(owners) > 1 and owners[-1] == owners[-2]:
        owners.pop()  # the other one is done: nobody to take turns with
    longest = max(len(list(group)) for _, group in itertools.groupby(owners))
    assert longest <= 2, owners
    assert max(run["waited"] for run in runs) > 0.1


def test_a_wait_is_said_on_the_progress_line(tmp_path: Path, held_by_another) -> None:
    path = tmp_path / "model.lock"
    said: list[str] = []
    lock = ModelLock(path, say=said.append)
    held_by_another(path, 2.0)
    started = time.monotonic()
    with lock.hold():
        waited = time.monotonic() - started
    assert waited > 1.0
    assert said[0].startswith("waiting for the embedded model: another research-agent "
                              "process is using it (")
    assert said[0].endswith("s so far)")
    assert said[-1].startswith("got the embedded model after ")
    assert lock.waited == pytest.approx(waited, abs=0.1)


def test_a_long_wait_is_said_again(tmp_path: Path, held_by_another) -> None:
    path = tmp_path / "model.lock"
    said: list[str] = []
    lock = ModelLock(path, say=said.append, notice_after=0.2, notice_every=0.6)
    held_by_another(path, 1.6)
    with lock.hold():
        pass
    waiting = [line for line in said if line.startswith("waiting")]
    assert 2 <= len(waiting) <= 4, said  # at 0.2 s, then every 0.6 s


def test_turn_after_turn_is_not_a_line_per_call(tmp_path: Path, held_by_another) -> None:
    # Two reports taking turns wait at every call; the progress line says so seldom.
    path = tmp_path / "model.lock"
    said: list[str] = []
    lock = ModelLock(path, say=said.append, notice_after=0.2, notice_every=60)
    held_by_another(path, 0.8)
    with lock.hold():
        pass
    assert len(said) == 2  # waiting, then got it
    held_by_another(path, 0.8)
    with lock.hold():
        pass
    assert len(said) == 2
    assert lock.waited > 0.8


def test_no_wait_says_nothing(tmp_path: Path) -> None:
    said: list[str] = []
    lock = ModelLock(tmp_path / "model.lock", say=said.append)
    for _ in range(3):
        with lock.hold():
            pass
    assert said == [] and lock.waited < 0.5


def test_a_lock_that_cannot_be_made_never_stops_a_run(tmp_path: Path,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    lock = ModelLock(blocker / "research-agent" / LOCK_NAME)
    with caplog.at_level(logging.WARNING, logger="agent"):
        with lock.hold():
            pass
        with lock.hold():
            pass
    warnings = [r.getMessage() for r in caplog.records if "embedded-model lock" in r.getMessage()]
    assert len(warnings) == 1 and "running without it" in warnings[0]
    assert not lock.on


# --- the embedded backend takes it --------------------------------------------------------

class _Llama:
    """What LocalBackend.complete asks of llama.cpp's object; checks the lock is held."""

    def __init__(self, lock_file: Path) -> None:
        self.lock_file = lock_file
        self.held_during_call: list[bool] = []

    def create_chat_completion(self, **kwargs: Any) -> dict[str, Any]:
        from filelock import FileLock, Timeout

        try:  # another open file: flock refuses it while the backend holds the lock
            FileLock(self.lock_file).acquire(timeout=0)
            self.held_during_call.append(False)
        except Timeout:
            self.held_during_call.append(True)
        return {"choices": [{"message": {"content": "ok"}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 1}}


def _backend(lock_file: Path | str) -> tuple[LocalBackend, _Llama]:
    backend = LocalBackend(Settings(model_lock=str(lock_file)))
    llama = _Llama(Path(lock_file))
    backend._llama = llama  # as if loaded: no model file, no llama.cpp
    return backend, llama


HELLO = [ChatMessage(role="user", content="Hello.")]


def test_a_generation_holds_the_machine_wide_lock(tmp_path: Path) -> None:
    backend, llama = _backend(tmp_path / "model.lock")
    assert backend.complete(HELLO, SamplingParams(max_tokens=4), None, None).text == "ok"
    assert llama.held_during_call == [True]
    # and lets it go after
    from filelock import FileLock

    with FileLock(tmp_path / "model.lock").acquire(timeout=0):
        pass


def test_the_session_says_the_wait_and_its_total(tmp_path: Path, held_by_another) -> None:
    lock_file = tmp_path / "model.lock"
    backend, _ = _backend(lock_file)
    said: list[str] = []
    with model_session(Settings(cache_dir=tmp_path / "cache"), say=said.append,
                       backend=backend) as session:
        held_by_another(lock_file, 1.5)
        session.backend.complete(HELLO, SamplingParams(max_tokens=4), None, None)
    assert any(line.startswith("waiting for the embedded model: another research-agent "
                               "process is using it") for line in said)
    assert said[-1].startswith("waited ") and said[-1].endswith(
        "s in all for the embedded model while other research-agent processes used it")


def test_a_session_that_never_waited_says_nothing_of_it(tmp_path: Path) -> None:
    backend, _ = _backend(tmp_path / "model.lock")
    said: list[str] = []
    with model_session(Settings(cache_dir=tmp_path / "cache"), say=said.append,
                       backend=backend) as session:
        session.backend.complete(HELLO, SamplingParams(max_tokens=4), None, None)
    assert not any("embedded model" in line and "wait" in line for line in said)
