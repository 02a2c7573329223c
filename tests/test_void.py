"""OUT/void.ttl describes the build it sits in: counts that agree with graph.ttl."""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF

from kg.export.void import VOID
from kg.namespaces import SG


def test_void_counts_agree_with_the_graph(seed_build, seed_graph):
    out, _ = seed_build
    void = rdflib.Graph().parse(out / "void.ttl")
    (dataset,) = void.subjects(VOID.subset, None)
    assert int(void.value(dataset, VOID.triples)) == len(seed_graph)
    assert str(void.value(dataset, VOID.uriSpace)) == "https://w3id.org/stancegraph/id/"
    partitions = {void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
                  for p in void.objects(dataset, VOID.classPartition)}
    for cls in (SG.Statement, SG.Event, SG.Position, SG.Actor):
        assert partitions[cls] == len(set(seed_graph.subjects(RDF.type, cls))) > 0
    (linkset,) = void.subjects(RDF.type, VOID.Linkset)
    assert int(void.value(linkset, VOID.triples)) == len(list(seed_graph.subject_objects(OWL.sameAs))) > 0
    examples = set(void.objects(dataset, VOID.exampleResource))
    assert examples and all((e, None, None) in seed_graph for e in examples)
    assert not any(isinstance(t, rdflib.BNode) for triple in void for t in triple)


def test_void_names_every_vocabulary_used_and_no_endpoint(seed_build, seed_graph):
    """The build's folder has no SPARQL endpoint (kg serve adds its own when it serves the
    description); void:vocabulary names the vocabulary of every property and class used,
    rdf, rdfs and owl among them (issue 22)."""
    out, _ = seed_build
    void = rdflib.Graph().parse(out / "void.ttl")
    assert not list(void.objects(None, VOID.sparqlEndpoint))
    (dataset,) = void.subjects(VOID.subset, None)
    named = {str(v) for v in void.objects(dataset, VOID.vocabulary)}
    used = {str(p) for p in seed_graph.predicates()} | {str(c) for c in seed_graph.objects(None, RDF.type)}
    assert all(any(term.startswith(v) for v in named) for term in used)
    assert {str(RDF), "http://www.w3.org/2000/01/rdf-schema#", str(OWL)} <= named
