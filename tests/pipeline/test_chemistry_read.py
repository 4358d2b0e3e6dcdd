"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
kwame-asante-lindgren.json: battery electrolytes, as a Semantic Scholar author with papers,
the first eval profile in that format), and what it now writes.

Before (`research-agent report FILE --writing plan`):
- ElectroDB's row read "We release ElectroDB, a database of 31,000 measured electrolyte
  properties ... from 410 papers and our own robotic experiments, ...": the statement
  was refused for its "our", and the abstract's first sentence stood in its place, first
  person and all;
- the row of the perspective, which has no abstract, repeated its title as what it
  contributes (so did five rows of the BibTeX eval profile), and each such row counted
  as a verified sentence.

Left open: the line "sodium" holds the two sodium papers and two lithium-ion ones (the
clustering of a ten-paper record), so the bio's "work on sodium (4 papers)" counts the
line, not the papers on sodium.
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, plan_report

KWAME = REPO / "evals" / "profiles" / "kwame-asante-lindgren.json"


@pytest.fixture(scope="module")
def rows() -> dict[str, str]:
    report = plan_report(KWAME)
    return {line.split("]")[0].strip("| ["): line for line in report.splitlines()
            if line.startswith("| [")}


def test_a_statement_is_cut_before_our(rows: dict[str, str]) -> None:
    assert ("| Releases ElectroDB, a database of 31,000 measured electrolyte properties "
            "(conductivity, viscosity, electrochemical stability window) from 410 papers. |"
            in rows["asantelindgren2025open"])
    assert "We release" not in "".join(rows.values())


def test_a_paper_without_an_abstract_says_nothing_of_itself(rows: dict[str, str]) -> None:
    assert rows["asantelindgrenndperspective"].endswith("|  |  |  |")
