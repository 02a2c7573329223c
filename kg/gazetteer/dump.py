"""Reading a Wikidata JSON dump extract: one entity per line, exactly as in the dump.

The real dump (``latest-all.json.bz2``) wraps the lines in ``[`` ... ``]`` and ends each entity
line with a comma; both that and plain JSON Lines are accepted. Per entity we take ``id``,
``labels.en`` (``labels.mul`` if there is no English label), ``aliases.en``, the values of
``claims.P31`` (instance of) and the positions held, ``claims.P39``, with their qualifiers
``P580`` (start time) and ``P582`` (end time). Deprecated statements and
``somevalue``/``novalue`` snaks are ignored. A dump line names an office by its QID only, so the
office label of an entity read from a dump is the office's QID (``merge_into_gazetteer``
replaces it by the office's label when the same extract holds the office item). Non-item
entities (properties, lexemes) are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.gazetteer.entity import DUMP, ImportedEntity, Office, make_entity
from kg.gazetteer.files import open_text
from kg.gazetteer.values import parse_time, qid_of, squeeze


def _snak_value(snak: dict) -> object | None:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _item_id(value: object) -> str | None:
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("id"), str):
        return qid_of(value["id"])
    numeric = value.get("numeric-id")
    if value.get("entity-type", "item") == "item" and isinstance(numeric, int) and numeric > 0:
        return f"Q{numeric}"
    return None


def _qualifier_date(statement: dict, prop: str, *, end: bool) -> dt.date | None:
    for snak in (statement.get("qualifiers") or {}).get(prop, []):
        value = _snak_value(snak)
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            precision = value.get("precision", 11)
            date = parse_time(value["time"], precision if isinstance(precision, int) else 11, end=end)
            if date is not None:
                return date
    return None


def _statements(claims: dict, prop: str) -> Iterator[dict]:
    for statement in claims.get(prop, []) or []:
        if isinstance(statement, dict) and statement.get("rank") != "deprecated":
            yield statement


def _lang_value(mapping: object, lang: str) -> str | None:
    if isinstance(mapping, dict) and isinstance(mapping.get(lang), dict):
        value = mapping[lang].get("value")
        return value if isinstance(value, str) and value.strip() else None
    return None


def _item_qid(data: dict) -> str | None:
    """The entity's QID; None for a non-item entity; ValueError for an item without one."""
    if data.get("type", "item") != "item":
        return None
    qid = qid_of(str(data.get("id", "")))
    if qid is None:
        if isinstance(data.get("id"), str) and not data["id"].startswith("Q"):
            return None  # P…, L…: not an item
        raise ValueError(f"entity without a valid item id: {data.get('id')!r}")
    return qid


def _offices(claims: dict) -> list[Office]:
    offices: list[Office] = []
    for statement in _statements(claims, "P39"):
        office = _item_id(_snak_value(statement.get("mainsnak", {})))
        if office is None:
            continue
        offices.append((
            office,
            _qualifier_date(statement, "P580", end=False),
            _qualifier_date(statement, "P582", end=True),
        ))
    return offices


def entity_from_dump_json(data: dict, source: str = "") -> ImportedEntity | None:
    """One dump entity (a parsed line) as an ImportedEntity; None for a non-item entity.

    Raises ValueError when the entity is an item but unusable (no id, no English label).
    """
    qid = _item_qid(data)
    if qid is None:
        return None
    labels = data.get("labels") or {}
    label = _lang_value(labels, "en") or _lang_value(labels, "mul")
    if label is None:
        raise ValueError(f"{qid} has no English label")
    aliases = [
        a.get("value", "") for a in ((data.get("aliases") or {}).get("en") or [])
        if isinstance(a, dict) and isinstance(a.get("value"), str)
    ]
    claims = data.get("claims") or {}
    instance_of = [
        q for q in (_item_id(_snak_value(s.get("mainsnak", {}))) for s in _statements(claims, "P31")) if q
    ]
    return make_entity(qid, squeeze(label), None, aliases, _offices(claims), instance_of, source, DUMP)


def _entity_of_line(text: str, path: Path, number: int) -> ImportedEntity | InputError | None:
    """The entity on one dump line, an InputError for a bad line, None for nothing to take."""
    if text.endswith(","):
        text = text[:-1].rstrip()
    if text in ("", "[", "]"):
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        return InputError(str(path), f"broken JSON: {err.msg} (column {err.colno})", number)
    if not isinstance(data, dict):
        return InputError(str(path), "a dump line must be one entity (a JSON object)", number)
    try:
        return entity_from_dump_json(data, path.name)
    except (ValueError, TypeError, AttributeError) as err:
        return InputError(str(path), str(err), number)


def iter_dump(path: Path) -> Iterator[ImportedEntity | InputError]:
    """The entities of a dump extract, line by line; a bad line is yielded as an InputError."""
    with open_text(path) as handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except (OSError, EOFError, UnicodeDecodeError) as err:
                yield InputError(str(path), f"cannot read: {err}", number + 1)
                return
            if not line:
                return
            number += 1
            found = _entity_of_line(line.strip(), path, number)
            if found is not None:
                yield found
