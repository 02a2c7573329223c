"""Actor and Wikidata-link evaluation of a built graph against the gold annotation.

Predicted actors of a gold document are the nodes with ``sg:mentionedIn <doc>``, where
``<doc>`` is the ``sg:Document`` whose ``dcterms:identifier`` is the gold id. Each is read
with its types (``sg:Person``, ``sg:Organization``, ``sg:Country``), ``rdfs:label``,
``skos:altLabel`` s and ``owl:sameAs`` Wikidata QIDs.

Matching, per document and one to one: a predicted actor can match a gold actor of the
same type when its QID equals the gold QID, or when one of its labels equals the gold
name, an alias or a mention text, compared by :func:`name_key` (case-insensitive, white
space collapsed, a leading "the " and a trailing possessive 's dropped; pronoun mentions
are never evidence). Pairs are taken greedily by best evidence: same QID first, then a
label equal to the gold name, then a label equal to an alias or mention; ties go to the
pair sharing more names, then to a fixed order, so the result is deterministic.

``actors``: tp = matched pairs, fp = unmatched predictions, fn = unmatched gold actors,
summed over documents (micro-average); a gold document missing from the graph counts all
its actors as fn. ``links``: a predicted actor with ``owl:sameAs`` is a true positive when
it is matched to a gold actor whose QID is its only QID, else a false positive (wrong QID,
a QID where the gold has none, or an unmatched actor); fn = gold actors with a QID that no
correctly linked prediction matched.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.evaluate.gold import ACTOR_TYPES, PRONOUNS, GoldActor, GoldDocument, load_gold
from kg.evaluate.score import Score, format_score
from kg.namespaces import SG

__all__ = [
    "ActorEvaluation",
    "PredictedActor",
    "document_nodes",
    "evaluate_actors",
    "evaluate_actors_against",
    "format_evaluation",
    "name_key",
    "predicted_actors",
]

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
_QID = re.compile(r"Q[1-9][0-9]*")
_TYPE_OF = {SG.Person: "Person", SG.Organization: "Organization", SG.Country: "Country"}
assert set(_TYPE_OF.values()) == set(ACTOR_TYPES)

# evidence levels, best first
_BY_QID, _BY_NAME, _BY_ALIAS = 3, 2, 1


@dataclass(frozen=True)
class ActorEvaluation:
    actors: Score
    links: Score
    per_document: dict[str, Score]
    """The actor score of each gold document."""
    errors: tuple[str, ...]
    """One human-readable line per false positive, false negative and wrong or missing link."""


@dataclass(frozen=True)
class PredictedActor:
    node: rdflib.term.Node
    types: frozenset[str]
    label: str
    labels: tuple[str, ...]
    """rdfs:label(s) then skos:altLabel(s)."""
    qids: frozenset[str]
    members: tuple[PredictedActor, ...] = ()
    """A group's members (sg:member); empty for any other actor."""
    group: bool = False

    @property
    def type_name(self) -> str:
        return "/".join(sorted(self.types)) or "Actor"


def name_key(name: str) -> str:
    """The form names are compared in: NFKC, straight apostrophes, one space, case-folded,
    without a leading "the " or a trailing possessive ("'s" or "'")."""
    s = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    s = " ".join(s.split()).casefold()
    s = s.removeprefix("the ")
    if s.endswith("'s"):
        s = s[:-2]
    elif s.endswith("'"):
        s = s[:-1]
    return s.strip()


# a gold alias "Mr Mirziyoyev" is also the surname alone: the form a build labels a person
# the text names only so (the older gold has it as a mention's text)
HONORIFIC = re.compile(r"^(?:mr|mrs|ms|mme|dr)\.? (?=\S)")


def _gold_keys(actor: GoldActor) -> tuple[str, frozenset[str]]:
    """(key of the name, keys of name + aliases (also without a leading honorific) +
    non-pronoun mention texts)."""
    names = [actor.name, *actor.aliases, *(m.text for m in actor.mentions)]
    keys = {name_key(n) for n in names}
    keys |= {HONORIFIC.sub("", k) for k in keys}
    keys = {k for k in keys if k and k not in PRONOUNS}
    return name_key(actor.name), frozenset(keys)


