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
from agent import evals  # noqa: E402
from agent.evals import EvalReport, TableData, load_thresholds, run_suites  # noqa: E402

README = Path(__file__).resolve().parent / "README.md"
_BLOCK = re.compile(r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end generated -->)",
                    re.S)


BLOCKS: dict[str, Callable[[EvalReport], TableData]] = {
    "checker-by-type": lambda r: evals.checker_by_type(r.checker, r.checker_in_sample,
                                                       load_thresholds().checker),
    "checker-by-origin": lambda r: evals.checker_by_origin(r.checker),
    "checker-folds": lambda r: evals.checker_folds(r.checker),
    "pipeline-writer": lambda r: evals.writer_table(r.pipeline),
    "pipeline-guard": lambda r: evals.pipeline_table(r.pipeline),
    "ask-overall": lambda r: evals.ask_tables(r.ask, load_thresholds().ask)[0],
    "ask-by-kind": lambda r: evals.ask_tables(r.ask, load_thresholds().ask)[1],
}


def measured() -> EvalReport:
    """Every suite, the pipeline replayed from evals/cache, as `research-agent eval` runs."""
    return run_suites("all", "replay", load_settings(env={}), lambda _: None)


def render(text: str, report: EvalReport) -> str:
    """The README with every generated block rewritten from the report."""
    def fill(match: re.Match[str]) -> str:
        return (match.group(1) + evals.markdown_table(BLOCKS[match.group("name")](report))
                + match.group(4))

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
