"""Triples read from the published store, given back the datatypes the files have.

Oxigraph 0.5.13 keeps a literal of a datatype derived from ``xsd:integer`` as an
``xsd:integer`` (``"1000"^^xsd:nonNegativeInteger`` comes back as ``"1000"^^xsd:integer``),
so a description read from the store would fail the project's own shapes. Where the
ontology declares an integer datatype as a property's ``rdfs:range``, a triple of that
property whose object the store turned into an ``xsd:integer`` gets the declared datatype
back. The range is the contract's: the build writes these properties with no other type.

This mends graphs (``CONSTRUCT``, ``DESCRIBE``, resource descriptions); it cannot mend
what the store does inside a query (``DATATYPE(?b)``, ``sameTerm``): see README, "Standards".
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.resources import resource_path

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER = ox.NamedNode(XSD + "integer")
RANGE = "http://www.w3.org/2000/01/rdf-schema#range"
# the built-in types derived from xsd:integer (XML Schema Part 2), which Oxigraph stores as
# xsd:integer; the lowest value each admits (None: negative values too)
DERIVED_INTEGERS = {
    "nonNegativeInteger": 0, "positiveInteger": 1, "unsignedLong": 0, "unsignedInt": 0,
    "unsignedShort": 0, "unsignedByte": 0, "nonPositiveInteger": None, "negativeInteger": None,
    "long": None, "int": None, "short": None, "byte": None,
}

__all__ = ["declared_integer_ranges", "retyped"]


@functools.cache
def declared_integer_ranges() -> dict[ox.NamedNode, ox.NamedNode]:
    """Property -> the derived integer datatype the shipped ontology gives as its range."""
    turtle = resource_path("ontology", "stancegraph.ttl").read_bytes()
    return {
        t.subject: t.object for t in ox.parse(turtle, format=ox.RdfFormat.TURTLE)
        if t.predicate.value == RANGE and isinstance(t.subject, ox.NamedNode)
        and t.object.value.removeprefix(XSD) in DERIVED_INTEGERS and t.object.value.startswith(XSD)
    }


def _changed_by_store(term, datatype: ox.NamedNode) -> bool:
    """True if ``term`` is an xsd:integer the store may have made of a ``datatype`` literal."""
    if not isinstance(term, ox.Literal) or term.datatype != INTEGER:
        return False
    lowest = DERIVED_INTEGERS[datatype.value.removeprefix(XSD)]
    return lowest is None or int(term.value) >= lowest


def retyped(items: Iterable[ox.Triple | ox.Quad]) -> Iterator[ox.Triple | ox.Quad]:
    """``items`` with the declared datatype back on each object the store made xsd:integer."""
    ranges = declared_integer_ranges()
    for item in items:
        datatype = ranges.get(item.predicate)
        if datatype is None or not _changed_by_store(item.object, datatype):
            yield item
            continue
        obj = ox.Literal(item.object.value, datatype=datatype)
        if isinstance(item, ox.Quad):
            yield ox.Quad(item.subject, item.predicate, obj, item.graph_name)
        else:
            yield ox.Triple(item.subject, item.predicate, obj)
