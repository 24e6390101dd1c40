"""kg export: every format round-trips to a graph isomorphic to the build, from graph.nq or
from the store."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdf_helpers import make_corpus
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.errors import StoreError
from kg.rdf.dataset import build_dataset
from kg.rdf.export import FORMATS, export
from kg.rdf.store import write_outputs_rdf

PARSE = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
         "jsonld": "json-ld"}


def expected_union() -> rdflib.Graph:
    graph = rdflib.Graph()
    for named in build_dataset(make_corpus()).graphs():
        for triple in named:
            graph.add(triple)
    return graph


def parsed_union(path: Path, fmt: str) -> rdflib.Graph:
    if FORMATS[fmt][0].supports_datasets:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=PARSE[fmt])
        graph = rdflib.Graph()
        for named in dataset.graphs():
            for triple in named:
                graph.add(triple)
        return graph
    return rdflib.Graph().parse(path, format=PARSE[fmt])


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export")
    write_outputs_rdf(make_corpus(), path)
    return path


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_round_trips_to_an_isomorphic_graph(out: Path, fmt: str, tmp_path: Path) -> None:
    dest = export(out, fmt, tmp_path / f"g.{FORMATS[fmt][1]}")
    got, want = parsed_union(dest, fmt), expected_union()
    if not isomorphic(got, want):
        _, only_got, only_want = graph_diff(to_isomorphic(got), to_isomorphic(want))
        pytest.fail(f"only in export:\n{only_got.serialize(format='nt')}\n"
                    f"only in build:\n{only_want.serialize(format='nt')}")
    assert len(got) == len(want)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_export_trig_keeps_one_named_graph_per_article(out: Path, tmp_path: Path) -> None:
    dataset = rdflib.Dataset()
    dataset.parse(export(out, "trig", tmp_path / "g.trig"), format="trig")
    names = sorted(str(g.identifier).rsplit("/", 1)[1] for g in dataset.graphs() if len(g))
    assert names == ["a1", "a2", "corpus"]


def test_export_defaults_to_graph_ext_in_the_folder(out: Path) -> None:
    assert export(out, "ntriples", None) == out / "graph.nt"
    assert (out / "graph.nt").read_text(encoding="utf-8").count("\n") == len(expected_union())


def test_export_reads_graph_nq_without_a_store(tmp_path: Path) -> None:
    write_outputs_rdf(make_corpus(), tmp_path)
    (tmp_path / "store").unlink()
    dest = export(tmp_path, "turtle", tmp_path / "again.ttl")
    assert len(rdflib.Graph().parse(dest)) == len(expected_union())


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_falls_back_to_the_store_without_graph_nq(fmt: str, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    write_outputs_rdf(make_corpus(), folder)
    (folder / "graph.nq").unlink()
    dest = export(folder, fmt, tmp_path / f"g.{FORMATS[fmt][1]}")
    assert isomorphic(parsed_union(dest, fmt), expected_union())


def test_export_nquads_is_the_build_graph_nq_byte_for_byte(out: Path, tmp_path: Path) -> None:
    dest = export(out, "nquads", tmp_path / "copy.nq")
    assert dest.read_bytes() == (out / "graph.nq").read_bytes()
    assert export(out, "nquads", None) == out / "graph.nq"  # already there: left as it is
    assert dest.read_bytes() == (out / "graph.nq").read_bytes()


@pytest.mark.parametrize(
    ("fmt", "line"),
    [("turtle", "@prefix actor: <https://w3id.org/kg-news/id/actor/> ."),
     ("trig", "@prefix event: <https://w3id.org/kg-news/id/event/> .")],
)
def test_export_writes_the_data_prefixes_of_the_build_base(
        out: Path, tmp_path: Path, fmt: str, line: str) -> None:
    dest = export(out, fmt, tmp_path / f"g.{FORMATS[fmt][1]}")
    assert line in dest.read_text(encoding="utf-8").splitlines()


def test_export_rejects_an_unknown_format(out: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format 'rdfxml'; use one of turtle"):
        export(out, "rdfxml", None)


def test_export_never_writes_over_a_build_s_own_outputs(tmp_path: Path) -> None:
    from kg.errors import StoreError
    from kg.pipeline.output import write_outputs
    from kg.rdf.export import export

    # a built folder's visible names link into its published generation (issue #17)
    write_outputs(make_corpus(), tmp_path)
    ttl = tmp_path / "graph.ttl"
    target = ttl.resolve()
    assert export(tmp_path, "turtle") == ttl  # the build's own Turtle is the export
    assert ttl.is_symlink() and ttl.resolve() == target
    with pytest.raises(StoreError, match="graph.nq: an output of the build in .*--dest"):
        export(tmp_path, "ntriples", dest=tmp_path / "graph.nq")
    import pyoxigraph as ox

    lines = export(tmp_path, "ntriples").read_bytes().splitlines()
    assert len(lines) == len(list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE)))
