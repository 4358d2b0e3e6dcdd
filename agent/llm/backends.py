"""Choosing the backend: an endpoint when one is configured, else the embedded model."""

from __future__ import annotations

import logging

from agent.config import Settings
from agent.llm.base import Backend

log = logging.getLogger(__name__)


def make_backend(settings: Settings) -> Backend:
    """A base URL or an API key (flag or environment) means the remote endpoint.

    Each backend's module is imported only when chosen: a remote run never loads
    llama.cpp, and an embedded one never loads the openai package. --writing plan takes
    neither: no model is loaded or asked, even with an endpoint configured."""
    if settings.no_model:
        from agent.llm.none import NoModelBackend

        return NoModelBackend()
    if settings.base_url or settings.api_key:
        from agent.llm.client import RemoteClient

        return RemoteClient(settings)
    from agent.llm.local import LocalBackend

    backend = LocalBackend(settings)
    if settings.model and settings.model != backend.model:
        # --model names a model at an endpoint; without one, it would silently mean nothing.
        log.warning("--model %s needs an endpoint (--base-url or an API key); running the "
                    "embedded model %s instead (--model-path picks another GGUF file)",
                    settings.model, backend.model)
    return backend
