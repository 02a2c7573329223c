"""Positions stated in a statement: (holder, stance, topic).

A stance cue of the lexicon (a verb such as "supports", "opposes", "calls for", or an
adjective such as "concerned about") inside the statement gives the stance; its negation
("does not agree", "never") turns support into opposition and drops the others; questions and
conditional clauses state no position. The holder is the cue's subject when it is an actor
("China supports ..." inside a minister's statement), else the party the speaker spoke for.
The topic is the scheme concept whose trigger occurs in what the cue governs; when none does,
a topic is minted from the governed noun phrase and marked unreviewed. The words these rules
look for (negations, conditional and deontic words, pronouns) are the lexicon's word lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from kg.extract.actors import GROUP, ActorTable
from kg.extract.model import PositionItem, Topic
from kg.extract.names import slugify
from kg.extract.resolve import resolve_actor
from kg.lexicon import Lexicon, RuleWords

# what a cue governs; not adverbial clauses ("welcomed X, to deter aggression" is no view of aggression)
OBJECT_DEPS = frozenset({"dobj", "xcomp", "ccomp", "prep", "pobj", "attr", "oprd", "acomp"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CUE_POS = frozenset({"VERB", "ADJ"})
STRIP_FROM_TOPIC = frozenset({"det", "poss", "case", "predet", "punct", "nummod"})
MAX_MINTED_WORDS = 6
# how many dependency steps a topic trigger may be from the cue; nearer triggers win
MAX_TOPIC_DEPTH = 5
DEPTH_SLACK = 1
NEGATED_STANCE = {"Support": "Oppose"}
REVERSED_STANCE = {"Support": "Oppose", "Oppose": "Support"}
REVERSE = "Reverse"  # pseudo-stance of nouns that turn what they govern around ("renunciation of")
TURNING = frozenset({REVERSE, "Oppose"})  # cues that turn a stance on what they govern around
DEONTIC = "deontic"  # cue that needs "should"/"must"/"need to" ("X should be respected")
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})
FRONTED_OBJECT_DEPS = frozenset({"dobj"})  # "This position, we support": rare, but an object


def build_topic_matcher(vocab: Vocab, lexicon: Lexicon, make_doc) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for concept in lexicon.topics:
        matcher.add(concept.iri, [make_doc(trigger) for trigger in concept.triggers])
    return matcher


def _negated(cue: Token, words: RuleWords) -> bool:
    nodes = [cue]
    if cue.dep_ in ("xcomp", "acomp") :  # "does not want to support", "is not concerned"
        nodes.append(cue.head)
    return any(child.lower_ in words.negations and child.dep_ in ("neg", "advmod", "det") for n in nodes for child in n.children)


def _hedged(cue: Token, sentence: Span, words: RuleWords) -> bool:
    if sentence.text.rstrip().rstrip("\"”’'").endswith("?"):
        return True
    marks = words.conditional_marks
    node = cue
    while True:
        if any(child.dep_ == "mark" and child.lower_ in marks for child in node.children):
            return True
        # the main clause of a conditional: "if the Council acts, it should support X"
        if any(child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in child.children)
               for child in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _deontic(cue: Token, words: RuleWords) -> bool:
    """Is the cue under "should"/"must", or "need to"/"have to"? (the conjunct of such a verb too)"""
    adjectives = words.deontic_adjectives
    for node in (cue, cue.head if cue.dep_ == "conj" else cue):
        if any(c.dep_ == "aux" and c.lower_ in words.deontic_modals for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in ("need", "have"):
            return True
        if node.dep_ in ("ccomp", "xcomp") and (
            node.head.lower_ in adjectives
            or any(c.dep_ == "acomp" and c.lower_ in adjectives for c in node.head.children)
        ):
            return True
    return False


def _needs_met(cue: Token, needed: str | None, words: RuleWords) -> bool:
    """``needed``: "deontic", or the particles one of which must follow ("for|with|behind")."""
    if needed == DEONTIC:
        return _deontic(cue, words)
    return needed is None or any(c.lower_ in needed.split("|") and c.dep_ in ("prep", "prt") for c in cue.children)


def _subject(cue: Token) -> Token | None:
    if cue.pos_ == "NOUN":  # "China's support for X": the possessor
        return next((c for c in cue.children if c.dep_ == "poss"), None)
    node = cue
    for _ in range(3):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        infinitive = node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        if node.dep_ not in ("conj", "xcomp", "acomp") and not infinitive:
            return None  # "came together to condemn X": the subject of "came" condemns
        node = node.head
    return None


def _holder(cue: Token, table: ActorTable, default: str, words: RuleWords) -> str | None:
    """Whose position the cue states: its subject's actor; the speaker's side when the
    subject is "we"/"I"/"it is ..." or there is none; nobody's when the subject is someone
    the text does not make an actor ("anyone would agree", "141 nations voted to condemn")."""
    subject = _subject(cue)
    if subject is None or subject.lower_ in words.speaker_pronouns:
        return default
    key = resolve_actor(subject, table)
    if key is not None:
        return key
    if _names_the_signatories(subject, table, default, words):
        return default
    if subject.pos_ == "PRON" and subject.lower_ not in words.other_pronouns:
        return default
    return None


def _names_the_signatories(subject: Token, table: ActorTable, default: str, words: RuleWords) -> bool:
    """"The two countries welcome ...", "both sides support ...": in what a group says (a joint
    statement's signatories), a plural subject counted as two or both, or a plural of a
    group noun ("the parties"), is the group itself."""
    speaker_side = table.actors.get(default)
    if speaker_side is None or speaker_side.type != GROUP or subject.tag_ not in ("NNS", "NNPS"):
        return False
    counted = any(c.dep_ in ("nummod", "det", "predet") and c.lower_ in words.pair_words for c in subject.children)
    return counted or subject.lemma_.lower() in words.group_nouns


def _region(cue: Token, limit: tuple[int, int]) -> list[Token]:
    """What the cue governs, after it: "In that connection, we call for X" is about X."""
    tokens = []
    # "urge all countries to hold X accountable": about the action, not the addressee
    addressed = any(c.dep_ == "xcomp" and c.i > cue.i for c in cue.children)
    for child in cue.children:
        if addressed and child.dep_ == "dobj":
            continue
        if child.dep_ in OBJECT_DEPS and (child.i > cue.i or child.dep_ in FRONTED_OBJECT_DEPS):
            tokens.extend(t for t in child.subtree if limit[0] <= t.idx < limit[1])
    return sorted(set(tokens), key=lambda t: t.i)


def _depth(token: Token, ancestor: Token) -> int:
    """Dependency steps from ``token`` up to ``ancestor`` (large when it is not above)."""
    steps, node = 0, token
    while node.i != ancestor.i:
        if node.head.i == node.i:
            return MAX_TOPIC_DEPTH + 100
        node, steps = node.head, steps + 1
    return steps


def _in_scope(token: Token, reverser: Token) -> bool:
    """Is ``token`` governed by ``reverser``, without an "X as well as Y" coordination between?"""
    node = token
    while node.i != reverser.i:
        if node.head.i == node.i:
            return False
        if node.dep_ == "conj":
            between = node.doc[node.head.i + 1 : node.i].text.lower()
            if "as well as" in between:
                return False
        node = node.head
    return True


def _join(words: Sequence[Token]) -> str:
    """The words as the text writes them ("non-permanent", not "non - permanent")."""
    out = []
    for word, following in zip(words, [*words[1:], None]):
        out.append(word.lower_)
        if following is not None and (word.whitespace_ or following.i != word.i + 1):
            out.append(" ")
    return "".join(out)


def _noun_words(head: Token, region: Sequence[Token]) -> list[Token]:
    """The head noun with its modifiers to the left, without articles and possessives."""
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in STRIP_FROM_TOPIC
             and t.i >= head.left_edge.i and not t.is_space]
    return [t for t in words if t in region][-MAX_MINTED_WORDS:]


def _minted(region: Sequence[Token], vague: frozenset[str] = frozenset(), cue: Token | None = None) -> Topic | None:
    action = next((c for c in cue.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c in region), None) if cue is not None else None
    if action is not None:  # "urged Russia to withdraw its troops": "withdraw troops"
        obj = next((c for c in action.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        words = [action.lemma_.lower(), *(_join(_noun_words(obj, region)).split() if obj is not None else [])]
        label = " ".join(words[:MAX_MINTED_WORDS])
        return Topic(iri=None, label=label, slug=slugify(label))
    nouns = [t for t in region if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "pobj", "attr", "nsubj")]
    if not nouns:
        return None

    def specific(noun: Token) -> bool:
        return noun.lower_ not in vague or any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)

    head = next((n for n in nouns if specific(n)), nouns[0])
    words = _noun_words(head, region)
    # "the use of force", "the number of permanent members": the head and what it is of
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of else None
    if obj is not None and obj in region:
        tail = _noun_words(obj, region)
        words = words[-max(1, MAX_MINTED_WORDS - 1 - len(tail)):] + [of] + tail
    label = _join(words[-MAX_MINTED_WORDS - 2:]) or head.lower_
    return Topic(iri=None, label=label, slug=slugify(label))


def extract_positions(
    doc: Doc,
    bounds: tuple[int, int],
    default_holder: str,
    table: ActorTable,
    lexicon: Lexicon,
    topic_spans: Sequence[Span],
    topic_labels: dict[str, str],
    speaker: str | None = None,
    reporting_cue: int | None = None,
) -> tuple[PositionItem, ...]:
    """The positions stated in ``bounds``. ``speaker`` is who said it (their own stance cue
    states the position of ``default_holder``, the side they speak for); ``reporting_cue``
    is the token index of a reporting verb that is a stance cue itself ("urged X to ...",
    "called for ..."): it states a position on the statement's content."""
    statement = doc.char_span(bounds[0], bounds[1], alignment_mode="expand")
    if statement is None:
        return ()
    words = lexicon.words
    positions: list[PositionItem] = []
    candidates = list(statement)
    if reporting_cue is not None and not any(t.i == reporting_cue for t in candidates):
        candidates.insert(0, doc[reporting_cue])
    for cue in candidates:
        if cue.pos_ == "NOUN":  # "China's support for X", "opposition to Y"
            entry = lexicon.stance_nouns.get(cue.lemma_.lower())
        elif cue.pos_ in CUE_POS:
            entry = lexicon.stance_cues.get(cue.lemma_.lower()) or lexicon.stance_cues.get(cue.lower_)
        else:
            entry = None
        if entry is None:
            continue
        if entry[0] == REVERSE:
            # "Pyongyang must cease its destabilizing actions": a duty to stop X opposes X
            if cue.pos_ != "VERB" or not _deontic(cue, words):
                continue
            entry = ("Oppose", DEONTIC)
        duty_to_stop = entry[0] == "Oppose" and entry[1] == DEONTIC and cue.pos_ == "VERB"
        stance, needed = entry
        if not _needs_met(cue, needed, words) or _hedged(cue, cue.sent, words):
            continue
        if _negated(cue, words):
            stance = NEGATED_STANCE.get(stance)
            if stance is None:
                continue
        region = _region(cue, bounds)
        deontic = needed == DEONTIC or (
            _deontic(cue, words) and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in cue.children)
        )
        if deontic:
            passive = [c for c in cue.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            if not passive and cue.dep_ == "conj":
                passive = [c for c in cue.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
            if passive:  # "Russia's security demands should be addressed": about the subject
                region = sorted({t for p in passive for t in p.subtree if bounds[0] <= t.idx < bounds[1]}, key=lambda t: t.i)
        if not region:
            continue
        holder = default_holder if deontic else _holder(cue, table, default_holder, words)
        if holder is not None and holder == speaker:
            holder = default_holder  # the speaker's own stance: the side they speak for
        if holder is None:
            continue
        first, last = region[0].i, region[-1].i
        topic_stances: list[tuple[str | None, Topic]] = []
        # "cooperation to combat terrorism", "efforts to end the war": a reversing or opposing
        # word between the cue and a topic turns the stance towards it around
        reversers = [
            t for t in region if t.i != cue.i and lexicon.stance_cues.get(t.lemma_.lower(), ("",))[0] in TURNING
        ]
        inside = [s for s in topic_spans if first <= s.start and s.end <= last + 1]
        depths = {(s.start, s.end): min(_depth(t, cue) for t in s) for s in inside}
        nearest = min(depths.values(), default=0)
        for span in inside:
            if depths[(span.start, span.end)] <= min(nearest + DEPTH_SLACK, MAX_TOPIC_DEPTH):
                iri = span.label_
                topic = Topic(iri=iri, label=topic_labels[iri], slug=iri.rsplit("/", 1)[-1])
                # each turning word above the topic turns the stance once ("condemn the assault
                # on sovereignty" supports sovereignty); one between the cue and the topic that
                # the parse does not put above it leaves the stance unknown: no position
                before = [r for r in reversers if min(cue.i, first) <= r.i < span.start]
                if not all(r.is_ancestor(span.root) for r in before):
                    continue
                reversed_ = sum(1 for r in before if _in_scope(span.root, r)) % 2 == 1
                if reversed_:
                    topic_stances.append((REVERSED_STANCE.get(stance), topic))
                elif (stance, topic) not in topic_stances:
                    topic_stances.append((stance, topic))
        if not topic_stances and deontic and not duty_to_stop:
            continue  # a duty without a scheme topic ("must take measures"): no guess
        if not topic_stances:
            minted = _minted(region, lexicon.vague_topic_heads, cue)
            topic_stances = [(stance, minted)] if minted is not None else []
        for topic_stance, topic in topic_stances:
            if topic_stance is None:
                continue
            item = PositionItem(holder=holder, stance=topic_stance, topic=topic)
            if item not in positions:
                positions.append(item)
    return tuple(positions)
