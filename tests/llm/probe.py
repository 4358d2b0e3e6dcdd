"""What the model-layer tests ask the HTTP fake: a one-line prompt, a two-field answer,
and a gateway over the real client with fast retries."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from agent.config import CacheMode, Settings
from agent.llm.cache import ResponseCache
from agent.llm.client import RemoteClient
from agent.llm.gateway import LLM
from agent.prompts import RenderedPrompt, parse_template
from agent.testing.openai_server import FakeOpenAIServer

SECRET = "sk-test-SECRET-0123456789abcdef"
GOOD = json.dumps({"name": "x", "count": 3})
TEMPLATE = """name: probe
version: 1
--- system ---
You answer in JSON.
--- user ---
Question: {{question}}
"""


class Answer(BaseModel):
    name: str
    count: int


def prompt(question: str = "how many?", template: str = TEMPLATE) -> RenderedPrompt:
    return parse_template(template, "test").render(question=question)


def make_llm(server: FakeOpenAIServer, cache_dir: Path, **overrides: Any) -> LLM:
    """The real client against the fake, retrying fast; `cache_mode` picks the cache's."""
    values: dict[str, Any] = dict(base_url=server.base_url, api_key=SECRET, model="fake-model",
                                  timeout=1.0, max_retries=3, retry_initial_wait=0.01,
                                  retry_max_wait=0.05)
    values.update(overrides)
    mode = values.pop("cache_mode", CacheMode.READ_WRITE)
    return LLM(RemoteClient(Settings(**values)), ResponseCache(cache_dir, mode),
               concurrency=values.get("concurrency"))
