"""The writing tasks by name: the one registry the CLI, `batch`, the evals and the
library API dispatch through, so a task is added or changed in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import Field

from agent import pipeline
from agent.errors import UsageError
from agent.models import Composition, Record, Report
from agent.modes import CiteStyle
from agent.pipeline import Job
from agent.plan import BIO_WORDS


class TaskRequest(Record):
    """What a task is asked, besides the profile: the bio's length, the question, the topic."""

    words: int = Field(150, description="Length of the bio: 50, 150 or 300 words.")
    question: str | None = Field(None, description="The question `ask` answers.")
    topic: str | None = Field(None, description="What a grant or intro paragraph is about.")
    cite: CiteStyle | None = Field(None, description="How a grant or intro paragraph cites "
                                   "when rendered; None: the task's own (CITE_DEFAULTS).")


@dataclass(frozen=True)
class Task:
    """One writing task: its name and how it runs (a task that needs a question or a
    topic says so when run without one)."""

    name: str
    run: Callable[[Job, TaskRequest], Composition | Report]


def _needed(request: TaskRequest, field: str, task: str) -> str:
    value = getattr(request, field)
    if not value or not value.strip():
        raise UsageError(f"{task} needs a {field}", f"give the {field} to write about")
    return value


# A grant proposal cites by key, as every other output does; a paper's introduction in
# the field's author-year style. --cite chooses another.
CITE_DEFAULTS = {"grant": CiteStyle.KEY, "intro": CiteStyle.AUTHOR_YEAR}

TASKS: dict[str, Task] = {task.name: task for task in (
    Task("report", lambda job, r: pipeline.report(job, bio_words=r.words)),
    Task("bio", lambda job, r: pipeline.write_bio(job, r.words)),
    Task("trajectory", lambda job, r: pipeline.write_trajectory(job)),
    Task("topics", lambda job, r: pipeline.write_topics(job)),
    Task("ask", lambda job, r: pipeline.ask(job, _needed(r, "question", "ask"))),
    Task("grant", lambda job, r: pipeline.write_about(
        job, "grant", _needed(r, "topic", "grant"), r.cite or CITE_DEFAULTS["grant"])),
    Task("intro", lambda job, r: pipeline.write_about(
        job, "intro", _needed(r, "topic", "intro"), r.cite or CITE_DEFAULTS["intro"])),
)}


def task_named(name: str) -> Task:
    """The task of that name, or a usage error listing the tasks there are."""
    try:
        return TASKS[name]
    except KeyError:
        raise UsageError(f"no task {name!r}", f"choose one of {', '.join(TASKS)}") from None


def check_words(words: int) -> None:
    """A bio length the planner offers, or a usage error naming them."""
    if words not in BIO_WORDS:
        raise UsageError(f"--words {words} is not offered",
                         f"choose one of {', '.join(map(str, BIO_WORDS))}")


def run_task(name: str, job: Job, request: TaskRequest | None = None) -> Composition | Report:
    """Run one writing task on a job."""
    request = request or TaskRequest()
    if name in ("bio", "report"):
        check_words(request.words)
    try:
        return task_named(name).run(job, request)
    finally:
        job.finish()
