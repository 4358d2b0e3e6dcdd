"""Rendering records for people: tables for the terminal, JSON for machines."""

from __future__ import annotations

from rich.table import Table

from agent.models import Profile


def profile_summary(profile: Profile) -> str:
    """One line naming the researcher and the metrics the page states."""
    parts = [profile.name]
    if profile.primary_category:
        parts.append(profile.primary_category)
    if profile.h_index is not None:
        parts.append(f"h-index {profile.h_index}")
    if profile.citations is not None:
        parts.append(f"{profile.citations:,} citations")
    if profile.novelty_pct is not None:
        parts.append(f"novelty {profile.novelty_pct}%")
    if profile.ai_score_pct is not None:
        parts.append(f"AI score {profile.ai_score_pct}")
    count = f"{len(profile.papers)} papers parsed"
    if profile.claimed_paper_count is not None:
        count += f" (page says {profile.claimed_paper_count})"
    parts.append(count)
    return " · ".join(parts)


def papers_table(profile: Profile) -> Table:
    """The papers, newest first, one row each."""
    table = Table(expand=False)
    table.add_column("key", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("cat", no_wrap=True)
    table.add_column("code", no_wrap=True)
    table.add_column("owner", no_wrap=True)
    table.add_column("authors", overflow="ellipsis", max_width=32, no_wrap=True)
    table.add_column("title", overflow="fold", ratio=1)
    ordered = sorted(profile.papers, key=lambda p: (p.date is None, p.date), reverse=True)
    for paper in ordered:
        date = paper.date.isoformat() if paper.date else "?"
        if paper.year_inferred:
            date += "*"
        authors = ", ".join(paper.authors) + (" et al." if paper.authors_truncated else "")
        table.add_row(
            paper.key, date, paper.category or "", "yes" if paper.has_code else "",
            paper.owner_position.value, authors, paper.title,
        )
    return table


def inferred_year_note(profile: Profile) -> str | None:
    """The footnote that explains a starred date, when any paper has one."""
    if any(p.year_inferred for p in profile.papers):
        return f"* year not printed on the page; taken from the capture date {profile.as_of}"
    return None

