"""Reader for ``NAME.txt`` with an optional ``NAME.meta.json`` beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest.decoding import DecodeProblem, decode_utf8, read_bytes
from kg.ingest.metadata import META_KEYS, MetadataError, document_fields
from kg.ingest.model import Document

__all__ = ["META_SUFFIX", "read_txt", "txt_stem"]

META_SUFFIX = ".meta.json"


def txt_stem(name: str) -> str:
    """``NAME`` of ``NAME.txt`` (the document id and the meta file's stem)."""
    return name[: -len(".txt")]


def _read_meta(meta_path: Path, meta_source: str, doc_source: str) -> dict[str, Any] | InputError:
    skipped = f"; {doc_source} is not read"
    try:
        raw = decode_utf8(read_bytes(meta_path))
    except DecodeProblem as err:
        return InputError(meta_source, f"{err}{skipped}")
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError as err:
        return InputError(
            meta_source, f"invalid JSON: {err.msg} (column {err.colno}){skipped}", line=err.lineno
        )
    if not isinstance(meta, dict):
        return InputError(
            meta_source, f"metadata must be a JSON object, not {type(meta).__name__}{skipped}"
        )
    try:
        return document_fields(meta, META_KEYS)
    except MetadataError as err:
        return InputError(meta_source, f"{err}{skipped}")


def read_txt(
    path: Path, source: str, meta_path: Path | None = None, meta_source: str | None = None
) -> Document | InputError:
    """One Document from a UTF-8 .txt file (id: the file stem) and its optional metadata.

    A bad metadata file fails the whole document: the error names the metadata file.
    """
    try:
        text = decode_utf8(read_bytes(path))
    except DecodeProblem as err:
        return InputError(source, str(err))
    if not text.strip():
        return InputError(source, "empty document: the file holds no text")
    fields: dict[str, Any] = {}
    if meta_path is not None:
        meta = _read_meta(meta_path, meta_source or str(meta_path), source)
        if isinstance(meta, InputError):
            return meta
        fields = meta
    return Document(id=txt_stem(path.name), text=text, source=source, **fields)
