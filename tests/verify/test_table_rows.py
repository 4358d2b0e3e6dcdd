"""`research-agent verify` reads the papers table too.

Issue 15, item 7: every field of the report's papers table passes the same checks as its
prose, and the report's faithfulness line counts the table. Before, `verify` left every
table line out as non-prose, so a reader could not check that claim, and a hand-edited
cell ("Proposes IGap, the first metric ...") passed unread.
"""

from __future__ import annotations

import pytest

from agent.verify import verify_text
from tests.conftest import EXAMPLE, profile_verifier

HEADER = "| Paper | Year | Contribution | Key result |\n|---|---|---|---|\n"
ROW = ("| [chi2023measuring] Measuring Cross-Lingual Transferability of Multilingual "
       "Transformers on Sentence Classification | 2023 | {contribution} | {result} |\n")
TRUE = "Proposes IGap, a cross-lingual transferability metric for multilingual Transformers " \
       "on sentence classification tasks."
RESULT = "IGap outperforms baseline metrics for transferability measuring and transfer " \
         "direction ranking."


@pytest.fixture(scope="module")
def verifier():
    return profile_verifier(EXAMPLE)


def test_each_cell_sentence_is_checked_against_its_rows_paper(verifier) -> None:
    checked = verify_text(verifier, "## Papers\n\n" + HEADER
                          + ROW.format(contribution=TRUE, result=RESULT))
    assert [(s.text, s.keys, s.supported) for s in checked.sentences] == [
        (TRUE, ["chi2023measuring"], True), (RESULT, ["chi2023measuring"], True)]
    # The header, the rule and the heading state no claim; the row is read, not skipped.
    assert checked.skipped_lines == 3


@pytest.mark.parametrize("invented", [
    # The issue's own example of a fluent invention in the table.
    "This is the first study that has demonstrated IGap, an algorithm for measuring and "
    "comparing multiple languages simultaneously using multi-task learning.",
    "Proposes IGap, a cross-lingual transferability metric that is 40% faster than prior "
    "metrics.",
])
def test_an_invented_cell_fails(verifier, invented: str) -> None:
    checked = verify_text(verifier, HEADER + ROW.format(contribution=invented, result=""))
    assert checked.sentences and not checked.sentences[0].supported
    assert checked.sentences[0].keys == ["chi2023measuring"]


def test_an_escaped_pipe_stays_in_its_cell(verifier) -> None:
    cell = TRUE.replace("metric for", "metric \\| for")
    checked = verify_text(verifier, HEADER + ROW.format(contribution=cell, result=RESULT))
    assert len(checked.sentences) == 2
    assert "metric | for" in checked.sentences[0].text


def test_a_table_of_another_shape_is_no_papers_table(verifier) -> None:
    other = "| measure | value |\n|---|---|\n| recall | 0.97 |\n"
    checked = verify_text(verifier, other)
    assert checked.sentences == [] and checked.skipped_lines == 3
