"""The embedded model: load time, prompt processing and generation in tokens/s, and
`report` on the example profile end to end, cold and warm; with --concurrent, two cold
reports started at once against one alone.

    python benchmarks/bench_local.py [--repeats 5] [--prompt-words 400] [--gen-tokens 128]
                                     [--model-path FILE] [--no-report]
    python benchmarks/bench_local.py --concurrent [--model-path FILE]

Each speed is the median of --repeats runs through LocalBackend.complete, the
path every pipeline call takes. The report part runs the real pipeline with an
empty cache (cold) and again on the same cache (warm), and says how much of the
cold run was spent outside the model and how many of the final sentences the
model wrote (rather than their planned claims standing in). Prints tables and
writes benchmarks/results/bench_local.json.

--concurrent (issue 18) runs cold reports of the example, each in its own process with
its own empty cache: one alone, then two started together, which take turns at the
machine's embedded-model lock (agent/llm/model_lock.py). It prints each one's time
against the one alone (the goal: at most about twice) and writes
benchmarks/results/bench_local_concurrent.json. It runs two models at once, so run it
on an otherwise idle machine; RESEARCH_AGENT_MODEL_LOCK=off in the environment shows
the same without the lock. --fake-model SECONDS swaps in a stand-in that holds the same
lock for SECONDS per call instead of running llama.cpp (the scripted test writer
answers), to check the plumbing without a model (tests/llm/test_bench_local.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pydantic import BaseModel  # noqa: E402

from agent.analyze import analyze  # noqa: E402
from agent.config import Settings, load_settings  # noqa: E402
from agent.llm.base import Completion, SamplingParams  # noqa: E402
from agent.llm.cache import ResponseCache  # noqa: E402
from agent.llm.gateway import LLM  # noqa: E402
from agent.llm.local import LocalBackend  # noqa: E402
from agent.llm.model_lock import ModelLock  # noqa: E402
from agent.models import Composition, SentenceStatus  # noqa: E402
from agent.parse import load_profile  # noqa: E402
from agent.pipeline import Job, report  # noqa: E402
from agent.plan import Planner  # noqa: E402
from agent.prompts import ChatMessage  # noqa: E402
from agent.testing.backend import FakeBackend  # noqa: E402
from agent.testing.writer import writer  # noqa: E402

EXAMPLE = ROOT / "examples" / "zewen-chi.txt"
EXAMPLE_AS_OF = dt.date(2026, 11, 28)
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "bench_local.json"

FILLER = ("Cross-lingual pretraining aligns representations across languages so that a model "
          "fine-tuned in one language transfers to others. ")


class Digest(BaseModel):
    """The shape of a per-paper digest, for the grammar-constrained figure."""

    contribution: str
    method: str
    keywords: list[str]


def messages(run: int, words: int, task: str) -> list[ChatMessage]:
    """A prompt that shares no prefix with the previous run.

    llama-cpp-python keeps the last prompt in its KV cache and skips a shared
    prefix; a repeated prompt would time nothing."""
    filler = FILLER.split()
    text = " ".join((filler * (words // len(filler) + 1))[:words])
    return [ChatMessage(role="system", content=f"Run {run}: you summarise research."),
            ChatMessage(role="user", content=f"{text}\n\n{task}")]


def timed(call: Callable[[], Completion]) -> tuple[float, Completion]:
    """Wall time of one call and its answer."""
    start = time.perf_counter()
    completion = call()
    return time.perf_counter() - start, completion


def prompt_rate(backend: LocalBackend, repeats: int, words: int) -> dict[str, float]:
    """Prompt tokens/s: a long prompt, one generated token."""
    rates, sizes = [], []
    for run in range(repeats):
        seconds, done = timed(lambda: backend.complete(
            messages(run, words, "Summarise."), SamplingParams(max_tokens=1), None, None))
        rates.append(done.usage.prompt_tokens / seconds)
        sizes.append(done.usage.prompt_tokens)
    return {"tokens": statistics.median(sizes), "tokens_per_s": statistics.median(rates)}


def generation_rate(backend: LocalBackend, repeats: int, max_tokens: int, pp_rate: float,
                    schema: type[BaseModel] | None) -> dict[str, float]:
    """Generated tokens/s, with the (short) prompt's share of the time taken out."""
    rates, sizes = [], []
    json_schema = schema.model_json_schema() if schema else None
    task = ("Describe this line of work as JSON." if schema
            else "Write a long, detailed story about a lighthouse keeper.")
    for run in range(repeats):
        params = SamplingParams(max_tokens=max_tokens, temperature=0.8, seed=run,
                                repeat_penalty=1.1)
        seconds, done = timed(lambda: backend.complete(
            messages(run + 1000, 20, task), params, json_schema, "Digest" if schema else None))
        generating = seconds - done.usage.prompt_tokens / pp_rate
        rates.append(done.usage.completion_tokens / generating)
        sizes.append(done.usage.completion_tokens)
    return {"tokens": statistics.median(sizes), "tokens_per_s": statistics.median(rates)}


