"""Found by reading what the tool writes of a profile no code had seen (evals/profiles/
wilhelmina-achebe-strand.bib: a maritime historian, a Zotero-style BibTeX export of
monographs, chapters, a thesis, a review and an edited volume), and what it now writes.

Before (`research-agent report FILE --writing plan`):
- the edited volume, whose entry names her as editor and no author, read "Women of the
  Waterfront ... (2022), with Achebe-Strand as sole author, brings together eleven
  studies", and counted among her sole-authored works ("sole author of all 5 papers from
  2021 to 2026"), which `verify` passed;
- an abstract's TeX dash stayed as typed ("pay books of Hull-registered ships,
  1700--1760"), since only an abstract with a backslash or a brace was decoded.
"""

from __future__ import annotations

import re

import pytest

from agent.models import OwnerPosition
from agent.parse import load_profile
from agent.pipeline import _made_identity
from agent.questions import _topic_of_claim, without_claim_noun
from agent.realize import _IT_ARGUES, contribution
from tests.conftest import (EXAMPLE_AS_OF, REPO, plan_answer_text, plan_report,
                            profile_verifier, table_row)

HISTORIAN = REPO / "evals" / "profiles" / "wilhelmina-achebe-strand.bib"
VOLUME = "achebestrand2022women"
WATERFRONT = ('"Women of the Waterfront: Gender and Maritime Labour around the North Sea, '
              '1600–1850" (2022)')


@pytest.fixture(scope="module")
def report() -> str:
    return plan_report(HISTORIAN)


def test_an_edited_volume_is_edited_not_written() -> None:
    profile = load_profile(HISTORIAN, as_of=EXAMPLE_AS_OF)
    papers = {p.key: p for p in profile.papers}
    assert papers[VOLUME].edited
    assert papers[VOLUME].owner_position is OwnerPosition.EDITOR
    # A chapter names its book's editors too, and its own author: hers.
    chapter = papers["achebestrand2016counting"]
    assert not chapter.edited and chapter.owner_position is OwnerPosition.SOLE


def test_the_report_says_who_edited_it(report: str) -> None:
    assert f"{WATERFRONT}, edited by Achebe-Strand, brings together eleven studies" in report
    assert f"{WATERFRONT}, with Achebe-Strand as sole author" not in report
    assert "sole author of all 5 papers from 2021 to 2026" not in report
    assert "Achebe-Strand is the sole author of 4 of the 5 papers from 2021 to 2026" in report


@pytest.mark.parametrize(("sentence", "key", "supported"), [
    (f"{WATERFRONT}, edited by Achebe-Strand, brings together eleven studies of women's work.",
     VOLUME, True),
    (f"{WATERFRONT}, with Achebe-Strand as sole author, brings together eleven studies of "
     "women's work.", VOLUME, False),
    ("Achebe-Strand is the sole author of " + WATERFRONT + ".", VOLUME, False),
    # A work she wrote is no work she edited.
    ('"Linking Sailors: The North Sea Crews Database, 1680–1850, and the Problem of the '
     'Missing Seaman" (2023), edited by Achebe-Strand, introduces the North Sea Crews '
     "Database.", "achebestrand2023linking", False),
])
def test_an_editor_is_checked_as_a_role(sentence: str, key: str, supported: bool) -> None:
    assert profile_verifier(HISTORIAN).check(sentence, [key]).supported is supported


def test_edited_by_a_method_is_no_role() -> None:
    """'Edited by' names a role only before a person's name."""
    check = profile_verifier(REPO / "examples" / "zewen-chi.txt").check(
        "Sentences edited by the model keep their alignment.", [])
    assert not any("edited by" in r for r in check.reasons)


def test_a_tex_dash_in_an_abstract_is_a_dash(report: str) -> None:
    row = table_row(report, "achebestrand2013able")
    assert "Hull-registered ships, 1700–1760, to examine" in row
    assert not re.search(r"\w--\w", report)


@pytest.mark.parametrize("question", [
    "Did her estimate of the impact of impressment hold up?",
    "Did her impressment estimate hold up?",
])
def test_whether_an_estimate_held_up_quotes_what_each_paper_says_of_it(question: str) -> None:
    """Before: "Did her impressment estimate hold up?" answered "Yes: 3 papers in the record
    are on impressment estimate hold up", and "Did her estimate of the impact of impressment
    hold up?" that the record "holds no papers on impact of impressment". Now the papers on
    it, in order, each in its own words: the estimate, its revision (quoted with the recap
    it weighs), and the later caution."""
    answer = plan_answer_text(HISTORIAN, question)
    assert not answer.startswith(("Yes", "The record"))
    estimate = answer.index("removed roughly one in three able seamen (c. 32 per cent)")
    revised = answer.index("That figure was too high")
    bounds = answer.index("should be read as upper bounds")
    assert estimate < revised < bounds
    # The 2023 paper's recap of the 2015 estimate is quoted only with the sentence that
    # weighs it.
    assert answer.count("In Wages of the Sea (2015) I estimated") == 1


@pytest.mark.parametrize(("what", "topic"), [
    ("estimate of the impact of impressment", "impressment estimate"),
    ("impressment estimate", "impressment estimate"),
    ("famine interpretation of the mass grave", "famine interpretation of the mass grave"),
])
def test_a_claim_named_before_its_subject_is_asked_of_its_subject(what: str, topic: str) -> None:
    assert _topic_of_claim(what) == topic
    assert without_claim_noun("impressment estimate") == "impressment"


