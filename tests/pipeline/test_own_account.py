"""A digest is asked of the paper's own account (agent/realize.py, own_account): the abstract
from where it turns to the paper's own work, without its link-only sentences."""

from __future__ import annotations

import re

import pytest

from agent.llm.tokens import estimate_tokens
from agent.models import Paper
from agent.parse import load_profiles
from agent.realize import own_account
from tests.conftest import EXAMPLE, EXAMPLE_AS_OF


@pytest.mark.parametrize("abstract, account", [
    # The field and earlier work go; the turn to the paper's own work and after stay.
    (("Sparse experts scale well. However, routing collapses. In this work, we propose X. "
      "X gains 2 points. Code is available at https://github.com/a/x."),
     "In this work, we propose X. X gains 2 points."),
    # A turn that points back keeps the sentence it points to.
    ("Retrieval is slow. Reward models are overconfident in 12 languages. We calibrate them.",
     "Reward models are overconfident in 12 languages. We calibrate them."),
    ("Tables matter. However, spanning cells are hard. To tackle this problem, we propose Y.",
     "However, spanning cells are hard. To tackle this problem, we propose Y."),
    # A sentence before the turn that names the paper is its own account.
    ("ProtLLM reads proteins as words. It is trained on 2M pairs. We also release data.",
     "ProtLLM reads proteins as words. It is trained on 2M pairs. We also release data."),
    # Links in every form the pattern knows go: with a scheme, "www." in any case, a domain
    # with a path (_may_link's plain test lets each through to the pattern).
    ("We propose Z. Z gains 3 points. Data are at WWW.Example.org. Code: github.com/a/z.",
     "We propose Z. Z gains 3 points."),
    # No turn: all of it.
    ("Transformers scale. Deeper ones scale better.", "Transformers scale. Deeper ones scale better."),
])
def test_a_digest_is_asked_of_the_papers_own_account(abstract: str, account: str) -> None:
    title = "ProtLLM: Proteins as Words" if abstract.startswith("ProtLLM") else "A Title"
    assert own_account(Paper(key="x2020y", title=title, abstract=abstract)) == account


def test_a_digest_prompt_sends_a_quarter_less_of_the_example() -> None:
    """The digest prompts carry each abstract from its turn to the paper's own work: on the
    example, no more than 0.8 of the abstracts' tokens, and every paper keeps its turn."""
    papers = load_profiles([EXAMPLE], as_of=EXAMPLE_AS_OF).papers
    whole = sum(estimate_tokens(p.abstract) for p in papers)
    sent = sum(estimate_tokens(own_account(p)) for p in papers)
    assert sent <= 0.8 * whole
    assert all(re.search(r"\b(?:we|our|this (?:paper|work))\b", own_account(p), re.I)
               for p in papers)
