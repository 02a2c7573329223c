"""``iter_documents``: files and directories in, Documents (or InputErrors) out.

Order: the paths in the order given; inside a directory, every file found (recursively)
in the order of its relative path, compared component by component. Hidden files and
folders (name starting with ".") inside a directory are skipped, as are files of other
types and the files that come with a corpus without being part of it (LICENSE, LICENCE,
COPYING, README, with at most a short prefix or suffix); ``NAME.meta.json`` goes with
``NAME.txt``, and a ``speakers.csv`` above a folder of speeches gives them their speaker
(see :mod:`kg.ingest.speakers`). A file reached twice (given explicitly and inside a given directory) is read
once.

Errors are yielded, not raised, so that a caller counts failures and goes on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import InputError
from kg.ingest.checks import text_problem
from kg.ingest.jsonl import read_jsonl
from kg.ingest.markdown import read_markdown
from kg.ingest.model import Document
from kg.ingest.plaintext import META_SUFFIX, read_txt
from kg.ingest.speakers import SpeakerTables

__all__ = ["DOCUMENT_SUFFIXES", "check_paths", "count_documents", "iter_documents"]

DOCUMENT_SUFFIXES = (".txt", ".md", ".jsonl")
_META = "meta"

# Files that travel with a corpus but are not part of it (LICENSE-CC0.txt, README.md, ...):
# skipped inside a folder, read when named explicitly.
# A short prefix or suffix is allowed (LICENSE-CC0, SOURCE-README, README.en);
# "licensed-..." or "readme-for-the-..." are documents like any other.
_NOT_A_DOCUMENT = re.compile(
    r"(?:[a-z0-9]{1,12}[-_.])?(?:licen[cs]e|copying|readme)(?:[-_.][a-z0-9]{1,12})?", re.IGNORECASE
)


def _kind(name: str) -> str | None:
    """The kind of file: ".txt", ".md", ".jsonl", "meta" (NAME.meta.json) or None.

    Suffixes match in any case; a name that is only a suffix (".txt") is no document.
    """
    low = name.lower()
    for suffix in (META_SUFFIX, *DOCUMENT_SUFFIXES):
        if low.endswith(suffix) and len(name) > len(suffix):
            return _META if suffix == META_SUFFIX else suffix
    return None


def _stem(name: str, kind: str) -> str:
    return name[: -len(META_SUFFIX if kind == _META else kind)]


@dataclass(frozen=True)
class _Entry:
    """One file to read, with the string used for it in messages."""

    path: Path
    source: str
    kind: str
    meta: tuple[Path, str] | None = None  # the .meta.json of a .txt, with its source


def _walk(root: Path, root_source: str) -> tuple[list[_Entry], list[InputError]]:
    """The document files under ``root`` (sorted by relative path), and folder errors."""
    found: list[tuple[tuple[str, ...], Path]] = []
    errors: list[InputError] = []
    seen_dirs: set[Path] = set()

    def visit(folder: Path, rel: tuple[str, ...]) -> None:
        real = folder.resolve()
        if real in seen_dirs:  # a symlink loop, or two links to one folder
            return
        seen_dirs.add(real)
        try:
            children = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            source = os.path.join(root_source, *rel) if rel else root_source
            errors.append(InputError(source, f"cannot list folder: {err.strerror or err}"))
            return
        for child in children:
            if child.name.startswith("."):
                continue
            try:
                is_dir = child.is_dir()
                is_file = not is_dir and child.is_file()
            except OSError:  # a broken link and the like: not a document file
                continue
            if is_dir:
                visit(Path(child.path), (*rel, child.name))
            elif is_file and (kind := _kind(child.name)) is not None:
                if _NOT_A_DOCUMENT.fullmatch(_stem(child.name, kind)):
                    continue
                found.append(((*rel, child.name), Path(child.path)))

    visit(root, ())
    found.sort(key=lambda item: item[0])

    # NAME.meta.json belongs to NAME.txt in the same folder.
    txt_stems: set[tuple[tuple[str, ...], str]] = set()
    metas: dict[tuple[tuple[str, ...], str], tuple[Path, str]] = {}
    for rel, path in found:
        kind = _kind(path.name)
        assert kind is not None
        if kind == ".txt":
            txt_stems.add((rel[:-1], _stem(path.name, kind)))
        elif kind == _META:
            metas[(rel[:-1], _stem(path.name, kind))] = (path, os.path.join(root_source, *rel))

    entries: list[_Entry] = []
    for rel, path in found:
        kind = _kind(path.name)
        assert kind is not None
        source = os.path.join(root_source, *rel)
        key = (rel[:-1], _stem(path.name, kind))
        if kind == _META:
            if key in txt_stems:
                continue  # read with its .txt
            entries.append(_Entry(path, source, _META))
        else:
            entries.append(_Entry(path, source, kind, metas.get(key) if kind == ".txt" else None))
    return entries, errors


def _orphan_meta(entry: _Entry) -> InputError:
    txt = _stem(entry.path.name, _META) + ".txt"
    return InputError(
        entry.source, f"metadata file without a document: there is no {txt} beside it"
    )


def _read(entry: _Entry) -> Iterator[tuple[int | None, Document | InputError]]:
    if entry.kind == _META:
        yield None, _orphan_meta(entry)
    elif entry.kind == ".txt":
        meta_path, meta_source = entry.meta if entry.meta else (None, None)
        yield None, read_txt(entry.path, entry.source, meta_path, meta_source)
    elif entry.kind == ".md":
        yield None, read_markdown(entry.path, entry.source)
    else:
        yield from read_jsonl(entry.path, entry.source)


def _explicit(path: Path, source: str) -> _Entry | InputError | None:
    """The entry for a file named on the command line (None: nothing to read)."""
    kind = _kind(path.name)
    if kind is None:
        return InputError(
            source,
            f"unsupported file type {path.suffix or '(no extension)'}: "
            "expected NAME.txt (with an optional NAME.meta.json), NAME.md or NAME.jsonl",
        )
    stem = _stem(path.name, kind)
    if kind == _META:
        if path.with_name(stem + ".txt").is_file():
            return None  # read with its .txt (when that is among the inputs)
        return _Entry(path, source, _META)
    meta = None
    if kind == ".txt":
        meta_path = path.with_name(stem + META_SUFFIX)
        if meta_path.is_file():
            meta = (meta_path, os.path.join(os.path.dirname(source), meta_path.name))
    return _Entry(path, source, kind, meta)


def _with_speaker_row(document: Document, row: dict[str, str] | None) -> Document:
    """The document with the metadata of its speaker-table row; its own metadata wins."""
    if not row:
        return document
    fields = {k: row[k] for k in ("title", "publisher", "language")
              if k in row and getattr(document, k) is None}
    extra = {**{k: v for k, v in row.items() if k not in ("title", "publisher", "language")},
             **document.extra}
    return replace(document, **fields, extra=dict(sorted(extra.items())))


def iter_documents(
    paths: Sequence[str | Path] | str | Path,
) -> Iterator[Document | InputError]:
    """Read every document under ``paths`` (files and/or folders, folders recursively).

    Yields a Document per good document and an InputError per bad one (a file that cannot
    be read or decoded, empty text, broken JSON or YAML, metadata of the wrong type, a
    missing .jsonl id or text, a duplicate id, a .meta.json without its .txt, a missing
    path, an explicitly given file of an unknown type), and goes on after each error.
    See the module docstring for the order. A single path (str or Path) is accepted too.
    """
    todo: Sequence[str | Path] = [paths] if isinstance(paths, str | Path) else paths
    done: set[Path] = set()
    first_source: dict[str, str] = {}
    speaker_tables = SpeakerTables()
    reported = 0

    for given in todo:
        root_source = os.fspath(given)
        root = Path(given)
        entries: list[_Entry] = []
        folder_errors: list[InputError] = []
        if root.is_dir():
            entries, folder_errors = _walk(root, root_source)
        elif root.is_file():
            entry = _explicit(root, root_source)
            if isinstance(entry, InputError):
                yield entry
                continue
            if entry is not None:
                entries = [entry]
        elif root.exists() or root.is_symlink():
            broken = root.is_symlink() and not root.exists()
            reason = "a broken symbolic link" if broken else "not a regular file or a folder"
            yield InputError(root_source, reason)
            continue
        else:
            yield InputError(root_source, "no such file or folder")
            continue

        yield from folder_errors
        for entry in entries:
            real = entry.path.resolve()
            if real in done:
                continue
            done.add(real)
            for line, item in _read(entry):
                if isinstance(item, InputError):
                    yield item
                    continue
                if entry.kind == ".txt":
                    item = _with_speaker_row(item, speaker_tables.metadata(entry.path, item.id))
                    yield from speaker_tables.errors[reported:]
                    reported = len(speaker_tables.errors)
                problem = text_problem(item.text)
                if problem is not None:
                    yield InputError(entry.source, problem, line=line)
                    continue
                first = first_source.get(item.id)
                if first is not None:
                    yield InputError(
                        entry.source,
                        f"duplicate document id {item.id!r}: already read from {first}; "
                        "this one is skipped",
                        line=line,
                    )
                    continue
                first_source[item.id] = item.source
                yield item


def check_paths(paths: Sequence[str | Path]) -> list[InputError]:
    """What is wrong with the input paths themselves, before anything is read: a path that
    does not exist, a broken link, something that is neither a file nor a folder, a file
    that cannot be read or a folder that cannot be listed. One error per bad path."""
    problems: list[InputError] = []
    for given in paths:
        source, root = os.fspath(given), Path(given)
        if root.is_dir():
            if not os.access(root, os.R_OK | os.X_OK):
                problems.append(InputError(source, "cannot list this folder (permission denied)"))
        elif root.is_file():
            if not os.access(root, os.R_OK):
                problems.append(InputError(source, "cannot read this file (permission denied)"))
        elif root.is_symlink():
            problems.append(InputError(source, "a broken symbolic link"))
        elif root.exists():
            problems.append(InputError(source, "not a regular file or a folder"))
        else:
            problems.append(InputError(source, "no such file or folder"))
    return problems


def count_documents(paths: Sequence[str | Path]) -> int:
    """How many items ``iter_documents(paths)`` will read: a file per .txt (with its
    .meta.json), .md or lone .meta.json, a non-blank line per .jsonl file, a file reached
    twice once. A count for progress bars, not a promise: unreadable files count as one."""
    total = 0
    done: set[Path] = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            entries = _walk(root, os.fspath(given))[0]
        elif root.is_file() and isinstance(entry := _explicit(root, os.fspath(given)), _Entry):
            entries = [entry]
        else:
            total += 1  # one error
            continue
        for entry in entries:
            real = entry.path.resolve()
            if real in done:
                continue
            done.add(real)
            total += _jsonl_lines(entry.path) if entry.kind == ".jsonl" else 1
    return total


def _jsonl_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return max(1, sum(1 for line in handle if line.strip()))
    except OSError:
        return 1
