"""Clause structure from the dependency parse, for event coding: subjects (through control,
coordination, relative clauses and common misparses), objects, prepositional objects.

Pure functions of spaCy tokens; `kg.extract.events.roles` maps what they find to the
article's entities.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECTS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = ("which", "who", "that", "whom")


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive: a passive subject or auxiliary, or a bare past participle
    modifying a noun ("the militias backed by Iran") or opening a clause ("Backed by Iran,
    the Houthis attacked"; "Asked if ..., X said": X was asked)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if verb.dep_ == "advcl" and verb.tag_ == "VBN":
        return not any(c.dep_ in ("aux", "nsubj", "mark") for c in verb.children)
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and not is_misparsed_main_verb(verb)


def is_misparsed_main_verb(verb: Token) -> bool:
    """Whether a past participle the parser hung on the sentence's root noun is the main verb
    of the sentence, that noun its subject: "Israeli air strikes killed at least 30
    Palestinians" parsed as a noun phrase. It has a direct object, which a participle
    modifying a noun ("the militias backed by Iran") does not."""
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.dep_ == "ROOT"
            and verb.head.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "dobj" for c in verb.children))


def hyphen_agent(participle: Token) -> Token | None:
    """The doer written onto a participle modifier with a hyphen: "Iran-backed rebels",
    "a NATO-backed uprising", "a Saudi-led coalition" -> Iran, NATO, Saudi."""
    if participle.dep_ != "amod" or participle.tag_ != "VBN":
        return None
    for child in participle.children:
        if (child.dep_ in ("npadvmod", "compound", "nmod", "amod") and child.i < participle.i
                and any(t.text == "-" for t in participle.doc[child.i + 1 : participle.i])):
            return child
    return None


def caused_passive(verb: Token) -> bool:
    """Whether a bare past participle is the complement of a verb that brings it about
    ("ordered him held", "ordered X detained"): the governing verb's subject is its doer.
    A participle with an object of its own is an active verb the tagger took for one ("X
    killed 30 people, the ministry said")."""
    return (
        verb.tag_ == "VBN" and verb.dep_ in ("ccomp", "xcomp", "oprd")
        and verb.head.pos_ == "VERB"
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children)
    )  # fmt: skip


def is_mandated(comp: Token, auxiliaries: Sequence[str]) -> bool:
    """Whether a clausal complement is in the mandative subjunctive: its verb is a bare
    infinitive, alone or after one of `auxiliaries` ("insisted that X agree", "...that X
    should pay"), not a finite statement ("insisted that X agrees", "...that X will pay")."""
    if comp.dep_ != "ccomp" or any(
        c.dep_ == "aux" and c.lower_ not in auxiliaries for c in comp.children
    ):
        return False
    # a plain form with a singular noun subject cannot be a finite present ("X agree"); "are"
    # is no bare form (that is "be"): "the bulk of them are fighters" agrees with its sense
    singular = any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in comp.children)
    bare = comp.lower_ not in ("are", "am")
    return comp.tag_ == "VB" or (comp.tag_ == "VBP" and singular and bare)


