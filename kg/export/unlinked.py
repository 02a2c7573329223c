"""``unlinked.csv``: the build's actors that have no Wikidata link, for reconciliation.

One row per actor (``sg:Actor``) without ``owl:sameAs``, in a CSV that OpenRefine (or any
reconciliation tool) can read: UTF-8 without BOM, a header row, RFC 4180 quoting and CRLF line
ends, rows in a fixed order (type, then name, then IRI). Columns:

============  ==================================================================================
``id``        the actor's IRI (keep it: a reviewed mapping names this IRI as ``subject_id``)
``name``      its ``rdfs:label``
``type``      ``Person``, ``Organization`` or ``Country`` (empty if only ``sg:Actor``)
``country``   the ``rdfs:label`` of its ``sg:affiliation`` (several: countries first, ``; ``)
``context``   one sentence to recognise it by: the ``sg:text`` of the first statement it spoke
              (by document IRI, then offset), else the title of the first document that
              mentions it; white space collapsed, at most ``CONTEXT_LIMIT`` characters
``documents`` how many documents mention it, were published by it or hold a statement it made
============  ==================================================================================

Read from the build's store (``OUT/store``, through ``kg.query``); when there is no store,
``OUT/graph.ttl`` is loaded into a temporary in-memory store.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_write
from kg.errors import StoreError
from kg.query.run import open_store, run_query

COLUMNS = ["id", "name", "type", "country", "context", "documents"]
CONTEXT_LIMIT = 300
TYPE_ORDER = {"Person": 0, "Organization": 1, "Country": 2, "": 3}

_PREFIXES = """
PREFIX sg: <https://w3id.org/stancegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

ACTORS = _PREFIXES + """
SELECT ?actor ?name ?type WHERE {
  ?actor a sg:Actor .
  FILTER NOT EXISTS { ?actor owl:sameAs ?item }
  OPTIONAL { ?actor rdfs:label ?name }
  OPTIONAL { ?actor a ?type . FILTER(?type IN (sg:Person, sg:Organization, sg:Country)) }
}
"""

AFFILIATIONS = _PREFIXES + """
SELECT DISTINCT ?actor ?label ?isCountry WHERE {
  ?actor a sg:Actor ; sg:affiliation ?affiliation .
  FILTER NOT EXISTS { ?actor owl:sameAs ?item }
  ?affiliation rdfs:label ?label .
  BIND(EXISTS { ?affiliation a sg:Country } AS ?isCountry)
}
"""

STATEMENTS = _PREFIXES + """
SELECT ?actor ?document ?begin ?text WHERE {
  ?statement sg:speaker ?actor ; sg:text ?text ; prov:wasDerivedFrom ?document .
  ?actor a sg:Actor .
  FILTER NOT EXISTS { ?actor owl:sameAs ?item }
  OPTIONAL { ?statement nif:beginIndex ?begin }
}
"""

DOCUMENTS = _PREFIXES + """
SELECT DISTINCT ?actor ?document ?title WHERE {
  ?actor a sg:Actor .
  FILTER NOT EXISTS { ?actor owl:sameAs ?item }
  { ?actor sg:mentionedIn ?document }
  UNION { ?document dcterms:publisher ?actor }
  UNION { ?statement sg:speaker ?actor ; prov:wasDerivedFrom ?document }
  OPTIONAL { ?document dcterms:title ?title }
}
"""


def _value(term) -> str:
    return "" if term is None else term.value


def _store(out_dir: Path) -> ox.Store:
    try:
        return open_store(out_dir)
    except StoreError:
        turtle = out_dir / "graph.ttl"
        if not turtle.is_file():
            raise StoreError(f"{out_dir}: neither a store nor graph.ttl here (run 'kg build ... -o {out_dir}' first)") from None
        store = ox.Store()
        try:
            store.load(path=str(turtle), format=ox.RdfFormat.TURTLE)
        except (OSError, SyntaxError, ValueError) as err:
            raise StoreError(f"{turtle}: cannot be read: {err}") from err
        return store


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > CONTEXT_LIMIT:
        text = text[: CONTEXT_LIMIT - 1].rstrip() + "…"
    return text


def unlinked_rows(out_dir: str | Path) -> list[list[str]]:
    """The rows of ``unlinked.csv`` (without the header), in their final order."""
    store = _store(Path(out_dir))
    actors: dict[str, dict] = {}
    for actor, name, typ in run_query(store, ACTORS).rows:
        record = actors.setdefault(actor.value, {"names": set(), "type": set()})
        if name is not None:
            record["names"].add(name.value)
        if typ is not None:
            record["type"].add(typ.value.rsplit("#", 1)[-1])
    affiliations: dict[str, set[tuple[int, str]]] = {}
    for actor, label, is_country in run_query(store, AFFILIATIONS).rows:
        country_first = 0 if is_country is not None and is_country.value == "true" else 1
        affiliations.setdefault(actor.value, set()).add((country_first, label.value))
    spoken: dict[str, tuple] = {}
    for actor, document, begin, text in run_query(store, STATEMENTS).rows:
        key = (document.value, int(begin.value) if begin is not None else 0, text.value)
        if actor.value not in spoken or key < spoken[actor.value]:
            spoken[actor.value] = key
    documents: dict[str, set[str]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for actor, document, title in run_query(store, DOCUMENTS).rows:
        documents.setdefault(actor.value, set()).add(document.value)
        if title is not None:
            candidate = (document.value, title.value)
            if actor.value not in titles or candidate < titles[actor.value]:
                titles[actor.value] = candidate

    rows = []
    for iri, record in actors.items():
        name = min(record["names"]) if record["names"] else ""
        types = sorted(record["type"], key=lambda t: TYPE_ORDER.get(t, 9))
        typ = types[0] if types else ""
        country = "; ".join(label for _, label in sorted(affiliations.get(iri, ())))
        if iri in spoken:
            context = spoken[iri][2]
        elif iri in titles:
            context = titles[iri][1]
        else:
            context = ""
        rows.append([iri, name, typ, country, _one_line(context), str(len(documents.get(iri, ())))])
    rows.sort(key=lambda r: (TYPE_ORDER.get(r[2], 9), r[1].casefold(), r[1], r[0]))
    return rows


def render_unlinked_csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def write_unlinked_csv(out_dir: str | Path, path: str | Path) -> int:
    """Write the unlinked actors of the build in ``out_dir`` to ``path``; returns the row count."""
    rows = unlinked_rows(out_dir)
    atomic_write(Path(path), render_unlinked_csv(rows).encode("utf-8"))
    return len(rows)


__all__ = ["COLUMNS", "render_unlinked_csv", "unlinked_rows", "write_unlinked_csv"]
