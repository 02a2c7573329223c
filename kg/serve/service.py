"""The SPARQL 1.1 Service Description of ``kg serve``'s endpoint
(https://www.w3.org/TR/sparql11-service-description/): what a ``GET /sparql`` without a
query answers, so that a client can learn the endpoint's language, result formats and
dataset before it asks."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SD_PREFIXES = {"sd": SD, "formats": FORMATS, "void": "http://rdfs.org/ns/void#"}
# the W3C's names of media types (https://www.w3.org/ns/formats/)
FORMAT_NAMES = {
    "application/sparql-results+json": "SPARQL_Results_JSON", "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV", "text/tab-separated-values": "SPARQL_Results_TSV", "text/turtle": "Turtle",
    "application/n-triples": "N-Triples", "application/ld+json": "JSON-LD", "application/rdf+xml": "RDF_XML",
    "application/n-quads": "N-Quads", "application/trig": "TriG",
}


def service_description(endpoint: str, base: str, media_types: Iterable[str]) -> list[ox.Triple]:
    """The description of the endpoint at ``endpoint`` serving the build whose id space is
    ``base`` and answering in ``media_types``: SPARQL 1.1 Query, no update, the union of the
    graphs as default graph, and the build's VoID dataset as its default dataset."""
    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service = ox.NamedNode(endpoint + "#service")
    dataset = ox.NamedNode(base + "void/dataset")
    default_graph = ox.NamedNode(endpoint + "#default-graph")
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        *(ox.Triple(service, sd("resultFormat"), ox.NamedNode(FORMATS + FORMAT_NAMES[t])) for t in media_types),
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, RDF_TYPE, sd("Graph")),
    ]
    return triples
