"""Definite descriptions (`kg.extract.events.reference`) on hand-parsed sentences.

The rules read only the article's entity index, so these tests build one without the
parse-walking `Participants`.
"""

from __future__ import annotations

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.index import build_index
from kg.extract.events.reference import (
    counted_parties,
    described_body,
    described_country,
    described_half,
    is_definite,
    own_state,
    referred_parties,
    titled_person,
)
from kg.records import LocalEntity

LEXICON = lexicon()
JUDGE = LocalEntity("e0", "Ana Ruiz", "Person", roles=("judge",))
OTHER_JUDGE = LocalEntity("e1", "Tomas Vela", "Person", roles=("judge",))
ATTORNEY = LocalEntity("e2", "Rosa Pinto", "Person", roles=("attorney general",))
CHILE = LocalEntity("e3", "Chile", "Country")
PERU = LocalEntity("e4", "Peru", "Country")


def index(doc, entities, named=None):
    return build_index(doc, mentions(doc, named or {}), entities, LEXICON)


def noun_phrase(*modifiers: str, noun: str = "judge", tag: str = "NN"):
    """`modifiers` (each "word dep pos") before `noun`, the subject of "ruled"."""
    rows = [f"{m.split()[0]} {len(modifiers)} {m.split()[1]} {m.split()[2]}" for m in modifiers]
    rows.append(f"{noun} {len(modifiers) + 1} nsubj NOUN {tag} {noun.rstrip('s')}")
    rows.append(f"ruled {len(modifiers) + 1} ROOT VERB VBD rule")
    return parse("\n".join(rows)), len(modifiers)


@pytest.mark.parametrize(
    ("modifiers", "definite"),
    [(("the det DET",), True), (("this det DET",), True), (("a det DET",), False), ((), False)],
)
def test_reference_is_definite(modifiers, definite):
    doc, noun = noun_phrase(*modifiers)
    assert is_definite(doc[noun]) is definite


@pytest.mark.parametrize(
    ("modifiers", "noun", "tag", "entities", "expected"),
    [
        (("the det DET",), "judge", "NN", [JUDGE, ATTORNEY], "e0"),
        (("the det DET",), "judge", "NN", [JUDGE, OTHER_JUDGE], None),  # two judges: unresolved
        (("the det DET",), "judges", "NNS", [JUDGE], None),  # a plural names several people
        (("a det DET",), "judge", "NN", [JUDGE], None),  # not a reference back
        (("the det DET", "Peruvian amod ADJ"), "judge", "NN", [JUDGE], None),  # someone else
        (("the det DET", "attorney compound NOUN"), "general", "NN", [JUDGE, ATTORNEY], "e2"),
    ],
)
def test_reference_titled_person(modifiers, noun, tag, entities, expected):
    doc, head = noun_phrase(*modifiers, noun=noun, tag=tag)
    assert titled_person(index(doc, entities), doc[head]) == expected


@pytest.mark.parametrize(
    ("modifiers", "noun", "entities", "expected"),
    [
        (("the det DET",), "government", [CHILE], "e3"),  # the article's only country
        (("the det DET",), "government", [CHILE, PERU], None),  # which of two: unresolved
        (("the det DET", "Liberal amod ADJ"), "government", [CHILE], None),  # maybe another's
        (("the det DET",), "army", [CHILE], None),  # not a state body
    ],
)
def test_reference_own_state(modifiers, noun, entities, expected):
    doc, head = noun_phrase(*modifiers, noun=noun)
    assert own_state(index(doc, entities), doc[head]) == expected


def test_reference_own_state_of_government_with_an_owner_is_none():
    doc = parse("""
        the        1 det   DET
        government 4 nsubj NOUN
        of         1 prep  ADP
        Peru       2 pobj  PROPN
        fell       4 ROOT  VERB VBD fall
    """)
    assert own_state(index(doc, [PERU], {"Peru": PERU}), doc[1]) is None


def test_reference_own_state_is_the_reporting_speakers_country():
    doc = parse("""
        Ana        1 compound PROPN
        Ruiz       2 nsubj    PROPN
        said       2 ROOT     VERB VBD say
        the        4 det      DET
        government 6 nsubj    NOUN
        would      6 aux      AUX  MD
        act        2 ccomp    VERB VB
    """)
    minister = LocalEntity("e0", "Ana Ruiz", "Person", country="Chile")
    parts = index(doc, [minister, CHILE, PERU], {"Ana Ruiz": minister})
    assert own_state(parts, doc[4]) == "e3"


