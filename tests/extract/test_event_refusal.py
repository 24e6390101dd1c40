"""Refusals on hand-parsed sentences: withholding words refuses no act."""

from __future__ import annotations

import pytest
from parsed_docs import lexicon, mentions, parse

from kg.extract.events.finder import extract_events
from kg.records import Article, LocalEntity

LEXICON = lexicon()
NAMED = {"Canada": LocalEntity("e0", "Canada", "Country"),
         "Mexico": LocalEntity("e1", "Mexico", "Country")}  # fmt: skip


@pytest.mark.parametrize(
    ("verb", "lemma", "expected"),
    [
        ("comment", "comment", []),  # "refused to comment on Mexico": no event
        ("meet", "meet", [("REJECT", ("e0",))]),  # "refused to meet Mexico": a refusal
    ],
)
def test_event_refusal_to_speak_is_no_event(verb, lemma, expected):
    rows = f"""
        Canada   1 nsubj PROPN
        refused  1 ROOT  VERB VBD refuse
        to       3 aux   PART TO
        {verb}   1 xcomp VERB VB {lemma}
        {"on 3 prep ADP" if verb == "comment" else ""}
        Mexico   {5 if verb == "comment" else 3} {"pobj" if verb == "comment" else "dobj"} PROPN
        .        1 punct PUNCT
    """
    doc = parse(rows)
    events = extract_events(doc, Article("t", "", doc.text, ()), mentions(doc, NAMED),
                            list(NAMED.values()), LEXICON)  # fmt: skip
    assert [(e.type, e.actors) for e in events if e.trigger == "refused"] == expected


def _events(rows: str):  # type: ignore[no-untyped-def]
    doc = parse(rows)
    return extract_events(doc, Article("t", "", doc.text, ()), mentions(doc, NAMED),
                          list(NAMED.values()), LEXICON)  # fmt: skip


def test_event_question_sentence_tells_no_act():
    # "Will Canada attack Mexico ?"
    assert _events("""
        Will    2 aux   AUX MD will
        Canada  2 nsubj PROPN
        attack  2 ROOT  VERB VB attack
        Mexico  2 dobj  PROPN
        ?       2 punct PUNCT .
    """) == []


@pytest.mark.parametrize(
    ("mark", "expected"),
    [
        ("whether", []),  # "Canada asked whether Mexico left": a question, no request
        ("that", [("REQUEST", ("e0",))]),  # "Canada asked that Mexico leave": a request
    ],
)
def test_event_indirect_question_is_no_request(mark, expected):
    events = _events(f"""
        Canada  1 nsubj PROPN
        asked   1 ROOT  VERB VBD ask
        {mark}  4 mark  SCONJ IN
        Mexico  4 nsubj PROPN
        left    1 ccomp VERB VBD leave
        .       1 punct PUNCT
    """)
    assert [(e.type, e.actors) for e in events if e.trigger == "asked"] == expected


@pytest.mark.parametrize(
    ("neg", "expected"),
    [
        ("not", []),  # "Canada asked Mexico not to be named": a source's condition
        ("", [("REQUEST", ("e0",))]),  # "Canada asked Mexico to be named": a request
    ],
)
def test_event_asking_for_anonymity_is_no_request(neg, expected):
    rows = [("Canada", "asked", "nsubj", "PROPN"), ("asked", "asked", "ROOT", "VERB VBD ask"),
            ("Mexico", "asked", "dobj", "PROPN"),
            *([("not", "named", "neg", "PART RB not")] if neg else []),
            ("to", "named", "aux", "PART TO"), ("be", "named", "auxpass", "AUX VB be"),
            ("named", "asked", "xcomp", "VERB VBN name"), (".", "asked", "punct", "PUNCT")]
    words = [w for w, *_ in rows]
    table = "\n".join(f"{w} {words.index(h)} {dep} {tags}" for w, h, dep, tags in rows)
    events = _events(table)
    assert [(e.type, e.actors) for e in events if e.trigger == "asked"] == expected
