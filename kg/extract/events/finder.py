"""Event coding from the dependency parse: who did what to whom, when, where, per whom.

For each sentence, verbal triggers ("met", "was upheld") and nominal triggers ("talks with",
"a ban on") from the lexicon become candidate events; participants come from
`kg.extract.events.roles`, status and attribution from `kg.extract.events.status`, dates
from `kg.extract.events.timex`.
Precision comes first: a candidate without a clearly identified actor is dropped (logged at
DEBUG with the reason).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.extract.entities.agents import FORCE_SECTORS
from kg.extract.entities.evidence import COMMERCE
from kg.extract.events.agentless import (
    PUBLIC_MODES,
    agentless_actors,
    implicit_state,
    is_official_act,
)
from kg.extract.events.candidate import (
    VOWED_TYPES,
    Candidate,
    build_event,
    conditional_threat,
    is_mutual,
    mutual_split,
    sentence_dates,
    unsubsumed,
    without,
)
from kg.extract.events.dateline import dateline_place
from kg.extract.events.lexicon import NO_EVENT, Trigger
from kg.extract.events.reference import is_definite, referred_parties
from kg.extract.events.roles import Participants, phrase_tokens
from kg.extract.events.status import StatusFinder
from kg.extract.events.syntax import (
    as_written,
    asks_a_question,
    conjuncts,
    has_condition,
    has_prep_object,
    is_conditional,
    is_for_clause,
    is_mandated,
    is_passive,
    is_question,
    object_tokens,
    prep_objects,
    prep_phrase_objects,
    subject_tokens,
)
from kg.extract.events.timex import parse_anchor
from kg.records import Article, EventMention, LocalEntity, Mention, has_sector, is_war_force

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.extract.events.lexicon import Lexicon

log = logging.getLogger(__name__)

#: Types whose act on people or things in a place is done to that place's polity.
_FORCE_TYPES = ("ASSAULT", "COERCE")
#: Determiners of an act supposed, not told as done ("any attack", "any aggression")
_ANY = ("any",)
#: Types of verbs that judge an act told as their object ("condemned Israel's bombing of X",
#: "praised the release of Y"): the act is an event of its own when the text names its doer
_JUDGING_TYPES = ("ACCUSE", "SUPPORT")
#: Types of a response to a proposal: "backed the proposal", "rejected the plan", "accepted
#: the initiative" are done to whoever put it forward.
_RESPONSE_TYPES = ("SUPPORT", "REJECT", "AGREE", "ACCUSE")
#: Prepositions of what an investigation looks into ("an inquiry into the attacks").
_INQUIRY_PREPS = ("into", "of", "on")
#: (type, mode) of acts whose passive subject is the doer's own forces ("troops were deployed
#: to X"; "a force created" is no such act)
_MOVED = (("MOBILIZE", "troops"), ("MOBILIZE", "police"))


def restore_verb_lemmas(doc: Doc, lexicon: Lexicon) -> None:
    """Give back the verbs the lemmatizer cut their lemma ("staged" -> "stag": `Lexicon.
    verb_lemma`), on the parse itself, before any rule reads it (idempotent)."""
    for token in doc:
        if token.pos_ in ("VERB", "AUX"):
            lemma = token.lemma_.lower()
            restored = lexicon.verb_lemma(token.lower_, lemma)
            if restored != lemma:
                token.lemma_ = restored


def extract_events(
    doc: Doc,
    article: Article,
    mentions: Sequence[Mention],
    entities: Sequence[LocalEntity],
    lexicon: Lexicon,
) -> list[EventMention]:
    """Find the events each sentence of `article` tells (`doc` is the parse of its text)."""
    discard = lexicon.discards("story", f"{article.title}\n{article.text}")
    if discard is not None:
        log.debug("article %s: no events coded (%r)", article.id, discard)
        return []
    restore_verb_lemmas(doc, lexicon)
    participants = Participants.build(doc, mentions, entities, lexicon)
    finder = StatusFinder(participants, lexicon)
    anchor = parse_anchor(article.date, article.date_precision)
    coder = _Coder(participants, lexicon)
    dateline = dateline_place(doc, participants)
    events: dict[tuple[object, ...], EventMention] = {}
    told = coder.told
    date_ents = [ent for ent in doc.ents if ent.label_ == "DATE"]  # once, not per sentence
    for coder.sentence_no, sent in enumerate(doc.sents):
        if lexicon.discards("sentence", sent.text) is not None:
            continue  # sport, entertainment, disease, disasters: no political event
        if is_question(sent):
            continue  # "What will X add?": a question tells no act
        dates = sentence_dates(sent, coder.is_trigger_noun, date_ents)
        coder.note_proposals(sent)
        built: dict[int, list[EventMention]] = {}  # this sentence's events by trigger token
        threats: list[tuple[Token, EventMention, tuple[str, ...]]] = []  # no recipient yet
        for token in sent:
            candidate = coder.candidate(token)
            if candidate is not None and candidate.how == "agentless":
                candidate = _with_agentless_actor(candidate, finder, participants)
            if candidate is None or _lone_dictionary_act(candidate, lexicon, participants):
                continue
            candidate = coder.inquiry_target(candidate)
            if is_conditional(candidate.clause):
                log.debug("%r at %d: a condition, not an event", token.text, token.idx)
                continue
            lemma = candidate.token.lemma_.lower()
            if candidate.recipients:
                told[lemma] = candidate.recipients
            elif candidate.nominal and is_definite(candidate.token) and lemma in told:
                # "The warrant issued by French judges" is the warrant for X told before
                inherited = without(told[lemma], candidate.actors)
                candidate = dataclasses.replace(candidate, recipients=inherited)
            status = finder.find(
                candidate.clause,
                noun=candidate.token if candidate.nominal else None,
                participants=[*candidate.actors, *candidate.recipients],
                actors=candidate.actors,
                light_intent=candidate.light_intent,
                refusal=any(need == "neg" for need, _ in candidate.trigger.conditions),
            )
            if status is None:
                log.debug("%r at %d: negated or blocked", token.text, token.idx)
                continue
            threat = conditional_threat(
                candidate, status, lexicon,
                speaker_acts=finder.speaks_for(status, candidate.actors))
            tellings = [(one, status) for one in mutual_split(candidate, lexicon)]
            for one, told_as in tellings + ([threat] if threat is not None else []):
                event = build_event(one, told_as, sent, dates, anchor, participants, lexicon,
                                    dateline=dateline)
                event = _victims_of_the_place(event, one, participants)
                event = _state_of_the_place(event, sent, participants, lexicon,
                                            crowd_act=_crowd_act(one))
                built.setdefault(one.token.i, []).append(event)
                if event.type == "THREATEN" and not event.recipients and one.token.i == token.i:
                    threats.append((token, event, candidate.actors))
                    continue  # until the act threatened is coded, later in the sentence
                _keep(event, candidate.actors, events, coder)
        for token, event, doers in threats:
            # "threatened to strike in Chicago": a threat is done to whom the act threatened
            # would be (that act's own rules found them: here the state of the place)
            # (a conditional threat is its own act's: "would go on strike if": the strike's)
            acts = [e for i in (token.i, *_threatened_acts(token)) for e in built.get(i, ())
                    if e.type != "THREATEN"]
            targets = [k for e in acts for k in e.recipients if k not in event.actors]
            event = dataclasses.replace(event, recipients=tuple(dict.fromkeys(targets)))
            _keep(event, doers, events, coder)
    # an event whose recipient the text does not name (or kg cannot find) is kept with an
    # empty recipient list, not thrown away (issue #15): "X threatened to ban voting in Y"
    kept = unsubsumed(events.values())
    # an act is news of public life only when a public party does it or has it done to it:
    # "Ortiz planned to partner with his sergeant", "Microsoft offered customers several
    # options", "X shot his neighbour Y" (crime between private persons) are no events
    kept = [e for e in kept if _war_doer(e, participants)
            or any(_public(participants, k) for k in (*e.actors, *e.recipients))]
    # a call is between two parties: "speaking by phone from Gaza, X said" is an interview
    kept = [e for e in kept if (e.type, e.mode) != ("CONSULT", "phone")
            or len({*e.actors, *e.recipients}) > 1]
    if any(e.genre == COMMERCE for e in entities):
        # a business, product or film story: "Apple unveiled a MacBook", "the studio agreed
        # with the director" are no political events; a state's act in it is ("the EU fined X")
        kept = [e for e in kept if any(_state_side(participants, k)
                                       for k in (*e.actors, *e.recipients))]  # fmt: skip
    return sorted(kept, key=lambda e: (e.trigger_start, e.type, e.actors))


def _keep(
    event: EventMention,
    doers: Sequence[str],
    events: dict[tuple[object, ...], EventMention],
    coder: _Coder,
) -> None:
    """Keep a coded event (the more confident of two equal ones) and note its doers for the
    rules that look back ("it" for the act just told); a doer named only by an unnamed group
    needs a named party done to."""
    if not event.actors and not event.recipients and not (
        event.type in _FORCE_TYPES and _war_doer(event, coder.parts)
    ):
        log.debug("event at %d: unnamed doer and no recipient", event.trigger_start)
        return
    coder.makers[event.type] = doers
    if event.type not in _JUDGING_TYPES and doers:
        coder.last_act = (coder.sentence_no, doers)
    if event.type in _FORCE_TYPES and doers:
        coder.last_force = (coder.sentence_no, doers)
        for victim in event.recipients:
            coder.struck[victim] = (coder.sentence_no, doers)
    key = (event.type, event.actors, event.recipients, event.sentence_start, event.status)
    if key not in events or events[key].confidence < event.confidence:
        events[key] = event


def _war_doer(event: EventMention, participants: Participants) -> bool:
    """Whether the event's doers are only an unnamed force of war named in the plural
    ("gunmen", "troops", "rebels": `WAR_SECTORS`), whose force is news though no party it is
    used on is named; "the gunman" alone is the shooter of a crime story."""
    if event.actors:
        return False
    groups = {group for group in event.unnamed_actors if is_war_force(group[1])}
    return bool(groups) and any(
        participants.unnamed.get(token.i) in groups and token.tag_ in ("NNS", "NNPS")
        for token in participants.doc)  # fmt: skip


def _threatened_acts(threat: Token) -> list[int]:
    """The tokens that may tell the act a threat verb threatens: its infinitive or clause
    ("threatened to strike", "warned it would strike") and its object ("threatened a strike"),
    with their own complements ("threatened to go on strike")."""
    found: list[int] = []
    for comp in threat.children:
        if comp.dep_ in ("xcomp", "ccomp", "dobj"):
            found.append(comp.i)
            found.extend(g.i for c in comp.children if c.dep_ in ("xcomp", "dobj", "prep")
                         for g in (c, *c.children) if g.dep_ in ("xcomp", "dobj", "pobj"))
    return found


def _victims_of_the_place(
    event: EventMention, candidate: Candidate, participants: Participants
) -> EventMention:
    """Force used on people the text does not name ("killed 40 people", "arrested dozens")
    where the event's place is in a country the article names: the people of that polity are
    the recipients (ANNOTATION.md: a territory or its people stand for the polity). The place
    is the one the sentence names or the story's dateline; not the doer's own country."""
    if event.recipients or event.type not in _FORCE_TYPES or event.place is None:
        return event
    if candidate.nominal or not any(
        o.pos_ in ("NOUN", "NUM") and participants.entity(o) is None
        for o in object_tokens(candidate.token)
    ):  # fmt: skip
        return event
    country = participants.polity(event.place)
    if country is None or country in event.actors or any(
        participants.entities[k].affiliation == country for k in event.actors
    ):  # fmt: skip
        return event
    return dataclasses.replace(event, recipients=(country,))


def _crowd_row(trigger: Trigger) -> bool:
    """Whether a trigger row needs a civilian crowd as its subject ("protesters marched",
    "workers ended their strike")."""
    return ("subj", ("*crowd",)) in trigger.conditions


def _crowd_act(candidate: Candidate) -> bool:
    """Whether a crowd's act is done to the state where it happens: a row that needs a
    civilian crowd ("protesters marched", `_crowd_row`), or a demand unnamed protesters make
    ("protesters demanded the government's resignation": of the state of their place; not
    "the families asked for privacy", "customers demand speed")."""
    return _crowd_row(candidate.trigger) or (
        candidate.event_type == "REQUEST" and not candidate.actors and bool(candidate.unnamed)
        and all("OPP" in sector for _, sector in candidate.unnamed))  # fmt: skip


def _state_of_the_place(
    event: EventMention, sent: Span, participants: Participants, lexicon: Lexicon,
    *, crowd_act: bool = False,
) -> EventMention:
    """An event of a type done to the state where it happens (kg:placeStateTarget: a protest)
    whose text names no recipient: the country of its place, else of the one country the
    places of its sentence are in, else the story's focus country ("protesters marched in
    Athens", "workers went on strike in Greece", "the protests turned violent": Greece),
    unless the doer is that country. A country's own people protest at home: for a doer that
    is a country, only the event's own place counts ("Spain had protests of its own"). An
    act a row gives only to a civilian crowd (`crowd_act`) is done to that state too, whatever
    its type ("workers ended their strike in Greece": a concession to Greece)."""
    if event.recipients or (event.type not in lexicon.place_target_types and not crowd_act):
        return event
    national = any(participants.entities[k].type == "Country" for k in event.actors)
    if national and event.place is None:
        return event
    places = [event.place] if event.place is not None else list(dict.fromkeys(
        k for k in map(participants.place, sent) if k is not None))
    countries = {participants.polity(k) for k in places} - {None}
    country = countries.pop() if len(countries) == 1 else None
    country = country or (None if national else participants.focus)
    if country is None or country in event.actors:
        return event
    return dataclasses.replace(event, recipients=(country,))


def _gerund_complement(noun: Token) -> bool:
    """A verb's "-ing" complement tagged as a noun: "denied bombing X", "avoided attacking"."""
    return (noun.dep_ == "xcomp" and noun.head.pos_ == "VERB" and noun.lower_.endswith("ing")
            and noun.tag_ in ("NN", "VBG"))  # fmt: skip


