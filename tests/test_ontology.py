"""The ontology loader: kg.ttl and plover.ttl read once into exact values, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyshacl
import pytest
import rdflib

from kg.errors import OntologyError, UnknownTermError
from kg.ontology import (
    KG_FILE,
    PLOVER_FILE,
    EventType,
    Polarity,
    cached_ontology,
    load_ontology,
)
from kg.rdf import iris

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
LEGEND_ORDER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
                "MOBILIZE", "COERCE", "ASSAULT")  # fmt: skip
# pyshacl builds an rdflib Dataset internally and touches APIs rdflib 7.6 deprecates
pytestmark = [
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.identifier is deprecated:DeprecationWarning"),
]


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(ONTOLOGY)


def copy_ontology(tmp_path: Path) -> Path:
    for name in (KG_FILE, PLOVER_FILE):
        shutil.copy(ONTOLOGY / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_ontology_namespaces_come_from_the_prefix_lines_and_match_the_iri_module(ontology):
    assert (ontology.kg_ns, ontology.plover_ns) == (iris.KG, iris.PLOVER)


def test_ontology_lists_the_seventeen_types_in_legend_order(ontology):
    assert tuple(t.code for t in ontology.types) == LEGEND_ORDER


def test_ontology_reads_every_field_of_a_known_type(ontology):
    assert ontology.event_type("CONSULT") == EventType(
        code="CONSULT", label="consult", polarity="cooperative", color="#66bd63",
        modes=("multilateral", "phone", "third-party", "visit"),  # the current codebook's
        recipient_prepositions=("between", "to", "with"),
        recipient_optional=False, reciprocal=True,
    )


def test_ontology_reads_the_place_target_and_implied_doer_of_protest(ontology):
    protest = ontology.event_type("PROTEST")
    assert (protest.place_state_target, protest.implied_doer) == (
        True, ("protesters", "CVLOPP"))
    assert ontology.event_type("ASSAULT").implied_doer is None


def test_ontology_reads_the_polarities_in_kg_ttl_order(ontology):
    assert ontology.polarities == (
        Polarity("cooperative", "cooperative", "#1a9850"),
        Polarity("neutral", "neutral", "#8c8c8c"),
        Polarity("conflictual", "conflictual", "#d73027"),
    )
    assert ontology.polarity_colors() == {
        "cooperative": "#1a9850", "neutral": "#8c8c8c", "conflictual": "#d73027"}


@pytest.mark.parametrize(
    ("code", "polarity", "color"),
    [("AGREE", "cooperative", "#1a9850"), ("RETREAT", "cooperative", "#7fcdbb"),
     ("REQUEST", "neutral", "#8c8c8c"), ("ACCUSE", "conflictual", "#fdae61"),
     ("ASSAULT", "conflictual", "#67001f")],
)
def test_ontology_polarity_and_colour_of_a_type(ontology, code, polarity, color):
    assert (ontology.polarity(code), ontology.event_type(code).color) == (polarity, color)


def test_ontology_every_plover_type_has_a_polarity_and_a_colour(ontology):
    graph = rdflib.Graph().parse(ONTOLOGY / PLOVER_FILE)
    declared = sorted(str(c).removeprefix(iris.PLOVER) for c in graph.subjects(
        rdflib.SKOS.topConceptOf, rdflib.URIRef(iris.PLOVER)))
    assert sorted(t.code for t in ontology.types) == declared
    assert {t.polarity for t in ontology.types} == {"cooperative", "neutral", "conflictual"}
    assert all(len(t.color) == 7 and t.color.startswith("#") for t in ontology.types)


def test_ontology_undeclared_type_is_neutral_but_asking_for_it_names_the_choices(ontology):
    assert ontology.polarity("SOMETHING") == "neutral"
    with pytest.raises(UnknownTermError, match=r"event type 'SOMETHING' is not a top concept"):
        ontology.event_type("SOMETHING")


def test_ontology_names_the_lexicon_tables(ontology):
    assert (ontology.trigger_table, ontology.cue_table) == ("triggers.tsv", "cues.tsv")
    assert ontology.judgment_table == "judgments.tsv"


def test_ontology_cached_load_parses_a_folder_once():
    assert cached_ontology(ONTOLOGY) is cached_ontology(ONTOLOGY)


def test_ontology_plover_scheme_conforms_to_the_shapes():
    graph = rdflib.Graph().parse(ONTOLOGY / PLOVER_FILE).parse(ONTOLOGY / KG_FILE)
    conforms, _, text = pyshacl.validate(graph, shacl_graph=str(ONTOLOGY / "shapes.ttl"),
                                         inference="none")
    assert conforms, text


def test_ontology_shapes_catch_a_type_without_colour(tmp_path):
    folder = copy_ontology(tmp_path)
    edit(folder / PLOVER_FILE, '    kg:color "#67001f" ;\n', "")
    graph = rdflib.Graph().parse(folder / PLOVER_FILE).parse(folder / KG_FILE)
    conforms, _, text = pyshacl.validate(graph, shacl_graph=str(ONTOLOGY / "shapes.ttl"),
                                         inference="none")
    assert not conforms
    assert "Less than 1 values on plover:ASSAULT->kg:color" in text


def test_ontology_missing_folder_is_one_line_naming_it(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(OntologyError) as caught:
        load_ontology(missing)
    assert str(caught.value) == (
        f"{missing}: ontology folder not found; pass the folder that holds kg.ttl and "
        "plover.ttl (the checkout's ontology/ by default)")


@pytest.mark.parametrize(
    ("absent", "what"), [(KG_FILE, "kg ontology"), (PLOVER_FILE, "PLOVER scheme")])
def test_ontology_missing_file_is_one_line_naming_it(tmp_path, absent, what):
    folder = copy_ontology(tmp_path)
    (folder / absent).unlink()
    with pytest.raises(OntologyError) as caught:
        load_ontology(folder)
    assert str(caught.value) == (
        f"{folder / absent}: {what} not found; pass the kg ontology folder")


def test_ontology_bad_turtle_is_one_line_naming_the_file(tmp_path):
    folder = copy_ontology(tmp_path)
    with (folder / PLOVER_FILE).open("a", encoding="utf-8") as out:
        out.write("plover:BROKEN a \n")
    with pytest.raises(OntologyError, match=r"plover\.ttl: cannot parse Turtle") as caught:
        load_ontology(folder)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [('    kg:polarity kg:conflictual ;\n    kg:color "#67001f" ;\n', "",
      r"plover\.ttl: plover:ASSAULT needs a skos:prefLabel, a kg:polarity \(one of "
      r"kg:conflictual, kg:cooperative, kg:neutral\) and a kg:color; add them"),
     ("kg:polarity kg:conflictual ;\n    kg:color \"#67001f\"",
      "kg:polarity kg:hostile ;\n    kg:color \"#67001f\"", r"plover:ASSAULT needs"),
     ("        plover:ASSAULT\n", "",
      r"plover:ASSAULT missing from the skos:memberList of plover:legendOrder")],
)
def test_ontology_incomplete_plover_type_says_what_to_add(tmp_path, old, new, message):
    folder = copy_ontology(tmp_path)
    edit(folder / PLOVER_FILE, old, new)
    with pytest.raises(OntologyError, match=message):
        load_ontology(folder)


def test_ontology_namespace_without_prefix_line_says_to_declare_it(tmp_path):
    folder = copy_ontology(tmp_path)
    text = (folder / KG_FILE).read_text(encoding="utf-8")
    (folder / KG_FILE).write_text(text.replace("@prefix kg:", "@prefix k:").replace("kg:", "k:"),
                                  encoding="utf-8")
    with pytest.raises(OntologyError) as caught:
        load_ontology(folder)
    assert str(caught.value) == (
        f"{folder / KG_FILE}: no @prefix kg: line; declare the kg: namespace")


def test_ontology_kg_prefix_must_agree_between_files(tmp_path):
    folder = copy_ontology(tmp_path)
    text = (folder / PLOVER_FILE).read_text(encoding="utf-8")
    (folder / PLOVER_FILE).write_text(
        text.replace(iris.KG, "https://example.org/other#"),
        encoding="utf-8")
    with pytest.raises(OntologyError, match=r"plover\.ttl: @prefix kg: differs from the one in"):
        load_ontology(folder)


def test_ontology_a_new_type_gets_its_polarity_and_colour_from_the_file(tmp_path):
    folder = copy_ontology(tmp_path)
    edit(folder / PLOVER_FILE, "        plover:ASSAULT\n",
         "        plover:ASSAULT\n        plover:PARLEY\n")
    with (folder / PLOVER_FILE).open("a", encoding="utf-8") as out:
        out.write('\nplover:PARLEY a skos:Concept ; skos:topConceptOf plover: ;\n'
                  '    skos:prefLabel "parley"@en ; kg:polarity kg:neutral ;\n'
                  '    kg:color "#123456" .\n')
    ontology = load_ontology(folder)
    assert ontology.types[-1] == EventType("PARLEY", "parley", "neutral", "#123456", (), (),
                                           False, False)
