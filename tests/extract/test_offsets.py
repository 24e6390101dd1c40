"""Every offset kg emits points at its surface text: text[start:end] == surface (issue #8)."""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.records import Article

pytestmark = pytest.mark.slow

WORDS = [
    "Russia", "Russian", "Türkiye's", "Turkish", "Ankara", "said", "met", "with", "the",
    "President", "Foreign", "Minister", "Maria", "Lopez", "al-Rashid", "Jean-Luc", "Dupont",
    "NATO", "U.N.", "EU", "army", "denied", "that", "it", "would", "attack", "sign", "a",
    "deal", "on", "Monday", "“quoted”", '"quote"', "—", "(AFP)", "in", "Paris", "and",
    "Qatar", "aid", "to", "Syria", "Hamas", "accused", "Israel", "of", "strikes", ".", ",",
    "É", "naïve", "\u00a0", "talks", "Kremlin", "warned", "Washington", "sanctions",
]


@functools.cache
def _nlp_and_resources():  # loaded once for all hypothesis examples
    from kg.extract.analyse import load_resources
    from kg.extract.nlp import load_nlp
    from kg.paths import default_ontology_dir

    resources = load_resources(default_ontology_dir())
    return load_nlp(gazetteer=resources.gazetteer), resources


def _check(article: Article) -> None:
    from kg.extract.analyse import analyse_doc

    nlp, resources = _nlp_and_resources()
    analysis = analyse_doc(nlp(article.text), article, resources)
    text = article.text
    for mention in analysis.mentions:
        assert text[mention.start:mention.end] == mention.text
    for event in analysis.events:
        assert 0 <= event.sentence_start <= event.trigger_start
        assert event.trigger_end <= event.sentence_end <= len(text)
        assert text[event.trigger_start:event.trigger_end] == event.trigger
    keys = {e.key for e in analysis.entities}
    for mention in analysis.mentions:
        assert mention.entity is None or mention.entity in keys


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1,
                max_size=6))
def test_offsets_hold_on_generated_news_like_text(paragraphs: list[list[str]]) -> None:
    text = "\n\n".join(" ".join(words) for words in paragraphs)
    _check(Article(id="gen", title="Generated", text=text, sources=(), date="2024-05-06",
                   date_precision="day"))


def test_offsets_hold_on_the_sample_build(sample_build) -> None:
    result, _ = sample_build
    texts = {a.id: a.text for a in result.articles}
    titles = {a.id: a.title for a in result.articles}
    checked = 0
    for analysis in result.corpus.analyses:
        text = texts[analysis.article_id]
        for mention in analysis.mentions:
            assert text[mention.start:mention.end] == mention.text
            checked += 1
    for event in result.events:
        for evidence in event.evidence:
            # headline evidence has its offsets in the title
            text = (titles if evidence.in_title else texts)[evidence.article_id]
            assert text[evidence.sentence_start:evidence.sentence_end] == evidence.sentence
            assert text[evidence.trigger_start:evidence.trigger_end] == evidence.trigger
            checked += 1
    assert checked > 200  # the five articles hold a few hundred mentions and evidence spans
