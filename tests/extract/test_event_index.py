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


#: "Chile protested . Chile said police and protesters clashed ."
CLASH = parse("""
    Chile      1 nsubj PROPN
    protested  1 ROOT  VERB VBD protest
    .          1 punct PUNCT
    Chile      4 nsubj PROPN
    said       4 ROOT  VERB VBD say
    police     8 nsubj NOUN
    and        5 cc    CCONJ
    protesters 5 conj  NOUN NNS protester
    clashed    4 ccomp VERB VBD clash
    .          4 punct PUNCT
""")


@pytest.mark.parametrize(("chiles", "police"), [(2, "e1"), (1, None)])
def test_index_state_body_of_a_bare_group_noun_is_the_focus_country(chiles, police):
    """A bare "police" stands for the country the story is about (named at least twice);
    "protesters" stay an unnamed group."""
    found = [Mention(0, 5, "Chile", "GPE", "e1"), Mention(17, 22, "Chile", "GPE", "e1"),
             Mention(28, 34, "police", "GENERIC", None, "COP"),
             Mention(39, 49, "protesters", "GENERIC", None, "CVLOPP")][2 - chiles:]  # fmt: skip
    index = build_index(CLASH, found, [CHILE], LEXICON)
    assert index.key_of.get(5) == police
    expected = ("COP", False) if police else (None, True)
    assert (index.generic.get(5), 5 in index.unnamed) == expected
    assert index.unnamed[7] == ("protesters", "CVLOPP")
