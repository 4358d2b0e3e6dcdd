"""The prose-quality eval of issue 16: does the report read like something a person wrote?

    .venv/bin/python evals/prose.py                 # --writing plan: no model, seconds
    .venv/bin/python evals/prose.py --local         # the embedded model (slow; cache below)
    .venv/bin/python evals/prose.py --base-url URL --model NAME [--api-key KEY]
    .venv/bin/python evals/prose.py --json          # the same, as JSON
    .venv/bin/python evals/prose.py --strict        # exit 1 when a target is missed

For the example (examples/zewen-chi.txt) and every profile in evals/profiles, all read as
of 2026-11-28, it writes the report (bio, trajectory, lines of work) and the bio at 50,
150 and 300 words, and measures, on the report's prose (bio + trajectory + lines of work;
never the papers table or the headings):

- filler: sentences that say nothing but that papers exist or how many there are. A
  sentence is filler when, once its citation markers, quoted titles, numbers and years,
  the owner's name and the names of unnamed lines of work (a line's name and keywords
  when the name is not a phrase two of its papers use: "domain and context") are taken
  out, no word is left outside FRAME_WORDS (stop words and the words of the record's own
  frame: paper, work, line, record, part, include, concern, begins, ...). So '"X" (2026) is
  part of this work.' and 'In 2026, 4 papers include work on domain and context.' are
  filler; so are 'Zewen Chi has 36 papers in this record, from 2019 to 2026.' and 'This
  line of work has 14 papers, from 2019 to 2023.' (bare counts). A sentence with a word of
  content left is not: a role ("is the first author of"), a verb of contribution with its
  object ("proposes ..."), a figure with what it measures, a named line. Target: none.
- openings: the share of sentences that open with the most common three words, titles,
  years and numbers read as one placeholder each (so '"A" (2019) proposes' and '"B"
  (2021) proposes' open alike). Target: at most 0.15.
- line names: each line of work (the "other work" bucket aside) by the name the report
  shows; named when that name is a phrase (case, hyphens and spacing aside:
  agent.plan.uses) in the title or abstract of at least two of its papers. Target: all.
- largest phase: the share of the profile's papers in its largest phase. Target: at most
  0.5, unless the profile has one line of work.
- model kept: the share of prose sentences the model wrote and verification kept
  (SentenceStatus supported or repaired). With --writing plan no model writes: "n/a
  (plan)". Target: at least 0.5 on the example when a model writes.
- bio lengths: the words of the bio (citation markers aside) at --words 50, 150 and 300.
  Target: each within 15% of what was asked.
- cohesion: per line of work, the mean pairwise cosine of its papers' TF-IDF vectors
  (title and abstract, fitted on the profile) over the profile's own mean pairwise
  cosine: above 1, the line's papers read alike more than the profile's do. Computed here,
  whatever the analysis says in Topic.cohesion. Reported, no target.
- verified: the share of prose sentences the verifier passes, checked again here by a
  fresh Verifier (no judge, no remembered verdicts). Target: 1.0.

The response cache: --writing plan needs none (a temporary one); --local uses
evals/cache-prose (or --cache-dir), one profile after another. Only --strict makes a
missed target an exit code; without it the numbers are printed and the exit is 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pydantic import BaseModel, Field  # noqa: E402

from agent.models import (  # noqa: E402
    Composition,
    FactSheet,
    Paper,
    Profile,
    Report,
    Sentence,
    SentenceStatus,
    Topic,
)
from agent.names import family_name  # noqa: E402
from agent.plan import uses_name  # noqa: E402

REPO = HERE.parent
AS_OF = "2026-11-28"
# The example first, then every profile of the eval set.
PROFILES = ["examples/zewen-chi.txt", *sorted(
    f"evals/profiles/{p.name}" for p in (HERE / "profiles").iterdir() if p.is_file())]
EXAMPLE = "examples/zewen-chi.txt"
BIO_WORDS = (50, 150, 300)

# Targets (issue 16, "Must show").
MAX_FILLER = 0
MAX_OPENING_SHARE = 0.15
MIN_NAMING_PAPERS = 2
MAX_PHASE_SHARE = 0.5
MIN_MODEL_KEPT = 0.5  # on the example, when a model writes
BIO_TOLERANCE = 0.15
MIN_VERIFIED = 1.0

# Words that carry no content in a sentence about a record: English stop words and the
# words of the record's own frame. A sentence with no other word (titles, numbers, the
# owner and unnamed lines of work taken out) is filler.
FRAME_WORDS = frozenset("""
a an the and or of in on at to from for by with as into over about than then also both
is are was were be been being has have had having do does did its it this that these
those there their they them which who whose what when where while such other others all
any some each every more most mostly many much several few one two three four five six
seven eight nine ten first last recent latest earlier later newest oldest until since
paper papers work works line lines record records part parts include includes including
included concern concerns concerned concerning cover covers covering span spans year
years period phase phases begin begins began start starts started continue continues
among between here so far total overall together further again same
""".split())

_MARKER = re.compile(r"\[[^\]]*\]")
_QUOTED = re.compile(r"[\"“”][^\"“”]+[\"“”]")
_NUMBER = re.compile(r"\(?\b\d[\d,.]*(?:%|x|k|m|b)?\)?", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


# --- the metrics, each on plain inputs so a test can feed it text that misses -----------


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", text.casefold()).split())


def _words(text: str) -> list[str]:
    return [w.casefold().strip("'’-") for w in _WORD.findall(text)]


def filler_sentences(sentences: Sequence[str], owner: str,
                     unnamed: Iterable[str] = ()) -> list[str]:
    """The sentences that say only that papers exist, or how many: nothing but frame
    words once markers, quoted titles, numbers, the owner's name and the unnamed lines'
    words (`unnamed`: names and keywords of lines whose name no two papers use) are out."""
    owner_words = set(_words(owner)) | {f"{w}'s" for w in _words(owner)} \
        | {f"{w}’s" for w in _words(owner)}
    empty = set(FRAME_WORDS) | owner_words
    for phrase in unnamed:
        empty |= set(_words(phrase.replace("-", " "))) | set(_words(phrase))
    out = []
    for text in sentences:
        rest = _NUMBER.sub(" ", _QUOTED.sub(" ", _MARKER.sub(" ", text)))
        if not [w for w in _words(rest) if w not in empty]:
            out.append(text)
    return out


def opening(text: str, size: int = 3, owner: str | None = None) -> str:
    """A sentence's first `size` words, with a quoted title, a year or a number each read
    as one placeholder word; and the owner's name too, when given (full, or the family
    name): "Van den Heuvel is ..." and "Van den Heuvel led ..." open differently, as
    "Chi is ..." and "Chi led ..." do."""
    text = _MARKER.sub(" ", text)
    text = _QUOTED.sub(" TITLE ", text)
    if owner:
        for name in sorted({owner, family_name(owner)}, key=len, reverse=True):
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " OWNER ", text, flags=re.I)
    text = _NUMBER.sub(" NUMBER ", text)
    words = [w for w in re.findall(r"[\w'’-]+", text)]
    return " ".join(w.casefold() for w in words[:size])


def opening_share(sentences: Sequence[str], owner: str | None = None
                  ) -> tuple[float, str, int]:
    """The share of sentences opening with the most common three words (the owner's name
    one word, when given), those words, and how many sentences open so."""
    if not sentences:
        return 0.0, "", 0
    (words, count), = Counter(opening(s, owner=owner) for s in sentences).most_common(1)
    return count / len(sentences), words, count


class LineName(BaseModel):
    """One line of work's name, and how many of its papers use it as a phrase."""

    id: str
    name: str
    papers: int
    using: int = Field(description="Its papers whose title or abstract has the name.")
    named: bool
    cohesion: float | None = Field(None, description="Mean pairwise cosine of its papers "
                                   "over the profile's baseline.")


