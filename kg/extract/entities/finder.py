"""Recognise actors and places in one parsed article.

`configure_nlp` adds one component, ``kg_gazetteer``, after spaCy's recognizer: it matches the
reference names (countries, demonyms, capitals, organisations, armed groups) and reconciles
them with the statistical entities. `extract_entities` runs the passes over frozen
`Candidate`s, each returning new ones: clean and classify the spans (headline-case false
positives, titles and honorifics, name particles, possessives; a capital used as an actor,
"Moscow said", or as a place, "flew into Damascus"), institutions (`groups`), photo credits,
each person's title and affiliation (`people`), acronyms, news outlets, definite descriptions
("the bloc"), group nouns tied to a country or organisation ("Egyptian demonstrators",
`agents`); then `kg.extract.entities.resolve.resolve` groups them into entities.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.entities.agents import find_groups, plural_group
from kg.extract.entities.component import (
    COMPONENT,
    GazetteerComponent,
    doc_is_title,
    doc_text,
    is_headline,
    split_lines,
    titled,
)
from kg.extract.entities.evidence import add_evidence, is_institution
from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.groups import (
    find_descriptions,
    find_institutions,
    foreign_acronyms,
    link_acronyms,
)
from kg.extract.entities.people import (
    POSSESSIVE,
    acts,
    drop_credits,
    is_locative,
    mark_outlets,
    read_people,
    roles_from_words,
    title_of_start,
)
from kg.extract.entities.resolve import ENTRY, NONE, ORG, PERSON, PLACE_ROLE, Candidate, resolve
from kg.extract.entities.ships import find_ships
from kg.records import Article, LocalEntity, Mention
from kg.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

log = logging.getLogger(__name__)

#: Pipeline components entity extraction reads; others may be disabled for speed.
ENTITY_COMPONENTS = (
    "tok2vec",
    "tagger",
    "attribute_ruler",
    "lemmatizer",
    "parser",
    "ner",
    "kg_gazetteer",
)
KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


def configure_nlp(nlp: Language, gazetteer: Gazetteer) -> Language:
    """Add the ``kg_gazetteer`` component (after "ner" when present) and load its patterns."""
    if COMPONENT not in nlp.pipe_names:
        if "ner" in nlp.pipe_names:
            nlp.add_pipe(COMPONENT, after="ner")
        else:
            nlp.add_pipe(COMPONENT, last=True)
    component = cast(GazetteerComponent, nlp.get_pipe(COMPONENT))
    component.set_gazetteer(gazetteer)
    return nlp


def extract_entities(
    doc: Doc, article: Article, gazetteer: Gazetteer, *, focus: str | None = None,
    headline: Sequence[str] = (), acts: Collection[str] = (),
) -> tuple[list[Mention], list[LocalEntity]]:
    """Find actor and place mentions in `doc` (the parse of `article.text`) and resolve them.

    `focus`: the entry id of the story's focus country when `doc` is only its headline;
    `headline`: the entry ids of the countries the story's headline names (they count
    towards its focus, `kg.extract.entities.agents.focus_country`); `acts`: the lemmas of
    the nouns that tell an event, whose group-noun modifier is their doer ("police raids").
    """
    if doc_text(doc) != article.text:
        raise ValueError(f"article {article.id}: the doc is not the parse of the article text")
    context = _Context(doc, gazetteer)
    # The only place that knows the pass order. Each pass returns new candidates and reads
    # what earlier ones decided: a person's employer may be an institution found just before;
    # credits are dropped before people, so no one is affiliated with a photo credit.
    cands = context.find_candidates()
    cands = find_ships(doc, cands, gazetteer)  # "INS Mysore" is India's navy, no person
    cands = find_institutions(doc, cands, gazetteer, context.common_word)
    cands = drop_credits(doc, cands, gazetteer)
    cands = read_people(doc, cands, gazetteer)
    cands = link_acronyms(doc, cands)
    cands = foreign_acronyms(cands, gazetteer)  # "CHP" in California is no Turkish party
    cands = mark_outlets(doc, cands, gazetteer)
    cands = find_descriptions(doc, cands, gazetteer)
    # last: a group noun is tied to what they found
    cands = find_groups(doc, cands, gazetteer, focus, headline, acts)
    mentions, entities = resolve(cands, gazetteer)
    return mentions, add_evidence(doc, entities, gazetteer)


class _Context:
    """Per-article helpers that need the parse and the reference data."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gaz = gazetteer
        self._headline: dict[int, bool] = {}

    @functools.cached_property
    def common(self) -> set[str]:
        """Stems of the words the story writes in lower case (built only when asked, #7)."""
        # read as one array: a Token object per word costs more than the whole rest
        rows = self.doc.to_array(["IS_LOWER", "IS_ALPHA", "LOWER", "LEMMA"]).tolist()
        strings = self.doc.vocab.strings
        common: set[str] = set()
        for _lower_case, is_alpha, lower, lemma in {tuple(row) for row in rows if row[0]}:
            if is_alpha:
                common.add(_stem(strings[lower]))
            if lemma:
                word = strings[lemma]
                if word:
                    common.add(_stem(word.lower()))
        return common

    def find_candidates(self) -> tuple[Candidate, ...]:
        """Classify the cleaned pieces of the recognised entities, in document order."""
        found: list[Candidate] = []
        for ent in self.doc.ents:
            if ent.label_ in KEPT_LABELS:
                for piece in self.pieces(ent):
                    cand = self.classify(piece)
                    if cand is not None:
                        found.append(cand)
        return tuple(sorted([*found, *self._untagged_acronyms(found)], key=lambda c: c.start))

    def _untagged_acronyms(self, found: Sequence[Candidate]) -> list[Candidate]:
        """Acronyms the recognizer left untagged that name an organisation: one it tagged
        elsewhere in the story ("the NYPD said ..." and "two NYPD officers"), or one that
        modifies a group noun of the agents dictionary ("NYPD officers", "RSF fighters")."""
        words = [m.span() for m in _CAPITALS.finditer(doc_text(self.doc))]
        if not words:
            return []
        known = {c.text for c in found if c.role == ORG and _is_acronym(c.text)}
        tagged = {t.i for ent in self.doc.ents for t in ent}
        agents = self.gaz.agents
        out = []
        for start, end in words:
            span = self.doc.char_span(start, end)
            if span is None or len(span) != 1 or span.start in tagged:
                continue
            token = span[0]
            head = token.head
            if token.text in known or (
                token.dep_ == "compound" and head.pos_ == "NOUN"
                and (fold(head.lemma_) in agents or fold(head.text) in agents)
            ):  # fmt: skip
                cand = self.classify(Span(self.doc, token.i, token.i + 1, label="ORG"))
                if cand is not None and cand.role in (ORG, ENTRY):
                    out.append(cand)
        return out

    def is_headline(self, char: int) -> bool:
        """True when the line holding `char` is a headline (cached per line)."""
        start = doc_text(self.doc).rfind("\n", 0, char) + 1
        if start not in self._headline:
            self._headline[start] = is_headline(self.doc, char)
        return self._headline[start]

    def pieces(self, ent: Span) -> list[Span]:
        """Split a headline-case entity at common words ("Allow Russia" -> "Russia"); trim."""
        parts = split_lines(ent)
        if len(parts) == 1 and not ent.kb_id_ and self.is_headline(ent.start_char):
            parts = []
            run: list[int] = []
            for tok in ent:
                if self.common_word(tok):
                    if run:
                        parts.append(self.doc[run[0] : run[-1] + 1])
                    run = []
                else:
                    run.append(tok.i)
            if run:
                parts.append(self.doc[run[0] : run[-1] + 1])
            parts = [q for q in (self._named_in_body(p) for p in parts) if q is not None]
        return [p for p in (self._trim(p, ent.label_) for p in parts) if p is not None]

    def _named_in_body(self, span: Span) -> Span | None:
        """The longest tail of a headline name that the story body uses too, if any.

        "Increase Gaza" -> "Gaza"; "Pledge" -> None.
        """
        text = doc_text(self.doc)
        for start in range(span.start, span.end):
            tail = self.doc[start : span.end]
            if self.gaz.lookup(tail.text) is not None:
                return tail
            at = text.find(tail.text)
            while at >= 0:
                if not self.is_headline(at):
                    return tail
                at = text.find(tail.text, at + len(tail.text))
        return None

    def common_word(self, tok: Token) -> bool:
        """A word the story also uses in lower case, or a stop word (not a name)."""
        if tok.is_stop or not tok.is_alpha:
            return tok.is_alpha
        if self.gaz.lookup(tok.text) is not None:
            return False
        return _stem(tok.lower_) in self.common

    def _trim(self, span: Span, label: str) -> Span | None:
        """The span without what is no part of a name: leading blanks and articles, trailing
        punctuation, possessives and run-on words; None when nothing of a name is left."""
        start, end = span.start, span.end
        while start < end and not self.doc[start].text.strip():
            start += 1
        if end - start == 1 and self.doc[start].lower_ == "the":
            return None
        while end - start > 1 and self.doc[start].lower_ in ("a", "an") and (
            self.doc[start].tag_ == "DT"
        ):
            start += 1  # "An Icelandic Defense Forces spokesman": no name starts "An"
        label = span.label_ or label
        while end > start and (
            self.doc[end - 1].text in POSSESSIVE or self.doc[end - 1].is_punct
            # a lower-case function word ends no name of a person or body: "Florence Federal
            # Correctional Complex at", "Andrew-that" (the words after it, run on)
            or (label in ("PERSON", "ORG") and end - start > 1 and _run_on(self.doc[end - 1]))
        ):  # fmt: skip
            end -= 1
        if label in ("PERSON", "ORG") and not any(
            c.isupper() or c.isdigit() for c in self.doc[start:end].text
        ):
            return None  # "red lipstick": no capital, no name (but "eHarmony")
        if label in ("PERSON", "ORG") and end < len(self.doc) and end - start > 1:
            cut = self._drop_rank(start, end)
            if cut != end:
                end, label = cut, "ORG"  # the words before a rank name its unit
        if label == "PERSON":
            start, end = self._extend_name(start, end)
        if label in ("ORG", "NORP") and end - start > 1 and self._country_group(start, end):
            end, label = end - 1, "GPE"  # "US Marines": the country's marines, a group noun
        if label in ("GPE", "LOC"):
            start = self._drop_direction(start, end)
        if start >= end:
            return None
        return Span(self.doc, start, end, label=label, kb_id=span.kb_id_)

    def _country_group(self, start: int, end: int) -> bool:
        """Whether an "organisation" is a country's name or demonym and a capitalised plural
        group noun ("US Marines", "Russian Marines"), not a name the reference data knows."""
        last = self.doc[end - 1]
        if self.gaz.lookup(self.doc[start:end].text) is not None or not last.text[:1].isupper():
            return False
        if fold(self.doc[start:end].text) in self.gaz.dictionary:
            return False
        if plural_group(fold(last.text), self.gaz.group_heads) is None:
            return False
        hit = self.gaz.lookup(self.doc[start : end - 1].text)
        return hit is not None and hit[0].type == "Country"

    def _drop_direction(self, start: int, end: int) -> int:
        """Cut a lower-case compass word off a country's name ("northeast Nigeria", "north-east
        Nigeria", "eastern Ukraine"): the country, where a part of it is meant. A capitalised
        one is part of a name ("Northern Ireland", "East Jerusalem")."""
        doc, cut = self.doc, start
        while cut < end - 1 and (
            (doc[cut].is_lower and _COMPASS.fullmatch(doc[cut].text)) or doc[cut].text == "-"
        ):
            cut += 1
        if cut == start or self.gaz.lookup(doc[start:end].text) is not None:
            return start
        hit = self.gaz.lookup(doc[cut:end].text)
        return cut if hit is not None and hit[0].type == "Country" and hit[1] == "name" else start

    def _drop_rank(self, start: int, end: int) -> int:
        """Cut a rank before a name off a unit's name: "Dover Homicide Capt. X"."""
        doc, cut = self.doc, end
        while cut - 1 > start and fold(doc[cut - 1].text) in self.gaz.title_words:
            cut -= 1
        if cut == end:
            return end
        nxt = end + (doc[end].text == "." and end + 1 < len(doc))
        return cut if doc[nxt].ent_type_ == "PERSON" else end

    def _extend_name(self, start: int, end: int) -> tuple[int, int]:
        """Take in attached particles and hyphenated parts ("al-" + "Assad", "bin Hamad")."""
        doc = self.doc
        while (
            start >= 2
            and doc[start - 1].text == "-"
            and not doc[start - 2].whitespace_
            and not doc[start - 1].whitespace_
            and doc[start - 2].is_alpha
            and (doc[start - 2].lower_ in self.gaz.name_particles or doc_is_title(doc[start - 2]))
        ):
            start -= 2  # "al-" + "Assad", "Yunus-" + "bek"
        while start >= 1 and doc[start - 1].whitespace_:
            k = start - 1
            while k >= 1 and not doc[k - 1].whitespace_ and doc[k - 1].text != "(":
                k -= 1
            word = doc[k:start]
            if not (
                doc_is_title(word[0])
                and all(t.is_alpha or t.text == "-" for t in word)
                and not any(t.ent_type_ for t in word)
                and (len(word) > 1 or not word[0].is_sent_start)
                and not any(fold(t.text) in self.gaz.title_words for t in word)
                and self.gaz.lookup(word.text) is None
                and title_of_start(doc, start - 1, self.gaz) is None  # "Chief of Detectives X"
            ):
                break
            start = k  # a first name the recognizer left out ("Yunus-bek")
        while end + 1 < len(doc):
            nxt, after = doc[end], doc[end + 1]
            if (
                nxt.text == "-"
                and not doc[end - 1].whitespace_
                and not nxt.whitespace_
                and after.is_alpha
                and not _run_on(after)
            ) or (
                nxt.lower_ in self.gaz.name_particles
                and nxt.is_lower
                and doc_is_title(after)
                and after.is_alpha
                and not after.ent_type_
            ):
                end += 2
            else:
                break
        return start, end

    def classify(self, span: Span) -> Candidate | None:
        """Decide what a cleaned span names."""
        text = span.text
        name = _bare(text)  # the mention keeps "the", as recognised; the name does not
        hit = self.gaz.lookup(text)
        base = Candidate(span.start_char, span.end_char, text, span.label_, NONE, name=name)
        if name in self.gaz.non_actors:
            return base  # "GMT", "AI": a time zone or a common noun's initials
        if fold(name) in self.gaz.platforms:
            # "said on Twitter", "a Facebook post": a medium; "Twitter suspended the account":
            # the company, whatever the model says
            root = span.root
            medium = root.dep_ in ("compound", "nmod") or (
                root.dep_ == "pobj" and root.head.lower_ in _MEDIUM_PREPOSITIONS)
            return base if medium else replace(base, role=ORG)
        if hit is not None and span.label_ == "PERSON" and titled(span, self.gaz) and (
            hit[0].type not in ("Country", "Person")
        ):  # fmt: skip
            hit = None  # "Mayor Bloomberg", "Senator Ford": a person, not the outlet or firm
        if hit is not None:
            entry, how = hit
            if how == "metonym" and not acts(span, self.gaz):
                return replace(base, role=ENTRY, entry_id=entry.id, as_place=True)
            locative = how == "name" and entry.type == "Country" and is_locative(span, self.gaz)
            return replace(base, role=ENTRY, name=entry.label, entry_id=entry.id, locative=locative)
        if span.label_ in ("ORG", "PERSON") and (
            self._names_a_facility(span) or fold(span[-1].text) in self.gaz.venue_heads
        ):
            return replace(base, role=PLACE_ROLE)  # "X crossing", "X Stadium"
        if span.label_ in ("ORG", "PERSON") and self._known_place(span, name):
            # "a strike on Kharkiv", "moved into Khan Younis", "the city, Khan Younis"
            return replace(base, role=PLACE_ROLE, locative=True)
        if span.label_ in ("ORG", "PERSON") and self._described_place(span, name):
            # "the village of Gavarzin", "Chali, a town in Blue Nile", "south of Bireun"
            return replace(base, role=PLACE_ROLE, locative=True)
        if span.label_ == "PERSON" and self._acronym_unit(span):
            return replace(base, role=ORG)  # "Kelso RCMP": a local unit
        if span.label_ == "PERSON":
            return self._person(span)
        if len(span) == 1 and fold(span.text) in self.gaz.title_words:
            return None  # "Defense" cut out of "Deputy Defense Minister X"
        if span.label_ == "ORG" and (
            self._expands_common_words(span) or fold(span[-1].text) in self.gaz.document_heads
        ):
            return base  # "LNG", "the Paris Agreement"
        if span.label_ == "ORG" and self._common_noun(span):
            return base  # "the Palace said" where the story also writes "the palace"
        if span.label_ == "ORG":
            return replace(base, role=ORG, name=_unpossess(span, name))
        if span.label_ in ("GPE", "LOC", "FAC"):
            acting = span.label_ == "GPE" and self._subject_acts(span)
            locative = is_locative(span, self.gaz)
            return replace(base, role=PLACE_ROLE, locative=locative, acting=acting)
        if span.label_ == "NORP" and span[-1].tag_ == "NNPS" and acts(span, self.gaz):
            return replace(base, role=ORG)  # "Social Democrats said": a group
        return base

    def _known_place(self, span: Span, name: str) -> bool:
        """An "organisation" or "person" that is a city or region of the place table, named
        where a place goes: the object of a place preposition ("a strike on Kharkiv", "fighting
        in El Fasher", "moved into Khan Younis") or of a verb whose object is most often a place
        ("attacked Odesa", `Gazetteer.place_verbs`) or of a noun of such an act ("took control
        of El Fasher", `Gazetteer.place_acts`), or the name of a place noun ("Gaza's second
        city, Khan Younis", "the city of Mansoura") when no modifier of that noun names another
        country, with no word of an organisation's name and no actor dictionary entry."""
        key = fold(name)
        if key not in self.gaz.place_countries or key in self.gaz.dictionary:
            return False
        if any(fold(t.text) in self.gaz.org_heads for t in span):
            return False
        root = span.root
        noun = None
        if root.dep_ == "appos":
            noun = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of":
            noun = root.head.head
        if noun is not None and fold(noun.lemma_) in self.gaz.place_nouns:
            # "the city, Khan Younis", "the central Egyptian city of Mansoura": unless the
            # place noun names another country than the table's place of that name
            # (in a story that names countries but not the table's one, the name is another
            # place's: "the village of Qana" in a story of Lebanon is no "Qena" of Egypt)
            said = self._modifier_country(noun)
            country = self.gaz.place_countries[key]
            if said is not None:
                return said == country
            named = self._countries_named
            return not named or country in named
        acts = (root.dep_ == "dobj" and fold(root.head.lemma_) in self.gaz.place_verbs) or (
            noun is not None and fold(noun.lemma_) in self.gaz.place_acts)
        if acts:
            # "Russian drones attacked Odesa", "shelled Bakhmut", "took control of El Fasher": a
            # person may be the object too ("police attacked Jackson", "the capture of X"), so
            # the place's country must be named in the story
            return self._names_country(self.gaz.place_countries[key])
        if root.dep_ != "pobj":
            return False
        prep = root.head
        # "from Bener Meriah to Banda Aceh": the end of a range that starts at a place
        return prep.lower_ in _PLACE_PREPOSITIONS or (
            prep.lower_ == "to" and prep.head.lower_ == "from" and prep.dep_ == "prep")

    def _described_place(self, span: Span, name: str) -> bool:
        """A name the tables do not know that the sentence itself calls a place: the name of
        a noun that is a place by its very meaning ("the village of Gavarzin", "the town of
        Bireun", "Chali, a town in Blue Nile state", "the village, Gavarzin") or the point a
        compass direction is measured from ("55 km south of Bireun"). No actor dictionary
        entry and no word of an organisation's name ("the Port of Seattle Authority")."""
        key = fold(name)
        if key in self.gaz.place_countries or key in self.gaz.dictionary or any(
            fold(t.text) in self.gaz.org_heads for t in span
        ):  # fmt: skip
            return False  # a name of the place table is `_known_place`'s to judge
        root = span.root
        heads = self.gaz.place_heads
        if root.dep_ == "pobj" and root.head.lower_ == "of":
            owner = root.head.head
            if _COMPASS.fullmatch(owner.lower_):
                return True  # "south of Bireun", "north-west of X" ends in "west"
            return owner.pos_ == "NOUN" and owner.lower_ in heads and any(
                c.dep_ == "det" for c in owner.children)  # "the town of X", not "town of X Inc"
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            return root.head.lower_ in heads  # "the village, Gavarzin"
        return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in heads
                   and any(d.dep_ == "det" for d in c.children)
                   for c in root.children)  # "Chali, a town in ..."  # fmt: skip

    def _modifier_country(self, noun: Token) -> str | None:
        """The country a modifier of a place noun names ("Egyptian", "Egypt's"), or the
        country of the place it names ("Gaza's second largest city"), if any."""
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                hit = self.gaz.lookup(child.text)
                if hit is not None and hit[0].type == "Country":
                    return hit[0].label
                if hit is None and child.pos_ == "PROPN":
                    country = self.gaz.place_countries.get(fold(child.text))
                    if country is not None:
                        return country
        return None

    def _names_country(self, label: str) -> bool:
        """Whether the story names the country `label` (by name, demonym or capital, or one
        of its territories: "in North Darfur")."""
        return label in self._countries_named

    @functools.cached_property
    def _countries_named(self) -> frozenset[str]:
        """The countries the story names (by name, demonym or capital, or one of their
        territories)."""
        found = set()
        for ent in self.doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                hit = self.gaz.lookup(ent.text)
                if hit is not None and hit[0].type == "Country":
                    found.add(hit[0].label)
                territory = self.gaz.territory_countries.get(fold(ent.text).removeprefix("the "))
                if territory is not None:
                    found.add(territory)
        return frozenset(found)

    def _common_noun(self, span: Span) -> bool:
        """A one-word capitalised name the story also writes as a lower-case word."""
        words = [t for t in span if t.lower_ != "the"]
        return (
            len(words) == 1
            and words[0].is_title
            and _stem(words[0].lower_) in self.common
            and not is_institution(words[0].text, self.gaz)  # "Parliament" beside "parliament"
        )

    def _subject_acts(self, span: Span) -> bool:
        """An unknown place name that does something ("X sued Y", "filed by X")."""
        if fold(span[-1].text) in self.gaz.place_heads:
            return False  # "X County", "X City": a place by its very name
        root = span.root
        if root.dep_ == "nsubj":
            return (
                root.head.pos_ == "VERB" and root.head.lemma_.lower() not in self.gaz.stative_verbs
            )
        return root.dep_ == "pobj" and root.head.dep_ == "agent"

    def _acronym_unit(self, span: Span) -> bool:
        """A "name" ending in an organisation's acronym: the acronym's local unit."""
        last = span[-1].text
        if not (last.isupper() and last.isalpha() and 2 <= len(last) <= 6) or len(span) < 2:
            return False
        if set(last) <= set("IVXLC"):
            return False  # "Anthony Smith III"
        return last in self.gaz.acronyms or any(
            e.label_ == "ORG" and e.text == last for e in self.doc.ents
        )

    def _expands_common_words(self, span: Span) -> bool:
        """Tell "liquefied natural gas (LNG)": an acronym of common words is no organisation."""
        doc = self.doc
        return (
            len(span) == 1
            and span.text.isupper()
            and span.start >= 2
            and span.end < len(doc)
            and doc[span.start - 1].text == "("
            and doc[span.end].text == ")"
            and doc[span.start - 2].is_lower
        )

    def _names_a_facility(self, span: Span) -> bool:
        """Tell a name that modifies a place noun ("X crossing", "the X air base"): a place.

        Facility nouns that an owner may modify ("the X plant") need "the" before the name.
        """
        root = span.root
        if root.dep_ not in ("compound", "nmod", "amod"):
            return False
        head = root.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        words = fold(self.doc[root.i + 1 : head.i + 1].text)
        if words in self.gaz.place_heads or fold(head.text) in self.gaz.place_heads:
            return True
        return (
            span.start > 0
            and (span[0].lower_ == "the" or self.doc[span.start - 1].lower_ == "the")
            and fold(head.text) in self.gaz.facility_nouns
        )

    def _person(self, span: Span) -> Candidate | None:
        """Strip courtesy titles and honorifics off a person's name; keep offices as roles."""
        gaz = self.gaz
        start = span.start
        roles: list[str] = []
        while start < span.end - 1:
            word = fold(self.doc[start].text)
            if word in gaz.courtesy_titles or (
                word == "."
                and start > span.start
                and gaz.abbreviation(self.doc[start - 1].text, dotted=True)
            ):
                start += 1
            elif word in gaz.honorifics or word in gaz.title_words:
                roles.append(word.rstrip("."))
                start += 1
            else:
                break
        name = self.doc[start : span.end]
        if any(c.isdigit() for t in name if not _ORDINAL.fullmatch(t.text) for c in t.text):
            return None  # "DDR3", "NBC10": no person's name has a digit (but "John Doe 3rd")
        if len(name) == 1 and (not doc_is_title(name[0]) or fold(name.text) in gaz.title_words):
            return None
        if len(name) == 1 and name[0].is_sent_start and _stem(name[0].lower_) in self.common:
            return None  # "Arrest warrants were issued": a common word of the story
        return Candidate(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            label="PERSON",
            role=PERSON,
            name=name.text,
            roles=roles_from_words(roles, gaz),
        )


