"""A persistent cache of per-article analyses, kept in the output folder.

SQLite gives atomic, crash-safe commits: a build killed with SIGKILL loses at most the batch in
flight, and the next run resumes from everything committed before it. Keys come from
`kg.extract.analyse.cache_key` (text, date, pipeline version, model, reference-data version), so a
change of model or reference data misses exactly the analyses it invalidates.

The same database keeps what ingestion worked out (`kg.ingest.prepare`): the articles of the last
build's whole input, what each input document split into, and each article's MinHash signature.
A build over a grown corpus therefore splits and shingles only the new documents.

Later stages read articles and analyses back a chunk at a time (`StoredArticles`,
`AnalysisStream`), so none of them holds the corpus (issue #7).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from kg.errors import StoreError
from kg.records import Article, ArticleAnalysis, LocalEntity, StoryCopy, from_dict, to_dict
from kg.streams import (
    AnalysisResults,
    AnalysisSequence,
    ArticleSequence,
    RecordSequence,
)

CACHE_DIR = ".kg-cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: The ids of the articles the last build prepared, in order, under `kg.ingest.prepare.prepare_key`
#: (one row is kept)...
_PREPARED = "CREATE TABLE IF NOT EXISTS prepared (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: ...and those articles, by id: later stages read them a chunk at a time (`StoredArticles`).
_ARTICLES = "CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: What each input document split into, under `kg.ingest.prepare.story_key`.
_STORIES = "CREATE TABLE IF NOT EXISTS stories (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: MinHash signatures of article texts, under `kg.ingest.dedupe.signature_key`.
_SIGNATURES = "CREATE TABLE IF NOT EXISTS signatures (key TEXT PRIMARY KEY, data BLOB NOT NULL)"


class AnalysisCache:
    """Read and write cached `ArticleAnalysis` records by key.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> cache = AnalysisCache(out)
    >>> cache.put_many([("k", ArticleAnalysis("a", ((0, 1),), (), (), ()))])
    >>> cache.present(["k", "missing"])
    {'k'}
    >>> AnalysisStream(out, ["a"], ["k"])[0].sentences
    ((0, 1),)
    >>> cache.close()
    """

    def __init__(self, out_dir: Path) -> None:
        path = out_dir / CACHE_DIR / "analyses.sqlite"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            for schema in (_PREPARED, _ARTICLES, _STORIES, _SIGNATURES):
                self._db.execute(schema)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(
                f"{path}: cannot open the analysis cache ({err}); delete {path.parent} "
                "to start afresh or pass --no-cache"
            ) from err

    def present(self, keys: Iterable[str], table: str = "analyses") -> set[str]:
        """Return which of `keys` have a row in `table` (without reading them)."""
        return {key for (key,) in self._rows(table, keys, columns="key")}

    def has_stories(self, keys: Sequence[str]) -> set[str]:
        """Return which documents of `keys` were split before."""
        return self.present(keys, "stories")

    def _rows(self, table: str, keys: Iterable[str], *, columns: str = "key, data"
              ) -> Iterator[tuple[Any, ...]]:
        """Yield `columns` of the rows of `table` among `keys`, 500 lookups per statement."""
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            yield from self._db.execute(
                f"SELECT {columns} FROM {table} WHERE key IN ({marks})", chunk
            )

    def _put(self, table: str, rows: Iterable[tuple[str, Any]]) -> None:
        with self._db:
            self._db.executemany(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", rows)

    def get_stories(self, keys: Sequence[str]) -> dict[str, list[StoryCopy]]:
        """Return what the documents under `keys` split into, for those seen before.

        >>> import tempfile, pathlib
        >>> cache = AnalysisCache(pathlib.Path(tempfile.mkdtemp()))
        >>> cache.put_stories([("k", [StoryCopy(Article("a", "T", "Body.", ()), False)])])
        >>> [(c.article.id, c.title_found) for c in cache.get_stories(["k", "x"])["k"]]
        [('a', False)]
        >>> cache.close()
        """
        found: dict[str, list[StoryCopy]] = {}
        for key, data in self._rows("stories", keys):
            try:
                found[key] = [StoryCopy(from_dict(Article, item["article"]), item["title_found"])
                              for item in json.loads(data)]
            except (ValueError, TypeError, KeyError):
                continue  # written by an incompatible version: split again
        return found

    def put_stories(self, items: Iterable[tuple[str, list[StoryCopy]]]) -> None:
        """Store what documents split into, and commit."""
        self._put("stories", (
            (key, json.dumps([{"article": to_dict(c.article), "title_found": c.title_found}
                              for c in found], ensure_ascii=False))
            for key, found in items
        ))

    def get_signatures(self, keys: Sequence[str]) -> dict[str, bytes]:
        """Return the stored MinHash signatures among `keys`."""
        return dict(self._rows("signatures", keys))

    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Store MinHash signatures, and commit."""
        self._put("signatures", items)

    def put_many(self, items: Iterable[tuple[str, ArticleAnalysis]]) -> None:
        """Store analyses and commit, so a crash after this call keeps them."""
        self._put("analyses", [(key, json.dumps(to_dict(a), ensure_ascii=False))
                               for key, a in items])

    def get_prepared(self, key: str) -> list[str] | None:
        """Return the ids of the articles stored under `key`, in order, or None.

        None also when the entry is unreadable or its articles are not all there.

        >>> import tempfile, pathlib
        >>> cache = AnalysisCache(pathlib.Path(tempfile.mkdtemp()))
        >>> cache.put_prepared("k", [Article("a", "T", "Body.", ())])
        ['a']
        >>> cache.get_prepared("k"), cache.get_prepared("other")
        (['a'], None)
        >>> cache.close()
        """
        row = self._db.execute("SELECT data FROM prepared WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            ids = json.loads(row[0])
        except ValueError:
            return None
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return None  # written by an incompatible version: prepare again
        (stored,) = self._db.execute("SELECT count(*) FROM articles").fetchone()
        return ids if stored == len(set(ids)) else None

    def put_prepared(
        self, key: str, articles: Iterable[Article],
        order: Callable[[Article], Any] | None = None,
    ) -> list[str]:
        """Store prepared articles under `key` (replacing any earlier input's); return their ids.

        The ids are kept sorted by `order` when given, else in the order given. `articles` is
        consumed as it comes, a chunk at a time, in one transaction: a crash keeps the old
        entry.
        """
        ranked: list[tuple[Any, str]] = []
        pending = iter(articles)
        with self._db:
            self._db.execute("DELETE FROM prepared")
            self._db.execute("DELETE FROM articles")
            while chunk := list(islice(pending, 500)):
                self._db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)", [
                    (a.id, json.dumps(to_dict(a), ensure_ascii=False)) for a in chunk
                ])
                ranked.extend((order(a) if order else len(ranked) + i, a.id)
                              for i, a in enumerate(chunk))
            ids = [article_id for _, article_id in sorted(ranked)]
            self._db.execute("INSERT INTO prepared VALUES (?, ?)", (key, json.dumps(ids)))
        return ids

    def close(self) -> None:
        """Close the database."""
        self._db.close()


