"""What the network page shows, as plain JSON-ready data (no HTML here).

`build_view` turns a `Corpus` into vis-network nodes and edges plus the data the page's script
needs (events with their evidence, per-node details, legend, what was left out). Edges between
the same two nodes are aggregated: one edge per ordered pair, listing its events; the page's
script styles it from those events so filters can restyle it. Event-type and polarity colours
and the legend order come from the `kg.ontology.Ontology` (kg:color, kg:polarity in plover.ttl).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import KgError
from kg.ontology import NEUTRAL, Ontology
from kg.records import Actor, Article, Corpus, Event, Evidence, participant_sectors
from kg.views.analytics import (
    ActorNetwork,
    actor_centrality,
    actor_network,
    resolve_ontology,
)
from kg.views.page_layout import LAYOUT_FROM, disc_layout, drawn_communities

#: Drawn ties per allowed node: above this the weakest ties are left out.
EDGES_PER_NODE = 3
#: Above this many drawn ties edge labels are left off (tooltips and the panel still tell).
EDGE_LABEL_LIMIT = 1500
#: Node shape and colour per actor type (colour-blind-safe Tableau 10 hues).
NODE_STYLE = {
    "Country": ("dot", "#4e79a7"),
    "Organization": ("square", "#f28e2b"),
    "ArmedGroup": ("triangle", "#e15759"),
    "Person": ("diamond", "#59a14f"),
    "NewsOrganization": ("hexagon", "#b07aa1"),
}
OTHER_STYLE = ("dot", "#9d9d9d")
#: Edge curvature of a tie drawn both ways: each direction bends to its own side (issue #16).
TWO_WAY_ROUNDNESS = 0.25
AFFILIATION_COLOR = "#bbbbbb"
_QID = re.compile(r"Q[1-9][0-9]*")
_WEB = re.compile(r"https?://[^\s]+", re.IGNORECASE)


@dataclass(frozen=True)
class View:
    """Everything the page draws: vis-network items and the page script's data."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    data: dict[str, Any]


def check_max_nodes(max_nodes: int) -> None:
    """Raise a `KgError` unless `max_nodes` is a positive number."""
    if max_nodes < 1:
        raise KgError(f"max_nodes={max_nodes}: must be at least 1; try --max-nodes 300")


def build_view(corpus: Corpus, *, max_nodes: int = 300, people: str = "fold",
               since: str | None = None, stats: Mapping[str, Any] | None = None,
               ontology: Ontology | None = None) -> View:
    """Decide what the page draws and gather the evidence behind it.

    `ontology` gives the event types' polarities and colours (default: the default folder's).
    """
    check_max_nodes(max_nodes)
    ontology = resolve_ontology(ontology)
    network = actor_network(corpus, people=people, since=since)
    candidates = sorted(network.participation,
                        key=lambda n: (-len(network.participation[n]), n))
    drawn = candidates[:max_nodes]
    drawn_set = set(drawn)
    pairs: dict[tuple[str, str], set[int]] = {}
    for tie in network.ties:
        if tie.source in drawn_set and tie.target in drawn_set:
            pairs.setdefault((tie.source, tie.target), set()).add(tie.event)
    strongest = sorted(pairs, key=lambda p: (-len(pairs[p]), p))
    kept_pairs = sorted(strongest[:EDGES_PER_NODE * max_nodes])

    page_events = sorted({i for n in drawn for i in network.participation[n]},
                         key=lambda i: (network.dates[i] or "9999", corpus.events[i].type, i))
    position = {event: k for k, event in enumerate(page_events)}
    centrality = _centrality(network, people, since, stats)
    by_id = {a.id: a for a in corpus.actors}
    members = _members(corpus.actors, network.mapping)
    groups = drawn_communities(drawn, {p: len(pairs[p]) for p in kept_pairs})
    community = {n: i for i, group in enumerate(groups) for n in group}
    weight = {n: len(network.participation[n]) for n in drawn}
    layout = disc_layout(groups, weight) if len(drawn) > LAYOUT_FROM else {}

    busiest = max(weight.values(), default=1)
    nodes, details = [], {}
    for node in sorted(drawn):
        actor = by_id[node]
        events = sorted(position[i] for i in network.participation[node])
        nodes.append(_vis_node(actor, len(events), centrality.get(node), community[node],
                               layout.get(node), label_size(len(events), busiest, len(drawn))))
        details[node] = _details(actor, events, centrality.get(node), members.get(node, []),
                                 community[node])
    edges, ties = [], {}
    kept = set(kept_pairs)
    for source, target in kept_pairs:
        edge_id = f"{source}>{target}"
        edge: dict[str, Any] = {"id": edge_id, "from": source, "to": target}
        if (target, source) in kept:
            # both directions bend clockwise, so each to its own side: labels never overlap
            edge["smooth"] = {"enabled": True, "type": "curvedCW",
                              "roundness": TWO_WAY_ROUNDNESS}
        edges.append(edge)
        ties[edge_id] = sorted(position[i] for i in pairs[(source, target)])
    edges.extend(_affiliations(corpus.actors, drawn_set) if people == "show" else [])

    labels = {a.id: a.label for a in corpus.actors}
    places = {p.id: p.label for p in corpus.places}
    told = {ev.article_id for i in page_events for ev in corpus.events[i].evidence}
    told.update(a for i in page_events for a in corpus.events[i].articles)
    articles = {a.id: a for a in corpus.articles if a.id in told}
    article_dates = {a.id: a.date for a in articles.values()}
    data = {
        "meta": _meta(corpus, network, len(candidates), len(drawn), len(pairs), len(kept_pairs),
                      len(page_events), people, since, max_nodes),
        "legend": _legend(ontology),
        "actors": details,
        "ties": ties,
        "communities": [{"size": len(g), "top": _top(g, weight, labels)}
                        for g in groups],
        "events": [_event(corpus.events[i], labels, places, articles, article_dates, ontology)
                   for i in page_events],
    }
    return View(nodes, edges, data)


