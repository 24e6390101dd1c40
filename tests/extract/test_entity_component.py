"""Tests for the ``kg_gazetteer`` component and doc helpers (`kg.extract.entities.component`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from kg.extract.entities.component import (
    COMPONENT,
    candidate_spans,
    doc_text,
    is_headline,
    repair_spans,
    split_lines,
    token_index,
    untagged_cities,
)
from kg.extract.entities.finder import configure_nlp
from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.resolve import ORG, PERSON, Candidate

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


@pytest.fixture(scope="module")
def nlp(gaz):
    return configure_nlp(spacy.blank("en"), gaz)


def ents(doc: Doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


@pytest.mark.parametrize(
    ("model_ents", "expected"),
    [
        # the statistical name contains the reference name: the longer name stands
        ([(0, 2, "ORG")], [("Peru Holdings", "ORG", ""), ("Peru", "GPE", "country:PER")]),
        # no statistical entity: the reference match is added with its entry id
        ([], [("Peru", "GPE", "country:PER"), ("Peru", "GPE", "country:PER")]),
        # a statistical entity over the reference name alone is replaced by the match
        (
            [(0, 1, "PERSON")],
            [("Peru", "GPE", "country:PER"), ("Peru", "GPE", "country:PER")],
        ),
    ],
)
def test_entity_component_reconciles_reference_matches(nlp, model_ents, expected):
    doc = nlp.make_doc("Peru Holdings grew in Peru .")
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in model_ents]
    assert ents(nlp.get_pipe(COMPONENT)(doc)) == expected


def test_entity_component_added_last_without_a_recognizer(nlp):
    assert nlp.pipe_names == [COMPONENT]


def test_entity_component_person_runs_on_over_its_compound_head(gaz):
    words = ["Ana", "Lund", "Varga", "spoke", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[2, 2, 3, 3, 3],
        deps=["compound", "compound", "nsubj", "ROOT", "punct"],
    )
    fixed = repair_spans([Span(doc, 0, 2, label="PERSON")], gaz)
    assert [(e.text, e.label_) for e in fixed] == [("Ana Lund Varga", "PERSON")]


def test_entity_component_org_runs_on_over_of_the(gaz):
    words = ["Velder", "Institute", "of", "the", "Arts", "opened", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=[1, 5, 1, 4, 2, 5, 5],
        deps=["compound", "nsubj", "prep", "det", "pobj", "ROOT", "punct"],
    )
    fixed = repair_spans([Span(doc, 0, 2, label="ORG")], gaz)
    assert [(e.text, e.label_) for e in fixed] == [("Velder Institute of the Arts", "ORG")]


@pytest.mark.parametrize(
    ("char", "expected"),
    [(3, True), (40, False)],
)
def test_entity_component_is_headline(char, expected):
    doc = spacy.blank("en")("Rebels Seize Airport In Dawn Raid\nThe rebels said so on Monday")
    assert is_headline(doc, char) is expected


def test_entity_component_doc_text_is_joined_once():
    doc = spacy.blank("en")("Two words")
    assert doc_text(doc) == "Two words"
    assert doc_text(doc) is doc_text(doc)


def test_entity_component_split_lines_cuts_an_entity_at_line_breaks():
    doc = spacy.blank("en")("Velder Party\nLund said")
    assert [p.text for p in split_lines(doc[0:5])] == ["Velder Party", "Lund said"]


def test_entity_component_token_index_maps_tokens_to_candidates():
    doc = spacy.blank("en")("Ilse Brandt met the Velder Party .")
    cands = (
        Candidate(0, 11, "Ilse Brandt", "PERSON", PERSON, name="Ilse Brandt"),
        Candidate(20, 32, "Velder Party", "ORG", ORG, name="Velder Party"),
        Candidate(90, 95, "Lost", "ORG", ORG, name="Lost"),  # outside the doc
    )
    spans = candidate_spans(doc, cands)
    assert [s.text if s is not None else None for s in spans] == [
        "Ilse Brandt",
        "Velder Party",
        None,
    ]
    assert token_index(spans) == {0: 0, 1: 0, 4: 1, 5: 1}


@pytest.mark.parametrize(
    ("words", "pos", "deps", "tagged", "expected"),
    [
        # an untagged proper noun that is a city of the place table is a place
        (["Drones", "struck", "Kharkiv", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
         ["nsubj", "ROOT", "dobj", "punct"], [], [("Kharkiv", "GPE")]),
        # only the whole run of proper nouns counts ("Kharkiv Oblast Council" is not a city)
        (["Drones", "struck", "Kharkiv", "Tractor", "."],
         ["NOUN", "VERB", "PROPN", "PROPN", "PUNCT"],
         ["nsubj", "ROOT", "compound", "dobj", "punct"], [], []),
        # a subject is more likely a person ("Charlotte said")
        (["Kharkiv", "said", "."], ["PROPN", "VERB", "PUNCT"], ["nsubj", "ROOT", "punct"], [], []),
        # what the recognizer tagged stays its own
        (["Drones", "struck", "Kharkiv", "."], ["NOUN", "VERB", "PROPN", "PUNCT"],
         ["nsubj", "ROOT", "dobj", "punct"], [(2, 3, "ORG")], []),
    ],
)
def test_component_untagged_city_names_are_places(gaz, words, pos, deps, tagged, expected):
    doc = Doc(spacy.blank("en").vocab, words=words, pos=pos, deps=deps,
              heads=[1] * len(words))
    spans = [Span(doc, start, end, label=label) for start, end, label in tagged]
    found = untagged_cities(doc, spans, gaz)
    assert [(s.text, s.label_) for s in found] == expected
