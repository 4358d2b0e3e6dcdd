"""Write the measured tables of evals/README.md from a run of the evals, so the README says
what `research-agent eval` measures today and nothing else.

    .venv/bin/python evals/update_readme.py          # rewrite the generated blocks
    .venv/bin/python evals/update_readme.py --check  # exit 1 if they are out of date

A generated block sits between `<!-- generated: NAME -->` and `<!-- end generated -->`;
everything else in the README is written by hand. tests/evals/test_readme.py runs the
check, so a change that moves a number without updating the README fails.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agent.config import load_settings  # noqa: E402
from agent.evals import ERROR_TYPES, EvalReport, load_thresholds, run_suites  # noqa: E402

README = Path(__file__).resolve().parent / "README.md"
_BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)",
                    re.S)


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def checker_by_type(report: EvalReport) -> str:
    held, inside = report.checker, report.checker_in_sample
    assert held is not None and inside is not None
    limits = load_thresholds().checker
    in_sample = {r.error_type: r.recall for r in inside.per_type}
    rows = []
    for row in held.per_type:
        family = row.error_type in limits.min_recall_per_family
        target = ("0.90" if row.error_type in ERROR_TYPES else
                  f"0.90 (floor {limits.min_recall_per_family[row.error_type]:.2f})" if family
                  else "")
        name = f"{row.error_type} (family)" if family else row.error_type
        rows.append([name, str(row.caught), str(row.total), f"{row.recall:.2f}",
                     f"{in_sample[row.error_type]:.2f}", target])
    rows.append(["**all unsupported**", str(held.unsupported - len(held.missed)),
                 str(held.unsupported), f"**{held.recall:.3f}**", f"{inside.recall:.3f}", ""])
    rows.append(["**faithful flagged**", str(len(held.false_flags)), str(held.supported),
                 f"**{held.false_flag_rate:.3f}**", f"{inside.false_flag_rate:.3f}", "0.05"])
    rows.append(["**balanced accuracy**", "", "", f"**{held.balanced_accuracy:.3f}**",
                 f"{inside.balanced_accuracy:.3f}", "0.90"])
    return _table(["error type", "caught", "total", "recall (held out)", "in-sample", "target"],
                  rows)


def checker_by_origin(report: EvalReport) -> str:
    held = report.checker
    assert held is not None
    caught = {g.group: g for g in held.recall_by_origin}
    flagged = {g.group: g for g in held.false_flags_by_group}
    rows = []
    for origin in ("hand", "injected", "model", "planner", "abstract"):
        c, f = caught.get(origin), flagged.get(f"origin:{origin}")
        rows.append([origin, f"{c.flagged}/{c.total} ({c.rate:.2f})" if c else "",
                     f"{f.flagged}/{f.total} ({f.rate:.3f})" if f else ""])
    for group in sorted(g for g in flagged if g.startswith("tag:")):
        f = flagged[group]
        rows.append([f"tag `{group[4:]}`", "", f"{f.flagged}/{f.total} ({f.rate:.3f})"])
    return _table(["origin or tag", "errors caught", "faithful flagged"], rows)


def checker_folds(report: EvalReport) -> str:
    held = report.checker
    assert held is not None
    rows = [[Path(f.profile).stem, ", ".join(f"{k.lower()}={v}" for k, v in f.values.items()),
             str(f.sentences), f"{f.recall:.3f}", f"{f.worst_type:.2f}",
             f"{f.false_flag_rate:.3f}", f"{f.balanced_accuracy:.3f}"] for f in held.folds]
    return _table(["held-out profile", "values picked on the other three", "sentences",
                   "recall", "worst of the ten types", "faithful flagged", "balanced acc."],
                  rows)


def pipeline_writer(report: EvalReport) -> str:
    p = report.pipeline
    assert p is not None
    rows = []
    for r in p.cases:
        if not r.drafts:
            rows.append([r.id, "0", "", "", "", f"0/{r.sentences}", "(no model sentence)"])
            continue
        rows.append([r.id, str(r.drafts), str(r.drafts_verified), str(r.drafts_kept),
                     str(r.drafts_repaired), f"{r.model_sentences}/{r.sentences}",
                     f"{r.writer_facts_found}/{r.writer_facts}"])
    rows.append(["**all**", str(p.drafts), f"**{p.writer_supported_share:.3f}**",
                 f"{p.writer_kept_share - p.writer_repaired_share:.3f}",
                 f"{p.writer_repaired_share:.3f}", f"**{p.model_share:.3f}**",
                 f"**{p.writer_fact_coverage:.3f}**"])
    return _table(["case", "model sentences", "verified as written", "kept as written",
                   "repaired", "model's share of the output", "facts in the model's sentences"],
                  rows)


def pipeline_guard(report: EvalReport) -> str:
    p = report.pipeline
    assert p is not None
    rows = []
    for r in p.cases:
        st = r.statuses
        rows.append([r.id, str(r.sentences), "/".join(str(st.get(k, 0)) for k in (
            "supported", "repaired", "replaced")), f"{r.verified}/{r.sentences}",
            f"{r.relevant_citations}/{r.citations}", f"{r.facts_found}/{r.facts}",
            str(len(r.forbidden_found))])
    totals = {k: sum(r.statuses.get(k, 0) for r in p.cases)
              for k in ("supported", "repaired", "replaced")}
    rows.append(["**all**", str(p.sentences), "/".join(map(str, totals.values())),
                 f"**{p.supported_share:.3f}**", f"**{p.citation_precision:.3f}**",
                 f"**{p.fact_coverage:.3f}**", str(p.forbidden_claims)])
    return _table(["case", "sentences", "as written / repaired / planned claim", "verified",
                   "citation precision", "facts", "forbidden"], rows)


BLOCKS: dict[str, Callable[[EvalReport], str]] = {
    "checker-by-type": checker_by_type, "checker-by-origin": checker_by_origin,
    "checker-folds": checker_folds, "pipeline-writer": pipeline_writer,
    "pipeline-guard": pipeline_guard,
}


def measured() -> EvalReport:
    """Both suites, the pipeline replayed from evals/cache, as `research-agent eval` runs."""
    return run_suites("all", "replay", load_settings(env={}), lambda _: None)


def render(text: str, report: EvalReport) -> str:
    """The README with every generated block rewritten from the report."""
    def fill(match: re.Match[str]) -> str:
        return match.group(1) + BLOCKS[match.group("name")](report) + match.group(4)

    return _BLOCK.sub(fill, text)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    missing = set(BLOCKS) - {m.group("name") for m in _BLOCK.finditer(text)}
    if missing:
        raise SystemExit(f"{README} lacks the generated blocks {sorted(missing)}")
    new = render(text, measured())
    if "--check" in sys.argv:
        if new != text:
            raise SystemExit(f"{README} is out of date: run python evals/update_readme.py")
        print(f"{README} matches the current run")
        return
    README.write_text(new, encoding="utf-8")
    print(f"wrote {README}")


if __name__ == "__main__":
    main()
