"""kg: turn news text into a knowledge graph of who did what to whom.

>>> import kg
>>> sorted(kg.__all__)[:3]
['Actor', 'Article', 'ArticleAnalysis']
"""

from __future__ import annotations

from kg.errors import (
    InputError,
    KgError,
    LimitError,
    ModelError,
    OntologyError,
    QueryError,
    SchedulerError,
    StoreError,
)
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

__version__ = "0.1.0"


def build(paths, **options):  # type: ignore[no-untyped-def]
    """Build the corpus from files and folders (see `kg.pipeline.compose.build` for the options).

    Returns a `BuildResult` with `.articles`, `.actors`, `.events`, `.report` and `.graph()`.
    """
    from kg.pipeline.compose import build as _build

    return _build(paths, **options)


def read_corpus(out_dir):  # type: ignore[no-untyped-def]
    """Read a built output folder back into a `Corpus` (see `kg.pipeline.output.read_corpus`)."""
    from kg.pipeline.output import read_corpus as _read

    return _read(out_dir)


def write_outputs(corpus, out_dir, **options):  # type: ignore[no-untyped-def]
    """Write every output of a build (see `kg.pipeline.output.write_outputs`)."""
    from kg.pipeline.output import write_outputs as _write

    return _write(corpus, out_dir, **options)


__all__ = [
    "Actor", "Article", "ArticleAnalysis", "BuildReport", "Corpus", "Event", "EventMention",
    "Evidence", "InputError", "KgError", "LimitError", "LocalEntity", "Mention", "ModelError",
    "OntologyError", "Place", "QueryError", "SchedulerError", "SourceSpan", "StoreError",
    "__version__", "build", "read_corpus", "write_outputs",
]


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "BuildReport":
        from kg.pipeline.compose import BuildReport

        return BuildReport
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
