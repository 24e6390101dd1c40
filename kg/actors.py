"""Cross-article actor resolution: local entities of many stories -> corpus actors and places.

Keys: an entity with a Wikidata QID is that QID; otherwise type + folded label. People are
keyed by folded full name and kept apart by affiliation when two stories give the same name
different affiliations; a person known by one name only (a bare surname) never joins another
story's person unless both name the same affiliation, because short-name joining is a
within-story decision (issue #3). Every surface form is kept as an alias.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.records import PLACE, Actor, ArticleAnalysis, LocalEntity, Place
from kg.text import fold, slug

log = logging.getLogger(__name__)

Ref = tuple[str, str]  # (article id, local entity key)


@dataclass
class _Cluster:
    key: tuple[str, ...]
    members: list[Ref] = field(default_factory=list)
    entities: list[LocalEntity] = field(default_factory=list)


def link_actors(
    analyses: Iterable[ArticleAnalysis],
) -> tuple[list[Actor], list[Place], dict[Ref, str]]:
    """Merge the local entities of per-article analyses into `Actor`s and `Place`s.

    `analyses` is iterated once. Returns actors and places sorted by id, and the map
    (article id, local key) -> id.
    """
    local: dict[Ref, LocalEntity] = {}
    mention_counts: Counter[Ref] = Counter()
    for analysis in analyses:
        for entity in analysis.entities:
            local[(analysis.article_id, entity.key)] = entity
        for mention in analysis.mentions:
            if mention.entity is not None:
                mention_counts[(analysis.article_id, mention.entity)] += 1
    base_key = {ref: _base_key(entity) for ref, entity in local.items()}
    key_of = _person_keys(local, base_key)
    clusters: dict[tuple[str, ...], _Cluster] = {}
    for ref in sorted(local):
        key = key_of.get(ref, base_key[ref])
        cluster = clusters.setdefault(key, _Cluster(key))
        cluster.members.append(ref)
        cluster.entities.append(local[ref])
    ids = _assign_ids(clusters)
    links = {ref: ids[key] for key, c in clusters.items() for ref in c.members}
    actors: list[Actor] = []
    places: list[Place] = []
    for key, cluster in clusters.items():
        if cluster.entities[0].type == PLACE:
            places.append(_place(ids[key], cluster))
        else:
            actors.append(_actor(ids[key], cluster, links, mention_counts))
    return sorted(actors, key=lambda a: a.id), sorted(places, key=lambda p: p.id), links


def _base_key(entity: LocalEntity) -> tuple[str, ...]:
    # a country told only as a location is a place in that story: keep it out of the actor
    # that shares its QID (issue #3)
    if entity.type == PLACE:
        return (PLACE, fold(entity.label), fold(entity.country or ""))
    if entity.qid:
        return ("qid", entity.qid)
    return (entity.type, fold(entity.label))


def _person_keys(
    local: dict[Ref, LocalEntity], base_key: dict[Ref, tuple[str, ...]]
) -> dict[Ref, tuple[str, ...]]:
    """Split same-name people by affiliation; keep single-name people within their story."""
    by_name: dict[str, list[Ref]] = defaultdict(list)
    for ref, entity in local.items():
        if entity.type == "Person":
            by_name[fold(entity.label)].append(ref)
    keys: dict[Ref, tuple[str, ...]] = {}
    for name, refs in by_name.items():
        affiliation = {ref: _affiliation_key(ref, local, base_key) for ref in refs}
        known = sorted({a for a in affiliation.values() if a is not None})
        single = len(name.split()) == 1
        for ref in refs:
            aff = affiliation[ref]
            if aff is None and len(known) == 1 and not single:
                aff = known[0]  # one story omits the affiliation another gives
            if aff is None and (single or len(known) > 1):
                keys[ref] = ("Person", name, "story", ref[0])
            elif len(known) > 1 or single:
                keys[ref] = ("Person", name, *(aff or ()))
            else:
                keys[ref] = ("Person", name)
    return keys


def _affiliation_key(
    ref: Ref, local: dict[Ref, LocalEntity], base_key: dict[Ref, tuple[str, ...]]
) -> tuple[str, ...] | None:
    entity = local[ref]
    if entity.affiliation is None:
        return None
    target = (ref[0], entity.affiliation)
    return base_key.get(target)


def _assign_ids(clusters: dict[tuple[str, ...], _Cluster]) -> dict[tuple[str, ...], str]:
    """QID when known, else a slug of type + label (+ affiliation or story when needed)."""
    ids: dict[tuple[str, ...], str] = {}
    taken: Counter[str] = Counter()
    for key in sorted(clusters):
        cluster = clusters[key]
        first = _label_entity(cluster)
        if key[0] == "qid":
            ids[key] = key[1]
            continue
        parts = [first.type, first.label]
        if first.type == PLACE and first.country:
            parts.append(first.country)
        if len(key) > 2 and key[0] == "Person":
            parts.extend(k for k in key[2:] if k not in ("qid", "story"))
        candidate = slug(" ".join(parts))
        taken[candidate] += 1
        ids[key] = candidate if taken[candidate] == 1 else f"{candidate}-{taken[candidate]}"
    return ids


def _label_entity(cluster: _Cluster) -> LocalEntity:
    """The entity whose label names the cluster: the most frequent, then the longest."""
    counts = Counter(e.label for e in cluster.entities)
    best = max(counts, key=lambda label: (counts[label], len(label), label))
    return next(e for e in cluster.entities if e.label == best)


def _actor(
    actor_id: str, cluster: _Cluster, links: dict[Ref, str], mention_counts: Counter[Ref]
) -> Actor:
    head = _label_entity(cluster)
    affiliations = Counter(
        links[(ref[0], e.affiliation)]
        for ref, e in zip(cluster.members, cluster.entities, strict=True)
        if e.affiliation is not None
        and (ref[0], e.affiliation) in links
        and links[(ref[0], e.affiliation)] != actor_id
    )
    countries = Counter(e.country for e in cluster.entities if e.country)
    aliases = {a for e in cluster.entities for a in (e.label, *e.aliases)} - {head.label}
    return Actor(
        id=actor_id,
        label=head.label,
        type=head.type,
        qid=head.qid,
        country=countries.most_common(1)[0][0] if countries else None,
        affiliation=min(affiliations, key=lambda a: (-affiliations[a], a))
        if affiliations
        else None,
        aliases=tuple(sorted(aliases)),
        roles=tuple(sorted({r for e in cluster.entities for r in e.roles})),
        mentions=sum(mention_counts[ref] for ref in cluster.members),
        articles=tuple(sorted({ref[0] for ref in cluster.members})),
    )


def _place(place_id: str, cluster: _Cluster) -> Place:
    head = _label_entity(cluster)
    return Place(id=place_id, label=head.label, qid=head.qid, country=head.country)
