"""The graph of the bundled sample corpus: the export contract and the shipped queries' answers."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"

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


def _rows(out: Path, query: str, columns: tuple[str, ...], **values: str) -> list[tuple[str, ...]]:
    from kg.rdf.query import bind_values, resolve_query, run_query, short

    result = run_query(out, bind_values(resolve_query(query), values))
    index = [result.variables.index(c) for c in columns]
    return [tuple(short(row[i]) if row[i] is not None else "" for i in index)
            for row in result.rows]


def test_sample_query_actors_by_events_ranks_the_main_actors(sample_build) -> None:
    _, out = sample_build
    top = _rows(out, "actors-by-events", ("label", "type", "events"))[:7]
    assert top == [
        ("Khalifa Haftar", "Person", "6"), ("Russia", "Country", "6"),
        ("Ahmed al-Sharaa", "Person", "5"), ("Syria", "Country", "5"),
        ("Bashar al-Assad", "Person", "4"), ("European Union", "Organization", "4"),
        ("Israel", "Country", "4"),
    ]


def test_sample_query_who_met_whom(sample_build) -> None:
    _, out = sample_build
    assert sorted(_rows(out, "who-met-whom", ("actor", "recipient", "date", "status"))) == [
        ("Ahmed al-Sharaa", "Qatar", "2024-12-23", "asserted"),
        ("Ahmed al-Sharaa", "Tamim bin Hamad Al-Thani", "", "asserted"),
        ("Ahmed al-Sharaa", "United States", "2024-12", "asserted"),
        ("Gideon Saar", "European Union", "2025-07-14", "asserted"),
        ("Khalifa Haftar", "Michael Langley", "", "asserted"),
        ("Khalifa Haftar", "Richard Norland", "", "asserted"),
        ("Khalifa Haftar", "Russia", "", "asserted"),
        ("Khalifa Haftar", "Russia", "", "reported"),
        ("Khalifa Haftar", "Vladimir Putin", "", "asserted"),
        ("Tamim bin Hamad Al-Thani", "Syria", "", "intended"),
        ("Türkiye", "Syria", "", "asserted"),
    ]


def test_sample_query_denied_or_reported_keeps_the_lna_denial_apart(sample_build) -> None:
    _, out = sample_build
    rows = _rows(out, "denied-or-reported", ("label", "status", "source"))
    assert rows[0] == ("Libyan National Army AGREE Russia", "denied", "Libyan National Army")
    assert sorted(rows[1:]) == [
        ("Gideon Saar, Kaja Kallas AGREE", "reported", "The AP news"),
        ("Israel ASSAULT Palestine", "reported", "Gaza Health Ministry"),
        ("Khalifa Haftar CONSULT Russia", "reported", "Bloomberg"),
        ("Paris Court of Appeal COERCE Bashar al-Assad", "reported", ""),
        ("Russia AGREE Khalifa Haftar, Vladimir Putin", "reported", "Bloomberg"),
        ("Türkiye SUPPORT Libya", "reported", "Bloomberg"),
    ]


def test_sample_query_country_pairs_split_cooperation_and_conflict(sample_build) -> None:
    _, out = sample_build
    assert _rows(out, "country-pairs", ("countryA", "countryB", "cooperation", "conflict"))[:4] == [
        ("Libya", "Russia", "4", "1"), ("Qatar", "Syria", "4", "0"),
        ("Israel", "Palestine", "0", "3"), ("Jordan", "Syria", "2", "0"),
    ]


def test_sample_query_events_in_place(sample_build) -> None:
    _, out = sample_build
    assert _rows(out, "events-in-place", ("place", "label", "date")) == [
        ("Paris", "Paris Court of Appeal COERCE Bashar al-Assad", "2024-06-26"),
    ]


def test_sample_query_actor_timeline_finds_turkiye_by_any_alias(sample_build) -> None:
    _, out = sample_build
    expected = [("CONSULT", "actor", "Syria", "asserted"),
                ("SUPPORT", "actor", "Libya", "reported")]
    for name in ("Türkiye", "TÜRKIYE", "Turkish"):
        rows = _rows(out, "actor-timeline", ("type", "role", "other", "status"), name=name)
        assert rows == expected, name