def is_for_clause(clause: Token) -> bool:
    """A "for X to do" clause on a verb ("called for Israel to withdraw"), which the parser
    hangs on it as an adverbial clause marked "for": what the verb asks for."""
    return clause.dep_ in ("advcl", "ccomp") and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)


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
    if caused_passive(verb):
        return subject_tokens(verb.head)[0], True
    agent = hyphen_agent(verb)
    if agent is not None:
        return [agent], False
    if is_passive(verb):
        return [pobj for agent in verb.children if agent.dep_ == "agent"
                for pobj in agent.children if pobj.dep_ == "pobj"], False
    # a subject never crosses a colon: "23 May, Paris, France: A meets B" is a dateline
    direct = [c for c in verb.children if c.dep_ in SUBJECTS and not _colon_between(c, verb)]
    # "Egypt and Qatar are mediating": the subject the parser hung on the auxiliary
    direct = direct or [s for a in verb.children if a.dep_ == "aux" and a.i < verb.i
                        for s in a.children if s.dep_ in SUBJECTS and s.i < a.i]
    if direct:
        # several subjects is a misparse; the one nearest before the verb is the likeliest
        before = [c for c in direct if c.i < verb.i]
        subject = before[-1] if before else direct[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [_predicate_subject(verb.head)], True
        return [subject], False
    return _inherited_subject(verb), True


#: Verbs whose infinitive the one they address by a preposition other than "on/upon" would do
#: ("appealed to X to stop", "pleaded with X to stop"); "agreed with X to meet" is both sides'.
_ADDRESSEE_PREPS = {"appeal": ("on", "upon", "to"), "plead": ("with",), "signal": ("to",),
                    "beg": ("of",)}
#: Nouns whose "of" gerund is an act their holder's subject may do ("raised the prospect of
#: suspending talks", "ruled out the possibility of sending troops").
_PROSPECTS = frozenset({"possibility", "prospect", "potential", "option", "idea", "spectre",
                        "specter"})


def _predicate_subject(noun: Token) -> Token:
    """"X was the first state to send ..." : the noun after a copula stands for X."""
    head = noun.head
    if noun.dep_ == "attr" and head.lemma_ == "be":
        subjects = [c for c in head.children if c.dep_ in SUBJECTS]
        if subjects:
            return subjects[0]
    return noun


def _inherited_subject(verb: Token) -> list[Token]:
    head = verb.head
    if head.i == verb.i:
        return []
    if is_misparsed_main_verb(verb):
        return [head]  # "Israeli air strikes killed 30 Palestinians": the strikes did
    # a finite verb parsed as a clause on a noun ("A source ..., denied that") has it as subject
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBD", "VBZ", "VBP")):
        return [_predicate_subject(head)]
    if verb.dep_ == "acl" and head.lower_ == "order" and head.head.lower_ == "in" and (
        head.head.head.pos_ in ("VERB", "AUX")
    ):  # "X cut spending in order to get loans": the purpose is X's
        return subject_tokens(head.head.head)[0]
    if verb.dep_ == "acl" and verb.tag_ == "VB" and head.dep_ == "attr":
        return [_predicate_subject(head)]
    if verb.dep_ == "acl" and verb.tag_ == "VB" and head.pos_ == "NOUN":
        # "X's decision to ban Y", "the decision of X to ban Y", "plans by X to join Y", "X
        # made a decision to ban Y"
        for child in head.children:
            if child.dep_ == "poss":
                return [child]
            if child.dep_ == "prep" and child.lower_ in ("of", "by"):
                return [o for o in child.children if o.dep_ == "pobj"][:1]
        if head.dep_ == "dobj" and head.head.pos_ == "VERB":
            return subject_tokens(head.head)[0]
    if verb.dep_ == "xcomp" and head.pos_ == "VERB" and head.ent_type_ and head.dep_ == "ROOT":
        # a headline's "Belize to release prisoners": the name the parser took for a verb
        return [head]
    if verb.dep_ == "xcomp" and head.pos_ == "VERB" and is_passive(head):
        # "workers are expected to strike", "X was asked to leave": the one the passive is
        # about does it, not its agent
        patient = _passive_subject(head)
        if patient is not None:
            return [patient]
    if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if verb.dep_ == "xcomp" and objects:
            return objects[:1]
        preps = _ADDRESSEE_PREPS.get(head.lemma_.lower(), ("on", "upon"))
        addressed = prep_objects(head, preps)
        if verb.dep_ == "xcomp" and addressed and any(
            p.dep_ == "prep" and p.lower_ in preps and p.i < verb.i for p in head.children
        ):  # "called on X to visit", "appealed to X to stop", "pleaded with X": X would do it
            return addressed[:1]
        return subject_tokens(head)[0]
    if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "amod"):
        return subject_tokens(head.head)[0] if head.dep_ == "acomp" else [head.head]
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        # "I focused on X and Jordan will provide aid": the noun before the auxiliaries was
        # misparsed as a conjunct of X; it is this clause's subject
        first = min([verb, *(c for c in verb.children if c.dep_ in ("aux", "neg"))])
        before = verb.doc[first.i - 1] if first.i > 0 else None
        if before is not None and before.dep_ == "conj" and before.pos_ == "PROPN":
            return [before]
        return subject_tokens(head)[0]
    if verb.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for") and head.dep_ == "prep":
        # "accused X of carrying out", "praised X for helping": X does it
        objects = [c for c in head.head.children if c.dep_ == "dobj"]
        if objects and head.head.pos_ == "VERB":
            return objects[:1]
        noun = head.head
        # "X raised the prospect of suspending talks", "X hinted at the possibility of
        # suspending ties": X would
        holder = noun.head if noun.dep_ == "dobj" else (
            noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else None)
        if noun.pos_ == "NOUN" and holder is not None and holder.pos_ == "VERB" and (
            noun.lemma_.lower() in _PROSPECTS
        ):  # fmt: skip
            return subject_tokens(holder)[0]
    if (
        verb.dep_ in ("pcomp", "pobj") and verb.tag_ == "VBG" and head.dep_ == "prep"
        and head.lower_ in ("of", "for", "with")
        and (is_passive(head.head) or head.head.tag_ == "VBN")
    ):  # fmt: skip
        # "X was charged with killing Y", "X, convicted of killing Y": X did it
        patient = _passive_subject(head.head)
        if patient is not None:
            return [patient]
    if verb.tag_ == "VBG" and any(c.dep_ in ("det", "compound", "poss") for c in verb.children):
        # "after the police shooting", "his killing": a gerund used as a noun is no clause
        # that inherits a subject; its possessor names who did it
        return [c for c in verb.children if c.dep_ == "poss"][:1]
    if verb.dep_ in ("pcomp", "pobj") and verb.tag_ == "VBG" and head.lower_ == "from" and (
        head.dep_ == "prep"
    ):
        # "took shelter from fighting", "fled from shelling", "barred from travelling": what the
        # subject moves away from, or is kept from, is no act of its own
        return []
    if verb.dep_ in ("advcl", "pcomp") or (verb.dep_ == "pobj" and verb.tag_ == "VBG"):
        governor = head.head if head.dep_ == "prep" else head
        if verb.dep_ == "advcl":
            governor = head
        # '"...," she said, before calling for X': the adjunct belongs to the speaker
        frames = [c for c in governor.children if c.dep_ == "parataxis" and c.i < verb.i]
        if frames:
            governor = frames[-1]
        if governor.pos_ in ("VERB", "AUX"):
            return subject_tokens(governor)[0]
    return []


