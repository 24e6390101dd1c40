"""Line-level cleaning rules for scraped news: boilerplate, breadcrumbs, credits, headlines.

The word lists live in ``ontology/cleaning.json``; this module holds only general shapes (a
breadcrumb is a short line starting at "Home" with separators, a credit names a photo agency...).
Every rule drops short lines only, so a body sentence is never lost.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.errors import OntologyError
from kg.ingest.dating import Dated, only_date, parse_date
from kg.paths import default_ontology_dir
from kg.text import stable_hash

CLEANING_FILE = "cleaning.json"
#: What `date_line` returns for a date line whose date cannot be read (dropped, not dated).
UNDATED: Dated = ("", "")

_SEPARATOR = re.compile(r"^(?:[-=*_#~•·.+]\s?){3,}$")
_MARKER = re.compile(r"^[A-Z0-9]{1,6}$")
_SENTENCE_INSIDE = re.compile(r"[a-z\d)\]]{2,}[.!?][\"”’']?\s+[\"“‘'(]?[A-Z]")
_CREDIT_TAIL = re.compile(r"\(([^()]{1,80})\)\s*$")
_CREDIT_SPLIT = re.compile(r"\s*(?:/|,|;|\bvia\b|\||\s-\s)\s*", re.IGNORECASE)
_LAST_WORDS = re.compile(r"(\S+(?:\s+\S+){0,3})\s*$")
_WORD = re.compile(r"[^\s,|·/•]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                         "ʼ": "'", "`": "'", "–": "-", "—": "-", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_OPENERS = "\"'“‘«¿¡(["


@dataclass(frozen=True, slots=True)
class CleaningRules:
    """Boilerplate vocabulary read from ``ontology/cleaning.json``."""

    max_words: int
    boilerplate: frozenset[str]
    prefixes: tuple[str, ...]
    source_line: re.Pattern[str]
    byline_prefixes: tuple[str, ...]
    agencies: frozenset[str]
    photo_words: frozenset[str]
    #: Lower-case words a credit may hold besides capitalised names ("van", "via", "photo").
    credit_words: frozenset[str]
    breadcrumb: re.Pattern[str]
    breadcrumb_split: re.Pattern[str]
    #: Hash of the file the rules were read from (part of the prepared-articles cache key).
    version: str = ""


def load_cleaning_rules(ontology_dir: Path | None = None) -> CleaningRules:
    """Read the cleaning vocabulary; raise `OntologyError` naming the file when it is broken."""
    path = (ontology_dir or default_ontology_dir()) / CLEANING_FILE
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        roots = "|".join(re.escape(r) for r in data["breadcrumb_roots"])
        seps = "|".join(re.escape(s) for s in data["breadcrumb_separators"])
        labels = "|".join(re.escape(s) for s in data["source_line_labels"])
        return CleaningRules(
            max_words=int(data["max_boilerplate_words"]),
            boilerplate=frozenset(_key(s) for s in data["boilerplate_lines"]),
            prefixes=tuple(_key(s) for s in data["boilerplate_prefixes"]),
            source_line=re.compile(rf"^(?:{labels})\s*(?:[:：\-–—]\s*|(?<=by|in|on|om|of)\s+)"
                                   r"(?P<name>[^.!?]{2,80}?)\.?$", re.IGNORECASE),
            byline_prefixes=tuple(s.lower() for s in data["byline_prefixes"]),
            agencies=frozenset(_key(s) for s in data["photo_agencies"]),
            photo_words=frozenset(_key(s) for s in data["photo_words"]),
            credit_words=frozenset(s.lower() for s in data["credit_lowercase_words"]),
            breadcrumb=re.compile(rf"^(?:{roots})\s*(?:{seps})\s*\S", re.IGNORECASE),
            breadcrumb_split=re.compile(rf"\s(?:{seps})\s"),
            version=stable_hash(text),
        )
    except (OSError, ValueError, KeyError, TypeError, re.error) as err:
        raise OntologyError(
            f"{path}: cannot read the cleaning rules ({err}); restore the file from the "
            "repository or point KG_ONTOLOGY_DIR at a folder that has it"
        ) from err


@lru_cache(maxsize=4)
def default_rules() -> CleaningRules:
    """The bundled cleaning rules, read once."""
    return load_cleaning_rules()


@lru_cache(maxsize=4096)  # a line is keyed again as the next line's predecessor (issue #7)
def _key(text: str) -> str:
    """Fold case, quote styles, dashes and spacing: the form lines are compared in.

    >>> _key("  “Share   this”: ")
    '"share this":'
    """
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


line_key = _key


def _bare(text: str) -> str:
    return _key(text).strip(" :|-•·>»›").rstrip(".")


# -- line classes ----------------------------------------------------------------------------


def is_separator(line: str) -> bool:
    """A line of rule characters (``----``, ``* * *``) that separates stories.

    >>> is_separator("* * *"), is_separator("----------"), is_separator("a - b")
    (True, True, False)
    """
    return bool(_SEPARATOR.match(line))


def is_marker(line: str) -> bool:
    """A lone short all-caps or digit token, such as a layout marker between repeated blocks."""
    return bool(_MARKER.match(line))


def is_breadcrumb(line: str, rules: CleaningRules) -> bool:
    """``Home » World » Story`` or any line with two or more breadcrumb separators.

    >>> rules = default_rules()
    >>> is_breadcrumb("Home » Middle East", rules), is_breadcrumb("News > World > Africa", rules)
    (True, True)
    >>> is_breadcrumb("Rates rose > 5% in May, the bank said.", rules)
    False
    """
    if rules.breadcrumb.match(line):
        return True
    parts = rules.breadcrumb_split.split(line)
    return len(parts) >= 3 and all(len(p.split()) <= 12 for p in parts) and line[-1] not in ".!?"


def is_boilerplate(line: str, rules: CleaningRules) -> bool:
    """Share bars, ad slots, newsletter prompts, tag lists and copyright lines (short lines only).

    >>> rules = default_rules()
    >>> is_boilerplate("Share this article", rules), is_boilerplate("Read more: ...", rules)
    (True, True)
    >>> is_boilerplate("Share prices fell sharply on Monday.", rules)
    False
    """
    if len(line.split()) > rules.max_words:
        return False
    key = _key(line)
    return _bare(line) in rules.boilerplate or key.startswith(rules.prefixes)


def is_credit(line: str, rules: CleaningRules) -> bool:
    """A line that is only a photo credit: ``(AFP)``, ``REUTERS/Jane Doe``, ``Getty Images``.

    >>> rules = default_rules()
    >>> is_credit("(AFP)", rules), is_credit("REUTERS/Jane Doe", rules)
    (True, True)
    >>> is_credit("Reuters reported the talks failed.", rules)
    False
    """
    text = line.strip()
    if len(text.split()) > 8 or text[-1:] in ".!?":
        return False
    text = text.strip("()[] ")
    parts = [p for p in _CREDIT_SPLIT.split(text) if p]
    return bool(parts) and any(self_credit(p, rules) for p in parts) and all(
        _is_namey(p, rules) for p in parts
    )


def self_credit(part: str, rules: CleaningRules) -> bool:
    key = _bare(part)
    return key in rules.agencies or any(w in rules.photo_words for w in key.split())


def _is_namey(part: str, rules: CleaningRules) -> bool:
    """Whether a credit part is only names, numbers and the words credits hold besides names.

    >>> rules = default_rules()
    >>> _is_namey("Jan van Dijk via Images", rules), _is_namey("the talks", rules)
    (True, False)
    """
    return all(
        w[:1].isupper() or w[:1].isdigit() or w.lower() in rules.credit_words for w in part.split()
    )


def ends_with_credit(text: str, rules: CleaningRules) -> bool:
    """Whether a paragraph ends with a photo credit, the mark of a caption.

    >>> rules = default_rules()
    >>> ends_with_credit("Ministers meet in Rome, 2 May 2024. (AP Photo/Jane Doe)", rules)
    True
    >>> ends_with_credit("A view of the port. Jane Doe/Example/via REUTERS", rules)
    True
    >>> ends_with_credit("The talks failed, according to Reuters", rules)
    False
    """
    text = text[-200:]  # a credit is short: look at the tail only, so long lines stay cheap
    tail = _CREDIT_TAIL.search(text)
    if tail is not None:
        return any(self_credit(p, rules) for p in _CREDIT_SPLIT.split(tail.group(1)) if p)
    words = _LAST_WORDS.search(text)
    if words is None or "/" not in words.group(1):
        return False
    last = _CREDIT_SPLIT.split(words.group(1))[-1]
    return _bare(last) in rules.agencies


def byline(line: str, rules: CleaningRules) -> bool:
    """``By Jane Doe and John Roe`` (names only, no sentence).

    >>> rules = default_rules()
    >>> byline("By Jane Doe and John Roe", rules), byline("By the end of May, talks ended.", rules)
    (True, False)
    """
    lowered = line.lower()
    prefix = next((p for p in rules.byline_prefixes if lowered.startswith(p)), None)
    if prefix is None or line[-1:] in ".!?:" or len(line.split()) > 10:
        return False
    names = line[len(prefix) :].replace(",", " ").replace("|", " ").split()
    return bool(names) and all(w[:1].isupper() or w in {"and", "&", "-", "in"} for w in names)


def date_line(line: str) -> Dated | None:
    """A publication-date line gives its date (`UNDATED` if unreadable); other lines give None.

    >>> date_line("Published: 23 December 2024, 10:15 GMT")
    ('2024-12-23', 'day')
    """
    if only_date(line):
        return parse_date(line) or UNDATED
    return None


def source_name(line: str, rules: CleaningRules) -> str | None:
    """The publisher named by a trailing ``Source: X`` line, else None.

    >>> source_name("Source: The Daily Example", default_rules())
    'The Daily Example'
    >>> source_name("Sources said the deal was close.", default_rules()) is None
    True
    """
    if "\n" in line or len(line.split()) > 12:
        return None
    match = rules.source_line.match(line.strip())
    return match.group("name").strip() if match else None


# -- headline shapes -------------------------------------------------------------------------


def title_like(text: str, rules: CleaningRules) -> bool:
    """A headline: one short line, capitalised, no final period, no second sentence.

    >>> rules = default_rules()
    >>> title_like("Ministers Agree on Trade Deal in Vienna", rules)
    True
    >>> title_like("The ministers agreed on a deal.", rules)
    False
    """
    if "\n" in text or not 3 <= len(text) <= 200 or text[-1] in ".,;:":
        return False
    if not 2 <= len(text.split()) <= 30:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in _OPENERS):
        return False
    return not _SENTENCE_INSIDE.search(text) and not ends_with_credit(text, rules)


def tag_like(text: str) -> bool:
    """A section/category line: a few capitalised words, no function words, no punctuation.

    >>> tag_like("Africa Middle East World News"), tag_like("Qatar and Jordan Sign Deal")
    (True, False)
    """
    words = _WORD.findall(text)
    if "\n" in text or not 1 <= len(words) <= 12 or text[-1] in ".!?:;,\"”":
        return False
    return all((w[0].isupper() and not any(c.isdigit() for c in w)) or w == "&" for w in words)


def all_caps(text: str) -> bool:
    """Whether every cased letter is upper case (a sub-heading shape)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters if c.lower() != c.upper())
