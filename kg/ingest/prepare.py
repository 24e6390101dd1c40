"""From raw documents to clean, dated, de-duplicated articles.

``prepare`` runs, for each `RawDocument`: cleaning and story splitting (`kg.ingest.stories`,
rules in `kg.ingest.clean` and ``ontology/cleaning.json``), dating (`kg.ingest.dating`), then
de-duplication across all documents (`kg.ingest.dedupe`). Article text is the cleaned body:
paragraphs joined by blank lines, each paragraph a verbatim slice of the input, so offsets
stay meaningful.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol
from unicodedata import unidata_version

from kg.errors import StoreError
from kg.ingest.clean import CleaningRules, default_rules
from kg.ingest.dating import parse_date
from kg.ingest.dedupe import article_order, fold_for_hash, merge_copies
from kg.ingest.stories import Story, split_stories
from kg.records import Article, RawDocument, SourceSpan, StoryCopy
from kg.text import source_hash, stable_hash

logger = logging.getLogger(__name__)

#: A title made from the first sentence is cut at a word boundary below this length.
MAX_DERIVED_TITLE = 100
_SENTENCE_END = re.compile(r"(?<=[a-z\d)\"”’])[.!?](?=\s|$)")


class PrepareMemo(Protocol):
    """Where `prepare` keeps what it worked out per document and per article (`kg.pipeline.cache`).

    Both are pure functions of their key, so a build over a grown corpus only splits the new
    documents and only shingles the new articles (issue #7).
    """

    def has_stories(self, keys: Sequence[str]) -> set[str]: ...
    def get_stories(self, keys: Sequence[str]) -> dict[str, list[StoryCopy]]: ...
    def put_stories(self, items: Iterable[tuple[str, list[StoryCopy]]]) -> None: ...
    def get_signatures(self, keys: Sequence[str]) -> dict[str, bytes]: ...
    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None: ...


#: Raw documents (or their story lists) looked up in the memo at a time.
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
    memo = memo if memo is not None else HeldMemo()
    plan = split_documents(raws, memo, rules=rules)
    return sorted(merge_documents(plan, memo), key=article_order)


@dataclass(frozen=True)
class Plan:
    """What the first pass over the input found: its `prepare_key` and each document's key."""

    key: str
    story_keys: list[str]
    reused: int


def split_documents(
    raws: Iterable[RawDocument], memo: PrepareMemo, *, rules: CleaningRules | None = None
) -> Plan:
    """Split every document not split before into `memo`, one chunk of documents at a time.

    Nothing of the input is held but the keys: documents stream from the readers, and their
    stories wait in `memo` for `merge_documents` (issue #7).
    """
    rules = rules or default_rules()
    story_keys: list[str] = []
    reused = 0
    pending = iter(raws)
    while chunk := list(itertools.islice(pending, MEMO_CHUNK)):
        keys = [story_key(raw, rules) for raw in chunk]
        known = memo.has_stories(keys)
        reused += sum(key in known for key in keys)
        memo.put_stories(
            (key, [_candidate(raw, story) for story in split_stories(
                raw.text, rules, split=raw.extent is None, known_title=raw.title)])
            for key, raw in zip(keys, chunk, strict=True) if key not in known
        )
        story_keys.extend(keys)
    return Plan(_prepare_key(story_keys), story_keys, reused)


def merge_documents(plan: Plan, memo: PrepareMemo) -> Iterator[Article]:
    """De-duplicate the stories of the documents `plan` lists; yield articles in no set order."""
    copies = _StoredCopies(plan.story_keys, memo)
    count = 0
    for article in merge_copies(copies, memo=memo):
        count += 1
        yield article
    logger.info("prepared %d article(s) from %d story copies in %d document(s) (%d split "
                "before)", count, copies.count, len(plan.story_keys), plan.reused)


class _StoredCopies:
    """Story copies by article id, read back from the memo one document at a time."""

    def __init__(self, story_keys: list[str], memo: PrepareMemo) -> None:
        self.memo = memo
        self.refs: dict[str, list[tuple[str, int]]] = {}
        self.count = 0
        for i in range(0, len(story_keys), MEMO_CHUNK):
            chunk = story_keys[i : i + MEMO_CHUNK]
            found = memo.get_stories(chunk)
            for key in chunk:
                for index, candidate in enumerate(self._found(found, key)):
                    self.refs.setdefault(candidate.article.id, []).append((key, index))
                    self.count += 1
        self._load = functools.lru_cache(maxsize=64)(self._document)

    def _document(self, key: str) -> list[StoryCopy]:
        return self._found(self.memo.get_stories([key]), key)

    @staticmethod
    def _found(found: dict[str, list[StoryCopy]], key: str) -> list[StoryCopy]:
        if key not in found:
            raise StoreError("the stories of an input document are gone from the build cache; "
                             "run `kg build` again, or with --no-cache")
        return found[key]

    def ids(self) -> list[str]:
        return sorted(self.refs)

    def text(self, article_id: str) -> str:
        key, index = self.refs[article_id][0]
        return self._load(key)[index].article.text

    def copies(self, article_id: str) -> list[StoryCopy]:
        return [self._load(key)[index] for key, index in self.refs[article_id]]


class HeldMemo:
    """A `PrepareMemo` in memory: what `prepare` uses when the build has no cache folder."""

    def __init__(self) -> None:
        self.stories: dict[str, list[StoryCopy]] = {}
        self.signatures: dict[str, bytes] = {}

    def has_stories(self, keys: Sequence[str]) -> set[str]:
        return {key for key in keys if key in self.stories}

    def get_stories(self, keys: Sequence[str]) -> dict[str, list[StoryCopy]]:
        return {key: self.stories[key] for key in keys if key in self.stories}

    def put_stories(self, items: Iterable[tuple[str, list[StoryCopy]]]) -> None:
        self.stories.update(items)

    def get_signatures(self, keys: Sequence[str]) -> dict[str, bytes]:
        return {key: self.signatures[key] for key in keys if key in self.signatures}

    def put_signatures(self, items: Iterable[tuple[str, bytes]]) -> None:
        self.signatures.update(items)


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


#: The modules whose code decides what `prepare` returns (hashed into every `story_key`).
#: The code prepared articles depend on: the ingest stage and the records and helpers it uses.
_PREPARE_CODE = ("kg.ingest", "kg.records", "kg.text", "kg.timewords")


def prepare_key(raws: Iterable[RawDocument], rules: CleaningRules | None = None) -> str:
    """Key what `prepare(raws, rules=rules)` returns: the raw documents, rules and code.

    It is a hash of the documents' `story_key`s (each covers the document, the rules and the
    code) and of the libraries the de-duplication leans on (datasketch's MinHash). A re-run
    over unchanged inputs can then reuse the prepared articles instead of de-duplicating
    again (issue #7). `split_documents` works out the same key as it goes.

    >>> raws = [RawDocument("a.txt", "Some text.")]
    >>> prepare_key(raws) == prepare_key(list(raws)), prepare_key(raws) == prepare_key([])
    (True, False)
    >>> prepare_key(raws) == split_documents(raws, HeldMemo()).key
    True
    """
    rules = rules or default_rules()
    return _prepare_key([story_key(raw, rules) for raw in raws])


def _prepare_key(story_keys: Iterable[str]) -> str:
    from importlib.metadata import version

    digest = hashlib.sha256(f"datasketch {version('datasketch')}\x1e".encode())
    for key in story_keys:
        digest.update(key.encode("ascii"))
    return digest.hexdigest()[:32]


@functools.cache
def _code_version() -> str:
    return source_hash(*_PREPARE_CODE)


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


def _candidate(raw: RawDocument, story: Story) -> StoryCopy:
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
    return StoryCopy(article, title_found=title is not None)
