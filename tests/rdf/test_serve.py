"""The SPARQL endpoint: protocol, content negotiation, errors, refusals, timeout."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdf_helpers import call, make_corpus

from kg.errors import StoreError
from kg.rdf.serve import SparqlServer, make_server
from kg.rdf.store import write_outputs_rdf

#: four-way cartesian product of every triple: never finishes on a few hundred triples
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    out = tmp_path_factory.mktemp("serve")
    write_outputs_rdf(make_corpus(), out)
    server = make_server(out, port=0, timeout=1.5, max_rows=3)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def get(server: SparqlServer, query: str, **headers: str) -> tuple[int, dict[str, str], str]:
    return call(f"{server.url}?{urllib.parse.urlencode({'query': query})}", headers=headers)


COUNTRIES = "SELECT ?l WHERE { ?a a kg:Country ; rdfs:label ?l } ORDER BY ?l"


def test_serve_get_answers_sparql_json_with_cors(server: SparqlServer) -> None:
    status, headers, body = get(server, COUNTRIES)
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    values = [b["l"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert values == ["Chile", "Kenya", "Norway"]


def test_serve_post_form_and_direct_body_give_csv_by_accept(server: SparqlServer) -> None:
    form = urllib.parse.urlencode({"query": COUNTRIES}).encode()
    status, headers, body = call(server.url, data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert (status, body) == (200, "l\r\nChile\r\nKenya\r\nNorway\r\n")
    status, _, body = call(server.url, data=COUNTRIES.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"})
    assert (status, body.splitlines()) == (200, ['?l', '"Chile"', '"Kenya"', '"Norway"'])


def test_serve_construct_answers_turtle(server: SparqlServer) -> None:
    status, headers, body = get(
        server, "CONSTRUCT { ?e a kg:Event } WHERE { ?e a kg:Event ; kg:status kg:denied }",
        Accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert "<https://w3id.org/kg-news/id/event/ev-accuse> a kg:Event" in body


def test_serve_cuts_results_at_max_rows_and_flags_it(server: SparqlServer) -> None:
    status, headers, body = get(server, "SELECT ?s WHERE { ?s ?p ?o }")
    assert status == 200 and headers["X-KG-Truncated"] == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 3


def test_serve_malformed_query_is_400_with_the_parser_message(server: SparqlServer) -> None:
    status, _, body = get(server, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400
    assert body.startswith("SPARQL syntax error: error at 1:")


@pytest.mark.parametrize(
    "query",
    ["INSERT DATA { <http://ex/a> <http://ex/b> <http://ex/c> }",
     "PREFIX ex: <http://ex/>\nDELETE WHERE { ?s ?p ?o }",
     "LOAD <http://example.org/data.ttl>"],
)
def test_serve_refuses_updates(server: SparqlServer, query: str) -> None:
    status, _, body = get(server, query)
    assert status == 403
    assert "read-only: SPARQL updates" in body


def test_serve_refuses_update_requests_by_media_type(server: SparqlServer) -> None:
    status, _, body = call(server.url, data=b"CLEAR ALL", headers={
        "Content-Type": "application/sparql-update"})
    assert (status, body) == (403, "this endpoint is read-only: SPARQL updates are refused")


def test_serve_refuses_service_calls(server: SparqlServer) -> None:
    status, _, body = get(server, "SELECT * WHERE { SERVICE <http://example.org/sparql> "
                                  "{ ?s ?p ?o } }")
    assert status == 403 and "SERVICE" in body


def test_serve_missing_query_and_unknown_path(server: SparqlServer) -> None:
    assert call(server.url)[0] == 400
    assert call(server.url.replace("/sparql", "/admin"))[0] == 404


def test_serve_preflight_allows_cross_origin_posts(server: SparqlServer) -> None:
    status, headers, _ = call(server.url, method="OPTIONS")
    assert status == 204
    assert headers["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"


def test_serve_runaway_query_is_cut_and_the_server_keeps_serving(server: SparqlServer) -> None:
    status, _, body = get(server, RUNAWAY)
    assert status == 503
    assert "time limit of 1.5 s" in body
    status, _, body = get(server, "ASK { ?s a kg:Claim }")
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})


def test_serve_needs_a_built_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no RDF store"):
        make_server(tmp_path, port=0)
