"""Group nouns as actors: "Egyptian demonstrators", "security forces in Guinea" (issue #15).

A noun phrase whose head is a group noun of the agents dictionary (`Gazetteer.agents`, from
the CAMEO agents files: "demonstrator" CVLOPP, "riot police" COP) stands for the country or
organisation it is tied to, and keeps the noun's sector. The tie is, in this order:

- a modifier or possessor that names one: "Egyptian demonstrators", "Hezbollah guerrillas",
  "Israel's army", "U.S. and Russian negotiators" (the first here; the event coder adds the
  coordinated others);
- an "of/from/in/for X" phrase: "members of the Association of African Jurists", "security
  forces in Guinea", "police in Athens" (a capital stands for its country);
- for a state's own bodies only (`Gazetteer.focus_sectors`: government, military, police,
  courts, legislature, intelligence) with no modifier that could name another owner ("the
  navy", "police said", "the national police", "two officers"; `_bare`): the story's focus
  country, the country it names most, when that is clear (`focus_country`).

A statement noun ("a HRW report accused", `Gazetteer.statement_heads`) stands for the actor
that modifies it. A group with no tie ("gunmen", "residents", "Kurdish police" when the
recognizer knows no Kurdish actor) stays unnamed, as the annotation conventions say: it is
kept as a mention with its sector and no actor (an unnamed group), so that an event can say
who did it ("gunmen attacked X") without a graph node for them. A noun that titles a named
person ("the spokesman, John Doe") is left to the people pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.extract.entities.component import candidate_spans, token_index
from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.resolve import ENTRY, GROUP, NONE, ORG, PERSON, Candidate
from kg.records import GENERIC, PLACE, LocalEntity, Mention
from kg.text import fold

#: Dependencies of a modifier that ties a group noun to its actor.
_TIES = ("amod", "compound", "nmod", "poss")
#: Prepositions whose object ties a group noun to its actor: "members of X", "a spokesman for
#: X"; "in/from" only for a state's own bodies, and only to a country or its capital
#: ("security forces in Guinea"; "protesters in Athens" do not act for Greece).
_OWNER_PREPS = ("of", "for")
_PLACE_PREPS = ("in", "from")
_STATEMENT_PREPS = ("by",)  # "a report by X"
#: Entity labels a group noun never carries ("Friday", "two thirds").
_NOT_GROUPS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART", "LAW"}
)
#: Sectors too vague for an unnamed group to name a doer: "people", "men", "members".
_VAGUE_SECTORS = ("PPL", "UNK")
#: Sectors of people as such (civilians, opposition, labour, education, refugees): a singular
#: noun of these names one person unless it is a collective noun ("the mob")
_PEOPLE_SECTORS = ("CVL", "OPP", "LAB", "EDU", "REF")
#: Sectors of a state's armed force: police and military.
FORCE_SECTORS = ("COP", "MIL")
#: The longest dictionary phrase looked for before a head ("armed riot police").
_MAX_WORDS = 4


def find_groups(doc: Doc, cands: tuple[Candidate, ...], gaz: Gazetteer,
                focus: str | None = None, headline: Sequence[str] = (),
                acts: Collection[str] = ()) -> tuple[Candidate, ...]:
    """Add a GROUP candidate for each group noun phrase tied to a country or organisation.

    A group noun that only modifies another noun is no phrase of its own ("a police
    station", "army officers"), except before a noun of `acts` (the lemmas of the event
    lexicon's nominal triggers): "police raids on X", "army shelling" tell who did the act.

    A lower-case "name" the recognizer took for an organisation ("the navy" tagged ORG) is
    such a phrase too: it is replaced by the group candidate, or left unresolved when untied.
    `focus` is the story's focus country when `doc` is only part of the story (its headline,
    whose "Police" are those of the country the body is about); else it is found in `cands`
    and the countries its headline names (`headline`, `headline_countries`).
    """
    spans = candidate_spans(doc, cands)
    common = {
        j for j, (c, span) in enumerate(zip(cands, spans, strict=True))
        if c.role in (ORG, NONE) and span is not None and _lower(span)
    }  # fmt: skip
    every = token_index(spans)
    by_token = {t: j for t, j in every.items() if j not in common}
    lowered = {t: j for t, j in every.items() if j in common}
    heads: dict[int, tuple[int, str | None]] = {}  # head -> (phrase start, sector)
    nouns = gaz.group_heads
    for head in doc:
        if head.i in by_token or head.pos_ not in ("NOUN", "PROPN"):
            continue
        after = doc[head.i - 1] if head.i > 0 else None
        country = after is not None and (hit := gaz.lookup(after.text)) is not None and (
            hit[0].type == "Country")  # "US Marines"
        lemma, form = _group_lemma(head, nouns, after_country=country), fold(head.text)
        if (
            (lemma not in nouns and form not in nouns)
            or (head.dep_ == "compound" and not _acts_on(head, acts))
            or head.ent_type_ in _NOT_GROUPS
            or not (head.is_lower or head.is_title)
            or lemma in gaz.facility_nouns  # "the prison": a place
        ):
            continue
        sector, start = _agent(doc, head, lemma, gaz, by_token)
        statement = sector is None and (
            lemma in gaz.statement_heads or form in gaz.statement_heads
        )
        if sector == "UNK" and head.tag_ not in ("NNS", "NNPS"):
            continue  # "members of X" are X's people; "a member of the EU" is a state
        if (sector is not None or statement) and not _titles_person(head, cands, by_token):
            heads[head.i] = (start, sector)
    ties: dict[int, tuple[str | None, int | None]] = {}
    for _ in range(3):  # a group tied to another group: "a spokesman for the Kenyan police"
        for i, (_, sector) in heads.items():
            if i not in ties:
                ways = _ways(doc[i], sector, gaz)
                tie = _tie(
                    doc[i], cands, by_token, ties, ways=ways, institutions=gaz.institution_heads
                )
                if tie is not None:
                    ties[i] = tie
    focus = focus or focus_country(cands, gaz, headline)
    forces = named_forces(cands, gaz, common)
    found = list(cands)
    for i, (start, sector) in heads.items():
        state_body = sector is not None and sector[:3] in gaz.focus_sectors
        title = fold(doc[i].lemma_) in gaz.titles
        # a title names the state's people ("officials said" stays unnamed), except plural
        # holders of its force, whose acts are the state's ("officers shot X", "soldiers")
        force = sector is not None and sector[:3] in FORCE_SECTORS and doc[i].tag_ == "NNS"
        if i not in ties and state_body and (not title or force) and _bare(doc[i], start):
            # "officers", "police", "the navy": the same noun told earlier with its owner ("an
            # Indian warship ... the warship"), the one police force or army the story names
            # ("the New York Police Department ... two officers shot X"), else its focus country
            lemma = fold(doc[i].lemma_)
            earlier = [j for j in ties if j < i and fold(doc[j].lemma_) == lemma]
            owner = ties[max(earlier)] if earlier else (
                forces.get(sector[:3]) if sector is not None else None)
            if owner is not None:
                ties[i] = owner
            elif focus is not None:
                ties[i] = focus, None
        replaced = sorted({lowered[t] for t in range(start, i + 1) if t in lowered})
        # a title names a group only in the plural ("officers"; "the officer" is a person)
        if i not in ties and (sector is None or (title and doc[i].tag_ != "NNS")
                              or not _unnamed_group(doc[i], sector, gaz)):  # fmt: skip
            for j in replaced:
                found[j] = replace(found[j], role=NONE)  # "the navy" is no organisation
            continue
        # an untied group ("gunmen", "protesters in Athens") is kept as an unnamed group:
        # a mention with its sector and no actor, so an event can name its doer by it
        entry_id, alias_of = ties.get(i, (None, None))
        begin, end = doc[start].idx, doc[i].idx + len(doc[i].text)
        group = Candidate(
            begin,
            end,
            doc[start : i + 1].text,
            GENERIC,
            GROUP,
            entry_id=entry_id,
            alias_of=alias_of,
            sector=sector,
        )
        if replaced:
            found[replaced[0]] = group
            for j in replaced[1:]:
                found[j] = replace(found[j], role=NONE)
        else:
            found.append(group)
    return tuple(found)


def _acts_on(modifier: Token, acts: Collection[str]) -> bool:
    """Whether a compound modifier stands before an act noun as its doer ("police raids",
    "army shelling"), directly before it."""
    act = modifier.head
    return act.pos_ == "NOUN" and act.i == modifier.i + 1 and fold(act.lemma_) in acts


def _unnamed_group(head: Token, sector: str, gaz: Gazetteer) -> bool:
    """Whether an untied group noun names a group of its own: a noun no vaguer than
    "people" or "members", plural or collective ("protesters", "the mob", "police") or a body
    ("a human rights group", `Gazetteer.org_heads`); a singular count noun ("a resident
    said") is one unnamed person, and so is a singular noun
    of people's sectors that is not a collective one ("the mother", "the student")."""
    if head.pos_ != "NOUN" or (sector[:3] in _VAGUE_SECTORS and not _counted(head)):
        return False  # "people said" names no one; "thousands of people" a crowd
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children):
        return False  # a name that ties to no actor: "an Antonov bomber" is its maker's
    if head.tag_ == "NNS":
        return True
    if sector[:3] in _PEOPLE_SECTORS and fold(head.lemma_) not in gaz.collective_nouns:
        return False
    if fold(head.lemma_) in gaz.org_heads:
        return True  # "a human rights group", "an aid organisation": a body, not a person
    return not any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in head.children)


