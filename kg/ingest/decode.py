"""Turn the bytes of an input file into normalised text, or say why they are not text.

Every character offset later in the pipeline refers to the text returned here: decoded, with
line endings normalised to ``\\n`` and Unicode normalised to NFC.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: Leading bytes of common non-text formats, checked before any decoding.
_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "zip archive (or DOCX/XLSX/EPUB)"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00asm", "WebAssembly binary"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O binary"),
)

# A well-formed UTF-8 multi-byte sequence (RFC 3629); used to tell a UTF-8 file with a few bad
# bytes from a file in a legacy single-byte encoding.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
_SAMPLE = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was obtained."""

    text: str
    encoding: str
    replaced: int = 0  # bytes that could not be decoded and became U+FFFD


def binary_kind(data: bytes) -> str | None:
    """Name the binary format of `data`, or return None when it may be text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF document'
    >>> binary_kind("Plain words.".encode("utf-16"))  # a BOM says it is UTF-16 text
    >>> binary_kind(b"abc\\x00def")
    'binary data (NUL bytes)'
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[8:12] in (b"WEBP", b"WAVE", b"AVI ") and data.startswith(b"RIFF"):
        return "RIFF media (WebP/WAV/AVI)"
    if data[4:8] == b"ftyp":
        return "MP4/MOV media"
    sample = data[:_SAMPLE]
    if _utf16_order(sample) is not None:
        return None
    if b"\x00" in sample:
        return "binary data (NUL bytes)"
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 20):
        return "binary data (control bytes)"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode file bytes: BOM, then UTF-16 by NUL pattern, UTF-8, then a legacy encoding.

    Line endings become ``\\n`` and the text is NFC-normalised.

    >>> decode_bytes("caf\\u00e9\\r\\n".encode("utf-8-sig")).text
    'café\\n'
    >>> decode_bytes("caf\\u00e9 \\u2013 na\\u00efve".encode("cp1252")).encoding
    'cp1252'
    >>> decode_bytes(b"ok \\xff ok \\xc3\\xa9").replaced
    1
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom) :], encoding)
    order = _utf16_order(data[:_SAMPLE])
    if order is not None:
        return _finish(data, order)
    try:
        return Decoded(normalise(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    non_ascii = len(_NON_ASCII.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    if in_sequences and in_sequences * 2 >= non_ascii:
        return _finish(data, "utf-8")
    return _finish(data, _legacy_encoding(data))


def normalise(text: str) -> str:
    """Normalise line endings to ``\\n`` and Unicode to NFC; drop a leading BOM.

    >>> normalise("\\ufeffa\\r\\nb\\rc\\u2029d")
    'a\\nb\\nc\\nd'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return unicodedata.normalize("NFC", text)


def _finish(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.count("\xef\xbf\xbd".encode("latin-1"))
    return Decoded(normalise(text), encoding, max(replaced, 0))


def _utf16_order(sample: bytes) -> str | None:
    """Recognise UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    half = len(sample) // 2
    if half < 8:
        return None
    even = sample[0 : half * 2 : 2].count(0)
    odd = sample[1 : half * 2 : 2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def _legacy_encoding(data: bytes) -> str:
    """Pick a single-byte encoding: cp1252 for Western text, else ask charset-normalizer."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text:
        letters = sum(1 for ch in text[:200_000] if ch.isalpha())
        foreign = sum(1 for ch in text[:200_000] if ord(ch) > 127 and ch.isalpha())
        if letters and foreign / letters < 0.3:
            return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is not None and best.encoding:
        logger.debug("charset-normalizer chose %s", best.encoding)
        return str(best.encoding)
    return "cp1252" if text else "latin-1"
