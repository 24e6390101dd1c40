"""write_outputs_rdf: graph.nq, graph.ttl and the store, swapped in atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import rdflib
from rdf_helpers import make_corpus

from kg.errors import StoreError
from kg.rdf.store import open_store, open_target, write_outputs_rdf


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    write_outputs_rdf(make_corpus(), tmp_path, base="https://example.org/id/")
    return tmp_path


def test_store_writes_the_three_outputs_with_matching_counts(tmp_path: Path) -> None:
    counts = write_outputs_rdf(make_corpus(), tmp_path, base="https://example.org/id/")
    assert counts["graphs"] == 3
    assert counts["quads"] == counts["triples"]
    nquads = (tmp_path / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert len(nquads) == counts["quads"]
    turtle = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    assert len(turtle) == counts["triples"]
    assert len(open_store(tmp_path)) == counts["quads"]


def test_store_turtle_uses_readable_prefixes(out: Path) -> None:
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix actor: <https://example.org/id/actor/> ." in text
    assert "@prefix kg: <https://w3id.org/kg-news/ontology#> ." in text
    assert "actor:Q298" in text


def test_store_rebuild_swaps_the_store_and_leaves_no_stale_copy(out: Path) -> None:
    first = os.readlink(out / "store")
    write_outputs_rdf(make_corpus(), out, base="https://example.org/other/")
    second = os.readlink(out / "store")
    assert first != second
    assert sorted(p.name for p in out.glob(".store-*")) == [second]


def test_store_two_builds_write_identical_files(tmp_path: Path) -> None:
    write_outputs_rdf(make_corpus(), tmp_path / "a")
    write_outputs_rdf(make_corpus(), tmp_path / "b")
    for name in ("graph.nq", "graph.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_store_replaces_an_old_plain_store_folder(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "junk").write_text("x")
    write_outputs_rdf(make_corpus(), tmp_path)
    assert (tmp_path / "store").is_symlink()
    assert not list(tmp_path.glob(".store-old-*"))


def test_store_open_target_explains_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"neither store/ nor graph.nq here; run `kg build"):
        open_target(tmp_path)


def test_store_open_target_reads_an_rdf_file(out: Path) -> None:
    assert len(open_target(out / "graph.ttl")) == len(open_store(out))


def test_store_unchanged_rebuild_keeps_the_store_and_turtle(out: Path) -> None:
    store, turtle = os.readlink(out / "store"), (out / "graph.ttl").stat().st_mtime_ns
    counts = write_outputs_rdf(make_corpus(), out, base="https://example.org/id/")
    assert os.readlink(out / "store") == store
    assert (out / "graph.ttl").stat().st_mtime_ns == turtle
    assert counts["triples"] == len(open_store(out))


@pytest.mark.parametrize("damage", ["delete turtle", "edit turtle", "delete stamp"])
def test_store_unchanged_rebuild_repairs_a_damaged_output(out: Path, damage: str) -> None:
    expected = (out / "graph.ttl").read_bytes()
    store = os.readlink(out / "store")
    if damage == "delete turtle":
        (out / "graph.ttl").unlink()
    elif damage == "edit turtle":
        (out / "graph.ttl").write_text("# edited\n", encoding="utf-8")
    else:
        (out / ".kg-cache" / "rdf.json").unlink()
    write_outputs_rdf(make_corpus(), out, base="https://example.org/id/")
    assert (out / "graph.ttl").read_bytes() == expected
    assert os.readlink(out / "store") != store
