"""Rules that let a true paraphrase of a paper pass, each with the contradiction or invention
of the same shape that must still fail (issue 15, measured on SciFact's train claims; the
papers here are fictional)."""

from __future__ import annotations

import pytest

from agent.analyze import analyze
from agent.verify import Verifier
from agent.verify.analysis import _analyse
from tests.verify.test_meaning import paper, verifier_of


PAPERS = [
    paper("tanaka2023survey", "Untreated Mental Disorders in Eleven Countries",
          "Household surveys of 60,463 adults found that 76.3% to 85.4% of serious cases in "
          "less-developed countries received no treatment in the 12 months before the "
          "interview."),
    # Another paper states 76 exactly, and RAD52 as a word of its own: the cited paper
    # must still be tested for them.
    paper("tanaka2023cohort", "A Cohort of 76 Households",
          "We follow 76 households for a decade; 76% of them own a car. RAD52 is mutated in "
          "two of them."),
    paper("tanaka2023telomere", "Mitotic DNA Synthesis at Telomeres",
          "Replication defects trigger mitotic DNA synthesis at telomeres in a RAD52-dependent, "
          "but RAD51-independent, manner."),
    paper("tanaka2023natsal", "Chlamydia in a National Survey",
          "Chlamydia prevalence was 1\u00b75% in women. Prevalence was highest in women aged "
          "16-24 years."),
    paper("tanaka2023folate", "Folic Acid in Kidney Disease",
          "Participants received a daily capsule of 40 mg of folic acid or a placebo for "
          "3 years."),
    paper("tanaka2023anaemia", "Erythrocyte Counts and Malarial Anaemia",
          "Increased erythrocyte counts protect children against severe malarial anaemia. "
          "The genotype of the host shapes how children respond to tamoxifen-like drugs."),
    paper("tanaka2023mtdna", "Circulating Mitochondrial DNA in Intensive Care",
          "Elevated cell-free mitochondrial DNA levels were associated with mortality in "
          "intensive care patients."),
    paper("tanaka2023reserve", "Ovarian Reserve and Fertility",
          "Biomarkers indicating diminished ovarian reserve were not associated with "
          "infertility in women trying to conceive."),
    paper("tanaka2023tdp", "Mitochondrial Import of TDP-43",
          "TDP-43-induced toxicity kills neurons. Blocking mitochondrial import prevents "
          "neuronal loss in mice."),
    paper("tanaka2023rpl38", "Ribosomal Protein Rpl38 and Hox Translation",
          "Loss of Rpl38 changes the translation of Hox mRNAs, while overall protein "
          "synthesis in the embryo remained unchanged."),
    paper("tanaka2023folic", "Folic Acid and Mortality in Kidney Disease",
          "High doses of folic acid had no significant effect on mortality in patients with "
          "advanced kidney disease."),
    paper("tanaka2023screen", "Early Screening for Patent Ductus Arteriosus",
          "Screened infants were treated more frequently during their hospitalization. Early "
          "screening was associated with lower in-hospital mortality among preterm infants."),
    paper("tanaka2023ampk", "Metformin Reverses Lung Fibrosis",
          "Pharmacological activation of AMPK lowers fibrotic activity in mouse lungs."),
    paper("tanaka2023homocysteine", "Folic Acid Supplements and Homocysteine",
          "Folic acid supplements lowered homocysteine levels in older adults."),
    paper("tanaka2023fanconi", "Fanconi Anaemia Registries",
          "FA is a rare inherited disorder; we describe two national registries."),
    paper("tanaka2023tmao", "Dietary Carnitine and Trimethylamine-N-Oxide",
          "Omnivores produced more trimethylamine-N-oxide from dietary carnitine than vegans."),
    paper("tanaka2023birthweight", "Birth Weight and Breast Cancer",
          "Birth weight was positively associated with breast cancer risk in later life."),
    paper("tanaka2023klf", "KLF2 Represses Inflammatory Genes",
          "KLF2 represses inflammatory gene expression in endothelial cells. Knockdown of A20 "
          "slowed tumor progression in xenograft models."),
    paper("tanaka2023lrh1", "LRH-1 in the Endometrium",
          "NR5A2 has indispensable roles in the development of endometrial tissue."),
    paper("tanaka2023blm", "The Bloom Syndrome Gene",
          "BLM encodes a homologue of the RecQ helicases, a family of DNA helicases."),
    paper("tanaka2023g4", "G-Quadruplexes at Telomeres",
          "Treatment with the G4-stabilizing compound pyridostatin increases telomere "
          "fragility."),
    paper("tanaka2023nemo", "NEMO in the Intestine",
          "Inhibition of RIP kinase activity by NEMO prevents intestinal inflammation."),
    paper("tanaka2023ifn", "Interferon-\u03b3 in Myocarditis",
          "Mice lacking Interferon-\u03b3 or its receptor developed severe myocarditis."),
    paper("tanaka2023brca", "Location of BRCA1 Mutations and Cancer Risk",
          "Breast and ovarian cancer risks of BRCA1 carriers varied by where the mutation "
          "lies."),
    paper("tanaka2023cbt", "Cognitive Behavioural Therapy for Insomnia",
          "In a randomised trial of 200 adults, cognitive behavioural therapy improved sleep "
          "onset in insomnia."),
    paper("tanaka2023abpm", "Clinic and Ambulatory Blood Pressure",
          "Clinic measurements were not accurate at diagnosing hypertension, and ambulatory "
          "monitoring was not related to age."),
    paper("tanaka2023macro", "Innate Immune Cells in Tissue Repair",
          "Innate immune cells induced tissue repair in damaged mouse muscle."),
    # Issue 15, third pass: a reversing prefix, Greek letters spelled out, a prefix's
    # negation made about something else.
    paper("tanaka2023sleep", "Habits and Sleep in Adolescents",
          "Screen time was associated with poor sleep in adolescents. Caffeine intake was "
          "not related to sleep."),
    paper("tanaka2023phosphatase", "Phosphatase Loss in Liver Cells",
          "Loss of the phosphatase activates the stress kinase pathway in liver cells."),
    paper("tanaka2023arthritis", "Interferon and Arthritis in Mice",
          "Mice deficient in interferon (IFN)-gamma developed severe arthritis. NF-kappaB "
          "signalling rose in their joints."),
]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    return verifier_of(*PAPERS)


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # A figure the cited paper gives more precisely is found though another paper states
    # it exactly (the probe index looks within rounding, not only at the exact value).
    ("In less-developed countries, 76% of serious cases received no treatment.",
     "tanaka2023survey", True),
    ("In less-developed countries, 74% of serious cases received no treatment.",
     "tanaka2023survey", False),
    # A name the paper writes inside a longer token ("RAD52-dependent").
    ("Mitotic DNA synthesis at telomeres depends on RAD52.", "tanaka2023telomere", True),
    ("Mitotic DNA synthesis at telomeres depends on RAD54.", "tanaka2023telomere", False),
])
def test_the_cited_paper_is_always_tested_for_an_anchor(verifier: Verifier, sentence: str,
                                                        key: str, supported: bool) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("sentence", "anchor"), [
    ("In less-developed countries, 76% of serious cases received no treatment.", "76%"),
    ("Mitotic DNA synthesis at telomeres depends on RAD52.", "RAD52"),
])
def test_the_probe_index_finds_every_paper_that_states_an_anchor(verifier: Verifier,
                                                                 sentence: str,
                                                                 anchor: str) -> None:
    # Another paper states each exactly; the one that states it within rounding, or
    # inside a longer token, must be found too (it was missed: the index only sent the
    # exact matches to be tested, and looked further only when there were none).
    sent = _analyse(verifier._ctx, sentence)
    found = {a.text: keys for a, keys in sent.papers_with.items()}
    assert found[anchor] == {"tanaka2023cohort",
                             "tanaka2023survey" if anchor == "76%" else "tanaka2023telomere"}


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # The second figure of a range is a figure: "16-24" states 24.
    ("Chlamydia was most prevalent in women aged 16 to 24.", "tanaka2023natsal", True),
    ("Chlamydia was most prevalent in women aged 16 to 29.", "tanaka2023natsal", False),
    # A decimal point written as a middle dot.
    ("Chlamydia prevalence in women was 1.5%.", "tanaka2023natsal", True),
    ("Chlamydia prevalence in women was 1.9%.", "tanaka2023natsal", False),
    # A unit glued to its figure: the figure, not a name.
    ("Patients received 40mg/day of folic acid or a placebo.", "tanaka2023folate", True),
    ("Patients received 80mg/day of folic acid or a placebo.", "tanaka2023folate", False),
])
def test_figures_written_differently(verifier: Verifier, sentence: str, key: str,
                                     supported: bool) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons
    if not supported:
        assert "number" in check.kinds


