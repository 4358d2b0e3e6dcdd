"""Retrieval and fact answers, checked against facts read off examples/zewen-chi.txt by hand.

The expected numbers below were counted in the example file with grep (date
lines per year, "Code" flags, author lines starting with "Zewen Chi", lines
naming "Li Dong"), not copied from the code's output. A second, hand-built
profile keeps the tests from being tuned to one file.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from agent.analyze import analyze
from agent.models import FactSheet, Paper, Profile, SentenceStatus
from agent.names import owner_position
from agent.fact_questions import MAX_KEYS_PER_SENTENCE, FactAnswer, answer_from_facts
from agent.verify import Verifier
from agent.retrieve import COVERS_MIN_SCORE, RELATED_MIN_SCORE, Retriever
from tests.conftest import REPO

# Read off the example by hand.
PAPERS_2021 = ["yu2021robust", "chi2021mt6", "chi2021improving", "zheng2021consistency",
               "chi2021xlme", "chi2021crosslingual", "bai2021unifying"]  # in date order
PAPERS_2022 = ["zheng2022crosslingual", "chi2022representation", "hao2022language",
               "nie2022unsupervised", "zhang2022et5", "patra2022englishcentric",
               "ma2022torchscale", "hao2022optimizing", "zhang2022bridging"]
CODE_KEYS = {"ma2022torchscale", "zheng2022crosslingual", "zhang2022et5", "guo2025reward",
             "shao2026slidesparse", "zhang2026sparsebitnet", "bai2021unifying",
             "chi2021improving", "yu2021robust", "chi2019crosslingual"}
# Abstracts that state "reinforcement learning" (grep -i): Promptist (Dec 2022) is the first,
# and it trains its prompt policy with reinforcement learning, so it is on the topic.
RL_KEYS = {"hao2022optimizing", "chi2025era", "guo2025reward", "jiang2025think",
           "hao2025onpolicy", "zhang2025stable", "li2026breaking"}
ON_TOPIC = ["cross-lingual pre-training", "reinforcement learning", "mixture of experts",
            "sparsity", "table recognition",
            # the lowest-scoring topics the record does hold (.148 and .150)
            "reasoning", "conversational question answering"]
# Really absent. Not "graph neural networks for traffic": the 2019 table paper proposes a
# graph neural network, so half that query is in the record.
OFF_TOPIC = ["quantum error correction", "climate modelling", "traffic forecasting",
             "federated learning privacy", "molecular dynamics simulation"]


@pytest.fixture(scope="module")
def retriever(profile: Profile, facts: FactSheet) -> Retriever:
    return Retriever(profile, facts)


def ask(question: str, profile: Profile, facts: FactSheet) -> FactAnswer:
    answer = answer_from_facts(question, profile, facts)
    assert answer is not None, question
    for sentence in answer.sentences:
        # taken from the facts, no model's: planned, exact by construction
        assert sentence.status is SentenceStatus.PLANNED
        assert len(sentence.keys) <= MAX_KEYS_PER_SENTENCE
        assert set(sentence.keys) <= {p.key for p in profile.papers}
    return answer


def text_of(answer: FactAnswer) -> str:
    return " ".join(s.text for s in answer.sentences)


def cited(answer: FactAnswer) -> set[str]:
    return {k for s in answer.sentences for k in s.keys}


# --- retrieval on the example ------------------------------------------------------------


def test_search_ranks_the_obvious_paper_first(retriever: Retriever) -> None:
    assert retriever.search("cross-lingual phrase retrieval")[0].key == "zheng2022crosslingual"
    assert retriever.search("table structure recognition")[0].key == "chi2019complicated"
    assert retriever.search("InfoXLM")[0].key == "chi2020infoxlm"


def test_search_is_best_first_and_bounded(retriever: Retriever) -> None:
    hits = retriever.search("multilingual machine translation", k=5)
    assert len(hits) == 5
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert retriever.search("multilingual machine translation", k=5) == hits


@pytest.mark.parametrize("query", ON_TOPIC)
def test_on_topic_queries_are_covered(retriever: Retriever, query: str) -> None:
    assert retriever.covers(query)


@pytest.mark.parametrize("query", OFF_TOPIC)
def test_absent_topics_are_not_covered(retriever: Retriever, query: str) -> None:
    assert not retriever.covers(query)
    assert not retriever.related(query)


@pytest.mark.parametrize("query", ["computer vision object detection", "hate speech detection"])
def test_near_misses_are_not_covered(retriever: Retriever, query: str) -> None:
    # The highest-scoring absent topics (.089 and .097, on "vision" and "speech").
    assert not retriever.covers(query)


def test_covers_reads_a_whole_question(retriever: Retriever) -> None:
    assert retriever.covers("What has Zewen Chi published on mixture of experts?")
    assert not retriever.covers("What does she know about climate modelling?")


def test_related_keeps_only_papers_on_the_topic(retriever: Retriever, profile: Profile) -> None:
    hits = retriever.related("reinforcement learning", k=len(profile.papers))
    assert {h.key for h in hits} == RL_KEYS
    assert all(h.score >= RELATED_MIN_SCORE for h in hits)
    assert retriever.related("reinforcement learning", k=3) == hits[:3]


def test_a_topics_most_specific_word_decides_what_is_on_it(retriever: Retriever) -> None:
    # Issue 17: FlashBack makes inference efficient without sparsity; SlideSparse's
    # abstract never says "efficient" or "inference", but its title says "Sparsity".
    keys = {h.key for h in retriever.related("efficient sparse inference")}
    assert {"shao2026slidesparse", "zhang2026sparsebitnet"} <= keys
    assert "liu2024flashback" not in keys
    # A generic word the record knows does not stand for words it does not.
    assert not retriever.related("federated learning privacy")


def test_a_word_the_record_states_in_another_form_is_known() -> None:
    """"tactile sensing": Ines Okafor's TactileNeRF says "tactile" in its title and
    "sensor", never "sensing"; it is on the topic (a grant on tactile sensing cited two
    manipulation papers and not it)."""
    from agent.evals import EVAL_AS_OF, repo_path
    from agent.parse import load_profile

    profile = load_profile(repo_path("evals/profiles/ines-okafor.txt"), as_of=EVAL_AS_OF)
    retriever = Retriever(profile, analyze(profile))
    keys = [h.key for h in retriever.related("tactile sensing for robot manipulation")]
    assert keys[0] == "okafor2021tactilenerf"


def test_on_topic_needs_every_word(retriever: Retriever) -> None:
    # ProtLLM is near "protein folding" on the word "protein", but never says "folding".
    assert retriever.search("protein folding")[0].key == "zhuo2024protllm"
    assert retriever.on_topic("protein folding") == []
    assert retriever.on_topic("mixture of experts") == ["chi2022representation",
                                                        "zhang2025stable"]


def test_mentions_ignore_hyphens_and_plurals(retriever: Retriever) -> None:
    found = {m.key: m for m in retriever.mentions("mixture of experts")}
    # "Mixture-of-Experts" in the 2025 title; "Mixture of Experts" in the 2022 one.
    assert found["zhang2025stable"].in_title and found["chi2022representation"].in_title
    assert [m.key for m in retriever.mentions("graph neural networks")] == ["chi2019complicated"]


# --- fact answers on the example ---------------------------------------------------------


@pytest.mark.parametrize("question", [
    "How many papers in 2021?",
    "how many papers did she publish in 2021",
    "Papers from 2021",
    "How many papers did Zewen Chi write in 2021?",
    "HOW MANY PUBLICATIONS IN 2021",
])
def test_papers_in_a_year(question: str, profile: Profile, facts: FactSheet) -> None:
    answer = ask(question, profile, facts)
    assert answer.question_kind == "papers_in_year"
    assert answer.sentences[0].text == "Zewen Chi has 7 papers dated 2021 in this record."
    assert answer.sentences[0].keys == PAPERS_2021[:6]  # the first six by date


def test_papers_in_2022(profile: Profile, facts: FactSheet) -> None:
    answer = ask("how many papers did she publish in 2022", profile, facts)
    assert answer.sentences[0].text == "Zewen Chi has 9 papers dated 2022 in this record."
    assert answer.sentences[0].keys == PAPERS_2022[:6]


def test_papers_in_a_range_of_years(profile: Profile, facts: FactSheet) -> None:
    # 3 in 2020 (Jul 3, Jul 15, Dec 31) + 7 + 9.
    answer = ask("How many papers between 2020 and 2022?", profile, facts)
    assert answer.sentences[0].text == "Zewen Chi has 19 papers dated 2020 to 2022 in this record."


def test_a_year_without_papers_names_the_span(profile: Profile, facts: FactSheet) -> None:
    answer = ask("How many papers did she publish in 2018?", profile, facts)
    assert answer.sentences[0].text == ("Zewen Chi has no papers dated 2018 in this record, "
                                        "which spans 2019 to 2026.")
    assert answer.sentences[0].keys == ["chi2019complicated", "li2026breaking"]


@pytest.mark.parametrize("question", ["How many papers are there?", "how many papers in total"])
def test_total(question: str, profile: Profile, facts: FactSheet) -> None:
    answer = ask(question, profile, facts)
    assert answer.question_kind == "paper_count"
    assert answer.sentences[0].text == "Zewen Chi has 36 papers in this record, dated 2019 to 2026."
    assert len(answer.sentences) == 1  # the page claims 36 too


@pytest.mark.parametrize(("question", "person", "count"), [
    ("Has Chi worked with Furu Wei?", "Furu Wei", 3),
    ("Did Zewen Chi ever collaborate with li dong?", "Li Dong", 15),
    ("Has she co-authored papers with Heng-Da Xu?", "Heng-Da Xu", 2),
])
def test_a_named_coauthor_is_found_in_the_author_lists(question: str, person: str, count: int,
                                                       profile: Profile,
                                                       facts: FactSheet) -> None:
    """"Has Chi worked with Furu Wei?" was read as a topic and answered "No: no paper ... is
    on 'furu wei'", though Furu Wei is an author of three of the papers."""
    answer = ask(question, profile, facts)
    assert answer.question_kind == "coauthor_named"
    assert answer.sentences[0].text.startswith(f"Yes: {person} is a co-author of {count} papers")
    papers = {p.key: p for p in profile.papers}
    assert all(any(person.lower() == a.lower() for a in papers[k].authors)
               for k in cited(answer))
    verifier = Verifier(profile, facts)
    for sentence in answer.sentences:
        if sentence.keys:  # the note on "et al." cites nothing: it is about the record
            assert verifier.check(sentence.text, sentence.keys).supported, sentence.text
    assert answer.sentences[-1].text.endswith('35 of the 36 author lists end in "et al.".')


