"""Reading a SPARQL 1.1 CSV or TSV result, row by row (see ``kg.gazetteer.sparql``)."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError
from kg.gazetteer.entity import ImportedEntity
from kg.gazetteer.files import open_text
from kg.gazetteer.sparql import RowJoiner, Term, csv_term, normalise_variables, tsv_term

_BOM = codecs.BOM_UTF8.decode("utf-8")


def _cells(handle: IO[str], delimiter: str) -> Iterator[list[str]]:
    if delimiter == "\t":  # TSV results: no quoting; literals carry their own quotes
        return (line.rstrip("\r\n").split("\t") for line in handle)
    return csv.reader(handle)


def _variables(reader: Iterator[list[str]], path: Path) -> list[str | None]:
    """The variables of the header row; InputError if there is none or it has no ``item``."""
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as err:
        raise InputError(str(path), f"unreadable header: {err}", 1) from err
    if header is None:
        raise InputError(str(path), "empty file: expected a SPARQL result with a header row")
    if header and header[0].startswith(_BOM):
        header[0] = header[0][1:]
    variables = normalise_variables(header)
    if "item" not in variables:
        raise InputError(str(path), f"the header has no 'item' variable: {header!r}", 1)
    return variables


def _row(cells: list[str], variables: list[str | None], decode: Callable[[str], Term | None]) -> dict[str, Term]:
    """Variable -> term of one row; ValueError for a term that cannot be decoded."""
    return {v: t for v, t in ((v, decode(c)) for v, c in zip(variables, cells)) if v and t is not None}


def iter_sparql_table(path: Path, delimiter: str) -> Iterator[ImportedEntity | InputError]:
    """The entities of a CSV (``,``) or TSV (tab) result; a bad row is yielded as an InputError."""
    decode = tsv_term if delimiter == "\t" else csv_term
    with open_text(path) as handle:
        reader = _cells(handle, delimiter)
        variables = _variables(reader, path)
        joiner = RowJoiner(path)
        number = 1
        while True:
            try:
                cells = next(reader, None)
            except (csv.Error, UnicodeDecodeError) as err:
                yield InputError(str(path), f"unreadable row: {err}", number + 1)
                break
            if cells is None:
                break
            number += 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(variables):
                yield InputError(str(path), f"expected {len(variables)} values, found {len(cells)}", number)
                continue
            try:
                row = _row(cells, variables, decode)
            except ValueError as err:
                yield InputError(str(path), str(err), number)
                continue
            yield from joiner.add(row, number)
        done = joiner.flush()
        if done is not None:
            yield done
