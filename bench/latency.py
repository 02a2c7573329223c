"""Benchmark: what a person waits for, each against its baseline in the same run (issue 23).

    python bench/latency.py OUT [--repeat 50] [--runs 5]

- ``kg query OUT 'ASK {}'`` as a command, against a bare ``python -c`` that imports pyoxigraph,
  opens the same store read-only and asks the same query (``--runs`` of each, alternated);
- ``kg serve OUT``: ``ASK {}`` through the front server against the same query sent straight
  to its Oxigraph backend, over one kept-alive connection each (``--repeat`` requests, the
  two alternated, median of each).

Printed: the medians, the difference and the ratio, and the machine's load average before
and after (the figures mean little on a busy machine). Speed is never a test: this is run by
hand and its output goes in the issue notes.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def query_start_up(out: Path, runs: int) -> tuple[float, float]:
    kg = str(Path(sys.executable).with_name("kg"))
    bare = (f"import pyoxigraph as ox; s = ox.Store.read_only({str(out / 'store')!r}); "
            "print(bool(s.query('ASK {}', use_default_graph_as_union=True)))")
    ours, base = [], []
    for _ in range(runs):
        ours.append(_timed([kg, "query", str(out), "ASK {}"]))
        base.append(_timed([sys.executable, "-c", bare]))
    return statistics.median(ours), statistics.median(base)


def _asker(host: str, port: int, path: str):
    connection = http.client.HTTPConnection(host, port, timeout=60)

    def ask() -> float:
        start = time.perf_counter()
        connection.request("POST", path, b"ASK {}", {"Content-Type": "application/sparql-query",
                                                     "Accept": "application/sparql-results+json"})
        answer = connection.getresponse()
        answer.read()
        if answer.status != 200:
            raise SystemExit(f"{path}: HTTP {answer.status}")
        return time.perf_counter() - start

    return ask


def serve_overhead(out: Path, repeat: int) -> tuple[float, float]:
    from kg.serve import Server

    server = Server(out, port=0)
    server.start()
    import threading

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        front = _asker("127.0.0.1", server.port, "/sparql")
        backend = _asker("127.0.0.1", server.backend.port, "/query?union-default-graph")
        fronts, backends = [], []
        for _ in range(repeat):
            fronts.append(front())
            backends.append(backend())
        return statistics.median(fronts), statistics.median(backends)
    finally:
        server.shutdown()
        thread.join(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="a build's output folder (with its store)")
    parser.add_argument("--repeat", type=int, default=50, help="requests per path (default 50)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    args = parser.parse_args()
    print(f"load average before: {_load()}")
    ours, base = query_start_up(args.out, args.runs)
    print(f"kg query 'ASK {{}}': {ours * 1000:.0f} ms; bare pyoxigraph open + ask: {base * 1000:.0f} ms; "
          f"{ours / base:.2f}x (+{(ours - base) * 1000:.0f} ms)")
    front, backend = serve_overhead(args.out, args.repeat)
    print(f"kg serve 'ASK {{}}': {front * 1000:.2f} ms; its Oxigraph backend: {backend * 1000:.2f} ms; "
          f"the front adds {(front - backend) * 1000:.2f} ms ({front / backend:.1f}x)")
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
