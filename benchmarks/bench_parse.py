"""Parse throughput and peak memory on generated profiles of growing size.

    python benchmarks/bench_parse.py [--sizes 36,2000,20000] [--repeat 3]

Prints a table and writes benchmarks/results/parse.json. The cost must grow
linearly: the last column (microseconds per paper) should stay flat.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.parse import parse_text  # noqa: E402

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
WORDS = ("cross lingual language model pretraining transformer retrieval sparse experts "
         "reinforcement learning reward reasoning multilingual alignment speech vision "
         "benchmark dataset efficient scaling distillation protein table dialogue").split()
AS_OF = dt.date(2026, 11, 28)


def generate_profile(n: int, seed: int = 0) -> str:
    """A profile page of n papers in the example's layout, with its quirks."""
    rng = random.Random(seed)
    lines = ["Generated Researcher", "", "CL", "h-index12", f"{n}papers", "1,234citations",
             "Novelty50%", "AI Score40", "", f"{n} Papers", ""]
    for i in range(n):
        year = "" if i % 9 == 0 else f", {rng.randint(2010, 2025)}"
        code = "Code" if i % 3 == 0 else ""
        lines.append(f"{rng.choice(['CL', 'LG', 'AI', 'IR'])}{rng.choice(MONTHS)} "
                     f"{rng.randint(1, 28)}{year}{code}")
        lines.append(" ".join(rng.choice(WORDS).title() for _ in range(7)) + f" {i}")
        lines.append("")
        authors = ["Generated Researcher" if j == i % 4 else f"Author{rng.randint(1, 500)} "
                   f"Surname{rng.randint(1, 500)}" for j in range(3)]
        tail = " et al." if i % 2 else ""
        aff = " · microsoft-research, cmu" if i % 5 == 0 else ""
        lines.append(", ".join(authors) + tail + aff)
        lines.append("")
        abstract = " ".join(rng.choice(WORDS) for _ in range(150))
        lines.append(f"{abstract} achieves 28% lower latency, see https://example.org/p{i}.")
        lines.append("")
    return "\n".join(lines)


def measure(n: int, repeat: int) -> dict[str, float]:
    """Best-of-repeat wall time and peak traced memory for parsing n papers."""
    text = generate_profile(n)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        profile = parse_text(text, as_of=AS_OF)
        best = min(best, time.perf_counter() - start)
    assert len(profile.papers) == n and not profile.issues, profile.issues[:3]
    tracemalloc.start()
    parse_text(text, as_of=AS_OF)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "papers": n, "input_mib": len(text.encode()) / 2**20, "seconds": best,
        "papers_per_second": n / best, "us_per_paper": best / n * 1e6,
        "peak_mib": peak / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="36,2000,20000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent / "results" / "parse.json")
    args = parser.parse_args()
    rows = [measure(int(n), args.repeat) for n in args.sizes.split(",")]
    print(f"{'papers':>8} {'input MiB':>10} {'seconds':>9} {'papers/s':>10} "
          f"{'us/paper':>9} {'peak MiB':>9}")
    for r in rows:
        print(f"{r['papers']:>8} {r['input_mib']:>10.2f} {r['seconds']:>9.3f} "
              f"{r['papers_per_second']:>10.0f} {r['us_per_paper']:>9.1f} {r['peak_mib']:>9.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