@pytest.mark.parametrize(("sentence", "supported"), [
    # Words that share a judgement word's first six letters judge nothing: "high" is no
    # "highly", "influences" (a verb) no "influential", "transferred" no "transformative".
    ("A high erythrocyte count protects children against severe malarial anaemia.", True),
    ("The host genotype influences how children respond to tamoxifen-like drugs.", True),
    ("Erythrocyte counts transferred from the host protect children against severe "
     "malarial anaemia.", True),
    # A judgement the papers do not make still fails, in any inflection.
    ("A groundbreaking study shows that increased erythrocyte counts protect children "
     "against severe malarial anaemia.", False),
    ("Her influential work shows that increased erythrocyte counts protect children "
     "against severe malarial anaemia.", False),
    ("The award-winning work shows that increased erythrocyte counts protect children "
     "against severe malarial anaemia.", False),
    ("In a widely cited paper, increased erythrocyte counts protect children against "
     "severe malarial anaemia.", False),
])
def test_judgements_are_told_by_the_word_not_its_stem(verifier: Verifier, sentence: str,
                                                      supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023anaemia"])
    assert check.supported is supported, check.reasons
    if not supported:
        assert "judgement" in check.kinds


@pytest.mark.parametrize(("sentence", "key", "supported", "kind"), [
    # "cell-free" says what the DNA is free of; it negates nothing that follows.
    ("Elevated cell-free mitochondrial DNA levels are associated with mortality.",
     "tanaka2023mtdna", True, None),
    ("Elevated cell-free mitochondrial DNA levels are not associated with mortality.",
     "tanaka2023mtdna", False, "negation"),
    # "not solely" negates the scope of the claim, as "not only" does.
    ("A diminished ovarian reserve does not solely indicate infertility.",
     "tanaka2023reserve", True, None),
    # A negation governs the word a hyphenated compound modifies, not the compound.
    ("Blocking mitochondrial import prevents TDP-43-induced neuronal loss in mice.",
     "tanaka2023tdp", True, None),
    ("Blocking mitochondrial import prevents TDP-43-induced toxicity in mice.",
     "tanaka2023tdp", False, "negation"),
    # A negated direction claims no change that way: "unchanged" and "no effect" bear it
    # out; the papers' saying it went that way contradicts it.
    ("Loss of Rpl38 does not lower overall protein synthesis in the embryo.",
     "tanaka2023rpl38", True, None),
    ("Loss of Rpl38 lowers overall protein synthesis in the embryo.",
     "tanaka2023rpl38", False, None),
    ("High doses of folic acid did not reduce mortality in advanced kidney disease.",
     "tanaka2023folic", True, None),
    ("High doses of folic acid reduced mortality in advanced kidney disease.",
     "tanaka2023folic", False, "direction"),
    # The papers' direction word that shares most of what the sentence's is about decides.
    ("Early screening decreases in-hospital mortality among preterm infants.",
     "tanaka2023screen", True, None),
    ("Early screening increases in-hospital mortality among preterm infants.",
     "tanaka2023screen", False, "polarity"),
])
def test_negation_and_direction(verifier: Verifier, sentence: str, key: str, supported: bool,
                                kind: str | None) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons
    if kind:
        assert kind in check.kinds


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # The sentence glosses the paper's own acronym: the expansion's words and the names
    # in it are stated where the short form is.
    ("AMP-activated protein kinase (AMPK) activation lowers fibrotic activity in mouse "
     "lungs.", "tanaka2023ampk", True),
    ("Mitochondrial permeability transition pore (MPTP) activation lowers fibrotic activity "
     "in mouse lungs.", "tanaka2023ampk", False),
    # A paper that holds the expansion's words states the short form, though another
    # paper uses the same letters for something else.
    ("Folic acid (FA) supplements lowered homocysteine levels in older adults.",
     "tanaka2023homocysteine", True),
    ("Folic acid (FA) supplements lowered homocysteine levels in older adults.",
     "tanaka2023fanconi", False),
    # An expansion stops at punctuation: "AMPK" defines nothing across "(FA)".
    ("Folic acid (FA) and AMPK-related lung fibrosis (AMPK) are lower in older adults.",
     "tanaka2023homocysteine", False),
])
def test_a_definition_glosses_the_papers_acronym(verifier: Verifier, sentence: str, key: str,
                                                 supported: bool) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    # A run of a compound's parts is the paper's name: "N-oxide" of
    # "trimethylamine-N-oxide".
    ("Omnivores produce more trimethylamine N-oxide from dietary carnitine than vegans.", True),
    ("Omnivores produce more trimethylamine N-sulfide from dietary carnitine than vegans.",
     False),
])
def test_a_name_inside_a_compound(verifier: Verifier, sentence: str, supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023tmao"])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("sentence", "key", "supported", "kind"), [
    # The sign of an association is a fact.
    ("Birth weight is positively associated with breast cancer risk.",
     "tanaka2023birthweight", True, None),
    ("Birth weight is negatively associated with breast cancer risk.",
     "tanaka2023birthweight", False, "contrast"),
    # Verbs of direction a claim may turn round.
    ("KLF2 represses inflammatory gene expression in endothelial cells.", "tanaka2023klf",
     True, None),
    ("KLF2 increases inflammatory gene expression in endothelial cells.", "tanaka2023klf",
     False, "polarity"),
    ("Knockdown of A20 slows tumor progression in xenograft models.", "tanaka2023klf",
     True, None),
    ("Knockdown of A20 accelerates tumor progression in xenograft models.", "tanaka2023klf",
     False, "polarity"),
])
def test_contradictions_in_other_words(verifier: Verifier, sentence: str, key: str,
                                       supported: bool, kind: str | None) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons
    if kind:
        assert kind in check.kinds


