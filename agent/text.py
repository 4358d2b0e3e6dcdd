"""Word lists shared by the analysis, the retriever and the verifier, and how an abstract
falls into sentences and where it turns to its own work (the realizer and the verifier
read abstracts alike).

ENGLISH_STOP_WORDS is scikit-learn's English stop-word list (318 words, from the
Glasgow Information Retrieval Group; BSD-3-Clause), copied here so that the
verifier and the command line's start do not import scikit-learn, whose import
alone (about a second) costs more than a whole cached report. The analysis uses
the same list, so its terms are unchanged. tests/test_text.py checks that the copy
still equals scikit-learn's, where scikit-learn is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

ENGLISH_STOP_WORDS: frozenset[str] = frozenset("""
    a about above across after afterwards again against all almost alone along
    already also although always am among amongst amoungst amount an and another any
    anyhow anyone anything anyway anywhere are around as at back be became because
    become becomes becoming been before beforehand behind being below beside besides
    between beyond bill both bottom but by call can cannot cant co con could couldnt
    cry de describe detail do done down due during each eg eight either eleven else
    elsewhere empty enough etc even ever every everyone everything everywhere except
    few fifteen fifty fill find fire first five for former formerly forty found four
    from front full further get give go had has hasnt have he hence her here
    hereafter hereby herein hereupon hers herself him himself his how however
    hundred i ie if in inc indeed interest into is it its itself keep last latter
    latterly least less ltd made many may me meanwhile might mill mine more moreover
    most mostly move much must my myself name namely neither never nevertheless next
    nine no nobody none noone nor not nothing now nowhere of off often on once one
    only onto or other others otherwise our ours ourselves out over own part per
    perhaps please put rather re same see seem seemed seeming seems serious several
    she should show side since sincere six sixty so some somehow someone something
    sometime sometimes somewhere still such system take ten than that the their them
    themselves then thence there thereafter thereby therefore therein thereupon
    these they thick thin third this those though three through throughout thru thus
    to together too top toward towards twelve twenty two un under until up upon us
    very via was we well were what whatever when whence whenever where whereafter
    whereas whereby wherein whereupon wherever whether which while whither who
    whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
""".split())


def char_class(test: Callable[[str], bool]) -> str:
    """A regex character class of the characters of the Basic Multilingual Plane that pass
    the test (Python's re has no \\p{Lu})."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if test(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


# Cased capitals of any script (BMP), as a character class: "Ɓòlé", "Ŋgùsè", "Øre".
UPPER = char_class(str.isupper)
# Words whose period ends no sentence. Both splitters read them: SENTENCE_BREAK here, and
# agent/verify/sentences.py. In any case: "e.g.", "et al.", "vs.", "Fig. 2".
ABBREVIATIONS = ("e.g", "i.e", "al", "vs", "cf", "fig", "figs", "eq", "eqs", "approx", "resp")
# As written only: titles ("Dr. Lee", "St. Clemens"; "within 20 ms. Errors" ends a sentence)
# and circa before a date ("a medieval town (c. AD 1150-1530)"; "at 25 °C. On" ends one).
TITLES = ("Dr", "Mr", "Mrs", "Ms", "Prof", "St", "Jr")
AS_WRITTEN = (*TITLES, "c", "ca")
# An abstract's sentences: a break after ". ", "! " or "? " before a capital of any script
# ("... to their children. Ɓòlé (approximately 1,100 speakers) is threatened"), but not
# after an abbreviation's period.
_NOT_AN_END = "".join([*(rf"(?<!\b(?i:{re.escape(a)})\.)" for a in ABBREVIATIONS),
                       *(rf"(?<!\b{a}\.)" for a in AS_WRITTEN)])
# A sentence may open with a Greek letter in lower case, joined to its word: "β-Lactamase
# production was determined by ...", "α-Synuclein aggregates ...".
GREEK_OPENING = re.compile(r"[α-ω]-")
SENTENCE_BREAK = re.compile(rf"(?<=[.!?]){_NOT_AN_END}\s+(?={UPPER}|{GREEK_OPENING.pattern})")
# Where an abstract turns from the problem it takes up to its own work ("We propose ...",
# "This paper ...", "Here, ..."): what comes before tells of the field and earlier work.
# "I use ...": a sole author's own work; only a capital I that opens the sentence ("type I
# diabetes", "Complex I" are no one's).
OWN_WORK = re.compile(r"\b(?:we|our|us)\b|\bthis (?:paper|work|study|report|article)\b|"
                      r"^(?:here|to this end)\b|(?-i:^I\s+[a-z])", re.I)


def turn(sentences: Sequence[str]) -> int | None:
    """The index of the sentence where the abstract turns to its own work; None when it
    never does."""
    return next((i for i, s in enumerate(sentences) if OWN_WORK.search(s)), None)


def abstract_sentences(abstract: str) -> list[str]:
    """An abstract's sentences (SENTENCE_BREAK), stripped, the empty ones left out."""
    return [s for s in (x.strip() for x in SENTENCE_BREAK.split(abstract)) if s]


def own_sentences(abstract: str) -> list[str]:
    """An abstract's sentences from where it turns to its own work on (those before it tell
    of the field and of earlier work); all of them when it never turns."""
    sentences = abstract_sentences(abstract)
    return sentences[turn(sentences) or 0:]


# A link in running text, up to the next space.
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)


