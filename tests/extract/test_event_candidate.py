"""From candidate to `EventMention` (`kg.extract.events.candidate`), hand-parsed."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.candidate import (
    Candidate,
    _communal,
    build_event,
    event_type,
    is_crowd,
    mutual_split,
    sentence_dates,
    unsubsumed,
    without,
)
from kg.extract.events.roles import Participants
from kg.extract.events.status import Status
from kg.extract.events.typemodel import TypeModel
from kg.records import EventMention, LocalEntity

LEXICON = lexicon()
CANADA = LocalEntity("e0", "Canada", "Country")
MEXICO = LocalEntity("e1", "Mexico", "Country")
LIMA = LocalEntity("e2", "Lima", "Place")
NAMED = {e.label: e for e in (CANADA, MEXICO, LIMA)}
#: "Canada attacked Mexico in Lima on Monday." with "Monday" a DATE entity.
ATTACK = """
    Canada   1 nsubj PROPN
    attacked 1 ROOT  VERB VBD attack
    Mexico   1 dobj  PROPN
    in       1 prep  ADP
    Lima     3 pobj  PROPN
    on       1 prep  ADP
    Monday   5 pobj  PROPN
    .        1 punct PUNCT
"""
ATTACK_ENTS = ["O", "O", "O", "O", "O", "O", "B-DATE", "O"]
WEDNESDAY = date(2025, 7, 16)


def is_trigger_noun(token):
    return token.pos_ == "NOUN" and bool(LEXICON.noun_triggers(token.lemma_))


def attack(**changes) -> tuple[Candidate, Participants]:
    doc = parse(ATTACK, ents=ATTACK_ENTS)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    verb = doc[1]
    trigger = next(t for t in LEXICON.verb_triggers("attack") if t.need is None)
    fields = dict(
        trigger=trigger, event_type=trigger.type, token=verb, first=verb, clause=verb,
        actors=("e0",), how="direct", inherited=False, recipients=("e1",),
        light_intent=False, nominal=False,
    )  # fmt: skip
    return Candidate(**{**fields, **changes}), parts


def event(**changes) -> EventMention:
    fields = dict(
        type="ASSAULT", actors=("e0",), recipients=("e1",), status="asserted",
        sentence_start=0, sentence_end=10, trigger="attacked", trigger_start=0,
        trigger_end=8, confidence=0.5,
    )  # fmt: skip
    return EventMention(**{**fields, **changes})


@pytest.mark.parametrize(
    ("keys", "exclude", "expected"),
    [
        (["e1", "e2", "e1"], [], ("e1", "e2")),
        (["e1", "e2"], ["e1"], ("e2",)),
        ((), ["e1"], ()),
    ],
)
def test_candidate_without(keys, exclude, expected):
    assert without(keys, exclude) == expected


def test_candidate_unsubsumed_drops_the_same_act_without_recipients():
    full = event(recipients=("e1",))
    bare = event(recipients=(), trigger="offensive")
    other_actor = event(recipients=(), actors=("e3",))
    assert unsubsumed([full, bare, other_actor]) == [full, other_actor]


def test_candidate_sentence_dates_attach_to_the_verb():
    doc = parse(ATTACK, ents=ATTACK_ENTS)
    assert sentence_dates(next(doc.sents), is_trigger_noun) == [(1, "Monday")]


def test_candidate_sentence_dates_attach_to_an_event_noun():
    doc = parse(
        """
        talks    1 nsubj NOUN  NNS talk
        resumed  1 ROOT  VERB  VBD resume
        after    1 prep  ADP
        the      4 det   DET
        ban      2 pobj  NOUN
        of       4 prep  ADP
        May      5 pobj  PROPN
        """,
        ents=["O", "O", "O", "O", "O", "O", "B-DATE"],
    )
    assert sentence_dates(next(doc.sents), is_trigger_noun) == [(4, "May")]


def test_candidate_build_event():
    candidate, parts = attack()
    sent = next(parts.doc.sents)
    dates = sentence_dates(sent, is_trigger_noun)
    built = build_event(candidate, Status("asserted"), sent, dates, WEDNESDAY, parts, LEXICON)
    assert built == EventMention(
        type="ASSAULT", actors=("e0",), recipients=("e1",), status="asserted",
        sentence_start=0, sentence_end=41, trigger="attacked", trigger_start=7, trigger_end=15,
        confidence=0.85, mode=None, attributed_to=None, source_text=None,
        date="2025-07-14", date_precision="day", place="e2",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "status", "confidence"),
    [
        ({}, Status("asserted"), 0.85),
        ({"how": "proxy"}, Status("asserted"), 0.75),
        ({"recipients": ()}, Status("asserted"), 0.7),
        ({"inherited": True, "nominal": True}, Status("asserted"), 0.75),
        ({}, Status("reported"), 0.8),  # reported by nobody named
        ({}, Status("reported", "e0"), 0.85),
    ],
)
def test_candidate_confidence(changes, status, confidence):
    candidate, parts = attack(**changes)
    sent = next(parts.doc.sents)
    assert build_event(candidate, status, sent, [], None, parts, LEXICON).confidence == confidence


def test_candidate_intended_date_points_forward():
    candidate, parts = attack()
    sent = next(parts.doc.sents)
    dates = sentence_dates(sent, is_trigger_noun)
    built = build_event(candidate, Status("intended"), sent, dates, WEDNESDAY, parts, LEXICON)
    assert (built.date, built.date_precision) == ("2025-07-21", "day")


def test_candidate_is_frozen():
    candidate, _ = attack()
    with pytest.raises(dataclasses.FrozenInstanceError):
        candidate.actors = ("e1",)  # type: ignore[misc]


#: A hand-made model that reads "attacked" as THREATEN, ASSAULT's neighbour.
THREAT_MODEL = TypeModel(
    version="test", types=("ASSAULT", "THREATEN"), bias=(0.0, 0.0),
    weights={"attack": (0.0, 3.0)}, neighbours=(("ASSAULT", ("THREATEN",)),),
    threshold=0.7, floor=0.0, open_threshold=0.6, margin=0.2,
)  # fmt: skip


def attack_with(words: list[str]) -> tuple[Candidate, Participants]:
    """ "Canada attacked Mexico" and `words` (adverbs of the verb), as a candidate ASSAULT."""
    rows = ["Canada 1 nsubj PROPN", "attacked 1 ROOT VERB VBD attack", "Mexico 1 dobj PROPN"]
    doc = parse("\n".join([*rows, *(f"{word} 1 advmod ADV" for word in words)]))
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    trigger = dataclasses.replace(
        next(t for t in LEXICON.verb_triggers("attack") if t.need is None), mode="beat")
    candidate = Candidate(
        trigger=trigger, event_type=trigger.type, token=doc[1], first=doc[1], clause=doc[1],
        actors=("e0",), how="direct", inherited=False, recipients=("e1",),
        light_intent=False, nominal=False,
    )  # fmt: skip
    return candidate, parts


@pytest.mark.parametrize(
    ("model", "status", "words", "expected"),
    [
        (None, "asserted", ["threat"], ("ASSAULT", "beat")),
        (THREAT_MODEL, "asserted", ["threat"], ("THREATEN", None)),
        # no word of the sentence is a THREATEN trigger: the model does not invent the reading
        (THREAT_MODEL, "asserted", ["today"], ("ASSAULT", "beat")),
        # an intended act keeps its type: the words around it tell the threat that announces it
        (THREAT_MODEL, "intended", ["threat"], ("ASSAULT", "beat")),
    ],
)
def test_candidate_type_model_retypes_and_drops_the_rows_mode(model, status, words, expected):
    candidate, parts = attack_with(words)
    sent = next(parts.doc.sents)
    with_model = dataclasses.replace(LEXICON, type_model=model)
    built = build_event(candidate, Status(status), sent, [], None, parts, with_model)
    assert (built.type, built.mode) == expected


@pytest.mark.parametrize(("fillers", "expected"), [(6, "THREATEN"), (7, "ASSAULT")])
def test_candidate_type_model_reads_the_words_around_the_trigger(fillers, expected):
    # a model that reads only "threat" as THREATEN retypes the attack while the word is within
    # 8 words of the trigger
    candidate, parts = attack_with(["very"] * fillers + ["threat"])
    threat = dataclasses.replace(THREAT_MODEL, weights={"threat": (0.0, 3.0)})
    with_model = dataclasses.replace(LEXICON, type_model=threat)
    sent = next(parts.doc.sents)
    assert event_type(candidate, Status("asserted"), sent, with_model) == expected


@pytest.mark.parametrize(("source", "expected"), [("kg", "ASSAULT"), ("cameo:190", "THREATEN")])
def test_candidate_type_model_opens_only_a_dictionary_rows_verb(source, expected):
    # a verb of many types (`ambiguous`) lets the model pick among the readings its words allow,
    # unless a hand row settled the reading ("agreed to restore relations" stays AGREE)
    candidate, parts = attack_with(["threat"])
    candidate = dataclasses.replace(
        candidate, trigger=dataclasses.replace(candidate.trigger, source=source))
    open_model = dataclasses.replace(THREAT_MODEL, neighbours=(), ambiguous=frozenset({"attack"}))
    with_model = dataclasses.replace(LEXICON, type_model=open_model)
    sent = next(parts.doc.sents)
    assert event_type(candidate, Status("asserted"), sent, with_model) == expected


#: "Canada and Mexico accused each other ."
EACH_OTHER = """
    Canada  3 nsubj PROPN
    and     0 cc    CCONJ
    Mexico  0 conj  PROPN
    accused 3 ROOT  VERB VBD accuse
    each    5 det   DET
    other   3 dobj  ADJ  JJ
    .       3 punct PUNCT