def _counted(head: Token) -> bool:
    """Whether a plural noun is counted in a crowd's number: "thousands of people" (not "two
    men": a few people are no crowd)."""
    if head.tag_ != "NNS":
        return False
    of = head.head
    return (head.dep_ == "pobj" and of.lower_ == "of"
            and (of.head.like_num or of.head.ent_type_ == "CARDINAL"))  # fmt: skip


def headline_countries(title: Doc, gaz: Gazetteer) -> tuple[str, ...]:
    """The entry ids of the countries a headline names, once each, by name, demonym or
    capital ("Moscow outlaws Amnesty International": Russia), from the recognizer's places
    and nationalities."""
    found: dict[str, None] = {}
    for ent in title.ents:
        if ent.label_ not in ("GPE", "NORP", "LOC"):
            continue
        hit = gaz.lookup(ent.text)
        if hit is not None and hit[0].type == "Country":
            found[hit[0].id] = None
    return tuple(found)


def _group_lemma(head: Token, nouns: frozenset[str], *, after_country: bool = False) -> str:
    """The folded lemma of a possible group noun. A plural that opens a sentence in capitals
    ("Rebels in Japan declare ...", a headline's first word), or follows a country's name
    ("US Marines"), is tagged a proper noun and keeps its plural as lemma: its singular is used
    when the dictionary has it. Elsewhere a capitalised plural may be a name ("the Rebels" of a
    sports league) and is left alone."""
    lemma = fold(head.lemma_)
    if head.pos_ != "PROPN" or lemma in nouns or not (head.i == head.sent.start or after_country):
        return lemma
    return plural_group(lemma, nouns) or lemma


