"""A read-only SPARQL 1.1 Protocol endpoint over an output folder's store.

``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=`` or a
``application/sparql-query`` body) answer in the result format the ``Accept`` header asks for
(SPARQL JSON, XML, CSV, TSV; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE), with
CORS headers so browser notebooks can call it. Malformed queries get HTTP 400 with the parser's
message; updates and ``SERVICE`` calls are refused with 403.

Queries run in worker processes, each with the store open read-only (`kg.rdf.serve_pool`). At
most `workers` queries run at once, and costly ones (a product of whole-store patterns, or past a
second of CPU time) may hold only some of the workers, so light queries keep being answered
while costly ones run. A query that outlives `timeout` has its worker killed and replaced, and the
client gets 503; the server keeps serving. When no capacity is free the answer is 503 with
``Retry-After`` rather than a growing queue. Answers longer than `max_rows` are cut there and
flagged with the ``X-KG-Truncated: true`` header.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, cast
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.rdf.iris import PREFIXES
from kg.rdf.query import QueryResult, execute, format_result
from kg.rdf.serve_pool import (
    LEXICAL_NOISE,
    LIGHT_SECONDS,
    MAX_WAIT,
    Answer,
    WorkerPool,
    default_workers,
)
from kg.rdf.store import STORE

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20
PATHS = ("/sparql", "/query")
#: (media type, kg.rdf.query format) for SELECT and ASK answers; the first is the default.
RESULT_TYPES = (
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
)
#: media types for CONSTRUCT and DESCRIBE answers; the first is the default.
GRAPH_TYPES = (
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
)
#: short names accepted in a ``format=`` parameter, as some clients send
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "ntriples": "application/n-triples", "jsonld": "application/ld+json"}
_UPDATE = re.compile(r"^(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*\s*)*", re.I)


def refusal(sparql: str) -> str | None:
    """Return why a request is refused (an update or a SERVICE call), or None to run it.

    Strings, IRIs and comments are blanked first so words inside them do not count.

    >>> refusal("PREFIX ex: <http://ex/> INSERT DATA { ex:a ex:b ex:c }")
    'this endpoint is read-only: SPARQL updates (INSERT) are refused'
    >>> refusal('SELECT ?service WHERE { ?s ?p "SERVICE" }') is None
    True
    """
    bare = LEXICAL_NOISE.sub(" ", sparql)
    update = _UPDATE.match(_PROLOGUE.sub("", bare).lstrip())
    if update:
        return f"this endpoint is read-only: SPARQL updates ({update.group(1).upper()}) are refused"
    if re.search(r"(?<![?$:\w])SERVICE\b", bare, re.I):
        return "federated SERVICE calls to other endpoints are refused by this endpoint"
    return None


def negotiate(accept: str, offers: tuple[tuple[str, Any], ...]) -> tuple[str, Any]:
    """Pick the offer the Accept header prefers (q-values, wildcards); default the first.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES)[0]
    'application/sparql-results+xml'
    >>> negotiate("image/png", RESULT_TYPES)[0]
    'application/sparql-results+json'
    """
    ranges = []
    for position, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if fields[0]:
            ranges.append((-q, position, fields[0].lower()))
    for neg_q, _, media in sorted(ranges):
        if neg_q >= 0:
            break
        for offer in offers:
            kind = offer[0]
            if media in (kind, "*/*") or (media.endswith("/*") and kind.startswith(media[:-1])):
                return offer
    return offers[0]


def render(result: QueryResult, accept: str) -> tuple[str, bytes]:
    """Serialise an answer in the media type the client prefers."""
    if result.kind == "graph":
        media, rdf_format = negotiate(accept, GRAPH_TYPES)
        # a graph answer's rows are the (subject, predicate, object) of its triples: no None
        triples = [ox.Triple(*cast(tuple[Any, Any, Any], row)) for row in result.rows]
        # no output given: pyoxigraph returns the bytes (its stub says bytes | None)
        return media, cast(bytes, ox.serialize(triples, format=rdf_format, prefixes=PREFIXES))
    media, fmt = negotiate(accept, RESULT_TYPES)
    return media, format_result(result, fmt).encode("utf-8")


# -- what a worker process runs --------------------------------------------------------------


def answer_query(store: ox.Store, max_rows: int, sparql: str, accept: str,
                 default_graphs: list[str], named_graphs: list[str]) -> Answer:
    """Run one request on an open store and render it (in a worker process)."""
    try:
        result = execute(
            store, sparql, max_rows=max_rows,
            default_graph=[ox.NamedNode(g) for g in default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in named_graphs] or None,
        )
    except (QueryError, ValueError) as err:
        return 400, "text/plain; charset=utf-8", str(err).encode("utf-8"), {}
    media, body = render(result, accept)
    headers = {"X-KG-Truncated": "true"} if result.truncated else {}
    return 200, f"{media}; charset=utf-8", body, headers


def _text(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", message.encode("utf-8"), {}


# -- HTTP ------------------------------------------------------------------------------------


class SparqlServer(ThreadingHTTPServer):
    """A threading HTTP server that hands queries to a `WorkerPool`."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], pool: WorkerPool, *, timeout: float) -> None:
        self.pool, self.query_timeout = pool, timeout
        super().__init__(address, _Handler)

    @property
    def url(self) -> str:
        """The endpoint's query URL."""
        host, port = self.server_address[:2]
        if isinstance(host, bytes):  # socketserver types it str | bytes; TCP gives str
            host = host.decode()
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kg-sparql/0.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("%s " + format, self.address_string(), *args)

    def _send(self, answer: Answer) -> None:
        status, media, body, headers = answer
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-KG-Truncated, Retry-After")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib naming
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(_text(200, f"kg read-only SPARQL endpoint: GET or POST {self.server.url}"
                                  "?query=...\n"))
            return
        self._dispatch(url.path, parse_qs(url.query))

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(_text(413, f"request body over {MAX_BODY} bytes; send a shorter query"))
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query)
        if media == "application/x-www-form-urlencoded":
            params.update(parse_qs(body))
        elif media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/sparql-update":
            params["update"] = [body]
        else:
            self._send(_text(415, "send application/sparql-query or a form-encoded query="))
            return
        self._dispatch(url.path, params)

    def _dispatch(self, path: str, params: dict[str, list[str]]) -> None:
        if path not in PATHS:
            self._send(_text(404, f"no such resource {path!r}; the endpoint is /sparql"))
            return
        if "update" in params:
            self._send(_text(403, "this endpoint is read-only: SPARQL updates are refused"))
            return
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            self._send(_text(400, "missing 'query' parameter: pass exactly one SPARQL query, "
                                  "e.g. /sparql?query=SELECT*WHERE{?s?p?o}LIMIT%205"))
            return
        reason = refusal(queries[0])
        if reason:
            self._send(_text(403, reason))
            return
        accept = self.headers.get("Accept") or ""
        if params.get("format"):
            accept = FORMAT_PARAM.get(params["format"][0], accept)
        request = (queries[0], accept, params.get("default-graph-uri", []),
                   params.get("named-graph-uri", []))
        self._send(self.server.pool.run(request, self.server.query_timeout))


