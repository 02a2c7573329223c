"""What the standards say, checked on ``kg query`` and ``kg serve`` over the seed build
(issue 22): a query's dataset (SPARQL 1.1 Query §13.2), the Protocol's dataset parameters,
the datatypes of the files kept in every answer, the Service Description, content
negotiation without a specific type, and every IRI the build publishes answering."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
import rdflib
from conftest import start_server
from rdflib.compare import isomorphic

from kg.query import open_store, run_query
from kg.query.sparql_text import declares_dataset, has_relative_iri
from kg.resources import resource_path
from kg.serve.site import results_accept

NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
COUNT = "SELECT (COUNT(*) AS ?n) {dataset} WHERE {{ {pattern} }}"


@pytest.fixture(scope="module")
def served(seed_build):
    server, thread = start_server(seed_build[0])
    yield server
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def graphs(seed_build):
    """Each graph of the build's TriG with its number of triples."""
    dataset = rdflib.Dataset()
    dataset.parse(seed_build[0] / "graph.trig", format="trig")
    return {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}


def _call(url, data=None, headers=None):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def _served_count(served, query, params=()):
    url = served.url + "/sparql?" + urllib.parse.urlencode([("query", query), *params])
    status, _, body = _call(url, headers={"Accept": "text/csv"})
    assert status == 200, body
    return int(list(csv.reader(io.StringIO(body.decode())))[1][0])


def _local_count(seed_build, query):
    rows = run_query(open_store(seed_build[0]), query).rows
    return int(rows[0][0].value)


# -- the dataset of a query --------------------------------------------------------------------

def _document_graph(graphs):
    return next(g for g in sorted(graphs) if "/doc/" in g)


@pytest.mark.parametrize("where", ["local", "served"])
def test_from_and_from_named_choose_the_dataset(seed_build, served, graphs, where):
    """SPARQL 1.1 Query §13.2: FROM <g> makes g the default graph; FROM NAMED alone leaves
    the default graph empty; without either, the default graph is the union of the graphs."""
    count = (lambda q: _local_count(seed_build, q)) if where == "local" else (lambda q: _served_count(served, q))
    doc = _document_graph(graphs)
    union = len(rdflib.Graph().parse(seed_build[0] / "graph.ttl", format="turtle"))
    assert count(COUNT.format(dataset="", pattern="?s ?p ?o")) == union
    assert count(COUNT.format(dataset=f"FROM <{doc}>", pattern="?s ?p ?o")) == graphs[doc]
    assert count(COUNT.format(dataset=f"FROM NAMED <{doc}>", pattern="?s ?p ?o")) == 0
    assert count(COUNT.format(dataset=f"FROM NAMED <{doc}>", pattern="GRAPH ?g { ?s ?p ?o }")) == graphs[doc]
    other = [g for g in sorted(graphs) if "/doc/" in g][1]
    both = COUNT.format(dataset=f"FROM <{doc}> FROM <{other}>", pattern="?s ?p ?o")
    assert graphs[doc] < count(both) <= graphs[doc] + graphs[other]


def test_the_protocols_dataset_parameters_choose_the_dataset(served, graphs):
    """SPARQL 1.1 Protocol §2.1.4: default-graph-uri and named-graph-uri give the dataset."""
    doc = _document_graph(graphs)
    assert _served_count(served, COUNT.format(dataset="", pattern="?s ?p ?o"), [("default-graph-uri", doc)]) == graphs[doc]
    named = [("named-graph-uri", doc)]
    assert _served_count(served, COUNT.format(dataset="", pattern="GRAPH ?g { ?s ?p ?o }"), named) == graphs[doc]
    assert _served_count(served, COUNT.format(dataset="", pattern="?s ?p ?o"), named) == 0


@pytest.mark.parametrize("query, dataset", [
    ("SELECT * FROM <urn:g> { ?s ?p ?o }", True),
    ("SELECT * from named <urn:g> { GRAPH ?g { ?s ?p ?o } }", True),
    ("SELECT ?from { ?from <urn:from> 'FROM' } # FROM", False),
    ("PREFIX from: <urn:x#> SELECT * { ?s from:p ?o }", False),
])
def test_a_dataset_clause_is_read_as_a_keyword(query, dataset):
    assert declares_dataset(query) is dataset


# -- relative IRIs -----------------------------------------------------------------------------