def line_names(topics: Sequence[Topic], papers: dict[str, Paper],
               shown: dict[str, str] | None = None) -> list[LineName]:
    """Each line of work (the "other work" bucket aside) by the name shown (`shown`, by
    topic id; else its label), and whether at least two of its papers use that name."""
    out = []
    for topic in topics:
        if topic.other:
            continue
        name = (shown or {}).get(topic.id, topic.label)
        # As the report counts a line's users (plan.uses_name): "datasets" is used by every
        # paper that says "dataset", "efflux pumps of X" by one that says "efflux pump of X".
        using = sum(uses_name(papers[k], name) for k in topic.paper_keys if k in papers)
        out.append(LineName(id=topic.id, name=name, papers=len(topic.paper_keys),
                            using=using, named=using >= MIN_NAMING_PAPERS))
    return out


def largest_phase_share(facts: FactSheet) -> float:
    """The share of the profile's papers in its largest phase."""
    if not facts.phases or not facts.paper_count:
        return 0.0
    return max(len(p.paper_keys) for p in facts.phases) / facts.paper_count


def phase_target_applies(facts: FactSheet) -> bool:
    """The phase target holds unless the profile has one line of work."""
    return sum(not t.other for t in facts.topics) > 1


def model_written(sentence: Sentence, planned: dict[str, str] | None = None) -> bool:
    """Whether the model wrote the sentence and verification kept it.

    A kept sentence that only repeats its planned claim (case, spacing and punctuation
    aside) is the planner's wording, not the model's: a small model often echoes."""
    claim = (planned or {}).get(sentence.claim_id or "", "")
    return (sentence.status in (SentenceStatus.SUPPORTED, SentenceStatus.REPAIRED)
            and _plain(sentence.text) != _plain(claim))


