"""Actors of one document: entity mentions merged into actors, typed, and linked.

Rules, in order:
1. Candidate mentions are the entities of the pipeline (statistical NER overwritten by the
   gazetteer ruler); determiners, possessives and, for people, leading titles are trimmed;
   a mention made only of title words ("Councilor") is no actor.
2. People: a one-word name is the same person as the only full name in the document that
   contains that word ("Li" -> "Li Wei"); a one-word ORG that is such a word is re-typed.
3. GPEs are countries when the gazetteer or the country list says so, otherwise places.
4. Each person's affiliation is read from the title before the name ("Russian Foreign
   Minister Ivan Petrov" -> Russia) or from an apposition.
5. Linking: see kg.link.linker.

The words these rules look for (titles, role nouns, articles, prepositions, collective nouns)
are the lexicon's (``data/lexicon``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import ENT_IOB, IS_TITLE, POS
from spacy.symbols import PROPN as PROPN_ID
from spacy.tokens import Doc, Span, Token

from kg.extract.model import Actor, Place
from kg.extract.names import actor_key, slugify
from kg.lexicon import GazetteerEntry, Lexicon
from kg.link.linker import Linker
from kg.nlp.tokens import LEMMA, LOWER, ORTH, where

IOB_OUTSIDE = 2  # Token.ent_iob of a token outside every entity ("O")
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TITLE_STATE_LINKS = frozenset({"of", "for", "from", "in"})  # "Governor of California Arnold Schwarzenegger": a state
FIRST_NAME_MISREADS = frozenset({"GPE", "ORG", "NORP"})  # what the model may take a first name for
# labels of no actor under which the model may end a titled person's name ("... Service Igor Artemyev" as LAW)
TITLED_NAME_LABELS = frozenset({"LAW", "WORK_OF_ART", "EVENT", "PRODUCT", "NORP"})
SINGULAR_NOUN_TAGS = frozenset({"NN", "NNP"})  # an office's head; "the Joint Chiefs of Staff" is a body
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})  # the possessive clitic's spellings, as the tokenizer splits it
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

MAX_TITLE_TOKENS = 12
DASHES = frozenset({"—", "–"})
# a capital in these roles stands for the state: "Moscow said", "Beijing's position", "told Washington"
ACTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
MIN_FUZZY_LENGTH = 6
GOVERNMENT_OF = re.compile(r"^(?:[Tt]he )?[Gg]overnment of (?:the )?(.+)$")
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
TITLE_WINDOW = 4  # tokens before a name searched for a role noun ("Foreign Secretary Doe")
MAX_NAME_TAIL = 2  # words after the model's name that may still be of it ("Moussa [Faki Mahamat]")


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
    # actors the text really mentions; the others are only known from a title ("Russian
    # Foreign Minister"), a longer name ("UN Charter") or a location ("in Ukraine")
    mentioned: set[str] = field(default_factory=set)
    # person key -> role nouns of their titles ("minister", "spokeswoman")
    roles: dict[str, set[str]] = field(default_factory=dict)
    # a title nobody in the document holds: token index -> (state label, role noun), for the
    # build to resolve ("The Chinese Foreign Minister" in an undated text)
    # (and the document's year, "" if undated: the build resolves it to a holder of that year)
    open_titles: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    # a common noun with a demonym ("Russian military forces", "a Russian attack"): token
    # index -> the state's key; an event may take the state as participant
    demonym_nouns: dict[int, str] = field(default_factory=dict)
    # a noun after states joined by hyphens ("Russian-Chinese talks", "the Russia-China
    # summit"): token index -> the states' keys; an event takes them all as participants
    state_pairs: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # the build's linker: every actor the table gains later (a state named by a demonym, a
    # capital or an office) is linked as the named ones were
    linker: Linker | None = None
    # in a readout, "they" as the subject of a speech act is everyone who took part
    they_took_part: bool = False
    # states whose name also names something else that the document tells are meant as states
    # (shared-state-names.tsv: metadata, a telling word, or another state in the sentence)
    states_told: frozenset[str] = frozenset()

    def actor_at(self, token: Token) -> str | None:
        return self.token_actor.get(token.i)

    def place_at(self, token: Token) -> str | None:
        return self.token_place.get(token.i)

    @property
    def lexicon(self) -> Lexicon:
        """The lexicon of the table's linker."""
        assert self.linker is not None, "an ActorTable reads its lexicon through its linker"
        return self.linker.lexicon

    def last_person_before(self, index: int) -> str | None:
        """The person a pronoun at ``index`` most likely means: the last person who was the
        subject of a clause before it (news style: "Li said ... He added"), else the last
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


def _name_goes_on(doc: Doc, end: int, lexicon: Lexicon) -> int:
    """Where the name just before ``end`` ends, if the model stopped short of its head: the
    head of its last word, up to ``MAX_NAME_TAIL`` words on, each a capitalised proper noun
    outside every entity and no title or body word ("Alaska Native Tribal Health Consortium",
    "Moussa Faki Mahamat" go on; not "the Biden Administration"); else ``end``."""
    if end >= len(doc) or doc[end - 1].dep_ != "compound":
        return end
    head = doc[end - 1].head
    if not end <= head.i < end + MAX_NAME_TAIL or head.dep_ == "compound":
        return end
    tail = doc[end:head.i + 1]
    if all(_proper_title(t) and t.ent_iob_ == "O" and not _no_name_word(t, lexicon) for t in tail) \
            and all(t.head.i == head.i for t in tail[:-1]):
        return head.i + 1
    return end


def _no_name_word(token: Token, lexicon: Lexicon) -> bool:
    """Is the word one of a title, of a body's name or of a document's, never of a person's name?"""
    word = token.lower_
    return word in lexicon.titles or word in lexicon.words.bare_body_words or word in lexicon.non_actor_heads \
        or _role_noun(token, lexicon)


def _trim(span: Span, lexicon: Lexicon) -> tuple[int, int] | None:
    start, end = span.start, span.end
    doc = span.doc
    # "The\n    European Commission": a line wrapped after the article
    if start < end and doc[start].lower_ in lexicon.words.generic_determiners:
        return None  # "every State of the Union speech": no one body
    # "this White House" is the White House
    while start < end and (doc[start].lower_ in lexicon.words.leading_articles or doc[start].is_punct
                           or doc[start].is_space or doc[start].lower_ in lexicon.words.demonstratives):
        start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if span.label_ == "PERSON":
        while start < end and doc[start].lower_.rstrip(".") in lexicon.titles:
            start += 1
        while end > start + 1 and doc[end - 1].lemma_.lower() in lexicon.words.occasion_nouns:
            end -= 1  # "Readout of President Biden Call with ...": the model's PERSON "Biden Call"
        while end > start + 2 and doc[end - 1].is_lower and doc[end - 1].is_alpha and doc[end - 2].whitespace_:
            end -= 1  # "Eduard Shevardnadze de (facto)": a name ends in no lower-case word ("Suk-yeol" goes on)
        if end == span.end:
            end = _name_goes_on(doc, end, lexicon)  # "Lee Hsien Loong": the model's name stops short of its head
        start = _past_country(doc, start, end, lexicon)
        if start < end and start > span.start and doc[start].lower_ in lexicon.words.title_connectors:
            return None  # "The King of Bahrain": a title and its state, no name (a title mention)
        owner = next((t.i for t in doc[start:end] if t.text in POSSESSIVE), None)
        if owner is not None:
            # "Biden’s State" (of "President Biden’s State of the Union address"): the name
            # before the possessive is the person; "Speaker’s Lunch": a title's, no person
            if owner == start or any(t.pos_ != "PROPN" or _no_name_word(t, lexicon) for t in doc[start:owner]):
                return None
            end = owner
    if start >= end:
        return None
    # words, and names of letters and digits ("G7", "P5")
    words = [t for t in doc[start:end] if t.is_alpha or (t.text.isalnum() and not t.is_digit and t.text[:1].isupper())]
    if not words or any("\n" in t.text or t.is_space for t in doc[start:end]):
        return None
    if not span.ent_id_ and all(t.is_lower for t in words):
        return None  # "39 national union labor leaders": a description, no name
    if span.label_ == "ORG" and len(words) == 1 and (words[0].pos_ == "ADJ" or (
            words[0].text in lexicon.demonyms and not span.ent_id_)):
        return None  # "Transatlantic", "the Kazakh side": an adjective, not a body
    if span.label_ == "ORG" and not span.ent_id_ and words[-1].lower_ in lexicon.non_actor_heads:
        return None  # "the UN Charter": a document, not a body
    if span.label_ == "ORG" and not span.ent_id_ and len(words) > 2 and words[0].lower_ in lexicon.non_actor_heads \
            and words[0].i + 1 < end and doc[words[0].i + 1].lower_ == "of":
        return None  # "Celebration of Afro-Latino Heritage", "Summit of the Future": an event
    if all(t.lower_.rstrip(".") in lexicon.titles for t in words):
        return None
    root = doc[start:end].root
    if span.label_ == "ORG" and not span.ent_id_ and root.lower_ in lexicon.role_nouns and root.tag_ in SINGULAR_NOUN_TAGS:
        return None  # "National Security Advisor for International Economics": an office, no body
    if span.label_ == "ORG" and " ".join(t.lower_ for t in doc[start:end]) in lexicon.words.occasion_names:
        return None  # "the State of the Union": an occasion
    return start, end


