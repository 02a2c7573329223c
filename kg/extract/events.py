"""Events (calls, meetings, press conferences, visits) with participants, date and place.

An event is a trigger phrase of the event-type scheme together with the actors syntactically
tied to it: the subject of the verb that governs it, the objects of "with"/"between", and
their conjuncts. How many participants a type needs (a call or meeting two, a press
conference or visit one), whether its participants may be listed in later sentences, and
when one with several counterparts is one event with each (a telephone call) are properties
of the type in ``data/lexicon/event-types.ttl``; the words the rules look for ("will",
"scheduled", "its", "troops") are the lexicon's word lists (``Lexicon.words``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import replace

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.extract.actors import ActorTable
from kg.extract.dates import (
    RELATIVE_DAYS,
    after,
    compatible,
    date_rank,
    future_period,
    resolve_date,
    resolve_dates,
)
from kg.extract.model import Actor, DateValue, EventItem, open_title_key
from kg.extract.resolve import resolve_actor, with_conjuncts
from kg.lexicon import Concept, Lexicon, RuleWords
from kg.nlp.text import doc_text
from kg.nlp.tokens import where

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent"})
OBJECT_DEPS = frozenset({"dobj", "pobj"})
MAX_HEAD_CLIMB = 3
# an occasion told as after another (sequenced_dates)
SEQUENCE_PREPOSITIONS = frozenset({"following", "after"})
# what tells an occasion held while another was ("met with Poe while on a state visit to
# Peru", "during the visit"): on the other's day, where the text gives it
CONCURRENT_PREPOSITIONS = frozenset({"during"})
CONCURRENT_MARKS = frozenset({"while"})
# where a verb of speaking is said to have spoken (sg:venueVerb)
VENUE_PREPOSITIONS = frozenset({"at", "in", "before", "to"})
OCCASION_PREPOSITIONS = frozenset({"at", "during"})  # what was done at an occasion ("proposed at the meeting")
# a wh-word before an infinitive: a question or instruction about the event, no report of it
WH_INFINITIVE_WORDS = frozenset({"how", "when", "where", "whether", "what"})
LOOK_BACK_SENTENCES = 3
# "The U.S. delegation was led by Coordinator Kurt Campbell and included representatives from ..."
DELEGATION = re.compile(r"^(?:The\s+)?.{0,40}?\bdelegations?\b[^.]{0,20}?\b(?:was|were)\s+(?:led|headed)\s+by\b", re.IGNORECASE)
DELEGATION_WINDOW = 3  # sentences after the event's in which its delegations are described
# "Participants in the call included ...", "Taking part in the meeting were ...", "The meeting was attended by ...",
# "**Participants include:**", "Leaders who participated in today's meeting included:"
PARTICIPANTS_LIST = re.compile(
    r"^[*_]*(?:(?:The\s+)?(?:[\w-]+\s+){0,3}?(?:participants|attendees)\b[^.]{0,60}?\b(?:included|include|were|are)"
    r"|(?:[\w’'-]+\s+){1,14}?(?:who|that)\s+(?:participated|took\s+part|attended)\b[^.]{0,60}?\b(?:included|include|were)"
    r"|(?:Also\s+)?taking\s+part\b[^.]{0,60}?\b(?:were|was)"
    r"|(?:The\s+)?\w+\s+(?:was|were)\s+(?:also\s+)?attended\s+by)\b", re.IGNORECASE)
BULLETS = frozenset("-*•–")  # the first character of a list's item
ITEM_ENDS = frozenset({";"})  # what ends an item of a list run into one paragraph
DATE_LABELS = frozenset({"DATE", "TIME"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NAME_LINKS = frozenset({"of", "the", "and", "for"})  # small words inside a name ("State of the Union")
SUBJECT, COUNTERPART = "subject", "counterpart"
CONTEXT = "|context"  # suffix of the match key of a context trigger
OWNED = "|owned"  # suffix of the match key of an owned trigger ("his address")
DELIVERY_VERBS = frozenset({"deliver", "give"})  # "gave the address": its subject's
OWNER_PREPOSITIONS = frozenset({"by", "from"})  # "remarks by the Vice President", "remarks from Ambassador Roe"
OWN_AGENT_DEPS = frozenset({"poss"})
HOST_TYPES = frozenset({"Country", "Organization"})
BODY_TYPES = frozenset({"Organization"})
OWN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# "held a meeting via videoconference": the medium of the occasion another trigger (a noun)
# tells; not "talking with Petrov over the phone", a call
MEDIUM_PREPOSITIONS = frozenset({"via"})
UNNAMED_PREPOSITION = "with"  # "met with veteran service organizations": the other side unnamed
PLURAL_POSSESSIVES = frozenset({"their"})  # "Roe and Poe ... following their talks": the subject's persons
JOINING_VERBS = frozenset({"join", "accompany"})  # "joined by", "accompanied by": who came along took part
JOINING_DEPS = frozenset({"advcl", "acl"})
FirstPerson = Callable[[Token], tuple[str, ...]]  # whom a first-person pronoun stands for (none: ())
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})  # "is", "are holding": an event told as under way
NON_FINITE_TAGS = frozenset({"VB", "VBG", "VBN", "NN", "NNS", "JJ", "TO"})  # on the way up to a finite verb
MAX_FINITE_CLIMB = 6
# a clause of time in the present tells what is to come or what is done each time ("when the
# United States hosts the Summit", "when he goes and visits communities"), no occasion told
TIME_MARKS = frozenset({"when", "whenever", "once", "until", "till", "before", "after"})
# "I just met with ...", "has just spoken with ...": the event took place moments before it is told
JUST_NOW_ADVERBS = frozenset({"just"})
FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
# a citation of a meeting's verbatim record: "(see A/71/PV.8)", "(see S/PV.8970)"
RECORD_CITATION = re.compile(r"\(see\s+[A-Z]+(?:/[A-Z0-9.-]+)*/PV\.\d+")
RECORD_MARK = "/PV."  # in every such citation: a document without it cites none
NEGATING_PREPOSITIONS = frozenset({"without", "of"})  # "without meeting", "instead of meeting"
# verbs that say an event took place, with the event as subject ("the summit was held in Lima")
HELD_VERBS = frozenset({"hold", "open", "convene", "close", "conclude", "end"})
TOOK_PLACE = ("take", "place")  # "the summit took place"
STANDARD_OBJECT_DEPS = frozenset({"dobj", "npadvmod"})  # "meet this moment" (the parser may take it for a time)
REPEAT_LINKS = frozenset({"after", "upon"})  # "call after call": a series, no occasion
FUTURE_LINK_DEPS = frozenset({"xcomp", "advcl"})  # "is going to Russia next week to meet": the journey's time


def event_type_name(concept: Concept) -> str:
    """The local name of an event type ("PhoneCall"): the ``EventItem.type`` of its events."""
    return concept.iri.rsplit("#", 1)[-1]


def _keyed_triggers(concept: Concept) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """An event type's triggers by match key: plain, context (``CONTEXT``), owned (``OWNED``)."""
    name = event_type_name(concept)
    return ((name, concept.triggers), (name + CONTEXT, concept.context_triggers), (name + OWNED, concept.owned_triggers))


def event_types(lexicon: Lexicon) -> dict[str, Concept]:
    """The lexicon's event types by name."""
    return {event_type_name(concept): concept for concept in lexicon.event_types}


class TriggerMatcher:
    """The event types' trigger phrases, each word matching a token's lower form or its lemma.

    Called on a ``Doc``, it returns what a spaCy ``Matcher`` with one pattern per choice of
    LOWER or LEMMA for each word returns: ``(match_id, start, end)`` for every match, once
    (``match_id`` is the hash of the key: the event type's name, with ``CONTEXT`` for a context
    trigger). The Matcher, with 2^n patterns for an n-word trigger, took half the extraction
    time of long speeches; this looks up each token's two forms in a table of first words.
    """

    def __init__(self, vocab: Vocab, lexicon: Lexicon):
        strings = vocab.strings
        phrases: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for concept in lexicon.event_types:
            for key, triggers in _keyed_triggers(concept):
                key_id = strings.add(key)
                for trigger in triggers:
                    words = tuple(strings.add(word) for word in trigger.split())
                    if words:
                        phrases.setdefault(words[0], []).append((key_id, words))
        self._phrases = phrases
        self._first = numpy.fromiter(phrases, dtype=numpy.uint64, count=len(phrases))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        forms = doc.to_array([LOWER, LEMMA])
        if not len(forms):
            return []
        lower, lemma = forms[:, 0], forms[:, 1]
        starts = numpy.flatnonzero(numpy.isin(lower, self._first) | numpy.isin(lemma, self._first))
        found: dict[tuple[int, int, int], None] = {}
        size = len(forms)
        for start in starts.tolist():
            candidates = [*self._phrases.get(int(lower[start]), ()), *self._phrases.get(int(lemma[start]), ())]
            for key_id, words in candidates:
                end = start + len(words)
                if end <= size and all(w == lower[start + i] or w == lemma[start + i] for i, w in enumerate(words)):
                    found[(key_id, start, end)] = None
        return list(found)


def build_trigger_matcher(vocab: Vocab, lexicon: Lexicon) -> TriggerMatcher:
    """One rule per event type; each trigger word matches a token's lower form or lemma."""
    return TriggerMatcher(vocab, lexicon)


def spacy_trigger_matcher(vocab: Vocab, lexicon: Lexicon) -> Matcher:
    """``TriggerMatcher`` as a spaCy ``Matcher`` (the reference its tests compare it with)."""
    matcher = Matcher(vocab)
    for concept in lexicon.event_types:
        for key, triggers in _keyed_triggers(concept):
            patterns = []
            for trigger in triggers:
                variants: list[list[dict]] = [[]]
                for word in trigger.split():
                    variants = [v + [{attr: word}] for v in variants for attr in ("LOWER", "LEMMA")]
                patterns.extend(variants)
            if patterns:
                matcher.add(key, patterns)
    return matcher


def _in_context(span: Span, context: frozenset[str], words: RuleWords) -> bool:
    """A context trigger (a noun that heads its phrase) counts in a sentence with one of the
    ``context`` words, and not when a demonstrative points back to an event already told
    ("This launch")."""
    root = span.root
    if root.pos_ != "NOUN" or root.dep_ in ("compound", "amod", "nmod"):
        return False  # "launched strike forces", "in an attack position": not the event itself
    if any(c.dep_ == "det" and c.lower_ in words.demonstratives for c in root.children):
        return False
    return any(t.lower_ in context or t.lemma_.lower() in context for t in span.sent)


