"""The RDF says why each actor is one (kg:basis, issue #15)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import rdflib
from rdf_helpers import make_corpus

from kg.rdf.dataset import build_dataset
from kg.rdf.iris import DEFAULT_BASE
from kg.rdf.iris import KG as KG_NS

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
KG = rdflib.Namespace(KG_NS)


@pytest.mark.parametrize("basis", ["gazetteer:countries.json", "model:PERSON 3/4"])
def test_rdf_basis_is_a_literal_on_the_actor(basis: str) -> None:
    corpus = make_corpus()
    actors = tuple(dataclasses.replace(a, basis=basis) for a in corpus.actors)
    dataset = build_dataset(dataclasses.replace(corpus, actors=actors))
    found = {(str(s), str(o)) for g in dataset.graphs() for s, _, o in g.triples(
        (None, KG.basis, None))}
    assert {o for _, o in found} == {basis}
    assert len(found) == len(actors) == 4
    assert all(s.startswith(f"{DEFAULT_BASE}actor/") for s, _ in found)


def test_rdf_basis_without_one_writes_no_triple() -> None:
    dataset = build_dataset(make_corpus())
    assert not any(True for g in dataset.graphs() for _ in g.triples((None, KG.basis, None)))


def test_rdf_basis_is_declared_in_kg_ttl() -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY / "kg.ttl")
    assert (KG.basis, rdflib.RDF.type, rdflib.OWL.DatatypeProperty) in ontology
    assert ontology.value(KG.basis, rdflib.RDFS.domain) == KG.Actor
    assert ontology.value(KG.basis, rdflib.RDFS.comment) is not None
