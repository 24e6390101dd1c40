"""kg push into a real Oxigraph server: one graph per article, replaced on a second push."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdf_helpers import free_port, make_corpus

from kg.errors import StoreError
from kg.rdf.push import push
from kg.rdf.store import write_outputs_rdf

# the server CLI is installed into the virtualenv, which need not be on PATH (`make test`)
OXIGRAPH = shutil.which("oxigraph", path=f"{Path(sys.executable).parent}{os.pathsep}"
                        f"{os.environ.get('PATH', '')}")
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server CLI is not "
                                "installed (pip install 'oxigraph>=0.5,<0.6')")


@pytest.fixture()
def oxigraph(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "--location", str(tmp_path / "db"), "--bind",
         f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def select(url: str, query: str) -> list[dict[str, str]]:
    request = urllib.request.Request(
        f"{url}/query?{urllib.parse.urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        bindings = json.loads(response.read())["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def test_push_twice_replaces_graphs_instead_of_duplicating(oxigraph: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    counts = write_outputs_rdf(make_corpus(), out)
    first = push(out, f"{oxigraph}/store")
    second = push(out, f"{oxigraph}/store")
    assert (first.graphs, first.triples) == (3, counts["triples"])
    assert (second.graphs, second.triples) == (3, counts["triples"])
    total = select(oxigraph, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert total == [{"n": str(counts["triples"])}]
    denied = select(oxigraph, """
        PREFIX kg: <https://w3id.org/kg-news/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { GRAPH ?g { ?e a kg:Event ; kg:status kg:denied ; rdfs:label ?label } }
    """)
    assert denied == [{"label": "Chile ACCUSE Kenya"}]
    assert str(second).startswith(f"Pushed {counts['triples']} triples in 3 named graphs")


def test_push_to_a_closed_port_says_what_to_check(tmp_path: Path) -> None:
    write_outputs_rdf(make_corpus(), tmp_path)
    with pytest.raises(StoreError, match="cannot reach .*is the triple store running"):
        push(tmp_path, f"http://127.0.0.1:{free_port()}/store", timeout=5)


def test_push_with_another_base_re_mints_iris(oxigraph: str, tmp_path: Path) -> None:
    from kg.pipeline.output import push_folder, write_jsonl

    write_jsonl(make_corpus(), tmp_path)
    write_outputs_rdf(make_corpus(), tmp_path)
    report = push_folder(tmp_path, f"{oxigraph}/store", base="https://example.org/news/")
    assert report.graph_names[0] == "https://example.org/news/graph/a1"
    rows = select(oxigraph, "SELECT ?s WHERE { GRAPH ?g { ?s a <http://schema.org/NewsArticle> } }"
                            " ORDER BY ?s")
    assert rows == [{"s": "https://example.org/news/article/a1"},
                    {"s": "https://example.org/news/article/a2"}]
