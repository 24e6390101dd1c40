"""The triple-store recipes of README.md and docs/rdf.md, run as written against Oxigraph's server.

A built store keeps its data in named graphs, so a read-only Oxigraph server answers a plain
count with 0; the documented ways to query the union must see every triple (issue #16).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdf_helpers import OXIGRAPH, make_corpus, oxigraph_server

from kg.cli import cli
from kg.rdf.store import write_outputs_rdf

ROOT = Path(__file__).resolve().parents[2]
DOCS = {name: (ROOT / name).read_text(encoding="utf-8") for name in ("README.md", "docs/rdf.md")}
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server CLI is not installed "
                       "(pip install 'oxigraph>=0.5,<0.6')"),
]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
READ_ONLY = "oxigraph serve-read-only --location output/store --bind 127.0.0.1:7879"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """An output folder (store/ and graph.nq) and its number of triples."""
    out = tmp_path_factory.mktemp("recipes") / "output"
    return out, write_outputs_rdf(make_corpus(), out)["triples"]


oxigraph = oxigraph_server


def count(url: str, query: str = COUNT, **params: str) -> int:
    request = urllib.request.Request(
        f"{url}/query?{urllib.parse.urlencode({'query': query, **params})}",
        headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.loads(response.read())["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_store_recipes_document_the_union_default_graph_option(doc: str) -> None:
    assert f"{READ_ONLY} --union-default-graph" in DOCS[doc]
    assert "GRAPH ?g { ?s ?p ?o }" in DOCS[doc]


def test_store_recipes_read_only_union_default_graph_sees_every_triple(
    built: tuple[Path, int]
) -> None:
    out, triples = built
    with oxigraph("serve-read-only", "--location", str(out / "store"),
                  "--union-default-graph") as url:
        assert count(url) == triples


def test_store_recipes_read_only_union_per_query_or_with_graph(built: tuple[Path, int]) -> None:
    out, triples = built
    with oxigraph("serve-read-only", "--location", str(out / "store")) as url:
        assert (count(url), count(url, **{"union-default-graph": ""}),
                count(url, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")) == (
                    0, triples, triples)


def test_store_recipes_push_into_oxigraph_serve_as_written(
    built: tuple[Path, int], tmp_path: Path
) -> None:
    out, triples = built
    assert "oxigraph serve --location db --bind 127.0.0.1:7879 &" in DOCS["README.md"]
    assert "kg push output --endpoint http://127.0.0.1:7879/store" in DOCS["README.md"]
    with oxigraph("serve", "--location", str(tmp_path / "db")) as url:
        result = CliRunner().invoke(cli, ["push", str(out), "--endpoint", f"{url}/store"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"Pushed {triples} triples in 3 named graphs to {url}")
        assert count(url, **{"union-default-graph": ""}) == triples
