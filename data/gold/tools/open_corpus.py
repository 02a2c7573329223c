"""Copy a shared corpus without the blind parts' documents, for exploring rules on it.

The blind gold parts (``kinds/test``, ``kinds/events-test``) were drawn from the shared corpora,
so a build of a whole corpus holds their documents: reading its output to find what a rule
misses would be reading the blind documents' errors. Explore on the copy this tool makes
instead. A document is left out when its file name (without extension) is the source of a row
of a ``drawn.tsv`` or ``gathered.tsv`` under ``data/gold/kinds`` whose part is ``test``.

    python data/gold/tools/open_corpus.py ../shared/corpus/whitehouse-2022-02-03 /tmp/wh-open
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

KINDS = Path(__file__).resolve().parents[1] / "kinds"
BLIND_PARTS = frozenset({"test"})
MANIFESTS = ("drawn.tsv", "gathered.tsv")


def blind_names(kinds: Path = KINDS) -> frozenset[str]:
    """The file names, without extension, of every document of a blind part."""
    names = set()
    for manifest in sorted(p for name in MANIFESTS for p in kinds.rglob(name)):
        with manifest.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("part") in BLIND_PARTS and row.get("source"):
                    names.add(Path(row["source"]).stem)
    return frozenset(names)


def copy_open(source: Path, out: Path, kinds: Path = KINDS) -> tuple[int, int]:
    """Copy the files of ``source``, subfolders and all, to ``out``, less the blind ones:
    (copied, left out)."""
    blind = blind_names(kinds)
    copied = left = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        # "GNB_75_2020.txt" and its "GNB_75_2020.meta.json" alike
        if path.name.split(".", 1)[0] in blind:
            left += 1
            continue
        target = out / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied += 1
    return copied, left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a corpus folder (e.g. ../shared/corpus/kremlin)")
    parser.add_argument("out", type=Path, help="the folder to copy it to")
    args = parser.parse_args(argv)
    if not args.source.is_dir():
        print(f"open_corpus: {args.source}: not a folder", file=sys.stderr)
        return 2
    copied, left = copy_open(args.source, args.out)
    print(f"{copied} files copied to {args.out}; {left} of the blind parts left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
