"""Time and peak memory of the deterministic analysis on generated profiles.

    python benchmarks/bench_analyze.py [--sizes 36,1000,2000]

Prints a table and writes benchmarks/results/analyze.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.analyze import analyze  # noqa: E402
from agent.parse import parse_text  # noqa: E402
from benchmarks.bench_parse import generate_profile  # noqa: E402


def measure(n: int) -> dict[str, float]:
    """Best of three wall times and the traced peak for analysing n papers."""
    profile = parse_text(generate_profile(n), as_of=dt.date(2026, 11, 28))
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        sheet = analyze(profile)
        best = min(best, time.perf_counter() - start)
    tracemalloc.start()
    analyze(profile)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"papers": n, "seconds": best, "topics": len(sheet.topics),
            "phases": len(sheet.phases), "peak_mib": peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="36,1000,2000")
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "analyze.json")
    args = parser.parse_args()
    rows = [measure(int(n)) for n in args.sizes.split(",")]
    print(f"{'papers':>7} {'seconds':>8} {'topics':>7} {'phases':>7} {'peak MiB':>9}")
    for r in rows:
        print(f"{r['papers']:>7} {r['seconds']:>8.3f} {r['topics']:>7} {r['phases']:>7} "
              f"{r['peak_mib']:>9.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
