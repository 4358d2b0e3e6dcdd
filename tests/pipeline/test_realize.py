"""The realizer writes planned claims a person would: no sentence only says a paper exists,
openings vary, a figure comes with what it measures and against what, a paper is named by its
full title once and by its short name after, the owner by surname after the first mention
(issue 16, item 3). Each check runs on the example and on the fixture and eval profiles."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from agent.analyze import analyze
from agent.models import DatePrecision, OwnerPosition, Paper, Profile
from agent.parse import load_profiles
from agent.plan import Planner
from agent.realize import (FILLER, Realizer, opening, other_names, result, short_name,
                           stated_result)
from agent.verify import Verifier
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, FIXTURES, PROFILES, REPO, abstract_paper, plan_report

EVALS = REPO / "evals" / "profiles"
ALL = [EXAMPLE, *sorted(PROFILES.glob("*.txt")), *sorted(EVALS.glob("*")),
       *(FIXTURES / "inputs" / n for n in ("brannstrom.bib", "openalex-works.json",
                                            "orcid-record.json", "zotero.json"))]
# Profiles whose report plans enough sentences for a share of openings to mean something.
LARGE = [EXAMPLE, *(EVALS / n for n in ("helena-kowalczyk.txt", "maren-lindqvist.txt"))]


def planned(path: Path) -> tuple[Planner, list[tuple[str, list[str]]]]:
    """The planned sentences of a report (bio, trajectory, lines of work), in order."""
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    planner = Planner(profile, analyze(profile))
    outlines = [planner.bio(150), planner.trajectory(), planner.topics()]
    return planner, [(c.text, c.keys) for o in outlines for s in o.sections for c in s.claims]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_sentence_only_says_a_paper_exists(path: Path) -> None:
    _, claims = planned(path)
    assert [t for t, _ in claims if FILLER.search(t)] == []


@pytest.mark.parametrize("path", LARGE, ids=lambda p: p.name)
def test_no_three_word_opening_on_more_than_15_percent(path: Path) -> None:
    _, claims = planned(path)
    top, count = Counter(opening(t) for t, _ in claims).most_common(1)[0]
    assert count / len(claims) <= 0.15, (top, count, len(claims))


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_the_owners_full_name_once_then_the_surname(path: Path) -> None:
    planner, claims = planned(path)
    owner = planner.owner
    named = [t for t, _ in claims if owner in t]
    assert len(named) <= 1, named
    # and the role never opens most sentences
    framed = [t for t, _ in claims if re.match(rf"(?:{re.escape(owner)}|"
                                                rf"{re.escape(planner.realizer.surname)})'s "
                                                r"first-author", t)]
    assert len(framed) <= max(2, len(claims) * 0.15), framed


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_a_paper_named_again_is_named_by_its_short_name(path: Path) -> None:
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    planner = Planner(profile, analyze(profile))
    for outline in (planner.bio(300), planner.trajectory(), planner.topics()):
        said: Counter[str] = Counter()
        for section in outline.sections:
            for claim in section.claims:
                for paper in profile.papers:
                    if short_name(paper) and f'"{paper.title}"' in claim.text:
                        said[paper.key] += 1
        assert [k for k, n in said.items() if n > 1] == [], outline.task


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_a_report_names_a_paper_by_full_title_once(path: Path) -> None:
    """A report is one document: after its first full title a paper with a short name goes
    by that name in every later part, and no sentence names it as its own object
    ("IGap (2023) proposes IGap, a metric")."""
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    planner = Planner(profile, analyze(profile))
    with planner.one_document():
        outlines = [planner.bio(150), planner.trajectory(), planner.topics()]
    claims = [c.text for o in outlines for s in o.sections for c in s.claims]
    for paper in profile.papers:
        name = short_name(paper)
        if not name:
            continue
        titled = [t for t in claims if f'"{paper.title}"' in t]
        assert len(titled) <= 1, titled
        # ... and that once is its first mention (a bio's trial plans name nothing).
        named = [t for t in claims if f'"{paper.title}"' in t or f"{name} ({paper.year})" in t]
        assert not named or named[0] == (titled or [None])[0], (name, named[:2])
        echoed = [t for t in claims if re.search(
            rf"\b{re.escape(name)} \({paper.year}\),? (?:which )?(?:proposes|presents|"
            rf"introduces) (?:the |a |an )?{re.escape(name)}\b", t)]
        assert echoed == [], echoed


# A number with nothing after it but a word or two ("reports 15,000 tables", "achieves
# 2-5", "reports 2B -parameter reward model accuracy"): a figure cut from its measure.
FRAGMENT = re.compile(r"\b(?:reports|achieves)\s+(?:up to\s+)?\S*\d\S*(?:\s+\S+){0,4}\.$")


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_figure_cut_from_what_it_measures(path: Path) -> None:
    _, claims = planned(path)
    assert [t for t, _ in claims if FRAGMENT.search(t)] == []


def test_the_example_reads_as_issue_16_asks() -> None:
    planner, claims = planned(EXAMPLE)
    text = "\n".join(t for t, _ in claims)
    assert "reports 15,000 tables" not in text
    assert "is part of this work" not in text
    # a figure with what it measures and against what (where the paper's contribution
    # is not quoted instead: the notable results of a long bio)
    era = planner.papers["chi2025era"]
    assert ("reports that AsyncThink achieves 28% lower inference latency compared to "
            "parallel thinking") in planner.realizer.notable(era).text
    # a paper whose abstract says "To tackle this problem, we propose ..." is quoted
    assert "proposes a new graph neural network for recognizing the table structure" in text
    # the owner's role said where it matters, by surname
    assert re.search(r"\bChi's first-author papers? ", text)
    # short names where a paper is named a second time
    outline = planner.trajectory()
    second = [c.text for s in outline.sections for c in s.claims]
    assert not any(t.count('"Reward Reasoning Model" (2025)') > 1 for t in second)


@pytest.mark.parametrize(("title", "abstract", "name"), [
    ("InfoXLM: An Information-Theoretic Framework", "We present InfoXLM.", "InfoXLM"),
    ("XLM-E: Cross-lingual Pre-training via ELECTRA", "XLM-E is pre-trained.", "XLM-E"),
    ("MT6: Multilingual Text-to-Text Transformer", "We present mT6, ...", "mT6"),
    ("VIBEVOICE-ASR Technical Report", "We present VibeVoice-ASR, a model.", "VibeVoice-ASR"),
    ("FlashBack:Efficient Retrieval", "We propose FlashBack, a modular RALM.", "FlashBack"),
    ("Language Is Not All You Need: Aligning Perception",
     "In this work, we introduce Kosmos-1, a Multimodal Large Language Model.", "Kosmos-1"),
    ("Cross-Lingual Phrase Retrieval",
     "In this paper, we propose XPR, a cross-lingual phrase retriever.", "XPR"),
    ("On-Policy RL with Optimal Reward Baseline",
     "We propose On-Policy RL with Optimal reward baseline (OPO), a new algorithm.", "OPO"),
    # no name: a phrase before a colon, a plural acronym, a common one
    ("Breaking Training Bottlenecks: Effective RL", "We study RL for coding.", None),
    ("Reward Reasoning Model", "We introduce Reward Reasoning Models (RRMs), which reason.",
     None),
    ("Scaling Study", "We present a large language model (LLM) study.", None),
])
def test_short_name(title: str, abstract: str, name: str | None) -> None:
    paper = Paper(key="x2020y", title=title, abstract=abstract)
    assert short_name(paper) == name


OWNER = "Rosa Lindgren"


def _paper(key: str, year: int, position: OwnerPosition, title: str, abstract: str) -> Paper:
    authors = [OWNER, "Tomas Okoro"] if position is OwnerPosition.FIRST else [
        "Tomas Okoro", OWNER]
    return Paper(key=key, title=title, abstract=abstract, authors=authors,
                 owner_position=position, date=dt.date(year, 5, 6),
                 date_precision=DatePrecision.DAY)


PAPERS = [
    _paper("lindgren2018tidenet", 2018, OwnerPosition.FIRST,
           "TideNet: Recurrent Networks for Tidal Prediction",
           "We present TideNet, a recurrent network that predicts tidal heights at 40 harbour "
           "stations. TideNet lowers the mean absolute error by 18% compared with harmonic "
           "analysis."),
    _paper("lindgren2019wavegan", 2019, OwnerPosition.FIRST,
           "WaveGAN: Generating Ocean Wave Fields",
           "We introduce WaveGAN, a conditional adversarial network for ocean wave fields."),
    _paper("okoro2020atlas", 2020, OwnerPosition.MIDDLE, "OceanAtlas: Ocean Imagery and Text",
           "We present OceanAtlas, a multimodal model of ocean imagery and text."),
    _paper("okoro2021survey", 2021, OwnerPosition.MIDDLE, "A Survey of Coastal Sensors",
           "Coastal sensors are surveyed."),
]


@pytest.fixture(scope="module")
def ocean() -> tuple[Profile, Realizer, Verifier]:
    profile = Profile(name=OWNER, as_of=dt.date(2024, 1, 1), papers=PAPERS)
    facts = analyze(profile)
    return profile, Realizer(OWNER, {"lindgren2018tidenet": ["18%"]}), Verifier(profile, facts)


def test_grouped_sentences_verify_and_name_papers_once(ocean) -> None:
    profile, realizer, verifier = ocean
    claims = realizer.papers(profile.papers)
    texts = [c.text for c in claims]
    assert texts[0].startswith("Rosa Lindgren's first-author paper")
    assert not any("A Survey of Coastal Sensors" in t for t in texts)  # nothing to say of it
    for claim in claims:
        verdict = verifier.check(claim.text, claim.keys)
        assert verdict.supported, (claim.text, verdict.reasons)
    # named again: the short name with its year, and the owner by surname
    again = realizer.papers(profile.papers[:1])
    assert again[0].text.startswith(("Lindgren's first-author paper TideNet (2018) ",
                                     "TideNet (2018), with Lindgren as first author",
                                     "First-authored by Lindgren, TideNet (2018)"))
    assert verifier.check(again[0].text, again[0].keys).supported


def test_a_result_is_the_whole_clause_or_nothing(ocean) -> None:
    profile, _, _ = ocean
    tidenet = profile.papers[0]
    assert result(tidenet, ["18%"]) == ("TideNet lowers the mean absolute error by 18% "
                                        "compared with harmonic analysis")
    bare = tidenet.model_copy(update={"abstract": "The dataset holds 15,000 tables."})
    assert result(bare, ["15,000"]) is None


def test_other_work_is_never_called_a_line(ocean) -> None:
    profile, realizer, _ = ocean
    realizer.reset()
    claims = realizer.papers(profile.papers[2:], other=True)
    assert claims and claims[0].text.startswith("Other work includes ")
    assert not any("line of work" in c.text for c in claims)


def _sections(outline) -> dict[str, list[str]]:
    return {s.title: [c.text for c in s.claims] for s in outline.sections}


def test_a_count_takes_its_first_work_as_an_example() -> None:
    """Issue 16's aggregation: a count of the owner's papers and the first of them are one
    sentence, ending with what the paper does (the part a small model may reword), and the
    papers after it are not told the role again."""
    planner, _ = planned(EXAMPLE)
    phases = _sections(planner.trajectory())
    first = phases["2019–2021"]
    example = next(t for t in first if t.startswith("Chi led 8 of the 13 papers"))
    assert ", including " in example and ", which proposes" in example, example
    assert not any(t.startswith("Chi led") and t.endswith("as first author.") for t in first)
    later = first[first.index(example) + 1:]
    assert not any("first-author" in t or "as first author" in t for t in later), later
    # a count of one paper: "...: X (2025) introduces ..." (in a report, where the bio has
    # given AsyncThink's full title; with it the sentence would be too long)
    with planner.one_document():
        planner.bio(150)
        last = _sections(planner.trajectory())["2025–2026"]
    assert any(re.search(r"first author of 1 of the 10 papers from 2025 to 2026: AsyncThink "
                         r"\(2025\) introduces ", t) for t in last), last
    lines = _sections(planner.topics())
    assert lines["cross-lingual language model pre-training"][0].startswith(
        "This line of work has 13 papers, from 2019 to 2023, 8 of them with Chi as first "
        "author, including ")
    # every such sentence is planned with the paper's part as its predicate, and verifies
    outline = planner.topics()
    verifier = Verifier(planner.profile, planner.facts)
    for claim in (c for s in outline.sections for c in s.claims if ", including " in c.text):
        assert claim.frame and claim.frame.endswith(", which"), claim.text
        assert verifier.check(claim.text, claim.keys).supported, claim.text


def test_the_turn_into_a_phase_says_the_share_its_leading_line_holds() -> None:
    planner, _ = planned(EXAMPLE)
    last = _sections(planner.trajectory())["2025–2026"]
    assert last[0].startswith("From 2025, the work turns to reasoning models (5 of the 10 "
                              "papers from 2025 to 2026) and structured sparsity"), last[0]
    assert not any(t.startswith("5 of the 10 papers") for t in last), last


def test_papers_that_fit_no_line_are_not_named_by_their_words() -> None:
    """A phase led by papers of no line of work said "2 papers mostly concern calibration,
    cross and lingual"; it now names no line."""
    for path in (FIXTURES / "inputs" / "brannstrom.bib", EVALS / "helena-kowalczyk.txt"):
        planner, claims = planned(path)
        other = next(t for t in planner.facts.topics if t.other)
        words = " and ".join(other.keywords[1:3])
        assert not [t for t, _ in claims if words in t], words


