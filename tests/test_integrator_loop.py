"""The integrator's loop through the command line: import Wikidata data into a user
gazetteer, build with it, review mappings, and hand unlinked actors to OpenRefine."""

from __future__ import annotations

import csv

import rdflib
from rdflib.namespace import OWL, RDFS

from kg.cli import main

from conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "wikidata"
TEXT = "Example Person said that Exampleland supports dialogue. Wang Yi said he agreed.\n"


def _corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    return docs


def _linked(out):
    graph = rdflib.Graph().parse(out / "graph.ttl")
    return {str(graph.value(s, RDFS.label)): str(o) for s, o in graph.subject_objects(OWL.sameAs)}


def test_imported_entity_is_linked_in_the_next_build(tmp_path, capsys):
    gazetteer = tmp_path / "my-gazetteer.tsv"
    assert main(["gazetteer", "import", str(FIXTURES / "sparql-result.csv"), "-g", str(gazetteer)]) == 0
    assert "Q900000001" in gazetteer.read_text(encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(_corpus(tmp_path)), "-o", str(out), "-q", "--gazetteer", str(gazetteer)]) == 0
    assert _linked(out).get("Example Person") == "http://www.wikidata.org/entity/Q900000001"


def test_reviewed_mapping_is_asserted_and_unlinked_export_lists_the_rest(tmp_path, capsys):
    docs = _corpus(tmp_path)
    plain = tmp_path / "plain"
    assert main(["build", str(docs), "-o", str(plain), "-q"]) == 0
    assert "Example Person" not in _linked(plain)
    unlinked = tmp_path / "unlinked.csv"
    assert main(["export-unlinked", str(plain), "-o", str(unlinked)]) == 0
    with unlinked.open(encoding="utf-8", newline="") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    assert "Wang Yi" in names

    # the reviewer accepts a (fictional) QID for Wang Yi: the next build asserts it
    mappings = tmp_path / "reviewed.sssom.tsv"
    header = (FIXTURES / "reviewed.sssom.tsv").read_text(encoding="utf-8").split("subject_id")[0]
    mappings.write_text(
        header
        + "subject_id\tsubject_label\tsubject_category\tpredicate_id\tobject_id\tobject_label\tmapping_justification\tconfidence\n"
        + "sgid:actor/person/wang-yi\tWang Yi\tsg:Person\tskos:exactMatch\twikidata:Q900000099\tWang Yi\tsemapv:ManualMappingCuration\t1.0\n",
        encoding="utf-8",
    )
    reviewed = tmp_path / "out"
    assert main(["build", str(docs), "-o", str(reviewed), "-q", "--mappings", str(mappings)]) == 0
    assert _linked(reviewed).get("Wang Yi") == "http://www.wikidata.org/entity/Q900000099"
    assert main(["export-unlinked", str(reviewed), "-o", str(unlinked)]) == 0
    assert "Wang Yi" not in unlinked.read_text(encoding="utf-8")
