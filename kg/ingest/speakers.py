"""Speaker tables: metadata for a folder of speeches, one row per speech.

The UN General Debate corpus ships its speeches as ``Session_NN_-_YYYY/ISO_NN_YYYY.txt``
with one ``speakers.csv`` at its root::

    year,session,iso_code,country,speaker,post
    2024,79,BRA,Brazil,Lula da Silva,President

A ``.txt`` document whose id is ``{iso_code}_{session}_{year}`` of a row of the nearest
``speakers.csv`` (in its folder or up to :data:`MAX_LEVELS_UP` folders above it) gets the
row as metadata: ``speaker``, ``speaker_role`` (the post), ``on_behalf_of`` (the country),
``event_type`` ("Speech") and ``event_date`` (the year) in ``Document.extra``, and a title, publisher and language when its own ``.meta.json``
gives none. A row with no speaker name still gives ``on_behalf_of``: the country is then
the speaker. A table that cannot be read is reported once, as an InputError naming it, and
its documents are read without it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError
from kg.ingest.decoding import DecodeProblem, decode_utf8, read_bytes

__all__ = ["SPEAKER_TABLE", "SpeakerTables", "read_speaker_table"]

SPEAKER_TABLE = "speakers.csv"
COLUMNS = ("year", "session", "iso_code", "country", "speaker", "post")
MAX_LEVELS_UP = 2
PUBLISHER = "United Nations"


def _ordinal(n: str) -> str:
    if not n.isdigit():
        return n
    value = int(n)
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _row_metadata(row: Mapping[str, str]) -> dict[str, str]:
    country, speaker, post = (" ".join(row[k].split()) for k in ("country", "speaker", "post"))
    session, year = row["session"].strip(), row["year"].strip()
    occasion = f"the general debate of the {_ordinal(session)} session of the UN General Assembly ({year})"
    if speaker:
        who = f"{post} {speaker}".strip()
        title = f"Statement by {who} of {country} at {occasion}" if country else f"Statement by {who} at {occasion}"
    else:
        title = f"{country}: statement at {occasion}"
    meta = {"title": title, "publisher": PUBLISHER, "language": "en", "year": year, "session": session,
            # the speech is the occasion of every statement in it
            "event_type": "Speech", "event_date": year}
    if speaker:
        meta["speaker"] = speaker
    if post and speaker:
        meta["speaker_role"] = post
    if country:
        meta["on_behalf_of"] = country
    return meta


def read_speaker_table(path: Path, source: str) -> dict[str, dict[str, str]] | InputError:
    """``{doc_id: metadata}`` from a speakers.csv, or the InputError that says why not."""
    try:
        raw = decode_utf8(read_bytes(path))
    except DecodeProblem as err:
        return InputError(source, f"{err}; its documents are read without speaker metadata")
    reader = csv.DictReader(io.StringIO(raw, newline=""))
    header = tuple(reader.fieldnames or ())
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return InputError(
            source,
            f"speaker table without the column(s) {', '.join(missing)} "
            f"(expected {','.join(COLUMNS)}); its documents are read without speaker metadata",
        )
    table: dict[str, dict[str, str]] = {}
    try:
        for row in reader:
            if any(row.get(c) is None for c in COLUMNS):
                return InputError(source, "a row has fewer fields than the header", line=reader.line_num)
            doc_id = f"{row['iso_code'].strip()}_{row['session'].strip()}_{row['year'].strip()}"
            if doc_id in table:
                return InputError(source, f"two rows for the speech {doc_id}", line=reader.line_num)
            table[doc_id] = _row_metadata(row)
    except csv.Error as err:
        return InputError(source, f"not a valid CSV file: {err}", line=reader.line_num)
    return table


@dataclass
class SpeakerTables:
    """The speaker tables found above the documents of one build, each read once."""

    _tables: dict[Path, dict[str, dict[str, str]] | None] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)

    def _table(self, folder: Path) -> dict[str, dict[str, str]] | None:
        if folder not in self._tables:
            path = folder / SPEAKER_TABLE
            table = None
            if path.is_file():
                read = read_speaker_table(path, str(path))
                if isinstance(read, InputError):
                    self.errors.append(read)
                else:
                    table = read
            self._tables[folder] = table
        return self._tables[folder]

    def metadata(self, document_path: Path, doc_id: str) -> dict[str, str] | None:
        """The row for ``doc_id`` in the nearest speaker table above ``document_path``."""
        folder = document_path.parent
        for _ in range(MAX_LEVELS_UP + 1):
            table = self._table(folder)
            if table is not None:
                return table.get(doc_id)
            if folder.parent == folder:
                break
            folder = folder.parent
        return None