def test_a_paper_added_to_one_line_leaves_the_others_words() -> None:
    """Each section's openings start at a turn of its own, so that adding a paper to one
    line of work leaves the other lines' sentences, and their cached calls, unchanged (with
    one turn carried from section to section, the counts' examples changed all seven)."""
    profile = load_profiles([EXAMPLE], as_of=EXAMPLE_AS_OF)
    extra = Paper(key="chi2026study", title="A Study of Cross-Lingual Sentence Embeddings",
                  abstract="We study cross-lingual sentence embeddings for retrieval.",
                  authors=["Zewen Chi", "Li Dong"], owner_position=OwnerPosition.FIRST,
                  date=dt.date(2026, 3, 3), date_precision=DatePrecision.DAY)
    grown = profile.model_copy(update={"papers": [*profile.papers, extra]})
    lines = []
    for record in (profile, grown):
        planner = Planner(record, analyze(record))
        with planner.one_document():
            planner.bio(150)
            planner.trajectory()
            lines.append(_sections(planner.topics()))
    before, after = lines
    changed = [title for title in before if before[title] != after.get(title)]
    assert "cross-lingual language model pre-training" in changed
    assert len(changed) <= 2, changed


@pytest.mark.parametrize(("abstract", "said"), [
    ("Existing methods are unstable and costly. We propose OPO, a simplified reinforcement "
     "learning algorithm designed to address these challenges.",
     "proposes OPO, a simplified reinforcement learning algorithm"),
    ("Transfer needs two abilities. We propose language model meta-pretraining, which "
     "learns the two abilities in different training phases.",
     "proposes language model meta-pretraining"),
    # The antecedent in the sentence itself: nothing dangles, nothing is cut.
    ("We propose a tracker for thrown balls designed to handle these balls at 1 kHz.",
     "proposes a tracker for thrown balls designed to handle these balls at 1 kHz"),
])
def test_a_contribution_stops_before_a_clause_that_points_back(abstract: str,
                                                               said: str) -> None:
    from agent.realize import contribution

    paper = _paper("doe2025rl", 2025, OwnerPosition.FIRST, "A Paper", abstract)
    assert contribution(paper) == said


