"""The headline as a sentence of its own: it often tells the story's main event ("Moscow
outlaws Amnesty International") in words the body does not repeat (issue #14).

The headline is parsed apart from the body, so the body's offsets stay those of
`Article.text`. Its actors are found as in the body, then each is joined to the body's entity
of the same label and type (a headline name the body never uses gets a key of its own), and its
events are coded with the article's entities. The body or the reference data vets the
headline's names: an event whose doer neither the body nor the gazetteer and actor dictionaries
name is dropped, and such a recipient left out (a headline misleads the recognizer). Such an
event says `in_title`: its offsets are in `Article.title`. A story the discard dictionary sets
aside has no headline events either.

A title-cased headline ("Tokelau Threatens to Expel International Observers") is parsed in
sentence case (`sentence_case`): the parser reads capitalised common words as names, and a
headline event is then missed or misread. Each capitalised word keeps its capital only when
the body writes it so, or, when the body does not use it, when it is part of a name the
gazetteer knows; the text keeps its length, so offsets in the title are unchanged.

Headline grammar drops what the parser leans on: its present tense tells a past act without
an article to mark the nouns ("Vanuatu and Greece sign trade deal", "Guadeloupe thanks X"),
and its passive has no auxiliary ("Three NGOs banned for ties to ..."). The parser then reads
the whole headline as one noun phrase, and its event is lost. When the parse has no verb at
its root, `verbal_reading` proposes the plain sentence one edit makes of it ("signed",
"were banned"); the headline is parsed again so, and that reading is kept when the edited
word is then a verb with its subject. Offsets are mapped back to the title (`Reading`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.records import Article, EventMention, LocalEntity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.entities.gazetteer import Gazetteer
    from kg.extract.events.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Reading:
    """A headline read as a plain sentence: `title[start:end]` replaced by `text` ("sign" ->
    "signed", "banned" -> "were banned"). Offsets in the edited text map back to the title;
    an offset inside the edit maps to the edited word's start or end.

    >>> r = Reading(19, 23, "signed")
    >>> r.apply("Vanuatu and Greece sign trade deal")
    'Vanuatu and Greece signed trade deal'
    >>> r.to_title(19), r.to_title(25, end=True), r.to_title(26), r.to_title(32)
    (19, 23, 24, 30)
    """

    start: int
    end: int
    text: str

    def apply(self, title: str) -> str:
        return title[: self.start] + self.text + title[self.end :]

    def to_title(self, offset: int, *, end: bool = False) -> int:
        """The title offset of `offset` in the edited text (`end`: of a span's end)."""
        edited_end = self.start + len(self.text)
        if offset < self.start or (end and offset == self.start):
            return offset
        if offset < edited_end or (end and offset == edited_end):
            return self.end if end else self.start
        return offset - (edited_end - self.end)


def verbal_reading(
    doc: Doc, is_verb: Callable[[str], bool], is_done_to: Callable[[str], bool] = bool
) -> Reading | None:
    """The plain-sentence reading of a headline parsed with no verb at its root, or with a
    past participle there that is a passive without its auxiliary (`_reduced_passive`), or
    None.

    The first word after a noun that is a verb `is_verb` knows, written in its base or third
    person form ("sign", "thanks") is put in the past tense; a past participle there
    ("banned") gets its auxiliary. An event noun before a preposition stays a noun ("Russia
    sanctions on Iran", "peace talks in Geneva"), and so does a participle before its noun.
    """
    from lemminflect import getInflection

    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is not None and root.pos_ in ("VERB", "AUX"):
        return _reduced_passive(root, is_verb, is_done_to)
    for word in doc[1:]:
        before = doc[word.i - 1]
        after = doc[word.i + 1] if word.i + 1 < len(doc) else None
        # after the subject's last word: a noun or a name ("Guadeloupe" may be tagged an
        # adjective, as may a headline's first word: "Military ramps up production")
        named = before.pos_ == "ADJ" and (before.ent_type_ not in ("", "NORP") or before.i == 0)
        if (before.pos_ not in ("NOUN", "PROPN", "PRON") and not named) or not word.is_alpha:
            continue
        if word.pos_ not in ("VERB", "NOUN", "PROPN", "AUX"):
            continue  # "Ross back in talks": an adverb, a preposition or an adjective is none
        lemma = word.lemma_.lower()
        if not is_verb(lemma):
            continue
        start, end = word.idx, word.idx + len(word)
        if word.tag_ in ("VBN", "VBD") and word.lower_ in getInflection(lemma, tag="VBN"):
            if after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ") and word.dep_ != "acl":
                continue  # "banned group": a participle before its noun
            plural = before.tag_ in ("NNS", "NNPS") or any(
                c.dep_ == "conj" for c in before.children)  # fmt: skip
            return Reading(start, end, f"{'were' if plural else 'was'} {word.text}")
        third = getInflection(lemma, tag="VBZ")
        if word.lower_ != lemma and word.lower_ not in third:
            continue
        if after is not None and after.pos_ == "ADP" and word.tag_ in ("NN", "NNS"):
            continue  # "sanctions on Iran": a noun with its phrase
        past = getInflection(lemma, tag="VBD")
        if past:
            return Reading(start, end, past[0])
    return None


#: Dependents that show a headline's past-tense verb is active: an auxiliary, an object or a
#: complement ("Russia Attacked Ukraine", "X Agreed to Talks").
_ACTIVE = ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp", "prt", "attr")


def _reduced_passive(
    root: Token, is_verb: Callable[[str], bool], is_done_to: Callable[[str], bool]
) -> Reading | None:
    """A headline's past participle at its root, after its subject, with no auxiliary and no
    object: headlines tell a past act in the present tense, so "Navalny Arrested in Moscow",
    "Warren Jeffs Found Guilty" are passives without their auxiliary; read "was arrested".
    Only for a verb whose act `is_done_to` someone ("Ministers Met" is no passive), or one
    with the adjective its object is found or made ("Found Guilty")."""
    from lemminflect import getInflection

    lemma = root.lemma_.lower()
    made = any(c.dep_ in ("oprd", "acomp") for c in root.children)
    if root.tag_ not in ("VBD", "VBN") or not (is_done_to(lemma) or (made and is_verb(lemma))):
        return None
    if root.lower_ not in getInflection(lemma, tag="VBN") or any(
        c.dep_ in _ACTIVE for c in root.children
    ):  # fmt: skip
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
    if not subjects:
        return None
    plural = subjects[0].tag_ in ("NNS", "CD") or any(
        c.dep_ in ("conj", "nummod") for c in subjects[0].children)  # fmt: skip
    start = root.idx
    return Reading(start, start + len(root), f"{'were' if plural else 'was'} {root.text}")


def headline_events(
    doc: Doc,
    article: Article,
    entities: Sequence[LocalEntity],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    focus: str | None = None,
    reading: Reading | None = None,
) -> tuple[list[EventMention], list[LocalEntity]]:
    """Code the events of the headline `doc` (the parse of `article.title`, or of its
    `reading`).

    `focus` is the entry id of the country the body is about: a headline's bare state body
    ("Police threaten arrests") is that country's, as it would be in the body.
    Returns the events (offsets in the title, `in_title` set) and the headline's entities the
    body does not have, with new keys, that those events name.
    """
    from kg.extract.entities.finder import extract_entities
    from kg.extract.events.finder import extract_events

    if not article.title.strip() or lexicon.discards(
        "story", f"{article.title}\n{article.text}"
    ):
        return [], []
    # the parse may be of the headline in sentence case (`sentence_case`): same length, so
    # offsets into it are offsets into `article.title`; a reading's offsets are mapped back
    edit = reading or Reading(0, 0, "")
    if len(doc.text) != len(edit.apply(article.title)):
        raise ValueError(f"article {article.id}: the headline parse is not of its title")
    title = dataclasses.replace(article, text=doc.text)
    mentions, found = extract_entities(doc, title, gazetteer, focus=focus, acts=lexicon.act_nouns)
    keys = _joined(found, entities)
    genre = next((e.genre for e in entities if e.genre), "")  # the story's, from its body
    joined = [dataclasses.replace(_rekeyed(e, keys), genre=genre)
              for e in found if keys[e.key] not in {b.key for b in entities}]  # fmt: skip
    mentions = [dataclasses.replace(m, entity=keys.get(m.entity) if m.entity else None)
                for m in mentions]  # fmt: skip
    events = extract_events(doc, title, mentions, [*entities, *joined], lexicon)
    # a headline's names are vetted by its body or the reference data: the recognizer takes
    # whole phrases of a headline for names ("Police Release ID Of Woman"), so a doer that
    # neither the body nor the gazetteer and dictionaries name drops the event, and such a
    # recipient is left out
    vouched = {e.key for e in entities} | {
        e.key for e in joined if e.basis.startswith(VOUCHED_BASES)}  # fmt: skip
    events = [
        dataclasses.replace(
            e, sentence_start=edit.to_title(e.sentence_start),
            sentence_end=edit.to_title(e.sentence_end, end=True),
            trigger_start=edit.to_title(e.trigger_start),
            trigger_end=edit.to_title(e.trigger_end, end=True),
        ) for e in events
    ] if reading is not None else events  # fmt: skip
    kept = [
        dataclasses.replace(e, in_title=True, trigger=article.title[e.trigger_start:e.trigger_end],
                            recipients=tuple(k for k in e.recipients if k in vouched))
        for e in events if all(k in vouched for k in e.actors)
    ]  # fmt: skip
    named = {k for e in kept for k in (*e.actors, *e.recipients, e.attributed_to, e.place)}
    return kept, [e for e in joined if e.key in named]


#: Bases of an entity the reference data names (`LocalEntity.basis`): a headline may name it
#: though the body does not.
VOUCHED_BASES = ("gazetteer:", "dictionary:")
#: A word of a headline: letters, digits, inner apostrophes and hyphens.
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
#: Characters after which a capital in the body may only mark the start of a sentence.
_OPENERS = frozenset(".!?\n\"“‘'([:")


def is_title_cased(title: str) -> bool:
    """Whether most longer words after the first start with a capital ("Tokelau Threatens to
    Expel International Observers"), as in headline style; a sentence-case headline ("Moscow
    outlaws Amnesty International") is parsed as written.

    >>> is_title_cased("Tokelau Threatens to Expel International Observers")
    True
    >>> is_title_cased("Moscow outlaws Amnesty International")
    False
    """
    words = [w for w in _WORD.findall(title)[1:] if len(w) >= 4]
    capitals = sum(w[0].isupper() for w in words)
    return len(words) >= 2 and capitals >= 0.75 * len(words)


def sentence_case(title: str, body: str, known: Callable[[str], bool]) -> str:
    """`title` with the capitals of headline style removed where they mark no name.

    A capitalised word after the first keeps its capital when the body writes it capitalised
    inside a sentence at least as often as in lower case, or, when the body does not use it
    at all, when `known` says a run of capitalised words it is part of names something (the
    gazetteer). Acronyms ("UN") keep theirs. The result has the same length as `title`.

    >>> sentence_case("Tokelau Threatens to Expel International Observers",
    ...               "Tokelau said it would expel the observers.", lambda w: w == "Tokelau")
    'Tokelau threatens to expel international observers'
    >>> sentence_case("Rebels Seize Town", "The rebels said Town officials fled.", lambda w: False)
    'Rebels seize Town'
    """
    if not is_title_cased(title):
        return title
    spans = [(m.start(), m.end()) for m in _WORD.finditer(title)]
    keep = _named_runs(title, spans, known)
    out = list(title)
    for index, (start, end) in enumerate(spans):
        word = title[start:end]
        if index == 0 or not word[0].isupper() or any(c.isupper() for c in word[1:]):
            continue  # an acronym or a name in mixed case keeps its capitals ("NGOs", "McDonald")
        base = re.sub(r"['’]s$", "", word)
        proper, lower = _uses(body, base)
        if proper and proper >= lower:
            continue
        if not proper and not lower and index in keep:
            continue
        out[start] = out[start].lower()
    return "".join(out)


def _uses(body: str, word: str) -> tuple[int, int]:
    """How often the body writes `word` capitalised inside a sentence, and in lower case."""
    proper = lower = 0
    for match in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", body,
                             flags=re.IGNORECASE):  # fmt: skip
        text = match.group()
        if text == word.lower():
            lower += 1
        elif text == word:
            before = body[: match.start()].rstrip(" \t")
            if before and before[-1] not in _OPENERS:
                proper += 1
    return proper, lower


