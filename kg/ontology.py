"""The ontology folder, read once: the kg: and plover: namespaces and the PLOVER event types.

`load_ontology` parses ``kg.ttl`` (the kg: terms, among them the polarities and their colours)
and ``plover.ttl`` (the PLOVER types: label, modes, recipient prepositions, flags, polarity,
colour and legend order) and returns a frozen `Ontology`. The namespaces are the ones the
files' ``@prefix`` lines declare, so no stage spells them out. Stages get the `Ontology` passed
in; nothing here runs at import time.

Example::

    ontology = load_ontology(Path("ontology"))
    ontology.event_type("ASSAULT").color        # '#67001f'
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, overload

from kg.errors import OntologyError, UnknownTermError

if TYPE_CHECKING:
    import rdflib

log = logging.getLogger(__name__)

KG_FILE = "kg.ttl"
PLOVER_FILE = "plover.ttl"
#: The polarity of an event type the ontology does not declare (kg.ttl says so of kg:neutral).
NEUTRAL = "neutral"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_OWL = "http://www.w3.org/2002/07/owl#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"


@dataclass(frozen=True, slots=True)
class Polarity:
    """One kg:Polarity individual of kg.ttl: its local name, label and legend colour."""

    name: str  # local name under kg:, e.g. "cooperative"; what records and stats.json say
    label: str
    color: str


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER type (a top concept of plover.ttl) and what the code needs to know of it."""

    code: str  # local name under plover:, e.g. "AGREE"; what `Event.type` holds
    label: str
    polarity: str  # a `Polarity.name`
    color: str
    modes: tuple[str, ...]  # kg:eventMode of its narrower concepts, sorted
    recipient_prepositions: tuple[str, ...]  # sorted
    recipient_optional: bool
    reciprocal: bool
    #: with no named recipient, its events are done to the state where they happen
    place_state_target: bool = False
    #: (words, sector) of the unnamed group that does its events told by a noun with no doer
    implied_doer: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Ontology:
    """The parsed ontology folder; `types` are in legend order (plover:legendOrder)."""

    folder: Path
    kg_ns: str
    plover_ns: str
    polarities: tuple[Polarity, ...]  # in the order of kg:Polarity's owl:oneOf list
    types: tuple[EventType, ...]
    trigger_table: str  # file names next to plover.ttl (kg:triggerTable, kg:cueTable)
    cue_table: str
    #: generated trigger rows read after the hand-written ones (kg:generatedTriggerTable), if any
    generated_trigger_table: str | None = None
    #: phrases of text no event is coded from (kg:discardTable), if any
    discard_table: str | None = None
    #: the learned event-type model used next to the trigger rules (kg:typeModel), if any
    type_model: str | None = None
    #: words rated from negative to positive, read off what a verb of naming calls its object
    #: (kg:judgmentTable), if any
    judgment_table: str | None = None

    def event_type(self, code: str) -> EventType:
        """Return the PLOVER type `code`; raise `UnknownTermError` if plover.ttl lacks it."""
        for event_type in self.types:
            if event_type.code == code:
                return event_type
        raise UnknownTermError(
            f"event type {code!r} is not a top concept of {self.folder / PLOVER_FILE}; "
            f"use one of {', '.join(t.code for t in self.types)}"
        )

    def polarity(self, code: str) -> str:
        """Say whether a type is cooperative, neutral or conflictual (neutral if undeclared)."""
        for event_type in self.types:
            if event_type.code == code:
                return event_type.polarity
        return NEUTRAL

    def polarity_colors(self) -> dict[str, str]:
        """Legend colour of each polarity, in kg.ttl's order."""
        return {p.name: p.color for p in self.polarities}


