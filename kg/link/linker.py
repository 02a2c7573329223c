"""Link an actor to Wikidata through the gazetteer, or abstain.

Only a gazetteer row marked ``strong`` (its QID paired with the label by a Wikidata-derived
dataset) can become ``owl:sameAs``, and only when it is the single entry of the right type
that carries one of the actor's names. Everything else considered is kept as an unasserted
candidate for ``mappings.sssom.tsv``.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.model import Actor, LinkCandidate
from kg.extract.names import actor_key
from kg.lexicon import GazetteerEntry, Lexicon

LEXICAL = "semapv:LexicalMatching"
CONFIDENCE_ASSERTED = 0.95
CONFIDENCE_WEAK_ROW = 0.6
CONFIDENCE_AMBIGUOUS = 0.4


def _candidates(
    actor_type: str, names: Sequence[str], gazetteer_labels: Sequence[str], lexicon: Lexicon
) -> list[GazetteerEntry]:
    found: list[GazetteerEntry] = []
    wanted = set(gazetteer_labels)
    for entry in lexicon.gazetteer:
        if entry.label in wanted and entry not in found:
            found.append(entry)
    for name in names:
        for entry in lexicon.entries_named(name):
            if entry.type == actor_type and entry not in found:
                found.append(entry)
    return [e for e in found if e.type == actor_type]


def link_actor(
    actor_type: str,
    canonical: str,
    names: Sequence[str],
    gazetteer_labels: Sequence[str],
    lexicon: Lexicon,
) -> Actor:
    entries = _candidates(actor_type, names, gazetteer_labels, lexicon)
    names_t = tuple(sorted(set(names)))
    if len(entries) == 1:
        entry = entries[0]
        if entry.verified:
            candidate = LinkCandidate(
                qid=entry.qid, label=entry.label, confidence=CONFIDENCE_ASSERTED, asserted=True,
                justification=LEXICAL, comment=f"unique {actor_type} gazetteer entry named {canonical!r}",
            )
            return Actor(key=entry.qid, label=entry.label, type=actor_type, qid=entry.qid,
                         names=names_t, candidates=(candidate,))
        candidates = ()
        if entry.qid is not None:
            candidates = (
                LinkCandidate(
                    qid=entry.qid, label=entry.label, confidence=CONFIDENCE_WEAK_ROW, asserted=False,
                    justification=LEXICAL, comment="gazetteer row not verified (weak evidence)",
                ),
            )
        return Actor(key=actor_key(actor_type, entry.label), label=entry.label, type=actor_type,
                     names=names_t, candidates=candidates)
    candidates = tuple(
        LinkCandidate(
            qid=e.qid, label=e.label, confidence=CONFIDENCE_AMBIGUOUS, asserted=False,
            justification=LEXICAL, comment=f"ambiguous: {len(entries)} gazetteer entries share a name",
        )
        for e in entries
        if e.qid is not None
    )
    return Actor(key=actor_key(actor_type, canonical), label=canonical, type=actor_type,
                 names=names_t, candidates=candidates)