DEMANDS = """
    Chile   1 nsubj PROPN
    refused 1 ROOT  VERB VBD refuse
    {det}   3 det   DET
    {noun}  1 dobj  NOUN NNS {lemma}
"""


@pytest.mark.parametrize(
    ("det", "noun", "lemma", "exclude", "expected"),
    [
        ("the", "demands", "demand", (), ["e4"]),  # whoever made the demands told before
        ("the", "deal", "deal", (), ["e5"]),  # an agreement: its other side
        ("the", "deal", "deal", ("e5",), []),
        ("a", "deal", "deal", (), []),  # only a definite noun points back
        ("the", "weather", "weather", (), []),  # no event noun
        # an event noun only with a condition ("opposition to X"): "the opposition" is a group
        ("the", "opposition", "opposition", (), []),
    ],
)
def test_reference_referred_parties(det, noun, lemma, exclude, expected):
    doc = parse(DEMANDS.format(det=det, noun=noun, lemma=lemma))
    told = {"deal": ["e5"]}
    makers = {"REQUEST": ["e4"], "AGREE": ["e6"], "REJECT": ["e7"]}
    assert referred_parties(doc[3], LEXICON, told, makers, exclude) == expected


ACME = LocalEntity("e5", "Acme Watch", "Organization")
BETA = LocalEntity("e6", "Beta League", "Organization")


@pytest.mark.parametrize(
    ("before", "modifiers", "noun", "tag", "expected"),
    [
        # the organisation named last before it
        ("Acme Watch and Beta League left .", ("the det DET",), "group", "NN", "e6"),
        ("Acme Watch left .", ("the det DET", "rights compound NOUN"), "group", "NN", "e5"),
        # a country is no body people belong to; an indefinite or plural noun points nowhere
        ("Chile left .", ("the det DET",), "group", "NN", None),
        ("Acme Watch left .", ("a det DET",), "group", "NN", None),
        ("Acme Watch left .", ("the det DET",), "groups", "NNS", None),
        # a noun that is no body ("the judge") is not this rule's
        ("Acme Watch left .", ("the det DET",), "judge", "NN", None),
    ],
)
def test_reference_described_body_is_the_last_organisation_named(
    before, modifiers, noun, tag, expected
):
    words = before.split()
    rows = [f"{w} {len(words) - 2} {'ROOT' if w == 'left' else 'dep'} "
            f"{'VERB VBD leave' if w == 'left' else 'PUNCT' if w == '.' else 'PROPN'}"
            for w in words]  # fmt: skip
    rows += [f"{m.split()[0]} {len(words) + len(modifiers)} {m.split()[1]} {m.split()[2]}"
             for m in modifiers]  # fmt: skip
    head = len(words) + len(modifiers)
    rows.append(f"{noun} {head + 1} nsubj NOUN {tag} {noun.rstrip('s')}")
    rows.append(f"ruled {head + 1} ROOT VERB VBD rule")
    doc = parse("\n".join(rows))
    named = {"Acme Watch": ACME, "Beta League": BETA, "Chile": CHILE}
    parts = index(doc, [ACME, BETA, CHILE], named)
    assert described_body(parts, doc[head]) == expected


def test_reference_doer_resolved_from_a_description_and_a_pronoun_keeps_its_words():
    from kg.extract.events.finder import extract_events
    from kg.records import Article

    doc = parse("""
        Acme      1 compound PROPN
        Watch     2 nsubj PROPN
        criticised 2 ROOT VERB VBD criticise
        Peru      2 dobj  PROPN
        .         2 punct PUNCT
        The       6 det   DET
        group     7 nsubj NOUN NN group
        accused   7 ROOT  VERB VBD accuse
        Chile     7 dobj  PROPN
        .         7 punct PUNCT
        It        11 nsubj PRON PRP it
        condemned 11 ROOT VERB VBD condemn
        Peru      11 dobj PROPN
        .         11 punct PUNCT
    """)
    found = mentions(doc, {"Acme Watch": ACME, "Peru": PERU, "Chile": CHILE})
    events = extract_events(doc, Article("t", "", doc.text, ()), found, [ACME, CHILE, PERU],
                            LEXICON)  # fmt: skip
    assert [(e.trigger, e.actors, e.recipients, e.resolved_from) for e in events] == [
        ("criticised", ("e5",), ("e4",), ()),
        ("accused", ("e5",), ("e3",), ("The group",)),
        ("condemned", ("e5",), ("e4",), ("It",)),
    ]



