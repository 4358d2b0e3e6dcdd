"""A name a paper writes another way is the paper's name: a numbered short form and the
word it abbreviates ("IL-6"/"interleukin-6", "KRT17"/"keratin 17"), a Greek letter spelled
out ("av-Beta3"/"\u03b1v\u03b23"), a name numbered two ways ("OCT3/4"), a Roman numeral
("type II"/"type 2"). A name that is not the paper's still fails. And a negator whose
object is a noun phrase ("prevents X-induced neuronal loss") negates the phrase's head.
The papers are fictional."""

from __future__ import annotations

import pytest

from agent.verify import Verifier
from agent.verify.lexicon import _lexical, _stem
from tests.verify.test_meaning import paper, verifier_of

PAPERS = [
    paper("tanaka2023il", "Interleukin-6 Signalling in Plaque Formation",
          "We show that interleukin-6 signalling drives plaque formation in mice. Keratin 17 "
          "is upregulated in the inflamed epithelium."),
    paper("tanaka2023il2", "Regulatory T Cells and IL-2",
          "Regulatory T cells respond less to IL-2 in patients with autoimmune disease."),
    paper("tanaka2023integrin", "Integrins in Fat Uptake",
          "Mfge8 promotes fat uptake through \u03b1v\u03b23 integrin in the gut."),
    paper("tanaka2023oct", "Oct4 Partners in Stem Cells",
          "Oct4 interacts with chromatin remodelling factors in embryonic stem cells."),
    # Writes the name whole: the profile's index files "OCT3/4" under this paper.
    paper("tanaka2023pluripotency", "Pluripotency Markers",
          "OCT3/4 marks pluripotent cells in the early embryo."),
    paper("tanaka2023diabetes", "Sugar Taxes and Diabetes",
          "A tax on sugary drinks would lower the incidence of type 2 diabetes in India."),
    paper("tanaka2023neuron", "Complex I and Neuronal Loss",
          "Blocking the binding of the protein to complex I abolished the neuronal loss it "
          "induced in mice."),
]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return verifier_of(*PAPERS)


@pytest.mark.parametrize(("sentence", "key"), [
    ("IL-6 signalling drives plaque formation in mice.", "tanaka2023il"),
    ("KRT17 is upregulated in the inflamed epithelium.", "tanaka2023il"),
    ("Regulatory T cells respond less to interleukin-2 in patients with autoimmune disease.",
     "tanaka2023il2"),
    ("Mfge8 promotes fat uptake through av-Beta3 integrin in the gut.", "tanaka2023integrin"),
    ("OCT3/4 interacts with chromatin remodelling factors in embryonic stem cells.",
     "tanaka2023oct"),
    ("A tax on sugary drinks would lower the incidence of type II diabetes in India.",
     "tanaka2023diabetes"),
])
def test_a_name_written_another_way_is_the_papers(verifier: Verifier, sentence: str,
                                                  key: str) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported, check.reasons


@pytest.mark.parametrize(("sentence", "key"), [
    # The same number, but letters that are not the word's ("IN" is no "interleukin" form
    # that starts it; "KT" would be, "RT" is not).
    ("RT-6 signalling drives plaque formation in mice.", "tanaka2023il"),
    # Another number.
    ("IL-8 signalling drives plaque formation in mice.", "tanaka2023il"),
    ("KRT18 is upregulated in the inflamed epithelium.", "tanaka2023il"),
    ("Mfge8 promotes fat uptake through av-Beta5 integrin in the gut.", "tanaka2023integrin"),
    ("OCT5/6 interacts with chromatin remodelling factors in embryonic stem cells.",
     "tanaka2023oct"),
    ("A tax on sugary drinks would lower the incidence of type III diabetes in India.",
     "tanaka2023diabetes"),
])
def test_a_name_the_paper_does_not_write_still_fails(verifier: Verifier, sentence: str,
                                                      key: str) -> None:
    assert not verifier.check(sentence, [key]).supported


def test_prevent_negates_the_head_of_its_noun_phrase() -> None:
    lexical = _lexical("Blocking the binding prevents TDP-43-induced neuronal loss in mice.")
    assert "loss" in lexical.negated and "neuronal" not in lexical.negated


def test_not_still_negates_the_word_after_it() -> None:
    negated = _lexical("Bone marrow cells do not contribute to macrophages.").negated
    assert negated == {_stem("contribute")}


def test_playing_a_role_is_framing_not_a_claim_of_its_own(verifier: Verifier) -> None:
    """"plays a major role in X" says what the paper's own verb says ("drives X"); what X
    is must still be the paper's."""
    assert verifier.check("IL-6 signalling plays a major role in plaque formation in mice.",
                          ["tanaka2023il"]).supported
    assert not verifier.check("IL-6 signalling plays a major role in tumour growth in "
                              "zebrafish.", ["tanaka2023il"]).supported


def test_a_name_another_paper_writes_whole_is_still_found_in_the_cited_ones_words(
        verifier: Verifier) -> None:
    """"OCT3/4" is written whole by tanaka2023pluripotency; the cited tanaka2023oct writes
    "Oct4". The cited paper is asked too, not only the papers the index files it under."""
    check = verifier.check("OCT3/4 interacts with chromatin remodelling factors in "
                           "embryonic stem cells.", ["tanaka2023oct"])
    assert check.supported, check.reasons
