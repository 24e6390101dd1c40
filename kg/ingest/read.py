"""Read files and folders of news into `RawDocument` records.

Formats: plain text (``.txt`` and files without extension that decode as text), HTML (main text
by trafilatura), JSON Lines, JSON (one object or a list) and CSV/TSV (a text column found by
name). Bad input never raises: each problem calls ``on_skip(path, reason)`` once and the rest
goes on.
"""

from __future__ import annotations

import csv
import errno
import json
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.ingest.decode import binary_kind, decode_bytes, normalise
from kg.records import RawDocument

logger = logging.getLogger(__name__)

SkipHandler = Callable[[str, str], None]

DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_LINE_CHARS = 10_000_000

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
CSV_SUFFIXES = frozenset({".csv", ".tsv"})

# Field names used by common scrapers and news datasets (news-please, NewsAPI, GDELT dumps,
# Hugging Face news sets), in order of preference; matched case-insensitively.
TEXT_KEYS = ("text", "body", "content", "article", "maintext", "full_text", "article_text", "story")
TITLE_KEYS = ("title", "headline", "heading")
DATE_KEYS = ("date", "published", "published_at", "publishedat", "date_publish", "publish_date",
             "pubdate", "datetime", "date_published", "time")
URL_KEYS = ("url", "link", "source_url", "uri", "permalink")
PUBLISHER_KEYS = ("publisher", "source", "site", "site_name", "sitename", "outlet",
                  "source_domain", "domain", "source_name")
# Keys under which a JSON document keeps its list of articles.
CONTAINER_KEYS = ("articles", "items", "data", "records", "results", "documents", "stories",
                  "entries", "posts")


@dataclass(frozen=True, slots=True)
class _Limits:
    max_file_bytes: int
    max_line_chars: int


def read_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    on_skip: SkipHandler | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
) -> Iterator[RawDocument]:
    """Yield one `RawDocument` per text/HTML file or JSON/CSV record, in a stable order.

    Folders are read recursively in sorted order, skipping hidden entries. A file reached twice
    (listed twice, or through a symlink) is read once. `on_skip(path, reason)` is called once for
    every file, record or folder that cannot be used; the reason says why and what to try.
    """
    skip = on_skip if on_skip is not None else _log_skip
    limits = _Limits(max_file_bytes, max_line_chars)
    seen: set[str] = set()
    for path in paths:
        yield from _read_path(Path(path), skip, limits, seen, ancestors=frozenset(), top=True)


def _log_skip(path: str, reason: str) -> None:
    logger.warning("skipped %s: %s", path, reason)


def _read_path(
    path: Path,
    skip: SkipHandler,
    limits: _Limits,
    seen: set[str],
    *,
    ancestors: frozenset[str],
    top: bool = False,
) -> Iterator[RawDocument]:
    name = str(path)
    try:
        info = os.stat(path)
    except OSError as err:
        skip(name, _stat_problem(path, err))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _read_folder(path, skip, limits, seen, ancestors=ancestors, top=top)
    elif stat.S_ISREG(info.st_mode):
        real = os.path.realpath(path)
        if real in seen:
            logger.debug("%s already read (same file as an earlier path)", name)
            return
        seen.add(real)
        yield from _read_file(path, info.st_size, skip, limits)
    else:
        skip(name, "not a regular file (device, socket or pipe); pass text files or folders")


