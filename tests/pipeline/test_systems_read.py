"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
rahul-nieminen-castro.bib: storage, kernel fuzzing, then LLM serving, as an exported
BibTeX bibliography with a thesis, a technical report and systems named by plain words:
Ferrule, Tessellate, Spillway), and what it now writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- "What did Tessellate achieve?" answered "2 papers in the record are on Tessellate" and
  what each does: a name before a title's colon counted only with an inner capital or a
  digit ("KSieve"), and the result "Tessellate achieves 3.2× higher throughput than vLLM
  at the same latency SLO" was taken to point back ("the same");
- "How many bugs did his tools find?" answered "6 papers in the record are on many bugs";
- "What is his PhD thesis about?" answered that the record says nothing about education,
  of a record that lists the thesis;
- "Did any approach not work?" answered "Yes, in passing: no paper is mainly about
  “approach not”";
- the thesis's row read "Makes three contributions.";
- "runs Syzkaller ... and analysed where coverage stops growing";
- a line was named "years of fuzzing" (of "Lessons from Five Years of Fuzzing").
"""

from __future__ import annotations

import pytest

from tests.conftest import REPO, plan_answer, plan_answer_text, plan_report, table_row

RAHUL = REPO / "evals" / "profiles" / "rahul-nieminen-castro.bib"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(RAHUL)


def _answer(question: str) -> str:
    return plan_answer_text(RAHUL, question)


def test_what_a_named_system_achieved() -> None:
    answer = _answer("What did Tessellate achieve?")
    assert answer.startswith('"Tessellate: Fine-Grained GPU Memory Scheduling for LLM '
                             'Inference" (2024) presents Tessellate')
    assert 'It reports: "On 8 NVIDIA A100 40GB GPUs serving Llama-2 70B, Tessellate achieves ' \
           '3.2× higher throughput than vLLM at the same latency SLO."' in answer


def test_a_plain_word_before_the_colon_is_a_name() -> None:
    from agent.parse import load_profile
    from agent.realize import short_name
    from tests.conftest import EXAMPLE_AS_OF

    names = {p.key: short_name(p) for p in load_profile(RAHUL, as_of=EXAMPLE_AS_OF).papers}
    assert names["achterberg2024tessellate"] == "Tessellate"
    assert names["halvorsen2026spillway"] == "Spillway"
    # "Where Do Kernel Fuzzers Get Stuck? ..." and "Lessons from ..." name no system.
    assert names["nieminencastro2018where"] is None
    assert names["nieminencastro2022lessons"] is None


def test_bugs_counted_paper_by_paper() -> None:
    answer = _answer("How many bugs did his tools find?")
    assert answer.startswith("By date, these are the papers in this record whose abstracts "
                             "count bugs; the record gives no total.")
    assert '"We found 47 previously unknown bugs, 31 of which were confirmed and 18 assigned ' \
           'CVEs." [nieminencastro2019sextant]' in answer
    assert "on many bugs" not in answer


def test_the_thesis_the_record_lists() -> None:
    answer = _answer("What is his PhD thesis about?")
    assert answer.startswith("1 of the 18 papers in this record is a thesis "
                             "[nieminencastro2017finding].")
    assert "It also describes Lattice, a checkpointed journaling design" in answer
    assert "says nothing about education" not in answer


def test_no_thesis_in_the_record() -> None:
    answer = plan_answer(REPO / "examples" / "zewen-chi.txt", "What is his PhD thesis about?")
    assert answer.startswith("The record of Zewen Chi lists publications and says nothing "
                             "about education")


def test_what_did_not_work() -> None:
    answer = _answer("Did any approach not work?")
    assert answer.startswith("Yes: 5 papers in this record say in their abstracts that "
                             "something they tested did not work or made no difference")
    for said in ("provides no measurable benefit over random scheduling", "we found no benefit",
                 "Slipstream provides no improvement", "Spillway offers no benefit"):
        assert said in answer


def test_a_dissertation_that_counts_its_contributions(report: str) -> None:
    assert "| Presents Ferrule, a tool that systematically explores the crash states" in table_row(
        report, "nieminencastro2017finding")
    assert "Makes three contributions" not in report


def test_a_second_verb_told_in_the_past(report: str) -> None:
    assert "| Runs Syzkaller against Linux 4.14 for 30 CPU-days and analyses where coverage " \
           "stops growing. |" in table_row(report, "nieminencastro2018where")


def test_a_span_of_time_names_no_line(report: str) -> None:
    assert "### years of fuzzing" not in report.lower()
    assert "### Fuzzing" in report


def test_a_co_author_written_with_initials_is_counted_once() -> None:
    """Before: "Elina Saarinen (4 papers)" in the co-author answer, which `verify` refused:
    the journal version writes "E. Saarinen", whom the verifier counts as her (5 papers)."""
    from agent.analyze import top_collaborators
    from agent.parse import load_profile
    from tests.conftest import EXAMPLE_AS_OF

    profile = load_profile(RAHUL, as_of=EXAMPLE_AS_OF)
    people = {c.name: c.papers for c in top_collaborators(profile.papers, profile.name)}
    assert people["Elina Saarinen"] == 5
    assert "E. Saarinen" not in people


def test_counts_of_people_studied() -> None:
    """"How many patients did they recruit?" read "One paper in the record is on many
    patients"; the abstracts' own counts are quoted, and "patient-days" counts none."""
    answer = plan_answer(REPO / "evals" / "profiles" / "oluwaseun-bergqvist-adeyemi.json",
                         "How many patients did they recruit?").split("Sources:")[0]
    assert answer.startswith("By date, these are the papers in this record whose abstracts "
                             "count patients; the record gives no total.")
    assert "18,552 patients" in answer
    assert "patient-days" not in answer and "on many patients" not in answer
