"""What a paper asks or recommends is no finding (lexicon._asked, lexicon._FRAMED): a title
that asks "Did the programme reduce carbapenem use?" or a background sentence that
programmes "are recommended to reduce" it does not bear out "the programme reduced
carbapenem use" where the abstract finds it did not. And a negation in a relative clause
does not turn the main clause's direction ("where the index failed to trigger were more
likely to renew")."""

from __future__ import annotations

import pytest

from agent.verify.lexicon import _lexical
from tests.verify.test_grouped_prose import FIRST, paper
from tests.verify.test_second_blind_set import _judged

ASKS = paper(
    # A title that ends on its question: a paper's text joins it as "use?. We ...".
    "lee2020stewardship", 2020, FIRST, "Did a stewardship programme reduce carbapenem use?",
    "We evaluated a stewardship programme in four referral hospitals. The programme did "
    "not reduce carbapenem use: the level change was -3.1 DDD per 1,000 patient-days.")

RECOMMENDS = paper(
    "lee2021stewardship", 2021, FIRST, "Carbapenem use after a stewardship programme",
    "Stewardship programmes are recommended to reduce carbapenem use in referral "
    "hospitals. We evaluated one in four hospitals. The programme did not reduce "
    "carbapenem use: the level change was -3.1 DDD per 1,000 patient-days.")

RENEWAL = paper(
    "lee2024renewal", 2024, FIRST, "Basis risk and insurance renewal",
    "Farmers in villages where the index failed to trigger after the dry spell were 18 "
    "percentage points less likely to renew. Patients who did not receive reminders "
    "were more likely to miss visits.")

# A question's premise is the paper's: the floods are rising.
PREMISE = paper(
    "lee2018floodplain", 2018, FIRST, "Does floodplain storage still matter under rising "
    "flood peaks?",
    "Full floodplain reconnection lowered the 100-year peak downstream by 9 percent.")


@pytest.mark.parametrize(("sentence", "supported", "papers"), [
    ("The stewardship programme reduced carbapenem use.", False, (ASKS,)),
    ("The stewardship programme did not reduce carbapenem use.", True, (ASKS,)),
    ("The stewardship programme reduced carbapenem use.", False, (RECOMMENDS,)),
    ("The stewardship programme did not reduce carbapenem use.", True, (RECOMMENDS,)),
    # What a sentence recommends claims no direction either.
    ("Stewardship programmes are recommended to reduce carbapenem use in referral "
     "hospitals.", True, (RECOMMENDS,)),
    ("Under rising flood peaks, full floodplain reconnection lowered the 100-year peak "
     "downstream by 9 percent.", True, (PREMISE,)),
    ("Farmers in villages where the index failed to trigger were more likely to renew.",
     False, (RENEWAL,)),
    ("Farmers in villages where the index failed to trigger were less likely to renew.",
     True, (RENEWAL,)),
    ("Patients who did not receive reminders were more likely to miss visits.", True,
     (RENEWAL,)),
])
def test_what_a_paper_asks_or_recommends(sentence: str, supported: bool,
                                         papers: tuple) -> None:
    _judged(sentence, supported, *papers)


def test_the_verb_a_question_asks_is_marked_and_its_premise_is_not() -> None:
    asked = {p.word: p.asked for p in _lexical(
        "Does floodplain storage still matter under rising flood peaks? Can higher dams "
        "reduce the peak? Reconnection lowered the peak.").polar}
    assert asked == {"rising": False, "higher": False, "reduce": True, "lowered": False}


def test_a_purpose_claims_no_direction() -> None:
    signs = {p.word: p.sign for p in _lexical(
        "Nets should reduce malaria. Programmes are recommended to increase uptake. The "
        "trial aimed to improve adherence. Nets reduced malaria.").polar}
    assert signs == {"reduce": 0, "increase": 0, "improve": 0, "reduced": -1}


def test_a_relative_clause_negation_stops_at_the_main_verb() -> None:
    signs = {p.word: p.sign for p in _lexical(
        "Patients who did not receive the drug were more likely to die.").polar}
    assert signs == {"more": 1}
    assert {p.word: p.sign for p in _lexical("The drug did not reduce deaths.").polar} == \
        {"reduce": 1}


def test_the_reason_quotes_the_papers_denial() -> None:
    from tests.verify.test_second_blind_set import _verifier
    check = _verifier(ASKS).check("The stewardship programme reduced carbapenem use.",
                                  [ASKS.key])
    assert any('which say "not ... reduce"' in r for r in check.reasons), check.reasons


def test_a_title_that_asks_heads_its_paper_without_a_stray_full_stop() -> None:
    from tests.verify.test_second_blind_set import _verifier
    text = _verifier(ASKS)._ctx.papers[ASKS.key].text
    assert text.startswith("Did a stewardship programme reduce carbapenem use? We evaluated")
