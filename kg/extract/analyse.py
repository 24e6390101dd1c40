"""Per-article analysis: one parsed spaCy doc in, one `ArticleAnalysis` out.

This is the unit of work that is cached on disk and shipped to worker processes or Dask
workers; it needs the loaded pipeline and the reference data, nothing from other articles.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.records import Article, ArticleAnalysis, EventMention
from kg.text import source_hash, stable_hash

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.extract.headline import Reading
    from kg.ontology import Ontology

log = logging.getLogger(__name__)

#: Bump when extraction logic changes in a way that invalidates cached analyses.
PIPELINE_VERSION = "2"
#: The code a per-article analysis depends on: the whole extraction package and the records and
#: helpers it uses. A new extraction module is covered by default.
EXTRACTION_CODE = ("kg.extract", "kg.records", "kg.text", "kg.errors", "kg.ontology",
                   "kg.timewords")


@functools.cache
def code_version() -> str:
    """Hash the source of the extraction modules (part of every cache key)."""
    return stable_hash(f"{PIPELINE_VERSION}|{source_hash(*EXTRACTION_CODE)}")


@dataclass(frozen=True)
class Resources:
    """Reference data the extraction stages read (loaded once per process)."""

    ontology_dir: Path
    gazetteer: Any
    lexicon: Any

    @property
    def version(self) -> str:
        """Hash of everything in the reference data that changes extraction results."""
        return stable_hash(f"{self.gazetteer.version}|{self.lexicon.version}")


def load_resources(ontology_dir: Path, *, ontology: Ontology | None = None) -> Resources:
    """Load the gazetteer and the event lexicon from `ontology_dir` (its `ontology`, when the
    caller has read it already)."""
    from kg.extract.entities.gazetteer import load_gazetteer
    from kg.extract.events.lexicon import load_lexicon

    return Resources(ontology_dir, load_gazetteer(ontology_dir),
                     load_lexicon(ontology_dir, ontology=ontology))


def _as_told_below(headline: EventMention, body: Sequence[EventMention]) -> EventMention:
    """A headline event with the recipients of the body's first telling of the same act (same
    type, doers and status) that names them all and more: "ICC issues arrest warrants for
    Netanyahu" over "... for Netanyahu and Gallant" is that act, so the two tellings merge
    into one event when linked, with both pieces of evidence."""
    for event in body:
        if (event.type, event.actors, event.status) == (
            headline.type, headline.actors, headline.status
        ) and set(headline.recipients) < set(event.recipients):
            return dataclasses.replace(headline, recipients=event.recipients)
    return headline


def analyse_doc(
    doc: Doc, article: Article, resources: Resources, title: Doc | None = None,
    reading: Reading | None = None,
) -> ArticleAnalysis:
    """Find entities, then events, in one parsed article (`title`: the parse of its headline,
    or of the `reading` of it, whose events are coded too, `kg.extract.headline`)."""
    from kg.extract.entities.agents import headline_countries, story_focus
    from kg.extract.entities.finder import extract_entities
    from kg.extract.entities.territory import implied_countries, needed
    from kg.extract.events.finder import extract_events
    from kg.extract.headline import headline_events

    named = headline_countries(title, resources.gazetteer) if title is not None else ()
    mentions, entities = extract_entities(doc, article, resources.gazetteer, headline=named,
                                          acts=resources.lexicon.act_nouns)
    # countries the story's places imply ("Khan Younis": Palestine), kept if an event names one
    implied = implied_countries(entities, resources.gazetteer)
    offered = [*entities, *implied]
    events = extract_events(doc, article, mentions, offered, resources.lexicon)
    if title is not None:
        focus = story_focus(mentions, entities, resources.gazetteer, named)
        told, found = headline_events(
            title, article, offered, resources.gazetteer, resources.lexicon, focus, reading
        )
        events = [*(_as_told_below(e, events) for e in told), *events]
        entities = [*entities, *found]
    entities = [*entities, *needed(implied, events)]
    sentences = tuple((sent.start_char, sent.end_char) for sent in doc.sents)
    return ArticleAnalysis(
        article_id=article.id,
        sentences=sentences,
        mentions=tuple(mentions),
        entities=tuple(entities),
        events=tuple(events),
    )


def _read_as_sentence(nlp: Language, title: Doc, reading: Reading) -> tuple[Doc, Reading | None]:
    """The parse of a headline's plain-sentence `reading` when the edited word is a verb with
    its subject there, else the headline's own parse (`kg.extract.headline.verbal_reading`)."""
    edited = nlp(reading.apply(title.text))
    span = edited.char_span(reading.start, reading.start + len(reading.text))
    verb = span[-1] if span is not None and len(span) else None
    if verb is not None and verb.pos_ == "VERB" and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children
    ):
        return edited, reading
    return title, None


def headline_text(article: Article, resources: Resources) -> str:
    """The text of `article`'s headline as the parser should read it: in sentence case when
    it is title-cased, with the names the body or the gazetteer knows kept capitalised."""
    from kg.extract.headline import sentence_case

    gazetteer = resources.gazetteer
    return sentence_case(article.title, article.text, lambda words: gazetteer.lookup(words)
                         is not None)  # fmt: skip


def cache_key(article: Article, *, model: str, resources_version: str) -> str:
    """Key an analysis by everything that determines it: text, date, pipeline, model, data.

    >>> a = Article(id="x", title="T", text="Body.", sources=())
    >>> key = cache_key(a, model="m", resources_version="r")
    >>> key == cache_key(a, model="m", resources_version="r")
    True
    >>> key == cache_key(a, model="n", resources_version="r")
    False
    """
    return stable_hash(
        "\x1f".join(
            [code_version(), model, resources_version, article.date or "", article.title,
             article.text]  # fmt: skip
        ),
        length=32,
    )


def parse_and_analyse(
    nlp: Language, articles: list[Article], resources: Resources, *, batch_size: int = 16
) -> list[ArticleAnalysis | str]:
    """Parse `articles` with `nlp.pipe` and analyse each; a failing article yields its reason.

    An article that breaks extraction must not sink the build: a short reason (a string, so it
    pickles across processes) is returned in its place, and the pipeline reports the article
    as failed and keeps the rest.
    """
    from kg.extract.headline import verbal_reading

    results: list[ArticleAnalysis | str] = []
    # Strings the parse adds to the vocabulary are freed when the zone closes, so a long build
    # does not grow spaCy's StringStore with every new word (issue #7); analyses hold only
    # Python strings, never the docs, so nothing refers to them afterwards.
    with nlp.memory_zone():
        docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
        # headlines are short: a larger batch parses them faster; a title-cased one is parsed
        # in sentence case (`kg.extract.headline.sentence_case`)
        titles = nlp.pipe((headline_text(a, resources) for a in articles),
                          batch_size=max(batch_size, 64))  # fmt: skip
        for article, doc, title in zip(articles, docs, titles, strict=True):
            try:
                reading = verbal_reading(title, resources.lexicon.is_act_verb,
                                         resources.lexicon.is_done_to_verb)
                if reading is not None:  # headline grammar misread: try it as a sentence
                    title, reading = _read_as_sentence(nlp, title, reading)
                results.append(analyse_doc(doc, article, resources, title, reading))
            except Exception as err:  # noqa: BLE001 - reported per article by the pipeline
                log.warning("article %s failed in extraction: %r", article.id, err)
                results.append(f"extraction failed: {type(err).__name__}: {err}")
    return results
