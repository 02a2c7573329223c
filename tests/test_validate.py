"""The validation facade kg.validate: results, reports, file loading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.term import Literal, URIRef

from kg.errors import InputError
from kg.validate import (
    ValidationResult,
    ValidationResultRow,
    format_rows,
    load_rdf_files,
    load_shapes,
    validate_graph,
    write_report,
)

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "shapes" / "valid" / "full-readout.ttl"
INVALID = ROOT / "tests" / "shapes" / "invalid"
SG = rdflib.Namespace("https://w3id.org/stancegraph/ontology#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
ID = rdflib.Namespace("https://w3id.org/stancegraph/id/")


def _good() -> rdflib.Graph:
    return load_rdf_files(VALID)


def _bad() -> rdflib.Graph:
    """The good graph, with a statement without speaker and with a wrong span, and an
    event without date."""
    graph = _good()
    statement = ID["statement/readout-1/93-167"]
    graph.remove((statement, SG.speaker, None))
    graph.set((statement, NIF.endIndex, Literal(170, datatype=XSD.nonNegativeInteger)))
    graph.remove((ID["event/readout-1/visit"], SG.date, None))
    return graph


# --------------------------------------------------------------------------- validate_graph


def test_good_graph_conforms():
    result = validate_graph(_good())
    assert isinstance(result, ValidationResult)
    assert result.conforms
    assert result.rows == () and result.violations == () and result.warnings == ()
    assert (None, SH.conforms, Literal(True)) in result.report


def test_bad_graph_reports_typed_rows():
    result = validate_graph(_bad())
    assert not result.conforms
    assert all(isinstance(row, ValidationResultRow) for row in result.rows)
    statement = str(ID["statement/readout-1/93-167"])
    got = {(r.severity, r.focus_node, r.shape, r.path) for r in result.rows}
    sgsh = "https://w3id.org/stancegraph/shapes#"
    assert got == {
        ("Violation", statement, sgsh + "Statement-speaker", str(SG.speaker)),
        ("Violation", statement, sgsh + "Statement-textSpan", str(SG.text)),
        ("Warning", str(ID["event/readout-1/visit"]), sgsh + "Event-date-recommended",
         str(SG.date)),
    }
    assert [r.severity for r in result.rows] == ["Violation", "Violation", "Warning"]
    assert len(result.violations) == 2 and len(result.warnings) == 1
    span = next(r for r in result.rows if r.shape.endswith("textSpan"))
    assert span.value == '"74"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert "74" in span.message and "77" in span.message
    speaker = next(r for r in result.rows if r.shape.endswith("Statement-speaker"))
    assert speaker.value is None
    assert speaker.message.startswith("A statement has exactly one sg:speaker")


def test_rows_are_sorted_deterministically():
    cases = sorted(p for p in INVALID.glob("*.ttl") if not p.name.endswith(".expected.ttl"))
    graph = load_rdf_files(cases)
    first = validate_graph(graph).rows
    second = validate_graph(graph).rows
    assert first == second
    rank = {"Violation": 0, "Warning": 1, "Info": 2}
    keys = [
        (rank[r.severity], r.focus_node, r.shape, r.path or "", r.value or "", r.message)
        for r in first
    ]
    assert keys == sorted(keys)


def test_warnings_alone_conform_and_can_be_left_out():
    graph = load_rdf_files(INVALID / "recommended.ttl")
    result = validate_graph(graph)
    assert result.conforms and result.violations == () and len(result.warnings) == 4
    paths = {r.path for r in result.warnings}
    assert f"^<{SG.expresses}>" in paths
    assert validate_graph(graph, include_recommended=False).rows == ()


def test_focus_nodes_restrict_the_results():
    graph = _bad()
    statement = ID["statement/readout-1/93-167"]
    result = validate_graph(graph, focus_nodes=[statement])
    assert {r.focus_node for r in result.rows} == {str(statement)}
    assert len(result.rows) == 2
    assert validate_graph(graph, focus_nodes=[str(ID["doc/readout-1"])]).rows == ()
    empty = validate_graph(graph, focus_nodes=[])
    assert empty.conforms and empty.rows == ()


def test_the_data_graph_is_not_modified():
    graph = _bad()
    before = rdflib.Graph()
    before += graph
    validate_graph(graph)
    assert len(graph) == len(before)
    assert isomorphic(graph, before)


def test_a_dataset_is_validated_as_the_union_of_its_graphs():
    dataset = rdflib.Dataset()
    good = _good()
    documents = set(good.subjects(rdflib.RDF.type, SG.Document))
    for s, p, o in good:
        name = "docs" if s in documents else "rest"
        dataset.graph(URIRef(f"https://example.org/{name}")).add((s, p, o))
    assert validate_graph(dataset).conforms
    rest = dataset.graph(URIRef("https://example.org/rest"))
    rest.remove((ID["statement/readout-1/93-167"], SG.speaker, None))
    assert not validate_graph(dataset).conforms


def test_load_shapes():
    shapes = load_shapes()
    mandatory = load_shapes(include_recommended=False)
    assert (None, SH.severity, SH.Warning) in shapes
    assert (None, SH.severity, SH.Warning) not in mandatory
    assert len(mandatory) < len(shapes)
    shapes.remove((None, None, None))  # a copy: the cached graph is untouched
    assert len(load_shapes()) > 0
    assert validate_graph(_bad(), include_recommended=True).warnings


# --------------------------------------------------------------------------- reports


def test_write_report_is_byte_deterministic(tmp_path):
    graph = _bad()
    first, second, third = tmp_path / "a" / "validation.ttl", tmp_path / "b.ttl", tmp_path / "c.ttl"
    result = validate_graph(graph)
    write_report(result, first)
    write_report(result, second)
    write_report(validate_graph(graph), third)  # a new run: pySHACL's blank nodes differ
    assert first.read_bytes() == second.read_bytes() == third.read_bytes()
    parsed = rdflib.Graph().parse(first, format="turtle")
    assert isomorphic(parsed, result.report)
    text = first.read_text(encoding="utf-8")
    assert "@prefix sh:" in text and "sgsh:Statement-speaker" in text
    assert not list(tmp_path.glob("a/.validation.ttl.*")), "temporary file left behind"


def test_write_report_is_the_same_in_another_process(tmp_path):
    """Hash randomisation and blank node labels must not change the bytes."""
    here = tmp_path / "here.ttl"
    write_report(validate_graph(load_rdf_files(INVALID / "statement-offsets.ttl")), here)
    there = tmp_path / "there.ttl"
    code = (
        "import sys; from kg.validate import *; "
        "write_report(validate_graph(load_rdf_files(sys.argv[1])), sys.argv[2])"
    )
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=path)
    case = str(INVALID / "statement-offsets.ttl")
    subprocess.run([sys.executable, "-c", code, case, str(there)], check=True, env=env)
    assert here.read_bytes() == there.read_bytes()


def _report_with_twins() -> ValidationResult:
    """Two identical results (and identical path nodes) under fresh blank node labels."""
    report = rdflib.Graph()
    root = rdflib.BNode()
    report.add((root, rdflib.RDF.type, SH.ValidationReport))
    report.add((root, SH.conforms, Literal(False)))
    for _ in range(2):
        result, path = rdflib.BNode(), rdflib.BNode()
        report.add((root, SH.result, result))
        report.add((result, rdflib.RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, ID["x"]))
        report.add((result, SH.resultPath, path))
        report.add((path, SH.inversePath, SG.expresses))
    return ValidationResult(conforms=False, rows=(), report=report)


def test_write_report_keeps_identical_results_apart(tmp_path):
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    write_report(_report_with_twins(), first)
    write_report(_report_with_twins(), second)
    assert first.read_bytes() == second.read_bytes()
    assert len(rdflib.Graph().parse(first, format="turtle")) == len(_report_with_twins().report)


def test_write_report_handles_blank_node_cycles(tmp_path):
    def cyclic() -> ValidationResult:
        report = rdflib.Graph()
        a, b = rdflib.BNode(), rdflib.BNode()
        report.add((a, SH.detail, b))
        report.add((b, SH.detail, a))
        report.add((a, rdflib.RDF.type, SH.ValidationResult))
        return ValidationResult(conforms=True, rows=(), report=report)

    write_report(cyclic(), tmp_path / "a.ttl")
    write_report(cyclic(), tmp_path / "b.ttl")
    assert (tmp_path / "a.ttl").read_bytes() == (tmp_path / "b.ttl").read_bytes()
    assert isomorphic(rdflib.Graph().parse(tmp_path / "a.ttl"), cyclic().report)


def test_write_report_is_fast_for_thousands_of_results(tmp_path):
    graph = _big_graph(60)
    for statement in list(graph.subjects(SG.cue, None)):
        graph.remove((statement, SG.cue, None))
        graph.add((statement, SG.cue, Literal(1)))
    result = validate_graph(graph)
    assert len(result.rows) >= 480
    write_report(result, tmp_path / "validation.ttl")
    # (rdflib's isomorphic() would itself take minutes here: compare sizes and results)
    written = rdflib.Graph().parse(tmp_path / "validation.ttl")
    assert len(written) == len(result.report)
    assert len(set(written.subjects(rdflib.RDF.type, SH.ValidationResult))) == len(result.rows)


def test_format_rows():
    result = validate_graph(_bad())
    lines = format_rows(result).splitlines()
    assert len(lines) == len(result.rows)
    assert lines[0] == (
        "Violation: sgsh:Statement-speaker on "
        "<https://w3id.org/stancegraph/id/statement/readout-1/93-167> "
        "[sg:speaker]: A statement has exactly one sg:speaker, an sg:Actor."
    )
    assert lines[1].startswith(
        "Violation: sgsh:Statement-textSpan on "
        "<https://w3id.org/stancegraph/id/statement/readout-1/93-167> "
        '[sg:text] "74"^^xsd:integer: The sg:text of a statement'
    )
    assert lines[2].startswith("Warning: sgsh:Event-date-recommended on ")
    warnings = format_rows(validate_graph(load_rdf_files(INVALID / "recommended.ttl")))
    assert "[^sg:expresses]" in warnings
    assert format_rows(validate_graph(_good())) == ""


# --------------------------------------------------------------------------- load_rdf_files


@pytest.mark.parametrize(
    "suffix, fmt",
    [(".ttl", "turtle"), (".nt", "nt"), (".rdf", "xml"), (".jsonld", "json-ld")],
)
def test_load_rdf_files_reads_each_format(tmp_path, suffix, fmt):
    graph = _good()
    path = tmp_path / f"graph{suffix}"
    graph.serialize(destination=str(path), format=fmt, encoding="utf-8")
    assert isomorphic(load_rdf_files(path), graph)


@pytest.mark.parametrize("suffix, fmt", [(".trig", "trig"), (".nq", "nquads")])
def test_load_rdf_files_reads_the_union_of_named_graphs(tmp_path, suffix, fmt):
    graph = _good()
    dataset = rdflib.Dataset()
    for i, triple in enumerate(sorted(graph)):
        dataset.graph(URIRef(f"https://example.org/g{i % 3}")).add(triple)
    path = tmp_path / f"graph{suffix}"
    dataset.serialize(destination=str(path), format=fmt, encoding="utf-8")
    loaded = load_rdf_files([path])
    assert isinstance(loaded, rdflib.Graph) and not loaded.context_aware
    assert isomorphic(loaded, graph)


def test_load_rdf_files_merges_several_files(tmp_path):
    a, b = tmp_path / "a.ttl", tmp_path / "b.nt"
    a.write_text("<https://example.org/s> <https://example.org/p> _:x .\n", encoding="utf-8")
    b.write_text("<https://example.org/s> <https://example.org/p> _:x .\n", encoding="utf-8")
    merged = load_rdf_files([a, str(b)])
    assert len(merged) == 2  # blank nodes of different files stay apart


def test_load_rdf_files_names_the_file_it_cannot_parse(tmp_path):
    good = tmp_path / "good.ttl"
    good.write_text("<https://example.org/s> <https://example.org/p> 1 .\n", encoding="utf-8")
    bad = tmp_path / "broken.ttl"
    bad.write_text("<https://example.org/s> <https://example.org/p> .\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rdf_files([good, bad])
    assert info.value.source == str(bad)
    assert str(info.value).startswith(f"{bad}: ")
    assert "turtle" in str(info.value)


@pytest.mark.parametrize(
    "name, content",
    [
        ("broken.jsonld", "{not json"),
        ("broken.rdf", "<rdf:RDF"),
        ("broken.trig", "<https://e.org/g> { <https://e.org/s> <https://e.org/p> "),
        ("broken.nq", "<a> <b> <c> <d> <e> ."),
    ],
)
def test_load_rdf_files_errors_for_every_format(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_rdf_files(path)
    assert info.value.source == str(path)


def test_load_rdf_files_missing_file_and_unknown_extension(tmp_path):
    missing = tmp_path / "missing.ttl"
    with pytest.raises(InputError) as info:
        load_rdf_files(missing)
    assert info.value.source == str(missing)
    other = tmp_path / "graph.csv"
    other.write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="extension"):
        load_rdf_files(other)


# --------------------------------------------------------------------------- speed


def _big_graph(documents: int) -> rdflib.Graph:
    """About 110 triples per document, shaped like a build's output."""
    graph = _good()
    actors = sorted(graph.subjects(rdflib.RDF.type, SG.Actor))
    text = "x" * 2000
    for d in range(documents):
        doc = ID[f"doc/b{d}"]
        graph.add((doc, rdflib.RDF.type, SG.Document))
        graph.add((doc, DCT.identifier, Literal(f"b{d}")))
        graph.add((doc, SG.textLength, Literal(2000, datatype=XSD.nonNegativeInteger)))
        graph.add((doc, DCT.date, Literal("2022-02-12", datatype=XSD.date)))
        event = ID[f"event/b{d}"]
        for p, o in (
            (rdflib.RDF.type, SG.Event),
            (SG.eventType, SG.PhoneCall),
            (SG.participant, actors[d % 5]),
            (SG.date, Literal("2022-02", datatype=XSD.gYearMonth)),
            (PROV.wasDerivedFrom, doc),
        ):
            graph.add((event, p, o))
        for s in range(8):
            st = ID[f"statement/b{d}/{s}"]
            position = ID[f"position/b{d % 50}/{s}"]
            for p, o in (
                (rdflib.RDF.type, SG.Statement),
                (SG.speaker, actors[d % 5]),
                (SG.onBehalfOf, actors[0]),
                (SG.inEvent, event),
                (SG.text, Literal(text[:50])),
                (SG.cue, Literal("said")),
                (SG.confidence, Literal("0.9", datatype=XSD.decimal)),
                (PROV.wasDerivedFrom, doc),
                (SG.expresses, position),
                (NIF.beginIndex, Literal(s * 100, datatype=XSD.nonNegativeInteger)),
                (NIF.endIndex, Literal(s * 100 + 50, datatype=XSD.nonNegativeInteger)),
            ):
                graph.add((st, p, o))
            for p, o in (
                (rdflib.RDF.type, SG.Position),
                (SG.confidence, Literal("0.8", datatype=XSD.decimal)),
                (SG.holder, actors[d % 5]),
                (SG.stance, SG.Support),
                (SG.topic, ID["topic/security-assistance"]),
            ):
                graph.add((position, p, o))
    return graph


