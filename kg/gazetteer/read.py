"""Which reader a file needs: a Wikidata JSON dump extract or a SPARQL result.

No machine running stancegraph is assumed to reach Wikidata: the user downloads the data and
gives stancegraph the file. Two kinds of file are read, always streamed (one entity, line or
SPARQL binding at a time; never the whole file in memory):

**A Wikidata JSON dump extract** (``.json``, ``.jsonl``, ``.ndjson``, optionally ``.bz2`` or
``.gz``): one entity per line, exactly as in ``latest-all.json.bz2`` (``kg.gazetteer.dump``).
A time of day, month or year precision becomes a ``datetime.date``: a start is the first day of
its month or year, an end the last day (so an imprecise term is widened, never narrowed);
coarser precisions and years before 1 give ``None``.

**A Wikidata SPARQL result**: SPARQL 1.1 CSV (``.csv``), TSV (``.tsv``) or JSON (``.srj``, or
``.json`` holding ``"head"``/``"results"``); the variables are listed in
``kg.gazetteer.sparql``. Several rows may describe one item (one per office, alias or class):
consecutive rows with the same ``item`` are one entity, so sort the result by ``?item``. An
item that comes back later is yielded again; ``merge_into_gazetteer`` unions the two. An
example query (replace ``wd:Q…`` by the offices you want; no QID is given here because this
project writes none from memory)::

    SELECT ?item ?itemLabel ?type
           (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?altLabels)
           ?office ?officeLabel ?start ?end
    WHERE {
      VALUES ?office { wd:Q… }
      ?item p:P39 ?held .
      ?held ps:P39 ?office ; wikibase:rank ?rank .
      FILTER(?rank != wikibase:DeprecatedRank)
      OPTIONAL { ?held pq:P580 ?start }
      OPTIONAL { ?held pq:P582 ?end }
      ?item rdfs:label ?itemLabel . FILTER(LANG(?itemLabel) = "en")
      OPTIONAL { ?office rdfs:label ?officeLabel . FILTER(LANG(?officeLabel) = "en") }
      OPTIONAL { ?item skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }
      BIND("Person" AS ?type)
    }
    GROUP BY ?item ?itemLabel ?type ?office ?officeLabel ?start ?end
    ORDER BY ?item ?office ?start

Download it from https://query.wikidata.org as CSV, TSV or JSON. Types: see
``kg.gazetteer.classes``.

**Errors.** A file that cannot be opened or whose format is unknown raises ``InputError``; a
bad line, row or binding is *yielded* as an ``InputError`` naming the file and line (or the
binding's position), and reading goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.gazetteer.dump import iter_dump
from kg.gazetteer.entity import ImportedEntity
from kg.gazetteer.files import base_suffix, open_text, read_guarded
from kg.gazetteer.sparql_json import iter_sparql_json
from kg.gazetteer.sparql_table import iter_sparql_table

_SPARQL_JSON_START = re.compile(r'^\s*\{\s*"(?:head|results|boolean)"\s*:')
_UNKNOWN_FORMAT = "unknown format: expected .json, .jsonl, .ndjson (optionally .bz2 or .gz), .csv, .tsv or .srj"


def iter_wikidata_entities(path: str | Path) -> Iterator[ImportedEntity | InputError]:
    """Entities of a Wikidata dump extract or SPARQL result (see the module docstring)."""
    path = Path(path)
    suffix = base_suffix(path)
    if suffix in (".csv", ".tsv"):
        yield from iter_sparql_table(path, "\t" if suffix == ".tsv" else ",")
        return
    if suffix == ".srj":
        yield from iter_sparql_json(path)
        return
    if suffix not in (".json", ".jsonl", ".ndjson"):
        raise InputError(str(path), _UNKNOWN_FORMAT)
    with open_text(path) as handle:
        start = read_guarded(handle, 4096, path)
    if _SPARQL_JSON_START.match(start):
        yield from iter_sparql_json(path)
    else:
        yield from iter_dump(path)
