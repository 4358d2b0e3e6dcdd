"""A comparison turned round fails: "A outperforms B", "A is higher than B" or "A succeeds
more often than B" where the cited paper says it of B, in words ("B outperforms A",
"B ... higher ... than A") or in figures ("B reaches 76%, compared with 52% for A"). Said
the paper's way round, in other words, it passes.

The sentences are new: none of them is in evals/checker_families.jsonl, whose reversed
comparisons the rule was written against. The papers are the eval profiles' own."""

from __future__ import annotations

import pytest

from agent.evals import eval_verifier

ZEWEN = "examples/zewen-chi.txt"
INES = "evals/profiles/ines-okafor.txt"
MAREN = "evals/profiles/maren-lindqvist.txt"

CASES = [
    # (profile, key, faithful, turned round)
    (INES, "nwosu2022languageconditioned",
     "LangPol completes more unseen instructions than a policy trained from scratch.",
     "A policy trained from scratch completes more unseen instructions than LangPol."),
    (INES, "okafor2018learning",
     "The method succeeds in more trials than a vision-only policy.",
     "A vision-only policy succeeds in more trials than the method."),
    (MAREN, "lindqvist2026perturbation",
     "PertCE predicts the direction of change for more differentially expressed genes than "
     "a linear baseline.",
     "A linear baseline predicts the direction of change for more differentially expressed "
     "genes than PertCE."),
    (MAREN, "conti2023diffusion",
     "More SymDiff designs than designs from unconstrained sampling are predicted to fold "
     "into the intended assembly.",
     "Unconstrained sampling gives a higher share of designs predicted to fold into the "
     "intended assembly than SymDiff."),
    (MAREN, "lindqvist2022contrastive",
     "CellCLR outperforms scVI and SAMap at transferring cell-type labels from mouse to "
     "human.",
     "scVI and SAMap outperform CellCLR at transferring cell-type labels from mouse to "
     "human."),
    (ZEWEN, "liu2024flashback",
     "The inference speed of FlashBack is up to 4x faster than the prepending counterpart.",
     "The prepending counterpart runs inference up to 4x faster than FlashBack."),
    (ZEWEN, "chi2023measuring",
     "IGap outperforms baseline metrics for transferability measuring.",
     "Baseline metrics outperform IGap for transferability measuring."),
    (ZEWEN, "chi2022representation",
     "The method achieves more consistent routing than the baseline mixture-of-experts "
     "methods.",
     "The baseline mixture-of-experts methods achieve more consistent routing than the "
     "proposed method."),
]


@pytest.mark.parametrize("profile,key,faithful,turned", CASES,
                         ids=[c[1] for c in CASES])
def test_a_comparison_the_papers_way_round_passes(profile: str, key: str, faithful: str,
                                                  turned: str) -> None:
    check = eval_verifier(profile).check(faithful, [key])
    assert check.supported, check.reasons


@pytest.mark.parametrize("profile,key,faithful,turned", CASES,
                         ids=[c[1] for c in CASES])
def test_a_comparison_turned_round_fails(profile: str, key: str, faithful: str,
                                         turned: str) -> None:
    check = eval_verifier(profile).check(turned, [key])
    assert not check.supported
    assert any("turns round the comparison" in r for r in check.reasons), check.reasons


# "all" where the paper says "most", "mostly" or "largely" about the same thing. New
# sentences, none in evals/checker_families.jsonl (whose two such sentences the rule was
# written against).
EXTENT = [
    (MAREN, "farouk2025foundation",
     "Fine-tuning on 1,000 labelled cells recovers most of the gap.",
     "Fine-tuning on 1,000 labelled cells recovers all of the gap."),
    (ZEWEN, "ma2020xlmt",
     "Most existing multilingual machine translation systems adopt a randomly initialized "
     "Transformer backbone.",
     "All multilingual machine translation systems adopt a randomly initialized "
     "Transformer backbone."),
    (ZEWEN, "hao2022language",
     "Most pretrained models are still developed for specific tasks or modalities.",
     "All pretrained models are still developed for specific tasks or modalities."),
]


@pytest.mark.parametrize("profile,key,faithful,overclaim", EXTENT, ids=[c[1] for c in EXTENT])
def test_all_where_the_paper_says_most_fails(profile: str, key: str, faithful: str,
                                             overclaim: str) -> None:
    verifier = eval_verifier(profile)
    assert verifier.check(faithful, [key]).supported
    check = verifier.check(overclaim, [key])
    assert not check.supported
    assert any('"all" contradicts' in r.lower() for r in check.reasons), check.reasons
