"""Lines of work: papers grouped by what they are about, each named by a phrase they use.

The data flow, all deterministic and model-free:

1. Each paper is a TF-IDF vector of its title and abstract (stop words of every
   language the profile is written in are dropped: agent/languages.py).
2. Ward clustering on the cosine geometry, k by the best silhouette.
3. A paper that reads no more like its cluster than papers of the profile read
   like each other leaves it for "other work", and so does a cluster whose
   papers share no phrase to name it by: a grab bag is not a line of work.
   Once named, a member that uses none of the name's telling words leaves too
   (_off_name): the prose tells every paper of a line as work on its name.
4. Each line is named by class-based TF-IDF over word n-grams (BERTopic's
   c-TF-IDF, written out below because BERTopic would bring in torch, UMAP and
   HDBSCAN for twenty lines of arithmetic): a phrase weighs by how often the
   line's papers use it, titles counting double, over how often every paper
   does. Only a phrase at least two of its papers use can name a line, so the
   name is true of the line by construction.
5. Cohesion: the line's mean pairwise cosine over the profile's, a number the
   prose eval reports and a reader can weigh.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from agent import heap, tfidf
from agent.languages import stop_words
from agent.models import Paper, Topic
from agent.text import NOTICE_TITLE, URL

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

# Words every abstract uses; as topic keywords or names they would say nothing.
BOILERPLATE = frozenset(
    "paper propose proposed proposes present presents introduce introduces model models "
    "method methods approach approaches task tasks result results performance show shows "
    "shown experiments experimental experiment demonstrate demonstrates based novel "
    "existing new work achieve achieves achieved state art using use used code available "
    "publicly github com https www http aka ms furthermore moreover specifically "
    "simple effective efficient improve improves improved improving significant "
    "significantly large various different recent recently study studies".split()
)
# Words start with a letter: "3x" or "2019" is no topic.
_TOKEN = r"(?u)\b[^\W\d_][^\W_]+\b"
# Up to this many topics; beyond it a narrative of topics stops being a summary.
_MAX_TOPICS = 12
# A topic needs about three papers on average to be worth telling apart.
_PAPERS_PER_TOPIC = 3
_KEYWORDS_PER_TOPIC = 5
_LABEL_KEYWORDS = 3
# A paper stays in its cluster when its mean cosine to the other members is at
# least this multiple of the profile's mean pairwise cosine; below it, the paper
# reads no more like the line than like any paper of the profile.
OTHER_RATIO = 1.5
# A line's member that uses none of the words its name tells by, and reads less like
# the members that do than this share of how they read like one another, is in the
# line by the clustering's accident ("Complicated Table Structure Recognition" in
# "named entity"): a name that would leave half its line such misfits gives way
# (_misfits). Measured on the example and the five profiles of evals/profiles, such
# strays fit at 0.59-0.68 of the users' median, kept members at 1.4 and above.
OFF_NAME_FIT = 0.8
# Names are phrases of up to this many words ("cross-lingual" is two).
_MAX_NAME_WORDS = 6
# A title's phrase counts this many times an abstract's: titles say what a paper is.
_TITLE_WEIGHT = 2.0
# A name's score grows by this share per extra word: "cross-lingual language model
# pre-training" names a line better than "pre-training", when both are shared.
_WORD_BONUS = 0.5
# Adjectives do not name a line ("cross-lingual", "multilingual"): a name's last word
# must not end like one. Nouns with these endings are rare in names ("signal").
# A word's ending, told by str.endswith: names are asked it thousands of times a report.
# "distributed lag non-linear", "cellular", "molecular": -inear and -ular too.
_ADJECTIVE = ("al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ed", "wise",
              "inear", "ular")
# Phrases break at punctuation other than the hyphen and the apostrophe.
_CHUNK = re.compile(r"[^\w\s\-'’]+")
_WORD = re.compile(r"[^\W_][\w\-'’]*")


def find_topics(papers: Sequence[Paper]) -> list[Topic]:
    """The profile's lines of work, named, with an "other work" bucket last among equals."""
    if not papers:
        return []
    documents = [_document(p) for p in papers]
    language_stops = stop_words(documents)
    stops = language_stops | BOILERPLATE
    matrix, terms = _tfidf(documents, stops)
    # Rows are unit vectors (or empty when no term is left): their cosines, once.
    similarity = (matrix @ matrix.T).toarray()
    labels = _cluster(similarity)
    baseline = _baseline(similarity)
    groups = [list(np.flatnonzero(labels == c)) for c in sorted(set(labels.tolist()))]
    if len(groups) > 1:
        groups, others = _split_others(groups, similarity, baseline)
    else:
        others = []
    relaxed: tuple[csr_matrix, list[str]] | None = None
    topics: list[Topic] = []
    named_groups = []
    taken: set[str] = set()
    index = PhraseIndex(papers, language_stops)
    # Bigger lines choose their names first; the smallest key settles ties.
    # A correction or erratum is a notice about another paper, not more work on its line:
    # a paper and its correction alone make no line.
    notices = {i for i, p in enumerate(papers) if NOTICE_TITLE.match(p.title)}
    for members in sorted(groups, key=lambda m: (-len(m), min(m))):
        # A name that would set half the line or more apart (_off_name: "flight", of two
        # of four papers on wearable load monitoring, the two others on driving) gives way
        # to the best name that keeps most of it ("forehead EEG-fNIRS headband", which all
        # four use), when one does.
        keeps_most = (lambda n, m=members: 2 * len(_misfits(m, n, index, similarity))
                      < len(m)) if len(groups) > 1 and len(members) >= 4 else None
        name = (keeps_most and index.name(members, taken, keeps_most)) \
            or index.name(members, taken) \
            if len([m for m in members if m not in notices]) >= 2 else None
        if name is None and len(groups) > 1:
            others += members  # no phrase two of them share: not a line of work
            continue
        if name is not None and (len(groups) > 1 or others):
            members, strays = _off_name(members, name, index)
            others += strays
            if len([m for m in members if m not in notices]) < 2:
                others += members  # what is left under the name is a paper and its notice
                continue
        named_groups.append((members, name))
    if others and named_groups:
        named_groups, others = _title_joins(named_groups, others, index, similarity, baseline)
    for members, name in named_groups:
        topic = _topic(papers, matrix, terms, members, name)
        if not topic.keywords:
            # Each of the cluster's words is in over half the papers, so the pruning left
            # it none; its keywords come from every term instead of it being "untitled".
            relaxed = relaxed or _tfidf(documents, stops, prune=False)
            topic = _topic(papers, *relaxed, members, name)
        topics.append(_with_cohesion(topic, members, similarity, baseline))
    if others:
        if not topics:  # nothing forms a line: one topic holds the profile, as before
            members = sorted(others)
            topic = _topic(papers, matrix, terms, members, index.name(members, taken))
            topics.append(topic)
        else:
            other = _topic(papers, matrix, terms, sorted(others), None)
            topics.append(other.model_copy(update={"other": True, "label": "other work"}))
    # None sorts last; a bigger topic goes first within a year; the first key settles
    # ties; other work comes after every line.
    topics.sort(key=lambda t: (t.other, t.first_year is None, t.first_year or 0,
                               -len(t.paper_keys), t.paper_keys[0]))
    return [t.model_copy(update={"id": f"t{i}"}) for i, t in enumerate(topics, start=1)]


