"""Section headings: a line of work named in running words starts with a capital, in
Markdown and in HTML; a name keeps its own case."""

from __future__ import annotations

import pytest

from agent.render import heading


@pytest.mark.parametrize(("title", "shown"), [
    ("patient outcomes", "Patient outcomes"),
    ("older adults receiving home nursing", "Older adults receiving home nursing"),
    ("Nordic Skin Status Checklist", "Nordic Skin Status Checklist"),
    ("eDNA metabarcoding", "eDNA metabarcoding"),
    ("t-SNE embeddings", "t-SNE embeddings"),
    ("echo-subject marking", "Echo-subject marking"),  # a hyphenated running word
    ("x-ray diffraction", "X-ray diffraction"),
    ("2013–2017", "2013–2017"),
    ("μm transmission spectra", "μm transmission spectra"),  # no Greek capital
])
def test_a_heading_starts_with_a_capital_unless_a_name_starts_it(title: str, shown: str) -> None:
    assert heading(title) == shown
