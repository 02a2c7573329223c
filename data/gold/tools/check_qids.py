"""Check every non-null QID of the gold against its evidence file.

``qids.tsv``: the QID must be on a row with strength ``strong``.
``elevant-labels.tsv``: the QID must carry a label that no other QID carries.
``state-qids.tsv``: the QID must be the item ``data/lexicon/state-qids.tsv`` gives the state
whose names in ``data/lexicon/countries.tsv`` include the actor's name.
(Whether that label is the entity the text means is the annotator's judgement.)

Usage: python data/gold/tools/check_qids.py [WIKIDATA_DIR]   (default ../shared/wikidata)
Exit code 0 when every QID is backed, 1 otherwise.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent
ROOT = GOLD.parent.parent


def _table(name: str) -> list[list[str]]:
    with open(ROOT / "data" / "lexicon" / name, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]


def _state_items() -> dict[str, str]:
    """Every name of a state (lower case) -> the item state-qids.tsv gives it."""
    items = {row[0]: row[1] for row in _table("state-qids.tsv")}
    return {
        name.casefold(): items[row[0]]
        for row in _table("countries.tsv") if row[0] in items
        for name in row[1].split("|")
    }


def main(argv: list[str]) -> int:
    wd = Path(argv[0]) if argv else ROOT.parent / "shared" / "wikidata"
    with open(wd / "qids.tsv", encoding="utf-8") as f:
        strong = {
            r["qid"]: r["label"]
            for r in csv.DictReader(f, delimiter="\t")
            if r["strength"] == "strong"
        }
    by_label: dict[str, set[str]] = defaultdict(set)
    labels_of: dict[str, set[str]] = defaultdict(set)
    with open(wd / "elevant-labels.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            by_label[r["label"]].add(r["qid"])
            labels_of[r["qid"]].add(r["label"])
    states = _state_items()
    bad = 0
    for path in sorted((GOLD / "annotations").glob("*.json")):
        for actor in json.loads(path.read_text(encoding="utf-8"))["actors"]:
            qid, evidence = actor.get("qid"), actor.get("qid_evidence")
            if qid is None:
                continue
            if evidence == "qids.tsv":
                ok, why = qid in strong, f"strong row {strong.get(qid)!r}"
            elif evidence == "elevant-labels.tsv":
                unique = sorted(lab for lab in labels_of.get(qid, ()) if by_label[lab] == {qid})
                ok, why = bool(unique), f"unique label(s) {unique}"
            elif evidence == "state-qids.tsv":
                ok, why = states.get(actor["name"].casefold()) == qid, f"state-qids.tsv row {states.get(actor['name'].casefold())}"
            else:
                ok, why = False, f"unknown evidence {evidence!r}"
            if not ok:
                bad += 1
                print(f"{path.name}: {actor['name']} {qid}: NOT backed ({why})")
    print("all QIDs backed by their evidence" if not bad else f"{bad} QID(s) not backed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
