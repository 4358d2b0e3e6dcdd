"""Settings: command-line flags > environment (RESEARCH_AGENT_*, OPENAI_*) > defaults.

The environment is read here and nowhere else, once per command.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.errors import UsageError

ENV_PREFIX = "RESEARCH_AGENT_"


class Settings(BaseModel):
    """Everything a command may be configured with; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_input_mb: float = Field(32.0, gt=0, description="Largest input file accepted, in MiB.")

    @property
    def max_input_bytes(self) -> int:
        """The input size limit in bytes."""
        return int(self.max_input_mb * 1024 * 1024)


def _from_environment(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw not in (None, ""):
            values[name] = raw
    return values


def load_settings(env: Mapping[str, str] | None = None, **flags: Any) -> Settings:
    """Merge defaults, the environment and the flags that were given (None = not given)."""
    values = _from_environment(os.environ if env is None else env)
    values.update({k: v for k, v in flags.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise UsageError(
            f"invalid setting {field}: {first['msg']}",
            f"check --{field.replace('_', '-')} or {ENV_PREFIX}{field.upper()}",
        ) from exc


def debug_enabled(env: Mapping[str, str] | None = None) -> bool:
    """RESEARCH_AGENT_DEBUG=1 makes the CLI re-raise instead of printing one line."""
    raw = (os.environ if env is None else env).get(ENV_PREFIX + "DEBUG", "")
    return raw.strip().lower() in {"1", "true", "yes", "on"}
