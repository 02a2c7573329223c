"""Statements and positions of a build against the gold ``statements`` of ``data/gold``.

Only documents whose gold has a ``statements`` key are scored.

- **Statements**: a predicted statement (an ``sg:Statement`` derived from the document) and a
  gold statement match when their character spans overlap and the predicted speaker is the
  gold speaker (same evidence as the actor evaluation: QID, name, alias or mention text; same
  type; the speaker may be one of the gold ``title_actors``). One to one, largest overlap first. Precision, recall and F1 over all documents.
- **Stance accuracy**: over the gold positions of matched statements whose predicted statement
  expresses at least one position, the share for which a predicted position of that statement
  has the gold stance.
- **Topic accuracy**: the same, over gold positions with a ``topic_iri``: the share for which a
  predicted position of that statement has that topic.
- **On-behalf-of accuracy**: over matched statements whose gold has ``on_behalf_of``, the
  share whose ``sg:onBehalfOf`` is that actor. **Holder accuracy**: over gold positions of
  matched statements that express positions, the share for which one of them has the gold
  holder.
- **Position coverage**: the share of gold positions of matched statements whose predicted
  statement expresses any position at all (what the two accuracies are conditioned on).

Positions as a researcher cites them (every gold position of a matched statement counts; a
missing one is wrong):

- **Position stance**: the share of gold positions for which a predicted position of the
  statement has the gold stance.
- **Position topic**: the share for which a predicted position's topic is the gold topic: the
  same scheme concept (``topic_iri``), or a label at least half of whose content words are the
  gold topic's (see ``topic_words``).
- **Reversed**: predicted positions whose stance is the opposite (support against oppose or
  concern) of the gold position they are about (the same topic, as above; the most words in
  common), over the predicted positions of matched statements with gold positions. The one
  error worse than none. Words of the gold topic after a turning word of the lexicon take
  the other stance: opposing "plastic pollution" agrees with supporting "action to combat the
  plastic pollution".
- **Positions where none**: of the matched statements whose gold takes no position, the share
  given one or more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import PROV, SKOS

from kg.evaluate.actors import (
    PredictedActor,
    _evidence,
    _gold_keys,
    document_nodes,
    name_key,
    predicted_actor,
)
from kg.evaluate.gold import GoldDocument, by_kind, load_gold
from kg.evaluate.score import Score, format_kind_table, format_score
from kg.extract.positions import REVERSED_STANCE, TURNING
from kg.lexicon import load_lexicon
from kg.namespaces import NIF, SG

__all__ = [
    "StatementEvaluation", "evaluate_statements", "evaluate_statements_by_kind", "format_statement_evaluation",
    "format_positions_by_kind", "format_statements_by_kind", "topic_words",
]


@dataclass(frozen=True)
class Ratio:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0


@dataclass(frozen=True)
class StatementEvaluation:
    statements: Score
    stance: Ratio
    topic: Ratio
    coverage: Ratio
    documents: int
    errors: tuple[str, ...]
    on_behalf_of: Ratio = Ratio()
    holder: Ratio = Ratio()
    wrong_speaker: Ratio = Ratio()
    """Predicted statements not matched whose span lies mostly in a gold statement: said, but
    credited to the wrong speaker; over all predicted statements."""
    position_stance: Ratio = Ratio()
    position_topic: Ratio = Ratio()
    reversed: Ratio = Ratio()
    positions_where_none: Ratio = Ratio()
    # (statement IRI, position IRI or "" for the statement itself, right): every predicted claim
    # of a gold document; a statement is right when it matches a gold statement (speaker
    # included), a position when its statement does and a gold position of it has its topic
    # and, towards that topic, its stance
    outcomes: tuple[tuple[str, str, bool], ...] = ()
    # the predicted statements matched to a gold statement that takes no position
    takes_none: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Predicted:
    node: rdflib.term.Node
    begin: int
    end: int
    text: str
    speaker: PredictedActor
    stances: frozenset[str]
    topics: frozenset[str]
    on_behalf_of: PredictedActor | None = None
    holders: tuple[PredictedActor, ...] = ()
    positions: tuple[tuple[str, str, str], ...] = ()  # (stance, topic IRI, topic label)
    position_iris: tuple[str, ...] = ()  # the IRI of each of ``positions``, in the same order
    position_holders: tuple[PredictedActor | None, ...] = ()  # and its holder


def _holder_of(graph: rdflib.Graph, position: str) -> PredictedActor | None:
    holder = graph.value(rdflib.URIRef(position), SG.holder)
    return predicted_actor(graph, holder) if holder is not None else None


def predicted_statements(graph: rdflib.Graph, doc_node: rdflib.term.Node) -> list[_Predicted]:
    out = []
    for node in sorted(set(graph.subjects(PROV.wasDerivedFrom, doc_node)), key=str):
        if (node, rdflib.RDF.type, SG.Statement) not in graph:
            continue
        begin, end = graph.value(node, NIF.beginIndex), graph.value(node, NIF.endIndex)
        speaker = graph.value(node, SG.speaker)
        if begin is None or end is None or speaker is None:
            continue
        positions = list(graph.objects(node, SG.expresses))
        stances = frozenset(
            str(graph.value(s, SKOS.prefLabel)).capitalize()
            for p in positions for s in graph.objects(p, SG.stance)
        )
        topics = frozenset(str(t) for p in positions for t in graph.objects(p, SG.topic))
        behalf = graph.value(node, SG.onBehalfOf)
        holders = tuple(predicted_actor(graph, h) for p in positions for h in graph.objects(p, SG.holder))
        named = sorted(
            ((str(graph.value(s, SKOS.prefLabel)).capitalize(), str(t), str(graph.value(t, SKOS.prefLabel) or "")), str(p))
            for p in positions for s in graph.objects(p, SG.stance) for t in graph.objects(p, SG.topic)
        )
        triples = tuple(t for t, _ in named)
        out.append(_Predicted(node, int(begin), int(end), str(graph.value(node, SG.text)),
                              predicted_actor(graph, speaker), stances, topics,
                              predicted_actor(graph, behalf) if behalf is not None else None, holders, triples,
                              tuple(p for _, p in named),
                              tuple(_holder_of(graph, p) for _, p in named)))
    return out


# words a topic is not recognised by
TOPIC_STOP_WORDS = frozenset(
    "a an the of to for and or in on at by with from into its their our his her this that these those "
    "all any each every some such other own same new further more most very also as be is are it we they "
    "which who whose what".split())
STEM = 6  # words compared by their first letters: "interference" and "interfere", "sanctions" and "sanction"
OPPOSITE = {"Support": {"Oppose", "Concern"}, "Oppose": {"Support"}, "Concern": {"Support"}}


def _topic_tokens(text: str) -> list[str]:
    """The words of a topic in order, lower case, without the punctuation around them."""
    return [w for w in (x.strip(".,;:()\"'’“”") for x in text.lower().replace("-", " ").split()) if w]


def topic_words(text: str) -> frozenset[str]:
    """The content words of a topic, lower case, cut to their first ``STEM`` letters."""
    return frozenset(w[:STEM] for w in _topic_tokens(text) if w not in TOPIC_STOP_WORDS and any(c.isalpha() for c in w))


def _topic_overlap(predicted: tuple[str, str, str], gold: Mapping) -> float:
    """The share of a predicted topic's content words found in the gold topic (1 for the
    same scheme concept)."""
    if gold.get("topic_iri") and predicted[1] == gold["topic_iri"]:
        return 1.0
    words = topic_words(predicted[2])
    return len(words & topic_words(gold.get("topic", ""))) / len(words) if words else 0.0


def _same_topic(predicted: tuple[str, str, str], gold: Mapping) -> bool:
    """At least half of the predicted topic's content words are the gold topic's."""
    return _topic_overlap(predicted, gold) >= 0.5


TURN_SUFFIXES = ("ing", "ed", "es", "s", "e")


def _base(word: str) -> str:
    """A word without an inflection, so that "reducing", "reduced" and "reduce" agree."""
    for suffix in TURN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)][:STEM]
    return word[:STEM]


@lru_cache(maxsize=1)
def _turning_words() -> frozenset[str]:
    """Bases of the lexicon's words that turn what follows them around ("combat", "end",
    "prevent"): the stance cues the extractor turns a stance with (kg.extract.positions)."""
    cues = load_lexicon().stance_cues
    return frozenset(_base(w) for w, (stance, _) in cues.items() if stance in TURNING)


def _turned(words: Sequence[str], shared: frozenset[str]) -> bool:
    """Does a turning word come before the first of the shared words?"""
    where = next((i for i, w in enumerate(words) if w in shared), None)
    return where is not None and any(w in _turning_words() for w in words[:where])


def _gold_stance_on(predicted: tuple[str, str, str], gold: Mapping) -> str:
    """The gold stance towards what the predicted topic names: turned around when the words
    they share follow a turning word of the gold topic (gold "supports action to combat
    plastic pollution" opposes "plastic pollution"), and again when they follow one of the
    predicted topic (supporting "end the blockade" is opposing "the blockade")."""
    gold_words = [_base(w) for w in _topic_tokens(gold.get("topic", ""))]
    predicted_words = [_base(w) for w in _topic_tokens(predicted[2])]
    shared = frozenset(gold_words) & frozenset(predicted_words) - {_base(w) for w in TOPIC_STOP_WORDS}
    stance = gold["stance"]
    if _turned(gold_words, shared) != _turned(predicted_words, shared):
        return REVERSED_STANCE.get(stance, stance)
    return stance


def _reversed(predicted: tuple[str, str, str], gold_positions: list[Mapping]) -> bool:
    """Whether the gold position a predicted one is about (the most words in common, the same
    stance first among equals) takes the opposite stance towards what it names."""
    best = max(gold_positions, key=lambda g: (_topic_overlap(predicted, g), _gold_stance_on(predicted, g) == predicted[0]))
    return _same_topic(predicted, best) and predicted[0] in OPPOSITE.get(_gold_stance_on(predicted, best), ())


def _gold_group(gold_doc: GoldDocument, name: str) -> list[str] | None:
    """The member names of the gold group called ``name`` (``groups`` of the per-kind gold)."""
    for group in gold_doc.raw.get("groups", []):
        if group.get("name") == name:
            return list(group.get("members", []))
    return None


def _speaker_matches(pred: PredictedActor, gold_doc: GoldDocument, speaker: str,
                     members: list[str] | None = None) -> bool:
    pkeys = frozenset(k for k in map(name_key, pred.labels) if k)
    if members is None:
        members = _gold_group(gold_doc, speaker)
    if members is not None:
        # a group: named as the gold names it, or with at least half of its members
        if name_key(speaker) in pkeys:
            return True
        if not pred.group or not members:
            return False
        found = {m for m in members if any(_speaker_matches(p, gold_doc, m) for p in pred.members)}
        return len(found) * 2 >= len(members) and len(found) >= min(2, len(members))
    for actor in (*gold_doc.actors, *gold_doc.title_actors):
        if actor.name == speaker:
            return _evidence(pred, pkeys, actor, *_gold_keys(actor)) > 0
    return False


def statement_overlap(pred, gold: dict, gold_doc: GoldDocument) -> int:
    """Characters a predicted and a gold statement share, when their speaker is the same; else 0."""
    overlap = min(pred.end, gold["end"]) - max(pred.begin, gold["begin"])
    if overlap <= 0:
        return 0
    return overlap if _speaker_matches(pred.speaker, gold_doc, gold["speaker"], gold.get("members")) else 0


def evaluate_statements_against(gold: Mapping[str, GoldDocument], graph: rdflib.Graph) -> StatementEvaluation:
    nodes = document_nodes(graph)
    tp = fp = fn = predicted = wrong = 0
    stance = topic = coverage = behalf = holder = Ratio()
    position_stance = position_topic = reversed_ = where_none = Ratio()
    documents = 0
    errors: list[str] = []
    outcomes: list[tuple[str, str, bool]] = []
    takes_none: list[str] = []
    for doc_id in sorted(gold):
        gold_doc = gold[doc_id]
        gold_statements = gold_doc.raw.get("statements")
        if gold_statements is None:
            continue
        # what a group said (the older gold's "group_statements"): a group's statement,
        # neither required nor counted false
        gold_statements = [*gold_statements, *(
            {**g, "speaker": g.get("group", ""), "members": g.get("members", []), "optional": True}
            for g in gold_doc.raw.get("group_statements", [])
        )]
        documents += 1
        preds = [p for node in nodes.get(doc_id, []) for p in predicted_statements(graph, node)]
        pairs = []
        for i, pred in enumerate(preds):
            for j, g in enumerate(gold_statements):
                overlap = statement_overlap(pred, g, gold_doc)
                if overlap:
                    pairs.append((-overlap, i, j))
        matched: dict[int, int] = {}
        used: set[int] = set()
        # required gold statements first: an optional one only takes what no required one wants
        for _, i, j in sorted(pairs, key=lambda p: (bool(gold_statements[p[2]].get("optional")), p)):
            if i not in matched and j not in used:
                matched[i] = j
                used.add(j)
        optional = {j for j, g in enumerate(gold_statements) if g.get("optional")}
        tp += sum(1 for j in matched.values() if j not in optional)
        fp += len(preds) - len(matched)
        fn += sum(1 for j in range(len(gold_statements)) if j not in used and j not in optional)
        predicted += len(preds)
        for i, pred in enumerate(preds):
            if i in matched and matched[i] in optional:
                continue  # a group's statement: neither right nor wrong
            gold_positions = gold_statements[matched[i]].get("positions", []) if i in matched else []
            outcomes.append((str(pred.node), "", i in matched))
            outcomes.extend(
                (str(pred.node), iri, any(
                    _same_topic(p, g) and p[0] == _gold_stance_on(p, g)
                    and holder is not None and _speaker_matches(holder, gold_doc, g["holder"])
                    for g in gold_positions))
                for p, iri, holder in zip(pred.positions, pred.position_iris, pred.position_holders)
            )
        for i, pred in enumerate(preds):
            if i not in matched:
                # said by someone in the gold, but credited to another speaker
                if any(g.get("speaker") and _shares_most(pred, g) for g in gold_statements):
                    wrong += 1
                    errors.append(f"{doc_id}: wrong speaker {pred.speaker.label!r} [{pred.begin}:{pred.end}] {pred.text[:70]!r}")
                else:
                    errors.append(f"{doc_id}: FP statement {pred.speaker.label!r} [{pred.begin}:{pred.end}] {pred.text[:70]!r}")
        for j, g in enumerate(gold_statements):
            if j not in used and j not in optional:
                errors.append(f"{doc_id}: FN statement {g['speaker']!r} [{g['begin']}:{g['end']}] {g['text'][:70]!r}")
        for i, j in sorted(matched.items()):
            if j in optional:
                continue
            pred, g = preds[i], gold_statements[j]
            if g.get("on_behalf_of"):
                ok = pred.on_behalf_of is not None and _speaker_matches(pred.on_behalf_of, gold_doc, g["on_behalf_of"])
                behalf = Ratio(behalf.hits + ok, behalf.total + 1)
                if not ok:
                    got = pred.on_behalf_of.label if pred.on_behalf_of is not None else None
                    errors.append(f"{doc_id}: on behalf of {got!r} != gold {g['on_behalf_of']!r} in {g['text'][:60]!r}")
            gold_positions = g.get("positions", [])
            if not gold_positions:
                takes_none.append(str(pred.node))
                given = bool(pred.positions)
                where_none = Ratio(where_none.hits + given, where_none.total + 1)
                if given:
                    errors.append(f"{doc_id}: positions {[(p[0], p[2]) for p in pred.positions]} where the gold "
                                  f"takes none in {g['text'][:60]!r}")
            else:
                wrong_way = [p for p in pred.positions if _reversed(p, gold_positions)]
                reversed_ = Ratio(reversed_.hits + len(wrong_way), reversed_.total + len(pred.positions))
                for p in wrong_way:
                    errors.append(f"{doc_id}: REVERSED {p[0]} {p[2]!r} in {g['text'][:60]!r}")
            for position in gold_positions:
                ok = any(p[0] == _gold_stance_on(p, position) for p in pred.positions)
                position_stance = Ratio(position_stance.hits + ok, position_stance.total + 1)
                ok = any(_same_topic(p, position) for p in pred.positions)
                position_topic = Ratio(position_topic.hits + ok, position_topic.total + 1)
                if pred.positions and not ok:
                    errors.append(f"{doc_id}: topics {sorted(p[2] for p in pred.positions)} lack gold "
                                  f"{position.get('topic')!r} in {g['text'][:60]!r}")
            for position in gold_positions:
                if pred.holders:
                    ok = any(_speaker_matches(h, gold_doc, position["holder"]) for h in pred.holders)
                    holder = Ratio(holder.hits + ok, holder.total + 1)
                    if not ok:
                        errors.append(f"{doc_id}: holders {sorted(h.label for h in pred.holders)} lack gold {position['holder']!r} in {g['text'][:60]!r}")
                found = bool(pred.stances)
                coverage = Ratio(coverage.hits + found, coverage.total + 1)
                if not found:
                    errors.append(f"{doc_id}: no position for gold {position['stance']} {position['topic']!r} in {g['text'][:60]!r}")
                    continue
                ok = position["stance"] in pred.stances
                stance = Ratio(stance.hits + ok, stance.total + 1)
                if not ok:
                    errors.append(f"{doc_id}: stance {sorted(pred.stances)} != gold {position['stance']} in {g['text'][:60]!r}")
                if position.get("topic_iri"):
                    hit = position["topic_iri"] in pred.topics
                    topic = Ratio(topic.hits + hit, topic.total + 1)
                    if not hit:
                        errors.append(f"{doc_id}: topic {sorted(pred.topics)} lacks gold {position['topic_iri']} in {g['text'][:60]!r}")
    return StatementEvaluation(Score(tp, fp, fn), stance, topic, coverage, documents, tuple(errors), behalf, holder,
                               Ratio(wrong, predicted), position_stance, position_topic, reversed_, where_none,
                               tuple(outcomes), tuple(takes_none))


def _shares_most(pred, gold: dict) -> bool:
    """Whether most of a predicted statement's span lies in a gold statement's."""
    overlap = min(pred.end, gold["end"]) - max(pred.begin, gold["begin"])
    return overlap > 0 and overlap * 2 >= pred.end - pred.begin


def evaluate_statements_by_kind(gold: Mapping[str, GoldDocument], graph: rdflib.Graph) -> dict[str, StatementEvaluation]:
    """One evaluation per document kind (the gold's ``kind``), for the gold documents that have one."""
    return by_kind(gold, lambda part: evaluate_statements_against(part, graph))


def format_statements_by_kind(by_kind: Mapping[str, StatementEvaluation], total: StatementEvaluation) -> list[str]:
    """A table: per kind, documents, P, R, F1, counts and the share credited to a wrong speaker."""
    return format_kind_table([
        (kind, ev.documents, ev.statements,
         f"{ev.wrong_speaker.hits} of {ev.wrong_speaker.total} predicted ({ev.wrong_speaker.value:.1%})")
        for kind, ev in [*by_kind.items(), ("all", total)]], "wrong speaker")


def format_positions_by_kind(by_kind: Mapping[str, StatementEvaluation], total: StatementEvaluation) -> list[str]:
    """A table: per kind, the position figures (see the module's docstring)."""
    lines = [f"{'kind':<17} {'gold':>4}  {'stance':>6}  {'topic':>6}  {'reversed':>8}  where none"]
    for kind, ev in [*by_kind.items(), ("all", total)]:
        lines.append(f"{kind:<17} {ev.position_stance.total:>4}  {ev.position_stance.value:6.3f}  "
                     f"{ev.position_topic.value:6.3f}  {ev.reversed.hits:>3} of {ev.reversed.total:<3} "
                     f"{ev.positions_where_none.hits} of {ev.positions_where_none.total} "
                     f"({ev.positions_where_none.value:.1%})")
    return lines


def evaluate_statements(gold_dir: str | Path, graph: rdflib.Graph) -> StatementEvaluation:
    return evaluate_statements_against(load_gold(gold_dir), graph)


def format_statement_evaluation(ev: StatementEvaluation, *, errors: bool = False) -> list[str]:
    lines = [
        format_score("statements", ev.statements),
        f"stance  accuracy {ev.stance.value:.3f}  ({ev.stance.hits} of {ev.stance.total} gold positions in matched statements with positions)",
        f"topic   accuracy {ev.topic.value:.3f}  ({ev.topic.hits} of {ev.topic.total} gold positions with a scheme topic)",
        f"        coverage {ev.coverage.value:.3f}  ({ev.coverage.hits} of {ev.coverage.total} gold positions in matched statements have a predicted position)",
        f"behalf  accuracy {ev.on_behalf_of.value:.3f}  ({ev.on_behalf_of.hits} of {ev.on_behalf_of.total} matched statements with a gold sg:onBehalfOf)",
        f"holder  accuracy {ev.holder.value:.3f}  ({ev.holder.hits} of {ev.holder.total} gold positions in matched statements with positions)",
        f"wrong   speaker  {ev.wrong_speaker.value:.3f}  ({ev.wrong_speaker.hits} of {ev.wrong_speaker.total} predicted statements lie in a gold statement of another speaker)",
        f"        over {ev.documents} documents with gold statements",
        "positions (every gold position of a matched statement; missing counts as wrong):",
        f"  stance {ev.position_stance.value:.3f}  ({ev.position_stance.hits} of {ev.position_stance.total})"
        f"  topic {ev.position_topic.value:.3f}  ({ev.position_topic.hits} of {ev.position_topic.total})",
        f"  reversed {ev.reversed.hits} of {ev.reversed.total} predicted positions on statements with gold positions",
        f"  where none {ev.positions_where_none.value:.3f}  ({ev.positions_where_none.hits} of "
        f"{ev.positions_where_none.total} matched statements that take no position got one)",
    ]
    if errors:
        lines.extend("  " + e for e in ev.errors)
    return lines
