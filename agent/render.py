"""Rendering records for people: tables for the terminal, Markdown for written outputs."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich import box
from rich.table import Table

from agent.batch_records import BatchSummary, RunStatus
from agent.modes import NO_MODEL, CiteStyle
from agent.names import author_line, family_name
from agent.models import (Composition, Profile, Reference, Report, Sentence, SentenceStatus, Tally,
                          TextCheck)


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
        authors = author_line(paper.authors, paper.authors_truncated)
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



# --- Markdown for written outputs ---------------------------------------------


def cite(keys: Sequence[str]) -> str:
    """Citation markers, one per key: "[a] [b]" links to the references in Markdown."""
    return " ".join(f"[{k}]" for k in keys)


class Citations:
    """How a composition's sentences cite, in one style: by key ("[chi2020infoxlm]"), by
    author and year ("(Chi et al., 2020a)"), or by number in order of first citation
    ("[1]"), with the reference list the last two need. Sentences keep their keys; only
    what the reader sees changes."""

    def __init__(self, style: CiteStyle, references: Sequence[Reference],
                 cited: Sequence[str]) -> None:
        self.style = style
        known = {r.key: r for r in references}
        # Numbers go by first citation; a key with no reference keeps its bracket.
        self.cited = [known[k] for k in dict.fromkeys(cited) if k in known]
        self.labels: dict[str, str] = {}
        if style is CiteStyle.NUMBERED:
            self.labels = {r.key: str(i) for i, r in enumerate(self.cited, 1)}
        elif style is CiteStyle.AUTHOR_YEAR:
            # 2020a before 2020b in the references' own (date) order, not citation order.
            self.labels = author_year_labels([r for r in references if r in self.cited])

    def marks(self, keys: Sequence[str]) -> str:
        """The in-text citation of a sentence's keys."""
        if self.style is CiteStyle.KEY or not keys:
            return cite(keys)
        labelled = [self.labels[k] for k in keys if k in self.labels]
        bare = cite([k for k in keys if k not in self.labels])
        if self.style is CiteStyle.NUMBERED:
            mark = f"[{', '.join(labelled)}]" if labelled else ""
        else:
            mark = f"({'; '.join(labelled)})" if labelled else ""
        return " ".join(m for m in (mark, bare) if m)

    def reference_list(self) -> str:
        """The cited papers as the style lists them: by number, or by author and year in
        alphabetical order; nothing for keys (the key is its own reference)."""
        if self.style is CiteStyle.KEY or not self.cited:
            return ""
        if self.style is CiteStyle.NUMBERED:
            lines = [f"[{self.labels[r.key]}] {_reference_text(r)}" for r in self.cited]
        else:
            ordered = sorted(self.cited, key=lambda r: (self.labels[r.key].casefold(), r.key))
            lines = [f"{_narrative(self.labels[r.key])}. {_reference_text(r)}" for r in ordered]
        return "References\n\n" + "\n".join(f"- {line}" for line in lines)


def author_year_labels(references: Sequence[Reference]) -> dict[str, str]:
    """"Chi, 2020", "Chi and Dong, 2020", "Chi et al., 2020" (three authors or more, or a
    list cut short); papers that would share a label get a, b, c in the order given (the
    references' date order), so each label names one paper."""
    base: dict[str, str] = {}
    for ref in references:
        names = [family_name(a) for a in ref.authors] or [ref.title.split(":")[0]]
        if len(names) == 1 and not ref.authors_truncated:
            who = names[0]
        elif len(names) == 2 and not ref.authors_truncated:
            who = f"{names[0]} and {names[1]}"
        else:
            who = f"{names[0]} et al."
        base[ref.key] = f"{who}, {ref.year if ref.year else 'n.d.'}"
    shared: dict[str, list[str]] = {}
    for key, label in base.items():
        shared.setdefault(label, []).append(key)
    labels = dict(base)
    for label, keys in shared.items():
        if len(keys) > 1:
            for i, key in enumerate(keys):
                # APA writes an undated pair "n.d.-a", "n.d.-b".
                dash = "-" if label.endswith("n.d.") else ""
                labels[key] = f"{label}{dash}{_letter(i)}"
    return labels


