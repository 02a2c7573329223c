"""The ``kg`` command line: argument parsing only; the work is in the API modules.

Exit codes: 0 success / conforms; 1 something failed (a document, a SHACL violation);
2 an error that stopped the command (bad arguments, missing store, malformed query).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import StancegraphError

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE, the shell's status of a process the signal ended


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _reviewed(path: str | None, base: str | None):
    from kg.link.linker import NO_REVIEW

    if path is None:
        return NO_REVIEW
    from kg.link.reviewed import read_reviewed_mappings, to_linker_review

    return to_linker_review(read_reviewed_mappings(path), base)


def _confidence(text: str):
    from decimal import Decimal, InvalidOperation

    try:
        value = Decimal(text)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not Decimal(0) <= value <= Decimal(1):
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build
    from kg.errors import NothingToBuild, OutputError
    from kg.progress import reporter_for

    try:
        summary = build(
            args.inputs, args.out, base=args.base, gazetteers=args.gazetteer or (),
            reviewed=_reviewed(args.mappings, args.base), progress=reporter_for(sys.stderr, args.quiet),
            workers=args.workers, dask=args.dask, incremental=not args.full,
            min_confidence=args.min_confidence, reviewed_claims=args.reviewed_claims,
        )
    except (NothingToBuild, OutputError) as err:
        raise StancegraphError(f"{err}; nothing was written to {args.out}") from err
    print(f"stancegraph build -> {args.out}")
    for line in summary.lines():
        print("  " + line)
    for failure in summary.failures:
        _err(f"failed: {failure}")
    if not summary.conforms:
        _err(f"SHACL violations: see {Path(args.out) / 'validation.ttl'}")
    return EXIT_OK if summary.ok else EXIT_FAILED


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import format_rows, load_rdf_files, validate_graph

    graph = load_rdf_files(args.files)
    result = validate_graph(graph)
    text = format_rows(result)
    if text:
        print(text)
    if not result.rows:
        print("conforms")
    elif result.conforms:
        print(f"no violations, {len(result.rows)} warnings")
    else:
        print(f"does not conform: {len(result.violations)} violations")
    return EXIT_OK if result.conforms else EXIT_FAILED


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_result, open_store, run_query

    if (args.sparql is None) == (args.file is None):
        raise StancegraphError("give either a SPARQL string or -f FILE")
    if args.sparql is not None and _looks_like_a_file(args.sparql):
        raise StancegraphError(f"{args.sparql} is a file; use -f {args.sparql} to run the query it holds")
    if args.file is not None:
        try:
            sparql = Path(args.file).read_text(encoding="utf-8")
        except OSError as err:
            raise StancegraphError(f"{args.file}: cannot read the query: {err.strerror}") from err
    else:
        sparql = args.sparql
    from kg.export.void import read_base
    from kg.query.run import default_prefixes

    store = open_store(args.out)
    text = format_result(run_query(store, sparql, default_prefixes(read_base(Path(args.out)))), args.format)
    print(text, end="" if text.endswith("\n") else "\n")
    return EXIT_OK


def _looks_like_a_file(text: str) -> bool:
    """A query argument that is the path of an existing file (no SPARQL is one line with no
    space that names a file)."""
    if "\n" in text or len(text) > 4096:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):
        return False


def _cmd_serve(args: argparse.Namespace) -> int:
    import signal
    import threading

    from kg.serve import Server

    server = Server(args.out, host=args.host, port=args.port, timeout=args.timeout, base=args.base,
                    log=_err if args.verbose else (lambda line: None), allow_service=args.allow_service,
                    max_result_bytes=int(args.max_result_mb * 1_000_000), notices=_err)
    # The HTTP server runs in a thread; this one waits for a signal. systemd, docker and
    # supervisors send SIGTERM, a closed terminal SIGHUP: each stops the server and its SPARQL
    # process as Ctrl-C does (after SIGKILL the SPARQL process ends itself: kg.serve.backend).
    # A signal the caller ignores (nohup) stays ignored. The handlers are in place before the
    # server says it is serving, so that no signal finds the process without them.
    stopped = threading.Event()
    previous = {sig: signal.signal(sig, lambda signum, frame: stopped.set())
                for sig in (signal.SIGTERM, signal.SIGHUP) if signal.getsignal(sig) is not signal.SIG_IGN}
    serving: threading.Thread | None = None
    asked = False  # stopped by a signal or Ctrl-C, as opposed to the server ending by itself
    try:
        server.start()
        print(f"serving {args.out} at {server.url}/  (SPARQL endpoint: {server.url}/sparql; Ctrl-C stops)",
              flush=True)
        serving = threading.Thread(target=server.serve_forever, name="kg-serve-http")
        serving.start()
        while serving.is_alive() and not stopped.wait(0.5):
            pass
        asked = stopped.is_set()
    except KeyboardInterrupt:
        asked = True
    finally:
        for sig, handler in previous.items():  # a second signal while stopping ends us at once
            signal.signal(sig, handler)
        if serving is not None:
            server.shutdown()
            serving.join()
        server.stop()
    if not asked:
        _err(f"kg serve: the server stopped by itself (see the errors above); {args.out} is no longer served")
        return EXIT_ERROR
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    import datetime as dt

    from kg.export.wikidata import export

    try:
        retrieved = dt.date.fromisoformat(args.retrieved) if args.retrieved else dt.date.today()
    except ValueError as err:
        raise StancegraphError(f"--retrieved {args.retrieved}: not a date (YYYY-MM-DD)") from err
    text = export(args.out, args.format, retrieved)
    if args.output:
        from kg.atomic import atomic_write

        atomic_write(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import rdflib

    from kg.evaluate.actors import evaluate_actors, format_evaluation
    from kg.evaluate.events import (
        evaluate_events_against,
        evaluate_events_by_kind,
        format_event_evaluation,
        format_events_by_kind,
    )
    from kg.evaluate.gold import load_gold
    from kg.evaluate.statements import (
        evaluate_statements_against,
        evaluate_statements_by_kind,
        format_positions_by_kind,
        format_statement_evaluation,
        format_statements_by_kind,
    )

    graph_path = Path(args.out) / "graph.ttl"
    if not graph_path.is_file():
        raise StancegraphError(f"{args.out}: no graph.ttl here (run 'kg build ... -o {args.out}' first)")
    graph = rdflib.Graph().parse(graph_path, format="turtle")
    for line in format_evaluation(evaluate_actors(args.gold, graph), per_document=args.per_document, errors=args.errors):
        print(line)
    gold = load_gold(args.gold)
    statements = evaluate_statements_against(gold, graph)
    for line in format_statement_evaluation(statements, errors=args.errors):
        print(line)
    by_kind = evaluate_statements_by_kind(gold, graph)
    if by_kind:  # a gold that says each document's kind: statements per kind
        print("statements by document kind:")
        for line in format_statements_by_kind(by_kind, statements):
            print("  " + line)
        print("positions by document kind:")
        for line in format_positions_by_kind(by_kind, statements):
            print("  " + line)
    events = evaluate_events_against(gold, graph)
    for line in format_event_evaluation(events, errors=args.errors):
        print(line)
    events_by_kind = evaluate_events_by_kind(gold, graph)
    if events_by_kind:
        print("events by document kind:")
        for line in format_events_by_kind(events_by_kind, events):
            print("  " + line)
    if (Path(args.out) / "claims.tsv").is_file():
        from kg.evaluate.calibrate import format_reliability, reliability, scored_claims

        print("confidence (claims asserted, by the confidence the build gave them):")
        for line in format_reliability(reliability(scored_claims(args.gold, args.out, graph))):
            print("  " + line)
    return EXIT_OK


def _cmd_calibrate(args: argparse.Namespace) -> int:
    from kg.evaluate.calibrate import calibration_table

    if len(args.pairs) % 2:
        raise StancegraphError("calibrate takes pairs: GOLD OUT [GOLD OUT ...]")
    text = calibration_table(list(zip(args.pairs[::2], args.pairs[1::2])), args.assert_at)
    if args.output:
        from kg.atomic import atomic_write

        atomic_write(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_export_unlinked(args: argparse.Namespace) -> int:
    from kg.export.unlinked import write_unlinked_csv

    rows = write_unlinked_csv(args.out, args.output)
    _err(f"{rows} unlinked actors -> {args.output}")
    return EXIT_OK


def _cmd_gazetteer_import(args: argparse.Namespace) -> int:
    from kg.gazetteer import iter_wikidata_entities, merge_into_gazetteer
    from kg.resources import resource_path

    report = merge_into_gazetteer(
        iter_wikidata_entities(args.file), args.gazetteer, default_type=args.type,
        reference=[resource_path("data", "lexicon", "gazetteer.tsv")],
    )
    for line in report.lines():
        print(line)
    return EXIT_FAILED if report.errors else EXIT_OK


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="kg", description="stancegraph: who said what, taking which position, as RDF.")
    top.add_argument("--version", action="version", version=f"stancegraph {_version()}")
    sub = top.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="extract, validate, export and load the store")
    b.add_argument("inputs", nargs="+", help="files or directories (.txt [+ .meta.json], .md, .jsonl)")
    b.add_argument("-o", "--out", required=True, help="output directory")
    b.add_argument("--base", help="base IRI for minted resources (default https://w3id.org/stancegraph/id/)")
    b.add_argument("-q", "--quiet", action="store_true", help="no per-document progress")
    b.add_argument("--gazetteer", action="append", metavar="TSV",
                   help="extra gazetteer (columns of data/lexicon/gazetteer.tsv, e.g. from 'kg gazetteer import'); repeatable")
    b.add_argument("--mappings", metavar="SSSOM",
                   help="reviewed SSSOM mappings to assert (manual curation) or reject")
    b.add_argument("--workers", type=int, default=1, metavar="N",
                   help="parse and extract in N processes (default 1: in this process)")
    b.add_argument("--dask", metavar="SCHEDULER",
                   help="parse and extract on the workers of this Dask scheduler (tcp://host:8786)")
    b.add_argument("--full", action="store_true",
                   help="parse every document again (default: reuse the extractions an earlier build "
                        "into OUT kept for unchanged documents)")
    b.add_argument("--min-confidence", type=_confidence, metavar="X",
                   help="assert the statements and positions of confidence X or more (0 to 1; default: the "
                        "calibration table's); the others go to OUT/review.tsv")
    b.add_argument("--reviewed-claims", metavar="TSV",
                   help="a review.tsv whose decision column a person filled in: accepted claims are asserted, "
                        "rejected ones never are")
    b.set_defaults(func=_cmd_build)

    v = sub.add_parser("validate", help="validate RDF files against the SHACL shapes")
    v.add_argument("files", nargs="+", help=".ttl, .trig, .jsonld, .nt or .nq files (read as one graph)")
    v.set_defaults(func=_cmd_validate)

    q = sub.add_parser("query", help="run SPARQL on a build's store")
    q.add_argument("out", help="the build's output directory")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from this file")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table",
                   help="table (default), csv, tsv (SPARQL 1.1 TSV results) or json (SPARQL 1.1 JSON results)")
    q.set_defaults(func=_cmd_query)

    s = sub.add_parser("serve", help="serve a build read-only over HTTP: SPARQL endpoint, pages, VoID")
    s.add_argument("out", help="the build's output directory")
    s.add_argument("--port", type=int, default=7870, help="port to listen on (default 7870; 0: any free port)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--timeout", type=float, default=30.0, help="seconds a query may run (default 30)")
    s.add_argument("--max-result-mb", type=float, default=50.0,
                   help="largest answer in MB; a larger one is refused (default 50)")
    s.add_argument("--allow-service", action="store_true",
                   help="let queries use SERVICE (federation): the server then fetches the addresses they name")
    s.add_argument("--base", help="base IRI of the build's resources (default: the one in OUT/void.ttl)")
    s.add_argument("-v", "--verbose", action="store_true", help="log every request to stderr")
    s.set_defaults(func=_cmd_serve)
    x = sub.add_parser("export", help="the linked actors' events as Wikidata statements or QuickStatements")
    x.add_argument("out", help="the build's output directory")
    x.add_argument("--format", choices=("wikidata", "quickstatements"), required=True,
                   help="wikidata: one new item per line (Wikibase JSON); quickstatements: QuickStatements V1")
    x.add_argument("-o", "--output", help="file to write (default: standard output)")
    x.add_argument("--retrieved", help="the retrieval date of the references, YYYY-MM-DD (default: today)")
    x.set_defaults(func=_cmd_export)
    e = sub.add_parser("evaluate", help="score a build against a gold annotation")
    e.add_argument("gold", help="the gold folder (e.g. data/gold)")
    e.add_argument("out", help="the build's output directory")
    e.add_argument("--per-document", action="store_true", help="one line per document")
    e.add_argument("--errors", action="store_true", help="list every false positive and negative")
    e.set_defaults(func=_cmd_evaluate)

    c = sub.add_parser("calibrate", help="claim confidences from a build of a gold's texts")
    c.add_argument("pairs", nargs="+", metavar="GOLD OUT",
                   help="a gold folder the confidences are learnt from (e.g. data/gold/kinds/dev) and a build of "
                        "its texts made with --min-confidence 0; several pairs are counted together")
    c.add_argument("-o", "--output", help="the table to write (default: standard output); the build reads "
                                          "data/calibration/claims.tsv")
    c.add_argument("--assert-at", type=_confidence, metavar="X",
                   help="the default minimum confidence of an asserted claim the table gives (default: the one "
                        "at which the asserted claims' F1 against the gold is highest)")
    c.set_defaults(func=_cmd_calibrate)

    u = sub.add_parser("export-unlinked", help="CSV of the actors without a Wikidata link, for OpenRefine")
    u.add_argument("out", help="the build's output directory")
    u.add_argument("-o", "--output", default="unlinked.csv", help="the CSV to write (default unlinked.csv)")
    u.set_defaults(func=_cmd_export_unlinked)

    g = sub.add_parser("gazetteer", help="manage a user gazetteer")
    gsub = g.add_subparsers(dest="gazetteer_command", required=True)
    gi = gsub.add_parser("import", help="add entities from a Wikidata JSON dump extract or SPARQL result")
    gi.add_argument("file", help=".json/.json.bz2 dump extract (one entity per line), or SPARQL .csv/.tsv/.srj/.json result")
    gi.add_argument("-g", "--gazetteer", default="gazetteer.tsv",
                    help="the user gazetteer to create or extend (default gazetteer.tsv); use it with 'kg build --gazetteer'")
    gi.add_argument("--type", choices=("Person", "Organization", "Country", "Place"),
                    help="type of entities whose classes do not tell it")
    gi.set_defaults(func=_cmd_gazetteer_import)
    return top


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("stancegraph")
    except metadata.PackageNotFoundError:  # run from a source tree that was not installed
        from kg import __version__

        return __version__


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # here, so that a reader gone away (| head) is seen below
        return code
    except BrokenPipeError:
        # the reader stopped reading (kg query ... | head): no trace, and nothing more is
        # written; the exit status is that of a process killed by SIGPIPE, as cat's would be
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except StancegraphError as err:
        _err(f"kg {args.command}: {err}")
        return EXIT_ERROR
    except OSError as err:
        # the file system said no (permissions, a full disk, a file where a folder should be):
        # the user's to fix, so one line naming the file, not a trace
        where = f"{err.filename}: " if err.filename else ""
        _err(f"kg {args.command}: {where}{err.strerror or err}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _err("interrupted")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
