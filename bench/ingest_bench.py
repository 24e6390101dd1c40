"""Benchmark ingestion and preparation: big files, many tiny stories, a long line, 20k articles.

Run: python bench/ingest_bench.py  (prints one line per case; no assertion on time)
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from pathlib import Path

from kg.ingest.prepare import prepare
from kg.ingest.read import read_paths

WORDS = [
    "minister", "talks", "border", "trade", "agreement", "council", "city", "port", "army",
    "court", "election", "government", "officials", "said", "would", "reopen", "meeting",
    "sanctions", "aid", "ceasefire",
]


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def timed(label: str, paths: list[Path]) -> None:
    start = time.perf_counter()
    raws = list(read_paths(paths, on_skip=lambda p, r: None))
    read = time.perf_counter() - start
    articles = prepare(raws)
    total = time.perf_counter() - start
    print(f"{label:<42} read {read:6.2f}s  read+prepare {total:6.2f}s  "
          f"{len(raws):>6} docs -> {len(articles):>6} articles")


def main() -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        big = root / "big.txt"
        with big.open("w", encoding="utf-8") as out:
            while out.tell() < 50_000_000:
                out.write(f"Headline {rng.randrange(10**9)} Here\n\n")
                out.write("\n\n".join(paragraph(rng, 60) for _ in range(8)) + "\n\n\n")
        timed("one 50 MB text file of stories", [big])

        tiny = root / "tiny.txt"
        tiny.write_text("\n\n\n".join(f"Headline Number {i} Here\n\n{paragraph(rng, 12)}"
                                      for i in range(10_000)), encoding="utf-8")
        timed("10,000 tiny stories in one file", [tiny])

        wide = root / "wide.txt"
        wide.write_text(paragraph(rng, 160_000), encoding="utf-8")
        timed("one 1 MB line", [wide])

        feed = root / "feed.jsonl"
        bodies = ["\n\n".join(paragraph(rng, 40) for _ in range(6)) for _ in range(15_000)]
        with feed.open("w", encoding="utf-8") as out:
            for i in range(20_000):
                body = bodies[i % len(bodies)]  # a quarter of the records are copies
                if i >= len(bodies):
                    body = body.replace(".", " .").replace("  ", " ")
                out.write(json.dumps({"title": f"Story {i % len(bodies)}", "text": body}) + "\n")
        timed("20,000 JSONL records (5,000 near-copies)", [feed])


if __name__ == "__main__":
    sys.exit(main())
