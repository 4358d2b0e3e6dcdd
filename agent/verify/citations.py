"""Citations: keys that name no paper of the profile, a sentence that states a fact but
cites nothing, and a sentence the papers it does not cite support (misattribution)."""

from __future__ import annotations

from collections.abc import Sequence

from agent.verify.reasons import Reason, cite


def unknown(keys: Sequence[str]) -> list[Reason]:
    """A cited key that names no paper of the profile."""
    return [Reason("unknown_citation", f"unknown citation [{k}]", (k,)) for k in keys]


def uncited(best: Sequence[str]) -> list[Reason]:
    """A sentence that states a fact but cites no paper; the papers that best support it."""
    hint = f" (best support: {cite(best)})" if best else ""
    return [Reason("uncited", f"states a fact but cites no paper{hint}", tuple(best))]


def misattributed(elsewhere: Sequence[str]) -> list[Reason]:
    """Papers that support the sentence but are not the ones it cites."""
    if not elsewhere:
        return []
    verb = "is" if len(elsewhere) == 1 else "are"
    return [Reason("misattribution", f"supported by {cite(elsewhere)} which {verb} not cited "
                                     f"(misattribution)", tuple(elsewhere))]
