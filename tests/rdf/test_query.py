"""SPARQL: the shipped queries' exact answers on a hand-written graph, errors and result formats.

The shipped queries (ontology/queries/*.rq) run on tests/data/query-graph.trig, a small graph
written by hand to the ontology; its header says which case each part of it is there for. The
same queries also run on what `kg.rdf` writes for `rdf_helpers.make_corpus`, so the exporter's
terms and the queries' terms cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from click.testing import CliRunner
from rdf_helpers import make_corpus

from kg.cli import cli
from kg.errors import QueryError
from kg.rdf.query import bind_values, format_result, list_queries, resolve_query, run_query, short
from kg.rdf.store import write_outputs_rdf

# pyshacl builds an rdflib Dataset internally and touches APIs rdflib 7.6 deprecates
pytestmark = [
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.identifier is deprecated:DeprecationWarning"),
]
ROOT = Path(__file__).resolve().parents[2]
ONTOLOGY = ROOT / "ontology"
GRAPH = ROOT / "tests" / "data" / "query-graph.trig"
ID = "https://w3id.org/kg-news/id/"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("query")
    write_outputs_rdf(make_corpus(), path)
    return path


def answer(out: Path, name: str) -> list[tuple[str, ...]]:
    result = run_query(out, resolve_query(name))
    return [tuple(short(t) for t in row) for row in result.rows]


def rows(query: str, **values: str) -> list[tuple[str, ...]]:
    """Run a shipped query on the hand-written graph; IRIs of its records lose the base."""
    result = run_query(GRAPH, bind_values(resolve_query(query), values))
    return [tuple(short(t).removeprefix(ID) for t in row) for row in result.rows]


# -- the hand-written graph follows the ontology and its shapes --------------------------------


def _quads() -> list[ox.Quad]:
    return list(ox.parse(path=str(GRAPH), format=ox.RdfFormat.TRIG))


def _union() -> rdflib.Graph:
    """Return every graph's triples as one rdflib graph (its TriG parser warns on rdflib 7.6)."""
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize([q.triple for q in _quads()], format=ox.RdfFormat.N_TRIPLES),
                format="nt")
    return graph


def test_query_graph_conforms_to_the_shapes() -> None:
    conforms, _, text = pyshacl.validate(
        _union(), shacl_graph=str(ONTOLOGY / "shapes.ttl"), ont_graph=str(ONTOLOGY / "kg.ttl"),
        inference="none",
    )
    assert conforms, text


def test_query_graph_uses_only_terms_declared_in_kg_ttl() -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY / "kg.ttl")
    kg = "https://w3id.org/kg-news/ontology#"
    used = {t for triple in _union() for t in triple
            if isinstance(t, rdflib.URIRef) and str(t).startswith(kg)}
    assert sorted(str(t) for t in used if (t, None, None) not in ontology) == []
    assert len(used) == 33  # every status, class and property the queries read is among them


def test_query_graph_has_a_corpus_graph_and_one_graph_per_article() -> None:
    quads = _quads()
    articles = {(q.subject.value.removeprefix(ID), q.graph_name.value.removeprefix(ID))
                for q in quads if q.predicate.value == "http://schema.org/headline"}
    assert {q.graph_name.value.removeprefix(ID) for q in quads} == {
        "graph/corpus", "graph/a1", "graph/a2", "graph/a3"}
    assert articles == {("article/a1", "graph/a1"), ("article/a2", "graph/a2"),
                        ("article/a3", "graph/a3")}


# -- each shipped query's exact answer on the hand-written graph -------------------------------


def test_query_ships_the_seven_example_queries() -> None:
    assert list_queries() == [
        "actor-timeline", "actors-by-events", "country-pairs", "denied-or-reported",
        "events-in-area", "events-in-place", "who-met-whom",
    ]


