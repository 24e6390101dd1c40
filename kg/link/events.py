"""Merge event mentions into corpus events: the same event told twice becomes one `Event`.

Two mentions are the same event when, after cross-article linking, they agree on type,
actors, recipients and status, and their dates are compatible (equal, one a refinement of
the other such as "2024-09" and "2024-09-12", or one of them unknown). Each merged event keeps
every mention as `Evidence`; its confidence combines the mentions' (noisy-or), so a claim
told by several sentences or outlets ranks higher.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.records import Article, ArticleAnalysis, Event, EventMention, Evidence
from kg.text import stable_hash

log = logging.getLogger(__name__)

#: What must agree for two mentions to be one event: type, actors, recipients, status, and
#: the sectors of an unnamed doer ("gunmen": UAF), when the event has one.
_Key = tuple[str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class _Item:
    """One linked mention: its article, the sentence it is in, its linked source and place."""

    article_id: str
    mention: EventMention
    sentence: str
    source: str | None
    place: str | None
    #: the mention's (participant, sector) pairs with actor ids for keys (issue #15)
    sectors: tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]] = ((), ())


@dataclass
class _Group:
    """Mentions merged so far under one identity, with the most precise date among them."""

    date: str | None
    precision: str | None
    items: list[_Item] = field(default_factory=list)


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates (day, month or year precision) can name the same time.

    >>> dates_compatible("2024-09", "2024-09-12"), dates_compatible("2024-09-12", "2024-09-13")
    (True, False)
    >>> dates_compatible(None, "2024")
    True
    """
    if a is None or b is None:
        return True
    return a.startswith(b) or b.startswith(a)


def event_id(
    event_type: str,
    actors: Sequence[str],
    recipients: Sequence[str],
    status: str,
    when: str | None,
) -> str:
    """Stable id of a corpus event from what identifies it.

    >>> event_id("AID", ["b", "a"], [], "asserted", None) == event_id(
    ...     "AID", ["a", "b"], [], "asserted", None
    ... )
    True
    """
    parts = [event_type, ",".join(sorted(actors)), ",".join(sorted(recipients)), status, when or ""]
    return stable_hash("\x1f".join(parts))


def merge_events(
    articles: Iterable[Article],
    analyses: Sequence[ArticleAnalysis],
    links: Mapping[tuple[str, str], str],
    *,
    acting: Container[str] | None = None,
) -> list[Event]:
    """Link every event mention's participants and merge mentions of the same event.

    `articles` is iterated once, for the evidence sentences (it may be streamed from a
    cache); mentions of articles not among them are left out. A mention whose actors do not
    link to any corpus actor is dropped (logged at DEBUG); unlinked recipients, sources and
    places are left out of the event. With `acting` (the ids of actors that act in the
    political graph, `kg.link.actors.political_actors`), a mention none of whose actors is
    among them is dropped too: crime between private persons, a celebrity's day. A mention
    whose doer is an unnamed group ("gunmen attacked X", `EventMention.unnamed_actors`) is
    kept when one of its recipients is among them.
    """
    spans: dict[str, set[tuple[int, int, bool]]] = {}
    for analysis in analyses:
        for m in analysis.events:
            spans.setdefault(analysis.article_id, set()).add(
                (m.sentence_start, m.sentence_end, m.in_title))
    sentences: dict[tuple[str, int, int, bool], str] = {}
    found = set()
    for article in articles:
        if article.id in spans:
            found.add(article.id)
            for start, end, in_title in spans[article.id]:
                text = article.title if in_title else article.text
                sentences[(article.id, start, end, in_title)] = text[start:end]
    groups: dict[_Key, list[_Group]] = {}
    dropped = 0
    for analysis in analyses:
        article_id = analysis.article_id
        if article_id not in found:
            continue
        for mention in analysis.events:
            actors = _linked(article_id, mention.actors, links)
            recipients = tuple(r for r in _linked(article_id, mention.recipients, links)
                               if r not in actors)  # fmt: skip
            unnamed = () if actors else tuple(sorted({s for _, s in mention.unnamed_actors}))
            acts = actors or (recipients if unnamed else ())
            if not acts or (acting is not None and not any(a in acting for a in acts)):
                dropped += 1
                continue
            key: _Key = (mention.type, actors, recipients, mention.status, unnamed)
            source = links.get((article_id, mention.attributed_to or ""))
            place = links.get((article_id, mention.place or ""))
            sentence = sentences[(article_id, mention.sentence_start, mention.sentence_end,
                                  mention.in_title)]  # fmt: skip
            sectors = (_linked_sectors(article_id, mention.generic_actors, links),
                       _linked_sectors(article_id, mention.recipient_sectors, links))
            item = _Item(article_id, mention, sentence, source, place, sectors)
            _add(groups.setdefault(key, []), item)
    if dropped:
        log.debug("%d event mention(s) dropped: no (political) actor linked", dropped)
    events = [_build(key, group) for key, found in groups.items() for group in found]
    return sorted(events, key=lambda e: (e.date or "", e.type, e.id))


