"""The support tier reads meaning: words said in other words pass, a direction, scope or
priority the papers do not state fails, a sentence's own acronym definition counts, and
every check shows the evidence it was judged against (a fictional profile)."""

from __future__ import annotations

import datetime as dt

import pytest

from agent import similarity
from agent.analyze import analyze
from agent.models import DatePrecision, OwnerPosition, Paper, Profile
from agent.verify import Verifier


def paper(key: str, title: str, abstract: str) -> Paper:
    return Paper(key=key, title=title, abstract=abstract, authors=["Rosa Tanaka", "Ivo Berg"],
                 owner_position=OwnerPosition.FIRST, date=dt.date(2023, 5, 1),
                 date_precision=DatePrecision.DAY)


def verifier_of(*papers: Paper) -> Verifier:
    """A verifier over Rosa Tanaka's profile of just these papers."""
    profile = Profile(name="Rosa Tanaka", as_of=dt.date(2026, 1, 1), papers=list(papers))
    return Verifier(profile, analyze(profile))


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    papers = [
        paper("tanaka2023drugs", "Medication Side Effects in Older Adults",
              "We study adverse effects of common drugs in adults over seventy. Statins raise "
              "the risk of muscle pain in this group. Beta blockers were not linked to falls."),
        paper("tanaka2023coral", "Coral Bleaching Under Heat Stress",
              "Marine heatwaves increase coral bleaching on shallow reefs. We report that "
              "shading reduces bleaching by a third in field trials."),
        paper("tanaka2023kinase", "AMP-Activated Protein Kinase in Lung Fibrosis",
              "Activation of AMPK reduces fibrosis in mouse lungs after injury."),
        paper("tanaka2023nets", "A Graph Network for River Forecasting",
              "We propose RiverGNN, a graph network that forecasts river levels at 300 gauges "
              "and is the first model to use upstream rainfall radar."),
        paper("tanaka2023prion", "Abnormal Prion Protein in Appendix Samples",
              "We estimate that one in 2,000 people in the UK carry abnormal PrP, from 32,441 "
              "appendix samples; the assay's accuracy rose to 45.3%."),
        paper("tanaka2023speed", "Fast Flood Maps",
              "FloodNet maps a flood from 60 minutes of radar in under one second, 2x faster "
              "than a solver, and cuts error by 50% on 12 basins. It is 3.5 times smaller."),
    ]
    return verifier_of(*papers)


needs_similarity = pytest.mark.skipif(not similarity.available(),
                                      reason="wordllama is not installed")


@needs_similarity
def test_a_word_said_in_other_words_passes(verifier: Verifier) -> None:
    # "medications" is not in the paper; "drugs" is (cosine 0.65).
    sentence = "Common medications have adverse effects in adults over seventy."
    check = verifier.check(sentence, ["tanaka2023drugs"])
    assert check.supported, check.reasons
    assert check.support is not None and check.support >= 0.75


