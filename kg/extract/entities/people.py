"""What the words around a name say about it.

People: "Jordan's Foreign Minister X", "Russian President X", "LNA commander X" (a title run
before the name, with the entity it follows as affiliation), "US special envoy to Libya X" (an
entity after "to"/"in" is a destination, not the affiliation), and "X, the Dutch foreign
minister," or "X, the bloc's foreign policy chief" (an apposition after the name).

Uses (issue #3): whether a country or capital is only a location here ("from X", "in Oslo, X"),
or acts ("X said", "X's army"); and whether a name is cited the way news outlets are ("told X",
"X reported", "according to X", "X newspaper", a "Source: X" line).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.extract.entities.component import candidate_spans, doc_text, token_index
from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.resolve import ENTRY, NONE, ORG, PERSON, PLACE_ROLE, Candidate
from kg.text import fold

POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_DEST_PREPS = frozenset({"to", "in", "at", "for", "on"})
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
#: "head of the Y", "officer at Y", "spokesman for Y": the office belongs to Y.
_OF_PREPS = frozenset({"of", "at", "for", "with"})


def drop_credits(doc: Doc, cands: tuple[Candidate, ...], gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Unname photo and wire credits ("(AFP)", "Jane Doe/Agency"): they are not actors here."""
    spans = candidate_spans(doc, cands)
    return tuple(
        replace(c, role=NONE)
        if c.role in (ENTRY, ORG, PERSON) and span is not None and is_credit(span, gaz)
        else c
        for c, span in zip(cands, spans, strict=True)
    )


def read_people(doc: Doc, cands: tuple[Candidate, ...], gaz: Gazetteer) -> tuple[Candidate, ...]:
    """Give each person the roles and affiliation the words around the name tell."""
    spans = candidate_spans(doc, cands)
    by_token = token_index(spans)
    found = []
    for cand, span in zip(cands, spans, strict=True):
        if cand.role == PERSON and span is not None:
            words, aff, kinds = _person_context(doc, gaz, span, cands, by_token)
            roles = tuple(dict.fromkeys([*cand.roles, *roles_from_words(words, gaz)]))
            cand = replace(cand, roles=roles, affiliation=aff, affiliation_kinds=kinds)
        found.append(cand)
    return tuple(found)


def _person_context(
    doc: Doc,
    gaz: Gazetteer,
    span: Span,
    cands: Sequence[Candidate],
    by_token: dict[int, int],
) -> tuple[list[str], int | None, tuple[str, ...]]:
    """Read the title before a name, an apposition after it, or a title the name is in
    apposition to ("the President of France, X"): words, affiliation, kinds."""
    words, aff, kinds = _title_run(doc, gaz, span.start - 1, by_token.get(span.start), cands,
                                   by_token)  # fmt: skip
    if not words and aff is None and not kinds:
        words, aff, kinds = _apposition(doc, gaz, span, cands, by_token)
    if not words and aff is None and not kinds:
        words, aff, kinds = _titled_before(doc, gaz, span, cands, by_token)
    return words, aff, kinds


