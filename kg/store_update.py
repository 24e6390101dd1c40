"""Low-level pieces of the RDF store write: N-Quads with per-graph digests, and store updates.

`write_nquads` streams quads to graph.nq and hashes each named graph on the way (a graph's quads
must be contiguous, as `kg.rdf.iter_quads` emits them). Given the digests of the previous build,
it also copies the N-Quads of every new or changed graph into a side file, the *delta*.

`update_store` applies a delta to a copy of the live store: a RocksDB checkpoint made with
`pyoxigraph.Store.backup` (hard links, so it is cheap), in which the disappeared graphs are
removed and each changed graph is diffed quad by quad against its new N-Quads lines. A diff
rather than drop-and-reload because the corpus graph (actors, places, events; about 40 % of the
quads at 20k articles) changes on nearly every build but only by a few quads: dropping it took
5 s and +430 MiB of RSS, more than the full reload it is meant to avoid.

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
from typing import IO

import pyoxigraph as ox

NQ = ox.RdfFormat.N_QUADS
#: Quads per `ox.serialize` call while streaming graph.nq.
CHUNK = 4096
#: N-Quads lines per `Store.bulk_load` call (peak RSS grows with it; see the module docstring).
PIECE = 100_000


@dataclass
class Written:
    """What `write_nquads` wrote: counts, digests and where the delta's graphs are."""

    quads: int = 0
    digest: str = ""
    #: graph IRI -> 16 hex digits of the graph's N-Quads
    graphs: dict[str, str] = field(default_factory=dict)
    #: False when a graph's quads were split up or a quad was outside a named graph: then the
    #: per-graph digests do not describe the file and only a full rebuild is safe
    contiguous: bool = True
    #: (graph IRI, offset, length) of each new or changed graph in the delta file
    segments: list[tuple[str, int, int]] = field(default_factory=list)


def write_nquads(quads: Iterable[ox.Quad], fh: IO[bytes], *, known: dict[str, str] | None = None,
                 delta: IO[bytes] | None = None) -> Written:
    """Serialize `quads` to `fh` as N-Quads, hashing the whole and each graph.

    With `delta`, the lines of every graph whose digest differs from `known` (the previous
    build's) are also written there, and their positions recorded in `Written.segments`.

    >>> import io
    >>> g, p = ox.NamedNode("http://example.org/g"), ox.NamedNode("http://example.org/p")
    >>> quad = ox.Quad(g, p, ox.Literal("x"), g)
    >>> written = write_nquads([quad], io.BytesIO())
    >>> written.quads, list(written.graphs), len(written.graphs["http://example.org/g"])
    (1, ['http://example.org/g'], 16)
    """
    known = known or {}
    written = Written()
    whole = hashlib.sha256()
    graph_hash = hashlib.blake2b(digest_size=8)
    chunk: list[ox.Quad] = []
    name: str | None = None
    start = 0

    def flush() -> None:
        data = ox.serialize(chunk, None, NQ)
        chunk.clear()
        whole.update(data)
        graph_hash.update(data)
        fh.write(data)
        if delta is not None:
            delta.write(data)

    def close(name: str) -> None:
        nonlocal graph_hash, start
        flush()
        digest = graph_hash.hexdigest()
        graph_hash = hashlib.blake2b(digest_size=8)
        if name in written.graphs:
            written.contiguous = False
        written.graphs[name] = digest
        if delta is not None:
            end = delta.tell()
            if known.get(name) == digest:
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
                close(name)
            name = key
        chunk.append(quad)
        written.quads += 1
        if len(chunk) >= CHUNK:
            flush()
    if name is not None:
        close(name)
    written.digest = whole.hexdigest()
    return written


def bulk_load_lines(store: ox.Store, lines: Iterable[bytes]) -> None:
    """Bulk-load N-Quads `lines` (each ending in a newline) in pieces of `PIECE` lines."""
    lines = iter(lines)
    while piece := b"".join(itertools.islice(lines, PIECE)):
        store.bulk_load(input=piece, format=NQ)


def update_store(live: Path, target: Path, *, known: dict[str, str], written: Written,
                 delta: IO[bytes], expected: int) -> int | None:
    """Copy the store at `live` to `target` and apply the delta; return its quad count.

    `known` maps the graphs of the live store to their digests. Return None, leaving no
    `target`, when the copy does not hold the `expected` number of quads (the store is not the
    one the stamp describes). OSError and SyntaxError propagate, with `target` removed.
    """
    try:
        ox.Store.read_only(str(live)).backup(str(target))
        store = ox.Store(str(target))
        if len(store) != expected:
            del store
            shutil.rmtree(target, ignore_errors=True)
            return None
        for name in known.keys() - written.graphs.keys():
            store.remove_graph(ox.NamedNode(name))
        bulk_load_lines(store, _lines_to_add(store, delta, written.segments, known))
        store.flush()
        count = len(store)
        del store
    except (OSError, SyntaxError):
        shutil.rmtree(target, ignore_errors=True)
        raise
    return count


def _lines_to_add(store: ox.Store, delta: IO[bytes], segments: list[tuple[str, int, int]],
                  known: dict[str, str]) -> Iterator[bytes]:
    """Yield the delta lines that `store` lacks, removing each changed graph's stale quads first.

    A new graph's lines are all yielded; a changed graph is diffed line by line against its
    stored quads, so a big graph that changed by a few quads costs a few writes.
    """
    for name, offset, length in segments:
        if name in known:
            stored = _remove_stale(store, ox.NamedNode(name), _segment(delta, offset, length))
            yield from (line for line in _segment(delta, offset, length)
                        if _key(line) not in stored)
        else:
            yield from _segment(delta, offset, length)


def _segment(delta: IO[bytes], offset: int, length: int) -> Iterator[bytes]:
    """Yield the lines of one graph in the delta file."""
    delta.seek(offset)
    left = length
    while left > 0:
        line = delta.readline()
        if not line:
            return
        left -= len(line)
        yield line


def _key(line: bytes) -> bytes:
    return hashlib.blake2b(line.rstrip(b"\r\n"), digest_size=16).digest()


def _remove_stale(store: ox.Store, graph: ox.NamedNode, lines: Iterator[bytes]) -> set[bytes]:
    """Remove the quads of `graph` that `lines` lack; return the keys of the stored ones.

    Lines are compared by a 128-bit digest, so memory holds sets of 16-byte keys rather than
    quads (a set of the corpus graph's 318k `Quad` objects took 220 MiB). A quad whose stored
    form serializes differently from its new line is removed here and loaded again after.
    """
    new = {_key(line) for line in lines}
    stored: set[bytes] = set()
    stale: list[ox.Quad] = []
    quads = store.quads_for_pattern(None, None, None, graph)
    while batch := list(itertools.islice(quads, CHUNK)):
        for line, quad in zip(ox.serialize(batch, None, NQ).splitlines(), batch, strict=True):
            key = _key(line)
            stored.add(key)
            if key not in new:
                stale.append(quad)
    for quad in stale:
        store.remove(quad)
    return stored


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
