"""The page's analyst controls in headless Chromium (issue #16): two-way ties, search over folded
people, Reset, isolated actors, communities, the event table with its CSV, the timeline."""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from pathlib import Path

import pytest
from network_corpus import FORMULA_SENTENCE, analyst_corpus
from page_browser import Opened

from kg.records import Corpus
from kg.views.page import write_html

pytestmark = pytest.mark.browser

#: analyst_corpus events from 2024-04-01 to 2024-05-12, in the table's date order
IN_APRIL_TO_MAY = ["ev6", "ev3", "ev4", "ev5", "ev7"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("controls") / "graph.html"
    write_html(analyst_corpus(), path)
    return path


@pytest.fixture
def opened(browser, page_file):
    view = Opened(browser, page_file, accept_downloads=True)
    yield view
    assert view.outside == []
    assert view.errors == []
    view.page.close()


def brush(opened: Opened, first: int, last: int) -> None:
    """Drag over the timeline from one bar to another, as a mouse would."""
    def centre(b: int) -> tuple[float, float]:
        bar = opened.page.locator(f'#kg-timeline-chart g[data-bin="{b}"] .kg-bin-hit')
        box = bar.bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    opened.page.mouse.move(*centre(first))
    opened.page.mouse.down()
    opened.page.mouse.move(*centre((first + last) // 2), steps=3)
    opened.page.mouse.move(*centre(last), steps=3)
    opened.page.mouse.up()


def test_page_two_way_tie_labels_sit_apart(opened):
    ends = [opened.js(f"window.kgNetwork.body.edges['{e}'].edgeType.getPoint(0.5)")
            for e in ("estmark>norvia", "norvia>estmark")]
    labels = opened.js("['estmark>norvia', 'norvia>estmark'].map(e => window.kgEdges.get(e).label)")
    assert labels == ["CONSULT", "AGREE, CONSULT"]
    assert math.dist((ends[0]["x"], ends[0]["y"]), (ends[1]["x"], ends[1]["y"])) > 40
    # a one-way tie stays straight
    assert opened.js("window.kgNetwork.body.edges['rf>unx'].options.smooth.enabled") is False


@pytest.mark.parametrize(("query", "found", "person"), [
    ("Minister Brandt", "norvia", "Ulf Brandt"),   # alias of a folded person
    ("ulf", "norvia", "Ulf Brandt"),               # the start of a folded person's name
    ("estmarkian government", "estmark", None),    # an actor's alias
    ("Union", "unx", None),                        # the start of an actor's name
])
def test_page_search_finds_actors_aliases_and_folded_people(opened, query, found, person):
    opened.page.fill("#kg-search", query)
    opened.page.press("#kg-search", "Enter")
    assert opened.js("[window.kgState.focused, window.kgState.foundPerson]") == [found, person]
    assert opened.js("window.kgNetwork.getSelectedNodes()") == [found]
    note = opened.page.locator("#kg-panel .kg-found")
    if person:
        assert note.text_content() == (f"Found through {person} (foreign minister), who acts for "
                                       "Norvia and is drawn as part of it.")
        assert opened.page.text_content("#kg-search-status") == (
            f"Showing Norvia: {person} acts for it.")
    else:
        assert note.count() == 0


def test_page_search_suggests_folded_people_with_whom_they_act_for(opened):
    options = opened.js("[...document.querySelectorAll('#kg-actor-list option')]"
                        ".map(o => [o.value, o.label])")
    assert options[:3] == [["Estmark", ""], ["Lone Party", ""], ["Norvia", ""]]
    assert ["Ulf Brandt", "Ulf Brandt (acts for Norvia)"] in options


def test_page_reset_restores_filters_search_highlight_and_view(opened):
    fitted = opened.js("[window.kgNetwork.getScale(), window.kgNetwork.getViewPosition()]")
    opened.page.fill("#kg-search", "Ulf Brandt")
    opened.page.press("#kg-search", "Enter")
    opened.page.locator("#kg-filter-types label", has_text="ACCUSE").locator("input").uncheck()
    opened.page.check("#kg-hide-isolated")
    brush(opened, 5, 10)
    assert opened.js("window.kgNetwork.getScale()") == pytest.approx(1.4)
    opened.page.click("#kg-reset")
    assert opened.page.input_value("#kg-search") == ""
    assert opened.page.text_content("#kg-search-status") == ""
    assert opened.js("[window.kgState.selected, window.kgState.focused, window.kgState.foundPerson,"
                     " window.kgNetwork.getSelectedNodes()]") == [None, None, None, []]
    assert opened.js("[window.kgPage.filters.from, window.kgPage.filters.to,"
                     " window.kgPage.filters.types, window.kgState.hideIsolated]") == [
        "", "", None, False]
    assert opened.js("window.kgNodes.get('rf').color.background") == "#e15759"  # not faded
    assert opened.page.text_content("#kg-panel") == (
        "Click an actor or a tie to see the events and the sentences behind it.")
    view = "[window.kgNetwork.getScale(), window.kgNetwork.getViewPosition()]"
    after = opened.js(view)
    assert after[0] == pytest.approx(fitted[0], rel=0.1)  # not the search's zoom of 1.4
    # the whole drawing fitted (labels drawn since loading may widen its box a little)
    again = opened.js(f"(() => {{ window.kgNetwork.fit({{animation: false}}); return {view}; }})()")
    assert [again[0], again[1]["x"], again[1]["y"]] == pytest.approx(
        [after[0], after[1]["x"], after[1]["y"]])
    assert opened.page.text_content("#kg-filter-status-line") == "5 of 5 actors, 5 of 5 ties shown"


def test_page_hides_actors_without_a_tie(opened):
    assert opened.js("!!window.kgNodes.get('lone').hidden") is False
    opened.page.check("#kg-hide-isolated")
    assert opened.js("window.kgNodes.get('lone').hidden") is True
    assert opened.js("window.kgState.visibleNodes") == 4
    # filtering the only tie of Union of Examples away isolates it too
    for kind in ("ASSAULT", "AID"):
        opened.page.locator("#kg-filter-types label", has_text=kind).locator("input").uncheck()
    assert opened.js("window.kgNodes.get('unx').hidden") is True
    opened.page.uncheck("#kg-hide-isolated")
    assert opened.js("[window.kgNodes.get('lone').hidden, window.kgNodes.get('unx').hidden]") == [
        False, True]  # unx has no event left under the type filter


def test_page_groups_communities_into_one_node_each(opened):
    communities = opened.js("window.kgData.communities.map(c => c.size)")
    before = opened.js("window.kgNetwork.getPositions()")
    opened.page.check("#kg-grouped")
    opened.page.wait_for_function("window.kgState.groupsSettled === true")
    groups = opened.js("window.kgNodes.getIds().filter(i => i.startsWith('community:'))")
    assert groups == [f"community:{i}" for i, size in enumerate(communities) if size > 1]
    members = opened.js("Object.keys(window.kgData.actors).filter("
                        "n => window.kgData.actors[n].community === 0)")
    assert opened.js(f"{members}.map(n => window.kgNodes.get(n).hidden)") == [True] * len(members)
    opened.page.mouse.click(*opened.point("community:0"))
    assert opened.page.text_content("#kg-panel h2") == "Community #1"
    assert opened.page.locator("#kg-panel li").count() == len(members)
    opened.page.uncheck("#kg-grouped")
    assert opened.js("window.kgNodes.getIds().filter(i => i.startsWith('community:'))") == []
    # the actors are back where they were drawn before grouping
    assert opened.js("window.kgNetwork.getPositions()") == before
    assert opened.js(f"{members}.map(n => window.kgNodes.get(n).hidden)") == [False] * len(members)


def test_page_event_table_sorts_and_opens_evidence(opened):
    opened.page.click("#kg-table-toggle")
    ids = "[...document.querySelectorAll('#kg-table-body tr')].map(r => r.dataset.event)"
    assert opened.js(ids) == ["ev1", "ev2", "ev6", "ev3", "ev4", "ev5", "ev7", "ev8"]
    assert opened.page.text_content("#kg-table-count") == "8 event(s) for the current filter"
    undated = opened.page.locator('#kg-table-body tr[data-event="ev4"] td').first
    assert undated.text_content() == "undated (article date 2024-04-02)"
    opened.page.click("#kg-table th[data-sort=type]")
    assert opened.js(ids)[:3] == ["ev3", "ev1", "ev5"]  # ACCUSE, AGREE, AID
    opened.page.click("#kg-table th[data-sort=type]")
    assert opened.js(ids)[0] == "ev8"  # PROTEST, descending
    opened.page.focus("#kg-table th[data-sort=status]")
    opened.page.keyboard.press("Enter")  # sortable from the keyboard too
    assert opened.js(ids)[-1] == "ev2"  # the only "reported"
    opened.page.click('#kg-table-body tr[data-event="ev1"] .kg-linkish')
    assert opened.page.text_content("#kg-panel h2") == "AGREE: Ulf Brandt \u2192 Estmark"
    panel = opened.page.text_content("#kg-panel")
    assert "When2024-03-01 (day)" in panel
    assert "WherePlace: Eastport" not in panel and "WhereEastport" in panel
    assert "Made-up sentence number 1." in panel
    link = opened.page.locator('#kg-table-body tr[data-event="ev1"] a')
    assert link.get_attribute("href") == "https://news.example.org/one"


def test_page_event_panel_says_undated_and_labels_the_article_date(opened):
    opened.page.mouse.click(*opened.point("unx"))
    heads = opened.js("[...document.querySelectorAll('#kg-panel .kg-event-head')]"
                      ".map(h => h.textContent)")
    assert heads == ["ASSAULTundated (article date 2024-04-02) \u00b7 denied",
                     "AID2024-05 (month) \u00b7 intended"]
    tooltip = opened.js("window.kgEdges.get('rf>unx').title")
    assert "ASSAULT \u00b7 undated (article date 2024-04-02) \u00b7 denied" in tooltip


def test_page_csv_export_holds_the_filtered_table(opened):
    opened.page.locator("#kg-filter-types label", has_text="ACCUSE").locator("input").uncheck()
    opened.page.click("#kg-table-toggle")
    with opened.page.expect_download() as download:
        opened.page.click("#kg-table-csv")
    assert download.value.suggested_filename == "kg-events.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8"))))
    assert [r["id"] for r in rows] == ["ev1", "ev2", "ev6", "ev4", "ev5", "ev7", "ev8"]
    assert {k: rows[3][k] for k in ("date", "date_precision", "article_date", "type")} == {
        "date": "", "date_precision": "", "article_date": "2024-04-02", "type": "ASSAULT"}
    assert rows[0]["place"] == "Eastport"
    assert rows[0]["url"] == "https://news.example.org/one"
    # a sentence that starts like a formula is quoted so no spreadsheet runs it
    assert rows[-1]["sentence"] == "'" + FORMULA_SENTENCE


