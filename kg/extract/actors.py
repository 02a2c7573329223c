"""Actors of one document: entity mentions merged into actors, typed, and linked.

Rules, in order:
1. Candidate mentions are the entities of the pipeline (statistical NER overwritten by the
   gazetteer ruler); determiners, possessives and, for people, leading titles are trimmed;
   a mention made only of title words ("Councilor") is no actor.
2. People: a one-word name is the same person as the only full name in the document that
   contains that word ("Wang" -> "Wang Yi"); a one-word ORG that is such a word is re-typed.
3. GPEs are countries when the gazetteer or the country list says so, otherwise places.
4. Each person's affiliation is read from the title before the name ("Russian Foreign
   Minister Sergey Lavrov" -> Russia) or from an apposition.
5. Linking: see kg.link.linker.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.model import Actor, Place
from kg.extract.names import actor_key, slugify
from kg.lexicon import Lexicon
from kg.link.linker import link_actor

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LEADING_JUNK = frozenset({"the", "a", "an"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
TITLE_CONNECTORS = frozenset({"for", "of", "and", "the", "&", "-"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
COLLECTIVE_NOUNS = frozenset({"side", "government", "authorities", "administration", "leadership"})
MAX_TITLE_TOKENS = 12


@dataclass
class _Cluster:
    type: str
    names: set[str] = field(default_factory=set)
    gazetteer_labels: set[str] = field(default_factory=set)
    tokens: list[tuple[int, int]] = field(default_factory=list)  # token spans of mentions

    @property
    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n), n))


@dataclass
class ActorTable:
    """The actors of a document and which tokens refer to which actor."""

    actors: dict[str, Actor]
    places: dict[str, Place]
    token_actor: dict[int, str]
    token_place: dict[int, str]
    person_mentions: list[tuple[int, str]]  # (first token index, key), in text order
    subject_mentions: list[tuple[int, str]] = field(default_factory=list)  # persons as subjects

    def actor_at(self, token: Token) -> str | None:
        return self.token_actor.get(token.i)

    def place_at(self, token: Token) -> str | None:
        return self.token_place.get(token.i)

    def last_person_before(self, index: int) -> str | None:
        """The person a pronoun at ``index`` most likely means: the last person who was the
        subject of a clause before it (news style: "Wang said ... He added"), else the last
        person mentioned."""
        for mentions in (self.subject_mentions, self.person_mentions):
            found = None
            for start, key in mentions:
                if start >= index:
                    break
                found = key
            if found is not None:
                return found
        return None


def _trim(span: Span, lexicon: Lexicon) -> tuple[int, int] | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in LEADING_JUNK or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
        end -= 1
    if span.label_ == "PERSON":
        while start < end and doc[start].lower_.rstrip(".") in lexicon.titles:
            start += 1
    if start >= end:
        return None
    words = [t for t in doc[start:end] if t.is_alpha]
    if not words or any("\n" in t.text or t.is_space for t in doc[start:end]):
        return None
    if all(t.lower_.rstrip(".") in lexicon.titles for t in words):
        return None
    return start, end


def _name(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _gazetteer_type(lexicon: Lexicon, label: str, name: str) -> str | None:
    if label:
        for entry in lexicon.gazetteer:
            if entry.label == label:
                return entry.type
    entries = lexicon.entries_named(name)
    types = {e.type for e in entries}
    return types.pop() if len(types) == 1 else None


def _classify(span: Span, name: str, lexicon: Lexicon) -> str | None:
    """Actor type of a mention, "Place", or None."""
    gaz_type = _gazetteer_type(lexicon, span.ent_id_, name)
    if span.label_ == "PERSON":
        return "Person" if gaz_type in (None, "Person") else gaz_type
    if gaz_type is not None:
        return gaz_type
    if span.label_ == "ORG":
        return "Country" if name.casefold() in lexicon.country_names else "Organization"
    if span.label_ == "GPE":
        return "Country" if name.casefold() in lexicon.country_names else "Place"
    if span.label_ in PLACE_LABELS:
        return "Place"
    return None


def extract_actors(doc: Doc, lexicon: Lexicon) -> ActorTable:
    mentions: list[tuple[int, int, str, str, str]] = []  # start, end, name, type, gazetteer label
    for span in doc.ents:
        if span.label_ not in ACTOR_LABELS | PLACE_LABELS:
            continue
        trimmed = _trim(span, lexicon)
        if trimmed is None:
            continue
        start, end = trimmed
        name = _name(doc, start, end)
        kind = _classify(span, name, lexicon)
        if kind is not None:
            mentions.append((start, end, name, kind, span.ent_id_))

    # full person names and the words they are made of
    full_names = {m[2] for m in mentions if m[3] == "Person" and len(m[2].split()) > 1}
    word_owner: dict[str, set[str]] = {}
    for full in full_names:
        for word in full.split():
            word_owner.setdefault(word.casefold(), set()).add(full)

    clusters: dict[tuple[str, str], _Cluster] = {}
    mention_cluster: list[tuple[int, int, tuple[str, str]]] = []
    places: dict[str, Place] = {}
    token_place: dict[int, str] = {}
    for start, end, name, kind, gaz_label in mentions:
        one_word = len(name.split()) == 1
        owners = word_owner.get(name.casefold(), set()) if one_word else set()
        if kind in ("Person", "Organization") and len(owners) == 1 and not gaz_label:
            kind, name = "Person", next(iter(owners))
        if kind == "Place":
            place = _place(name, gaz_label, lexicon)
            places[place.key] = place
            for i in range(start, end):
                token_place[i] = place.key
            continue
        if kind == "Country":
            name = lexicon.country_names.get(name.casefold(), name)
        ident = (kind, gaz_label or name.casefold())
        cluster = clusters.setdefault(ident, _Cluster(type=kind))
        cluster.names.add(name if not gaz_label else name)
        if gaz_label:
            cluster.gazetteer_labels.add(gaz_label)
        cluster.tokens.append((start, end))
        mention_cluster.append((start, end, ident))

    actors: dict[str, Actor] = {}
    ident_key: dict[tuple[str, str], str] = {}
    for ident, cluster in sorted(clusters.items()):
        actor = link_actor(
            cluster.type, cluster.canonical, sorted(cluster.names), sorted(cluster.gazetteer_labels), lexicon
        )
        ident_key[ident] = actor.key
        if actor.key in actors:  # two clusters linked to the same entity: merge names
            old = actors[actor.key]
            actor = Actor(
                key=old.key, label=old.label, type=old.type, qid=old.qid,
                names=tuple(sorted(set(old.names) | set(actor.names))), candidates=old.candidates,
            )
        actors[actor.key] = actor

    token_actor: dict[int, str] = {}
    person_mentions: list[tuple[int, str]] = []
    for start, end, ident in mention_cluster:
        key = ident_key[ident]
        for i in range(start, end):
            token_actor[i] = key
        if actors[key].type == "Person":
            person_mentions.append((start, key))
    person_mentions.sort()
    subject_mentions = [
        (start, key)
        for start, key in person_mentions
        if any(t.dep_ in SUBJECT_DEPS for t in doc[start : start + 4] if token_actor.get(t.i) == key)
    ]

    table = ActorTable(actors, places, token_actor, token_place, person_mentions, subject_mentions)
    _add_collective_mentions(doc, table, lexicon)
    _add_affiliations(doc, table, lexicon)
    return table


def _place(name: str, gaz_label: str, lexicon: Lexicon) -> Place:
    entries = [e for e in lexicon.entries_named(gaz_label or name) if e.type in ("Place", "Country")]
    if len(entries) == 1 and entries[0].verified:
        return Place(key=f"place/{entries[0].qid}", label=entries[0].label, qid=entries[0].qid)
    label = entries[0].label if len(entries) == 1 else name
    return Place(key=f"place/{slugify(label)}", label=label)


def country_actor(table: ActorTable, country: str, lexicon: Lexicon) -> str:
    """The key of the Country actor called ``country``, adding it to the table if new."""
    for key, actor in table.actors.items():
        if actor.type == "Country" and actor.label == country:
            return key
    actor = link_actor("Country", country, [country], [], lexicon)
    table.actors.setdefault(actor.key, actor)
    return actor.key


def _add_collective_mentions(doc: Doc, table: ActorTable, lexicon: Lexicon) -> None:
    """"The Chinese side", "the Russian government": the state named by the demonym."""
    for token in doc:
        if token.lemma_.lower() not in COLLECTIVE_NOUNS or token.i in table.token_actor:
            continue
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.text in lexicon.demonyms:
                key = country_actor(table, lexicon.demonyms[child.text], lexicon)
                for i in range(child.i, token.i + 1):
                    table.token_actor.setdefault(i, key)
                break


def _title_tokens(doc: Doc, start: int, table: ActorTable, lexicon: Lexicon) -> Iterable[Token]:
    """Tokens of the title run just before a name, nearest first."""
    i = start - 1
    steps = 0
    while i >= 0 and steps < MAX_TITLE_TOKENS:
        token = doc[i]
        key = table.token_actor.get(i)
        if key is not None and table.actors[key].type == "Person":
            return
        if not (
            token.lower_.rstrip(".") in lexicon.titles
            or token.lower_ in TITLE_CONNECTORS
            or token.text in lexicon.demonyms
            or key is not None
            or (token.pos_ == "PROPN" and token.is_title)
        ):
            return
        yield token
        i -= 1
        steps += 1


def _affiliation_from_tokens(tokens: Iterable[Token], table: ActorTable, lexicon: Lexicon) -> str | None:
    country = organization = None
    for token in tokens:
        if country is None and token.text in lexicon.demonyms:
            country = country_actor(table, lexicon.demonyms[token.text], lexicon)
        key = table.token_actor.get(token.i)
        if key is not None:
            kind = table.actors[key].type
            if kind == "Country" and country is None:
                country = key
            elif kind == "Organization" and organization is None:
                organization = key
    return country or organization


def _add_affiliations(doc: Doc, table: ActorTable, lexicon: Lexicon) -> None:
    affiliation: dict[str, str] = {}
    for start, key in table.person_mentions:
        if key in affiliation:
            continue
        found = _affiliation_from_tokens(_title_tokens(doc, start, table, lexicon), table, lexicon)
        if found is None:
            head = doc[start]
            while head.head.i != head.i and table.token_actor.get(head.head.i) == key:
                head = head.head
            if head.dep_ == "appos":
                found = _affiliation_from_tokens(head.head.subtree, table, lexicon)
            else:
                for child in head.children:
                    if child.dep_ == "appos":
                        found = _affiliation_from_tokens(child.subtree, table, lexicon)
                        break
        if found is not None and found != key:
            affiliation[key] = found
    for key, found in affiliation.items():
        actor = table.actors[key]
        table.actors[key] = Actor(
            key=actor.key, label=actor.label, type=actor.type, qid=actor.qid, names=actor.names,
            affiliation=found, candidates=actor.candidates,
        )


__all__ = ["ActorTable", "actor_key", "country_actor", "extract_actors"]
