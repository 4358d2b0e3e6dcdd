"""Reading an input file into a Profile: checks on the bytes, format detection, dispatch."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from agent.errors import InputError, UsageError
from agent.models import Profile
from agent.parse.detect import SUPPORTED, describe_unsupported, detect_format
from agent.parse.profile_page import FORMAT_NAME as PROFILE_PAGE
from agent.parse.profile_page import parse_profile_page

__all__ = ["load_profile", "parse_text", "read_text"]

DEFAULT_MAX_BYTES = 32 * 1024 * 1024


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The file's text, or an error that says in one line why it cannot be used."""
    if not path.exists():
        raise UsageError(f"no such file: {path}", "check the path")
    if path.is_dir():
        raise UsageError(f"{path} is a directory, not a file", "name a profile file")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"{path} is {size / 2**20:.1f} MiB, over the {max_bytes / 2**20:.0f} MiB input limit",
            "split the record, or raise the limit with RESEARCH_AGENT_MAX_INPUT_MB",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise InputError(f"{path} is empty", "give a file that holds a publication record")
    if b"\x00" in data[:8192]:
        raise InputError(f"{path} is a binary file, not text", "give a text export of the record")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not valid UTF-8 (byte {exc.start} is 0x{data[exc.start]:02x})",
            "re-save the file as UTF-8",
        ) from exc


def parse_text(
    text: str, as_of: dt.date, source: str | None = None, fmt: str | None = None
) -> Profile:
    """Parse text in the given (or detected) format."""
    fmt = fmt or detect_format(text)
    if fmt == PROFILE_PAGE:
        return parse_profile_page(text, as_of=as_of, source=source)
    where = source or "the input"
    if fmt is not None:
        raise UsageError(f"unknown format {fmt!r}", f"choose one of: {', '.join(SUPPORTED)}")
    known = describe_unsupported(text)
    if known:
        raise InputError(
            f"{where} looks like {known}, which this version cannot read yet",
            f"supported formats: {', '.join(SUPPORTED)}",
        )
    raise InputError(
        f"{where} is not in a format this tool can read",
        f"supported formats: {', '.join(SUPPORTED)}",
    )


def load_profile(
    path: Path, as_of: dt.date, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Profile:
    """Read and parse one input file."""
    return parse_text(read_text(path, max_bytes), as_of=as_of, source=str(path), fmt=fmt)
