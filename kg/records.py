"""Plain, frozen records passed between the stages of the pipeline.

No spaCy or rdflib object ever lives inside a record: stages that need neither library can be
tested with hand-made records, per-article results can be cached as JSON, and Dask workers can
ship them between processes.

Offsets are character positions in `Article.text` (NFC-normalised), half-open ``[start, end)``
to match spaCy's ``Span.start_char``/``Span.end_char``.

Flow::

    RawDocument --prepare--> Article --analyse (spaCy)--> ArticleAnalysis
        (Mention, LocalEntity, EventMention per article)
    [ArticleAnalysis...] --link--> Actor, Event (corpus level, with Evidence)
"""

from __future__ import annotations

import copy
import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

#: Actor types used in records, JSONL and the ontology (``kg:<Type>`` classes).
ACTOR_TYPES = ("Country", "Organization", "ArmedGroup", "Person", "NewsOrganization")
#: A local entity of this type is a location, never an actor.
PLACE = "Place"
#: Event statuses: how the story knows the event.
STATUSES = ("asserted", "reported", "denied", "intended")
#: Label of a mention that names its actor by a group noun ("Egyptian demonstrators", issue #15).
GENERIC = "GENERIC"
#: CAMEO sectors of armed forces (police, military, rebels, militias and gunmen, spies): their
#: withdrawal is a RETREAT (issue #14).
ARMED_SECTORS = ("COP", "MIL", "REB", "UAF", "SPY")
#: The armed forces of war (troops, rebels, militants and gunmen): their force is news though
#: the text names no party it is used on ("gunmen killed ten employees", issue #15); police
#: force without a public party is law enforcement in a crime story ("police arrested a man").
WAR_SECTORS = ("MIL", "REB", "UAF")


def has_sector(sector: str, codes: Iterable[str]) -> bool:
    """Whether a sector code, which may join several three-letter codes ("CVLOPP"), has one
    of `codes`."""
    wanted = frozenset(codes)
    return any(sector[i : i + 3] in wanted for i in range(0, len(sector), 3))


def is_war_force(sector: str) -> bool:
    """Whether a sector code has a force of war's (`WAR_SECTORS`)."""
    return has_sector(sector, WAR_SECTORS)


#: Precision of a date string: "2024-12-23" day, "2024-12" month, "2024" year.
PRECISIONS = ("day", "month", "year")
#: Precision of a place: the kind of GeoNames feature it is located as (ontology/places.tsv).
PLACE_KINDS = ("city", "region", "country")