def _centrality(network: ActorNetwork, people: str, since: str | None,
                stats: Mapping[str, Any] | None) -> Mapping[str, Mapping[str, float]]:
    # stats.json is computed over the same network when people match and nothing is cut by
    # date: reuse it rather than pay for betweenness twice.
    if stats and stats.get("people") == people and since is None and "centrality" in stats:
        return stats["centrality"]
    return actor_centrality(network)


def _members(actors: Sequence[Actor], mapping: Mapping[str, str]
             ) -> dict[str, list[dict[str, Any]]]:
    # people folded into a node keep their names and aliases so the page can find them (#16)
    members: dict[str, list[dict[str, Any]]] = {}
    for actor in sorted(actors, key=lambda a: (a.label, a.id)):
        node = mapping[actor.id]
        if node != actor.id:
            members.setdefault(node, []).append({
                "label": actor.label, "roles": list(actor.roles),
                "aliases": sorted({a for a in actor.aliases if a != actor.label})})
    return members


def _top(group: Sequence[str], weight: Mapping[str, int], labels: Mapping[str, str]
         ) -> list[str]:
    return [labels.get(n, n) for n in sorted(group, key=lambda n: (-weight[n], n))[:3]]


def node_size(events: int) -> float:
    """Node radius for a number of events: grows with the logarithm, capped.

    >>> node_size(0), node_size(1), node_size(7), node_size(10**6)
    (10.0, 14.0, 22.0, 40.0)
    """
    return min(40.0, round(10.0 + 4.0 * math.log2(1 + events), 1))


def _vis_node(actor: Actor, events: int, centrality: Mapping[str, float] | None,
              community: int, position: tuple[float, float] | None, font: int
              ) -> dict[str, Any]:
    shape, color = NODE_STYLE.get(actor.type, OTHER_STYLE)
    lines = [actor.label, f"{actor.type} · {events} event(s)"]
    if centrality:
        lines.append(f"degree {centrality['degree']:g} · weighted degree "
                     f"{centrality['weighted_degree']:g} · betweenness "
                     f"{centrality['betweenness']:.3f}")
    lines.append("Click for aliases, links and events.")
    node: dict[str, Any] = {
        "id": actor.id,
        "label": actor.label,
        "shape": shape,
        "color": {"background": color, "border": color,
                  "highlight": {"background": color, "border": "#222222"},
                  "hover": {"background": color, "border": "#222222"}},
        "size": node_size(events),
        "title": "\n".join(lines),
        # bigger actors get bigger labels, so theirs appear first as one zooms in
        "font": {"size": font},
        "events": events,
        "community": community,
    }
    if position is not None:
        node["x"], node["y"] = position
    return node


def label_size(events: int, busiest: int, drawn: int) -> int:
    """Label font size by events on a log scale, from 14 up to the busiest drawn actor's.

    vis-network leaves out labels too small to read at the current zoom, so the busiest actors'
    labels are the first to appear as one zooms in (issue #16). A bigger graph is fitted at a
    smaller zoom, so its busiest labels are bigger (28 up to 100 actors, 56 from 400).

    >>> label_size(1, 1, 20), label_size(1, 63, 20), label_size(7, 63, 20), label_size(63, 63, 20)
    (28, 16, 21, 28)
    >>> label_size(63, 63, 300), label_size(63, 63, 5000)
    (48, 56)
    """
    top = min(56.0, 28.0 * max(1.0, math.sqrt(drawn / 100)))
    return round(14 + (top - 14) * math.log2(1 + events) / math.log2(1 + max(busiest, 1)))


def _details(actor: Actor, events: list[int], centrality: Mapping[str, float] | None,
             members: list[dict[str, Any]], community: int) -> dict[str, Any]:
    aliases = sorted({a for a in actor.aliases if a != actor.label})
    return {
        "label": actor.label,
        "type": actor.type,
        "qid": actor.qid if actor.qid and _QID.fullmatch(actor.qid) else None,
        "country": actor.country,
        "aliases": aliases,
        "roles": list(actor.roles),
        "members": members,
        "centrality": dict(centrality) if centrality else None,
        "community": community,
        "events": events,
    }


