"""Network analytics: folding people, centrality, communities, pairs, counts, GraphML."""

from __future__ import annotations

import dataclasses
import json

import networkx as nx
import pytest
from network_corpus import event, network_corpus

from kg.errors import KgError
from kg.ontology import load_ontology
from kg.paths import default_ontology_dir
from kg.records import Actor, Corpus
from kg.views import analytics
from kg.views.analytics import (
    actor_centrality,
    actor_network,
    communities,
    compute_stats,
    fold_map,
    format_stats,
    simple_graph,
    write_graphml,
)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("AGREE", "cooperative"), ("RETREAT", "cooperative"), ("REQUEST", "neutral"),
     ("ACCUSE", "conflictual"), ("MOBILIZE", "conflictual"), ("SOMETHING", "neutral")],
)
def test_analytics_polarity_follows_plover_classes(kind, expected):
    assert load_ontology(default_ontology_dir()).polarity(kind) == expected


def test_analytics_pairs_and_graphml_follow_the_ontology_given(tmp_path):
    # an ontology where AGREE is conflictual and consulting is neutral moves the Norvia pair
    ontology = load_ontology(default_ontology_dir())
    retyped = {"AGREE": "conflictual", "CONSULT": "neutral"}
    moved = dataclasses.replace(ontology, types=tuple(
        dataclasses.replace(t, polarity=retyped.get(t.code, t.polarity)) for t in ontology.types))
    stats = compute_stats(network_corpus(), ontology=moved)
    conflictual = stats["pairs"]["conflictual"]
    assert [(p["a_label"], p["b_label"], p["events"]) for p in conflictual] == [
        ("Estmark", "Norvia", 1), ("Estmark", "Red Front", 1),
        ("Red Front", "Union of Examples", 1)]
    write_graphml(network_corpus(), tmp_path / "net.graphml", ontology=moved)
    assert nx.read_graphml(tmp_path / "net.graphml").edges["norvia", "estmark"] == {
        "weight": 2, "cooperative": 0, "neutral": 1, "conflictual": 1}


def test_analytics_fold_map_follows_affiliation_chains_and_stops_at_cycles():
    actors = [
        Actor("c", "Country", "Country"),
        Actor("aide", "Aide", "Person", affiliation="boss"),
        Actor("boss", "Boss", "Person", affiliation="c"),
        Actor("x", "X", "Person", affiliation="y"),
        Actor("y", "Y", "Person", affiliation="x"),
        Actor("lost", "Lost", "Person", affiliation="missing"),
    ]
    assert fold_map(actors) == {"c": "c", "aide": "c", "boss": "c", "x": "y", "y": "x",
                                "lost": "lost"}
    assert fold_map(actors, "show") == {a.id: a.id for a in actors}


def test_analytics_rejects_unknown_people_mode():
    with pytest.raises(KgError, match="people='hide'.*'fold'.*'show'"):
        fold_map([], "hide")


def test_analytics_network_folds_people_and_drops_events_without_ties():
    network = actor_network(network_corpus())
    assert network.mapping["ulf"] == "norvia"
    assert [(t.source, t.target, t.event) for t in network.ties] == [
        ("norvia", "estmark", 0), ("norvia", "estmark", 1), ("estmark", "rf", 2),
        ("rf", "unx", 3), ("unx", "estmark", 4)]
    # the MOBILIZE event has no recipient: no tie, but Red Front takes part in it
    assert network.participation["rf"] == (2, 3, 5)


def test_analytics_since_keeps_later_events_using_article_date_when_undated():
    network = actor_network(network_corpus(), since="2024-04")
    assert network.events == (2, 3, 4, 5)
    assert network.dates[3] == "2024-04-02"  # undated event, dated by its article


@pytest.mark.parametrize("since", ["yesterday", "2024/01/01", "24-01-01", "2024-1"])
def test_analytics_since_must_be_an_iso_date(since):
    with pytest.raises(KgError, match="not an ISO date; use YYYY, YYYY-MM or YYYY-MM-DD"):
        actor_network(network_corpus(), since=since)


