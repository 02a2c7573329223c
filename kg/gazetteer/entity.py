"""The record every reader yields: one Wikidata item as imported (``ImportedEntity``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.gazetteer.classes import type_from_classes
from kg.gazetteer.values import squeeze

DUMP = "dump"
SPARQL = "SPARQL result"

Office = tuple[str, "dt.date | None", "dt.date | None"]


@dataclass(frozen=True)
class ImportedEntity:
    """One Wikidata item as read from a dump extract or a SPARQL result.

    ``offices`` holds ``(office label, start, end)``; ``source`` is the file name and
    ``origin`` ``"dump"`` or ``"SPARQL result"`` (used for the gazetteer's evidence column).
    """

    qid: str
    label: str
    type: str | None  # Person | Organization | Country | Place | None (unknown)
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    instance_of: tuple[str, ...] = ()
    source: str = field(default="", compare=False)
    origin: str = field(default="", compare=False)


def _clean_names(names: Iterable[str], label: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        name = squeeze(name)
        if name and name != label and name not in out:
            out.append(name)
    return tuple(out)


def make_entity(qid: str, label: str, explicit: str | None, aliases: Iterable[str],
                offices: Iterable[Office], instance_of: Iterable[str], source: str, origin: str) -> ImportedEntity:
    """An ImportedEntity typed by ``explicit`` or else by its classes, without repeated values."""
    classes = tuple(dict.fromkeys(instance_of))
    offices_t = tuple(dict.fromkeys(offices))
    typ = explicit if explicit is not None else type_from_classes(classes)
    return ImportedEntity(qid, label, typ, _clean_names(aliases, label), offices_t, classes, source, origin)
