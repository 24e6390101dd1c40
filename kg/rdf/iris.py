"""The only code that mints IRIs.

Every data IRI has the shape ``<base><kind>/<segment>``: one flat folder per kind and a segment
with no ``/`` or ``#``. That keeps one namespace per kind, so Turtle writers can abbreviate them
all with a handful of prefixes and never fall into rdflib's quadratic case, where one IRI is the
namespace of many others (``event/123`` next to ``event/123/p0``; see NOTES.md). Segments come
from `kg.text.slug`, so they are lower-case ASCII; ids that are not already in that form get a
short hash of the original appended, so two distinct ids never share an IRI.

Vocabulary namespaces live here too, so IRIs for terms and data come from one module.
"""

from __future__ import annotations

import re

from kg.errors import ConfigError
from kg.text import slug, stable_hash

#: Default base IRI of data (actors, events, articles...); configurable with ``--base``.
DEFAULT_BASE = "https://w3id.org/kg-news/id/"
#: The ``kg:`` ontology namespace (classes and properties of ontology/kg.ttl).
KG = "https://w3id.org/kg-news/ontology#"
#: The PLOVER event-type concept scheme (ontology/plover.ttl): ``plover:AGREE``...
PLOVER = "https://w3id.org/kg-news/plover/"
WIKIDATA = "http://www.wikidata.org/entity/"
#: GeoNames feature IRIs ("https://sws.geonames.org/170654/" is Damascus).
GEONAMES = "https://sws.geonames.org/"

#: Prefixes written in Turtle/TriG output and offered to SPARQL queries.
PREFIXES: dict[str, str] = {
    "kg": KG,
    "plover": PLOVER,
    "schema": "http://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "wd": WIKIDATA,
    # places: W3C WGS84 points, OGC GeoSPARQL geometries, the GeoNames ontology
    "wgs": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "geo": "http://www.opengis.net/ont/geosparql#",
    "gn": "http://www.geonames.org/ontology#",
}

#: The kinds of data IRI minted under the base, one flat namespace each.
KINDS = (
    "actor", "article", "event", "place", "claim", "evidence", "selector", "role",
    "publisher", "graph", "geometry",
)
_QID = re.compile(r"^Q[1-9][0-9]*$")
_SEGMENT = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: The named graph that holds corpus-level descriptions (actors, places, events, publishers).
CORPUS_GRAPH = "corpus"


def check_base(base: str) -> str:
    """Return `base` if it can prefix data IRIs, else raise `ConfigError` saying how to fix it.

    >>> check_base("https://example.org/id/")
    'https://example.org/id/'
    >>> check_base("example.org")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.errors.ConfigError: base IRI 'example.org' must be absolute (http:// or https://) and end ...
    """
    if not re.match(r"^https?://[^\s<>\"{}|\\^`]+[/#]$", base):
        raise ConfigError(
            f"base IRI {base!r} must be absolute (http:// or https://) and end with '/' or '#',"
            " e.g. 'https://example.org/id/'"
        )
    return base


def segment(ident: str) -> str:
    """Turn any record id into an IRI path segment: kept when already a slug, else slug + hash.

    >>> segment("9f2c1a0b")
    '9f2c1a0b'
    >>> segment("Jane Doe")
    'jane-doe-01332c87'
    >>> segment("Q159")
    'q159-a048e2f9'
    """
    if _SEGMENT.match(ident):
        return ident
    return f"{slug(ident, max_length=60)}-{stable_hash(ident, 8)}"


def data_iri(base: str, kind: str, ident: str) -> str:
    """Return the IRI of a `kind` of thing with record id `ident`.

    >>> data_iri(DEFAULT_BASE, "article", "0af3")
    'https://w3id.org/kg-news/id/article/0af3'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; use one of {', '.join(KINDS)}")
    return f"{base}{kind}/{segment(ident)}"


def actor_iri(base: str, actor_id: str, qid: str | None = None) -> str:
    """Return an actor's IRI: by Wikidata QID when it has one, else by its id.

    >>> actor_iri(DEFAULT_BASE, "russia", "Q159")
    'https://w3id.org/kg-news/id/actor/Q159'
    >>> actor_iri(DEFAULT_BASE, "hamas")
    'https://w3id.org/kg-news/id/actor/hamas'
    """
    if qid and _QID.match(qid):
        return f"{base}actor/{qid}"
    return data_iri(base, "actor", actor_id)


def derived_iri(base: str, kind: str, *parts: str) -> str:
    """Return the IRI of a thing identified by several ids (a claim: event + article).

    Fixed-length hashes keep these IRIs from being prefixes of one another.

    >>> derived_iri(DEFAULT_BASE, "claim", "e1", "a1")
    'https://w3id.org/kg-news/id/claim/8321b4eb27abd16d'
    """
    if kind not in KINDS:
        raise ValueError(f"unknown IRI kind {kind!r}; use one of {', '.join(KINDS)}")
    return f"{base}{kind}/{stable_hash(chr(31).join(parts))}"


def graph_iri(base: str, article_id: str | None = None) -> str:
    """Return the named graph of one article, or of the corpus-level descriptions when None.

    >>> graph_iri(DEFAULT_BASE, "0af3")
    'https://w3id.org/kg-news/id/graph/0af3'
    >>> graph_iri(DEFAULT_BASE)
    'https://w3id.org/kg-news/id/graph/corpus'
    """
    return data_iri(base, "graph", CORPUS_GRAPH if article_id is None else article_id)


def base_of(corpus_graph: str) -> str | None:
    """Recover the data base IRI from the name of a corpus graph (None for any other name).

    >>> base_of("https://example.org/id/graph/corpus")
    'https://example.org/id/'
    >>> base_of("https://example.org/id/graph/0af3") is None
    True
    """
    suffix = f"graph/{CORPUS_GRAPH}"
    return corpus_graph[: -len(suffix)] if corpus_graph.endswith(suffix) else None


def wikidata_iri(qid: str) -> str:
    """Return the Wikidata entity IRI of a QID.

    >>> wikidata_iri("Q159")
    'http://www.wikidata.org/entity/Q159'
    """
    if not _QID.match(qid):
        raise ValueError(f"{qid!r} is not a Wikidata QID (expected Q followed by digits)")
    return f"{WIKIDATA}{qid}"


def geonames_iri(geonames_id: int) -> str:
    """Return the GeoNames feature IRI of a GeoNames id.

    >>> geonames_iri(170654)
    'https://sws.geonames.org/170654/'
    """
    if geonames_id <= 0:
        raise ValueError(f"{geonames_id!r} is not a GeoNames id (a positive integer)")
    return f"{GEONAMES}{geonames_id}/"


def plover_iri(event_type: str) -> str:
    """Return the PLOVER concept IRI of an event type.

    >>> plover_iri("consult")
    'https://w3id.org/kg-news/plover/CONSULT'
    """
    code = re.sub(r"[^A-Z0-9_]", "_", event_type.strip().upper())
    return f"{PLOVER}{code}"


def term_iri(local: str) -> str:
    """Return an ontology term IRI.

    >>> term_iri("Claim")
    'https://w3id.org/kg-news/ontology#Claim'
    """
    return f"{KG}{local}"
