"""Date expressions resolved against the article date, without invented precision."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.events.timex import parse_anchor, resolve_date

WEDNESDAY = date(2024, 3, 13)


@pytest.mark.parametrize(
    ("text", "anchor", "future", "expected"),
    [
        ("on Friday", WEDNESDAY, False, ("2024-03-08", "day")),
        ("Wednesday", WEDNESDAY, False, ("2024-03-13", "day")),
        ("on Friday", WEDNESDAY, True, ("2024-03-15", "day")),
        ("next Monday", WEDNESDAY, False, ("2024-03-18", "day")),
        ("yesterday", WEDNESDAY, False, ("2024-03-12", "day")),
        ("three days ago", WEDNESDAY, False, ("2024-03-10", "day")),
        ("last week", WEDNESDAY, False, ("2024-03", "month")),
        ("last week", date(2024, 3, 4), False, ("2024", "year")),
        ("last month", date(2024, 1, 10), False, ("2023-12", "month")),
        ("next year", WEDNESDAY, False, ("2025", "year")),
        ("in September", WEDNESDAY, False, ("2023-09", "month")),
        ("in September", WEDNESDAY, True, ("2024-09", "month")),
        ("Feb. 2", WEDNESDAY, False, ("2024-02-02", "day")),
        ("12 July 2019", None, False, ("2019-07-12", "day")),
        ("July 12, 2019", None, False, ("2019-07-12", "day")),
        ("March 2020", None, False, ("2020-03", "month")),
        ("in 2016", None, False, ("2016", "year")),
        ("2021-05-04", None, False, ("2021-05-04", "day")),
    ],
)
def test_timex_resolves(text, anchor, future, expected):
    assert resolve_date(text, anchor, future=future) == expected


@pytest.mark.parametrize("text", ["on Friday", "last week", "in September", "Feb. 2", "today"])
def test_timex_relative_without_anchor_gives_nothing(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text", ["decades", "the past few days", "a week", "31 February 2020"])
def test_timex_vague_or_impossible_gives_nothing(text):
    assert resolve_date(text, WEDNESDAY) is None


def test_timex_only_day_precise_article_dates_anchor():
    assert parse_anchor("2024-03-13", "day") == WEDNESDAY
    assert parse_anchor("2024-03", "month") is None
    assert parse_anchor("not a date") is None
