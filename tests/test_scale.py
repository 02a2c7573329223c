"""Issue 7: the same output however a build runs: incrementally, in worker processes, on a
Dask cluster (a LocalCluster of two worker processes)."""

from __future__ import annotations

import filecmp
import shutil

import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.build import build
from kg.cache import CACHE_DIR
from kg.timing import StageClock, timed

from conftest import SAMPLES, SEEDS

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


def test_a_rebuild_with_nothing_changed_parses_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    build([corpus], out)
    again = build([corpus], out)
    assert (again.parsed, again.reused) == (0, 8)


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
