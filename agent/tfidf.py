"""TF-IDF rows of a profile's papers, as scikit-learn's TfidfVectorizer makes them.

Written out rather than imported because importing scikit-learn (which brings scipy.stats,
optimize, interpolate and more with it) took 1.1 s of the 3.5 s a plan-mode `report` of the
example takes from the command line, more than analysing the profile: every command that
reads a profile paid it, for some thirty lines of counting (issue 18). The steps, and the
order of every sum, are the library's (scikit-learn 1.x: CountVectorizer._count_vocab,
_limit_features and _sort_features, TfidfTransformer with smooth_idf, and l2 row
normalisation), so the matrices are the same to the last bit, stored in the same order:
tests/pipeline/test_tfidf.py compares them array for array where scikit-learn is installed
(it stays a test dependency). Only what topics.py and retrieve.py use is here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Tfidf:
    """The fitted rows, the vocabulary (term -> column, columns in term order) and the
    idf of each column."""

    matrix: csr_matrix
    vocabulary: dict[str, int]
    idf: np.ndarray

    @property
    def features(self) -> list[str]:
        """The terms by column (TfidfVectorizer.get_feature_names_out)."""
        return sorted(self.vocabulary, key=self.vocabulary.__getitem__)


def word_ngrams(token_pattern: str, stop_words: frozenset[str],
                ngram_range: tuple[int, int] = (1, 1)) -> Callable[[str], list[str]]:
    """The library's word analyzer: lower-cased tokens of the pattern less the stop words,
    then their n-grams, the shorter first (VectorizerMixin._word_ngrams)."""
    find = re.compile(token_pattern).findall
    low, high = ngram_range

    def analyze(text: str) -> list[str]:
        tokens = [t for t in find(text.lower()) if t not in stop_words]
        if high == 1:
            return tokens
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high + 1, len(tokens) + 1)):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    return analyze


def fit(documents: Sequence[str], analyzer: Callable[[str], list[str]],
        min_df: int = 1, max_df: float = 1.0, sublinear_tf: bool = True) -> Tfidf:
    """TfidfVectorizer(analyzer=..., min_df=..., max_df=..., sublinear_tf=...).fit_transform.

    min_df is a count of documents, max_df a share of them, as the callers give them.
    Raises ValueError where the library does: no term at all, or none left after pruning.
    """
    from scipy.sparse import csr_matrix

    # Counting: each document's terms by the column they were first met at, in the order
    # first met within the document; the vocabulary grows in the order terms are met.
    first_seen: dict[str, int] = {}
    rows: list[dict[int, int]] = []
    for document in documents:
        counts: dict[int, int] = {}
        for term in analyzer(document):
            column = first_seen.setdefault(term, len(first_seen))
            counts[column] = counts.get(column, 0) + 1
        rows.append(counts)
    if not first_seen:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    # Pruning by document frequency (the library's _limit_features, before sorting).
    n_docs = len(documents)
    most = max_df * n_docs
    if most < min_df:
        raise ValueError("max_df corresponds to < documents than min_df")
    frequency = [0] * len(first_seen)
    for counts in rows:
        for column in counts:
            frequency[column] += 1
    kept = [min_df <= f <= most for f in frequency]
    if not any(kept):
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher "
                         "max_df.")
    # Columns in term order (_sort_features); each row keeps its entries in the order of
    # the first-seen columns (the count matrix's sorted indices, which the remapping to
    # term order leaves as they are): the order the l2 norm sums them in.
    terms = sorted(t for t, c in first_seen.items() if kept[c])
    vocabulary = {t: i for i, t in enumerate(terms)}
    column_of = {c: vocabulary[t] for t, c in first_seen.items() if kept[c]}
    idf = np.full(len(terms), n_docs + 1, dtype=np.float64)
    df = np.zeros(len(terms), dtype=np.float64)
    for column, j in column_of.items():
        df[j] = frequency[column]
    df += 1.0
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    counts_in_order: list[int] = []
    indices: list[int] = []
    indptr = [0]
    for counts in rows:
        for column, n in sorted(counts.items()):
            if kept[column]:
                counts_in_order.append(n)
                indices.append(column_of[column])
        indptr.append(len(indices))
    data = np.array(counts_in_order, dtype=np.float64)
    if sublinear_tf:
        np.log(data, out=data)  # numpy's log, as the library's: not math.log
        data += 1.0
    data *= idf[np.array(indices, dtype=np.intp)]
    # The library's inplace_csr_row_normalize_l2: a running sum of squares in row order.
    for start, end in zip(indptr, indptr[1:]):
        total = 0.0
        for value in data[start:end].tolist():
            total += value * value
        if total != 0.0:
            data[start:end] /= math.sqrt(total)
    matrix = csr_matrix((data, np.array(indices, dtype=np.int32),
                         np.array(indptr, dtype=np.int32)), shape=(n_docs, len(terms)))
    return Tfidf(matrix=matrix, vocabulary=vocabulary, idf=idf)
