"""An expression in a sentence must be one the cited papers write (agent/verify/formulas.py).

Found in the embedded model's report of evals/profiles/dagny-okonjo-varga.txt, where both
sentences below passed: every number in them is the paper's.
"""

from __future__ import annotations

import pytest

from agent.verify import Verifier
from tests.conftest import REPO, profile_verifier

DAGNY = REPO / "evals" / "profiles" / "dagny-okonjo-varga.txt"
GALLAI = ('"A counterexample to a conjecture on monochromatic components in Gallai colourings" '
          "(2014) constructs a counterexample in which every monochromatic component has at "
          "most {bound} vertices.")


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return profile_verifier(DAGNY)


@pytest.mark.parametrize(("bound", "supported"), [
    ("(3/5 + o(1))n", True),
    ("(3/5+o(1))n", True),  # spaces aside
    ("(3/5 + o(1))*k", False),
    ("(2/5 + o(1))n", False),
])
def test_a_bound_as_the_paper_writes_it(verifier: Verifier, bound: str, supported: bool) -> None:
    check = verifier.check(GALLAI.format(bound=bound), ["okonjovarga2014counterexample"])
    assert check.supported is supported, check.reasons


def test_a_garbled_formula(verifier: Verifier) -> None:
    check = verifier.check('A 2025 paper proves that R(C_5, K_t) = Ω(log t^{1/2}) for the '
                           "upper bound O(t^3/((log t)^1/2)) of Sudakov.", ["frohlich2025ramsey"])
    assert not check.supported
    assert 'formula "Ω(log" is not in the cited papers' in check.reasons


def test_prose_is_no_formula(verifier: Verifier) -> None:
    """A year in brackets, a hyphenated word and a link hold no operator."""
    check = verifier.check('"Ramsey–Turán numbers for odd wheels" (2016) is by Okonjo-Varga '
                           "alone.", ["okonjovarga2016ramseyturan"])
    assert not any("formula" in r for r in check.reasons)


def test_a_formula_is_the_same_whichever_dash_it_is_written_with() -> None:
    # The abstract's own sentence failed: "H1*–H2*" there, "H1*-H2*" once cleaned.
    from tests.conftest import REPO, profile_verifier

    verifier = profile_verifier(REPO / "evals" / "profiles" / "ingvild-mbeki-castellanos.bib")
    said = ("I test this prediction with 2,160 vowels produced by twelve speakers (seven "
            "women, five men), measuring H1*–H2*, H1*–A1*, cepstral peak prominence (CPP) "
            "and F0 with VoiceSauce.")
    assert verifier.check(said, ["mbekicastellanos2013breathy"]).supported
    assert not verifier.check(said.replace("H1*–H2*", "H1*–H4*"),
                              ["mbekicastellanos2013breathy"]).supported
