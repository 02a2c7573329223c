"""An independent conformance check (issue 22): Apache Jena, a stack the project does not
use, reads every output file, runs the example queries and the shapes, and must agree with
the project, row for row, count for count, verdict for verdict.

Jena is Debian's ``libapache-jena-java`` (4.5.0), which the set-up installs with apt-get when
it is missing and the tests run as root, as it does Chromium (README, "Set up and run"); the
commands are the classes of its ``jena-cmds`` jar (``riotcmd.riot``, ``arq.sparql``,
``shacl.shacl``) run on the package's jars and those of its dependencies.

Two gaps of the Debian package are worked around here, not in the project:
- its jena-core jar holds the relocated Xerces classes under ``xerces.`` but their message
  files under ``org/apache/jena/ext/xerces/``, so the first XSD check fails with "Can't find
  bundle for base name xerces.impl.xpath.regex.message"; the set-up copies the jar's own
  message files to where the classes look for them;
- it packages no Jakarta JSON-P provider, which Jena's JSON-LD 1.1 reader (Titanium) needs,
  so JSON-LD is read with Jena's JSON-LD 1.0 reader (``--syntax=jsonld10``), which the
  build's JSON-LD must therefore satisfy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import urllib.request
import zipfile
from pathlib import Path

import pytest
import rdflib
from conftest import NO_INSTALL, apt_install, comparable_rows, start_server
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from kg.query import format_result, open_store, run_query
from kg.resources import resource_path

PACKAGE = "libapache-jena-java"
JAVA_DIR = "/usr/share/java/"
# logging bridges and bindings that would fight over SLF4J: slf4j-simple alone prints Jena's
# warnings and errors on standard error
NOT_ON_CLASSPATH = re.compile(r"^(log4j|slf4j-(?!api|simple)|jcl-over-slf4j|jul-to-slf4j)")
SHAPES = ("shapes.ttl", "shapes-recommended.ttl")
QUERIES = sorted(resource_path("queries").glob("*.rq"))


def _installed(package: str) -> bool:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True, check=False)
    return done.returncode == 0 and "install ok installed" in done.stdout


def _depends(package: str) -> list[str]:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Depends}", package], capture_output=True, text=True, check=False)
    names = []
    for clause in done.stdout.split(","):
        name = clause.split("|")[0].strip().split(" ")[0].split(":")[0]
        if name:
            names.append(name)
    return names


def _classpath(root: str, tmp: Path) -> str:
    """The jars of ``root`` and of every package it depends on, installed, with the message
    files of jena-core where its relocated Xerces classes look for them."""
    seen, todo = set(), [root]
    while todo:
        package = todo.pop()
        if package in seen or not _installed(package):
            continue
        seen.add(package)
        todo.extend(_depends(package))
    jars: dict[str, str] = {}
    for package in sorted(seen):
        files = subprocess.run(["dpkg-query", "-L", package], capture_output=True, text=True, check=False).stdout
        for path in files.splitlines():
            name = os.path.basename(path)
            if path.startswith(JAVA_DIR) and path.endswith(".jar") and not NOT_ON_CLASSPATH.match(name):
                jars.setdefault(os.path.realpath(path), path)
    core = next(p for p in jars.values() if os.path.basename(p) == "jena-core.jar")
    messages = tmp / "jena-messages"
    with zipfile.ZipFile(core) as jar:
        for member in jar.namelist():
            if member.startswith("org/apache/jena/ext/xerces/") and member.endswith(".properties"):
                target = messages / member.removeprefix("org/apache/jena/ext/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(member))
    return os.pathsep.join([str(messages), *sorted(jars.values())])


@pytest.fixture(scope="session")
def jena(tmp_path_factory):
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Jena checks (and for HermiT): install a Java runtime")
    if not _installed(PACKAGE):
        apt_install(PACKAGE)
        if not _installed(PACKAGE):
            hint = " (STANCEGRAPH_TESTS_NO_INSTALL is set)" if NO_INSTALL else ""
            pytest.fail(f"Apache Jena is needed: apt-get install {PACKAGE}{hint}")
    classpath = _classpath(PACKAGE, tmp_path_factory.mktemp("jena"))

    def run(command: str, *args: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(["java", "-cp", classpath, command, *map(str, args)], capture_output=True,
                              text=True, check=False, timeout=600)

    return run


def _problems(done: subprocess.CompletedProcess) -> list[str]:
    return [line for line in done.stderr.splitlines() if " WARN " in line or " ERROR " in line or "Exception" in line]


def _syntax(path: Path) -> list[str]:
    return ["--syntax=jsonld10"] if path.suffix == ".jsonld" else []


# -- every file ----------------------------------------------------------------------------------

OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld", "validation.ttl", "void.ttl")


@pytest.mark.parametrize("name", [*OUTPUTS, "ontology", *SHAPES])
def test_jena_validates_every_file_without_a_warning(jena, seed_build, name):
    if name == "ontology":
        path = resource_path("ontology", "stancegraph.ttl")
    elif name in SHAPES:
        path = resource_path("shapes", name)
    else:
        path = seed_build[0] / name
    done = jena("riotcmd.riot", "--validate", *_syntax(path), path)
    assert done.returncode == 0 and _problems(done) == [], done.stderr


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig", "graph.jsonld"])
def test_jena_reads_the_same_triples_from_each_syntax(jena, seed_build, seed_graph, name):
    path = seed_build[0] / name
    done = jena("riotcmd.riot", *_syntax(path), "--output=nquads", path)
    assert done.returncode == 0, done.stderr
    dataset = rdflib.Dataset()
    dataset.parse(data=done.stdout, format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert len(union) == seed_build[1].triples == len(seed_graph)
    assert isomorphic(union, seed_graph)


# -- the example queries --------------------------------------------------------------------------

@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_jena_answers_the_example_queries_row_for_row(jena, seed_build, path):
    query = path.read_text(encoding="utf-8")
    done = jena("arq.sparql", "--data", seed_build[0] / "graph.ttl", "--query", path, "--results=json")
    assert done.returncode == 0 and not _problems(done), done.stderr
    theirs = comparable_rows(json.loads(done.stdout), query)
    ours = comparable_rows(json.loads(format_result(run_query(open_store(seed_build[0]), query), "json")), query)
    assert theirs and theirs == ours


# -- the shapes ---------------------------------------------------------------------------------------

def _shapes_file(tmp: Path) -> Path:
    """Both shape files in one (Jena's shacl command reads one --shapes: the last given)."""
    shapes = rdflib.Graph()
    for name in SHAPES:
        shapes.parse(resource_path("shapes", name), format="turtle")
    path = tmp / "shapes.ttl"
    shapes.serialize(path, format="turtle")
    return path


def _jena_report(jena, data: Path) -> rdflib.Graph:
    done = jena("shacl.shacl", "validate", "--shapes", _shapes_file(data.parent), "--data", data)
    assert done.returncode == 0, done.stderr
    return rdflib.Graph().parse(data=done.stdout, format="turtle")


def _jena_shacl(jena, data: Path) -> tuple[bool, set]:
    return _verdict(_jena_report(jena, data))


def _verdict(report: rdflib.Graph) -> tuple[bool, set]:
    (conforms,) = set(report.objects(None, SH.conforms))
    rows = {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.sourceShape)),
             str(report.value(r, SH.resultSeverity))) for r in report.objects(None, SH.result)}
    return bool(conforms.toPython()), rows


