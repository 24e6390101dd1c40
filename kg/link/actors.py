"""Cross-article actor resolution: local entities of many stories -> corpus actors and places.

Keys: an entity with a Wikidata QID is that QID; otherwise type + folded label. People are
keyed by folded full name and kept apart by affiliation when two stories give the same name
different affiliations; a person known by one name only (a bare surname) never joins another
story's person unless both name the same affiliation, because short-name joining is a
within-story decision (issue #3). Every surface form is kept as an alias.

What the statistical model alone found is voted on across the corpus (issue #15, see
`_Votes`): a name the model labels a place in most of its mentions is a place, one it labels
a product, event or work is no actor, a one-word "organisation" that is mostly a person's
name or a person's surname is that person, and people and clubs told mostly in sport stories
stay out. Every actor says why it is one (`Actor.basis`).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kg.extract.entities.evidence import SPORT, THING_LABELS
from kg.extract.entities.resolve import MODEL, surname_keys
from kg.records import PLACE, Actor, ArticleAnalysis, LocalEntity, Place
from kg.text import fold, slug

log = logging.getLogger(__name__)

Ref = tuple[str, str]  # (article id, local entity key)


@dataclass
class _Cluster:
    """What the members of one corpus actor or place add up to, gathered as they stream by.

    The head (the entity whose label names the cluster) is the first member, in (article id,
    key) order, with the most frequent label, so it does not depend on the order of articles.
    """

    key: tuple[str, ...]
    labels: Counter[str] = field(default_factory=Counter)
    first: dict[str, tuple[Ref, LocalEntity]] = field(default_factory=dict)  # label -> head
    countries: dict[str, tuple[int, Ref]] = field(default_factory=dict)  # count, first ref
    affiliations: Counter[tuple[str, ...]] = field(default_factory=Counter)  # cluster keys
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    mentions: int = 0
    sport: int = 0  # mentions in sport stories
    evidence: Counter[str] = field(default_factory=Counter)  # model labels of its names
    bases: Counter[str] = field(default_factory=Counter)

    def add(self, ref: Ref, entity: LocalEntity, mentions: int,
            affiliation: tuple[str, ...] | None) -> None:
        label = entity.label
        self.labels[label] += 1
        if label not in self.first or ref < self.first[label][0]:
            self.first[label] = (ref, entity)
        if entity.country:
            count, seen = self.countries.get(entity.country, (0, ref))
            self.countries[entity.country] = (count + 1, min(seen, ref))
        if affiliation is not None and affiliation != self.key:
            self.affiliations[affiliation] += 1
        self.aliases.update((label, *entity.aliases))
        self.roles.update(entity.roles)
        self.articles.add(ref[0])
        self.mentions += mentions
        self.sport += mentions if entity.genre == SPORT else 0
        self.evidence.update(dict(entity.labels))
        self.bases[entity.basis] += 1

    def head(self) -> LocalEntity:
        """The most frequent label, then the longest, then the greatest."""
        best = max(self.labels, key=lambda label: (self.labels[label], len(label), label))
        return self.first[best][1]


def link_actors(
    analyses: Sequence[ArticleAnalysis],
    *,
    entities: Iterable[tuple[str, Sequence[LocalEntity]]] | None = None,
    seen: Callable[[ArticleAnalysis], None] | None = None,
) -> tuple[list[Actor], list[Place], dict[Ref, str]]:
    """Merge the local entities of per-article analyses into `Actor`s and `Place`s.

    Two passes, and no entity is held between articles (issue #7): the first learns which
    affiliations each person's name comes with, from `entities` ((article id, its local
    entities), by default taken from `analyses`); the second reads `analyses` (a list, or a
    stream read back from the cache) and adds every entity to its cluster's totals. `seen`
    is called with each analysis of the second pass. Returns actors and places sorted by id,
    and the map (article id, local key) -> id.
    """
    if entities is None:
        entities = ((a.article_id, a.entities) for a in analyses)
    known: dict[str, set[tuple[str, ...]]] = defaultdict(set)  # person name -> affiliations
    votes = _Votes()
    for _, told in entities:
        votes.add(told)
        base = {e.key: _base_key(e) for e in told}
        for entity in told:
            affiliation = _affiliation_key(entity, base)
            if entity.type == "Person" and affiliation is not None:
                known[fold(entity.label)].add(affiliation)
    clusters: dict[tuple[str, ...], _Cluster] = {}
    links: dict[Ref, Any] = {}  # to the cluster key, then (in place) to the id
    for analysis in analyses:
        if seen is not None:
            seen(analysis)
        article_id = analysis.article_id
        judged = [votes.judge(e) for e in analysis.entities]
        kept = [e for e in judged if e is not None]
        base = {e.key: _base_key(e) for e in kept}
        keys = {e.key: _cluster_key(e, article_id, base, known) for e in kept}
        counts = Counter(m.entity for m in analysis.mentions if m.entity is not None)
        for entity in kept:
            key = keys[entity.key]
            cluster = clusters.get(key) or clusters.setdefault(key, _Cluster(key))
            links[(article_id, entity.key)] = cluster.key
            cluster.add((article_id, entity.key), entity, counts[entity.key],
                        keys.get(entity.affiliation or ""))
    sport = {key for key, cluster in clusters.items() if _sport(cluster)}
    if sport or votes.dropped:
        log.info("actors: %d left out as sport, %d names as things (products, events, works)",
                 len(sport), votes.dropped)
    clusters = {key: cluster for key, cluster in clusters.items() if key not in sport}
    ids = _assign_ids(clusters)
    links = {ref: ids[key] for ref, key in links.items() if key in ids}
    actors: list[Actor] = []
    places: list[Place] = []
    for key, cluster in clusters.items():
        if cluster.head().type == PLACE:
            places.append(_place(ids[key], cluster))
        else:
            actors.append(_actor(ids[key], cluster, ids))
    return sorted(actors, key=lambda a: a.id), sorted(places, key=lambda p: p.id), links


def political_actors(actors: Iterable[Actor]) -> set[str]:
    """The ids of the actors that can act in the political graph.

    States, organisations and armed groups, and people who act for one (an affiliation), hold
    an office (a role) or are in the field's actor dictionaries (leaders and officials the
    dictionaries list, "Vladimir Putin", whatever the story calls them). A private person
    alone does not make an event: the event-data field codes acts of identified political
    actors, not crime between private persons or a celebrity's day (`ANNOTATION.md`). News
    outlets report, they do not act.

    >>> political_actors([Actor("a", "Ruritania", "Country"), Actor("b", "Jo Bloggs", "Person"),
    ...                   Actor("c", "Ann Lee", "Person", roles=("mayor",)),
    ...                   Actor("d", "The Daily", "NewsOrganization"),
    ...                   Actor("e", "Boris Ivanov", "Person", basis="dictionary:Leaders")]
    ...                  ) == {"a", "c", "e"}
    True
    """
    return {
        a.id for a in actors
        if a.type in ("Country", "Organization", "ArmedGroup")
        or (a.type == "Person" and (a.affiliation or a.roles or _listed(a)))
    }  # fmt: skip


def _listed(actor: Actor) -> bool:
    """Whether an actor is in the field's actor dictionaries (its basis says so)."""
    return actor.basis.startswith("dictionary:")