def _titled_before(
    doc: Doc, gaz: Gazetteer, span: Span, cands: Sequence[Candidate], by_token: dict[int, int]
) -> tuple[list[str], int | None, tuple[str, ...]]:
    """Read "the President of France, X" or "the French president, X": the name in
    apposition (by the parse) to a title noun before it; the title's own run of words and
    the entity after its "of/at/for" give the office and the affiliation."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or fold(head.text) not in gaz.title_heads:
        return [], None, ()
    own = by_token.get(span.start)
    words, aff, kinds = _title_run(doc, gaz, head.i, own, cands, by_token)
    if not words:
        return [], None, ()
    if aff is None:  # "the President of France", "the head of the Y"
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in _OF_PREPS:
                continue
            for obj in prep.children:
                j = by_token.get(obj.i)
                if (obj.dep_ == "pobj" and j is not None and j != own
                        and cands[j].role in (ENTRY, ORG)):  # fmt: skip
                    aff = j
    return words, aff, kinds


def _title_run(
    doc: Doc,
    gaz: Gazetteer,
    start: int,
    own: int | None,
    cands: Sequence[Candidate],
    by_token: dict[int, int],
) -> tuple[list[str], int | None, tuple[str, ...]]:
    """Read the run of title words ending at `start`, leftwards, and the entity before it
    ("Jordan's Foreign Minister", "Russian President"): words, affiliation, kinds."""
    words: list[str] = []
    aff: int | None = None
    kinds: tuple[str, ...] = ()
    i, possessive = start, False
    while i >= 0:
        j = by_token.get(i)
        if j is not None and j != own and words and words[0] in gaz.title_connectors:
            break  # "Commissioner X and Mayor Y": a title joins no name to another title
        if j is not None and j != own:
            other = cands[j]
            first = doc.char_span(other.start, other.end, alignment_mode="expand")
            s = first.start if first is not None else i
            if (
                s >= 2
                and doc[s - 1].lower_ in _DEST_PREPS
                and fold(doc[s - 2].text) in gaz.title_words
            ):
                i = s - 2  # "envoy to Libya": a destination, not the affiliation
                continue
            actor = other.role in (ENTRY, ORG, PERSON) and not other.as_place
            if actor and (words or possessive or other.label == "NORP"):
                aff = j
            elif actor and other.role != PERSON and (k := _office_of(doc, gaz, s)) is not None:
                aff, i = j, k  # "President of the Marshall Islands X": the office, then its title
                continue
            break
        word = fold(doc[i].text)
        if doc[i].text in POSSESSIVE and not possessive:
            if i - 1 not in by_token and fold(doc[i - 1].text) not in gaz.descriptions:
                break
            possessive = True
        elif word in gaz.descriptions and possessive and i > 0 and doc[i - 1].lower_ == "the":
            kinds = gaz.descriptions[word]
            break
        elif possessive:
            break
        elif doc[i].text == "." and i > 0 and gaz.abbreviation(doc[i - 1].text, dotted=True):
            pass  # "Capt. X": the period of an abbreviated rank
        elif word in gaz.title_words or (words and word in gaz.title_connectors):
            words.insert(0, word)
        elif (k := title_of_start(doc, i, gaz)) is not None:
            words[0:0] = [fold(t.text) for t in doc[k : i + 1]]  # "Chief of Detectives X"
            i = k
        else:
            break
        i -= 1
    while words and words[0] in gaz.title_connectors:
        del words[0]
    if not any(w in gaz.title_heads for w in words):
        words = []
        if not possessive:
            aff, kinds = (aff if aff is not None and cands[aff].label == "NORP" else None), ()
    return words, aff, kinds


def _office_of(doc: Doc, gaz: Gazetteer, start: int) -> int | None:
    """The last word of a title written before "of (the)" and the entity that starts at
    `start` ("President of the Marshall Islands", "Foreign Minister of Iran"), or None."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ != "of" or fold(doc[k - 1].text) not in gaz.title_words:
        return None
    return k - 1


def title_of_start(doc: Doc, i: int, gaz: Gazetteer) -> int | None:
    """Where "Chief of Detectives" starts when `i` is the last word of its capitalised tail.

    A title head, "of" or "for", then up to three capitalised words that name the office's
    field ("Chief of Detectives", "Secretary of Homeland Security"): all of it is the title.
    """
    k = i
    while k >= 0 and i - k < 3 and doc[k].is_alpha and doc[k].text[:1].isupper():
        if doc[k].ent_type_ and doc[k].ent_type_ not in ("PERSON", "ORG"):
            return None
        k -= 1
    if k == i or k < 1 or doc[k].lower_ not in ("of", "for"):
        return None
    return k - 1 if fold(doc[k - 1].text) in gaz.title_heads else None


def _apposition(
    doc: Doc, gaz: Gazetteer, span: Span, cands: Sequence[Candidate], by_token: dict[int, int]
) -> tuple[list[str], int | None, tuple[str, ...]]:
    """Read "X, the Dutch foreign minister," or "X, the bloc's foreign policy chief"."""
    i = span.end
    if i >= len(doc) or doc[i].text != ",":
        return [], None, ()
    i += 1
    if i < len(doc) and doc[i].lower_ in ("the", "a", "an"):
        i += 1
    words: list[str] = []
    aff: int | None = None
    kinds: tuple[str, ...] = ()
    while i < len(doc):
        j = by_token.get(i)
        word = fold(doc[i].text)
        if j is not None and aff is None and not words:
            if cands[j].role in (ENTRY, ORG) and not cands[j].as_place:
                aff = j
            while i < len(doc) and by_token.get(i) == j:
                i += 1
            if i < len(doc) and doc[i].text in POSSESSIVE:
                i += 1
            continue
        if j is not None and aff is None and words and words[-1] in _OF_PREPS:
            if cands[j].role in (ENTRY, ORG) and not cands[j].as_place:
                aff = j  # "X, head of the Y", "X, an officer at Y"
            break
        if words and words[-1] in _OF_PREPS and word in ("the", "a", "an"):
            i += 1
            continue
        if words and word in _OF_PREPS and words[-1] in gaz.title_heads:
            words.append(word)
            i += 1
            continue
        if (
            not words
            and word in gaz.descriptions
            and i + 1 < len(doc)
            and doc[i + 1].text in POSSESSIVE
        ):
            kinds, i = gaz.descriptions[word], i + 2
            continue
        if word in gaz.title_words or (words and word in gaz.title_connectors):
            words.append(word)
            i += 1
            continue
        break
    while words and words[-1] in _OF_PREPS:
        words.pop()
    if not any(w in gaz.title_heads for w in words):
        return [], None, ()
    return words, aff, kinds