@pytest.mark.parametrize("question", ["What are Zewen Chi's most important papers?",
                                      "Which are his key works?", "What are her main papers?"])
def test_the_most_important_papers_are_the_owners_own_on_the_main_lines(
        question: str, profile: Profile, facts: FactSheet) -> None:
    """"Papers in the record on most important include ..." read "most important" as a
    topic. No record ranks its papers: the answer says so, then names the owner's own
    papers on the largest lines, each sentence verified."""
    answer = ask(question, profile, facts)
    assert answer.question_kind == "signature"
    assert "cannot rank the works by importance" in answer.sentences[0].text
    assert "cross-lingual language model pre-training" in text_of(answer)
    assert "InfoXLM (2020)" in text_of(answer)
    verifier = Verifier(profile, facts)
    for sentence in answer.sentences[1:]:
        assert verifier.check(sentence.text, sentence.keys).supported, sentence.text


@pytest.mark.parametrize(("path", "made"), [
    ("examples/zewen-chi.txt", {"chi2019complicated", "zheng2022crosslingual", "li2026breaking"}),
    ("evals/profiles/maren-lindqvist.txt", {"sandstrom2021cellatlas2", "farouk2025foundation"}),
    ("evals/profiles/ines-okafor.txt", {"brandt2023benchmarking"}),
])
def test_the_datasets_a_researcher_released_are_found(path: str, made: set[str]) -> None:
    """"Which datasets has Chi released?" was "No paper in the record ... is on 'datasets has
    released'", though SciTSR, the XPR dataset and MicroCoder-Dataset are in the abstracts.
    Each paper is named with the abstract's own sentence, which the verifier passes; a paper
    that only evaluates on a benchmark ("On the DREAM5 benchmark, RegGNN improves") is no
    maker of one."""
    import datetime as dt
    from pathlib import Path

    from agent.analyze import analyze
    from agent.parse import load_profile

    profile = load_profile(REPO / path, as_of=dt.date(2026, 11, 28))
    facts = analyze(profile)
    answer = ask("Which datasets has the researcher released?", profile, facts)
    assert answer.question_kind == "artifacts"
    assert made <= cited(answer)
    verifier = Verifier(profile, facts)
    for sentence in answer.sentences[1:]:
        assert verifier.check(sentence.text, sentence.keys).supported, sentence.text
    # Released models and evaluations on a benchmark are no data of the paper's own.
    assert not {"guo2025reward", "berg2019batch", "lindqvist2026perturbation"} & cited(answer)