def state_side_actors(actors: Iterable[Actor]) -> set[str]:
    """The ids of the actors an unnamed group's act must reach to be an event: states and
    armed groups, and organisations or people that act for a state ("gunmen attacked a
    village" is no political event; "protesters marched against the government" is).

    >>> sorted(state_side_actors([
    ...     Actor("a", "Ruritania", "Country"), Actor("b", "Acme", "Organization"),
    ...     Actor("c", "Ann Lee", "Person", roles=("mayor",), affiliation="a")]))
    ['a', 'c']
    """
    kinds = {a.id: a.type for a in actors}
    return {
        a.id for a in actors
        if a.type in ("Country", "ArmedGroup")
        or (a.type in ("Organization", "Person") and kinds.get(a.affiliation or "") == "Country")
        or (a.type == "Person" and _listed(a))  # the dictionaries' leaders and officials
    }  # fmt: skip


def _base_key(entity: LocalEntity) -> tuple[str, ...]:
    # a country told only as a location is a place in that story: keep it out of the actor
    # that shares its QID (issue #3)
    if entity.type == PLACE:
        return (PLACE, fold(entity.label), fold(entity.country or ""))
    if entity.qid:
        return ("qid", entity.qid)
    return (entity.type, fold(entity.label))


def _affiliation_key(
    entity: LocalEntity, base: dict[str, tuple[str, ...]]
) -> tuple[str, ...] | None:
    """The base key of the entity (of the same article) that `entity` acts for."""
    return base.get(entity.affiliation) if entity.affiliation is not None else None


def _cluster_key(
    entity: LocalEntity, article_id: str, base: dict[str, tuple[str, ...]],
    known: dict[str, set[tuple[str, ...]]],
) -> tuple[str, ...]:
    """Split same-name people by affiliation; keep single-name people within their story."""
    if entity.type != "Person":
        return base[entity.key]
    name = fold(entity.label)
    affiliations = sorted(known.get(name, ()))
    single = len(name.split()) == 1
    aff = _affiliation_key(entity, base)
    if aff is None and len(affiliations) == 1 and not single:
        aff = affiliations[0]  # one story omits the affiliation another gives
    if aff is None and (single or len(affiliations) > 1):
        return ("Person", name, "story", article_id)
    if len(affiliations) > 1 or single:
        return ("Person", name, *(aff or ()))
    return ("Person", name)


def _assign_ids(clusters: dict[tuple[str, ...], _Cluster]) -> dict[tuple[str, ...], str]:
    """QID when known, else a slug of type + label (+ affiliation or story when needed)."""
    ids: dict[tuple[str, ...], str] = {}
    taken: Counter[str] = Counter()
    for key in sorted(clusters):
        cluster = clusters[key]
        first = cluster.head()
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


