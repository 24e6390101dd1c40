"""Ships named by their prefix (issue #15 item 7: a ship is no person).

A warship's name starts with its navy's prefix ("INS Mysore", "USS Cole", "HMS Defender"): it
acts for that navy's state, as a military group tied to the country ("Indian warship INS
Mysore captured 23 pirates": India, sector MIL). A prefix several navies use ("INS": India and
Israel) names the one of them the story names, else no one. A civil ship ("MV Stolt Valor") is
a thing, not an actor. The prefixes are data: titles.json `naval_prefixes`, `merchant_prefixes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from kg.extract.entities.component import doc_text
from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.resolve import ENTRY, GROUP, NONE, Candidate
from kg.records import GENERIC

#: The CAMEO sector of a warship: military.
_NAVY = "MIL"


def find_ships(doc: Doc, cands: Sequence[Candidate], gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Turn each candidate that names a ship into a military group of its navy's state (a
    warship) or into no actor (a civil ship); the others stay as they are. A warship the
    recognizer left out or tagged as a product ("the USS Cole") is added."""
    if not gaz.naval_prefixes and not gaz.merchant_prefixes:
        return tuple(cands)
    named = {c.entry_id for c in cands if c.role == ENTRY and c.entry_id}
    found: list[Candidate] = []
    for cand in sorted([*cands, *_untagged(doc, cands, gaz)], key=lambda c: c.start):
        prefix, start = _prefix(doc, cand, gaz)
        if prefix is None:
            found.append(cand)
        elif prefix in gaz.merchant_prefixes:
            found.append(replace(cand, role=NONE))
        else:
            state = _state(gaz.naval_prefixes[prefix], named, gaz)
            text = doc_text(doc)[start : cand.end]
            found.append(Candidate(start, cand.end, text, GENERIC, GROUP, entry_id=state,
                                   sector=_NAVY) if state else replace(cand, role=NONE))
    return tuple(found)


def _untagged(doc: Doc, cands: Sequence[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """Warships no candidate covers: a naval prefix and the capitalised words after it."""
    covered = {i for c in cands for i in range(c.start, c.end)}
    out = []
    for token in doc:
        if token.text not in gaz.naval_prefixes or token.idx in covered:
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end > token.i + 1 and doc[end - 1].idx not in covered:
            last = doc[end - 1]
            out.append(Candidate(token.idx, last.idx + len(last.text),
                                 doc_text(doc)[token.idx : last.idx + len(last.text)], "PRODUCT",
                                 NONE))
    return out


def _prefix(doc: Doc, cand: Candidate, gaz: Gazetteer) -> tuple[str | None, int]:
    """The ship prefix a candidate's name starts with, or is written just before it (the
    recognizer often leaves "INS" out), and where the ship's name starts; (None, start) for
    any other name. A prefix alone is no ship ("the USS said")."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return None, cand.start
    first = span[0]
    if first.text in gaz.naval_prefixes or first.text in gaz.merchant_prefixes:
        return (first.text, cand.start) if len(span) > 1 else (None, cand.start)
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and (before.text in gaz.naval_prefixes
                               or before.text in gaz.merchant_prefixes):  # fmt: skip
        return before.text, before.idx
    return None, cand.start


def _state(countries: Sequence[str], named: set[str], gaz: Gazetteer) -> str | None:
    """The entry id of the state a prefix names: its only one, else the one the story names."""
    ids = [m[0].id for m in map(gaz.lookup, countries) if m is not None]
    if len(ids) == 1:
        return ids[0]
    chosen = [i for i in ids if i in named]
    return chosen[0] if len(chosen) == 1 else None
