"""Where a build spends its time: seconds per stage, nested stages counted once.

A ``StageClock`` is made current for a stretch of work (``with clock.current():``); code deep
inside (the linker, say) marks its own stage with ``timed("link")`` without being handed the
clock. When no clock is current, ``timed`` costs one context-variable lookup.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_CURRENT: ContextVar[StageClock | None] = ContextVar("stancegraph_stage_clock", default=None)


class StageClock:
    """Seconds per stage. Time spent in a nested stage counts for it, not for its parent."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._children: list[float] = []  # per open stage: seconds of its nested stages

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        self._children.append(0.0)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            nested = self._children.pop()
            self.seconds[name] = self.seconds.get(name, 0.0) + elapsed - nested
            if self._children:
                self._children[-1] += elapsed

    def add(self, seconds: dict[str, float]) -> None:
        """Add another clock's figures (a worker's) to these."""
        for name, value in seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + value

    @contextmanager
    def current(self) -> Iterator[StageClock]:
        token = _CURRENT.set(self)
        try:
            yield self
        finally:
            _CURRENT.reset(token)


def timed(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Count the decorated function's time as stage ``name`` of the current clock, if any."""

    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            clock = _CURRENT.get()
            if clock is None:
                return func(*args, **kwargs)
            with clock.stage(name):
                return func(*args, **kwargs)

        return wrapper

    return decorate
