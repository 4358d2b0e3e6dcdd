"""Names and words in letters beyond ASCII (issue 15): "Brännström-Okafor's" is one name,
not "m-Okafor"; a name that starts with "Ø", "Ł" or "Ö" is checked like any other; and
German words in an abstract or a title give no spurious failure."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.analyze import analyze
from agent.models import DatePrecision, OwnerPosition, Paper, Profile
from agent.parse import load_profiles
from agent.verify import Verifier
from agent.verify.index import _ENTITY_TOKEN, _entity_kind
from agent.verify.lexicon import _stem, _tokens
from tests.conftest import REPO

PROFILES = REPO / "evals" / "profiles"


@pytest.fixture(scope="module")
def brannstrom() -> Verifier:
    profile = load_profiles([PROFILES / "brannstrom.bib", PROFILES / "brannstrom-arxiv.xml"],
                            dt.date(2026, 11, 28))
    return Verifier(profile, analyze(profile))


def paper(key: str, title: str, abstract: str, authors: list[str]) -> Paper:
    return Paper(key=key, title=title, abstract=abstract, authors=authors,
                 owner_position=OwnerPosition.FIRST, date=dt.date(2023, 5, 1),
                 date_precision=DatePrecision.DAY)


@pytest.fixture(scope="module")
def weiss() -> Verifier:
    owner = "Łukasz Ørsted-Weiß"
    papers = [
        paper("orstedweiss2023cortex", "Über die Dicke der Großhirnrinde",
              "Wir messen die Dicke der Großhirnrinde bei Mäusen. We measure cortex thickness "
              "in 40 mice with a new optical probe, OptoDicke.", [owner, "Zoë Ødegård"]),
        paper("orstedweiss2024rivers", "Flood Peaks on the Weiße Elster",
              "We forecast flood peaks on the Weiße Elster with an LSTM trained on 30 years "
              "of gauge data.", [owner, "Jürgen Straßmann"]),
    ]
    profile = Profile(name=owner, as_of=dt.date(2026, 1, 1), papers=papers)
    return Verifier(profile, analyze(profile))


@pytest.mark.parametrize("text, token", [
    ("Brännström-Okafor's model", "Brännström-Okafor's"),
    ("Ørsted-Weiß measures", "Ørsted-Weiß"),
    ("by Łukasz", "Łukasz"),
    ("in Straße", "Straße"),
])
def test_an_entity_token_keeps_letters_beyond_ascii(text: str, token: str) -> None:
    assert token in _ENTITY_TOKEN.findall(text)


def test_a_name_with_diacritics_is_a_title_compound_and_folds_like_its_ascii_form() -> None:
    assert _entity_kind("Brännström-Okafor", frozenset()) == "title"
    assert _entity_kind("Ørsted", frozenset()) == "title"
    assert [t.word for t in _tokens("Großhirnrinde bei Mäusen")] == ["Großhirnrinde", "bei",
                                                                     "Mäusen"]
    assert _stem("naïve") == _stem("naive")


@pytest.mark.parametrize("sentence, key", [
    ("Brännström-Okafor finds reward models trained on English overconfident in 12 other "
     "languages.", "brannstromokafor2023calibration"),
    ("Brännström-Okafor's model reaches 41.2 BLEU with 30% fewer FLOPs.",
     "brannstromokafor2021sparse"),
    ("Zoë Brännström-Okafor routes tokens of 50 languages to sparse experts.",
     "brannstromokafor2021sparse"),
    ("With Lucía Fernández, Brännström-Okafor routes tokens of 50 languages to sparse experts.",
     "brannstromokafor2021sparse"),
])
def test_true_sentences_naming_brannstrom_okafor_pass(brannstrom: Verifier, sentence: str,
                                                      key: str) -> None:
    check = brannstrom.check(sentence, [key])
    assert check.supported, check.reasons


@pytest.mark.parametrize("name", ["Ørsted", "Łukasiewicz", "Österreich", "Ærøskøbing"])
def test_an_invented_name_beyond_ascii_fails(brannstrom: Verifier, name: str) -> None:
    check = brannstrom.check(f"Brännström-Okafor's model reaches 41.2 BLEU on {name}.",
                             ["brannstromokafor2021sparse"])
    assert not check.supported
    assert "entity" in check.kinds
    assert any(f'"{name}"' in r for r in check.reasons)


@pytest.mark.parametrize("sentence, key", [
    ("Ørsted-Weiß measures cortex thickness in 40 mice with a new optical probe, OptoDicke.",
     "orstedweiss2023cortex"),
    ("Łukasz Ørsted-Weiß and Zoë Ødegård measure cortex thickness in 40 mice.",
     "orstedweiss2023cortex"),
    ("Wir messen die Dicke der Großhirnrinde bei Mäusen.", "orstedweiss2023cortex"),
    ("The paper, Über die Dicke der Großhirnrinde, measures cortex thickness in 40 mice.",
     "orstedweiss2023cortex"),
    ("With Jürgen Straßmann, Ørsted-Weiß forecasts flood peaks on the Weiße Elster with an "
     "LSTM.", "orstedweiss2024rivers"),
])
def test_german_words_and_names_beyond_ascii_give_no_spurious_failure(
        weiss: Verifier, sentence: str, key: str) -> None:
    check = weiss.check(sentence, [key])
    assert check.supported, check.reasons


def test_a_name_beyond_ascii_from_the_other_paper_is_still_caught(weiss: Verifier) -> None:
    check = weiss.check("Ørsted-Weiß forecasts flood peaks on the Weiße Elster with "
                        "OptoDicke.", ["orstedweiss2024rivers"])
    assert not check.supported