def test_the_papers_with_a_named_coauthor_are_listed(profile: Profile, facts: FactSheet) -> None:
    answer = ask("Which papers did she write with Li Dong?", profile, facts)
    assert text_of(answer).startswith("Li Dong is a co-author of 15 papers in this record")
    assert "By date, they are" in text_of(answer)


def test_a_coauthor_not_in_the_lists_is_not_ruled_out_behind_et_al(profile: Profile,
                                                                   facts: FactSheet) -> None:
    answer = ask("Has Chi co-authored with Geoffrey Hinton?", profile, facts)
    assert answer.question_kind == "coauthor_named"
    assert not text_of(answer).startswith(("Yes", "No"))
    assert "Geoffrey Hinton is not among the visible authors" in text_of(answer)
    assert "so the record cannot rule it out" in text_of(answer)
    # Every author list complete: the record can say no.
    whole = profile.model_copy(update={"papers": [
        p.model_copy(update={"authors_truncated": False}) for p in profile.papers]})
    answer = answer_from_facts("Has Chi co-authored with Geoffrey Hinton?", whole, facts)
    assert answer is not None and text_of(answer).startswith("No: Geoffrey Hinton is not among")


@pytest.mark.parametrize("question", [
    "Who co-authors most?",
    "Who is her most frequent collaborator?",
    "Who does Zewen Chi work with most?",
    "who are her top coauthors",
])
def test_top_coauthor(question: str, profile: Profile, facts: FactSheet) -> None:
    answer = ask(question, profile, facts)
    assert answer.question_kind == "top_coauthors"
    assert answer.sentences[0].text == ("Zewen Chi's most frequent co-author in this record is "
                                        "Li Dong, on 15 papers.")
    assert answer.sentences[0].keys[:2] == ["chi2019crosslingual", "chi2019monolingual"]
    assert "Shaohan Huang (10 papers)" in answer.sentences[1].text
    # 35 of the 36 author lines end in "et al."; only chi2023measuring is complete.
    assert answer.sentences[-1].text.endswith('35 of the 36 author lists end in "et al.".')


