"""Participants of an event from the dependency parse: who is the actor, who the recipient.

`Participants` maps tokens to the article's local entities (by the mention span covering a
token, or through a proxy noun such as "Türkiye's military"), resolves a pronoun only when
one antecedent is clearly available, and finds subjects through control, coordination,
relative clauses and participles ("Jordan was ready to help Syria" -> Jordan helps).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.entities.component import doc_text
from kg.extract.events.index import EntityIndex, build_index
from kg.extract.events.reference import (
    counted_parties,
    described_body,
    described_country,
    described_half,
    own_state,
    titled_person,
)
from kg.extract.events.syntax import (
    QUOTE_MARK,
    SUBJECTS,
    conjuncts,
    hyphen_agent,
    prep_objects,
    quote_spans,
    subject_tokens,
)
from kg.records import LocalEntity, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.events.lexicon import Lexicon

log = logging.getLogger(__name__)

#: Prepositions whose coordinated objects a group noun also stands for ("troops from X and Y").
_GROUP_PREPS = ("of", "from", "for", "in")
MODIFIERS = ("poss", "amod", "nmod", "compound")
#: Phrases inside a title phrase that do not name its holder ("X's government" is not X).
_NOT_NAMING = ("agent", "relcl", "acl", "poss")


def _quoted_apart(pronoun: Token, subjects: Sequence[Token]) -> bool:
    """Whether a quotation mark stands between a pronoun and the subjects of a verb above it:
    the pronoun is in a quote that verb reports, and a third person there is someone else."""
    doc = pronoun.doc
    for subject in subjects:
        low, high = sorted((pronoun.i, subject.i))
        if any(QUOTE_MARK.fullmatch(t.text) for t in doc[low + 1 : high]):
            return True
    return False


#: The dependencies of a clause's subject a pronoun may point back at: its doer's, and the
#: subject of a passive ("X was arrested after he attacked Y").
_TOPICS = ("nsubj", "csubj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class Participants(EntityIndex):
    """Token-to-entity resolution for one parsed article: the index plus the rules that walk
    the parse (proxies, pronouns, titles). Built once per article and only read afterwards."""

    doc: Doc
    #: character spans of the article's quotations (`quote_spans`)
    quotes: tuple[tuple[int, int], ...] = ()

    @classmethod
    def build(
        cls,
        doc: Doc,
        mentions: Sequence[Mention],
        entities: Sequence[LocalEntity],
        lexicon: Lexicon,
    ) -> Participants:
        """Index the mentions of `doc` and keep the parse for the rules that walk it."""
        index = build_index(doc, mentions, entities, lexicon)
        return cls(
            index.lexicon,
            index.entities,
            index.key_of,
            index.surnames,
            index.countries,
            index.generic,
            index.unnamed,
            index.focus,
            index.bodies,
            doc,
            tuple(quote_spans(doc_text(doc))),
        )

    def quote_reporter(self, token: Token) -> Token | None:
        """The reporting verb that frames the quotation holding `token`: one outside the
        quotes in the sentence that holds the quote's start or end, the nearest to its end
        ('"He shot one man," said the spokesman'); None outside quotes or with no such verb."""
        position = token.idx
        span = next((s for s in self.quotes if s[0] <= position < s[1]), None)
        if span is None:
            return None
        doc = self.doc
        sentences = {token.sent.start}
        for char in (span[0], span[1] - 1):
            found = doc.char_span(char, char + 1, alignment_mode="expand")
            if found is not None:
                sentences.add(found[0].sent.start)
        best: Token | None = None
        for start in sorted(sentences):
            for candidate in doc[start].sent:
                inside = any(s[0] <= candidate.idx < s[1] for s in self.quotes)
                if (
                    not inside
                    and candidate.pos_ == "VERB"
                    and self.lexicon.is_cue("report", candidate.lemma_.lower())
                    and (best is None or abs(candidate.idx - span[1]) < abs(best.idx - span[1]))
                ):
                    best = candidate
        return best

    # -- noun phrases -------------------------------------------------------------------------

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

    def targets(self, token: Token) -> list[str]:
        """Recipient keys of a phrase: actors, the country of a named place ("visited
        Moscow", "strikes on Kharkiv") when the article names that country, or the owner of
        a thing ("invest in X's energy sector", "a ban on its operations")."""
        keys: list[str] = []
        for head in [token, *conjuncts(token)]:
            found, _ = self._one(head)
            key = self.entity(head)
            if found and head.pos_ == "NOUN" and head.tag_ == "NNS":
                # "12 Somali and 11 Yemeni nationals": people of each country named
                named = [m for c in head.children if c.dep_ in ("amod", "compound")
                         for m in (c, *conjuncts(c))]  # fmt: skip
                found = [*found, *(k for m in named if (k := self.entity(m)) is not None
                                   and k not in found and self.entities[k].type == "Country")]
            if not found and key is not None and self.is_place_key(key):
                country = self.country_of(key)
                found = [country] if country else []
            if not found and key is None and head.pos_ == "NOUN":
                found = self._appositive(head)  # "its archrival, Islamabad"
            if not found and key is None and head.pos_ == "NOUN":
                found = self.made_by(head)  # "the proposal put forward by X"
            if not found and key is None and head.pos_ == "NOUN" and not (
                self.lexicon.noun_triggers(head.lemma_.lower())
            ):  # an event noun's modifier is its actor ("the Syrian opposition")
                # the owner: "X's energy sector", "Indonesian air traffic", "Boeing aircraft"
                for child in head.children:
                    if child.dep_ == "poss":
                        found = [k for k in self._one(child)[0] if k not in found]
                    elif child.dep_ in ("amod", "compound", "nmod") and not found:
                        owner = self.entity(child)
                        found = [owner] if owner and self.is_actor_key(owner) else []
                if not found:
                    # whose it is: "an application from X", "a proposal by X"
                    found = [k for o in prep_objects(head, ("from", "by"))
                             for k in self._one(o)[0]]  # fmt: skip
                if not found:
                    # the people of a polity: "civilians in Gaza", "residents of X", "a
                    # prisoner held in X", "journalists detained in X"
                    found = self.polity_of(prep_objects(head, ("in", "of", "from")) + [
                        o for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN"
                        for o in prep_objects(c, ("in",))])
                if not found:
                    # a part or a thing of an actor: "a line of French police", "the
                    # residence of the opposition leader"
                    found = [k for o in prep_objects(head, ("of",)) for k in self._one(o)[0]]
            keys.extend(k for k in found if k not in keys)
        return keys

    def polity_of(self, places: Sequence[Token]) -> list[str]:
        """The country a place phrase names: a country, or the country of a named place, the
        name modifying a place noun or its "of" phrase ("the urban areas of Gaza")."""
        for place in places:
            key = self.entity(place)
            if key is None:  # "in Jabaliya refugee camp": the name modifying the place noun,
                # or set beside it ("into Gaza's second largest city, Khan Younis")
                key = next((k for c in place.children if c.dep_ in ("compound", "nmod", "appos")
                            and (k := self.entity(c)) is not None), None)  # fmt: skip
            if key is None and place.pos_ == "NOUN":  # "in the urban areas of Gaza"
                key = next((k for o in prep_objects(place, ("of",))
                            if (k := self.entity(o)) is not None), None)  # fmt: skip
            if key is None or place.i in self.generic:
                continue
            if self.entities[key].type == "Country" or self.is_place_key(key):
                country = self.polity(key)
                if country:
                    return [country]
        return []

    def made_by(self, noun: Token) -> list[str]:
        """Who made a thing a passive clause on it names: "the proposal put forward by X",
        "the agreement reached by X and Y" (X, Y)."""
        keys: list[str] = []
        for clause in noun.children:
            if clause.dep_ in ("acl", "relcl") and clause.pos_ == "VERB":
                for agent in (c for c in clause.children if c.dep_ == "agent"):
                    for obj in (c for c in agent.children if c.dep_ == "pobj"):
                        keys.extend(k for k in self.actors(obj)[0] if k not in keys)
        return keys

    def _appositive(self, noun: Token) -> list[str]:
        """The actor an appositive names for a common noun ("its neighbour, Peru"): an actor,
        or the country of a named place ("its archrival, Islamabad"). An appositive the parser
        hung on the verb next to the noun counts too ("shot the teenager, John Doe, on ...")."""
        doc = noun.doc
        comma = noun.right_edge.i + 1
        misplaced = [
            c for c in noun.head.children
            if c.dep_ in ("npadvmod", "appos", "dep") and c.i != noun.i and comma < len(doc)
            and doc[comma].text == "," and c.left_edge.i == comma + 1
        ] if noun.head.i != noun.i else []  # fmt: skip
        for child in [*noun.children, *misplaced]:
            key = self.entity(child) if child.dep_ in ("appos", "npadvmod", "dep") else None
            if key is None:
                continue
            if self.is_actor_key(key):
                return [key]
            if self.is_place_key(key):
                country = self.country_of(key)
                return [country] if country else []
        return []

    def _one(self, token: Token) -> tuple[list[str], str]:
        key = self.entity(token)
        if key is None and token.tag_ in ("WDT", "WP") and token.lower_ in _RELATIVES:
            head = _relative_head(token)
            if head is not None:  # "X, with which Y clashed": which is X
                return self._one(head)
        if key is not None and token.i in self.generic:
            if self._runs_state(key, token.lemma_.lower()):
                # "the AKP government", "the Netanyahu government": the state, when named
                return [self.country_of(key) or key], "proxy"
            return self._group(token, key), "proxy"  # "Egyptian police" stands for Egypt
        if key is not None:
            return ([key] if self.is_actor_key(key) else []), "direct"
        if token.dep_ == "appos" and token.pos_ == "NOUN":
            # "Ruiz, the first foreign minister to visit Lima": the one it describes
            described = self.entity(token.head)
            if (described is not None and token.head.i not in self.generic
                    and self.is_actor_key(described)):  # fmt: skip
                return [described], "direct"
        if key is None and self.is_count(token):
            # "thousands of Serbian students", "dozens of soldiers": the counted group
            for obj in prep_objects(token, ("of",)):
                group, way = self._one(obj)
                if group:
                    return group, way
        lemma = token.lemma_.lower()
        if self.lexicon.cue_value("pronoun", lemma) in ("former", "latter") and any(
            c.dep_ in ("det", "case") for c in token.children
        ):
            return self.antecedents(token), "pronoun"
        if token.pos_ == "PRON" and self.lexicon.is_cue("pronoun", lemma):
            return self.antecedents(token), "pronoun"
        # an event noun stands for its actor ("the Israeli ban"), but not a noun that is an
        # event only with a condition ("opposition to X"; "the Syrian opposition" is a group)
        if token.pos_ in ("NOUN", "PROPN") and (
            self.lexicon.is_cue("proxy", lemma)
            or any(t.need is None for t in self.lexicon.noun_triggers(lemma))
        ):
            is_proxy = self.lexicon.is_cue("proxy", lemma)
            for child in token.children if is_proxy else ():
                key = self.entity(child) if child.dep_ in ("appos", "compound") else None
                if key is not None and self.is_actor_key(key) and not self._maker(key, lemma):
                    if child.dep_ == "compound" and self._runs_state(key, lemma):
                        # "the AKP government", "the Netanyahu government": the state
                        return [self.country_of(key) or key], "proxy"
                    return [key], "direct"  # "his ally Iran": Iran, not him
            named = self._named_persons(token) if is_proxy else []
            if named:
                return named, "proxy"
            parties = self._parties_of(token) if is_proxy else []
            if parties:
                return parties, "proxy"
            found = self.modifier_actor(token, allow_of=is_proxy)
            if found:
                return [found], "proxy"
            found = own_state(self, token) if is_proxy else None
            if found:
                return [found], "pronoun"
        if token.pos_ == "NOUN":
            found = titled_person(self, token) or described_body(self, token)
            if found:
                return [found], "pronoun"
            counted = counted_parties(self, token)  # "the two countries"
            if counted:
                return counted, "pronoun"
            # "the country", "the island"; "the south" for South Sudan; "his country"
            country = (described_country(self, token) or described_half(self, token)
                       or self._own_country(token))  # fmt: skip
            if country:
                return [country], "pronoun"
        for child in token.children:
            if child.dep_ == "appos":
                key = self.entity(child)
                if key is not None and self.is_actor_key(key):
                    return [key], "direct"
        return [], ""

    def _own_country(self, noun: Token) -> str | None:
        """"his country", "her nation" -> the country of the person the possessive pronoun
        stands for (the country they act for, else the country the article gives them), or the
        state whose office it stands for ("Somalia's president said his country ...").

        Only a singular polity noun (cue "polity") whose one modifier is the pronoun counts:
        "his home country" or "his Baltic nation" may be another one."""
        if not self.lexicon.is_cue("polity", noun.lemma_.lower()) or noun.tag_ != "NN":
            return None
        modifiers = [c for c in noun.children if c.dep_ not in ("prep", "punct", "case")]
        if len(modifiers) != 1 or modifiers[0].dep_ != "poss" or modifiers[0].pos_ != "PRON":
            return None
        for key in self.antecedents(modifiers[0]):
            entity = self.entities[key]
            if entity.type == "Country":
                return key  # "Somalia's president ... his country": the office's state
            if entity.type != "Person":
                continue
            owner = entity.affiliation
            if owner is not None and self.entities[owner].type == "Country":
                return owner
            return self.country_of(key)
        return None

    def unnamed_groups(self, tokens: Sequence[Token]) -> tuple[tuple[str, str], ...]:
        """The unnamed groups (words, sector) that noun phrase heads and their conjuncts
        name: "gunmen", "protesters and students", "thousands of protesters"."""
        found: list[tuple[str, str]] = []
        for token in tokens:
            if token.i not in self.unnamed and self.is_count(token):
                counted = next(iter(prep_objects(token, ("of",))), None)
                if counted is None and _is_mass_count(token):
                    found.append((token.text, PEOPLE_SECTOR))  # "thousands rallied"
                    continue
                token = counted or token
            for head in [token, *conjuncts(token)]:
                group = self.unnamed.get(head.i)
                if group is None and head.lower_ == "they":
                    group = self._unnamed_antecedent(head)
                if group is not None and group not in found:
                    found.append(group)
        return tuple(found)

    def group_sector(self, token: Token) -> str | None:
        """The sector of the group noun a token heads, tied to an actor or not ("troops":
        MIL), else None."""
        group = self.unnamed.get(token.i)
        return group[1] if group is not None else self.generic.get(token.i)

    def is_crowd(self, token: Token) -> bool:
        """Whether a noun phrase head (or a conjunct) names a civilian crowd by a group noun,
        tied to an actor or not: "protesters", "Egyptian demonstrators", "thousands of
        students", "a handful of rioters" (`CROWD_SECTORS`); people counted in their
        thousands are one too ("thousands of people rallied")."""
        for head in [token, *conjuncts(token)]:
            counted = (head.i not in self.unnamed and head.i not in self.generic
                       and self.is_count(head))  # fmt: skip
            if counted:
                if not prep_objects(head, ("of",)) and _is_mass_count(head):
                    return True  # "thousands rallied": people counted in their thousands
                head = next(iter(prep_objects(head, ("of",))), head)
            group = self.unnamed.get(head.i)
            sector = group[1] if group is not None else self.generic.get(head.i)
            if sector is not None and (
                sector[:3] in CROWD_SECTORS or (counted and sector[:3] == PEOPLE_SECTOR)
            ):
                return True
        return False

    def _unnamed_antecedent(self, pronoun: Token) -> tuple[str, str] | None:
        """The unnamed group "they" refers to when it names no actor: the nearest plural one
        before it in its sentence or the one before ("Protesters said they would march")."""
        if self.antecedents(pronoun):
            return None
        sent = pronoun.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        for i in range(pronoun.i - 1, start - 1, -1):
            group = self.unnamed.get(i)
            if group is not None and self.doc[i].tag_ in ("NNS", "NNPS"):
                return group
        return None

    def _group(self, token: Token, key: str) -> list[str]:
        """The actors a group noun stands for: its own tie and the coordinated modifiers or
        objects of its tie's preposition ("U.S. and Russian negotiators", "troops from the
        United States and Russia" -> the United States, Russia)."""
        keys = [key] if self.is_actor_key(key) else []
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in _GROUP_PREPS:
                # "troops from Norway and Sweden", "delegations of Egypt and Qatar": the
                # objects coordinated with the tie the entity stage made ("officers in
                # Creston" is no tie to Creston)
                tie = next((o for o in child.children if o.dep_ == "pobj"), None)
                words = conjuncts(tie) if tie is not None and self.key_of.get(tie.i) == key else []
            elif child.dep_ in MODIFIERS:
                words = [child, *conjuncts(child)]
            else:
                continue
            for word in words:
                found = self.key_of.get(word.i)
                if found is not None and found not in keys and self.is_actor_key(found):
                    keys.append(found)
        return keys

    def sectors(self, clause: Token, keys: Sequence[str]) -> tuple[tuple[str, str], ...]:
        """(key, sector) for each of `keys` the clause's own phrases name by a group noun with
        a sector and not by name ("Egyptian police arrested ...": Egypt, "COP").

        The phrases are the clause's, not those of a clause inside it ("demanded that the
        government act": not the government), plus the subjects of the clauses above it
        ("Israeli troops were ready to attack": the troops).
        """
        found: dict[str, str] = {}
        named: set[str] = set()
        for token in _argument_tokens(clause):
            if token.lower_ in _RELATIVES:  # "Greek youths who protested": the youths
                token = _relative_head(token) or token
            key = self.key_of.get(token.i)
            if key is None or key in named:
                continue
            if token.i in self.generic:
                sector = self.generic[token.i]
                if sector is not None:
                    for tied in self._group(token, key):
                        found.setdefault(tied, sector)
            elif not any(a.i in self.generic for a in token.ancestors):
                named.add(key)  # named outside a group noun it ties ("Egypt said")
        return tuple((k, found[k]) for k in keys if k in found and k not in named)

    def _named_persons(self, token: Token) -> list[str]:
        """The people a title phrase names: "commander of X forces General Y" -> [Y];
        "the envoy Y and the commander Z" -> [Y, Z].

        Clauses, adjectives ("close to Y") and agents ("commanded by Y") are not looked into.
        """
        found: list[str] = []
        stack = [c for c in token.children]
        while stack:
            inner = stack.pop(0)
            if inner.pos_ in ("VERB", "AUX", "ADJ") or inner.dep_ in _NOT_NAMING:
                continue
            key = self.entity(inner)
            if key is not None and self.entities[key].type == "Person" and key not in found:
                found.append(key)
            stack.extend(inner.children)
        coordinated = any(t.dep_ == "cc" for t in token.subtree)
        return found if coordinated else found[:1]

    def _maker(self, key: str, lemma: str) -> bool:
        """Whether `key` names only who made a weapon (cue "proxy" valued "weapon"): a
        company ("an Antonov bomber", "a Boeing jet"), not a state or a body the gazetteer
        knows ("a NATO jet"), which uses it."""
        entity = self.entities.get(key)
        return (self.lexicon.cue_value("proxy", lemma) == "weapon" and entity is not None
                and entity.type == "Organization"
                and not entity.basis.startswith("gazetteer:"))  # fmt: skip

    def _parties_of(self, token: Token) -> list[str]:
        """The parties of a plural noun of people who act for others, named by its "from" or
        "of" phrase and that phrase's conjuncts, also behind an office's own "of" ("delegations
        from X and Y", "heads of state from X, Y and Z", "the foreign ministers of X and Y"); a
        named place stands for its country. Empty unless some name is nested or there are
        several (one plain "of X" is `modifier_actor`'s)."""
        if token.tag_ != "NNS" or self.lexicon.cue_value("proxy", token.lemma_.lower()) in (
            "weapon", "people", "member"
        ):  # fmt: skip
            return []
        heads = [token, *(o for o in prep_objects(token, ("of",))
                          if o.pos_ == "NOUN" and self.entity(o) is None)]  # "heads of state"
        found: list[str] = []
        nested = False
        for head in heads:
            for obj in prep_objects(head, ("from", "of")):
                for one in (obj, *conjuncts(obj)):
                    key = self.entity(one)
                    if key is None or not self.is_actor_key(key):
                        continue
                    if self.is_place_key(key):
                        key = self.country_of(key) or key
                    if key not in found:
                        found.append(key)
                        nested = nested or head is not token
        return found if nested or len(found) > 1 else []

    def modifier_actor(self, token: Token, *, allow_of: bool) -> str | None:
        """"Türkiye's military", "Israeli ban", "forces of X", "a source in X" -> X.

        For a proxy noun, a city stands for its country ("a Paris court"), and a person or a
        party for their country when the noun names a state body ("X's government", "the AKP
        government").
        """
        lemma = token.lemma_.lower()
        # a pronoun possessor comes after a modifier that names an owner: "his Saudi
        # counterpart" is Saudi Arabia's, not his
        children = sorted(token.children, key=lambda c: c.dep_ == "poss" and c.pos_ == "PRON")
        for child in children:
            key = None
            agent = hyphen_agent(child) if child.lemma_ == "lead" else None
            if agent is not None:
                key = self.entity(agent)  # "a Saudi-led coalition" acts for Saudi Arabia
            elif child.dep_ in ("poss", "amod", "nmod") or (child.dep_ == "compound" and allow_of):
                key = self.entity(child)
                if key is None and child.dep_ == "poss":
                    found, _ = self._one(child)  # "its ban", "the former's visit"
                    key = found[0] if found else None
            elif allow_of and child.dep_ == "prep" and child.lemma_ in ("of", "in", "from"):
                objects = [o for o in child.children if o.dep_ == "pobj"]
                key = self.entity(objects[0]) if objects else None
                if (key is not None and child.lemma_ == "in" and self.is_place_key(key)
                        and self.lexicon.cue_value("proxy", lemma) == "people"):  # fmt: skip
                    continue  # "protesters in Athens" are there, they do not act for Greece
            if key is None:
                continue
            if self._maker(key, lemma):
                continue
            if allow_of and (self.is_place_key(key) or self._runs_state(key, lemma)):
                key = self.country_of(key) or key
            elif self.lexicon.cue_value("proxy", lemma) == "member":
                # "X's group": the organisation X acts for (not X's country: a person's one
                # affiliation may be a state, and then the group is not named)
                owner = self.entities[key].affiliation
                if owner is None or owner not in self.entities or self.entities[
                        owner].type not in ("Organization", "ArmedGroup"):
                    owner = self.bodies.get(key)  # "Ruiz's Front" ... "Ruiz's group"
                if owner is not None:
                    key = owner
            if self.is_actor_key(key):
                return key
        return None

    def _runs_state(self, key: str, lemma: str) -> bool:
        """Whether a state body noun (cue "proxy" valued "state": "government", "regime")
        modified by a person or a party names the state they run ("X's government", "the
        AKP government")."""
        return self.lexicon.cue_value("proxy", lemma) == "state" and self.entities[
            key].type in ("Person", "Organization")

    def antecedents(self, pronoun: Token) -> list[str]:
        """Resolve a pronoun to the actor(s) it most plausibly stands for, or [].

        "he"/"him": the subject person of an enclosing clause ("X said he ...") or of the
        previous sentence; "it"/"they": a group subject likewise, and "they" also the
        coordinated people of the previous sentence ("met A and B. They ..."); "the
        former"/"the latter": the first/second of the last two people named before it.
        Only a subject that is directly a mention of the right kind counts; a passive's
        subject is one ("X was arrested after he attacked Y").
        """
        kind = self.lexicon.cue_value("pronoun", pronoun.lemma_.lower())
        if kind is None:
            kind = self.lexicon.cue_value("pronoun", pronoun.lower_)
        if kind in ("former", "latter"):
            return self._former_latter(pronoun, kind)
        if kind in ("speaker", "speaker_side"):
            return self._speaker(pronoun, side=kind == "speaker_side")
        if kind is None:
            return []
        sent = pronoun.sent
        candidates: list[Token] = []
        node = pronoun
        # an object of its own verb, or of a preposition on the verb or on its object, is not
        # that verb's subject ("X pressed him", "X called on it", "X imposed sanctions on it")
        held = pronoun.head.head if pronoun.dep_ == "pobj" else None
        own = pronoun.dep_ in ("dobj", "dative") or held is not None and (
            held.pos_ in ("VERB", "AUX")
            or (held.dep_ == "dobj" and held.head.pos_ in ("VERB", "AUX")))
        barred: list[Token] = []
        is_object = own
        while node.head.i != node.i:
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                subjects = [c for c in node.children if c.dep_ in _TOPICS and c.i != pronoun.i]
                # '"He shot one man," said the spokesman': in a quote "he" is not the speaker
                (barred if own or _quoted_apart(pronoun, subjects) else candidates).extend(
                    subjects)
                # a verb with no doer of its own ("a statement calling on it", "should be
                # reopened to allow it in") takes the one above it: that one is barred too
                own = own and not any(c.dep_ in SUBJECTS for c in subjects)
        # then the subject of a clause before it in its sentence, nearest first ("Before Bush
        # left office, he passed ..."), then the previous sentence's
        candidates.extend(
            t for t in reversed(sent[: pronoun.i - sent.start])
            if t.dep_ in _TOPICS and t not in candidates and t not in barred
        )  # fmt: skip
        # then a name in the possessive before it ("concern at Israel's actions by calling on
        # it to avoid civilian deaths"), not the barred doer's
        doers = {self.entity(t) for t in barred}
        candidates.extend(
            t for t in reversed(sent[: pronoun.i - sent.start])
            if t.dep_ == "poss" and t.pos_ == "PROPN" and self.entity(t) not in doers
        )  # fmt: skip
        if is_object and kind == "person":
            # an object pronoun may stand for the object of a clause before it ("chased X for
            # 30 miles before apprehending him")
            candidates.extend(
                t for t in reversed(sent[: pronoun.i - sent.start])
                if t.dep_ == "dobj" and t.pos_ == "PROPN" and t not in candidates)  # fmt: skip
        previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
        if previous is not None:
            candidates.extend(c for c in previous.root.children if c.dep_ in _TOPICS)
        # in a quote, a third person is not whoever speaks it ('"... when he shot her," the
        # prosecutor said', the quote running over sentences)
        # (the speaker as named: a pronoun speaker would be resolved in turn)
        reporter = self.quote_reporter(pronoun)
        speakers = {self.entity(t)
                    for t in (subject_tokens(reporter)[0] if reporter is not None else ())}
        for candidate in candidates:
            if candidate.pos_ == "PRON":
                if candidate.i < pronoun.i and self.lexicon.cue_value(
                    "pronoun", candidate.lower_
                ) == kind:
                    # "it said ... its operations": the same referent as the earlier pronoun
                    return self.antecedents(candidate)
                continue
            key = self.entity(candidate)
            if key is None and candidate.pos_ == "NOUN":
                # a subject that is itself a description resolved before ("The rights group
                # accused X. It also ...")
                key = titled_person(self, candidate) or described_body(self, candidate)
            if kind == "group" and candidate.pos_ == "NOUN" and (
                key is None or self.entities[key].type == "Person"
            ):
                # "the head of the agency said it ...": "it" is the body the speaker heads
                key = self._body_headed(candidate) or key
            if (key is None and candidate.i in self.unnamed and pronoun.lower_ in _PLURALS
                    and candidate.tag_ in ("NNS", "NNPS")):  # fmt: skip
                return []  # "protesters said they ...": the unnamed group (`unnamed_groups`)
            if (key is None and kind == "person" and candidate.tag_ == "NN"
                    and candidate.head in pronoun.ancestors
                    and self.lexicon.is_cue("proxy", candidate.lemma_.lower())):  # fmt: skip
                # "Somalia's president said he ...": an unnamed office holder who reports the
                # clause stands for the state whose office it is, as the title itself does
                # ("Somalia's president visited" is Somalia's visit)
                # (the names that modify it only: a pronoun would be resolved in turn)
                owners = {self.entity(c) for c in candidate.children
                          if c.dep_ in ("poss", "amod", "compound", "nmod")} - {None}
                states = [k for k in owners if k and self.entities[k].type == "Country"]
                if len(states) == 1:
                    return states
            if key is None or self.is_place_key(key) or key in speakers:
                continue  # "after the West Bank ..." names no one a pronoun stands for
            is_person = self.entities[key].type == "Person"
            if (kind == "person") == is_person and self.is_actor_key(key):
                return [key]
            break
        if kind == "group" and pronoun.lower_ in ("they", "them", "their") and previous:
            return self._coordinated_people(previous)
        return []

    def _body_headed(self, title: Token) -> str | None:
        """The organisation a person's title noun names in its "of/for" phrase: "the head of
        the UN agency" (the agency, resolved as a description), "a spokesman for X"."""
        if not self.lexicon.is_cue("proxy", title.lemma_.lower()):
            return None
        for body in prep_objects(title, ("of", "for")):
            key = self.entity(body)
            if key is None and body.pos_ == "NOUN":
                key = described_body(self, body)
            if key is not None and self.entities[key].type in ("Organization", "ArmedGroup"):
                return key
        return None

    def _speaker(self, pronoun: Token, *, side: bool) -> list[str]:
        """"I"/"we" in a quote: the subject of the reporting verb that frames it, and for
        "we"/"our" the group that speaker acts for."""
        node = pronoun
        while node.head.i != node.i:
            frame = node.head
            for child in frame.children:
                if child.dep_ == "parataxis" and self.lexicon.is_cue("report", child.lemma_):
                    frame = child
                    break
            else:
                if not (node.dep_ == "ccomp" and self.lexicon.is_cue("report", frame.lemma_)):
                    node = frame
                    continue
            subjects = [c for c in frame.children if c.dep_ in SUBJECTS]
            key = self.entity(subjects[0]) if subjects else None
            if key is None or not self.is_actor_key(key):
                return []
            affiliation = self.entities[key].affiliation
            if side and affiliation is not None and self.is_actor_key(affiliation):
                return [affiliation]
            return [key]
        return []

    def _coordinated_people(self, sent: Span) -> list[str]:
        """Two or more people named together, not as the subject: "met A and B"."""
        for token in sent:
            if token.dep_ in SUBJECTS or not any(c.dep_ == "conj" for c in token.subtree):
                continue
            keys, _ = self.actors(token) if token.dep_ in ("pobj", "dobj") else ([], "")
            people = [k for k in keys if self.entities[k].type == "Person"]
            if len(people) >= 2:
                return people
        return []

    def _former_latter(self, token: Token, which: str) -> list[str]:
        sent = token.sent
        start = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        people: list[str] = []
        for inner in self.doc[start : token.i]:
            key = self.entity(inner)
            if key is not None and self.entities[key].type == "Person":
                if key in people:
                    people.remove(key)
                people.append(key)
        if len(people) < 2:
            return []
        return [people[-2] if which == "former" else people[-1]]

    def is_count(self, token: Token) -> bool:
        """A number or a noun counting its group: "thousands (of X)", "200 (of X)", "a
        handful (of X)" (cue category "quantity")."""
        return (token.like_num or token.pos_ == "NUM" or token.ent_type_ == "CARDINAL"
                or self.lexicon.is_cue("quantity", token.lemma_.lower())
                or self.lexicon.is_cue("quantity", token.lower_))  # fmt: skip

    def keys_in(self, tokens: Iterable[Token]) -> list[str]:
        """Actor keys mentioned anywhere in `tokens`, in order."""
        keys: list[str] = []
        for token in tokens:
            key = self.entity(token)
            if key is not None and self.is_actor_key(key) and key not in keys:
                keys.append(key)
        return keys


#: The sector of people named by no group noun ("thousands rallied"), as the agents
#: dictionaries give "people".
PEOPLE_SECTOR = "PPL"
#: Count words that alone name a crowd of people as a doer ("thousands marched"): the
#: annotation conventions count an unnamed group of people as one in its hundreds.
_MASS_COUNTS = ("hundred", "thousand", "million")


def _is_mass_count(token: Token) -> bool:
    """A bare count in the hundreds or more ("hundreds", "tens of thousands" as "tens" of
    "thousands" reads its own "of" object first), not the subject the parser gives a bare
    participle ("five were killed and hundreds injured": those hurt, no doers)."""
    passive = token.dep_ == "nsubj" and token.head.tag_ == "VBN" and not any(
        c.dep_ == "aux" for c in token.head.children)  # "hundreds have marched" act
    return token.lemma_.lower() in _MASS_COUNTS and token.tag_ == "NNS" and not passive


#: CAMEO sectors of civilians acting as a crowd: civilians, opposition (protesters), labour,
#: students, refugees.
CROWD_SECTORS = ("CVL", "OPP", "LAB", "EDU", "REF", "AGR")

def _argument_tokens(clause: Token) -> Iterator[Token]:
    """Tokens of the clause's own phrases, then of the subjects of the clauses above it (and
    of a passive above an infinitive: "Italian workers are expected to strike")."""
    yield from phrase_tokens(clause)
    below = clause
    for node in clause.ancestors:
        raised = ("nsubjpass",) if below.dep_ == "xcomp" else ()
        for child in node.children:
            if child.dep_ in SUBJECTS or child.dep_ in raised:
                yield from phrase_tokens(child)
        below = node


def phrase_tokens(root: Token) -> Iterator[Token]:
    """The tokens under `root` that no other verb stands between ("responsibility for the
    bombings, which it said came after X": not X)."""
    for token in root.subtree:
        node = token
        while node.i != root.i and node.pos_ not in ("VERB", "AUX"):
            node = node.head
        if node.i == root.i:
            yield token


#: relative pronouns that stand for the noun their clause modifies
_RELATIVES = frozenset({"which", "who", "whom", "that"})
#: Plural pronouns, which an unnamed group ("protesters") may be the antecedent of.
_PLURALS = frozenset({"they", "them", "their", "theirs"})


def _relative_head(pronoun: Token) -> Token | None:
    """The noun a relative clause modifies, for a relative pronoun inside it, or None."""
    node = pronoun
    while node.head.i != node.i:
        if node.dep_ == "relcl":
            return node.head
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "relcl":
            return None
    return None