R = TypeVar("R")


class CachedRecords(RecordSequence[R]):
    """Records a cache table holds, in the order of `keys`, read a chunk at a time.

    Each iteration opens the cache, reads `CHUNK` rows per query and decodes them one by one,
    so memory does not grow with the corpus (issue #7). Indexing reads one row.
    """

    CHUNK = 500
    table = ""
    record: type[Any] = object

    def __init__(self, out_dir: Path, keys: Sequence[str]) -> None:
        self.out_dir = out_dir
        self.keys = list(keys)

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self._decode(text) for text in self._texts(self.keys[index])]
        return self._decode(next(self._texts([self.keys[index]])))

    def __iter__(self) -> Iterator[R]:
        for text in self._texts(self.keys):
            yield self._decode(text)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} from {self.out_dir / CACHE_DIR})"

    def _decode(self, text: str, record: type[Any] | None = None) -> Any:
        try:
            return _decoder(record or self.record).decode(text)
        except msgspec.DecodeError as err:
            raise self._gone(f"unreadable ({err})") from err

    def _gone(self, why: str) -> StoreError:
        return StoreError(f"{self.out_dir / CACHE_DIR}: a cached {self.table} row is {why}; "
                          "rebuild with `kg build --no-cache` or delete that folder")

    def _texts(self, keys: list[str]) -> Iterator[str]:
        cache = AnalysisCache(self.out_dir)
        try:
            for i in range(0, len(keys), self.CHUNK):
                chunk = keys[i : i + self.CHUNK]
                found = dict(cache._rows(self.table, chunk))
                for key in chunk:
                    if key not in found:
                        raise self._gone(f"gone ({key})")
                    yield found[key]
        finally:
            cache.close()


