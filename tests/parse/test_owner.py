"""Whose record it is: matching the owner's written name, and --author, stated or inferred."""

from __future__ import annotations

import datetime as dt

import pytest

from agent.errors import UsageError
from agent.models import OwnerPosition
from agent.names import COMPATIBLE, DIFFERENT, EXACT, clean_name, name_match, owner_position
from agent.parse import parse_text

AS_OF = dt.date(2026, 11, 28)


@pytest.mark.parametrize("written, expected", [
    ("Zewen Chi", EXACT),
    ("Chi, Zewen", EXACT),                 # "Surname, Given"
    ("Chi Zewen", EXACT),                  # family name first
    ("Zewen Chi*", EXACT),                 # equal contribution
    ("Zewen Chi†", EXACT),
    ("Zewen Chi (equal contribution)", EXACT),
    ("Zewen Chi1,2", EXACT),               # affiliation numbers
    ("Zewen Chi¹", EXACT),
    ("Z. Chi", COMPATIBLE),                # initials
    ("Z Chi", COMPATIBLE),
    ("Chi, Z.", COMPATIBLE),
    ("Zhiyuan Chi", DIFFERENT),
    ("Zewen Cho", DIFFERENT),
    ("Chi", DIFFERENT),                    # a surname alone is nobody in particular
])
def test_owner_spellings(written: str, expected: int) -> None:
    assert name_match(written, "Zewen Chi") == expected


@pytest.mark.parametrize("a, b", [
    (r"M{\"u}ller, Ren{\'e}", "René Müller"),          # LaTeX escapes
    (r"Ren\'{e} M\"{u}ller", "Rene Muller"),           # and accents dropped
    ("Jean-Pierre Sartre", "J.-P. Sartre"),            # hyphenated given names
    ("Jean-Pierre Sartre", "JP Sartre"),
    ("Jean Pierre Sartre", "Jean-Pierre Sartre"),
    ("Søren Kierkegaard", "Soren Kierkegaard"),         # letters with no decomposition
    ("Ludwig van Beethoven", "van Beethoven, Ludwig"),  # particles
    ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
    ("Anna Smith-Jones", "A. Smith-Jones"),
    ("山田 太郎", "山田太郎"),
])
def test_same_person_across_spellings(a: str, b: str) -> None:
    assert name_match(a, b) != DIFFERENT


def test_clean_name_reorders_and_strips_marks() -> None:
    assert clean_name("Chi, Zewen*") == "Zewen Chi"
    assert clean_name(r"Br{\"a}nnstr{\"o}m-Okafor, Zo{\"e}") == "Zoë Brännström-Okafor"
    assert clean_name("山田, 太郎") == "山田 太郎"


def test_exact_spelling_beats_an_initial() -> None:
    authors = ["Y. Wang", "Yu Wang", "Ann Lee"]
    assert owner_position(authors, False, "Yu Wang") is OwnerPosition.MIDDLE
    assert owner_position(["Y. Wang", "Ann Lee"], False, "Yu Wang") is OwnerPosition.FIRST
    assert owner_position(["Ann Lee"], True, "Yu Wang") is OwnerPosition.UNKNOWN
    assert owner_position(["Ann Lee"], False, "Yu Wang") is OwnerPosition.ABSENT


BIB = """
@article{a, title={First Paper}, author={Lee, Ann and Chen, Bo}, year=2020}
@article{b, title={Second Paper}, author={A. Lee and Diaz, Carla}, year=2021}
@article{c, title={Third Paper}, author={Evans, Dan and Lee, Ann}, year=2022}
"""


def test_owner_inferred_from_most_papers_and_said_once() -> None:
    notes: list[str] = []
    profile = parse_text(BIB, as_of=AS_OF, source="refs.bib", notify=notes.append)
    assert profile.name == "Ann Lee"  # the full spelling, not "A. Lee"
    assert notes == ["owner not given: taking Ann Lee, who is on 3 of 3 papers (name another "
                     "with --author)"]
    positions = {p.title: p.owner_position for p in profile.papers}
    assert positions == {"First Paper": OwnerPosition.FIRST, "Second Paper": OwnerPosition.FIRST,
                         "Third Paper": OwnerPosition.LAST}


def test_author_flag_names_someone_else_and_lists_papers_without_them() -> None:
    notes: list[str] = []
    profile = parse_text(BIB, as_of=AS_OF, source="refs.bib", author="Bo Chen",
                         notify=notes.append)
    assert profile.name == "Bo Chen" and notes == []
    assert [str(i) for i in profile.issues] == [
        'line 3: Bo Chen is not among the authors of "Second Paper"',
        'line 4: Bo Chen is not among the authors of "Third Paper"',
    ]


def test_ambiguous_owner_requires_author() -> None:
    text = "@article{a, title={Joint Work}, author={Lee, Ann and Chen, Bo}, year=2020}\n"
    with pytest.raises(UsageError, match="Ann Lee, Bo Chen are each on 1 of 1 papers") as info:
        parse_text(text, as_of=AS_OF, source="one.bib")
    assert info.value.exit_code == 2 and "--author" in str(info.value)


def test_owner_on_fewer_than_half_the_papers_is_ambiguous() -> None:
    names = "Abe Baker Cole Dunn Eng Ford".split()
    entries = "".join(f"@article{{e{i}, title={{Paper {i}}}, author={{{n}, Solo and "
                      f"{'Lee, Ann' if i < 2 else f'{n}son, Xi'}}}, year=2020}}\n"
                      for i, n in enumerate(names))
    with pytest.raises(UsageError, match="the most frequent author, Ann Lee, is on only 2 of 6"):
        parse_text(entries, as_of=AS_OF)


def test_empty_author_flag_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--author is empty"):
        parse_text(BIB, as_of=AS_OF, author="  ")


def test_profile_page_owner_wins_over_inference_and_author_overrides_it() -> None:
    page = ("Ann Example\n\n1 Papers\n\nCLJan 1, 2020\nJoint Paper\n\n"
            "Bo Chen, Ann Example\n\nText.\n")
    assert parse_text(page, as_of=AS_OF).name == "Ann Example"
    as_bo = parse_text(page, as_of=AS_OF, author="Chen, Bo")
    assert as_bo.name == "Bo Chen" and as_bo.papers[0].owner_position is OwnerPosition.FIRST
    # Metrics belong to the page's owner, not to whoever --author names.
    assert as_bo.claimed_paper_count is None
