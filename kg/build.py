"""``kg build``: documents in; validated RDF files and a loaded store out.

Documents stream through ``nlp.pipe``; each parsed ``Doc`` is turned into records and dropped,
so memory holds the growing graph, not the parses.
"""

from __future__ import annotations

import gc
import itertools
import shutil
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.cache import CACHE_DIR, ExtractionCache, Published, build_digest, document_key
from kg.errors import InputError, NothingToBuild
from kg.executors import Executor, check_workers, make_executor
from kg.export.files import ExportQuads, write_jsonld, write_trig, write_turtle
from kg.export.oxi import open_staging_store
from kg.export.staging import FLUSH, QuadStaging
from kg.export.void import StatsCounter, write_void
from kg.graph import GraphBuilder, Iris
from kg.graph.claims import read_calibration
from kg.graph.review import ClaimPolicy, read_reviewed_claims, render_claims, render_review
from kg.ingest import Document, check_paths, count_documents, iter_documents
from kg.lexicon import Lexicon, load_lexicon
from kg.link.linker import NO_REVIEW, Linker, Reviewed
from kg.link.sssom import render_sssom
from kg.progress import Reporter
from kg.publish import JOURNAL, build_lock, check_out_dir, checkpoint, publish, stage_dir
from kg.timing import StageClock
from kg.validate import validate_exports, write_report
from kg.work import BATCH_SIZE, Extracted, WorkerConfig

STORE_DIR = "store"
# the files a build writes into OUT, all replaced together (kg.publish)
OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld", "validation.ttl", "mappings.sssom.tsv", "void.ttl",
           "review.tsv", "claims.tsv")
# up to this many document quads, the graph is validated and exported from memory (an rdflib
# graph of 300k triples takes about 0.9 GB); above, from an on-disk store, a chunk at a time
# (kg.export.ExportQuads decides)
IN_MEMORY_QUADS = 300_000
# documents per task sent to an executor; a few tasks per worker are in flight at once
TASK_SIZE = 2 * BATCH_SIZE


@dataclass
class BuildSummary:
    documents: int = 0
    parsed: int = 0  # documents parsed by this build
    reused: int = 0  # documents whose extraction an earlier build kept (not parsed again)
    failures: list[str] = field(default_factory=list)
    actors: int = 0
    statements: int = 0
    positions: int = 0
    events: int = 0
    triples: int = 0
    conforms: bool = True
    violations: int = 0
    warnings: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    published: bool = True  # False: every document failed, and OUT keeps the previous build

    @property
    def ok(self) -> bool:
        return self.conforms and not self.failures and self.published

    def lines(self) -> list[str]:
        documents = (f"documents   {self.documents} built, {len(self.failures)} failed "
                     f"({self.parsed} parsed, {self.reused} unchanged since the last build)")
        if not self.published:
            kept = "published   nothing: every document failed; the output folder keeps its previous build"
            return [documents, kept, f"time        {self.seconds:.1f} s"]
        # SHACL's word only when there is no result at all (a warning is a result)
        verdict = ("conforms" if not self.warnings else "no violations") if self.conforms else f"{self.violations} violations"
        return [
            documents,
            f"actors      {self.actors}",
            f"statements  {self.statements}",
            f"positions   {self.positions}",
            f"events      {self.events}",
            f"triples     {self.triples}",
            f"validation  {verdict}, {self.warnings} warnings",
            f"time        {self.seconds:.1f} s",
        ]


def _read_first(inputs: Sequence[str | Path], progress: Reporter) -> Iterator[Document | InputError]:
    """Every item of ``iter_documents(inputs)``, once the inputs are known good: each path
    exists and can be read, and at least one document was read. Else NothingToBuild, before
    anything is written."""
    problems = check_paths(inputs)
    if problems:
        raise NothingToBuild("; ".join(str(p) for p in problems))
    stream = iter_documents(inputs)
    early: list[InputError] = []
    for item in stream:
        if isinstance(item, InputError):
            early.append(item)
            continue
        return itertools.chain(early, [item], stream)
    for problem in early:
        progress.failed(str(problem))
    named = ", ".join(str(i) for i in inputs)
    if early:
        raise NothingToBuild(f"no document could be read from {named} ({len(early)} failed, see above)")
    raise NothingToBuild(f"no documents in {named}: expected NAME.txt (with an optional NAME.meta.json), "
                         "NAME.md or NAME.jsonl files")


