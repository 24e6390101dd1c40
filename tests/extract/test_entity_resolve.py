"""Tests for within-article resolution (`kg.extract.entities.resolve`), on hand-built candidates."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.resolve import (
    DESCRIPTION,
    ENTRY,
    NONE,
    ORG,
    PERSON,
    PLACE_ROLE,
    Candidate,
    resolve,
    surname_keys,
)
from kg.records import LocalEntity, Mention

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def person(start: int, name: str, **changes) -> Candidate:
    return Candidate(start, start + len(name), name, "PERSON", PERSON, name=name, **changes)


def org(start: int, name: str, **changes) -> Candidate:
    return Candidate(start, start + len(name), name, "ORG", ORG, name=name, **changes)


def test_resolve_candidate_is_frozen():
    cand = person(0, "Ilse Brandt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cand.role = ORG  # type: ignore[misc]
    assert dataclasses.replace(cand, role=ORG).role == ORG
    assert cand.role == PERSON


def test_resolve_joins_a_later_surname_to_the_full_name(gaz):
    mentions, entities = resolve([person(0, "Ilse Brandt"), person(20, "Brandt")], gaz)
    assert entities == [
        LocalEntity(key="e0", label="Ilse Brandt", type="Person", aliases=("Brandt",),
                    basis="model", labels=(("PERSON", 1),))
    ]
    assert mentions == [
        Mention(0, 11, "Ilse Brandt", "PERSON", "e0"),
        Mention(20, 26, "Brandt", "PERSON", "e0"),
    ]


def test_resolve_sorts_by_offset_and_renumbers_affiliations(gaz):
    # The person comes first in the list but second in the text; its affiliation (index 1,
    # the organisation) must follow the organisation to its new place.
    cands = [
        person(20, "Ilse Brandt", roles=("leader",), affiliation=1),
        org(0, "Velder Party"),
    ]
    mentions, entities = resolve(cands, gaz)
    assert [(m.text, m.entity) for m in mentions] == [("Velder Party", "e0"), ("Ilse Brandt", "e1")]
    assert entities[1] == LocalEntity(
        key="e1", label="Ilse Brandt", type="Person", affiliation="e0", roles=("leader",),
        basis="model", labels=(("PERSON", 1),)
    )
    assert (entities[0].label, entities[0].type) == ("Velder Party", "Organization")


def test_resolve_acronym_joins_the_name_it_abbreviates(gaz):
    cands = [org(0, "Velder Trade Council"), org(22, "VTC", alias_of=0)]
    mentions, entities = resolve(cands, gaz)
    assert [(e.label, e.aliases) for e in entities] == [("Velder Trade Council", ("VTC",))]
    assert [m.entity for m in mentions] == ["e0", "e0"]


@pytest.mark.parametrize(
    ("orgs", "expected"),
    [
        ((org(0, "Norvian Health Ministry"),), "e0"),  # one ministry named before: that one
        ((org(0, "Norvian Health Ministry"), org(30, "Norvian Trade Ministry")), None),  # two
        ((), None),  # none
    ],
)
def test_resolve_description_needs_one_matching_organisation(gaz, orgs, expected):
    desc = Candidate(60, 72, "the ministry", "DESC", DESCRIPTION, name="the ministry")
    desc = dataclasses.replace(desc, kinds=("ministry",))
    mentions, _ = resolve([*orgs, desc], gaz)
    assert mentions[-1].entity == expected


def test_resolve_short_court_name_joins_its_unique_longer_form(gaz):
    cands = [org(0, "Lindmark Court of Appeal"), org(40, "Court of Appeal")]
    _, entities = resolve(cands, gaz)
    assert [(e.label, e.aliases) for e in entities] == [
        ("Lindmark Court of Appeal", ("Court of Appeal",))
    ]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # a known surname taken for a place joins the person
        (
            Candidate(30, 36, "Brandt", "GPE", PLACE_ROLE, name="Brandt"),
            [("Ilse Brandt", "Person")],
        ),
        # a NORP span that is a known surname joins the person too
        (Candidate(30, 36, "Brandt", "NORP", NONE, name="Brandt"), [("Ilse Brandt", "Person")]),
    ],
)
def test_resolve_known_surname_is_the_person(gaz, second, expected):
    _, entities = resolve([person(0, "Ilse Brandt"), second], gaz)
    assert [(e.label, e.type) for e in entities] == expected


def test_resolve_lone_name_that_is_an_organisation_elsewhere_is_that_organisation(gaz):
    cands = [org(0, "Quorra"), person(20, "Quorra")]
    mentions, entities = resolve(cands, gaz)
    assert [(e.label, e.type) for e in entities] == [("Quorra", "Organization")]
    assert [m.entity for m in mentions] == ["e0", "e0"]


@pytest.mark.parametrize(
    ("cands", "expected"),
    [
        # a country only ever named as a location is a place in this story (issue #3)
        (
            [
                Candidate(
                    0, 4, "Peru", "GPE", ENTRY, name="Peru", entry_id="country:PER", locative=True
                )
            ],
            [("Peru", "Place", "Q419")],
        ),
        (
            [Candidate(0, 4, "Peru", "GPE", ENTRY, name="Peru", entry_id="country:PER")],
            [("Peru", "Country", "Q419")],
        ),
        # an organisation cited the way outlets are is a news organisation
        ([org(0, "Kelvar Post", outlet=True)], [("Kelvar Post", "NewsOrganization", None)]),
        # an unknown "place" that acts twice and is never a location is an organisation
        (
            [
                Candidate(0, 6, "Dravik", "GPE", PLACE_ROLE, name="Dravik", acting=True),
                Candidate(20, 26, "Dravik", "GPE", PLACE_ROLE, name="Dravik", acting=True),
            ],
            [("Dravik", "Organization", None)],
        ),
    ],
)
def test_resolve_types_entities_by_their_uses(gaz, cands, expected):
    _, entities = resolve(cands, gaz)
    assert [(e.label, e.type, e.qid) for e in entities] == expected


def test_resolve_capital_used_as_a_place_is_a_place_of_its_country(gaz):
    cand = Candidate(0, 4, "Lima", "GPE", ENTRY, name="Lima", entry_id="country:PER", as_place=True)
    _, entities = resolve([cand], gaz)
    assert entities == [LocalEntity(key="e0", label="Lima", type="Place", country="Peru",
                                    basis="gazetteer:countries.json", labels=(("GPE", 1),))]


@pytest.mark.parametrize(
    ("name", "particles", "expected"),
    [
        ("Ilse Brandt", frozenset(), ["brandt"]),
        ("Omar bin Tariq", frozenset({"bin"}), ["tariq"]),
        ("Rami al-Hadid", frozenset({"al"}), ["al-hadid", "hadid"]),
    ],
)
def test_resolve_surname_keys(name, particles, expected):
    assert sorted(surname_keys(name, particles)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # two or three capitalised words, the first a given name: a person whatever the tag
        ("Britney Spears", "Person"),
        ("Philip S. Pullman", "Person"),
        # a word of an organisation's or a place's name keeps it an organisation
        ("John Hopkins University", "Organization"),
        ("Gordon Advisors", "Organization"),
        ("Philip Street", "Organization"),
        # a first word that is also a common word or a place is no given name here
        ("Golden Dawn", "Organization"),
        ("Jordan Valley Authority", "Organization"),
        # one word, or four, is not a person's name by shape
        ("Spears", "Organization"),
        ("Mary Ann Smith Jones", "Organization"),
    ],
)
def test_resolve_organisation_shaped_like_a_person_is_a_person(gaz, name, expected):
    _, entities = resolve([org(0, name)], gaz)
    assert [(e.label, e.type) for e in entities] == [(name, expected)]
