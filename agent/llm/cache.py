"""The on-disk response cache: one JSON file per answer, keyed by what determines it.

The key is a versioned prefix plus the SHA-256 of canonical JSON (sorted keys,
compact separators) of the model, the messages, the sampling parameters, the
response schema and the prompt's name, version and template hash. The API key,
base URL, timeouts and retry settings are left out on purpose: they change how
an answer is fetched, not what it says. Entries are written to a temporary file
and renamed into place, so a reader never sees half an entry and two processes
sharing a directory lose nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from functools import lru_cache
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from agent.config import CacheMode
from agent.errors import CacheMissError
from agent.llm.base import Completion, SamplingParams
from agent.prompts import ChatMessage, RenderedPrompt

log = logging.getLogger(__name__)

# Bump when the recipe below changes, so old entries are never misread as new ones.
KEY_VERSION = "ra-cache-v1"
LAST_RUN_FILE = ".last-run.json"
# Records derived without a model (fact sheets), one folder per kind under this one.
RECORDS_DIR = "records"
R = TypeVar("R", bound=BaseModel)


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no whitespace: equal values, equal bytes."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def request_key(
    model: str, messages: Sequence[ChatMessage], params: SamplingParams,
    json_schema: dict[str, Any] | None, prompt: RenderedPrompt | None,
) -> str:
    """The cache key of a request; independent of credentials, endpoint and timeouts."""
    material = {
        "model": model,
        "messages": [m.model_dump() for m in messages],
        "params": params.model_dump(),
        "schema": json_schema,
        "prompt": None if prompt is None else {
            "name": prompt.name, "version": prompt.version, "hash": prompt.template_hash},
    }
    digest = hashlib.sha256(canonical_json(material).encode("utf-8")).hexdigest()
    return f"{KEY_VERSION}-{digest}"


class CacheEntry(BaseModel):
    """What one cache file holds: the answer, and enough to say what it answered."""

    model_config = ConfigDict(extra="forbid")

    key: str
    step: str
    prompt: str | None
    completion: Completion


class CacheStats(BaseModel):
    """Entries and bytes on disk, and the hits and misses of the last run."""

    directory: str
    entries: int
    bytes: int
    last_run: dict[str, Any] | None


class ResponseCache:
    """Read-write, read-only (a miss is an error) or off."""

    def __init__(self, directory: Path, mode: CacheMode = CacheMode.READ_WRITE) -> None:
        self.directory = directory
        self.mode = mode
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()
        self._warned_corrupt = False

    def _path(self, key: str) -> Path:
        digest = key.rsplit("-", 1)[-1]
        return self.directory / digest[:2] / f"{key}.json"

    def get(self, key: str, step: str) -> Completion | None:
        """The cached answer, or None; in read-only mode a miss raises."""
        if self.mode is CacheMode.OFF:
            return None
        completion = self._read(key)
        with self._lock:
            if completion is None:
                self.misses += 1
            else:
                self.hits += 1
        if completion is None and self.mode is CacheMode.READ_ONLY:
            raise CacheMissError(
                "the cache is read-only and holds no answer for this request",
                "run once with --cache-mode read-write, or check that the inputs, model and "
                "prompts match the recorded run", step=step)
        return completion

    def _read(self, key: str) -> Completion | None:
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            log.warning("cache entry %s unreadable (%s); treated as a miss", path.name, exc)
            return None
        try:
            entry = CacheEntry.model_validate_json(raw)
            if entry.key != key:
                raise ValueError("key mismatch")
        except (ValidationError, ValueError):
            with self._lock:
                first, self._warned_corrupt = not self._warned_corrupt, True
            if first:
                log.warning("corrupt cache entry %s treated as a miss; it will be rewritten",
                            path)
            return None
        return entry.completion.model_copy(update={"cached": True})

    def put(self, key: str, step: str, prompt: RenderedPrompt | None, completion: Completion) -> None:
        """Store an answer atomically (read-write mode only)."""
        if self.mode is not CacheMode.READ_WRITE:
            return
        entry = CacheEntry(
            key=key, step=step, prompt=f"{prompt.name}@v{prompt.version}" if prompt else None,
            completion=completion.model_copy(update={"cached": False}),
        )
        atomic_write(self._path(key), entry.model_dump_json(indent=1))

    # --- derived records: results computed without a model, kept beside the answers ---

    def get_record(self, kind: str, key: str, schema: type[R]) -> R | None:
        """A record stored under kind/key (the fact sheet of a profile, say), or None. Unlike
        an answer, a missing record is never an error: it can always be computed again."""
        if self.mode is CacheMode.OFF:
            return None
        try:
            return schema.model_validate_json(self._record_path(kind, key).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None

    def put_record(self, kind: str, key: str, record: BaseModel) -> None:
        """Store a record atomically (read-write mode only); a failure to write is a warning,
        since the record is only a shortcut."""
        if self.mode is not CacheMode.READ_WRITE:
            return
        try:
            atomic_write(self._record_path(kind, key), record.model_dump_json())
        except OSError as exc:
            log.warning("could not keep the %s record in %s: %s", kind, self.directory, exc)

    def _record_path(self, kind: str, key: str) -> Path:
        return self.directory / RECORDS_DIR / kind / f"{key}.json"

    def entry_files(self) -> list[Path]:
        """Every entry file in the directory."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob(f"*/{KEY_VERSION}-*.json"))

    def stats(self) -> CacheStats:
        """What `research-agent cache stats` prints."""
        files = self.entry_files()
        last: dict[str, Any] | None = None
        try:
            last = json.loads((self.directory / LAST_RUN_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            last = None
        return CacheStats(
            directory=str(self.directory), entries=len(files),
            bytes=sum(f.stat().st_size for f in files), last_run=last,
        )

    def clear(self) -> int:
        """Delete every entry and record; returns how many answers were removed."""
        files = self.entry_files()
        for f in files:
            f.unlink(missing_ok=True)
        records = self.directory / RECORDS_DIR
        if records.is_dir():
            for f in records.glob("*/*.json"):
                f.unlink(missing_ok=True)
            for sub in records.glob("*/"):
                if sub.is_dir() and not any(sub.iterdir()):
                    sub.rmdir()
        for sub in self.directory.glob("*/"):
            if sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
        (self.directory / LAST_RUN_FILE).unlink(missing_ok=True)
        return len(files)

    def record_run(self, summary: dict[str, Any]) -> None:
        """Remember the last run's account for `cache stats`."""
        if self.mode is CacheMode.OFF:
            return
        try:
            atomic_write(self.directory / LAST_RUN_FILE, canonical_json(summary))
        except OSError as exc:
            log.warning("could not record the run in %s: %s", self.directory, exc)


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory, then rename over the target.

    The file gets the permissions a plain open() would give it (0666 less the umask), not
    mkstemp's 0600: a report page copied to a web server must be readable there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            os.fchmod(handle.fileno(), 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def _umask() -> int:
    """The process's umask; reading it means setting it, so it is read once."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
