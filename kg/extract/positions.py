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
from kg.nlp.tokens import LEMMA, positions_in, where

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
# the rules a position can come from (PositionItem.rule); each has a calibrated confidence
RULES = {
    "verb": "a stance verb ('supports', 'condemns', 'calls for')",
    "adjective": "a stance adjective ('concerned about', 'ready for')",
    "noun": "a stance noun ('support for', 'opposition to')",
    "reporting": "the reporting verb is a stance cue ('urged X to ...')",
    "duty": "a cue under 'must', 'should', 'need to' or a commitment ('must cease X')",
    "action": "an action the speaker's side must, works to or is ready to take",
    "threat": "a consequence the speaker's side threatens should someone act ('should X invade Y')",
    # kg.extract.learned: "learned-40" for a topic that scored 0.4 to the next band
    "learned": "the learned position model, where no rule found one (band: the least score of its topic)",
}
# the clause the speaker asserts: from an intended action up to the sentence's root only through
# complements and conjuncts ("entities that want to supply arms" is no one's stance on arms)
ASSERTED_DEPS = frozenset({"xcomp", "ccomp", "conj", "acomp"})


def build_topic_matcher(vocab: Vocab, lexicon: Lexicon, make_doc) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    for concept in lexicon.topics:
        matcher.add(concept.iri, [make_doc(trigger) for trigger in concept.triggers])
    return matcher


THREAT_MEMO = "stancegraph.threat-words"  # doc.user_data key: positions of the threat words
COUNTED_ENTITIES = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _other_sense(cue: Token, lexicon: Lexicon, table: ActorTable) -> bool:
    """Is the cue used in a sense that states no stance: welcoming a person (a visit), or
    supporting a counted number of people (a service)?"""
    words, lemma = lexicon.words, cue.lemma_.lower()
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    if lemma in words.greeting_cues:
        return any(o.ent_type_ == "PERSON" or o.lower_ in lexicon.titles or o.lower_ in lexicon.role_nouns
                   or _actor_type(o, table) == "Person"
                   or any(c.dep_ == "compound" and c.lower_ in lexicon.titles for c in o.children) for o in objects)
    if lemma in words.service_cues:
        return any(o.ent_type_ in COUNTED_ENTITIES or any(c.dep_ == "nummod" for c in o.children) for o in objects)
    return False


def is_turning(token: Token, lexicon: Lexicon) -> bool:
    """Does the word turn a stance on what it governs around ("end", "combat", "condemn"), in
    this sense (not "lift up")?"""
    if lexicon.stance_cues.get(token.lemma_.lower(), ("",))[0] not in TURNING:
        return False
    return not any(c.dep_ == "prt" and c.lower_ in lexicon.words.sense_particles for c in token.children)


def _actor_type(token: Token, table: ActorTable) -> str | None:
    key = resolve_actor(token, table)
    actor = table.actors.get(key) if key is not None else None
    return actor.type if actor is not None else None


def _negated(cue: Token, words: RuleWords) -> bool:
    nodes = [cue]
    if cue.dep_ in ("xcomp", "acomp") :  # "does not want to support", "is not concerned"
        nodes.append(cue.head)
    if cue.pos_ == "NOUN" and any(c.lower_ in words.diminishers and c.dep_ in ("amod", "advmod") for c in cue.children):
        return True  # "less support for authoritarian regimes"
    return any(child.lower_ in words.negations and child.dep_ in ("neg", "advmod", "det") for n in nodes for child in n.children)


def _hedged(cue: Token, sentence: Span, words: RuleWords) -> bool:
    if sentence.text.rstrip().rstrip("\"”’'").endswith("?"):
        return True
    marks = words.conditional_marks
    node = cue
    while True:
        if any(child.dep_ == "mark" and child.lower_ in marks for child in node.children):
            return True
        if _inverted_condition(node, words):  # "should Russia invade Ukraine": a condition
            return True
        # the main clause of a conditional: "if the Council acts, it should support X"
        if any(child.dep_ == "advcl" and (any(m.dep_ == "mark" and m.lower_ in marks for m in child.children)
                                          or _inverted_condition(child, words))
               for child in node.children):
            return True
        if node.head.i == node.i:
            return False
        node = node.head


