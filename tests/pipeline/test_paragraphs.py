"""Paragraphs that argue (issue 17, item 3): a grant's prior work and a paper's introduction
open with the problem as a relevant paper states it, tell the works' contributions in time
order with the papers of one line together, and close on the most recent work and what it
leaves open or the line's size; every sentence verifies, none points back to what the
paragraph never said, and the paragraph cites by key, by author and year, or by number."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from agent import api
from agent.config import Settings
from agent.errors import UsageError
from agent.llm.cache import ResponseCache
from agent.llm.session import Session
from agent.models import Composition, ComposedSection, Paper, Reference, Sentence
from agent.modes import CiteStyle, WritingMode
from agent.paragraphs import paragraph
from agent.pipeline import Job
from agent.plan import uses
from agent.realize import (Realizer, contribution, cut_pointing, dangling, outlook, problems,
                           short_name)
from agent.render import author_year_labels, composition_markdown
from agent.testing import writer as w
from agent.testing.backend import FakeBackend
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, REPO

INES = REPO / "evals" / "profiles" / "ines-okafor.txt"
MAREN = REPO / "evals" / "profiles" / "maren-lindqvist.txt"
AS_OF = ["--as-of", EXAMPLE_AS_OF.isoformat()]

# (profile, topic): the issue's two topics on the example, and held-out profiles.
CASES = [(EXAMPLE, "multilingual language models"), (EXAMPLE, "efficient sparse inference"),
         (INES, "robot manipulation"), (MAREN, "single-cell atlases")]


def _session(tmp_path: Path, backend: FakeBackend | None = None,
             writing: WritingMode = WritingMode.PLAN) -> Session:
    return Session(Settings(cache_dir=tmp_path, writing=writing),
                   backend=backend or FakeBackend(w.writer()), cache=ResponseCache(tmp_path))


@pytest.fixture(scope="module")
def jobs(tmp_path_factory) -> dict[Path, Job]:
    """A plan-only job per profile: its planner, retriever and verifier, no model."""
    out = {}
    for path in {p for p, _ in CASES}:
        profile = api.load(path, as_of=EXAMPLE_AS_OF)
        out[path] = api.job(profile, _session(tmp_path_factory.mktemp("cache")))
    return out


def _plan(job: Job, task: str, topic: str) -> list:
    keys = [h.key for h in job.retriever.related(topic)]
    return paragraph(job.planner, task, keys, topic).sections[0].claims


def _line(job: Job, key: str) -> str:
    """A paper's line of work: the fact sheet's, else a named line whose name it uses
    ("Diffusion Policies for Bimanual Manipulation" is told with the line on manipulation)."""
    lines = [t for t in job.facts.topics if not t.other]
    return next((t.id for t in lines if key in t.paper_keys), None) or next(
        (t.id for t in lines if t.named and uses(job.papers[key], t.label)), key)


def _in_abstract(text: str, paper: Paper) -> bool:
    """Every part of a problem statement is the abstract's own words (a contrast it joins
    with ", but" or whose "However," it drops aside)."""
    abstract = " ".join(re.sub(r"\$", "", paper.abstract).split()).casefold()
    parts = [p.strip(" .").casefold() for p in text.split(", but ")]
    return all(part and part[1:] in abstract for part in parts)


@pytest.mark.parametrize("task", ["grant", "intro"])
@pytest.mark.parametrize("path, topic", CASES, ids=lambda x: getattr(x, "stem", x))
def test_a_paragraph_argues_in_its_genres_order(jobs, path, topic, task) -> None:
    job = jobs[path]
    claims = _plan(job, task, topic)
    papers = job.papers
    assert len(claims) >= 3
    # Every sentence verifies as planned, and none points back to what was not said.
    before = ""
    for claim in claims:
        check = job.verifier.check(claim.text, claim.keys)
        assert check.supported, (claim.text, check.reasons)
        assert dangling(claim.text, before) is None, claim.text
        before += f" {claim.text}"
    # (a) The problem first, in a relevant paper's own words.
    problem = claims[0]
    assert len(problem.keys) == 1 and _in_abstract(problem.text, papers[problem.keys[0]])
    # (c) The most recent work closes it, then what it leaves open or the line's size; when
    # the latest year is shared ("SlideSparse" and "Sparse-BitNet", both 2026), no paper
    # is "the most recent".
    closing = next((i for i, c in enumerate(claims) if c.text.startswith("The most recent, ")),
                   None)
    if closing is None:
        years = sorted(papers[k].year for c in claims[1:] for k in c.keys if papers[k].year)
        assert len(years) >= 2 and years[-1] == years[-2]
        closing = len(claims)
    else:
        assert closing >= len(claims) - 2
        told = {k for c in claims[1:closing] for k in c.keys}
        latest = papers[claims[closing].keys[0]]
        assert all(papers[k].year < latest.year for k in told if papers[k].year)
    # (b) The contributions: each line's papers together and in time order.
    body = [k for c in claims[1:closing] for k in c.keys]
    runs: list[str] = []
    for key in body:
        if not runs or runs[-1] != _line(job, key):
            runs.append(_line(job, key))
    lines = [r for r in runs if r.startswith("t")]
    assert len(lines) == len(set(lines)), runs  # no line told in two places
    for line in set(lines):
        dates = [papers[k].date for k in body if _line(job, k) == line]
        assert dates == sorted(dates)


def test_the_issues_intro_has_a_frame_an_order_and_no_dangling_reference(jobs) -> None:
    """The issue's complaint: six papers in jumbled years, one sentence each, no framing,
    and "the two abilities" referring to nothing."""
    job = jobs[EXAMPLE]
    claims = _plan(job, "intro", "multilingual language models")
    text = " ".join(c.text for c in claims)
    assert "the two abilities" not in text
    assert claims[0].text.startswith("Multilingual pretrained language models")
    assert "lags behind" in claims[0].text
    years = [int(y) for c in claims[1:] for y in re.findall(r"\((\d{4})\)", c.text)]
    assert years == sorted(years)
    # Papers of one year share a sentence when both clauses are short.
    assert any(len(c.keys) == 2 for c in claims)
    # A short name with its year from the first mention: the citation says which paper.
    named = [p for c in claims for k in c.keys if short_name(p := job.papers[k])]
    assert named and all(f'"{p.title}"' not in text for p in named)


def test_the_grant_says_the_owners_role_once_and_names_the_owner(jobs) -> None:
    claims = _plan(jobs[EXAMPLE], "grant", "multilingual language models")
    text = " ".join(c.text for c in claims)
    assert "Zewen Chi's first-author paper" in text
    assert len(re.findall(r"first-author|as first author", text)) == 1
    intro = " ".join(c.text for c in _plan(jobs[EXAMPLE], "intro",
                                           "multilingual language models"))
    assert "first-author" not in intro and "Zewen Chi" not in intro


def test_an_outlook_the_abstract_states_closes_the_paragraph(jobs) -> None:
    job = jobs[EXAMPLE]
    keys = ["shao2026slidesparse", "zhang2026sparsebitnet", "chi2022representation"]
    claims = paragraph(job.planner, "grant", keys, "efficient sparse inference"
                       ).sections[0].claims
    assert claims[0].text.startswith("NVIDIA's 2:4 Sparse Tensor Cores deliver 2x throughput")
    assert claims[-1].text == ("Sparse-BitNet also highlights that combining extremely "
                               "low-bit quantization with semi-structured N:M sparsity is a "
                               "promising direction for efficient LLMs.")
    assert any(c.text.startswith("On structured sparsity, SlideSparse (2026)") for c in claims)
    for claim in claims:
        assert job.verifier.check(claim.text, claim.keys).supported, claim.text


def test_no_problem_is_invented(jobs) -> None:
    """When no relevant abstract states a problem, the paragraph opens with the owner's line
    of work, not with a problem of its own."""
    job = jobs[EXAMPLE]
    keys = ["chi2021xlme", "chi2021mt6", "chi2020infoxlm"]  # no problem before "we"
    assert not any(problems(job.papers[k]) for k in keys)
    claims = paragraph(job.planner, "grant", keys, "cross-lingual pre-training"
                       ).sections[0].claims
    assert claims[0].text.startswith("Zewen Chi worked on cross-lingual language model "
                                     "pre-training from 2019 to 2023; the line of work has 13")
    assert all(job.verifier.check(c.text, c.keys).supported for c in claims)
    assert problems(_paper("We propose X, a model. X achieves 3% gains.")) == []


# --- the dangling-reference guard ---------------------------------------------------


def _paper(abstract: str, title: str = "A Paper", key: str = "doe2020paper") -> Paper:
    return Paper(key=key, title=title, abstract=abstract, date=dt.date(2020, 1, 1),
                 authors=["Jane Doe"])


@pytest.mark.parametrize("text, pointer", [
    ("proposes meta-pretraining, which learns the two abilities in two phases",
     "the two abilities"),
    ("alternately performs the above two steps", "the above two"),
    ("improves these tasks by 3 points", "these tasks"),
    ("solves this problem with a solver", "this problem"),
    ("learning such a routing mechanism causes collapse", "such a routing"),
    ("models (such as multilingual BERT) transfer well", None),
    ("is better than those of BERT", None),
    ("initializes the model and fine-tunes it on parallel data", None),
])
def test_a_pointer_back_is_found(text, pointer) -> None:
    assert dangling(text) == pointer


def test_a_pointer_whose_noun_was_said_before_is_not_dangling() -> None:
    text = "learns the two abilities in different phases"
    assert dangling(text) == "the two abilities"
    assert dangling(text, before="relies on two essential abilities, generalization and "
                                 "transfer") is None


def test_the_realizer_quotes_around_a_dangling_reference(jobs) -> None:
    paper = jobs[EXAMPLE].papers["chi2021crosslingual"]
    # Every output cuts the clause that points back (the papers table showed "which
    # learns the two abilities" with nothing before it), keeping what stands alone.
    assert contribution(paper) == "proposes cross-lingual language model meta-pretraining"
    assert Realizer("Zewen Chi", {}).standalone(paper) == \
        "proposes cross-lingual language model meta-pretraining"
    assert all("two abilities" not in text for text, _ in problems(paper))
    assert cut_pointing("proposes a new model, which improves these tasks") == \
        "proposes a new model"
    assert cut_pointing("improves these tasks") is None


def test_a_paper_that_only_points_back_says_nothing() -> None:
    paper = _paper("We study these tasks. We propose it for this problem.")
    assert Realizer("Jane Doe", {}).standalone(paper) is None


def test_problems_and_outlooks_are_the_abstracts_own_words() -> None:
    paper = _paper("Models are big. However, they are slow on phones. We propose Tiny, a "
                   "small model. These results suggest that distillation is a promising "
                   "direction for phones.")
    assert problems(paper)[0] == ("Models are big, but they are slow on phones.", 2)
    assert ("They are slow on phones.", 2) not in problems(paper)  # "They" points back
    assert outlook(paper) == ("suggests that distillation is a promising direction for "
                              "phones")


# --- citation styles ------------------------------------------------------------------


def _ref(key: str, authors: list[str], year: int | None, truncated: bool = False) -> Reference:
    return Reference(key=key, authors=authors, authors_truncated=truncated,
                     title=f"Title of {key}", year=year)


REFS = [_ref("chi2020a", ["Zewen Chi", "Li Dong", "Furu Wei"], 2020),
        _ref("chi2020b", ["Zewen Chi", "Li Dong"], 2020),
        _ref("chi2020c", ["Zewen Chi", "Heyan Huang"], 2020, truncated=True),
        _ref("chi2020d", ["Zewen Chi"], 2020),
        _ref("berg2021", ["Anna van der Berg", "Li Dong"], 2021),
        _ref("doe", ["Jane Doe"], None), _ref("doe2", ["Jane Doe"], None)]


def test_author_year_labels_by_count_of_authors_and_disambiguated() -> None:
    labels = author_year_labels(REFS)
    assert labels == {"chi2020a": "Chi et al., 2020a", "chi2020b": "Chi and Dong, 2020",
                      "chi2020c": "Chi et al., 2020b", "chi2020d": "Chi, 2020",
                      "berg2021": "van der Berg and Dong, 2021", "doe": "Doe, n.d.-a",
                      "doe2": "Doe, n.d.-b"}


def _composition(cite: CiteStyle | None) -> Composition:
    sentences = [Sentence(text="A first claim.", keys=["chi2020c", "chi2020a"]),
                 Sentence(text="A second claim.", keys=["berg2021"]),
                 Sentence(text="A third claim.", keys=["chi2020a", "unknown2020x"])]
    return Composition(task="intro", sections=[ComposedSection(id="intro", title="Intro",
                                                               sentences=sentences)],
                       cite=cite, references=REFS)


def test_each_citation_style_renders_and_keys_stay_keys() -> None:
    keyed = composition_markdown(_composition(None))
    assert keyed.startswith("A first claim [chi2020c] [chi2020a].") and "References" not in keyed
    year = composition_markdown(_composition(CiteStyle.AUTHOR_YEAR))
    assert year.startswith("A first claim (Chi et al., 2020b; Chi et al., 2020a). A second "
                           "claim (van der Berg and Dong, 2021). A third claim (Chi et al., "
                           "2020a) [unknown2020x].")
    assert "- Chi et al. (2020a). Zewen Chi, Li Dong, Furu Wei. \"Title of chi2020a.\" 2020." \
        in year
    assert "Chi, 2020" not in year  # the list holds only the papers cited
    numbered = composition_markdown(_composition(CiteStyle.NUMBERED))
    assert numbered.startswith("A first claim [1, 2]. A second claim [3]. A third claim [2] "
                               "[unknown2020x].")
    assert numbered.endswith("- [1] Zewen Chi, Heyan Huang et al. \"Title of chi2020c.\" 2020.\n"
                             "- [2] Zewen Chi, Li Dong, Furu Wei. \"Title of chi2020a.\" 2020.\n"
                             "- [3] Anna van der Berg, Li Dong. \"Title of berg2021.\" 2021.")
    # Asked for at rendering, a style overrides the composition's own.
    assert composition_markdown(_composition(CiteStyle.NUMBERED),
                                cite_style=CiteStyle.KEY) == keyed
    dumped = json.loads(_composition(CiteStyle.NUMBERED).model_dump_json())
    assert dumped["sections"][0]["sentences"][0]["keys"] == ["chi2020c", "chi2020a"]


@pytest.mark.parametrize("args, marker, references", [
    ([], r"\(Chi et al\., 20\d\d[a-z]?[;)]", True),  # an intro's default
    (["--cite", "numbered"], r"\[1\]", True),
    (["--cite", "key"], r"\[chi20\d\d\w+\]", False),
])
def test_the_intro_cites_as_asked(run_cli, tmp_path, args, marker, references) -> None:
    result = run_cli("write", "intro", str(EXAMPLE), "--topic", "multilingual language models",
                     *AS_OF, "--writing", "plan", "--cache-dir", str(tmp_path), *args)
    assert result.code == 0, result.stderr
    assert re.search(marker, result.stdout)
    assert ("\n\nReferences\n\n- " in result.stdout) is references
    assert result.stdout.rstrip().splitlines()[-1].startswith("Faithfulness: ")


def test_json_keeps_the_keys_and_says_the_style(run_cli, tmp_path) -> None:
    result = run_cli("write", "intro", str(EXAMPLE), "--topic", "multilingual language models",
                     *AS_OF, "--writing", "plan", "--cache-dir", str(tmp_path), "--json",
                     "--cite", "numbered")
    assert result.code == 0, result.stderr
    data = Composition.model_validate_json(result.stdout)
    keys = [k for s in data.sections[0].sentences for k in s.keys]
    assert keys and all(re.fullmatch(r"[a-z]+\d{4}\w+", k) for k in keys)
    assert data.cite is CiteStyle.NUMBERED
    assert {r.key for r in data.references} == set(keys)
    assert data.tally.removed == 0  # every planned sentence passed the verifier


def test_the_grant_cites_by_key_unless_asked(run_cli, tmp_path) -> None:
    base = ["write", "grant", str(EXAMPLE), "--topic", "multilingual language models", *AS_OF,
            "--writing", "plan", "--cache-dir", str(tmp_path)]
    keyed = run_cli(*base)
    assert keyed.code == 0 and "[chi2019monolingual]" in keyed.stdout
    assert "References" not in keyed.stdout
    year = run_cli(*base, "--cite", "author-year")
    assert re.search(r"\(Chi et al\., 2019[ab]?\)", year.stdout)
    assert "[chi2019monolingual]" not in year.stdout
    bad = run_cli(*base, "--cite", "harvard")
    assert bad.code == 2


def test_the_api_takes_a_style_and_markdown_can_change_it(tmp_path) -> None:
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    session = _session(tmp_path)
    result = api.write(profile, "intro", topic="multilingual language models",
                       cite="numbered", session=session)
    assert result.cite is CiteStyle.NUMBERED and "[1]" in api.markdown(result)
    assert "[chi2019monolingual]" in api.markdown(result, cite="key")
    grant = api.write(profile, "grant", topic="multilingual language models", session=session)
    assert grant.cite is CiteStyle.KEY
    with pytest.raises(UsageError, match="no citation style"):
        api.write(profile, "intro", topic="x", cite="harvard", session=session)


# --- the model path ---------------------------------------------------------------------


def _drop_first(body: dict) -> str:
    """A writer that leaves out the first claim (the problem) and says the rest back."""
    sentences = [{"text": text, "claims": [n], "papers": papers}
                 for n, text, papers in w.claims_of(body) if n != 1]
    return json.dumps({"title": "", "sentences": sentences})


@pytest.mark.parametrize("kind", ["grant", "intro"])
def test_the_model_writes_from_the_plan_and_a_dropped_problem_comes_back_first(
        tmp_path, kind) -> None:
    backend = FakeBackend(w.writer(section=_drop_first))
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    session = _session(tmp_path, backend, WritingMode.SECTIONS)
    result = api.write(profile, kind, topic="multilingual language models", session=session)
    bodies = [b for b in w.chat_bodies(backend) if w.step(b) == kind]
    assert len(bodies) == 1  # one section, one call
    prompt = w.user_text(bodies[0])
    assert "the problem, the contributions in time order" in prompt
    claims = w.claims_of(bodies[0])
    first = result.sections[0].sentences[0]
    assert first.text == claims[0][1] and first.claim_id == "c1"
    assert [s.claim_id for s in result.sections[0].sentences] == \
        [f"c{n}" for n, _, _ in claims]


def test_a_rewording_may_not_bring_words_its_paper_does_not_use(tmp_path) -> None:
    """Seen on the held-out profile with the embedded model: "pre-teaches a dynamic model"
    for DynaPrior, which "pre-trains a dynamics model"; "combines the information gap" for
    a framework that bridges it. A word from the claim or the paper's abstract is fine."""
    from agent.models import Claim
    from agent.pipeline import _new_words

    profile = api.load(REPO / "evals" / "profiles" / "ines-okafor.txt", as_of=EXAMPLE_AS_OF)
    job = api.job(profile, _session(tmp_path))
    claim = Claim(id="c1", text="DynaPrior (2019) pre-trains a dynamics model on simulated "
                  "data and uses it as a prior for policy optimisation.",
                  keys=["okafor2019sampleefficient"], predicate="pre-trains a dynamics model "
                  "on simulated data and uses it as a prior for policy optimisation")
    assert _new_words(job, claim.text, claim) == []
    assert _new_words(job, claim.text.replace("pre-trains", "pre-teaches"), claim) == ["teaches"]
    # "real", "system": the abstract's words; "presents": any account of a paper's.
    assert _new_words(job, "DynaPrior (2019) presents a prior for the real system.", claim) == []
    # "provides" is another such verb ("provides a history encoder" for "adds" one).
    assert _new_words(job, "DynaPrior (2019) provides a prior for the real system.", claim) == []


