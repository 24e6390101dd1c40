"""kg push: into a real Oxigraph server, one graph per article replaced on a second push; and
the one-line error a server that refuses writes gets (a stub HTTP server on loopback)."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rdf_helpers import OXIGRAPH, free_port, make_corpus, oxigraph_server

from kg.errors import StoreError
from kg.rdf.push import plain_text, push
from kg.rdf.store import write_outputs_rdf

needs_oxigraph = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server CLI is not "
                                    "installed (pip install 'oxigraph>=0.5,<0.6')")


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    with oxigraph_server("serve", "--location", str(tmp_path / "db")) as url:
        yield url


def select(url: str, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(
        f"{url}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        bindings = json.loads(response.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


@needs_oxigraph
def test_push_twice_replaces_graphs_instead_of_duplicating(oxigraph: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    counts = write_outputs_rdf(make_corpus(), out)
    first = push(out, f"{oxigraph}/store")
    second = push(out, f"{oxigraph}/store")
    assert (first.graphs, first.triples) == (3, counts["triples"])
    assert (second.graphs, second.triples) == (3, counts["triples"])
    total = select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert total == [{"n": str(counts["triples"])}]
    denied = select(oxigraph, """
        PREFIX kg: <https://w3id.org/kg-news/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { GRAPH ?g { ?e a kg:Event ; kg:status kg:denied ; rdfs:label ?label } }
    """)
    assert denied == [{"label": "Chile ACCUSE Kenya"}]
    assert str(second).startswith(f"Pushed {counts['triples']} triples in 3 named graphs")


def test_push_to_a_closed_port_says_what_to_check(tmp_path: Path) -> None:
    write_outputs_rdf(make_corpus(), tmp_path)
    with pytest.raises(StoreError, match="cannot reach .*is the triple store running"):
        push(tmp_path, f"http://127.0.0.1:{free_port()}/store", timeout=5)


@needs_oxigraph
def test_push_with_another_base_re_mints_iris(oxigraph: str, tmp_path: Path) -> None:
    from kg.pipeline.output import push_folder, write_jsonl

    write_jsonl(make_corpus(), tmp_path)
    write_outputs_rdf(make_corpus(), tmp_path)
    report = push_folder(tmp_path, f"{oxigraph}/store", base="https://example.org/news/")
    assert report.graph_names[0] == "https://example.org/news/graph/a1"
    rows = select(oxigraph, "SELECT ?s WHERE { GRAPH ?g { ?s a <http://schema.org/NewsArticle> } }"
                            " ORDER BY ?s")
    assert rows == [{"s": "https://example.org/news/article/a1"},
                    {"s": "https://example.org/news/article/a2"}]


# -- a target that refuses writes: one line naming the cause, never the server's HTML ------------

READ_ONLY = ("it is read-only \u2014 kg serve is; push to a writable store such as "
             "`oxigraph serve --location DIR`")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("push")
    write_outputs_rdf(make_corpus(), path)
    return path


@contextlib.contextmanager
def refusing(status: int, body: str = "") -> Iterator[str]:
    """Serve on loopback a store that answers every PUT with `status` and `body` (HTML)."""

    class Handler(BaseHTTPRequestHandler):
        def do_PUT(self) -> None:  # noqa: N802 - stdlib naming
            self.rfile.read(int(self.headers["Content-Length"]))
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/store"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize(("status", "reason", "cause"), [
    (501, "Not Implemented", READ_ONLY),
    (405, "Method Not Allowed", READ_ONLY),
    (403, "Forbidden", "it forbids writes (a read-only store, or writes need credentials kg push "
                       "does not send)"),
    (401, "Unauthorized", "it asks for credentials, which kg push does not send"),
])
def test_push_refused_write_is_one_line_naming_the_cause(
    out: Path, status: int, reason: str, cause: str
) -> None:
    page = ("<!DOCTYPE html>\n<html><head><title>Nope</title><style>p {color: red}</style></head>"
            "\n<body>\n  <h1>Writes  are &amp; stay\n off</h1>\n</body></html>\n")
    with refusing(status, page) as endpoint, pytest.raises(StoreError) as caught:
        push(out, endpoint, timeout=5)
    assert str(caught.value) == (f"{endpoint} refuses writes (HTTP {status} {reason}): {cause}; "
                                 "the server said: Writes are & stay off")


def test_push_refused_write_without_a_body_names_only_the_cause(out: Path) -> None:
    with refusing(501) as endpoint, pytest.raises(StoreError) as caught:
        push(out, endpoint, timeout=5)
    assert str(caught.value) == f"{endpoint} refuses writes (HTTP 501 Not Implemented): {READ_ONLY}"


def test_push_other_http_error_keeps_the_recipe_hint(out: Path) -> None:
    with refusing(500, "<p>disk\nfull</p>") as endpoint, pytest.raises(StoreError) as caught:
        push(out, endpoint, timeout=5)
    message = str(caught.value)
    assert message.startswith(f"PUT {endpoint}?graph=https%3A%2F%2Fw3id.org%2Fkg-news%2Fid%2F"
                              "graph%2Fa1 failed with HTTP 500 Internal Server Error; the server "
                              "said: disk full; check that ")
    assert "\n" not in message


def test_push_into_kg_serve_says_it_is_read_only(out: Path) -> None:
    from kg.rdf.serve import make_server

    server = make_server(out, port=0, workers=1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    endpoint = server.url.replace("/sparql", "/store")
    try:
        with pytest.raises(StoreError) as caught:
            push(out, endpoint, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert str(caught.value) == (
        f"{endpoint} refuses writes (HTTP 501 Unsupported method ('PUT')): {READ_ONLY}; the "
        "server said: Error response Error code: 501 Message: Unsupported method ('PUT'). Error "
        "code explanation: 501 - Server does not support this operation.")


@pytest.mark.parametrize(("raw", "expected"), [
    ("plain words", "plain words"),
    ("<p>a</p>\n\n  <p>b\tc</p>", "a b c"),
    ("<script>var x = '<p>';</script><b>bold</b> &lt;tag&gt;", "bold <tag>"),
    ("x" * 200, "x" * 159 + "\u2026"),
])
def test_push_plain_text_strips_markup_and_caps_length(raw: str, expected: str) -> None:
    assert plain_text(raw) == expected