def _document(paper: Paper) -> str:
    """Title and abstract without URLs, whose pieces are not topics."""
    return f"{paper.title}. {_without_urls(paper.abstract)}"


def _without_urls(text: str) -> str:
    """The text with each URL a space. Most abstracts have none, and finding that out
    by substring is far quicker than by the URL pattern (case-blind, tried at every
    character): a report reads each abstract a few times (documents, phrase index, names)."""
    low = text.lower()
    return URL.sub(" ", text) if "http" in low or "www." in low else text


def _tfidf(documents: list[str], stops: frozenset[str], prune: bool = True
           ) -> tuple[csr_matrix, list[str]]:
    """L2-normalised TF-IDF rows; a term must recur unless the profile is small.

    Two-word phrases are kept only when they recur in two papers: within one
    paper, dropping stop words glues unrelated words into false phrases.
    """
    # scipy loads when a profile is analysed, not with the module: a report whose fact
    # sheet is cached needs neither it nor the TF-IDF (agent/memo.py).
    from scipy.sparse import csr_matrix

    heap.settle("scipy's sparse matrices")
    many = prune and len(documents) >= 10
    # (min_df, max_df, longest n-gram): pruned phrases of two words, else every word.
    settings = [(2, 0.5, 2)] if many else []
    settings.append((1, 1.0, 1))
    for min_df, max_df, longest in settings:
        analyzer = tfidf.word_ngrams(_TOKEN, stops, (1, longest))
        try:
            fitted = tfidf.fit(documents, analyzer, min_df=min_df, max_df=max_df,
                               sublinear_tf=True)
        except ValueError:  # no term left after pruning
            continue
        return fitted.matrix, fitted.features
    return csr_matrix((len(documents), 0)), []


