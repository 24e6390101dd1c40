"""Turn the PETRARCH2 CAMEO verb dictionary, through the official CAMEO -> PLOVER crosswalk, into
kg's trigger table format: ``ontology/cameo_triggers.tsv`` (issue #14).

    python scripts/make_cameo_triggers.py [--lexicons ../shared/lexicons] [--out ontology/...]

Sources (copied unchanged into ``shared/lexicons``; see ``ontology/SOURCES.md``):
  petrarch2/CAMEO.2.0.txt          openeventdata/petrarch2 @ 676801cd, MIT
  plover/CAMEO2PLOVER-2021.txt     openeventdata/PLOVER @ 5e0c24fb, CC BY-SA 4.0
  ngec/PLOVER_structured_codebook_updated.csv   ahalterman/NGEC-2025 @ a3909e2a, MIT
The generated table is a derived work of the crosswalk and so is CC BY-SA 4.0.

How the dictionary's syntax becomes kg's dependency conditions:

* A verb block (``--- NAME [code] ---``) lists verbs; each verb has the block's code unless it
  carries its own (``DISMISS [110]``). ``[---]`` is no event. A verb with a code gets an
  unconditional row, placed after its conditional ones (rows are matched in order), except
  the general verbs of the "not specified" codes 040, 050, 060, 080, 100 and 140
  (``OBJECT_ONLY_CODES``: "lead", "give", "unveil", "reveal", "annoy", "provoke"), which tell
  an event only with the objects their patterns name.
* A multi-word verb (``+CARRY_OUT``, ``+GET_HOLD_OF``, ``+GIVE_NOTICE``) is its first word plus
  conditions: a particle (``prt=out``), a preposition (``prep=for``), an object (``obj=notice``).
* A pattern ``- * OBJECT (PREP ...) [code] # VERBS`` becomes a row of each verb named in its
  comment (all the block's verbs when none is) with an object condition (the object's lemma,
  a synonym set ``&SET`` expanded to its members, a compound ``{A B}`` reduced to its head ``B``,
  ``+`` an actor), a preposition condition, or both (``obj=x;prep=to``, all must hold). A
  prepositional phrase with an object word (``(TO GALLOWS)``, ``(TO BORDER)``) conditions on
  that object too (``pobj=to:gallows``): the preposition alone would let "sent troops to the
  border" pass for "sent to the gallows".
  Patterns with words before the verb (``- TALKS * [...]``: subject-side noun disambiguation,
  which the parse does for kg) are left out, except a lone subject item coded ``[---]``
  (``- {&AIRCRAFT CRASH} * [---] # KILL``, ``- EARTHQUAKE *``, ``- MARKET *``): a ``NONE`` row
  with a subject condition (``subj=crash``), as "a plane crash killed 20" is no attack. The few
  forms that do not reduce to those conditions are left out and counted. A pattern coded
  ``[---]`` becomes a ``NONE`` row: that verb with that object is no event ("cut
  production"), which stops the verb's unconditional row.
* A code becomes a PLOVER type and mode through the crosswalk (its longest matching code
  prefix); a mode the current codebook does not list is dropped, and one it defines
  otherwise is corrected (``crosswalk_corrections`` in ontology/sources/plover_kg.json);
  codes the crosswalk does not map (01 statements, 02 appeals) give no row.
  ``[a:b]`` codes use the source side ``a``.
* Where patterns disagree on the type for one verb and condition, a plain-word pattern wins
  over a compound reduced to its head; when the disagreement stays, the row is left out.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "forth", "forward",
                       "together", "aside", "along", "apart", "behind"})
PREPOSITIONS = frozenset({"about", "across", "after", "against", "at", "by", "for", "from", "in",
                          "into", "of", "on", "onto", "over", "through", "to", "toward",
                          "towards", "under", "upon", "with", "within", "without", "between",
                          "among", "around", "near", "beyond", "despite", "during", "inside",
                          "outside", "since", "until", "amid"})
ARTICLES = frozenset({"a", "an", "the"})
#: Codes whose block lists general verbs that tell the event only with the right object:
#: "060 engage in material cooperation, not specified" holds "lead", "head", "give",
#: "manage", "increase", "establish" (a committee "headed by X", "gave the people a gift" are
#: no cooperation); "050 engage in diplomatic cooperation, not specified" holds "reveal",
#: "unveil", "promote", "advertise", "influence", "admit" (a product unveiled is no support);
#: "080 yield, not specified" holds "approve", "authorize", "pass", "clear", "resolve" (a
#: law passed or a rule approved yields to no one; the verbs that yield on their own,
#: "capitulate", "cede", are hand rows of triggers.tsv); "040 consult, not specified" holds
#: "go", "leave", "arrive", "face", "think", "consider", "gather" ("contact", "notify" and
#: "tour" are hand rows); "140 engage in political dissent, not specified" holds "annoy",
#: "irritate", "provoke", "agonize", "upset", "bother" (feelings, no protest; the verbs that
#: protest on their own, "protest", "demonstrate", "riot", are hand rows); "100 make a public
#: statement of demand, not specified" holds "need", "push", "bid", "campaign", "decree" ("X
#: needs Y" demands nothing; "demand", "urge", "exhort", "push for" are hand rows).
#: Their verbs keep the rows of the patterns that name an object.
OBJECT_ONLY_CODES = frozenset({"040", "050", "060", "080", "100", "140"})
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass(frozen=True)
class Row:
    lemma: str
    type: str
    mode: str
    needs: str
    code: str
    compound: bool = False


def singular(word: str) -> str:
    """A plural noun's singular, by the regular English rules (lemmas of the objects).

    >>> [singular(w) for w in ("ties", "talks", "crosses", "arms", "bus", "analysis")]
    ['tie', 'talk', 'cross', 'arm', 'bus', 'analysis']
    """
    if len(word) > 4 and word.endswith("ies") and word not in {"ties", "lies"}:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def load_crosswalk(path: Path, modes: dict[str, set[str]],
                   corrections: dict[str, dict[str, str]] | None = None
                   ) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode or "-"), modes kept only where the codebook has them;
    `corrections` (plover_kg.json) re-map codes the codebook defines otherwise."""
    corrections = corrections or {}
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,]*)", line)
        if not match:
            continue
        code, kind, mode = match[1], match[2], match[3].strip().lower()
        if code in corrections:
            kind, mode = corrections[code]["type"], corrections[code]["mode"]
        table[code] = (kind, mode if mode in modes.get(kind, set()) else "-")
    return table