def make_server(
    out_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 10.0,
    max_rows: int = 10000,
    workers: int | None = None,
    costly_workers: int | None = None,
    light_seconds: float = LIGHT_SECONDS,
    max_wait: float = MAX_WAIT,
) -> SparqlServer:
    """Start the query workers and bind the endpoint (port 0 picks a free port); not serving yet.

    `workers` defaults to one per core plus one, `costly_workers` (how many of them costly
    queries may hold) to a quarter of them, at least one. Call ``serve_forever()`` on the result,
    and ``shutdown()`` then ``server_close()`` to stop.
    """
    store_dir = Path(out_dir) / STORE
    if not store_dir.is_dir():
        raise StoreError(f"{out_dir}: no RDF store (store/) to serve; run `kg build INPUT --out "
                         f"{out_dir}` first")
    size = max(1, workers or default_workers())
    pool = WorkerPool(store_dir, size=size, max_rows=max_rows, answer=answer_query,
                      costly_slots=costly_workers, light_seconds=light_seconds,
                      max_wait=max_wait)
    try:
        return SparqlServer((host, port), pool, timeout=timeout)
    except OSError as err:
        pool.close()
        raise StoreError(f"cannot listen on {host}:{port} ({err.strerror}); pick another "
                         "--port or stop the program using it") from err


def serve(
    out_dir: Path,
    *,
    on_ready: Callable[[str], None] | None = None,
    **options: Any,
) -> None:
    """Serve the endpoint until interrupted (Ctrl-C); `on_ready` gets the query URL.

    `options` are those of `make_server` (host, port, timeout, max_rows, workers...).
    """
    server = make_server(out_dir, **options)
    log.info("SPARQL endpoint at %s with %d query workers (%d for costly queries)", server.url,
             server.pool.size, server.pool.costly_slots)
    if on_ready is not None:
        on_ready(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping the SPARQL endpoint")
    finally:
        server.server_close()