def _cluster(similarity: np.ndarray) -> np.ndarray:
    """Ward clustering on cosine geometry; k is the best silhouette in 2..n/3 (max 12).

    The papers' TF-IDF rows are unit vectors, so Euclidean distance is
    sqrt(2 * cosine distance) and Ward's criterion works on the cosine geometry
    (the similarity given is their cosines). The tree is built once
    and cut at every k; the smallest k wins a tie. Fewer than six papers, or no
    k with a positive silhouette, give one topic.
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    heap.settle("scipy's clustering")

    n = similarity.shape[0]
    k_max = min(_MAX_TOPICS, n // _PAPERS_PER_TOPIC)
    if k_max < 2 or not similarity.any():  # no term left: nothing to tell papers apart
        return np.zeros(n, dtype=int)
    cosine = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(cosine, 0.0)
    cosine = (cosine + cosine.T) / 2  # exact symmetry for squareform
    tree = linkage(squareform(np.sqrt(2.0 * cosine), checks=False), method="ward")
    best, best_score = np.zeros(n, dtype=int), 0.0
    for k in range(2, k_max + 1):
        labels = fcluster(tree, k, criterion="maxclust") - 1
        if not 2 <= len(set(labels.tolist())) <= n - 1:
            continue
        score = _silhouette(cosine, labels)
        if score > best_score + 1e-12:
            best, best_score = labels, score
    return best


def _silhouette(distance: np.ndarray, labels: np.ndarray) -> float:
    """The mean silhouette of a labelling on a precomputed distance matrix, computed as
    scikit-learn's silhouette_score(metric="precomputed") does, step for step (the same
    sums in the same order, so the same floats; tests/pipeline/test_analyze.py compares).

    By hand because the library checks and converts its arguments on every call: the up
    to 11 calls of a profile cost ~12 ms of a report's own time (issue 18), the arithmetic
    on a few dozen papers a fraction of a millisecond."""
    _, labels = np.unique(labels, return_inverse=True)
    freqs = np.bincount(labels)
    # Per paper, the sum of its distances to each cluster.
    sums = np.stack([np.bincount(labels, weights=row, minlength=len(freqs))
                     for row in distance])
    rows = np.arange(len(labels))
    intra = sums[rows, labels]
    sums[rows, labels] = np.inf
    inter = (sums / freqs).min(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        intra = intra / (freqs - 1).take(labels, mode="clip")
        samples = (inter - intra) / np.maximum(intra, inter)
    # A paper alone in its cluster has no silhouette (0/0): 0, as the library has it.
    return float(np.mean(np.nan_to_num(samples)))


# --- other work and cohesion -----------------------------------------------------------


def _baseline(similarity: np.ndarray) -> float:
    """The mean cosine between two different papers of the profile."""
    n = similarity.shape[0]
    if n < 2:
        return 0.0
    upper = similarity[np.triu_indices(n, 1)]
    return float(upper.mean())


def _split_others(groups: list[list[int]], similarity: np.ndarray, baseline: float
                  ) -> tuple[list[list[int]], list[int]]:
    """Take out of each cluster the papers that read no more like it than like the profile.

    A paper's fit is its mean cosine to the cluster's other members. Removal is
    repeated until the cluster is stable, since one stray paper lowers the others'
    fit; a cluster left with one paper gives it up too."""
    kept, others = [], []
    for members in groups:
        members = list(members)
        while len(members) >= 2:
            fits = [_fit(i, members, similarity) for i in members]
            worst = int(np.argmin(fits))
            if fits[worst] >= OTHER_RATIO * baseline:
                break
            others.append(members.pop(worst))
        if len(members) >= 2:
            kept.append(members)
        else:
            others += members
    return kept, others


def _title_joins(named: list[tuple[list[int], str | None]], others: list[int],
                 index: PhraseIndex, similarity: np.ndarray, baseline: float
                 ) -> tuple[list[tuple[list[int], str | None]], list[int]]:
    """A paper of no line whose title uses a line's name joins that line ("Diffusion
    Policies for Bimanual Manipulation" joins "manipulation"), when it reads at least as
    much like the line as like the profile; of two such lines, the one it fits best.

    The clusters are cut from the papers' whole text, where a title's few words weigh
    little; a reader sorts a paper by what its title says it is about."""
    lines = [(list(members), name) for members, name in named]
    stray = []
    for i in others:
        users = [(k, _fit(i, [*members, i], similarity)) for k, (members, name) in
                 enumerate(lines) if name and i in index.title.get(" ".join(_tokens(name)), ())]
        users = [(k, fit) for k, fit in users if fit >= baseline]
        if not users:
            stray.append(i)
            continue
        k = max(users, key=lambda kf: (kf[1], -kf[0]))[0]
        lines[k] = (sorted([*lines[k][0], i]), lines[k][1])
    return lines, stray


def _off_name(members: list[int], name: str, index: PhraseIndex
              ) -> tuple[list[int], list[int]]:
    """The line's members split into those that stay and those that leave: a member
    leaves when it uses none of the name's telling words (index.says_of), however much
    it reads like the members that do.

    The prose tells every paper of a line as work on the line's name ("work on sodium
    (4 papers)", each paper cited under the line's heading), so a lithium-electrolyte
    paper kept in "sodium" for reading alike, or a kittiwake study in "Atlantic
    puffins", would be told as what it is not. It goes to other work, or joins a line
    its title names (_title_joins)."""
    words = index.telling_words(name)
    users = [i for i in members if index.says_of(i, words)]
    if len(users) < 2 or len(users) == len(members):
        return members, []
    return users, [i for i in members if i not in users]


def _misfits(members: list[int], name: str, index: PhraseIndex, similarity: np.ndarray
             ) -> list[int]:
    """The members that use none of the name's telling words and read unlike the members
    that do: their mean cosine to those is under OFF_NAME_FIT of the users' own (the
    median of each user's fit to the other users). A name that would leave half its line
    such misfits is the clustering's accident, not the line's name."""
    users, others = _off_name(members, name, index)
    if not others:
        return []
    typical = float(np.median([_fit(i, users, similarity) for i in users]))
    return [i for i in others if _fit(i, [*users, i], similarity) < OFF_NAME_FIT * typical]


def _fit(i: int, members: Sequence[int], similarity: np.ndarray) -> float:
    rest = [j for j in members if j != i]
    return float(similarity[i, rest].mean()) if rest else 0.0


def _with_cohesion(topic: Topic, members: Sequence[int], similarity: np.ndarray,
                   baseline: float) -> Topic:
    """The line's mean pairwise cosine over the profile's (1.0: no tighter than chance)."""
    if len(members) < 2 or baseline <= 0:
        return topic
    block = similarity[np.ix_(members, members)]
    inner = float(block[np.triu_indices(len(members), 1)].mean())
    return topic.model_copy(update={"cohesion": round(inner / baseline, 2)})


# --- names -------------------------------------------------------------------------------


def _tokens(chunk: str) -> list[str]:
    """A chunk's words, folded; a hyphenated word gives its parts ("pre-training": "pre",
    "training"), so that "Pre-Training" and "pre training" are one phrase."""
    return [t for w in _WORD.findall(chunk) for t in _word_tokens(w)]


@lru_cache(maxsize=1 << 16)
def _word_tokens(word: str) -> tuple[str, ...]:
    """_tokens of one word that _WORD found (it finds the word whole again).

    Remembered per word: a profile's phrase index tokenises every title and abstract
    three times (its candidates, its n-grams and its words) and most words recur across
    papers."""
    return tuple(t for t in word.casefold().strip("'’").split("-") if t)


def _chunks(text: str) -> list[list[str]]:
    """The words of each run of the text between punctuation (_CHUNK), as _WORD finds
    them. Found once a text: the phrase index reads every title and abstract for its
    candidates, its n-grams and its words, and finding the words is most of the cost.
    No word runs across a split (_WORD takes no character _CHUNK does), so the chunks'
    words are the text's."""
    return [_WORD.findall(chunk) for chunk in _CHUNK.split(text)]


