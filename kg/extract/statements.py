"""Statements: who said what, with exact character offsets.

Three rules, applied per sentence:
1. A reporting verb of the lexicon ("said", "stressed", "told X that", "urged X to") with a
   subject that resolves to an actor: the statement is the verb's clausal complement, or
   the quotation in the sentence when there is no complement.
2. "According to X, ...": X says the rest of the sentence.
3. A stance verb ("supports", "opposes") at the top of a sentence whose subject is an actor
   and which no other statement covers: the actor states that position; the sentence is the
   statement.

The verbs, particles and modals the rules look for are the lexicon's (reporting-verbs.tsv,
stance-cues.tsv, modals-not-said.txt, duty-words.txt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from kg.extract.actors import GROUP, PARTICIPANTS, ActorTable, group_actor
from kg.extract.layout import JOINT_KINDS, PARAGRAPH_BREAK, Layout, paragraphs, says_something
from kg.extract.resolve import resolve_actor
from kg.lexicon import Lexicon
from kg.nlp import doc_text
from kg.nlp.tokens import LEMMA, LOWER, positions, positions_in, where

CONTENT_DEPS = ("ccomp", "xcomp")
# "reiterated his commitment to X", "expressed concern about Y": the object and its modifiers
OBJECT_CONTENT_DEPS = ("dobj",)
OBJECT_CONTENT_MIN_TOKENS = 4
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "«": "»"}
EDGE_STRIP = " \t\r\n,;:—–-"
FINAL_STOPS = ".!"
ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
MIN_CONTENT_TOKENS = 3
# a quotation: straight or curly double quotes, within one paragraph (line breaks allowed)
QUOTATION = re.compile(r"“((?:[^”\n]|\n(?![ \t]*\n))+)”|\"((?:[^\"\n]|\n(?![ \t]*\n))+)\"")
MAX_AFTER_TRAILING_VERB = 8  # "..., Li Wei told Ivan Petrov on Thursday."
SHORT_ATTRIBUTION = 5  # '"...," Yang stressed.' as a sentence of its own
# "  1. China firmly advocates ...": a numbered point at the start of a paragraph
NUMBERED_POINT = re.compile(r"^[ \t]*(\d{1,2})[.)][ \t]+", re.M)
POINT_CUE = "numbered point"
DOCUMENT_CUE = "document speaker"
# "Statement by President Biden on ...", "Remarks from the Press Secretary": the document is one speaker's
DOCUMENT_SPEAKER_TITLE = re.compile(
    r"^(?:Joint\s+)?(?:Statement|Remarks|Address|Speech|Message|(?:Press\s+|Background\s+)?(?:Briefing|Gaggle|Conference))"
    r"(?:\s+as\s+Prepared\s+for\s+Delivery)?\s+(?:by|from|of)\s+(?P<who>.+?)"
    # what follows the speakers: "on ...", "Before Marine One Departure", "Announcing ...", "– State of ..."
    r"(?:,?\s+(?:on|at|to|in|aboard|en\s+route|regarding|following|before|after|during|upon|while|ahead\s+of|prior\s+to)\s+.*"
    r"|\s+[A-Z][a-z]+ing\b.*|\s+[–—-]\s+.*|:\s+.*)?"
    r"(?:,\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\b.*)?$",
    re.I,
)
CONTINUATION_CUE = "continuation"
TURN_CUE = "transcript turn"
# cues whose statement is a whole sentence: its first word is never a complementiser
WHOLE_SENTENCE_CUES = frozenset({POINT_CUE, DOCUMENT_CUE, CONTINUATION_CUE, TURN_CUE})


@dataclass(frozen=True)
class RawStatement:
    begin: int
    end: int
    speaker: str
    cue: str
    anchor: int  # token index of the cue
    sentence_begin: int
    behalf: str | None = None  # "speaking on behalf of the Group of 77": whom the speaker speaks for


def _strip_edges(text: str, begin: int, end: int) -> tuple[int, int]:
    while begin < end and text[begin] in EDGE_STRIP:
        begin += 1
    while end > begin and text[end - 1] in EDGE_STRIP:
        end -= 1
    return begin, end


def _balance_quotes(text: str, begin: int, end: int) -> tuple[int, int]:
    """Drop a quote pair around the whole span; keep a quote that closes one opened inside."""
    for opening, closing in QUOTE_PAIRS.items():
        span = text[begin:end]
        if opening == closing:
            odd = span.count(opening) % 2 == 1
            if span.startswith(opening) and odd:
                begin += 1
            elif odd and end < len(text) and text[end] == closing:
                end += 1
            elif odd and span.endswith(closing):
                end -= 1
        else:
            opened, closed = span.count(opening), span.count(closing)
            if span.startswith(opening) and span.endswith(closing) and opened == closed == 1:
                begin, end = begin + 1, end - 1
            elif opened > closed and end < len(text) and text[end] == closing:
                end += 1
            elif opened > closed and span.startswith(opening):
                begin += 1
            elif closed > opened and span.endswith(closing):
                end -= 1
    return begin, end


def _trim(doc: Doc, begin: int, end: int, anchor_char: int, complement: bool = True) -> tuple[int, int] | None:
    text = doc_text(doc)
    # a statement does not cross a paragraph break: keep the part nearest its cue
    parts, last = [], begin
    for brk in PARAGRAPH_BREAK.finditer(text, begin, end):
        parts.append((last, brk.start()))
        last = brk.end()
    parts.append((last, end))
    begin, end = min(parts, key=lambda p: 0 if p[0] <= anchor_char <= p[1] else min(abs(anchor_char - p[0]), abs(anchor_char - p[1])))
    begin, end = _strip_edges(text, begin, end)
    if complement and text[begin:end].lower().startswith("that "):  # "said that X": X
        begin += 5
    begin, end = _balance_quotes(text, begin, end)
    begin, end = _strip_edges(text, begin, end)
    # the final full stop is not part of what was said; an abbreviation's ("the U.S.") is
    if end > begin and text[end - 1] in FINAL_STOPS and not ABBREVIATION_END.search(text, begin, end):
        end -= 1
        begin, end = _balance_quotes(text, begin, end)
        begin, end = _strip_edges(text, begin, end)
    return (begin, end) if end > begin else None


def _span_chars(tokens: list[Token]) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


def _trailing_attribution(verb: Token, sentence: Span, table: ActorTable) -> tuple[str, tuple[int, int]] | None:
    """"China supports X, State Councilor Li Wei said on Feb 26": a reporting verb after the
    main clause with no complement of its own. The speaker is the person (else the actor)
    named between the last comma and the verb; the statement is the clause before that comma."""
    if any(c.dep_ in CONTENT_DEPS for c in verb.children) or verb.i == sentence.start:
        return None
    if sum(1 for t in sentence if t.i > verb.i and not t.is_punct and not t.is_space) > MAX_AFTER_TRAILING_VERB:
        return None
    commas = [t for t in sentence if t.i < verb.i and t.text == ","]
    if not commas or commas[-1].i - sentence.start < MIN_CONTENT_TOKENS:
        return None
    between = [t for t in sentence if commas[-1].i < t.i < verb.i]
    keys = [table.actor_at(t) for t in between if table.actor_at(t) is not None]
    if not keys:
        return None
    people = [k for k in keys if table.actors[k].type == "Person"]
    speaker = (people or keys)[-1]
    return speaker, (sentence.start_char, commas[-1].idx)


def _subject_actor(token: Token, table: ActorTable) -> str | None:
    """The actor a subject stands for: a group when it joins several actors ("Vladimir Putin
    and Recep Tayyip Erdogan agreed") or names everyone who took part ("the two leaders")."""
    conjuncts = list(token.conjuncts)
    if conjuncts:
        keys = {k for t in (token, *conjuncts) if (k := resolve_actor(t, table)) is not None}
        if len(keys) >= 2:
            return group_actor(table, keys)
        if len(keys) == 1 and token.pos_ == "NOUN" and resolve_actor(token, table) is None:
            return keys.pop()  # "American academic and professor Marc Lamont Hill": titles and a name
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma.endswith("s"):  # "the Quad Leaders": a proper noun keeps its "s"
        lemma = lemma[:-1]
    group_noun = lemma in table.lexicon.words.group_nouns and (token.tag_ in ("NNS", "NNPS") or token.lower_ == "both")
    if group_noun:
        # "the Quad Leaders – Prime Minister A of X, ..., and President D – convened": those named
        named = {k for t in token.subtree if (k := table.actor_at(t)) is not None and table.actors[k].type == "Person"}
        if len(named) >= 2:
            return group_actor(table, named)
    key = resolve_actor(token, table)
    if key is None and token.lemma_.lower() in table.lexicon.words.delegate_nouns:
        # "the representative of France": unnamed, the delegate is the state it speaks for
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    found = resolve_actor(obj, table)
                    if found is not None and table.actors[found].type != "Person":
                        return found
    if key is None and group_noun:
        return PARTICIPANTS
    if key is None and table.they_took_part and token.lower_ == "they" and token.pos_ == "PRON":
        return PARTICIPANTS
    return key


CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "acl", "relcl", "conj", "parataxis"})


