"""Within-article resolution: candidate spans in, `Mention` and `LocalEntity` records out.

Pure Python (no spaCy): `kg.extract.entities.finder` finds the candidate spans and their
context in the parse; this module decides which spans name the same actor or place inside one
story:
gazetteer entries by id, people by full name with later surnames joined, organisations by
folded name, parenthetical acronyms with the name they abbreviate, and definite descriptions
("the bloc") with the single organisation of a matching kind the story has named so far, and
group nouns ("Egyptian demonstrators", `kg.extract.entities.agents`) with the country or
organisation they are tied to, which they name without lending it their words as aliases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from kg.extract.entities.gazetteer import Gazetteer
from kg.records import PLACE, LocalEntity, Mention
from kg.text import fold

#: Candidate roles: what a span is taken to be before resolution.
ENTRY, PERSON, ORG, PLACE_ROLE, DESCRIPTION, NONE, GROUP = (
    "entry",
    "person",
    "org",
    "place",
    "description",
    "none",
    "group",  # a group noun standing for its entry (`entry_id`) or candidate (`alias_of`)
)


#: Why an entity is one (`LocalEntity.basis`): the statistical model's labels, unless a
#: reference file names it (see `entry_basis`) or a rule below decided its type.
MODEL = "model"
ACTING = "model; rule:a place name that acts"
OUTLET = "model; rule:cited as a news outlet"
#: The reference file each kind of gazetteer entry id comes from.
ENTRY_FILES = {"country": "countries.json", "org": "organizations.json",
               "group": "armed_groups.json"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of the article that may name an actor or a place (offsets in `Article.text`).

    Frozen: each entity pass returns new candidates (`dataclasses.replace`); `affiliation`
    and `alias_of` index the tuple the pass was given, so passes only replace or append.
    """

    start: int
    end: int
    text: str
    label: str
    role: str
    name: str = ""
    entry_id: str | None = None
    as_place: bool = False  # a capital or seat of government used as a location
    locative: bool = False  # a country named as a location ("from X"): a place if always so
    outlet: bool = False  # cited the way news outlets are ("told X", "X newspaper")
    acting: bool = False  # an unknown place name that acts ("X sued Y"): an organisation
    roles: tuple[str, ...] = ()
    affiliation: int | None = None  # index of the candidate this one acts for
    affiliation_kinds: tuple[str, ...] = ()  # "the bloc's chief": resolved like a description
    kinds: tuple[str, ...] = ()  # description kinds
    alias_of: int | None = None  # a parenthetical acronym -> the candidate it abbreviates
    sector: str | None = None  # a group noun's CAMEO sector ("COP")


@dataclass
class _Group:
    type: str
    first: int
    label: str = ""
    entry_id: str | None = None
    country: str | None = None
    kinds: tuple[str, ...] = ()
    qid: str | None = None
    members: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: tuple[str, ...] | None = None
    basis: str = MODEL


def entry_basis(entry_id: str) -> str:
    """The basis of an entity the gazetteer names: its file.

    >>> entry_basis("country:FRA")
    'gazetteer:countries.json'
    """
    return f"gazetteer:{ENTRY_FILES.get(entry_id.partition(':')[0], 'gazetteer')}"


