"""Participants of an event from the dependency parse: who is the actor, who the recipient.

`Participants` maps tokens to the article's local entities (by the mention span covering a
token, or through a proxy noun such as "Türkiye's military"), resolves a pronoun only when
one antecedent is clearly available, and finds subjects through control, coordination,
relative clauses and participles ("Jordan was ready to help Syria" -> Jordan helps).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kg.records import ACTOR_TYPES, PLACE, LocalEntity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.lexicon import Lexicon

log = logging.getLogger(__name__)

SUBJECTS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = ("which", "who", "that", "whom")
MODIFIERS = ("poss", "amod", "nmod", "compound")


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive: a passive subject or auxiliary, or a bare past participle."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.dep_ == "acl" and verb.tag_ == "VBN"


class Participants:
    """Token-to-entity resolution for one parsed article."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[Mention],
        entities: Sequence[LocalEntity],
        lexicon: Lexicon,
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.entities = {e.key: e for e in entities}
        self.key_of: dict[int, str] = {}
        for mention in mentions:
            if mention.entity is None or mention.entity not in self.entities:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for token in span:
                self.key_of.setdefault(token.i, mention.entity)

    # -- single tokens ------------------------------------------------------------------------

    def entity(self, token: Token) -> str | None:
        """The entity key of the mention covering `token`, if any."""
        return self.key_of.get(token.i)

    def is_actor_key(self, key: str) -> bool:
        return self.entities[key].type in ACTOR_TYPES

    def is_place_key(self, key: str) -> bool:
        return self.entities[key].type == PLACE

    def actors(self, token: Token) -> tuple[list[str], str]:
        """Actor keys a noun phrase head refers to (with its conjuncts), and how they were found.

        The second item is "direct", "proxy", "pronoun" or "" (nothing found).
        """
        keys: list[str] = []
        how = ""
        for head in [token, *conjuncts(token)]:
            found, way = self._one(head)
            for key in found:
                if key not in keys:
                    keys.append(key)
            if found and (not how or way != "direct"):
                how = way
        return keys, how

    def _one(self, token: Token) -> tuple[list[str], str]:
        key = self.entity(token)
        if key is not None:
            return ([key] if self.is_actor_key(key) else []), "direct"
        lemma = token.lemma_.lower()
        if token.pos_ == "PRON" and self.lexicon.is_cue("pronoun", lemma):
            found = self.antecedent(token)
            return ([found] if found else []), "pronoun"
        if token.pos_ in ("NOUN", "PROPN") and (
            self.lexicon.is_cue("proxy", lemma) or self.lexicon.noun_triggers(lemma)
        ):
            is_proxy = self.lexicon.is_cue("proxy", lemma)
            found = self._named_person(token) if is_proxy else None
            found = found or self.modifier_actor(token, allow_of=is_proxy)
            if found:
                return [found], "proxy"
        for child in token.children:
            if child.dep_ == "appos":
                key = self.entity(child)
                if key is not None and self.is_actor_key(key):
                    return [key], "direct"
        return [], ""

    def _named_person(self, token: Token) -> str | None:
        """The person a title phrase names: "commander of X forces General Y" -> Y."""
        for inner in token.subtree:
            if inner.pos_ in ("VERB", "AUX") or inner.i == token.i:
                continue
            key = self.entity(inner)
            if key is not None and self.entities[key].type == "Person":
                return key
        return None

    def modifier_actor(self, token: Token, *, allow_of: bool) -> str | None:
        """"Türkiye's military", "Israeli ban", "forces of X", "a source in X" -> X."""
        for child in token.children:
            if child.dep_ in ("poss", "amod", "nmod") or (
                child.dep_ == "compound" and allow_of
            ):
                key = self.entity(child)
                if key is None and child.dep_ == "poss" and child.pos_ == "PRON":
                    key = self.antecedent(child)
                if key is not None and self.is_actor_key(key):
                    return key
            if allow_of and child.dep_ == "prep" and child.lemma_ in ("of", "in", "from"):
                for obj in child.children:
                    key = self.entity(obj) if obj.dep_ == "pobj" else None
                    if key is not None and self.is_actor_key(key):
                        return key
        return None

    def antecedent(self, pronoun: Token) -> str | None:
        """Resolve a pronoun to the subject of its own main clause or of the previous sentence.

        Only a subject that is directly a mention of the right kind (a person for he/she, a
        group for it/they) counts; anything less certain is left unresolved.
        """
        kind = self.lexicon.cue_value("pronoun", pronoun.lower_)
        if kind is None:
            return None
        sent = pronoun.sent
        candidates: list[Token] = []
        if pronoun.dep_ not in SUBJECTS:
            candidates.extend(c for c in sent.root.children if c.dep_ in SUBJECTS)
        if sent.start > 0:
            previous = self.doc[sent.start - 1].sent
            candidates.extend(c for c in previous.root.children if c.dep_ in SUBJECTS)
        for candidate in candidates:
            key = self.entity(candidate)
            if key is None or candidate.i == pronoun.i:
                continue
            is_person = self.entities[key].type == "Person"
            if (kind == "person") == is_person and self.is_actor_key(key):
                return key
            return None
        return None

    def place(self, token: Token) -> str | None:
        """A place key for a location phrase head: a Place entity, or a country used as one."""
        key = self.entity(token)
        if key is None:
            return None
        entity = self.entities[key]
        return key if entity.type in (PLACE, "Country") else None

    def keys_in(self, tokens: Iterable[Token]) -> list[str]:
        """Actor keys mentioned anywhere in `tokens`, in order."""
        keys: list[str] = []
        for token in tokens:
            key = self.entity(token)
            if key is not None and self.is_actor_key(key) and key not in keys:
                keys.append(key)
        return keys


