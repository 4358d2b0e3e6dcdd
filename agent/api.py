"""The library API: everything the command line does, callable from Python.

    from agent import api

    profile = api.load("examples/zewen-chi.txt", as_of="2026-11-28")
    facts = api.analyze(profile)                       # exact figures, no model
    report = api.report(profile)                       # the embedded model, or an endpoint
    print(api.markdown(report))
    answer = api.ask(profile, "Which papers have code?")
    grant = api.write(profile, "grant", topic="cross-lingual pre-training")
    checked = api.verify(profile, "Zewen Chi has 36 papers [chi2020infoxlm].")

Settings are a pydantic model, `api.Settings`; without one, the environment's
(RESEARCH_AGENT_*, OPENAI_*) and the defaults apply, as on the command line.
Several calls can share one model session (and its account of calls and tokens):

    with api.session(api.Settings(base_url="http://localhost:8000/v1")) as s:
        bio = api.write(profile, "bio", words=50, session=s)
        topics = api.write(profile, "topics", session=s)

The CLI and `batch` are layers over these functions; ARCHITECTURE.md shows the
data flow behind them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

from agent.config import Settings, load_settings
from agent.errors import UsageError
from agent.modes import CiteStyle
from agent.models import (Composition, FactSheet, PaperDigest, Profile, Report, Tally,
                          TextCheck)
from agent.parse import DEFAULT_MAX_BYTES, load_profiles

if TYPE_CHECKING:
    from agent.llm.session import Session
    from agent.pipeline import Job

# The analysis, the model layer, the pipeline and the verifier are imported by the
# functions that use them: loading a profile (the command line's `parse`) needs none
# of numpy, scipy or the HTTP client.

__all__ = ["Settings", "Session", "load", "analyze", "session", "job", "report", "write",
           "ask", "digests", "verify", "markdown"]

Say = Callable[[str], None]
Files = str | Path | Sequence[str | Path]


def _quiet(_: str) -> None:
    """Messages that go nowhere: a library call is silent unless asked."""


def _date(value: str | dt.date | None) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"as_of {value!r} is not a date", "write it as YYYY-MM-DD") from None


def load(files: Files, *, as_of: str | dt.date | None = None, fmt: str | None = None,
         author: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
         notify: Say = _quiet) -> Profile:
    """One profile from one or more record files (profile page, BibTeX, arXiv feed,
    OpenAlex, Semantic Scholar, CSL-JSON, ORCID), merged and de-duplicated.

    as_of: the capture date that dates printed without a year resolve against (default
    today); fmt: the format, when detection is not wanted; author: whose record it is;
    notify: receives the notes on merges and on how the owner was chosen. What the
    parser could not take as written is in `profile.issues`."""
    paths = [Path(files)] if isinstance(files, (str, Path)) else [Path(f) for f in files]
    return load_profiles(paths, as_of=_date(as_of), fmt=fmt, author=author,
                         max_bytes=max_bytes, notify=notify)


def analyze(profile: Profile) -> FactSheet:
    """The exact figures of a profile, computed without a model: papers per year, roles,
    co-authors, affiliations, code, lines of work and phases, figures from abstracts."""
    from agent.analyze import analyze as analyze_profile

    return analyze_profile(profile)


@contextmanager
def session(settings: Settings | None = None, say: Say = _quiet) -> Iterator[Session]:
    """A model session (backend, response cache, account) shared by several calls; `say`
    receives which model runs and, at the end, what the calls cost."""
    from agent.llm.session import model_session

    with model_session(settings or load_settings(), say=say) as opened:
        yield opened


def job(profile: Profile, session: Session, *, facts: FactSheet | None = None,
        show_unsupported: bool = False, progress: Say = _quiet, report: bool = False) -> Job:
    """The profile bound to a model session: what every writing task runs on. report: the
    job is a report's, whose work starts while the papers are analysed
    (pipeline.start_report)."""
    from agent.judge import make_judge
    from agent.memo import facts_for
    from agent.pipeline import Job, Started, start_report

    settings = session.settings
    if facts is not None:
        started = Started(facts=facts)
    elif report:
        started = start_report(session.llm, profile, session.cache, plan_only=settings.no_model,
                               claim_by_claim=settings.claim_by_claim, progress=progress)
    else:
        progress(f"analyse {len(profile.papers)} papers")
        started = Started(facts=facts_for(profile, session.cache))
    return Job(llm=session.llm, profile=profile, facts=started.facts,
               show_unsupported=show_unsupported, progress=progress,
               claim_by_claim=settings.claim_by_claim, plan_only=settings.no_model,
               judge=make_judge(session), beside=started.beside, ahead=started.ahead)


@contextmanager
def _job(profile: Profile, settings: Settings | None, session_: Session | None,
         show_unsupported: bool, progress: Say, report: bool = False) -> Iterator[Job]:
    """A job on the given session, or on one opened (and closed) for this call."""
    if session_ is not None:
        yield job(profile, session_, show_unsupported=show_unsupported, progress=progress,
                  report=report)
        return
    with session(settings) as opened:
        yield job(profile, opened, show_unsupported=show_unsupported, progress=progress,
                  report=report)


def report(profile: Profile, *, words: int = 150, show_unsupported: bool = False,
           settings: Settings | None = None, session: Session | None = None,
           progress: Say = _quiet) -> Report:
    """The full report: bio, trajectory, lines of work, paper digests and references, every
    sentence verified. show_unsupported keeps a failed sentence, marked with its reasons,
    instead of its planned claim."""
    from agent.tasks import TaskRequest, run_task

    with _job(profile, settings, session, show_unsupported, progress, report=True) as j:
        return run_task("report", j, TaskRequest(words=words))  # type: ignore[return-value]


def write(profile: Profile, task: str, *, topic: str | None = None, words: int = 150,
          cite: CiteStyle | str | None = None, show_unsupported: bool = False,
          settings: Settings | None = None, session: Session | None = None,
          progress: Say = _quiet) -> Composition:
    """One writing task: "bio" (words 50, 150 or 300), "trajectory", "topics", or "grant"
    and "intro" (which need a topic). cite: how a grant or intro paragraph cites when
    rendered by markdown(): "key" (the grant's default), "author-year" (the intro's) or
    "numbered"; the sentences keep their paper keys whatever the style."""
    from agent.tasks import TaskRequest, run_task, task_named

    if task_named(task).name in ("report", "ask"):
        raise UsageError(f"write() does not do {task!r}", f"call {task}() instead")
    request = TaskRequest(words=words, topic=topic, cite=_cite_style(cite))
    with _job(profile, settings, session, show_unsupported, progress) as j:
        return run_task(task, j, request)  # type: ignore[return-value]


def ask(profile: Profile, question: str, *, show_unsupported: bool = False,
        settings: Settings | None = None, session: Session | None = None,
        progress: Say = _quiet) -> Composition:
    """An answer to a question about the research: questions of fact from the fact sheet
    (no model call), others from the papers that match, or a statement that the record
    does not answer it."""
    from agent.tasks import TaskRequest, run_task

    with _job(profile, settings, session, show_unsupported, progress) as j:
        return run_task("ask", j, TaskRequest(question=question))


def ask_many(profile: Profile, questions: Sequence[str], *, show_unsupported: bool = False,
             settings: Settings | None = None, session: Session | None = None,
             progress: Say = _quiet) -> list[Composition]:
    """Answers to questions in turn, on one job: a question that refers to "those" papers
    means the papers the previous answer was about."""
    from agent.pipeline import ask as answer

    answers: list[Composition] = []
    previous: list[str] | None = None
    with _job(profile, settings, session, show_unsupported, progress) as j:
        for question in questions:
            composition = answer(j, question, previous)
            answers.append(composition)
            if composition.answer_keys:
                previous = composition.answer_keys
        j.finish()
    return answers


def digests(profile: Profile, *, settings: Settings | None = None,
            session: Session | None = None, progress: Say = _quiet
            ) -> tuple[list[PaperDigest], Tally]:
    """Every paper summarised (contribution, method, key result, keywords; one cached call
    per paper), in the profile's order, each field verified against its paper; the tally
    counts the fields kept, replaced by the abstract's words, or removed."""
    from agent import pipeline

    with _job(profile, settings, session, False, progress) as j:
        j.ensure_digests(p.key for p in profile.papers)
        checked, counts = pipeline.verified_digests(j)
        j.finish()
    by_key = {d.key: d for d in checked}
    return [by_key[p.key] for p in profile.papers], counts


