"""From raw documents to clean, dated, de-duplicated articles.

``prepare`` runs, for each `RawDocument`: cleaning and story splitting (`kg.stories`, rules in
`kg.clean` and ``ontology/cleaning.json``), dating (`kg.dating`), then de-duplication across all
documents (`kg.dedupe`). Article text is the cleaned body: paragraphs joined by blank lines, each
paragraph a verbatim slice of the input, so offsets stay meaningful.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol
from unicodedata import unidata_version

from kg.clean import CleaningRules, default_rules
from kg.dating import parse_date
from kg.dedupe import Candidate, deduplicate, fold_for_hash
from kg.records import Article, RawDocument, SourceSpan
from kg.stories import Story, split_stories
from kg.text import stable_hash

logger = logging.getLogger(__name__)

#: A title made from the first sentence is cut at a word boundary below this length.
MAX_DERIVED_TITLE = 100
_SENTENCE_END = re.compile(r"(?<=[a-z\d)\"”’])[.!?](?=\s|$)")


class PrepareMemo(Protocol):
    """Where `prepare` keeps what it worked out per document and per article (`kg.cache`).

    Both are pure functions of their key, so a build over a grown corpus only splits the new
    documents and only shingles the new articles (issue #7).
    """

    def get_stories(self, keys: Sequence[str]) -> dict[str, list[Candidate]]: ...
    def put_stories(self, items: Iterable[tuple[str, list[Candidate]]]) -> None: ...
    def get_signatures(self, keys: Sequence[str]) -> dict[str, bytes]: ...
    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None: ...


#: Raw documents looked up in the memo at a time.
MEMO_CHUNK = 500


def prepare(
    raws: Iterable[RawDocument],
    *,
    rules: CleaningRules | None = None,
    memo: PrepareMemo | None = None,
) -> list[Article]:
    """Clean, split, date and de-duplicate; return articles sorted by their first source.

    With `memo`, a document split before (same text, metadata, rules and code) is not split
    again, and an article shingled before is not shingled again; the result is the same.

    >>> from kg.records import RawDocument
    >>> story = "Talks Resume in Geneva\\n\\nDelegates met on 3 May 2024 in Geneva.\\n"
    >>> [(a.title, len(a.sources)) for a in prepare([RawDocument("a.txt", story),
    ...                                              RawDocument("b.txt", story.upper())])]
    [('Talks Resume in Geneva', 2)]
    """
    rules = rules or default_rules()
    candidates: list[Candidate] = []
    documents = reused = 0
    pending = iter(raws)
    while chunk := list(itertools.islice(pending, MEMO_CHUNK)):
        documents += len(chunk)
        keys = [story_key(raw, rules) for raw in chunk] if memo is not None else []
        known = memo.get_stories(keys) if memo is not None else {}
        fresh = []
        for index, raw in enumerate(chunk):
            if memo is not None and keys[index] in known:
                candidates.extend(known[keys[index]])
                reused += 1
                continue
            stories = split_stories(raw.text, rules, split=raw.extent is None,
                                    known_title=raw.title)
            found = [_candidate(raw, story) for story in stories]
            candidates.extend(found)
            if memo is not None:
                fresh.append((keys[index], found))
        if memo is not None and fresh:
            memo.put_stories(fresh)
    articles = deduplicate(candidates, memo=memo)
    logger.info("prepared %d article(s) from %d story copies in %d document(s) (%d split "
                "before)", len(articles), len(candidates), documents, reused)
    return articles


def story_key(raw: RawDocument, rules: CleaningRules) -> str:
    """Key what one document splits into: the document (every field), rules and code.

    >>> rules = default_rules()
    >>> key = story_key(RawDocument("a.txt", "Text."), rules)
    >>> key == story_key(RawDocument("a.txt", "Text."), rules)
    True
    >>> key == story_key(RawDocument("b.txt", "Text."), rules)
    False
    """
    digest = hashlib.sha256()
    for part in (_code_version(), rules.version, unidata_version, repr(raw)):
        digest.update(part.encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:32]


#: The modules whose code decides what `prepare` returns (hashed into `prepare_key`).
_PREPARE_MODULES = ("prepare", "clean", "stories", "dating", "dedupe", "records", "text")


def prepare_key(raws: Sequence[RawDocument], rules: CleaningRules | None = None) -> str:
    """Key what `prepare(raws, rules=rules)` returns: the raw documents, rules and code.

    The code includes the libraries it leans on (datasketch's MinHash, Python's Unicode
    tables). A re-run over unchanged inputs can then reuse the prepared articles instead of
    cleaning, splitting and de-duplicating again (issue #7).

    >>> raws = [RawDocument("a.txt", "Some text.")]
    >>> prepare_key(raws) == prepare_key(list(raws)), prepare_key(raws) == prepare_key([])
    (True, False)
    """
    from importlib.metadata import version

    rules = rules or default_rules()
    digest = hashlib.sha256()
    for part in (_code_version(), rules.version, version("datasketch"), unidata_version):
        digest.update(part.encode("utf-8") + b"\x1e")
    for raw in raws:
        digest.update(repr(raw).encode("utf-8") + b"\x1e")  # every field, quoted
    return digest.hexdigest()[:32]


@functools.cache
def _code_version() -> str:
    folder = Path(__file__).resolve().parent
    return stable_hash("\x1f".join(
        (folder / f"{name}.py").read_text(encoding="utf-8") for name in _PREPARE_MODULES
    ))


def article_id(text: str) -> str:
    """The stable id of an article body: a hash of its folded text.

    >>> article_id("“Yes,” he said.") == article_id('"yes,"  he said.')
    True
    """
    return stable_hash(fold_for_hash(text))


def derive_title(text: str) -> str:
    """A title for a story that has none: its first sentence, cut at a word boundary.

    >>> derive_title("Ministers met in Vienna on Monday. They agreed.")
    'Ministers met in Vienna on Monday'
    """
    first = text.split("\n", 1)[0]
    match = _SENTENCE_END.search(first)
    sentence = first[: match.start()] if match else first
    if len(sentence) <= MAX_DERIVED_TITLE:
        return sentence
    cut = sentence[:MAX_DERIVED_TITLE].rsplit(" ", 1)[0]
    return cut + "…"


def _candidate(raw: RawDocument, story: Story) -> Candidate:
    text = "\n\n".join(story.paragraphs)
    if raw.extent is not None:
        span = SourceSpan(raw.path, raw.offset, raw.offset + raw.extent)
    else:
        span = SourceSpan(raw.path, raw.offset + story.start, raw.offset + story.end)
    stated = parse_date(raw.date) if raw.date else None
    date = stated or story.date
    title = story.title or raw.title
    article = Article(
        id=article_id(text),
        title=title or derive_title(text),
        text=text,
        sources=(span,),
        publisher=raw.publisher or story.publisher,
        date=date[0] if date else None,
        date_precision=date[1] if date else None,
        url=raw.url,
    )
    return Candidate(article, title_found=title is not None)