def load_ontology(folder: Path) -> Ontology:
    """Parse kg.ttl and plover.ttl in `folder`.

    Raises `OntologyError` with a one-line message naming the file when the folder or a file
    is missing, does not parse, or lacks something the code needs (a type without a polarity,
    colour or place in the legend order, a missing namespace prefix).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise OntologyError(
            f"{folder}: ontology folder not found; pass the folder that holds {KG_FILE} and "
            f"{PLOVER_FILE} (the checkout's ontology/ by default)"
        )
    kg_path, plover_path = folder / KG_FILE, folder / PLOVER_FILE
    kg_graph = _parse(kg_path, "kg ontology")
    plover_graph = _parse(plover_path, "PLOVER scheme")
    kg_ns = _prefix(kg_graph, kg_path, "kg")
    plover_ns = _prefix(plover_graph, plover_path, "plover")
    if _prefix(plover_graph, plover_path, "kg") != kg_ns:
        raise OntologyError(
            f"{plover_path}: @prefix kg: differs from the one in {KG_FILE} ({kg_ns}); "
            "make them the same"
        )
    polarities = _polarities(kg_graph, kg_path, kg_ns)
    types = _types(plover_graph, plover_path, kg_ns, plover_ns, {p.name for p in polarities})
    tables = [_table(plover_graph, plover_path, kg_ns, plover_ns, n)
              for n in ("triggerTable", "cueTable")]
    generated = _table(plover_graph, plover_path, kg_ns, plover_ns, "generatedTriggerTable",
                       required=False)
    discards = _table(plover_graph, plover_path, kg_ns, plover_ns, "discardTable", required=False)
    model = _table(plover_graph, plover_path, kg_ns, plover_ns, "typeModel", required=False)
    judgments = _table(plover_graph, plover_path, kg_ns, plover_ns, "judgmentTable",
                       required=False)
    log.debug("ontology %s: %d event types", folder, len(types))
    return Ontology(folder, kg_ns, plover_ns, polarities, types, tables[0], tables[1], generated,
                    discards, model, judgments)


@functools.cache
def cached_ontology(folder: Path) -> Ontology:
    """Return `load_ontology(folder)`, parsed once per folder and process.

    Only for callers that are not handed an `Ontology` (the views when the CLI calls them
    without one); everything else should get it passed in.
    """
    return load_ontology(folder)


def _parse(path: Path, what: str) -> rdflib.Graph:
    import rdflib

    if not path.is_file():
        raise OntologyError(f"{path}: {what} not found; pass the kg ontology folder")
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib raises several unrelated types for bad Turtle
        message = " ".join(str(err).split())
        raise OntologyError(f"{path}: cannot parse Turtle ({message}); fix the syntax") from err
    return graph


def _prefix(graph: rdflib.Graph, path: Path, prefix: str) -> str:
    for name, namespace in graph.namespaces():
        if name == prefix:
            return str(namespace)
    raise OntologyError(f"{path}: no @prefix {prefix}: line; declare the {prefix}: namespace")


def _polarities(graph: rdflib.Graph, path: Path, kg_ns: str) -> tuple[Polarity, ...]:
    import rdflib
    from rdflib.collection import Collection

    head = graph.value(rdflib.URIRef(kg_ns + "Polarity"), rdflib.URIRef(_OWL + "oneOf"))
    if head is None:
        raise OntologyError(f"{path}: kg:Polarity has no owl:oneOf list; list the polarities")
    polarities = []
    for member in Collection(graph, head):
        name = str(member).removeprefix(kg_ns)
        label = graph.value(member, rdflib.URIRef(_RDFS + "label"))
        color = graph.value(member, rdflib.URIRef(kg_ns + "color"))
        if label is None or color is None:
            raise OntologyError(
                f"{path}: polarity kg:{name} needs an rdfs:label and a kg:color; add them"
            )
        polarities.append(Polarity(name, str(label), str(color)))
    if NEUTRAL not in {p.name for p in polarities}:
        raise OntologyError(
            f"{path}: kg:Polarity lists no kg:{NEUTRAL}, the polarity of undeclared types; add it"
        )
    return tuple(polarities)


def _types(graph: rdflib.Graph, path: Path, kg_ns: str, plover_ns: str,
           polarities: set[str]) -> tuple[EventType, ...]:
    import rdflib
    from rdflib.collection import Collection

    kg = rdflib.Namespace(kg_ns)
    skos = rdflib.Namespace(_SKOS)
    concepts = set(graph.subjects(skos.topConceptOf, rdflib.URIRef(plover_ns)))
    if not concepts:
        raise OntologyError(f"{path}: no skos:topConceptOf plover: concepts; is this plover.ttl?")
    head = graph.value(rdflib.URIRef(plover_ns + "legendOrder"), skos.memberList)
    order = list(Collection(graph, head)) if head is not None else []
    unordered = sorted(str(c).removeprefix(plover_ns) for c in concepts - set(order))
    if unordered:
        raise OntologyError(
            f"{path}: plover:{', plover:'.join(unordered)} missing from the skos:memberList "
            "of plover:legendOrder; add each type there"
        )
    types = []
    for concept in order:
        if concept not in concepts:
            continue  # a list member that is no type is harmless: nothing to show
        code = str(concept).removeprefix(plover_ns)
        label = graph.value(concept, skos.prefLabel)
        polarity = graph.value(concept, kg.polarity)
        color = graph.value(concept, kg.color)
        name = str(polarity).removeprefix(kg_ns) if polarity is not None else ""
        if label is None or name not in polarities or color is None:
            raise OntologyError(
                f"{path}: plover:{code} needs a skos:prefLabel, a kg:polarity (one of kg:"
                f"{', kg:'.join(sorted(polarities))}) and a kg:color; add them"
            )
        modes = sorted({str(m) for narrower in graph.objects(concept, skos.narrower)
                        for m in graph.objects(narrower, kg.eventMode)})
        types.append(EventType(
            code=code,
            label=str(label),
            polarity=name,
            color=str(color),
            modes=tuple(modes),
            recipient_prepositions=tuple(sorted(
                str(p) for p in graph.objects(concept, kg.recipientPreposition))),
            recipient_optional=graph.value(concept, kg.recipientOptional) == rdflib.Literal(True),
            reciprocal=graph.value(concept, kg.reciprocal) == rdflib.Literal(True),
            place_state_target=graph.value(concept, kg.placeStateTarget) == rdflib.Literal(True),
            implied_doer=_implied_doer(graph, concept, kg),
        ))
    return tuple(types)


def _implied_doer(
    graph: rdflib.Graph, concept: rdflib.term.Node, kg: rdflib.Namespace
) -> tuple[str, str] | None:
    """The (words, sector) of a type's kg:impliedDoer, or None when it has none."""
    words = graph.value(concept, kg.impliedDoer)
    if words is None:
        return None
    return str(words), str(graph.value(concept, kg.impliedDoerSector) or "")


@overload
def _table(graph: rdflib.Graph, path: Path, kg_ns: str, plover_ns: str, name: str) -> str: ...
@overload
def _table(graph: rdflib.Graph, path: Path, kg_ns: str, plover_ns: str, name: str, *,
           required: bool) -> str | None: ...
def _table(graph: rdflib.Graph, path: Path, kg_ns: str, plover_ns: str, name: str, *,
           required: bool = True) -> str | None:
    import rdflib

    value = graph.value(rdflib.URIRef(plover_ns), rdflib.URIRef(kg_ns + name))
    if value is None and required:
        raise OntologyError(f"{path}: the scheme has no kg:{name}; name the table file")
    return None if value is None else str(value)
