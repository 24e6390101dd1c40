"""Worker-process side of a parallel build: load the pipeline once per process, analyse batches.

The state below lives in worker processes only (one pipeline per process, loaded by the pool's
initializer); the main process passes everything in explicitly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kg.analyse import load_resources, parse_and_analyse
from kg.nlp import load_nlp
from kg.records import Article, ArticleAnalysis

_STATE: dict[str, Any] = {}


def init_worker(model: str | None, ontology_dir: str) -> None:
    """Load the spaCy pipeline and the reference data into this worker process."""
    resources = load_resources(Path(ontology_dir))
    _STATE["resources"] = resources
    _STATE["nlp"] = load_nlp(model, gazetteer=resources.gazetteer)


def analyse_batch(articles: list[Article], batch_size: int = 16) -> list[ArticleAnalysis | str]:
    """Analyse one batch in this worker (after `init_worker`)."""
    return parse_and_analyse(
        _STATE["nlp"], articles, _STATE["resources"], batch_size=batch_size
    )
