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
HELENA = "evals/profiles/helena-kowalczyk.txt"

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
    # A comparison the paper makes the same way passes, though the paper's change words
    # speak of other things ("capped annual rent increases"): stop 51's second blind set.
    ("evals/profiles/isaura-penhallow-nkemelu.txt", "penhallownkemelu2017rent",
     "Sitting tenants in rent-capped buildings paid about 8% less rent than tenants in newer "
     "buildings.",
     "Tenants in newer uncovered buildings paid about 8% less rent than sitting tenants in "
     "rent-capped buildings."),
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


# "few" where the paper says "many" about the same thing, and the reverse; "few-shot" is
# no count. New sentences (the family's one such sentence is not among them).
COUNT = [
    (INES, "nwosu2024world",
     "Long-horizon tasks in homes require planning over many minutes of interaction.",
     "Long-horizon tasks in homes require planning over few minutes of interaction."),
    (MAREN, "berg2019batch",
     "Large single-cell atlases combine samples processed in many laboratories.",
     "Large single-cell atlases combine samples processed in few laboratories."),
    (MAREN, "lindqvist2020graph",
     "Regulators and targets are correlated through many indirect paths.",
     "Regulators and targets are correlated through few indirect paths."),
    (HELENA, "kowalczyk2023learning",
     "The model's errors double in arid ecosystems, where few towers exist.",
     "The model's errors double in arid ecosystems, where many towers exist."),
]


@pytest.mark.parametrize("profile,key,faithful,wrong,reason",
                         [(*c, '"all" contradicts') for c in EXTENT]
                         + [(*c, "contradicts") for c in COUNT],
                         ids=[c[1] for c in [*EXTENT, *COUNT]])
def test_a_part_or_a_count_said_the_other_way_fails(profile: str, key: str, faithful: str,
                                                    wrong: str, reason: str) -> None:
    """"all" where the paper says "most"; "few" where it says "many", and the reverse."""
    verifier = eval_verifier(profile)
    assert verifier.check(faithful, [key]).supported
    check = verifier.check(wrong, [key])
    assert not check.supported
    assert any(reason in r.lower() for r in check.reasons), check.reasons


@pytest.mark.parametrize("key,text", [
    ("nie2022unsupervised", "The method shows strong performance in the few-shot learning "
                            "setting."),
    ("huang2023language", "Kosmos-1 can perceive general modalities and learn in context "
                          "(few-shot)."),
])
def test_few_shot_is_no_count(key: str, text: str) -> None:
    assert eval_verifier(ZEWEN).check(text, [key]).supported

