"""`report` against a fake model that answers after a fixed latency: wall time against the
critical path of the step graph, at the default settings and at several caps on the
calls in flight; the same report against an endpoint that takes only so many requests
at once; prompt tokens against a naive design; the time to render the report as an
HTML page.

    python benchmarks/bench_report.py [--latency 0.2 2] [--limit 6] [--retry-after 1]
    python benchmarks/bench_report.py --own-time [--runs 7] [--rounds 2]

The critical path is measured, not assumed: the same report with no bound on the
calls in flight (every call that can run together does), best of three. The wall
time at the default (no --concurrency: the endpoint's adaptive window, starting at
its cap) and at each --concurrency is compared with it; issue 18's target is at
most 1.5 times the critical path at the default. The rate-limited run gives the fake
server a limit of --limit requests in flight, above which it answers 429 with
Retry-After, and reports whether the report was written, the 429s, the most requests
the server had in flight (at the start, and over the last half of the requests) and
the wall time, at the default and at --concurrency 4 (the default before issue 18).
Prompt tokens (the messages; not the response schema) are counted per kind of prompt
(digest, section, repair, other) and set against two naive designs, neither of which
DESIGN.md defines: issue 18's (every abstract in each of five task prompts, bio,
trajectory, topics, grant and intro: the count this benchmark first made, 69,280 on the
example), and the like-for-like one it later became (every abstract in each of the
report's three writing prompts, and no digests, although the report carries a digest of
every paper). A last run has every written sentence fail verification, so that the
repair prompts are counted too. All are counted with the same tokenizer (the
conservative estimate, since tiktoken cannot download offline).

--own-time measures the tool's own time instead (issue 18, item 5: at most 0.25 s per
report at 1 ms latency, the default --latency here): the fake model is served from a
child process, so its work is not counted, as a real endpoint's would not be, and this
process runs `report` as the library API does (load, analyse, session, report,
Markdown; a fresh cache each time, so nothing is remembered from an earlier run). It prints apart:
  - imports: this script's imports of agent's modules, before anything runs;
  - one-time loads: what the first report of a process loads and builds once, measured
    as a report of another profile (WARM_UP, never timed as a report): the libraries
    imported lazily (scipy, the openai SDK) and the model-free resources
    (wordllama's embeddings, the spelling dictionary, the stop-word lists);
  - per report: the example report, --runs times after that warm-up, in each of two
    ways: the verifier in its own process (agent/verify/beside.py, the default where one
    can run) and in this one (RESEARCH_AGENT_VERIFIER_PROCESS=false). Each way runs in
    processes of its own, as a user's process runs one way (run by turns in one process,
    each way slowed the other's next report), and the two take turns for --rounds rounds,
    so that the machine's drift falls on both. Printed: the median wall time of all runs
    of a way and of each process, and the median CPU time, the report's process's and the
    verifier process's apart. Every run of both must write the same report.
Writes benchmarks/results/own_time.json.

Prints a table and writes benchmarks/results/report.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_IMPORT_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "zewen-chi.txt"
EXAMPLE_AS_OF = dt.date(2026, 11, 28)  # the page's capture date
# The --own-time warm-up: another profile, so no word of the example is met before it.
WARM_UP = ROOT / "evals" / "profiles" / "maren-lindqvist.txt"

from agent.analyze import analyze  # noqa: E402
from agent.config import Settings  # noqa: E402
from agent.llm.cache import ResponseCache  # noqa: E402
from agent.llm.client import RemoteClient  # noqa: E402
from agent.llm.gateway import LLM  # noqa: E402
from agent.llm.limiter import AIMDLimiter  # noqa: E402
from agent.llm.tokens import estimate_tokens  # noqa: E402
from agent.parse import load_profile  # noqa: E402
from agent.pipeline import Job, report  # noqa: E402
from agent.render_html import report_html  # noqa: E402
from agent.testing import writer  # noqa: E402
from agent.testing.openai_server import FakeOpenAIServer, Reply  # noqa: E402

# The report's writing tasks: the like-for-like naive design sends every abstract to each.
NAIVE_TASKS = ("bio", "trajectory", "topics")
# Issue 18's naive design: every abstract in each of the five task prompts.
ISSUE_NAIVE_TASKS = ("bio", "trajectory", "topics", "grant", "intro")
# The kinds of prompt a report sends, by the template that made each (writer.step).
KINDS = {"digest": "digest", "repair": "repair", "rewrite": "repair",
         **{k: "section" for k in ("bio", "trajectory", "topic", "grant", "intro", "answer")}}
# No bound: as many calls in flight as can be, which measures the critical path.
UNBOUNDED = 10_000
# Caps given as --concurrency, beside the default (none given).
CAPS = (4, 16, 32)


def run(server: FakeOpenAIServer, concurrency: int | None,
        respond: Callable[[dict], Reply] | None = None) -> dict:
    """One cold report on the example profile, as a user with `--concurrency
    concurrency` gets it (None: the default); wall time, requests and tokens sent.
    UNBOUNDED measures the critical path: no window, no pool bound. `respond`: the
    fake model (default: a faithful writer)."""
    server.reset()
    server.set_default(respond or writer.writer())
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(base_url=server.base_url, api_key="bench", model="fake-model",
                            cache_dir=Path(cache_dir),
                            concurrency=None if concurrency == UNBOUNDED else concurrency)
        unbounded = AIMDLimiter(UNBOUNDED) if concurrency == UNBOUNDED else None
        client = RemoteClient(settings, limiter=unbounded)
        llm = LLM(client, ResponseCache(Path(cache_dir)),
                  concurrency=UNBOUNDED if concurrency == UNBOUNDED else None)
        profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
        start = time.perf_counter()
        error = None
        try:
            result = report(Job(llm=llm, profile=profile, facts=analyze(profile)))
        except Exception as exc:  # noqa: BLE001 - a failed run is a row, not a crash
            result, error = None, f"{type(exc).__name__}: {exc}"
        wall = time.perf_counter() - start
    bodies = writer.chat_bodies(server)  # every request, refused ones included
    row = {"concurrency": concurrency or f"default ({llm.concurrency})",
           "wall_s": round(wall, 3), "calls": llm.stats.calls, "requests": len(bodies),
           "error": error, "window": client.limiter.window,
           "backoffs": client.limiter.backoffs, "rate_limited": server.rate_limited,
           "peak_in_flight": server.peak_in_flight,
           "peak_in_flight_last_half": max(
               server.in_flight_at_arrival[len(server.in_flight_at_arrival) // 2:], default=0)}
    if result is not None:
        by_kind = dict.fromkeys(("digest", "section", "repair", "other"), 0)
        for body in bodies:
            by_kind[KINDS.get(writer.step(body), "other")] += sum(
                estimate_tokens(m["content"]) for m in body["messages"])
        sent = sum(by_kind.values())
        start = time.perf_counter()
        page = report_html(result)
        row |= {"html_s": round(time.perf_counter() - start, 3),
                "html_bytes": len(page.encode("utf-8")), "prompt_tokens": sent,
                "prompt_tokens_by_kind": by_kind,
                "sentences": result.tally.sentences}
    return row


def failing_section(body: dict) -> str:
    """A section whose every sentence adds a figure no paper states, so each is repaired."""
    written = json.loads(writer.echo_section(body))
    for sentence in written["sentences"]:
        sentence["text"] = sentence["text"].rstrip(".") + ", reaching 97.3% accuracy."
    return json.dumps(written)


def _kinds(row: dict) -> str:
    return ", ".join(f"{kind} {n:,}" for kind, n in row["prompt_tokens_by_kind"].items())


def best(server: FakeOpenAIServer, concurrency: int | None, times: int = 3) -> dict:
    """Best of `times`: the machine's other work only ever adds time."""
    return min((run(server, concurrency) for _ in range(times)), key=lambda r: r["wall_s"])