class Timed:
    """A backend with the time spent inside the model summed up; the time spent waiting
    for another process's model (the machine-wide lock) is counted apart."""

    model_seconds = 0.0
    model_lock: ModelLock

    def complete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start, waited = time.perf_counter(), self.model_lock.waited
        try:
            return super().complete(*args, **kwargs)  # type: ignore[misc]
        finally:
            Timed.model_seconds += (time.perf_counter() - start
                                    - (self.model_lock.waited - waited))


class TimedBackend(Timed, LocalBackend):
    """The embedded model, timed."""


class StandInModel(FakeBackend):
    """--fake-model: no llama.cpp; each call holds the machine's embedded-model lock for a
    fixed time, as a generation would, and the scripted test writer answers."""

    def __init__(self, settings: Settings, seconds: float) -> None:
        super().__init__(writer(), model="stand-in", kind="embedded", default_concurrency=1)
        self.seconds = seconds
        self.threads = 0
        self.model_lock = ModelLock.for_settings(settings)

    def complete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with self.model_lock.hold():
            time.sleep(self.seconds)
            return super().complete(*args, **kwargs)


class TimedStandIn(Timed, StandInModel):
    """The stand-in, timed."""


def report_run(settings: Settings, cache_dir: Path, fake_model: float | None = None,
               say: Callable[[str], None] | None = None) -> dict:
    """One `report` on the example through the real pipeline; time, calls, sentences.
    `say` hears of waits for another process's model."""
    Timed.model_seconds = 0.0
    start = time.perf_counter()
    backend = (TimedBackend(settings) if fake_model is None
               else TimedStandIn(settings, fake_model))
    if say is not None:
        backend.model_lock.say = say
    llm = LLM(backend, ResponseCache(cache_dir))
    profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
    facts = analyze(profile)
    result = report(Job(llm=llm, profile=profile, facts=facts))
    wall = time.perf_counter() - start
    waited = backend.model_lock.waited
    prose = [result.bio, result.trajectory, result.topics]
    planner = Planner(profile, facts)
    claims = {c.text for o in (planner.bio(150), planner.trajectory(), planner.topics())
              for sec in o.sections for c in sec.claims}
    sentences = [s for comp in prose for sec in comp.sections for s in sec.sentences]
    by_model = [s for s in sentences
                if s.status in (SentenceStatus.SUPPORTED, SentenceStatus.REPAIRED)]
    return {"wall_s": round(wall, 2), "model_s": round(Timed.model_seconds, 2),
            "waited_s": round(waited, 2),
            "outside_model_share": round(1 - (Timed.model_seconds + waited) / wall, 3),
            **llm.stats.summary(), "prose_sentences": len(sentences),
            "written_by_model": len(by_model),
            "written_by_model_share": round(len(by_model) / max(1, len(sentences)), 3),
            "model_copied_claim_verbatim": sum(1 for s in by_model if s.text in claims),
            # Issue 18: model calls per sentence the model wrote and the reader sees (a
            # cache hit costs nothing, so only calls made count).
            "calls_per_kept_sentence": round(llm.stats.calls / max(1, len(by_model)), 2),
            "tally": result.tally.line(), "tally_prose": _tally(prose)}