def plural_group(word: str, nouns: frozenset[str]) -> str | None:
    """The group noun of the dictionary a plural is of ("marines" -> "marine"), or None."""
    for plural, singular in (("ies", "y"), ("es", ""), ("s", "")):
        if word.endswith(plural) and word[: -len(plural)] + singular in nouns:
            return word[: -len(plural)] + singular
    return None


def _lower(span: Span) -> bool:
    """A span written in lower case but for a leading "the" ("the navy")."""
    words = [t for t in span if t.is_alpha and t.lower_ != "the"]
    return bool(words) and all(t.is_lower for t in words)


def focus_country(cands: Sequence[Candidate], gaz: Gazetteer,
                  headline: Sequence[str] = ()) -> str | None:
    """The entry id of the country a story is about, or None when that is not clear.

    The country its names, demonyms and capitals (a dateline such as "CAIRO -" among them)
    name most often, at least twice and at least twice as often as any other country: a story
    that names two countries alike has no single focus, and a group noun stays unnamed there.
    The countries its headline names (`headline`) count as mentions too: a headline names
    what the story is about ("Indonesia opposition suspends protests" over a body that says
    "Indonesian" once).
    """
    counts: Counter[str] = Counter(headline)
    for c in cands:
        if c.role == ENTRY and c.entry_id and gaz.entry(c.entry_id).type == "Country":
            counts[c.entry_id] += 1
    return clear_leader(counts)