def test_without_similarity_the_same_sentence_needs_the_papers_words(
        verifier: Verifier, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(similarity, "best_matches",
                        lambda words, candidates: [(0.0, "")] * len(words))
    sentence = "Common medications have unwanted consequences in adults over seventy."
    assert not verifier.check(sentence, ["tanaka2023drugs"]).supported


@pytest.mark.parametrize(("sentence", "key", "supported", "kind"), [
    # a direction must be the papers' own
    ("Marine heatwaves increase coral bleaching on shallow reefs.", "tanaka2023coral", True,
     None),
    ("Marine heatwaves reduce coral bleaching on shallow reefs.", "tanaka2023coral", False,
     "polarity"),
    ("Beta blockers increase falls in adults over seventy.", "tanaka2023drugs", False,
     "direction"),
    # priority, exclusivity, completeness: claimed by the paper, or not at all
    ("RiverGNN is the first model to use upstream rainfall radar.", "tanaka2023nets", True,
     None),
    ("Shading is the first method to reduce coral bleaching in field trials.",
     "tanaka2023coral", False, "scope"),
    ("Shading reduces bleaching only on shallow reefs.", "tanaka2023coral", False, "scope"),
    ("Shading eliminates coral bleaching in field trials.", "tanaka2023coral", False, "scope"),
    ("RiverGNN achieves state-of-the-art river level forecasts at 300 gauges.",
     "tanaka2023nets", False, "scope"),
])
def test_direction_and_scope_must_be_stated(verifier: Verifier, sentence: str, key: str,
                                            supported: bool, kind: str | None) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported == supported, check.reasons
    if kind:
        assert kind in check.kinds, check.reasons


def test_an_acronym_the_sentence_defines_counts_for_its_expansion(verifier: Verifier) -> None:
    # The paper writes only "AMPK" and the title's words; the sentence defines it.
    ok = "AMP-activated protein kinase (AMPK) activation reduces fibrosis in mouse lungs."
    assert verifier.check(ok, ["tanaka2023kinase"]).supported
    # A name in parentheses that does not abbreviate the words before it is no definition.
    bad = "AMP-activated protein kinase (RiverGNN) activation reduces fibrosis in mouse lungs."
    assert not verifier.check(bad, ["tanaka2023kinase"]).supported


def test_every_check_shows_its_evidence(verifier: Verifier) -> None:
    sentence = ("Marine heatwaves increase coral bleaching on shallow reefs, and shading "
                "reduces bleaching by a third in field trials.")
    check = verifier.check(sentence, ["tanaka2023coral"])
    assert check.supported, check.reasons
    assert [e.key for e in check.evidence] == ["tanaka2023coral"] * len(check.evidence)
    texts = " ".join(e.text for e in check.evidence)
    assert "shading reduces bleaching" in texts.lower()
    assert all(e.clause and e.clause in sentence for e in check.evidence)
    assert all(0 < e.score <= 1 for e in check.evidence)


def test_uncertain_is_near_the_threshold_only(verifier: Verifier) -> None:
    sure = verifier.check("Marine heatwaves increase coral bleaching on shallow reefs.",
                          ["tanaka2023coral"])
    assert sure.supported and not sure.uncertain
    # A wrong number is an exact failure: no judge can rescue it.
    wrong = verifier.check("Shading reduces bleaching by a third at 40 reefs.",
                           ["tanaka2023coral"])
    assert not wrong.supported and not wrong.uncertain


@pytest.mark.parametrize(("sentence", "supported"), [
    ("FloodNet is twice as fast as a solver.", True),
    ("FloodNet is three times as fast as a solver.", False),
    ("FloodNet halves the error on 12 basins.", True),
    ("FloodNet cuts the error by a quarter on 12 basins.", False),
    ("FloodNet maps a flood from an hour of radar.", True),
    ("FloodNet maps a flood from a minute of radar.", False),
    ("FloodNet maps a flood in under a second.", True),
    ("FloodNet maps a flood in under a minute.", False),
    ("FloodNet is three and a half times smaller.", True),
])
def test_quantities_in_words_are_figures(verifier: Verifier, sentence: str,
                                         supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023speed"])
    assert check.supported == supported, check.reasons
    if not supported:
        assert "number" in check.kinds, check.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    # a ratio in any of its forms, and as a percentage
    ("1/2000 people in the UK carry abnormal PrP.", True),
    ("About 1 in 2000 people in the UK carry abnormal PrP.", True),
    ("0.05% of people in the UK carry abnormal PrP.", True),
    ("About 1 in 200 people in the UK carry abnormal PrP.", False),
    ("0.5% of people in the UK carry abnormal PrP.", False),
    # a figure rounded to the sentence's own precision
    ("The study used 32K appendix samples.", True),
    ("The study used 33K appendix samples.", False),
    ("The assay's accuracy rose to 45%.", True),
    ("The assay's accuracy rose to 47%.", False),
])
def test_number_formats_and_rounding(verifier: Verifier, sentence: str, supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023prion"])
    assert check.supported == supported, check.reasons
    if not supported:
        assert "number" in check.kinds, check.reasons


def test_a_comparison_turned_round_is_caught() -> None:
    papers = [paper("tanaka2024tides", "Tide Models Compared",
                    "TideFormer outperforms harmonic analysis at 40 harbour stations.")]
    verifier = verifier_of(*papers)
    right = verifier.check("TideFormer outperforms harmonic analysis at 40 harbour stations.",
                           ["tanaka2024tides"])
    assert right.supported, right.reasons
    turned = verifier.check("Harmonic analysis outperforms TideFormer at 40 harbour stations.",
                            ["tanaka2024tides"])
    assert not turned.supported
    assert "polarity" in turned.kinds and "turns round" in turned.reasons[0]


@needs_similarity
def test_a_word_with_a_negating_prefix_is_no_paraphrase() -> None:
    # "unlabeled" is near "labeled" to an embedding (cosine 0.75); to a reader, opposite.
    papers = [paper("tanaka2024phrases", "Phrase Retrieval Across Languages",
                    "We learn phrase representations for retrieval from unlabeled example "
                    "sentences in eight language pairs.")]
    verifier = verifier_of(*papers)
    check = verifier.check("Phrase representations for retrieval are learned from labeled "
                           "example sentences.", ["tanaka2024phrases"])
    assert not check.supported, check.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    # a negation that names what is absent (a knockout) negates no statement
    ("Mice lacking Sirt1 in neurons gain more weight on a high-fat diet.", True),
    ("Mice without FGF21 develop larger atherosclerotic plaques.", True),
    # a negation of what the paper states still fails
    ("Sirt1-deficient mice do not gain more weight on a high-fat diet.", False),
    # "give rise to" claims no direction
    ("Embryonic stem cells give rise to cells of all three germ layers.", True),
])
def test_negations_that_name_an_absence(sentence: str, supported: bool) -> None:
    papers = [paper("tanaka2024mice", "Neuronal Sirt1 and FGF21 in Obesity",
                    "Sirt1-deficient mice gain more weight on a high-fat diet, and FGF21 "
                    "knockout mice develop larger atherosclerotic plaques. Embryonic stem "
                    "cells differentiate into cells of all three germ layers.")]
    check = verifier_of(*papers).check(sentence, ["tanaka2024mice"])
    assert check.supported == supported, check.reasons


