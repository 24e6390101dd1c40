"""The ``kg_gazetteer`` spaCy component: reference names reconciled with the recognizer.

It matches the gazetteer's names (countries, demonyms, capitals, organisations, armed groups)
with a `PhraseMatcher` and merges the matches into ``doc.ents``: a reference match replaces an
overlapping statistical entity, except where the statistical entity is a longer name that
contains it ("Qatar Airways", "New Mexico") or a person whose first name is a country
("Israel Katz" outside a headline). The entry id is kept as the span's ``kb_id_``.

It then repairs the recognizer's span errors with the parse (issue #3): a person name runs on
over the capitalised words it is a compound of ("Ana Maria" + "Ruiz" + "Montero"), an
organisation name runs on over "of/for the Capitalised ..." and "&", over an "and" that joins
words inside it ("Center for Media and Freedom of Expression"), and over a lowercase head noun
it modifies ("Open Justice initiative"), and over a capitalised head it is a compound of
("[The US] Chamber of Commerce").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kg.extract.entities.gazetteer import Gazetteer
from kg.extract.entities.resolve import Candidate
from kg.text import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

COMPONENT = "kg_gazetteer"
#: Where `doc_text` keeps the joined text of a doc.
_TEXT_KEY = ("kg", "text")
_CONTAINER_LABELS = frozenset(
    {"ORG", "FAC", "GPE", "LOC", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
)


@Language.factory(COMPONENT)
def make_gazetteer_component(nlp: Language, name: str) -> GazetteerComponent:
    """Create the (empty) component; `configure_nlp` loads it with the reference names."""
    return GazetteerComponent(nlp)


class GazetteerComponent:
    """Match reference names and reconcile them with the recognizer's entities."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matcher: PhraseMatcher | None = None
        self.gazetteer: Gazetteer | None = None

    def set_gazetteer(self, gazetteer: Gazetteer) -> None:
        """Build the phrase patterns: names in written and capital form, acronyms as written."""
        self.gazetteer = gazetteer
        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        patterns: dict[str, set[str]] = {}
        for entry in gazetteer.entries.values():
            label = "GPE" if entry.type == "Country" else "ORG"
            groups = (
                (label, (entry.label, *entry.names), True),
                (label, entry.acronyms, False),
                ("NORP", entry.demonyms, True),
                ("GPE", (*entry.capitals, *entry.seats), True),
            )
            for span_label, names, upper in groups:
                forms = patterns.setdefault(f"{span_label}|{entry.id}", set())
                for name in names:
                    bare = name[4:] if name[:4] in ("the ", "The ") else name
                    forms.add(bare)
                    if upper and len(bare) > 3:
                        forms.add(bare.upper())
        for key, forms in sorted(patterns.items()):
            if forms:
                matcher.add(key, [self.nlp.make_doc(f) for f in sorted(forms)])
        self.matcher = matcher

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            return doc
        found = []
        for match_id, start, end in self.matcher(doc):
            label, _, entry_id = self.nlp.vocab.strings[match_id].partition("|")
            found.append(Span(doc, start, end, label=label, kb_id=entry_id))
        if self.gazetteer is not None:
            found = _untitled(found, doc.ents, self.gazetteer)
        ents = _reconcile(list(doc.ents), filter_spans(found))
        if self.gazetteer is not None and doc.has_annotation("DEP"):
            ents = repair_spans(ents, self.gazetteer)
            ents = filter_spans([*ents, *untagged_cities(doc, ents, self.gazetteer)])
        doc.ents = ents
        return doc


#: The longest run of proper nouns looked up as a city name ("Bandar Seri Begawan").
_CITY_WORDS = 4


def untagged_cities(doc: Doc, ents: Sequence[Span], gazetteer: Gazetteer) -> list[Span]:
    """GPE spans for runs of capitalised proper nouns that the recognizer left untagged and
    that are, as a whole, the name of a city of the place table ("Russian drones struck
    Kharkiv": the small model knows few cities beyond the largest)."""
    tagged = {i for ent in ents for i in range(ent.start, ent.end)}
    found: list[Span] = []
    i = 0
    while i < len(doc):
        end = i
        while (end < len(doc) and end - i < _CITY_WORDS and end not in tagged
               and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper()):
            end += 1
        if end > i and (end == len(doc) or doc[end].pos_ != "PROPN") and (
            fold(doc[i:end].text) in gazetteer.city_names
            and doc[end - 1].dep_ not in ("nsubj", "nsubjpass")  # "Charlotte said": a person
        ):
            found.append(Span(doc, i, end, label="GPE"))
        i = max(end, i + 1)
    return found


