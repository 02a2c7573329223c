"""The build-wide decisions, made once after the last document: who is who.

``BuildIndex`` gathers, document by document, what these decisions read (the actors with
their names and affiliations, the event reports, the role nouns of titles, the speakers
who spoke for no state in their document, the actors that documents and positions refer
to). ``resolve`` turns it into a frozen ``Resolution``:

- ``redirects``: the final key of every actor key that is not its own (a name known in
  one document joins the linked actor of another; a surname joins the only full name that
  ends with it; two spellings of one person in two reports of one event join; a voiceless
  speaker's ``voice-of:`` key gets the one state the build affiliates the person with);
- ``participants``: the final key of every event participant (an open title is the one
  person of the build who holds that role for that state, or nobody);
- ``clusters``: the one event each report belongs to, across documents;
- ``used``: the actor IRIs the graph refers to.

It is pure: the same index gives the same resolution. The graph stage (kg.graph.build)
maps records and resolution to quads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from rdflib import URIRef
from rdflib.term import Node

from kg.extract.dates import compatible as _compatible
from kg.extract.dates import date_rank as _date_rank
from kg.extract.model import OPEN_TITLE, Actor, DateValue, EventItem, open_title_parts
from kg.extract.names import actor_key
from kg.graph.iris import Iris
from kg.link.linker import CONFIDENCE_SURNAME

__all__ = ["VOICE_OF", "ActorRecord", "BuildIndex", "Cluster", "EventRecord", "Resolution", "resolve"]

VOICE_OF = "voice-of:"  # pseudo actor key: the state a speaker speaks for, resolved after the build


@dataclass(frozen=True)
class EventRecord:
    document: URIRef
    local: URIRef  # the stand-in IRI of the report
    event: EventItem
    reported: dt.date | None = None  # the reporting document's date: the event is no later


@dataclass
class ActorRecord:
    actor: Actor
    names: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)


@dataclass
class BuildIndex:
    """What the build-wide decisions read, gathered as documents are added."""

    actors: dict[str, ActorRecord] = field(default_factory=dict)
    events: list[EventRecord] = field(default_factory=list)
    roles: dict[str, set[str]] = field(default_factory=dict)  # person key -> role nouns of their titles
    role_years: dict[tuple[str, str], set[int]] = field(default_factory=dict)  # (person, role) -> years of the documents that title them so
    voiceless: set[str] = field(default_factory=set)  # speakers with a statement for no state of theirs
    holders: list[str] = field(default_factory=list)  # position holder keys, as expressed
    referenced: set[Node] = field(default_factory=set)  # actor IRIs document triples refer to

    def remember(self, actor: Actor) -> None:
        record = self.actors.get(actor.key)
        if record is None:
            record = self.actors[actor.key] = ActorRecord(actor)
        record.names.update(actor.names)
        if actor.affiliation:
            record.affiliations.add(actor.affiliation)
        if actor.label < record.actor.label and actor.qid is None:
            record.actor = actor


# (event IRI, the report that describes it, its participants' final keys, its date)
Cluster = tuple[URIRef, EventItem, tuple[str, ...], DateValue | None]


@dataclass(frozen=True)
class Resolution:
    redirects: Mapping[str, str]
    participants: Mapping[str, str | None]
    clusters: Mapping[URIRef, Cluster]
    used: frozenset[Node]

    def final(self, key: str) -> str:
        return self.redirects.get(key, key)


def resolve(index: BuildIndex, iris: Iris) -> Resolution:
    redirects = _redirects(index)
    participants = {p: _participant(index, p, redirects) for r in index.events for p in r.event.participants}
    clusters = _event_clusters(index, participants, iris)
    used = _used_actor_iris(index, redirects, participants, iris)
    return Resolution(MappingProxyType(redirects), MappingProxyType(participants), MappingProxyType(clusters),
                      frozenset(used))


def _edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (x != y))
    return row[-1]


def _near_names(a: str, b: str) -> bool:
    """Spellings of one surname ("Dupond", "Dupont"): the last words differ, share their first
    three letters, and are at most two edits apart, and no more than 40% of the longer."""
    x, y = a.split()[-1].casefold(), b.split()[-1].casefold()
    if x == y or len(x) < 3 or x[:3] != y[:3]:
        return False
    distance = _edit_distance(x, y)
    return distance <= 2 and distance <= 0.4 * max(len(x), len(y))


def _participant(index: BuildIndex, key: str, redirects: dict[str, str]) -> str | None:
    """A participant's final key. A title nobody in its document holds ("The Chinese
    Foreign Minister" in an undated text) is the one person of the build who has that
    role for that state (in a dated text, one whom a document of its year titles so: the
    President of France of 2013 is not the one a text of 2018 names); with none or several,
    the participant is left out."""
    if not key.startswith(OPEN_TITLE):
        return redirects.get(key, key)
    state, role, year = open_title_parts(key)
    holders = set()
    for person, roles in index.roles.items():
        record = index.actors.get(person)
        if record is None or role not in roles or (year and int(year) not in index.role_years.get((person, role), ())):
            continue
        for affiliation in record.affiliations:
            target = index.actors.get(redirects.get(affiliation, affiliation))
            if target is not None and target.actor.label == state:
                holders.add(redirects.get(person, person))
    return holders.pop() if len(holders) == 1 else None


def _event_clusters(index: BuildIndex, final: Mapping[str, str | None], iris: Iris) -> dict[URIRef, Cluster]:
    """The one resource of each event: reports of the same type with the same participants
    (their ``final`` keys) and compatible dates are one event, across documents. Each
    report's stand-in IRI maps to (event IRI, a report, participants, date)."""
    groups: dict[tuple[str, tuple[str, ...]], list[EventRecord]] = {}
    for record in index.events:
        participants = tuple(sorted({
            resolved for p in record.event.participants if (resolved := final[p]) is not None
        }))
        if participants:  # an open title nobody resolves was the only participant: no event
            groups.setdefault((record.event.type, participants), []).append(record)
    out = {}
    for (event_type, participants), records in sorted(groups.items()):
        clusters: list[list[EventRecord]] = []
        # most specific dates first, so that "--02-26" and undated reports join a dated event
        for record in sorted(records, key=lambda r: (-_date_rank(r.event.date), str(r.local))):
            date = record.event.date
            # and no report's document older than another report's date: "visited Sevastopol"
            # in a text of 2017 is no visit of 2018
            fits = [c for c in clusters if all(_compatible(date, r.event.date) and _not_after(date, r.reported)
                                               and _not_after(r.event.date, record.reported) for r in c)]
            if len(participants) < 2:
                # one actor's speech or visit, undated or of a year or month: nothing says which
                # of theirs it is, unless both reports give the day
                fits = [c for c in fits if all(r.document == record.document or (
                    date is not None and date.datatype == "date" and r.event.date == date) for r in c)]
            if len(fits) == 1 or (fits and date is not None):
                fits[0].append(record)
            else:
                clusters.append([record])
        for cluster in clusters:
            date = max((r.event.date for r in cluster), key=_date_rank)
            digest = hashlib.sha1("\n".join(participants).encode("utf-8")).hexdigest()[:12]
            iri = iris.merged_event(event_type, date.lexical if date else None, digest)
            first = min(cluster, key=lambda r: (str(r.document), r.event.begin))
            for record in cluster:
                out[record.local] = (iri, first.event, participants, date)
    return out


