"""End to end on the pinned model: the seed build's outputs, their agreement and stability."""

from __future__ import annotations

import filecmp
import json

import rdflib
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS

from kg.build import build
from kg.namespaces import SG

from conftest import SEEDS

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.trig", "validation.ttl", "mappings.sssom.tsv", "void.ttl")


def test_build_writes_every_contract_output(seed_build):
    out, summary = seed_build
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0, name
    assert (out / "store").is_dir()
    assert summary.documents == 5 and not summary.failures
    assert summary.conforms, (out / "validation.ttl").read_text()


def test_the_three_serialisations_hold_the_same_triples(seed_build, seed_graph):
    out, summary = seed_build
    jsonld = rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")
    dataset = rdflib.Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(seed_graph) == summary.triples
    assert isomorphic(seed_graph, jsonld)
    assert isomorphic(seed_graph, union)


def test_trig_has_one_named_graph_per_document(seed_build):
    out, _ = seed_build
    dataset = rdflib.Dataset()
    dataset.parse(out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if g.identifier != DATASET_DEFAULT_GRAPH_ID}
    documents = {str(s) for s, _, _, _ in dataset.quads((None, RDF.type, SG.Document, None))}
    assert documents and names == documents


def test_trig_has_each_quad_once(seed_build):
    import pyoxigraph as ox

    out, _ = seed_build
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    assert quads and len(quads) == len(set(quads))


def test_jsonld_is_compacted_with_the_project_context(seed_build):
    out, _ = seed_build
    data = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict) and data["@context"]
    assert any("speaker" in node for node in data["@graph"])


def test_two_builds_are_byte_identical(seed_build, tmp_path):
    first, _ = seed_build
    second = tmp_path / "again"
    build([SEEDS], second)
    for name in OUTPUTS:
        assert filecmp.cmp(first / name, second / name, shallow=False), name


def test_statement_text_is_the_document_text_at_its_offsets(seed_graph):
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    by_id = {}
    for doc in seed_graph.subjects(RDF.type, SG.Document):
        by_id[doc] = texts[str(seed_graph.value(doc, rdflib.DCTERMS.identifier)) + ".txt"]
    statements = list(seed_graph.subjects(RDF.type, SG.Statement))
    assert len(statements) >= 20
    for s in statements:
        text = by_id[seed_graph.value(s, rdflib.PROV.wasDerivedFrom)]
        begin = int(seed_graph.value(s, rdflib.URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex")))
        end = int(seed_graph.value(s, rdflib.URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex")))
        assert text[begin:end] == str(seed_graph.value(s, SG.text))


def test_links_come_only_from_verified_gazetteer_rows(seed_graph, lexicon):
    verified = {e.qid for e in lexicon.gazetteer if e.verified}
    links = {str(o).rsplit("/", 1)[1] for o in seed_graph.objects(None, OWL.sameAs)}
    assert links and links <= verified
    labels = {str(seed_graph.value(s, RDFS.label)) for s in seed_graph.subjects(OWL.sameAs, None)}
    assert "China" in labels and "Wang Yi" not in labels


def test_one_actor_iri_across_documents(seed_graph):
    wang = [s for s in seed_graph.subjects(RDFS.label, rdflib.Literal("Wang Yi"))]
    assert len(wang) == 1
    mentioned = set(seed_graph.objects(wang[0], SG.mentionedIn))
    assert len(mentioned) >= 3


def test_hermit_finds_ontology_and_seed_data_consistent(seed_graph):
    from kg.validate import check_consistency

    result = check_consistency(seed_graph)
    assert result.consistent, result.explanation


def test_hermit_sees_an_actor_linked_twice_as_both_person_and_country(seed_graph):
    # the same Wikidata item on a Person and on a Country: disjoint classes, so inconsistent
    graph = rdflib.Graph()
    graph += seed_graph
    person = next(seed_graph.subjects(RDF.type, SG.Person))
    graph.add((person, OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q148")))
    from kg.validate import check_consistency

    assert not check_consistency(graph).consistent


def test_base_option_mints_every_resource_under_it(tmp_path):
    base = "http://example.org/kg/"
    out = tmp_path / "based"
    summary = build([SEEDS / "004_754aac9a963474c7.txt"], out, base=base)
    graph = rdflib.Graph().parse(out / "graph.ttl")
    minted = {s for s in graph.subjects() if isinstance(s, rdflib.URIRef)} - set(graph.subjects(RDF.type, rdflib.SKOS.Concept)) - set(graph.subjects(RDF.type, rdflib.SKOS.ConceptScheme))
    assert summary.statements and minted
    assert all(str(s).startswith(base) for s in minted), sorted(s for s in minted if not str(s).startswith(base))
    void = rdflib.Graph().parse(out / "void.ttl")
    assert {str(o) for o in void.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#uriSpace"))} >= {base}
    assert all(str(s).startswith(base) for s in void.subjects())


def test_outputs_are_as_readable_as_any_new_file(seed_build):
    import os

    out, _ = seed_build
    mask = os.umask(0o022)
    os.umask(mask)
    for name in OUTPUTS:
        assert (out / name).stat().st_mode & 0o777 == 0o666 & ~mask, name