def verify(profile: Profile, text: str, *, facts: FactSheet | None = None,
           source: str | None = None, label: str | None = None,
           session: Session | None = None) -> TextCheck:
    """Every sentence of a text checked against the record: its citations exist and
    support it; an uncited sentence is matched to the papers that would. No model, unless
    a session is given whose settings call for a judge (--judge): then a sentence whose
    support the rules leave uncertain is judged by it, and the verdict is in the result."""
    from agent.judge import JudgingVerifier, make_judge
    from agent.verify import Verifier, verify_text

    verifier = Verifier(profile, facts or analyze(profile))
    judge = make_judge(session) if session is not None else None
    checker = (JudgingVerifier(verifier, judge, {p.key: p for p in profile.papers})
               if judge is not None else verifier)
    return verify_text(checker, text, profile=label or profile.source, source=source)


def markdown(result: Report | Composition, *, cite: CiteStyle | str | None = None) -> str:
    """A report or a task's result as Markdown, ending with its faithfulness line; a grant
    or intro paragraph cites in the style it was written with, or in `cite`."""
    from agent.render import composition_markdown, faithfulness_line, report_markdown

    if isinstance(result, Report):
        return report_markdown(result)
    text = composition_markdown(result, cite_style=_cite_style(cite))
    return f"{text}\n\n{faithfulness_line(result.tally)}\n"


def _cite_style(value: CiteStyle | str | None) -> CiteStyle | None:
    """A citation style by name, or a usage error naming the styles there are."""
    if value is None or isinstance(value, CiteStyle):
        return value
    try:
        return CiteStyle(value)
    except ValueError:
        raise UsageError(f"no citation style {value!r}",
                         f"choose one of {', '.join(s.value for s in CiteStyle)}") from None
