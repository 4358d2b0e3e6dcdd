"""Parser for the profile-page text format (examples/zewen-chi.txt).

The format is the text of a researcher's profile page, copied from a browser:

    Zewen Chi                      <- owner's name
    CL                             <- primary category
    h-index41                      <- metrics glued to their labels
    8,769citations
    36 Papers                      <- the paper count the page claims

    LGNov 23, 2022Code             <- category + date (+ "Code"); year may be missing
    TorchScale: Transformers at Scale
    Shuming Ma, Hongyu Wang et al. · microsoft-research
    Abstract, possibly over several paragraphs ...

No library reads this layout, so it is parsed by hand, line by line (linear in
the input): block boundaries are the glued header lines.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from agent.models import DatePrecision, Paper, ParseIssue, Profile
from agent.names import assign_keys, owner_position
from agent.parse.base import Format, Parsed, Source, Work
from agent.parse.fields import find_urls, said_kind, title_quotes, without_labels

FORMAT_NAME = "profile-page"

_MONTHS = {m: i for i, m in enumerate(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_MONTH_RE = "|".join(_MONTHS)

# "LGNov 23, 2022Code", "SDJan 26", "CLMar 5Code", "Q-BIOApr 30, 2013". Categories are short
# upper-case codes, an arXiv archive's with its hyphen; backtracking separates "CLMar" into
# "CL" + "Mar".
PAPER_HEADER = re.compile(
    rf"^(?P<cat>(?:[A-Z]{{1,5}}-)?[A-Z]{{2,5}})(?P<mon>{_MONTH_RE}) (?P<day>\d{{1,2}})"
    rf"(?:, (?P<year>\d{{4}}))?(?P<code>Code)?$"
)
# Something that starts like a paper header but is not one: reported, never
# swallowed into the previous abstract.
_LOOSE_HEADER = re.compile(
    rf"^(?:[A-Z]{{1,5}}-)?[A-Z]{{2,5}}\s*(?:{_MONTH_RE})[a-z]*\.?\s*\d{{1,2}}\b"
    rf"(?:,?\s*\d{{2,4}})?\s*(?:Code)?\s*$"
)
_PAGE_COUNT = re.compile(r"^(?P<n>\d[\d,]*)\s+Papers?$")
_METRICS: dict[str, re.Pattern[str]] = {
    "h_index": re.compile(r"^h-index\s*(\d[\d,]*)$", re.I),
    "papers_metric": re.compile(r"^(\d[\d,]*)\s*papers?$"),
    "citations": re.compile(r"^(\d[\d,]*)\s*citations?$", re.I),
    "novelty_pct": re.compile(r"^Novelty\s*(\d+)\s*%$", re.I),
    "ai_score_pct": re.compile(r"^AI\s*Score\s*(\d+)\s*%?$", re.I),
}
# arXiv archives with a hyphen too: "Q-BIO", "ASTRO-PH", "COND-MAT".
_CATEGORY_LINE = re.compile(r"^(?:[A-Z]{1,5}-)?[A-Z]{2,5}$")
_ET_AL = re.compile(r",?\s+et\s+al\.?$")
# A real author name is a few words; a "name" of many words is prose, so the
# block has no author line.
_MAX_WORDS_PER_NAME = 6


@dataclass
class _Block:
    header: re.Match[str]
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)


def looks_like_profile_page(text: str) -> bool:
    """Sniff: at least one glued paper header line, or a page count line."""
    head = text[:200_000]
    return any(
        PAPER_HEADER.match(line.strip()) or _PAGE_COUNT.match(line.strip())
        for line in head.splitlines()
    )


def parse_profile_page(text: str, as_of: dt.date, source: str | None = None) -> Profile:
    """Parse the text of a profile page into a Profile, reporting what it cannot take."""
    issues: list[ParseIssue] = []
    header_lines: list[tuple[int, str]] = []
    blocks: list[_Block] = []
    broken: list[tuple[int, str]] = []  # (line, reason) of blocks that did not parse
    current: _Block | None = None
    skipping = False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        match = PAPER_HEADER.match(line)
        if match:
            current = _Block(match, number)
            blocks.append(current)
            skipping = False
        elif _LOOSE_HEADER.match(line):
            broken.append((number, f"unreadable paper header {line!r}"))
            current, skipping = None, True
        elif skipping:
            continue
        elif current is not None:
            current.lines.append((number, line))
        else:
            header_lines.append((number, line))

    owner, fields = _parse_header(header_lines, issues)
    papers: list[Paper] = []
    for block in blocks:
        paper = _parse_block(block, owner, as_of, issues, broken)
        if paper is not None:
            papers.append(paper)

    for line, reason in broken:
        issues.append(ParseIssue(line=line, message=f"paper block skipped: {reason}"))
    claimed = fields.get("claimed_paper_count")
    if claimed is not None and claimed != len(papers):
        issues.append(ParseIssue(
            message=f"the page says {claimed} papers but {len(papers)} were parsed"
            + (f" ({len(broken)} block(s) skipped)" if broken else "")))
    issues.sort(key=lambda i: (i.line is None, i.line or 0))
    return Profile(
        name=owner, as_of=as_of, source=source, source_format=FORMAT_NAME,
        papers=assign_keys(papers), issues=issues, **fields,
    )


def _parse_header(
    lines: list[tuple[int, str]], issues: list[ParseIssue]
) -> tuple[str, dict[str, int | str]]:
    """Owner name, primary category and metrics from the lines before the first paper."""
    fields: dict[str, int | str] = {}
    owner = ""
    for number, line in lines:
        if not line:
            continue
        if not owner:
            owner = line
            continue
        if count := _PAGE_COUNT.match(line):
            fields["claimed_paper_count"] = _int(count.group("n"))
            continue
        for name, pattern in _METRICS.items():
            if metric := pattern.match(line):
                fields[name] = _int(metric.group(1))
                break
        else:
            if _CATEGORY_LINE.match(line) and "primary_category" not in fields:
                fields["primary_category"] = line
            else:
                issues.append(ParseIssue(line=number, message=f"unrecognised header line {line!r}"))
    # "36papers" is the metric; "36 Papers" heads the list. Either states the count.
    papers_metric = fields.pop("papers_metric", None)
    if "claimed_paper_count" not in fields and papers_metric is not None:
        fields["claimed_paper_count"] = papers_metric
    if not owner:
        issues.append(ParseIssue(line=1, message="no researcher name before the first paper"))
        owner = "Unknown researcher"
    return owner, fields


def _parse_block(
    block: _Block, owner: str, as_of: dt.date,
    issues: list[ParseIssue], broken: list[tuple[int, str]],
) -> Paper | None:
    """One paper from its header match and the lines up to the next header."""
    groups = block.header.groupdict()
    content = [(n, s) for n, s in block.lines if s]
    if len(content) < 2:
        broken.append((block.line, "a paper needs a title line and an author line"))
        return None
    (_, title), (author_line_no, author_line) = content[0], content[1]
    authors_part, _, affiliations_part = author_line.partition(" · ")
    truncated = bool(_ET_AL.search(authors_part))
    authors = [a.strip() for a in _ET_AL.sub("", authors_part).split(",") if a.strip()]
    if not authors or any(len(a.split()) > _MAX_WORDS_PER_NAME for a in authors):
        broken.append((block.line, f"line {author_line_no} is not an author list"))
        return None
    try:
        date, inferred = _resolve_date(groups, as_of)
    except ValueError:
        broken.append((block.line, f"impossible date {block.header.group(0)!r}"))
        return None
    if date > as_of:
        issues.append(ParseIssue(
            line=block.line, message=f"dated {date.isoformat()}, after the capture date "
            f"{as_of.isoformat()} (check --as-of)"))
    # A structured abstract's headings ("Background:", "Results:") are no part of it.
    abstract = without_labels(_join_paragraphs(
        block.lines[block.lines.index((author_line_no, author_line)) + 1:]))
    return Paper(
        key="", title=title_quotes(title), date=date, date_precision=DatePrecision.DAY,
        year_inferred=inferred,
        category=groups["cat"], has_code=bool(groups["code"]), authors=authors,
        authors_truncated=truncated,
        affiliations=[a.strip() for a in affiliations_part.split(",") if a.strip()],
        abstract=abstract, urls=find_urls(abstract),
        owner_position=owner_position(authors, truncated, owner), source_line=block.line,
        kind=said_kind(abstract),
    )


def _resolve_date(groups: dict[str, str | None], as_of: dt.date) -> tuple[dt.date, bool]:
    """The header's date; without a year, the latest such date not after as_of."""
    month, day = _MONTHS[groups["mon"] or ""], int(groups["day"] or 0)
    if groups["year"]:
        return dt.date(int(groups["year"]), month, day), False
    dt.date(2000, month, day)  # raises for a day no year has (Feb 30)
    year = as_of.year
    while True:  # at most a few steps: Feb 29 needs a leap year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            year -= 1
            continue
        if candidate <= as_of:
            return candidate, True
        year -= 1


def _join_paragraphs(lines: list[tuple[int, str]]) -> str:
    """Abstract text: lines within a paragraph joined by spaces, paragraphs by a blank line."""
    paragraphs: list[list[str]] = [[]]
    for _, line in lines:
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _read(source: Source) -> Parsed:
    """The page read as before, handed on as works for owner checks and merging."""
    page = parse_profile_page(source.text, as_of=source.as_of, source=source.name)
    works = [Work(paper=p, source=source.name, label=f"line {p.source_line}")
             for p in page.papers]
    named = not any(i.message.startswith("no researcher name") for i in page.issues)
    return Parsed(format=FORMAT_NAME, works=works, issues=page.issues,
                  owner=page.name if named else None, page=page)


def _sniff(source: Source) -> bool:
    return looks_like_profile_page(source.text)


FORMAT = Format(name=FORMAT_NAME, label="a profile page", json=False, sniff=_sniff, read=_read)
