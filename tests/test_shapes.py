"""The SHACL shapes against hand-written cases (W3C data-shapes test suite style).

``tests/shapes/valid/*.ttl`` must give no result at all (no violation, no warning).
``tests/shapes/invalid/NAME.ttl`` must give exactly the results listed in the sibling
``NAME.expected.ttl``: an sh:ValidationReport whose sh:result nodes give sh:focusNode,
sh:sourceShape, sh:resultPath (absent for node shapes) and sh:resultSeverity, and whose
sh:conforms is SHACL's: false when there is any result, a warning included (§3.6.1.1).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.term import BNode, URIRef

from kg.validate import load_rdf_files, validate_graph

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "shapes"
SHAPE_FILES = {
    "shapes.ttl": SH.Violation,
    "shapes-recommended.ttl": SH.Warning,
}
SGSH = "https://w3id.org/stancegraph/shapes#"
SG = rdflib.Namespace("https://w3id.org/stancegraph/ontology#")

VALID = sorted((CASES / "valid").glob("*.ttl"))
INVALID = sorted(
    p for p in (CASES / "invalid").glob("*.ttl") if not p.name.endswith(".expected.ttl")
)
TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target)
SHAPE_REFERENCES = (SH["or"], SH["and"], SH.xone)  # lists of shapes
SHAPE_VALUES = (SH["not"], SH.node, SH.qualifiedValueShape)  # single shapes


def _path_text(graph: rdflib.Graph, path) -> str | None:
    if path is None:
        return None
    if isinstance(path, URIRef):
        return str(path)
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return f"^<{inverse}>"
    raise AssertionError(f"expected files only use IRI and inverse paths, got {path!r}")


def expected_results(case: Path) -> tuple[bool, set[tuple]]:
    """(conforms, {(focus, shape, path, severity)}) from the case's NAME.expected.ttl."""
    expected = case.with_name(case.name[: -len(".ttl")] + ".expected.ttl")
    graph = rdflib.Graph().parse(expected, format="turtle")
    report = graph.value(None, RDF.type, SH.ValidationReport, any=False)
    assert report is not None, f"{expected.name}: no sh:ValidationReport"
    conforms = graph.value(report, SH.conforms)
    assert conforms is not None, f"{expected.name}: no sh:conforms"
    results = set()
    for node in graph.objects(report, SH.result):
        focus = graph.value(node, SH.focusNode)
        shape = graph.value(node, SH.sourceShape)
        severity = graph.value(node, SH.resultSeverity)
        assert None not in (focus, shape, severity), f"{expected.name}: incomplete result {node}"
        results.add((str(focus), str(shape), _path_text(graph, graph.value(node, SH.resultPath)),
                     str(severity).rsplit("#", 1)[-1]))
    return bool(conforms.toPython()), results


def actual_results(result) -> set[tuple]:
    return {(row.focus_node, row.shape, row.path, row.severity) for row in result.rows}


def _shapes_graph(name: str) -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "shapes" / name, format="turtle")


def _all_shapes(graph: rdflib.Graph) -> set:
    shapes = set(graph.subjects(RDF.type, SH.NodeShape))
    shapes |= set(graph.subjects(RDF.type, SH.PropertyShape))
    shapes |= set(graph.subjects(SH.path, None))
    for target in TARGETS:
        shapes |= set(graph.subjects(target, None))
    shapes |= set(graph.objects(None, SH.property))
    for predicate in SHAPE_VALUES:
        shapes |= set(graph.objects(None, predicate))
    for predicate in SHAPE_REFERENCES:
        for head in graph.objects(None, predicate):
            shapes |= set(rdflib.collection.Collection(graph, head))
    # sh:path values that are blank nodes are paths, not shapes; SPARQL targets are not shapes
    return {s for s in shapes if (s, RDF.type, SH.SPARQLTarget) not in graph}