def _is_amount(noun: Token) -> bool:
    """A sum or a quantity: "500 million euros", "$10 million", "200 tonnes"."""
    return noun.ent_type_ in ("MONEY", "QUANTITY") or any(
        c.dep_ == "nummod" for c in noun.children)


def _state_side(participants: Participants, key: str) -> bool:
    """A state, an armed group, a body of the gazetteer (the UN, the EU), an institution (a
    name with a word of a state's bodies, "Vancouver police": the entity pass leaves it out of
    the story's genre), an office holder of the actor dictionaries, or a person acting for a
    state or armed group."""
    entity = participants.entities[key]
    if entity.type in ("Country", "ArmedGroup") or entity.basis.startswith("gazetteer:"):
        return True
    if entity.type != "Person":
        return entity.genre != COMMERCE
    owner = participants.entities.get(entity.affiliation or "")
    return entity.basis.startswith("dictionary:") or (
        owner is not None and owner.type in ("Country", "ArmedGroup"))


def _public(participants: Participants, key: str) -> bool:
    """A state, an armed group, a body that is no business (a government body, a party, an
    NGO, an international body), or a person who holds an office (not a profession: cue
    "private", "a lawyer"), is in the actor dictionaries or acts for such a party; not a
    private person, a company or a product."""
    entity = participants.entities[key]
    if entity.type != "Person":
        return _state_side(participants, key)
    offices = [r for r in entity.roles if not participants.lexicon.is_cue("private", r)]
    if offices or entity.basis.startswith("dictionary:"):
        return True
    owner = participants.entities.get(entity.affiliation or "")
    return owner is not None and owner.type != "Person" and _public(participants, owner.key)


def _lone_dictionary_act(
    candidate: Candidate, lexicon: Lexicon, participants: Participants
) -> bool:
    """Whether a CAMEO dictionary row found an act without a political party it is done to.

    The dictionary codes dyads of political actors: its verbs ("hear", "prepare", "pass",
    "fail") are events only between a source and a target that are states, organisations or
    people acting for one, so without such a recipient a row gives no event unless its type
    stands alone, two actors do it together, the row's pattern names what force is used on
    ("destroyed homes", "seized weapons"), or the force is used on people a group noun names
    ("captured 23 pirates", "beheaded two local administrators"). Hand rows keep
    recipient-less events (#15).
    """
    if candidate.trigger.source == "kg":
        return False
    if not candidate.recipients and candidate.event_type in _FORCE_TYPES and any(
        need == "obj" for need, _ in candidate.trigger.conditions
    ):  # a pattern that names what force is used on tells the act: "destroyed homes"
        return False
    if candidate.recipients:
        return not any(_political(participants.entities[k]) for k in candidate.recipients)
    if not candidate.nominal and participants.unnamed_groups(object_tokens(candidate.token)):
        return False  # done to people a group noun names: "the navy captured 23 pirates"
    if (not candidate.nominal and candidate.event_type in _FORCE_TYPES
            and any(_counted(o, participants) for o in object_tokens(candidate.token))):
        return False  # force used on people counted: "beheaded two local administrators"
    return candidate.event_type not in lexicon.open_types and not (
        len(candidate.actors) > 1 and (candidate.event_type in lexicon.reciprocal_types
                                       or is_mutual(candidate, lexicon)))  # fmt: skip


def _counted(noun: Token, participants: Participants) -> bool:
    """Whether a group noun is counted by a number ("two administrators", "10 people"; the
    agents dictionary's nouns, tied to an actor or not)."""
    if noun.i not in participants.generic and noun.i not in participants.unnamed:
        return False  # "two tanks", "the 2007 convictions": no people
    return any(c.dep_ == "nummod" and participants.is_count(c) for c in noun.children)


def _names_phrase(head: Token, words: Sequence[str]) -> bool:
    """Whether the noun `head` ends the phrase `words`, its modifiers written just before it.

    "fired tear gas", "used water cannons": the object's lemma is the last word and the
    words before it are written just before it, inside its phrase.
    """
    if head.lemma_.lower() != words[-1] or head.i - (len(words) - 1) < head.left_edge.i:
        return False
    # within the object's phrase, whatever the parse made of a coordination ("tear gas and
    # water cannons" is parsed with "water" under "gas")
    before = head.doc[head.i - len(words) + 1:head.i]
    return all(t.lower_ == w for t, w in zip(before, words[:-1], strict=True))


def _political(entity: LocalEntity) -> bool:
    """A state, organisation or armed group, or a person who acts for one or holds an office."""
    return entity.type in ("Country", "Organization", "ArmedGroup") or (
        entity.type == "Person" and bool(entity.affiliation or entity.roles))


def _with_agentless_actor(
    candidate: Candidate, finder: StatusFinder, participants: Participants
) -> Candidate | None:
    """"X was arrested, police said": the actor is the enforcing body the sentence or its
    source names; None when there is none."""
    status = finder.find(candidate.clause, noun=None, participants=candidate.recipients, actors=[])
    speaker = status.attributed_to if status is not None else None
    actors = agentless_actors(candidate.token, participants, speaker)
    inferred = False
    if not actors and candidate.trigger.mode is not None:
        # "X was banned from political activity": the state, when the text makes it clear and
        # the act is one the codebook names as a state's (an arrest, a ban, a charge; not "was
        # toppled", which has no mode)
        state = implicit_state(candidate.token, participants)
        actors, inferred = ([state], True) if state is not None else ([], False)
    recipients = without(candidate.recipients, actors)
    if not actors:
        return None
    public = (candidate.event_type, candidate.trigger.mode) in PUBLIC_MODES
    if not recipients and not public and (inferred or candidate.recipients or not any(
            c.dep_ == "nsubjpass" for c in candidate.token.children)):  # fmt: skip
        # "five people were arrested, police said" is the police's arrest of people the text
        # does not name as actors; an inferred state needs a named party it acted on, unless
        # the act is done to its public at large ("websites were blocked in X")
        return None
    return dataclasses.replace(candidate, actors=tuple(actors), recipients=recipients, how="proxy",
                               inferred=inferred)  # fmt: skip


def _places_in(verb: Token) -> list[Token]:
    """The objects of the "in" phrases of a verb and of its objects' phrases, nearest first,
    not inside another clause: "killed six people in Syria", "struck the school in X",
    "killed 40 people during an attack on a school in Gaza"."""
    found = list(prep_objects(verb, ("in",)))
    todo = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
    while todo:
        node = todo.pop(0)
        for child in node.children:
            if child.dep_ in ("prep", "pobj", "dobj", "conj") and child.pos_ not in ("VERB", "AUX"):
                # "in X", "in and around X"
                within = node.lower_ == "in" or (node.dep_ == "conj" and node.head.lower_ == "in")
                if child.dep_ == "pobj" and within and child not in found:
                    found.append(child)
                todo.append(child)
    return found


