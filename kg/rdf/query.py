"""Run SPARQL over an output folder or an RDF file, and format the answers.

Queries see the union of all graphs as their default graph, and may use the prefixes of
`kg.rdf.iris.PREFIXES` (kg:, plover:, schema:, sem:, prov:, oa:...) without declaring them.
Shipped queries live in ``ontology/queries/NAME.rq``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import QueryError
from kg.paths import default_ontology_dir
from kg.rdf.iris import PREFIXES
from kg.rdf.store import open_target
from kg.text import fold

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
FORMATS = ("table", "csv", "json", "tsv", "xml")


@dataclass(frozen=True)
class QueryResult:
    """A query's answer: rows of terms for SELECT, a boolean for ASK, triples for CONSTRUCT.

    CONSTRUCT and DESCRIBE answers come as rows over the variables subject, predicate, object.
    `truncated` is True when `max_rows` cut the answer short.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    truncated: bool = False


def queries_dir() -> Path:
    """Return the folder of shipped named queries."""
    return default_ontology_dir() / "queries"


def list_queries() -> list[str]:
    """Return the names of the shipped queries (file names without .rq), sorted."""
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def resolve_query(text_or_name: str) -> str:
    """Return SPARQL text from a shipped query name, a path to a .rq file, or literal SPARQL.

    >>> resolve_query("SELECT * WHERE { ?s ?p ?o }")
    'SELECT * WHERE { ?s ?p ?o }'
    """
    candidate = text_or_name.strip()
    if re.fullmatch(r"[A-Za-z0-9_-]+", candidate):
        named = queries_dir() / f"{candidate}.rq"
        if named.is_file():
            return named.read_text(encoding="utf-8")
        raise QueryError(
            f"no shipped query named {candidate!r} in {queries_dir()}; known: "
            f"{', '.join(list_queries()) or '(none)'}; or pass SPARQL text or a .rq file"
        )
    if candidate.endswith(".rq") and "\n" not in candidate:
        path = Path(candidate)
        if not path.is_file():
            raise QueryError(f"{path}: no such query file")
        return path.read_text(encoding="utf-8")
    return text_or_name


_VALUES_BLOCK = r"VALUES\s+\?(\w+)\s*\{[^}]*\}"
#: every actor's label, paired with each name it answers to (its label and aliases)
_ACTOR_NAMES = ("SELECT ?label ?known WHERE { ?actor a kg:Actor ; rdfs:label ?label . "
                "{ ?actor rdfs:label ?known } UNION { ?actor skos:altLabel ?known } }")


def bind_values(sparql: str, values: Mapping[str, str | Sequence[str]]) -> str:
    """Set each ``VALUES ?name { ... }`` block of a parameterised query to the values given.

    >>> print(bind_values('SELECT * WHERE { VALUES ?name { "Norway" } }', {"name": "Türkiye"}))
    SELECT * WHERE { VALUES ?name { "Türkiye" } }
    >>> print(bind_values('SELECT * WHERE { VALUES ?n { "X" } }', {"n": ("A b", "C")}))
    SELECT * WHERE { VALUES ?n { "A b" "C" } }
    """
    settable = [m.group(1) for m in re.finditer(_VALUES_BLOCK, sparql)]
    for name, value in values.items():
        if name not in settable:
            raise QueryError(
                f"the query has no `VALUES ?{name} {{ ... }}` block to set; variables that can "
                f"be set: {', '.join(settable) or '(none)'}"
            )
        literals = " ".join(json.dumps(v, ensure_ascii=False)
                            for v in ((value,) if isinstance(value, str) else value))
        block = f"VALUES ?{name} {{ {literals} }}"
        pattern = re.compile(_VALUES_BLOCK.replace(r"(\w+)", re.escape(name)))
        sparql = pattern.sub(_constant(block), sparql, count=1)
    return sparql


def _constant(text: str) -> Callable[[re.Match[str]], str]:
    """Return a `re.sub` replacement that inserts `text` as is (no backslash processing)."""
    return lambda _match: text


def resolve_names(
    store: ox.Store, values: Mapping[str, str], *,
    spelling: Callable[[str], str | None] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Turn each value that names an actor in another spelling into the labels of those actors.

    A value some actor's label or alias already matches in any case (as the shipped queries
    compare) stays as given. Otherwise it is matched folded (accents, case, spacing), then
    through `spelling`, which maps a name to another one (the reference data's label for
    "Turkey" is "Türkiye"); a value that names no actor either way also stays as given.
    """
    known: dict[str, set[str]] = {}
    lowered: set[str] = set()
    for label, name in execute(store, _ACTOR_NAMES).rows:
        if isinstance(label, ox.Literal) and isinstance(name, ox.Literal):
            known.setdefault(fold(name.value), set()).add(label.value)
            lowered.add(name.value.lower())
    resolved = {}
    for var, value in values.items():
        labels: set[str] = set()
        if value.lower() not in lowered:
            other = spelling(value) if spelling else None
            labels = known.get(fold(value)) or known.get(fold(other or value), set())
        resolved[var] = tuple(sorted(labels)) or (value,)
    return resolved


def reference_spelling(ontology: Path | None = None) -> Callable[[str], str | None]:
    """Return a lookup from a name of a known country, organisation or group to its label."""
    from kg.extract.entities.gazetteer import load_gazetteer  # only needed for --var values

    gazetteer = load_gazetteer(ontology or default_ontology_dir())

    def label(name: str) -> str | None:
        found = gazetteer.lookup(name)
        # names only: a demonym or a capital ("Ankara") is not another name of the country
        return found[0].label if found and found[1] == "name" else None

    return label


def execute(
    store: ox.Store,
    sparql: str,
    *,
    max_rows: int | None = None,
    default_graph: Sequence[ox.NamedNode] | None = None,
    named_graphs: Sequence[ox.NamedNode] | None = None,
) -> QueryResult:
    """Run `sparql` on an open store; raise `QueryError` with the parser's message."""
    # pyoxigraph wants lists of its wider term unions (lists are invariant)
    defaults: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] | None = (
        None if default_graph is None else list(default_graph))
    named: list[ox.NamedNode | ox.BlankNode] | None = (
        None if named_graphs is None else list(named_graphs))
    try:
        answer = store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=default_graph is None,
            default_graph=defaults,
            named_graphs=named,
        )
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = _in_query_order(sparql, tuple(v.value for v in answer.variables))
            rows, truncated = _take(
                (tuple(solution[v] for v in variables) for solution in answer), max_rows
            )
            return QueryResult("select", variables, rows, truncated=truncated)
        rows, truncated = _take(((t.subject, t.predicate, t.object) for t in answer), max_rows)
        return QueryResult("graph", ("subject", "predicate", "object"), rows, truncated=truncated)
    except SyntaxError as err:
        raise QueryError(
            f"SPARQL syntax error: {err}; check the query at that line:column"
        ) from err
    except OSError as err:
        raise QueryError(f"the query failed while reading the store: {err}") from err