#: Prepositions whose object is where something happens ("a strike on X", "fighting near X").
_PLACE_PREPOSITIONS = frozenset(
    {"in", "on", "at", "near", "across", "around", "outside", "inside", "into", "towards",
     "toward", "over", "from", "through", "throughout"}
)  # fmt: skip
#: Prepositions whose object a platform is as the medium of what is said ("on Twitter").
_MEDIUM_PREPOSITIONS = frozenset({"on", "via", "through", "across", "onto", "in", "from"})
#: A compass word ("north", "northeast", "north-eastern" as its parts, "southern").
_COMPASS = re.compile(r"(?:north|south)(?:east|west)?(?:ern)?|(?:east|west)(?:ern)?|central")
#: An ordinal written in figures ("3rd"), a suffix of a person's name.
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
#: A word of 2 to 6 capital letters (the acronyms `_untagged_acronyms` looks at).
_CAPITALS = re.compile(r"\b[A-Z]{2,6}\b")


def _is_acronym(text: str) -> bool:
    """An all-capital word of 2 to 6 letters ("NYPD", "UNRWA").

    >>> _is_acronym("NYPD"), _is_acronym("Nypd"), _is_acronym("A")
    (True, False, False)
    """
    return text.isalpha() and text.isupper() and 2 <= len(text) <= 6


def _run_on(token: Token) -> bool:
    """Whether a word after a name is no part of it but the text running on: a lower-case
    function word ("Complex at", "Andrew-that") or a verb glued on by a dash ("Gigante-said")."""
    return token.is_lower and (token.is_stop or (
        token.pos_ in ("VERB", "AUX") and token.i > 0 and token.nbor(-1).text == "-"))


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _unpossess(span: Span, name: str) -> str:
    """Name "X's Health Ministry" as "X Health Ministry" (how news names it without the 's).

    Only the first word group before the possessive is kept with the rest of the name.
    """
    cut = next((t.i for t in span if t.text in POSSESSIVE and t.i > span.start), None)
    if cut is None or cut + 1 >= span.end:
        return name
    before = span.doc[span.start : cut]
    if before[0].lower_ == "the":
        before = before[1:]
    return f"{before.text} {span.doc[cut + 1 : span.end].text}" if len(before) else name


def _bare(text: str) -> str:
    return text[4:] if text[:4] in ("the ", "The ") else text
