"""Prompt templates: one file per task in prompts/, each with a name and a version.

A template file looks like this:

    name: digest
    version: 3
    description: One paper, summarised as structured fields.
    --- system ---
    You summarise research papers ...
    --- user ---
    Title: {{title}}

Variables are written {{name}}. Rendering is one pass, so a value that itself
contains "{{...}}" (an abstract, say) is inserted as data, never expanded. The
loader refuses a variable the template needs but was not given, and one given
that the template does not use: both are bugs in the caller. The hash of the
file's bytes goes into the cache key, so an edited template is never answered
from the cache of its previous wording, even if someone forgets the version.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from agent.errors import PromptError
from agent.resources import PROMPTS_DIR
SUFFIX = ".prompt"
_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
_SECTION = re.compile(r"^---\s*(system|user|assistant)\s*---\s*$", re.M)


class ChatMessage(BaseModel):
    """One message of a chat request."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: str
    content: str


class PromptTemplate(BaseModel):
    """A parsed template file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    description: str = ""
    template_hash: str
    sections: tuple[tuple[str, str], ...]

    @property
    def variables(self) -> frozenset[str]:
        """The names the template uses."""
        return frozenset(v for _, text in self.sections for v in _VARIABLE.findall(text))

    def render(self, **values: object) -> RenderedPrompt:
        """Fill the variables; refuses missing and unknown ones."""
        missing = self.variables - values.keys()
        unknown = values.keys() - self.variables
        if missing or unknown:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(sorted(missing))}")
            if unknown:
                parts.append(f"unknown {', '.join(sorted(unknown))}")
            raise PromptError(f"prompt {self.name!r} v{self.version}: {'; '.join(parts)}")
        messages = tuple(
            ChatMessage(role=role, content=_VARIABLE.sub(lambda m: str(values[m.group(1)]), text))
            for role, text in self.sections
        )
        return RenderedPrompt(
            name=self.name, version=self.version, template_hash=self.template_hash,
            messages=messages,
        )


class RenderedPrompt(BaseModel):
    """Messages ready to send, with the identity of the template that made them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int
    template_hash: str
    messages: tuple[ChatMessage, ...]


def parse_template(text: str, source: str) -> PromptTemplate:
    """Parse the text of a template file."""
    first = _SECTION.search(text)
    if first is None:
        raise PromptError(f"{source}: no '--- system ---' or '--- user ---' section")
    header: dict[str, str] = {}
    for line in text[: first.start()].splitlines():
        if line.strip():
            key, sep, value = line.partition(":")
            if not sep:
                raise PromptError(f"{source}: header line {line!r} is not 'key: value'")
            header[key.strip()] = value.strip()
    markers = list(_SECTION.finditer(text))
    sections = tuple(
        (m.group(1), text[m.end(): nxt.start() if nxt else len(text)].strip("\n"))
        for m, nxt in zip(markers, markers[1:] + [None])
    )
    try:
        version = int(header["version"])
        name = header["name"]
    except (KeyError, ValueError):
        raise PromptError(f"{source}: the header needs 'name:' and an integer 'version:'") from None
    return PromptTemplate(
        name=name, version=version, description=header.get("description", ""),
        template_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], sections=sections,
    )


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> PromptTemplate:
    """The template prompts/<name>.prompt; its header must carry the same name."""
    path = directory / f"{name}{SUFFIX}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"no prompt template {path}") from None
    template = parse_template(text, str(path))
    if template.name != name:
        raise PromptError(f"{path}: header says name {template.name!r}, file says {name!r}")
    return template


def list_prompts(directory: Path = PROMPTS_DIR) -> list[PromptTemplate]:
    """Every template in the directory, by name."""
    return [load_prompt(p.stem, directory) for p in sorted(directory.glob(f"*{SUFFIX}"))]
