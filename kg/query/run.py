"""Run a SPARQL query on ``OUT/store`` and render the answer as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.ids import normalized_base
from kg.namespaces import NAMESPACES
from kg.query.datatypes import retyped
from kg.query.sparql_text import declares_dataset

STORE_DIR = "store"
FORMATS = ("table", "csv", "tsv", "json")
TABLE_CELL = 80  # characters of a literal shown in a table cell; longer ones end in "…"
ERROR_CHARS = 300  # of a parser message (one lists whole Unicode classes)
# the prefixes a query may use without declaring them (its own PREFIX lines win)
STANDARD_PREFIXES = ("sg", "sgsh", "rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "nif", "wd", "schema")


@dataclass(frozen=True)
class QueryResult:
    """A SELECT answer (variables + rows), an ASK answer (boolean) or a graph (triples)."""

    variables: tuple[str, ...] = ()
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()


def open_store(out_dir: str | Path) -> ox.Store:
    """The build's store, read-only (after finishing a publication a stopped build began)."""
    from kg.publish import recover_if_idle

    recover_if_idle(Path(out_dir))
    path = Path(out_dir) / STORE_DIR
    if not path.is_dir():
        raise StoreError(f"{out_dir}: no store here (run 'kg build ... -o {out_dir}' first)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise StoreError(f"{path}: cannot open the store: {err}") from err


def default_prefixes(base: str | None = None) -> dict[str, str]:
    """The prefixes ``kg query`` declares for a query: the ontology's and the standard
    vocabularies', and the build's id space (``id:``, with ``actor:`` and ``doc:`` under it)."""
    base = normalized_base(base)
    prefixes = {name: str(NAMESPACES[name]) for name in STANDARD_PREFIXES}
    prefixes.update({"id": base, "actor": base + "actor/", "doc": base + "doc/"})
    return prefixes


_PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)
# a prefixed name outside IRIs, strings and comments (removed first)
_PREFIXED = re.compile(r"(?<![\w?$])([A-Za-z][\w.-]*)?:(?=[\w%\\])")
_NOT_CODE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
                       r'|<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')


def _undeclared(sparql: str, prefixes: dict[str, str]) -> list[str]:
    code = _NOT_CODE.sub(" ", sparql)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(code)} | set(prefixes)
    used = {m.group(1) or "" for m in _PREFIXED.finditer(code)}
    return sorted(used - declared)


def run_query(store: ox.Store, sparql: str, prefixes: dict[str, str] | None = None) -> QueryResult:
    """Answer ``sparql`` over the union of the store's graphs, or over the dataset it names
    with ``FROM`` / ``FROM NAMED``; ``prefixes`` are declared for it unless it declares them
    itself (default: ``default_prefixes()``)."""
    prefixes = default_prefixes() if prefixes is None else prefixes
    try:
        answer = store.query(sparql, prefixes=prefixes, use_default_graph_as_union=not declares_dataset(sparql))
    except SyntaxError as err:
        unknown = _undeclared(sparql, prefixes)
        if unknown:
            names = ", ".join(f"{u}:" for u in unknown)
            raise QueryError(f"malformed SPARQL: the prefix {names} is not declared; add a line "
                             f"'PREFIX {unknown[0]}: <...>' (declared for you: "
                             f"{', '.join(sorted(prefixes))})") from err
        message = str(err).splitlines()[0] if str(err) else type(err).__name__
        if len(message) > ERROR_CHARS:
            message = message[:ERROR_CHARS] + "…"
        raise QueryError(f"malformed SPARQL: {message}") from err
    except OSError as err:
        raise QueryError(f"query failed: {err}") from err
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(solution[v] for v in variables) for solution in answer)
        return QueryResult(variables=variables, rows=rows)
    return QueryResult(triples=tuple(retyped(answer)))


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in NAMESPACES.items():
            ns = str(namespace)
            if term.value.startswith(ns) and "/" not in term.value[len(ns):]:
                return f"{prefix}:{term.value[len(ns):]}"
        return term.value
    return term.value


def _plain(term) -> str:
    return "" if term is None else term.value


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if fmt == "json" else str(result.boolean).lower()
    if result.triples:
        return ox.serialize(list(result.triples), format=ox.RdfFormat.TURTLE, prefixes={k: str(v) for k, v in NAMESPACES.items()}).decode("utf-8")
    if fmt == "tsv":  # SPARQL 1.1 Query Results TSV: terms in their N-Triples form
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines.extend("\t".join("" if t is None else str(t) for t in row) for row in result.rows)
        return "\n".join(lines) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, as SPARQL's CSV results
        writer.writerow(result.variables)
        writer.writerows([_plain(t) for t in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":  # SPARQL 1.1 Query Results JSON
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
            for row in result.rows
        ]
        return json.dumps(
            {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}},
            ensure_ascii=False, indent=1,
        )
    cells = [[_cell(t) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.variables)]

    def line(values):
        return " | ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(result.variables), "-+-".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    out.append(f"({len(cells)} rows)")
    return "\n".join(out)


def _cell(term) -> str:
    """A table cell: an IRI whole (a copied IRI must be right), a literal on one line and at
    most TABLE_CELL characters, a cut one ending in "…"."""
    shown = _short(term)
    if isinstance(term, ox.NamedNode):
        return shown
    shown = " ".join(shown.split()) if any(c in shown for c in "\n\r\t\x0b\x0c") else shown
    return shown if len(shown) <= TABLE_CELL else shown[: TABLE_CELL - 1] + "…"
