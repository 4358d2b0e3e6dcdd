"""The command-line interface; the only place errors become messages and exit codes.

A thin layer over the library API (agent/api.py) and the task registry
(agent/tasks.py): each command reads its flags into Settings, calls the API, and
prints the result. What is shown while it works (progress, the batch bar) and how
Ctrl-C ends a run live in agent/console.py. Every module beyond typer is imported
inside the command that needs it, so `--help` and `parse` start fast (see
benchmarks/bench_cli.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, get_type_hints

import typer

from agent import __version__
from agent.console import progress as _progress
from agent.console import stderr as _stderr
from agent.console import stdout as _stdout
from agent.errors import AgentError, UsageError, debug_enabled
from agent.modes import CacheMode, CiteStyle, JudgeMode, StructuredMode, WritingMode

if TYPE_CHECKING:
    from agent.config import Settings
    from agent.models import Composition, Profile, Report
    from agent.tasks import TaskRequest

app = typer.Typer(
    name="research-agent",
    help="Faithful, cited prose about a researcher's publication record.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def load_settings(**flags: object) -> Settings:
    """The settings of one command: its flags over the environment over the defaults."""
    from agent.config import load_settings as load

    return load(**flags)


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


FilesArg = Annotated[list[Path], typer.Argument(
    metavar="FILE...", help="The researcher's publication record: a profile page, BibTeX, an "
    "arXiv feed, OpenAlex, Semantic Scholar, CSL-JSON or ORCID JSON. Several files are merged "
    "into one profile.")]
AuthorOpt = Annotated[str | None, typer.Option(
    "--author", metavar="NAME", help="Whose record it is. Default: the name the file states "
    "(profile page, ORCID record), else the person on most papers.")]
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
    "--concurrency", metavar="N", help="Most model calls in flight at once. An endpoint "
    "gets that many until it rate-limits, then fewer (halved, then regained one by one). "
    "Default: 64 for an endpoint, 1 for the embedded model. Env: RESEARCH_AGENT_CONCURRENCY.")]
CacheDirOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", metavar="DIR", help="Response cache directory. Default: ./cache. "
    "Env: RESEARCH_AGENT_CACHE_DIR.")]
CacheModeOpt = Annotated[CacheMode | None, typer.Option(
    "--cache-mode", help="read-write (default), read-only (a miss is an error) or off.")]
StructuredOpt = Annotated[StructuredMode | None, typer.Option(
    "--structured", help="How JSON answers are asked for: auto, json-schema, json-object or "
    "text.")]
WritingOpt = Annotated[WritingMode | None, typer.Option(
    "--writing", help="sections (a section per call, for capable models), claims (one "
    "planned claim at a time, for small ones), plan (no model at all: the planner's claims, "
    "verified, and each abstract's own first finding in the papers table; nothing is loaded "
    "or asked, even with --base-url) or auto: claims for the embedded model. "
    "Env: RESEARCH_AGENT_WRITING.")]

JudgeOpt = Annotated[JudgeMode | None, typer.Option(
    "--judge", help="Who decides a sentence whose support the verifier's rules leave "
    "uncertain: off, endpoint (the --base-url model), local (the embedded model: slow, and "
    "no use as a judge: see evals/judge.py), or auto (default): the endpoint when "
    "--base-url is set, else off. Env: RESEARCH_AGENT_JUDGE.")]


# The options every model-backed command takes, added to each by @model_command.
_MODEL_OPTIONS: dict[str, object] = {
    "model": ModelOpt, "model_path": ModelPathOpt, "base_url": BaseUrlOpt,
    "api_key": ApiKeyOpt, "timeout": TimeoutOpt, "concurrency": ConcurrencyOpt,
    "cache_dir": CacheDirOpt, "cache_mode": CacheModeOpt, "structured": StructuredOpt,
    "writing": WritingOpt,
}
# ... and the commands that verify sentences, this one too.
_JUDGE_OPTIONS: dict[str, object] = {"judge": JudgeOpt}


def model_command(app_: typer.Typer, name: str | None = None, judged: bool = True
                  ) -> Callable[[Callable], Callable]:
    """Register a command that takes the model options as one `settings` argument
    (and --judge, when it verifies sentences: `judged`).

    Why by hand: typer has no option groups, and eleven commands repeating nine
    options each would drift apart. typer reads __signature__, so the wrapper
    shows the command's own parameters followed by the shared ones."""
    options = _MODEL_OPTIONS | (_JUDGE_OPTIONS if judged else {})

    def register(fn: Callable) -> Callable:
        # `settings` is filled in here, never by typer: its type (pydantic's, loaded only
        # when a command runs) is not needed to read the others.
        hints = get_type_hints(fn, localns={"Settings": object}, include_extras=True)
        own = [p.replace(annotation=hints[p.name])
               for p in inspect.signature(fn).parameters.values() if p.name != "settings"]
        shared = [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None,
                                    annotation=ann) for n, ann in options.items()]

        @functools.wraps(fn)
        def wrapper(*args: object, **kwargs: object) -> object:
            flags = {n: kwargs.pop(n, None) for n in options}
            settings = load_settings(**flags)
            if judged:
                settings.judge_mode()  # --judge endpoint with no endpoint: said before any work
            return fn(*args, settings=settings, **kwargs)

        wrapper.__signature__ = inspect.Signature(own + shared)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in own + shared}
        app_.command(name)(wrapper)
        return fn
    return register