def test_relative_iris_resolve_against_the_endpoints_own_address(served):
    status, _, body = _call(served.url + "/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT ?x WHERE { BIND(<doc/1> AS ?x) }"}), headers={"Accept": "application/sparql-results+json"})
    assert status == 200
    assert json.loads(body)["results"]["bindings"][0]["x"]["value"] == served.url + "/doc/1"


@pytest.mark.parametrize("query, relative", [
    ("SELECT * { <doc/1> ?p ?o }", True), ("SELECT * { ?s ?p <> }", True),
    ("SELECT * { <urn:a> ?p '<b>' } # <c>", False), ("SELECT * { ?s ?p ?o FILTER(?o < 3 || ?o > 5) }", False),
])
def test_a_relative_iri_is_told_from_an_absolute_one(query, relative):
    assert has_relative_iri(query) is relative


# -- datatypes ----------------------------------------------------------------------------------

def _index_datatypes(graph: rdflib.Graph) -> set[str]:
    return {str(o.datatype) for p in ("beginIndex", "endIndex") for o in graph.objects(None, rdflib.URIRef(NIF + p))}


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_a_dereferenced_statement_keeps_the_files_datatypes(served, seed_graph, accept, fmt):
    statement = next(iter(sorted(seed_graph.subjects(rdflib.URIRef(NIF + "beginIndex"), None))))
    status, _, body = _call(served.url + "/id/" + str(statement).split("/id/", 1)[1], headers={"Accept": accept})
    assert status == 200
    described = rdflib.Graph().parse(data=body, format=fmt)
    assert _index_datatypes(described) == {XSD + "nonNegativeInteger"}
    assert set(described.triples((statement, None, None))) == set(seed_graph.triples((statement, None, None)))


