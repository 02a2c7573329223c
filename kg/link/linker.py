"""Link an actor to Wikidata, or abstain.

Every candidate gets a confidence; ``owl:sameAs`` is asserted only at ``ASSERT_AT`` or above,
and everything considered goes to ``mappings.sssom.tsv``. Sources, most trusted first:

1. the gazetteer's verified rows (``strong``: a Wikidata-derived dataset pairs QID and label):
   an exact name of the single entry of the right type;
2. the same rows by surname ("Doe" -> "Jane Doe"): only the single gazetteer person with
   that surname, and asserted only when a title in the text backs it ("Foreign Secretary Doe");
3. the ELEVANT label list (Wikidata labels paired with QIDs by a Wikidata-derived benchmark):
   an exact label that has exactly one QID in the list, for a name whose type we know (a UN
   member state, or a full personal name). A label shared by several QIDs is never asserted,
   however lopsided its counts ("Poland": 4 QIDs). Organisation names are only suggested:
   the list has no types, and institutions share names with buildings and places.
A gazetteer row without a QID (a person known by offices only) gives the canonical name and
no link. A user's reviewed mappings override all of this (see ``Reviewed``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.lexicon import GazetteerEntry, Lexicon
from kg.link.model import Actor, LinkCandidate
from kg.link.names import actor_key
from kg.timing import timed

LEXICAL = "semapv:LexicalMatching"
MANUAL = "semapv:ManualMappingCuration"
ASSERT_AT = 0.9
CONFIDENCE_GAZETTEER = 0.95
CONFIDENCE_SURNAME = 0.8
TITLE_BONUS = 0.12
CONFIDENCE_WEAK_ROW = 0.6
CONFIDENCE_AMBIGUOUS = 0.4
ELEVANT_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Reviewed:
    """Mappings a person reviewed: accepted QIDs by actor key, rejected QIDs by actor key."""

    accepted: dict[str, str] = field(default_factory=dict)
    rejected: dict[str, frozenset[str]] = field(default_factory=dict)


NO_REVIEW = Reviewed()


def _gazetteer_candidates(
    actor_type: str, names: Sequence[str], gazetteer_labels: Sequence[str], lexicon: Lexicon
) -> list[GazetteerEntry]:
    found: list[GazetteerEntry] = []
    for label in sorted(set(gazetteer_labels)):
        entry = lexicon.entry_labelled(label)
        if entry is not None and entry not in found:
            found.append(entry)
    for name in names:
        for entry in lexicon.entries_named(name):
            if entry.type == actor_type and entry not in found:
                found.append(entry)
    return [e for e in found if e.type == actor_type]


def _surname_entries(names: Sequence[str], lexicon: Lexicon) -> list[GazetteerEntry]:
    singles = {n.casefold() for n in names if len(n.split()) == 1 and n[:1].isupper() and len(n) >= 3}
    if not singles:
        return []
    return [
        entry
        for entry in lexicon.gazetteer
        if entry.type == "Person"
        and any(name.split()[-1].casefold() in singles for name in entry.names if len(name.split()) > 1)
    ]


def _elevant_candidates(actor_type: str, names: Sequence[str], lexicon: Lexicon, known_country: bool) -> list[LinkCandidate]:
    out: list[LinkCandidate] = []
    for name in sorted(set(names)):
        labels = lexicon.elevant_named(name)
        if not labels:
            continue
        total = sum(label.occurrences for label in labels)
        eligible = (
            (actor_type == "Country" and known_country)
            or (actor_type == "Person" and len(name.split()) > 1)
        )
        unique = len(labels) == 1
        for rank, label in enumerate(labels[:5]):
            confident = rank == 0 and eligible and unique
            out.append(
                LinkCandidate(
                    qid=label.qid, label=label.label,
                    confidence=ELEVANT_CONFIDENCE if confident else round(min(0.6, label.occurrences / total), 2),
                    asserted=False, justification=LEXICAL,
                    comment=(
                        f"ELEVANT label {label.label!r}: {label.occurrences} of {total} occurrences"
                        + ("" if eligible else f"; type {actor_type} not known for this label")
                    ),
                )
            )
    return out


def _with_assertion(candidates: list[LinkCandidate], rejected: frozenset[str]) -> tuple[LinkCandidate | None, tuple[LinkCandidate, ...]]:
    """Assert the best candidate if it alone reaches the threshold."""
    best: dict[str, LinkCandidate] = {}
    for candidate in candidates:
        if candidate.qid in rejected:
            continue
        if candidate.qid not in best or candidate.confidence > best[candidate.qid].confidence:
            best[candidate.qid] = candidate
    confident = [c for c in best.values() if c.confidence >= ASSERT_AT]
    chosen = confident[0] if len({c.qid for c in confident}) == 1 else None
    final = tuple(
        sorted(
            (
                LinkCandidate(c.qid, c.label, c.confidence, c is chosen, c.justification, c.comment)
                for c in best.values()
            ),
            key=lambda c: (-c.confidence, c.qid),
        )
    )
    return chosen, final


class Linker:
    """The one linker of a build: the lexicon and the reviewed mappings, applied to every way a
    text names an actor (name, surname, title, demonym, capital, publisher). Built once per
    build (per worker process); every stage that links goes through it, so a reviewed
    acceptance or rejection holds whatever path found the actor."""

    def __init__(self, lexicon: Lexicon, reviewed: Reviewed = NO_REVIEW) -> None:
        self.lexicon = lexicon
        self.reviewed = reviewed

    def link(self, actor_type: str, canonical: str, names: Sequence[str], gazetteer_labels: Sequence[str] = (),
             *, titled: bool = False) -> Actor:
        """The actor named ``canonical`` (and ``names``), linked to Wikidata where that is
        certain and no reviewed mapping says otherwise (see the module docstring)."""
        return _link_actor(actor_type, canonical, names, gazetteer_labels, self.lexicon, titled=titled,
                           reviewed=self.reviewed)


@timed("link")
def _link_actor(
    actor_type: str,
    canonical: str,
    names: Sequence[str],
    gazetteer_labels: Sequence[str],
    lexicon: Lexicon,
    *,
    titled: bool = False,
    reviewed: Reviewed = NO_REVIEW,
) -> Actor:
    names_t = tuple(sorted(set(names)))
    entries = _gazetteer_candidates(actor_type, names, gazetteer_labels, lexicon)
    via_surname = False
    if not entries and actor_type == "Person":
        surname = _surname_entries(names, lexicon)
        if len(surname) == 1:
            entries, via_surname = surname, True

    label = canonical
    candidates: list[LinkCandidate] = []
    if len(entries) == 1:
        entry = entries[0]
        label = entry.label
        if entry.qid is not None:
            if via_surname:
                confidence = CONFIDENCE_SURNAME + (TITLE_BONUS if titled else 0.0)
                comment = f"the only gazetteer person with surname {canonical!r}" + (", backed by a title" if titled else "")
            elif entry.verified:
                confidence, comment = CONFIDENCE_GAZETTEER, f"unique {actor_type} gazetteer entry named {canonical!r}"
            else:
                confidence, comment = CONFIDENCE_WEAK_ROW, "gazetteer row not verified (weak evidence)"
            if not entry.verified:
                confidence = min(confidence, CONFIDENCE_WEAK_ROW)
            candidates.append(LinkCandidate(entry.qid, entry.label, round(confidence, 2), False, LEXICAL, comment))
    else:
        candidates.extend(
            LinkCandidate(e.qid, e.label, CONFIDENCE_AMBIGUOUS, False, LEXICAL,
                          f"ambiguous: {len(entries)} gazetteer entries share a name")
            for e in entries
            if e.qid is not None
        )
    if not any(e.qid for e in entries):
        known_country = actor_type == "Country" and any(n.casefold() in lexicon.country_names for n in names)
        candidates.extend(_elevant_candidates(actor_type, list(names) + [canonical], lexicon, known_country))

    key_before_link = actor_key(actor_type, label)
    rejected = reviewed.rejected.get(key_before_link, frozenset())
    accepted = reviewed.accepted.get(key_before_link)
    if accepted is not None:
        candidates.append(LinkCandidate(accepted, label, 1.0, False, MANUAL, "reviewed mapping supplied with --mappings"))
        candidates = [c for c in candidates if c.qid == accepted or c.confidence < ASSERT_AT]
    chosen, final = _with_assertion(candidates, rejected)
    if chosen is not None:
        return Actor(key=chosen.qid, label=label, type=actor_type, qid=chosen.qid, names=names_t, candidates=final)
    return Actor(key=key_before_link, label=label, type=actor_type, names=names_t, candidates=final)
