"""The doer of an agentless passive arrest (`kg.extract.events.agentless`), hand-parsed."""

from __future__ import annotations

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.agentless import agentless_actors, implicit_state, is_enforcer
from kg.extract.events.roles import Participants
from kg.records import LocalEntity

LEXICON = lexicon()
RUIZ = LocalEntity("e0", "Ana Ruiz", "Person")
CANADA = LocalEntity("e1", "Canada", "Country")
INTERPOL = LocalEntity("e2", "Interpol", "Organization")
DEPARTMENT = LocalEntity("e3", "Staunton Police Department", "Organization")
VELA = LocalEntity("e4", "Tomas Vela", "Person", affiliation="e3")
BANK = LocalEntity("e5", "Acme Bank", "Organization")
ATTORNEY = LocalEntity("e6", "Rosa Pinto", "Person", roles=("attorney general",))
ENTITIES = [RUIZ, CANADA, INTERPOL, DEPARTMENT, VELA, BANK, ATTORNEY]
NAMED = {"Ruiz": RUIZ, "Canadian": CANADA, "Interpol": INTERPOL}

ARRESTED = """
    Ruiz     2 nsubjpass PROPN
    was      2 auxpass   AUX  VBD be
    arrested 2 ROOT      VERB VBN arrest
"""


def participants(table: str) -> Participants:
    doc = parse(table)
    return Participants.build(doc, mentions(doc, NAMED), ENTITIES, LEXICON)


@pytest.mark.parametrize(
    ("table", "verb", "expected"),
    [
        (  # a `by` phrase on a noun the verb governs
            """
            Ruiz     2 nsubjpass PROPN
            was      2 auxpass   AUX  VBD be
            arrested 2 ROOT      VERB VBN arrest
            in       2 prep      ADP
            a        5 det       DET
            raid     3 pobj      NOUN
            by       5 prep      ADP
            Interpol 6 pobj      PROPN
            """, 2, ["e2"],
        ),
        (  # an enforcing body the sentence names, through its modifier
            """
            Ruiz     2 nsubjpass PROPN
            was      2 auxpass   AUX  VBD be
            arrested 6 ccomp     VERB VBN arrest
            ,        6 punct     PUNCT
            Canadian 5 amod      ADJ
            police   6 nsubj     NOUN
            said     6 ROOT      VERB VBD say
            """, 2, ["e1"],
        ),
        (  # "Staunton Police Chief Vela": the one organisation named by the words before
            """
            Ruiz     2 nsubjpass PROPN
            was      2 auxpass   AUX  VBD be
            arrested 8 ccomp     VERB VBN arrest
            ,        8 punct     PUNCT
            Staunton 5 compound  PROPN
            Police   6 compound  PROPN NNP police
            Chief    7 compound  PROPN
            Vela     8 nsubj     PROPN
            said     8 ROOT      VERB VBD say
            """, 2, ["e3"],
        ),
        (  # "a Canadian police spokesman": the modifier of the phrase "police" is part of
            """
            Ruiz      2 nsubjpass PROPN
            was       2 auxpass   AUX  VBD be
            arrested  8 ccomp     VERB VBN arrest
            ,         8 punct     PUNCT
            a         7 det       DET
            Canadian  7 amod      ADJ
            police    7 compound  NOUN
            spokesman 8 nsubj     NOUN
            said      8 ROOT      VERB VBD say
            """, 2, ["e1"],
        ),
        (ARRESTED, 2, []),  # nobody: the event is dropped
    ],
)
def test_agentless_actors_from_the_sentence(table, verb, expected):
    parts = participants(table)
    assert agentless_actors(parts.doc[verb], parts, None) == expected


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("e3", ["e3"]),  # the source is an enforcing body
        ("e4", ["e3"]),  # the source speaks for one
        ("e5", []),  # a bank arrests nobody
        (None, []),
    ],
)
def test_agentless_actors_from_the_source(speaker, expected):
    parts = participants(ARRESTED)
    assert agentless_actors(parts.doc[2], parts, speaker) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("e3", True),  # "Police" in the name
        ("e6", True),  # the role "attorney general"
        ("e5", False),
        ("e1", False),  # a country is no enforcing body by its name alone
        ("e0", False),  # a person without roles
    ],
)
def test_agentless_is_enforcer(key, expected):
    assert is_enforcer(participants(ARRESTED), key) is expected


PERU = LocalEntity("e7", "Peru", "Country")
LIMA = LocalEntity("e8", "Lima", "Place", country="Peru")


