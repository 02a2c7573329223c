"""The topic scheme (data/lexicon/topics.ttl): well formed, and Wikidata matches only with evidence."""

from __future__ import annotations

import csv
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SKOS

from kg.namespaces import SG

LEXICON = Path(__file__).resolve().parent.parent / "data" / "lexicon"
WD = "http://www.wikidata.org/entity/"


def _scheme() -> rdflib.Graph:
    return rdflib.Graph().parse(LEXICON / "topics.ttl", format="turtle")


def test_every_topic_has_a_label_a_trigger_and_a_place_in_the_scheme():
    graph = _scheme()
    (scheme,) = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 40
    for concept in concepts:
        assert len(list(graph.objects(concept, SKOS.prefLabel))) == 1, concept
        assert list(graph.objects(concept, SG.trigger)), concept
        assert (concept, SKOS.inScheme, scheme) in graph, concept
        top = (concept, SKOS.topConceptOf, scheme) in graph
        broader = list(graph.objects(concept, SKOS.broader))
        assert top != bool(broader), f"{concept}: a top concept or a narrower one, not both or neither"
        assert all(b in concepts for b in broader)


def test_exact_matches_are_unique_wikidata_labels_of_the_concept():
    graph = _scheme()
    by_label: dict[str, set[str]] = {}
    with (LEXICON / "elevant-labels.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) >= 2:
                by_label.setdefault(row[1].casefold(), set()).add(row[0])
    matches = list(graph.subject_objects(SKOS.exactMatch))
    assert matches  # the scheme does link some topics
    for concept, target in matches:
        assert str(target).startswith(WD), target
        qid = str(target)[len(WD):]
        labels = [str(v) for p in (SKOS.prefLabel, SKOS.altLabel) for v in graph.objects(concept, p)]
        evidence = [label for label in labels if by_label.get(label.casefold()) == {qid}]
        assert evidence, f"{concept} exactMatch {qid}: no label of it pairs with that QID alone"
