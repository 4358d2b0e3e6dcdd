"""What the fact answers say of the record itself, read by the verifier: undated papers,
the span of the dated ones, the page's primary category, a person no author list shows,
the owner hidden behind "et al.", what the abstracts say the papers release, what no
record counts, and the line a paper is on.

Found by evals/fact_answers.py: 25 of 216 sentences of the tool's own fact answers failed
`research-agent verify` on the eval profiles. One was false: "Zoë Brännström-Okafor has 6
papers in this record, dated 2019 to 2024", where one of the six carries no date. The
others were true and the verifier could not read them; each now passes, and the same
sentence with the fact changed fails.
"""

from __future__ import annotations

import pytest

from agent.analyze import analyze
from agent.fact_questions import answer_from_facts
from agent.models import Profile
from agent.parse import load_profiles
from agent.verify import Verifier
from tests.conftest import EXAMPLE_AS_OF, FIXTURES, REPO

TOKENS, CALIBRATION = "brannstromokafor2019counting", "brannstromokafor2024calibration"
NOTES = "brannstromokaforndlecture"  # year "n.d.": the one undated paper


def _load(path) -> tuple[Profile, Verifier]:
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    return profile, Verifier(profile, analyze(profile))


@pytest.fixture(scope="module")
def zoe() -> tuple[Profile, Verifier]:
    return _load(FIXTURES / "inputs" / "brannstrom.bib")


@pytest.fixture(scope="module")
def ines() -> tuple[Profile, Verifier]:
    return _load(REPO / "evals" / "profiles" / "ines-okafor.txt")


@pytest.mark.parametrize(("sentence", "keys", "supported"), [
    # The span of the dated papers is not every paper's.
    ("Zoë Brännström-Okafor has 6 papers in this record; 5 of them are dated, from 2019 "
     "to 2024.", [TOKENS, CALIBRATION], True),
    ("Zoë Brännström-Okafor has 6 papers in this record; 6 of them are dated, from 2019 "
     "to 2024.", [TOKENS, CALIBRATION], False),
    ("Zoë Brännström-Okafor has 6 papers in this record, dated 2019 to 2024.",
     [TOKENS, CALIBRATION], False),
    # "dated 2019 to 2024" is a span, not the papers of 2019.
    ("5 papers in this record are dated 2019 to 2024.", [], True),
    # A title said to be undated is checked against its paper's date.
    ('"Lecture Notes on Multilingual NLP" is undated.', [NOTES], True),
    ('"Counting Tokens Across Scripts" is undated.', [TOKENS], False),
    ('Her first-author papers include "Counting Tokens Across Scripts" (2019) and "Lecture '
     'Notes on Multilingual NLP" (undated).', [TOKENS, NOTES], True),
    ('Her first-author papers include "Counting Tokens Across Scripts" (undated) and '
     '"Lecture Notes on Multilingual NLP" (2019).', [TOKENS, NOTES], False),
    # Undated papers counted.
    ("1 paper in this record is undated.", [], True),
    ("2 papers in this record carry no date.", [], False),
])
def test_undated_papers_and_the_span_of_the_dated(zoe, sentence: str, keys: list[str],
                                                   supported: bool) -> None:
    assert zoe[1].check(sentence, keys).supported is supported


def test_the_count_of_a_record_with_an_undated_paper_says_so(zoe) -> None:
    profile, verifier = zoe
    for question in ("How many papers does she have?", "What years do her papers span?",
                     "How many papers per year?"):
        found = answer_from_facts(question, profile, analyze(profile))
        assert found is not None
        text = " ".join(s.text for s in found.sentences)
        assert "dated 2019 to 2024 in this record" not in text
        assert '"Lecture Notes on Multilingual NLP" is undated.' in text, text
        for sentence in found.sentences:
            assert verifier.check(sentence.text, sentence.keys).supported, sentence.text


@pytest.mark.parametrize(("sentence", "supported"), [
    ("Ines Okafor's profile page gives RO as the primary category.", True),
    ("Ines Okafor's profile page gives LG as the primary category.", False),
    ("Geoffrey Hinton is not among the visible authors of the record's 11 papers.", True),
    ("Geoffrey Hinton is not among the visible authors of the record's 12 papers.", False),
    ("Amara Nwosu is not among the visible authors of the record's 11 papers.", False),
    # Two author lists end in "et al.": only the visible authors can be ruled out.
    ("No: Geoffrey Hinton is not among the authors of the record's 11 papers.", False),
    ('2 of the 11 author lists end in "et al.", so the record cannot rule it out.', True),
    ('3 of the 11 author lists end in "et al.", so the record cannot rule it out.', False),
    # The owner's own place behind "et al.".
    ('On 1 of the 11 papers the author list ends in "et al." before Ines Okafor\'s name, so '
     "the record cannot tell Ines Okafor's position on it.", True),
    ('On 2 of the 11 papers the author list ends in "et al." before Ines Okafor\'s name, so '
     "the record cannot tell Ines Okafor's position on them.", False),
    ("The record of Ines Okafor counts no citations per paper, so it cannot rank the works "
     "by importance.", True),
    ("The other 11 are not listed here.", True),
])
def test_what_the_record_shows_of_itself(ines, sentence: str, supported: bool) -> None:
    assert ines[1].check(sentence, []).supported is supported


@pytest.mark.parametrize(("count", "keys", "supported"), [
    (1, ["brandt2023benchmarking"], True),
    (2, ["brandt2023benchmarking"], False),
])
def test_a_count_of_papers_that_say_a_thing_counts_those_cited(ines, count: int,
                                                                keys: list[str],
                                                                supported: bool) -> None:
    sentence = (f"{count} paper{'s' if count > 1 else ''} in this record "
                f"{'say' if count > 1 else 'says'} in "
                f"{'their abstracts' if count > 1 else 'its abstract'} what "
                f"{'they build or release' if count > 1 else 'it builds or releases'}.")
    assert ines[1].check(sentence, keys).supported is supported


@pytest.mark.parametrize(("line", "supported"), [("cells", True), ("protein", False),
                                                 ("atlases", False)])
def test_a_lines_name_is_said_of_the_papers_on_it(line: str, supported: bool) -> None:
    """The line's label ("cells") need not be its first keyword ("spatial"): it names the
    line all the same, and a paper on another line is not on it. SparseFA, which never
    says "atlases", was once held in that line for reading like it; it is on no line now."""
    _, verifier = _load(REPO / "evals" / "profiles" / "maren-lindqvist.txt")
    sentence = (f"On {line}, Maren Lindqvist's first-author papers include \"Spatial "
                f"Transcriptomics Deconvolution with Optimal Transport\" (2024).")
    assert verifier.check(sentence, ["lindqvist2024spatial"]).supported is supported
