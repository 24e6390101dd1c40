"""Countries a story implies by its places (`kg.extract.entities.territory`)."""

from __future__ import annotations

import pytest

from kg.extract.entities.gazetteer import load_gazetteer
from kg.extract.entities.territory import IMPLIED, implied_countries, needed
from kg.paths import default_ontology_dir
from kg.records import EventMention, LocalEntity


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(default_ontology_dir())


def test_territory_place_countries_come_from_the_place_table(gaz):
    found = {name: gaz.place_countries.get(name) for name in ("khan younis", "kharkiv", "gaza")}
    assert found == {"khan younis": "Palestine", "kharkiv": "Ukraine", "gaza": "Palestine"}


def test_territory_regions_of_the_country_table_are_places_of_their_country(gaz):
    # the curated territories of countries.json: regions the place table does not carry
    names = ("gaza strip", "west bank", "north darfur", "crimea")
    assert {name: gaz.place_countries.get(name) for name in names} == {
        "gaza strip": "Palestine", "west bank": "Palestine", "north darfur": "Sudan",
        "crimea": "Ukraine"}  # fmt: skip
    assert gaz.territory_countries["north darfur"] == "Sudan"
    assert "kharkiv" not in gaz.territory_countries  # a city is no territory


def test_territory_implied_countries_only_for_countries_the_story_does_not_name(gaz):
    entities = [
        LocalEntity("e0", "Israel", "Country", country="Israel"),
        LocalEntity("e1", "Khan Younis", "Place", country="Palestine"),
        LocalEntity("e2", "Gaza", "Place", country="Palestine"),
        LocalEntity("e3", "Tel Aviv", "Place", country="Israel"),  # Israel is named
        LocalEntity("e4", "Atlantis", "Place"),  # no country known
    ]
    (palestine,) = implied_countries(entities, gaz)
    assert (palestine.key, palestine.label, palestine.type, palestine.basis) == (
        "e5", "Palestine", "Country", "gazetteer:countries.json" + IMPLIED)  # fmt: skip


def test_territory_needed_keeps_the_implied_countries_an_event_names():
    palestine = LocalEntity("e5", "Palestine", "Country")
    ukraine = LocalEntity("e6", "Ukraine", "Country")
    event = EventMention(type="ASSAULT", actors=("e0",), recipients=("e5",), status="asserted",
                         sentence_start=0, sentence_end=5, trigger="hit", trigger_start=0,
                         trigger_end=3, confidence=0.5)  # fmt: skip
    assert needed([palestine, ukraine], [event]) == [palestine]


def test_territory_an_attack_on_a_place_is_done_to_its_country_unnamed_in_the_story(gaz):
    # the point: the whole extraction keeps the implied country an event names, only that one
    from kg.extract.analyse import load_resources, parse_and_analyse
    from kg.extract.nlp import load_nlp
    from kg.records import Article

    resources = load_resources(default_ontology_dir())
    nlp = load_nlp(gazetteer=resources.gazetteer)
    text = "Israeli troops attacked Gaza on Monday. Rain fell in Kharkiv on Tuesday."
    (analysis,) = parse_and_analyse(nlp, [Article("a", "", text, ())], resources)
    labels = {e.key: e.label for e in analysis.entities}
    assert [(e.type, [labels[k] for k in e.actors], [labels[k] for k in e.recipients])
            for e in analysis.events] == [("ASSAULT", ["Israel"], ["Palestine"])]  # fmt: skip
    assert [e.label for e in analysis.entities if e.basis.endswith(IMPLIED)] == ["Palestine"]