def _ngrams(chunks: list[list[str]], names: set[str], starts: set[str]) -> set[str]:
    """The names among the runs of up to six words of a text (its _chunks) that cross no
    punctuation, folded.

    starts: every beginning of a name that ends at a word (_starts). A run that begins
    no name is not lengthened: the text's every run would be made, and almost all
    thrown away."""
    found: set[str] = set()
    for words in chunks:
        tokens = [t for w in words for t in _word_tokens(w)]
        last = len(tokens)
        for i, run in enumerate(tokens):
            if run not in starts:
                continue  # most words begin no name: the run is not lengthened
            if run in names:
                found.add(run)
            for j in range(i + 1, min(i + _MAX_NAME_WORDS, last)):
                run += " " + tokens[j]
                if run not in starts:
                    break
                if run in names:
                    found.add(run)
    return found


def _starts(names: set[str]) -> set[str]:
    """Every beginning of the names that ends where a word does, the names included."""
    starts = set(names)
    for name in names:
        space = name.find(" ")
        while space != -1:
            starts.add(name[:space])
            space = name.find(" ", space + 1)
    return starts


def _candidates(chunks: list[list[str]], stops: frozenset[str]) -> set[str]:
    """The phrases that could name a line: the endings of a text's noun phrases (the
    text as _chunks).

    A noun phrase is a run of words between stop words and punctuation ("of" may
    join two words: "mixture of experts"); English puts a phrase's head last, so
    its endings ("language model pre-training", "pre-training") still name
    something, while its beginnings ("cross-lingual language") do not."""
    found: set[str] = set()
    for words in chunks:
        runs: list[list[str]] = [[]]
        for i, word in enumerate(words):
            folded = word.casefold()
            # _is_stop, written out: it is asked of every word of every title and abstract.
            joins = (folded == "of" and runs[-1] and i + 1 < len(words)
                     and not _is_stop(words[i + 1].casefold(), stops)) \
                or (i + 1 < len(words) and _latin(folded, words[i + 1].casefold()))
            if joins or not (folded in stops or len(folded) < 2):
                runs[-1].append(word)
            elif runs[-1]:
                runs.append([])
        for run in runs:
            # Every word gives one token or more, so an ending of more than
            # _MAX_NAME_WORDS words is too long whatever its words: only the last few
            # words begin an ending, and each word is tokenised once.
            tokens = [_word_tokens(word) for word in run]
            ending: list[str] = []
            for k in range(len(run) - 1, max(len(run) - _MAX_NAME_WORDS, 0) - 1, -1):
                ending = [*tokens[k], *ending]
                if run[k].casefold() != "of" and 0 < len(ending) <= _MAX_NAME_WORDS:
                    found.add(" ".join(ending))
    return found


def _is_stop(word: str, stops: frozenset[str]) -> bool:
    return word in stops or len(word) < 2


# Latin phrases of the sciences whose first word is a stop word: "in situ X-ray
# diffraction" is no "situ X-ray diffraction".
_LATIN = {"in": frozenset("situ vivo vitro silico operando utero planta".split()),
          "ex": frozenset("situ vivo vitro".split()), "de": frozenset({"novo"}),
          "ab": frozenset({"initio"})}
_LATIN_SECOND = frozenset().union(*_LATIN.values())


def _latin(first: str, second: str) -> bool:
    """Whether the two words (folded) are one of _LATIN's phrases."""
    return second in _LATIN.get(first, ())


# Units of measurement as a phrase's first word (folded): what a figure before it measures
# in, no part of a name.
_UNITS = frozenset("""
nm μm um mm cm km kg mg μg ug ms μs ns ps hz khz mhz ghz thz ev kev mev gev tev kw mw gw
kwh mwh mah db dpi fps mbps gbps kda ha ml m2 m3 km2
""".split())

# Spans of time as a phrase's first word: "years of fuzzing" (of "Five Years of Fuzzing")
# says how long, not what.
_TIMES = frozenset("seconds minutes hours days weeks months years decades centuries".split())


