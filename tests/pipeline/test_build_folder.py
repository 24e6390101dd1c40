"""The output folder is one build at a time (issue #17): each build is published at once, with a
manifest that says which build it is, and a killed build leaves the previous one whole."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_helpers import make_corpus
from scale_corpus import make_articles, write_jsonl

from kg.pipeline import folder
from kg.pipeline.output import SHOWN, write_outputs

#: How long the kill loop may run, and how many builds it kills at most (the whole test must
#: stay well under a minute on a quiet machine).
KILL_BUDGET_S = 30.0
MAX_KILLS = 40
#: On a loaded machine the loop goes on past its budget until enough kills landed, up to this.
HARD_STOP_S = 150.0
#: Kills that must land while a build writes its outputs for the test to count as run.
MIN_WRITE_PHASE_KILLS = 4


def _entries(out: Path) -> set[str]:
    """What the folder holds, with the build and store folders' names masked."""
    masked = {".kg-build-*" if n.startswith(".kg-build-") else ".store-*"
              if n.startswith(".store-") else n for n in os.listdir(out)}
    return masked


def _assert_one_build(out: Path) -> dict[str, object]:
    """Check that every name the folder shows is the published build's, as its manifest says."""
    live = folder.current(out)
    assert live is not None
    assert folder.check(out) == []
    manifest = folder.read_manifest(out)
    assert manifest == folder.read_manifest(live)
    for name in manifest["files"]:
        assert (out / name).resolve() == (live / name).resolve(), name
    store = ox.Store.read_only(str(out / "store"))
    assert len(store) == manifest["rdf"]["triples"]  # type: ignore[index]
    lines = (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == manifest["input"]["articles"]  # type: ignore[index]
    return manifest


def test_build_folder_publishes_one_build_with_its_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    written = write_outputs(make_corpus(), out)
    manifest = _assert_one_build(out)
    assert manifest["build"] == written["build"]
    assert manifest["input"] == {"articles": 2,
                                 "sha256": folder.sha256_file(out / "articles.jsonl")}
    assert _entries(out) == {*SHOWN, "current", ".kg-cache", ".kg-build-*", ".store-*"}
    assert all(os.readlink(out / name) == f"current/{name}" for name in SHOWN)


def test_build_folder_rerun_keeps_store_and_turtle(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus = make_corpus()
    write_outputs(corpus, out)
    store, turtle = (out / "store").resolve(), (out / "graph.ttl").stat().st_ino
    second = write_outputs(corpus, out)
    assert second["rdf"]["store"] == "unchanged"
    assert ((out / "store").resolve(), (out / "graph.ttl").stat().st_ino) == (store, turtle)
    assert _assert_one_build(out)["build"] == second["build"]
    assert _entries(out) == {*SHOWN, "current", ".kg-cache", ".kg-build-*", ".store-*"}


def test_build_folder_next_run_removes_leftovers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    corpus = make_corpus()
    write_outputs(corpus, out)
    for name in (".kg-build-19990101T000000Z-dead00", ".store-0123456789ab"):
        (out / name).mkdir()
        (out / name / "graph.nq").write_text("partial")
    (out / ".graph.nq.x1y2.tmp").write_text("partial")
    (out / ".notes.tmp").write_text("the user's")
    os.symlink(".kg-build-19990101T000000Z-dead00", out / ".kg-link-abcdef")
    write_outputs(corpus, out)
    assert _entries(out) == {*SHOWN, "current", ".kg-cache", ".kg-build-*", ".store-*",
                             ".notes.tmp"}
    assert len(list(out.glob(".kg-build-*"))) == 1


@pytest.mark.parametrize(("name", "changed"), [("graph.html", "page"), ("stats.json", "stats")])
def test_build_folder_republish_keeps_the_build(tmp_path: Path, name: str, changed: str) -> None:
    from kg.pipeline.output import read_corpus, write_page, write_stats

    out = tmp_path / "out"
    first = write_outputs(make_corpus(), out)
    before = folder.read_manifest(out)
    if changed == "page":
        write_page(read_corpus(out), out, max_nodes=5)
    else:
        write_stats(read_corpus(out), out)
    after = _assert_one_build(out)
    assert after["build"] == first["build"]
    assert after["generation"] != before["generation"]
    assert list(after["updated"]) == [name]  # type: ignore[call-overload]
    assert {k: v for k, v in after["files"].items() if k != name} == {  # type: ignore[attr-defined]
        k: v for k, v in before["files"].items() if k != name}  # type: ignore[attr-defined]
    assert len(list(out.glob(".kg-build-*"))) == 1


def test_build_folder_adopts_an_older_layout(tmp_path: Path) -> None:
    from kg.rdf.store import write_outputs_rdf

    out = tmp_path / "out"
    corpus = make_corpus()
    write_outputs_rdf(corpus, out)  # the older layout: files in place, store -> .store-*
    (out / "articles.jsonl").write_text("{}\n")
    (out / ".graph.ttl.abc123.tmp").write_text("partial")
    written = write_outputs(corpus, out)
    assert written["rdf"]["store"] == "unchanged"
    _assert_one_build(out)
    assert _entries(out) == {*SHOWN, "current", ".kg-cache", ".kg-build-*", ".store-*"}


def test_build_folder_check_finds_a_replaced_name(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(make_corpus(), out)
    (out / "graph.ttl").unlink()
    (out / "graph.ttl").write_text("@prefix ex: <https://example.org/> .\n")
    (out / "current" / "stats.json").unlink()
    assert folder.check(out) == [
        "stats.json: does not match the manifest",
        f"{out / 'graph.ttl'}: not a link into current/ (replaced by another program?)",
    ]


def test_build_folder_refuses_a_second_writer(tmp_path: Path) -> None:
    from kg.errors import StoreError

    out = tmp_path / "out"
    with folder.locked(out), pytest.raises(StoreError, match="another kg run is writing"):
        write_outputs(make_corpus(), out)


# --- the hard way: real `kg build` processes killed while they write --------------------------


def _kg_build(source: Path, out: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kg", "--quiet", "build", str(source), "--out", str(out)]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _finish(source: Path, out: Path) -> float:
    """Run a build to the end; return how long its write phase took (from its build folder)."""
    before = set(out.glob(".kg-build-*")) if out.is_dir() else set()
    proc = _kg_build(source, out)
    started = None
    while proc.poll() is None:
        if started is None and out.is_dir() and set(out.glob(".kg-build-*")) - before:
            started = time.monotonic()
        time.sleep(0.005)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return time.monotonic() - started if started is not None else 0.0


def _published(out: Path) -> str:
    return str(folder.read_manifest(out)["build"])


def _kill_point(out: Path, previous: str, builds: set[Path], stores: set[Path]) -> str:
    """Where a killed build stopped, told by what it left: how far its build folder got."""
    if _published(out) != previous:
        return "published, killed while removing the previous build or exiting"
    names = [n for p in set(out.glob(".kg-build-*")) - builds for n in os.listdir(p)]
    point = f"{sum(not n.startswith('.') for n in names)} file(s) written"
    if any(n.endswith(".tmp") for n in names):
        point += ", one being written"
    if set(out.glob(".store-*")) - stores:
        point += ", a new store"
    return point


def _kill_during_write(source: Path, out: Path, delay: float) -> tuple[str | None, float]:
    """Start a build of `source` and SIGKILL it `delay` s into its write phase (from the moment
    its build folder appears). Return where it stopped (None if it finished first) and how long
    its write phase lasted up to publishing (or to its kill or its end)."""
    previous, live = _published(out), os.readlink(out / "current")
    builds, stores = set(out.glob(".kg-build-*")), set(out.glob(".store-*"))
    proc = _kg_build(source, out)
    while proc.poll() is None and not set(out.glob(".kg-build-*")) - builds:
        time.sleep(0.002)
    started = published = time.monotonic()
    while proc.poll() is None and time.monotonic() - started < delay:
        if os.readlink(out / "current") == live:
            published = time.monotonic()
        time.sleep(0.002)
    if proc.poll() is not None:
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
        return None, published - started
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return _kill_point(out, previous, builds, stores), time.monotonic() - started


@pytest.mark.slow
def test_build_folder_survives_kills_during_the_write_phase(tmp_path: Path, capsys) -> None:
    articles = make_articles(21, seed=41)
    sources = [write_jsonl(tmp_path / "in" / "a.jsonl", articles[:20]),
               write_jsonl(tmp_path / "in" / "b.jsonl", articles)]
    out = tmp_path / "out"
    # both inputs built once: their analyses are cached and their outputs known
    inputs = {}
    for source in sources:  # the second build's write phase, an incremental one, is timed
        lasted = [max(_finish(source, out), 0.05)]
        inputs[folder.read_manifest(out)["input"]["sha256"]] = (out / "articles.jsonl").read_bytes()
    rng = random.Random(17)
    points: dict[str, int] = {}
    start, turn, finished = time.monotonic(), 0, 0
    while sum(points.values()) < MAX_KILLS and time.monotonic() - start < HARD_STOP_S and (
            time.monotonic() - start < KILL_BUDGET_S
            or sum(points.values()) < MIN_WRITE_PHASE_KILLS):
        # a delay up to a little more than the write phase: builds that finish first teach the
        # loop how long it takes to publish on this machine
        point, took = _kill_during_write(sources[turn % 2], out,
                                         rng.uniform(0, sorted(lasted)[len(lasted) // 2] * 1.1))
        turn += 1
        if point is None:
            finished += 1
            lasted.append(took)
            continue
        points[point] = points.get(point, 0) + 1
        manifest = _assert_one_build(out)
        assert (out / "articles.jsonl").read_bytes() == inputs[manifest["input"]["sha256"]]  # type: ignore[index]
    with capsys.disabled():
        print(f"\nkill test: {turn} builds, {sum(points.values())} killed in the write phase at "
              f"{len(points)} distinct points, {finished} finished first (write phase "
              f"~{sorted(lasted)[len(lasted) // 2]:.2f} s):")
        for point, count in sorted(points.items()):
            print(f"  {count:3d} x {point}")
    assert sum(points.values()) >= MIN_WRITE_PHASE_KILLS
    # the next run completes the build and leaves nothing of the interrupted ones
    _finish(sources[0], out)
    manifest = _assert_one_build(out)
    assert (out / "articles.jsonl").read_bytes() == inputs[manifest["input"]["sha256"]]  # type: ignore[index]
    assert _entries(out) == {*SHOWN, "current", ".kg-cache", ".kg-build-*", ".store-*"}
    assert not [p for p in out.rglob("*.tmp")]
    assert json.loads((out / "stats.json").read_text(encoding="utf-8"))
