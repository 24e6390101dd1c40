"""The output folder of a build: its file names, writing every output, and reading it back.

The only module that knows what a built folder holds. `kg build` writes it through
`write_outputs`; `kg html`, `kg stats`, `kg export` and `kg push` read it back through
`read_corpus` (no re-extraction). The RDF files inside it (graph.nq, graph.ttl, store/) are
named and written by `kg.rdf.store`, which keeps them up to date incrementally.

Each build is written into a folder of its own and published at once (`kg.pipeline.folder`):
the names above are links into ``OUT/current/``, and ``manifest.json`` says which build they
show. `kg html` and `kg stats` publish the same build with the page or statistics rewritten.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from kg.atomic import atomic_write_lines, atomic_write_text
from kg.errors import StoreError
from kg.limits import Limits
from kg.ontology import Ontology
from kg.pipeline import folder
from kg.rdf.store import NQUADS, STORE, TURTLE
from kg.records import Actor, Article, ArticleAnalysis, Corpus, Event, Place, from_dict, to_dict
from kg.streams import (
    AnalysisSequence,
    ArticleSequence,
    RecordSequence,
    as_analyses,
    as_articles,
    dumps,
)

ARTICLES, ACTORS, EVENTS, PLACES, ANALYSES = (
    "articles.jsonl", "actors.jsonl", "events.jsonl", "places.jsonl", "analyses.jsonl"
)
STATS, PAGE, GRAPHML = "stats.json", "graph.html", "graph.graphml"
#: Every output of a build, in the order they are written.
OUTPUTS = (ARTICLES, ACTORS, PLACES, EVENTS, ANALYSES, NQUADS, STORE, TURTLE, STATS, GRAPHML, PAGE)
#: The names a built folder shows, each a link into its published build (``current/``).
SHOWN = (*OUTPUTS, folder.MANIFEST)


def write_jsonl(corpus: Corpus, out_dir: Path) -> dict[str, int]:
    """Write the JSONL interchange files (atomically, each); return lines per file."""
    actors = {a.id: a for a in corpus.actors}

    def actor_ref(actor_id: str | None) -> dict[str, Any] | None:
        if actor_id is None:
            return None
        actor = actors.get(actor_id)
        if actor is None:
            return {"id": actor_id, "label": actor_id, "qid": None, "type": None}
        return {"id": actor.id, "label": actor.label, "qid": actor.qid, "type": actor.type}

    def event_line(event: Event) -> str:
        data = to_dict(event)
        data["actors"] = [actor_ref(i) for i in event.actors]
        data["recipients"] = [actor_ref(i) for i in event.recipients]
        data["attributed_to"] = actor_ref(event.attributed_to)
        return dumps(data)

    by_article: dict[str, dict[str, str]] = {}
    for (article_id, key), target in corpus.links.items():
        by_article.setdefault(article_id, {})[key] = target

    def analysis_line(article_id: str, text: str) -> str:
        # `text` is a dumped JSON object: "links" is appended without decoding it
        links = dumps(dict(sorted(by_article.get(article_id, {}).items())))
        return f'{text[:-1]}, "links": {links}}}'

    analyses = as_analyses(corpus.analyses).texts()
    articles = as_articles(corpus.articles).texts()
    out_dir.mkdir(parents=True, exist_ok=True)
    plain = {ACTORS: corpus.actors, PLACES: corpus.places}
    return {
        ARTICLES: atomic_write_lines(out_dir / ARTICLES, articles),
        **{name: atomic_write_lines(out_dir / name, (dumps(to_dict(r)) for r in records))
           for name, records in plain.items()},
        EVENTS: atomic_write_lines(out_dir / EVENTS, (event_line(e) for e in corpus.events)),
        ANALYSES: atomic_write_lines(out_dir / ANALYSES, (analysis_line(*a) for a in analyses)),
    }


def read_corpus(out_dir: str | os.PathLike[str]) -> Corpus:
    """Read a built output folder back into a `Corpus` (no NLP).

    Actors, places and events are read at once; articles and analyses are `JsonlRecords`,
    read from their files when iterated, and the links are read when first asked for, so
    `kg html`, `kg stats` and `kg export` of a large folder do not hold its text. Every file
    is read from the build published when this is called, even if another is published later.
    """
    out_dir = Path(out_dir)
    out_dir = folder.current(out_dir) or out_dir
    if not (out_dir / ARTICLES).is_file():
        raise StoreError(
            f"{out_dir}: no {ARTICLES} here; run `kg build INPUT --out {out_dir}` first"
        )

    def event_from(data: dict[str, Any]) -> Event:
        data = dict(data)
        data["actors"] = [a["id"] for a in data["actors"]]
        data["recipients"] = [a["id"] for a in data["recipients"]]
        data["attributed_to"] = (data["attributed_to"] or {}).get("id")
        return from_dict(Event, data)

    def records(name: str, decode: Callable[[dict[str, Any]], Any]) -> JsonlRecords[Any]:
        return JsonlRecords(out_dir / name, decode)

    analyses_path = out_dir / ANALYSES
    return Corpus(
        articles=JsonlArticles(out_dir / ARTICLES, lambda d: from_dict(Article, d)),
        actors=tuple(records(ACTORS, lambda d: from_dict(Actor, d))),
        events=tuple(records(EVENTS, event_from)),
        places=tuple(records(PLACES, lambda d: from_dict(Place, d))),
        analyses=(JsonlAnalyses(analyses_path, lambda d: from_dict(ArticleAnalysis, d))
                  if analyses_path.is_file() else ()),
        links=_LinksFile(analyses_path),  # type: ignore[arg-type]
    )


R = TypeVar("R")


class JsonlRecords(RecordSequence[R]):
    """The records of a JSONL file of a built folder, read from the file when iterated.

    Opening scans the file once, checking that every line is a JSON object and noting where
    it starts (and its "id"); no record is held.
    """

    def __init__(self, path: Path, decode: Callable[[dict[str, Any]], R],
                 lines: list[tuple[int, str]] | None = None) -> None:
        self.path = path
        self.decode = decode
        if lines is None:
            lines = [] if not path.is_file() else [
                (offset, str(data.get("id", ""))) for offset, data in self._scan()]
        self.lines = lines  # (offset, id) of each record

    def _scan(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open("rb") as fh:
            offset = 0
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield offset, self._json(line, f"line {number}")
                offset += len(line)

    def _json(self, line: bytes, where: str) -> dict[str, Any]:
        try:
            data = json.loads(line)
        except ValueError as err:
            raise StoreError(f"{self.path} {where}: not valid JSON ({err}); rebuild the folder "
                             "with `kg build`") from err
        if not isinstance(data, dict):
            raise StoreError(f"{self.path} {where}: not a JSON object; rebuild the folder "
                             "with `kg build`")
        return data

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return list(self._read(self.lines[index]))
        return next(self._read([self.lines[index]]))

    def __iter__(self) -> Iterator[R]:
        return self._read(self.lines)

    def _read(self, lines: list[tuple[int, str]]) -> Iterator[R]:
        with self.path.open("rb") as fh:
            for offset, _ in lines:
                if fh.tell() != offset:
                    fh.seek(offset)
                yield self.decode(self._json(fh.readline(), f"byte {offset}"))

    def sorted_by_id(self) -> Any:
        """The same records, in the order of their "id": nothing is decoded."""
        return type(self)(self.path, self.decode, sorted(self.lines, key=lambda line: line[1]))


class JsonlArticles(JsonlRecords[Article], ArticleSequence):
    """The articles of a built folder's articles.jsonl, read from the file when iterated."""

    @property
    def ids(self) -> list[str]:
        return [article_id for _, article_id in self.lines]

    def select(self, ids: Iterable[str]) -> JsonlArticles:
        """The articles of `ids` (all present), in that order: nothing is read."""
        where = {line[1]: line for line in self.lines}
        return JsonlArticles(self.path, self.decode, [where[i] for i in ids])