# Names joined by an en dash into one eponym: "Lindqvist–Moreau", "Kővári–Sós–Turán".
_EPONYM = re.compile(r"\b[A-Z][^\W\d_]+(?:–[A-Z][^\W\d_]+)+")
# What a paper of the field does, not what it is about: alone, no line's name ("work on
# conjecture", of "a disproof of the Lindqvist–Moreau conjecture").
_GENRE_WORDS = frozenset("conjecture conjectures theorem theorems lemma lemmas proof proofs "
                         "question questions problem problems answer answers result results "
                         "case cases comparison comparisons".split())
# Words of degree and comparison, which name nothing alone ("far", of "... graphs far from
# Füredi's construction"). Written by hand: WordNet lists most of them as nouns too, by
# rare senses, and no tagger ships in a wheel here.
_DEGREE_WORDS = frozenset("far near close high low large small big new old long short early "
                          "late fast slow good best better worse more most less least many "
                          "much few several various different similar same other such "
                          "own".split())
# People and things a participle after them says something of: "people living (with
# dementia)", "patients receiving (dialysis)". Plurals in -s are read by their ending.
_PLURALS = frozenset("people children men women".split())


def _clause_cut(words: Sequence[str]) -> bool:
    """Whether a phrase ends in a participle said of the plural before it, a clause cut
    short ("family carers of people living", of "... People Living with Dementia"), not a
    name: a name ends in its head ("nurse staffing", "machine learning", "home visiting",
    whose -ing word is done to the singular before it)."""
    if len(words) >= 3 and words[-2] == "of" and words[-1] in _PLURALS:
        return True  # "family carers of people", of "... of People Living with Dementia"
    if len(words) < 2 or not words[-1].endswith("ing") or len(words[-1]) < 6:
        return False
    before = words[-2]
    return before in _PLURALS or (before.endswith("s") and not before.endswith(("ss", "us",
                                                                             "is")))


# Nouns that name one study, not a line of work, when a name would end in them.
_ONE_WORK = frozenset("experiment study trial survey campaign project challenge competition "
                      "expedition".split())


# Places a study is set in ("the Velmora metropolitan region", "Port Aldine's 212
# municipalities"): where its papers were done, not what they study, so no name of a line.
_PLACES = frozenset("region regions city cities county counties province provinces district "
                    "districts municipality municipalities".split())


# The prepositions that end a name's head: "efflux pump of Klebsiella pneumoniae".
HEAD_PREPOSITIONS = frozenset("of in for on from with at by under".split())


# Verbs a title claims with ("... Visits Increase Facility Births"): a phrase they open is
# a finding, no line's name ("increase facility births" fails the verifier where a paper
# says "less").
_CLAIM_VERBS = frozenset("increase increases decrease decreases reduce reduces improve "
                         "improves raise raises lower lowers boost boosts prevent prevents "
                         "promote promotes enhance enhances worsen worsens".split())