#: Reflexive pronouns: force used on oneself is no act on another ("hanged himself").
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself", "myself", "ourselves"})
#: CAMEO sectors of an unnamed group that uses force inside its own state (police, troops,
#: officials, courts, spies) or on private persons (criminals): the state of the place where it
#: does so is not what it is done to.
_LOCAL_SECTORS = ("COP", "MIL", "GOV", "JUD", "SPY", "CRM")


def _local_force(unnamed: Sequence[tuple[str, str]]) -> bool:
    """Whether an unnamed doer is police, troops, officials or criminals (`_LOCAL_SECTORS`;
    a sector may join codes: "CVLOPP")."""
    return any(has_sector(sector, _LOCAL_SECTORS) for _, sector in unnamed)


#: What a party does or decides, that a verb of naming may judge ("called the plan a
#: non-starter", "described the decision as illegal"), besides the event nouns and the parties.
_JUDGED_THINGS = frozenset({
    "plan", "policy", "decision", "move", "proposal", "law", "bill", "measure", "action",
    "step", "statement", "remark", "comment", "election", "vote", "referendum", "verdict",
    "ruling", "deal", "agreement", "treaty", "accord", "conduct", "behaviour", "behavior",
    "response", "approach", "stance", "position", "strategy", "operation", "campaign",
    "offensive", "occupation", "presence", "regime", "government", "leadership", "order",
    "demand", "announcement", "settlement", "blockade", "embargo", "annexation", "bailout"})
#: The rating (VADER's scale, -4 to +4) from which what an object is called is a judgment.
_JUDGED = 1.0


