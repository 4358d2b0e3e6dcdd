"""A finding said of the condition where the cited papers find the opposite, or no change
(agent/verify/conditions.py), each beside the faithful sentences that must still pass."""

from __future__ import annotations

import pytest

from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged, _verifier

# One result each way, by condition, and a title that asks rather than states.
SUBGROUPS = paper(
    "lee2021gauges", 2021, FIRST, "Do neural nowcasts beat radar extrapolation in "
    "mountain valleys?",
    "Neural nowcasts often beat radar extrapolation over flat terrain. We compare a "
    "convolutional nowcast with the STEPS extrapolation scheme at 64 gauges. At lowland "
    "gauges, the nowcast outperformed STEPS (critical success index 0.61 versus 0.52). At "
    "mountain valley gauges the nowcast did not outperform STEPS: the critical success "
    "index was 0.44 for both. Adding terrain height as an input did not change this "
    "result.")

# A result in one country, denied of the other by ellipsis.
COUNTRIES = paper(
    "lee2022tutoring", 2022, FIRST, "Peer tutoring and absence in two school systems",
    "We followed 3,400 pupils in Ghana and Portugal. Weekly peer tutoring was associated "
    "with lower absence in Portugal (-2.1 days a term) but not in Ghana, where few "
    "schools kept daily registers.")

# A clause with no subject of its own after "but".
CUEING = paper(
    "lee2024cueing", 2024, FIRST, "Music and metronome cues for walking",
    "We cued 30 walkers with music and with a metronome. Step-length variability fell by "
    "12% with music but did not change detectably with the metronome.")

# Comparable results throughout: nothing tells one clause from another.
ALIKE = paper(
    "lee2023sensors", 2023, FIRST, "Low-cost sensors for urban heat",
    "Low-cost sensors improved heat maps of the city centre. Low-cost sensors did not "
    "improve heat maps of the suburbs.")


@pytest.mark.parametrize(("sentence", "supported", "papers"), [
    # Said of the condition where the paper finds the other way round.
    ("At mountain valley gauges the nowcast clearly outperformed STEPS.", False,
     (SUBGROUPS,)),
    ("At lowland gauges the nowcast did not outperform STEPS.", False, (SUBGROUPS,)),
    # Each condition said as the paper says it.
    ("At lowland gauges the nowcast outperformed STEPS, with a critical success index of "
     "0.61 against 0.52.", True, (SUBGROUPS,)),
    ("At mountain valley gauges the nowcast did not outperform STEPS.", True, (SUBGROUPS,)),
    # A sentence that names both conditions is not told by one word more.
    ("At lowland gauges, unlike in mountain valleys, the nowcast outperformed STEPS.", True,
     (SUBGROUPS,)),
    # A change where the closest clause finds none; and the faithful sentence.
    ("Adding terrain height as an input substantially improved the nowcast.", False,
     (SUBGROUPS,)),
    ("Adding terrain height as an input did not change how the nowcast compared with "
     "STEPS.", True, (SUBGROUPS,)),
    # "but not in Ghana": the clause before, denied of Ghana.
    ("In Ghana, weekly peer tutoring reduced absence.", False, (COUNTRIES,)),
    ("Weekly peer tutoring was associated with lower absence in Portugal.", True,
     (COUNTRIES,)),
    ("With the metronome, step-length variability also fell markedly.", False, (CUEING,)),
    ("With music, step-length variability fell by 12%.", True, (CUEING,)),
    ("Step-length variability did not change detectably with the metronome.", True,
     (CUEING,)),
    # The clauses share the sentence's words alike: a tie decides nothing.
    ("Low-cost sensors improved heat maps.", True, (ALIKE,)),
])
def test_a_finding_said_of_its_condition(sentence: str, supported: bool,
                                         papers: tuple) -> None:
    _judged(sentence, supported, *papers)


def test_the_reason_names_the_condition_and_the_papers_words() -> None:
    check = _verifier(SUBGROUPS).check(
        "At mountain valley gauges the nowcast clearly outperformed STEPS.", [SUBGROUPS.key])
    assert "polarity" in check.kinds
    assert any('"outperformed" where the cited papers say "not ... outperform"' in r
               and '"valley"' in r for r in check.reasons), check.reasons


def test_a_title_that_asks_states_nothing() -> None:
    from agent.verify.conditions import _claims
    claims = _claims(f"{SUBGROUPS.title}. {SUBGROUPS.abstract}")  # as the index joins them
    assert not any("mountain" in c.stems and "valley" in c.stems and c.signs("more") == {1}
                   and "outperform" in {d.word for d in c.directions} for c in claims)
