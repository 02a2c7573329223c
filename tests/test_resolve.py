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


def _resolved(*actors: Actor):
    index = BuildIndex()
    for actor in actors:
        index.remember(actor)
    return resolve(index, Iris())


def _candidate(qid: str, label: str, confidence: float):
    from kg.link.model import LinkCandidate

    return (LinkCandidate(qid, label, confidence, False, "semapv:LexicalMatching", "a candidate not asserted"),)


def test_a_surname_joins_a_linked_person_only_where_its_own_document_found_that_person():
    """A one-word name joins the only full name of the build that ends with it; if that person
    is linked, only where the linker, in the surname's own document, had the person as a
    gazetteer candidate ("Roe" after "President Roe" in an undated text), never a namesake
    elsewhere ("Lima", a town, is not the linked Tom Lima)."""
    r = _resolved(
        Actor("Q900000001", "Tom Lima", "Person", qid="Q900000001", names=("Tom Lima",)),
        Actor("person/lima", "Lima", "Person", names=("Lima",)),  # no candidate: a namesake
        Actor("Q900000002", "Jane Roe", "Person", qid="Q900000002", names=("Jane Roe",)),
        Actor("person/roe", "Roe", "Person", names=("Roe",), candidates=_candidate("Q900000002", "Jane Roe", 0.8)),
    )
    assert r.final("person/lima") == "person/lima"
    assert r.final("person/roe") == "Q900000002"


def test_a_name_held_back_in_its_document_does_not_join_the_linked_actor_of_another():
    """"Georgia" linked in a text that tells the state, and "Georgia" in another that does not
    (the linker weighed the state's item there and held it back): two nodes. A name whose
    document weighed no such item joins the linked actor as before, and so does a surname
    labelled with the gazetteer's one person of that surname ("Poe" without a title)."""
    r = _resolved(
        Actor("Q900000003", "Ruritania", "Country", qid="Q900000003", names=("Ruritania",)),
        Actor("country/ruritania", "Ruritania", "Country", names=("Ruritania",),
              candidates=_candidate("Q900000003", "Ruritania", 0.6)),
        Actor("Q900000004", "Lima Union", "Organization", qid="Q900000004", names=("Lima Union",)),
        Actor("organization/lima-union", "Lima Union", "Organization", names=("Lima Union",)),
        Actor("Q900000005", "Tom Poe", "Person", qid="Q900000005", names=("Tom Poe",)),
        Actor("person/tom-poe", "Tom Poe", "Person", names=("Poe",), candidates=_candidate("Q900000005", "Tom Poe", 0.8)),
    )
    assert r.final("country/ruritania") == "country/ruritania"
    assert r.final("organization/lima-union") == "Q900000004"
    assert r.final("person/tom-poe") == "Q900000005"