def test_a_direction_word_swapped_for_its_contrast_fails() -> None:
    # "lower" is a direction word, so no content word: the contrast table never saw it,
    # and "upper" is no direction word, so the polarity check did not either.
    verifier = verifier_of(paper(
        "tanaka2025energy", "Where Machine-Learned Weather Models Lose Energy",
        "The energy lost by machine-learned weather models is concentrated in the upper "
        "troposphere."))
    swapped = verifier.check("The energy lost by machine-learned weather models is "
                             "concentrated in the lower troposphere.", ["tanaka2025energy"])
    assert not swapped.supported and "contrast" in swapped.kinds
    assert verifier.check("The energy lost by machine-learned weather models is concentrated "
                          "in the upper troposphere.", ["tanaka2025energy"]).supported


def test_a_method_the_papers_never_name_is_no_forgiven_word(verifier: Verifier) -> None:
    # One missing word in a long sentence is a paraphrase's slack, but not when it is
    # what the work is said to use: the coral trials shade reefs, they use no drones.
    invented = verifier.check("The coral field trials use drones to reduce bleaching on "
                              "shallow reefs by a third under marine heatwaves.",
                              ["tanaka2023coral"])
    assert not invented.supported
    assert any("uses drones" in r for r in invented.reasons)
    told = verifier.check("The coral field trials use shading to reduce bleaching on "
                          "shallow reefs by a third under marine heatwaves.",
                          ["tanaka2023coral"])
    assert told.supported, told.reasons


def test_a_term_of_three_words_the_papers_never_use_is_invented() -> None:
    # Most of the sentence is the abstract's, so the share of meaning passes; the
    # technique is not: no paper of the profile names a recurrent neural network, nor marker
    # tracking and optical flow.
    verifier = verifier_of(paper(
        "tanaka2024pad", "A Tactile Foot for Legged Robots",
        "We present FootPad, a vision-based tactile sensor built into a robot foot from a "
        "silicone gel and a camera. FootPad measures contact shear and slip at 60 frames per "
        "second, and a quadruped using it detects slip 120 ms earlier than with joint "
        "torques alone."))
    for sentence, term in (
            ("FootPad measures contact shear and slip with a recurrent neural network at 60 "
             "frames per second.", "recurrent neural network"),
            ("FootPad measures contact shear and slip at 60 frames per second with marker "
             "tracking and optical flow.", "marker tracking and optical flow")):
        check = verifier.check(sentence, ["tanaka2024pad"])
        assert not check.supported
        assert any(f'names "{term}", a term missing' in r for r in check.reasons), check.reasons
    told = verifier.check("FootPad, a tactile sensor in a robot foot, measures contact shear "
                          "and slip at 60 frames per second.", ["tanaka2024pad"])
    assert told.supported, told.reasons
    # Two words a paraphrase may bring ("sensing pad") are no invented term.
    two = verifier.check("FootPad is a vision-based sensing pad in a robot foot that measures "
                         "contact shear and slip at 60 frames per second.", ["tanaka2024pad"])
    assert not any("names" in r for r in two.reasons), two.reasons


@pytest.mark.parametrize(("written", "said"), [
    ("opaque", "transparent"), ("matte", "reflective"), ("sharply", "gracefully"),
    ("rural", "urban"), ("acute", "chronic"), ("wet", "dry")])
def test_a_word_swapped_for_its_opposite_fails(written: str, said: str) -> None:
    verifier = verifier_of(paper(
        "tanaka2024swap", "Robots Under Test",
        f"Performance of the robot degrades {said} on {said} objects in {said} homes."))
    ok = verifier.check(f"Performance of the robot degrades {said} on {said} objects in "
                        f"{said} homes.", ["tanaka2024swap"])
    assert ok.supported, ok.reasons
    swapped = verifier.check(f"Performance of the robot degrades {said} on {written} objects "
                             f"in {said} homes.", ["tanaka2024swap"])
    assert not swapped.supported
    assert "contrast" in swapped.kinds, swapped.reasons


def test_authors_called_colleagues_are_framing(verifier: Verifier) -> None:
    # "Tanaka and colleagues" names the authors, as "et al." does: no claim of its own.
    for sentence in ("Tanaka and colleagues report that shading reduces bleaching by a third.",
                     "Relying on field trials, Tanaka and colleagues find that shading just about "
                     "cuts bleaching by a third."):
        check = verifier.check(sentence, ["tanaka2023coral"])
        assert check.supported, (sentence, check.reasons)


