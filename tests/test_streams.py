"""The one streaming interface: in-memory, cached and read-back records answer alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline.cache import AnalysisCache, CachedAnalyses, StoredArticles
from kg.pipeline.output import read_corpus, write_jsonl
from kg.records import (
    Article,
    ArticleAnalysis,
    Corpus,
    LocalEntity,
    SourceSpan,
)
from kg.streams import AnalysisDict, AnalysisTuple, ArticleTuple, as_analyses, as_articles

ARTICLES = (
    Article("b2", "Second", "Body two.", (SourceSpan("x.txt", 0, 9), SourceSpan("y.txt", 0, 9))),
    Article("a1", "First", "Body one.", (SourceSpan("x.txt", 10, 19),)),
    Article("c3", "Third", "Body three.", (SourceSpan("z.txt", 0, 11),)),
)
ENTITY = LocalEntity("e0", "Ruritania", "Country", qid="Q1")
ANALYSES = {
    "b2": ArticleAnalysis("b2", ((0, 9),), (), (ENTITY,), ()),
    "a1": ArticleAnalysis("a1", ((0, 9),), (), (), ()),
    "c3": ArticleAnalysis("c3", ((0, 11),), (), (), ()),
}


def _stored(tmp_path: Path) -> StoredArticles:
    cache = AnalysisCache(tmp_path)
    try:
        ids = cache.put_prepared("k", list(ARTICLES))
    finally:
        cache.close()
    return StoredArticles(tmp_path, ids)


def _read_back(tmp_path: Path):  # type: ignore[no-untyped-def]
    out = tmp_path / "built"
    write_jsonl(Corpus(ARTICLES, (), (), analyses=tuple(ANALYSES.values())), out)
    return read_corpus(out)


@pytest.fixture(params=["memory", "cache", "jsonl"])
def articles(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    if request.param == "memory":
        return ArticleTuple(ARTICLES)
    if request.param == "cache":
        return _stored(tmp_path)
    return _read_back(tmp_path).articles


def test_streams_articles_answer_alike(articles) -> None:  # type: ignore[no-untyped-def]
    assert articles.ids == ["b2", "a1", "c3"]
    assert articles == list(ARTICLES)
    assert articles.keep({"c3", "b2"}).ids == ["b2", "c3"]
    assert [a.title for a in articles.select(["c3", "a1"])] == ["Third", "First"]
    assert articles.sorted_by_id().ids == ["a1", "b2", "c3"]
    assert articles.copies() == 4
    assert next(iter(articles.texts())).startswith('{"id": "b2", "title": "Second"')


def test_streams_cached_and_memory_analyses_answer_alike(tmp_path: Path) -> None:
    cache = AnalysisCache(tmp_path)
    try:
        cache.put_many((f"key-{i}", analysis) for i, analysis in ANALYSES.items())
    finally:
        cache.close()
    cached = CachedAnalyses(tmp_path, {i: f"key-{i}" for i in ANALYSES})
    memory = AnalysisDict(ANALYSES)
    for results in (cached, memory):
        ordered = results.ordered(["c3", "b2"])
        assert [a.article_id for a in ordered] == ["c3", "b2"]
        assert list(ordered.entities()) == [("c3", ()), ("b2", (ENTITY,))]
        assert [i for i, _ in ordered.texts()] == ["c3", "b2"]
        assert sorted(results) == ["a1", "b2", "c3"] and "a1" in results
        assert results["a1"] == ANALYSES["a1"]
    # the mapping's own keys() works (it was shadowed by an attribute before issue #13)
    assert sorted(cached.keys()) == ["a1", "b2", "c3"]


def test_streams_plain_sequences_are_wrapped_and_streams_kept() -> None:
    assert isinstance(as_articles(list(ARTICLES)), ArticleTuple)
    wrapped = AnalysisTuple(tuple(ANALYSES.values()))
    assert as_analyses(wrapped) is wrapped
    assert as_analyses(()) == []
