"""One interface for the articles and analyses a build passes between its stages.

Shared by the stages that read a corpus (`kg.link`, `kg.rdf`, `kg.views`) and the composition
that makes it (`kg.pipeline`), so it sits beside `kg.records`.

A build without an output folder holds them in memory; a build with one keeps them in its cache
and reads them back a chunk at a time (`kg.pipeline.cache`), and a built folder read back gives
them from its JSONL files (`kg.pipeline.output`). All three are `ArticleSequence` /
`AnalysisSequence`: re-iterable sequences with the few extra reads the composition needs (ids,
a selection by id, the JSON text of each record), so `kg.pipeline.compose` never asks which kind
it has. `as_articles` and `as_analyses` wrap a plain tuple or list given by an API caller.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

from kg.records import Article, ArticleAnalysis, LocalEntity, to_dict

R = TypeVar("R")


def dumps(data: Any) -> str:
    """The JSON text of one record's data, as every JSONL output and the cache write it."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False)


class RecordSequence(Sequence[R]):
    """A sequence of records, possibly read from disk when asked for, equal to a list of them."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to lists and tuples, like them unhashable


class ArticleSequence(RecordSequence[Article]):
    """Articles in build order, however they are held."""

    @property
    def ids(self) -> list[str]:
        """The article ids, in order."""
        return [article.id for article in self]

    def select(self, ids: Iterable[str]) -> ArticleSequence:
        """The articles of `ids` (all present), in that order."""
        by_id = {article.id: article for article in self}
        return ArticleTuple(tuple(by_id[i] for i in ids))

    def keep(self, wanted: Container[str]) -> ArticleSequence:
        """The articles whose id is in `wanted`, in order (stored articles stay on disk)."""
        return self.select([i for i in self.ids if i in wanted])

    def copies(self) -> int:
        """How many story copies these articles were merged from (their sources, counted)."""
        return sum(len(article.sources) for article in self)

    def texts(self) -> Iterator[str]:
        """Each article as JSON text (`to_dict`, dumped), in order."""
        return (dumps(to_dict(article)) for article in self)

    def sorted_by_id(self) -> ArticleSequence:
        """The same articles in the order of their id."""
        return self.select(sorted(self.ids))


class AnalysisSequence(RecordSequence[ArticleAnalysis]):
    """Per-article analyses in build order, however they are held."""

    def texts(self) -> Iterator[tuple[str, str]]:
        """(article id, the analysis as JSON text: `to_dict`, dumped), in order."""
        return ((analysis.article_id, dumps(to_dict(analysis))) for analysis in self)

    def entities(self) -> Iterator[tuple[str, tuple[LocalEntity, ...]]]:
        """(article id, its local entities), in order."""
        return ((analysis.article_id, analysis.entities) for analysis in self)


class ArticleTuple(ArticleSequence):
    """Articles held in memory.

    >>> articles = ArticleTuple((Article("b", "T", "B.", ()), Article("a", "U", "A.", ())))
    >>> articles.ids, [a.id for a in articles.keep({"a"})], articles.sorted_by_id().ids
    (['b', 'a'], ['a'], ['a', 'b'])
    >>> articles == [Article("b", "T", "B.", ()), Article("a", "U", "A.", ())]
    True
    """

    def __init__(self, items: Sequence[Article]) -> None:
        self.records = tuple(items)

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> Article: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Article]: ...
    def __getitem__(self, index: int | slice) -> Article | Sequence[Article]:
        return self.records[index]

    def __iter__(self) -> Iterator[Article]:
        return iter(self.records)


class AnalysisTuple(AnalysisSequence):
    """Analyses held in memory."""

    def __init__(self, items: Sequence[ArticleAnalysis]) -> None:
        self.records = tuple(items)

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> ArticleAnalysis: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ArticleAnalysis]: ...
    def __getitem__(self, index: int | slice) -> ArticleAnalysis | Sequence[ArticleAnalysis]:
        return self.records[index]

    def __iter__(self) -> Iterator[ArticleAnalysis]:
        return iter(self.records)


class AnalysisResults(Mapping[str, ArticleAnalysis]):
    """The analyses of a build by article id, able to give them back in any order as a stream."""

    def ordered(self, article_ids: Sequence[str]) -> AnalysisSequence:
        """The analyses of `article_ids`, in that order."""
        return AnalysisTuple(tuple(self[i] for i in article_ids))


class AnalysisDict(AnalysisResults):
    """Analyses held in memory, by article id."""

    def __init__(self, items: Mapping[str, ArticleAnalysis]) -> None:
        self.records = dict(items)

    def __getitem__(self, article_id: str) -> ArticleAnalysis:
        return self.records[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def as_articles(articles: Sequence[Article]) -> ArticleSequence:
    """`articles` as an `ArticleSequence` (a plain tuple or list is wrapped, not copied out)."""
    return articles if isinstance(articles, ArticleSequence) else ArticleTuple(articles)


def as_analyses(analyses: Sequence[ArticleAnalysis]) -> AnalysisSequence:
    """`analyses` as an `AnalysisSequence` (a plain tuple or list is wrapped)."""
    return analyses if isinstance(analyses, AnalysisSequence) else AnalysisTuple(analyses)
