"""Opening the files the importer reads: plain, ``.bz2`` or ``.gz``, always as UTF-8 text."""

from __future__ import annotations

import bz2
import gzip
from pathlib import Path
from typing import IO

from kg.errors import InputError


def open_text(path: Path) -> IO[str]:
    """``path`` opened for reading text (decompressed by its suffix); InputError if it cannot be."""
    name = path.name.lower()
    try:
        if name.endswith(".bz2"):
            return bz2.open(path, "rt", encoding="utf-8", newline="")
        if name.endswith(".gz"):
            return gzip.open(path, "rt", encoding="utf-8", newline="")
        return path.open("r", encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(str(path), f"cannot open: {err.strerror or err}") from err


def base_suffix(path: Path) -> str:
    """The lower-case suffix under any ``.bz2``/``.gz`` (``.json`` for ``x.json.bz2``)."""
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in (".bz2", ".gz"):
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def read_guarded(handle: IO[str], size: int, path: Path) -> str:
    """Up to ``size`` characters of ``handle``; a read or decoding failure is an InputError."""
    try:
        return handle.read(size)
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read: {err}") from err
