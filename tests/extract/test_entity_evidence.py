"""Tests for what an article says about its entities beyond their mentions (issue #15)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.entities.evidence import COMMERCE, SPORT, add_evidence, is_sport_story, story_genre
from kg.extract.entities.finder import extract_entities
from kg.extract.entities.gazetteer import load_gazetteer
from kg.records import Article, LocalEntity

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def doc_with(words, ents) -> Doc:
    doc = Doc(VOCAB, words=words)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def extract(doc: Doc, gaz):
    return extract_entities(doc, Article(id="a1", title="", text=doc.text, sources=()), gaz)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the quarterback threw a touchdown and the linebacker made the playoff roster", True),
        ("the free agent first baseman signed with the club", True),  # phrases
        ("the minister met the coach driver", False),  # one cue is not a genre
        ("the coach said the coach would coach", False),  # three uses of one cue
        ("the ministry condemned the strike on the refugee camp", False),
    ],
)
def test_entity_evidence_sport_story_needs_several_distinct_cues(gaz, text, expected):
    assert is_sport_story(text.split(), gaz) is expected


def test_entity_evidence_sport_story_reads_the_thresholds_of_the_gazetteer(gaz):
    words = ["the", "quarterback", "threw", "a", "touchdown"]
    assert is_sport_story(words, replace(gaz, sport_story=(2, 2))) is True
    assert is_sport_story(words, replace(gaz, sport_story=(3, 2))) is False


def test_entity_evidence_adds_thing_labels_of_the_same_name_and_the_genre(gaz):
    words = ["The", "Zorbex", "Pro", "sold", ".", "Zorbex", "Pro", "launched", "."]
    doc = doc_with(words, [(1, 3, "PRODUCT"), (5, 7, "ORG")])
    entity = LocalEntity("e0", "Zorbex Pro", "Organization", basis="model",
                         labels=(("ORG", 1),))
    assert add_evidence(doc, [entity], gaz) == [
        replace(entity, labels=(("ORG", 1), ("PRODUCT", 1)))
    ]
    sport = doc_with(["quarterback", "touchdown", "playoff", "Zorbex", "Pro"], [(3, 5, "ORG")])
    assert add_evidence(sport, [entity], gaz) == [replace(entity, genre=SPORT)]


@pytest.mark.parametrize("name", ["GMT", "AI", "EST"])
def test_entity_evidence_time_zones_and_initialisms_are_no_entities(gaz, name):
    mentions, entities = extract(doc_with(["At", "9", name, "it", "fell"], [(2, 3, "ORG")]), gaz)
    assert entities == []
    assert [(m.text, m.entity) for m in mentions] == [(name, None)]


@pytest.mark.parametrize(("head", "label"), [("Stadium", "ORG"), ("Ave", "ORG"),
                                             ("Avenue", "PERSON")])
def test_entity_evidence_a_venue_or_street_is_a_place_whatever_the_model_says(gaz, head, label):
    words = ["They", "met", "at", "Varno", head, "."]
    _, entities = extract(doc_with(words, [(3, 5, label)]), gaz)
    assert [(e.label, e.type, e.basis) for e in entities] == [
        (f"Varno {head}", "Place", "model")
    ]


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # "the palace" in lower case: "Palace" is the common noun, not a name
        (["The", "Palace", "said", "the", "palace", "was", "shut", "."], [(1, 2, "ORG")], []),
        (["The", "Varnex", "said", "the", "palace", "was", "shut", "."], [(1, 2, "ORG")],
         [("Varnex", "Organization")]),
    ],
)
def test_entity_evidence_a_one_word_name_the_story_writes_in_lower_case_is_no_name(
    gaz, words, ents, expected
):
    _, entities = extract(doc_with(words, ents), gaz)
    assert [(e.label, e.type) for e in entities] == expected


@pytest.mark.parametrize(
    ("label", "ents", "expected"),
    [
        # an office holder of the field's dictionaries, taken for an organisation
        ("Ilse Varga", [(0, 2, "ORG")], ("Person", "dictionary:Phoenix.Countries.actors.txt")),
        ("Ilse Varga", [(0, 2, "PERSON")], ("Person", "dictionary:Phoenix.Countries.actors.txt")),
        # a body confirms an organisation
        ("Varga Trust", [(0, 2, "ORG")],
         ("Organization", "dictionary:Phoenix.International.actors.txt")),
        # and makes a "person" whose name starts with no given name one ("Ansar al-Islam")
        ("Varga Trust", [(0, 2, "PERSON")],
         ("Organization", "dictionary:Phoenix.International.actors.txt")),
        # a person with a given name stays a person (the dictionaries list some people as
        # bodies)
        ("Ilse Trust", [(0, 2, "PERSON")], ("Person", "model")),
        # the militant file's "person" is its group when a word of a group's name says so
        ("Ansar Varga", [(0, 2, "PERSON")],
         ("Organization", "dictionary:Phoenix.MilNonState.actors.txt")),
        ("Abu Varga", [(0, 2, "PERSON")], ("Person", "model")),  # a militant listed by name
    ],
)
def test_entity_evidence_dictionary_gives_a_basis(gaz, label, ents, expected):
    dictionary = {"ilse varga": ("Person", "Phoenix.Countries.actors.txt"),
                  "varga trust": ("Organization", "Phoenix.International.actors.txt"),
                  "ilse trust": ("Organization", "Phoenix.International.actors.txt"),
                  "ansar varga": ("Organization", "Phoenix.MilNonState.actors.txt"),
                  "abu varga": ("Organization", "Phoenix.MilNonState.actors.txt")}
    words = [*label.split(), "said", "so", "."]
    _, entities = extract(doc_with(words, ents), replace(gaz, dictionary=dictionary))
    assert [(e.type, e.basis) for e in entities] == [expected]


def test_entity_evidence_gazetteer_reads_the_dictionary_and_the_non_actors(gaz):
    assert gaz.dictionary["barack obama"] == ("Person", "Phoenix.Countries.actors.txt")
    assert {"GMT", "UTC", "AI"} <= gaz.non_actors and "gmt" not in gaz.non_actors
    assert "stadium" in gaz.venue_heads and "quarterback" in gaz.sport_cues
    assert "twitter" in gaz.platforms
    assert gaz.dictionary["rite aid"] == ("Organization", "Phoenix.International.actors.txt")


def test_entity_evidence_an_institution_in_a_sport_story_keeps_no_genre(gaz):
    words = ["quarterback", "touchdown", "playoff", "Dover", "Police", "Dover", "Rovers"]
    doc = doc_with(words, [(3, 5, "ORG"), (5, 7, "ORG")])
    police = LocalEntity("e0", "Dover Police", "Organization", basis="model")
    club = LocalEntity("e1", "Dover Rovers", "Organization", basis="model")
    assert [e.genre for e in add_evidence(doc, [police, club], gaz)] == ["", SPORT]


def test_entity_evidence_parliament_beside_parliament_stays_a_name(gaz):
    words = ["Parliament", "voted", "and", "the", "parliament", "rose", "."]
    _, entities = extract(doc_with(words, [(0, 1, "ORG")]), gaz)
    assert [(e.label, e.type) for e in entities] == [("Parliament", "Organization")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the laptop has a faster processor , more software , apps and a longer battery life",
         COMMERCE),
        ("the film topped the box office , the studio said , and the sequel stars the actress",
         COMMERCE),
        ("shareholders cheered the merger as quarterly revenue and profit rose", COMMERCE),
        ("the ministry condemned the strike on the refugee camp", ""),
        ("the minister said investors and customers were worried", ""),  # a cue or two
        ("the quarterback threw a touchdown in the playoff game before the movie", SPORT),
    ],
)
def test_entity_evidence_story_genre(gaz, text, expected):
    assert story_genre(text.split(), gaz) == expected


def test_entity_evidence_commerce_genre_spares_state_bodies(gaz):
    words = ["laptop", "processor", "software", "apps", "chips", "Acme", "Vancouver", "Police"]
    doc = doc_with(words, [(5, 6, "ORG"), (6, 8, "ORG")])
    acme = LocalEntity("e0", "Acme", "Organization")
    police = LocalEntity("e1", "Vancouver Police", "Organization")
    assert [e.genre for e in add_evidence(doc, [acme, police], gaz)] == [COMMERCE, ""]
