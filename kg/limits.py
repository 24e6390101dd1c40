"""Resource bounds for a build: how much input and output one run may take on.

The defaults are generous (a million articles, spaCy's own one-million-character text limit);
they exist so that a runaway input fails early with a message that names the limit and the
option that raises it, instead of filling memory or disk. Corpus-wide limits raise
`LimitError`; per-article limits fail only that article (reported like any other failure).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import LimitError
from kg.records import Article, ArticleAnalysis


@dataclass(frozen=True)
class Limits:
    """Upper bounds for one build; ``None`` switches a limit off.

    >>> Limits().max_article_chars
    1000000
    """

    #: Articles (after de-duplication) in one build.
    max_articles: int | None = 1_000_000
    #: Characters of one article's text; spaCy refuses longer texts by default.
    max_article_chars: int | None = 1_000_000
    #: Event mentions extracted from one article (a list or a table parsed as prose).
    max_events_per_article: int | None = 2_000
    #: Triples in the RDF output.
    max_triples: int | None = 100_000_000

    def check_articles(self, count: int) -> None:
        """Raise `LimitError` when a build holds more articles than allowed.

        >>> Limits(max_articles=2).check_articles(3)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.errors.LimitError: 3 articles exceed max_articles=2; ... (kg build --max-articles N, ...)
        """
        _check("articles", count, "max_articles", self.max_articles,
               "split the input into several builds or raise the limit")

    def check_triples(self, count: int) -> None:
        """Raise `LimitError` when the RDF output would hold more triples than allowed.

        >>> Limits(max_triples=10).check_triples(10)
        >>> Limits(max_triples=10).check_triples(11)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        kg.errors.LimitError: 11 triples exceed max_triples=10; ... (kg build --max-triples N, ...)
        """
        _check("triples", count, "max_triples", self.max_triples,
               "build fewer articles at once or raise the limit")

    def article_problem(self, article: Article) -> str | None:
        """Say why `article` must not be parsed, or return None when it is within bounds.

        >>> print(Limits(max_article_chars=4).article_problem(Article("a1", "T", "Hello.", ())))
        ... # doctest: +NORMALIZE_WHITESPACE
        6 characters exceed max_article_chars=4; split the text or raise the limit
        (kg build --max-article-chars N, or Limits(max_article_chars=N))
        """
        return _problem("characters", len(article.text), "max_article_chars",
                        self.max_article_chars, "split the text or raise the limit")

    def analysis_problem(self, analysis: ArticleAnalysis) -> str | None:
        """Say why an analysis must be dropped, or return None when it is within bounds."""
        return _problem("event mentions", len(analysis.events), "max_events_per_article",
                        self.max_events_per_article,
                        "check that the article is prose or raise the limit")


def _problem(what: str, count: int, name: str, limit: int | None, advice: str) -> str | None:
    if limit is None or count <= limit:
        return None
    option = "--" + name.replace("_", "-")
    return (f"{count} {what} exceed {name}={limit}; {advice} "
            f"(kg build {option} N, or Limits({name}=N))")


def _check(what: str, count: int, name: str, limit: int | None, advice: str) -> None:
    problem = _problem(what, count, name, limit, advice)
    if problem is not None:
        raise LimitError(problem)
