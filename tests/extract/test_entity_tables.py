"""Tests for the gazetteer's non-name tables and the scripts that generate them (issue #15)."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.extract.entities.gazetteer import load_gazetteer

ROOT = Path(__file__).resolve().parents[2]


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_entity_tables_dictionary_script_tells_office_holders_from_bodies(tmp_path):
    folder = tmp_path / "petrarch2"
    folder.mkdir()
    texts = {
        "Phoenix.Countries.actors.txt": "RUSLAN_VARGA_  # x\n+MR_VARGA\n\t[RUSGOV 090101-100101]\n"
                                        "VARGA_STATE_BANK_ [RUSBUS]\nKOVAL [RUSGOV >090101]\n",
        "Phoenix.International.actors.txt": "RIVER_TRUST_(RT)_ [NGO]\nRUSLAN_VARGA_ [IGO]\n"
                                            "BLUE_LAKE_MILLS_INC_ [MNCUSA]\n",
        "Phoenix.MilNonState.actors.txt": "RED_HAND_ [RUSREB]\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    tables = script("make_actor_dictionary").build(tmp_path)
    assert tables == {
        # "ruslan varga" is a body in one file and a person in another: left out
        "people": {"mr varga": 0},
        # a company is also known without its legal form
        "organizations": {"blue lake mills": 1, "blue lake mills inc": 1, "red hand": 2,
                          "river trust": 1, "varga state bank": 0},
    }


def test_entity_tables_time_zones_leave_english_words_out():
    zones = script("make_non_actors").time_zones(range(2020, 2021))
    assert {"GMT", "UTC", "EST", "CET"} <= set(zones)
    assert not {"WEST", "CAT", "MET"} & set(zones)


@pytest.mark.parametrize(("file", "broken", "maker"), [
    ("actor_dictionary.json", '{"files": []}', "make_actor_dictionary"),
    ("actor_dictionary.json", '{"files": ["a"], "people": {"x y": 3}, "organizations": {}}',
     "make_actor_dictionary"),
    ("given_names.json", '{"given_names": "ann"}', "make_given_names"),
    ("given_names.json", '{"names": ["ann"]}', "make_given_names"),
])
def test_entity_tables_malformed_generated_table_names_the_script(tmp_path, file, broken, maker):
    folder = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", folder)
    (folder / file).write_text(broken, encoding="utf-8")
    with pytest.raises(OntologyError, match=f"scripts/{maker}.py"):
        load_gazetteer(folder)


def test_entity_tables_generated_files_hold_what_their_scripts_write():
    data = json.loads((ROOT / "ontology" / "non_actors.json").read_text(encoding="utf-8"))
    curated = json.loads((ROOT / "ontology" / "sources" / "non_actors_curated.json")
                         .read_text(encoding="utf-8"))
    assert data["abbreviations"] == sorted(set(curated["abbreviations"]))
    assert data["sport_cues"] == sorted({c.lower() for c in curated["sport_cues"]})


def test_entity_tables_given_names_leave_words_and_places_out():
    make = script("make_given_names")
    assert make.given_names(["Ann", "al", "Jordan", "britney", "hope"], {"jordan", "hope"}) == [
        "ann", "britney"]
    elsewhere = make.read_elsewhere(ROOT / "ontology")
    assert {"jordan", "santa", "june", "king"} <= elsewhere
    gaz = load_gazetteer(ROOT / "ontology")
    assert {"britney", "philip", "john"} <= gaz.given_names
    assert not {"golden", "will", "jordan", "june", "santa"} & gaz.given_names