@dataclass(frozen=True, slots=True)
class SourceSpan:
    """Where an article's text was found: a file and a character span in its decoded text."""

    path: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One unit of input before cleaning and splitting: a text/HTML file or one JSONL/CSV record.

    `text` is decoded and NFC-normalised. `offset` is where `text` starts in the decoded file
    (0 for a whole file); `record` is the 1-based line or row number for JSONL/CSV input.
    Metadata fields are filled when the input states them (JSONL/CSV columns, HTML meta).
    """

    path: str
    text: str
    offset: int = 0
    record: int | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    #: Length in the decoded file of the record `text` was extracted from, when `text` is not a
    #: verbatim slice of the file (HTML, JSON, CSV); articles from it then span the whole record.
    extent: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One cleaned news story. `id` is a stable hash of the normalised body."""

    id: str
    title: str
    text: str
    sources: tuple[SourceSpan, ...]
    publisher: str | None = None
    date: str | None = None
    date_precision: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class StoryCopy:
    """One copy of a story before de-duplication, with whether its title was found in the input.

    What each input document split into is kept in the build cache as these, so a grown corpus
    splits only its new documents.
    """

    article: Article
    title_found: bool = True


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity span in one article.

    `label` is the entity type as recognised (spaCy label such as "GPE", or a gazetteer label).
    `entity` is the key of the `LocalEntity` it resolves to within the article, or None when it
    was recognised but not kept (a date, a number, an unresolvable span). A GENERIC mention is a
    group noun standing for the country or organisation it is tied to; `sector` is its CAMEO
    sector code ("COP" for "Egyptian police", "CVLOPP" for "protesters in Athens").
    """

    start: int
    end: int
    text: str
    label: str
    entity: str | None = None
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class LocalEntity:
    """An actor or place as resolved within one article (before cross-article linking).

    `key` is unique within the article ("e0", "e1", ...). `type` is one of ACTOR_TYPES or
    PLACE. `affiliation` is the key of another LocalEntity this one acts for (a person's country
    or organisation); `country` is the label of the country it belongs to, when known.
    `basis` says why it is an actor or place (``gazetteer:countries.json``, ``model``, ``model;
    rule:...``);
    `labels` counts the spaCy labels the article gives its names (the evidence of a ``model``
    basis, voted on across the corpus); `genre` is "sport" when the article is a sport story.
    """

    key: str
    label: str
    type: str
    qid: str | None = None
    country: str | None = None
    affiliation: str | None = None
    roles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    basis: str = ""
    labels: tuple[tuple[str, int], ...] = ()
    genre: str = ""


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one sentence of one article tells it.

    `actors`, `recipients`, `attributed_to` and `place` are LocalEntity keys of the same article.
    `source_text` keeps an unnamed claim source ("sources", "a military source").
    `generic_actors` and `recipient_sectors` pair a participant key with the CAMEO sector of the
    group noun the sentence names it by ("Egyptian police" -> (Egypt's key, "COP")).
    `unnamed_actors` are doers named only by a group noun tied to no actor ("gunmen",
    "protesters in Athens"), as (words, sector): the event is kept when it has a named
    recipient, and its `actors` may then be empty (issue #15). `unnamed_recipients` are the
    people it is done to when the text names them only by such a group noun and names no
    recipient ("police detained protesters": "protesters", CVLOPP). An event told by the headline
    has `in_title` set: its sentence and trigger offsets are in `Article.title`.
    """

    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    status: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    confidence: float
    mode: str | None = None
    attributed_to: str | None = None
    source_text: str | None = None
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    generic_actors: tuple[tuple[str, str], ...] = ()
    recipient_sectors: tuple[tuple[str, str], ...] = ()
    unnamed_actors: tuple[tuple[str, str], ...] = ()
    unnamed_recipients: tuple[tuple[str, str], ...] = ()
    in_title: bool = False
    #: the text names no doer: the actor is the state, inferred for an agentless official act
    #: ("X was banned"), or the unnamed group a nominal act implies ("the protests": protesters)
    inferred_actor: bool = False
    #: the words, as written, of a doer resolved from a pronoun or a description ("It", "the
    #: rights group"): `actors` holds what they were resolved to
    resolved_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything the NLP stage found in one article: the unit that is cached and shipped."""

    article_id: str
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    entities: tuple[LocalEntity, ...]
    events: tuple[EventMention, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    """A corpus-level actor: every LocalEntity that links to it, merged.

    `basis` says why it is an actor: ``gazetteer:<file>``, ``dictionary:<file>``, or
    ``model:<spaCy label> <n>/<m>`` (the label given to its name, as written in full, in n of m
    such mentions across the corpus), with ``; rule:<what>`` when a rule decided its type
    (issue #15).
    """

    id: str
    label: str
    type: str
    qid: str | None = None
    country: str | None = None
    affiliation: str | None = None  # Actor id this actor acts for
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: int = 0
    articles: tuple[str, ...] = ()
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an event is told: article, sentence and trigger offsets in `Article.text`.

    `generic_actors` and `recipient_sectors` pair an Actor id with the sector of the group noun
    this sentence names it by ("Egyptian police": Egypt, "COP"). With `in_title` the sentence is
    the headline and the offsets are in `Article.title`.
    """

    article_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    confidence: float
    generic_actors: tuple[tuple[str, str], ...] = ()
    recipient_sectors: tuple[tuple[str, str], ...] = ()
    in_title: bool = False
    #: the status this sentence tells the event with (an event merges asserted and reported
    #: tellings, `Event.status` being the strongest); None on records made before it was kept
    status: str | None = None
    #: the sentence names no doer: the state was inferred for an agentless official act, or
    #: the unnamed group a nominal act implies (`EventMention.inferred_actor`)
    inferred_actor: bool = False
    #: the doer's words as written when resolved from a pronoun or description ("It")
    resolved_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    """A corpus-level event: event mentions that agree on type, participants and time, merged.

    `actors`, `recipients` and `attributed_to` are Actor ids; `place` is a Place id, and
    `location` that place's location (copied so events.jsonl says where without a join).
    `unnamed_actors` are the (words, sector) of a doer named only by an unnamed group ("gunmen",
    "UAF"); `actors` is then empty. `unnamed_recipients` are those of the people it is done to
    when no recipient is named ("protesters", "CVLOPP").
    """

    id: str
    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    status: str
    evidence: tuple[Evidence, ...]
    articles: tuple[str, ...]
    confidence: float
    mode: str | None = None
    attributed_to: str | None = None
    source_text: str | None = None
    date: str | None = None
    date_precision: str | None = None
    place: str | None = None
    location: Location | None = None
    unnamed_actors: tuple[tuple[str, str], ...] = ()
    unnamed_recipients: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a place is: its GeoNames feature, how precise it is and a point on the map.

    `kind` is one of PLACE_KINDS; `country_code` is ISO 3166-1 alpha-2; `lat`/`lon` are WGS84
    degrees, None when the extract gives no point (a US state).
    """

    geonames: int
    kind: str
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A corpus-level place (kept apart from actors), located when the place table knows it."""

    id: str
    label: str
    qid: str | None = None
    country: str | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class MergeDecision:
    """Whether one event mention was merged into a corpus event, or kept apart from one.

    The mention is told in `article_id` at `trigger_start` (in the title when `in_title`);
    `event_id` is the event it went to; for a refusal, `other_event_id` is the event it was not
    merged with and `reason` says why ("places differ (Cairo / Doha)").
    """

    event_id: str
    article_id: str
    trigger_start: int
    in_title: bool
    status: str
    merged: bool
    reason: str
    other_event_id: str | None = None


@dataclass(frozen=True, slots=True)
class Corpus:
    """The result of a build: what `kg.build()` returns and what the exporters read."""

    #: a tuple, or (after a build with an output folder) `StoredArticles` read from its cache
    articles: Sequence[Article]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    places: tuple[Place, ...] = ()
    #: a tuple, or (after a build with an output folder) a stream read from its cache
    analyses: Sequence[ArticleAnalysis] = field(default=(), repr=False, compare=False)
    #: (article id, local entity key) -> Actor or Place id
    links: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, hash=False)
    #: what event merging merged and refused (not kept in an output folder)
    merges: tuple[MergeDecision, ...] = field(default=(), repr=False, compare=False)


