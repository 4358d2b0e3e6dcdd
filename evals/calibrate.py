"""Sweep the checker's named thresholds on the labelled set, and hold each profile out.

    .venv/bin/python evals/calibrate.py            # one-at-a-time sweeps around the values
    .venv/bin/python evals/calibrate.py --held-out # leave-one-profile-out on a small grid

A value is chosen for the highest balanced accuracy among those that keep recall >= 0.90
on every error type and the false-flag rate <= 5%. The held-out run picks values on three
profiles and measures the fourth with them, which shows how much the choice leans on the
sentences it was made on. The printed tables are the ones in evals/README.md.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.verify import thresholds as V  # noqa: E402
from agent.evals import (  # noqa: E402
    ERROR_TYPES,
    CheckerReport,
    LabelledSentence,
    eval_verifier,
    read_labelled,
    score_checker,
)

SWEEPS = {
    "WORD_SIMILARITY": [0.4, 0.45, 0.5, 0.55, 0.6, 1.1],
    "SUPPORT_THRESHOLD": [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8],
    "SEGMENT_THRESHOLD": [0.34, 0.4, 0.5, 0.6, 0.67],
    "SEGMENT_MIN_WORDS": [1, 2, 3],
    "ONE_MISS_MIN_WORDS": [3, 4, 5, 6, 99],
    "NEGATION_SCOPE": [1, 2, 3],
    "FACT_MIN_WORDS": [1, 2, 3],
}
HELD_OUT_GRID = {
    "SUPPORT_THRESHOLD": [0.55, 0.65, 0.75],
    "SEGMENT_THRESHOLD": [0.34, 0.5],
    "SEGMENT_MIN_WORDS": [1, 2],
    "NEGATION_SCOPE": [1, 2, 3],
}
# Read when a Verifier indexes its papers, so a change needs fresh verifiers.
_AT_INDEX_TIME = {"NEGATION_SCOPE"}


def apply(values: dict[str, float]) -> None:
    """Set the named thresholds in agent/verify/thresholds.py, rebuilding verifiers when needed."""
    rebuild = any(getattr(V, n) != v for n, v in values.items() if n in _AT_INDEX_TIME)
    for name, value in values.items():
        setattr(V, name, value)
    if rebuild:
        eval_verifier.cache_clear()


def worst(report: CheckerReport) -> float:
    per = {row.error_type: row.recall for row in report.per_type}
    return min(per.get(t, 0.0) for t in ERROR_TYPES)


def row(label: str, report: CheckerReport) -> str:
    return (f"| {label} | {report.recall:.3f} | {worst(report):.2f} | "
            f"{report.false_flag_rate:.3f} | {report.balanced_accuracy:.3f} |")


def sweeps(sentences: Sequence[LabelledSentence]) -> None:
    chosen = {name: getattr(V, name) for name in SWEEPS}
    print("| setting | recall | worst type | false flags | balanced acc. |")
    print("|---|---|---|---|---|")
    for name, values in SWEEPS.items():
        for value in values:
            apply({**chosen, name: value})
            mark = " (chosen)" if value == chosen[name] else ""
            print(row(f"{name} = {value}{mark}", score_checker(sentences)))
        apply(chosen)


def best(sentences: Sequence[LabelledSentence]) -> tuple[dict[str, float], CheckerReport]:
    """The grid point with the highest balanced accuracy that meets the targets, if any."""
    scored = []
    for combo in itertools.product(*HELD_OUT_GRID.values()):
        values = dict(zip(HELD_OUT_GRID, combo))
        apply(values)
        report = score_checker(sentences)
        meets = worst(report) >= 0.90 and report.false_flag_rate <= 0.05
        scored.append((meets, report.balanced_accuracy, values, report))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    return scored[0][2], scored[0][3]


def held_out(sentences: Sequence[LabelledSentence]) -> None:
    chosen = {name: getattr(V, name) for name in HELD_OUT_GRID}
    print("| held-out profile | values chosen on the other three | recall | worst type | "
          "false flags | balanced acc. |")
    print("|---|---|---|---|---|---|")
    for profile in sorted({s.profile for s in sentences}):
        train = [s for s in sentences if s.profile != profile]
        test = [s for s in sentences if s.profile == profile]
        values, _ = best(train)
        apply(values)
        report = score_checker(test)
        shown = ", ".join(f"{k.lower()}={v}" for k, v in values.items())
        print(f"| {Path(profile).stem} | {shown} | {report.recall:.3f} | {worst(report):.2f} | "
              f"{report.false_flag_rate:.3f} | {report.balanced_accuracy:.3f} |")
    apply(chosen)


def main() -> None:
    sentences = read_labelled()
    if "--held-out" in sys.argv:
        held_out(sentences)
    else:
        sweeps(sentences)


if __name__ == "__main__":
    main()
