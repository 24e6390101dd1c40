"""Turn a `Corpus` into RDF 1.1 quads: one named graph per article plus a corpus graph.

Model (the terms are declared in ontology/kg.ttl, the shapes in ontology/shapes.ttl):

* corpus graph ``<base>graph/corpus``: actors (``kg:Country`` ... also ``sem:Actor`` and the
  schema.org class, ``owl:sameAs`` Wikidata), places, publishers and events (``kg:Event`` and
  ``sem:Event`` with ``kg:eventType plover:X``, ``kg:actor``/``kg:recipient``, SEM roles,
  ``sem:hasPlace``, ``sem:hasTimeStamp``, ``kg:status``); a located place has its GeoNames
  and Wikidata IRIs (``schema:sameAs``), a WGS84 point (``wgs:lat``/``wgs:long``) and a
  GeoSPARQL geometry (``geo:hasGeometry``/``geo:asWKT``), and its precision
  (``kg:placePrecision``: city, region or country);
* article graph ``<base>graph/<article id>``: the ``schema:NewsArticle``, the actors it mentions,
  and one ``kg:Claim`` per event it tells (status, ``prov:wasAttributedTo`` the source,
  ``prov:wasDerivedFrom`` the article) with ``kg:Evidence`` spans as W3C Web Annotation
  selectors. Replacing or dropping one article graph leaves every other graph intact.

No blank nodes and no RDF-star; every run over the same corpus yields the same quads in the same
order, because records are visited sorted by id.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, cast

import pyoxigraph as ox

from kg.rdf import iris
from kg.rdf.iris import DEFAULT_BASE, PREFIXES
from kg.records import (
    ACTOR_TYPES,
    Actor,
    Article,
    Corpus,
    Event,
    Evidence,
    Location,
    Place,
    participant_sectors,
)
from kg.text import fold

if TYPE_CHECKING:
    import rdflib

__all__ = ["DEFAULT_BASE", "build_dataset", "iter_quads"]

log = logging.getLogger(__name__)


def _ns(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(PREFIXES[prefix] + local)


RDF_TYPE = _ns("rdf", "type")
RDF_VALUE = _ns("rdf", "value")
LABEL = _ns("rdfs", "label")
PREF_LABEL, ALT_LABEL = _ns("skos", "prefLabel"), _ns("skos", "altLabel")
SAME_AS = _ns("owl", "sameAs")
#: Places link to GeoNames and Wikidata with schema:sameAs, not owl:sameAs: a country as a place
#: shares its Wikidata entity with the country as an actor, and owl:sameAs would make a reasoner
#: merge the two (places are not actors).
PLACE_SAME_AS = _ns("schema", "sameAs")
#: GeoNames feature class of each place precision: populated place (P), administrative area (A).
FEATURE_CLASS = {"city": "P", "region": "A", "country": "A"}
XSD_INTEGER, XSD_DECIMAL = _ns("xsd", "integer"), _ns("xsd", "decimal")
XSD_BOOLEAN = _ns("xsd", "boolean")
#: schema.org class of each actor type (the kg: class is a subclass of it in kg.ttl).
SCHEMA_CLASS = {
    "Country": "Country",
    "Organization": "Organization",
    "ArmedGroup": "Organization",
    "Person": "Person",
    "NewsOrganization": "NewsMediaOrganization",
}
_DATE_TYPES = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date"),
    (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth"),
    (re.compile(r"^\d{4}$"), "gYear"),
)


def kg(local: str) -> ox.NamedNode:
    """Return the `kg:` term `local`."""
    return ox.NamedNode(iris.term_iri(local))


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _decimal(value: float, places: int = 4) -> ox.Literal:
    """Round to 4 places so the output does not depend on float noise."""
    text = f"{value:.{places}f}".rstrip("0")
    return ox.Literal(text + "0" if text.endswith(".") else text, datatype=XSD_DECIMAL)


def date_literal(value: str | None) -> ox.Literal | None:
    """Type an ISO date by its precision: xsd:date, xsd:gYearMonth or xsd:gYear (None if not ISO).

    >>> date_literal("2024-12").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    >>> date_literal("December 2024") is None
    True
    """
    if not value:
        return None
    for pattern, datatype in _DATE_TYPES:
        if pattern.match(value):
            return ox.Literal(value, datatype=_ns("xsd", datatype))
    return None


def _iri_or_none(value: str | None) -> ox.NamedNode | None:
    if not value:
        return None
    try:
        return ox.NamedNode(value)
    except ValueError:
        return None


class _Minter:
    """IRIs of the corpus' records, resolved once (actors by QID, places by id or label)."""

    def __init__(self, corpus: Corpus, base: str) -> None:
        self.base = iris.check_base(base)
        self.actors: dict[str, ox.NamedNode] = {}
        taken: set[str] = set()
        for actor in sorted(corpus.actors, key=lambda a: a.id):
            # two actors linked to one QID keep apart: the second falls back to its own id
            iri = iris.actor_iri(base, actor.id, actor.qid)
            if iri in taken:
                iri = iris.actor_iri(base, actor.id)
            taken.add(iri)
            self.actors[actor.id] = ox.NamedNode(iri)
        self.countries = {
            fold(a.label): self.actors[a.id] for a in corpus.actors if a.type == "Country"
        }
        self.news_orgs = {
            fold(a.label): self.actors[a.id] for a in corpus.actors if a.type == "NewsOrganization"
        }
        self.places: dict[str, ox.NamedNode] = {}
        for place in corpus.places:
            node = ox.NamedNode(iris.data_iri(base, "place", place.id))
            self.places.setdefault(place.id, node)
            self.places.setdefault(fold(place.label), node)

    def node(self, kind: str, ident: str) -> ox.NamedNode:
        return ox.NamedNode(iris.data_iri(self.base, kind, ident))

    def derived(self, kind: str, *parts: str) -> ox.NamedNode:
        return ox.NamedNode(iris.derived_iri(self.base, kind, *parts))

    def place(self, ref: str) -> ox.NamedNode:
        """Resolve an event's place (a Place id or label); unknown ones get an IRI of their own."""
        return self.places.get(ref) or self.places.get(fold(ref)) or self.node("place", ref)

    def publisher(self, name: str) -> ox.NamedNode:
        return self.news_orgs.get(fold(name)) or self.node("publisher", name)


