"""Clause structure rules (`kg.extract.events.syntax`) on hand-parsed sentences."""

from __future__ import annotations

import pytest
from parsed_docs import parse

from kg.extract.events.syntax import (
    caused_passive,
    conjuncts,
    hyphen_agent,
    is_conditional,
    is_mandated,
    is_passive,
    is_question,
    object_tokens,
    prep_objects,
    subject_tokens,
)

ACTIVE = """
    Canada   1 nsubj PROPN
    attacked 1 ROOT  VERB VBD attack
    Mexico   1 dobj  PROPN
    .        1 punct PUNCT
"""
PASSIVE = """
    Mexico   2 nsubjpass PROPN
    was      2 auxpass   AUX  VBD be
    attacked 2 ROOT      VERB VBN attack
    by       2 agent     ADP
    Canada   3 pobj      PROPN
    .        2 punct     PUNCT
"""
CONTROL = """
    Jordan 1 nsubj PROPN
    was    1 ROOT  AUX  VBD be
    ready  1 acomp ADJ
    to     4 aux   PART
    help   2 xcomp VERB VB
    Syria  4 dobj  PROPN
    .      1 punct PUNCT
"""
COORDINATED = """
    Canada 1 nsubj PROPN
    met    1 ROOT  VERB VBD meet
    Mexico 1 dobj  PROPN
    and    1 cc    CCONJ
    signed 1 conj  VERB VBD sign
    a      6 det   DET
    deal   4 dobj  NOUN
    .      1 punct PUNCT
"""
RELATIVE = """
    Germany   0 ROOT  PROPN
    ,         0 punct PUNCT
    which     4 nsubj PRON  WDT
    long      4 advmod ADV
    supported 0 relcl VERB VBD support
    Poland    4 dobj  PROPN
"""
ORDERED_HELD = """
    Police  1 nsubj PROPN
    ordered 1 ROOT  VERB VBD order
    him     3 nsubj PRON
    held    1 ccomp VERB VBN hold
    .       1 punct PUNCT
"""
HYPHENED = """
    Iran    2 npadvmod PROPN
    -       2 punct    PUNCT
    backed  3 amod     VERB VBN back
    rebels  4 nsubj    NOUN NNS rebel
    fled    4 ROOT     VERB VBD flee
"""
DATELINE = """
    Paris  3 nsubj PROPN
    :      3 punct PUNCT
    Canada 3 nsubj PROPN
    meets  3 ROOT  VERB VBZ meet
    Mexico 3 dobj  PROPN
"""


def texts(tokens):
    return [t.text for t in tokens]


@pytest.mark.parametrize(
    ("table", "verb", "subjects", "inherited"),
    [
        (ACTIVE, 1, ["Canada"], False),
        (PASSIVE, 2, ["Canada"], False),  # the `by` agent is the logical subject
        (CONTROL, 4, ["Jordan"], True),  # "ready to help": Jordan helps
        (COORDINATED, 4, ["Canada"], True),  # "met X and signed": the first verb's subject
        (RELATIVE, 4, ["Germany"], True),  # "Germany, which supported": the antecedent
        (ORDERED_HELD, 3, ["Police"], True),  # "ordered him held": who ordered it holds him
        (DATELINE, 3, ["Canada"], False),  # a subject never crosses a colon
        (HYPHENED, 2, ["Iran"], False),  # "Iran-backed rebels": Iran backs them
    ],
)
def test_syntax_subject_tokens(table, verb, subjects, inherited):
    found, was_inherited = subject_tokens(parse(table)[verb])
    assert (texts(found), was_inherited) == (subjects, inherited)


@pytest.mark.parametrize(
    ("table", "verb", "objects"),
    [
        (ACTIVE, 1, ["Mexico"]),
        (PASSIVE, 2, ["Mexico"]),  # the passive subject undergoes the act
        (ORDERED_HELD, 3, ["him"]),
        (RELATIVE, 4, ["Poland"]),
        (HYPHENED, 2, ["rebels"]),
    ],
)
def test_syntax_object_tokens(table, verb, objects):
    assert texts(object_tokens(parse(table)[verb])) == objects


@pytest.mark.parametrize(
    ("table", "verb", "passive"),
    [(ACTIVE, 1, False), (PASSIVE, 2, True), (ORDERED_HELD, 3, False)],
)
def test_syntax_is_passive(table, verb, passive):
    assert is_passive(parse(table)[verb]) is passive


def test_syntax_caused_passive_needs_a_bare_participle_under_a_verb():
    doc = parse(ORDERED_HELD)
    assert (caused_passive(doc[3]), caused_passive(doc[1])) == (True, False)


