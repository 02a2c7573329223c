"""``python -m kg.evaluate GRAPH [--gold DIR] [--per-document] [--errors]``.

Exit code 0 after printing the report; 2 when the gold or the graph cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import rdflib
from rdflib.util import guess_format

from kg.errors import StancegraphError
from kg.evaluate.actors import evaluate_actors, format_evaluation


def _load_graph(path: Path) -> rdflib.Graph:
    fmt = guess_format(str(path)) or "turtle"
    if fmt in ("trig", "nquads"):
        graph: rdflib.Graph = rdflib.Dataset(default_union=True)
    else:
        graph = rdflib.Graph()
    graph.parse(path, format=fmt)
    return graph


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.evaluate", description=__doc__.splitlines()[0])
    ap.add_argument("graph", type=Path, help="graph.ttl (or .nt, .jsonld, .trig) of a build")
    ap.add_argument(
        "--gold", type=Path, default=Path("data/gold"), help="gold folder (default data/gold)"
    )
    ap.add_argument("--per-document", action="store_true")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    try:
        graph = _load_graph(args.graph)
        ev = evaluate_actors(args.gold, graph)
    except (StancegraphError, OSError, SyntaxError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for line in format_evaluation(ev, per_document=args.per_document, errors=args.errors):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
