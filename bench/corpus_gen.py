"""Make a large benchmark corpus of distinct articles from real news sentences.

The sentences come from the ECB+ and MEANTIME stories (``/work/shared/corpus/*.jsonl``, CC BY
3.0 / CC BY 2.5, see that folder's README). Each generated article takes one real headline and
eight to sixteen body sentences of the same topic, dealt from a shuffled pool so that two
articles rarely share a sentence: the texts are real prose, every article is distinct, and the
near-duplicate filter of `kg build` keeps them all. The output is JSONL that `kg build` reads
(``id``, ``title``, ``text``, ``date``, ``publisher``). The same seed gives the same file.

Example::

    python bench/corpus_gen.py --size 5000 --out bench/results/corpus-5k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DEFAULT_SOURCES = (
    Path("/work/shared/corpus/ecbplus.jsonl"),
    Path("/work/shared/corpus/meantime_en.jsonl"),
)
# A body line is prose when it is long enough and ends like a sentence (not a dateline,
# byline or caption).
_PROSE = re.compile(r"[.!?\"'\u201d]\s*$")
_MIN_SENTENCE = 40
_FIRST_DAY = date(2013, 1, 1)


@dataclass
class Topic:
    """The headlines and body sentences of one topic, and a shuffled cursor over them."""

    name: str
    publisher: str
    headlines: list[str]
    sentences: list[str]
    cursor: int = 0


def load_topics(sources: Sequence[Path]) -> list[Topic]:
    """Group the real stories' headlines and prose sentences by topic."""
    topics: dict[str, Topic] = {}
    for source in sources:
        with source.open(encoding="utf-8") as fh:
            for line in fh:
                story = json.loads(line)
                lines = [s.strip() for s in story["text"].split("\n") if s.strip()]
                if not lines:
                    continue
                name = f"{source.stem}:{story.get('topic', 0)}"
                publisher = "Wikinews" if "meantime" in source.stem else "ECB+ news"
                topic = topics.setdefault(name, Topic(name, publisher, [], []))
                topic.headlines.append(story.get("title") or lines[0])
                topic.sentences.extend(
                    s for s in lines[1:] if len(s) >= _MIN_SENTENCE and _PROSE.search(s)
                )
    return [t for t in sorted(topics.values(), key=lambda t: t.name) if len(t.sentences) >= 16]


def generate(size: int, *, seed: int = 7,
             sources: Sequence[Path] = DEFAULT_SOURCES) -> Iterator[dict[str, str]]:
    """Yield `size` distinct article records, the same ones for the same seed and sources."""
    rng = random.Random(seed)
    topics = load_topics(sources)
    if not topics:
        raise SystemExit(f"no usable stories in {', '.join(map(str, sources))}")
    for topic in topics:
        rng.shuffle(topic.sentences)
    seen: set[tuple[str, ...]] = set()
    made = 0
    while made < size:
        topic = rng.choice(topics)
        body = tuple(_deal(topic, rng.randint(8, 16), rng))
        if body in seen:
            continue
        seen.add(body)
        made += 1
        day = _FIRST_DAY + timedelta(days=rng.randrange(3 * 365))
        yield {
            "id": f"bench-{seed}-{made:06d}",
            "title": rng.choice(topic.headlines),
            "text": "\n".join(body),
            "date": day.isoformat(),
            "publisher": topic.publisher,
        }


def _deal(topic: Topic, count: int, rng: random.Random) -> Iterator[str]:
    """Deal `count` sentences from the topic's pool, reshuffling when it runs out."""
    for _ in range(count):
        if topic.cursor >= len(topic.sentences):
            rng.shuffle(topic.sentences)
            topic.cursor = 0
        yield topic.sentences[topic.cursor]
        topic.cursor += 1


def write_corpus(path: Path, size: int, *, seed: int = 7,
                 sources: Sequence[Path] = DEFAULT_SOURCES) -> int:
    """Write `size` articles to `path` as JSONL (via a temporary file); return the word count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    words = 0
    with tmp.open("w", encoding="utf-8") as fh:
        for record in generate(size, seed=seed, sources=sources):
            words += len(record["text"].split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return words


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="articles to write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, action="append",
                        help="JSONL stories to recombine (default: ECB+ and MEANTIME)")
    args = parser.parse_args(argv)
    words = write_corpus(args.out, args.size, seed=args.seed,
                         sources=tuple(args.source or DEFAULT_SOURCES))
    print(f"{args.out}: {args.size} articles, {words} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