@pytest.mark.parametrize(("abstract", "figures", "stated"), [
    # a phrase before the subject, "the method" as the subject: plain in the paper's row
    ("We propose X. On a 7-DoF arm, the method succeeds in 94% of trials, compared with 61% "
     "for a vision-only policy.", ["94%"],
     "On a 7-DoF arm, the method succeeds in 94% of trials, compared with 61% for a "
     "vision-only policy"),
    # a figure that is a comparison itself
    ("DynaPrior reaches the final performance of SAC with 12x fewer real-world samples.",
     ["12x"], "DynaPrior reaches the final performance of SAC with 12x fewer real-world samples"),
    # a lead-in is left out
    ("Experiments show that the model achieves 28% lower latency than parallel thinking.",
     ["28%"], "The model achieves 28% lower latency than parallel thinking"),
    # "our tracker" is the row's paper's: "the tracker"
    ("Our tracker catches 83% of balls, compared with 46% for a camera.", ["83%"],
     "The tracker catches 83% of balls, compared with 46% for a camera"),
    # a result in words, against other work
    ("We present XPR. Experimental results show that XPR outperforms state-of-the-art "
     "baselines.", [], "XPR outperforms state-of-the-art baselines"),
    # against chance (Ysolde Tregarthen's 2015 row was empty)
    ("This paper examines the labial consonants of Ulnasi. A linear discriminant analysis "
     "classified stops by place with 91.3% accuracy, well above chance (33.3%).", ["91.3%"],
     "A linear discriminant analysis classified stops by place with 91.3% accuracy, well "
     "above chance (33.3%)"),
    # not "we", not a pointer back, not other work's comparison before the paper's own
    # statement, not a figure with nothing it is measured against
    ("We catch 83% of balls, compared with 46% for a camera.", ["83%"], None),
    ("We present X. It outperforms prior models.", [], None),
    ("Resources for translation are far more than for summarization. We present X.", [],
     None),
    ("A 7-DoF arm equipped with this tracker catches 83% of balls, compared with 46%.", ["83%"],
     None),
    ("The dataset holds 15,000 tables from scientific papers.", ["15,000"], None),
])
def test_a_papers_row_states_its_result_with_what_it_is_measured_against(
        abstract: str, figures: list[str], stated: str | None) -> None:
    """The papers table's key result (issue 16: a figure with what it measures and against
    what, or not at all): on the eval profiles most rows had none, though their abstracts
    state one plainly; the paper's own sentence stands, word for word."""
    assert stated_result(Paper(key="x2020y", title="X", abstract=abstract), figures) == stated