def document_nodes(graph: rdflib.Graph) -> dict[str, list[rdflib.term.Node]]:
    """The sg:Document nodes of the graph by dcterms:identifier."""
    out: dict[str, list[rdflib.term.Node]] = {}
    for node in set(graph.subjects(RDF.type, SG.Document)):
        for ident in graph.objects(node, DCTERMS.identifier):
            out.setdefault(str(ident), []).append(node)
    return {k: sorted(v, key=str) for k, v in out.items()}


def predicted_actors(graph: rdflib.Graph, doc_node: rdflib.term.Node) -> list[PredictedActor]:
    """The actors the graph says are mentioned in the document, in a fixed order."""
    out = [predicted_actor(graph, node) for node in set(graph.subjects(SG.mentionedIn, doc_node))]
    # a group is no actor of the gold's three types: it is scored as a speaker only
    return sorted((p for p in out if not p.group), key=lambda p: (p.label, str(p.node)))


def predicted_actor(graph: rdflib.Graph, node: rdflib.term.Node) -> PredictedActor:
    """An actor node of the graph with its types, names and Wikidata QIDs."""
    types = frozenset(_TYPE_OF[t] for t in graph.objects(node, RDF.type) if t in _TYPE_OF)
    main = sorted(str(o) for o in graph.objects(node, RDFS.label))
    alt = sorted(str(o) for o in graph.objects(node, SKOS.altLabel))
    qids = frozenset(
        str(o)[len(WIKIDATA_ENTITY) :]
        for o in graph.objects(node, OWL.sameAs)
        if str(o).startswith(WIKIDATA_ENTITY) and _QID.fullmatch(str(o)[len(WIKIDATA_ENTITY) :])
    )
    label = main[0] if main else str(node)
    group = (node, RDF.type, SG.Group) in graph
    members = tuple(predicted_actor(graph, m) for m in sorted(graph.objects(node, SG.member), key=str)) if group else ()
    return PredictedActor(node, types, label, tuple(main + alt), qids, members, group)


def _evidence(
    pred: PredictedActor, pkeys: frozenset[str], gold: GoldActor, gname: str, gkeys: frozenset[str]
) -> int:
    if gold.type not in pred.types:
        return 0
    if gold.qid is not None and gold.qid in pred.qids:
        return _BY_QID
    if gname in pkeys:
        return _BY_NAME
    if pkeys & gkeys:
        return _BY_ALIAS
    return 0


def _match(preds: list[PredictedActor], golds: tuple[GoldActor, ...]) -> dict[int, int]:
    """Greedy one-to-one matching: predicted index -> gold index."""
    pkeys = [frozenset(k for k in map(name_key, p.labels) if k) for p in preds]
    gk = [_gold_keys(g) for g in golds]
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            ev = _evidence(p, pkeys[i], g, *gk[j])
            if ev:
                pairs.append((-ev, -len(pkeys[i] & gk[j][1]), i, j))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in pairs:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _gold_desc(g: GoldActor) -> str:
    return f"{g.type} {g.name!r}" + (f" [{g.qid}]" if g.qid else "")


def _pred_desc(p: PredictedActor) -> str:
    qids = "".join(f" [{q}]" for q in sorted(p.qids))
    return f"{p.type_name} {p.label!r}{qids} <{p.node}>"