def test_validating_a_larger_graph_stays_correct():
    graph = _big_graph(20)
    assert validate_graph(graph).conforms
    graph.set((ID["statement/b3/2"], NIF.endIndex, Literal(2001, datatype=XSD.nonNegativeInteger)))
    shapes = {r.shape.rsplit("#", 1)[1] for r in validate_graph(graph).violations}
    assert shapes == {"Statement-textSpan", "Statement-withinDocument"}


def test_a_report_with_warnings_only_says_it_does_not_conform(seed_build):
    """SHACL §3.6.1.1: sh:conforms is true iff validation produced no result; a warning is a
    result. The build's own verdict (no violation) still lets it publish (issue 22)."""
    out, summary = seed_build
    report = rdflib.Graph().parse(out / "validation.ttl", format="turtle")
    severities = set(report.objects(None, SH.resultSeverity))
    assert severities == {SH.Warning} and summary.conforms and summary.published
    assert set(report.objects(None, SH.conforms)) == {Literal(False)}


def test_a_sparql_constraint_fills_its_message_with_the_numbers(seed_graph):
    """SHACL §5.3.2 fills {?value} only in a SPARQL-based constraint's own sh:message: the
    message sits there, and the result says which numbers disagree (issue 22)."""
    graph = rdflib.Graph()
    for triple in seed_graph:
        graph.add(triple)
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    statement = next(iter(sorted(graph.subjects(URIRef(nif + "beginIndex"), None))))
    begin = int(graph.value(statement, URIRef(nif + "beginIndex")))
    length = len(str(graph.value(statement, URIRef("https://w3id.org/stancegraph/ontology#text"))))
    graph.set((statement, URIRef(nif + "endIndex"), Literal(begin + length + 8, datatype=rdflib.XSD.nonNegativeInteger)))
    (row,) = [r for r in validate_graph(graph).violations if r.shape.endswith("#Statement-textSpan")]
    assert f"here {length}, span {length + 8}" in row.message and "{?" not in row.message
