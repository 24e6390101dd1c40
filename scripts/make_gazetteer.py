"""Regenerate ontology/countries.json from pycountry, countryinfo and the curated additions.

Run from the repository root after editing ``ontology/sources/countries_curated.json``:

    python scripts/make_gazetteer.py

pycountry (ISO 3166-1, LGPL-2.1) gives the names; countryinfo (MIT) gives demonyms, capitals,
population and official alternative spellings; the curated file adds English variants, plural
demonyms, seats of government and Wikidata QIDs. The output is sorted and stable, so a re-run
with the same package versions gives a byte-identical file.
"""

from __future__ import annotations

import glob
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CURATED = ROOT / "ontology" / "sources" / "countries_curated.json"
OUTPUT = ROOT / "ontology" / "countries.json"

#: An alternative spelling is kept only when it names a form of state in English
#: ("Republic of Turkey"); native-language spellings such as "Island" (Iceland) are noise.
_STATE_FORM = re.compile(
    r"\b(Republic|Kingdom|State|Federation|Commonwealth|Union|Principality|Emirates|"
    r"Sultanate|Duchy|Confederation|Islands)\b"
)
#: Territories smaller than this keep their names but lend no capital as a metonym.
MIN_CAPITAL_POPULATION = 200_000


def _load_countryinfo() -> dict[str, dict[str, Any]]:
    import countryinfo

    base = os.path.dirname(countryinfo.__file__)
    by_code: dict[str, dict[str, Any]] = {}
    for path in sorted(glob.glob(os.path.join(base, "data", "*.json"))):
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        if not text.strip().startswith("{"):
            continue  # a few files of the package are not JSON
        info = json.loads(text)
        code = (info.get("ISO") or {}).get("alpha2")
        if code:
            by_code.setdefault(code, info)
    return by_code


def _english(name: str) -> bool:
    return all(ord(ch) < 0x250 for ch in name)


def _split(value: Any) -> list[str]:
    if not value:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(",") if part.strip()]


def build_countries() -> list[dict[str, Any]]:
    """Merge the three sources into one sorted list of country records."""
    import pycountry

    info = _load_countryinfo()
    curated: dict[str, dict[str, Any]] = json.loads(CURATED.read_text("utf-8"))["countries"]
    rows: list[dict[str, Any]] = []
    codes = {c.alpha_2 for c in pycountry.countries} | set(curated)
    for code in sorted(codes):
        iso = pycountry.countries.get(alpha_2=code)
        ci = info.get(code, {})
        extra = curated.get(code, {})
        population = int(ci.get("population") or 0)
        if iso is not None and population == 0 and code not in curated:
            continue  # uninhabited territories (Antarctica, Bouvet Island, ...)
        names: list[str] = []
        if iso is not None:
            names += [iso.name, getattr(iso, "official_name", ""), getattr(iso, "common_name", "")]
        names.append(ci.get("name", ""))
        names += [s for s in ci.get("altSpellings", []) if _STATE_FORM.search(s)]
        names += extra.get("names", [])
        names = [re.sub(r"^the ", "", n.strip()) for n in names if n and n.strip()]
        names = [n for n in names if ", " not in n and "(" not in n and _english(n)]
        drop = set(extra.get("drop", []))
        label = extra.get("label") or _default_label(iso, ci)
        names = _unique([label, *names], drop)
        capitals = extra.get("capitals")
        if capitals is None:
            capitals = [c for c in _split(ci.get("capital")) if "/" not in c]
            if population < MIN_CAPITAL_POPULATION:
                capitals = []
        capitals = [c for c in capitals if c not in names]
        demonyms = _split(ci.get("demonym")) + extra.get("demonyms", [])
        demonyms = _unique(demonyms + _plurals(demonyms), set())
        alpha3 = iso.alpha_3 if iso is not None else extra["alpha3"]
        row: dict[str, Any] = {"id": alpha3, "label": label}
        if extra.get("qid"):
            row["qid"] = extra["qid"]
        row["names"] = names
        if extra.get("acronyms"):
            row["acronyms"] = extra["acronyms"]
        row["demonyms"] = demonyms
        row["capitals"] = _unique(capitals, set())
        row["seats"] = extra.get("seats", [])
        if extra.get("territories"):
            row["territories"] = extra["territories"]
        row["population"] = population
        rows.append(row)
    _resolve_shared_demonyms(rows)
    return rows


def _default_label(iso: Any, ci: dict[str, Any]) -> str:
    if iso is None:
        return str(ci.get("name"))
    common = getattr(iso, "common_name", None)
    if common:
        return str(common)
    if ", " in iso.name or "(" in iso.name:
        return str(ci.get("name") or iso.name)
    return str(iso.name)


def _plurals(demonyms: list[str]) -> list[str]:
    # "Qatari" -> "Qataris", "Russian" -> "Russians"; "Swiss", "Dutch", "Turkish" have none.
    return [d + "s" for d in demonyms if re.search(r"(an|i|er|ot)$", d) and not d.endswith("man")]


def _unique(items: list[str], drop: set[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        if item and item not in seen and item not in drop:
            seen.add(item)
            out.append(item)
    return out


def _resolve_shared_demonyms(rows: list[dict[str, Any]]) -> None:
    """Give a demonym shared by several entries ("French", "Chinese") to the most populous."""
    owner: dict[str, dict[str, Any]] = {}
    for row in rows:
        for demonym in row["demonyms"]:
            best = owner.get(demonym)
            if best is None or row["population"] > best["population"]:
                owner[demonym] = row
    for row in rows:
        row["demonyms"] = [d for d in row["demonyms"] if owner[d] is row]


def main() -> int:
    rows = build_countries()
    for row in rows:
        del row["population"]
    payload = {
        "about": "Generated by scripts/make_gazetteer.py from pycountry (ISO 3166-1, LGPL-2.1), "
        "countryinfo (MIT) and ontology/sources/countries_curated.json. Do not edit by hand.",
        "countries": rows,
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    sys.path.insert(0, str(ROOT))
    from kg.atomic import atomic_write_text

    atomic_write_text(OUTPUT, text)
    return len(rows)


if __name__ == "__main__":
    count = main()
    sys.stdout.write(f"wrote {count} countries to {OUTPUT.relative_to(ROOT)}\n")
