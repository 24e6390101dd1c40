"""Time the network page in headless Chromium, against a plain pyvis page of the same graph.

For 100, 1,000 and 5,000 actors (a synthetic corpus, three events per actor, participation
skewed the way news is: a few actors in many events) it reports the time `write_html` takes,
the page size, and the time from navigation start until the drawing stops moving. Both pages are
measured by the same rule, from outside the page: node positions are sampled every 100 ms, and
the drawing counts as stable at the first sample from which no node moves more than half a
pixel for a whole second (issue #17: the kg page used to be stopped at the end of its fixed
stabilisation run, ``kgState.stableAt``, and plain pyvis at vis-network's ``stabilized``). The kg
page turns its physics off after 150 stabilisation iterations (25 from its community layout
above 500 actors, issue #16); the plain pyvis page (pyvis
defaults: 1,000 stabilisation iterations, smooth dynamic edges, physics left running) moves
until vis-network's simulation settles. A page still moving at the cap is shown as ">cap".
Requests that would leave the page (pyvis' Bootstrap CDN links) are aborted, as offline. Each
page is loaded `--repeat` times; the table gives the median with the spread.

Example::

    python bench/html_bench.py --sizes 100 1000 5000 --cap 120 --repeat 3
    python bench/html_bench.py --no-pyvis      # the kg page only (pyvis takes the cap each time)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

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


#: resolves with the performance.now() (ms) from which no node moved over `still` px for `hold`
#: ms, or null at `cap` ms; `net` is the page's vis.Network
SETTLED = """([net, still, hold, cap]) => new Promise((resolve) => {
  let last = null, since = null;
  const tick = () => {
    const now = performance.now();
    const positions = net.getPositions();
    let moved = last === null;
    if (!moved) {
      for (const id in positions) {
        const a = positions[id], b = last[id];
        if (!b || Math.abs(a.x - b.x) > still || Math.abs(a.y - b.y) > still) {
          moved = true; break;
        }
      }
    }
    if (moved) { since = null; } else if (since === null) { since = now; }
    last = positions;
    if (since !== null && now - since >= hold) { resolve(since); return; }
    if (now >= cap) { resolve(null); return; }
    setTimeout(tick, 100);
  };
  tick();
})"""


def time_page(browser: Any, path: Path, network: str, cap: float) -> float | None:
    """Seconds from navigation start until the drawing stops moving, or None past `cap` s."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        ("file:", "data:")) else route.abort())
    try:
        page.goto(path.as_uri(), timeout=cap * 1000)
        page.wait_for_function(f"!!window.{network}", timeout=cap * 1000, polling=50)
        settled = page.evaluate(f"(args) => ({SETTLED})([window.{network}, ...args])",
                                [0.5, 1000, cap * 1000])
        return None if settled is None else round(float(settled) / 1000.0, 2)
    except PlaywrightTimeout:  # a page past the cap is a result, not a failure
        return None
    finally:
        page.close()


def summary(times: list[float | None], cap: float) -> str:
    """Median and spread of the runs, e.g. ``3.10 [2.90-3.40]``; ">cap" if any hit the cap."""
    if not times:
        return "-"
    if any(t is None for t in times):
        return f">{cap:g}"
    done = [t for t in times if t is not None]
    return f"{statistics.median(done):.2f} [{min(done):.2f}-{max(done):.2f}]"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--cap", type=float, default=120.0,
                        help="give up on a page after this many seconds")
    parser.add_argument("--repeat", type=int, default=3, help="loads of each page")
    parser.add_argument("--no-pyvis", action="store_true",
                        help="time the kg page only, not the plain pyvis page")
    options = parser.parse_args(argv)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=Path(__file__).parent, check=False).stdout.strip()
    rows = []
    load_before = os.getloadavg()[0]
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
            kg_runs, pyvis_runs = [], []
            for _ in range(options.repeat):  # alternate the pages so drift hits both alike
                kg_runs.append(time_page(browser, ours, "kgNetwork", options.cap))
                if not options.no_pyvis:
                    pyvis_runs.append(time_page(browser, plain, "network", options.cap))
            row = {
                "actors": size, "events": len(corpus.events), "drawn_nodes": report.nodes,
                "drawn_edges": report.edges,
                "kg_write_s": round(write_s, 2), "kg_mib": round(report.bytes / 2**20, 2),
                "kg_stable_s": kg_runs, "pyvis_write_s": round(plain_write_s, 2),
                "pyvis_mib": round(plain.stat().st_size / 2**20, 2), "pyvis_stable_s": pyvis_runs,
                "cap_s": options.cap, "commit": commit,
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
        browser.close()
    atomic_write_text(RESULTS, json.dumps(rows, indent=2) + "\n")
    print(f"commit {commit or '?'}; seconds until the drawing stops moving, median "
          f"[min-max] of {options.repeat} loads; machine load average {load_before:.1f} before")
    print(f"{'actors':>7} {'kg stable s':>20} {'kg MiB':>7} {'pyvis stable s':>20} "
          f"{'pyvis MiB':>10}")
    for row in rows:
        print(f"{row['actors']:>7} {summary(row['kg_stable_s'], options.cap):>20} "
              f"{row['kg_mib']:>7} {summary(row['pyvis_stable_s'], options.cap):>20} "
              f"{row['pyvis_mib']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
