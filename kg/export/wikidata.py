"""``kg export OUT --format wikidata|quickstatements``: what the graph says about Wikidata
entities, shaped for Wikidata, with references to the source documents.

The facts are the events that linked actors took part in: one new item per event that has a
participant with an ``owl:sameAs`` Wikidata link (and only such participants: no QID is ever
guessed), with "participant" statements and, when the text gives the year, its "point in
time". Every statement carries one reference per source document: its URL ("reference URL")
and the retrieval date, and "stated in" its publisher when the publisher is linked. An event
none of whose documents has a URL or a linked publisher is left out: Wikidata wants
referenced statements. No "instance of" is written: the event types have no verified
Wikidata class.

The property ids come from ``data/lexicon/wikidata-properties.tsv``, each with its evidence.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import ConfigError
from kg.resources import resource_path

WD = "http://www.wikidata.org/entity/"
FORMATS = ("wikidata", "quickstatements")
PRECISION = {"date": 11, "gYearMonth": 10, "gYear": 9}  # day, month, year; no year: no time value
XSD = "http://www.w3.org/2001/XMLSchema#"

EVENTS = """
PREFIX sg: <https://w3id.org/stancegraph/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?event ?typeLabel ?date ?qid ?name WHERE {
  ?event a sg:Event ; sg:eventType ?type ; sg:participant ?actor .
  ?type skos:prefLabel ?typeLabel .
  ?actor owl:sameAs ?qid ; rdfs:label ?name .
  FILTER(STRSTARTS(STR(?qid), "http://www.wikidata.org/entity/Q"))
  OPTIONAL { ?event sg:date ?date }
}
"""
NAMES = """
PREFIX sg: <https://w3id.org/stancegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?event ?name WHERE { ?event a sg:Event ; sg:participant/rdfs:label ?name }
"""
SOURCES = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?event ?doc ?url ?publisher WHERE {
  ?event a <https://w3id.org/stancegraph/ontology#Event> ; prov:wasDerivedFrom ?doc .
  OPTIONAL { ?doc dcterms:source ?url }
  OPTIONAL { ?doc dcterms:publisher ?p . ?p owl:sameAs ?publisher
             FILTER(STRSTARTS(STR(?publisher), "http://www.wikidata.org/entity/Q")) }
}
"""


@dataclass(frozen=True)
class Reference:
    url: str | None
    stated_in: str | None  # QID of the linked publisher


@dataclass(frozen=True)
class EventFacts:
    iri: str
    label: str
    participants: tuple[tuple[str, str], ...]  # (QID, name), sorted
    date: tuple[str, str] | None  # (lexical form, xsd local name)
    references: tuple[Reference, ...]


def wikidata_ids() -> dict[str, str]:
    """role -> Wikidata id, from data/lexicon/wikidata-properties.tsv."""
    path = resource_path("data", "lexicon", "wikidata-properties.tsv")
    ids = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "role\t")) or not line.strip():
            continue
        role, ident, *_ = line.split("\t")
        ids[role] = ident
    needed = {"participant", "point_in_time", "reference_url", "retrieved", "stated_in", "gregorian"}
    if not needed <= ids.keys():
        raise ConfigError(f"{path}: missing roles {sorted(needed - ids.keys())}")
    return ids


def event_facts(store: ox.Store) -> list[EventFacts]:
    """The events with at least one linked participant and at least one usable reference."""
    found: dict[str, dict] = {}
    for row in store.query(EVENTS, use_default_graph_as_union=True):
        event = found.setdefault(row["event"].value, {"type": row["typeLabel"].value, "date": None, "who": set()})
        event["who"].add((row["qid"].value[len(WD):], row["name"].value))
        if row["date"] is not None:
            event["date"] = (row["date"].value, row["date"].datatype.value[len(XSD):])
    names: dict[str, set[str]] = {}
    for row in store.query(NAMES, use_default_graph_as_union=True):
        names.setdefault(row["event"].value, set()).add(row["name"].value)
    references: dict[str, set[Reference]] = {}
    for row in store.query(SOURCES, use_default_graph_as_union=True):
        url = row["url"].value if row["url"] is not None else None
        publisher = row["publisher"].value[len(WD):] if row["publisher"] is not None else None
        if url or publisher:
            references.setdefault(row["event"].value, set()).add(Reference(url, publisher))
    out = []
    for iri, event in sorted(found.items()):
        refs = references.get(iri)
        if not refs:
            continue
        who = tuple(sorted(event["who"]))
        everyone = sorted(names.get(iri, set()))  # the label names every participant, linked or not
        names_text = ", ".join(everyone[:-1]) + " and " + everyone[-1] if len(everyone) > 1 else "".join(everyone)
        when = f", {event['date'][0]}" if event["date"] else ""
        out.append(EventFacts(iri, f"{event['type']}: {names_text}{when}", who, event["date"],
                              tuple(sorted(refs, key=lambda r: (r.url or "", r.stated_in or "")))))
    return out


