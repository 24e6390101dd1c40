"""The public Python API."""

from __future__ import annotations

import kg


def test_api_all_matches_exports() -> None:
    assert sorted(kg.__all__) == sorted(
        ["Actor", "Article", "ArticleAnalysis", "BuildReport", "Corpus", "Event",
         "EventMention", "Evidence", "InputError", "KgError", "LimitError", "LocalEntity",
         "Mention", "ModelError", "OntologyError", "Place", "QueryError", "SchedulerError",
         "SourceSpan", "StoreError",
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