@pytest.mark.parametrize("question", [
    "Which papers have code?", "Which papers release code?", "which papers have code available",
])
def test_code_papers_are_listed(question: str, profile: Profile, facts: FactSheet) -> None:
    answer = ask(question, profile, facts)
    assert answer.question_kind == "code"
    # A count that opens the sentence is spelled out.
    assert answer.sentences[0].text == ("Ten of Zewen Chi's 36 papers in this record "
                                        "have code available.")
    assert cited(answer) == CODE_KEYS
    assert '"Cross-Lingual Phrase Retrieval" (2022)' in text_of(answer)
    assert len(answer.sentences) == 3  # the count, then six titles and four


def test_code_count_alone_lists_nothing(profile: Profile, facts: FactSheet) -> None:
    answer = ask("How many papers have code?", profile, facts)
    assert len(answer.sentences) == 1


def test_first_author_count_and_hidden_positions(profile: Profile, facts: FactSheet) -> None:
    answer = ask("How many first-author papers?", profile, facts)
    assert answer.question_kind == "author_role"
    assert answer.sentences[0].text == ("Zewen Chi is first author of 11 of the 36 papers "
                                        "in this record.")
    # 14 author lines neither show Zewen Chi nor are complete (XLM-T, TorchScale, Kosmos-1, ...):
    # a count of the record, which the verifier checks against the author lists.
    assert answer.sentences[-1].text == (
        'On 14 of the 36 papers the author list ends in "et al." before Zewen Chi\'s name, so '
        "the record cannot tell Zewen Chi's position on them.")
    assert answer.sentences[-1].keys == []


def test_which_first_author_papers_lists_titles(profile: Profile, facts: FactSheet) -> None:
    answer = ask("Which papers is she first author on?", profile, facts)
    listed = {k for s in answer.sentences[1:-1] for k in s.keys}
    assert len(listed) == 11 and "chi2020infoxlm" in listed and "hao2022optimizing" not in listed


@pytest.mark.parametrize("question", [
    "When did work on reinforcement learning start?",
    "When did she start working on reinforcement learning?",
    "Since when does Zewen Chi work on reinforcement learning?",
    "What is her first paper on reinforcement learning?",
    # a held-out veterinarian's "When did her work turn to wastewater?" was answered "No
    # paper in the record ... is on “turn to wastewater”"
    "When did her work turn to reinforcement learning?",
    "When did she move to reinforcement learning?",
])
def test_reinforcement_learning_starts_with_promptist(question: str, profile: Profile,
                                                      facts: FactSheet) -> None:
    answer = ask(question, profile, facts)
    assert answer.question_kind == "topic_start"
    assert [s.text for s in answer.sentences] == [
        'The earliest paper on reinforcement learning in the record is '
        '"Optimizing Prompts for Text-to-Image Generation" (2022).']
    assert answer.sentences[0].keys == ["hao2022optimizing"]


def test_an_earlier_mention_is_told_apart(profile: Profile, facts: FactSheet) -> None:
    # The first paper about question answering is DiverseQA (Aug 2022); MT6 (Apr 2021)
    # only lists it among its benchmarks.
    answer = ask("When did she begin publishing on question answering?", profile, facts)
    assert answer.sentences[0].keys == ["nie2022unsupervised"]
    assert answer.sentences[1].text == (
        "An earlier paper uses the term question answering: "
        '"MT6: Multilingual Pretrained Text-to-Text Transformer with Translation Pairs" (2021).')
    assert answer.sentences[1].keys == ["chi2021mt6"]


@pytest.mark.parametrize(("topic", "first"), [
    # "reinforcement learning (RL)" and "Mixture-of-Experts (MoE)" are defined in the 2025
    # MoE paper's abstract; the 2022 papers spell the words out and never use the acronym.
    ("RL", "hao2022optimizing"), ("MoE", "chi2022representation"),
])
def test_acronyms_the_papers_define_are_spelled_out(topic: str, first: str, profile: Profile,
                                                    facts: FactSheet) -> None:
    answer = ask(f"When did she start working on {topic}?", profile, facts)
    assert answer.sentences[0].keys == [first]
    assert answer.sentences[0].text.startswith(f"The earliest paper on {topic} in the record")


