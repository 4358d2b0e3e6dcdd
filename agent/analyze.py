"""The deterministic analysis: a Profile becomes a FactSheet, with no model involved.

Everything here is a pure function of the profile. Papers are sorted by key
first, so the same papers in another order give the same FactSheet.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from agent.models import (
    CategoryCount,
    Collaborator,
    FactSheet,
    KeyFigure,
    OwnerPosition,
    Paper,
    Phase,
    Profile,
    Topic,
    YearCount,
)
from agent.names import normalize_name, same_person
from agent.text import ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Words every abstract uses; as topic keywords they would say nothing.
_BOILERPLATE = frozenset(
    "paper propose proposed proposes present presents introduce introduces model models "
    "method methods approach approaches task tasks result results performance show shows "
    "shown experiments experimental experiment demonstrate demonstrates based novel "
    "existing new work achieve achieves achieved state art using use used code available "
    "publicly github com https www http aka ms furthermore moreover specifically".split()
)
_STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _BOILERPLATE)
# Words start with a letter: "3x" or "2019" is no topic.
_TOKEN = r"(?u)\b[^\W\d_][^\W_]+\b"
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# Up to this many topics; beyond it a narrative of topics stops being a summary.
_MAX_TOPICS = 12
# A topic needs about three papers on average to be worth telling apart.
_PAPERS_PER_TOPIC = 3
_KEYWORDS_PER_TOPIC = 5
_LABEL_KEYWORDS = 3
# Two topic mixes at least this similar (cosine) belong to one phase.
_PHASE_SIMILARITY = 0.5
_TOP_COLLABORATORS = 10


def analyze(profile: Profile) -> FactSheet:
    """Compute every fact the writing steps may state, from the parsed profile alone."""
    papers = sorted(profile.papers, key=lambda p: p.key)
    years = [p.year for p in papers if p.year is not None]
    topics = find_topics(papers)
    return FactSheet(
        owner=profile.name,
        paper_count=len(papers),
        first_year=min(years, default=None),
        last_year=max(years, default=None),
        papers_per_year=[YearCount(year=y, count=c) for y, c in sorted(Counter(years).items())],
        papers_per_category=_category_counts(papers),
        topics=topics,
        phases=find_phases(papers, topics),
        first_author_keys=_keys_at(papers, OwnerPosition.FIRST),
        last_author_keys=_keys_at(papers, OwnerPosition.LAST),
        sole_author_keys=_keys_at(papers, OwnerPosition.SOLE),
        middle_author_keys=_keys_at(papers, OwnerPosition.MIDDLE),
        unknown_position_keys=_keys_at(papers, OwnerPosition.UNKNOWN),
        absent_keys=_keys_at(papers, OwnerPosition.ABSENT),
        top_collaborators=top_collaborators(papers, profile.name),
        affiliations=_by_frequency(a for p in papers for a in dict.fromkeys(p.affiliations)),
        code_available_keys=[p.key for p in papers if p.has_code],
        key_figures=[f for p in papers for f in key_figures(p)],
    )


def _keys_at(papers: Sequence[Paper], position: OwnerPosition) -> list[str]:
    """Keys of the papers where the owner stands at one position, for role claims."""
    return [p.key for p in papers if p.owner_position is position]


def _category_counts(papers: Sequence[Paper]) -> list[CategoryCount]:
    """Papers per category, most frequent first; papers without a category are left out."""
    return [CategoryCount(category=c, count=n)
            for c, n in _ranked(p.category for p in papers if p.category)]


def _by_frequency(items: Iterable[str]) -> list[str]:
    """Distinct strings, most frequent first, ties by name, so the order is stable."""
    return [s for s, _ in _ranked(items)]


def _ranked(items: Iterable[str]) -> list[tuple[str, int]]:
    """Distinct strings with their counts, most frequent first, ties by name."""
    return sorted(Counter(items).items(), key=lambda item: (-item[1], item[0]))


# --- collaborators ---------------------------------------------------------------------


def top_collaborators(papers: Sequence[Paper], owner: str) -> list[Collaborator]:
    """The most frequent co-authors among the visible authors, ties broken by name."""
    keys: dict[str, list[str]] = {}
    spellings: dict[str, Counter[str]] = {}
    for paper in papers:
        seen: set[str] = set()
        for author in paper.authors:
            norm = normalize_name(author)
            if not norm or norm in seen or same_person(author, owner):
                continue
            seen.add(norm)
            keys.setdefault(norm, []).append(paper.key)
            spellings.setdefault(norm, Counter())[author] += 1
    people = [Collaborator(name=_usual_spelling(spellings[n]), papers=len(k), paper_keys=k)
              for n, k in keys.items()]
    people.sort(key=lambda c: (-c.papers, c.name))
    return people[:_TOP_COLLABORATORS]


def _usual_spelling(spellings: Counter[str]) -> str:
    """The way a name is most often written, so "Zoë" is not shown as "Zoe"."""
    return min(spellings, key=lambda s: (-spellings[s], s))


# --- topics ----------------------------------------------------------------------------


def find_topics(papers: Sequence[Paper]) -> list[Topic]:
    """Cluster papers by title and abstract; label each cluster by its top keywords."""
    if not papers:
        return []
    documents = [_document(p) for p in papers]
    matrix, terms = _tfidf(documents)
    labels = _cluster(matrix)
    relaxed: tuple[csr_matrix, list[str]] | None = None
    topics = []
    for c in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == c)
        topic = _topic(papers, matrix, terms, members)
        if not topic.keywords:
            # Each of the cluster's words is in over half the papers, so the pruning left
            # it none; its keywords come from every term instead of it being "untitled".
            relaxed = relaxed or _tfidf(documents, prune=False)
            topic = _topic(papers, *relaxed, members)
        topics.append(topic)
    # None sorts last; a bigger topic goes first within a year; the first key settles ties.
    topics.sort(key=lambda t: (t.first_year is None, t.first_year or 0,
                               -len(t.paper_keys), t.paper_keys[0]))
    return [t.model_copy(update={"id": f"t{i}"}) for i, t in enumerate(topics, start=1)]


def _document(paper: Paper) -> str:
    """Title and abstract without URLs, whose pieces are not topics."""
    return f"{paper.title}. {_URL.sub(' ', paper.abstract)}"


def _tfidf(documents: list[str], prune: bool = True) -> tuple[csr_matrix, list[str]]:
    """L2-normalised TF-IDF rows; a term must recur unless the profile is small.

    Two-word phrases are kept only when they recur in two papers: within one
    paper, dropping stop words glues unrelated words into false phrases.
    """
    # scikit-learn and scipy load when a profile is analysed, not with the module: a
    # report whose fact sheet is cached needs neither (agent/memo.py).
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    many = prune and len(documents) >= 10
    settings = [dict(min_df=2, max_df=0.5, ngram_range=(1, 2))] if many else []
    settings.append(dict(min_df=1, max_df=1.0, ngram_range=(1, 1)))
    for extra in settings:
        vectorizer = TfidfVectorizer(stop_words=_STOP_WORDS, sublinear_tf=True,
                                     token_pattern=_TOKEN, **extra)  # type: ignore[arg-type]
        try:
            matrix = vectorizer.fit_transform(documents)
        except ValueError:  # no term left after pruning
            continue
        return csr_matrix(matrix), list(vectorizer.get_feature_names_out())
    return csr_matrix((len(documents), 0)), []


def _cluster(matrix: csr_matrix) -> np.ndarray:
    """Ward clustering on cosine geometry; k is the best silhouette in 2..n/3 (max 12).

    Rows are unit vectors, so Euclidean distance is sqrt(2 * cosine distance)
    and Ward's criterion works on the cosine geometry. The tree is built once
    and cut at every k; the smallest k wins a tie. Fewer than six papers, or no
    k with a positive silhouette, give one topic.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.metrics import silhouette_score

    n = matrix.shape[0]
    k_max = min(_MAX_TOPICS, n // _PAPERS_PER_TOPIC)
    if k_max < 2 or matrix.shape[1] == 0:
        return np.zeros(n, dtype=int)
    similarity = (matrix @ matrix.T).toarray()
    cosine = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(cosine, 0.0)
    cosine = (cosine + cosine.T) / 2  # exact symmetry for squareform
    tree = linkage(squareform(np.sqrt(2.0 * cosine), checks=False), method="ward")
    best, best_score = np.zeros(n, dtype=int), 0.0
    for k in range(2, k_max + 1):
        labels = fcluster(tree, k, criterion="maxclust") - 1
        if not 2 <= len(set(labels.tolist())) <= n - 1:
            continue
        score = silhouette_score(cosine, labels, metric="precomputed")
        if score > best_score + 1e-12:
            best, best_score = labels, score
    return best


def _topic(papers: Sequence[Paper], matrix: csr_matrix, terms: list[str],
           members: np.ndarray) -> Topic:
    """One topic from its member rows; the id is set once all topics are ordered."""
    keys = [papers[i].key for i in members]
    years = [papers[i].year for i in members if papers[i].year is not None]
    keywords = _keywords(np.asarray(matrix[members].mean(axis=0)).ravel(), terms)
    text = " ".join(_document(papers[i]) for i in members)
    keywords = [_surface(k, text) for k in keywords]
    label = ", ".join(keywords[:_LABEL_KEYWORDS]) or "untitled"
    return Topic(id="", label=label, keywords=keywords, paper_keys=keys,
                 first_year=min(years, default=None), last_year=max(years, default=None))


def _surface(term: str, text: str) -> str:
    """A term as the papers write it: "pre training" is "pre-training", "bitnet" is
    "BitNet"; capitals survive only inside a word (BitNet, MoE) or in acronyms (LLM)."""
    pattern = r"\b" + r"[\s\-]+".join(map(re.escape, term.split())) + r"\b"
    forms = Counter(re.findall(pattern, text, flags=re.I))
    if not forms:
        return term
    form = max(forms, key=lambda f: (forms[f], f.islower(), f))
    words = re.split(r"[\s\-]+", form)
    if any(w[1:] != w[1:].lower() for w in words if len(w) > 1):
        return form
    return form.lower()


def _keywords(weights: np.ndarray, terms: list[str]) -> list[str]:
    """Heaviest terms of a centroid; a phrase replaces the words it contains."""
    order = sorted(range(len(terms)), key=lambda i: (-weights[i], terms[i]))
    chosen: list[str] = []
    for i in order:
        if weights[i] <= 0 or len(chosen) >= _KEYWORDS_PER_TOPIC:
            break
        words = set(terms[i].split())
        if any(words <= set(c.split()) for c in chosen):
            continue
        inside = [j for j, c in enumerate(chosen) if set(c.split()) <= words]
        if inside:
            chosen[inside[0]] = terms[i]
            chosen = [c for j, c in enumerate(chosen) if j not in inside[1:]]
        else:
            chosen.append(terms[i])
    return chosen


# --- phases ----------------------------------------------------------------------------


def find_phases(papers: Sequence[Paper], topics: Sequence[Topic]) -> list[Phase]:
    """Split the career into year ranges with a steady topic mix.

    Years with papers are taken in order. A year joins the current phase when
    the cosine similarity between its topic counts and the phase's summed
    topic counts is at least 0.5; otherwise it starts a new phase. A phase runs
    until the year before the next one starts, so years without papers fall
    inside a phase and the phases cover first..last year without gaps.
    """
    topic_of = {k: i for i, t in enumerate(topics) for k in t.paper_keys}
    by_year: dict[int, np.ndarray] = {}
    for paper in papers:
        if paper.year is not None:
            counts = by_year.setdefault(paper.year, np.zeros(len(topics)))
            counts[topic_of[paper.key]] += 1
    starts: list[int] = []
    current = np.zeros(len(topics))
    for year in sorted(by_year):
        if not starts or _cosine(current, by_year[year]) < _PHASE_SIMILARITY:
            starts.append(year)
            current = np.zeros(len(topics))
        current = current + by_year[year]
    if not starts:
        return []
    ends = [s - 1 for s in starts[1:]] + [max(by_year)]
    return [_phase(papers, topics, topic_of, s, e) for s, e in zip(starts, ends)]


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine similarity of two count vectors."""
    norm = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / norm if norm else 0.0


def _phase(papers: Sequence[Paper], topics: Sequence[Topic], topic_of: dict[str, int],
           start: int, end: int) -> Phase:
    """One phase: its papers, and its topics with the most papers first."""
    keys = [p.key for p in papers if p.year is not None and start <= p.year <= end]
    counts = Counter(topic_of[k] for k in keys)
    ordered = sorted(counts, key=lambda i: (-counts[i], i))
    return Phase(start_year=start, end_year=end, topic_ids=[topics[i].id for i in ordered],
                 paper_keys=keys)


# --- key figures -----------------------------------------------------------------------

_QUALIFIER = (r"(?i:(?:up to|over|more than|less than|nearly|almost|approximately|around|"
              r"about|roughly|at least|at most)\s+)?")
# Percentages, multipliers (also LaTeX "$4\times$"), counts with K/M/B, and
# thousands written with commas. A bare integer is left alone: it may be a
# year, a section number or a list item.
_NUMBER = (r"\$\d+(?:\.\d+)?\s*\\times\s*\$"
           r"|\d+(?:\.\d+)?\s?%"
           r"|\d+(?:\.\d+)?[x×X](?!\w)"
           r"|(?P<count>\d+(?:\.\d+)?[KMB](?!\w)|\d{1,3}(?:,\d{3})+(?![\d,]))")
# Not glued to a word, a dot or a hyphen: "Qwen2.5-14B" is a name, not a figure.
_FIGURE = re.compile(rf"(?<![\w.\-/$]){_QUALIFIER}(?P<value>{_NUMBER})")
# "BLEU-4 score of 55.2", "accuracy of 91.2": a metric named just before the number.
_SCORE = re.compile(
    r"\b(?P<metric>(?:[A-Z][A-Za-z0-9]*[A-Z0-9](?:-[A-Za-z0-9]+)?\s+)?(?:score|accuracy)"
    r"|[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)?)\s+(?:of|is|=|:)\s+"
    r"(?P<value>\d+(?:\.\d+)?)(?!\.?\d|\s?%|\w)")
# Where the words describing a figure stop.
_CONTEXT_END = re.compile(r"[,;:!?()\[\]{}\"$]|\.(?!\d)|\s[-–—]+\s|--")
_CONTEXT_WORDS = 4
# "a 7B LLM" is a model's size, not a result.
_MODEL_WORDS = frozenset("llm llms lm lms model models transformer transformers".split())


def key_figures(paper: Paper) -> list[KeyFigure]:
    """Numbers stated in the abstract, each with the words that follow it."""
    found: list[tuple[int, KeyFigure]] = []
    for match in _FIGURE.finditer(paper.abstract):
        words = _following_words(paper.abstract, match.end())
        is_count = match.group("count") is not None
        if is_count and (not words or words[0].casefold() in _MODEL_WORDS):
            continue
        text = " ".join([match.group(0), *words])
        found.append((match.start(), KeyFigure(paper_key=paper.key, text=text,
                                               value=match.group("value"))))
    for match in _SCORE.finditer(paper.abstract):
        if not _is_year(match.group("value")):
            found.append((match.start(), KeyFigure(paper_key=paper.key, text=match.group(0),
                                                   value=match.group("value"))))
    unique: dict[str, KeyFigure] = {}
    for _, figure in sorted(found, key=lambda item: item[0]):
        unique.setdefault(figure.text, figure)
    return list(unique.values())


def _following_words(text: str, start: int) -> list[str]:
    """Up to four words after a figure, stopping at punctuation."""
    rest = text[start:start + 200]
    end = _CONTEXT_END.search(rest)
    return (rest[:end.start()] if end else rest).split()[:_CONTEXT_WORDS]


def _is_year(value: str) -> bool:
    """A four-digit integer from 1900 to 2099 reads as a year, not a score."""
    return value.isdigit() and len(value) == 4 and 1900 <= int(value) <= 2099