@pytest.mark.parametrize(("sentence", "supported"), [
    # A negated light verb negates the noun it carries.
    ("NR5A2 plays a role in the development of endometrial tissue.", True),
    ("NR5A2 does not play a role in the development of endometrial tissue.", False),
])
def test_a_negated_light_verb_negates_its_noun(verifier: Verifier, sentence: str,
                                               supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023lrh1"])
    assert check.supported is supported, check.reasons
    if not supported:
        assert "negation" in check.kinds


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # A hyphenated word of a multiword name: "RecQ" is the paper's, "class" a word.
    ("BLM encodes a RecQ-class DNA helicase.", "tanaka2023blm", True),
    ("BLM encodes a RecX-class DNA helicase.", "tanaka2023blm", False),
    # "the G4-stabilizing compound pyridostatin": pyridostatin stabilizes G4.
    ("Pyridostatin stabilizes G4 at telomeres.", "tanaka2023g4", True),
    ("Pyridostatin destabilizes G4 at telomeres.", "tanaka2023g4", False),
    # A negation ends at "by": the means is not negated.
    ("NEMO prevents intestinal inflammation by inhibiting RIP kinase activity.",
     "tanaka2023nemo", True),
    ("NEMO prevents intestinal inflammation by increasing RIP kinase activity.",
     "tanaka2023nemo", False),
    # "lack Interferon-\u03b3 or its receptor" names what the mice lack.
    ("Mice that lack Interferon-\u03b3 or its receptor develop severe myocarditis.",
     "tanaka2023ifn", True),
    ("Mice that lack Interferon-\u03b3 or its receptor never develop severe myocarditis.",
     "tanaka2023ifn", False),
])
def test_names_and_scopes_of_compounds(verifier: Verifier, sentence: str, key: str,
                                       supported: bool) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    # A numbered name written with a space, or the family without its number.
    ("The cancer risks of BRCA 1 carriers vary by where the mutation lies.", True),
    ("The cancer risks of BRCA carriers vary by where the mutation lies.", True),
    ("The cancer risks of BRCA 2 carriers vary by where the mutation lies.", False),
    ("The cancer risks of PALB2 carriers vary by where the mutation lies.", False),
])
def test_a_numbered_name(verifier: Verifier, sentence: str, supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023brca"])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # A word negated by its prefix is a negation the papers must make.
    ("Cognitive behavioural therapy is an ineffective treatment for insomnia.",
     "tanaka2023cbt", False),
    ("Clinic measurements are inaccurate at diagnosing hypertension.", "tanaka2023abpm",
     True),
    ("Ambulatory monitoring is unrelated to age.", "tanaka2023abpm", True),
    ("Ambulatory monitoring is incapable of diagnosing hypertension.", "tanaka2023abpm",
     False),
    # Words that only begin like a negation negate nothing.
    ("Innate immune cells induced tissue repair in damaged muscle.", "tanaka2023macro", True),
])
def test_a_word_negated_by_its_prefix(verifier: Verifier, sentence: str, key: str,
                                      supported: bool) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons
    if not supported:
        assert "negation" in check.kinds


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    # "de-" undoes the word it is put before.
    ("Loss of the phosphatase activates the stress kinase pathway.", "tanaka2023phosphatase",
     True),
    ("Loss of the phosphatase deactivates the stress kinase pathway.",
     "tanaka2023phosphatase", False),
])
def test_a_reversing_prefix(verifier: Verifier, sentence: str, key: str,
                            supported: bool) -> None:
    check = verifier.check(sentence, [key])
    assert check.supported is supported, check.reasons
    if not supported:
        assert "contrast" in check.kinds