JsonOpt = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", help="Write the result to FILE instead of stdout.")]
ShowUnsupportedOpt = Annotated[bool, typer.Option(
    "--show-unsupported", help="Keep sentences that fail verification, marked with the reasons, "
    "instead of replacing them with their planned claims.")]
WordsOpt = Annotated[int, typer.Option(
    "--words", metavar="50|150|300", help="Length of the bio.")]
HtmlOpt = Annotated[Path | None, typer.Option(
    "--html", metavar="FILE", help="Also write the report as one self-contained HTML page "
    "(timeline figure, linked citations) that opens without a network.")]
TopicOpt = Annotated[str, typer.Option("--topic", help="What the paragraph is about.")]
CiteOpt = Annotated[CiteStyle | None, typer.Option(
    "--cite", help="How the paragraph cites: key ([chi2020infoxlm]; the grant's default), "
    "author-year ((Chi et al., 2020); the intro's default) or numbered ([1], with the "
    "references after the paragraph). --json keeps the paper keys whatever the style.")]


# --- the steps every command shares -----------------------------------------------------


def _load(settings: Settings, files: list[Path], as_of: str | None, fmt: str | None,
          author: str | None) -> Profile:
    """The one way commands read their input: every file merged into one profile, with the
    owner and merge notes and the parse warnings on stderr."""
    from agent import api

    err = _stderr()
    profile = api.load(files, as_of=_as_of(as_of), fmt=fmt, author=author,
                       max_bytes=settings.max_input_bytes,
                       notify=lambda note: err.print(f"note: {note}"))
    prefix = f"{profile.source}: " if len(files) == 1 else ""
    for issue in profile.issues:
        err.print(f"warning: {prefix}{issue}")
    return profile


def _session(settings: Settings):  # noqa: ANN202 - a context manager of Session
    """The model session of one command: which model on stderr first, what it cost last."""
    from agent import api

    return api.session(settings, say=_stderr().print)


def _emit(text: str, output: Path | None, flag: str = "--output") -> None:
    """Results go to stdout, or to --output (written whole, so a failed run leaves no stub)."""
    if output is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    from agent.llm.cache import atomic_write

    try:
        atomic_write(output, text)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}",
                         f"choose a writable path for {flag}") from None
    _stderr().print(f"wrote {output}")


def _check_writable(path: Path | None, flag: str) -> None:
    """An output that cannot be written is found out before the model runs, not after."""
    if path is None:
        return
    if path.is_dir():
        raise UsageError(f"{path} is a directory", f"give a file name for {flag}")
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"cannot write {path}: {existing} is not a writable directory",
                         f"choose a writable path for {flag}")


def _check_words(words: int) -> None:
    from agent.tasks import check_words

    check_words(words)


