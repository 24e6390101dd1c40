"""SPARQL: the shipped queries' answers on a hand-made corpus, errors and result formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdf_helpers import make_corpus

from kg.errors import QueryError
from kg.rdf.query import bind_values, format_result, list_queries, resolve_query, run_query, short
from kg.rdf.store import write_outputs_rdf


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query")
    write_outputs_rdf(make_corpus(), path)
    return path


def answer(out: Path, name: str) -> list[tuple[str, ...]]:
    result = run_query(out, resolve_query(name))
    return [tuple(short(t) for t in row) for row in result.rows]


def test_query_ships_the_six_example_queries() -> None:
    assert list_queries() == [
        "actor-timeline", "actors-by-events", "country-pairs", "denied-or-reported",
        "events-in-place", "who-met-whom",
    ]


def test_query_actors_by_events(out: Path) -> None:
    assert [row[1:] for row in answer(out, "actors-by-events")] == [
        ("Chile", "Country", "3"), ("Kenya", "Country", "3"), ("Norway", "Country", "3"),
        ("Ana Ruiz", "Person", "1"),
    ]


def test_query_who_met_whom(out: Path) -> None:
    assert [row[1:] for row in answer(out, "who-met-whom")] == [
        ("Norway", "Kenya", "2024", "", "intended"),
        ("Ana Ruiz", "Norway", "2024-03-05", "Oslo", "asserted"),
    ]


def test_query_denied_or_reported(out: Path) -> None:
    assert [row[1:] for row in answer(out, "denied-or-reported")] == [
        ("Chile ACCUSE Kenya", "denied", "Chile", "Trade deal signed"),
        ("Kenya ASSAULT Chile", "reported", "Norway", "Chile and Norway hold talks"),
    ]


def test_query_actor_timeline_follows_the_name_it_is_given(out: Path) -> None:
    sparql = bind_values(resolve_query("actor-timeline"), {"name": "Norway"})
    rows = [tuple(short(t) for t in row) for row in run_query(out, sparql).rows]
    assert [row[:5] for row in rows] == [
        ("2024", "CONSULT", "actor", "Kenya", "intended"),
        ("2024-03", "AGREE", "actor", "Chile", "asserted"),
        ("2024-03-05", "CONSULT", "recipient", "Ana Ruiz", "asserted"),
    ]


def test_query_actor_timeline_finds_an_actor_by_alias(out: Path) -> None:
    sparql = bind_values(resolve_query("actor-timeline"), {"name": "chilean"})
    rows = run_query(out, sparql).rows
    assert [(short(r[1]), short(r[2]), short(r[3])) for r in rows] == [
        ("AGREE", "recipient", "Norway"), ("ACCUSE", "actor", "Kenya"),
        ("ASSAULT", "recipient", "Kenya"),
    ]


def test_query_events_in_place(out: Path) -> None:
    assert answer(out, "events-in-place") == [
        ("Oslo", "https://w3id.org/kg-news/id/event/ev-meet", "Ana Ruiz CONSULT Norway",
         "CONSULT", "2024-03-05"),
    ]


def test_query_country_pairs_in_conflict_vs_cooperation(out: Path) -> None:
    assert answer(out, "country-pairs") == [
        ("Chile", "Norway", "2", "0"), ("Chile", "Kenya", "0", "1"), ("Kenya", "Norway", "1", "0"),
    ]


def test_query_malformed_sparql_raises_with_the_parser_position(out: Path) -> None:
    with pytest.raises(QueryError, match=r"SPARQL syntax error: error at 1:\d+"):
        run_query(out, "SELECT ?s WHERE { ?s ?p }")


def test_query_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(QueryError, match="no shipped query named 'nope'.*actor-timeline"):
        resolve_query("nope")


def test_query_reads_a_rq_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == "ASK { ?s ?p ?o }"


def test_query_formats(out: Path) -> None:
    result = run_query(out, "SELECT ?l WHERE { ?a a kg:Country ; rdfs:label ?l } ORDER BY ?l")
    assert format_result(result, "csv") == "l\r\nChile\r\nKenya\r\nNorway\r\n"
    assert json.loads(format_result(result, "json")) == {
        "head": {"vars": ["l"]},
        "results": {"bindings": [{"l": {"type": "literal", "value": v}}
                                 for v in ("Chile", "Kenya", "Norway")]},
    }
    assert format_result(result, "table").splitlines() == [
        "l", "------", "Chile", "Kenya", "Norway", "(3 rows)",
    ]
    assert format_result(run_query(out, "ASK { ?s a kg:Claim }"), "json") == (
        '{"head": {}, "boolean": true}')


def test_query_max_rows_truncates_and_says_so(out: Path) -> None:
    result = run_query(out, "SELECT ?s WHERE { ?s ?p ?o }", max_rows=5)
    assert (len(result.rows), result.truncated) == (5, True)
    assert format_result(result, "table").endswith("(5 rows, truncated)")


def test_query_construct_gives_triples(out: Path) -> None:
    result = run_query(
        out, "CONSTRUCT { ?e a kg:Event } WHERE { ?e a kg:Event ; kg:status kg:denied }")
    assert result.variables == ("subject", "predicate", "object")
    assert [tuple(short(t) for t in r) for r in result.rows] == [
        ("https://w3id.org/kg-news/id/event/ev-accuse", "rdf:type", "kg:Event")]
