"""Link an actor to Wikidata, or abstain.

Every candidate gets a confidence; ``owl:sameAs`` is asserted only at ``ASSERT_AT`` or above,
and everything considered goes to ``mappings.sssom.tsv``. Sources, most trusted first:

1. the gazetteer's verified rows (``strong``: a Wikidata-derived dataset pairs QID and label,
   and for a person a page says who they are): an exact name of the single entry of the right
   type; for a UN member or observer state, the item ``state-qids.tsv`` gives it where several
   Wikidata-derived tables agree (a name that also names something else, "Georgia", only where
   the document tells the state: ``state_named``);
2. the same rows by surname ("Doe" -> "Jane Doe"): only the single gazetteer person with
   that surname, and asserted only when a title in the text backs it ("Foreign Secretary Doe")
   and no namesake is known or the title is one of the person's offices;
3. the ELEVANT label list (Wikidata labels paired with QIDs by a Wikidata-derived benchmark)
   only suggests: a label, even one with a single QID, says nothing of the item, so nothing
   ties the text's "Representative Jane Roe" or "Tom Poe" (a school) to the
   economist or the president of that label. A person is linked through a gazetteer row
   (curated, with its evidence), a state through ``state-qids.tsv``.
A gazetteer row without a QID (a person known by offices only) gives the canonical name and
no link. A user's reviewed mappings override all of this (see ``Reviewed``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.lexicon import GazetteerEntry, Lexicon, StateItem
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
CONFIDENCE_LABEL_ONLY = 0.6


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


def _surname_tells(entry: GazetteerEntry, names: Sequence[str], title: Sequence[str], lexicon: Lexicon) -> bool:
    """Whether a surname alone may stand for the one gazetteer person of that surname: no
    namesake is known (no other full name of the ELEVANT label list ends with it: "Roe" is
    Jane's and Tom's), or the text's title is a role of one of the person's offices
    ("President Roe" for a gazetteer President Jane Roe)."""
    surnames = {n.casefold() for n in names if len(n.split()) == 1}
    own = {n.casefold() for n in entry.names}
    if not any(label.casefold() not in own for s in surnames for label in lexicon.full_names_ending(s)):
        return True
    words = set(title)
    return any(
        set(role.split()) <= words
        for term in entry.offices if term.office in lexicon.offices
        for role in lexicon.offices[term.office].roles
    )


def _elevant_candidates(names: Sequence[str], lexicon: Lexicon) -> list[LinkCandidate]:
    """Candidates from the ELEVANT label list, never asserted: the list pairs a label with an
    item but says nothing of the item, so a label alone ties no mention to it ("Representative
    Jane Roe" is not the economist whose label it is)."""
    out: list[LinkCandidate] = []
    for name in sorted(set(names)):
        labels = lexicon.elevant_named(name)
        if not labels:
            continue
        total = sum(label.occurrences for label in labels)
        for label in labels[:5]:
            out.append(
                LinkCandidate(
                    qid=label.qid, label=label.label,
                    confidence=round(min(CONFIDENCE_LABEL_ONLY, label.occurrences / total), 2),
                    asserted=False, justification=LEXICAL,
                    comment=f"ELEVANT label {label.label!r}: {label.occurrences} of {total} occurrences; "
                            "a label alone ties no mention to the item",
                )
            )
    return out


def _state_item(actor_type: str, names: Sequence[str], lexicon: Lexicon) -> StateItem | None:
    """The one state item the names of a Country name (state-qids.tsv), or None."""
    if actor_type != "Country":
        return None
    items = {item for name in names if (item := lexicon.state_item(name)) is not None}
    return items.pop() if len(items) == 1 else None


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
             *, title: Sequence[str] = (), state_named: bool = False) -> Actor:
        """The actor named ``canonical`` (and ``names``), linked to Wikidata where that is
        certain and no reviewed mapping says otherwise (see the module docstring).
        ``title``: the lower-case words of the title before the name, if the text gives one.
        ``state_named``: the document tells that a state's name that also names something else
        (shared-state-names.tsv) means the state."""
        return _link_actor(actor_type, canonical, names, gazetteer_labels, self.lexicon, title=tuple(title),
                           state_named=state_named, reviewed=self.reviewed)


@timed("link")
def _link_actor(
    actor_type: str,
    canonical: str,
    names: Sequence[str],
    gazetteer_labels: Sequence[str],
    lexicon: Lexicon,
    *,
    title: tuple[str, ...] = (),
    state_named: bool = False,
    reviewed: Reviewed = NO_REVIEW,
) -> Actor:
    names_t = tuple(sorted(set(names)))
    entries = _gazetteer_candidates(actor_type, names, gazetteer_labels, lexicon)
    via_surname = False
    titled = bool(title)
    if not entries and actor_type == "Person":
        surname = _surname_entries(names, lexicon)
        if len(surname) == 1 and _surname_tells(surname[0], names, title, lexicon):
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
    state = _state_item(actor_type, names_t + (canonical,), lexicon) if not any(e.qid for e in entries) else None
    shared = next((n for n in (canonical, *names_t) if n.casefold() in lexicon.shared_state_names), None)
    if state is not None and shared is not None and not state_named:
        candidates.append(LinkCandidate(
            state.qid, label, CONFIDENCE_WEAK_ROW, False, LEXICAL,
            f"{shared!r} also names something else (shared-state-names.tsv) and nothing in the text tells the state",
        ))
    elif state is not None:
        candidates.append(LinkCandidate(
            state.qid, label, CONFIDENCE_GAZETTEER, False, LEXICAL,
            f"UN member or observer state {state.code} (state-qids.tsv: {state.evidence})",
        ))
    elif not any(e.qid for e in entries):
        candidates.extend(_elevant_candidates(list(names) + [canonical], lexicon))

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
