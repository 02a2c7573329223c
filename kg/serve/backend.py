"""The SPARQL engine behind ``kg serve``: the Oxigraph server (PyPI package ``oxigraph``) run
read-only over the build's store, on a loopback port that only ``kg serve`` talks to.

It implements the SPARQL 1.1 Protocol, the result formats and the query time limit; the
front server (``kg.serve.server``) adds the pages, content negotiation for resource IRIs,
CORS and the refusal of updates.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import functools
import http.client
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.errors import StoreError

STARTUP_SECONDS = 30.0
MAX_RESULT_BYTES = 50_000_000  # an answer's size limit (kg serve --max-result-mb)
GRACE_SECONDS = 2.0  # beyond the query time limit, before a query is stopped by force
HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "server", "date"})


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed with this package (beside the Python running us)."""
    here = str(Path(sys.executable).parent)
    found = shutil.which("oxigraph", path=os.pathsep.join([here, os.environ.get("PATH", "")]))
    if found is None:
        raise StoreError("the 'oxigraph' server command is not installed (pip install oxigraph)")
    return found


PR_SET_PDEATHSIG = 1  # linux/prctl.h


@functools.cache
def _prctl():
    """The C library's ``prctl`` (None where there is none: elsewhere than Linux)."""
    name = ctypes.util.find_library("c")
    return getattr(ctypes.CDLL(name, use_errno=True), "prctl", None) if name else None


# seccomp (linux/seccomp.h, linux/filter.h, linux/audit.h): a filter that refuses connect()
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO, EPERM = 0x7FFF0000, 0x00050000, 1
BPF_LD_W_ABS, BPF_JEQ_K, BPF_JGE_K, BPF_RET_K = 0x20, 0x15, 0x35, 0x06
X32_SYSCALL_BIT = 0x40000000
# the architecture's audit number and its connect() system call number
CONNECT_SYSCALLS = {"x86_64": (0xC000003E, 42), "aarch64": (0xC00000B7, 203)}


class _SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint)]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


