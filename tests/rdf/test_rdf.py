"""The RDF model: SHACL-valid, deterministic, one graph per article, the vocabularies used."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib
from rdf_helpers import make_corpus

from kg.rdf.dataset import build_dataset, date_literal, iter_quads, serialize_nquads
from kg.rdf.iris import DEFAULT_BASE, PLOVER
from kg.rdf.iris import KG as KG_NS

# pyshacl builds an rdflib Dataset internally and touches APIs rdflib 7.6 deprecates
pytestmark = [
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.identifier is deprecated:DeprecationWarning"),
]
ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
KG = rdflib.Namespace(KG_NS)
SEM = rdflib.Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
SCHEMA = rdflib.Namespace("http://schema.org/")
ID = rdflib.Namespace(DEFAULT_BASE)
GEO = rdflib.Namespace("http://www.opengis.net/ont/geosparql#")
WGS = rdflib.Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GN = rdflib.Namespace("http://www.geonames.org/ontology#")


def union(dataset: rdflib.Dataset) -> rdflib.Graph:
    graph = rdflib.Graph()
    for named in dataset.graphs():
        for triple in named:
            graph.add(triple)
    return graph


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return union(build_dataset(make_corpus()))


def validate(graph: rdflib.Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(
        graph, shacl_graph=str(ONTOLOGY / "shapes.ttl"), ont_graph=str(ONTOLOGY / "kg.ttl"),
        inference="none",
    )
    return conforms, text


def test_rdf_dataset_conforms_to_the_shapes(graph: rdflib.Graph) -> None:
    conforms, text = validate(graph)
    assert conforms, text


def test_rdf_shapes_catch_an_out_of_range_confidence_and_an_event_without_actors() -> None:
    corpus = make_corpus()
    bad = dataclasses.replace(corpus.events[0], confidence=1.5, actors=(), recipients=())
    conforms, text = validate(union(build_dataset(
        dataclasses.replace(corpus, events=(bad, *corpus.events[1:])))))
    assert not conforms
    assert "MaxInclusiveConstraintComponent" in text
    assert "OrConstraintComponent" in text


def test_rdf_every_term_used_is_declared_with_label_and_comment(graph: rdflib.Graph) -> None:
    ontology = rdflib.Graph().parse(ONTOLOGY / "kg.ttl")
    used = {t for triple in graph for t in triple
            if isinstance(t, rdflib.URIRef) and str(t).startswith(str(KG))}
    missing = sorted(str(t) for t in used
                     if (t, rdflib.RDFS.label, None) not in ontology
                     or (t, rdflib.RDFS.comment, None) not in ontology)
    assert missing == []
    assert len(used) >= 30


def test_rdf_two_builds_give_byte_identical_nquads() -> None:
    first = serialize_nquads(iter_quads(make_corpus()))
    second = serialize_nquads(iter_quads(make_corpus()))
    assert first == second
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    assert b"_:" not in first  # no blank nodes anywhere


def test_rdf_each_article_has_its_own_named_graph() -> None:
    dataset = build_dataset(make_corpus())
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert graphs == {f"{DEFAULT_BASE}graph/corpus", f"{DEFAULT_BASE}graph/a1",
                      f"{DEFAULT_BASE}graph/a2"}
    a2 = dataset.graph(ID["graph/a2"])
    assert (ID["article/a2"], SCHEMA.headline, rdflib.Literal("Trade deal signed")) in a2
    assert not any(str(s).endswith("/a1") for s in a2.subjects())


def test_rdf_actor_has_wikidata_sameas_and_person_acts_for_country(graph: rdflib.Graph) -> None:
    chile = ID["actor/Q298"]
    assert (chile, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q298")) in graph
    assert (chile, rdflib.RDF.type, SCHEMA.Country) in graph
    person = ID["actor/ana-ruiz"]
    assert set(graph.objects(person, KG.affiliation)) == {chile}
    assert set(graph.objects(person, KG.country)) == {chile}
    assert set(graph.objects(person, KG.role)) == {rdflib.Literal("foreign minister")}


def test_rdf_reported_claim_is_attributed_and_points_at_article_and_event(
    graph: rdflib.Graph,
) -> None:
    claims = list(graph.subjects(KG.about, ID["event/ev-shell"]))
    assert len(claims) == 1
    claim = claims[0]
    assert set(graph.objects(claim, KG.status)) == {KG.reported}
    assert set(graph.objects(claim, PROV.wasAttributedTo)) == {ID["actor/Q20"]}
    assert set(graph.objects(claim, PROV.wasDerivedFrom)) == {ID["article/a1"]}


def test_rdf_evidence_selectors_locate_the_trigger_in_the_article(graph: rdflib.Graph) -> None:
    claim = next(graph.subjects(KG.about, ID["event/ev-meet"]))
    evidence = next(graph.objects(claim, KG.evidence))
    selector = next(graph.objects(evidence, KG.triggerSelector))
    body = str(next(graph.objects(ID["article/a1"], SCHEMA.articleBody)))
    start = int(next(graph.objects(selector, OA.start)))
    end = int(next(graph.objects(selector, OA.end)))
    assert body[start:end] == "met" == str(next(graph.objects(selector, OA.exact)))


def test_rdf_event_uses_sem_roles_time_and_place(graph: rdflib.Graph) -> None:
    event = ID["event/ev-meet"]
    assert set(graph.objects(event, KG.eventType)) == {
        rdflib.URIRef(PLOVER + "CONSULT")}
    roles = {(graph.value(r, rdflib.RDF.value), graph.value(r, SEM.roleType))
             for r in graph.objects(event, SEM.hasActor)}
    assert roles == {(ID["actor/ana-ruiz"], KG.sourceRole), (ID["actor/Q20"], KG.targetRole)}
    assert graph.value(event, SEM.hasTimeStamp) == rdflib.Literal(
        "2024-03-05", datatype=rdflib.XSD.date)
    place = graph.value(event, SEM.hasPlace)
    assert graph.value(place, rdflib.RDFS.label) == rdflib.Literal("Oslo")


def test_rdf_located_place_has_geonames_wikidata_point_and_geometry(
    graph: rdflib.Graph,
) -> None:
    place = graph.value(ID["event/ev-meet"], SEM.hasPlace)
    geometry = ID["geometry/oslo"]
    assert place == ID["place/oslo"]
    assert set(graph.predicate_objects(place)) - {(rdflib.RDFS.label, rdflib.Literal("Oslo"))} == {
        (rdflib.RDF.type, KG.Place), (rdflib.RDF.type, SCHEMA.Place),
        (rdflib.RDF.type, GEO.Feature),
        (SCHEMA.sameAs, rdflib.URIRef("https://sws.geonames.org/3143244/")),
        (SCHEMA.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q585")),
        (KG.placePrecision, rdflib.Literal("city")),
        (GN.featureClass, GN.P), (GN.countryCode, rdflib.Literal("NO")),
        (KG.countryName, rdflib.Literal("Norway")), (KG.country, ID["actor/Q20"]),
        (WGS.lat, rdflib.Literal("59.91273", datatype=rdflib.XSD.decimal)),
        (WGS.long, rdflib.Literal("10.74609", datatype=rdflib.XSD.decimal)),
        (GEO.hasGeometry, geometry),
    }
    assert set(graph.predicate_objects(geometry)) == {
        (rdflib.RDF.type, GEO.Geometry),
        (GEO.asWKT, rdflib.Literal("POINT(10.74609 59.91273)", datatype=GEO.wktLiteral)),
    }


def test_rdf_place_is_never_owl_sameas_its_country_actor(graph: rdflib.Graph) -> None:
    # the actor Norway is owl:sameAs wd:Q20; a place only ever uses schema:sameAs
    places = set(graph.subjects(rdflib.RDF.type, KG.Place))
    assert [p for p in places if (p, rdflib.OWL.sameAs, None) in graph] == []
    assert graph.value(ID["actor/Q20"], rdflib.OWL.sameAs) == rdflib.URIRef(
        "http://www.wikidata.org/entity/Q20")


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2024-03-05", "date"), ("2024-03", "gYearMonth"), ("2024", "gYear"), ("soon", None)],
)
def test_rdf_date_literal_types_by_precision(value: str, datatype: str | None) -> None:
    literal = date_literal(value)
    got = None if literal is None else literal.datatype.value.split("#")[1]
    assert got == datatype


def test_rdf_base_is_configurable() -> None:
    quads = list(iter_quads(make_corpus(), base="https://example.org/kg/"))
    subjects = {q.subject.value for q in quads}
    assert "https://example.org/kg/event/ev-deal" in subjects
    assert not any(s.startswith(DEFAULT_BASE) for s in subjects)


def test_rdf_unknown_affiliation_is_left_out_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    corpus = make_corpus()
    actor = dataclasses.replace(corpus.actors[3], affiliation="nobody")
    quads = list(iter_quads(dataclasses.replace(
        corpus, actors=(*corpus.actors[:3], actor))))
    assert not any(q.predicate.value.endswith("#affiliation") for q in quads)
    assert "1 actor affiliation(s) name no known actor" in caplog.text


def test_rdf_two_actors_with_one_qid_keep_distinct_iris() -> None:
    corpus = make_corpus()
    twin = dataclasses.replace(corpus.actors[0], id="chile-2", label="Republic of Chile")
    quads = list(iter_quads(dataclasses.replace(corpus, actors=(*corpus.actors, twin))))
    labels = {(q.subject.value, q.object.value) for q in quads
              if q.predicate == ox.NamedNode(str(rdflib.RDFS.label))
              and "/actor/" in q.subject.value}
    assert (f"{DEFAULT_BASE}actor/Q298", "Chile") in labels
    assert (f"{DEFAULT_BASE}actor/chile-2", "Republic of Chile") in labels


def test_rdf_a_group_noun_s_sector_is_on_the_participant_s_role() -> None:
    # "Kenyan troops shelled ...": Kenya acts, named by a group noun of sector MIL (issue #15)
    corpus = make_corpus()
    shell = corpus.events[1]
    evidence = dataclasses.replace(shell.evidence[0], generic_actors=(("kenya", "MIL"),))
    event = dataclasses.replace(shell, evidence=(evidence,))
    graph = union(build_dataset(dataclasses.replace(
        corpus, events=(corpus.events[0], event, *corpus.events[2:]))))
    rows = graph.query(
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        f"PREFIX kg: <{KG_NS}> "
        "SELECT ?value ?type ?sector WHERE { ?role kg:sector ?sector ; rdf:value ?value ; "
        "sem:roleType ?type }")
    assert [(str(v), str(t), str(s)) for v, t, s in rows] == [
        (f"{DEFAULT_BASE}actor/Q114", f"{KG_NS}sourceRole", "MIL")]
    conforms, text = validate(graph)
    assert conforms, text


@pytest.mark.parametrize(
    ("change", "role", "expected"),
    [
        # "Gunmen shelled ...": no actor, an unnamed group of sector UAF (issue #15)
        ({"actors": (), "unnamed_actors": (("gunmen", "UAF"),)}, "sourceRole",
         ("gunmen ASSAULT Chile", "gunmen", "UAF")),
        # "Kenyan troops fired on protesters": no recipient named, the people by their noun
        ({"recipients": (), "unnamed_recipients": (("protesters", "CVLOPP"),)}, "targetRole",
         ("Kenya ASSAULT protesters", "protesters", "CVLOPP")),
    ],
)
def test_rdf_an_unnamed_group_is_a_role_with_words_and_sector(change, role, expected) -> None:
    corpus = make_corpus()
    event = dataclasses.replace(corpus.events[1], **change)
    graph = union(build_dataset(dataclasses.replace(
        corpus, events=(corpus.events[0], event, *corpus.events[2:]))))
    rows = graph.query(
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> "
        f"PREFIX kg: <{KG_NS}> "
        "SELECT ?label ?words ?sector WHERE { ?event sem:hasActor ?role ; rdfs:label ?label . "
        "?role a kg:UnnamedGroupRole ; rdfs:label ?words ; kg:sector ?sector ; "
        f"sem:roleType kg:{role} }}")
    assert [(str(a), str(w), str(s)) for a, w, s in rows] == [expected]
    conforms, text = validate(graph)
    assert conforms, text


def test_rdf_an_event_told_only_of_an_unnamed_force_of_war_conforms() -> None:
    # "Gunmen killed ten employees": the group is the event's one participant (issue #15)
    corpus = make_corpus()
    event = dataclasses.replace(corpus.events[1], actors=(), recipients=(),
                                unnamed_actors=(("gunmen", "UAF"),))
    graph = union(build_dataset(dataclasses.replace(
        corpus, events=(corpus.events[0], event, *corpus.events[2:]))))
    labels = {str(o) for o in graph.objects(None, rdflib.RDFS.label) if "gunmen" in str(o)}
    assert labels == {"gunmen", "gunmen ASSAULT"}
    conforms, text = validate(graph)
    assert conforms, text


def test_rdf_headline_evidence_says_so_and_conforms() -> None:
    corpus = make_corpus()
    meet = corpus.events[0]
    title = corpus.articles[0].title
    told = dataclasses.replace(meet.evidence[0], in_title=True, sentence=title,
                               sentence_start=0, sentence_end=len(title))  # fmt: skip
    event = dataclasses.replace(meet, evidence=(*meet.evidence, told))
    graph = union(build_dataset(dataclasses.replace(corpus, events=(event, *corpus.events[1:]))))
    rows = graph.query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> "
        f"PREFIX kg: <{KG_NS}> "
        "SELECT ?exact WHERE { ?evidence kg:inHeadline true ; kg:sentenceSelector ?s . "
        "?s oa:exact ?exact }")
    assert [str(r[0]) for r in rows] == [title]
    conforms, text = validate(graph)
    assert conforms, text


def test_rdf_claim_status_is_how_its_article_tells_a_merged_event() -> None:
    # one event, asserted by one article and reported by another: each claim says its own
    corpus = make_corpus()
    meet = corpus.events[0]
    told = dataclasses.replace(meet.evidence[0], status="asserted")
    other = dataclasses.replace(meet.evidence[0], article_id="a2", status="reported")
    event = dataclasses.replace(meet, evidence=(told, other), articles=("a1", "a2"))
    graph = union(build_dataset(dataclasses.replace(corpus, events=(event, *corpus.events[1:]))))
    rows = graph.query(
        f"PREFIX kg: <{KG_NS}> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT ?article ?status WHERE { ?claim a kg:Claim ; kg:about ?event ; "
        "kg:status ?status ; prov:wasDerivedFrom ?article "
        "FILTER(STRENDS(STR(?event), 'ev-meet')) } ORDER BY ?article")
    assert [(str(a).rsplit("/", 1)[1], str(s).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
            for a, s in rows] == [("a1", "asserted"), ("a2", "reported")]  # fmt: skip


def test_rdf_evidence_of_an_inferred_state_says_so() -> None:
    corpus = make_corpus()
    shell = corpus.events[1]
    evidence = dataclasses.replace(shell.evidence[0], inferred_actor=True)
    event = dataclasses.replace(shell, evidence=(evidence,))
    graph = union(build_dataset(dataclasses.replace(
        corpus, events=(corpus.events[0], event, *corpus.events[2:]))))
    rows = graph.query(f"PREFIX kg: <{KG_NS}> "
                       "SELECT ?trigger WHERE { ?e kg:inferredActor true ; kg:trigger ?trigger }")
    assert [str(r[0]) for r in rows] == ["shelled"]
    conforms, text = validate(graph)
    assert conforms, text