def _unparsed_subject(verb: Token, table: ActorTable) -> str | None:
    """A main verb the parser left without a subject ("During the talks Mr Putin, while
    agreeing with Mr Clinton that ..., noted that ..."): the last actor named before it
    outside its own clauses."""
    if verb.dep_ != "ROOT":
        return None
    inside = {t.i for c in verb.children if c.dep_ in CLAUSE_DEPS for t in c.subtree}
    keys = [k for t in verb.sent if t.i < verb.i and t.i not in inside
            and (k := table.actor_at(t)) is not None]
    if not keys:
        # "While exchanging views on Venezuela, the President of Russia underscored that ...": the
        # parser hung the subject on the clause before; it is what stands between the comma and the verb
        commas = [t.i for t in verb.sent if t.i < verb.i and t.text == ","]
        keys = [k for t in verb.doc[commas[-1] + 1:verb.i] if (k := table.actor_at(t)) is not None] if commas else []
    people = [k for k in keys if table.actors[k].type == "Person"]
    return (people or keys or [None])[-1]


def _sender(noun: Token, table: ActorTable) -> str | None:
    """"The message reads: ...": who the text said, before, sent or issued that message
    ("Vladimir Putin sent a message to ..."), nearest first."""
    nouns = table.lexicon.words.document_nouns
    for token in reversed(noun.doc[:noun.sent.start]):
        if token.dep_ == "dobj" and token.lemma_.lower() in nouns and token.head.pos_ == "VERB":
            for child in token.head.children:
                if child.dep_ == "nsubj":
                    return _subject_actor(child, table)
    return None


