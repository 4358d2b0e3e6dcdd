"""The command-line interface; the only place errors become messages and exit codes."""

from __future__ import annotations

import datetime as dt
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from agent import __version__
from agent.config import CacheMode, Settings, StructuredMode, debug_enabled, load_settings
from agent.errors import AgentError, UsageError
from agent.llm.backends import make_backend
from agent.llm.cache import ResponseCache
from agent.llm.gateway import LLM
from agent.parse import load_profile
from agent.pipeline import digest_papers
from agent.render import inferred_year_note, papers_table, profile_summary

app = typer.Typer(
    name="research-agent",
    help="Faithful, cited prose about a researcher's publication record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, markup=False, soft_wrap=True)


def _stdout() -> Console:
    # Off a terminal (a pipe, a file) rich would fold at 80 columns; give it room.
    return Console(highlight=False, markup=False, width=None if sys.stdout.isatty() else 200)


def _as_of(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of {value!r} is not a date", "write it as YYYY-MM-DD") from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"research-agent {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Faithful, cited prose about a researcher's publication record."""


FileArg = Annotated[Path, typer.Argument(metavar="FILE", help="The researcher's publication record.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar="YYYY-MM-DD",
        help="Capture date of the page; dates without a year resolve to it. Default: today.",
    ),
]
FormatOpt = Annotated[
    str | None,
    typer.Option("--format", help="Input format, when detection by content is not wanted."),
]


ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="Model name. Env: RESEARCH_AGENT_MODEL, OPENAI_MODEL.")]
ModelPathOpt = Annotated[Path | None, typer.Option(
    "--model-path", metavar="FILE", help="GGUF file for the embedded model (used when no "
    "endpoint is set). Default: SmolLM2-135M-Instruct. Env: RESEARCH_AGENT_MODEL_PATH.")]
BaseUrlOpt = Annotated[str | None, typer.Option(
    "--base-url", metavar="URL",
    help="OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, LM Studio, Azure). "
    "Env: RESEARCH_AGENT_BASE_URL, OPENAI_BASE_URL.")]
ApiKeyOpt = Annotated[str | None, typer.Option(
    "--api-key", help="API key. Env: RESEARCH_AGENT_API_KEY, OPENAI_API_KEY.")]
TimeoutOpt = Annotated[float | None, typer.Option(
    "--timeout", metavar="SECONDS", help="Seconds to wait for one answer. Default: 120.")]
ConcurrencyOpt = Annotated[int | None, typer.Option(
    "--concurrency", metavar="N", help="Model calls in flight at once. Default: 4 remote.")]
CacheDirOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", metavar="DIR", help="Response cache directory. Default: ./cache. "
    "Env: RESEARCH_AGENT_CACHE_DIR.")]
CacheModeOpt = Annotated[CacheMode | None, typer.Option(
    "--cache-mode", help="read-write (default), read-only (a miss is an error) or off.")]
StructuredOpt = Annotated[StructuredMode | None, typer.Option(
    "--structured", help="How JSON answers are asked for: auto, json-schema or text.")]


@contextmanager
def _model_session(settings: Settings) -> Iterator[LLM]:
    """A gateway for one command; ends with the one-line account on stderr."""
    backend = make_backend(settings)
    err = _stderr()
    err.print(f"using {backend.describe()}")
    cache = ResponseCache(settings.cache_dir, settings.cache_mode)
    llm = LLM(backend, cache, concurrency=settings.concurrency)
    try:
        yield llm
    finally:
        summary = llm.stats.summary() | {"cache_misses": cache.misses, "model": backend.model}
        cache.record_run(summary)
        err.print(llm.stats.line())


def _progress(message: str) -> None:
    _stderr().print(message)


