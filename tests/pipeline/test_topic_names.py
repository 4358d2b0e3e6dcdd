"""Issue 16, item 1: a line is named by the whole phrase its papers use."""

from __future__ import annotations

from agent.models import Paper
from agent.topics import PhraseIndex


def _papers(*pairs: tuple[str, str]) -> list[Paper]:
    return [Paper(key=f"p{i}", title=title, abstract=abstract)
            for i, (title, abstract) in enumerate(pairs)]


def _index(papers: list[Paper]) -> PhraseIndex:
    return PhraseIndex(papers, frozenset({"with", "for", "the", "we", "in", "of", "and", "a",
                                          "on", "help", "new", "study", "few"}))


def test_a_name_is_the_whole_phrase_two_papers_use() -> None:
    """Both titles say "named entity", both abstracts "named entity recognition": the line
    is named by the whole phrase, not its first two words."""
    papers = _papers(
        ("Named Entity: Few Labels", "We study named entity recognition with few labels."),
        ("Domains of the Named Entity", "Lexicons help named entity recognition in new domains."),
        ("Table Parsing", "We parse tables."),
    )
    assert _index(papers).name([0, 1], set()) == "named entity recognition"


def test_a_longer_phrase_one_paper_uses_does_not_name_the_line() -> None:
    papers = _papers(
        ("Named Entity: Few Labels", "We study named entity recognition with few labels."),
        ("Domains of the Named Entity", "Lexicons help named entity linking in new domains."),
        ("Table Parsing", "We parse tables."),
    )
    assert _index(papers).name([0, 1], set()) == "named entity"


def test_a_word_every_abstract_uses_does_not_complete_a_name() -> None:
    """ "manipulation tasks" says no more than "manipulation"."""
    papers = _papers(
        ("Dexterous Manipulation", "We solve manipulation tasks with tactile sensing."),
        ("Mobile Manipulation", "Long-horizon manipulation tasks need world models."),
        ("Legged Locomotion", "We walk."),
    )
    assert _index(papers).name([0, 1], set()) == "manipulation"


def test_every_paper_of_a_named_line_uses_a_word_of_its_name() -> None:
    """The prose tells every paper of a line as work on its name: "work on sodium (4
    papers)" counted two lithium-electrolyte papers kept for reading alike, "Atlantic
    puffins" held kittiwake studies, and a profile of one cluster ("tokens") kept "Lecture
    Notes on Multilingual NLP". Over the example, the eval profiles and the fixtures."""
    import datetime as dt

    from agent.analyze import analyze
    from agent.languages import stop_words
    from agent.parse import load_profiles
    from agent.topics import _document
    from tests.conftest import EXAMPLE, PROFILES, REPO

    paths = [EXAMPLE, *sorted((REPO / "evals" / "profiles").iterdir()),
             *sorted(PROFILES.glob("*.txt"))]
    for path in paths:
        profile = load_profiles([path], as_of=dt.date(2026, 11, 28))
        index = PhraseIndex(profile.papers,
                            stop_words([_document(p) for p in profile.papers]))
        at = {p.key: i for i, p in enumerate(profile.papers)}
        topics = analyze(profile).topics
        for topic in topics:
            if topic.other or not topic.named or len(topics) == 1:
                continue  # one topic holding the whole record is no line among others
            words = index.telling_words(topic.label)
            strays = [k for k in topic.paper_keys if not index.says_of(at[k], words)]
            assert not strays, (path.name, topic.label, strays)


def test_a_title_s_capitals_are_no_part_of_a_name_with_an_acronym() -> None:
    """A bioarchaeologist's line was "Ancient DNA", and the bio read "... and Ancient DNA (2
    papers)": the title's capital stayed because "DNA" has capitals inside it. The
    abstracts write "ancient DNA"; a name a sentence writes with its capitals (the "DSA
    Transparency Database") or that no sentence writes keeps them."""
    from agent.topics import _surface

    prose = "We reviewed 46 isotope and ancient DNA studies. Ancient DNA was sampled."
    assert _surface("ancient dna", "Kinship from Ancient DNA. " + prose, prose) == "ancient DNA"
    prose = "Statements of reasons in the DSA Transparency Database are audited."
    assert _surface("dsa transparency database", "The DSA Transparency Database. " + prose,
                    prose) == "DSA Transparency Database"
    assert _surface("ancient dna", "Kinship from Ancient DNA", "") == "Ancient DNA"


def test_a_one_noun_name_is_plural_when_the_papers_write_it_so() -> None:
    """A held-out economist's prose read "the work also takes up marketplace" and "worked
    on marketplace": a singular count noun with no article. A name of one noun the papers
    write in the plural as often is given in the plural; a mass noun, never written in the
    plural ("sodium"), stays as it is."""
    papers = _papers(
        ("Auditing repricing on a marketplace", "We audit sellers on three marketplaces."),
        ("Retailers and marketplaces in nine countries", "A marketplace panel."),
        ("Sodium electrolytes", "Sodium cells at low temperature."),
        ("Sodium metal anodes", "An electrolyte for sodium."),
        ("Table Parsing", "We parse tables."),
    )
    index = _index(papers)
    assert index.name([0, 1], set()) == "marketplaces"
    assert index.name([2, 3], set()) == "sodium"
