"""Tests for ships named by their prefix (`kg.extract.entities.ships`, issue #15 item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.resolve import ENTRY, GROUP, NONE, ORG, PERSON, Candidate
from kg.extract.entities.ships import find_ships
from kg.records import GENERIC

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def doc(words: list[str], pos: list[str]) -> Doc:
    return Doc(VOCAB, words=words, pos=pos)


INDIA = Candidate(0, 5, "India", "GPE", ENTRY, name="India", entry_id="country:IND")


def test_entity_ships_warship_of_a_shared_prefix_is_the_navy_the_story_names(gaz):
    """"India said INS Mysore captured pirates": INS is India's (and Israel's) prefix."""
    d = doc(["India", "said", "INS", "Mysore", "captured", "pirates"],
            ["PROPN", "VERB", "PROPN", "PROPN", "VERB", "NOUN"])
    ship = Candidate(11, 21, "INS Mysore", "PERSON", PERSON)
    assert find_ships(d, (INDIA, ship), gaz) == (
        INDIA, Candidate(11, 21, "INS Mysore", GENERIC, GROUP, entry_id="country:IND",
                         sector="MIL"))
    # with neither India nor Israel named, the ship acts for no one
    assert find_ships(d, (ship,), gaz) == (Candidate(11, 21, "INS Mysore", "PERSON", NONE),)


def test_entity_ships_warship_the_recognizer_missed_is_added(gaz):
    """"the USS Cole fired": tagged a product, or not at all, it is the US Navy's."""
    d = doc(["the", "USS", "Cole", "fired"], ["DET", "PROPN", "PROPN", "VERB"])
    assert find_ships(d, (), gaz) == (
        Candidate(4, 12, "USS Cole", GENERIC, GROUP, entry_id="country:USA", sector="MIL"),)


def test_entity_ships_civil_ship_and_bare_prefix_are_no_actors(gaz):
    d = doc(["MV", "Stolt", "Valor", "and", "USS", "said"],
            ["PROPN", "PROPN", "PROPN", "CCONJ", "PROPN", "VERB"])
    merchant = Candidate(0, 14, "MV Stolt Valor", "ORG", ORG)
    bare = Candidate(19, 22, "USS", "ORG", ORG)
    assert find_ships(d, (merchant, bare), gaz) == (
        Candidate(0, 14, "MV Stolt Valor", "ORG", NONE), bare)
