"""Events whose doer is an unnamed group ("gunmen attacked X") on hand-parsed sentences."""

from __future__ import annotations

import pytest
from parsed_docs import lexicon, parse

from kg.extract.events.finder import extract_events
from kg.records import GENERIC, Article, LocalEntity, Mention

LEXICON = lexicon()
PERU = LocalEntity("e0", "Peru", "Country")


def events(table: str, groups: dict[str, str]):  # type: ignore[no-untyped-def]
    """The events of one hand-parsed sentence; "Peru" is a country, `groups` maps the words
    of each unnamed group to its sector."""
    doc = parse(table)
    found = []
    if "Peru" in doc.text:
        start = doc.text.index("Peru")
        found.append(Mention(start, start + 4, "Peru", "GPE", "e0"))
    for words, sector in groups.items():
        start = doc.text.index(words)
        found.append(Mention(start, start + len(words), words, GENERIC, None, sector))
    found.sort(key=lambda m: m.start)
    article = Article("t", "", doc.text, ())
    return extract_events(doc, article, found, [PERU], LEXICON)


@pytest.mark.parametrize(
    ("table", "groups", "expected"),
    [
        (  # an unnamed doer with a named recipient: kept, with no actor of its own
            """
            Gunmen   1 nsubj NOUN NNS gunman
            attacked 1 ROOT  VERB VBD attack
            Peru     1 dobj  PROPN
            .        1 punct PUNCT
            """,
            {"Gunmen": "UAF"},
            [("ASSAULT", (), ("e0",), (("Gunmen", "UAF"),))],
        ),
        (  # no named recipient: the force of a group of war is news all the same
            """
            Gunmen    1 nsubj NOUN NNS gunman
            attacked  1 ROOT  VERB VBD attack
            villagers 1 dobj  NOUN NNS villager
            .         1 punct PUNCT
            """,
            {"Gunmen": "UAF", "villagers": "CVL"},
            [("ASSAULT", (), (), (("Gunmen", "UAF"),))],
        ),
        (  # ... not the one gunman of a crime story
            """
            The       1 det   DET
            gunman    2 nsubj NOUN NN gunman
            attacked  2 ROOT  VERB VBD attack
            villagers 2 dobj  NOUN NNS villager
            .         2 punct PUNCT
            """,
            {"gunman": "UAF", "villagers": "CVL"},
            [],
        ),
        (  # ... nor police force with no public party: law enforcement
            """
            Police    1 nsubj NOUN NNS police
            arrested  1 ROOT  VERB VBD arrest
            villagers 1 dobj  NOUN NNS villager
            .         1 punct PUNCT
            """,
            {"Police": "COP", "villagers": "CVL"},
            [],
        ),
        (  # "they" names no actor: the plural unnamed group before it
            """
            Protesters 1 nsubj NOUN NNS protester
            said       1 ROOT  VERB VBD say
            they       3 nsubj PRON PRP they
            condemned  1 ccomp VERB VBD condemn
            Peru       3 dobj  PROPN
            .          1 punct PUNCT
            """,
            {"Protesters": "CVLOPP"},
            [("ACCUSE", (), ("e0",), (("Protesters", "CVLOPP"),))],
        ),
        (  # a group noun modifying an act noun is its doer: "police raids on Peru"
            """
            Police    1 compound NOUN NN police
            raids     2 nsubj    NOUN NNS raid
            continued 2 ROOT     VERB VBD continue
            on        1 prep     ADP IN
            Peru      3 pobj     PROPN
            .         2 punct    PUNCT
            """,
            {"Police": "COP"},
            [("COERCE", (), ("e0",), (("Police", "COP"),))],
        ),
    ],
)
def test_event_unnamed_doer_kept_with_a_named_recipient_or_as_a_war_force(table, groups, expected):
    found = events(table, groups)
    assert [(e.type, e.actors, e.recipients, e.unnamed_actors) for e in found] == expected


