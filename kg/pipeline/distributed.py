"""Run the per-article NLP stage on a Dask cluster (issue #7).

Only the per-article analysis is distributed: it is the expensive, embarrassingly parallel
part, and its result (`ArticleAnalysis`) is a plain picklable record. The cross-article steps
(actor linking, event merging, RDF) run afterwards in the client from the gathered analyses,
exactly as in a local build, so a Dask build gives the same outputs as a local one.

``scheduler="local"`` starts a `dask.distributed.LocalCluster` of single-threaded worker
processes for the duration of the build; any other value is the address of a running scheduler
(``tcp://host:8786``). Each worker loads the spaCy pipeline once
(`kg.pipeline.workers.worker_pipeline`) and keeps it for every batch it runs. At most
`max_in_flight` batches are submitted at a time, so memory stays flat however large the corpus,
and results come back in submission order.

A program that calls this with ``scheduler="local"`` must guard its entry point with
``if __name__ == "__main__":``: the worker processes are spawned and re-import the main module.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import SchedulerError
from kg.pipeline.workers import analyse_batch, run_ordered
from kg.records import Article, ArticleAnalysis

log = logging.getLogger(__name__)

#: `scheduler` value that starts a throw-away cluster on this machine.
LOCAL = "local"
#: Seconds to wait for a remote scheduler before giving up.
CONNECT_TIMEOUT = 30


def default_workers() -> int:
    """Workers for a local cluster when none is asked for: one per core, at most four."""
    return max(1, min(os.cpu_count() or 1, 4))


def run_on_dask(
    batches: Iterable[list[Article]],
    count: int,
    *,
    scheduler: str,
    model: str | None,
    ontology_dir: Path,
    batch_size: int,
    resources_version: str | None = None,
    n_workers: int | None = None,
    max_in_flight: int | None = None,
) -> Iterator[tuple[list[Article], list[ArticleAnalysis | str]]]:
    """Analyse `count` `batches` on Dask; yield ``(batch, results)`` in the order of `batches`.

    Batches are drawn from `batches` only as the work in flight drains.

    A result is an `ArticleAnalysis`, or a string saying why that article failed. A batch
    whose worker died (twice, Dask's ``KilledWorker``) fails as a whole with that reason and
    the build goes on; a `KgError` raised on a worker (model not installed there, different
    reference data) stops the build with its message. Raises `SchedulerError` when the
    scheduler cannot be reached or the local cluster cannot start.
    """
    from distributed import KilledWorker

    client, cluster = _connect(scheduler, n_workers)
    try:
        threads = sum(client.nthreads().values()) or 1
        limit = max_in_flight or 2 * threads
        log.info("dask: %s with %d worker thread(s), %d batch(es), %d in flight",
                 scheduler, threads, count, limit)

        def submit(batch: list[Article]) -> Any:
            return client.submit(analyse_batch, batch, batch_size, model, str(ontology_dir),
                                 resources_version, remote=True, pure=False)

        def wait(batch: list[Article], future: Any) -> list[ArticleAnalysis | str]:
            try:
                results: list[ArticleAnalysis | str] = future.result()
                return results
            except KilledWorker as err:
                log.warning("dask: a worker died on a batch of %d articles: %s", len(batch), err)
                return [f"a Dask worker died while analysing this batch ({err})"] * len(batch)
            finally:
                future.release()

        yield from run_ordered(batches, submit, wait, max_in_flight=limit,
                               cancel=lambda future: future.cancel())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _connect(scheduler: str, n_workers: int | None) -> tuple[Any, Any]:
    """Start a local cluster or connect to a running scheduler; return (client, cluster)."""
    from distributed import Client, LocalCluster

    if scheduler == LOCAL:
        workers = n_workers or default_workers()
        try:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.WARNING)
        except (OSError, RuntimeError) as err:
            raise SchedulerError(
                f"cannot start a local Dask cluster of {workers} worker(s) ({err}); "
                "run without --scheduler, or use --jobs for a plain process pool"
            ) from err
        return Client(cluster), cluster
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT), None
    except (OSError, TimeoutError, ValueError) as err:
        raise SchedulerError(
            f"{scheduler}: cannot reach the Dask scheduler ({err}); start one with "
            f"`dask scheduler` and `dask worker {scheduler} --nthreads 1`, check the address, "
            "or pass --scheduler local"
        ) from err

