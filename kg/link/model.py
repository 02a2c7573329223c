"""An actor as the linker leaves it: its key, label, type, asserted link and the candidates
considered. Plain, picklable, frozen records (``kg.extract.model`` uses them in its own)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Actor", "LinkCandidate"]


@dataclass(frozen=True)
class LinkCandidate:
    """A gazetteer entry considered for an actor, with the linker's confidence."""

    qid: str
    label: str
    confidence: float
    asserted: bool
    justification: str  # a semapv term, e.g. "semapv:LexicalMatching"
    comment: str = ""


@dataclass(frozen=True)
class Actor:
    key: str
    label: str
    type: str  # Person | Organization | Country | Group
    qid: str | None = None  # asserted link only
    names: tuple[str, ...] = ()  # every surface name seen, sorted
    affiliation: str | None = None  # key of the actor the person represents
    candidates: tuple[LinkCandidate, ...] = ()
    members: tuple[str, ...] = ()  # a Group's members (actor keys, sorted)
