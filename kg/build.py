"""``kg build``: documents in; validated RDF files and a loaded store out.

Documents stream through ``nlp.pipe``; each parsed ``Doc`` is turned into records and dropped,
so memory holds the growing graph, not the parses.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import InputError
from kg.export import load_store, to_oxigraph_quads, write_jsonld, write_trig, write_turtle
from kg.export.files import atomic_write
from kg.export.void import write_void
from kg.extract.dates import text_date
from kg.extract.pipeline import Extractor
from kg.extract.statements import document_speaker_name
from kg.graph import GraphBuilder, Iris
from kg.ingest import Document, iter_documents
from kg.lexicon import load_lexicon
from kg.link.linker import NO_REVIEW, Reviewed
from kg.link.sssom import render_sssom
from kg.nlp import analysis_text, build_pipeline
from kg.validate import validate_graph, write_report

BATCH_SIZE = 32
STORE_DIR = "store"


@dataclass
class BuildSummary:
    documents: int = 0
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

    @property
    def ok(self) -> bool:
        return self.conforms and not self.failures

    def lines(self) -> list[str]:
        verdict = "conforms" if self.conforms else f"{self.violations} violations"
        return [
            f"documents   {self.documents} built, {len(self.failures)} failed",
            f"actors      {self.actors}",
            f"statements  {self.statements}",
            f"positions   {self.positions}",
            f"events      {self.events}",
            f"triples     {self.triples}",
            f"validation  {verdict}, {self.warnings} warnings",
            f"time        {self.seconds:.1f} s",
        ]


Progress = Callable[[str], None]


def _documents(inputs: Sequence[str | Path], summary: BuildSummary, progress: Progress) -> Iterator[Document]:
    for item in iter_documents(inputs):
        if isinstance(item, InputError):
            summary.failures.append(str(item))
            progress(f"error: {item}")
            continue
        yield item


def build(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    base: str | None = None,
    gazetteers: Sequence[str | Path] = (),
    reviewed: Reviewed = NO_REVIEW,
    progress: Progress = lambda message: None,
) -> BuildSummary:
    started = time.perf_counter()
    summary = BuildSummary()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lexicon = load_lexicon(extra_gazetteers=tuple(Path(g) for g in gazetteers))
    nlp = build_pipeline(lexicon)
    extractor = Extractor(nlp, lexicon, reviewed)
    iris = Iris(base) if base else Iris()
    builder = GraphBuilder(lexicon, iris)

    stream = ((analysis_text(doc.text), doc) for doc in _documents(inputs, summary, progress))
    for parsed, document in nlp.pipe(stream, as_tuples=True, batch_size=BATCH_SIZE):
        if document.date is None and text_date(document.text) is not None:
            document = replace(document, date=text_date(document.text))
        if document.publisher is None and lexicon.publisher_of_url(document.url):
            document = replace(document, publisher=lexicon.publisher_of_url(document.url))
        try:
            speaker = document_speaker_name(document.title, document.extra.get("speaker"))
            extraction = extractor(parsed, document.text, document.date, speaker,
                                   document.extra.get("on_behalf_of"), document.publisher, document.title,
                                   occasion=(document.extra.get("event_type"), document.extra.get("event_date")))
        except (ValueError, KeyError, IndexError, AttributeError, TypeError) as err:
            # a bug met on one document must not lose the others; the cause is reported
            where = traceback.extract_tb(err.__traceback__)[-1]
            message = f"{document.source}: extraction failed: {type(err).__name__}: {err} ({where.filename}:{where.lineno})"
            summary.failures.append(message)
            progress(f"error: {message}")
            continue
        builder.add_document(document, extraction)
        summary.documents += 1
        summary.statements += len(extraction.statements)
        progress(
            f"[{summary.documents}] {document.source}: {len(extraction.actors)} actors, "
            f"{len(extraction.statements)} statements, {len(extraction.events)} events"
        )
    summary.stage_seconds["parse+extract"] = time.perf_counter() - started

    tick = time.perf_counter()
    quads = list(builder.quads())
    union = builder.union_graph(quads)
    summary.triples = len(union)
    summary.actors = builder.actor_count
    summary.positions = builder.position_count
    summary.events = builder.event_count
    summary.stage_seconds["graph"] = time.perf_counter() - tick

    tick = time.perf_counter()
    result = validate_graph(union)
    write_report(result, out / "validation.ttl")
    summary.conforms = result.conforms
    summary.violations = len(result.violations)
    summary.warnings = len(result.warnings)
    summary.stage_seconds["validate"] = time.perf_counter() - tick

    tick = time.perf_counter()
    ox_quads = to_oxigraph_quads(quads)
    write_turtle(out / "graph.ttl", ox_quads)
    write_trig(out / "graph.trig", ox_quads)
    write_jsonld(out / "graph.jsonld", union)
    atomic_write(out / "mappings.sssom.tsv", render_sssom(builder.candidates(), iris.base).encode("utf-8"))
    write_void(out / "void.ttl", union, iris.base)
    summary.stage_seconds["export"] = time.perf_counter() - tick

    tick = time.perf_counter()
    load_store(out / STORE_DIR, ox_quads)
    summary.stage_seconds["store"] = time.perf_counter() - tick
    summary.seconds = time.perf_counter() - started
    return summary
