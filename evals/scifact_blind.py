"""The checker on claims written blind against SciFact abstracts it was never tuned on.

    .venv/bin/python evals/scifact_blind.py [--set 1|2] [--json FILE] [--misses]

evals/scifact_blind.jsonl holds 150 claims written in stop 42 by a helper who read neither
the checker nor its labelled sets: for each of 50 abstracts of SciFact's corpus that no
train claim cites (the first 50 in corpus order with five sentences or more that report a
finding), one SUPPORT paraphrase in its own words ("easy" or "hard"), one CONTRADICT claim
with one thing wrong (direction, negation, number, comparison, antonym, scope or cause),
and one NEI claim on the same topic that the abstract does not settle. The claims are
ours; the abstracts are read from SciFact's corpus (../shared/data/scifact or SCIFACT_DIR)
and nothing of it is copied here. Without it the script says so and exits 0.

Scored with the thresholds as shipped, like a user's `verify`: SUPPORT passed, CONTRADICT
and NEI caught, and balanced accuracy (scifact.py's), over all claims and per half. The
first 25 abstracts' claims ("read") may be read to find what fails; the last 25's
("held_out") are measured and not read, so they stay a test the checker was not fitted to.

evals/scifact_blind2.jsonl (set 2) holds 150 more, written the same way in stop 54 by two
helpers who read neither the checker nor its sets, against the next 50 such abstracts in
corpus order (four skipped that report no finding). Its first 25 abstracts' claims are
"read", its last 25's "held_out"; it was scored before anyone read it. With no --set, both
sets are scored, and their held-out halves pooled.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scifact  # noqa: E402

from agent.analyze import analyze  # noqa: E402
from agent.verify import Verifier  # noqa: E402

SETS = {"1": Path(__file__).resolve().parent / "scifact_blind.jsonl",
        "2": Path(__file__).resolve().parent / "scifact_blind2.jsonl"}
HALVES = ("read", "held_out")


def read_claims(which: str = "1") -> list[dict]:
    """The blind claims of one set, as written."""
    return [json.loads(line) for line in SETS[which].read_text(encoding="utf-8").splitlines()]


def judged(directory: Path, claims: list[dict]) -> list[tuple[dict, bool, list[str]]]:
    """Each claim, whether the checker passes it against its abstract, and its reasons."""
    profile = scifact.read_profile(directory, {c["doc_id"] for c in claims})
    verifier = Verifier(profile, analyze(profile))
    out = []
    for claim in claims:
        check = verifier.check(claim["claim"], [f"doc{claim['doc_id']}"])
        out.append((claim, check.supported, list(check.reasons)))
    return out


def scores(verdicts: list[tuple[dict, bool, list[str]]]) -> dict[str, dict]:
    """scifact.scores over all claims and each half, with the per-kind tallies."""
    pairs = [scifact.Pair(i, c["claim"], c["doc_id"], c["label"])
             for i, (c, _, _) in enumerate(verdicts)]
    passed = {i: ok for i, (_, ok, _) in enumerate(verdicts)}
    out = {}
    for name in ("all", *HALVES):
        chosen = [i for i, (c, _, _) in enumerate(verdicts) if name in ("all", c["half"])]
        row = scifact.scores(pairs, passed, chosen)
        right, total = Counter(), Counter()
        for i in chosen:
            claim = verdicts[i][0]
            kind = f"{claim['label']}/{claim['kind']}"
            total[kind] += 1
            right[kind] += passed[i] == (claim["label"] == "SUPPORT")
        out[name] = {**row, "kinds": {k: f"{right[k]}/{total[k]}" for k in sorted(total)}}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--set", choices=sorted(SETS), default=None,
                        help="score one set (default: each, and their held-out halves pooled)")
    parser.add_argument("--misses", action="store_true",
                        help="print the read half's wrong verdicts (never the held-out half's)")
    args = parser.parse_args()
    directory = scifact.data_dir()
    if directory is None:
        print("SciFact is not on this machine (../shared/data/scifact or SCIFACT_DIR): "
              "nothing to score")
        return
    chosen = [args.set] if args.set else sorted(SETS)
    found: dict[str, dict] = {}
    held: list[tuple[dict, bool, list[str]]] = []
    for which in chosen:
        verdicts = judged(directory, read_claims(which))
        found[which] = scores(verdicts)
        held += [v for v in verdicts if v[0]["half"] == "held_out"]
        print(f"set {which}: {len(verdicts)} blind claims over "
              f"{len({c['doc_id'] for c, _, _ in verdicts})} abstracts; thresholds as shipped")
        for name, row in found[which].items():
            _print_row(name, row)
        print("per kind (all): " + ", ".join(f"{k} {v}" for k, v in
                                             found[which]["all"]["kinds"].items()))
        if args.misses:
            for claim, ok, reasons in verdicts:
                if claim["half"] == "read" and ok != (claim["label"] == "SUPPORT"):
                    print(f"  {claim['id']} ({claim['kind']}): {claim['claim']}")
                    print(f"      {'; '.join(reasons) or 'passed'}  | note: {claim['note']}")
    if len(chosen) > 1:
        found["held_out_pooled"] = scores(held)["held_out"]
        print(f"held-out halves of sets {', '.join(chosen)}, pooled:")
        _print_row("held_out", found["held_out_pooled"])
    if args.json:
        args.json.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")


def _print_row(name: str, row: dict) -> None:
    print(f"{name:9} {row['pairs']:4} claims: SUPPORT passed {row['support_passed']:.3f}, "
          f"CONTRADICT caught {row['contradict_caught']:.3f}, NEI caught "
          f"{row['nei_caught']:.3f}, balanced accuracy {row['balanced_accuracy']:.3f}")


if __name__ == "__main__":
    main()
