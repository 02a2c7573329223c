"""Issue 8: what scrapers produce, built for real. A corpus of broken documents among good
ones: each broken one gets one message naming its file (and line), every good one is built,
the graph conforms, and the exit code and the summary count the failures. Random text
(hypothesis) through reading, extraction and export: no crash, offsets inside the text,
every output parses."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import SAMPLES, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.namespaces import SG

NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DCTERMS = rdflib.DCTERMS
CONTROL = ("The minister\x0b said\x01 that\x1b[31m peace\x7f matters.\x0c \"We\x0b support\x1b talks for peace,\" "
           "Foreign Minister Wang Yi said.\u2028End.\n")

# file name -> (content, the problem its message must name, the line for .jsonl)
BROKEN: dict[str, tuple[bytes, str, int | None]] = {
    "latin1.txt": ("The minister said caf\u00e9 talks matter.".encode("latin-1"), r"not UTF-8.*byte 0xe9 at byte offset 21", None),
    "utf16.txt": ("\ufeffThe minister said talks matter.".encode("utf-16"), r"UTF-16 \(little-endian", None),
    "utf16be.txt": ("\ufeffThe minister said talks matter.".encode("utf-16-be"), r"UTF-16 \(big-endian", None),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), r"not UTF-8.*byte offset 0", None),
    "nul.txt": (b"The minister\x00\x00 said talks matter.", r"binary file.*offset 12", None),
    "empty.txt": (b"", r"empty document", None),
    "blank.md": (b"---\ntitle: Nothing\n---\n \n\t\n", r"empty document", None),
    "page.txt": ((b"<!DOCTYPE html>\n<html><head><title>World</title></head><body><nav><a href='/'>Home</a> | "
                 b"<a href='/world'>World</a></nav><p>The minister said talks matter.</p></body></html>"),
                 r"HTML page", None),
    "page.md": (b"---\ntitle: Scraped\n---\n<!-- saved -->\n<html lang='en'><body><p>Text</p></body></html>\n",
                r"HTML page", None),
    "yaml-broken.md": (b"---\ntitle: [unclosed\n---\nThe minister said talks matter.\n", r"invalid YAML front matter", 3),
    "yaml-list.md": (b"---\n- a\n- b\n---\nThe minister said talks matter.\n", r"mapping", None),
    # a bad .meta.json fails its document; the message names the .meta.json
    "wrongtype.txt": (b"The minister said talks matter.", r"title must be a string", None),
    "baddate.txt": (b"The minister said talks matter.", r"impossible date.*baddate\.txt is not read", None),
    "lines.jsonl": ((b'{"id": "line-1", "text": "The minister said talks matter."}\n'
                    b'{"id": "line-2", "text": \n'
                    b'{"id": "line-3", "text": "Peace matters, the envoy said."}\n'), r"invalid JSON", 2),
    "surrogate.jsonl": (b'{"id": "sur", "text": "a\\ud800b said the minister"}\n', r"not valid Unicode", 1),
    "zz-again.jsonl": (b'{"id": "seed-copy", "text": "The same id again."}\n', r"duplicate document id 'seed-copy'", 1),
}
META = {
    "wrongtype.meta.json": b'{"title": ["a", "list"]}',
    "baddate.meta.json": b'{"date": "2022-02-30"}',
}


def _good(folder: Path) -> set[str]:
    """Good documents: two seeds, a White House text, non-English texts, two good .jsonl lines, and a
    text with control characters. Returns their ids."""
    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    for path in seeds:
        shutil.copy(path, folder / path.name)
        shutil.copy(path.with_suffix(".meta.json"), folder / path.with_suffix(".meta.json").name)
    whitehouse = min((SAMPLES / "whitehouse").glob("*.md"))
    shutil.copy(whitehouse, folder / whitehouse.name)
    other = {
        "zh.txt": "王毅表示，中方支持和谈。俄罗斯和乌克兰应该通过谈判解决分歧。\n",
        "ru.txt": "Министр иностранных дел заявил, что Китай поддерживает мирные переговоры.\n",
        "ar.txt": "قال وزير الخارجية إن الصين تدعم محادثات السلام.\n",
        "control.txt": CONTROL,
        "seed-copy.txt": "A first document with this id, which a .jsonl line repeats.\n",
    }
    for name, text in other.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {p.stem for p in seeds} | {whitehouse.stem} | {Path(n).stem for n in other} | {"line-1", "line-3"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    good = _good(folder)
    for name, (content, _, _) in BROKEN.items():
        (folder / name).write_bytes(content)
    for name, content in META.items():
        (folder / name).write_bytes(content)
    # 50 MB on one line, no newline: refused before it reaches the model
    with (folder / "huge.txt").open("w", encoding="utf-8") as handle:
        for _ in range(1_000_000):
            handle.write("The minister said peace matters, again and again. ")  # 50 characters
    out = tmp_path_factory.mktemp("hostile-out")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(folder), "-o", str(out)],
                          capture_output=True, text=True, timeout=900, check=False)
    return folder, out, good, done


def test_each_broken_document_gets_one_message_naming_it(hostile):
    folder, _, _, done = hostile
    errors = [line[len("error: "):] for line in done.stderr.splitlines() if line.startswith("error: ")]
    named = {name: name.replace(".txt", ".meta.json") if name.replace(".txt", ".meta.json") in META else name
             for name in BROKEN}
    expected = {**{named[name]: (problem, line) for name, (_, problem, line) in BROKEN.items()},
                "huge.txt": (r"too long: 50,000,000 characters, more than the 1,000,000", None)}
    for name, (problem, line) in expected.items():
        where = f"{folder / name}:{line}: " if line else f"{folder / name}: "
        found = [e for e in errors if e.startswith(where)]
        assert len(found) == 1, (name, errors)
        assert re.search(problem, found[0]), found[0]
    assert len(errors) == len(expected), errors


def test_the_exit_code_and_the_summary_count_the_failures(hostile):
    _, _, good, done = hostile
    assert done.returncode == 1
    summary = re.search(r"documents\s+(\d+) built, (\d+) failed", done.stdout)
    assert summary, done.stdout
    assert (int(summary.group(1)), int(summary.group(2))) == (len(good), len(BROKEN) + 1)
    assert done.stderr.count("\nfailed: ") == len(BROKEN) + 1


def test_every_good_document_is_built_and_the_graph_conforms(hostile):
    _, out, good, _ = hostile
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    identifiers = {str(o) for o in graph.objects(None, DCTERMS.identifier)}
    assert good <= identifiers, good - identifiers
    report = rdflib.Graph().parse(out / "validation.ttl", format="turtle")
    # no violation (sh:conforms is false as soon as there is a warning, as SHACL says)
    severity = rdflib.URIRef("http://www.w3.org/ns/shacl#resultSeverity")
    assert (None, severity, rdflib.URIRef("http://www.w3.org/ns/shacl#Violation")) not in report


def test_every_output_parses_and_the_control_characters_survive(hostile):
    _, out, _, _ = hostile
    turtle = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")
    trig = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    assert len(turtle) == len(jsonld) > 0 and len({q[:3] for q in trig.quads((None, None, None, None))}) == len(turtle)
    for name in ("graph.ttl", "graph.trig", "void.ttl"):
        fmt = ox.RdfFormat.TRIG if name.endswith(".trig") else ox.RdfFormat.TURTLE
        assert list(ox.parse(path=str(out / name), format=fmt))
    texts = {str(t) for t in turtle.objects(None, SG.text)}
    assert "We\x0b support\x1b talks for peace" in texts, sorted(t for t in texts if "peace" in t)


# -- random text ---------------------------------------------------------------------------------

PIECES = ["said", "says", "The", "minister", "Foreign Minister", "Wang Yi", "President", "China", "Russia",
          "Ukraine", "supports", "opposes", "talks", "peace", "sanctions", '"', "\u201c", "\u201d", "'", ".", ",",
          ":", "\n", "\n\n", "\t", "\u00a0", "\x0b", "\x1b", "\u2028", "\u200b", "\u00e9", "\u4e2d\u56fd",
          "\U0001f600", "-", "(", ")", "on Tuesday", "February 24, 2022", "called", "a phone call", "met with",
          "according to", "Q&A", "MR. SMITH:", "---", "#", "<b>", "&amp;"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), min_size=1, max_size=40).map(" ".join)


@pytest.fixture(scope="module")
def worker():
    from kg.work import WorkerConfig, worker_for

    return worker_for(WorkerConfig.from_files(()))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_random_text_reads_extracts_and_exports(worker, tmp_path_factory, text):
    from kg.export.files import ExportQuads, write_jsonld, write_trig, write_turtle
    from kg.graph import GraphBuilder
    from kg.ingest import Document, iter_documents
    from kg.timing import StageClock

    folder = tmp_path_factory.mktemp("random")
    (folder / "random.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    (item,) = list(iter_documents([folder]))
    if not isinstance(item, Document):
        assert item.source.endswith("random.txt") and item.problem  # refused, with a reason
        return
    (result,) = worker.run([item], StageClock())
    assert result.error is None, result.error
    builder = GraphBuilder(worker.linker)
    builder.add_document(result.document, result.extraction)
    exports = ExportQuads.of(builder.quads())
    graph = rdflib.Dataset()
    write_trig(folder / "graph.trig", exports.quads())
    write_turtle(folder / "graph.ttl", exports.triples())
    write_jsonld(folder / "graph.jsonld", exports)
    graph.parse(folder / "graph.trig", format="trig")
    turtle = rdflib.Graph().parse(folder / "graph.ttl", format="turtle")
    json.loads((folder / "graph.jsonld").read_text(encoding="utf-8"))  # strict JSON
    jsonld = rdflib.Graph().parse(folder / "graph.jsonld", format="json-ld")
    assert len(turtle) == len(jsonld) == len({q[:3] for q in graph.quads((None, None, None, None))})
    for subject in turtle.subjects(NIF.beginIndex, None):
        begin = int(turtle.value(subject, NIF.beginIndex))
        end = int(turtle.value(subject, NIF.endIndex))
        assert 0 <= begin < end <= len(item.text), (begin, end, len(item.text))
        said = turtle.value(subject, SG.text)
        if said is not None:
            assert str(said) == item.text[begin:end]


def test_a_document_that_breaks_the_parser_fails_alone(tmp_path, monkeypatch):
    """An exception inside nlp.pipe (as spaCy raises for a text over its length limit) in
    the build's own process: the batch is retried a document at a time, and only the one
    that raises fails, with its cause."""
    from kg.build import build
    from kg.work import DocumentWorker

    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "boom.txt").write_text("The minister said the parser breaks here.", encoding="utf-8")
    run = DocumentWorker.run

    def breaking(self, documents, clock):
        if any(d.id == "boom" for d in documents):
            raise ValueError("[E088] Text of length 1520000 exceeds maximum of 1000000.")
        return run(self, documents, clock)

    monkeypatch.setattr(DocumentWorker, "run", breaking)
    summary = build([folder], tmp_path / "out", incremental=False)
    assert summary.documents == 2
    assert len(summary.failures) == 1 and "boom.txt: extraction failed: ValueError: [E088]" in summary.failures[0]