def at_latency(latency: float) -> dict:
    """The critical path, and the wall time at the default and at each cap."""
    with FakeOpenAIServer(latency=latency) as server:
        critical = best(server, UNBOUNDED)["wall_s"]
        rows = [best(server, c) for c in (None, *CAPS)]
    print(f"\nreport on {EXAMPLE.name}, fake model answering after {latency * 1000:.0f} ms; "
          f"critical path (no bound on calls in flight) {critical:.2f}s")
    print(f"{'concurrency':>13} {'calls':>6} {'wall':>7} {'wall/critical':>13} "
          f"{'peak in flight':>14} {'prompt tokens':>13}")
    for r in rows:
        r["critical_path_s"] = critical
        r["wall_over_critical"] = round(r["wall_s"] / critical, 2)
        print(f"{r['concurrency']:>13} {r['calls']:>6} {r['wall_s']:>6.2f}s "
              f"{r['wall_over_critical']:>13.2f} {r['peak_in_flight']:>14} "
              f"{r['prompt_tokens']:>13,}")
    return {"latency_s": latency, "critical_path_s": critical, "runs": rows}


def rate_limited(latency: float, limit: int, retry_after: str) -> dict:
    """The report against an endpoint that refuses (429, Retry-After) a request beyond
    `limit` in flight: at the default, and at the old fixed default of 4."""
    with FakeOpenAIServer(latency=latency) as server:
        critical = best(server, UNBOUNDED)["wall_s"]
        server.max_in_flight, server.limit_retry_after = limit, retry_after
        rows = [run(server, c) for c in (None, 4)]
    print(f"\nthe same report against an endpoint that takes {limit} requests at once (429 "
          f"with Retry-After: {retry_after} beyond), answering after {latency * 1000:.0f} ms; "
          f"critical path without the limit {critical:.2f}s")
    print(f"{'concurrency':>13} {'written':>7} {'calls':>6} {'429s':>5} {'peak in flight':>14} "
          f"{'last half':>9} {'window':>6} {'wall':>7} {'wall/critical':>13}")
    for r in rows:
        r["critical_path_s"] = critical
        print(f"{r['concurrency']:>13} {'yes' if r['error'] is None else 'NO':>7} "
              f"{r['calls']:>6} {r['rate_limited']:>5} {r['peak_in_flight']:>14} "
              f"{r['peak_in_flight_last_half']:>9} {r['window']:>6} {r['wall_s']:>6.2f}s "
              f"{r['wall_s'] / critical:>13.2f}")
        if r["error"]:
            print(f"{'':>13} {r['error']}")
    return {"latency_s": latency, "limit": limit, "retry_after": retry_after,
            "critical_path_s": critical, "runs": rows}


