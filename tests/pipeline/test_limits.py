"""Resource bounds: a runaway input stops early with a message naming the limit to raise."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from kg.errors import LimitError
from kg.extract.analyse import Resources
from kg.limits import Limits
from kg.pipeline.compose import BuildReport, analyse_articles
from kg.records import Article, ArticleAnalysis, EventMention

# Reference data is only read for its version here: no article reaches a real NLP stage.
RESOURCES = Resources(Path("ontology"), SimpleNamespace(version="g1"),
                      SimpleNamespace(version="l1"))


def _article(n: int, text: str = "Officials met on Monday.") -> Article:
    return Article(id=f"a{n}", title=f"Story {n}", text=text, sources=())


def _analysis(article: Article, events: int) -> ArticleAnalysis:
    event = EventMention("CONSULT", ("e0",), ("e1",), "asserted", 0, 24, "met", 10, 13, 0.9)
    return ArticleAnalysis(article.id, ((0, len(article.text)),), (), (), (event,) * events)


def test_limits_too_many_articles_stops_before_any_work() -> None:
    report = BuildReport()
    with pytest.raises(LimitError, match=r"^3 articles exceed max_articles=2; .*--max-articles N"):
        analyse_articles([_article(i) for i in range(3)], RESOURCES, report,
                         limits=Limits(max_articles=2))
    assert (report.new, report.failed) == (0, 0)


def test_limits_overlong_article_fails_alone_with_the_limit_named() -> None:
    articles = [_article(1, "x" * 50), _article(2, "y" * 60)]
    report = BuildReport()
    done = analyse_articles(articles, RESOURCES, report, limits=Limits(max_article_chars=40))
    assert done == {}
    assert report.failed == 2
    assert report.skipped[0] == (
        "a1 (article a1: 'Story 1')",
        "50 characters exceed max_article_chars=40; split the text or raise the limit "
        "(kg build --max-article-chars N, or Limits(max_article_chars=N))",
    )


def test_limits_article_with_too_many_events_is_reported_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = [_article(1), _article(2)]
    event_counts = {"a1": 3, "a2": 1}
    monkeypatch.setattr("kg.pipeline.compose.load_nlp", lambda *args, **kwargs: "nlp")
    monkeypatch.setattr(
        "kg.pipeline.compose.parse_and_analyse",
        lambda nlp, batch, resources, batch_size: [_analysis(a, event_counts[a.id]) for a in batch],
    )
    report = BuildReport()
    done = analyse_articles(articles, RESOURCES, report, limits=Limits(max_events_per_article=2))
    assert sorted(done) == ["a2"]
    assert (report.new, report.failed) == (1, 1)
    assert report.skipped[0][1].startswith("3 event mentions exceed max_events_per_article=2;")


def test_limits_none_switches_a_limit_off() -> None:
    Limits(max_triples=None).check_triples(10**12)
    assert Limits(max_article_chars=None).article_problem(_article(1, "z" * 10**6 * 2)) is None


def test_limits_triples_limit_keeps_the_previous_rdf_files(tmp_path: Path) -> None:
    from kg.rdf.store import write_outputs_rdf
    from kg.records import Corpus

    corpus = Corpus(articles=(_article(1),), actors=(), events=())
    written = write_outputs_rdf(corpus, tmp_path)
    before = (tmp_path / "graph.nq").read_bytes()
    with pytest.raises(LimitError, match=rf"^{written['quads']} triples exceed max_triples=1; "):
        write_outputs_rdf(corpus, tmp_path, limits=Limits(max_triples=1))
    assert (tmp_path / "graph.nq").read_bytes() == before