def iter_quads(corpus: Corpus, *, base: str = DEFAULT_BASE) -> Iterator[ox.Quad]:
    """Yield the corpus as quads, corpus graph first, then one graph per article (sorted by id).

    >>> from kg.records import Article, Corpus
    >>> corpus = Corpus(articles=(Article("a1", "Hello", "Body.", ()),), actors=(), events=())
    >>> [str(q.predicate) for q in iter_quads(corpus) if q.subject.value.endswith("a1")][:2]
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>']
    """
    mint = _Minter(corpus, base)
    skipped: Counter[str] = Counter()
    corpus_graph = ox.NamedNode(iris.graph_iri(base))
    labels = {a.id: a.label for a in corpus.actors}

    def in_corpus(triples: Iterable[tuple]) -> Iterator[ox.Quad]:
        for s, p, o in triples:
            yield ox.Quad(s, p, o, corpus_graph)

    for actor in sorted(corpus.actors, key=lambda a: a.id):
        yield from in_corpus(_actor_triples(actor, mint, skipped))
    yield from in_corpus(_place_triples(corpus, mint))
    publishers = sorted({a.publisher for a in corpus.articles if a.publisher})
    for name in publishers:
        node = mint.publisher(name)
        if node not in mint.news_orgs.values():
            yield from in_corpus([
                (node, RDF_TYPE, _ns("schema", "NewsMediaOrganization")),
                (node, LABEL, _text(name)),
            ])
    by_article: dict[str, list[Event]] = {}
    for event in sorted(corpus.events, key=lambda e: e.id):
        yield from in_corpus(_event_triples(event, mint, labels, skipped))
        for article_id in sorted(set(event.articles) | {e.article_id for e in event.evidence}):
            by_article.setdefault(article_id, []).append(event)
    mentioned: dict[str, list[str]] = {}
    for actor in corpus.actors:
        for article_id in actor.articles:
            mentioned.setdefault(article_id, []).append(actor.id)
    # articles read from disk (`StoredArticles`, `JsonlRecords`) sort by id without being held
    in_order = getattr(corpus.articles, "sorted_by_id", None)
    for article in in_order() if in_order else sorted(corpus.articles, key=lambda a: a.id):
        graph = ox.NamedNode(iris.graph_iri(base, article.id))
        triples = _article_triples(
            article, mint, sorted(set(mentioned.get(article.id, ()))),
            by_article.get(article.id, ()), skipped,
        )
        for s, p, o in triples:
            yield ox.Quad(s, p, o, graph)
    for reason, count in sorted(skipped.items()):
        log.warning("RDF: %d %s", count, reason)


