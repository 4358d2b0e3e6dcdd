"""Open questions: each kind is recognised, and its answer is true by construction.

On the example profile with no model (--writing plan), so the planner's answer is what is
checked: yes/no opens with Yes or No, an overview names the lines of work, a window of
years cites only papers of those years, "not in the record" only when nothing matches,
and every sentence that cites papers passes the verifier.
"""

from __future__ import annotations

import json

import pytest

from agent import api
from agent.config import Settings
from agent.models import Composition, SentenceStatus
from agent.questions import QuestionKind, classify
from agent.verify import Verifier
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, REPO, plan_answer, plan_answer_text

WORKS = {"xpr": "zheng2022crosslingual", "infoxlm": "chi2020infoxlm", "xlm-e": "chi2021xlme"}


@pytest.mark.parametrize(("question", "kind", "topic", "years"), [
    ("What is Zewen Chi's main research area?", "overview", "", None),
    ("What does Zewen Chi work on?", "overview", "", None),
    ("Did Zewen Chi work on speech?", "yes_no", "speech", None),
    ("Has Zewen Chi published on graph neural networks?", "yes_no", "graph neural networks",
     None),
    ("Is there any work on quantum error correction?", "yes_no", "quantum error correction",
     None),
    ("Does she use reinforcement learning?", "yes_no", "reinforcement learning", None),
    # what was done to the subject is no part of it (a held-out astronomer's question)
    ("Has she detected water in exoplanet atmospheres?", "yes_no",
     "water in exoplanet atmospheres", None),
    ("Has Chi's work touched on in-context learning at all?", "yes_no", "in-context learning",
     None),
    ("What does XPR contribute?", "work", "", None),
    ("What did Zewen Chi work on in 2025?", "time", "", (2025, 2025)),
    ("How did the research change after 2023?", "time", "", (2024, 2026)),
    ("What was Chi's focus before 2021?", "time", "", (1900, 2020)),
    ("What has Zewen Chi worked on recently?", "time", "", None),
    ("Which papers are about mixture of experts?", "list", "mixture of experts", None),
    ("List the papers on cross-lingual pre-training.", "list", "cross-lingual pre-training",
     None),
    ("How does InfoXLM differ from XLM-E?", "comparison", "", None),
    ("Tell me about Chi's research on sparsity", "open", "sparsity", None),
    # the subject before the auxiliary, not "methods does use most"; a subject that names
    # only the kind of thing all work has asks for the research as a whole
    ("What methods does Zewen Chi use most?", "overview", "", None),
    ("What kinds of models are used?", "overview", "", None),
    ("What tasks does Chi evaluate on?", "open", "tasks", None),
    ("Summarize Zewen Chi's work in two sentences.", "overview", "", None),
])
def test_questions_are_classified(question, kind, topic, years):
    asked = classify(question, "Zewen Chi", WORKS, last_year=2026)
    assert (asked.kind, asked.topic, asked.years) == (QuestionKind(kind), topic, years), asked.why


def test_a_comparison_of_subjects_names_both():
    asked = classify("Did Chi work more on multilingual models or on reasoning?", "Zewen Chi")
    assert asked.kind is QuestionKind.COMPARISON
    assert asked.topics == ("multilingual models", "reasoning")


@pytest.mark.parametrize("question", [
    "Has Brännström-Okafor worked on tokenization?",  # the name as the record writes it
    "Has Brannstrom-Okafor worked on tokenization?",  # without its diacritics
    "Did Dr. Brännström-Okafor work on tokenization?",
])
def test_a_hyphenated_name_is_not_part_of_the_topic(question):
    assert classify(question, "Zoë Brännström-Okafor").topic == "tokenization"


def test_a_follow_up_is_marked_and_a_named_work_is_not_one():
    assert classify("Which of those have code?", "Zewen Chi").follow_up
    assert not classify("What does XPR contribute?", "Zewen Chi", WORKS).follow_up


# --- answers on the example ---------------------------------------------------------------


@pytest.fixture(scope="module")
def example():
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    return profile, Verifier(profile, api.analyze(profile))


@pytest.fixture(scope="module")
def ask(example, tmp_path_factory):
    profile, _ = example
    settings = Settings(writing="plan", cache_dir=tmp_path_factory.mktemp("cache"))

    def run(*questions: str) -> list[Composition]:
        return api.ask_many(profile, list(questions), settings=settings)
    return run


