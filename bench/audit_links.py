"""Audit every Wikidata link of a build: each ``owl:sameAs`` with its label, type, names, the
evidence that justified it, and flags for what a reader must check.

    python bench/audit_links.py OUT [--out FILE] [--all]

OUT is the output folder of a ``kg build`` (its ``graph.ttl`` and ``mappings.sssom.tsv`` are
read). One TSV row per linked actor (``--out``, else standard output): QID, label, type, other
names, affiliations, documents, evidence (the SSSOM comment of the asserted mapping), flags.
With ``--all`` every row is written, else only the flagged ones; the summary goes to standard
error. Flags:

- ``type``: the actor's type disagrees with what the evidence says of the item: a Person or an
  Organization linked to a state's item (``state-qids.tsv``) or to a gazetteer entry of another
  type; a Country linked to an item that is no state; a Person whose name ends in a word of an
  organisation ("College") or is a state's name;
- ``label``: a name of the actor that none of the item's known names is (the gazetteer's names
  of the item, the state's names, the ELEVANT labels of the item) nor a word of one (a surname):
  the node may hold two entities;
- ``evidence``: the asserted mapping is none of the linker's (no gazetteer row, no state row);
- ``affiliations``: a person affiliated with more than one state or body;
- ``unlinked-state``: (listed after the links) a Country node without a link whose name is a
  state of ``countries.tsv``, or two Country nodes of one state. A name of
  ``shared-state-names.tsv`` left unlinked ("Georgia" where the text does not tell the state
  from the US state) is listed as ``held back``, not flagged.

Exit 0 when nothing is flagged, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.lexicon import load_lexicon
from kg.namespaces import SG

ACTOR_TYPES = {SG.Person: "Person", SG.Country: "Country", SG.Organization: "Organization"}
WIKIDATA = "http://www.wikidata.org/entity/"
COLUMNS = ("qid", "label", "type", "names", "affiliations", "documents", "evidence", "flags")


def _evidence(out: Path) -> dict[str, str]:
    """Actor IRI -> the comment of its asserted mapping in mappings.sssom.tsv."""
    found: dict[str, str] = {}
    with (out / "mappings.sssom.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            comment = row.get("comment") or ""
            if comment.startswith("asserted"):
                found[row["subject_id"].replace("sgid:", "https://w3id.org/stancegraph/id/")] = comment
    return found


def _item_names(lexicon) -> dict[str, set[str]]:
    """QID -> every name the evidence files give the item (lower case)."""
    names: dict[str, set[str]] = defaultdict(set)
    for entry in lexicon.gazetteer:
        if entry.qid:
            names[entry.qid].update(n.casefold() for n in entry.names)
    for name, item in lexicon.state_items.items():
        names[item.qid].add(name)
    for labels in lexicon.elevant.values():
        for label in labels:
            names[label.qid].add(label.label.casefold())
    return names


def audit(out: Path) -> tuple[list[dict[str, str]], list[str]]:
    lexicon = load_lexicon()
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl", format="turtle")
    evidence = _evidence(out)
    item_names = _item_names(lexicon)
    state_qids = {item.qid for item in lexicon.state_items.values()}
    gazetteer_type = {entry.qid: entry.type for entry in lexicon.gazetteer if entry.qid}
    heads = lexicon.words.organisation_heads
    rows: list[dict[str, str]] = []
    country_nodes: dict[str, list[str]] = defaultdict(list)  # a state's QID -> its Country nodes
    states: list[str] = []
    held: list[str] = []  # shared-state-names.tsv names left unlinked: reported, not flagged
    for actor in sorted(set(graph.subjects(RDF.type, SG.Actor))):
        types = [ACTOR_TYPES[t] for t in graph.objects(actor, RDF.type) if t in ACTOR_TYPES]
        kind = types[0] if types else "Actor"
        label = str(graph.value(actor, RDFS.label) or "")
        same = [str(o) for o in graph.objects(actor, OWL.sameAs) if str(o).startswith(WIKIDATA)]
        state = lexicon.state_item(label) if kind == "Country" else None
        if state is not None and not same and label.casefold() in lexicon.shared_state_names:
            held.append(f"held back: {label!r} ({actor}), a name that also names something else, "
                        "in documents that do not tell the state")
        elif state is not None:
            country_nodes[state.qid].append(str(actor))
            if not same:
                states.append(f"unlinked-state: {label!r} ({actor}) has no link")
        if not same:
            continue
        qid = same[0].removeprefix(WIKIDATA)
        names = sorted({str(n) for n in graph.objects(actor, SKOS.altLabel)} - {label})
        affiliations = sorted(str(graph.value(a, RDFS.label) or a) for a in graph.objects(actor, SG.affiliation))
        documents = len(set(graph.objects(actor, SG.mentionedIn)))
        flags = []
        item_type = "Country" if qid in state_qids else gazetteer_type.get(qid)
        words = label.casefold().split()
        if item_type is not None and item_type != kind:
            flags.append(f"type: a {kind} linked to a {item_type} item")
        elif kind == "Country" and item_type is None:
            flags.append("type: a Country linked to an item that is no state")
        if kind == "Person" and (words and words[-1] in heads or label.casefold() in lexicon.country_names):
            flags.append("type: a Person with an organisation's or a state's name")
        known = item_names.get(qid, set())
        known_words = {w for n in known for w in n.split()}
        strays = [n for n in [label, *names] if n.casefold() not in known and n.casefold() not in known_words]
        if strays:
            flags.append("label: " + "; ".join(repr(n) for n in strays) + " is no name of the item")
        comment = evidence.get(str(actor), "")
        if "gazetteer" not in comment and "state-qids.tsv" not in comment and "reviewed" not in comment:
            flags.append("evidence: no gazetteer row, state row or reviewed mapping")
        if kind == "Person" and len(affiliations) > 1:
            flags.append(f"affiliations: {len(affiliations)}")
        rows.append({
            "qid": qid, "label": label, "type": kind, "names": "|".join(names),
            "affiliations": "|".join(affiliations), "documents": str(documents),
            "evidence": comment.removeprefix("asserted as owl:sameAs; "), "flags": " / ".join(flags),
        })
    for qid, nodes in sorted(country_nodes.items()):
        if len(nodes) > 1:
            states.append(f"unlinked-state: {qid} has {len(nodes)} nodes: {', '.join(nodes)}")
    return rows, states, held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a kg build's output folder")
    parser.add_argument("--out", dest="report", type=Path, help="write the TSV here (default: standard output)")
    parser.add_argument("--all", action="store_true", help="write every link, not only the flagged ones")
    args = parser.parse_args(argv)
    rows, states, held = audit(args.out)
    flagged = [row for row in rows if row["flags"]]
    handle = args.report.open("w", encoding="utf-8", newline="") if args.report else sys.stdout
    try:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows if args.all else flagged)
    finally:
        if args.report:
            handle.close()
    by_type: dict[str, int] = defaultdict(int)
    for row in rows:
        by_type[row["type"]] += 1
    kinds = defaultdict(int)
    for row in flagged:
        for flag in row["flags"].split(" / "):
            kinds[flag.split(":")[0]] += 1
    print(f"links {len(rows)} ({', '.join(f'{k} {v}' for k, v in sorted(by_type.items()))}); "
          f"flagged {len(flagged)} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or 'none'}); "
          f"state nodes unlinked or split: {len(states)}", file=sys.stderr)
    for line in states + held:
        print(line, file=sys.stderr)
    return 1 if flagged or states else 0


if __name__ == "__main__":
    sys.exit(main())