def test_wordnet_antonyms_are_read_by_lemma() -> None:
    from agent.verify import wordnet
    from agent.verify.lexicon import _stem

    def opposite(word: str) -> set[str]:
        return set(wordnet.opposites(_stem(word), word).values())

    assert "early" in opposite("late")
    assert "overestimate" in opposite("underestimated")  # an inflection of the lemma
    assert "obligatory" in opposite("optional")
    assert "high" in opposite("lowest")
    # Same six-letter stem, another word: "organic"/"functional" is no pair for it.
    assert not opposite("organization")
    # A prefix's negation is the negation check's; a particle is no word.
    assert "cover" not in opposite("uncovering") and not opposite("pro")


def test_a_word_swapped_for_its_wordnet_antonym_fails() -> None:
    verifier = verifier_of(paper(
        "tanaka2024align", "Forced Alignment for a Small Language",
        "Errors mostly involve early closure onsets following high front vowels. The "
        "survey systematically overestimated the thickness of the mixing zone."))
    for sentence in ("Aligner errors mostly involve late closure onsets following high front "
                     "vowels.",
                     "The survey systematically underestimated the thickness of the mixing "
                     "zone."):
        check = verifier.check(sentence, ["tanaka2024align"])
        assert not check.supported and "contrast" in check.kinds, (sentence, check.reasons)
    assert verifier.check("Aligner errors mostly involve early closure onsets following high "
                          "front vowels.", ["tanaka2024align"]).supported


def test_a_prefix_negates_only_where_english_puts_it() -> None:
    from agent.verify import spelling

    if spelling._dictionary() is None:
        pytest.skip("pyspellchecker is not installed")
    assert spelling.negated_word("imaged") is None  # "im-" comes before b, m or p
    assert spelling.negated_word("impossible") == "possible"
    assert spelling.negated_word("illegal") == "legal"


def test_a_negating_word_the_papers_use_is_theirs() -> None:
    # "uncertainty" is in the 2025 abstract; the windows aligned with the sentence may not
    # hold it, but the paper says it, so it negates nothing the papers do not.
    verifier = verifier_of(
        paper("tanaka2023reserve", "Freshened Groundwater Beneath the Wadden Sea",
              "Paleo-hydrogeological simulations trace 82% of the offshore freshened "
              "groundwater to meteoric recharge before the Holocene."),
        paper("tanaka2025joint", "Joint Inversion of CSEM and Seismic Data",
              "The updated volume is 1.4 km3, narrower than the previous estimate. Synthetic "
              "tests show where the prior contributes most to the reduction in uncertainty."))
    check = verifier.check("Simulations trace 82% of the offshore freshened groundwater to "
                           "meteoric recharge, and a joint inversion put its volume at 1.4 km3 "
                           "with less uncertainty.", ["tanaka2023reserve", "tanaka2025joint"])
    assert "negation" not in check.kinds, check.reasons


def test_every_needs_a_paper_that_quantifies_the_same_thing() -> None:
    verifier = verifier_of(paper(
        "tanaka2020plots", "Raised Ditch Levels and Rainwater Lenses",
        "Lens thickness was measured every six months by sounding. Raising ditch "
        "levels had no significant effect on lens thickness. Tile drains were present in 9 of "
        "the 12 treatment plots. All four farms kept their drains."))
    every = verifier.check("Tile drains were present in every treatment plot.",
                           ["tanaka2020plots"])
    assert not every.supported and "scope" in every.kinds, every.reasons
    said = verifier.check("Drains were kept on all four farms, and lens thickness was measured "
                          "every six months.", ["tanaka2020plots"])
    assert "scope" not in said.kinds, said.reasons
    anywhere = verifier.check("Raising ditch levels had no significant effect on lens "
                              "thickness anywhere in the delta.", ["tanaka2020plots"])
    assert "scope" in anywhere.kinds, anywhere.reasons


def test_a_cause_needs_a_paper_that_speaks_of_causes() -> None:
    verifier = verifier_of(
        paper("tanaka2019pines", "Recharge Decline on a Barrier Island",
              "The recharge decline is associated with maturing pine plantations and "
              "increased interception."),
        paper("tanaka2019storms", "Storms and Dunes",
              "Winter storms caused the erosion of the outer dunes."))
    caused = verifier.check("Maturing pine plantations caused the recharge decline.",
                            ["tanaka2019pines"])
    assert not caused.supported
    assert any("claims a cause" in r for r in caused.reasons), caused.reasons
    assert verifier.check("Winter storms caused the erosion of the outer dunes.",
                          ["tanaka2019storms"]).supported


def test_a_hedge_is_no_claim() -> None:
    verifier = verifier_of(paper(
        "tanaka2012stops", "Release Bursts of Linguolabial Stops",
        "The centre of gravity of the release burst separates bilabial, linguolabial and "
        "alveolar stops, at 1.9, 3.1 and 4.6 kHz."))
    check = verifier.check("The release burst's centre of gravity separates bilabial, "
                           "linguolabial and alveolar stops, at roughly 1.9, 3.1 and 4.6 kHz "
                           "respectively.", ["tanaka2012stops"])
    assert check.supported, check.reasons


