"""Actors named by a common noun or an acronym: descriptions, institutions, acronyms.

"the bloc said", "the army's": a definite description heading its own noun phrase, resolved
later to the one organisation of a matching kind the story named before it. "the Dover police",
"the Tasmanian state government", "Kurdish forces" (issue #3): a place or group name followed
by an institution noun is an organisation of that place, not the place itself; the name may be
one the recognizer missed ("Dover" tagged as a common noun), as long as it is capitalised, not
a common word of the story, and not a title or a country (a country's own army stays the
country, which is how the events name it). "Syrian Center for Media (SCM)": the acronym in
brackets names the organisation before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Doc, Token

from kg.extract.entities.component import candidate_spans, doc_text, token_index
from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.people import POSSESSIVE
from kg.extract.entities.resolve import DESCRIPTION, ENTRY, NONE, ORG, PLACE_ROLE, Candidate
from kg.text import fold

#: Parts of speech after a description's head that end its noun phrase ("the bloc said").
_PHRASE_END = frozenset({"VERB", "AUX", "ADP", "PART", "SCONJ", "CCONJ", "ADV", "PRON", "DET"})
#: Tags a sentence-initial capitalised word needs to be taken for a name ("Dover police").
_NAME_TAGS = frozenset({"NNP", "NNPS", "NN"})


def find_descriptions(
    doc: Doc, cands: tuple[Candidate, ...], gaz: Gazetteer
) -> tuple[Candidate, ...]:
    """Add definite descriptions heading their own noun phrase: "the army said", "the bloc's"."""
    by_token = token_index(candidate_spans(doc, cands))
    found: list[Candidate] = []
    for tok in doc[1:]:
        if tok.i in by_token:
            continue
        word = fold(tok.text)
        if word not in gaz.descriptions:
            continue
        det = doc[tok.i - 1]
        if det.lower_ != "the" or tok.pos_ not in ("NOUN", "PROPN", ""):
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and not (
            nxt.is_punct or nxt.text in POSSESSIVE or nxt.pos_ in _PHRASE_END
        ):
            continue
        found.append(
            Candidate(
                det.idx,
                tok.idx + len(tok.text),
                doc[det.i : tok.i + 1].text,
                "DESC",
                DESCRIPTION,
                name=doc[det.i : tok.i + 1].text,
                kinds=gaz.descriptions[word],
            )
        )
    return (*cands, *found)


def find_institutions(
    doc: Doc,
    cands: tuple[Candidate, ...],
    gaz: Gazetteer,
    common: Callable[[Token], bool],
) -> tuple[Candidate, ...]:
    """Turn "PLACE [modifiers] police/government/forces" into an organisation candidate.

    A place or group candidate before the noun grows over it; a capitalised run the recognizer
    left out becomes a new candidate. `common` tells a common word of the story ("Local").
    """
    text = doc_text(doc)
    found = list(cands)  # grown in place of the old candidate: later passes keep its index
    by_token = token_index(candidate_spans(doc, cands))
    for head in doc:
        if fold(head.text) not in gaz.institution_heads or head.i in by_token:
            continue
        if not (head.is_lower or head.is_title):
            continue
        k = head.i - 1
        while (
            k >= 0 and fold(doc[k].text) in gaz.institution_modifiers and doc[k].i not in by_token
        ):
            k -= 1
        if k < 0 or "\n" in doc[k].whitespace_:
            continue
        j = by_token.get(k)
        if j is not None:
            grown = _grow(doc, gaz, found[j], head)
            if grown is not None:
                found[j] = grown
                span = doc.char_span(grown.start, grown.end, alignment_mode="expand")
                for t in range(span.start if span is not None else k, head.i + 1):
                    by_token[t] = j
            continue
        start = k
        while (
            start >= 0
            and head.i - start <= 4
            and start not in by_token
            and _name_part(doc[start], gaz, common)
        ):
            start -= 1
        start += 1
        if start > k:
            continue
        begin, end = doc[start].idx, head.idx + len(head.text)
        for t in range(start, head.i + 1):
            by_token[t] = len(found)
        name = text[begin:end]
        found.append(Candidate(begin, end, name, "ORG", ORG, name=name))
    return tuple(found)


def _grow(doc: Doc, gaz: Gazetteer, cand: Candidate, head: Token) -> Candidate | None:
    """Grow a place or group candidate over the institution noun after it (None: it stays)."""
    if cand.role == ENTRY:
        entry = gaz.entry(cand.entry_id) if cand.entry_id else None
        if entry is None or entry.type != "Country" or not cand.as_place:
            return None  # a country's own police or army stays the country; a capital's does not
    elif not (cand.role == PLACE_ROLE or (cand.role == NONE and cand.label == "NORP")):
        return None
    first = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if first is None:
        return None
    start = first[1].idx if first[0].lower_ == "the" and len(first) > 1 else cand.start
    end = head.idx + len(head.text)
    text = doc_text(doc)
    return Candidate(cand.start, end, text[cand.start : end], "ORG", ORG, name=text[start:end])


def _name_part(tok: Token, gaz: Gazetteer, common: Callable[[Token], bool]) -> bool:
    """A capitalised word that may name the place of an institution ("Dover" in "Dover police")."""
    if not (tok.is_alpha and tok.text[:1].isupper()) or tok.is_stop:
        return False
    word = fold(tok.text)
    if word in gaz.title_words or word in gaz.institution_modifiers or gaz.lookup(tok.text):
        return False
    if tok.is_sent_start or tok.i == 0 or "\n" in tok.doc[tok.i - 1].whitespace_:
        return tok.tag_ in _NAME_TAGS and not common(tok)
    return True


def foreign_acronyms(cands: tuple[Candidate, ...], gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Unname a national body named only by its acronym in a story that never names its
    country: "CHP" in a Californian story is the Highway Patrol, not Turkey's Republican
    People's Party; "ANC" beside "South Africa" stays the party."""
    countries: set[str] = set()
    written: set[str] = set()  # entries the story names other than by an acronym
    for c in cands:
        entry = gaz.entries.get(c.entry_id) if c.entry_id else None
        if entry is None:
            continue
        if entry.type == "Country":
            countries.add(entry.label)
        if c.text.strip() not in gaz.acronyms:
            written.add(entry.id)
    for c in cands:  # a place of a country names it too ("in Ankara" is a metonym's entry)
        country = gaz.place_countries.get(fold(c.text).removeprefix("the "))
        if country is not None:
            countries.add(country)
    return tuple(
        replace(c, role=NONE, entry_id=None)
        if c.entry_id and c.text.strip() in gaz.acronyms and c.entry_id not in written
        and (entry := gaz.entries.get(c.entry_id)) is not None and entry.type != "Country"
        and entry.country is not None and entry.country not in countries
        else c
        for c in cands
    )


