"""Which gazetteer type an imported entity has: an explicit type, or its Wikidata classes.

An explicit type (``Person``, ``Organization``, ``Country``, ``Place``, optionally as an
``sg:`` name or an ontology IRI) wins. Otherwise the P31 classes are looked up in
``data/lexicon/wikidata-classes.tsv`` (only classes whose QID is evidenced there); when they
map to several types, Person beats Country beats Organization beats Place. An entity of
unknown type has ``type=None``: the caller decides (``merge_into_gazetteer(default_type=)``).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kg.errors import ConfigError
from kg.gazetteer.values import QID
from kg.lexicon.load import ENTRY_TYPES
from kg.resources import resource_path

SG_ONTOLOGY = "https://w3id.org/stancegraph/ontology#"
TYPE_PRIORITY = ("Person", "Country", "Organization", "Place")
CLASSES_COLUMNS = ["qid", "label", "type", "evidence"]


@lru_cache(maxsize=4)
def load_wikidata_classes(path: str | Path | None = None) -> dict[str, tuple[str, str]]:
    """``wikidata-classes.tsv``: class QID -> (label, gazetteer type)."""
    source = Path(path) if path is not None else resource_path("data", "lexicon", "wikidata-classes.tsv")
    classes: dict[str, tuple[str, str]] = {}
    header_seen = False
    with source.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            if not header_seen:
                if row != CLASSES_COLUMNS:
                    raise ConfigError(f"{source}:{number}: header must be {' '.join(CLASSES_COLUMNS)}")
                header_seen = True
                continue
            if len(row) != len(CLASSES_COLUMNS):
                raise ConfigError(f"{source}:{number}: expected {len(CLASSES_COLUMNS)} columns, found {len(row)}")
            qid, label, typ, _evidence = row
            if not QID.match(qid) or typ not in ENTRY_TYPES:
                raise ConfigError(f"{source}:{number}: bad row {row!r}")
            classes[qid] = (label, typ)
    return classes


def type_from_classes(instance_of: Iterable[str], classes: dict[str, tuple[str, str]] | None = None) -> str | None:
    """The gazetteer type of an item of these classes (``TYPE_PRIORITY`` decides), or None."""
    table = load_wikidata_classes() if classes is None else classes
    found = {table[q][1] for q in instance_of if q in table}
    for typ in TYPE_PRIORITY:
        if typ in found:
            return typ
    return None


def explicit_type(value: str) -> str | None:
    """``Person`` from ``Person``, ``person``, ``sg:Person`` or the ontology IRI; None otherwise."""
    value = value.strip()
    if value.startswith(SG_ONTOLOGY):
        value = value[len(SG_ONTOLOGY):]
    elif value.startswith("sg:"):
        value = value[3:]
    for typ in ENTRY_TYPES:
        if value.casefold() == typ.casefold():
            return typ
    return None
