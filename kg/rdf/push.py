"""Load a built graph into any SPARQL 1.1 Graph Store Protocol endpoint.

Each named graph (the corpus graph and one per article) is sent with ``PUT ?graph=IRI``, which
replaces that graph on the server: pushing twice leaves one copy, and pushing after a rebuild
replaces every article that is still in the corpus.
"""

from __future__ import annotations

import html
import logging
import re
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
        raise StoreError(http_failure(endpoint, url, err.code, err.reason, _server_text(err))
                         ) from err
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise StoreError(f"cannot reach {endpoint} ({reason}); is the triple store running and "
                         "the URL right?") from err


READ_ONLY = ("it is read-only \u2014 kg serve is; push to a writable store such as "
             "`oxigraph serve --location DIR`")
#: answers of a server that is up but takes no writes at that URL, and the likely cause
REFUSALS = {
    401: "it asks for credentials, which kg push does not send",
    403: "it forbids writes (a read-only store, or writes need credentials kg push does not send)",
    405: READ_ONLY,
    501: READ_ONLY,
}


def http_failure(endpoint: str, url: str, code: int, reason: str, said: str) -> str:
    """Say in one line why a PUT failed: the likely cause first, then the server's own words.

    >>> http_failure("http://h/store", "http://h/store?graph=g", 405, "Method Not Allowed",
    ...              "")  # doctest: +ELLIPSIS
    'http://h/store refuses writes (HTTP 405 Method Not Allowed): it is read-only ...'
    """
    heard = f"; the server said: {said}" if said else ""
    if code in REFUSALS:
        return f"{endpoint} refuses writes (HTTP {code} {reason}): {REFUSALS[code]}{heard}"
    return (f"PUT {url} failed with HTTP {code} {reason}{heard}; check that {endpoint} is a "
            "Graph Store Protocol URL (Oxigraph: /store, Fuseki: /DATASET/data, GraphDB: "
            "/repositories/REPO/rdf-graphs/service) and that it accepts writes")


_HIDDEN = re.compile(r"<(head|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
MAX_SERVER_TEXT = 160


def _server_text(err: urllib.error.HTTPError) -> str:
    """Return the server's explanation as one short line of plain text (HTML loses its tags)."""
    try:
        raw = err.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""
    return plain_text(raw)


def plain_text(raw: str, limit: int = MAX_SERVER_TEXT) -> str:
    """Strip markup and runs of white space from a server's message and cap its length.

    >>> plain_text("<html><head><title>Error</title></head><body><p>No  PUT</p>\\n</body></html>")
    'No PUT'
    """
    text = " ".join(html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", raw))).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
