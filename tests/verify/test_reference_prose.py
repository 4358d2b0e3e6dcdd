"""Issue 15, "Must show": hand-written true prose about the example profile passes verify.

../shared/examples/reference-prose.md (beside the repository) is prose in the register the
writer aims for: papers grouped in one sentence, counts with sub-counts, a role said once,
"these three years" under a heading that names them. Every sentence of its ## Bio and
## Trajectory sections is true of examples/zewen-chi.txt, so every one must pass.
"""

from __future__ import annotations

import re

import pytest

from agent import api
from agent.models import Profile
from tests.conftest import REPO

REFERENCE = REPO.parent / "shared" / "examples" / "reference-prose.md"
SECTIONS = ("Bio", "Trajectory")
# The notes for readers at the end of a section are about the prose, not the record.
_NOTES = re.compile(r"^What to notice\b", re.M)


def reference_prose() -> str:
    """The ## Bio and ## Trajectory sections, headings kept, without the readers' notes."""
    if not REFERENCE.exists():
        pytest.skip(f"{REFERENCE} is absent: the reference prose lives in the shared folder "
                    "beside the repository")
    text = REFERENCE.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [part for part in parts
            if any(part.startswith(f"## {name}") for name in SECTIONS)]
    assert len(kept) == len(SECTIONS), f"{REFERENCE} lacks a section of {SECTIONS}"
    return "\n".join(_NOTES.split(part)[0] for part in kept)


def test_every_sentence_of_the_reference_prose_passes(profile: Profile) -> None:
    # `profile` is examples/zewen-chi.txt as of its capture date, 2026-11-28 (conftest).
    result = api.verify(profile, reference_prose(), source=str(REFERENCE))
    assert len(result.sentences) == 10, [s.text for s in result.sentences]
    failed = [(s.text, s.reasons) for s in result.sentences if not s.supported]
    assert failed == []

