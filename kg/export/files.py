"""Serialisations of the graph, byte-deterministic, each written atomically.

The build's final quads are an ``ExportQuads``: in memory for a build that fits, in an
on-disk Oxigraph store for a larger one. That is the store's choice; each format has one
writer, which streams what it needs from either.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.plugins.serializers.jsonld import from_rdf
from rdflib.plugins.shared.jsonld.context import Context
from rdflib.term import BNode, Node

from kg.atomic import atomic_output
from kg.export.oxi import quad_order, term_converter, unwrap_quad, unwrap_term, wrap_quad
from kg.namespaces import NAMESPACES
from kg.resources import resource_path


def output_prefixes() -> dict[str, str]:
    """The prefixes every output declares: the project's and the standard vocabularies'."""
    return {prefix: str(ns) for prefix, ns in sorted(NAMESPACES.items())}


def sorted_triples(quads: Iterable[ox.Quad | ox.Triple]) -> list[ox.Triple]:
    """The distinct triples of ``quads``, ordered by subject, predicate and object, each by its
    N-Triples form. The N-Triples lines are sorted as strings: a line is the three forms
    joined by spaces, and a space sorts before every character that can follow the end of a
    shorter form, so the lines sort as the triples do (10x faster than a key per triple)."""
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    lines = set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines())
    lines.discard(b"")
    return list(ox.parse(b"\n".join(sorted(lines)), format=ox.RdfFormat.N_TRIPLES))


def load_context() -> dict:
    with resource_path("ontology", "context.jsonld").open(encoding="utf-8") as handle:
        return json.load(handle)


def _canonical(value):
    """JSON-LD with every unordered array sorted: node order carries no meaning."""
    if isinstance(value, dict):
        return {key: _canonical(value[key]) for key in sorted(value)}
    if isinstance(value, (list, tuple)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def store_subjects(store: ox.Store) -> list:
    """The distinct subjects of every graph of ``store``, in canonical order."""
    found = {q.subject for q in store.quads_for_pattern(None, None, None, None)}
    return sorted(found, key=str)


def union_triples(store: ox.Store, subjects: list | None = None) -> Iterator[ox.Triple]:
    """The union of an export store's graphs (literals wrapped, see kg.export.oxi), each
    triple once, ordered by subject, predicate and object (as ``sorted_triples`` orders
    them), one subject at a time."""
    for subject in store_subjects(store) if subjects is None else subjects:
        pairs = {(q.predicate, unwrap_term(q.object)) for q in store.quads_for_pattern(subject, None, None, None)}
        for predicate, obj in sorted(pairs, key=lambda po: (str(po[0]), str(po[1]))):
            yield ox.Triple(subject, predicate, obj)


class _TripleIndex:
    """The parts of an rdflib ``Graph`` that rdflib's JSON-LD converter reads, over a dict
    from subject to (predicate, object) pairs: it asks the graph about each object (is it a
    list?), which cost half of its time on an rdflib graph."""

    context_aware = False

    def __init__(self, graph: Graph | Sequence[ox.Triple]):
        if isinstance(graph, Graph):
            self.identifier, triples = graph.identifier, iter(graph)
        else:
            term = term_converter()
            self.identifier = BNode()  # an unnamed graph, as an rdflib Graph's
            triples = ((term(t.subject), term(t.predicate), term(t.object)) for t in graph)
        self._pairs: dict[Node, list[tuple[Node, Node]]] = {}
        self._objects: set[Node] = set()
        self._values: dict[tuple[Node, Node], Node] = {}
        for s, p, o in triples:
            self._pairs.setdefault(s, []).append((p, o))
            self._objects.add(o)
            self._values.setdefault((s, p), o)

    def subjects(self, predicate=None, object=None) -> Iterator[Node]:  # noqa: A002
        if predicate is None and object is None:
            yield from self._pairs
        elif object is not None and object not in self._objects:
            return
        else:
            for s, pairs in self._pairs.items():
                if any((predicate is None or p == predicate) and (object is None or o == object) for p, o in pairs):
                    yield s

    def predicate_objects(self, subject) -> list[tuple[Node, Node]]:
        return self._pairs.get(subject, [])

    def value(self, subject, predicate) -> Node | None:
        return self._values.get((subject, predicate))


def _compaction_context(context: dict) -> Context:
    """rdflib's JSON-LD context, remembering its answers (it is asked again for each triple)."""
    compact = Context(context)
    for name in ("find_term", "shrink_iri", "to_symbol"):
        setattr(compact, name, functools.lru_cache(maxsize=None)(getattr(compact, name)))
    return compact


def _graph_nodes(graph: Graph | Sequence[ox.Triple], context: dict) -> list:
    # rdflib's JSON-LD writer without its JSON text (which would only be parsed again here)
    data = from_rdf(_TripleIndex(graph), _compaction_context(context), None, False, False, auto_compact=True)
    if isinstance(data, dict) and "@graph" not in data:
        body = {k: v for k, v in data.items() if k != "@context"}
        return [body] if body else []
    return data.get("@graph", []) if isinstance(data, dict) else data