def _judgment(verb: Token, lexicon: Lexicon) -> float:
    """The rating of what a verb of naming calls its direct object: the predicative complement
    ("called the attack completely unacceptable", "called Israel the most destructive force")
    or the "as" phrase ("described the strikes as a war crime", "described the talks as
    constructive"), its head and modifiers; a negation turns it over ("not acceptable");
    0.0 without an object or a complement."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")
               and not c.lower_.endswith(("self", "selves"))]  # "considered itself a member"
    if not objects:
        return 0.0
    heads = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
    heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
              for g in c.children if g.dep_ in ("pobj", "amod", "acomp")]  # fmt: skip
    if any(o.dep_ == "dative" for o in objects):
        # "designated Amnesty International an undesirable organisation", parsed as two objects
        heads += [o for o in objects if o.dep_ == "dobj"]
    # "designated the Houthis, a terrorist organization", parsed as an apposition
    heads += [a for o in objects for a in o.children if a.dep_ == "appos"]
    # "called Turkmenistan one of the most repressive states": the states of "one of"
    heads += [o for h in heads if h.lower_ == "one" for o in prep_objects(h, ("of",))]
    rating = 0.0
    for head in heads:
        words = [head, *(c for c in head.children if c.dep_ in ("amod", "compound", "advmod"))]
        words += [c for w in words[1:] for c in w.children if c.dep_ == "conj"]  # "X and Y"
        value = lexicon.judgment([w.lower_ for w in words])
        negated = any(c.dep_ == "neg" for c in head.children)
        rating += -value if negated else value
    return rating


#: Types of the acts whose promise is the codebook's CONCEDE ("promise to withdraw from
#: territory (in the future)", "promise of future easing of restrictions"), not an AGREE.
_CONCEDED_TYPES = ("RETREAT", "CONCEDE")

#: Types whose object may be the doer's own forces, moved ("sent U.S. troops to X").
_MOVER_TYPES = ("AID", "MOBILIZE", "RETREAT")
#: Types whose objects are the doer's own forces moved, never people it is done to.
_MOVING_TYPES = ("MOBILIZE", "RETREAT")

#: Pronouns a verb of naming may call an act by ("called it unacceptable", "called this a
#: crime"), and how many sentences back the act may be told.
_ACT_PRONOUNS = frozenset({"it", "this", "that"})
_ACT_WINDOW = 2

#: How far below zero (VADER's scale) what a speaker says a party or its act is must be rated
#: to disapprove of it: stricter than for verbs of naming, as a copula's predicate more often
#: describes than judges.
_COPULAR_JUDGED = 1.5

#: Participles that tell whom a weapon was aimed at ("rockets targeting X", "aimed at X").
_AIMED = frozenset({"target", "aim", "direct"})


class _Coder:
    """Trigger matching and participant finding for one article."""

    def __init__(self, participants: Participants, lexicon: Lexicon) -> None:
        self.parts = participants
        self.lexicon = lexicon
        #: trigger lemma -> the recipients it was last told with, for "the warrant" later on
        self.told: dict[str, Sequence[str]] = {}
        #: event type -> the actors of its last event, for "refused the demands" later on
        self.makers: dict[str, Sequence[str]] = {}
        #: the sentence being coded (its ordinal) and, for the last act told that is not a
        #: judgment, its sentence and doers: "X bombed Y. Z called it unacceptable."
        self.sentence_no = 0
        self.last_act: tuple[int, Sequence[str]] | None = None
        #: the same for the last forceful act (ASSAULT, COERCE): "an investigation" with no
        #: "into" phrase is one into it
        self.last_force: tuple[int, Sequence[str]] | None = None
        #: party -> (sentence, doers) of the last forceful act done to it: "X retaliated"
        #: strikes back at them
        self.struck: dict[str, tuple[int, Sequence[str]]] = {}
        #: the parties that put forward the last plan or proposal told (cue "proposal"), for
        #: "X backed the proposal" later on
        self.proposer: Sequence[str] = ()

    def note_proposals(self, sent: Span) -> None:
        """Note who puts forward a plan or proposal in a sentence: its possessor or modifier
        ("Egypt's plan", "an Egyptian initiative"), its "by/from" phrase ("a plan proposed by
        X"), or the subject of a verb of putting forward ("Egypt put forward a truce plan")."""
        for noun in sent:
            if noun.pos_ == "NOUN" and self.lexicon.is_cue("proposal", noun.lemma_.lower()):
                owners = self._own_proposer(noun)
                if not owners and noun.dep_ == "dobj" and self._authors(noun.head):
                    owners = self._actors_of(subject_tokens(noun.head)[0])[0]
                if owners:
                    self.proposer = owners

    def _own_proposer(self, noun: Token) -> list[str]:
        """The party a proposal noun's own phrase names as its author, if any."""
        key = self.parts.modifier_actor(noun, allow_of=False)
        if key is not None:
            return [key]
        by = prep_objects(noun, ("by", "from"))  # "a plan by X"; a clause: "put forward by X"
        return self.parts.made_by(noun) or (self._actors_of(by)[0] if by else [])

    def _authors(self, verb: Token) -> bool:
        """Whether a verb puts forward its object (cue "author", with its particle)."""
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not self.lexicon.is_cue("author", lemma):
            return False
        particles = self.lexicon.cue_value("author", lemma)
        return particles is None or any(
            c.dep_ in ("prt", "advmod") and c.lower_ in particles.split("|")
            for c in verb.children)  # fmt: skip

    def _proposed_to(self, noun: Token, trigger: Trigger) -> list[str]:
        """"backed the proposal", "objected to the plan": a response to a proposal told before
        is done to whoever put it forward; [] for any other noun, or one whose own phrase
        names its author (that party is found as any other)."""
        if trigger.type not in _RESPONSE_TYPES or noun.pos_ != "NOUN" or not is_definite(noun):
            return []
        if not self.lexicon.is_cue("proposal", noun.lemma_.lower()) or self._own_proposer(noun):
            return []
        return list(self.proposer)

    def is_trigger_noun(self, token: Token) -> bool:
        return token.pos_ in ("NOUN", "PROPN") and bool(
            self.lexicon.noun_triggers(token.lemma_.lower())
        )

    def _name_word(self, token: Token) -> bool:
        """A capitalised word of an actor's name of several words ("Aid" of "a local Rite
        Aid", "Riot" of "Pussy Riot"): it tells no event of its own (a name of that one word
        may be the model's misreading of a headline's noun: "Riot breaks out in Brooklyn").
        An agreement's name still tells one: "ratified the Association Agreement with X"."""
        key = self.parts.key_of.get(token.i)
        return key is not None and token.text[:1].isupper() and any(
            self.parts.key_of.get(i) == key for i in (token.i - 1, token.i + 1)
        ) and not any(row.type == "AGREE" for row in self.lexicon.noun_triggers(
            token.lemma_.lower()))  # fmt: skip

    def candidate(self, token: Token) -> Candidate | None:
        if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be":
            return self.copular_judgment(token)
        if token.pos_ == "VERB":
            trigger = self.verb_trigger(token)
            # a row that names its object, or judges it ("called the attack unacceptable")
            names_object = trigger is not None and any(
                need in ("obj", "judge") for need, _ in trigger.conditions)  # fmt: skip
            if trigger and (
                (trigger.source != "kg" and self._frames_clause(token)
                 and not self._charges_another(token, trigger))
                or ((trigger.source != "kg" or not names_object) and self._carries_noun(token)
                    and trigger.type != "THREATEN")  # "threatened sanctions": a threat too
            ):
                # "held talks": the noun tells the event, the verb only carries it (a hand
                # row that names its object, "signed an agreement", is the phrase itself); "X
                # claimed (that) Y attacked Z", "X decided to fire Y": the verb frames the
                # event (who says so, who wants it), it is none itself
                return None
            return self.verbal(token, trigger) if trigger else None
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            return self.nominal(token)
        return None

    # -- verbs --------------------------------------------------------------------------------

    def verb_trigger(self, verb: Token) -> Trigger | None:
        """The first row of the verb whose conditions all hold (None when it says NONE)."""
        row = self._first_row(verb)
        return None if row is None or row.type == NO_EVENT else row

    def _says_no_event(self, verb: Token) -> bool:
        """Whether the verb's first row whose conditions hold is a NONE row ("crashed into
        the ocean", "went up by 8%"): the words tell no event."""
        row = self._first_row(verb)
        return row is not None and row.type == NO_EVENT

    def _first_row(self, verb: Token) -> Trigger | None:
        """The first row of the verb whose conditions all hold, a NONE row included."""
        rows = self.lexicon.verb_triggers(verb.lemma_.lower())
        if not rows:
            return None
        # the verb's children and objects, read once for all its rows (a common verb has
        # dozens of dictionary rows, each with conditions)
        children = list(verb.children)
        objects: list[Token] = []
        read = False
        for trigger in rows:
            if not read and any(need == "obj" for need, _ in trigger.conditions):
                objects, read = object_tokens(verb), True
                # "captured dozens of soldiers", "hundreds of police were called": the counted
                objects += [o for c in objects if self.parts.is_count(c)
                            for o in prep_objects(c, ("of",))]  # fmt: skip
                # "found them guilty", "were found dead": what the object is found to be
                objects += [c for c in children if c.dep_ in ("oprd", "acomp", "ccomp")
                            and c.pos_ == "ADJ"]  # fmt: skip
            if all(self._holds(need, values, verb, children, objects)
                   for need, values in trigger.conditions):  # fmt: skip
                return trigger
        return None

    def _forceful(self, act: Token) -> bool:
        """Whether a noun or gerund tells a forceful or coercive act ("sanctions", "a ban",
        "suspending talks")."""
        if act.pos_ == "VERB" and act.dep_ == "amod":  # "of suspending talks", misparsed:
            # its object is its head, so its rows' object conditions cannot be read
            return any(row.type in VOWED_TYPES for row in self.lexicon.verb_triggers(
                self.lexicon.verb_lemma(act.lower_, act.lemma_.lower())))  # fmt: skip
        if act.pos_ == "VERB":
            trigger = self.verb_trigger(act)
            return trigger is not None and trigger.type in VOWED_TYPES
        return any(row.type in VOWED_TYPES
                   for row in self.lexicon.noun_triggers(act.lemma_.lower()))  # fmt: skip

    def _holds(
        self,
        need: str | None,
        values: tuple[str, ...],
        verb: Token,
        children: Sequence[Token],
        objects: Sequence[Token],
    ) -> bool:
        if need is None:
            return True
        if need == "prt":  # the parser takes some particles for adverbs ("work together")
            return any(c.dep_ in ("prt", "advmod") and c.i > verb.i and c.lower_ in values
                       for c in children)  # fmt: skip
        if need == "prep":
            # "settled its dispute with X": the phrase often hangs on the object
            holders = [verb, *(c for c in children if c.dep_ == "dobj")]
            preps = [c for h in holders for c in h.children if c.dep_ in ("prep", "dative")]
            # "called for Israel to withdraw": the "for" of a for-to clause
            preps += [m for c in children if is_for_clause(c)
                      for m in c.children if m.dep_ == "mark"]  # fmt: skip
            return any(c.lower_ in values for c in preps)
        if need == "pobj":  # "sentenced to death": the preposition and its object
            holders = [verb, *(c for c in children if c.dep_ == "dobj")]
            if values[1:] == ("*force",):  # "warned of sanctions": a coercive act's noun
                acts = prep_phrase_objects(holders, values[0]) + [
                    g for h in holders for c in h.children if c.dep_ == "prep"
                    and c.lower_ == values[0] for g in c.children if g.dep_ == "pcomp"]
                # "of suspending talks" misread as a modifier: the gerund is the act
                acts += [g for act in acts for g in act.children
                         if g.dep_ == "amod" and g.tag_ == "VBG" and g.i == act.left_edge.i]
                return any(self._forceful(act) for act in acts)
            if values[1:] == ("*party",):  # "provided helicopters to Haiti": a party
                return any(self.parts.targets(obj)
                           for obj in prep_phrase_objects(holders, values[0]))  # fmt: skip
            return has_prep_object(holders, values[0], values[1:])
        if need == "dobj":
            return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in children)
        if need == "intr":  # "workers struck": no object ("protesters struck police")
            return not any(c.dep_ == "dobj" for c in children)
        if need == "ccomp":  # "demonstrate that X": a clause, not a crowd
            return any(c.dep_ == "ccomp" for c in children)
        if need == "xcomp":  # "fight to maintain X": an infinitive of purpose
            return any(c.dep_ == "xcomp" for c in children)
        if need == "mandate":
            return any(is_mandated(c, values) for c in children)
        if need == "judge":  # "called the attack unacceptable": what the object is called
            if not self._judgeable(verb):
                return False
            rating = _judgment(verb, self.lexicon)
            return rating <= -_JUDGED if values == ("neg",) else rating >= _JUDGED
        if need == "neg":  # "did not allow X to enter": a refusal
            return any(c.dep_ == "neg" for c in children)
        if need == "subj":  # "*crowd": "protesters marched", "thousands of students rallied"
            subjects = subject_tokens(verb)[0]
            if values == ("*crowd",):
                return any(self.parts.is_crowd(s) for s in subjects)
            # the dictionary's subject patterns: "a plane crash killed 20", "the earthquake
            # killed", "the market fell" (its NONE rows: no event)
            return any(s.lemma_.lower() in values for s in subjects)
        for obj in objects:
            for value in values:
                if value == "*party":  # an actor, or what it owns or where its people are
                    if self.parts.targets(obj):  # "struck Houthi targets", "a school in Gaza"
                        return True
                elif value == "*crowd":  # "dispersed the protesters", "blocked the mob"
                    if self.parts.is_crowd(obj):
                        return True
                elif value == "*people":  # "executed three protesters": a group noun
                    if self.parts.group_sector(obj) or self.parts.unnamed_groups([obj]):
                        return True
                elif value.startswith("*"):
                    keys, _ = self.parts.actors(obj)
                    people = [k for k in keys if self.parts.entities[k].type == "Person"]
                    if (people if value == "*person" else keys):
                        return True
                elif " " in value:  # "tear gas": the head and the modifiers before it
                    if _names_phrase(obj, value.split()):
                        return True
                elif obj.lemma_.lower() == value:
                    return True
        return False

    def verbal(self, verb: Token, trigger: Trigger) -> Candidate | None:
        if asks_a_question(verb):
            log.debug("%r at %d: asks a question", verb.text, verb.idx)
            return None
        if trigger.type == "ASSAULT" and verb.dep_ == "advcl" and verb.tag_ == "VBG" and (
            verb.head.pos_ == "VERB" and self._says_no_event(verb.head)
        ):
            # "the jetliner crashed into the ocean, killing all 228 people on board": the
            # harm a participle tells is the head's non-event's (an accident, no attack); not
            # another act ("took up positions, preventing protesters from reaching X")
            log.debug("%r at %d: the result of no event", verb.text, verb.idx)
            return None
        row_type = trigger.type
        if trigger.type == "THREATEN" and self._threatens_no_act(verb):
            # "a bombing threatening to raise tensions", "threatens to overwhelm hospitals": a
            # risk, no act threatened
            log.debug("%r at %d: threatens no act", verb.text, verb.idx)
            return None
        if trigger.type == "AGREE" and (self._vows_force(verb) or self._ready_for_force(verb)):
            log.debug("%r at %d: a promise of force is a threat", verb.text, verb.idx)
            return None
        if trigger.type == "AGREE" and self._promises_concession(verb):
            # "agreed to withdraw from the territory", "promised to release the prisoners":
            # the codebook's CONCEDE, "a promise of future concessions" (the retreat itself is
            # coded from its own verb, intended)
            trigger = dataclasses.replace(trigger, type="CONCEDE", mode=None)
        subjects, inherited = subject_tokens(verb)
        actors, how = self._actors_of(subjects)
        if not actors and subjects and self.is_trigger_noun(subjects[0]):
            # "an offensive that killed X": the offensive's actor did the killing
            event = self.nominal(subjects[0])
            actors, how = (list(event.actors), "proxy") if event else ([], "")
        if not actors and subjects and subjects[0].dep_ == "dobj" and (
            self.lexicon.cue_value("proxy", subjects[0].lemma_.lower()) == "weapon"
        ):  # "launched rockets targeting Israel": the weapon's user, who launched it
            actors, how = self._actors_of(subject_tokens(subjects[0].head)[0])
            how = "proxy" if actors else how
        if not actors and subjects and self._documented(verb, subjects[0]):
            # "X issued a statement condemning Y", "a resolution by X demanding Y": the author
            document = subjects[0]
            authors = [c for c in document.children if c.dep_ == "poss"] or prep_objects(
                document, ("by", "from"))
            if not authors and document.dep_ == "dobj" and document.head.pos_ == "VERB":
                authors = subject_tokens(document.head)[0]
            actors, how = self._actors_of(authors)
            how = "proxy" if actors and how == "direct" else how
        if not actors and is_passive(verb):
            # "five soldiers were killed in a Taliban attack", "arrested during a police raid":
            # the act of the same type it was done in names the doer
            for scene in prep_objects(verb, ("in", "during")):
                event = self.nominal(scene) if self.is_trigger_noun(scene) else None
                if event is not None and event.actors and event.event_type == trigger.type:
                    actors, how = list(event.actors), "proxy"
                    break
        if not actors and (trigger.type, trigger.mode) in _MOVED and is_passive(verb):
            # "Russian troops were deployed to X", "troops sent to X": the forces moved are
            # the mover's own, so their owner did the moving
            moved = [c for c in verb.children if c.dep_ == "nsubjpass"]
            moved = moved or ([verb.head] if verb.dep_ == "acl" else [])
            actors, how = self._actors_of(moved)
            how = "proxy" if actors else how
        if not actors and is_passive(verb):
            # "the bill was rejected in the Senate": an organisation as the scene is the doer
            bodies = [k for o in prep_objects(verb, ("in",)) for k in self.parts.actors(o)[0]]
            actors = [k for k in bodies if self.parts.entities[k].type == "Organization"]
            how = "proxy" if actors else how
        agentless = (
            not actors and is_official_act(trigger.type, trigger.mode) and is_passive(verb)
            and not any(c.dep_ == "agent" for c in verb.children)
        )  # fmt: skip
        # a doer named only by a group noun tied to no actor ("gunmen attacked X"): kept when
        # the event has a named recipient (checked below), with no actor of its own
        unnamed = () if actors or agentless else self.parts.unnamed_groups(subjects)
        if not actors and not agentless and not unnamed:
            log.debug("%r at %d: no actor among %s", verb.text, verb.idx, subjects)
            return None
        preps = trigger.preps or self.lexicon.default_preps(trigger.type)
        recipients: list[str] = []
        for obj in object_tokens(verb):
            keys = [k for k in self.parts.targets(obj) if k not in actors]  # not "its dispute"
            if obj.lower_ in _ACT_PRONOUNS and obj.pos_ == "PRON" and any(
                need == "judge" for need, _ in trigger.conditions
            ) and not self._calls_a_party(verb):
                # "X bombed Y. Z called it unacceptable": what is judged is the act told
                # before, so its doer is the one judged, not the last party named
                keys = self._last_doers(actors)
            if trigger.type not in _JUDGING_TYPES and obj.dep_ == "dobj" and any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children
            ) and not any(c.dep_ in ("amod", "compound", "nmod")
                          and self.parts.entity(c) is not None for c in obj.children):
                # "X halted its attacks on Y": the doer's own; what it is done to is inside
                # (but "met his Saudi counterpart" is Saudi Arabia's)
                keys = []
            if trigger.type in _MOVER_TYPES and obj.dep_ == "dobj" and (
                self.parts.group_sector(obj) or "")[:3] in FORCE_SECTORS:
                # "sending U.S. troops to Mali", "withdrew Russian forces from X": the forces
                # moved are the mover's own, not what the act is done to
                keys = []
            if trigger.type in _FORCE_TYPES and not keys and obj.pos_ == "NOUN" and (
                self._forceful(obj)
            ):
                # "repulsed an attack by Somali pirates", "foiled a hijacking by X": force used
                # on an act is used on whoever makes it (its "by" phrase or its modifier)
                makers, _ = self._actors_of(prep_objects(obj, ("by",)))
                maker = None if makers else self.parts.modifier_actor(obj, allow_of=False)
                keys = [k for k in (makers or ([maker] if maker else [])) if k not in actors]
            if trigger.type in _JUDGING_TYPES and self.is_trigger_noun(obj):
                # "condemned the killing of X by Y": the act judged is Y's; "condemned the
                # attack" told before: whoever made it, not its victim
                act = self.nominal(obj)
                doers = [k for k in act.actors if k not in actors] if act is not None else []
                doers = doers or referred_parties(obj, self.lexicon, self.told, self.makers,
                                                  actors, judged=True)
                keys = doers or keys
            # "condemned the air attack on a camp in X" with no attacker named: X is its victim,
            # not the one condemned
            unknown_doer = trigger.type == "ACCUSE" and self._forceful(obj) and not keys
            if not keys and obj.pos_ in ("NOUN", "PROPN") and not unknown_doer:
                keys = self._inner_recipients(obj, preps)
                if keys:
                    self.told[obj.lemma_.lower()] = keys
            if not keys and obj.pos_ == "NOUN":
                keys = referred_parties(obj, self.lexicon, self.told, self.makers, actors,
                                        judged=trigger.type in _JUDGING_TYPES)
            keys = keys or [k for k in self._proposed_to(obj, trigger) if k not in actors]
            recipients.extend(keys)
        for obj in prep_objects(verb, preps):
            keys = self.parts.targets(obj)
            keys = keys or [k for k in self._proposed_to(obj, trigger) if k not in actors]
            recipients.extend(keys)
        if not recipients:
            # "withdrew from the talks with X", "reneged on the deal with X": the phrase a
            # condition names holds the party
            holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
            for need, values in trigger.conditions:
                for prep in values[:1] if need == "pobj" else values if need == "prep" else ():
                    for obj in prep_phrase_objects(holders, prep):
                        # "moved into Khan Younis": the polity of a place the condition's
                        # place preposition names
                        placed_in = need == "prep" and self.lexicon.is_cue("location", prep)
                        keys = self.parts.polity_of([obj]) if placed_in else []
                        recipients.extend(k for k in keys or self._inner_recipients(obj, preps)
                                          if k not in actors)  # fmt: skip
        placed = trigger.type in _FORCE_TYPES or (trigger.type, trigger.mode) in _MOVED
        if not recipients and placed and not _local_force(unnamed):
            # force used on people in a polity: "killed six people in Syria" (Syria), "struck
            # the school in Jabaliya", "during an attack on a school in Gaza"; not by unnamed
            # police or criminals, who act in their own state ("police arrested a man in X");
            # forces moved into another's territory ("troops deployed in Gaza") likewise
            recipients.extend(k for k in self.parts.polity_of(_places_in(verb))
                              if k not in actors)  # fmt: skip
        if not recipients and trigger.type in _FORCE_TYPES:
            # "fired rockets targeting southern Israel", "missiles aimed at Kyiv": the party
            # the weapons were aimed at
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                for aim in obj.children:
                    if aim.dep_ == "acl" and aim.lemma_.lower() in _AIMED:
                        recipients.extend(k for o in [*object_tokens(aim),
                                                      *prep_objects(aim, ("at", "on"))]
                                          for k in self.parts.targets(o) if k not in actors)
        if not recipients:
            # "X alleged that Y infiltrated ...", "X demanded that Y withdraw", "X called for Y
            # to withdraw": Y is the target
            for comp in verb.children:
                if comp.dep_ == "ccomp" or is_for_clause(comp):
                    for subject in comp.children:
                        if subject.dep_ in ("nsubj", "nsubjpass"):
                            recipients.extend(k for k in self.parts.actors(subject)[0]
                                              if k not in actors)  # fmt: skip
        if not recipients and trigger.type in ("ACCUSE", "PROTEST"):
            # "protested, saying Japan had violated its sovereignty", "lodged a complaint,
            # arguing that South Sudan was trying to start a war": whom the words it adds
            # blame (a participle of saying whose clause has another party as its subject)
            for said in verb.children:
                if said.dep_ in ("advcl", "xcomp") and said.tag_ == "VBG" and (
                    self.lexicon.is_cue("report", said.lemma_.lower())
                ):
                    recipients.extend(k for comp in said.children if comp.dep_ == "ccomp"
                                      for subject in comp.children
                                      if subject.dep_ in ("nsubj", "nsubjpass")
                                      for k in self.parts.actors(subject)[0] if k not in actors)
        if not recipients and trigger.type == "ACCUSE" and trigger.need is None:
            # "condemned in the strongest terms what it called negative developments,
            # particularly the airstrike by the Sudanese forces": the doer of a forceful act
            # its object or clause tells is the one condemned (not an act a phrase of time or
            # cause adds: "claimed the bombings, a response to the killing of X by Y")
            content = [c for c in verb.children if c.dep_ in ("dobj", "ccomp")]
            for noun in (t for c in content for t in phrase_tokens(c)):
                if noun.pos_ != "NOUN" or not self._forceful(noun):
                    continue
                act = self.nominal(noun) if self.is_trigger_noun(noun) else None
                recipients.extend(k for k in (act.actors if act is not None else ())
                                  if k not in actors)  # fmt: skip
        lemma = verb.lemma_.lower()
        if not recipients and self.lexicon.is_cue("retaliate", lemma):
            # "Hamas fired rockets at Israel. Israel retaliated with air strikes": a
            # retaliation with no object strikes back at whoever last used force on its doer
            recipients.extend(self._attackers_of(actors))
        if not recipients and trigger.type == "THREATEN":
            # "warned that it would respond to any Israeli attack": the party of the act warned of
            for comp in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
                warned = self.verb_trigger(comp) if comp.pos_ == "VERB" else None
                # a response warned of is retaliation ("would respond to any attack"): the
                # verbs whose "with" phrase is their own act (`instrument`)
                if (warned is not None and warned.type in VOWED_TYPES) or (
                    comp.pos_ == "VERB" and self.lexicon.is_cue("instrument", comp.lemma_.lower())
                ):  # fmt: skip
                    recipients.extend(k for k in self.parts.keys_in(comp.subtree)
                                      if k not in actors)  # fmt: skip
            if not recipients and trigger.need == "ccomp":
                # "warned that the crisis could spread": a forecast, no threat to anyone
                log.debug("%r at %d: a warning that threatens no one", verb.text, verb.idx)
                return None
        if not recipients and self.lexicon.is_cue("commit", lemma):
            # a threat, an offer or a promise is an act in itself, done to the party of the act
            # threatened or offered: "threatened to strike X", "offered to mediate between X
            # and Y" (that act itself is coded from its own verb, as intended)
            for comp in (c for c in verb.children if c.dep_ == "xcomp"):
                recipients.extend(k for k in self.parts.keys_in(comp.subtree) if k not in actors)
        if self.lexicon.is_cue("deny", lemma) and not self.lexicon.is_cue("block", lemma) and any(
            c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and self.lexicon.is_cue(
                "deny_object", c.lemma_.lower())) for c in verb.children):
            # a denial is done to whoever made the claim, when the text names them ("denied
            # Egypt's reports", issue #15); else, as the references record it, to the other
            # party of the act denied (that act is also an event of its own, status denied)
            recipients = self._claimants(verb) or [
                k for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")
                for k in self.parts.keys_in(c.subtree)] or recipients  # "the accusation" told
        elif self.lexicon.is_cue("block", lemma):
            for comp in verb.children:
                if comp.dep_ == "xcomp" and not recipients:
                    # "refused to meet the demands": the demands told before
                    for obj in (c for c in comp.children if c.dep_ == "dobj"):
                        recipients.extend(referred_parties(
                            obj, self.lexicon, self.told, self.makers, actors))
                if comp.dep_ in ("ccomp", "xcomp") or (
                    comp.dep_ == "dobj" and self.lexicon.is_cue("deny_object", comp.lemma_.lower())
                ):
                    recipients.extend(self.parts.keys_in(comp.subtree))
        if self.lexicon.is_cue("block", lemma) and any(
            c.dep_ == "xcomp" and self.lexicon.is_cue("report", c.lemma_.lower())
            for c in verb.children
        ):
            # "declined to comment", "refused to say": words withheld, no act refused
            log.debug("%r at %d: withholds words, refuses no act", verb.text, verb.idx)
            return None
        if any(c.dep_ == "xcomp" and self.lexicon.is_cue("anonymity", c.lemma_.lower())
               and any(n.dep_ == "neg" for n in c.children) for c in verb.children):
            # "a spokeswoman, who asked not to be named": a source's condition, no request
            log.debug("%r at %d: asks for anonymity", verb.text, verb.idx)
            return None
        if trigger.type in _FORCE_TYPES and any(
            c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in verb.children
        ):  # "hanged himself in his cell", "blew himself up": no one else's act on anyone
            log.debug("%r at %d: force on oneself", verb.text, verb.idx)
            return None
        if trigger.type == "THREATEN" and self._told_as_done(verb):
            # "warned Israel it was destroying its image": a warning about what the other
            # side does now is a reproach, the codebook's ACCUSE (disapprove), not a threat
            trigger = dataclasses.replace(trigger, type="ACCUSE", mode="disapprove")
        vindicates = self._vindicates(verb, actors)
        if vindicates:  # the critics are rejected, not the doer's own body
            own = {self.parts.entities[k].affiliation for k in actors}
            recipients = [k for k in recipients if k not in own]
        # "police detained protesters", "troops fired on demonstrators": the people it is done
        # to, named only by a group noun (not the doers' own group: "protesters clashed")
        # (not the forces a mover moves, "mobilized all their forces", nor a doer's own people
        # it names with a possessive, "provide its customers with")
        victims = () if without(recipients, actors) or trigger.type in _MOVING_TYPES else tuple(
            g for g in self._people_done_to(
                [o for o in (*object_tokens(verb), *prep_objects(verb, preps))
                 if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in o.children)],
                actors) if g not in unnamed)  # fmt: skip
        return Candidate(
            trigger, "REJECT" if vindicates else trigger.type, verb, verb, verb, tuple(actors),
            "unnamed" if unnamed else "agentless" if agentless else how,
            inherited, without(recipients, actors), False, False, unnamed,
            resolved=as_written(subjects) if how == "pronoun" else (),
            # a rule changed the row's type, or the row itself reads the act it is about
            # ("warned of sanctions", "raised the prospect of sanctions": THREATEN)
            settled=vindicates or trigger.type != row_type or any(
                "*force" in values for _, values in trigger.conditions),
            unnamed_recipients=victims,
        )  # fmt: skip

    def _people_done_to(
        self, tokens: Sequence[Token], actors: Sequence[str]
    ) -> list[tuple[str, str]]:
        """The groups of people named by a group noun among an act's objects, as (words,
        sector): an unnamed group ("detained journalists"), or the doers' own people
        ("Egyptian police detained Egyptian protesters", "police fired at protesters in
        Nairobi": a group tied to the doer's country, which is no recipient of its own)."""
        found = list(self.parts.unnamed_groups(tokens))
        for token in tokens:
            if self.parts.is_count(token):  # "hundreds of protesters"
                token = next(iter(prep_objects(token, ("of",))), token)
            for head in (token, *conjuncts(token)):
                sector = self.parts.generic.get(head.i)
                group = (head.text, sector or "")
                if sector and self.parts.entity(head) in actors and group not in found:
                    found.append(group)
        return found

    def _told_as_done(self, verb: Token) -> bool:
        """Whether a verb's clausal complement tells what is done or being done, not what
        will or may be ("warned it was destroying", not "warned it would respond")."""
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if comp is None or comp.pos_ not in ("VERB", "AUX") or comp.tag_ == "VB" or any(
            c.dep_ == "aux" and self.lexicon.is_cue("intend_aux", c.lower_) for c in comp.children
        ):  # fmt: skip
            return False
        if any(c.tag_ in ("WP", "WDT", "WRB") for c in comp.subtree if c.i < comp.i):
            return False  # "threatening what he called an invasion": its object
        return not has_condition(comp)

    def _documented(self, verb: Token, subject: Token) -> bool:
        """Whether a participle clause hangs on a document noun it tells the act of ("a
        statement condemning X", "a resolution demanding Y"; cue "document")."""
        return (
            verb.dep_ == "acl" and subject.i == verb.head.i and subject.pos_ == "NOUN"
            and self.lexicon.is_cue("document", subject.lemma_.lower())
        )  # fmt: skip

    def _vindicates(self, verb: Token, actors: Sequence[str]) -> bool:
        """"X defended its actions", "X justified itself", a government's spokesman defending
        the government: verbal support of the doer's own acts or body rejects its critics."""
        if not actors or not self.lexicon.is_cue("vindicate", verb.lemma_.lower()):
            return False
        own = {*actors, *(self.parts.entities[k].affiliation for k in actors)} - {None}
        for obj in object_tokens(verb):
            if obj.lower_ in ("itself", "himself", "herself", "themselves", "ourselves"):
                return True
            if obj.ent_type_ == "NORP":
                continue  # "vowed to defend Serbs in Kosovo": its people, protected, not justified
            owners = [k for c in obj.children if c.dep_ == "poss"
                      for k in self.parts.actors(c)[0]]  # fmt: skip
            keys = owners or self.parts.actors(obj)[0]
            if keys and set(keys) <= own:
                return True
        return False

    def _person_possessor(self, noun: Token, key: str) -> bool:
        """Whether `key` came from a possessive of the noun and is a person ("his arrest")."""
        return self.parts.entities[key].type == "Person" and any(
            c.dep_ == "poss" for c in noun.children)

    def _inner_recipients(self, noun: Token, preps: Sequence[str]) -> list[str]:
        """"rejected cooperation with X", "a warrant issued for X" -> X; the verb's own
        recipient phrase misattached to its object ("requested aid for the search from X")."""
        rows = self.lexicon.noun_triggers(noun.lemma_.lower())
        inner = rows[0].preps if rows and rows[0].preps else preps
        holders = [noun, *(c for c in noun.children if c.dep_ in ("acl", "relcl"))]
        keys: list[str] = []
        for holder in holders:
            for obj in prep_objects(holder, inner):
                keys.extend(self.parts.targets(obj))
        if not keys:
            nested = [o for o in prep_objects(noun, ("for", "of", "in")) if o.pos_ == "NOUN"]
            for holder in [noun, *nested]:
                for obj in prep_objects(holder, preps):
                    keys.extend(self.parts.actors(obj)[0])
        if not keys:
            # "rejected a bailout deal for X": who it was for
            keys = [k for o in prep_objects(noun, ("for",)) for k in self.parts.targets(o)]
        return keys

    def _actors_of(self, tokens: Sequence[Token]) -> tuple[list[str], str]:
        keys: list[str] = []
        how = ""
        for token in tokens:
            found, way = self.parts.actors(token)
            keys.extend(k for k in found if k not in keys)
            how = how or way
        return keys, how

    # -- nouns --------------------------------------------------------------------------------

    def noun_trigger(self, noun: Token) -> tuple[Trigger, Token] | None:
        """The trigger row for a noun; a compound modifier can name a more specific event
        ("hunger strike"), and a row with an object condition only fires that way."""
        if self._name_word(noun):
            return None
        lemma = noun.lemma_.lower()
        partitive = self.lexicon.is_cue("partitive", lemma)
        for child in noun.children:
            if child.dep_ not in ("compound", "amod"):  # "a labour strike", "a general strike"
                continue
            for trigger in self.lexicon.modifier_triggers(child.lemma_.lower()):
                if lemma in trigger.values:  # "first aid" is no aid between parties
                    return None if trigger.type == NO_EVENT else (trigger, child)
            if partitive and child.dep_ == "compound":  # "an aid package", "a bailout package"
                for trigger in self.lexicon.noun_triggers(child.lemma_.lower()):
                    if trigger.need is None:
                        return trigger, child
        for trigger in self.lexicon.noun_triggers(lemma):
            if trigger.need is None:
                return trigger, noun
            if trigger.need == "prep" and any(
                c.dep_ == "prep" and c.lower_ in trigger.values for c in noun.children
            ):
                return trigger, noun
            if trigger.need == "under" and noun.dep_ == "pobj" and (
                noun.head.lower_ in trigger.values
            ):  # "workers went on strike"
                return trigger, noun
        return None

    def nominal(self, noun: Token) -> Candidate | None:
        found = self.noun_trigger(noun)
        if found is None:
            return None
        trigger, first = found
        if any(c.dep_ == "det" and c.lower_ in _ANY for c in noun.children):
            # "would respond to any attack": an act supposed, not one that took place
            log.debug("%r at %d: a supposed act, not an event", noun.text, noun.idx)
            return None
        preps = trigger.preps or self.lexicon.default_preps(trigger.type)
        event_type = trigger.type
        anchor = self._anchor(noun)
        governor = self._light_verb(anchor)
        if governor is None and trigger.need == "under" and noun.head.head.pos_ in ("VERB", "AUX"):
            governor = noun.head.head  # "workers went on strike": the verb's subject does it
        if governor is None and anchor.i != noun.i and anchor.dep_ == "dobj" and (
            anchor.head.pos_ == "VERB" and noun.head.lower_ != "of"
        ):
            # "X denied any involvement in the attack", "X admitted its role in the bombing":
            # a share in an act is its subject's (denied: `Status.find`)
            governor = anchor.head
        actors: list[str] = []
        how = ""
        inherited = False
        light_intent = False
        recipients: list[str] = []
        resolved: tuple[str, ...] = ()
        unnamed: tuple[tuple[str, str], ...] = ()
        clause = noun
        if governor is not None and self.lexicon.cue_value(
            "light", governor.lemma_.lower()
        ) == "recipient":
            # "X received loans from Y": Y is the actor, X the recipient (a country the entity
            # stage read as the place things came from is that country: "aid from Qatar")
            for holder in (governor, anchor):
                for obj in prep_objects(holder, ("from",)):
                    givers = self.parts.actors(obj)[0] or [
                        k for o in (obj, *conjuncts(obj)) for k in self.parts.polity_of([o])]
                    actors.extend(k for k in givers if k not in actors)
            how = "direct"
            recipients = self._actors_of(subject_tokens(governor)[0])[0]
            clause = governor
        elif governor is not None:
            value = self.lexicon.cue_value("light", governor.lemma_.lower())
            light_intent = value == "intend"
            if value and ">" in value:
                old, new = value.split(">", 1)
                # "offered an apology", "gave praise": words said are no goods given
                said = self.lexicon.is_cue("expression", noun.lemma_.lower())
                if event_type == old and not said:  # "fired its weapons at X": new phrases too
                    event_type = new
                    preps = tuple(dict.fromkeys((*preps, *self.lexicon.default_preps(new))))
            subjects, inherited = subject_tokens(governor)
            if not subjects and is_passive(governor) and anchor.dep_ == "pobj" and (
                anchor.head.lower_ == "in" and anchor.head.head.i == governor.i
            ):  # "X was involved in the attack", "were engaged in talks": X takes part
                subjects = [c for c in governor.children if c.dep_ == "nsubjpass"]
            actors, how = self._actors_of(subjects)
            resolved = as_written(subjects) if how == "pronoun" else ()
            # "protesters staged demonstrations against X": an unnamed group's act, kept
            # when it has a recipient (as for a verb)
            unnamed = () if actors else self.parts.unnamed_groups(subjects)
            for obj in prep_objects(governor, preps) + [
                c for c in governor.children if c.dep_ == "dative"
            ]:
                recipients.extend(self.parts.targets(obj))
            slot = anchor.head if anchor.dep_ == "appos" else anchor
            if governor.i in (slot.head.i, slot.head.head.i, slot.head.head.head.i):
                clause = governor  # "held talks", "talks with X held", "$5m in aid pledged"
            if slot.dep_ == "pobj" and slot.head.lower_ == "with":
                # "provided X with a package": X receives it
                for obj in governor.children:
                    if obj.dep_ == "dobj":
                        recipients.extend(self.parts.targets(obj))
        elif noun.dep_ == "dobj" and (
            (verb := self.verb_trigger(noun.head)) is not None
            and verb.type not in _JUDGING_TYPES
        ):
            return None  # the verb is the event; this noun only says what it was about
        if not actors and governor is None and _gerund_complement(noun):
            # "Sudan denied bombing South Sudan": a gerund the parser took for a noun; the
            # verb's subject does it, and what it governs is done to
            subjects, inherited = subject_tokens(noun.head)
            actors, how = self._actors_of(subjects)
            for obj in (c for c in noun.children if c.dep_ in ("dobj", "npadvmod")):
                recipients.extend(self.parts.targets(obj))
        if not actors:
            modifier = self.parts.modifier_actor(noun, allow_of=False)
            if modifier is None and anchor.i != noun.i:
                modifier = self.parts.modifier_actor(anchor, allow_of=False)
            if modifier is None:
                modifier = self._body_compound(noun)
            if modifier is not None and "of" in preps and self._person_possessor(noun, modifier):
                # "his arrest", "Navalny's release": a person's possessive on an act done to
                # its "of" object names who it was done to, not who did it
                recipients.append(modifier)
            elif modifier is not None:
                actors, how = [modifier], "proxy"
        if not actors:
            # "the arrest of X by Y": the parser often hangs "by Y" on X
            holders = [noun, *prep_objects(noun, ("of",))]
            actors, how = self._actors_of([o for h in holders for o in prep_objects(h, ("by",))])
        of_doer = False
        if not actors and "of" not in preps:
            # an act whose "of" phrase is not done to: "the visit of X", "the withdrawal of X's
            # troops", "with the support of X" name its doer (the arrest of X is done to X)
            actors, how = self._actors_of(prep_objects(noun, ("of",)))
            of_doer = bool(actors)
        between: list[str] = []
        # "talks between X and Y"; "an agreement was reached between X and Y": the phrase on
        # the verb the noun is the subject or object of
        holders = [noun] + ([noun.head] if noun.dep_ in ("nsubj", "nsubjpass", "dobj")
                            and noun.head.pos_ == "VERB" else [])  # fmt: skip
        for obj in (o for h in holders for o in prep_objects(h, ("between", "among"))):
            between.extend(k for k in self.parts.actors(obj)[0] if k not in between)
        if not actors and len(between) >= 2:
            actors, how, between = between, "direct", []
        if not actors and not unnamed:
            # "a protest by students": an unnamed group as the doer; "police raids": one
            # that modifies the act
            unnamed = self.parts.unnamed_groups(
                [o for h in (noun, anchor) for o in prep_objects(h, ("by",))]
                + [c for c in noun.children if c.dep_ == "compound"])
        implied = False
        if not actors and not unnamed:
            # "the protests turned violent": the act's own doers, an unnamed group implied by
            # its type (kg:impliedDoer), recorded as inferred
            doer = self.lexicon.implied_doer(event_type)
            unnamed, implied = ((doer,), True) if doer is not None else ((), False)
        if not actors and not unnamed:
            log.debug("%r at %d: nominal trigger without actor", noun.text, noun.idx)
            told = [k for o in prep_objects(noun, preps) for k in self.parts.targets(o)]
            if told:
                self.told[noun.lemma_.lower()] = told  # "a deal with X" ... "the deal"
            return None
        # "condemned the attack on a camp in X", the parser hanging "on ..." on the verb: a
        # phrase of the noun's own recipient prepositions right after it is the noun's
        hung = [o for p in (noun.head.children if noun.dep_ == "dobj" else ())
                if p.dep_ == "prep" and p.lower_ in preps and p.i == noun.right_edge.i + 1
                for o in p.children if o.dep_ == "pobj"]  # fmt: skip
        if noun.dep_ == "nsubj" and self.lexicon.is_cue("occur", noun.head.lemma_.lower()):
            # "when the Israeli attack came on the school": the verb telling the act happen
            # holds its phrases
            hung += prep_objects(noun.head, preps)
        for holder in {noun.i: noun, anchor.i: anchor}.values():
            for obj in prep_objects(holder, preps):
                recipients.extend(self.parts.targets(obj))
        for obj in hung:
            recipients.extend(self.parts.targets(obj))
        recipients.extend(between)
        if not recipients and event_type in _FORCE_TYPES:
            # force used in a polity: "the Israeli offensive in Gaza" (Palestine), "renewed
            # its bombing campaign in Lebanon" (the support verb's place)
            places = _places_in(noun) + (  # "an air attack on a camp in X"
                prep_objects(governor, ("in",)) if governor is not None else [])
            places += [p for o in hung for p in prep_objects(o, ("in",))]
            recipients.extend(k for k in self.parts.polity_of(places) if k not in actors)
        if not recipients:
            # "a recommendation that X re-open", "allegations that X infiltrated": X
            for clause in (c for c in noun.children if c.dep_ in ("acl", "ccomp")):
                for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                    recipients.extend(self.parts.actors(subject)[0])
        if event_type == "AID" and not recipients and governor is None and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children
        ):  # "their arms", "repay its loans": what its holder has, no aid given to anyone
            log.debug("%r at %d: own holdings, no aid", noun.text, noun.idx)
            return None
        if of_doer and not recipients and event_type not in self.lexicon.open_types:
            # "the legal trip of X" is no visit: a doer told only by "of" needs the act's
            # other party unless the act stands alone ("the resignation of X")
            log.debug("%r at %d: of-phrase doer and no recipient", noun.text, noun.idx)
            return None
        return Candidate(
            trigger, event_type, noun, first, clause, tuple(actors),
            "unnamed" if unnamed and not actors else how, inherited,
            without(recipients, actors), light_intent, True,
            unnamed=() if actors else unnamed, inferred=implied, resolved=resolved,
        )  # fmt: skip

    def _body_compound(self, noun: Token) -> str | None:
        """A known organisation or armed group (of the gazetteer or the actor dictionaries)
        named as a compound of an event noun, which is its doer ("a Taliban attack", "EU
        sanctions", "a NATO summit"), or a group noun there tied to its actor ("police raids"
        in a story about Gabon). A country there is left out ("Russia sanctions" are mostly on
        Russia, "the Gaza war" is fought in Gaza), and so is a name the recognizer alone found
        ("a FIRE-BOMB attack") or one the noun is part of ("the Asia Pacific Economic
        Cooperation")."""
        if self.parts.entity(noun) is not None:
            return None
        for child in noun.children:
            key = self.parts.entity(child) if child.dep_ == "compound" else None
            if key is None:
                continue
            if child.i in self.parts.generic:
                return key
            entity = self.parts.entities[key]
            if entity.type in ("Organization", "ArmedGroup") and entity.basis.startswith(
                    ("gazetteer:", "dictionary:")):
                return key
        return None

    def _anchor(self, noun: Token) -> Token:
        """The noun standing in the clause for a trigger inside a partitive phrase:
        "a package of sanctions", "a new round of talks", "responsibility for the attack" ->
        package, round, responsibility (the cue's value is its preposition, else "of")."""
        head = noun.head
        if noun.dep_ == "pobj" and head.head.pos_ == "NOUN":
            lemma = head.head.lemma_.lower()
            if self.lexicon.is_cue("partitive", lemma) and head.lower_ == (
                self.lexicon.cue_value("partitive", lemma) or "of"
            ):
                return head.head
        return noun

    def _claimants(self, verb: Token) -> list[str]:
        """Who made the claim a denial verb denies: "denied reports by X", "X's claims"."""
        found: list[str] = []
        for claim in verb.children:
            if claim.dep_ != "dobj" or not self.lexicon.is_cue("deny_object",
                                                                claim.lemma_.lower()):
                continue
            for child in claim.children:
                if child.dep_ in ("poss", "compound", "amod"):
                    found.extend(self.parts.actors(child)[0])
                elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                    for obj in (c for c in child.children if c.dep_ == "pobj"):
                        found.extend(self.parts.actors(obj)[0])
        return found

    def _promised_types(self, verb: Token) -> set[str]:
        """The types of the acts a verb of commitment ("agree", "promise", "vow") promises in
        its infinitive ("promised to crush the rebels", "agreed to withdraw")."""
        if not self.lexicon.is_cue("commit", verb.lemma_.lower()):
            return set()
        acts = [self.verb_trigger(c) for c in verb.children if c.dep_ == "xcomp"]
        return {act.type for act in acts if act is not None}

    def _promises_concession(self, verb: Token) -> bool:
        """Whether a verb of commitment promises a retreat or a concession ("agreed to
        withdraw", "pledged to lift the curfew"), or to stop doing something no row types
        ("agreed to halt settlement construction": a promise of future concessions, the
        codebook's CONCEDE; "agreed to halt aid" is typed by its own row)."""
        if self._promised_types(verb) & set(_CONCEDED_TYPES):
            return True
        return self.lexicon.is_cue("commit", verb.lemma_.lower()) and any(
            c.dep_ == "xcomp" and self.lexicon.is_cue("cease", c.lemma_.lower())
            and self.verb_trigger(c) is None
            and any(o.dep_ == "dobj" and o.pos_ == "NOUN" and self.parts.entity(o) is None
                    for o in c.children)
            for c in verb.children)  # fmt: skip

    def _threatens_no_act(self, verb: Token) -> bool:
        """Whether what a verb threatens in its infinitive names no act of the tables ("threatening
        to raise tensions"; not "threatened to strike", "threatened to impose sanctions")."""
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        return bool(comps) and not any(
            (t.pos_ == "VERB" and self.verb_trigger(t) is not None) or self.is_trigger_noun(t)
            for comp in comps for t in comp.subtree
        )  # fmt: skip

    def _ready_for_force(self, verb: Token) -> bool:
        """Whether the willingness a verb's object tells is to use force or coercion
        ("expressed readiness to retaliate against X"): a threat, not an agreement."""
        acts = [self.verb_trigger(c) for obj in verb.children if obj.dep_ == "dobj"
                for c in obj.children if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB"]
        return any(act is not None and act.type in VOWED_TYPES for act in acts)

    def _vows_force(self, verb: Token) -> bool:
        """Whether a promise is one of violence or coercion ("promised to crush the rebels"):
        a threat, coded from the act promised (`conditional_threat`), not an agreement."""
        if self.lexicon.cue_value("commit", verb.lemma_.lower()) != "threat":
            return False
        return bool(self._promised_types(verb) & set(VOWED_TYPES))

    def copular_judgment(self, predicate: Token) -> Candidate | None:
        """A speaker's disapproval of a party told as what it is or does: "the Israeli attacks
        on UN sites are totally unacceptable, Mr. Ban said", "GM's behaviour is completely
        unacceptable, said Bruederle" (ACCUSE disapprove). The copula must be the content of a
        report verb whose subject is a named party other than the one judged; the predicate
        (its head and the words qualifying it) must be rated at least `_COPULAR_JUDGED` below
        zero by the judgment table; what is judged is a party, an act whose doer is named, or
        what a party decided or did ("Nigeria's new law is a gross violation").
        Praise told this way is left out: "X said Y is a good place / profitable / a family
        friend" describes more often than it commends. The speaker does it; it is asserted
        when said."""
        copula = predicate.head
        report = copula.head if copula.dep_ == "ccomp" else None
        if report is None or report.pos_ != "VERB" or not self.lexicon.is_cue(
            "report", report.lemma_.lower()
        ):
            return None
        if any(c.dep_ == "neg" for c in (*copula.children, *report.children)):
            return None
        heads = [predicate]
        if predicate.lower_ == "one":  # "one of the most repressive states"
            heads += prep_objects(predicate, ("of",))
        # the head and what qualifies it, not a noun naming its kind ("a bomb technician")
        words = [w for h in heads for w in (h, *(c for c in h.children
                 if c.dep_ in ("amod", "advmod", "conj")))]  # fmt: skip
        rating = self.lexicon.judgment([w.lower_ for w in words])
        if rating > -_COPULAR_JUDGED:
            # praise told this way is most often description: "X said Y is a good place /
            # profitable / a family friend / free men"
            return None
        speakers, how = self._actors_of(subject_tokens(report)[0])
        judged: list[str] = []
        for subject in (c for c in copula.children if c.dep_ == "nsubj"):
            if self.is_trigger_noun(subject):
                act = self.nominal(subject)
                judged.extend(act.actors if act is not None else ())
            elif subject.lemma_.lower() in _JUDGED_THINGS:
                # "Nigeria's new law is a gross violation", "the Israeli policy is
                # unacceptable": what a party did or decided judges its owner
                judged.extend(self.parts.targets(subject) or [
                    k for c in subject.children if c.dep_ in ("poss", "amod", "compound")
                    for k in self.parts.targets(c)])  # fmt: skip
            elif subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in _ACT_PRONOUNS:
                judged.extend(self.parts.targets(subject))
        judged = [k for k in judged if k not in speakers]
        if not speakers or not judged:
            return None
        trigger = Trigger(predicate.lemma_.lower(), predicate.pos_, "ACCUSE", "disapprove",
                          "judge", ("neg",), ())
        return Candidate(trigger, trigger.type, predicate, predicate, report, tuple(speakers),
                         how, False, tuple(judged), False, False)

    def _calls_a_party(self, verb: Token) -> bool:
        """Whether a verb of naming calls its object a party ("called it a terrorist state",
        "described it as a criminal regime"): the complement's head is a group noun or a
        noun standing for a state or a body, or names an actor."""
        heads = [c for c in verb.children if c.dep_ in ("oprd", "attr", "dobj", "appos")]
        heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        for head in heads:
            if head.pos_ not in ("NOUN", "PROPN"):
                continue
            lemma = head.lemma_.lower()
            if (self.lexicon.cue_value("proxy", lemma) is not None
                    or self.lexicon.is_cue("polity", lemma)
                    or self.parts.group_sector(head) is not None
                    or self.parts.entity(head) is not None):
                return True  # fmt: skip
        return False

    def _last_doers(self, exclude: Sequence[str], *, force: bool = False) -> list[str]:
        """The doers of the last act told (not a judgment; with `force`, the last forceful
        act), when it is told in this sentence or the two before (`_ACT_WINDOW`); [] otherwise.
        """
        last = self.last_force if force else self.last_act
        if last is None or self.sentence_no - last[0] > _ACT_WINDOW:
            return []
        return [k for k in last[1] if k not in exclude]

    def _attackers_of(self, victims: Sequence[str]) -> list[str]:
        """The doers of the last forceful act done to any of `victims`, when it is told in
        this sentence or the two before (`_ACT_WINDOW`), victims aside."""
        found: list[str] = []
        for victim in victims:
            told = self.struck.get(victim)
            if told is not None and self.sentence_no - told[0] <= _ACT_WINDOW:
                found.extend(k for k in told[1] if k not in victims and k not in found)
        return found

    def inquiry_target(self, candidate: Candidate) -> Candidate:
        """An investigation with no "into" phrase, opened or called for, looks into the
        forceful act just told: "Israeli shells hit a UN school. Ging called for an independent
        investigation" is a demand made of Israel. Other candidates are returned as they are."""
        if candidate.recipients:
            return candidate
        token = candidate.token
        # an investigation opened or called for; not one that is the subject of its own
        # verb, which may tell what it looks into ("the investigation focused on X")
        if candidate.nominal:
            nouns = [token] if token.dep_ in ("dobj", "pobj") else []
        else:
            nouns = [*object_tokens(token), *prep_objects(token, ("for",))]
        inquiries = [n for n in nouns if self._is_inquiry(n)]
        if not inquiries:
            return candidate
        # "an investigation of the strikes", "a probe into the killing of X by Y": whoever
        # did the act looked into (its own doer, else the last forceful act's)
        acts = [a for n in inquiries for a in prep_objects(n, _INQUIRY_PREPS)]
        doers = [k for a in acts for k in self._act_doers(a) if k not in candidate.actors]
        doers = doers or self._last_doers(candidate.actors, force=True)
        return dataclasses.replace(candidate, recipients=tuple(doers)) if doers else candidate

    def _act_doers(self, act: Token) -> list[str]:
        """Who did an act a noun names: its event's actors ("the killing of X by Y"), or,
        for a wrong that is no event by itself, its "by" phrase ("abuses by the army")."""
        if self.is_trigger_noun(act):
            event = self.nominal(act)
            return list(event.actors) if event is not None else []
        return self._actors_of(prep_objects(act, ("by",)))[0]

    def _is_inquiry(self, noun: Token) -> bool:
        """Whether a noun is an investigation that names nothing it looks into but an act
        ("an investigation", "an inquiry into the attacks", "a probe into abuses by the
        army"; not "an inquiry into X")."""
        if noun.pos_ != "NOUN" or any(
            not self.is_trigger_noun(o) and not prep_objects(o, ("by",))
            for o in prep_objects(noun, _INQUIRY_PREPS)
        ):  # fmt: skip
            return False
        return any(row.mode == "investigate" and row.need is None
                   for row in self.lexicon.noun_triggers(noun.lemma_.lower()))  # fmt: skip

    def _judgeable(self, verb: Token) -> bool:
        """Whether a verb of naming names a party or an act ("called Israel the most
        destructive force", "called it unacceptable", "called the attack a crime", "called the
        plan a non-starter"), not a thing ("described the building as a total loss")."""
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "dative")):
            if (obj.pos_ == "PRON" or self.parts.entity(obj) is not None
                    or self.is_trigger_noun(obj) or obj.lemma_.lower() in _JUDGED_THINGS):
                return True  # fmt: skip
        return False

    def _carries_noun(self, verb: Token) -> bool:
        """Whether a support verb has a nominal trigger as its object ("held talks"), or
        takes part in one ("took part in the protest")."""
        if any(c.dep_ == "dobj" and c.lemma_.lower() == "part" for c in verb.children):
            holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
            return any(self.is_trigger_noun(o) for h in holders for o in prep_objects(h, ("in",)))
        return self.lexicon.is_cue("light", verb.lemma_.lower()) and any(
            c.dep_ == "dobj" and self.is_trigger_noun(c) for c in verb.children)

    def _charges_another(self, verb: Token, trigger: Trigger) -> bool:
        """Whether an accusing verb that frames a clause tells a forceful act of another,
        named party ("X argued Hamas fighters had fired mortar shells at its forces"): an
        accusation of its own, done to that party (the act itself is reported)."""
        if trigger.type != "ACCUSE":
            return False
        for comp in (c for c in verb.children if c.dep_ == "ccomp"):
            subjects = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
            if self._forceful(comp) and any(s.pos_ in ("NOUN", "PROPN") for s in subjects):
                return True
        return False

    def _frames_clause(self, verb: Token) -> bool:
        """Whether a reporting, denial or intention verb frames another clause ("..., X
        claimed", "X decided to ..."); threats, offers and promises are acts of their own."""
        lex, lemma = self.lexicon, verb.lemma_.lower()
        frames = verb.dep_ == "parataxis" or any(
            c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children)
        cue = any(lex.is_cue(c, lemma) for c in ("report", "deny", "intend"))
        return frames and cue and not lex.is_cue("commit", lemma)

    def _light_verb(self, noun: Token) -> Token | None:
        """The support verb of a nominal trigger: "held talks", "talks were held by", "a deal
        forged by", "responded with an offensive"."""
        if noun.dep_ == "appos":
            noun = noun.head  # "provided X with $52 million, a financial assistance package"
        head = noun.head
        if (
            noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX")
            and self.lexicon.is_cue("light", head.lemma_.lower())
            and not any(c.dep_ == "oprd" for c in head.children)
        ):  # fmt: skip
            # not "called the sanctions a crime": a verb that names its object does not do it
            return head
        if (
            noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB"
            and (self.lexicon.is_cue("instrument", head.head.lemma_.lower())
                 or ">" in (self.lexicon.cue_value("light", head.head.lemma_.lower()) or ""))
        ):  # fmt: skip
            return head.head
        if noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in ("VERB", "NOUN"):
            # "participated in the talks"; "took part in the protest": "part" passes its
            # verb on
            carrier = head.head
            if carrier.lemma_.lower() == "part" and carrier.dep_ == "dobj":
                return carrier.head  # "took part in", "played a part in"
            if carrier.pos_ == "VERB" and (
                self.lexicon.is_cue("light", carrier.lemma_.lower())
                or any(c.dep_ == "dobj" and c.lemma_.lower() == "part" for c in carrier.children)
            ):  # fmt: skip
                return carrier
        if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.pos_ == "VERB" and (
            self.lexicon.cue_value("light", head.head.lemma_.lower()) == "recipient"
        ):  # "came under attack from X": its subject has the act done to it
            return head.head
        if noun.dep_ == "pobj" and head.lower_ in ("in", "of"):
            # "pledged 500 million euros in aid", "sent 200 tonnes of food aid"; the phrase
            # may hang on the amount or on the verb
            if _is_amount(head.head):
                return self._light_verb(head.head)
            amounts = [c for c in head.head.children if c.dep_ == "dobj" and _is_amount(c)]
            if amounts:
                return self._light_verb(amounts[0])
        for child in noun.children:
            if (
                child.dep_ == "acl"
                and child.tag_ == "VBN"
                and self.lexicon.is_cue("light", child.lemma_.lower())
                and any(c.dep_ == "agent" for c in child.children)
            ):
                return child
        return None
