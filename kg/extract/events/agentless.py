"""The actor of an agentless passive arrest or sanction, when the story makes it recoverable.

News tells most arrests without a `by` phrase: "X was arrested on Friday, police said",
"X was arrested in a sweep by Italian police", "X was held in a Los Angeles Police jail". The
actor is then the enforcing body the sentence names (a noun listed as `enforcer` in
ontology/cues.tsv, or the entity it stands for), or the reporting source when that source is
such a body or speaks for one. Without one, the state is the implicit actor of an act the
codebook names by a mode (an arrest, a ban, a charge) when the text makes it clear
(`implicit_state`: the country of the place the act is told in, else the country the story is
about), and the event says its actor was inferred, so a user can leave such events out;
otherwise the event is dropped: an unknown arrester is no actor-to-actor event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.events.syntax import prep_objects
from kg.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.events.roles import Participants

#: Event types whose agentless passives are told of state bodies often enough to recover the
#: actor from the enforcing body named nearby: arrests, bans and suspensions...
AGENTLESS_TYPES = ("COERCE", "SANCTION")
#: ... and (type, mode) pairs of the same kind: a legal accusation, the codebook's "charge
#: with a crime" ("X was charged with treason").
AGENTLESS_MODES = (("ACCUSE", "allege"),)
#: (type, mode) of the official acts done to a state's public at large, not to a party the
#: text names: censorship and emergency rule ("social media platforms were suspended in X",
#: "a curfew was declared in X"). Their inferred state needs no named recipient.
PUBLIC_MODES = (("COERCE", "censor"), ("COERCE", "curfew"))


def is_official_act(event_type: str, mode: str | None) -> bool:
    """Whether an agentless passive of this type and mode is an act of a state body."""
    return event_type in AGENTLESS_TYPES or (event_type, mode) in AGENTLESS_MODES


def agentless_actors(verb: Token, parts: Participants, speaker: str | None) -> list[str]:
    """Actor keys for an agentless passive `verb`, or [] when none is recoverable.

    Looked for in order: a `by` phrase on a noun the verb governs ("arrested in a sweep by
    X"), an enforcing body named in the sentence, the reporting source (`speaker`) when it
    is an enforcing body or acts for one.
    """
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            keys: list[str] = []
            for agent in prep_objects(noun, ("by",)):
                keys.extend(k for k in parts.actors(agent)[0] if k not in keys)
            if keys:
                return keys
    for token in verb.sent:
        if token.pos_ not in ("NOUN", "PROPN") or not parts.lexicon.is_cue(
            "enforcer", token.lemma_.lower()
        ):
            continue
        key = parts.entity(token)
        if key is not None and parts.is_actor_key(key):
            return [key]
        found = parts.modifier_actor(token, allow_of=True) or _body_named(parts, token)
        if found is None and token.dep_ == "compound":
            # "a Luxembourg police spokesman": the modifier of the phrase the noun is part of
            found = parts.modifier_actor(token.head, allow_of=True)
        if found is not None:
            return [found]
    if speaker is not None and parts.is_actor_key(speaker):
        for key in (speaker, parts.entities[speaker].affiliation):
            if key is not None and is_enforcer(parts, key):
                return [key]
    return []


def _body_named(parts: Participants, token: Token) -> str | None:
    """"Staunton Police Chief X" -> the article's "Staunton Police Department": the one
    organisation whose name starts with the words that lead up to the enforcing noun."""
    start = token.i
    while start > token.sent.start and token.doc[start - 1].dep_ == "compound" and (
        token.doc[start - 1].pos_ == "PROPN"
    ):
        start -= 1
    if start == token.i:
        return None
    phrase = fold(token.doc[start : token.i + 1].text)
    found = [
        key for key, entity in parts.entities.items()
        if entity.type == "Organization"
        and (fold(entity.label) == phrase or fold(entity.label).startswith(phrase + " "))
    ]  # fmt: skip
    return found[0] if len(found) == 1 else None


def is_enforcer(parts: Participants, key: str) -> bool:
    """Whether an entity is an enforcing body by its name or roles ("Staunton Police
    Department", an actor with the role "police chief")."""
    entity = parts.entities[key]
    if entity.type not in ("Organization", "Country") and not entity.roles:
        return False
    if any(parts.lexicon.is_cue("enforcer", fold(role)) for role in entity.roles):
        return True  # "attorney general", "district attorney"
    words = fold(" ".join((entity.label, *entity.roles))).split()
    return any(
        parts.lexicon.is_cue("enforcer", word) or parts.lexicon.is_cue("enforcer", word.rstrip("s"))
        for word in words
    )


def implicit_state(verb: Token, parts: Participants) -> str | None:
    """The state that did an agentless official act, when the text makes it clear: the
    country of a place the verb is told in ("was arrested in Cairo"), else the country the
    story is about (`EntityIndex.focus`); None otherwise."""
    found = parts.polity_of(prep_objects(verb, ("in", "at")))
    if found:
        return found[0]
    return parts.focus
