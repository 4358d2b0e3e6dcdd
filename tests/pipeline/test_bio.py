"""The bio is a bio (issue 16, item 5): who and the lines of work, the signature works, the
current focus, then role, collaborators, affiliations and code as the length allows; its
length within 15% of --words wherever the record has enough to say, never padded, and never
over. Checked on the planned claims, which --writing plan prints as they are."""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from agent.analyze import analyze
from agent.models import FactSheet, Outline, Profile
from agent.parse import load_profiles
from agent.plan import BIO_TOLERANCE, BIO_WORDS, Planner, name_users_form
from agent.realize import FILLER
from agent.verify import Verifier
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, FIXTURES, PROFILES, REPO

EVALS = REPO / "evals" / "profiles"
# Profiles with enough papers that say what they do to fill every length.
FULL = [EXAMPLE, *(EVALS / n for n in ("helena-kowalczyk.txt", "ines-okafor.txt",
                                       "maren-lindqvist.txt"))]
ALL = [EXAMPLE, *sorted(PROFILES.glob("*.txt")), *sorted(EVALS.glob("*")),
       *(FIXTURES / "inputs" / n for n in ("brannstrom.bib", "openalex-works.json",
                                            "orcid-record.json", "zotero.json",
                                            "templated-c.bib"))]


@cache
def _loaded(path: Path) -> tuple[Profile, FactSheet]:
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    return profile, analyze(profile)


def _bio(path: Path, words: int) -> list[str]:
    profile, facts = _loaded(path)
    outline: Outline = Planner(profile, facts).bio(words)
    return [c.text for s in outline.sections for c in s.claims]


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


