"""Definite descriptions that name an actor of the article without naming it.

News refers back to people and states by title: "the judge" after "Judge A. B.", "the
attorney general" after "Attorney General C. D.", "the government" in a story about one
country, "the federal government" announced by that country's prime minister. Each rule here
answers only when the article leaves one candidate; otherwise the phrase stays unresolved
(an unnamed party is no actor-to-actor event).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kg.extract.entities.territory import IMPLIED
from kg.extract.events.syntax import SUBJECTS, conjuncts
from kg.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.events.index import EntityIndex
    from kg.extract.events.lexicon import Lexicon

#: Determiners that make a noun phrase point back at something the story already told.
DEFINITE = ("the", "this", "that", "these", "those")


def is_definite(noun: Token) -> bool:
    """Whether a noun phrase has a definite determiner ("the judge", "this deal")."""
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def titled_person(parts: EntityIndex, noun: Token) -> str | None:
    """"the judge", "the attorney general" -> the one person of the article whose recorded
    roles hold exactly that title; None when no one or several do.

    Only a bare definite title counts: an adjective or possessive ("the Chinese president",
    "its minister") names someone else, and a plural names several people.
    """
    if noun.tag_ in ("NNS", "NNPS") or not is_definite(noun):
        return None
    if any(c.dep_ in ("amod", "poss", "nmod", "appos", "nummod") for c in noun.children):
        return None
    words = [c.lower_ for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    title = " ".join([*words, noun.lower_])
    holders = [
        key for key, entity in parts.entities.items()
        if entity.type == "Person" and title in entity.roles
    ]  # fmt: skip
    return holders[0] if len(holders) == 1 else None


def own_state(parts: EntityIndex, noun: Token) -> str | None:
    """"the (federal) government" with no named owner -> the country the story is about.

    That is the country of whoever reports the clause ("the prime minister of X announced
    that the federal government would ..."), else, for a bare "the government", the
    article's only Country entity.
    """
    if parts.lexicon.cue_value("proxy", noun.lemma_.lower()) != "state":
        return None
    if any(c.dep_ in ("poss", "compound", "nmod", "appos") for c in noun.children) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "in") for c in noun.children
    ):
        return None
    if any(parts.entity(c) is not None for c in noun.children):
        return None
    node = noun
    while node.head.i != node.i:
        node = node.head
        if node.pos_ == "VERB" and parts.lexicon.is_cue("report", node.lemma_.lower()):
            for subject in (c for c in node.children if c.dep_ in SUBJECTS):
                country = _country_of_actor(parts, subject)
                if country is not None:
                    return country
    if any(c.dep_ != "det" for c in noun.children):
        return None  # "the Liberal government" may be another country's
    # the countries the article names (not those its places only imply)
    countries = sorted(k for k in set(parts.countries.values())
                       if not parts.entities[k].basis.endswith(IMPLIED))  # fmt: skip
    return countries[0] if len(countries) == 1 else None


#: Entity types a body people belong to ("the group", "the party") may point back at.
_BODIES = ("Organization", "ArmedGroup")


def described_body(parts: EntityIndex, noun: Token) -> str | None:
    """"the group", "the rights group", "the militia" -> the organisation named last before
    it in the article, or the last one whose name has the noun in it ("the agency" after
    "the Relief and Works Agency ... the Global Alliance"); None when the article names none
    before it.

    Only a singular definite noun of a body people belong to (cue "proxy" value "member")
    with no possessor or "of" phrase that would name the body itself ("the group's leader",
    "the party of X") counts.
    """
    if parts.lexicon.cue_value("proxy", noun.lemma_.lower()) != "member":
        return None
    if noun.tag_ in ("NNS", "NNPS") or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in noun.children
    ):
        return None
    if any(c.dep_ in ("poss", "appos") or (c.dep_ == "prep" and c.lower_ == "of")
           for c in noun.children):  # fmt: skip
        return None
    # not the noun's own modifiers: "the UN agency" is an agency of the UN, not the UN
    bodies = [
        parts.key_of[i] for i in range(noun.left_edge.i - 1, -1, -1)
        if i in parts.key_of and i not in parts.generic
        and parts.entities[parts.key_of[i]].type in _BODIES
    ]  # fmt: skip
    word = fold(noun.lemma_)
    for key in bodies:
        entity = parts.entities[key]
        if any(word in fold(name).split() for name in (entity.label, *entity.aliases)):
            return key
    return bodies[0] if bodies else None


#: Number words a counted description may carry ("the two countries"); "both" counts two.
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2, "2": 2, "3": 3, "4": 4, "5": 5}
#: Entity types each kind of counted noun may point back at (cue "counted" values).
_COUNTED_TYPES = {
    "country": ("Country",),
    "person": ("Person",),
    "actor": ("Country", "Organization", "ArmedGroup"),
}
#: How many sentences before its own a counted description looks back.
_COUNTED_WINDOW = 3


def counted_parties(parts: EntityIndex, noun: Token) -> list[str]:
    """"the two countries", "both sides", "the three leaders" -> the actors they count.

    The noun must be plural, carry a count ("two", "both") and have a cue "counted" saying
    which kind of actor it counts. Its actors are those of the nearest sentence before it (its
    own sentence up to the noun, then up to three sentences back) that names exactly that many
    actors of the kind; a sentence naming more is ambiguous and ends the search, and so does
    naming fewer in every sentence of the window. Without such a sentence: [].
    """
    kind = parts.lexicon.cue_value("counted", noun.lemma_.lower())
    if kind is None or noun.tag_ not in ("NNS", "NNPS") or noun.dep_ in ("appos", "attr"):
        return []  # "Somalia and Yemen, two countries on the Gulf": a description, no reference
    counts = [_COUNTS[c.lower_] for c in noun.children
              if c.dep_ in ("nummod", "det", "predet", "preconj") and c.lower_ in _COUNTS]
    if len(counts) != 1:
        return []
    wanted, types = counts[0], _COUNTED_TYPES[kind]
    sentence = noun.sent
    end = noun.i
    for _ in range(_COUNTED_WINDOW + 1):
        keys: list[str] = []
        for i in range(sentence.start, end):
            key = parts.key_of.get(i)
            if key is None or i in parts.generic or key in keys:
                continue
            entity = parts.entities[key]
            # a country told as a place ("pirates from Somalia") is counted, and is no actor
            if entity.type in types or ("Country" in types and entity.label == entity.country):
                keys.append(key)
        if len(keys) == wanted:
            return keys if all(parts.is_actor_key(k) for k in keys) else []
        if len(keys) > wanted or sentence.start == 0:
            return []
        sentence = noun.doc[sentence.start - 1].sent
        end = sentence.end
    return []


#: How many sentences before its own a country description looks back ("the country").
_POLITY_WINDOW = 2


def described_country(parts: EntityIndex, noun: Token) -> str | None:
    """"the country", "the island", "the kingdom" -> the country the article named last
    before it (its own sentence up to the noun, then two sentences back), else the article's
    focus country; None when neither is known.

    Only a singular noun with the cue "polity", the determiner "the" and no other modifier
    counts: "the Baltic country" or "a country" may be another one.
    """
    if not parts.lexicon.is_cue("polity", noun.lemma_.lower()) or noun.tag_ not in ("NN", "NNP"):
        return None
    if [c.lower_ for c in noun.children if c.dep_ not in ("prep", "punct")] != ["the"]:
        return None
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return None  # "the country of X" names it
    sentence = noun.sent
    start = noun.doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for _ in range(_POLITY_WINDOW - 1):
        start = noun.doc[start - 1].sent.start if start > 0 else start
    # not the doer of what is done to it: "the United States imposed an embargo on the
    # island", "the United States' embargo on the island" (a state would be "itself")
    doers = {parts.key_of.get(d.i) for a in noun.ancestors for c in a.children
             if c.dep_ in ("nsubj", "poss") for d in (c, *conjuncts(c))}  # fmt: skip
    for i in range(noun.i - 1, start - 1, -1):
        key = parts.key_of.get(i)
        if key is not None and parts.entities[key].type == "Country" and key not in doers:
            return key
    return parts.focus


def _country_of_actor(parts: EntityIndex, token: Token) -> str | None:
    key = parts.entity(token)
    if key is None:
        return None
    entity = parts.entities[key]
    if entity.type == "Country":
        return key
    affiliation = entity.affiliation
    if affiliation is not None and parts.entities[affiliation].type == "Country":
        return affiliation
    return parts.country_of(key) if entity.type == "Person" else None


def referred_parties(
    noun: Token,
    lexicon: Lexicon,
    told: Mapping[str, Sequence[str]],
    makers: Mapping[str, Sequence[str]],
    exclude: Sequence[str],
    *,
    judged: bool = False,
) -> list[str]:
    """The party a definite event noun points back at: "refused the demands" -> who made
    the demands told before; "killed the deal" -> the partner of the deal told before.

    `told` maps a trigger lemma to the recipients it was last told with, `makers` an event
    type to the actors of its last event. A type told of two sides together (an agreement)
    points at its other side; any other type at whoever made it. An act `judged`
    ("condemned the attack", "praised the deal") points at whoever did it, whatever its type.
    """
    if not is_definite(noun):
        return []
    lemma = noun.lemma_.lower()
    # only a noun that is an event by itself: "the Syrian opposition" is a group, not the
    # "opposition to X" that is a REJECT
    rows = [row for row in lexicon.noun_triggers(lemma) if row.need is None]
    if not rows:
        return []
    event_type = rows[0].type
    if event_type in lexicon.reciprocal_types and not judged:
        keys = list(told.get(lemma, ()))
    else:
        keys = list(makers.get(event_type, ()))
    return [k for k in keys if k not in exclude]


#: Compass words that, as "the south", "the north", name the article's country whose name starts
#: with them ("South Sudan" after "Sudan and South Sudan"; "the North" for North Korea).
_HALVES = ("north", "south")


def described_half(parts: EntityIndex, noun: Token) -> str | None:
    """"the south", "the North" -> the one Country entity of the article whose label starts
    with that word ("South Sudan", "North Korea"); None when the article names none or two.

    Only a bare singular noun with "the" counts: "the south of the country", "the southern
    town" or "south Lebanon" name a region.
    """
    word = noun.lower_
    # "accused the south of providing arms": a gerund's "of", the parser's attachment of the
    # charge, is no "of" phrase naming a region
    kept = [c.lower_ for c in noun.children
            if not (c.dep_ == "prep" and any(g.dep_ == "pcomp" for g in c.children))]
    if word not in _HALVES or kept != ["the"]:
        return None
    found = {key for label, key in parts.countries.items()
             if fold(label).startswith(f"{word} ")}  # fmt: skip
    return found.pop() if len(found) == 1 else None

