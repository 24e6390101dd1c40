"""Cleaning, story splitting, dating and de-duplication (made-up texts, plus the sample corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest.dedupe import fold_for_hash
from kg.ingest.prepare import article_id, prepare
from kg.ingest.read import read_paths
from kg.ingest.stories import clean, split_stories
from kg.records import Article, RawDocument

CAPTION = ("Foreign Minister Lena Orvik (R) greets her counterpart Tomas Brel in Valdora, "
           "3 March 2023. (AFP)")
BODY = [
    "Foreign Minister Lena Orvik said on Friday that Valdora would reopen its border with "
    "Kestria next month.",
    "\"We have agreed on a timetable,\" Orvik told reporters after the talks.",
    "Kestria's foreign minister Tomas Brel welcomed the decision and promised to send "
    "customs officers to the crossing.",
]


def story(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([title, *paragraphs])


def scraped(title: str, caption: str, paragraphs: list[str]) -> str:
    """A page scrape: title + doubled caption, a marker line, then the same block again."""
    block = f"{title}\n\n{caption}\n{caption}"
    return f"{block}\nXQ\n\n{block}\n\n" + "\n\n".join(paragraphs)


def only(text: str) -> Article:
    (article,) = prepare([RawDocument("in.txt", text)])
    return article


# -- sample corpus ---------------------------------------------------------------------------

SAMPLE_TITLES = {
    "LNA Denies Haftar Seeking to Allow Russia to Set up Military Base in Libya": (5, None),
    "Qatar and Jordan Pledge Support to Syria": (1, "2024-12-23"),
    "UNRWA Says Determined to Keep Working in Gaza Despite Israeli Ban": (1, "2025-01-17"),
    "EU Ministers Discuss Deal with Israel to Increase Gaza Aid": (1, "2025-07-15"),
    "French Court Upholds Warrant for Syria\u2019s Assad over Chemical Weapons": (1, "2024-06-26"),
}


@pytest.fixture(scope="module")
def sample_articles(sample_dir: Path) -> list[Article]:
    return prepare(read_paths([sample_dir]))


def test_prepare_sample_gives_five_titled_dated_articles(sample_articles) -> None:
    got = {a.title: (len(a.sources), a.date) for a in sample_articles}
    assert got == SAMPLE_TITLES


def test_prepare_sample_shared_story_lists_all_files_and_publisher(sample_articles) -> None:
    shared = next(a for a in sample_articles if a.title.startswith("LNA Denies"))
    assert sorted(Path(s.path).name for s in shared.sources) == [
        "000_425449fb7480828c.txt", "001_cb1eed41c2725daf.txt", "002_8b5c78c953ba13c0.txt",
        "003_d3d7a3642065d491.txt", "004_9ead2303f2c0a43b.txt",
    ]
    assert shared.publisher == "Asharq Al-Awsat"
    assert shared.date is None
    for noise in ("Home »", "Source:", "North Africa Russia", "\nTT\n"):
        assert noise not in shared.text
    # one copy of the caption is kept, and the title is not repeated in the body
    assert shared.text.count("is seen with Russian Deputy Defense Minister") == 1
    assert shared.title not in shared.text


def test_prepare_sample_keeps_all_caps_subheading_inside_its_story(sample_articles) -> None:
    qatar = next(a for a in sample_articles if a.title.startswith("Qatar and Jordan"))
    assert "\n\nJORDAN WILL PROVIDE AID\n\n" in qatar.text
    assert qatar.text.endswith("engaging in any new conflicts.")
    assert qatar.date_precision == "day"


def test_prepare_sample_spans_hold_each_line_of_the_story(sample_articles) -> None:
    for article in sample_articles:
        for source in article.sources:
            window = Path(source.path).read_text(encoding="utf-8")[source.start : source.end]
            folded = fold_for_hash(window)
            missing = [line for line in article.text.split("\n")
                       if fold_for_hash(line) not in folded]
            # 001 is the copy with curly quotes and without the photo caption, which the
            # merged text keeps
            copy_without_caption = source.path.endswith("001_cb1eed41c2725daf.txt")
            expected = [article.text.split("\n")[0]] if copy_without_caption else []
            assert missing == expected


# -- cleaning --------------------------------------------------------------------------------


def test_clean_drops_duplicated_caption_block_and_marker() -> None:
    text = scraped("Valdora Reopens Border with Kestria", CAPTION, BODY)
    assert clean(text) == story("Valdora Reopens Border with Kestria", [CAPTION, *BODY])


def test_clean_drops_breadcrumb_category_source_and_boilerplate() -> None:
    text = (
        "Home » World » Valdora Reopens Border\nEurope Politics Border News\n\n"
        "Valdora Reopens Border with Kestria\n\nShare this article\n\n" + BODY[0] + "\n\n"
        "Advertisement\n\n" + "\n\n".join(BODY[1:]) + "\n\nSource: Valdora Daily Courier\n"
    )
    article = only(text)
    assert article.title == "Valdora Reopens Border with Kestria"
    assert article.text == "\n\n".join(BODY)
    assert article.publisher == "Valdora Daily Courier"


@pytest.mark.parametrize(
    "line",
    [
        "Share this and the border question will not go away, Orvik said.",
        "Home secretary Ana Brel said the border would stay open.",
        "Source: officials in Valdora said the talks had failed, and would not resume.",
        "Read more about the talks in the report published by the ministry on Monday.",
    ],
)
def test_clean_never_drops_a_body_sentence(line: str) -> None:
    article = only(story("Valdora Reopens Border with Kestria", [BODY[0], line, BODY[1]]))
    assert article.text == "\n\n".join([BODY[0], line, BODY[1]])


def test_clean_joins_hard_wrapped_lines_into_paragraphs() -> None:
    text = ("Valdora Reopens Border\n\nForeign Minister Lena Orvik said on Friday that the\n"
            "border with Kestria would reopen next month, after\nweeks of talks.\n\n"
            "Kestria welcomed the decision.")
    article = only(text)
    assert article.text.split("\n\n") == [
        "Foreign Minister Lena Orvik said on Friday that the\nborder with Kestria would reopen "
        "next month, after\nweeks of talks.",
        "Kestria welcomed the decision.",
    ]


# -- splitting -------------------------------------------------------------------------------


def test_split_stories_separated_by_blank_runs() -> None:
    text = "\n\n\n\n".join([
        story("Valdora Reopens Border with Kestria", BODY),
        story("Kestria Raises Interest Rates Again", ["The central bank of Kestria raised its "
                                                     "main rate on Tuesday.", "Markets fell."]),
        story("Storm Closes Ports Along the Coast", ["A storm closed three ports on Sunday."]),
    ])
    assert [s.title for s in split_stories(text)] == [
        "Valdora Reopens Border with Kestria", "Kestria Raises Interest Rates Again",
        "Storm Closes Ports Along the Coast",
    ]


def test_split_stories_at_repeated_title_block_without_blank_run() -> None:
    second = scraped("Storm Closes Ports Along the Coast",
                     "Waves hit the harbour wall in Port Mira, 2 June 2024. (Reuters)",
                     ["A storm closed three ports on Sunday, the coast guard said."])
    text = scraped("Valdora Reopens Border with Kestria", CAPTION, BODY) + "\n\n" + second
    stories = split_stories(text)
    assert [(s.title, len(s.paragraphs)) for s in stories] == [
        ("Valdora Reopens Border with Kestria", 4), ("Storm Closes Ports Along the Coast", 2),
    ]
    assert text[stories[1].start :].startswith("Storm Closes Ports")


def test_split_stories_at_rule_lines_and_keeps_subheadings() -> None:
    first = story("Valdora Reopens Border with Kestria", [BODY[0], "TALKS TO CONTINUE", BODY[1]])
    second = story("Kestria Raises Interest Rates", ["The bank raised rates on Tuesday."])
    stories = split_stories(first + "\n\n-----\n\n" + second)
    assert [s.title for s in stories] == ["Valdora Reopens Border with Kestria",
                                          "Kestria Raises Interest Rates"]
    assert stories[0].paragraphs == (BODY[0], "TALKS TO CONTINUE", BODY[1])


def test_split_thousands_of_stories_in_one_file() -> None:
    text = "\n\n\n".join(f"Headline Number {i} Here\n\nBody sentence number {i}."
                         for i in range(3000))
    stories = split_stories(text)
    assert len(stories) == 3000
    assert stories[-1].title == "Headline Number 2999 Here"


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("caption", "lead", "expected"),
    [
        ("12 May 2024, Valdora, Mira: Orvik speaks to reporters. (dpa)",
         "Orvik spoke in Mira on Sunday.", ("2024-05-12", "day")),
        ("Orvik speaks in Mira, Valdora, Tuesday, July 9, 2024. (AP Photo/Jo Rand)",
         "The talks went on.", ("2024-07-09", "day")),
        ("Orvik speaks in Mira, Valdora, May 8, 2024. Jo Rand/Example/via REUTERS",
         "The minister said Friday the talks went on.", ("2024-05-10", "day")),
        ("Orvik speaks in Mira. (AFP)", "The minister said the talks went on.", (None, None)),
    ],
)
def test_prepare_dates_from_captions(caption: str, lead: str, expected: tuple) -> None:
    article = only(story("Valdora Reopens Border with Kestria", [caption, lead + " " + BODY[0]]))
    assert (article.date, article.date_precision) == expected


def test_prepare_metadata_date_wins_and_keeps_precision() -> None:
    raw = RawDocument("feed.jsonl", "The bank raised rates. " + BODY[0], record=1, extent=40,
                      date="March 2024", title="Rates Rise")
    (article,) = prepare([raw])
    assert (article.title, article.date, article.date_precision) == ("Rates Rise", "2024-03",
                                                                     "month")


def test_prepare_dateline_date() -> None:
    article = only(story("Valdora Reopens Border",
                         ["MIRA, Valdora, Jan. 5, 2025 (Example Wire) — " + BODY[0]]))
    assert article.date == "2025-01-05"


def test_prepare_body_dates_are_not_article_dates() -> None:
    article = only(story("Valdora Reopens Border",
                         ["The border closed on 4 March 2020 and stayed shut for years. "
                          + BODY[0]]))
    assert article.date is None


# -- de-duplication --------------------------------------------------------------------------


def test_prepare_collapses_copies_with_other_quotes_spacing_caption_and_boilerplate() -> None:
    plain = story("Valdora Reopens Border with Kestria", BODY)
    curly = plain.replace('"We', "\u201cWe").replace('talks."', "talks.\u201d").replace(
        "Kestria's", "Kestria\u2019s").replace(" said on", "  said  on")
    captioned = scraped("Valdora Reopens Border with Kestria", CAPTION, BODY)
    noisy = "Home » World\n\n" + plain + "\n\nShare this\n\nSource: Valdora Daily Courier"
    raws = [RawDocument(f"{name}.txt", text) for name, text in
            [("a", plain), ("b", curly), ("c", captioned), ("d", noisy)]]
    (article,) = prepare(raws)
    assert [s.path for s in article.sources] == ["a.txt", "b.txt", "c.txt", "d.txt"]
    assert article.publisher == "Valdora Daily Courier"
    assert article.text == "\n\n".join([CAPTION, *BODY])  # the longest copy is canonical
    assert article.id == article_id(article.text)
    assert article.date == "2023-03-03"


def test_prepare_keeps_different_stories_on_the_same_topic_apart() -> None:
    other = [
        "Kestria said on Monday it would close its border with Valdora for two weeks.",
        "\"The crossing needs repairs,\" a Kestrian official told reporters.",
        "Valdora's foreign minister Lena Orvik criticised the decision and asked for talks.",
    ]
    articles = prepare([RawDocument("a.txt", story("Valdora Reopens Border", BODY)),
                        RawDocument("b.txt", story("Kestria Closes Border", other))])
    assert [a.title for a in articles] == ["Valdora Reopens Border", "Kestria Closes Border"]


def test_prepare_article_id_is_stable_across_quote_styles() -> None:
    assert article_id("\u201cYes,\u201d he said.") == article_id('"Yes,"  he said.')
    assert article_id("Yes, he said.") != article_id("No, he said.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: 14 September 2013, 10:15 GMT", "2013-09-14"),
        ("Updated 09/14/2013 01: 03 PM", "2013-09-14"),
        ("Friday, September 13, 2013", "2013-09-13"),
        ("11/28/05", None),
    ],
)
def test_prepare_date_only_lines_date_the_story_and_leave_the_body(line: str, expected) -> None:
    article = only(line + "\n\n" + story("Valdora Reopens Border", [BODY[0]]))
    assert (article.title, article.text, article.date) == ("Valdora Reopens Border", BODY[0],
                                                           expected)


def test_prepare_keeps_body_sentence_that_starts_like_a_date_line() -> None:
    line = "Published reports say the army moved on 3 May 2024."
    article = only(story("Valdora Reopens Border", [line, BODY[0]]))
    assert (article.text, article.date) == (line + "\n\n" + BODY[0], None)


def test_prepare_key_follows_every_raw_field_and_the_rules() -> None:
    from dataclasses import replace

    from kg.ingest.clean import default_rules
    from kg.ingest.prepare import prepare_key

    raws = [RawDocument("a.txt", story("Border Talks Resume", BODY))]
    key = prepare_key(raws)
    assert prepare_key([RawDocument("a.txt", story("Border Talks Resume", BODY))]) == key
    assert prepare_key([replace(raws[0], date="2024-05-01")]) != key
    assert prepare_key([replace(raws[0], text=raws[0].text + " More.")]) != key
    assert prepare_key(raws, replace(default_rules(), version="edited")) != key


def test_read_articles_reuses_prepared_articles_of_unchanged_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.pipeline.compose import read_articles

    source = tmp_path / "in" / "talks.txt"
    source.parent.mkdir()
    source.write_text(story("Border Talks Resume", BODY), encoding="utf-8")
    out = tmp_path / "out"
    first, _ = read_articles([source], cache_dir=out)

    def refuse(*args: object, **options: object) -> None:
        raise AssertionError("prepared again although the input did not change")

    monkeypatch.setattr("kg.ingest.prepare.merge_documents", refuse)
    again, report = read_articles([source], cache_dir=out)
    assert again == first
    assert (report.files, report.articles) == (1, 1)
    source.write_text(story("Border Talks Resume", BODY[:2]), encoding="utf-8")
    with pytest.raises(AssertionError, match="prepared again"):
        read_articles([source], cache_dir=out)


def test_prepare_with_a_memo_splits_and_shingles_only_new_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kg.ingest.dedupe
    import kg.ingest.prepare
    from kg.pipeline.cache import AnalysisCache

    talks = story("Border Talks Resume", BODY)
    raws = [
        RawDocument("a.txt", talks),
        RawDocument("b.txt", talks + "\n\n" + CAPTION),  # a copy with a caption
        RawDocument("c.txt", story("Harbour Strike Ends", ["Dock workers in Valdora voted "
                                   "on Monday to end a strike that had closed the port."])),
    ]
    new = RawDocument("d.txt", story("Drought Plan Agreed", ["Kestria and Valdora agreed on "
                                     "Tuesday to share water from the upper river."]))
    expected = prepare([*raws, new])
    assert [len(a.sources) for a in expected] == [2, 1, 1]
    cache = AnalysisCache(tmp_path)
    try:
        assert prepare(raws, memo=cache) == prepare(raws)
        calls = {"split": 0, "shingles": 0}

        def counting(name, real):
            def wrapper(*args, **kwargs):
                calls[name] += 1
                return real(*args, **kwargs)
            return wrapper

        monkeypatch.setattr(kg.ingest.prepare, "split_stories",
                            counting("split", kg.ingest.prepare.split_stories))
        monkeypatch.setattr(kg.ingest.dedupe, "shingles",
                            counting("shingles", kg.ingest.dedupe.shingles))
        assert prepare([*raws, new], memo=cache) == expected
        # the new document is split and shingled; the copy pair a/b is verified again
        assert calls == {"split": 1, "shingles": 3}
    finally:
        cache.close()


def test_read_articles_through_the_cache_gives_the_articles_prepare_gives(
    tmp_path: Path, sample_dir: Path
) -> None:
    from kg.pipeline.cache import StoredArticles
    from kg.pipeline.compose import read_articles

    held, report = read_articles([sample_dir])
    stored, again = read_articles([sample_dir], cache_dir=tmp_path)
    assert isinstance(stored, StoredArticles)
    assert stored == held
    assert [len(a.sources) for a in stored] == [5, 1, 1, 1, 1]
    assert (again.articles, again.duplicates) == (report.articles, report.duplicates) == (5, 4)
    # the second read finds every document split before and the input unchanged
    reread, _ = read_articles([sample_dir], cache_dir=tmp_path)
    assert reread.ids == stored.ids


def test_stored_copies_merge_across_documents_read_back_one_at_a_time(tmp_path: Path) -> None:
    from kg.ingest.prepare import merge_documents, split_documents
    from kg.pipeline.cache import AnalysisCache

    talks = story("Border Talks Resume", BODY)
    raws = [RawDocument("a.txt", talks), RawDocument("b.txt", talks.replace('"', "“")),
            RawDocument("c.txt", story("Harbour Strike Ends", ["Dock workers in Valdora voted "
                                       "on Monday to end a strike that had closed the port."]))]
    cache = AnalysisCache(tmp_path)
    try:
        plan = split_documents(raws, cache)
        assert (len(plan.story_keys), plan.reused) == (3, 0)
        merged = sorted(merge_documents(plan, cache), key=lambda a: a.title)
        assert [(a.title, [s.path for s in a.sources]) for a in merged] == [
            ("Border Talks Resume", ["a.txt", "b.txt"]), ("Harbour Strike Ends", ["c.txt"]),
        ]
        assert split_documents(raws, cache).reused == 3
    finally:
        cache.close()
