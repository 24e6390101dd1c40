"""Locating places in the GeoNames place table (`kg.link.places`), on a small invented table."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.link.places import PLACES_FILE, load_place_table, locate_places
from kg.records import Actor, Event, Location, Place

ROOT = Path(__file__).resolve().parents[2]
HEADER = "geonames\tname\tkind\tcountry_code\tcountry\tqid\tlat\tlon\tpopulation\talternates\n"
ROWS = [
    "10\tArvalia\tcountry\tAV\tARV\tQ900001\t40.0\t20.0\t5000000\tRepublic of Arvalia",
    "11\tPort Selm\tcity\tAV\tARV\t\t41.5\t21.25\t800000\tSelmport|Port-Selm",
    "12\tPort Selm\tcity\tDM\tDUN\t\t10.0\t-5.0\t90000\t",
    "13\tVeyra\tregion\tAV\tARV\t\t\t\t\t",
    "14\tVeyra City\tcity\tAV\tARV\t\t42.0\t22.0\t2000000\tVeyra",
    "15\tDunmere\tcountry\tDM\tDUN\t\t11.0\t-6.0\t3000000\t",
]


@pytest.fixture()
def table(tmp_path: Path):
    (tmp_path / PLACES_FILE).write_text("# invented\n" + HEADER + "\n".join(ROWS) + "\n")
    return load_place_table(tmp_path)


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Port Selm", None, 11),            # the bigger namesake
        ("PORT SELM", "Dunmere", 12),       # the story's country picks among namesakes
        ("Port Selm", "DUN", 12),           # ... by name or by id
        ("Selmport", None, 11),             # an alternate name
        ("Veyra", None, 14),                # a region's name that is a city's alternate: the city
        ("the Republic of Arvalia", None, 10),
        ("Atlantis", None, None),
    ],
)
def test_places_find(table, name, country, expected):
    row = table.find(name, country=country)
    assert (row.location.geonames if row else None) == expected


def test_places_row_keeps_location_and_qid(table):
    row = table.find("Arvalia")
    assert (row.qid, row.country, row.location) == (
        "Q900001", "ARV", Location(10, "country", "AV", 40.0, 20.0))


def test_places_locate_gives_a_country_placed_event_a_place_of_its_own(table):
    arvalia = Actor("Q900001", "Arvalia", "Country", qid="Q900001")
    places = [Place("place-port-selm-arvalia", "Port Selm", country="Arvalia")]
    events = [
        Event("ev1", "CONSULT", ("x",), (), "asserted", (), ("a",), 0.5, place="Q900001"),
        Event("ev2", "CONSULT", ("x",), (), "asserted", (), ("a",), 0.5,
              place="place-port-selm-arvalia"),
        Event("ev3", "CONSULT", ("x",), (), "asserted", (), ("a",), 0.5, place="unknown"),
    ]
    located, out = locate_places(places, [arvalia], events, table)
    assert located == [
        Place("place-arvalia", "Arvalia", qid="Q900001", country="Arvalia",
              location=Location(10, "country", "AV", 40.0, 20.0)),
        Place("place-port-selm-arvalia", "Port Selm", country="Arvalia",
              location=Location(11, "city", "AV", 41.5, 21.25)),
    ]
    assert [(e.place, e.location and e.location.geonames) for e in out] == [
        ("place-arvalia", 10), ("place-port-selm-arvalia", 11), (None, None)]
    # the actor stays an actor: places are not actors
    assert arvalia.type == "Country"


def test_places_bad_row_says_where_and_how_to_fix(tmp_path):
    (tmp_path / PLACES_FILE).write_text(HEADER + "x\tBad\tcity\t\t\t\t\t\t\t\n")
    with pytest.raises(OntologyError, match=r"places\.tsv:2: bad row .*make_places\.py"):
        load_place_table(tmp_path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Damascus", ("Damascus", "city", "SY")),
        ("New York", ("New York City", "city", "US")),
        ("California", ("California", "region", "US")),
        ("Britain", ("United Kingdom", "country", "GB")),
        ("Africa", None),  # a continent, not Mahdia's old name
    ],
)
def test_places_bundled_table(name, expected):
    row = load_place_table(ROOT / "ontology").find(name)
    assert ((row.name, row.location.kind, row.location.country_code) if row else None) == expected
