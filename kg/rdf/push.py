"""Load a built graph into any SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph (the corpus graph and one per article) is sent with ``PUT ?graph=IRI``, which
replaces that graph on the server: pushing twice leaves one copy, and pushing after a rebuild
replaces every article that is still in the corpus.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import StoreError
from kg.rdf.store import open_target

log = logging.getLogger(__name__)

N_TRIPLES = "application/n-triples"


@dataclass
class PushReport:
    """What a push sent: graphs and triples, to which endpoint, in how long."""

    endpoint: str
    graphs: int = 0
    triples: int = 0
    seconds: float = 0.0
    graph_names: list[str] = field(default_factory=list, repr=False)

    def __str__(self) -> str:
        return (f"Pushed {self.triples} triples in {self.graphs} named graphs to {self.endpoint} "
                f"in {self.seconds:.1f} s (each graph replaced, not appended)")


def push(source: Path | ox.Store, endpoint: str, *, timeout: float = 60.0) -> PushReport:
    """PUT every named graph of `source` to the Graph Store Protocol `endpoint`.

    `source` is an output folder (its store, or its graph.nq) or a store made in memory.
    """
    started = time.monotonic()
    report = PushReport(endpoint)
    for name, triples in _graphs(source):
        # no output given: pyoxigraph returns the bytes (its stub says bytes | None)
        body = cast(bytes, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
        _put(endpoint, name, body, timeout)
        report.graphs += 1
        report.triples += len(triples)
        report.graph_names.append(name)
        log.debug("PUT %s (%d triples)", name, len(triples))
    report.seconds = time.monotonic() - started
    log.info("%s", report)
    return report


def rebased_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory store of `quads` (a corpus minted under another base), ready to push."""
    store = ox.Store()
    store.extend(quads)
    return store


def _graphs(source: Path | ox.Store) -> Iterable[tuple[str, list[ox.Triple]]]:
    """Yield (graph IRI, its triples) one graph at a time, in a stable order."""
    store = source if isinstance(source, ox.Store) else open_target(Path(source))
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        yield graph.value, [q.triple for q in store.quads_for_pattern(None, None, None, graph)]


def _put(endpoint: str, graph: str, body: bytes, timeout: float) -> None:
    separator = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{separator}graph={quote(graph, safe='')}"
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": N_TRIPLES})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace")[:300]
        raise StoreError(
            f"PUT {url} failed with HTTP {err.code} {err.reason}: {detail}; check that "
            f"{endpoint} is a Graph Store Protocol URL (Oxigraph: /store, Fuseki: /DATASET/data,"
            " GraphDB: /repositories/REPO/rdf-graphs/service) and that it accepts writes"
        ) from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise StoreError(f"cannot reach {endpoint} ({reason}); is the triple store running and "
                         "the URL right?") from err
