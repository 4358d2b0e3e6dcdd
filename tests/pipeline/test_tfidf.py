"""agent/tfidf.py against scikit-learn's TfidfVectorizer, which it stands in for (importing
the library cost a second of every command's start): the same matrices to the last bit,
stored in the same order, on every profile of the repository and on random documents."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pytest

from agent import retrieve, tfidf, topics
from agent.parse import load_profiles
from agent.text import ENGLISH_STOP_WORDS

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text",
                                   reason="scikit-learn is what agent/tfidf.py is checked against")

ROOT = Path(__file__).resolve().parents[2]
PROFILES = [ROOT / "examples" / "zewen-chi.txt",
            *sorted((ROOT / "evals" / "profiles").glob("*.txt")),
            ROOT / "evals" / "profiles" / "brannstrom.bib"]


def _same(ours: tfidf.Tfidf, vectorizer, theirs) -> None:
    from scipy.sparse import csr_matrix

    theirs = csr_matrix(theirs)
    assert ours.vocabulary == dict(vectorizer.vocabulary_)
    assert ours.features == list(vectorizer.get_feature_names_out())
    assert ours.matrix.shape == theirs.shape
    # Array for array, not allclose: the order of every sum is the library's.
    assert ours.matrix.indptr.tolist() == theirs.indptr.tolist()
    assert ours.matrix.indices.tolist() == theirs.indices.tolist()
    assert ours.matrix.data.tolist() == theirs.data.tolist()
    assert ours.idf.tolist() == vectorizer.idf_.tolist()


def _both(documents, analyzer, **settings):
    """Ours and the library's fit, or the ValueError each raises."""
    try:
        ours = tfidf.fit(documents, analyzer, **settings)
    except ValueError as exc:
        ours = exc
    vectorizer = sklearn_text.TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, **settings)
    try:
        theirs = vectorizer.fit_transform(documents)
    except ValueError as exc:
        theirs = exc
    return ours, vectorizer, theirs


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_the_lines_of_works_tfidf_is_the_librarys(path: Path) -> None:
    """Both settings topics._tfidf uses (pruned bigrams; every unigram) on each profile."""
    profile = load_profiles([path], dt.date(2026, 11, 28))
    documents = [topics._document(p) for p in profile.papers]
    stops = frozenset(ENGLISH_STOP_WORDS)
    for ngrams, settings in (((1, 2), {"min_df": 2, "max_df": 0.5}),
                             ((1, 1), {"min_df": 1, "max_df": 1.0})):
        # The library's own word analyzer, as topics.py configures it.
        library = sklearn_text.TfidfVectorizer(stop_words=sorted(stops), token_pattern=topics._TOKEN,
                                               ngram_range=ngrams, **settings).build_analyzer()
        analyzer = tfidf.word_ngrams(topics._TOKEN, stops, ngrams)
        assert [analyzer(d) for d in documents] == [library(d) for d in documents]
        ours, vectorizer, theirs = _both(documents, analyzer, **settings)
        if isinstance(theirs, ValueError):
            assert isinstance(ours, ValueError) and str(ours) == str(theirs)
        else:
            _same(ours, vectorizer, theirs)


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_the_retrievers_tfidf_is_the_librarys(path: Path) -> None:
    profile = load_profiles([path], dt.date(2026, 11, 28))
    documents = [" . ".join([p.title] * retrieve.TITLE_WEIGHT + [p.abstract])
                 for p in sorted(profile.papers, key=lambda p: p.key)]
    ours, vectorizer, theirs = _both(documents, retrieve._analyze)
    _same(ours, vectorizer, theirs)


def test_random_documents_and_the_errors_the_library_raises() -> None:
    rng = random.Random(3)
    words = [f"w{i}" for i in range(40)] + ["the", "of", "and"]
    analyzer = tfidf.word_ngrams(r"(?u)\b\w\w+\b", frozenset({"the", "of", "and"}), (1, 2))
    compared = 0
    for _ in range(150):
        documents = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 60)))
                     for _ in range(rng.randint(1, 30))]
        settings = rng.choice([{"min_df": 2, "max_df": 0.5}, {"min_df": 1, "max_df": 1.0},
                               {"min_df": 3, "max_df": 0.1}])
        ours, vectorizer, theirs = _both(documents, analyzer, **settings)
        if isinstance(theirs, ValueError):
            assert isinstance(ours, ValueError) and str(ours) == str(theirs)
            continue
        _same(ours, vectorizer, theirs)
        compared += 1
    assert compared > 80
    # Only stop words: the library's "empty vocabulary".
    ours, _, theirs = _both(["the of and", "and the"], analyzer)
    assert isinstance(ours, ValueError) and isinstance(theirs, ValueError)
    assert np.isfinite(tfidf.fit(["a bb cc", "bb dd"], analyzer).matrix.data).all()
