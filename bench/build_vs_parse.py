"""Benchmark: `kg build` against the bare spaCy parse of the same texts, in one run.

    python bench/build_vs_parse.py CORPUS_DIR [--glob '*_77_2022.txt'] [--limit N] [--workers N] [--repeat N]

Both are run in their own process (so that each has its own peak memory): the bare parse is
``nlp.pipe`` over the documents' texts with the same model and batch size as the build and
nothing else; the build is ``kg.build.build`` into a temporary directory. Printed: words,
both times, the ratio build / parse (the issue's target is <= 1.25), the build's stage times,
triples, and the peak RSS of each process, with the machine's core count. With
``--workers N`` the parse runs with ``n_process=N`` and the build with ``--workers N``, so that
both use the same cores; peak RSS is then the largest of the processes, and the build's stage
times for parse, extract and link are summed over its workers.

With ``--repeat N`` both are run N times, alternating, and the median run of each is reported:
on a shared machine the same parse varies by 10% from one run to the next.

A selection (``--glob``) is linked into a temporary folder with the corpus's ``speakers.csv``,
so that UN General Debate speeches keep their speaker metadata.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker
    return max(own, children) / 1024  # Linux: kilobytes


def _parse(corpus: Path, workers: int) -> dict:
    import importlib

    from kg.ingest import Document, iter_documents
    from kg.nlp import analysis_text
    from kg.nlp.pipeline import MODEL_NAME
    from kg.work import BATCH_SIZE

    nlp = importlib.import_module(MODEL_NAME).load()
    texts = [analysis_text(d.text) for d in iter_documents([corpus]) if isinstance(d, Document)]
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers))
    return {"seconds": time.perf_counter() - started, "documents": len(texts), "tokens": words, "peak_mb": _peak_mb()}


def _build(corpus: Path, workers: int) -> dict:
    from kg.build import build

    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        summary = build([corpus], out, workers=workers, incremental=False)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "documents": summary.documents, "failures": len(summary.failures),
            "triples": summary.triples, "stages": summary.stage_seconds, "peak_mb": _peak_mb(),
            "conforms": summary.conforms}


def _selection(corpus: Path, pattern: str | None, limit: int | None, into: Path) -> Path:
    if pattern is None and limit is None:
        return corpus
    files = sorted(p for p in corpus.rglob(pattern or "*") if p.is_file() and p.suffix in (".txt", ".md", ".jsonl"))
    for path in files[:limit]:
        (into / path.name).symlink_to(path.resolve())
        meta = path.with_suffix(".meta.json")
        if meta.exists():
            (into / meta.name).symlink_to(meta.resolve())
    speakers = corpus / "speakers.csv"
    if speakers.exists():
        (into / "speakers.csv").symlink_to(speakers.resolve())
    return into


def _median(runs: list[dict]) -> dict:
    """The run with the median time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--glob", help="only the files matching this pattern")
    parser.add_argument("--limit", type=int, help="only the first N files (sorted)")
    parser.add_argument("--workers", type=int, default=1, help="processes for both (default 1)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run both N times, alternating, and report the median run of each (default 1)")
    parser.add_argument("--mode", choices=("parse", "build"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.mode:  # a child process
        run = _parse if args.mode == "parse" else _build
        print(json.dumps(run(args.corpus, args.workers)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _selection(args.corpus, args.glob, args.limit, Path(tmp))
        runs: dict[str, list[dict]] = {"parse": [], "build": []}
        for _ in range(args.repeat):  # alternated, so that a slow spell of the machine hits both
            for mode in ("parse", "build"):
                done = subprocess.run([sys.executable, __file__, str(corpus), "--mode", mode,
                                       "--workers", str(args.workers)],
                                      capture_output=True, text=True, check=True)
                runs[mode].append(json.loads(done.stdout.strip().splitlines()[-1]))
    parse, build = _median(runs["parse"]), _median(runs["build"])
    if args.repeat > 1:
        for mode in ("parse", "build"):
            print(f"{mode:11s} runs: " + ", ".join(f"{r['seconds']:.1f} s" for r in runs[mode]) + " (median below)")
    print(f"corpus      {args.corpus} {args.glob or ''} ({parse['documents']} documents, {parse['tokens']} tokens)")
    print(f"machine     {os.cpu_count()} cores, {args.workers} process(es) for each run")
    print(f"bare parse  {parse['seconds']:.1f} s  ({parse['tokens'] / parse['seconds']:.0f} tokens/s), peak {parse['peak_mb']:.0f} MB")
    print(f"kg build    {build['seconds']:.1f} s, peak {build['peak_mb']:.0f} MB, {build['triples']} triples, "
          f"{build['failures']} failed, {'conforms' if build['conforms'] else 'violations'}")
    print(f"ratio       {build['seconds'] / parse['seconds']:.2f} x bare parse (target <= 1.25)")
    for stage, seconds in build["stages"].items():
        print(f"  {stage:14s} {seconds:7.1f} s  ({seconds / build['seconds']:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
