"""Reader for Markdown with optional YAML front matter between two ``---`` lines."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.ingest.decoding import DecodeProblem, decode_utf8, read_bytes
from kg.ingest.metadata import MetadataError, document_fields
from kg.ingest.model import Document

__all__ = ["FRONT_MATTER_KEYS", "read_markdown", "split_front_matter"]

# Front matter key -> Document field. Everything else (tags, published_time, ...) goes to
# Document.extra. ``url`` is not mapped: in static-site front matter it is the page's own
# path, not the source's address.
FRONT_MATTER_KEYS: Mapping[str, str] = {
    "title": "title",
    "date": "date",
    "source_url": "url",
    "publisher": "publisher",
    "author": "author",
    "language": "language",
}


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that keeps plain scalars as the strings written.

    Only ``null``/``~``/empty resolve implicitly. So ``date: 2022-02-30`` reaches the date
    check as a string (SafeLoader would raise a bare ValueError), ``published_time`` keeps
    its exact text in ``extra``, and ``title: 1984`` or ``title: yes`` stay strings.
    """


_FrontMatterLoader.yaml_implicit_resolvers = {}
_FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

_FENCE = re.compile(r"---[ \t]*\r?")  # a fence line, without its "\n"


def split_front_matter(text: str) -> tuple[str, str] | None:
    """``(front_matter, body)`` if ``text`` opens with a ``---`` line.

    ``body`` starts right after the newline of the closing ``---`` line. None if the first
    line is not ``---``; ValueError if the front matter is never closed.
    """
    first_end = text.find("\n")
    if first_end < 0 or not _FENCE.fullmatch(text[:first_end]):
        return None
    pos = first_end + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if _FENCE.fullmatch(line):
            body = "" if end < 0 else text[end + 1 :]
            return text[first_end + 1 : pos], body
        if end < 0:
            break
        pos = end + 1
    raise ValueError("front matter opened by '---' on line 1 is never closed by a '---' line")


def _yaml_problem(err: yaml.YAMLError) -> tuple[str, int | None]:
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context = getattr(err, "context", None)
    if context:
        problem = f"{context}: {problem}"
    # +2: the mark counts from 0 inside the front matter, which starts on file line 2.
    return problem, (mark.line + 2 if mark is not None else None)


def read_markdown(path: Path, source: str) -> Document | InputError:
    """One Document from a .md file (id: the file stem); text is the body after the front matter."""
    try:
        text = decode_utf8(read_bytes(path))
    except DecodeProblem as err:
        return InputError(source, str(err))
    try:
        split = split_front_matter(text)
    except ValueError as err:
        return InputError(source, str(err))
    fields: dict[str, Any] = {}
    if split is not None:
        front, text = split
        try:
            meta = yaml.load(front, Loader=_FrontMatterLoader)
        except yaml.YAMLError as err:
            problem, line = _yaml_problem(err)
            return InputError(source, f"invalid YAML front matter: {problem}", line=line)
        except ValueError as err:  # an explicit tag with a bad value, e.g. "!!int abc"
            return InputError(source, f"invalid YAML front matter: {err}")
        if meta is None:
            meta = {}
        if not isinstance(meta, dict):
            kind = "a list" if isinstance(meta, list) else "a single value"
            return InputError(
                source, f"front matter must be a YAML mapping (key: value), not {kind}"
            )
        try:
            fields = document_fields(meta, FRONT_MATTER_KEYS)
        except MetadataError as err:
            return InputError(source, f"front matter: {err}")
    if not text.strip():
        where = "after the front matter" if split is not None else "in the file"
        return InputError(source, f"empty document: no text {where}")
    return Document(id=path.stem, text=text, source=source, **fields)
