"""Issue 8: a build killed at any point (a real SIGKILL, at named moments) leaves the
previous outputs readable and whole, or, once it has begun to replace them, outputs that
are all its own after whoever opens OUT next finishes the replacement; the next build
succeeds. Two builds into one OUT: the second is refused."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys

import pyoxigraph as ox
import pytest
from conftest import SEEDS

from kg.build import OUTPUTS, build
from kg.publish import JOURNAL, KILL_AT, build_lock

BEFORE_JOURNAL = ("parsed", "validated", "exported")
AFTER_JOURNAL = ("journal", "publishing", "store")


def _kg(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600, check=False)


def _differing(a, b):
    return [name for name in OUTPUTS if not filecmp.cmp(a / name, b / name, shallow=False)]


def _quads(out) -> int:
    return len(ox.Store.read_only(str(out / "store")))


@pytest.fixture(scope="module")
def smaller(tmp_path_factory):
    """The seeds but one (its extractions are in the seed build's cache), and its own clean build."""
    folder = tmp_path_factory.mktemp("smaller")
    texts = sorted(SEEDS.glob("*.txt"))
    for path in texts[1:]:
        shutil.copy(path, folder / path.name)
        meta = path.with_suffix(".meta.json")
        if meta.exists():
            shutil.copy(meta, folder / meta.name)
    reference = tmp_path_factory.mktemp("smaller-build")
    build([folder], reference)
    return folder, reference


@pytest.fixture()
def previous(seed_build, tmp_path):
    """An OUT holding a good build of all the seeds."""
    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out)
    return out


def test_the_two_builds_differ(seed_build, smaller):
    assert _differing(seed_build[0], smaller[1]) and _quads(seed_build[0]) > _quads(smaller[1])


@pytest.mark.parametrize("moment", BEFORE_JOURNAL + AFTER_JOURNAL)
def test_a_killed_build_leaves_whole_outputs_and_the_next_build_succeeds(seed_build, smaller, previous, moment):
    folder, reference = smaller
    killed = _kg("build", folder, "-o", previous, "-q", env={KILL_AT: moment})
    assert killed.returncode == -9, killed.stderr  # SIGKILL
    if moment in BEFORE_JOURNAL:
        # nothing of the killed build is visible: the previous outputs, byte for byte
        assert not (previous / JOURNAL).exists()
        assert _differing(previous, seed_build[0]) == []
        assert _quads(previous) == _quads(seed_build[0])
    else:
        # the replacement had begun: the next reader finishes it before reading
        assert (previous / JOURNAL).exists()
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        asked = _kg("query", previous, count, "--format", "csv")
        assert asked.returncode == 0, asked.stderr
        assert asked.stdout == _kg("query", reference, count, "--format", "csv").stdout
        assert not (previous / JOURNAL).exists()
        assert _differing(previous, reference) == []
        assert _quads(previous) == _quads(reference)
    assert not (previous / "store.tmp").exists() or moment in BEFORE_JOURNAL
    again = _kg("build", folder, "-o", previous, "-q")
    assert again.returncode == 0, again.stderr
    assert _differing(previous, reference) == []
    assert _quads(previous) == _quads(reference)
    assert not (previous / "store.tmp").exists() and not (previous / "store.old").exists()


def test_kg_serve_finishes_a_stopped_replacement_before_serving(smaller, previous):
    from kg.serve import Server

    folder, reference = smaller
    assert _kg("build", folder, "-o", previous, "-q", env={KILL_AT: "store"}).returncode == -9
    assert not (previous / "store").exists()  # killed between the two renames of the store
    server = Server(previous, port=0)
    try:
        server.start()
    finally:
        server.stop()
    assert _differing(previous, reference) == [] and _quads(previous) == _quads(reference)


def test_a_second_build_into_the_same_out_is_refused(smaller, previous, seed_build):
    folder, _ = smaller
    with build_lock(previous):
        refused = _kg("build", folder, "-o", previous, "-q")
    assert refused.returncode == 2
    assert "another kg build is writing into this directory" in refused.stderr and "pid" in refused.stderr
    assert _differing(previous, seed_build[0]) == []  # untouched


def test_two_builds_started_together_leave_one_whole_output(smaller, previous):
    folder, reference = smaller
    command = [sys.executable, "-m", "kg.cli", "build", str(folder), "-o", str(previous), "-q"]
    first = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    results = [(p.wait(timeout=600), p.stderr.read()) for p in (first, second)]
    for code, stderr in results:
        assert code == 0 or (code == 2 and "another kg build" in stderr), stderr
    assert 0 in [code for code, _ in results]
    assert _differing(previous, reference) == [] and _quads(previous) == _quads(reference)
