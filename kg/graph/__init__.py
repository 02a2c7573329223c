"""Extracted items -> RDF: IRI minting, provenance, self-describing concepts."""

from kg.graph.build import GraphBuilder, Quad
from kg.graph.iris import Iris

__all__ = ["GraphBuilder", "Iris", "Quad"]
