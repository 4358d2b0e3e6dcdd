"""Finding papers for a question or a topic.

The Retriever ranks a profile's papers for a query by BM25 over stemmed words (bm25s;
titles count twice, and a paper's line-of-work name is part of it) plus the cosine of
static sentence embeddings (wordllama, the verifier's model), so "forecasts" finds
"forecasting" and "dialogue systems" finds conversational reading comprehension. A
query naming years ranks the papers of those years first. Whether the profile holds
anything on a query at all, and which papers are on a topic rather than near it, are
decided on a TF-IDF cosine whose thresholds were calibrated (below); mentions() finds the
papers that state a phrase word for word. Questions of fact are answered from the fact
sheet by the rules in agent/fact_questions.py, which use it for the topic a question
names.

Measured on evals/ask_cases.jsonl (questions whose papers retrieval should find, kinds
yes/no, list, comparison, work, out of record), recall@5 / MRR: TF-IDF alone 0.960 / 0.964
on the tune split and 0.882 / 0.953 on the held-out one; BM25 + 0.5 x embedding 0.971 /
0.969 and 0.971 / 0.961. The weight 0.5 was the only one tried.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cached_property, lru_cache

import numpy as np

from agent import tfidf
from agent.models import (
    FactSheet,
    Paper,
    Profile,
    Record,
)
from agent.names import normalize_name
from agent.text import ENGLISH_STOP_WORDS, URL
from agent.verify.lexicon import same_word, stem

# --- thresholds ------------------------------------------------------------------------
#
# Scores are cosines between a query and a paper (title three times + abstract),
# where query words no paper uses still count in the query's length (see
# Retriever._scores). Calibrated on examples/zewen-chi.txt (36 papers), best score:
#
#   on topic:      mixture of experts .337, table recognition .273, cross-lingual
#                  pre-training .249, distillation .224, multimodal .199, reinforcement
#                  learning .187, sparsity .180, conversational question answering .150,
#                  reasoning .148, graph neural networks .141, quantization .122 (lowest)
#   really absent: climate modelling 0, federated learning privacy .022, molecular
#                  dynamics simulation .024, recommender systems .033, quantum error
#                  correction .034, diffusion models .089, computer vision object
#                  detection .089, instruction tuning .094, hate speech detection .097
#                  (highest: "speech" from the speech-recognition report)
#   part present:  speech synthesis .096, image segmentation .116, reinforcement
#                  learning for robotics .122, graph neural networks for traffic .123,
#                  causal inference .133 (the "semi-causal" objective of one paper),
#                  protein folding with diffusion models .146, protein folding .170
#
# 0.11 sits in the gap between .097 and .122, about .012 clear of each side; the
# profile's main lines (cross-lingual pre-training, reinforcement learning, mixture
# of experts, sparsity, table recognition) all score .180 or more. The margin is
# thin and comes from one profile, so a phrase stated word for word in a paper
# covers the query too. Most part-present queries are covered: that only lets
# retrieval run, and the answer then says what the papers hold (ProtLLM is a
# protein language model, not a folding method); on_topic stays strict.
COVERS_MIN_SCORE = 0.11
# A paper at least this similar is related to a topic. On the example the seven
# papers using reinforcement learning score .065 to .187 and the next one .030;
# the floor lets in one stray paper for "named entity recognition" (the table
# paper, .080, on "recognition" alone), a cost grant paragraphs can bear.
RELATED_MIN_SCORE = 0.06
# A paper about a topic scores at least this share of the best paper's score. Short
# abstracts in a small profile inflate every score: in a five-paper profile a
# passing "unlike reinforcement learning" scored .150 against .478 for the paper
# with the words in its title. On the example, the papers this keeps out only
# evaluate on the task (MT6 for named entity recognition, .149 of .307; TorchScale
# for machine translation, .111 of .251); Promptist, which trains with
# reinforcement learning, keeps .132 of .187.
ON_TOPIC_SHARE = 0.5
# A title counts this many times against the abstract: it names what a paper is about.
TITLE_WEIGHT = 3
# In the ranking, a title's words count this many times in BM25, and the embedding cosine
# this much against BM25 scaled to the best paper's score (see the module's docstring).
BM25_TITLE_WEIGHT = 2
# A topic's most specific word sets its papers apart (see Retriever.related) when at least
# this many papers state it; with fewer there is too little to write a paragraph from,
# and the topic's other words decide ("single-cell atlases": two papers say "atlases").
MIN_SPECIFIC_PAPERS = 3
# Two words are of one root for Retriever._kin when they are one word once a suffix that
# makes a noun, an agent or a participle of it is taken off ("sensing", "sensor": "sens"),
# leaving at least _KIN_ROOT letters. A shared beginning is not enough: "recommender"
# and "recognition" share four letters and no meaning.
_KIN_SUFFIXES = ("ations", "ation", "itions", "ition", "ings", "ing", "ions", "ion", "ors", "or",
                 "ers", "er", "ments", "ment", "ives", "ive", "ed", "es", "s")
_KIN_ROOT = 4
EMBEDDING_WEIGHT = 0.5

# The scikit-learn default: two or more word characters.
_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# Punctuation that ends a clause: a phrase match must not run across it.
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]")
_BREAK = "|"
# scikit-learn's list holds a few nouns that name what research is about: "interest
# rates", "immune system", "fire regimes", "a bill", "paper mills". Dropped as stop words,
# "interest rates" was looked for as "rates", and any paper on exit rates mentioned it.
_TOPICAL = frozenset({"interest", "system", "fire", "bill", "mill"})
_STOP = frozenset(ENGLISH_STOP_WORDS) - _TOPICAL
# "Mixture-of-Experts (MoE)": up to eight words, then an acronym in brackets.
_DEFINITION = re.compile(r"((?:[A-Za-z][\w'-]*\s+){1,8})\(\s*([A-Z][A-Za-z0-9-]*[A-Z0-9])s?\s*\)")
# Words of a question that say nothing about its subject ("what has she published
# on X"); left in a query they would only lower its scores.
_QUERY_FILLER = frozenset(
    "tell explain describe summarise summarize summary overview research researched "
    "researching work works worked working paper papers publication publications "
    "publish published publishes publishing article articles wrote write writes written "
    "author authored topic topics area areas field fields did does doing done know "
    "profile record records dr prof professor".split()
)


# --- records ---------------------------------------------------------------------------


class Hit(Record):
    """One paper found for a query: its ranking score (BM25 and embeddings) and its TF-IDF
    cosine, on which the calibrated thresholds are set."""

    key: str
    score: float
    lexical: float = 0.0


class Mention(Record):
    """A paper whose title or abstract states a phrase word for word."""

    key: str
    in_title: bool
    in_abstract: bool


# --- the retriever ---------------------------------------------------------------------


def _singular(word: str) -> str:
    """A crude singular, so "networks" finds "network"; applied to both sides alike."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def content_words(text: str) -> list[str]:
    """Lower-cased, singular content words, with a break where a clause ends."""
    words: list[str] = []
    for clause in _CLAUSE_END.split(URL.sub(" ", text.lower())):
        words.extend(_singular(w) for w in _TOKEN.findall(clause) if w not in _STOP)
        words.append(_BREAK)
    return words


