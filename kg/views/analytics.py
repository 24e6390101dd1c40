"""Network analytics of the actor graph: centrality, communities, active pairs, event counts.

The actor graph has one node per drawn actor and one edge per (event, actor, recipient). With
``people="fold"`` a person who acts for a country or organisation (``Actor.affiliation``) is
folded into it, so the graph reads state-to-state and organisation-to-organisation; with
``people="show"`` every actor stands for itself. `kg.views.page` draws the same graph, so the
centrality shown in its tooltips is the one computed here. Each event type's polarity
(cooperative, neutral, conflictual) comes from the `kg.ontology.Ontology` passed in.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.atomic import atomic_write
from kg.errors import KgError
from kg.ontology import NEUTRAL, Ontology, cached_ontology
from kg.paths import default_ontology_dir
from kg.records import Actor, Corpus, Event

log = logging.getLogger(__name__)

PEOPLE_MODES = ("fold", "show")
#: Above this many nodes betweenness is estimated from a fixed, seeded sample of sources.
BETWEENNESS_EXACT_LIMIT = 500
BETWEENNESS_SAMPLE = 100
SEED = 7
TOP = 10


def resolve_ontology(ontology: Ontology | None) -> Ontology:
    """Return `ontology`, or the default folder's (parsed once) when the caller has none."""
    return ontology if ontology is not None else cached_ontology(default_ontology_dir())


def check_people(people: str) -> None:
    """Raise a `KgError` unless `people` is one of `PEOPLE_MODES`."""
    if people not in PEOPLE_MODES:
        raise KgError(f"people={people!r}: unknown mode; use 'fold' (people drawn inside the "
                      "country or organisation they act for) or 'show' (people on their own)")


def fold_map(actors: Iterable[Actor], people: str = "fold") -> dict[str, str]:
    """Map every actor id to the id of the node that stands for it.

    A person with an affiliation folds into it (following chains, safe against cycles).

    >>> a = [Actor("c", "Chile", "Country"), Actor("p", "Ana", "Person", affiliation="c")]
    >>> fold_map(a), fold_map(a, "show")
    ({'c': 'c', 'p': 'c'}, {'c': 'c', 'p': 'p'})
    """
    check_people(people)
    by_id = {actor.id: actor for actor in actors}
    mapping: dict[str, str] = {}
    for actor_id in by_id:
        target, seen = actor_id, {actor_id}
        while people == "fold":
            actor = by_id[target]
            nxt = actor.affiliation
            if actor.type != "Person" or nxt is None or nxt not in by_id or nxt in seen:
                break
            seen.add(nxt)
            target = nxt
        mapping[actor_id] = target
    return mapping


def event_date(event: Event, article_dates: Mapping[str, str | None]) -> str | None:
    """The event's own date, else the earliest date of the articles that tell it."""
    if event.date:
        return event.date
    dates = sorted(d for d in (article_dates.get(a) for a in event.articles) if d)
    return dates[0] if dates else None


def period_end(date: str) -> str:
    """Last day of a partial ISO date, for 'on or after' comparisons.

    >>> period_end("2024"), period_end("2024-12"), period_end("2024-12-05")
    ('2024-12-31', '2024-12-31', '2024-12-05')
    """
    return date + "-12-31"[len(date) - 4:] if len(date) < 10 else date[:10]


def check_since(since: str | None) -> None:
    """Raise a `KgError` unless `since` is None or an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)."""
    parts = (since or "0000").split("-")
    shapes = ([4], [4, 2], [4, 2, 2])
    if [len(p) for p in parts] not in shapes or not all(p.isdigit() for p in parts):
        raise KgError(f"since={since!r}: not an ISO date; use YYYY, YYYY-MM or YYYY-MM-DD, "
                      "e.g. --since 2024-01-01")


@dataclass(frozen=True, slots=True)
class Tie:
    """One event seen as a directed edge between two drawn nodes."""

    source: str
    target: str
    event: int  # index into Corpus.events


@dataclass(frozen=True, slots=True)
class ActorNetwork:
    """The actor graph as plain data: which events count, who stands for whom, the ties."""

    mapping: dict[str, str]  # actor id -> node id
    events: tuple[int, ...]  # indexes into Corpus.events kept (by `since`)
    dates: tuple[str | None, ...]  # effective date per corpus event
    ties: tuple[Tie, ...]
    participation: dict[str, tuple[int, ...]]  # node id -> events it takes part in


