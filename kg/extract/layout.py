"""The layout of a document, read from its text and metadata before any parse.

Which kind of document it is (a readout, a transcript, a joint statement, a memo, ...: the
rows of ``document-kinds.tsv``), who speaks in which part of it (the turns of a transcript:
"MS. PSAKI:", "Q", "Question:", "President of Russia Vladimir Putin:", indented or not), and
which parts are nobody's words (memo headers such as "SUBJECT:", stage directions such as
"(Laughter.)", a signature). Extraction then knows, for each sentence, whose it can be.

Pure functions of the text: no spaCy, no actors. Turn labels are strings here; the extractor
resolves them to actors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kg.lexicon import Lexicon

__all__ = [
    "DEFAULT_KIND", "JOINT_KINDS", "SIGNED_KINDS", "Layout", "Turn", "document_layout", "is_courtesy",
    "is_question", "says_something",
]

DEFAULT_KIND = "news-report"
SPACE = " \t\u00a0"
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
NAME_WORD = r"[A-Z][\w.'’\-]*"
LINK_WORD = r"(?:of|the|de|da|del|di|von|van|der|al|bin|ibn|and|for|on|to)"
# a label at the start of a paragraph: "MS. PSAKI:", "President of Russia Vladimir Putin:",
# "**Jen Psaki:**", "Q:"; or "Q" alone before the question ("Q    Thank you, Jen.")
LABEL = re.compile(
    rf"[{SPACE}]*(?P<q>Q)(?:[{SPACE}]*:)?[{SPACE}]+(?=\S)"
    rf"|[{SPACE}]*(?:\*\*)?(?P<label>{NAME_WORD}(?:[{SPACE}]+(?:{NAME_WORD}|{LINK_WORD})){{0,8}})"
    rf"(?:[{SPACE}]*\([a-z][a-z ]{{0,30}}\))?[{SPACE}]*(?:\*\*)?:(?:\*\*)?(?:[{SPACE}]+|\n|$)"
)
# "(Laughter.)", "(Applause)", "[Inaudible]": a stage direction or an editor's note
STAGE_DIRECTION = re.compile(r"[(\[][A-Z][^()\[\]\n]{0,60}[)\]]")
MARKDOWN_HEADING = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|\*\s*\*\s*\*|-{3,}|_{3,})")
MAX_SIGNATURE_WORDS = 6
MAX_HEADING_WORDS = 16
MIN_QUESTION_SHARE = 0.5  # a named speaker most of whose turns ask something is an interviewer
MAX_COURTESY_WORDS = 12
# kinds whose body ends with the signer's name; kinds said by the signatories together
SIGNED_KINDS = frozenset({"memo"})
JOINT_KINDS = frozenset({"joint-statement"})


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: the label as written (white space collapsed), where the label
    begins, and the span of what follows it up to the next label."""

    label: str
    label_begin: int
    begin: int
    end: int
    asks: bool = False  # a questioner's turn ("Q", "Question:", an interviewer): states nothing
    answers: bool = False  # "A:": the document's speaker answers


@dataclass(frozen=True)
class Layout:
    kind: str  # notation of a concept of sg:DocumentKindScheme
    turns: tuple[Turn, ...] = ()
    skip: tuple[tuple[int, int], ...] = ()  # spans that are nobody's statement
    signer: str | None = None  # the name a memo or proclamation is signed with
    courtesies: frozenset[str] = frozenset()  # the lexicon's courtesies.txt, for says_something
    first_person: bool = False  # most paragraphs speak in the first person: someone's own words, not a report
    salutation: frozenset[str] = frozenset()  # words a salutation is made of (and titles)

    def skipped(self, begin: int, end: int) -> bool:
        """Whether the span lies inside parts that are nobody's words (white space aside)."""
        if any(b <= begin and end <= e for b, e in self.skip):
            return True
        covered = sum(max(0, min(end, e) - max(begin, b)) for b, e in self.skip)
        return covered > 0 and covered >= 0.8 * (end - begin)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(begin, end) of each paragraph that is not blank."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        if text[start:brk.start()].strip():
            spans.append((start, brk.start()))
        start = brk.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _label_words(label: str) -> list[str]:
    return [w.strip(".,").lower() for w in label.split()]


