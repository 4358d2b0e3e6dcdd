"""The backend of --writing plan: no model. It is never asked anything; a call that reaches
it is a bug of the pipeline, and says so rather than loading or calling a model."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agent.errors import AgentError
from agent.llm.base import Completion, SamplingParams
from agent.modes import NO_MODEL
from agent.prompts import ChatMessage


class NoModelBackend:
    """A Backend that refuses every call: the planner's claims are the whole text."""

    kind = "none"
    model = NO_MODEL
    context_window = 1 << 20
    default_concurrency = 1

    def complete(self, messages: Sequence[ChatMessage], params: SamplingParams,
                 json_schema: dict[str, Any] | None, schema_name: str | None) -> Completion:
        """Never answers: with --writing plan no step may ask a model."""
        raise AgentError("a step asked a model under --writing plan, which runs none "
                         "(a bug)", "please report it; another --writing avoids it")

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """Nothing is sent, so nothing counts."""
        return 0

    def describe(self) -> str:
        """What writes instead of a model."""
        return "no model: writing the planner's claims, each verified (--writing plan)"
