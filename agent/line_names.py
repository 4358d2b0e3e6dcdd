"""Names for lines of work proposed by an endpoint's model, kept only when they hold.

agent/topics.py names each line by a phrase two of its papers use (class-based TF-IDF over
noun-phrase endings); no model is involved, and on a small or mixed line the best shared
phrase can be thin ("tokens", "named entity"). Where an endpoint is configured, its model
is shown the line's titles and asked for a name of 2 to 6 words. The name is kept only if:
- every content word of it is used by at least two of the line's papers (title or abstract;
  the verifier's stems), as the phrase names must be;
- no other line already has it;
- the verifier passes "These papers are on <name>." citing the papers that use it.
Otherwise the line keeps its phrase. The embedded 135M model is never asked: it does not
name well (measured in the prose eval: it paraphrases and invents).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from pydantic import BaseModel, Field

from agent.errors import StructuredOutputError
from agent.llm.base import SamplingParams
from agent.models import FactSheet, Paper, Profile, Topic
from agent.prompts import load_prompt
from agent.verify.lexicon import _is_content, stem

log = logging.getLogger(__name__)

NAME_PARAMS = SamplingParams(temperature=0.0, max_tokens=40)
# Titles shown per line: enough to name it, few enough to keep the prompt short.
MAX_TITLES = 12
# Papers a name's sentence cites, as the realizer cites at most.
MAX_CITED = 4


class LineName(BaseModel):
    """A model's name for a line of work (the schema of the name_line call)."""

    name: str = Field(max_length=80)


def name_lines(llm: object, profile: Profile, facts: FactSheet,
               check: Callable[[str, list[str]], bool]) -> FactSheet:
    """The fact sheet with each line that the model names well renamed (marked
    named_by=the model); the others as they were. One cached call per line, all asked at
    once (llm.map): one after another, six lines put six model latencies before a report's
    first digest. The names are then kept in order, each against those kept before it."""
    papers = {p.key: p for p in profile.papers}
    taken = {t.label.lower() for t in facts.topics if t.named}
    asked = [t for t in facts.topics if not t.other and len(t.paper_keys) >= 2]
    proposals = dict(zip(map(id, asked), llm.map(  # type: ignore[attr-defined]
        lambda t: _propose(llm, facts.owner, [papers[k] for k in t.paper_keys]), asked)))
    topics = []
    for topic in facts.topics:
        if topic.other or len(topic.paper_keys) < 2:
            topics.append(topic)
            continue
        proposed = proposals[id(topic)]
        kept = _kept(proposed, topic, papers, taken - {topic.label.lower()}, check)
        if kept is None:
            topics.append(topic)
            continue
        taken.add(kept.lower())
        topics.append(topic.model_copy(update={"label": kept, "named": True,
                                               "named_by": getattr(llm.backend, "model", "")}))
    return facts.model_copy(update={"topics": topics})


def _propose(llm: object, owner: str, papers: Sequence[Paper]) -> str | None:
    titles = "\n".join(f"- {p.title}" for p in papers[:MAX_TITLES])
    prompt = load_prompt("name_line").render(owner=owner, titles=titles)
    try:
        answer = llm.structured("name line", prompt, LineName, NAME_PARAMS)  # type: ignore[attr-defined]
    except StructuredOutputError as exc:
        log.warning("the model's name for a line of work was not usable: %s", exc)
        return None
    return " ".join(answer.name.split()).strip(" .\"'\u201c\u201d")


def _kept(name: str | None, topic: Topic, papers: dict[str, Paper], taken: set[str],
          check: Callable[[str, list[str]], bool]) -> str | None:
    """The name when every rule of the module holds, else None."""
    if not name or not 1 < len(name.split()) <= 6 or name.lower() in taken:
        return None
    words = [w for w in re.findall(r"[\w-]+", name) if _is_content(w.lower())]
    if not words:
        return None
    users: dict[str, set[str]] = {}
    for key in topic.paper_keys:
        paper = papers[key]
        stems = {stem(w) for w in re.findall(r"[\w-]+", f"{paper.title} {paper.abstract}")}
        for word in words:
            if stem(word) in stems or all(stem(p) in stems for p in word.split("-") if p):
                users.setdefault(word, set()).add(key)
    if any(len(users.get(w, ())) < 2 for w in words):
        return None
    cited = [k for k in topic.paper_keys if any(k in users[w] for w in words)][:MAX_CITED]
    if not check(f"These papers are on {name}.", cited):
        return None
    return name
