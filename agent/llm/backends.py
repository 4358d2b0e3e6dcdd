"""Choosing the backend: an endpoint when one is configured, else the embedded model."""

from __future__ import annotations

from agent.config import Settings
from agent.errors import UsageError
from agent.llm.base import Backend
from agent.llm.client import RemoteClient


def make_backend(settings: Settings) -> Backend:
    """A base URL or an API key (flag or environment) means the remote endpoint."""
    if settings.base_url or settings.api_key:
        return RemoteClient(settings)
    raise UsageError(
        "no model endpoint is configured and this version has no embedded model",
        "pass --base-url http://HOST:PORT/v1 (vLLM, Ollama, llama.cpp server, LM Studio) or "
        "--api-key / OPENAI_API_KEY for OpenAI",
    )