def _actor_triples(actor: Actor, mint: _Minter, skipped: Counter[str]) -> Iterator[tuple]:
    node = mint.actors[actor.id]
    kind = actor.type if actor.type in ACTOR_TYPES else "Actor"
    yield node, RDF_TYPE, kg(kind)
    if kind != "Actor":
        # materialised so queries and SHACL need no RDFS reasoning over ontology/kg.ttl
        yield node, RDF_TYPE, kg("Actor")
    yield node, RDF_TYPE, _ns("sem", "Actor")
    if kind in SCHEMA_CLASS:
        yield node, RDF_TYPE, _ns("schema", SCHEMA_CLASS[kind])
    yield node, LABEL, _text(actor.label)
    yield node, PREF_LABEL, _text(actor.label)
    for alias in sorted(set(actor.aliases) - {actor.label}):
        yield node, ALT_LABEL, _text(alias)
    if actor.qid and re.match(r"^Q[1-9]\d*$", actor.qid):
        yield node, SAME_AS, ox.NamedNode(iris.wikidata_iri(actor.qid))
    if actor.country:
        yield node, kg("countryName"), _text(actor.country)
        country = mint.countries.get(fold(actor.country))
        if country is not None and country != node:
            yield node, kg("country"), country
    if actor.affiliation:
        if actor.affiliation in mint.actors:
            yield node, kg("affiliation"), mint.actors[actor.affiliation]
        else:
            skipped["actor affiliation(s) name no known actor (left out)"] += 1
    for role in sorted(set(actor.roles)):
        yield node, kg("role"), _text(role)
    yield node, kg("mentionCount"), _integer(actor.mentions)
    if actor.basis:
        yield node, kg("basis"), _text(actor.basis)


def _place_triples(corpus: Corpus, mint: _Minter) -> Iterator[tuple]:
    known: dict[ox.NamedNode, Place | str] = {}
    for declared in sorted(corpus.places, key=lambda p: p.id):
        known.setdefault(mint.place(declared.id), declared)
    for event in corpus.events:
        if event.place:
            known.setdefault(mint.place(event.place), event.place)
    for node in sorted(known, key=lambda n: n.value):
        place = known[node]
        yield node, RDF_TYPE, kg("Place")
        yield node, RDF_TYPE, _ns("schema", "Place")
        yield node, LABEL, _text(place if isinstance(place, str) else place.label)
        if isinstance(place, Place):
            if place.qid and re.match(r"^Q[1-9]\d*$", place.qid):
                yield node, PLACE_SAME_AS, ox.NamedNode(iris.wikidata_iri(place.qid))
            if place.country:
                yield node, kg("countryName"), _text(place.country)
                country = mint.countries.get(fold(place.country))
                if country is not None:
                    yield node, kg("country"), country
            if place.location is not None:
                yield from _location_triples(node, place, place.location, mint)


def _location_triples(
    node: ox.NamedNode, place: Place, location: Location, mint: _Minter
) -> Iterator[tuple]:
    """A located place: GeoNames feature, precision, WGS84 point and GeoSPARQL geometry."""
    yield node, RDF_TYPE, _ns("geo", "Feature")
    yield node, PLACE_SAME_AS, ox.NamedNode(iris.geonames_iri(location.geonames))
    yield node, kg("placePrecision"), _text(location.kind)
    yield node, _ns("gn", "featureClass"), _ns("gn", FEATURE_CLASS[location.kind])
    if location.country_code:
        yield node, _ns("gn", "countryCode"), _text(location.country_code)
    if location.lat is None or location.lon is None:
        return
    lat, lon = _decimal(location.lat, 5), _decimal(location.lon, 5)
    yield node, _ns("wgs", "lat"), lat
    yield node, _ns("wgs", "long"), lon
    geometry = mint.node("geometry", place.id)
    yield node, _ns("geo", "hasGeometry"), geometry
    yield geometry, RDF_TYPE, _ns("geo", "Geometry")
    # WKT puts longitude first (GeoSPARQL's default CRS, CRS84)
    wkt = f"POINT({lon.value} {lat.value})"
    yield geometry, _ns("geo", "asWKT"), ox.Literal(wkt, datatype=_ns("geo", "wktLiteral"))


