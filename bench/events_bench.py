"""Event extraction against hand-made references: recall, status accuracy, leaks, extras.

    python bench/events_bench.py                 # every reference
    python bench/events_bench.py --only seeds    # corpus/seeds.gold.json on examples/news
    python bench/events_bench.py --only ecb      # bench/reference/ecb_events.json on ECB+
    python bench/events_bench.py --only unseen   # bench/reference/ecb_unseen_events.json
    python bench/events_bench.py --only dev      # bench/reference/dev_events.json (MEANTIME + ECB+)
    python bench/events_bench.py --only dev2     # bench/reference/dev2_events.json (a second set)

A reference event is found when some extracted event has its type (or a type the reference
note calls acceptable), its source among the actors and its target among the recipients
(either side for reciprocal types), matching by the actors' labels and aliases. The notes of a
reference event widen the match the way they say, read by `note_rules`: "X as source is
acceptable", "an X-level target is acceptable", "A, B and C are named the same way", "any
target on the A/B sides", "also targets X" add labels; "who act for" lets an actor affiliated
with the reference actor stand for it; "no named addressee" / "may be left open" accept an
event without recipients. Uses the full pipeline (`kg.pipeline.compose.build`); ECB+ articles are
written to a temporary JSONL file first.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpus")
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}


def fold(text: str) -> str:
    from kg.text import fold as kg_fold

    return re.sub(r"^the ", "", kg_fold(text))


def run_pipeline(paths: Sequence[Path]):  # type: ignore[no-untyped-def]
    """Return (events, {actor id: folded names}, {actor id: affiliation id})."""
    from kg.pipeline.compose import build

    corpus = build(paths, use_cache=False).corpus
    names = {a.id: {fold(a.label), *map(fold, a.aliases)} for a in corpus.actors}
    affiliations = {a.id: a.affiliation for a in corpus.actors if a.affiliation}
    return corpus.events, names, affiliations


def gold_names(actors: dict, label: str) -> set[str]:
    info = actors.get(label, {})
    return {fold(label), *map(fold, info.get("aliases", []))}


def acceptable_types(event: dict) -> set[str]:
    found = set(re.findall(r"\b([A-Z]{4,})\b is also acceptable", event.get("note", "")))
    return {event["type"], *found}


def _labels(text: str) -> list[str]:
    return [x.strip() for x in re.split(r",|/| and ", text) if x.strip()]


def note_rules(event: dict) -> dict:
    """What a reference note allows beyond the event's own source and target."""
    note = event.get("note", "")
    sources = re.findall(r"([A-Z][\w .]+?) as source is acceptable", note)
    targets = re.findall(r"an? ([A-Z][\w .]+?)-level target is acceptable", note)
    for listed in re.findall(r"([A-Z][\w ,.]+?) (?:are|is) named the same way", note):
        targets.extend(_labels(listed))
    for listed in re.findall(r"any target on the ([\w /]+?) sides? is acceptable", note):
        targets.extend(_labels(listed))
    targets.extend(re.findall(r"also targets ([A-Z][\w .]+)", note))
    return {
        "sources": sources,
        "targets": targets,
        "affiliates": "act for" in note or "acting for" in note,
        "open_target": "no named addressee" in note or "may be left open" in note,
    }


def matches(gold: dict, event, actor_names: dict, affiliations: dict, gold_actors: dict) -> bool:  # type: ignore[no-untyped-def]
    if event.type not in acceptable_types(gold):
        return False
    rules = note_rules(gold)
    source: set[str] = set()
    for label in (gold["source"], *rules["sources"]):
        source |= gold_names(gold_actors, label)
    target: set[str] = set()
    for label in (gold["target"], *rules["targets"]):
        target |= gold_names(gold_actors, label)

    def hit(ids: Iterable[str], wanted: set[str]) -> bool:
        for i in ids:
            if actor_names.get(i, set()) & wanted:
                return True
            if rules["affiliates"] and actor_names.get(affiliations.get(i, ""), set()) & wanted:
                return True
        return False

    if hit(event.actors, source) and (
        hit(event.recipients, target) or (rules["open_target"] and not event.recipients)
    ):
        return True
    both = (*event.actors, *event.recipients)
    return event.type in RECIPROCAL and hit(both, source) and hit(both, target)


def told_in(gold: dict, event) -> bool:  # type: ignore[no-untyped-def]
    """Whether the event's evidence holds the reference evidence (its longest fragment): a
    story may assert an event in one sentence and report its denial in another."""
    fragment = fold(max(gold["evidence"].split("..."), key=len).strip(" .,\"“”"))
    return any(fragment in fold(e.sentence) for e in event.evidence)