class StoredArticles(CachedRecords[Article], ArticleSequence):
    """A build's prepared articles, in order, read from its cache: never all held.

    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> cache = AnalysisCache(out)
    >>> ids = cache.put_prepared("k", [Article("b", "T", "B.", ()), Article("a", "U", "A.", ())])
    >>> cache.close()
    >>> stored = StoredArticles(out, ids)
    >>> [a.title for a in stored], stored[1].id, [a.id for a in stored.sorted_by_id()]
    (['T', 'U'], 'a', ['a', 'b'])
    >>> stored == [Article("b", "T", "B.", ()), Article("a", "U", "A.", ())]
    True
    """

    table = "articles"
    record = Article

    @property
    def ids(self) -> list[str]:
        return self.keys

    def select(self, ids: Iterable[str]) -> StoredArticles:
        """The articles of `ids` (all stored), in that order: nothing is read."""
        return StoredArticles(self.out_dir, list(ids))

    def copies(self) -> int:
        """How many story copies these articles were merged from (their sources, counted).

        >>> import tempfile, pathlib
        >>> from kg.records import SourceSpan
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> cache = AnalysisCache(out)
        >>> spans = (SourceSpan("a.txt", 0, 5), SourceSpan("b.txt", 0, 5))
        >>> StoredArticles(out, cache.put_prepared("k", [Article("a", "T", "A.", spans)])).copies()
        2
        >>> cache.close()
        """
        cache = AnalysisCache(self.out_dir)
        try:  # counted by SQLite's JSON functions, without decoding the articles
            return sum(n for (n,) in cache._rows(
                self.table, self.keys, columns="json_array_length(data, '$.sources')"))
        except sqlite3.OperationalError:  # an SQLite built without them
            return sum(len(a.sources) for a in self)
        finally:
            cache.close()

    def sorted_by_id(self) -> StoredArticles:
        """The same articles in the order of their id: nothing is read."""
        return self.select(sorted(self.keys))

    def texts(self) -> Iterator[str]:
        """Each article as the JSON text the cache holds (`to_dict`, dumped), in order."""
        return self._texts(self.keys)


class AnalysisStream(CachedRecords[ArticleAnalysis], AnalysisSequence):
    """A sequence of cached analyses (by cache key) of the articles `article_ids`."""

    table = "analyses"
    record = ArticleAnalysis

    def __init__(self, out_dir: Path, article_ids: list[str], keys: list[str]) -> None:
        super().__init__(out_dir, keys)
        self.article_ids = article_ids

    def texts(self) -> Iterator[tuple[str, str]]:
        """(article id, the analysis as the JSON text the cache holds: `to_dict`, dumped)."""
        return zip(self.article_ids, self._texts(self.keys), strict=True)

    def entities(self) -> Iterator[tuple[str, tuple[LocalEntity, ...]]]:
        """(article id, its local entities), decoding nothing else (about 8x faster)."""
        for text in self._texts(self.keys):
            found = self._decode(text, _Entities)
            yield found.article_id, found.entities


class CachedAnalyses(AnalysisResults):
    """Analyses by article id, read from a build's cache when asked for, never all held."""

    def __init__(self, out_dir: Path, keys: dict[str, str]) -> None:
        self.out_dir = out_dir
        self.cache_keys = keys  # article id -> cache key

    def __getitem__(self, article_id: str) -> ArticleAnalysis:
        (analysis,) = self.ordered([article_id])
        return analysis

    def __contains__(self, article_id: object) -> bool:
        return article_id in self.cache_keys

    def __iter__(self) -> Iterator[str]:
        return iter(self.cache_keys)

    def __len__(self) -> int:
        return len(self.cache_keys)

    def ordered(self, article_ids: Sequence[str]) -> AnalysisStream:
        """The analyses of `article_ids`, in that order, as a re-iterable stream."""
        ids = list(article_ids)
        return AnalysisStream(self.out_dir, ids, [self.cache_keys[i] for i in ids])


@dataclass(frozen=True)
class _Entities:
    """The part of an `ArticleAnalysis` that `AnalysisStream.entities` decodes."""

    article_id: str
    entities: tuple[LocalEntity, ...]


_DECODERS: dict[type[Any], msgspec.json.Decoder[Any]] = {}


def _decoder(record: type[Any]) -> msgspec.json.Decoder[Any]:
    # fields are checked against the record's annotations; unknown fields are skipped
    decoder = _DECODERS.get(record)
    if decoder is None:
        decoder = _DECODERS[record] = msgspec.json.Decoder(record)
    return decoder