def _not_after(date: DateValue | None, day: dt.date | None) -> bool:
    """Could an event of ``date`` have been reported on ``day``? (Not "2018-03-14" on 2017-06-15.)"""
    if date is None or day is None or date.datatype == "gMonthDay":
        return True
    return date.lexical <= day.isoformat()[:len(date.lexical)]


def _used_actor_iris(index: BuildIndex, redirects: dict[str, str], final: Mapping[str, str | None],
                     iris: Iris) -> set[Node]:
    """Actor IRIs (after redirects) that a document triple, a position, an event or a used
    actor's affiliation refers to."""
    fix = {iris.actor(k): iris.actor(v) for k, v in redirects.items()}
    used: set[Node] = {fix.get(term, term) for term in index.referenced}
    for holder in index.holders:
        used.add(iris.actor(redirects.get(holder, holder)))
    for record in index.events:
        used.update(iris.actor(k) for p in record.event.participants if (k := final[p]) is not None)
    for key, record in index.actors.items():
        if iris.actor(redirects.get(key, key)) in used:
            for affiliation in record.affiliations:
                used.add(iris.actor(redirects.get(affiliation, affiliation)))
    return used


def _redirects(index: BuildIndex) -> dict[str, str]:
    """One IRI per actor across documents: where one document linked an actor (key = QID)
    and another only knew its name (key = type/name), the name key joins the linked one."""
    linked = {
        actor_key(record.actor.type, record.actor.label): key
        for key, record in index.actors.items()
        if record.actor.qid is not None
    }
    # (not where the linker, in the unlinked actor's own document, weighed that item and held it
    # back for want of evidence: "Georgia" in a text that does not tell the state from the US
    # state; a surname without a title, the gazetteer's one person of that surname, still joins)
    redirects = {
        key: linked[key]
        for key, record in index.actors.items()
        if key in linked and linked[key] != key
        and _weighed(record, index.actors[linked[key]].actor.qid) in (None, True)
    }
    # a one-word person name joins the only person of the build whose full name ends with it;
    # a linked person only where the linker, in the surname's own document, found that person
    # the one of that surname (a candidate from the gazetteer: no known namesake, or a title of
    # theirs), never because another document names someone so ("Lima", a town, is not Tom
    # Lima)
    full_by_surname: dict[str, set[str]] = {}
    for key, record in index.actors.items():
        words = record.actor.label.split()
        if record.actor.type == "Person" and len(words) > 1 and key not in redirects:
            full_by_surname.setdefault(words[-1].casefold(), set()).add(key)
    for key, record in index.actors.items():
        words = record.actor.label.split()
        if record.actor.type != "Person" or len(words) != 1 or key in redirects or record.actor.qid:
            continue
        owners = full_by_surname.get(words[0].casefold(), set())
        if len(owners) != 1:
            continue
        owner = next(iter(owners))
        qid = index.actors[owner].actor.qid
        if qid is None or _weighed(record, qid) is True:
            redirects[key] = owner
    redirects.update(_name_variants(index, redirects))
    # a person's statement with no state of its own in its document: the one state that
    # the build affiliates the person with (else the person holds the position)
    for speaker in sorted(index.voiceless):
        voice = _build_voice(index, speaker, redirects)
        redirects[VOICE_OF + speaker] = voice if voice is not None else redirects.get(speaker, speaker)
    return redirects


