"""The pipeline: the only module that knows the order of the stages.

    read_paths -> prepare -> (cache | nlp.pipe + analyse) -> link_actors -> merge_events

`build()` returns the corpus in memory (the Python API); `write_outputs()` writes the output
folder; `read_corpus()` reads it back so `kg html`, `kg stats` and `kg export` never re-extract.
"""

from __future__ import annotations

import itertools
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.extract.analyse import Resources, cache_key, load_resources, parse_and_analyse
from kg.extract.nlp import load_nlp, model_ident, resolve_model_name
from kg.ingest.clean import CleaningRules
from kg.limits import Limits
from kg.link.places import PlaceTable, load_place_table, locate_places
from kg.ontology import load_ontology
from kg.paths import ontology_dir as checked_ontology_dir
from kg.pipeline.cache import AnalysisCache, CachedAnalyses, StoredArticles
from kg.records import (
    Actor,
    Article,
    ArticleAnalysis,
    Corpus,
    Event,
)
from kg.streams import (
    AnalysisDict,
    AnalysisResults,
    ArticleSequence,
    ArticleTuple,
    as_analyses,
    as_articles,
)

log = logging.getLogger(__name__)

DEFAULT_BATCH = 32
SkipHandler = Callable[[str, str], None]
ProgressHandler = Callable[[int, int], None]


@dataclass
class BuildReport:
    """What a build did: counts for the summary line, and every skipped input with its reason."""

    files: int = 0
    articles: int = 0
    new: int = 0
    cached: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.files} input file(s), {self.articles} article(s): {self.new} new, "
            f"{self.cached} cached, {self.duplicates} duplicate(s) merged, "
            f"{self.failed} failed; {len(self.skipped)} input(s) skipped"
        )


@dataclass
class BuildResult:
    """The Python API's answer: the corpus, the report, and the RDF graph on demand."""

    corpus: Corpus
    report: BuildReport

    @property
    def articles(self) -> Sequence[Article]:
        return self.corpus.articles

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.corpus.actors

    @property
    def events(self) -> tuple[Event, ...]:
        return self.corpus.events

    def graph(self, *, base: str | None = None) -> Any:
        """Return the corpus as an rdflib `Dataset` (one named graph per article)."""
        from kg.rdf.dataset import DEFAULT_BASE, build_dataset

        return build_dataset(self.corpus, base=base or DEFAULT_BASE)


def read_articles(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_skip: SkipHandler | None = None,
    cache_dir: Path | None = None,
    ontology_dir: Path | None = None,
) -> tuple[ArticleSequence, BuildReport]:
    """Ingest, clean, split and de-duplicate; report files read and inputs skipped.

    With `cache_dir` (a build's output folder), the articles are kept in the cache there and
    returned as `StoredArticles`, read back a chunk at a time; inputs identical to the last
    build's reuse its prepared articles instead of being cleaned and de-duplicated again.
    """
    from kg.ingest.clean import load_cleaning_rules
    from kg.ingest.prepare import prepare
    from kg.ingest.read import read_paths

    report = BuildReport()

    def skip(path: str, reason: str) -> None:
        report.skipped.append((path, reason))
        if on_skip is not None:
            on_skip(path, reason)

    files: set[str] = set()

    def counted(raws: Iterable[Any]) -> Iterator[Any]:
        for raw in raws:
            files.add(raw.path)
            yield raw

    raws = counted(read_paths([Path(p) for p in paths], on_skip=skip))
    rules = load_cleaning_rules(checked_ontology_dir(ontology_dir))
    articles = (ArticleTuple(prepare(raws, rules=rules)) if cache_dir is None
                else _prepare_cached(raws, cache_dir, rules))
    report.files = len(files)
    report.articles = len(articles)
    report.duplicates = articles.copies() - len(articles)
    return articles, report


def _prepare_cached(raws: Iterable[Any], cache_dir: Path, rules: CleaningRules) -> StoredArticles:
    """`prepare(raws)`, kept in the cache in `cache_dir` (or found there for the same input).

    The documents stream through: each new one is split into the cache as it is read, and
    the articles de-duplicated from them are written there a chunk at a time (issue #7).
    """
    from kg.ingest.dedupe import article_order
    from kg.ingest.prepare import merge_documents, split_documents

    cache = AnalysisCache(cache_dir)
    try:
        plan = split_documents(raws, cache, rules=rules)
        ids = cache.get_prepared(plan.key)
        if ids is None:
            ids = cache.put_prepared(plan.key, merge_documents(plan, cache), order=article_order)
        else:
            log.info("inputs unchanged: %d prepared article(s) found in the cache", len(ids))
    finally:
        cache.close()
    return StoredArticles(cache_dir, ids)