def _documents(items: Iterator[Document | InputError], summary: BuildSummary, progress: Reporter,
               keys: list[str]) -> Iterator[Document]:
    """The documents read, each one's key added to ``keys`` (as read: the extraction may
    complete a document's date or publisher); the failures into the summary."""
    for item in items:
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            progress.failed(str(item))
            continue
        keys.append(document_key(item))
        yield item


def _results(
    documents: Iterator[Document], cache: ExtractionCache | None, executor: Executor,
    clock: StageClock, summary: BuildSummary,
) -> Iterator[Extracted]:
    """Every document's result in input order: from the cache, or parsed by the executor.
    A few tasks are in flight at once; nothing holds more documents than those."""
    pending: deque[tuple[list[Document], list[Extracted | None], object]] = deque()

    def finish(window: list[Document], found: list[Extracted | None], handle) -> Iterator[Extracted]:
        made = iter(_task_results(window, found, handle, executor, clock))
        for document, hit in zip(window, found):
            if hit is not None:
                summary.reused += 1
                yield hit
                continue
            result = next(made)
            summary.parsed += 1
            if cache is not None:
                cache.put(document, result)
            yield result

    # a synchronous executor hands its results on at once, a batch at a time (the parse's
    # unit); an asynchronous one keeps a few tasks in flight to keep its workers busy
    size, ahead = (BATCH_SIZE, 0) if executor.parallel == 1 else (TASK_SIZE, 2 * executor.parallel)
    window: list[Document] = []
    for document in itertools.chain(documents, [None]):
        if document is not None:
            window.append(document)
            if len(window) < size:
                continue
        if window:
            found = [cache.get(d) if cache is not None else None for d in window]
            misses = [d for d, hit in zip(window, found) if hit is None]
            pending.append((window, found, executor.submit(misses) if misses else None))
            window = []
        while pending and (len(pending) > ahead or document is None):
            yield from finish(*pending.popleft())


def _task_results(window, found, handle, executor: Executor, clock: StageClock) -> list[Extracted]:
    if handle is None:
        return []
    try:
        results, seconds = handle.result()
    except Exception as err:  # noqa: BLE001 - a worker's crash: retried document by document below
        misses = [d for d, hit in zip(window, found) if hit is None]
        if len(misses) == 1:
            return [Extracted(misses[0], None, f"{misses[0].source}: extraction failed: {type(err).__name__}: {err}")]
        results = []
        for document in misses:
            results.extend(_task_results([document], [None], executor.submit([document]), executor, clock))
        return results
    clock.add(seconds)
    return results


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    base: str | None = None,
    gazetteers: Sequence[str | Path] = (),
    reviewed: Reviewed = NO_REVIEW,
    progress: Reporter | None = None,
    workers: int = 1,
    dask=None,
    incremental: bool = True,
    min_confidence: Decimal | None = None,
    reviewed_claims: str | Path | None = None,
) -> BuildSummary:
    """Build ``inputs`` into ``out_dir``. ``workers`` processes parse and extract (or the
    workers of the Dask cluster ``dask``: a scheduler address or a ``distributed.Client``).
    With ``incremental``, documents whose extraction an earlier build into ``out_dir`` kept
    are not parsed again; the outputs are the same either way. ``progress`` is told of each
    document and stage (kg.progress). A claim (statement or position) is asserted when its
    confidence is at least ``min_confidence`` (default: the calibration table's) or a person
    accepted it in ``reviewed_claims`` (a reviewed ``review.tsv``), and never when they
    rejected it; the others are listed in ``OUT/review.tsv`` (kg.graph.claims).

    Nothing in ``out_dir`` is touched until the inputs are known good: a missing or
    unreadable input, an ``out_dir`` that is a file or cannot be made, or inputs holding no
    readable document raise (NothingToBuild, OutputError) first. A build in which every
    document fails publishes nothing (``summary.published`` is False). Otherwise the outputs
    replace those of the previous build all together, once all are written (see
    kg.publish); another build into ``out_dir`` meanwhile raises BuildLocked."""
    started = time.perf_counter()
    out = Path(out_dir)
    progress = progress or Reporter()
    check_out_dir(out)
    config = WorkerConfig.from_files(gazetteers, reviewed)
    calibration = read_calibration()
    claims = ClaimPolicy(calibration, calibration.default_min if min_confidence is None else min_confidence,
                         read_reviewed_claims(reviewed_claims) if reviewed_claims is not None else {})
    settings = _settings(Iris(base) if base else Iris(), claims)
    check_workers(workers, dask)  # a bad --workers is told even when nothing is to be done
    published = Published(out, OUTPUTS, STORE_DIR)
    if incremental and published.recorded() and not check_paths(inputs):
        with build_lock(out):  # before the lexicon and the model are loaded: nothing may be needed
            unchanged = _unchanged(inputs, published, config, settings, started)
        if unchanged is not None:
            return unchanged
    lexicon = load_lexicon(extra_gazetteers=tuple(Path(g) for g in gazetteers))
    items = _read_first(inputs, progress)
    clock = StageClock()
    executor = make_executor(config, clock, workers, dask)  # a bad --workers or --dask: before OUT
    progress.begin(count_documents(inputs))
    try:
        with build_lock(out):
            try:
                return _build(items, out, base=base, lexicon=lexicon, config=config, progress=progress,
                              executor=executor, clock=clock, incremental=incremental, started=started,
                              claims=claims, settings=settings)
            except BaseException:
                _discard_unpublished(out)
                raise
    finally:
        executor.close()
        progress.end()


