"""The place an article's dateline names, and which of its events that place may locate.

A dateline opens the lead: "PARIS (Reuters) - ...", "DAMASCUS, Syria — ...", "Mannheim,
Germany (Sports Network) - ...", or a photo caption's "23 December 2024, Syria, Damascus: ...".
It says where the story was filed, which is where the events of its lead paragraph happened
when nothing says otherwise; later paragraphs tell background ("severed ties with X in 2016").
So an event gets the dateline's place when its sentence is in the paragraph the dateline opens,
its own clause names no place (see `kg.extract.events.candidate`), its sentence names no other
place, and none of its participants belongs to another country ("WASHINGTON - Russia attacked
Ukraine" is not in Washington). The place must be an entity the entity stage found (a Place,
or a Country used as one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.entities.component import doc_text
from kg.timewords import month_pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kg.extract.events.roles import Participants

#: Characters of the text a dateline may start in (a caption or a title line can come first).
HEAD_CHARS = 400
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_DASH = r"(?:—|–|--?)"
_AGENCY = r"\([A-Z][\w .&/-]{1,30}\)"
_DATE = rf"\d{{1,2}} (?:{month_pattern()})\w* \d{{4}}|(?:{month_pattern()})\w* \d{{1,2}},? \d{{4}}"
_DATELINES = (
    # PARIS (Reuters) - / Mannheim, Germany (Sports Network) - / DAMASCUS, Syria -
    re.compile(rf"(?m)^(?P<names>{_NAME}(?:, {_NAME})?)\s*(?P<agency>{_AGENCY})?\s*{_DASH}\s"),
    # 23 December 2024, Syria, Damascus: (a dated photo caption, dpa style)
    re.compile(rf"(?mi)^(?:{_DATE}), (?P<names>{_NAME}(?:, {_NAME})?):\s"),
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the place names of the dateline are in `text`, if it has one.

    A plain "Name -" line counts only in capitals ("PARIS -"), or with an agency.

    >>> text = "DAMASCUS, Syria (AP) — Talks began."
    >>> start, end = dateline_span(text); text[start:end]
    'DAMASCUS, Syria'
    >>> dateline_span("Ministers met - and talked.") is None
    True
    >>> text = "23 December 2024, Syria, Damascus: ministers meet."
    >>> start, end = dateline_span(text); text[start:end]
    'Syria, Damascus'
    """
    head = text[:HEAD_CHARS]
    for pattern in _DATELINES:
        for match in pattern.finditer(head):
            names = match.group("names")
            agency = match.groupdict().get("agency")
            if pattern is _DATELINES[0] and not agency and not names.split(",")[0].isupper():
                continue
            return match.start("names"), match.end("names")
    return None


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline's place (a local entity key) and where its paragraph ends in the text."""

    key: str
    end: int


def dateline_place(doc: Doc, participants: Participants) -> Dateline | None:
    """The place the article's dateline names (a Place before a Country), if any."""
    text = doc_text(doc)
    span = dateline_span(text)
    if span is None:
        return None
    found: list[str] = []
    for token in doc.char_span(*span, alignment_mode="expand") or ():
        key = participants.place(token)
        if key is not None and key not in found:
            found.append(key)
    places = [k for k in found if participants.is_place_key(k)]
    if not (places or found):
        return None
    end = text.find("\n", span[1])
    return Dateline((places or found)[0], len(text) if end < 0 else end)


def may_place(
    dateline: Dateline, sent: Span, keys: Sequence[str], participants: Participants
) -> bool:
    """Whether the dateline may locate an event of `sent` with participants `keys`."""
    key = dateline.key
    if sent.start_char >= dateline.end or key in keys:
        return False
    home = _country(key, participants)
    for token in sent:
        other = participants.place(token)
        if other is not None and other != key and participants.is_place_key(other):
            return False
    for participant in keys:
        country = _country(participant, participants)
        if country is not None and country != home:
            return False
    return True


def _country(key: str, participants: Participants) -> str | None:
    """The label of the country an entity is or belongs to."""
    entity = participants.entities[key]
    return entity.label if entity.type == "Country" else entity.country
