"""Endpoint under load (loopback, bounded): 32 clients of mixed shipped queries, zero errors,
and a runaway query cut at the time limit while the others keep being answered.

The 30-second version with throughput figures is `bench/rdf_bench.py --load`.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdf_helpers import call, make_corpus

from kg.rdf.query import list_queries, resolve_query
from kg.rdf.serve import SparqlServer, make_server
from kg.rdf.store import write_outputs_rdf

CLIENTS = 32
SECONDS = 8.0
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    out: Path = tmp_path_factory.mktemp("load")
    write_outputs_rdf(make_corpus(), out)
    server = make_server(out, port=0, timeout=3.0, max_rows=1000, workers=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def run_clients(url: str, queries: list[str], seconds: float) -> Counter[int]:
    """Each client loops over the queries until the deadline; count answers by HTTP status."""
    deadline = time.monotonic() + seconds

    def client(offset: int) -> Counter[int]:
        seen: Counter[int] = Counter()
        i = offset
        while time.monotonic() < deadline:
            query = queries[i % len(queries)]
            seen[call(f"{url}?{urllib.parse.urlencode({'query': query})}", timeout=60)[0]] += 1
            i += 1
        return seen

    with ThreadPoolExecutor(CLIENTS) as pool:
        return sum(pool.map(client, range(CLIENTS)), Counter())


def test_serve_load_32_clients_mixed_queries_and_a_runaway(server: SparqlServer) -> None:
    queries = [resolve_query(name) for name in list_queries()]
    runaway: dict[str, object] = {}

    def slow() -> None:
        time.sleep(1.0)
        status, _, body = call(f"{server.url}?{urllib.parse.urlencode({'query': RUNAWAY})}")
        runaway.update(status=status, body=body)

    thread = threading.Thread(target=slow)
    thread.start()
    statuses = run_clients(server.url, queries, SECONDS)
    thread.join()
    assert set(statuses) == {200}, statuses
    assert statuses[200] >= CLIENTS
    assert runaway["status"] == 503
    assert "time limit of 3 s" in str(runaway["body"])
    assert call(f"{server.url}?{urllib.parse.urlencode({'query': queries[0]})}")[0] == 200
