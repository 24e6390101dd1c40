"""The event lexicon: PLOVER types and modes, trigger words and cue words, read from data files.

`ontology/plover.ttl` declares the PLOVER types (SKOS concepts), their modes (narrower
concepts) and default recipient prepositions, and names the two tables next to it:
`triggers.tsv` (verbal and nominal triggers) and `cues.tsv` (reporting, denial and intention
predicates, negation, light verbs, proxy nouns, pronouns). The scheme is read by
`kg.ontology.load_ontology`; this module reads the two tables. Nothing here is hard-coded
vocabulary: `events.py` asks the lexicon.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.errors import OntologyError, UnknownTermError
from kg.extract.events.typemodel import TypeModel, load_type_model
from kg.ontology import PLOVER_FILE, Ontology, load_ontology
from kg.text import stable_hash

log = logging.getLogger(__name__)

#: Levels of the discard table: a phrase discards the story's events or its sentence's.
DISCARD_LEVELS = ("story", "sentence")

#: Cue categories `cues.tsv` may use (see its header).
CUE_CATEGORIES = (
    "report",
    "deny",
    "deny_object",
    "intend",
    "intend_aux",
    "negate",
    "block",
    "commit",
    "light",
    "proxy",
    "unnamed",
    "location",
    "counted",
    "polity",
    "vindicate",
    "occur",
    "mutual",
    "pronoun",
    "partitive",
    "instrument",
    "retaliate",
    "cease",
    "enforcer",
    "document",
    "proposal",
    "author",
    "private",
    "national",
    "expression",
    "anonymity",
    "quantity",
)
#: (suffix, letters cut, letters added): the regular inflections a verb lemma is restored from,
#: "staged" -> "stage", "fining" -> "fine", "stages" -> "stage", "rearrested" -> "rearrest"
_INFLECTIONS = (("ied", 3, "y"), ("ed", 1, ""), ("ed", 2, ""), ("ing", 3, "e"), ("ing", 3, ""),
                ("es", 1, ""), ("es", 2, ""), ("s", 1, ""))
_NEED_KINDS = ("prt", "obj", "prep", "pobj", "dobj", "intr", "ccomp", "xcomp", "mandate", "under",
               "subj", "judge", "neg")
#: The type of a row that says "this trigger under this condition is no event" (generated from
#: the CAMEO dictionary's null-coded patterns: "cut production", "attack the plan" is no ASSAULT).
NO_EVENT = "NONE"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the trigger table.

    `need` is the extra condition kind ("prt", "obj", "prep", "pobj", "dobj", "intr" (no direct
    object), "ccomp", "xcomp", "mandate", "under", "subj", "judge", "neg" or None) and `values`
    its allowed lemmas (for "pobj": the preposition, then the lemmas its object may have) (for
    "mandate": the auxiliaries a mandated clause may have) (for "under", of a noun: the
    prepositions it may be the object of, "went on strike") (for "subj": the lemmas the subject's
    head may have, "a plane crash killed 20" is no attack, or "*crowd", a subject
    that is a civilian crowd named by a group noun, "protesters marched") (for "neg": no values;
    the verb is negated, and that is the act: "did not allow X to enter" refuses) (for "judge":
    "neg" or "pos", what the verb calls its object, "called the attack unacceptable", rated by
    `Lexicon.judgment`); a NOUN row with "obj" is a modifier of the nouns it lists ("hunger
    strike"). An object value starting with "*" asks for an entity ("*person", "*actor"), or for
    a party the object stands for ("*party": an actor, a thing it owns, the people of a polity:
    "Houthi targets", "a school in Gaza"), "*crowd" for a civilian crowd ("dispersed the
    protesters"), or "*people" for any group of people a group noun names ("executed three
    protesters"). `more` holds further (kind, values) conditions that must hold too
    ("obj=troop;prep=to"). `preps` introduce the recipient. `source` says where the row comes
    from: "kg" (triggers.tsv) or "cameo:CODE" (the generated table). A row of type `NO_EVENT`
    stops the search: that trigger under that condition is no event.
    """

    lemma: str
    pos: str
    type: str
    mode: str | None
    need: str | None
    values: tuple[str, ...]
    preps: tuple[str, ...]
    more: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str = "kg"

    @property
    def conditions(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Every condition of the row, the first one first."""
        return ((self.need, self.values), *self.more) if self.need else ()


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Immutable event lexicon; `version` is a hash of its data files (a cache key)."""

    version: str
    types: tuple[str, ...]
    modes: tuple[tuple[str, str], ...]
    type_preps: tuple[tuple[str, str], ...]
    triggers: tuple[Trigger, ...]
    cue_rows: tuple[tuple[str, str, str], ...]
    #: Types whose events stand without a named recipient (kg:recipientOptional in plover.ttl)
    open_types: tuple[str, ...] = ()
    #: Types told of two actors together ("X and Y signed a deal"; kg:reciprocal in plover.ttl)
    reciprocal_types: tuple[str, ...] = ()
    #: (level, phrase): text no event is coded from, "story" or "sentence" (kg:discardTable)
    discard_rows: tuple[tuple[str, str], ...] = ()
    #: The learned type model that may re-type an event the rules are unsure of (kg:typeModel)
    type_model: TypeModel | None = None
    #: Types whose events, with no named recipient, are done to the state where they happen
    #: (kg:placeStateTarget in plover.ttl: a protest in Athens is a protest to Greece)
    place_target_types: tuple[str, ...] = ()
    #: (type, words, sector): who does an event of the type told by a noun with no doer
    #: (kg:impliedDoer: "the protests turned violent" is done by protesters)
    implied_doers: tuple[tuple[str, str, str], ...] = ()
    #: word -> its rating, -4 (most negative) to +4 (kg:judgmentTable, from VADER): what a
    #: verb of naming calls its object ("called the attack unacceptable")
    judgments: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    _verbs: Mapping[str, tuple[Trigger, ...]] = field(init=False, repr=False)
    _nouns: Mapping[str, tuple[Trigger, ...]] = field(init=False, repr=False)
    _modifiers: Mapping[str, tuple[Trigger, ...]] = field(init=False, repr=False)
    _cues: Mapping[str, Mapping[str, str]] = field(init=False, repr=False)
    _discards: Mapping[str, PhraseSet] = field(init=False, repr=False)
    _verb_words: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        verbs: dict[str, list[Trigger]] = {}
        nouns: dict[str, list[Trigger]] = {}
        modifiers: dict[str, list[Trigger]] = {}  # "hunger" of "hunger strike": no noun alone
        for trig in self.triggers:
            table = verbs if trig.pos == "VERB" else modifiers if trig.need == "obj" else nouns
            table.setdefault(trig.lemma, []).append(trig)
        cues: dict[str, dict[str, str]] = {c: {} for c in CUE_CATEGORIES}
        for category, lemma, value in self.cue_rows:
            cues[category][lemma] = value
        object.__setattr__(self, "judgments", MappingProxyType(dict(self.judgments)))
        object.__setattr__(self, "_verbs", _freeze(verbs))
        object.__setattr__(self, "_nouns", _freeze(nouns))
        object.__setattr__(self, "_modifiers", _freeze(modifiers))
        object.__setattr__(
            self, "_cues", MappingProxyType({k: MappingProxyType(v) for k, v in cues.items()})
        )
        object.__setattr__(self, "_discards", MappingProxyType({
            level: PhraseSet.of(p for lv, p in self.discard_rows if lv == level)
            for level in DISCARD_LEVELS}))
        # the verbs the tables know: trigger verbs and the cue words (light, report, intend ...)
        object.__setattr__(self, "_verb_words", frozenset(
            [*verbs, *(lemma for _, lemma, _ in self.cue_rows if " " not in lemma)]))

    def __reduce__(self) -> tuple[Any, ...]:
        # The lookup tables are derived; ship only the fields to worker processes.
        return (
            Lexicon,
            (self.version, self.types, self.modes, self.type_preps, self.triggers, self.cue_rows,
             self.open_types, self.reciprocal_types, self.discard_rows, self.type_model,
             self.place_target_types, self.implied_doers, dict(self.judgments)),
        )

    def judgment(self, words: Sequence[str]) -> float:
        """The summed rating of words (lower case), negative for a disapproval."""
        return sum(self.judgments.get(w, 0.0) for w in words)

    def verb_triggers(self, lemma: str) -> tuple[Trigger, ...]:
        """Trigger rows for a verb lemma, in table order (first matching row wins)."""
        return self._verbs.get(lemma, ())

    def verb_lemma(self, form: str, lemma: str) -> str:
        """The lemma of a verb form, `lemma` unless that is no verb of the tables and the form
        is an inflection of one: spaCy's rule lemmatizer cuts some verbs ending in "e" or in a
        consonant cluster ("staged" -> "stag", "fined" -> "fin", "waged" -> "wag",
        "rearrested" -> "rearreste"), and the event lexicon would miss them.

        >>> lex = load_lexicon(Path(__file__).resolve().parents[3] / "ontology")
        >>> lex.verb_lemma("staged", "stag"), lex.verb_lemma("fining", "fin")
        ('stage', 'fine')
        >>> lex.verb_lemma("hopped", "hop")
        'hop'
        """
        if lemma in self._verb_words:
            return lemma
        for suffix, cut, added in _INFLECTIONS:
            if form.endswith(suffix):
                stem = form[: len(form) - cut] + added
                if stem in self._verb_words:
                    return stem
        return lemma

    def is_done_to_verb(self, lemma: str) -> bool:
        """Whether a trigger verb tells, whatever its object, an act done to someone, not one
        by parties together or by a crowd where it happens ("meet", "march"), and is never
        told without an object ("workers struck"): a past participle of it at a headline's
        root is a passive ("Y Arrested")."""
        rows = self.verb_triggers(lemma)
        together = (*self.reciprocal_types, *self.place_target_types)
        return any(row.type not in together and not row.conditions for row in rows) and not any(
            need == "intr" for row in rows for need, _ in row.conditions)

    def is_act_verb(self, lemma: str) -> bool:
        """Whether a verb lemma may tell an event or report or announce one: a trigger verb,
        or a reporting or intending cue ("say", "vow")."""
        return lemma in self._verbs or any(
            lemma in self._cues[c] for c in ("report", "intend"))  # fmt: skip

    @functools.cached_property
    def act_nouns(self) -> frozenset[str]:
        """The lemmas of the nouns that may tell an event ("raid", "attack", "talks")."""
        return frozenset(lemma for lemma, rows in self._nouns.items()
                         if any(row.type != NO_EVENT for row in rows))  # fmt: skip

    def noun_triggers(self, lemma: str) -> tuple[Trigger, ...]:
        """Trigger rows for a noun lemma, in table order (not the modifier rows)."""
        return self._nouns.get(lemma, ())

    def modifier_triggers(self, lemma: str) -> tuple[Trigger, ...]:
        """Rows for a word that names an event only as a modifier of the nouns its row lists
        ("hunger strike", "a general strike"), in table order."""
        return self._modifiers.get(lemma, ())

    def is_cue(self, category: str, lemma: str) -> bool:
        """Whether `lemma` is listed under cue `category` (raises on an unknown category)."""
        return lemma in self._category(category)

    def cue_value(self, category: str, lemma: str) -> str | None:
        """The value column of a cue row, or None when the lemma is not listed."""
        value = self._category(category).get(lemma)
        return None if value in (None, "-") else value

    def discards(self, level: str, text: str) -> str | None:
        """The discard phrase of `level` ("story" or "sentence") `text` holds, or None.

        Sport, entertainment, disease and disasters are no events between political actors: a
        boxing match is not an ASSAULT.
        """
        return self._discards[level].find(text)

    def implied_doer(self, event_type: str) -> tuple[str, str] | None:
        """(words, sector) of the unnamed group that does an event of `event_type` told with
        no doer, or None (kg:impliedDoer)."""
        for kind, words, sector in self.implied_doers:
            if kind == event_type:
                return words, sector
        return None

    def default_preps(self, event_type: str) -> tuple[str, ...]:
        """Recipient prepositions declared for a type in plover.ttl."""
        return tuple(p for t, p in self.type_preps if t == event_type)

    def _category(self, category: str) -> Mapping[str, str]:
        try:
            return self._cues[category]
        except KeyError:
            raise UnknownTermError(
                f"cue category {category!r} is not one of {', '.join(CUE_CATEGORIES)}; "
                "check the spelling in the calling code"
            ) from None


#: A word as discard phrases are written: letters and digits, with inner apostrophes or
#: hyphens ("women's", "semi-final", "h5n1").
_WORD = re.compile(r"\w+(?:['-]\w+)*")


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Whole-word phrases, case-insensitive, found by looking up the word n-grams of a text
    (one regex alternation of hundreds of phrases is several times slower per sentence)."""

    phrases: frozenset[tuple[str, ...]]
    longest: int
    #: first word of a phrase -> the length of the longest phrase it starts
    starts: Mapping[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseSet:
        words = frozenset(tuple(_WORD.findall(p.lower())) for p in phrases)
        words = frozenset(w for w in words if w)
        starts: dict[str, int] = {}
        for phrase in words:
            starts[phrase[0]] = max(starts.get(phrase[0], 0), len(phrase))
        return cls(words, max((len(w) for w in words), default=0), starts)

    def find(self, text: str) -> str | None:
        """The first phrase `text` holds (the longest at that word), as written, or None.

        >>> PhraseSet.of(["world cup", "cup"]).find("The World  Cup final")
        'World  Cup'
        >>> PhraseSet.of(["semi-final"]).find("a semi-finalist") is None
        True
        """
        if not self.phrases:
            return None
        words = _WORD.findall(text.lower())
        starts = self.starts
        for i, word in enumerate(words):
            longest = starts.get(word)
            if longest is None:
                continue  # no phrase starts with this word
            for n in range(min(longest, len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in self.phrases:
                    # as the text writes it (found again only on a hit: most texts have none)
                    spans = [m.span() for m in _WORD.finditer(text)]
                    if len(spans) != len(words):  # lower() changed a word's letters
                        return " ".join(words[i : i + n])
                    return text[spans[i][0] : spans[i + n - 1][1]]
        return None


def _freeze(table: dict[str, list[Trigger]]) -> Mapping[str, tuple[Trigger, ...]]:
    return MappingProxyType({k: tuple(v) for k, v in table.items()})


def load_lexicon(ontology_dir: Path, *, ontology: Ontology | None = None) -> Lexicon:
    """Read plover.ttl, its trigger table and its cue table from `ontology_dir`.

    `ontology` is the already loaded `ontology_dir` (loaded here when not given). Raises
    `OntologyError` naming the file and line when a file is missing or a row is malformed,
    and `UnknownTermError` when a row uses a type or mode plover.ttl lacks.
    """
    if ontology is None:
        ontology = load_ontology(Path(ontology_dir))
    scheme_path = ontology.folder / PLOVER_FILE
    types = {t.code for t in ontology.types}
    modes = {(t.code, m) for t in ontology.types for m in t.modes}
    preps = {(t.code, p) for t in ontology.types for p in t.recipient_prepositions}
    trigger_path = ontology.folder / ontology.trigger_table
    cue_path = ontology.folder / ontology.cue_table
    tables = [trigger_path]
    triggers = _read_triggers(trigger_path, types, modes)
    if ontology.generated_trigger_table is not None:
        generated_path = ontology.folder / ontology.generated_trigger_table
        tables.append(generated_path)
        # hand rows first: they are the corrections on top of the generated ones, and a verb
        # the hand table covers keeps its own say on when the verb alone is an event (a
        # generated row without conditions is left out for it; its conditional rows stay).
        # The dictionary's conditions that say a word is no event come before a hand row
        # without conditions: "fought racism" is no attack though "fight" alone is one
        covered = {(t.lemma, t.pos) for t in triggers}
        triggers += [t for t in _read_triggers(generated_path, types, modes, generated=True)
                     if t.need is not None or (t.lemma, t.pos) not in covered]
        triggers.sort(key=_row_rank)
    cue_rows = tuple(_read_cues(cue_path))
    discard_rows: tuple[tuple[str, str], ...] = ()
    if ontology.discard_table is not None:
        tables.append(ontology.folder / ontology.discard_table)
        discard_rows = _read_discards(tables[-1])
    judgments: Mapping[str, float] = MappingProxyType({})
    if ontology.judgment_table is not None:
        tables.append(ontology.folder / ontology.judgment_table)
        judgments = _read_judgments(tables[-1])
    type_model = None
    if ontology.type_model is not None:
        type_model = load_type_model(ontology.folder / ontology.type_model, types)
    digest = stable_hash(
        "\x1f".join([*(p.read_text(encoding="utf-8") for p in (scheme_path, *tables, cue_path)),
                     *([type_model.version] if type_model is not None else [])])
    )
    log.debug("lexicon %s: %d triggers, %d cue rows", digest, len(triggers), len(cue_rows))
    return Lexicon(
        digest, tuple(sorted(types)), tuple(sorted(modes)), tuple(sorted(preps)), tuple(triggers),
        cue_rows, tuple(sorted(t.code for t in ontology.types if t.recipient_optional)),
        tuple(sorted(t.code for t in ontology.types if t.reciprocal)), discard_rows, type_model,
        tuple(sorted(t.code for t in ontology.types if t.place_state_target)),
        tuple(sorted((t.code, *t.implied_doer) for t in ontology.types if t.implied_doer)),
        judgments,
    )  # fmt: skip


def _rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    if not path.is_file():
        raise OntologyError(f"{path}: lexicon table not found; restore it from the kg sources")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != width:
            raise OntologyError(
                f"{path}:{number}: expected {width} tab-separated columns, found {len(cells)}; "
                "see the header comment for the columns"
            )
        rows.append((number, cells))
    return rows


def _read_triggers(
    path: Path, types: set[str], modes: set[tuple[str, str]], *, generated: bool = False
) -> list[Trigger]:
    triggers = []
    for number, cells in _rows(path, 7 if generated else 6):
        lemma, pos, event_type, mode, need, preps = cells[:6]
        where = f"{path}:{number}"
        if pos not in ("VERB", "NOUN"):
            raise OntologyError(f"{where}: pos {pos!r} must be VERB or NOUN")
        if event_type == NO_EVENT:
            mode = "-"
        elif event_type not in types:
            raise UnknownTermError(f"{where}: type {event_type!r} is not a concept of plover.ttl")
        if mode != "-" and (event_type, mode) not in modes:
            raise UnknownTermError(
                f"{where}: mode {mode!r} is not declared under plover:{event_type}; "
                "add a narrower concept with kg:eventMode to plover.ttl"
            )
        conditions = _parse_needs(need, where)
        (kind, values), *more = conditions or [(None, ())]
        triggers.append(
            Trigger(
                lemma=lemma,
                pos=pos,
                type=event_type,
                mode=None if mode == "-" else mode,
                need=kind,
                values=values,
                preps=() if preps == "-" else tuple(preps.split(",")),
                more=tuple((k, v) for k, v in more if k is not None),
                source=f"cameo:{cells[6]}" if generated else "kg",
            )
        )
    return triggers


def _row_rank(trigger: Trigger) -> int:
    """Where a row stands among the rows of its word: the hand conditions, the dictionary's
    "no event" conditions, the hand row without conditions, then the dictionary's other rows
    (a stable sort keeps each table's order within a rank)."""
    hand = trigger.source == "kg"
    if trigger.need is not None:
        return 0 if hand else 1 if trigger.type == NO_EVENT else 3
    return 2 if hand else 4


def _parse_needs(needs: str, where: str) -> list[tuple[str | None, tuple[str, ...]]]:
    """The conditions of a needs cell: "-", or "kind=a|b" parts joined by ";"."""
    if needs == "-":
        return []
    found: list[tuple[str | None, tuple[str, ...]]] = []
    for need in needs.split(";"):
        kind, _, values = need.partition("=")
        if kind not in _NEED_KINDS:
            raise OntologyError(
                f"{where}: condition {need!r} must start with one of {_NEED_KINDS}")
        if kind == "subj" and not values:
            raise OntologyError(f"{where}: condition {need!r}: a subject condition is "
                                "subj=*crowd or subj=lemma|lemma")
        if kind == "judge" and values not in ("neg", "pos"):
            raise OntologyError(
                f"{where}: condition {need!r}: a judgment is judge=neg or judge=pos")
        if kind == "pobj":  # "to:gallows|prison": the preposition, then its object's lemmas
            prep, _, values = values.partition(":")
            found.append((kind, (prep, *(v for v in values.split("|") if v))))
            continue
        found.append((kind, tuple(v for v in values.split("|") if v)))
    return found


def _read_discards(path: Path) -> tuple[tuple[str, str], ...]:
    """(level, phrase) rows of the discard table (JSON: {"story": [...], "sentence": [...]})."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return tuple((level, str(phrase)) for level in DISCARD_LEVELS for phrase in data[level])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise OntologyError(f"{path}: cannot read the discard table ({err}); regenerate it with "
                            "`python scripts/make_discards.py`") from err


def _read_judgments(path: Path) -> Mapping[str, float]:
    """Word -> rating rows of the judgment table (word, rating from -4 to +4)."""
    found: dict[str, float] = {}
    for number, (word, rating) in _rows(path, 2):
        try:
            found[word] = float(rating)
        except ValueError:
            raise OntologyError(f"{path}:{number}: rating {rating!r} is not a number") from None
    return MappingProxyType(found)


def _read_cues(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for number, (category, lemma, value) in _rows(path, 3):
        if category not in CUE_CATEGORIES:
            raise OntologyError(
                f"{path}:{number}: cue category {category!r} is not one of {CUE_CATEGORIES}"
            )
        rows.append((category, lemma, value))
    return rows