def naive_tokens(tasks: tuple[str, ...] = NAIVE_TASKS) -> int:
    """Every abstract (with its title) in each of the tasks' prompts."""
    profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
    papers = sum(estimate_tokens(f"{p.title}\n{p.abstract}") for p in profile.papers)
    instruction = estimate_tokens("Write the task about the researcher from these papers.")
    return len(tasks) * (papers + instruction)


def _serve(latency: float, conn: object) -> None:
    """The fake model in a child process: its URL, then a fresh scripted writer on each
    "reset" until "stop"."""
    with FakeOpenAIServer(latency=latency) as server:
        conn.send(server.base_url)  # type: ignore[attr-defined]
        while conn.recv() == "reset":  # type: ignore[attr-defined]
            server.reset()
            server.set_default(writer.writer())
            conn.send("ok")  # type: ignore[attr-defined]


def _own_report(base_url: str, conn: object, path: Path) -> tuple[float, float, float, str]:
    """One report as the library API makes it, against a fresh cache: wall seconds, CPU
    seconds of this process and of the verifier's process (agent/verify/beside.py; 0 when
    the report checked in this one), and the Markdown."""
    from agent import api

    conn.send("reset")  # type: ignore[attr-defined]
    conn.recv()  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory() as cache_dir:
        settings = Settings(base_url=base_url, api_key="bench", model="fake-model",
                            cache_dir=Path(cache_dir))
        before = _verifier_cpu()
        wall, cpu = time.perf_counter(), time.process_time()
        profile = api.load(path, as_of=EXAMPLE_AS_OF)
        text = api.markdown(api.report(profile, settings=settings))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        return wall, cpu, max(_verifier_cpu() - before, 0.0), text


