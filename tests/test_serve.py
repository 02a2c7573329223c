"""``kg serve`` over the seed build: the SPARQL 1.1 Protocol, resource pages, VoID, and
SPARQLWrapper as a real client."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from conftest import start_server
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from kg.namespaces import SG
from kg.serve.site import negotiate

COUNT_STATEMENTS = "PREFIX sg: <https://w3id.org/stancegraph/ontology#> SELECT (COUNT(?s) AS ?n) WHERE { ?s a sg:Statement }"


_start = start_server


@pytest.fixture(scope="module")
def served(seed_build):
    out, _ = seed_build
    server, thread = _start(out)
    yield server
    server.shutdown()
    thread.join(timeout=10)


def _call(url, data=None, headers=None, method=None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def _statements(seed_graph) -> int:
    return len(set(seed_graph.subjects(rdflib.RDF.type, SG.Statement)))


# -- the protocol ------------------------------------------------------------------------------

def test_get_post_form_and_post_query_give_the_same_answer(served, seed_graph):
    expected = str(_statements(seed_graph))
    url = served.url + "/sparql"
    answers = [
        _call(url + "?" + urllib.parse.urlencode({"query": COUNT_STATEMENTS}), headers={"Accept": "text/csv"}),
        _call(url, urllib.parse.urlencode({"query": COUNT_STATEMENTS}).encode(),
              {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"}),
        _call(url, COUNT_STATEMENTS.encode(), {"Content-Type": "application/sparql-query", "Accept": "text/csv"}),
    ]
    for status, _, body in answers:
        assert status == 200
        assert list(csv.reader(io.StringIO(body.decode())))[1] == [expected]


@pytest.mark.parametrize("accept, marker", [
    ("application/sparql-results+json", b'"bindings"'),
    ("application/sparql-results+xml", b"<sparql"),
    ("text/csv", b"n\r\n"),
    ("text/tab-separated-values", b"?n\n"),
])
def test_select_results_in_each_format(served, accept, marker):
    status, headers, body = _call(served.url + "/sparql?" + urllib.parse.urlencode({"query": COUNT_STATEMENTS}),
                                  headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept) and marker in body


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt")])
def test_construct_in_each_rdf_format(served, accept, fmt):
    query = "PREFIX sg: <https://w3id.org/stancegraph/ontology#> CONSTRUCT { ?e sg:participant ?p } WHERE { ?e sg:participant ?p }"
    status, headers, body = _call(served.url + "/sparql", query.encode(),
                                  {"Content-Type": "application/sparql-query", "Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(rdflib.Graph().parse(data=body, format=fmt)) > 0


def test_a_malformed_query_is_a_400_that_says_why(served):
    status, _, body = _call(served.url + "/sparql?" + urllib.parse.urlencode({"query": "SELEC ?x WHERE {}"}))
    assert status == 400 and body.startswith(b"malformed SPARQL query: ") and b"1:" in body


@pytest.mark.parametrize("data, content_type", [
    (b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    (b"update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D", "application/x-www-form-urlencoded"),
])
def test_no_update_operations(served, data, content_type):
    status, _, body = _call(served.url + "/sparql", data, {"Content-Type": content_type})
    assert status == 403 and b"read-only" in body
    status, _, body = _call(served.url + "/sparql?" + urllib.parse.urlencode({"query": "ASK { <urn:a> <urn:b> <urn:c> }"}),
                            headers={"Accept": "application/sparql-results+json"})
    assert json.loads(body)["boolean"] is False


def test_cors_on_answers_and_preflight(served):
    _, headers, _ = _call(served.url + "/sparql?" + urllib.parse.urlencode({"query": "ASK {}"}))
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, headers, _ = _call(served.url + "/sparql", method="OPTIONS",
                               headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_a_query_over_the_time_limit_is_stopped(seed_build):
    out, _ = seed_build
    server, thread = _start(out, timeout=1)
    try:
        endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        status, _, body = _call(server.url + "/sparql", endless.encode(), {"Content-Type": "application/sparql-query"})
        assert status == 503 and b"time limit" in body
        assert _call(server.url + "/sparql?query=ASK%7B%7D")[0] == 200  # and the endpoint answers again
    finally:
        server.shutdown()
        thread.join(timeout=10)


# -- SPARQLWrapper, a client researchers use --------------------------------------------------

def test_sparqlwrapper_gets_json_csv_and_turtle(served, seed_graph):
    client = SPARQLWrapper(served.url + "/sparql")
    client.setQuery(COUNT_STATEMENTS)
    client.setReturnFormat(JSON)
    assert client.query().convert()["results"]["bindings"][0]["n"]["value"] == str(_statements(seed_graph))
    client.setReturnFormat(CSV)
    assert client.query().convert().decode().splitlines()[1] == str(_statements(seed_graph))
    client.setQuery("PREFIX sg: <https://w3id.org/stancegraph/ontology#> CONSTRUCT { ?s sg:speaker ?a } WHERE { ?s sg:speaker ?a }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) == len(set(seed_graph.subject_objects(SG.speaker)))


@pytest.mark.parametrize("target, headers", [
    ("/sparql?query=" + urllib.parse.quote("ASK {}"), {"Accept": "text/csv"}),
    ("/sparql?query=" + urllib.parse.quote("ASK {}"), {"Accept": "application/sparql-results+json"}),
    ("/sparql?query=" + urllib.parse.quote("ASK {"), {}),  # a 400
    ("/sparql?update=" + urllib.parse.quote("CLEAR ALL"), {}),  # a 403
])
def test_every_sparql_answer_varies_with_accept(served, target, headers):
    """An answer of /sparql depends on Accept, and says so (issue 22): a shared cache keyed
    on the URL alone would give JSON results to a client that asked for CSV."""
    _, answer_headers, _ = _call(served.url + target, headers=headers)
    assert "Accept" in [v.strip() for v in (answer_headers.get("Vary") or "").split(",")]


# -- resources, ontology, VoID ------------------------------------------------------------------

@pytest.mark.parametrize("accept, check", [
    ("text/html", lambda body: b"<h1>Wang Yi</h1>" in body and b'href="/id/actor/Q148"' in body),
    ("text/turtle", lambda body: len(rdflib.Graph().parse(data=body, format="turtle")) > 0),
    ("application/ld+json", lambda body: len(rdflib.Graph().parse(data=body, format="json-ld")) > 0),
])
def test_a_resource_iri_answers_in_the_format_asked(served, accept, check):
    status, headers, body = _call(served.url + "/id/actor/person/wang-yi", headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept) and headers["Vary"] == "Accept"
    assert check(body)


def test_a_description_holds_the_resources_own_triples(served, seed_graph):
    iri = rdflib.URIRef("https://w3id.org/stancegraph/id/actor/person/wang-yi")
    _, _, body = _call(served.url + "/id/actor/person/wang-yi", headers={"Accept": "text/turtle"})
    described = rdflib.Graph().parse(data=body, format="turtle")
    assert set(described.triples((iri, None, None))) == set(seed_graph.triples((iri, None, None)))


def test_unknown_and_unsafe_resources(served):
    assert _call(served.url + "/id/actor/nobody", headers={"Accept": "text/turtle"})[0] == 404
    assert _call(served.url + "/id/actor/%3E%20x", headers={"Accept": "text/turtle"})[0] in (400, 404)
    assert _call(served.url + "/id/actor/person/wang-yi", headers={"Accept": "image/png"})[0] == 406


def test_ontology_context_and_void_are_served(served, seed_graph):
    status, _, body = _call(served.url + "/ontology", headers={"Accept": "text/turtle"})
    assert status == 200 and (SG.Statement, rdflib.RDF.type, rdflib.OWL.Class) in rdflib.Graph().parse(data=body, format="turtle")
    status, _, body = _call(served.url + "/context.jsonld")
    assert status == 200 and "@context" in json.loads(body)
    status, _, body = _call(served.url + "/.well-known/void", headers={"Accept": "text/turtle"})
    void = rdflib.Graph().parse(data=body, format="turtle")
    endpoint = rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint")
    assert {str(o) for o in void.objects(None, endpoint)} == {served.url + "/sparql"}


def test_the_query_page_and_its_examples(served):
    status, _, body = _call(served.url + "/")
    assert status == 200 and b"/static/yasgui/yasgui.min.js" in body
    status, headers, _ = _call(served.url + "/static/yasgui/yasgui.min.js")
    assert status == 200 and headers["Content-Type"] == "text/javascript"
    assert _call(served.url + "/static/../server.py")[0] == 404
    _, _, body = _call(served.url + "/queries/index.json")
    names = {q["name"] for q in json.loads(body)}
    assert "statements-at-events" in names and all(q["query"] for q in json.loads(body))


@pytest.mark.parametrize("accept, expected", [
    (None, "text/turtle"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "text/html"),
    ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
    ("*/*", "text/html"),
    ("image/png", None),
])
def test_content_negotiation(accept, expected):
    offers = ("text/html", "text/turtle", "application/ld+json") if accept else ("text/turtle", "text/html")
    assert negotiate(accept, offers) == expected


def test_describe_gives_the_resources_triples(served, seed_graph):
    iri = "https://w3id.org/stancegraph/id/actor/person/wang-yi"
    status, headers, body = _call(served.url + "/sparql", f"DESCRIBE <{iri}>".encode(),
                                  {"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    described = rdflib.Graph().parse(data=body, format="turtle")
    assert set(described.triples((rdflib.URIRef(iri), None, None))) == set(seed_graph.triples((rdflib.URIRef(iri), None, None)))
