"""How far a second reader agrees with the gold on events, scored as `kg evaluate` scores a build.

    python bench/event_agreement.py data/gold/kinds/events-dev data/gold/kinds/agreement/events/events-dev

The second reader wrote one spec per document (``<doc id>.json``: ``kind``, ``actors`` with
names, types and aliases, ``events`` with type, participants, date, place, trigger) from the
text alone, with the gold's event rules, never the gold's answers. Its events are put into a
graph shaped as a build's (an ``sg:Event`` derived from the document, its ``sg:eventType``,
``sg:participant`` actors with their labels and type, ``sg:date``) and scored by
``kg.evaluate.events`` itself, with the second reader in the place of the build: events
precision (its events the gold has), recall (the gold's events it has), dates, per kind. This
is the agreement that bounds what any extractor can score against this gold.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.evaluate.events import (
    GOLD_TYPES,
    evaluate_events_against,
    evaluate_events_by_kind,
    format_events_by_kind,
)
from kg.evaluate.gold import load_gold
from kg.evaluate.score import format_score
from kg.namespaces import SG

BASE = "urn:stancegraph:agreement:"
ACTOR_CLASSES = {"Person": SG.Person, "Organization": SG.Organization, "Country": SG.Country}
EVENT_TYPES = frozenset({"PhoneCall", "Meeting", "Talks", "Summit", "Visit", "PressConference", "Interview", "Speech"})


class SpecError(ValueError):
    """A second reader's spec that cannot be scored (the file and the problem)."""


def _date(value: str) -> rdflib.Literal:
    if value.startswith("--"):
        return rdflib.Literal(value, datatype=XSD.gMonthDay)
    return rdflib.Literal(value, datatype={4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date))


def second_reader_graph(folder: Path) -> rdflib.Graph:
    """The second reader's specs of ``folder`` as a graph a build would give for their events."""
    graph = rdflib.Graph()
    for path in sorted(folder.glob("*.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        doc_id = spec.get("id")
        if doc_id != path.stem:
            raise SpecError(f"{path}: id {doc_id!r} is not the file's name")
        doc = rdflib.URIRef(f"{BASE}doc/{doc_id}")
        graph.add((doc, RDF.type, SG.Document))
        graph.add((doc, DCTERMS.identifier, rdflib.Literal(doc_id)))
        actors = {}
        for k, actor in enumerate(spec.get("actors") or ()):
            if actor.get("type") not in ACTOR_CLASSES:
                raise SpecError(f"{path}: actor {actor.get('name')!r} has type {actor.get('type')!r}")
            node = rdflib.URIRef(f"{BASE}actor/{doc_id}/{k}")
            actors[actor["name"]] = node
            graph.add((node, RDF.type, ACTOR_CLASSES[actor["type"]]))
            graph.add((node, RDFS.label, rdflib.Literal(actor["name"])))
            for alias in actor.get("aliases") or ():
                graph.add((node, SKOS.altLabel, rdflib.Literal(alias)))
            graph.add((node, SG.mentionedIn, doc))
        for k, event in enumerate(spec.get("events") or ()):
            if event.get("type") not in EVENT_TYPES:
                raise SpecError(f"{path}: event {k} has type {event.get('type')!r}")
            node = rdflib.URIRef(f"{BASE}event/{doc_id}/{k}")
            graph.add((node, RDF.type, SG.Event))
            graph.add((node, PROV.wasDerivedFrom, doc))
            graph.add((node, SG.eventType, SG[GOLD_TYPES.get(event["type"], event["type"])]))
            for name in event.get("participants") or ():
                if name not in actors:
                    raise SpecError(f"{path}: event {k}'s participant {name!r} is no actor name")
                graph.add((node, SG.participant, actors[name]))
            if event.get("date"):
                graph.add((node, SG.date, _date(event["date"])))
    return graph


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path, help="a per-kind gold part (its annotations/ are read)")
    ap.add_argument("second", type=Path, help="the folder of the second reader's specs for that part")
    ap.add_argument("--errors", action="store_true", help="list the disagreements (dev parts only)")
    args = ap.parse_args(argv)
    try:
        graph = second_reader_graph(args.second)
    except (SpecError, json.JSONDecodeError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    annotated = {str(i) for i in graph.objects(None, DCTERMS.identifier)}
    gold = {k: d for k, d in load_gold(args.gold).items() if k in annotated}
    if not gold:
        print(f"error: no document of {args.second} is in the gold {args.gold}", file=sys.stderr)
        return 2
    total = evaluate_events_against(gold, graph)
    print(format_score("events", total.events))
    print(f"dates   {total.date.hits} of {total.date.total} matched gold-dated events alike; "
          f"{total.no_date.hits} of {total.no_date.total} undated left undated; over {total.documents} documents")
    for line in format_events_by_kind(evaluate_events_by_kind(gold, graph), total):
        print(line)
    if args.errors:
        for line in total.errors:
            print(" ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