MEXICO = LocalEntity("e5", "Mexico", "Country")


@pytest.mark.parametrize(
    ("count", "noun", "third", "expected"),
    [
        ("two nummod NUM", "countries country", False, ["e3", "e4"]),
        ("both det DET", "sides side", False, ["e3", "e4"]),
        ("three nummod NUM", "countries country", False, []),  # only two were named
        ("two nummod NUM", "countries country", True, []),  # three named: which two?
        ("two nummod NUM", "leaders leader", False, []),  # countries are no leaders
        ("the det DET", "countries country", False, []),  # no count
    ],
)
def test_reference_counted_parties_are_the_actors_named_together_before(
    count, noun, third, expected
):
    """Chile and Peru met (Mexico). <count> <noun> left."""
    rows = ["Chile 3 nsubj PROPN", "and 0 cc CCONJ", "Peru 0 conj PROPN",
            "met 3 ROOT VERB VBD meet", *(["Mexico 3 dobj PROPN"] if third else []),
            ". 3 punct PUNCT"]  # fmt: skip
    start = len(rows)
    word, dep, pos = count.split()
    plural, lemma = noun.split()
    rows += [f"{word} {start + 1} {dep} {pos}", f"{plural} {start + 2} nsubj NOUN NNS {lemma}",
             f"left {start + 2} ROOT VERB VBD leave"]  # fmt: skip
    doc = parse("\n".join(rows))
    parts = index(doc, [CHILE, PERU, MEXICO], {"Chile": CHILE, "Peru": PERU, "Mexico": MEXICO})
    assert counted_parties(parts, doc[start + 1]) == expected


def test_reference_described_body_prefers_a_body_whose_name_has_the_noun():
    """"Acme Agency left . Beta League left . the agency ruled": Acme Agency, not the last."""
    agency = LocalEntity("e5", "Acme Agency", "Organization")
    doc = parse("""
        Acme    1 compound PROPN
        Agency  2 nsubj    PROPN
        left    2 ROOT     VERB VBD leave
        .       2 punct    PUNCT
        Beta    5 compound PROPN
        League  6 nsubj    PROPN
        left    6 ROOT     VERB VBD leave
        .       6 punct    PUNCT
        the     9 det      DET
        agency  10 nsubj   NOUN NN agency
        ruled   10 ROOT    VERB VBD rule
    """)
    parts = index(doc, [agency, BETA], {"Acme Agency": agency, "Beta League": BETA})
    assert described_body(parts, doc[9]) == "e5"


def test_reference_counted_parties_not_for_a_description_in_apposition():
    """"Chile and Peru met. Mexico, two countries ..." is no reference back (appositive)."""
    doc = parse("""
        Chile     3 nsubj PROPN
        and       0 cc    CCONJ
        Peru      0 conj  PROPN
        met       3 ROOT  VERB VBD meet
        .         3 punct PUNCT
        Mexico    8 nsubj PROPN
        two       7 nummod NUM
        countries 5 appos NOUN NNS country
        left      8 ROOT  VERB VBD leave
    """)
    parts = index(doc, [CHILE, PERU, MEXICO], {"Chile": CHILE, "Peru": PERU, "Mexico": MEXICO})
    assert counted_parties(parts, doc[7]) == []


@pytest.mark.parametrize(
    ("modifiers", "noun", "expected"),
    [
        (("the det DET",), "country", "e4"),  # the country named last: Peru
        (("the det DET", "Andean amod ADJ"), "country", None),  # another country, maybe
        (("a det DET",), "country", None),
        (("the det DET",), "judge", None),  # no polity noun
    ],
)
def test_reference_described_country_is_the_country_named_last(modifiers, noun, expected):
    """Chile met Peru . (modifiers) (noun) left ."""
    rows = ["Chile 1 nsubj PROPN", "met 1 ROOT VERB VBD meet", "Peru 1 dobj PROPN",
            ". 1 punct PUNCT"]  # fmt: skip
    head = len(rows) + len(modifiers)
    rows += [f"{m.split()[0]} {head} {m.split()[1]} {m.split()[2]}" for m in modifiers]
    rows += [f"{noun} {head + 1} nsubj NOUN NN {noun}", f"left {head + 1} ROOT VERB VBD leave"]
    doc = parse("\n".join(rows))
    parts = index(doc, [CHILE, PERU], {"Chile": CHILE, "Peru": PERU})
    assert described_country(parts, doc[head]) == expected


