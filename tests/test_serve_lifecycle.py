"""Issue 16: ``kg serve`` owns its SPARQL process (no orphan after any signal, SIGKILL
included) and follows its build (a build published into the folder it serves is answered
from within seconds, without a restart; queries in flight finish)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
from conftest import SEEDS, start_server

from kg.build import build


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
            found.extend(int(c) for c in handle.read().split())
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a dead child whose new parent has not reaped it yet)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _backend_port(pid: int) -> int:
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        command = handle.read().split(b"\0")
    return int(command[command.index(b"--bind") + 1].rsplit(b":", 1)[1])


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# SIGINT and SIGHUP as a shell at a terminal leaves them: the test runner may run with them
# ignored (a background job, nohup), and kg serve keeps a signal its caller ignores. Reset,
# then replaced by kg (exec keeps a signal's default disposition).
AS_FROM_A_TERMINAL = ("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
                      "signal.signal(signal.SIGHUP, signal.SIG_DFL); os.execv(sys.executable, sys.argv[1:])")


@pytest.fixture()
def serving(seed_build):
    """``kg serve`` of the seed build in a process of its own: (process, front port, child pid)."""
    command = [sys.executable, "-m", "kg.cli", "serve", str(seed_build[0]), "--port", "0"]
    process = subprocess.Popen([sys.executable, "-c", AS_FROM_A_TERMINAL, *command],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line + process.stderr.read()
        children = _children(process.pid)
        assert len(children) == 1, children
        yield process, int(match.group(1)), children[0]
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()
        process.stderr.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_stops_the_server_and_its_sparql_process(serving, sig):
    process, port, child = serving
    backend = _backend_port(child)
    assert _listening(port) and _listening(backend)
    process.send_signal(sig)
    assert process.wait(timeout=20) == 0
    assert "Traceback" not in process.stderr.read()
    assert _wait(lambda: not _running(child), 5), f"the SPARQL process {child} outlived kg serve"
    assert not _listening(port) and not _listening(backend)


def test_after_sigkill_the_sparql_process_exits_by_itself(serving):
    process, _, child = serving
    backend = _backend_port(child)
    process.kill()
    process.wait(timeout=10)
    assert _wait(lambda: not _running(child), 5), f"the SPARQL process {child} outlived kg serve"
    assert _wait(lambda: not _listening(backend), 5)


def _statement_documents(url: str) -> set[str]:
    sparql = ("PREFIX sg: <https://w3id.org/stancegraph/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
              "SELECT DISTINCT ?doc WHERE { ?s a sg:Statement ; prov:wasDerivedFrom ?doc }")
    request = urllib.request.Request(url + "/sparql", data=urllib.parse.urlencode({"query": sparql}).encode(),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return set(response.read().decode("utf-8").split()[1:])


def test_the_endpoint_answers_from_a_new_build_within_five_seconds(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    texts = sorted(SEEDS.glob("*.txt"))
    for path in texts[1:]:
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    build([folder], out)
    server, thread = start_server(out)
    try:
        before = _statement_documents(server.url)
        assert before and not any(texts[0].stem in d for d in before)
        shutil.copy(texts[0], folder / texts[0].name)  # the rebuild has one more document
        build([folder], out)
        published = time.monotonic()
        assert _wait(lambda: any(texts[0].stem in d for d in _statement_documents(server.url)), 5), \
            "the new document's statements were not served within 5 s of the build"
        assert time.monotonic() - published <= 5.5
        assert before < _statement_documents(server.url)
    finally:
        server.shutdown()
        thread.join(timeout=30)


def test_a_query_in_flight_during_the_switch_is_answered_by_its_server(seed_build, tmp_path):
    """The switch waits for the old server's queries: one held open across it still gets its
    answer from the old store, and the old server stops only once it has."""
    from kg.serve.follow import FollowingBackend

    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out)
    backend = FollowingBackend(out, timeout=30, interval=3600)  # switched by hand below
    backend.start()
    try:
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        before = backend.query(count, "text/csv").body
        holding = backend._using()
        old = holding.__enter__()  # a query in flight on the old server
        build([min(SEEDS.glob("*.txt"))], out)  # a smaller build is published
        assert backend.check()
        answer = {}
        asking = threading.Thread(target=lambda: answer.update(a=old.query(count, "text/csv")))
        asking.start()
        asking.join(timeout=30)
        assert answer["a"].status == 200 and answer["a"].body == before  # the old store's answer
        assert old._process is not None and old._process.poll() is None  # still up for it
        after = backend.query(count, "text/csv").body
        assert after != before  # new queries go to the new store
        holding.__exit__(None, None, None)
        assert _wait(lambda: old._process is None, 10), "the old server outlived its last query"
    finally:
        backend.stop()


def test_a_failing_notice_neither_stops_the_watcher_nor_keeps_the_old_server(seed_build, tmp_path):
    """The old server is retired before anything that may fail after a switch (re-reading the
    base, writing the log); the watcher reports a failed look and goes on."""
    from kg.serve.follow import FollowingBackend

    out = tmp_path / "out"
    shutil.copytree(seed_build[0], out)
    told = []

    def broken_log(line):
        raise BrokenPipeError("the log's reader went away")

    backend = FollowingBackend(out, timeout=30, interval=0.2, on_switch=lambda: None, notices=broken_log)
    backend.start()
    try:
        old = backend._current.backend
        build([min(SEEDS.glob("*.txt"))], out)
        assert _wait(lambda: backend._current.backend is not old, 10), "the watcher did not switch"
        assert _wait(lambda: old._process is None, 10), "the old server was not retired"
        backend.notices = told.append
        assert backend._watcher.is_alive()
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert backend.query(count, "text/csv").status == 200
    finally:
        backend.stop()


def test_a_closed_server_is_not_started_again_by_a_timed_out_query(seed_build):
    from kg.serve.backend import SparqlBackend

    backend = SparqlBackend(seed_build[0] / "store", timeout=30)
    backend.start()
    port = backend.port
    backend.close()
    backend._restart(port)  # as a query that timed out on it would
    assert backend._process is None
