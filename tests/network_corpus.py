"""A small made-up corpus for the network page and analytics tests (no real names).

Two countries (Norvia, Estmark), a person acting for Norvia (folded into it by default), an
organisation, an armed group and a news agency with no events. One article title and one
evidence sentence carry HTML/JS injection payloads; one article URL is a ``javascript:`` URL.
"""

from __future__ import annotations

from kg.records import Actor, Article, Corpus, Event, Evidence, SourceSpan

#: Sentence of event ev3: must show as text and never run.
PAYLOAD_SENTENCE = ('Estmark said "><img src=x onerror="window.pwned=2"> javascript:alert(3) '
                    '<script>document.title="pwned";window.pwned=4</script> to Red Front.')
PAYLOAD_TITLE = "<script>window.pwned=1</script> Border row"
#: Sentence of event ev8: a spreadsheet must not run it as a formula from the CSV export.
FORMULA_SENTENCE = '=HYPERLINK("https://evil.example","Lone Party protested")'


PRECISION = {4: "year", 7: "month", 10: "day"}


def event(number: int, kind: str, actors: list[str], recipients: list[str], *,
          status: str = "asserted", date: str | None = "2024-03-01", article: str = "a1",
          sentence: str | None = None, attributed_to: str | None = None,
          place: str | None = None) -> Event:
    """One event with a single piece of evidence."""
    text = sentence or f"Made-up sentence number {number}."
    return Event(
        id=f"ev{number}", type=kind, actors=tuple(actors), recipients=tuple(recipients),
        status=status, articles=(article,), confidence=0.9, date=date,
        date_precision=PRECISION[len(date)] if date else None, attributed_to=attributed_to,
        place=place,
        evidence=(Evidence(article, text, 0, len(text), kind.lower(), 0, 4, 0.9),),
    )


def network_corpus() -> Corpus:
    """The corpus most network tests use."""
    articles = (
        Article("a1", "Ministers meet in a made-up capital", "body one",
                (SourceSpan("one.txt", 0, 8),), publisher="Daily Example", date="2024-03-01",
                url="https://news.example.org/one"),
        Article("a2", PAYLOAD_TITLE, "body two", (SourceSpan("two.txt", 0, 8),),
                date="2024-04-02", url="javascript:alert(5)"),
    )
    actors = (
        Actor("norvia", "Norvia", "Country", qid="Q4242"),
        Actor("estmark", "Estmark", "Country", qid="javascript:alert(6)",
              aliases=("Estmark", "Estmarkian government")),
        Actor("ulf", "Ulf Brandt", "Person", affiliation="norvia", roles=("foreign minister",),
              aliases=("Ulf Brandt", "Minister Brandt")),
        Actor("unx", "Union of Examples", "Organization"),
        Actor("rf", "Red Front", "ArmedGroup"),
        Actor("wire", "Example Wire", "NewsOrganization"),
    )
    events = (
        event(1, "AGREE", ["ulf"], ["estmark"], place="Eastport"),
        event(2, "CONSULT", ["norvia"], ["estmark"], status="reported", attributed_to="wire"),
        event(3, "ACCUSE", ["estmark"], ["rf"], date="2024-04-02", article="a2",
              sentence=PAYLOAD_SENTENCE),
        event(4, "ASSAULT", ["rf"], ["unx"], status="denied", date=None, article="a2"),
        event(5, "AID", ["unx"], ["estmark"], status="intended", date="2024-05"),
        event(6, "MOBILIZE", ["rf"], [], date="2024-04"),
    )
    return Corpus(articles, actors, events)


def analyst_corpus() -> Corpus:
    """`network_corpus` plus a tie drawn both ways and an actor with no tie at all."""
    corpus = network_corpus()
    lone = Actor("lone", "Lone Party", "Organization")
    extra = (
        event(7, "CONSULT", ["estmark"], ["norvia"], date="2024-05-10"),
        event(8, "PROTEST", ["lone"], [], date="2024-06-03", sentence=FORMULA_SENTENCE),
    )
    return Corpus(corpus.articles, (*corpus.actors, lone), corpus.events + extra)
