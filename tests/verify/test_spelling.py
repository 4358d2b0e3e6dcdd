"""Issue 15: a corrupted word of the cited papers fails ("formsulates" for "formulates",
"bitexems" for "bitexts"), with the reason "spelling"; forms of the papers' words, other
spellings of English words, names and words of the field pass."""

from __future__ import annotations

import pytest

from agent.models import FactSheet, Profile
from agent.verify import Verifier, spelling

pytestmark = pytest.mark.skipif(not spelling.available(),
                                reason="pyspellchecker (the English word list) is not installed")

INFOXLM = ("The paper presents an information-theoretic framework that {} cross-lingual "
           "language model pre-training as maximizing mutual information between multilingual "
           "texts.")
BITEXTS = ("The paper shows that going beyond English-centric bitexts, {} with a novel sampling "
           "strategy, substantially boosts performance across model sizes.")


@pytest.fixture(scope="module")
def verifier(profile: Profile, facts: FactSheet) -> Verifier:
    return Verifier(profile, facts)


@pytest.mark.parametrize("sentence, key, corrupted", [
    (INFOXLM.format("formsulates"), "chi2020infoxlm", "formsulates"),
    (INFOXLM.format("formulates").replace("mutual", "mutal"), "chi2020infoxlm", "mutal"),
    (BITEXTS.format("turned into bitexems"), "patra2022englishcentric", "bitexems"),
    (BITEXTS.format("coupled").replace("strategy", "stratgey"), "patra2022englishcentric",
     "stratgey"),
])
def test_a_corrupted_word_of_the_papers_fails(verifier: Verifier, sentence: str, key: str,
                                              corrupted: str) -> None:
    check = verifier.check(sentence, [key])
    assert not check.supported
    assert "spelling" in check.kinds
    assert any(f'"{corrupted}"' in r for r in check.reasons)


@pytest.mark.parametrize("sentence, key", [
    (INFOXLM.format("formulates"), "chi2020infoxlm"),
    (INFOXLM.format("formulated"), "chi2020infoxlm"),   # a form of the papers' word
    (INFOXLM.format("casts"), "chi2020infoxlm"),         # another English word
    (BITEXTS.format("coupled"), "patra2022englishcentric"),
    # British spellings of words the papers spell the American way, and the reverse.
    ("XLM-E pre-trains cross-lingual language models in the style of ELECTRA, optimising "
     "replaced token detection.", "chi2021xlme"),
    ("The framework is modelled on maximizing mutual information between multilingual "
     "texts.", "chi2020infoxlm"),
])
def test_forms_and_other_spellings_of_english_words_pass_the_spelling_check(
        verifier: Verifier, sentence: str, key: str) -> None:
    assert "spelling" not in verifier.check(sentence, [key]).kinds


@pytest.mark.parametrize("word, other", [
    ("formulates", "formulation"), ("optimise", "optimize"), ("tumour", "tumor"),
    ("haematopoietic", "hematopoietic"), ("labelled", "labeled"), ("modelling", "modeling"),
    ("bitext", "bitexts"), ("studies", "study"), ("sulphur", "sulfur"),
])
def test_forms_and_spellings_of_one_word_are_variants(word: str, other: str) -> None:
    assert spelling.variant(word, other)


@pytest.mark.parametrize("word, other", [
    ("formsulates", "formulates"), ("bitexems", "bitexts"), ("mutal", "mutual"),
])
def test_corruptions_are_no_variants(word: str, other: str) -> None:
    assert not spelling.variant(word, other)
    assert not spelling.is_english(word)


@pytest.mark.parametrize("word", ["formulates", "optimise", "tumour", "modelling",
                                  "labelled", "casual", "studies"])
def test_english_words_and_their_british_spellings_are_english(word: str) -> None:
    assert spelling.is_english(word)