def test_same_day_papers_are_named_together(profile: Profile, facts: FactSheet) -> None:
    answer = ask("Since when does she work on structured sparsity?", profile, facts)
    assert answer.sentences[0].keys == ["shao2026slidesparse", "zhang2026sparsebitnet"]
    assert answer.sentences[0].text.startswith("The earliest papers on structured sparsity")


def test_phrases_match_across_word_forms(profile: Profile, facts: FactSheet) -> None:
    # Stems, as the verifier reads words: "sparsity" is stated by the 2022 title's
    # "Sparse Mixture of Experts" (a sparsely activated model), four years before
    # SlideSparse; a plural on the other word does not matter.
    retriever = Retriever(profile, facts)
    assert "chi2022representation" in {m.key for m in retriever.mentions("sparsity")
                                       if m.in_title}
    assert {m.key for m in retriever.mentions("sparse mixtures of expert")} == \
        {m.key for m in retriever.mentions("sparse mixture of experts")}


@pytest.mark.parametrize("topic", ["quantum error correction", "protein folding"])
def test_topic_absent_from_the_record(topic: str, profile: Profile, facts: FactSheet) -> None:
    answer = ask(f"When did she start working on {topic}?", profile, facts)
    assert [s.text for s in answer.sentences] == [f"Zewen Chi's record holds no paper on {topic}."]
    assert answer.sentences[0].keys == []


def test_span_and_earliest_paper(profile: Profile, facts: FactSheet) -> None:
    answer = ask("What was her first paper?", profile, facts)
    assert answer.sentences[0].text == "Zewen Chi's papers in this record are dated 2019 to 2026."
    assert answer.sentences[1].keys == ["chi2019complicated"]  # Aug 13, 2019
    latest = ask("What is her most recent paper?", profile, facts)
    assert latest.sentences[-1].keys == ["li2026breaking"]  # Mar 8, 2026 (year from capture date)


def test_affiliations_and_categories(profile: Profile, facts: FactSheet) -> None:
    # "· microsoft-research" on 7 author lines, "cmu" on 3.
    answer = ask("What affiliations appear?", profile, facts)
    assert "microsoft-research (7 papers) and cmu (3 papers)" in answer.sentences[0].text
    categories = ask("What arXiv categories?", profile, facts)
    assert "CL (27 papers)" in text_of(categories) and "SD (1 paper)" in text_of(categories)


@pytest.mark.parametrize("question", [
    "What is the main idea of InfoXLM?",
    "How does XLM-E differ from InfoXLM?",
    "Summarize her work on reinforcement learning.",
    "How many papers on reinforcement learning in 2021?",  # a count with a topic: not exact
    "What are her papers about?",
])
def test_other_questions_are_left_to_the_model(question: str, profile: Profile,
                                                facts: FactSheet) -> None:
    assert answer_from_facts(question, profile, facts) is None


def test_every_number_comes_from_the_record(profile: Profile, facts: FactSheet) -> None:
    allowed = {str(n) for n in _record_numbers(profile, facts)}
    for question in ["How many papers in 2021?", "How many papers in 2018?", "How many papers?",
                     "Who co-authors most?", "Which papers have code?",
                     "Which papers is she first author on?", "papers per year",
                     "What categories?", "What affiliations appear?",
                     "When did she start working on question answering?"]:
        answer = ask(question, profile, facts)
        asked = set(re.findall(r"\d+", question))
        for sentence in answer.sentences:
            unquoted = re.sub(r'"[^"]*"', "", sentence.text)  # titles carry their own digits
            for number in re.findall(r"\d+", unquoted):
                assert number in allowed | asked, (question, sentence.text)


def _record_numbers(profile: Profile, facts: FactSheet) -> set[int]:
    numbers = {facts.paper_count, *(y.year for y in facts.papers_per_year),
               *(y.count for y in facts.papers_per_year),
               *(c.count for c in facts.papers_per_category),
               *(c.papers for c in facts.top_collaborators),
               len(facts.code_available_keys), len(facts.first_author_keys),
               len(facts.unknown_position_keys),
               sum(p.authors_truncated for p in profile.papers),
               sum(not p.affiliations for p in profile.papers)}
    numbers |= {sum(a in p.affiliations for p in profile.papers) for a in facts.affiliations}
    return numbers


# --- a second, hand-built profile --------------------------------------------------------

OWNER = "Ada Byron"


def _paper(key: str, title: str, date: dt.date | None, authors: list[str], abstract: str,
           truncated: bool = False, has_code: bool = False, category: str = "LG") -> Paper:
    return Paper(key=key, title=title, date=date, authors=authors, authors_truncated=truncated,
                 abstract=abstract, has_code=has_code, category=category,
                 owner_position=owner_position(authors, truncated, OWNER))