def model_kept_share(sentences: Sequence[Sentence],
                     planned: dict[str, str] | None = None) -> float:
    """The share of sentences the model wrote that verification kept (model_written)."""
    if not sentences:
        return 0.0
    return sum(model_written(s, planned) for s in sentences) / len(sentences)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def planned_claims(profile: Profile, facts: FactSheet, words: int = 150
                   ) -> dict[str, dict[str, str]]:
    """The planner's claim texts of the report's prose, by task and claim id."""
    from agent.plan import Planner

    planner = Planner(profile, facts)
    outlines = {"bio": planner.bio(words), "trajectory": planner.trajectory(),
                "topics": planner.topics()}
    return {task: {c.id: c.text for sec in o.sections for c in sec.claims}
            for task, o in outlines.items()}


def word_count(composition: Composition) -> int:
    """The words of an output's sentences, citation markers aside (they are not in
    Sentence.text)."""
    return sum(len(s.text.split()) for sec in composition.sections for s in sec.sentences)


def within(count: int, target: int, tolerance: float = BIO_TOLERANCE) -> bool:
    return abs(count - target) <= tolerance * target


def cohesion(papers: Sequence[Paper], groups: dict[str, Sequence[str]]
             ) -> tuple[float, dict[str, float | None]]:
    """The profile's mean pairwise cosine (TF-IDF of title and abstract, fitted on its
    papers) and, per group, its own mean pairwise cosine over that baseline (None for a
    group of fewer than two papers)."""
    import numpy as np

    from agent import tfidf
    from agent.text import ENGLISH_STOP_WORDS

    if len(papers) < 2:
        return 0.0, {g: None for g in groups}
    index = {p.key: i for i, p in enumerate(papers)}
    # scikit-learn's TfidfVectorizer(sublinear_tf=True, stop_words="english"), as
    # agent/tfidf.py computes it.
    words = tfidf.word_ngrams(r"(?u)\b\w\w+\b", frozenset(ENGLISH_STOP_WORDS))
    matrix = tfidf.fit([f"{p.title}. {p.abstract or ''}" for p in papers], words).matrix
    sims = (matrix @ matrix.T).toarray()

    def mean_pairwise(rows: list[int]) -> float | None:
        if len(rows) < 2:
            return None
        block = sims[np.ix_(rows, rows)]
        return float((block.sum() - np.trace(block)) / (len(rows) * (len(rows) - 1)))

    baseline = mean_pairwise(list(range(len(papers)))) or 0.0
    ratios: dict[str, float | None] = {}
    for name, keys in groups.items():
        mean = mean_pairwise([index[k] for k in keys if k in index])
        ratios[name] = None if mean is None or baseline == 0 else mean / baseline
    return baseline, ratios


# --- one profile --------------------------------------------------------------------------


class Check(BaseModel):
    """One measure of a profile: its value as shown, its target, and whether it holds
    (None: no target applies)."""

    measure: str
    value: str
    target: str
    ok: bool | None