def _passive_subject(verb: Token) -> Token | None:
    """Who undergoes a passive verb, through coordination and participle clauses: "X was
    arrested and charged", "X, charged with ...", "a man charged with ..."."""
    node = verb
    for _ in range(4):
        subjects = [c for c in node.children if c.dep_ == "nsubjpass"]
        if subjects:
            return subjects[0]
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
            return node.head
        if node.dep_ not in ("conj", "advcl") or node.head.i == node.i:
            return None
        node = node.head
    return None


def object_tokens(verb: Token) -> list[Token]:
    """Direct objects: dobj, dative, the passive subject, the antecedent of a passive
    relative clause, and the subject of an infinitive complement ("allow Russia to")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    if caused_passive(verb):
        # "ordered him held": him; "ordered [X] held" parsed with X as the order's object
        found = [c for c in verb.children if c.dep_ == "nsubj"]
        found = found or [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
    if (is_passive(verb) and verb.dep_ in ("relcl", "acl")) or hyphen_agent(verb) is not None:
        found.append(verb.head)  # "the militias Iran backed", "Iran-backed militias"
    elif is_passive(verb) and verb.dep_ == "advcl" and verb.i < verb.head.i:
        # "Backed by Iran, the Houthis attacked": the main clause's subject
        found.extend(c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    if verb.dep_ == "relcl":
        # "the governments of A and B, which he thanked": the antecedent is the object
        found = [verb.head if c.lower_ in RELATIVE_PRONOUNS else c for c in found]
    for comp in verb.children:
        infinitive = comp.tag_ == "VB" or any(a.dep_ == "aux" for a in comp.children)
        if comp.dep_ in ("ccomp", "xcomp") and infinitive:
            found.extend(c for c in comp.children if c.dep_ == "nsubj")
    return found


def prep_objects(token: Token, preps: Sequence[str]) -> list[Token]:
    """Objects of the prepositions `preps` attached to `token` ("talks with X"); in a
    relative clause, "X, with which Y clashed" gives X."""
    found = []
    for prep in token.children:
        if prep.dep_ not in ("prep", "dative") or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            relative = obj.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl"
            found.append(token.head if relative else obj)
    return found



def _colon_between(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return any(t.text == ":" for t in a.doc[low + 1 : high])


#: A quotation mark: `` and '' open and close quotes in PTB-style text.
QUOTE_MARK = re.compile(r"``|''|[\"\u201c\u201d\u00ab\u00bb]")
_OPENING = ("“", "«", "``")
_CLOSING = ("”", "»", "''")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans between paired quotation marks (straight or curly).

    >>> quote_spans('He said "we will go" and “left”.')
    [(8, 20), (25, 31)]
    >>> quote_spans("He said, ``we left.''")
    [(9, 21)]
    """
    spans = []
    start: int | None = None
    for match in QUOTE_MARK.finditer(text):
        char = match.group()
        if start is None and char not in _CLOSING:
            start = match.start()
        elif start is not None and char not in _OPENING:
            spans.append((start, match.end()))
            start = None
    return spans