def write_turtle(path: Path, triples: Iterable[ox.Triple]) -> int:
    """The union of all graphs as Turtle, from ``ExportQuads.triples()`` (distinct, in
    canonical order), streamed; returns the number of triples."""
    count = 0

    def counted() -> Iterator[ox.Triple]:
        nonlocal count
        for triple in triples:
            count += 1
            yield triple

    with atomic_output(path) as out:
        ox.serialize(counted(), out, format=ox.RdfFormat.TURTLE, prefixes=output_prefixes())
    return count


def write_trig(path: Path, quads: Iterable[ox.Quad]) -> None:
    """Every graph as TriG, from ``ExportQuads.quads()`` (in canonical order), streamed."""
    with atomic_output(path) as out:
        ox.serialize(quads, out, format=ox.RdfFormat.TRIG, prefixes=output_prefixes())


def write_jsonld(path: Path, exports: ExportQuads, chunk: int = 2000) -> None:
    """The union graph as JSON-LD compacted with the project's context (inlined), streamed
    ``chunk`` subjects at a time.

    Node objects are ordered by their JSON text, whose first member is the node's compacted
    "@id" (no two nodes share one): so the subjects are put in that order first, then each
    chunk is compacted by rdflib on its own, and the bytes are those of the whole graph
    compacted at once. A blank-node subject would be embedded elsewhere by rdflib; builds
    have none (see the xfail in test_ontology).
    """
    context = load_context()["@context"]
    compact = Context(context)
    subjects = exports.subjects()
    if any(isinstance(s, ox.BlankNode) for s in subjects):
        raise ValueError("streamed JSON-LD needs IRI subjects only")

    def node_key(subject) -> str:
        return json.dumps(compact.shrink_iri(subject.value), ensure_ascii=False)

    subjects.sort(key=node_key)
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1)[:-2]
    with atomic_output(path) as out:
        out.write(head.encode("utf-8"))
        out.write(b',\n "@graph": [')
        first = True
        for start in range(0, len(subjects), chunk):
            triples = exports.triples_of(subjects[start:start + chunk])
            nodes = [_canonical(node) for node in _graph_nodes(triples, context)]
            nodes.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            for node in nodes:
                text = json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")
                out.write((("\n  " if first else ",\n  ") + text).encode("utf-8"))
                first = False
        out.write(b"\n ]\n}\n" if not first else b"]\n}\n")


class ExportQuads:
    """A build's final quads, for the validation and every export to read, held where they
    fit: in memory when at most ``in_memory`` are expected, else in an on-disk Oxigraph store
    in ``folder`` (typed literals wrapped there, see kg.export.oxi). Which of the two holds
    them is decided here, once; readers use the same methods either way."""

    def __init__(self, folder: Path | None, expected: int, in_memory: int) -> None:
        self.in_memory = expected <= in_memory or folder is None
        self.store: ox.Store | None = None if self.in_memory else ox.Store(str(folder))
        self._quads: list[ox.Quad] = []
        self._triples: list[ox.Triple] | None = None
        self._by_subject: dict | None = None

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> ExportQuads:
        """These quads, held in memory."""
        exports = cls(None, 0, 0)
        exports.extend(list(quads))
        exports.finish()
        return exports

    def extend(self, bulk: list[ox.Quad]) -> None:
        if self.store is not None:
            self.store.bulk_extend([wrap_quad(q) for q in bulk])
        else:
            self._quads.extend(bulk)

    def finish(self) -> None:
        """Every quad is in: put them in canonical order (in memory) or on disk (a store)."""
        if self.store is not None:
            self.store.flush()
        else:
            self._quads.sort(key=quad_order)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, each once, in canonical order (graph by graph)."""
        if self.store is None:
            yield from self._quads
            return
        for graph in sorted([*self.store.named_graphs(), ox.DefaultGraph()], key=str):
            found = [unwrap_quad(q) for q in self.store.quads_for_pattern(None, None, None, graph)]
            found.sort(key=quad_order)
            yield from found

    def triples(self) -> Iterator[ox.Triple]:
        """The union of the graphs, each triple once, ordered by subject, predicate, object."""
        if self.store is None:
            yield from self._sorted_triples()
        else:
            yield from union_triples(self.store)

    def subjects(self) -> list:
        """The distinct subjects of every graph."""
        if self.store is None:
            return list(self._subject_index())
        return store_subjects(self.store)

    def triples_of(self, subjects: Sequence) -> list[ox.Triple]:
        """The union triples of these subjects, in ``triples()`` order for each."""
        if self.store is None:
            index = self._subject_index()
            return [t for s in subjects for t in index.get(s, ())]
        return list(union_triples(self.store, list(subjects)))

    def _sorted_triples(self) -> list[ox.Triple]:
        if self._triples is None:
            self._triples = sorted_triples(self._quads)
        return self._triples

    def _subject_index(self) -> dict:
        if self._by_subject is None:
            self._by_subject = {}
            for triple in self._sorted_triples():
                self._by_subject.setdefault(triple.subject, []).append(triple)
        return self._by_subject

    def close(self) -> None:
        """Let go of the quads (a store closes once nothing refers to it)."""
        self.store = None
        self._quads, self._triples, self._by_subject = [], None, None