def _past_country(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a person's name starts after the country of their title that the model took into
    it ("Federal Chancellor of Austria Sebastian Kurz": "Sebastian Kurz"): a country name right
    after "of", with at least two words of the name left."""
    if start == 0 or doc[start - 1].lower_ != "of":
        return start
    for stop in range(end - 2, start, -1):  # the longest country name first ("United Kingdom")
        if doc[start:stop].text.casefold() in lexicon.country_names:
            return stop
    return start


def _name(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _gazetteer_type(lexicon: Lexicon, label: str, name: str) -> str | None:
    entry = lexicon.entry_labelled(label) if label else None
    if entry is not None:
        return entry.type
    entries = lexicon.entries_named(name)
    types = {e.type for e in entries}
    return types.pop() if len(types) == 1 else None


MAX_BODY_TAIL = 3  # words after a person's name that may make it a body's ("Judo Palace")


def _body_named_after(doc: Doc, end: int, lexicon: Lexicon) -> int | None:
    """Where a body's name ends if the capitalised words right after a person's name end in
    a word of an organisation (organisation-heads.txt): "the Jane Roe Judo Palace"."""
    for stop in range(end + 1, min(end + MAX_BODY_TAIL, len(doc)) + 1):
        token = doc[stop - 1]
        if not (token.is_title and token.is_alpha):
            return None
        if token.lower_ in lexicon.words.organisation_heads:
            return stop
    return None


def _namesake_by_suffix(name: str, label: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` ends in a generational suffix ("Jr.", "III") that none of the names of the
    gazetteer entry ``label`` has: another person of that name."""
    words = name.split()
    if len(words) < 2 or words[-1].rstrip(".") not in lexicon.words.name_suffixes:
        return False
    entry = lexicon.entry_labelled(label)
    return entry is not None and name.casefold() not in {n.casefold() for n in entry.names}


def _organisation_named(name: str, lexicon: Lexicon) -> bool:
    """Whether a name ends in a word of an organisation (organisation-heads.txt), or has one
    just before "of" ("Jane Roe School of Government")."""
    words = name.casefold().split()
    heads = lexicon.words.organisation_heads
    return bool(words) and (words[-1] in heads or any(w in heads for w, nxt in itertools.pairwise(words) if nxt == "of"))


def _classify(span: Span, name: str, lexicon: Lexicon, gaz_label: str) -> str | None:
    """Actor type of a mention, "Place", or None."""
    gaz_type = _gazetteer_type(lexicon, gaz_label, name)
    if gaz_label and gaz_type is not None:
        return gaz_type
    if span.label_ == "PERSON":
        if gaz_type is None and _organisation_named(name, lexicon):
            return "Organization"  # "Lima Law School", "Roe College": a body named after someone
        if gaz_type is None and len(name.split()) > 1 and name.casefold() in lexicon.country_names:
            return "Country"  # "Sri Lanka" tagged as a person ("Chad" alone may be one)
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


def extract_actors(doc: Doc, linker: Linker, doc_date: dt.date | None = None,
                   home_state: str | None = None, known_names: Iterable[str] = (),
                   home_body: str | None = None, metadata_states: Iterable[str] = ()) -> ActorTable:
    """The actors of ``doc``. ``home_state``: the state (a country label) whose body published
    the document; a title without a state ("The President stressed ...") is its office's.
    ``home_body``: the organisation that published it, whose offices a bare title of one of
    them names ("the Secretary-General" in a United Nations record).
    ``known_names``: persons' full names the document's title gives: a surname alone in the
    text is the one of them whose name ends so ("Chancellor Schroeder" under a title naming
    Gerhard Schroeder).
    ``metadata_states``: the states the document's metadata names (its speaker's)."""
    lexicon = linker.lexicon
    mentions: list[tuple[int, int, str, str, str]] = []  # start, end, name, type, gazetteer label
    incidental: set[int] = set()  # starts of mentions that do not make the actor mentioned
    first_names = _misread_first_names(doc, lexicon)
    for span in doc.ents:
        if span.start in first_names:
            continue  # "Tatyana" (GPE) "Golikova" (PERSON): the person's first name
        if span.label_ not in ACTOR_LABELS | PLACE_LABELS:
            # "Head of the Federal Anti-Monopoly Service Igor Artemyev", tagged LAW: the name at its end
            trimmed = _trim(span, lexicon) if span.label_ in TITLED_NAME_LABELS else None
            person = _titled_name_in(doc, *trimmed, lexicon) if trimmed is not None else None
            if person is not None:
                mentions.append((person, trimmed[1], _name(doc, person, trimmed[1]), "Person", ""))
            continue
        trimmed = _trim(span, lexicon)
        if trimmed is None:
            continue
        start, end = trimmed
        if span.label_ == "PERSON" and start == span.start and start - 1 in first_names:
            start -= 1
        dashes = [t.i for t in doc[start:end] if t.text in DASHES]
        if dashes and dashes[-1] + 1 < end:  # "Ida B. — Ida B. Wells": a speaker correcting herself
            start = dashes[-1] + 1
        split = _state_then_name(doc, start, end, lexicon) if not span.ent_id_ else None
        if split is not None:  # "President of Finland Sauli Niinistö" read as one body
            mentions.append((start, split, lexicon.country_names[_name(doc, start, split).casefold().removeprefix("the ")],
                             "Country", ""))
            mentions.append((split, end, _name(doc, split, end), "Person", ""))
            continue
        name = _name(doc, start, end)
        gaz_label = span.ent_id_
        if gaz_label and _namesake_by_suffix(name, gaz_label, lexicon):
            gaz_label = ""  # "Tom Poe Jr." holds the gazetteer's "Tom Poe", but is his son
        if span.label_ == "PERSON" and (body_end := _body_named_after(doc, span.end, lexicon)) is not None:
            # "the Jane Roe Judo Palace", "the Tom Poe School": a body named after someone
            end = max(end, body_end)
            mentions.append((start, end, _name(doc, start, end), "Organization", ""))
            incidental.add(start)
            continue
        corrected = _misspelling_of(name, lexicon) if not gaz_label else None
        if corrected is not None:
            name, gaz_label = corrected
        kind = _classify(span, name, lexicon, gaz_label)
        government = GOVERNMENT_OF.match(name)
        if kind == "Organization" and government and government.group(1).casefold() in lexicon.country_names:
            kind, name = "Country", government.group(1)  # "Government of Japan" is Japan
        if kind == "Organization" and not gaz_label and _honoured_name(doc[start:end], lexicon):
            # "Mr Cardoso": a person the parser took for a body
            start, name, kind = start + 1, _name(doc, start + 1, end), "Person"
        if kind in ("Organization", "Place") and not gaz_label and end - start == 1 and name not in lexicon.capitals \
                and _after_person_title(doc, start, lexicon):
            kind = "Person"  # "Chancellor Scholz": a surname the NER took for a place or a body
        if kind == "Organization" and not gaz_label and _titled_apposition(doc[start:end], lexicon):
            kind = "Person"  # "Akiba Takeo, Secretary General of ...": a person the NER took for a body
        if kind == "Organization" and not gaz_label:
            person = _titled_name_in(doc, start, end, lexicon)
            if person is not None:  # "Indo-Pacific Coordinator Kurt Campbell"
                start, (name, kind) = person, (_name(doc, person, end), "Person")
        if kind == "Person" and not gaz_label and name in lexicon.capitals:
            kind = "Place"  # "talks between Yerevan and Baku": capitals the NER took for persons
        if kind == "Place" and name in lexicon.capitals and _acts(doc[start:end].root, lexicon):
            kind, name, gaz_label = "Country", lexicon.capitals[name], ""
        if kind is not None:
            mentions.append((start, end, name, kind, gaz_label))
            if kind in ("Country", "Organization") and not _real_mention(doc[start:end], lexicon):
                incidental.add(start)

    mentions.extend(_first_named(doc, mentions, lexicon))
    mentions.extend(_titled_untagged_names(doc, mentions, lexicon))
    mentions.extend(_outlet_names(doc, mentions, lexicon))
    # full person names and the words they are made of
    full_names = {m[2] for m in mentions if m[3] == "Person" and len(m[2].split()) > 1}
    word_owner: dict[str, set[str]] = {}
    for full in full_names:
        for word in full.split():
            word_owner.setdefault(word.casefold(), set()).add(full)
    mentions.extend(_unlabelled_name_words(doc, mentions, word_owner))
    # a surname alone that no full name of the text owns: the title's person of that surname
    titled: dict[str, set[str]] = {}
    for full in known_names:
        if len(full.split()) > 1 and full.split()[-1].casefold() not in word_owner:
            titled.setdefault(full.split()[-1].casefold(), set()).add(full)
    word_owner |= titled

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

    _join_name_tails(clusters)
    told = _states_told(doc, mention_cluster, lexicon, metadata_states, home_state)
    actors: dict[str, Actor] = {}
    ident_key: dict[tuple[str, str], str] = {}
    for ident, cluster in sorted(clusters.items()):
        title = _title_before(doc, cluster, lexicon) if cluster.type == "Person" else []
        actor = linker.link(
            cluster.type, cluster.canonical, sorted(cluster.names), sorted(cluster.gazetteer_labels), title=title,
            state_named=ident[0] == "Country" and cluster.canonical.casefold() in told,
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
            # "President Joseph R. Biden, Jr., spoke": the suffix (which the parser may make the
            # subject) is the person's too
            after = end + 1 if end < len(doc) and doc[end].text == "," else end
            if after < len(doc) and doc[after].text.rstrip(".") in lexicon.words.name_suffixes:
                token_actor.setdefault(after, key)
    person_mentions.sort()
    subject_mentions = [
        (start, key)
        for start, key in person_mentions
        if any(t.dep_ in SUBJECT_DEPS for t in doc[start : start + 6] if token_actor.get(t.i) == key)
    ]

    mentioned = {ident_key[ident] for start, _, ident in mention_cluster if start not in incidental}
    table = ActorTable(actors, places, token_actor, token_place, person_mentions, subject_mentions, mentioned,
                       linker=linker, states_told=told)
    _add_collective_mentions(doc, table, lexicon, home_state)
    _add_demonym_nouns(doc, table, lexicon)
    _add_state_pairs(doc, table, lexicon)
    roles = _add_affiliations(doc, table, lexicon)
    table.roles = roles
    _add_title_mentions(doc, table, lexicon, roles, doc_date, home_state, home_body)
    return table


def _title_before(doc: Doc, cluster: _Cluster, lexicon: Lexicon) -> list[str]:
    """The lower-case words before a person's mentions, where a role noun is among them
    ("Foreign Secretary Doe"), sorted."""
    words: set[str] = set()
    for start, _ in cluster.tokens:
        window = [t.lower_ for t in doc[max(0, start - TITLE_WINDOW) : start]]
        if any(word in lexicon.role_nouns for word in window):
            words.update(window)
    return sorted(words)


def _clause_of(sentence: Span) -> Span:
    """A sentence, or with the next one if it has no verb: a fragment that a line break in the
    source cut off ("Ruritania has occupied parts of" / "Georgia since 2008 and ...")."""
    if any(t.pos_ in ("VERB", "AUX") for t in sentence) or sentence.end >= len(sentence.doc):
        return sentence
    return sentence.doc[sentence.start : sentence.doc[sentence.end].sent.end]


def _states_told(
    doc: Doc, mention_cluster: list[tuple[int, int, tuple[str, str]]], lexicon: Lexicon, metadata_states: Iterable[str],
    home_state: str | None = None,
) -> frozenset[str]:
    """The states (lower case) named in ``doc`` by a name that also names something else
    (shared-state-names.tsv: "Georgia", also a US state) that the document tells are meant as
    states: its metadata names them, it has one of the row's telling words (its capital), or a
    mention's sentence names another state than the publisher's own ("Ruritania invaded Georgia
    in 2008"; not "the United States" in a text of its government, where Georgia is as likely
    its state)."""
    shared = lexicon.shared_state_names
    if not shared:
        return frozenset()
    told = {lexicon.country_names.get(name.casefold(), name).casefold() for name in metadata_states}
    named = {ident[1] for _, _, ident in mention_cluster if ident[0] == "Country" and ident[1] in shared}
    if not named:
        return frozenset(told)
    home = home_state.casefold() if home_state else None
    words = {token.text for token in doc}
    country_at = {i: ident[1] for start, end, ident in mention_cluster if ident[0] == "Country" for i in range(start, end)}
    for name in named:
        if any(all(part in words for part in word.split()) and word in doc.text for word in shared[name]):
            told.add(name)
            continue
        for start, end, ident in mention_cluster:
            if ident != ("Country", name):
                continue
            sentence = _clause_of(doc[start].sent)
            others = {other.casefold() for t in sentence if (other := country_at.get(t.i))} - {name, home}
            if any(lexicon.state_item(other) is not None and other not in shared for other in others):
                told.add(name)
                break
    return frozenset(told)


def _state_then_name(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int | None:
    """Where a span the NER made of a state and a person's name after "of" in a title ("President
    of Finland Sauli Niinistö", "President of Tajikistan Emomali Rahmon") splits: the index of the
    name's first word, or None. The state is a country name; the name two or three capitalised
    proper nouns, none a title word. An article may stand after "of" ("Federal Chancellor of the
    Republic of Austria Sebastian Kurz")."""
    before = start - 1 if start >= 1 and doc[start - 1].lower_ in lexicon.words.leading_articles else start
    if before < 2 or doc[before - 1].lower_ != "of" or doc[before - 2].lower_.rstrip(".") not in lexicon.titles:
        return None
    for split in range(end - 2, start, -1):
        state, name = doc[start:split], doc[split:end]
        if state.text.casefold().removeprefix("the ") not in lexicon.country_names:
            continue
        if _personal_name(name, lexicon):
            return split
    return None


def _personal_name(name: Span, lexicon: Lexicon) -> bool:
    """Two or three capitalised proper nouns, none a title word; a hyphen may join two into one
    word ("Denis Sassou-Nguesso")."""
    joined = [t for t in name if t.text == "-" and not t.whitespace_ and name.start < t.i < name.end - 1
              and not _space_before(t)]
    words = [t for t in name if t not in joined]
    return 2 <= len(words) - len(joined) <= 3 and all(
        _proper_title(t) and t.lower_.rstrip(".") not in lexicon.titles for t in words)


def _space_before(token: Token) -> bool:
    return token.i > 0 and bool(token.doc[token.i - 1].whitespace_)


def _first_named(doc: Doc, mentions: list[tuple[int, int, str, str, str]], lexicon: Lexicon
                 ) -> list[tuple[int, int, str, str, str]]:
    """Full names the statistical NER missed of a person it found by surname alone: "Igor
    Shuvalov" (untagged) where "Mr Shuvalov" is a person, and no other full name has that
    word; "Enver Solomon" where it tagged "Solomon" alone (that mention is widened in
    ``mentions``). The first name is a capitalised proper noun, no title or honorific."""
    surnames = {m[2] for m in mentions if m[3] == "Person" and len(m[2].split()) == 1}
    taken = {w for m in mentions if m[3] == "Person" and len(m[2].split()) > 1 for w in m[2].split()}
    surnames -= taken
    if not surnames:
        return []
    covered = {i for start, end, *_ in mentions for i in range(start, end)}
    alone = {m[0]: n for n, m in enumerate(mentions) if m[3] == "Person" and m[1] == m[0] + 1 and not m[4]}
    found = []
    for i in where(doc, ORTH, lambda word: word in surnames):
        first = doc[i - 1] if i > 0 else None
        if (i in covered and i not in alone) or first is None or first.i in covered or first.pos_ != "PROPN" \
                or not _proper_title(first) or first.lower_.rstrip(".") in lexicon.titles \
                or first.lower_.rstrip(".") in lexicon.words.honorifics \
                or (first.i > 0 and first.i - 1 not in covered and _proper_title(doc[first.i - 1])
                    and doc[first.i - 1].pos_ == "PROPN"):  # a longer run of names: whose, unclear
            continue
        mention = (first.i, i + 1, f"{first.text} {doc[i].text}", "Person", "")
        if i in alone:
            mentions[alone[i]] = mention
        else:
            found.append(mention)
    return found


def _unlabelled_name_words(
    doc: Doc, mentions: list[tuple[int, int, str, str, str]], word_owner: dict[str, set[str]]
) -> list[tuple[int, int, str, str, str]]:
    """Person mentions the statistical NER missed: a run of capitalised proper nouns outside
    every entity, each word of which belongs to one and the same full name of the document
    ("Mei made the remarks" after "Mei Lan said")."""
    if not word_owner:
        return []
    covered = {i for start, end, *_ in mentions for i in range(start, end)}
    found: list[tuple[int, int, str, str, str]] = []
    # a run qualifies only if each of its words is a word of a full name: runs are looked
    # for around those words only
    run_end = 0
    for i in where(doc, LOWER, lambda w: w in word_owner):
        if i < run_end or i in covered or not _proper_title(doc[i]):
            continue
        start, end = i, i + 1
        while start > 0 and start - 1 not in covered and _proper_title(doc[start - 1]):
            start -= 1
        while end < len(doc) and end not in covered and _proper_title(doc[end]):
            end += 1
        run_end = end
        owners = [word_owner.get(t.lower_, set()) for t in doc[start:end]]
        if all(len(o) == 1 for o in owners) and len({next(iter(o)) for o in owners}) == 1:
            found.append((start, end, next(iter(owners[0])), "Person", ""))
    return found


def _titled_untagged_names(doc: Doc, mentions: list[tuple[int, int, str, str, str]], lexicon: Lexicon
                           ) -> list[tuple[int, int, str, str, str]]:
    """Person names the statistical NER left untagged at the end of an office's title ("Minister
    of Economic Development Maxim Reshetnikov", "Deputy Minister of Industry and Trade Oleg
    Bocharov"): two or three capitalised proper nouns outside every entity that end their
    phrase, none a title or body word, after a role noun (two only after a body word: "for
    Economic Mobility Carmel Martin" is no "Mobility Carmel Martin"), in a title that begins with
    a role noun no more than ``MAX_TITLE_TOKENS`` words before."""
    covered = {i for start, end, *_ in mentions for i in range(start, end)}

    def name_word(t: Token) -> bool:
        return _proper_title(t) and t.ent_iob_ == "O" and t.i not in covered and not _no_name_word(t, lexicon)

    # only capitalised proper nouns outside every entity can be a name's words: found at once
    # from the document's arrays, not by visiting every token
    attrs = doc.to_array([POS, IS_TITLE, ENT_IOB])
    candidates = np.flatnonzero((attrs[:, 0] == PROPN_ID) & (attrs[:, 1] == 1) & (attrs[:, 2] == IOB_OUTSIDE)).tolist() \
        if len(doc) else []
    found: list[tuple[int, int, str, str, str]] = []
    for token in (doc[i] for i in candidates):
        if not name_word(token) or token.dep_ == "compound" or (token.i + 1 < len(doc) and name_word(doc[token.i + 1])):
            continue
        for start in (token.i - 1, token.i - 2):  # two words, else three
            if start < 1 or not all(name_word(t) for t in doc[start:token.i]):
                break
            before = doc[start - 1]  # a three-word name only right after the office's noun
            if _after_titled_state(doc, start, lexicon):
                # "President of France Francois Hollande": an office of a state, then the name
                found.append((start, token.i + 1, _name(doc, start, token.i + 1), "Person", ""))
                break
            if not (before.pos_ in ("NOUN", "PROPN") and (_role_noun(before, lexicon) or (
                    token.i - start == 1 and before.lower_ in lexicon.words.bare_body_words))):
                continue
            title = doc[max(start - MAX_TITLE_TOKENS, 0):start]
            if any(_role_noun(t, lexicon) for t in title) and not any(t.is_punct or t.ent_iob_ != "O" for t in title[-3:]):
                found.append((start, token.i + 1, _name(doc, start, token.i + 1), "Person", ""))
            break
    taken = covered | {i for start, end, *_ in found for i in range(start, end)}
    for token in (doc[i] for i in candidates if i):
        # "Chancellor Scholz": a surname alone after an office's noun, which the NER left untagged
        if token.dep_ != "compound" and not {token.i - 1, token.i} & taken \
                and _after_person_title(doc, token.i, lexicon):
            found.append((token.i, token.i + 1, token.text, "Person", ""))
    return found


def _outlet_names(doc: Doc, mentions: list[tuple[int, int, str, str, str]], lexicon: Lexicon
                  ) -> list[tuple[int, int, str, str, str]]:
    """News media the NER left untagged, or tagged as no actor, before the words that say
    what they are ("the ORT TV channel", "Austrian ORF television channel", "Mir broadcasting
    company"): the proper nouns right before a phrase of ``outlet-nouns.txt`` words, in lower
    case or capitals ("TV"), whose head is one of them and which has a word of a medium's name
    (``media-words.txt``), outside every actor mention, as an organisation. Not a name that
    goes on ("Youth TV Channel"), nor a title's word ("the President newspaper")."""
    covered = {i for start, end, *_ in mentions for i in range(start, end)}
    words = lexicon.words

    def outlet_noun(t: Token) -> bool:
        return t.lower_ in words.outlet_nouns and (t.is_lower or t.is_upper)

    found: list[tuple[int, int, str, str, str]] = []
    for i in where(doc, LOWER, lambda w: w in words.outlet_nouns):
        token, before = doc[i], doc[i - 1] if i else None
        if before is None or not outlet_noun(token) or before.i in covered or not _outlet_word(before, lexicon):
            continue
        end = token.i
        while end + 1 < len(doc) and outlet_noun(doc[end + 1]):
            end += 1
        phrase = doc[token.i:end + 1]
        if not phrase[-1].is_lower or not any(t.lower_ in words.media_words for t in phrase):
            continue
        start = before.i
        while start > 0 and start - 1 not in covered and _outlet_word(doc[start - 1], lexicon):
            start -= 1
        found.append((start, before.i + 1, _name(doc, start, before.i + 1), "Organization", ""))
    return found


def _outlet_word(token: Token, lexicon: Lexicon) -> bool:
    """A word of a medium's name: a proper noun, capitalised or in capitals, of no people or
    place, and no title's word."""
    return token.pos_ == "PROPN" and (token.is_title or token.is_upper) \
        and token.ent_type_ not in ("NORP", "GPE", "LOC") and not _no_name_word(token, lexicon)


def _misread_first_names(doc: Doc, lexicon: Lexicon) -> set[int]:
    """Tokens the model tagged alone as a place, a body or a people right before a PERSON it
    tagged ("Tatyana" GPE, "Golikova" PERSON): first names, where they name no country, capital,
    people or gazetteer entry."""
    found = set()
    for span in doc.ents:
        if span.label_ != "PERSON" or span.start == 0:
            continue
        before = doc[span.start - 1]
        if before.ent_iob_ == "B" and before.ent_type_ in FIRST_NAME_MISREADS and _proper_title(before) \
                and (before.i == 0 or doc[before.i - 1].lower_ not in TITLE_STATE_LINKS) \
                and not _no_name_word(before, lexicon) and not _known_place_or_people(before.text, lexicon):
            found.add(before.i)
    return found


def _known_place_or_people(name: str, lexicon: Lexicon) -> bool:
    return name.casefold() in lexicon.country_names or name in lexicon.capitals or name in lexicon.demonyms \
        or bool(lexicon.entries_named(name))


def _role_noun(token: Token, lexicon: Lexicon) -> bool:
    """An office's noun, in the singular or the plural ("Deputy Prime Ministers Yury Borisov, ...")."""
    word = token.lower_
    return word in lexicon.role_nouns or (word.endswith("s") and word[:-1] in lexicon.role_nouns)


def _after_person_title(doc: Doc, i: int, lexicon: Lexicon) -> bool:
    """Is the token at ``i`` a capitalised word that may be a name, right after a capitalised
    office's noun or honorific outside every entity ("Chancellor Scholz", "Secretary Blinken",
    "Mr Kumoch"; not "Press Gaggle", "Presidential Chancellery")?"""
    if i == 0:
        return False
    token, before = doc[i], doc[i - 1]
    title = before.lower_.rstrip(".")
    return _proper_title(token) and not _no_name_word(token, lexicon) \
        and (title in lexicon.role_nouns or title in lexicon.words.honorifics) \
        and _proper_title(before) and before.ent_iob_ == "O"


def _after_titled_state(doc: Doc, start: int, lexicon: Lexicon) -> bool:
    """Does a state's name end right before ``start``, after "of" (or "of the") and a role noun
    ("President of France", "Prime Minister of the Kingdom of Thailand" is no one state's name)?
    A one-word state's name the NER left untagged counts ("President of Ruritania Tom
    Poe", none of it tagged)."""
    before = doc[start - 1]
    untagged = before.ent_iob_ == "O" and before.pos_ == "PROPN" and before.text.casefold() in lexicon.country_names
    if not untagged and (before.ent_type_ != "GPE" or before.ent_iob_ == "B" and start - 1 == 0):
        return False
    first = start - 1
    while not untagged and first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    i = first - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in lexicon.role_nouns


def _proper_title(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title


def _honoured_name(span: Span, lexicon: Lexicon) -> bool:
    """"Mr Cardoso", "Mme Lagarde": an honorific and one to three capitalised names."""
    name = span[1:]
    return span[0].lower_.rstrip(".") in lexicon.words.honorifics and 1 <= len(name) <= 3 \
        and all(_proper_title(t) for t in name)


def _titled_apposition(span: Span, lexicon: Lexicon) -> bool:
    """"Akiba Takeo, Secretary General of ...", "the Secretary General of ..., Akiba Takeo":
    two or three capitalised names, no word of a body's name ("CPC Central Committee, ..."), in
    apposition with a title, so a person."""
    root = span.root
    if not _personal_name(span, lexicon) or any(t.lower_ in lexicon.words.bare_body_words for t in span):
        return False
    beside = [c for c in root.children if c.dep_ == "appos" and not span.start <= c.i < span.end]
    if root.dep_ == "appos" and not span.start <= root.head.i < span.end:
        beside.append(root.head)
    return any(t.lower_ in lexicon.titles and t.ent_type_ not in ACTOR_LABELS for t in beside)


def _titled_name_in(doc: Doc, start: int, end: int, lexicon: Lexicon) -> int | None:
    """Start of a personal name that ends an ORG span after a role noun, or None: "Indo-Pacific
    Coordinator Kurt Campbell"; after a role noun's body ("Envoy to the Far Eastern Federal
    District Yury Trutnev": the span begins after "Envoy to the"), the last two names (three
    with an initial), none a word of a body's name ("Director of the Federal Security
    Service" is no person)."""
    for i in range(end - 1, start, -1):
        if doc[i - 1].lower_ in lexicon.role_nouns:
            name = doc[i:end]
            if len(name) >= 2 and all(_proper_title(t) for t in name):
                return i
            return None
    before = doc[max(start - 3, 0):start]
    after_article = len(before) >= 2 and before[-1].lower_ == "the" and before[-2].lower_ in ("of", "to") \
        and start >= 3 and doc[start - 3].lower_ in lexicon.role_nouns
    # "Secretary of Commerce Jane Roe": no article, so the parse must agree that the name is no
    # part of the office's "of" phrase
    bare = len(before) >= 2 and before[-1].lower_ in ("of", "to") and before[-2].lower_ in lexicon.role_nouns \
        and not before[-1].is_ancestor(doc[end - 1])
    if not (after_article or bare):
        return None
    split = end - 3 if end - start >= 4 and doc[end - 2].text.endswith(".") and len(doc[end - 2]) <= 2 else end - 2
    name = doc[split:end]
    if split - start < 1 or not all(_proper_title(t) or t.text.endswith(".") for t in name) \
            or any(t.lower_ in lexicon.words.bare_body_words or t.lower_ in lexicon.non_actor_heads for t in name):
        return None
    return split


def _real_mention(span: Span, lexicon: Lexicon) -> bool:
    """False for a name that only modifies a longer proper name ("UN Charter", "Taiwan
    Strait") or only says where ("in Ukraine"). A name in a title ("UK Foreign Secretary")
    is a mention."""
    root = span.root
    head = root.head
    if (
        root.dep_ in MODIFIER_DEPS and head.i >= span.end and head.pos_ == "PROPN" and head.is_title
        and head.lower_ not in lexicon.role_nouns and head.lower_ not in lexicon.titles
    ):
        return False
    if root.dep_ == "pobj" and head.lower_ == "of":
        owner = head.head  # "Political Bureau of the Communist Party of China": part of that name
        if (
            owner.pos_ == "PROPN" and owner.is_title and owner.ent_type_ != "PERSON"
            and owner.lower_ not in lexicon.role_nouns and owner.lower_ not in lexicon.titles
        ):
            return False
    # a country after these only says where or what about ("in Ukraine", "a resolution over Ukraine")
    return not (root.dep_ == "pobj" and head.lower_ in lexicon.words.locative_prepositions)


def _acts(token: Token, lexicon: Lexicon) -> bool:
    """Does a place name stand for its state here? Subject, possessor, or addressee."""
    if token.dep_ in ACTING_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in lexicon.words.addressee_prepositions


def _edit_distance_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion, substitution or swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i:] == b[i + 1 :]


def _misspelling_of(name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """("Bejing") -> ("Beijing", gazetteer label): a known name one edit away, when the name
    itself is no known name (not in the gazetteer nor in the Wikidata label list) and the
    match is unique."""
    if len(name) < MIN_FUZZY_LENGTH or lexicon.entries_named(name) or lexicon.elevant_named(name):
        return None
    if name.casefold() in lexicon.country_names:
        return None
    found = {
        (known, entry.label)
        for entry in lexicon.gazetteer
        for known in entry.names
        if known[:1] == name[:1] and _edit_distance_one(known.casefold(), name.casefold())
    }
    return found.pop() if len(found) == 1 else None


def _join_name_tails(clusters: dict[tuple[str, str], _Cluster]) -> None:
    """An organisation named by the tail of another organisation's name in the same document
    is that organisation ("Security Council" after "UN Security Council")."""
    orgs = [ident for ident, c in clusters.items() if c.type == "Organization"]
    for ident in orgs:
        cluster = clusters[ident]
        if cluster.gazetteer_labels:
            continue
        short = cluster.canonical.casefold().split()
        owners = [
            other for other in orgs
            if other != ident and any(
                len(n.split()) > len(short) and n.casefold().split()[-len(short):] == short
                for n in clusters[other].names
            )
        ]
        if len(owners) == 1:
            target = clusters[owners[0]]
            target.tokens.extend(cluster.tokens)
            del clusters[ident]
            clusters[ident] = target  # the same object: both identities give one actor


def _place(name: str, gaz_label: str, lexicon: Lexicon) -> Place:
    entries = [e for e in lexicon.entries_named(gaz_label or name) if e.type in ("Place", "Country")]
    if len(entries) == 1 and entries[0].verified:
        return Place(key=f"place/{entries[0].qid}", label=entries[0].label, qid=entries[0].qid)
    label = entries[0].label if len(entries) == 1 else name
    return Place(key=f"place/{slugify(label)}", label=label)


def country_actor(table: ActorTable, country: str) -> str:
    """The key of the actor of the state (or union of states) called ``country``, adding it
    to the table if new. A Country unless the gazetteer types it otherwise: the "European
    Union" that a demonym or a speakers list names is the Organization the text mentions."""
    assert table.linker is not None, "an ActorTable gains actors through its linker"
    entry = table.linker.lexicon.entry_labelled(country)
    kind = "Organization" if entry is not None and entry.type == "Organization" else "Country"
    for key, actor in table.actors.items():
        if actor.type == kind and actor.label == country:
            return key
    actor = table.linker.link(kind, country, [country], [entry.label] if entry is not None else [],
                              state_named=country.casefold() in table.states_told)
    for key, existing in table.actors.items():
        if existing.key == actor.key:
            return key
    table.actors.setdefault(actor.key, actor)
    return actor.key


GROUP = "Group"
# a statement whose subject stands for everyone who took part ("the two leaders", "the sides"):
# the speaker is the group of the occasion's participants, known once events are read
PARTICIPANTS = "group:participants"


def group_actor(table: ActorTable, keys: Iterable[str], label: str | None = None) -> str | None:
    """The key of the group of the actors ``keys`` (at least two), added to the table if new.
    Its label is ``label`` or its members' labels ("Vladimir Putin and Recep Tayyip Erdogan");
    its key is made of its members' keys, so the same members make the same group."""
    members = sorted({k for k in keys if k in table.actors and table.actors[k].type != GROUP})
    if len(members) < 2:
        return None
    key = "group/" + "--".join(slugify(k) for k in members)
    if key not in table.actors:
        names = sorted((table.actors[k].label for k in members), key=str.casefold)
        built = ", ".join(names[:-1]) + " and " + names[-1]
        table.actors[key] = Actor(key=key, label=label or built, type=GROUP, names=(built,),
                                  members=tuple(members))
    return key


def _add_collective_mentions(doc: Doc, table: ActorTable, lexicon: Lexicon, home_state: str | None = None) -> None:
    """"The Chinese side", "the Russian government": the state named by the demonym. "The
    administration" alone (home-body-nouns.txt): the state whose body published the text."""
    collective = lexicon.words.collective_nouns
    home_nouns = lexicon.words.home_body_nouns
    for i in where(doc, LEMMA, lambda lemma: lemma.lower() in collective or lemma.lower() in home_nouns):
        token = doc[i]
        if token.i in table.token_actor:
            continue
        if home_state is not None and token.lemma_.lower() in home_nouns and token.pos_ == "NOUN" \
                and all(c.dep_ in ("det", "poss") and c.lower_ in HOME_DETERMINERS for c in token.children if c.i < token.i) \
                and any(c.dep_ in ("det", "poss") for c in token.children):
            key = country_actor(table, home_state)
            for j in range(token.left_edge.i, token.i + 1):
                table.token_actor.setdefault(j, key)
            table.mentioned.add(key)
            continue
        if token.lemma_.lower() not in collective:
            continue
        for child in token.children:
            if child.dep_ in ("amod", "compound") and (state := _demonym_state(child, table, lexicon)):
                key = country_actor(table, state)
                for i in range(child.i, token.i + 1):
                    table.token_actor.setdefault(i, key)
                table.mentioned.add(key)
                break


def _demonym_state(token: Token, table: ActorTable, lexicon: Lexicon) -> str | None:
    """The state (a country label) a demonym names; none for a word of a person's name ("German
    Gref", "Francis Scott")."""
    state = lexicon.demonyms.get(token.text)
    key = table.token_actor.get(token.i) if state is not None else None
    return None if key is not None and table.actors[key].type == "Person" else state


def _add_demonym_nouns(doc: Doc, table: ActorTable, lexicon: Lexicon) -> None:
    # the nouns a demonym modifies
    heads = sorted({doc[i].head.i for i in where(doc, ORTH, lambda word: word in lexicon.demonyms)})
    for i in heads:
        token = doc[i]
        if token.pos_ != "NOUN" or token.i in table.token_actor:
            continue
        for child in token.children:
            if child.dep_ in ("amod", "compound") and (state := _demonym_state(child, table, lexicon)):
                table.demonym_nouns[token.i] = country_actor(table, state)
                break


HYPHENS = frozenset({"-", "–", "—"})
# the words before a home-body noun alone ("the administration", "our Administration")
HOME_DETERMINERS = frozenset({"the", "this", "our"})


def _add_state_pairs(doc: Doc, table: ActorTable, lexicon: Lexicon) -> None:
    """"Russian-Chinese talks", "the US-Russia summit", "a Russian-Turkish-Iranian summit":
    the noun after states, each a demonym or a country the text names, joined by hyphens."""

    def named(token: Token) -> bool:  # a demonym or a country the text names
        key = table.token_actor.get(token.i)
        return token.text in lexicon.demonyms or (key is not None and table.actors[key].type == "Country")

    def state(token: Token) -> str:  # of a named token: a demonym's state joins the table only now
        if token.text in lexicon.demonyms:
            return country_actor(table, lexicon.demonyms[token.text])
        return table.token_actor[token.i]

    for i in where(doc, ORTH, lambda word: word in HYPHENS):
        if i == 0 or i + 1 >= len(doc):
            continue
        right = doc[i + 1]
        head = right.head
        if right.dep_ not in ("amod", "compound") or head.i <= right.i or head.pos_ != "NOUN" \
                or not named(right) or (i + 2 < len(doc) and doc[i + 2].text in HYPHENS):
            continue  # only from the last hyphen before the noun
        members = [right]
        j = i
        while j >= 1 and doc[j].text in HYPHENS and named(doc[j - 1]):
            members.insert(0, doc[j - 1])
            j -= 2
        keys = tuple(dict.fromkeys(state(t) for t in members))
        if len(keys) >= 2:
            table.state_pairs[head.i] = keys


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
            or token.lower_ in lexicon.words.title_connectors
            or token.text in lexicon.demonyms
            or key is not None
            or (token.pos_ == "PROPN" and token.is_title)
        ):
            return
        yield token
        i -= 1
        steps += 1


def body_state(body: Actor, lexicon: Lexicon) -> str | None:
    """The label of the state a body belongs to: from bodies.tsv, or a country or demonym in
    its name ("Communist Party of China", "Chinese Foreign Ministry")."""
    names = (body.label, *body.names)
    for name in names:
        known = lexicon.bodies.get(name)
        if known is not None and known[1] == "body":
            return known[0]
    for name in names:
        words = name.replace("(", " ").replace(")", " ").split()
        for word in words:
            if word in lexicon.demonyms:
                return lexicon.demonyms[word]
        for size in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - size + 1):
                country = lexicon.country_names.get(" ".join(words[i:i + size]).casefold())
                if country is not None:
                    return country
    return None


def _affiliation_from_tokens(tokens: Iterable[Token], table: ActorTable, lexicon: Lexicon) -> str | None:
    """The state a title names (a demonym, a country, or the state of a body in it: "member
    of the Political Bureau of the Communist Party of China"), else the body it names."""
    country = organization = None
    for token in tokens:
        if country is None and (state := _demonym_state(token, table, lexicon)):
            country = country_actor(table, state)
        key = table.token_actor.get(token.i)
        if key is not None:
            kind = table.actors[key].type
            if kind == "Country" and country is None:
                country = key
            elif kind == "Organization":
                organization = organization or key
                state = body_state(table.actors[key], lexicon) if country is None else None
                if state is not None:
                    country = country_actor(table, state)
    return country or organization


CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "conj", "cc", "parataxis"})  # not the title's own phrase


