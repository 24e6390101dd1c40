"""IRIs: one flat namespace per kind, valid segments, no IRI the namespace of another."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ontology import load_ontology
from kg.paths import default_ontology_dir
from kg.rdf import iris
from kg.text import stable_hash


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("abc123", "abc123"),
        ("a-b", "a-b"),
        ("Q159", "q159-" + stable_hash("Q159", 8)),
        ("Jane Doe", "jane-doe-" + stable_hash("Jane Doe", 8)),
    ],
)
def test_iris_segment_keeps_slugs_and_hashes_the_rest(ident: str, expected: str) -> None:
    assert iris.segment(ident) == expected


def test_iris_segment_keeps_ids_that_differ_only_in_case_apart() -> None:
    assert iris.segment("US") != iris.segment("us")


@given(st.text(min_size=1, max_size=120))
def test_iris_segment_is_always_a_valid_flat_path_segment(ident: str) -> None:
    seg = iris.segment(ident)
    assert "/" not in seg and "#" not in seg
    node = ox.NamedNode(iris.data_iri(iris.DEFAULT_BASE, "actor", ident))
    assert node.value == f"{iris.DEFAULT_BASE}actor/{seg}"


def test_iris_actor_iri_uses_qid_only_when_it_is_one() -> None:
    assert iris.actor_iri("https://ex.org/", "x", "Q42") == "https://ex.org/actor/Q42"
    assert iris.actor_iri("https://ex.org/", "x", "not-a-qid") == "https://ex.org/actor/x"


def test_iris_derived_iris_have_fixed_length_so_none_is_a_prefix_of_another() -> None:
    a = iris.derived_iri(iris.DEFAULT_BASE, "claim", "e1", "a1")
    b = iris.derived_iri(iris.DEFAULT_BASE, "claim", "e1", "a10")
    assert len(a) == len(b) and a != b
    assert iris.derived_iri(iris.DEFAULT_BASE, "claim", "e1a", "1") != a


@pytest.mark.parametrize("base", ["example.org/", "https://ex.org/id", "https://ex ample.org/"])
def test_iris_check_base_rejects_unusable_bases(base: str) -> None:
    with pytest.raises(ValueError, match="must be absolute"):
        iris.check_base(base)


def test_iris_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown IRI kind 'thing'"):
        iris.data_iri(iris.DEFAULT_BASE, "thing", "x")


def test_iris_plover_and_wikidata() -> None:
    # the minted concept is the one plover.ttl declares under its @prefix plover: line
    plover_ns = load_ontology(default_ontology_dir()).plover_ns
    assert iris.plover_iri("Agree") == plover_ns + "AGREE"
    with pytest.raises(ValueError, match="not a Wikidata QID"):
        iris.wikidata_iri("159")
