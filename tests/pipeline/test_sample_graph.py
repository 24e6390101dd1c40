"""The graph of the bundled sample corpus: what must hold whatever the model's finer choices.

These run on the real build (`sample_build`) and check only what a correct build of the sample
must give: the graph meets the shapes, the LNA story's key actors are there, its five copies are
one article with five sources, and its denial is not exported as fact. The shipped queries' exact
answers are tested on a hand-written graph in tests/rdf/test_query.py.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
LNA_HEADLINE = "LNA Denies Haftar Seeking to Allow Russia to Set up Military Base in Libya"

pytestmark = [
    pytest.mark.slow,
    # pyshacl touches rdflib Dataset APIs that rdflib 7.6 deprecates
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]


def _rows(out: Path, sparql: str, **values: str) -> list[tuple[str, ...]]:
    from kg.rdf.query import bind_values, resolve_query, run_query, short

    result = run_query(out, bind_values(resolve_query(sparql), values))
    return [tuple(short(term) for term in row) for row in result.rows]


def _ask(out: Path, sparql: str) -> bool:
    from kg.rdf.query import run_query

    return bool(run_query(out, sparql).boolean)


def test_sample_graph_conforms_to_the_shapes(sample_build) -> None:
    _, out = sample_build
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(
        graph, shacl_graph=str(ONTOLOGY / "shapes.ttl"), ont_graph=str(ONTOLOGY / "kg.ttl"),
        inference="none",
    )
    assert conforms, text


def test_sample_graph_has_the_four_key_actors_of_the_lna_story(sample_build) -> None:
    """The LNA story turns on Khalifa Haftar, his Libyan National Army, Russia and Vladimir Putin.

    The reference (seeds.gold.json, story lna-russia-base) lists them first among its key actors;
    each must be one actor, of its class, found by its short name, mentioned by the LNA article
    and taking part in an event that article tells; Haftar acts for the LNA, Putin for Russia.
    """
    _, out = sample_build
    sparql = f"""
        SELECT ?label ?class ?alias ?for (COUNT(DISTINCT ?event) > 0 AS ?acts)
        WHERE {{
          VALUES (?label ?alias) {{ ("Khalifa Haftar" "Haftar") ("Libyan National Army" "LNA")
                                    ("Russia" "Russian") ("Vladimir Putin" "Putin") }}
          ?actor rdfs:label ?label ; skos:altLabel ?alias ; a ?class .
          FILTER(?class IN (kg:Person, kg:Country, kg:ArmedGroup, kg:Organization))
          ?article schema:headline "{LNA_HEADLINE}" ; schema:mentions ?actor .
          OPTIONAL {{ ?actor kg:affiliation/rdfs:label ?for }}
          OPTIONAL {{ ?claim prov:wasDerivedFrom ?article ; kg:about ?event .
                     ?event kg:actor|kg:recipient ?actor }}
        }}
        GROUP BY ?label ?class ?alias ?for ORDER BY ?label"""
    assert _rows(out, sparql) == [
        ("Khalifa Haftar", "kg:Person", "Haftar", "Libyan National Army", "true"),
        ("Libyan National Army", "kg:ArmedGroup", "LNA", "", "true"),
        ("Russia", "kg:Country", "Russian", "", "true"),
        ("Vladimir Putin", "kg:Person", "Putin", "Russia", "true"),
    ]


def test_sample_graph_lna_story_is_one_article_with_its_five_sources(sample_build) -> None:
    _, out = sample_build
    sparql = f"""
        SELECT ?article ?file WHERE {{
          ?article schema:headline "{LNA_HEADLINE}" ; kg:sourceFile ?file .
        }} ORDER BY ?file"""
    rows = _rows(out, sparql)
    assert len({article for article, _ in rows}) == 1
    assert [Path(file).name for _, file in rows] == [
        "000_425449fb7480828c.txt", "001_cb1eed41c2725daf.txt", "002_8b5c78c953ba13c0.txt",
        "003_d3d7a3642065d491.txt", "004_9ead2303f2c0a43b.txt",
    ]


def test_sample_graph_exports_no_denied_event_as_asserted(sample_build) -> None:
    result, out = sample_build
    denied = {event.id for event in result.events if event.status == "denied"}
    in_graph = _rows(out, "SELECT ?event WHERE { ?event a kg:Event ; kg:status kg:denied }")
    assert {iri.rsplit("/", 1)[1] for (iri,) in in_graph} == denied
    assert not _ask(out, "ASK { ?c kg:about ?e ; kg:status kg:asserted . ?e kg:status kg:denied }")
    assert not _ask(out, "ASK { ?c kg:about ?e ; kg:status kg:denied . ?e kg:status kg:asserted }")


def test_sample_graph_keeps_the_lna_denial_of_a_russian_base_apart(sample_build) -> None:
    """The LNA denied planning an agreement with Russia: a denied AGREE, never a fact (and
    Assad's government "has denied using chemical weapons against its opponents")."""
    _, out = sample_build
    rows = _rows(out, "denied-or-reported")
    assert sorted(row[1:4] for row in rows if row[2] == "denied") == [
        ("Libyan National Army AGREE Russia", "denied", "Libyan National Army"),
        ("Syria ASSAULT", "denied", "Syria"),
    ]
    assert not _ask(out, """ASK { ?e kg:eventType plover:AGREE ; kg:status ?s ;
        kg:actor/rdfs:label "Libyan National Army" ; kg:recipient/rdfs:label "Russia" .
        FILTER(?s != kg:denied) }""")