def _speaker(verb: Token, table: ActorTable, lexicon: Lexicon | None = None) -> str | None:
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return _subject_of(verb, table)
    if lexicon is not None and not any(c.dep_ in ("expl", "csubj") for c in verb.children):
        found = _unparsed_subject(verb, table)
        if found is not None:
            return found
    if verb.dep_ == "conj" and lexicon is not None and lexicon.reporting_verbs:
        # "A made the remarks after B said X, and added Y": the parser often hangs "added" on
        # the main verb; the reporting verb just before it, with its own subject, says Y
        between = [t for t in verb.doc[verb.head.i + 1 : verb.i] if _is_reporting(t, lexicon)]
        if between and any(c.dep_ in SUBJECT_DEPS for c in between[-1].children):
            return _speaker(between[-1], table)
    if verb.dep_ == "conj" or verb.dep_ == "advcl":  # "..., adding that": subject of the head verb
        return _subject_of(verb.head, table)
    return None


def _subject_of(verb: Token, table: ActorTable) -> str | None:
    """The actor of a verb's subject; of the first that is one where the parser saw several
    ("Facebook co-founder Mark Zuckerberg": "co", "-" and "Zuckerberg"); "the message" is
    its sender's."""
    for child in verb.children:
        if child.dep_ not in SUBJECT_DEPS:
            continue
        found = _subject_actor(child, table)
        if found is None and child.lemma_.lower() in table.lexicon.words.document_nouns:
            found = _sender(child, table)
        if found is not None:
            return found
    return None


def _parenthetical_attribution(verb: Token, sentence: Span) -> tuple[int, int] | None:
    """"One of the causes, Mr Putin said, was the spread of terrorism": an attribution set off
    by commas inside the sentence it attributes; the statement is the whole sentence."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects or any(c.dep_ in CONTENT_DEPS for c in verb.children):
        return None
    first = min(t.i for s in subjects for t in s.subtree)
    doc = sentence.doc
    before, after = doc[first - 1] if first > sentence.start else None, doc[verb.i + 1] if verb.i + 1 < sentence.end else None
    if before is None or after is None or before.text != "," or after.text != ",":
        return None
    return sentence.start_char, sentence.end_char


def _quotation_in(sentence: Span) -> tuple[int, int] | None:
    match = QUOTATION.search(sentence.text)
    if match is None:
        return None
    group = 1 if match.group(1) is not None else 2
    return sentence.start_char + match.start(group), sentence.start_char + match.end(group)


def _as_clause_content(verb: Token, sentence: Span) -> tuple[int, int] | None:
    """"However, as Mr Putin noted, the treaty moves cooperation in the right direction": the
    rest of the sentence is what the "as" clause's speaker said."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in CONTENT_DEPS or c.dep_ in OBJECT_CONTENT_DEPS for c in verb.children):
        return None  # "as he said that ...", "as he noted the progress": a clause of its own
    # the clause it is said of: its head's, without it ("..., but as he pointed out, the
    # events showed that ...": what "showed" heads, not the first half of the sentence)
    inside = {t.i for t in verb.subtree}
    rest = [t for t in verb.head.subtree if t.i not in inside]
    after = [t for t in rest if t.i > verb.i]
    said = after if after and verb.head.i > verb.i else [t for t in rest if t.i < verb.i]
    return _span_chars(said) if len(said) >= MIN_CONTENT_TOKENS else None


def _names_a_person(noun: Token) -> bool:
    """"Dr. Robert Califf", "the renowned clinical trialist Dr. Robert Califf": an object that
    is a person's name, or a title in apposition to one."""
    return noun.ent_type_ == "PERSON" or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in noun.children)


def _content(verb: Token, sentence: Span) -> tuple[int, int] | None:
    main = _as_clause_content(verb, sentence)
    if main is not None:
        return main
    for dep in CONTENT_DEPS:
        for child in verb.children:
            if child.dep_ == dep:
                if dep == "xcomp" and child.tag_ == "VBG":
                    continue  # "tweeted using his account:": how it was said, not what
                tokens = list(child.subtree)
                if dep == "xcomp":  # "urged Russia to back down": object + complement
                    for obj in verb.children:
                        if obj.dep_ == "dobj":
                            tokens.extend(obj.subtree)
                if len(tokens) >= MIN_CONTENT_TOKENS:
                    span = _span_chars(tokens)
                    longer = _quotation_closing_in(sentence, verb) if span[0] < verb.idx else None
                    return longer if longer is not None and longer[0] < span[0] else span
    quotation = _quotation_in(sentence) or _quotation_closing_in(sentence, verb) or _quotation_opening_in(sentence, verb)
    if quotation is not None:
        return quotation
    tokens = []
    for child in verb.children:
        if child.dep_ in OBJECT_CONTENT_DEPS and _names_a_person(child):
            return None  # "the Senate confirmed Dr. Robert Califf": a person is not what is said
        if child.dep_ in OBJECT_CONTENT_DEPS or (tokens and child.dep_ == "prep" and child.i > verb.i):
            tokens.extend(child.subtree)
    if len(tokens) >= OBJECT_CONTENT_MIN_TOKENS:
        return _span_chars(tokens)
    return None


