"""English month and weekday names, shared by article dating (ingest) and event dates (extract).

One table so a spelling added for one stage ("sept") reaches the other; both stages build
their own patterns from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

#: Month names and their common abbreviations -> month number (1-12).
MONTHS: Mapping[str, int] = MappingProxyType({
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
})
#: Weekday names in `datetime.date.weekday()` order (Monday is 0).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def month_pattern() -> str:
    """A regex alternation of the month names, longest first so "sept" wins over "sep".

    >>> month_pattern().startswith("september|")
    True
    """
    return "|".join(sorted(MONTHS, key=len, reverse=True))