def _ngrams(words: Sequence[str]) -> list[str]:
    """Unigrams and bigrams that do not span a clause break."""
    grams = [w for w in words if w != _BREAK]
    grams += [f"{a} {b}" for a, b in zip(words, words[1:]) if _BREAK not in (a, b)]
    return grams


def _stemmed(words: Sequence[str]) -> list[str]:
    """Each word's stem (the verifier's), clause breaks kept."""
    return [w if w == _BREAK else stem(w) for w in words]


def _analyze(text: str) -> list[str]:
    """The vectorizer's analyzer: the same words a query and a phrase match use."""
    return _ngrams(content_words(text))


class Retriever:
    """TF-IDF over one profile's papers, built once and queried many times."""

    def __init__(self, profile: Profile, facts: FactSheet) -> None:
        self.papers = sorted(profile.papers, key=lambda p: p.key)
        # The owner's name is in most questions and says nothing about a topic.
        self._owner_words = frozenset(normalize_name(facts.owner).split())
        # Stems, as the verifier reads words, for phrase matches ("grasping" states "grasp")
        # and for the words a paper uses at all.
        self._title_stems = [_joined(_stemmed(content_words(p.title))) for p in self.papers]
        self._abstract_stems = [_joined(_stemmed(content_words(p.abstract)))
                                for p in self.papers]
        # Each paper's words as written, found when a phrase's stems are first met there.
        self._written: dict[str, set[str]] = {}
        # A name made of words ("SlideSparse", "CellAtlas2") states its words too.
        self._title_words = {p.key: set(t.split()) | _compound_stems(p.title)
                             for p, t in zip(self.papers, self._title_stems)}
        self._stems = {p.key: self._title_words[p.key] | set(a.split()) | _compound_stems(
            p.abstract) for p, a in zip(self.papers, self._abstract_stems)}
        # How many papers state each stem, counted once.
        self._document_frequency = Counter(w for stems in self._stems.values() for w in stems)
        self._acronyms = _acronyms(self.papers)
        self._bm25 = _bm25_index(self.papers, facts)
        self._embeddings = _embeddings(self.papers)
        # scipy loads here, not with the module: only ask, grant and intro search.
        from scipy.sparse import csr_matrix

        documents = [" . ".join([p.title] * TITLE_WEIGHT + [p.abstract]) for p in self.papers]
        try:
            fitted = tfidf.fit(documents, _analyze, sublinear_tf=True)
            self._matrix = fitted.matrix
            self._vocabulary: dict[str, int] = fitted.vocabulary
            self._idf = fitted.idf
        except ValueError:  # no paper, or no word left after stop words
            self._matrix = csr_matrix((len(self.papers), 0))
            self._vocabulary = {}
            self._idf = np.zeros(0)

    def search(self, query: str, k: int = 8) -> list[Hit]:
        """The k papers that best match the query, best first (papers of the years it names
        before the others); ties go by key. A paper that matches neither by a word nor by
        meaning is not returned."""
        lexical = self._lexical(query)
        ranking = self._ranking(query)
        years = _years_named(query)
        order = sorted(range(len(self.papers)), key=lambda i: (
            not _dated_in(self.papers[i], years), -ranking[i], self.papers[i].key))
        return [Hit(key=self.papers[i].key, score=round(float(ranking[i]), 6),
                    lexical=round(float(lexical[i]), 6))
                for i in order[:k] if ranking[i] > 0 or lexical[i] > 0]

    def related(self, topic: str, k: int = 8, min_score: float = RELATED_MIN_SCORE) -> list[Hit]:
        """Papers on a topic, best first, without the weak matches a ranking always has.

        A paper is related when its TF-IDF cosine reaches min_score, when it states every
        content word of the topic (as stems: "sparsity" states "sparse"; the words of a
        name like "SlideSparse" count), or when its title states the topic's most specific
        word, the one fewest papers use, and some paper states each of the topic's words.
        Of a topic of several words whose most specific word at least MIN_SPECIFIC_PAPERS
        papers state, a paper must state it: for
        "efficient sparse inference" a paper on efficient inference of another kind
        (FlashBack) is near the topic, not on it, and SlideSparse, whose title says
        "Sparsity" and whose abstract never says "efficient" or "inference", is on it.
        Measured by `research-agent eval --suite ask` (topic papers: the topics of its
        yes/no and list questions against the papers labelled relevant), precision /
        recall: the TF-IDF floor alone 0.788 / 0.872 on the tune split and 0.846 / 0.579
        held out; with these rules 0.764 / 0.894 and 0.857 / 0.632. Five variants were
        compared on both splits; this one was kept.
        """
        specific = self._most_specific_stem(topic)
        # A title word stands for the topic only where the record knows all of its words
        # ("learning" of "federated learning privacy" does not).
        all_known = all(self.stating(w) or self._kin(w) for w in self._query_stems(topic))
        wanted = [set(self._query_stems(v)) for v in self._variants(topic)]
        out = []
        for hit in self.search(topic, len(self.papers)):
            stems = self._stems[hit.key]
            if (specific is not None and len(wanted[0]) > 1 and specific not in stems
                    and self.stating(specific) >= MIN_SPECIFIC_PAPERS):
                continue
            if (hit.lexical >= min_score or self._states_all(wanted, stems)
                    or (specific is not None and all_known
                        and specific in self._title_words[hit.key])):
                out.append(hit)
        return out[:k]

    def _states_all(self, wanted: Sequence[set[str]], stems: set[str], kin: bool = False
                    ) -> bool:
        """Whether a paper's stems state every stem of one of the topic's variants (with
        kin, each by itself or a word of its root)."""
        return any(w and all(self._states(x, stems, kin) for x in w) for w in wanted)

    def _states(self, stem_: str, stems: set[str], kin: bool = False) -> bool:
        """Whether a paper's stems state a topic's stem: itself, or, for a stem no paper
        states (or with kin, any stem), a word of its root ("sensor" for "sensing":
        "tactile sensing" is what TactileNeRF's "tactile readings from a GelSight sensor"
        are)."""
        if stem_ in stems:
            return True
        if (self.stating(stem_) and not kin) or len(stem_) < _KIN_ROOT:
            return False
        root = _root(stem_)
        return any(_root(s) == root for s in stems)

    def _kin(self, stem_: str) -> bool:
        """Whether the record states a word of the same root: "sensor" for "sensing", which
        the light stem leaves apart (_root)."""
        return len(stem_) >= _KIN_ROOT and _root(stem_) in self._roots

    @cached_property
    def _roots(self) -> frozenset[str]:
        """The root of every stem the record states: asked only by topics with a word no
        paper states."""
        return frozenset(_root(w) for w in self._document_frequency if len(w) >= _KIN_ROOT)

    def stating(self, stem_: str) -> int:
        """How many papers state a stem."""
        return self._document_frequency[stem_]

    def _most_specific_stem(self, topic: str) -> str | None:
        """The topic's stem that the fewest papers state (ties by spelling), among those
        some paper states; None when no paper states any, or when even the fewest are
        more than half the papers: "learning" of "federated learning privacy" says
        nothing about what a paper is on."""
        used = {w: n for w in self._query_stems(topic) if (n := self.stating(w))}
        if not used:
            return None
        word = min(used, key=lambda w: (used[w], w))
        return word if used[word] <= len(self.papers) / 2 else None

    def unknown(self, query: str) -> bool:
        """Whether no paper uses any word of the query (by its analysed form: "robot" for
        "robots"), nor an acronym's expansion of it: the record cannot be searched for it
        by its words at all, whatever the papers say in others ("misinformation" of a
        record on false claims and fact-checks)."""
        return not any(w in self._vocabulary for q in self._variants(query)
                       for w in self._query_words(q))

    def covers(self, query: str) -> bool:
        """Whether the profile holds anything on the query, so an answer is worth writing."""
        if self.unknown(query):
            return False
        best = float(self._lexical(query).max()) if self.papers else 0.0
        if best >= COVERS_MIN_SCORE or self.mentions(query):
            return True
        # A paper that states every word of it, one by its root ("tactile sensing" in
        # "tactile readings from a GelSight sensor"), scores low when its words are rare.
        wanted = [set(self._query_stems(v)) for v in self._variants(query)]
        return any(self._states_all(wanted, stems) for stems in self._stems.values())

    def on_topic(self, topic: str) -> list[str]:
        """Keys of the papers about a topic, not merely near it.

        A paper is about the topic when its title states the topic's words (in a row, or
        every word of a topic of two or more), or
        when it uses every content word of the topic (one no paper states, by a word of
        its root: _states) and scores both
        COVERS_MIN_SCORE (alone it would make the profile cover the topic) and
        ON_TOPIC_SHARE of the best paper's score. ProtLLM scores .170 for
        "protein folding" on "protein" but never says "folding".
        """
        keys = {m.key for m in self.mentions(topic) if m.in_title}
        # A title that states every word of a topic of two words or more, not in a row:
        # "random regular graphs" is on "random graphs", whatever its abstract scores.
        for variant in self._variants(topic):
            wanted = set(self._query_stems(variant))
            if len(wanted) >= 2:
                keys |= {k for k, words in self._title_words.items() if wanted <= words}
        lexical = self._lexical(topic)
        best = float(lexical.max()) if self.papers else 0.0
        floor = max(COVERS_MIN_SCORE, ON_TOPIC_SHARE * best)
        for variant in self._variants(topic):
            wanted = set(self._query_stems(variant))
            # A word no paper states adds nothing to the score, so a paper that states it
            # by its root ("sensor" for "sensing") need only be among the best.
            least = (ON_TOPIC_SHARE * best if any(not self.stating(w) for w in wanted)
                     else floor)
            keys |= {p.key for p, score in zip(self.papers, lexical)
                     if score > 0 and score >= least
                     and self._states_all([wanted], self._stems[p.key])}
            # Where papers state a word of the topic by its root only ("tactile sensor" for
            # "tactile sensing", where two others say "senses"), the score misses it for
            # them: among the best is enough, as for a word no paper states; and so for
            # those that say it, or "senses" would ask more than "sensor".
            kin = {p.key for p, score in zip(self.papers, lexical)
                   if score > 0 and score >= ON_TOPIC_SHARE * best
                   and self._states_all([wanted], self._stems[p.key], kin=True)}
            if any(not self._states_all([wanted], self._stems[k]) for k in kin):
                keys |= kin
        return sorted(keys)

    def mentions(self, phrase: str) -> list[Mention]:
        """Papers stating the phrase's content words in order, in the title or the abstract.

        Stop words, plural endings, hyphens and the question's own filler words
        are ignored on both sides, so "mixture-of-experts" states "mixture of experts"
        and "what has she done on graph neural networks" looks for "graph neural network".
        """
        variants = [(_joined(stems), words) for v in self._variants(phrase)
                    if (stems := self._query_stems(v))
                    for words in [[w for w in self._query_words(v) if w != _BREAK]]]
        found = []
        for paper, title, abstract in zip(self.papers, self._title_stems, self._abstract_stems):
            # A stem is a word's first six letters: "electrocatalysts" and "electrolytes"
            # share one. The paper must write each word in one of its own forms.
            said = [(n, words) for n, words in variants if n in title or n in abstract]
            if not any(self._writes(paper, words) for _, words in said):
                continue
            in_title = any(n in title for n, _ in said)
            in_abstract = any(n in abstract for n, _ in said)
            found.append(Mention(key=paper.key, in_title=in_title, in_abstract=in_abstract))
        return found

    def _writes(self, paper: Paper, words: Sequence[str]) -> bool:
        """Whether the paper writes each word in a form of it (lexicon.same_word), not only
        a word of the same stem."""
        written = self._written.get(paper.key)
        if written is None:
            written = self._written[paper.key] = {
                w.lower() for w in content_words(f"{paper.title} {paper.abstract}")}
        return all(any(stem(w) == stem(q) and same_word(q.lower(), w) for w in written)
                   for q in words)

    def _lexical(self, query: str) -> np.ndarray:
        """The calibrated TF-IDF cosine of every paper, the best over the query's variants."""
        return np.max([self._scores(q) for q in self._variants(query)], axis=0)

    def _ranking(self, query: str) -> np.ndarray:
        """BM25 scaled to the best paper, plus EMBEDDING_WEIGHT times the embedding cosine
        (where the query shares a word with some paper, or the embedding alone)."""
        words = [w for v in self._variants(query) for w in self._query_stems(v)]
        scores = np.zeros(len(self.papers))
        if words and self._bm25 is not None:
            bm25 = np.asarray(self._bm25.get_scores(words), dtype=float)
            if bm25.max() > 0:
                scores += bm25 / bm25.max()
        if self._embeddings is not None and words:
            from agent import similarity

            vector = similarity.embed_texts([" ".join(self._query_words(query))])
            if vector is not None:
                scores += EMBEDDING_WEIGHT * np.clip(self._embeddings @ vector[0], 0.0, None)
        return scores

    def _variants(self, query: str) -> list[str]:
        """The query, and the query with the acronyms the papers define spelled out.

        "RL" then finds the 2022 paper that says "reinforcement learning" and
        never "RL"; a paper using only the acronym is still found by the first form.
        """
        words = set(self._query_words(query))
        found = [a for a in self._acronyms if a in words]
        if not found:
            return [query]
        spelled = query
        for acronym in found:
            spelled = re.sub(rf"(?i)\b{re.escape(acronym)}s?\b", self._acronyms[acronym], spelled)
        return [query, spelled]

    def _query_words(self, query: str) -> list[str]:
        """The query's content words, without filler and without the owner's name."""
        return [w for w in content_words(query)
                if w == _BREAK or (w not in _QUERY_FILLER and w not in self._owner_words)]

    def _query_stems(self, query: str) -> list[str]:
        """The stems of the query's words, without clause breaks."""
        return [stem(w) for w in self._query_words(query) if w != _BREAK]

    def _scores(self, query: str) -> np.ndarray:
        """Cosine of the query with every paper; unknown words lengthen the query.

        scikit-learn drops words outside the vocabulary, so "protein folding" would
        score exactly as "protein". Here an unknown word keeps the weight of a word
        no paper uses (the largest idf), which lowers the score of a query the
        profile only half matches.
        """
        if not self._vocabulary:
            return np.zeros(len(self.papers))
        counts = Counter(_ngrams(self._query_words(query)))
        unseen_idf = math.log(1 + len(self.papers)) + 1.0  # smooth idf at document frequency 0
        columns, weights, unknown = [], [], 0.0
        for term, count in counts.items():
            tf = 1.0 + math.log(count)
            if term in self._vocabulary:
                column = self._vocabulary[term]
                columns.append(column)
                weights.append(tf * float(self._idf[column]))
            elif " " not in term:  # an unseen pair of known words is no evidence of absence
                unknown += (tf * unseen_idf) ** 2
        norm = math.sqrt(sum(w * w for w in weights) + unknown)
        if not columns or norm == 0:
            return np.zeros(len(self.papers))
        vector = np.zeros(self._matrix.shape[1])
        vector[columns] = weights
        return np.asarray(self._matrix @ vector).ravel() / norm


