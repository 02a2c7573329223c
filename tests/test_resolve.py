"""The resolve stage (kg.graph.resolve): build-wide decisions of who is who, made once from an
index of every document's records, pure and frozen."""

from __future__ import annotations

import dataclasses

import pytest
from rdflib import URIRef

from kg.extract.model import Actor, EventItem
from kg.graph.iris import Iris
from kg.graph.resolve import VOICE_OF, BuildIndex, EventRecord, resolve


def _index() -> BuildIndex:
    index = BuildIndex()
    for actor in (
        Actor("Q148", "China", "Country", qid="Q148", names=("China",)),
        Actor("country/china", "China", "Country", names=("China",)),  # unlinked in another document
        Actor("person/li-wei", "Li Wei", "Person", names=("Li Wei",), affiliation="Q148"),
        Actor("person/wei", "Wei", "Person", names=("Wei",)),  # a surname, elsewhere
        Actor("person/jane-doe", "Jane Doe", "Person", names=("Jane Doe",)),
    ):
        index.remember(actor)
    index.voiceless.update({"person/wei", "person/jane-doe"})
    index.holders.append(VOICE_OF + "person/wei")
    call = EventItem(type="PhoneCall", participants=("country/china", "person/wei"), begin=0, end=4,
                     sentence_begin=0, sentence_end=20)
    index.events.append(EventRecord(URIRef("https://example.org/doc/a"), URIRef("https://example.org/e/a/0"), call))
    return index


def test_resolution_joins_names_voices_and_events():
    r = resolve(_index(), Iris())
    assert r.final("country/china") == "Q148"  # a name joins the linked actor of another document
    assert r.final("person/wei") == "person/li-wei"  # the only full name ending with the surname
    assert r.redirects[VOICE_OF + "person/wei"] == "Q148"  # the one state the build affiliates him with
    assert r.redirects[VOICE_OF + "person/jane-doe"] == "person/jane-doe"  # no state: she holds it
    assert r.participants == {"person/wei": "person/li-wei", "country/china": "Q148"}
    (cluster,) = r.clusters.values()
    assert cluster[2] == ("Q148", "person/li-wei")
    assert Iris().actor("Q148") in r.used and Iris().actor("person/li-wei") in r.used


def test_resolution_is_pure_and_frozen():
    index = _index()
    first, second = resolve(index, Iris()), resolve(index, Iris())
    assert first == second
    with pytest.raises(TypeError):
        first.redirects["person/wei"] = "elsewhere"  # a read-only mapping
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.used = frozenset()