def test_a_fraction_in_words_needs_the_papers_figure() -> None:
    verifier = verifier_of(
        paper("tanaka2018peg", "Insertion With Force Feedback",
              "The policy succeeds in 94% of trials with 0.1 mm clearance."),
        paper("tanaka2019cheap", "A Cheap Policy", "The policy costs 10% of the baseline's "
              "compute."))
    wrong = verifier.check("The policy succeeds in 94% of trials with a clearance of a tenth "
                           "of a centimetre.", ["tanaka2018peg"])
    assert any('quantity "a tenth"' in r for r in wrong.reasons), wrong.reasons
    right = verifier.check("The policy costs a tenth of the baseline's compute.",
                           ["tanaka2019cheap"])
    assert right.supported, right.reasons


def test_a_comparator_the_papers_never_name_is_invented() -> None:
    verifier = verifier_of(paper(
        "tanaka2019tables", "Table Structure Recognition",
        "We propose GraphTSR, a graph neural network that recognizes the structure of tables "
        "in PDF files, and SciTSR, a dataset of 15,000 tables. GraphTSR outperforms "
        "state-of-the-art baselines on SciTSR."))
    invented = verifier.check("GraphTSR is compared against a rule-based heuristic baseline "
                              "as well as state-of-the-art methods on SciTSR.",
                              ["tanaka2019tables"])
    assert any('compares the work with "a rule-based heuristic baseline' in r or
               'compares the work with "rule-based heuristic baseline' in r
               for r in invented.reasons), invented.reasons
    told = verifier.check("GraphTSR outperforms state-of-the-art baselines on SciTSR, a "
                          "dataset of 15,000 tables.", ["tanaka2019tables"])
    assert told.supported, told.reasons


def test_what_blind_sentences_showed_true_is_not_flagged() -> None:
    verifier = verifier_of(
        paper("tanaka2012shake", "Shake-Table Tests of a Masonry Wall",
              "The diaphragm amplified the wall-top acceleration by a factor of 1.6 to 2.3."),
        paper("tanaka2021ulcers", "A Cluster Randomised Trial on Pressure Ulcers",
              "Incidence of ulcers was 6.1% in intervention wards and 6.8% in control wards, a "
              "difference that was not statistically significant."),
        paper("tanaka2019lens", "Reanalysis of a Freshwater Lens",
              "We withdraw the earlier attribution to sea-level rise: sensor drift explains "
              "most of the thinning, which we revise to 0.8 cm per year."))
    for sentence, key in (
            ("The diaphragm amplified wall-top acceleration 1.6 to 2.3 times.", "tanaka2012shake"),
            ("Ulcers occurred in 6.1% of patients on intervention wards and 6.8% on control "
             "wards, a non-significant difference.", "tanaka2021ulcers"),
            ("The reanalysis withdrew the attribution to sea-level rise after uncovering sensor "
             "drift, revising the thinning to 0.8 cm per year.", "tanaka2019lens")):
        check = verifier.check(sentence, [key])
        assert check.supported, (sentence, check.reasons)
    # ... and their opposites still are.
    turned = verifier.check("Ulcers occurred in 6.1% of patients on intervention wards and "
                            "6.8% on control wards, a significant difference.",
                            ["tanaka2021ulcers"])
    assert not turned.supported and "negation" in turned.kinds, turned.reasons
    scaled = verifier.check("The diaphragm amplified wall-top acceleration 1.6 to 3.3 times.",
                            ["tanaka2012shake"])
    assert not scaled.supported, scaled.reasons


def test_a_superlative_turned_round_fails() -> None:
    verifier = verifier_of(paper(
        "tanaka2022wards", "Pressure Ulcers in Four Hospitals",
        "Prevalence was highest in geriatric (27.8%) and orthopaedic (24.1%) wards and lowest "
        "in maternity wards."))
    turned = verifier.check("Pressure ulcer prevalence was lowest on geriatric and orthopaedic "
                            "wards.", ["tanaka2022wards"])
    assert not turned.supported and "polarity" in turned.kinds, turned.reasons
    assert verifier.check("Pressure ulcer prevalence was highest on geriatric and orthopaedic "
                          "wards.", ["tanaka2022wards"]).supported
    # "at least" is no superlative.
    assert verifier.check("Prevalence was at least 24.1% on geriatric and orthopaedic wards.",
                          ["tanaka2022wards"]).supported


def test_a_word_of_a_name_is_not_what_a_paper_negates() -> None:
    verifier = verifier_of(paper(
        "tanaka2024timber", "Monitoring a Timber Building",
        "Frequencies were 30% higher than predicted, which we attribute to non-structural "
        "partitions."))
    named = verifier.check("Tanaka's 2024 monitoring of a timber building appeared in the "
                           "Journal of Civil Structural Health Monitoring.", ["tanaka2024timber"])
    assert "negation" not in named.kinds, named.reasons
    plain = verifier.check("Frequencies were 30% higher than predicted because of structural "
                           "partitions.", ["tanaka2024timber"])
    assert "negation" in plain.kinds, plain.reasons


