"""One embedded model per machine at a time (issue 18): llama.cpp's threads, one per
physical core. No test here loads a model."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.llm.local import MAX_THREADS, physical_cores, thread_count


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
