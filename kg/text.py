"""Small pure text helpers shared by several stages."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold case, diacritics, quote styles and spacing, for matching only (never for labels).

    >>> fold("  Türkiye’s ")
    "turkiye's"
    >>> fold("José Luis RODRÍGUEZ")
    'jose luis rodriguez'
    """
    if text.isascii():
        # the common case, and NFKD, mark stripping and casefold are identities or `lower`
        # on ASCII: fold runs for every token of every article (issue #7)
        return _SPACE.sub(" ", text).strip().lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped).strip().casefold()


def stable_hash(text: str, length: int = 16) -> str:
    """Return a short, stable hex digest of `text` (SHA-256 prefix).

    >>> stable_hash("hello")
    '2cf24dba5fb0a30e'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def slug(text: str, *, max_length: int = 80) -> str:
    """Make a lower-case ASCII IRI segment from a label.

    >>> slug("Türkiye")
    'turkiye'
    >>> slug("Ahmed al-Sharaa")
    'ahmed-al-sharaa'
    >>> slug("!!!")
    'x'
    """
    ascii_text = fold(text).encode("ascii", "ignore").decode("ascii")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:max_length].strip("-")
    return out or "x"
