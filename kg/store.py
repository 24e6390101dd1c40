"""Write the RDF outputs of a build: graph.nq, graph.ttl and a persistent pyoxigraph store.

``store`` in the output folder is a relative symbolic link to a ``.store-<token>`` folder. A new
store is bulk-loaded beside the old one and the link is swapped with one atomic rename, so a
reader (``kg query``, ``kg serve``) sees either the old store or the new one, never half of one.

The store and graph.ttl are functions of graph.nq and the prefixes. A re-run whose graph.nq
comes out byte-identical keeps them as they are (issue #7): ``.kg-cache/rdf.json``, written
last, records the N-Quads digest, the store folder and graph.ttl's size and time, and any
mismatch (an interrupted build, a deleted or edited file) rebuilds both.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.atomic import atomic_write, atomic_write_text
from kg.errors import StoreError
from kg.iris import DEFAULT_BASE, KINDS, PREFIXES
from kg.limits import Limits
from kg.rdf import iter_quads
from kg.records import Corpus

log = logging.getLogger(__name__)

TURTLE, NQUADS, STORE = "graph.ttl", "graph.nq", "store"
#: Where the record of the last RDF write lives (inside the build's cache folder).
STAMP = Path(".kg-cache") / "rdf.json"


def write_outputs_rdf(corpus: Corpus, out_dir: Path, *, base: str = DEFAULT_BASE,
                      limits: Limits | None = None) -> dict[str, Any]:
    """Write graph.nq, store/ and graph.ttl into `out_dir`; return counts for the build report.

    Past `limits.max_triples` quads, `LimitError` is raised and the old files stay in place.
    """
    limits = limits or Limits()
    out_dir.mkdir(parents=True, exist_ok=True)
    graphs: set[str] = set()
    count = 0

    def counted() -> Iterator[ox.Quad]:
        nonlocal count
        for quad in iter_quads(corpus, base=base):
            count += 1
            if count % 100_000 == 0:
                limits.check_triples(count)
            graphs.add(quad.graph_name.value)
            yield quad

    with atomic_write(out_dir / NQUADS, "wb") as fh:
        hashing = _HashingWriter(fh)
        ox.serialize(counted(), hashing, ox.RdfFormat.N_QUADS)
        limits.check_triples(count)
    fingerprint = _fingerprint(hashing.digest.hexdigest(), base)
    report = {"quads": count, "graphs": len(graphs), "files": [NQUADS, TURTLE, STORE]}
    kept = _unchanged(out_dir, fingerprint)
    if kept is not None:
        remove_stale(out_dir)
        log.info("RDF: %d quads unchanged; kept %s and %s", count, STORE, TURTLE)
        return {**report, "triples": kept}
    store_dir = replace_store(out_dir, out_dir / NQUADS)
    remove_stale(out_dir)
    store = ox.Store.read_only(str(store_dir))
    triples = len(store)
    with atomic_write(out_dir / TURTLE, "wb") as fh:
        ox.serialize(union_triples(store), fh, ox.RdfFormat.TURTLE, prefixes=prefixes(base))
    del store
    _write_stamp(out_dir, fingerprint, triples)
    log.info("RDF: %d quads in %d graphs -> %s", count, len(graphs), out_dir)
    return {**report, "triples": triples}


class _HashingWriter:
    """A binary file wrapper that hashes what goes through it (for `ox.serialize`)."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.fh.write(data)

    def flush(self) -> None:
        self.fh.flush()


def _fingerprint(nquads_digest: str, base: str) -> str:
    """What graph.ttl and the store are a function of: the quads, prefixes, serializer."""
    parts = [nquads_digest, json.dumps(prefixes(base), sort_keys=True), ox.__version__]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _file_state(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_size, stat.st_mtime_ns]


def _unchanged(out_dir: Path, fingerprint: str) -> int | None:
    """The triple count of the last write when it had this fingerprint and is intact, else None."""
    try:
        stamp = json.loads((out_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    link = out_dir / STORE
    intact = (
        isinstance(stamp, dict)
        and stamp.get("fingerprint") == fingerprint
        and link.is_symlink()
        and os.readlink(link) == stamp.get("store")
        and link.is_dir()
        and _file_state(out_dir / TURTLE) == stamp.get("turtle")
        and isinstance(stamp.get("triples"), int)
    )
    return stamp["triples"] if intact else None


def _write_stamp(out_dir: Path, fingerprint: str, triples: int) -> None:
    link = out_dir / STORE
    stamp = {"fingerprint": fingerprint, "store": os.readlink(link), "triples": triples,
             "turtle": _file_state(out_dir / TURTLE)}
    atomic_write_text(out_dir / STAMP, json.dumps(stamp))


def prefixes(base: str) -> dict[str, str]:
    """Return the output prefixes, with one per kind of data IRI (``actor:Q159``, ``event:...``)."""
    return {**PREFIXES, **{kind: f"{base}{kind}/" for kind in KINDS}}


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Yield every triple of every graph (the default-graph union), grouped by subject."""
    for quad in store.quads_for_pattern(None, None, None, None):
        yield quad.triple


def replace_store(out_dir: Path, nquads: Path) -> Path:
    """Bulk-load `nquads` into a fresh store and swap it in as ``out_dir/store``; return it."""
    link = out_dir / STORE
    target = out_dir / f".store-{secrets.token_hex(6)}"
    try:
        store = ox.Store(str(target))
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
    except (OSError, SyntaxError) as err:
        shutil.rmtree(target, ignore_errors=True)
        raise StoreError(f"{target}: could not build the RDF store ({err}); check free disk "
                         f"space and that {nquads} is valid N-Quads") from err
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
    return link


def open_store(out_dir: Path) -> ox.Store:
    """Open the store of an output folder read-only (many readers may share it)."""
    store_dir = out_dir / STORE
    if not store_dir.is_dir():
        raise StoreError(f"{out_dir}: no RDF store (store/) here; run `kg build INPUT --out "
                         f"{out_dir}` first")
    try:
        return ox.Store.read_only(str(store_dir))
    except OSError as err:
        raise StoreError(f"{store_dir}: cannot open the RDF store ({err}); rebuild it with "
                         "`kg build`") from err


def load_file(path: Path) -> ox.Store:
    """Load an RDF file into an in-memory store, the format guessed from its extension."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower()) if path.suffix else None
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file extension; use .ttl, .nt, .nq, .trig, "
                         ".jsonld or .rdf")
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise StoreError(f"{path}: not valid {fmt.name}: {err}") from err
    return store


def open_target(target: Path) -> ox.Store:
    """Open an output folder's store (or its graph.nq when there is no store), or an RDF file."""
    if target.is_dir():
        if (target / STORE).is_dir():
            return open_store(target)
        if (target / NQUADS).is_file():
            return load_file(target / NQUADS)
        raise StoreError(f"{target}: neither store/ nor {NQUADS} here; run `kg build INPUT "
                         f"--out {target}` first")
    if not target.is_file():
        raise StoreError(f"{target}: no such file or folder")
    return load_file(target)


def remove_stale(out_dir: Path) -> int:
    """Delete ``.store-*`` folders left by interrupted builds; return how many went."""
    keep = (out_dir / STORE).resolve()
    removed = 0
    for path in out_dir.glob(".store-*"):
        if path.resolve() != keep:
            if path.is_symlink():
                path.unlink()
            else:
                shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed
