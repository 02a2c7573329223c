"""Deterministic IRIs for minted resources, under a configurable base.

The same input gives the same IRI on any machine: IRIs are made of document ids, character
offsets, gazetteer QIDs and normalised names, never of counters or random ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.extract.model import Topic
from kg.ids import ACTOR_PATH, DEFAULT_BASE, normalized_base
from kg.ingest import document_id_slug

__all__ = ["DEFAULT_BASE", "Iris"]


@dataclass(frozen=True)
class Iris:
    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", normalized_base(self.base))

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def document(self, doc_id: str) -> URIRef:
        return self._iri(f"doc/{document_id_slug(doc_id)}")

    def actor(self, key: str) -> URIRef:
        return self._iri(f"{ACTOR_PATH}{key}")

    def place(self, key: str) -> URIRef:
        return self._iri(key)  # place keys already read "place/..."

    def statement(self, doc_id: str, begin: int, end: int) -> URIRef:
        return self._iri(f"statement/{document_id_slug(doc_id)}/{begin}-{end}")

    def turn(self, doc_id: str, begin: int) -> URIRef:
        """A turn of a transcript, by where its label begins."""
        return self._iri(f"turn/{document_id_slug(doc_id)}/{begin}")

    def event(self, doc_id: str, begin: int) -> URIRef:
        """A report of an event in one document (a stand-in until reports are merged)."""
        return self._iri(f"event/{document_id_slug(doc_id)}/{begin}")

    def merged_event(self, event_type: str, date: str | None, participants_digest: str) -> URIRef:
        """An event, whoever reported it: its type, its date (or "undated") and a digest of
        its participants' keys."""
        return self._iri(f"event/{event_type.lower()}/{date or 'undated'}/{participants_digest}")

    def topic(self, topic: Topic) -> URIRef:
        return URIRef(topic.iri) if topic.iri else self._iri(f"topic/minted/{topic.slug}")

    def topic_key(self, topic: Topic) -> str:
        return topic.slug if topic.iri else f"minted/{topic.slug}"

    @property
    def minted_topic_scheme(self) -> URIRef:
        return self._iri("topic/minted")

    def position(self, holder_key: str, stance: str, topic: Topic) -> URIRef:
        return self._iri(f"position/{holder_key}/{stance.lower()}/{self.topic_key(topic)}")
