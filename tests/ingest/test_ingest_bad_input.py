"""Bad input never raises: each problem is reported once, with its reason, and the rest is kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kg.ingest import read as ingest
from kg.ingest.read import read_paths

GOOD = "Ministers Meet in Vienna\n\nThe foreign minister of Austria met his Chilean peer.\n"


def read(*paths: Path, **limits: int) -> tuple[list[str], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    texts = [d.text for d in read_paths(paths, on_skip=lambda p, r: skipped.append((p, r)),
                                        **limits)]
    return texts, skipped


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file (0 bytes)"),
        ("blank.txt", b"  \n\n\t\n", "empty file (only whitespace)"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)),
         "binary file (PDF document), not text; convert it to text first"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
         "binary file (PNG image), not text; convert it to text first"),
        ("archive.txt", b"PK\x03\x04" + b"\x00" * 64,
         "binary file (zip archive (or DOCX/XLSX/EPUB)), not text; convert it to text first"),
        ("blob.bin", b"abc\x00\x01\x02def" * 20 + b"\x00\x00\x00",
         "binary file (binary data (NUL bytes)), not text; convert it to text first"),
        ("table.csv", b"id,name\n1,Ann\n",
         "no text column (looked for text, body, content, article; found columns: id, name)"),
        ("nothing.json", b'{"id": 3}',
         "top level: record has no text (looked for text, body, content, article; "
         "found keys: id)"),
        ("broken.json", b'[{"text": "One."}, {"text": ',
         "line 1: malformed JSON (Expecting value at column 29); the elements before it are "
         "kept"),
    ],
)
def test_ingest_bad_file_is_skipped_with_reason_and_good_file_kept(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "zz_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    texts, skipped = read(tmp_path)
    assert skipped == [(str(bad), reason)]
    kept_from_bad = ["One."] if name == "broken.json" else []
    assert texts == [*kept_from_bad, GOOD]


def test_ingest_malformed_jsonl_lines_name_the_line_and_keep_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "First."}) + "\n{oops\n" + json.dumps({"text": "Third."}) + "\n"
        + json.dumps(["not", "an", "object"]) + "\n" + json.dumps({"body": ""}) + "\n",
        encoding="utf-8",
    )
    texts, skipped = read(path)
    assert texts == ["First.", "Third."]
    assert skipped == [
        (str(path), "line 2: malformed JSON (Expecting property name enclosed in double quotes "
                    "at column 2); the other records are kept"),
        (str(path), "line 4: expected an object with a text field, got list"),
        (str(path), "line 5: the 'body' field is empty"),
    ]


def test_ingest_missing_path_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    texts, skipped = read(missing)
    assert (texts, skipped) == ([], [(str(missing), "path does not exist; check the spelling")])


def test_ingest_symlink_loops_are_reported(tmp_path: Path) -> None:
    (tmp_path / "self").symlink_to(tmp_path / "self")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    texts, skipped = read(tmp_path)
    assert texts == [GOOD]
    assert skipped == [
        (str(tmp_path / "self"),
         "symlink loop: the link points back to itself; remove or fix the link"),
        (str(tmp_path / "sub" / "up"),
         "symlink loop: this folder links back to a folder that contains it"),
    ]


def test_ingest_broken_symlink_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    _, skipped = read(link)
    assert skipped == [(str(link), f"broken symlink to {tmp_path / 'deleted.txt'}; "
                                   "fix the link or remove it")]


def test_ingest_unreadable_file_is_reported(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    # chmod 000 does not stop root, so the refusal is simulated where the bytes are read.
    monkeypatch.setattr(Path, "read_bytes", denied)
    _, skipped = read(path)
    assert skipped == [(str(path), "permission denied; check the file's permissions")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file whatever its mode")
def test_ingest_chmod_000_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    _, skipped = read(path)
    assert skipped == [(str(path), "permission denied; check the file's permissions")]


def test_ingest_folder_without_readable_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    texts, skipped = read(tmp_path)
    assert texts == []
    assert skipped == [
        (str(tmp_path / "photo.png"),
         "binary file (PNG image), not text; convert it to text first"),
        (str(tmp_path), "folder holds no readable file; add .txt, .html, .jsonl, .json or .csv"),
    ]


def test_ingest_file_over_size_limit_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    _, skipped = read(path, max_file_bytes=100)
    assert skipped == [(str(path), "file is 500 bytes, over the max_file_bytes limit of 100; "
                                   "split the file or raise the limit")]


def test_ingest_line_over_length_limit_names_the_limit(tmp_path: Path) -> None:
    text_file = tmp_path / "long.txt"
    text_file.write_text("x" * 50 + "\nshort\n", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "y" * 60}) + "\n" + json.dumps({"text": "ok"}) + "\n",
                    encoding="utf-8")
    texts, skipped = read(text_file, feed, max_line_chars=40)
    assert texts == ["ok"]
    assert skipped == [
        (str(text_file), "a line is 50 characters long, over the max_line_chars limit of 40; "
                         "raise the limit"),
        (str(feed), "line 1: 72 characters, over the max_line_chars limit of 40; "
                    "raise the limit"),
    ]


def test_ingest_one_megabyte_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("title,text\nWide," + "word " * 200_000 + "\n", encoding="utf-8")
    texts, skipped = read(path)
    assert skipped == []
    assert len(texts[0]) == 1_000_000


def test_ingest_without_handler_logs_a_warning(tmp_path: Path, caplog) -> None:
    missing = tmp_path / "nope.txt"
    with caplog.at_level("WARNING", logger=ingest.__name__):
        assert list(read_paths([missing])) == []
    assert f"skipped {missing}: path does not exist" in caplog.text


def test_ingest_fifty_megabyte_file_is_read_whole(tmp_path: Path) -> None:
    paragraph = "The minister of Peru met the minister of Chile in Lima on Monday.\n\n"
    path = tmp_path / "huge.txt"
    repeats = 50 * 1024 * 1024 // len(paragraph) + 1
    path.write_text(paragraph * repeats, encoding="utf-8")
    texts, skipped = read(path)
    assert skipped == []
    assert len(texts) == 1
    assert len(texts[0]) == len(paragraph) * repeats