def test_jena_shacl_gives_the_builds_report(jena, seed_build):
    out, _ = seed_build
    theirs = _jena_shacl(jena, out / "graph.ttl")
    ours = _verdict(rdflib.Graph().parse(out / "validation.ttl", format="turtle"))
    assert theirs == ours
    assert ours[0] is False and ours[1] and {severity for *_, severity in ours[1]} == {str(SH.Warning)}


def test_jena_shacl_and_ours_agree_on_a_damaged_graph(jena, seed_graph, tmp_path):
    from kg.validate import validate_graph

    graph = rdflib.Graph()
    for triple in seed_graph:
        graph.add(triple)
    sg = rdflib.Namespace("https://w3id.org/stancegraph/ontology#")
    nif = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    statements = sorted(graph.subjects(RDF.type, sg.Statement))
    graph.remove((statements[0], sg.speaker, None))  # a statement without its speaker
    end = int(graph.value(statements[1], nif.endIndex))
    graph.set((statements[1], nif.endIndex, rdflib.Literal(end + 3, datatype=rdflib.XSD.nonNegativeInteger)))
    event = next(iter(sorted(graph.subjects(RDF.type, sg.Event))))
    graph.set((event, sg.date, rdflib.Literal("2022-13", datatype=rdflib.XSD.gYearMonth)))
    path = tmp_path / "damaged.ttl"
    graph.serialize(path, format="turtle")
    theirs = _jena_shacl(jena, path)
    result = validate_graph(graph)
    ours = _verdict(result.report)
    assert theirs == ours and not result.conforms
    assert {focus for focus, _, severity in ours[1] if severity == str(SH.Violation)} >= {
        str(statements[0]), str(statements[1]), str(event)}
    # the SPARQL constraint's message, its numbers filled in (SHACL 5.3.2), in both
    span = [r.message for r in result.violations if r.shape.endswith("#Statement-textSpan")]
    theirs_span = [str(m) for m in _jena_report(jena, path).objects(None, SH.resultMessage) if "span" in str(m)]
    assert len(span) == len(theirs_span) == 1 and span[0] == theirs_span[0] and "{?" not in span[0]


def test_a_served_statement_has_no_datatype_result_in_jena(jena, seed_build, seed_graph, tmp_path):
    """The description kg serve gives of a statement keeps the files' datatypes (issue 22:
    it had 2 sh:datatype violations in Jena, its offsets being xsd:integer)."""
    server, thread = start_server(seed_build[0])
    try:
        nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
        statement = str(sorted(seed_graph.subjects(rdflib.URIRef(nif + "beginIndex"), None))[0])
        request = urllib.request.Request(server.url + "/id/" + statement.split("/id/", 1)[1],
                                         headers={"Accept": "text/turtle"})
        with urllib.request.urlopen(request, timeout=60) as response:
            (tmp_path / "statement.ttl").write_bytes(response.read())
    finally:
        server.shutdown()
        thread.join(timeout=10)
    report = _jena_report(jena, tmp_path / "statement.ttl")
    components = set(report.objects(None, SH.sourceConstraintComponent))
    assert len(set(report.objects(None, SH.conforms))) == 1 and SH.DatatypeConstraintComponent not in components
    assert (rdflib.URIRef(statement), None, None) in rdflib.Graph().parse(tmp_path / "statement.ttl")