def _quotation_closing_in(sentence: Span, verb: Token) -> tuple[int, int] | None:
    """'"China opposes X. It never works," Li Wei said.': a quotation of several sentences
    that closes in this sentence, before the verb, and opened earlier in the paragraph."""
    text = doc_text(sentence.doc)
    breaks = [m.end() for m in PARAGRAPH_BREAK.finditer(text, 0, sentence.start_char)]
    start = breaks[-1] if breaks else 0
    found = None
    for match in QUOTATION.finditer(text, start, verb.idx):
        group = 1 if match.group(1) is not None else 2
        if match.start() < sentence.start_char <= match.end() - 1:
            found = (match.start(group), match.end(group))
    return found


def _quotation_opening_in(sentence: Span, verb: Token) -> tuple[int, int] | None:
    """'X commented, "Hoping that ... incarceration."': a quotation that opens in this
    sentence, after the verb, and closes later in the paragraph."""
    text = doc_text(sentence.doc)
    brk = PARAGRAPH_BREAK.search(text, sentence.end_char)
    for match in QUOTATION.finditer(text, verb.idx, brk.start() if brk is not None else len(text)):
        if match.start() >= sentence.end_char:
            break
        group = 1 if match.group(1) is not None else 2
        return match.start(group), match.end(group)
    return None


def _previous_quotation(sentence: Span) -> tuple[int, int] | None:
    """'"China opposes X." Yang stressed.': the quotation that ends the sentence before."""
    if sentence.start == 0:
        return None
    previous = sentence.doc[sentence.start - 1].sent
    if not previous.text.rstrip().endswith(("”", '"')):
        return None
    return _quotation_in(previous)


def _is_reporting(token: Token, lexicon: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    if lemma not in lexicon.reporting_verbs or token.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ in lexicon.words.modals_not_said for c in token.children):
        return False  # "China should urge Russia to ...": not something said
    if any(c.dep_ == "aux" and c.lower_ in lexicon.words.future_auxiliaries for c in token.children):
        return False  # "Secretary Cardona will highlight ...": not said yet
    if any(c.dep_ == "neg" for c in token.children):
        return False  # "did not report how China responded": nothing was said
    if any(c.dep_ == "dobj" and c.tag_ in ("WP", "WDT") for c in token.children):
        return False  # "— just what the Secretary said yesterday": a thing said, named, not said here
    particle = lexicon.reporting_particles.get(lemma)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in token.children)


VIEW_NOUNS = frozenset({"view", "opinion"})


def _words_in(sentence: Span, words) -> list[Token]:
    """The tokens of ``sentence`` whose lower-case form is one of ``words``, in order."""
    table = positions(sentence.doc, LOWER)
    found = sorted(i for word in words if word in table for i in positions_in(table[word], sentence))
    return [sentence.doc[i] for i in found]


def _rest_of_sentence(sentence: Span, phrase: list[Token]) -> tuple[int, int]:
    """What an attributing phrase ("according to X", "in X's view") attributes: the rest of
    the sentence after it when it opens the sentence, else the part before it."""
    phrase_begin, phrase_end = _span_chars(phrase)
    if phrase_begin - sentence.start_char <= 1:
        return phrase_end, sentence.end_char
    return sentence.start_char, phrase_begin


def _in_the_view_of(sentence: Span, table: ActorTable) -> list[RawStatement]:
    """"In the President's view, X", "in the opinion of Mr Putin, X": X is theirs."""
    found = []
    for token in _words_in(sentence, VIEW_NOUNS):
        if token.head.dep_ != "prep" or token.head.lower_ != "in":
            continue
        holders = [c for c in token.children if c.dep_ == "poss"]
        holders += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        speaker = next((k for h in holders if (k := resolve_actor(h, table)) is not None), None)
        if speaker is None:
            continue
        found.append(RawStatement(*_rest_of_sentence(sentence, list(token.head.subtree)), speaker, "according to",
                                  token.i, sentence.start_char))
    return found


def _according_to(sentence: Span, table: ActorTable) -> list[RawStatement]:
    found = _in_the_view_of(sentence, table)
    for token in _words_in(sentence, ("according",)):
        for prep in token.children:
            if prep.lower_ != "to":
                continue
            for obj in prep.children:
                speaker = resolve_actor(obj, table)
                if speaker is None:
                    continue
                found.append(RawStatement(*_rest_of_sentence(sentence, list(token.subtree)), speaker, "according to",
                                          token.i, sentence.start_char))
    return found


def _on_behalf_of(sentence: Span, table: ActorTable) -> str | None:
    """"Speaking on behalf of the Group of 77 and China, the representative of Egypt said ...":
    the body or group the sentence says its speaker speaks for."""
    for token in _words_in(sentence, ("behalf",)):
        if token.head.lower_ not in ("on", "in"):
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    keys = [k for t in (obj, *obj.conjuncts) if (k := resolve_actor(t, table)) is not None]
                    if len(set(keys)) >= 2:
                        return group_actor(table, keys)
                    if keys:
                        return keys[0]
    return None


