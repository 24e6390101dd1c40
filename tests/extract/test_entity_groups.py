"""Tests for descriptions, institutions and acronyms (`kg.extract.entities.groups`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.groups import find_descriptions, find_institutions, link_acronyms
from kg.extract.entities.resolve import DESCRIPTION, ENTRY, ORG, PLACE_ROLE, Candidate

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def never_common(_token) -> bool:
    return False


@pytest.mark.parametrize(
    ("words", "pos", "expected"),
    [
        # "the bloc" heads its own noun phrase: a description of kind "bloc"
        (
            ["The", "bloc", "said", "it", "would", "act", "."],
            ["DET", "NOUN", "VERB", "PRON", "AUX", "VERB", "PUNCT"],
            (Candidate(0, 8, "The bloc", "DESC", DESCRIPTION, name="The bloc", kinds=("bloc",)),),
        ),
        # "the bloc summit": the noun modifies another, no description
        (["The", "bloc", "summit", "ended"], ["DET", "NOUN", "NOUN", "VERB"], ()),
        # "a bloc": only a definite description refers back
        (["A", "bloc", "said", "so"], ["DET", "NOUN", "VERB", "ADV"], ()),
    ],
)
def test_entity_groups_find_descriptions(gaz, words, pos, expected):
    doc = Doc(VOCAB, words=words, pos=pos)
    assert find_descriptions(doc, (), gaz) == expected


def test_entity_groups_descriptions_skip_words_inside_candidates(gaz):
    doc = Doc(VOCAB, words=["The", "bloc", "said"], pos=["DET", "NOUN", "VERB"])
    named = (Candidate(0, 8, "The bloc", "ORG", ORG, name="The bloc"),)
    assert find_descriptions(doc, named, gaz) == named


def test_entity_groups_institution_the_recognizer_missed_is_an_organisation(gaz):
    doc = Doc(VOCAB, words=["The", "Marlow", "police", "said", "."])
    assert find_institutions(doc, (), gaz, never_common) == (
        Candidate(4, 17, "Marlow police", "ORG", ORG, name="Marlow police"),
    )


def test_entity_groups_place_grows_over_its_institution_noun(gaz):
    doc = Doc(VOCAB, words=["The", "Marlow", "state", "government", "said", "."])
    place = Candidate(4, 10, "Marlow", "GPE", PLACE_ROLE, name="Marlow")
    assert find_institutions(doc, (place,), gaz, never_common) == (
        Candidate(4, 27, "Marlow state government", "ORG", ORG, name="Marlow state government"),
    )


def test_entity_groups_country_keeps_its_own_army(gaz):
    doc = Doc(VOCAB, words=["The", "Peru", "army", "said", "."])
    country = Candidate(4, 8, "Peru", "GPE", ENTRY, name="Peru", entry_id="country:PER")
    assert find_institutions(doc, (country,), gaz, never_common) == (country,)


@pytest.mark.parametrize(("common", "expected"), [(False, 1), (True, 0)])
def test_entity_groups_sentence_start_name_must_not_be_a_common_word(gaz, common, expected):
    doc = Doc(VOCAB, words=["Harbour", "police", "said", "."], tags=["NNP", "NN", "VBD", "."])
    found = find_institutions(doc, (), gaz, lambda _token: common)
    assert len(found) == expected
    assert [c.name for c in found] == ["Harbour police"][:expected]


def test_entity_groups_acronym_in_brackets_becomes_an_alias(gaz):
    words = ["the", "Velder", "Trade", "Council", "(", "VTC", ")", "said"]
    doc = Doc(VOCAB, words=words)
    council = Candidate(4, 24, "Velder Trade Council", "ORG", ORG, name="Velder Trade Council")
    assert link_acronyms(doc, (council,)) == (
        council,
        Candidate(27, 30, "VTC", "ORG", ORG, name="VTC", alias_of=0),
    )


def test_entity_groups_acronym_already_found_gets_its_alias(gaz):
    doc = Doc(VOCAB, words=["Velder", "Trade", "Council", "(", "VTC", ")"])
    council = Candidate(0, 20, "Velder Trade Council", "ORG", ORG, name="Velder Trade Council")
    acronym = Candidate(23, 26, "VTC", "ORG", ORG, name="VTC")
    assert link_acronyms(doc, (council, acronym)) == (
        council,
        Candidate(23, 26, "VTC", "ORG", ORG, name="VTC", alias_of=0),
    )