# A null result the abstract reports: what was tested did not work, or made no difference
# ("we found no evidence that the cordon delayed cholera", "The programme did not reduce
# carbapenem use", "There was no significant difference in admissions", "had no effect on
# the sharing of true ones"). Not any negation: "Human experts did not propose the winning
# ratio" and "Most had no training" report no test that failed.
NULL_RESULT = re.compile(
    r"\b(?:we|I)\s+(?:found|find|observed?|saw|see)\s+no\b"
    r"|\bno\s+(?:(?:statistically\s+)?significant\s+)?(?:evidence|difference|effect|"
    r"association|benefit|improvement|reduction|change|relationship|correlation|trend|link)s?"
    r"\s+(?:was|were|in|on|of|for|between|that|from|to|with)\b"
    r"|\b(?:did|does|do)\s+not\s+(?:significantly\s+)?(?:improve|reduce|increase|decrease|prevent|"
    r"change|affect|alter|lower|raise|delay|differ|outperform|help|work|hold|shorten|slow)\b"
    r"|\b(?:was|were)\s+not\s+(?:statistically\s+)?(?:significant|significantly|associated|"
    r"effective)\b"
    r"|\b(?:had|has|have|showed|shows|gave|gives|brought|brings|yielded|yields|provides?|"
    r"provided|offers?|offered)\s+no\s+"
    r"(?:(?:significant|measurable|detectable)\s+)?(?:effect|impact|benefit|influence|"
    r"improvement|gain)\b"
    r"|\bfailed\s+to\s+(?:improve|reduce|increase|prevent|show|detect|replicate|work|"
    r"outperform)\b"
    # A proof's negative result: "the random algebraic method fails for K_{4,7}", "no such
    # construction exists".
    r"|\b(?:method|approach|argument|technique|strategy)\s+fails\b"
    # An observation that finds nothing: "we find no evidence of an atmosphere", "no
    # significant transit timing variations", "we cannot claim a detection", "featureless".
    r"|\bno\s+(?:significant\s+|statistically\s+significant\s+)?(?:detections?|signals?|"
    r"variations?|features?|excess)\b|\b(?:cannot|could\s+not|did\s+not)\s+(?:claim\s+)?"
    r"(?:a\s+)?detect\w*|\bnon-?detections?\b|\b(?:is|was|are|were)\s+featureless\b"
    r"|\bno\s+such\s+[\w-]+(?:\s+[\w-]+)?\s+exists?\b", re.I)


def null_results(abstract: str) -> list[str]:
    """The sentences in which an abstract reports, of its own work, a null result. Not a
    correction notice's "errors, which do not affect the results or conclusions": what a
    correction leaves unchanged is no test that failed."""
    return [s for s in own_sentences(abstract) if NULL_RESULT.search(s)
            and not _LEAVES_UNCHANGED.search(s)]


# "..., which do not affect the results or conclusions of the article": a notice's words.
_LEAVES_UNCHANGED = re.compile(r"\b(?:do|does|did)\s+not\s+(?:affect|alter|change)\s+the\s+"
                               r"(?:results?|conclusions?|findings?)\b", re.I)


# A result that settles another's conjecture or open question: "This resolves the question
# of Erdős and Sós", "This answers a conjecture of Hale and Nakabayashi", "which disproves a
# conjecture of Arkhipov", "We construct a counterexample" (to what the sentence before
# says was conjectured). Not "agents solve complex problems", nor progress on
# one ("the conjecture of Erdős holds for all ... in which one part has ..."), which
# settles only a case of it.
SETTLES = re.compile(
    r"\b(?:resolv|answer|settl|confirm|prov|disprov|refut|solv)\w*\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:conjectures?\b|open\s+(?:questions?|problems?)\b|(?:questions?|problems?)\s+"
    r"(?:of|posed|raised|asked)\b)"
    r"|\bcounterexamples?\b", re.I)