def _bm25_index(papers: Sequence[Paper], facts: FactSheet) -> object | None:
    """BM25 over each paper's stemmed words: its title BM25_TITLE_WEIGHT times, its
    abstract and the name of its line of work."""
    if not papers:
        return None
    import bm25s  # loaded here: only ask, grant and intro search

    lines = {k: t.label for t in facts.topics if t.named and not t.other for k in t.paper_keys}
    documents = []
    for paper in papers:
        words = (content_words(paper.title) * BM25_TITLE_WEIGHT + content_words(paper.abstract)
                 + content_words(lines.get(paper.key, "")))
        documents.append([stem(w) for w in words if w != _BREAK] or ["_"])
    index = bm25s.BM25()
    index.index(documents, show_progress=False)
    return index


def _embeddings(papers: Sequence[Paper]) -> np.ndarray | None:
    """Unit embeddings of each paper's title and abstract, or None without wordllama."""
    from agent import similarity

    if not papers or not similarity.available():
        return None
    return similarity.embed_texts([f"{p.title}. {p.abstract}" for p in papers])


_YEAR_IN_QUERY = re.compile(r"\b(?:19|20)\d\d\b")


def _years_named(query: str) -> frozenset[int]:
    return frozenset(int(y) for y in _YEAR_IN_QUERY.findall(query))


