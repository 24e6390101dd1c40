"""Tests for the actor reference data and its loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kg.errors import OntologyError
from kg.extract.entities.gazetteer import load_gazetteer

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


@pytest.mark.parametrize(
    ("surface", "label", "how"),
    [
        ("Turkey", "Türkiye", "name"),
        ("TÜRKIYE", "Türkiye", "name"),
        ("Turkish", "Türkiye", "demonym"),
        ("Ankara", "Türkiye", "metonym"),
        ("Czech Republic", "Czechia", "name"),
        ("Ivory Coast", "Côte d'Ivoire", "name"),
        ("Burma", "Myanmar", "name"),
        ("U.S.", "United States", "name"),
        ("America", "United States", "name"),
        ("the White House", "United States", "metonym"),
        ("Britain", "United Kingdom", "name"),
        ("South Korea", "South Korea", "name"),
        ("Emirati", "United Arab Emirates", "demonym"),
        ("Ecuadorian", "Ecuador", "demonym"),  # the spelling countryinfo lacks
        ("Nepali", "Nepal", "demonym"),
        ("Gazans", "Palestine", "demonym"),  # the people of a territory stand for its polity
        ("Dutch", "Netherlands", "demonym"),
        ("Kremlin", "Russia", "metonym"),
        ("ISIL", "Islamic State", "name"),
        ("Daesh", "Islamic State", "name"),
        ("Ansar Allah", "Houthis", "name"),
        ("UNHCR", "UNHCR", "name"),
        ("the bloc's", None, None),
    ],
)
def test_gazetteer_lookup_resolves_variants(gaz, surface, label, how):
    hit = gaz.lookup(surface)
    if label is None:
        assert hit is None
    else:
        assert (hit[0].label, hit[1]) == (label, how)


def test_gazetteer_acronyms_are_case_sensitive(gaz):
    assert gaz.lookup("US")[0].label == "United States"
    assert gaz.lookup("us") is None
    assert gaz.lookup("who") is None
    assert gaz.lookup("WHO")[0].label == "World Health Organization"


def test_gazetteer_types_and_qids(gaz):
    assert gaz.lookup("Russia")[0].qid == "Q159"
    assert gaz.lookup("Qatar")[0].qid == "Q846"
    assert gaz.lookup("Reuters")[0].type == "NewsOrganization"
    assert gaz.lookup("Hezbollah")[0].type == "ArmedGroup"
    assert gaz.lookup("Hezbollah")[0].country == "Lebanon"
    assert gaz.lookup("NATO")[0].type == "Organization"


def test_gazetteer_covers_every_sovereign_state(gaz):
    countries = [e for e in gaz.entries.values() if e.type == "Country"]
    assert len(countries) >= 195
    without_demonym = {e.label for e in countries if not e.demonyms}
    for label in ("France", "Nigeria", "Japan", "Brazil", "Syria", "Palestine"):
        assert label not in without_demonym


def test_gazetteer_descriptions_and_kinds(gaz):
    assert gaz.descriptions["bloc"] == ("bloc",)
    assert gaz.entry_kinds(gaz.lookup("EU")[0].id) == ("bloc",)
    assert gaz.label_kinds("Paris Court of Appeal") == ("court",)


def test_gazetteer_version_changes_with_data(tmp_path, gaz):
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, copy)
    assert load_gazetteer(copy).version == gaz.version
    titles = json.loads((copy / "titles.json").read_text("utf-8"))
    titles["titles"].append("grand vizier")
    (copy / "titles.json").write_text(json.dumps(titles), "utf-8")
    changed = load_gazetteer(copy)
    assert changed.version != gaz.version
    assert "grand vizier" in changed.titles


def test_gazetteer_missing_file_names_it(tmp_path):
    shutil.copytree(ONTOLOGY, tmp_path / "o")
    (tmp_path / "o" / "armed_groups.json").unlink()
    with pytest.raises(OntologyError, match="armed_groups.json: cannot read"):
        load_gazetteer(tmp_path / "o")


def test_gazetteer_bad_json_gives_line_and_column(tmp_path):
    shutil.copytree(ONTOLOGY, tmp_path / "o")
    (tmp_path / "o" / "organizations.json").write_text('{\n  "organizations": [,]\n}', "utf-8")
    with pytest.raises(OntologyError, match=r"organizations.json:2:\d+: invalid JSON"):
        load_gazetteer(tmp_path / "o")


def test_gazetteer_unknown_country_code_is_reported(tmp_path):
    shutil.copytree(ONTOLOGY, tmp_path / "o")
    path = tmp_path / "o" / "armed_groups.json"
    data = json.loads(path.read_text("utf-8"))
    data["armed_groups"].append({"label": "Made-up Front", "names": [], "country": "QQQ"})
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(OntologyError, match="'Made-up Front' names country 'QQQ'"):
        load_gazetteer(tmp_path / "o")


def test_gazetteer_is_immutable(gaz):
    with pytest.raises(TypeError):
        gaz.names["atlantis"] = "country:XX"  # type: ignore[index]


@pytest.mark.parametrize(
    ("table", "word"),
    [
        ("place_heads", "crossing"),
        ("place_heads", "air base"),
        ("org_heads", "initiative"),
        ("document_heads", "agreement"),
        ("outlet_heads", "newspaper"),
        ("outlet_verbs", "report"),
        ("outlet_object_verbs", "tell"),
        ("locative_prepositions", "from"),
    ],
)
def test_gazetteer_reads_span_and_use_tables(gaz, table, word):
    assert word in getattr(gaz, table)
    assert "to" not in gaz.locative_prepositions  # "aid to X" keeps X a recipient


@pytest.mark.parametrize(
    ("surface", "label", "how", "country"),
    [
        ("Democrats", "Democratic Party", "demonym", "United States"),
        ("Republican", "Republican Party", "demonym", "United States"),
        ("GOP", "Republican Party", "name", "United States"),
        ("Tories", "Conservative Party", "demonym", "United Kingdom"),
    ],
)
def test_gazetteer_party_members_name_the_party(gaz, surface, label, how, country):
    entry, found = gaz.lookup(surface)
    assert (entry.label, found, entry.country, entry.type) == (label, how, country, "Organization")


@pytest.mark.parametrize(
    ("word", "dotted", "title"),
    [
        ("Sgt", False, "sergeant"),
        ("Capt.", False, "captain"),
        ("Sen", False, None),
        ("Sen", True, "senator"),
        ("Lt", True, "lieutenant"),
    ],
)
def test_gazetteer_rank_abbreviations(gaz, word, dotted, title):
    assert gaz.abbreviation(word, dotted=dotted) == title
    assert ("sgt" in gaz.title_heads, "police" in gaz.institution_heads) == (True, True)


def test_gazetteer_role_noise_must_be_title_modifiers(tmp_path):
    copy = tmp_path / "ontology"
    shutil.copytree(ONTOLOGY, copy)
    titles = json.loads((copy / "titles.json").read_text("utf-8"))
    titles["role_noise"].append("grand")
    (copy / "titles.json").write_text(json.dumps(titles), "utf-8")
    with pytest.raises(
        OntologyError, match="'role_noise' words grand are not in 'title_modifiers'"
    ):
        load_gazetteer(copy)


@pytest.mark.parametrize(
    ("noun", "sector"),
    [
        ("demonstrator", "CVLOPP"),  # agents.json, from the NGEC file (which wins a clash)
        ("riot police", "COP"),  # a multi-word noun stays a phrase
        ("policeman", "COP"),  # "POLICE!PERSON!": the substitution set expanded
        ("thieves", "CRM"),  # an irregular plural kept
        ("negotiator", "GOV"),  # titles.json's agent_nouns add what the dictionaries lack
        ("state", None),  # agent_exclusions: a polity, not a group
        ("monday", None),  # sector NON is no agent
    ],
)
def test_gazetteer_agents_table(gaz, noun, sector):
    assert gaz.agents.get(noun) == sector


def test_gazetteer_agents_need_an_agents_object(tmp_path):
    shutil.copytree(ONTOLOGY, tmp_path / "o")
    (tmp_path / "o" / "agents.json").write_text('{"agents": []}', "utf-8")
    with pytest.raises(OntologyError, match="agents.json: expected an 'agents' object"):
        load_gazetteer(tmp_path / "o")