def settled(abstract: str) -> list[str]:
    """The sentences in which an abstract says its own work settles, answers or refutes a
    conjecture or open question (SETTLES)."""
    return [s for s in own_sentences(abstract) if SETTLES.search(s)]


# A correction of the record's own work: a notice of what an earlier article misstated
# ("In the original article, the rate ... was given as 51 km per decade", "The temperature
# range ... was misstated ...", "... should read ...", "should be withdrawn"), or a paper
# that withdraws its authors' earlier claim ("We therefore withdraw our earlier attribution
# of ...", "We revisit the early conclusion that ..."). Not a paper that re-examines a
# mechanism with no word that it was the authors' own ("Here we reexamine this mechanism"),
# nor "batch correction" or "drift correction", which correct data.
CORRECTS = re.compile(
    r"\bin\s+the\s+original(?:ly\s+published)?\s+(?:article|paper|version|publication)\b"
    r"|\b(?:this|these|the)\s+(?:errors?|mistakes?)\s+(?:has|have)\s+(?:now\s+)?been\s+"
    r"corrected\b"
    # "Our earlier estimate ... was largely an artefact of ...", "we no longer consider it
    # evidence of ..."
    r"|\b(?:our|my)\s+(?:earlier|previous|original|prior)\s+(?:estimates?|findings?|"
    r"conclusions?|claims?|results?)\b[^.;]{0,80}?\b(?:was|were|is|are)\s+(?:largely\s+|"
    r"partly\s+|mostly\s+|in\s+part\s+)?(?:an?\s+)?(?:artefacts?|artifacts?|wrong|"
    r"incorrect|mistaken|spurious|overstated|overestimated)\b"
    r"|\b(?:we|I)\s+no\s+longer\s+(?:consider|regard|believe|hold|think)\b"
    # an erratum's "was reported as 0.71 g; the correct value is 0.57 g"
    r"|\bthe\s+correct\s+(?:values?|figures?|numbers?|counts?|percentages?|dates?)\s+"
    r"(?:is|are|was|were|should\s+be)\b"
    r"|\b(?:was|were)\s+(?:misstated|misreported|mislabell?ed|misprinted|incorrectly|"
    r"erroneously|wrongly|mistakenly)\b"
    r"|\bshould\s+(?:have\s+)?(?:read|be\s+withdrawn)\b"
    r"|\b(?:we|I)\s+(?:\w+\s+)?(?:withdraw|retract)\s+(?:the|our|my|this|that)\b"
    r"|\b(?:claim|assignment|attribution|conclusion|finding|statement|interpretation)s?\s+"
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:withdrawn|retracted)\b"
    r"|\b(?:this|the)\s+(?:article|paper)\s+(?:is|has\s+been)\s+retracted\b"
    r"|\b(?:we|I)\s+revisit\s+(?:the|our|my)\s+(?:own\s+)?(?:early|earlier|previous|original)\b"
    r"|\bauthors\s+regret\b|\b(?:contained|contains)\s+(?:an?\s+)?errors?\b",
    re.I)
# A notice's own title: "Correction: ...", "Erratum to ...", "Retraction Note: ...". A
# notice concerns another paper: it is merged with none (parse/merge.py) and makes no
# line of work with the paper it corrects (topics.py).
NOTICE_TITLE = re.compile(r"^(?:correction|erratum|errata|corrigendum|corrigenda|retraction|"
                          r"addendum)\b", re.I)
# A notice's opening that only names the article it concerns ("Correction for 'Ion
# migration ...' by L. Okafor-Brandt et al., J. Mater. Chem. A, 2015, ..."): what was
# corrected is told after it.
NOTICE_HEADER = re.compile(r"^(?:correction|erratum|corrigendum|retraction)\s+(?:for|to|of)\s",
                           re.I)


def corrections(abstract: str) -> list[str]:
    """The sentences in which an abstract corrects or withdraws a finding or statement of
    its authors' earlier work (CORRECTS). All of a notice's sentences are read: it has no
    "we" to turn at."""
    return [s for s in own_sentences(abstract) if CORRECTS.search(s)] or [
        s for s in abstract_sentences(abstract)[:1] if NOTICE_HEADER.match(s)]


# The abstract's sentence that reports testing (or training) on data: a word of evaluation,
# then "on", "across" or "over", then data: a benchmark, dataset, corpus or tasks, or a
# name of data in capitals ("XNLI", "SciTSR", "ERA5").
_EVALUATED_ON = re.compile(
    r"\b(?i:experiments?|experimental|evaluat\w*|results?|tested|benchmarked|validated|"
    r"train\w*|outperforms?|achiev\w*|improv\w*)\b[^.;]*?\b(?:on|across|over|using)\s+[^.;]*?"
    r"(?:\b(?:benchmarks?|datasets?|data\s+sets?|corpus|corpora|tasks)\b"
    r"|(?<![\w-])[A-Z][\w-]*[A-Z][\w-]*)")

