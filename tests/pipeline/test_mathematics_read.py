"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
dagny-okonjo-varga.txt: extremal and probabilistic combinatorics, additive combinatorics,
written as mathematics abstracts are, with "Let X be ...", "We prove that ..." and
plain-text notation such as K_{4,7} and n^{2−1/(3r)}), and what it now writes.

Before (`research-agent report FILE --writing plan`, and `ask`):
- the papers table gave six papers a definition as their contribution ("A graph is
  r-degenerate if every subgraph has a vertex of degree at most r.", "Let X be the number
  of triangles in the binomial random graph G(n, p).") or the problem the paper takes up:
  a subscript in braces read as markup, so "We prove that ex(n, H) ≤ C_H n^{2−1/(3r)} ..."
  was refused, "prove" was no verb of contribution, and the fallback was the abstract's
  first sentence;
- a survey's "describes progress since 2015 ..." failed verification: "since 2015" was
  read as a span of the record;
- "From 2019, the work concentrates on bipartite graphs", of 2 of 9 papers;
- "Which of her results resolve someone else's conjecture?" answered "The record ...
  holds no papers on results resolve someone else's conjecture", of a record with four;
- "Which of her papers are about random graphs?" found 1 of the 2 whose titles say so
  ("random regular graphs");
- "What did Polynomial graphs cannot give K_{4,7}-free constructions prove?" answered only
  that the paper is in the record.
"""

from __future__ import annotations

import pytest

from agent.verify import Verifier
from tests.conftest import REPO, plan_answer, plan_report, profile_verifier, table_row

DAGNY = REPO / "evals" / "profiles" / "dagny-okonjo-varga.txt"


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(DAGNY)


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return profile_verifier(DAGNY)


@pytest.mark.parametrize(("key", "contribution"), [
    ("okonjovarga2012turan", "| Proves that ex(n, H) ≤ C_H n^{2−1/(3r)} for every such H,"),
    ("okonjovarga2016ramseyturan", "| Proves that RT(n, W_{2k+1}, o(n)) = (1/8 + o(1))n^2 for "
                                   "every k ≥ 2. |"),
    ("frohlich2013independence", "| Shows that for every d = d(n) with d → ∞"),
    ("arnaud2019polynomial", "| Shows that no such construction exists within the natural class"),
    ("okonjovarga2025ramsey", "| Describes progress since 2015 on classical problems in graph "
                              "Ramsey theory"),
])
def test_a_mathematics_abstract_says_what_the_paper_proves(report: str, key: str,
                                                           contribution: str) -> None:
    assert contribution in table_row(report, key)


def test_a_definition_is_no_contribution(report: str) -> None:
    for key in ("lindqvist2020lower", "abernathy2024giant", "kolesnikov2026sidorenkos",
                "okonjovarga2012turan", "kolesnikov2018locally"):
        cell = table_row(report, key).split(" | ")[3]
        assert not cell.startswith(("Let ", "A graph is", "A bipartite graph", "A locally")), cell


@pytest.mark.parametrize(("text", "markup"), [
    ("every such graph contains a copy of K_{4,7}", False),
    ("ex(n, H) ≤ C_H n^{2−1/(3r)}", False),
    ("if A ⊆ {1, …, N} has density", False),
    ("the {BERT} model", True),  # BibTeX's case protection
    ("a $4.2\\sigma$ detection", True),
    ("\\cite{x}", True),
])
def test_plain_text_mathematics_is_no_markup(text: str, markup: bool) -> None:
    from agent.realize import has_markup

    assert has_markup(text) is markup


@pytest.mark.parametrize(("sentence", "supported"), [
    # The abstract's own open span, with the word before it.
    ("Describes progress since 2015 on classical problems in graph Ramsey theory and "
     "extremal graph theory.", True),
    # Of the work, no abstract's words make it true.
    ("Since 2015, the work has centred on Ramsey numbers.", False),
])
def test_an_open_span_the_abstract_states(verifier: Verifier, sentence: str,
                                          supported: bool) -> None:
    assert verifier.check(sentence, ["okonjovarga2025ramsey"]).supported is supported


def test_a_minor_line_that_grows_is_no_concentration(report: str) -> None:
    assert "concentrates on bipartite graphs" not in report
    assert "From 2019, the work turns more to bipartite graphs" in report


def test_conjectures_settled() -> None:
    answer = plan_answer(DAGNY, "Which of her results resolve someone else's conjecture?")
    answer = answer.split("Sources:")[0]
    assert answer.startswith("Four papers in this record say in their abstracts that they settle "
                             "or refute a conjecture or an open question "
                             "[okonjovarga2014counterexample] [okonjovarga2016ramseyturan] "
                             "[frohlich2021spanning] [castellanos2022sumfree].")
    assert '"This resolves the question of Erdős and Sós."' in answer
    # Progress on Erdős's conjecture for a subclass settles none.
    assert "okonjovarga2012turan" not in answer


def test_no_conjecture_settled_in_a_record_that_says_none() -> None:
    answer = plan_answer(REPO / "examples" / "zewen-chi.txt", "Has he solved any open problems?")
    assert answer.startswith("No abstract in the record of Zewen Chi says that its paper "
                             "settles or refutes a conjecture or an open question.")
    check = profile_verifier(DAGNY).check(
        "No abstract in the record of Dagny Okonjo-Varga says that its paper settles or "
        "refutes a conjecture or an open question.", [])
    assert not check.supported


@pytest.mark.parametrize(("keys", "supported"), [
    (["okonjovarga2016ramseyturan", "frohlich2021spanning"], True),
    # Progress on a conjecture for a subclass is no settling of it.
    (["okonjovarga2016ramseyturan", "okonjovarga2012turan"], False),
])
def test_a_count_of_settled_conjectures_is_checked(verifier: Verifier, keys: list[str],
                                                   supported: bool) -> None:
    for count in ("2", "Two"):  # as the answers' leads spell it, or as a figure
        check = verifier.check(f"{count} papers in this record say in their abstracts that "
                               "they settle or refute a conjecture or an open question.", keys)
        assert check.supported is supported, count


def test_a_method_that_fails_is_a_negative_result() -> None:
    answer = plan_answer(DAGNY, "Did any of her approaches fail?").split("Sources:")[0]
    assert answer.startswith("Yes: 2 papers in this record say in their abstracts that "
                             "something they tested did not work or made no difference "
                             "[arnaud2019polynomial] [kolesnikov2026sidorenkos].")


def test_a_title_that_says_the_topic_with_a_word_between() -> None:
    answer = plan_answer(DAGNY, "Which of her papers are about random graphs?")
    answer = answer.split("Sources:")[0]
    assert answer.startswith("Two papers in the record are on random graphs, from 2013 to 2020 "
                             "[frohlich2013independence] [lindqvist2020lower].")


def test_what_a_paper_proved_is_quoted() -> None:
    answer = plan_answer(DAGNY, "What did Polynomial graphs cannot give K_{4,7}-free "
                                "constructions prove?").split("Sources:")[0]
    assert 'Its abstract says: "We show that no such construction exists' in answer


def test_every_affiliation_named_is_cited() -> None:
    """Before: one sentence named all 14 affiliations and cited 6 papers, so `verify`
    refused it ("missing: institute, lisbon, mit, tokyo, unam, uppsala"). Each sentence
    now names only affiliations of the papers it cites."""
    from agent import api
    from agent.config import Settings
    from tests.conftest import EXAMPLE_AS_OF

    profile = api.load(DAGNY, as_of=EXAMPLE_AS_OF)
    composition = api.ask(profile, "What are her affiliations?", settings=Settings(writing="plan"))
    verifier = profile_verifier(DAGNY)
    sentences = [s for section in composition.sections for s in section.sentences]
    assert len(sentences) == 4
    assert sentences[1].text.startswith("They also include tu-munich (1 paper)")
    assert sentences[-1].text == "1 of the 18 papers names no affiliation."
    for sentence in sentences:
        assert verifier.check(sentence.text, sentence.keys).supported, sentence.text