def roles_from_words(words: list[str], gaz: Gazetteer) -> tuple[str, ...]:
    """Office titles inside a run of title words, longest first and not overlapping.

    >>> from kg.paths import default_ontology_dir
    >>> from kg.extract.entities.gazetteer import load_gazetteer
    >>> gaz = load_gazetteer(default_ontology_dir())
    >>> roles_from_words(["current", "deputy", "defense", "minister"], gaz)
    ('deputy defense minister',)
    >>> roles_from_words(["emir", "sheikh"], gaz)
    ('emir', 'sheikh')
    """
    words = [gaz.abbreviations.get(w.rstrip("."), gaz.abbreviations.get(w, w)) for w in words if w]
    while words and (words[0] == "the" or words[0] in gaz.role_noise):
        words = words[1:]
    spans: list[tuple[int, int]] = []
    for length in range(len(words), 0, -1):
        for i in range(len(words) - length + 1):
            if " ".join(words[i : i + length]) in gaz.titles and all(
                i + length <= a or i >= b for a, b in spans
            ):
                spans.append((i, i + length))
    if not spans:
        heads = [n for n, w in enumerate(words) if w in gaz.title_heads]
        spans = [(heads[-1], heads[-1] + 1)] if heads else []
    spans.sort()
    for n, (a, b) in enumerate(spans):
        following = spans[n + 1][0] if n + 1 < len(spans) else len(words)
        if b + 1 < following and words[b] in ("of", "for"):
            spans[n] = (a, following)  # "chief of detectives": the office's field
    return tuple(" ".join(words[a:b]) for a, b in spans)


def is_locative(span: Span, gaz: Gazetteer) -> bool:
    """True when a place name is used as a location only: "from X", "in X", "in Oslo, X".

    "of" counts only after a place noun ("the capital of X"), never in "the people of X".
    """
    doc, root = span.doc, span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ in gaz.locative_prepositions:
        owner = prep.head
        place = fold(owner.text) in gaz.place_nouns or fold(owner.text) in gaz.place_heads
        if prep.lower_ == "of" or (prep.lower_ == "from" and owner.pos_ in ("NOUN", "PROPN")):
            return place  # "the capital of X" but "the people of X", "envoys from X"
        return owner.lower_ not in ("according", "because")
    start = span.start
    if start >= 2 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in ("GPE", "LOC"):
        before = doc[start - 2]
        name = doc[before.i : before.i + 1]
        while name.start > 0 and doc[name.start - 1].ent_iob_ == "I" and before.ent_iob_ == "I":
            name = doc[name.start - 1 : name.end]
        hit = gaz.lookup(name.text)
        return hit is None or hit[0].type != "Country" or hit[1] == "metonym"  # "Oslo, X"
    return False


