"""Properties: reading and cleaning never raise, cleaning is idempotent, de-dup ignores order."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest.prepare import prepare
from kg.ingest.read import read_paths
from kg.ingest.stories import clean, split_stories
from kg.records import RawDocument

FAST = settings(max_examples=80, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# Lines shaped like scraped news: headlines, sentences, captions, markers, noise.
LINES = st.sampled_from([
    "Valdora Reopens Border with Kestria", "Storm Closes Ports Along the Coast",
    "The minister said on Friday that the border would reopen.",
    "Officials in Mira said the talks would resume next week.",
    "\u201cWe agreed,\u201d Orvik told reporters.", '"We agreed," Orvik told reporters.',
    "Orvik speaks in Mira, 3 March 2023. (AFP)", "TALKS TO CONTINUE", "XQ", "AB",
    "Home \u00bb World \u00bb Europe", "Europe Politics", "Source: Valdora Daily Courier",
    "Share this", "Advertisement", "-----", "and the talks went on for hours,",
    "By Lena Orvik", "Published: 4 May 2024", "   ", "",
])
STRUCTURED = st.lists(LINES, max_size=40).map("\n".join)
ANY_TEXT = st.one_of(STRUCTURED, st.text(max_size=400))


@FAST
@given(data=st.binary(max_size=600),
       suffix=st.sampled_from([".txt", ".json", ".jsonl", ".csv", ".html", ""]))
def test_read_paths_never_raises_on_arbitrary_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        skipped: list[tuple[str, str]] = []
        documents = list(read_paths([path], on_skip=lambda p, r: skipped.append((p, r))))
        # every input is either read or reported, never silently lost
        assert documents or skipped
        assert all(p == str(path) and r for p, r in skipped)


@FAST
@given(text=ANY_TEXT)
def test_clean_is_idempotent(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


@FAST
@given(text=ANY_TEXT)
def test_story_spans_contain_their_lines(text: str) -> None:
    for story in split_stories(text):
        window = text[story.start : story.end]
        lines = [line for p in ((story.title or ""), *story.paragraphs) for line in p.split("\n")]
        assert all(line in window for line in lines)


@FAST
@given(texts=st.lists(STRUCTURED, min_size=1, max_size=6), seed=st.randoms(use_true_random=False))
def test_prepare_is_order_independent(texts: list[str], seed) -> None:
    raws = [RawDocument(f"f{i}.txt", text) for i, text in enumerate(texts)]
    shuffled = list(raws)
    seed.shuffle(shuffled)
    assert prepare(shuffled) == prepare(raws)


@FAST
@given(text=ANY_TEXT)
def test_prepare_ids_are_unique_and_texts_non_empty(text: str) -> None:
    articles = prepare([RawDocument("a.txt", text), RawDocument("b.txt", text)])
    assert len({a.id for a in articles}) == len(articles)
    assert all(a.text.strip() and a.title for a in articles)