def test_what_a_book_argues_is_what_it_does() -> None:
    """A humanities abstract names its own kind of work with "the" ("The book argues that
    ...", "This reply accepts ...") or goes on with "It argues ...": before, the 2019 book
    and the 2020 reply had no statement, and their sentences in the prose were bare ("X is
    the sole author of ...")."""
    papers = {p.key: p for p in load_profile(HISTORIAN, as_of=EXAMPLE_AS_OF).papers}
    assert contribution(papers["achebestrand2020poor"]).startswith(
        "accepts that poor-law records are a biased sample")
    assert contribution(papers["achebestrand2024kin"]).startswith(
        "argues that maritime recruitment ran through households")
    # "It" with a verb of argument only: "It remains unclear ..." says nothing of the work.
    assert _IT_ARGUES.match("It remains unclear whether seamen moved between ports.") is None


def test_who_she_has_written_with() -> None:
    answer = plan_answer_text(HISTORIAN, "Who has she written with?")
    assert answer.startswith("Wilhelmina Achebe-Strand's most frequent co-authors in this "
                             "record are Ingeborg Haukås and Maarten van der Kolk")


def test_a_lone_paper_is_not_said_to_concern_a_line_it_does_not_name() -> None:
    """Before: "The only paper of 2015 concerns North Sea Crews Database", cited with the
    2023 paper that introduces the database; the 2015 book never names it."""
    answer = plan_answer_text(HISTORIAN, "What did her first book, Wages of the Sea (2015), "
                                         "argue?")
    assert "concerns North Sea Crews Database" not in answer
    assert "traces the life course of the North Sea sailor" in answer


@pytest.mark.parametrize(("written", "planned", "made"), [
    # The embedded model's rewrite of the 2017 article, which the verifier passed.
    ('In 2017, "Left at Home to Shift: Seamen\'s Wives" is the women who sustain seafaring '
     "households [k].", 'In 2017, "Left at Home to Shift: Seamen\'s Wives" turns to the shore, '
     "and to the women whose work sustained seafaring households [k].", True),
    ('"Left at Home to Shift: Seamen\'s Wives" (2017) examines the women who sustained '
     "seafaring households [k].", '"Left at Home to Shift: Seamen\'s Wives" (2017) turns to the '
     "women whose work sustained seafaring households [k].", False),
    # What the claim says a paper is, the rewrite may say it is.
    ('"HOME-TOGETHER: Protocol for a Trial" (2023) is a pragmatic two-arm trial [k].',
     '"HOME-TOGETHER: Protocol for a Trial" (2023) is a pragmatic, two-arm cluster trial [k].',
     False),
])
def test_a_rewrite_may_not_turn_what_a_paper_does_into_what_it_is(written: str, planned: str,
                                                                  made: bool) -> None:
    assert _made_identity(written, planned) is made


def test_a_paper_may_be_said_to_be_what_it_presents() -> None:
    assert not _made_identity('"XLM-T: A Multilingual Model" (2020) is a multilingual model '
                              "for tweets [k].", '"XLM-T: A Multilingual Model" (2020) presents '
                              "a multilingual model for tweets [k].")


def test_two_questions_joined_are_answered_in_turn() -> None:
    """Before: "How many entries are in her record, and how much of her work is
    single-authored?" answered "Five papers in the record are on many entries are in her
    record and How much of her work is single-authored"; each part is now its own
    question, answered in turn. A second part that points back ("..., and what does it
    argue?") or that a rule reads whole stays one question (tests elsewhere)."""
    answer = plan_answer_text(HISTORIAN, "How many entries are in her record, and how much of "
                                         "her work is single-authored?")
    assert answer.startswith("Wilhelmina Achebe-Strand has 14 papers in this record, dated "
                             "2011 to 2026")
    assert "Wilhelmina Achebe-Strand is sole author of 11 of the 14 papers in this record" \
        in answer
    database = plan_answer_text(HISTORIAN, "When did she start doing digital history, and what "
                                           "is the database?")
    assert "introduces the North Sea Crews Database (NSCD)" in database
    assert "Five papers in the record are on what is the database" not in database


def test_the_rewrite_that_makes_a_paper_what_it_is_gives_way() -> None:
    """Through the pipeline's own reasons: the verifier passes the rewrite (its every word
    is the abstract's), the rewrite check does not."""
    from agent import api
    from agent.config import Settings
    from agent.models import Claim
    from agent.pipeline import _reasons

    profile = api.load(HISTORIAN, as_of=EXAMPLE_AS_OF)
    title = ('"“Left at Home to Shift”: Seamen\'s Wives, Credit and the Parish in Great '
             'Yarmouth, 1740–1790" (2017)')
    planned = (f"{title} turns to the shore, and to the women whose work sustained seafaring "
               "households while their husbands were at sea.")
    written = f"{title} is the women who sustain seafaring households while their husbands " \
              "are at sea."
    with api.session(Settings(writing="plan")) as session:
        job = api.job(profile, session)
        claim = Claim(id="c1", text=planned, keys=["achebestrand2017left"])
        reasons, verified = _reasons(job, written, ["achebestrand2017left"], claim)
        assert verified  # the verifier alone passes it
        assert any("says what a paper is" in r for r in reasons)
        assert not any("says what a paper is" in r for r in _reasons(
            job, planned, ["achebestrand2017left"], claim)[0])
