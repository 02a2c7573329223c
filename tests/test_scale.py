"""Issue 7: the same output however a build runs: incrementally, in worker processes, on a
Dask cluster (a LocalCluster of two worker processes)."""

from __future__ import annotations

import filecmp
import shutil

import pytest
import rdflib
from conftest import SAMPLES, SEEDS
from rdflib.compare import isomorphic

from kg.build import build
from kg.cache import CACHE_DIR
from kg.timing import StageClock, timed

OUTPUTS = ("graph.ttl", "graph.jsonld", "graph.trig", "validation.ttl", "mappings.sssom.tsv", "void.ttl")
WHITEHOUSE = sorted((SAMPLES / "whitehouse").glob("*.md"))


def _same_outputs(a, b):
    return [name for name in OUTPUTS if not filecmp.cmp(a / name, b / name, shallow=False)]


def _cache_entries(out):
    return sorted(p.stem for p in (out / CACHE_DIR).rglob("*.pickle"))


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    for path in WHITEHOUSE[:3]:
        shutil.copy(path, folder / path.name)
    return folder


def test_rebuild_parses_only_added_and_changed_documents_and_equals_a_full_build(corpus, tmp_path):
    out = tmp_path / "out"
    first = build([corpus], out)
    assert first.parsed == 8 and first.reused == 0 and not first.failures
    assert len(_cache_entries(out)) == 8

    # one added, one changed, one removed
    shutil.copy(WHITEHOUSE[3], corpus / WHITEHOUSE[3].name)
    changed = corpus / WHITEHOUSE[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\nThe President said that the talks would go on.\n",
                       encoding="utf-8")
    (corpus / WHITEHOUSE[1].name).unlink()
    again = build([corpus], out)
    assert (again.parsed, again.reused, again.documents) == (2, 6, 8)
    assert len(_cache_entries(out)) == 8  # the removed and the old version of the changed one are gone

    full = build([corpus], tmp_path / "full", incremental=False)
    assert full.parsed == 8
    assert _same_outputs(out, tmp_path / "full") == []
    assert again.triples == full.triples and again.statements == full.statements
    assert again.statements != first.statements  # the change was seen


def _published_state(out):
    return {name: (out / name).stat().st_ino for name in OUTPUTS} | {"store": (out / "store").stat().st_ino}


def test_a_rebuild_with_nothing_changed_parses_nothing_and_writes_nothing(corpus, tmp_path):
    """Same documents, code, data and settings over untouched outputs: the outputs are left
    as they are (issue 23), and the summary is the published build's."""
    out = tmp_path / "out"
    first = build([corpus], out)
    before = _published_state(out)
    again = build([corpus], out)
    assert (again.parsed, again.reused) == (0, 8)
    assert _published_state(out) == before  # not one output replaced
    figures = ("documents", "actors", "statements", "positions", "events", "triples", "conforms", "warnings")
    assert [getattr(again, f) for f in figures] == [getattr(first, f) for f in figures]