AUDIENCE_PRONOUNS = frozenset({"you", "us", "them"})
VERB_FORM_DEPS = frozenset({"amod", "pcomp"})  # where a verb form the tagger took for a noun stands ("for addressing challenges")


def _verb_form(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.dep_ in VERB_FORM_DEPS


def _addresses_audience(verb: Token, table: ActorTable, audience: frozenset[str]) -> bool:
    """Is the object of a speech verb an audience ("addressed the nation", "addressed you",
    "addressed Scottish businessmen"; not "addressed the issue" or "a letter addressed to us")? A
    verb the parser took for a modifier has the noun it modifies for object ("for addressing
    challenges")."""
    objects = [verb.head] if verb.dep_ == "amod" else [c for c in verb.children if c.dep_ == "dobj"]
    for obj in objects:
        for member in with_conjuncts(obj):
            if table.actor_at(member) is not None or member.lower_ in AUDIENCE_PRONOUNS \
                    or member.lemma_.lower() in audience or member.lower_ in audience:
                return True
    return False


def _one_phrase(span: Span) -> bool:
    """Do the trigger's words make one phrase, each but one depending on another of them ("address
    to the nation"; not "the State of the Union Address to reiterate his call", whose "to" is the
    infinitive's)?"""
    return sum(1 for t in span if not span.start <= t.head.i < span.end or t.head.i == t.i) <= 1


def match_type(key: str) -> str:
    """The event type a trigger match's key names (without ``CONTEXT`` or ``OWNED``)."""
    return key.removesuffix(CONTEXT).removesuffix(OWNED)


def _in_name(token: Token) -> bool:
    """Is the proper noun the "of" object inside a longer name ("Union" in "State of the Union
    Address", "Americas" in "Summit of the Americas"), or a noun the name runs into ("address"
    in "State of the Union address")? Its name's head is ``token.head.head``."""
    return (token.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)) \
        and token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "PROPN"


def is_owned(span: Span) -> bool:
    """An owned trigger (a noun) counts where it says whose it is: "his address", "the
    President's remarks", "remarks by the Vice President", "remarks from Ambassador Roe", "his
    State of the Union Address"."""
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN"):
        return False
    name = [root]  # "his State of the Union Address": the name's head says whose
    while _in_name(name[-1]) and len(name) <= MAX_HEAD_CLIMB:
        name.append(name[-1].head.head)
    if name[-1].dep_ == "dobj" and name[-1].head.lemma_.lower() in DELIVERY_VERBS \
            and any(c.dep_ in SUBJECT_DEPS for c in name[-1].head.children) \
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):  # not "gave the address of the office"
        return True  # "Biden gave the State of the Union address": the one who gives it
    return any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in OWNER_PREPOSITIONS and any(o.dep_ == "pobj" for o in c.children))
        for node in name for c in node.children)


# a title's word in one of these relations qualifies another rather than naming the occasion
TITLE_MODIFIER_DEPS = frozenset({"pobj", "compound", "amod", "nmod", "poss"})


def heads_title(span: Span, kind: Concept, words: RuleWords) -> bool:
    """Does a context trigger count in a title: in its context, or heading a phrase of its own
    ("Interview to NBC", "... (interview to TASS)"; not "the general debate of session 79")?"""
    return span.root.dep_ not in TITLE_MODIFIER_DEPS or _in_context(span, kind.context_words, words)


def _path_to_verb(token: Token) -> list[Token]:
    """The trigger token and its heads up to the first verb ("telephone" -> "conversation" -> "had")."""
    path = [token]
    steps = 0
    while steps < MAX_HEAD_CLIMB:
        node = path[-1]
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        path.append(node.head)
        # within a name ("his State of the Union Address"), "of" and the name's head are no step
        steps += 0 if _in_name(node) or node.lower_ == "of" and node.head.pos_ == "PROPN" else 1
    return path


def _governing_verb(token: Token) -> Token:
    return _path_to_verb(token)[-1]


def _own_agent(anchor: Token, table: ActorTable, words: RuleWords) -> bool:
    """Does the trigger noun name who acted ("Ruritania's test", "an attack by Ruritanian
    forces", "a Ruritanian attack")? Then the subject of the verb above it ("X condemns ...
    for its test") took no part."""
    if anchor.pos_ != "NOUN":
        return False
    if any(c.dep_ in OWN_AGENT_DEPS or (c.dep_ == "prep" and c.lower_ == "by") for c in anchor.children):
        return True
    return anchor.i in table.demonym_nouns and not any(
        c.dep_ == "prep" and c.lower_ in words.participant_prepositions for c in anchor.children
    )


def _participant_tokens(anchor: Token, words: RuleWords, own_agent: bool = False) -> Iterable[Token]:
    if own_agent and anchor.dep_ == "pobj" and anchor.head.lower_ in OCCASION_PREPOSITIONS \
            and anchor.head.head.pos_ in ("VERB", "AUX"):
        # "I proposed at its first high-level meeting": whoever acted at the meeting took part
        yield from ((t, SUBJECT) for c in anchor.head.head.children if c.dep_ in SUBJECT_DEPS for t in with_conjuncts(c))
    path = [anchor] if own_agent else _path_to_verb(anchor)
    topic = next((i for i, node in enumerate(path) if i and node.dep_ == "prep" and node.lower_ in words.topic_prepositions
                  and node.head.pos_ == "NOUN"), None)
    if topic is not None:  # "exchanged opinions on the peace talks": who exchanged them held none
        path = path[:topic]
    verb = path[-1]
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    if not has_subject and (verb.dep_ in ("advcl", "xcomp", "conj") or verb.dep_ == "prep" and verb.tag_ == "VBG"
                            and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.head.children)):
        # "Talking with Petrov over the phone, Li said": the subject of the main verb; so too
        # "Putin answered questions following a working visit to China", where a name is the
        # subject (not "The member of the ... Committee, Li Wei, spoke following ...")
        path = path + [verb.head]
        if verb.head.dep_ == "acomp" and verb.head.pos_ == "ADJ" and verb.lemma_.lower() != "have":
            path.append(verb.head.head)  # "I was privileged to attend": "was"; not "we are pleased to have X here"
    elif not has_subject and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" \
            and verb.head.lower_ not in NEGATING_PREPOSITIONS and verb.head.head.pos_ in ("VERB", "AUX") \
            and not _modal_or_future(verb.head.head, words):
        # "In addressing the General Assembly in 2018, I wondered": who did the main verb's deed
        # gave the speech (not "without meeting", "instead of meeting", nor what is to come: "I
        # shall begin by addressing", "will start by meeting with")
        path = path + [verb.head, verb.head.head]
    # "Following a meeting with Stoltenberg, she met with the Baltic leaders": the meeting's other
    # side is its own, not the objects of the verb it hangs on
    own_side = anchor.pos_ == "NOUN" and any(
        c.dep_ == "prep" and c.lower_ in words.participant_prepositions and any(o.dep_ in OBJECT_DEPS for o in c.children)
        for c in anchor.children)
    for node in path:
        yield from ((t, SUBJECT) for t in _joined_by(node))
        for child in node.children:
            if own_side and node.i != anchor.i and child.dep_ == "prep":
                continue
            if child.dep_ in SUBJECT_DEPS and child.lower_ in RELATIVE_PRONOUNS and node.dep_ == "relcl":
                # "Kurz, who is in Russia on a working visit": the name just before "who"
                yield (child.nbor(-1) if child.i > 0 and child.nbor(-1).pos_ == "PROPN" else node.head), SUBJECT
            elif child.dep_ in SUBJECT_DEPS:
                members = list(with_conjuncts(child))
                yield from ((t, SUBJECT) for t in members)
                if len(members) > 1:  # "Roe and Chancellor Tom Poe", parsed "Poe" in apposition to "Roe"
                    yield from ((a, SUBJECT) for m in members for a in m.children
                                if a.dep_ == "appos" and a.ent_type_ == "PERSON")
                # "Jane Roe, Gender Policy Council Director, Tom Poe, ... Director, and Ann Doe,
                # Counsel, hosted": the parser may join the names to the first one's title; "Jane
                # Roe, joined by ..."
                for m in members:
                    yield from ((t, SUBJECT) for t in _apposed_people(m))
                    yield from ((t, SUBJECT) for t in _joined_by(m))
            elif child.dep_ == "dobj" and node.i == verb.i:
                yield from ((t, COUNTERPART) for t in with_conjuncts(child))
            elif child.dep_ == "poss":
                yield child, SUBJECT
            elif child.dep_ == "prep" and child.lower_ in OWNER_PREPOSITIONS and node.i == anchor.i and node.pos_ == "NOUN":
                # "an attack by Ruritanian forces", "a visit by the President"
                yield from ((t, SUBJECT) for o in child.children if o.dep_ == "pobj" for t in with_conjuncts(o))
            elif child.dep_ == "prep" and child.lower_ in words.participant_prepositions:
                for obj in child.children:
                    if obj.dep_ in OBJECT_DEPS:
                        for member in with_conjuncts(obj):
                            yield member, COUNTERPART
                            for appos in member.children:
                                if appos.dep_ == "appos":  # "Doe, EU Director Roe, and ... Poe"
                                    yield from ((t, COUNTERPART) for t in with_conjuncts(appos))
                                # "President of Azerbaijan Ilham Aliyev and President of Armenia
                                # Serzh Sargsyan": the second title hangs on the first name
                                elif appos.dep_ == "prep" and appos.lower_ == "of":
                                    yield from ((t, COUNTERPART) for o in appos.children if o.dep_ == "pobj"
                                                for t in (*o.conjuncts, *_titled_list(o)))


def _titled_list(name: Token) -> Iterable[Token]:
    """The titles and names a list of titled names hangs on its first name ("with President of
    Armenia A, President of Belarus B and President of Kazakhstan C", parsed "B" in the "of"
    phrase of a title in apposition to "A", and "C"'s title a conjunct of "B"): each title in
    apposition or conjunction, and the name of its "of" phrase, in turn."""
    seen: set[int] = {name.i}
    stack = [name]
    while stack:
        for title in (c for c in stack.pop().children if c.dep_ in ("appos", "conj") and c.i not in seen):
            seen.add(title.i)
            yield title
            stack.append(title)
            for prep in (c for c in title.children if c.dep_ == "prep" and c.lower_ == "of"):
                for named in (o for o in prep.children if o.dep_ == "pobj" and o.i not in seen):
                    seen.add(named.i)
                    yield named
                    stack.append(named)


