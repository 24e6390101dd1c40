"""Reference data about actors: countries, organisations, armed groups, office titles, group nouns.

The data lives in JSON files under ``ontology/`` (see ``ontology/SOURCES.md``); this module
reads them once into an immutable `Gazetteer` that the entity stage consults. Matching keys are
folded with `kg.text.fold`; labels keep their proper form ("Türkiye").
"""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.errors import OntologyError
from kg.extract.entities.tables import extra_tables
from kg.places import PLACES_FILE, PlaceTable, load_place_table
from kg.records import ACTOR_TYPES
from kg.text import fold, stable_hash

log = logging.getLogger(__name__)

#: The files this module reads, in load order (earlier files win a name clash).
DATA_FILES = (
    "countries.json",
    "organizations.json",
    "armed_groups.json",
    "titles.json",
    "agents.json",
    "non_actors.json",
    "actor_dictionary.json",
    "given_names.json",
)


def _empty_mapping() -> Mapping[str, str]:
    return MappingProxyType({})


def _empty_prefixes() -> Mapping[str, tuple[str, ...]]:
    return MappingProxyType({})


def _empty_dictionary() -> Mapping[str, tuple[str, str]]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One known actor: a country, an organisation or an armed group."""

    id: str
    label: str
    type: str
    qid: str | None = None
    kind: str | None = None
    country: str | None = None  # label of the country it belongs to
    names: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()  # a country's people, or a party's members ("Democrats")
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Immutable lookup tables built from the reference data; `version` hashes the files."""

    version: str
    entries: Mapping[str, GazEntry]
    names: Mapping[str, str]  # folded name -> entry id
    acronyms: Mapping[str, str]  # exact-case acronym -> entry id
    demonyms: Mapping[str, str]  # folded demonym or party member noun -> entry id
    metonyms: Mapping[str, str]  # folded capital or seat of government -> country entry id
    titles: frozenset[str]
    title_heads: frozenset[str]
    title_words: frozenset[str]
    title_modifiers: frozenset[str]
    title_connectors: frozenset[str]
    courtesy_titles: frozenset[str]
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    descriptions: Mapping[str, tuple[str, ...]]
    stative_verbs: frozenset[str]
    place_nouns: frozenset[str]
    place_verbs: frozenset[str]
    place_acts: frozenset[str]
    facility_nouns: frozenset[str]
    credit_words: frozenset[str]
    place_heads: frozenset[str] = frozenset()  # "X crossing": the name before it is a place
    org_heads: frozenset[str] = frozenset()  # "X initiative": a lowercase end of an org name
    #: "X University", "X Capital": words that make a name an organisation's, not a person's
    name_org_words: frozenset[str] = frozenset()
    #: "Ansar al-Islam", "X Brigades": words of an armed group's name
    group_name_words: frozenset[str] = frozenset()
    document_heads: frozenset[str] = frozenset()  # "X Agreement": a document, not an actor
    outlet_heads: frozenset[str] = frozenset()  # "X news", "X newspaper": a news outlet
    outlet_verbs: frozenset[str] = frozenset()  # "X reported": the subject is cited as an outlet
    outlet_object_verbs: frozenset[str] = frozenset()  # "told X", "reported X"
    outlet_to_verbs: frozenset[str] = frozenset()  # "denied to X": X is cited as a source
    source_labels: frozenset[str] = frozenset()  # "Source: X": a line that cites an outlet
    #: "the current ... minister": qualifiers dropped from the front of a role
    role_noise: frozenset[str] = frozenset()
    #: "from X", "in X": X is a location ("to"/"into" stay out: "aid to X", "strikes into X")
    locative_prepositions: frozenset[str] = frozenset()
    #: "capt" -> "captain": abbreviated ranks before a name; "sen." only with its period
    abbreviations: Mapping[str, str] = field(default_factory=_empty_mapping)
    #: "the Dover police", "the state government": nouns of a place's own institutions
    institution_heads: frozenset[str] = frozenset()
    institution_modifiers: frozenset[str] = frozenset()  # "state" in "the state government"
    #: group noun or phrase -> CAMEO sector code ("demonstrator" -> "CVLOPP"; issue #15)
    agents: Mapping[str, str] = field(default_factory=_empty_mapping)
    #: "a HRW report accused": nouns whose organisation modifier is the actor
    statement_heads: frozenset[str] = frozenset()
    #: sectors of a state's own bodies: with no tie they stand for the story's focus country
    focus_sectors: frozenset[str] = frozenset()
    #: singular nouns of people's sectors that name a group ("the mob"), not one person
    collective_nouns: frozenset[str] = frozenset()
    #: a warship's name prefix -> the countries whose navies use it ("USS": United States)
    naval_prefixes: Mapping[str, tuple[str, ...]] = field(default_factory=_empty_prefixes)
    #: prefixes of civil ships' names ("MV"): a thing, no actor
    merchant_prefixes: frozenset[str] = frozenset()
    #: exact-case names that are no actors: time zones ("GMT"), common-noun initialisms ("AI")
    non_actors: frozenset[str] = frozenset()
    #: folded words and phrases of sport reporting, and how many make a sport story
    sport_cues: frozenset[str] = frozenset()
    venue_heads: frozenset[str] = frozenset()  # "X Stadium": a place whatever the model says
    platforms: frozenset[str] = frozenset()  # "said on Twitter": a medium; acting, a company
    #: folded name -> ("Person" or "Organization", source file): the field's actor dictionaries
    dictionary: Mapping[str, tuple[str, str]] = field(default_factory=_empty_dictionary)
    sport_story: tuple[int, int] = (4, 3)  # (cue uses, distinct cues) at least
    #: folded name of a city or region of the GeoNames place table (ontology/places.tsv) ->
    #: the label of its country ("khan younis" -> "Palestine"): whose territory a place is
    place_countries: Mapping[str, str] = field(default_factory=_empty_mapping)
    #: folded territory name of countries.json -> the label of its country ("north darfur"
    #: -> "Sudan"): a region that tells the story's country as its name would
    territory_countries: Mapping[str, str] = field(default_factory=_empty_mapping)
    #: folded primary names of the cities of the place table: an untagged proper noun that is
    #: one is a place (`kg.extract.entities.component`)
    city_names: frozenset[str] = frozenset()
    #: folded words of business, technology-product and entertainment-industry reporting, and
    #: how many make a commerce story (its events need a state-side party)
    commerce_cues: frozenset[str] = frozenset()
    commerce_story: tuple[int, int] = (5, 3)
    #: folded English given names (given_names.json): a two- or three-word "organisation"
    #: whose first word is one is a person ("Britney Spears")
    given_names: frozenset[str] = frozenset()

    @functools.cached_property
    def group_heads(self) -> frozenset[str]:
        """The last words of the agents phrases, and the statement nouns: a noun that is
        neither heads no group noun."""
        return frozenset(phrase.rsplit(" ", 1)[-1] for phrase in self.agents) | (
            self.statement_heads)

    def entry(self, entry_id: str) -> GazEntry:
        """Return the entry with this id (KeyError if unknown)."""
        return self.entries[entry_id]

    def lookup(self, text: str) -> tuple[GazEntry, str] | None:
        """Find what a surface form names, and how: "name", "demonym" or "metonym".

        Acronyms match case-sensitively, everything else folded; a leading "the" and a
        trailing possessive are ignored.
        """
        bare = _bare(text)
        if bare in self.acronyms:
            return self.entries[self.acronyms[bare]], "name"
        key = fold(bare)
        for table, how in ((self.names, "name"), (self.demonyms, "demonym")):
            if key in table:
                return self.entries[table[key]], how
        if key in self.metonyms:
            return self.entries[self.metonyms[key]], "metonym"
        return None

    def abbreviation(self, word: str, *, dotted: bool = False) -> str | None:
        """The title an abbreviated rank stands for; `dotted` when a period follows the word.

        >>> from kg.paths import default_ontology_dir

        >>> gaz = load_gazetteer(default_ontology_dir())
        >>> gaz.abbreviation("Capt"), gaz.abbreviation("Sen"), gaz.abbreviation("Sen", dotted=True)
        ('captain', None, 'senator')
        """
        key = fold(word)
        if key.endswith("."):  # "Capt." as one token
            key, dotted = key[:-1], True
        return self.abbreviations.get(key) or (
            self.abbreviations.get(key + ".") if dotted else None
        )

    def entry_kinds(self, entry_id: str) -> tuple[str, ...]:
        """Kinds an entry answers to in definite descriptions ("the bloc")."""
        kind = self.entries[entry_id].kind
        return (kind,) if kind else ()

    def label_kinds(self, label: str) -> tuple[str, ...]:
        """Kinds implied by the words of an organisation's name ("Health Ministry" -> ministry).

        >>> from kg.paths import default_ontology_dir

        >>> gaz = load_gazetteer(default_ontology_dir())
        >>> gaz.label_kinds("Gaza Health Ministry")
        ('ministry',)
        """
        kinds: list[str] = []
        for word in fold(label).split():
            for kind in self.descriptions.get(word, ()):
                if kind not in kinds:
                    kinds.append(kind)
        return tuple(kinds)


