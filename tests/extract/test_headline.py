"""The headline coded as a sentence of its own (`kg.extract.headline`)."""

from __future__ import annotations

import functools

import pytest

from kg.extract.headline import _joined, is_title_cased, sentence_case, verbal_reading
from kg.records import Article, LocalEntity

BODY = (LocalEntity("e0", "Canada", "Country"), LocalEntity("e1", "Mexico", "Country"))


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        # a headline entity is the body's entity of the same label and type
        ((LocalEntity("e0", "Mexico", "Country"),), {"e0": "e1"}),
        # one the body never names gets a key the body does not use
        (
            (LocalEntity("e0", "Peru", "Country"), LocalEntity("e1", "Canada", "Country")),
            {"e0": "e2", "e1": "e0"},
        ),
        # same label, other type: not the same entity
        ((LocalEntity("e0", "Canada", "Organization"),), {"e0": "e2"}),
    ],
)
def test_headline_joined_to_body_entities(found, expected):
    assert _joined(found, BODY) == expected


@functools.cache
def _resources():  # type: ignore[no-untyped-def]
    from kg.extract.analyse import load_resources
    from kg.extract.nlp import load_nlp
    from kg.paths import default_ontology_dir

    resources = load_resources(default_ontology_dir())
    return load_nlp(gazetteer=resources.gazetteer), resources


def test_headline_events_are_coded_with_offsets_in_the_title():
    # the point here is that the headline is coded at all: a plain "X accuses Y" headline
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    title = "Canada accuses Mexico of fraud"
    body = "Canada and Mexico met on Monday in Ottawa."
    article = Article("a", title, body, ())
    (analysis,) = parse_and_analyse(nlp, [article], resources)
    told = [e for e in analysis.events if e.in_title]
    labels = {e.key: e.label for e in analysis.entities}
    assert [(e.type, [labels[k] for k in e.actors], [labels[k] for k in e.recipients],
             title[e.sentence_start:e.sentence_end], title[e.trigger_start:e.trigger_end])
            for e in told] == [("ACCUSE", ["Canada"], ["Mexico"], title, "accuses")]  # fmt: skip
    # the body or the gazetteer vets the headline's names: a country is known, a company
    # the body never names is not, and gives no headline event
    (alone,) = parse_and_analyse(nlp, [Article("b", title, "Talks went on.", ())], resources)
    labels = {e.key: e.label for e in alone.entities}
    assert [(e.type, [labels[k] for k in e.actors]) for e in alone.events if e.in_title] == [
        ("ACCUSE", ["Canada"])]  # fmt: skip
    unknown = Article("c", "Zyntrax Holdings accuses Mexico of fraud", "Talks went on.", ())
    (company,) = parse_and_analyse(nlp, [unknown], resources)
    assert [e for e in company.events if e.in_title] == []


def test_headline_state_body_is_the_country_the_body_is_about():
    # "Police" in a headline are the police of the country the body names most, as they
    # would be in the body; a body with no clear focus leaves them unnamed (no event)
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    title = "Police threaten to arrest striking miners"
    focused = ("Bolivia's miners walked out on Monday. Bolivia has seen weeks of unrest over "
               "fuel prices.")
    split = "Miners in Bolivia and Chile walked out on Monday."
    found = []
    for body in (focused, split):
        (analysis,) = parse_and_analyse(nlp, [Article("a", title, body, ())], resources)
        labels = {e.key: e.label for e in analysis.entities}
        found.append(sorted((e.type, tuple(labels[k] for k in e.actors))
                            for e in analysis.events if e.in_title))
    assert found == [[("COERCE", ("Bolivia",)), ("THREATEN", ("Bolivia",))], []]


def test_headline_country_counts_towards_the_focus_of_the_body():
    # the body names Bolivia once: with the headline's Bolivia, its bare "police" are
    # Bolivia's; under a headline naming no country they stay unnamed (no event)
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    body = "Bolivian miners walked out on Monday. Police arrested dozens of miners."
    found = []
    for title in ("Bolivia miners strike over fuel prices", "Miners strike over fuel prices"):
        (analysis,) = parse_and_analyse(nlp, [Article("a", title, body, ())], resources)
        labels = {e.key: e.label for e in analysis.entities}
        found.append(sorted((e.type, tuple(labels[k] for k in e.actors))
                            for e in analysis.events if e.type == "COERCE"))
    assert found == [[("COERCE", ("Bolivia",))], []]

def test_headline_capital_counts_towards_the_focus_as_in_the_body():
    # a capital stands for its country in the body's focus, and so in the headline's: the
    # headline that repeats the body's first sentence tells the same event, one event with
    # both pieces of evidence, not a second one with the police unnamed
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    title = "Police arrest 46 protesters in Athens"
    body = "Police arrested 46 protesters in Athens on Sunday. The protesters had marched."
    (analysis,) = parse_and_analyse(nlp, [Article("a", title, body, ())], resources)
    labels = {e.key: e.label for e in analysis.entities}
    assert sorted((e.type, tuple(labels[k] for k in e.actors), e.unnamed_actors, e.in_title)
                  for e in analysis.events) == [  # fmt: skip
        ("COERCE", ("Greece",), (), False), ("COERCE", ("Greece",), (), True)]