def _apposed_people(token: Token) -> Iterable[Token]:
    """The names of persons in the appositions to a name and their conjuncts ("Jane Roe, Council
    Director, Tom Poe, Affairs Director, and Ann Doe, Counsel": Poe and Doe), down appositions
    and conjunctions only, from a person's name (not "the Summit of the Basins (Amazon, Congo and
    Borneo-Mekong)", where the model may take a place for a person)."""
    if token.ent_type_ != "PERSON":
        return
    stack = [c for c in token.children if c.dep_ == "appos"]
    while stack:
        node = stack.pop()
        if node.ent_type_ == "PERSON":
            yield node
        stack.extend(c for c in node.children if c.dep_ in ("appos", "conj"))


def _joined_by(verb: Token) -> Iterable[Token]:
    """Those by whom the verb's subject was joined or accompanied ("President Jane Roe, joined by
    Secretary Tom Poe and Director Ann Doe, met with ..."): on the verb or on a clause of it."""
    for joining in (verb, *(c for c in verb.children if c.dep_ in JOINING_DEPS)):
        if joining.lemma_.lower() not in JOINING_VERBS or joining.tag_ != "VBN":
            continue
        for obj in (o for a in joining.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"):
            for member in with_conjuncts(obj):
                yield member
                yield from (c for c in member.children if c.dep_ == "appos" and c.ent_type_ == "PERSON")


def _participants(anchor: Token, sentence: Span, table: ActorTable, words: RuleWords,
                  first_person: FirstPerson | None = None, heads: set[str] | None = None) -> list[tuple[str, str]]:
    """(actor key, SUBJECT or COUNTERPART) of each participant tied to the trigger; into
    ``heads``, the states whose heads a leader noun lists ("the heads of six states – China, ...").
    ``first_person``: whom a first-person pronoun stands for ("we" of a joint statement: its
    signatories; "I" in a transcript: who holds the turn); no one when it gives none."""
    found: list[tuple[str, str]] = []
    for token, role in _participant_tokens(anchor, words, _own_agent(anchor, table, words)):
        if first_person is not None and (speakers := first_person(token)):  # "When we met in December 2001"
            found += [(k, role) for k in speakers if k not in (f for f, _ in found)]
            continue
        key = resolve_actor(token, table) or _body_pronoun(token, table, words)
        if key is None and token.pos_ == "NOUN" and (listed := _apposed_actors(token, table)):
            # "the heads of six states – China, Russia, ... and Uzbekistan – signed"
            found += [(k, role) for k in listed if k not in (f for f, _ in found)]
            if heads is not None and (token.lemma_.lower() in words.leader_nouns or token.lemma_.lower() in words.leader_titles):
                heads.update(k for k in listed if table.actors[k].type == "Country")
            continue
        if key is None and _pair_noun(token, words):  # "the heads of the two countries held a meeting"
            found += [(k, role) for k in _named_pair(token.doc, table) if k not in (f for f, _ in found)]
            continue
        if key is None and token.dep_ == "poss" and token.lower_ in words.possessive_pronouns:
            key = _possessor(token, table)
        if key is None and token.dep_ == "poss" and token.lower_ in PLURAL_POSSESSIVES \
                and len(owners := _plural_possessors(token, table)) >= 2:
            # "Jane Roe and Tom Poe made press statements following their talks"
            found += [(k, role) for k in owners if k not in (f for f, _ in found)]
            continue
        if key is None:  # "met with members of the Security Council": the Council
            key = _members_of(token, table)
        if key is None and token.lower_ in words.forces_nouns:
            key = table.demonym_nouns.get(token.i)
        if key is None and token.i in table.open_titles:  # resolved once the build is known
            key = open_title_key(*table.open_titles[token.i])
        if key is not None and key not in (k for k, _ in found):
            found.append((key, role))
    if anchor.i in table.demonym_nouns and not any(r == SUBJECT for _, r in found):
        found.append((table.demonym_nouns[anchor.i], SUBJECT))  # "a Ruritanian attack on ..."
    for key in table.state_pairs.get(anchor.i, ()):  # "the Russian-American summit in Ljubljana"
        if key not in (k for k, _ in found):
            found.append((key, COUNTERPART))
    # "EU High Representative Roe": the EU is in the title, Roe took part
    titles = {table.actors[k].affiliation for k, _ in found if k in table.actors and table.actors[k].type == "Person"}
    return [(k, r) for k, r in found if k not in titles]


def _apposed_actors(token: Token, table: ActorTable) -> list[str]:
    """The actors a plural noun, or the plural noun of its "of" phrase, lists in apposition
    ("the heads of six states – China, Russia and Uzbekistan –": the three states)."""
    nouns = [token] + [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for o in c.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
    found: list[str] = []
    for noun in nouns:
        if noun.tag_ != "NNS":
            continue
        for appos in (c for c in noun.children if c.dep_ == "appos"):
            for member in with_conjuncts(appos):
                key = table.actor_at(member)
                if key is not None and key in table.actors and key not in found:
                    found.append(key)
    return found


def _pair_noun(token: Token, words: RuleWords) -> bool:
    """Does a plural group noun count two ("the two presidents", "both leaders", "the heads of the
    two countries")?"""
    if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() not in words.group_nouns:
        return False
    counted = [token] + [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                         for o in c.children if o.dep_ == "pobj"]
    return any(c.dep_ in ("det", "nummod", "predet") and c.lower_ in words.pair_words
               for node in counted for c in node.children)


def _named_pair(doc: Doc, table: ActorTable) -> tuple[str, ...]:
    """The two persons a text names together, first ("Vladimir Putin and Viktor Yushchenko gave
    a high assessment ..."): whom "the two presidents" stand for; none if it never does."""
    for token in doc:
        key = table.actor_at(token)
        if key is None or table.actors[key].type != "Person" or token.dep_ == "compound":
            continue
        for other in token.children:
            mate = table.actor_at(other) if other.dep_ == "conj" else None
            if mate is not None and mate != key and table.actors[mate].type == "Person":
                return (key, mate)
    return ()


def _medium_of_another(span: Span, event_type: str, matches: list[tuple[int, int, int]]) -> bool:
    """Is the trigger the medium of an occasion another trigger of its sentence tells ("held a
    meeting, via videoconference, with ...": a meeting, not a call)?"""
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in MEDIUM_PREPOSITIONS:
        return False
    sentence, doc = span.sent, span.doc
    return any(sentence.start <= s < sentence.end and not (s < span.end and span.start < e)
               and doc[s:e].root.pos_ == "NOUN" and match_type(doc.vocab.strings[m]) != event_type
               for m, s, e in matches)


def _told_as_present(anchor: Token) -> bool:
    """Is the event told as under way on the document's date ("who is in Russia on a working
    visit", "are holding talks"; not "condemns Bolivia for its test")?"""
    path = _path_to_verb(anchor)
    verb = path[-1]
    if any(node.dep_ == "prep" and node.lower_ == "during" for node in path):
        # "Today I am very glad to have this opportunity to meet with the President during his
        # visit to our country": the first finite verb above is in the present
        node, steps = verb, 0
        while node.tag_ in NON_FINITE_TAGS and node.head.i != node.i and steps < MAX_FINITE_CLIMB:
            node, steps = node.head, steps + 1
        if node.tag_ in PRESENT_TAGS:
            return True
    return (verb.tag_ in PRESENT_TAGS and verb.lemma_.lower() == "be") or (verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in PRESENT_TAGS for c in verb.children))


def _possessor(token: Token, table: ActorTable) -> str | None:
    """Whom "his" or "her" stands for: the person who is the subject of its clause, named after
    it ("In his opening remarks, President Putin said ..."; the person named before a verb the
    parser left without a subject), else the last person before it."""
    verb = _governing_verb(token)
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.i > token.i:
            key = resolve_actor(child, table)
            if key is not None and table.actors[key].type == "Person":
                return key
    if token.i < verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # "During his working trip to St Petersburg, Vladimir Putin, launched ...": the parser
        # left the verb without its subject; the person named before the verb
        for t in token.doc[token.i + 1 : verb.i]:
            key = table.actor_at(t)
            if key is not None and table.actors[key].type == "Person":
                return key
    found = table.last_person_before(token.i)
    # "said Dr. Lomax. 'I applaud the president for including ... in his address'": a title
    # named after that person, in the pronoun's sentence, is whom it stands for (its holder, or
    # no one the text names)
    titles = table.lexicon.titles
    for t in reversed(token.doc[token.sent.start : token.i]):
        if found is not None and table.actor_at(t) == found:
            break
        if t.lower_ in titles and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound" \
                and any(c.dep_ == "det" or c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            return table.actor_at(t)  # "the president", "President of the Republic of Azerbaijan"
    return found


def _plural_possessors(token: Token, table: ActorTable) -> list[str]:
    """Whom "their" stands for: the persons who are together the subject of its clause, or of the
    clause a subjectless one hangs on ("made press statements following their talks")."""
    verb = _governing_verb(token)
    for _ in range(MAX_HEAD_CLIMB):
        if any(c.dep_ in SUBJECT_DEPS for c in verb.children) or verb.head.i == verb.i:
            break
        verb = _governing_verb(verb.head)
    members = [m for c in verb.children if c.dep_ in SUBJECT_DEPS for m in with_conjuncts(c)]
    keys = [k for m in members if (k := resolve_actor(m, table)) is not None and table.actors[k].type == "Person"]
    return list(dict.fromkeys(keys)) if len(members) == len(keys) else []


def _in_address(span: Span) -> bool:
    """Is the trigger part of a web address ("(https://.../briefing-room/statements-releases/...)")?"""
    text = doc_text(span.doc)
    begin = max(text.rfind(c, 0, span.start_char) for c in " \n\t") + 1
    ends = [i for c in " \n\t" if (i := text.find(c, span.end_char)) >= 0]
    word = text[begin:min(ends) if ends else len(text)]
    return "://" in word or word.startswith("www.")


def _unnamed_counterparts(anchor: Token, table: ActorTable) -> bool:
    """Is the other side a group the text does not name ("the administration met with
    veteran service organizations", "a meeting with governors", "hosted a roundtable discussion
    with Florida advocates")? Then one named side is enough.
    An actor in the group's phrase names it ("Defence Ministry officials", "the leaders of France")."""
    # on the trigger itself, or on the object of a verb trigger: not "supports the resumption
    # of talks among the parties"
    objects = [c for c in anchor.children if c.dep_ == "dobj"] if anchor.pos_ == "VERB" else []
    groups = [obj for node in (anchor, *objects) for child in node.children
              if child.dep_ == "prep" and child.lower_ == UNNAMED_PREPOSITION
              for obj in child.children if obj.dep_ == "pobj"]
    for obj in groups:
        if obj.pos_ == "NOUN" and obj.tag_ == "NNS" and not any(table.actor_at(t) is not None for t in obj.subtree):
            return True
    return False


def _objects_of(nodes: Iterable[Token], prepositions: frozenset[str], table: ActorTable,
                types: frozenset[str], keys: list[str]) -> list[str]:
    """``keys`` with the actors of ``types`` that are objects of one of ``prepositions`` on ``nodes``."""
    for node in nodes:
        for child in node.children:
            if child.dep_ != "prep" or child.lower_ not in prepositions:
                continue
            for obj in child.children:
                if obj.dep_ != "pobj":
                    continue
                # "to the international media company Bloomberg": the name in apposition
                for member in (m for o in with_conjuncts(obj) for m in (o, *(a for a in o.children if a.dep_ == "appos"))):
                    key = table.actor_at(member)
                    if key is not None and table.actors[key].type in types and key not in keys:
                        keys.append(key)
    return keys


def _hosts(anchor: Token, table: ActorTable, prepositions: frozenset[str]) -> list[str]:
    """The states or organisations that host an event: objects of a host preposition on the
    trigger or on the verb that governs it ("a visit to Russia"; "is in Russia on a working
    visit")."""
    return _objects_of(dict.fromkeys((anchor, _governing_verb(anchor))), prepositions, table, HOST_TYPES, [])


def _welcomers(anchor: Token, table: ActorTable, verbs: frozenset[str],
               first_person: FirstPerson | None) -> list[str]:
    """The states that welcome the visitor or the visit (``verbs``: ``sg:hostVerb`` lemmas): "We
    welcomed Deputy Secretary-General Jane Roe, who visited the affected areas" in Haiti's speech
    (Haiti), "Peru welcomed the visit of ..." (Peru)."""
    verb = _governing_verb(anchor)
    # the visit as the verb's object, or the visitor as the object a relative clause tells of
    node = verb.head if verb.dep_ == "relcl" and anchor.i == verb.i else anchor
    while node.dep_ == "appos" and node.head.i != node.i:  # "the Deputy Secretary-General, Jane Roe, who visited"
        node = node.head
    if node.dep_ != "dobj" or node.head.lemma_.lower() not in verbs:
        return []
    found: list[str] = []
    for subject in (c for c in node.head.children if c.dep_ in SUBJECT_DEPS):
        keys = (first_person(subject) if first_person is not None else None) or [resolve_actor(subject, table)]
        found += [k for k in keys if k is not None and k in table.actors and table.actors[k].type == "Country"
                  and k not in found]
    return found


def _members_of(token: Token, table: ActorTable) -> str | None:
    """The body whose members a noun names, unnamed ("members of the Security Council",
    "representatives of the Business Council"; ``member-nouns.txt``): that body, else None."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in table.lexicon.words.member_nouns:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                key = table.actor_at(obj) if obj.dep_ == "pobj" else None
                if key is not None and table.actors[key].type in BODY_TYPES:
                    return key
    return None


def _bodies(anchor: Token, table: ActorTable, prepositions: frozenset[str]) -> list[str]:
    """The organisations that meet at an event: objects of a body preposition on the trigger
    ("a meeting of the Security Council") or a name before it ("the NATO summit"); none for an
    event named as such ("the Summit of the Future")."""
    if anchor.ent_type_ or (anchor.text[:1].isupper() and anchor.i > anchor.sent.start):
        return []
    # (a name the parser hangs as "nmod" on a singular trigger: "the Security Council open
    # debate"; not "the Department of Defense talks about ...", a verb it took for a noun)
    keys = [key for child in anchor.children if (child.dep_ == "compound" or child.dep_ == "nmod" and anchor.tag_ == "NN")
            and (key := table.actor_at(child)) is not None and table.actors[key].type in BODY_TYPES]
    # "held a meeting with members of the Security Council", "met with representatives of ..."
    with_words = table.lexicon.words.participant_prepositions
    keys += [key for node in dict.fromkeys((anchor, _governing_verb(anchor))) for prep in node.children
             if prep.dep_ == "prep" and prep.lower_ in with_words
             for obj in prep.children if obj.dep_ == "pobj" and (key := _members_of(obj, table)) is not None]
    return _objects_of((anchor,), prepositions, table, BODY_TYPES, list(dict.fromkeys(keys)))


def meeting_bodies(doc: Doc, matcher: TriggerMatcher | Matcher, table: ActorTable, kind: Concept) -> list[str]:
    """The organisations that meet at an event of ``kind`` the text tells, whoever held it
    ("Putin held a session of the State Council Presidium": the Presidium)."""
    keys: list[str] = []
    if not kind.body_prepositions:
        return keys
    name = event_type_name(kind)
    for match_id, start, end in sorted(matcher(doc), key=lambda m: m[1]):
        if match_type(doc.vocab.strings[match_id]) != name:
            continue
        for key in _bodies(doc[start:end].root, table, kind.body_prepositions):
            if key not in keys:
                keys.append(key)
    return keys


def _body_pronoun(token: Token, table: ActorTable, words: RuleWords) -> str | None:
    """"condemns the Republic of Ruritania for its test": "its" is the last state or
    organisation named before it in its sentence."""
    if token.lower_ not in words.body_pronouns:
        return None
    for earlier in reversed(token.sent[: token.i - token.sent.start]):
        key = table.actor_at(earlier)
        if key is not None and table.actors[key].type in ("Country", "Organization"):
            return key
    return None


class _Sentences:
    """A document's sentences with their stripped texts, made once (a long briefing has
    dozens of events, and each looked at every later sentence again)."""

    def __init__(self, doc: Doc) -> None:
        self.items = [(sent, sent.text.strip()) for sent in doc.sents]
        self.starts = [sent.start for sent, _ in self.items]

    def after(self, sentence: Span) -> list[tuple[Span, str]]:
        return self.items[bisect.bisect_left(self.starts, sentence.end):]


def _listed_participants(sentences: _Sentences, sentence: Span, table: ActorTable,
                         others: list[tuple[int, int]] = ()) -> list[str]:
    """The actors of the first sentence from the event's own on that lists who took part
    ("Participants in the call included Prime Minister Li Wei of Peru, ..."), unless it names
    an occasion of another type (``others``: trigger spans): its persons, or all its actors
    when it names no person. A list opened by a colon ("**Participants include:**", "Leaders who
    participated in today's meeting included:") goes on to the end of its paragraph and through
    the bulleted items after it. Then every actor of the sentences just after the
    event's that say who led each delegation ("The U.S. delegation was led by ...")."""
    later = sentences.after(sentence)
    keys: list[str] = []
    for position, (following, text) in enumerate([(sentence, sentence.text.strip()), *later]):  # the event's own first
        opening = PARTICIPANTS_LIST.match(text)
        if not opening:
            continue
        head = following.start + len(opening.group(0).split())
        if any(following.start <= s and e <= head + 1 for s, e in others) and following != sentence:
            break  # "Taking part in the meeting were ...": not the summit's
        listed = _actors_in(following, table)
        colon = next((t for t in following if ":" in t.text and t.idx >= following.start_char + opening.end()), None)
        if colon is not None:  # "Virtual roundtable participants included:" and a list
            tokens = list(following.doc[colon.i + 1:following.end])
            previous = following
            for item, line in later[position:]:
                if not (line[:1] in BULLETS or "\n" not in item.doc.text[previous.end_char:item.start_char]):
                    break
                tokens += list(item)
                previous = item
            # one person per item; with none, every actor the list names
            listed = _list_people(tokens, table) or listed + [k for k in _actors_in(tokens, table) if k not in listed]
        people = [k for k in listed if table.actors[k].type == "Person"]
        keys = people or listed  # "Prime Minister Li Wei of Peru": Peru is in his title
        break
    for following, text in later[:DELEGATION_WINDOW]:
        if DELEGATION.match(text):
            keys += [k for k in _actors_in(following, table) if k not in keys and k in table.mentioned]
    return keys


def _list_people(tokens: list[Token], table: ActorTable) -> list[str]:
    """The persons a list names, one per item: its first person ("Elizabeth Door, Senior Vice
    President, Global Strategic Sourcing, Whirlpool": not the words of her title the NER may take
    for a name). An item ends at a bullet, a semicolon or a line of its own."""
    keys: list[str] = []
    fresh = True
    for token in tokens:
        if token.is_space or token.text in ITEM_ENDS or token.text in BULLETS:
            fresh = True
            continue
        key = table.actor_at(token)
        if fresh and key is not None and table.actors[key].type == "Person":
            if key not in keys:
                keys.append(key)
            fresh = False
    return keys


def _actors_in(tokens: Iterable[Token], table: ActorTable) -> list[str]:
    """The actors of a sentence or a run of tokens, in order, each once."""
    keys: list[str] = []
    for token in tokens:
        key = table.actor_at(token)
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def _modal_or_future(verb: Token, words: RuleWords) -> bool:
    """Does a future auxiliary or a modal go with the verb ("will start by meeting", "I shall
    begin by addressing", "would say")?"""
    return any(c.dep_ == "aux" and (c.lower_ in words.future_auxiliaries or c.lower_ in words.hypothetical_modals)
               for c in verb.children)


def _going_to(verb: Token) -> bool:
    """Is the verb the future of "be going to" ("is going to give a speech", "is going there to
    meet with NATO partners"), not a journey ("went to meet")?"""
    head = verb.head
    return (verb.dep_ in ("xcomp", "advcl") and head.lemma_.lower() == "go" and head.tag_ == "VBG"
            and any(c.dep_ == "aux" for c in head.children) and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _generic_name(anchor: Token, words: RuleWords) -> bool:
    """Does a generic determiner open the name before the trigger ("every State of the Union
    speech", which the parser may cut after "State")? The words between are a name's
    (capitalised, "of", "the")."""
    i = anchor.i - 1
    while i >= anchor.sent.start and (anchor.doc[i].text[:1].isupper() or anchor.doc[i].lower_ in NAME_LINKS):
        i -= 1
    return i < anchor.i - 1 and i >= anchor.sent.start and anchor.doc[i].lower_ in words.generic_determiners


def _hypothetical(anchor: Token, words: RuleWords) -> bool:
    """A planned, hoped-for or conditional event ("will meet", "should Russia invade", "a
    meeting at the earliest convenience" under "proposed", "the need to hold a summit") or a
    denied one."""
    path = _path_to_verb(anchor)
    verb = path[-1]
    planning, modals = words.planning_verbs, words.hypothetical_modals
    if _going_to(verb):
        return True  # "She's going to give a speech": the future
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and any(c.dep_ == "advmod" and c.lower_ in WH_INFINITIVE_WORDS for c in verb.children):
        return True  # "How to Watch President Biden's First State of the Union Address": no report
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in planning:
        path = [*path, verb.head]  # "are scheduled to meet", "agreed to hold talks"
    elif verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp":
        path = [*path, verb.head, verb.head.head]  # "will be happy to see you at the summit"
    elif verb.dep_ in ("pcomp", "acl") and verb.head.dep_ == "prep" and verb.head.head.lemma_.lower() in planning:
        return True  # "the importance of resuming talks"
    elif verb.dep_ == "acl" and verb.head.lemma_.lower() in planning:
        return True  # "the need to hold a summit"
    elif any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and any(c.dep_ == "dobj" and c.lemma_.lower() in planning for c in verb.head.children):
        return True  # "reaffirmed the invitation to Macron to make a visit"
    elif verb.dep_ == "conj" and any(c.dep_ == "aux" and c.lower_ in modals for c in verb.head.children):
        return True  # "will test models and authorize consultations": one modal for both
    before = verb.doc[max(verb.left_edge.i - 2, 0) : verb.left_edge.i].text.lower()
    if before in words.counterfactual_phrases:
        return True  # "rather than targeting him with an air strike"
    if any(t.text == "?" for t in anchor.doc[anchor.i : anchor.sent.end]):
        return True  # asked about, not told (a transcript's question may run into the answer's label)
    if any(c.dep_ == "amod" and c.lower_ in words.unreal_modifiers for c in anchor.children):
        return True  # "an imminent launch", "the next meeting"
    generic = words.generic_determiners
    if _generic(anchor, generic) or _generic_name(anchor, words):
        return True  # "every State of the Union speech": no one occasion
    if verb.dep_ == "relcl" and _generic(verb.head, generic) or anchor.i == verb.i and any(
            c.dep_ == "prep" and any(o.dep_ == "pobj" and _generic(o, generic) for o in c.children) for c in verb.children):
        return True  # "in every city I visited" (the parser may hang "in every city" on the verb): each time
    if anchor.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lower_ == "to" for c in anchor.children) \
            and (anchor.head.pos_ in ("NOUN", "ADJ") and anchor.dep_ in ("acl", "xcomp", "relcl") or _extraposed(anchor)):
        return True  # "an honor to visit you", "the appropriate time for him to meet": not told as done
    if any(c.dep_ == "acl" and c.lemma_.lower() in planning for c in anchor.children):
        return True  # "the EU-Russia summit scheduled for December 21"
    if any(c.dep_ in OWN_CLAUSE_DEPS and any(a.dep_ == "aux" and a.lower_ in modals for a in c.children)
           for c in anchor.children):
        return True  # "the summit that will take place in July"
    for node in path:
        if node.lemma_.lower() in planning and node.i == verb.i and len(path) >= 2 \
                and path[-2].dep_ == "prep" and path[-2].lower_ in OCCASION_PREPOSITIONS:
            continue  # "I proposed at its first high-level meeting to declare ...": proposed there
        if node.lemma_.lower() in planning or node.lower_ in words.before_words:
            return True  # "accepted a meeting in principle", "ahead of the summit"
        for child in node.children:
            if child.dep_ in ("aux", "auxpass") and child.lower_ in modals:
                return True
            if child.dep_ == "neg":
                return True
            if child.dep_ == "mark" and child.lower_ in words.conditional_marks:
                return True
    return False


def _generic(noun: Token, determiners: frozenset[str]) -> bool:
    """Does a generic determiner ("every", "each") open the noun's phrase?"""
    return any(c.dep_ == "det" and c.lower_ in determiners for c in noun.children)


def _office_of(anchor: Token, roles: frozenset[str]) -> bool:
    """Is the trigger's name what an office (a role noun of ``roles``) is of ("the Chair and
    Co-Founder of the Service Academies Global Summit", "Director of the Forum"): a body, not an
    occasion told?"""
    node = anchor
    while _in_name(node) and node.head.head.lower_ not in roles:
        node = node.head.head  # up a name ("the Summit of the Americas")
    if node.dep_ != "pobj" or node.head.lower_ != "of":
        return False
    office = node.head.head
    return any(t.lower_ in roles for t in (office, *([office.head] if office.dep_ == "conj" else [])))


def _extraposed(verb: Token) -> bool:
    """Is the verb the infinitive of "it is a pleasure / good to ..." (its head a copula in the
    present whose subject is "it" and which has a complement; "it was good to meet" tells a
    meeting)?"""
    head = verb.head
    return head.i != verb.i and head.tag_ in PRESENT_TAGS and any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in head.children) \
        and any(c.dep_ in ("attr", "acomp") for c in head.children)