def _untitled(found: list[Span], model_ents: Sequence[Span], gazetteer: Gazetteer) -> list[Span]:
    """Leave out the organisations' names that the recognizer reads, as the same words, as a
    person with an office or courtesy title before it ("Mayor Bloomberg", "Senator Ford")."""
    people = {(o.start, o.end) for o in model_ents if o.label_ == "PERSON" and o.start > 0}
    return [g for g in found if g.label_ != "ORG" or (g.start, g.end) not in people
            or not titled(g, gazetteer)]  # fmt: skip


def titled(span: Span, gazetteer: Gazetteer) -> bool:
    """Whether an office or a courtesy title is written just before a name ("Mayor X",
    "Mr. X")."""
    if span.start == 0:
        return False
    word = fold(span.doc[span.start - 1].text).rstrip(".")
    return word in gazetteer.title_heads or word in gazetteer.courtesy_titles


def _reconcile(model_ents: list[Span], gaz: list[Span]) -> list[Span]:
    """Merge reference matches with the recognizer's entities (see module docstring)."""
    keep: list[Span] = []
    dropped: set[int] = set()
    for g in gaz:
        wins = True
        for n, o in enumerate(model_ents):
            if o.end <= g.start or o.start >= g.end:
                continue
            if o.start <= g.start and o.end >= g.end and (o.start, o.end) != (g.start, g.end):
                if o.label_ == "PERSON":
                    country_name = g.label_ == "GPE" and g.start == o.start and g.end - g.start == 1
                    if (
                        country_name
                        and not g.text.isupper()
                        and not is_headline(o.doc, o.start_char)
                    ):
                        wins = False  # a first name that is also a country ("Israel Katz")
                        continue
                    if _surname(o, g):
                        wins = False  # a surname that is also a name ("Michael Bloomberg")
                        continue
                    dropped.add(n)
                    if o.end > g.end and doc_is_title(o.doc[g.end]):
                        keep.append(Span(o.doc, g.end, o.end, label="PERSON"))
                    if o.start < g.start:
                        keep.append(Span(o.doc, o.start, g.start, label="PERSON"))
                elif o.label_ in _CONTAINER_LABELS:
                    wins = False  # "Qatar Airways", "New Mexico": the longer name stands
            else:
                dropped.add(n)
        if wins:
            keep.append(g)
    keep.extend(o for n, o in enumerate(model_ents) if n not in dropped)
    return filter_spans(keep)


def _surname(person: Span, name: Span) -> bool:
    """Whether a one-word reference name ends a person's name after a first name the
    recognizer put in the same span ("Michael Bloomberg", "Michael Jordan"), so it is the
    person's surname, not the outlet or the country."""
    if len(name) != 1 or name.end != person.end or name.start == person.start:
        return False
    first = person.doc[name.start - 1]
    return first.pos_ == "PROPN" and first.is_title and not is_headline(
        person.doc, person.start_char)


def repair_spans(ents: list[Span], gazetteer: Gazetteer) -> list[Span]:
    """Fix person and organisation spans with the parse (see module docstring)."""
    fixed: list[Span] = []
    for ent in ents:
        if ent.kb_id_ or ent.label_ not in ("PERSON", "ORG"):
            fixed.append(ent)
        elif ent.label_ == "PERSON":
            fixed.append(_person_span(ent, gazetteer))
        else:
            fixed.append(_org_span(ent, gazetteer))
    out: list[Span] = []
    for ent in sorted(fixed, key=lambda e: (e.start, -len(e))):
        if out and ent.start < out[-1].end:
            continue  # swallowed by a repaired span before it
        out.append(ent)
    return out