def test_a_rewording_may_not_join_words_its_paper_keeps_apart(tmp_path) -> None:
    """Seen on a held-out profile with the embedded model (rewrite prompt v4): RegGNN
    "learns regulatory edges by message passing over a prior GNN", where the paper passes
    messages "over a prior network built from chromatin accessibility" and calls RegGNN
    itself a GNN: every word the paper's, the pair not. A shortening that keeps the
    paper's order ("a recurrent network" from "a recurrent neural network") stands."""
    from agent.models import Claim
    from agent.pipeline import _new_pairs

    profile = api.load(REPO / "evals" / "profiles" / "maren-lindqvist.txt", as_of=EXAMPLE_AS_OF)
    job = api.job(profile, _session(tmp_path))
    key = next(p.key for p in profile.papers if "RegGNN" in p.abstract)
    fact = ("is a graph neural network (GNN) that learns regulatory edges by message passing "
            "over a prior network built from chromatin accessibility")
    claim = Claim(id="c1", text=f"RegGNN (2020) {fact}.", keys=[key], predicate=fact)
    assert _new_pairs(job, claim.text, claim) == []
    wrong = claim.text.replace("a prior network built from chromatin accessibility", "a prior GNN")
    assert _new_pairs(job, wrong, claim) == [("prior", "GNN")]
    shorter = "RegGNN (2020) is a graph network that learns regulatory edges by message passing."
    assert _new_pairs(job, shorter, claim) == []


