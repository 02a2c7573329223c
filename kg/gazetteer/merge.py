"""Merging imported entities into a gazetteer TSV (``merge_into_gazetteer``), in steps: read
the gazetteer and its references, unite the entities by QID, decide each entity's fate
(``_Merger``), rewrite the file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ConfigError, InputError
from kg.gazetteer.entity import ImportedEntity, Office
from kg.gazetteer.report import GazetteerMergeReport
from kg.gazetteer.table import (
    EditableRow,
    append_note,
    evidence,
    merge_row,
    office_cell,
    office_key,
    qid_number,
    read_rows,
    same_holder,
    split_cell,
    writable,
    write_rows,
)
from kg.gazetteer.values import QID
from kg.lexicon.load import ENTRY_TYPES


def merge_into_gazetteer(
    entities: Iterable[ImportedEntity | InputError],
    gazetteer_path: str | Path,
    *,
    default_type: str | None = None,
    reference: Iterable[str | Path] = (),
) -> GazetteerMergeReport:
    """Merge imported entities into the gazetteer TSV at ``gazetteer_path`` and rewrite it.

    - A new QID becomes a row with strength ``strong`` (a Wikidata file pairs QID and label)
      and evidence ``imported from <file name> (Wikidata dump|SPARQL result)``.
    - A QID the file already has keeps its label, type, demonyms, strength and QID; it gains
      the imported label (if different) and aliases as aliases, and the new office terms; its
      evidence notes the file.
    - A row without a QID (``-``) of the same type and label gets the QID only when exactly one
      imported entity of that type has the label and, if the row lists offices, one imported
      office term starts or ends on the same day as one of the row's terms (evidence that it
      is the same person); otherwise the entity is a clash.
    - Labels stay unique (the NLP entity ruler uses them as ids) and curated names stay
      unambiguous: an entity whose label is the label or an alias of a row with another QID,
      or the label of another imported entity, is not added (``clashes``); an imported alias
      that is already a name of another row is not added (``dropped``), since it would make
      that row's name ambiguous and unlink it.
    - Entities with neither a type nor ``default_type`` are skipped (``skipped_untyped``).
    - Office labels that are QIDs (dump extracts) are replaced by the label of that office item
      when the import holds it. Aliases or offices containing ``|``, ``;``, tabs or line
      breaks cannot be written and are dropped (``dropped``).

    ``reference`` names other gazetteers loaded together with this one (typically the shipped
    ``data/lexicon/gazetteer.tsv`` when ``gazetteer_path`` is an extra ``--gazetteer`` file).
    They are not rewritten, but their labels and names count for the clash rules above, and an
    imported QID that a reference already has is merged into a *copy* of that row written to
    ``gazetteer_path`` (``copied``): since an extra gazetteer's row replaces the shipped row
    with the same QID at load time, the copy keeps the shipped label, type, demonyms, strength
    and evidence. A QID-less reference row is never given a QID here (a clash: fill it in the
    reference file itself).

    Every gazetteer is read by the lexicon's reader: a bad row raises the ``ConfigError`` that
    ``kg build --gazetteer`` would (file and line), and nothing is written. The file is
    rewritten deterministically: comment lines before and after the header kept in place, rows
    sorted by label (then QID), aliases and office terms in stable order; writing the same
    import twice gives the same bytes. A missing file is created.
    """
    path = Path(gazetteer_path)
    if default_type is not None and default_type not in ENTRY_TYPES:
        raise ConfigError(f"default type must be one of {', '.join(ENTRY_TYPES)}, not {default_type!r}")
    text = read_rows(path)
    reference_rows = _reference_rows(reference, path)
    imported = _unite(entities)
    merger = _Merger(text.rows, reference_rows, imported, default_type)
    for qid in sorted(imported.entities, key=qid_number):
        merger.merge(imported.entities[qid])
    write_rows(path, text)
    return merger.report(path, imported.errors)


def _reference_rows(reference: Iterable[str | Path], path: Path) -> list[EditableRow]:
    rows: list[EditableRow] = []
    for other in reference:
        if Path(other).resolve() != path.resolve():
            rows.extend(read_rows(Path(other)).rows)
    return rows


@dataclass
class _Imported:
    """The entity stream united by QID, the label of every QID seen, and the stream's errors."""

    entities: dict[str, ImportedEntity] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # every imported QID -> label (to name offices)
    errors: list[str] = field(default_factory=list)