def _actor(actor_id: str, cluster: _Cluster, ids: dict[tuple[str, ...], str]) -> Actor:
    head = cluster.head()
    affiliations: Counter[str] = Counter()
    for key, count in cluster.affiliations.items():
        if key in ids:  # not left out as sport
            affiliations[ids[key]] += count  # its own cluster was never counted
    countries = cluster.countries
    country = min(countries, key=lambda c: (-countries[c][0], countries[c][1]), default=None)
    return Actor(
        id=actor_id,
        label=head.label,
        type=head.type,
        qid=head.qid,
        country=country,
        affiliation=min(affiliations, key=lambda a: (-affiliations[a], a))
        if affiliations
        else None,
        aliases=tuple(sorted(cluster.aliases - {head.label})),
        roles=tuple(sorted(cluster.roles)),
        mentions=cluster.mentions,
        articles=tuple(sorted(cluster.articles)),
        basis=_basis(cluster),
    )


def _place(place_id: str, cluster: _Cluster) -> Place:
    head = cluster.head()
    return Place(id=place_id, label=head.label, qid=head.qid, country=head.country)


#: The model label that supports each actor type, for `Actor.basis`.
SUPPORT = {"Person": "PERSON", "Country": "GPE", "Organization": "ORG", "ArmedGroup": "ORG",
           "NewsOrganization": "ORG"}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


class _Votes:
    """The labels the model gives each name across the corpus, and people's surnames.

    Read in the first pass; `judge` then re-types or drops an entity the model alone found
    (its basis is "model") by the majority of its name's labels in every article.
    """

    def __init__(self) -> None:
        self.labels: dict[str, Counter[str]] = defaultdict(Counter)
        self.surnames: Counter[str] = Counter()  # folded surname -> PERSON mentions
        self.dropped = 0

    def add(self, entities: Iterable[LocalEntity]) -> None:
        """Count the labels of one article's entities by name."""
        for entity in entities:
            self.labels[fold(entity.label)].update(dict(entity.labels))
            if entity.type == "Person" and len(entity.label.split()) >= 2:
                told = dict(entity.labels).get("PERSON", 0)
                for key in surname_keys(entity.label, frozenset()):
                    self.surnames[key] += told

    def judge(self, entity: LocalEntity) -> LocalEntity | None:
        """The entity as the corpus's votes type it, or None when it names no actor.

        Only what the model alone found (basis "model") is judged, by the labels its name
        has in every article: a product's, event's or work's name is no actor; a place's name
        is a place unless it is as often a person's name or surname; a one-word organisation
        whose name is a person's surname in the corpus, and more often a person's name than an
        organisation's, is a person, and so is a place whose name is more often a surname.
        People with an office keep their type.
        """
        if not entity.basis.startswith(MODEL) or entity.qid or entity.roles:
            return entity
        name = fold(entity.label)
        votes = self.labels[name]
        total = sum(votes.values())
        places = sum(votes[label] for label in PLACE_LABELS)
        people = votes["PERSON"] + self.surnames[name]
        if entity.type == PLACE:
            surname = self.surnames[name]  # the model's PERSON on a place name is too noisy
            if entity.country is None and surname > places:
                return replace(entity, type="Person", basis=f"{MODEL}; rule:a person's surname"
                               f" in {surname} mentions, a place in {places}")
            return entity
        if entity.type not in ("Organization", "Person") or not total:
            return entity
        if 2 * sum(votes[label] for label in THING_LABELS) > total:
            self.dropped += 1
            return None
        if 2 * places > total and places > people:
            return replace(entity, type=PLACE,
                           basis=f"{MODEL}; rule:a place in {places} of {total} mentions")
        if (
            entity.type == "Organization"
            and " " not in name
            and not entity.label.isupper()  # "SAG": an acronym is no one's name
            and self.surnames[name]  # the model's PERSON on a company alone is too noisy
            and people > votes["ORG"]
        ):
            return replace(entity, type="Person", basis=f"{MODEL}; rule:{_PERSON_RULE}"
                           f" in {people} mentions, an organisation in {votes['ORG']}")
        return entity


_PERSON_RULE = "a person's name or surname"


def _sport(cluster: _Cluster) -> bool:
    """People and organisations the model alone found, told mostly in sport stories."""
    head = cluster.head()
    return (
        head.type in ("Person", "Organization")
        and head.basis.startswith(MODEL)
        and 2 * cluster.sport > cluster.mentions
    )


def _basis(cluster: _Cluster) -> str:
    """Why the cluster is an actor: its reference file, or its model labels (and rule)."""
    basis = max(cluster.bases, key=lambda b: (cluster.bases[b], b))
    if not basis.startswith(MODEL):
        return basis
    head = cluster.head()
    label = SUPPORT.get(head.type, "ORG")
    evidence = cluster.evidence
    counted = f"model:{label} {evidence[label]}/{sum(evidence.values())}"
    return counted + basis[len(MODEL):]
