"""The W3C SPARQL 1.1 Protocol tests that apply to a read-only endpoint, run against
``kg serve`` (issue 22). The cases are in ``tests/fixtures/w3c-protocol/cases.json``, each
request and expectation as the W3C manifest gives it (the file names its source); the
server serves a store holding the manifest's four data graphs."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import rdflib
from conftest import start_server

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "w3c-protocol"
CASES = json.loads((FIXTURES / "cases.json").read_text(encoding="utf-8"))["cases"]
RESULTS_XML = "{http://www.w3.org/2005/sparql-results#}"
RDF_SYNTAXES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
                "application/ld+json": "json-ld", "application/n-quads": "nquads", "application/trig": "trig"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """``kg serve`` over a store that holds the manifest's data graphs."""
    out = tmp_path_factory.mktemp("w3c-protocol")
    store = ox.Store(str(out / "store"))
    store.load(path=str(FIXTURES / "graphs.trig"), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    server, thread = start_server(out)
    yield server.url
    server.shutdown()
    thread.join(timeout=10)


def _send(url: str, case: dict) -> tuple[int, str, bytes]:
    body = case.get("body")
    data = body.encode("utf-16" if case.get("encoding") == "UTF-16" else "utf-8") if body is not None else None
    # the manifest's endpoint is /sparql/, this server's /sparql
    path = "/sparql" + case["path"].removeprefix("/sparql/")
    request = urllib.request.Request(url + path, data=data, method=case["method"])
    if "content-type" in case:
        request.add_header("Content-Type", case["content-type"])
    elif data is not None:
        request.add_unredirected_header("Content-Type", "")  # none: urllib would send a form type
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get("Content-Type", ""), err.read()


def _boolean(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return json.loads(body)["boolean"]
    if media_type == "application/sparql-results+xml":
        return ElementTree.fromstring(body).find(f"{RESULTS_XML}boolean").text.strip() == "true"
    raise AssertionError(f"not a boolean result format: {media_type}")


def _tabular(media_type: str, body: bytes) -> list:
    if media_type == "application/sparql-results+json":
        return json.loads(body)["results"]["bindings"]
    if media_type == "application/sparql-results+xml":
        return ElementTree.fromstring(body).findall(f"{RESULTS_XML}results/{RESULTS_XML}result")
    if media_type in ("text/csv", "text/tab-separated-values"):
        dialect = "excel" if media_type == "text/csv" else "excel-tab"
        return list(csv.reader(io.StringIO(body.decode("utf-8")), dialect=dialect))[1:]
    raise AssertionError(f"not a tabular result format: {media_type}")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_w3c_protocol_case(endpoint, case):
    status, content_type, body = _send(endpoint, case)
    if case["status"] == "4xx":
        assert 400 <= status < 500, (status, body)
        return
    assert 200 <= status < 400, (status, body)
    media_type = content_type.split(";")[0].strip()
    if case.get("format") == "boolean":
        answer = _boolean(media_type, body)
        if "boolean" in case:
            assert answer is case["boolean"]
    elif case.get("format") == "tabular":
        assert len(_tabular(media_type, body)) == 1
    elif case.get("format") == "RDF":
        assert media_type in RDF_SYNTAXES, media_type
        rdflib.Graph().parse(data=body, format=RDF_SYNTAXES[media_type])


def test_the_cases_are_the_manifests_read_only_ones():
    names = {c["name"] for c in CASES}
    assert len(names) == len(CASES) == 27
    assert not any(n.startswith("update_") for n in names)
