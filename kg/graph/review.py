"""Claims a person reviews: ``OUT/review.tsv`` and the reviewed file a build reads back.

Each row is a claim the build did not assert (its confidence is below the minimum) or one a
person decided: a statement (``position`` empty) or a position a statement expresses. A person
writes ``accept`` or ``reject`` in the ``decision`` column and passes the file to the next build
(``kg build --reviewed-claims FILE``): an accepted claim is asserted with confidence 1, a
rejected one never is. Claims are found again by their IRIs (the statement's, and the
position's), which the same input always gives.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from kg.errors import InputError
from kg.graph.claims import ACCEPT, REJECT, Calibration

CLAIM_COLUMNS = ("claim", "statement", "position", "class", "confidence", "status")
COLUMNS = ("claim", "statement", "position", "document", "begin", "end", "speaker", "holder", "stance", "topic",
           "confidence", "why", "evidence", "decision")
DECISIONS = ("", ACCEPT, REJECT)


@dataclass(frozen=True)
class ReviewRow:
    claim: str  # "statement" or "position"
    statement: str
    position: str
    document: str
    begin: int
    end: int
    speaker: str
    holder: str
    stance: str
    topic: str
    confidence: Decimal
    why: str
    evidence: str
    decision: str = ""

    def key(self) -> tuple[str, str]:
        return (self.statement, self.position)


@dataclass(frozen=True)
class ClaimRow:
    """A claim of the build as ``OUT/claims.tsv`` lists it: what calibration reads back."""

    claim: str
    statement: str
    position: str
    klass: str  # how it was found (kg.graph.claims)
    confidence: Decimal
    status: str  # asserted | below minimum | accepted | rejected


def status(shown: bool, decision: str) -> str:
    if decision == ACCEPT:
        return "accepted"
    if decision == REJECT:
        return "rejected"
    return "asserted" if shown else "below minimum"


@dataclass(frozen=True)
class ClaimPolicy:
    """Which claims a build asserts: at least ``minimum``, or accepted by a person; never one a
    person rejected. ``decisions``: (statement IRI, position IRI or "") -> accept | reject."""

    calibration: Calibration
    minimum: Decimal
    decisions: Mapping[tuple[str, str], str]

    def decide(self, statement: str, position: str, confidence: Decimal) -> tuple[bool, Decimal, str]:
        """(asserted, the confidence to state, the person's decision or "")."""
        decision = self.decisions.get((statement, position), "")
        if decision == ACCEPT:
            return True, Decimal(1), decision
        if decision == REJECT:
            return False, confidence, decision
        return confidence >= self.minimum, confidence, decision

    def why(self, rule: str, confidence: Decimal, decision: str) -> str:
        if decision == ACCEPT:
            return f"accepted by a person ({rule})"
        if decision == REJECT:
            return f"rejected by a person ({rule})"
        return f"{rule}: confidence {confidence} is below the minimum {self.minimum}"


def render_review(rows: Iterable[ReviewRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for row in sorted(rows, key=lambda r: (r.document, r.begin, r.end, r.claim != "statement", r.position)):
        writer.writerow((row.claim, row.statement, row.position, row.document, row.begin, row.end, row.speaker,
                         row.holder, row.stance, row.topic, f"{row.confidence:.2f}", row.why,
                         " ".join(row.evidence.split()), row.decision))
    return out.getvalue()


def render_claims(rows: Iterable[ClaimRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(CLAIM_COLUMNS)
    for row in sorted(rows, key=lambda r: (r.statement, r.position, r.klass)):
        writer.writerow((row.claim, row.statement, row.position, row.klass, f"{row.confidence:.2f}", row.status))
    return out.getvalue()


def _tsv(path: str | Path, what: str) -> csv.DictReader:
    """A reader of the rows of a tab-separated file; InputError naming the file if unreadable."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the {what} ({err})") from err
    return csv.DictReader(io.StringIO(text), delimiter="\t")


def read_claims(path: str | Path) -> list[ClaimRow]:
    """The rows of a build's ``claims.tsv``."""
    source = str(path)
    reader = _tsv(path, "claims")
    if tuple(reader.fieldnames or ()) != CLAIM_COLUMNS:
        raise InputError(source, f"not a claims file: the columns must be {' '.join(CLAIM_COLUMNS)}")
    try:
        return [ClaimRow(r["claim"], r["statement"], r["position"], r["class"], Decimal(r["confidence"]), r["status"])
                for r in reader]
    except ArithmeticError as err:
        raise InputError(source, f"a confidence is not a number (line {reader.line_num})") from err


def read_reviewed_claims(path: str | Path) -> dict[tuple[str, str], str]:
    """The decisions of a reviewed ``review.tsv``: rows with ``accept`` or ``reject``. A file
    without the ``statement``, ``position`` and ``decision`` columns, or a decision that is
    neither, raises InputError naming the file and the line."""
    source = str(path)
    reader = _tsv(path, "reviewed claims")
    missing = [c for c in ("statement", "position", "decision") if c not in (reader.fieldnames or ())]
    if missing:
        raise InputError(source, f"not a review file: no column {', '.join(missing)}")
    decisions: dict[tuple[str, str], str] = {}
    for row in reader:
        line = reader.line_num
        decision = (row.get("decision") or "").strip().lower()
        if decision not in DECISIONS:
            raise InputError(source, f"decision {row.get('decision')!r} is neither {ACCEPT} nor {REJECT}", line)
        if not decision:
            continue
        key = ((row.get("statement") or "").strip(), (row.get("position") or "").strip())
        if not key[0]:
            raise InputError(source, "a decided row names no statement", line)
        if decisions.get(key, decision) != decision:
            raise InputError(source, f"the claim {key[1] or key[0]} is both accepted and rejected", line)
        decisions[key] = decision
    return decisions