def _linked(
    article_id: str, keys: Sequence[str], links: Mapping[tuple[str, str], str]
) -> tuple[str, ...]:
    ids = {links[(article_id, k)] for k in keys if (article_id, k) in links}
    return tuple(sorted(ids))


def _linked_sectors(
    article_id: str, pairs: Sequence[tuple[str, str]], links: Mapping[tuple[str, str], str]
) -> tuple[tuple[str, str], ...]:
    return tuple((links[(article_id, k)], s) for k, s in pairs if (article_id, k) in links)


def _add(groups: list[_Group], item: _Item) -> None:
    mention = item.mention
    for group in groups:
        if dates_compatible(group.date, mention.date):
            group.items.append(item)
            if mention.date and (group.date is None or len(mention.date) > len(group.date)):
                group.date, group.precision = mention.date, mention.date_precision
            return
    groups.append(_Group(mention.date, mention.date_precision, [item]))


def _most_common(values: Sequence[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    if not counted:
        return None
    best = max(counted.values())
    return min(v for v, n in counted.items() if n == best)


def _evidence(item: _Item) -> Evidence:
    m = item.mention
    return Evidence(
        article_id=item.article_id,
        sentence=item.sentence,
        sentence_start=m.sentence_start,
        sentence_end=m.sentence_end,
        trigger=m.trigger,
        trigger_start=m.trigger_start,
        trigger_end=m.trigger_end,
        confidence=m.confidence,
        generic_actors=item.sectors[0],
        recipient_sectors=item.sectors[1],
        in_title=m.in_title,
    )


def _build(key: _Key, group: _Group) -> Event:
    event_type, actors, recipients, status, unnamed = key
    evidence = sorted((_evidence(item) for item in group.items),
                      key=lambda e: (e.article_id, not e.in_title, e.trigger_start))
    unique = {(e.article_id, e.in_title, e.trigger_start): e for e in evidence}
    miss = 1.0
    for item in unique.values():
        miss *= 1.0 - item.confidence
    mentions = [item.mention for item in group.items]
    return Event(
        # an unnamed doer is part of the identity, as its sectors ("unnamed:UAF")
        id=event_id(event_type, (*actors, *(f"unnamed:{s}" for s in unnamed)), recipients,
                    status, group.date),  # fmt: skip
        type=event_type,
        actors=actors,
        recipients=recipients,
        status=status,
        evidence=tuple(unique.values()),
        articles=tuple(sorted({e.article_id for e in evidence})),
        confidence=round(1.0 - miss, 3),
        mode=_most_common([m.mode for m in mentions]),
        attributed_to=_most_common([item.source for item in group.items]),
        source_text=_most_common([m.source_text for m in mentions]),
        date=group.date,
        date_precision=group.precision,
        place=_most_common([item.place for item in group.items]),
        unnamed_actors=tuple(dict.fromkeys(
            (words, sector) for m in mentions for words, sector in m.unnamed_actors
            if not actors)),  # fmt: skip
    )
