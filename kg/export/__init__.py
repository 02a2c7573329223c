"""Write the graph: Turtle, TriG, JSON-LD, and the embedded Oxigraph store."""

from kg.export.files import ExportQuads, write_jsonld, write_trig, write_turtle
from kg.export.oxi import to_oxigraph_quads

__all__ = ["ExportQuads", "to_oxigraph_quads", "write_jsonld", "write_trig", "write_turtle"]
