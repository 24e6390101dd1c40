"""Fair sharing of the endpoint's workers: the costly lane, the bounded wait, Retry-After."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdf_helpers import call, make_corpus

from kg.rdf.serve import SparqlServer, make_server
from kg.rdf.serve_pool import default_costly_slots, looks_costly
from kg.rdf.store import write_outputs_rdf

#: a product of whole-store patterns: the static estimate calls it costly
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
#: as costly, but with negated property sets the static estimate does not see through
DISGUISED = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d !rdf:type ?e . ?f !rdf:type ?g . "
             "?h !rdf:type ?i }")
LIGHT = "ASK { ?s a kg:Claim }"


@pytest.mark.parametrize(
    ("sparql", "costly"),
    [
        (RUNAWAY, True),
        ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", True),
        ("SELECT * WHERE {\n  ?a ?b ?c .\n  ?d ?e ?f\n}", True),
        (DISGUISED, False),
        ("SELECT ?a ?b ?c WHERE { ?a kg:actor ?b ; kg:recipient ?c }", False),
        ("SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s ?p ?o", False),
        ('SELECT ?s WHERE { ?s rdfs:label "?a ?b ?c . ?d ?e ?f" }', False),
        ("SELECT ?s WHERE { ?s ?p ?o } # ?a ?b ?c", False),
    ],
)
def test_serve_pool_looks_costly_flags_products_of_whole_store_patterns(
        sparql: str, costly: bool) -> None:
    assert looks_costly(sparql) is costly


@pytest.mark.parametrize(("workers", "slots"), [(1, 1), (2, 1), (3, 1), (8, 2), (16, 4)])
def test_serve_pool_costly_queries_may_hold_a_quarter_of_the_workers(
        workers: int, slots: int) -> None:
    assert default_costly_slots(workers) == slots


def start(out: Path, **options: Any) -> tuple[SparqlServer, threading.Thread]:
    server = make_server(out, port=0, max_rows=10, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop(server: SparqlServer) -> None:
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pool")
    write_outputs_rdf(make_corpus(), path)
    return path


@pytest.fixture(scope="module")
def shared_server(out: Path) -> Iterator[SparqlServer]:
    server, _ = start(out, workers=2, costly_workers=1, timeout=3.0, light_seconds=0.2)
    yield server
    stop(server)


@pytest.fixture
def server(shared_server: SparqlServer) -> SparqlServer:
    """The shared server once the workers a previous test stopped have been replaced.

    A replacement is a new process that opens the store: on a loaded machine it can take
    longer than a query waits, and a test would then meet a pool one worker short.
    """
    assert shared_server.pool.wait_idle(60)
    return shared_server


def get(server: SparqlServer, query: str) -> tuple[int, dict[str, str], str]:
    return call(f"{server.url}?{urllib.parse.urlencode({'query': query})}")


def in_background(server: SparqlServer, query: str) -> tuple[threading.Thread, dict[str, object]]:
    """Send `query` from a thread; give the thread and where its answer will land."""
    answer: dict[str, object] = {}

    def send() -> None:
        status, headers, body = get(server, query)
        answer.update(status=status, headers=headers, body=body)

    thread = threading.Thread(target=send)
    thread.start()
    time.sleep(0.5)  # let it reach its worker
    return thread, answer


def test_serve_pool_second_costly_query_is_refused_with_retry_after(server: SparqlServer) -> None:
    thread, first = in_background(server, RUNAWAY)
    status, headers, body = get(server, RUNAWAY)
    assert status == 503
    assert 1 <= int(headers["Retry-After"]) <= 3
    assert "looks costly" in body and "1 costly one(s) already run" in body
    assert get(server, LIGHT)[0] == 200  # the reserved worker still answers light queries
    thread.join()
    assert first["status"] == 503 and "time limit of 3 s" in str(first["body"])
    assert "Retry-After" not in first["headers"]  # type: ignore[operator]


def test_serve_pool_query_turning_costly_with_the_lane_full_is_stopped(
        server: SparqlServer) -> None:
    thread, _ = in_background(server, RUNAWAY)
    status, headers, body = get(server, DISGUISED)
    assert status == 503
    assert "still running after 0.2 s of work" in body and "Retry-After" in headers
    status, _, body = get(server, LIGHT)
    assert (status, json.loads(body)) == (200, {"head": {}, "boolean": True})
    thread.join()


def test_serve_pool_query_turning_costly_with_the_lane_free_runs_to_the_limit(
        server: SparqlServer) -> None:
    status, headers, body = get(server, DISGUISED)
    assert status == 503 and "time limit of 3 s" in body and "Retry-After" not in headers


def test_serve_pool_over_capacity_is_refused_at_once_not_queued(out: Path) -> None:
    server, _ = start(out, workers=1, timeout=3.0, max_wait=0.01)
    try:
        thread, _ = in_background(server, RUNAWAY)
        started = time.monotonic()
        status, headers, body = get(server, LIGHT)
        assert status == 503 and time.monotonic() - started < 0.5
        assert headers["Retry-After"] == "1"
        assert body.startswith("all 1 query workers are busy")
        thread.join()
    finally:
        stop(server)


def test_serve_pool_worker_stopped_at_the_time_limit_is_replaced(server: SparqlServer) -> None:
    pids = {worker.process.pid for worker in server.pool.idle}
    status, _, body = get(server, RUNAWAY)
    assert status == 503 and "time limit of 3 s" in body
    assert server.pool.wait_idle(60)
    assert len(server.pool.processes) == 2
    assert len(pids & {worker.process.pid for worker in server.pool.idle}) == 1
