"""Countries a story implies by its places: "strikes on Khan Younis" are done to Palestine even
when the story never names Palestine (issue #15: a territory or its people for the polity).

A place's country comes from the gazetteer or the GeoNames place table
(`Gazetteer.place_countries`). For each such country the story does not name as an actor, an
implied Country entity is offered to the event coder, which reaches it only through a place
(`EntityIndex.country_of`); `analyse_doc` keeps those that an event names and drops the rest,
so a country no event needs is no actor of the story.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.resolve import entry_basis
from kg.records import PLACE, EventMention, LocalEntity

#: The end of an implied country's basis: "gazetteer:countries.json; rule:implied-by-place".
IMPLIED = "; rule:implied-by-place"


def implied_countries(
    entities: Sequence[LocalEntity], gazetteer: Gazetteer
) -> list[LocalEntity]:
    """Country entities for the countries of the story's places that it does not name as a
    country, with keys after the story's own ("e7", ...)."""
    named = {e.label for e in entities if e.type == "Country"}
    used = {e.key for e in entities}
    found: list[LocalEntity] = []
    number = len(entities)
    for entity in entities:
        country = entity.country
        if entity.type != PLACE or country is None or country in named:
            continue
        match = gazetteer.lookup(country)
        if match is None or match[0].type != "Country" or match[0].label != country:
            continue
        while f"e{number}" in used:
            number += 1
        key = f"e{number}"
        used.add(key)
        named.add(country)
        found.append(LocalEntity(key, country, "Country", qid=match[0].qid, country=country,
                                 basis=entry_basis(match[0].id) + IMPLIED))  # fmt: skip
    return found


def needed(implied: Sequence[LocalEntity], events: Iterable[EventMention]) -> list[LocalEntity]:
    """The implied countries some event names as a participant."""
    keys = {k for e in events for k in (*e.actors, *e.recipients)}
    return [e for e in implied if e.key in keys]
