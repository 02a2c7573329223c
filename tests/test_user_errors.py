"""Issue 16: a mistake never costs a published build, and nothing a user can cause prints a
traceback. Each case runs the real ``kg`` command in a process of its own."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from kg.cli import main
from kg.resources import resource_path


def _kg(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=cwd)


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (the store and the cache included) with its SHA-256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture()
def published(seed_build, tmp_path):
    """A copy of a good build of the seeds, as an integrator would be serving it."""
    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out)
    return out


def _one_line(done: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_a_typo_in_the_input_path_leaves_the_published_build_byte_identical(published):
    before = _snapshot(published)
    assert any(name.startswith("store/") for name in before) and "graph.ttl" in before
    done = _kg("build", SEEDS.parent / "seedz", "-o", published)
    assert done.returncode == 2
    line = _one_line(done)
    assert "seedz: no such file or folder" in line and "nothing was written" in line
    assert _snapshot(published) == before


def test_one_missing_input_among_good_ones_stops_the_build_before_it_starts(published):
    before = _snapshot(published)
    done = _kg("build", SEEDS, SEEDS.parent / "seedz", "-o", published)
    assert done.returncode == 2 and "seedz" in _one_line(done)
    assert _snapshot(published) == before


def test_inputs_without_one_readable_document_leave_the_build_alone(published, tmp_path):
    before = _snapshot(published)
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _kg("build", empty, "-o", published)
    assert done.returncode == 2 and "no documents in" in _one_line(done)
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.txt").write_bytes(b"caf\xe9 \xff not utf-8")
    (broken / "b.txt").write_text("  \n", encoding="utf-8")
    done = _kg("build", broken, "-o", published)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "a.txt" in done.stderr and "b.txt" in done.stderr  # each file's own problem
    assert "no document could be read" in done.stderr.strip().splitlines()[-1]
    assert _snapshot(published) == before


def test_a_build_in_which_every_document_fails_keeps_the_previous_outputs(published, monkeypatch, capsys):
    from kg.extract.pipeline import Extractor

    def broken(self, *args, **kwargs):
        raise ValueError("a bug met on every document")

    monkeypatch.setattr(Extractor, "__call__", broken)
    before = _snapshot(published)
    assert main(["build", str(SEEDS), "-o", str(published), "--full"]) == 1
    captured = capsys.readouterr()
    assert "0 built, 5 failed" in captured.out and "published   nothing" in captured.out
    assert captured.err.count("a bug met on every document") >= 5
    assert _snapshot(published) == before  # the outputs, the store and the kept extractions


def _unwritable(tmp_path: Path) -> Path:
    """A folder the build cannot write into: read-only for an ordinary user; for root (who
    writes anywhere a mode allows) a path in sysfs, where no folder can be made."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder / "out"
    return Path("/sys/stancegraph-test-out")


def _cases(tmp_path: Path, published: Path) -> dict[str, tuple[list, str]]:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder", encoding="utf-8")
    query = resource_path("queries") / "actors-with-wikidata.rq"
    return {
        "typo in the input": (["build", SEEDS.parent / "seedz", "-o", tmp_path / "new"], "no such file"),
        "-o names a file": (["build", SEEDS, "-o", a_file], "a file, not a directory"),
        "-o below a file": (["build", SEEDS, "-o", a_file / "out"], "is a file, not a folder"),
        "-o not writable": (["build", SEEDS, "-o", _unwritable(tmp_path)], "choose another -o"),
        "a missing gazetteer": (["build", SEEDS, "-o", tmp_path / "new", "--gazetteer", tmp_path / "no.tsv"],
                                "no.tsv"),
        "no workers": (["build", SEEDS, "-o", tmp_path / "new", "--workers", "0"], "--workers must be at least 1"),
        "query without a store": (["query", tmp_path, "ASK {}"], "no store here"),
        "serve without a store": (["serve", tmp_path, "--port", "0"], "no store here"),
        "a query file without -f": (["query", published, query], "is a file; use -f"),
        "a missing query file": (["query", published, "-f", tmp_path / "no.rq"], "cannot read the query"),
        "an undeclared prefix": (["query", published, "SELECT * { ?s a ex:Thing }"], "ex: is not declared"),
        "malformed SPARQL": (["query", published, "SELECT WHERE {"], "malformed SPARQL"),
    }


def test_each_mistake_gets_one_line_exit_2_and_no_traceback(published, tmp_path):
    for name, (args, expected) in _cases(tmp_path, published).items():
        done = _kg(*args)
        assert done.returncode == 2, (name, done.stderr)
        line = _one_line(done)
        assert expected in line, (name, line)
        assert line.startswith(f"kg {args[0]}: "), (name, line)
    assert not (tmp_path / "new").exists()  # no failed build made its folder


def test_a_port_in_use_suggests_another(published):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _kg("serve", published, "--port", port)
    assert done.returncode == 2
    line = _one_line(done)
    assert f"port {port}" in line and "in use" in line and "--port" in line


def test_version():
    from importlib import metadata

    done = _kg("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"stancegraph {metadata.version('stancegraph')}"


def test_a_build_that_raises_leaves_the_published_build_and_no_staging(published, monkeypatch):
    """A failure after the documents (here the validation) publishes nothing and removes what
    the build had staged: the store copy, the staged files, the staging and export stores."""
    import kg.build
    from kg.build import build

    def broken(*args, **kwargs):
        raise RuntimeError("validation broke")

    monkeypatch.setattr(kg.build, "validate_exports", broken)
    before = {k: v for k, v in _snapshot(published).items() if not k.startswith(".cache/")}
    with pytest.raises(RuntimeError, match="validation broke"):
        build([SEEDS], published, incremental=False)
    after = _snapshot(published)
    assert {k: v for k, v in after.items() if not k.startswith(".cache/")} == before
    assert not (published / "store.tmp").exists()
    for folder in ("publish", "staging", "export"):
        assert not any((published / ".cache" / folder).rglob("*")), folder