def test_a_touched_output_or_other_settings_make_a_rebuild_write(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    kept = (out / "void.ttl").read_bytes()
    (out / "void.ttl").write_bytes(kept + b"# edited by hand\n")
    build([corpus], out)
    assert (out / "void.ttl").read_bytes() == kept  # written again, as it was
    before = _published_state(out)
    build([corpus], out, base="https://example.org/id/")
    assert _published_state(out) != before and b"https://example.org/id/" in (out / "graph.ttl").read_bytes()


def test_a_build_with_a_failed_document_is_not_taken_as_unchanged(corpus, tmp_path):
    out = tmp_path / "out"
    (corpus / "broken.txt").write_bytes(b"\xff\xfe not UTF-8 \xff")
    first = build([corpus], out)
    assert first.failures and not (out / CACHE_DIR / "published.json").exists()
    before = _published_state(out)
    again = build([corpus], out)
    assert again.failures and _published_state(out) != before  # tried and written again


def test_other_gazetteers_start_a_new_cache_generation(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    extra = tmp_path / "extra.tsv"
    header = (SEEDS.parent / "lexicon" / "gazetteer.tsv").read_text(encoding="utf-8").splitlines()[0]
    extra.write_text(header + "\n", encoding="utf-8")
    again = build([corpus], out, gazetteers=[extra])
    assert again.parsed == 8
    assert len(_cache_entries(out)) == 8  # the older generation was removed


def test_an_unreadable_cache_entry_is_parsed_again(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    entry = next((out / CACHE_DIR).rglob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    # a rebuild with nothing changed reads no entry at all: without the published build's
    # record, the build reads them
    (out / CACHE_DIR / "published.json").unlink()
    again = build([corpus], out)
    assert (again.parsed, again.reused) == (1, 7)
    build([corpus], tmp_path / "full", incremental=False)
    assert _same_outputs(out, tmp_path / "full") == []


def test_full_build_ignores_and_clears_the_cache(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    again = build([corpus], out, incremental=False)
    assert again.parsed == 8
    assert _cache_entries(out) == []


def test_two_worker_processes_give_the_same_bytes(seed_build, tmp_path):
    first, summary = seed_build
    out = tmp_path / "workers"
    parallel = build([SEEDS], out, workers=2, incremental=False)
    assert parallel.parsed == summary.documents == 5
    assert _same_outputs(first, out) == []
    assert parallel.stage_seconds["parse"] > 0  # the workers' stage times reach the summary


def test_dask_local_cluster_gives_the_same_graph(tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs = [SEEDS, SAMPLES / "whitehouse"]  # 17 documents: two tasks, one per worker
    local = build(inputs, tmp_path / "local", incremental=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        with distributed.get_task_stream(client) as stream:
            summary = build(inputs, tmp_path / "dask", incremental=False, dask=client)
        workers = {task["worker"] for task in stream.data}
    assert summary.parsed == local.parsed == 17 and not summary.failures
    assert len(workers) == 2
    graphs = [rdflib.Graph().parse(tmp_path / name / "graph.ttl") for name in ("local", "dask")]
    assert len(graphs[0]) > 1000 and isomorphic(*graphs)
    assert _same_outputs(tmp_path / "local", tmp_path / "dask") == []


def test_the_dask_option_names_an_unreachable_scheduler(tmp_path):
    pytest.importorskip("distributed")
    from kg.errors import ConfigError

    with pytest.raises(ConfigError, match="tcp://127.0.0.1:9"):
        build([SEEDS], tmp_path / "out", dask="tcp://127.0.0.1:9")


def test_stage_clock_counts_nested_time_once():
    clock = StageClock()

    @timed("inner")
    def inner():
        with clock.stage("innermost"):
            pass

    with clock.current(), clock.stage("outer"):
        inner()
        inner()
    assert set(clock.seconds) == {"outer", "inner", "innermost"}
    assert all(v >= 0 for v in clock.seconds.values())
    inner()  # no clock current: not counted, no error
    assert set(clock.seconds) == {"outer", "inner", "innermost"}


# --------------------------------------------------------------------------- streamed graph

def _export_store(trig_path):
    import pyoxigraph as ox

    from kg.export.oxi import wrap_quad

    store = ox.Store()
    store.bulk_extend([wrap_quad(q) for q in ox.parse(path=str(trig_path), format=ox.RdfFormat.TRIG)])
    return store


def _damaged(graph: rdflib.Graph) -> rdflib.Graph:
    """The seed graph with one violation or warning of each kind the shapes look for."""
    from rdflib.namespace import RDF

    from kg.namespaces import NIF, SG

    g = rdflib.Graph()
    g += graph
    statements = sorted(g.subjects(RDF.type, SG.Statement))
    g.remove((statements[0], SG.speaker, None))                       # minCount
    g.add((statements[1], RDF.type, SG.Position))                      # disjoint classes
    g.set((statements[2], NIF.endIndex, rdflib.Literal(10**7, datatype=rdflib.XSD.nonNegativeInteger)))
    g.add((statements[3], SG.speaker, statements[4]))                  # sh:class, maxCount
    actor = min(g.subjects(RDF.type, SG.Actor))
    g.remove((actor, SG.mentionedIn, None))
    g.remove((None, SG.speaker, actor))                                # provenance (SPARQL)
    position = min(g.subjects(RDF.type, SG.Position))
    g.remove((None, SG.expresses, position))                           # ^sg:expresses (warning)
    concept = min(g.objects(None, SG.stance))
    g.remove((concept, rdflib.SKOS.prefLabel, None))                   # target objects of
    return g


@pytest.mark.parametrize("chunk", [1, 7, 100_000])
def test_chunked_validation_gives_the_whole_graph_verdicts(seed_graph, chunk):
    import pyoxigraph as ox

    from kg.export.oxi import to_oxigraph_term, wrap_term
    from kg.validate import validate_graph, validate_store

    graph = _damaged(seed_graph)
    store = ox.Store()
    store.bulk_extend([ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), wrap_term(to_oxigraph_term(o)))
                       for s, p, o in graph])
    whole = validate_graph(graph)
    chunked = validate_store(store, chunk_nodes=chunk)
    assert len(whole.violations) >= 5 and whole.warnings
    assert chunked.rows == whole.rows
    assert chunked.conforms is whole.conforms is False


def test_sparql_targets_answered_by_oxigraph_give_the_rdflib_verdicts(seed_graph):
    import pyoxigraph as ox
    from rdflib import DCTERMS
    from rdflib.namespace import RDF

    from kg.export.oxi import to_oxigraph_term
    from kg.namespaces import SG
    from kg.validate import validate_graph

    graph = _damaged(seed_graph)
    actor = max(graph.subjects(RDF.type, SG.Actor))  # an actor that comes from nowhere
    for predicate in (SG.speaker, SG.affiliation, DCTERMS.publisher):
        graph.remove((None, predicate, actor))
    graph.remove((actor, SG.mentionedIn, None))
    by_rdflib = validate_graph(graph, targets="rdflib")
    copied = validate_graph(graph)  # the triples copied into an Oxigraph store on first use
    store = ox.Store()  # the build hands over its own store, the triples in named graphs
    store.bulk_extend([ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o),
                               ox.NamedNode("https://example.org/g"))
                       for s, p, o in graph])
    given = validate_graph(graph, store=store)
    shapes = {row.shape for row in by_rdflib.rows}
    for sparql_shape in ("Actor-provenance", "Statement-textSpan", "Statement-withinDocument"):
        assert any(shape.endswith(sparql_shape) for shape in shapes), sparql_shape
    assert copied.rows == by_rdflib.rows
    assert given.rows == by_rdflib.rows


def test_a_sparql_target_selecting_a_blank_node_is_asked_of_rdflib():
    from rdflib import BNode, Graph, Literal
    from rdflib.namespace import RDF, RDFS

    from kg.namespaces import SG
    from kg.validate import validate_graph

    graph = Graph()
    actor = BNode("ruritania")
    graph.add((actor, RDF.type, SG.Actor))
    graph.add((actor, RDF.type, SG.Country))
    graph.add((actor, RDFS.label, Literal("Ruritania", lang="en")))
    rows = validate_graph(graph).rows
    assert rows == validate_graph(graph, targets="rdflib").rows
    assert any(row.focus_node == f"_:{actor}" and row.shape.endswith("Actor-provenance") for row in rows)


@pytest.mark.parametrize("chunk", [3, 2000])
def test_exports_from_memory_and_from_disk_are_the_same_bytes(seed_build, tmp_path, chunk):
    """One writer per format reads ExportQuads, whichever holds the quads: in memory, or in an
    on-disk store (datatypes wrapped); both give the build's files, byte for byte, and the
    same VoID figures."""
    import pyoxigraph as ox

    from kg.export.files import ExportQuads, write_jsonld, write_trig, write_turtle
    from kg.export.void import StatsCounter

    out, summary = seed_build
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    memory = ExportQuads.of(quads)
    disk = ExportQuads(tmp_path / "export", expected=len(quads), in_memory=0)
    disk.extend(quads)
    disk.finish()
    assert memory.in_memory and not disk.in_memory and disk.store is not None
    figures = []
    for name, exports in (("memory", memory), ("disk", disk)):
        counter = StatsCounter()
        assert write_turtle(tmp_path / f"{name}.ttl", counter.counted(exports.triples())) == summary.triples
        figures.append(counter.stats("https://w3id.org/stancegraph/id/"))
        write_trig(tmp_path / f"{name}.trig", exports.quads())
        write_jsonld(tmp_path / f"{name}.jsonld", exports, chunk=chunk)
        for ext in ("ttl", "trig", "jsonld"):
            assert filecmp.cmp(tmp_path / f"{name}.{ext}", out / f"graph.{ext}", shallow=False), (name, ext)
    assert figures[0] == figures[1] and figures[0].triples == summary.triples


@pytest.mark.xfail(strict=True, reason="Oxigraph 0.5.13 stores '3'^^xsd:nonNegativeInteger as "
                   "'3'^^xsd:integer: the served store answers with xsd:integer where the files say "
                   "xsd:nonNegativeInteger (the exports are read from a store with wrapped datatypes)")
def test_the_served_store_keeps_literal_datatypes(seed_build):
    import pyoxigraph as ox

    out, _ = seed_build
    store = ox.Store.read_only(str(out / "store"))
    ends = {q.object.datatype.value for q in store.quads_for_pattern(
        None, ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#endIndex"), None, None)}
    assert ends == {"http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}


@pytest.mark.parametrize("in_memory", [0, 300])
def test_the_on_disk_path_of_a_large_build_gives_the_same_bytes(seed_build, tmp_path, monkeypatch, in_memory):
    """As if the seeds were a large corpus: 0, every document's quads go to the staging store;
    300, the first documents' quads wait in memory and then go to the store with the rest."""
    import kg.build

    monkeypatch.setattr(kg.build, "IN_MEMORY_QUADS", in_memory)
    assert in_memory < seed_build[1].triples / 2
    out = tmp_path / "streamed"
    summary = build([SEEDS], out, incremental=False)
    assert summary.triples == seed_build[1].triples
    assert _same_outputs(seed_build[0], out) == []
    assert not (out / CACHE_DIR / "export").exists() and not (out / CACHE_DIR / "staging").exists()


@pytest.mark.parametrize("in_memory", [0, 300_000])
def test_automatic_gc_is_paused_only_for_an_in_memory_build_and_always_restored(tmp_path, monkeypatch, in_memory):
    """The in-memory tail runs without automatic collections; a large (streamed) build keeps
    them; either way the collector is on again afterwards, also when the tail fails."""
    import gc

    import kg.build

    monkeypatch.setattr(kg.build, "IN_MEMORY_QUADS", in_memory)
    seen = []

    def failing_validation(*args, **kwargs):
        seen.append(gc.isenabled())
        raise RuntimeError("validation broke")

    monkeypatch.setattr(kg.build, "validate_exports", failing_validation)
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="validation broke"):
        build([sorted(SEEDS.glob("*.txt"))[0]], tmp_path / "out", incremental=False)
    assert seen == [in_memory == 0]
    assert gc.isenabled()