def _evaluate_document(
    doc: GoldDocument, preds: list[PredictedActor]
) -> tuple[Score, Score, list[str]]:
    golds = doc.actors
    matched = _match(preds, golds)
    gold_to_pred = {j: i for i, j in matched.items()}
    errors: list[str] = []
    gk = [_gold_keys(g) for g in golds]
    pk = [frozenset(k for k in map(name_key, p.labels) if k) for p in preds]

    for i, p in enumerate(preds):
        if i in matched:
            continue
        hint = ""
        same_name = [g for j, g in enumerate(golds) if pk[i] & gk[j][1] and g.type not in p.types]
        if same_name:
            hint = f" (gold has it as {same_name[0].type} {same_name[0].name!r})"
        errors.append(f"{doc.id}: FP actor {_pred_desc(p)}{hint}")
    for j, g in enumerate(golds):
        if j in gold_to_pred:
            continue
        hint = ""
        other = [p for i, p in enumerate(preds) if i not in matched and pk[i] & gk[j][1]]
        if other:
            hint = f" (predicted as {other[0].type_name} {other[0].label!r})"
        errors.append(f"{doc.id}: FN actor {_gold_desc(g)}{hint}")

    link_tp = link_fp = 0
    for i, p in enumerate(preds):
        if not p.qids:
            continue
        g = golds[matched[i]] if i in matched else None
        if g is not None and g.qid is not None and p.qids == {g.qid}:
            link_tp += 1
            continue
        link_fp += 1
        if g is None:
            why = "actor not in the gold"
        elif g.qid is None:
            why = f"gold {g.name!r} has no QID"
        else:
            why = f"gold {g.name!r} is {g.qid}"
        errors.append(f"{doc.id}: FP link {p.label!r} -> {', '.join(sorted(p.qids))} ({why})")
    link_fn = 0
    for j, g in enumerate(golds):
        if g.qid is None:
            continue
        i = gold_to_pred.get(j)
        if i is not None and preds[i].qids == {g.qid}:
            continue
        link_fn += 1
        if i is None:
            why = "actor not found"
        elif not preds[i].qids:
            why = f"matched {preds[i].label!r} has no owl:sameAs"
        else:
            why = f"matched {preds[i].label!r} links {', '.join(sorted(preds[i].qids))}"
        errors.append(f"{doc.id}: FN link {g.name!r} {g.qid} ({why})")

    actors = Score(len(matched), len(preds) - len(matched), len(golds) - len(matched))
    return actors, Score(link_tp, link_fp, link_fn), errors


def evaluate_actors_against(
    gold: Mapping[str, GoldDocument], graph: rdflib.Graph
) -> ActorEvaluation:
    """Evaluate ``graph`` against gold documents already loaded (see :func:`load_gold`)."""
    docs = document_nodes(graph)
    per_document: dict[str, Score] = {}
    actors_total, links_total = Score(), Score()
    errors: list[str] = []
    for doc_id in sorted(gold):
        doc = gold[doc_id]
        nodes = docs.get(doc_id)
        if not nodes:
            actors = Score(fn=len(doc.actors))
            links = Score(fn=sum(1 for g in doc.actors if g.qid))
            errors.append(
                f"{doc_id}: document not in the graph ({len(doc.actors)} gold actors missed)"
            )
            errors.extend(f"{doc_id}: FN actor {_gold_desc(g)}" for g in doc.actors)
        else:
            seen: dict[rdflib.term.Node, PredictedActor] = {}
            for node in nodes:
                for p in predicted_actors(graph, node):
                    seen.setdefault(p.node, p)
            preds = sorted(seen.values(), key=lambda p: (p.label, str(p.node)))
            actors, links, doc_errors = _evaluate_document(doc, preds)
            errors.extend(doc_errors)
        per_document[doc_id] = actors
        actors_total = actors_total + actors
        links_total = links_total + links
    return ActorEvaluation(actors_total, links_total, per_document, tuple(errors))


def evaluate_actors(gold_dir: str | Path, graph: rdflib.Graph) -> ActorEvaluation:
    """Load the gold annotation of ``gold_dir`` and evaluate the actors of ``graph``."""
    return evaluate_actors_against(load_gold(gold_dir), graph)


def format_evaluation(
    ev: ActorEvaluation, *, per_document: bool = False, errors: bool = False
) -> list[str]:
    """Report lines: the actor and link scores, optionally each document's and each error."""
    lines = [format_score("actors", ev.actors), format_score("links", ev.links)]
    if per_document:
        lines.append("per document (actors):")
        lines.extend(
            f"  {format_score('', s, 0).strip()}  {doc}" for doc, s in ev.per_document.items()
        )
    if errors:
        lines.append(f"errors ({len(ev.errors)}):")
        lines.extend(f"  {e}" for e in ev.errors)
    return lines