def test_query_actors_by_events_counts_each_event_once_and_skips_plain_actors() -> None:
    # Harbour Workers are only kg:Actor, so they have no type to show and are left out
    assert rows("actors-by-events") == [
        ("actor/arvalia", "Arvalia", "Country", "5"),
        ("actor/borlund", "Borlund", "Country", "5"),
        ("actor/calder", "Calder", "Country", "3"),
        ("actor/dunmere", "Dunmere", "Country", "3"),
        ("actor/mira-tovel", "Mira Tovel", "Person", "2"),
        ("actor/borlund-coast-guard", "Borlund Coast Guard", "Organization", "1"),
        ("actor/red-dawn-brigade", "Red Dawn Brigade", "ArmedGroup", "1"),
    ]


def test_query_who_met_whom_lists_consult_events_of_every_status() -> None:
    assert rows("who-met-whom") == [
        ("event/ev-call", "Calder", "Dunmere", "", "", "reported"),
        ("event/ev-visit-plan", "Borlund", "Arvalia", "2025", "", "intended"),
        ("event/ev-talks", "Mira Tovel", "Borlund", "2025-02-10", "Port Selm", "asserted"),
    ]


def test_query_denied_or_reported_drops_events_some_article_asserts() -> None:
    # ev-raid is reported in a2 but asserted in a3; ev-shelling is reported in two articles
    assert rows("denied-or-reported") == [
        ("event/ev-accuse", "Arvalia ACCUSE Borlund", "denied", "Arvalia",
         "Tension on the Borlund coast"),
        ("event/ev-shelling", "Borlund Coast Guard ASSAULT Arvalia", "reported", "Mira Tovel",
         "Raid near Veyra"),
        ("event/ev-shelling", "Borlund Coast Guard ASSAULT Arvalia", "reported", "Mira Tovel",
         "Tension on the Borlund coast"),
        ("event/ev-call", "Calder CONSULT Dunmere", "reported", "",
         "Tension on the Borlund coast"),
        ("event/ev-aid", "Dunmere SUPPORT Calder", "reported", "officials", "Raid near Veyra"),
    ]


def test_query_events_in_place_orders_by_place_date_and_label() -> None:
    assert rows("events-in-place") == [
        ("Port Selm", "event/ev-strike", "Harbour Workers PROTEST Arvalia", "PROTEST",
         "2025-02-10"),
        ("Port Selm", "event/ev-talks", "Mira Tovel CONSULT Borlund", "CONSULT", "2025-02-10"),
        ("Veyra", "event/ev-raid", "Red Dawn Brigade ASSAULT Dunmere", "ASSAULT", ""),
        ("Veyra", "event/ev-trade", "Arvalia, Mira Tovel AGREE Borlund", "AGREE", "2025-02"),
    ]


PORT_SELM_EVENTS = [
    ("Port Selm", "city", "33.9012", "35.4821", "event/ev-strike",
     "Harbour Workers PROTEST Arvalia", "PROTEST", "2025-02-10"),
    ("Port Selm", "city", "33.9012", "35.4821", "event/ev-talks", "Mira Tovel CONSULT Borlund",
     "CONSULT", "2025-02-10"),
]
VEYRA_EVENTS = [
    ("Veyra", "region", "41.0082", "-28.9784", "event/ev-raid", "Red Dawn Brigade ASSAULT Dunmere",
     "ASSAULT", ""),
    ("Veyra", "region", "41.0082", "-28.9784", "event/ev-trade",
     "Arvalia, Mira Tovel AGREE Borlund", "AGREE", "2025-02"),
]