def resolve(
    candidates: Sequence[Candidate], gazetteer: Gazetteer
) -> tuple[list[Mention], list[LocalEntity]]:
    """Group candidates into local entities; return mentions (by offset) and entities."""
    cands, people = _retype_by_surname(_by_offset(candidates), gazetteer)
    keys: list[tuple[str, ...] | None] = [None] * len(cands)
    groups: dict[tuple[str, ...], _Group] = {}

    def join(i: int, key: tuple[str, ...], group: _Group) -> None:
        keys[i] = key
        found = groups.setdefault(key, group)
        found.members.append(i)
        found.first = min(found.first, cands[i].start)

    person_keys = _person_keys(cands, people, gazetteer.name_particles)
    org_short = _org_short_forms(cands)
    for i, c in enumerate(cands):
        if (c.role == ENTRY and c.entry_id and not c.as_place) or (c.role == GROUP and c.entry_id):
            entry = gazetteer.entry(c.entry_id)
            group = _Group(
                entry.type,
                c.start,
                entry.label,
                entry.id,
                entry.country,
                gazetteer.entry_kinds(entry.id),
                entry.qid,
                basis=entry_basis(entry.id),
            )
            join(i, ("entry", entry.id), group)
        elif c.role == ENTRY and c.entry_id:
            entry = gazetteer.entry(c.entry_id)
            group = _Group(PLACE, c.start, c.name, country=entry.label,
                           basis=entry_basis(entry.id))
            join(i, ("place", fold(c.name)), group)
        elif c.role == ORG and c.alias_of is None:
            name = org_short.get(fold(c.name), c.name)  # "Court of Appeal" -> the full name
            group = _Group("Organization", c.start, name, kinds=gazetteer.label_kinds(name))
            join(i, ("org", fold(name)), group)
        elif c.role == PLACE_ROLE:
            join(i, ("place", fold(c.name)), _Group(PLACE, c.start, c.name))
    for key, group in groups.items():
        if key[0] == "entry" and group.type == "Country":
            if all(cands[m].locative for m in group.members):
                group.type = PLACE  # only ever a location in this story (issue #3)
        elif key[0] == "org" and any(cands[m].outlet for m in group.members):
            group.type, group.basis = "NewsOrganization", OUTLET
        elif (
            key[0] == "place"
            and group.country is None
            and sum(cands[m].acting for m in group.members) >= 2
            and not any(cands[m].locative for m in group.members)
        ):
            group.type, group.basis = "Organization", ACTING
            # "X sued Y ... X said": a company the recognizer took for a place, acting twice
            # and never told as a location (one act may be a misparse: "in the north and
            # the X valley after a ban takes effect") (issue #3)
    for key, group in groups.items():
        if key[0] == "place" and group.type == PLACE and group.country is None:
            # whose territory a place the gazetteer does not know is: "Khan Younis" is in
            # Palestine (the GeoNames place table), so strikes there are done to Palestine
            group.country = gazetteer.place_countries.get(key[1].removeprefix("the "))
    for i, key in person_keys.items():
        join(i, key, _Group("Person", cands[i].start))
    for group in groups.values():
        _check_dictionary(group, cands, gazetteer)
    for i, c in enumerate(cands):
        target = c.alias_of
        target_key = keys[target] if target is not None else None
        if keys[i] is None and target_key is not None:
            join(i, target_key, groups[target_key])
    for i, c in enumerate(cands):
        if c.role == DESCRIPTION and keys[i] is None:
            described = _unique_kind(groups, c.kinds, c.start)
            if described is not None:
                join(i, described, groups[described])
    for c, own in zip(cands, keys, strict=True):
        if own is None:
            continue
        group = groups[own]
        group.roles.extend(r for r in c.roles if r not in group.roles)
        aff: tuple[str, ...] | None = None
        if c.affiliation is not None:
            aff = keys[c.affiliation]
        elif c.affiliation_kinds:
            aff = _unique_kind(groups, c.affiliation_kinds, c.start)
        acts_for = aff is not None and aff != own and groups[aff].type != PLACE
        if acts_for and group.affiliation is None:
            group.affiliation = aff
    return _records(cands, keys, groups)


#: Actor dictionary files whose organisations are bodies only: the country and armed-group
#: files also list leaders and militants as their groups' names ("Bashar al-Assad" for the
#: Syrian government, "Abu Ayyub al-Masri"), so a person they list there stays a person.
_BODY_FILES = ("Phoenix.International.actors.txt",)
#: The non-state militant file: its organisations include militants listed by name ("Abu
#: Ayyub al-Masri"), so a "person" there is its group only when a word of a group's name says so.
_MILITANT_FILE = "Phoenix.MilNonState.actors.txt"


def _check_dictionary(group: _Group, cands: Sequence[Candidate], gazetteer: Gazetteer) -> None:
    """Give a dictionary basis to a person or organisation the field's dictionaries name.

    An office holder the model took for an organisation becomes a person; an organisation
    confirms an organisation, and makes a "person" of the international bodies' file one
    unless its name starts with a given name (the dictionaries list some people as bodies).
    """
    if group.basis != MODEL or group.type not in ("Person", "Organization"):
        return
    label = group.label
    if group.type == "Person":
        label = max((cands[i].name for i in group.members if cands[i].role == PERSON),
                    key=lambda n: (len(n.split()), len(n)), default=label)
    found = gazetteer.dictionary.get(fold(label))
    if found is None:
        return
    if found[0] == "Person" or group.type == found[0]:
        group.type, group.basis = found[0], f"dictionary:{found[1]}"
    elif found[1] in _BODY_FILES and fold(label.split()[0]) not in gazetteer.given_names and any(
        sum(ch.islower() for ch in word) > 1 for word in label.split()
    ):
        # a body of the international actors file tagged as a person: one whose name does
        # not start with a given name (nor is only initials: "U. S.") is the body
        group.type, group.basis, group.label = found[0], f"dictionary:{found[1]}", label
    elif found[1] == _MILITANT_FILE and any(
        fold(word) in gazetteer.group_name_words or fold(word) in gazetteer.org_heads
        for word in re.split(r"[\s-]+", label)
    ):  # "Ansar al-Islam", "Abdullah Azzam Brigades": the armed group
        group.type, group.basis, group.label = found[0], f"dictionary:{found[1]}", label