def _phrase(head: Token) -> list[Token]:
    """A title's own phrase: ``head`` and its dependents, without clauses and conjuncts ("a leader
    who holds a special place in Ruritanian history": "a leader")."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS)
    return sorted(out, key=lambda t: t.i)


def _title_word(token: Token, lexicon: Lexicon) -> bool:
    """Whether ``token`` is a title or role noun ("Minister", "spokesperson", "President"), not
    an honorific ("Mr", which says nothing of an office)."""
    word = token.lower_.rstrip(".")
    if word in lexicon.words.honorifics:
        return False
    return word in lexicon.titles or word in lexicon.role_nouns or word in lexicon.words.leader_titles


def _names_another_person(tokens: Iterable[Token], key: str, table: ActorTable) -> bool:
    return any((other := table.token_actor.get(t.i)) is not None and other != key
               and table.actors[other].type == "Person" for t in tokens)


def _add_affiliations(doc: Doc, table: ActorTable, lexicon: Lexicon) -> dict[str, set[str]]:
    """Set each person's affiliation; return the role nouns of each person's titles, and the
    words of a leader's title ("Prime Minister": "minister" and "prime")."""
    affiliation: dict[str, str] = {}
    roles: dict[str, set[str]] = {}
    leaders = lexicon.words.leader_titles
    for start, key in table.person_mentions:
        title = list(_title_tokens(doc, start, table, lexicon))
        roles.setdefault(key, set()).update(t.lower_ for t in title if t.lower_ in lexicon.role_nouns or t.lower_ in leaders)
        if key in affiliation:
            continue
        # without a title word, only a state right before the name ("Ruritania Jane Roe"), not
        # one a connector joins to it ("the invasion of Ruritania and Roe's war") nor a body or
        # place the parser ran into it, title and all ("in the North Lima Mr Roe")
        if not any(_title_word(t, lexicon) and t.i not in table.token_actor for t in title):
            title = [t for t in title[:1] if (k := table.token_actor.get(t.i)) and table.actors[k].type == "Country"]
        found = _affiliation_from_tokens(title, table, lexicon)
        if found is None:
            head = doc[start]
            while head.head.i != head.i and table.token_actor.get(head.head.i) == key:
                head = head.head
            if head.dep_ == "appos":
                # an apposition gives an affiliation only if it is a title ("the Foreign Minister
                # of Ruritania, Jane Roe"), not a vocative list ("President Roe, members of
                # Congress, ...") or a pronoun ("against yourself, President Roe"); and not
                # where the phrase names another person ("President of Ruritania Jane Roe:
                # President Poe, ..." run together, where "of Ruritania" is Roe's)
                if _title_word(head.head, lexicon) and not _names_another_person(head.head.subtree, key, table):
                    found = _affiliation_from_tokens(_phrase(head.head), table, lexicon)
            else:
                for child in head.children:
                    if child.dep_ == "appos":
                        if _title_word(child, lexicon):
                            found = _affiliation_from_tokens(_phrase(child), table, lexicon)
                        break
                    if child.dep_ == "prep" and child.lower_ == "of":  # "President Levits of Latvia"
                        found = _affiliation_from_tokens(
                            (t for t in child.children if t.dep_ == "pobj"), table, lexicon
                        )
                        if found is not None:
                            break
        if found is not None and found != key:
            affiliation[key] = found
    for start, key in table.person_mentions:
        if key not in affiliation:
            state = _office_state(table.actors[key], lexicon)
            if state is not None:
                affiliation[key] = country_actor(table, state)
    for key, found in affiliation.items():
        actor = table.actors[key]
        table.actors[key] = Actor(
            key=actor.key, label=actor.label, type=actor.type, qid=actor.qid, names=actor.names,
            affiliation=found, candidates=actor.candidates,
        )
    return roles


