"""Tests for span cleaning, classification and the pass order (`kg.extract.entities.finder`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.entities.finder import configure_nlp, extract_entities
from kg.extract.entities.gazetteer import load_gazetteer
from kg.records import Article, LocalEntity, Mention

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def doc_with(words, ents, **parse) -> Doc:
    """A hand-built Doc; `ents` are (start, end, label) token ranges."""
    doc = Doc(VOCAB, words=words, **parse)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def extract(doc: Doc, gaz) -> tuple[list[Mention], list[LocalEntity]]:
    return extract_entities(doc, Article(id="a1", title="", text=doc.text, sources=()), gaz)


def test_entity_finder_configure_nlp_adds_the_component_after_the_recognizer(gaz):
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    configure_nlp(nlp, gaz)
    configure_nlp(nlp, gaz)  # a second call reloads, it does not add a second component
    assert nlp.pipe_names == ["ner", "kg_gazetteer"]


def test_entity_finder_rejects_a_doc_of_another_text(gaz):
    doc = Doc(VOCAB, words=["Rain", "fell"])
    article = Article(id="a1", title="", text="Snow fell", sources=())
    with pytest.raises(ValueError, match="article a1: the doc is not the parse"):
        extract_entities(doc, article, gaz)


@pytest.mark.parametrize(
    ("first", "roles"),
    [
        ("Ms", ()),  # a courtesy title is no role
        ("Dr", ()),
        ("President", ("president",)),  # an office is
    ],
)
def test_entity_finder_title_before_a_name_is_cut_off_the_name(gaz, first, roles):
    doc = doc_with([first, "Ilse", "Brandt", "spoke", "."], [(0, 3, "PERSON")])
    mentions, entities = extract(doc, gaz)
    text = f"{first} Ilse Brandt"
    assert entities == [
        LocalEntity(key="e0", label="Ilse Brandt", type="Person", roles=roles, aliases=(text,),
                    basis="model", labels=(("PERSON", 1),))
    ]
    assert mentions == [Mention(0, len(text), text, "PERSON", "e0")]


@pytest.mark.parametrize(
    ("words", "parse", "expected"),
    [
        # "Lima said": the capital acts for its country
        (
            ["Lima", "said", "so"],
            {
                "heads": [1, 1, 1],
                "deps": ["nsubj", "ROOT", "advmod"],
                "lemmas": ["Lima", "say", "so"],
            },
            LocalEntity(
                key="e0",
                label="Peru",
                type="Country",
                qid="Q419",
                country="Peru",
                aliases=("Lima",),
                basis="gazetteer:countries.json",
                labels=(("GPE", 1),),
            ),
        ),
        # "flew to Lima": the capital is a place of its country
        (
            ["They", "flew", "to", "Lima"],
            {"heads": [1, 1, 1, 2], "deps": ["nsubj", "ROOT", "prep", "pobj"]},
            LocalEntity(key="e0", label="Lima", type="Place", country="Peru",
                        basis="gazetteer:countries.json", labels=(("GPE", 1),)),
        ),
    ],
)
def test_entity_finder_capital_acts_or_is_a_place(gaz, words, parse, expected):
    at = words.index("Lima")
    _, entities = extract(doc_with(words, [(at, at + 1, "GPE")], **parse), gaz)
    assert entities == [expected]


def test_entity_finder_institution_is_found_before_the_person_it_employs(gaz):
    # The institution pass runs before the person pass, so the chief's affiliation is the
    # "Marlow police" the recognizer missed.
    words = ["The", "Marlow", "police", "chief", "Ilse", "Brandt", "said", "."]
    _, entities = extract(doc_with(words, [(4, 6, "PERSON")]), gaz)
    assert entities == [
        LocalEntity(key="e0", label="Marlow police", type="Organization", basis="model",
                    labels=(("ORG", 1),)),
        LocalEntity(
            key="e1", label="Ilse Brandt", type="Person", affiliation="e0", roles=("chief",),
            basis="model", labels=(("PERSON", 1),)
        ),
    ]


def test_entity_finder_name_ending_in_an_acronym_is_a_local_unit(gaz):
    words = ["Tarn", "VDF", "officers", "joined", "the", "VDF", "."]
    _, entities = extract(doc_with(words, [(0, 2, "PERSON"), (5, 6, "ORG")]), gaz)
    assert [(e.label, e.type) for e in entities] == [
        ("Tarn VDF", "Organization"),
        ("VDF", "Organization"),
    ]


def test_entity_finder_indefinite_article_is_no_part_of_a_name(gaz):
    # "An Tarn Defence Forces spokesman denied": the recognizer took the article in
    words = ["An", "Tarn", "Defence", "Forces", "spokesman", "denied", "."]
    parse = {"tags": ["DT", "NNP", "NNP", "NNPS", "NN", "VBD", "."]}
    _, entities = extract(doc_with(words, [(0, 4, "ORG")], **parse), gaz)
    assert [(e.label, e.type) for e in entities] == [("Tarn Defence Forces", "Organization")]


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # the recognizer ran the name on into a function word ("... Complex at Florence")
        (["Guards", "at", "Tarn", "Correctional", "Complex", "at", "dawn", "."], [(2, 6, "ORG")],
         [("Tarn Correctional Complex", "Organization")]),
        # ... or across a dash the text uses for a comma ("his son Velder-that is, ...")
        (["His", "son", "Velder", "-", "that", "is", "home", "."], [(2, 5, "PERSON")],
         [("Velder", "Person")]),
        # no capital letter: no name ("red lipstick"), but "eTarn" is one
        (["She", "wore", "red", "lipstick", "."], [(2, 4, "ORG")], []),
        (["She", "joined", "eTarn", "."], [(2, 3, "ORG")], [("eTarn", "Organization")]),
    ],
)
def test_entity_finder_run_on_words_and_lower_case_spans_are_no_names(gaz, words, ents,
                                                                       expected):
    _, entities = extract(doc_with(words, ents), gaz)
    assert [(e.label, e.type) for e in entities] == expected


def test_entity_finder_document_is_no_actor(gaz):
    words = ["They", "signed", "the", "Velder", "Agreement", "."]
    mentions, entities = extract(doc_with(words, [(2, 5, "ORG")]), gaz)
    assert entities == []
    assert mentions == [Mention(12, 32, "the Velder Agreement", "ORG", None)]


def test_entity_finder_untagged_acronym_is_the_organisation_tagged_elsewhere(gaz):
    # "The VDF said . Two VDF officers left ." : the recognizer tagged the first VDF only
    words = ["The", "VDF", "said", ".", "Two", "VDF", "officers", "left", "."]
    parse = {"heads": [1, 2, 2, 2, 6, 6, 7, 7, 7], "lemmas": [w.lower() for w in words],
             "deps": ["det", "nsubj", "ROOT", "punct", "nummod", "compound", "nsubj", "ROOT",
                      "punct"],
             "pos": ["DET", "PROPN", "VERB", "PUNCT", "NUM", "PROPN", "NOUN", "VERB", "PUNCT"]}
    mentions, entities = extract(doc_with(words, [(1, 2, "ORG")], **parse), gaz)
    assert [(m.start, m.text, m.entity) for m in mentions if m.entity] == [
        (4, "VDF", "e0"), (19, "VDF", "e0")]  # fmt: skip


def test_entity_finder_acronym_before_a_group_noun_is_an_organisation(gaz):
    # "Two RVZ fighters left ." : no tag anywhere, but an acronym modifies a group noun
    words = ["Two", "RVZ", "fighters", "left", "."]
    parse = {"heads": [2, 2, 3, 3, 3], "lemmas": ["two", "RVZ", "fighter", "leave", "."],
             "deps": ["nummod", "compound", "nsubj", "ROOT", "punct"],
             "pos": ["NUM", "PROPN", "NOUN", "VERB", "PUNCT"]}
    _, entities = extract(doc_with(words, [], **parse), gaz)
    assert [(e.label, e.type) for e in entities] == [("RVZ", "Organization")]


@pytest.mark.parametrize(("prep", "expected"), [("on", "Place"), ("by", "Organization")])
def test_entity_finder_city_tagged_as_organisation_is_a_place_where_places_go(
    gaz, prep, expected
):
    # "A strike on Kharkiv killed five ." : the recognizer tagged the city ORG; the place
    # table knows it, and it is named where a place goes. "by Kharkiv" may be an organisation.
    words = ["A", "strike", prep, "Kharkiv", "killed", "five", "."]
    parse = {"heads": [1, 4, 1, 2, 4, 4, 4], "lemmas": [w.lower() for w in words],
             "deps": ["det", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"],
             "pos": ["DET", "NOUN", "ADP", "PROPN", "VERB", "NUM", "PUNCT"]}
    _, entities = extract(doc_with(words, [(3, 4, "ORG")], **parse), gaz)
    assert [(e.label, e.type) for e in entities] == [("Kharkiv", expected)]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # the object of a verb whose object is most often a place, in a story naming its country
        (["Russia", "attacked", "Kharkiv", "in", "Ukraine", "."],
         [("Russia", "Country"), ("Kharkiv", "Place"), ("Ukraine", "Place")]),
        # ... but a person may be attacked too: without the country named, it stays a person
        (["Russia", "attacked", "Kharkiv", "in", "Latvia", "."],
         [("Russia", "Country"), ("Kharkiv", "Person"), ("Latvia", "Place")]),
    ],
)
def test_entity_finder_city_tagged_as_person_object_of_a_place_verb(gaz, words, expected):
    parse = {"heads": [1, 1, 1, 1, 3, 1], "lemmas": ["Russia", "attack", "Kharkiv", "in",
                                                     words[4], "."],
             "deps": ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
             "pos": ["PROPN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"]}
    ents = [(0, 1, "GPE"), (2, 3, "PERSON"), (4, 5, "GPE")]
    _, entities = extract(doc_with(words, ents, **parse), gaz)
    assert sorted((e.label, e.type) for e in entities) == sorted(expected)


@pytest.mark.parametrize(
    ("country", "expected"),
    [("Indonesia", "Place"), ("Latvia", "Person")],  # Kharkiv is in neither
)
def test_entity_finder_city_tagged_as_person_named_by_a_place_noun(gaz, country, expected):
    # "Troops reached the capital Kharkiv , Latvia said .": the name of a place noun is a
    # place, unless the story names countries and not the table's one for that name
    words = ["Troops", "reached", "the", "capital", "Kharkiv", ",", country, "said", "."]
    parse = {"heads": [1, 7, 3, 1, 3, 7, 7, 7, 7],
             "lemmas": ["troop", "reach", "the", "capital", "Kharkiv", ",", country, "say", "."],
             "deps": ["nsubj", "ccomp", "det", "dobj", "appos", "punct", "nsubj", "ROOT",
                      "punct"],
             "pos": ["NOUN", "VERB", "DET", "NOUN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"]}
    ents = [(4, 5, "PERSON")] + ([] if country == "Indonesia" else [(6, 7, "GPE")])
    _, entities = extract(doc_with(words, ents, **parse), gaz)
    assert [(e.label, e.type) for e in entities if e.label == "Kharkiv"] == [("Kharkiv", expected)]


def test_entity_finder_city_tagged_as_person_at_the_end_of_a_range_is_a_place(gaz):
    # "It was felt from Lviv to Kharkiv ."
    words = ["It", "was", "felt", "from", "Lviv", "to", "Kharkiv", "."]
    parse = {"heads": [2, 2, 2, 2, 3, 3, 5, 2],
             "lemmas": ["it", "be", "feel", "from", "Lviv", "to", "Kharkiv", "."],
             "deps": ["nsubjpass", "auxpass", "ROOT", "prep", "pobj", "prep", "pobj", "punct"],
             "pos": ["PRON", "AUX", "VERB", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"]}
    _, entities = extract(doc_with(words, [(4, 5, "GPE"), (6, 7, "PERSON")], **parse), gaz)
    assert [(e.label, e.type) for e in entities] == [("Lviv", "Place"), ("Kharkiv", "Place")]


@pytest.mark.parametrize(("name", "expected"), [
    (["DDR3"], []), (["NBC10"], []), (["John", "Pike", "3rd"], [("John Pike 3rd", "Person")]),
])  # fmt: skip
def test_entity_finder_a_person_has_no_digit_in_the_name_but_an_ordinal(gaz, name, expected):
    words = [*name, "said", "it", "."]
    _, entities = extract(doc_with(words, [(0, len(name), "PERSON")]), gaz)
    assert [(e.label, e.type) for e in entities] == expected


@pytest.mark.parametrize(("words", "expected"), [
    (["in", "northeast", "Nigeria"], [("Nigeria", "Country")]),  # (no parse: not locative)
    (["in", "north", "-", "east", "Nigeria"], [("Nigeria", "Country")]),
    # a capitalised compass word is part of a name
    (["in", "Northern", "Ireland"], [("Northern Ireland", "Place")]),
])  # fmt: skip
def test_entity_finder_lower_case_compass_word_is_cut_off_a_country(gaz, words, expected):
    doc = doc_with(["Fighting", "spread", *words, "."], [(3, 2 + len(words), "GPE")])
    mentions, entities = extract(doc, gaz)
    assert [(e.label, e.type) for e in entities] == expected
    assert [m.text for m in mentions] == [expected[0][0]]