def link_acronyms(doc: Doc, cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Link "Syrian Center for Media (SCM)": the acronym names the same organisation.

    An acronym the recognizer missed becomes a new candidate (checked in turn, as the list
    grows); the acronym's `alias_of` points at the name it abbreviates.
    """
    found = list(cands)
    spans = list(candidate_spans(doc, cands))
    by_token = token_index(spans)
    alias_of: dict[int, int] = {}
    i = 0
    while i < len(found):
        span, c = spans[i], found[i]
        i += 1
        if span is None or c.role != ORG or span.end + 2 >= len(doc):
            continue
        if doc[span.end].text != "(" or doc[span.end + 2].text != ")":
            continue
        token = doc[span.end + 1]
        if not (token.text.isupper() and token.is_alpha and 2 <= len(token.text) <= 6):
            continue
        j = by_token.get(token.i)
        if j is None:
            j = len(found)
            by_token[token.i] = j
            end = token.idx + len(token.text)
            found.append(Candidate(token.idx, end, token.text, "ORG", ORG, name=token.text))
            spans.append(doc[token.i : token.i + 1])
        if found[j].role == ORG:
            alias_of[j] = i - 1
    return tuple(
        replace(c, alias_of=alias_of[n]) if n in alias_of else c for n, c in enumerate(found)
    )
