"""Benchmark: `kg serve` under a bounded load from a second process, on loopback.

    python bench/serve_load.py OUT [--clients 20] [--seconds 30] [--url URL]

Without ``--url``, ``kg serve OUT --port 0`` is started in its own process and stopped at the
end. ``--clients`` threads each keep one HTTP/1.1 connection and send, for ``--seconds``,
the example queries of ``queries/*.rq`` in turn (each client starts at another one), as
``POST application/sparql-query`` asking for SPARQL JSON (CONSTRUCT: Turtle). Printed: the
requests answered, errors (any status but 200, or a failed connection), requests per second,
and the p50/p99 latency overall and per query. Exit code 1 if any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "queries"


def _queries() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(QUERIES.glob("*.rq"))]


def _accept(query: str) -> str:
    text = re.sub(r"#[^\n]*", "", query)
    return "text/turtle" if re.search(r"\b(CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE) else \
        "application/sparql-results+json"


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def run_load(url: str, clients: int, seconds: float) -> dict:
    """``clients`` threads sending the example queries to ``url`` for ``seconds``."""
    parts = urlsplit(url)
    queries = _queries()
    latencies: dict[str, list[float]] = {name: [] for name, _ in queries}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        turn = number
        while time.monotonic() < deadline:
            name, query = queries[turn % len(queries)]
            turn += 1
            started = time.perf_counter()
            try:
                connection.request("POST", "/sparql", body=query.encode("utf-8"),
                                   headers={"Content-Type": "application/sparql-query", "Accept": _accept(query)})
                response = connection.getresponse()
                response.read()
                failed = None if response.status == 200 else f"{name}: HTTP {response.status}"
            except (OSError, http.client.HTTPException) as err:
                failed = f"{name}: {type(err).__name__}: {err}"
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            elapsed = time.perf_counter() - started
            with lock:
                if failed:
                    errors.append(failed)
                else:
                    latencies[name].append(elapsed)
        connection.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    every = [t for values in latencies.values() for t in values]
    return {
        "clients": clients, "seconds": wall, "answered": len(every), "errors": len(errors),
        "first_errors": errors[:5], "per_second": len(every) / wall,
        "p50_ms": 1000 * _percentile(every, 0.50), "p99_ms": 1000 * _percentile(every, 0.99),
        "queries": {name: {"answered": len(values), "p50_ms": 1000 * _percentile(values, 0.50),
                           "p99_ms": 1000 * _percentile(values, 0.99)} for name, values in latencies.items()},
    }


def _start_server(out: Path) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", str(out), "--port", "0"],
                               stdout=subprocess.PIPE, text=True, cwd=REPO)
    line = process.stdout.readline() if process.stdout else ""
    found = re.search(r"at (http://\S+?)/ ", line)
    if not found:
        process.kill()
        raise SystemExit(f"kg serve did not start: {line!r}")
    return process, found.group(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a build's output directory")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--url", help="a running kg serve (default: start one on OUT)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    process = None
    url = args.url
    if url is None:
        process, url = _start_server(args.out)
    try:
        result = run_load(url, args.clients, args.seconds)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"server      {url} over {args.out} ({os.cpu_count()} cores)")
        print(f"load        {result['clients']} clients for {result['seconds']:.1f} s, the {len(result['queries'])} "
              "example queries in turn")
        print(f"answered    {result['answered']} ({result['per_second']:.1f} requests/s), {result['errors']} errors")
        print(f"latency     p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms")
        for name, figures in result["queries"].items():
            print(f"  {name:28s} {figures['answered']:6d}  p50 {figures['p50_ms']:7.1f} ms  p99 {figures['p99_ms']:7.1f} ms")
        for error in result["first_errors"]:
            print(f"error       {error}")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
