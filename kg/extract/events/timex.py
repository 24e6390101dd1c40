"""Resolve a date expression ("on Monday", "last week", "in September", "23 December 2024")
to an ISO date string with its precision, against the article's date when it is relative.

No date is ever invented: a relative expression without a known anchor gives None, and the
precision is only as fine as the expression (a week becomes a month only when the whole
week lies in one month).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.timewords import MONTHS, WEEKDAYS, month_pattern

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH = r"(?P<month>" + month_pattern() + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_PATTERNS = [
    re.compile(rf"^(?P<iso>{_YEAR}-(?P<m>\d\d)-(?P<d>\d\d))$"),
    re.compile(rf"^{_DAY} {_MONTH},? {_YEAR}$"),
    re.compile(rf"^{_MONTH} {_DAY},? {_YEAR}$"),
    re.compile(rf"^{_DAY} {_MONTH}$"),
    re.compile(rf"^{_MONTH} {_DAY}$"),
    re.compile(rf"^{_MONTH},? {_YEAR}$"),
    re.compile(rf"^{_MONTH}$"),
    re.compile(rf"^{_YEAR}$"),
]
_AGO = re.compile(r"^(?P<n>\d+|" + "|".join(NUMBERS) + r") (?P<unit>day|week|month|year)s? ago$")
_RELATIVE = re.compile(
    r"^(?:earlier |later )?(?P<which>last|this|next|past) (?P<unit>week|month|year)$"
)
_WEEKDAY = re.compile(r"^(?:(?P<which>last|next|this|on) )?(?P<wd>" + "|".join(WEEKDAYS) + r")$")
_PRECISION = {"day": 0, "month": 1, "year": 2}
_STRIP = re.compile(r"^(?:on|in|at|since|by|during|from|until|of|the|early|late|mid-?)\s+")


def parse_anchor(iso: str | None, precision: str | None = None) -> date | None:
    """Turn an article date into an anchor; only a day-precise ISO date anchors.

    >>> parse_anchor("2024-12-23")
    datetime.date(2024, 12, 23)
    >>> parse_anchor("2024-12", "month") is None
    True
    """
    if not iso or (precision not in (None, "day")) or not re.fullmatch(r"\d{4}-\d\d-\d\d", iso):
        return None
    try:
        return date.fromisoformat(iso)
    except ValueError:
        return None


def resolve_date(
    text: str, anchor: date | None, *, future: bool = False
) -> tuple[str, str] | None:
    """Resolve a date expression to (ISO string, precision), or None.

    `future` says the clause speaks of something to come, so "Friday" or "in March" point
    forward from the anchor instead of back.

    >>> resolve_date("on Monday", date(2025, 7, 15))
    ('2025-07-14', 'day')
    >>> resolve_date("in September", date(2024, 12, 23))
    ('2024-09', 'month')
    >>> resolve_date("two weeks ago", date(2024, 12, 23))
    ('2024-12', 'month')
    >>> resolve_date("November 2023", None)
    ('2023-11', 'month')
    >>> resolve_date("Monday", None) is None
    True
    """
    words = re.sub(r"\s+", " ", text.casefold().replace("’", "'")).strip(" ,.")
    while True:
        stripped = _STRIP.sub("", words)
        if stripped == words:
            break
        words = stripped
    for pattern in _PATTERNS:
        match = pattern.match(words)
        if match:
            return _absolute(match.groupdict(), anchor, future)
    if anchor is None:
        return None
    return _relative(words, anchor, future)


def best_date(
    texts: list[str], anchor: date | None, *, future: bool = False
) -> tuple[str, str] | None:
    """The most precise date the expressions on one event give; a bare year completes the
    others ("in March" + "2019").

    >>> best_date(["in March", "2019"], None)
    ('2019-03', 'month')
    """
    years = [t for t in texts if t.strip().isdigit() and len(t.strip()) == 4]
    best: tuple[str, str] | None = None
    for text in texts:
        resolved = resolve_date(text, anchor, future=future)
        if years and text not in years:
            resolved = resolve_date(f"{text} {years[0]}", anchor, future=future) or resolved
        if resolved and (best is None or _PRECISION[resolved[1]] < _PRECISION[best[1]]):
            best = resolved
    return best


def _absolute(
    parts: dict[str, str | None], anchor: date | None, future: bool
) -> tuple[str, str] | None:
    if parts.get("iso"):
        try:
            return date.fromisoformat(str(parts["iso"])).isoformat(), "day"
        except ValueError:
            return None
    year_text, month_text, day_text = parts.get("year"), parts.get("month"), parts.get("day")
    year = int(year_text) if year_text else None
    month = MONTHS[month_text] if month_text else None
    day = int(day_text) if day_text else None
    if month is None:
        return (f"{year:04d}", "year") if year else None
    if year is None:
        if anchor is None:
            return None
        year = _year_for(month, day or 1, anchor, future)
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    try:
        return date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: date, future: bool) -> int:
    """Pick the year that puts a month/day nearest the anchor in the tense's direction."""
    try:
        candidate = date(anchor.year, month, min(day, 28))
    except ValueError:
        return anchor.year
    if future and candidate < anchor - timedelta(days=31):
        return anchor.year + 1
    if not future and candidate > anchor + timedelta(days=31):
        return anchor.year - 1
    return anchor.year


def _relative(words: str, anchor: date, future: bool) -> tuple[str, str] | None:
    if words in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return anchor.isoformat(), "day"
    if words in ("yesterday", "last night"):
        return (anchor - timedelta(days=1)).isoformat(), "day"
    if words == "tomorrow":
        return (anchor + timedelta(days=1)).isoformat(), "day"
    match = _WEEKDAY.match(words)
    if match:
        return _weekday(WEEKDAYS.index(match["wd"]), match["which"], anchor, future)
    match = _AGO.match(words)
    if match:
        n = int(match["n"]) if match["n"].isdigit() else NUMBERS[match["n"]]
        return _shift(anchor, match["unit"], -n)
    match = _RELATIVE.match(words)
    if match:
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[match["which"]]
        return _shift(anchor, match["unit"], step)
    return None


def _weekday(
    weekday: int, which: str | None, anchor: date, future: bool
) -> tuple[str, str]:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if which == "next" or (which != "last" and future and ahead):
        day = anchor + timedelta(days=ahead or 7)
    elif which == "last":
        day = anchor - timedelta(days=back or 7)
    else:
        day = anchor - timedelta(days=back)
    return day.isoformat(), "day"


def _shift(anchor: date, unit: str, steps: int) -> tuple[str, str] | None:
    if unit == "day":
        return (anchor + timedelta(days=steps)).isoformat(), "day"
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=steps)
        sunday = monday + timedelta(days=6)
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return f"{monday.year:04d}-{monday.month:02d}", "month"
        if monday.year == sunday.year:
            return f"{monday.year:04d}", "year"
        return None
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + steps
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{anchor.year + steps:04d}", "year"