def _targeted_shapes(graph: rdflib.Graph) -> set:
    return {s for s in _all_shapes(graph) if any(graph.value(s, t) is not None for t in TARGETS)}


def _helper_shapes(graph: rdflib.Graph) -> set:
    """Shapes used only inside sh:or / sh:not / ...: they report through their parent."""
    helpers = set()
    for predicate in SHAPE_VALUES:
        helpers |= set(graph.objects(None, predicate))
    for predicate in SHAPE_REFERENCES:
        for head in graph.objects(None, predicate):
            helpers |= set(rdflib.collection.Collection(graph, head))
    return helpers


def _ids(paths):
    return [p.stem for p in paths]


# --------------------------------------------------------------------------- the cases


def test_there_are_cases():
    assert len(VALID) >= 2
    assert len(INVALID) >= 10


@pytest.mark.parametrize("case", VALID, ids=_ids(VALID))
def test_valid_case_has_no_result(case):
    result = validate_graph(load_rdf_files(case))
    assert result.conforms
    assert result.rows == (), f"{case.name}: {result.rows}"


@pytest.mark.parametrize("case", INVALID, ids=_ids(INVALID))
def test_invalid_case_gives_exactly_the_expected_results(case):
    conforms, expected = expected_results(case)
    result = validate_graph(load_rdf_files(case))
    got = actual_results(result)
    assert got - expected == set(), f"{case.name}: unexpected results"
    assert expected - got == set(), f"{case.name}: missing results"
    assert set(result.report.objects(None, SH.conforms)) == {rdflib.Literal(conforms)}
    assert result.conforms == (not any(severity == "Violation" for *_, severity in expected))


def test_every_invalid_case_has_an_expected_file_and_back():
    for case in INVALID:
        assert case.with_name(case.stem + ".expected.ttl").is_file(), case.name
    for expected in (CASES / "invalid").glob("*.expected.ttl"):
        case = expected.with_name(expected.name.replace(".expected.ttl", ".ttl"))
        assert case.is_file(), expected.name


def test_every_targeted_shape_is_triggered_by_an_invalid_case():
    triggered = set()
    for case in INVALID:
        triggered |= {shape for _focus, shape, _path, _severity in expected_results(case)[1]}
    for name in SHAPE_FILES:
        graph = _shapes_graph(name)
        missing = sorted(str(s) for s in _targeted_shapes(graph) if str(s) not in triggered)
        assert missing == [], f"{name}: shapes without a violating example"


def test_every_helper_shape_belongs_to_a_triggered_shape():
    """Helper shapes (in sh:or / sh:not) have no targets: their parent's cases cover them."""
    for name in SHAPE_FILES:
        graph = _shapes_graph(name)
        all_shapes = _all_shapes(graph)
        helpers = _helper_shapes(graph)
        targeted = _targeted_shapes(graph)
        assert all_shapes == targeted | helpers, f"{name}: shapes neither targeted nor used"
        for helper in helpers:
            parents = {s for p in SHAPE_VALUES for s in graph.subjects(p, helper)}
            for p in SHAPE_REFERENCES:
                for parent, head in graph.subject_objects(p):
                    if helper in set(rdflib.collection.Collection(graph, head)):
                        parents.add(parent)
            assert parents & targeted, f"{helper} is not used by a targeted shape"


