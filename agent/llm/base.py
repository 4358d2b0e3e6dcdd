"""The records a model call takes and returns, and the interface every backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from agent.prompts import ChatMessage


class SamplingParams(BaseModel):
    """Decoding settings of one call; all of them are part of the cache key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    temperature: float = Field(0.2, ge=0, le=2)
    max_tokens: int = Field(512, ge=1)
    top_p: float | None = Field(None, gt=0, le=1)
    seed: int | None = 0
    # Embedded model only; a remote endpoint has no standard field for it.
    repeat_penalty: float | None = None


class Usage(BaseModel):
    """Tokens a call cost; zero for a cache hit."""

    model_config = ConfigDict(extra="forbid")

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = Field(False, description="The server reported none; these are counted here.")


class Completion(BaseModel):
    """One answer from a model (or from the cache, which stores these)."""

    model_config = ConfigDict(extra="forbid")

    text: str
    finish_reason: str | None = None
    model: str
    usage: Usage = Field(default_factory=Usage)
    cached: bool = False


class Backend(Protocol):
    """What the gateway needs of a model: the remote client and the embedded model alike."""

    kind: str  # "remote" or "embedded"
    model: str
    context_window: int
    default_concurrency: int

    def complete(
        self, messages: Sequence[ChatMessage], params: SamplingParams,
        json_schema: dict[str, Any] | None, schema_name: str | None,
    ) -> Completion:
        """One model call, retried where that helps; raises LLMError otherwise."""
        ...

    def count_tokens(self, messages: Sequence[ChatMessage]) -> int:
        """Prompt tokens these messages cost this model, never an undercount."""
        ...

    def describe(self) -> str:
        """Which model, and where, for the one line that says so on stderr."""
        ...
