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
    import os
    import signal
    import threading
    import urllib.request

    from kg.serve import Server

    start = Server.start
    answered = []

    def start_then_interrupt(self):  # Ctrl-C once the server has answered a query
        start(self)

        def ask_then_interrupt():
            with urllib.request.urlopen(self.url + "/sparql?query=ASK%7B%7D", timeout=30) as answer:
                answered.append(answer.status)
            os.kill(os.getpid(), signal.SIGINT)

        threading.Thread(target=ask_then_interrupt, daemon=True).start()

    monkeypatch.setattr(Server, "start", start_then_interrupt)
    out, _ = seed_build
    assert main(["serve", str(out), "--port", "0"]) == 0
    assert answered == [200]
    assert "SPARQL endpoint: http://127.0.0.1:" in capsys.readouterr().out


def test_query_declares_the_standard_prefixes_unless_the_query_does(seed_build, capsys):
    out, _ = seed_build
    assert main(["query", str(out), "SELECT ?a WHERE { ?a a sg:Country ; owl:sameAs wd:Q148 }", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a", "https://w3id.org/stancegraph/id/actor/Q148"]
    # the id space: actor: and doc: under the build's base
    assert main(["query", str(out), "ASK { actor:Q148 a sg:Country }"]) == 0
    assert capsys.readouterr().out.strip() == "true"
    # a query's own declaration wins over the default
    own = "PREFIX sg: <http://example.org/not-ours#> ASK { ?a a sg:Country }"
    assert main(["query", str(out), own]) == 0
    assert capsys.readouterr().out.strip() == "false"


def test_query_table_never_cuts_an_iri_and_marks_a_cut_literal(seed_build, capsys):
    out, _ = seed_build
    sparql = "SELECT ?s ?t WHERE { ?s a sg:Statement ; sg:text ?t } ORDER BY DESC(STRLEN(?t)) LIMIT 3"
    assert main(["query", str(out), sparql, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))[1:]
    assert all(len(text) > 80 for _, text in rows)
    assert main(["query", str(out), sparql]) == 0
    table = capsys.readouterr().out
    for iri, text in rows:
        assert iri in table  # whole, however long
        assert text not in table and text[:79] + "…" in table


def test_query_tsv_is_sparql_results_tsv(seed_build, capsys):
    out, _ = seed_build
    sparql = "SELECT ?a ?label ?q WHERE { ?a a sg:Country ; rdfs:label ?label OPTIONAL { ?a owl:sameAs ?q } } ORDER BY ?label"
    assert main(["query", str(out), sparql, "--format", "tsv"]) == 0
    lines = capsys.readouterr().out.split("\n")
    assert lines[0] == "?a\t?label\t?q" and lines[-1] == ""
    china = next(line for line in lines if '"China"' in line).split("\t")
    assert china == ["<https://w3id.org/stancegraph/id/actor/Q148>", '"China"', "<http://www.wikidata.org/entity/Q148>"]
    assert all(line.count("\t") == 2 for line in lines[:-1])


def test_query_csv_is_rfc_4180(seed_build, seed_graph, capsys):
    """CRLF after every record, the last included, and no empty record (issue 22)."""
    out, _ = seed_build
    sparql = "SELECT ?label WHERE { ?a a sg:Country ; rdfs:label ?label } ORDER BY ?label"
    assert main(["query", str(out), sparql, "--format", "csv"]) == 0
    text = capsys.readouterr().out
    records = text.split("\r\n")
    assert records[-1] == "" and "" not in records[:-1] and "\n" not in text.replace("\r\n", "")
    countries = set(seed_graph.subjects(rdflib.RDF.type, SG.Country))
    assert records[0] == "label" and len(records) - 2 == len(countries)


def test_a_reader_that_stops_early_gets_no_trace(seed_build):
    """kg query ... | head: the reader goes away; kg stops quietly with the status of a
    process ended by SIGPIPE (141), no traceback, no 'Broken pipe' message (issue 22)."""
    import subprocess
    import sys

    out, _ = seed_build
    query = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 50000"  # megabytes: more than a pipe holds
    done = subprocess.run(f"'{sys.executable}' -m kg.cli query '{out}' '{query}' | head -c 10 > /dev/null; "
                          "echo ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True,
                          timeout=300)
    assert done.stderr == "" and done.stdout.strip() == "141"
