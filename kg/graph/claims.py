"""How likely each claim is right, and which claims a build asserts.

A claim is a statement (these words, said by this speaker) or a position a statement expresses
(holder, stance, topic). Its confidence is the share of the dev gold's claims of the same kind,
found by the same rule, that were right: ``data/calibration/claims.tsv``, written by
``kg calibrate`` from a build of the dev gold, smoothed as (right + 1) / (total + 2) so that a
rule seen a few times does not claim certainty. A claim is asserted when its confidence is at
least the build's minimum (``kg build --min-confidence``; by default the one the calibration
file gives), unless a person rejected it in a reviewed claims file; one below the minimum that
a person accepted is asserted with confidence 1. Every claim not asserted, and every claim a
person decided, is a row of ``OUT/review.tsv`` (kg.graph.review), which is the reviewed file
of the next build once a person has filled in its ``decision`` column.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.errors import ConfigError
from kg.extract.model import PositionItem, StatementItem
from kg.resources import resource_path

STATEMENT = "statement"
POSITION = "position"
MIN_CONFIDENCE = "min-confidence"  # the row of the calibration file that gives the default minimum
COLUMNS = ("claim", "class", "right", "total", "confidence")
# how a statement was found, by its sg:cue; any other cue is a reporting verb
STATEMENT_CLASSES = {
    "document speaker": "document-speaker",
    "transcript turn": "transcript-turn",
    "quote": "quote",
    "according to": "according-to",
}
REPORTING_VERB = "reporting-verb"
ACCEPT, REJECT = "accept", "reject"


def statement_class(cue: str) -> str:
    return STATEMENT_CLASSES.get(cue, REPORTING_VERB)


def position_class(position: PositionItem) -> str:
    """The rule that found the position and whether its topic is a scheme concept or minted:
    "verb/scheme", "action/minted"."""
    return f"{position.rule or 'verb'}/{'scheme' if position.topic.iri else 'minted'}"


def smoothed(right: int, total: int) -> Decimal:
    """(right + 1) / (total + 2), to two decimals."""
    return (Decimal(right + 1) / Decimal(total + 2)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Calibration:
    """Confidence by (claim, class); a class the dev gold never saw gets its claim's overall rate."""

    rates: Mapping[tuple[str, str], Decimal]
    default_min: Decimal
    overall: Mapping[str, Decimal] = field(default_factory=dict)

    def statement(self, statement: StatementItem) -> Decimal:
        return self._rate(STATEMENT, statement_class(statement.cue))

    def position(self, position: PositionItem) -> Decimal:
        return self._rate(POSITION, position_class(position))

    def _rate(self, claim: str, klass: str) -> Decimal:
        rate = self.rates.get((claim, klass))
        if rate is None:
            rate = self.overall.get(claim, Decimal("0.50"))
        return rate


def read_calibration(path: str | Path | None = None) -> Calibration:
    """The calibration table (default: the shipped one); a malformed one raises ConfigError
    naming the file and the line."""
    source = Path(path) if path is not None else resource_path("data", "calibration", "claims.tsv")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{source}: cannot read the calibration table ({err})") from err
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines or tuple(lines[0][1].split("\t")) != COLUMNS:
        raise ConfigError(f"{source}: the first line that is no comment must be the header {' '.join(COLUMNS)}")
    rates: dict[tuple[str, str], Decimal] = {}
    counts: dict[str, list[int]] = {}
    default_min = None
    for number, line in lines[1:]:
        row = dict(zip(COLUMNS, next(csv.reader([line], delimiter="\t"))))
        if len(row) != len(COLUMNS):
            raise ConfigError(f"{source}:{number}: expected {len(COLUMNS)} tab-separated columns")
        confidence = _decimal(row["confidence"], source, number)
        if row["claim"] == MIN_CONFIDENCE:
            default_min = confidence
            continue
        if row["claim"] not in (STATEMENT, POSITION):
            raise ConfigError(f"{source}:{number}: claim must be {STATEMENT}, {POSITION} or {MIN_CONFIDENCE}, "
                              f"not {row['claim']!r}")
        try:
            right, total = int(row["right"]), int(row["total"])
        except ValueError as err:
            raise ConfigError(f"{source}:{number}: right and total must be whole numbers") from err
        rates[(row["claim"], row["class"])] = confidence
        tally = counts.setdefault(row["claim"], [0, 0])
        tally[0] += right
        tally[1] += total
    if default_min is None:
        raise ConfigError(f"{source}: no {MIN_CONFIDENCE} row")
    overall = {claim: smoothed(right, total) for claim, (right, total) in counts.items()}
    return Calibration(rates, default_min, overall)


def _decimal(text: str, source: Path, number: int) -> Decimal:
    try:
        value = Decimal(text)
    except ArithmeticError as err:
        raise ConfigError(f"{source}:{number}: confidence {text!r} is not a number") from err
    if not Decimal(0) <= value <= Decimal(1):
        raise ConfigError(f"{source}:{number}: confidence {text} is not between 0 and 1")
    return value


def render_calibration(outcomes: Mapping[tuple[str, str], tuple[int, int]], default_min: Decimal,
                       note: str) -> str:
    """The calibration table for ``outcomes`` ((claim, class) -> (right, total))."""
    lines = [f"# {line}" if line else "#" for line in note.splitlines()]
    lines.append("\t".join(COLUMNS))
    lines.append("\t".join((MIN_CONFIDENCE, "-", "-", "-", f"{default_min:.2f}")))
    for (claim, klass), (right, total) in sorted(outcomes.items()):
        lines.append("\t".join((claim, klass, str(right), str(total), str(smoothed(right, total)))))
    return "\n".join(lines) + "\n"
