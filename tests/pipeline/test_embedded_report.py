"""The whole job with the real embedded model, through the CLI, on a small profile.

Slow by the suite's standards (tens of seconds on two cores) and worth it: it is
the path a user with no API key takes, and the only test where a real model's
prose meets the verifier.
"""

from __future__ import annotations

import re

import pytest

from agent.verify import split_citations
from tests.conftest import EXAMPLE_AS_OF, PROFILES, needs_embedded_model

pytestmark = needs_embedded_model

PROFILE = PROFILES / "multi-paragraph.txt"


@pytest.fixture
def no_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "RESEARCH_AGENT_API_KEY",
                 "RESEARCH_AGENT_BASE_URL", "RESEARCH_AGENT_MODEL", "RESEARCH_AGENT_MODEL_PATH"):
        monkeypatch.delenv(name, raising=False)


def test_report_with_the_embedded_model(run_cli, no_endpoint, tmp_path) -> None:
    out = tmp_path / "report.md"
    args = ["report", str(PROFILE), "--as-of", EXAMPLE_AS_OF.isoformat(),
            "--cache-dir", str(tmp_path / "cache"), "-o", str(out)]
    result = run_cli(*args)
    assert result.code == 0, result.stderr
    assert "using embedded model SmolLM2-135M-Instruct" in result.stderr
    # The papers' digests are their own accounts (no call); the model rewords claims.
    assert "digest " not in result.stderr and "write " in result.stderr
    calls = re.search(r"run: (\d+) model calls, (\d+) cache hits", result.stderr)
    assert calls and int(calls[1]) > 0

    md = out.read_text()
    for heading in ("# Grace Hopper: research report", "## Bio", "## Research trajectory",
                    "## Lines of work", "## Papers", "## References"):
        assert heading in md
    references = set(re.findall(r'<a id="ref-([^"]+)"></a>', md))
    assert references == {"sammet2023compiling", "aiken2024debugging"}
    prose = md.split("## Bio", 1)[1].split("## Papers", 1)[0]
    sentences = [s for line in prose.splitlines() if line.strip() and not line.startswith("#")
                 for s in split_citations(line)]
    assert sentences
    for text, keys in sentences:
        assert keys and set(keys) <= references, text
    tally = re.search(r"^Faithfulness: (\d+) sentences: (.*)\.$", md, re.M)
    assert tally and int(tally[1]) == len(sentences) + _table_sentences(md)
    assert "unsupported" not in tally[2]

    again = run_cli(*args)
    assert again.code == 0
    assert re.search(r"run: 0 model calls, \d+ cache hits", again.stderr)
    assert out.read_text() == md


def _table_sentences(md: str) -> int:
    """Digest cells in the papers table are verified sentences too."""
    table = md.split("## Papers", 1)[1].split("## References", 1)[0]
    rows = [r for r in table.splitlines() if r.startswith("| [")]
    return sum(1 for r in rows for cell in r.split("|")[3:6] if cell.strip())