def test_construct_answers_keep_the_files_datatypes(seed_build, served):
    query = f"CONSTRUCT {{ ?s <{NIF}beginIndex> ?b ; <{NIF}endIndex> ?e }} WHERE {{ ?s <{NIF}beginIndex> ?b ; <{NIF}endIndex> ?e }}"
    status, _, body = _call(served.url + "/sparql", query.encode(),
                            {"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert status == 200 and _index_datatypes(rdflib.Graph().parse(data=body, format="turtle")) == {XSD + "nonNegativeInteger"}
    triples = run_query(open_store(seed_build[0]), query).triples
    assert triples and {t.object.datatype.value for t in triples} == {XSD + "nonNegativeInteger"}


# -- the protocol's corners ---------------------------------------------------------------------

@pytest.mark.parametrize("accept", [None, "text/turtle", "application/ld+json", "*/*"])
def test_the_endpoint_without_a_query_describes_itself(served, accept):
    """SPARQL 1.1 Service Description §2: a GET on the endpoint without a query string
    returns its service description."""
    status, headers, body = _call(served.url + "/sparql", headers={"Accept": accept} if accept else {})
    assert status == 200
    fmt = "json-ld" if headers["Content-Type"].startswith("application/ld+json") else "turtle"
    description = rdflib.Graph().parse(data=body, format=fmt)
    service = description.value(predicate=rdflib.RDF.type, object=SD.Service)
    assert description.value(service, SD.endpoint) == rdflib.URIRef(served.url + "/sparql")
    assert (service, SD.supportedLanguage, SD.SPARQL11Query) in description
    assert (service, SD.resultFormat, rdflib.URIRef("http://www.w3.org/ns/formats/SPARQL_Results_CSV")) in description


def test_a_browser_on_the_endpoint_is_sent_to_the_query_page(served):
    request = urllib.request.Request(served.url + "/sparql", headers={"Accept": "text/html,*/*;q=0.8"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(request, timeout=30)
    assert answer.value.code == 303 and answer.value.headers["Location"] == "/"


@pytest.mark.parametrize("query, accept, expected", [
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "text/*", "text/csv"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", None, "application/sparql-results+json"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", "*/*", "application/sparql-results+json"),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", None, "text/turtle"),
    ("DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 1", "*/*", "text/turtle"),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "text/*", "text/turtle"),
    ("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", "application/*", "application/n-triples"),
])
def test_a_wildcard_or_no_accept_gets_a_format_of_that_kind(served, query, accept, expected):
    status, headers, _ = _call(served.url + "/sparql", query.encode(),
                               {"Content-Type": "application/sparql-query", **({"Accept": accept} if accept else {})})
    assert status == 200 and headers["Content-Type"].split(";")[0] == expected


def test_wildcards_are_spelt_out_keeping_their_weight():
    assert results_accept("text/csv") == "text/csv"
    spelt = results_accept("application/sparql-results+xml, text/*;q=0.5")
    assert spelt.startswith("application/sparql-results+xml, ") and "text/csv;q=0.5" in spelt
    assert "application/sparql-results+json" not in spelt
    assert "text/tab-separated-values" not in results_accept("text/*, text/tab-separated-values;q=0")


def test_several_queries_in_one_request_are_refused(served):
    status, _, _ = _call(served.url + "/sparql?" + urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")]))
    assert status == 400


# -- every published IRI answers ------------------------------------------------------------------

def _ontology():
    return rdflib.Graph().parse(resource_path("ontology", "stancegraph.ttl"), format="turtle")


def test_the_ontologys_version_iri_and_its_shapes_answer(served):
    ontology = _ontology()
    header = rdflib.URIRef("https://w3id.org/stancegraph/ontology")
    version = ontology.value(header, rdflib.OWL.versionIRI)
    status, _, body = _call(served.url + urllib.parse.urlsplit(str(version)).path.removeprefix("/stancegraph"),
                            headers={"Accept": "text/turtle"})
    assert status == 200 and isomorphic(rdflib.Graph().parse(data=body, format="turtle"), ontology)
    for see_also in ontology.objects(header, rdflib.RDFS.seeAlso):
        path = urllib.parse.urlsplit(str(see_also)).path.removeprefix("/stancegraph")
        status, _, body = _call(served.url + path, headers={"Accept": "text/turtle"})
        shapes = rdflib.Graph().parse(data=body, format="turtle")
        assert status == 200 and (see_also, rdflib.RDF.type, rdflib.OWL.Ontology) in shapes


@pytest.mark.parametrize("accept, fmt", [("application/n-triples", "nt"), ("application/rdf+xml", "xml"),
                                         ("application/ld+json", "json-ld")])
def test_the_ontology_in_every_rdf_format(served, accept, fmt):
    status, headers, body = _call(served.url + "/ontology", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert isomorphic(rdflib.Graph().parse(data=body, format=fmt), _ontology())


def test_every_void_iri_in_the_id_space_answers(served, seed_build):
    void = rdflib.Graph().parse(seed_build[0] / "void.ttl", format="turtle")
    space = str(next(void.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#uriSpace"))))
    own = sorted({str(t) for triple in void for t in triple if str(t).startswith(space) and "/void/" in str(t)})
    assert len(own) >= 3
    for iri in own:
        status, _, body = _call(served.url + "/id/" + iri[len(space):], headers={"Accept": "text/turtle"})
        described = rdflib.Graph().parse(data=body, format="turtle")
        assert status == 200 and set(void.triples((rdflib.URIRef(iri), None, None))) <= set(described), iri


@pytest.mark.parametrize("path", ["/id/actor/person/wang-yi", "/ontology", "/.well-known/void", "/sparql"])
def test_any_type_gets_turtle_and_a_browser_gets_a_page_that_links_the_rdf(served, path):
    status, headers, _ = _call(served.url + path, headers={"Accept": "*/*"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    if path == "/sparql":
        return
    status, headers, body = _call(served.url + path, headers={"Accept": "text/html,*/*;q=0.8"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    links = set(re.findall(rb'<link rel="alternate" type="([^"]+)" href="([^"]+)">', body))
    assert {t for t, _ in links} >= {b"text/turtle", b"application/ld+json", b"application/n-triples"}
    for media_type, href in links:
        status, headers, _ = _call(served.url + href.decode(), headers={"Accept": media_type.decode()})
        assert status == 200 and headers["Content-Type"].startswith(media_type.decode())


def test_the_store_answers_graphs_with_declared_datatypes_only_where_declared():
    """An xsd:integer of a property without a declared integer range stays as it is."""
    from kg.query.datatypes import retyped

    s, other = ox.NamedNode("urn:s"), ox.NamedNode("urn:p")
    integer = ox.NamedNode(XSD + "integer")
    begin = ox.NamedNode(NIF + "beginIndex")
    triples = [ox.Triple(s, begin, ox.Literal("4", datatype=integer)), ox.Triple(s, other, ox.Literal("4", datatype=integer)),
               ox.Triple(s, begin, ox.Literal("-1", datatype=integer))]
    assert [t.object.datatype.value for t in retyped(triples)] == [XSD + "nonNegativeInteger", XSD + "integer", XSD + "integer"]
