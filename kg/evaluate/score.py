"""Counts of true positives, false positives and false negatives, and their report line.

Shared by every evaluation (actors and links now; statements, positions and events later):
each one returns :class:`Score` objects and prints them with :func:`format_score`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Score", "format_kind_table", "format_score"]


@dataclass(frozen=True)
class Score:
    """tp, fp and fn of one comparison; precision, recall and F1 are 0.0 when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __post_init__(self) -> None:
        for name in ("tp", "fp", "fn"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"Score.{name} must be a non-negative int, not {value!r}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        if not isinstance(other, Score):
            return NotImplemented
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @staticmethod
    def total(scores: Iterable[Score]) -> Score:
        """The micro-average: the sum of the counts."""
        out = Score()
        for score in scores:
            out = out + score
        return out


def format_score(name: str, score: Score, width: int = 7) -> str:
    """``actors  P 0.912  R 0.874  F1 0.893  (tp 120, fp 11, fn 17)``."""
    return (
        f"{name:<{width}} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
        f"  (tp {score.tp}, fp {score.fp}, fn {score.fn})"
    )


def format_kind_table(rows, extra: str) -> list[str]:
    """A table of scores by document kind: ``rows`` are (kind, documents, Score, text of the
    ``extra`` column)."""
    lines = [f"{'kind':<17} {'docs':>4}  {'P':>5}  {'R':>5}  {'F1':>5}  {'tp':>4} {'fp':>4} {'fn':>4}  {extra}"]
    for kind, documents, sc, more in rows:
        lines.append(f"{kind:<17} {documents:>4}  {sc.precision:.3f}  {sc.recall:.3f}  {sc.f1:.3f}  "
                     f"{sc.tp:>4} {sc.fp:>4} {sc.fn:>4}  {more}")
    return lines