def _practice(anchor: Token, kind: Concept, words: RuleWords) -> bool:
    """Is the trigger a practice, not an occasion: told with a word of frequency ("have met
    many times", "meet regularly"), the plural of one of its type's triggers, or a verb trigger
    with a plural object, in the present perfect ("agencies have hosted briefings with
    hundreds of owners"; not "have held talks", whose plural is the occasion)?"""
    verb = _governing_verb(anchor)
    # the trigger, and the verb whose object it is ("have held talks many times"; not "was asked
    # numerous times, not just in the press conference yesterday")
    told = (anchor, verb) if anchor.head.i == verb.i and anchor.dep_ in ("dobj", "nsubjpass") else (anchor,)
    for node in told:
        # and what hangs on its adverb ("have visited Russia many times before")
        for c in (*node.children, *(g for a in node.children if a.dep_ == "advmod" for g in a.children)):
            if c.dep_ == "advmod" and c.lower_ in words.frequency_words:
                return True  # "meet regularly", "has often visited"
            if c.dep_ in ("npadvmod", "advmod", "dobj") and c.lemma_.lower() == "time" and c.tag_ == "NNS" \
                    and any(q.dep_ in ("amod", "nummod") and (q.lower_ in words.frequency_words or q.like_num)
                            for q in c.children):
                return True  # "have met many times", "visited three times"
    if _repeated(anchor):
        return True  # "call after call and briefing after briefing"
    plural = anchor.tag_ == "NNS" and anchor.lemma_.lower() != anchor.lower_ and anchor.lemma_.lower() in kind.triggers
    if plural and verb.tag_ != "VBD" and not any(c.dep_ == "nummod" for c in anchor.children):
        return True  # "in the face of attacks", "is asked to provide speeches": not "held meetings with"
    if not (verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                                       for c in verb.children)):
        return False
    if anchor.i == verb.i:  # "have hosted briefings": the verb's object is the plural
        return any(c.dep_ == "dobj" and c.tag_ == "NNS" and c.lemma_.lower() != c.lower_ for c in verb.children)
    return plural


