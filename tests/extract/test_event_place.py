"""An event's place and date from its clause, and the dateline (`candidate`, `dateline`),
on hand-built parses."""

from __future__ import annotations

from datetime import date

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.candidate import Candidate, build_event, sentence_dates
from kg.extract.events.dateline import Dateline, dateline_place, dateline_span, may_place
from kg.extract.events.finder import _victims_of_the_place
from kg.extract.events.roles import Participants
from kg.extract.events.status import Status
from kg.records import LocalEntity

LEXICON = lexicon()
CANADA = LocalEntity("e0", "Canada", "Country")
MEXICO = LocalEntity("e1", "Mexico", "Country")
LIMA = LocalEntity("e2", "Lima", "Place")
RUIZ = LocalEntity("e3", "Ruiz", "Person")
OTTAWA = LocalEntity("e4", "Ottawa", "Place", country="Canada")
SENATE = LocalEntity("e5", "Senate", "Organization")
NAMED = {e.label: e for e in (CANADA, MEXICO, LIMA, RUIZ, OTTAWA, SENATE)}
NAMED["OTTAWA"] = OTTAWA
WEDNESDAY = date(2025, 7, 16)


def is_trigger_noun(token):
    return token.pos_ == "NOUN" and bool(LEXICON.noun_triggers(token.lemma_))


def built(table: str, verb: int, *, recipients=("e1",), ents=None, status="asserted",
          clause: int | None = None, dateline: bool = False):
    """Code the verb at index `verb` of the parse as an event of Canada (e0)."""
    doc = parse(table, ents=ents)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    token = doc[verb]
    trigger = LEXICON.verb_triggers(token.lemma_)[0]
    candidate = Candidate(
        trigger=trigger, event_type=trigger.type, token=token, first=token,
        clause=doc[verb if clause is None else clause], actors=("e0",), how="direct",
        inherited=False, recipients=recipients, light_intent=False, nominal=False,
    )  # fmt: skip
    sent = next(doc.sents)
    dates = sentence_dates(sent, is_trigger_noun)
    line = dateline_place(doc, parts) if dateline else None
    return build_event(candidate, Status(status), sent, dates, WEDNESDAY, parts, LEXICON,
                       dateline=line)


# -- places from the clause --------------------------------------------------------------------

ON_OBJECT = """
    Canada   1 nsubj PROPN
    met      1 ROOT  VERB VBD meet
    an       3 det   DET
    official 1 dobj  NOUN
    in       3 prep  ADP
    Lima     4 pobj  PROPN
    .        1 punct PUNCT
"""
NESTED = """
    Canada   1 nsubj PROPN
    attacked 1 ROOT  VERB VBD attack
    Mexico   1 dobj  PROPN
    at       1 prep  ADP
    the      5 det   DET
    border   3 pobj  NOUN
    in       5 prep  ADP
    Lima     6 pobj  PROPN
    .        1 punct PUNCT
"""
IN_PARTICIPANT = """
    Canada   1 nsubj PROPN
    attacked 1 ROOT  VERB VBD attack
    Mexico   1 dobj  PROPN
    in       1 prep  ADP
    Mexico   3 pobj  PROPN
    .        1 punct PUNCT
"""
IN_ACTOR = """
    Canada   1 nsubj PROPN
    attacked 1 ROOT  VERB VBD attack
    Mexico   1 dobj  PROPN
    in       1 prep  ADP
    the      5 det   DET
    Senate   3 pobj  PROPN
    .        1 punct PUNCT
"""
INTO_CITY = """
    Canada   1 nsubj PROPN
    flew     1 ROOT  VERB VBD fly
    to       1 prep  ADP
    Lima     2 pobj  PROPN
    .        1 punct PUNCT
"""
INTO_COUNTRY = """
    Canada   1 nsubj PROPN
    flew     1 ROOT  VERB VBD fly
    to       1 prep  ADP
    Mexico   2 pobj  PROPN
    .        1 punct PUNCT
"""
NAMED_CAMP = """
    Canada   1 nsubj    PROPN
    struck   1 ROOT     VERB VBD strike
    the      3 det      DET
    school   1 dobj     NOUN
    in       3 prep     ADP
    Lima     7 compound PROPN
    refugee  7 compound NOUN
    camp     4 pobj     NOUN
    .        1 punct    PUNCT
"""
MANNED = """
    Canada     1 nsubj    PROPN
    attacked   1 ROOT     VERB VBD attack
    a          3 det      DET
    checkpoint 1 dobj     NOUN
    manned     3 acl      VERB VBN man
    in         4 prep     ADP
    Lima       7 compound PROPN
    district   5 pobj     NOUN
    in         4 prep     ADP
    the        10 det     DET
    north      8 pobj     NOUN
    of         10 prep    ADP
    OTTAWA     11 pobj    PROPN
    .          1 punct    PUNCT
"""
SHELLED = """
    Canada   1 nsubj PROPN
    shelled  1 ROOT  VERB VBD shell
    Lima     1 dobj  PROPN
    .        1 punct PUNCT
"""


