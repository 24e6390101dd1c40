"""Endpoint load benchmark: light queries from many clients while costly queries keep arriving.

`clients` loopback clients each loop over the shipped queries (ontology/queries/*.rq) for
`seconds`; every `costly_every` seconds a costly query (a three-way product of the whole store)
arrives in a thread of its own, so costly queries overlap when each runs to the time limit. A
client answered 503 waits what ``Retry-After`` says and goes on. The table gives the latency of
the answered light queries (p50, p95, max), how many were refused, what became of the costly
queries, and the seconds in which nothing at all was answered.

    python bench/serve_bench.py --folder /tmp/ecb           # a built folder (kg build ... --out)
    python bench/serve_bench.py                             # a synthetic graph of ~55k triples
    python bench/serve_bench.py --folder /tmp/ecb --workers 2 --costly-workers 2   # no reserve
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.rdf.query import list_queries, resolve_query
from kg.rdf.store import write_outputs_rdf

COSTLY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
#: the endpoint runs in a process of its own, as `kg serve` does, so that the 32 client threads
#: do not share its interpreter; it prints its URL and pool when ready, and stops on SIGINT
SERVER = """
import sys
from pathlib import Path
from kg.rdf.serve import serve
folder, port, timeout, workers, costly = sys.argv[1:]
serve(Path(folder), port=int(port), timeout=float(timeout), max_rows=1000,
      workers=int(workers) or None, costly_workers=int(costly) or None,
      on_ready=lambda url: print(url, flush=True))
"""


@dataclass
class Load:
    """What the clients saw: latencies of answered light queries, statuses, answer times."""

    seconds: float
    light_latencies: list[float] = field(default_factory=list)
    light_statuses: Counter[str] = field(default_factory=Counter)
    costly_statuses: Counter[str] = field(default_factory=Counter)
    answered_at: list[float] = field(default_factory=list)

    def empty_seconds(self) -> int:
        """Count the whole seconds of the run in which no query was answered (HTTP 200)."""
        served = {int(t) for t in self.answered_at if t < self.seconds}
        return sum(1 for second in range(int(self.seconds)) if second not in served)


def fetch(url: str, sparql: str, timeout: float) -> tuple[str, float]:
    """Send one query; return its status (or error name) and the Retry-After seconds (0)."""
    full = f"{url}?{urllib.parse.urlencode({'query': sparql})}"
    try:
        with urllib.request.urlopen(full, timeout=timeout) as response:
            response.read()
            return str(response.status), 0.0
    except urllib.error.HTTPError as err:
        err.read()
        return str(err.code), float(err.headers.get("Retry-After") or 0)
    except (urllib.error.URLError, OSError) as err:
        return type(err).__name__, 0.0


def run_load(url: str, *, clients: int, seconds: float, costly_every: float,
             queries: list[str]) -> Load:
    """Drive the endpoint at `url` for `seconds`; see the module docstring."""
    load = Load(seconds)
    lock = threading.Lock()
    start = time.monotonic()
    deadline = start + seconds

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < deadline:
            began = time.monotonic()
            status, retry_after = fetch(url, queries[i % len(queries)], 60)
            ended = time.monotonic()
            with lock:
                load.light_statuses[status] += 1
                if status == "200":
                    load.light_latencies.append(ended - began)
                    load.answered_at.append(ended - start)
            if retry_after:
                time.sleep(min(retry_after, max(0.0, deadline - time.monotonic())))
            i += 1

    def costly() -> None:
        status, retry_after = fetch(url, COSTLY, 120)
        if status == "503":
            status += " refused" if retry_after else " stopped at the time limit"
        with lock:
            load.costly_statuses[status] += 1
            if status == "200":
                load.answered_at.append(time.monotonic() - start)

    senders = []
    with ThreadPoolExecutor(clients) as pool:
        futures = [pool.submit(client, n) for n in range(clients)]
        # the first costly query comes at once, then one every `costly_every` seconds
        for k in range(math.ceil(seconds / costly_every) if costly_every else 0):
            time.sleep(max(0.0, start + k * costly_every - time.monotonic()))
            sender = threading.Thread(target=costly)
            sender.start()
            senders.append(sender)
        for future in futures:
            future.result()
    for sender in senders:
        sender.join()
    return load


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile of `values` (share in 0..1)."""
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, math.ceil(share * len(ranked)) - 1))]


def report(load: Load, label: str) -> None:
    """Print the table of one run."""
    times = load.light_latencies
    light = sum(load.light_statuses.values())
    print(f"\n{label}")
    print(f"  {'light queries answered':<34} {len(times):>7} of {light} "
          f"({dict(sorted(load.light_statuses.items()))})")
    if times:
        print(f"  {'light latency p50 / p95 / max':<34} {statistics.median(times):7.3f} / "
              f"{percentile(times, 0.95):.3f} / {max(times):.3f} s")
    print(f"  {'costly queries (status: count)':<34} {dict(sorted(load.costly_statuses.items()))}")
    print(f"  {'seconds with nothing answered':<34} {load.empty_seconds():>7} of "
          f"{int(load.seconds)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=None,
                        help="a built output folder to serve (default: a synthetic graph)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--costly-every", type=float, default=5.0, help="0: no costly queries")
    parser.add_argument("--timeout", type=float, default=10.0, help="the endpoint's --timeout")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core plus one")
    parser.add_argument("--costly-workers", type=int, default=None)
    parser.add_argument("--events", type=int, default=1000,
                        help="events of the synthetic graph (1000 -> ~55k triples)")
    args = parser.parse_args()
    queries = [resolve_query(name) for name in list_queries()]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder
        if folder is None:
            from rdf_bench import synthetic_corpus

            folder = Path(tmp)
            write_outputs_rdf(synthetic_corpus(args.events), folder)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(folder), str(port), str(args.timeout),
             str(args.workers or 0), str(args.costly_workers or 0)],
            stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None
            url = server.stdout.readline().strip()
            if not url:
                raise SystemExit("the endpoint did not start")
            load = run_load(url, clients=args.clients, seconds=args.seconds,
                            costly_every=args.costly_every, queries=queries)
            triples = _count(url)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=60)
    workers = args.workers or len(os.sched_getaffinity(0)) + 1
    costly = args.costly_workers or max(1, workers // 4)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent, check=False).stdout.strip()
    report(load, f"endpoint load at commit {commit or '?'}: {args.folder or 'synthetic graph'} "
                 f"({triples} triples), {args.clients} clients for {args.seconds:g} s, a costly "
                 f"query every {args.costly_every:g} s, --timeout {args.timeout:g}, "
                 f"{workers} workers of which costly queries may hold {costly}; "
                 f"machine load average {load_before:.1f} before the run")
    return 0


def _count(url: str) -> str:
    """Return the number of triples the endpoint serves (answered before shutting down)."""
    sparql = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    full = f"{url}?{urllib.parse.urlencode({'query': sparql})}"
    request = urllib.request.Request(full, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode().splitlines()[1]


if __name__ == "__main__":
    sys.exit(main())