def _repeated(anchor: Token) -> bool:
    """Is the trigger a noun told as one of a series, "X after X" ("call after call", "in
    briefing after briefing"; the parser may take either for the other's head)?"""
    doc, i = anchor.doc, anchor.i
    return any(0 <= a and b < len(doc) and doc[a].lower_ == doc[b].lower_ == anchor.lower_
               and doc[a + 1].lower_ in REPEAT_LINKS for a, b in ((i, i + 2), (i - 2, i)))


def _separate(sentence: Span, trigger: Span, kind: Concept) -> bool:
    """Is an event of ``kind`` with several counterparts one event with each? Yes when the
    sentence has one of the type's separate words ("separately", "respectively"), or when the
    trigger's text has one of its two-sided marks ("telephone": a phone conversation is between
    two sides) and the sentence none of its group words ("video", "conference"). Never for a
    type with none of these (event-types.ttl)."""
    words = {t.lower_ for t in sentence}
    if words & kind.separate_words:
        return True
    said = trigger.text.lower()
    return any(mark in said for mark in kind.two_sided_marks) and not words & kind.group_words


def _date_in(sentence: Span, doc_date: dt.date | None,
             accept: Callable[[Span, DateValue], bool] | None = None):
    """The first date of the sentence (of those ``accept`` takes: the entity and its date)."""
    for ent in sentence.ents:
        # the small model sometimes labels "Feb 26" otherwise (LAW): any entity that reads as a date
        if ent.label_ in DATE_LABELS or ent.label_ not in NAME_LABELS:
            value = resolve_date(ent.text, doc_date)
            if value is not None and (accept is None or accept(ent, value)):
                return value
    return None


def _tied_to(ent: Span, nodes: set[int]) -> bool:
    """Does the entity modify one of ``nodes``? Its heads are climbed up to the first verb."""
    node = ent.root
    while node.head.i != node.i and node.i not in nodes and node.pos_ not in ("VERB", "AUX"):
        node = node.head
        if node.pos_ in ("NOUN", "PROPN") and node.i not in nodes:
            return False  # "the Treaty of 1972": the date of another thing
    return node.i in nodes


def _dates_of(anchor: Token, sentence: Span, doc_date: dt.date | None, tied_only: bool = False) -> list:
    """The days of the event: a date tied to the trigger or to the verb that governs it
    ("the tests on February 26 and March 4", "On Monday, Li had a telephone conversation")
    first, several for a plural trigger; else the first date of the sentence (not with
    ``tied_only``: a verb of reporting, whose sentence's other dates are of what was said)."""
    # the trigger, the verbs above it and its own clause ("the talks that we had today")
    path = {t.i for t in _path_to_verb(anchor)} | {c.i for c in anchor.children if c.dep_ in OWN_CLAUSE_DEPS}
    plural = anchor.tag_ in ("NNS", "NNPS")
    past = _told_in_past(anchor)
    for ent in sentence.ents:
        if ent.label_ in NAME_LABELS or not _tied_to(ent, path):
            continue
        if plural:
            values = resolve_dates(ent.text, doc_date)
        else:
            values = [d for d in (resolve_date(ent.text, doc_date, past=past),) if d is not None]
        if values:
            return values
    for token in sentence:  # "Today, Roe hosted ...": a day word the NER left unlabelled, on the trigger's verb
        if token.lower_ in RELATIVE_DAYS and not token.ent_type_ and token.dep_ == "npadvmod" and token.head.i in path \
                and (value := resolve_date(token.text, doc_date)) is not None:
            return [value]
    if _just_now(anchor) and (value := resolve_date("today", doc_date)) is not None:
        return [value]
    if tied_only:
        return []
    # an event inside another noun's clause is not dated by the sentence ("Today we examined
    # the agreements reached during my visit to Japan")
    if any(t.dep_ in OWN_CLAUSE_DEPS for t in (anchor, *anchor.ancestors)):
        return []
    # a year alone elsewhere in the sentence is another thing's ("evaluated the government's
    # work in 2000")
    date = _date_in(sentence, doc_date,
                    lambda ent, value: value.datatype != "gYear" and _of_clause(ent, path | {sentence.root.i}))
    return [date] if date is not None else []


