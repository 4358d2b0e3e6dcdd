"""Words a reader catches and the verifier once did not, and grouped prose it once refused.

Caught: "in-domain" where the paper says "out-of-domain", "a reliable predictor" where it
says "predicts ... poorly", "densely" or "abundant" where it says "few", "on any X" where
it names some X, a cause the paper gives to something else, and a comparison turned round
where the paper compares "Compared with X, ..." or "N times as often as X", or says the
word of one condition alone ("larger gains ... on night shifts"). Passed: a sentence that says which papers it speaks of by their
years ("In papers from 2020 and 2024, X did A and B") and a count of the papers it cites
("In two 2019 papers, ...", "Two of these papers ..."), when they are that many and of
that kind; the same count of papers it does not cite still fails.

The papers and sentences are new, written after the rules: none of them is in
evals/checker_families.jsonl or evals/checker_hand.jsonl, whose sentences the rules were
written against."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import DatePrecision, OwnerPosition, Paper, Profile
from agent.verify import Verifier


def paper(key: str, year: int, title: str, abstract: str, first: bool = True) -> Paper:
    return Paper(key=key, title=title, abstract=abstract,
                 authors=["Lena Voss", "Omar Haddad"] if first else ["Omar Haddad", "Lena Voss"],
                 owner_position=OwnerPosition.FIRST if first else OwnerPosition.MIDDLE,
                 date=dt.date(year, 3, 1), date_precision=DatePrecision.DAY)


PAPERS = [
    paper("voss2020parsing", 2020, "Robust Parsing of Clinical Notes",
          "We train a dependency parser on 40,000 clinical notes. It degrades sharply on "
          "out-of-distribution notes from other hospitals, losing 11 points of accuracy, "
          "while it holds its accuracy on in-distribution notes."),
    paper("voss2022sensors", 2022, "Mapping Air Quality with Low-Cost Sensors",
          "We calibrate 300 low-cost sensors against reference monitors across one city. "
          "The calibrated network maps fine particulate matter to within 4 micrograms per "
          "cubic metre, but its error triples in industrial districts where few sensors "
          "were installed."),
    paper("voss2023proxy", 2023, "Are Offline Metrics a Proxy for Online Success?",
          "Recommender systems are tuned offline and judged online. Across 14 A/B tests we "
          "find that offline recall predicts online engagement poorly (Spearman 0.22), and "
          "that offline gains above 2% never carried over."),
    paper("voss2024glaciers", 2024, "Glacier Retreat from Satellite Imagery",
          "We segment glacier outlines in Sentinel-2 imagery with a U-Net trained on 900 "
          "hand-labelled scenes from the Alps and Scandinavia, without any synthetic "
          "data, reaching an F1 of 0.91."),
    paper("voss2019tagging", 2019, "Tagging Rare Diseases in Clinical Text",
          "We tag rare disease mentions with a lexicon-guided tagger trained on 2,000 "
          "discharge letters, and reach an F1 of 0.83."),
    paper("voss2019speech", 2019, "Speech Recognition for Dictated Reports",
          "We adapt a speech recogniser to dictated radiology reports and cut its word error "
          "rate from 14% to 9% with 30 hours of in-domain audio."),
    paper("voss2025outage", 2025, "What Took the Records System Down?",
          "In March 2024, a faulty software update caused a week-long outage of a hospital's "
          "electronic records system. We reconstruct the failure from its logs and show that "
          "staff shortages made the recovery slower."),
    paper("voss2026triage", 2026, "Triage Notes as Early Warnings",
          "We predict sepsis from nurses' triage notes in 12,000 admissions. Compared with "
          "the qSOFA score, the note model flags sepsis cases faster, with a median lead of "
          "3 hours. Flagged patients were admitted to intensive care 1.8 times as often as "
          "unflagged ones, with larger gains in recall on night shifts."),
    paper("haddad2021parsing", 2021, "Parsing Clinical Notes in Arabic",
          "We adapt the dependency parser to 5,000 Arabic clinical notes.", first=False),
]


@pytest.fixture(scope="module")
def verifier() -> Verifier:
    profile = Profile(name="Lena Voss", as_of=dt.date(2026, 1, 1), papers=PAPERS)
    return Verifier(profile, analyze(profile))


CAUGHT = [
    ("voss2020parsing", "The parser degrades sharply on in-distribution notes from other "
                        "hospitals.", "in-distribution"),
    ("voss2023proxy", "Offline recall is a reliable predictor of online engagement across "
                      "14 A/B tests.", "reliable"),
    ("voss2022sensors", "The network's error triples in industrial districts, where sensors "
                        "were installed densely.", "densely"),
    ("voss2022sensors", "The network's error triples in industrial districts, where sensors "
                        "are abundant.", "abundant"),
    ("voss2024glaciers", "The U-Net segments glacier outlines for any mountain range in "
                         "Sentinel-2 imagery.", "for any"),
    ("voss2026triage", "The qSOFA score flags sepsis cases faster than the note model.",
     "turns round"),
    ("voss2026triage", "Unflagged patients were admitted to intensive care more often than "
                       "flagged ones.", "turns round"),
    ("voss2026triage", "The note model's gains in recall are larger on day shifts than on "
                       "night shifts.", "turns round"),
    ("voss2025outage", "In March 2024, staff shortages caused a week-long outage of the "
                       "hospital's electronic records system.", "caused"),
    ("voss2025outage", "The week-long outage of the hospital's records system was caused by "
                       "staff shortages.", "caused"),
]
PASSED = [
    ("voss2020parsing", "The parser degrades sharply on out-of-distribution notes from other "
                        "hospitals."),
    ("voss2020parsing", "The parser holds its accuracy on in-distribution notes."),
    ("voss2023proxy", "Offline recall predicts online engagement poorly across 14 A/B tests."),
    ("voss2022sensors", "The network's error triples in industrial districts, where few "
                        "sensors were installed."),
    ("voss2024glaciers", "The U-Net segments glacier outlines in Sentinel-2 imagery from the "
                         "Alps and Scandinavia."),
    ("voss2026triage", "The note model flags sepsis cases faster than the qSOFA score."),
    ("voss2026triage", "Flagged patients were admitted to intensive care more often than "
                       "unflagged ones."),
    ("voss2026triage", "The note model's gains in recall are larger on night shifts than on "
                       "day shifts."),
    ("voss2025outage", "A faulty software update caused a week-long outage of the hospital's "
                       "electronic records system."),
    ("voss2025outage", "The week-long outage was caused by a faulty software update."),
    ("voss2025outage", "Staff shortages made the recovery of the records system slower."),
    # "any" that claims no universality
    ("voss2024glaciers", "The U-Net is trained on 900 hand-labelled scenes without any "
                         "synthetic data."),
]


@pytest.mark.parametrize("key,text,word", CAUGHT, ids=[c[2] for c in CAUGHT])
def test_a_word_the_paper_says_the_other_way_fails(verifier: Verifier, key: str, text: str,
                                                   word: str) -> None:
    check = verifier.check(text, [key])
    assert not check.supported
    assert any(word in reason for reason in check.reasons), check.reasons


@pytest.mark.parametrize("key,text", PASSED, ids=[t[:40] for _, t in PASSED])
def test_the_papers_own_way_passes(verifier: Verifier, key: str, text: str) -> None:
    check = verifier.check(text, [key])
    assert check.supported, check.reasons


def test_years_listed_say_which_paper_each_phrase_is_of(verifier: Verifier) -> None:
    both = ["voss2020parsing", "voss2024glaciers"]
    grouped = ("In first-author papers from 2020 and 2024, Voss trained a dependency parser "
               "on 40,000 clinical notes and segmented glacier outlines in Sentinel-2 imagery.")
    assert verifier.check(grouped, both).supported, verifier.check(grouped, both).reasons
    # The years must still be the cited papers' years.
    wrong = grouped.replace("2024", "2023")
    assert not verifier.check(wrong, both).supported


def test_a_count_of_the_papers_cited(verifier: Verifier) -> None:
    cited = ["voss2019tagging", "voss2019speech"]
    some = ("In two 2019 first-author papers, Voss tagged rare disease mentions in discharge "
            "letters and adapted a speech recogniser to dictated radiology reports.")
    assert verifier.check(some, cited).supported, verifier.check(some, cited).reasons
    these = "Two of these papers work on clinical text: a tagger and a parser."
    pair = ["voss2019tagging", "voss2020parsing"]
    assert verifier.check(these, pair).supported, verifier.check(these, pair).reasons
    # Not as many as it says, not of the year it says, or a count of the whole record.
    assert not verifier.check(some.replace("two", "three"), cited).supported
    assert not verifier.check(some.replace("2019", "2020"), cited).supported
    assert not verifier.check("Voss has two first-author papers.", cited).supported
    # A middle-author paper is not a first-author one.
    mixed = ["voss2020parsing", "haddad2021parsing"]
    assert not verifier.check("In two first-author papers, Voss parsed clinical notes.",
                              mixed).supported


def test_a_span_that_says_which_papers_a_count_counts(verifier: Verifier) -> None:
    """"Voss led 2 of the 3 papers from 2020 to 2022 as first author" cites a paper Voss
    led: the span says which papers are counted, and the count is checked against the
    record's papers of those years, not against the years of the cited papers."""
    led = "Voss led 2 of the 3 papers from 2020 to 2022 as first author."
    assert verifier.check(led, ["voss2022sensors"]).supported, \
        verifier.check(led, ["voss2022sensors"]).reasons
    opening = "From 2020 to 2022, the 3 papers include work on clinical notes."
    assert verifier.check(opening, ["voss2020parsing"]).supported, \
        verifier.check(opening, ["voss2020parsing"]).reasons
    # The record has 3 papers of those years, 2 of them led by Voss.
    assert not verifier.check(led.replace("3 papers", "4 papers"), ["voss2022sensors"]).supported
    assert not verifier.check(led.replace("led 2", "led 3"), ["voss2022sensors"]).supported
    # A span that counts nothing is still the cited papers' years.
    assert not verifier.check("From 2020 to 2022, Voss mapped air quality with low-cost "
                              "sensors.", ["voss2022sensors"]).supported