def _office_state(actor: Actor, lexicon: Lexicon) -> str | None:
    """The state a gazetteer person serves, when every known office of theirs is of one state."""
    entries = [e for e in lexicon.entries_named(actor.label) if e.type == "Person"]
    if len(entries) != 1:
        return None
    states = {lexicon.offices[t.office].of for t in entries[0].offices if t.office in lexicon.offices}
    return states.pop() if len(states) == 1 else None


def _title_phrase(head: Token) -> list[Token]:
    """The head noun of a title and its modifiers to the left ("the Chinese Foreign Minister")."""
    return [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]


def _title_country(phrase: list[Token], table: ActorTable, lexicon: Lexicon) -> str | None:
    """The state a title belongs to, as a country label: a demonym or a country in the phrase."""
    for token in phrase:
        if state := _demonym_state(token, table, lexicon):
            return state
        key = table.token_actor.get(token.i)
        if key is not None and table.actors[key].type in ("Country", "Organization"):
            return table.actors[key].label
        if token.pos_ == "PROPN" and token.text.casefold() in lexicon.country_names:
            return lexicon.country_names[token.text.casefold()]  # "Tajikistan", tagged NORP
    return None


def _hyphened_office(phrase: list[Token], table: ActorTable, lexicon: Lexicon, doc_date: dt.date | None,
                     home_body: str | None) -> tuple[list[Token], str, str] | None:
    """A title joined by a hyphen to another ("Secretary-General", parsed "Secretary" as a
    compound of "General") that names an office of a body with a holder on the day: the body
    named before or after the title ("the UN Secretary-General", "the Secretary-General of the
    United Nations") or else the publishing body (``home_body``: "the Secretary-General" in a
    United Nations record). (the phrase with both words, the body, the office's words), or None."""
    last = phrase[-1]
    if doc_date is None or not (last.dep_ == "compound" and last.i + 2 == last.head.i and last.nbor(1).text == "-"
                                and last.head.lower_ in lexicon.titles):
        return None
    joined = last.head
    if joined.i in table.token_actor or (table.token_actor.get(joined.head.i) is not None and joined.dep_ == "compound"):
        return None  # "Secretary-General Jane Roe": the name is the mention
    around = [c for c in joined.children if c.dep_ == "compound" and c.i < phrase[0].i]
    around += [t for c in joined.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    if any((k := table.token_actor.get(t.i)) is not None and table.actors[k].type == "Person" for t in around):
        return None
    body = _title_country(around, table, lexicon) if around else home_body
    extended = [*phrase, last.nbor(1), joined]
    words = " ".join(t.lower_ for t in extended if t.lower_ in lexicon.titles)
    if body is None or _office_holder(words, body, lexicon, doc_date) is None:
        return None
    return extended, body, words


def _office_holder(
    phrase_text: str, country: str, lexicon: Lexicon, doc_date: dt.date
) -> GazetteerEntry | None:
    holders = {
        entry
        for office in lexicon.offices.values()
        if office.of == country and phrase_text in office.roles
        for entry in lexicon.holders(office.label, doc_date)
    }
    return holders.pop() if len(holders) == 1 else None


def _titled_guest(role: str, roles: dict[str, set[str]], table: ActorTable, home_state: str | None,
                  doc_date: dt.date | None, lexicon: Lexicon) -> str | None:
    """The one person of the text titled ``role`` who is of another state than ``home_state``,
    where no person of the text is the home state's holder of that office on the date."""
    titled = [k for k, words in roles.items() if role in words and table.actors[k].type == "Person"]
    if len(titled) != 1 or home_state is None:
        return None
    guest = table.actors[titled[0]]
    if guest.affiliation is None or table.actors[guest.affiliation].label == home_state:
        return None
    home = _office_holder(role, home_state, lexicon, doc_date) if doc_date is not None else None
    if home is not None and any(a.type == "Person" and a.label == home.label for a in table.actors.values()):
        return None
    return titled[0]


GENERIC_OFFICE_WORDS = frozenset({"state", "government"})  # "the head of state": no state named


def _after_named_person(doc: Doc, start: int, table: ActorTable) -> bool:
    """Does a person's name and a comma stand just before the title at ``start``, and no name
    after it before the next comma ("Jane Roe, Senior Vice President, ...", not "Foreign Secretary
    Roe, EU High Representative for Foreign Affairs Poe")?"""
    if start < 2 or doc[start - 1].text != ",":
        return False
    key = table.token_actor.get(start - 2)
    if key is None or table.actors[key].type != "Person":
        return False
    for token in doc[start:doc[start].sent.end]:
        if token.text in (",", ";"):
            break
        named = table.token_actor.get(token.i)
        if named is not None and table.actors[named].type == "Person":
            return False
    return True


def _add_title_mentions(
    doc: Doc, table: ActorTable, lexicon: Lexicon, roles: dict[str, set[str]], doc_date: dt.date | None,
    home_state: str | None = None, home_body: str | None = None,
) -> None:
    """A person named only by a title: the only person of the document with that title and
    state, or else the only holder of that office at the document's date; otherwise nobody.
    A title without a state is of ``home_state``, where the publisher is a state's body ("The
    President" in a Kremlin text is the President of Russia, not a president it wrote to), or
    of ``home_body``, the publishing organisation, where that body has an office so titled."""
    for i in where(doc, LOWER, lambda word: word in lexicon.role_nouns):
        head = doc[i]
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        if head.i in table.token_actor or any(c.dep_ in ("appos", "compound") and c.i in table.token_actor
                                              and table.actors[table.token_actor[c.i]].type == "Person"
                                              for c in head.children):
            continue
        if head.i + 1 < len(doc) and table.token_actor.get(head.i + 1) is not None:
            continue  # a title before a name: the name is the mention
        phrase = _title_phrase(head)
        if _after_named_person(doc, phrase[0].i, table):
            continue  # "Jennifer Rumsey, President and COO, Cummins": her title, no one else's
        hyphened = _hyphened_office(phrase, table, lexicon, doc_date, home_body)
        if hyphened is not None:  # "the Secretary-General", "the UN Secretary-General": an office of a body
            phrase, country, office_words = hyphened
            of_state, at_home = [], False
        else:
            # "the President of the People's Republic of China": the state may follow the title
            of_state = [t for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
            # "Federal Chancellor of Austria Sebastian Kurz": the name ends the title's state
            named = [k for t in of_state if (k := table.token_actor.get(t.i)) is not None and table.actors[k].type == "Person"]
            if named:
                for token in phrase:
                    table.token_actor.setdefault(token.i, named[0])
                continue
            # "the head of state", "the head of government": an office of no named state
            generic = [t for t in of_state if t.lower_ != "of"]
            if generic and all(t.lower_ in GENERIC_OFFICE_WORDS and t.pos_ == "NOUN" for t in generic):
                office_words, of_state = " ".join([head.lower_, *(t.lower_ for t in of_state)]), []
            else:
                office_words = None
            country = _title_country(phrase + of_state, table, lexicon)
            bare = all(t.dep_ == "det" or t.lower_.rstrip(".") in lexicon.titles for t in phrase)
            # "the President", not "the presidents" or "the opposition leader": of the home state,
            # which rules out a person of another state, not one whose state the text leaves unsaid
            # "President of Tajikistan" names another state even where the state is no actor
            at_home = country is None and bare and not of_state and head.tag_ in ("NN", "NNP") and home_state is not None
            if at_home:
                country = home_state

        def of_country(key: str) -> bool:
            affiliation = table.actors[key].affiliation
            if affiliation is None:
                return country is None or at_home
            return country is None or table.actors[affiliation].label == country

        def holder() -> str | None:
            """The one holder of the office the title names, on the document's date."""
            if country is None or doc_date is None:
                return None
            words = office_words or " ".join(t.lower_ for t in phrase if t.lower_ in lexicon.titles)
            # "the Acting President": the office of its head noun, if the whole title names none
            entry = _office_holder(words, country, lexicon, doc_date) or (
                None if office_words else _office_holder(head.lower_, country, lexicon, doc_date))
            if entry is None:
                return None
            # the holder as the text names them, if it does ("Mr Putin" and "the President")
            found = next((k for k, a in sorted(table.actors.items()) if a.type == "Person" and a.label == entry.label), None)
            if found is None:
                actor = table.linker.link("Person", entry.label, [entry.label], [entry.label])
                table.actors.setdefault(actor.key, actor)
                found = actor.key
            return found

        # at home, the office holder before any namesake of the title; but where the holder goes
        # unnamed and one other person of the text holds such a title ("as part of the Prime
        # Minister's working visit" with "Prime Minister of Hungary Viktor Orban" at the press
        # conference), that person
        guest = _titled_guest(head.lower_, roles, table, home_state, doc_date, lexicon) if at_home else None
        key = guest or (holder() if at_home else None)
        # "the head of this organisation": of something the text does not name here, nobody's title
        unnamed = bool(of_state) and country is None and not any(t.i in table.token_actor or t.pos_ == "PROPN"
                                                                 for t in of_state)
        if key is None and not unnamed:
            same_title = [k for k, words in roles.items() if head.lower_ in words and of_country(k)]
            key = same_title[0] if len(same_title) == 1 else None
        if key is None and not at_home:
            key = holder()
        if key is None:
            if country is not None:
                for token in phrase:
                    table.open_titles.setdefault(token.i, (country, head.lower_, str(doc_date.year) if doc_date else ""))
            continue
        for token in phrase:
            table.token_actor.setdefault(token.i, key)
        table.person_mentions.append((phrase[0].i, key))
        if head.dep_ in SUBJECT_DEPS:  # "The President received an update. ... he also had": him
            table.subject_mentions.append((phrase[0].i, key))
        table.mentioned.add(key)
    table.person_mentions.sort()
    table.subject_mentions.sort()


__all__ = ["ActorTable", "actor_key", "country_actor", "extract_actors"]