def _name_word(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised word that can continue a name (not a title, not a known country)."""
    text = token.text
    return (
        (text[:1].isupper() or (text == "-" and not token.whitespace_))
        and "\n" not in token.whitespace_
        and fold(text) not in gazetteer.title_words
        and (token.ent_type_ in ("", "PERSON") or text == "-")
        and gazetteer.lookup(text) is None
    )


def _person_span(ent: Span, gazetteer: Gazetteer) -> Span:
    """Run a name on over the capitalised words its last word is a compound of."""
    doc, end = ent.doc, ent.end
    while doc[end - 1].dep_ in ("compound", "flat") and doc[end - 1].head.i >= end:
        head = doc[end - 1].head.i
        if "\n" in doc[end - 1].whitespace_ or not all(
            _name_word(t, gazetteer) for t in doc[end : head + 1]
        ):
            break
        end = head + 1
    while (
        end < len(doc)
        and doc[end].ent_type_ == "PERSON"
        and doc[end].ent_iob_ == "B"
        and doc[end - 1].whitespace_ == " "
    ):
        end += 1  # two name parts the recognizer cut apart
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return ent if end == ent.end else Span(doc, ent.start, end, label="PERSON")


def _org_span(ent: Span, gazetteer: Gazetteer) -> Span:
    """Run an organisation name on over its capitalised head, "of the X", "& X", an inner
    "and", a lowercase head."""
    doc, end = ent.doc, ent.end
    while doc[end - 1].dep_ == "compound" and doc[end - 1].head.i >= end:
        head = doc[end - 1].head.i  # "[The US] Chamber": the name modifies a capitalised head
        if (
            "\n" in doc[end - 1].whitespace_
            or not all(
                t.is_alpha
                and t.text[:1].isupper()
                and t.ent_type_ in ("", "ORG")
                and fold(t.text) not in gazetteer.title_words  # "[Russia's] Defense Minister X"
                for t in doc[end : head + 1]
            )
        ):
            break
        end = head + 1
    inside = set(range(ent.start, end))
    while end + 1 < len(doc) and "\n" not in doc[end - 1].whitespace_:
        word, last = doc[end], doc[end - 1]
        if not last.text[:1].isupper():
            break
        nxt = end + 1
        if word.lower_ in ("of", "for") and word.head.i in inside:
            if doc[nxt].lower_ == "the" and nxt + 1 < len(doc):
                nxt += 1
        elif word.text == "&" or (
            word.lower_ == "and" and doc[nxt].head.i in inside - {ent.root.i}
        ):
            pass
        elif (
            fold(word.text) in gazetteer.org_heads
            and word.is_lower
            and last.dep_ == "compound"
            and last.head.i == end
            and len(inside) >= 2
        ):
            end += 1
            break
        else:
            break
        run = nxt
        while run < len(doc) and doc[run].text[:1].isupper() and doc[run].is_alpha:
            run += 1
            if "\n" in doc[run - 1].whitespace_:
                break
        if run == nxt:
            break
        inside.update(range(end, run))
        end = run
    return ent if end == ent.end else Span(doc, ent.start, end, label="ORG")


def is_headline(doc: Doc, char: int) -> bool:
    r"""True when the line holding `char` is written in title case or capitals.

    Only words outside named entities count, so a plain sentence full of names is no headline.

    >>> import spacy
    >>> doc = spacy.blank("en")("Rebels Seize Airport In Dawn Raid\nThe rebels said so on Monday")
    >>> is_headline(doc, 3), is_headline(doc, 40)
    (True, False)
    """
    text = doc_text(doc)
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    span = doc.char_span(start, end if end >= 0 else len(text), alignment_mode="contract")
    if span is None:
        return False
    words = [t.text for t in span if t.is_alpha and len(t.text) > 3 and not t.ent_type_]
    capital = sum(1 for w in words if w[0].isupper())
    return len(words) >= 3 and capital >= 0.8 * len(words)


def doc_text(doc: Doc) -> str:
    """Return `doc.text`, joined once per doc and kept in ``doc.user_data``.

    spaCy builds ``Doc.text`` by joining every token on each access; the per-line checks of
    entity extraction read it for every span, which cost more than parsing the doc (issue #7).
    A doc's text never changes once it is tokenized (retokenizing keeps it).

    >>> import spacy
    >>> doc = spacy.blank("en")("Two words")
    >>> doc_text(doc), doc_text(doc) is doc_text(doc)
    ('Two words', True)
    """
    store: dict[Any, Any] = doc.user_data  # spaCy types the keys as str; ours is a tuple
    text = store.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = store[_TEXT_KEY] = doc.text
    return text


def split_lines(ent: Span) -> list[Span]:
    """An entity never runs across a line break; keep the pieces between breaks."""
    parts, start = [], ent.start
    for tok in ent:
        if "\n" in tok.text or "\n" in tok.whitespace_:
            end = tok.i if "\n" in tok.text else tok.i + 1
            if end > start:
                parts.append(ent.doc[start:end])
            start = tok.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    return parts


def doc_is_title(token: Token) -> bool:
    """True when a token starts with a capital letter (a name may continue there)."""
    return token.text[:1].isupper()


def candidate_spans(doc: Doc, cands: Sequence[Candidate]) -> tuple[Span | None, ...]:
    """Return the tokens of each candidate (None when its offsets fall outside the doc)."""
    return tuple(doc.char_span(c.start, c.end, alignment_mode="expand") for c in cands)


def token_index(spans: Sequence[Span | None]) -> dict[int, int]:
    """Map each token inside a candidate's span to the candidate's index.

    Where spans overlap ("Putin-Erdogan", a name run on over a hyphen) the later one wins.
    """
    return {
        t: i
        for i, span in enumerate(spans)
        if span is not None
        for t in range(span.start, span.end)
    }