def _letter(index: int) -> str:
    """a, b, ..., z, then aa, ab, ...: enough for any record."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _narrative(label: str) -> str:
    """"Chi et al., 2020a" as a list entry: "Chi et al. (2020a)"."""
    who, _, year = label.rpartition(", ")
    return f"{who} ({year})"


def _reference_text(ref: Reference) -> str:
    """Authors, title, year: one entry of a reference list."""
    authors = author_line(ref.authors, ref.authors_truncated)
    stop = "" if not authors or authors.endswith(".") else "."
    title = ref.title if ref.title[-1:] in ".?!" else f"{ref.title}."
    return f'{authors}{stop} "{title}"{_venue_year(ref, italic=False)}'.strip()


def _venue_year(ref: Reference, italic: bool = True) -> str:
    """ " *Epidemics*, 2016.", " 2016.", or nothing: where and when, as the record gives them."""
    parts = [f"*{ref.venue}*" if italic else ref.venue] if ref.venue else []
    # "Physical Review B 90, 2014" holds its year already: not ", 2014" again.
    if ref.year and not (ref.venue and re.search(rf"\b{ref.year}\)?\s*$", ref.venue)):
        parts.append(str(ref.year))
    return f" {', '.join(parts)}." if parts else ""


def sentence_markdown(sentence: Sentence, citations: Citations | None = None) -> str:
    """A sentence with its citations; an unsupported one is marked with its reasons."""
    text = sentence.text.rstrip()
    markers = citations.marks(sentence.keys) if citations else cite(sentence.keys)
    if markers:
        end = text[-1] if text and text[-1] in ".!?" else ""
        text = f"{text[:-1] if end else text} {markers}{end or '.'}"
    if sentence.status is SentenceStatus.UNSUPPORTED:
        text = f"**[unsupported: {'; '.join(sentence.reasons)}]** {text}"
    return text


def composition_markdown(composition: Composition, level: int = 2,
                         cite_style: CiteStyle | None = None) -> str:
    """Sections as headed paragraphs, citing in the style asked for (else the
    composition's own, else by key), with the reference list that style needs."""
    style = cite_style or composition.cite or CiteStyle.KEY
    cited = [k for section in composition.sections for s in section.sentences for k in s.keys]
    citations = Citations(style, composition.references, cited)
    blocks = []
    for section in composition.sections:
        paragraph = " ".join(sentence_markdown(s, citations) for s in section.sentences)
        if names_sections(composition) and section.title:
            blocks.append(f"{'#' * level} {heading(section.title)}\n\n{paragraph}")
        else:
            blocks.append(paragraph)
    blocks.append(citations.reference_list())
    return "\n\n".join(b for b in blocks if b.strip())


def heading(title: str) -> str:
    """A section's title as a heading: a line of work named in running words ("patient
    outcomes") starts with a capital; a name keeps its own case ("eDNA metabarcoding",
    "t-SNE embeddings")."""
    first = title.split(" ", 1)[0]
    # "echo-subject marking" too: a hyphenated word of small letters is a running word.
    return title[:1].upper() + title[1:] \
        if first.isascii() and first.replace("-", "").isalpha() and first.islower() \
        else title  # not "μm"


def names_sections(composition: Composition) -> bool:
    """Whether sections get headings: a lone untitled paragraph needs none."""
    # A line of work or a phase is named even when it is the only one.
    return composition.task in ("topics", "trajectory") or len(composition.sections) > 1


def report_byline(report: Report) -> str:
    """The line under a report's title: count, span, source, date, model, and the promise."""
    facts = report.facts
    span = ("undated" if facts.first_year is None else str(facts.first_year)
            if facts.first_year == facts.last_year else f"{facts.first_year}–{facts.last_year}")
    count = "1 paper" if facts.paper_count == 1 else f"{facts.paper_count} papers"
    writer = ("Written from the plan, no model" if report.model == NO_MODEL
              else f"Written by {report.model}")
    return (f"{count}, {span}. Source: {report.source or 'unknown'}, as of {report.as_of}. "
            f"{writer}; every sentence cites the papers it rests on and was "
            f"checked against them.")


def faithfulness_line(tally: Tally) -> str:
    """The line every output ends with."""
    return f"Faithfulness: {tally.line()}."


def references_markdown(refs: Sequence[Reference]) -> str:
    """A numbered-by-key references list; each key is also a Markdown link target."""
    lines = []
    for ref in refs:
        authors = author_line(ref.authors, ref.authors_truncated)
        extra = " Code available." if ref.has_code else ""
        link = f" {ref.urls[0]}" if ref.urls else ""
        stop = "" if authors.endswith(".") else "."  # "et al." ends a sentence already
        lines.append(f'- <a id="ref-{ref.key}"></a>**[{ref.key}]** {authors}{stop} '
                     f'"{ref.title}".{_venue_year(ref)}{extra}{link}')
    targets = [f"[{r.key}]: #ref-{r.key}" for r in refs]
    return "\n".join(lines) + ("\n\n" + "\n".join(targets) if targets else "")


def report_markdown(report: Report) -> str:
    """The whole report: bio, trajectory, topics, digest table, references, faithfulness."""
    head = f"# {report.owner}: research report\n\n_{report_byline(report)}_"
    # A column no paper fills is left out, as the HTML page does (without a model, or with
    # the embedded one, the table has no methods: pipeline.extracted_digest says why).
    columns = [("Contribution", "contribution"),
               *[(name, field) for name, field in (("Method", "method"),
                                                  ("Key result", "key_result"))
                 if any(getattr(d, field) for d in report.digests)]]
    table = ["| " + " | ".join(["Paper", "Year", *(name for name, _ in columns)]) + " |",
             "|" + "---|" * (2 + len(columns))]
    papers = {r.key: r for r in report.references}
    for d in report.digests:
        ref = papers[d.key]
        cells = [f"[{d.key}] {_cell(ref.title)}", str(ref.year or ""),
                 *(_cell(getattr(d, field)) for _, field in columns)]
        table.append("| " + " | ".join(cells) + " |")
    parts = [
        head,
        "## Bio\n\n" + composition_markdown(report.bio),
        "## Research trajectory\n\n" + composition_markdown(report.trajectory, level=3),
        "## Lines of work\n\n" + composition_markdown(report.topics, level=3),
        "## Papers\n\n" + "\n".join(table),
        "## References\n\n" + references_markdown(report.references),
        faithfulness_line(report.tally),
    ]
    return "\n\n".join(parts) + "\n"


def _cell(text: str) -> str:
    """Table cells cannot hold pipes or line breaks."""
    return " ".join(text.replace("|", "\\|").split())


# --- batch --------------------------------------------------------------------


def batch_table(summary: BatchSummary) -> Table:
    """One row per input file: what it cost and how faithful its report is. A failed
    row's reason is in batch_errors, below the table, where it has the width it needs."""
    # Light rules and no side borders: the faithfulness line needs the width.

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    table.add_column("profile", overflow="ellipsis", max_width=24)
    table.add_column("status", no_wrap=True)
    for name in ("papers", "calls", "hits", "tokens"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("faithfulness", overflow="fold")
    for run in summary.runs:
        approx = "~" if run.tokens_estimated else ""
        tokens = run.prompt_tokens + run.completion_tokens
        if run.status is RunStatus.FAILED:
            faith = "see below"
        elif run.status is RunStatus.DUPLICATE:
            faith = f"same record as {run.duplicate_of}"
        elif run.status is RunStatus.PENDING:
            faith = "not run"
        else:
            faith = run.tally.line() if run.tally else ""
        table.add_row(run.file, run.status.value, str(run.papers) if run.owner else "",
                      str(run.calls), str(run.cache_hits), f"{approx}{tokens:,}", faith)
    return table


def batch_errors(summary: BatchSummary) -> list[str]:
    """The reason each failed file failed, a line each."""
    return [f"{run.file}: {run.error}" for run in summary.failed]


# --- verify ---------------------------------------------------------------------------


def verdict_lines(result: TextCheck) -> list[str]:
    """What `verify` prints: each sentence with its verdict and reasons, then the count."""
    lines = []
    for verdict in result.sentences:
        keys = " ".join(f"[{k}]" for k in verdict.keys)
        if verdict.supported and verdict.attributed:
            label = "supported, uncited; attributed to " + ", ".join(
                f"[{k}]" for k in verdict.attributed)
        else:
            label = "supported" if verdict.supported else "UNSUPPORTED"
        lines.append(f"{label}: {verdict.text}{' ' + keys if keys else ''}")
        lines.extend(f"    - {reason}" for reason in verdict.reasons)
        if (judge := verdict.judge) is not None:
            if not judge.valid:
                lines.append(f"    judged by {judge.model}: no usable verdict (malformed, or "
                             "quoting no span of the evidence); the rules' verdict stands")
            else:
                said = "supported" if judge.supported else "not supported"
                lines.append(f'    judged by {judge.model}: {said}, quoting "{judge.span}"')
    lines.append(result.line())
    return lines


# --- answers -----------------------------------------------------------------------------


def answers_text(answers: Sequence[tuple[str, Composition]], profile: Profile,
                 markdown: bool = False, show_questions: bool = False) -> str:
    """Answers to paste: each answer's paragraph with its citation keys, then the papers it
    cites, then the faithfulness line. Plain text unless markdown; with show_questions each
    answer follows its question (several questions from a file)."""
    from agent.pipeline import references

    refs = {r.key: r for r in references(profile)}
    blocks = []
    total = Tally()
    for question, answer in answers:
        total = total.add(answer.tally)
        paragraph = " ".join(sentence_markdown(s) for sec in answer.sections
                             for s in sec.sentences)
        cited = [refs[k] for k in dict.fromkeys(k for sec in answer.sections
                                                for s in sec.sentences for k in s.keys)
                 if k in refs]
        if markdown:
            head = f"### {question}\n\n" if show_questions else ""
            sources = f"\n\n**Sources**\n\n{references_markdown(cited)}" if cited else ""
        else:
            head = f"Q: {question}\n" if show_questions else ""
            sources = "\n\nSources:\n" + "\n".join(_plain_reference(r) for r in cited) \
                if cited else ""
        blocks.append(f"{head}{paragraph}{sources}")
    return "\n\n".join(blocks) + f"\n\n{faithfulness_line(total)}\n"


def _plain_reference(ref: Reference) -> str:
    authors = author_line(ref.authors, ref.authors_truncated)
    stop = "" if authors.endswith(".") else "."
    return f"  [{ref.key}] {authors}{stop} \"{ref.title}\".{_venue_year(ref, italic=False)}"
