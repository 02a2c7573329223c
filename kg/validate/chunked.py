"""SHACL validation of a whole build, a chunk of nodes at a time, read from its store.

pySHACL needs an rdflib graph, and an rdflib graph of a whole corpus does not fit in memory
(about 3 GB per million triples). The nodes of the graph are validated in chunks instead:
for a chunk of focus nodes, the data graph holds every triple about them (as subject or
object) and, for each node they point to, its types and literal values, which is all the
shapes look at (one step along a property, ``sh:class`` of the value, the document length
of a statement's source, the inverse of ``sg:expresses``, the existence of a mention). pySHACL
then validates only the chunk's nodes (``focus_nodes``), each against the shapes that target
it. The verdicts are those of one validation of the whole graph (``tests/test_validate.py``
compares them on the bundled data, node by node); a change to the shapes that looks further
than one step must widen ``_chunk_graph``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyoxigraph as ox
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import BNode, URIRef

from kg.export.oxi import rdflib_graph
from kg.validate.shacl import ValidationResult, bind_prefixes, report_rows, validate_graph, verdict

CHUNK_NODES = 5_000
_TYPE = ox.NamedNode(str(RDF.type))


def _nodes(store: ox.Store) -> list:
    """Every subject, and every IRI or blank node that is the object of a triple other than
    rdf:type, in canonical order."""
    found = set()
    for quad in store.quads_for_pattern(None, None, None, None):
        found.add(quad.subject)
        if not isinstance(quad.object, ox.Literal) and quad.predicate != _TYPE:
            found.add(quad.object)
    return sorted(found, key=str)


def _chunk_graph(store: ox.Store, chunk: list) -> rdflib.Graph:
    triples: set[tuple] = set()
    pointed = set()
    for node in chunk:
        for quad in store.quads_for_pattern(node, None, None, None):
            triples.add((quad.subject, quad.predicate, quad.object))
            if not isinstance(quad.object, ox.Literal):
                pointed.add(quad.object)
        for quad in store.quads_for_pattern(None, None, node, None):
            # a triple pointing at the node counts (a mention, ^sg:expresses); no shape looks
            # at the pointing node's own values
            triples.add((quad.subject, quad.predicate, quad.object))
    for node in pointed:
        for quad in store.quads_for_pattern(node, None, None, None):
            if quad.predicate == _TYPE or isinstance(quad.object, ox.Literal):
                triples.add((quad.subject, quad.predicate, quad.object))
    return rdflib_graph((ox.Triple(*t) for t in triples), wrapped=True)


def _chunks(nodes: list, size: int) -> Iterator[list]:
    for start in range(0, len(nodes), size):
        yield nodes[start:start + size]


def validate_store(store: ox.Store, *, include_recommended: bool = True,
                   chunk_nodes: int = CHUNK_NODES) -> ValidationResult:
    """Validate the union of an export store's graphs (literals wrapped, see
    kg.export.oxi), ``chunk_nodes`` focus nodes at a time."""
    nodes = _nodes(store)
    if any(isinstance(n, ox.BlankNode) for n in nodes):
        # pySHACL's focus_nodes takes IRIs only: a graph with blank nodes is validated whole
        graph = rdflib_graph(store.quads_for_pattern(None, None, None, None), wrapped=True)
        return validate_graph(graph, include_recommended=include_recommended)
    report = bind_prefixes(rdflib.Graph(bind_namespaces="none"))
    root = BNode("report")
    report.add((root, RDF.type, SH.ValidationReport))
    for chunk in _chunks(nodes, max(1, chunk_nodes)):
        part = validate_graph(_chunk_graph(store, chunk), include_recommended=include_recommended,
                              focus_nodes=[URIRef(n.value) for n in chunk])
        for s, p, o in part.report:
            if p == RDF.type and o == SH.ValidationReport or p == SH.conforms:
                continue
            if (s, RDF.type, SH.ValidationReport) in part.report:
                report.add((root, p, o))  # sh:result
            else:
                report.add((s, p, o))
    return verdict(report, report_rows(report))


def validate_exports(exports, served: ox.Store | None = None) -> ValidationResult:
    """Validate a build's final quads (a ``kg.export.ExportQuads``) as they are held: in
    memory, as one rdflib graph, its SPARQL targets answered by ``served`` (the build's store);
    on disk, from the store a chunk of focus nodes at a time (same rows, bounded memory)."""
    if exports.store is not None:
        return validate_store(exports.store)
    return validate_graph(rdflib_graph(exports.quads()), store=served)


__all__ = ["CHUNK_NODES", "validate_exports", "validate_store"]