COLON_QUOTE = re.compile(r":[ \t]*(?:\n[ \t]*\n[ \t]*)?[“\"]")
QUOTE_CUE = "quote"
COLON_REACH = 16  # characters after a sentence a colon's quotation may open in


def _colon_quotation(doc: Doc, sentence: Span, table: ActorTable) -> list[RawStatement]:
    """'She continued: "Labour has a plan ..."', 'with Boswell stating: "People ..."': a
    quotation after a colon is said by the subject of the last verb before the colon. A quote
    whose paragraph ends before it closes goes on to its closing mark (``_quotation_end``),
    all of it the same speaker's."""
    text = doc_text(doc)
    # the colon ends the sentence; the quotation may open after a paragraph break
    match = COLON_QUOTE.search(text, sentence.start_char, min(len(text), sentence.end_char + COLON_REACH))
    if match is None or match.start() > sentence.end_char:
        return []
    verbs = [t for t in sentence if t.idx < match.start() and t.pos_ in ("VERB", "AUX")]
    # the last verb with a speaker: "Obama tweeted using his account:" is Obama's
    speaker, verb = next(((s, v) for v in reversed(verbs) if (s := _speaker(v, table)) is not None), (None, None))
    if speaker is None or speaker == PARTICIPANTS:
        return []
    begin = match.end()
    end = _quotation_end(text, begin, text[begin - 1])
    if end is None:  # never closed where a quotation may: the quotation is its first paragraph
        brk = PARAGRAPH_BREAK.search(text, begin)
        end = brk.start() if brk is not None else len(text)
    # a statement per paragraph of the quotation, without the mark that opens it again
    found = []
    for brk in [*PARAGRAPH_BREAK.finditer(text, begin, end), None]:
        stop = brk.start() if brk is not None else end
        low = begin + 1 if text[begin:begin + 1] in ("“", '"') else begin
        if stop > low and not text[low:stop].rstrip(" ”\"“").endswith("?"):  # a question quoted asserts nothing
            found.append(RawStatement(low, stop, speaker, QUOTE_CUE, verb.i, sentence.start_char))
        if brk is not None:
            begin = brk.end()
    return found


QUOTE_OR_BREAK = re.compile(r"[“”\"]|\n[ \t]*\n")
MAX_QUOTED_PARAGRAPHS = 12  # a quotation that does not close within this many paragraphs is one paragraph


def _quotation_end(text: str, begin: int, opening: str) -> int | None:
    """Where a quotation opened at ``begin`` closes: at its closing mark, across paragraphs
    that open again with a quote mark (the press's way) or with none (a message quoted in
    full); a left mark ending the quotation's last paragraph closes it too (a misprint the
    Kremlin's texts have). None if another quotation opens inside it first."""
    closing = "”" if opening == "“" else '"'
    paragraphs, paragraph_start = 0, begin
    for mark in QUOTE_OR_BREAK.finditer(text, begin):
        char = mark.group()
        if char not in "“”\"":
            paragraphs += 1
            if paragraphs > MAX_QUOTED_PARAGRAPHS:
                return None
            paragraph_start = mark.end()
            continue
        if mark.start() == paragraph_start:  # '"We would ...': the quotation goes on
            continue
        if char == closing:
            return mark.start()
        rest = text[mark.end():mark.end() + 8]
        if char == "“" and (not rest.strip() or rest.lstrip(" \t").startswith("\n")):
            return mark.start()  # 'common cause.“' at a paragraph's end
        return None
    return None


