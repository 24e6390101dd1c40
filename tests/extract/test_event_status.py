"""Asserted, reported, denied or intended (`kg.extract.events.status`), hand-parsed."""

from __future__ import annotations

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.roles import Participants
from kg.extract.events.status import Status, StatusFinder
from kg.extract.events.syntax import quote_spans
from kg.records import LocalEntity

LEXICON = lexicon()
CANADA = LocalEntity("e0", "Canada", "Country")
MEXICO = LocalEntity("e1", "Mexico", "Country")
REUTERS = LocalEntity("e2", "Reuters", "NewsOrganization")
RUIZ = LocalEntity("e3", "Ruiz", "Person", roles=("minister",))
VELA = LocalEntity("e4", "Vela", "Person", roles=("minister",), affiliation="e1")
NAMED = {e.label: e for e in (CANADA, MEXICO, REUTERS, RUIZ, VELA)}

ATTACK = """
    Canada   1 nsubj PROPN
    attacked 1 ROOT  VERB VBD attack
    Mexico   1 dobj  PROPN
"""


def status_of(table: str, clause: int, *, noun: int | None = None) -> Status | None:
    """The status of "Canada attacks Mexico" told with clause head `clause`."""
    doc = parse(table)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    finder = StatusFinder(parts, LEXICON)
    return finder.find(
        doc[clause],
        noun=doc[noun] if noun is not None else None,
        participants=["e0", "e1"],
        actors=["e0"],
    )


def said(verb: str, lemma: str, speaker: str) -> str:
    """ATTACK followed by ", <speaker> <verb>" as a parenthetical."""
    return ATTACK + f"""
        ,          1 punct     PUNCT
        {speaker}  5 nsubj     PROPN
        {verb}     1 parataxis VERB VBD {lemma}
    """


@pytest.mark.parametrize(
    ("table", "clause", "expected"),
    [
        (ATTACK, 1, Status("asserted")),
        (  # negated: it did not happen
            """
            Canada 3 nsubj PROPN
            did    3 aux   AUX  VBD do
            not    3 neg   PART RB
            attack 3 ROOT  VERB VB
            Mexico 3 dobj  PROPN
            """, 3, None,
        ),
        (  # blocked: "refused to attack" did not happen either
            """
            Canada  1 nsubj PROPN
            refused 1 ROOT  VERB VBD refuse
            to      3 aux   PART
            attack  1 xcomp VERB VB
            Mexico  3 dobj  PROPN
            """, 3, None,
        ),
        (  # a noun that only allows the act: "the right to attack" tells no attack
            """
            Canada 1 nsubj PROPN
            has    1 ROOT  VERB VBZ have
            the    3 det   DET
            right  1 dobj  NOUN NN
            to     5 aux   PART
            attack 3 acl   VERB VB
            Mexico 5 dobj  PROPN
            """, 5, None,
        ),
        (  # ... unless it is exercised: "used its right to attack" did attack
            """
            Canada 1 nsubj PROPN
            used   1 ROOT  VERB VBD use
            its    3 poss  PRON
            right  1 dobj  NOUN NN
            to     5 aux   PART
            attack 3 acl   VERB VB
            Mexico 5 dobj  PROPN
            """, 5, Status("asserted"),
        ),
        (
            """
            Canada 2 nsubj PROPN
            will   2 aux   AUX  MD
            attack 2 ROOT  VERB VB
            Mexico 2 dobj  PROPN
            """, 2, Status("intended", cues=("intend-aux",)),
        ),
        (  # a news outlet's report stays reported
            """
            Reuters  1 nsubj PROPN
            reported 1 ROOT  VERB VBD report
            that     4 mark  SCONJ
            Canada   4 nsubj PROPN
            attacked 1 ccomp VERB VBD attack
            Mexico   4 dobj  PROPN
            """, 4, Status("reported", "e2", None, ("report:report",)),
        ),
        (
            """
            Canada   1 nsubj PROPN
            denied   1 ROOT  VERB VBD deny
            that     4 mark  SCONJ
            it       4 nsubj PRON
            attacked 1 ccomp VERB VBD attack
            Mexico   4 dobj  PROPN
            """, 4, Status("denied", "e0", None, ("deny:deny",)),
        ),
        (  # an unnamed source keeps its words
            ATTACK + """
            ,         1 punct PUNCT
            according 1 prep  VERB VBG
            to        4 prep  ADP
            sources   5 pobj  NOUN NNS source
            """, 1, Status("reported", None, "sources", ("according-to",)),
        ),
        # a named official with a plain reporting verb: on the record
        (said("said", "say", "Ruiz"), 1, Status("asserted", "e3", None, ("report:say",))),
        # ... unless the official is on the side the act was done to
        (said("said", "say", "Vela"), 1, Status("reported", "e4", None, ("report:say",))),
        # ... or the verb keeps its distance
        (said("claimed", "claim", "Ruiz"), 1, Status("reported", "e3", None, ("report:claim",))),
    ],
)
def test_status_find(table, clause, expected):
    assert status_of(table, clause) == expected


def test_status_find_negated_event_noun_is_none():
    table = """
        There 1 expl  PRON EX there
        were  1 ROOT  VERB VBD be
        no    3 det   DET
        talks 1 attr  NOUN NNS talk
    """
    assert status_of(table, 3, noun=3) is None


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ('He said "we will go" and “left”.', [(8, 20), (25, 31)]),
        ("He said, ``we left.''", [(9, 21)]),
        ('An "open quote', []),  # an unpaired mark opens nothing
        ("No quotes at all.", []),
    ],
)
def test_status_quote_spans(text, spans):
    assert quote_spans(text) == spans


@pytest.mark.parametrize(
    ("table", "clause", "expected"),
    [
        (  # a headline's "Canada to attack Mexico" is its future
            """
            Canada 2 nsubj PROPN
            to     2 aux   PART TO
            attack 2 ROOT  VERB VB attack
            Mexico 2 dobj  PROPN
            """, 2, "intended",
        ),
        (  # "Canada was the first to attack Mexico": an infinitive on a noun of a clause
            """
            Canada 1 nsubj PROPN
            was    1 ROOT  AUX  VBD be
            the    3 det   DET
            first  1 attr  NOUN NN first
            to     5 aux   PART TO
            attack 3 acl   VERB VB attack
            Mexico 5 dobj  PROPN
            """, 5, "asserted",
        ),
    ],
)
def test_status_headline_infinitive_is_intended(table, clause, expected):
    status = status_of(table, clause)
    assert status is not None and status.status == expected