def _is_header(label: str, lexicon: Lexicon) -> bool:
    low = " ".join(label.lower().split())
    # a one-word header is the whole label ("TO:", not "To be clear:"); a longer one may go on
    # ("MEMORANDUM FOR THE SECRETARY OF STATE:")
    return any(low == h or (" " in h and low.startswith(h + " ")) for h in lexicon.words.header_labels)


def _candidates(text: str, lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """(label, label begin, text begin) of each paragraph that opens with a label."""
    found = []
    for begin, end in paragraphs(text):
        match = LABEL.match(text, begin, end)
        if match is None:
            continue
        label = "Q" if match.group("q") else " ".join(match.group("label").split())
        if _is_header(label, lexicon):
            continue
        found.append((label, begin + (len(text[begin:end]) - len(text[begin:end].lstrip(SPACE))), match.end()))
    return found


def _speaker_like(label: str, counts: Counter, lexicon: Lexicon) -> bool:
    """A label that can name a speaker: a questioner or answerer word, a title, a recurring
    label, or a name of two to four words."""
    words = _label_words(label)
    if label == "Q" or any(w in lexicon.anonymous_turns or w in lexicon.words.answer_turns for w in words):
        return True
    if any(w in lexicon.titles for w in words):
        return True
    if counts[label] >= 2:
        return True
    return 2 <= len(words) <= 4 and all(w[:1].isupper() or w in ("of", "de", "von", "van", "al") for w in label.split())


def find_turns(text: str, lexicon: Lexicon) -> list[Turn]:
    """The turns of a transcript, or [] when the text has fewer than two labelled paragraphs
    that look like speakers' turns, or only one speaker who is no titled person."""
    candidates = _candidates(text, lexicon)
    counts = Counter(label for label, _, _ in candidates)
    kept = [c for c in candidates if _speaker_like(c[0], counts, lexicon)]
    strong = [c for c in kept if counts[c[0]] >= 2 or c[0] == "Q"
              or any(w in lexicon.titles or w in lexicon.anonymous_turns for w in _label_words(c[0]))]
    if not strong:
        return []
    ends = [c[1] for c in kept[1:]] + [len(text)]
    turns = []
    for (label, label_begin, begin), end in zip(kept, ends):
        words = _label_words(label)
        asks = label == "Q" or any(w in lexicon.anonymous_turns for w in words)
        answers = any(w in lexicon.words.answer_turns for w in words) and len(words) == 1
        turns.append(Turn(label, label_begin, begin, end, asks, answers))
    return _mark_interviewers(text, turns)


def _person_key(label: str) -> str:
    """Labels of one person share their last word ("MS. PSAKI", "Jen Psaki")."""
    return label.split()[-1].strip(".").casefold()


def _mark_interviewers(text: str, turns: list[Turn]) -> list[Turn]:
    """A named speaker most of whose turns hold a question, in a transcript where someone
    else answers, is an interviewer: their turns ask, they state nothing."""
    by_person: dict[str, list[Turn]] = {}
    for turn in turns:  # "President of Russia Vladimir Putin" and "Vladimir Putin": one person
        by_person.setdefault(_person_key(turn.label), []).append(turn)
    # who answers: the one who says most; the others who mostly ask are interviewers
    says = {person: sum(t.end - t.begin for t in own) for person, own in by_person.items()}
    principal = max(sorted(says), key=lambda person: says[person])
    asking = {
        person for person, own in by_person.items()
        if person != principal and sum("?" in text[t.begin:t.end] for t in own) / len(own) >= MIN_QUESTION_SHARE
    }
    out = []
    for turn in turns:
        if _person_key(turn.label) in asking and not turn.asks and not turn.answers:
            turn = Turn(turn.label, turn.label_begin, turn.begin, turn.end, True, False)
        out.append(turn)
    return out


def _skip_spans(text: str, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Headers ("SUBJECT: ...", "MEMORANDUM FOR ..."), markdown headings and rules, and stage
    directions: parts of the text that are nobody's statement."""
    skip = []
    for begin, end in paragraphs(text):
        chunk = text[begin:end]
        head = re.match(rf"[{SPACE}]*(?:\*\*)?([A-Za-z][A-Za-z.'’ ]{{0,40}}?)(?:\*\*)?:", chunk)
        stripped = chunk.strip()
        if head and _is_header(head.group(1), lexicon):
            skip.append((begin, end))
        elif MARKDOWN_HEADING.match(chunk):
            line_end = text.find("\n", begin)
            skip.append((begin, end if line_end < 0 or line_end > end else line_end))
        elif len(stripped) > 2 and stripped[0] in "*_" and stripped[-1] in "*_":
            skip.append((begin, end))  # "*Vice President Harris Announces ...*": an emphasised heading
        else:  # "MEMORANDUM FOR THE SECRETARY OF STATE", "JOSEPH R. BIDEN JR.": a heading or signature line
            offset = begin
            for line in chunk.split("\n"):
                if len(line.split()) <= MAX_HEADING_WORDS:  # a paragraph's long lines: not looked at
                    letters = [c for c in line if c.isalpha()]
                    if len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) >= 0.9 \
                            and not LABEL.match(line):
                        skip.append((offset, offset + len(line)))
                offset += len(line) + 1
    skip.extend((m.start(), m.end()) for m in STAGE_DIRECTION.finditer(text))
    return skip


def _signature(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """The name a memo ends with ("JOSEPH R. BIDEN JR."): title-cased, and its span."""
    spans = paragraphs(text)
    if not spans:
        return None, None
    begin, end = spans[-1]
    words = text[begin:end].split()
    letters = [c for c in text[begin:end] if c.isalpha()]
    if not (2 <= len(words) <= MAX_SIGNATURE_WORDS) or not letters:
        return None, None
    if sum(c.isupper() for c in letters) / len(letters) < 0.9:
        return None, None
    name = " ".join(w.capitalize() if len(w.rstrip(".")) > 1 else w for w in words).rstrip(",")
    return name, (begin, end)


def document_kind(title: str | None, extra: Mapping[str, str], turns: list[Turn], lexicon: Lexicon) -> str:
    """The first row of ``document-kinds.tsv`` that the title, the front matter's kind or tags,
    or the turns match; else a news report."""
    title = " ".join((title or "").split())
    meta = [" ".join(str(extra.get(k, "")).split()) for k in ("kind", "tags")]
    speakers = {t.label for t in turns}
    # "2 asked": a questioner's or an interviewer's turn among them (a press conference, an
    # interview); a ceremony's or a meeting's turns ask nothing
    told = ("2" + (" asked" if any(t.asks for t in turns) else "")) if len(speakers) >= 2 else "1"
    fields = {"title": [title], "meta": [m for m in meta if m], "turns": [told]}
    for kind, field_name, pattern in lexicon.document_kinds:
        if any(pattern.search(value) for value in fields[field_name]):
            return kind
    return DEFAULT_KIND


def document_layout(text: str, title: str | None, extra: Mapping[str, str], lexicon: Lexicon) -> Layout:
    turns = find_turns(text, lexicon)
    kind = document_kind(title, extra, turns, lexicon)
    skip = _skip_spans(text, lexicon)
    signer = None
    if kind in SIGNED_KINDS:
        signer, span = _signature(text)
        if span is not None:
            skip.append(span)
    return Layout(kind, tuple(turns), tuple(sorted(skip)), signer, lexicon.words.courtesies,
                  _first_person(text, lexicon), lexicon.words.salutation_words | lexicon.titles)


FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|us|me)\b")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
MIN_FIRST_PERSON_SHARE = 0.5


def _first_person(text: str, lexicon: Lexicon) -> bool:
    """Whether at least half of the paragraphs of some length speak in the first person
    outside quotation marks: a speech or memo in its author's words, not a report of one
    ("Mr Putin said Russia was interested ...")."""
    spans = [(b, e) for b, e in paragraphs(text) if len(text[b:e].split()) >= 8]
    if not spans:
        return False
    own = sum(1 for b, e in spans if FIRST_PERSON.search(QUOTED.sub("", text[b:e])))
    return own / len(spans) >= MIN_FIRST_PERSON_SHARE


def is_question(sentence: str) -> bool:
    """A sentence that asks: it ends with a question mark (before closing quotes or brackets)."""
    return sentence.rstrip(" \t\n\u00a0\"'”’)]").endswith("?")


DISCOURSE_MARKERS = ("and", "so", "well", "oh", "now", "but", "again", "okay", "ok", "all right", "with that",
                     "sir", "ma'am", "great", "yes", "yeah", "guys", "folks", "everybody", "everyone")
INTERRUPTED = ("—", "–", "--", "-", "…", "...")
THANKS = ("thank you", "thanks")
# "I want to just thank you again for ...", "We'd also like to thank ...": the speaker thanks,
# whatever follows
THANKING = re.compile(
    r"^(?:i|we)(?: (?:just|also|again|really|truly|sincerely|personally|especially))*"
    r"(?: (?:want|wanted|would like) to)?(?: (?:just|also|again|really|personally))*"
    r" thank\b|^(?:i'd|we'd) (?:also |just |really )*like to (?:also |just )*thank\b"
    # "I am especially grateful for the care you have taken": thanks (not "grateful that ...")
    r"|^(?:i|we)(?:'m| am|'re| are)(?: so| very| especially| deeply| truly| also| really| particularly)*"
    r" grateful for\b"
)


# "So I'd like to now invite up my Budget Director, ...", "Let me introduce our next speaker":
# a speaker brought on, at any length (lower case, discourse markers stripped)
INVITING = re.compile(
    r"^(?:(?:i|we)(?:'d| would| want to| wanted to|'m going to| am going to|'re going to| are going to)?"
    r"(?: like to)?|let me)(?: now| just| also)* (?:invite|introduce)"
    r" (?:up\b|forward\b|to the (?:stage|podium|microphone|mic)\b)"
    r"|^(?:let me|i'd like to|i would like to|i want to)(?: now| just)* introduce (?:you to )?(?:my|our) "
    r"|^by way of (?:a )?(?:quick |brief |short )?introduction\b"
)
# "We have Jane Roe here", "Joining us today is Admiral John Doe": a speaker presented
PRESENTING = re.compile(
    r"^(?:(?:So|And|Now|Okay|OK|Well|All right),? )?(?:(?:We have|We’ve got|We've got) (?:[A-Z][\w.'’\-]*,? ){0,4}"
    r"[A-Z][\w'’\-]* (?:here|with us)(?: today)?|(?:Joining us|With us)(?: today| here)? (?:is|are)"
    r" (?:[A-Z][\w.'’\-]*,? ){0,4}[A-Z][\w'’\-]*)[.!]?$"
)
# "So you've — thank you": a sentence broken off for thanks
BROKEN_OFF_THANKS = re.compile(r"^(?:\S+\s+){0,2}?[—–]\s*(?:thank you|thanks)\b", re.IGNORECASE)
# "And to all of the leaders who are here today, I thank you for ...": thanks to those addressed
ADDRESSED_THANKS = re.compile(r"^(?:and |so )?to [^.;:]{0,150}?, (?:i|we)(?: also| just| really)? thank\b")
# the last clause of a sentence, after its last comma, dash or colon ("Oh, and then we'll go —
# okay, go ahead", "On the first: It's a really important one")
LAST_CLAUSE = re.compile(r"^(.*)(?:,|\s[—–]|:)\s+([^,—–:]+)$")
MAX_LEAD_WORDS = 6  # words before a courtesy that ends a sentence, which then says nothing else
# "Good question.", "That's a fair question", "It's a really important one": a word for the
# question, said as a whole (not "It's a good question, and the answer is no")
QUESTION_REMARK = re.compile(
    r"^(?:(?:that's|that is|it's|it is) )?(?:a |an )?(?:really |very )?(?:good|great|fair|important|excellent)"
    r" (?:question|one)$")
STANDING = ("stand up", "please stand", "please stand up", "stand up please")  # someone introduced


def _plain_words(text: str) -> str:
    """The words of a text, lower case, without the punctuation around them."""
    return " ".join(w.strip(",.!;:—–…") for w in text.lower().replace("’", "'").split()).strip()


def _thanks(low: str) -> bool:
    """Whether a clause (lower case, punctuation stripped) thanks someone (not "Thanks to the
    Rescue Plan, our economy is growing": what made something happen)."""
    if low.startswith("thanks to ") and len(low.split()) > MAX_COURTESY_WORDS:
        return False
    return any(low == t or low.startswith(t + " ") for t in THANKS) or THANKING.match(low) is not None


def is_courtesy(sentence: str, courtesies: frozenset[str]) -> bool:
    """A sentence that thanks ("Well, thank you very much.", "Thank you, Jaime, for that
    introduction and ...", "So you've — thank you", "And to all of you here, I thank you ..."),
    brings a speaker on ("So I'd like to now invite up ...", "We have Jane Roe here", "...
    Dr. Patrick, stand up"), or a short one that greets, gives the floor or has a word for the
    question ("Go ahead.", "Oh, and then we'll go — okay, go ahead", "On the first: It's a
    really important one")."""
    low = _plain_words(sentence)
    changed = True
    while changed:  # "And, well, thank you ...": the markers before it say nothing
        changed = False
        for marker in DISCOURSE_MARKERS:
            if low.startswith(marker + " "):
                low, changed = low[len(marker) + 1:].lstrip(), True
    head, comma, rest = sentence.partition(",")
    if comma and 1 <= len(head.split()) <= 3 and all(w[:1].isupper() for w in head.split()):
        # "Ellis Carr, thank you for ...", "Congressmen, thank you all ...": a vocative first
        if _thanks(_plain_words(rest)):
            return True
    if _thanks(low) or INVITING.match(low):
        return True
    plain = " ".join(sentence.split())
    if PRESENTING.match(plain) or BROKEN_OFF_THANKS.match(plain):
        return True
    punctuated = plain.lower().replace("’", "'").strip(" …")
    if ADDRESSED_THANKS.match(punctuated):
        return True
    last = LAST_CLAUSE.match(punctuated.rstrip(".!"))
    if last is not None:
        tail = _plain_words(last.group(2))
        if tail in STANDING:  # "... her husband, Patrick — a surgeon — Dr. Patrick, stand up"
            return True
        lead = [w for w in last.group(1).split() if any(c.isalpha() for c in w)]
        if len(lead) <= MAX_LEAD_WORDS and (tail in courtesies or QUESTION_REMARK.match(tail)):
            return True
    if QUESTION_REMARK.match(low):
        return True
    if len(low.split()) > MAX_COURTESY_WORDS:
        return False
    return any(low == c or low.startswith(c + " ") for c in courtesies)


MIN_SENTENCE_WORDS = 4  # a sentence said as a whole ("Not a joke.") needs this many words


def says_something(sentence: str, courtesies: frozenset[str], salutation: frozenset[str] = frozenset()) -> bool:
    """Whether a sentence said as a whole can be a statement: not a question, a greeting, a
    thanks, a turn given or a salutation ("Colleagues, ladies and gentlemen"), and at least
    ``MIN_SENTENCE_WORDS`` words."""
    if is_question(sentence) or is_courtesy(sentence, courtesies):
        return False
    if sentence.rstrip(" \t\n\u00a0\"'”’").endswith(INTERRUPTED):  # "Well, he's going to —": cut off
        return False
    words = [w.strip(",.!;:—–").lower() for w in sentence.split()]
    if salutation and all(w in salutation or not any(c.isalpha() for c in w) for w in words):
        return False
    return sum(1 for w in sentence.split() if any(c.isalpha() for c in w)) >= MIN_SENTENCE_WORDS
