"""Helpers for the RDF, store, query, serve and push tests: a small corpus and an HTTP call.

The corpus: two made-up articles; five events that cover every status, a person acting for a
country, an attributed claim, a place and dates of each precision.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from kg.records import Actor, Article, Corpus, Event, Evidence, Location, Place, SourceSpan

TEXT_1 = (
    "Chile's foreign minister Ana Ruiz met Norway's envoy in Oslo on March 5. "
    "Norway said Kenyan forces shelled a Chilean convoy."
)
TEXT_2 = (
    "Norway and Chile signed a trade deal. Chile denied accusing Kenya of espionage. "
    "Norway plans to meet Kenya in April."
)


def _evidence(article: str, text: str, sentence: str, trigger: str, conf: float = 0.9) -> Evidence:
    start = text.index(sentence)
    trig = text.index(trigger, start)
    return Evidence(article, sentence, start, start + len(sentence), trigger, trig,
                    trig + len(trigger), conf)


def make_corpus() -> Corpus:
    """Return the corpus; every call builds equal records."""
    s1, s2 = TEXT_1.split(". ", 1)
    s1 += "."
    t2 = TEXT_2.split(". ")
    articles = (
        Article("a1", "Chile and Norway hold talks", TEXT_1, (SourceSpan("in/one.txt", 0, 120),),
                publisher="Daily Example", date="2024-03-06", url="https://news.example/1"),
        Article("a2", "Trade deal signed", TEXT_2, (SourceSpan("in/two.txt", 0, 110),),
                publisher="Daily Example", date="2024-03"),
    )
    actors = (
        Actor("chile", "Chile", "Country", qid="Q298", aliases=("Chilean",), mentions=4,
              articles=("a1", "a2")),
        Actor("kenya", "Kenya", "Country", qid="Q114", aliases=("Kenyan",), mentions=3,
              articles=("a1", "a2")),
        Actor("norway", "Norway", "Country", qid="Q20", mentions=4, articles=("a1", "a2")),
        Actor("ana-ruiz", "Ana Ruiz", "Person", country="Chile", affiliation="chile",
              roles=("foreign minister",), mentions=1, articles=("a1",)),
    )
    places = (Place("oslo", "Oslo", qid="Q585", country="Norway",
                    location=Location(3143244, "city", "NO", 59.91273, 10.74609)),)
    events = (
        Event("ev-meet", "CONSULT", ("ana-ruiz",), ("norway",), "asserted",
              (_evidence("a1", TEXT_1, s1, "met"),), ("a1",), 0.9, mode="visit",
              date="2024-03-05", date_precision="day", place="Oslo"),
        Event("ev-shell", "ASSAULT", ("kenya",), ("chile",), "reported",
              (_evidence("a1", TEXT_1, s2, "shelled", 0.7),), ("a1",), 0.7,
              attributed_to="norway"),
        Event("ev-deal", "AGREE", ("norway",), ("chile",), "asserted",
              (_evidence("a2", TEXT_2, t2[0] + ".", "signed"),), ("a2",), 0.85,
              date="2024-03", date_precision="month"),
        Event("ev-accuse", "ACCUSE", ("chile",), ("kenya",), "denied",
              (_evidence("a2", TEXT_2, t2[1] + ".", "accusing", 0.6),), ("a2",), 0.6,
              attributed_to="chile"),
        Event("ev-plan", "CONSULT", ("norway",), ("kenya",), "intended",
              (_evidence("a2", TEXT_2, t2[2], "meet", 0.8),), ("a2",), 0.8,
              date="2024", date_precision="year"),
    )
    return Corpus(articles=articles, actors=actors, events=events, places=places)


def call(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 30) -> tuple[int, dict[str, str], str]:
    """Make one HTTP request; return status, headers and body whatever the status."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8")


def free_port() -> int:
    """Return a loopback TCP port that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# the server CLI is installed into the virtualenv, which need not be on PATH (`make test`)
OXIGRAPH = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}{os.pathsep}"
                        f"{os.environ.get('PATH', '')}")


@contextlib.contextmanager
def oxigraph_server(*args: str) -> Iterator[str]:
    """Run `oxigraph ARGS --bind 127.0.0.1:PORT` until the block ends; yield its base URL."""
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), *args, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=1).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
