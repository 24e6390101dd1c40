"""Which local entity each token of one parsed article names: the lookup every event pass shares.

Below `kg.extract.events.roles` (which adds the parse-walking rules for actors and recipients)
and `kg.extract.events.reference` (definite descriptions), so both read the same record and
neither imports the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.entities.agents import clear_leader
from kg.records import ACTOR_TYPES, GENERIC, PLACE, LocalEntity, Mention
from kg.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.events.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """Token-to-entity lookup for one parsed article, built once and only read afterwards."""

    lexicon: Lexicon
    #: entity key -> the article's local entity
    entities: Mapping[str, LocalEntity]
    #: token index -> key of the first mention covering that token
    key_of: Mapping[int, str]
    #: folded surname -> the one person of the article it names
    surnames: Mapping[str, str]
    #: country label -> the key of the article's Country entity with that label
    countries: Mapping[str, str]
    #: token index -> sector of the group noun mention covering it ("police": "COP"; None for
    #: a statement noun such as "report"): the token stands for its tied actor (issue #15)
    generic: Mapping[int, str | None]
    #: token index -> (words, sector) of an unnamed group covering it ("gunmen": UAF): a
    #: group noun tied to no actor, which can still name an event's doer (issue #15)
    unnamed: Mapping[int, tuple[str, str]]
    #: the key of the Country entity the article names most (at least twice, and twice as often
    #: as any other), or None when no country is clearly its focus
    focus: str | None
    #: person key -> the organisation or armed group the article makes theirs by a possessive
    #: ("Ruiz's Liberation Front"): what "Ruiz's group" names later
    bodies: Mapping[str, str]

    def entity(self, token: Token) -> str | None:
        """The entity key of the mention covering `token`, if any.

        A capitalised word outside every mention that is the surname of exactly one person
        of the article ("Smith" after "John Smith") stands for that person: the entity stage
        misses many repeated surnames at the start of a sentence.
        """
        key = self.key_of.get(token.i)
        if key is not None:
            return key
        # a covered token whose mention resolved to nothing ("Blackmore" tagged NORP) may
        # still be a known surname
        if token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper():
            return self.surnames.get(fold(token.text))
        return None

    def country_of(self, key: str) -> str | None:
        """The article's Country entity a place or a person belongs to, if it has one."""
        country = self.entities[key].country
        found = self.countries.get(country) if country else None
        return found if found != key else None

    def polity(self, key: str) -> str | None:
        """The Country entity a place or country key stands for: itself, or its country."""
        return key if self.entities[key].type == "Country" else self.country_of(key)

    def is_actor_key(self, key: str) -> bool:
        """Whether the entity can act (a person, organisation, country...), not a place."""
        return self.entities[key].type in ACTOR_TYPES

    def is_place_key(self, key: str) -> bool:
        """Whether the entity is a place."""
        return self.entities[key].type == PLACE

    def place(self, token: Token) -> str | None:
        """A place key for a location phrase head: a Place entity, or a country used as one."""
        key = self.entity(token)
        if key is None or token.i in self.generic:
            return None  # "in police custody" is no place
        entity = self.entities[key]
        return key if entity.type in (PLACE, "Country") else None


def build_index(
    doc: Doc, mentions: Sequence[Mention], entities: Sequence[LocalEntity], lexicon: Lexicon
) -> EntityIndex:
    """Index the tokens of `doc` covered by mentions of `entities` (the first mention wins, a
    name before a group phrase)."""
    by_key = {e.key: e for e in entities}
    key_of: dict[int, str] = {}
    generic: dict[int, str | None] = {}
    unnamed: dict[int, tuple[str, str]] = {}
    # names before group phrases: "12 Somali and 11 Yemeni nationals", a group phrase of
    # Somalia, keeps "Yemeni" for Yemen
    for mention in sorted(mentions, key=lambda m: m.label == GENERIC):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        if mention.entity is None and mention.label == GENERIC and mention.sector:
            unnamed.update((t.i, (mention.text, mention.sector)) for t in span)
        if mention.entity is None or mention.entity not in by_key:
            continue
        for token in span:
            if token.i not in key_of:
                key_of[token.i] = mention.entity
                if mention.label == GENERIC:
                    generic[token.i] = mention.sector
    countries = {e.label: e.key for e in entities if e.type == "Country"}
    return EntityIndex(
        lexicon, by_key, key_of, _surnames(entities), countries, generic, unnamed,
        _focus(mentions, by_key), _bodies(doc, key_of, generic, by_key),
    )


def _bodies(
    doc: Doc, key_of: Mapping[int, str], generic: Mapping[int, str | None],
    entities: Mapping[str, LocalEntity],
) -> dict[str, str]:
    """Person key -> the organisation or armed group named with the person's possessive
    ("Ruiz's Liberation Front"); the first one wins."""
    found: dict[str, str] = {}
    for i in sorted(key_of):  # only the tokens of mentions, in document order
        person = key_of[i]
        if entities[person].type != "Person" or person in found or doc[i].dep_ != "poss":
            continue
        token = doc[i]
        body = key_of.get(token.head.i)
        if body is not None and token.head.i not in generic and entities[body].type in (
            "Organization", "ArmedGroup"
        ):
            found[person] = body
    return found


def _focus(mentions: Sequence[Mention], entities: Mapping[str, LocalEntity]) -> str | None:
    """The Country entity an article names most, when that is clear (see `EntityIndex.focus`).

    >>> es = {k: LocalEntity(k, n, "Country") for k, n in (("e0", "Peru"), ("e1", "Chile"))}
    >>> peru, chile = Mention(0, 4, "Peru", "GPE", "e0"), Mention(9, 14, "Chile", "GPE", "e1")
    >>> _focus([peru, peru, chile], es), _focus([peru, chile], es)
    ('e0', None)
    """
    counts: Counter[str] = Counter()
    for mention in mentions:
        entity = entities.get(mention.entity or "")
        if entity is not None and entity.type == "Country" and mention.label != GENERIC:
            counts[entity.key] += 1
    return clear_leader(counts)


def _surnames(entities: Sequence[LocalEntity]) -> dict[str, str]:
    """Folded last names of the people of an article, each naming exactly one person.

    >>> _surnames([LocalEntity("e0", "Ana al-Ruiz", "Person"), LocalEntity("e1", "Ruiz", "Place")])
    {'al-ruiz': 'e0', 'ruiz': 'e0'}
    """
    found: dict[str, set[str]] = {}
    for entity in entities:
        if entity.type != "Person":
            continue
        for name in (entity.label, *entity.aliases):
            words = name.split()
            if len(words) < 2:
                continue
            last = words[-1]
            forms = [fold(last)]
            prefix, dash, rest = last.partition("-")
            if dash and prefix.islower() and rest:
                forms.append(fold(rest))  # "al-Rashid" is also "Rashid"
            for form in forms:
                found.setdefault(form, set()).add(entity.key)
    return {form: next(iter(keys)) for form, keys in found.items() if len(keys) == 1}