def build(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out_dir: str | os.PathLike[str] | None = None,
    model: str | None = None,
    ontology_dir: Path | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH,
    scheduler: str | None = None,
    use_cache: bool = True,
    on_skip: SkipHandler | None = None,
    progress: ProgressHandler | None = None,
    limits: Limits | None = None,
) -> BuildResult:
    """Build the corpus from files and folders of news.

    With `out_dir`, per-article analyses are cached in ``out_dir/.kg-cache`` so a re-run only
    analyses new or changed articles. `n_process` > 1 uses a local process pool; `scheduler`
    ("tcp://host:8786" or "local") sends batches to a Dask cluster instead.
    `ontology_dir` is the reference data every stage reads (default: the bundled folder).
    Raises `InputError` when no article at all could be read; a missing ontology folder or
    spaCy pipeline is reported before any input is read.
    """
    paths = list(paths)
    out_dir = Path(out_dir) if out_dir is not None else None
    ontology_dir = checked_ontology_dir(ontology_dir)
    resources = load_resources(ontology_dir, ontology=load_ontology(ontology_dir))
    model_ident(resolve_model_name(model))  # raises ModelError now, not after ingestion
    articles, report = read_articles(
        paths, on_skip=on_skip, cache_dir=out_dir if use_cache else None,
        ontology_dir=ontology_dir,
    )
    if not articles:
        reasons = "; ".join(f"{p}: {r}" for p, r in report.skipped[:5]) or "no input files"
        raise InputError(
            ", ".join(str(p) for p in paths) or "(no paths)",
            f"no article could be read ({reasons})",
        )
    analyses = analyse_articles(
        articles,
        resources,
        report,
        model=model,
        out_dir=out_dir if use_cache else None,
        n_process=n_process,
        batch_size=batch_size,
        scheduler=scheduler,
        progress=progress,
        on_skip=on_skip,
        limits=limits,
    )
    ok = articles.keep(analyses)
    corpus = link_corpus(ok, analyses.ordered(ok.ids), places=load_place_table(ontology_dir))
    return BuildResult(corpus, report)


def link_corpus(
    articles: Sequence[Article], analyses: Sequence[ArticleAnalysis], *,
    places: PlaceTable | None = None,
) -> Corpus:
    """Run the cross-article stages on per-article results (cached or fresh).

    `places` is the GeoNames place table events and places are located in (default: the
    bundled ontology folder's).

    Actor linking reads the analyses twice (the first time only their entities), one article
    at a time, and only event mentions are kept for event merging: an `AnalysisStream` holds
    no more than a chunk of them in memory.
    """
    from kg.link.actors import link_actors, political_actors, state_side_actors
    from kg.link.events import merge_events_with_decisions

    # event merging needs only the event mentions: kept aside during actor linking
    with_events: list[ArticleAnalysis] = []

    def keep_events(analysis: ArticleAnalysis) -> None:
        if analysis.events:
            with_events.append(ArticleAnalysis(analysis.article_id, (), (), (), analysis.events))

    articles, analyses = as_articles(articles), as_analyses(analyses)
    actors, places_found, links = link_actors(analyses, entities=analyses.entities(),
                                              seen=keep_events)
    telling = articles.keep({a.article_id for a in with_events})
    events, merges = merge_events_with_decisions(
        telling, with_events, links, acting=political_actors(actors),
        state_side=state_side_actors(actors),
    )
    table = places if places is not None else load_place_table(checked_ontology_dir(None))
    located, events = locate_places(places_found, actors, events, table)
    return Corpus(
        articles=articles,
        actors=tuple(actors),
        events=tuple(events),
        places=tuple(located),
        analyses=analyses,
        links=dict(links),
        merges=tuple(merges),
    )



