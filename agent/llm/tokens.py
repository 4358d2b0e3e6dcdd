"""Counting tokens before a call, so no prompt exceeds the model's context.

tiktoken for OpenAI models; the embedded model counts with its own tokenizer
(agent.llm.local); anything else gets a conservative estimate. tiktoken fetches
its encoding files on first use, which fails offline: that falls back to the
estimate with one warning and never stops a run.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence

from agent.prompts import ChatMessage

log = logging.getLogger(__name__)

# Chat formats wrap each message in a few tokens of role markup.
PER_MESSAGE_OVERHEAD = 4
REPLY_PRIMING = 3
# English runs about 4 characters a token for modern BPE vocabularies; 3 keeps the
# estimate above the truth. Characters outside ASCII (CJK, Cyrillic, accents) can
# cost a token or more each, so each counts as one.
ASCII_CHARS_PER_TOKEN = 3.0

_OPENAI_MODEL = re.compile(r"^(gpt-|o\d|chatgpt-|text-embedding-|davinci|babbage)", re.I)
# Known context windows (tokens) by model-name prefix; longest prefix wins.
KNOWN_CONTEXT = {
    "gpt-3.5-turbo": 16_385, "gpt-4": 8_192, "gpt-4-turbo": 128_000, "gpt-4o": 128_000,
    "gpt-4.1": 1_047_576, "gpt-5": 400_000, "o1": 200_000, "o3": 200_000, "o4": 200_000,
}
DEFAULT_CONTEXT = 8_192


def context_window_for(model: str, override: int | None = None) -> int:
    """The model's context size: the setting, a known model, or a safe default."""
    if override:
        return override
    matches = [p for p in KNOWN_CONTEXT if model.lower().startswith(p)]
    return KNOWN_CONTEXT[max(matches, key=len)] if matches else DEFAULT_CONTEXT


def estimate_tokens(text: str) -> int:
    """A count that is at least the true one for common tokenizers."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))  # not a loop over characters
    return int((len(text) - non_ascii) / ASCII_CHARS_PER_TOKEN) + non_ascii + 1


def count_messages(messages: Sequence[ChatMessage], count_text: Callable[[str], int]) -> int:
    """Tokens of a chat request, given a counter for plain text."""
    return sum(count_text(m.content) + PER_MESSAGE_OVERHEAD for m in messages) + REPLY_PRIMING


class TokenCounter:
    """Counts with tiktoken when the model is OpenAI's and its encoding loads, else estimates."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._encode: Callable[[str], list[int]] | None = None
        self._resolved = False
        self._lock = threading.Lock()
        self.exact = False

    def _resolve(self) -> None:
        # Loading an encoding may try the network; do it once, lazily, never at import.
        with self._lock:
            if self._resolved:
                return
            self._resolved = True
            if not _OPENAI_MODEL.match(self.model):
                log.warning("no tokenizer known for model %s; token counts are conservative "
                            "estimates", self.model)
                return
            try:
                import tiktoken

                try:
                    encoding = tiktoken.encoding_for_model(self.model)
                except KeyError:
                    encoding = tiktoken.get_encoding("o200k_base")
                self._encode = encoding.encode
                self.exact = True
            except Exception as exc:  # noqa: BLE001 - offline, missing files, anything
                log.warning("tiktoken unavailable (%s); token counts are conservative estimates",
                            type(exc).__name__)

    def count_text(self, text: str) -> int:
        """Tokens of plain text."""
        self._resolve()
        if self._encode is not None:
            return len(self._encode(text))
        return estimate_tokens(text)

    def count(self, messages: Sequence[ChatMessage]) -> int:
        """Tokens of a chat request."""
        return count_messages(messages, self.count_text)
