"""Same bytes before and after a change that must not change outputs (issue 17's redesign).

Builds four sets with ``--full`` and records the SHA-256 of every output file:

- ``samples``: ``data/seeds data/samples`` (the README's main job);
- ``gold``: ``data/seeds data/gold/whitehouse`` (the gold build);
- ``whitehouse-80``: the first 80 texts of the White House corpus, by file name;
- ``ungdc-40``: the first 40 speeches of UN session 77, by file name (with the corpus's
  ``speakers.csv``).

    python bench/same_bytes.py snapshot before.json --corpora ../shared/corpus
    python bench/same_bytes.py check before.json --corpora ../shared/corpus

``check`` exits 1 and names each file that differs. The two corpus sets are skipped (and
said so) when ``--corpora`` is not given.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.build import OUTPUTS, build


def _sets(corpora: Path | None) -> dict[str, list[Path]]:
    sets = {
        "samples": [REPO / "data" / "seeds", REPO / "data" / "samples"],
        "gold": [REPO / "data" / "seeds", REPO / "data" / "gold" / "whitehouse"],
    }
    if corpora is not None:
        whitehouse = sorted((corpora / "whitehouse-2022-02-03").rglob("*.md"))
        whitehouse = [p for p in whitehouse if not p.name.upper().startswith(("README", "LICENSE"))]
        sets["whitehouse-80"] = whitehouse[:80]
        sets["ungdc-40"] = sorted((corpora / "ungdc-2015-2024" / "Session_77_-_2022").glob("*.txt"))[:40]
    return sets


def _digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


def snapshot(corpora: Path | None) -> dict[str, dict[str, str]]:
    result = {}
    for name, inputs in _sets(corpora).items():
        folder = Path(tempfile.mkdtemp(prefix=f"same-bytes-{name}-"))
        try:
            started = time.perf_counter()
            summary = build(inputs, folder / "out", incremental=False)
            result[name] = _digests(folder / "out")
            print(f"{name}: {len(inputs)} inputs, {summary.documents} documents, {summary.triples} triples, "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("snapshot", "check"))
    parser.add_argument("file", type=Path, help="the snapshot (JSON) to write or to check against")
    parser.add_argument("--corpora", type=Path, help="../shared/corpus: adds the White House and UN sets")
    args = parser.parse_args(argv)
    if args.corpora is None:
        print("no --corpora: only the samples and gold sets", file=sys.stderr)
    now = snapshot(args.corpora)
    if args.mode == "snapshot":
        args.file.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    before = json.loads(args.file.read_text(encoding="utf-8"))
    differing = [f"{name}/{file}" for name, files in now.items() for file, digest in files.items()
                 if before.get(name, {}).get(file) != digest]
    for item in differing:
        print(f"differs: {item}")
    print(f"{sum(len(f) for f in now.values()) - len(differing)} files the same, {len(differing)} differ")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