class JsonlAnalyses(JsonlRecords[ArticleAnalysis], AnalysisSequence):
    """The analyses of a built folder's analyses.jsonl, read from the file when iterated."""


class _LinksFile(Mapping[tuple[str, str], str]):
    """(article id, local entity key) -> actor or place id, read from analyses.jsonl on use."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._links: dict[tuple[str, str], str] | None = None

    def _all(self) -> dict[tuple[str, str], str]:
        if self._links is None:
            self._links = {}
            for data in JsonlRecords(self.path, lambda d: d):
                for key, target in data.get("links", {}).items():
                    self._links[(data["article_id"], key)] = target
        return self._links

    def __getitem__(self, key: tuple[str, str]) -> str:
        return self._all()[key]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def write_outputs(
    corpus: Corpus,
    out_dir: str | os.PathLike[str],
    *,
    base: str | None = None,
    limits: Limits | None = None,
    max_nodes: int = 300,
    people: str = "fold",
    ontology: Ontology | None = None,
) -> dict[str, Any]:
    """Write every output of a build into `out_dir`; return what was written, for the report.

    `base` is the IRI base of the RDF (default `kg.rdf.iris.DEFAULT_BASE`); `max_nodes` and
    `people` shape the page (see `write_page`); `limits` caps the RDF size; `ontology` gives
    the event types' polarity and colour (default: the bundled ontology).

    The outputs are written into a new build folder and published at once, with a manifest
    (see `kg.pipeline.folder`); the report's ``"build"`` is the build id. Raise `StoreError`
    when another run is writing the folder.
    """
    from kg.rdf.iris import DEFAULT_BASE, check_base
    from kg.rdf.store import write_outputs_rdf

    base = check_base(base or DEFAULT_BASE)  # before anything is written
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    build_id = folder.new_id()
    with folder.locked(out_dir):
        _prepare(out_dir)
        live = folder.current(out_dir)
        build_dir = folder.stage(out_dir, build_id)
        try:
            written: dict[str, Any] = dict(write_jsonl(corpus, build_dir))
            written["rdf"] = write_outputs_rdf(corpus, build_dir, base=base, limits=limits,
                                               previous=live, stores=out_dir)
            stats = _write_stats(corpus, build_dir, graphml=build_dir / GRAPHML,
                                 ontology=ontology)
            written["html"] = _write_page(corpus, build_dir, max_nodes=max_nodes, people=people,
                                          stats=stats, ontology=ontology)
            manifest = folder.write_manifest(build_dir, {
                "build": build_id, **folder.stamp(),
                "input": {"articles": written[ARTICLES],
                          "sha256": folder.sha256_file(build_dir / ARTICLES)},
                "options": {"base": base, "max_nodes": max_nodes, "people": people},
                "rdf": {k: v for k, v in written["rdf"].items() if k != "files"},
            })
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        folder.publish(out_dir, build_dir, SHOWN)
        folder.clean(out_dir, SHOWN)
    written["build"] = manifest["build"]
    return written


def _prepare(out_dir: Path) -> None:
    """Remove what an interrupted run left; bring a folder of the older layout into this one."""
    from kg.rdf.store import carry_stamp

    folder.prepare(out_dir, SHOWN, carry=carry_stamp)


def _republish(out_dir: Path, corpus: Corpus, name: str, write: Callable[[Path], R],
               command: str) -> R | None:
    """Publish the folder's build again with the output `name` rewritten by `write`.

    Return what `write` returned, or None when `out_dir` is not a built folder of this
    layout (then the caller writes in place, as for any folder).
    """
    if folder.current(out_dir) is None:
        return None
    with folder.locked(out_dir):
        live = folder.current(out_dir)
        if live is None:
            return None
        source = getattr(corpus.articles, "path", None)
        if isinstance(source, Path) and source.parent.resolve() != live.resolve():
            raise StoreError(f"{out_dir}: another build was published while this one was read; "
                             "run the command again")
        build_dir = folder.derive(out_dir, live, [name])
        try:
            result = write(build_dir)
            manifest = folder.read_manifest(live)
            when = folder.stamp()["created"]
            updated = {**manifest.get("updated", {}), name: {"by": command, "at": when}}
            folder.write_manifest(build_dir, {**manifest, "updated": updated})
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        folder.publish(out_dir, build_dir, SHOWN)
        folder.clean(out_dir, SHOWN)
    return result


def write_stats(corpus: Corpus, out_dir: Path, *, graphml: Path | None = None,
                ontology: Ontology | None = None) -> dict[str, Any]:
    """Write ``stats.json`` into `out_dir` (and the network as GraphML to `graphml`); return
    the statistics.

    In a built folder, its build is published again with the new stats.json (and graph.graphml
    when `graphml` names the folder's own).
    """
    from kg.views.analytics import write_graphml

    out_dir = Path(out_dir)
    own = graphml is not None and graphml.absolute() == (out_dir / GRAPHML).absolute()
    stats = _republish(out_dir, corpus, STATS, lambda build_dir: _write_stats(
        corpus, build_dir, graphml=build_dir / GRAPHML if own else None, ontology=ontology),
        "kg stats")
    if stats is None:
        return _write_stats(corpus, out_dir, graphml=graphml, ontology=ontology)
    if graphml is not None and not own:
        write_graphml(corpus, graphml, ontology=ontology)
    return stats


def _write_stats(corpus: Corpus, out_dir: Path, *, graphml: Path | None = None,
                 ontology: Ontology | None = None) -> dict[str, Any]:
    from kg.views.analytics import compute_stats, write_graphml

    stats = compute_stats(corpus, ontology=ontology)
    atomic_write_text(out_dir / STATS, json.dumps(stats, ensure_ascii=False, indent=2))
    if graphml is not None:
        write_graphml(corpus, graphml, ontology=ontology)
    return stats


def write_page(corpus: Corpus, out_dir: Path, *, max_nodes: int = 300, people: str = "fold",
               since: str | None = None, stats: dict[str, Any] | None = None,
               ontology: Ontology | None = None) -> Any:
    """Write ``graph.html`` into `out_dir` (see `kg.views.page.write_html`); say what it drew.

    In a built folder, its build is published again with the new page.
    """
    def write(target: Path) -> Any:
        return _write_page(corpus, target, max_nodes=max_nodes, people=people, since=since,
                           stats=stats, ontology=ontology)

    out_dir = Path(out_dir)
    drawn = _republish(out_dir, corpus, PAGE, write, "kg html")
    return write(out_dir) if drawn is None else drawn


def _write_page(corpus: Corpus, out_dir: Path, *, max_nodes: int = 300, people: str = "fold",
                since: str | None = None, stats: dict[str, Any] | None = None,
                ontology: Ontology | None = None) -> Any:
    from kg.views.analytics import compute_stats
    from kg.views.page import write_html

    if stats is None:
        stats = compute_stats(corpus, ontology=ontology)
    return write_html(corpus, out_dir / PAGE, max_nodes=max_nodes, people=people, since=since,
                      stats=stats, ontology=ontology)


def push_folder(out_dir: Path, endpoint: str, *, base: str | None = None) -> Any:
    """Push a built folder's graph to a Graph Store Protocol `endpoint` (see `kg.rdf.push`).

    With `base`, IRIs are minted anew under that base from the folder's JSONL (the stored graph
    keeps the base it was built with).
    """
    from kg.rdf.push import push, rebased_store

    source = out_dir if base is None else rebased_store(iter_corpus_quads(out_dir, base))
    return push(source, endpoint)


def iter_corpus_quads(out_dir: Path, base: str) -> Iterator[Any]:
    """The quads of a built folder's corpus, minted under `base` (checked first)."""
    from kg.rdf.dataset import iter_quads
    from kg.rdf.iris import check_base

    check_base(base)
    return iter_quads(read_corpus(out_dir), base=base)