def load_modes(path: Path) -> dict[str, set[str]]:
    """The current codebook's modes of each type."""
    modes: dict[str, set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            modes[row["event"].strip()]
            if row["mode"].strip():
                modes[row["event"].strip()].add(row["mode"].strip().lower())
    return modes


def plover(code: str, crosswalk: dict[str, tuple[str, str]]) -> tuple[str, str] | None:
    """The PLOVER (type, mode) of a CAMEO code, by its longest mapped prefix; None if unmapped.

    >>> plover("0332", {"033": ("AGREE", "-"), "0332": ("AGREE", "-")})
    ('AGREE', '-')
    >>> plover("012", {"033": ("AGREE", "-")}) is None
    True
    """
    code = code.split(":")[0].strip()
    if not code or code == "---" or not code.isdigit():
        return None
    for end in range(len(code), 2, -1):
        if code[:end] in crosswalk:
            return crosswalk[code[:end]]
    return None


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    """``&NAME`` -> member phrases (lower case, words joined by spaces)."""
    sets: dict[str, list[str]] = {}
    current: str | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif line.startswith("+") and current:
            word = line[1:].split("{")[0].split()[0] if line[1:].strip() else ""
            if word:
                sets[current].append(word.strip("_").replace("_", " ").lower())
        elif not line:
            continue
    return sets


def object_values(item: str, synsets: dict[str, list[str]]) -> tuple[list[str], bool] | None:
    """Lemmas an object item allows, and whether they come from a compound's head."""
    if item == "+":
        return ["*actor"], False
    compound = item.startswith("{")
    if compound:
        words = item.strip("{}").split()
        if not words:
            return None
        item = words[-1]
    if item.startswith("&"):
        members = synsets.get(item)
        if not members:
            return None
        heads = {m.split()[-1] for m in members}
        values = sorted({v for h in heads for v in (h, singular(h))})
        return values, compound
    word = item.strip("_").lower()
    if not re.fullmatch(r"[a-z][a-z'-]*", word):
        return None
    return sorted({word, singular(word)}), compound


def subject_condition(pre: str, post: str, code: str, synsets: dict[str, list[str]]) -> str | None:
    """``subj=a|b`` for a pattern whose only item is one subject before the verb and whose
    code is no event (``- EARTHQUAKE * [---]``, ``- {&AIRCRAFT CRASH} *``), else None.

    >>> subject_condition(" EARTHQUAKE ", "", "---", {})
    'subj=earthquake'
    >>> subject_condition(" {&AIRCRAFT CRASH} ", "", "---", {"&AIRCRAFT": ["plane"]})
    'subj=crash'
    >>> subject_condition(" TALKS ", "", "040", {}) is None
    True
    """
    items = tokens(pre.strip())
    if len(items) != 1 or post.strip() or not (code.startswith("---") or code == ""):
        return None
    found = object_values(items[0], synsets)
    if found is None or found[0] == ["*actor"]:
        return None
    return "subj=" + "|".join(found[0])


def tokens(text: str) -> list[str]:
    """Split a pattern's right side into items: words, &SETS, {compounds}, (phrases), + $ %."""
    return re.findall(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+", text)


def pattern_conditions(post: str, synsets: dict[str, list[str]]) -> tuple[str, bool] | None:
    """The needs column for a pattern's right side, or None when it does not reduce."""
    items = tokens(post)
    conditions: list[str] = []
    compound = False
    while items and items[0].lower() in PARTICLES:
        conditions.append(f"prt={items.pop(0).lower()}")
    if items and not items[0].startswith("(") and items[0].lower() not in PREPOSITIONS:
        found = object_values(items.pop(0), synsets)
        if found is None:
            return None
        values, compound = found
        conditions.append("obj=" + "|".join(values))
    for item in items:
        words = tokens(item[1:-1]) if item.startswith("(") else [item]
        if not words or words[0].lower() not in PREPOSITIONS:
            return None
        if not item.startswith("(") and len(items) != 1:
            return None
        prep = words[0].lower()
        rest = [w for w in words[1:] if w.lower() not in ARTICLES]
        if not rest or rest[0] in ("+", "$", "%"):
            conditions.append(f"prep={prep}")  # "(TO +)": to an actor, found as a recipient
            continue
        # "(TO GALLOWS)", "(TO BORDER)": the preposition's object decides the code too
        found = object_values(rest[0], synsets)
        if found is None or found[0] == ["*actor"]:
            return None
        conditions.append(f"pobj={prep}:" + "|".join(found[0]))
    if not conditions:
        return None
    return ";".join(conditions), compound


def verb_entry(line: str) -> tuple[str, str, str | None] | None:
    """(lemma, extra needs, own code) of a verb line; None for lines that are not verbs."""
    own = _CODE.search(line)
    text = _CODE.sub("", line.split("#", 1)[0]).split("{")[0].strip()
    if not text or text.startswith("-"):
        return None
    words = text.lstrip("+").strip("_").lower().split("_")
    if not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return None
    needs: list[str] = []
    rest = words[1:]
    if rest and rest[0] in PARTICLES:
        needs.append(f"prt={rest.pop(0)}")
    if rest and rest[0] not in PREPOSITIONS and rest[0] not in {"and", "or"}:
        needs.append(f"obj={rest.pop(0)}")
    if rest and rest[0] in PREPOSITIONS:
        needs.append(f"prep={rest.pop(0)}")
    if rest:
        return None  # "kidnapped_and_killed", "live_up_to": forms the conditions cannot say
    return words[0], ";".join(needs), own[1] if own else None


def convert(dictionary: Path, crosswalk: dict[str, tuple[str, str]]) -> tuple[list[Row], Counter]:
    lines = dictionary.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    synsets = parse_synsets(lines[:start])
    stats: Counter = Counter()
    rows: list[Row] = []
    block_code: str | None = None
    verbs: list[tuple[str, str, str | None]] = []

    def flush_defaults() -> None:
        for lemma, needs, own in verbs:
            code = own or block_code
            found = plover(code, crosswalk) if code else None
            if found and not needs and code in OBJECT_ONLY_CODES:
                stats["verb rows left out: a general verb of a code that needs its object"] += 1
            elif found:
                rows.append(Row(lemma, found[0], found[1], needs or "-", code or ""))
                stats["verb rows"] += 1
            else:
                stats["verbs without a mapped code"] += 1

    for raw in lines[start + 1:]:
        line = raw.rstrip()
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if header:
            flush_defaults()
            block_code = header[2].strip()
            verbs = []
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("-"):
            stats["patterns"] += 1
            body, _, comment = stripped[1:].partition("#")
            code = _CODE.search(body)
            if not code or "*" not in body:
                stats["patterns left out: no code or no verb slot"] += 1
                continue
            pre, _, post = _CODE.sub("", body).partition("*")
            value = code[1].strip()
            subject = subject_condition(pre, post, value, synsets)
            if subject is not None:
                named = {w.strip().lower() for w in comment.split(",") if w.strip()}
                block = {v[0] for v in verbs if not v[1]}
                targets = sorted(block & named) or sorted(block)
                rows.extend(Row(lemma, "NONE", "-", subject, value) for lemma in targets)
                stats["pattern rows: a subject that tells no event"] += len(targets)
                continue
            if pre.strip():
                stats["patterns left out: words before the verb"] += 1
                continue
            reduced = pattern_conditions(post.strip(), synsets)
            if reduced is None:
                stats["patterns left out: not reducible to conditions"] += 1
                continue
            needs, compound = reduced
            named = {w.strip().lower() for w in comment.split(",") if w.strip()}
            block = {v[0] for v in verbs if not v[1]}
            targets = sorted(block & named) or sorted(block)
            if value.startswith("---") or value == "":
                kind: tuple[str, str] | None = ("NONE", "-")
            else:
                kind = plover(value, crosswalk)
            if kind is None:
                stats["patterns left out: code not in the crosswalk"] += 1
                continue
            for lemma in targets:
                rows.append(Row(lemma, kind[0], kind[1], needs, value, compound))
            stats["pattern rows"] += len(targets)
            continue
        entry = verb_entry(stripped)
        if entry is None:
            stats["verb lines left out"] += 1
        else:
            verbs.append(entry)
    flush_defaults()
    return rows, stats


def resolve(rows: list[Row]) -> tuple[list[Row], Counter]:
    """One row per (verb, condition): plain patterns beat compounds; ties that disagree drop."""
    stats: Counter = Counter()
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        grouped[(row.lemma, row.needs)].append(row)
    kept: list[Row] = []
    for (_lemma, _needs), group in grouped.items():
        plain = [r for r in group if not r.compound] or group
        kinds = Counter((r.type, r.mode) for r in plain)
        (top, count), *rest = kinds.most_common()
        if rest and rest[0][1] == count:
            types = {t for t, _ in kinds}
            if len(types) > 1:
                stats["conditions dropped: patterns disagree"] += 1
                continue
            top = (top[0], "-")
        kept.append(next(r for r in plain if (r.type, r.mode) == top or r.type == top[0]))
        if top[1] != kept[-1].mode:
            kept[-1] = Row(kept[-1].lemma, top[0], top[1], kept[-1].needs, kept[-1].code)
    # conditional rows first within a lemma, the more specific before the less (as the
    # dictionary's longest pattern wins: "take part in an exercise" before "take part"), the
    # unconditional row last; lemmas in order
    kept.sort(key=lambda r: (r.lemma, r.needs == "-", -r.needs.count(";"), r.needs))
    return kept, stats


HEADER = """\
# Trigger rows generated from the CAMEO verb dictionary by scripts/make_cameo_triggers.py
# (issue #14): do not edit; hand corrections go in triggers.tsv, whose rows come first.
# Sources: petrarch2/CAMEO.2.0.txt (openeventdata/petrarch2 @ 676801cd, MIT), through
# plover/CAMEO2PLOVER-2021.txt (openeventdata/PLOVER @ 5e0c24fb, CC BY-SA 4.0), modes checked
# against ngec/PLOVER_structured_codebook_updated.csv (ahalterman/NGEC-2025 @ a3909e2a, MIT).
# Licence of this file: CC BY-SA 4.0 (derived from the crosswalk).
# Columns as in triggers.tsv, plus the CAMEO code each row came from. Type NONE: this verb
# with this condition is no event (it stops the verb's later rows). needs: conditions joined by
# ';' must all hold.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexicons", type=Path, default=ROOT.parent / "shared" / "lexicons")
    parser.add_argument("--out", type=Path, default=ROOT / "ontology" / "cameo_triggers.tsv")
    args = parser.parse_args(argv)
    modes = load_modes(args.lexicons / "ngec" / "PLOVER_structured_codebook_updated.csv")
    corrections = json.loads((ROOT / "ontology" / "sources" / "plover_kg.json").read_text(
        encoding="utf-8"))["crosswalk_corrections"]
    crosswalk = load_crosswalk(args.lexicons / "plover" / "CAMEO2PLOVER-2021.txt", modes,
                               corrections)
    rows, stats = convert(args.lexicons / "petrarch2" / "CAMEO.2.0.txt", crosswalk)
    kept, more = resolve(rows)
    stats.update(more)
    lines = [HEADER.rstrip("\n"), "\t".join(("# lemma", "pos", "type", "mode", "needs", "preps",
                                              "cameo"))]
    lines += ["\t".join((r.lemma, "VERB", r.type, r.mode, r.needs, "-", r.code)) for r in kept]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for key, value in sorted(stats.items()):
        print(f"{value:6d}  {key}", file=sys.stderr)
    print(f"{len(kept):6d}  rows written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