@pytest.mark.parametrize(
    ("table", "verb", "recipients", "expected"),
    [
        (ON_OBJECT, 1, (), "e2"),           # the parser hung "in Lima" on the object
        (NESTED, 1, ("e1",), "e2"),          # "at the border in Lima"
        (IN_PARTICIPANT, 1, ("e1",), None),  # a participant is not its own event's place
        (IN_ACTOR, 1, ("e1",), None),        # an organisation as the scene is no place
        (INTO_CITY, 1, (), "e2"),            # a movement ends in a city
        (INTO_COUNTRY, 1, ("e1",), None),    # ... a country there is the one visited
        (NAMED_CAMP, 1, ("e1",), "e2"),      # "in Lima refugee camp": the place noun's name
        (SHELLED, 1, (), "e2"),              # a place the verb acts on
        # "a checkpoint manned by X in Lima district in the north of Ottawa": a phrase on a
        # participle describing the object; a place with a known country comes first
        (MANNED, 1, (), "e4"),
        (MANNED.replace("OTTAWA", "Lima  "), 1, (), "e2"),
        # ... but a capital there stands for its government ("accused Khartoum")
        (SHELLED.replace("Lima ", "OTTAWA"), 1, (), None),
    ],
)
def test_place_from_a_phrase_of_the_clause(table, verb, recipients, expected):
    assert built(table, verb, recipients=recipients).place == expected


# -- dates after the object and in the reporting clause ----------------------------------------

AFTER_OBJECT = """
    Canada    1 nsubj PROPN
    rejected  1 ROOT  VERB VBD reject
    the       3 det   DET
    ceasefire 1 dobj  NOUN NN ceasefire
    on        3 prep  ADP
    Monday    4 pobj  PROPN
    .         1 punct PUNCT
"""
REPORTED_CCOMP = """
    Canada    1 nsubj PROPN
    attacked  5 ccomp VERB VBD attack
    Mexico    1 dobj  PROPN
    ,         5 punct PUNCT
    officials 5 nsubj NOUN NNS official
    said      5 ROOT  VERB VBD say
    on        5 prep  ADP
    Monday    6 pobj  PROPN
    .         5 punct PUNCT
"""
REPORTED_PARATAXIS = """
    Canada    1 nsubj     PROPN
    attacked  1 ROOT      VERB VBD attack
    Mexico    1 dobj      PROPN
    ,         1 punct     PUNCT
    officials 5 nsubj     NOUN NNS official
    said      1 parataxis VERB VBD say
    on        5 prep      ADP
    Monday    6 pobj      PROPN
    .         1 punct     PUNCT
"""
FRAMED = """
    Canada    1 nsubj PROPN
    attacked  5 ccomp VERB VBD attack
    Mexico    1 dobj  PROPN
    ,         5 punct PUNCT
    officials 5 nsubj NOUN NNS official
    hoped     5 ROOT  VERB VBD hope
    on        5 prep  ADP
    Monday    6 pobj  PROPN
    .         5 punct PUNCT
"""


NOUN_SUBJECT = """
    Canada    1 poss  PROPN
    ban       2 nsubj NOUN NN ban
    began     2 ROOT  VERB VBD begin
    on        2 prep  ADP
    Monday    3 pobj  PROPN
    .         2 punct PUNCT
"""


def test_date_of_an_event_noun_from_the_verb_it_is_the_subject_of():
    doc = parse(NOUN_SUBJECT, ents=["O", "O", "O", "O", "B-DATE", "O"])
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    trigger = LEXICON.noun_triggers("ban")[0]
    candidate = Candidate(
        trigger=trigger, event_type=trigger.type, token=doc[1], first=doc[1], clause=doc[1],
        actors=("e0",), how="proxy", inherited=False, recipients=(), light_intent=False,
        nominal=True,
    )  # fmt: skip
    sent = next(doc.sents)
    event = build_event(candidate, Status("asserted"), sent, sentence_dates(sent, is_trigger_noun),
                        WEDNESDAY, parts, LEXICON)
    assert (event.date, event.date_precision) == ("2025-07-14", "day")