SMALL_PAPERS = [
    _paper("byron2018graph", "Graph Colouring with Local Search", dt.date(2018, 3, 1),
           ["Ada Byron", "Charles Babbage"],
           "We colour the vertices of sparse graphs with a tabu local search that escapes "
           "plateaus by recolouring conflicting vertices.", has_code=True, category="DS"),
    _paper("babbage2018analytical", "An Analytical Engine for Tabulating Polynomials",
           dt.date(2018, 9, 10), ["Charles Babbage", "Ada Byron"],
           "A mechanical engine tabulates polynomials by the method of finite differences. "
           "Gears store the differences; a printing unit sets the tables in type. Unlike "
           "reinforcement learning, the engine needs no reward. Results cover seventh-degree "
           "polynomials, logarithm tables and trigonometric tables for navigation.",
           category="NA"),
    _paper("byron2020reinforcement", "Reinforcement Learning for Loom Control",
           dt.date(2020, 5, 5), ["Ada Byron", "Mary Somerville", "Charles Babbage"],
           "We train a loom controller with reinforcement learning: the policy chooses the "
           "next punched card and the reward counts weaving faults avoided.", has_code=True),
    _paper("somerville2021policy", "Policy Gradients for Weaving Schedules",
           dt.date(2021, 2, 2), ["Mary Somerville", "Charles Babbage"],
           "Policy gradient methods schedule the cards of a Jacquard loom; the schedules "
           "cut idle time on weaving floors.", truncated=True),
    _paper("byron2021notes", "Notes on the Translation of a Memoir", None, ["Ada Byron"],
           "Translator's notes on a memoir about the engine, with a program for Bernoulli "
           "numbers.", category="HO"),
]


@pytest.fixture(scope="module")
def small() -> Profile:
    return Profile(name=OWNER, as_of=dt.date(2022, 1, 1), claimed_paper_count=6,
                   papers=SMALL_PAPERS)


@pytest.fixture(scope="module")
def small_facts(small: Profile) -> FactSheet:
    return analyze(small)


def test_small_profile_counts(small: Profile, small_facts: FactSheet) -> None:
    year = ask("How many papers in 2018?", small, small_facts)
    assert year.sentences[0].text == "Ada Byron has 2 papers dated 2018 in this record."
    assert year.sentences[-1].text == '"Notes on the Translation of a Memoir" is undated.'
    gap = ask("papers from 2019", small, small_facts)
    assert gap.sentences[0].text == ("Ada Byron has no papers dated 2019 in this record, "
                                     "which spans 2018 to 2021.")
    total = ask("How many papers are there in total?", small, small_facts)
    # One of the five is undated: the span is the other four's.
    assert [s.text for s in total.sentences] == [
        "Ada Byron has 5 papers in this record; 4 of them are dated, from 2018 to 2021.",
        '"Notes on the Translation of a Memoir" is undated.',
        "The page states 6 papers; 5 were read from it."]


def test_small_profile_roles(small: Profile, small_facts: FactSheet) -> None:
    first = ask("How many first author papers does Ada Byron have?", small, small_facts)
    assert [s.text for s in first.sentences] == [
        "Ada Byron is first author of 3 of the 5 papers in this record, 1 of them as sole "
        "author.",
        'On 1 of the 5 papers the author list ends in "et al." before Ada Byron\'s name, so the '
        "record cannot tell Ada Byron's position on it."]
    # A sole author is the last author too, as the verifier counts one.
    last = ask("how many last-author papers", small, small_facts)
    assert last.sentences[0].keys == ["babbage2018analytical", "byron2021notes"]
    assert last.sentences[0].text.endswith(", 1 of them as sole author.")


def test_small_profile_coauthors_and_code(small: Profile, small_facts: FactSheet) -> None:
    top = ask("Who is her most frequent co-author?", small, small_facts)
    assert top.sentences[0].text == ("Ada Byron's most frequent co-author in this record is "
                                     "Charles Babbage, on 4 papers.")
    assert top.sentences[-1].text.endswith('1 of the 5 author lists ends in "et al.".')
    code = ask("Which papers have code available?", small, small_facts)
    assert cited(code) == {"byron2018graph", "byron2020reinforcement"}


def test_tied_coauthors_are_all_named() -> None:
    papers = [_paper(f"byron202{i}x", f"Study {i}", dt.date(2020 + i, 1, 1),
                     ["Ada Byron", "Zoe Zed", "Abe Able"], "A study of looms.") for i in range(2)]
    profile = Profile(name=OWNER, as_of=dt.date(2022, 1, 1), papers=papers)
    answer = ask("who does she work with most", profile, analyze(profile))
    assert answer.sentences[0].text == ("Ada Byron's most frequent co-authors in this record are "
                                        "Abe Able and Zoe Zed, on 2 papers each.")


