"""The entailment judge (agent/judge.py) on claims nobody here wrote: a fixed, seeded
sample of SciFact's train pairs, each claim judged against the abstract it cites.

    .venv/bin/python evals/judge.py [--judge local] [--support 40 --contradict 20 --nei 20]
    .venv/bin/python evals/judge.py --base-url URL --model NAME [--api-key KEY]

The judge sees what it sees in a run when the verifier aligned no evidence: the paper's
title and its abstract sentences (agent/judge.py's paper_evidence, within its caps),
numbered, and the claim. A SUPPORT pair is judged right when the verdict is "supported",
a CONTRADICT or NEI pair when it is "not supported"; an invalid verdict (malformed, or
quoting no span of the evidence) counts as wrong, since the rules would decide it.
Reported per label: accuracy, the share of valid verdicts and of "supported" answers;
overall: balanced accuracy (SUPPORT right, and the other two right, averaged), valid
share, seconds per call. The verifier's own verdicts on the same pairs are given too,
and how many of them its rules leave uncertain (the only ones a judge is asked about).

The response cache is off unless --cache-dir is given, so every call is timed. Run one
embedded model at a time: two share the CPU and both crawl. The data lives outside the
repository (../shared/data/scifact, or SCIFACT_DIR); without it the script says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import scifact  # noqa: E402  (evals/scifact.py: the pairs and the synthetic profile)

from agent.analyze import analyze  # noqa: E402
from agent.config import Settings  # noqa: E402
from agent.judge import make_judge, paper_evidence  # noqa: E402
from agent.llm.session import Session  # noqa: E402
from agent.models import JudgeVerdict  # noqa: E402
from agent.verify import Verifier  # noqa: E402

LABELS = scifact.LABELS


def sample(pairs: Sequence[scifact.Pair], sizes: dict[str, int], seed: int
           ) -> list[scifact.Pair]:
    """sizes[label] pairs of each label, drawn with the seed, in a fixed order."""
    rng = random.Random(seed)
    chosen: list[scifact.Pair] = []
    for label in LABELS:
        of_label = sorted((p for p in pairs if p.label == label),
                          key=lambda p: (p.claim_id, p.doc_id))
        chosen += rng.sample(of_label, min(sizes[label], len(of_label)))
    return chosen


def right(pair: scifact.Pair, verdict: JudgeVerdict) -> bool:
    return verdict.valid and verdict.supported == (pair.label == "SUPPORT")


def table(pairs: Sequence[scifact.Pair], verdicts: Sequence[JudgeVerdict],
          passed: Sequence[bool]) -> dict[str, dict[str, float]]:
    """Per label and overall: the judge's accuracy, valid and "supported" shares, and the
    rules' accuracy on the same pairs."""
    rows: dict[str, dict[str, float]] = {}
    for label in LABELS:
        idx = [i for i, p in enumerate(pairs) if p.label == label]
        if not idx:
            continue
        n = len(idx)
        rows[label] = {
            "pairs": n,
            "judge_accuracy": sum(right(pairs[i], verdicts[i]) for i in idx) / n,
            "valid": sum(verdicts[i].valid for i in idx) / n,
            "said_supported": sum(verdicts[i].valid and verdicts[i].supported for i in idx) / n,
            "answered_supported": sum(verdicts[i].supported for i in idx) / n,
            "rules_accuracy": sum(passed[i] == (label == "SUPPORT") for i in idx) / n,
        }
    support = rows.get("SUPPORT", {})
    others = [i for i, p in enumerate(pairs) if p.label != "SUPPORT"]
    if support and others:
        rows["balanced"] = {
            "pairs": len(pairs),
            "judge_accuracy": (support["judge_accuracy"] + sum(
                right(pairs[i], verdicts[i]) for i in others) / len(others)) / 2,
            "valid": sum(v.valid for v in verdicts) / len(verdicts),
            "said_supported": sum(v.valid and v.supported for v in verdicts) / len(verdicts),
            "answered_supported": sum(v.supported for v in verdicts) / len(verdicts),
            "rules_accuracy": (support["rules_accuracy"] + sum(
                not passed[i] for i in others) / len(others)) / 2,
        }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judge", choices=["local", "endpoint"], default=None,
                        help="default: endpoint with --base-url, else local")
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--model", default=None)
    parser.add_argument("--api-key", default=None)
    parser.add_argument("--model-path", type=Path, default=None)
    parser.add_argument("--support", type=int, default=40)
    parser.add_argument("--contradict", type=int, default=20)
    parser.add_argument("--nei", type=int, default=20)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--cache-dir", type=Path, default=None,
                        help="answer from and into this cache (default: no cache, every "
                             "call timed)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    logging.getLogger().setLevel(logging.WARNING)  # not every HTTP request's line
    directory = scifact.data_dir()
    if directory is None:
        print("SciFact is not on this machine (../shared/data/scifact, or set SCIFACT_DIR); "
              "nothing measured")
        return
    mode = args.judge or ("endpoint" if args.base_url else "local")
    settings = Settings(judge=mode, base_url=args.base_url, model=args.model,
                        api_key=args.api_key, model_path=args.model_path,
                        cache_dir=args.cache_dir or Path("cache"),
                        cache_mode="read-write" if args.cache_dir else "off")
    pairs = sample(scifact.read_pairs(directory),
                   {"SUPPORT": args.support, "CONTRADICT": args.contradict, "NEI": args.nei},
                   args.seed)
    profile = scifact.read_profile(directory, {p.doc_id for p in pairs})
    papers = {p.key: p for p in profile.papers}
    verifier = Verifier(profile, analyze(profile))
    checks = [verifier.check(p.claim, [f"doc{p.doc_id}"]) for p in pairs]
    session = Session(settings)
    judge = make_judge(session)
    assert judge is not None
    print(f"judge: {session.backend.describe() if mode == 'endpoint' else judge.model}; "
          f"{len(pairs)} pairs, seed {args.seed}", flush=True)
    verdicts = []
    started = time.perf_counter()
    for i, pair in enumerate(pairs, 1):
        evidence = [e.text for e in paper_evidence(pair.claim, [papers[f"doc{pair.doc_id}"]])]
        verdicts.append(judge.verdict(pair.claim, evidence))
        if i % 10 == 0:
            print(f"  {i}/{len(pairs)} judged, {time.perf_counter() - started:.0f}s",
                  flush=True)
    seconds = time.perf_counter() - started
    stats = session.llm.stats
    rows = table(pairs, verdicts, [c.supported for c in checks])
    uncertain = [i for i, c in enumerate(checks) if c.uncertain]
    print(f"\n{'':10} {'pairs':>5} {'judge right':>11} {'valid':>6} {'said supp.':>10} "
          f"{'(any)':>6} {'rules right':>11}")
    for name, row in rows.items():
        print(f"{name:10} {row['pairs']:>5.0f} {row['judge_accuracy']:>11.3f} "
              f"{row['valid']:>6.3f} {row['said_supported']:>10.3f} "
              f"{row['answered_supported']:>6.3f} {row['rules_accuracy']:>11.3f}")
    print("(balanced: SUPPORT right and CONTRADICT+NEI right, averaged; an invalid verdict "
          "counts as wrong. said supp.: valid verdicts of \"supported\"; (any): answers of "
          "\"supported\", valid or not)")
    per_call = seconds / stats.calls if stats.calls else 0.0
    print(f"{stats.calls} judge calls ({stats.cache_hits} cached), {per_call:.2f} s per call, "
          f"{stats.prompt_tokens / max(1, stats.calls):.0f} prompt tokens per call")
    on_uncertain = sum(right(pairs[i], verdicts[i]) for i in uncertain)
    print(f"the rules leave {len(uncertain)} of {len(pairs)} pairs uncertain; the judge is "
          f"right on {on_uncertain} of them")
    if args.json:
        args.json.write_text(json.dumps({
            "judge": judge.model, "seed": args.seed, "rows": rows, "calls": stats.calls,
            "seconds_per_call": per_call, "uncertain": len(uncertain),
            "right_on_uncertain": on_uncertain}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
