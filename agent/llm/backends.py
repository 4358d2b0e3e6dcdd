"""Choosing the backend: an endpoint when one is configured, else the embedded model."""

from __future__ import annotations

import logging

from agent.config import Settings
from agent.llm.base import Backend
from agent.llm.client import RemoteClient

# agent.llm.local imports llama_cpp only when a LocalBackend is made, so a remote
# run never pays for (or needs) the optional extra.
from agent.llm.local import LocalBackend

log = logging.getLogger(__name__)


def make_backend(settings: Settings) -> Backend:
    """A base URL or an API key (flag or environment) means the remote endpoint."""
    if settings.base_url or settings.api_key:
        return RemoteClient(settings)
    backend = LocalBackend(settings)
    if settings.model and settings.model != backend.model:
        # --model names a model at an endpoint; without one, it would silently mean nothing.
        log.warning("--model %s needs an endpoint (--base-url or an API key); running the "
                    "embedded model %s instead (--model-path picks another GGUF file)",
                    settings.model, backend.model)
    return backend
