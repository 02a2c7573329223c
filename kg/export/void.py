"""``OUT/void.ttl``: a VoID description of a build, for crawlers, catalogues and integrators.

It says how many triples and entities of each class the graph holds, where its SPARQL
endpoint is, which IRI space its resources live in, a few example resources, and the
linkset to Wikidata (the ``owl:sameAs`` links) with its size. Every resource in it has an IRI
under the build's base (no blank nodes), so the file is byte-stable and JSON-LD-safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD, Namespace

from kg.atomic import atomic_write
from kg.export.files import output_prefixes
from kg.export.oxi import to_oxigraph_quads, to_oxigraph_term
from kg.ids import DEFAULT_BASE
from kg.namespaces import SG

VOID = Namespace("http://rdfs.org/ns/void#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
# classes whose entities the description counts, and of which it gives an example
CLASSES = (SG.Actor, SG.Person, SG.Organization, SG.Country, SG.Statement, SG.Position,
           SG.Event, SG.Document, SG.Place)
EXAMPLE_CLASSES = (SG.Statement, SG.Position, SG.Event, SG.Actor, SG.Document)


def void_iris(base: str) -> dict[str, URIRef]:
    return {
        "dataset": URIRef(base + "void/dataset"),
        "wikidata": URIRef(base + "void/wikidata"),
        "linkset": URIRef(base + "void/linkset/wikidata"),
    }


@dataclass(frozen=True)
class GraphStats:
    """What the description says of a graph: counts, and one example per class."""

    triples: int
    entities: int  # distinct IRI subjects under the base
    subjects: int
    properties: int
    classes: dict  # class IRI -> (members, the smallest member IRI)
    wikidata_links: int
    vocabularies: tuple[str, ...] = ()  # namespaces of the properties and classes used, sorted


class StatsCounter:
    """The description's figures, counted in one pass over the distinct triples of a graph
    (``ExportQuads.triples()``, as the Turtle writer reads them): ``counted`` hands the
    triples on unchanged. The triples must be distinct (each is counted)."""

    def __init__(self) -> None:
        self.triples = 0
        self._subjects: set = set()
        self._predicates: set = set()
        self._members: dict[str, list] = {}  # class IRI -> [members, the smallest member IRI]
        self._links = 0
        self._type = ox.NamedNode(str(RDF.type))
        self._same_as = ox.NamedNode(str(OWL.sameAs))

    def counted(self, triples: Iterable[ox.Triple]) -> Iterator[ox.Triple]:
        for triple in triples:
            self.add(triple)
            yield triple

    def add(self, t: ox.Triple) -> None:
        self.triples += 1
        self._subjects.add(t.subject)
        self._predicates.add(t.predicate)
        if t.predicate == self._type and isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode):
            # the triples are distinct, so each is one more member
            found = self._members.get(t.object.value)
            if found is None:
                self._members[t.object.value] = [1, t.subject.value]
            else:
                found[0] += 1
                found[1] = min(found[1], t.subject.value)
        elif (t.predicate == self._same_as and not isinstance(t.object, ox.BlankNode)
              and t.object.value.startswith(WIKIDATA_ENTITY)):
            self._links += 1

    def stats(self, base: str) -> GraphStats:
        members = self._members
        return GraphStats(
            triples=self.triples,
            entities=sum(1 for s in self._subjects if isinstance(s, ox.NamedNode) and s.value.startswith(base)),
            subjects=len(self._subjects),
            properties=len(self._predicates),
            classes={cls: (members[str(cls)][0], URIRef(members[str(cls)][1])) for cls in CLASSES if str(cls) in members},
            wikidata_links=self._links,
            vocabularies=tuple(sorted({namespace(p.value) for p in self._predicates}
                                      | {namespace(c) for c in members})),
        )


def namespace(iri: str) -> str:
    """The vocabulary a term's IRI belongs to: up to its last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[:cut + 1]