def test_figures_compared_in_a_list_state_the_direction() -> None:
    verifier = verifier_of(paper(
        "tanaka2026damage", "Damage Localisation With an Autoencoder",
        "The autoencoder identified the damaged storey in 23 of 26 comparisons (88%) and the "
        "damaged wall line in 17 of 26 (65%), compared with 62% and 42% for modal flexibility "
        "and 54% and 35% for mode-shape curvature."))
    better = verifier.check("The autoencoder identified the damaged storey in 88% of "
                            "comparisons, outperforming modal flexibility.", ["tanaka2026damage"])
    assert better.supported, better.reasons
    turned = verifier.check("Modal flexibility identified the damaged wall line more often than "
                            "the autoencoder did.", ["tanaka2026damage"])
    assert not turned.supported, turned.reasons


def test_a_contrast_the_sentence_draws_itself_is_no_negation_of_the_papers() -> None:
    verifier = verifier_of(paper(
        "okafor2024splicing", "Spliceosome Binding Stabilises Pre-mRNA",
        "Pre-mRNAs in association with spliceosomal components had half-lives three times "
        "those of free splicing substrates in yeast extracts."))
    own = verifier.check("Pre-mRNAs associated with spliceosomal components are more stable "
                         "than unassociated splicing substrates.", ["okafor2024splicing"])
    assert own.supported, own.reasons
    flipped = verifier.check("Pre-mRNAs unassociated with spliceosomal components are more "
                             "stable than free splicing substrates.", ["okafor2024splicing"])
    assert not flipped.supported


def test_a_contrast_word_the_papers_negate_the_other_side_of_is_theirs() -> None:
    abstract = ("A specific exercise strategy, targeting the rotator cuff, improved shoulder "
                "function more than unspecific movement exercises in 97 patients.")
    verifier = verifier_of(paper("holm2012exercise", "Specific Exercise for Impingement",
                                 abstract))
    general = verifier.check("Rotator cuff exercises improved shoulder function more than "
                             "general movement exercises.", ["holm2012exercise"])
    assert general.supported, general.reasons
    alone = verifier_of(paper("holm2012exercise", "Specific Exercise for Impingement",
                              abstract.replace("unspecific", "standard")))
    swapped = alone.check("A general exercise strategy, targeting the rotator cuff, improved "
                          "shoulder function in 97 patients.", ["holm2012exercise"])
    assert not swapped.supported


def test_wordnet_synonyms_of_the_commonest_senses_only() -> None:
    from agent.verify import wordnet
    from agent.verify.lexicon import _stem

    assert _stem("hard") in wordnet.synonyms("difficult")
    assert _stem("undesirable") in wordnet.synonyms("unwanted")
    assert _stem("bowel") in wordnet.synonyms("gut")  # a noun
    assert _stem("cut") in wordnet.synonyms("reduces")  # an inflection of the lemma
    # A field is a "study" only in its rarer senses; a cell has no synonym in its commonest.
    assert _stem("study") not in wordnet.synonyms("field")
    assert not wordnet.synonyms("cell") and not wordnet.synonyms("xyzzy")


def test_figures_swapped_between_what_they_measure_fail() -> None:
    # Found on a fictional quantum-computing record (arXiv feed): the embedded model wrote
    # the two error rates the wrong way round, and every figure and word was the paper's.
    verifier = verifier_of(paper(
        "mwangidahl2022random", "Random Circuit Sampling on a 60-Qubit Processor",
        "We report random circuit sampling on Merrow, a 60-qubit superconducting processor "
        "with tunable couplers, a median two-qubit gate error of 0.62% and a median readout "
        "error of 1.9%. Isolated gates over 4 pairs reached 1.2% error, and 22 cycles took "
        "3.1 hours on 64 GPUs."))
    swapped = verifier.check(
        "Merrow is a 60-qubit superconducting processor with a median two-qubit gate error of "
        "1.9%, and a median readout error of 0.62%.", ["mwangidahl2022random"])
    assert not swapped.supported
    assert any('"1.9%" is what the cited papers give for "a median readout error of"' in r
               for r in swapped.reasons), swapped.reasons
    for sentence in (
            "Merrow is a 60-qubit superconducting processor with a median two-qubit gate error "
            "of 0.62% and a median readout error of 1.9%.",
            # The figures before what they measure, and the order of the items turned round.
            "Merrow's median errors are 1.9% for readout and 0.62% for two-qubit gates.",
            # One figure only: no swap to tell (another check weighs a lone figure).
            "Merrow has a median readout error of 1.9%.",
            "Twenty-two cycles took 3.1 hours on 64 GPUs."):
        check = verifier.check(sentence, ["mwangidahl2022random"])
        assert not any("is what the cited papers give for" in r for r in check.reasons), \
            (sentence, check.reasons)