def _by_offset(candidates: Sequence[Candidate]) -> tuple[Candidate, ...]:
    """Sort candidates by offset (longest first), renumbering their cross-references."""
    order = sorted(range(len(candidates)), key=lambda i: (candidates[i].start, -candidates[i].end))
    new = {old: n for n, old in enumerate(order)}

    def renumbered(c: Candidate) -> Candidate:
        return replace(
            c,
            affiliation=None if c.affiliation is None else new[c.affiliation],
            alias_of=None if c.alias_of is None else new[c.alias_of],
        )

    return tuple(renumbered(candidates[old]) for old in order)


def _unique_kind(
    groups: dict[tuple[str, ...], _Group], kinds: tuple[str, ...], before: int
) -> tuple[str, ...] | None:
    """The one group of a matching kind named before `before`, or None when there are 0 or 2+."""
    found = [k for k, g in groups.items() if g.first < before and set(g.kinds) & set(kinds)]
    return found[0] if len(found) == 1 else None


def _org_short_forms(cands: Sequence[Candidate]) -> dict[str, str]:
    """Map an organisation name that starts or ends a unique longer one to that name.

    "Court of Appeal" -> "Paris Court of Appeal"; kept apart when two longer names fit.
    """
    names = {fold(c.name): c.name for c in cands if c.role == ORG and c.alias_of is None}
    short: dict[str, str] = {}
    for name in names:
        longer = [
            n
            for n in names
            if n != name
            and len(name.split()) >= 2
            and (n.startswith(name + " ") or n.endswith(" " + name))
        ]
        if len(longer) == 1:
            short[name] = names[longer[0]]
    return short


def surname_keys(name: str, particles: frozenset[str]) -> set[str]:
    """Folded short forms a later mention may use for a full name.

    >>> sorted(surname_keys("Ahmed al-Sharaa", frozenset({"al"})))
    ['al-sharaa', 'sharaa']
    >>> sorted(surname_keys("Ana María Ruiz Montero", frozenset()))
    ['maria', 'maria ruiz montero', 'montero', 'ruiz', 'ruiz montero']
    """
    tokens = fold(name).split()
    keys: set[str] = set()
    for i in range(1, len(tokens)):
        if tokens[i] in particles:
            continue
        keys.add(" ".join(tokens[i:]))
        keys.add(tokens[i])
    for key in list(keys):
        head, _, rest = key.partition("-")
        if rest and head in particles:
            keys.add(rest)
    return keys


