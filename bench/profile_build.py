"""Profile `kg build` stage by stage: each spaCy component, the work after spaCy, the corpus stages.

The articles are parsed one component at a time (`proc.pipe` over all docs), so the time of
each component, kg's own ``kg_paragraphs`` and ``kg_gazetteer`` included, is measured on its
own. Then entity extraction, event extraction and the sentence list are timed over the parsed
docs, then the cross-article stages (`link_corpus`) and the output writers. With ``--profile``
the work after spaCy and the corpus stages run under cProfile and the top functions by own
time are printed (and the raw stats saved next to the JSON figures).

Example::

    python bench/profile_build.py bench/results/corpus-1000-s7.jsonl --limit 200 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
T = TypeVar("T")


class Timer:
    """Collect wall and CPU seconds per named step, optionally under one shared profiler."""

    def __init__(self, profiler: cProfile.Profile | None) -> None:
        self.rows: dict[str, dict[str, float]] = {}
        self.profiler = profiler

    def run(self, name: str, func: Callable[[], T], *, profile: bool = False) -> T:
        wall, cpu = time.perf_counter(), time.process_time()
        if profile and self.profiler is not None:
            self.profiler.enable()
        try:
            return func()
        finally:
            if profile and self.profiler is not None:
                self.profiler.disable()
            row = self.rows.setdefault(name, {"wall_s": 0.0, "cpu_s": 0.0})
            row["wall_s"] += time.perf_counter() - wall
            row["cpu_s"] += time.process_time() - cpu


def parse_by_component(nlp: Any, texts: Sequence[str], timer: Timer, batch_size: int) -> list[Any]:
    """Run the enabled pipeline one component at a time over every text; time each."""
    docs = timer.run("spacy:tokenizer", lambda: [nlp.make_doc(t) for t in texts])
    for name, proc in nlp.pipeline:
        if hasattr(proc, "pipe"):
            docs = timer.run(f"spacy:{name}", lambda p=proc: list(p.pipe(docs, batch_size=batch_size)))
        else:
            docs = timer.run(f"spacy:{name}", lambda p=proc: [p(d) for d in docs])
    return docs


def profile(corpus: Path, *, limit: int | None, batch_size: int, use_profiler: bool) -> dict[str, Any]:
    """Measure every stage of a build of `corpus`; return the figures."""
    profiler = cProfile.Profile() if use_profiler else None
    timer = Timer(profiler)
    from kg.analyse import load_resources
    from kg.entities import extract_entities
    from kg.events import extract_events
    from kg.nlp import load_nlp
    from kg.paths import default_ontology_dir
    from kg.pipeline import link_corpus, read_articles, write_outputs

    articles, _ = timer.run("read_articles", lambda: read_articles([corpus]), profile=True)
    articles = articles[:limit] if limit else articles
    resources = timer.run("load_resources", lambda: load_resources(default_ontology_dir()),
                          profile=True)
    nlp = timer.run("load_nlp", lambda: load_nlp(None, gazetteer=resources.gazetteer))
    docs = parse_by_component(nlp, [a.text for a in articles], timer, batch_size)
    analyses = []
    from kg.records import ArticleAnalysis

    for doc, article in zip(docs, articles, strict=True):
        mentions, entities = timer.run(
            "extract_entities", lambda: extract_entities(doc, article, resources.gazetteer),
            profile=True,
        )
        events = timer.run(
            "extract_events",
            lambda: extract_events(doc, article, mentions, entities, resources.lexicon),
            profile=True,
        )
        sentences = timer.run(
            "sentences", lambda: tuple((s.start_char, s.end_char) for s in doc.sents), profile=True
        )
        analyses.append(ArticleAnalysis(article.id, sentences, tuple(mentions), tuple(entities),
                                        tuple(events)))
    del docs
    corpus_obj = timer.run("link_corpus", lambda: link_corpus(articles, analyses), profile=True)
    with tempfile.TemporaryDirectory() as out:
        timer.run("write_outputs", lambda: write_outputs(corpus_obj, Path(out)), profile=True)
    words = sum(len(a.text.split()) for a in articles)
    spacy_cpu = sum(r["cpu_s"] for n, r in timer.rows.items() if n.startswith("spacy:"))
    after = sum(timer.rows[n]["cpu_s"] for n in ("extract_entities", "extract_events", "sentences"))
    result: dict[str, Any] = {
        "corpus": str(corpus), "articles": len(articles), "words": words,
        "steps": {n: {k: round(v, 3) for k, v in r.items()} for n, r in timer.rows.items()},
        "after_spacy_share": round(after / (spacy_cpu + after), 3) if spacy_cpu else None,
    }
    if profiler is not None:
        RESULTS.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(str(RESULTS / "profile_build.prof"))
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(35)
        result["top"] = text.getvalue()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus `kg build` reads (e.g. corpus_gen.py output)")
    parser.add_argument("--limit", type=int, default=None, help="profile only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--profile", action="store_true",
                        help="run the non-spaCy stages under cProfile and print the top functions")
    args = parser.parse_args(argv)
    result = profile(args.corpus, limit=args.limit, batch_size=args.batch_size,
                     use_profiler=args.profile)
    top = result.pop("top", None)
    print(f"{result['articles']} articles, {result['words']} words")
    print(f"{'step':<24} {'wall s':>8} {'cpu s':>8}")
    for name, row in result["steps"].items():
        print(f"{name:<24} {row['wall_s']:>8.2f} {row['cpu_s']:>8.2f}")
    print(f"work after spaCy / (spaCy + after): {result['after_spacy_share']}")
    if top:
        print(top)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / "profile_build.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
