"""RDF benchmark: a generated graph shaped like ours (~1M triples by default).

Measures building the outputs (N-Quads, store bulk load, Turtle), the shipped queries on the
on-disk store, Turtle/N-Quads export, and pyoxigraph against plain rdflib in memory. rdflib is
measured on a smaller slice (default 200k triples) to stay feasible; ratios are per triple.
With ``--load`` it also runs the 30-second endpoint load test (32 clients, mixed queries).

    python bench/rdf_bench.py                 # ~1M triples
    python bench/rdf_bench.py --events 4000   # quick run
    python bench/rdf_bench.py --load --seconds 30
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.rdf.dataset import iter_quads
from kg.rdf.export import export
from kg.rdf.query import execute, list_queries, resolve_query, run_query
from kg.rdf.serve import make_server
from kg.rdf.store import write_outputs_rdf
from kg.records import Actor, Article, Corpus, Event, Evidence, Place, SourceSpan

TYPES = ("AGREE", "CONSULT", "SUPPORT", "ACCUSE", "ASSAULT", "THREATEN", "AID", "REJECT")
STATUSES = ("asserted", "asserted", "asserted", "reported", "denied", "intended")


def synthetic_corpus(events: int, *, seed: int = 7) -> Corpus:
    """Make a corpus with the proportions of real builds: ~4 events and ~6 actors per article."""
    rng = random.Random(seed)
    n_articles, n_actors = max(1, events // 4), max(4, events // 10)
    sentence = "The minister of one country met the envoy of another in the capital on Monday."
    text = " ".join([sentence] * 8)
    articles = tuple(
        Article(f"{i:016x}", f"Headline number {i}", text, (SourceSpan(f"in/{i}.txt", 0, 9),),
                publisher=f"Outlet {i % 40}", date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                url=f"https://news.example/{i}")
        for i in range(n_articles))
    kinds = ("Country", "Person", "Organization", "ArmedGroup")
    actors = []
    for i in range(n_actors):
        kind = kinds[i % 4]
        actors.append(Actor(
            f"actor-{i}", f"Actor {i}", kind, qid=f"Q{1000 + i}" if kind == "Country" else None,
            country=f"Actor {(i // 4) * 4}" if kind != "Country" else None,
            affiliation=f"actor-{(i // 4) * 4}" if kind == "Person" else None,
            aliases=(f"A{i}",), roles=("minister",) if kind == "Person" else (),
            mentions=rng.randint(1, 50),
            articles=tuple(sorted({articles[rng.randrange(n_articles)].id for _ in range(3)}))))
    places = tuple(Place(f"place-{i}", f"City {i}", qid=f"Q{900000 + i}") for i in range(200))
    out = []
    for i in range(events):
        picks = rng.choice((1, 1, 2))
        told = sorted({articles[rng.randrange(n_articles)].id for _ in range(picks)})
        a, b = rng.sample(range(n_actors), 2)
        evidence = tuple(Evidence(t, sentence, 80 * k, 80 * k + 79, "met", 80 * k + 24,
                                  80 * k + 27, 0.8) for k, t in enumerate(told))
        out.append(Event(
            f"ev-{i}", rng.choice(TYPES), (f"actor-{a}",), (f"actor-{b}",),
            rng.choice(STATUSES), evidence, tuple(told), round(rng.random(), 3),
            attributed_to=f"actor-{a}" if i % 5 == 0 else None,
            date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", date_precision="day",
            place=f"City {i % 200}" if i % 3 == 0 else None))
    return Corpus(articles, tuple(actors), tuple(out), places)


def timed(label: str, fn: Callable[[], Any], results: dict[str, float]) -> Any:
    started = time.process_time(), time.perf_counter()
    value = fn()
    cpu, wall = time.process_time() - started[0], time.perf_counter() - started[1]
    results[label] = wall
    print(f"  {label:<42} {wall:8.2f} s wall {cpu:8.2f} s cpu")
    return value


def bench_build(corpus: Corpus, out: Path) -> dict[str, float]:
    results: dict[str, float] = {}
    print("build")
    n = timed("generate quads (iter_quads)", lambda: sum(1 for _ in iter_quads(corpus)), results)
    counts = timed("write_outputs_rdf (nq + store + ttl)",
                   lambda: write_outputs_rdf(corpus, out), results)
    print(f"  -> {n} quads, {counts['triples']} triples, {counts['graphs']} graphs; "
          f"graph.nq {(out / 'graph.nq').stat().st_size / 2**20:.0f} MiB, "
          f"graph.ttl {(out / 'graph.ttl').stat().st_size / 2**20:.0f} MiB")
    print("queries on the on-disk store")
    for name in list_queries():
        result = timed(name, lambda name=name: run_query(out, resolve_query(name)), results)
        print(f"    {len(result.rows)} rows")
    print("export from the store")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("turtle", "nquads"):
            timed(f"export {fmt}", lambda fmt=fmt: export(out, fmt, Path(tmp) / f"x.{fmt}"),
                  results)
    return results


def bench_memory(out: Path, limit: int) -> None:
    """pyoxigraph in memory vs rdflib on the first `limit` quads of graph.nq."""
    import rdflib

    with (out / "graph.nq").open("rb") as fh:
        data = b"".join(line for _, line in zip(range(limit), fh, strict=False))
    # rdflib's GROUP BY over the shipped queries' joins takes minutes even at 20k quads, so the
    # comparison uses a plain aggregate both engines can run
    sparql = ("PREFIX kg: <https://w3id.org/kg-news/ontology#> SELECT ?t (COUNT(?e) AS ?n) "
              "WHERE { ?e kg:eventType ?t ; kg:actor ?a } GROUP BY ?t")
    print(f"in memory, {limit} quads: pyoxigraph vs rdflib")
    ox_times: dict[str, float] = {}
    rdf_times: dict[str, float] = {}
    store = timed("pyoxigraph parse N-Quads", lambda: _ox_load(data), ox_times)
    timed("pyoxigraph 2-pattern GROUP BY", lambda: execute(store, sparql), ox_times)
    timed("pyoxigraph write Turtle", lambda: ox.serialize(
        (q.triple for q in store), format=ox.RdfFormat.TURTLE), ox_times)
    dataset = timed("rdflib parse N-Quads", lambda: _rdflib_load(rdflib, data), rdf_times)
    graph = rdflib.Graph()
    for named in dataset.graphs():
        for triple in named:
            graph.add(triple)
    timed("rdflib 2-pattern GROUP BY", lambda: list(graph.query(sparql)), rdf_times)
    timed("rdflib write Turtle", lambda: graph.serialize(format="turtle"), rdf_times)
    for (label, ox_s), rdf_s in zip(ox_times.items(), rdf_times.values(), strict=True):
        step = label.replace("pyoxigraph ", "")
        print(f"  ratio rdflib/pyoxigraph {step:<34} {rdf_s / max(ox_s, 1e-6):8.1f}x")


def _ox_load(data: bytes) -> ox.Store:
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    return store


def _rdflib_load(rdflib: Any, data: bytes) -> Any:
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    return dataset


def bench_load(out: Path, seconds: float, clients: int) -> None:
    """Run the endpoint under `clients` concurrent loopback clients of mixed shipped queries."""
    queries = [resolve_query(n) + "\nLIMIT 100" for n in list_queries()]
    server = make_server(out, port=0, timeout=10.0, max_rows=1000, workers=2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    deadline = time.monotonic() + seconds
    latencies: list[float] = []
    statuses: Counter[str] = Counter()

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < deadline:
            url = f"{server.url}?{urllib.parse.urlencode({'query': queries[i % len(queries)]})}"
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    response.read()
                statuses[str(response.status)] += 1
            except urllib.error.HTTPError as err:
                statuses[str(err.code)] += 1
            except (urllib.error.URLError, OSError) as err:
                statuses[type(err).__name__] += 1
            latencies.append(time.perf_counter() - started)
            i += 1

    try:
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(client, range(clients)))
    finally:
        server.shutdown()
        server.server_close()
    latencies.sort()
    print(f"endpoint load: {clients} clients for {seconds:g} s")
    print(f"  {len(latencies)} requests {dict(statuses)}, {len(latencies) / seconds:.1f} req/s, "
          f"p50 {statistics.median(latencies) * 1000:.0f} ms, "
          f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=22000,
                        help="events (~54 triples each, 22000 -> ~1.2M)")
    parser.add_argument("--rdflib-quads", type=int, default=200_000)
    parser.add_argument("--load", action="store_true", help="also run the endpoint load test")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--load-events", type=int, default=1000,
                        help="events in the graph served for the load test (~55k triples)")
    args = parser.parse_args()
    corpus = synthetic_corpus(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        bench_build(corpus, out)
        bench_memory(out, args.rdflib_quads)
    if args.load:
        # analytical queries over 1M triples take seconds each: the load test serves a graph the
        # size of a typical build instead, so it measures the endpoint, not the query engine
        with tempfile.TemporaryDirectory() as tmp:
            write_outputs_rdf(synthetic_corpus(args.load_events), Path(tmp))
            bench_load(Path(tmp), args.seconds, args.clients)


if __name__ == "__main__":
    main()
