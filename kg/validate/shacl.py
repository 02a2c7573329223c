"""SHACL validation of stancegraph graphs: one call in, typed results out.

The shapes are ``shapes/shapes.ttl`` (sh:Violation) and ``shapes/shapes-recommended.ttl``
(sh:Warning). Validation runs pySHACL on an rdflib graph with no inference (every node carries
its classes explicitly) and with SHACL Advanced Features enabled, which the shapes' SPARQL
targets need. A graph conforms when it has no sh:Violation; warnings are reported but allowed.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib
from pyshacl.graph_abstraction import DataGraph, RdfLibDataGraph
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, SH
from rdflib.query import Result
from rdflib.term import BNode, Literal, Node, URIRef, Variable

from kg.errors import InputError
from kg.export.oxi import from_oxigraph_term, to_oxigraph_term
from kg.namespaces import NAMESPACES
from kg.resources import resource_path

SHAPES_FILE = "shapes.ttl"
RECOMMENDED_SHAPES_FILE = "shapes-recommended.ttl"

SEVERITIES = ("Violation", "Warning", "Info")
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# File extension -> rdflib parser; the quad formats are read as a union of all their graphs.
RDF_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
_QUAD_FORMATS = {"nquads", "trig", "json-ld"}


@dataclass(frozen=True)
class ValidationResultRow:
    """One sh:ValidationResult, as plain strings.

    IRIs are given as they are, blank nodes as ``_:label``, literals (``value`` only) in
    N-Triples form with their datatype or language (``"3"^^<...#integer>``). ``path`` is the
    sh:resultPath, in SPARQL property path syntax when it is not a plain IRI.
    """

    severity: str  # "Violation" | "Warning" | "Info"
    focus_node: str
    shape: str
    path: str | None
    value: str | None
    message: str


@dataclass(frozen=True)
class ValidationResult:
    """A validation's rows and its SHACL report.

    ``conforms`` is the build's verdict: no result of severity sh:Violation (warnings are
    allowed; a build publishes and ``kg validate`` exits 0). The report's own
    ``sh:conforms`` is SHACL's: true only if there is no result at all, warnings included
    (SHACL §3.6.1.1), so a report with warnings says ``sh:conforms false``."""

    conforms: bool  # True when there is no sh:Violation (warnings are allowed)
    rows: tuple[ValidationResultRow, ...]  # sorted: severity, focus node, shape, path, value
    report: rdflib.Graph = field(compare=False, repr=False)  # the sh:ValidationReport

    @property
    def violations(self) -> tuple[ValidationResultRow, ...]:
        return tuple(row for row in self.rows if row.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResultRow, ...]:
        return tuple(row for row in self.rows if row.severity == "Warning")


def bind_prefixes(graph: rdflib.Graph) -> rdflib.Graph:
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("sh", SH, override=True, replace=True)
    return graph


@lru_cache(maxsize=2)
def _shapes(include_recommended: bool) -> rdflib.Graph:
    graph = rdflib.Graph(bind_namespaces="none")
    files = [SHAPES_FILE] + ([RECOMMENDED_SHAPES_FILE] if include_recommended else [])
    for name in files:
        graph.parse(resource_path("shapes", name), format="turtle")
    return bind_prefixes(graph)


def load_shapes(include_recommended: bool = True) -> rdflib.Graph:
    """The shapes graph: mandatory shapes, plus the recommended ones unless told otherwise.

    The files are parsed once per process; each call returns a fresh copy, free to modify.
    """
    cached = _shapes(bool(include_recommended))
    copy = bind_prefixes(rdflib.Graph(bind_namespaces="none"))
    for triple in cached:
        copy.add(triple)
    return copy


def _union_graph(data: rdflib.Graph) -> rdflib.Graph:
    """A plain graph of every triple of ``data`` (all named graphs of a dataset)."""
    if not data.context_aware:
        return data
    union = bind_prefixes(rdflib.Graph(bind_namespaces="none"))
    for s, p, o, _graph in data.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _node_text(node: Node) -> str:
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        return node.n3()
    return str(node)


def _path_text(report: rdflib.Graph, path: Node) -> str:
    """A sh:path in SPARQL property path syntax (a plain IRI stays as it is)."""

    def render(node: Node, top: bool) -> str:
        if isinstance(node, URIRef):
            return str(node) if top else f"<{node}>"
        if (report.value(node, RDF.first)) is not None:
            return "(" + "/".join(render(n, False) for n in Collection(report, node)) + ")"
        for predicate, template in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            inner = report.value(node, predicate)
            if inner is not None:
                return template.format(render(inner, False))
        alternatives = report.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(render(n, False) for n in Collection(report, alternatives)) + ")"
        return _node_text(node)

    return render(path, True)


def _message(report: rdflib.Graph, result: Node) -> str:
    messages = sorted(
        report.objects(result, SH.resultMessage),
        key=lambda m: (getattr(m, "language", None) not in (None, "en"), str(m)),
    )
    return str(messages[0]) if messages else ""


def report_rows(report: rdflib.Graph) -> tuple[ValidationResultRow, ...]:
    rows = []
    for result in set(report.subjects(RDF.type, SH.ValidationResult)):
        severity = report.value(result, SH.resultSeverity)
        severity_name = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        shape = report.value(result, SH.sourceShape)
        focus = report.value(result, SH.focusNode)
        rows.append(
            ValidationResultRow(
                severity=severity_name,
                focus_node=_node_text(focus) if focus is not None else "",
                shape=_node_text(shape) if shape is not None else "",
                path=_path_text(report, path) if path is not None else None,
                value=_node_text(value) if value is not None else None,
                message=_message(report, result),
            )
        )
    rows.sort(
        key=lambda r: (
            _SEVERITY_RANK.get(r.severity, len(SEVERITIES)),
            r.focus_node,
            r.shape,
            r.path or "",
            r.value or "",
            r.message,
        )
    )
    return tuple(rows)


class _OxigraphTargets(RdfLibDataGraph):
    """The data graph pySHACL reads, whose unbound SELECT queries (the shapes' SPARQL targets,
    each over the whole graph) Oxigraph answers from a copy of the same triples: rdflib's
    SPARQL engine took 4 s of a 7 s validation of 200k triples for them. Every other query
    and every triple lookup stays with rdflib. A target that selects a blank node (whose
    label a copy need not keep) is asked of rdflib again."""

    def __init__(self, graph: rdflib.Graph, store: ox.Store | None = None):
        super().__init__(graph.store, impl=graph)
        self._oxigraph = store

    def _target_store(self) -> ox.Store:
        if self._oxigraph is None:
            self._oxigraph = ox.Store()
            self._oxigraph.bulk_extend(ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o))
                                       for s, p, o in self.impl)
        return self._oxigraph

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,
              initBindings=None, use_store_provided=True, **kwargs):
        if initBindings or initNs or kwargs or not isinstance(query_object, str):
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided)
        solutions = self._target_store().query(query_object, use_default_graph_as_union=True)
        if not isinstance(solutions, ox.QuerySolutions):
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided)
        names = [Variable(v.value) for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                value = solution[str(name)]
                if isinstance(value, ox.BlankNode):
                    return super().query(query_object, processor, result, initNs, initBindings, use_store_provided)
                if value is not None:
                    row[name] = from_oxigraph_term(value)
            rows.append(row)
        answer = Result("SELECT")
        answer.vars = names
        answer.bindings = rows
        return answer


class _FocusSetValidator(pyshacl.Validator):
    """pySHACL keeps ``focus_nodes`` as a list and tests each target node against it, which
    is quadratic in the number of focus nodes; a set gives the same verdicts in linear time."""

    def make_executor(self):
        executor = super().make_executor()
        if executor.focus_nodes is not None:
            executor.focus_nodes = frozenset(executor.focus_nodes)
        return executor


def validate_graph(
    data: rdflib.Graph,
    *,
    include_recommended: bool = True,
    focus_nodes: Iterable[str | URIRef] | None = None,
    store: ox.Store | None = None,
    targets: str = "oxigraph",
) -> ValidationResult:
    """Validate ``data`` against the stancegraph shapes; ``data`` is not modified.

    ``store``: the same triples in an Oxigraph store (in any of its graphs), which answers the
    shapes' SPARQL targets; without it, ``data`` is copied into one when a target is asked.
    ``targets="rdflib"`` has rdflib answer them (the same verdicts, slower).

    A dataset (rdflib.Dataset / ConjunctiveGraph) is validated as the union of its graphs.
    ``focus_nodes`` restricts validation to those IRIs (e.g. the nodes an incremental build
    added); the shapes still see the whole graph.
    """
    graph = _union_graph(data)
    focus = [URIRef(str(node)) for node in focus_nodes] if focus_nodes is not None else None
    if focus is not None and not focus:
        report = bind_prefixes(rdflib.Graph(bind_namespaces="none"))
        node = BNode()
        report.add((node, RDF.type, SH.ValidationReport))
        report.add((node, SH.conforms, Literal(True)))
        return ValidationResult(conforms=True, rows=(), report=report)
    # inplace=True: pySHACL would otherwise copy the data graph (advanced mode allows SHACL
    # rules to add triples). The shapes have no rules and inference is off, so nothing is
    # written to the data graph, and the copy (about a third of the run time) is saved.
    options = {"inference": "none", "advanced": True, "allow_warnings": True, "inplace": True}
    if focus is not None:
        options["focus_nodes"] = focus
    data_graph = _OxigraphTargets(graph, store) if targets == "oxigraph" else DataGraph.from_rdflib(graph)
    _conforms, report, _text = _FocusSetValidator(
        data_graph, shacl_graph=_shapes(bool(include_recommended)), options=options,
    ).run()
    bind_prefixes(report)
    rows = report_rows(report)
    return verdict(report, rows)


def verdict(report: rdflib.Graph, rows: tuple[ValidationResultRow, ...]) -> ValidationResult:
    """The result of a report: its ``sh:conforms`` set as SHACL defines it (no result at all;
    pySHACL's ``allow_warnings`` would say true with warnings), the build's verdict beside."""
    for root in set(report.subjects(RDF.type, SH.ValidationReport)):
        report.set((root, SH.conforms, Literal(not rows)))
    return ValidationResult(conforms=not any(row.severity == "Violation" for row in rows), rows=rows, report=report)


def _paths(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    return [Path(p) for p in paths]


def load_rdf_files(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> rdflib.Graph:
    """Read RDF files into one graph (the union of all graphs of TriG / N-Quads / JSON-LD).

    The format follows the extension: .ttl .nt .nq .trig .jsonld (.json) .rdf (.owl).
    Raises :class:`kg.errors.InputError` naming the file when it cannot be read or parsed.
    """
    graph = bind_prefixes(rdflib.Graph(bind_namespaces="none"))
    for path in _paths(paths):
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            known = " ".join(sorted(RDF_FORMATS))
            problem = f"unknown RDF file extension {path.suffix!r} (known: {known})"
            raise InputError(str(path), problem)
        try:
            data = path.read_bytes()
        except OSError as err:
            raise InputError(str(path), f"cannot read: {err.strerror or err}") from err
        try:
            if fmt in _QUAD_FORMATS:
                dataset = rdflib.Dataset()
                dataset.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
                for s, p, o, _g in dataset.quads((None, None, None, None)):
                    graph.add((s, p, o))
            else:
                graph.parse(data=data, format=fmt, publicID=path.resolve().as_uri())
        except Exception as err:  # rdflib raises many types: syntax, JSON, XML, value errors
            problem = " ".join(str(err).split()) or type(err).__name__
            raise InputError(str(path), f"not valid {fmt}: {problem}") from err
    return graph


class _Cycle(Exception):
    pass


def _stable_labels(graph: rdflib.Graph) -> dict[BNode, BNode]:
    """Blank node -> a label derived from the node's content, for graphs whose blank nodes
    form trees (a validation report: report -> results -> paths, lists, details).

    A node's hash covers its outgoing triples, with blank objects by their own hash; nodes
    with equal hashes are told apart by the labels of the nodes pointing at them, and when
    those are equal too, they are interchangeable and any order gives the same output.
    Raises _Cycle when blank nodes point at each other in a cycle.
    """
    hashes: dict[BNode, str] = {}
    visiting: set[BNode] = set()

    def term_key(node: Node) -> str:
        return f"_:{content_hash(node)}" if isinstance(node, BNode) else node.n3()

    def content_hash(node: BNode) -> str:
        known = hashes.get(node)
        if known is not None:
            return known
        if node in visiting:
            raise _Cycle
        visiting.add(node)
        parts = sorted(f"{p.n3()} {term_key(o)}" for p, o in graph.predicate_objects(node))
        visiting.discard(node)
        digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]
        hashes[node] = digest
        return digest

    nodes = {n for triple in graph for n in (triple[0], triple[2]) if isinstance(n, BNode)}
    for node in nodes:
        content_hash(node)
    groups: dict[str, list[BNode]] = {}
    for node in nodes:
        groups.setdefault(hashes[node], []).append(node)
    labels: dict[BNode, BNode] = {}

    def label(node: BNode) -> BNode:
        """Equal-content nodes are told apart by where they hang: the final labels of the
        nodes pointing at them (so twin results keep their own twin paths, however the
        flat Turtle lists them); nodes that hang in the same place too are interchangeable."""
        found = labels.get(node)
        if found is not None:
            return found
        digest = hashes[node]
        members = groups[digest]
        if len(members) == 1:
            labels[node] = BNode(f"b{digest}")
            return labels[node]

        def place(member: BNode) -> list[str]:
            return sorted(f"{placed_key(s)} {p.n3()}" for s, p in graph.subject_predicates(member))

        for index, member in enumerate(sorted(members, key=place)):
            labels[member] = BNode(f"b{digest}x{index}")
        return labels[node]

    def placed_key(node: Node) -> str:
        return f"_:{label(node)}" if isinstance(node, BNode) else node.n3()

    for node in sorted(nodes, key=lambda n: hashes[n]):
        label(node)
    return labels


def write_report(result: ValidationResult, path: str | os.PathLike) -> None:
    """Write the validation report as Turtle, byte for byte the same for the same result.

    Blank nodes get labels derived from their content (for reports, whose blank nodes form
    trees; otherwise rdflib.compare.to_canonical_graph, which is far slower), so the output
    does not depend on the labels pySHACL happened to choose. Oxigraph writes the triples in
    the order of their N-Triples lines, as for graph.ttl (for the 16k report triples of 80
    White House texts: 0.28 s, against 0.48 s with rdflib's Turtle writer). The file is
    written atomically.
    """
    from kg.atomic import atomic_write
    from kg.export.files import sorted_triples

    try:
        labels = _stable_labels(result.report)
        triples = [(labels.get(s, s), p, labels.get(o, o)) for s, p, o in result.report]
    except _Cycle:
        triples = list(to_canonical_graph(result.report))
    ordered = sorted_triples(ox.Triple(*map(to_oxigraph_term, triple)) for triple in triples)
    prefixes = {prefix: str(namespace) for prefix, namespace in sorted({**NAMESPACES, "sh": SH}.items())}
    atomic_write(Path(path), ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes))


def _short(iri: str) -> str:
    best = None
    for prefix, namespace in NAMESPACES.items():
        ns = str(namespace)
        if iri.startswith(ns) and (best is None or len(ns) > len(best[1])):
            best = (prefix, ns)
    if best is not None:
        local = iri[len(best[1]):]
        if local and all(c.isalnum() or c in "_-." for c in local):
            return f"{best[0]}:{local}"
    return f"<{iri}>" if not iri.startswith("_:") else iri


def _short_value(value: str) -> str:
    if not value.startswith('"'):
        return _short(value)
    head, sep, datatype = value.rpartition("^^<")
    if sep and datatype.endswith(">"):
        short = _short(datatype[:-1])
        return f"{head}^^{short}"
    return value


def format_rows(result: ValidationResult) -> str:
    """One line per result: ``Violation: <shape> on <focus> [path] value: message``.

    IRIs are shortened with the project's prefixes where possible; the value is left out
    when it is the focus node itself. No trailing newline.
    """
    lines = []
    for row in result.rows:
        line = f"{row.severity}: {_short(row.shape)} on {_short(row.focus_node)}"
        if row.path is not None:
            if row.path[:1] in ("^", "(", "<"):
                path = re.sub(r"<([^<>]*)>", lambda m: _short(m.group(1)), row.path)
            else:
                path = _short(row.path)
            line += f" [{path}]"
        if row.value is not None and row.value != row.focus_node:
            line += f" {_short_value(row.value)}"
        lines.append(f"{line}: {row.message}")
    return "\n".join(lines)