@pytest.mark.parametrize(
    ("table", "groups", "expected"),
    [
        (  # a protest is done to the state where it happens (kg:placeStateTarget)
            """
            Students     1 nsubj NOUN NNS student
            demonstrated 1 ROOT  VERB VBD demonstrate
            in           1 prep  ADP
            Peru         2 pobj  PROPN
            .            1 punct PUNCT
            """,
            {"Students": "EDU"},
            [("PROTEST", "demo", (), ("e0",), (("Students", "EDU"),), False)],
        ),
        (  # a protest told by a noun with no doer: protesters, inferred (kg:impliedDoer)
            """
            The       1 det   DET
            protests  4 nsubj NOUN NNS protest
            in        1 prep  ADP
            Peru      2 pobj  PROPN
            continued 4 ROOT  VERB VBD continue
            .         4 punct PUNCT
            """,
            {},
            [("PROTEST", "demo", (), ("e0",), (("protesters", "CVLOPP"),), True)],
        ),
        (  # "on strike": the verb's subject strikes (a trigger row with under=on)
            """
            Workers 1 nsubj NOUN NNS worker
            went    1 ROOT  VERB VBD go
            on      1 prep  ADP
            strike  2 pobj  NOUN NN strike
            in      1 prep  ADP
            Peru    4 pobj  PROPN
            .       1 punct PUNCT
            """,
            {"Workers": "LAB"},
            [("PROTEST", "strike", (), ("e0",), (("Workers", "LAB"),), False)],
        ),
        (  # a kind of strike named by an adjective (a modifier row): no air strike
            """
            A          2 det   DET
            general    2 amod  ADJ JJ general
            strike     3 nsubj NOUN NN strike
            paralysed  3 ROOT  VERB VBD paralyse
            Peru       3 dobj  PROPN
            .          3 punct PUNCT
            """,
            {},
            [("PROTEST", "strike", (), ("e0",), (("protesters", "CVLOPP"),), True)],
        ),
        (  # a threat to strike is done to whom the strike would be: the state of its place
            """
            Teachers   1 nsubj NOUN NNS teacher
            threatened 1 ROOT  VERB VBD threaten
            to         3 aux   PART TO to
            strike     1 xcomp VERB VB strike
            in         3 prep  ADP
            Peru       4 pobj  PROPN
            .          1 punct PUNCT
            """,
            {"Teachers": "EDU"},
            [("THREATEN", None, (), ("e0",), (("Teachers", "EDU"),), False),
             ("PROTEST", "strike", (), ("e0",), (("Teachers", "EDU"),), False)],
        ),
        (  # ... told by a noun
            """
            Teachers   1 nsubj NOUN NNS teacher
            threatened 1 ROOT  VERB VBD threaten
            a          3 det   DET
            strike     1 dobj  NOUN NN strike
            in         3 prep  ADP
            Peru       4 pobj  PROPN
            .          1 punct PUNCT
            """,
            {"Teachers": "EDU"},
            [("THREATEN", None, (), ("e0",), (("Teachers", "EDU"),), False),
             ("PROTEST", "strike", (), ("e0",), (("Teachers", "EDU"),), False)],
        ),
        (  # a crowd that gives its protest up concedes to the same state
            """
            Teachers 1 nsubj NOUN NNS teacher
            ended    1 ROOT  VERB VBD end
            their    3 poss  PRON PRP$ their
            strike   1 dobj  NOUN NN strike
            in       1 prep  ADP
            Peru     4 pobj  PROPN
            .        1 punct PUNCT
            """,
            {"Teachers": "EDU"},
            [("CONCEDE", None, (), ("e0",), (("Teachers", "EDU"),), False)],
        ),
        (  # ... and so does one that goes back to work
            """
            Teachers 1 nsubj NOUN NNS teacher
            returned 1 ROOT  VERB VBD return
            to       1 prep  ADP
            work     2 pobj  NOUN NN work
            in       1 prep  ADP
            Peru     4 pobj  PROPN
            .        1 punct PUNCT
            """,
            {"Teachers": "EDU"},
            [("CONCEDE", None, (), ("e0",), (("Teachers", "EDU"),), False)],
        ),
        (  # no place and no focus country: no party done to, no event
            """
            Students     1 nsubj NOUN NNS student
            demonstrated 1 ROOT  VERB VBD demonstrate
            .            1 punct PUNCT
            """,
            {"Students": "EDU"},
            [],
        ),
        (  # to demonstrate a thing is to show it
            """
            Peru         1 nsubj PROPN
            demonstrated 1 ROOT  VERB VBD demonstrate
            its          3 poss  PRON PRP$ its
            resolve      1 dobj  NOUN NN resolve
            .            1 punct PUNCT
            """,
            {},
            [],
        ),
    ],
)
def test_event_unnamed_protest_is_done_to_the_state_of_its_place(table, groups, expected):
    found = events(table, groups)
    assert [(e.type, e.mode, e.actors, e.recipients, e.unnamed_actors, e.inferred_actor)
            for e in found] == expected


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # "called" carries the strike it organises (a light verb)
            """
            Peru    1 nsubj PROPN
            called  1 ROOT  VERB VBD call
            a       4 det   DET
            general 4 amod  ADJ JJ general
            strike  1 dobj  NOUN NN strike
            .       1 punct PUNCT
            """,
            [("PROTEST", ("e0",), ())],
        ),
        (  # a verb that names its object ("called the sanctions a crime") does not do it: it
            # judges it, a disapproval (ACCUSE) of whoever imposed them
            """
            Peru      1 nsubj PROPN
            called    1 ROOT  VERB VBD call
            the       3 det   DET
            sanctions 1 dobj  NOUN NNS sanction
            a         5 det   DET
            crime     1 oprd  NOUN NN crime
            .         1 punct PUNCT
            """,
            [("ACCUSE", ("e0",), ())],
        ),
    ],
)
def test_event_light_verb_carries_its_act_unless_it_names_it(table, expected):
    assert [(e.type, e.actors, e.recipients) for e in events(table, {})] == expected