def acts(span: Span, gaz: Gazetteer) -> bool:
    """A capital acts when it is the subject of a non-stative verb, a possessor or an agent."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ == "nsubj":
        return root.head.lemma_.lower() not in gaz.stative_verbs
    if root.dep_ == "poss":
        return fold(root.head.text) not in gaz.place_nouns
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def outlet_cue(span: Span, gaz: Gazetteer) -> str | None:
    """How a name is cited the way a news outlet is, if it is.

    "verb": "told X", "X reported", "reported X", "denied to X", "according to X" (people are
    cited so too); "noun": "X newspaper", "X, the daily", a "Source: X" line.
    """
    doc, root = span.doc, span.root
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    before = text[line_start : span.start_char].rstrip()
    if before.endswith(":") and fold(before[:-1]) in gaz.source_labels:
        return "noun"  # "Source: X", "Via: X"
    if span.end < len(doc) and _outlet_head(doc, span.end, gaz):
        return "noun"
    if span.end + 2 < len(doc) and doc[span.end].text == ",":
        k = span.end + 1
        k += doc[k].lower_ in ("the", "a", "an")
        stop = min(k + 3, len(doc))  # "X, the pan-Arab daily": a short apposition only
        while k < stop and doc[k].is_lower and not _outlet_head(doc, k, gaz):
            k += 1
        if k < len(doc) and _outlet_head(doc, k, gaz):
            return "noun"
    head = root.head
    verb = head.lemma_.lower()
    if root.dep_ == "nsubj" and verb in gaz.outlet_verbs:
        return "verb"
    if root.dep_ in ("dobj", "dative") and verb in gaz.outlet_object_verbs:
        return "verb"
    if root.dep_ == "pobj" and head.lower_ == "to":
        spoken = head.head  # "denied to X", "according to X"
        if spoken.lower_ == "according" or spoken.lemma_.lower() in gaz.outlet_to_verbs:
            return "verb"
    return None


def _outlet_head(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    two = fold(doc[i : i + 2].text) if i + 1 < len(doc) else ""
    return fold(doc[i].text) in gaz.outlet_heads or two in gaz.outlet_heads


def is_credit(span: Span, gaz: Gazetteer) -> bool:
    """A photo or wire credit at the end of a caption line: "(AFP)", "(X/dpa)"."""
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    tail_start = text.rfind(". ", line_start, span.start_char)
    tail = text[
        tail_start + 2 if tail_start >= 0 else line_start : line_end if line_end >= 0 else len(text)
    ]
    if tail_start >= 0 and "/" in tail and len(tail) <= 80:
        return True  # "... January 15, 2025. Jane Doe/Agency/via WIRE"
    open_at = text.rfind("(", line_start, span.start_char)
    close_at = text.find(")", span.end_char)
    if open_at < 0 or close_at < 0 or "\n" in text[span.end_char : close_at]:
        return False
    rest = text[close_at + 1 : text.find("\n", close_at) if "\n" in text[close_at:] else len(text)]
    inner = text[open_at + 1 : close_at]
    if rest.strip() or len(inner) > 60:
        return False
    words = {fold(w) for w in _WORD.findall(inner)}
    return "/" in inner or bool(words & gaz.credit_words) or inner.strip() == span.text


def mark_outlets(
    doc: Doc, cands: tuple[Candidate, ...], gazetteer: Gazetteer
) -> tuple[Candidate, ...]:
    """Retype names cited the way news outlets are ("told X", "X reported", "X newspaper").

    A "person" becomes an outlet on any cue when nothing marks it as a person: no title, no
    affiliation, no later surname-only mention. An organisation or a "place" needs a noun cue
    ("the X newspaper", "X, the daily", a "Source: X" line).
    """
    spans = candidate_spans(doc, cands)
    by_name: dict[str, list[tuple[int, Span]]] = {}
    for i, (c, span) in enumerate(zip(cands, spans, strict=True)):
        if c.role in (PERSON, ORG, PLACE_ROLE) and span is not None and c.alias_of is None:
            by_name.setdefault(fold(c.name), []).append((i, span))
    people = {name for name, found in by_name.items() if cands[found[0][0]].role == PERSON}
    outlets: set[int] = set()
    for name, found in by_name.items():
        cues = [outlet_cue(span, gazetteer) for _, span in found]
        if cands[found[0][0]].role != PERSON:
            # firms "report" results too; "the X newspaper" is clear, and so is a name ending
            # in an outlet's word that reports ("The New York Daily News reported")
            words = name.split()
            outlet = "noun" in cues or ("verb" in cues and bool(words) and (
                words[-1] in gazetteer.outlet_heads))  # fmt: skip
        else:
            words = name.split()
            surname = any(o != name and o.split() == words[-len(o.split()) :] for o in people)
            marked = any(cands[i].roles or cands[i].affiliation is not None for i, _ in found)
            speaks = any(_speaks(span, gazetteer) for _, span in found)
            verbs = cues.count("verb") >= 2 and not speaks  # one "told X" may be a person
            outlet = ("noun" in cues or verbs) and not marked and not surname
        if outlet:
            outlets.update(i for i, _ in found)
    return tuple(
        replace(c, role=ORG, outlet=True) if i in outlets else c for i, c in enumerate(cands)
    )


def _speaks(span: Span, gaz: Gazetteer) -> bool:
    """The subject of a verb other than an outlet's ("X said", "X met"): a person's use."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() not in gaz.outlet_verbs
