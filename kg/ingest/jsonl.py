"""Reader for JSON Lines: one document per line, ``{"id", "text", ...metadata}``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.decoding import BOM, DecodeProblem, decode_utf8, read_bytes
from kg.ingest.metadata import META_KEYS, MetadataError, document_fields
from kg.ingest.model import Document

__all__ = ["read_jsonl"]


def _document(obj: object, path_source: str, line_no: int) -> Document | InputError:
    def error(problem: str) -> InputError:
        return InputError(path_source, problem, line=line_no)

    if not isinstance(obj, dict):
        return error(f"each line must be a JSON object, not {type(obj).__name__}")
    missing = [k for k in ("id", "text") if k not in obj]
    if missing:
        return error(f"missing {' and '.join(repr(k) for k in missing)}")
    doc_id, text = obj["id"], obj["text"]
    if isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str):
        return error(f"'id' must be a string or an integer, not {type(doc_id).__name__}")
    if not doc_id.strip():
        return error("'id' is empty")
    if not isinstance(text, str):
        return error(f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        return error("empty document: 'text' holds no text")
    for key, value in (("id", doc_id), ("text", text)):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as err:
            return error(f"'{key}' is not valid Unicode ({err.reason} at index {err.start})")
    meta = {k: v for k, v in obj.items() if k not in ("id", "text")}
    try:
        fields = document_fields(meta, META_KEYS)
    except MetadataError as err:
        return error(str(err))
    return Document(id=doc_id, text=text, source=f"{path_source}:{line_no}", **fields)


def read_jsonl(path: Path, source: str) -> Iterator[tuple[int | None, Document | InputError]]:
    """``(line number, Document or InputError)`` per non-blank line, in file order.

    The line number is None only for an error about the whole file (it cannot be read).

    Lines are split on "\\n" only (a JSON string may hold a raw U+2028, which
    str.splitlines would split on), and each line is decoded on its own, so one bad line
    does not lose the others.
    """
    try:
        data = read_bytes(path)
    except DecodeProblem as err:
        yield None, InputError(source, str(err))
        return
    offset = 0
    for line_no, raw in enumerate(data.split(b"\n"), start=1):
        start, offset = offset, offset + len(raw) + 1
        try:
            line = decode_utf8(raw, base_offset=start, strip_bom=False)
        except DecodeProblem as err:
            yield line_no, InputError(source, str(err), line=line_no)
            continue
        if line_no == 1 and line.startswith(BOM):
            line = line[1:]
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            yield (
                line_no,
                InputError(source, f"invalid JSON: {err.msg} (column {err.colno})", line=line_no),
            )
            continue
        yield line_no, _document(obj, source, line_no)