def _named_runs(title: str, spans: Sequence[tuple[int, int]],
                known: Callable[[str], bool]) -> set[int]:  # fmt: skip
    """Indices of the words in runs of capitalised words (up to four) that `known` names."""
    keep: set[int] = set()
    for first in range(len(spans)):
        for last in range(min(len(spans), first + 4) - 1, first - 1, -1):
            run = range(first, last + 1)
            if any(not title[spans[i][0]].isupper() for i in run):
                continue
            if known(re.sub(r"['’]s$", "", title[spans[first][0] : spans[last][1]])):
                keep.update(run)
                break
    return keep


def _joined(found: Sequence[LocalEntity], body: Sequence[LocalEntity]) -> dict[str, str]:
    """Headline entity key -> the body's key of the same label and type, or a new key."""
    by_name = {(e.label, e.type): e.key for e in body}
    keys: dict[str, str] = {}
    fresh = len(body)
    for entity in found:
        key = by_name.get((entity.label, entity.type))
        if key is None:
            key = f"e{fresh}"
            while key in {e.key for e in body}:
                fresh += 1
                key = f"e{fresh}"
            fresh += 1
        keys[entity.key] = key
    return keys


def _rekeyed(entity: LocalEntity, keys: dict[str, str]) -> LocalEntity:
    affiliation = keys.get(entity.affiliation) if entity.affiliation else None
    return dataclasses.replace(entity, key=keys[entity.key], affiliation=affiliation)