def test_a_reversing_prefix_needs_the_same_word() -> None:
    from agent.verify.lexicon import _opposite

    assert _opposite("deactivates", "activation")
    assert _opposite("destabilized", "stabilizes")
    # One six-letter stem, two words; and a word that only begins like the prefix.
    assert not _opposite("dephosphorylated", "phosphonic")
    assert not _opposite("design", "sign")


@pytest.mark.parametrize(("sentence", "supported"), [
    # A Greek letter the paper spells out ("IFN-gamma", "NF-kappaB") is the same letter.
    ("Mice lacking IFN-\u03b3 developed severe arthritis.", True),
    ("Mice lacking Interferon-\u03b3 developed severe arthritis.", True),
    ("NF-\u03baB signalling rose in the joints of the mice.", True),
    ("NF-kB signalling rose in the joints of the mice.", True),
    # Another letter is another molecule.
    ("Mice lacking IFN-\u03b1 developed severe arthritis.", False),
    ("Mice lacking Interferon-\u03b2 developed severe arthritis.", False),
])
def test_greek_letters_spelled_out(verifier: Verifier, sentence: str, supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023arthritis"])
    assert check.supported is supported, check.reasons


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Caffeine intake is unrelated to sleep in adolescents.", True),
    # The paper's "not related" is about caffeine: of screen time it says the reverse.
    ("Screen time is unrelated to poor sleep in adolescents.", False),
])
def test_a_prefix_negation_made_about_the_same_thing(verifier: Verifier, sentence: str,
                                                     supported: bool) -> None:
    check = verifier.check(sentence, ["tanaka2023sleep"])
    assert check.supported is supported, check.reasons
    if not supported:
        assert "negation" in check.kinds


def test_a_definition_under_another_acronym_than_the_papers_fails() -> None:
    """The embedded model wrote "(OPB)" where the paper defines "(OPO)" for the same words;
    OPB reads as initials of the abstract's words, so only the paper's own definition
    tells them apart. A gloss the paper gives no acronym still stands (above)."""
    from agent.parse import load_profile
    from tests.conftest import EXAMPLE, EXAMPLE_AS_OF

    profile = load_profile(EXAMPLE, EXAMPLE_AS_OF)
    checker = Verifier(profile, analyze(profile))
    said = ('"On-Policy RL with Optimal Reward Baseline" (2025) proposes On-Policy RL with '
            "Optimal reward baseline ({}), a novel and simplified reinforcement learning "
            "algorithm designed to address these challenges.")
    assert checker.check(said.format("OPO"), ["hao2025onpolicy"]).supported
    wrong = checker.check(said.format("OPB"), ["hao2025onpolicy"])
    assert not wrong.supported and any('call it "OPO"' in r for r in wrong.reasons)
