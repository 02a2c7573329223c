"""Run a SPARQL query on ``OUT/store`` and render the answer as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.namespaces import NAMESPACES

STORE_DIR = "store"
FORMATS = ("table", "csv", "json")


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


def run_query(store: ox.Store, sparql: str) -> QueryResult:
    try:
        answer = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"malformed SPARQL: {err}") from err
    except OSError as err:
        raise QueryError(f"query failed: {err}") from err
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = tuple(tuple(solution[v] for v in variables) for solution in answer)
        return QueryResult(variables=variables, rows=rows)
    return QueryResult(triples=tuple(answer))


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
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
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
    cells = [[_short(t).replace("\n", " ") for t in row] for row in result.rows]
    widths = [max([len(v)] + [min(len(r[i]), 80) for r in cells]) for i, v in enumerate(result.variables)]
    def line(values):
        return " | ".join(v[:80].ljust(w) for v, w in zip(values, widths)).rstrip()
    out = [line(result.variables), "-+-".join("-" * w for w in widths)]
    out.extend(line(r) for r in cells)
    out.append(f"({len(cells)} rows)")
    return "\n".join(out)