@pytest.mark.parametrize(
    ("table", "named", "expected"),
    [
        (  # the country of the place the act is told in
            """
            Ruiz     2 nsubjpass PROPN
            was      2 auxpass   AUX  VBD be
            banned   2 ROOT      VERB VBN ban
            in       2 prep      ADP
            Lima     3 pobj      PROPN
            .        2 punct     PUNCT
            Canada   7 nsubj     PROPN
            objected 7 ROOT      VERB VBD object
            .        7 punct     PUNCT
            Peru     10 nsubj    PROPN
            left     10 ROOT     VERB VBD leave
            """,
            {"Ruiz": RUIZ, "Lima": LIMA, "Canada": CANADA, "Peru": PERU},
            "e7",
        ),
        (  # no place it is a country of, no country the story names: no state
            ARRESTED + """
            in       2 prep      ADP
            Canada   3 pobj      PROPN
            """,
            {"Ruiz": RUIZ},
            None,
        ),
        (  # else the country the story names most (twice, and twice as often as any other)
            ARRESTED + """
            .        2 punct     PUNCT
            Canada   5 nsubj     PROPN
            protested 5 ROOT     VERB VBD protest
            .        5 punct     PUNCT
            Canada   8 nsubj     PROPN
            left     8 ROOT      VERB VBD leave
            """,
            {"Ruiz": RUIZ, "Canada": CANADA},
            "e1",
        ),
    ],
)
def test_agentless_implicit_state(table, named, expected):
    doc = parse(table)
    parts = Participants.build(doc, mentions(doc, named), [*ENTITIES, PERU, LIMA], LEXICON)
    assert implicit_state(doc[2], parts) == expected


#: Two more sentences that make Canada the story's focus country.
FOCUS_CANADA = """
    Canada   {0} nsubj     PROPN
    protested {0} ROOT     VERB VBD protest
    .        {0} punct     PUNCT
    Canada   {1} nsubj     PROPN
    left     {1} ROOT      VERB VBD leave
"""


@pytest.mark.parametrize(
    ("act", "trigger", "expected"),
    [
        (  # an arrest with no enforcer named: the focus country, marked inferred
            ARRESTED + "    .        2 punct     PUNCT",
            "arrested", [("COERCE", "arrest", ("e1",), ("e0",), True)],
        ),
        (  # a criminal charge is the codebook's ACCUSE (allege), an act of the state too
            """
            Ruiz     2 nsubjpass PROPN
            was      2 auxpass   AUX  VBD be
            charged  2 ROOT      VERB VBN charge
            with     2 prep      ADP
            treason  3 pobj      NOUN
            .        2 punct     PUNCT
            """,
            "charged", [("ACCUSE", "allege", ("e1",), ("e0",), True)],
        ),
        (  # "Ruiz was ousted": no mode says it is a state's act (a coup is no arrest)
            """
            Ruiz     2 nsubjpass PROPN
            was      2 auxpass   AUX  VBD be
            ousted   2 ROOT      VERB VBN oust
            .        2 punct     PUNCT
            """,
            "ousted", [],
        ),
        (  # censorship is done to the public at large: the inferred state needs no party
            """
            Websites 2 nsubjpass NOUN NNS website
            were     2 auxpass   AUX  VBD be
            blocked  2 ROOT      VERB VBN block
            .        2 punct     PUNCT
            """,
            "blocked", [("COERCE", "censor", ("e1",), (), True)],
        ),
        (  # an arrest of people the text does not name: no named party, no event
            """
            Five     1 nummod    NUM  CD five
            people   3 nsubjpass NOUN NNS person
            were     3 auxpass   AUX  VBD be
            arrested 3 ROOT      VERB VBN arrest
            .        3 punct     PUNCT
            """,
            "arrested", [],
        ),
    ],
)
def test_agentless_official_act_of_the_implicit_state(act, trigger, expected):
    from kg.extract.events.finder import extract_events
    from kg.records import Article

    rows = [line for line in act.splitlines() if line.strip()]
    doc = parse("\n".join(rows) + FOCUS_CANADA.format(len(rows) + 1, len(rows) + 4))
    found = mentions(doc, {"Ruiz": RUIZ, "Canada": CANADA})
    events = extract_events(doc, Article("t", "", doc.text, ()), found, ENTITIES, LEXICON)
    told = [(e.type, e.mode, e.actors, e.recipients, e.inferred_actor) for e in events
            if e.trigger == trigger]  # fmt: skip
    assert told == expected
