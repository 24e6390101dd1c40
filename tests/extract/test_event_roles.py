"""Actors and recipients from the parse (`kg.extract.events.roles`) on hand-parsed sentences."""

from __future__ import annotations

import dataclasses

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.roles import Participants
from kg.records import LocalEntity

LEXICON = lexicon()
CANADA = LocalEntity("e0", "Canada", "Country")
MEXICO = LocalEntity("e1", "Mexico", "Country")
RUIZ = LocalEntity("e2", "Ana Ruiz", "Person", roles=("judge",), affiliation="e0")
VELA = LocalEntity("e3", "Tomas Vela", "Person")
LIMA = LocalEntity("e4", "Lima", "Place", country="Peru")
PERU = LocalEntity("e5", "Peru", "Country")
NAMED = {"Canada": CANADA, "Mexico": MEXICO, "Ana Ruiz": RUIZ, "Tomas Vela": VELA,
         "Lima": LIMA, "Peru": PERU}  # fmt: skip


def participants(table: str) -> Participants:
    """Every entity of `NAMED` belongs to the article; those the sentence names are mentions."""
    doc = parse(table)
    return Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)


@pytest.mark.parametrize(
    ("table", "token", "expected"),
    [
        (  # a mention is direct
            """
            Canada   1 nsubj PROPN
            attacked 1 ROOT  VERB VBD attack
            Mexico   1 dobj  PROPN
            """, 0, (["e0"], "direct"),
        ),
        (  # conjuncts too
            """
            Canada   3 nsubj PROPN
            and      0 cc    CCONJ
            Mexico   0 conj  PROPN
            met      3 ROOT  VERB VBD meet
            """, 0, (["e0", "e1"], "direct"),
        ),
        (  # a proxy noun stands for its owner
            """
            Canada   2 poss  PROPN
            's       0 case  PART POS
            military 3 nsubj NOUN
            attacked 3 ROOT  VERB VBD attack
            Mexico   3 dobj  PROPN
            """, 2, (["e0"], "proxy"),
        ),
        (  # "his ally Mexico": Mexico, not him
            """
            his      1 poss  PRON PRP$ he
            ally     3 nsubj NOUN
            Mexico   1 appos PROPN
            left     3 ROOT  VERB VBD leave
            """, 1, (["e1"], "direct"),
        ),
        (  # "it" is the group subject of the clause that frames it
            """
            Canada   1 nsubj PROPN
            said     1 ROOT  VERB VBD say
            it       4 nsubj PRON
            would    4 aux   AUX  MD
            help     1 ccomp VERB VB
            Mexico   4 dobj  PROPN
            """, 2, (["e0"], "pronoun"),
        ),
        (  # "the judge": the one person of the article with that title
            """
            the      1 det   DET
            judge    2 nsubj NOUN
            ruled    2 ROOT  VERB VBD rule
            """, 1, (["e2"], "pronoun"),
        ),
        (  # "the latter": the second of the last two people named
            """
            Ana      1 compound PROPN
            Ruiz     2 nsubj PROPN
            met      2 ROOT  VERB VBD meet
            Tomas    4 compound PROPN
            Vela     2 dobj  PROPN
            .        2 punct PUNCT
            The      7 det   DET
            latter   8 nsubj ADJ
            left     8 ROOT  VERB VBD leave
            """, 7, (["e3"], "pronoun"),
        ),
        (  # an unnamed party is nobody
            """
            a        1 det   DET
            man      2 nsubj NOUN
            left     2 ROOT  VERB VBD leave
            """, 1, ([], ""),
        ),
    ],
)
def test_roles_actors(table, token, expected):
    parts = participants(table)
    assert parts.actors(parts.doc[token]) == expected


@pytest.mark.parametrize(
    ("pronoun", "lemma", "expected"), [("I", "I", ["e2"]), ("we", "we", ["e0"])]
)
def test_roles_speaker_pronoun_is_the_reporting_subject_or_their_side(pronoun, lemma, expected):
    parts = participants(f"""
        Ana       1 compound PROPN
        Ruiz      2 nsubj PROPN
        said      2 ROOT  VERB VBD say
        {pronoun} 5 nsubj PRON PRP {lemma}
        would     5 aux   AUX  MD
        help      2 ccomp VERB VB
        Mexico    5 dobj  PROPN
    """)
    assert parts.actors(parts.doc[3]) == (expected, "pronoun")


@pytest.mark.parametrize(
    ("table", "token", "expected"),
    [
        (  # a named place stands for its country when the article names it
            """
            Canada   1 nsubj PROPN
            bombed   1 ROOT  VERB VBD bomb
            Lima     1 dobj  PROPN
            and      2 cc    CCONJ
            Peru     2 conj  PROPN
            """, 2, ["e5"],
        ),
        (  # the owner of a thing
            """
            Canada   1 nsubj PROPN
            invested 1 ROOT  VERB VBD invest
            in       1 prep  ADP
            Mexico   6 poss  PROPN
            's       3 case  PART POS
            energy   6 compound NOUN
            sector   2 pobj  NOUN
            """, 6, ["e1"],
        ),
    ],
)
def test_roles_targets(table, token, expected):
    parts = participants(table)
    assert parts.targets(parts.doc[token]) == expected


def test_roles_entity_known_surname_stands_for_the_person():
    parts = participants("""
        Ruiz   1 nsubj PROPN
        met    1 ROOT  VERB VBD meet
        Mexico 1 dobj  PROPN
    """)
    assert [parts.entity(t) for t in parts.doc] == ["e2", None, "e1"]


def test_roles_keys_in_lists_actors_in_order_once():
    parts = participants("""
        Mexico 1 nsubj PROPN
        and    0 cc    CCONJ
        Canada 0 conj  PROPN
        met    3 ROOT  VERB VBD meet
        in     3 prep  ADP
        Lima   4 pobj  PROPN
        with   3 prep  ADP
        Mexico 6 pobj  PROPN
    """)
    assert parts.keys_in(parts.doc) == ["e1", "e0"]  # Lima is a place, not an actor


def test_roles_participants_is_frozen():
    parts = participants("Canada 0 ROOT PROPN")
    with pytest.raises(dataclasses.FrozenInstanceError):
        parts.lexicon = LEXICON  # type: ignore[misc]
