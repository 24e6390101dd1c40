"""The analyst's path through the page of a built corpus (issue #16), in headless Chromium.

Search a folded person, filter by type and by a date range brushed on the timeline, open the
event table, export it as CSV, reset. Screenshots go to $KG_PAGE_SHOTS (a temporary folder
otherwise), never into the repository, to be checked by eye.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from pathlib import Path

import pytest
from page_browser import Opened, launch

from kg.views.analytics import period_end

pytestmark = pytest.mark.browser


def shown_events(data: dict, skipped_type: str, start: str, end: str) -> list[str]:
    """Event ids the table should list, in its date order, as the page's filter defines it."""
    rows = []
    for index, ev in enumerate(data["events"]):
        when = ev["date"] or ev["article_date"]
        if ev["type"] == skipped_type or not when:
            continue
        if period_end(when) < start or (when + "-01-01")[:10] > end:
            continue
        rows.append((when, index, ev["id"]))
    return [event_id for _, _, event_id in sorted(rows)]


@pytest.mark.slow
def test_page_walk_search_filter_table_csv_reset(sample_build, tmp_path):
    _, out = sample_build
    shots = Path(os.environ.get("KG_PAGE_SHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with launch() as browser:
        opened = Opened(browser, out / "graph.html", accept_downloads=True)
        page = opened.page
        data = opened.js("window.kgData")
        page.screenshot(path=str(shots / "01-loaded.png"))

        # 1. a person folded into the actor they act for is found, and named in the panel
        node, actor = next((n, a) for n, a in sorted(data["actors"].items()) if a["members"])
        person = actor["members"][0]["label"]
        page.fill("#kg-search", person)
        page.press("#kg-search", "Enter")
        assert opened.js("window.kgState.focused") == node
        assert person in page.text_content("#kg-panel .kg-found")
        assert page.text_content("#kg-panel h2") == actor["label"]
        page.screenshot(path=str(shots / "02-folded-person.png"))

        # 2. the commonest event type off, then a range brushed on the timeline
        common = Counter(ev["type"] for ev in data["events"]).most_common(1)[0][0]
        page.locator("#kg-filter-types label", has_text=common).locator("input").uncheck()
        bins = opened.js("window.kgTimeline.bins")
        first, last = len(bins) // 3, len(bins) - 1
        bar = '#kg-timeline-chart g[data-bin="{}"] .kg-bin-hit'
        for step, b in enumerate((first, last)):
            box = page.locator(bar.format(b)).bounding_box()
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
            if step == 0:
                page.mouse.down()
        page.mouse.up()
        start, end = bins[first]["start"], bins[last]["end"]
        assert opened.js("[window.kgPage.filters.from, window.kgPage.filters.to]") == [start, end]
        expected = shown_events(data, common, start, end)
        assert expected  # the walk has something to show
        page.screenshot(path=str(shots / "03-filtered.png"))

        # 3. the event table lists exactly the filtered events
        page.click("#kg-table-toggle")
        listed = opened.js("[...document.querySelectorAll('#kg-table-body tr')]"
                           ".map(r => r.dataset.event)")
        assert listed == expected
        page.click("#kg-table-body tr .kg-linkish")
        assert page.locator("#kg-panel blockquote").count() >= 1
        page.screenshot(path=str(shots / "04-table.png"))

        # 4. the CSV holds the same rows, with the event's own date apart from the article's
        with page.expect_download() as download:
            page.click("#kg-table-csv")
        text = Path(download.value.path()).read_text("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["id"] for r in rows] == expected
        by_id = {ev["id"]: ev for ev in data["events"]}
        assert [(r["date"], r["article_date"], r["type"]) for r in rows] == [
            (by_id[i]["date"] or "", by_id[i]["article_date"] or "", by_id[i]["type"])
            for i in expected]
        assert common not in {r["type"] for r in rows}

        # 5. Reset: every filter, the search, the highlight and the view as on load
        page.click("#kg-reset")
        assert opened.js("[window.kgPage.filters.from, window.kgPage.filters.types,"
                         " window.kgState.focused, window.kgState.selected]") == ["", None, None,
                                                                                 None]
        assert page.input_value("#kg-search") == ""
        assert opened.js("window.kgState.visibleNodes") == len(data["actors"])
        assert opened.js("window.kgTable.rows().length") == len(data["events"])
        page.screenshot(path=str(shots / "05-reset.png"))
        assert opened.outside == []
        assert opened.errors == []
        page.close()