def _dated_in(paper: Paper, years: frozenset[int]) -> bool:
    return bool(years) and paper.year in years


_COMPOUND = re.compile(r"\b[A-Z]?[a-z]+(?:[A-Z][a-z]+)+\d*\b")
_COMPOUND_PART = re.compile(r"[A-Z]?[a-z]+")


def _compound_stems(text: str) -> set[str]:
    """The stems of the words a CamelCase name is made of ("CellAtlas2": cell, atlas)."""
    return {stem(part) for name in _COMPOUND.findall(text)
            for part in _COMPOUND_PART.findall(name) if part.lower() not in _STOP}


def _joined(words: Sequence[str]) -> str:
    """Words as one padded string, so a phrase matches whole words only."""
    return f" {' '.join(words)} "


def _acronyms(papers: Sequence[Paper]) -> dict[str, str]:
    """Acronyms the papers define, lower-cased, each with its most frequent expansion."""
    seen: dict[str, Counter[str]] = {}
    for paper in papers:
        for match in _DEFINITION.finditer(f"{paper.title}. {paper.abstract}"):
            expansion = _expansion(match.group(1).split(), match.group(2))
            if expansion:
                seen.setdefault(match.group(2).lower(), Counter())[expansion.lower()] += 1
    # Ties go by spelling, so the table does not depend on the order of the papers.
    return {a: min(c, key=lambda e: (-c[e], e)) for a, c in seen.items()}