def _weighed(record: ActorRecord, qid: str | None) -> bool | None:
    """How the linker, in the actor's own document, weighed the item ``qid``: None if not at all,
    True if as the gazetteer's one person of a surname (a title was all it lacked), False if it
    held the item back for want of evidence ("Georgia" in a text that does not tell the state)."""
    found = [c.confidence for c in record.actor.candidates if c.qid == qid]
    if not found:
        return None
    return max(found) >= CONFIDENCE_SURNAME


def _name_variants(index: BuildIndex, redirects: dict[str, str]) -> dict[str, str]:
    """Two spellings of one person's name in two reports of one event ("Adviser Dupont",
    "Adviser Dupond"): events of one type on compatible dates, in different documents,
    whose participants are the same but for one person each, where the two persons have
    no conflicting Wikidata links, share a state, and have near names (see
    ``_near_names``). The less documented spelling joins the other."""
    by_others: dict[tuple[str, tuple[str, ...]], list[tuple[str, EventRecord]]] = {}
    for record in index.events:
        participants = {
            k for p in record.event.participants if (k := _participant(index, p, redirects)) is not None
        }
        for person in participants:
            others = tuple(sorted(participants - {person}))
            if others and index.actors.get(person) and index.actors[person].actor.type == "Person":
                by_others.setdefault((record.event.type, others), []).append((person, record))
    documents: dict[str, set[URIRef]] = {}
    for person, record in (x for group in by_others.values() for x in group):
        documents.setdefault(person, set()).add(record.document)
    found: dict[str, str] = {}
    for _, group in sorted(by_others.items()):
        for i, (p, a) in enumerate(group):
            for q, b in group[i + 1 :]:
                if p == q or a.document == b.document or not _compatible(a.event.date, b.event.date):
                    continue
                if p in found or q in found or not _same_person(index, p, q, redirects):
                    continue
                weak, strong = sorted((p, q), key=lambda k: (
                    index.actors[k].actor.qid is not None, len(documents[k]),
                    len(index.actors[k].actor.label), k,
                ))
                found[weak] = strong
    return found


def _same_person(index: BuildIndex, p: str, q: str, redirects: dict[str, str]) -> bool:
    a, b = index.actors[p].actor, index.actors[q].actor
    if a.qid and b.qid:
        return False
    states = [
        {redirects.get(x, x) for x in index.actors[k].affiliations} for k in (p, q)
    ]
    return bool(states[0] & states[1]) and _near_names(a.label, b.label)


def _build_voice(index: BuildIndex, speaker: str, redirects: dict[str, str]) -> str | None:
    final = redirects.get(speaker, speaker)
    states = {
        redirects.get(a, a)
        for key, record in index.actors.items() if redirects.get(key, key) == final
        for a in record.affiliations
        if index.actors.get(a) is not None and index.actors[a].actor.type == "Country"
    }
    return states.pop() if len(states) == 1 else None
