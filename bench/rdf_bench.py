"""RDF benchmark: a generated graph shaped like ours (~1.2M triples by default).

Measures building the outputs (N-Quads, store bulk load, Turtle) once, then, each `--repeat`
times (median and spread printed): the shipped queries (ontology/queries/*.rq) on the on-disk
store, Turtle/N-Quads export, and pyoxigraph against plain rdflib on the whole graph in memory,
both engines running the same shipped queries with the union of all graphs as default graph.
rdflib takes minutes per shipped query at this size, so each of its steps is stopped at
`--rdflib-cap` seconds and shown as ">cap": the size is not cut, the wait is. The endpoint
under load is `bench/serve_bench.py`.

    python bench/rdf_bench.py                           # ~1.2M triples, 3 runs each
    python bench/rdf_bench.py --events 4000 --rdflib-cap 30    # quick run (~215k triples)
    python bench/rdf_bench.py --folder /tmp/big --parts export  # export of a built folder
"""

from __future__ import annotations

import argparse
import random
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pyoxigraph as ox

from kg.rdf.dataset import iter_quads
from kg.rdf.export import export
from kg.rdf.query import execute, list_queries, resolve_query, run_query
from kg.rdf.store import write_outputs_rdf
from kg.records import Actor, Article, Corpus, Event, Evidence, Place, SourceSpan

TYPES = ("AGREE", "CONSULT", "SUPPORT", "ACCUSE", "ASSAULT", "THREATEN", "AID", "REJECT")
STATUSES = ("asserted", "asserted", "asserted", "reported", "denied", "intended")
PARTS = ("queries", "export", "engines")


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


class CappedError(Exception):
    """A step ran past its time cap."""


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise CappedError


def runs(label: str, fn: Callable[[], Any], repeat: int, *, cap: float | None = None) -> Any:
    """Time `fn` `repeat` times; print median wall and CPU time, the wall spread and run count.

    CPU time is printed too because on a shared machine the wall time also counts the other
    programs' turns. With `cap`, a run is interrupted (SIGALRM: rdflib is pure Python) after
    `cap` seconds and no further run is made; the line then reads ">cap".
    """
    times: list[float] = []
    cpus: list[float] = []
    value: Any = None
    for _ in range(repeat):
        if cap:
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, cap)
        started, cpu = time.perf_counter(), time.process_time()
        try:
            value = fn()
        except CappedError:
            print(f"  {label:<44} >{cap:g} s (stopped at the cap)", flush=True)
            return None
        finally:
            if cap:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    print(f"  {label:<44} {spread(times)}, cpu {statistics.median(cpus):.2f} s", flush=True)
    return value, statistics.median(times)


def spread(times: list[float]) -> str:
    """Median with min-max and the number of runs, e.g. ``2.97 s [2.17-3.22, 3 runs]``."""
    return (f"{statistics.median(times):8.2f} s [{min(times):.2f}-{max(times):.2f}, "
            f"{len(times)} run{'s' if len(times) != 1 else ''}]")


def bench_build(corpus: Corpus, out: Path) -> None:
    print("build (one run)")
    started = time.perf_counter()
    n = sum(1 for _ in iter_quads(corpus))
    print(f"  {'generate quads (iter_quads)':<44} {time.perf_counter() - started:8.2f} s")
    started = time.perf_counter()
    counts = write_outputs_rdf(corpus, out)
    print(f"  {'write_outputs_rdf (nq + store + ttl)':<44} {time.perf_counter() - started:8.2f} s")
    print(f"  -> {n} quads, {counts['triples']} triples, {counts['graphs']} graphs; "
          f"graph.nq {(out / 'graph.nq').stat().st_size / 2**20:.0f} MiB, "
          f"graph.ttl {(out / 'graph.ttl').stat().st_size / 2**20:.0f} MiB")


def bench_queries(out: Path, repeat: int) -> None:
    print("shipped queries on the on-disk store (kg query)")
    for name in list_queries():
        timed = runs(name, lambda name=name: run_query(out, resolve_query(name)), repeat)
        print(f"    {len(timed[0].rows)} rows")


