"""Model-layer overhead: time per call spent outside the HTTP exchange, and the
speed-up of a fully cached re-run, against the fake server at zero latency.

    python benchmarks/bench_llm.py [--papers 200] [--concurrency 1]

Prints a table and writes benchmarks/results/llm.json.
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

from agent.config import Settings  # noqa: E402
from agent.llm.cache import ResponseCache  # noqa: E402
from agent.llm.client import RemoteClient  # noqa: E402
from agent.llm.gateway import LLM  # noqa: E402
from agent.parse import parse_text  # noqa: E402
from agent.pipeline import digest_papers  # noqa: E402
from benchmarks.bench_parse import generate_profile  # noqa: E402
from agent.testing.openai_server import FakeOpenAIServer, Reply  # noqa: E402

DIGEST = json.dumps({"contribution": "It contributes a thing.", "method": "A method.",
                     "key_result": "28% lower latency.", "keywords": ["a", "b", "c"]})


class TimedClient(RemoteClient):
    """The real client, with the time spent inside the HTTP exchange summed up."""

    http_seconds = 0.0

    def _send(self, request):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return super()._send(request)
        finally:
            TimedClient.http_seconds += time.perf_counter() - start


def run(server: FakeOpenAIServer, cache_dir: Path, papers: int, concurrency: int) -> dict:
    """Digest every paper once; return wall time, HTTP time and the account."""
    settings = Settings(base_url=server.base_url, api_key="bench", model="fake-model",
                        cache_dir=cache_dir)
    profile = parse_text(generate_profile(papers), as_of=dt.date(2026, 11, 28))
    TimedClient.http_seconds = 0.0
    llm = LLM(TimedClient(settings), ResponseCache(cache_dir), concurrency=concurrency)
    start = time.perf_counter()
    digests = digest_papers(llm, profile)
    wall = time.perf_counter() - start
    assert len(digests) == papers
    return {"wall_s": wall, "http_s": TimedClient.http_seconds, **llm.stats.summary()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "llm.json")
    args = parser.parse_args()
    server = FakeOpenAIServer(latency=0.0).start()
    server.set_default(lambda body: Reply(content=DIGEST, prompt_tokens=300,
                                          completion_tokens=40))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cold = run(server, Path(tmp), args.papers, args.concurrency)
            warm = run(server, Path(tmp), args.papers, args.concurrency)
    finally:
        server.stop()
    calls = cold["calls"]
    result = {
        "papers": args.papers, "concurrency": args.concurrency,
        "cold_wall_s": cold["wall_s"], "cold_http_s": cold["http_s"],
        "overhead_ms_per_call": (cold["wall_s"] - cold["http_s"]) / calls * 1e3,
        "http_ms_per_call": cold["http_s"] / calls * 1e3,
        "warm_wall_s": warm["wall_s"], "warm_ms_per_call": warm["wall_s"] / args.papers * 1e3,
        "warm_model_calls": warm["calls"], "warm_cache_hits": warm["cache_hits"],
        "speedup": cold["wall_s"] / warm["wall_s"],
    }
    print(f"{'papers':>7} {'cold s':>8} {'http ms/call':>13} {'overhead ms/call':>17} "
          f"{'warm s':>8} {'warm ms/call':>13} {'speed-up':>9}")
    print(f"{result['papers']:>7} {result['cold_wall_s']:>8.2f} {result['http_ms_per_call']:>13.2f} "
          f"{result['overhead_ms_per_call']:>17.2f} {result['warm_wall_s']:>8.2f} "
          f"{result['warm_ms_per_call']:>13.2f} {result['speedup']:>8.1f}x")
    print(f"warm run: {warm['calls']} model calls, {warm['cache_hits']} cache hits")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