def test_a_paper_with_only_a_finding_is_told_by_its_finding(tmp_path) -> None:
    """Maren Lindqvist's benchmark "Foundation Models for Single-Cell Biology Are Not Yet
    Robust to Batch Shift" says what it does only as "We evaluate five such models" (which
    points back): an intro on foundation models for single-cell biology left out the one
    paper on them. It is told by its finding, with what it is measured against. And two
    papers of 2019 are not "the most recent" of each other."""
    profile = api.load(MAREN, as_of=EXAMPLE_AS_OF)
    job = api.job(profile, _session(tmp_path))
    claims = _plan(job, "intro", "foundation models for single-cell biology")
    told = [c for c in claims if "farouk2025foundation" in c.keys]
    assert told and "reports that zero-shot accuracy drops by 18 percentage points" in told[0].text
    assert not any("The most recent, BatchLM (2019)" in c.text for c in claims)
    for claim in claims:
        assert job.verifier.check(claim.text, claim.keys).supported


def test_a_paragraph_leaves_a_paper_s_bracketed_figures_to_the_record() -> None:
    """A held-out introduction paragraph read "presents a homogeneous analysis of 21
    transits of six rocky planets (0.8–1.6 Earth radii) orbiting M dwarfs, observed with
    the NIRSpec PRISM (0.6–5.3 μm) ...", as the report's paragraphs no longer do."""
    paper = _paper("Stellar activity biases spectra. We present a homogeneous analysis of 21 "
                   "transits of six rocky planets (0.8–1.6 Earth radii) orbiting M dwarfs, "
                   "observed with the NIRSpec PRISM (0.6–5.3 μm).")
    assert Realizer("Jane Doe", {}).standalone(paper) == (
        "presents a homogeneous analysis of 21 transits of six rocky planets orbiting M "
        "dwarfs, observed with the NIRSpec PRISM")