@app.command()
def digest(
    file: FileArg,
    json_out: Annotated[bool, typer.Option("--json", help="Print the digests as JSON.")] = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    model: ModelOpt = None,
    model_path: ModelPathOpt = None,
    base_url: BaseUrlOpt = None,
    api_key: ApiKeyOpt = None,
    timeout: TimeoutOpt = None,
    concurrency: ConcurrencyOpt = None,
    cache_dir: CacheDirOpt = None,
    cache_mode: CacheModeOpt = None,
    structured: StructuredOpt = None,
) -> None:
    """Summarise every paper (one cached model call per paper)."""
    settings = load_settings(
        model=model, model_path=model_path, base_url=base_url, api_key=api_key, timeout=timeout,
        concurrency=concurrency, cache_dir=cache_dir, cache_mode=cache_mode,
        structured=structured)
    profile = load_profile(file, as_of=_as_of(as_of), fmt=fmt, max_bytes=settings.max_input_bytes)
    with _model_session(settings) as llm:
        digests = digest_papers(llm, profile, progress=_progress)
    if json_out:
        typer.echo("[" + ",\n".join(d.model_dump_json() for d in digests) + "]")
        return
    out = _stdout()
    for d in digests:
        out.print(f"[{d.key}] {d.contribution}")
        if d.key_result:
            out.print(f"    result: {d.key_result}")


cache_app = typer.Typer(help="Inspect or clear the response cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("stats")
def cache_stats(
    cache_dir: CacheDirOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Entries and bytes on disk, and the hits and misses of the last run."""
    settings = load_settings(cache_dir=cache_dir)
    stats = ResponseCache(settings.cache_dir, settings.cache_mode).stats()
    if json_out:
        typer.echo(stats.model_dump_json(indent=2))
        return
    out = _stdout()
    out.print(f"{stats.directory}: {stats.entries} entries, {stats.bytes:,} bytes")
    if stats.last_run:
        r = stats.last_run
        out.print(f"last run: {r.get('calls', 0)} model calls, {r.get('cache_hits', 0)} hits, "
                  f"{r.get('cache_misses', 0)} misses, {r.get('prompt_tokens', 0):,} prompt + "
                  f"{r.get('completion_tokens', 0):,} completion tokens, "
                  f"{r.get('seconds', 0)}s ({r.get('model', '?')})")
    else:
        out.print("last run: none recorded")


@cache_app.command("clear")
def cache_clear(cache_dir: CacheDirOpt = None) -> None:
    """Delete every cached answer."""
    settings = load_settings(cache_dir=cache_dir)
    removed = ResponseCache(settings.cache_dir, settings.cache_mode).clear()
    _stdout().print(f"removed {removed} entries from {settings.cache_dir}")


@app.command()
def parse(
    file: FileArg,
    json_out: Annotated[bool, typer.Option("--json", help="Print the whole Profile as JSON.")] = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Parse a publication record and print its papers."""
    settings = load_settings()
    profile = load_profile(file, as_of=_as_of(as_of), fmt=fmt, max_bytes=settings.max_input_bytes)
    err = _stderr()
    for issue in profile.issues:
        err.print(f"warning: {profile.source}: {issue}")
    if json_out:
        typer.echo(profile.model_dump_json(indent=2))
    else:
        out = _stdout()
        out.print(profile_summary(profile))
        out.print(papers_table(profile))
        if note := inferred_year_note(profile):
            out.print(note)


class _StderrHandler(logging.Handler):
    """One line per record on whatever sys.stderr is at the time, no tracebacks."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(f"{record.levelname.lower()}: {record.getMessage()}\n")
        except Exception:  # noqa: BLE001 - logging must never break a run
            self.handleError(record)


def _configure_logging() -> None:
    """Warnings from every module of the tool go to stderr."""
    logger = logging.getLogger("agent")
    logger.handlers[:] = [_StderrHandler()]
    logger.setLevel(logging.DEBUG if debug_enabled() else logging.WARNING)


def main() -> None:
    """Console-script entry point: run the app, turn errors into one line and an exit code."""
    _configure_logging()
    try:
        app()  # standalone: click reports its own usage errors with exit code 2
    except AgentError as exc:
        if debug_enabled():
            raise
        _stderr().print(f"error: {exc}")
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - a traceback is a bug; say so in one line
        if debug_enabled():
            raise
        _stderr().print(
            f"internal error: {type(exc).__name__}: {exc} "
            "(set RESEARCH_AGENT_DEBUG=1 for the traceback, and please report it)"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
