"""A seeded sample of the positions a build asserts, to judge by reading; and the figures of a
judged sample.

    python bench/position_sample.py OUT [OUT ...] --sample 55 --seed 20261206 -o SAMPLE.tsv
        [--min-confidence 0.60] [--rule learned]
    python bench/position_sample.py --summarize JUDGED.tsv

``--min-confidence`` keeps the pairs of at least that confidence (on a build made with
``--min-confidence 0``, the pairs a default build asserts), ``--rule`` those whose class
starts with that rule (``learned``: the learned model's, asserted or not).

Each OUT is the output folder of a ``kg build`` (its ``graph.ttl`` and ``claims.tsv`` are read).
A row is one (statement, position) pair: the document, the statement's words, the holder, the
stance, the topic (scheme concept or minted), the rule's class and the confidence. The judge
fills in four columns, reading only the statement:

- ``stance``: ``right``, ``wrong`` (not what the words say, or no stance at all) or
  ``reversed`` (the words take the opposite stance towards the topic);
- ``topic``: ``yes`` when the topic is the issue the words take a stance on, named as a
  researcher would (specific, not a degree, manner, greeting object or pronoun), else ``no``;
- ``holder``: ``yes`` when the holder is the one whose stance it is, else ``no``;
- ``note``: free text.

``--summarize`` prints, for a judged file: stance right, reversed, topic sensible (scheme and
minted apart), holder right, and the same by confidence band.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter
from pathlib import Path

import rdflib
from rdflib.namespace import PROV, RDFS, SKOS

from kg.namespaces import SG

COLUMNS = ("document", "statement", "position", "holder", "stance", "topic", "topic_kind", "class",
           "confidence", "text", "judged_stance", "judged_topic", "judged_holder", "note")
MINTED = "/topic/minted/"


def _pairs(out: Path) -> list[dict]:
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    classes = {}
    with open(out / "claims.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            classes[(row["statement"], row["position"])] = (row["class"], row["confidence"])
    rows = []
    for statement, _, position in sorted(graph.triples((None, SG.expresses, None))):
        topic = graph.value(position, SG.topic)
        document = graph.value(statement, PROV.wasDerivedFrom)
        rows.append({
            "document": str(graph.value(document, rdflib.URIRef("http://purl.org/dc/terms/identifier"))),
            "statement": str(statement), "position": str(position),
            "holder": str(graph.value(graph.value(position, SG.holder), RDFS.label)),
            "stance": str(graph.value(position, SG.stance)).rsplit("#", 1)[-1],
            "topic": str(graph.value(topic, SKOS.prefLabel)),
            "topic_kind": "minted" if MINTED in str(topic) else "scheme",
            "class": classes.get((str(statement), str(position)), ("", ""))[0],
            # the claim's own (this statement's expression of the position), what the build asserts by
            "confidence": classes.get((str(statement), str(position)), ("", ""))[1]
            or str(graph.value(position, SG.confidence)),
            "text": " ".join(str(graph.value(statement, SG.text)).split()),
        })
    return rows


def sample(outs: list[Path], size: int, seed: int, target: Path, minimum: float = 0.0, rule: str = "") -> None:
    rows = [row for out in outs for row in _pairs(out)
            if float(row["confidence"] or 0) >= minimum and row["class"].startswith(rule)]
    picked = random.Random(seed).sample(rows, min(size, len(rows)))
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for row in picked:
            writer.writerow({**row, "judged_stance": "", "judged_topic": "", "judged_holder": "", "note": ""})
    print(f"{len(picked)} of {len(rows)} positions (seed {seed}) in {target}")


def summarize(judged: Path) -> list[str]:
    with open(judged, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    n = len(rows)
    stance = Counter(r["judged_stance"] for r in rows)
    lines = [f"{judged}: {n} positions",
             f"  stance right {stance['right']}/{n}, reversed {stance['reversed']}/{n}, wrong {stance['wrong']}/{n}"]
    for kind in ("scheme", "minted"):
        part = [r for r in rows if r["topic_kind"] == kind]
        lines.append(f"  topic sensible ({kind}) {sum(r['judged_topic'] == 'yes' for r in part)}/{len(part)}")
    lines.append(f"  topic sensible (all) {sum(r['judged_topic'] == 'yes' for r in rows)}/{n}")
    lines.append(f"  holder right {sum(r['judged_holder'] == 'yes' for r in rows)}/{n}")
    for low, high in ((0.9, 1.01), (0.7, 0.9), (0.5, 0.7), (0.0, 0.5)):
        part = [r for r in rows if low <= float(r["confidence"] or 0) < high]
        if part:
            good = sum(r["judged_stance"] == "right" and r["judged_topic"] == "yes" and r["judged_holder"] == "yes"
                       for r in part)
            lines.append(f"  confidence {low:.1f}-{min(high, 1):.1f}: {good}/{len(part)} right in all three")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outs", nargs="*", type=Path)
    ap.add_argument("--sample", type=int, default=55)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--summarize", type=Path, help="a judged sample: print its figures")
    ap.add_argument("--min-confidence", type=float, default=0.0, help="only pairs of at least this confidence")
    ap.add_argument("--rule", default="", help="only pairs whose class starts with this rule")
    args = ap.parse_args(argv)
    if args.summarize:
        print("\n".join(summarize(args.summarize)))
        return 0
    if not args.outs or not args.output:
        ap.error("give build folders and -o, or --summarize")
    sample(args.outs, args.sample, args.seed, args.output, args.min_confidence, args.rule)
    return 0


if __name__ == "__main__":
    sys.exit(main())
