"""The FactSheet, checked against facts read off examples/zewen-chi.txt and small profiles."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from agent.analyze import analyze
from agent.models import FactSheet, Profile
from agent.parse import load_profile, parse_text
from agent.plan import uses
from benchmarks.bench_parse import generate_profile
from tests.conftest import PROFILES

AS_OF = dt.date(2026, 11, 28)


def topic_of(facts: FactSheet, key: str) -> str:
    [topic] = [t.id for t in facts.topics if key in t.paper_keys]
    return topic


def assert_partition_and_coverage(profile: Profile, facts: FactSheet) -> None:
    """Every paper in exactly one topic; phases tile first..last year with no gap or overlap."""
    keys = sorted(p.key for p in profile.papers)
    in_topics = sorted(k for t in facts.topics for k in t.paper_keys)
    assert in_topics == keys
    assert [t.id for t in facts.topics] == [f"t{i}" for i in range(1, len(facts.topics) + 1)]
    years = {p.key: p.year for p in profile.papers}
    for topic in facts.topics:
        member_years = [years[k] for k in topic.paper_keys]
        assert (topic.first_year, topic.last_year) == (min(member_years), max(member_years))
        assert topic.keywords and topic.label
    if not keys:
        assert facts.phases == []
        return
    phases = facts.phases
    assert phases[0].start_year == facts.first_year == min(years.values())
    assert phases[-1].end_year == facts.last_year == max(years.values())
    for before, after in zip(phases, phases[1:]):
        assert after.start_year == before.end_year + 1
    for phase in phases:
        assert phase.start_year <= phase.end_year
        inside = sorted(k for k, y in years.items() if phase.start_year <= y <= phase.end_year)
        assert phase.paper_keys == inside
        assert sorted(phase.topic_ids) == sorted({topic_of(facts, k) for k in inside})


# --- counts read off the page ------------------------------------------------------------


def test_counts_and_years(facts: FactSheet) -> None:
    assert facts.owner == "Zewen Chi"
    assert facts.paper_count == 36
    assert (facts.first_year, facts.last_year) == (2019, 2026)
    assert [(c.year, c.count) for c in facts.papers_per_year] == [
        (2019, 3), (2020, 3), (2021, 7), (2022, 9), (2023, 2), (2024, 2), (2025, 6), (2026, 4)]


def test_categories_most_frequent_first(facts: FactSheet) -> None:
    # grep -cE '^CL(Jan|Feb|...) ' examples/zewen-chi.txt, and so on per code.
    assert [(c.category, c.count) for c in facts.papers_per_category] == [
        ("CL", 27), ("LG", 5), ("AI", 1), ("BM", 1), ("IR", 1), ("SD", 1)]


def test_code_and_affiliations(facts: FactSheet) -> None:
    assert len(facts.code_available_keys) == 10  # grep -c 'Code$'
    assert {"ma2022torchscale", "zheng2022crosslingual", "zhang2022et5",
            "shao2026slidesparse", "zhang2026sparsebitnet"} <= set(facts.code_available_keys)
    assert "chi2020infoxlm" not in facts.code_available_keys
    # microsoft-research on 7 author lines, cmu on 3.
    assert facts.affiliations == ["microsoft-research", "cmu"]


def test_roles(facts: FactSheet) -> None:
    assert facts.first_author_keys == [
        "chi2019complicated", "chi2019crosslingual", "chi2019monolingual", "chi2020infoxlm",
        "chi2021crosslingual", "chi2021improving", "chi2021mt6", "chi2021xlme",
        "chi2022representation", "chi2023measuring", "chi2025era"]
    assert facts.middle_author_keys == [
        "guo2025reward", "hao2022optimizing", "li2026breaking", "nie2022unsupervised",
        "xu2020generating", "ye2025blackbox", "yu2021robust", "zhang2022bridging",
        "zhang2022et5", "zheng2022crosslingual", "zhuo2024protllm"]
    # Every list but one ends in "et al.", and there he is first: no last or sole author.
    assert facts.last_author_keys == [] and facts.sole_author_keys == []
    assert len(facts.unknown_position_keys) == 14
    assert {"ma2022torchscale", "huang2023language", "peng2026vibevoiceasr"} <= set(
        facts.unknown_position_keys)
    assert facts.absent_keys == []


def test_top_collaborators_counted_from_author_lines(facts: FactSheet) -> None:
    # grep -c "Li Dong" examples/zewen-chi.txt -> 15, and so on; ties in name order.
    assert [(c.name, c.papers) for c in facts.top_collaborators] == [
        ("Li Dong", 15), ("Shaohan Huang", 10), ("Heyan Huang", 8), ("Xun Wu", 4),
        ("Furu Wei", 3), ("Shuming Ma", 3), ("Xian-Ling Mao", 3), ("Xiao Zhang", 3),
        ("Yaru Hao", 3), ("Bo Zheng", 2)]
    furu = facts.top_collaborators[4]
    assert furu.paper_keys == ["chi2019crosslingual", "chi2019monolingual", "chi2020infoxlm"]


# --- key figures --------------------------------------------------------------------------


def figures(facts: FactSheet) -> dict[tuple[str, str], str]:
    return {(f.paper_key, f.value): f.text for f in facts.key_figures}


@pytest.mark.parametrize(("key", "value", "start"), [
    ("chi2025era", "28%", "28% lower inference latency"),
    ("zheng2022crosslingual", "65K", "65K bilingual phrase pairs"),
    ("zheng2022crosslingual", "4.2M", "4.2M example sentences"),
    ("patra2022englishcentric", "99.3%", "99.3% GLUE performance"),
    ("patra2022englishcentric", "5x", "5x and 6x smaller"),
    ("patra2022englishcentric", "6x", "6x smaller respectively"),
    ("zhang2022et5", "55.2", "BLEU-4 score of 55.2"),
    ("shao2026slidesparse", "1.33x", "1.33x"),
    ("shao2026slidesparse", "2x", "2x throughput"),
    ("zhang2026sparsebitnet", "1.30X", "up to 1.30X"),
    ("li2026breaking", "17.6%", "up to 17.6% relative improvement"),
    ("chi2019complicated", "15,000", "15,000 tables from PDF files"),
])
def test_key_figures_stated_in_abstracts(facts: FactSheet, key: str, value: str,
                                         start: str) -> None:
    assert figures(facts)[(key, value)].startswith(start)


def test_key_figures_are_quoted_from_their_abstract(profile: Profile, facts: FactSheet) -> None:
    abstracts = {p.key: p.abstract for p in profile.papers}
    assert len(facts.key_figures) >= 15
    for figure in facts.key_figures:
        assert figure.text in abstracts[figure.paper_key]
        assert figure.value in figure.text
        assert len(figure.text.split()) <= 4 + 3  # qualifier + number + four words


def test_no_years_section_numbers_or_model_sizes(facts: FactSheet) -> None:
    values = [f.value for f in facts.key_figures]
    assert not any(re.fullmatch(r"(19|20)\d\d", v.strip("%x")) for v in values)
    assert not any(re.match(r"\(?\d\)", f.text) for f in facts.key_figures)
    # "Qwen2.5-14B", "7B LLM (Llama 2)", "1.58-bit", "SQuAD 2.0": names, not results.
    assert not {"14B", "7B", "1.58", "2.0", "2.5"} & set(values)


def test_key_figure_precision_on_prose() -> None:
    text = ("Ann Example\n\n1 Papers\n\nCLJan 1, 2021\nA Study\n\nAnn Example\n\n"
            "In 2021 we studied (1) parsing and (2) tagging on 3 datasets with a 7B LLM and "
            "Qwen2.5-14B; section 4.2 shows 12% fewer errors and a BLEU score of 31.5.\n")
    facts = analyze(parse_text(text, as_of=AS_OF))
    assert [(f.text, f.value) for f in facts.key_figures] == [
        ("12% fewer errors and a", "12%"), ("BLEU score of 31.5", "31.5")]


# --- topics and phases ----------------------------------------------------------------------


def test_topics_partition_papers_and_phases_tile_the_years(
        profile: Profile, facts: FactSheet) -> None:
    assert 2 <= len(facts.topics) <= 12
    assert_partition_and_coverage(profile, facts)
    assert facts.phases[0].start_year == 2019


def test_crosslingual_pretraining_is_one_topic(facts: FactSheet) -> None:
    pretraining = {topic_of(facts, k) for k in [
        "chi2019crosslingual", "chi2020infoxlm", "chi2021crosslingual", "chi2021improving",
        "chi2021mt6", "chi2021xlme"]}
    assert len(pretraining) == 1
    [topic] = [t for t in facts.topics if t.id in pretraining]
    assert any("lingual" in k for k in topic.keywords)
    assert topic.first_year == 2019
    for key in ["chi2025era", "guo2025reward", "hao2025onpolicy", "jiang2025think",
                "zhang2025stable", "li2026breaking", "shao2026slidesparse",
                "zhang2026sparsebitnet"]:
        assert topic_of(facts, key) != topic.id, key


def test_reasoning_papers_share_a_topic_apart_from_sparsity(facts: FactSheet) -> None:
    reasoning = {topic_of(facts, k) for k in ["chi2025era", "guo2025reward", "jiang2025think"]}
    assert len(reasoning) == 1
    assert topic_of(facts, "shao2026slidesparse") == topic_of(facts, "zhang2026sparsebitnet")
    assert topic_of(facts, "shao2026slidesparse") not in reasoning


def test_topic_ids_follow_first_year_with_other_work_last(facts: FactSheet) -> None:
    lines = [t for t in facts.topics if not t.other]
    firsts = [t.first_year for t in lines]
    assert firsts == sorted(firsts)
    assert [t.other for t in facts.topics] == sorted(t.other for t in facts.topics)


def test_lines_are_named_by_a_phrase_two_of_their_papers_use(profile: Profile,
                                                             facts: FactSheet) -> None:
    papers = {p.key: p for p in profile.papers}
    for topic in facts.topics:
        if topic.other:
            assert topic.label == "other work" and not topic.named
            continue
        assert topic.named, topic
        users = [k for k in topic.paper_keys if uses(papers[k], topic.label)]
        assert len(users) >= 2, (topic.label, users)
        assert "," not in topic.label  # a name, not a word list
    pretraining = next(t for t in facts.topics if "chi2020infoxlm" in t.paper_keys)
    assert pretraining.label == "cross-lingual language model pre-training"
    sparsity = next(t for t in facts.topics if "shao2026slidesparse" in t.paper_keys)
    assert sparsity.label == "structured sparsity"
    names = [t.label.rstrip("s") for t in facts.topics]
    assert len(names) == len(set(names))  # no two lines share a name


def test_a_line_reads_alike_more_than_the_profile_does(facts: FactSheet) -> None:
    for topic in facts.topics:
        if not topic.other:
            assert topic.cohesion is not None and topic.cohesion > 1.5, topic


def test_papers_that_fit_no_line_are_other_work_not_a_grab_bag(facts: FactSheet) -> None:
    """The old grab bag (dialogue, TorchScale, FlashBack, speech recognition, RL for code)
    is not a line of work."""
    [other] = [t for t in facts.topics if t.other]
    for key in ("ma2022torchscale", "peng2026vibevoiceasr", "liu2024flashback"):
        assert key in other.paper_keys
    assert len(other.paper_keys) < len(facts.topics[0].paper_keys)


def test_phases_turn_where_the_dominant_line_changes(facts: FactSheet) -> None:
    def phase_of(year: int) -> int:
        [index] = [i for i, p in enumerate(facts.phases) if p.start_year <= year <= p.end_year]
        return index
    assert len(facts.phases) >= 3
    assert phase_of(2019) != phase_of(2025)
    assert phase_of(2019) == phase_of(2021)  # the cross-lingual pre-training run
    assert phase_of(2021) != phase_of(2022)  # 2022: MoE, interfaces, multimodal models
    for phase in facts.phases:
        assert len(phase.paper_keys) * 2 <= facts.paper_count, phase


def test_one_line_of_work_may_fill_one_phase() -> None:
    """The half-the-papers cap holds only when there is more than one line to tell apart."""
    text = "Ann Example\n\n4 Papers\n\n" + "".join(
        f"CLJan 1, {2018 + i}\nSparse Attention {w}\n\nAnn Example\n\n"
        f"We make sparse attention {w} faster.\n\n" for i, w in
        enumerate(["Kernels", "Patterns", "Routing", "Caches"]))
    facts = analyze(parse_text(text, as_of=AS_OF))
    assert [(p.start_year, p.end_year) for p in facts.phases] == [(2018, 2021)]


def test_a_german_line_is_not_named_by_german_stop_words() -> None:
    abstracts = [
        ("Maschinelle Übersetzung für Dialekte", "Wir untersuchen die maschinelle "
         "Übersetzung für Dialekte und zeigen, dass die Qualität der Übersetzung mit der "
         "Menge der Daten steigt."),
        ("Maschinelle Übersetzung mit wenig Daten", "Wir zeigen, dass die maschinelle "
         "Übersetzung mit wenig Daten und der richtigen Vorverarbeitung für die meisten "
         "Sprachen gelingt."),
        ("Maschinelle Übersetzung im Vergleich", "Die Studie vergleicht die maschinelle "
         "Übersetzung der Systeme und zeigt, dass die Fehler der Übersetzung sinken."),
    ]
    text = "Ann Example\n\n3 Papers\n\n" + "".join(
        f"CLJan 1, {2019 + i}\n{title}\n\nAnn Example\n\n{abstract}\n\n"
        for i, (title, abstract) in enumerate(abstracts))
    facts = analyze(parse_text(text, as_of=AS_OF))
    [topic] = facts.topics
    assert topic.named and topic.label.casefold() == "maschinelle übersetzung"
    assert not {"der", "die", "und"} & set(topic.keywords)


# --- determinism ----------------------------------------------------------------------------


def test_same_input_same_sheet(profile: Profile, facts: FactSheet) -> None:
    assert analyze(profile) == facts


def test_paper_order_does_not_matter(profile: Profile, facts: FactSheet) -> None:
    for seed in (1, 2, 3):
        papers = list(profile.papers)
        random.Random(seed).shuffle(papers)
        assert analyze(profile.model_copy(update={"papers": papers})) == facts


# --- small and large profiles -----------------------------------------------------------------


def test_empty_profile() -> None:
    facts = analyze(Profile(name="Nobody", as_of=AS_OF))
    assert facts.paper_count == 0 and facts.topics == [] and facts.phases == []
    assert facts.first_year is None and facts.papers_per_year == []


def test_one_paper() -> None:
    text = ("Ann Example\n\n1 Papers\n\nCLJan 1, 2021\nSparse Attention for Long Documents\n\n"
            "Ann Example\n\nWe make attention sparse and reach 3x faster decoding.\n")
    profile = parse_text(text, as_of=AS_OF)
    facts = analyze(profile)
    [topic] = facts.topics
    assert topic.paper_keys == ["example2021sparse"] and topic.id == "t1"
    assert "sparse" in topic.keywords or "sparse attention" in topic.keywords
    assert [(p.start_year, p.end_year) for p in facts.phases] == [(2021, 2021)]
    assert facts.sole_author_keys == ["example2021sparse"]
    assert facts.top_collaborators == []
    assert [f.text for f in facts.key_figures] == ["3x faster decoding"]
    assert_partition_and_coverage(profile, facts)


def test_two_papers_years_apart() -> None:
    text = ("Ann Example\n\n2 Papers\n\n"
            "CLJan 1, 2018\nSpeech Recognition\n\nAnn Example, Bob Jones\n\nWe recognise speech.\n\n"
            "LGJan 1, 2021\nGraph Networks\n\nBob Jones, Ann Example\n\nWe learn on graphs.\n")
    profile = parse_text(text, as_of=AS_OF)
    facts = analyze(profile)
    assert len(facts.topics) == 1
    assert [(p.start_year, p.end_year) for p in facts.phases] == [(2018, 2021)]
    assert facts.first_author_keys == ["example2018speech"]
    assert facts.last_author_keys == ["jones2021graph"]
    assert [(c.name, c.papers) for c in facts.top_collaborators] == [("Bob Jones", 2)]
    assert_partition_and_coverage(profile, facts)


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.glob("*.txt")))
def test_fixture_profiles(name: str) -> None:
    profile = load_profile(PROFILES / name, as_of=AS_OF)
    facts = analyze(profile)
    assert facts.paper_count == len(profile.papers)
    assert_partition_and_coverage(profile, facts)
    assert all(not same for same in (
        c.name.casefold() == profile.name.casefold() for c in facts.top_collaborators))


def test_owner_written_without_accents_is_not_a_collaborator() -> None:
    facts = analyze(load_profile(PROFILES / "unicode-names.txt", as_of=AS_OF))
    names = [c.name for c in facts.top_collaborators]
    assert "Jose Angel Nunez" not in names and "José-Ángel Núñez" not in names
    assert ("Søren Kierkegård", 2) in [(c.name, c.papers) for c in facts.top_collaborators]
    assert [(f.text, f.value) for f in facts.key_figures] == [("1,204 questions", "1,204")]


def test_fixture_roles_and_figures() -> None:
    liskov = analyze(load_profile(PROFILES / "missing-metrics.txt", as_of=AS_OF))
    assert liskov.sole_author_keys == ["liskov2020data"]
    assert liskov.last_author_keys == ["wing2019substitution"]
    hopper = analyze(load_profile(PROFILES / "multi-paragraph.txt", as_of=AS_OF))
    # "14 business programs" and "15:45" are bare numbers: left alone.
    assert [f.value for f in hopper.key_figures] == ["40%"]
    assert hopper.affiliations == ["navy-research", "univac"]


def test_thousand_papers() -> None:
    # Speed is measured in benchmarks/, never asserted here.
    profile = parse_text(generate_profile(1000), as_of=AS_OF)
    facts = analyze(profile)
    assert 1 <= len(facts.topics) <= 12
    assert_partition_and_coverage(profile, facts)
    assert sum(c.count for c in facts.papers_per_year) == 1000


def test_a_paper_whose_title_uses_a_lines_name_joins_it() -> None:
    """Ines Okafor's "Diffusion Policies for Bimanual Manipulation" reads a little less like
    the manipulation papers than a line's members must (its text is about diffusion), but
    its title says manipulation and policies: it joins one of those lines, not other work.
    Papers whose titles use no line's name stay in other work."""
    from agent.evals import EVAL_AS_OF, repo_path

    profile = load_profile(repo_path("evals/profiles/ines-okafor.txt"), as_of=EVAL_AS_OF)
    facts = analyze(profile)
    [line] = [t for t in facts.topics if "okafor2023diffusion" in t.paper_keys]
    [other] = [t for t in facts.topics if t.other]
    assert not line.other and line.label.casefold() in {"manipulation", "policies"}
    titles = {p.key: p.title.casefold() for p in profile.papers}
    for key in other.paper_keys:
        assert not any(t.label.casefold() in titles[key] for t in facts.topics if not t.other)
    assert_partition_and_coverage(profile, facts)


def test_hand_silhouette_is_scikit_learns_to_the_last_bit() -> None:
    """topics._silhouette replaces sklearn's silhouette_score for speed (issue 18): the same
    floats on random cosine geometries, clusters of one paper included, so the best k and
    the lines of work cannot change."""
    import numpy as np
    from sklearn.metrics import silhouette_score

    from agent.topics import _silhouette

    rng = np.random.default_rng(7)
    compared = 0
    for _ in range(300):
        n = int(rng.integers(4, 50))
        x = rng.random((n, 6))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        distance = np.clip(1.0 - x @ x.T, 0.0, 2.0)
        np.fill_diagonal(distance, 0.0)
        distance = (distance + distance.T) / 2
        labels = rng.integers(0, int(rng.integers(2, max(3, n // 2))), n)
        if not 2 <= len(set(labels.tolist())) <= n - 1:
            continue
        assert _silhouette(distance, labels) == silhouette_score(distance, labels,
                                                                 metric="precomputed")
        compared += 1
    assert compared > 200
