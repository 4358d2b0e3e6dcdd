"""The stop-word list copied from scikit-learn (agent/text.py) is still scikit-learn's."""

from __future__ import annotations

import pytest

from agent.text import ENGLISH_STOP_WORDS


def test_the_stop_words_are_scikit_learns() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    assert ENGLISH_STOP_WORDS == frozenset(text.ENGLISH_STOP_WORDS)
