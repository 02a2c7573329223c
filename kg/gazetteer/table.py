"""The gazetteer TSV being extended: its rows as editable cells, the edits the merge makes to
a row, and the deterministic rewrite.

The file is read by the lexicon's one reader of gazetteer TSV
(``kg.lexicon.load.read_gazetteer_table``), so a bad row stops the import with the error
``kg build --gazetteer`` would give (file and line), before anything is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import atomic_write
from kg.gazetteer.entity import SPARQL, ImportedEntity, Office
from kg.lexicon.load import GAZETTEER_COLUMNS, OfficeTerm, parse_office_cell, read_gazetteer_table

_LINE_BREAKS = ("\t", "\n", "\r")


@dataclass
class EditableRow:
    """One gazetteer row as cells by column; ``where`` (file:line) names it in messages."""

    cells: dict[str, str]
    where: str = "a new row"

    @property
    def qid(self) -> str | None:
        q = self.cells["qid"].strip()
        return q if q and q != "-" else None

    @property
    def label(self) -> str:
        return self.cells["label"]

    def office_terms(self) -> tuple[OfficeTerm, ...]:
        return parse_office_cell(self.cells["offices"], self.where)


@dataclass
class GazetteerText:
    """A gazetteer file as the merge edits it: comment lines before and after the header, rows."""

    leading: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    rows: list[EditableRow] = field(default_factory=list)


def read_rows(path: Path) -> GazetteerText:
    """The gazetteer at ``path`` (nothing if there is no file); ConfigError for a bad row."""
    if not path.exists():
        return GazetteerText()
    table = read_gazetteer_table(path)
    rows = [EditableRow(dict(zip(GAZETTEER_COLUMNS, row.cells)), f"{path}:{row.line}") for row in table.rows]
    return GazetteerText(list(table.leading), list(table.trailing), rows)


def qid_number(qid: str) -> int:
    return int(qid[1:])


def write_rows(path: Path, text: GazetteerText) -> None:
    """Rewrite ``path`` atomically: comments kept in place, rows sorted by label (then QID)."""
    text.rows.sort(key=lambda r: (r.label.casefold(), r.label, qid_number(r.qid) if r.qid else -1))
    buffer = io.StringIO()
    for line in text.leading:
        buffer.write(line + "\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(GAZETTEER_COLUMNS)
    for line in text.trailing:
        buffer.write(line + "\n")
    for row in text.rows:
        writer.writerow([row.cells[c] for c in GAZETTEER_COLUMNS])
    atomic_write(path, buffer.getvalue().encode("utf-8"))


# -- cells -------------------------------------------------------------------------------


def split_cell(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def office_cell(terms: Iterable[Office]) -> str:
    return ";".join(
        f"{office}|{start.isoformat() if start else ''}|{end.isoformat() if end else ''}"
        for office, start, end in terms
    )


def office_key(term: Office) -> tuple:
    office, start, end = term
    return (start or dt.date.min, end or dt.date.max, office)


def writable(text: str, separators: str) -> bool:
    """Can ``text`` go into a cell split on ``separators`` (and read back unchanged)?"""
    return bool(text) and not any(ch in text for ch in _LINE_BREAKS + tuple(separators))


def evidence(source: str, origin: str) -> str:
    kind = "SPARQL result" if origin == SPARQL else "dump"
    return f"imported from {source or 'an unnamed file'} (Wikidata {kind})"


def append_note(text: str, note: str) -> str:
    if note in text:
        return text
    return f"{text}; {note}" if text else note


# -- edits -------------------------------------------------------------------------------


def same_holder(row: EditableRow, terms: list[Office]) -> bool:
    """A QID-less row may take an imported QID: no offices to contradict it, or a shared date."""
    existing = row.office_terms()
    if not existing:
        return True
    days = {d for term in existing for d in (term.start, term.end) if d}
    return any((start and start in days) or (end and end in days) for _, start, end in terms)


def merge_row(row: EditableRow, entity: ImportedEntity, names: list[str], terms: list[Office]) -> bool:
    """Add new aliases and office terms to an existing row; True if anything changed."""
    changed = False
    aliases = split_cell(row.cells["aliases"])
    known = {row.label, *aliases}
    new_aliases = sorted({n for n in names if n not in known})
    if new_aliases:
        aliases.extend(new_aliases)
        row.cells["aliases"] = "|".join(aliases)
        changed = True
    present = set(row.office_terms())
    new_terms = sorted({t for t in terms if OfficeTerm(*t) not in present}, key=office_key)
    if new_terms:
        cell = row.cells["offices"].strip().rstrip(";")
        addition = office_cell(new_terms)
        row.cells["offices"] = f"{cell};{addition}" if cell else addition
        changed = True
    if changed:
        source = evidence(entity.source, entity.origin)[len("imported from "):]
        row.cells["evidence"] = append_note(row.cells["evidence"], f"aliases/offices merged from {source}")
    return changed
