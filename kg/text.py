"""Small pure text helpers shared by several stages."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import re
import unicodedata
from pathlib import Path

_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold case, diacritics, quote styles and spacing, for matching only (never for labels).

    Cached: the entity and event passes fold the same words many times per article.

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


def source_hash(*names: str) -> str:
    """Hash the source of the named modules and packages (every ``.py`` file below a package).

    A stage's cache key includes the hash of the packages whose code can change its result, so
    an upgrade of kg (or a local edit) never serves results made by older code.

    >>> source_hash("kg.text") == source_hash("kg.text") != source_hash("kg.records")
    True
    """
    parts = []
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ModuleNotFoundError(name)
        origin = Path(spec.origin)
        files = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
        base = origin.parent.parent if origin.name == "__init__.py" else origin.parent
        parts += [f"{f.relative_to(base)}\n{f.read_text(encoding='utf-8')}" for f in files]
    return stable_hash("\x1f".join(parts))
