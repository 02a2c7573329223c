"""``kg export --format wikidata|quickstatements``: only linked entities, every statement
referenced, nothing the graph does not say."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import rdflib
from conftest import REPO
from rdflib.namespace import DCTERMS, OWL, PROV, RDF

from kg.build import build
from kg.cli import main
from kg.export.wikidata import export
from kg.namespaces import SG

RETRIEVED = dt.date(2026, 11, 24)
WD = "http://www.wikidata.org/entity/"


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    out = tmp_path_factory.mktemp("wh-samples")
    build([REPO / "data" / "samples" / "whitehouse"], out)
    return out, rdflib.Graph().parse(out / "graph.ttl")


def _expected_events(graph: rdflib.Graph) -> dict[str, set[str]]:
    """Event IRI -> QIDs of its linked participants, for events with a usable reference."""
    out = {}
    for event in graph.subjects(RDF.type, SG.Event):
        qids = {str(q)[len(WD):] for p in graph.objects(event, SG.participant) for q in graph.objects(p, OWL.sameAs)}
        referenced = False
        for doc in graph.objects(event, PROV.wasDerivedFrom):
            publisher = graph.value(doc, DCTERMS.publisher)
            linked = publisher is not None and (publisher, OWL.sameAs, None) in graph
            referenced = referenced or graph.value(doc, DCTERMS.source) is not None or linked
        if qids and referenced:
            out[str(event)] = qids
    return out


@pytest.mark.parametrize("build_name", ["samples", "seed_build"])
def test_wikidata_json_holds_only_linked_participants_with_references(request, build_name):
    if build_name == "samples":
        out, graph = request.getfixturevalue("samples")
    else:
        out, _ = request.getfixturevalue("seed_build")
        graph = request.getfixturevalue("seed_graph")
    expected = _expected_events(graph)
    items = [json.loads(line) for line in export(out, "wikidata", RETRIEVED).splitlines()]
    assert len(items) == len(expected) > 0
    found = {item["descriptions"]["en"]["value"].rsplit(" ", 1)[-1]: item for item in items}
    for iri, qids in expected.items():
        claims = found[iri]["claims"]
        assert {c["mainsnak"]["datavalue"]["value"]["id"] for c in claims["P710"]} == qids
        for claim in (c for group in claims.values() for c in group):
            assert claim["references"], claim
            for ref in claim["references"]:
                assert "P854" in ref["snaks"] or "P248" in ref["snaks"]
                assert ref["snaks"]["P813"][0]["datavalue"]["value"]["time"] == "+2026-11-24T00:00:00Z"
        date = rdflib.Graph.value(graph, rdflib.URIRef(iri), SG.date)
        if date is None or date.datatype == rdflib.XSD.gMonthDay:
            assert "P585" not in claims  # no year in the text: nothing Wikidata can hold
        else:
            (time,) = claims["P585"]
            assert time["mainsnak"]["datavalue"]["value"]["time"].startswith("+" + str(date)[:4])


def test_a_linked_publisher_is_stated_in(seed_build):
    out, _ = seed_build
    items = [json.loads(line) for line in export(out, "wikidata", RETRIEVED).splitlines()]
    stated = {ref["snaks"]["P248"][0]["datavalue"]["value"]["id"]
              for item in items for c in item["claims"]["P710"] for ref in c["references"] if "P248" in ref["snaks"]}
    assert stated  # seed 002's publisher is linked


def test_quickstatements_lines(samples):
    out, graph = samples
    qids = {str(q)[len(WD):] for q in graph.objects(None, OWL.sameAs)}
    lines = export(out, "quickstatements", RETRIEVED).splitlines()
    assert lines.count("CREATE") == len(_expected_events(graph))
    for line in lines:
        if line == "CREATE":
            continue
        fields = line.split("\t")
        assert fields[0] == "LAST"
        if fields[1] == "Len":
            assert fields[2].startswith('"') and fields[2].endswith('"')
            continue
        assert fields[1] in ("P710", "P585")
        if fields[1] == "P710":
            assert fields[2] in qids  # never a QID the graph does not link
        assert "S813" in fields and fields[fields.index("S813") + 1] == "+2026-11-24T00:00:00Z/11"
        assert "S854" in fields or "S248" in fields


def test_export_command(samples, tmp_path, capsys):
    out, _ = samples
    target = tmp_path / "facts.qs"
    assert main(["export", str(out), "--format", "quickstatements", "--retrieved", "2026-11-24", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == export(out, "quickstatements", RETRIEVED)
    assert main(["export", str(out), "--format", "wikidata", "--retrieved", "24/11/2026"]) == 2
    assert "not a date" in capsys.readouterr().err