def _text(answer: Composition) -> str:
    return " ".join(s.text for sec in answer.sections for s in sec.sentences)


def _keys(answer: Composition) -> set[str]:
    return {k for sec in answer.sections for s in sec.sentences for k in s.keys}


def _all_verified(answer: Composition, verifier: Verifier) -> None:
    for sec in answer.sections:
        for s in sec.sentences:
            check = verifier.check(s.text, s.keys)
            assert check.supported, (s.text, check.reasons)


def test_the_issue_cases_are_answered(ask, example):
    _, verifier = example
    main, speech, protein, gnn, xpr, year, change = ask(
        "What is Zewen Chi's main research area?", "Did Zewen Chi work on speech?",
        "Has Zewen Chi worked on protein folding?",
        "Has Zewen Chi published on graph neural networks?", "What does XPR contribute?",
        "What did Zewen Chi work on in 2025?", "How did the research change after 2023?")
    assert main.question_kind == "overview"
    assert "cross-lingual language model pre-training (13 papers)" in _text(main)
    assert _text(speech).startswith("Yes") and "peng2026vibevoiceasr" in _keys(speech)
    assert _text(protein).startswith("No") and "ProtLLM" in _text(protein)
    assert _text(gnn).startswith("Yes") and "chi2019complicated" in _keys(gnn)
    assert xpr.question_kind == "work" and _keys(xpr) == {"zheng2022crosslingual"}
    assert "XPR" in _text(xpr)
    papers = {p.key: p for p in api.load(EXAMPLE, as_of=EXAMPLE_AS_OF).papers}
    assert year.question_kind == "time" and _keys(year)
    assert {papers[k].year for k in _keys(year)} == {2025}
    # The window opens in 2024; the lines it turns to open in 2025, with the paper cited.
    assert "From 2025, the work turns to reasoning models" in _text(change)
    for answer in (main, speech, gnn, xpr, year, change):
        _all_verified(answer, verifier)


def test_not_in_the_record_only_when_nothing_matches(ask, example):
    _, verifier = example
    absent, present = ask("Is there any work on quantum error correction?",
                          "Which papers are about mixture of experts?")
    assert _text(absent) == "No: the record of Zewen Chi holds no papers on quantum error " \
                            "correction."
    assert not _keys(absent)
    _all_verified(absent, verifier)  # the absence check looked through every paper
    assert "does not answer" not in _text(present)
    assert _keys(present) >= {"chi2022representation", "zhang2025stable"}


def test_a_follow_up_counts_the_previous_answers_papers(ask):
    listed, with_code = ask("Which papers are about mixture of experts?",
                            "Which of those have code?")
    assert with_code.question_kind == "fact"
    assert "2 papers" in _text(with_code) and "among those" not in _text(listed)
    assert "in this record" not in _text(with_code)