def _told_in_past(anchor: Token) -> bool:
    """Is the event told in the past tense ("met in October", "as agreed at the summit in
    November", "had talks"; not "will meet", "meets")?"""
    verb = _governing_verb(anchor)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxiliaries):
        return True
    return verb.tag_ == "VBN" and all(c.lemma_.lower() in ("have", "be") and c.tag_ != "VB" for c in auxiliaries)


def _held(anchor: Token) -> bool:
    """Is the trigger noun the subject of a verb that says it took place ("the summit was held",
    "the summit took place", "the session opened")?"""
    verb = anchor.head
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ not in ("nsubj", "nsubjpass") or verb.tag_ not in ("VBD", "VBN"):
        return False
    lemma = verb.lemma_.lower()
    return lemma in HELD_VERBS or lemma == TOOK_PLACE[0] and any(
        c.dep_ == "dobj" and c.lemma_.lower() == TOOK_PLACE[1] for c in verb.children)


def _just_now(anchor: Token) -> bool:
    """Is the event told as having taken place moments before ("I just met with", "has just
    spoken with"; not "had just met with ... when", whose moment is another past one, nor "just
    wrapped a week of meetings", a noun between)?"""
    path = _path_to_verb(anchor)
    if any(node.pos_ in ("NOUN", "PROPN") for node in path[1:-1]):
        return False
    verb = path[-1]
    # a trigger noun is the verb's own event when the speaker did it ("I just had a call") or
    # the verb is done on it ("just got off the phone"), not when it is spoken of ("you have
    # just mentioned my meeting with Tom Poe")
    if anchor.pos_ != "VERB" and not any(node.pos_ == "ADP" for node in path[1:-1]) \
            and not any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON_SUBJECTS for c in verb.children):
        return False
    if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "advmod" and c.lower_ in JUST_NOW_ADVERBS for c in verb.children):
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return not auxiliaries
    return verb.tag_ == "VBN" and [c.tag_ for c in auxiliaries if c.lemma_.lower() == "have"] in (["VBP"], ["VBZ"]) \
        and len(auxiliaries) == 1


def _told_as_future(anchor: Token, sentence: Span) -> bool:
    """Is the event told as still to come by a time without a day that modifies it or the
    verb it hangs on ("Next week, the president is going to Russia to meet with Putin",
    "will host a summit later this year")?"""
    nodes = {t.i for t in _path_to_verb(anchor)}
    verb = _governing_verb(anchor)
    while verb.dep_ in FUTURE_LINK_DEPS and verb.head.i != verb.i:
        verb = verb.head
        nodes.add(verb.i)
    return any(ent.label_ in DATE_LABELS and future_period(ent.text) and _tied_to(ent, nodes) for ent in sentence.ents)


def _time_clause_in_present(anchor: Token) -> bool:
    """Is the trigger in a clause of time in the present ("when the United States hosts the
    Summit of the Americas", "especially when he goes and visits communities"): to come, or
    each time, not an occasion told?"""
    verb = _governing_verb(anchor)
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "advcl" and verb.tag_ in PRESENT_TAGS \
        and any(c.dep_ in ("mark", "advmod") and c.lower_ in TIME_MARKS for c in verb.children)


def _of_clause(ent: Span, verbs: set[int]) -> bool:
    """May a date elsewhere in the event's sentence be the event's? Not one of a named thing
    ("the Anti-Ballistic Missile Treaty of 1972") or of another noun's own clause ("the
    sanctions imposed on Russia in 2014"); one of the sentence's verbs or of a noun around
    the event may ("this trip today, including the President's visit")."""
    node = ent.root
    while node.head.i != node.i and node.i not in verbs:
        if node.dep_ in OWN_CLAUSE_DEPS and node.head.i not in verbs:
            return False
        node = node.head
        if node.pos_ == "PROPN" and node.i not in verbs:
            return False
    return True


def statement_date(doc: Doc, anchor: int, content: tuple[int, int], doc_date: dt.date | None):
    """When a statement was made: a date that modifies its reporting verb ("said on
    Thursday", "told Petrov on Feb 26"), outside what was said. None when there is none."""
    verb = doc[anchor]
    for ent in verb.sent.ents:
        if ent.label_ in NAME_LABELS or content[0] <= ent.start_char < content[1]:
            continue
        if _tied_to(ent, {verb.i}):
            value = resolve_date(ent.text, doc_date)
            if value is not None:
                return value
    return None


def _date_said_before(sentence: Span, participants: set[str], table: ActorTable, doc_date: dt.date | None,
                      saying: frozenset[str]):
    """"Li Wei said on Feb 26 that ... . Li made the remarks when he talked over phone with
    Ana Diaz": an undated event takes the date of what one of its participants is reported,
    in the sentences just before, to have said on that day (``saying``: the lemmas of the
    reporting verbs that date an event, from reporting-verbs.tsv)."""
    doc = sentence.doc
    previous = sentence.start - 1
    for _ in range(LOOK_BACK_SENTENCES):
        if previous < 0:
            return None
        before = doc[previous].sent
        previous = before.start - 1
        named = {table.actor_at(token) for token in before}
        if named & participants and any(t.lemma_.lower() in saying for t in before):
            value = _date_in(before, doc_date)
            if value is not None:
                return value
    return None


def _place_in(anchor: Token, sentence: Span, table: ActorTable) -> str | None:
    for node in _path_to_verb(anchor):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "at"):
                for obj in child.children:
                    place = table.place_at(obj)
                    if place is not None:
                        return place
    for token in sentence:
        if token.dep_ == "pobj" and token.head.lower_ == "in":
            place = table.place_at(token)
            if place is not None:
                return place
    return None


def extract_events(
    doc: Doc, table: ActorTable, matcher: TriggerMatcher | Matcher, doc_date: dt.date | None,
    lexicon: Lexicon, types: dict[str, Concept] | None = None,
    first_person: FirstPerson | None = None, fewest: int | None = None,
) -> list[EventItem]:
    """The events of ``doc``. ``types``: the lexicon's event types by name (``event_types``),
    if the caller has them already; ``first_person``: whom a first-person pronoun stands for
    (see ``_participants``); ``fewest``: the participants an event
    needs, instead of its type's ``min_participants`` (a title's "Putin met with the
    directors of news agencies" tells who held the meeting the body tells); 0 also keeps an
    event whose holder the text leaves to its reader ("State visit to Turkey": its host
    alone), for the caller to name."""
    types = types if types is not None else event_types(lexicon)
    words = lexicon.words
    seen: set[tuple[int, str]] = set()
    taken: list[tuple[int, int, str]] = []  # the triggers of the events found: (start, end, type)
    events: list[EventItem] = []
    sentences: _Sentences | None = None
    typed_spans: list[tuple[str, int, int]] | None = None
    matches = sorted(matcher(doc), key=lambda m: (m[1], -m[2]))
    for match_id, start, end in matches:
        event_type = doc.vocab.strings[match_id]
        span = doc[start:end]
        sentence = span.sent
        context, owned = event_type.endswith(CONTEXT), event_type.endswith(OWNED)
        event_type = match_type(event_type)
        if _medium_of_another(span, event_type, matches):
            continue
        kind = types[event_type]
        if context and not _in_context(span, kind.context_words, words) or owned and not is_owned(span):
            continue
        if kind.audience_words and len(span) == 1 and _verb_form(span.root) \
                and not _addresses_audience(span.root, table, kind.audience_words):
            continue
        if (sentence.start, event_type) in seen or _in_address(span) or not _one_phrase(span):
            continue
        if any(t != event_type and s <= start and end <= e and e - s > end - start for s, e, t in taken):
            continue  # "met with journalists" is a press conference, "a round of talks" a negotiation
        if kind.standard_words and len(span) == 1 and _verb_form(span.root) \
                and any(c.dep_ in STANDARD_OBJECT_DEPS and c.lemma_.lower() in kind.standard_words for c in span.root.children):
            continue  # "meet this moment": the verb's other sense
        anchor = span.root
        if _hypothetical(anchor, words) or _practice(anchor, kind, words) or _office_of(anchor, lexicon.role_nouns) \
                or _told_as_future(anchor, sentence):
            continue
        heads: set[str] = set()
        participants = _participants(anchor, sentence, table, words, first_person, heads)
        if heads:  # "the heads of six states – ... – met": a meeting of heads of state is a summit
            event_type = leaders_type(types, event_type, len(heads))
        if kind.host_prepositions and (participants or fewest == 0):  # "a visit to Russia", "arrived in Germany on a working visit"
            hosts = _hosts(anchor, table, kind.host_prepositions)
            visited = [k for t in anchor.children if t.dep_ == "dobj" and anchor.pos_ == "VERB"
                       for m in with_conjuncts(t) if (k := table.actor_at(m)) is not None
                       and table.actors[k].type in HOST_TYPES]
            if participants and all(k in hosts or k in visited for k, _ in participants):
                continue  # "Russian tourists visiting Egypt": a host alone is no visit
            if not hosts and not visited and kind.host_verbs:
                hosts = _welcomers(anchor, table, kind.host_verbs, first_person)
            participants += [(k, COUNTERPART) for k in hosts if k not in (p for p, _ in participants)]
        if kind.body_prepositions and (participants or _held(anchor)):
            # "held a meeting of the Security Council"; "the NATO summit was held in Lima": its body
            participants += [(k, COUNTERPART) for k in _bodies(anchor, table, kind.body_prepositions)
                             if k not in (p for p, _ in participants)]
        if kind.participants_listed:  # "Participants in the call included A, B and C."
            sentences = sentences or _Sentences(doc)
            if typed_spans is None:  # each match's type, once per document
                typed_spans = [(match_type(doc.vocab.strings[m]), s, e) for m, s, e in matches]
            # a list of those "in the meeting" is none of a summit's
            others = [(s, e) for t, s, e in typed_spans if t != event_type]
            listed = _listed_participants(sentences, sentence, table, others)
            participants += [(k, COUNTERPART) for k in listed if k not in (p for p, _ in participants)]
        if len(participants) < (kind.min_participants if fewest is None else fewest) \
                and not (participants and (_definite_alone(span, words) or _unnamed_counterparts(anchor, table))):
            continue  # "Tom Poe also took part in the meeting" joins the meeting told (one_per_occasion)
        seen.add((sentence.start, event_type))
        taken.append((start, end, event_type))
        subjects = [k for k, r in participants if r == SUBJECT]
        counterparts = [k for k, r in participants if r == COUNTERPART]
        if subjects and len(counterparts) > 1 and _separate(sentence, span, kind):
            groups = [subjects + [c] for c in counterparts]  # "a telephone conversation with A, B and C"
        elif kind.per_speaker and len(speakers := [k for k, _ in participants if k in table.actors
                                                   and table.actors[k].type == "Person"]) > 1:
            groups = [[k] for k in speakers]  # "remarks from Ambassador Roe, Director Poe and Dr. Doe": a speech each
        else:
            groups = [[k for k, _ in participants]]
        dates, place = _dates_of(anchor, sentence, doc_date), _place_in(anchor, sentence, table)
        if not dates:
            said = _date_said_before(sentence, {k for k, _ in participants}, table, doc_date,
                                     lexicon.event_dating_verbs)
            dates = [said] if said is not None else []
        if not dates and doc_date is not None and _told_as_present(anchor):
            dates = [resolve_date("today", doc_date)]  # "Kurz, who is in Russia on a working visit"
        if not dates and _time_clause_in_present(anchor):
            continue  # "when the United States hosts the Summit" ("before I begin the meeting today" is dated)
        if dates and all(after(d, doc_date) for d in dates):
            continue  # "the President of Finland visits tomorrow": still to come
        dates = [d for d in dates if not after(d, doc_date)]
        for group in groups:
            for date in dates or [None]:  # "the tests on February 26 and March 4": two tests
                events.append(
                    EventItem(
                        type=event_type,
                        participants=tuple(sorted(group)),
                        begin=span.start_char,
                        end=span.end_char,
                        sentence_begin=sentence.start_char,
                        sentence_end=sentence.end_char,
                        date=date,
                        place=place,
                    )
                )
    told = _told_media(doc, table, types, words, doc_date, seen, first_person)
    told += _told_at_venue(doc, table, types, words, doc_date, seen, first_person)
    told += _told_on_record(doc, table, types, words, doc_date, seen, first_person, lexicon.reporting_verbs)
    if told:
        events = sorted(events + told, key=lambda e: e.begin)
    return events