class ProfileProse(BaseModel):
    """What the eval finds on one profile; `--json` prints a list of these."""

    profile: str
    owner: str
    papers: int
    writing: str
    sentences: int
    filler: list[str]
    opening_share: float
    opening: str
    lines: list[LineName]
    lines_named: int
    largest_phase_share: float
    phase_target_applies: bool
    model_kept_share: float | None = Field(description="None with --writing plan.")
    bio_words: dict[int, int]
    cohesion_baseline: float
    verified_share: float
    unverified: list[str]
    checks: list[Check]

    @property
    def missed(self) -> list[str]:
        return [c.measure for c in self.checks if c.ok is False]


def prose_sentences(report: Report) -> list[Sentence]:
    """The report's prose: bio, trajectory and lines of work (not the table, no headings)."""
    return [s for part in (report.bio, report.trajectory, report.topics)
            for section in part.sections for s in section.sentences]


def measure(relative: str, profile: Profile, facts: FactSheet, report: Report,
            bios: dict[int, Composition], plan: bool) -> ProfileProse:
    """Every measure of one profile's report and bios."""
    from agent.verify import Verifier

    papers = {p.key: p for p in profile.papers}
    sentences = prose_sentences(report)
    texts = [s.text for s in sentences]
    shown = {sec.id.removeprefix("topic-"): sec.title for sec in report.topics.sections}
    lines = line_names(facts.topics, papers, shown)
    baseline, ratios = cohesion(profile.papers, {t.id: t.paper_keys for t in facts.topics
                                                 if not t.other})
    for line in lines:
        line.cohesion = ratios.get(line.id)
    by_id = {line.id: line for line in lines}
    unnamed = [w for t in facts.topics if t.id in by_id and not by_id[t.id].named
               for w in (by_id[t.id].name, t.label, *t.keywords)]
    filler = filler_sentences(texts, facts.owner, unnamed)
    share, words, _ = opening_share(texts, facts.owner)
    phase = largest_phase_share(facts)
    applies = phase_target_applies(facts)
    if plan:
        kept = None
    else:
        claims = planned_claims(profile, facts)
        # Claim ids are numbered per outline, so each part is measured against its own.
        parts = (("bio", report.bio), ("trajectory", report.trajectory),
                 ("topics", report.topics))
        counted = [(s, claims[task]) for task, part in parts
                   for sec in part.sections for s in sec.sentences]
        kept = (sum(model_written(s, c) for s, c in counted) / len(counted)
                if counted else 0.0)
    bio_words = {w: word_count(c) for w, c in bios.items()}
    verifier = Verifier(profile, facts)
    unverified = [s.text for s in sentences if not verifier.check(s.text, s.keys).supported]
    verified = 1 - len(unverified) / len(sentences) if sentences else 1.0
    named = sum(line.named for line in lines)
    example = relative == EXAMPLE
    checks = [
        Check(measure="filler sentences", value=str(len(filler)), target=f"{MAX_FILLER}",
              ok=len(filler) <= MAX_FILLER),
        Check(measure="most common opening", value=f"{share:.3f} ({words!r})",
              target=f"<= {MAX_OPENING_SHARE:.2f}", ok=share <= MAX_OPENING_SHARE),
        Check(measure="lines named by a shared phrase", value=f"{named}/{len(lines)}",
              target="all", ok=named == len(lines)),
        Check(measure="largest phase's share of papers", value=f"{phase:.2f}",
              target=f"<= {MAX_PHASE_SHARE:.2f}" if applies else "(one line of work)",
              ok=phase <= MAX_PHASE_SHARE if applies else None),
        Check(measure="model-written, kept sentences",
              value="n/a (plan)" if kept is None else f"{kept:.2f}",
              target=f">= {MIN_MODEL_KEPT:.2f}" if example else "",
              ok=None if kept is None or not example else kept >= MIN_MODEL_KEPT),
        *[Check(measure=f"bio words at --words {w}", value=str(n),
                target=f"{round(w * (1 - BIO_TOLERANCE))}–{round(w * (1 + BIO_TOLERANCE))}",
                ok=within(n, w)) for w, n in bio_words.items()],
        Check(measure="prose sentences passing verify", value=f"{verified:.3f}",
              target=f"{MIN_VERIFIED:.1f}", ok=verified >= MIN_VERIFIED),
    ]
    return ProfileProse(
        profile=relative, owner=facts.owner, papers=facts.paper_count,
        writing="plan" if plan else "model", sentences=len(sentences), filler=filler,
        opening_share=share, opening=words, lines=lines, lines_named=named,
        largest_phase_share=phase, phase_target_applies=applies, model_kept_share=kept,
        bio_words=bio_words, cohesion_baseline=baseline, verified_share=verified,
        unverified=unverified, checks=checks)