def test_several_questions_from_a_file_in_plain_markdown_and_json(run_cli, tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("# about the example\nWhich papers are about mixture of experts?\n\n"
                         "Which of those have code?\n", encoding="utf-8")
    common = ("ask", str(EXAMPLE), "--questions", str(questions), "--as-of",
              EXAMPLE_AS_OF.isoformat(), "--writing", "plan", "--cache-dir", str(tmp_path))
    plain = run_cli(*common)
    assert plain.code == 0, plain.stderr
    assert plain.stdout.startswith("Q: Which papers are about mixture of experts?\nTwo papers")
    assert "Q: Which of those have code?" in plain.stdout and "Sources:\n" in plain.stdout
    assert "**" not in plain.stdout
    markdown = run_cli(*common, "--markdown")
    assert "### Which of those have code?" in markdown.stdout
    assert "**Sources**" in markdown.stdout
    data = json.loads(run_cli(*common, "--json").stdout)
    assert [d["question"] for d in data] == ["Which papers are about mixture of experts?",
                                             "Which of those have code?"]
    assert data[0]["answer"]["question_kind"] == "list"
    assert data[0]["answer"]["answer_keys"]


def test_an_empty_questions_file_is_a_usage_error(run_cli, tmp_path):
    empty = tmp_path / "none.txt"
    empty.write_text("# nothing\n\n", encoding="utf-8")
    result = run_cli("ask", str(EXAMPLE), "--questions", str(empty), "--writing", "plan")
    assert result.code == 2 and "holds no question" in result.stderr
    missing = run_cli("ask", str(EXAMPLE), "--questions", str(tmp_path / "absent.txt"),
                      "--writing", "plan")
    assert missing.code == 2 and "cannot read" in missing.stderr


# --- the model's reading of a question no rule recognises (an endpoint only) ----------------


def _reading(kind: str, subject: str, first: int | None = None, last: int | None = None) -> str:
    return json.dumps({"kind": kind, "subject": subject, "first_year": first,
                       "last_year": last})


def _endpoint_answer(fake_openai, tmp_path, question: str, reading: str) -> Composition:
    from agent.testing import writer as w

    fake_openai.set_default(w.writer(read=lambda body: reading))
    settings = Settings(base_url=fake_openai.base_url, api_key="sk-test", model="fake-model",
                        cache_dir=tmp_path / "cache", max_retries=0)
    profile = api.load(EXAMPLE, as_of=EXAMPLE_AS_OF)
    return api.ask(profile, question, settings=settings)


UNRECOGNISED = "Anything by Zewen Chi touching on speech recognition, by any chance?"


def test_no_rule_reads_it_so_the_model_does(fake_openai, tmp_path):
    assert classify(UNRECOGNISED, "Zewen Chi").kind is QuestionKind.OPEN
    answer = _endpoint_answer(fake_openai, tmp_path, UNRECOGNISED,
                              _reading("yes_no", "speech recognition"))
    assert answer.question_kind == "yes_no"
    assert _text(answer).startswith("Yes") and "peng2026vibevoiceasr" in _keys(answer)
    from agent.testing import writer as w

    steps = [w.step(b) for b in w.chat_bodies(fake_openai)]
    assert steps.count("read question") == 1


def test_a_reading_that_puts_words_in_the_question_is_not_kept(fake_openai, tmp_path):
    answer = _endpoint_answer(fake_openai, tmp_path, UNRECOGNISED,
                              _reading("yes_no", "protein folding"))
    assert answer.question_kind == "open"


def test_a_malformed_reading_leaves_the_rules_reading(fake_openai, tmp_path):
    answer = _endpoint_answer(fake_openai, tmp_path, UNRECOGNISED, "yes, speech")
    assert answer.question_kind == "open"


def test_a_recognised_question_is_not_sent_to_the_model(fake_openai, tmp_path):
    from agent.testing import writer as w

    _endpoint_answer(fake_openai, tmp_path, "Did Zewen Chi work on speech?",
                     _reading("list", "speech"))
    assert "read question" not in [w.step(b) for b in w.chat_bodies(fake_openai)]


def test_papers_described_rather_than_named(ask):
    compared, latest, described = ask(
        "How does the first paper compare with the latest?", "What did the latest paper find?",
        "What does the cross-lingual phrase retrieval paper propose?")
    from agent.realize import by_date

    papers = by_date(p for p in api.load(EXAMPLE, as_of=EXAMPLE_AS_OF).papers if p.year)
    assert compared.question_kind == "comparison"
    assert _keys(compared) == {papers[0].key, papers[-1].key}
    assert latest.question_kind == "work" and _keys(latest) == {papers[-1].key}
    assert described.question_kind == "work"
    assert _keys(described) == {"zheng2022crosslingual"}


def test_a_window_of_years_names_only_lines_its_own_papers_name(tmp_path):
    """Maren Lindqvist's 2024-2026 papers: one of them is in the "atlases" line, whose name
    only her earlier papers use. Naming that line would cite a 2023 paper in a sentence
    that says "From 2024 to 2026", which the verifier rightly fails, and the sentence was
    dropped with a warning; now the window names only the lines its own papers name."""
    profile = api.load("evals/profiles/maren-lindqvist.txt", as_of=EXAMPLE_AS_OF)
    settings = Settings(writing="plan", cache_dir=tmp_path)
    answer = api.ask(profile, "What has she worked on since 2024?", settings=settings)
    sentences = [s for sec in answer.sections for s in sec.sentences]
    assert sentences[0].text.startswith("From 2024 to 2026, the 3 papers include work on")
    years = {p.key: p.year for p in profile.papers}
    assert all(2024 <= years[k] <= 2026 for s in sentences for k in s.keys)
    assert len(sentences) == 5  # none dropped
    # No model was asked: the lead too is the planner's own words, not a replacement.
    assert {s.status for s in sentences} == {SentenceStatus.PLANNED}
    # Each of the window's papers is told, the one whose abstract states what it does only
    # with "five such models" too (by its finding, which stands alone).
    assert {k for s in sentences for k in s.keys} == {
        p.key for p in profile.papers if 2024 <= p.year <= 2026}
    _all_verified(answer, Verifier(profile, api.analyze(profile)))


@pytest.mark.parametrize("question,subject", [
    ("Has Zewen Chi won the Turing Award?", "awards or honours"),
    ("Is Zewen Chi a Fellow of the ACL?", "awards or honours"),
    ("Where did Zewen Chi get his PhD?", "education"),
    ("Who are Zewen Chi's students?", "students or supervisors"),
    ("How is Chi's work funded?", "funding"),
    ("How old is Zewen Chi?", "personal life"),
    ("What is Zewen Chi's email?", "contact details"),
    ("Should we hire Zewen Chi?", "judgements of the researcher"),
])
def test_what_no_publication_record_holds_is_not_answered_no(ask, example, question, subject):
    """"No: no paper in the record is on 'won the Turing Award'" read as a denial of the
    award; a list of publications says nothing either way, and the answer says so."""
    _, verifier = example
    answer = ask(question)[0]
    text = _text(answer)
    tail = ("." if subject.startswith("judgements") else
            "; that needs another source, such as a CV or a faculty page.")
    assert text == f"The record of Zewen Chi lists publications and says nothing about {subject}{tail}"
    assert not _keys(answer)
    _all_verified(answer, verifier)


@pytest.mark.parametrize("question", [
    "Did Zewen Chi work on knowledge distillation with students?",  # a research subject
    "Has Zewen Chi published on reward models?",  # "reward" is no award
    "Did Chi study position embeddings?",
    "Did Zewen Chi work on contact-rich manipulation?",
])
def test_research_subjects_sharing_those_words_are_still_answered(ask, question):
    assert "says nothing about" not in _text(ask(question)[0])


def test_which_university_reads_the_papers_affiliations(ask):
    text = _text(ask("Which university does Zewen Chi work at?")[0])
    assert text.startswith("The affiliations named on Zewen Chi's papers are microsoft-research")


def test_a_phase_of_the_trajectory_cites_only_its_own_papers():
    """Helena Kowalczyk's 2022 phase: "In 2022, the 2 papers include work on climate models
    and weather" cited a 2020 paper for "climate models", whose 2022 paper does not use
    that name. Every claim of a phase now cites papers of the phase's years."""
    from agent.plan import Planner

    profile = api.load("evals/profiles/helena-kowalczyk.txt", as_of=EXAMPLE_AS_OF)
    facts = api.analyze(profile)
    years = {p.key: p.year for p in profile.papers}
    outline = Planner(profile, facts).trajectory()
    for section, phase in zip(outline.sections, facts.phases):
        for claim in section.claims:
            assert all(phase.start_year <= years[k] <= phase.end_year for k in claim.keys
                       if years[k]), (claim.text, claim.keys)


def test_a_phase_of_two_papers_held_by_one_line_says_both():
    from agent.plan import Planner

    profile = api.load("tests/fixtures/profiles/turns-back.txt", as_of=EXAMPLE_AS_OF)
    first = Planner(profile, api.analyze(profile)).trajectory().sections[0].claims[0]
    assert first.text == "Both papers from 2015 to 2018 concern coral bleaching."


@pytest.fixture(scope="module")
def ines(tmp_path_factory):
    profile = api.load("evals/profiles/ines-okafor.txt", as_of=EXAMPLE_AS_OF)
    settings = Settings(writing="plan", cache_dir=tmp_path_factory.mktemp("ines"))
    return profile, Verifier(profile, api.analyze(profile)), settings


@pytest.mark.parametrize("question,first", [
    # the abstract says what the work cannot do, after it says what the work is
    ("What are the weaknesses of HomeDreamer?",
     'The abstract of HomeDreamer (2024) names this limitation: "Failures are mostly due to '
     'inaccurate predictions of articulated objects such as drawers".'),
    # "cause the baseline to fail" is the baseline's failure, not BiDiff's
    ("What are the limitations of BiDiff?",
     "The abstract of BiDiff (2023) names no limitation of its own."),
    # "Vision alone struggles ..." is the problem TactileNeRF takes on, before "We present"
    ("What are the limitations of TactileNeRF?",
     "The abstract of TactileNeRF (2021) names no limitation of its own."),
])
def test_the_limits_of_a_named_work_are_what_its_abstract_says(ines, question, first):
    """"What are the limitations of BiDiff?" was answered "The record of Ines Okafor holds
    no papers on limitations of bidiff": BiDiff, named in "We train BiDiff, a diffusion
    policy", was no name the tool knew, and the limits asked of a work were not read."""
    profile, verifier, settings = ines
    answer = api.ask(profile, question, settings=settings)
    sentences = [s for sec in answer.sections for s in sec.sentences]
    assert answer.question_kind == "work"
    assert sentences[0].text == first
    assert len(sentences) >= 2  # then what the work does
    _all_verified(answer, verifier)


def test_a_claim_about_an_abstracts_limits_is_checked_exactly(ines):
    _, verifier, _ = ines
    title = '"World Models for Long-Horizon Mobile Manipulation" (2024)'
    assert not verifier.check(f"The abstract of {title} names no limitation of its own.",
                              ["nwosu2024world"]).supported
    assert not verifier.check(f'The abstract of {title} names this limitation: "We learn a '
                              f'latent world model".', ["nwosu2024world"]).supported
    # by a name: the cited paper's abstract must use it
    assert verifier.check("The abstract of BiDiff (2023) names no limitation of its own.",
                          ["okafor2023diffusion"]).supported
    assert not verifier.check("The abstract of BiDiff (2023) names no limitation of its own.",
                              ["okafor2021tactilenerf"]).supported


def test_the_most_cited_work_is_what_the_record_cannot_tell(ask, example):
    """"What is her most cited work?" was answered "The record holds no papers on most
    cited": the record counts no citations per paper, and the answer says so."""
    _, verifier = example
    answer = ask("What is Zewen Chi's most cited work?")[0]
    assert _text(answer) == ("The record of Zewen Chi counts no citations per paper, so it "
                             "cannot tell which work is the most cited or best known. Zewen "
                             "Chi's profile page states 8,769 citations in all.")
    _all_verified(answer, verifier)


@pytest.mark.parametrize("abstract,found", [
    ("Vision alone struggles with glass. We present X, a field. X fails on moving scenes.",
     ["X fails on moving scenes."]),  # the problem before "We present" is no limit of X
    ("We present X, which works with limited labelled data. X is limited to English.",
     ["X is limited to English."]),  # "limited data" is a setting, not a limit
    ("We train X. It recovers from perturbations that cause the baseline to fail.", []),
    ("We train X. Existing methods fail on long tasks.", []),
])
def test_an_abstracts_limits_are_its_own(abstract, found):
    from agent.verify.record import limitations

    assert limitations(abstract) == found


@pytest.mark.parametrize("path", ["examples/zewen-chi.txt", "evals/profiles/ines-okafor.txt",
                                  "evals/profiles/maren-lindqvist.txt",
                                  "evals/profiles/helena-kowalczyk.txt"])
def test_a_window_of_years_cites_the_papers_that_bear_its_claims_out(path: str) -> None:
    """"Zewen Chi led 1 of the 12 papers from 2024 to 2026 as first author" cites Chi's
    first-author paper, and "4 of the 6 papers ... concern X" a paper on X, not the window's
    first and last papers, which show its years and nothing it says (before: 108 of 363
    cited keys over these profiles bore out nothing)."""
    import datetime as dt
    from pathlib import Path

    from agent.analyze import analyze
    from agent.models import OwnerPosition
    from agent.parse import load_profile
    from agent.plan import Planner

    profile = load_profile(REPO / path, as_of=dt.date(2026, 11, 28))
    facts = analyze(profile)
    verifier = Verifier(profile, facts)
    papers = {p.key: p for p in profile.papers}
    lines = {t.label: set(t.paper_keys) for t in facts.topics if not t.other}
    years = sorted({p.year for p in profile.papers if p.year is not None})
    checked = 0
    for start in years[1:]:
        since = [k for k, p in papers.items() if p.year is not None and p.year >= start]
        before = [k for k, p in papers.items() if p.year is not None and p.year < start]
        for window in (since, before):
            for claim in Planner(profile, facts).period(window)[:2]:
                assert verifier.check(claim.text, claim.keys).supported, claim.text
                if '"' in claim.text:
                    continue  # a paper's own claim, not the window's
                if "first author" in claim.text:
                    assert all(papers[k].owner_position in (OwnerPosition.FIRST,
                                                            OwnerPosition.SOLE)
                               for k in claim.keys), (claim.text, claim.keys)
                    checked += 1
                elif named := [label for label in lines if label in claim.text]:
                    assert all(any(k in lines[label] for label in named)
                               for k in claim.keys), (claim.text, claim.keys)
                    checked += 1
    assert checked


def test_a_topic_that_lists_several_is_absent_only_when_each_is(ines):
    """"What robots or hardware does the work use?" was answered "The record of Ines Okafor
    holds no papers on robots or hardware" - of a record with "Scaling Laws for Robot
    Imitation Learning" - and the verifier passed it: no paper says both words. Each topic
    the question lists is looked for on its own, and the absence is checked part by part."""
    profile, verifier, settings = ines
    robots, cameras, neither = api.ask_many(profile, [
        "What robots or hardware does the work use?",
        "Does the work use event cameras or tactile sensors?",
        "Has she worked on quantum computing or blockchain?"], settings=settings)
    assert "no paper" not in _text(robots).lower(), _text(robots)
    assert "okafor2025scaling" in _keys(robots)
    assert _text(cameras).startswith("Yes")
    assert _keys(cameras) >= {"okafor2021tactilenerf", "vogel2026event"}
    # No paper uses a word of either: said as that, which is what the record can show.
    assert _text(neither).startswith("No: no paper in the record of Ines Okafor uses the words")
    for answer in (robots, cameras, neither):
        _all_verified(answer, verifier)
    false = verifier.check("The record of Ines Okafor holds no papers on robots or hardware.", [])
    assert not false.supported and "absence" in false.kinds, false
    assert verifier.check("The record of Ines Okafor holds no papers on quantum computing or "
                          "blockchain.", []).supported


def test_a_window_after_a_turn_does_not_list_the_lines_again(ines):
    """"How did the work change after 2021?" said "From 2022, the work concentrates on
    manipulation and policies. From 2022 to 2026, the 6 papers include work on manipulation
    and policies.": the window's lines once, in the turn."""
    profile, verifier, settings = ines
    (change,) = api.ask_many(profile, ["How did the work change after 2021?"],
                             settings=settings)
    text = _text(change)
    assert "From 2022, the work concentrates on manipulation and policies" in text, text
    assert "From 2022 to 2026, the 6 papers include work on" not in text, text
    _all_verified(change, verifier)


def test_a_question_about_the_groups_datasets_is_answered_from_the_abstracts(tmp_path):
    """"What datasets has the group built?" was answered "The record of Maren Lindqvist
    holds no papers on datasets has the group built" (the subject ran past its verb, and
    "group" kept the dataset rule from reading it); CellAtlas-2 is such a paper."""
    profile = api.load("evals/profiles/maren-lindqvist.txt", as_of=EXAMPLE_AS_OF)
    (answer,) = api.ask_many(profile, ["What datasets has the group built?"],
                             settings=Settings(writing="plan", cache_dir=tmp_path))
    assert "holds no papers" not in _text(answer), _text(answer)
    assert "sandstrom2021cellatlas2" in _keys(answer)


def test_an_absence_the_verifier_refutes_is_answered_with_the_papers_it_found(tmp_path):
    """"Has she worked with ECMWF?" was answered "No: no paper in the record of Helena
    Kowalczyk is on 'ecmwf'" - WeatherMesh lists ECMWF among its affiliations - because
    the search reads titles and abstracts, and the fallback wording escaped the absence
    check. The verifier looks through every paper's record; what it finds is the answer."""
    profile = api.load("evals/profiles/helena-kowalczyk.txt", as_of=EXAMPLE_AS_OF)
    verifier = Verifier(profile, api.analyze(profile))
    ecmwf, quantum = api.ask_many(profile, ["Has she worked with ECMWF?",
                                            "Has she worked on quantum computing?"],
                                  settings=Settings(writing="plan", cache_dir=tmp_path))
    # a paper is not "on" its institution: the answer says where the record lists it, and
    # names it as the question does (the record's slug and the rules' reading are lower case)
    assert _text(ecmwf).startswith("Yes: ECMWF is among the affiliations listed on "
                                   "WeatherMesh (2022)"), _text(ecmwf)
    assert "reilly2022weathermesh" in _keys(ecmwf)
    assert _text(quantum) == ("No: no paper in the record of Helena Kowalczyk uses the words "
                              "\u201cquantum computing\u201d.")
    for answer in (ecmwf, quantum):
        _all_verified(answer, verifier)


def test_a_topics_generic_head_noun_does_not_hide_a_paper_on_it(ines):
    """"Which papers use diffusion models?" was answered "The record of Ines Okafor holds no
    papers on diffusion models; the nearest is BiDiff", BiDiff being a diffusion policy:
    no paper says "diffusion models". "models" says what kind of thing the topic is; a
    paper on diffusion refutes the absence. "protein folding" has no such head: still no."""
    profile, verifier, settings = ines
    (diffusion,) = api.ask_many(profile, ["Which papers use diffusion models?"],
                                settings=settings)
    assert "holds no papers" not in _text(diffusion), _text(diffusion)
    assert "okafor2023diffusion" in _keys(diffusion)
    _all_verified(diffusion, verifier)
    assert not verifier.check("The record of Ines Okafor holds no papers on diffusion models.",
                              []).supported
    assert verifier.check("The record of Ines Okafor holds no papers on protein folding.",
                          []).supported


def test_main_contributions_are_told_and_only_key_works_are_picked_by_rule(ines):
    """"What are Okafor's main contributions?" opened "The record ... counts no citations
    per paper, so it cannot rank the works by importance" and named two papers: it asks
    what the work contributes, which the overview tells. Key works and the most important
    paper are still picked by rule, the answer saying why."""
    profile, verifier, settings = ines
    main, key, ranked = api.ask_many(profile, [
        "What are Okafor's main contributions?", "What are the key papers?",
        "What is Okafor's most important paper?"], settings=settings)
    assert _text(main).startswith("Ines Okafor's 11 papers, from 2018 to 2026, centre on"), \
        _text(main)
    assert "cannot rank" not in _text(main)
    for answer in (key, ranked):
        assert _text(answer).startswith("The record of Ines Okafor counts no citations"), \
            _text(answer)
    for answer in (main, key):
        _all_verified(answer, verifier)


def test_no_sentence_cites_a_paper_twice(tmp_path):
    """"Next come Amara Nwosu (5 papers), Lukas Brandt (5 papers) and Rahul Mehta (4 papers)
    [...] [okafor2019sampleefficient] [okafor2019sampleefficient]": two co-authors' earliest
    papers were one paper, cited twice."""
    profile = api.load("evals/profiles/ines-okafor.txt", as_of=EXAMPLE_AS_OF)
    settings = Settings(writing="plan", cache_dir=tmp_path)
    for question in ("Who does she collaborate with most?", "What did she do before 2020?",
                     "Who are her co-authors?"):
        answer = api.ask(profile, question, settings=settings)
        for s in (s for sec in answer.sections for s in sec.sentences):
            assert len(s.keys) == len(set(s.keys)), (question, s.text, s.keys)


@pytest.mark.parametrize("name", ["helena-kowalczyk.txt", "ines-okafor.txt",
                                  "maren-lindqvist.txt"])
def test_how_the_work_changed_says_something_of_every_phase(name, tmp_path):
    """Helena Kowalczyk's 2023-2024 papers fit no line of work, and "How has her work
    changed over time?" went from 2022 straight to 2025, as if nothing happened between."""
    profile = api.load(f"evals/profiles/{name}", as_of=EXAMPLE_AS_OF)
    settings = Settings(writing="plan", cache_dir=tmp_path)
    answer = api.ask(profile, "How has her work changed over time?", settings=settings)
    cited = {k for sec in answer.sections for s in sec.sentences for k in s.keys}
    for phase in api.analyze(profile).phases:
        assert cited & set(phase.paper_keys), (phase.start_year, phase.end_year)
    _all_verified(answer, Verifier(profile, api.analyze(profile)))


def test_a_count_that_opens_an_answer_is_spelled_out(tmp_path):
    profile = api.load("evals/profiles/helena-kowalczyk.txt", as_of=EXAMPLE_AS_OF)
    answer = api.ask(profile, "Which papers use diffusion models?",
                     settings=Settings(writing="plan", cache_dir=tmp_path))
    first = answer.sections[0].sentences[0]
    assert first.text.startswith("One paper in the record is on diffusion models: RainDiff"), \
        first.text
    assert first.status is SentenceStatus.PLANNED  # verified, as planned


def test_an_open_question_of_findings_is_answered_with_them() -> None:
    """"What has she found about minimum wages?" was answered with who wrote the paper and
    nothing it found; a held-out economist's "What has he found about generative AI ...?"
    with the datasets assembled. What each paper reports now follows."""
    text = plan_answer_text(REPO / "evals" / "profiles" / "marit-van-den-heuvel.json",
                            "What has she found about minimum wages?")
    assert "reduces employment of 18-year-olds by 2.1 percent" in text
    described = plan_answer_text(REPO / "evals" / "profiles" / "marit-van-den-heuvel.json",
                                 "Summarize her work on minimum wages.")
    assert "2.1 percent" not in described  # a summary is not asked for findings


def test_a_work_s_finding_is_said_once_and_its_name_is_whole(tmp_path) -> None:
    """A held-out astronomer's "What did the 2014 TAVI-9b paper find?" added a 2022 paper on
    TAVI-28b ("TAVI-" was read as the question's acronym), and said the 2014 paper's null
    result twice: "finds no evidence for absorption by sodium or potassium. It reports that
    no evidence was found for absorption by sodium or potassium"."""
    page = tmp_path / "page.txt"
    page.write_text("""Ana Okoro

2 Papers

GNMar 1, 2014
Searching for alkali absorption in the hot Jupiter TAVI-9b: upper limits on sodium

Ana Okoro, Ben Lee

Four transits of TAVI-9b were observed with KESTREL. We find no evidence for absorption \
by sodium or potassium.

GNMar 1, 2022
Faculae drive changes in the transmission spectrum of the warm Saturn TAVI-28b

Ana Okoro, Ben Lee

We observed 9 transits of TAVI-28b. Faculae explain 80% of the variance of the spectrum \
between epochs, compared with 15% for starspots.
""", encoding="utf-8")
    text = plan_answer_text(page, "What did the 2014 TAVI-9b paper find?")
    assert "TAVI-28b" not in text
    assert text.count("no evidence") == 1, text


@pytest.mark.parametrize("question", [
    "Has the pressure ulcer staffing estimate held up?",
    "Did the pressure ulcer staffing estimate hold up?",
])
def test_whether_a_claim_stood_is_told_by_its_papers_in_order(question: str) -> None:
    """A held-out bioarchaeologist's "Did the famine interpretation of the Norrösund mass
    grave hold up?" was answered "Yes: one paper in the record is on famine interpretation
    of the Norrösund mass grave hold up", leaving out the paper that withdrew it. Whether a
    claim stood is no yes-or-no of topic: the papers on it, the one that made it and the
    one that revised it, in order."""
    text = plan_answer(REPO / "evals" / "profiles" / "tove-marchbanks.txt", question)
    assert not text.startswith("Yes")
    assert text.index("[marchbanks2017registered]") < text.index("[marchbanks2021nurse]")
    assert classify(question, "Tove Marchbanks").kind is QuestionKind.OPEN


@pytest.mark.parametrize(("question", "kind", "topic"), [
    ("Did platform entry hurt taxi drivers' earnings?", QuestionKind.WORK, "platform entry"),
    ("Did she work on speech?", QuestionKind.YES_NO, "speech"),
    ("Do they use transformers?", QuestionKind.YES_NO, "transformers"),
])
def test_a_thing_said_to_act_asks_what_was_found(question: str, kind: QuestionKind,
                                                   topic: str) -> None:
    """A held-out economist's "Did platform entry hurt taxi drivers' earnings?" was answered
    "Yes: the record ... has 2 papers on “platform entry hurt taxi drivers earnings”", where
    the paper on it rules out losses larger than 4%. Without "the", a thing said to act
    still asks what a work found of it; a person's doing stays a yes or no."""
    asked = classify(question, "Teodor Vasquez-Lindholm")
    assert (asked.kind, asked.topic) == (kind, topic)
