"""Scripted model behaviour for the pipeline's prompts, read off the requests themselves.

Why: the pipeline's calls depend on the profile (which papers, which claims),
so fixed reply lists would be brittle. These responders answer each prompt the
way a model might: faithfully, or with the mistakes the verifier must catch.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from agent.testing.openai_server import Reply

_CLAIM = re.compile(r"^(\d+)\. (.*) \(papers ([\d, ]+|none)\)$", re.M)


def step(body: dict) -> str:
    """Which template a request came from, by the words its system prompt starts with."""
    system = body["messages"][0]["content"]
    for name, opening in (("digest", "You summarise research papers"),
                          ("repair", "You correct single sentences"),
                          ("bio", "You write short, factual third-person bios"),
                          ("trajectory", "You explain how a researcher's work evolved"),
                          ("topic", "You write narrative paragraphs"),
                          ("grant", 'You write the "prior work" paragraph'),
                          ("intro", "You write introduction paragraphs"),
                          ("answer", "You answer questions"),
                          ("rewrite", "Rewrite the user's sentence"),
                          ("judge", "You check claims against evidence"),
                          ("read question", "You classify questions"),
                          ("name line", "You name a line of a researcher's work")):
        if system.startswith(opening):
            return name
    raise AssertionError(f"unknown prompt: {system[:60]!r}")


def chat_bodies(server: object) -> list[dict]:
    """The JSON bodies of the chat requests a fake server received, in order."""
    return [r["json"] for r in server.requests  # type: ignore[attr-defined]
            if r["path"].endswith("/chat/completions")]


def user_text(body: dict) -> str:
    return body["messages"][1]["content"]


def claims_of(body: dict) -> list[tuple[int, str, list[int]]]:
    """The numbered claims of a writing prompt, with their paper numbers."""
    out = []
    for number, text, papers in _CLAIM.findall(user_text(body)):
        nums = [] if papers == "none" else [int(p) for p in papers.split(",")]
        out.append((int(number), text, nums))
    return out


def digest_answer(body: dict) -> str:
    """A faithful digest: the abstract's first sentence as the contribution."""
    text = user_text(body)
    title = text.split("Title: ", 1)[1].split("\n", 1)[0]
    abstract = text.split("Abstract: ", 1)[1].rsplit("</paper>", 1)[0].strip()
    first = abstract.split(". ")[0].rstrip(".")[:300] + "." if abstract != "(none)" else title
    return json.dumps({"contribution": first, "method": "", "key_result": "",
                       "keywords": title.split()[:3]})


def echo_section(body: dict, title: str = "") -> str:
    """Every claim said back as written, citing the claim's papers."""
    sentences = [{"text": text, "claims": [n], "papers": papers}
                 for n, text, papers in claims_of(body)]
    return json.dumps({"title": title, "sentences": sentences})


def repair_answer(body: dict) -> str:
    """A repair that says the claim it was given, citing the claim's papers."""
    line = user_text(body).split("The claim it was meant to express:\n", 1)[1].split("\n", 1)[0]
    match = re.match(r"^(.*) \(papers ([\d, ]+|none)\)$", line)
    if not match:
        return json.dumps({"text": "", "claims": [], "papers": []})
    papers = [] if match[2] == "none" else [int(p) for p in match[2].split(",")]
    return json.dumps({"text": match[1], "claims": [], "papers": papers})


def evidence_of(body: dict) -> list[str]:
    """The numbered evidence sentences of a judge prompt, without their numbers."""
    block = user_text(body).split("Evidence:\n", 1)[1].split("\n\nClaim: ", 1)[0]
    return [re.sub(r"^\[\d+\] ", "", line) for line in block.splitlines() if line.strip()]


def judge_answer(body: dict) -> str:
    """A judge that finds every claim supported, quoting the first evidence sentence."""
    return json.dumps({"supported": True, "span": evidence_of(body)[0]})


Section = Callable[[dict], str]


def open_reading(body: dict) -> str:
    """The reading of a question that changes nothing: open, no subject."""
    return json.dumps({"kind": "open", "subject": "", "first_year": None, "last_year": None})


def no_name(body: dict) -> str:
    """A line's name that no rule keeps (one word), so a line keeps its phrase."""
    return json.dumps({"name": "research"})


def writer(section: Section = echo_section, repair: Callable[[dict], str] = repair_answer,
           digest: Callable[[dict], str] = digest_answer,
           judge: Callable[[dict], str] = judge_answer,
           read: Callable[[dict], str] = open_reading,
           name: Callable[[dict], str] = no_name) -> Callable[[dict], Reply]:
    """A responder for the fake server that routes each request by its prompt."""
    def respond(body: dict) -> Reply:
        kind = step(body)
        if kind == "read question":
            content = read(body)
        elif kind == "name line":
            content = name(body)
        elif kind == "digest":
            content = digest(body)
        elif kind == "judge":
            content = judge(body)
        elif kind == "rewrite":
            content = user_text(body).strip().splitlines()[-1]  # the claim, said back
        elif kind == "repair":
            content = repair(body)
        else:
            content = section(body)
        return Reply(content=content, prompt_tokens=100, completion_tokens=20)
    return respond
