"""Worker side of a parallel build: load the pipeline once per process, analyse batches.

Process-pool workers and Dask workers both call `analyse_batch`; the loaded pipeline is kept
per process (keyed by model and reference-data folder), so each worker loads spaCy once however
many batches it runs. The main process passes everything in explicitly. `run_ordered` is the
shared scheduling loop: bounded in-flight work, results in submission order.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kg.errors import OntologyError
from kg.extract.analyse import Resources, load_resources, parse_and_analyse
from kg.extract.nlp import load_nlp
from kg.paths import default_ontology_dir
from kg.paths import ontology_dir as checked_ontology_dir
from kg.records import Article, ArticleAnalysis

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
T = TypeVar("T")
F = TypeVar("F")
R = TypeVar("R")

# One loaded pipeline per worker process; the lock keeps a multi-threaded Dask worker from
# loading it twice and from running two batches through one spaCy pipeline at once.
_LOCK = threading.Lock()
_LOADED: dict[tuple[str | None, str], tuple[Language, Resources]] = {}


def worker_pipeline(model: str | None, ontology_dir: str, *,
                    remote: bool = False) -> tuple[Language, Resources]:
    """Return this process's spaCy pipeline and reference data, loading them on first use.

    A `remote` (Dask) worker may not have the client's ontology folder; it then uses its own
    installed copy, says so in its log, and `analyse_batch` checks that the versions agree. A
    local worker given a folder that does not exist raises `OntologyError`.
    """
    key = (model, ontology_dir)
    if key not in _LOADED:
        folder = Path(ontology_dir)
        if remote and not folder.is_dir():
            log.warning("%s is not on this worker: using its installed reference data (%s)",
                        ontology_dir, default_ontology_dir())
            folder = default_ontology_dir()
        folder = checked_ontology_dir(folder)
        resources = load_resources(folder)
        _LOADED.clear()
        _LOADED[key] = (load_nlp(model, gazetteer=resources.gazetteer), resources)
    return _LOADED[key]


def init_worker(model: str | None, ontology_dir: str) -> None:
    """Load the pipeline when a pool process starts, so the first batch is not slower."""
    with _LOCK:
        worker_pipeline(model, ontology_dir)


def analyse_batch(
    articles: list[Article],
    batch_size: int,
    model: str | None,
    ontology_dir: str,
    resources_version: str | None = None,
    *,
    remote: bool = False,
) -> list[ArticleAnalysis | str]:
    """Analyse one batch in this worker process; failures come back as reasons (strings).

    `resources_version` is the client's `Resources.version`: a worker whose reference data
    differs would write analyses under the wrong cache key, so it refuses.
    """
    with _LOCK:
        nlp, resources = worker_pipeline(model, ontology_dir, remote=remote)
        if resources_version is not None and resources.version != resources_version:
            raise OntologyError(
                f"{resources.ontology_dir}: this worker's reference data has version "
                f"{resources.version}, the client's has {resources_version}; install the same "
                "kg version on every worker or point KG_ONTOLOGY_DIR at a shared ontology folder"
            )
        return parse_and_analyse(nlp, articles, resources, batch_size=batch_size)


def run_ordered(
    items: Iterable[T],
    submit: Callable[[T], F],
    wait: Callable[[T, F], R],
    *,
    max_in_flight: int,
    cancel: Callable[[F], Any] | None = None,
) -> Iterator[tuple[T, R]]:
    """Submit items with at most `max_in_flight` pending; yield ``(item, result)`` in order.

    Bounding the work in flight keeps memory flat however long the input: results wait in
    the queue only until the items before them are done. When the consumer stops early
    (Ctrl-C, an error), pending work is cancelled.

    >>> list(run_ordered([1, 2, 3], lambda x: x * 10, lambda x, f: f + x, max_in_flight=2))
    [(1, 11), (2, 22), (3, 33)]
    """
    pending: deque[tuple[T, F]] = deque()
    try:
        for item in items:
            pending.append((item, submit(item)))
            if len(pending) >= max(1, max_in_flight):
                first, future = pending.popleft()
                yield first, wait(first, future)
        while pending:
            first, future = pending.popleft()
            yield first, wait(first, future)
    finally:
        if cancel is not None:
            for _, future in pending:
                cancel(future)