def test_small_profile_topic_start_with_earlier_mention(small: Profile,
                                                        small_facts: FactSheet) -> None:
    answer = ask("When did she start working on reinforcement learning?", small, small_facts)
    assert answer.sentences[0].keys == ["byron2020reinforcement"]
    # The 2018 engine paper says "reinforcement learning" only to set it aside.
    assert answer.sentences[1].keys == ["babbage2018analytical"]
    absent = ask("first paper on protein folding", small, small_facts)
    assert absent.sentences[0].text == "Ada Byron's record holds no paper on protein folding."


def test_small_profile_retrieval(small: Profile, small_facts: FactSheet) -> None:
    retriever = Retriever(small, small_facts)
    assert retriever.search("graph colouring")[0].key == "byron2018graph"
    assert retriever.search("Bernoulli numbers")[0].key == "byron2021notes"
    assert retriever.covers("reinforcement learning")
    assert not retriever.covers("protein folding")
    assert not retriever.covers("Ada Byron")  # the owner's name says nothing about a topic


def test_ties_go_by_key() -> None:
    twin = dict(title="Loom Schedules", date=dt.date(2020, 1, 1), authors=[OWNER],
                abstract="Schedules for looms.")
    profile = Profile(name=OWNER, as_of=dt.date(2022, 1, 1),
                      papers=[_paper("zz2020loom", **twin), _paper("aa2020loom", **twin)])
    hits = Retriever(profile, analyze(profile)).search("loom schedules")
    assert [h.key for h in hits] == ["aa2020loom", "zz2020loom"]
    assert hits[0].score == hits[1].score > COVERS_MIN_SCORE


def test_empty_profile() -> None:
    profile = Profile(name=OWNER, as_of=dt.date(2022, 1, 1))
    facts = analyze(profile)
    retriever = Retriever(profile, facts)
    assert retriever.search("anything") == [] and not retriever.covers("anything")
    assert ask("how many papers?", profile, facts).sentences[0].text == \
        "Ada Byron has 0 papers in this record."
    assert ask("How many papers in 2020?", profile, facts).sentences[0].text == (
        "Ada Byron has no papers dated 2020 in this record, and none of its papers carries a date.")


@pytest.mark.parametrize("question", ["How many papers has Brännström-Okafor written alone?",
                                      "Which papers did Zoë Brännström-Okafor write by herself?",
                                      "how many papers has brannstrom-okafor written without "
                                      "co-authors"])
def test_papers_written_alone_are_sole_author_papers_whatever_the_names_accents(
        question: str) -> None:
    """"written alone" is sole authorship, and an owner named with accents ("Brännström")
    is the owner: the question's words were cut at each accented letter ("br", "nnstr",
    "m"), no rule knew them, and the answer was "holds no papers on many papers has written
    alone"."""
    from pathlib import Path

    from agent.parse import load_profiles

    profile = load_profiles([REPO / "evals" / "profiles" / "brannstrom.bib"], as_of=dt.date(2026, 11, 28))
    answer = ask(question, profile, analyze(profile))
    assert answer.question_kind == "author_role"
    assert text_of(answer).startswith("Zoë Brännström-Okafor is sole author of 2 of the 6 papers")


def test_a_topic_start_keeps_what_the_verifier_passes(tmp_path) -> None:
    """"When did she start working on manipulation?" was refused whole for "No paper ... is
    on 'start working on manipulation'": its second sentence ("An earlier paper mentions
    manipulation in its abstract") failed the verifier on two framing words. It now says
    "uses the term", and a later sentence the verifier refuses is dropped, not the
    answer."""
    from agent import api
    from agent.config import Settings

    profile = api.load(REPO / "evals" / "profiles" / "ines-okafor.txt",
                       as_of=dt.date(2026, 11, 28))
    for question in ("When did she start working on manipulation?",
                     "When did Okafor's work on manipulation begin?"):
        answer = api.ask(profile, question,
                         settings=Settings(writing="plan", cache_dir=tmp_path))
        text = " ".join(s.text for sec in answer.sections for s in sec.sentences)
        assert text.startswith("The earliest paper on manipulation in the record is "), text
        assert "An earlier paper uses the term manipulation: " \
               '"Sample-Efficient Reinforcement Learning' in text, text


def test_a_topic_word_stated_only_by_its_root_is_found(tmp_path) -> None:
    """"tactile sensing" against TactileNeRF's "tactile readings from a GelSight sensor":
    no paper says "sensing", so a word of its root stands for it. The record covers the
    topic (before: "holds no papers on tactile sensing", a false absence), and "Summarize
    her work on tactile sensing." is TactileNeRF ("summarize" opens no topic)."""
    from agent import api
    from agent.config import Settings

    profile = api.load(REPO / "evals" / "profiles" / "ines-okafor.txt",
                       as_of=dt.date(2026, 11, 28))
    retriever = Retriever(profile, analyze(profile))
    assert retriever.covers("tactile sensing")
    assert [h.key for h in retriever.related("tactile sensing")] == ["okafor2021tactilenerf"]
    answer = api.ask(profile, "Summarize her work on tactile sensing.",
                     settings=Settings(writing="plan", cache_dir=tmp_path))
    keys = {k for sec in answer.sections for s in sec.sentences for k in s.keys}
    assert keys == {"okafor2021tactilenerf"}