def participant_sectors(event: Event) -> tuple[dict[str, str], dict[str, str]]:
    """(actor id -> sector, recipient id -> sector) over the event's evidence: the CAMEO sector
    of the group noun by which a sentence names a participant ("Egyptian police": COP).

    >>> ev = Evidence("a", "s", 0, 1, "t", 0, 1, 0.5, generic_actors=(("eg", "COP"),))
    >>> participant_sectors(Event("e", "COERCE", ("eg",), (), "asserted", (ev,), ("a",), 0.5))
    ({'eg': 'COP'}, {})
    """
    return ({a: s for e in event.evidence for a, s in e.generic_actors},
            {a: s for e in event.evidence for a, s in e.recipient_sectors})


# -- JSON round trip -------------------------------------------------------------------------

R = TypeVar("R")


def to_dict(record: Any) -> dict[str, Any]:
    """Turn a record into JSON-ready data (tuples become lists).

    Same result as `dataclasses.asdict`, about three times faster: field names are looked up
    once per class and plain values are not deep-copied (issue #7).

    >>> to_dict(SourceSpan("a.txt", 0, 5))
    {'path': 'a.txt', 'start': 0, 'end': 5}
    >>> a = Article("x", "T", "b", (SourceSpan("a", 0, 1),))
    >>> to_dict(a) == dataclasses.asdict(a)
    True
    """
    return {name: _plain(getattr(record, name)) for name in _field_names(type(record))}


_ATOMIC = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` for one value, with fast paths for the types records hold."""
    kind = type(value)
    if kind in _ATOMIC:
        return value
    if kind is tuple or kind is list:
        return kind(_plain(v) for v in value)
    if hasattr(kind, "__dataclass_fields__"):
        return to_dict(value)
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return kind(*[_plain(v) for v in value])
    if isinstance(value, (list, tuple)):
        return kind(_plain(v) for v in value)
    if isinstance(value, dict):
        return kind((_plain(k), _plain(v)) for k, v in value.items())
    return copy.deepcopy(value)


def from_dict(cls: type[R], data: dict[str, Any]) -> R:
    """Rebuild a record from `to_dict` output, restoring nested records and tuples.

    >>> from_dict(Article, {"id": "x", "title": "T", "text": "b",
    ...                     "sources": [{"path": "a", "start": 0, "end": 1}]}).sources
    (SourceSpan(path='a', start=0, end=1),)
    """
    return cls(**{name: convert(data[name]) for name, convert in _converters(cls) if name in data})


_CONVERTERS: dict[type[Any], tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def _converters(cls: type[Any]) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    # built once per class from its type hints: resolving the hints and walking them for
    # every value dominated reading a cached build back (issue #7)
    found = _CONVERTERS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _CONVERTERS[cls] = tuple(
            (f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))
    return found


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Callable[[Any], Any]:
    """A function turning JSON data into a value of type `hint` (None stays None)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            if item is _same:
                return lambda value: None if value is None else tuple(value)
            return lambda value: None if value is None else tuple(
                None if v is None else item(v) for v in value
            )
        items = [_converter(a) for a in args]
        return lambda value: None if value is None else tuple(
            None if v is None else convert(v) for convert, v in zip(items, value, strict=True)
        )
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record: type[Any] = hint
        return lambda value: from_dict(record, value) if isinstance(value, dict) else value
    return _same
