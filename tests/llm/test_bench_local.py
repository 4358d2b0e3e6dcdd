"""benchmarks/bench_local.py --concurrent, its plumbing: cold reports in processes of their
own, one alone and two at once, with a stand-in for the model (--fake-model) that holds
the machine's embedded-model lock per call as a generation would. No model is loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Long enough that the two reports' calls overlap even on a loaded machine: at 0.02 s a
# call, a full `make test` once saw them take turns without ever waiting.
PER_CALL = 0.08


def test_two_cold_reports_at_once_against_one_alone(tmp_path: Path) -> None:
    out, lock = tmp_path / "concurrent.json", tmp_path / "model.lock"
    ran = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench_local.py"), "--concurrent",
         "--fake-model", str(PER_CALL), "--out", str(out)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(REPO), "RESEARCH_AGENT_MODEL_LOCK": str(lock)})
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "two at once: the slower took" in ran.stdout
    result = json.loads(out.read_text())
    assert result["lock"] == str(lock) and result["fake_model_s"] == PER_CALL
    runs = [result["alone"], *result["together"]]
    assert [run["name"] for run in runs] == ["alone", "first", "second"]
    # Each cold, in a cache of its own: the same calls, none answered by another's cache.
    assert len({run["cache_dir"] for run in runs}) == 3
    calls = {run["calls"] for run in runs}
    assert len(calls) == 1 and calls.pop() > 20  # one per claim saying what a paper does
    for run in runs:
        assert run["model_s"] >= run["calls"] * PER_CALL
        assert run["vs_alone"] == round(run["process_s"] / result["alone"]["process_s"], 2)
    assert result["alone"]["waited_s"] == 0
    # The two took turns at the lock: together they waited, and they did run at once.
    first, second = result["together"]
    assert first["waited_s"] + second["waited_s"] > 0
    assert first["started"] < second["ended"] and second["started"] < first["ended"]
    assert result["slowest_vs_alone"] == max(first["vs_alone"], second["vs_alone"])
