"""Time the network page in headless Chromium, against a plain pyvis page of the same graph.

For 100, 1,000 and 5,000 actors (a synthetic corpus, three events per actor, participation
skewed the way news is: a few actors in many events) it reports the time `write_html` takes,
the page size, and the time from navigation start to a stable, interactive drawing: for the kg
page when its physics has stopped after the fixed stabilisation run (``kgState.stableAt``),
for the plain pyvis page (pyvis defaults: 1,000 stabilisation iterations, smooth dynamic
edges, physics left running) when vis-network reports ``stabilized``, with a time cap.
Requests that would leave the page (pyvis' Bootstrap CDN links) are aborted, as offline.

Example::

    python bench/html_bench.py --sizes 100 1000 5000 --cap 180
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from pyvis.network import Network

from kg.atomic import atomic_write_text
from kg.records import ACTOR_TYPES, Actor, Article, Corpus, Event, Evidence, SourceSpan
from kg.views.page import write_html

TYPES = ("AGREE", "CONSULT", "SUPPORT", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "DEMAND", "PROTEST", "SANCTION", "ASSAULT")
STATUSES = ("asserted", "asserted", "asserted", "reported", "intended", "denied")
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
RESULTS = Path(__file__).resolve().parent / "results" / "html_bench.json"


def synthetic_corpus(actors: int, *, seed: int = 1, per_actor: int = 3) -> Corpus:
    """A made-up corpus: `actors` actors, `per_actor` x as many events, skewed participation."""
    rng = random.Random(seed)
    people = [Actor(f"a{i}", f"Actor {i}", ACTOR_TYPES[i % len(ACTOR_TYPES)])
              for i in range(actors)]
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(actors)]
    articles, events = [], []
    for number in range(actors * per_actor):
        if number % 10 == 0:
            day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
            articles.append(Article(f"art{len(articles)}", f"Synthetic story {len(articles)}",
                                    "", (SourceSpan("synthetic.jsonl", 0, 0),), date=day))
        source, target = rng.choices(people, weights=weights, k=2)
        if source.id == target.id:
            target = people[rng.randrange(actors)]
        kind = rng.choice(TYPES)
        sentence = (f"{source.label} and {target.label} were reported in a {kind.lower()} "
                    f"event number {number} according to made-up officials.")
        article = articles[-1]
        events.append(Event(
            id=f"e{number}", type=kind, actors=(source.id,), recipients=(target.id,),
            status=rng.choice(STATUSES), articles=(article.id,), confidence=0.8,
            date=article.date,
            evidence=(Evidence(article.id, sentence, 0, len(sentence), kind.lower(), 0, 1, 0.8),),
        ))
    return Corpus(tuple(articles), tuple(people), tuple(events))


def plain_pyvis(corpus: Corpus, path: Path) -> None:
    """The same aggregated graph as a default pyvis page (nodes/edges filled directly)."""
    net = Network(directed=True, cdn_resources="in_line")
    labels = {a.id: a.label for a in corpus.actors}
    pairs = Counter((e.actors[0], e.recipients[0]) for e in corpus.events)
    used = sorted({n for pair in pairs for n in pair})
    net.nodes = [{"color": "#97c2fc", "id": n, "label": labels[n], "shape": "dot"} for n in used]
    net.edges = [{"from": s, "to": t, "title": f"{n} event(s)", "value": n, "arrows": "to"}
                 for (s, t), n in sorted(pairs.items())]
    net.write_html(str(path))


def time_page(browser, path: Path, condition: str, clock: str, cap: float) -> float | None:
    """Seconds from navigation start to `condition`, or None past `cap` seconds."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "data:")) else route.abort())
    try:
        page.goto(path.as_uri(), timeout=cap * 1000)
        page.wait_for_function(condition, timeout=cap * 1000, polling=50)
        return round(float(page.evaluate(clock)) / 1000.0, 2)
    except PlaywrightTimeout:  # a page past the cap is a result, not a failure
        return None
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--cap", type=float, default=180.0,
                        help="give up on a page after this many seconds")
    options = parser.parse_args(argv)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=ARGS)
        for size in options.sizes:
            corpus = synthetic_corpus(size)
            ours, plain = Path(tmp) / f"kg-{size}.html", Path(tmp) / f"pyvis-{size}.html"
            start = time.perf_counter()
            report = write_html(corpus, ours, max_nodes=size)
            write_s = time.perf_counter() - start
            start = time.perf_counter()
            plain_pyvis(corpus, plain)
            plain_write_s = time.perf_counter() - start
            row = {
                "actors": size, "events": len(corpus.events), "drawn_nodes": report.nodes,
                "drawn_edges": report.edges,
                "kg_write_s": round(write_s, 2), "kg_mib": round(report.bytes / 2**20, 2),
                "kg_stable_s": time_page(browser, ours, "window.kgState && kgState.stable",
                                         "kgState.stableAt", options.cap),
                "pyvis_write_s": round(plain_write_s, 2),
                "pyvis_mib": round(plain.stat().st_size / 2**20, 2),
                "pyvis_stable_s": time_page(
                    browser, plain, "window.network && network.physics.stabilized === true",
                    "performance.now()", options.cap),
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
        browser.close()
    atomic_write_text(RESULTS, json.dumps(rows, indent=2) + "\n")
    print(f"{'actors':>7} {'kg stable s':>12} {'kg MiB':>7} {'pyvis stable s':>15} "
          f"{'pyvis MiB':>10}")
    for row in rows:
        plain_s = row["pyvis_stable_s"]
        print(f"{row['actors']:>7} {row['kg_stable_s'] or 'cap':>12} {row['kg_mib']:>7} "
              f"{plain_s if plain_s is not None else '>' + str(options.cap):>15} "
              f"{row['pyvis_mib']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