def test_a_topic_word_no_paper_states_is_found_by_its_root_not_by_its_first_letters() -> None:
    """"sensing" is stated by "sensor" (one root once the suffix is off), so Ines Okafor
    has a paper on tactile sensing; "recommender" is not stated by "recognition" (four
    letters in common, no root), so Zewen Chi has none on recommender systems, and
    "modelling" is stated by "models"."""
    from agent.evals import EVAL_AS_OF, repo_path
    from agent.parse import load_profile
    from agent.retrieve import _root

    assert _root("sensor") == _root("sens") and _root("recommend") != _root("recognit")
    assert _root("modell") == _root("model")
    ines = load_profile(repo_path("evals/profiles/ines-okafor.txt"), as_of=EVAL_AS_OF)
    assert Retriever(ines, analyze(ines)).on_topic("tactile sensing") == ["okafor2021tactilenerf"]
    zewen = load_profile(repo_path("examples/zewen-chi.txt"), as_of=EVAL_AS_OF)
    retriever = Retriever(zewen, analyze(zewen))
    assert not retriever.covers("recommender systems")
    assert retriever.on_topic("recommender systems") == []


def test_every_fact_answer_is_verified_before_it_is_shown(tmp_path, monkeypatch) -> None:
    """A fact answer was shown unchecked (only a topic's start was verified), so a sentence
    `verify` rejects could reach the reader: 25 of 216 did on the eval profiles. Now each
    is checked, and one after the first that the record does not bear out is dropped."""
    from agent import api, fact_questions
    from agent.config import Settings
    from agent.fact_questions import FactAnswer

    profile = api.load(REPO / "evals" / "profiles" / "ines-okafor.txt",
                       as_of=dt.date(2026, 11, 28))
    true = fact_questions._sentence("Ines Okafor has 11 papers in this record.")
    false = fact_questions._sentence("Ines Okafor has 12 papers in this record.")
    settings = Settings(writing="plan", cache_dir=tmp_path)

    def ask_with(sentences) -> str:
        monkeypatch.setattr(fact_questions, "answer_from_facts", lambda *a, **k: FactAnswer(
            question_kind="paper_count", sentences=sentences))
        answer = api.ask(profile, "How many papers does she have?", settings=settings)
        return " ".join(s.text for sec in answer.sections for s in sec.sentences)

    assert ask_with([true, false]) == true.text
    # A first sentence the verifier cannot read stays (the plans of a count would answer
    # another question: "holds no papers on many"); what follows it is still checked.
    assert ask_with([false, true, false]) == f"{false.text} {true.text}"


def test_co_authors_tied_for_first_cite_a_shared_paper_once(profile: Profile,
                                                            facts: FactSheet) -> None:
    """A held-out record's two most frequent co-authors shared their first papers, and the
    answer cited one of them twice ("[k2016s] [k2016s]")."""
    answer = ask("Who does she work with most?", profile, facts)
    for sentence in answer.sentences:
        assert len(sentence.keys) == len(set(sentence.keys)), sentence
    from agent.models import Collaborator
    tied = facts.model_copy(update={"top_collaborators": [
        Collaborator(name="Li Dong", papers=2, paper_keys=["chi2020infoxlm", "chi2021xlme"]),
        Collaborator(name="Furu Wei", papers=2, paper_keys=["chi2020infoxlm", "chi2021xlme"])]})
    answer = ask("Who does she work with most?", profile, tied)
    assert answer.sentences[0].keys == ["chi2020infoxlm", "chi2021xlme"]


def test_a_noun_of_the_stop_list_is_part_of_what_a_phrase_asks() -> None:
    """scikit-learn's stop list holds "interest", "system", "fire", "bill" and "mill":
    "interest rates" is not "rates", so a paper on tenancy exit rates does not mention it,
    and one on interest rates does (housing record, read in stop 50)."""
    papers = [
        _paper("byron2020exit", "Tenancy exits", dt.date(2020, 1, 1), [OWNER],
               "Exit rates of tenancies rose by 3.1 points in buildings with listings."),
        _paper("byron2021rates", "Mortgage costs", dt.date(2021, 1, 1), [OWNER],
               "Higher interest rates lowered house prices in the region."),
        _paper("byron2022immune", "Ageing", dt.date(2022, 1, 1), [OWNER],
               "We follow the immune system of older mice over two years."),
    ]
    profile = Profile(name=OWNER, as_of=dt.date(2023, 1, 1), papers=papers)
    retriever = Retriever(profile, analyze(profile))
    assert [m.key for m in retriever.mentions("interest rates")] == ["byron2021rates"]
    assert [m.key for m in retriever.mentions("immune system")] == ["byron2022immune"]
    assert retriever.mentions("nervous system") == []