def story_focus(mentions: Sequence[Mention], entities: Sequence[LocalEntity],
                gaz: Gazetteer, headline: Sequence[str] = ()) -> str | None:
    """The entry id of the country a parsed story is about (as `focus_country`), from the
    mentions and entities its extraction found and the countries its headline names: what a
    headline's bare "Police" stand for. A capital resolved as a place counts for its country,
    as it does in `focus_country` ("police in Athens" under "Police arrest 46 in Athens")."""
    by_key = {e.key: e for e in entities}
    counts: Counter[str] = Counter(headline)
    for mention in mentions:
        entity = by_key.get(mention.entity or "")
        if entity is None or entity.type not in ("Country", PLACE) or mention.label == GENERIC:
            continue
        found = gaz.lookup(entity.label if entity.type == "Country" else mention.text)
        if found is not None and found[0].type == "Country":
            counts[found[0].id] += 1
    return clear_leader(counts)


def clear_leader(counts: Counter[str]) -> str | None:
    """The key counted most when that is clear: at least twice, and at least twice as often
    as any other (ties broken by key, so the answer does not depend on order).

    >>> clear_leader(Counter(peru=2, chile=1)), clear_leader(Counter(peru=3, chile=2))
    ('peru', None)
    """
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def named_forces(
    cands: Sequence[Candidate], gaz: Gazetteer, common: Collection[int] = ()
) -> dict[str, _Tie]:
    """Per force sector (police, military), the one organisation of that sector the story
    names, as a tie: a name with a word of the sector ("New York Police Department", "Indian
    Navy"). A sector whose story names two such organisations, or none, is left out, as are
    the lower-case "names" (`common`: "the navy" tagged as an organisation is a group noun)."""
    found: dict[str, dict[str, _Tie]] = {}  # sector -> the name -> its first tie
    tie: _Tie
    for j, cand in enumerate(cands):
        if cand.role == ENTRY and cand.entry_id:
            entry = gaz.entry(cand.entry_id)
            if entry.type != "Organization":
                continue
            name, tie = entry.label, (cand.entry_id, None)
        elif cand.role == ORG and not cand.outlet and cand.alias_of is None and j not in common:
            name, tie = cand.text, (None, j)
        else:
            continue
        for word in name.split():
            sector = gaz.agents.get(fold(word), "")[:3]
            if sector in FORCE_SECTORS:
                found.setdefault(sector, {}).setdefault(fold(name), tie)
    return {sector: next(iter(names.values()))
            for sector, names in found.items() if len(names) == 1}  # fmt: skip


def _agent(
    doc: Doc, head: Token, lemma: str, gaz: Gazetteer, by_token: dict[int, int]
) -> tuple[str | None, int]:
    """The sector of the longest dictionary phrase ending at `head` (folded lemma `lemma`),
    and where it starts."""
    forms = dict.fromkeys((lemma, fold(head.text)))
    for start in range(max(0, head.i - _MAX_WORDS + 1), head.i + 1):
        words = doc[start : head.i]
        if any(
            t.i in by_token
            or not t.is_alpha
            or "\n" in t.whitespace_
            or not start <= t.head.i <= head.i
            for t in words
        ):
            continue
        prefix = " ".join(fold(t.text) for t in words)
        for form in forms:
            sector = gaz.agents.get(f"{prefix} {form}" if prefix else form)
            if sector is not None:
                return sector, start
    return None, head.i


_Tie = tuple[str | None, int | None]


def _ways(head: Token, sector: str | None, gaz: Gazetteer) -> tuple[bool, tuple[str, ...]]:
    """How a group noun may be tied: (by a modifier?, through which prepositions).

    A statement noun by its modifier or "by X"; a person's title ("a spokesperson for X",
    singular) only by "for X": "the Egyptian president" is a person, found by the event coder.
    """
    if sector is None:
        return True, _STATEMENT_PREPS
    if head.tag_ in ("NN", "NNP") and fold(head.lemma_) in gaz.titles:
        return False, ("for",)
    state_body = sector[:3] in gaz.focus_sectors
    return True, _OWNER_PREPS + (_PLACE_PREPS if state_body else ())