def _bare(text: str) -> str:
    text = text.strip()
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            text = text[: -len(suffix)]
            break
    if text[:4] in ("the ", "The ", "THE "):
        text = text[4:]
    return text.strip()


def load_gazetteer(ontology_dir: Path) -> Gazetteer:
    """Read the actor reference data from `ontology_dir` into an immutable `Gazetteer`.

    Raises `OntologyError` naming the file and the entry when a file is missing or malformed.

    >>> from kg.paths import default_ontology_dir

    >>> gaz = load_gazetteer(default_ontology_dir())
    >>> gaz.lookup("Turkey")[0].label, gaz.lookup("Turkish")[1], gaz.lookup("Ankara")[1]
    ('Türkiye', 'demonym', 'metonym')
    """
    ontology_dir = Path(ontology_dir)
    raw: dict[str, Any] = {}
    digest_parts: list[str] = []
    for name in DATA_FILES:
        path = ontology_dir / name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as err:
            raise OntologyError(
                f"{path}: cannot read actor reference data ({err}); restore it from the "
                "repository or regenerate countries.json with scripts/make_gazetteer.py"
            ) from err
        try:
            raw[name] = json.loads(text)
        except json.JSONDecodeError as err:
            raise OntologyError(
                f"{path}:{err.lineno}:{err.colno}: invalid JSON ({err.msg}); fix the file"
            ) from err
        digest_parts.append(f"{name}\x1f{text}")
    builder = _Builder()
    for row in _rows(raw, "countries.json", "countries", ontology_dir):
        builder.add_country(row, ontology_dir / "countries.json")
    for file, key in (
        ("organizations.json", "organizations"),
        ("armed_groups.json", "armed_groups"),
    ):
        for row in _rows(raw, file, key, ontology_dir):
            builder.add_org(row, ontology_dir / file, key)
    titles = raw["titles.json"]
    places = load_place_table(ontology_dir)
    digest_parts.append(f"{PLACES_FILE}\x1f{places.version}")
    gazetteer = builder.finish(stable_hash("\x1e".join(digest_parts)), titles, ontology_dir)
    return replace(gazetteer, **extra_tables(raw, ontology_dir),
                   place_countries=MappingProxyType(_place_countries(places, builder)),
                   territory_countries=MappingProxyType(dict(builder.territories)),
                   city_names=frozenset(name for name, rows in places.primary.items()
                                        if any(r.location.kind == "city" for r in rows)))