def bench_export(out: Path, repeat: int) -> None:
    print("export (kg export)")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("turtle", "nquads", "ntriples", "trig", "jsonld"):
            runs(f"export {fmt}", lambda fmt=fmt: export(out, fmt, Path(tmp) / f"x.{fmt}"),
                 repeat)


def bench_engines(out: Path, repeat: int, cap: float) -> None:
    """pyoxigraph and rdflib in memory, on the whole graph.nq, running the shipped queries."""
    import rdflib

    nquads = out / "graph.nq"
    print(f"in memory, the whole graph.nq: pyoxigraph vs rdflib (rdflib steps capped at "
          f"{cap:g} s)")
    timings: dict[str, dict[str, float | None]] = {"pyoxigraph": {}, "rdflib": {}}

    def note(engine: str, step: str, timed: Any) -> Any:
        timings[engine][step] = None if timed is None else timed[1]
        return None if timed is None else timed[0]

    store = note("pyoxigraph", "parse N-Quads", runs(
        "pyoxigraph parse N-Quads", lambda: _ox_load(nquads), repeat))
    ox_rows = {}
    for name in list_queries():
        result = note("pyoxigraph", name, runs(
            f"pyoxigraph {name}", lambda name=name: execute(store, resolve_query(name)), repeat))
        ox_rows[name] = len(result.rows)
    note("pyoxigraph", "write Turtle", runs("pyoxigraph write Turtle", lambda: ox.serialize(
        (q.triple for q in store), format=ox.RdfFormat.TURTLE), repeat))
    store = None  # free it before rdflib loads the same graph
    # one rdflib load: at this size it takes minutes, and a second copy would not fit with it
    dataset = note("rdflib", "parse N-Quads", runs(
        "rdflib parse N-Quads", lambda: _rdflib_load(rdflib, nquads), 1, cap=max(cap, 600)))
    if dataset is not None:
        for name in list_queries():
            rows = note("rdflib", name, runs(
                f"rdflib {name}", lambda name=name: list(dataset.query(resolve_query(name))),
                repeat, cap=cap))
            if rows is not None and len(rows) != ox_rows[name]:
                print(f"    rows differ: rdflib {len(rows)}, pyoxigraph {ox_rows[name]}")
        graph = rdflib.Graph()  # Turtle holds the union, as kg export writes it
        for named in dataset.graphs():
            for triple in named:
                graph.add(triple)
        note("rdflib", "write Turtle", runs(
            "rdflib write Turtle", lambda: graph.serialize(format="turtle"), repeat, cap=cap))
    print("ratio rdflib / pyoxigraph (medians)")
    for step, ox_s in timings["pyoxigraph"].items():
        rdf_s = timings["rdflib"].get(step)
        ratio = (f"{'>' + format(cap / ox_s, '.0f'):>8}x (rdflib stopped at the cap)"
                 if rdf_s is None else f"{rdf_s / ox_s:8.1f}x")
        print(f"  {step:<44} {ratio}")


def _ox_load(path: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store


def _rdflib_load(rdflib: Any, path: Path) -> Any:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    return dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=22000,
                        help="events (~54 triples each, 22000 -> ~1.2M)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timed step")
    parser.add_argument("--rdflib-cap", type=float, default=60.0,
                        help="seconds after which an rdflib step is stopped")
    parser.add_argument("--folder", type=Path, default=None,
                        help="a built output folder to measure instead of a generated graph")
    parser.add_argument("--parts", nargs="+", choices=PARTS, default=list(PARTS),
                        help="what to measure besides the build")
    args = parser.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent, check=False).stdout.strip()
    print(f"commit {commit or '?'}; median wall time [min-max, runs]")
    with tempfile.TemporaryDirectory() as tmp:
        out = args.folder
        if out is None:
            out = Path(tmp)
            bench_build(synthetic_corpus(args.events), out)
        if "queries" in args.parts:
            bench_queries(out, args.repeat)
        if "export" in args.parts:
            bench_export(out, args.repeat)
        if "engines" in args.parts:
            bench_engines(out, args.repeat, args.rdflib_cap)


if __name__ == "__main__":
    main()
