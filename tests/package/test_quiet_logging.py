"""Loading the word embeddings leaves the root logger alone: wordllama calls
logging.basicConfig(level=INFO) when imported, and a root handler at INFO printed every
HTTP request of the openai SDK ("INFO:httpx2:HTTP Request: POST ...") on the user's
terminal during a report against an endpoint."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_loading_word_embeddings_adds_no_root_log_handler() -> None:
    code = ("import logging, agent.similarity as s; s._model(); root = logging.getLogger(); "
            "print(len(root.handlers), root.level)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["0", str(30)]  # no handler; WARNING, Python's default