@cache
def _prose():
    spec = importlib.util.spec_from_file_location("prose", REPO / "evals" / "prose.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("words", BIO_WORDS)
@pytest.mark.parametrize("profile", FULL, ids=lambda p: p.name)
def test_bio_length_is_held_within_tolerance(profile: Path, words: int) -> None:
    count = _words(_bio(profile, words))
    assert abs(count - words) <= BIO_TOLERANCE * words, (count, _bio(profile, words))


@pytest.mark.parametrize("words", BIO_WORDS)
@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_bio_is_never_over_and_never_padded(profile: Path, words: int) -> None:
    """No record makes a bio longer than the tolerance allows; a small one says less, with
    no sentence that only says papers exist or how many there are."""
    texts = _bio(profile, words)
    assert _words(texts) <= (1 + BIO_TOLERANCE) * words
    _, facts = _loaded(profile)
    assert _prose().filler_sentences(texts, facts.owner) == []
    assert not [t for t in texts if FILLER.search(t)]
    # A longer bio says at least what a shorter one does.
    shorter = [w for w in BIO_WORDS if w < words]
    if shorter:
        assert _words(texts) >= _words(_bio(profile, shorter[-1]))


@pytest.mark.parametrize("words", BIO_WORDS)
@pytest.mark.parametrize("profile", FULL, ids=lambda p: p.name)
def test_bio_names_the_lines_and_the_current_focus(profile: Path, words: int) -> None:
    """The opening names the largest named line with its size; a later sentence dates the
    last phase and names its leading line. A last phase whose papers are in no line
    (Ines Okafor's 2025-2026: scaling laws, event cameras) is given no focus."""
    _, facts = _loaded(profile)
    texts = _bio(profile, words)
    lines = sorted((t for t in facts.topics if t.named and not t.other),
                   key=lambda t: -len(t.paper_keys))
    assert f"{lines[0].label} ({len(lines[0].paper_keys)} papers)" in texts[0]
    last = facts.phases[-1]
    leading = next((t for t in facts.topics if t.id in last.topic_ids and t.named
                    and not t.other), None)
    if leading is None:
        assert not any(t.startswith(("Since ", "The most recent work")) for t in texts), texts
        return
    assert any(str(last.start_year) in t and leading.label in t for t in texts[1:]), texts


def test_example_bio_reads_in_order() -> None:
    """Who and the lines, the signature works under the owner's role, the turn, the focus,
    the collaborator: in that order, on the example at 150 words."""
    text = " ".join(_bio(EXAMPLE, 150))
    marks = ["Zewen Chi's 36 papers, from 2019 to 2026, centre on cross-lingual language "
             "model pre-training (13 papers)",
             "Chi is first author of 11 of them, including",
             "Since 2025, the work has centred on reasoning models, with 5 of the 10 papers",
             "The most frequent co-author is Li Dong, on 15 papers"]
    places = [text.find(m) for m in marks]
    assert -1 not in places and places == sorted(places), (places, text)
    # Signature works: the owner's own, named ones first; a longer bio names more of them.
    assert "InfoXLM" in text
    longer = " ".join(_bio(EXAMPLE, 300))
    assert all(name in longer for name in ("InfoXLM", "XLM-E", "MT6"))


@pytest.mark.parametrize("words", BIO_WORDS)
@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_bio_names_the_owner_in_full_once_then_by_surname(profile: Path, words: int) -> None:
    _, facts = _loaded(profile)
    texts = _bio(profile, words)
    text = " ".join(texts)
    assert text.count(facts.owner) <= 1
    assert not [t for t in texts if re.match(r"(?:He|She|His|Her|They|Their)\b", t)]
    # A paper is quoted by its full title once; after that, by its short name or not at all.
    titles = re.findall(r'"([^"]+)"', text)
    assert len(titles) == len(set(titles)), titles


@pytest.mark.parametrize("profile", ALL, ids=lambda p: p.name)
def test_every_bio_claim_is_verified(profile: Path) -> None:
    parsed, facts = _loaded(profile)
    planner, verifier = Planner(parsed, facts), Verifier(parsed, facts)
    claims = [c for w in BIO_WORDS for s in planner.bio(w).sections for c in s.claims]
    failures = [(c.text, verifier.check(c.text, c.keys).reasons) for c in claims
                if not verifier.check(c.text, c.keys).supported]
    assert failures == []


def test_a_bio_does_not_change_what_the_other_outputs_say() -> None:
    """The bio's wider reading of abstracts (any "we <verb>" sentence) is its own: after a
    bio, the realizer says of each paper what it said before (the trajectory and the lines
    of work keep to verbs of contribution)."""
    profile, facts = _loaded(EVALS / "ines-okafor.txt")
    planner = Planner(profile, facts)
    before = {p.key: planner.realizer.fact(p) for p in profile.papers}
    planner.bio(300)
    assert not planner.realizer.broad
    assert {p.key: planner.realizer.fact(p) for p in profile.papers} == before
    # The bio did use it: a paper with no verb of contribution is told by its own "we train".
    assert "trains BiDiff" in " ".join(_bio(EVALS / "ines-okafor.txt", 300))


def test_a_bio_the_record_cannot_fill_says_so(run_cli) -> None:
    """Five of the six BibTeX entries have no abstract: a 150-word bio would need padding,
    so it is shorter and a warning says why; a record that can fill it says nothing."""
    thin = run_cli("bio", str(REPO / "evals" / "profiles" / "brannstrom.bib"), "--words", "150",
                   "--as-of", EXAMPLE_AS_OF.isoformat(), "--writing", "plan")
    assert thin.code == 0, thin.stderr
    assert re.search(r"the record supports a bio of about \d+ words, not 150: .* 5 of its 6 "
                     r"papers have no abstract", thin.stderr), thin.stderr
    full = run_cli("bio", str(EXAMPLE), "--words", "150", "--as-of", EXAMPLE_AS_OF.isoformat(),
                   "--writing", "plan")
    assert full.code == 0 and "supports a bio of about" not in full.stderr


@pytest.mark.parametrize("profile", FULL, ids=lambda p: p.name)
def test_a_bio_gives_a_line_its_size_once(profile: Path) -> None:
    """"centre on ... language models (3 papers)" and then "also takes up language models
    (3 papers)" said the same number twice: a line sized once is named bare after."""
    for words in BIO_WORDS:
        sized = re.findall(r"([\w-]+ \(\d+ papers?\))", " ".join(_bio(profile, words)))
        assert len(sized) == len(set(sized)), sized


@pytest.mark.parametrize("profile", FULL, ids=lambda p: p.name)
def test_of_two_lines_the_same_size_the_bio_names_the_tighter(profile: Path) -> None:
    """A bio's opening names the largest lines; between two of one size, the one whose
    papers read more alike (cohesion), not the one that happens to come first. A line
    whose name the record uses all over is left out whatever its size (distinct)."""
    _, facts = _loaded(profile)
    planner = Planner(*_loaded(profile))
    chosen = planner._bio_lines()
    lines = [t for t in facts.topics if t.named and not t.other and len(t.paper_keys) > 1
             and planner.distinct(t)]
    for left in chosen:
        for right in lines:
            if right not in chosen and len(right.paper_keys) == len(left.paper_keys):
                assert (left.cohesion or 0) >= (right.cohesion or 0), (left.label, right.label)


@pytest.mark.parametrize("profile", FULL, ids=lambda p: p.name)
def test_the_opening_names_no_line_by_a_phrase_the_whole_record_uses(profile: Path) -> None:
    """"centre on cross-lingual language model pre-training (13 papers), reasoning models (5
    papers) and language models (3 papers)": 14 papers of the record use "language models",
    3 of them that line's. A name most of whose users are outside its line says nothing of
    the line, and the opening leaves it out rather than naming a smaller line instead."""
    profile_, facts = _loaded(profile)
    planner = Planner(profile_, facts)
    opening = _bio(profile, 150)[0]
    for topic in planner._bio_lines():
        # The singular too: "centre on electrolytes (3 papers)" where 9 papers of 10 say
        # "electrolyte" and 5 "electrolytes".
        users = [p for p in profile_.papers
                 if planner.paper_uses(p, name_users_form(topic.label))]
        inside = [p for p in users if p.key in topic.paper_keys]
        assert 2 * len(inside) >= len(users), (topic.label, len(inside), len(users))
        assert f"{topic.label} (" in opening, (topic.label, opening)
    if profile == EXAMPLE:
        assert "and language models (3 papers)" not in opening, opening
        assert "conversational machine reading comprehension" not in opening, opening


def test_a_line_named_in_the_plural_is_told_apart_by_its_singular_too() -> None:
    """Kwame Asante-Lindgren's opening said "centre on electrolytes (3 papers)": 5 papers
    say "electrolytes" (3 of them the line's), but 9 of the 10 say "electrolyte". A line
    whose name the whole record uses is no centre of it."""
    profile = EVALS / "kwame-asante-lindgren.json"
    planner = Planner(*_loaded(profile))
    assert [t.label for t in planner._bio_lines()] == ["sodium"]
    assert "electrolytes (" not in _bio(profile, 150)[0]


def test_a_line_led_whole_says_both_or_all_of_them() -> None:
    """"Two papers ... make up this line of work, 2 of them with Tregarthen as first
    author": a part as large as its whole is told as the whole."""
    profile = EVALS / "ysolde-tregarthen.bib"
    planner = Planner(*_loaded(profile))
    said = {t.label: planner._line_detail(t, told=False)[0] for t in planner.facts.topics
            if not t.other}
    assert said["northern Malakula"].startswith(", both with ")
    assert said["echo-subject marking"].startswith(", all of them with ")
    assert said["linguolabial stops"].startswith(", 4 of them with ")


@pytest.mark.parametrize(("fact", "brief"), [
    # a held-out astronomer's bio named her first paper for its instrument and wavelengths
    ("presents ground-based transmission spectroscopy of the hot Jupiter TAVI-3b obtained "
     "during three transits with the KESTREL long-slit spectrograph, covering 0.52–0.90 μm "
     "at a resolving power of about 1,100",
     "presents ground-based transmission spectroscopy of the hot Jupiter TAVI-3b"),
    ("introduces asynchronous thinking (AsyncThink) as a new paradigm of reasoning with large "
     "language models, which organizes the internal thinking process into structures",
     "introduces asynchronous thinking (AsyncThink) as a new paradigm of reasoning with large "
     "language models"),
    # no cut where a list or a statement goes on, or inside an aside
    ("compares three ways of obtaining phone-level alignments for Kàndà: a language-independent "
     "aligner, an English-trained model with a phone mapping, and a multilingual model", None),
    ("shows that for every d = d(n) with d → ∞ and d ≤ n^{1/2}/log n, with probability "
     "1 − o(1) the independence number of G_{n,d} equals (2 + o(1))", None),
    ("pays out when the Normalized Difference Vegetation Index (NDVI), measured by MODIS at "
     "250-metre resolution over a village, falls below its tenth percentile", None),
    ("reports that net hourly earnings rose by 14% over the first 500 hours of driving, "
     "mainly through better choice of times and locations rather than faster driving", None),
])
def test_a_bio_names_a_paper_for_what_it_is(fact: str, brief: str | None) -> None:
    from agent.realize import _brief

    assert _brief(fact) == (brief or fact)


def test_the_bio_tells_a_signature_work_briefly() -> None:
    """The example's bio named AsyncThink for what it is, not for every clause of its
    abstract's sentence; the lines of work section still tells the whole."""
    text = " ".join(_bio(EXAMPLE, 150))
    assert "a new paradigm of reasoning with large language models" in text
    assert "which organizes the internal thinking process" not in text