@pytest.mark.parametrize(("box", "expected"), [
    ({}, PORT_SELM_EVENTS),                                              # the default box
    ({"south": "30", "west": "-40", "north": "45", "east": "40"}, PORT_SELM_EVENTS + VEYRA_EVENTS),
    ({"south": "33.91", "west": "-40", "north": "45", "east": "40"}, VEYRA_EVENTS),  # lat bound
    ({"south": "-60", "west": "170", "north": "60", "east": "-20"}, VEYRA_EVENTS),  # crosses 180
    ({"south": "0", "west": "0", "north": "10", "east": "10"}, []),
])
def test_query_events_in_area_selects_events_whose_place_is_in_the_box(
    box: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    assert rows("events-in-area", **box) == expected


def test_query_country_pairs_count_people_and_groups_for_their_country() -> None:
    # not counted: the denied ev-accuse, ev-raid (no country) and ev-strike (no country)
    assert rows("country-pairs") == [
        ("Arvalia", "Borlund", "3", "1"),
        ("Calder", "Dunmere", "2", "0"),
        ("Borlund", "Calder", "0", "1"),
    ]


ARVALIA_TIMELINE = [
    ("2025", "CONSULT", "recipient", "Borlund", "intended", "event/ev-visit-plan"),
    ("2025-01-28", "ASSAULT", "recipient", "Borlund Coast Guard", "reported", "event/ev-shelling"),
    ("2025-02", "AGREE", "actor", "Borlund", "asserted", "event/ev-trade"),
    ("2025-02-10", "PROTEST", "recipient", "Harbour Workers", "asserted", "event/ev-strike"),
    ("", "ACCUSE", "actor", "Borlund", "denied", "event/ev-accuse"),
]
BORLUND_TIMELINE = [
    ("2025", "CONSULT", "actor", "Arvalia", "intended", "event/ev-visit-plan"),
    ("2025-02", "AGREE", "recipient", "Arvalia", "asserted", "event/ev-trade"),
    ("2025-02", "AGREE", "recipient", "Mira Tovel", "asserted", "event/ev-trade"),
    ("2025-02-10", "CONSULT", "recipient", "Mira Tovel", "asserted", "event/ev-talks"),
    ("", "ACCUSE", "recipient", "Arvalia", "denied", "event/ev-accuse"),
    ("", "THREATEN", "recipient", "Calder", "asserted", "event/ev-threat"),
]

CALDER_TIMELINE = [
    ("2024-11", "SUPPORT", "recipient", "Dunmere", "reported", "event/ev-aid"),
    ("", "CONSULT", "actor", "Dunmere", "reported", "event/ev-call"),
    ("", "THREATEN", "actor", "Borlund", "asserted", "event/ev-threat"),
]


@pytest.mark.parametrize(("name", "expected"), [
    ("Arvalia", ARVALIA_TIMELINE),
    ("arvalian", ARVALIA_TIMELINE),     # an alias, in any case
    ("BORLUND", BORLUND_TIMELINE),      # the coast guard's events are not Borlund's own
    ("CALDÉRAN", CALDER_TIMELINE),      # lower-cased beyond ASCII
    ("Veyra", []),                      # a place, not an actor
])
def test_query_actor_timeline_follows_the_name_it_is_given(
    name: str, expected: list[tuple[str, ...]]
) -> None:
    assert rows("actor-timeline", name=name) == expected


def test_query_actor_timeline_default_name_is_not_in_the_graph() -> None:
    assert resolve_query("actor-timeline").count('VALUES ?name { "Russia" }') == 1
    assert rows("actor-timeline") == []


def test_query_cli_prints_a_shipped_query_as_a_table() -> None:
    result = CliRunner().invoke(cli, ["query", str(GRAPH), "country-pairs"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "countryA | countryB | cooperation | conflict",
        "---------+----------+-------------+---------",
        "Arvalia  | Borlund  | 3           | 1",
        "Calder   | Dunmere  | 2           | 0",
        "Borlund  | Calder   | 0           | 1",
        "(3 rows)",
    ]


def test_query_cli_var_sets_the_timeline_actor() -> None:
    result = CliRunner().invoke(cli, ["query", str(GRAPH), "actor-timeline",
                                      "--var", "name=Arvalian", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "date,type,role,other,status,event",
        f"2025,CONSULT,recipient,Borlund,intended,{ID}event/ev-visit-plan",
        f"2025-01-28,ASSAULT,recipient,Borlund Coast Guard,reported,{ID}event/ev-shelling",
        f"2025-02,AGREE,actor,Borlund,asserted,{ID}event/ev-trade",
        f"2025-02-10,PROTEST,recipient,Harbour Workers,asserted,{ID}event/ev-strike",
        f",ACCUSE,actor,Borlund,denied,{ID}event/ev-accuse",
        "",
    ]


# -- the same queries on the graph kg.rdf writes for rdf_helpers.make_corpus ---------------------


def test_query_export_actors_by_events(out: Path) -> None:
    assert [row[1:] for row in answer(out, "actors-by-events")] == [
        ("Chile", "Country", "3"), ("Kenya", "Country", "3"), ("Norway", "Country", "3"),
        ("Ana Ruiz", "Person", "1"),
    ]


def test_query_export_who_met_whom(out: Path) -> None:
    assert [row[1:] for row in answer(out, "who-met-whom")] == [
        ("Norway", "Kenya", "2024", "", "intended"),
        ("Ana Ruiz", "Norway", "2024-03-05", "Oslo", "asserted"),
    ]


def test_query_export_denied_or_reported(out: Path) -> None:
    assert [row[1:] for row in answer(out, "denied-or-reported")] == [
        ("Chile ACCUSE Kenya", "denied", "Chile", "Trade deal signed"),
        ("Kenya ASSAULT Chile", "reported", "Norway", "Chile and Norway hold talks"),
    ]


def test_query_export_actor_timeline_follows_the_name_it_is_given(out: Path) -> None:
    sparql = bind_values(resolve_query("actor-timeline"), {"name": "Norway"})
    rows = [tuple(short(t) for t in row) for row in run_query(out, sparql).rows]
    assert [row[:5] for row in rows] == [
        ("2024", "CONSULT", "actor", "Kenya", "intended"),
        ("2024-03", "AGREE", "actor", "Chile", "asserted"),
        ("2024-03-05", "CONSULT", "recipient", "Ana Ruiz", "asserted"),
    ]


def test_query_export_actor_timeline_finds_an_actor_by_alias(out: Path) -> None:
    sparql = bind_values(resolve_query("actor-timeline"), {"name": "chilean"})
    rows = run_query(out, sparql).rows
    assert [(short(r[1]), short(r[2]), short(r[3])) for r in rows] == [
        ("AGREE", "recipient", "Norway"), ("ACCUSE", "actor", "Kenya"),
        ("ASSAULT", "recipient", "Kenya"),
    ]


def test_query_export_events_in_place(out: Path) -> None:
    assert answer(out, "events-in-place") == [
        ("Oslo", "https://w3id.org/kg-news/id/event/ev-meet", "Ana Ruiz CONSULT Norway",
         "CONSULT", "2024-03-05"),
    ]


def test_query_export_events_in_area_reads_the_located_place(out: Path) -> None:
    sparql = bind_values(resolve_query("events-in-area"),
                         {"south": "55", "west": "5", "north": "65", "east": "15"})
    assert [tuple(short(t) for t in row) for row in run_query(out, sparql).rows] == [
        ("Oslo", "city", "59.91273", "10.74609", "https://w3id.org/kg-news/id/event/ev-meet",
         "Ana Ruiz CONSULT Norway", "CONSULT", "2024-03-05"),
    ]


def test_query_export_country_pairs_in_conflict_vs_cooperation(out: Path) -> None:
    assert answer(out, "country-pairs") == [
        ("Chile", "Norway", "2", "0"), ("Chile", "Kenya", "0", "1"), ("Kenya", "Norway", "1", "0"),
    ]


# -- errors and result formats ------------------------------------------------------------------


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


@pytest.mark.parametrize(("sparql", "expected"), [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", ("s", "p", "o")),
    ("select distinct * { ?zeta rdfs:label ?alpha . BIND(1 AS ?mid) } LIMIT 1",
     ("zeta", "alpha", "mid")),
    # a "?" inside a string, an IRI or a comment is not a variable
    ('# ?c first\nSELECT * WHERE { ?b rdfs:label ?a FILTER(?a != "?z") } LIMIT 1', ("b", "a")),
    ("SELECT ?o ?s WHERE { ?s kg:status ?o } LIMIT 1", ("o", "s")),   # explicit: kept
    ("SELECT * { { SELECT ?o ?s WHERE { ?s kg:status ?o } } } LIMIT 1", ("o", "s")),
])
def test_query_select_star_columns_follow_the_query(
    out: Path, sparql: str, expected: tuple[str, ...]
) -> None:
    result = run_query(out, sparql)
    assert result.variables == expected
    assert format_result(result, "csv").splitlines()[0] == ",".join(expected)


def test_query_select_star_cells_stay_under_their_column(out: Path) -> None:
    result = run_query(out, "SELECT * WHERE { ?event a kg:Event ; kg:status kg:denied ; "
                            "rdfs:label ?label }")
    assert [(short(r[0]), short(r[1])) for r in result.rows] == [
        (f"{ID}event/ev-accuse", "Chile ACCUSE Kenya")]


# -- --var values resolved through the actors' names ---------------------------------------------


def timeline(
    target: Path, name: str, spelling: Callable[[str], str | None] | None = None
) -> list[tuple[str, ...]]:
    result = run_query(target, resolve_query("actor-timeline"), values={"name": name},
                       spelling=spelling)
    return [tuple(short(t).removeprefix(ID) for t in row) for row in result.rows]


@pytest.mark.parametrize(("name", "expected"), [
    ("calderan", CALDER_TIMELINE),        # an alias, folded: no accent, any case
    ("  CALDERAN ", CALDER_TIMELINE),
    ("arvalia", ARVALIA_TIMELINE),        # matched as given, as before
    ("Veyra", []),                        # a place, not an actor
])
def test_query_var_value_is_matched_folded_against_labels_and_aliases(
    name: str, expected: list[tuple[str, ...]]
) -> None:
    assert timeline(GRAPH, name) == expected


def test_query_var_value_in_another_spelling_gives_the_actor_rows() -> None:
    spelling = {"Old Arvalia": "Arvalia", "Calderia": "Caldéran"}.get
    assert timeline(GRAPH, "Old Arvalia", spelling=spelling) == ARVALIA_TIMELINE
    assert timeline(GRAPH, "calderia", spelling=spelling) == []      # spellings match exactly
    assert timeline(GRAPH, "Calderia", spelling=spelling) == CALDER_TIMELINE


@pytest.mark.parametrize(("values", "expected"), [
    ({"name": "Arvalian"}, {"name": ("Arvalian",)}),       # an alias as given: kept
    ({"name": "CALDERAN"}, {"name": ("Calder",)}),
    ({"name": "Old Arvalia"}, {"name": ("Arvalia",)}),
    ({"name": "Nowhere", "type": "AGREE"}, {"name": ("Nowhere",), "type": ("AGREE",)}),
])
def test_query_resolve_names_keeps_what_matches_and_maps_other_spellings(
    values: dict[str, str], expected: dict[str, tuple[str, ...]]
) -> None:
    from kg.rdf.query import resolve_names
    from kg.rdf.store import open_target

    spelling = {"Old Arvalia": "Arvalia"}.get
    assert resolve_names(open_target(GRAPH), values, spelling=spelling) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Turkey", "Türkiye"), ("republic of turkey", "Türkiye"), ("Türkiye", "Türkiye"),
    ("Turkish", None), ("Ankara", None), ("Arvalia", None),
])
def test_query_reference_spelling_maps_names_not_demonyms_or_capitals(
    name: str, expected: str | None
) -> None:
    from kg.rdf.query import reference_spelling

    assert reference_spelling(ONTOLOGY)(name) == expected


def test_query_cli_var_resolves_a_folded_alias_like_the_label() -> None:
    def csv_rows(name: str) -> str:
        result = CliRunner().invoke(cli, ["query", str(GRAPH), "actor-timeline", "--var",
                                          f"name={name}", "--format", "csv"])
        assert result.exit_code == 0, result.output
        return result.output

    assert csv_rows("calderan") == csv_rows("Calder")
    assert [line.rsplit(",", 1)[1] for line in csv_rows("calderan").splitlines()[1:-1]] == [
        f"{ID}{row[-1]}" for row in CALDER_TIMELINE]


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Turkey", "turkiye", "TÜRKIYE"])
def test_query_cli_var_on_the_sample_build_resolves_other_spellings(
    sample_build: tuple[object, Path], name: str
) -> None:
    _, out = sample_build

    def csv_rows(value: str) -> list[str]:
        result = CliRunner().invoke(cli, ["query", str(out), "actor-timeline", "--var",
                                          f"name={value}", "--format", "csv"])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    label = csv_rows("Türkiye")
    assert label[0] == "date,type,role,other,status,event"
    assert len(label) > 1
    assert csv_rows(name) == label
