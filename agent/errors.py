"""The few error types a user can see; cli.py turns them into one line and an exit code."""

from __future__ import annotations

import os
from collections.abc import Mapping


def debug_enabled(env: Mapping[str, str] | None = None) -> bool:
    """RESEARCH_AGENT_DEBUG=1 makes the CLI re-raise an error with its traceback instead of
    printing one line."""
    raw = (os.environ if env is None else env).get("RESEARCH_AGENT_DEBUG", "")
    return raw.strip().lower() in {"1", "true", "yes", "on"}


class AgentError(Exception):
    """Base of every error the tool reports to a user as one line (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


class UsageError(AgentError):
    """The command line itself is wrong: a bad flag value or a path that does not exist."""

    exit_code = 2


class InputError(AgentError):
    """An input file cannot be read as a publication record."""


class LLMError(AgentError):
    """A model call failed in a way retrying will not fix."""

    def __init__(self, message: str, hint: str | None = None, step: str | None = None,
                 model: str | None = None) -> None:
        where = ", ".join(f"{label} {value}" for label, value in (("step", step), ("model", model))
                          if value)
        super().__init__(f"{message} ({where})" if where else message, hint)
        self.step = step
        self.model = model


class StructuredOutputError(LLMError):
    """The model's answer did not match the requested schema, even after one re-ask."""


class TruncatedOutputError(LLMError):
    """The answer stopped at the token limit (finish_reason "length")."""


class ContextOverflowError(LLMError):
    """A prompt would not fit in the model's context window."""


class CacheMissError(LLMError):
    """Read-only cache mode and the answer is not cached."""


class PromptError(AgentError):
    """A prompt template is missing, malformed, or given the wrong variables."""