@pytest.mark.parametrize(
    ("modifiers", "countries", "expected"),
    [
        (("the det DET",), ("Sudan", "South Sudan"), "e6"),  # the one country named "South ..."
        (("the det DET",), ("Sudan",), None),  # no such country: a region
        (("the det DET",), ("South Sudan", "South Korea"), None),  # two: no telling
        ((), ("Sudan", "South Sudan"), None),  # "south" bare
    ],
)
def test_reference_described_half_is_the_country_named_for_it(modifiers, countries, expected):
    """Khartoum met Juba . (modifiers) south left ."""
    entities = {
        "Sudan": LocalEntity("e5", "Sudan", "Country"),
        "South Sudan": LocalEntity("e6", "South Sudan", "Country"),
        "South Korea": LocalEntity("e7", "South Korea", "Country"),
    }
    words = {"Sudan": "Khartoum", "South Sudan": "Juba", "South Korea": "Seoul"}
    chosen = [entities[c] for c in countries]
    rows = [f"{words[countries[0]]} 1 nsubj PROPN", "met 1 ROOT VERB VBD meet",
            f"{words[countries[-1]]} 1 dobj PROPN", ". 1 punct PUNCT"]  # fmt: skip
    head = len(rows) + len(modifiers)
    rows += [f"{m.split()[0]} {head} {m.split()[1]} {m.split()[2]}" for m in modifiers]
    rows += [f"south {head + 1} nsubj NOUN NN south", f"left {head + 1} ROOT VERB VBD leave"]
    doc = parse("\n".join(rows))
    parts = index(doc, chosen, {words[e.label]: e for e in chosen})
    assert described_half(parts, doc[head]) == expected



@pytest.mark.parametrize(
    ("owner", "expected"),
    [
        ("his", ("e3",)),  # his country: the country Ruiz acts for, Chile
        ("its", ()),  # "its" stands for no person
    ],
)
def test_reference_his_country_is_the_country_of_the_person_he_stands_for(owner, expected):
    """"Ruiz said <owner> country's troops attacked Peru": Chile's troops (no "the": the
    possessive pronoun names whose country)."""
    from kg.extract.events.finder import extract_events
    from kg.records import Article

    doc = parse(f"""
        Ruiz     1 nsubj PROPN
        said     1 ROOT  VERB VBD say
        {owner}  3 poss  PRON PRP$ {owner}
        country  5 poss  NOUN NN country
        's       3 case  PART POS 's
        troops   6 nsubj NOUN NNS troop
        attacked 1 ccomp VERB VBD attack
        Peru     6 dobj  PROPN
        .        1 punct PUNCT
    """)
    ruiz = LocalEntity("e0", "Ana Ruiz", "Person", affiliation="e3")
    found = mentions(doc, {"Ruiz": ruiz, "Peru": PERU})
    events = extract_events(doc, Article("t", "", doc.text, ()), found, [ruiz, CHILE, PERU],
                            LEXICON)  # fmt: skip
    assert [e.actors for e in events if e.type == "ASSAULT"] == ([expected] if expected else [])


def test_reference_he_who_reports_as_a_state_s_office_stands_for_that_state():
    """"Chile's president said his country's troops attacked Peru": the president is no
    named person, and "his" stands for the state whose office he holds."""
    from kg.extract.events.finder import extract_events
    from kg.records import Article

    doc = parse("""
        Chile     2 poss  PROPN
        's        0 case  PART POS 's
        president 3 nsubj NOUN NN president
        said      3 ROOT  VERB VBD say
        his       5 poss  PRON PRP$ his
        country   7 poss  NOUN NN country
        's        5 case  PART POS 's
        troops    8 nsubj NOUN NNS troop
        attacked  3 ccomp VERB VBD attack
        Peru      8 dobj  PROPN
        .         3 punct PUNCT
    """)
    found = mentions(doc, {"Chile": CHILE, "Peru": PERU})
    events = extract_events(doc, Article("t", "", doc.text, ()), found, [CHILE, PERU], LEXICON)
    assert [(e.type, e.actors, e.recipients) for e in events] == [("ASSAULT", ("e3",), ("e4",))]