def _run_task(settings: Settings, files: list[Path], as_of: str | None, fmt: str | None,
              author: str | None, show_unsupported: bool, json_out: bool, output: Path | None,
              task: str, request: TaskRequest) -> Composition | Report:
    """The body every writing command shares: a model session, the job, the task, the output
    (a report's output is the caller's, since it may also be a page)."""
    from agent import api
    from agent.tasks import run_task

    _check_writable(output, "--output")
    with _session(settings) as session:
        job = api.job(_load(settings, files, as_of, fmt, author), session,
                      show_unsupported=show_unsupported, progress=_progress,
                      report=task == "report")
        result = run_task(task, job, request)
    if task != "report":
        _emit_composition(result, json_out, output)  # type: ignore[arg-type]
    return result


def _emit_composition(composition: Composition, json_out: bool, output: Path | None) -> None:
    from agent import api

    _emit(composition.model_dump_json(indent=2) if json_out else api.markdown(composition),
          output)


def _request(**fields: object) -> TaskRequest:
    from agent.tasks import TaskRequest

    return TaskRequest(**fields)


# --- commands ---------------------------------------------------------------------------


@model_command(app)
def digest(
    files: FilesArg, settings: Settings, json_out: JsonOpt = False, as_of: AsOfOpt = None,
    fmt: FormatOpt = None, author: AuthorOpt = None,
) -> None:
    """Summarise every paper (one cached model call per paper), each digest verified."""
    from agent import api
    from agent.render import faithfulness_line

    profile = _load(settings, files, as_of, fmt, author)
    with _session(settings) as session:
        digests, counts = api.digests(profile, session=session, progress=_progress)
    _stderr().print(faithfulness_line(counts))
    if json_out:
        typer.echo("[" + ",\n".join(d.model_dump_json() for d in digests) + "]")
        return
    out = _stdout()
    for d in digests:
        out.print(f"[{d.key}] {d.contribution}")
        if d.key_result:
            out.print(f"    result: {d.key_result}")


@model_command(app)
def report(
    files: FilesArg, settings: Settings, json_out: JsonOpt = False, output: OutputOpt = None,
    words: WordsOpt = 150, show_unsupported: ShowUnsupportedOpt = False,
    html: HtmlOpt = None, as_of: AsOfOpt = None, fmt: FormatOpt = None,
    author: AuthorOpt = None,
) -> None:
    """The full report: bio, trajectory, lines of work, paper digests and references."""
    from agent.render import faithfulness_line, report_markdown

    _check_words(words)
    _check_writable(html, "--html")
    result: Report = _run_task(settings, files, as_of, fmt, author,  # type: ignore[assignment]
                               show_unsupported, json_out, output, "report",
                               _request(words=words))
    if html is not None:
        from agent.render_html import report_html  # matplotlib loads only for a page

        _emit(report_html(result), html, "--html")
    _emit(result.model_dump_json(indent=2) if json_out else report_markdown(result), output)
    _stderr().print(faithfulness_line(result.tally))


@model_command(app)
def bio(
    files: FilesArg, settings: Settings, words: WordsOpt = 150, json_out: JsonOpt = False,
    output: OutputOpt = None, show_unsupported: ShowUnsupportedOpt = False,
    as_of: AsOfOpt = None, fmt: FormatOpt = None, author: AuthorOpt = None,
) -> None:
    """A third-person bio of 50, 150 or 300 words."""
    _check_words(words)
    _run_task(settings, files, as_of, fmt, author, show_unsupported, json_out, output,
              "bio", _request(words=words))


@model_command(app)
def trajectory(
    files: FilesArg, settings: Settings, json_out: JsonOpt = False, output: OutputOpt = None,
    show_unsupported: ShowUnsupportedOpt = False, as_of: AsOfOpt = None, fmt: FormatOpt = None,
    author: AuthorOpt = None,
) -> None:
    """How the work moved from phase to phase, with years."""
    _run_task(settings, files, as_of, fmt, author, show_unsupported, json_out, output,
              "trajectory", _request())


@model_command(app)
def topics(
    files: FilesArg, settings: Settings, json_out: JsonOpt = False, output: OutputOpt = None,
    show_unsupported: ShowUnsupportedOpt = False, as_of: AsOfOpt = None, fmt: FormatOpt = None,
    author: AuthorOpt = None,
) -> None:
    """The main lines of work: a name and a paragraph each, citing their papers."""
    _run_task(settings, files, as_of, fmt, author, show_unsupported, json_out, output,
              "topics", _request())


