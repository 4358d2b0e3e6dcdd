"""What a report says, `research-agent verify` passes: on every eval profile and the
example, the plan's report (no model) read back as Markdown has no sentence the verifier
rejects. Two did not: a title in curly quotes inside straight ones ('"Correction to
“Three-dimensional ...”" (2017) also has Karrenbeld as first author') left the splitter
inside a quotation, and the sentences after it were read as one that named no paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent import api
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, REPO, plan_report

PROFILES = [EXAMPLE, *sorted((REPO / "evals" / "profiles").iterdir())]


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_the_plans_report_verifies_as_written(path: Path) -> None:
    checked = api.verify(api.load(path, as_of=EXAMPLE_AS_OF), plan_report(path))
    failed = [(s.text, s.reasons) for s in checked.sentences if not s.supported]
    assert not failed, failed
    assert len(checked.sentences) >= 5  # the prose was read, not skipped
