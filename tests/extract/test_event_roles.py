"""Actors and recipients from the parse (`kg.extract.events.roles`) on hand-parsed sentences."""

from __future__ import annotations

import dataclasses

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.roles import Participants
from kg.records import GENERIC, LocalEntity, Mention

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
        (  # civilians "in" a place are there: they do not act for its country
            """
            Protesters 3 nsubj NOUN NNS protester
            in       0 prep  ADP
            Lima     1 pobj  PROPN
            marched  3 ROOT  VERB VBD march
            """, 0, ([], ""),
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
        (  # an appositive noun is the one it describes: "Vela, the minister"
            """
            Tomas    1 compound PROPN
            Vela     5 nsubj PROPN
            ,        1 punct PUNCT
            the      4 det   DET
            minister 1 appos NOUN
            left     5 ROOT  VERB VBD leave
            """, 4, (["e3"], "direct"),
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
        (  # an appositive names the party a common noun stands for
            """
            Canada    1 nsubj PROPN
            accused   1 ROOT  VERB VBD accuse
            its       3 poss  PRON PRP$ its
            neighbour 1 dobj  NOUN
            ,         3 punct PUNCT
            Mexico    3 appos PROPN
            """, 3, ["e1"],
        ),
        (  # an appositive the parser hung on the verb, right after the noun and a comma
            """
            Canada    1 nsubj PROPN
            accused   1 ROOT  VERB VBD accuse
            the       3 det   DET
            minister  1 dobj  NOUN
            ,         1 punct PUNCT
            Tomas     6 compound PROPN
            Vela      1 npadvmod PROPN
            """, 3, ["e3"],
        ),
        (  # whose it is: "an application from X"
            """
            Canada      1 nsubj PROPN
            rejected    1 ROOT  VERB VBD reject
            an          3 det   DET
            application 1 dobj  NOUN
            from        3 prep  ADP
            Mexico      4 pobj  PROPN
            """, 3, ["e1"],
        ),
        (  # the people of a polity: "civilians in Peru"; a named place by its country
            """
            Canada    1 nsubj PROPN
            shelled   1 ROOT  VERB VBD shell
            civilians 1 dobj  NOUN NNS civilian
            in        2 prep  ADP
            Lima      3 pobj  PROPN
            and       4 cc    CCONJ
            Peru      4 conj  PROPN
            """, 2, ["e5"],
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


# -- group nouns standing for their actor (issue #15) ---------------------------------------

NEGOTIATORS = """
    Canadian    3 amod  ADJ  JJ  canadian
    and         0 cc    CCONJ
    Mexican     0 conj  ADJ  JJ  mexican
    negotiators 4 nsubj NOUN NNS negotiator
    met         4 ROOT  VERB VBD meet
    Tomas       6 compound PROPN
    Vela        4 dobj  PROPN
"""


def group_participants(
    table: str, groups: dict[str, tuple[str, str]], named: dict[str, LocalEntity] | None = None
) -> Participants:
    """Like `participants`, plus GENERIC mentions: surface text -> (entity key, sector)."""
    doc = parse(table)
    found = mentions(doc, {**NAMED, **(named or {})})
    for text, (key, sector) in groups.items():
        start = doc.text.index(text)
        found.append(Mention(start, start + len(text), text, GENERIC, key, sector))
    found.sort(key=lambda m: m.start)
    return Participants.build(doc, found, list(NAMED.values()), LEXICON)


def test_event_roles_group_noun_stands_for_its_coordinated_ties():
    parts = group_participants(
        NEGOTIATORS, {"negotiators": ("e0", "GOV")}, {"Canadian": CANADA, "Mexican": MEXICO}
    )
    # the tie found by the entity pass (Canada), then the coordinated modifier (Mexico)
    assert parts.actors(parts.doc[3]) == (["e0", "e1"], "proxy")
    assert parts.sectors(parts.doc[4], ["e0", "e1", "e3"]) == (("e0", "GOV"), ("e1", "GOV"))


def test_event_roles_group_noun_is_no_place():
    parts = group_participants(
        """
        Canada 2 nsubj PROPN
        held   2 ROOT  VERB VBD hold
        him    2 dobj  PRON
        in     2 prep  ADP
        police 5 compound NOUN
        custody 3 pobj NOUN
        """,
        {"police": ("e5", "COP")},
    )
    assert parts.place(parts.doc[4]) is None
    assert parts.entity(parts.doc[4]) == "e5"


def test_event_roles_sector_only_for_keys_told_by_a_group_noun():
    parts = group_participants(
        """
        Canada  1 nsubj PROPN
        said    1 ROOT  VERB VBD say
        Peruvian 3 amod ADJ JJ peruvian
        police  4 nsubj NOUN NNS police
        arrested 1 ccomp VERB VBD arrest
        Tomas   6 compound PROPN
        Vela    4 dobj  PROPN
        """,
        {"police": ("e5", "COP")},
        {"Peruvian": PERU},
    )
    # in the clause of "arrested", Peru is told as "Peruvian police"; Vela is a person
    assert parts.sectors(parts.doc[4], ["e0", "e5", "e3"]) == (("e5", "COP"),)
    # "said" does not tell the arrest: the police are in a clause inside it
    assert parts.sectors(parts.doc[1], ["e0", "e5"]) == ()


def test_roles_relative_head_is_the_noun_the_clause_modifies():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from kg.extract.events.roles import _relative_head

    # "Ruritania, with which Borduria clashed, ..." : which -> Ruritania
    words = ["Ruritania", ",", "with", "which", "Borduria", "clashed", ",", "left", "."]
    heads = [7, 0, 5, 2, 5, 0, 0, 7, 7]
    deps = ["nsubj", "punct", "prep", "pobj", "nsubj", "relcl", "punct", "ROOT", "punct"]
    tags = ["NNP", ",", "IN", "WDT", "NNP", "VBD", ",", "VBD", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)
    assert _relative_head(doc[3]).text == "Ruritania"
    # a question's "which" is in no relative clause
    question = Doc(Vocab(), words=["Which", "side", "left", "?"], heads=[1, 2, 2, 2],
                   deps=["det", "nsubj", "ROOT", "punct"], tags=["WDT", "NN", "VBD", "."])
    assert _relative_head(question[0]) is None


def test_event_roles_unnamed_groups_of_heads_conjuncts_and_counts():
    doc = parse(
        """
        Thousands  5 nsubj NOUN NNS thousand
        of         0 prep  ADP
        protesters 1 pobj  NOUN NNS protester
        and        2 cc    CCONJ
        students   2 conj  NOUN NNS student
        marched    5 ROOT  VERB VBD march
        """,
        ents=["B-CARDINAL", "O", "O", "O", "O", "O"],
    )
    found = [Mention(13, 23, "protesters", GENERIC, None, "CVLOPP"),
             Mention(28, 36, "students", GENERIC, None, "EDU")]  # fmt: skip
    parts = Participants.build(doc, found, list(NAMED.values()), LEXICON)
    # "thousands of X" are X; an unnamed group has no actor key
    assert parts.unnamed_groups([doc[0]]) == (("protesters", "CVLOPP"), ("students", "EDU"))
    assert parts.actors(doc[2]) == ([], "")


ACME_WATCH = LocalEntity("e6", "Acme Watch", "Organization")


def test_roles_its_after_an_earlier_it_and_past_a_place_subject():
    """"Acme Watch said it stayed after Lima banned its work": "its" is what "it" is; the place
    subject "Lima" names no one a pronoun stands for."""
    doc = parse("""
        Acme    1 compound PROPN
        Watch   2 nsubj    PROPN
        said    2 ROOT     VERB VBD say
        it      4 nsubj    PRON PRP it
        stayed  2 ccomp    VERB VBD stay
        after   7 mark     SCONJ IN
        Lima    7 nsubj    PROPN
        banned  4 advcl    VERB VBD ban
        its     9 poss     PRON PRP$ its
        work    7 dobj     NOUN NN work
        .       2 punct    PUNCT
    """)
    named = {"Acme Watch": ACME_WATCH, "Lima": LIMA}
    parts = Participants.build(doc, mentions(doc, named), [ACME_WATCH, LIMA], LEXICON)
    assert parts.actors(doc[8]) == (["e6"], "pronoun")
    assert parts.targets(doc[9]) == ["e6"]


def test_roles_a_persons_group_is_the_body_the_article_makes_theirs():
    """"Ruiz's Acme Watch left. Ruiz's group fought Mexico.": the group is Acme Watch (Ruiz's
    affiliation is a country)."""
    doc = parse("""
        Ruiz    3 poss     PROPN
        's      0 case     PART POS
        Acme    3 compound PROPN
        Watch   4 nsubj    PROPN
        left    4 ROOT     VERB VBD leave
        .       4 punct    PUNCT
        Ruiz    8 poss     PROPN
        's      6 case     PART POS
        group   9 nsubj    NOUN NN group
        fought  9 ROOT     VERB VBD fight
        Mexico  9 dobj     PROPN
        .       9 punct    PUNCT
    """)
    named = {"Ruiz": RUIZ, "Acme Watch": ACME_WATCH, "Mexico": MEXICO}
    parts = Participants.build(doc, mentions(doc, named), [RUIZ, ACME_WATCH, MEXICO, CANADA],
                               LEXICON)  # fmt: skip
    assert dict(parts.bodies) == {"e2": "e6"}
    assert parts.actors(doc[8]) == (["e6"], "proxy")


def test_roles_he_is_the_subject_of_an_earlier_clause_of_its_sentence():
    """"Ruiz spoke. Before Vela left, he resigned.": he is Vela, not the previous sentence's."""
    doc = parse("""
        Ruiz     1 nsubj PROPN
        spoke    1 ROOT  VERB VBD speak
        .        1 punct PUNCT
        Before   5 mark  SCONJ IN
        Tomas    5 compound PROPN
        Vela     6 nsubj PROPN
        left     8 advcl VERB VBD leave
        he       8 nsubj PRON PRP he
        resigned 8 ROOT  VERB VBD resign
        .        8 punct PUNCT
    """)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    assert parts.actors(doc[7]) == (["e3"], "pronoun")


def test_roles_in_a_quote_he_is_not_its_speaker():
    """'Vela spoke. "He resigned." Vela said.': the quote runs over two sentences, and its
    "he" is someone other than Vela, who speaks it."""
    doc = parse("""
        Tomas    1  compound PROPN
        Vela     2  nsubj    PROPN
        spoke    2  ROOT     VERB VBD speak
        .        2  punct    PUNCT
        ``       6  punct    PUNCT ``
        He       6  nsubj    PRON PRP he
        resigned 6  ROOT     VERB VBD resign
        .        6  punct    PUNCT
        ''       11 punct    PUNCT ''
        Tomas    10 compound PROPN
        Vela     11 nsubj    PROPN
        said     11 ROOT     VERB VBD say
        .        11 punct    PUNCT
    """)
    parts = Participants.build(doc, mentions(doc, NAMED), list(NAMED.values()), LEXICON)
    assert parts.quotes == ((doc[4].idx, doc[8].idx + 2),)
    assert parts.quote_reporter(doc[5]) == doc[11]
    assert parts.antecedents(doc[5]) == []


@pytest.mark.parametrize(
    ("table", "token", "expected"),
    [
        (  # "called on it": a pronoun on its own verb is not that verb's subject
            """
            Canada 1 nsubj PROPN
            said   1 ROOT  VERB VBD say
            Mexico 3 nsubj PROPN
            called 1 ccomp VERB VBD call
            on     3 prep  ADP
            it     4 pobj  PRON PRP it
            .      1 punct PUNCT
            """, 5, ["e0"],
        ),
        (  # "imposed sanctions on it": nor one on the verb's object
            """
            Canada    1 nsubj PROPN
            said      1 ROOT  VERB VBD say
            Mexico    3 nsubj PROPN
            imposed   1 ccomp VERB VBD impose
            sanctions 3 dobj  NOUN NNS sanction
            on        4 prep  ADP
            it        5 pobj  PRON PRP it
            .         1 punct PUNCT
            """, 6, ["e0"],
        ),
        (  # a subject pronoun is still its clause's speaker's ("Canada said it ...")
            """
            Canada 1 nsubj PROPN
            said   1 ROOT  VERB VBD say
            it     3 nsubj PRON PRP it
            called 1 ccomp VERB VBD call
            Mexico 3 dobj  PROPN
            .      1 punct PUNCT
            """, 2, ["e0"],
        ),
    ],
)
def test_roles_object_pronoun_is_not_its_own_verb_s_subject(table, token, expected):
    parts = participants(table)
    assert parts.antecedents(parts.doc[token]) == expected
