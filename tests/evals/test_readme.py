"""evals/README.md says what the evals measure today: its measured tables are regenerated
from a run and must equal the committed ones."""

from __future__ import annotations

import importlib.util

from agent.evals import EVALS


def test_the_readme_tables_match_a_run_of_the_evals() -> None:
    spec = importlib.util.spec_from_file_location("update_readme", EVALS / "update_readme.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = module.README.read_text(encoding="utf-8")
    assert set(module.BLOCKS) <= {m.group("name") for m in module._BLOCK.finditer(text)}
    assert module.render(text, module.measured()) == text, (
        "evals/README.md is out of date: run python evals/update_readme.py")