@model_command(app)
def ask(
    arguments: Annotated[list[str], typer.Argument(
        metavar="FILE... [QUESTION]", help="The researcher's record (one or more files, as for "
        "report), then a question about the research (or give the questions with "
        "--questions).")],
    settings: Settings, json_out: JsonOpt = False, output: OutputOpt = None,
    show_unsupported: ShowUnsupportedOpt = False, as_of: AsOfOpt = None, fmt: FormatOpt = None,
    author: AuthorOpt = None,
    questions: Annotated[Path | None, typer.Option(
        "--questions", metavar="FILE", help="Questions one per line (- reads stdin), answered "
        "in turn; a question may refer to the previous answer's papers (\"which of those "
        "have code?\"). Blank lines and lines starting with # are skipped.")] = None,
    markdown: Annotated[bool, typer.Option(
        "--markdown", help="Answer in Markdown (a sources list with anchors) instead of "
        "plain text.")] = False,
) -> None:
    """Answer questions about the research, citing papers; facts come from the fact sheet.

    Yes/no questions open with Yes or No; "what did they work on in 2025" is answered from
    that year's papers; "not in the record" is said only when no paper matches."""
    from agent import api
    from agent.render import answers_text

    names, asked = _ask_arguments(arguments, questions)
    _check_writable(output, "--output")
    with _session(settings) as session:
        profile = _load(settings, [Path(n) for n in names], as_of, fmt, author)
        answers = api.ask_many(profile, asked, show_unsupported=show_unsupported,
                               session=session, progress=_progress)
    if json_out:
        if questions is None:
            text = answers[0].model_dump_json(indent=2)
        else:
            text = json.dumps([{"question": q, "answer": a.model_dump(mode="json")}
                               for q, a in zip(asked, answers)], indent=2)
    else:
        text = answers_text(list(zip(asked, answers)), profile, markdown=markdown,
                            show_questions=questions is not None)
    _emit(text, output)


def _ask_arguments(arguments: list[str], questions: Path | None) -> tuple[list[str], list[str]]:
    """The record's files and the questions: the last argument, or --questions' lines."""
    if questions is not None:
        if not arguments:
            raise UsageError("ask needs the record's files", "e.g. research-agent ask page.txt "
                             "--questions questions.txt")
        text = sys.stdin.read() if str(questions) == "-" else _read_questions(questions)
        asked = [line.strip() for line in text.splitlines()
                 if line.strip() and not line.lstrip().startswith("#")]
        if not asked:
            raise UsageError(f"{questions} holds no question", "write one question per line")
        return arguments, asked
    # One variadic argument split here, so a forgotten question is named as such (click
    # would call it a missing FILE).
    *names, question = arguments
    if not names:
        raise UsageError("ask needs the record's files and then a question",
                         'e.g. research-agent ask page.txt "which papers have code?"')
    if not question.strip():
        raise UsageError("the question is empty", 'ask something, e.g. "which papers have code?"')
    return names, [question]


def _read_questions(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}",
                         "give a text file with one question per line, or - for stdin") from None


write_app = typer.Typer(help="Grant prior-work and paper-introduction paragraphs.",
                        no_args_is_help=True)
app.add_typer(write_app, name="write")


def _write(kind: str, files: list[Path], topic: str, settings: Settings, json_out: bool,
           output: Path | None, show_unsupported: bool, as_of: str | None,
           fmt: str | None, author: str | None, cite: CiteStyle | None) -> None:
    if not topic.strip():
        raise UsageError("--topic is empty", 'say what the paragraph is about, e.g. --topic '
                         '"cross-lingual pre-training"')
    _run_task(settings, files, as_of, fmt, author, show_unsupported, json_out, output,
              kind, _request(topic=topic, cite=cite))