def _union(previous: ImportedEntity, item: ImportedEntity) -> ImportedEntity:
    """One entity from two readings of a QID: the first label wins, the second becomes an alias."""
    other_label = (item.label,) if item.label != previous.label else ()
    return ImportedEntity(
        previous.qid, previous.label, previous.type or item.type,
        tuple(dict.fromkeys(previous.aliases + item.aliases + other_label)),
        tuple(dict.fromkeys(previous.offices + item.offices)),
        tuple(dict.fromkeys(previous.instance_of + item.instance_of)),
        previous.source, previous.origin,
    )


def _unite(entities: Iterable[ImportedEntity | InputError]) -> _Imported:
    imported = _Imported()
    for item in entities:
        if isinstance(item, InputError):
            imported.errors.append(str(item))
            continue
        imported.labels.setdefault(item.qid, item.label)
        previous = imported.entities.get(item.qid)
        imported.entities[item.qid] = item if previous is None else _union(previous, item)
    return imported


class _Merger:
    """Decides, entity by entity (in QID order), what the gazetteer rows become, and keeps
    the outcome for the report. ``rows`` is edited in place."""

    def __init__(self, rows: list[EditableRow], reference_rows: list[EditableRow], imported: _Imported,
                 default_type: str | None) -> None:
        self.rows, self.reference_rows = rows, reference_rows
        self.labels_seen, self.default_type = imported.labels, default_type
        self.by_qid = {row.qid: row for row in rows if row.qid}
        self.reference_by_qid = {row.qid: row for row in reference_rows if row.qid and row.qid not in self.by_qid}
        # every name (label, alias) of the existing rows -> those rows
        self.names_of_rows: dict[str, list[EditableRow]] = {}
        self.by_label: dict[str, list[EditableRow]] = {}
        for row in rows + reference_rows:
            for name in [row.label, *split_cell(row.cells["aliases"])]:
                owners = self.names_of_rows.setdefault(name.casefold(), [])
                if not any(o is row for o in owners):
                    owners.append(row)
        for row in rows + reference_rows:
            self.by_label.setdefault(row.label.casefold(), []).append(row)
        self.imported_labels: dict[str, list[str]] = {}
        for entity in imported.entities.values():
            self.imported_labels.setdefault(entity.label.casefold(), []).append(entity.qid)
        self.added: list[str] = []
        self.updated: list[str] = []
        self.filled: list[str] = []
        self.unchanged: list[str] = []
        self.skipped: list[str] = []
        self.clashes: list[str] = []
        self.copied: list[str] = []
        self.dropped: list[str] = []

    def report(self, path: Path, errors: list[str]) -> GazetteerMergeReport:
        return GazetteerMergeReport(
            path=path, added=tuple(self.added), updated=tuple(self.updated), filled=tuple(self.filled),
            copied=tuple(self.copied), unchanged=tuple(self.unchanged), skipped_untyped=tuple(self.skipped),
            clashes=tuple(self.clashes), dropped=tuple(self.dropped), errors=tuple(errors),
        )

    # -- what an entity brings -------------------------------------------------------------

    def office_terms(self, entity: ImportedEntity) -> list[Office]:
        """The entity's office terms, office QIDs named; an unwritable office is dropped."""
        out = []
        for office, start, end in entity.offices:
            name = self.labels_seen.get(office, office) if QID.match(office) else office
            if writable(name, "|;"):
                out.append((name, start, end))
            else:
                self.dropped.append(f"{entity.qid}: office {name!r}")
        return out

    def alias_list(self, entity: ImportedEntity, own: EditableRow | None) -> list[str]:
        """The entity's names that ``own`` (or a new row) may take; the others are dropped."""
        out = []
        for alias in (entity.label,) + entity.aliases:
            if not writable(alias, "|"):
                self.dropped.append(f"{entity.qid}: alias {alias!r} (contains '|' or a line break)")
            elif any(
                owner is not own and owner.qid != entity.qid for owner in self.names_of_rows.get(alias.casefold(), ())
            ):
                # it would make a name of a curated row ambiguous, and unlink it
                self.dropped.append(f"{entity.qid}: alias {alias!r} (already a name of another row)")
            else:
                out.append(alias)
        return out

    # -- an entity's fate ------------------------------------------------------------------

    def merge(self, entity: ImportedEntity) -> None:
        qid = entity.qid
        row = self.by_qid.get(qid)
        if row is None and qid in self.reference_by_qid:
            self._copy(entity, self.reference_by_qid[qid])
        elif row is not None:
            changed = merge_row(row, entity, self.alias_list(entity, row), self.office_terms(entity))
            (self.updated if changed else self.unchanged).append(qid)
        elif (typ := entity.type or self.default_type) is None:
            self.skipped.append(qid)
        elif (clash := self._label_clash(entity)) is not None:
            self.clashes.append(clash)
        elif same_label := self.by_label.get(entity.label.casefold(), []):
            self._fill(entity, typ, same_label)
        else:
            self._add(entity, typ)

    def _copy(self, entity: ImportedEntity, original: EditableRow) -> None:
        """A reference row's QID: merge into a copy of that row, written to this gazetteer."""
        row = EditableRow(dict(original.cells), original.where)
        merge_row(row, entity, self.alias_list(entity, original), self.office_terms(entity))
        self.rows.append(row)
        self.by_qid[entity.qid] = row
        self.copied.append(entity.qid)

    def _label_clash(self, entity: ImportedEntity) -> str | None:
        """Why the entity's label cannot be a new row's (or fill a row), or None."""
        qid, label, key = entity.qid, entity.label, entity.label.casefold()
        if not writable(label, "|"):
            return f"{qid}: label {label!r} cannot be written to the gazetteer"
        same_label = self.by_label.get(key, [])
        alias_owners = sorted(
            f"{o.label} ({o.qid or '-'})" for o in self.names_of_rows.get(key, ())
            if not any(o is r for r in same_label)
        )
        if alias_owners:
            return f"{qid}: label {label!r} is already an alias of {', '.join(alias_owners)}"
        if len(self.imported_labels[key]) > 1:
            others = ", ".join(q for q in self.imported_labels[key] if q != qid)
            return f"{qid}: label {label!r} is also the label of imported {others}"
        return None

    def _fill(self, entity: ImportedEntity, typ: str, same_label: list[EditableRow]) -> None:
        """Give the QID to the one QID-less row of this label and type, if the offices agree."""
        qid, target = entity.qid, same_label[0]
        terms = self.office_terms(entity)
        if not (
            len(same_label) == 1 and target.qid is None and target.cells["type"] == typ
            and not any(target is r for r in self.reference_rows)
            and same_holder(target, terms)
        ):
            where = ", ".join(f"{r.cells['qid'] or '-'} ({r.cells['type']})" for r in same_label)
            self.clashes.append(f"{qid}: label {entity.label!r} is already the label of {where}")
            return
        target.cells["qid"] = qid
        if target.cells["strength"] in ("", "-"):
            target.cells["strength"] = "strong"
        merge_row(target, entity, self.alias_list(entity, target), terms)
        target.cells["evidence"] = append_note(
            target.cells["evidence"], f"QID {qid} {evidence(entity.source, entity.origin)}"
        )
        self.by_qid[qid] = target
        self.filled.append(qid)

    def _add(self, entity: ImportedEntity, typ: str) -> None:
        names = self.alias_list(entity, None)
        row = EditableRow({
            "qid": entity.qid,
            "label": entity.label,
            "type": typ,
            "aliases": "|".join(n for n in names if n != entity.label),
            "demonyms": "",
            "strength": "strong",
            "offices": office_cell(sorted(set(self.office_terms(entity)), key=office_key)),
            "evidence": evidence(entity.source, entity.origin),
        })
        self.rows.append(row)
        self.by_qid[entity.qid] = row
        self.by_label.setdefault(entity.label.casefold(), []).append(row)
        self.added.append(entity.qid)
