"""Tests for what the words around a name say (`kg.extract.entities.people`), on hand-built Docs."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.people import (
    acts,
    drop_credits,
    is_locative,
    mark_outlets,
    outlet_cue,
    read_people,
    roles_from_words,
)
from kg.extract.entities.resolve import ENTRY, NONE, ORG, PERSON, Candidate

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def cand(doc: Doc, start: int, end: int, label: str, role: str, **changes) -> Candidate:
    """A candidate over tokens [start, end) of `doc`, named by its text."""
    span = doc[start:end]
    return Candidate(
        span.start_char, span.end_char, span.text, label, role, name=span.text, **changes
    )


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["current", "deputy", "defense", "minister"], ("deputy defense minister",)),
        (["the", "top", "envoy"], ("envoy",)),  # "the" and role noise qualify, not name, it
        (["self-styled", "emir"], ("emir",)),
        (["capt"], ("captain",)),  # an abbreviated rank
        (["emir", "sheikh"], ("emir", "sheikh")),
    ],
)
def test_entity_people_roles_from_words(gaz, words, expected):
    assert roles_from_words(words, gaz) == expected


def test_entity_people_role_noise_is_read_from_the_data(gaz):
    assert {"current", "top", "self-styled"} <= gaz.role_noise
    assert "deputy" not in gaz.role_noise  # a deputy minister holds another office
    assert gaz.outlet_to_verbs >= {"deny", "tell"}
    assert gaz.source_labels == frozenset({"source", "sources", "via"})


def test_entity_people_drop_credits_unnames_a_caption_credit(gaz):
    doc = Doc(VOCAB, words=["Velder", "Party", "rallied", "(", "Tamsk", "Wire", ")"])
    party, credit = cand(doc, 0, 2, "ORG", ORG), cand(doc, 4, 6, "ORG", ORG)
    assert drop_credits(doc, (party, credit), gaz) == (
        party,
        dataclasses.replace(credit, role=NONE),
    )


def test_entity_people_title_before_the_name_gives_the_role(gaz):
    doc = Doc(VOCAB, words=["Foreign", "Minister", "Ilse", "Brandt", "spoke", "."])
    person = cand(doc, 2, 4, "PERSON", PERSON)
    assert read_people(doc, (person,), gaz) == (
        dataclasses.replace(person, roles=("foreign minister",)),
    )


def test_entity_people_organisation_before_the_title_is_the_affiliation(gaz):
    doc = Doc(VOCAB, words=["Velder", "Party", "leader", "Ilse", "Brandt", "spoke"])
    party, person = cand(doc, 0, 2, "ORG", ORG), cand(doc, 3, 5, "PERSON", PERSON)
    assert read_people(doc, (party, person), gaz) == (
        party,
        dataclasses.replace(person, roles=("leader",), affiliation=0),
    )


def test_entity_people_envoy_to_a_country_is_not_affiliated_with_it(gaz):
    words = ["Velder", "Party", "envoy", "to", "Peru", "Ilse", "Brandt"]
    doc = Doc(VOCAB, words=words)
    party = cand(doc, 0, 2, "ORG", ORG)
    peru = cand(doc, 4, 5, "GPE", ENTRY, entry_id="country:PER")
    person = cand(doc, 5, 7, "PERSON", PERSON)
    assert read_people(doc, (party, peru, person), gaz)[2] == dataclasses.replace(
        person, roles=("envoy",), affiliation=0
    )


def test_entity_people_apposition_after_the_name(gaz):
    words = ["Ilse", "Brandt", ",", "the", "Peru", "foreign", "minister", ",", "said"]
    doc = Doc(VOCAB, words=words)
    person = cand(doc, 0, 2, "PERSON", PERSON)
    peru = cand(doc, 4, 5, "GPE", ENTRY, entry_id="country:PER")
    assert read_people(doc, (person, peru), gaz) == (
        dataclasses.replace(person, roles=("foreign minister",), affiliation=1),
        peru,
    )


def test_entity_people_name_without_title_is_unchanged(gaz):
    doc = Doc(VOCAB, words=["Ilse", "Brandt", "spoke", "."])
    person = cand(doc, 0, 2, "PERSON", PERSON)
    assert read_people(doc, (person,), gaz) == (person,)


@pytest.mark.parametrize(("lemma", "expected"), [("deny", "verb"), ("sell", None)])
def test_entity_people_outlet_cue_spoken_to(gaz, lemma, expected):
    doc = Doc(
        VOCAB,
        words=["She", "denied", "it", "to", "Kelvar", "Post", "."],
        heads=[1, 1, 1, 1, 5, 3, 1],
        deps=["nsubj", "ROOT", "dobj", "prep", "compound", "pobj", "punct"],
        lemmas=["she", lemma, "it", "to", "Kelvar", "Post", "."],
    )
    assert outlet_cue(doc[4:6], gaz) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Source", "noun"), ("VIA", "noun"), ("Sources", "noun"), ("Note", None)],
)
def test_entity_people_outlet_cue_source_line(gaz, label, expected):
    doc = Doc(VOCAB, words=["Rain", "fell", ".", "\n", label, ":", "Kelvar", "Post"])
    assert outlet_cue(doc[6:8], gaz) == expected


def test_entity_people_mark_outlets_newspaper_name(gaz):
    doc = Doc(VOCAB, words=["The", "Kelvar", "Post", "newspaper", "reported", "."])
    paper = cand(doc, 1, 3, "ORG", ORG)
    assert mark_outlets(doc, (paper,), gaz) == (dataclasses.replace(paper, outlet=True),)


@pytest.mark.parametrize(
    ("roles", "expected_role", "outlet"),
    [((), ORG, True), (("editor",), PERSON, False)],
)
def test_entity_people_mark_outlets_person_needs_no_title(gaz, roles, expected_role, outlet):
    doc = Doc(VOCAB, words=["Source", ":", "Dana", "Kroll"])
    person = cand(doc, 2, 4, "PERSON", PERSON, roles=roles)
    assert mark_outlets(doc, (person,), gaz) == (
        dataclasses.replace(person, role=expected_role, outlet=outlet),
    )


@pytest.mark.parametrize(
    ("words", "pos", "expected"),
    [
        (["Troops", "left", "from", "Peru"], ["NOUN", "VERB", "ADP", "PROPN"], True),
        (["the", "outskirts", "of", "Peru"], ["DET", "NOUN", "ADP", "PROPN"], True),
        (["the", "people", "of", "Peru"], ["DET", "NOUN", "ADP", "PROPN"], False),
    ],
)
def test_entity_people_is_locative(gaz, words, pos, expected):
    doc = Doc(
        VOCAB,
        words=words,
        heads=[1, 1, 1, 2],
        deps=["nsubj" if pos[0] == "NOUN" else "det", "ROOT", "prep", "pobj"],
        pos=pos,
    )
    assert is_locative(doc[3:4], gaz) is expected


@pytest.mark.parametrize(("lemma", "expected"), [("say", True), ("lie", False)])
def test_entity_people_capital_acts_as_subject_of_a_non_stative_verb(gaz, lemma, expected):
    doc = Doc(
        VOCAB,
        words=["Lima", "spoke", "."],
        heads=[1, 1, 1],
        deps=["nsubj", "ROOT", "punct"],
        lemmas=["Lima", lemma, "."],
    )
    assert acts(doc[0:1], gaz) is expected