# the figures of a build that its published record keeps (kg.cache.Published)
FIGURES = ("documents", "actors", "statements", "positions", "events", "triples", "conforms", "violations",
           "warnings")


def _settings(iris: Iris, claims: ClaimPolicy) -> str:
    """The build's own settings that its outputs depend on: the base IRI and the claim policy."""
    decisions = sorted(f"{s} {p} {d}" for (s, p), d in claims.decisions.items())
    return "\n".join([iris.base, str(claims.minimum), *decisions])


def _unchanged(inputs: Sequence[str | Path], published: Published, config: WorkerConfig, settings: str,
               started: float) -> BuildSummary | None:
    """The summary of the published build when this one would write the same bytes: the
    same documents (every one readable), code, data and settings, over outputs as that
    build left them; None otherwise. Reading the documents again costs a small part of
    their parse."""
    keys = []
    for item in iter_documents(inputs):
        if isinstance(item, InputError):
            return None  # a failure is reported and tried again by a build
        keys.append(document_key(item))
    figures = published.figures(build_digest(config, settings, keys))
    if figures is None:
        return None
    summary = BuildSummary(**{name: figures[name] for name in FIGURES}, reused=len(keys))
    summary.seconds = time.perf_counter() - started
    return summary


def _discard_unpublished(out: Path) -> None:
    """What a build that raised had staged, unless it had begun to publish (then the journal
    says what the next reader finishes): the previous outputs stay as they are."""
    if (out / JOURNAL).exists():
        return
    gc.collect()  # the stores of the failed build's frames close once nothing refers to them
    for folder in (stage_dir(out), out / CACHE_DIR / "staging", out / CACHE_DIR / "export",
                   out / (STORE_DIR + ".tmp")):
        _drop_staging(folder)


def _build(
    items: Iterator[Document | InputError], out: Path, *, base: str | None, lexicon: Lexicon,
    config: WorkerConfig, progress: Reporter, executor: Executor, clock: StageClock, incremental: bool,
    started: float, claims: ClaimPolicy, settings: str,
) -> BuildSummary:
    summary = BuildSummary()
    keys: list[str] = []  # the documents' keys, in input order, for the published record
    stage = stage_dir(out)
    _drop_staging(stage)
    stage.mkdir(parents=True)
    iris = Iris(base) if base else Iris()
    # the documents' triples wait for the end of the build in memory, or on disk in a large build
    staging_dir = out / CACHE_DIR / "staging"
    _drop_staging(staging_dir)
    staging_dir.parent.mkdir(parents=True, exist_ok=True)
    builder = GraphBuilder(Linker(lexicon, config.reviewed), iris,
                           QuadStaging(ox.Store(str(staging_dir)), in_memory=IN_MEMORY_QUADS), claims)
    cache = ExtractionCache(out, config) if incremental else None
    progress.stage("documents")
    try:
        for result in _results(_documents(items, summary, progress, keys), cache, executor, clock, summary):
            _add(result, builder, summary, progress, clock)
    finally:
        executor.close()
    if summary.documents == 0:  # every document failed: the previous build stays published
        builder.release_staging()
        _drop_staging(staging_dir)
        _drop_staging(stage)
        summary.published = False
    else:
        if cache is not None:
            cache.prune()
        else:
            ExtractionCache.clear(out)
        # a build with failures keeps no record: its documents are tried again next time
        digest = build_digest(config, settings, keys) if not summary.failures else None
        _write(builder, out, iris, summary, progress, clock, digest)
    summary.stage_seconds = dict(clock.seconds)
    summary.seconds = time.perf_counter() - started
    return summary