def triple_stats(triples: Iterable[ox.Triple], base: str) -> GraphStats:
    """The figures of these distinct triples."""
    counter = StatsCounter()
    for triple in triples:
        counter.add(triple)
    return counter.stats(base)


def graph_stats(graph: Graph, base: str) -> GraphStats:
    """The figures of an rdflib graph."""
    return triple_stats((ox.Triple(*map(to_oxigraph_term, t)) for t in graph), base)


def describe(graph: Graph | GraphStats, base: str) -> Graph:
    """The VoID description of ``graph`` (or of a graph's stats), a build whose resources
    live under ``base``. It names no SPARQL endpoint: a build's folder has none until
    ``kg serve`` serves it, which adds its own address to the description it serves."""
    stats = graph if isinstance(graph, GraphStats) else graph_stats(graph, base)
    iris = void_iris(base)
    dataset, wikidata, linkset = iris["dataset"], iris["wikidata"], iris["linkset"]
    out = Graph()
    add = out.add
    add((dataset, RDF.type, VOID.Dataset))
    add((dataset, DCTERMS.title, Literal("stancegraph: who said what, taking which position", lang="en")))
    add((dataset, DCTERMS.description, Literal(
        "Statements and positions extracted from news reports and official statements, with "
        "their speakers, occasions and exact provenance.", lang="en")))
    add((dataset, VOID.uriSpace, Literal(base)))
    add((dataset, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    add((dataset, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    add((dataset, VOID.distinctSubjects, Literal(stats.subjects, datatype=XSD.integer)))
    add((dataset, VOID.properties, Literal(stats.properties, datatype=XSD.integer)))
    for vocabulary in stats.vocabularies:
        add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for cls in CLASSES:
        if cls not in stats.classes:
            continue
        count, example = stats.classes[cls]
        partition = URIRef(f"{base}void/class/{str(cls).rsplit('#', 1)[-1]}")
        add((dataset, VOID.classPartition, partition))
        add((partition, VOID["class"], cls))
        add((partition, VOID.entities, Literal(count, datatype=XSD.integer)))
        if cls in EXAMPLE_CLASSES:
            add((dataset, VOID.exampleResource, example))
    add((wikidata, RDF.type, VOID.Dataset))
    add((wikidata, DCTERMS.title, Literal("Wikidata", lang="en")))
    add((wikidata, FOAF.homepage, URIRef("https://www.wikidata.org/")))
    add((wikidata, VOID.uriSpace, Literal(WIKIDATA_ENTITY)))
    add((dataset, VOID.subset, linkset))
    add((linkset, RDF.type, VOID.Linkset))
    add((linkset, VOID.linkPredicate, OWL.sameAs))
    add((linkset, VOID.subjectsTarget, dataset))
    add((linkset, VOID.objectsTarget, wikidata))
    add((linkset, VOID.triples, Literal(stats.wikidata_links, datatype=XSD.integer)))
    return out


def write_void(path: Path, graph: Graph | GraphStats, base: str) -> None:
    quads = to_oxigraph_quads((s, p, o, None) for s, p, o in describe(graph, base))
    prefixes = {**output_prefixes(), "void": str(VOID), "foaf": str(FOAF)}
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    atomic_write(path, ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes))


def read_base(out: Path) -> str:
    """The base IRI a build in ``out`` minted its resources under (``void:uriSpace`` of
    OUT/void.ttl; the default base when there is none)."""
    path = out / "void.ttl"
    if not path.is_file():
        return DEFAULT_BASE
    try:
        triples = list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError):  # unreadable or damaged: the resources' IRIs say nothing then
        return DEFAULT_BASE
    # the build's dataset is the one with the Wikidata linkset as a subset (an older build's
    # file named its endpoint instead)
    own = {t.subject for t in triples if t.predicate in (ox.NamedNode(str(VOID.subset)), ox.NamedNode(str(VOID.sparqlEndpoint)))}
    spaces = [t.object.value for t in triples if t.predicate == ox.NamedNode(str(VOID.uriSpace)) and t.subject in own]
    return spaces[0] if spaces else DEFAULT_BASE