def _verifier_cpu() -> float:
    """CPU seconds the verifier's process has used so far (Linux /proc), 0 without one."""
    from agent.verify import beside

    child = beside._CHILD
    if child is None or not child._process.is_alive():
        return 0.0
    try:
        fields = Path(f"/proc/{child._process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# The two ways a report's checks are made (agent/verify/beside.py): its default, beside
# this process where a second one can run, and in this process, as before issue 18's item 5.
MODES = {"beside": "true", "here": "false"}


def own_time_in(mode: str, latency: float, runs: int) -> dict:
    """One way's own time, in this process: a warm-up report, then `runs` timed ones."""
    import hashlib
    import logging

    logging.disable(logging.WARNING)  # "no tokenizer known for model fake-model", per run
    os.environ["RESEARCH_AGENT_VERIFIER_PROCESS"] = MODES[mode]
    parent, child = multiprocessing.get_context("fork").Pipe()
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(latency, child),
                                                         daemon=True)
    server.start()
    try:
        base_url = parent.recv()
        warm = _own_report(base_url, parent, WARM_UP)
        timed = [_own_report(base_url, parent, EXAMPLE) for _ in range(runs)]
    finally:
        parent.send("stop")
        server.join(timeout=5)
    from agent.verify import beside

    return {"mode": mode, "one_time_s": warm[0], "one_time_cpu_s": warm[1] + warm[2],
            "walls": [t[0] for t in timed], "cpus": [t[1] for t in timed],
            "theirs": [t[2] for t in timed],
            "texts": sorted({hashlib.sha256(t[3].encode()).hexdigest() for t in timed}),
            "beside": mode == "beside" and beside.can_run_beside()}


