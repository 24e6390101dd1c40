"""Low-level pieces of the RDF store write: N-Quads with per-graph digests, and store updates.

`write_nquads` streams quads to graph.nq and records, for each named graph, a digest of its
N-Quads and where they sit in the file (a graph's quads must be contiguous, as
`kg.rdf.dataset.iter_quads` emits them). Given the previous build's record, it also copies the lines
of every new or changed graph into a side file, the *delta*.

`update_store` applies a delta to a copy of the live store: a RocksDB checkpoint made with
`pyoxigraph.Store.backup` (hard links, so it is cheap). Graphs that disappeared are removed; a
changed graph is diffed line by line against its lines in the previous graph.nq, which are
found by the recorded offset and checked against the recorded digest before they are trusted.
A diff rather than drop-and-reload because the corpus graph (actors, places, events; about
40 % of the quads at 20k articles) changes on nearly every build but only by a few quads:
dropping it took 5 s and +430 MiB of RSS, more than the full reload it is meant to avoid, and
reading it back from the store to diff took 2.5 s, against well under a second from the file.

Quads are loaded with `Store.bulk_load` in pieces of `PIECE` lines: at 20k articles (822k
quads) one bulk_load of the whole graph.nq peaked at 745 MiB of RSS, pieces of 100k lines at
209 MiB in the same time (7.5 s against 7.7 s); `Store.extend` in batches took 19 s and 781 MiB.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

from kg.errors import StoreError

NQ = ox.RdfFormat.N_QUADS
#: Quads per `ox.serialize` call while streaming graph.nq.
CHUNK = 4096
#: N-Quads lines per `Store.bulk_load` call (peak RSS grows with it; see the module docstring).
PIECE = 100_000

#: Where one graph's lines are: (16 hex digits of their digest, offset, length in bytes).
Span = tuple[str, int, int]


class StaleStampError(StoreError):
    """The store or the previous graph.nq is not what the stamp of the last build describes."""


@dataclass
class Written:
    """What `write_nquads` wrote: counts, digests and where the delta's graphs are."""

    quads: int = 0
    digest: str = ""
    #: graph IRI -> where its lines are in the N-Quads file, with their digest
    graphs: dict[str, Span] = field(default_factory=dict)
    #: False when a graph's quads were split up or a quad was outside a named graph: then the
    #: per-graph digests do not describe the file and only a full rebuild is safe
    contiguous: bool = True
    #: (graph IRI, offset, length) of each new or changed graph in the delta file
    segments: list[tuple[str, int, int]] = field(default_factory=list)


def write_nquads(quads: Iterable[ox.Quad], fh: IO[bytes], *, known: dict[str, Span] | None = None,
                 delta: IO[bytes] | None = None) -> Written:
    """Serialize `quads` to `fh` as N-Quads, hashing the whole and each graph.

    With `delta`, the lines of every graph whose digest differs from `known` (the previous
    build's) are also written there, and their positions recorded in `Written.segments`.

    >>> import io
    >>> g, p = ox.NamedNode("http://example.org/g"), ox.NamedNode("http://example.org/p")
    >>> quad = ox.Quad(g, p, ox.Literal("x"), g)
    >>> written = write_nquads([quad], io.BytesIO())
    >>> digest, offset, length = written.graphs["http://example.org/g"]
    >>> written.quads, len(digest), offset, length
    (1, 16, 0, 75)
    """
    known = known or {}
    written = Written()
    whole = hashlib.sha256()
    graph_hash = hashlib.blake2b(digest_size=8)
    chunk: list[ox.Quad] = []
    first = 0
    name: str | None = None
    start = position = 0

    def flush() -> None:
        nonlocal position
        # no output given: pyoxigraph returns the bytes (its stub says bytes | None)
        data = cast(bytes, ox.serialize(chunk, None, NQ))
        position += len(data)
        chunk.clear()
        whole.update(data)
        graph_hash.update(data)
        fh.write(data)
        if delta is not None:
            delta.write(data)

    def close(name: str, first: int) -> None:
        nonlocal graph_hash, start
        flush()
        digest = graph_hash.hexdigest()
        graph_hash = hashlib.blake2b(digest_size=8)
        if name in written.graphs:
            written.contiguous = False
        written.graphs[name] = (digest, first, position - first)
        if delta is not None:
            end = delta.tell()
            if name in known and known[name][0] == digest:
                delta.seek(start)
                delta.truncate()
            else:
                written.segments.append((name, start, end - start))
                start = end

    for quad in quads:
        graph = quad.graph_name
        if not isinstance(graph, ox.NamedNode):
            written.contiguous = False
        key = str(graph) if not isinstance(graph, ox.NamedNode) else graph.value
        if key != name:
            if name is not None:
                close(name, first)
            name, first = key, position
        chunk.append(quad)
        written.quads += 1
        if len(chunk) >= CHUNK:
            flush()
    if name is not None:
        close(name, first)
    written.digest = whole.hexdigest()
    return written