def actor_network(corpus: Corpus, *, people: str = "fold",
                  since: str | None = None) -> ActorNetwork:
    """Fold people, keep events on or after `since`, and list the directed ties."""
    check_since(since)
    mapping = fold_map(corpus.actors, people)
    article_dates = {a.id: a.date for a in corpus.articles}
    dates = tuple(event_date(e, article_dates) for e in corpus.events)
    kept: list[int] = []
    ties: list[Tie] = []
    participation: dict[str, list[int]] = {}
    for index, event in enumerate(corpus.events):
        date = dates[index]
        if since is not None and (date is None or period_end(date) < since):
            continue
        sources = _nodes(event.actors, mapping)
        targets = _nodes(event.recipients, mapping)
        if not sources and not targets:
            continue
        kept.append(index)
        for node in sorted(set(sources) | set(targets)):
            participation.setdefault(node, []).append(index)
        ties.extend(Tie(s, t, index) for s in sources for t in targets if s != t)
    return ActorNetwork(mapping, tuple(kept), dates, tuple(ties),
                        {k: tuple(v) for k, v in sorted(participation.items())})


def _nodes(actor_ids: Sequence[str], mapping: Mapping[str, str]) -> list[str]:
    unknown = [a for a in actor_ids if a not in mapping]
    if unknown:
        log.debug("event names actor ids absent from the actor table: %s", unknown)
    return list(dict.fromkeys(mapping[a] for a in actor_ids if a in mapping))


def simple_graph(network: ActorNetwork, nodes: Iterable[str] | None = None) -> nx.Graph:
    """Undirected graph of the ties, `weight` = number of events between the two nodes."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(network.participation if nodes is None else nodes))
    weights = Counter(tuple(sorted((t.source, t.target))) for t in network.ties)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items())
                                  if a in graph and b in graph)
    return graph


def actor_centrality(network: ActorNetwork,
                     nodes: Iterable[str] | None = None) -> dict[str, dict[str, float]]:
    """Degree (distinct partners), weighted degree (ties) and betweenness of every node.

    Betweenness is exact up to `BETWEENNESS_EXACT_LIMIT` nodes, then estimated from a seeded
    sample of `BETWEENNESS_SAMPLE` sources (same numbers on every run).
    """
    graph = simple_graph(network, nodes)
    n = graph.number_of_nodes()
    sample = None if n <= BETWEENNESS_EXACT_LIMIT else BETWEENNESS_SAMPLE
    between = nx.betweenness_centrality(graph, k=sample, seed=SEED if sample else None)
    return {
        node: {
            "degree": graph.degree(node),
            "weighted_degree": graph.degree(node, weight="weight"),
            "betweenness": round(between[node], 4),
        }
        for node in graph.nodes
    }


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities (seeded, so stable), largest first, members sorted."""
    if graph.number_of_edges() == 0:
        return [[node] for node in sorted(graph.nodes)]
    found = nx.community.louvain_communities(graph, weight="weight", seed=SEED)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def compute_stats(corpus: Corpus, *, people: str = "fold",
                  ontology: Ontology | None = None) -> dict[str, Any]:
    """Summarise the actor network as JSON-ready data (what `stats.json` holds).

    `ontology` gives the event types' polarities (default: the default folder's).
    """
    ontology = resolve_ontology(ontology)
    network = actor_network(corpus, people=people)
    labels = {a.id: a.label for a in corpus.actors}
    types = {a.id: a.type for a in corpus.actors}
    graph = simple_graph(network)
    centrality = actor_centrality(network)
    groups = communities(graph)

    def ranked(measure: str) -> list[dict[str, Any]]:
        order = sorted(centrality, key=lambda n: (-centrality[n][measure], labels[n], n))
        return [{"id": n, "label": labels[n], "type": types[n], "value": centrality[n][measure]}
                for n in order[:TOP]]

    events = [corpus.events[i] for i in network.events]
    # by the event's own date, as events.jsonl and the RDF have it; an undated event is
    # counted under its article's month, labelled so (the page does the same, issue #16)
    def month(index: int) -> str:
        own, told = corpus.events[index].date, network.dates[index]
        if own:
            return own[:7]
        return f"undated (article date {told[:7]})" if told else "undated"

    months = Counter(month(i) for i in network.events)
    by_weight = {n: centrality[n]["weighted_degree"] for n in centrality}
    return {
        "people": people,
        "articles": len(corpus.articles),
        "actors": len(corpus.actors),
        "events": len(corpus.events),
        "network": {"nodes": graph.number_of_nodes(), "ties": graph.number_of_edges(),
                    "directed_events": len(network.ties)},
        "central": {m: ranked(m) for m in ("degree", "weighted_degree", "betweenness")},
        "communities": [
            {"size": len(group),
             "members": [labels[n] for n in sorted(group, key=lambda n: (-by_weight[n],
                                                                        labels[n]))[:TOP]]}
            for group in groups if len(group) > 1
        ][:TOP],
        "pairs": {p.name: _pairs(network, corpus.events, labels, p.name, ontology)
                  for p in ontology.polarities if p.name != NEUTRAL},
        "event_types": dict(_counted(e.type for e in events)),
        "statuses": dict(_counted(e.status for e in events)),
        "months": dict(sorted(months.items())),
        "centrality": {n: centrality[n] for n in sorted(centrality)},
        "community": {n: i for i, group in enumerate(groups) for n in group},
    }


