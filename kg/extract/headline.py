"""The headline as a sentence of its own: it often tells the story's main event ("Moscow
outlaws Amnesty International") in words the body does not repeat (issue #14).

The headline is parsed apart from the body, so the body's offsets stay those of
`Article.text`. Its actors are found as in the body, then each is joined to the body's entity
of the same label and type (a headline name the body never uses gets a key of its own), and its
events are coded with the article's entities. The body vets the headline's names: an event whose
doer the body never names is dropped, and such a recipient left out (a title-cased headline
misleads the recognizer). Such an event says `in_title`: its offsets are in `Article.title`.
A story the discard dictionary sets aside has no headline events either.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.records import Article, EventMention, LocalEntity

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kg.extract.entities.gazetteer import Gazetteer
    from kg.extract.events.lexicon import Lexicon


def headline_events(
    doc: Doc,
    article: Article,
    entities: Sequence[LocalEntity],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> tuple[list[EventMention], list[LocalEntity]]:
    """Code the events of the headline `doc` (the parse of `article.title`).

    Returns the events (offsets in the title, `in_title` set) and the headline's entities the
    body does not have, with new keys, that those events name.
    """
    from kg.extract.entities.finder import extract_entities
    from kg.extract.events.finder import extract_events

    if not article.title.strip() or lexicon.discards(
        "story", f"{article.title}\n{article.text}"
    ):
        return [], []
    title = dataclasses.replace(article, text=article.title)
    mentions, found = extract_entities(doc, title, gazetteer)
    keys = _joined(found, entities)
    joined = [_rekeyed(e, keys) for e in found if keys[e.key] not in {b.key for b in entities}]
    mentions = [dataclasses.replace(m, entity=keys.get(m.entity) if m.entity else None)
                for m in mentions]  # fmt: skip
    events = extract_events(doc, title, mentions, [*entities, *joined], lexicon)
    # a headline's names are vetted by its body: in a title-cased headline the recognizer
    # takes whole phrases for names ("Police Release ID Of Woman"), so a doer the body never
    # names drops the event, and such a recipient is left out
    body = {e.key for e in entities}
    kept = [
        dataclasses.replace(e, in_title=True,
                            recipients=tuple(k for k in e.recipients if k in body))
        for e in events if all(k in body for k in e.actors)
    ]  # fmt: skip
    named = {k for e in kept for k in (e.attributed_to, e.place)}
    return kept, [e for e in joined if e.key in named]


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
