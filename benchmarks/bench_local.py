"""The embedded model: load time, prompt processing and generation in tokens/s, and
`report` on the example profile end to end, cold and warm.

    python benchmarks/bench_local.py [--repeats 5] [--prompt-words 400] [--gen-tokens 128]
                                     [--model-path FILE] [--no-report]

Each speed is the median of --repeats runs through LocalBackend.complete, the
path every pipeline call takes. The report part runs the real pipeline with an
empty cache (cold) and again on the same cache (warm), and says how much of the
cold run was spent outside the model and how many of the final sentences the
model wrote (rather than their planned claims standing in). Prints tables and
writes benchmarks/results/bench_local.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pydantic import BaseModel  # noqa: E402

from agent.analyze import analyze  # noqa: E402
from agent.config import Settings  # noqa: E402
from agent.llm.base import Completion, SamplingParams  # noqa: E402
from agent.llm.cache import ResponseCache  # noqa: E402
from agent.llm.gateway import LLM  # noqa: E402
from agent.llm.local import LocalBackend  # noqa: E402
from agent.models import Composition, SentenceStatus  # noqa: E402
from agent.parse import load_profile  # noqa: E402
from agent.pipeline import Job, report  # noqa: E402
from agent.plan import Planner  # noqa: E402
from agent.prompts import ChatMessage  # noqa: E402

EXAMPLE = ROOT / "examples" / "zewen-chi.txt"
EXAMPLE_AS_OF = dt.date(2026, 11, 28)

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


class TimedBackend(LocalBackend):
    """The embedded backend, with the time spent inside the model summed up."""

    model_seconds = 0.0

    def complete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return super().complete(*args, **kwargs)
        finally:
            TimedBackend.model_seconds += time.perf_counter() - start


def report_run(settings: Settings, cache_dir: Path) -> dict:
    """One `report` on the example through the real pipeline; time, calls, sentences."""
    TimedBackend.model_seconds = 0.0
    start = time.perf_counter()
    backend = TimedBackend(settings)
    llm = LLM(backend, ResponseCache(cache_dir))
    profile = load_profile(EXAMPLE, as_of=EXAMPLE_AS_OF)
    facts = analyze(profile)
    result = report(Job(llm=llm, profile=profile, facts=facts))
    wall = time.perf_counter() - start
    prose = [result.bio, result.trajectory, result.topics]
    planner = Planner(profile, facts)
    claims = {c.text for o in (planner.bio(150), planner.trajectory(), planner.topics())
              for sec in o.sections for c in sec.claims}
    sentences = [s for comp in prose for sec in comp.sections for s in sec.sentences]
    by_model = [s for s in sentences
                if s.status in (SentenceStatus.SUPPORTED, SentenceStatus.REPAIRED)]
    return {"wall_s": round(wall, 2), "model_s": round(TimedBackend.model_seconds, 2),
            "outside_model_share": round(1 - TimedBackend.model_seconds / wall, 3),
            **llm.stats.summary(), "prose_sentences": len(sentences),
            "written_by_model": len(by_model),
            "written_by_model_share": round(len(by_model) / max(1, len(sentences)), 3),
            "model_copied_claim_verbatim": sum(1 for s in by_model if s.text in claims),
            "tally": result.tally.line(), "tally_prose": _tally(prose)}


def _tally(compositions: list[Composition]) -> str:
    total = compositions[0].tally
    for c in compositions[1:]:
        total = total.add(c.tally)
    return total.line()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--prompt-words", type=int, default=400)
    parser.add_argument("--gen-tokens", type=int, default=128)
    parser.add_argument("--model-path", type=Path, default=None)
    parser.add_argument("--out", type=Path,
                        default=ROOT / "benchmarks" / "results" / "bench_local.json")
    parser.add_argument("--no-report", action="store_true",
                        help="Skip the end-to-end report runs (minutes on two cores).")
    args = parser.parse_args()

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
        print(f"whole report: {cold['tally']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