def test_every_targeted_shape_has_a_conforming_example():
    """Every valid case gives no result, so a focus node of a shape in it conforms."""
    valid = rdflib.Graph()
    for case in VALID:
        valid += load_rdf_files(case)
    for name in SHAPE_FILES:
        graph = _shapes_graph(name)
        for shape in _targeted_shapes(graph):
            focus = set()
            for cls in graph.objects(shape, SH.targetClass):
                focus |= set(valid.subjects(RDF.type, cls))
            for prop in graph.objects(shape, SH.targetObjectsOf):
                focus |= set(valid.objects(None, prop))
            for target in graph.objects(shape, SH.target):
                # SPARQL targets only select failing nodes: require members of every class
                # the target query names.
                select = str(graph.value(target, SH.select))
                classes = set(re.findall(r"\ba (sg:[A-Z]\w+)|, (sg:[A-Z]\w+)", select))
                names = {c for pair in classes for c in pair if c}
                assert names, f"{shape}: no class in its SPARQL target"
                for local in names:
                    members = set(valid.subjects(RDF.type, SG[local.split(":")[1]]))
                    assert members, f"{shape}: valid cases have no {local}"
                    focus |= members
            assert focus, f"{shape}: no focus node in the valid cases"


# --------------------------------------------------------------------------- the shapes


@pytest.mark.parametrize("name", sorted(SHAPE_FILES))
def test_every_shape_is_named_and_has_a_message(name):
    graph = _shapes_graph(name)
    shapes = _all_shapes(graph)
    assert shapes
    for shape in shapes:
        assert isinstance(shape, URIRef) and str(shape).startswith(SGSH), f"unnamed shape {shape!r}"
        # a message on the shape, or on each of its SPARQL constraints (where {?var} is filled)
        constraints = list(graph.objects(shape, SH.sparql))
        told = graph.value(shape, SH.message) is not None or (
            constraints and all(graph.value(c, SH.message) is not None for c in constraints))
        assert told, f"{shape}: no sh:message"
    for constraint in graph.objects(None, SH.sparql):
        assert isinstance(constraint, URIRef), "unnamed SPARQL constraint"
        assert graph.value(constraint, SH.prefixes) is not None
        assert graph.value(constraint, SH.select) is not None
    for target in graph.objects(None, SH.target):
        assert isinstance(target, URIRef), "unnamed SPARQL target"


@pytest.mark.parametrize("name", sorted(SHAPE_FILES))
def test_severity_of_each_file(name):
    graph = _shapes_graph(name)
    severity = SHAPE_FILES[name]
    for shape in _targeted_shapes(graph):
        assert graph.value(shape, SH.severity) == severity, shape


def test_shape_iris_are_unique_across_files():
    seen = {}
    for name in SHAPE_FILES:
        for shape in _all_shapes(_shapes_graph(name)):
            assert shape not in seen, f"{shape} in {name} and {seen.get(shape)}"
            seen[shape] = name


def test_property_shapes_have_their_own_targets():
    """pySHACL validates shapes reached through sh:property once per focus node (slow)."""
    for name in SHAPE_FILES:
        graph = _shapes_graph(name)
        assert list(graph.subject_objects(SH.property)) == []
        for shape in graph.subjects(SH.path, None):
            assert any(graph.value(shape, t) is not None for t in TARGETS), shape


def test_blank_node_paths_are_the_only_blank_nodes_besides_prefix_declarations():
    for name in SHAPE_FILES:
        graph = _shapes_graph(name)
        for s in set(graph.subjects()):
            if isinstance(s, BNode):
                ok = (
                    graph.value(s, SH.inversePath) is not None
                    or graph.value(s, SH.prefix) is not None
                    or graph.value(s, RDF.first) is not None
                )
                assert ok, f"{name}: unexpected blank node with {list(graph.predicate_objects(s))}"


@pytest.mark.parametrize("name", sorted(SHAPE_FILES))
def test_message_placeholders_only_where_shacl_fills_them(name):
    """SHACL §5.3.2 substitutes {?var} / {$var} in the messages of a SPARQL-based constraint
    (sh:SPARQLConstraint); on a node or property shape they would reach a user as written."""
    from kg.resources import resource_path

    shapes = rdflib.Graph().parse(resource_path("shapes", name), format="turtle")
    for node, message in shapes.subject_objects(SH.message):
        if re.search(r"\{[?$]\w+\}", str(message)):
            assert (node, RDF.type, SH.SPARQLConstraint) in shapes, node
