"""The network page in headless Chromium: drawn, searchable, filterable, offline and inert.

Driven by Playwright's Python package on the system Chromium (Debian `chromium`; `make browser`
installs it). Playwright's own browser download is never used. Skips when either is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from network_corpus import network_corpus
from page_browser import Opened

from kg.ontology import load_ontology
from kg.paths import default_ontology_dir
from kg.views.page import PAGE_TITLE, write_html
from kg.views.page_data import NODE_STYLE

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
OPACITIES = "['norvia>estmark', 'rf>unx'].map(e => window.kgEdges.get(e).color.opacity)"


def type_color(code: str) -> str:
    return load_ontology(default_ontology_dir()).event_type(code).color


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "graph.html"
    write_html(network_corpus(), path)
    return path


@pytest.fixture
def opened(browser, page_file):
    view = Opened(browser, page_file)
    yield view
    view.page.close()


def test_browser_draws_the_actors_and_styled_ties(opened):
    assert opened.js("window.kgNodes.getIds().sort()") == ["estmark", "norvia", "rf", "unx"]
    assert opened.js("window.kgEdges.getIds().sort()") == [
        "estmark>rf", "norvia>estmark", "rf>unx", "unx>estmark"]
    both = opened.js("window.kgEdges.get('norvia>estmark')")
    assert (both["label"], both["dashes"], both["color"]["color"]) == (
        "AGREE, CONSULT", False, type_color("AGREE"))
    denied = opened.js("window.kgEdges.get('rf>unx')")
    assert (denied["dashes"], denied["color"]["opacity"], denied["color"]["color"]) == (
        [6, 6], 0.45, type_color("ASSAULT"))
    assert denied["title"].startswith("Red Front \u2192 Union of Examples: 1 event(s)\n")
    assert opened.js("window.kgNetwork.physics.physicsEnabled") is False
    # what vis-network actually paints, after the page's own updates
    painted = opened.js("[window.kgNetwork.body.nodes.rf.options.color.background,"
                        " window.kgNetwork.body.nodes.rf.options.shape]")
    assert painted == [NODE_STYLE["ArmedGroup"][1], "triangle"]
    assert opened.errors == []


def test_browser_layout_is_the_same_on_every_load(browser, page_file, opened):
    again = Opened(browser, page_file)
    try:
        assert again.js("window.kgNetwork.getPositions()") == opened.js(
            "window.kgNetwork.getPositions()")
    finally:
        again.page.close()


def test_browser_search_focuses_an_actor_by_alias(opened):
    opened.page.fill("#kg-search", "estmarkian GOVERNMENT")
    opened.page.press("#kg-search", "Enter")
    assert opened.js("window.kgState.focused") == "estmark"
    assert opened.js("window.kgNetwork.getSelectedNodes()") == ["estmark"]
    assert opened.page.text_content("#kg-panel h2") == "Estmark"
    opened.page.fill("#kg-search", "nobody at all")
    opened.page.press("#kg-search", "Enter")
    assert opened.page.text_content("#kg-search-status") == (
        "No drawn actor, alias or person matches \u201cnobody at all\u201d.")


def test_browser_filters_hide_and_restyle_ties(opened):
    opened.page.locator("#kg-filter-types label", has_text="ACCUSE").locator("input").uncheck()
    assert opened.js("window.kgEdges.get('estmark>rf').hidden") is True
    assert opened.js("window.kgState.visibleEdges") == 3
    opened.page.locator("#kg-filter-status label", has_text="reported").locator("input").uncheck()
    assert opened.js("window.kgEdges.get('norvia>estmark').label") == "AGREE"
    opened.page.fill("#kg-date-from", "2024-04-01")
    opened.page.dispatch_event("#kg-date-from", "change")
    assert opened.js("window.kgNodes.get('norvia').hidden") is True
    opened.page.click("#kg-reset")
    assert opened.js("window.kgState.visibleEdges") == 4
    assert opened.page.text_content("#kg-filter-status-line") == "4 of 4 actors, 4 of 4 ties shown"


def test_browser_untrusted_text_renders_as_text_and_never_runs(opened):
    box = opened.page.locator("#kg-network").bounding_box()
    spot = opened.js("(() => { const p = window.kgNetwork.getPosition('rf');"
                     " return window.kgNetwork.canvasToDOM(p); })()")
    opened.page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    assert opened.page.text_content("#kg-panel h2") == "Red Front"
    panel = opened.page.text_content("#kg-panel")
    assert '"><img src=x onerror="window.pwned=2">' in panel
    assert '<script>document.title="pwned";window.pwned=4</script>' in panel
    assert "<script>window.pwned=1</script> Border row" in panel
    assert opened.js("typeof window.pwned") == "undefined"
    assert opened.page.title() == PAGE_TITLE
    assert opened.js("document.querySelectorAll('img, #kg-panel script').length") == 0
    hrefs = opened.js("[...document.querySelectorAll('#kg-panel a')].map(a => a.href)")
    # ev6 links its article; the payload article's "javascript:" URL gives no link
    assert hrefs == ["https://news.example.org/one"]
    opened.page.fill("#kg-search", "Norvia")
    opened.page.press("#kg-search", "Enter")
    hrefs = opened.js("[...document.querySelectorAll('#kg-panel a')].map(a => a.href)")
    assert hrefs == ["https://www.wikidata.org/wiki/Q4242", "https://news.example.org/one",
                     "https://news.example.org/one"]
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "network.png"))
    assert opened.outside == []
    assert opened.errors == []


def test_browser_edge_tooltip_shows_the_evidence_as_plain_text(opened):
    box = opened.page.locator("#kg-network").bounding_box()
    ends = opened.js("['estmark', 'rf'].map(n => window.kgNetwork.canvasToDOM("
                     "window.kgNetwork.getPosition(n)))")
    x = box["x"] + (ends[0]["x"] + ends[1]["x"]) / 2
    y = box["y"] + (ends[0]["y"] + ends[1]["y"]) / 2
    opened.page.mouse.move(x - 3, y - 3)
    opened.page.mouse.move(x, y)
    tooltip = opened.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    # vis-network sets the title as innerText: line breaks become <br>, nothing else is markup
    assert tooltip.evaluate("t => [...t.children].map(c => c.tagName)") == ["BR", "BR"]
    text = tooltip.inner_text()
    assert text.startswith("Estmark \u2192 Red Front: 1 event(s)\n\u2022 ACCUSE \u00b7 2024-04-02")
    assert '"><img src=x onerror="window.pwned=2">' in text
    assert opened.js("typeof window.pwned") == "undefined"


def test_browser_neighbourhood_highlight_fades_the_rest(opened):
    opened.js("window.kgFocus('Norvia')")
    faded = opened.js("window.kgNodes.get('rf').color.background")
    near = opened.js("window.kgNodes.get('estmark').color.background")
    assert (faded, near) == ("#e8e8e8", "#4e79a7")
    opacities = opened.js(OPACITIES)
    assert opacities == [0.9, 0.12]
    opened.page.mouse.click(*_empty_spot(opened))
    opacities = opened.js(OPACITIES)
    assert opacities == [0.9, 0.45]
    assert opened.js("window.kgNodes.get('rf').color.background") == NODE_STYLE["ArmedGroup"][1]


def _empty_spot(opened) -> tuple[float, float]:
    box = opened.page.locator("#kg-network").bounding_box()
    return box["x"] + 5, box["y"] + box["height"] - 5


@pytest.mark.slow
def test_browser_sample_build_page_loads_offline(browser, sample_build):
    result, out = sample_build
    opened = Opened(browser, out / "graph.html")
    try:
        drawn = opened.js("window.kgNodes.getIds().length")
        assert drawn == opened.js("window.kgData.vis.nodes.length")
        assert drawn == opened.js("Object.keys(window.kgData.actors).length")
        labels = {a.label for a in result.corpus.actors}
        assert set(opened.js("window.kgData.vis.nodes.map(n => n.label)")) <= labels
        ARTIFACTS.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(ARTIFACTS / "sample.png"))
        assert opened.outside == []
        assert opened.errors == []
    finally:
        opened.page.close()