def extract_statements(
    doc: Doc, table: ActorTable, lexicon: Lexicon,
    document_speaker: str | None = None,
    turns: list[tuple[int, int, str | None]] | None = None,
    layout: Layout | None = None,
    signatory_states: frozenset[str] = frozenset(),
) -> list[RawStatement]:
    """The statements of ``doc``, by the reporting verbs and stance cues of ``lexicon``.
    ``document_speaker`` (an actor key) says every sentence of a statement or speech;
    ``turns`` ((begin, end, speaker key or None) for each turn of a transcript) say who says
    each part of a transcript, and replace it. ``signatory_states``: the states a joint
    statement's signatories (``document_speaker``, a group) speak for."""
    reporting, stance_cues = lexicon.reporting_verbs, lexicon.stance_cues
    modals_not_said = lexicon.words.modals_not_said
    # cues of sentence-level stance statements ("China supports X"), not reported speech
    stance_only = frozenset(stance_cues) - frozenset(reporting)
    raw: list[RawStatement] = []
    # the tokens whose lemma is a reporting verb's: _is_reporting looks at those only
    verbs = where(doc, LEMMA, lambda lemma: lemma.lower() in reporting)
    for sentence in doc.sents:
        found: list[RawStatement] = []
        for i in positions_in(verbs, sentence):
            token = doc[i]
            if not _is_reporting(token, lexicon):
                continue
            at_top = token.dep_ == "ROOT" or (token.dep_ == "conj" and token.head.i == sentence.root.i)
            trailing = _trailing_attribution(token, sentence, table) if at_top else None
            if trailing is not None:
                speaker, content = trailing
                found.append(RawStatement(*content, speaker, token.lemma_.lower(), token.i, sentence.start_char))
                continue
            speaker = _speaker(token, table, lexicon)
            content = _content(token, sentence) if speaker is not None else None
            if content is None and speaker is not None and token.i - sentence.start <= SHORT_ATTRIBUTION:
                content = _previous_quotation(sentence)
            if content is None and speaker is not None:
                content = _parenthetical_attribution(token, sentence)
            if content is None:
                continue
            found.append(RawStatement(*content, speaker, token.lemma_.lower(), token.i, sentence.start_char))
        found.extend(_according_to(sentence, table))
        # 'X told Sky News any process "must be well thought out": "Moves to ..."': the
        # quotation after the colon is said too, after what the verb's clause says
        colon = _colon_quotation(doc, sentence, table)
        if colon and all(f.end <= colon[0].begin for f in found):
            found.extend(colon)
        behalf = _on_behalf_of(sentence, table)
        if behalf is not None:
            found = [replace(f, behalf=behalf) for f in found]
        if not found:
            root = sentence.root
            for verb in [root, *root.conjuncts]:
                cue = stance_cues.get(verb.lemma_.lower())
                prescribed = any(c.dep_ == "aux" and c.lower_ in modals_not_said for c in verb.children)
                if cue is not None and cue[1] != "deontic" and not prescribed and verb.pos_ == "VERB":
                    speaker = _speaker(verb, table)
                    if speaker is not None:
                        found.append(
                            RawStatement(sentence.start_char, sentence.end_char, speaker,
                                         verb.lemma_.lower(), verb.i, sentence.start_char)
                        )
                        break
        raw.extend(found)
    # numbered points: their sentences belong to the list's speaker, not to the state named in them
    attributed = [r for r in raw if r.cue not in stance_only]
    points = numbered_points(doc, table, attributed)
    if points:
        covered = [(p.begin, p.end) for p in points]
        raw = [r for r in raw if r.cue not in stance_only or not any(b <= r.begin < e for b, e in covered)]
        raw.extend(points)
    if turns:
        # each turn's speaker states its sentences; a question (no speaker) states nothing
        raw = [r for r in raw if r.cue not in stance_only]
        for begin, end, speaker in turns:
            if speaker is None:  # a question, or a turn of nobody the graph knows: it states nothing
                raw = [r for r in raw if not begin <= r.begin < end]
                continue
            own = {speaker, table.actors[speaker].affiliation}
            raw = [r for r in raw if not (begin <= r.begin < end and r.speaker in own)]
            raw.extend(document_statements(doc, speaker, (begin, end), TURN_CUE, layout))
    elif document_speaker is None:
        raw.extend(continuations(doc, raw, lexicon.words.duty_words))
    else:
        # the document's speaker states every sentence, also what "we" or "the United States"
        # (the state the speaker speaks for) is said to believe; other speakers' reported
        # words stay theirs, nested in the speaker's sentence
        own = {document_speaker, table.actors[document_speaker].affiliation}
        # signatories: a group, or a body that signs for its members ("the G7", "the CIS")
        joint = layout is not None and (table.actors[document_speaker].type == GROUP or (
            layout.kind in JOINT_KINDS and table.actors[document_speaker].type == "Organization"))
        if joint:  # "The leaders welcome ...": in a joint statement, the signatories
            own.add(PARTICIPANTS)
        raw = [r for r in raw if r.cue not in stance_only and r.speaker not in own]
        said = document_statements(doc, document_speaker, layout=layout, narration=lexicon if joint else None)
        raw.extend(signatory_alone(doc, table, said, document_speaker, signatory_states) if joint else said)
    trimmed = []
    for item in raw:
        bounds = _trim(doc, item.begin, item.end, doc[item.anchor].idx, item.cue not in WHOLE_SENTENCE_CUES)
        if bounds is None or len(doc_text(doc)[bounds[0]:bounds[1]].split()) < MIN_CONTENT_TOKENS:
            continue
        trimmed.append(RawStatement(bounds[0], bounds[1], item.speaker, item.cue, item.anchor, item.sentence_begin,
                                    item.behalf))
    return _drop_nested(trimmed, stance_only)


def _list_speaker(doc: Doc, intro: tuple[int, int], table: ActorTable) -> str | None:
    """Who introduces a list: the subject of the last sentence of the paragraph before it."""
    span = doc.char_span(intro[0], intro[1], alignment_mode="contract")
    if span is None:
        return None
    sentences = list(span.sents)
    for sentence in reversed(sentences[-1:]):
        root = sentence.root
        for verb in [root, *root.conjuncts]:
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS:
                    key = resolve_actor(child, table)
                    if key is not None:
                        return key
    return None


