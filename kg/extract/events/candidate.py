"""Event candidates and how one becomes an `EventMention`: confidence, date, place.

Split from `kg.extract.events.finder` (which finds candidates in the parse) to keep modules small.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kg.extract.events.dateline import Dateline, may_place
from kg.extract.events.roles import CROWD_SECTORS, PEOPLE_SECTOR
from kg.extract.events.status import Status
from kg.extract.events.syntax import (
    has_condition,
    has_prep_object,
    object_tokens,
    prep_objects,
    subject_tokens,
)
from kg.extract.events.timex import best_date
from kg.extract.events.typemodel import is_hedged
from kg.records import ARMED_SECTORS, EventMention
from kg.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.events.lexicon import Lexicon, Trigger
    from kg.extract.events.roles import Participants


@dataclass(frozen=True, slots=True)
class Candidate:
    """A trigger with its participants, before status and date are decided.

    Frozen: a later pass (an inherited recipient, an agentless actor) makes a new candidate
    with `dataclasses.replace`, so the one it started from stays as found.
    """

    trigger: Trigger
    event_type: str
    token: Token  # the trigger head
    first: Token  # first token of the trigger text (a compound modifier, or the head)
    clause: Token  # the token whose ancestors decide the status
    actors: tuple[str, ...]
    how: str
    inherited: bool
    recipients: tuple[str, ...]
    light_intent: bool
    nominal: bool
    #: doers named by an unnamed group, as (words, sector): "gunmen" (issue #15)
    unnamed: tuple[tuple[str, str], ...] = ()
    #: the doer is inferred, not named: the state for an agentless official act (issue #15), or
    #: the unnamed group a nominal act with no doer implies (kg:impliedDoer)
    inferred: bool = False
    #: the words, as written, of a doer resolved from a pronoun or description ("It")
    resolved: tuple[str, ...] = ()
    #: a rule reading the clause gave the type, not the trigger row alone (a promise of a
    #: retreat is CONCEDE, a conditional threat THREATEN): the type model leaves it
    settled: bool = False
    #: the people the act is done to, named only by an unnamed group ("detained protesters")
    unnamed_recipients: tuple[tuple[str, str], ...] = ()


#: Words that, as an object, say the subjects did the act to each other.
_RECIPROCAL_OBJECTS = {"other": ("each",), "another": ("one",), "one": ("another",)}


def is_mutual(candidate: Candidate, lexicon: Lexicon) -> bool:
    """Whether the actors of a candidate did its act to each other: "accused each other",
    "blamed one another", "traded accusations", "exchanged fire", "restored ties" (cue
    "mutual": a verb, or the noun of its object)."""
    for verb in {candidate.token.i: candidate.token, candidate.clause.i: candidate.clause}.values():
        if verb.pos_ == "VERB" and lexicon.is_cue("mutual", verb.lemma_.lower()):
            return True
        if verb.pos_ == "VERB" and any(c.dep_ == "dobj" and lexicon.is_cue(
                "mutual", c.lemma_.lower()) for c in verb.children):
            return True  # "X and Y restored ties": ties between them
        for child in verb.children:
            heads = [child] if child.dep_ != "prep" else list(child.children)
            if any(h.lower_ in _RECIPROCAL_OBJECTS and any(
                    c.lower_ in _RECIPROCAL_OBJECTS[h.lower_] for c in h.children)
                   for h in heads):  # fmt: skip
                return True
    return False


def mutual_split(candidate: Candidate, lexicon: Lexicon) -> list[Candidate]:
    """A directed act several actors did to each other, as one candidate per actor done to the
    others ("India and Pakistan traded accusations": India -> Pakistan, Pakistan -> India);
    mutual types (a meeting, an agreement) stay one event of all the actors."""
    if (len(candidate.actors) < 2 or candidate.recipients
            or candidate.event_type in lexicon.reciprocal_types
            or not is_mutual(candidate, lexicon)):  # fmt: skip
        return [candidate]
    return [
        dataclasses.replace(candidate, actors=(actor,),
                            recipients=without(candidate.actors, (actor,)))
        for actor in candidate.actors
    ]  # fmt: skip


#: Types of the coercive or forceful acts the codebook's THREATEN covers when announced as a
#: warning: violence, arrests and bans, sanctions, strikes and blockades, deployments.
_COERCIVE_TYPES = ("ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE")
#: THREATEN modes for acts whose own mode is not one of THREATEN's (codebook definitions:
#: "threaten violence", "threaten to restrict movement ..., including boycotts, strikes,
#: blockades").
_THREAT_MODES = {"ASSAULT": "violence", "PROTEST": "restrict"}


#: Types of the acts whose promise is a threat: "vowed to retaliate against X", "promised to
#: crush the rebels" (CAMEO codes "promise arrests", "pledge a crackdown" as threats); a pledge
#: to deploy troops is not one.
VOWED_TYPES = ("ASSAULT", "COERCE", "SANCTION", "PROTEST")


def conditional_threat(
    candidate: Candidate, status: Status, lexicon: Lexicon, *, speaker_acts: bool = False
) -> tuple[Candidate, Status] | None:
    """An announced coercive act made conditional ("police will arrest anyone who marches if
    the ban is defied", "X would strike unless Y withdraws"), vowed ("X vowed to retaliate
    against Y": a commit cue valued "threat", with a party threatened; "X hinted at cutting
    ties with Y": an intend cue valued "possible") or, by its own side
    (`speaker_acts`), announced against a party ("Livni said Israel would retaliate against
    Hamas", "X said it will strike Y") or voiced as possible ("X could cut ties with Y, its
    president said") is a warning: a THREATEN of its own, asserted when made
    (ANNOTATION.md), next to the act itself, intended.

    Not for an intention a threat verb already tells ("threatened to strike" is coded from
    "threatened"), nor for nominal acts unless vowed ("vowed to continue its attacks on X") or
    carried by a verb ("would go on strike if Y", "could impose sanctions on Y"),
    nor for a plan ("X plans to strike Y": an intention, no warning).
    """
    if status.status != "intended":
        return None
    intents = [c.removeprefix("intend:") for c in status.cues if c.startswith("intend:")]
    vowed = candidate.event_type in VOWED_TYPES and bool(candidate.recipients) and any(
        lexicon.cue_value("commit", lemma) == "threat"
        or lexicon.cue_value("intend", lemma) == "possible" for lemma in intents)  # "hinted at"
    possible = candidate.event_type in VOWED_TYPES and any(
        c.dep_ == "aux" and lexicon.cue_value("intend_aux", c.lower_) == "possible"
        for c in candidate.clause.children)  # "we could cut ties with X": a warning
    # a noun a verb carries is told as that verb's act ("would go on strike if", "will
    # launch an offensive unless", "could impose sanctions on X"); a noun alone is only named
    # ("the strike, if it goes ahead")
    named_only = candidate.nominal and candidate.clause.i == candidate.token.i
    announced = (
        speaker_acts and (candidate.event_type == "ASSAULT" or possible)
        and bool(candidate.recipients)
        and not named_only and not intents and "intend-aux" in status.cues
    )  # fmt: skip
    if not vowed and not announced and (
        named_only or candidate.event_type not in _COERCIVE_TYPES
        or intents or not has_condition(candidate.clause)
    ):  # fmt: skip
        return None
    mode = candidate.trigger.mode
    if mode is None or ("THREATEN", mode) not in lexicon.modes:
        mode = _THREAT_MODES.get(candidate.event_type)
    trigger = dataclasses.replace(candidate.trigger, type="THREATEN", mode=mode)
    threat = dataclasses.replace(candidate, trigger=trigger, event_type="THREATEN", settled=True)
    return threat, dataclasses.replace(status, status="asserted",
                                       cues=(*status.cues, "conditional"))  # fmt: skip


def is_crowd(candidate: Candidate, sectors: Sequence[tuple[str, str]]) -> bool:
    """Whether every doer of a candidate is a civilian crowd named by a group noun: unnamed
    ("protesters", "rioters", "hundreds of people": an unnamed group of people is one only
    when counted in its hundreds) or tied to an actor ("Egyptian demonstrators": sector
    CVLOPP); the first sector code decides (CVL, OPP, LAB, EDU, REF)."""
    crowds = [sector for _, sector in candidate.unnamed] + [sector for _, sector in sectors]
    named = len(sectors) == len(candidate.actors)
    people = {s for _, s in candidate.unnamed if s[:3] == PEOPLE_SECTOR}
    return bool(crowds) and named and all(
        s[:3] in CROWD_SECTORS or s in people for s in crowds)


def _communal(candidate: Candidate, doers: Sequence[tuple[str, str]]) -> bool:
    """Whether civilians of one polity attack another's ("Israeli settlers attacked
    Palestinian villages"): violence between communities, an ASSAULT, not a riot. Protesters
    (an opposition sector, CVLOPP) stay rioters whatever they attack ("stormed the embassy")."""
    sectors = [sector for _, sector in doers] + [sector for _, sector in candidate.unnamed]
    if not candidate.actors or any("OPP" in sector for sector in sectors):
        return False
    return any(k not in candidate.actors for k in candidate.recipients)


def _body_leaves(candidate: Candidate, doers: Sequence[tuple[str, str]],
                 participants: Participants) -> bool:
    """Whether every doer of a withdrawal is an organisation that is no armed force (an NGO,
    an international body) and nothing withdrawn is a force ("Human Rights Watch
    withdrew from Cambodia"; not "the UN withdrew its peacekeepers")."""
    if not candidate.actors or candidate.unnamed or any(
        sector[:3] in ARMED_SECTORS for _, sector in doers
    ):  # fmt: skip
        return False
    for key in candidate.actors:
        entity = participants.entities[key]
        # a body the reference data knows ("Human Rights Watch", the UN), whose name has no
        # word of an enforcing body ("Namibia Army", found by the model, stays a force)
        if entity.type != "Organization" or not entity.basis.startswith("gazetteer:") or any(
            participants.lexicon.is_cue("enforcer", fold(word)) for word in entity.label.split()
        ):  # fmt: skip
            return False
    withdrawn = [] if candidate.nominal else object_tokens(candidate.token)
    return not any((participants.group_sector(o) or "")[:3] in ARMED_SECTORS
                   for o in withdrawn)  # fmt: skip


def _protest_reading(candidate: Candidate, lexicon: Lexicon) -> Trigger | None:
    """The row of a nominal trigger's noun that reads it as a protest ("strike" on strike),
    or None."""
    if not candidate.nominal:
        return None
    rows = lexicon.noun_triggers(candidate.token.lemma_.lower())
    return next((row for row in rows if row.type == "PROTEST"), None)


#: Prepositions that introduce what violence is done to ("threw stones at police", "clashed
#: with police", "marched on parliament").
_TARGET_PREPS = ("at", "against", "with", "on", "into")


def _has_a_target(candidate: Candidate) -> bool:
    """Whether a violent act is done to something the text names: an object, or a phrase
    aimed at one. A crowd that "fought alongside the south" or "fought in X" in a war names
    none: that is fighting, not a riot."""
    verb = candidate.token
    return bool(candidate.nominal or object_tokens(verb) or prep_objects(verb, _TARGET_PREPS))


def _speaks_for_a_state(candidate: Candidate, participants: Participants) -> bool:
    """Whether every doer is a state, an international body of the gazetteer or an office
    holder (a person with a role), so a protest of theirs is a verbal one (the caller has
    ruled out a state's people named by a crowd noun: "Serbian students protested")."""
    if not candidate.actors or candidate.unnamed:
        return False
    subjects, _ = subject_tokens(candidate.token)
    if any(t.ent_type_ == "NORP" and t.tag_ in ("NNPS", "NNS")
           for subject in subjects for t in subject.subtree):  # fmt: skip
        return False  # "thousands of angry Greeks protested": a nation's people
    for key in candidate.actors:
        entity = participants.entities[key]
        if not (entity.type == "Country"
                or (entity.type == "Organization" and entity.basis.startswith("gazetteer:"))
                or (entity.type == "Person" and bool(entity.roles))):  # fmt: skip
            return False
    return True


def unsubsumed(events: Iterable[EventMention]) -> list[EventMention]:
    """Drop an event without recipients when the same sentence tells the same act of the same
    actors with recipients ("an offensive that killed X": the offensive is the killing)."""
    events = list(events)
    full = {(e.sentence_start, e.type, e.actors, e.status) for e in events if e.recipients}
    return [
        e for e in events
        if e.recipients or (e.sentence_start, e.type, e.actors, e.status) not in full
    ]  # fmt: skip


def without(keys: Sequence[str], exclude: Sequence[str]) -> tuple[str, ...]:
    """`keys` in order, each once, without those in `exclude`.

    >>> without(["e1", "e2", "e1", "e3"], ["e3"])
    ('e1', 'e2')
    """
    out: list[str] = []
    for key in keys:
        if key not in exclude and key not in out:
            out.append(key)
    return tuple(out)


def sentence_dates(
    sent: Span, is_trigger_noun: Callable[[Token], bool], ents: Sequence[Span] | None = None
) -> list[tuple[int, str]]:
    """DATE entities of a sentence with the index of the verb or event noun they modify
    (`ents`: the doc's DATE entities, read once per article, else the sentence's own)."""
    found = []
    within = sent.ents if ents is None else [e for e in ents if sent.start <= e.start < sent.end]
    for ent in within:
        if ent.label_ != "DATE":
            continue
        node = ent.root
        while node.head.i != node.i and not (
            node.pos_ in ("VERB", "AUX") or (node is not ent.root and is_trigger_noun(node))
        ):
            node = node.head
        found.append((node.i, ent.text))
    return found


def event_date_texts(
    candidate: Candidate, status: str, dates: Sequence[tuple[int, str]], lexicon: Lexicon
) -> list[str]:
    """The time expressions of the event's own clause, else of the report that tells it.

    Own: those on the trigger, on its clause, on their direct objects ("agreed a truce on
    Monday": the parser hangs the date on the truce), or on the verb an event noun is the
    subject of ("the talks began on Monday"). When the clause has none, a reporting
    verb's date ("X agreed ..., officials said on Monday") dates a past event too: the event is
    told as done by then, and `timex` keeps the precision the expression has. An intended act
    is not dated by the day it was announced.
    """
    heads = [candidate.token, candidate.clause]
    own = {t.i for t in heads} | {c.i for t in heads for c in t.children if c.dep_ == "dobj"}
    if candidate.nominal and candidate.token.dep_ in ("nsubj", "nsubjpass"):
        own.add(candidate.token.head.i)  # "the ban takes effect Jan. 30", "talks began Monday"
    texts = [text for index, text in dates if index in own]
    if texts or status == "intended":
        return texts
    reports = {r.i for r in _reporting_verbs(candidate.clause, lexicon)}
    return [text for index, text in dates if index in reports]


def _reporting_verbs(clause: Token, lexicon: Lexicon) -> list[Token]:
    """The reporting verbs that tell `clause`: its head when it is their complement ("officials
    said (that) X agreed"), or a parenthetical report hanging on it ("X agreed, officials said")."""
    found = [c for c in clause.children
             if c.dep_ == "parataxis" and lexicon.is_cue("report", c.lemma_.lower())]
    node = clause
    while node.dep_ in ("ccomp", "conj") and node.head.i != node.i:
        dep, node = node.dep_, node.head
        if dep == "ccomp":
            # only the verb that reports this clause, not one that frames it otherwise
            if lexicon.is_cue("report", node.lemma_.lower()):
                found.append(node)
            break
    return found


def _place(candidate: Candidate, participants: Participants, lexicon: Lexicon) -> str | None:
    """The place a location phrase of the event's clause names ("met X in Damascus").

    The phrase hangs on the trigger, on the clause, or (a common misattachment) on the
    trigger's or the clause's direct object ("met an official in Damascus") or a participle
    describing it ("attacked a checkpoint manned by X in Y"); a phrase whose
    object is no place may hold one ("at the border in X"). Failing that, the city or region a
    movement ends in ("flew into Damascus"), then one the verb acts on ("shelled Kharkiv"), unless
    it is a capital, which stands for its government there. A participant is never its own
    event's place.
    """
    taken = {*candidate.actors, *candidate.recipients}
    heads = [candidate.token, candidate.clause]
    objects = [c for h in heads for c in h.children if c.dep_ == "dobj"]
    # "attacked a checkpoint manned by X in Y": where the object is
    described = [c for o in objects for c in o.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    holders = [*heads, *objects, *described]
    # the clause is often the trigger itself; a place whose country is known comes before
    # one the place table lacks ("in al-Jawad district in the north of Baghdad": Baghdad)
    found = [key for holder in dict.fromkeys(holders)
             for obj in _location_objects(holder, lexicon)
             if (key := _place_of(obj, participants, lexicon, taken)) is not None]
    if found:
        return next((k for k in found if participants.polity(k) is not None), found[0])
    for holder in dict.fromkeys(heads):
        for obj in _location_objects(holder, lexicon, "destination"):
            key = participants.entity(obj)
            if key is not None and key not in taken and participants.is_place_key(key):
                return key
    if not candidate.nominal:
        for obj in candidate.token.children:
            key = participants.entity(obj) if obj.dep_ == "dobj" else None
            # a capital the verb acts on stands for its government ("accused Khartoum",
            # "warned Moscow"); the entity stage ties only capitals and seats to a country
            if (key is not None and key not in taken and participants.is_place_key(key)
                    and participants.entities[key].country is None):
                return key
    return None


def _location_objects(holder: Token, lexicon: Lexicon, value: str | None = None) -> list[Token]:
    """The objects of the location phrases ("in", "at", "near"...) that hang on `holder`;
    with `value` "destination", of the phrases a movement ends in ("to", "into")."""
    return [
        obj
        for prep in holder.children
        if prep.dep_ == "prep" and lexicon.is_cue("location", prep.lower_)
        and lexicon.cue_value("location", prep.lower_) == value
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _place_of(
    obj: Token, participants: Participants, lexicon: Lexicon, taken: set[str]
) -> str | None:
    """The place a location phrase's object names, or one inside it ("at the border in X",
    "in the north of X")."""
    key = participants.place(obj)
    if key is not None:
        return key if key not in taken else None
    if participants.entity(obj) is not None:
        return None  # "in the Senate": an actor as the scene, no place
    for name in obj.children:  # "in Jabaliya refugee camp": the name of the place noun
        key = participants.place(name) if name.dep_ in ("compound", "nmod") else None
        if key is not None and key not in taken:
            return key
    inner = _location_objects(obj, lexicon)
    if obj.pos_ == "NOUN":  # "in the north of Baghdad", "on the outskirts of X"
        inner += prep_objects(obj, ("of",))
    for found in inner:
        key = participants.place(found)
        if key is not None and key not in taken:
            return key
    return None


def _confidence(candidate: Candidate, status: Status) -> float:
    score = 0.5
    score += {"direct": 0.2, "proxy": 0.1}.get(candidate.how, 0.0)
    score += 0.15 if candidate.recipients else 0.0
    score += 0.05 if candidate.trigger.need else 0.0
    score -= 0.05 if candidate.inherited else 0.0
    score -= 0.05 if candidate.nominal else 0.0
    score -= 0.05 if status.status == "reported" and status.attributed_to is None else 0.0
    return round(min(0.95, max(0.05, score)), 2)


#: Words either side of the trigger the type model reads.
WINDOW = 8


def event_type(candidate: Candidate, status: Status, sent: Span, lexicon: Lexicon) -> str:
    """The candidate's type, or the type the lexicon's model gives where the rules are unsure
    (neighbouring types, a verb of many types, a quote or a modal; see `typemodel`)."""
    model = lexicon.type_model
    if model is None or status.status in ("intended", "denied") or candidate.settled:
        # the words around an intended or denied act tell the threat, offer or denial that
        # announces or rejects it, an event of its own ("threatened to strike": the strike
        # stays ASSAULT, intended; "denied reaching an agreement": the agreement stays AGREE);
        # a type a rule gave from the clause (`Candidate.settled`) stays
        return candidate.event_type
    hedged = is_hedged((token.text, token.tag_) for token in sent)
    lemma = candidate.token.lemma_.lower()
    # the words around the trigger, about a headline's length, inside its clause: a long
    # sentence tells other acts ("After X attacked Y, Z condemned it": not a condemnation)
    doc = sent.doc
    clause = candidate.clause
    start = max(sent.start, clause.left_edge.i,
                min(candidate.first.i, candidate.token.i) - WINDOW)
    end = min(sent.end, max(clause.right_edge.i, candidate.token.i) + 1,
              candidate.token.i + WINDOW + 1)
    window = doc[start:end]
    supported = {
        row.type
        for token in window
        for row in (*lexicon.verb_triggers(token.lemma_.lower()),
                    *lexicon.noun_triggers(token.lemma_.lower()),
                    *lexicon.modifier_triggers(token.lemma_.lower()))
        if _may_fit(row, token)
    }  # fmt: skip
    # a hand row (triggers.tsv) is a reading already settled: its verb is no ambiguous one
    # ("agreed to restore relations" stays AGREE); a dictionary row's verb may be
    ambiguous = lemma if candidate.trigger.source != "kg" else ""
    return model.retype(
        candidate.event_type, ambiguous, window.text, hedged=hedged, supported=supported
    )


def _may_fit(row: Trigger, token: Token) -> bool:
    """Whether a trigger row may hold for a word: a row conditioned on a prepositional phrase
    ("attack with warnings": THREATEN) only where that phrase is written; the other rows are
    taken as they come, the model's own words deciding ("attacked" supports ACCUSE too)."""
    return all(need != "pobj" or has_prep_object([token], values[0], values[1:])
               for need, values in row.conditions)  # fmt: skip


def build_event(
    candidate: Candidate,
    status: Status,
    sent: Span,
    dates: Sequence[tuple[int, str]],
    anchor: date | None,
    participants: Participants,
    lexicon: Lexicon,
    *,
    dateline: Dateline | None = None,
) -> EventMention:
    """Turn a candidate with its status into an event mention.

    Its place is the one a location phrase of its clause names, else the article's `dateline`
    place when `kg.extract.events.dateline.may_place` allows it.
    """
    texts = event_date_texts(candidate, status.status, dates, lexicon)
    when = best_date(texts, anchor, future=status.status == "intended")
    start = candidate.first.idx
    end = candidate.token.idx + len(candidate.token.text)
    kind = event_type(candidate, status, sent, lexicon)
    mode = candidate.trigger.mode if kind == candidate.trigger.type else None
    place = _place(candidate, participants, lexicon)
    keys = (*candidate.actors, *candidate.recipients)
    if place is None and dateline is not None and may_place(dateline, sent, keys, participants):
        place = dateline.key
    doers = participants.sectors(candidate.clause, candidate.actors)
    recipients = candidate.recipients
    crowd = kind == "ASSAULT" and is_crowd(candidate, doers)
    protest = _protest_reading(candidate, lexicon) if crowd else None
    if protest is not None:
        # a crowd's "strike" is a walkout, not an air strike: a noun with a protest reading,
        # done by a civilian crowd, is that protest ("the unions held a strike")
        kind, mode = "PROTEST", protest.mode
    elif crowd and _has_a_target(candidate) and not _communal(candidate, doers):
        # the codebook's PROTEST riot: civilians' violent collective action ("protesters threw
        # stones at police", "rioters clashed with police"), not an armed force's assault
        kind, mode = "PROTEST", "riot"
    elif kind == "PROTEST" and not candidate.nominal and not any(
        sector[:3] in CROWD_SECTORS for _, sector in doers
    ) and _speaks_for_a_state(candidate, participants):
        # "the UN protested at ...", "Beijing protested": a state's or an official's protest
        # is said, not marched: the codebook's ACCUSE (disapprove), as the references code it;
        # a state that blocks ("Israel blocked aid convoys") restricts: COERCE (restrict)
        kind, mode = ("COERCE", "restrict") if mode == "obstruct" else ("ACCUSE", "disapprove")
        if kind == "ACCUSE" and not recipients:
            # "protesting these killings to the Israeli authorities": lodged with them
            recipients = tuple(k for o in prep_objects(candidate.token, ("to",))
                               for k in participants.targets(o) if k not in candidate.actors)
    if kind == "RETREAT" and mode == "withdraw" and _body_leaves(candidate, doers, participants):
        # a body that is no armed force leaving a country or a mission reduces its ties
        # (the codebook's SANCTION withdraw: "withdraw resources from an organization or
        # activity"); RETREAT withdraw is forces leaving an area
        kind = "SANCTION"
    return EventMention(
        type=kind,
        actors=candidate.actors,
        recipients=recipients,
        status=status.status,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        trigger=sent.text[start - sent.start_char : end - sent.start_char],
        trigger_start=start,
        trigger_end=end,
        confidence=_confidence(candidate, status),
        mode=mode,
        attributed_to=status.attributed_to,
        source_text=status.source_text,
        date=when[0] if when else None,
        date_precision=when[1] if when else None,
        place=place,
        generic_actors=doers,
        recipient_sectors=participants.sectors(candidate.clause, recipients),
        unnamed_actors=candidate.unnamed,
        # told only when no party it is done to is named
        unnamed_recipients=() if recipients else candidate.unnamed_recipients,
        inferred_actor=candidate.inferred,
        resolved_from=candidate.resolved,
    )