def _tally(compositions: list[Composition]) -> str:
    total = compositions[0].tally
    for c in compositions[1:]:
        total = total.add(c.tally)
    return total.line()


def child_report(args: argparse.Namespace) -> None:
    """One cold report in this process, for --concurrent: its account to --child-out."""
    settings = load_settings(model_path=args.model_path)  # RESEARCH_AGENT_MODEL_LOCK too
    name = args.child_name
    start = time.time()
    run = report_run(settings, args.child_report, args.fake_model,
                     say=lambda line: print(f"[{name}] {line}", file=sys.stderr, flush=True))
    args.child_out.write_text(json.dumps(
        {"name": name, "cache_dir": str(args.child_report), "started": start,
         "ended": time.time(), **run}))


def run_reports(args: argparse.Namespace, names: list[str], work: Path) -> list[dict[str, Any]]:
    """Cold reports, each in its own process with its own empty cache, all started at
    once; each one's account, with the process's wall time (start-up and load included)."""
    running = []
    for name in names:
        cache, out = work / name / "cache", work / name / "report.json"
        cache.mkdir(parents=True)
        command = [sys.executable, str(Path(__file__).resolve()), "--child-report", str(cache),
                   "--child-out", str(out), "--child-name", name]
        if args.model_path:
            command += ["--model-path", str(args.model_path)]
        if args.fake_model is not None:
            command += ["--fake-model", str(args.fake_model)]
        running.append((name, out, time.perf_counter(), subprocess.Popen(command)))
    ended: dict[str, float] = {}
    while len(ended) < len(running):  # each one's end as it ends, not in start order
        for name, _, _, process in running:
            if name not in ended and process.poll() is not None:
                ended[name] = time.perf_counter()
        time.sleep(0.05)
    results = []
    for name, out, started, process in running:
        if process.returncode != 0:
            raise SystemExit(f"the report {name!r} failed (exit {process.returncode})")
        results.append(json.loads(out.read_text())
                       | {"process_s": round(ended[name] - started, 2)})
    return results


