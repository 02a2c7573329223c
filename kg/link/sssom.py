"""``mappings.sssom.tsv``: every actor-to-Wikidata link the linker considered.

SSSOM/TSV: a commented YAML header (curie_map, mapping_set_id, license) and one row per
candidate with its confidence and ``mapping_justification``; asserted links are the rows whose
comment starts with "asserted".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from rdflib import URIRef

from kg.link.model import Actor

COLUMNS = [
    "subject_id", "subject_label", "subject_category", "predicate_id", "object_id",
    "object_label", "mapping_justification", "confidence", "comment",
]
WIKIDATA = "http://www.wikidata.org/entity/"
MAPPING_SET = "https://w3id.org/stancegraph/mappings/actors-wikidata.sssom.tsv"


def render_sssom(actors: Iterable[tuple[URIRef, Actor]], base: str) -> str:
    header = [
        "#curie_map:",
        "#  sgid: " + base,
        "#  wikidata: " + WIKIDATA,
        "#  skos: http://www.w3.org/2004/02/skos/core#",
        "#  semapv: https://w3id.org/semapv/vocab/",
        "#  sg: https://w3id.org/stancegraph/ontology#",
        f"#mapping_set_id: {MAPPING_SET}",
        "#license: https://creativecommons.org/publicdomain/zero/1.0/",
        "#mapping_tool: stancegraph",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = []
    for iri, actor in actors:
        for candidate in actor.candidates:
            status = "asserted as owl:sameAs" if candidate.asserted else "not asserted"
            rows.append([
                "sgid:" + str(iri)[len(base):],
                actor.label,
                "sg:" + actor.type,
                "skos:exactMatch",
                "wikidata:" + candidate.qid,
                candidate.label,
                candidate.justification,
                f"{candidate.confidence:.2f}",
                f"{status}; {candidate.comment}",
            ])
    for row in sorted(set(map(tuple, rows))):
        writer.writerow(row)
    return "\n".join(header) + "\n" + buffer.getvalue()