def test_the_eval_profiles_rows_state_their_results() -> None:
    profile = load_profiles([EVALS / "ines-okafor.txt"], as_of=dt.date(2026, 11, 28))
    facts = analyze(profile)
    figures: dict[str, list[str]] = {}
    for figure in facts.key_figures:
        figures.setdefault(figure.paper_key, []).append(figure.value)
    verifier = Verifier(profile, facts)
    stated = {p.key: s for p in profile.papers if (s := stated_result(p, figures.get(p.key, [])))}
    assert len(stated) >= 5
    assert stated["okafor2018learning"].endswith("compared with 61% for a vision-only policy")
    assert "vogel2026event" not in stated  # "this tracker" points back
    assert all(verifier.check(f"{s}.", [k]).supported for k, s in stated.items())


@pytest.mark.parametrize(("abstract", "name"), [
    ("We train BiDiff, a diffusion policy that denoises joint action sequences.", "BiDiff"),
    # a name set off after its noun phrase is one a question may use, not the prose
    ("We learn a latent world model, HomeDreamer, from 300 hours of play data.", None),
    # a method's acronym, named by "we train", is no name of the paper
    ("We train a conditional generative adversarial network (cGAN) that maps fields.", None),
])
def test_a_system_the_paper_trains_or_learns_is_its_short_name(abstract: str,
                                                               name: str | None) -> None:
    paper = Paper(key="x2023y", title="Some Title", abstract=abstract)
    assert short_name(paper) == name
    if "HomeDreamer" in abstract:
        assert other_names(paper) == ["HomeDreamer"]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_a_phase_held_by_one_line_is_marked_by_the_owners_work_on_it(path: Path) -> None:
    """"10 of the 13 papers ... concern cross-lingual language model pre-training. Chi led 8
    of the 13 papers ... as first author, including" a cross-lingual paper, not the phase's
    one paper on table recognition: where one line holds most of a phase and the owner led
    a paper on it, the first work the trajectory names is one of those."""
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    planner = Planner(profile, analyze(profile))
    for phase in planner.facts.phases:
        lines = planner._lines_in(phase)
        if not lines or planner._held(phase) is None:
            continue
        led = set(planner._led_keys(phase.paper_keys)) & set(lines[0][1])
        if led:
            assert planner._marking(phase)[0].key in led, (phase.start_year, lines[0][0].label)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_a_turn_is_to_lines_the_phase_before_did_not_hold(path: Path) -> None:
    """On a held-out profile the trajectory said "From 2018 to 2021, the 5 papers include
    work on manipulation and policies" and then "From 2022, the work turns to manipulation
    and policies": no turn at all. The work turns to a line the phase before did not have;
    to lines it had, now with a larger share, it concentrates (or, below half the phase's
    papers, turns more to them); to a line of an earlier phase
    that the one before lacked, it turns back; and the bio says so too."""
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    planner = Planner(profile, analyze(profile))
    phases = planner.facts.phases
    for index in range(1, len(phases)):
        before = {t.id for t, _ in planner._lines_in(phases[index - 1])}
        for claim in planner._turn_claims(phases[index], phases[index - 1]):
            named = [t for t, _ in planner._lines_in(phases[index]) if t.label in claim.text]
            assert named, claim.text
            had = all(t.id in before for t in named)
            # A larger share of lines it had: "concentrates on" them, or, when they hold
            # less than half the phase's papers, "turns more to" them (2 of 9 is no focus).
            assert ("concentrates on" in claim.text or "turns more to" in claim.text) == had, (
                claim.text, sorted(before))
            # A line an earlier phase held is turned back to, not turned to as if new.
            back = not had and all(t.id in before or planner._before(t, phases[index - 1])
                                   for t in named)
            assert ("turns back to" in claim.text) == back, claim.text
            # The turn is dated inside its phase: a fictional astronomer's trajectory said
            # "From 2015, the work turns back to ..." of a phase from 2025 to 2026, dated by
            # an earlier paper cited for bearing the line's name.
            year = int(re.match(r"From (\d{4}),", claim.text)[1])
            assert phases[index].start_year <= year <= phases[index].end_year, claim.text
    for index in range(1, len(phases) - 1):
        for claim in planner._turn_bio_claims(phases[index]):
            assert re.match(r"From \d{4} to \d{4}, the work (also takes up|concentrates on|"
                            r"turns back to) ", claim.text), claim.text
    if path == PROFILES / "turns-back.txt":  # coral bleaching, seagrass, coral bleaching
        trajectory = " ".join(c.text for s in planner.trajectory().sections for c in s.claims)
        assert "From 2023, the work turns back to coral bleaching" in trajectory, trajectory
    if path == EVALS / "ines-okafor.txt":
        bio = " ".join(c.text for s in planner.bio(300).sections for c in s.claims)
        assert "From 2022 to 2024, the work concentrates on manipulation and policies" in bio


