"""The writing tasks by name: the one registry the CLI, `batch`, the evals and the
library API dispatch through, so a task is added or changed in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import Field

from agent import pipeline
from agent.errors import UsageError
from agent.models import Composition, Record, Report
from agent.pipeline import Job
from agent.plan import BIO_WORDS


class TaskRequest(Record):
    """What a task is asked, besides the profile: the bio's length, the question, the topic."""

    words: int = Field(150, description="Length of the bio: 50, 150 or 300 words.")
    question: str | None = Field(None, description="The question `ask` answers.")
    topic: str | None = Field(None, description="What a grant or intro paragraph is about.")


@dataclass(frozen=True)
class Task:
    """One writing task: its name, what it writes, what it needs, and how it runs."""

    name: str
    summary: str
    run: Callable[[Job, TaskRequest], Composition | Report]
    needs: str | None = None  # "question" or "topic": the request field it cannot do without


def _needed(request: TaskRequest, field: str, task: str) -> str:
    value = getattr(request, field)
    if not value or not value.strip():
        raise UsageError(f"{task} needs a {field}", f"give the {field} to write about")
    return value


TASKS: dict[str, Task] = {task.name: task for task in (
    Task("report", "The full report: bio, trajectory, lines of work, paper digests and "
         "references.", lambda job, r: pipeline.report(job, bio_words=r.words)),
    Task("bio", "A third-person bio of 50, 150 or 300 words.",
         lambda job, r: pipeline.write_bio(job, r.words)),
    Task("trajectory", "How the work moved from phase to phase, with years.",
         lambda job, r: pipeline.write_trajectory(job)),
    Task("topics", "The main lines of work: a name and a paragraph each, citing their papers.",
         lambda job, r: pipeline.write_topics(job)),
    Task("ask", "An answer to a question about the research, citing papers.",
         lambda job, r: pipeline.ask(job, _needed(r, "question", "ask")), needs="question"),
    Task("grant", 'A grant "prior work" paragraph on the papers relevant to a topic.',
         lambda job, r: pipeline.write_about(job, "grant", _needed(r, "topic", "grant")),
         needs="topic"),
    Task("intro", "A paper-introduction paragraph on a topic, citing the relevant papers.",
         lambda job, r: pipeline.write_about(job, "intro", _needed(r, "topic", "intro")),
         needs="topic"),
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