@model_command(write_app, "grant")
def write_grant(
    files: FilesArg, topic: TopicOpt, settings: Settings, cite: CiteOpt = None,
    json_out: JsonOpt = False, output: OutputOpt = None,
    show_unsupported: ShowUnsupportedOpt = False, as_of: AsOfOpt = None,
    fmt: FormatOpt = None, author: AuthorOpt = None,
) -> None:
    """A grant "prior work" paragraph on the researcher's papers relevant to --topic: the
    problem, what the papers contributed in time order, and where that leaves the topic."""
    _write("grant", files, topic, settings, json_out, output, show_unsupported, as_of, fmt,
           author, cite)


@model_command(write_app, "intro")
def write_intro(
    files: FilesArg, topic: TopicOpt, settings: Settings, cite: CiteOpt = None,
    json_out: JsonOpt = False, output: OutputOpt = None,
    show_unsupported: ShowUnsupportedOpt = False, as_of: AsOfOpt = None,
    fmt: FormatOpt = None, author: AuthorOpt = None,
) -> None:
    """A paper-introduction paragraph on --topic citing the researcher's relevant papers,
    (Chi et al., 2020)-style unless --cite says otherwise."""
    _write("intro", files, topic, settings, json_out, output, show_unsupported, as_of, fmt,
           author, cite)


@model_command(app)
def batch(
    directory: Annotated[Path, typer.Argument(
        metavar="DIR", help="A directory of profile files, in any supported format; each "
        "file is one researcher.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="OUTDIR", help="Where the reports go: NAME.md, NAME.html "
        "and NAME.json per profile, and batch.json, the manifest a re-run resumes from.")],
    settings: Settings, words: WordsOpt = 150, show_unsupported: ShowUnsupportedOpt = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Skip the HTML pages.")] = False,
    openai_batch: Annotated[bool, typer.Option(
        "--openai-batch", help="Send the digest calls through the OpenAI Batch API (half "
        "the price, answers within 24 h), then write the reports from the cache.")] = False,
    poll_seconds: Annotated[float, typer.Option(
        "--poll-seconds", metavar="SECONDS", help="How often --openai-batch asks whether "
        "the batch is done.")] = 30.0,
    json_out: JsonOpt = False, as_of: AsOfOpt = None,
) -> None:
    """Reports for every profile file in a directory: one progress bar, the cache shared,
    one summary table; a re-run skips the profiles already written."""
    from agent.batch import openai_batch_digests, run_batch
    from agent.batch_records import FORMATS, BatchOptions
    from agent.console import BatchBar
    from agent.llm.session import model_session
    from agent.render import batch_errors, batch_table

    _check_words(words)
    if poll_seconds <= 0:
        raise UsageError(f"--poll-seconds {poll_seconds:g} is not a wait", "give seconds > 0")
    if output.exists() and not output.is_dir():
        raise UsageError(f"{output} is a file", "give a directory for --output")
    if output.resolve() == directory.resolve():
        # The reports would be read as profiles by the next run.
        raise UsageError("--output is the directory of the profiles",
                         "write the reports to another directory, e.g. -o reports")
    if openai_batch and not (settings.base_url or settings.api_key):
        raise UsageError("--openai-batch needs an OpenAI endpoint",
                         "set OPENAI_API_KEY (or --api-key, and --base-url for another "
                         "endpoint with the Batch API)")
    if openai_batch and settings.cache_mode is not CacheMode.READ_WRITE:
        raise UsageError("--openai-batch stores its answers in the cache",
                         "leave --cache-mode at read-write")
    options = BatchOptions(
        as_of=_as_of(as_of), words=words, show_unsupported=show_unsupported,
        claim_by_claim=settings.claim_by_claim, max_bytes=settings.max_input_bytes,
        formats=tuple(f for f in FORMATS if not (no_html and f == "html")),
        judge=None if (mode := settings.judge_mode()) is JudgeMode.OFF else mode.value)
    with model_session(settings, say=_stderr().print) as session, BatchBar() as bar:
        prefetch = openai_batch_digests(settings.cache_dir, poll_seconds, bar.note) \
            if openai_batch else None
        summary = run_batch(directory, output, session, options, bar, before_reports=prefetch)
        session.record_run({"calls": summary.calls, "cache_hits": summary.cache_hits,
                            "judge_calls": summary.judge_calls,
                            "prompt_tokens": summary.prompt_tokens,
                            "completion_tokens": summary.completion_tokens,
                            "seconds": summary.seconds})
    if json_out:
        typer.echo(summary.model_dump_json(indent=2))
    else:
        out = _stdout()
        out.print(batch_table(summary))
        for line in batch_errors(summary):
            out.print(f"failed: {line}")
    _stderr().print(f"batch: {len(summary.reported)} of {len(summary.runs)} files have reports "
                    f"in {output}; {summary.calls} model calls"
                    f"{f' ({summary.judge_calls} by the judge)' if options.judge else ''}, "
                    f"{summary.cache_hits} cache hits, "
                    f"{summary.prompt_tokens + summary.completion_tokens:,} tokens, "
                    f"{summary.seconds:.1f}s")
    if failed := summary.failed:
        raise AgentError(f"{len(failed)} of {len(summary.runs)} files failed: "
                         + ", ".join(r.file for r in failed), "the reasons are under the table")


