"""A multiplier written three ways ("4x", "4 times", "4-fold") is one word to the direction
check, and a negated verb is compared with the papers' synonyms of it ("not used" against
"utilizes"). The papers are fictional."""

from __future__ import annotations

import pytest

from agent.verify import Verifier
from agent.verify.lexicon import _lexical
from tests.verify.test_meaning import paper, verifier_of


PAPERS = [
    paper("brandt2024gait", "Gait Policies for Rough Terrain",
          "We train a walking policy in simulation. Its fall rate on rocky slopes is 3 times "
          "lower than that of a policy trained on flat floors."),
    paper("brandt2024sketch", "Sketch Indexes for Genome Search",
          "We present SketchIdx, a genome search index. SketchIdx answers queries 5-fold "
          "faster than a suffix array baseline."),
    paper("brandt2024buffer", "Ring Buffers for Streaming Decoders",
          "RingDec stores past activations in a ring buffer, efficiently utilizing the "
          "accelerator memory during decoding."),
]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return verifier_of(*PAPERS)


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    ("On rocky slopes its fall rate is 3x lower than that of a policy trained on flat floors.",
     "brandt2024gait", True),
    ("On rocky slopes its fall rate is 3x higher than that of a policy trained on flat "
     "floors.", "brandt2024gait", False),
    ("On rocky slopes its fall rate is 3-fold higher than that of a policy trained on flat "
     "floors.", "brandt2024gait", False),
    ("SketchIdx answers queries 5x faster than a suffix array baseline.",
     "brandt2024sketch", True),
    ("SketchIdx answers queries 5 times slower than a suffix array baseline.",
     "brandt2024sketch", False),
])
def test_a_multiplier_written_another_way_is_compared(verifier: Verifier, sentence: str,
                                                      key: str, supported: bool) -> None:
    assert verifier.check(sentence, [key]).supported is supported


@pytest.mark.parametrize(("text", "word"), [
    ("the rate is 4x higher", "4x"), ("the rate is 4 times higher", "4x"),
    ("the rate is 4-fold higher", "4x"), ("the rate is four times higher", "4x"),
    ("the rate is 2.5x higher", "2.5x"),
])
def test_every_spelling_of_a_multiplier_is_one_word(text: str, word: str) -> None:
    (polar,) = _lexical(text).polar
    assert word in polar.before


def test_times_without_a_figure_is_no_multiplier() -> None:
    (polar,) = _lexical("at times the rate is higher").polar
    assert not any(w.endswith("x") and w[:-1].replace(".", "").isdigit() for w in polar.before)


@pytest.mark.parametrize(("sentence", "supported"), [
    ("RingDec stores past activations in a ring buffer, so the accelerator memory is used "
     "efficiently during decoding.", True),
    ("RingDec stores past activations in a ring buffer, so the accelerator memory is not "
     "used efficiently during decoding.", False),
    ("RingDec stores past activations in a ring buffer and does not employ the accelerator "
     "memory during decoding.", False),
])
def test_a_negated_verb_against_the_papers_synonym(verifier: Verifier, sentence: str,
                                                   supported: bool) -> None:
    assert verifier.check(sentence, ["brandt2024buffer"]).supported is supported
