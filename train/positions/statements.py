"""List statements of a build for annotation: a JSON line each, with the statement before it.

A seeded draw of at most ``--per-document`` statements of each document of the build (made
with ``kg build DOCS -o OUT --full --min-confidence 0`` from the documents ``sample.py``
drew), written in chunks for annotators. Annotators see the words and the speaker, never
what the extractor made of them.

    python train/positions/statements.py /tmp/train-build train/positions/todo --chunks 8 --per-document 14
    (round 2: --first-chunk 9 --seed 20261207)
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import rdflib

from kg.evaluate.actors import document_nodes
from kg.evaluate.statements import predicted_statements

SEED = 20261206


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-document", type=int, default=8)
    parser.add_argument("--chunks", type=int, default=8)
    parser.add_argument("--first-chunk", type=int, default=1, help="number of the first chunk written")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    graph = rdflib.Graph().parse(args.build / "graph.ttl", format="turtle")
    rng = random.Random(args.seed)
    rows = []
    for doc_id, nodes in sorted(document_nodes(graph).items()):
        statements = sorted((s for node in nodes for s in predicted_statements(graph, node)),
                            key=lambda s: (s.begin, s.end))
        before = {id(s): (statements[i - 1].text if i else "") for i, s in enumerate(statements)}
        for s in sorted(rng.sample(statements, min(args.per_document, len(statements))), key=lambda s: s.begin):
            rows.append({"id": f"{doc_id}#{s.begin}-{s.end}", "speaker": s.speaker.label if s.speaker else None,
                         "before": before[id(s)], "text": s.text})
    rng.shuffle(rows)
    args.out.mkdir(parents=True, exist_ok=True)
    size = -(-len(rows) // args.chunks)
    for n in range(args.chunks):
        with open(args.out / f"chunk-{n + args.first_chunk}.jsonl", "w", encoding="utf-8") as f:
            for row in rows[n * size:(n + 1) * size]:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "statements in", args.chunks, "chunks")


if __name__ == "__main__":
    main()