def _place_countries(places: PlaceTable, builder: _Builder) -> dict[str, str]:
    """Folded city and region names -> the label of the country the table most likely means
    (the row `PlaceTable.find` picks: a city over a region, the bigger city over the smaller),
    and the territories of `countries.json` ("gaza strip" -> Palestine)."""
    found: dict[str, str] = dict(builder.territories)
    for name in (*places.primary, *places.alternate):
        row = places.find(name)
        if row is None or row.location.kind == "country" or row.country is None:
            continue
        label = builder.country_labels.get(row.country)
        if label is not None:
            found[name] = label
    return found


def _rows(raw: dict[str, Any], file: str, key: str, ontology_dir: Path) -> list[dict[str, Any]]:
    rows = raw[file].get(key) if isinstance(raw[file], dict) else None
    if not isinstance(rows, list):
        raise OntologyError(f"{ontology_dir / file}: expected a top-level {key!r} list")
    return rows


class _Builder:
    """Collects entries and their lookup keys; the first entry to claim a key keeps it."""

    def __init__(self) -> None:
        self.entries: dict[str, GazEntry] = {}
        self.names: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.demonyms: dict[str, str] = {}
        self.metonyms: dict[str, str] = {}
        self.country_labels: dict[str, str] = {}
        #: folded territory names ("gaza strip") -> the label of their country
        self.territories: dict[str, str] = {}
        self.clashes = 0

    def _claim(self, table: dict[str, str], key: str, entry_id: str) -> None:
        if not key:
            return
        if key in table and table[key] != entry_id:
            self.clashes += 1
            log.debug("name %r of %s already names %s", key, entry_id, table[key])
            return
        table[key] = entry_id

    def add_country(self, row: dict[str, Any], path: Path) -> None:
        code, label = _required(row, ("id", "label"), path)
        entry = GazEntry(
            id=f"country:{code}",
            label=label,
            type="Country",
            qid=row.get("qid"),
            country=label,
            names=tuple(row.get("names", ())),
            acronyms=tuple(row.get("acronyms", ())),
            demonyms=tuple(row.get("demonyms", ())),
            capitals=tuple(row.get("capitals", ())),
            seats=tuple(row.get("seats", ())),
        )
        self.country_labels[code] = label
        for territory in row.get("territories", ()):
            self.territories.setdefault(fold(_bare(territory)), label)
        self._add(entry)

    def add_org(self, row: dict[str, Any], path: Path, key: str) -> None:
        (label,) = _required(row, ("label",), path)
        kind_type = "ArmedGroup" if key == "armed_groups" else row.get("type", "Organization")
        if kind_type not in ACTOR_TYPES:
            raise OntologyError(
                f"{path}: {label!r} has type {kind_type!r}; use one of {', '.join(ACTOR_TYPES)}"
            )
        country = row.get("country")
        if country is not None and country not in self.country_labels:
            raise OntologyError(
                f"{path}: {label!r} names country {country!r}, which is not an ISO alpha-3 code "
                "in countries.json"
            )
        prefix = "group" if key == "armed_groups" else "org"
        entry = GazEntry(
            id=f"{prefix}:{fold(label)}",
            label=label,
            type=kind_type,
            qid=row.get("qid"),
            kind=row.get("kind"),
            country=self.country_labels.get(country) if country else None,
            names=tuple(row.get("names", ())),
            acronyms=tuple(row.get("acronyms", ())),
            demonyms=tuple(row.get("members", ())),  # "Democrats": a party's members
        )
        self._add(entry)

    def _add(self, entry: GazEntry) -> None:
        if entry.id in self.entries:
            raise OntologyError(f"two reference entries share the id {entry.id!r}; rename one")
        self.entries[entry.id] = entry
        for name in (entry.label, *entry.names):
            if _is_acronym(name):
                self._claim(self.acronyms, name, entry.id)  # "US" must not match "us"
            else:
                self._claim(self.names, fold(_bare(name)), entry.id)
        for acronym in entry.acronyms:
            self._claim(self.acronyms, acronym, entry.id)
        for demonym in entry.demonyms:
            self._claim(self.demonyms, fold(demonym), entry.id)
        for place in (*entry.capitals, *entry.seats):
            self._claim(self.metonyms, fold(_bare(place)), entry.id)

    def finish(self, version: str, titles: dict[str, Any], ontology_dir: Path) -> Gazetteer:
        if self.clashes:
            log.debug("%d reference names claimed by more than one entry", self.clashes)
        title_list = _folded(titles.get("titles", ()))
        modifiers = _folded(titles.get("title_modifiers", ()))
        domains = _folded(titles.get("title_domains", ()))
        descriptions = titles.get("descriptions")
        if not title_list or not isinstance(descriptions, dict):
            raise OntologyError(
                f"{ontology_dir / 'titles.json'}: needs a non-empty 'titles' list and a "
                "'descriptions' object"
            )
        role_noise = _folded(titles.get("role_noise", ()))
        if not role_noise <= modifiers:
            raise OntologyError(
                f"{ontology_dir / 'titles.json'}: 'role_noise' words "
                f"{', '.join(sorted(role_noise - modifiers))} are not in 'title_modifiers'; "
                "add them there too, so a title run reads them"
            )
        abbreviations = {fold(k): fold(v) for k, v in titles.get("title_abbreviations", {}).items()}
        words = {w for t in title_list for w in t.replace("-", " ").split()}
        short = {k for k in abbreviations if " " not in k}
        short |= {k + "." for k in short if not k.endswith(".")}
        words |= short
        return Gazetteer(
            version=version,
            entries=MappingProxyType(dict(self.entries)),
            names=MappingProxyType(dict(self.names)),
            acronyms=MappingProxyType(dict(self.acronyms)),
            demonyms=MappingProxyType(dict(self.demonyms)),
            metonyms=MappingProxyType(dict(self.metonyms)),
            titles=title_list,
            title_heads=frozenset(t.split()[-1] for t in title_list) | short,
            title_words=frozenset(words | modifiers | domains | title_list),
            title_modifiers=modifiers,
            title_connectors=_folded(titles.get("title_connectors", ())),
            courtesy_titles=_folded(titles.get("courtesy_titles", ())),
            honorifics=_folded(titles.get("honorifics", ())),
            name_particles=_folded(titles.get("name_particles", ())),
            descriptions=MappingProxyType({fold(k): tuple(v) for k, v in descriptions.items()}),
            stative_verbs=_folded(titles.get("stative_verbs", ())),
            place_nouns=_folded(titles.get("place_nouns", ())),
            place_verbs=_folded(titles.get("place_verbs", ())),
            place_acts=_folded(titles.get("place_acts", ())),
            facility_nouns=_folded(titles.get("facility_nouns", ())),
            credit_words=_folded(titles.get("credit_words", ())),
            place_heads=_folded(titles.get("place_heads", ())),
            org_heads=_folded(titles.get("org_heads", ())),
            name_org_words=_folded(titles.get("name_org_words", ())),
            group_name_words=_folded(titles.get("group_name_words", ())),
            document_heads=_folded(titles.get("document_heads", ())),
            outlet_heads=_folded(titles.get("outlet_heads", ())),
            outlet_verbs=_folded(titles.get("outlet_verbs", ())),
            outlet_object_verbs=_folded(titles.get("outlet_object_verbs", ())),
            outlet_to_verbs=_folded(titles.get("outlet_to_verbs", ())),
            source_labels=_folded(titles.get("source_labels", ())),
            role_noise=role_noise,
            locative_prepositions=_folded(titles.get("locative_prepositions", ())),
            abbreviations=MappingProxyType(abbreviations),
            institution_heads=_folded(titles.get("institution_heads", ())),
            institution_modifiers=_folded(titles.get("institution_modifiers", ())),
        )


def _is_acronym(name: str) -> bool:
    """Short all-capital names match case-sensitively, like acronyms.

    >>> _is_acronym("U.S."), _is_acronym("UNRWA"), _is_acronym("Iran")
    (True, True, False)
    """
    letters = name.replace(".", "").replace("-", "")
    return name.isupper() and len(letters) <= 6


def _folded(items: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(i) for i in items)


def _required(row: dict[str, Any], keys: tuple[str, ...], path: Path) -> tuple[str, ...]:
    missing = [k for k in keys if not isinstance(row.get(k), str) or not row.get(k)]
    if missing:
        raise OntologyError(
            f"{path}: entry {json.dumps(row, ensure_ascii=False)[:80]} lacks {', '.join(missing)}"
        )
    return tuple(row[k] for k in keys)
