"""Claim confidences against a gold: the calibration table and its reliability.

``kg calibrate GOLD OUT`` reads a build of the gold's texts made with ``--min-confidence 0``
(every claim asserted), scores each claim (kg.evaluate.statements: a statement is right when it
matches a gold statement with its speaker; a position when its statement does and a gold
position of it has its holder, its topic and, towards that topic, its stance), and counts
right and total per (claim, class) from the build's ``claims.tsv``: the table
``data/calibration/claims.tsv`` the build reads (kg.graph.claims). ``reliability`` bins claims
by the confidence a build gave them and says how many in each bin were right: the check that
the table holds on texts it was not made from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import rdflib

from kg.errors import StancegraphError
from kg.evaluate.gold import load_gold
from kg.evaluate.statements import evaluate_statements_against
from kg.graph.claims import POSITION, STATEMENT, render_calibration, smoothed
from kg.graph.review import ClaimRow, read_claims

BANDS = (Decimal("0.9"), Decimal("0.7"), Decimal("0.5"), Decimal("0"))  # lower bounds, highest first


# the most the default minimum lets through: positions on this share of the gold statements
# that take none (issue 19's bar; what a researcher reads as a stance nobody took)
MAX_WHERE_NONE = Decimal("0.05")


@dataclass(frozen=True)
class Scored:
    claim: ClaimRow
    right: bool
    on_none: bool = False  # a position on a statement whose gold takes no position


@dataclass(frozen=True)
class GoldCount:
    claims: int  # the gold's statements, and the positions of those the build found
    taking_none: int  # the build's statements matched to gold statements that take no position


def scored_claims(gold_dir: str | Path, out_dir: str | Path, graph: rdflib.Graph | None = None) -> list[Scored]:
    """Every asserted claim of the build in ``out_dir`` made in a gold document, scored."""
    return scored_with_gold(gold_dir, out_dir, graph)[0]


def scored_with_gold(gold_dir: str | Path, out_dir: str | Path,
                     graph: rdflib.Graph | None = None) -> tuple[list[Scored], GoldCount]:
    """(the scored claims, what the gold holds: how many claims it makes, and how many of the
    build's statements it says take no position)."""
    out = Path(out_dir)
    if not (out / "claims.tsv").is_file() or not (out / "graph.ttl").is_file():
        raise StancegraphError(f"{out}: no claims.tsv and graph.ttl here (run 'kg build ... -o {out}' first)")
    if graph is None:
        graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    claims = {(c.statement, c.position): c for c in read_claims(out / "claims.tsv")}
    evaluation = evaluate_statements_against(load_gold(gold_dir), graph)
    none = frozenset(evaluation.takes_none)
    scored = [Scored(claims[(statement, position)], right, bool(position) and statement in none)
              for statement, position, right in evaluation.outcomes if (statement, position) in claims]
    gold = evaluation.statements.tp + evaluation.statements.fn + evaluation.position_stance.total
    return scored, GoldCount(gold, len(none))


def best_minimum(parts: Sequence[tuple[Sequence[Scored], GoldCount]]) -> Decimal:
    """The minimum confidence at which the claims asserted with the table's confidences best
    match the gold's claims: the highest F1 = 2 right / (asserted + gold claims) over the
    table's confidences (and 0) that give positions to at most ``MAX_WHERE_NONE`` of the
    statements taking none in each gold (``parts``: the scored claims of each gold's build,
    and what the gold holds); among equals, the higher one (fewer wrong claims)."""
    scored = [s for part, _ in parts for s in part]
    rates = {key: smoothed(right, total) for key, (right, total) in tally(scored).items()}

    def confidence(s: Scored) -> Decimal:
        return rates[(s.claim.claim, s.claim.klass)]
    claims = sum(gold.claims for _, gold in parts)

    def f1(threshold: Decimal) -> float:
        kept = [s.right for s in scored if confidence(s) >= threshold]
        return 2 * sum(kept) / (len(kept) + claims) if kept or claims else 0.0

    def where_none(part: Sequence[Scored], gold: GoldCount, threshold: Decimal) -> Decimal:
        given = {s.claim.statement for s in part if s.on_none and confidence(s) >= threshold}
        return Decimal(len(given)) / gold.taking_none if gold.taking_none else Decimal(0)
    thresholds = {Decimal(0), *rates.values()}
    allowed = [t for t in thresholds
               if all(where_none(part, gold, t) <= MAX_WHERE_NONE for part, gold in parts)] or [max(thresholds)]
    return max(allowed, key=lambda t: (round(f1(t), 6), t))


def calibration_table(pairs: Sequence[tuple[str, str]], assert_at: Decimal | None = None) -> str:
    """The calibration table from (gold folder, build) pairs, each build made with every claim
    asserted (else StancegraphError); the default minimum is ``assert_at`` or the best one."""
    parts = []
    for gold_dir, out in pairs:
        left_out = unasserted(out)
        if left_out:
            raise StancegraphError(f"{out}: {left_out} claims were not asserted; calibrate on a build made "
                                   "with --min-confidence 0")
        parts.append(scored_with_gold(gold_dir, out))
    scored = [s for part, _ in parts for s in part]
    gold = GoldCount(sum(g.claims for _, g in parts), sum(g.taking_none for _, g in parts))
    counts = tally(scored)
    minimum = assert_at if assert_at is not None else best_minimum(parts)
    note = (f"Claim confidences: of the claims each rule found in builds of {' and '.join(g for g, _ in pairs)} "
            "(kg calibrate), "
            "how many were right;\nconfidence = (right + 1) / (total + 2). The build asserts claims of at least "
            "min-confidence (kg build --min-confidence):\nthe threshold at which the asserted claims' F1 against "
            f"the gold's {gold.claims} claims is highest while positions go to at most {MAX_WHERE_NONE:%} of the "
            f"statements\nthat take none in each gold ({', '.join(str(g.taking_none) for _, g in parts)}), "
            "unless --assert-at gave it.\n"
            + "".join(f"{claim}s: {r} of {t} right overall. " for claim in (STATEMENT, POSITION)
                      for r, t in [overall(counts, claim)]))
    return render_calibration(counts, minimum, note.rstrip())


def tally(scored: Sequence[Scored]) -> dict[tuple[str, str], tuple[int, int]]:
    """(claim, class) -> (right, total)."""
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for s in scored:
        right, total = counts.get((s.claim.claim, s.claim.klass), (0, 0))
        counts[(s.claim.claim, s.claim.klass)] = (right + s.right, total + 1)
    return counts


def unasserted(out_dir: str | Path) -> int:
    """How many claims of the build were not asserted (a calibration build must assert all)."""
    return sum(1 for c in read_claims(Path(out_dir) / "claims.tsv") if c.status not in ("asserted", "accepted"))


@dataclass(frozen=True)
class Band:
    claim: str
    low: Decimal
    high: Decimal | None
    right: int
    total: int

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0


def reliability(scored: Sequence[Scored]) -> list[Band]:
    """For statements and positions, the claims in each confidence band and how many were right."""
    bands = []
    for claim in (STATEMENT, POSITION):
        for low, high in zip(BANDS, (None, *BANDS[:-1])):
            inside = [s for s in scored if s.claim.claim == claim and s.claim.confidence >= low
                      and (high is None or s.claim.confidence < high)]
            bands.append(Band(claim, low, high, sum(s.right for s in inside), len(inside)))
    return bands


def format_reliability(bands: Sequence[Band]) -> list[str]:
    lines = ["claim      confidence   claims   right  share"]
    for b in bands:
        span = f">= {b.low}" if b.high is None else f"{b.low}-{b.high}"
        lines.append(f"{b.claim:<10} {span:<11} {b.total:>7} {b.right:>7}  "
                     + (f"{b.share:.3f}" if b.total else "    -"))
    return lines


def overall(counts: Mapping[tuple[str, str], tuple[int, int]], claim: str) -> tuple[int, int]:
    right = sum(r for (c, _), (r, _) in counts.items() if c == claim)
    total = sum(t for (c, _), (_, t) in counts.items() if c == claim)
    return right, total
