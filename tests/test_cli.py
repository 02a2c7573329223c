"""The ``kg`` command line: exit codes, messages, formats."""

from __future__ import annotations

import csv
import io
import json

import rdflib

from kg.cli import main
from kg.namespaces import SG
from kg.resources import resource_path


def test_query_table_csv_json(seed_build, capsys):
    out, _ = seed_build
    sparql = "SELECT ?label WHERE { ?a a <https://w3id.org/stancegraph/ontology#Country> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
    assert main(["query", str(out), sparql]) == 0
    table = capsys.readouterr().out
    assert "China" in table and "rows)" in table
    assert main(["query", str(out), sparql, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["label"] and ["China"] in rows
    assert main(["query", str(out), sparql, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["head"]["vars"] == ["label"]
    assert {"type": "literal", "value": "China"} in [b["label"] for b in data["results"]["bindings"]]


def test_query_from_file(seed_build, capsys):
    out, _ = seed_build
    path = resource_path("queries") / "actors-with-wikidata.rq"
    assert main(["query", str(out), "-f", str(path)]) == 0
    assert "Q148" in capsys.readouterr().out


def test_malformed_query_is_an_error(seed_build, capsys):
    out, _ = seed_build
    assert main(["query", str(out), "SELECT WHERE {"]) == 2
    assert "malformed SPARQL" in capsys.readouterr().err


def test_query_without_store_is_an_error(tmp_path, capsys):
    assert main(["query", str(tmp_path), "ASK {}"]) == 2
    assert "no store" in capsys.readouterr().err


def test_validate_exit_codes(seed_build, tmp_path, capsys):
    out, _ = seed_build
    assert main(["validate", str(out / "graph.ttl")]) == 0
    broken = tmp_path / "broken.ttl"
    graph = rdflib.Graph().parse(out / "graph.ttl")
    graph.remove((None, SG.speaker, None))  # every statement now lacks its required speaker
    graph.serialize(broken, format="turtle")
    assert main(["validate", str(broken)]) == 1
    printed = capsys.readouterr().out
    assert "speaker" in printed.lower() and "statement/" in printed
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle", encoding="utf-8")
    assert main(["validate", str(garbage)]) == 2
    assert "garbage.ttl" in capsys.readouterr().err


def test_build_with_one_bad_document_builds_the_others(seed_copy, tmp_path, capsys):
    (seed_copy / "broken.txt").write_bytes(b"caf\xe9 \xff\xfe not utf-8")
    (seed_copy / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(seed_copy), "-o", str(out), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "broken.txt" in captured.err and "empty.txt" in captured.err
    assert "5 built, 2 failed" in captured.out
    assert (out / "graph.ttl").stat().st_size > 0


def test_serve_without_store_is_an_error(tmp_path, capsys):
    assert main(["serve", str(tmp_path)]) == 2
    assert "no store here" in capsys.readouterr().err


def test_serve_answers_until_interrupted(seed_build, monkeypatch, capsys):
    import threading
    import urllib.request

    from kg.serve import Server

    serve_forever = Server.serve_forever

    def interrupt(self):  # Ctrl-C once the server has answered a query
        thread = threading.Thread(target=serve_forever, args=(self,), daemon=True)
        thread.start()
        with urllib.request.urlopen(self.url + "/sparql?query=ASK%7B%7D", timeout=30) as answer:
            assert answer.status == 200
        self.shutdown()
        thread.join(timeout=10)
        raise KeyboardInterrupt

    monkeypatch.setattr(Server, "serve_forever", interrupt)
    out, _ = seed_build
    assert main(["serve", str(out), "--port", "0"]) == 0
    assert "SPARQL endpoint: http://127.0.0.1:" in capsys.readouterr().out
