""""What datasets has she used?": the data the papers are trained or tested on, as their
abstracts name it.

Found by asking as a user would: the question was read as a topic, "Papers in the record
on datasets include ...", which told what the papers propose and named no data.
"""

from __future__ import annotations

from agent.analyze import analyze
from agent.fact_questions import answer_from_facts
from agent.models import Profile
from agent.parse import load_profiles
from agent.verify import Verifier
from tests.conftest import EXAMPLE_AS_OF, REPO


def answer(question: str, profile: Profile) -> tuple[str, str]:
    facts = analyze(profile)
    found = answer_from_facts(question, profile, facts)
    assert found is not None, question
    verifier = Verifier(profile, facts)
    for sentence in found.sentences:  # each quotation checked; "The other 11 are not
        if sentence.keys:               # listed here." says what the answer leaves out
            assert verifier.check(sentence.text, sentence.keys).supported, sentence.text
    return found.question_kind, " ".join(s.text for s in found.sentences)


def test_the_data_a_record_trains_and_tests_on_is_quoted() -> None:
    helena = load_profiles([REPO / "evals" / "profiles" / "helena-kowalczyk.txt"],
                           as_of=EXAMPLE_AS_OF)
    for question in ("What datasets has she used?", "What data has Helena Kowalczyk used?",
                     "Which datasets did she train on?"):
        kind, text = answer(question, helena)
        assert kind == "evaluated_on", question
        assert text.startswith('"Flood Forecasting with Long Short-Term Memory Networks')
        for named in ("CAMELS-GB dataset", "39 years of ERA5 reanalysis", "FLUXNET network"):
            assert named in text, (question, named)


def test_data_named_comes_first_and_background_is_no_test(profile: Profile) -> None:
    kind, text = answer("Which benchmarks did he evaluate on?", profile)
    assert kind == "evaluated_on"
    assert text.endswith("The other 11 are not listed here.")
    # named data before data only counted ("two cross-lingual classification benchmarks")
    assert text.index("the OPUS-100 corpus") < text.index("two cross-lingual classification")
    assert text.index("the XTREME benchmark") < text.index("two cross-lingual classification")
    # mT6's abstract opens on what mT5 has shown: background, not its own test
    assert "has shown promising results on many cross-lingual tasks" not in text


def test_data_released_is_still_its_own_question(profile: Profile) -> None:
    kind, _ = answer("What datasets has he released?", profile)
    assert kind == "artifacts"


def test_a_record_whose_abstracts_name_no_data_says_so() -> None:
    ines = load_profiles([REPO / "evals" / "profiles" / "ines-okafor.txt"], as_of=EXAMPLE_AS_OF)
    kind, text = answer("What datasets has she used?", ines)
    assert (kind, text) == ("evaluated_on", '"Language-Conditioned Policies with Pretrained '
                            'Vision-Language Models" (2022): "Trained on 8,000 teleoperated '
                            "episodes, LangPol completes 76% of unseen instructions in a kitchen "
                            'environment, compared with 52% for a policy trained from scratch."')
    untold = ines.model_copy(update={"papers": [
        p.model_copy(update={"abstract": p.abstract.replace("Trained on", "With")})
        for p in ines.papers]})
    kind, text = answer("What datasets has she used?", untold)
    assert (kind, text) == ("evaluated_on", "No abstract in the record of Ines Okafor says "
                                            "that its paper is tested or trained on data or a "
                                            "sample it names.")
