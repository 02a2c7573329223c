"""Serialisations of the graph, byte-deterministic, each written atomically."""

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

from kg.atomic import atomic_output, atomic_write
from kg.export.oxi import quad_order, term_converter, unwrap_quad, unwrap_term
from kg.namespaces import NAMESPACES
from kg.resources import resource_path


def _prefixes() -> dict[str, str]:
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


def write_turtle(path: Path, quads: Iterable[ox.Quad | ox.Triple], *, ordered: bool = False) -> None:
    """The union of all graphs as Turtle; ``ordered``: ``quads`` are the ``sorted_triples``."""
    triples = quads if ordered else sorted_triples(quads)
    atomic_write(path, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_prefixes()))


def write_trig(path: Path, quads: list[ox.Quad]) -> None:
    atomic_write(path, ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_prefixes()))


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


def write_jsonld(path: Path, graph: Graph | Sequence[ox.Triple]) -> None:
    """The union graph (or these distinct triples) as JSON-LD compacted with the project's
    context (inlined)."""
    context = load_context()["@context"]
    data = {"@context": context, "@graph": _canonical(_graph_nodes(graph, context))}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    atomic_write(path, text.encode("utf-8"))


def store_subjects(store: ox.Store) -> list:
    """The distinct subjects of every graph of ``store``, in canonical order."""
    found = {q.subject for q in store.quads_for_pattern(None, None, None, None)}
    return sorted(found, key=str)


def union_triples(store: ox.Store, subjects: list | None = None) -> Iterator[ox.Triple]:
    """The union of an export store's graphs (literals wrapped, see kg.export.oxi), each triple once, ordered by subject, predicate and
    object (as write_turtle orders them), one subject at a time."""
    for subject in store_subjects(store) if subjects is None else subjects:
        pairs = {(q.predicate, unwrap_term(q.object)) for q in store.quads_for_pattern(subject, None, None, None)}
        for predicate, obj in sorted(pairs, key=lambda po: (str(po[0]), str(po[1]))):
            yield ox.Triple(subject, predicate, obj)


def write_turtle_store(path: Path, store: ox.Store) -> int:
    """``write_turtle`` for a store, streamed: the same bytes; returns the number of triples."""
    count = 0

    def counted() -> Iterator[ox.Triple]:
        nonlocal count
        for triple in union_triples(store):
            count += 1
            yield triple

    with atomic_output(path) as out:
        ox.serialize(counted(), out, format=ox.RdfFormat.TURTLE, prefixes=_prefixes())
    return count


def write_trig_store(path: Path, store: ox.Store) -> None:
    """``write_trig`` for a store, streamed one graph at a time: the same bytes."""
    graphs = sorted([*store.named_graphs(), ox.DefaultGraph()], key=str)

    def quads() -> Iterator[ox.Quad]:
        for graph in graphs:
            found = [unwrap_quad(q) for q in store.quads_for_pattern(None, None, None, graph)]
            found.sort(key=quad_order)
            yield from found

    with atomic_output(path) as out:
        ox.serialize(quads(), out, format=ox.RdfFormat.TRIG, prefixes=_prefixes())


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


def write_jsonld_store(path: Path, store: ox.Store, chunk: int = 2000) -> None:
    """``write_jsonld`` for a store, streamed ``chunk`` subjects at a time: the same bytes.

    The whole-graph writer sorts its node objects by their JSON text, whose first member is
    the node's compacted "@id" (no two nodes share one): so the subjects are put in that
    order first, then each chunk is compacted by rdflib on its own. A blank-node subject
    would be embedded elsewhere by rdflib; builds have none (see the xfail in test_ontology).
    """
    context = load_context()["@context"]
    compact = Context(context)
    subjects = store_subjects(store)
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
            triples = list(union_triples(store, subjects[start:start + chunk]))
            nodes = [_canonical(node) for node in _graph_nodes(triples, context)]
            nodes.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
            for node in nodes:
                text = json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")
                out.write((("\n  " if first else ",\n  ") + text).encode("utf-8"))
                first = False
        out.write(b"\n ]\n}\n" if not first else b"]\n}\n")
