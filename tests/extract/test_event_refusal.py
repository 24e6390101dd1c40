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
