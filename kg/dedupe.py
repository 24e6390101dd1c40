"""Collapse copies of the same story (other quotes, spacing, captions, boilerplate) into one.

Candidates come from MinHash LSH (datasketch) over word 5-gram shingles of the folded text, so
the work stays near-linear in the number of articles; every candidate pair is then verified by
exact Jaccard similarity. Copies form connected components, and the result depends only on the
articles, never on their order.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.clean import line_key
from kg.records import Article, SourceSpan

SHINGLE = 5
NUM_PERM = 128
#: Pairs at or above this Jaccard similarity are the same story.
SAME_STORY = 0.8
#: ...and so are pairs where one copy holds nearly all of the other (an extra caption, a
#: trimmed last paragraph), as long as they still share this much overall.
CONTAINED, CONTAINED_JACCARD = 0.9, 0.5
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article before de-duplication, with whether its title was found in the input."""

    article: Article
    title_found: bool = True


def fold_for_hash(text: str) -> str:
    """The normal form an article id is a hash of: case, quote styles and spacing folded.

    >>> fold_for_hash("He said: “Yes.”\\n\\n  Done") == fold_for_hash('he said: "yes." done')
    True
    """
    return line_key(text)


def shingles(text: str) -> frozenset[int]:
    """Hashes of the word 5-grams of the folded text (the whole text when shorter).

    >>> len(shingles("one two three four five six")), len(shingles("one two"))
    (2, 1)
    """
    words = _WORDS.findall(fold_for_hash(text))
    if len(words) <= SHINGLE:
        return frozenset({zlib.crc32(" ".join(words).encode("utf-8"))})
    return frozenset(
        zlib.crc32(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
        for i in range(len(words) - SHINGLE + 1)
    )


def similar(left: frozenset[int], right: frozenset[int]) -> bool:
    """Whether two shingle sets are copies of one story."""
    shared = len(left & right)
    if not shared:
        return False
    jaccard = shared / (len(left) + len(right) - shared)
    contained = shared / min(len(left), len(right))
    return jaccard >= SAME_STORY or (contained >= CONTAINED and jaccard >= CONTAINED_JACCARD)


def deduplicate(candidates: Sequence[Candidate]) -> list[Article]:
    """Merge copies of a story into one article listing every source; order-independent."""
    from datasketch import MinHash, MinHashLSH

    groups: dict[str, list[Candidate]] = {}
    for candidate in candidates:
        groups.setdefault(candidate.article.id, []).append(candidate)
    ids = sorted(groups)
    parent = {key: key for key in ids}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    if len(ids) > 1:
        lsh = MinHashLSH(threshold=CONTAINED_JACCARD, num_perm=NUM_PERM)
        sets = {}
        # Permutations are drawn once (datasketch would redraw them for every signature).
        template = MinHash(num_perm=NUM_PERM, seed=1)
        for key in ids:
            sets[key] = shingles(groups[key][0].article.text)
            signature = MinHash(num_perm=NUM_PERM, hashfunc=_identity,
                                permutations=template.permutations, scheme=template.scheme)
            signature.update_batch(sorted(sets[key]))
            for other in lsh.query(signature):
                if similar(sets[key], sets[other]):
                    low, high = sorted((find(key), find(other)))
                    parent[high] = low
            lsh.insert(key, signature)
    components: dict[str, list[Candidate]] = {}
    for key in ids:
        components.setdefault(find(key), []).extend(groups[key])
    merged = [_merge(members) for members in components.values()]
    return sorted(merged, key=lambda a: (a.sources[0].path, a.sources[0].start, a.id))


def _identity(value: int) -> int:
    return value


def _merge(members: list[Candidate]) -> Article:
    """One article from its copies: the longest body (then smallest id), metadata from any."""
    # nearly every article has one copy: the ranking key counts every letter (issue #7)
    ranked = members if len(members) == 1 else sorted(members, key=lambda c: (
        -len(c.article.text), c.article.id, not c.title_found,
        -sum(ch.islower() for ch in c.article.title + c.article.text), c.article.title,
        [(s.path, s.start, s.end) for s in c.article.sources]))
    canonical = ranked[0].article
    titled = next((c.article.title for c in ranked if c.title_found), canonical.title)
    dated = [c.article for c in ranked if c.article.date]
    best_date = min(dated, key=lambda a: _PRECISION.get(a.date_precision or "", 3), default=None)
    sources: set[SourceSpan] = {s for c in members for s in c.article.sources}
    return replace(
        canonical,
        title=titled,
        sources=tuple(sorted(sources, key=lambda s: (s.path, s.start, s.end))),
        publisher=next((c.article.publisher for c in ranked if c.article.publisher), None),
        date=best_date.date if best_date else None,
        date_precision=best_date.date_precision if best_date else None,
        url=next((c.article.url for c in ranked if c.article.url), None),
    )


_PRECISION = {"day": 0, "month": 1, "year": 2}