@pytest.mark.parametrize(
    ("table", "status", "recipients", "expected"),
    [
        (AFTER_OBJECT, "asserted", (), ("2025-07-14", "day")),
        (REPORTED_CCOMP, "reported", ("e1",), ("2025-07-14", "day")),
        (REPORTED_PARATAXIS, "reported", ("e1",), ("2025-07-14", "day")),
        # an intended act is not dated by the day it was announced
        (REPORTED_CCOMP, "intended", ("e1",), (None, None)),
        # only a reporting verb lends its date
        (FRAMED, "reported", ("e1",), (None, None)),
    ],
)
def test_date_after_the_object_and_in_the_reporting_clause(table, status, recipients, expected):
    rows = [line for line in table.splitlines() if line.strip()]
    monday = ["O"] * (len(rows) - 2) + ["B-DATE", "O"]
    event = built(table, 1, recipients=recipients, ents=monday, status=status)
    assert (event.date, event.date_precision) == expected


# -- the dateline --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PARIS (Reuters) - Talks began.", "PARIS"),
        ("DAMASCUS, Syria — Talks began.", "DAMASCUS, Syria"),
        ("Mannheim, Germany (Sports Network) - A boxer won.", "Mannheim, Germany"),
        ("23 December 2024, Syria, Damascus: ministers meet.", "Syria, Damascus"),
        ("A title line\nBRUSSELS (AP) -- Ministers met.", "BRUSSELS"),
        ("Ministers met - and talked.", None),           # no capitals, no agency
        ("PUBLISHED: THURSDAY, MAY 2, 2013", None),       # a metadata line is no dateline
    ],
)
def test_dateline_span(text, expected):
    span = dateline_span(text)
    assert (text[span[0]:span[1]] if span else None) == expected


DATELINED = """
    OTTAWA   0 ROOT  PROPN
    -        0 punct PUNCT
    Canada   3 nsubj PROPN
    attacked 0 dep   VERB VBD attack
    Ruiz     3 dobj  PROPN
    .        3 punct PUNCT
"""
DATELINED_ABROAD = DATELINED.replace("Ruiz ", "Mexico")
DATELINED_ELSEWHERE = DATELINED.replace(".        3 punct PUNCT",
                                        "in       3 prep  ADP\n    Lima     5 pobj  PROPN")


@pytest.mark.parametrize(
    ("table", "recipients", "expected"),
    [
        (DATELINED, ("e3",), "e4"),             # Canada attacked Ruiz, filed from Ottawa
        (DATELINED_ABROAD, ("e1",), None),      # Mexico is another country's
        (DATELINED_ELSEWHERE, ("e3",), "e2"),   # the sentence's own place comes first
    ],
)
def test_dateline_place_locates_the_lead_s_events(table, recipients, expected):
    assert built(table, 3, recipients=recipients, dateline=True).place == expected


def test_dateline_does_not_reach_past_its_paragraph():
    doc = parse(DATELINED)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    sent = next(doc.sents)
    assert dateline_place(doc, parts) == Dateline("e4", len(doc.text))
    assert may_place(Dateline("e4", len(doc.text)), sent, ("e0", "e3"), parts) is True
    assert may_place(Dateline("e4", 0), sent, ("e0", "e3"), parts) is False


# -- the people of the event's place as recipients ---------------------------------------------

NEAR_OTTAWA = """
    Mexico   1 nsubj PROPN
    killed   1 ROOT  VERB VBD kill
    40       3 nummod NUM CD
    people   1 dobj  NOUN NNS person
    near     1 prep  ADP
    Ottawa   4 pobj  PROPN
"""


@pytest.mark.parametrize(("actor", "expected"), [("e1", ("e0",)), ("e0", ())])
def test_event_place_force_on_unnamed_people_is_done_to_the_polity_of_the_place(actor, expected):
    doc = parse(NEAR_OTTAWA)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    token = doc[1]
    trigger = LEXICON.verb_triggers("kill")[0]
    candidate = Candidate(
        trigger=trigger, event_type="ASSAULT", token=token, first=token, clause=token,
        actors=(actor,), how="direct", inherited=False, recipients=(), light_intent=False,
        nominal=False,
    )  # fmt: skip
    event = build_event(candidate, Status("asserted"), next(doc.sents), [], WEDNESDAY, parts,
                        LEXICON)  # fmt: skip
    assert event.place == "e4"  # "near Ottawa", in Canada
    # 40 people killed near Ottawa are Canada's people; not when Canada itself killed them
    assert _victims_of_the_place(event, candidate, parts).recipients == expected
