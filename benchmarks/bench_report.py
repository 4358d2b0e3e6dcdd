"""`report` against a fake model that answers after a fixed latency: wall time against the
critical path of the step graph, prompt tokens against a naive design, and the time to
render the report as an HTML page.

    python benchmarks/bench_report.py [--latency 0.2]

The critical path is measured, not assumed: the same report with no bound on
the calls in flight (every call that can run together does), best of three. The
wall time at each concurrency, the default's included, is compared with it. The
naive design, like for like, puts every abstract into each of the report's three
writing prompts (bio, trajectory, topics) and asks no digests. Both are counted
with the same tokenizer (the conservative estimate, since tiktoken cannot download
offline).

Prints a table and writes benchmarks/results/report.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "zewen-chi.txt"
EXAMPLE_AS_OF = dt.date(2026, 11, 28)  # the page's capture date

from agent.analyze import analyze  # noqa: E402
from agent.config import Settings  # noqa: E402
from agent.llm.cache import ResponseCache  # noqa: E402
from agent.llm.client import RemoteClient  # noqa: E402
from agent.llm.gateway import LLM  # noqa: E402
from agent.llm.tokens import estimate_tokens  # noqa: E402
from agent.parse import load_profile  # noqa: E402
from agent.pipeline import Job, report  # noqa: E402
from agent.render_html import report_html  # noqa: E402
from agent.testing import writer  # noqa: E402
from agent.testing.openai_server import FakeOpenAIServer  # noqa: E402

# The report's writing tasks: the naive design sends every abstract to each of them.
NAIVE_TASKS = ("bio", "trajectory", "topics")
# No bound: as many calls in flight as can be, which measures the critical path.
UNBOUNDED = 10_000


def run(server: FakeOpenAIServer, concurrency: int | None) -> dict:
    """One cold report on the example profile; wall time, depth and tokens sent. None is
    the default concurrency, as a user without --concurrency gets it."""
    server.reset()
    server.set_default(writer.writer())
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(base_url=server.base_url, api_key="bench", model="fake-model",
                            cache_dir=Path(cache_dir))
        llm = LLM(RemoteClient(settings), ResponseCache(Path(cache_dir)), concurrency=concurrency)
        profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
        start = time.perf_counter()
        result = report(Job(llm=llm, profile=profile, facts=analyze(profile)))
        wall = time.perf_counter() - start
    bodies = writer.chat_bodies(server)
    steps = [writer.step(b) for b in bodies]
    depth = 1 + 1 + (1 if "repair" in steps else 0)
    sent = sum(estimate_tokens(m["content"]) for b in bodies for m in b["messages"])
    start = time.perf_counter()
    page = report_html(result)
    html_s = time.perf_counter() - start
    return {"concurrency": concurrency or f"default ({llm.concurrency})",
            "wall_s": round(wall, 3), "calls": len(bodies),
            "html_s": round(html_s, 3), "html_bytes": len(page.encode("utf-8")),
            "depth": depth, "prompt_tokens": sent, "sentences": result.tally.sentences}


def naive_tokens() -> int:
    """Every abstract (with its title) in each of the five task prompts."""
    profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
    papers = sum(estimate_tokens(f"{p.title}\n{p.abstract}") for p in profile.papers)
    instruction = estimate_tokens("Write the task about the researcher from these papers.")
    return len(NAIVE_TASKS) * (papers + instruction)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.2)
    args = parser.parse_args()
    with FakeOpenAIServer(latency=args.latency) as server:
        # Best of three: the machine's other work only ever adds time.
        def best(concurrency: int | None) -> dict:
            return min((run(server, concurrency) for _ in range(3)), key=lambda r: r["wall_s"])

        critical = best(UNBOUNDED)["wall_s"]
        rows = [best(c) for c in (None, 4, 16, 64)]
    naive = naive_tokens()
    print(f"report on {EXAMPLE.name}, fake model answering after {args.latency * 1000:.0f} ms; "
          f"critical path (no bound on calls in flight) {critical:.2f}s, "
          f"{rows[0]['depth']} dependent steps")
    print(f"{'concurrency':>13} {'calls':>6} {'wall':>7} {'wall/critical':>13} "
          f"{'prompt tokens':>13}")
    for r in rows:
        r["critical_path_s"] = critical
        print(f"{r['concurrency']:>13} {r['calls']:>6} {r['wall_s']:>6.2f}s "
              f"{r['wall_s'] / critical:>13.2f} {r['prompt_tokens']:>13,}")
    print(f"HTML page of the report: {rows[-1]['html_bytes']:,} bytes, rendered in "
          f"{min(r['html_s'] for r in rows):.2f}s")
    ours = rows[-1]["prompt_tokens"]
    print(f"prompt tokens per report: {ours:,} (digests + sections + repairs); naive design, "
          f"like for like (every abstract in each of the report's {len(NAIVE_TASKS)} writing "
          f"prompts): {naive:,}; ratio {ours / naive:.2f}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(
        {"latency_s": args.latency, "critical_path_s": critical, "runs": rows,
         "naive_prompt_tokens": naive}, indent=2))


if __name__ == "__main__":
    main()
