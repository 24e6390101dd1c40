"""Merge event mentions into corpus events: the same event told twice becomes one `Event`.

Two mentions are one event only when everything that identifies an occurrence agrees
(issue #15):

- type, actors, recipients (after cross-article linking) and an unnamed doer's sector (the
  unnamed people an event is done to, "police detained protesters", are not: "the arrests"
  told again without them is the same event, and their words are kept together);
- status class: an asserted and a reported telling of one occurrence merge, into the
  strongest status of the body's tellings (a headline states plainly what its body may
  attribute); a denial and an announced intention stay events of their own;
- time: their event dates are compatible (equal, or one a refinement of the other such as
  "2024-09" and "2024-09-12"); when one is undated, the time its article gives (the event date,
  else the article date) is within `WINDOW_DAYS` of the other's;
- place and mode: not both known and different (a gas deal in Cairo is not a ceasefire in
  Doha).

Each refusal and each merge is recorded as a `MergeDecision` (shown by `kg extract --json`).
Each merged event keeps every mention as `Evidence`; its confidence combines the mentions'
(noisy-or), so a claim told by several sentences or outlets ranks higher.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from kg.records import (
    Article,
    ArticleAnalysis,
    Event,
    EventMention,
    Evidence,
    MergeDecision,
    is_war_force,
)
from kg.text import stable_hash

log = logging.getLogger(__name__)

#: What must agree for two mentions to be one event: type, actors, recipients, the status
#: class and the sectors of an unnamed doer ("gunmen": UAF), when the event has one.
_Key = tuple[str, tuple[str, ...], tuple[str, ...], str, tuple[str, ...]]
#: Statuses whose tellings may be one occurrence, strongest first; others stay apart.
_TOLD = ("asserted", "reported")
#: Undated tellings farther apart than this (by their articles' dates) are not merged.
WINDOW_DAYS = 7


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
    #: the time the article gives the mention: its date, else the article's date
    when: str | None = None


@dataclass
class _Group:
    """Mentions merged so far under one identity, with the most precise date among them."""

    date: str | None
    precision: str | None
    items: list[_Item] = field(default_factory=list)


#: A decision before the events are built: the mention, the group it went to, merged or not,
#: why, and the group it was refused by.
_Decision = tuple[_Item, _Group, bool, str, "_Group | None"]


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
    state_side: Container[str] | None = None,
) -> list[Event]:
    """The events of `merge_events_with_decisions`, without the decisions."""
    return merge_events_with_decisions(
        articles, analyses, links, acting=acting, state_side=state_side
    )[0]


def merge_events_with_decisions(
    articles: Iterable[Article],
    analyses: Sequence[ArticleAnalysis],
    links: Mapping[tuple[str, str], str],
    *,
    acting: Container[str] | None = None,
    state_side: Container[str] | None = None,
) -> tuple[list[Event], list[MergeDecision]]:
    """Link every event mention's participants and merge mentions of the same event; also
    return what was merged and what was refused, and why.

    `articles` is iterated once, for the evidence sentences (it may be streamed from a
    cache); mentions of articles not among them are left out. A mention whose actors do not
    link to any corpus actor is dropped (logged at DEBUG); unlinked recipients, sources and
    places are left out of the event. With `acting` (the ids of actors that act in the
    political graph, `kg.link.actors.political_actors`), a mention none of whose actors is
    among them is dropped too: crime between private persons, a celebrity's day. A mention
    whose doer is an unnamed group ("gunmen attacked X", `EventMention.unnamed_actors`) is
    kept when one of its recipients is among them, and (with `state_side`,
    `kg.link.actors.state_side_actors`) a state, an armed group or a body acting for a state.
    """
    spans: dict[str, set[tuple[int, int, bool]]] = {}
    for analysis in analyses:
        for m in analysis.events:
            spans.setdefault(analysis.article_id, set()).add(
                (m.sentence_start, m.sentence_end, m.in_title))
    sentences: dict[tuple[str, int, int, bool], str] = {}
    found = set()
    published: dict[str, str | None] = {}
    for article in articles:
        if article.id in spans:
            found.add(article.id)
            published[article.id] = article.date
            for start, end, in_title in spans[article.id]:
                text = article.title if in_title else article.text
                sentences[(article.id, start, end, in_title)] = text[start:end]
    groups: dict[_Key, list[_Group]] = {}
    decisions: list[_Decision] = []
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
            if unnamed and state_side is not None:
                acts = tuple(a for a in acts if a in state_side)
            # an armed force's act stands without a named party ("gunmen killed ten people",
            # "police shot a teenager"; the finder keeps only such unnamed doers' force)
            armed = not actors and any(map(is_war_force, unnamed))
            if not armed and (not acts or (acting is not None
                                           and not any(a in acting for a in acts))):
                dropped += 1
                continue
            told = "told" if mention.status in _TOLD else mention.status
            key: _Key = (mention.type, actors, recipients, told, unnamed)
            source = links.get((article_id, mention.attributed_to or ""))
            place = links.get((article_id, mention.place or ""))
            sentence = sentences[(article_id, mention.sentence_start, mention.sentence_end,
                                  mention.in_title)]  # fmt: skip
            sectors = (_linked_sectors(article_id, mention.generic_actors, links),
                       _linked_sectors(article_id, mention.recipient_sectors, links))
            when = mention.date or published.get(article_id)
            item = _Item(article_id, mention, sentence, source, place, sectors, when)
            _add(groups.setdefault(key, []), item, decisions)
    if dropped:
        log.debug("%d event mention(s) dropped: no (political) actor linked", dropped)
    built: dict[int, Event] = {}
    for key, told_apart in groups.items():
        for group in told_apart:
            built[id(group)] = _build(key, group)
    _distinct_ids(built)
    events = sorted(built.values(), key=lambda e: (e.date or "", e.type, e.id))
    return events, [_decided(d, built) for d in decisions]


def _distinct_ids(built: dict[int, Event]) -> None:
    """Give events that tell different occurrences with the same type, participants, status
    and date (merging refused them: their places or modes differ) ids of their own: the id of
    each but the first, by where it is first told, also hashes that first telling."""
    same: dict[str, list[int]] = {}
    for key, event in built.items():
        same.setdefault(event.id, []).append(key)
    for keys in same.values():
        if len(keys) < 2:
            continue
        told = sorted(keys, key=lambda k: _first_told(built[k]))
        for key in told[1:]:
            event = built[key]
            article, start = _first_told(event)
            built[key] = replace(event, id=stable_hash(f"{event.id}\x1f{article}\x1f{start}"))


def _first_told(event: Event) -> tuple[str, int]:
    first = min(event.evidence, key=lambda e: (e.article_id, e.in_title, e.trigger_start))
    return first.article_id, first.trigger_start


def _linked(
    article_id: str, keys: Sequence[str], links: Mapping[tuple[str, str], str]
) -> tuple[str, ...]:
    ids = {links[(article_id, k)] for k in keys if (article_id, k) in links}
    return tuple(sorted(ids))


def _linked_sectors(
    article_id: str, pairs: Sequence[tuple[str, str]], links: Mapping[tuple[str, str], str]
) -> tuple[tuple[str, str], ...]:
    return tuple((links[(article_id, k)], s) for k, s in pairs if (article_id, k) in links)


def _add(groups: list[_Group], item: _Item, decisions: list[_Decision]) -> None:
    """Put `item` in the first group it may join, else in a new one; record the decision
    against each group it was compared with."""
    mention = item.mention
    refused: list[tuple[_Group, str]] = []
    for group in groups:
        reason = _refusal(group, item)
        if reason is not None:
            refused.append((group, reason))
            continue
        group.items.append(item)
        if mention.date and (group.date is None or len(mention.date) > len(group.date)):
            group.date, group.precision = mention.date, mention.date_precision
        decisions.append((item, group, True, "same type, participants, time and place", None))
        return
    group = _Group(mention.date, mention.date_precision, [item])
    groups.append(group)
    decisions.extend((item, group, False, reason, other) for other, reason in refused)


def _refusal(group: _Group, item: _Item) -> str | None:
    """Why `item` is not the occurrence `group` tells, or None when it is."""
    mention = item.mention
    if not dates_compatible(group.date, mention.date):
        return f"dates differ ({group.date} / {mention.date})"
    if not (group.date and mention.date):
        for other in group.items:
            if not within(other.when, item.when, WINDOW_DAYS):
                return f"told more than {WINDOW_DAYS} days apart ({other.when} / {item.when})"
    places = {i.place for i in group.items if i.place}
    if item.place and places and item.place not in places:
        return f"places differ ({', '.join(sorted(places))} / {item.place})"
    modes = {i.mention.mode for i in group.items if i.mention.mode}
    if mention.mode and modes and mention.mode not in modes:
        return f"modes differ ({', '.join(sorted(modes))} / {mention.mode})"
    return None


def within(a: str | None, b: str | None, days: int) -> bool:
    """Whether two ISO dates can be at most `days` apart (unknown or coarse dates can).

    >>> within("2024-03-01", "2024-03-09", 7), within("2024-03-01", "2024-03-08", 7)
    (False, True)
    >>> within("2024-03", "2024-05-02", 7), within(None, "2024-05-02", 7)
    (False, True)
    """
    if a is None or b is None:
        return True
    if len(a) == len(b) == 10:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= days
    return dates_compatible(a, b)


def _decided(decision: _Decision, built: Mapping[int, Event]) -> MergeDecision:
    item, group, merged, reason, other = decision
    m = item.mention
    return MergeDecision(
        event_id=built[id(group)].id,
        article_id=item.article_id,
        trigger_start=m.trigger_start,
        in_title=m.in_title,
        status=m.status,
        merged=merged,
        reason=reason,
        other_event_id=built[id(other)].id if other is not None else None,
    )


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
        status=m.status,
        inferred_actor=m.inferred_actor,
        resolved_from=m.resolved_from,
    )


def _build(key: _Key, group: _Group) -> Event:
    event_type, actors, recipients, told, unnamed = key
    # asserted and reported tellings of one occurrence: the strongest status; a headline
    # states plainly what its body may attribute, so it counts only when the body is silent
    body = [item for item in group.items if not item.mention.in_title] or group.items
    statuses = {item.mention.status for item in body}
    status = next((s for s in _TOLD if s in statuses), told)
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
        unnamed_recipients=tuple(dict.fromkeys(
            (words, sector) for m in mentions for words, sector in m.unnamed_recipients
            if not recipients)),  # fmt: skip
    )