def bulk_load_lines(store: ox.Store, lines: Iterable[bytes]) -> None:
    """Bulk-load N-Quads `lines` (each ending in a newline) in pieces of `PIECE` lines."""
    lines = iter(lines)
    while piece := b"".join(itertools.islice(lines, PIECE)):
        store.bulk_load(input=piece, format=NQ)


def update_store(live: Path, target: Path, *, known: dict[str, Span], written: Written,
                 delta: IO[bytes], previous: IO[bytes], expected: int) -> int:
    """Copy the store at `live` to `target` and apply the delta; return its quad count.

    `known` is the stamp's record of the live store's graphs in `previous`, the graph.nq it
    was loaded from. Raise `StaleStampError` when the copy does not hold the `expected` number
    of quads or a changed graph's old lines do not match their digest. On any error `target`
    is removed and the live store is untouched.
    """
    try:
        ox.Store.read_only(str(live)).backup(str(target))
        store = ox.Store(str(target))
        if len(store) != expected:
            raise StaleStampError(f"{live}: the store does not hold the {expected} quads its "
                                  "stamp records")
        for name in known.keys() - written.graphs.keys():
            store.remove_graph(ox.NamedNode(name))
        bulk_load_lines(store, _lines_to_add(store, known, written.segments, delta, previous))
        store.flush()
        count = len(store)
        del store
    except (OSError, SyntaxError, StaleStampError):
        shutil.rmtree(target, ignore_errors=True)
        raise
    return count


def _lines_to_add(store: ox.Store, known: dict[str, Span], segments: list[tuple[str, int, int]],
                  delta: IO[bytes], previous: IO[bytes]) -> Iterator[bytes]:
    """Yield the delta lines that `store` lacks, removing each changed graph's stale quads first.

    A new graph's lines are all yielded; a changed graph's are diffed against its old lines by
    a 128-bit digest of each line, so memory holds two sets of 16-byte keys rather than quads
    (a set of the corpus graph's 318k `Quad` objects took 220 MiB).
    """
    for name, offset, length in segments:
        if name not in known:
            yield from _lines(delta, offset, length)
            continue
        new = set(map(_key, _lines(delta, offset, length)))
        old = _remove_stale(store, name, known[name], previous, new)
        yield from (line for line in _lines(delta, offset, length) if _key(line) not in old)


def _remove_stale(store: ox.Store, name: str, span: Span, previous: IO[bytes],
                  new: set[bytes]) -> set[bytes]:
    """Remove the quads of graph `name` that are not among the `new` lines; return old keys.

    Stale quads go before the graph's new lines are loaded, so a quad whose line changed but
    whose stored value did not (a number written another way) is removed, then loaded again.
    """
    digest, offset, length = span
    check = hashlib.blake2b(digest_size=8)
    old: set[bytes] = set()
    stale: list[bytes] = []
    for line in _lines(previous, offset, length):
        check.update(line)
        key = _key(line)
        old.add(key)
        if key not in new:
            stale.append(line)
    if check.hexdigest() != digest:
        raise StaleStampError(f"the previous graph.nq does not hold the graph <{name}> its "
                              "stamp records")
    for quad in ox.parse(b"".join(stale), NQ):
        store.remove(quad)
    return old


def _lines(fh: IO[bytes], offset: int, length: int) -> Iterator[bytes]:
    """Yield the lines (with their newline) of `length` bytes from `offset` in `fh`."""
    fh.seek(offset)
    left, tail = length, b""
    while left > 0 and (block := fh.read(min(left, 1 << 20))):
        left -= len(block)
        lines = (tail + block).splitlines(keepends=True)
        tail = b"" if lines[-1].endswith(b"\n") else lines.pop()
        yield from lines
    if tail:
        yield tail


def _key(line: bytes) -> bytes:
    return hashlib.blake2b(line, digest_size=16).digest()


def swap_in(link: Path, target: Path) -> None:
    """Point the symlink `link` at `target` with one atomic rename; remove what it replaced."""
    out_dir = link.parent
    old = link.resolve() if link.is_symlink() else None
    if link.exists() and not link.is_symlink():
        # a store folder from an older layout: move it aside, then link
        old = out_dir / f".store-old-{secrets.token_hex(6)}"
        os.replace(link, old)
    tmp_link = out_dir / f".store-link-{secrets.token_hex(6)}"
    os.symlink(target.name, tmp_link)
    os.replace(tmp_link, link)
    if old is not None and old != target.resolve():
        shutil.rmtree(old, ignore_errors=True)