def _affiliations(actors: Sequence[Actor], drawn: set[str]) -> list[dict[str, Any]]:
    return [
        {"id": f"{a.id}~{a.affiliation}", "from": a.id, "to": a.affiliation, "kind": "affiliation",
         "title": f"{a.label} acts for this actor", "dashes": [2, 4], "arrows": "",
         "color": {"color": AFFILIATION_COLOR, "opacity": 0.8}, "width": 1}
        for a in sorted(actors, key=lambda a: a.id)
        if a.type == "Person" and a.affiliation in drawn and a.id in drawn
    ]


def _event(event: Event, labels: Mapping[str, str], places: Mapping[str, str],
           articles: Mapping[str, Article], article_dates: Mapping[str, str | None],
           ontology: Ontology) -> dict[str, Any]:
    evidence = []
    for ev in event.evidence:
        article = articles.get(ev.article_id)
        url = article.url if article and article.url and _WEB.fullmatch(article.url) else None
        evidence.append({
            "sentence": ev.sentence,
            "trigger": ev.trigger,
            "title": article.title if article else ev.article_id,
            "publisher": article.publisher if article else None,
            "date": article.date if article else None,
            "url": url,
            "note": _evidence_note(ev),
        })
    source = labels.get(event.attributed_to or "", event.source_text)
    # a participant named by a group noun shows its sector: "Egypt (COP)" (issue #15)
    sectors = participant_sectors(event)

    def named(actor_id: str, sector_of: dict[str, str]) -> str:
        label = labels.get(actor_id, actor_id)
        return f"{label} ({sector_of[actor_id]})" if actor_id in sector_of else label

    return {
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "polarity": ontology.polarity(event.type),
        "status": event.status,
        # the event's own date only, as events.jsonl has it; the article date goes apart and
        # the page labels it so (issue #16)
        "date": event.date,
        "date_precision": event.date_precision if event.date else None,
        "article_date": min((d for d in (article_dates.get(a) for a in event.articles) if d),
                            default=None),
        "actors": [*(named(a, sectors[0]) for a in event.actors),
                   *(f"{words} (unnamed group, {sector})"
                     for words, sector in event.unnamed_actors)],  # fmt: skip
        "recipients": [*(named(a, sectors[1]) for a in event.recipients),
                       *(f"{words} (unnamed group, {sector})"
                         for words, sector in event.unnamed_recipients)],  # fmt: skip
        "source": source,
        # as events.jsonl has it; named by the corpus place table where it holds the id
        "place": places.get(event.place, event.place) if event.place else None,
        "place_id": event.place,
        "place_precision": event.location.kind if event.location else None,
        "confidence": round(event.confidence, 3),
        "evidence": evidence,
    }


def _evidence_note(evidence: Evidence) -> str | None:
    """What the panel says of how a sentence tells its event, beyond the words (issue #15)."""
    notes = []
    if evidence.in_title:
        notes.append("told by the headline")
    if evidence.inferred_actor:
        notes.append("no doer named: the doer is inferred")
    if evidence.resolved_from:
        words = ", ".join(f"\u201c{w}\u201d" for w in evidence.resolved_from)
        notes.append(f"doer written as {words}")
    return "; ".join(notes) or None


def _meta(corpus: Corpus, network: ActorNetwork, candidates: int, drawn: int, pairs: int,
          kept: int, events: int, people: str, since: str | None, max_nodes: int
          ) -> dict[str, Any]:
    notes = []
    if drawn < candidates:
        notes.append(f"Showing the {drawn:,} most connected of {candidates:,} actors "
                     f"(--max-nodes {max_nodes}).")
    if kept < pairs:
        notes.append(f"Showing the {kept:,} strongest of {pairs:,} ties among them.")
    return {
        "articles": len(corpus.articles),
        "actors": len(corpus.actors),
        "events": len(network.events),
        "candidates": candidates,
        "drawn": drawn,
        "ties": pairs,
        "ties_drawn": kept,
        "page_events": events,
        "people": people,
        "since": since,
        "edge_labels": kept <= EDGE_LABEL_LIMIT,
        "truncated": bool(notes),
        "note": " ".join(notes),
    }


def _legend(ontology: Ontology) -> dict[str, Any]:
    colors = ontology.polarity_colors()
    return {
        "nodes": [{"type": t, "shape": s, "color": c} for t, (s, c) in NODE_STYLE.items()],
        "polarity": colors,
        "types": {t.code: {"color": t.color, "polarity": t.polarity} for t in ontology.types},
        # types the ontology does not declare are drawn as neutral
        "other": colors[NEUTRAL],
        "faded": ["reported", "intended", "denied"],
    }
