"""Merging event mentions into corpus events, from hand-made records."""

from __future__ import annotations

import dataclasses

import pytest

from kg.link.events import dates_compatible, event_id, merge_events, merge_events_with_decisions
from kg.records import Article, ArticleAnalysis, EventMention

TEXT_A = "Canada met Mexico. Later, Canada met Mexico again."
TEXT_B = "Officials said Canada met Mexico on Monday."


def article(article_id, text):
    return Article(id=article_id, title="", text=text, sources=())


def mention(start, end, trigger_start, *, date=None, precision=None, status="asserted",
            confidence=0.6, actors=("e0",), recipients=("e1",), place=None,
            source=None):  # fmt: skip
    return EventMention(
        type="CONSULT", actors=actors, recipients=recipients, status=status,
        sentence_start=start, sentence_end=end, trigger="met", trigger_start=trigger_start,
        trigger_end=trigger_start + 3, confidence=confidence, mode="meeting",
        attributed_to=source, date=date, date_precision=precision, place=place,
    )  # fmt: skip


def analysis(article_id, events):
    return ArticleAnalysis(article_id, (), (), (), tuple(events))


LINKS = {("a", "e0"): "canada", ("a", "e1"): "mexico", ("b", "e0"): "canada",
         ("b", "e1"): "mexico", ("b", "e2"): "ottawa"}  # fmt: skip


def test_event_merge_same_event_from_two_articles_is_one_event():
    articles = [article("a", TEXT_A), article("b", TEXT_B)]
    analyses = [
        analysis("a", [mention(0, 18, 7)]),
        analysis("b", [mention(0, 43, 22, date="2024-03-11", precision="day", place="e2")]),
    ]
    (event,) = merge_events(articles, analyses, LINKS)
    assert (event.actors, event.recipients, event.date, event.place) == (
        ("canada",), ("mexico",), "2024-03-11", "ottawa",
    )  # fmt: skip
    assert [(e.article_id, e.sentence) for e in event.evidence] == [
        ("a", "Canada met Mexico."),
        ("b", TEXT_B),
    ]
    assert event.articles == ("a", "b")
    assert event.confidence == 0.84  # noisy-or of 0.6 and 0.6
    assert event.id == event_id("CONSULT", ["canada"], ["mexico"], "asserted", "2024-03-11")


def test_event_merge_incompatible_dates_stay_apart():
    analyses = [analysis("a", [
        mention(0, 18, 7, date="2024-03-11", precision="day"),
        mention(19, 50, 33, date="2024-03-12", precision="day"),
    ])]
    events = merge_events([article("a", TEXT_A)], analyses, LINKS)
    assert [e.date for e in events] == ["2024-03-11", "2024-03-12"]


def test_event_merge_status_keeps_events_apart():
    analyses = [analysis("a", [mention(0, 18, 7), mention(19, 50, 33, status="denied")])]
    events = merge_events([article("a", TEXT_A)], analyses, LINKS)
    assert sorted(e.status for e in events) == ["asserted", "denied"]


def test_event_merge_unlinked_actor_drops_the_mention():
    analyses = [analysis("a", [mention(0, 18, 7, actors=("e9",))])]
    assert merge_events([article("a", TEXT_A)], analyses, LINKS) == []


def test_event_merge_output_is_deterministic():
    articles = [article("a", TEXT_A), article("b", TEXT_B)]
    analyses = [analysis("a", [mention(0, 18, 7)]), analysis("b", [mention(0, 43, 22)])]
    first = merge_events(articles, analyses, LINKS)
    assert merge_events(list(reversed(articles)), list(reversed(analyses)), LINKS) == first


def test_event_merge_dates_compatible():
    assert dates_compatible("2024", "2024-03-11") is True
    assert dates_compatible("2024-03", "2024-04") is False


def test_event_merge_unnamed_doer_kept_for_a_political_recipient_and_kept_apart_by_sector():
    def unnamed(words, sector, trigger_start):
        found = mention(0, 18, trigger_start, actors=())
        return dataclasses.replace(found, unnamed_actors=((words, sector),))

    analyses = [analysis("a", [unnamed("gunmen", "UAF", 7), unnamed("armed men", "UAF", 7),
                               unnamed("protesters", "CVLOPP", 7)])]  # fmt: skip
    events = merge_events([article("a", TEXT_A)], analyses, LINKS, acting={"mexico"})
    assert sorted((e.actors, e.recipients, e.unnamed_actors) for e in events) == [
        ((), ("mexico",), (("gunmen", "UAF"), ("armed men", "UAF"))),
        ((), ("mexico",), (("protesters", "CVLOPP"),)),
    ]
    # the unnamed doer's sector is part of the identity
    ids = {e.unnamed_actors[0][1]: e.id for e in events}
    assert ids["UAF"] == event_id("CONSULT", ["unnamed:UAF"], ["mexico"], "asserted", None)
    # a recipient outside the political graph: dropped, but for a force of war (the finder
    # keeps its force only when told in the plural, "gunmen")
    assert [e.unnamed_actors for e in merge_events([article("a", TEXT_A)], analyses, LINKS,
                                                   acting={"canada"})] == [
        (("gunmen", "UAF"), ("armed men", "UAF"))]


