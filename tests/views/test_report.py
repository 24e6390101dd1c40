"""What `kg extract` shows (`kg.views.report`), from hand-made records."""

from __future__ import annotations

from kg.records import Article, Corpus, MergeDecision
from kg.views.report import describe_articles, extraction_json

ARTICLE = Article("a", "Canada meets Mexico", "Canada met Mexico.", ())
REFUSED = MergeDecision("ev-2", "a", 7, False, "reported", False, "places differ (x / y)", "ev-1")
OTHER = MergeDecision("ev-1", "b", 3, True, "asserted", True, "same type")


def test_report_json_lists_the_article_s_merge_decisions():
    corpus = Corpus(articles=(ARTICLE,), actors=(), events=(), merges=(REFUSED, OTHER))
    (item,) = extraction_json(corpus)
    assert item["merges"] == [{
        "event_id": "ev-2", "trigger_start": 7, "in_title": False, "status": "reported",
        "merged": False, "reason": "places differ (x / y)", "other_event_id": "ev-1",
    }]  # fmt: skip


def test_report_text_says_what_was_kept_apart_and_why():
    corpus = Corpus(articles=(ARTICLE,), actors=(), events=(), merges=(REFUSED,))
    assert "  merge: text @7 kept apart: places differ (x / y)" in describe_articles(corpus)