def _no_connect_program() -> _SockFprog | None:
    """A seccomp program that makes connect() fail with EPERM and allows every other system
    call (None on an architecture it does not know): a server under it accepts connections
    but cannot open one, so it cannot fetch what a SPARQL SERVICE clause names."""
    known = CONNECT_SYSCALLS.get(platform.machine())
    if known is None or not sys.platform.startswith("linux"):
        return None
    arch, connect = known
    deny = SECCOMP_RET_ERRNO | EPERM
    code = [
        (BPF_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (BPF_JEQ_K, 1, 0, arch),  # this architecture: go on; another (a compat call): deny
        (BPF_RET_K, 0, 0, deny),
        (BPF_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
        (BPF_JGE_K, 2, 0, X32_SYSCALL_BIT),  # x32 system calls: deny
        (BPF_JEQ_K, 1, 0, connect),
        (BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW),
        (BPF_RET_K, 0, 0, deny),
    ]
    instructions = (_SockFilter * len(code))(*[_SockFilter(*i) for i in code])
    program = _SockFprog(len(code), instructions)
    program.keep = instructions  # the array lives as long as the program
    return program


def _preexec(fetches: bool):
    """A ``preexec_fn`` that has the kernel send the SPARQL server SIGTERM when the thread
    that started it dies, so that a ``kg serve`` killed with SIGKILL leaves no server behind,
    and, unless the server may ``fetch`` (``kg serve --allow-service``), puts it under a
    seccomp filter that refuses connect(): whoever reaches its loopback port cannot have it
    fetch a SERVICE address (None without ``prctl``). The child only makes system calls, with
    arguments built here: a child forked from a process with threads must not take locks
    before it runs its program."""
    prctl = _prctl()
    if prctl is None:
        return None
    parent = os.getpid()
    program = None if fetches else _no_connect_program()
    # byref keeps the program alive as long as this closure
    args = None if program is None else (ctypes.c_ulong(SECCOMP_MODE_FILTER), ctypes.byref(program),
                                         ctypes.c_ulong(0), ctypes.c_ulong(0))
    one, zero = ctypes.c_ulong(1), ctypes.c_ulong(0)

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)
        if args is not None:
            if prctl(PR_SET_NO_NEW_PRIVS, one, zero, zero, zero) != 0 or prctl(PR_SET_SECCOMP, *args) != 0:
                os._exit(3)  # no filter, no server: start() reports the exit

    return preexec


# The kernel's parent-death signal follows the *thread* that started a process: every server
# is started from this one thread, which lives as long as the process (a server restarted
# from a request's thread would otherwise be killed when that request ends).
_SPAWNER: concurrent.futures.ThreadPoolExecutor | None = None
_SPAWNER_LOCK = threading.Lock()


def _spawn(command: list[str], fetches: bool) -> subprocess.Popen:
    global _SPAWNER
    with _SPAWNER_LOCK:
        if _SPAWNER is None:
            _SPAWNER = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-serve-spawner")
    return _SPAWNER.submit(subprocess.Popen, command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           preexec_fn=_preexec(fetches)).result()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class QueryTimeout(StoreError):
    """A query ran past the time limit and was stopped."""


class ResultTooLarge(StoreError):
    """An answer larger than the result size limit (it was not read to its end)."""


class SparqlBackend:
    """``oxigraph serve-read-only`` over ``store``: a query runs at most ``timeout`` seconds,
    and an answer has at most ``max_bytes`` bytes. The server keeps SPARQL's dataset rules
    (``FROM``, ``default-graph-uri``); the front asks for the union of all graphs as the
    default graph (``?union-default-graph``) for a query that names no dataset. Unless it
    ``fetches`` (``kg serve --allow-service``), the server cannot open a connection (a
    seccomp filter on Linux), so no one who reaches its port can have it fetch an address."""

    def __init__(self, store: Path, timeout: float, max_bytes: int = MAX_RESULT_BYTES, *, fetches: bool = False) -> None:
        if not store.is_dir():
            raise StoreError(f"{store}: no store here (run 'kg build ... -o {store.parent}' first)")
        self.store = store
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.fetches = fetches
        self.port = 0
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        self.port = _free_port()
        command = [
            oxigraph_binary(), "serve-read-only", "--location", str(self.store),
            "--bind", f"127.0.0.1:{self.port}",
            "--timeout-s", str(max(1, round(self.timeout))),
        ]
        self._process = _spawn(command, self.fetches)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                message = self._process.stderr.read().decode("utf-8", "replace").strip() if self._process.stderr else ""
                raise StoreError(f"{self.store}: the SPARQL server did not start: {message}")
            try:
                if self.query("ASK {}", "application/sparql-results+json").status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise StoreError(f"{self.store}: the SPARQL server did not answer within {STARTUP_SECONDS:.0f} s")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
        self._process = None

    def forward(self, method: str, target: str, body: bytes | None, content_type: str | None, accept: str | None) -> Answer:
        """Send one SPARQL Protocol request (``target`` is ``/query?...``) and read the whole answer."""
        port = self.port
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout + GRACE_SECONDS)
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:  # closing the connection stops the query
                raise ResultTooLarge(f"the answer is larger than the server's limit of {self.max_bytes:,} bytes")
            return Answer(response.status, response.getheader("Content-Type", "text/plain"), data)
        except TimeoutError as err:
            # the Oxigraph server checks its limit only between results: a query that
            # aggregates a huge join would run on, so the server is replaced
            self._restart(port)
            raise QueryTimeout(f"the query ran longer than {self.timeout:g} s and was stopped") from err
        finally:
            connection.close()

    def _restart(self, port: int) -> None:
        with self._lock:
            if self._closed or self.port != port:
                return  # closed for good (a retired build), or restarted by another request
            self.stop()
            try:
                self.start()
            except StoreError:
                self.port = 0  # no server until the next build: later queries get a 503

    def close(self) -> None:
        """Stop for good: a query timing out afterwards does not start the server again."""
        with self._lock:
            self._closed = True
            self.stop()

    def query(self, sparql: str, accept: str) -> Answer:
        """Answer ``sparql`` over the union of all graphs."""
        return self.forward("POST", "/query?union-default-graph", sparql.encode("utf-8"), "application/sparql-query",
                            accept)