def numbered_points(doc: Doc, table: ActorTable, attributed: list[RawStatement]) -> list[RawStatement]:
    """Each sentence of a numbered list ("...the following five points:" then "1. ...") is a
    statement of the speaker who introduced the list. A point runs to the next point; the
    last one to the next paragraph that attributes speech to someone."""
    text = doc_text(doc)
    paras = paragraphs(text)
    found: list[RawStatement] = []
    i = 0
    while i < len(paras) - 1:
        intro, first = paras[i], paras[i + 1]
        first_number = NUMBERED_POINT.match(text, first[0])
        if not (text[intro[0]:intro[1]].rstrip().endswith(":") and first_number and first_number.group(1) == "1"):
            i += 1
            continue
        speaker = _list_speaker(doc, intro, table)
        j, expected, extent = i + 1, 1, []
        while j < len(paras):
            number = NUMBERED_POINT.match(text, paras[j][0])
            if number and int(number.group(1)) == expected:
                expected += 1
            elif number or any(paras[j][0] <= a.begin < paras[j][1] for a in attributed):
                break
            extent.append(paras[j])
            j += 1
        if speaker is not None:
            for begin, end in extent:
                marker = NUMBERED_POINT.match(text, begin)
                span = doc.char_span(marker.end() if marker else begin, end, alignment_mode="expand")
                for sentence in span.sents if span is not None else ():
                    found.append(RawStatement(sentence.start_char, sentence.end_char, speaker,
                                              POINT_CUE, sentence.start, sentence.start_char))
        i = j
    return found


def continuations(doc: Doc, statements: list[RawStatement], duty_words: frozenset[str]) -> list[RawStatement]:
    """Reported speech goes on after its attribution: in a paragraph where someone has a
    statement, each later sentence with no attribution of its own that states a duty (has
    one of ``duty_words``: "X should be respected", "it is imperative that ...") or that is a
    quotation ('"...," Mr Putin stressed. "National security cannot ..."') is that speaker's
    statement too."""
    text = doc_text(doc)
    found: list[RawStatement] = []
    for begin, end in paragraphs(text):
        inside = sorted((st for st in statements if begin <= st.begin < end), key=lambda st: st.begin)
        if not inside:
            continue
        span = doc.char_span(begin, end, alignment_mode="expand")
        for sentence in span.sents if span is not None else ():
            earlier = [st for st in inside if st.begin < sentence.start_char]
            if not earlier or any(sentence.start_char <= st.begin < sentence.end_char for st in inside):
                continue
            quoted = sentence.text.strip().startswith(("“", '"'))
            if quoted or any(t.lower_ in duty_words for t in sentence):
                speaker = earlier[-1].speaker
                found.append(RawStatement(sentence.start_char, sentence.end_char, speaker,
                                          CONTINUATION_CUE, sentence.start, sentence.start_char))
    return found


TITLE_NOTE = re.compile(r"^[A-Z]{3,}:\s+")  # "CORRECTED: Remarks by ...", "UPDATED: ..."


def title_speakers(title: str | None) -> list[str]:
    """Everyone a title names as speaking: "Remarks by Vice President Harris and President
    Duda of Poland in Joint Press Conference" gives both (with their titles)."""
    match = DOCUMENT_SPEAKER_TITLE.match(TITLE_NOTE.sub("", " ".join((title or "").split())))
    if match is None:
        return []
    return [p.strip() for p in re.split(r",|&|\band\b", match.group("who")) if p.strip()]


def document_speaker_name(title: str | None, metadata_speaker: str | None) -> str | None:
    """The name of the one speaker of a whole document: from metadata, or from its title."""
    if metadata_speaker and metadata_speaker.strip():
        return metadata_speaker.strip()
    match = DOCUMENT_SPEAKER_TITLE.match(TITLE_NOTE.sub("", " ".join((title or "").split())))
    if match is None or re.search(r"\band\b|&|,", match.group("who")):
        return None  # "Remarks by Vice President Harris and President Duda": several speakers
    return match.group("who")


def document_statements(
    doc: Doc, speaker: str, within: tuple[int, int] | None = None, cue: str = DOCUMENT_CUE,
    layout: Layout | None = None, narration: Lexicon | None = None,
) -> list[RawStatement]:
    """In a document that is one speaker's statement or speech (or in one turn of a
    transcript: ``within``), every sentence that says something is that speaker's (a sentence
    reporting someone else's words too: those are nested in it); headers, stage directions
    and a signature (``layout.skip``) are nobody's. With ``narration`` (the lexicon; a joint
    statement's signatories), a sentence that tells what someone did is nobody's words."""
    found = []
    text = doc_text(doc)
    low, high = within if within is not None else (0, len(text))
    span = doc.char_span(low, high, alignment_mode="expand") if within is not None else doc[:]
    for sentence in span.sents if span is not None else ():
        begin, end = max(sentence.start_char, low), min(sentence.end_char, high)
        if begin >= end:
            continue
        words = [t for t in sentence if t.is_alpha and begin <= t.idx < end]
        if len(words) < MIN_CONTENT_TOKENS:
            continue
        if layout is not None and (layout.skipped(begin, end) or not says_something(text[begin:end], layout.courtesies, layout.salutation)):
            continue
        if layout is not None and not any(t.pos_ in ("VERB", "AUX") for t in sentence if begin <= t.idx < end):
            continue  # "And then Dr. Walensky": a fragment with no verb says nothing
        if narration is not None and _narrates(sentence, narration):
            continue
        marker = NUMBERED_POINT.match(text, begin)
        begin = marker.end() if marker else begin
        found.append(RawStatement(begin, end, speaker, cue,
                                  sentence.start, sentence.start_char))
    return found


