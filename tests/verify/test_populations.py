"""A finding said of people that the cited papers studied only in animals or cells, or said
of animals that they studied only in people (agent/verify/populations.py), each with the
faithful sentence beside it that must still pass."""

from __future__ import annotations

import pytest

from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged

SEPSIS = paper(
    "lee2012sepsis", 2012, FIRST, "Recombinant angiopoietin-1 improves survival in murine "
    "sepsis",
    "We investigated whether recombinant human (rh) Ang-1 protects against organ "
    "dysfunction in murine sepsis. Mice were treated with rhAng-1 or buffer after cecal "
    "ligation and puncture. rhAng-1 treated septic mice showed improved survival time. "
    "Further studies are needed before clinical application.")

TRIAL = paper(
    "lee2014trial", 2014, FIRST, "Angiopoietin-1 in septic shock: a randomised trial",
    "We randomised 212 adults with septic shock to recombinant angiopoietin-1 or placebo. "
    "Mortality at 28 days fell from 41% to 33% among treated patients.")

CELLS = paper(
    "lee2016cells", 2016, FIRST, "p38 signalling in dendritic cells",
    "We studied blood-isolated plasmacytoid dendritic cells and the GEN2.2 cell line. "
    "STAT1 activation depended on the p38 pathway after TLR7 triggering.")

RANKING = paper(
    "lee2020ranking", 2020, FIRST, "Ranking answers for people who ask",
    "We rank community answers with a cross-encoder. People preferred its answers in 61% "
    "of pairwise comparisons.")


@pytest.mark.parametrize(("sentence", "supported", "papers"), [
    # Said of people, studied in mice: the overreach, however many words are the paper's.
    ("Recombinant angiopoietin-1 improves survival in human patients with sepsis.", False,
     (SEPSIS,)),
    ("Recombinant angiopoietin-1 improves survival among adults with sepsis.", False,
     (SEPSIS,)),
    ("Recombinant angiopoietin-1 improves survival in septic mice.", True, (SEPSIS,)),
    ("Recombinant angiopoietin-1 improves survival in murine sepsis.", True, (SEPSIS,)),
    # "recombinant human Ang-1" names a protein, not the people studied.
    ("Recombinant human angiopoietin-1 improves survival in septic mice.", True, (SEPSIS,)),
    # What the work suggests for patients is no claim of a finding in them.
    ("Recombinant angiopoietin-1 improves survival in septic mice and may prove useful in "
     "patients with sepsis.", True, (SEPSIS,)),
    # A paper that studied patients carries "in patients"; one that names mice too is no
    # mismatch.
    ("Recombinant angiopoietin-1 lowered mortality among patients with septic shock.", True,
     (TRIAL,)),
    ("Recombinant angiopoietin-1 lowered mortality in mice with septic shock.", False,
     (TRIAL,)),
    # Cells studied outside a body are no patients either.
    ("STAT1 activation depended on p38 signalling in dendritic cells of infected "
     "patients.", False, (CELLS,)),
    ("STAT1 activation depended on p38 signalling in a dendritic cell line.", True, (CELLS,)),
    # A field with no animals: "people" is no population claim to check.
    ("People preferred the cross-encoder's answers in 61% of pairwise comparisons.", True,
     (RANKING,)),
])
def test_population_of_a_finding(sentence: str, supported: bool, papers: tuple) -> None:
    _judged(sentence, supported, *papers)


def test_the_reason_names_both_populations() -> None:
    from tests.verify.test_second_blind_set import _verifier
    check = _verifier(SEPSIS).check(
        "Recombinant angiopoietin-1 improves survival in human patients with sepsis.",
        [SEPSIS.key])
    assert "scope" in check.kinds
    assert any('"in human patients"' in r and "murine" in r for r in check.reasons), \
        check.reasons
