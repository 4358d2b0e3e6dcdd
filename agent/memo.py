"""Results computed without a model, kept in the cache directory between runs: a
profile's fact sheet, and the verifier's verdicts on its sentences.

Both are pure functions of the profile and of the code that computes them, so each is
kept under a key made of the profile as parsed and the bytes of the modules that
decide it (not a version number someone must remember to bump). A re-run, such as a
cached report or a second question about the same record, then skips the analysis
and the libraries it loads (numpy, scipy), and every verdict it has
already reached. ARCHITECTURE.md lists these keys with the response cache's.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from agent.models import Check, FactSheet, Profile, Record

if TYPE_CHECKING:
    from agent.llm.cache import ResponseCache
    from agent.verify import Verifier

# The modules whose code decides each result: what it computes, and the names, words
# and records it works with.
ANALYSIS_SOURCES = ("analyze.py", "topics.py", "tfidf.py", "languages.py", "names.py", "text.py",
                    "models.py")
VERIFIER_SOURCES = ("verify/*.py", "similarity.py", "names.py", "text.py", "models.py")


PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def code_version(sources: tuple[str, ...], package: Path = PACKAGE_DIR) -> str:
    """A hash of the named modules of this package, as installed. A name may be a pattern
    ("verify/*.py": every module of a subpackage, in sorted order)."""
    digest = hashlib.sha256()
    for name in sources:
        paths = sorted(package.glob(name)) if any(c in name for c in "*?[") \
            else [package / name]
        if not paths:
            raise FileNotFoundError(f"no module of {package} matches {name}")
        for path in paths:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def profile_key(profile: Profile, sources: tuple[str, ...]) -> str:
    """The key of a result computed from a profile by the code of `sources`."""
    material = f"{code_version(sources)}\n{profile.model_dump_json()}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


# --- fact sheets ------------------------------------------------------------------------


def facts_for(profile: Profile, cache: ResponseCache | None = None,
              analyse: Callable[[Profile], FactSheet] | None = None) -> FactSheet:
    """The profile's fact sheet: from the cache when this code computed it before, else
    computed by `analyse` (agent/analyze.py's, unless another process is to run it) and
    kept, when the cache is writable."""
    key = profile_key(profile, ANALYSIS_SOURCES) if cache is not None else ""
    if cache is not None and (found := cache.get_record("facts", key, FactSheet)):
        return found
    if analyse is None:
        from agent.analyze import analyze as analyse

    facts = analyse(profile)
    if cache is not None:
        cache.put_record("facts", key, facts)
    return facts


# --- verdicts ---------------------------------------------------------------------------


class Verdicts(Record):
    """The verifier's verdicts on one profile, by sentence and cited keys."""

    checks: dict[str, Check] = Field(default_factory=dict)


def verdicts_remembered(profile: Profile, cache: ResponseCache | None) -> bool:
    """Whether an earlier run left verdicts on this profile (RememberingVerifier's)."""
    return cache is not None and cache.get_record(
        "verdicts", profile_key(profile, VERIFIER_SOURCES), Verdicts) is not None


class RememberingVerifier:
    """A Verifier that remembers its verdicts across runs.

    The real verifier (whose index takes a tenth of a second to build) is made only
    when a sentence has no verdict yet; `save` keeps the new ones."""

    def __init__(self, profile: Profile, facts: FactSheet, cache: ResponseCache | None,
                 make: Callable[[], Verifier]) -> None:
        self._make = make
        self._cache = cache
        self._key = profile_key(profile, VERIFIER_SOURCES) if cache is not None else ""
        found = cache.get_record("verdicts", self._key, Verdicts) if cache else None
        self._known = dict(found.checks) if found else {}
        self._new = 0
        self._lock = threading.Lock()

    @property
    def fresh(self) -> bool:
        """No verdict is remembered: every sentence will need the real verifier."""
        return not self._known

    @cached_property
    def verifier(self) -> Verifier:
        """The real verifier, built on first need."""
        return self._make()

    def check(self, sentence: str, keys: Sequence[str]) -> Check:
        """The verdict on a sentence citing keys: remembered, or reached now."""
        entry = json.dumps([sentence, list(keys)], ensure_ascii=False)
        with self._lock:
            known = self._known.get(entry)
        if known is not None:
            return known.model_copy(deep=True)
        verdict = self.verifier.check(sentence, keys)
        with self._lock:
            self._known[entry] = verdict.model_copy(deep=True)
            self._new += 1
        return verdict

    def save(self) -> None:
        """Keep the verdicts reached since the last save (read-write cache only)."""
        with self._lock:
            if self._cache is None or not self._new:
                return
            record, self._new = Verdicts(checks=dict(self._known)), 0
        self._cache.put_record("verdicts", self._key, record)