# strings, IRIs and comments are matched first so that a "?x" inside them is not a variable
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*"
    r"|(?P<select>\bSELECT\b(?:\s+(?:DISTINCT|REDUCED)\b)?\s*(?P<star>\*)?)"
    r"|[?$](?P<var>\w+)",
    re.IGNORECASE,
)


def _in_query_order(sparql: str, variables: tuple[str, ...]) -> tuple[str, ...]:
    """Order the columns of a ``SELECT *`` as their variables first appear in the query.

    Oxigraph sorts them by name (o, p, s); an explicit projection keeps its own order.

    >>> _in_query_order("SELECT * WHERE { ?s ?p ?o }", ("o", "p", "s"))
    ('s', 'p', 'o')
    >>> _in_query_order("SELECT ?o ?s WHERE { ?s ?p ?o }", ("o", "s"))
    ('o', 's')
    """
    first: dict[str, int] = {}
    star: bool | None = None
    for match in _TOKENS.finditer(sparql):
        if match.group("select") and star is None:
            star = match.group("star") is not None  # the outer SELECT comes first
        elif match.group("var"):
            first.setdefault(match.group("var"), len(first))
    if not star:
        return variables
    return tuple(sorted(variables, key=lambda v: first.get(v, len(first))))


def _take(rows: Any, limit: int | None) -> tuple[tuple[Any, ...], bool]:
    out: list[tuple[Any, ...]] = []
    for row in rows:
        if limit is not None and len(out) >= limit:
            return tuple(out), True
        out.append(row)
    return tuple(out), False


def run_query(
    target: Path,
    sparql: str,
    *,
    values: Mapping[str, str] | None = None,
    spelling: Callable[[str], str | None] | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """Run SPARQL on an output folder (its store/) or an RDF file (loaded in memory).

    `values` set the query's ``VALUES`` blocks, each resolved to actor labels by `resolve_names`
    (with `spelling` for names the graph does not hold).
    """
    store = open_target(Path(target))
    if values:
        sparql = bind_values(sparql, resolve_names(store, values, spelling=spelling))
    return execute(store, sparql, max_rows=max_rows)


# -- formatting ------------------------------------------------------------------------------


def format_result(result: QueryResult, fmt: str) -> str:
    """Format an answer as table, csv, json (SPARQL 1.1 JSON results), tsv or xml."""
    if fmt == "table":
        return _table(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "json":
        return json.dumps(to_json(result), ensure_ascii=False)
    if fmt == "xml":
        return _xml(result)
    raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(FORMATS)}")


def short(term: Term | None) -> str:
    """Show a term compactly: prefixed name for known namespaces, plain value for literals.

    >>> from kg.rdf.iris import KG
    >>> short(ox.NamedNode(KG + "denied"))
    'kg:denied'
    >>> short(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    '3'
    """
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            local = term.value[len(namespace):]
            if term.value.startswith(namespace) and re.fullmatch(r"[\w.-]*", local):
                return f"{prefix}:{local}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _table(result: QueryResult) -> str:
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    header = list(result.variables)
    body = [[short(t) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "-+-".join("-" * w for w in widths)]
    lines += [" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''}"
                 f"{', truncated' if result.truncated else ''})")
    return "\n".join(lines)


def _plain(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else str(term)


def _csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: plain values, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
    return buffer.getvalue()


def _tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results: terms in N-Triples/Turtle syntax."""
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def term_json(term: Term) -> dict[str, Any]:
    """Return a term in SPARQL 1.1 JSON results form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        data: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            data["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            data["datatype"] = term.datatype.value
        return data
    return {"type": "triple", "value": {
        "subject": term_json(term.subject), "predicate": term_json(term.predicate),
        "object": term_json(term.object)}}


def to_json(result: QueryResult) -> dict[str, Any]:
    """Return the answer as a SPARQL 1.1 Query Results JSON document."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [
        {v: term_json(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}


def _xml(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>"
                                      for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.variables, row, strict=True) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                f"{escape(term.value)}</literal>")
    return f"<literal>{escape(str(term))}</literal>"