# --- running it ---------------------------------------------------------------------------


def write_profile(relative: str, session: object) -> tuple[Profile, FactSheet, Report,
                                                            dict[int, Composition]]:
    """The report and the three bios of one profile, on a model session."""
    from agent import api

    profile = api.load(REPO / relative, as_of=AS_OF)
    report = api.report(profile, session=session)  # type: ignore[arg-type]
    bios = {w: api.write(profile, "bio", words=w, session=session)  # type: ignore[arg-type]
            for w in BIO_WORDS}
    return profile, report.facts, report, bios


def run(profiles: Sequence[str], settings: object, plan: bool,
        progress: bool = True) -> list[ProfileProse]:
    """Every profile, one after another, on one session."""
    from agent import api

    say = (lambda m: print(m, file=sys.stderr)) if progress else (lambda m: None)
    results = []
    with api.session(settings, say=say) as session:  # type: ignore[arg-type]
        for relative in profiles:
            say(f"prose: {relative}")
            profile, facts, report, bios = write_profile(relative, session)
            results.append(measure(relative, profile, facts, report, bios, plan))
    return results


def tables(result: ProfileProse) -> list[object]:
    """The profile's measures, and its lines of work, as rich tables."""
    from agent.evals import TableData, rich_table

    mark = {True: "yes", False: "MISSED", None: ""}
    checks = TableData(
        title=f"{result.profile}: {result.owner}, {result.papers} papers, "
              f"{result.sentences} prose sentences ({result.writing})",
        header=["measure", "value", "target", "holds"],
        rows=[[c.measure, c.value, c.target, mark[c.ok]] for c in result.checks])
    lines = TableData(
        title=f"Lines of work (cohesion over the profile's baseline "
              f"{result.cohesion_baseline:.3f})",
        header=["line of work", "papers", "papers using the name", "named", "cohesion"],
        rows=[[line.name, str(line.papers), str(line.using), "yes" if line.named else "no",
               "" if line.cohesion is None else f"{line.cohesion:.2f}"]
              for line in result.lines])
    return [rich_table(checks), rich_table(lines)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--local", action="store_true",
                     help="Write with the embedded model (slow), cache in evals/cache-prose.")
    how.add_argument("--base-url", metavar="URL", help="Write with this endpoint's model.")
    parser.add_argument("--model", help="The endpoint's model name.")
    parser.add_argument("--api-key", help="The endpoint's API key.")
    parser.add_argument("--cache-dir", type=Path, help="Response cache for --local or "
                        "--base-url (default evals/cache-prose).")
    parser.add_argument("--profile", action="append", metavar="PATH",
                        help="Only this profile (repeatable), as a path in the repository.")
    parser.add_argument("--json", action="store_true", help="Print the results as JSON.")
    parser.add_argument("--strict", action="store_true",
                        help="Exit 1 when any target is missed.")
    args = parser.parse_args(argv)

    from agent.config import Settings
    from agent.modes import WritingMode

    profiles = args.profile or PROFILES
    plan = not (args.local or args.base_url)
    with tempfile.TemporaryDirectory(prefix="prose-eval-") as tmp:
        if plan:
            settings = Settings(writing=WritingMode.PLAN, cache_dir=Path(tmp))
        else:
            settings = Settings(base_url=args.base_url, model=args.model,
                                api_key=args.api_key,
                                cache_dir=args.cache_dir or HERE / "cache-prose")
        results = run(profiles, settings, plan)
    if args.json:
        print(json.dumps([r.model_dump(mode="json") for r in results], indent=2))
    else:
        from rich.console import Console

        out = Console(width=120)
        for result in results:
            for table in tables(result):
                out.print(table)
            for text in result.filler:
                out.print(f"  filler: {text}", highlight=False)
            for text in result.unverified:
                out.print(f"  not verified: {text}", highlight=False)
            out.print()
        missed = [f"{r.profile}: {m}" for r in results for m in r.missed]
        out.print(f"{len(missed)} targets missed" + (": " + "; ".join(missed) if missed
                                                       else ""), highlight=False)
    missed_any = any(r.missed for r in results)
    return 1 if args.strict and missed_any else 0


if __name__ == "__main__":
    sys.exit(main())