def _inverted_condition(verb: Token, words: RuleWords) -> bool:
    """"should Russia further invade Ukraine": a modal before the subject states a condition."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.lower_ in words.deontic_modals and c.i < subject.i for c in verb.children
    )


def _conditions(sentence: Span, words: RuleWords) -> list[tuple[Token, bool]]:
    """The verbs of a sentence's conditions, each with whether it is an exception ("unless"):
    "if Russia invades", "should Russia choose war" (a modal before the subject), a sentence
    opened by "Should" ("Should one state invade its neighbour, there would be ..."), and the
    verbs joined to them."""
    found: list[tuple[Token, bool]] = []
    for verb in sentence:
        if verb.pos_ != "VERB":
            continue
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in words.conditional_marks), None)
        if mark is not None or _inverted_condition(verb, words):
            found.append((verb, mark is not None and mark.lower_ in words.exception_marks))
    opener = next((t for t in sentence if not t.is_punct and not t.is_space), sentence[0])
    if opener.lower_ in words.deontic_modals and opener.dep_ in ("aux", "dep") and not found:
        comma = next((t.i for t in sentence if t.text == ","), sentence.end)
        found.extend((t, False) for t in sentence if t.pos_ == "VERB" and t.i < comma)
    for verb, exception in list(found):
        found.extend((c, exception) for c in verb.conjuncts if c.pos_ == "VERB" and (c, exception) not in found)
    return found


def _threatened(sentence: Span, conditions: Sequence[Token], words: RuleWords) -> Token | None:
    """The consequence a sentence with a condition threatens outside it ("we will impose severe
    sanctions", "there would be a severe response"): a threat word, not in a condition."""
    inside = {t.i for c in conditions for t in c.subtree}
    for token in sentence:
        if token.i in inside or token.lemma_.lower() not in words.threat_words or token.pos_ not in ("NOUN", "VERB"):
            continue
        clause = token if token.pos_ == "VERB" else token.head
        # the consequence is to come: "we will impose", "there would be", "ready to impose"
        if any(c.dep_ == "aux" and c.lower_ in words.hypothetical_modals for c in clause.children) or _committed(clause, words):
            return token
    return None


def _threat_words_in(doc: Doc, words: RuleWords) -> list[int]:
    """The positions of the document's threat words, found once per document."""
    found = doc.user_data.get(THREAT_MEMO)
    if found is None:
        found = doc.user_data[THREAT_MEMO] = where(doc, LEMMA, lambda lemma: lemma.lower() in words.threat_words)
    return found


def _threats(statement: Span, bounds: tuple[int, int], default_holder: str, words: RuleWords) -> list[PositionItem]:
    """A threatened consequence opposes its condition: "we are ready to impose severe
    consequences should Russia choose war" opposes choosing war; "unless" supports it."""
    positions = []
    threatening = positions_in(_threat_words_in(statement.doc, words), statement)
    for sentence in {statement.doc[i].sent.start: statement.doc[i].sent for i in threatening}.values():
        conditions = _conditions(sentence, words)
        if not conditions or sentence.text.rstrip().rstrip("\"”’'").endswith("?"):
            continue
        threat = _threatened(sentence, [c for c, _ in conditions], words)
        if threat is None:
            continue
        clause = threat if threat.pos_ == "VERB" else threat.head
        subject = _subject(clause) if clause.pos_ in ("VERB", "AUX") else None
        if subject is not None and subject.lower_ not in words.speaker_pronouns and subject.dep_ != "expl":
            continue  # someone else's threat, or a fact: "prices would rise if ..."
        region = [t for c, _ in conditions for t in c.subtree if bounds[0] <= t.idx < bounds[1]]
        for verb, exception in conditions:
            topic = _action_topic(verb, region, frozenset())
            if topic is None or _negated(verb, words):
                continue
            item = PositionItem(holder=default_holder, stance="Support" if exception else "Oppose", topic=topic, rule="threat")
            if item not in positions:
                positions.append(item)
    return positions


def _deontic(cue: Token, words: RuleWords) -> bool:
    """Is the cue under "should"/"must", or "need to"/"have to"? (the conjunct of such a verb too)"""
    adjectives = words.deontic_adjectives
    for node in (cue, cue.head if cue.dep_ == "conj" else cue):
        if any(c.dep_ == "aux" and c.lower_ in words.deontic_modals for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in ("need", "have"):
            # "would have to cut short these efforts": a hypothetical duty states no stance
            return not any(c.dep_ == "aux" and c.lower_ in words.conditional_modals for c in node.head.children)
        if node.dep_ in ("ccomp", "xcomp") and (
            node.head.lower_ in adjectives
            or any(c.dep_ == "acomp" and c.lower_ in adjectives for c in node.head.children)
        ):
            return True
    return False


def _committed(action: Token, words: RuleWords) -> bool:
    """Is the verb what a commitment word governs: "we are ready to discuss", "working to ease",
    "committed to advancing" (the conjunct of such a verb too)?"""
    for node in (action, action.head if action.dep_ == "conj" else action):
        head = node.head
        if node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "to":
            head = head.head  # "committed to advancing"
        elif node.dep_ != "xcomp":
            continue
        if head.lemma_.lower() in words.commitment_words or head.lower_ in words.commitment_words:
            return True
    return False


def _asserted(action: Token) -> bool:
    """Does the speaker assert the clause of ``action``: is the way up to the root only
    complements and conjuncts (and "committed to" + verb)? Not a relative or adverbial clause."""
    node = action
    while node.head.i != node.i:
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.dep_ in ASSERTED_DEPS | {"ROOT"}:
            node = node.head.head  # "committed to advancing", "are resolved to fighting"
            continue
        if node.dep_ not in ASSERTED_DEPS:
            return False
        node = node.head
    return True


def _intended_action(verb: Token, words: RuleWords) -> bool:
    """A verb with an object that the speaker's side says it must, will work to or is ready to
    do: "we must strengthen cooperation", "we are working to ease bottlenecks"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() in words.non_action_verbs:
        return False
    if not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children):
        return False
    if not (_deontic(verb, words) or _committed(verb, words)) or not _asserted(verb):
        return False
    if any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.head.children) or verb.head.tag_ == "VBD" and verb.head.lemma_.lower() == "have":
        return False  # "we had to forgo": a past duty states nothing now
    subject = _subject(verb)
    if subject is None or subject.lower_ in words.speaker_pronouns or subject.pos_ != "PRON":
        return True
    # "it is important to expedite the work": the expletive of a duty adjective
    return subject.lower_ == "it" and any(c.dep_ == "acomp" and c.lower_ in words.deontic_adjectives for c in subject.head.children)


def _action_topic(verb: Token, region: Sequence[Token], vague: frozenset[str]) -> Topic | None:
    """The action and what it acts on: "strengthen cooperation", "ease supply chain bottlenecks"."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is None:
        return None
    words = _noun_words(obj, region)
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    tail = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of else None
    if tail is not None and tail in region:
        words = [*words, of, *_noun_words(tail, region)]
    elif obj.lower_ in vague:
        return None
    if not words:
        return None
    return _named(" ".join([verb.lemma_.lower(), *_join(words[: MAX_MINTED_WORDS]).split()]))


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
    described = _described(cue)
    if described is not None:  # "entities supporting the war", "countries that oppose X": theirs
        return resolve_actor(described, table)
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


def _described(cue: Token) -> Token | None:
    """The noun a relative or participle clause of the cue describes ("countries that support
    X", "entities directly supporting the war"); not an infinitive ("efforts to end X")."""
    node = cue
    for _ in range(3):
        if node.dep_ == "relcl" or (node.dep_ == "acl" and not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
            return node.head if node.head.pos_ in ("NOUN", "PROPN", "PRON") else None
        if node.dep_ not in ("conj", "xcomp"):
            return None
        node = node.head
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


def _hyphenated(token: Token) -> bool:
    """Is the token part of a hyphenated word ("two-State", "long-term")?"""
    doc = token.doc
    if token.text == "-":
        return token.i > 0 and not doc[token.i - 1].whitespace_ and not token.whitespace_
    return not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"


def _noun_words(head: Token, region: Sequence[Token]) -> list[Token]:
    """The head noun with its modifiers to the left, without articles and possessives (but
    whole hyphenated words: "two-State solution")."""
    words = [t for t in head.subtree if t.i <= head.i and (t.dep_ not in STRIP_FROM_TOPIC or _hyphenated(t))
             and t.i >= head.left_edge.i and not t.is_space]
    words = [t for t in words if t in region][-MAX_MINTED_WORDS:]
    while words and words[0].text == "-":  # the rest of a hyphenated word cut at the left
        words = words[1:]
    return words


TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _circumstance(noun: Token, time_words: frozenset[str]) -> bool:
    """A time phrase, not an issue: "during these challenging times", "since 2014"."""
    return noun.ent_type_ in TIME_ENTITIES or (noun.dep_ == "pobj" and noun.head.lower_ in time_words)


def _to_do(clause: Token) -> bool:
    """Is it what a noun is to do ("attempts to manipulate"), not a participle ("initiatives put
    forward")?"""
    return clause.dep_ == "acl" and clause.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def scheme_topic(span: Span, topic_labels: dict[str, str]) -> Topic:
    """The scheme concept a trigger span names (its label is the concept's IRI)."""
    return Topic(iri=span.label_, label=topic_labels[span.label_], slug=span.label_.rsplit("/", 1)[-1])


def _named(label: str) -> Topic | None:
    """A minted topic with this label; none for a label without a letter ("*")."""
    if not any(c.isalpha() for c in label):
        return None
    return Topic(iri=None, label=label, slug=slugify(label))


def _minted(region: Sequence[Token], vague: frozenset[str] = frozenset(), cue: Token | None = None,
            light_verbs: frozenset[str] = frozenset(), turning: Sequence[Token] = (),
            time_words: frozenset[str] = frozenset()) -> tuple[Topic, bool] | None:
    """A topic from the words, and whether a turning word above it turns the stance: the
    action asked for and its object, else the first specific noun the cue governs (its object
    before a manner phrase: "condemn in the strongest terms the sham referendums"; "support
    efforts to end the war" opposes the war), else a vague one no turning word is above
    ("efforts"); none for a light verb alone ("to do likewise")."""
    action = next((c for c in cue.children if c.dep_ == "xcomp" and c.pos_ == "VERB" and c in region), None) if cue is not None else None
    if action is not None:  # "urged Russia to withdraw its troops": "withdraw troops"
        obj = next((c for c in action.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        prep = None
        if obj is None:  # "to work on a new framework": the preposition and what it governs
            prep = next((c for c in action.children if c.dep_ == "prep" and c in region), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if prep else None
            if obj is None and action.lemma_.lower() in light_verbs:
                return None
        words = [action.lemma_.lower(), *([prep.lower_] if prep is not None and obj is not None else []),
                 *(_join(_noun_words(obj, region)).split() if obj is not None else [])]
        topic = _named(" ".join(words[:MAX_MINTED_WORDS]))
        return (topic, False) if topic is not None else None
    if cue is not None and any(c.dep_ in ("dobj", "attr") and c.pos_ == "PRON" for c in cue.children):
        return None  # "stand with them": what "them" is, the words do not say here
    nouns = [t for t in region if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "pobj", "attr", "nsubj")
             and not _circumstance(t, time_words)]
    # the cue's own object first ("condemn in the strongest terms the sham referendums")
    nouns.sort(key=lambda t: (not (cue is not None and t.head.i == cue.i and t.dep_ in ("dobj", "attr")), t.i))

    def specific(noun: Token) -> bool:
        """Not vague, or made specific by what it is of or what it is to do ("attempts to
        manipulate the information space"; not "efforts to end X", which turns X)."""
        return noun.lower_ not in vague or any(
            (c.dep_ == "prep" and c.lower_ == "of")
            or (c.dep_ == "acl" and c.pos_ == "VERB" and not any(t.i == c.i for t in turning))
            for c in noun.children)

    def turns(noun: Token) -> int | None:
        """How many turning words are above the noun ("efforts to end the war": one); None
        when one lies between the cue and the noun without being above it (unknown)."""
        above = [t for t in turning if t.is_ancestor(noun)]
        low, high = (min(cue.i, noun.i), max(cue.i, noun.i)) if cue is not None else (noun.i, noun.i)
        if any(low < t.i < high and t not in above for t in turning):
            return None
        return len(above)

    head = next((n for n in nouns if specific(n) and turns(n) is not None), None) or next(
        (n for n in nouns if turns(n) == 0), None)
    if head is None:
        return None
    topic = minted_phrase(head, region, vague, turning)
    return (topic, turns(head) % 2 == 1) if topic is not None else None


def minted_phrase(head: Token, region: Sequence[Token], vague: frozenset[str] = frozenset(),
                  turning: Sequence[Token] = (), complements: frozenset[str] = frozenset({"of"})) -> Topic | None:
    """A topic named by the noun phrase of ``head`` within ``region``: the head with its
    modifiers and what it is of ("the use of force"; ``complements``: the prepositions whose
    phrase is kept), or a vague head with what it is to do ("attempts to manipulate the
    information space")."""
    words = _noun_words(head, region)
    clause = next((c for c in head.children if _to_do(c) and c in region), None)
    if head.lower_ in vague and clause is not None and not any(t.i == clause.i for t in turning):
        obj = next((c for c in clause.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
        tail = _noun_words(obj, region) if obj is not None else []
        return _named(" ".join([_join(words), "to", clause.lemma_.lower(), *([_join(tail)] if tail else [])]))
    # "the use of force", "the number of permanent members": the head and what it is of
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ in complements), None)
    obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None) if of else None
    if obj is not None and obj in region:
        tail = _noun_words(obj, region)
        words = words[-max(1, MAX_MINTED_WORDS - 1 - len(tail)):] + [of] + tail
    return _named(_join(words[-MAX_MINTED_WORDS - 2:]) or head.lower_)


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
        action = entry is None and _intended_action(cue, words)
        if action:
            entry = ("Support", None)
        if entry is None or _other_sense(cue, lexicon, table):
            continue
        if entry[0] == REVERSE and not is_turning(cue, lexicon):
            continue  # "lift up state legislatures"
        stopping = entry[0] == REVERSE
        if stopping:
            # "Pyongyang must cease its destabilizing actions": a duty to stop X opposes X
            # "committed to reducing X", "working to end X" too
            if cue.pos_ != "VERB" or not (_deontic(cue, words) or (_committed(cue, words) and _asserted(cue))):
                continue
            if not any(c.dep_ in ("dobj", "nsubjpass") for c in cue.children):
                continue  # "fighting to ensure ...": what it turns is not named
            entry = ("Oppose", DEONTIC)
        duty_to_stop = entry[0] == "Oppose" and entry[1] == DEONTIC and cue.pos_ == "VERB"
        stance, needed = entry
        if not (stopping or _needs_met(cue, needed, words)) or _hedged(cue, cue.sent, words):
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
        # "the UN must continue to support Somalia": the speaker's demand, not the UN's stance
        demanded = deontic or (not action and any(
            c.dep_ == "aux" and c.lower_ in words.deontic_modals
            for node in (cue, cue.head if cue.dep_ == "xcomp" else cue) for c in node.children))
        holder = default_holder if demanded else _holder(cue, table, default_holder, words)
        if holder is not None and holder == speaker:
            holder = default_holder  # the speaker's own stance: the side they speak for
        if holder is None or (action and holder != default_holder):
            continue  # what others must or mean to do is told, not their stated position
        if needed == DEONTIC:
            rule = "duty"
        elif cue.i == reporting_cue:
            rule = "reporting"
        else:
            rule = {"NOUN": "noun", "ADJ": "adjective"}.get(cue.pos_, "verb")
        first, last = region[0].i, region[-1].i
        topic_stances: list[tuple[str | None, Topic]] = []
        if action:
            # a scheme concept only when it is what the action acts on ("provide security
            # assistance"); else the action and its object, never a concept named inside them
            objects = [c for c in cue.children if c.dep_ == "dobj"]
            named = [s for s in topic_spans if any(s.start <= o.i < s.end for o in objects)]
            topic = scheme_topic(named[0], topic_labels) if named else _action_topic(cue, region, lexicon.vague_topic_heads)
            if topic is not None:
                item = PositionItem(holder=holder, stance=stance, topic=topic, rule="action")
                if item not in positions:
                    positions.append(item)
            continue
        # "cooperation to combat terrorism", "efforts to end the war": a reversing or opposing
        # word between the cue and a topic turns the stance towards it around
        reversers = [t for t in region if t.i != cue.i and is_turning(t, lexicon)]
        inside = [s for s in topic_spans if first <= s.start and s.end <= last + 1]
        if duty_to_stop:  # "reduce the dependency on Russian energy" turns the dependency, not energy
            heads = [c for c in cue.children if c.dep_ in ("dobj", "nsubjpass")]
            inside = [s for s in inside if any(s.start <= h.i < s.end for h in heads)]
        depths = {(s.start, s.end): min(_depth(t, cue) for t in s) for s in inside}
        nearest = min(depths.values(), default=0)
        for span in inside:
            if depths[(span.start, span.end)] <= min(nearest + DEPTH_SLACK, MAX_TOPIC_DEPTH):
                topic = scheme_topic(span, topic_labels)
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
            minted = _minted(region, lexicon.vague_topic_heads, cue, words.non_action_verbs, reversers,
                             words.time_prepositions)
            if minted is not None:
                topic, turned = minted
                topic_stances = [(REVERSED_STANCE.get(stance) if turned else stance, topic)]
        for topic_stance, topic in topic_stances:
            if topic_stance is None:
                continue
            item = PositionItem(holder=holder, stance=topic_stance, topic=topic, rule=rule)
            if item not in positions:
                positions.append(item)
    for item in _threats(statement, bounds, default_holder, words):
        if item not in positions:
            positions.append(item)
    return tuple(positions)