def analyse_articles(
    articles: Sequence[Article],
    resources: Resources,
    report: BuildReport,
    *,
    model: str | None = None,
    out_dir: Path | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH,
    scheduler: str | None = None,
    progress: ProgressHandler | None = None,
    on_skip: SkipHandler | None = None,
    limits: Limits | None = None,
) -> AnalysisResults:
    """Analyse every article, from the cache where possible; return analyses by article id.

    Work streams batch by batch: each batch is parsed, analysed, its docs dropped and its
    analyses committed to the cache before the next is read back, so a killed build resumes
    from the last committed batch. spaCy is loaded only when some article is not cached.
    With `out_dir`, the answer is a `CachedAnalyses` that reads analyses back from the cache
    on demand: memory does not grow with the corpus (issue #7).
    """
    articles = as_articles(articles)
    limits = limits or Limits()
    limits.check_articles(len(articles))
    model_name = resolve_model_name(model)
    ident = model_ident(model_name)
    cache = AnalysisCache(out_dir) if out_dir is not None else None
    keys = {a.id: cache_key(a, model=ident, resources_version=resources.version) for a in articles}
    done: dict[str, ArticleAnalysis] = {}
    total = len(articles)

    def fail(article: Article, reason: str) -> None:
        report.failed += 1
        report.skipped.append((_article_where(article), reason))
        if on_skip:
            on_skip(_article_where(article), reason)

    cached: set[str] = set()
    try:
        if cache is not None:
            hits = cache.present(keys.values())
            cached = {article_id for article_id, key in keys.items() if key in hits}
        report.cached = len(cached)
        todo_ids = []
        for article in articles:
            if article.id in cached:
                continue
            problem = limits.article_problem(article)
            if problem is None:
                todo_ids.append(article.id)
            else:
                fail(article, problem)
        if progress:
            progress(len(cached) + report.failed, total)
        todo = articles.keep(set(todo_ids))  # stored articles are read back a batch at a time
        pending = iter(todo)
        batches = iter(lambda: list(itertools.islice(pending, batch_size)), [])
        for batch, results in _run_batches(
            batches, -(-len(todo) // batch_size), resources, model_name, n_process, batch_size,
            scheduler,
        ):
            fresh = []
            for article, result in zip(batch, results, strict=True):
                if isinstance(result, str):
                    fail(article, result)
                    continue
                problem = limits.analysis_problem(result)
                if problem is not None:
                    fail(article, problem)
                    continue
                if cache is None:
                    done[article.id] = result
                else:
                    cached.add(article.id)
                fresh.append((keys[article.id], result))
                report.new += 1
            if cache is not None and fresh:
                cache.put_many(fresh)
            if progress:
                progress(len(done) + len(cached) + report.failed, total)
    finally:
        if cache is not None:
            cache.close()
    if out_dir is None:
        return AnalysisDict(done)
    return CachedAnalyses(out_dir, {article_id: keys[article_id] for article_id in sorted(cached)})




def _article_where(article: Article) -> str:
    src = article.sources[0] if article.sources else None
    where = f"{src.path}[{src.start}:{src.end}]" if src else article.id
    return f"{where} (article {article.id}: {article.title[:60]!r})"


def _run_batches(
    batches: Iterable[list[Article]],
    count: int,
    resources: Resources,
    model_name: str,
    n_process: int,
    batch_size: int,
    scheduler: str | None,
) -> Iterator[tuple[list[Article], list[ArticleAnalysis | str]]]:
    """Yield (batch, results) for `count` batches in order: locally, in a pool, or on Dask.

    The batches are drawn as they are needed; spaCy is loaded only if `count` > 0.
    """
    if not count:
        return
    if scheduler is not None:
        from kg.pipeline.distributed import run_on_dask

        yield from run_on_dask(
            batches, count, scheduler=scheduler, model=model_name,
            ontology_dir=resources.ontology_dir, batch_size=batch_size,
            resources_version=resources.version, n_workers=n_process if n_process > 1 else None,
        )
        return
    if n_process <= 1:
        nlp = load_nlp(model_name, gazetteer=resources.gazetteer)
        for batch in batches:
            yield batch, parse_and_analyse(nlp, batch, resources, batch_size=batch_size)
        return
    from kg.pipeline.workers import analyse_batch, init_worker, run_ordered

    with ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=get_context("spawn"),
        initializer=init_worker,
        initargs=(model_name, str(resources.ontology_dir)),
    ) as pool:
        # two batches in flight per process: workers never wait, memory stays flat
        yield from run_ordered(
            batches,
            lambda batch: pool.submit(analyse_batch, batch, batch_size, model_name,
                                      str(resources.ontology_dir)),
            lambda _batch, future: future.result(),
            max_in_flight=2 * n_process,
            cancel=lambda future: future.cancel(),
        )
