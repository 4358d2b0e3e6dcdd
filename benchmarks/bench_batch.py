"""`batch` throughput: generated profiles against a fake model that answers after a fixed
latency, at several concurrency bounds.

    python benchmarks/bench_batch.py [--profiles 50] [--latency 0.2] [--no-html]

Each run starts from an empty cache and output directory, so every profile costs
its digests and sections; a second run over the same directory (the resume) is
timed too: it should cost no model call. Profiles are made up from a fixed seed,
so every run sees the same 50 researchers (6 to 14 papers each, BibTeX).

Prints a table and writes benchmarks/results/batch.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.batch import run_batch  # noqa: E402
from agent.batch_records import FORMATS, BatchOptions, ProfileRun, RunStatus  # noqa: E402
from agent.llm.session import Session  # noqa: E402
from agent.config import Settings  # noqa: E402
from agent.testing import writer  # noqa: E402
from agent.testing.openai_server import FakeOpenAIServer  # noqa: E402

AS_OF = dt.date(2026, 11, 28)
FIRST = ["Ana", "Bo", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivo", "Jun", "Kemi",
         "Lars", "Mina", "Nils", "Oona", "Pavel", "Qiu", "Rosa", "Sami", "Tomas", "Uma", "Vera"]
LAST = ["Abara", "Berg", "Castillo", "Dufour", "Eze", "Fischer", "Gupta", "Horvat", "Ito",
        "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn",
        "Rossi", "Sato", "Tanaka", "Ueda", "Varga", "Weber", "Yilmaz", "Zhou"]
# Lines of work: what a paper proposes, for which task, measured how.
TOPICS = [
    ("sparse attention", "long-document summarization", "ROUGE-L", "arXiv-Sum"),
    ("contrastive pre-training", "cross-lingual retrieval", "recall@10", "XQuAD-R"),
    ("graph neural networks", "molecule property prediction", "ROC-AUC", "MoleculeNet"),
    ("diffusion models", "protein structure generation", "designability", "CATH"),
    ("reinforcement learning from feedback", "dialogue safety", "harmlessness", "HH-RLHF"),
    ("quantized transformers", "on-device speech recognition", "word error rate",
     "LibriSpeech"),
    ("causal inference", "treatment effect estimation", "PEHE", "IHDP"),
    ("federated optimization", "medical image segmentation", "Dice score", "BraTS"),
    ("retrieval augmentation", "open-domain question answering", "exact match",
     "Natural Questions"),
    ("program synthesis", "code generation", "pass@1", "HumanEval"),
]
TITLE_WORDS = ["Towards", "Scaling", "Rethinking", "Efficient", "Robust", "Learning",
               "Understanding", "Revisiting", "Beyond", "Adaptive"]


def researcher(rng: random.Random, index: int, owner: tuple[str, str]) -> str:
    """One made-up researcher's record as BibTeX."""
    lines = rng.sample(TOPICS, rng.randint(2, 3))
    start = rng.randint(2012, 2019)
    entries = []
    for n in range(rng.randint(6, 14)):
        method, task, metric, data = lines[min(len(lines) - 1, n * len(lines) // 14 +
                                               rng.randint(0, 1))]
        year = min(2026, start + n // 2 + rng.randint(0, 1))
        coauthors = [f"{rng.choice(LAST)}, {rng.choice(FIRST)}" for _ in range(rng.randint(1, 4))]
        coauthors = [c for c in coauthors if c != f"{owner[1]}, {owner[0]}"]
        authors = coauthors[:]
        authors.insert(rng.randint(0, len(authors)), f"{owner[1]}, {owner[0]}")
        gain = rng.randint(2, 30)
        title = f"{rng.choice(TITLE_WORDS)} {method.title()} for {task.title()}"
        abstract = (f"We propose a new approach to {task} based on {method}. "
                    f"Our method improves {metric} by {gain}% on {data} over strong baselines. "
                    f"We release code at https://github.com/{owner[1].lower()}/p{n}.")
        entries.append(f"@inproceedings{{p{index}x{n},\n  title = {{{title} ({n})}},\n"
                       f"  author = {{{' and '.join(authors)}}},\n  year = {{{year}}},\n"
                       f"  abstract = {{{abstract}}},\n}}\n")
    return "\n".join(entries)


def make_profiles(directory: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    owners = rng.sample([(f, s) for f in FIRST for s in LAST], count)
    for i, owner in enumerate(owners):
        (directory / f"researcher-{i:02d}.bib").write_text(researcher(rng, i, owner),
                                                           encoding="utf-8")


class Quiet:
    """Batch progress that goes nowhere."""

    def start(self, total: int) -> None: ...

    def started(self, run: ProfileRun) -> None: ...

    def finished(self, run: ProfileRun) -> None: ...

    def note(self, message: str) -> None: ...


def run(server: FakeOpenAIServer, profiles: Path, concurrency: int,
        formats: tuple[str, ...]) -> dict:
    """A cold batch, then the same batch again (the resume)."""
    server.reset()
    server.set_default(writer.writer())
    with tempfile.TemporaryDirectory() as tmp:
        cache_dir, out = Path(tmp) / "cache", Path(tmp) / "out"
        settings = Settings(base_url=server.base_url, api_key="bench", model="fake-model",
                            cache_dir=cache_dir, concurrency=concurrency)
        options = BatchOptions(as_of=AS_OF, formats=formats)
        start = time.perf_counter()
        cold = run_batch(profiles, out, Session(settings), options, Quiet())
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        warm = run_batch(profiles, out, Session(settings), options, Quiet())
        warm_s = time.perf_counter() - start
    written = sum(r.status is RunStatus.WRITTEN for r in cold.runs)
    assert written == len(cold.runs), [r.error for r in cold.runs if r.error]
    assert all(r.status is RunStatus.UNCHANGED for r in warm.runs)
    return {"concurrency": concurrency, "profiles": written, "calls": cold.calls,
            "wall_s": round(cold_s, 2), "profiles_per_min": round(written / cold_s * 60, 1),
            "resume_s": round(warm_s, 2), "resume_calls": warm.calls}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--no-html", action="store_true")
    parser.add_argument("--concurrency", type=int, nargs="*", default=[1, 4, 16])
    args = parser.parse_args()
    formats = tuple(f for f in FORMATS if not (args.no_html and f == "html"))
    with tempfile.TemporaryDirectory() as tmp, \
            FakeOpenAIServer(latency=args.latency) as server:
        profiles = Path(tmp)
        make_profiles(profiles, args.profiles)
        rows = [run(server, profiles, c, formats) for c in args.concurrency]
    print(f"batch of {args.profiles} generated profiles ({', '.join(formats)}), fake model "
          f"answering after {args.latency * 1000:.0f} ms")
    print(f"{'concurrency':>11} {'calls':>6} {'wall':>8} {'profiles/min':>13} "
          f"{'resume':>8} {'resume calls':>12}")
    for r in rows:
        print(f"{r['concurrency']:>11} {r['calls']:>6} {r['wall_s']:>7.1f}s "
              f"{r['profiles_per_min']:>13.1f} {r['resume_s']:>7.2f}s {r['resume_calls']:>12}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "batch.json").write_text(json.dumps(
        {"latency_s": args.latency, "formats": formats, "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