def own_time(latency: float, runs: int, rounds: int) -> dict:
    """The tool's own time per report, apart from its imports and one-time loads, both
    ways: each way in processes of its own (a process runs one way, as a user's does),
    the two taking turns for `rounds` rounds, so that the machine's drift falls on both."""
    done: dict[str, list[dict]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode in MODES:
            out = subprocess.run([sys.executable, __file__, "--own-time-way", mode, "--runs",
                                  str(runs), "--latency", str(latency)],
                                 capture_output=True, text=True, check=True, cwd=ROOT)
            done[mode].append(json.loads(out.stdout.splitlines()[-1]))
    texts = {h for rows in done.values() for r in rows for h in r["texts"]}
    first = done["beside"][0]
    row: dict = {"latency_s": latency, "imports_s": round(first["imports_s"], 3),
                 "one_time_s": round(first["one_time_s"], 3),
                 "one_time_cpu_s": round(first["one_time_cpu_s"], 3),
                 "warm_up_profile": WARM_UP.name, "runs": runs, "rounds": rounds,
                 "verifier_process": first["beside"], "same_text": len(texts) == 1}
    print(f"the tool's own time, report of {EXAMPLE.name} against a fake model answering "
          f"after {latency * 1000:g} ms (served from another process)")
    print(f"  imports (agent's modules):                       {row['imports_s']:.2f}s")
    print(f"  one-time loads (a first report, of {WARM_UP.name}): {row['one_time_s']:.2f}s "
          f"(CPU {row['one_time_cpu_s']:.2f}s)")
    for mode, label in (("beside", "verifier in its own process (the default)"),
                        ("here", "verifier in this process")):
        walls = [w for r in done[mode] for w in r["walls"]]
        cpus = [c for r in done[mode] for c in r["cpus"]]
        theirs = [c for r in done[mode] for c in r["theirs"]]
        medians = [round(statistics.median(r["walls"]), 3) for r in done[mode]]
        row[mode] = {"median_s": round(statistics.median(walls), 3),
                     "median_by_process_s": medians,
                     "median_cpu_s": round(statistics.median(cpus), 3),
                     "median_verifier_cpu_s": round(statistics.median(theirs), 3),
                     # On a shared machine other work only ever adds time: the least is
                     # the cleanest.
                     "min_s": round(min(walls), 3),
                     "walls_s": [round(w, 3) for w in walls]}
        r = row[mode]
        print(f"  per report, {label}, {rounds} processes of {runs} runs: median "
              f"{r['median_s']:.3f}s wall (by process {', '.join(f'{m:.3f}' for m in medians)}; "
              f"least {r['min_s']:.3f}s); CPU {r['median_cpu_s']:.3f}s here + "
              f"{r['median_verifier_cpu_s']:.3f}s in the verifier's process")
    if not row["verifier_process"]:
        print("  (no second process can run on this machine: both ran in one process)")
    print(f"  target: at most 0.25 s at the default; every run's text the same, in both ways: "
          f"{'yes' if row['same_text'] else 'NO'}")
    return row


def main() -> None:
    imports_s = time.perf_counter() - _IMPORT_START
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, nargs="+", default=None,
                        help="seconds the fake model takes to answer (default: 0.2 2; "
                             "with --own-time, 0.001)")
    parser.add_argument("--limit", type=int, default=6,
                        help="requests in flight the rate-limited endpoint takes (default: 6)")
    parser.add_argument("--retry-after", default="1",
                        help="its Retry-After, in seconds (default: 1)")
    parser.add_argument("--own-time", action="store_true",
                        help="only the tool's own time per report, at 1 ms latency")
    parser.add_argument("--runs", type=int, default=7,
                        help="--own-time: timed reports after the warm-up, per process "
                             "(default: 7)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="--own-time: processes of each way, taking turns (default: 2)")
    parser.add_argument("--own-time-way", choices=sorted(MODES), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.own_time_way:  # one way, in this process, for own_time: a JSON line
        row = own_time_in(args.own_time_way, args.latency[0] if args.latency else 0.001,
                          args.runs)
        print(json.dumps(row | {"imports_s": imports_s}))
        return
    if args.own_time:
        row = own_time(args.latency[0] if args.latency else 0.001, args.runs, args.rounds)
        out = ROOT / "benchmarks" / "results"
        out.mkdir(parents=True, exist_ok=True)
        (out / "own_time.json").write_text(json.dumps(row, indent=2) + "\n")
        if not row["same_text"]:  # the same report, asked the same, must read the same
            sys.exit("the runs wrote different reports")
        return
    args.latency = args.latency or [0.2, 2.0]
    latencies = [at_latency(latency) for latency in args.latency]
    limited = rate_limited(args.latency[0], args.limit, args.retry_after)
    print("\nat the default, wall time over the critical path: " + ", ".join(
        f"{r['runs'][0]['wall_over_critical']:.2f}x at {r['latency_s'] * 1000:.0f} ms"
        for r in latencies) + " (target: at most 1.5x)")
    if len(latencies) >= 2:  # the critical path's share that waits on the model
        (low, high) = latencies[0], latencies[-1]
        trips = ((high["critical_path_s"] - low["critical_path_s"])
                 / (high["latency_s"] - low["latency_s"]))
        print(f"the critical path waits on about {trips:.1f} model answers in sequence "
              f"(its growth per second of latency); the rest is the run's own work")
    last = latencies[0]["runs"][0]
    naive, issue_naive = naive_tokens(), naive_tokens(ISSUE_NAIVE_TASKS)
    print(f"HTML page of the report: {last['html_bytes']:,} bytes, rendered in "
          f"{min(r['html_s'] for r in latencies[0]['runs']):.2f}s")
    ours = last["prompt_tokens"]
    print(f"prompt tokens per report: {ours:,} ({_kinds(last)})")
    print(f"against issue 18's naive design (every abstract in each of "
          f"{len(ISSUE_NAIVE_TASKS)} task prompts): {issue_naive:,}, ratio "
          f"{ours / issue_naive:.2f} (target: at most 0.40)")
    print(f"against the naive design like for like (every abstract in each of the report's "
          f"{len(NAIVE_TASKS)} writing prompts, no digests): {naive:,}, ratio {ours / naive:.2f}")
    with FakeOpenAIServer() as server:  # the repairs' share, when every sentence needs one
        failing = run(server, None, writer.writer(section=failing_section))
    print(f"with a writer whose every sentence fails verification: {failing['calls']} calls, "
          f"{failing['prompt_tokens']:,} prompt tokens ({_kinds(failing)})")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(
        {"latencies": latencies, "rate_limited": limited, "naive_prompt_tokens": naive,
         "issue_naive_prompt_tokens": issue_naive, "failing_writer": failing},
        indent=2))


if __name__ == "__main__":
    main()
