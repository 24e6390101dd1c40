"""The token-to-entity index (`kg.extract.events.index`) on a hand-built sentence."""

from __future__ import annotations

import pytest
from parsed_docs import lexicon, parse

from kg.extract.events.index import build_index
from kg.records import LocalEntity, Mention

LEXICON = lexicon()
RUIZ = LocalEntity("e0", "Ana Ruiz", "Person", country="Chile")
CHILE = LocalEntity("e1", "Chile", "Country")
LIMA = LocalEntity("e2", "Lima", "Place", country="Peru")
SANTIAGO = LocalEntity("e3", "Santiago", "Place", country="Chile")
#: "Ana Ruiz left Lima for Santiago, Chile; Ruiz met Vela"
DOC = parse("""
    Ana      1 compound PROPN
    Ruiz     2 nsubj    PROPN
    left     2 ROOT     VERB VBD leave
    Lima     2 dobj     PROPN
    for      2 prep     ADP
    Santiago 4 pobj     PROPN
    ,        5 punct    PUNCT
    Chile    5 appos    PROPN
    ;        2 punct    PUNCT
    Ruiz     10 nsubj   PROPN
    met      2 conj     VERB VBD meet
    Vela     10 dobj    PROPN
""")
MENTIONS = [
    Mention(0, 8, "Ana Ruiz", "PERSON", "e0"),
    Mention(14, 18, "Lima", "GPE", "e2"),
    Mention(23, 31, "Santiago", "GPE", "e3"),
    Mention(23, 31, "Santiago", "GPE", "e1"),  # a second reading of the same span loses
    Mention(33, 38, "Chile", "GPE", "e1"),
    Mention(49, 53, "Vela", "PERSON", None),  # recognised but resolved to nothing
    Mention(0, 3, "Ana", "PERSON", "e9"),  # an entity the article does not have
]
INDEX = build_index(DOC, MENTIONS, [RUIZ, CHILE, LIMA, SANTIAGO], LEXICON)


def test_index_entity_per_token():
    # the second "Ruiz" is no mention, but the surname of exactly one person
    assert [INDEX.entity(t) for t in DOC] == [
        "e0", "e0", None, "e2", None, "e3", None, "e1", None, "e0", None, None,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("key", "country"),
    [("e0", "e1"), ("e3", "e1"), ("e2", None), ("e1", None)],  # Peru is not in the article
)
def test_index_country_of(key, country):
    assert INDEX.country_of(key) == country


@pytest.mark.parametrize(("token", "place"), [(3, "e2"), (7, "e1"), (1, None), (2, None)])
def test_index_place_is_a_place_or_a_country(token, place):
    assert INDEX.place(DOC[token]) == place


def test_index_tables():
    assert (INDEX.countries, INDEX.surnames) == ({"Chile": "e1"}, {"ruiz": "e0"})