class PhraseIndex:
    """Which papers use each phrase that could name a line, in the title and in the
    abstract: built once per profile, so naming a line is set arithmetic."""

    def __init__(self, papers: Sequence[Paper], stops: frozenset[str]) -> None:
        self.papers = papers
        self.stops = stops
        self.prose = " ".join(_without_urls(p.abstract) for p in papers)
        titles = [_chunks(p.title) for p in papers]
        abstracts = [_chunks(_without_urls(p.abstract)) for p in papers]
        self.candidates = [_candidates(t, stops) | _candidates(a, stops)
                           for t, a in zip(titles, abstracts)]
        # The people an eponym joins ("the Lindqvist–Moreau conjecture", "Kővári–Sós–
        # Turán"): each name alone is a person, not a line of work.
        self.eponyms = {w.casefold() for p in papers for m in _EPONYM.finditer(
            f"{p.title} {p.abstract}") for w in m.group(0).split("–")}
        names = {c for found in self.candidates for c in found if self._nameable(c)}
        starts = _starts(names)
        # Each paper's words, folded, for whether it uses a name's telling word.
        self.words = [{t for words in [*title, *abstract] for w in words
                       for t in _word_tokens(w)} for title, abstract in zip(titles, abstracts)]
        # Hyphenated words, folded as names are ("sars cov 2"): each is one written word.
        self.compounds = {" ".join(_word_tokens(w)) for chunks in titles for words in chunks
                          for w in words if "-" in w}
        self.title: dict[str, set[int]] = {}
        self.abstract: dict[str, set[int]] = {}
        for i, (title, abstract) in enumerate(zip(titles, abstracts)):
            for phrase in _ngrams(title, names, starts):
                self.title.setdefault(phrase, set()).add(i)
            for phrase in _ngrams(abstract, names, starts):
                self.abstract.setdefault(phrase, set()).add(i)

    def telling_words(self, name: str) -> list[str]:
        """The words of a name that say what it is about: not stop words, not words every
        abstract uses, not adjectives ("named" in "named entity", "lingual" in
        "cross-lingual"); when that leaves none, every word that is not a stop word."""
        words = [w for w in _tokens(name) if not _is_stop(w, self.stops)]
        telling = [w for w in words if w not in BOILERPLATE and not w.endswith(_ADJECTIVE)]
        return telling or words

    def says_of(self, i: int, words: Sequence[str]) -> bool:
        """Whether paper i uses one of the words, in the singular or the plural ("network"
        for "networks"), in its title or its abstract."""
        used = self.words[i]
        return any(w in used or f"{w}s" in used or (w.endswith("s") and w[:-1] in used)
                   for w in words)

    def _written_words(self, phrase: str) -> int:
        """How many words a phrase is as the papers write it: "SARS-CoV-2" (folded to "sars
        cov 2") is one name, not three words that a longer name would be."""
        words = phrase.split()
        joined, i = 0, 0
        while i < len(words):  # the longest compound that starts at each word
            length = next((n for n in range(len(words) - i, 1, -1)
                           if " ".join(words[i:i + n]) in self.compounds), 1)
            joined += length - 1
            i += length
        return len(words) - joined

    def _nameable(self, phrase: str) -> bool:
        """A name neither starts with a stop word ("on-policy" is "on policy"; "in situ"
        aside), a verb of a claim ("increase facility births", of "Do Community Health
        Worker Pregnancy Visits Still Increase Facility Births?") nor the second word of a
        Latin phrase ("situ"), a word
        every abstract uses ("effective"), a unit ("μm transmission spectrum", of "a 0.6-5.3
        μm transmission spectrum") or a span of time ("years of fuzzing"), nor ends with an
        adjective ("cross-lingual") or a place a study is set in ("Velmora metropolitan
        region", _PLACES)."""
        words = phrase.split()
        if words[0] in _LATIN_SECOND or not any(c.isalpha() for c in phrase) \
                or words[0][0].isdigit():
            # "situ X-ray diffraction", the half of "in situ"; "2011", no name; "28
            # Norwegian hospitals", a count of what one study used, no line of work
            return False
        latin = len(words) > 2 and _latin(words[0], words[1])  # "in situ X-ray diffraction"
        return not ((_is_stop(words[0], self.stops) and not latin) or words[0] in BOILERPLATE
                    or words[0] in _UNITS or words[0] in _TIMES or words[0] in _CLAIM_VERBS
                    or words[-1].endswith(_ADJECTIVE) or _clause_cut(words)
                    or words[-1] in _PLACES
                    or (len(words) == 1 and words[0] in _GENRE_WORDS | _DEGREE_WORDS)
                    or all(w in self.eponyms for w in words))

    def ranked(self, members: Sequence[int]) -> list[tuple[float, str]]:
        """Every phrase that could name the members' line, best first, with its score:
        c-TF-IDF (titles count double) times the share of the phrase's users that are
        the line's, so that a phrase every line uses ("large language models") names none
        of them, and a bonus per word, so that a whole name beats its last word."""
        group = set(members)
        needed = 2 if len(group) >= 2 else 1
        n = len(self.papers)
        scored: list[tuple[float, str]] = []
        for phrase in sorted({c for i in group for c in self.candidates[i]}):
            in_titles = self.title.get(phrase, set()) & group
            if not in_titles:
                continue  # titles first: a line is named by what one of its titles says
            users = self.title.get(phrase, set()) | self.abstract.get(phrase, set())
            inside = users & group
            if len(inside) < needed:
                continue
            weight = _TITLE_WEIGHT * len(in_titles) + len(self.abstract.get(phrase, set())
                                                          & group)
            score = weight * math.log((n + 1) / len(users)) * len(inside) / len(users)
            score *= 1 + _WORD_BONUS * (self._written_words(phrase) - 1)
            scored.append((score, phrase))
        return sorted(scored, key=lambda item: (-item[0], item[1]))

    def name(self, members: Sequence[int], taken: set[str],
             accept: Callable[[str], bool] | None = None) -> str | None:
        """The best phrase at least two of the members use, in the papers' own spelling,
        and not another line's name (plural aside); None when no phrase is shared. The
        best phrase gives way to a longer one that holds it whole, when two of the
        members use that one too (complete). accept: a test the name must pass too."""
        text = " ".join(_document(self.papers[i]) for i in members)
        for _, phrase in self.ranked(members):
            phrase = self.complete(phrase, members)
            if phrase.rstrip("s") not in taken:
                # Whether a word is a proper name ("Lisbon") is the profile's to tell: the
                # line's own papers may have no abstract to tell it.
                surfaced = self._counted(_surface(phrase, text, self.prose))
                if accept is not None and not accept(surfaced):
                    continue
                if " " not in phrase and self._title_word_only(phrase, members):
                    continue
                if self._cut_from_longer(phrase):
                    continue
                taken.add(phrase.rstrip("s"))
                return surfaced
        return None

    def _cut_from_longer(self, phrase: str) -> bool:
        """Whether the papers write the phrase only after one and the same word that is
        part of its name: "process emulator", of "a Gaussian process emulator" each time,
        is the back of a term, not a term ("language models" after "large" and "small"
        stays one)."""
        users = self.title.get(phrase, set()) | self.abstract.get(phrase, set())
        pattern = re.compile(rf"(?<![\w-])(?:([A-Za-z][\w]*)[\s-]+)?{_as_written(phrase)}\b",
                             re.I)
        before = {(m[1] or "").casefold() for i in users
                  for m in pattern.finditer(_document(self.papers[i]))}
        if len(before) != 1:
            return False
        word = before.pop()
        return len(word) >= 3 and word.isalpha() and not _is_stop(word, self.stops) \
            and word not in BOILERPLATE

    def _title_word_only(self, word: str, members: Sequence[int]) -> bool:
        """Whether a one-word name is a word of titles that no abstract of the profile uses,
        while the line's papers have abstracts: "reveals", of "Environmental DNA Reveals
        Overlooked Populations ..." and "... Surveillance Reveals the Distribution ...",
        is a title's verb, no subject of work; a subject is written in prose too."""
        if not any(self.papers[i].abstract.strip() for i in members):
            return False
        return not re.search(rf"\b{re.escape(word)}\b", self.prose, re.I)

    def _counted(self, name: str) -> str:
        """A name of one singular noun in its plural when the papers write the plural as
        often as the singular: "work on marketplaces", not "turns to marketplace", which
        no article can mend in every sentence a name goes into. A noun the papers never
        write in the plural ("sodium", "wastewater", "fuzzing") is a mass noun, and stays."""
        low = f"{self.prose} {' '.join(p.title for p in self.papers)}".lower()
        if " " in name:
            return self._counted_head(name, low)
        if not name.isalpha() or not name.islower() or name.endswith("s"):
            return name
        singular = len(re.findall(rf"\b{name}\b", low))
        plural = len(re.findall(rf"\b{name}s\b", low))
        return f"{name}s" if plural and plural >= singular else name

    @staticmethod
    def _counted_head(name: str, low: str) -> str:
        """A longer name whose head is a singular noun the papers also count, in the plural:
        "efflux pumps of Klebsiella pneumoniae", not "centre on efflux pump of Klebsiella
        pneumoniae", which wants an article no sentence gives it. The head is the word
        before the name's first preposition, else its last; a mass noun ("cryo-electron
        microscopy", "risk sharing"), a name ("HsxT") or an irregular plural stays."""
        words = name.split()
        at = next((i - 1 for i, w in enumerate(words) if i and w in HEAD_PREPOSITIONS),
                  len(words) - 1)
        head = words[at]
        if not head.isalpha() or not head.islower() or head.endswith(("s", "ing")) \
                or len(head) < 3:
            return name
        plural = f"{head[:-1]}ies" if head.endswith("y") and head[-2] not in "aeiou" \
            else f"{head}es" if head.endswith(("x", "ch", "sh")) else f"{head}s"
        written = _as_written(" ".join([*words[:at], plural]))
        if not re.search(rf"\b{written}\b", low):
            return name
        return " ".join([*words[:at], plural, *words[at + 1:]])

    def complete(self, phrase: str, members: Sequence[int]) -> str:
        """The longest phrase that holds the given one whole and says more ("named entity
        recognition" for "named entity", "protein design" for "protein"), when at least
        two of the members use it, in a title or an abstract; else the phrase itself.
        The words it adds must say what the papers are about: "manipulation tasks" is
        no more complete than "manipulation" ("tasks" is a word every abstract uses)."""
        group = set(members)
        inner = f" {phrase} "
        best, best_key = phrase, (len(phrase.split()), 0)
        for longer in sorted({c for i in group for c in self.candidates[i]}):
            if inner not in f" {longer} " or not self._nameable(longer):
                continue
            added = f" {longer} ".replace(inner, " ", 1).split()
            if not any(w.isalpha() and w not in BOILERPLATE and not _is_stop(w, self.stops)
                       for w in added):
                continue
            if any(c.isdigit() for w in added for c in w):
                # "distance-3 surface code", "60-qubit processors": one setting of the
                # thing some papers study, not the line that studies it.
                continue
            if longer.split()[-1] in _ONE_WORK and phrase.split()[-1] != longer.split()[-1]:
                # "Merrow random circuit sampling experiment": one study that several
                # papers speak of, not the line ("random circuit sampling") they are in.
                continue
            users = (self.title.get(longer, set()) | self.abstract.get(longer, set())) & group
            key = (len(longer.split()), len(users))
            if len(users) >= 2 and key > best_key and not self._heads_a_list(longer, users):
                best, best_key = longer, key
        return best

    def _heads_a_list(self, phrase: str, users: set[int]) -> bool:
        """Whether the papers write the phrase only as the start of a list: "constitutional
        courts of Germany" of "the constitutional courts of Germany, South Africa, Colombia,
        Hungary and Taiwan" names one of five."""
        pattern = re.compile(rf"\b{_as_written(phrase)}"
                             r"\b(?P<next>\s*,\s*[A-Z]|\s+(?:and|or)\s+[A-Z])?", re.I)
        found = [m for i in users for m in pattern.finditer(_document(self.papers[i]))]
        return bool(found) and all(m["next"] for m in found)


