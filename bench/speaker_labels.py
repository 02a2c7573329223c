"""Check every speaker of a build: no title or header debris in a label, the most frequent
speakers, on-behalf-of coverage, and a seeded sample of statements to judge by reading.

    python bench/speaker_labels.py OUT [--top 25] [--sample 60 --seed 20261206 --sample-out FILE]

OUT is the output folder of a ``kg build`` (its ``graph.ttl`` is read). A label is debris when:

- it starts with a title or role word of the lexicon ("Principal Karine Jean-Pierre", "Ms Psaki");
- it holds a word of a document title ("Remarks", "Address", "Statement", "Briefing", "Prepared",
  "Delivery", "Bilateral", "Meeting", "Before") or a dash;
- it is a header label of the lexicon ("Subject") or ends with a possessive.

Only persons' and groups' labels are checked (a body keeps its name: "National Urban League").
Persons known by one word ("Psaki") are counted apart: no debris, but no full name either.

Exit 0 when no label is debris, 1 otherwise (the debris is listed either way).
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from pathlib import Path

import rdflib
from rdflib.namespace import PROV, RDF, RDFS

from kg.lexicon import load_lexicon
from kg.namespaces import NIF, SG

TITLE_WORDS = frozenset(
    "remarks address statement briefing prepared delivery bilateral meeting before after press "
    "conference readout gaggle announcing celebrating providing during".split()
)
DASHES = ("–", "—", " - ")


def debris(label: str, person: bool, lexicon) -> str | None:
    """Why a person's (or group's) speaker label is debris, or None. Bodies and states keep
    their names ("National Urban League", "European Union")."""
    words = label.split()
    low = [w.lower().strip(".,:") for w in words]
    if not words:
        return "empty"
    if not person:
        return None
    if low[0] in lexicon.titles or low[0] in lexicon.role_nouns:
        return f"starts with the title word {words[0]!r}"
    hit = next((w for w in low if w in TITLE_WORDS), None)
    if hit:
        return f"holds the document-title word {hit!r}"
    if any(d in label for d in DASHES):
        return "holds a dash"
    if label.lower() in lexicon.words.header_labels:
        return "is a header label"
    if re.search(r"['’]s?$", label):
        return "ends with a possessive"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--sample-out", type=Path, help="write the sample (TSV) here")
    args = ap.parse_args(argv)
    lexicon = load_lexicon()
    graph = rdflib.Graph().parse(args.out / "graph.ttl", format="turtle")
    statements = sorted(set(graph.subjects(RDF.type, SG.Statement)), key=str)
    speakers = Counter(graph.value(s, SG.speaker) for s in statements)
    persons = {a for a in speakers if (a, RDF.type, SG.Person) in graph or (a, RDF.type, SG.Group) in graph}

    def label(node) -> str:
        return str(graph.value(node, RDFS.label) or node)

    bad = []
    for node, count in speakers.most_common():
        why = debris(label(node), node in persons, lexicon)
        if why:
            bad.append((count, label(node), why))
    print(f"{len(statements)} statements, {len(speakers)} speakers")
    print(f"speaker labels with debris: {len(bad)} ({sum(c for c, _, _ in bad)} statements)")
    for count, name, why in bad:
        print(f"  {count:6}  {name!r}: {why}")
    one_word = [(c, label(n)) for n, c in speakers.most_common() if n in persons and len(label(n).split()) == 1]
    print(f"persons known by one word (a surname or first name the text and the gazetteer leave alone): "
          f"{len(one_word)} ({sum(c for c, _ in one_word)} statements); the most frequent: "
          + ", ".join(f"{name} ({c})" for c, name in one_word[:10]))
    print(f"the {args.top} most frequent speakers:")
    for node, count in speakers.most_common(args.top):
        kind = "Person" if node in persons else "Group" if (node, RDF.type, SG.Group) in graph else "other"
        print(f"  {count:6}  {label(node)}  ({kind})")
    official = [s for s in statements if graph.value(s, SG.speaker) in persons]
    behalf = sum(1 for s in official if graph.value(s, SG.onBehalfOf) is not None)
    share = behalf / len(official) if official else 0.0
    print(f"on-behalf-of on persons' statements: {behalf} of {len(official)} ({share:.1%})")
    if args.sample_out:
        picked = random.Random(args.seed).sample(statements, min(args.sample, len(statements)))
        with open(args.sample_out, "w", encoding="utf-8", newline="") as handle:
            out = csv.writer(handle, delimiter="\t")
            out.writerow(["n", "document", "begin", "end", "speaker", "on_behalf_of", "text"])
            for n, s in enumerate(picked, 1):
                behalf_node = graph.value(s, SG.onBehalfOf)
                doc = graph.value(s, PROV.wasDerivedFrom)
                out.writerow([n, str(graph.value(doc, rdflib.URIRef("http://purl.org/dc/terms/identifier"))),
                              int(graph.value(s, NIF.beginIndex)), int(graph.value(s, NIF.endIndex)),
                              label(graph.value(s, SG.speaker)),
                              label(behalf_node) if behalf_node is not None else "",
                              " ".join(str(graph.value(s, SG.text)).split())])
        print(f"sample of {min(args.sample, len(statements))} statements (seed {args.seed}) in {args.sample_out}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