def test_event_merge_headline_evidence_quotes_the_title_and_merges_with_the_body():
    headline = Article(id="a", title="Canada meets Mexico", text=TEXT_A, sources=())
    told = dataclasses.replace(mention(0, 19, 7), in_title=True, trigger="meets")
    (event,) = merge_events([headline], [analysis("a", [mention(0, 18, 7), told])], LINKS)
    # the headline first, then the body
    assert [(e.in_title, e.sentence, e.trigger_start) for e in event.evidence] == [
        (True, "Canada meets Mexico", 7),
        (False, "Canada met Mexico.", 7),
    ]


def test_event_merge_asserted_and_reported_tellings_are_one_event_with_the_strongest_status():
    analyses = [analysis("a", [mention(0, 18, 7, status="reported"), mention(19, 50, 33)])]
    (event,) = merge_events([article("a", TEXT_A)], analyses, LINKS)
    assert (event.status, len(event.evidence)) == ("asserted", 2)
    assert event.id == event_id("CONSULT", ["canada"], ["mexico"], "asserted", None)


@pytest.mark.parametrize(
    ("second", "dates", "reason"),
    [
        # two places: two occurrences
        (dict(place="e2"), ("2024-03-01", "2024-03-01"), "places differ (ottawa / toronto)"),
        # two modes: a meeting is no phone call
        (dict(mode="phone"), ("2024-03-01", "2024-03-01"), "modes differ (meeting / phone)"),
        # undated, told in articles three weeks apart
        ({}, ("2024-03-01", "2024-03-22"),
         "told more than 7 days apart (2024-03-01 / 2024-03-22)"),
    ],
)
def test_event_merge_refuses_other_occurrences_and_says_why(second, dates, reason):
    first = mention(0, 18, 7, place="e2")
    other = dataclasses.replace(mention(0, 43, 22), **second)
    articles = [dataclasses.replace(article("a", TEXT_A), date=dates[0]),
                dataclasses.replace(article("b", TEXT_B), date=dates[1])]  # fmt: skip
    links = {**LINKS, ("a", "e2"): "ottawa", ("b", "e2"): "toronto"}
    events, decisions = merge_events_with_decisions(
        articles, [analysis("a", [first]), analysis("b", [other])], links
    )
    assert len(events) == 2
    # two occurrences, two ids, though type, participants, status and date are the same: the
    # one told first keeps the plain id
    assert len({e.id for e in events}) == 2
    assert event_id("CONSULT", ["canada"], ["mexico"], "asserted", None) in {e.id for e in events}
    (refusal,) = [d for d in decisions if not d.merged]
    assert (refusal.article_id, refusal.reason) == ("b", reason)
    assert {refusal.event_id, refusal.other_event_id} == {e.id for e in events}


def test_event_merge_decision_for_a_merge():
    articles = [dataclasses.replace(article("a", TEXT_A), date="2024-03-01"),
                dataclasses.replace(article("b", TEXT_B), date="2024-03-04")]  # fmt: skip
    events, decisions = merge_events_with_decisions(
        articles, [analysis("a", [mention(0, 18, 7)]), analysis("b", [mention(0, 43, 22)])],
        LINKS)  # fmt: skip
    (event,) = events
    # the first telling starts the event; the second, three days later, joins it
    assert [(d.article_id, d.merged, d.event_id, d.reason) for d in decisions] == [
        ("b", True, event.id, "same type, participants, time and place")]


def test_event_merge_a_plain_headline_does_not_upgrade_a_reported_body():
    headline = Article(id="a", title="Canada meets Mexico", text=TEXT_A, sources=())
    told = dataclasses.replace(mention(0, 19, 7), in_title=True, trigger="meets")
    body = mention(0, 18, 7, status="reported")
    (event,) = merge_events([headline], [analysis("a", [told, body])], LINKS)
    assert (event.status, len(event.evidence)) == ("reported", 2)


def test_event_merge_unnamed_doer_needs_a_state_side_recipient():
    found = dataclasses.replace(mention(0, 18, 7, actors=()),
                                unnamed_actors=(("protesters", "CVLOPP"),))
    analyses = [analysis("a", [found])]
    kept = merge_events([article("a", TEXT_A)], analyses, LINKS, state_side={"mexico"})
    assert [e.recipients for e in kept] == [("mexico",)]
    # a company or a private person reached by protesters is no political event
    assert merge_events([article("a", TEXT_A)], analyses, LINKS, state_side={"canada"}) == []


def test_event_merge_unnamed_force_of_war_stands_without_a_state_side_party():
    found = dataclasses.replace(mention(0, 18, 7, actors=()), unnamed_actors=(("gunmen", "UAF"),))
    kept = merge_events([article("a", TEXT_A)], [analysis("a", [found])], LINKS,
                        state_side={"canada"})
    assert [(e.actors, e.recipients, e.unnamed_actors) for e in kept] == [
        ((), ("mexico",), (("gunmen", "UAF"),))]


def test_event_merge_unnamed_recipients_are_kept_together_not_part_of_the_identity():
    """"Canada detained protesters", "the detentions" told again: one event, its people kept."""
    def detained(*groups):
        return dataclasses.replace(mention(0, 18, 7, recipients=()), unnamed_recipients=groups)

    analyses = [analysis("a", [detained(("protesters", "CVLOPP")), detained(),
                               detained(("journalists", "JRN"))])]  # fmt: skip
    (event,) = merge_events([article("a", TEXT_A)], analyses, LINKS)
    assert event.unnamed_recipients == (("protesters", "CVLOPP"), ("journalists", "JRN"))
    assert event.id == event_id("CONSULT", ["canada"], [], "asserted", None)