def _as_written(folded: str) -> str:
    """A pattern of a folded phrase ("sars cov 2") as the papers may write it: its words
    apart by spaces or hyphens ("SARS-CoV-2")."""
    return r"[\s\-]+".join(map(re.escape, folded.split()))


def singular_heads(folded: str) -> list[str]:
    """The inverse of PhraseIndex._counted_head, for finding a plural name's users: the
    phrase with a plural word made singular, one word at a time, where it is a word before
    a preposition or the last of two or more: "efflux pumps of klebsiella pneumoniae" ->
    "efflux pump of klebsiella pneumoniae", "surface codes" -> "surface code"; none for a
    phrase with no such word."""
    words = folded.split()
    found = []
    for i, word in enumerate(words):
        if (i + 1 == len(words) and i or i + 1 < len(words) and words[i + 1] in
                HEAD_PREPOSITIONS) and word.endswith("s") and not word.endswith("ss") \
                and len(word) > 3:
            stem = word[:-3] + "y" if word.endswith("ies") else \
                word[:-2] if word.endswith(("xes", "ches", "shes")) else word[:-1]
            found.append(" ".join([*words[:i], stem, *words[i + 1:]]))
    return found


# --- keywords and labels -----------------------------------------------------------------


def _topic(papers: Sequence[Paper], matrix: csr_matrix, terms: list[str],
           members: Sequence[int], name: str | None) -> Topic:
    """One topic from its member rows; the id is set once all topics are ordered."""
    rows = list(members)
    keys = [papers[i].key for i in rows]
    years = [papers[i].year for i in rows if papers[i].year is not None]
    keywords = _keywords(np.asarray(matrix[rows].mean(axis=0)).ravel(), terms) if terms else []
    text = " ".join(_document(papers[i]) for i in rows)
    prose = " ".join(_without_urls(papers[i].abstract) for i in rows)
    keywords = [_surface(k, text, prose) for k in keywords]
    label = name or ", ".join(keywords[:_LABEL_KEYWORDS]) or "untitled"
    return Topic(id="", label=label, keywords=keywords, paper_keys=keys, named=name is not None,
                 first_year=min(years, default=None), last_year=max(years, default=None))