def _time(lexical: str, kind: str) -> tuple[str, int] | None:
    precision = PRECISION.get(kind)
    if precision is None:
        return None  # "--02-26": no year, so nothing Wikidata can hold
    year, month, day = (lexical.split("-") + ["00", "00"])[:3]
    return f"+{year}-{month}-{day}T00:00:00Z", precision


def _time_value(time: str, precision: int, ids: dict[str, str]) -> dict:
    return {"value": {"time": time, "timezone": 0, "before": 0, "after": 0, "precision": precision,
                      "calendarmodel": WD + ids["gregorian"]}, "type": "time"}


def _snak(prop: str, datavalue: dict, datatype: str) -> dict:
    return {"snaktype": "value", "property": prop, "datavalue": datavalue, "datatype": datatype}


def _item(qid: str) -> dict:
    return {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}, "type": "wikibase-entityid"}


def _references(facts: EventFacts, retrieved: dt.date, ids: dict[str, str]) -> list[dict]:
    out = []
    for ref in facts.references:
        snaks: dict[str, list] = {}
        if ref.url:
            snaks[ids["reference_url"]] = [_snak(ids["reference_url"], {"value": ref.url, "type": "string"}, "url")]
        if ref.stated_in:
            snaks[ids["stated_in"]] = [_snak(ids["stated_in"], _item(ref.stated_in), "wikibase-item")]
        snaks[ids["retrieved"]] = [_snak(ids["retrieved"], _time_value(f"+{retrieved.isoformat()}T00:00:00Z", 11, ids), "time")]
        out.append({"snaks": snaks, "snaks-order": list(snaks)})
    return out


def to_wikidata_json(facts: list[EventFacts], retrieved: dt.date) -> str:
    """One new Wikidata item per line (the JSON of wbeditentity's ``data``), in IRI order."""
    ids = wikidata_ids()
    lines = []
    for event in facts:
        refs = _references(event, retrieved, ids)
        claims: dict[str, list] = {ids["participant"]: [
            {"mainsnak": _snak(ids["participant"], _item(qid), "wikibase-item"), "type": "statement",
             "rank": "normal", "references": refs}
            for qid, _ in event.participants
        ]}
        time = _time(*event.date) if event.date else None
        if time is not None:
            claims[ids["point_in_time"]] = [
                {"mainsnak": _snak(ids["point_in_time"], _time_value(*time, ids), "time"), "type": "statement",
                 "rank": "normal", "references": refs}]
        entity = {"type": "item", "labels": {"en": {"language": "en", "value": event.label}},
                  "descriptions": {"en": {"language": "en", "value": f"event described at {event.iri}"}},
                  "claims": claims}
        lines.append(json.dumps(entity, ensure_ascii=False, sort_keys=True))
    return "".join(line + "\n" for line in lines)


def _qs_string(value: str) -> str:
    return '"' + value.replace('"', "'") + '"'


def to_quickstatements(facts: list[EventFacts], retrieved: dt.date) -> str:
    """QuickStatements V1: CREATE, then the new item's label and statements, each with its
    references (S854 URL, S813 retrieved, S248 stated in)."""
    ids = wikidata_ids()
    lines = []
    for event in facts:
        sources = []
        for ref in event.references:
            parts = []
            if ref.url:
                parts += ["S" + ids["reference_url"][1:], _qs_string(ref.url)]
            if ref.stated_in:
                parts += ["S" + ids["stated_in"][1:], ref.stated_in]
            parts += ["S" + ids["retrieved"][1:], f"+{retrieved.isoformat()}T00:00:00Z/11"]
            sources.append(parts)
        lines.append("CREATE")
        lines.append("\t".join(["LAST", "Len", _qs_string(event.label)]))
        statements = [[ids["participant"], qid] for qid, _ in event.participants]
        time = _time(*event.date) if event.date else None
        if time is not None:
            statements.append([ids["point_in_time"], f"{time[0]}/{time[1]}"])
        for statement in statements:
            for parts in sources:  # one line per reference: QuickStatements groups them
                lines.append("\t".join(["LAST", *statement, *parts]))
    return "".join(line + "\n" for line in lines)


def export(out_dir: str | Path, fmt: str, retrieved: dt.date) -> str:
    from kg.query import open_store

    facts = event_facts(open_store(out_dir))
    return to_wikidata_json(facts, retrieved) if fmt == "wikidata" else to_quickstatements(facts, retrieved)
