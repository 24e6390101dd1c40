"""The public Python API."""

from __future__ import annotations

import kg


def test_api_all_matches_exports() -> None:
    assert sorted(kg.__all__) == sorted(
        ["Actor", "Article", "ArticleAnalysis", "BuildReport", "BuildResult", "ConfigError",
         "Corpus", "Event", "EventMention", "Evidence", "InputError", "KgError", "LimitError",
         "Limits", "LocalEntity", "Mention", "ModelError", "OntologyError", "Place",
         "QueryError", "SchedulerError", "SourceSpan", "StoreError",
         "__version__", "build", "read_corpus", "write_outputs"]
    )
    for name in kg.__all__:
        assert getattr(kg, name) is not None


def test_api_records_round_trip_through_json() -> None:
    from kg.records import Event, Evidence, from_dict, to_dict

    event = Event(
        id="e1", type="CONSULT", actors=("Q30",), recipients=("Q159",), status="reported",
        evidence=(Evidence("a1", "They met.", 0, 9, "met", 5, 8, 0.8),), articles=("a1",),
        confidence=0.8, attributed_to="reuters", date="2024-09", date_precision="month",
    )
    assert from_dict(Event, to_dict(event)) == event


def test_api_signatures_are_explicit_keywords() -> None:
    import inspect

    # an editor shows every option of the three calls (they used to be `**options`)
    assert list(inspect.signature(kg.build).parameters) == [
        "paths", "out_dir", "model", "ontology_dir", "n_process", "batch_size", "scheduler",
        "use_cache", "on_skip", "progress", "limits"]
    assert list(inspect.signature(kg.write_outputs).parameters) == [
        "corpus", "out_dir", "base", "limits", "max_nodes", "people"]
    assert list(inspect.signature(kg.read_corpus).parameters) == ["out_dir"]


def test_api_build_reports_a_missing_ontology_folder_before_reading(tmp_path) -> None:
    import pytest

    missing = tmp_path / "no-ontology"
    with pytest.raises(kg.OntologyError, match=f"^{missing}: no ontology folder here;"):
        kg.build([tmp_path / "also-missing.txt"], ontology_dir=missing)


def test_api_build_reports_a_missing_model_before_reading(tmp_path) -> None:
    import pytest

    with pytest.raises(kg.ModelError, match="'no_such_pipeline' is not installed"):
        kg.build([tmp_path / "missing.txt"], model="no_such_pipeline")


def test_api_write_outputs_checks_the_base_before_writing(tmp_path) -> None:
    import pytest

    corpus = kg.Corpus(articles=(), actors=(), events=())
    with pytest.raises(kg.ConfigError, match="base IRI 'example.org' must be absolute"):
        kg.write_outputs(corpus, tmp_path / "out", base="example.org")
    assert not (tmp_path / "out").exists()
