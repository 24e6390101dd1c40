"""Export a built output folder's graph in another RDF serialisation (streamed, atomic).

Dataset formats (N-Quads, TriG, JSON-LD) keep one named graph per article; triple formats
(Turtle, N-Triples) hold the union of all graphs.

The source is the folder's ``graph.nq``, the dataset the store is loaded from: pyoxigraph parses
it and its serialiser writes the output a quad at a time, so memory stays flat, and N-Quads is a
plain copy. Reading the on-disk store instead decodes every term with a RocksDB lookup: at 1.2M
triples iterating the store alone took 11 s and ``Store.dump`` 19 s, against 2-3 s for any format
from graph.nq (issue #17). A folder without graph.nq is exported from its store.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.errors import StoreError
from kg.rdf.iris import base_of
from kg.rdf.store import NQUADS, TURTLE, open_store, prefixes, union_triples

log = logging.getLogger(__name__)

#: format name -> (pyoxigraph format, file extension)
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "nquads": (ox.RdfFormat.N_QUADS, "nq"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "jsonld"),
}
#: quads or graph names read to find the corpus graph (the build writes it first in graph.nq)
_BASE_SCAN = 10000


def export(out_dir: Path, fmt: str, dest: Path | None = None) -> Path:
    """Write the graph of `out_dir` as `fmt` to `dest` (default ``out_dir/graph.<ext>``).

    Returns the path written.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format, ext = FORMATS[fmt]
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise StoreError(f"{out_dir}: not an output folder; run `kg build INPUT --out {out_dir}`")
    if dest is None:
        dest = out_dir / f"graph.{ext}"
        if dest.name in (NQUADS, TURTLE) and dest.is_file():
            return dest  # the build wrote this export itself (graph.nq, graph.ttl)
    if dest.is_symlink():
        # a build's outputs are links into its published generation (kg.pipeline.folder):
        # writing over one would leave the folder with a file of no build
        raise StoreError(f"{dest}: an output of the build in {out_dir}; export to another file "
                         "with --dest")
    source = out_dir / NQUADS
    if source.is_file():
        if rdf_format == ox.RdfFormat.N_QUADS and dest.resolve() == source.resolve():
            return dest  # the folder's own graph.nq already is the export
        with atomic_write(dest, "wb") as fh:
            _from_nquads(source, rdf_format, fh)
    else:
        store = open_store(out_dir)
        with atomic_write(dest, "wb") as fh:
            _from_store(store, rdf_format, fh)
    log.info("exported %s as %s to %s", out_dir, fmt, dest)
    return dest


def _from_nquads(source: Path, rdf_format: ox.RdfFormat, fh: IO[Any]) -> None:
    """Stream `source` (N-Quads) into `fh` as `rdf_format`."""
    if rdf_format == ox.RdfFormat.N_QUADS:
        with source.open("rb") as src:
            shutil.copyfileobj(src, fh, 1 << 20)
        return
    quads = _parse(source)
    data: Iterator[ox.Quad] | Iterator[ox.Triple] = (
        quads if rdf_format.supports_datasets else (quad.triple for quad in quads))
    try:
        base = _base_of(_parse(source))
        ox.serialize(data, fh, rdf_format, prefixes=prefixes(base) if base else None)
    except SyntaxError as err:
        raise StoreError(f"{source}: not valid N-Quads ({err}); rebuild the folder with "
                         "`kg build`") from err


def _from_store(store: ox.Store, rdf_format: ox.RdfFormat, fh: IO[Any]) -> None:
    """Write the store into `fh` as `rdf_format` with pyoxigraph's own writers."""
    base = _base_of(store.named_graphs())
    options = prefixes(base) if base else None
    if rdf_format.supports_datasets:
        store.dump(fh, rdf_format, prefixes=options)
    else:
        # Store.dump writes one graph of a triple format at a time, not their union
        ox.serialize(union_triples(store), fh, rdf_format, prefixes=options)


def _parse(source: Path) -> Iterator[ox.Quad]:
    return iter(ox.parse(path=str(source), format=ox.RdfFormat.N_QUADS))


def _base_of(found: Iterator[ox.Quad] | Iterator[ox.NamedNode | ox.BlankNode]) -> str | None:
    """Recover the data base IRI from the corpus graph's name among quads or graph names."""
    for item in islice(found, _BASE_SCAN):
        graph = item.graph_name if isinstance(item, ox.Quad) else item
        if isinstance(graph, ox.NamedNode) and (base := base_of(graph.value)):
            return base
    return None
