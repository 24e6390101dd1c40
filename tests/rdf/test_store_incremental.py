"""Incremental store updates (issue #7): the result always equals a fresh full build."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import os
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_helpers import make_corpus

from kg.rdf.store import open_store, write_outputs_rdf
from kg.rdf.store_update import write_nquads
from kg.records import Actor, Article, Corpus, SourceSpan

BASE = "https://example.org/id/"


def _article(number: int) -> Article:
    text = f"Officials of the river district number {number} met farmers about water rights."
    return Article(f"x{number:02d}", f"Water talks {number}", text,
                   (SourceSpan(f"in/x{number}.txt", 0, len(text)),),
                   publisher="Valley Courier", date=f"2024-05-{number:02d}")


def _corpus(extra: range = range(1, 9), **changes: object) -> Corpus:
    corpus = make_corpus()
    corpus = dataclasses.replace(corpus, articles=corpus.articles + tuple(map(_article, extra)))
    return dataclasses.replace(corpus, **changes)


def _renamed_actor(corpus: Corpus) -> tuple[Actor, ...]:
    first = dataclasses.replace(corpus.actors[0], mentions=corpus.actors[0].mentions + 5,
                                aliases=("Chilean", "Chileans"))
    return (first, *corpus.actors[1:])


CHANGES = {
    "add an article": lambda: _corpus(range(1, 10)),
    "remove an article": lambda: _corpus(range(1, 8)),
    "change the corpus graph": lambda: _corpus(actors=_renamed_actor(_corpus())),
    "edit an article": lambda: _corpus(articles=(
        *_corpus().articles[:-1],
        dataclasses.replace(_corpus().articles[-1], title="Water talks end"))),
}


def _quads(out_dir: Path) -> list[str]:
    store = open_store(out_dir)
    return sorted(str(quad) for quad in store)


def _fresh(corpus: Corpus, out_dir: Path) -> list[str]:
    report = write_outputs_rdf(corpus, out_dir, base=BASE)
    assert report["store"] == "full"
    return _quads(out_dir)


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    write_outputs_rdf(_corpus(), tmp_path / "out", base=BASE)
    return tmp_path / "out"


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_store_incremental_update_equals_a_full_build(out: Path, tmp_path: Path, change: str,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    corpus = CHANGES[change]()
    before = os.readlink(out / "store")
    with caplog.at_level(logging.INFO, logger="kg.rdf.store"):
        report = write_outputs_rdf(corpus, out, base=BASE)
    assert report["store"] == "incremental"
    assert "RDF: incremental update of store" in caplog.text
    assert os.readlink(out / "store") != before
    assert sorted(p.name for p in out.glob(".store-*")) == [os.readlink(out / "store")]
    assert _quads(out) == _fresh(corpus, tmp_path / "fresh")
    assert report["triples"] == len(_quads(out))
    assert (out / "graph.ttl").read_bytes() == (tmp_path / "fresh" / "graph.ttl").read_bytes()


def test_store_successive_incremental_updates_stay_exact(out: Path, tmp_path: Path) -> None:
    for extra in (range(1, 10), range(2, 10), range(2, 11)):
        assert write_outputs_rdf(_corpus(extra), out, base=BASE)["store"] == "incremental"
    assert _quads(out) == _fresh(_corpus(range(2, 11)), tmp_path / "fresh")


def test_store_incremental_then_unchanged_keeps_the_updated_store(out: Path) -> None:
    write_outputs_rdf(_corpus(range(1, 10)), out, base=BASE)
    store = os.readlink(out / "store")
    report = write_outputs_rdf(_corpus(range(1, 10)), out, base=BASE)
    assert (report["store"], os.readlink(out / "store")) == ("unchanged", store)


def _corrupt_stamp(out: Path) -> None:
    (out / ".kg-cache" / "rdf.json").write_text("{not json", encoding="utf-8")


def _delete_stamp(out: Path) -> None:
    (out / ".kg-cache" / "rdf.json").unlink()


def _old_stamp_format(out: Path) -> None:
    path = out / ".kg-cache" / "rdf.json"
    stamp = json.loads(path.read_text(encoding="utf-8"))
    del stamp["graphs"]
    path.write_text(json.dumps(stamp), encoding="utf-8")


def _link_elsewhere(out: Path) -> None:
    # as left by a build interrupted after the swap but before the stamp
    other = out / ".store-other"
    shutil.copytree(out / "store", other)
    os.symlink(other.name, out / "tmp-link")
    os.replace(out / "tmp-link", out / "store")


def _store_edited(out: Path) -> None:
    store = ox.Store(str(out / "store"))
    node = ox.NamedNode("https://example.org/stray")
    store.add(ox.Quad(node, node, node, node))
    store.flush()
    del store


def _delete_nquads(out: Path) -> None:
    (out / "graph.nq").unlink()


def _edit_nquads(out: Path) -> None:
    path = out / "graph.nq"
    text = path.read_text(encoding="utf-8")
    assert '"Chile"' in text
    path.write_text(text.replace('"Chile"', '"Chila"'), encoding="utf-8")


FALLBACKS = {
    "graph.nq deleted": (_delete_nquads, "no stamp of an intact earlier store and graph.nq"),
    "graph.nq edited": (_edit_nquads, "the previous graph.nq does not hold the graph <"),
    "corrupted stamp": (_corrupt_stamp, "no stamp of an intact earlier store"),
    "missing stamp": (_delete_stamp, "no stamp of an intact earlier store"),
    "stamp without graph digests": (_old_stamp_format, "no stamp of an intact earlier store"),
    "store link points elsewhere": (_link_elsewhere, "no stamp of an intact earlier store"),
    "store edited behind the stamp": (_store_edited, "does not hold the 345 quads its stamp"),
}


@pytest.mark.parametrize("damage", sorted(FALLBACKS))
def test_store_falls_back_to_a_full_rebuild(out: Path, tmp_path: Path, damage: str,
                                            caplog: pytest.LogCaptureFixture) -> None:
    spoil, reason = FALLBACKS[damage]
    spoil(out)
    corpus = _corpus(range(1, 10), actors=_renamed_actor(_corpus()))
    with caplog.at_level(logging.INFO, logger="kg.rdf.store"):
        report = write_outputs_rdf(corpus, out, base=BASE)
    assert report["store"] == "full"
    assert "RDF: full rebuild of store (" in caplog.text
    assert reason in caplog.text
    assert _quads(out) == _fresh(corpus, tmp_path / "fresh")
    assert sorted(p.name for p in out.glob(".store-*")) == [os.readlink(out / "store")]


def test_store_rebuilds_when_most_graphs_change(out: Path, tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    corpus = _corpus(range(20, 29))
    with caplog.at_level(logging.INFO, logger="kg.rdf.store"):
        report = write_outputs_rdf(corpus, out, base=BASE)
    assert report["store"] == "full"
    assert "(17 graph(s) new, changed or gone, against 11 in the store)" in caplog.text
    assert _quads(out) == _fresh(corpus, tmp_path / "fresh")


def test_store_rebuilds_when_the_base_changes(out: Path, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="kg.rdf.store"):
        report = write_outputs_rdf(_corpus(), out, base="https://example.org/other/")
    assert report["store"] == "full"
    assert "with these prefixes and pyoxigraph version" in caplog.text


def test_store_stamp_locates_each_graph_in_graph_nq(out: Path) -> None:
    stamp = json.loads((out / ".kg-cache" / "rdf.json").read_text(encoding="utf-8"))
    nquads = (out / "graph.nq").read_bytes()
    assert sorted(stamp["graphs"])[:3] == [f"{BASE}graph/a1", f"{BASE}graph/a2",
                                           f"{BASE}graph/corpus"]
    assert len(stamp["graphs"]) == 11
    assert {len(digest) for digest, _, _ in stamp["graphs"].values()} == {16}
    for name, (_, offset, length) in stamp["graphs"].items():
        lines = nquads[offset:offset + length].decode("utf-8").splitlines()
        assert {line.rsplit(" ", 2)[1] for line in lines} == {f"<{name}>"}
    assert sum(length for _, _, length in stamp["graphs"].values()) == len(nquads)


def _quad(graph: str, value: str) -> ox.Quad:
    node = ox.NamedNode(f"http://example.org/{graph}")
    return ox.Quad(node, ox.NamedNode("http://example.org/p"), ox.Literal(value), node)


def test_store_write_nquads_puts_only_changed_graphs_in_the_delta() -> None:
    before = write_nquads([_quad("g1", "a"), _quad("g2", "b")], io.BytesIO())
    delta = io.BytesIO()
    after = write_nquads([_quad("g1", "a"), _quad("g2", "c"), _quad("g3", "d")], io.BytesIO(),
                         known=before.graphs, delta=delta)
    lines = delta.getvalue().decode("utf-8").splitlines()
    assert [line.split()[2] for line in lines] == ['"c"', '"d"']
    assert [(name.rsplit("/", 1)[1], offset) for name, offset, _ in after.segments] == [
        ("g2", 0), ("g3", len(lines[0]) + 1)]
    assert after.graphs["http://example.org/g1"] == before.graphs["http://example.org/g1"]
    assert after.contiguous


def test_store_write_nquads_notices_a_graph_split_in_two() -> None:
    written = write_nquads([_quad("g1", "a"), _quad("g2", "b"), _quad("g1", "c")],
                           io.BytesIO())
    assert (written.contiguous, written.quads, len(written.graphs)) == (False, 3, 2)
