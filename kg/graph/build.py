"""Map documents, their extractions and the build's resolution to quads.

``add_document`` maps what a document says on its own to quads, which wait in a
``QuadStaging`` (memory, then disk), and gathers into a ``BuildIndex`` what the build-wide
decisions need. After the last document, ``kg.graph.resolve`` decides who is who once (a
frozen ``Resolution``), and ``quads()`` streams the final quads: the staged ones with actor
and event IRIs resolved, and the cross-document ones.

Document-specific facts (the document, its statements and events, which actors it mentions)
go into the document's named graph; cross-document resources (actors, places, positions,
concepts) into the default graph. Actors are described once, whatever the number of
documents that mention them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.export.oxi import from_oxigraph_term, rdflib_graph, to_oxigraph_term
from kg.export.staging import QuadStaging
from kg.extract.model import Actor, DocumentExtraction, Place, Topic
from kg.extract.positions import RULES
from kg.graph.claims import POSITION, STATEMENT, position_class, read_calibration, statement_class
from kg.graph.iris import Iris
from kg.graph.resolve import VOICE_OF, BuildIndex, EventRecord, Resolution, resolve
from kg.graph.review import ClaimPolicy, ClaimRow, ReviewRow, status
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
class _Expression:
    """A position a statement expresses, with what a review row of it shows."""

    graph: URIRef
    statement: URIRef
    holder: str  # actor key, resolved at output
    stance: str
    topic: Topic
    confidence: Decimal
    klass: str  # how it was found (kg.graph.claims.position_class)
    document: str
    begin: int
    end: int
    speaker: str
    evidence: str


@lru_cache(maxsize=256)
def _decimal(value: Decimal) -> Literal:
    """The xsd:decimal literal of a confidence (a build has a few distinct ones)."""
    return Literal(value, datatype=XSD.decimal)


def default_policy() -> ClaimPolicy:
    calibration = read_calibration()
    return ClaimPolicy(calibration, calibration.default_min, {})


def document_kind_concept(kind: str) -> URIRef:
    """The concept of sg:DocumentKindScheme for a kind's notation: "news-report" -> sg:NewsReportDocument."""
    return SG["".join(part.capitalize() for part in kind.split("-")) + "Document"]


