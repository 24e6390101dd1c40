"""Write ``ontology/actor_dictionary.json``: names of people and organisations the field codes.

    python scripts/make_actor_dictionary.py [--lexicons ../shared/lexicons] [--out ...]

Sources: the PETRARCH2/Phoenix actor dictionaries (openeventdata/petrarch2 @ 676801cd, MIT):
``Phoenix.Countries.actors.txt`` (states' office holders and bodies), ``Phoenix.International.
actors.txt`` (international organisations, NGOs, companies) and ``Phoenix.MilNonState.actors.
txt`` (non-state armed groups). An entry is a root line (``BARACK_OBAMA``) with ``+`` synonym
lines and its codes in brackets, on the root line or on indented lines below it. An entry whose
codes carry dates (``[USAGOV 090120-170120]``, ``[IGOUNO >20070101]``) is an office holder: a
person; one without is a body: an organisation. Names are folded, parenthesised acronyms and
trailing underscores dropped; one-word names are left out (a bare surname or a word such as
"Accord" would claim too much). A name claimed both as a person and as an organisation is left
out. A company (code MNC) is also known by its name without its legal form ("RITE_AID_
CORPORATION_" is "rite aid" too, as news writes it), when two words or more remain.
Output sorted and stable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.text import fold  # noqa: E402

FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
_DATED = re.compile(r"\d{6}|[<>]\s*\d")
#: Words of a company's legal form, cut off the end of its name for the name news uses.
_LEGAL_FORMS = frozenset({"corporation", "corp", "inc", "incorporated", "co", "company", "ltd",
                          "limited", "plc", "group", "holdings", "holding", "sa", "ag", "nv",
                          "llc", "lp"})


def common_name(name: str) -> str:
    """A company's name without its legal form ("rite aid corporation" -> "rite aid").

    >>> common_name("rite aid corporation"), common_name("goldman sachs")
    ('rite aid', 'goldman sachs')
    >>> common_name("active power, inc."), common_name("a.h. belo corporation")
    ('active power', 'a.h. belo')
    """
    words = name.replace(",", " ").split()
    while words and words[-1].rstrip(".") in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def read_entries(path: Path) -> list[tuple[list[str], list[str]]]:
    """(names, codes) of each entry of a PETRARCH actor dictionary.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = f.write_text("# c\\nJO_DOE_  # x\\n+MR_DOE\\n\\t[RUSGOV 090101-100101]\\n"
    ...                  "BIG_BODY_(BB)_ [RUSGOV]\\n", encoding="utf-8")
    >>> read_entries(f)
    [(['jo doe', 'mr doe'], ['RUSGOV 090101-100101']), (['big body'], ['RUSGOV'])]
    """
    entries: list[tuple[list[str], list[str]]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        name = _name(re.sub(r"\[.*", "", line))
        if raw[0] not in "+ \t":
            entries.append(([name] if name else [], codes))
        elif entries:
            if raw[0] == "+" and name:
                entries[-1][0].append(_name(line[1:].split("[", 1)[0]))
            entries[-1][1].extend(codes)
    return entries


def _name(text: str) -> str:
    text = re.sub(r"\([^)]*\)", " ", text.replace("_", " "))
    return " ".join(fold(text).split())


def build(lexicons: Path) -> dict[str, dict[str, int]]:
    """{"people": {name: file index}, "organizations": {name: file index}} (FILES order)."""
    people: dict[str, int] = {}
    orgs: dict[str, int] = {}
    for index, file in enumerate(FILES):
        for names, codes in read_entries(lexicons / "petrarch2" / file):
            table = people if any(_DATED.search(c) for c in codes) else orgs
            company = table is orgs and any(c.startswith("MNC") for c in codes)
            for name in names:
                for form in (name, common_name(name)) if company else (name,):
                    if len(form.split()) >= 2:
                        table.setdefault(form, index)
    clash = people.keys() & orgs.keys()
    return {
        "people": {k: people[k] for k in sorted(people) if k not in clash},
        "organizations": {k: orgs[k] for k in sorted(orgs) if k not in clash},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicons", type=Path, default=ROOT.parent / "shared" / "lexicons")
    parser.add_argument("--out", type=Path, default=ROOT / "ontology" / "actor_dictionary.json")
    args = parser.parse_args(argv)
    tables = build(args.lexicons)
    data = {
        "about": ("Names of office holders (people) and bodies (organisations) from the "
                  "PETRARCH2/Phoenix actor dictionaries (openeventdata/petrarch2 @ 676801cd, "
                  "MIT), folded, each with the index in 'files' of the file that names it. "
                  "GENERATED by "
                  "scripts/make_actor_dictionary.py (see it for the rules); do not edit."),
        "files": list(FILES),
        **tables,
    }
    text = json.dumps(data, indent=0, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(tables['people'])} people, "
          f"{len(tables['organizations'])} organisation names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
