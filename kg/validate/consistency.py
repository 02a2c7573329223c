"""OWL consistency of the ontology (and optionally a data graph) with HermiT, via owlready2.

owlready2 reads N-Triples, not Turtle, so the graphs are merged with rdflib and written to a
temporary N-Triples file that a fresh owlready2 World loads; HermiT then runs in Java.

HermiT only accepts literals of the OWL 2 datatype map. Literals of other datatypes (the
contract's xsd:date, xsd:gYearMonth, xsd:gYear, xsd:gMonthDay, ...) are rewritten, for the
reasoner only, to xsd:string literals with the same lexical form: no stancegraph axiom
constrains their values (sg:date has no rdfs:range), and a functional property with two
different dates stays two different values. Ill-typed literals (``"x"^^xsd:integer``) make
the data inconsistent; they are reported without running HermiT, which would crash on them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Literal, URIRef

from kg.errors import ConfigError, StancegraphError
from kg.resources import resource_path

_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# The OWL 2 datatype map (https://www.w3.org/TR/owl2-syntax/#Datatype_Maps).
OWL2_DATATYPES: frozenset[URIRef] = frozenset(
    {
        URIRef(_RDF_NS + "PlainLiteral"),
        URIRef(_RDF_NS + "XMLLiteral"),
        URIRef(_RDF_NS + "langString"),
        RDFS.Literal,
        OWL.real,
        OWL.rational,
    }
    | {
        XSD[name]
        for name in (
            "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger "
            "negativeInteger long int short byte unsignedLong unsignedInt unsignedShort "
            "unsignedByte double float string normalizedString token language Name NCName "
            "NMTOKEN boolean hexBinary base64Binary anyURI dateTime dateTimeStamp"
        ).split()
    }
)

_MAX_HINTS = 10


@dataclass(frozen=True)
class ConsistencyResult:
    consistent: bool
    explanation: str


def _java() -> str:
    import owlready2

    java = owlready2.JAVA_EXE
    executable = os.path.isfile(java) and os.access(java, os.X_OK)
    found = shutil.which(java) or (java if executable else None)
    if not found:
        raise ConfigError(
            f"the OWL consistency check runs HermiT, which needs Java: no Java executable "
            f"{java!r} was found. Install a Java runtime (8 or later) and put 'java' on PATH, "
            f"or set owlready2.JAVA_EXE to its path."
        )
    return found


def _merged(data: rdflib.Graph | None) -> rdflib.Graph:
    graph = rdflib.Graph(bind_namespaces="none")
    graph.parse(resource_path("ontology", "stancegraph.ttl"), format="turtle")
    if data is not None:
        if data.context_aware:
            for s, p, o, _g in data.quads((None, None, None, None)):
                graph.add((s, p, o))
        else:
            for triple in data:
                graph.add(triple)
    return graph


def _ill_typed(graph: rdflib.Graph) -> list[str]:
    problems = []
    for s, p, o in graph:
        if isinstance(o, Literal) and o.ill_typed:
            problems.append(f"{s.n3()} {p.n3()} {o.n3()} is not a valid {o.datatype}")
    return sorted(problems)


def _for_reasoner(graph: rdflib.Graph) -> rdflib.Graph:
    """A copy of ``graph`` whose literals all use datatypes HermiT accepts."""
    out = rdflib.Graph(bind_namespaces="none")
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
            o = Literal(str(o), datatype=XSD.string)
        out.add((s, p, o))
    return out


def _hints(graph: rdflib.Graph) -> list[str]:
    """Cheap guesses at the cause of an inconsistency (HermiT itself says nothing)."""
    supers: dict[URIRef, set] = {}

    def superclasses(cls) -> set:
        if cls not in supers:
            supers[cls] = {cls}
            for sup in graph.objects(cls, RDFS.subClassOf):
                supers[cls] |= superclasses(sup)
        return supers[cls]

    disjoint: set[frozenset] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        disjoint.add(frozenset((a, b)))
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = graph.value(axiom, OWL.members)
        if members is not None:
            classes = list(Collection(graph, members))
            disjoint.update(frozenset(pair) for pair in combinations(classes, 2))

    hints = []
    for node in sorted(set(graph.subjects(RDF.type, None))):
        classes = set()
        for cls in graph.objects(node, RDF.type):
            classes |= superclasses(cls)
        for pair in sorted(disjoint, key=sorted):
            if pair <= classes:
                a, b = sorted(pair)
                hints.append(f"{node.n3()} is both {a.n3()} and {b.n3()}, which are disjoint")
    functional = set(graph.subjects(RDF.type, OWL.FunctionalProperty))
    for prop in sorted(functional):
        counts: dict = {}
        for s, o in graph.subject_objects(prop):
            counts.setdefault(s, set()).add(o)
        for s in sorted(counts):
            if len(counts[s]) > 1 and all(isinstance(o, Literal) for o in counts[s]):
                values = ", ".join(sorted(o.n3() for o in counts[s]))
                hints.append(f"{s.n3()} has several values of functional {prop.n3()}: {values}")
    integers = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
                XSD.positiveInteger, XSD.unsignedLong, XSD.unsignedInt, XSD.unsignedShort,
                XSD.unsignedByte}
    for prop, datatype in sorted(graph.subject_objects(RDFS.range)):
        if datatype not in OWL2_DATATYPES or datatype == RDFS.Literal:
            continue
        for s, o in sorted(graph.subject_objects(prop)):
            if not isinstance(o, Literal):
                continue
            actual = o.datatype or (URIRef(_RDF_NS + "langString") if o.language else XSD.string)
            if actual == datatype:
                continue
            if datatype == XSD.nonNegativeInteger and actual in integers and int(o) >= 0:
                continue
            hints.append(f"{s.n3()} {prop.n3()} {o.n3()} is outside the range {datatype.n3()}")
    return hints


def check_consistency(data: rdflib.Graph | None = None) -> ConsistencyResult:
    """Run HermiT on the ontology, merged with ``data`` when given.

    Returns ``consistent=False`` with an explanation when HermiT finds the ontology (and data)
    inconsistent. Raises :class:`kg.errors.ConfigError` when Java is missing, and
    :class:`kg.errors.StancegraphError` when HermiT fails for another reason.
    """
    import owlready2

    _java()
    graph = _merged(data)
    ill_typed = _ill_typed(graph)
    if ill_typed:
        shown = "; ".join(ill_typed[:_MAX_HINTS])
        more = f" (and {len(ill_typed) - _MAX_HINTS} more)" if len(ill_typed) > _MAX_HINTS else ""
        return ConsistencyResult(
            False, f"ill-typed literals make the data inconsistent: {shown}{more}"
        )

    with tempfile.TemporaryDirectory(prefix="stancegraph-hermit-") as tmp:
        path = Path(tmp) / "ontology-and-data.nt"
        _for_reasoner(graph).serialize(destination=str(path), format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            try:
                world.get_ontology(path.as_uri()).load(format="ntriples")
            except Exception as err:
                problem = f"owlready2 cannot load the graph for HermiT: {err}"
                raise StancegraphError(problem) from err
            try:
                owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
            except owlready2.OwlReadyInconsistentOntologyError as err:
                hints = _hints(graph)
                text = "HermiT found the ontology and data inconsistent"
                detail = str(err).strip()
                if detail:
                    text += f": {detail}"
                if hints:
                    shown = "; ".join(hints[:_MAX_HINTS])
                    extra = len(hints) - _MAX_HINTS
                    more = f" (and {extra} more)" if extra > 0 else ""
                    text += f". Likely causes: {shown}{more}"
                else:
                    text += (
                        ". No simple cause found: look for nodes in disjoint classes, functional "
                        "properties with several values and values outside a property's range."
                    )
                return ConsistencyResult(False, text)
            except FileNotFoundError as err:  # Java vanished between the check and the run
                raise ConfigError(f"HermiT needs Java, which could not be started: {err}") from err
            except owlready2.OwlReadyJavaError as err:
                problem = " ".join(str(err).split())[:2000]
                raise StancegraphError(f"HermiT failed: {problem}") from err
        finally:
            world.close()
    what = "the ontology and the data graph are" if data is not None else "the ontology is"
    return ConsistencyResult(True, f"HermiT: {what} consistent")