class GraphBuilder:
    def __init__(self, linker: Linker, iris: Iris | None = None, staging: QuadStaging | None = None,
                 claims: ClaimPolicy | None = None) -> None:
        """``linker``: the build's (it links the documents' publishers); ``staging``: where the
        documents' quads wait until the end of the build (default: in memory); ``claims``:
        the confidences and which claims are asserted (default: the shipped calibration and
        its minimum, kg.graph.claims)."""
        self.linker = linker
        self.claims = claims if claims is not None else default_policy()
        self._review: list[ReviewRow] = []
        self._statement_claims: list[ClaimRow] = []
        self.lexicon = linker.lexicon
        self.iris = iris or Iris()
        self._shared: set[tuple[Node, Node, Node]] = set()
        self._staging = staging if staging is not None else QuadStaging()
        self._document_iris: set[URIRef] = set()
        # what the build-wide decisions read (kg.graph.resolve), and their result once made
        self.index = BuildIndex()
        self._resolved: Resolution | None = None
        self._places: dict[str, Place] = {}
        self._concepts: set[URIRef] = set()  # event types met; stances and topics come with positions
        # positions are minted at output, once it is known which actor keys join which
        self._expressions: list[_Expression] = []
        self._decided: tuple | None = None
        # (graph, statement, speaker) of statements whose person speaker had no state in its document
        self._voiceless: list[tuple[URIRef, URIRef, str]] = []

    # -- input ---------------------------------------------------------------------------
    def add_document(self, document: Document, extraction: DocumentExtraction) -> int:
        """Stage the document's quads; the number of its statements asserted."""
        iris = self.iris
        doc_iri = iris.document(document.id)
        self._resolved = None
        self._decided = None
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
            self.index.remember(publisher)
            add((doc_iri, DCTERMS.publisher, iris.actor(publisher.key)))

        if extraction.kind:
            kind = document_kind_concept(extraction.kind)
            add((doc_iri, SG.documentKind, kind))
            self._concepts.add(kind)
        speaker_types = {actor.key: actor.type for actor in extraction.actors}
        for key, roles in extraction.roles:
            self.index.roles.setdefault(key, set()).update(roles)
            if document.date is not None:
                for role in roles:
                    self.index.role_years.setdefault((key, role), set()).add(document.date.year)
        mentioned = set(extraction.mentioned) if extraction.mentioned is not None else None
        for actor in extraction.actors:
            self.index.remember(actor)
            if mentioned is None or actor.key in mentioned:
                add((iris.actor(actor.key), SG.mentionedIn, doc_iri))
            for member in actor.members:  # a group: who it is, in the document that says so
                add((iris.actor(actor.key), SG.member, iris.actor(member)))
        for place in extraction.places:
            self._places.setdefault(place.key, place)

        event_iris = []
        for number, event in enumerate(extraction.events):
            # a stand-in IRI: the same event reported by several documents becomes one
            # resource once the whole build is known (see _event_clusters)
            event_iri = URIRef(f"{iris.event(document.id, event.begin)}/{number}")
            event_iris.append(event_iri)
            self._concepts.add(SG[event.type])
            self.index.events.append(EventRecord(doc_iri, event_iri, event, document.date))
            add((event_iri, PROV.wasDerivedFrom, doc_iri))

        labels = {actor.key: actor.label for actor in extraction.actors}
        asserted = 0
        for statement in extraction.statements:
            s = iris.statement(document.id, statement.begin, statement.end)
            klass = statement_class(statement.cue)
            shown, confidence, decision = self.claims.decide(str(s), "", self.claims.calibration.statement(statement))
            if decision or not shown:
                self._review.append(ReviewRow(
                    STATEMENT, str(s), "", document.id, statement.begin, statement.end,
                    labels.get(statement.speaker, statement.speaker), "", "", "", confidence,
                    self.claims.why(f"statement found by {klass}", confidence, decision), statement.text, decision))
            self._statement_claims.append(
                ClaimRow(STATEMENT, str(s), "", klass, confidence, status(shown, decision)))
            if not shown:
                continue  # neither the statement nor what it expresses is asserted
            asserted += 1
            add((s, SG.confidence, _decimal(confidence)))
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
                self.index.voiceless.add(statement.speaker)
            if statement.event is not None:
                add((s, SG.inEvent, event_iris[statement.event]))
            if statement.turn is not None:  # the transcript turn it was said in
                turn = iris.turn(document.id, statement.turn.begin)
                add((s, SG.inTurn, turn))
                add((turn, RDF.type, SG.Turn))
                add((turn, RDFS.label, Literal(statement.turn.label)))
                add((turn, NIF.beginIndex, Literal(statement.turn.begin, datatype=XSD.nonNegativeInteger)))
                add((turn, NIF.endIndex, Literal(statement.turn.end, datatype=XSD.nonNegativeInteger)))
                add((turn, PROV.wasDerivedFrom, doc_iri))
            for position in statement.positions:
                holder = position.holder
                if voiceless and holder == statement.speaker:
                    holder = VOICE_OF + holder  # the speaker's state, once the whole build is known
                self._expressions.append(_Expression(
                    doc_iri, s, holder, position.stance, position.topic, self.claims.calibration.position(position),
                    position_class(position), document.id, statement.begin, statement.end,
                    labels.get(statement.speaker, statement.speaker), statement.text))
                self.index.holders.append(holder)
        self._stage(doc_iri, triples)
        return asserted

    def _stage(self, graph: URIRef, triples: set[tuple[Node, Node, Node]]) -> None:
        actor_space = str(self.iris.actor(""))
        name = ox.NamedNode(str(graph))
        quads = []
        for s, p, o in triples:
            for term in (s, o):
                if isinstance(term, URIRef) and term.startswith(actor_space):
                    self.index.referenced.add(term)
            quads.append(ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o), name))
        self._staging.add(quads)

    @property
    def staged_quads(self) -> int:
        """Document quads staged so far."""
        return self._staging.count

    def _decide_positions(
        self, resolution: Resolution,
    ) -> tuple[list[tuple[_Expression, URIRef, str]], list[ReviewRow], list[ClaimRow]]:
        """(asserted expressions with their position IRI and final holder key, review rows of
        the others and of those a person decided, every position claim), once per resolution."""
        if self._decided is not None and self._decided[0] is resolution:
            return self._decided[1:]
        asserted: list[tuple[_Expression, URIRef, str]] = []
        rows: list[ReviewRow] = []
        claims: list[ClaimRow] = []
        for e in self._expressions:
            holder = resolution.final(e.holder)
            p = self.iris.position(holder, e.stance, e.topic)
            shown, confidence, decision = self.claims.decide(str(e.statement), str(p), e.confidence)
            claims.append(ClaimRow(POSITION, str(e.statement), str(p), e.klass, confidence, status(shown, decision)))
            if shown:
                asserted.append((replace(e, confidence=confidence), p, holder))
            if decision or not shown:
                record = self.index.actors.get(holder)
                rule = f"position found by {RULES.get(e.klass.split('/')[0].split('-')[0], e.klass)} ({e.klass})"
                rows.append(ReviewRow(
                    POSITION, str(e.statement), str(p), e.document, e.begin, e.end, e.speaker,
                    record.actor.label if record is not None else holder, e.stance, e.topic.label, confidence,
                    self.claims.why(rule, confidence, decision), e.evidence, decision))
        self._decided = (resolution, asserted, rows, claims)
        return asserted, rows, claims

    def review_rows(self) -> list[ReviewRow]:
        """The claims not asserted, and those a person decided (kg.graph.review)."""
        return [*self._review, *self._decide_positions(self._resolution())[1]]

    def claim_rows(self) -> list[ClaimRow]:
        """Every claim of the build: its rule, confidence and whether it is asserted."""
        return [*self._statement_claims, *self._decide_positions(self._resolution())[2]]

    def _position_triples(self, resolution: Resolution) -> tuple[set, set, set, dict]:
        """(shared position triples, (graph, statement, position) links, the stance and scheme
        topic concepts they use, the minted topics' labels by IRI)."""
        shared: set[tuple[Node, Node, Node]] = set()
        links: set[tuple[URIRef, URIRef, URIRef]] = set()
        concepts: set[URIRef] = set()
        minted: dict[URIRef, str] = {}
        confidence: dict[URIRef, Decimal] = {}
        for e, p, holder in self._decide_positions(resolution)[0]:
            links.add((e.graph, e.statement, p))
            # a position stated several times is as sure as its surest statement
            confidence[p] = max(confidence.get(p, e.confidence), e.confidence)
            shared.add((p, RDF.type, SG.Position))
            shared.add((p, SG.holder, self.iris.actor(holder)))
            stance_iri = SG[e.stance]
            concepts.add(stance_iri)
            shared.add((p, SG.stance, stance_iri))
            topic_iri = self.iris.topic(e.topic)
            shared.add((p, SG.topic, topic_iri))
            if e.topic.iri:
                concepts.add(topic_iri)
            else:
                minted[topic_iri] = e.topic.label
        shared.update((p, SG.confidence, _decimal(c)) for p, c in confidence.items())
        return shared, links, concepts, minted

    def _resolution(self) -> Resolution:
        """Who is who across the build (kg.graph.resolve), decided once after the last document."""
        if self._resolved is None:
            self._resolved = resolve(self.index, self.iris)
        return self._resolved

    @property
    def actor_count(self) -> int:
        r = self._resolution()
        return len({r.final(k) for k in self.index.actors if self.iris.actor(r.final(k)) in r.used})

    @property
    def position_count(self) -> int:
        r = self._resolution()
        return len({p for _, p, _ in self._decide_positions(r)[0]})

    @property
    def event_count(self) -> int:
        return len({cluster[0] for cluster in self._resolution().clusters.values()})

    # -- output: records and resolution mapped to quads ------------------------------------
    def _actor_triples(self, r: Resolution) -> set[tuple[Node, Node, Node]]:
        triples: set[tuple[Node, Node, Node]] = set()
        add = triples.add
        iris, actors = self.iris, self.index.actors
        actor_keys = {k for k in actors if iris.actor(r.final(k)) in r.used}
        for key, record in actors.items():
            if key not in actor_keys:
                continue  # known only from a title or a longer name, and nothing refers to it
            a = iris.actor(key)
            actor = record.actor
            if key in r.redirects:  # described by the linked actor it joins; keep its names
                actor = actors[r.redirects[key]].actor
            else:
                add((a, RDF.type, SG.Actor))
                add((a, RDF.type, SG[actor.type]))
                add((a, RDFS.label, Literal(actor.label)))
                if actor.qid:
                    add((a, OWL.sameAs, URIRef(WD + actor.qid)))
            for name in sorted(record.names - {actor.label}):
                add((a, SKOS.altLabel, Literal(name)))
            for affiliation in record.affiliations:
                if affiliation in actor_keys:
                    add((a, SG.affiliation, iris.actor(r.final(affiliation))))
        for key, place in self._places.items():
            p = iris.place(key)
            add((p, RDF.type, SG.Place))
            add((p, RDFS.label, Literal(place.label)))
            if place.qid:
                add((p, OWL.sameAs, URIRef(WD + place.qid)))
        return triples

    def _concept_triples(self, concepts: set[URIRef], minted: dict[URIRef, str]) -> set[tuple[Node, Node, Node]]:
        """The scheme concepts used (with their schemes) and the minted topics."""
        triples: set[tuple[Node, Node, Node]] = set()
        add = triples.add
        schemes = self.lexicon.scheme_graph
        described_schemes: set[Node] = set()
        for concept in concepts:
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
        if minted:
            scheme = self.iris.minted_topic_scheme
            add((scheme, RDF.type, SKOS.ConceptScheme))
            add((scheme, SKOS.prefLabel, Literal(MINTED_SCHEME_LABEL, lang="en")))
            for topic_iri, label in minted.items():
                add((topic_iri, RDF.type, SKOS.Concept))
                add((topic_iri, SKOS.prefLabel, Literal(label, lang="en")))
                add((topic_iri, SKOS.inScheme, scheme))
                add((topic_iri, SG.reviewed, Literal(False)))
        return triples

    def _event_triples(self, r: Resolution) -> set[tuple[Node, Node, Node]]:
        triples: set[tuple[Node, Node, Node]] = set()
        places: dict[URIRef, set[str]] = {}
        for record in self.index.events:
            if record.local not in r.clusters:
                continue
            iri, first, participants, date = r.clusters[record.local]
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

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the build, as Oxigraph terms (each quad once; in no set order)."""
        r = self._resolution()
        iri_redirects = {self.iris.actor(k): self.iris.actor(v) for k, v in r.redirects.items()}
        event_iris = {local: cluster[0] for local, cluster in r.clusters.items()}

        def fix(term):
            return iri_redirects.get(term) or event_iris.get(term, term)

        position_triples, expressions, concepts, minted = self._position_triples(r)
        shared = (self._shared | self._actor_triples(r) | self._concept_triples(self._concepts | concepts, minted)
                  | position_triples | self._event_triples(r))
        seen: set[tuple] = set()
        for s, p, o in shared:
            triple = (fix(s), p, fix(o))
            if triple not in seen:
                seen.add(triple)
                yield _quad(*triple)
        for graph, statement, position in expressions:
            yield _quad(statement, SG.expresses, position, graph)
        ox_fix = {ox.NamedNode(str(a)): ox.NamedNode(str(b)) for a, b in (*iri_redirects.items(), *event_iris.items())}
        dropped = {ox.NamedNode(str(e.local)) for e in self.index.events} - {ox.NamedNode(str(e)) for e in event_iris}
        mentions: set[ox.Quad] = set()
        yield from self._staged_quads(ox_fix, dropped, mentions)
        referenced = {fix(term) for term in self.index.referenced} | self._shared_actor_references(r)
        yield from self._participant_mentions(r, referenced, mentions)
        for graph, statement, speaker in self._voiceless:
            voice = r.redirects[VOICE_OF + speaker]
            if voice != r.final(speaker):
                yield _quad(statement, SG.onBehalfOf, self.iris.actor(voice), graph)

    def _staged_quads(self, ox_fix: dict, dropped: set, mentions: set[ox.Quad]) -> Iterator[ox.Quad]:
        """The documents' quads with actor and event IRIs resolved, each once; the
        sg:mentionedIn quads among those that met a redirect go into ``mentions``.

        Two names of one actor in a document make the same quad once both are redirected:
        only a redirected quad, or one about a redirect's target, can meet another, so only
        those are remembered."""
        targets = set(ox_fix.values())
        redirected: set[ox.Quad] = set()
        kept: set[ox.Quad] = set()
        for staged in self._staging:
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
        mentions.update(q for q in (*kept, *redirected) if q.predicate == mentioned_in)

    def _participant_mentions(self, r: Resolution, referenced: set[Node], mentions: set[ox.Quad]) -> Iterator[ox.Quad]:
        """A participant with no other provenance (known from the title or metadata only, or
        resolved from an open title across the build) is mentioned by the reports of its event."""
        for record in self.index.events:
            if record.local not in r.clusters:
                continue
            own = {r.participants[p] for p in record.event.participants}
            for participant in r.clusters[record.local][2]:
                iri = self.iris.actor(participant)
                if iri not in referenced and participant in own:
                    mention = _quad(iri, SG.mentionedIn, record.document, record.document)
                    if mention not in mentions:  # its document may say so already, of another name
                        yield mention

    def _shared_actor_references(self, r: Resolution) -> set[Node]:
        """Actors a person is affiliated with (a publisher is in the document triples)."""
        return {self.iris.actor(r.final(a)) for record in self.index.actors.values() for a in record.affiliations}

    def release_staging(self) -> None:
        """Let go of the staged quads (they are gone from this builder afterwards)."""
        self._staging.release()

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
        r = self._resolution()
        actors = self.index.actors
        for key in sorted(actors):
            final = r.final(key)
            if self.iris.actor(final) not in r.used:
                continue
            record = actors[final].actor
            yield self.iris.actor(final), Actor(
                key=final, label=record.label, type=record.type, qid=record.qid,
                names=actors[key].actor.names,
                candidates=actors[key].actor.candidates if key == final else tuple(
                    c for c in actors[key].actor.candidates if c.qid != record.qid
                ),
            )


def _quad(s, p, o, g=None) -> ox.Quad:
    graph = ox.DefaultGraph() if g is None else ox.NamedNode(str(g))
    return ox.Quad(to_oxigraph_term(s), to_oxigraph_term(p), to_oxigraph_term(o), graph)