def test_analytics_compute_stats_ranks_actors_pairs_and_counts():
    stats = compute_stats(network_corpus())
    assert stats["network"] == {"nodes": 4, "ties": 4, "directed_events": 5}
    assert [(r["label"], r["value"]) for r in stats["central"]["weighted_degree"]] == [
        ("Estmark", 4), ("Norvia", 2), ("Red Front", 2), ("Union of Examples", 2)]
    assert stats["central"]["betweenness"][0] == {
        "id": "estmark", "label": "Estmark", "type": "Country", "value": 0.6667}
    assert [(p["a_label"], p["b_label"], p["events"]) for p in stats["pairs"]["cooperative"]] == [
        ("Estmark", "Norvia", 2), ("Estmark", "Union of Examples", 1)]
    assert [(p["a_label"], p["b_label"]) for p in stats["pairs"]["conflictual"]] == [
        ("Estmark", "Red Front"), ("Red Front", "Union of Examples")]
    assert stats["statuses"] == {"asserted": 3, "denied": 1, "intended": 1, "reported": 1}
    # by the event's own date; the undated one under its article's month, labelled so
    assert stats["months"] == {"2024-03": 2, "2024-04": 2, "2024-05": 1,
                               "undated (article date 2024-04)": 1}
    assert stats["communities"] == [{"size": 2, "members": ["Estmark", "Norvia"]},
                                    {"size": 2, "members": ["Red Front", "Union of Examples"]}]
    assert stats["centrality"]["norvia"] == {"degree": 1, "weighted_degree": 2,
                                             "betweenness": 0.0}
    assert json.loads(json.dumps(stats)) == stats


def test_analytics_people_show_keeps_the_person_as_a_node():
    stats = compute_stats(network_corpus(), people="show")
    assert stats["network"]["nodes"] == 5
    assert stats["communities"][0] == {"size": 3,
                                       "members": ["Estmark", "Norvia", "Ulf Brandt"]}


def test_analytics_format_stats_summarises_in_lines():
    text = format_stats(compute_stats(network_corpus()))
    assert text.splitlines()[0] == ("2 article(s), 6 actor(s), 6 event(s); network: 4 node(s), "
                                    "4 tie(s) (people: fold)")
    assert "brokers: Estmark (0.667), Norvia (0)," in text
    assert "cooperative pairs: Estmark - Norvia (2), Estmark - Union of Examples (1)" in text
    assert ("events per month: 2024-03 2, 2024-04 2, 2024-05 1, "
            "undated (article date 2024-04) 1") in text


@pytest.mark.parametrize("count", [1, 8, 12, 20])
def test_analytics_format_stats_lists_every_event_type(count):
    types = {f"TYPE{i:02d}": count - i for i in range(count)}
    stats = {**compute_stats(network_corpus()), "event_types": types}
    line = next(x for x in format_stats(stats).splitlines() if x.startswith("event types: "))
    assert line == "event types: " + ", ".join(f"TYPE{i:02d} {count - i}" for i in range(count))


def test_analytics_empty_corpus_gives_empty_stats():
    stats = compute_stats(Corpus((), (), ()))
    assert stats["network"] == {"nodes": 0, "ties": 0, "directed_events": 0}
    assert stats["central"]["degree"] == []
    assert format_stats(stats).splitlines()[1] == "most active: -"


def test_analytics_communities_are_seeded_and_sorted():
    graph = nx.Graph()
    graph.add_weighted_edges_from([("a", "b", 3), ("b", "c", 3), ("a", "c", 3), ("c", "d", 1),
                                   ("d", "e", 3), ("e", "f", 3), ("d", "f", 3)])
    assert communities(graph) == [["a", "b", "c"], ["d", "e", "f"]]
    assert communities(nx.empty_graph(["z", "y"])) == [["y"], ["z"]]


def test_analytics_betweenness_is_sampled_and_stable_on_large_graphs(monkeypatch):
    corpus = Corpus((), tuple(Actor(f"n{i}", f"N{i}", "Country") for i in range(6)),
                    tuple(_tie(i, "n0", f"n{i}") for i in range(1, 6)))
    exact = actor_centrality(actor_network(corpus))
    monkeypatch.setattr(analytics, "BETWEENNESS_EXACT_LIMIT", 3)
    monkeypatch.setattr(analytics, "BETWEENNESS_SAMPLE", 3)
    sampled = actor_centrality(actor_network(corpus))
    assert exact["n0"]["betweenness"] == 1.0
    assert sampled == actor_centrality(actor_network(corpus))
    assert sampled["n1"]["betweenness"] == 0.0
    assert sampled["n0"]["degree"] == 5


def test_analytics_graphml_carries_labels_and_polarity_counts(tmp_path):
    path = tmp_path / "net.graphml"
    assert write_graphml(network_corpus(), path) == 4
    graph = nx.read_graphml(path)
    assert graph.nodes["norvia"] == {"label": "Norvia", "type": "Country", "events": 2,
                                     "community": 0, "qid": "Q4242"}
    assert graph.edges["norvia", "estmark"] == {"weight": 2, "cooperative": 2, "neutral": 0,
                                                "conflictual": 0}
    assert graph.edges["rf", "unx"]["conflictual"] == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["net.graphml"]


def test_analytics_simple_graph_sums_both_directions():
    graph = simple_graph(actor_network(network_corpus()))
    assert graph["estmark"]["norvia"]["weight"] == 2
    assert graph["unx"]["estmark"]["weight"] == 1


def _tie(number, source, target):
    return event(number, "CONSULT", [source], [target])
