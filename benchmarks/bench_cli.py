"""How fast the command line starts: `--help`, `parse` of the example, and a fully cached
`report` of the example, each timed as a user's shell runs it (a new process each time).

    python benchmarks/bench_cli.py [--runs 7] [--src DIR]

The cached report is the second run of `make demo`: the embedded model's answers all
come from the cache, so no model loads. Its cache is filled once (a cold embedded
report, a few minutes) in benchmarks/results/cli-cache/ and kept for later runs.
A second cached report, against an endpoint (the fake OpenAI server, on 127.0.0.1),
is timed too: that path builds the HTTP client instead of the embedded backend.

--src runs another checkout's code (its folder goes first on PYTHONPATH) with this
virtualenv, to measure before and after a change. Targets (issue 13): --help
<= 0.3 s, parse <= 0.6 s, cached report <= 0.8 s. Prints the medians and writes
benchmarks/results/cli.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "benchmarks" / "results"
EXAMPLE = ROOT / "examples" / "zewen-chi.txt"
AS_OF = "2026-11-28"
# Commands run from an empty folder, as a user's would from anywhere: `python -c` puts the
# working directory first on sys.path, which would shadow --src with the repository.
NEUTRAL = tempfile.mkdtemp(prefix="bench-cli-")
TARGETS = {"help": 0.3, "parse": 0.6, "report (cached, embedded)": 0.8,
           "report (cached, endpoint)": 0.8}


def _command(src: Path | None) -> tuple[list[str], dict[str, str]]:
    """The console script's entry point, run from this virtualenv (and another tree)."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("RESEARCH_AGENT_", "OPENAI_")):
            del env[name]
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return [sys.executable, "-c", "from agent.cli import main; main()"], env


def timed(args: list[str], src: Path | None, runs: int) -> tuple[float, list[float]]:
    """Median wall time of `runs` fresh processes (after one untimed run, to warm the disk
    cache); a failing command stops the benchmark."""
    command, env = _command(src)
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(command + args, env=env, capture_output=True, text=True,
                              cwd=NEUTRAL)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed ({done.returncode}): "
                             f"{done.stderr.strip()[-600:]}")
        if i:
            times.append(elapsed)
    return statistics.median(times), times


def fill_cache(cache: Path, extra: list[str], src: Path | None) -> None:
    """One run that fills the cache (a no-op when it is already warm)."""
    command, env = _command(src)
    start = time.perf_counter()
    done = subprocess.run(command + ["report", str(EXAMPLE), "--as-of", AS_OF,
                                     "--cache-dir", str(cache), *extra],
                          env=env, capture_output=True, text=True, cwd=NEUTRAL)
    if done.returncode != 0:
        raise SystemExit(f"filling {cache} failed: {done.stderr.strip()[-600:]}")
    line = next((ln for ln in done.stderr.splitlines() if ln.startswith("run: ")), "")
    print(f"filled {cache.name} in {time.perf_counter() - start:.1f}s ({line})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", type=Path, default=None,
                        help="another checkout whose code to time (PYTHONPATH)")
    parser.add_argument("--no-embedded", action="store_true",
                        help="skip the cached embedded report (it needs llama-cpp-python "
                             "once, to fill its cache)")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}

    def record(name: str, command: list[str]) -> None:
        median, times = timed(command, args.src, args.runs)
        results[name] = {"median_s": round(median, 3), "runs_s": [round(t, 3) for t in times],
                         "target_s": TARGETS[name]}
        print(f"{name:28} {median:6.3f} s  (target {TARGETS[name]} s; runs "
              f"{', '.join(f'{t:.2f}' for t in times)})")

    record("help", ["--help"])
    record("parse", ["parse", str(EXAMPLE), "--as-of", AS_OF])
    if not args.no_embedded:
        cache = RESULTS / "cli-cache"
        fill_cache(cache, [], args.src)
        record("report (cached, embedded)",
               ["report", str(EXAMPLE), "--as-of", AS_OF, "--cache-dir", str(cache)])

    from agent.testing import writer
    from agent.testing.openai_server import FakeOpenAIServer

    with FakeOpenAIServer() as server, tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        server.set_default(writer.writer())
        endpoint = ["--base-url", server.base_url, "--model", "fake-model",
                    "--cache-dir", str(cache)]
        fill_cache(cache, endpoint, args.src)
        record("report (cached, endpoint)",
               ["report", str(EXAMPLE), "--as-of", AS_OF, *endpoint])
    out = RESULTS / "cli.json"
    out.write_text(json.dumps({"src": str(args.src or ROOT), "results": results}, indent=2)
                   + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