def conjuncts(token: Token) -> list[Token]:
    """Coordinated heads: "Qatar and Jordan" -> [Jordan] for Qatar."""
    found: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        conj = stack.pop(0)
        found.append(conj)
        stack.extend(c for c in conj.children if c.dep_ == "conj")
    return found


def subject_tokens(verb: Token) -> tuple[list[Token], bool]:
    """The logical subject of a verb (or predicative adjective); True when inherited.

    Handles relative clauses ("Türkiye, which backed"), control ("ready to help",
    "pressed him to remove" -> him), coordination ("met X and agreed") and gerund adjuncts
    ("said after meeting"). For a passive verb the subject is the `by` agent.
    """
    if is_passive(verb):
        return [pobj for agent in verb.children if agent.dep_ == "agent"
                for pobj in agent.children if pobj.dep_ == "pobj"], False
    direct = [c for c in verb.children if c.dep_ in SUBJECTS]
    if direct:
        subject = direct[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head], True
        return [subject], False
    return _inherited_subject(verb), True


def _inherited_subject(verb: Token) -> list[Token]:
    head = verb.head
    if head.i == verb.i:
        return []
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return [head]
    if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if verb.dep_ == "xcomp" and objects:
            return objects[:1]
        return subject_tokens(head)[0]
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
        return subject_tokens(head.head)[0] if head.dep_ == "acomp" else [head.head]
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return subject_tokens(head)[0]
    if verb.dep_ in ("advcl", "pcomp") or (verb.dep_ == "pobj" and verb.tag_ == "VBG"):
        governor = head.head if head.dep_ == "prep" else head
        if verb.dep_ == "advcl":
            governor = head
        if governor.pos_ in ("VERB", "AUX"):
            return subject_tokens(governor)[0]
    return []


def object_tokens(verb: Token) -> list[Token]:
    """Direct objects: dobj, dative, the passive subject, the antecedent of a passive
    relative clause, and the subject of an infinitive complement ("allow Russia to")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    if is_passive(verb) and verb.dep_ in ("relcl", "acl"):
        found.append(verb.head)
    for comp in verb.children:
        infinitive = comp.tag_ == "VB" or any(a.dep_ == "aux" for a in comp.children)
        if comp.dep_ in ("ccomp", "xcomp") and infinitive:
            found.extend(c for c in comp.children if c.dep_ == "nsubj")
    return found


def prep_objects(token: Token, preps: Sequence[str]) -> list[Token]:
    """Objects of the prepositions `preps` attached to `token` ("talks with X")."""
    return [
        obj
        for prep in token.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in preps
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]
