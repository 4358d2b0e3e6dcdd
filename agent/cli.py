"""The command-line interface; the only place errors become messages and exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from agent import __version__
from agent.config import debug_enabled, load_settings
from agent.errors import AgentError, UsageError
from agent.parse import load_profile
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


def main() -> None:
    """Console-script entry point: run the app, turn errors into one line and an exit code."""
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
