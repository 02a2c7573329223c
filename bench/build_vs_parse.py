"""Benchmark: `kg build` against the bare spaCy parse of the same texts, in one run.

    python bench/build_vs_parse.py CORPUS_DIR [--glob '*_77_2022.txt'] [--limit N] [--workers N] [--repeat N]

Both are run in their own process (so that each has its own peak memory): the bare parse is
``nlp.pipe`` over the documents' texts with the same model and batch size as the build and
nothing else; the build is ``kg.build.build`` into a temporary directory. Printed: words,
both times, the ratio build / parse (the issue's target is <= 1.25), the same ratio of the
CPU seconds each used (steadier than the wall clock on a shared machine), the build's stage times,
triples, and the peak RSS of each process, with the machine's core count. With
``--workers N`` the parse runs with ``n_process=N`` and the build with ``--workers N``, so that
both use the same cores; peak RSS is then the largest of the processes, and the build's stage
times for parse, extract and link are summed over its workers. The build's time includes
loading its pipeline and reading the texts; the ratio is also printed against a bare parse that
is timed with its own model load and reading ("with load"), the same fixed work on both sides.

With ``--repeat N`` both are run N times, alternating, and the median run of each is reported,
with the ratio of each build to the parse run just before it: on a shared machine the same
parse varies by up to 25% from one run to the next. With one process, the build's seconds
besides its own parse stage (reading, extraction, graph, validation, exports, loading) are
printed too: a figure the machine's slow spells move much less.

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


def _cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of its finished children: unlike the
    wall clock, they do not count the time a shared machine gives to others."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _parse(corpus: Path, workers: int) -> dict:
    import importlib

    from kg.ingest import Document, iter_documents
    from kg.nlp import analysis_text
    from kg.nlp.pipeline import MODEL_NAME
    from kg.work import BATCH_SIZE

    loading, loading_cpu = time.perf_counter(), _cpu_seconds()
    nlp = importlib.import_module(MODEL_NAME).load()
    texts = [analysis_text(d.text) for d in iter_documents([corpus]) if isinstance(d, Document)]
    started, cpu = time.perf_counter(), _cpu_seconds()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=workers))
    ended, ended_cpu = time.perf_counter(), _cpu_seconds()
    # "seconds": the parse alone; "with_loading": also loading the model and reading the texts,
    # which the build's time includes (its own pipeline, its reading)
    return {"seconds": ended - started, "cpu": ended_cpu - cpu, "with_loading": ended - loading,
            "cpu_with_loading": ended_cpu - loading_cpu, "documents": len(texts), "tokens": words,
            "peak_mb": _peak_mb()}


def _build(corpus: Path, workers: int) -> dict:
    from kg.build import build

    with tempfile.TemporaryDirectory() as out:
        started, cpu = time.perf_counter(), _cpu_seconds()
        summary = build([corpus], out, workers=workers, incremental=False)
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {"seconds": seconds, "cpu": cpu, "documents": summary.documents, "failures": len(summary.failures),
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


def _middle(values: list):
    """The median of sorted ``values`` (the lower middle one of an even number)."""
    return values[(len(values) - 1) // 2]


def _median(runs: list[dict]) -> dict:
    """The run with the median time."""
    return _middle(sorted(runs, key=lambda r: r["seconds"]))


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
    # the same fixed work on both sides: the build's time includes loading its pipeline and
    # reading the texts, which a bare parse must do too
    print(f"with load   {build['seconds'] / parse['with_loading']:.2f} x bare parse with its model load and "
          f"reading ({parse['with_loading']:.1f} s)")
    if args.repeat > 1:
        # each build against the parse run just before it: a slow spell of the machine (the
        # same parse takes 45 s in one run and 56 s in the next) hits both of a pair
        pairs = sorted(b["seconds"] / p["seconds"] for p, b in zip(runs["parse"], runs["build"]))
        print("pairs       " + ", ".join(f"{r:.2f}" for r in pairs) + f" x (median {_middle(pairs):.2f})")
    if args.workers == 1:  # with workers, the parse stage is summed over processes
        beyond = build["seconds"] - build["stages"].get("parse", 0.0)
        print(f"beyond      {beyond:.1f} s of the build besides its parse stage "
              f"({beyond / parse['seconds']:.0%} of the bare parse)")
    cpu = [_middle(sorted(r["cpu"] for r in runs[mode])) for mode in ("parse", "build")]
    print(f"cpu time    parse {cpu[0]:.1f} s, build {cpu[1]:.1f} s (medians): {cpu[1] / cpu[0]:.2f} x")
    for stage, seconds in build["stages"].items():
        print(f"  {stage:14s} {seconds:7.1f} s  ({seconds / build['seconds']:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
