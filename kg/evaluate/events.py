"""Events of a build against the gold ``events`` of ``data/gold``.

Only documents whose gold has an ``events`` key are scored.

- **Events**: a predicted event (an ``sg:Event`` derived from the document) and a gold event
  match when they have the same type (the gold's "Talks" are sg:Meeting) and share participants: every gold participant when the
  gold event has one or two, else at least half of them (participants are compared with the
  evidence of the actor evaluation: QID, name, alias or mention text; same type). One to
  one, most shared participants first. Precision, recall and F1 over all documents.
- **Date accuracy**: over matched events whose gold event has a date (in any document that
  reports it: a merged event rightly carries the date another report gives), the share whose
  predicted ``sg:date`` has exactly that lexical form (``2022-02-25``, ``--02-26``,
  ``2022-03``); a missing or extra date is wrong. Matched events whose gold date is null
  count as right when the prediction has no date either (**no-date accuracy**, reported apart:
  a date that nothing supports must not be invented).
- **Merging**: for each gold event id reported in several documents, whether the events
  matched to it in those documents are one resource.
- **Statements in events**: over the gold statements that matched gold events list (said at
  that event) and that have a predicted statement (same speaker, largest overlap), the share
  whose ``sg:inEvent`` is a predicted event matched to one of those gold events (one is
  enough: ``sg:inEvent`` is functional, and the gold may list one statement at three calls).
  And the other way (**right**): over predicted statements with an ``sg:inEvent`` that match
  a gold statement, the share whose event is one the gold gives that statement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import PROV

from kg.evaluate.actors import (
    PredictedActor,
    _evidence,
    _gold_keys,
    document_nodes,
    name_key,
    predicted_actor,
    predicted_actors,
)
from kg.evaluate.gold import GoldActor, GoldDocument, by_kind, load_gold
from kg.evaluate.score import Score, format_kind_table, format_score
from kg.evaluate.statements import Ratio, predicted_statements, statement_overlap
from kg.namespaces import SG

# the per-kind gold's event types that the scheme names otherwise: its "Talks" are what sg:Meeting
# defines ("a meeting or talks in person")
GOLD_TYPES = {"Talks": "Meeting"}

__all__ = ["EventEvaluation", "evaluate_events", "evaluate_events_against", "evaluate_events_by_kind",
           "format_event_evaluation", "format_events_by_kind"]


@dataclass(frozen=True)
class EventEvaluation:
    events: Score
    date: Ratio
    no_date: Ratio
    merged: Ratio
    documents: int
    errors: tuple[str, ...]
    in_event: Ratio = field(default_factory=Ratio)
    linked_right: Ratio = field(default_factory=Ratio)
    # why events were missed or extra, counted (``MISS_CAUSES``, ``EXTRA_CAUSES``): what a
    # test part's aggregate figures may say without its errors being read one by one
    causes: tuple[tuple[str, int], ...] = ()
    # the gold participants missing from the nearest event of the type of a gold event missed
    # for too few participants, by actor type and whether the build has them in the document
    # at all: where participants are lost (recognised, or attached)
    absent: tuple[tuple[str, int], ...] = ()


# a gold event missed: a predicted event shares enough participants but has another type; one
# of its type shares too few; none of its type in the document
MISS_CAUSES = ("missed: another type", "missed: too few participants", "missed: none of its type")
# a predicted event unmatched: the gold has an event of its type there (too few shared, or
# matched by another report); the gold has none of its type there
EXTRA_CAUSES = ("extra: participants or a second report", "extra: no gold event of its type")


@dataclass(frozen=True)
class _Predicted:
    node: rdflib.term.Node
    type: str
    participants: tuple[PredictedActor, ...]
    dates: tuple[str, ...]


def _predicted(graph: rdflib.Graph, doc_node: rdflib.term.Node) -> list[_Predicted]:
    out = []
    for node in sorted(set(graph.subjects(PROV.wasDerivedFrom, doc_node)), key=str):
        if (node, rdflib.RDF.type, SG.Event) not in graph:
            continue
        kind = graph.value(node, SG.eventType)
        participants = tuple(predicted_actor(graph, p) for p in sorted(graph.objects(node, SG.participant), key=str))
        dates = tuple(sorted(str(d) for d in graph.objects(node, SG.date)))
        out.append(_Predicted(node, str(kind).rsplit("#", 1)[-1] if kind else "", participants, dates))
    return out


def _actor(gold_doc: GoldDocument, name: str) -> GoldActor | None:
    return next((a for a in (*gold_doc.actors, *gold_doc.title_actors) if a.name == name), None)


def _shared(pred: _Predicted, gold_doc: GoldDocument, names: list[str]) -> int:
    shared = 0
    for name in names:
        actor = _actor(gold_doc, name)
        if actor is None:
            continue
        gkeys = _gold_keys(actor)
        if any(_evidence(p, frozenset(k for k in map(name_key, p.labels) if k), actor, *gkeys) for p in pred.participants):
            shared += 1
    return shared


def _enough(shared: int, total: int) -> bool:
    return shared == total if total <= 2 else 2 * shared >= total


def evaluate_events_against(gold: Mapping[str, GoldDocument], graph: rdflib.Graph) -> EventEvaluation:
    nodes = document_nodes(graph)
    tp = fp = fn = 0
    date = no_date = in_event = linked_right = Ratio()
    documents = 0
    errors: list[str] = []
    matched_by_id: dict[str, list[tuple[str, rdflib.term.Node]]] = {}
    docs_by_id: dict[str, set[str]] = {}
    # one real event, one date: the most specific any document gives it (a merged event
    # rightly carries the date another report of it gives)
    date_by_id: dict[str, str] = {}
    causes: Counter[str] = Counter()
    absent: Counter[str] = Counter()
    for gold_doc in gold.values():
        for g in gold_doc.raw.get("events") or ():
            if g["date"] is not None and len(g["date"]) > len(date_by_id.get(g["id"], "")):
                date_by_id[g["id"]] = g["date"]
    for doc_id in sorted(gold):
        gold_doc = gold[doc_id]
        gold_events = gold_doc.raw.get("events")
        if gold_events is None:
            continue
        documents += 1
        for g in gold_events:
            docs_by_id.setdefault(g["id"], set()).add(doc_id)
        preds = [p for node in nodes.get(doc_id, []) for p in _predicted(graph, node)]
        mentioned = [a for node in nodes.get(doc_id, []) for a in predicted_actors(graph, node)]
        pairs = []
        for i, pred in enumerate(preds):
            for j, g in enumerate(gold_events):
                if pred.type != GOLD_TYPES.get(g["type"], g["type"]):
                    continue
                shared = _shared(pred, gold_doc, g["participants"])
                if _enough(shared, len(g["participants"])):
                    # of reports alike but for the date ("tests on Feb 26 and Mar 4"), pair the same days
                    gold_date = date_by_id.get(g["id"])
                    same_day = pred.dates == ((gold_date,) if gold_date is not None else ())
                    pairs.append((-shared, not same_day, i, j))
        matched: dict[int, int] = {}
        used: set[int] = set()
        for _, _, i, j in sorted(pairs):
            if i not in matched and j not in used:
                matched[i] = j
                used.add(j)
        tp += len(matched)
        fp += len(preds) - len(matched)
        fn += len(gold_events) - len(used)
        gold_types = {GOLD_TYPES.get(g["type"], g["type"]) for g in gold_events}
        for i, pred in enumerate(preds):
            if i not in matched:
                who = ", ".join(sorted(p.label for p in pred.participants))
                errors.append(f"{doc_id}: FP event {pred.type} [{who}] {list(pred.dates)}")
                causes[EXTRA_CAUSES[0] if pred.type in gold_types else EXTRA_CAUSES[1]] += 1
        for j, g in enumerate(gold_events):
            if j not in used:
                errors.append(f"{doc_id}: FN event {g['type']} {g['participants']} {g['date']} ({g['id']})")
                kind = GOLD_TYPES.get(g["type"], g["type"])
                if any(p.type != kind and _enough(_shared(p, gold_doc, g["participants"]), len(g["participants"]))
                       for p in preds):
                    causes[MISS_CAUSES[0]] += 1
                elif any(p.type == kind for p in preds):
                    causes[MISS_CAUSES[1]] += 1
                    nearest = max((p for p in preds if p.type == kind), key=lambda p: _shared(p, gold_doc, g["participants"]))
                    absent.update(_absent(nearest, gold_doc, g["participants"], mentioned))
                else:
                    causes[MISS_CAUSES[2]] += 1
        statements = [p for node in nodes.get(doc_id, []) for p in predicted_statements(graph, node)]
        gold_statements = gold_doc.raw.get("statements") or []
        # a statement the gold lists at several events (one call "with A, B and C" told as
        # three): in any of them is right, as sg:inEvent is functional
        occasions: dict[int, list[tuple[rdflib.term.Node, str]]] = {}
        for i, j in sorted(matched.items()):
            for k in gold_events[j].get("statements") or ():
                occasions.setdefault(k, []).append((preds[i].node, gold_events[j]["id"]))
        for k, where in sorted(occasions.items()):
            said = _said(statements, gold_statements[k], gold_doc)
            if said is None:
                continue
            ok = any((said, SG.inEvent, node) in graph for node, _ in where)
            in_event = Ratio(in_event.hits + ok, in_event.total + 1)
            if not ok:
                errors.append(f"{doc_id}: statement {k} not in its event ({', '.join(i for _, i in where)})")
        for pred in statements:  # and the other way: a statement put in an event the gold does not give it
            linked = graph.value(pred.node, SG.inEvent)
            k = _gold_of(pred, gold_statements, gold_doc)
            if linked is None or k is None:
                continue
            ok = linked in {node for node, _ in occasions.get(k, ())}
            linked_right = Ratio(linked_right.hits + ok, linked_right.total + 1)
            if not ok:
                errors.append(f"{doc_id}: statement {k} put in an event the gold does not give it")
        for i, j in sorted(matched.items()):
            pred, g = preds[i], gold_events[j]
            matched_by_id.setdefault(g["id"], []).append((doc_id, pred.node))
            gold_date = date_by_id.get(g["id"])
            if gold_date is None:
                ok = not pred.dates
                no_date = Ratio(no_date.hits + ok, no_date.total + 1)
                if not ok:
                    errors.append(f"{doc_id}: date {list(pred.dates)} where the gold has none ({g['id']})")
            else:
                ok = pred.dates == (gold_date,)
                date = Ratio(date.hits + ok, date.total + 1)
                if not ok:
                    errors.append(f"{doc_id}: date {list(pred.dates)} != gold {gold_date} ({g['id']})")
    merged = Ratio()
    for event_id, docs in sorted(docs_by_id.items()):
        if len(docs) < 2:
            continue
        found = matched_by_id.get(event_id, [])
        ok = {d for d, _ in found} == docs and len({n for _, n in found}) == 1
        merged = Ratio(merged.hits + ok, merged.total + 1)
        if not ok:
            errors.append(f"event {event_id} in {len(docs)} documents: {len({n for _, n in found})} resources over {len(found)} matches")
    return EventEvaluation(Score(tp, fp, fn), date, no_date, merged, documents, tuple(errors), in_event, linked_right,
                           tuple((c, causes[c]) for c in (*MISS_CAUSES, *EXTRA_CAUSES)), tuple(sorted(absent.items())))


def _absent(pred: _Predicted, gold_doc: GoldDocument, names: list[str], mentioned: list[PredictedActor]) -> list[str]:
    """The gold participants the predicted event lacks: "<type> in the document" (the build
    has the actor there, not in the event) or "<type> not found"."""
    out = []
    for name in names:
        actor = _actor(gold_doc, name)
        if actor is None:
            continue
        gkeys = _gold_keys(actor)

        def found(actors) -> bool:
            return any(_evidence(p, frozenset(k for k in map(name_key, p.labels) if k), actor, *gkeys) for p in actors)

        if not found(pred.participants):
            out.append(f"{actor.type} {'in the document' if found(mentioned) else 'not found'}")
    return out


def _said(statements: list, gold: dict, gold_doc: GoldDocument) -> rdflib.term.Node | None:
    """The predicted statement that matches a gold statement: the same speaker, the largest overlap."""
    best = max(statements, key=lambda pred: statement_overlap(pred, gold, gold_doc), default=None)
    return best.node if best is not None and statement_overlap(best, gold, gold_doc) else None


def _gold_of(pred, gold_statements: list, gold_doc: GoldDocument) -> int | None:
    """The index of the gold statement a predicted one matches (same speaker, largest overlap)."""
    k = max(range(len(gold_statements)), key=lambda i: statement_overlap(pred, gold_statements[i], gold_doc), default=None)
    return k if k is not None and statement_overlap(pred, gold_statements[k], gold_doc) else None


def evaluate_events(gold_dir: str | Path, graph: rdflib.Graph) -> EventEvaluation:
    return evaluate_events_against(load_gold(gold_dir), graph)


def evaluate_events_by_kind(gold: Mapping[str, GoldDocument], graph: rdflib.Graph) -> dict[str, EventEvaluation]:
    """One evaluation per document kind (the gold's ``kind``), for the gold documents that have one."""
    return by_kind(gold, lambda part: evaluate_events_against(part, graph))


def format_events_by_kind(by_kind: Mapping[str, EventEvaluation], total: EventEvaluation) -> list[str]:
    """A table: per kind, documents, P, R, F1, counts, and dates right of matched dated events."""
    return format_kind_table([(kind, ev.documents, ev.events, f"{ev.date.hits} of {ev.date.total}")
                              for kind, ev in [*by_kind.items(), ("all", total)]], "dates right")


def format_event_evaluation(ev: EventEvaluation, *, errors: bool = False) -> list[str]:
    lines = [
        format_score("events", ev.events),
        f"dates   accuracy {ev.date.value:.3f}  ({ev.date.hits} of {ev.date.total} matched events with a gold date)",
        f"        no date  {ev.no_date.value:.3f}  ({ev.no_date.hits} of {ev.no_date.total} matched events without a gold date left undated)",
        f"merged  {ev.merged.value:.3f}  ({ev.merged.hits} of {ev.merged.total} events reported in several documents are one resource)",
        f"in event {ev.in_event.value:.3f}  ({ev.in_event.hits} of {ev.in_event.total} gold statements made at a matched event, found, are sg:inEvent it)",
        f"         right {ev.linked_right.value:.3f}  ({ev.linked_right.hits} of {ev.linked_right.total} matched statements with an sg:inEvent are in an event the gold gives them)",
        f"        over {ev.documents} documents with gold events",
    ]
    if ev.causes:
        lines.append("why    " + "; ".join(f"{cause} {count}" for cause, count in ev.causes))
    if ev.absent:
        lines.append("lacked " + "; ".join(f"{what} {count}" for what, count in ev.absent)
                     + "  (participants missing from events missed for too few)")
    if errors:
        lines.extend("  " + e for e in ev.errors)
    return lines