def concurrent(args: argparse.Namespace) -> dict[str, Any]:
    """Two cold reports started together against one alone (issue 18)."""
    settings = load_settings(model_path=args.model_path)
    lock = ModelLock.for_settings(settings)
    what = (f"a stand-in holding the lock {args.fake_model}s per call" if args.fake_model
            is not None else f"embedded model, {LocalBackend(settings).threads} threads")
    print(f"cold reports of {EXAMPLE.name} ({what}; lock: {lock.path or 'off'})")
    with tempfile.TemporaryDirectory() as work:
        alone = run_reports(args, ["alone"], Path(work))[0]
        together = run_reports(args, ["first", "second"], Path(work))
    for run in (alone, *together):
        run["vs_alone"] = round(run["process_s"] / alone["process_s"], 2)
    print(f"{'':<10} {'process':>8} {'report':>8} {'in model':>9} {'waiting':>8} "
          f"{'calls':>6} {'vs alone':>9}")
    for run in (alone, *together):
        print(f"{run['name']:<10} {run['process_s']:>7.1f}s {run['wall_s']:>7.1f}s "
              f"{run['model_s']:>8.1f}s {run['waited_s']:>7.1f}s {run['calls']:>6} "
              f"{run['vs_alone']:>8.2f}x")
    slowest = max(run["vs_alone"] for run in together)
    print(f"two at once: the slower took {slowest:.2f}x the time of one alone "
          f"(issue 18 asks at most about 2x)")
    return {"lock": str(lock.path) if lock.path else None, "fake_model_s": args.fake_model,
            "machine": platform.machine(), "python": platform.python_version(),
            "alone": alone, "together": together, "slowest_vs_alone": slowest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--prompt-words", type=int, default=400)
    parser.add_argument("--gen-tokens", type=int, default=128)
    parser.add_argument("--model-path", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--no-report", action="store_true",
                        help="Skip the end-to-end report runs (minutes on two cores).")
    parser.add_argument("--concurrent", action="store_true",
                        help="Two cold reports at once against one alone, each in its own "
                        "process (issue 18); nothing else.")
    parser.add_argument("--fake-model", type=float, default=None, metavar="SECONDS",
                        help="With --concurrent: a stand-in that holds the model lock "
                        "SECONDS per call instead of running llama.cpp (plumbing test).")
    # One report of --concurrent, in a process of its own.
    parser.add_argument("--child-report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-name", default="report", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_report:
        child_report(args)
        return
    if args.concurrent:
        out = args.out if args.out != DEFAULT_OUT else DEFAULT_OUT.with_name(
            "bench_local_concurrent.json")
        result = concurrent(args)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, indent=2) + "\n")
        print(f"written to {out}")
        return
    if args.fake_model is not None:
        parser.error("--fake-model goes with --concurrent")

    backend = LocalBackend(Settings(model_path=args.model_path))
    load_s, _ = timed(lambda: backend.context_window)  # the first use loads the model
    backend.complete(messages(-1, 20, "Hi."), SamplingParams(max_tokens=4), None, None)  # warm-up
    prompt = prompt_rate(backend, args.repeats, args.prompt_words)
    rows = {
        "prompt processing": prompt,
        "generation": generation_rate(backend, args.repeats, args.gen_tokens,
                                      prompt["tokens_per_s"], None),
        "generation, JSON grammar": generation_rate(backend, args.repeats, args.gen_tokens,
                                                    prompt["tokens_per_s"], Digest),
    }
    result = {"model": backend.model, "threads": backend.threads, "load_s": load_s,
              "repeats": args.repeats, "machine": platform.machine(),
              "python": platform.python_version(), **{
                  name.replace(", ", "_").replace(" ", "_"): row for name, row in rows.items()}}

    print(f"{backend.model}, {backend.threads} threads, loaded in {load_s:.2f}s; "
          f"median of {args.repeats}")
    print(f"{'':<26} {'tokens':>7} {'tokens/s':>9}")
    for name, row in rows.items():
        print(f"{name:<26} {row['tokens']:>7.0f} {row['tokens_per_s']:>9.1f}")
    if backend.model_lock.waited:
        print(f"note: these calls waited {backend.model_lock.waited:.1f}s in all for another "
              f"process's embedded model; the rates above include that wait")
    if not args.no_report:
        settings = Settings(model_path=args.model_path)
        with tempfile.TemporaryDirectory() as cache:
            cold = report_run(settings, Path(cache))
            warm = report_run(settings, Path(cache))
        result["report"] = {"cold": cold, "warm": warm}
        print(f"\nreport on {EXAMPLE.name}: {'':<4} {'wall':>8} {'in model':>9} "
              f"{'outside':>8} {'calls':>6} {'hits':>5}")
        for name, run in (("cold", cold), ("warm", warm)):
            print(f"{name:<26} {run['wall_s']:>7.1f}s {run['model_s']:>8.1f}s "
                  f"{run['outside_model_share']:>8.1%} {run['calls']:>6} {run['cache_hits']:>5}")
        print(f"prose sentences written by the model (verified, or repaired): "
              f"{cold['written_by_model']} of {cold['prose_sentences']} "
              f"({cold['written_by_model_share']:.0%}); of those, copied from the claim word "
              f"for word: {cold['model_copied_claim_verbatim']}")
        print(f"model calls per kept prose sentence (cold): {cold['calls_per_kept_sentence']}")
        print(f"whole report: {cold['tally']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