@pytest.mark.parametrize("abstract, expected", [
    ("Evapotranspiration is uncertain. We train gradient-boosted trees on 212 towers to "
     "estimate daily evapotranspiration. The model explains 79% of the variance. We release "
     "gridded estimates for 2001 to 2020.",
     "trains gradient-boosted trees on 212 towers to estimate daily evapotranspiration"),
    ("Code models are hard to train. We release MicroCoder-Dataset, a training corpus of "
     "hard problems.", "releases MicroCoder-Dataset, a training corpus of hard problems"),
    ("We propose X-Net, a network for tides. We release the code.",
     "proposes X-Net, a network for tides"),
])
def test_a_release_gives_way_to_what_the_paper_does(abstract: str, expected: str) -> None:
    """A held-out paper's contribution read "releases gridded estimates for 2001 to 2020",
    its last sentence, where the abstract says what the work does: "We train ...". A
    release stands only when the abstract states nothing else of its own."""
    from agent.realize import contribution

    paper = Paper(key="k", title="T", abstract=abstract, authors=["A B"],
                  owner_position=OwnerPosition.FIRST, date=dt.date(2023, 1, 1),
                  date_precision=DatePrecision.DAY)
    assert contribution(paper) == expected


def test_a_statement_that_only_says_the_title_again_is_no_fact() -> None:
    """"A 2021 paper, "Cross-Lingual Language Model Meta-Pretraining", proposes cross-lingual
    language model meta-pretraining": the sentence tells nothing the title did not. Such a
    paper is left to the papers table; one word more than the title keeps it (MT6)."""
    from agent.realize import says_more

    planner, claims = planned(EXAMPLE)
    papers = {p.key: p for p in planner.profile.papers}
    assert not says_more(papers["chi2021crosslingual"],
                         "proposes cross-lingual language model meta-pretraining")
    assert not says_more(papers["zheng2021consistency"], "proposes to improve cross-lingual "
                         "fine-tuning with consistency regularization")
    assert says_more(papers["chi2021mt6"], "improves multilingual text-to-text transfer "
                     "Transformer with translation pairs (mT6)")
    said = [t for t, keys in claims if keys == ["chi2021crosslingual"]]
    assert not any("proposes cross-lingual language model meta-pretraining" in t
                   for t in said), said


