"""The steps of the job: each a function of its inputs plus the model gateway."""

from __future__ import annotations

import threading
from collections.abc import Callable

from agent.llm.base import SamplingParams
from agent.llm.gateway import LLM
from agent.models import DigestAnswer, Paper, PaperDigest, Profile
from agent.prompts import load_prompt

DIGEST_PARAMS = SamplingParams(temperature=0.0, max_tokens=400)

Progress = Callable[[str], None]


def digest_paper(llm: LLM, paper: Paper) -> PaperDigest:
    """One cached, structured call per paper; the abstract goes in as data."""
    prompt = load_prompt("digest").render(
        title=paper.title, year=paper.year or "unknown", abstract=paper.abstract or "(none)")
    answer = llm.structured(f"digest {paper.key}", prompt, DigestAnswer, DIGEST_PARAMS)
    return PaperDigest(key=paper.key, **answer.model_dump())


def digest_papers(llm: LLM, profile: Profile, progress: Progress | None = None) -> list[PaperDigest]:
    """Digests of every paper, concurrently, in the profile's order."""
    total = len(profile.papers)
    done = 0
    lock = threading.Lock()

    def one(paper: Paper) -> PaperDigest:
        nonlocal done
        digest = digest_paper(llm, paper)
        with lock:
            done += 1
            count = done
        if progress:
            progress(f"digest {count}/{total} {paper.key}")
        return digest

    return llm.map(one, profile.papers)
