"""Endpoint under load (loopback, bounded): 32 clients of mixed shipped queries, zero errors
(a rare designed 503 refusal over capacity is no error), and runaway queries cut at the time
limit, or refused when they overlap, while the others keep being answered within the issue #17
targets.

The 30-second version with the latency table is `bench/serve_bench.py`.
"""

from __future__ import annotations

import math
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
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SparqlServer]:
    out: Path = tmp_path_factory.mktemp("load")
    write_outputs_rdf(make_corpus(), out)
    server = make_server(out, port=0, timeout=3.0, max_rows=1000, workers=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(shared_server: SparqlServer) -> SparqlServer:
    """The shared server with every worker a previous test stopped replaced."""
    assert shared_server.pool.wait_idle(60)
    return shared_server


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
    # no errors: every answer is a result or, on a machine too loaded to keep the queue within
    # its bound, the designed refusal (503 with Retry-After, issue #17), and such refusals stay
    # rare (a clean-clone run at load 1 on 2 cores refused 2 of 3,484)
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[503] <= 0.01 * sum(statuses.values()), statuses
    assert statuses[200] >= CLIENTS
    assert runaway["status"] == 503
    assert "time limit of 3 s" in str(runaway["body"])
    assert call(f"{server.url}?{urllib.parse.urlencode({'query': queries[0]})}")[0] == 200


def percentile(values: list[float], share: float) -> float:
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, math.ceil(share * len(ranked)) - 1))]


@pytest.mark.slow
def test_serve_load_overlapping_runaways_leave_light_queries_answered(
        server: SparqlServer) -> None:
    """32 clients for 10 s, a runaway every 2 s (each would run 3 s): issue #17's targets hold."""
    queries = [resolve_query(name) for name in list_queries()]
    seconds, lock = 10.0, threading.Lock()
    latencies: list[float] = []
    answered_at: list[float] = []
    light: Counter[int] = Counter()
    runaways: Counter[str] = Counter()
    start = time.monotonic()

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < start + seconds:
            began = time.monotonic()
            query = urllib.parse.urlencode({"query": queries[i % len(queries)]})
            status, headers, _ = call(f"{server.url}?{query}", timeout=60)
            with lock:
                light[status] += 1
                if status == 200:
                    latencies.append(time.monotonic() - began)
                    answered_at.append(time.monotonic() - start)
            time.sleep(float(headers.get("Retry-After", 0)))
            i += 1

    def runaway() -> None:
        status, headers, body = call(f"{server.url}?{urllib.parse.urlencode({'query': RUNAWAY})}")
        kind = "refused" if "Retry-After" in headers else "stopped" if "time limit" in body else ""
        with lock:
            runaways[f"{status} {kind}"] += 1

    senders = [threading.Thread(target=runaway) for _ in range(5)]
    with ThreadPoolExecutor(CLIENTS) as pool:
        clients = [pool.submit(client, n) for n in range(CLIENTS)]
        for k, sender in enumerate(senders):
            time.sleep(max(0.0, start + 2.0 * k - time.monotonic()))
            sender.start()
        for future in clients:
            future.result()
    for sender in senders:
        sender.join()
    assert set(light) <= {200, 503} and light[503] <= 0.05 * light.total(), light
    assert percentile(latencies, 0.95) <= 1.5
    assert sorted({int(t) for t in answered_at if t < seconds}) == list(range(int(seconds)))
    assert set(runaways) <= {"503 refused", "503 stopped"} and runaways["503 stopped"] >= 2
    assert runaways["503 refused"] >= 1