def test_a_paper_whose_statement_points_back_is_told_by_its_finding() -> None:
    """Maren Lindqvist's "Foundation Models for Single-Cell Biology Are Not Yet Robust to
    Batch Shift" says what it does only as "We evaluate five such models", which points
    back, and no key figure of it is measured against anything: it went unsaid in every
    section of the report. Its finding stands alone and is told, whole, and verified."""
    path = EVALS / "maren-lindqvist.txt"
    planner, claims = planned(path)
    told = [t for t, keys in claims if keys == ["farouk2025foundation"]]
    assert told and all("reports that zero-shot accuracy drops by 18 percentage points on "
                        "average under batch shift, and simple baselines" in t for t in told)
    verifier = Verifier(planner.profile, planner.facts)
    assert all(verifier.check(t, ["farouk2025foundation"]).supported for t in told)
    # Every paper of each named line of work is told in its section.
    for section in planner.topics().sections:
        topic = next((t for t in planner.facts.topics if t.label == section.title), None)
        if topic is not None:
            cited = {k for c in section.claims for k in c.keys}
            assert set(topic.paper_keys) <= cited, section.title


@pytest.mark.parametrize("abstract, row", [
    # "such" points to what the row's title says: the statement stands in the row.
    ("Single-cell foundation models are increasingly used for zero-shot annotation. We "
     "evaluate five such models on 17 datasets. Accuracy drops by 18 points.",
     "Evaluates five such models on 17 datasets."),
    # A phrase of method before "we" is told with the statement.
    ("In July 2021, extreme rainfall caused deadly flooding. Using a large ensemble of "
     "regional climate simulations, we estimate that warming has made such an event 9 times "
     "more likely.", "Estimates, using a large ensemble of regional climate simulations, that "
     "warming has made such an event 9 times more likely."),
    ("Cells vary. Using Perturb-seq screens, we train a model of knockouts.",
     "Trains a model of knockouts, using Perturb-seq screens."),
    # "them" at the start still needs the sentence before: the opening stands instead.
    ("Reward models trained on English are overconfident. We calibrate them with scaling.",
     "Reward models trained on English are overconfident."),
])
def test_a_papers_row_states_what_it_does_where_prose_could_not(abstract: str, row: str
                                                                ) -> None:
    """A papers-table row whose abstract says what the work does only in a sentence that
    points back ("five such models") or after a phrase of method ("Using ..., we
    estimate") took the abstract's first sentence, background ("In July 2021, extreme
    rainfall caused deadly flooding"), for the contribution."""
    from agent.pipeline import extracted_digest
    from agent.realize import contribution, statement

    paper = Paper(key="x2022y", title="A Title", abstract=abstract)
    assert extracted_digest(paper).contribution == row
    assert contribution(paper) is None and statement(paper) is None  # prose stays as it was