def _medium(verb: Token, table: ActorTable, words: RuleWords) -> str | None:
    """The news medium a verb's object names ("told GB News", "said to Reuters"), or None."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                for o in c.children if o.dep_ == "pobj"]
    for obj in objects:
        key = table.actor_at(obj)
        if key is not None and is_medium(table.actors[key], words):
            return key
    return None


def is_medium(actor: Actor, words: RuleWords) -> bool:
    """Is the actor a news medium: an organisation with a word of ``media-words.txt`` in its
    name ("GB News", "China Central Television", "Bloomberg")?"""
    return actor.type == "Organization" and any(w in words.media_words for w in re.split(r"[\s-]+", actor.label.lower()))


def _told_by_verbs(doc: Doc, table: ActorTable, types: dict[str, Concept], verbs_of, others,
                   words: RuleWords, doc_date: dt.date | None, seen: set[tuple[int, str]],
                   first_person: FirstPerson | None, tied_only: bool = False) -> list[EventItem]:
    """Events a verb tells by itself, for each type whose ``verbs_of(concept)`` hold the verb's
    lemma: ``others(verb, concept)`` gives the actors the verb names beside its subjects (a
    medium), or None where it tells no event of the type; the subjects take part (none of them
    one of those others), dated as the verb is."""
    kinds = [(name, concept) for name, concept in sorted(types.items()) if verbs_of(concept)]
    out: list[EventItem] = []
    if not kinds:
        return out
    lemmas = {lemma for _, concept in kinds for lemma in verbs_of(concept)}
    for token in (doc[i] for i in where(doc, LEMMA, lambda w: w.lower() in lemmas)):
        if token.pos_ != "VERB":
            continue
        for name, concept in kinds:
            if token.lemma_.lower() not in verbs_of(concept) or (token.sent.start, name) in seen:
                continue
            beside = others(token, concept)
            if beside is None:
                continue
            sentence = token.sent
            subjects = [k for k, r in _participants(token, sentence, table, words, first_person) if r == SUBJECT]
            if not subjects or any(k in subjects for k in beside):
                continue
            seen.add((sentence.start, name))
            dates = _dates_of(token, sentence, doc_date, tied_only)
            out.append(EventItem(type=name, participants=tuple(sorted({*subjects, *beside})), begin=token.idx,
                                 end=token.idx + len(token), sentence_begin=sentence.start_char,
                                 sentence_end=sentence.end_char, date=dates[0] if dates else None,
                                 place=_place_in(token, sentence, table)))
    return out


def _told_media(doc: Doc, table: ActorTable, types: dict[str, Concept], words: RuleWords,
                doc_date: dt.date | None, seen: set[tuple[int, str]],
                first_person: FirstPerson | None) -> list[EventItem]:
    """Events told by a verb whose object is a news medium (``sg:mediaVerb``): "Home Secretary
    Suella Braverman told GB News: ..." is an interview of Braverman by GB News, dated as the
    verb is ("On Wednesday, ... told")."""
    def medium(verb: Token, concept: Concept) -> tuple[str, ...] | None:
        outlet = _medium(verb, table, words)
        return None if outlet is None or _hypothetical(verb, words) else (outlet,)

    return _told_by_verbs(doc, table, types, lambda concept: concept.media_verbs, medium, words, doc_date,
                          seen, first_person)


def _venue(verb: Token, words: frozenset[str]) -> Token | None:
    """The venue a verb of speaking is at ("said at the award ceremony", "spoke in this Hall",
    "spoke before the Assembly") or tells ("told the summit"): a noun with one of ``words`` for
    lemma, or None."""
    nouns = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in VENUE_PREPOSITIONS
             for o in c.children if o.dep_ == "pobj"]
    if verb.lemma_.lower() == "tell":
        nouns += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return next((n for n in nouns if n.pos_ in ("NOUN", "PROPN") and n.lemma_.lower() in words), None)


def _told_at_venue(doc: Doc, table: ActorTable, types: dict[str, Concept], words: RuleWords,
                   doc_date: dt.date | None, seen: set[tuple[int, str]],
                   first_person: FirstPerson | None) -> list[EventItem]:
    """Events told by a verb of speaking at a venue (``sg:venueVerb``, ``sg:venueWord``): "Putin
    said at the award ceremony" is a speech of Putin's, dated as the verb is."""
    def at_venue(verb: Token, concept: Concept) -> tuple[str, ...] | None:
        if _venue(verb, concept.venue_words) is None or _hypothetical(verb, words) or _practice(verb, concept, words):
            return None
        return ()

    return _told_by_verbs(doc, table, types, lambda concept: concept.venue_verbs, at_venue, words, doc_date,
                          seen, first_person)


def _told_on_record(doc: Doc, table: ActorTable, types: dict[str, Concept], words: RuleWords,
                    doc_date: dt.date | None, seen: set[tuple[int, str]], first_person: FirstPerson | None,
                    reporting: Collection[str]) -> list[EventItem]:
    """Events told by a verb of reporting (``reporting``: lemmas) in a sentence that cites the
    verbatim record of a meeting, for the types with ``sg:onRecord``: "As President Roe remarked
    earlier this week here in this Hall, ... (see A/71/PV.8)" is Roe's speech at that meeting."""
    if RECORD_MARK not in doc_text(doc):
        return []  # no record cited anywhere: most documents

    def on_record(verb: Token, concept: Concept) -> tuple[str, ...] | None:
        # (the verb is the speech: "as President Roe proposed" is no proposal still to come)
        if not RECORD_CITATION.search(verb.sent.text) or _going_to(verb) or _modal_or_future(verb, words):
            return None
        return ()

    return _told_by_verbs(doc, table, types, lambda concept: reporting if concept.on_record else frozenset(),
                          on_record, words, doc_date, seen, first_person, tied_only=True)


def cites_record(doc: Doc, event: EventItem) -> bool:
    """Is the event told in a sentence that cites a meeting's verbatim record ("As I said last
    year (see A/76/PV.3)")? Then it is that meeting's, not the document's own occasion."""
    text = doc_text(doc)
    return event.sentence_begin >= 0 and RECORD_MARK in text \
        and RECORD_CITATION.search(text, event.sentence_begin, event.sentence_end) is not None


RETOLD_MODIFIERS = frozenset({"amod", "compound", "nmod", "nummod", "poss", "prep", "acl", "relcl"})


def _definite_alone(span: Span, words: RuleWords, whole: bool = False) -> bool:
    """Is a trigger a definite noun alone ("took part in the meeting", "at that session"),
    one that points back to an occasion already told, naming no other? ``whole``: a trigger
    of several words counts too ("the press conference")."""
    root = span.root
    if root.pos_ != "NOUN" or (len(span) != 1 and not whole):
        return False
    dets = [c for c in root.children if c.dep_ == "det"]
    return bool(dets) and not any(c.dep_ in RETOLD_MODIFIERS and not span.start <= c.i < span.end for c in root.children) \
        and all(d.lower_ == "the" or d.lower_ in words.demonstratives for d in dets)