def _compound_events(basis: str):  # type: ignore[no-untyped-def]
    """"A Hamas attack hit Peru .": Hamas (with `basis`) as the compound of the event noun."""
    doc = parse("""
        A      2 det      DET
        Hamas  2 compound PROPN
        attack 3 nsubj    NOUN NN attack
        hit    3 ROOT     VERB VBD hit
        Peru   3 dobj     PROPN
        .      3 punct    PUNCT
    """)
    hamas = LocalEntity("e1", "Hamas", "ArmedGroup", basis=basis)
    found = [Mention(2, 7, "Hamas", "ORG", "e1"), Mention(19, 23, "Peru", "GPE", "e0")]
    return extract_events(doc, Article("t", "", doc.text, ()), found, [PERU, hamas], LEXICON)


@pytest.mark.parametrize(
    ("basis", "expected"),
    [
        # the attack's doer is Hamas, and so is the doer of what the attack did
        ("gazetteer:armed_groups.json", [("ASSAULT", ("e1",), ("e0",), "hit")]),
        ("model", []),  # a name only the recognizer found is no doer
    ],
)
def test_event_known_body_compound_of_an_event_noun_is_its_doer(basis, expected):
    found = _compound_events(basis)
    assert [(e.type, e.actors, e.recipients, e.trigger) for e in found] == expected


def test_event_passive_act_done_in_an_act_of_its_type_has_that_act_s_doer():
    """"Soldiers of Peru were killed in a Hamas attack": Hamas killed them (no "by" phrase)."""
    doc = parse("""
        Soldiers 3 nsubjpass NOUN NNS soldier
        of       0 prep      ADP
        Peru     1 pobj      PROPN
        were     4 auxpass   AUX  VBD be
        killed   4 ROOT      VERB VBN kill
        in       4 prep      ADP
        a        8 det       DET
        Hamas    8 compound  PROPN
        attack   5 pobj      NOUN NN attack
        .        4 punct     PUNCT
    """)
    hamas = LocalEntity("e1", "Hamas", "ArmedGroup", basis="gazetteer:armed_groups.json")
    start = doc.text.index("Hamas")
    found = [Mention(12, 16, "Peru", "GPE", "e0"), Mention(start, start + 5, "Hamas", "ORG", "e1")]
    events_found = extract_events(doc, Article("t", "", doc.text, ()), found, [PERU, hamas],
                                  LEXICON)
    # the attack itself, told with no one it was done to, is the killing (`unsubsumed`)
    assert [(e.type, e.actors, e.trigger) for e in events_found] == [
        ("ASSAULT", ("e1",), "killed")]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # a modifier row: "cyber attack" is the codebook's COERCE cyber, not an ASSAULT
            """
            Peru     1 nsubj    PROPN
            launched 1 ROOT     VERB VBD launch
            a        4 det      DET
            cyber    4 compound NOUN NN cyber
            attack   1 dobj     NOUN NN attack
            .        1 punct    PUNCT
            """,
            "COERCE:cyber",
        ),
        (
            """
            Peru     1 nsubj    PROPN
            launched 1 ROOT     VERB VBD launch
            an       3 det      DET
            attack   1 dobj     NOUN NN attack
            .        1 punct    PUNCT
            """,
            "ASSAULT:None",
        ),
    ],
)
def test_event_modifier_row_names_a_narrower_act(table, expected):
    assert [f"{e.type}:{e.mode}" for e in events(table, {})] == [expected]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # a crowd's violence done to something is the codebook's PROTEST riot
            """
            Students 1 nsubj NOUN NNS student
            threw    1 ROOT  VERB VBD throw
            stones   1 dobj  NOUN NNS stone
            in       1 prep  ADP
            Peru     3 pobj  PROPN
            .        1 punct PUNCT
            """,
            [("PROTEST", "riot", ("e0",))],
        ),
        (  # fighting done to no one the text names is no riot: force used in a polity
            """
            Students 1 nsubj NOUN NNS student
            fought   1 ROOT  VERB VBD fight
            in       1 prep  ADP
            Peru     2 pobj  PROPN
            .        1 punct PUNCT
            """,
            [("ASSAULT", None, ("e0",))],
        ),
    ],
)
def test_event_crowd_violence_is_a_riot_only_when_done_to_something(table, expected):
    found = events(table, {"Students": "EDU"})
    assert [(e.type, e.mode, e.recipients) for e in found] == expected