def signatory_alone(doc: Doc, table: ActorTable, items: list[RawStatement], signatories: str,
                    states: frozenset[str] = frozenset()) -> list[RawStatement]:
    """In a joint statement, a sentence whose subject is one of the signatories, or the state
    one of them speaks for ("The United States intends to ...", "The Russian side supports
    ...", "Mr Putin and Mr Cardoso said ..."), is that signatory's (or those signatories')
    alone; and "The document said X" gives the signatories X. Other sentences stay theirs.
    ``states``: the states the signatories speak for, besides those the text says."""
    lexicon = table.lexicon
    members = set(table.actors[signatories].members) or {signatories}
    states = set(states) | {a for m in members if (a := table.actors[m].affiliation) is not None}
    own = members | states | {k for k, a in table.actors.items() if a.type == "Person" and a.affiliation in members}

    def theirs(key: str | None) -> bool:
        if key is None or key == signatories or key == PARTICIPANTS:
            return False
        actor = table.actors[key]
        if key in own or actor.type != GROUP:
            return key in own
        # "Mr Putin and Mr Cardoso": as many as the signatories, at least half of them known
        found = set(actor.members) & own
        return found == set(actor.members) or (len(actor.members) == len(members) and 2 * len(found) >= len(members))

    out = []
    for item in items:
        root = doc[item.anchor].sent.root if item.cue == DOCUMENT_CUE else None
        # an active subject: "London was struck by bombs" is said by no one in London
        subjects = [c for c in root.children if c.dep_ == "nsubj"] if root is not None else []
        if len(subjects) != 1:
            out.append(item)
            continue
        subject = subjects[0]
        key = _subject_actor(subject, table)
        if key is not None and key != signatories and key != PARTICIPANTS and _is_reporting(root, lexicon):
            # "Mr Putin said that ...": his words (a statement of their own already), not the
            # signatories' sentence
            continue
        if theirs(key):
            out.append(replace(item, speaker=key))
        elif key is None and subject.lemma_.lower() in lexicon.words.document_nouns \
                and _is_reporting(root, lexicon):
            content = _content(root, doc[item.anchor].sent)
            out.append(replace(item, begin=content[0], end=content[1], cue=root.lemma_.lower(), anchor=root.i)
                       if content is not None else item)
        else:
            out.append(item)
    return out


def _narrates(sentence: Span, lexicon: Lexicon) -> bool:
    """"Today the leaders visited COBR.", "They discussed cooperation.": a sentence whose verb
    tells an act ("visit", "hold talks", narration-verbs.txt), or a sentence in the past tense
    whose subject is neither the speakers' "we" nor the signatories ("the two Prime Ministers")
    and whose verb neither reports speech nor takes a stance, tells what happened."""
    root = sentence.root
    lemma = root.lemma_.lower()
    words = lexicon.words
    # "We will host the next summit", "The United States will host ...": a commitment; "The
    # dialogue will be led by ...": an arrangement
    future = any(c.dep_ == "aux" and (c.lower_ in words.future_auxiliaries or c.lower_ in words.modals_not_said)
                 for c in root.children) and any(
        c.dep_ == "nsubj" and (c.lower_ in words.speaker_pronouns or c.pos_ == "PROPN") for c in root.children)
    # "held talks", "is currently on an official visit"
    occasion = any(c.dep_ == "dobj" and c.lemma_.lower() in words.occasion_nouns for c in root.children) or (
        lemma == "be" and any(c.dep_ == "prep" and any(o.lemma_.lower() in words.occasion_nouns for o in c.children)
                              for c in root.children))
    if not future and (lemma in words.narration_verbs or occasion):
        return True  # ("We will host the next summit": a commitment)
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    if any(c.lemma_.lower() in words.group_nouns or c.lemma_.lower().removesuffix("s") in words.group_nouns
           for c in subjects):
        return False  # "The two Prime Ministers resolved to ...": the signatories commit
    if root.tag_ != "VBD" or lemma in lexicon.reporting_verbs:
        return False
    if lemma in lexicon.stance_cues and lexicon.stance_cues[lemma][1] != "deontic":
        return False  # "take" in "took part" takes no stance; "supported" does
    subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS]
    return bool(subjects) and all(c.lower_ not in lexicon.words.speaker_pronouns for c in subjects)


def _drop_nested(items: list[RawStatement], stance_only: frozenset[str]) -> list[RawStatement]:
    """A statement inside another statement of the same speaker is the same statement; and a
    span that someone is reported to have said is theirs, not the state's named in it."""
    reported = [(i.begin, i.end) for i in items if i.cue not in stance_only]
    items = [
        i for i in items
        if i.cue not in stance_only or not any(b <= i.begin + 2 and i.end - 2 <= e for b, e in reported)
    ]
    kept = []
    # items come by their beginnings, so every kept item begins at or before this one: it lies
    # inside one of its speaker's iff it ends at or before the furthest end among them
    furthest: dict = {}
    spans: set[tuple[int, int]] = set()
    for item in sorted(items, key=lambda s: (s.begin, -s.end, s.cue == DOCUMENT_CUE, s.speaker)):
        if item.end <= furthest.get(item.speaker, -1):
            continue
        # one statement per span: the reported speaker's words, not the document speaker's report
        if (item.begin, item.end) in spans:
            continue
        kept.append(item)
        furthest[item.speaker] = max(furthest.get(item.speaker, -1), item.end)
        spans.add((item.begin, item.end))
    return kept
