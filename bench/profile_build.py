"""Profile `kg build` stage by stage: each spaCy component, the work after spaCy, the corpus stages.

The articles are parsed one component at a time (`proc.pipe` over all docs), so the time of
each component, kg's own ``kg_paragraphs`` and ``kg_gazetteer`` included, is measured on its
own. Then entity extraction, event extraction and the sentence list are timed over the parsed
docs, then the cross-article stages (`link_corpus`) and the output writers. With ``--profile``
the work after spaCy and the corpus stages run under cProfile and the top functions by own
time are printed (and the raw stats saved next to the JSON figures).

With ``--rerun OUT`` it times instead the steps of a cached re-run of a build already made into
OUT (imports, reading and de-duplicating, cache look-up, linking, each writer), which is the
fixed cost a re-run pays however few articles are new. It rewrites OUT just as ``kg build``
does (same files, same bytes).

Example::

    python bench/profile_build.py bench/results/corpus-1000-s7.jsonl --limit 200 --profile
    python bench/profile_build.py bench/results/corpus-1000-s7.jsonl --rerun bench/results/out-1000
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

    def run(self, name: str, func: Callable[..., T], *args: Any, profile: bool = False) -> T:
        """Return `func(*args)`, adding its wall and CPU seconds to step `name`."""
        wall, cpu = time.perf_counter(), time.process_time()
        if profile and self.profiler is not None:
            self.profiler.enable()
        try:
            return func(*args)
        finally:
            if profile and self.profiler is not None:
                self.profiler.disable()
            row = self.rows.setdefault(name, {"wall_s": 0.0, "cpu_s": 0.0})
            row["wall_s"] += time.perf_counter() - wall
            row["cpu_s"] += time.process_time() - cpu


def parse_by_component(nlp: Any, texts: Sequence[str], timer: Timer, batch_size: int) -> list[Any]:
    """Run the enabled pipeline one component at a time over every text; time each."""

    def run_component(proc: Any, docs: list[Any]) -> list[Any]:
        if hasattr(proc, "pipe"):
            return list(proc.pipe(docs, batch_size=batch_size))
        return [proc(doc) for doc in docs]

    docs = timer.run("spacy:tokenizer", lambda: [nlp.make_doc(t) for t in texts])
    for name, proc in nlp.pipeline:
        docs = timer.run(f"spacy:{name}", run_component, proc, docs)
    return docs


def profile(
    corpus: Path, *, limit: int | None, batch_size: int, use_profiler: bool
) -> dict[str, Any]:
    """Measure every stage of a build of `corpus`; return the figures."""
    profiler = cProfile.Profile() if use_profiler else None
    timer = Timer(profiler)
    from kg.extract.analyse import load_resources
    from kg.extract.entities.finder import extract_entities
    from kg.extract.events.finder import extract_events
    from kg.extract.nlp import load_nlp
    from kg.paths import default_ontology_dir
    from kg.pipeline.compose import link_corpus, read_articles
    from kg.pipeline.output import write_outputs

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
            "extract_entities", extract_entities, doc, article, resources.gazetteer, profile=True
        )
        events = timer.run(
            "extract_events", extract_events, doc, article, mentions, entities,
            resources.lexicon, profile=True,
        )
        sentences = timer.run("sentences", _sentences, doc, profile=True)
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


def _sentences(doc: Any) -> tuple[tuple[int, int], ...]:
    return tuple((s.start_char, s.end_char) for s in doc.sents)


def profile_rerun(corpus: Path, out: Path, *, use_profiler: bool) -> dict[str, Any]:
    """Time each step of a cached re-run of `corpus`, whose build is in `out`."""
    profiler = cProfile.Profile() if use_profiler else None
    timer = Timer(profiler)

    def imports() -> None:
        import kg.cli  # noqa: F401
        import kg.pipeline.compose  # noqa: F401

    timer.run("import kg.cli, kg.pipeline.compose", imports, profile=True)
    from kg.extract.analyse import load_resources
    from kg.paths import default_ontology_dir
    from kg.pipeline.compose import analyse_articles, link_corpus, read_articles
    from kg.pipeline.output import write_jsonl
    from kg.rdf.store import write_outputs_rdf
    from kg.views.analytics import compute_stats, write_graphml
    from kg.views.page import write_html

    articles, report = timer.run(
        "read_articles", lambda: read_articles([corpus], cache_dir=out), profile=True
    )
    resources = timer.run("load_resources", lambda: load_resources(default_ontology_dir()),
                          profile=True)
    analyses = timer.run("analyse_articles (cache)",
                         lambda: analyse_articles(articles, resources, report, out_dir=out),
                         profile=True)
    if report.new:
        raise SystemExit(f"{out}: {report.new} article(s) were not cached; build it first")
    ordered = [analyses[a.id] for a in articles]
    corpus_obj = timer.run("link_corpus", link_corpus, articles, ordered, profile=True)
    timer.run("write_jsonl", write_jsonl, corpus_obj, out, profile=True)
    timer.run("write_outputs_rdf", write_outputs_rdf, corpus_obj, out, profile=True)
    stats = timer.run("compute_stats", compute_stats, corpus_obj, profile=True)
    timer.run("write_graphml", write_graphml, corpus_obj, out / "graph.graphml", profile=True)
    timer.run("write_html", lambda: write_html(corpus_obj, out / "graph.html", stats=stats),
              profile=True)
    result: dict[str, Any] = {
        "corpus": str(corpus), "rerun": str(out), "articles": len(articles),
        "steps": {n: {k: round(v, 3) for k, v in r.items()} for n, r in timer.rows.items()},
    }
    if profiler is not None:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(45)
        result["top"] = text.getvalue()
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path,
                        help="a corpus `kg build` reads (e.g. corpus_gen.py output)")
    parser.add_argument("--limit", type=int, default=None, help="profile only the first N articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--profile", action="store_true",
                        help="run the non-spaCy stages under cProfile and print the top functions")
    parser.add_argument("--rerun", type=Path, metavar="OUT",
                        help="time the steps of a cached re-run of the build in OUT instead")
    args = parser.parse_args(argv)
    if args.rerun:
        result = profile_rerun(args.corpus, args.rerun, use_profiler=args.profile)
        print(f"{result['articles']} articles, cached re-run of {args.rerun}")
    else:
        result = profile(args.corpus, limit=args.limit, batch_size=args.batch_size,
                         use_profiler=args.profile)
        print(f"{result['articles']} articles, {result['words']} words")
    top = result.pop("top", None)
    print(f"{'step':<24} {'wall s':>8} {'cpu s':>8}")
    for name, row in result["steps"].items():
        print(f"{name:<24} {row['wall_s']:>8.2f} {row['cpu_s']:>8.2f}")
    if "after_spacy_share" in result:
        print(f"work after spaCy / (spaCy + after): {result['after_spacy_share']}")
    total = sum(row["wall_s"] for row in result["steps"].values())
    print(f"{'total':<24} {total:>8.2f}")
    if top:
        print(top)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with (RESULTS / "profile_build.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
