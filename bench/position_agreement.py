"""How far a second reader agrees with the gold on positions, scored as `kg evaluate` scores a build.

    python bench/position_agreement.py data/gold/kinds/dev data/gold/kinds/agreement/dev-*.jsonl

The second reader annotated the gold's own statements (their words, the speaker, the statement
before; never the gold's answers) with ``train/positions/ANNOTATION.md`` and the gold's position
rules. Each line: ``{"id": "<doc id>#<k>", "positions": [...]}``, ``k`` the index of the statement
among the document's statements that are not optional. Printed: the figures of issue 19 with the
second reader in the place of the build (stance, topic, reversed, positions where none; by
``kg.evaluate.statements``' own comparisons), and Cohen's kappa on whether a statement takes a
position at all: the agreement that bounds what any extractor can score against this gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.evaluate.statements import _gold_stance_on, _reversed, _same_topic


def _gold(folder: Path) -> dict[str, list[list[dict]]]:
    """Document id -> the positions of each statement that is not optional, in order."""
    out = {}
    for spec in sorted((folder / "specs").glob("*.json")):
        data = json.loads(spec.read_text(encoding="utf-8"))
        out[data["id"]] = [s.get("positions", []) for s in data.get("statements", []) if not s.get("optional")]
    return out


def agreement(gold: dict[str, list[list[dict]]], second: dict[str, list[dict]]) -> dict[str, tuple[int, int]]:
    figures = {name: [0, 0] for name in ("stance", "topic", "reversed", "where none")}
    pairs = []  # (gold takes a position, second reader does)
    for doc_id, statements in sorted(gold.items()):
        for k, gold_positions in enumerate(statements):
            key = f"{doc_id}#{k}"
            if key not in second:
                continue
            predicted = [(p["stance"], "", p["topic"]) for p in second[key]]
            pairs.append((bool(gold_positions), bool(predicted)))
            if not gold_positions:
                figures["where none"][0] += bool(predicted)
                figures["where none"][1] += 1
                continue
            figures["reversed"][0] += sum(1 for p in predicted if _reversed(p, gold_positions))
            figures["reversed"][1] += len(predicted)
            for g in gold_positions:
                figures["stance"][0] += any(p[0] == _gold_stance_on(p, g) for p in predicted)
                figures["topic"][0] += any(_same_topic(p, g) for p in predicted)
                figures["stance"][1] += 1
                figures["topic"][1] += 1
    n = len(pairs)
    both = sum(1 for a, b in pairs if a and b)
    neither = sum(1 for a, b in pairs if not a and not b)
    observed = (both + neither) / n if n else 0.0
    pa, pb = sum(a for a, _ in pairs) / n if n else 0.0, sum(b for _, b in pairs) / n if n else 0.0
    expected = pa * pb + (1 - pa) * (1 - pb)
    kappa = (observed - expected) / (1 - expected) if expected < 1 else 1.0
    result = {name: (hits, total) for name, (hits, total) in figures.items()}
    result["statements"] = (n, n)
    result["kappa x1000"] = (round(kappa * 1000), 1000)
    result["gold takes a position"] = (sum(a for a, _ in pairs), n)
    result["second reader takes one"] = (sum(b for _, b in pairs), n)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="a per-kind gold part (its specs/ are read)")
    ap.add_argument("second", nargs="+", type=Path, help="the second reader's JSON lines")
    args = ap.parse_args(argv)
    second = {}
    for path in args.second:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                second[row["id"]] = row["positions"]
    for name, (hits, total) in agreement(_gold(args.gold), second).items():
        share = f"{hits / total:.3f}" if total else "-"
        print(f"{name:<24} {hits:>5} of {total:<5} {share}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
