"""The interactive actor network: one self-contained HTML page made with pyvis (vis-network).

Everything the page needs is inlined: vis-network's JS and CSS from the installed pyvis
package, the page's own script and style from `kg/views/assets/`, and the data as a JSON block. The
page makes no request at all; a Content-Security-Policy with the hashes of its two scripts
forbids any other script and any fetch, as a second line of defence around untrusted article
text (which the script only ever writes with ``textContent``).

Example::

    write_html(corpus, Path("output/graph.html"), max_nodes=300, people="fold")
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pyvis.network import Network

from kg.atomic import atomic_write_text
from kg.errors import KgError
from kg.ontology import Ontology
from kg.records import Corpus
from kg.views.page_data import View, build_view
from kg.views.page_layout import LAYOUT_FROM, REFINE_ITERATIONS

log = logging.getLogger(__name__)

VIS_DIR = "templates/lib/vis-9.1.2"
SEED = 7
STABILIZATION_ITERATIONS = 150
LABEL_THRESHOLD = 8
PAGE_TITLE = "Who did what to whom: actor network"
PAGE_SCRIPTS = ("page.js", "page_search.js", "page_groups.js", "page_events.js", "page_timeline.js")
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*")


@dataclass(frozen=True, slots=True)
class HtmlReport:
    """What `write_html` drew, for the build report."""

    path: str
    nodes: int
    edges: int
    events: int
    candidates: int
    ties: int
    truncated: bool
    bytes: int


def network_options(nodes: int) -> dict[str, Any]:
    """vis-network options: seeded layout, short barnesHut stabilisation, straight edges.

    The page turns physics off once stabilisation ends, so the drawing stays put. Above
    `LAYOUT_FROM` nodes the page data carries a community layout that needs only a few
    iterations (5,000 actors: 13.3 s to a still drawing before, issue #16).

    >>> network_options(10)["layout"]
    {'randomSeed': 7, 'improvedLayout': False}
    >>> [network_options(n)["physics"]["stabilization"]["iterations"] for n in (500, 501)]
    [150, 25]
    """
    big = nodes > 1000
    iterations = STABILIZATION_ITERATIONS if nodes <= LAYOUT_FROM else REFINE_ITERATIONS
    return {
        "autoResize": True,
        "layout": {"randomSeed": SEED, "improvedLayout": False},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "centralGravity": 0.3,
                          "springLength": 140, "springConstant": 0.04, "damping": 0.25,
                          "avoidOverlap": 0.1},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": iterations,
                              "updateInterval": 50, "fit": True},
        },
        # labels smaller than LABEL_THRESHOLD px on screen are not drawn: they appear as one
        # zooms in, the biggest actors' (larger font) first (issue #16)
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif",
                                             "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD}}},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "font": {"size": 10, "align": "middle", "strokeWidth": 3},
                  "scaling": {"label": {"drawThreshold": LABEL_THRESHOLD}},
                  "selectionWidth": 2, "hoverWidth": 0.5},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True,
                        "hideEdgesOnZoom": big, "keyboard": False},
    }


def write_html(corpus: Corpus, path: Path, *, max_nodes: int = 300, people: str = "fold",
               since: str | None = None, stats: dict[str, Any] | None = None,
               ontology: Ontology | None = None) -> HtmlReport:
    """Write the actor network page to `path` (atomically) and say what it drew.

    `max_nodes` caps the drawn actors (the most connected are kept, and the page says so);
    `people` is "fold" or "show"; `since` keeps events on or after an ISO date; `stats` is
    `kg.views.analytics.compute_stats` output, reused for centrality instead of recomputing it;
    `ontology` gives the event types' colours and polarities (default: the default folder's).
    """
    view = build_view(corpus, max_nodes=max_nodes, people=people, since=since, stats=stats,
                      ontology=ontology)
    page = render_page(view)
    atomic_write_text(path, page)
    meta = view.data["meta"]
    report = HtmlReport(path=str(path), nodes=len(view.nodes), edges=meta["ties_drawn"],
                        events=meta["page_events"], candidates=meta["candidates"],
                        ties=meta["ties"], truncated=meta["truncated"],
                        bytes=len(page.encode("utf-8")))
    log.info("wrote %s: %d actors, %d ties, %d events%s", path, report.nodes, report.edges,
             report.events, " (truncated)" if report.truncated else "")
    return report


def render_page(view: View) -> str:
    """Render a view into the self-contained page (deterministic: same view, same bytes)."""
    net = Network(directed=True, cdn_resources="in_line", heading=PAGE_TITLE)
    # Filled directly: pyvis' add_node/add_edge check every earlier item and turn quadratic.
    net.nodes = view.nodes
    net.edges = view.edges
    net.options = network_options(len(view.nodes))
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    data = dict(view.data)
    data["vis"] = {"nodes": nodes, "edges": edges, "options": json.loads(options)}
    vis_js, vis_css, page_js, page_css, template = _assets()
    values = {
        "title": html.escape(PAGE_TITLE),
        "csp": _csp(vis_js, page_js),
        "vis_css": vis_css,
        "page_css": page_css,
        "vis_js": vis_js,
        "page_js": page_js,
        "data": script_json(data),
    }
    # One pass: text inserted for one placeholder is never scanned for another.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def script_json(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` can close it.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _csp(*scripts: str) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; base-uri 'none'; form-action 'none'")


@cache
def _assets() -> tuple[str, str, str, str, str]:
    vis_dir = resources.files("pyvis").joinpath(VIS_DIR)
    own = resources.files("kg.views").joinpath("assets")
    try:
        vis_js = vis_dir.joinpath("vis-network.min.js").read_text(encoding="utf-8")
        vis_css = vis_dir.joinpath("vis-network.css").read_text(encoding="utf-8")
        # one script (one CSP hash): the core first, then the parts that build on window.kgPage
        page_js = "\n".join(own.joinpath(name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS)
        page_css = own.joinpath("page.css").read_text(encoding="utf-8")
        template = own.joinpath("page.html").read_text(encoding="utf-8")
    except OSError as err:
        raise KgError(f"{err.filename or os.fspath(str(vis_dir))}: page asset missing ({err}); "
                      "reinstall kg and pyvis==0.3.2 (`pip install -e .`)") from err
    return _SOURCE_MAP.sub("", vis_js), vis_css, page_js, page_css, template