@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "X to do Y" is what X will do, a threat when made conditional; the parser may take
        # the country's name for the verb
        ("Belize Government to Detain Journalists if they Publicize Fraud Allegations",
         [("COERCE", "intended"), ("THREATEN", "asserted")]),
        ("Belize to Release Prisoners", [("RETREAT", "intended")]),
    ],
)
def test_headline_future_is_intended(title, expected):
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    body = "The government of Belize issued a new directive on Monday."
    (analysis,) = parse_and_analyse(nlp, [Article("a", title, body, ())], resources)
    assert sorted((e.type, e.status) for e in analysis.events if e.in_title) == expected


KNOWN = {"Tokelau", "United Nations", "Israel"}


@pytest.mark.parametrize(
    ("title", "body", "expected"),
    [
        # common words lose headline capitals; a name the gazetteer knows keeps its capital
        ("Tokelau Threatens to Expel International Observers", "Talks went on.",
         "Tokelau threatens to expel international observers"),
        # the body's own writing decides first: lower case there, lower case here
        ("Police Arrest Tokelau Protesters", "The police said protesters were held.",
         "Police arrest Tokelau protesters"),
        # a name the body writes capitalised inside a sentence keeps its capital
        ("Rebels Seize Kadugli Airport", "On Monday Kadugli fell.",
         "Rebels seize Kadugli airport"),
        # a capital only at the start of a body sentence is no evidence of a name
        ("Soldiers Storm Kadugli", "Soldiers left. Storm clouds gathered.",
         "Soldiers storm kadugli"),
        # a run of words the gazetteer knows together, a possessive, an acronym
        ("United Nations Condemns Israel's Strike on UN School", "Talks went on.",
         "United Nations condemns Israel's strike on UN school"),
        # a headline in sentence case is parsed as written
        ("Moscow outlaws Amnesty International", "Talks went on.",
         "Moscow outlaws Amnesty International"),
        # a word in mixed case keeps its capitals, as an acronym does
        ("Russia Bans Three NGOs, McDonald Says", "Talks went on.",
         "Russia bans three NGOs, McDonald says"),
    ],
)
def test_headline_sentence_case(title, body, expected):
    cased = sentence_case(title, body, KNOWN.__contains__)
    assert (cased, len(cased)) == (expected, len(title))


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Rebels Seize Kadugli Airport", True), ("Rebels seize Kadugli airport", False),
     ("UN Vote", False), ("Tokelau", False)],  # fmt: skip
)
def test_headline_is_title_cased(title, expected):
    assert is_title_cased(title) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # headline present tense on a word the parser read as a noun: put in the past tense
        ("Vanuatu and Greece sign trade deal", "Vanuatu and Greece signed trade deal"),
        # a third-person form read as a plural noun
        ("Guadeloupe thanks Vatican City for support",
         "Guadeloupe thanked Vatican City for support"),
        # a passive without its auxiliary
        ("Russia: three human rights NGOs banned for ties to foreign governments",
         "Russia: three human rights NGOs were banned for ties to foreign governments"),
        # an event noun with its phrase stays a noun, and a headline with a verb is left alone
        ("Russia sanctions on Iran", None),
        ("Police detain dozens in Athens", None),
        # an adverb that is also a verb ("back") is none here
        ("Gary Ross back in talks to direct sequel", None),
        # a past participle at the root, with no auxiliary and no object: headlines tell a
        # past act in the present, so it is a passive ("Jeffs Found Guilty" is no finding of
        # Jeffs'), for an act done to someone or with what its object is found to be
        ("Navalny arrested in Moscow", "Navalny was arrested in Moscow"),
        ("Four found guilty after lengthy trial", "Four were found guilty after lengthy trial"),
        ("Russia attacked Ukraine", None),
        ("Ministers met in Geneva", None),
        ("Protesters marched in Paris", None),
    ],
)
def test_headline_verbal_reading(title, expected):
    # the point is the edit made of the parser's reading of headline grammar
    nlp, resources = _resources()
    lexicon = resources.lexicon
    reading = verbal_reading(nlp(title), lexicon.is_act_verb, lexicon.is_done_to_verb)
    assert (reading.apply(title) if reading else None) == expected


def test_headline_read_as_a_sentence_keeps_title_offsets():
    # a headline the parser reads as one noun phrase is parsed again as a sentence; its event
    # keeps offsets in the title as written
    from kg.extract.analyse import parse_and_analyse

    nlp, resources = _resources()
    title = "Guadeloupe Thanks Vatican City for Support on Political Issues"
    (analysis,) = parse_and_analyse(nlp, [Article("a", title, "Talks went on.", ())], resources)
    labels = {e.key: e.label for e in analysis.entities}
    assert [(e.type, [labels[k] for k in e.actors], [labels[k] for k in e.recipients],
             title[e.trigger_start:e.trigger_end], e.trigger, (e.sentence_start, e.sentence_end))
            for e in analysis.events if e.in_title] == [
        ("SUPPORT", ["Guadeloupe"], ["Vatican City"], "Thanks", "Thanks", (0, len(title))),
    ]  # fmt: skip