def _event_triples(
    event: Event, mint: _Minter, labels: dict[str, str], skipped: Counter[str]
) -> Iterator[tuple]:
    node = mint.node("event", event.id)
    concept = ox.NamedNode(iris.plover_iri(event.type))
    yield node, RDF_TYPE, kg("Event")
    yield node, RDF_TYPE, _ns("sem", "Event")
    names = [labels.get(i, i) for i in event.actors], [labels.get(i, i) for i in event.recipients]
    names[0].extend(words for words, _ in event.unnamed_actors)
    names[1].extend(words for words, _ in event.unnamed_recipients)
    label = " ".join(x for x in (", ".join(names[0]), event.type.upper(), ", ".join(names[1])) if x)
    yield node, LABEL, _text(label)
    yield node, kg("eventType"), concept
    yield node, _ns("sem", "eventType"), concept
    yield node, kg("status"), kg(event.status)
    if event.mode:
        yield node, kg("mode"), _text(event.mode)
    yield node, kg("confidence"), _decimal(event.confidence)
    # the sector of a participant the text names by a group noun ("Egyptian police": COP)
    sectors = participant_sectors(event)
    for prop, role_type, ids, sector_of in (
        ("actor", "sourceRole", event.actors, sectors[0]),
        ("recipient", "targetRole", event.recipients, sectors[1]),
    ):
        for actor_id in dict.fromkeys(ids):
            actor = mint.actors.get(actor_id)
            if actor is None:
                skipped[f"event {prop}(s) name no known actor (left out)"] += 1
                continue
            role = mint.derived("role", event.id, prop, actor_id)
            yield node, kg(prop), actor
            yield node, _ns("sem", "hasActor"), role
            yield role, RDF_TYPE, _ns("sem", "Role")
            yield role, RDF_VALUE, actor
            yield role, _ns("sem", "roleType"), kg(role_type)
            if actor_id in sector_of:
                yield role, kg("sector"), _text(sector_of[actor_id])
    unnamed = [(words, sector, "unnamed", "sourceRole") for words, sector in event.unnamed_actors]
    unnamed += [(words, sector, "unnamed-recipient", "targetRole")
                for words, sector in event.unnamed_recipients]
    for words, sector, kind, role_type in unnamed:
        # a doer or the people it is done to named only by a group noun tied to no actor
        # ("gunmen", "protesters"): a source or target role with the words and the sector,
        # and no actor
        role = mint.derived("role", event.id, kind, words)
        yield node, _ns("sem", "hasActor"), role
        yield role, RDF_TYPE, _ns("sem", "Role")
        yield role, RDF_TYPE, kg("UnnamedGroupRole")
        yield role, LABEL, _text(words)
        yield role, _ns("sem", "roleType"), kg(role_type)
        yield role, kg("sector"), _text(sector)
    if event.place:
        yield node, _ns("sem", "hasPlace"), mint.place(event.place)
    stamp = date_literal(event.date)
    if stamp is not None:
        yield node, _ns("sem", "hasTimeStamp"), stamp
        if event.date_precision:
            yield node, kg("datePrecision"), _text(event.date_precision)
    elif event.date:
        skipped["event date(s) not in ISO form (left out)"] += 1


def _article_triples(
    article: Article,
    mint: _Minter,
    actor_ids: list[str],
    events: Iterable[Event],
    skipped: Counter[str],
) -> Iterator[tuple]:
    node = mint.node("article", article.id)
    yield node, RDF_TYPE, _ns("schema", "NewsArticle")
    yield node, RDF_TYPE, _ns("prov", "Entity")
    yield node, _ns("schema", "headline"), _text(article.title)
    yield node, _ns("schema", "articleBody"), _text(article.text)
    published = date_literal(article.date)
    if published is not None:
        yield node, _ns("schema", "datePublished"), published
    if article.publisher:
        yield node, _ns("schema", "publisher"), mint.publisher(article.publisher)
    url = _iri_or_none(article.url)
    if url is not None:
        yield node, _ns("schema", "url"), url
    elif article.url:
        skipped["article URL(s) not valid IRIs (left out)"] += 1
    for path in sorted({s.path for s in article.sources}):
        yield node, kg("sourceFile"), _text(path)
    for actor_id in actor_ids:
        if actor_id in mint.actors:
            yield node, _ns("schema", "mentions"), mint.actors[actor_id]
    for event in events:
        yield from _claim_triples(article, event, mint)