@pytest.mark.parametrize(("abstract", "row"), [
    # A figure said by a verb of finding, compared with nothing, is the row's result.
    ("Evapotranspiration is uncertain. We train trees on 212 towers. The model explains 79% "
     "of the variance at unseen sites, but errors double in arid ecosystems.",
     "The model explains 79% of the variance at unseen sites, but errors double in arid "
     "ecosystems"),
    ("Labels are costly. We train 2,400 classifiers. Accuracy saturates after about 500 "
     "labelled cells per type.", "Accuracy saturates after about 500 labelled cells per type"),
    # A sentence of set-up is no result; nor is the number of a name.
    ("Atlases grow. We assemble an atlas. Cells are annotated with a hierarchy of 412 cell "
     "types.", None),
    ("Models transfer. We propose mT6. The mT6 improves cross-lingual transferability.", None),
])
def test_a_row_states_a_finding_compared_with_nothing(abstract: str, row: str | None) -> None:
    """Helena Kowalczyk's evapotranspiration paper, Ines Okafor's scaling laws and Maren
    Lindqvist's classifier study had an empty key result: their findings compare with
    nothing ("explains 79% of the variance", "follows a power law", "saturates after about
    500 labelled cells"), which the row asked of every figure."""
    paper = Paper(key="x2023y", title="A Title", abstract=abstract)
    assert stated_result(paper, []) == row


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_the_papers_praise_of_themselves_is_not_repeated(path: Path) -> None:
    # "proposes a novel graph neural network", "a simple but effective keywords-guided
    # model": the paper's selling words, not the third-person prose's.
    _, sentences = planned(path)
    for text, _ in sentences:
        told = re.sub(r'"[^"]*"', "", text)  # a title is quoted as the paper wrote it
        assert not re.search(r"\bnovel\b|\bsimple,? (?:but|yet|and) effective\b", told,
                             re.I), text


def test_praise_gives_way_to_plain_words_with_the_article_agreed() -> None:
    from agent.realize import without_praise

    assert without_praise("proposes a novel end-to-end framework") == \
        "proposes a new end-to-end framework"
    assert without_praise("proposes a simple but effective keywords-guided model") == \
        "proposes a keywords-guided model"
    assert without_praise("proposes a simple yet effective approach") == \
        "proposes an approach"
    assert without_praise("A simple, yet effective model") == "A model"
    # Novelty a paper states as a fact about the field is kept: it is no praise word.
    assert without_praise("the first system to unlock X") == "the first system to unlock X"


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_a_turn_is_dated_by_the_first_paper_of_its_lines_in_the_phase(path: Path) -> None:
    """"From 2023, the work turns to older adults receiving home nursing (all 6 papers from
    2022 to 2026)": the turn was dated by the first paper to say the line's name, a year
    after the line's first paper in the phase. It is dated by that first paper, and cites
    it."""
    profile = load_profiles([path], as_of=EXAMPLE_AS_OF)
    planner = Planner(profile, analyze(profile))
    years = {p.key: p.year for p in profile.papers}
    phases = planner.facts.phases
    for index in range(1, len(phases)):
        lines = planner._lines_in(phases[index])
        for claim in planner._turn_claims(phases[index], phases[index - 1]):
            said = int(re.match(r"From (\d{4}),", claim.text)[1])
            # A line turned to has two papers in the phase, or one that opens it (stop 48).
            named = [keys for t, keys in lines if t.label in claim.text
                     and (len(keys) >= 2 or planner._opens(t, phases[index]))]
            first = min(y for keys in named for k in keys if (y := years[k]) is not None)
            assert said == first, claim.text
            assert any(years[k] == first for k in claim.keys), (claim.text, claim.keys)
    if path == EVALS / "tove-marchbanks.txt":
        trajectory = " ".join(c.text for s in planner.trajectory().sections for c in s.claims)
        assert "From 2022, the work turns to older adults receiving home nursing" in trajectory


def test_such_as_gives_examples_and_points_nowhere() -> None:
    """A paper that withdrew its famine reading of a mass grave went untold in its line and
    its phase: "a group such as fishing households" was read as "such" pointing back, and
    its one statement was passed over."""
    from agent.realize import statements

    paper = abstract_paper("We tested this interpretation with sulphur isotopes. We therefore "
                           "withdraw the famine interpretation: the data are better explained "
                           "by a group such as fishing households. Five such groups are known.")
    assert list(statements(paper)) == [
        "withdraws the famine interpretation: the data are better explained by a group such "
        "as fishing households"]