#: Closing quotes and brackets that may follow a question mark at a sentence's end.
_CLOSERS = ("'", '"', "''", "\u201d", "\u2019", ")", "]")
#: Words that mark a complement as a question: "asked whether X had ...".
_QUESTION_MARKS = ("whether", "if")


#: Question words whose question takes its content as given: "Why is X threatening to invade
#: Y?" tells that X is threatening (a presupposition), where "Will X invade Y?" tells nothing.
_PRESUPPOSING = ("why", "how")


def is_question(sent: Span) -> bool:
    """Whether a sentence asks a question that tells no act: its last word but closing quotes
    is "?", and it does not open with a question word that presupposes its content."""
    for token in reversed(sent):
        if token.text in _CLOSERS or token.is_space:
            continue
        if token.text != "?":
            return False
        opening = next((t for t in sent if t.is_alpha), None)
        return opening is None or opening.lower_ not in _PRESUPPOSING
    return False


def asks_a_question(verb: Token) -> bool:
    """Whether the verb's complement is an indirect question ("asked whether X had ...",
    "wondered if ..."): the verb then asks, it neither requests nor threatens."""
    return any(
        comp.dep_ == "ccomp" and any(
            m.dep_ == "mark" and m.lower_ in _QUESTION_MARKS for m in comp.children)
        for comp in verb.children
    )  # fmt: skip


#: Subordinators of a condition: an act told in such a clause has not taken place.
_CONDITIONS = ("if", "unless")


def is_conditional(token: Token) -> bool:
    """Whether a word sits in a conditional clause ("if it cooperated", "unless X withdraws"):
    the act it tells is a condition, not an event.

    The clause is any adverbial clause among the word's heads that is introduced by "if" or
    "unless"; "X threatened to strike if Y refused" keeps the strike, not the refusal.
    """
    node = token
    while True:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CONDITIONS for c in node.children
        ):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def has_prep_object(holders: Iterable[Token], prep: str, lemmas: Collection[str]) -> bool:
    """Whether one of the words has a `prep` phrase whose object's lemma is one of `lemmas`
    ("sentenced to death": holders [sentenced], "to", {"death"}); `prep` may be two words
    ("pulled out of the talks")."""
    return any(obj.lemma_.lower() in lemmas for obj in prep_phrase_objects(holders, prep))


def prep_phrase_objects(holders: Iterable[Token], prep: str) -> list[Token]:
    """The objects of the `prep` phrases of the words; a two-word `prep` ("out of") is found
    however the parser hangs its second word: under the first ("out" -> "of" -> talks) or
    beside it, the first a particle ("pulled out" + "of the talks")."""
    first, _, second = prep.partition(" ")
    heads: list[Token] = []
    for holder in holders:
        for c in holder.children:
            if c.dep_ in ("prep", "dative") and c.lower_ == (second or first) and (
                not second or any(p.dep_ == "prt" and p.lower_ == first
                                  for p in holder.children)
            ):  # fmt: skip
                heads.append(c)
            elif second and c.lower_ == first and c.dep_ in ("prep", "prt", "advmod"):
                heads.extend(g for g in c.children if g.dep_ == "prep" and g.lower_ == second)
    return [obj for head in heads for obj in head.children if obj.dep_ == "pobj"]


def has_condition(verb: Token) -> bool:
    """Whether a verb carries a conditional clause of its own ("will arrest them if they
    march", "would retaliate unless X withdraws")."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in c.children)
        for c in verb.children
    )  # fmt: skip


def as_written(tokens: Sequence[Token]) -> tuple[str, ...]:
    """The words that name each doer as the text writes them: a pronoun ("It"), or a
    description up to its head ("the rights group", "the Ukrainian president")."""
    doc = tokens[0].doc if tokens else None
    return tuple(
        t.text if t.pos_ == "PRON" else doc[t.left_edge.i : t.i + 1].text  # type: ignore[index]
        for t in tokens
    )