"""


@pytest.mark.parametrize(
    ("table", "lemma", "event_type", "expected"),
    [
        # a directed act the actors did to each other: one event each way
        (EACH_OTHER, "accuse", "ACCUSE", [(("e0",), ("e1",)), (("e1",), ("e0",))]),
        # "traded": a verb of mutual acts (cue "mutual") says the same
        (EACH_OTHER.replace("accused 3 ROOT  VERB VBD accuse", "traded 3 ROOT VERB VBD trade"),
         "trade", "ACCUSE", [(("e0",), ("e1",)), (("e1",), ("e0",))]),
        # a mutual type stays one event of both actors
        (EACH_OTHER, "accuse", "CONSULT", [(("e0", "e1"), ())]),
        # no "each other": both actors did it, to no one named
        (EACH_OTHER.replace("each    5 det   DET", "loudly  3 advmod ADV"), "accuse", "ACCUSE",
         [(("e0", "e1"), ())]),
    ],
)
def test_candidate_mutual_split(table, lemma, event_type, expected):
    doc = parse(table)
    trigger = LEXICON.verb_triggers("accuse")[0]
    candidate = Candidate(
        trigger=trigger, event_type=event_type, token=doc[3], first=doc[3], clause=doc[3],
        actors=("e0", "e1"), how="direct", inherited=False, recipients=(), light_intent=False,
        nominal=False,
    )  # fmt: skip
    assert doc[3].lemma_ == lemma
    split = mutual_split(candidate, LEXICON)
    assert [(c.actors, c.recipients) for c in split] == expected


@pytest.mark.parametrize(
    ("unnamed", "sectors", "actors", "crowd"),
    [
        ((("protesters", "CVLOPP"),), (), (), True),  # unnamed protesters
        ((), (("e0", "CVLOPP"),), ("e0",), True),  # "Egyptian demonstrators"
        ((("gunmen", "UAF"),), (), (), False),  # armed men assault
        ((), (("e0", "MIL"),), ("e0",), False),  # troops
        ((), (), ("e0",), False),  # a named actor
        ((), (("e0", "CVLOPP"),), ("e0", "e1"), False),  # with a named actor beside
    ],
)
def test_candidate_is_crowd_for_the_codebooks_riot(unnamed, sectors, actors, crowd):
    candidate, _ = attack(actors=actors, unnamed=unnamed)
    assert is_crowd(candidate, sectors) is crowd


@pytest.mark.parametrize(
    ("sectors", "recipients", "communal"),
    [
        ((("e0", "CVL"),), ("e1",), True),  # "Canadian settlers attacked Mexican villages"
        ((("e0", "CVLOPP"),), ("e1",), False),  # protesters storming an embassy still riot
        ((("e0", "CVL"),), (), False),  # "residents attacked the police station"
        ((("e0", "CVL"),), ("e0",), False),  # their own polity's
    ],
)
def test_candidate_civilians_attacking_another_polity_is_communal_violence(
        sectors, recipients, communal):
    candidate, _ = attack(actors=("e0",), recipients=recipients)
    assert _communal(candidate, sectors) is communal
