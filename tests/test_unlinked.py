"""unlinked.csv: actors without owl:sameAs, for reconciliation in OpenRefine (kg/export/unlinked.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.export.unlinked import COLUMNS, write_unlinked_csv

ID = "https://w3id.org/stancegraph/id/"

# Per-document facts in named graphs, actors in the default graph: the shape of OUT/graph.trig.
TRIG = """
@prefix sg: <https://w3id.org/stancegraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <https://w3id.org/stancegraph/id/> .

id:actor\\/Q900000003 a sg:Actor, sg:Country ; rdfs:label "Exampleland" ;
    owl:sameAs <http://www.wikidata.org/entity/Q900000003> .
id:actor\\/country\\/otherland a sg:Actor, sg:Country ; rdfs:label "Otherland" .
id:actor\\/person\\/example-person a sg:Actor, sg:Person ; rdfs:label "Example Person" ;
    sg:affiliation id:actor\\/Q900000003, id:actor\\/organization\\/example-ministry .
id:actor\\/person\\/zoe a sg:Actor, sg:Person ; rdfs:label "Zoë \\"Zed\\" D'Ancona, Jr." .
id:actor\\/organization\\/example-ministry a sg:Actor, sg:Organization ; rdfs:label "Example Ministry" .
id:actor\\/organization\\/example-wire a sg:Actor, sg:Organization ; rdfs:label "Example Wire" .

id:doc\\/b {
  id:doc\\/b a sg:Document ; dcterms:title "Second document" ; dcterms:publisher id:actor\\/organization\\/example-wire .
  id:actor\\/person\\/example-person sg:mentionedIn id:doc\\/b .
  id:actor\\/Q900000003 sg:mentionedIn id:doc\\/b .
  id:statement\\/b\\/5-40 a sg:Statement ; sg:speaker id:actor\\/person\\/example-person ;
    sg:text "the later statement" ; nif:beginIndex "5"^^xsd:nonNegativeInteger ; prov:wasDerivedFrom id:doc\\/b .
}

id:doc\\/a {
  id:doc\\/a a sg:Document ; dcterms:title "First document, with a comma" .
  id:actor\\/person\\/example-person sg:mentionedIn id:doc\\/a .
  id:actor\\/person\\/zoe sg:mentionedIn id:doc\\/a .
  id:actor\\/organization\\/example-ministry sg:mentionedIn id:doc\\/a .
  id:statement\\/a\\/90-120 a sg:Statement ; sg:speaker id:actor\\/person\\/example-person ;
    sg:text "talks must\\n  go \\"on\\", and on" ; nif:beginIndex "90"^^xsd:nonNegativeInteger ; prov:wasDerivedFrom id:doc\\/a .
  id:statement\\/a\\/200-210 a sg:Statement ; sg:speaker id:actor\\/person\\/example-person ;
    sg:text "even later" ; nif:beginIndex "200"^^xsd:nonNegativeInteger ; prov:wasDerivedFrom id:doc\\/a .
}
"""

EXPECTED = [
    COLUMNS,
    [ID + "actor/person/example-person", "Example Person", "Person", "Exampleland; Example Ministry",
     'talks must go "on", and on', "2"],
    [ID + "actor/person/zoe", 'Zoë "Zed" D\'Ancona, Jr.', "Person", "", "First document, with a comma", "1"],
    [ID + "actor/organization/example-ministry", "Example Ministry", "Organization", "", "First document, with a comma", "1"],
    [ID + "actor/organization/example-wire", "Example Wire", "Organization", "", "Second document", "1"],
    [ID + "actor/country/otherland", "Otherland", "Country", "", "", "0"],
]


def dataset() -> ox.Store:
    store = ox.Store()
    store.load(TRIG.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture()
def out_with_store(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    store.extend(list(dataset()))
    store.flush()
    del store
    return out


@pytest.fixture()
def out_with_turtle(tmp_path) -> Path:
    out = tmp_path / "out-ttl"
    out.mkdir()
    triples = sorted({ox.Triple(q.subject, q.predicate, q.object) for q in dataset()}, key=str)
    (out / "graph.ttl").write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE))
    return out


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def test_unlinked_from_the_store(out_with_store, tmp_path):
    target = tmp_path / "unlinked.csv"
    assert write_unlinked_csv(out_with_store, target) == 5
    assert read_csv(target) == EXPECTED


def test_unlinked_from_graph_ttl_when_there_is_no_store(out_with_turtle, tmp_path):
    target = tmp_path / "unlinked.csv"
    write_unlinked_csv(out_with_turtle, target)
    assert read_csv(target) == EXPECTED


def test_csv_is_rfc4180_utf8_and_deterministic(out_with_store, tmp_path):
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    write_unlinked_csv(out_with_store, first)
    write_unlinked_csv(out_with_store, second)
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    assert data.startswith(b"id,name,type,country,context,documents\r\n")
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert '"Zoë ""Zed"" D\'Ancona, Jr."'.encode() in data
    assert b'"First document, with a comma"' in data


def test_no_build_no_csv(tmp_path):
    with pytest.raises(StoreError):
        write_unlinked_csv(tmp_path, tmp_path / "unlinked.csv")


def test_seed_build_unlinked_actors(seed_build, seed_graph, tmp_path):
    out, _ = seed_build
    target = tmp_path / "unlinked.csv"
    write_unlinked_csv(out, target)
    rows = read_csv(target)
    assert rows[0] == COLUMNS
    expected = {
        str(row[0])
        for row in seed_graph.query(
            "PREFIX sg: <https://w3id.org/stancegraph/ontology#> PREFIX owl: <http://www.w3.org/2002/07/owl#> "
            "SELECT ?a WHERE { ?a a sg:Actor FILTER NOT EXISTS { ?a owl:sameAs ?x } }"
        )
    }
    assert {r[0] for r in rows[1:]} == expected
    by_name = {r[1]: r for r in rows[1:]}
    assert "China" not in by_name  # linked
    wang = by_name["Wang Yi"]  # known, but no verified QID
    assert wang[2] == "Person" and int(wang[5]) >= 1 and wang[4]
    assert all(r[2] in ("Person", "Organization", "Country") for r in rows[1:])
