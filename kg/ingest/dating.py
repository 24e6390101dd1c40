"""Find the date a story fixes for itself: metadata, a dated photo caption or a dateline.

Offline and regex-based (English month and weekday names). A date is only returned when the text
states it; a weekday in the lead is anchored to a caption date but never used alone.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.timewords import MONTHS, WEEKDAYS, month_pattern

_MONTH = r"(?P<month>" + month_pattern() + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
_DAY_MONTH_YEAR = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
_ISO = re.compile(r"\b(?P<year>(?:1[89]|20|21)\d\d)-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?(?!\d)")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^\s*(?P<year>(?:1[89]|20|21)\d\d)\s*$")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b(?!['’]s)", re.IGNORECASE)

_NUMERIC = re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:19|20)?\d\d)\b")
_CLOCK = re.compile(r"\b\d{1,2}\s?[:.h]\s?\d{2}(?:\s?[:.]\s?\d{2})?\s*(?:[ap]\.?m\.?)?"
                    r"|\b\d{1,2}\s?[ap]\.?m\.?(?!\w)", re.IGNORECASE)
_ZONES = re.compile(r"\b(?:utc|gmt|bst|cet|cest|eet|eest|et|est|edt|ct|cst|cdt|pt|pst|pdt|mt|ist|"
                    r"jst|aest|uk|local time|date|updated|published|posted|last|first|on|at)\b",
                    re.IGNORECASE)

Dated = tuple[str, str]  # (ISO date, precision)


def only_date(text: str) -> bool:
    """Whether a short line holds nothing but a date, weekday, time and time zone.

    >>> only_date("Friday, November 11, 2011"), only_date("11:39am UK, Monday 09 September 2013")
    (True, True)
    >>> only_date("Updated 09/14/2013 01: 03 PM"), only_date("Talks resume on 3 May 2024")
    (True, False)
    >>> only_date("11/28/05")
    True
    """
    if len(text.split()) > 20 or not any(ch.isdigit() for ch in text):
        return False
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO, _NUMERIC, _MONTH_YEAR, _CLOCK,
                    _WEEKDAY, _ZONES):
        text = pattern.sub(" ", text)
    return not any(ch.isalnum() for ch in text)


def find_day(text: str) -> tuple[Dated, int] | None:
    """Find the first full date (day, month and year) in `text`; return it and where it starts.

    >>> find_day("23 December 2024, Syria, Damascus: ministers meet.")
    (('2024-12-23', 'day'), 0)
    >>> find_day("in Brussels, Tuesday, July 15, 2025. (AP Photo)")
    (('2025-07-15', 'day'), 22)
    >>> find_day("in March 2011") is None
    True
    """
    best: tuple[Dated, int] | None = None
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO):
        for match in pattern.finditer(text):
            if pattern is _ISO and match.group("day") is None:
                continue
            value = _make(match.group("year"), match.group("month"), match.group("day"))
            if value is not None:
                if best is None or match.start() < best[1]:
                    best = (value, match.start())
                break
    return best


def parse_date(value: str) -> Dated | None:
    """Read a metadata date in any common form; keep the precision it states.

    >>> parse_date("2024-12-23T10:15:00Z")
    ('2024-12-23', 'day')
    >>> parse_date("Mon, 23 Dec 2024 10:15:00 GMT")
    ('2024-12-23', 'day')
    >>> parse_date("December 2024")
    ('2024-12', 'month')
    >>> parse_date("2024")
    ('2024', 'year')
    >>> parse_date("yesterday") is None
    True
    """
    found = find_day(value)
    if found is not None:
        return found[0]
    iso = _ISO.search(value)
    if iso is not None:
        return _make(iso.group("year"), iso.group("month"), None)
    month_year = _MONTH_YEAR.search(value)
    if month_year is not None:
        return _make(month_year.group("year"), month_year.group("month"), None)
    numeric = _NUMERIC.search(value)
    if numeric is not None and len(numeric.group("year")) == 4:  # no guessing the century
        first, second = int(numeric.group("a")), int(numeric.group("b"))
        if first > 12 >= second:
            return _make(numeric.group("year"), str(second), str(first))
        if second > 12 >= first:
            return _make(numeric.group("year"), str(first), str(second))
    year = _YEAR_ONLY.match(value)
    if year is not None:
        return year.group("year"), "year"
    return None


def anchor_weekday(date: Dated, lead: str) -> Dated:
    """Move a caption date forward to the first weekday the lead paragraph names (0-6 days).

    Photo captions give the day the picture was taken; a lead such as "said Friday" names the
    day of the story, which is that day or a few days later.

    >>> anchor_weekday(("2025-01-15", "day"), "The agency said Friday it will stay.")
    ('2025-01-17', 'day')
    >>> anchor_weekday(("2024-12-23", "day"), "He met officials on Monday.")
    ('2024-12-23', 'day')
    """
    iso, precision = date
    match = _WEEKDAY.search(lead)
    if precision != "day" or match is None:
        return date
    day = dt.date.fromisoformat(iso)
    shift = (WEEKDAYS.index(match.group(1).lower()) - day.weekday()) % 7
    return (day + dt.timedelta(days=shift)).isoformat(), "day"


def _make(year: str, month: str, day: str | None) -> Dated | None:
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
    if month_number is None or not 1 <= month_number <= 12:
        return None
    if day is None:
        return f"{int(year):04d}-{month_number:02d}", "month"
    try:
        value = dt.date(int(year), month_number, int(day))
    except ValueError:
        return None
    return value.isoformat(), "day"