def _surface(term: str, text: str, prose: str = "") -> str:
    """A term as the papers write it: "pre training" is "pre-training", "bitnet" is
    "BitNet"; capitals survive only inside a word (BitNet, MoE), in acronyms (LLM), or
    in a proper name the abstracts (prose) never write in lower case ("Facebook")."""
    pattern = rf"\b{_as_written(term)}\b"
    if text.isascii() and term.isascii() and term.islower():
        # The same matches, found case by case in the text lowered (which keeps every
        # position of an ASCII text): a scan of every member's document per keyword,
        # several times quicker than a case-blind one.
        forms = Counter(_matches(re.compile(pattern), term.split()[0], text.lower(), text))
    else:
        forms = Counter(re.findall(pattern, text, flags=re.I))
    if not forms:
        return term
    form = max(forms, key=lambda f: (forms[f], f.islower(), f))
    if form[:1].isupper() and prose and _proper(pattern, prose):
        return form  # "Facebook": never written in lower case inside a sentence
    if form[:1].isupper() and any(map(_inner_capital, form.split())) \
            and _proper(pattern, prose, least=0):
        # "DSA Transparency Database", written so the one time a sentence names it (or only
        # in titles): a name with an acronym is a proper name unless a sentence lowers it.
        return form
    if prose and form != form.lower() and (written := _as_sentences_write(pattern, prose)):
        # "upper Maipo River": written one way wherever a sentence names it (not at a
        # start), the name keeps that way, a capital its words lack alone included.
        return written
    # "Tanzanian referral hospitals": a word of the name that is a proper name alone keeps
    # its capital, and so does one with capitals inside it ("BitNet", "DNA"); the rest is
    # lowered, as a title's capitals are no part of the name ("Ancient DNA").
    return " ".join(w if _inner_capital(w) or (w[:1].isupper() and prose and _proper(
        rf"\b{re.escape(w)}\b", prose)) else w.lower() for w in form.split(" "))


def _inner_capital(word: str) -> bool:
    """Whether a written word has a capital after its first letter, in any of its
    hyphenated parts: an acronym or a coined name ("LLM", "BitNet", "EEG-fNIRS")."""
    return any(len(w) > 1 and w[1:] != w[1:].lower() for w in word.split("-"))


def _as_sentences_write(pattern: str, prose: str, least: int = 2) -> str | None:
    """The one way the abstracts' sentences write a term inside a sentence, where the
    abstracts write it at least `least` times in all; None when the sentences write it
    more ways than one, or it is written less often."""
    found = list(re.finditer(pattern, prose, flags=re.I))
    inside = set(_inside_sentences(found, prose))
    return next(iter(inside)) if len(inside) == 1 and len(found) >= least else None


def _proper(pattern: str, prose: str, least: int = 2) -> bool:
    """Whether a term is a proper name: inside the abstracts' sentences (not at a start;
    titles capitalise every word) it is written at least `least` times, always with a
    capital."""
    inside = _inside_sentences(re.finditer(pattern, prose, flags=re.I), prose)
    return len(inside) >= least and all(w[:1].isupper() for w in inside)


def _inside_sentences(found: Iterable[re.Match[str]], prose: str) -> list[str]:
    """The matches that stand inside a sentence, not at its start, as written."""
    return [m.group(0) for m in found
            if not re.search(r"(?:^|[.!?:]\s+)$", prose[max(0, m.start() - 3):m.start()])]


def _matches(pattern: re.Pattern[str], first: str, low: str, text: str) -> list[str]:
    """text's stretches where pattern.finditer(low) matches, in order; every match opens
    with the literal `first`.

    A pattern that opens with \\b is tried at every character of the text (the scan
    finds no literal to jump to), and a line's documents run to thousands of characters
    per keyword: str.find jumps to each place the first word starts, and the pattern
    is tried there alone. The places are those finditer tries and keeps, in its order:
    a match starts with `first`, and the next is looked for from its end (no match is
    empty). \\b reads the character before the place, as it does in finditer."""
    found: list[str] = []
    at = low.find(first)
    while at != -1:
        match = pattern.match(low, at)
        if match is None:
            at = low.find(first, at + 1)
            continue
        found.append(text[at:match.end()])
        at = low.find(first, match.end())
    return found


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