def test_a_wordnet_synonym_of_the_papers_word_is_said() -> None:
    # Pairs the static embeddings put far apart ("unwanted"/"undesirable" 0.21,
    # "discard"/"dispose" 0.18): only WordNet says they mean the same.
    verifier = verifier_of(paper(
        "brandt2021anthrax", "Decontamination After an Anthrax Release",
        "Fumigated anthrax spores had undesirable effects on office workers, and porous "
        "materials had to be discarded in 40% of the buildings."))
    paraphrase = verifier.check("Fumigated anthrax spores had unwanted effects on office "
                                "workers, and porous materials had to be disposed of in 40% "
                                "of the buildings.", ["brandt2021anthrax"])
    assert paraphrase.supported, paraphrase.reasons
    # A prefixed word that is no synonym still negates: "unexpected" is not "undesirable".
    other = verifier.check("Fumigated anthrax spores had unexpected effects on office "
                           "workers, and porous materials had to be disposed of in 40% of "
                           "the buildings.", ["brandt2021anthrax"])
    assert not other.supported
    assert "unexpected" in " ".join(other.reasons)


def test_a_count_said_of_another_thing_fails() -> None:
    verifier = verifier_of(paper(
        "tanaka2023how", "How Many Labelled Cells Does Annotation Need?",
        "We train 2,400 classifiers on subsampled versions of 6 annotated atlases and fit "
        "learning curves to their accuracy. Rare types keep improving beyond 5,000 cells. "
        "Donors aged 18 to 83 gave 41 samples, and donors under 30 gave 12."))
    wrong = verifier.check("The number of cells is 2,400.", ["tanaka2023how"])
    assert any('"2,400" counts other things' in r for r in wrong.reasons), wrong.reasons
    annotated = verifier.check("They trained 2,400 annotated cells.", ["tanaka2023how"])
    assert any('"2,400" counts other things' in r for r in annotated.reasons)
    for sentence in ("They trained 2,400 cell-type classifiers.",
                     "They trained 2,400 models on six atlases.",  # a generic head
                     "Rare types keep improving beyond 5,000 labelled cells.",
                     "Donors aged 18 to 83 gave 41 samples.",  # a range's end counts nothing
                     "Donors under 30 gave 12 samples."):
        check = verifier.check(sentence, ["tanaka2023how"])
        assert not any("counts other things" in r for r in check.reasons), (sentence, check.reasons)


def test_a_change_said_the_other_way_round_fails() -> None:
    verifier = verifier_of(paper(
        "ngata2016anchors", "Cyclic Pull-Out of Adhesive Anchors",
        "The dominant failure mode shifted from cone breakout at 200 mm embedment to bond "
        "failure at 400 mm. Transcription time fell from 48.2 to 18.6 minutes per minute of "
        "audio, and translation ran from English to Bislama and from Bislama to English."))
    turned = verifier.check("The dominant failure mode shifted from bond failure at 200 mm "
                            "embedment to cone breakout at 400 mm.", ["ngata2016anchors"])
    assert any("turns the change round" in r for r in turned.reasons), turned.reasons
    for sentence in ("The dominant failure mode shifted from cone breakout at 200 mm to bond "
                     "failure at 400 mm embedment.",
                     "Transcription time fell from 48.2 to 18.6 minutes per minute of audio.",
                     "Translation ran from Bislama to English."):  # the paper says both ways
        check = verifier.check(sentence, ["ngata2016anchors"])
        assert not any("turns the change" in r for r in check.reasons), (sentence, check.reasons)
    rose = verifier.check("Transcription time rose from 18.6 to 48.2 minutes per minute of "
                          "audio.", ["ngata2016anchors"])
    assert not rose.supported


def test_a_rise_where_the_papers_say_the_same_thing_dropped_fails() -> None:
    verifier = verifier_of(paper(
        "hcv2009pregnancy", "Viral Fitness Across Pregnancy",
        "Increased HCV replication was seen in pregnancy. After childbirth, escape mutations "
        "again predominated and viral load dropped sharply."))
    rise = verifier.check("After childbirth, there was a sharp rise in HCV viral load.",
                          ["hcv2009pregnancy"])
    assert any('"rise" contradicts' in r for r in rise.reasons), rise.reasons
    drop = verifier.check("After childbirth, HCV viral load dropped sharply.",
                          ["hcv2009pregnancy"])
    assert drop.supported, drop.reasons


def test_all_but_two_is_no_ground_for_every() -> None:
    verifier = verifier_of(paper(
        "serotype2010bayes", "Bayesian Serotyping by Microarray",
        "All but two of the serotypes tested as individual samples were uniquely determined, "
        "and nearly all mixed samples were resolved."))
    every = verifier.check("Every serotype tested as an individual sample was uniquely "
                           "determined.", ["serotype2010bayes"])
    assert any("completeness" in r for r in every.reasons), every.reasons
    nearly = verifier.check("Nearly all mixed samples were resolved.", ["serotype2010bayes"])
    assert nearly.supported, nearly.reasons


