"""Tests for cross-article actor linking, on hand-made records."""

from __future__ import annotations

import pytest

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


def model(key, label, type_, labels, **kw):
    """A local entity only the statistical model found, with its name's labels."""
    return LocalEntity(key, label, type_, basis="model", labels=tuple(labels), **kw)


@pytest.mark.parametrize(
    ("entity", "others", "expected"),
    [
        # a place's name the model once took for an organisation is a place
        (model("e0", "Velmora", "Organization", [("ORG", 1)]),
         [model("e0", "Velmora", PLACE, [("GPE", 3)])],
         ("place", "Velmora")),
        # ... unless it is as often a person's surname
        (model("e0", "Velmora", "Organization", [("ORG", 1)]),
         [model("e0", "Velmora", PLACE, [("GPE", 2)]),
          model("e1", "Ana Velmora", "Person", [("PERSON", 3)])],
         ("actor", "Person", "model:PERSON 0/1; rule:a person's name or surname in 3 mentions, "
                             "an organisation in 1")),
        # a one-word "organisation" the corpus names as a person, and as a surname, is that
        # person
        (model("e0", "Drago", "Organization", [("ORG", 2)]),
         [model("e0", "Drago", "Person", [("PERSON", 2)]),
          model("e1", "Ivo Drago", "Person", [("PERSON", 1)])],
         ("actor", "Person", "model:PERSON 0/2; rule:a person's name or surname in 3 mentions, "
                             "an organisation in 2")),
        # ... the model's PERSON alone is not enough, and an acronym is no one's name
        (model("e0", "Drago", "Organization", [("ORG", 2)]),
         [model("e0", "Drago", "Person", [("PERSON", 3)])],
         ("actor", "Organization", "model:ORG 2/2")),
        (model("e0", "DRG", "Organization", [("ORG", 1)]),
         [model("e1", "Ivo DRG", "Person", [("PERSON", 3)])],
         ("actor", "Organization", "model:ORG 1/1")),
        # a place name that is a person's surname elsewhere is that person
        (model("e0", "Drago", PLACE, [("GPE", 1)]),
         [model("e0", "Ivo Drago", "Person", [("PERSON", 2)])],
         ("actor", "Person", "model:PERSON 0/1; rule:a person's surname in 2 mentions, "
                             "a place in 1")),
        # a product's name is no actor
        (model("e0", "Zorbex Pro", "Organization", [("ORG", 1), ("PRODUCT", 2)]), [], None),
        # what a reference file names is not voted on
        (LocalEntity("e0", "Velmora", "Organization", basis="gazetteer:organizations.json",
                     labels=(("ORG", 1),)),
         [model("e0", "Velmora", PLACE, [("GPE", 5)])],
         ("actor", "Organization", "gazetteer:organizations.json")),
        # people with an office keep their type
        (model("e0", "Velmora", "Person", [("PERSON", 1)], roles=("mayor",)),
         [model("e0", "Velmora", PLACE, [("GPE", 5)])],
         ("actor", "Person", "model:PERSON 1/1")),
    ],
)
def test_actors_votes_on_the_labels_of_a_name_across_the_corpus(entity, others, expected):
    first = analysis("a", [entity], [Mention(0, 7, entity.label, "ORG", "e0")])
    rest = [analysis(f"b{n}", [e]) for n, e in enumerate(others)]
    actors, places, links = link_actors([first, *rest])
    link = links.get(("a", "e0"))
    if expected is None:
        assert link is None
    elif expected[0] == "place":
        assert link in {p.id for p in places}
        assert [p.label for p in places if p.id == link] == [expected[1]]
    else:
        actor = next(a for a in actors if a.id == link)
        assert (actor.type, actor.basis) == expected[1:]


def test_actors_people_and_clubs_told_mostly_in_sport_stories_stay_out():
    sport = [analysis(f"s{n}", [model("e0", "Ivo Drago", "Person", [("PERSON", 1)],
                                      genre="sport"),
                                LocalEntity("e1", "Velmora", "Country", qid="Q9",
                                            basis="gazetteer:countries.json", genre="sport")],
                      [Mention(0, 9, "Ivo Drago", "PERSON", "e0"),
                       Mention(20, 27, "Velmora", "GPE", "e1")])
             for n in range(2)]
    news = analysis("n", [model("e0", "Ivo Drago", "Person", [("PERSON", 1)])],
                    [Mention(0, 9, "Ivo Drago", "PERSON", "e0")])
    actors, _, links = link_actors([*sport, news])
    assert [(a.label, a.basis) for a in actors] == [("Velmora", "gazetteer:countries.json")]
    assert set(links) == {("s0", "e1"), ("s1", "e1")}
    # told mostly in news, the same person stays
    actors, _, _ = link_actors([sport[0], news, analysis("m", news.entities, news.mentions)])
    assert sorted((a.label, a.basis) for a in actors) == [
        ("Ivo Drago", "model:PERSON 3/3"), ("Velmora", "gazetteer:countries.json")
    ]
