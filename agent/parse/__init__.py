"""Reading input files into a Profile: checks on the bytes, format detection, the owner,
merging of several files and of duplicates, and the papers' keys."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from agent.errors import InputError, UsageError
from agent.models import ParseIssue, Profile
from agent.names import assign_keys, same_person
from agent.parse.base import Format, Parsed, Source, Work
from agent.parse.detect import SUPPORTED, describe_unsupported, detect, format_named
from agent.parse.merge import Merge, merge_works
from agent.parse.owner import absent_issues, choose_owner, place_owner

__all__ = ["SUPPORTED", "load_profile", "load_profiles", "parse_text", "read_text"]

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
Notify = Callable[[str], None]
_PAGE_FIELDS = ("primary_category", "h_index", "citations", "novelty_pct", "ai_score_pct")


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


def read_source(text: str, as_of: dt.date, name: str, fmt: str | None = None) -> Parsed:
    """One file's text read in the given (or detected) format."""
    forced = format_named(fmt) if fmt else None
    looks_json = text.lstrip()[:1] in ("[", "{")
    data = _json(text, name) if looks_json and (forced is None or forced.json) else None
    if forced is not None and forced.json and data is None:
        raise InputError(f"{name} is not JSON, so it cannot be {forced.label}",
                         "check --format, or leave it out to detect the format")
    source = Source(text=text, name=name, as_of=as_of, data=data)
    found = forced or detect(source)
    if found is None:
        raise _unrecognised(text, name)
    return _read_with(found, source)


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}, column "
                         f"{exc.colno})", "download or export it again") from None
    except RecursionError:
        raise InputError(f"{name} is JSON nested too deeply to read") from None


def _read_with(fmt: Format, source: Source) -> Parsed:
    """A reader's result; a structure it did not expect is one line, not a traceback."""
    try:
        return fmt.read(source)
    except (AttributeError, TypeError, KeyError, ValueError, IndexError) as exc:
        raise InputError(
            f"{source.name} does not have the structure of {fmt.label} "
            f"({type(exc).__name__}: {exc})",
            "check that the file is a complete export, or choose the format with --format",
        ) from exc


def _unrecognised(text: str, name: str) -> InputError:
    known = describe_unsupported(text)
    hint = f"supported formats: {', '.join(SUPPORTED)}"
    if known:
        return InputError(f"{name} looks like {known}", hint)
    return InputError(f"{name} is not in a format this tool can read", hint)


def parse_text(
    text: str, as_of: dt.date, source: str | None = None, fmt: str | None = None,
    author: str | None = None, notify: Notify | None = None,
) -> Profile:
    """Parse text in the given (or detected) format."""
    name = source or "the input"
    profile = build_profile([read_source(text, as_of, name, fmt)], [name], as_of, author, notify)
    return profile if source else profile.model_copy(update={"source": None})


def load_profiles(
    paths: Sequence[Path], as_of: dt.date, fmt: str | None = None, author: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES, notify: Notify | None = None,
) -> Profile:
    """Read, parse and merge one or more input files into one researcher's profile."""
    unique = list(dict.fromkeys(paths))
    if not unique:
        raise UsageError("no input file given", "name one or more publication records")
    parsed = [read_source(read_text(p, max_bytes), as_of, str(p), fmt) for p in unique]
    return build_profile(parsed, [str(p) for p in unique], as_of, author, notify)


def load_profile(
    path: Path, as_of: dt.date, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    author: str | None = None, notify: Notify | None = None,
) -> Profile:
    """Read and parse one input file."""
    return load_profiles([path], as_of, fmt=fmt, author=author, max_bytes=max_bytes,
                         notify=notify)


def build_profile(
    parsed: Sequence[Parsed], names: Sequence[str], as_of: dt.date, author: str | None = None,
    notify: Notify | None = None,
) -> Profile:
    """The owner found, duplicates merged, the owner placed on each paper, keys given."""
    several = len(parsed) > 1
    owner = choose_owner(author, parsed, names)
    if owner.note and notify:
        notify(owner.note)
    works, merges = merge_works([w for p in parsed for w in p.works])
    works = place_owner(works, owner.name)
    # The venue is the work's, merged over its sources; the paper carries it from here on.
    papers = assign_keys([w.paper.model_copy(update={"venue": w.venue}) for w in works])
    if notify:
        for merge in merges:
            notify(_merge_note(merge, papers[merge.index].key, several))
    issues = [issue for p, n in zip(parsed, names) for issue in _placed(p.issues, n, several)]
    issues += absent_issues(works, owner.name, several)
    if not several:
        issues.sort(key=lambda i: (i.line is None, i.line or 0))
    if several:
        papers.sort(key=lambda p: (p.date is None, -(p.date.toordinal() if p.date else 0), p.key))
    return Profile(
        name=owner.name, as_of=as_of, source=", ".join(names),
        source_format="+".join(dict.fromkeys(p.format for p in parsed)),
        papers=papers, issues=issues, **_page_fields(parsed, owner.name, several))


def _placed(issues: list[ParseIssue], name: str, several: bool) -> list[ParseIssue]:
    """With several files, each issue names its file."""
    if not several:
        return issues
    return [ParseIssue(message=f"{name}{f' line {i.line}' if i.line else ''}: {i.message}")
            for i in issues]


def _page_fields(parsed: Sequence[Parsed], owner: str, several: bool) -> dict[str, Any]:
    """A profile page's metrics, when the page is the owner's; its paper count for one file."""
    page = next((p.page for p in parsed if p.page is not None), None)
    if page is None or not same_person(page.name, owner):
        return {}
    fields = {f: getattr(page, f) for f in _PAGE_FIELDS}
    if not several:
        fields["claimed_paper_count"] = page.claimed_paper_count
    return fields


def _merge_note(merge: Merge, key: str, several: bool) -> str:
    places = " + ".join(w.where if several else w.label for w in merge.members)
    return f"merged {len(merge.members)} records of one work into {key} " \
           f"({'; '.join(merge.reasons)}): {places}"


# Kept for callers that parsed one work list by hand.
__all__ += ["Work", "build_profile", "read_source"]