# Data a study draws on, as fields outside machine learning say it: "We combine anonymised
# mobile phone records from 9 million subscribers with district case counts", "We link
# reporting records from 1,240 clinics ... with census data".
_DRAWS_ON_DATA = re.compile(
    r"\b(?i:use[sd]?|using|combin\w*|link\w*|analy[sz]\w*|draw\w*\s+on|pool\w*|merg\w*)\b"
    r"[^.;]*?\b(?i:data|records|registr(?:y|ies)|surveys?|cohorts?|measurements|case\s+counts"
    r"|censuses)\b")

# What an empirical study counts as its sample: "We follow 3,412 false claims", "We
# interview 38 volunteer moderators", "We reconstruct transmission chains in 312
# households": a verb of study, then a count of things (the last tier: no data named).
_SAMPLE = re.compile(
    r"\b(?i:follow\w*|interview\w*|survey\w*|analy[sz]\w*|stud(?:y|ied|ies)|measur\w*|"
    r"reconstruct\w*|compar\w*|document\w*|observ\w*|track\w*|collect\w*|record\w*|"
    r"ran|run)\b[^.;]*?\b\d[\d,.]*\s+(?:[\w-]+\s+){0,3}[a-z][\w-]*s\b")

# A sentence that reports the paper's own results without "we": "Experimental results on
# ...", "Extensive experiments on ...", "Trained on 39 years of ERA5 ...", "This simple
# method achieves ...".
_OWN_RESULT = re.compile(r"(?:extensive\s+|further\s+)?(?:experiments?|experimental\s+results?|"
                         r"results|evaluations?|trained\s+on)\b"
                         r"|(?:this|the\s+proposed)\s+(?:\w+\s+)?"
                         r"(?:method|approach|model|framework|system)\b", re.I)


def tested_on(abstract: str) -> list[str]:
    """An abstract's sentences that say what data its own work is tested, trained or
    drawn on ("Experimental results on ...", "We evaluate on ...", "We link reporting
    records from 1,240 clinics ..."), not the background it starts from ("mT5 ... has
    shown results on many tasks")."""
    sentences = [s.strip() for s in SENTENCE_BREAK.split(abstract)]
    return [s for s in sentences if (_EVALUATED_ON.search(s) or _DRAWS_ON_DATA.search(s))
            and (OWN_WORK.search(s) or _OWN_RESULT.match(s))]


def sampled_in(abstract: str) -> list[str]:
    """An abstract's sentences that count its own sample ("We interview 38 volunteer
    moderators")."""
    return [s for s in (s.strip() for s in SENTENCE_BREAK.split(abstract))
            if _SAMPLE.search(s) and OWN_WORK.search(s)]


def data_used(abstract: str) -> list[str]:
    """tested_on, else sampled_in: the sentences the data answers quote."""
    return tested_on(abstract) or sampled_in(abstract)


class AbstractsSay(NamedTuple):
    """One kind of thing the fact answers say the abstracts say of their own work."""

    test: Callable[[str], list[str]]  # an abstract's sentences that say it
    one: str      # the clause after "that", said of one paper
    several: str  # ... of several
    none: str     # ... in "No abstract in the record of X says that ..."
    what: str     # what a paper that does not say it lacks


# What the fact answers say the abstracts say, read back exactly by the verifier
# (agent/verify/record.py), by kind of answer.
ABSTRACTS_SAY: dict[str, AbstractsSay] = {
    "null_results": AbstractsSay(
        null_results, "something it tested did not work or made no difference",
        "something they tested did not work or made no difference",
        "something its paper tested did not work or made no difference", "a null result"),
    "settled": AbstractsSay(
        settled, "it settles or refutes a conjecture or an open question",
        "they settle or refute a conjecture or an open question",
        "its paper settles or refutes a conjecture or an open question",
        "a conjecture or open question settled or refuted"),
    "corrections": AbstractsSay(
        corrections, "it corrects or withdraws a finding or statement of earlier work",
        "they correct or withdraw a finding or statement of earlier work",
        "its paper corrects or withdraws a finding or statement of earlier work",
        "a correction"),
    # "What datasets has she used?" of a record with none (a mathematician's): only the
    # none-sentence is said in these words; the data itself is quoted.
    "data_used": AbstractsSay(
        data_used, "it says on what data or sample its work is tested",
        "they say on what data or sample their work is tested",
        "its paper is tested or trained on data or a sample it names",
        "data or a sample named"),
}
