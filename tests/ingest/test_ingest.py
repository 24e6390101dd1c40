"""Reading every supported format and encoding into RawDocument records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest.read import read_paths
from kg.records import RawDocument

STORY = "Ministers Meet in Vienna\n\nThe foreign minister of Austria met his Chilean peer.\n"


def read(*paths: Path) -> tuple[list[RawDocument], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    documents = list(read_paths(paths, on_skip=lambda p, r: skipped.append((p, r))))
    return documents, skipped


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("cp1252", b""),
    ],
)
def test_ingest_decodes_encodings_to_nfc_with_unix_newlines(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    text = "Caf\u00e9 Talks in Z\u00fcrich\r\n\r\nThe minister\u2019s visit ended.\r\n"
    path = tmp_path / "story.txt"
    path.write_bytes(prefix + text.encode(encoding))
    documents, skipped = read(path)
    assert skipped == []
    expected = "Café Talks in Zürich\n\nThe minister’s visit ended.\n"
    assert documents == [RawDocument(str(path), expected)]


def test_ingest_normalises_decomposed_accents_to_nfc(tmp_path: Path) -> None:
    path = tmp_path / "nfd.txt"
    path.write_text("Jose\u0301 met officials.\n", encoding="utf-8")
    documents, _ = read(path)
    assert documents[0].text == "Jos\u00e9 met officials.\n"


def test_ingest_keeps_file_with_a_few_invalid_utf8_bytes(tmp_path: Path, caplog) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("Caf\u00e9 owners met.\n".encode() + b"Bad \xff byte.\n")
    with caplog.at_level("INFO", logger="kg.ingest.read"):
        documents, skipped = read(path)
    assert skipped == []
    assert documents[0].text == "Café owners met.\nBad \ufffd byte.\n"
    assert "1 undecodable byte(s)" in caplog.text


def test_ingest_reads_file_without_extension_as_text(tmp_path: Path) -> None:
    path = tmp_path / "README"
    path.write_text(STORY, encoding="utf-8")
    documents, _ = read(path)
    assert [d.text for d in documents] == [STORY]


def test_ingest_reads_folders_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta story body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Alpha story body.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Gamma story body.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    documents, _ = read(tmp_path)
    assert [Path(d.path).relative_to(tmp_path).as_posix() for d in documents] == [
        "a.txt", "b/z.txt", "c.txt",
    ]


def test_ingest_reads_a_file_listed_twice_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORY, encoding="utf-8")
    documents, skipped = read(path, tmp_path)
    assert len(documents) == 1 and skipped == []


def test_ingest_jsonl_records_with_metadata_and_offsets(tmp_path: Path) -> None:
    lines = [
        {"headline": "Port Reopens", "body": "The port reopened.", "published": "2024-05-02",
         "link": "https://example.org/1", "source": {"name": "Example Wire"}},
        {"title": "Second", "content": "Another story.", "site": "Daily Example"},
    ]
    content = "\n".join(json.dumps(line) for line in lines) + "\n"
    path = tmp_path / "feed.jsonl"
    path.write_text(content, encoding="utf-8")
    documents, skipped = read(path)
    assert skipped == []
    first, second = documents
    assert (first.title, first.text, first.date, first.url, first.publisher) == (
        "Port Reopens", "The port reopened.", "2024-05-02", "https://example.org/1",
        "Example Wire",
    )
    assert (first.record, first.offset) == (1, 0)
    assert (second.record, second.publisher) == (2, "Daily Example")
    assert content[second.offset : second.offset + second.extent] == json.dumps(lines[1])


@pytest.mark.parametrize(
    "content",
    [
        '[{"text": "First story."}, {"text": "Second story."}]',
        '{"articles": [{"text": "First story."}, {"text": "Second story."}]}',
        '{"text": "First story."}\n{"text": "Second story."}\n',
    ],
)
def test_ingest_json_list_container_or_concatenated_objects(tmp_path: Path, content: str) -> None:
    path = tmp_path / "items.json"
    path.write_text(content, encoding="utf-8")
    documents, skipped = read(path)
    assert skipped == []
    assert [d.text for d in documents] == ["First story.", "Second story."]


def test_ingest_json_list_spans_each_element(tmp_path: Path) -> None:
    content = '[\n  {"text": "First story."},\n  {"text": "Second story.", "date": 1714608000}\n]'
    path = tmp_path / "items.json"
    path.write_text(content, encoding="utf-8")
    documents, _ = read(path)
    second = documents[1]
    assert content[second.offset : second.offset + second.extent] == (
        '{"text": "Second story.", "date": 1714608000}'
    )
    assert (second.record, second.date) == (3, "2024-05-02")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("news.csv", 'id,Headline,Article,url\n1,Port Reopens,"The port, closed for weeks,\n'
                     'reopened.",https://example.org/1\n'),
        ("news.tsv", "id\tHeadline\tArticle\turl\n1\tPort Reopens\tThe port, closed for weeks,"
                     " reopened.\thttps://example.org/1\n"),
        ("semi.csv", 'id;Headline;Article;url\n1;Port Reopens;"The port, closed for weeks,\n'
                     'reopened.";https://example.org/1\n'),
    ],
)
def test_ingest_csv_finds_text_column_by_name(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    documents, skipped = read(path)
    assert skipped == []
    (document,) = documents
    assert document.title == "Port Reopens"
    assert document.text.replace("\n", " ") == "The port, closed for weeks, reopened."
    assert (document.url, document.record) == ("https://example.org/1", 2)
    assert content[document.offset :].startswith("1")


def test_ingest_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Port Reopens | Example</title>"
        '<meta property="og:site_name" content="Daily Example">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        '<link rel="canonical" href="https://example.org/port"></head><body>'
        "<nav><a href='/'>Home</a> &gt; <a href='/world'>World</a></nav><article>"
        "<h1>Port Reopens After Storm</h1>"
        "<p>The port of the city reopened on Tuesday after a storm closed it for a week.</p>"
        "<p>Officials said ships would return to normal schedules by the end of the month.</p>"
        "</article><footer>Copyright 2024 Daily Example</footer></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    documents, skipped = read(path)
    assert skipped == []
    (document,) = documents
    assert document.title == "Port Reopens After Storm"
    assert (document.date, document.publisher, document.url) == (
        "2024-03-05", "Daily Example", "https://example.org/port",
    )
    assert "reopened on Tuesday after a storm" in document.text
    assert "Copyright" not in document.text
    assert document.extent == len(html)


def test_ingest_streams_ten_thousand_tiny_stories(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"text": f"Story number {i}."}) + "\n"
                            for i in range(10_000)), encoding="utf-8")
    documents, skipped = read(path)
    assert (len(documents), skipped) == (10_000, [])
    assert documents[-1].text == "Story number 9999."
