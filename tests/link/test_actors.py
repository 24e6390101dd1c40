"""Tests for cross-article actor linking, on hand-made records."""

from __future__ import annotations

from kg.link.actors import link_actors
from kg.records import PLACE, ArticleAnalysis, LocalEntity, Mention


def analysis(aid, entities, mentions=()):
    return ArticleAnalysis(aid, (), tuple(mentions), tuple(entities), ())


def test_actors_same_country_from_two_stories_is_one_actor():
    a = analysis(
        "a",
        [
            LocalEntity(
                "e0", "Türkiye", "Country", qid="Q43", country="Türkiye", aliases=("Turkey",)
            )
        ],
        [Mention(0, 6, "Turkey", "GPE", "e0"), Mention(10, 17, "Turkish", "NORP", "e0")],
    )
    b = analysis(
        "b",
        [
            LocalEntity(
                "e3",
                "Türkiye",
                "Country",
                qid="Q43",
                country="Türkiye",
                aliases=("Ankara", "Turkish"),
            )
        ],
        [Mention(0, 6, "Ankara", "GPE", "e3")],
    )
    actors, places, links = link_actors([a, b])
    assert places == []
    assert [(x.id, x.label, x.aliases, x.mentions, x.articles) for x in actors] == [
        ("Q43", "Türkiye", ("Ankara", "Turkey", "Turkish"), 3, ("a", "b"))
    ]
    assert links == {("a", "e0"): "Q43", ("b", "e3"): "Q43"}


def test_actors_same_surname_in_two_stories_stays_apart():
    a = analysis(
        "a",
        [
            LocalEntity("e0", "Kenya", "Country", qid="Q114"),
            LocalEntity("e1", "Otieno", "Person", affiliation="e0"),
        ],
    )
    b = analysis(
        "b",
        [
            LocalEntity("e0", "Uganda", "Country", qid="Q1036"),
            LocalEntity("e1", "Otieno", "Person", affiliation="e0"),
        ],
    )
    c = analysis("c", [LocalEntity("e0", "Otieno", "Person")])
    actors, _, links = link_actors([a, b, c])
    people = [x for x in actors if x.type == "Person"]
    assert len(people) == 3
    assert {links[("a", "e1")], links[("b", "e1")], links[("c", "e0")]} == {p.id for p in people}
    assert {p.affiliation for p in people} == {"Q114", "Q1036", None}


def test_actors_full_name_joins_across_stories_and_keeps_affiliation():
    a = analysis(
        "a",
        [
            LocalEntity("e0", "Poland", "Country", qid="Q36"),
            LocalEntity(
                "e1",
                "Marta Kowalczyk",
                "Person",
                affiliation="e0",
                roles=("foreign minister",),
                country="Poland",
            ),
        ],
    )
    b = analysis("b", [LocalEntity("e0", "Marta Kowalczyk", "Person", aliases=("Kowalczyk",))])
    actors, _, links = link_actors([a, b])
    marta = next(x for x in actors if x.type == "Person")
    assert marta.id == "person-marta-kowalczyk"
    assert links[("a", "e1")] == links[("b", "e0")] == marta.id
    assert (marta.affiliation, marta.country, marta.roles) == (
        "Q36",
        "Poland",
        ("foreign minister",),
    )
    assert marta.aliases == ("Kowalczyk",)


def test_actors_same_full_name_different_affiliations_stay_apart():
    a = analysis(
        "a",
        [
            LocalEntity("e0", "Chile", "Country", qid="Q298"),
            LocalEntity("e1", "Ana Silva", "Person", affiliation="e0"),
        ],
    )
    b = analysis(
        "b",
        [
            LocalEntity("e0", "Brazil", "Country", qid="Q155"),
            LocalEntity("e1", "Ana Silva", "Person", affiliation="e0"),
        ],
    )
    actors, _, links = link_actors([a, b])
    assert links[("a", "e1")] != links[("b", "e1")]
    assert sorted(x.id for x in actors if x.type == "Person") == [
        "person-ana-silva-q155",
        "person-ana-silva-q298",
    ]


def test_actors_places_are_kept_apart_and_sorted():
    a = analysis(
        "a",
        [
            LocalEntity("e0", "Vienna", PLACE, country="Austria"),
            LocalEntity("e1", "Hamas", "ArmedGroup", country="Palestine"),
            LocalEntity("e2", "Austria", "Country", qid="Q40"),
        ],
    )
    actors, places, links = link_actors([a])
    assert [(p.id, p.label, p.country) for p in places] == [
        ("place-vienna-austria", "Vienna", "Austria")
    ]
    assert [x.id for x in actors] == ["Q40", "armedgroup-hamas"]
    assert links[("a", "e0")] == "place-vienna-austria"


def test_actors_output_is_deterministic():
    a = analysis(
        "a",
        [
            LocalEntity("e0", "World Bank", "Organization"),
            LocalEntity("e1", "Reuters", "NewsOrganization"),
        ],
    )
    b = analysis("b", [LocalEntity("e0", "Reuters", "NewsOrganization")])
    first = link_actors([a, b])
    second = link_actors([b, a])
    assert first == second
    assert [x.id for x in first[0]] == ["newsorganization-reuters", "organization-world-bank"]


def test_actors_country_told_as_a_location_stays_a_place_beside_the_actor():
    a = analysis("a", [LocalEntity("e0", "Chile", PLACE, qid="Q298", country="Chile")])
    b = analysis("b", [LocalEntity("e0", "Chile", "Country", qid="Q298", country="Chile")])
    actors, places, links = link_actors([a, b])
    assert [(x.id, x.type, x.articles) for x in actors] == [("Q298", "Country", ("b",))]
    assert [(p.id, p.qid) for p in places] == [("place-chile-chile", "Q298")]
    assert links == {("a", "e0"): "place-chile-chile", ("b", "e0"): "Q298"}
