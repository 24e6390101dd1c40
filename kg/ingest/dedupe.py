"""Collapse copies of the same story (other quotes, spacing, captions, boilerplate) into one.

Candidates come from MinHash LSH (datasketch) over word 5-gram shingles of the folded text, so
the work stays near-linear in the number of articles; every candidate pair is then verified by
exact Jaccard similarity. Copies form connected components, and the result depends only on the
articles, never on their order.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import re
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, Protocol
from unicodedata import unidata_version

import numpy

from kg.ingest.clean import line_key
from kg.records import Article, SourceSpan, StoryCopy
from kg.text import stable_hash

SHINGLE = 5
NUM_PERM = 128
SEED = 1
#: Pairs at or above this Jaccard similarity are the same story.
SAME_STORY = 0.8
#: ...and so are pairs where one copy holds nearly all of the other (an extra caption, a
#: trimmed last paragraph), as long as they still share this much overall.
CONTAINED, CONTAINED_JACCARD = 0.9, 0.5
_WORDS = re.compile(r"\w+")


def fold_for_hash(text: str) -> str:
    """The normal form an article id is a hash of: case, quote styles and spacing folded.

    >>> fold_for_hash("He said: “Yes.”\\n\\n  Done") == fold_for_hash('he said: "yes." done')
    True
    """
    return line_key(text)


def shingles(text: str) -> frozenset[int]:
    """Hashes of the word 5-grams of the folded text (the whole text when shorter).

    >>> len(shingles("one two three four five six")), len(shingles("one two"))
    (2, 1)
    """
    words = _WORDS.findall(fold_for_hash(text))
    if len(words) <= SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode("utf-8"))})
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
        for i in range(len(words) - SHINGLE + 1)
    )


def similar(left: frozenset[int], right: frozenset[int]) -> bool:
    """Whether two shingle sets are copies of one story."""
    shared = len(left & right)
    if not shared:
        return False
    jaccard = shared / (len(left) + len(right) - shared)
    contained = shared / min(len(left), len(right))
    return jaccard >= SAME_STORY or (contained >= CONTAINED and jaccard >= CONTAINED_JACCARD)


class SignatureMemo(Protocol):
    """Where MinHash signatures are kept between builds, by `signature_key`
    (`kg.pipeline.cache`)."""

    def get_signatures(self, keys: Sequence[str]) -> dict[str, bytes]: ...
    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None: ...


class Copies(Protocol):
    """Story copies by article id, wherever they are kept (in memory, or in `kg.pipeline.cache`)."""

    def ids(self) -> list[str]: ...  # every article id, sorted
    def text(self, article_id: str) -> str: ...  # the text of the copies under that id
    def copies(self, article_id: str) -> list[StoryCopy]: ...


def merge_copies(copies: Copies, *, memo: SignatureMemo | None = None) -> Iterator[Article]:
    """Yield one article per story, each merged from all its copies (in no set order).

    Only MinHash signatures are held for every article; texts are asked of `copies` when a
    signature is not in `memo` and for the few pairs the index proposes, and copies are
    asked for one story at a time, so they can stay on disk (issue #7).
    """
    ids = copies.ids()
    parent = {key: key for key in ids}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    if len(ids) > 1:
        for key, other in _candidate_pairs(ids, copies.text, memo):
            low, high = sorted((find(key), find(other)))
            parent[high] = low
    components: dict[str, list[str]] = {}
    for key in ids:
        components.setdefault(find(key), []).append(key)
    for members in components.values():
        yield _merge([c for key in members for c in copies.copies(key)])


def article_order(article: Article) -> tuple[str, int, str]:
    """How prepared articles are ordered: by their first source, then id."""
    first = article.sources[0]
    return first.path, first.start, article.id


def signature_key(article_id: str) -> str:
    """The memo key of an article's signature: its id and everything the signature depends on.

    >>> signature_key("abc").endswith(":abc")
    True
    """
    return f"{_signature_version()}:{article_id}"


@functools.cache
def _signature_version() -> str:
    from importlib.metadata import version

    from kg.ingest import clean

    # the code of this module and of the folding it calls decides the shingles
    code = inspect.getsource(sys.modules[__name__]) + inspect.getsource(clean)
    return stable_hash(f"{NUM_PERM}/{SEED}/{version('datasketch')}/{unidata_version}/{code}")


#: Articles whose signatures are worked out (and banded) at a time.
CHUNK = 500


def _candidate_pairs(
    ids: Sequence[str], text: Callable[[str], str], memo: SignatureMemo | None
) -> Iterator[tuple[str, str]]:
    """Yield the pairs of article ids whose texts are copies (by MinHash LSH, then verified).

    The LSH bands are datasketch's (same banding for the same threshold), but the band index
    is an SQLite table in a private temporary file, not datasketch's in-memory tables: those
    take ~7 KiB per article, 150 MiB at 20k articles (issue #7). Signatures are worked out a
    chunk at a time, and only their band hashes are kept.
    """
    from datasketch import MinHash, MinHashLSH

    # Permutations are drawn once (datasketch would redraw them for every signature).
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    ranges = MinHashLSH(threshold=CONTAINED_JACCARD, num_perm=NUM_PERM).hashranges
    index = sqlite3.connect("")  # a private temporary database, deleted on close
    try:
        index.execute("CREATE TABLE bands (band INTEGER, hash INTEGER, item INTEGER)")
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            keys = [signature_key(key) for key in chunk]
            stored = memo.get_signatures(keys) if memo is not None else {}
            fresh: list[tuple[str, bytes]] = []
            rows: list[tuple[Any, ...]] = []
            for item, (key, memo_key) in enumerate(zip(chunk, keys, strict=True), start):
                blob = stored.get(memo_key)
                if blob is None or len(blob) != NUM_PERM * 8:
                    signature = MinHash(num_perm=NUM_PERM, hashfunc=_identity,
                                        permutations=template.permutations,
                                        scheme=template.scheme)
                    signature.update_batch(sorted(shingles(text(key))))
                    blob = signature.hashvalues.astype(numpy.uint64).tobytes()
                    fresh.append((memo_key, blob))
                rows.extend((band, _band_hash(blob[low * 8 : high * 8]), item)
                            for band, (low, high) in enumerate(ranges))
            index.executemany("INSERT INTO bands VALUES (?, ?, ?)", rows)
            if memo is not None and fresh:
                memo.put_signatures(fresh)
        index.execute("CREATE INDEX bucket ON bands (band, hash)")
        pairs = index.execute(
            "SELECT DISTINCT a.item, b.item FROM bands a JOIN bands b "
            "ON a.band = b.band AND a.hash = b.hash AND a.item < b.item ORDER BY 1, 2"
        )
        shingled = functools.lru_cache(maxsize=256)(lambda key: shingles(text(key)))
        for low_item, high_item in pairs:
            key, other = ids[high_item], ids[low_item]
            if similar(shingled(key), shingled(other)):
                yield key, other
    finally:
        index.close()


def _band_hash(values: bytes) -> int:
    """A signed 64-bit hash of one band of a signature (an SQLite INTEGER)."""
    return int.from_bytes(hashlib.blake2b(values, digest_size=8).digest(), "little", signed=True)


def _identity(value: int) -> int:
    return value


def _merge(members: list[StoryCopy]) -> Article:
    """One article from its copies: the longest body (then smallest id), metadata from any."""
    # nearly every article has one copy: the ranking key counts every letter (issue #7)
    ranked = members if len(members) == 1 else sorted(members, key=lambda c: (
        -len(c.article.text), c.article.id, not c.title_found,
        -sum(ch.islower() for ch in c.article.title + c.article.text), c.article.title,
        [(s.path, s.start, s.end) for s in c.article.sources]))
    canonical = ranked[0].article
    titled = next((c.article.title for c in ranked if c.title_found), canonical.title)
    dated = [c.article for c in ranked if c.article.date]
    best_date = min(dated, key=lambda a: _PRECISION.get(a.date_precision or "", 3), default=None)
    sources: set[SourceSpan] = {s for c in members for s in c.article.sources}
    return replace(
        canonical,
        title=titled,
        sources=tuple(sorted(sources, key=lambda s: (s.path, s.start, s.end))),
        publisher=next((c.article.publisher for c in ranked if c.article.publisher), None),
        date=best_date.date if best_date else None,
        date_precision=best_date.date_precision if best_date else None,
        url=next((c.article.url for c in ranked if c.article.url), None),
    )


_PRECISION = {"day": 0, "month": 1, "year": 2}
