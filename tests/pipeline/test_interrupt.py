"""Interrupted builds (issue #8): Ctrl-C or a hard kill leaves the previous outputs intact, and
the next run resumes from the cache and writes what an uninterrupted build writes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_corpus import make_articles, write_jsonl

from kg.pipeline import folder

pytestmark = pytest.mark.slow

FIRST = 12
MORE = 60
COMPARED = ("articles.jsonl", "actors.jsonl", "events.jsonl")
# Every file a build writes; the interrupted run must leave each one as it was.
KEPT = (*COMPARED, "graph.ttl", "graph.nq", "graph.html", "stats.json", "manifest.json")
SUMMARY = re.compile(r"(\d+) new, (\d+) cached")


def _kg_build(inputs: list[Path], out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out),
               "--batch-size", "2"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(inputs: list[Path], out: Path) -> tuple[int, int]:
    """Run a build to the end; return (new, cached) from its summary line."""
    proc = _kg_build(inputs, out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    match = SUMMARY.search(err)
    assert match, err
    return int(match[1]), int(match[2])


def _cached_rows(out: Path) -> int:
    path = out / ".kg-cache" / "analyses.sqlite"
    if not path.is_file():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT count(*) FROM analyses").fetchone()[0])
    except sqlite3.OperationalError:  # the writer is creating the table right now
        return 0


def _snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in KEPT}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Inputs, a folder holding a finished build of the first file, and the reference
    outputs of an uninterrupted build of both files."""
    root = tmp_path_factory.mktemp("interrupt")
    articles = make_articles(FIRST + MORE, seed=23)
    inputs = [write_jsonl(root / "in" / "first.jsonl", articles[:FIRST]),
              write_jsonl(root / "in" / "more.jsonl", articles[FIRST:])]
    previous = root / "previous"
    assert _finish(inputs[:1], previous) == (FIRST, 0)
    reference = root / "reference"
    assert _finish(inputs, reference) == (FIRST + MORE, 0)
    return {
        "root": root, "inputs": inputs, "previous": previous,
        "reference": {name: (reference / name).read_text() for name in COMPARED},
    }


@pytest.mark.parametrize(
    ("sig", "after_rows"),
    [
        (signal.SIGINT, FIRST + 6),  # Ctrl-C in the middle of the NLP stage
        (signal.SIGKILL, FIRST + 6),  # hard kill once some new analyses are committed
        (signal.SIGKILL, None),  # hard kill during start-up, before any new work
    ],
    ids=["sigint-mid-nlp", "sigkill-mid-nlp", "sigkill-at-start"],
)
def test_interrupt_keeps_outputs_and_resumes(runs, tmp_path: Path, sig: int,
                                             after_rows: int | None) -> None:
    out = tmp_path / "out"
    shutil.copytree(runs["previous"], out, symlinks=True)
    before = _snapshot(out)
    build = folder.read_manifest(out)["build"]
    proc = _kg_build(runs["inputs"], out)
    try:
        if after_rows is None:
            time.sleep(0.3)
        else:
            while _cached_rows(out) < after_rows:
                assert proc.poll() is None, "the build ended before it could be interrupted"
                time.sleep(0.02)
        os.kill(proc.pid, sig)
        proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    # the previous outputs are untouched and still parse
    assert _snapshot(out) == before
    assert folder.check(out) == []
    assert folder.read_manifest(out)["build"] == build
    for line in (out / "events.jsonl").read_text().splitlines():
        json.loads(line)
    committed = _cached_rows(out)
    if after_rows is not None:
        assert committed >= after_rows
    new, cached = _finish(runs["inputs"], out)
    assert cached == committed
    assert new + cached == FIRST + MORE
    assert {name: (out / name).read_text() for name in COMPARED} == runs["reference"]
    # one build folder, one store: nothing of the interrupted run is left
    assert folder.check(out) == []
    hidden = sorted(re.sub(r"^(\.kg-build-|\.store-).+", r"\1*", p.name) for p in out.glob(".*"))
    assert hidden == [".kg-build-*", ".kg-cache", ".store-*"]
