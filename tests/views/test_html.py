"""The actor network page: what it draws, that it is self-contained, safe and deterministic."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from network_corpus import PAYLOAD_SENTENCE, PAYLOAD_TITLE, analyst_corpus, network_corpus
from network_corpus import event as network_event

from kg.errors import KgError
from kg.ontology import load_ontology
from kg.paths import default_ontology_dir
from kg.records import Actor, Corpus, Place
from kg.views.analytics import compute_stats
from kg.views.page import HtmlReport, network_options, render_page, script_json, write_html
from kg.views.page_data import NODE_STYLE, build_view
from kg.views.page_layout import LAYOUT_FROM, REFINE_ITERATIONS

DATA_BLOCK = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(page: str) -> dict:
    return json.loads(DATA_BLOCK.search(page).group(1))


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    report = write_html(network_corpus(), path)
    return report, path.read_text(encoding="utf-8")


def test_html_view_draws_actors_with_events_shaped_and_coloured_by_type():
    view = build_view(network_corpus())
    assert [(n["id"], n["shape"], n["color"]["background"], n["events"]) for n in view.nodes] == [
        ("estmark", "dot", NODE_STYLE["Country"][1], 4),
        ("norvia", "dot", NODE_STYLE["Country"][1], 2),
        ("rf", "triangle", NODE_STYLE["ArmedGroup"][1], 3),
        ("unx", "square", NODE_STYLE["Organization"][1], 2),
    ]
    # the news agency has no event: it is not drawn
    assert "wire" not in view.data["actors"]


def test_html_view_aggregates_parallel_events_into_one_edge():
    view = build_view(network_corpus())
    assert [e["id"] for e in view.edges] == ["estmark>rf", "norvia>estmark", "rf>unx",
                                             "unx>estmark"]
    ties = view.data["ties"]
    events = view.data["events"]
    assert [events[i]["id"] for i in ties["norvia>estmark"]] == ["ev1", "ev2"]
    assert [events[i]["status"] for i in ties["norvia>estmark"]] == ["asserted", "reported"]


def test_html_view_folds_people_and_lists_them_on_the_node():
    view = build_view(network_corpus())
    norvia = view.data["actors"]["norvia"]
    assert norvia["members"] == [{"label": "Ulf Brandt", "roles": ["foreign minister"],
                                  "aliases": ["Minister Brandt"]}]
    assert norvia["qid"] == "Q4242"
    assert [view.data["events"][i]["actors"] for i in norvia["events"]] == [["Ulf Brandt"],
                                                                           ["Norvia"]]


def test_html_view_show_people_adds_the_person_and_an_affiliation_edge():
    view = build_view(network_corpus(), people="show")
    assert "ulf" in view.data["actors"]
    assert "ulf>estmark" in view.data["ties"]
    affiliation = [e for e in view.edges if e.get("kind") == "affiliation"]
    assert [(e["from"], e["to"]) for e in affiliation] == [("ulf", "norvia")]


def test_html_view_events_in_date_order_with_evidence_and_source():
    view = build_view(network_corpus())
    events = view.data["events"]
    assert [(e["id"], e["date"]) for e in events] == [
        ("ev1", "2024-03-01"), ("ev2", "2024-03-01"), ("ev6", "2024-04"), ("ev3", "2024-04-02"),
        ("ev4", None), ("ev5", "2024-05")]
    # undated stays undated (as in events.jsonl); the article's date is kept apart (issue #16)
    assert [(e["date_precision"], e["article_date"]) for e in events[3:5]] == [
        ("day", "2024-04-02"), (None, "2024-04-02")]
    assert events[1]["source"] == "Example Wire"
    assert events[0]["evidence"][0] == {
        "sentence": "Made-up sentence number 1.", "trigger": "agree",
        "title": "Ministers meet in a made-up capital", "publisher": "Daily Example",
        "date": "2024-03-01", "url": "https://news.example.org/one", "note": None}


def test_html_view_drops_unsafe_links():
    view = build_view(network_corpus())
    assert view.data["actors"]["estmark"]["qid"] is None  # "javascript:..." is not a QID
    accuse = next(e for e in view.data["events"] if e["id"] == "ev3")
    assert accuse["evidence"][0]["url"] is None  # javascript: URL
    assert accuse["evidence"][0]["title"] == PAYLOAD_TITLE


def test_html_view_max_nodes_keeps_the_most_connected_and_says_so():
    view = build_view(network_corpus(), max_nodes=2)
    assert sorted(view.data["actors"]) == ["estmark", "rf"]
    assert [e["id"] for e in view.edges] == ["estmark>rf"]
    meta = view.data["meta"]
    assert meta["truncated"] is True
    assert meta["note"] == "Showing the 2 most connected of 4 actors (--max-nodes 2)."


def test_html_view_since_keeps_later_events_only():
    view = build_view(network_corpus(), since="2024-04-01")
    assert [e["id"] for e in view.data["events"]] == ["ev6", "ev3", "ev4", "ev5"]
    assert "norvia" not in view.data["actors"]


def test_html_view_reuses_stats_centrality_when_it_matches():
    stats = compute_stats(network_corpus())
    stats["centrality"]["estmark"] = {"degree": 9, "weighted_degree": 9, "betweenness": 0.5}
    view = build_view(network_corpus(), stats=stats)
    assert view.data["actors"]["estmark"]["centrality"]["degree"] == 9
    assert view.data["actors"]["estmark"]["community"] == 0
    fresh = build_view(network_corpus(), people="show", stats=stats)
    assert fresh.data["actors"]["estmark"]["centrality"]["degree"] == 4  # Ulf counts too


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"max_nodes": 0}, "max_nodes=0: must be at least 1"),
     ({"people": "hide"}, "people='hide': unknown mode"),
     ({"since": "last week"}, "since='last week': not an ISO date")],
)
def test_html_rejects_bad_options(tmp_path, kwargs, message):
    with pytest.raises(KgError, match=re.escape(message)):
        write_html(network_corpus(), tmp_path / "graph.html", **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_html_write_reports_what_it_drew(page):
    report, text = page
    assert report == HtmlReport(path=report.path, nodes=4, edges=4, events=6, candidates=4,
                                ties=4, truncated=False, bytes=len(text.encode("utf-8")))


def test_html_page_is_self_contained(page):
    _, text = page
    assert re.findall(r"<(?:script|img|iframe)[^>]*\ssrc=", text) == []
    assert re.findall(r"<link\b", text) == []
    markup = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", "", text, flags=re.S)
    assert re.findall(r"https?:|//[a-z]", markup.replace("http-equiv", "")) == []
    styles = "".join(re.findall(r"<style>(.*?)</style>", text, re.S))
    assert re.findall(r"url\((?!\"?data:)|@import", styles) == []
    assert "vis.Network" in text and "sourceMappingURL" not in text


def test_html_csp_allows_exactly_the_page_scripts(page):
    _, text = page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", text, re.S)
    hashes = ["'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
              for s in scripts]
    assert len(scripts) == 2
    assert csp.startswith("default-src 'none'; script-src " + " ".join(hashes) + ";")


def test_html_untrusted_text_never_appears_as_markup(page):
    _, text = page
    assert "<script>window.pwned" not in text
    assert "<img src=x" not in text
    assert "\\u003cimg src=x onerror=" in text
    data = page_data(text)
    sentences = [ev["evidence"][0]["sentence"] for ev in data["events"]]
    assert PAYLOAD_SENTENCE in sentences


def test_html_page_data_holds_vis_items_and_settled_layout_options(page):
    _, text = page
    data = page_data(text)
    options = data["vis"]["options"]
    assert options["layout"] == {"randomSeed": 7, "improvedLayout": False}
    assert options["physics"]["solver"] == "barnesHut"
    assert options["physics"]["stabilization"]["iterations"] == 150
    assert options["edges"]["smooth"] is False
    assert [n["label"] for n in data["vis"]["nodes"]] == ["Estmark", "Norvia", "Red Front",
                                                          "Union of Examples"]
    assert data["legend"]["types"]["ASSAULT"] == {"color": "#67001f", "polarity": "conflictual"}


def test_html_legend_lists_types_and_polarities_in_ontology_order():
    legend = build_view(network_corpus()).data["legend"]
    assert list(legend["types"]) == [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
        "ASSAULT"]
    assert legend["polarity"] == {"cooperative": "#1a9850", "neutral": "#8c8c8c",
                                  "conflictual": "#d73027"}
    assert legend["other"] == "#8c8c8c"


def test_html_view_takes_colours_and_polarity_from_the_ontology_given():
    ontology = load_ontology(default_ontology_dir())
    recoloured = dataclasses.replace(ontology, types=tuple(
        dataclasses.replace(t, color="#000000", polarity="neutral") if t.code == "ACCUSE" else t
        for t in ontology.types))
    view = build_view(network_corpus(), ontology=recoloured)
    assert view.data["legend"]["types"]["ACCUSE"] == {"color": "#000000", "polarity": "neutral"}
    assert [e["polarity"] for e in view.data["events"] if e["type"] == "ACCUSE"] == ["neutral"]


def test_html_is_byte_identical_for_the_same_input(tmp_path, page):
    _, text = page
    write_html(network_corpus(), tmp_path / "again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == text


def test_html_empty_corpus_still_renders(tmp_path):
    report = write_html(Corpus((), (), ()), tmp_path / "empty.html")
    assert (report.nodes, report.edges, report.events) == (0, 0, 0)
    assert page_data((tmp_path / "empty.html").read_text(encoding="utf-8"))["vis"]["nodes"] == []


def test_html_script_json_escapes_markup_and_line_separators():
    text = script_json({"s": "a</script>\u2028b&c"})
    assert text == '{"s":"a\\u003c/script\\u003e\\u2028b\\u0026c"}'
    assert json.loads(text) == {"s": "a</script>\u2028b&c"}


def test_html_render_page_hides_edges_on_zoom_only_for_big_graphs():
    assert network_options(1001)["interaction"]["hideEdgesOnZoom"] is True
    assert network_options(1000)["interaction"]["hideEdgesOnZoom"] is False
    view = build_view(network_corpus())
    assert render_page(view) == render_page(view)


@given(st.text())
def test_html_script_json_never_lets_text_close_the_script(text):
    encoded = script_json({"t": text})
    assert "<" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"t": text}


def test_html_event_names_a_group_participant_with_its_sector():
    # "Estmark police ...": the recipient named by a group noun shows its sector (issue #15)
    corpus = network_corpus()
    first = corpus.events[0]
    evidence = dataclasses.replace(first.evidence[0], recipient_sectors=((first.recipients[0],
                                                                           "COP"),))
    events = (dataclasses.replace(first, evidence=(evidence,)), *corpus.events[1:])
    view = build_view(dataclasses.replace(corpus, events=events)).data
    (shown,) = [e for e in view["events"] if e["id"] == first.id]
    assert (shown["actors"], shown["recipients"]) == (["Ulf Brandt"], ["Estmark (COP)"])


def test_html_view_curves_only_ties_drawn_both_ways():
    view = build_view(analyst_corpus())
    curved = {e["id"]: e["smooth"] for e in view.edges if "smooth" in e}
    assert curved == {
        "estmark>norvia": {"enabled": True, "type": "curvedCW", "roundness": 0.25},
        "norvia>estmark": {"enabled": True, "type": "curvedCW", "roundness": 0.25},
    }


def test_html_view_numbers_communities_of_the_drawn_graph_largest_first():
    view = build_view(analyst_corpus())
    assert {n: a["community"] for n, a in view.data["actors"].items()} == {
        "estmark": 0, "norvia": 0, "rf": 1, "unx": 1, "lone": 2}
    assert view.data["communities"] == [
        {"size": 2, "top": ["Estmark", "Norvia"]},
        {"size": 2, "top": ["Red Front", "Union of Examples"]},
        {"size": 1, "top": ["Lone Party"]}]
    assert [n["community"] for n in view.nodes] == [0, 2, 0, 1, 1]


@pytest.mark.parametrize(("places", "shown"), [
    ((), "Eastport"),  # as events.jsonl has it
    ((Place("Eastport", "Port of the East"),), "Port of the East"),  # named by the place table
])
def test_html_view_names_the_event_place(places, shown):
    corpus = dataclasses.replace(network_corpus(), places=places)
    (event,) = [e for e in build_view(corpus).data["events"] if e["id"] == "ev1"]
    assert (event["place"], event["place_id"]) == (shown, "Eastport")


def test_html_view_large_graph_starts_from_a_community_layout():
    actors = tuple(Actor(f"x{i}", f"Made-up {i}", "Country") for i in range(LAYOUT_FROM + 2))
    events = tuple(network_event(i, "CONSULT", [f"x{i}"], [f"x{(i + 1) % len(actors)}"])
                   for i in range(len(actors)))
    view = build_view(Corpus(network_corpus().articles, actors, events),
                      max_nodes=len(actors))
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in view.nodes)
    assert len({(n["x"], n["y"]) for n in view.nodes}) == len(actors)
    options = network_options(len(view.nodes))
    assert options["physics"]["stabilization"]["iterations"] == REFINE_ITERATIONS
    small = build_view(network_corpus())
    assert [n for n in small.nodes if "x" in n] == []


def test_html_labels_appear_as_one_zooms_in():
    options = network_options(10)
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] == 8
    assert [n["font"]["size"] for n in build_view(network_corpus()).nodes] == [28, 24, 26, 24]


def test_html_event_panel_says_how_the_sentence_told_the_event():
    # an unnamed doer added, headline evidence, an inferred state and a resolved pronoun
    corpus = network_corpus()
    first = corpus.events[0]
    told = dataclasses.replace(first.evidence[0], in_title=True, inferred_actor=True,
                               resolved_from=("It",))  # fmt: skip
    event = dataclasses.replace(first, evidence=(told,), unnamed_actors=(("gunmen", "UAF"),),
                                unnamed_recipients=(("villagers", "CVL"),))
    view = build_view(dataclasses.replace(corpus, events=(event, *corpus.events[1:]))).data
    (shown,) = [e for e in view["events"] if e["id"] == first.id]
    assert shown["actors"] == ["Ulf Brandt", "gunmen (unnamed group, UAF)"]
    assert shown["recipients"][-1] == "villagers (unnamed group, CVL)"
    assert shown["evidence"][0]["note"] == (
        "told by the headline; no doer named: the doer is inferred; doer written as \u201cIt\u201d"
    )