def _stat_problem(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop: the link points back to itself; remove or fix the link"
    if err.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"broken symlink to {os.readlink(path)}; fix the link or remove it"
        return "path does not exist; check the spelling"
    if err.errno == errno.EACCES:
        return "permission denied; check the file's permissions"
    return f"cannot read ({err.strerror}); check the path"


def _read_folder(
    folder: Path,
    skip: SkipHandler,
    limits: _Limits,
    seen: set[str],
    *,
    ancestors: frozenset[str],
    top: bool,
) -> Iterator[RawDocument]:
    real = os.path.realpath(folder)
    if real in ancestors:
        skip(str(folder), "symlink loop: this folder links back to a folder that contains it")
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        skip(str(folder), _stat_problem(folder, err))
        return
    found = False
    inner = ancestors | {real}
    for entry in entries:
        if entry.name.startswith("."):
            continue
        found = found or os.path.realpath(entry.path) in seen
        for document in _read_path(Path(entry.path), skip, limits, seen, ancestors=inner):
            found = True
            yield document
    if top and not found:
        skip(str(folder), "folder holds no readable file; add .txt, .html, .jsonl, .json or .csv")


def _read_file(path: Path, size: int, skip: SkipHandler, limits: _Limits) -> Iterator[RawDocument]:
    name = str(path)
    if size == 0:
        skip(name, "empty file (0 bytes)")
        return
    if size > limits.max_file_bytes:
        skip(name, f"file is {size:,} bytes, over the max_file_bytes limit of "
                   f"{limits.max_file_bytes:,}; split the file or raise the limit")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        skip(name, _stat_problem(path, err))
        return
    kind = binary_kind(data)
    if kind is not None:
        skip(name, f"binary file ({kind}), not text; convert it to text first")
        return
    decoded = decode_bytes(data)
    del data  # the text alone is held while the file's records stream out
    if decoded.replaced:
        logger.info("%s: %d undecodable byte(s) in %s text replaced with U+FFFD",
                    name, decoded.replaced, decoded.encoding)
    text = decoded.text
    if not text.strip():
        skip(name, "empty file (only whitespace)")
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(name, text, skip, limits)
    elif suffix == ".json":
        yield from _read_json(name, text, skip, limits)
    elif suffix in CSV_SUFFIXES:
        yield from _read_csv(name, text, skip, limits, tab=suffix == ".tsv")
    elif suffix in HTML_SUFFIXES:
        yield from _read_html(name, text, skip)
    else:
        longest = max(map(len, text.split("\n")))
        if longest > limits.max_line_chars:
            skip(name, f"a line is {longest:,} characters long, over the max_line_chars limit "
                       f"of {limits.max_line_chars:,}; raise the limit")
            return
        yield RawDocument(path=name, text=text)


# -- records ---------------------------------------------------------------------------------


def _pick(fields: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in fields and fields[key] not in (None, "", [], {}):
            return key, fields[key]
    return None, None


def _as_text(value: Any) -> str | None:
    """Flatten a metadata value: a dict gives its name, a list its first item."""
    if isinstance(value, dict):
        value = next((value[k] for k in ("name", "title", "id", "url") if value.get(k)), None)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None


def _record(
    name: str, fields: Any, where: str, skip: SkipHandler, *, offset: int, extent: int, record: int
) -> RawDocument | None:
    """Build a RawDocument from one JSON object or CSV row, or report why not."""
    if not isinstance(fields, dict):
        skip(name, f"{where}: expected an object with a text field, got {type(fields).__name__}")
        return None
    lowered = {str(k).strip().lower(): v for k, v in fields.items()}
    key, body = _pick(lowered, TEXT_KEYS)
    present = next((k for k in TEXT_KEYS if k in lowered), None)
    if key is None and present is not None:
        skip(name, f"{where}: the '{present}' field is empty")
        return None
    if key is None:
        found = ", ".join(sorted(lowered)) or "none"
        skip(name, f"{where}: record has no text (looked for {', '.join(TEXT_KEYS[:4])}; "
                   f"found keys: {found})")
        return None
    if isinstance(body, list):
        body = "\n\n".join(str(part) for part in body if isinstance(part, str))
    text = normalise(str(body))
    if not text.strip():
        skip(name, f"{where}: the '{key}' field is empty")
        return None
    date = _pick(lowered, DATE_KEYS)[1]
    if isinstance(date, int | float) and not isinstance(date, bool):
        date = _epoch_to_iso(date)
    return RawDocument(
        path=name, text=text, offset=offset, record=record, extent=extent,
        title=_as_text(_pick(lowered, TITLE_KEYS)[1]), date=_as_text(date),
        url=_as_text(_pick(lowered, URL_KEYS)[1]),
        publisher=_as_text(_pick(lowered, PUBLISHER_KEYS)[1]),
    )


def _epoch_to_iso(value: float) -> str | None:
    """Read a Unix timestamp in seconds or milliseconds as an ISO date (UTC)."""
    from datetime import UTC, datetime

    seconds = value / 1000 if value > 1e11 else value
    if not 0 < seconds < 4.2e9:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) for each line of `text`, one at a time (no list of all lines).

    >>> list(_lines("a\\nbc\\n"))
    [(0, 'a'), (2, 'bc'), (5, '')]
    """
    start = 0
    while (end := text.find("\n", start)) >= 0:
        yield start, text[start:end]
        start = end + 1
    yield start, text[start:]


def _read_jsonl(name: str, text: str, skip: SkipHandler, limits: _Limits) -> Iterator[RawDocument]:
    for number, (start, line) in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        if len(line) > limits.max_line_chars:
            skip(name, f"{where}: {len(line):,} characters, over the max_line_chars limit of "
                       f"{limits.max_line_chars:,}; raise the limit")
            continue
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as err:
            skip(name, f"{where}: malformed JSON ({err.msg} at column {err.colno}); "
                       "the other records are kept")
            continue
        document = _record(name, fields, where, skip, offset=start, extent=len(line),
                           record=number)
        if document is not None:
            yield document


def _read_json(name: str, text: str, skip: SkipHandler, limits: _Limits) -> Iterator[RawDocument]:
    decoder = json.JSONDecoder()
    start = len(text) - len(text.lstrip())
    if text.startswith("[", start):
        yield from _read_json_array(name, text, start, decoder, skip)
        return
    try:
        value, end = decoder.raw_decode(text, start)
    except json.JSONDecodeError as err:
        skip(name, f"line {err.lineno}: malformed JSON ({err.msg} at column {err.colno})")
        return
    if text[end:].strip():
        # Several objects one after another: the file is really JSON Lines.
        yield from _read_jsonl(name, text, skip, limits)
        return
    if isinstance(value, dict):
        lowered = {str(k).lower() for k in value}
        if not lowered & set(TEXT_KEYS):
            key = next((k for k in value if str(k).lower() in CONTAINER_KEYS
                        and isinstance(value[k], list)), None)
            if key is not None:
                for number, item in enumerate(value[key], start=1):
                    document = _record(name, item, f"{key}[{number}]", skip, offset=0,
                                       extent=len(text), record=number)
                    if document is not None:
                        yield document
                return
    document = _record(name, value, "top level", skip, offset=0, extent=len(text),
                       record=text.count("\n", 0, start) + 1)
    if document is not None:
        yield document


def _read_json_array(
    name: str, text: str, start: int, decoder: json.JSONDecoder, skip: SkipHandler
) -> Iterator[RawDocument]:
    """Read a top-level JSON list element by element, keeping each element's span."""
    position = start + 1
    line, counted = 1 + text.count("\n", 0, position), position
    while True:
        while position < len(text) and text[position] in " \t\n,":
            position += 1
        if position >= len(text):
            skip(name, f"line {line}: malformed JSON (the list is not closed with ']')")
            return
        if text[position] == "]":
            return
        line += text.count("\n", counted, position)
        counted = position
        try:
            value, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as err:
            skip(name, f"line {err.lineno}: malformed JSON ({err.msg} at column {err.colno}); "
                       "the elements before it are kept")
            return
        document = _record(name, value, f"line {line}", skip, offset=position,
                           extent=end - position, record=line)
        if document is not None:
            yield document
        position = end


def _read_csv(
    name: str, text: str, skip: SkipHandler, limits: _Limits, *, tab: bool
) -> Iterator[RawDocument]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    consumed = [0, 0]  # characters and lines handed to the csv reader so far

    def feed() -> Iterator[str]:
        for line in lines:
            consumed[0] += len(line)
            consumed[1] += 1
            yield line

    # The header row names the columns, so its most frequent separator is the delimiter.
    header_line = lines[0] if lines else ""
    delimiter = "\t" if tab else max(",;\t|", key=header_line.count)
    previous = csv.field_size_limit(max(limits.max_line_chars, 131072))
    rows: list[tuple[int, int, int, list[str]]] = []
    problem = None
    try:
        reader = csv.reader(feed(), delimiter=delimiter)
        header = [h.strip().lower() for h in next(reader, [])]
        while True:
            start, line = consumed[0], consumed[1] + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                problem = f"line {line}: {err}; the rows before it are kept"
                if "field larger than field limit" in str(err):
                    problem = (f"line {line}: a field is longer than the max_line_chars limit of "
                               f"{limits.max_line_chars:,}; raise the limit")
                break
            rows.append((line, start, consumed[0] - start, row))
    finally:
        csv.field_size_limit(previous)
    if not any(key in header for key in TEXT_KEYS):
        skip(name, f"no text column (looked for {', '.join(TEXT_KEYS[:4])}; found columns: "
                   f"{', '.join(h for h in header if h) or 'none'})")
        return
    for line, start, extent, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        fields = dict(zip(header, row, strict=False))
        document = _record(name, fields, f"line {line}", skip, offset=start, extent=extent,
                           record=line)
        if document is not None:
            yield document
    if problem is not None:
        skip(name, problem)


def _read_html(name: str, text: str, skip: SkipHandler) -> Iterator[RawDocument]:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = getattr(extracted, "text", None)
    if extracted is None or isinstance(extracted, dict) or not body or not body.strip():
        skip(name, "no main text found in the HTML page; save the article text as .txt instead")
        return
    yield RawDocument(
        path=name, text=normalise(body), offset=0, extent=len(text),
        title=_as_text(extracted.title), date=_as_text(extracted.date),
        url=_as_text(extracted.url), publisher=_as_text(extracted.sitename),
    )
