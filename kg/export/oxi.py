"""rdflib terms -> pyoxigraph terms, and loading the on-disk store."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import StancegraphError


def to_oxigraph_term(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StancegraphError(f"cannot export RDF term {term!r}")


def to_oxigraph_quads(quads: Iterable[tuple[Node, Node, Node, URIRef | None]]) -> list[ox.Quad]:
    """Quads in a canonical order (by their N-Quads form), so every output is byte-stable."""
    converted = [
        ox.Quad(
            to_oxigraph_term(s),
            to_oxigraph_term(p),
            to_oxigraph_term(o),
            ox.DefaultGraph() if g is None else ox.NamedNode(str(g)),
        )
        for s, p, o, g in quads
    ]
    converted.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return converted


def load_store(path: Path, quads: list[ox.Quad]) -> None:
    """Replace the store at ``path`` with exactly these quads."""
    staging = path.with_name(path.name + ".tmp")
    if staging.exists():
        shutil.rmtree(staging)
    store = ox.Store(str(staging))
    store.bulk_extend(quads)
    store.flush()
    store.optimize()
    del store
    if path.exists():
        shutil.rmtree(path)
    staging.rename(path)
