"""Venues: where a record's papers appeared, as its sources give them.

Found by asking as a user would: "Has he published in Nature?" of the example (a profile
page, which names no venue) was answered "No: the record of Zewen Chi holds no papers on
nature", a topic search that reads as a no; and every venue a BibTeX file, OpenAlex or
Semantic Scholar gives was dropped when the works became papers.
"""

from __future__ import annotations

import pytest

from agent.analyze import analyze
from agent.fact_questions import answer_from_facts
from agent.models import Profile, SentenceStatus
from agent.parse import load_profiles
from agent.verify import Verifier
from agent.verify.record import venue_matches
from tests.conftest import EXAMPLE_AS_OF, FIXTURES

ACL = ("Proceedings of the 59th Annual Meeting of the Association for Computational "
       "Linguistics")


@pytest.fixture(scope="module")
def zoe() -> Profile:
    return load_profiles([FIXTURES / "inputs" / "brannstrom.bib"], as_of=EXAMPLE_AS_OF)


def answer(question: str, profile: Profile) -> str:
    found = answer_from_facts(question, profile, analyze(profile))
    assert found is not None, question
    assert all(s.status is SentenceStatus.PLANNED for s in found.sentences)
    verifier = Verifier(profile, analyze(profile))
    for sentence in found.sentences:  # every answer the rule gives passes the verifier
        assert verifier.check(sentence.text, sentence.keys).supported, sentence.text
    return " ".join(s.text for s in found.sentences)


@pytest.mark.parametrize(("source", "key", "venue"), [
    ("brannstrom.bib", "brannstromokafor2021sparse", ACL),
    ("brannstrom.bib", "brannstromokafor2024calibration", "Findings of EMNLP"),
    ("s2-author-papers.json", "watanabe2022retrievalaugmented", "arXiv.org"),
    ("openalex-works.json", "brannstromokafor2021sparse",
     "Proceedings of the 59th Annual Meeting of the ACL"),
    ("brannstrom-arxiv.xml", "brannstromokafor2021sparse", "ACL 2021"),
    ("brannstrom.bib", "brannstromokaforndlecture", None),
])
def test_a_papers_venue_is_the_one_its_source_gives(source: str, key: str,
                                                     venue: str | None) -> None:
    profile = load_profiles([FIXTURES / "inputs" / source], as_of=EXAMPLE_AS_OF)
    assert {p.key: p.venue for p in profile.papers}[key] == venue


@pytest.mark.parametrize(("name", "venue", "year", "matches"), [
    ("ACL", ACL, 2021, True),
    ("ACL 2021", ACL, 2021, True),  # the year is the paper's
    ("ACL 2019", ACL, 2021, False),
    ("the Annual Meeting of the Association for Computational Linguistics", ACL, None, True),
    ("EMNLP", "Findings of EMNLP", 2024, True),
    ("EMNLP 2024", "Findings of the Association for Computational Linguistics: EMNLP 2024",
     2024, True),
    ("NAACL", ACL, 2021, False),
    ("CL", ACL, 2021, False),  # initials from the first telling word, not any run of them
    ("ACL", "Findings of the Association for Computational Linguistics: EMNLP 2024", 2024,
     True),
    ("Nature", "Nature Communications", 2020, True),
    ("Nature", ACL, 2021, False),
    ("Linguistics", ACL, 2021, True),
    ("Computational", "Компьютерная лингвистика", 2020, False),
])
def test_a_venue_as_a_reader_names_it(name: str, venue: str, year: int | None,
                                      matches: bool) -> None:
    assert venue_matches(name, venue, year) is matches


def test_a_record_without_venues_says_so(profile: Profile) -> None:
    for question in ("Has he published in Nature?", "Which venues has Zewen Chi published in?",
                     "Where did his papers appear?", "Has he published at NeurIPS?"):
        assert answer(question, profile) == (
            "The record of Zewen Chi lists publications and says nothing about venues; that "
            "needs another source, such as a CV or a faculty page."), question


def test_published_in_a_topic_is_no_venue_question(profile: Profile) -> None:
    found = answer_from_facts("Has he published in reinforcement learning?", profile,
                              analyze(profile))
    assert found is None or found.question_kind != "venues"


def test_a_venue_asked_is_found_or_denied(zoe: Profile) -> None:
    assert answer("Has she published at ACL?", zoe) == (
        f'Yes: "Sparse Mixtures of Multilingual Experts" (2021) appeared in {ACL}.')
    assert answer("Has she published at EMNLP 2024?", zoe).startswith(
        'Yes: "On the Calibration of Cross-lingual Reward Models" (2024) appeared in '
        "Findings of EMNLP")
    owner = zoe.name
    assert answer("Has she published in Nature?", zoe) == (
        f"No paper in the record of {owner} gives Nature as its venue.")
    assert answer("Has she published at EMNLP 2023?", zoe) == (
        f"No paper in the record of {owner} gives EMNLP 2023 as its venue.")


def test_every_venue_is_listed_with_its_papers(zoe: Profile) -> None:
    text = answer("Which venues has she published in?", zoe)
    for venue in (ACL, "Findings of EMNLP", "Workshop on Multilingual Representation Learning",
                  "Компьютерная лингвистика", "arXiv preprint arXiv:2205.04321"):
        assert f"appeared in {venue}." in text


@pytest.mark.parametrize(("sentence", "keys", "supported"), [
    (f'"Sparse Mixtures of Multilingual Experts" (2021) appeared in {ACL}.',
     ["brannstromokafor2021sparse"], True),
    ('"Sparse Mixtures of Multilingual Experts" (2021) appeared in Nature.',
     ["brannstromokafor2021sparse"], False),
    ('"Counting Tokens Across Scripts" (2019) appeared in Findings of EMNLP.',
     ["brannstromokafor2019counting"], False),
    (f'"Sparse Mixtures of Multilingual Experts" (2021) appeared in {ACL.replace("59", "58")}.',
     ["brannstromokafor2021sparse"], False),
    ("No paper in the record of Zoë Brännström-Okafor gives ACL as its venue.", [], False),
    ("No paper in the record of Zoë Brännström-Okafor gives Nature as its venue.", [], True),
    ("The record of Zoë Brännström-Okafor lists publications and says nothing about venues.",
     [], False),
])
def test_the_verifier_reads_venues(zoe: Profile, sentence: str, keys: list[str],
                                   supported: bool) -> None:
    assert Verifier(zoe, analyze(zoe)).check(sentence, keys).supported is supported


def test_a_bio_says_where_the_papers_appeared(zoe: Profile) -> None:
    """A speaker's introduction says where the work appeared; the bio said nothing of the
    venues the record gives. It names up to three, the preprint server left out."""
    from agent.plan import Planner

    facts = analyze(zoe)
    claims = [c for s in Planner(zoe, facts).bio(150).sections for c in s.claims]
    said = [c for c in claims if "papers have appeared in" in c.text]
    assert len(said) == 1
    assert said[0].text == (
        "Brännström-Okafor's papers have appeared in Findings of EMNLP, " + ACL
        + " and Компьютерная лингвистика.")
    assert "arXiv" not in said[0].text
    assert Verifier(zoe, facts).check(said[0].text, said[0].keys).supported
    swapped = said[0].text.replace("Findings of EMNLP", "Nature")
    assert not Verifier(zoe, facts).check(swapped, said[0].keys).supported