cache_app = typer.Typer(help="Inspect or clear the response cache.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("stats")
def cache_stats(
    cache_dir: CacheDirOpt = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """Entries and bytes on disk, and the hits and misses of the last run."""
    from agent.llm.cache import ResponseCache

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
    from agent.llm.cache import ResponseCache

    settings = load_settings(cache_dir=cache_dir)
    removed = ResponseCache(settings.cache_dir, settings.cache_mode).clear()
    _stdout().print(f"removed {removed} entries from {settings.cache_dir}")


@app.command()
def parse(
    files: FilesArg,
    json_out: Annotated[bool, typer.Option("--json", help="Print the whole Profile as JSON.")] = False,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = None,
    author: AuthorOpt = None,
) -> None:
    """Parse publication records (several are merged) and print the papers."""
    profile = _load(load_settings(), files, as_of, fmt, author)
    if json_out:
        typer.echo(profile.model_dump_json(indent=2))
        return
    from agent.render import inferred_year_note, papers_table, profile_summary

    out = _stdout()
    out.print(profile_summary(profile))
    out.print(papers_table(profile))
    if note := inferred_year_note(profile):
        out.print(note)


@app.command("fetch")
def fetch_command(
    source: Annotated[str, typer.Argument(
        metavar="openalex|s2|arxiv|orcid", help="The public API to ask.")],
    ident: Annotated[str, typer.Argument(
        metavar="ID", help="OpenAlex author id (A5023888391) or ORCID iD; Semantic Scholar "
        'author id (1741101); arXiv author name ("Zewen Chi") or query (au:Chi_Z); ORCID iD.')],
    output: OutputOpt = None,
    mailto: Annotated[str | None, typer.Option(
        "--mailto", metavar="EMAIL", help="Your e-mail: OpenAlex serves polite requests "
        "faster, and every API sees who is asking.")] = None,
    s2_api_key: Annotated[str | None, typer.Option(
        "--s2-api-key", metavar="KEY", help="Semantic Scholar API key (higher rate limits).")]
    = None,
    max_works: Annotated[int, typer.Option(
        "--max-works", metavar="N", help="Stop after N works.")] = 5000,
    api_url: Annotated[str | None, typer.Option(
        "--api-url", metavar="URL", help="The API's base URL, for a mirror.")] = None,
) -> None:
    """Download a researcher's record from a public API into a file the other commands read."""
    from agent.errors import InputError
    from agent.fetch import FetchSettings, fetch
    from agent.parse import read_source

    if max_works < 1:
        raise UsageError(f"--max-works {max_works} is not a count", "give 1 or more")
    settings = FetchSettings(mailto=mailto, api_key=s2_api_key, api_url=api_url,
                             max_works=max_works)
    result = fetch(source.strip().lower(), ident, settings, progress=_progress)
    if not result.works:
        raise InputError(f"{source} has no works for {ident}", "check the id, or try another "
                         "source")
    # What was written must read back: the reader is the judge of a download.
    parsed = read_source(result.text, dt.date.today(), str(output or "the download"))
    _emit(result.text, output)
    whose = f" of {result.owner}" if result.owner else ""
    _stderr().print(f"fetched {len(parsed.works)} works{whose} from {source} in "
                    f"{result.requests} requests")


TextFileArg = Annotated[Path, typer.Argument(
    metavar="TEXT_FILE", help="The text to check: a bio written by hand, or our own output.")]


@model_command(app, "verify")
def verify_command(
    files: FilesArg, text_file: TextFileArg, settings: Settings,
    json_out: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
    as_of: AsOfOpt = None, fmt: FormatOpt = None, author: AuthorOpt = None,
) -> None:
    """Check every sentence of a text against the record; exit 1 if any is unsupported.
    No model runs unless a judge is on (--judge; by default, when --base-url is set)."""
    from contextlib import nullcontext

    from agent import api
    from agent.errors import InputError

    profile = _load(settings, files, as_of, fmt, author)
    try:
        text = text_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{text_file} does not exist", "give the path of the text to check") \
            from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {text_file}: {getattr(exc, 'strerror', None) or exc}",
                         "give a readable UTF-8 text file") from None
    judging = settings.judge_mode() is not JudgeMode.OFF
    with _session(settings) if judging else nullcontext() as session:
        result = api.verify(profile, text, source=str(text_file),
                            label=", ".join(map(str, files)), session=session)
    if not result.sentences:
        raise InputError(f"{text_file} has no sentences to check",
                         "give a text with prose sentences")
    if json_out:
        typer.echo(result.model_dump_json(indent=2))
    else:
        from agent.render import verdict_lines

        out = _stdout()
        for line in verdict_lines(result):
            out.print(line)
    if result.unsupported:
        raise typer.Exit(1)


SuiteOpt = Annotated[str, typer.Option(
    "--suite", metavar="checker|pipeline|ask|all", help="Which eval to run: the checker's "
    "labelled sentences, the pipeline's recorded cases, or the open questions of "
    "evals/ask_cases.jsonl (answered with no model, whatever --writing says). Default: all.")]


@model_command(app, "eval", judged=False)
def eval_command(
    settings: Settings, suite: SuiteOpt = "all", json_out: JsonOpt = False,
    record: Annotated[bool, typer.Option(
        "--record", help="Pipeline: run the model (the embedded one unless an endpoint is set) "
        "and record its answers into evals/cache.")] = False,
    live: Annotated[bool, typer.Option(
        "--live", help="Pipeline: run against the configured backend and cache instead of "
        "the recorded answers.")] = False,
) -> None:
    """Measure the checker on the labelled set, the pipeline on its cases and the answers to
    open questions; exit 1 below the thresholds in evals/thresholds.json."""
    from agent import evals

    if suite not in {"checker", "pipeline", "ask", "all"}:
        raise UsageError(f"--suite {suite} is not offered",
                         "choose checker, pipeline, ask or all")
    if record and live:
        raise UsageError("--record and --live exclude each other", "give one of them")
    if settings.no_model and suite not in {"checker", "ask"}:
        raise UsageError("the pipeline eval measures what a model writes, and --writing plan "
                         "runs none", "give --suite checker or ask, or another --writing "
                         "(evals/prose.py measures the plan's prose)")
    mode = "record" if record else "live" if live else "replay"
    report = evals.run_suites(suite, mode, settings, _progress)
    if json_out:
        typer.echo(report.model_dump_json(indent=2))
    else:
        out = _stdout()
        tables = []
        if report.checker:
            tables += evals.checker_tables(report.checker, report.checker_in_sample,
                                           evals.load_thresholds().checker)
        if report.pipeline:
            tables += [evals.writer_table(report.pipeline), evals.pipeline_table(report.pipeline)]
        if report.ask:
            tables += evals.ask_tables(report.ask, evals.load_thresholds().ask)
        for table in tables:
            out.print(evals.rich_table(table))
        out.print("all thresholds hold" if report.passed else "below thresholds")
    if report.failures:
        raise AgentError("below thresholds: " + "; ".join(report.failures),
                         "see the table, and evals/README.md for how each number is measured")


def main() -> None:
    """Console-script entry point: run the app, turn errors into one line and an exit code."""
    from agent.console import configure_logging, exit_on_interrupt

    configure_logging(debug_enabled())
    with exit_on_interrupt():
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
