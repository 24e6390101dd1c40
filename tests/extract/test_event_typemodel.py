"""The learned event-type model (`kg.extract.events.typemodel`), on a tiny hand-made model file."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.extract.events.typemodel import (
    TypeModel,
    features,
    is_hedged,
    load_type_model,
    stem,
)
from kg.ontology import load_ontology

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
TYPES = ("AGREE", "CONCEDE", "REJECT")
#: "yield" speaks for CONCEDE, "pact" for AGREE, "refuse" for REJECT; AGREE and CONCEDE are
#: neighbours; "accept" is a trigger of many types.
TINY = {
    "types": list(TYPES),
    "bias": [0.0, 0.0, 0.0],
    "weights": {
        "yield": [0.0, 2.0, 0.0],
        "pact": [2.0, 0.0, 0.0],
        "refuse": [0.0, 0.0, 3.0],
    },
    "neighbours": {"AGREE": ["CONCEDE"], "CONCEDE": ["AGREE"]},
    "ambiguous": ["accept"],
    "threshold": 0.7,
    "floor": 0.0,
    "open_threshold": 0.6,
    "margin": 0.2,
}


@pytest.fixture
def tiny(tmp_path: Path) -> TypeModel:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(TINY), encoding="utf-8")
    return load_type_model(path, TYPES)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("accepted", "accept"), ("talks", "talk"), ("threatening", "threaten"), ("yes", "yes"),
     ("us", "us"), ("sanctions", "sanction")],
)  # fmt: skip
def test_typemodel_stem(word, expected):
    assert stem(word) == expected


def test_typemodel_features_are_sorted_words_and_pairs():
    assert features("Rebels YIELD, rebels yield.") == (
        "rebel", "rebel yield", "yield", "yield rebel")  # fmt: skip


def test_typemodel_probabilities_are_a_softmax_of_the_summed_rows(tiny):
    e2 = math.exp(2.0)
    assert tiny.probabilities("They yield.") == pytest.approx(
        {"AGREE": 1 / (e2 + 2), "CONCEDE": e2 / (e2 + 2), "REJECT": 1 / (e2 + 2)}
    )


@pytest.mark.parametrize(
    ("event_type", "lemma", "text", "hedged", "expected"),
    [
        # a neighbour wins the pair: CONCEDE has 0.88 of AGREE+CONCEDE
        ("AGREE", "sign", "They yield.", False, "CONCEDE"),
        # REJECT is no neighbour of AGREE, and the trigger and sentence are plain
        ("AGREE", "sign", "They refuse.", False, "AGREE"),
        # a hedged sentence opens every type: REJECT at 0.91
        ("AGREE", "sign", "They refuse.", True, "REJECT"),
        # so does a trigger of many types
        ("AGREE", "accept", "They refuse.", False, "REJECT"),
        # the rule's type stays when the model agrees
        ("CONCEDE", "sign", "They yield.", False, "CONCEDE"),
        # no type listed for REJECT: nothing to settle
        ("REJECT", "sign", "They yield.", False, "REJECT"),
        # the pair is even ("pact" and "yield" cancel): the rule's type stays
        ("AGREE", "sign", "They yield a pact.", False, "AGREE"),
        # open, but the best type (1/3) is under open_threshold, and AGREE has half the pair
        ("CONCEDE", "accept", "Nothing to say.", False, "CONCEDE"),
    ],
)
def test_typemodel_retype(tiny, event_type, lemma, text, hedged, expected):
    assert tiny.retype(event_type, lemma, text, hedged=hedged) == expected


@pytest.mark.parametrize(
    ("event_type", "lemma", "text", "hedged", "supported", "expected"),
    [
        ("AGREE", "sign", "They yield.", False, {"CONCEDE"}, "CONCEDE"),
        ("AGREE", "sign", "They yield.", False, {"AGREE", "REJECT"}, "AGREE"),
        ("AGREE", "sign", "They refuse.", True, {"REJECT"}, "REJECT"),
        ("AGREE", "sign", "They refuse.", True, set(), "AGREE"),
    ],
)
def test_typemodel_retype_only_to_a_type_the_words_support(
    tiny, event_type, lemma, text, hedged, supported, expected
):
    assert tiny.retype(event_type, lemma, text, hedged=hedged, supported=supported) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([("They", "PRP"), ("must", "MD"), ("pay", "VB")], True),
        ([("``", "``"), ("Go", "VB"), ("''", "''")], True),
        ([("“", "``"), ("Go", "VB")], True),
        ([("They", "PRP"), ("paid", "VBD")], False),
    ],
)
def test_typemodel_is_hedged(words, expected):
    assert is_hedged(words) is expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"types": ["AGREE", "CONCEDE", "DEFECT"]}, "DEFECT are not concepts"),
        ({"neighbours": {"AGREE": ["YIELD"]}}, "YIELD are not concepts"),
        ({"bias": [0.0]}, "one number per type"),
        ({"threshold": None}, "cannot read the type model"),
    ],
)
def test_typemodel_load_rejects_a_bad_file(tmp_path, change, message):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({**TINY, **change}), encoding="utf-8")
    with pytest.raises(OntologyError, match=message):
        load_type_model(path, TYPES)


def test_typemodel_load_missing_file_says_how_to_rebuild(tmp_path):
    with pytest.raises(OntologyError, match="scripts/train_type_model.py"):
        load_type_model(tmp_path / "absent.json", TYPES)


def test_typemodel_shipped_model_loads_with_the_16_types():
    ontology = load_ontology(ONTOLOGY)
    codes = sorted(t.code for t in ontology.types)
    assert ontology.type_model == "type_model.json"
    model = load_type_model(ONTOLOGY / ontology.type_model, codes)
    assert (len(model.types), sorted(model.types)) == (16, codes)
    rule = (model.threshold, model.floor, model.open_threshold, model.margin)
    assert rule == (0.7, 0.3, 0.6, 0.2)