def acronym_form(text: str) -> str:
    """The text with each acronym it defines in the place of the words it stands for
    ("Sentinel-1 synthetic aperture radar (SAR) imagery" -> "Sentinel-1 SAR imagery"): the
    expansion _expansion finds, taken off whole words; the text unchanged where it finds
    none, or where the expansion starts inside a hyphenated word."""
    def shortened(match: re.Match[str]) -> str:
        words = match[1].split()
        expansion = _expansion(words, match[2])
        if expansion is None:
            return match[0]
        parts, taken = len(expansion.split()), 0
        while taken < len(words) and parts > 0:
            parts -= len([p for p in words[-1 - taken].split("-") if p])
            taken += 1
        return match[0] if parts < 0 else " ".join([*words[:-taken], match[2]]) + " "
    return _DEFINITION.sub(shortened, text)


def _expansion(words: Sequence[str], acronym: str) -> str | None:
    """The last words whose initials spell the acronym ("Mixture-of-Experts" for MoE)."""
    parts = [p for w in words for p in w.split("-") if p]
    letters = [c.lower() for c in acronym if c.isalpha()]
    for n in range(1, len(parts) + 1):
        tail = parts[-n:]
        if tail[0].lower() in _STOP:
            continue
        initials = [w[0].lower() for w in tail]
        content = [w[0].lower() for w in tail if w.lower() not in _STOP]
        if letters in (initials, content):
            return " ".join(tail)
    return None


@lru_cache(maxsize=1 << 14)
def _root(stem_: str) -> str:
    """A word without the one suffix of _KIN_SUFFIXES it ends with, when at least _KIN_ROOT
    letters are left: "sensor" and "sens" (of "sensing") are "sens"; "recommend" is not
    "recogn". Written here because the light stem keeps such words apart on purpose (a
    retriever that merged "sensor" and "sensing" everywhere would find too much), and only
    a word no paper states asks for its root. Not spelling._roots: that one tells a form
    of a word from a corruption of it and is lenient on purpose (three letters left, "-al"
    and "-ic" taken off, so "generation" and "general" meet); a topic needs one strict root."""
    for suffix in _KIN_SUFFIXES:
        if stem_.endswith(suffix) and len(stem_) - len(suffix) >= _KIN_ROOT:
            stem_ = stem_[:-len(suffix)]
            break
    # A consonant doubled before the suffix ("modell" of "modelling") is the word's one.
    if len(stem_) > _KIN_ROOT and stem_[-1] == stem_[-2] and stem_[-1] not in "aeiousz":
        stem_ = stem_[:-1]
    return stem_
