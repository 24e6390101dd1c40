"""Export a built output folder's graph in another RDF serialisation (streamed, atomic).

Reads the pyoxigraph store (``store/``), or ``graph.nq`` when there is no store. Dataset formats
(N-Quads, TriG, JSON-LD) keep one named graph per article; triple formats (Turtle, N-Triples)
hold the union of all graphs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.errors import StoreError
from kg.rdf.iris import base_of
from kg.rdf.store import open_target, prefixes, union_triples

log = logging.getLogger(__name__)

#: format name -> (pyoxigraph format, file extension)
FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "nt"),
    "nquads": (ox.RdfFormat.N_QUADS, "nq"),
    "trig": (ox.RdfFormat.TRIG, "trig"),
    "jsonld": (ox.RdfFormat.JSON_LD, "jsonld"),
}


def export(out_dir: Path, fmt: str, dest: Path | None = None) -> Path:
    """Write the graph of `out_dir` as `fmt` to `dest` (default ``out_dir/graph.<ext>``).

    Returns the path written.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    rdf_format, ext = FORMATS[fmt]
    dest = dest or out_dir / f"graph.{ext}"
    if not Path(out_dir).is_dir():
        raise StoreError(f"{out_dir}: not an output folder; run `kg build INPUT --out {out_dir}`")
    store = open_target(Path(out_dir))
    base = _base_of(store)
    quads: Iterator[ox.Quad] = iter(store.quads_for_pattern(None, None, None, None))
    data = quads if rdf_format.supports_datasets else union_triples(store)
    with atomic_write(dest, "wb") as fh:
        ox.serialize(data, fh, rdf_format, prefixes=prefixes(base) if base else None)
    log.info("exported %s as %s to %s", out_dir, fmt, dest)
    return dest


def _base_of(store: ox.Store) -> str | None:
    """Recover the data base IRI from the corpus graph's name."""
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and (base := base_of(graph.value)):
            return base
    return None
