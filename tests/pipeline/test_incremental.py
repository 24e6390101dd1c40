"""Incremental builds: the cache answers what it can, and only what changed is analysed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scale_corpus import make_articles, write_jsonl

from kg.extract.analyse import Resources, load_resources
from kg.paths import default_ontology_dir
from kg.pipeline.compose import BuildReport, analyse_articles, build, read_articles

pytestmark = pytest.mark.slow

FIRST = 24
ADDED = 3


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two input files (the second added later, one of its stories repeating the first file's)
    and an output folder holding a complete build of the first file."""
    root = tmp_path_factory.mktemp("incremental")
    articles = make_articles(FIRST + ADDED, seed=11)
    first = write_jsonl(root / "in" / "first.jsonl", articles[:FIRST])
    added = write_jsonl(root / "added" / "second.jsonl", articles[FIRST:] + articles[:1])
    out = root / "out"
    build([first], out_dir=out)
    return {"first": first, "added": added, "out": out}


def _no_nlp(*args: object, **kwargs: object) -> None:
    raise AssertionError("the pipeline loaded spaCy although every article was cached")


def test_incremental_rerun_does_no_nlp_work(corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.pipeline.compose.load_nlp", _no_nlp)
    result = build([corpus["first"]], out_dir=corpus["out"])
    report = result.report
    assert (report.articles, report.new, report.cached, report.failed) == (FIRST, 0, FIRST, 0)


def test_incremental_added_file_analyses_only_new_articles(corpus, tmp_path: Path) -> None:
    inputs = [corpus["first"], corpus["added"]]
    result = build(inputs, out_dir=corpus["out"])
    report = result.report
    assert (report.articles, report.new, report.cached, report.duplicates) == (
        FIRST + ADDED, ADDED, FIRST, 1
    )
    # cross-article steps are recomputed from cached + fresh analyses: same as a clean build
    clean = build(inputs, out_dir=tmp_path / "clean")
    assert clean.report.new == FIRST + ADDED
    assert result.corpus.actors == clean.corpus.actors
    assert result.corpus.events == clean.corpus.events
    assert result.corpus.links == clean.corpus.links


class _ChangedReferenceData(Resources):
    """The same reference data under another version, as after an edit of ontology/."""

    @property
    def version(self) -> str:
        return "edited-reference-data"


def test_incremental_reference_data_change_invalidates_the_cache(corpus) -> None:
    articles, _ = read_articles([corpus["first"]])
    resources = load_resources(default_ontology_dir())
    changed = _ChangedReferenceData(resources.ontology_dir, resources.gazetteer, resources.lexicon)
    report = BuildReport()
    analyse_articles(articles, changed, report, out_dir=corpus["out"])
    assert (report.new, report.cached) == (FIRST, 0)
    # the entries of the unchanged data are still there for a build that uses it
    again = BuildReport()
    analyse_articles(articles, resources, again, out_dir=corpus["out"])
    assert (again.new, again.cached) == (0, FIRST)


def test_incremental_model_change_invalidates_the_cache(corpus, tmp_path: Path) -> None:
    import spacy

    from kg.extract.nlp import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.meta["version"] = nlp.meta["version"] + "-retrained"
    nlp.to_disk(tmp_path / "model")
    meta = json.loads((tmp_path / "model" / "meta.json").read_text())
    assert meta["version"].endswith("-retrained")
    articles, _ = read_articles([corpus["first"]])
    report = BuildReport()
    analyse_articles(articles[:4], load_resources(default_ontology_dir()), report,
                     model=str(tmp_path / "model"), out_dir=corpus["out"])
    assert (report.new, report.cached) == (4, 0)


def test_incremental_build_streams_analyses_from_the_cache(corpus) -> None:
    from kg.pipeline.cache import AnalysisStream
    from kg.pipeline.output import write_jsonl
    from kg.streams import AnalysisTuple

    result = build([corpus["first"]], out_dir=corpus["out"])
    in_memory = build([corpus["first"]])
    streamed = result.corpus.analyses
    # with an output folder, analyses are read back chunk by chunk, never all held
    assert isinstance(streamed, AnalysisStream)
    assert isinstance(in_memory.corpus.analyses, AnalysisTuple)
    assert len(streamed) == FIRST
    assert list(streamed) == list(in_memory.corpus.analyses)
    assert streamed[3] == in_memory.corpus.analyses[3]
    assert (result.corpus.actors, result.corpus.events, result.corpus.links) == (
        in_memory.corpus.actors, in_memory.corpus.events, in_memory.corpus.links
    )
    write_jsonl(result.corpus, corpus["out"] / "streamed")
    write_jsonl(in_memory.corpus, corpus["out"] / "held")
    assert ((corpus["out"] / "streamed" / "analyses.jsonl").read_bytes()
            == (corpus["out"] / "held" / "analyses.jsonl").read_bytes())