def test_a_share_in_words_rounds_the_papers_percentage() -> None:
    verifier = verifier_of(paper(
        "onnv2005opal", "An Opal Codon Raises Infectivity of O'nyong-nyong Virus",
        "The opal virus infected 75.5% of Anopheles gambiae, against 39.8% for the arginine "
        "variant, and 30% of the mosquitoes disseminated it."))
    words = verifier.check("About three in four mosquitoes were infected by the opal virus, "
                           "against two in five for the arginine variant.", ["onnv2005opal"])
    assert words.supported, words.reasons
    far = verifier.check("One in three mosquitoes disseminated the virus.", ["onnv2005opal"])
    assert not far.supported  # 33.3% is no rounding of 30%
    year = verifier.check("He published three papers in 2020 and seven in 2021.",
                          ["onnv2005opal"])
    assert not any("seven in 2021" in r for r in year.reasons)


def test_a_word_whose_negation_the_papers_state_fails() -> None:
    verifier = verifier_of(paper(
        "taufa2023cyclic", "Cyclic Behaviour of Hold-Downs in CLT Construction",
        "Equivalent viscous damping ranged from 12% to 19% and was insensitive to the load "
        "combination. GRPO training showed instability on long code tasks."))
    turned = verifier.check("Equivalent viscous damping, between 12% and 19%, was strongly "
                            "sensitive to the load combination.", ["taufa2023cyclic"])
    assert any('"sensitive" where the cited papers say "insensitive"' in r
               for r in turned.reasons), turned.reasons
    for sentence in ("Equivalent viscous damping was not sensitive to the load combination.",
                     "A modified GRPO stabilises training on long code tasks."):  # a verb
        check = verifier.check(sentence, ["taufa2023cyclic"])
        assert not any("where the cited papers say" in r for r in check.reasons), \
            (sentence, check.reasons)


def test_a_bracketed_year_dates_the_name_before_it() -> None:
    def dated(key: str, year: int, title: str, abstract: str) -> Paper:
        return paper(key, title, abstract).model_copy(update={"date": dt.date(year, 5, 1)})

    verifier = verifier_of(
        dated("mendes2016airborne", 2016, "An Airborne Salinity Model of Zeeland",
              "The ZEEFRESH model maps groundwater salinity across Zeeland from an airborne "
              "electromagnetic survey."),
        dated("karrenbeld2017three", 2017, "Three-Dimensional Salinization of Zeeland",
              "ZEEFRESH-3D, a SEAWAT model with 32 million active cells, takes its initial "
              "salinity from the ZEEFRESH model and simulates salinization up to 2100."))
    keys = ["mendes2016airborne", "karrenbeld2017three"]
    grouped = verifier.check("The ZEEFRESH model of Zeeland (2016) supplied the initial "
                             "salinity of ZEEFRESH-3D, the 32-million-cell SEAWAT model of "
                             "2017 that simulates salinization up to 2100.", keys)
    assert grouped.supported, grouped.reasons
    # A year that dates no paper of the name before it still binds: SEAWAT is 2017's.
    wrong = verifier.check("SEAWAT (2016) simulates salinization of Zeeland up to 2100.", keys)
    assert not wrong.supported


def test_no_effect_of_a_change_does_not_deny_the_change() -> None:
    verifier = verifier_of(paper(
        "hoogendoorp2020no", "No significant effect of raised ditch water levels on "
        "rainwater lens thickness", "Over three years, lens thickness in the 12 treatment "
        "plots did not differ from the control plots."))
    raised = verifier.check("After ditch water levels were raised in 12 treatment plots, "
                            "rainwater lens thickness did not differ from the control plots.",
                            ["hoogendoorp2020no"])
    assert raised.supported, raised.reasons
    # The effect itself is still what the paper denies.
    effect = verifier.check("Raised ditch water levels had a significant effect on rainwater "
                            "lens thickness.", ["hoogendoorp2020no"])
    assert not effect.supported


def test_none_of_them_could_is_a_negation() -> None:
    verifier = verifier_of(paper(
        "tanaka2026damage", "Damage Localisation With an Autoencoder",
        "The autoencoder located the damaged storey in 23 of 26 tests. None of the methods "
        "could distinguish a yielded flexural plate from a damaged angle bracket at the same "
        "location."))
    flipped = verifier.check("The autoencoder could distinguish a yielded flexural plate from "
                             "a damaged angle bracket at the same location.", ["tanaka2026damage"])
    assert not flipped.supported
    said = verifier.check("No method could distinguish a yielded flexural plate from a damaged "
                          "angle bracket at the same location.", ["tanaka2026damage"])
    assert said.supported, said.reasons