def _claim_triples(article: Article, event: Event, mint: _Minter) -> Iterator[tuple]:
    article_node = mint.node("article", article.id)
    claim = mint.derived("claim", event.id, article.id)
    yield claim, RDF_TYPE, kg("Claim")
    yield claim, RDF_TYPE, _ns("prov", "Entity")
    yield claim, kg("about"), mint.node("event", event.id)
    # how this article tells it: the strongest status among its own sentences
    told = {e.status for e in event.evidence if e.article_id == article.id and e.status}
    status = next((s for s in ("asserted", "reported") if s in told), event.status)
    yield claim, kg("status"), kg(status if told <= {"asserted", "reported"} else event.status)
    yield claim, _ns("prov", "wasDerivedFrom"), article_node
    if event.attributed_to and event.attributed_to in mint.actors:
        yield claim, _ns("prov", "wasAttributedTo"), mint.actors[event.attributed_to]
    if event.source_text:
        yield claim, kg("sourceText"), _text(event.source_text)
    spans = sorted(
        {e for e in event.evidence if e.article_id == article.id},
        key=lambda e: (e.sentence_start, e.trigger_start, e.trigger_end),
    )
    for evidence in spans:
        yield from _evidence_triples(claim, article_node, event, evidence, mint)


def _evidence_triples(
    claim: ox.NamedNode, article: ox.NamedNode, event: Event, evidence: Evidence, mint: _Minter
) -> Iterator[tuple]:
    key = (event.id, evidence.article_id, str(evidence.sentence_start), str(evidence.trigger_start),
           str(evidence.trigger_end), *(("headline",) if evidence.in_title else ()))
    node = mint.derived("evidence", *key)
    yield claim, kg("evidence"), node
    yield node, RDF_TYPE, kg("Evidence")
    yield node, RDF_TYPE, _ns("oa", "SpecificResource")
    yield node, _ns("oa", "hasSource"), article
    yield node, kg("trigger"), _text(evidence.trigger)
    yield node, kg("confidence"), _decimal(evidence.confidence)
    if evidence.in_title:  # the selectors' offsets are in the headline, not the body
        yield node, kg("inHeadline"), ox.Literal("true", datatype=XSD_BOOLEAN)
    if evidence.inferred_actor:  # the sentence names no doer: the state or group is inferred
        yield node, kg("inferredActor"), ox.Literal("true", datatype=XSD_BOOLEAN)
    for words in evidence.resolved_from:  # "It", "the rights group": what the text wrote
        yield node, kg("actorWords"), _text(words)
    for prop, part, start, end, exact in (
        ("sentenceSelector", "sentence", evidence.sentence_start, evidence.sentence_end,
         evidence.sentence),
        ("triggerSelector", "trigger", evidence.trigger_start, evidence.trigger_end,
         evidence.trigger),
    ):
        selector = mint.derived("selector", *key, part)
        yield node, kg(prop), selector
        yield selector, RDF_TYPE, _ns("oa", "TextPositionSelector")
        yield selector, RDF_TYPE, _ns("oa", "TextQuoteSelector")
        yield selector, _ns("oa", "start"), _integer(start)
        yield selector, _ns("oa", "end"), _integer(end)
        yield selector, _ns("oa", "exact"), _text(exact)


def serialize_nquads(quads: Iterable[ox.Quad]) -> bytes:
    """Return quads as N-Quads bytes (pyoxigraph's writer)."""
    # no output given: pyoxigraph returns the bytes (its stub says bytes | None)
    return cast(bytes, ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def build_dataset(corpus: Corpus, *, base: str = DEFAULT_BASE) -> rdflib.Dataset:
    """Return the corpus as an rdflib `Dataset` with readable prefixes (for small corpora).

    For big corpora use `iter_quads` with pyoxigraph (`kg.rdf.store`): rdflib is 5-50x slower.
    """
    import rdflib

    dataset = rdflib.Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, override=True)
    for kind in iris.KINDS:
        dataset.bind(kind, f"{base}{kind}/", override=True)
    graphs: dict[str, rdflib.Graph] = {}
    for quad in iter_quads(corpus, base=base):
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise TypeError(f"{quad}: kg puts every quad in a named graph")
        name = quad.graph_name.value
        if name not in graphs:
            graphs[name] = dataset.graph(rdflib.URIRef(name))
        graphs[name].add((_rdflib_term(quad.subject), _rdflib_term(quad.predicate),
                          _rdflib_term(quad.object)))
    return dataset


def _rdflib_term(
    term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple,
) -> rdflib.term.Identifier:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if not isinstance(term, ox.Literal):
        raise TypeError(f"{term}: kg writes no blank nodes or quoted triples")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == "http://www.w3.org/2001/XMLSchema#string":
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(datatype))