def score(name: str, gold_events: list[dict], gold_actors: dict, events, actor_names,  # type: ignore[no-untyped-def]
          affiliations) -> None:
    found = status_ok = leaks = 0
    used: set[str] = set()
    rows = []
    for gold in gold_events:
        hits = [e for e in events if matches(gold, e, actor_names, affiliations, gold_actors)]
        same = [e for e in hits if e.status == gold["status"]]
        if gold["status"] in ("denied", "reported") and any(
            e.status == "asserted" and told_in(gold, e) for e in hits
        ):
            leaks += 1
        if hits:
            found += 1
            status_ok += bool(same)
            used.update(e.id for e in hits)
        best = (same or hits or [None])[0]
        rows.append((gold, best))
    total = len(gold_events)
    print(f"\n== {name}: {len(events)} extracted events")
    print(f"{'reference events':<34}{total:>6}")
    print(f"{'found (type+source+target)':<34}{found:>6}   recall {found / total:.2f}")
    print(f"{'status correct among found':<34}{status_ok:>6}   {status_ok / max(found, 1):.2f}")
    print(f"{'denied/reported leaked as asserted':<34}{leaks:>6}")
    print("\nmissed:")
    for gold, best in rows:
        if best is None:
            print(f"  {gold['source']} {gold['type']} {gold['target']} [{gold['status']}]: "
                  f"{gold['evidence'][:70]}")  # fmt: skip
    print("\nwrong status:")
    for gold, best in rows:
        if best is not None and best.status != gold["status"]:
            print(f"  {gold['source']} {gold['type']} {gold['target']}: "
                  f"{best.status} instead of {gold['status']}")  # fmt: skip
    print("\nextracted, not in the reference (review by hand):")
    for event in events:
        if event.id not in used:
            label = lambda ids: ",".join(sorted(next(iter(actor_names.get(i, {i}))) for i in ids))  # noqa: E731
            print(f"  {event.type:<9} {label(event.actors)} -> {label(event.recipients) or '-'} "
                  f"[{event.status}] {event.evidence[0].sentence[:90]!r}")  # fmt: skip


def seeds() -> None:
    gold = json.loads((SHARED / "seeds.gold.json").read_text(encoding="utf-8"))
    start = time.perf_counter()
    events, names, affiliations = run_pipeline([ROOT / "examples" / "news"])
    print(f"seeds: full pipeline, {time.perf_counter() - start:.1f} s")
    gold_events = [e for story in gold["stories"].values() for e in story["events"]]
    score("seeds.gold.json", gold_events, gold["actors"], events, names, affiliations)


def reference(name: str, corpora: tuple[str, ...]) -> None:
    """Score a bench/reference file whose articles are records of shared JSONL corpora."""
    reference = json.loads((ROOT / "bench/reference" / name).read_text(encoding="utf-8"))
    wanted = set(reference["articles"])
    with tempfile.TemporaryDirectory() as tmp:
        selected = Path(tmp) / "articles.jsonl"
        with selected.open("w") as out:
            for corpus in corpora:
                with (SHARED / corpus).open(encoding="utf-8") as lines:
                    for line in lines:
                        record = json.loads(line)
                        if record["id"] in wanted:
                            fields = ("id", "title", "text", "date", "url")
                            keep = {k: record.get(k) for k in fields}
                            out.write(json.dumps(keep, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        events, names, affiliations = run_pipeline([selected])
    print(f"\n{name}: {len(wanted)} articles of {' + '.join(corpora)}, full pipeline, "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    score(name, reference["events"], reference["actors"], events, names, affiliations)


REFERENCES = {
    "dev": ("dev_events.json", ("meantime_en.jsonl", "ecbplus.jsonl")),
    "dev2": ("dev2_events.json", ("meantime_en.jsonl", "ecbplus.jsonl")),
    "ecb": ("ecb_events.json", ("ecbplus.jsonl",)),
    "unseen": ("ecb_unseen_events.json", ("ecbplus.jsonl",)),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("seeds", *REFERENCES))
    args = parser.parse_args(argv)
    if args.only in (None, "seeds"):
        seeds()
    for key, (name, corpora) in REFERENCES.items():
        if args.only in (None, key):
            reference(name, corpora)
    return 0


if __name__ == "__main__":
    sys.exit(main())
