"""The graph of the bundled sample corpus: the export contract and the shipped queries' answers."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"

pytestmark = [
    pytest.mark.slow,
    # pyshacl touches rdflib Dataset APIs that rdflib 7.6 deprecates
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


def test_sample_graph_conforms_to_the_shapes(sample_build) -> None:
    _, out = sample_build
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(
        graph, shacl_graph=str(ONTOLOGY / "shapes.ttl"), ont_graph=str(ONTOLOGY / "kg.ttl"),
        inference="none",
    )
    assert conforms, text