@pytest.mark.parametrize(("statement", "prose"), [
    # an astrophysics contribution told with its planet's parameters in the middle
    ("presents spectroscopy of the hot Jupiter TAVI-3b (equilibrium temperature ≈ 1,480 K, "
     "1.31 Jupiter radii) obtained during three transits",
     "presents spectroscopy of the hot Jupiter TAVI-3b obtained during three transits"),
    ("analyses 58 individuals (26 women, 27 men and 5 juveniles).", "analyses 58 individuals."),
    # names in brackets, citations, negations and mathematics stay
    ("uses the Wide Field Camera 3 (WFC3) G141 grism", None),
    ("extends Chi et al. (2020) and (Smith, 2019)", None),
    ("finds more (though not in 2 of 5 sites)", None),
    ("proves that R(C_5, K_t) = Ω(t^{3/2}/log t)", None),
    ("bounds it by (1/3 + c/K^2)|A| for all A", None),
])
def test_prose_leaves_asides_of_figures_to_the_table(statement: str, prose: str | None) -> None:
    from agent.realize import without_asides

    assert without_asides(statement) == (prose or statement)


def test_a_paper_s_sentence_leaves_its_parameters_to_its_row() -> None:
    """"... of the sub-Neptune TOI-5799 b (R_p = 2.04 ± 0.07 R_⊕, P = 4.16 d, T_eq = 610 K)
    from two transits ...": a paragraph's sentence carried the planet's parameters, which
    its table row keeps."""
    report = plan_report(REPO / "evals" / "profiles" / "tomasz-adebayo-lindahl.xml")
    prose = report.split("## Papers")[0]
    assert "TOI-5799 b from two transits" in prose
    assert "R_p = 2.04" not in prose
    assert "R_p = 2.04" in report.split("## Papers")[1]


def test_a_row_tells_a_study_framed_by_in_before_we() -> None:
    """A field experiment's row said only its background ("Platforms increasingly require
    freelancers to disclose ... is unknown"): "In a pre-registered field experiment on an
    online freelancing platform, we created 18 writer profiles ..." was not read as the
    paper's own account, as "Using X, we ..." is."""
    from agent.pipeline import extracted_digest

    paper = abstract_paper(
        "Platforms increasingly require freelancers to disclose their use of AI, but how "
        "clients respond is unknown. In a pre-registered field experiment on an online "
        "platform, we created 18 writer profiles and submitted 4,812 proposals to real job "
        "postings. Reply rates were 14.1% with no statement and 12.8% with the disclosure.")
    assert extracted_digest(paper).contribution.startswith(
        "Creates 18 writer profiles and submits 4,812 proposals to real job postings")


def test_a_row_reads_a_study_s_frame_without_its_comma_and_trims_a_long_account() -> None:
    """Two held-out rows showed background: "In the CATCH-ARG study we sampled ..." has no
    comma after its frame, and "We quantified blaCTX-M (group 1 and group 9 assays) ...
    (n = 712 samples)" ran past a cell's length with its asides. "In 2014 we reported"
    stays the authors' earlier work, no frame."""
    from agent.pipeline import extracted_digest

    framed = abstract_paper("Whether livestock matter remains contested. In the CATCH-ARG "
                            "study we sampled six rural catchments in Norway.")
    assert extracted_digest(framed).contribution.startswith("Samples six rural catchments")
    long = abstract_paper(
        "Time series are needed. We quantified the gene blaCTX-M (group 1 and group 9 assays), "
        "the colistin resistance gene mcr-1, and the faecal markers crAssphage and pig "
        "mitochondrial DNA by droplet digital PCR in weekly samples from two hospital sewers, "
        "the inflow to the receiving municipal plant and four slurry lagoons on pig farms in "
        "the same region, from March 2021 to February 2023 (n = 712 samples, 2 labs and 4 "
        "assays, checked twice by two independent teams).")
    assert extracted_digest(long).contribution.startswith("Quantifies the gene blaCTX-M, the")
    earlier = abstract_paper("In 2014 we reported that the lens thinned by 2.1 cm a year. "
                             "The thinning now appears to be sensor drift.")
    assert not extracted_digest(earlier).contribution.startswith("Reports")


def test_a_second_verb_of_saying_agrees_and_following_frames_a_study() -> None:
    """Held-out rows read "Concludes that ..., and caution against generalising" and
    "Proposes five principles ... and argue that ...", and one showed "Following the
    consultation described by ... (2022), we generated genome-wide data ..." as written."""
    from agent.pipeline import extracted_digest
    from agent.realize import statements

    paper = abstract_paper("Background is vague. We conclude that there was no single "
                           "pattern, and caution against generalising from one cemetery. We "
                           "propose five principles and argue that consultation shapes "
                           "research questions. We proceed with care and caution in sampling.")
    assert list(statements(paper)) == [
        "concludes that there was no single pattern, and cautions against generalising from "
        "one cemetery",
        "proposes five principles and argues that consultation shapes research questions",
        "proceeds with care and caution in sampling"]
    framed = abstract_paper("Following the consultation described by Kapoor et al. (2022), "
                            "we generated genome-wide data from 19 individuals. We identified "
                            "four first-degree relationships among them.")
    assert extracted_digest(framed).contribution.startswith(
        "Generates genome-wide data from 19 individuals")