#: A word of a person's name: capitalised letters (with inner hyphens or apostrophes), or an
#: initial ("S.").
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:['\u2019-][A-Za-z][a-z]*)*|[A-Z]\.)$")


def person_shaped(name: str, gazetteer: Gazetteer) -> bool:
    """Whether a name the recognizer tagged as an organisation is shaped like a person's: two or
    three capitalised words, the first a given name (`Gazetteer.given_names`), none a word of
    an organisation's, institution's, outlet's, place's or venue's name (`name_org_words` and
    the heads of titles.json), and not an organisation of the field's actor dictionary.

    >>> from kg.paths import default_ontology_dir
    >>> from kg.extract.entities.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer(default_ontology_dir())
    >>> [person_shaped(n, gaz) for n in ("Britney Spears", "Philip S. Pullman",
    ...     "Summit Entertainment", "John Hopkins University", "Golden Dawn", "Spears")]
    [True, True, False, False, False, False]
    """
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(_NAME_WORD.match(w) for w in words):
        return False
    if fold(words[0]) not in gazetteer.given_names:
        return False
    heads = (gazetteer.org_heads | gazetteer.name_org_words | gazetteer.institution_heads
             | gazetteer.outlet_heads | gazetteer.place_heads | gazetteer.venue_heads
             | gazetteer.facility_nouns)
    if any(fold(w) in heads for w in words):
        return False
    listed = gazetteer.dictionary.get(fold(name))
    return listed is None or listed[0] == "Person"


def _retype_by_surname(
    cands: tuple[Candidate, ...], gazetteer: Gazetteer
) -> tuple[tuple[Candidate, ...], list[int]]:
    """Retype names by the story's people; return the candidates and the people's indices.

    A known surname is a person; a lone "name" that is an organisation elsewhere and no one's
    surname is that organisation; a name tagged as an organisation that is shaped like a
    person's (`person_shaped`: "Britney Spears") is a person. People named as such come first,
    then the retyped ones: that order fixes the order of an entity's aliases.
    """
    particles = gazetteer.name_particles
    people = [c for c in cands if c.role == PERSON]
    long_forms = {fold(c.name) for c in people if len(c.name.split()) >= 2}
    short_forms = (
        set().union(*(surname_keys(n, particles) for n in long_forms)) if long_forms else set()
    )
    orgs = {fold(c.name) for c in cands if c.role == ORG and c.alias_of is None}

    def retyped(c: Candidate) -> Candidate:
        named = c.role in (ORG, PLACE_ROLE) or (c.role == NONE and c.label == "NORP")
        if named and c.alias_of is None and fold(c.name) in short_forms:
            return replace(c, role=PERSON)  # "Sharaa's HTS", "Bratton said": a known surname
            # taken for an organisation or a place
        if c.role == ENTRY and c.label == "ORG" and " " not in c.name.strip() and (
            fold(c.name) in short_forms
        ):  # "Mayor Bloomberg" after "Michael Bloomberg": the person, not the news agency
            return replace(c, role=PERSON, entry_id=None)
        if c.role == PERSON and " " not in c.name and fold(c.name) in orgs - short_forms:
            return replace(c, role=ORG)  # "Ford" is an organisation elsewhere in the story
        if c.role == ORG and c.alias_of is None and not c.outlet and person_shaped(
            c.name, gazetteer
        ):
            return replace(c, role=PERSON)  # "Britney Spears" tagged as an organisation
        return c

    new = tuple(retyped(c) for c in cands)
    stayed = [i for i, c in enumerate(cands) if c.role == PERSON and new[i].role == PERSON]
    became = [i for i, c in enumerate(cands) if c.role != PERSON and new[i].role == PERSON]
    return new, stayed + became


def _person_keys(
    cands: Sequence[Candidate], people: list[int], particles: frozenset[str]
) -> dict[int, tuple[str, ...]]:
    """Cluster person candidates: exact full names, then short forms joined when unambiguous."""
    full: dict[str, list[int]] = {}
    for i in people:
        full.setdefault(fold(cands[i].name), []).append(i)
    long_names = [n for n in full if len(n.split()) >= 2]
    surnames = {n: surname_keys(n, particles) for n in long_names}
    firsts = {n: n.split()[0] for n in long_names}
    target: dict[str, str] = {}
    for name in full:
        tokens = name.split()
        supers = [
            n
            for n in long_names
            if n != name
            and len(n.split()) > len(tokens)
            and (
                name in surnames[n] or set(tokens) <= set(n.split()) and tokens[-1] == n.split()[-1]
            )
        ]
        if len(supers) != 1 and len(tokens) == 1:
            supers = [n for n in long_names if firsts[n] == name]
            if len(supers) != 1:
                supers = []
        target[name] = max(supers, key=len) if len(supers) == 1 else name
    for name in list(target):  # follow chains ("Sharaa" -> "Ahmed al-Sharaa")
        seen = {name}
        while target[target[name]] != target[name] and target[name] not in seen:
            seen.add(target[name])
            target[name] = target[target[name]]
    return {i: ("person", target[n]) for n, idx in full.items() for i in idx}


def _label_counts(labels: Iterable[str]) -> tuple[tuple[str, int], ...]:
    """(label, count) pairs, most frequent first, then by label.

    >>> _label_counts(["ORG", "PERSON", "ORG"])
    (('ORG', 2), ('PERSON', 1))
    """
    counts = Counter(labels)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _records(
    cands: Sequence[Candidate],
    keys: list[tuple[str, ...] | None],
    groups: dict[tuple[str, ...], _Group],
) -> tuple[list[Mention], list[LocalEntity]]:
    ordered = sorted(groups, key=lambda k: (groups[k].first, k))
    local = {key: f"e{n}" for n, key in enumerate(ordered)}
    entities: list[LocalEntity] = []
    for key in ordered:
        group = groups[key]
        named = [i for i in sorted(group.members) if cands[i].role != GROUP]
        texts = [cands[i].text for i in named]
        label = group.label
        if group.type == "Person":
            names = [cands[i].name for i in sorted(group.members) if cands[i].role == PERSON]
            label = max(names, key=lambda n: (len(n.split()), len(n)), default=label)
        spoken = [cands[i].name for i in group.members if cands[i].role != GROUP]
        aliases = tuple(dict.fromkeys(t for t in [*texts, *spoken] if t and t != label))
        country = group.country
        affiliation = local.get(group.affiliation) if group.affiliation else None
        if country is None and group.affiliation is not None:
            country = groups[group.affiliation].country
        folded = fold(label)  # the labels of its name as written in full are its evidence
        entities.append(
            LocalEntity(
                key=local[key],
                label=label,
                type=group.type,
                qid=group.qid,
                country=country,
                affiliation=affiliation,
                roles=tuple(group.roles),
                aliases=aliases,
                basis=group.basis,
                labels=_label_counts(cands[i].label for i in group.members
                                     if cands[i].role != GROUP and fold(cands[i].name) == folded),
            )
        )
    mentions = [
        Mention(c.start, c.end, c.text, c.label, None if key is None else local[key], c.sector)
        for c, key in zip(cands, keys, strict=True)
    ]
    return mentions, entities
