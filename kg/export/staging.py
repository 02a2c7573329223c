"""Where a build's document quads wait until the whole build is known: in memory while they
are few, then in an on-disk Oxigraph store (typed literals wrapped, see kg.export.oxi), so
that memory holds the cross-document records, not the whole graph. The choice is made here,
by count, as quads arrive."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kg.export.oxi import unwrap_quad, wrap_quad

__all__ = ["FLUSH", "QuadStaging"]

FLUSH = 100_000  # quads on their way to the store are written in bulks of this many


class QuadStaging:
    """Quads that wait: the first ``in_memory`` in memory as they are; once there are more,
    all of them in ``store`` (an in-memory Oxigraph store when none is given)."""

    def __init__(self, store: ox.Store | None = None, in_memory: int = 0) -> None:
        self._store = store if store is not None else ox.Store()
        self._in_memory = in_memory
        self._kept: list[ox.Quad] = []  # in memory, as they are (not wrapped)
        self._pending: list[ox.Quad] = []  # on their way to the store (wrapped)
        self.count = 0

    def add(self, quads: list[ox.Quad]) -> None:
        self.count += len(quads)
        if self.count <= self._in_memory:
            self._kept.extend(quads)
            return
        if self._kept:  # more than fit in memory: all go to the store
            quads = self._kept + quads
            self._kept = []
        self._pending.extend(wrap_quad(q) for q in quads)
        if len(self._pending) >= FLUSH:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            self._store.bulk_extend(self._pending)
            self._pending = []

    def __iter__(self) -> Iterator[ox.Quad]:
        """Every staged quad, as it was added (the memory's first, then the store's)."""
        self.flush()
        stored: Iterable[ox.Quad] = (unwrap_quad(q) for q in self._store.quads_for_pattern(None, None, None, None))
        return itertools.chain(self._kept, stored)

    def release(self) -> None:
        """Let go of the quads (the store closes once nothing refers to it)."""
        self._pending = []
        self._kept = []
        self._store = ox.Store()
