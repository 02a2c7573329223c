"""The unit every later stage works on: one source text with its metadata."""

from __future__ import annotations

import datetime
import string
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Document", "document_id_slug"]


@dataclass(frozen=True)
class Document:
    """One input document, read but not yet analysed.

    ``text`` is exactly what the file holds after UTF-8 decoding (a leading BOM removed,
    nothing else): character offsets into it are offsets into the source. For a Markdown
    file it is the body after the front matter.
    """

    id: str
    """Stable id: the file stem for .txt/.md, the ``id`` field for a .jsonl line."""
    text: str
    source: str
    """The path as given (``PATH:LINE`` for a .jsonl line); used in messages."""
    title: str | None = None
    date: datetime.date | None = None
    publisher: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    """Other scalar metadata (e.g. ``tags``), values as strings, keys sorted."""


_SAFE = frozenset(string.ascii_letters + string.digits + "._-")


def document_id_slug(doc_id: str) -> str:
    """A deterministic, IRI-safe path segment for a document id.

    Keeps ``[A-Za-z0-9._-]`` and percent-encodes every other character as its UTF-8
    bytes (``%XX``, upper-case hex), so the mapping is injective: percent-decoding the
    slug gives the id back. The ids ``.`` and ``..`` (dot segments, which IRI resolution
    would remove) are encoded as ``%2E`` and ``%2E%2E``. Ids are never empty; an empty id
    is a ValueError.
    """
    if not doc_id:
        raise ValueError("a document id is never empty")
    if doc_id in (".", ".."):
        return "%2E" * len(doc_id)
    out: list[str] = []
    for ch in doc_id:
        if ch in _SAFE:
            out.append(ch)
        else:
            # surrogatepass: a lone surrogate (possible from a JSON "\ud800" escape)
            # still gets a distinct, well-formed encoding instead of a crash.
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    return "".join(out)
