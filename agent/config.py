"""Settings: command-line flags > environment (RESEARCH_AGENT_*, then OPENAI_*) > defaults.

The environment is read here and nowhere else, once per command. The modes a setting
can take are plain enums in agent/modes.py, re-exported here, so the command line can
declare its options without loading pydantic.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from agent.errors import UsageError
from agent.modes import CacheMode, JudgeMode, StructuredMode, WritingMode

__all__ = ["CacheMode", "JudgeMode", "Settings", "StructuredMode", "WritingMode",
           "load_settings"]

ENV_PREFIX = "RESEARCH_AGENT_"
# The OpenAI SDK's own variables, honoured so an existing set-up just works.
OPENAI_ENV = {"api_key": "OPENAI_API_KEY", "base_url": "OPENAI_BASE_URL", "model": "OPENAI_MODEL"}
DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
# The most calls in flight to an endpoint when --concurrency is not given: its window
# starts there and narrows only while the endpoint rate-limits (agent/llm/limiter.py).
# benchmarks/bench_report.py measures it against the report's critical path.
DEFAULT_CONCURRENCY = 64


class Settings(BaseModel):
    """Everything a command may be configured with; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_input_mb: float = Field(32.0, gt=0, description="Largest input file accepted, in MiB.")

    model: str | None = Field(None, description="Model name; default depends on the backend.")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. .../v1.")
    api_key: SecretStr | None = None
    timeout: float = Field(120.0, gt=0, description="Seconds to wait for one HTTP answer.")
    max_retries: int = Field(4, ge=0, le=20, description="Retries after the first attempt.")
    retry_initial_wait: float = Field(1.0, ge=0, description="First backoff, in seconds.")
    retry_max_wait: float = Field(30.0, ge=0, description="Longest single wait, in seconds.")
    concurrency: int | None = Field(
        None, ge=1, le=64, description="The most calls in flight at once. An endpoint's "
        "adapts below it: halved while it rate-limits, regained one by one. Default 64 for "
        "an endpoint (DEFAULT_CONCURRENCY), 1 for the embedded model."
    )
    context_window: int | None = Field(
        None, ge=256, description="Model context in tokens, when the model's is not known."
    )
    structured: StructuredMode = StructuredMode.AUTO
    writing: WritingMode = WritingMode.AUTO
    judge: JudgeMode = Field(
        JudgeMode.AUTO, description="Who judges a sentence the verifier's rules leave "
        "uncertain: auto (the endpoint's model when a base URL is set, else off), off, "
        "endpoint or local (the embedded model).")
    model_path: Path | None = Field(
        None, description="GGUF file for the embedded model; default SmolLM2-135M-Instruct."
    )
    model_lock: str | None = Field(
        None, description="The file that lets one research-agent process at a time run the "
        "embedded model, or 'off'; default the user's runtime directory, else the user's "
        "cache directory (agent/llm/model_lock.py).")

    cache_dir: Path = Path("cache")
    cache_mode: CacheMode = CacheMode.READ_WRITE

    @property
    def claim_by_claim(self) -> bool | None:
        """--writing as the pipeline's Job takes it: None leaves the choice to the backend."""
        return None if self.writing is WritingMode.AUTO else self.writing is WritingMode.CLAIMS

    @property
    def no_model(self) -> bool:
        """--writing plan: no model is loaded or asked, whatever endpoint is configured."""
        return self.writing is WritingMode.PLAN

    def judge_mode(self) -> JudgeMode:
        """--judge as it applies: auto becomes the endpoint when a base URL names one, else
        off; the endpoint without one configured is a usage error. With --writing plan no
        model runs, so auto is off and a judge asked for is a usage error."""
        if self.no_model:
            if self.judge in (JudgeMode.AUTO, JudgeMode.OFF):
                return JudgeMode.OFF
            raise UsageError(f"--judge {self.judge.value} needs a model, and --writing plan "
                             "runs none", "drop --judge, or choose another --writing")
        if self.judge is JudgeMode.AUTO:
            return JudgeMode.ENDPOINT if self.base_url else JudgeMode.OFF
        if self.judge is JudgeMode.ENDPOINT and not (self.base_url or self.api_key):
            raise UsageError("--judge endpoint needs a model endpoint, and none is configured",
                             "give --base-url URL (or set OPENAI_BASE_URL or OPENAI_API_KEY), "
                             "or choose --judge local or --judge off")
        return self.judge

    @property
    def max_input_bytes(self) -> int:
        """The input size limit in bytes."""
        return int(self.max_input_mb * 1024 * 1024)

    def api_key_value(self) -> str | None:
        """The API key in clear, for the one place that sends it."""
        return self.api_key.get_secret_value() if self.api_key else None


def _from_environment(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in Settings.model_fields:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw in (None, "") and name in OPENAI_ENV:
            raw = env.get(OPENAI_ENV[name])
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
        ) from None