def test_page_timeline_brush_filters_graph_and_table(opened):
    assert opened.js("[window.kgTimeline.unit, window.kgTimeline.bins.length]") == ["week", 15]
    brush(opened, 5, 10)
    assert opened.js("[window.kgPage.filters.from, window.kgPage.filters.to]") == [
        "2024-04-01", "2024-05-12"]
    assert [opened.page.input_value("#kg-date-from"), opened.page.input_value("#kg-date-to")] == [
        "2024-04-01", "2024-05-12"]
    assert opened.js("window.kgTable.rows()") == IN_APRIL_TO_MAY
    assert opened.js("window.kgNodes.get('lone').hidden") is True
    assert opened.js("window.kgEdges.get('norvia>estmark').hidden") is True
    assert opened.page.locator("#kg-timeline-chart g.kg-bin-on").count() == 6
    opened.page.click("#kg-timeline-clear")
    assert opened.js("window.kgTable.rows().length") == 8


@pytest.mark.parametrize(("dates", "unit", "bins"), [
    (("2024-03-01", "2024-03-20"), "week", 4),      # Monday 2024-02-26 to Monday 2024-03-18
    (("2024-03-01", "2025-02"), "month", 12),
    (("1990", "2024-03-01"), "year", 35),            # a year-precise date fits a year bar
])
def test_page_timeline_unit_follows_the_span(browser, tmp_path, dates, unit, bins):
    corpus = analyst_corpus()
    events = tuple(dataclasses.replace(e, date=dates[k % 2], date_precision=None)
                   for k, e in enumerate(corpus.events))
    path = tmp_path / "graph.html"
    write_html(Corpus(corpus.articles, corpus.actors, events), path)
    view = Opened(browser, path)
    try:
        assert view.js("[window.kgTimeline.unit, window.kgTimeline.bins.length]") == [unit, bins]
        assert view.errors == []
    finally:
        view.page.close()
