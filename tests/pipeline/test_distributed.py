"""Dask: a build on a two-worker LocalCluster gives exactly the local build's outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from scale_corpus import make_articles, write_jsonl

from kg.errors import SchedulerError
from kg.pipeline.workers import run_ordered


def test_distributed_run_ordered_keeps_order_and_bounds_work_in_flight() -> None:
    pending: set[int] = set()
    most = 0

    def submit(item: int) -> int:
        nonlocal most
        pending.add(item)
        most = max(most, len(pending))
        return item * item

    def wait(item: int, future: int) -> int:
        pending.discard(item)
        return future

    got = list(run_ordered(range(10), submit, wait, max_in_flight=3))
    assert got == [(i, i * i) for i in range(10)]
    assert most == 3


def test_distributed_run_ordered_cancels_pending_work_when_stopped() -> None:
    cancelled: list[str] = []
    results = run_ordered("abcdef", str.upper, lambda item, future: future, max_in_flight=3,
                          cancel=cancelled.append)
    assert next(results) == ("a", "A")
    results.close()
    assert cancelled == ["B", "C"]


def test_distributed_unreachable_scheduler_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    from kg.pipeline.distributed import run_on_dask

    monkeypatch.setattr("kg.pipeline.distributed.CONNECT_TIMEOUT", 1)
    batches = run_on_dask([[]], 1, scheduler="tcp://127.0.0.1:9", model=None,
                          ontology_dir=Path("ontology"), batch_size=4)
    with pytest.raises(SchedulerError, match=r"^tcp://127.0.0.1:9: cannot reach the Dask "
                                             r"scheduler .*--scheduler local"):
        next(batches)


@pytest.mark.slow
def test_distributed_local_cluster_build_equals_local_build(tmp_path: Path) -> None:
    import rdflib.compare

    from kg.pipeline.compose import build
    from kg.pipeline.output import write_jsonl as write_corpus_jsonl

    source = write_jsonl(tmp_path / "in" / "news.jsonl", make_articles(20, seed=5))
    local = build([source], out_dir=tmp_path / "local")
    on_dask = build([source], out_dir=tmp_path / "dask", scheduler="local", n_process=2,
                    batch_size=4)
    assert (on_dask.report.new, on_dask.report.failed) == (20, 0)
    written = {}
    for name, result in (("local", local), ("dask", on_dask)):
        write_corpus_jsonl(result.corpus, tmp_path / name)
        written[name] = {
            f: (tmp_path / name / f).read_text() for f in
            ("articles.jsonl", "actors.jsonl", "events.jsonl", "analyses.jsonl")
        }
    assert written["dask"] == written["local"]
    assert written["local"]["events.jsonl"].count("\n") == len(local.events) > 0
    graphs = {name: {str(g.identifier): g for g in result.graph().graphs()}
              for name, result in (("local", local), ("dask", on_dask))}
    assert sorted(graphs["dask"]) == sorted(graphs["local"])
    assert len(graphs["local"]) > len(local.articles)  # one named graph per article, + default
    for name, graph in graphs["local"].items():
        assert rdflib.compare.isomorphic(graphs["dask"][name], graph), name
