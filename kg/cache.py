"""A persistent cache of per-article analyses, kept in the output folder.

SQLite gives atomic, crash-safe commits: a build killed with SIGKILL loses at most the batch in
flight, and the next run resumes from everything committed before it. Keys come from
`kg.analyse.cache_key` (text, date, pipeline version, model, reference-data version), so a
change of model or reference data misses exactly the analyses it invalidates.

The same database keeps what ingestion worked out (`kg.prepare`): the articles of the last
build's whole input, what each input document split into, and each article's MinHash signature.
A build over a grown corpus therefore splits and shingles only the new documents.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kg.dedupe import Candidate
from kg.errors import StoreError
from kg.records import Article, ArticleAnalysis, from_dict, to_dict

CACHE_DIR = ".kg-cache"
_SCHEMA = "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: The articles the last build prepared, under `kg.prepare.prepare_key` (one row is kept).
_PREPARED = "CREATE TABLE IF NOT EXISTS prepared (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: What each input document split into, under `kg.prepare.story_key`.
_STORIES = "CREATE TABLE IF NOT EXISTS stories (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
#: MinHash signatures of article texts, under `kg.dedupe.signature_key`.
_SIGNATURES = "CREATE TABLE IF NOT EXISTS signatures (key TEXT PRIMARY KEY, data BLOB NOT NULL)"


class AnalysisCache:
    """Read and write cached `ArticleAnalysis` records by key.

    >>> import tempfile, pathlib
    >>> cache = AnalysisCache(pathlib.Path(tempfile.mkdtemp()))
    >>> cache.put_many([("k", ArticleAnalysis("a", ((0, 1),), (), (), ()))])
    >>> from_dict(ArticleAnalysis, json.loads(cache.get_text(["k", "missing"])["k"])).sentences
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
            for schema in (_PREPARED, _STORIES, _SIGNATURES):
                self._db.execute(schema)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(
                f"{path}: cannot open the analysis cache ({err}); delete {path.parent} "
                "to start afresh or pass --no-cache"
            ) from err

    def present(self, keys: Iterable[str]) -> set[str]:
        """Return which of `keys` have a cached analysis (without reading them)."""
        return {key for (key,) in self._rows("analyses", keys, columns="key")}

    def get_text(self, keys: Iterable[str]) -> dict[str, str]:
        """Return the cached analyses among `keys` as the JSON texts stored (not decoded).

        >>> import tempfile, pathlib
        >>> cache = AnalysisCache(pathlib.Path(tempfile.mkdtemp()))
        >>> cache.put_many([("k", ArticleAnalysis("a", ((0, 1),), (), (), ()))])
        >>> cache.present(["k", "x"]), cache.get_text(["k"])["k"][:31]
        ({'k'}, '{"article_id": "a", "sentences"')
        >>> cache.close()
        """
        return dict(self._rows("analyses", keys))

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

    def get_stories(self, keys: Sequence[str]) -> dict[str, list[Candidate]]:
        """Return what the documents under `keys` split into, for those seen before.

        >>> import tempfile, pathlib
        >>> cache = AnalysisCache(pathlib.Path(tempfile.mkdtemp()))
        >>> cache.put_stories([("k", [Candidate(Article("a", "T", "Body.", ()), False)])])
        >>> [(c.article.id, c.title_found) for c in cache.get_stories(["k", "x"])["k"]]
        [('a', False)]
        >>> cache.close()
        """
        found: dict[str, list[Candidate]] = {}
        for key, data in self._rows("stories", keys):
            try:
                found[key] = [Candidate(from_dict(Article, item["article"]), item["title_found"])
                              for item in json.loads(data)]
            except (ValueError, TypeError, KeyError):
                continue  # written by an incompatible version: split again
        return found

    def put_stories(self, items: Iterable[tuple[str, list[Candidate]]]) -> None:
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

    def get_prepared(self, key: str) -> list[Article] | None:
        """Return the articles stored under `key`, or None (also for an unreadable entry).

        >>> import tempfile, pathlib
        >>> cache = AnalysisCache(pathlib.Path(tempfile.mkdtemp()))
        >>> cache.put_prepared("k", [Article("a", "T", "Body.", ())])
        >>> [a.id for a in cache.get_prepared("k")], cache.get_prepared("other")
        (['a'], None)
        >>> cache.close()
        """
        row = self._db.execute("SELECT data FROM prepared WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return [from_dict(Article, a) for a in json.loads(row[0])]
        except (ValueError, TypeError, KeyError):
            return None  # written by an incompatible version: prepare again

    def put_prepared(self, key: str, articles: Iterable[Article]) -> None:
        """Store the prepared articles under `key`, replacing those of any earlier input."""
        data = json.dumps([to_dict(a) for a in articles], ensure_ascii=False)
        with self._db:
            self._db.execute("DELETE FROM prepared")
            self._db.execute("INSERT INTO prepared VALUES (?, ?)", (key, data))

    def close(self) -> None:
        """Close the database."""
        self._db.close()
