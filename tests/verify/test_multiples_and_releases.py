"""Multiples in words and releases by cells, found wrong by the read half of the second set
of blind SciFact-style claims (evals/scifact_blind2.jsonl), each with the error beside it
that must still fail:
- "twofold", "ten-fold" are figures (2x, 10x) as "2-fold" is, so "about tenfold" of a
  paper's "twofold" fails and "roughly doubled" of it passes, and a paper's "doubled",
  "twice" or "tripled" carries a sentence's "2-fold" or "threefold";
- a change by a percentage ("increased by 89.42%") and a change between two figures with
  an interval and a year between them make the multiple "almost doubled" stands on;
- "doubled" and "tripling" are rises;
- a cell "releasing IL-1beta" releases no artifact of the work's."""

from __future__ import annotations

import pytest

from agent.verify.lexicon import _numbers, multiples_in
from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged

DIP = paper(
    "clough1998dip", 1998, FIRST, "Floral dip: a simplified method for Agrobacterium "
    "transformation",
    "Repeated application of Agrobacterium improved the overall yield of transformants "
    "approximately twofold. Covering plants for 1 day to retain humidity after inoculation "
    "also raised transformation rates twofold.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Re-applying the bacteria roughly doubled the yield of transformants.", True),
    ("Re-applying the bacteria raised the yield of transformants about 2-fold.", True),
    ("Keeping plants covered for one day raised transformation rates twofold.", True),
    ("Keeping plants covered for one day raised transformation rates about tenfold.", False),
    ("Keeping plants covered for one day raised transformation rates ten-fold.", False),
    ("Keeping plants covered for one day tripled transformation rates.", False),
])
def test_a_multiple_in_words_is_a_figure(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, DIP)


def test_fold_words_are_figures() -> None:
    found = [(n.value, n.unit, n.text) for n in _numbers("a twofold rise, a ten-fold drop "
                                                         "and a hundredfold gap")]
    assert found == [(2.0, "x", "twofold"), (10.0, "x", "ten-fold"), (100.0, "x", "hundredfold")]
    assert multiples_in("Uptake doubled, then tripled; a double-blind trial.") == {
        (2.0, "x"), (3.0, "x")}


DOUBLED = paper(
    "lee2019doubled", 2019, FIRST, "Uptake of screening in two districts",
    "Screening uptake doubled in the first district after the reminders began. In the second "
    "district it tripled.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Screening uptake rose about 2-fold in the first district after the reminders.", True),
    ("Screening uptake rose threefold in the second district.", True),
    ("Screening uptake rose fivefold in the second district.", False),
    ("Screening uptake fell in the first district after the reminders began.", False),
])
def test_a_papers_multiple_in_words_carries_a_figure(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, DOUBLED)


BURDEN = paper(
    "xu2018burden", 2018, FIRST, "Global burden of vision loss due to cataract",
    "The global DALY numbers of cataract vision loss increased by 89.42%, from 2048.18 "
    "(95% CI: 1457.60-2761.80) thousands in 1990 to 3879.74 (95% CI: 2766.07-5232.43) "
    "thousands in 2015.")

FROM_TO = paper(
    "xu2019burden", 2019, FIRST, "Global burden of vision loss due to glaucoma",
    "Global DALY numbers of glaucoma vision loss increased from 442.2 (95% CI: 301.1-612.5) "
    "thousands in 1990 to 962.4 (95% CI: 664.3-1321.8) thousands in 2015.")


@pytest.mark.parametrize(("sentence", "supported", "record"), [
    ("Between 1990 and 2015, years of healthy life lost to cataract vision loss almost "
     "doubled worldwide.", True, BURDEN),
    ("Between 1990 and 2015, years of healthy life lost to cataract vision loss tripled "
     "worldwide.", False, BURDEN),
    ("Between 1990 and 2015, DALY numbers of glaucoma vision loss more than doubled.", True,
     FROM_TO),
    ("Between 1990 and 2015, DALY numbers of glaucoma vision loss more than tripled.", False,
     FROM_TO),
])
def test_a_change_makes_the_multiple_in_words(sentence: str, supported: bool, record) -> None:
    _judged(sentence, supported, record)


NEUTROPHILS = paper(
    "spiegel2016neutrophils", 2016, FIRST, "Neutrophils suppress intraluminal NK cell-mediated "
    "tumor cell clearance and enhance extravasation of disseminated carcinoma cells",
    "Neutrophils inhibit natural killer cell function, which increases the intraluminal "
    "survival time of tumor cells. Thereafter, neutrophils facilitate extravasation of tumor "
    "cells through the secretion of IL1beta and matrix metalloproteinases.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Neutrophils facilitate extravasation of tumor cells by releasing IL1beta and matrix "
     "metalloproteinases.", True),
    ("The authors released their tumor cell tracking code alongside the study of "
     "neutrophils.", False),
])
def test_a_cell_releasing_a_cytokine_releases_no_artifact(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, NEUTROPHILS)


RISE = paper(
    "xu2020admissions", 2020, FIRST, "Hospital admissions for heat illness",
    "Admissions for heat illness increased by 95% over the decade.")


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Admissions for heat illness nearly doubled over the decade.", True),
    ("Admissions for heat illness tripled over the decade.", False),
])
def test_a_change_by_a_percentage_is_a_multiple(sentence: str, supported: bool) -> None:
    _judged(sentence, supported, RISE)
