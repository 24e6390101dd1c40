"""Events of whole analyses (entities, then events) where the entity stage's groups and places
decide the participants: the real model, the shipped reference data."""

from __future__ import annotations

import functools

import pytest

from kg.records import Article


@functools.cache
def _resources():  # type: ignore[no-untyped-def]
    from kg.extract.analyse import load_resources
    from kg.extract.nlp import load_nlp
    from kg.paths import default_ontology_dir

    resources = load_resources(default_ontology_dir())
    return load_nlp(gazetteer=resources.gazetteer), resources


def coded(text: str) -> list[tuple[str, list[str], list[str]]]:
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    (analysis,) = parse_and_analyse(nlp, [Article("a", "", text, ())], resources)
    labels = {e.key: e.label for e in analysis.entities}
    return [(e.type, [labels[k] for k in e.actors], [labels[k] for k in e.recipients])
            for e in analysis.events]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a group noun stands for every coordinated object of its tie
        ("Troops from Canada and Mexico attacked Peru.",
         [("ASSAULT", ["Canada", "Mexico"], ["Peru"])]),
        # civilians of one polity attacking another's: communal violence, not a riot
        ("Canadian settlers attacked Mexican villages.", [("ASSAULT", ["Canada"], ["Mexico"])]),
        # ... protesters stay rioters
        ("Canadian protesters stormed the Mexican embassy in Ottawa.",
         [("PROTEST", ["Canada"], ["Mexico"])]),
        # a city the recognizer takes for a person is a place as what is attacked, when the
        # story names its country
        ("Russian drones attacked Odesa overnight, Ukraine said.",
         [("ASSAULT", ["Russia"], ["Ukraine"])]),
        # a territory of countries.json tells its country: of the people killed there, and of
        # a city attacked in it
        ("Canadian forces killed 40 people in the Gaza Strip.",
         [("ASSAULT", ["Canada"], ["Palestine"])]),
        # ... and of people a participle places there ("a prisoner held in X")
        ("Canada called for the release of a prisoner held in Mexico.",
         [("REQUEST", ["Canada"], ["Mexico"])]),
        ("Canada attacked El Fasher in North Darfur.", [("ASSAULT", ["Canada"], ["Sudan"])]),
        # ... and beside a place noun whose modifier is a territory ("Gaza's second largest
        # city"), the polity of the place a condition's place preposition names being seized
        ("Canadian troops moved into Gaza's second largest city, Khan Younis.",
         [("COERCE", ["Canada"], ["Palestine"])]),
        # ... and as what control is taken of (a noun of such an act, `place_acts`)
        ("The RSF took control of El Fasher from Sudan's army.",
         [("COERCE", ["Rapid Support Forces"], ["Sudan"])]),
        # unnamed police act in their own state: the place's state is not what they arrest
        ("Police arrested a man in the death of a woman in Monterrey.", []),
        # an attack's "on" phrase the parser hung on the verb that judges it is the attack's
        ("Canada condemned the Mexican air attack on a refugee camp in Gaza.",
         [("ACCUSE", ["Canada"], ["Mexico"]), ("ASSAULT", ["Mexico"], ["Palestine"])]),
        # the place phrase of what force was used on, or of the attack it was used in
        ("Canadian forces killed 40 people during an attack on a school in Mexico.",
         [("ASSAULT", ["Canada"], ["Mexico"])]),
        ("Canadian shells struck the school in Gaza refugee camp.",
         [("ASSAULT", ["Canada"], ["Palestine"])]),
        # a group's place phrase is no tie unless the entity stage made it one
        ("RCMP officers in Creston began investigating allegations of polygamy in Bountiful, "
         "Shields said.", [("ACCUSE", ["RCMP"], [])]),
        # protesters' demand is made of the state where they are; a private crowd's is not
        ("Protesters in Mexico City demanded the resignation of the mayor.",
         [("REQUEST", [], ["Mexico"])]),
        ("The families in Mexico City asked for privacy.", []),
        # a bare count in the thousands is a crowd of people; one the parser makes the subject
        # of a bare participle is those hurt ("hundreds injured")
        ("Thousands rallied in Mexico City on Saturday.", [("PROTEST", [], ["Mexico"])]),
        ("Five people were killed and hundreds injured when buildings were destroyed in "
         "Mexico.", []),
        # farmers are a civilian crowd: blocking highways obstructs, against the state it is in
        ("Thousands of farmers blocked highways across France.", [("PROTEST", [], ["France"])]),
        # people released: a couple counted as people
        ("The Taliban released a British couple.", [("RETREAT", ["Taliban"], ["United Kingdom"])]),
        # the talks rejected name the party, a capital for its country
        ("Iran rejected talks with Washington.", [("REJECT", ["Iran"], ["United States"])]),
        # a civilian crowd that strikes no one walks out; one that strikes people does not
        ("Mexican teachers struck for a second day.", [("PROTEST", ["Mexico"], [])]),
        # a strike counted in days is labour's, not an air strike
        ("Mexican workers held a two-day strike.", [("PROTEST", ["Mexico"], [])]),
        ("Mexican protesters struck police officers with sticks.", []),
        # a party's government is the state it runs, when the story names that state; "they"
        # after an unnamed group is that group, not the last actor named
        ("Turkish police detained 75 people. Protesters said they were calling on the AKP "
         "government to release them.",
         [("COERCE", ["Türkiye"], []), ("REQUEST", [], ["Türkiye"])]),
        # "the south" for the one country named "South ...", whatever the charge attached to it
        ("Sudan fought South Sudan. Sudan accused the south of providing arms to rebels.",
         [("ASSAULT", ["Sudan"], ["South Sudan"]), ("ACCUSE", ["Sudan"], ["South Sudan"]),
          ("AID", ["South Sudan"], [])]),
        # a dictionary pattern that names what force is used on tells the act with no party
        # done to; the verb alone does not
        ("Canadian troops destroyed two homes on Monday.", [("ASSAULT", ["Canada"], [])]),
        ("Canadian troops destroyed the evidence on Monday.", []),
        # forces moved into another's territory are moved against its state; a place noun's
        # "of" phrase and "in and around" tell the place
        ("Russia deployed troops in Crimea.", [("MOBILIZE", ["Russia"], ["Ukraine"])]),
        ("Canada deployed troops in Canada.", [("MOBILIZE", ["Canada"], [])]),
        ("Canadian troops were deployed in and around the urban areas of Gaza.",
         [("MOBILIZE", ["Canada"], ["Palestine"])]),
        ("Canadian jets killed 12 people in the streets of Gaza.",
         [("ASSAULT", ["Canada"], ["Palestine"])]),
        # a sentence the parser took for a noun phrase ("strikes killed ..."): the strikes did
        ("Canadian air strikes killed at least 30 Mexicans in Tijuana on Sunday.",
         [("ASSAULT", ["Canada"], ["Mexico"])]),
        # people a state expels are deported; its diplomats expelled are a sanction
        ("Canada expelled hundreds of Mexican refugees.", [("COERCE", ["Canada"], ["Mexico"])]),
        ("Canada expelled two Mexican diplomats.", [("SANCTION", ["Canada"], ["Mexico"])]),
        # the forces a state moves are its own, not what the act is done to
        ("Canada withdrew Canadian troops from Mexico.", [("RETREAT", ["Canada"], ["Mexico"])]),
        ("Canada sent Canadian troops to Mexico.", [("AID", ["Canada"], ["Mexico"])]),
        # security forces dispersing or blocking a crowd restrict it
        ("Mexican police dispersed the protesters in Tijuana.", [("COERCE", ["Mexico"], [])]),
        ("Mexican police blocked the mob.", [("COERCE", ["Mexico"], [])]),
        # a crowd's strike is a walkout; a state's, an air strike
        ("Mexican unions held a strike on Monday.", [("PROTEST", ["Mexico"], [])]),
        ("Mexico launched a strike on Peru.", [("ASSAULT", ["Mexico"], ["Peru"])]),
        # a body that is no force leaving a country reduces ties; forces withdrawn retreat
        ("Human Rights Watch withdrew from Cambodia amid security concerns.",
         [("SANCTION", ["Human Rights Watch"], ["Cambodia"])]),
        ("The United Nations withdrew its peacekeepers from Mali.",
         [("RETREAT", ["United Nations"], ["Mali"])]),
        # forces sent into a place are moved there; their owner moves them
        ("More than 3,000 Canadian troops are being sent into Mexico.",
         [("MOBILIZE", ["Canada"], ["Mexico"])]),
        # a bare group noun told earlier with its owner is that owner's, not the focus
        # country's ("an Indian warship ... the warship" in a story that names Somalia most)
        ("Somali pirates attacked a ship near Somalia. An Indian warship intercepted three "
         "boats. The warship immediately fired at the pirates.",
         [("ASSAULT", ["Somalia"], []), ("ASSAULT", ["India"], [])]),
        # a civilian crowd that suspends its protests concedes ("Ecuadorian": a demonym
        # the country table lacked)
        ("The Ecuadorian opposition suspended its protests for two weeks.",
         [("CONCEDE", ["Ecuador"], [])]),
        # the one a passive is about does its infinitive ("are expected to strike")
        ("Mexican workers are expected to strike on Monday.", [("PROTEST", ["Mexico"], [])]),
    ],
)
def test_analysed_events_groups_and_places(text, expected):
    assert coded(text) == expected


@pytest.mark.slow
def test_analysed_events_headline_telling_takes_the_recipients_of_the_body():
    # the headline names one of the two people the lead names: the same act, told twice
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    article = Article("a", "Canada arrests Juan Perez",
                      "Canada arrested Juan Perez and Maria Lopez on Monday in Ottawa.", ())
    (analysis,) = parse_and_analyse(nlp, [article], resources)
    labels = {e.key: e.label for e in analysis.entities}
    told = sorted((e.in_title, e.type, [labels[k] for k in e.recipients])
                  for e in analysis.events)
    assert told == [(False, "COERCE", ["Juan Perez", "Maria Lopez"]),
                    (True, "COERCE", ["Juan Perez", "Maria Lopez"])]
