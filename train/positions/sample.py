"""Draw the documents whose statements are annotated for the position model's training set.

Documents are drawn at random (a fixed seed) from the three corpora of ``../shared/corpus``,
leaving out every document of the gold (dev, test, the older White House gold), the bundled
samples and the seeds, so that what the model is trained on is never what it is judged on.
They are copied to ``OUT`` for a ``kg build``; ``train/positions/statements.py`` then lists
the statements of that build for annotation.

    python train/positions/sample.py ../shared/corpus /tmp/train-docs [--round 2]

Round N draws with seed SEED + N - 1 and leaves out the documents of the statements listed
in ``todo/`` already (earlier rounds).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = 20261206
PER_CORPUS = {"whitehouse-2022-02-03": 60, "ungdc-2015-2024": 40, "kremlin": 90}


def excluded() -> set[str]:
    """File stems of every document the gold, the samples or the seeds hold."""
    stems: set[str] = set()
    for path in (REPO / "data").rglob("*"):
        if path.suffix in (".md", ".txt", ".json"):
            stems.add(path.stem)
            stems.add(path.stem.split("__", 1)[-1])  # kinds gold: "<pool>__<file stem>"
    drawn = REPO / "data/gold/kinds/drawn.tsv"
    for line in drawn.read_text(encoding="utf-8").splitlines()[1:]:
        source = line.split("\t")[-1]
        stems.add(Path(source).stem)
    for todo in (REPO / "train/positions/todo").glob("*.jsonl"):  # drawn in an earlier round
        for line in todo.read_text(encoding="utf-8").splitlines():
            if line.strip():
                stems.add(json.loads(line)["id"].split("#", 1)[0])
    return stems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--round", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(SEED + args.round - 1)
    skip = excluded()
    args.out.mkdir(parents=True, exist_ok=True)
    for corpus, count in PER_CORPUS.items():
        root = args.corpus / corpus
        files = sorted(p for p in root.rglob("*") if p.suffix in (".md", ".txt")
                       and p.stem not in skip and p.name.upper() != p.name and "README" not in p.name)
        for path in rng.sample(files, count):
            target = args.out / corpus / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
        for table in root.glob("speakers.csv"):  # a speech's speaker (kg.ingest.speakers)
            shutil.copy(table, args.out / corpus / table.name)


if __name__ == "__main__":
    main()