def _counted(values: Iterable[str]) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))


def _pairs(network: ActorNetwork, events: Sequence[Event], labels: Mapping[str, str],
           side: str, ontology: Ontology) -> list[dict[str, Any]]:
    seen: dict[tuple[str, str], set[int]] = {}
    for tie in network.ties:
        if ontology.polarity(events[tie.event].type) == side:
            a, b = sorted((tie.source, tie.target))
            seen.setdefault((a, b), set()).add(tie.event)
    order = sorted(seen, key=lambda p: (-len(seen[p]), labels[p[0]], labels[p[1]]))
    return [{"a": a, "b": b, "a_label": labels[a], "b_label": labels[b],
             "events": len(seen[(a, b)])} for a, b in order[:TOP]]


def format_stats(stats: Mapping[str, Any]) -> str:
    """Render `compute_stats` output as a short terminal summary."""
    net = stats["network"]
    lines = [
        f"{stats['articles']} article(s), {stats['actors']} actor(s), {stats['events']} event(s); "
        f"network: {net['nodes']} node(s), {net['ties']} tie(s) (people: {stats['people']})",
    ]
    for measure, title in (("weighted_degree", "most active"), ("betweenness", "brokers")):
        top = ", ".join(f"{r['label']} ({_number(r['value'])})"
                        for r in stats["central"][measure][:5])
        lines.append(f"{title}: {top or '-'}")
    for side, pairs in stats["pairs"].items():
        top = ", ".join(f"{p['a_label']} - {p['b_label']} ({p['events']})" for p in pairs[:5])
        lines.append(f"{side} pairs: {top or '-'}")
    # every type: PLOVER has about twenty, so the line stays readable and hides no count
    types = ", ".join(f"{k} {v}" for k, v in stats["event_types"].items())
    lines.append(f"event types: {types or '-'}")
    lines.append(f"communities: {len(stats['communities'])} with more than one actor")
    months = ", ".join(f"{k} {v}" for k, v in stats["months"].items())
    lines.append(f"events per month: {months or '-'}")
    return "\n".join(lines)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def write_graphml(corpus: Corpus, path: str | os.PathLike[str], *, people: str = "fold",
                  ontology: Ontology | None = None) -> int:
    """Write the actor network as GraphML for Gephi; return the number of nodes written.

    Nodes carry label, type, Wikidata id, event count and community; directed edges carry
    the number of events of each polarity of `ontology` (cooperative, neutral, conflictual)
    and their total as `weight`.
    """
    ontology = resolve_ontology(ontology)
    network = actor_network(corpus, people=people)
    by_id = {a.id: a for a in corpus.actors}
    groups = communities(simple_graph(network))
    community = {n: i for i, group in enumerate(groups) for n in group}
    graph = nx.DiGraph()
    for node, events in network.participation.items():
        actor = by_id[node]
        attrs = {"label": actor.label, "type": actor.type, "events": len(events),
                 "community": community[node], "qid": actor.qid, "country": actor.country}
        graph.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
    counts: dict[tuple[str, str], Counter[str]] = {}
    for tie in network.ties:
        counts.setdefault((tie.source, tie.target), Counter())[
            ontology.polarity(corpus.events[tie.event].type)] += 1
    for (source, target), count in sorted(counts.items()):
        graph.add_edge(source, target, weight=sum(count.values()),
                       **{p.name: count[p.name] for p in ontology.polarities})
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(graph, fh)
    log.info("wrote %d nodes and %d edges to %s", graph.number_of_nodes(),
             graph.number_of_edges(), path)
    return graph.number_of_nodes()