def sequenced_dates(doc: Doc, events: list[EventItem], matcher: TriggerMatcher | Matcher,
                    same_sentence: bool = False) -> list[EventItem]:
    """An undated event told in sequence with a dated one has its day: "Putin and Kurz gave a
    joint news conference following their talks" (the document's one dated event of the
    talks' type), "Following the talks, Putin and Aliyev made statements for the press" (the
    statements' day). Only "following" and "after" ("before" may be any earlier day); and one
    during which a dated one in its sentence was ("met with Poe while on a state visit to
    Peru": the visit on the meeting's day, within it).
    ``same_sentence``: only the second kind, an occasion a dated one in its sentence followed."""
    typed: list[tuple[str, int, int]] | None = None  # each trigger match's type, found when first needed
    anchors = {}
    for i, event in enumerate(events):
        span = doc.char_span(event.begin, event.end, alignment_mode="expand") if event.end > event.begin else None
        if span is not None:
            anchors[i] = span.root
    out = list(events)
    for i, event in enumerate(events):
        if event.date is not None or i not in anchors:
            continue
        anchor = anchors[i]
        verb = _governing_verb(anchor)
        # the other occasion after which it was: on its day, where the document gives one
        for prep in () if same_sentence else (c for c in verb.children if c.dep_ == "prep" and c.lower_ in SEQUENCE_PREPOSITIONS):
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                if typed is None:
                    typed = [(match_type(doc.vocab.strings[m]), s, e) for m, s, e in matcher(doc)]
                kinds = {t for t, s, e in typed if s <= obj.i < e and t != event.type}
                dated = [events[j] for j in range(len(events)) if events[j].type in kinds and events[j].date is not None]
                if len(kinds) == 1 and len({d.date.lexical for d in dated}) == 1:
                    out[i] = replace(event, date=dated[0].date)
        # the occasion after which, or during which, a dated one was, in the same sentence: on that day
        if out[i].date is None and anchor.dep_ == "pobj" and (
                anchor.head.lower_ in SEQUENCE_PREPOSITIONS | CONCURRENT_PREPOSITIONS
                or any(c.dep_ == "mark" and c.lower_ in CONCURRENT_MARKS for c in anchor.head.children)):
            head_verb = anchor.head.head
            later = [events[j] for j, a in anchors.items() if j != i and events[j].date is not None
                     and _governing_verb(a).i == head_verb.i]
            if len({e.date.lexical for e in later}) == 1:
                out[i] = replace(event, date=later[0].date)
    return out


def of_leaders(events: list[EventItem], table: ActorTable, types: Mapping[str, Concept],
               leader_titles: frozenset[str], doc_text: str = "") -> list[EventItem]:
    """A meeting of heads of state or government is the narrower type that says so (a summit:
    ``leaders_at_least`` persons with a leader's title, of as many states, or a body of such
    heads, ``leaders_bodies``, taking part), unless its trigger has a word the narrower type
    leaves to the broader (``broader_words``: "the talks" of three presidents are talks)."""
    out = []
    for event in events:
        said = set(doc_text[event.begin:event.end].lower().split())
        if any(said & kind.broader_words for kind in types.values() if types[event.type].iri in kind.broader):
            out.append(event)  # "talks" of three presidents: the text's own word, not a summit
            continue
        states = {a for k in event.participants
                  if k in table.actors and table.actors[k].type == "Person"
                  and table.roles.get(k, set()) & leader_titles
                  and (a := table.actors[k].affiliation) in table.actors and table.actors[a].type == "Country"}
        bodies = {table.actors[k].label.casefold() for k in event.participants
                  if k in table.actors and table.actors[k].type == "Organization"}
        narrower = leaders_type(types, event.type, len(states), bodies)
        out.append(replace(event, type=narrower) if narrower != event.type else event)
    return out


def leaders_type(types: Mapping[str, Concept], event_type: str, heads: int, bodies: frozenset[str] | set[str] = frozenset()) -> str:
    """The narrower type of ``event_type`` that a meeting of ``heads`` heads of state, or one where
    a body of ``bodies`` (case-folded labels) takes part, is (a summit: ``leaders_at_least``,
    ``leaders_bodies``); else ``event_type``."""
    for name, kind in sorted(types.items()):
        if not (kind.leaders_at_least or kind.leaders_bodies) or types[event_type].iri not in kind.broader:
            continue
        if (kind.leaders_at_least and heads >= kind.leaders_at_least) or bodies & kind.leaders_bodies:
            return name
    return event_type


def told_again(doc: Doc, matcher: TriggerMatcher | Matcher, event_type: str, words: RuleWords) -> bool:
    """Does the text point back to an event of ``event_type`` by a definite noun alone ("The
    press conference dealt with ...": the one the title tells)?"""
    return any(match_type(doc.vocab.strings[m]) == event_type and _definite_alone(doc[s:e], words, True)
               for m, s, e in matcher(doc))


def day_told_of(doc: Doc, matcher: TriggerMatcher | Matcher, event_type: str, words: RuleWords,
                doc_date: dt.date | None) -> DateValue | None:
    """The day the text gives an occasion of ``event_type`` it points back to by a definite noun
    alone, as the subject of its verb ("The interview was recorded on September 1, 2016, in
    Vladivostok"), if one day (not a month or a year) and not after the document's; else None."""
    days = set()
    for match_id, start, end in matcher(doc):
        span = doc[start:end]
        if match_type(doc.vocab.strings[match_id]) != event_type or span.root.dep_ not in SUBJECT_DEPS \
                or not _definite_alone(span, words, True):
            continue
        days.update(d for d in _dates_of(span.root, span.root.sent, doc_date)
                    if d.datatype == "date" and not after(d, doc_date))
    return next(iter(days)) if len(days) == 1 else None


def _retelling(doc: Doc, event: EventItem, words: RuleWords) -> bool:
    """Is the event, undated, told by a definite noun alone (``_definite_alone``)?"""
    span = doc.char_span(event.begin, event.end, alignment_mode="expand") if event.end > event.begin else None
    return span is not None and event.date is None and _definite_alone(span, words)


def one_per_occasion(doc: Doc, events: list[EventItem], document_event: int | None,
                     words: RuleWords, types: Mapping[str, Concept],
                     states: Mapping[str, str] | None = None,
                     implied: Mapping[int, DateValue] | None = None) -> tuple[list[EventItem], list[int | None]]:
    """One event per occasion inside a document. An event told again joins the one told
    first: of the same type, on a date both could have, when one's participants are among
    the other's ("Putin met Blair", then "Putin, Blair and their ministers met"; not "Putin
    met Blair", then "Putin met Chirac"), when it is told by a definite noun alone ("Kocharian also took
    part in the meeting": the last meeting told, or the document's own), or, for the
    document's own occasion (``document_event``: a readout's call, a transcript's briefing),
    when they share a participant. The joined event has everyone's participants and the
    most specific date; it keeps the place and offsets of the first telling in the text. A
    retelling with fewer participants than its type needs that joins none is dropped.
    ``states``: person key -> the state they serve; a state is among participants where a
    person of it is ("the Russian-American talks" and "Putin met Bush"), and a joined event
    leaves out the state of a person who takes part. ``implied``: old index -> the day an
    undated telling has by its sequence (``sequenced_dates``: "a news conference following the
    talks", the conference dated), for whether it could be another telling's occasion only.
    Returns the events and, for each old index, its new one (None: dropped)."""
    states, implied = states or {}, implied or {}

    def day(i: int) -> DateValue | None:
        return events[i].date or implied.get(i)

    def with_states(keys: set[str]) -> set[str]:
        return keys | {states[k] for k in keys if k in states}

    def first_told(i: int) -> tuple[int, int]:
        return (events[i].sentence_begin if events[i].sentence_begin >= 0 else 1 << 62, i)

    # the document's own first, then the most specific dates (an undated telling joins a dated
    # event only when one alone could be it), each in text order
    cited = {i for i, e in enumerate(events) if cites_record(doc, e)}  # tellings whose sentence cites a record
    order = sorted(range(len(events)), key=lambda i: (
        0 if i == document_event else 1, -date_rank(events[i].date) if events[i].date else 0, first_told(i)))
    target: dict[int, int] = {}  # old index -> the old index of the event it joins
    groups: dict[int, list[int]] = {}  # old index of a kept event -> old indices joined into it
    for j in order:
        event = events[j]
        candidates = [i for i in groups if events[i].type == event.type]
        fits = []
        for i in sorted(candidates, key=lambda i: first_told(i), reverse=True):
            members = groups[i]
            if not all(compatible(day(m), day(j)) for m in members):
                continue
            if i != document_event and i in cited and j not in cited:
                continue  # a meeting whose record a sentence cites is told there, not joined by other tellings
            if i == document_event and (event.date is not None and not any(day(m) for m in members)
                                        or j in cited):
                # the occasion of an undated document is not one its text dates ("in addressing
                # the Assembly in 2018"), nor one the text cites the record of
                continue
            if event.end and any((events[m].begin, events[m].end) == (event.begin, event.end) for m in members):
                continue  # one trigger told them apart ("telephone conversations with A and B")
            have = set().union(*(events[m].participants for m in members))
            mine = set(event.participants)
            if mine <= with_states(have) or have <= with_states(mine) \
                    or (i == document_event and with_states(mine) & with_states(have)):
                fits.append(i)
        # an undated telling that two dated events could be ("the launches on February 26 and
        # March 4 ... this launch") is neither
        found = fits[0] if len(fits) == 1 or (fits and event.date is not None) else None
        if found is None and _retelling(doc, event, words):
            told_before = [i for i in candidates if events[i].sentence_begin < event.sentence_begin
                           and all(compatible(day(m), day(j)) for m in groups[i])]
            if told_before:
                found = max(told_before, key=lambda i: (events[i].sentence_begin, i == document_event))
        if found is None:
            groups[j] = [j]
            target[j] = j
        else:
            groups[found].append(j)
            target[j] = found
    def dropped(members: list[int]) -> bool:  # retellings alone, too few for their type
        everyone = set().union(*(events[m].participants for m in members))
        return len(everyone) < types[events[members[0]].type].min_participants \
            and all(_retelling(doc, events[m], words) for m in members)

    kept = sorted((i for i, members in groups.items() if not dropped(members)), key=first_told)
    new_index: dict[int, int | None] = {old: n for n, old in enumerate(kept)}
    merged = []
    for old in kept:
        members = groups[old]
        first = min(members, key=first_told)
        dated = [events[m].date for m in members if events[m].date is not None]
        everyone = set().union(*(events[m].participants for m in members))
        # "Roe" told once, "the Ruritanian-Peruvian talks" again: Ruritania is in her title (not
        # the host of a visit: "met with Poe while on a state visit to Peru")
        if not types[events[first].type].host_prepositions:
            everyone -= {states[k] for k in everyone if k in states}
        merged.append(replace(
            events[first],
            participants=tuple(sorted(everyone)),
            date=max(dated, key=date_rank) if dated else None,
        ))
    return merged, [new_index.get(target[i]) for i in range(len(events))]
