"""Turn documents and their extractions into quads.

A document's triples go to a staging store as soon as the document is added (an Oxigraph
store: in memory by default, on disk for a build), so that memory holds the cross-document
records (actors, events, positions), not the whole graph. ``quads()`` streams the final
quads: the staged ones with actor and event IRIs resolved, and the cross-document ones.

Document-specific facts (the document, its statements and events, which actors it mentions)
go into the document's named graph; cross-document resources (actors, places, positions,
concepts) into the default graph. Actors are described once, whatever the number of
documents that mention them.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.export.oxi import from_oxigraph_term, rdflib_graph, to_oxigraph_term, unwrap_quad, wrap_quad
from kg.extract.dates import compatible as _compatible
from kg.extract.dates import date_rank as _date_rank
from kg.extract.model import (
    OPEN_TITLE,
    Actor,
    DateValue,
    DocumentExtraction,
    EventItem,
    Place,
    Topic,
)
from kg.extract.names import actor_key
from kg.graph.iris import Iris
from kg.ingest import Document
from kg.link.linker import Linker
from kg.namespaces import NIF, SG

WD = "http://www.wikidata.org/entity/"
DATE_TYPES = {
    "date": XSD.date,
    "gYearMonth": XSD.gYearMonth,
    "gYear": XSD.gYear,
    "gMonthDay": XSD.gMonthDay,
}
MINTED_SCHEME_LABEL = "topics minted from statement text (not reviewed)"

# an absolute http(s) IRI with none of the characters an IRI may not contain
SAFE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")

Quad = tuple[Node, Node, Node, URIRef | None]


@dataclass(frozen=True)
class _EventRecord:
    document: URIRef
    local: URIRef  # the stand-in IRI of the report
    event: EventItem


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


VOICE_OF = "voice-of:"  # pseudo actor key: the state a speaker speaks for, resolved after the build


@dataclass
class _ActorRecord:
    actor: Actor
    names: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)


STAGE_FLUSH = 100_000  # staged quads are written to the store in bulks of this many


class GraphBuilder:
    def __init__(self, linker: Linker, iris: Iris | None = None, staging: ox.Store | None = None,
                 in_memory: int = 0) -> None:
        """``linker``: the build's (it links the documents' publishers); ``staging``: the store
        the documents' quads wait in until the end of the build; the first ``in_memory`` of
        them wait in memory instead (all of them, in a build that has no more)."""
        self.linker = linker
        self.lexicon = linker.lexicon
        self.iris = iris or Iris()
        self._shared: set[tuple[Node, Node, Node]] = set()
        self._staging = staging if staging is not None else ox.Store()
        self._in_memory = in_memory
        self._kept: list[ox.Quad] = []  # staged quads in memory, as they are (not wrapped)
        self._staged: list[ox.Quad] = []  # staged quads on their way to the store (wrapped)
        self.staged_quads = 0  # document quads staged so far
        self._document_iris: set[URIRef] = set()
        # actor IRIs that document triples refer to (before redirects), for _used_actor_iris
        self._referenced_actors: set[Node] = set()
        self._actors: dict[str, _ActorRecord] = {}
        self._places: dict[str, Place] = {}
        self._concepts: set[URIRef] = set()
        self._minted_topics: dict[URIRef, str] = {}
        # (document graph, statement, holder key, stance, topic): positions are minted at output,
        # once it is known which actor keys join which (see _redirects)
        self._expressions: list[tuple[URIRef, URIRef, str, str, Topic]] = []
        # (redirects, used actor IRIs), computed once after the last document
        self._resolved: tuple[dict[str, str], set[Node]] | None = None
        # (graph, statement, speaker) of statements whose person speaker had no state in its document
        self._voiceless: list[tuple[URIRef, URIRef, str]] = []
        self._events: list[_EventRecord] = []
        self._clusters: dict[URIRef, tuple] = {}
        self._roles: dict[str, set[str]] = {}  # person key -> role nouns of their titles, build-wide

    # -- input ---------------------------------------------------------------------------
    def add_document(self, document: Document, extraction: DocumentExtraction) -> None:
        iris = self.iris
        doc_iri = iris.document(document.id)
        self._resolved = None
        if doc_iri in self._document_iris:
            raise ValueError(f"document {document.id!r} was added twice")
        self._document_iris.add(doc_iri)
        triples: set[tuple[Node, Node, Node]] = set()
        add = triples.add

        add((doc_iri, RDF.type, SG.Document))
        add((doc_iri, RDF.type, PROV.Entity))
        add((doc_iri, DCTERMS.identifier, Literal(document.id)))
        add((doc_iri, SG.textLength, Literal(len(document.text), datatype=XSD.nonNegativeInteger)))
        if document.title:
            add((doc_iri, DCTERMS.title, Literal(document.title)))
        if document.date:
            add((doc_iri, DCTERMS.date, Literal(document.date.isoformat(), datatype=XSD.date)))
        if document.url and SAFE_IRI.match(document.url):
            add((doc_iri, DCTERMS.source, URIRef(document.url)))
        if document.author:
            add((doc_iri, DCTERMS.creator, Literal(document.author)))
        if document.language:
            add((doc_iri, DCTERMS.language, Literal(document.language)))
        if document.publisher:
            publisher = self.linker.link("Organization", document.publisher, [document.publisher])
            self._remember_actor(publisher)
            add((doc_iri, DCTERMS.publisher, iris.actor(publisher.key)))

        speaker_types = {actor.key: actor.type for actor in extraction.actors}
        for key, roles in extraction.roles:
            self._roles.setdefault(key, set()).update(roles)
        mentioned = set(extraction.mentioned) if extraction.mentioned is not None else None
        for actor in extraction.actors:
            self._remember_actor(actor)
            if mentioned is None or actor.key in mentioned:
                add((iris.actor(actor.key), SG.mentionedIn, doc_iri))
        for place in extraction.places:
            self._places.setdefault(place.key, place)

        event_iris = []
        for number, event in enumerate(extraction.events):
            # a stand-in IRI: the same event reported by several documents becomes one
            # resource once the whole build is known (see _event_clusters)
            event_iri = URIRef(f"{iris.event(document.id, event.begin)}/{number}")
            event_iris.append(event_iri)
            self._concepts.add(SG[event.type])
            self._events.append(_EventRecord(doc_iri, event_iri, event))
            add((event_iri, PROV.wasDerivedFrom, doc_iri))

        for statement in extraction.statements:
            s = iris.statement(document.id, statement.begin, statement.end)
            add((s, RDF.type, SG.Statement))
            add((s, RDF.type, PROV.Entity))
            add((s, SG.text, Literal(statement.text)))
            add((s, NIF.beginIndex, Literal(statement.begin, datatype=XSD.nonNegativeInteger)))
            add((s, NIF.endIndex, Literal(statement.end, datatype=XSD.nonNegativeInteger)))
            add((s, SG.speaker, iris.actor(statement.speaker)))
            add((s, SG.cue, Literal(statement.cue)))
            add((s, PROV.wasDerivedFrom, doc_iri))
            voiceless = not statement.on_behalf_of and speaker_types.get(statement.speaker) == "Person"
            if statement.date is not None:
                add((s, SG.date, Literal(statement.date.lexical, datatype=DATE_TYPES[statement.date.datatype])))
            if statement.on_behalf_of:
                add((s, SG.onBehalfOf, iris.actor(statement.on_behalf_of)))
            elif voiceless:  # the state the person speaks for may be known from another document
                self._voiceless.append((doc_iri, s, statement.speaker))
            if statement.event is not None:
                add((s, SG.inEvent, event_iris[statement.event]))
            for position in statement.positions:
                holder = position.holder
                if voiceless and holder == statement.speaker:
                    holder = VOICE_OF + holder  # the speaker's state, once the whole build is known
                self._expressions.append((doc_iri, s, holder, position.stance, position.topic))
        self._stage(doc_iri, triples)

    def _stage(self, graph: URIRef, triples: set[tuple[Node, Node, Node]]) -> None:
        actor_space = str(self.iris.actor(""))
        name = ox.NamedNode(str(graph))
        quads = []
        for s, p, o in triples:
            for term in (s, o):
                if isinstance(term, URIRef) and term.startswith(actor_space):
                    self._referenced_actors.add(term)
            quads.append(ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o), name))
        self.staged_quads += len(quads)
        if self.staged_quads <= self._in_memory:
            self._kept.extend(quads)
            return
        if self._kept:  # more than fit in memory: all go to the store
            quads = self._kept + quads
            self._kept = []
        self._staged.extend(wrap_quad(q) for q in quads)
        if len(self._staged) >= STAGE_FLUSH:
            self._flush()

    def _flush(self) -> None:
        if self._staged:
            self._staging.bulk_extend(self._staged)
            self._staged = []

    def _remember_actor(self, actor: Actor) -> None:
        record = self._actors.get(actor.key)
        if record is None:
            record = self._actors[actor.key] = _ActorRecord(actor)
        record.names.update(actor.names)
        if actor.affiliation:
            record.affiliations.add(actor.affiliation)
        if actor.label < record.actor.label and actor.qid is None:
            record.actor = actor

    def _position_triples(self, redirects: dict[str, str]) -> tuple[set, set]:
        """(shared position triples, (graph, statement, sg:expresses, position) quads)."""
        shared: set[tuple[Node, Node, Node]] = set()
        links: set[tuple[URIRef, URIRef, URIRef]] = set()
        for graph, statement, holder, stance, topic in self._expressions:
            holder = redirects.get(holder, holder)
            p = self.iris.position(holder, stance, topic)
            links.add((graph, statement, p))
            shared.add((p, RDF.type, SG.Position))
            shared.add((p, SG.holder, self.iris.actor(holder)))
            stance_iri = SG[stance]
            self._concepts.add(stance_iri)
            shared.add((p, SG.stance, stance_iri))
            topic_iri = self.iris.topic(topic)
            shared.add((p, SG.topic, topic_iri))
            if topic.iri:
                self._concepts.add(topic_iri)
            else:
                self._minted_topics[topic_iri] = topic.label
        return shared, links

    def _resolution(self) -> tuple[dict[str, str], set[Node]]:
        """Which actor keys join which, and which actor IRIs the graph refers to."""
        if self._resolved is None:
            redirects = self._redirects()
            self._clusters = self._event_clusters(redirects)
            self._resolved = (redirects, self._used_actor_iris(redirects))
        return self._resolved

    def _participant(self, key: str, redirects: dict[str, str]) -> str | None:
        """A participant's final key. A title nobody in its document holds ("The Chinese
        Foreign Minister" in an undated text) is the one person of the build who has that
        role for that state; with none or several, the participant is left out."""
        if not key.startswith(OPEN_TITLE):
            return redirects.get(key, key)
        state, role = key[len(OPEN_TITLE):].split("|", 1)
        holders = set()
        for person, roles in self._roles.items():
            record = self._actors.get(person)
            if record is None or role not in roles:
                continue
            for affiliation in record.affiliations:
                target = self._actors.get(redirects.get(affiliation, affiliation))
                if target is not None and target.actor.label == state:
                    holders.add(redirects.get(person, person))
        return holders.pop() if len(holders) == 1 else None

    def _event_clusters(self, redirects: dict[str, str]) -> dict[URIRef, tuple[URIRef, EventItem, tuple[str, ...], DateValue | None]]:
        """The one resource of each event: reports of the same type with the same participants
        (after actor redirects) and compatible dates are one event, across documents. Each
        report's stand-in IRI maps to (event IRI, a report, participants, date)."""
        groups: dict[tuple[str, tuple[str, ...]], list[_EventRecord]] = {}
        for record in self._events:
            participants = tuple(sorted({
                resolved for p in record.event.participants
                if (resolved := self._participant(p, redirects)) is not None
            }))
            if participants:  # an open title nobody resolves was the only participant: no event
                groups.setdefault((record.event.type, participants), []).append(record)
        out = {}
        for (event_type, participants), records in sorted(groups.items()):
            clusters: list[list[_EventRecord]] = []
            # most specific dates first, so that "--02-26" and undated reports join a dated event
            for record in sorted(records, key=lambda r: (-_date_rank(r.event.date), str(r.local))):
                date = record.event.date
                fits = [c for c in clusters if all(_compatible(date, r.event.date) for r in c)]
                if len(fits) == 1 or (fits and date is not None):
                    fits[0].append(record)
                else:
                    clusters.append([record])
            for cluster in clusters:
                date = max((r.event.date for r in cluster), key=_date_rank)
                digest = hashlib.sha1("\n".join(participants).encode("utf-8")).hexdigest()[:12]
                iri = self.iris.merged_event(event_type, date.lexical if date else None, digest)
                first = min(cluster, key=lambda r: (str(r.document), r.event.begin))
                for record in cluster:
                    out[record.local] = (iri, first.event, participants, date)
        return out

    @property
    def actor_count(self) -> int:
        redirects, used = self._resolution()
        return len({redirects.get(k, k) for k in self._actors if self.iris.actor(redirects.get(k, k)) in used})

    @property
    def position_count(self) -> int:
        redirects, _ = self._resolution()
        return len({
            (redirects.get(holder, holder), stance, self.iris.topic(topic))
            for _, _, holder, stance, topic in self._expressions
        })

    # -- output --------------------------------------------------------------------------
    def _shared_triples(self, redirects: dict[str, str]) -> set[tuple[Node, Node, Node]]:
        triples = set(self._shared)
        add = triples.add
        iris = self.iris
        _, used = self._resolution()
        actor_keys = {k for k in self._actors if iris.actor(redirects.get(k, k)) in used}
        for key, record in self._actors.items():
            actor = record.actor
            a = iris.actor(key)
            if key not in actor_keys:
                continue  # known only from a title or a longer name, and nothing refers to it
            if key in redirects:  # described by the linked actor it joins; keep its names
                target = self._actors[redirects[key]].actor
                for name in sorted(record.names - {target.label}):
                    add((a, SKOS.altLabel, Literal(name)))
                for affiliation in record.affiliations:
                    if affiliation in actor_keys:
                        add((a, SG.affiliation, iris.actor(redirects.get(affiliation, affiliation))))
                continue
            add((a, RDF.type, SG.Actor))
            add((a, RDF.type, SG[actor.type]))
            add((a, RDFS.label, Literal(actor.label)))
            for name in sorted(record.names - {actor.label}):
                add((a, SKOS.altLabel, Literal(name)))
            if actor.qid:
                add((a, OWL.sameAs, URIRef(WD + actor.qid)))
            for affiliation in record.affiliations:
                if affiliation in actor_keys:
                    add((a, SG.affiliation, iris.actor(redirects.get(affiliation, affiliation))))
        for key, place in self._places.items():
            p = iris.place(key)
            add((p, RDF.type, SG.Place))
            add((p, RDFS.label, Literal(place.label)))
            if place.qid:
                add((p, OWL.sameAs, URIRef(WD + place.qid)))
        schemes = self.lexicon.scheme_graph
        described_schemes: set[Node] = set()
        for concept in self._concepts:
            add((concept, RDF.type, SKOS.Concept))
            for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.inScheme, SKOS.notation,
                              SKOS.broader, SKOS.exactMatch, SKOS.definition):
                for value in schemes.objects(concept, predicate):
                    add((concept, predicate, value))
                    if predicate == SKOS.inScheme:
                        described_schemes.add(value)
        for scheme in described_schemes:
            add((scheme, RDF.type, SKOS.ConceptScheme))
            for value in schemes.objects(scheme, SKOS.prefLabel):
                add((scheme, SKOS.prefLabel, value))
        if self._minted_topics:
            scheme = iris.minted_topic_scheme
            add((scheme, RDF.type, SKOS.ConceptScheme))
            add((scheme, SKOS.prefLabel, Literal(MINTED_SCHEME_LABEL, lang="en")))
            for topic_iri, label in self._minted_topics.items():
                add((topic_iri, RDF.type, SKOS.Concept))
                add((topic_iri, SKOS.prefLabel, Literal(label, lang="en")))
                add((topic_iri, SKOS.inScheme, scheme))
                add((topic_iri, SG.reviewed, Literal(False)))
        return triples

    def _event_triples(self) -> set[tuple[Node, Node, Node]]:
        triples: set[tuple[Node, Node, Node]] = set()
        places: dict[URIRef, set[str]] = {}
        for record in self._events:
            if record.local not in self._clusters:
                continue
            iri, first, participants, date = self._clusters[record.local]
            if record.event.place is not None:
                places.setdefault(iri, set()).add(record.event.place)
            if (iri, RDF.type, SG.Event) in triples:
                continue
            triples.add((iri, RDF.type, SG.Event))
            triples.add((iri, SG.eventType, SG[first.type]))
            for participant in participants:
                triples.add((iri, SG.participant, self.iris.actor(participant)))
            if date is not None:
                triples.add((iri, SG.date, Literal(date.lexical, datatype=DATE_TYPES[date.datatype])))
        for iri, keys in places.items():  # one place: the first by key when reports differ
            triples.add((iri, SG.place, self.iris.place(min(keys))))
        return triples

    @property
    def event_count(self) -> int:
        self._resolution()
        return len({cluster[0] for cluster in self._clusters.values()})

    def _used_actor_iris(self, redirects: dict[str, str]) -> set[Node]:
        """Actor IRIs (after redirects) that a document triple, a position or a used actor's
        affiliation refers to."""
        fix = {self.iris.actor(k): self.iris.actor(v) for k, v in redirects.items()}
        used: set[Node] = {fix.get(term, term) for term in self._referenced_actors}
        for _, _, holder, _, _ in self._expressions:
            used.add(self.iris.actor(redirects.get(holder, holder)))
        for record in self._events:
            used.update(self.iris.actor(k) for p in record.event.participants
                        if (k := self._participant(p, redirects)) is not None)
        for key, record in self._actors.items():
            if self.iris.actor(redirects.get(key, key)) in used:
                for affiliation in record.affiliations:
                    used.add(self.iris.actor(redirects.get(affiliation, affiliation)))
        return used

    def _redirects(self) -> dict[str, str]:
        """One IRI per actor across documents: where one document linked an actor (key = QID)
        and another only knew its name (key = type/name), the name key joins the linked one."""
        linked = {
            actor_key(record.actor.type, record.actor.label): key
            for key, record in self._actors.items()
            if record.actor.qid is not None
        }
        redirects = {key: linked[key] for key in self._actors if key in linked and linked[key] != key}
        # a one-word person name joins the only person of the build whose full name ends with it
        full_by_surname: dict[str, set[str]] = {}
        for key, record in self._actors.items():
            words = record.actor.label.split()
            if record.actor.type == "Person" and len(words) > 1 and key not in redirects:
                full_by_surname.setdefault(words[-1].casefold(), set()).add(key)
        for key, record in self._actors.items():
            words = record.actor.label.split()
            if record.actor.type != "Person" or len(words) != 1 or key in redirects or record.actor.qid:
                continue
            owners = full_by_surname.get(words[0].casefold(), set())
            if len(owners) == 1:
                redirects[key] = owners.pop()
        redirects.update(self._name_variants(redirects))
        # a person's statement with no state of its own in its document: the one state that
        # the build affiliates the person with (else the person holds the position)
        for speaker in {k for _, _, k in self._voiceless}:
            voice = self._build_voice(speaker, redirects)
            redirects[VOICE_OF + speaker] = voice if voice is not None else redirects.get(speaker, speaker)
        return redirects

    def _name_variants(self, redirects: dict[str, str]) -> dict[str, str]:
        """Two spellings of one person's name in two reports of one event ("Adviser Dupont",
        "Adviser Dupond"): events of one type on compatible dates, in different documents,
        whose participants are the same but for one person each, where the two persons have
        no conflicting Wikidata links, share a state, and have near names (see
        ``_near_names``). The less documented spelling joins the other."""
        by_others: dict[tuple[str, tuple[str, ...]], list[tuple[str, _EventRecord]]] = {}
        for record in self._events:
            participants = {
                k for p in record.event.participants if (k := self._participant(p, redirects)) is not None
            }
            for person in participants:
                others = tuple(sorted(participants - {person}))
                if others and self._actors.get(person) and self._actors[person].actor.type == "Person":
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
                    if p in found or q in found or not self._same_person(p, q, redirects):
                        continue
                    weak, strong = sorted((p, q), key=lambda k: (
                        self._actors[k].actor.qid is not None, len(documents[k]),
                        len(self._actors[k].actor.label), k,
                    ))
                    found[weak] = strong
        return found

    def _same_person(self, p: str, q: str, redirects: dict[str, str]) -> bool:
        a, b = self._actors[p].actor, self._actors[q].actor
        if a.qid and b.qid:
            return False
        states = [
            {redirects.get(x, x) for x in self._actors[k].affiliations} for k in (p, q)
        ]
        return bool(states[0] & states[1]) and _near_names(a.label, b.label)

    def _build_voice(self, speaker: str, redirects: dict[str, str]) -> str | None:
        final = redirects.get(speaker, speaker)
        states = {
            redirects.get(a, a)
            for key, record in self._actors.items() if redirects.get(key, key) == final
            for a in record.affiliations
            if self._actors.get(a) is not None and self._actors[a].actor.type == "Country"
        }
        return states.pop() if len(states) == 1 else None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the build, as Oxigraph terms (each quad once; in no set order)."""
        self._flush()
        redirects, _ = self._resolution()
        iri_redirects = {self.iris.actor(k): self.iris.actor(v) for k, v in redirects.items()}

        event_iris = {local: cluster[0] for local, cluster in self._clusters.items()}

        def fix(term):
            return iri_redirects.get(term) or event_iris.get(term, term)

        def quad(s, p, o, g=None) -> ox.Quad:
            graph = ox.DefaultGraph() if g is None else ox.NamedNode(str(g))
            return ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o), graph)

        position_triples, expressions = self._position_triples(redirects)
        shared = self._shared_triples(redirects) | position_triples | self._event_triples()
        seen: set[tuple] = set()
        for s, p, o in shared:
            triple = (fix(s), p, fix(o))
            if triple not in seen:
                seen.add(triple)
                yield quad(*triple)
        for graph, statement, position in expressions:
            yield quad(statement, SG.expresses, position, graph)
        dropped = {ox.NamedNode(str(r.local)) for r in self._events} - {ox.NamedNode(str(e)) for e in event_iris}
        ox_fix = {ox.NamedNode(str(a)): ox.NamedNode(str(b)) for a, b in (*iri_redirects.items(), *event_iris.items())}
        stored = (unwrap_quad(q) for q in self._staging.quads_for_pattern(None, None, None, None))
        # Two names of one actor in a document make the same quad once both are redirected:
        # a quad is yielded once. Only a redirected quad, or one about a redirect's target,
        # can meet another, so only those are remembered.
        targets = set(ox_fix.values())
        redirected: set[ox.Quad] = set()
        kept: set[ox.Quad] = set()
        for staged in itertools.chain(self._kept, stored):
            s, o = staged.subject, staged.object
            if s in dropped or o in dropped:
                continue  # the report of an event left without participants
            if s in ox_fix or o in ox_fix:
                redirected.add(ox.Quad(ox_fix.get(s, s), staged.predicate, ox_fix.get(o, o), staged.graph_name))
                continue
            if s in targets or o in targets:
                kept.add(staged)
            yield staged
        redirected -= kept
        yield from redirected
        mentioned_in = ox.NamedNode(str(SG.mentionedIn))
        mentions = {q for q in (*kept, *redirected) if q.predicate == mentioned_in}
        # a participant with no other provenance (known from the title or metadata only, or
        # resolved from an open title across the build) is mentioned by the reports of its event
        referenced = {fix(term) for term in self._referenced_actors} | self._shared_actor_references(redirects)
        for record in self._events:
            if record.local not in self._clusters:
                continue
            own = {self._participant(p, redirects) for p in record.event.participants}
            for participant in self._clusters[record.local][2]:
                iri = self.iris.actor(participant)
                if iri not in referenced and participant in own:
                    mention = quad(iri, SG.mentionedIn, record.document, record.document)
                    if mention not in mentions:  # its document may say so already, of another name
                        yield mention
        for graph, statement, speaker in self._voiceless:
            voice = redirects[VOICE_OF + speaker]
            if voice != redirects.get(speaker, speaker):
                yield quad(statement, SG.onBehalfOf, self.iris.actor(voice), graph)

    def _shared_actor_references(self, redirects: dict[str, str]) -> set[Node]:
        """Actors a person is affiliated with (a publisher is in the document triples)."""
        return {self.iris.actor(redirects.get(a, a)) for record in self._actors.values() for a in record.affiliations}

    def release_staging(self) -> None:
        """Close the staging store (its quads are gone from this builder afterwards)."""
        self._staged = []
        self._kept = []
        self._staging = ox.Store()

    def rdflib_quads(self) -> Iterator[Quad]:
        """``quads()`` as rdflib terms."""
        for q in self.quads():
            graph = None if isinstance(q.graph_name, ox.DefaultGraph) else URIRef(q.graph_name.value)
            yield (from_oxigraph_term(q.subject), from_oxigraph_term(q.predicate),
                   from_oxigraph_term(q.object), graph)

    def union_graph(self) -> Graph:
        """All triples in one rdflib graph (for tests and small builds: it holds everything)."""
        return rdflib_graph(self.quads())

    def candidates(self) -> Iterator[tuple[URIRef, Actor]]:
        """Every actor (under its final IRI) with its link candidates, for the SSSOM file."""
        redirects, used = self._resolution()
        for key in sorted(self._actors):
            final = redirects.get(key, key)
            if self.iris.actor(final) not in used:
                continue
            record = self._actors[final].actor
            yield self.iris.actor(final), Actor(
                key=final, label=record.label, type=record.type, qid=record.qid,
                names=self._actors[key].actor.names,
                candidates=self._actors[key].actor.candidates if key == final else tuple(
                    c for c in self._actors[key].actor.candidates if c.qid != record.qid
                ),
            )
