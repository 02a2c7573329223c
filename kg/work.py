"""The unit of work of a build: a batch of documents in, their extractions out.

The same function runs in the build's own process, in ``--workers N`` processes and on the
workers of a Dask cluster, so that every way of running gives the same records. Each process
keeps one loaded pipeline per configuration (the model, the lexicon and the matchers are
built once, not once per batch).
"""

from __future__ import annotations

import gc
import hashlib
import pickle
import tempfile
import threading
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.extract.dates import text_date
from kg.extract.learned import shipped_model
from kg.extract.model import DocumentExtraction
from kg.extract.pipeline import Extractor, title_text
from kg.extract.statements import document_speaker_name
from kg.ingest import Document
from kg.lexicon import load_lexicon
from kg.link.linker import NO_REVIEW, Linker, Reviewed
from kg.nlp import analysis_text, build_pipeline
from kg.timing import StageClock

# documents per nlp.pipe batch: the parse's memory grows with the batch (the tagger and
# parser hold a batch's activations), its speed does not (8 and 32 parse as fast here)
BATCH_SIZE = 8

# errors a bug in one document's extraction raises; the others are still built
EXTRACTION_ERRORS = (ValueError, KeyError, IndexError, AttributeError, TypeError, RecursionError)


@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to build the same pipeline as the build: extra gazetteer files
    (their contents, so that a remote worker needs no access to the build's files) and the
    reviewed mappings."""

    gazetteers: tuple[tuple[str, bytes], ...] = ()
    reviewed: Reviewed = field(default=NO_REVIEW)

    @classmethod
    def from_files(cls, gazetteers: Sequence[str | Path], reviewed: Reviewed = NO_REVIEW) -> WorkerConfig:
        return cls(tuple((Path(g).name, Path(g).read_bytes()) for g in gazetteers), reviewed)

    def digest(self) -> str:
        reviewed = (sorted(self.reviewed.accepted.items()),
                    sorted((k, sorted(v)) for k, v in self.reviewed.rejected.items()))
        return hashlib.sha256(pickle.dumps((self.gazetteers, reviewed), protocol=4)).hexdigest()


@dataclass(frozen=True)
class Extracted:
    """One document's result: the document (its date and publisher completed from the text
    and URL where the metadata had none) and its extraction, or the reason it failed."""

    document: Document
    extraction: DocumentExtraction | None
    error: str | None = None


class DocumentWorker:
    """A loaded pipeline: parses and extracts batches of documents."""

    def __init__(self, config: WorkerConfig) -> None:
        with tempfile.TemporaryDirectory(prefix="stancegraph-gazetteers-") as folder:
            paths = []
            for number, (name, data) in enumerate(config.gazetteers):
                path = Path(folder) / f"{number:03d}-{name}"
                path.write_bytes(data)
                paths.append(path)
            self.lexicon = load_lexicon(extra_gazetteers=tuple(paths))  # read here, once
        self.nlp = build_pipeline(self.lexicon)
        self.linker = Linker(self.lexicon, config.reviewed)
        self.extractor = Extractor(self.nlp, self.linker, shipped_model())

    def run(self, documents: Sequence[Document], clock: StageClock) -> list[Extracted]:
        """Each document's result, in the order given. The parse streams through
        ``nlp.pipe``; each parse is dropped once its records are made."""
        def stream():
            for document in documents:  # a title is parsed in the same batches as its body (one call each costs more)
                if document.title:
                    yield title_text(document.title), (document, True)
                yield analysis_text(document.text), (document, False)

        pipe = iter(self.nlp.pipe(stream(), as_tuples=True, batch_size=BATCH_SIZE))
        results = []
        title_doc = None
        with clock.current():
            while True:
                with clock.stage("parse"):
                    item = next(pipe, None)
                if item is None:
                    return results
                parsed, (document, is_title) = item
                if is_title:
                    title_doc = parsed
                    continue
                with clock.stage("extract"):
                    results.append(self.extract(parsed, document, title_doc))
                title_doc = None

    def extract(self, parsed, document: Document, title_doc=None) -> Extracted:
        if document.date is None and (found := text_date(document.text)) is not None:
            document = replace(document, date=found)
        if document.publisher is None and (publisher := self.lexicon.publisher_of_url(document.url)):
            document = replace(document, publisher=publisher)
        try:
            speaker = document_speaker_name(document.title, document.extra.get("speaker"))
            extraction = self.extractor(
                parsed, document.text, document.date, speaker,
                document.extra.get("on_behalf_of"), document.publisher, document.title,
                occasion=(document.extra.get("event_type"), document.extra.get("event_date")),
                extra=document.extra, title_doc=title_doc,
            )
        except EXTRACTION_ERRORS as err:
            # a bug met on one document must not lose the others; the cause is reported
            where = traceback.extract_tb(err.__traceback__)[-1]
            message = (f"{document.source}: extraction failed: {type(err).__name__}: {err} "
                       f"({Path(where.filename).name}:{where.lineno})")
            return Extracted(document, None, message)
        return Extracted(document, extraction)


_WORKERS: dict[str, DocumentWorker] = {}
# a Dask worker may run tasks on several threads: one pipeline, used by one batch at a time
_LOCK = threading.Lock()


def worker_for(config: WorkerConfig) -> DocumentWorker:
    """This process's pipeline for ``config``, built on first use."""
    key = config.digest()
    worker = _WORKERS.get(key)
    if worker is None:
        if _WORKERS:
            _WORKERS.clear()  # one configuration at a time: a pipeline is a few hundred MB
            gc.unfreeze()  # the old pipeline's objects can be collected again
        worker = _WORKERS[key] = DocumentWorker(config)
        # The pipeline (200k objects) lives as long as the process: frozen, the collector stops
        # scanning it on each full collection (a 193-speech build makes 17 of them).
        gc.collect()
        gc.freeze()
    return worker


def run_batch(config: WorkerConfig, documents: Sequence[Document]) -> tuple[list[Extracted], dict[str, float]]:
    """The task a worker process or a Dask worker runs: results and the seconds per stage."""
    clock = StageClock()
    with _LOCK:
        results = worker_for(config).run(documents, clock)
    return results, clock.seconds


__all__ = ["BATCH_SIZE", "DocumentWorker", "Extracted", "WorkerConfig", "run_batch", "worker_for"]