def _tie(
    head: Token,
    cands: Sequence[Candidate],
    by_token: dict[int, int],
    ties: dict[int, _Tie],
    *,
    ways: tuple[bool, tuple[str, ...]],
    institutions: frozenset[str],
) -> _Tie | None:
    """The entry id or candidate index a group noun is tied to by a modifier or a phrase
    (`ties`: what other group nouns are tied to)."""
    modified, preps = ways
    # an unknown name before a singular group noun is as often its maker as its owner ("an
    # Antonov bomber"); before a plural, an institution or a statement noun, the group's own
    # ("Zorvan Guild lawyers", "the Zorvan government", "a Zorvan Watch report")
    makers = (
        head.tag_ in ("NN", "NNP")
        and preps != _STATEMENT_PREPS
        and fold(head.text) not in institutions
    )
    for child in head.children if modified else ():
        if child.dep_ in _TIES:
            tie = _actor(child, cands, by_token, ties)
            if tie is not None and not (makers and child.dep_ == "compound" and tie[0] is None):
                return tie
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for obj in child.children:
                tie = _actor(obj, cands, by_token, ties) if obj.dep_ == "pobj" else None
                if tie is not None and (child.lower_ not in _PLACE_PREPS or tie[0]):
                    return tie  # a place phrase ties to a country, not an organisation
    return None


def _actor(
    token: Token, cands: Sequence[Candidate], by_token: dict[int, int], ties: dict[int, _Tie]
) -> _Tie | None:
    """What a tying word names: a reference entry (a capital stands for its country), an
    organisation candidate or a tied group noun; None for people, places and other words."""
    j = by_token.get(token.i)
    if j is None:
        return ties.get(token.i)
    cand = cands[j]
    if cand.role == ENTRY and cand.entry_id:
        return cand.entry_id, None
    if cand.role == ORG:
        return None, j if cand.alias_of is None else cand.alias_of
    return None


#: Determiners a group noun of the focus country's state may carry ("the police", "two officers"
#: have no other owner; "its army", "whose troops" may).
_PLAIN_DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "some", "several")
#: Adjectives of a part of a country: "the southern government" may be another state's.
_PART_ADJECTIVES = frozenset(
    {"northern", "southern", "eastern", "western", "north", "south", "east", "west", "central",
     "breakaway", "separatist", "rebel"}
)  # fmt: skip


def _bare(head: Token, start: int) -> bool:
    """A group noun with nothing that could name another owner: no possessor or appositive, no
    "of/for/in/from" phrase, no proper or place-part adjective, no determiner but a plain one
    ("the navy", "police said", "the national police", "two plainclothes officers"; not "its
    army", "Kurdish police", "the southern government", "police in Erbil")."""
    for child in head.children:
        if child.dep_ in ("poss", "appos"):
            return False
        # a modifier outside the dictionary phrase: only a common word that names no one
        modifier = child.dep_ in ("amod", "nmod") or (child.dep_ == "compound" and child.i < start)
        if modifier and (
            not child.is_lower or child.ent_type_ or child.lower_ in _PART_ADJECTIVES
        ):
            return False
        if child.dep_ == "det" and child.lower_ not in _PLAIN_DETERMINERS:
            return False
        if child.dep_ == "prep" and child.lower_ in _OWNER_PREPS + _PLACE_PREPS:
            return False
    return True


def _titles_person(head: Token, cands: Sequence[Candidate], by_token: dict[int, int]) -> bool:
    """Whether the noun titles a named person: "the spokesman, John Doe", "envoy John Doe"."""
    doc = head.doc
    nxt = by_token.get(head.i + 1) if head.i + 1 < len(doc) else None
    if nxt is not None and cands[nxt].role == PERSON:
        return True
    return any(
        child.dep_ == "appos"
        and by_token.get(child.i) is not None
        and cands[by_token[child.i]].role == PERSON
        for child in head.children
    )