@pytest.mark.parametrize(
    ("table", "groups", "expected"),
    [
        (  # a civilian crowd that marches protests, with no stated cause, to the place's state
            """
            Students 1 nsubj NOUN NNS student
            marched  1 ROOT  VERB VBD march
            in       1 prep  ADP
            Peru     2 pobj  PROPN
            .        1 punct PUNCT
            """,
            {"Students": "EDU"},
            [("PROTEST", "demo", ("e0",))],
        ),
        (  # counted by a quantity noun: the crowd is the group of its "of" phrase
            """
            A          1 det   DET DT a
            handful    4 nsubj NOUN NN handful
            of         1 prep  ADP
            protesters 2 pobj  NOUN NNS protester
            blocked    4 ROOT  VERB VBD block
            roads      4 dobj  NOUN NNS road
            in         4 prep  ADP
            Peru       6 pobj  PROPN
            .          4 punct PUNCT
            """,
            {"protesters": "CVLOPP"},
            [("PROTEST", "obstruct", ("e0",))],
        ),
        (  # a crowd's arson is a riot
            """
            Protesters 1 nsubj NOUN NNS protester
            set        1 ROOT  VERB VBD set
            fire       1 dobj  NOUN NN fire
            to         1 prep  ADP
            cars       3 pobj  NOUN NNS car
            in         4 prep  ADP
            Peru       5 pobj  PROPN
            .          1 punct PUNCT
            """,
            {"Protesters": "CVLOPP"},
            [("PROTEST", "riot", ("e0",))],
        ),
        (  # soldiers marching are no crowd: no protest
            """
            Soldiers 1 nsubj NOUN NNS soldier
            marched  1 ROOT  VERB VBD march
            in       1 prep  ADP
            Peru     2 pobj  PROPN
            .        1 punct PUNCT
            """,
            {"Soldiers": "MIL"},
            [],
        ),
    ],
)
def test_event_crowd_verbs_are_protests_only_of_a_civilian_crowd(table, groups, expected):
    found = events(table, groups)
    assert [(e.type, e.mode, e.recipients) for e in found] == expected


@pytest.mark.parametrize(
    ("count", "noun", "expected"),
    [
        ("two nummod NUM CD two", "administrators NNS administrator", [("ASSAULT", ("e0",), ())]),
        ("", "administrators NNS administrator", []),  # not counted: no act told
        ("two nummod NUM CD two", "statues NNS statue", []),  # a counted thing: no people
    ],
)
def test_event_dictionary_force_on_counted_people_needs_no_named_recipient(count, noun, expected):
    """"Peru beheaded (two) Peru's administrators": a CAMEO row's force with no named
    recipient is told when it is used on a counted group of people (here Peru's own)."""
    rows = ["Peru 1 nsubj PROPN", "beheaded 1 ROOT VERB VBD behead"]
    head = 3 if count else 2
    if count:
        rows.append(f"{count.split()[0]} {head} {' '.join(count.split()[1:])}")
    word, tag, lemma = noun.split()
    rows += [f"{word} 1 dobj NOUN {tag} {lemma}", ". 1 punct PUNCT"]
    doc = parse("\n".join(rows))
    found = [Mention(0, 4, "Peru", "GPE", "e0")]
    if word == "administrators":  # a group noun tied to Peru (the article's focus)
        start = doc.text.index(word)
        found.append(Mention(start, start + len(word), word, GENERIC, "e0", "GOV"))
    article = Article("t", "", doc.text, ())
    events_found = extract_events(doc, article, found, [PERU], LEXICON)
    assert [(e.type, e.actors, e.recipients) for e in events_found] == expected


@pytest.mark.parametrize(
    ("table", "groups", "expected"),
    [
        (  # no named recipient: the people it is done to, by their group noun
            """
            Peru       1 nsubj PROPN
            detained   1 ROOT  VERB VBD detain
            protesters 1 dobj  NOUN NNS protester
            .          1 punct PUNCT
            """,
            {"protesters": "CVLOPP"},
            [("COERCE", ("e0",), (), (("protesters", "CVLOPP"),))],
        ),
        (  # ... in a prepositional object
            """
            Peru       1 nsubj PROPN
            fired      1 ROOT  VERB VBD fire
            at         1 prep  ADP
            protesters 2 pobj  NOUN NNS protester
            .          1 punct PUNCT
            """,
            {"protesters": "CVLOPP"},
            [("ASSAULT", ("e0",), (), (("protesters", "CVLOPP"),))],
        ),
    ],
)
def test_event_unnamed_recipients_are_the_people_it_is_done_to(table, groups, expected):
    found = events(table, groups)
    assert [(e.type, e.actors, e.recipients, e.unnamed_recipients) for e in found] == expected
