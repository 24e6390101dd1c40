"""The gazetteer's tables that are not actor names: group nouns, the actor dictionary, non-actors.

`extra_tables` reads them from the raw JSON of the ontology files (see
`kg.extract.entities.gazetteer.DATA_FILES`) into the `Gazetteer` fields of the same names.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kg.errors import OntologyError
from kg.text import fold


def extra_tables(raw: dict[str, Any], ontology_dir: Path) -> dict[str, Any]:
    """Gazetteer fields from titles.json, agents.json, non_actors.json, actor_dictionary.json,
    given_names.json."""
    titles = raw["titles.json"]
    non_actors = raw["non_actors.json"]
    return {
        "agents": MappingProxyType(_agents(raw["agents.json"], titles, ontology_dir)),
        "statement_heads": _folded(titles.get("statement_heads", ())),
        "focus_sectors": frozenset(titles.get("focus_sectors", ())),
        "collective_nouns": _folded(titles.get("collective_nouns", ())),
        "naval_prefixes": MappingProxyType({
            str(k): tuple(map(str, v)) for k, v in titles.get("naval_prefixes", {}).items()}),
        "merchant_prefixes": frozenset(map(str, titles.get("merchant_prefixes", ()))),
        "non_actors": frozenset((*non_actors.get("time_zones", ()),
                                 *non_actors.get("abbreviations", ()))),
        "sport_cues": _folded(non_actors.get("sport_cues", ())),
        "venue_heads": _folded(non_actors.get("venue_heads", ())),
        "platforms": _folded(non_actors.get("platforms", ())),
        "sport_story": (int(non_actors.get("sport_story_min", 4)),
                        int(non_actors.get("sport_story_distinct", 3))),
        "commerce_cues": _folded(non_actors.get("commerce_cues", ())),
        "commerce_story": (int(non_actors.get("commerce_story_min", 5)),
                           int(non_actors.get("commerce_story_distinct", 3))),
        "dictionary": MappingProxyType(
            _dictionary(raw["actor_dictionary.json"], ontology_dir)),
        "given_names": _given_names(raw["given_names.json"], ontology_dir),
    }


def _given_names(data: Any, ontology_dir: Path) -> frozenset[str]:
    names = data.get("given_names") if isinstance(data, dict) else None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise OntologyError(
            f"{ontology_dir / 'given_names.json'}: expected a 'given_names' list of names; "
            "regenerate it with scripts/make_given_names.py"
        )
    return _folded(names)


def _agents(data: Any, titles: dict[str, Any], ontology_dir: Path) -> dict[str, str]:
    """Group nouns and their sectors: agents.json, plus titles.json's additions and exclusions."""
    table = data.get("agents") if isinstance(data, dict) else None
    extra = titles.get("agent_nouns", {})
    if not isinstance(table, dict) or not isinstance(extra, dict):
        raise OntologyError(
            f"{ontology_dir / 'agents.json'}: expected an 'agents' object (noun -> sector); "
            "regenerate it with scripts/make_agents.py"
        )
    excluded = _folded(titles.get("agent_exclusions", ()))
    merged = {fold(k): str(v) for k, v in {**table, **extra}.items()}
    return {k: v for k, v in sorted(merged.items()) if k not in excluded}


def _dictionary(data: Any, ontology_dir: Path) -> dict[str, tuple[str, str]]:
    """Folded name -> (type, file) from actor_dictionary.json (people win a clash)."""
    try:
        files = data["files"]
        return {
            **{name: ("Organization", files[i]) for name, i in data["organizations"].items()},
            **{name: ("Person", files[i]) for name, i in data["people"].items()},
        }
    except (KeyError, IndexError, TypeError, AttributeError) as err:
        raise OntologyError(
            f"{ontology_dir / 'actor_dictionary.json'}: malformed ({err!r}); regenerate it "
            "with scripts/make_actor_dictionary.py"
        ) from err


def _folded(items: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(i) for i in items)