def _add(result: Extracted, builder: GraphBuilder, summary: BuildSummary, progress: Reporter, clock: StageClock) -> None:
    """One document's result into the graph (or its failure into the summary)."""
    document, extraction = result.document, result.extraction
    if extraction is None:
        error = result.error or f"{document.source}: extraction failed"
        summary.failures.append(error)
        progress.failed(error)
        return
    with clock.stage("graph"):
        asserted = builder.add_document(document, extraction)
    checkpoint("parsed")
    summary.documents += 1
    summary.statements += asserted
    progress.document(
        _short_name(document.source),
        f"{len(extraction.actors)} actors, {len(extraction.statements)} statements, "
        f"{len(extraction.events)} events",
    )


def _write(builder: GraphBuilder, out: Path, iris: Iris, summary: BuildSummary, progress: Reporter,
           clock: StageClock, digest: str | None) -> None:
    """The build's quads into the served store and the export quads; validation and every
    output file from the export quads; then all of them published together."""
    stage = stage_dir(out)
    export_dir = out / CACHE_DIR / "export"
    _drop_staging(export_dir)
    exports = ExportQuads(export_dir, expected=builder.staged_quads, in_memory=IN_MEMORY_QUADS)
    with _automatic_gc_paused(exports.in_memory):
        progress.stage("store")
        with clock.stage("store"):
            store = open_staging_store(out / STORE_DIR)
            for bulk in _bulks(builder.quads(), FLUSH):
                store.bulk_extend(bulk)
                exports.extend(bulk)
            exports.finish()
        builder.release_staging()
        _drop_staging(out / CACHE_DIR / "staging")
        summary.actors = builder.actor_count
        summary.positions = builder.position_count
        summary.events = builder.event_count

        progress.stage("validate")
        with clock.stage("validate"):
            result = validate_exports(exports, store)
            write_report(result, stage / "validation.ttl")
            checkpoint("validated")
        summary.conforms = result.conforms
        summary.violations = len(result.violations)
        summary.warnings = len(result.warnings)

        progress.stage("export")
        with clock.stage("export"):
            counter = StatsCounter()
            summary.triples = write_turtle(stage / "graph.ttl", counter.counted(exports.triples()))
            write_trig(stage / "graph.trig", exports.quads())
            write_jsonld(stage / "graph.jsonld", exports)
            atomic_write(stage / "mappings.sssom.tsv", render_sssom(builder.candidates(), iris.base).encode("utf-8"))
            atomic_write(stage / "review.tsv", render_review(builder.review_rows()).encode("utf-8"))
            atomic_write(stage / "claims.tsv", render_claims(builder.claim_rows()).encode("utf-8"))
            write_void(stage / "void.ttl", counter.stats(iris.base), iris.base)
        exports.close()

    del exports
    gc.collect()  # a store closes (and RocksDB frees its lock) once no generator frame holds it
    _drop_staging(export_dir)
    progress.stage("publish")
    with clock.stage("store"):
        store.flush()
        store.optimize()
        del store  # closed: RocksDB releases its lock
        gc.collect()
        checkpoint("exported")
        published = Published(out, OUTPUTS, STORE_DIR)
        published.forget()
        publish(out, OUTPUTS, STORE_DIR)
        if digest is not None:
            published.remember(digest, {name: getattr(summary, name) for name in FIGURES})


@contextmanager
def _automatic_gc_paused(paused: bool) -> Iterator[None]:
    """With ``paused``, no automatic garbage collection inside the block. An in-memory build's
    graph, validation and exports make millions of objects and almost no cyclic garbage, and
    each automatic full collection scans them all: for 193 UN speeches, 21 full collections
    in these stages took 2.9 s of a 94 s build and found 7,667 objects. The collection after
    the exports frees what they left. A large build streams chunks and keeps collecting."""
    enabled = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _short_name(source: str) -> str:
    """A document's name in progress lines: its file name (``NAME.jsonl:LINE`` for a line)."""
    return Path(source).name or source


def _bulks(items, size: int):
    iterator = iter(items)
    while bulk := list(itertools.islice(iterator, size)):
        yield bulk


def _drop_staging(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