def test_syntax_conjuncts_follow_nested_coordination():
    doc = parse("""
        Qatar  3 nsubj PROPN
        and    0 cc    CCONJ
        Jordan 0 conj  PROPN
        met    3 ROOT  VERB VBD meet
        ,      2 punct PUNCT
    """)
    nested = parse("""
        Qatar  5 nsubj PROPN
        ,      0 punct PUNCT
        Jordan 0 conj  PROPN
        and    2 cc    CCONJ
        Egypt  2 conj  PROPN
        met    5 ROOT  VERB VBD meet
    """)
    assert (texts(conjuncts(doc[0])), texts(conjuncts(nested[0]))) == (
        ["Jordan"],
        ["Jordan", "Egypt"],
    )


def test_syntax_prep_objects_only_the_named_prepositions():
    doc = parse("""
        talks  0 ROOT  NOUN NNS talk
        with   0 prep  ADP
        Mexico 1 pobj  PROPN
        in     0 prep  ADP
        Lima   3 pobj  PROPN
    """)
    assert (texts(prep_objects(doc[0], ("with",))), texts(prep_objects(doc[0], ("on",)))) == (
        ["Mexico"],
        [],
    )


def test_syntax_prep_objects_relative_pronoun_gives_the_antecedent():
    doc = parse("""
        Chile   0 ROOT  PROPN
        ,       0 punct PUNCT
        with    5 prep  ADP
        which   2 pobj  PRON WDT
        Peru    5 nsubj PROPN
        clashed 0 relcl VERB VBD clash
    """)
    assert texts(prep_objects(doc[5], ("with",))) == ["Chile"]


def test_syntax_is_mandated_are_is_no_bare_form():
    # "insisted that the bulk of them are fighters": a statement, though the subject is singular
    doc = parse("""
        Chile    1 nsubj PROPN
        insisted 1 ROOT  VERB VBD insist
        that     5 mark  SCONJ
        the      4 det   DET
        bulk     5 nsubj NOUN NN
        are      1 ccomp AUX  VBP be
        fighters 5 attr  NOUN NNS fighter
    """)
    assert is_mandated(doc[5], ("should",)) is False


@pytest.mark.parametrize(
    ("tag", "aux", "mandated"),
    [
        ("VB", None, True),  # "insisted that Peru agree"
        ("VBP", None, True),  # a plain form with a singular noun subject is no finite present
        ("VBZ", None, False),  # "insisted that Peru agrees" states a fact
        ("VB", "should", True),
        ("VB", "will", False),
    ],
)
def test_syntax_is_mandated(tag, aux, mandated):
    rows = ["Chile 1 nsubj PROPN", "insisted 1 ROOT VERB VBD insist", "that 5 mark SCONJ",
            "Peru 5 nsubj PROPN NNP"]
    if aux:
        rows.append(f"{aux} 5 aux AUX MD")
    else:
        rows.append("now 5 advmod ADV")
    rows.append(f"agree 1 ccomp VERB {tag}")
    doc = parse("\n".join(rows))
    assert is_mandated(doc[5], ("should",)) is mandated


def test_syntax_hyphen_agent_needs_the_hyphen():
    doc = parse(HYPHENED)
    no_hyphen = parse(HYPHENED.replace("-       2 punct    PUNCT", "often   2 advmod   ADV"))
    assert (hyphen_agent(doc[2]).text, hyphen_agent(no_hyphen[2])) == ("Iran", None)


#: "Canada will strike if Mexico refuses ."
CONDITION = """
    Canada  2 nsubj PROPN
    will    2 aux   AUX  MD
    strike  2 ROOT  VERB VB
    if      5 mark  SCONJ IN
    Mexico  5 nsubj PROPN
    refuses 2 advcl VERB VBZ refuse
    .       2 punct PUNCT
"""


def test_syntax_is_conditional_only_inside_the_if_clause():
    doc = parse(CONDITION)
    unless = parse(CONDITION.replace("if      5 mark  SCONJ IN", "as      5 mark  SCONJ IN"))
    assert (is_conditional(doc[5]), is_conditional(doc[2]), is_conditional(unless[5])) == (
        True, False, False)  # fmt: skip


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        (  # a yes/no question tells no act
            """
            Will   2 aux   AUX  MD
            Canada 2 nsubj PROPN
            strike 2 ROOT  VERB VB
            ?      2 punct PUNCT .
            """,
            True,
        ),
        (  # "why" takes the act as given: "Why did Canada strike?" tells it struck
            """
            Why    3 advmod SCONJ WRB
            did    3 aux    AUX   VBD do
            Canada 3 nsubj  PROPN
            strike 3 ROOT   VERB  VB
            ?      3 punct  PUNCT .
            """,
            False,
        ),
        (  # a statement
            ACTIVE,
            False,
        ),
    ],
)
def test_syntax_is_question_unless_its_question_word_presupposes_the_act(table, expected):
    assert is_question(parse(table)[:]) is expected
