"""Chain the extraction steps for one document.

Each step is a function of its own module (actors, events, statements, positions); the
``Extractor`` only holds what is built once per pipeline (matchers) and chains the steps.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.extract.actors import (
    GROUP,
    PARTICIPANTS,
    body_state,
    country_actor,
    extract_actors,
    group_actor,
)
from kg.extract.dates import compatible, resolve_date
from kg.extract.events import (
    OWNED,
    SEQUENCE_PREPOSITIONS,
    SUBJECT_DEPS,
    FirstPerson,
    _date_in,
    build_trigger_matcher,
    cites_record,
    day_told_of,
    event_types,
    extract_events,
    heads_title,
    is_medium,
    is_owned,
    match_type,
    meeting_bodies,
    of_leaders,
    one_per_occasion,
    sequenced_dates,
    statement_date,
    told_again,
)
from kg.extract.layout import JOINT_KINDS, Turn, document_layout
from kg.extract.learned import PositionModel
from kg.extract.model import (
    OPEN_TITLE,
    DateValue,
    DocumentExtraction,
    EventItem,
    StatementItem,
    TurnItem,
    open_title_parts,
)
from kg.extract.positions import build_topic_matcher, extract_positions
from kg.extract.resolve import resolve_actor
from kg.extract.statements import (
    DOCUMENT_CUE,
    TURN_CUE,
    extract_statements,
    title_speakers,
)
from kg.lexicon import RuleWords
from kg.link.linker import Linker
from kg.nlp.text import doc_text

# kinds that are one speaker's words: with no speaker named, their publisher's head speaks
HEADED_KINDS = frozenset({"memo", "speech", "statement"})
# the kinds of report a same-day publisher posts on the day of what they tell (_of_the_day)
SAME_DAY_KINDS = frozenset({"news-report", "meeting-coverage", "joint-statement"})
SIGNATORY_SENTENCES = 3  # a joint statement names its signatories within its first sentences
HYPHENED = re.compile(r"\b([A-Z][\w.]*)[-\u2013]([A-Z][\w.]*?)\.?(?=[\s:,]|$)")  # "Japan-India", "U.S.-Singapore"
# "United States and European Commission Joint Statement", "G7 Leaders' Statement": capitalised
# names (and "and", "the", "of", commas) before the kind of a joint document
SIGNERS_BEFORE_KIND = re.compile(
    r"^((?:The\s+)?[A-Z][\w.\-\u2013’']*(?:,?\s+(?:[A-Z][\w.\-\u2013’']*|and|the|of))*?)"
    r"\s+(?:Joint|Leaders[’']?)\s+(?:Leaders[’']?\s+)?(?:Statement|Declaration|Communiqu[eé])\b")
# the kinds of document whose title names the event they read out ("Telephone conversation with
# President Xi Jinping", "Talks with Federal Chancellor Sebastian Kurz")
TITLED_KINDS = frozenset({"readout", "meeting-coverage"})
# the occasions a transcript records, before others its title names
TRANSCRIPT_OCCASIONS = frozenset({"Interview", "PressConference"})
# the words that may come before a title's occasion that has no agent ("Joint", "Russian-Chinese")
# "Statement ... on President Biden's Call with ...": a document about an occasion, which may be still to come
TOPIC_PREPOSITIONS = frozenset({"on", "about", "regarding", "concerning"})
TITLE_BREAKS = frozenset({"(", ":", "–", "—"})  # where a title's phrase ends
AUDIENCE_PREPOSITIONS = frozenset({"to", "before"})  # "Address to the Federal Assembly": whom a speech was for
AGENTLESS_POS = frozenset({"DET", "ADJ", "PUNCT", "CCONJ"})
# the occasion a document of a kind records when its title names none: a speech document is a
# speech, a transcript a press conference or briefing (an interview's title says so)
OCCASION_OF_KIND = {"speech": "Speech", "transcript": "PressConference"}
# kinds whose title may name their own occasion ("President Putin gave a news conference")
OCCASION_KINDS = frozenset({*OCCASION_OF_KIND, "news-report"})
READOUT_TITLE = re.compile(r"^(?:Joint\s+)?Readout\s+of\b", re.IGNORECASE)  # "Readout of President Li's Call with ..."


def _one_of(words: tuple[str, ...]) -> str:
    """A regex group that matches any of ``words`` (tried in their order), or nothing at all."""
    return "(?:" + "|".join(re.escape(word) for word in words) + ")" if words else "(?!)"


def made_remarks_pattern(words: RuleWords) -> re.Pattern:
    """"made the remarks", "gave these comments": a verb, a determiner and a noun of
    remark-phrases.tsv, any case."""
    phrases = words.remark_phrases
    parts = (_one_of(phrases.verbs), _one_of(phrases.determiners), _one_of(phrases.nouns))
    return re.compile(r"\b" + " ".join(parts) + r"\b", re.IGNORECASE)


def name_suffix_pattern(words: RuleWords) -> re.Pattern:
    """", Jr.", " III" at the end of a name: a suffix of name-suffixes.txt."""
    return re.compile(r",?\s+" + _one_of(words.name_suffixes) + r"\.?\s*$")


class Extractor:
    def __init__(self, nlp: Language, linker: Linker, position_model: PositionModel | None = None) -> None:
        """``position_model`` finds positions where no stance rule does (kg.extract.learned)."""
        lexicon = linker.lexicon
        self.position_model = position_model
        self.linker = linker
        self.lexicon = lexicon
        self.trigger_matcher = build_trigger_matcher(nlp.vocab, lexicon)
        self.event_types = event_types(lexicon)
        # events at which things are said (sg:occasion); an attack or a sanction is no occasion
        self.occasions = frozenset(name for name, kind in self.event_types.items() if kind.occasion)
        self.made_remarks = made_remarks_pattern(lexicon.words)
        self.name_suffix = name_suffix_pattern(lexicon.words)
        self.nlp = nlp
        self.topic_matcher = build_topic_matcher(nlp.vocab, lexicon, nlp.make_doc)
        self.topic_labels = {c.iri: c.pref_label for c in lexicon.topics}
        self._day: dt.date | None = None
        self._publisher: str | None = None
        self._kind: str | None = None
        self._parsed_title: Doc | None = None  # the title's parse the caller made with the document's
        self._heading: tuple | None = None  # ((title, date), its parse, its actors): read twice per document

    def __call__(
        self, doc: Doc, text: str, doc_date: dt.date | None, speaker_name: str | None = None,
        on_behalf_of: str | None = None, publisher: str | None = None, title: str | None = None,
        occasion: tuple[str | None, str | None] = (None, None),
        extra: Mapping[str, str] | None = None, title_doc: Doc | None = None,
    ) -> DocumentExtraction:
        """``doc`` is the parse of ``analysis_text(text)``; quoted text is cut from ``text``;
        ``title_doc``, if given, the parse of ``title_text(title)`` (parsed here otherwise).
        ``speaker_name`` names the one speaker of a statement or speech document, if any, and
        ``on_behalf_of`` the state or body that speaker speaks for (from metadata); with no
        speaker name, that state or body is the speaker. ``publisher`` is the document's
        publisher: a body named without its state belongs to the publisher's state."""
        lexicon = self.lexicon
        # what speakers' offices are looked up by (one document at a time per extractor)
        self._day, self._publisher = doc_date, publisher
        self._parsed_title = title_doc
        layout = document_layout(text, title, extra or {}, lexicon)
        table = extract_actors(doc, self.linker, doc_date, self._home_state(), self._title_names(title, doc_date),
                               home_body=self._home_body(),
                               metadata_states=[n for n in (speaker_name, on_behalf_of) if n])
        table.they_took_part = layout.kind == "readout"
        self._kind = layout.kind
        if not speaker_name and layout.signer:  # a memo: the one who signs it
            speaker_name = layout.signer
        joint_title = not speaker_name and not layout.turns and len(title_speakers(title)) >= 2
        if not speaker_name and not on_behalf_of and not layout.turns and layout.first_person \
                and layout.kind in HEADED_KINDS and not joint_title:
            speaker_name = self._publisher_head(publisher, doc_date)
        document_speaker = self._document_speaker(table, speaker_name, on_behalf_of, publisher)
        if document_speaker is None and joint_title and layout.kind in HEADED_KINDS:
            # "Statement from President Joe Biden and First Lady Jill Biden on ...": both say it
            document_speaker = self._signatories(table, title, doc_date)
        if document_speaker is None and layout.kind in JOINT_KINDS:
            document_speaker = self._signatories(table, title, doc_date) or self._hyphened_states(table, title) \
                or self._named_signatories(table, doc)
        turns = self._turns(table, layout.turns, document_speaker, speaker_name, title)
        events = extract_events(doc, table, self.trigger_matcher, doc_date, lexicon, self.event_types,
                                _first_person(table, document_speaker, turns, lexicon.words.leader_titles))
        titled = self._title_event(title, table, doc, doc_date, events, layout.kind in TITLED_KINDS)
        title_only: dict = {}  # actors only the title names, who take part in the document's occasion
        if titled is None:
            titled = self._metadata_event(occasion, document_speaker, events)
        if titled is None and (layout.kind in OCCASION_KINDS or layout.kind in TITLED_KINDS):
            titled = self._document_occasion(doc, layout.kind, title, table, doc_date, document_speaker,
                                             on_behalf_of, turns, events, title_only)
        if title:
            self._title_events(title, table, doc_date, events, titled, title_only)
        speech = self._monologue_speech(layout.kind, title, turns, table, doc_date, events, titled)
        titled = speech if titled is None else titled
        if titled is not None and doc_date is not None and events[titled].date == _day(doc_date):
            # "The interview was recorded on September 1": not on the day it was published
            told = day_told_of(doc, self.trigger_matcher, events[titled].type, lexicon.words, doc_date)
            if told is not None:
                events[titled] = replace(events[titled], date=told)
        events = self._title_named(events, title, table, doc_date, title_only)
        served = self._served_states(table, title_only, events)
        in_sequence = sequenced_dates(doc, events, self.trigger_matcher, same_sentence=True)
        implied = {i: e.date for i, (e, old) in enumerate(zip(in_sequence, events)) if old.date is None and e.date}
        events, moved = one_per_occasion(doc, events, titled, lexicon.words, self.event_types, served, implied)
        # (after its tellings are one: an undated one may be of a day the other gives)
        events = self._of_the_day(doc, events, layout.kind, doc_date, turns)
        events = sequenced_dates(doc, events, self.trigger_matcher)
        events = of_leaders(self._heads_of_states(events, served, table), table, self.event_types,
                            lexicon.words.leader_titles, doc_text(doc))
        titled = moved[titled] if titled is not None else None
        # overlapping trigger matches are all kept: the position step picks the nearest to its cue
        topic_spans = sorted(self.topic_matcher(doc, as_spans=True), key=lambda s: (s.start, s.end, s.label_))
        statements = []
        # "Li made the remarks at a news conference": the occasion of what Li said just before
        back_referring = {
            i for i, e in enumerate(events)
            if e.sentence_begin >= 0 and self.made_remarks.search(text, e.sentence_begin, e.sentence_end)
        }
        voices: dict[str, str | None] = {}

        def voice(key: str) -> str | None:  # whom an actor of this document speaks for, found once
            if key not in voices:
                voices[key] = self._voice(table, key, publisher)
            return voices[key]

        turn_starts = [t.label_begin for t in layout.turns]
        signatory_states = frozenset(
            v for m in table.actors[document_speaker].members if (v := voice(m)) is not None
        ) if document_speaker is not None else frozenset()
        # a joint statement's signatories, also where the text names them otherwise
        signing = layout.kind in JOINT_KINDS and document_speaker is not None \
            and table.actors[document_speaker].type == GROUP
        for raw in extract_statements(doc, table, lexicon, document_speaker, turns, layout, signatory_states):
            if raw.speaker == PARTICIPANTS:  # "the two leaders": everyone who took part
                group = self._participants(table, events, raw.sentence_begin, titled)
                if group is None:
                    continue
                raw = replace(raw, speaker=group)
            if signing and raw.speaker != document_speaker \
                    and self._same_signers(table, raw.speaker, document_speaker, voice):
                raw = replace(raw, speaker=document_speaker)  # "Russia and Brazil", as they sign
            on_behalf_of = raw.behalf or voice(raw.speaker)
            said_on = statement_date(doc, raw.anchor, (raw.begin, raw.end), doc_date) \
                if raw.cue not in (DOCUMENT_CUE, TURN_CUE) else None
            event = _occasion(events, raw.speaker, raw.sentence_begin, said_on, titled, back_referring,
                              self.occasions)
            stance_verb = raw.cue in lexicon.stance_cues and raw.cue in lexicon.reporting_verbs
            positions = extract_positions(
                doc, (raw.begin, raw.end), on_behalf_of or raw.speaker, table, lexicon,
                topic_spans, self.topic_labels, speaker=raw.speaker,
                reporting_cue=raw.anchor if stance_verb else None,
            )
            if not positions and self.position_model is not None:
                span = doc.char_span(raw.begin, raw.end, alignment_mode="expand")
                if span is not None:
                    positions = self.position_model(span, on_behalf_of or raw.speaker, topic_spans,
                                                    self.topic_labels, lexicon)
            turn = _turn_at(layout.turns, turn_starts, raw.begin) if turns is not None else None
            statements.append(
                StatementItem(
                    begin=raw.begin, end=raw.end, text=text[raw.begin:raw.end],
                    speaker=raw.speaker, cue=raw.cue, on_behalf_of=on_behalf_of,
                    event=event, positions=positions, date=said_on,
                    turn=TurnItem(turn.label, turn.label_begin, turn.end) if turn is not None else None,
                )
            )
        for key, actor in title_only.items():
            table.actors.setdefault(key, actor)
        return DocumentExtraction(
            actors=tuple(sorted(table.actors.values(), key=lambda a: a.key)),
            places=tuple(sorted(table.places.values(), key=lambda p: p.key)),
            statements=tuple(statements),
            events=tuple(events),
            # a speaker known only from the title or metadata is no mention of the text; a
            # transcript turn's label is (its speaker is named there)
            roles=tuple(sorted((k, tuple(sorted(v))) for k, v in table.roles.items() if v)),
            mentioned=tuple(sorted(
                table.mentioned
                | {s.speaker for s in statements if s.cue != DOCUMENT_CUE}
                | {p for e in events for p in e.participants
                   if p in table.demonym_nouns.values() or any(p in pair for pair in table.state_pairs.values())}
            )),
            kind=layout.kind,
        )

    def _publisher_head(self, publisher: str | None, doc_date) -> str | None:
        """Who speaks in a publisher's unsigned proclamation or address: the holder, on the
        document's date, of the office publisher-heads.tsv gives the publisher (one holder only)."""
        office = self.lexicon.publisher_heads.get(" ".join((publisher or "").split()))
        if office is None or doc_date is None:
            return None
        holders = self.lexicon.holders(office, doc_date)
        return holders[0].label if len(holders) == 1 else None

    def _participants(self, table, events, sentence_begin: int, titled: int | None) -> str | None:
        """The group of everyone who took part in the occasion told last before a sentence
        (or in the readout's titled event): who "the two leaders" or "the sides" are."""
        told = [e for e in events if e.type in self.occasions and 0 <= e.sentence_begin <= sentence_begin]
        event = told[-1] if told else (events[titled] if titled is not None else None)
        if event is None:
            return None
        return group_actor(table, [p for p in event.participants if p in table.actors])

    def _signatories(self, table, title: str | None, doc_date) -> str | None:
        """The group that signs a joint statement: the actors its title names ("Joint Statement
        by President A of X and President B of Y"), as the body names them."""
        if not title:
            return None
        # "Joint Statement by President A of X and President B of Y": the people it names
        title = " ".join(title.split())
        named = title_speakers(re.sub(r",?\s+(?:Jr|Sr)\.?(?=[\s,]|$)", "", title))
        people = [k for n in named if (k := self._speaker_person(table, n)) is not None
                  and table.actors[k].type == "Person"]
        if len(set(people)) >= 2:
            return group_actor(table, people)
        # "United States and European Commission Joint Statement on ...": the names before the
        # kind of document sign (the parser would take "European Commission Joint Statement on
        # Critical Minerals" for one body)
        before_kind = SIGNERS_BEFORE_KIND.match(title)
        title_doc = self.nlp(before_kind.group(1) if before_kind else title)
        title_table = extract_actors(title_doc, self.linker, doc_date)
        # "The Presidents of Russia and Ukraine issued a joint statement on the situation in
        # Trans-Dniester": an actor named in what the statement is on, or where and when it was
        # made, signs nothing (unless that leaves fewer than two who sign)
        aside = {k for t in title_doc if (k := title_table.actor_at(t)) is not None
                 and any(a.dep_ == "prep" and a.lower_ in self.lexicon.words.title_topic_prepositions
                         for a in t.ancestors)}
        signing = {k for k in title_table.actors if k not in aside}
        if len(signing) < 2:
            signing = set(title_table.actors)
        members = []
        for key, actor in title_table.actors.items():
            if key not in signing:
                continue
            # a titled person the title names signs ("President Ivan Duque"); another name must be
            # one the body or the gazetteer knows (not "Joint Statement", a phrase of the title)
            titled = actor.type == "Person" and bool(title_table.roles.get(key))
            known = titled or actor.type == "Country" or actor.qid is not None \
                or self.lexicon.entry_labelled(actor.label) is not None
            if key not in table.actors and not known:
                continue
            table.actors.setdefault(key, actor)
            members.append(key)
        people = [k for k in members if table.actors[k].type == "Person"]
        others = [k for k in members if table.actors[k].type != "Person"]
        # "Vision for ... Japan-India Strategic and Global Partnership": states and known bodies
        # sign, not a phrase the parser took for a body
        states_and_bodies = [k for k in others if table.actors[k].type == "Country" or self._known_body(table.actors[k])]
        return self._signing_group(table, people, states_and_bodies if len(states_and_bodies) >= 2 else others)

    def _signing_group(self, table, people: list[str], others: list[str]) -> str | None:
        """Who signs, of the leaders and the states and bodies named: the leaders, else the
        states and bodies, else the one body the gazetteer knows ("a Declaration of the CIS
        heads of state"); never a leader with a state."""
        found = group_actor(table, people) or group_actor(table, others)
        if found is None and len(set(others)) == 1 and self._known_body(table.actors[others[0]]):
            return others[0]
        return found


    def _hyphened_states(self, table, title: str | None) -> str | None:
        """"Japan-India Joint Statement", "U.S.-Singapore Joint Leaders' Statement", "a communique
        following Russian-Kazakh talks": the states a title joins with a hyphen sign."""
        lexicon = self.lexicon
        for match in HYPHENED.finditer(" ".join((title or "").split())):
            # a state's name or its demonym ("Russian-Turkmen negotiations")
            states = [lexicon.country_names.get(n.casefold()) or lexicon.demonyms.get(n)
                      for n in (match.group(1), match.group(2))]
            if None not in states:
                return group_actor(table, [country_actor(table, s) for s in states])
        return None

    def _named_signatories(self, table, doc: Doc) -> str | None:
        """The signatories a joint statement names in its first sentences, as the subject that
        speaks ("We, the leaders of the European Commission, France, ... condemn ...", "We, the
        Leaders of the G7, met today", "the Quad Leaders – A, B, C and D – convened"): the
        people it lists, else the states and bodies, else the one body; else the people its
        opening names with their titles, if several."""
        words = self.lexicon.words
        first = list(doc.sents)[:SIGNATORY_SENTENCES]
        for sentence in first:
            for subject in (c for c in sentence.root.children if c.dep_ == "nsubj"):
                if subject.lower_ not in words.speaker_pronouns and subject.lemma_.lower() not in words.group_nouns:
                    continue
                named = list(dict.fromkeys(k for t in subject.subtree if (k := table.actor_at(t)) is not None))
                found = self._signing_group(table, [k for k in named if table.actors[k].type == "Person"],
                                            [k for k in named if table.actors[k].type != "Person"])
                if found is not None:
                    return found
        # "President Joseph R. Biden, Jr. is honored to welcome Prime Minister ... Lee Hsien
        # Loong": the leaders its opening names with their titles (a title group-nouns.txt has)
        titled = list(dict.fromkeys(
            k for sentence in first for t in sentence
            if (k := table.actor_at(t)) is not None and table.actors[k].type == "Person"
            and table.roles.get(k, set()) & words.group_nouns))  # a president, a prime minister: not a delegate
        return group_actor(table, titled)

    def _same_signers(self, table, key: str, signers: str, voice: Callable[[str], str | None]) -> bool:
        """"Russia and Brazil" or "Mr Putin and Mr Cardoso" in a joint statement that Presidents
        Putin and Cardoso sign: a group of as many as the signatories, each member one of them
        or the state one of them speaks for (a person whose state is unknown makes up the
        rest, if at least half are known). ``voice``: whom an actor speaks for."""
        group, signing = table.actors[key], table.actors[signers]
        if group.type != GROUP or len(set(group.members)) != len(set(signing.members)):
            return False
        left = list(dict.fromkeys(signing.members))
        unknown = 0
        for member in dict.fromkeys(group.members):
            own = voice(member)
            same = next((s for s in left if member in (s, voice(s))
                         or (own is not None and own in (s, voice(s)))), None)
            if same is not None:
                left.remove(same)
            elif own is None and table.actors[member].type == "Person":
                unknown += 1
            else:
                return False
        return 2 * unknown <= len(group.members)

    def _known_body(self, actor) -> bool:
        """An organization the gazetteer knows (a body that can sign: "the G7", "the CIS"),
        not a phrase the parser took for one ("Indo-Pacific")."""
        return actor.type == "Organization" and (
            actor.qid is not None or any(self.lexicon.entry_labelled(n) is not None for n in (actor.label, *actor.names)))

    def _metadata_event(self, occasion, speaker: str | None, events: list) -> int | None:
        """The occasion metadata names ("event_type": "Speech", "event_date": "2022"): an event
        of the document's speaker, appended to ``events``; its index, or None."""
        kind, when = occasion
        if not kind or speaker is None or kind not in self.event_types:
            return None
        date = resolve_date(when, None) if when else None
        events.append(EventItem(type=kind, participants=(speaker,), begin=0, end=0,
                                sentence_begin=-1, sentence_end=-1, date=date, place=None))
        return len(events) - 1

    def _title_event(self, title: str | None, table, doc: Doc, doc_date, events: list,
                     readout: bool = False) -> int | None:
        """The event a readout reads out ("Readout of President Biden's Call with Prime Minister
        Li Wei"): found in its title, with the title's actors (the body's, where the body names
        them) and the date of the body's first sentence, else the document's. Appended to
        ``events`` unless the body reports it already (then dated by the document if the text
        gives no date); returns its index, or None for a title that is no readout."""
        if not title or not (readout or READOUT_TITLE.match(title)):
            return None
        title_doc, title_table = self._title_parse(title, doc_date)
        found = extract_events(title_doc, title_table, self.trigger_matcher, None, self.lexicon, self.event_types)
        if not found:
            return None
        keys = _body_keys(title_table, table)
        event = found[0]
        # only actors the body names too: a title's name the body never uses is no evidence
        participants = tuple(sorted({keys[p] for p in event.participants if p in keys}))
        if len(participants) < min(2, len(event.participants)):
            return None
        if all(table.actors[p].type == "Country" for p in participants):
            # "Bolivian-Peruvian talks" under "President Roe and President Li discussed ...":
            # the states' leaders who met, where the lead names them
            participants = tuple(sorted(_lead_persons(doc, table))) or participants
        for i, other in enumerate(events):  # the body reports it: the call "with A, B and C"
            if other.type == event.type and set(participants) <= set(other.participants):
                if other.date is None:  # the document's date, as the text gives none
                    events[i] = replace(other, date=_day(doc_date))
                return i
        # "Telephone conversations with A and B": the body's call with each
        each = [i for i, other in enumerate(events) if other.type == event.type and set(participants) & set(other.participants)]
        if len(each) > 1 and set(participants) <= {p for i in each for p in events[i].participants}:
            for i in each:
                if events[i].date is None:
                    events[i] = replace(events[i], date=_day(doc_date))
            return each[0]
        first = _lead_sentence(doc)
        date = (_date_in(first, doc_date) if first is not None else None) or _day(doc_date)
        events.append(EventItem(type=event.type, participants=participants, begin=0, end=0,
                                sentence_begin=-1, sentence_end=-1, date=date, place=None))
        return len(events) - 1

    def _title_holders(self, title_doc: Doc | None, title_table, keys: Mapping[str, str],
                       event_type: str, title_only: dict) -> set[str]:
        """The persons who take part in the event of ``event_type`` the title tells ("President
        Vladimir Putin met with the directors of news agencies": Putin), and the body that
        meets at it ("held a session of the State Council Presidium"), as the body's actors;
        one the body never names goes into ``title_only`` (key -> actor), to join the
        document's actors once its statements are found (who speaks is the body's to say)."""
        if title_doc is None:
            return set()
        found = extract_events(title_doc, title_table, self.trigger_matcher, None, self.lexicon, self.event_types,
                               fewest=1)
        out = set()
        # the body that meets ("Meeting of the Security Council"), as well as the persons
        bodies = meeting_bodies(title_doc, self.trigger_matcher, title_table, self.event_types[event_type])
        for event in found:
            if event.type != event_type:
                continue
            for key in event.participants:
                actor = title_table.actors.get(key)
                # (and the media an interview is given to: "the Lima News Agency ... interviewed Roe")
                medium = actor is not None and bool(self.event_types[event_type].media_verbs) \
                    and is_medium(actor, self.lexicon.words)
                if actor is None or (actor.type != "Person" and key not in bodies and not medium):
                    continue
                # a body's name may have title words ("State Council Presidium")
                if key not in keys and not _clean_name(actor.label, self.lexicon.titles if key not in bodies and not medium else ()):
                    continue  # "Harris’s Call": the title's parse, not a name
                if key not in keys:
                    title_only[key] = actor
                out.add(keys.get(key, key))
        return out

    def _title_host(self, title_doc: Doc | None, event_type: str, table, doc_date, title_only: dict,
                    own_phrase: bool = False) -> set[str]:
        """Who holds an occasion a title tells without an agent ("Meeting with Chairman of
        Central Election Commission Vladimir Churov", "Russian-Chinese talks" on the Kremlin's
        site): the head of the publisher on the document's date, as the body names them (else
        into ``title_only``). Nobody where a word before the title's occasion could name
        another holder ("Readout of the Vice President's Call")."""
        if title_doc is None:
            return set()
        start = next((s for m, s, _ in sorted(self.trigger_matcher(title_doc), key=lambda m: m[1])
                      if match_type(title_doc.vocab.strings[m]) == event_type), None)
        # "Working meeting with ...": no name before the occasion ("Readout of the Vice President's Call")
        before = [t for t in title_doc[:start] if not own_phrase or t.head.i == start or t in title_doc[start].subtree] \
            if start is not None else []
        if start is None or not all(t.pos_ in AGENTLESS_POS or t.text in self.lexicon.demonyms
                                    or (t.pos_ in ("VERB", "NOUN") and t.dep_ in ("amod", "compound"))
                                    for t in before):
            return set()
        head = self._publisher_head(self._publisher, doc_date)
        if head is None:
            return set()
        key = _actor_named(table, head, lambda actor: actor.type == "Person")
        if key is None:
            actor = self.linker.link("Person", head, [head])
            if actor.key not in table.actors:
                title_only[actor.key] = actor
            key = actor.key
        return {key}

    def _title_events(self, title: str, table, doc_date, events: list, titled: int | None,
                      title_only: dict) -> None:
        """The other occasions a title tells, on the document's date ("Press statements
        following Russian-Indian talks": the talks; "News conference following state visit to
        Turkey": the visit; "Vladimir Putin visited Sevastopol"), appended to ``events``: with
        the title's participants the body names (a state, or a person by a clean name, that
        only the title names joins ``title_only``), and, where no person takes part, the publisher's head
        when nothing in the occasion's phrase could name another holder. The body's telling
        of the same occasion joins it (``one_per_occasion``). An occasion the title names as
        its document's topic is none (``_document_topic``)."""
        title_doc, title_table = self._title_parse(title, doc_date)
        keys = _body_keys(title_table, table)
        own = events[titled].type if titled is not None else None
        for event in extract_events(title_doc, title_table, self.trigger_matcher, None, self.lexicon,
                                    self.event_types, fewest=0):
            kind = self.event_types[event.type]
            if event.type == own or not kind.occasion or self._document_topic(title_doc, event):
                continue
            participants: set[str] = set()
            named: dict = {}
            for key in event.participants:
                actor = title_table.actors.get(key)
                if key in keys:
                    participants.add(keys[key])
                elif actor is not None and (actor.type == "Country" or actor.type == "Person"
                                            and _clean_name(actor.label, self.lexicon.titles)):
                    named[key] = actor
                    participants.add(key)
            def with_person() -> bool:
                return any((table.actors.get(k) or named[k]).type == "Person" for k in participants)

            if not with_person():
                participants |= self._title_host(title_doc, event.type, table, doc_date, named, own_phrase=True)
            if any(e.type == event.type and e.date is not None and set(e.participants) & participants for e in events):
                continue  # the body tells it, with its day ("following a March 13, 2013 meeting with ...")
            # too few, or a one-side occasion (a visit, a speech) that no person holds
            if len(_without_titles(participants, table, named)) < kind.min_participants \
                    or (kind.min_participants == 1 and not with_person()):
                continue
            title_only.update(named)
            events.append(EventItem(type=event.type, participants=tuple(sorted(participants)), begin=0, end=0,
                                    sentence_begin=-1, sentence_end=-1, date=_day(doc_date), place=None))

    def _of_the_day(self, doc: Doc, events: list, kind: str | None, doc_date, turns) -> list:
        """A same-day publisher's report (``same-day-publishers.tsv``: a news report, meeting
        coverage or joint statement it posts on the day of what it reports; a readout tells its
        call or meeting, and other occasions of other days) tells the day's events: one it tells
        in the simple past ("At the end of the meeting, President Putin held a news
        conference", "In his address, the Commander-in-Chief said"), with no date of its own,
        outside a speaker's turn and not marked as earlier (``past-marks.txt``: "his previous
        visit"; an ordinal: "his eighth visit"), is of the document's day."""
        if doc_date is None or kind not in SAME_DAY_KINDS or self._publisher not in self.lexicon.same_day_publishers:
            return events
        marks = self.lexicon.words.past_marks
        out = []
        for event in events:
            span = doc.char_span(event.begin, event.end, alignment_mode="expand") \
                if event.date is None and event.sentence_begin >= 0 else None
            if span is not None and not any(begin <= event.begin < end for begin, end, _ in turns or ()) \
                    and _told_in_simple_past(span.root, marks):
                event = replace(event, date=_day(doc_date))
            out.append(event)
        return out

    def _document_topic(self, title_doc: Doc, event) -> bool:
        """Is a title's event only what its document, named by the title, is about ("Statement by
        Press Secretary Jen Psaki on President Biden's Call with President Xi": a call still to
        come; not "Presidents ... signed a joint statement on the results of a meeting")?"""
        span = title_doc.char_span(event.begin, event.end, alignment_mode="expand")
        if span is None:
            return False
        nouns = self.lexicon.words.document_nouns
        # "Statement by Press Secretary Jen Psaki Announcing President Biden's Meeting with ...":
        # a gerund after the document noun says what the statement does with the event, not
        # that it was held (not "Press statements following Russian-Indian talks": a sequence)
        noun = next((t.i for t in title_doc[: span.start] if t.lemma_.lower() in nouns), None)
        if noun is not None and any(t.tag_ == "VBG" and t.lower_ not in SEQUENCE_PREPOSITIONS
                                    for t in title_doc[noun + 1 : span.start]) \
                and not any(t.pos_ == "VERB" and t.tag_ != "VBG" for t in title_doc[: span.start]):
            return True
        node = span.root
        while True:
            # a document noun before the preposition, whatever the parse made its head
            # ("Statement by NSC Spokesperson Emily Horne on ...": "Horne" heads the title)
            if node.dep_ == "prep" and node.lower_ in TOPIC_PREPOSITIONS \
                    and any(t.lemma_.lower() in nouns for t in title_doc[: node.i]) \
                    and not any(t.pos_ == "VERB" for t in title_doc[: node.i]):
                return True
            if node.head.i == node.i:
                return False
            node = node.head

    def _title_named(self, events: list, title: str | None, table, doc_date, title_only: dict) -> list:
        """A title the body leaves without a name ("the Swedish King's visit") is the one person
        the document's title names with that title and state ("President Vladimir Putin met
        with King Carl XVI Gustav of Sweden"), as the body's actor or one only the title names."""
        if not title or not any(p.startswith(OPEN_TITLE) for e in events for p in e.participants):
            return events
        title_doc, title_table = self._title_parse(title, doc_date)
        keys = _body_keys(title_table, table)

        def holder(open_key: str) -> str | None:
            state, role, _ = open_title_parts(open_key)
            found = [k for k, roles in sorted(title_table.roles.items())
                     if role in roles and (a := title_table.actors.get(k)) is not None and a.type == "Person"
                     and a.affiliation is not None and title_table.actors[a.affiliation].label == state]
            if len(found) != 1:
                return None
            key = found[0]
            if key in keys:
                return keys[key]
            actor = title_table.actors[key]
            if not _clean_name(actor.label, self.lexicon.titles):
                return None
            title_only[key] = actor
            return key

        out = []
        for event in events:
            named = {p: holder(p) for p in event.participants if p.startswith(OPEN_TITLE)}
            if any(named.values()):
                event = replace(event, participants=tuple(sorted({named.get(p) or p for p in event.participants})))
            out.append(event)
        return out

    def _heads_of_states(self, events: list, served: Mapping[str, str], table) -> list:
        """A state takes part through the one person of it who takes part in the document's
        events ("following Russian-Chinese talks" in the text of Putin's and Xi's statements:
        Putin and Xi held them), else the leaders of it the text names ("Turkish President Mr
        Erdogan"; "President Chirac and Prime Minister Jospin"); the state stays a participant.
        Only at an occasion (not an attack), and not the host of a visit. ``served``: person key
        -> state key (``_served_states``)."""
        persons: dict[str, set[str]] = {}
        for event in events:
            for key in event.participants:
                if key in served:
                    persons.setdefault(served[key], set()).add(key)
        leaders: dict[str, set[str]] = {}
        for key, actor in table.actors.items():
            if actor.type == "Person" and actor.affiliation is not None \
                    and table.roles.get(key, set()) & self.lexicon.words.leader_titles:
                leaders.setdefault(actor.affiliation, set()).add(key)
        # a state none of whose persons takes part: all its leaders the text names ("Russian-French
        # talks" with President Chirac and Prime Minister Jospin)
        through = {state: set(keys) for state, keys in persons.items() if len(keys) == 1}
        for state, keys in leaders.items():
            through.setdefault(state, keys)
        out = []
        for event in events:
            kind = self.event_types[event.type]
            if kind.host_prepositions or not kind.occasion:  # "a visit to Russia": Russia hosts it
                out.append(event)
                continue
            added = {p for k in event.participants if k in through and not any(served.get(p) == k for p in event.participants)
                     for p in through[k]}
            out.append(replace(event, participants=tuple(sorted(set(event.participants) | added))) if added else event)
        return out

    def _served_states(self, table, title_only: Mapping, events: list) -> dict[str, str]:
        """The state each person taking part in an event serves (key -> the state's key): their
        affiliation, else the state of the offices the gazetteer says they hold on the
        document's date; an open title's state ("the President of Germany")."""
        out = {}
        for key in sorted({p for e in events for p in e.participants}):
            if key.startswith(OPEN_TITLE):
                state = open_title_parts(key)[0]
                found = _actor_named(table, state, lambda a: a.type == "Country")
                if found is not None:
                    out[key] = found
                continue
            actor = table.actors.get(key) or title_only.get(key)
            if actor is None or actor.type != "Person":
                continue
            if actor.affiliation is not None:
                out[key] = actor.affiliation
                continue
            served = self._office_states(actor)
            found = _actor_named(table, served.pop(), lambda a: a.type == "Country") if len(served) == 1 else None
            if found is not None:  # a state the text names: it may be a participant
                out[key] = found
        return out

    def _title_names(self, title: str | None, doc_date) -> list[str]:
        """The full names of the persons the title names ("... and Gerhard Schroeder held a final
        news conference"), with the two to three words of a personal name."""
        if not title:
            return []
        _, title_table = self._title_parse(title, doc_date)
        return sorted(a.label for a in title_table.actors.values() if a.type == "Person" and 2 <= len(a.label.split()) <= 3)

    def _title_parse(self, title: str, doc_date) -> tuple[Doc, object]:
        """The title's parse and actor table, made once per document (the readout's titled
        event and the document's occasion both read them)."""
        if self._heading is None or self._heading[0] != (title, doc_date):
            given = self._parsed_title
            title_doc = given if given is not None and given.text == title_text(title) else self.nlp(title_text(title))
            self._heading = ((title, doc_date), title_doc, extract_actors(title_doc, self.linker, doc_date))
        return self._heading[1], self._heading[2]

    def _title_occasion(self, title_doc: Doc | None) -> str | None:
        """The type of the first occasion a title's words name ("Interview to NBC": Interview)."""
        if title_doc is None:
            return None
        for match_id, start, end in sorted(self.trigger_matcher(title_doc), key=lambda m: m[1]):
            key = title_doc.vocab.strings[match_id]
            name = match_type(key)
            span = title_doc[start:end]
            if name in self.occasions and (name == key or (is_owned(span) if key.endswith(OWNED) else
                                                           heads_title(span, self.event_types[name], self.lexicon.words))):
                return name
        return None

    def _document_occasion(self, doc: Doc, kind: str | None, title: str | None, table, doc_date,
                           speaker: str | None, on_behalf_of: str | None, turns, events: list,
                           title_only: dict) -> int | None:
        """The occasion the document itself records: the occasion its title names ("Press
        Briefing by Press Secretary Jen Psaki", "Interview to NBC"; in a news report, only one
        the title says an actor of the body held: "President Putin gave a news conference"),
        else the one of its kind (``OCCASION_OF_KIND``), with the document's speaker (in a
        transcript, the one who holds the most turns), the side they speak for and the
        title's actors the body names, on the document's date. The body's report of the same
        event is used instead when there is one. A readout or meeting coverage whose title
        gave no event (``_title_event``) records the first event of its title's type the body
        tells, else a meeting of all who speak in it. Its index in ``events``, or None."""
        title_doc, title_table = self._title_parse(title, doc_date) if title else (None, None)
        keys = _body_keys(title_table, table) if title_table is not None else {}
        _titled_affiliations(keys, title_table, table)
        # not the actors of what the occasion was about ("Background Press Call ... on President
        # Biden's Plan to Respond to Putin's Price Hike")
        topics = _topic_actors(title_doc, title_table) if title_doc is not None else set()
        in_body = {body for key, body in keys.items() if key not in topics}
        event_type, held_by_title = None, False
        # the speaker, or the state or body they speak for where no person speaks: Russia
        # takes no part in "Meeting with Government members" that Putin holds
        participants = {p for p in (speaker or on_behalf_of,) if p is not None and p in table.actors}
        # a transcript without a speaker's turn is told like a report ("replace interview with
        # questionnaire" is no interview; "Putin gave a news conference" is one)
        told = kind == "transcript" and not any(who is not None for _, _, who in turns or ())
        date = _day(doc_date)
        if kind in TITLED_KINDS:
            # "Telephone conversation with President Xi Jinping": the body tells the call; "Meeting
            # with Government members": those who speak at it take part
            title_occasion = self._title_occasion(title_doc)
            if title_occasion is None and kind == "readout":
                # a readout whose title names no occasion ("Joint Readout by the United States and
                # ...", "Readout of White House Roundtable on ...") reads out the first call or
                # meeting the body tells, else a meeting of those the body names acting, on the lead's day
                read_out = next((i for i, e in enumerate(events) if e.type in self.occasions
                                 and self.event_types[e.type].participants_listed), None)
                if read_out is not None:
                    events[read_out] = replace(events[read_out], date=events[read_out].date or _day(doc_date))
                    return read_out
                first = _lead_sentence(doc)
                date = (_date_in(first, doc_date) if first is not None else None) or date
            event_type = title_occasion or "Meeting"
            told_here = next((i for i, e in enumerate(events) if e.type == event_type), None)
            persons = {k for k in in_body if table.actors[k].type == "Person"} \
                | self._title_holders(title_doc, title_table, keys, event_type, title_only)
            hosting: dict = {}  # the head, if only the title's occasion names them: joins title_only once used
            host = self._title_host(title_doc, event_type, table, doc_date, hosting)
            if (host and not (set(keys) & set(title_table.actors)) and kind == "meeting-coverage") \
                    or (title_occasion is None and kind == "readout"):
                # "Meeting with Government members": those the body names held it ("Reports were
                # submitted by Emergencies Minister Yevgeny Zinichev, ...")
                # (with a title, or acting: not "the monument to Pyotr Stolypin")
                persons |= {k for k in _acting_persons(doc, table) if k in table.mentioned}
            speakers = {who for _, _, who in turns or () if who is not None}
            if told_here is not None:  # with the persons of the title, and those who speak at it
                body_event = events[told_here]
                events[told_here] = replace(body_event, date=body_event.date or _day(doc_date),
                                            participants=tuple(sorted(persons | speakers | set(body_event.participants))))
                return told_here
            participants |= in_body | persons | speakers
            fewest = self.event_types[event_type].min_participants
            if len(_without_titles(participants, table, title_only)) < fewest:
                participants |= _lead_persons(doc, table)  # "Putin and Hu Jintao discussed ..."
            if len(_without_titles(participants, table, title_only)) < fewest:
                participants |= host
                title_only.update(hosting)
        elif kind in OCCASION_OF_KIND and not told:
            event_type = self._title_occasion(title_doc) or OCCASION_OF_KIND[kind]
            if self.event_types[event_type].per_speaker and title_doc is not None:
                # "Address to the Federal Assembly": its audience, not a speaker
                audience = _topic_actors(title_doc, title_table, AUDIENCE_PREPOSITIONS)
                participants |= {body for key, body in keys.items() if key not in topics | audience}
            else:
                participants |= in_body
            if self.event_types[event_type].media_verbs and title_table is not None:
                # "The Lima News Agency and Lima Television interviewed President Jane Roe": the
                # media the title names, though the transcript does not
                for key, actor in sorted(title_table.actors.items()):
                    if key not in topics and is_medium(actor, self.lexicon.words):
                        participants.add(keys.get(key, key))
                        if key not in keys:
                            title_only[key] = actor
            # "... Applaud President Biden's State of the Union Address": the title names the
            # speech's speaker, not those whose turns quote them
            held_by_title = self.event_types[event_type].per_speaker \
                and any(table.actors[k].type == "Person" for k in in_body)
        elif title_doc is not None:  # held by a person the title names: "Putin gave a news conference"
            found = extract_events(title_doc, title_table, self.trigger_matcher, None, self.lexicon, self.event_types)
            # a transcript records the questions answered, not the talks before them ("After
            # talks, Putin and Blair were interviewed by journalists"): its own kinds first
            found = sorted(found, key=lambda e: kind == "transcript" and e.type not in TRANSCRIPT_OCCASIONS)
            for held in found:
                # one of its persons is the body's, or the body points back to it ("The press
                # conference dealt with ...")
                if held.type not in self.occasions or not (any(
                        p in keys and table.actors[keys[p]].type == "Person" for p in held.participants)
                        or told_again(doc, self.trigger_matcher, held.type, self.lexicon.words)):
                    continue
                # the title's persons the body leaves unnamed take part too ("... and British
                # Prime Minister Tony Blair were interviewed"), once the body names one of them
                trial: dict = {}
                # a speech is its speaker's alone: not the document's speaker who applauds it
                # ("WHAT THEY ARE SAYING: Members of the Congress Applaud President Biden's ... Address")
                own = set() if self.event_types[held.type].per_speaker else participants
                named = own | {keys[p] for p in held.participants if p in keys} \
                    | self._title_holders(title_doc, title_table, keys, held.type, trial)
                if len(_without_titles(named, table, trial)) >= self.event_types[held.type].min_participants:
                    event_type, participants = held.type, named
                    held_by_title = self.event_types[held.type].per_speaker  # the title names its speaker
                    title_only.update(trial)
                    break
        if event_type is None:
            return None
        lead = _lead_sentence(doc)
        if not participants and self.event_types[event_type].per_speaker and lead is not None:
            # "Presidential Address to the Federal Assembly": "The President of Russia delivered
            # the Address to the Federal Assembly." tells whose
            participants |= next((set(e.participants) for e in events if e.type == event_type
                                  and e.sentence_begin == lead.start_char), set())
        counts = Counter(who for _, _, who in turns or () if who is not None)
        if counts and not held_by_title:
            participants.add(max(sorted(counts), key=lambda k: counts[k]))
        participants = _without_titles(participants, table, title_only)
        if len(participants) < self.event_types[event_type].min_participants:
            return None
        for i, other in enumerate(events):  # the body tells it: "at today's briefing"
            # (a speech or a transcript is its occasion, on its day: not "I first addressed you
            # on March 25"; a report's title may tell an occasion of another day)
            # (nor, in an undated document, one the text dates: "in addressing the Assembly in 2018")
            if other.type == event_type and participants & set(other.participants) and not cites_record(doc, other) \
                    and (kind not in OCCASION_OF_KIND
                         or (compatible(other.date, _day(doc_date)) if doc_date is not None else other.date is None)):
                events[i] = replace(other, participants=tuple(sorted(participants | set(other.participants))),
                                    date=other.date or _day(doc_date))
                return i
        events.append(EventItem(type=event_type, participants=tuple(sorted(participants)), begin=0, end=0,
                                sentence_begin=-1, sentence_end=-1, date=date, place=None))
        return len(events) - 1

    def _monologue_speech(self, kind: str | None, title: str | None, turns, table, doc_date, events: list,
                          titled: int | None) -> int | None:
        """A news report whose turns are all one person's, of an occasion whose type says so
        (``monologue_speech``: "Jane Roe visited Lima"), or of none its title
        names ("Ceremony for the first LNG shipment"), records that person's speech, on the
        document's day: appended to ``events`` unless the document tells it already; its index,
        or None. (Not the opening words of a meeting, a press statement or talks.)"""
        if kind != "news-report" or not turns or doc_date is None or any(who is None for _, _, who in turns):
            return None
        speakers = {who for _, _, who in turns}
        (speaker,) = speakers if len(speakers) == 1 else (None,)
        if speaker not in table.actors or table.actors[speaker].type != "Person":
            return None
        own = events[titled].type if titled is not None else \
            self._title_occasion(self._title_parse(title, doc_date)[0]) if title else None
        if own is not None and not self.event_types[own].monologue_speech:
            return None
        speech = OCCASION_OF_KIND["speech"]
        if any(e.type == speech and speaker in e.participants for e in events):
            return None
        events.append(EventItem(type=speech, participants=(speaker,), begin=0, end=0,
                                sentence_begin=-1, sentence_end=-1, date=_day(doc_date), place=None))
        return len(events) - 1

    def _turns(self, table, turns: tuple[Turn, ...], document_speaker: str | None,
               speaker_name: str | None, title: str | None = None):
        """Who speaks in each turn of a transcript: "MS. PSAKI" is the title's "Press Secretary
        Jen Psaki"; "President of Russia Vladimir Putin" is Vladimir Putin; "THE PRESIDENT"
        the one speaker of the title who holds exactly that title; "A:" the document's
        speaker; "Q", a questioner, an aide or a moderator nobody (not an actor). None when
        the text is no transcript."""
        if not turns:
            return None
        titled = [(name, {w.lower().rstrip(".") for w in name.split() if w.lower().rstrip(".") in self.lexicon.titles})
                  for name in ([speaker_name] if speaker_name else title_speakers(title))]
        resolved: dict[str, str | None] = {}
        out = []
        for turn in turns:
            label = turn.label
            if label not in resolved:
                resolved[label] = self._turn_speaker(table, turn, titled, document_speaker)
            out.append((turn.begin, turn.end, resolved[label]))
        if not any(speaker is not None for _, _, speaker in out):
            return None  # "NOTE:" or "WASHINGTON:" at a line start: no transcript
        return out

    def _turn_speaker(self, table, turn: Turn, titled, document_speaker: str | None) -> str | None:
        if turn.asks:
            return None
        if turn.answers:
            return document_speaker
        words = turn.label.split()
        if any(w.lower().strip(".") in self.lexicon.anonymous_turns for w in words):
            return None
        if not any(w.lower().strip(".") in self.lexicon.titles for w in words):
            for key, actor in table.actors.items():  # "Children’s Hospital Association:": a body the text names
                if actor.type != "Person" and turn.label.casefold() in {n.casefold() for n in (actor.label, *actor.names)}:
                    return key
        named = self._label_name(words)
        if named:  # "PRESIDENT DUDA": the title's "President Andrzej Duda of Poland" if it names him
            surname = named[-1].casefold()
            full = [n for n, _ in titled if surname in (w.casefold().strip(",") for w in n.split())]
            if len(full) == 1:
                name = full[0]
            else:
                name = " ".join(_name_case(w) for w in named)
                # the title (not its state: "President of Russia") says the name is a titled one
                title_words = [w for w in words if w not in named and w.lower().strip(".,") in self.lexicon.titles]
                name = " ".join([*title_words, name]) if title_words else name
            key = self._speaker_person(table, name)
            if key is not None and self._kind == "transcript" and table.actors[key].affiliation is None \
                    and self._at_home(words):
                # who answers in a state body's press briefing speaks for that state
                home = self._home_state()
                if home is not None:
                    table.actors[key] = replace(table.actors[key], affiliation=country_actor(table, home))
            # the state the label or title names ("President of Russia Vladimir Putin:", "President
            # Andrzej Duda of Poland") is the one the speaker speaks for
            states = self._states_named(turn.label) or self._states_named(full[0] if len(full) == 1 else "")
            states = states or {c for w in words if (c := w.casefold()) in self.lexicon.country_names}
            if key is not None and len(states) == 1 and table.actors[key].type == "Person":
                state = country_actor(table, self.lexicon.country_names[states.pop()])
                table.actors[key] = replace(table.actors[key], affiliation=state)
            return key
        # "THE PRESIDENT", "THE VICE PRESIDENT": the title speaker with that title
        role = {w.lower().rstrip(".") for w in words} - {"the"}
        holders = [name for name, roles in titled if roles == role]
        return self._speaker_person(table, holders[0]) if len(holders) == 1 else None

    def _label_name(self, words: list[str]) -> list[str]:
        """The name in a turn label: the words after its last title, state or connector
        ("President of Russia Vladimir Putin" -> Vladimir Putin; "MS. PSAKI" -> PSAKI)."""
        lexicon = self.lexicon
        name: list[str] = []
        for word in reversed(words):
            low = word.lower().strip(".,")
            if low in lexicon.titles or low in ("the", "of", "and") or low in lexicon.country_names \
                    or word in lexicon.demonyms:
                break
            name.insert(0, word)
        if len(name) >= 3:
            # "Chairman of the Management Board of NOVATEK Leonid Mikhelson": the person the
            # parser finds at the label's end, without the body before the name
            people = [e for e in self.nlp(" ".join(words)).ents if e.label_ == "PERSON"]
            if people and people[-1].end == len(people[-1].doc) and 2 <= len(people[-1]) < len(name):
                return people[-1].text.split()
            # "Governor of the Central Bank Elvira Nabiullina" (no person found): after the body's word
            body = [i for i, w in enumerate(name[:-1]) if w.lower().strip(".,") in lexicon.words.bare_body_words]
            if body and len(name) - body[-1] - 1 >= 2:
                return name[body[-1] + 1:]
        return name

    def _voice(self, table, key: str, publisher: str | None) -> str | None:
        """The actor a speaker speaks for: a body or state itself; a person's state, also
        through the body they work for ("a Foreign Ministry spokeswoman": its state)."""
        actor = table.actors[key]
        if actor.type == GROUP:  # the states its members speak for: one, or a group of them
            voices = [self._voice(table, m, publisher) for m in actor.members]
            if None in voices:  # "Joe Biden and von der Leyen" speak for more than the United States
                return None
            return voices[0] if len(set(voices)) == 1 else group_actor(table, voices)
        if actor.type != "Person":
            return key
        held = self._office_states(actor)
        if len(held) == 1:  # the holder of an office on the date speaks for its state
            return country_actor(table, held.pop())
        if actor.affiliation is None:
            return None
        body = table.actors[actor.affiliation]
        if body.type == "Country":
            return body.key
        state = self._body_state(body, publisher)
        return country_actor(table, state) if state is not None else body.key

    def _body_state(self, body, publisher: str | None) -> str | None:
        """The label of the state a body belongs to: from bodies.tsv, a country or demonym in
        its name, or (a bare "Foreign Ministry") the state of the outlet that published the text."""
        lexicon = self.lexicon
        state = body_state(body, lexicon)
        if state is not None:
            return state
        if any(w.lower() not in lexicon.words.bare_body_words for w in body.label.split()):
            return None  # "European Commission": a body of its own, not the publisher's state's
        home = lexicon.bodies.get(" ".join((publisher or "").split()))
        return home[0] if home is not None else None

    def _document_speaker(self, table, name: str | None, on_behalf_of: str | None = None,
                          publisher: str | None = None) -> str | None:
        """The actor key of a document's one speaker: an actor of the text with that name, or
        the person the gazetteer knows by it (titles stripped), or a new person. A person
        with no affiliation of their own speaks for ``on_behalf_of``, else for the state
        of the body that published the document (a White House statement: the United States)."""
        body = self._metadata_body(table, on_behalf_of)
        if body is None and name:
            known = self.lexicon.bodies.get(" ".join((publisher or "").split()))
            if known is not None and known[1] == "body":
                body = country_actor(table, known[0])
        if name and " ".join(name.split()).casefold() in self.lexicon.country_names:
            return country_actor(table, self.lexicon.country_names[" ".join(name.split()).casefold()])
        # "Joint Statement by the G7": a body the text names signs it
        bare = re.sub(r"^the\s+", "", " ".join((name or "").split()), flags=re.IGNORECASE)
        key = _actor_named(table, bare, self._known_body) if bare else None
        if key is not None:
            return key
        key = self._speaker_person(table, name)
        if key is None:
            return body
        actor = table.actors[key]
        if body is not None and actor.affiliation is None:
            table.actors[key] = replace(actor, affiliation=body)
        return key

    def _metadata_body(self, table, name: str | None) -> str | None:
        """The state or body named in metadata: a Country unless the gazetteer says otherwise."""
        name = " ".join((name or "").split())
        if not name:
            return None
        key = _actor_named(table, name, lambda actor: actor.type != "Person")
        if key is not None:
            return key
        entry = self.lexicon.entry_labelled(name)
        actor_type = "Organization" if entry is not None and entry.type == "Organization" else "Country"
        actor = self.linker.link(actor_type, name, [name], state_named=True)  # metadata tells the state
        for key, existing in table.actors.items():
            if existing.type == actor.type and existing.label == actor.label:
                return key
        table.actors.setdefault(actor.key, actor)
        return actor.key

    def _person_name(self, name: str) -> tuple[list[str], list[str]]:
        """(name words, title words) of a titled name: the words after its last title, up to
        "of" or a comma ("Principal Deputy Press Secretary Karine Jean-Pierre" -> Karine
        Jean-Pierre; "President Andrzej Duda of Poland" -> Andrzej Duda; "Jen Psaki, Press
        Secretary" -> Jen Psaki)."""
        titles = self.lexicon.titles
        words = name.replace(",", " , ").split()
        is_title = [w.lower().rstrip(".") in titles for w in words]
        if not any(is_title):
            named = [w for w in words if w[:1].isupper() and w.lower() not in ("the", "of")]
            return named, []
        last = max(i for i, t in enumerate(is_title) if t)
        after: list[str] = []
        for word in words[last + 1:]:
            if word.lower() in ("of", ",", "for", "and", "to", "at", "in"):
                break
            after.append(word)
        if after:
            return after, [w for w in words[:last + 1] if w.lower() not in ("the", ",")]
        first = is_title.index(True)
        before = [w for w in words[:first] if w[:1].isupper()]
        if not before:
            # "Chancellor of the Federal Republic of Germany Olaf Scholz": the words after the state
            named = self._after_state(words[first + 1:])
            if named:
                return named, [w for w in words[:len(words) - len(named)] if w.lower() not in ("the", ",")]
            # "Chair of the Council of Economic Advisers Cecilia Rouse": the person the parser finds
            people = [e for e in self.nlp(" ".join(name.split())).ents if e.label_ == "PERSON"]
            if people:
                return people[-1].text.split(), [w for w in words if w.lower() not in ("the", ",")
                                                 and w not in people[-1].text.split()]
        return before, [w for w in words[first:] if w.lower() not in ("the", ",")]

    def _after_state(self, words: list[str]) -> list[str]:
        """The capitalised words (one to four) that follow the last state a title names:
        ["of", "the", "Russian", "Federation", "Vladimir", "Putin"] -> ["Vladimir", "Putin"]."""
        names = self.lexicon.country_names
        for end in range(len(words) - 1, 0, -1):
            tail = words[end:]
            if len(tail) > 4 or not all(w[:1].isupper() for w in tail):
                break
            if any(" ".join(words[start:end]).casefold() in names for start in range(max(0, end - 5), end)):
                return tail
        return []

    def _speaker_person(self, table, name: str | None) -> str | None:
        if not name:
            return None
        name = self.name_suffix.sub("", name)  # "Joseph R. Biden, Jr": the name is "Joseph R. Biden"
        words, title_words = self._person_name(name)
        if not words and title_words:  # "Statement of the President": the holder of that office
            holder = self._title_holder(" ".join(w.lower().rstrip(".") for w in title_words))
            return self._speaker_person(table, holder) if holder else None
        # a name has a word with a capital and small letters ("Psaki", not "G7" or "the")
        if not any(w[:1].isupper() and any(c.islower() for c in w[1:]) for w in words):
            return None
        bare = " ".join(words)
        role = " ".join(w.lower().rstrip(".") for w in title_words)
        exact = [k for k, a in table.actors.items() if a.type == "Person" and (bare == a.label or bare in a.names)]
        if exact:
            key = exact[0]
        else:
            # a surname alone: the person the gazetteer knows by it with that title, else the
            # one person of the text with that surname; never a namesake picked by order
            linked = self.linker.link("Person", bare, [bare], title=[w.lower().rstrip(".") for w in title_words])
            same = [k for k, a in table.actors.items()
                    if a.type == "Person" and len(words) == 1 and a.label.split()[-1] == bare]
            if linked.key in table.actors:
                key = linked.key
            elif linked.label == bare and len(same) == 1:
                key = same[0]
            else:
                key = table.actors.setdefault(linked.key, linked).key
        actor = table.actors[key]
        first_word = actor.label.split()[0].lower().rstrip(".")
        if (actor.label.isupper() and not bare.isupper()) or (first_word in self.lexicon.titles and actor.label != bare
                                                               and actor.label.endswith(bare)):
            # "MARTIN" as the parser read a turn label, "Chair Rouse" with its title: the name
            actor = table.actors[key] = replace(actor, label=bare)
        if actor.affiliation is None:
            # "Press Secretary Jane Roe": the state of the one office that title names; else
            # the state of an office the gazetteer says the person holds on the document's date
            states = {o.of for o in self.lexicon.offices.values() if role and role in o.roles}
            if len(states) != 1:  # "President": of the United States, of Russia, ...: not from the title alone
                states = self._office_states(actor)
            if not states:  # "President Andrzej Duda of Poland": the state the title names
                states = {self.lexicon.country_names[c] for c in self._states_named(name)}
            body = self._title_body(table, title_words)
            if not states and body is not None:  # "European Commission President Ursula von der Leyen"
                table.actors[key] = replace(actor, affiliation=body)
                return key
            official = any(w.lower().rstrip(".") in self.lexicon.role_nouns for w in title_words) \
                or bool(table.roles.get(key, set()) & self.lexicon.role_nouns)  # "Coordinator Jeff Zients" in the text
            if not states and official and self._at_home([*title_words, *sorted(table.roles.get(key, ()))]):
                # an official ("COVID-19 Response Coordinator Jeff Zients") in a text a state body
                # published (the White House) speaks for that state
                home = self._home_state()
                if home is not None:
                    states = {home}
            if len(states) == 1:
                table.actors[key] = replace(actor, affiliation=country_actor(table, states.pop()))
        return key

    def _at_home(self, title_words: list[str]) -> bool:
        """Whether a titled person of unknown state may be presumed the publisher's official: not
        a local official ("Mayor Steve Adler", local-titles.txt), nor a head of state or
        government ("Prime Minister Martin" at the White House) unless the home state has an
        office with that title."""
        words = [w.lower().strip(".,") for w in title_words]
        if set(words) & self.lexicon.words.local_titles:  # "Alabama Governor Kay Ivey": not the state's
            return False
        if not set(words) & self.lexicon.words.leader_titles:
            return True
        home = self._home_state()
        roles = {r for o in self.lexicon.offices.values() if o.of == home for r in o.roles}
        titled = [w for w in words if w in self.lexicon.titles]
        # "European Commission President": the title of another body, not of the home state
        qualified = len(titled) < len([w for w in words if w not in ("the", "of")])
        phrase = " ".join(titled)
        if qualified or phrase not in roles:
            return False
        # "President Jane Roe" in a White House text, the President being someone else: foreign
        offices = [o.label for o in self.lexicon.offices.values() if o.of == home and phrase in o.roles]
        return self._day is None or not any(self.lexicon.holders(o, self._day) for o in offices)

    def _title_body(self, table, title_words: list[str]) -> str | None:
        """The body a title names before the person's name ("European Commission President"):
        an organization the text or the gazetteer knows by those words."""
        words = [w for w in title_words if w.lower().strip(".,") not in self.lexicon.titles and w.lower() not in ("the", "of")]
        name = " ".join(words)
        if not name:
            return None
        key = _actor_named(table, name, lambda actor: actor.type == "Organization")
        if key is not None:
            return key
        entry = self.lexicon.entry_labelled(name) or next(
            (e for e in self.lexicon.entries_named(name) if e.type == "Organization"), None)
        if entry is None or entry.type != "Organization":
            return None
        actor = self.linker.link("Organization", entry.label, [entry.label])
        return table.actors.setdefault(actor.key, actor).key

    def _home_body(self) -> str | None:
        """The organisation that is the document's publisher, whose offices its bare titles name
        (publisher-bodies.tsv)."""
        return self.lexicon.publisher_bodies.get(" ".join((self._publisher or "").split()))

    def _home_state(self) -> str | None:
        """The state of the document's publisher: a body of it (bodies.tsv), or its head's office."""
        publisher = " ".join((self._publisher or "").split())
        home = self.lexicon.bodies.get(publisher)
        if home is not None and home[1] == "body":
            return home[0]
        office = self.lexicon.offices.get(self.lexicon.publisher_heads.get(publisher, ""))
        return office.of if office is not None else None

    def _title_holder(self, role: str) -> str | None:
        """Who a bare title ("the President", "the Vice President") names in a document its
        publisher's state published: the one holder, on the date, of that state's office with
        that role phrase."""
        state = self._home_state()
        if state is None or self._day is None:
            return None
        holders = {e.label for o in self.lexicon.offices.values() if o.of == state and role.removeprefix("the ") in o.roles
                   for e in self.lexicon.holders(o.label, self._day)}
        return holders.pop() if len(holders) == 1 else None

    def _office_states(self, actor) -> set[str]:
        """The states of the offices the gazetteer says the person holds on the document's date."""
        entry = self.lexicon.entry_labelled(actor.label) if self._day is not None else None
        held = [t.office for t in (entry.offices if entry is not None else ()) if t.held_on(self._day)]
        return {self.lexicon.offices[o].of for o in held if o in self.lexicon.offices}

    def _states_named(self, phrase: str) -> set[str]:
        """The country names (lower case) that follow "of" in a titled name, or that a demonym
        in it names ("Italian Prime Minister Silvio Berlusconi")."""
        low = " ".join(phrase.replace(",", " ").split()).casefold()
        found = {state.casefold() for word in phrase.split()
                 if (state := self.lexicon.demonyms.get(word)) is not None and state.casefold() in self.lexicon.country_names}
        for part in low.split(" of ")[1:]:
            part = part.removeprefix("the ")
            for n in range(min(6, len(part.split())), 0, -1):
                candidate = " ".join(part.split()[:n])
                if candidate in self.lexicon.country_names:
                    found.add(candidate)
                    break
        return found


__all__ = ["Extractor"]


def _actor_named(table, name: str, accept) -> str | None:
    """The key of the first actor of the table (by key) called ``name`` (its label or another
    of its names) that ``accept`` takes, or None."""
    return next((key for key, actor in sorted(table.actors.items())
                 if accept(actor) and (name == actor.label or name in actor.names)), None)


def _topic_actors(title_doc: Doc, title_table, prepositions: frozenset[str] = TOPIC_PREPOSITIONS) -> set[str]:
    """The title's actors from the phrase on that says what its occasion was about ("on
    President Biden's Plan to Respond to Putin's Price Hike", "about Ukraine"), or with other
    ``prepositions``, whom it was for ("to the Federal Assembly"): from the preposition to the
    title's end, however the parser hung its parts."""
    # after the occasion's name (not "On civil society (interview to TASS)"), up to a bracket or a colon
    start = next((t.i for t in title_doc[1:] if t.pos_ == "ADP" and t.lower_ in prepositions), None)
    if start is None:
        return set()
    end = next((t.i for t in title_doc[start:] if t.text in TITLE_BREAKS), len(title_doc))
    found = {key for t in title_doc[start:end] if (key := title_table.actor_at(t)) is not None}
    return found | {a for k in found if (a := title_table.actors[k].affiliation) is not None}  # Putin's Russia


def _titled_affiliations(keys: Mapping[str, str], title_table, table) -> None:
    """A person the body names without a title takes the state or body their title in the
    document's title gives, where the body names it too ("Telephone conversation with Prime
    Minister of Canada Stephen Harper", then "Stephen Harper shared ... summits in Canada")."""
    for key, body in keys.items():
        titled, actor = title_table.actors[key], table.actors.get(body)
        if actor is None or actor.type != "Person" or actor.affiliation is not None or titled.affiliation is None:
            continue
        state = keys.get(titled.affiliation)
        if state is not None and state != body:
            table.actors[body] = replace(actor, affiliation=state)


def _body_keys(title_table, table) -> dict[str, str]:
    """The title's actors that the body names: title key -> body key (the same key, or the one
    body actor of the same type and surname: the title's "President Vladimir Putin", the
    body's "Mr Putin")."""
    keys = {}
    for key, actor in title_table.actors.items():
        if key in table.actors:
            keys[key] = key
            continue
        last = actor.label.split()[-1].casefold()
        same = [k for k, a in table.actors.items() if a.type == actor.type and a.label.split()[-1].casefold() == last]
        if len(same) == 1:
            keys[key] = same[0]
    return keys


def _told_in_simple_past(anchor: Token, marks: frozenset[str]) -> bool:
    """Is the trigger's clause in the simple past (its first finite verb up the tree a past
    form: "held a news conference", "talks were held", "Following the summit, he issued"), with
    no mark of an earlier day on the trigger or that verb ("had met", "his previous visit",
    "his eighth visit")?"""
    if any(c.lower_ in marks or c.ent_type_ == "ORDINAL" for c in anchor.children):
        return False
    node = anchor
    while True:
        if node.tag_ == "VBD" or (node.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in node.children)):
            return not any(c.lower_ in marks or (c.dep_ == "aux" and c.lemma_ == "have") for c in node.children)
        if node.tag_ in ("VBZ", "VBP", "MD") or (node.tag_ == "VBN" and any(c.dep_ == "aux" for c in node.children)):
            return False  # the present, or a perfect: "has visited", "had met"
        if node.head.i == node.i:
            return False
        node = node.head


def _lead_sentence(doc: Doc) -> Span | None:
    """The first sentence of a document's body with words (not the white space before it)."""
    return next((s for s in doc.sents if s.text.strip()), None)


def _acting_persons(doc: Doc, table) -> set[str]:
    """The persons the text names with a title, or as the subject or agent of a verb ("Mr
    Levchenko briefed ...", "Reports were submitted by ..."), not only inside another phrase
    ("the monument to Pyotr Stolypin")."""
    out = {k for k, a in table.actors.items() if a.type == "Person" and (table.roles.get(k) or a.affiliation)}
    for token in doc:
        key = table.actor_at(token)
        if key is None or key in out or table.actors[key].type != "Person":
            continue
        head = token
        while head.dep_ == "compound":
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head.head  # "Chair of the Trade Council Maria Lopez moderated": the title's parse
        if head.dep_ in SUBJECT_DEPS or (head.dep_ == "pobj" and head.head.dep_ == "agent"):
            out.add(key)
    return out


def _clean_name(label: str, titles) -> bool:
    """Does a person's label look like a name alone: two or more capitalised words, none a
    title word, no possessive mark ("Vladimir Putin", not "Harris’s Call" or "’s Lunch")?"""
    words = label.split()
    return len(words) >= 2 and not any(mark in label for mark in ("'", "’")) and all(
        w[:1].isupper() and w.lower().rstrip(".") not in titles for w in words)


def _without_titles(participants: set[str], table, title_only: Mapping) -> set[str]:
    """"President Vladimir Putin met ...": Russia is in his title, he took part."""
    people = [a for k in participants if (a := table.actors.get(k) or title_only[k]).type == "Person"]
    return participants - {a.affiliation for a in people}


def _lead_persons(doc: Doc, table) -> set[str]:
    """The persons who are the subject of the first sentence of a document's body, with their
    conjuncts ("Vladimir Putin and President of China Hu Jintao discussed ..."): who met, in
    the lead of a meeting's coverage. Two or more, else none."""
    first = _lead_sentence(doc)
    if first is None:
        return set()
    root = first.root
    found = set()
    for child in root.children:
        if child.dep_ == "nsubj":
            for token in (child, *child.conjuncts):
                key = resolve_actor(token, table)
                if key is not None and table.actors[key].type == "Person":
                    found.add(key)
    return found if len(found) >= 2 else set()


SINGULAR_FIRST_PERSON = frozenset({"i", "me", "my"})
PLURAL_FIRST_PERSON = frozenset({"we", "us", "our"})
SECOND_PERSON = frozenset({"you", "your"})


def _first_person(table, speaker: str | None, turns, leaders: frozenset[str] = frozenset()) -> FirstPerson:
    """Whom a first-person pronoun stands for: in a transcript, an "I" in a person's turn is
    that person ("I met President Obama"), and so is the "we" of a head of state or government
    (``leaders``: their titles) who tells an occasion ("We had a substantive discussion with
    Turkish President Mr Erdogan and then held a session of the Council"; a press secretary's
    "we" is the administration's); in a text with one speaker, a joint statement's "we" is its
    signatories ("When we met in December 2001") and a person's own "I" is them (a state's
    speaker's "I", the state). Otherwise a "we" of one person (their state? their government?)
    stands for nobody. In a transcript, a "you" or "your" is the head of state or government
    who answers (a press secretary's is the administration): who holds the next turn, if
    another ("Question: Mr President, you said at your meeting with Xi Jinping ..."), else,
    after the last turn, who holds the most turns."""
    if turns:
        starts = [begin for begin, _, _ in turns]
        held = Counter(who for _, _, who in turns if who is not None)
        main = max(sorted(held), key=lambda k: held[k]) if held else None

        def in_turn(token: Token) -> tuple[str, ...]:
            second = token.lower_ in SECOND_PERSON
            if token.lower_ not in SINGULAR_FIRST_PERSON and token.lower_ not in PLURAL_FIRST_PERSON and not second:
                return ()
            i = bisect.bisect_right(starts, token.idx) - 1
            if i < 0 or token.idx >= turns[i][1]:
                return ()
            who = turns[i][2]
            if second:  # the next turn's holder, else (the last question) the one who answers most
                answer = turns[i + 1][2] if i + 1 < len(turns) else main
                if answer is None or answer == who or answer not in table.actors \
                        or table.actors[answer].type != "Person" or not table.roles.get(answer, set()) & leaders:
                    return ()  # a press secretary's "you" is the administration
                return (answer,)
            if who is None or who not in table.actors or table.actors[who].type != "Person":
                return ()
            if token.lower_ in PLURAL_FIRST_PERSON and not table.roles.get(who, set()) & leaders:
                return ()
            return (who,)
        return in_turn
    actor = table.actors.get(speaker) if speaker is not None else None
    pronouns: dict[str, tuple[str, ...]] = {}
    if actor is not None and actor.type == GROUP:
        members = tuple(m for m in actor.members if m in table.actors)
        if len(members) >= 2:
            pronouns = dict.fromkeys(PLURAL_FIRST_PERSON, members)
    elif actor is not None and actor.type in ("Person", "Country"):
        # a state's statement ("Statement by Tajikistan at the general debate"): its speaker's "I
        # proposed at its first high-level meeting" is the state's part in it
        pronouns = dict.fromkeys(SINGULAR_FIRST_PERSON, (speaker,))
        if actor.type == "Country":  # the state speaks, unnamed: its "we" is the state ("we welcomed ...")
            pronouns.update(dict.fromkeys(PLURAL_FIRST_PERSON, (speaker,)))
    return lambda token: pronouns.get(token.lower_, ())


def _day(day: dt.date | None) -> DateValue | None:
    """The document's date as an event's date."""
    return DateValue(day.isoformat(), "date") if day is not None else None


def _turn_at(turns: tuple[Turn, ...], starts: list[int], offset: int) -> Turn | None:
    """The turn (in text order, not overlapping; ``starts`` their label offsets) an offset is in."""
    i = bisect.bisect_right(starts, offset) - 1
    return turns[i] if i >= 0 and offset < turns[i].end else None


def _name_case(word: str) -> str:
    """A name word of an all-capitals label as names are written: "VINCENT-COLLAWN" ->
    "Vincent-Collawn", "O’HARA" -> "O’Hara"; other words as they are."""
    if not word.isupper() or len(word) < 2:
        return word
    out = "-".join(part.capitalize() for part in word.split("-"))
    for mark in ("’", "'"):
        head, sep, tail = out.partition(mark)
        if sep and len(head) == 1 and tail:
            out = head + sep + tail[0].upper() + tail[1:]
    return out


def title_text(title: str) -> str:
    """The text of a title that is parsed (its whitespace runs made one space)."""
    return " ".join(title.split())


def _occasion(events, speaker: str, sentence_begin: int, said_on, titled: int | None,
              back_referring: set[int], occasions: frozenset[str]) -> int | None:
    """Where a statement was made: an occasion (call, meeting, briefing, ...) its speaker took
    part in, told in the statement's own sentence ("Li said at a news conference"); else the
    next occasion told, when it says it was where the remarks before it were made ("Li said
    .... Li made the remarks at a news conference"); else the last one told before it ("Li
    had a telephone conversation with Roe. Li said ..."); else the event of a readout's title
    or a speech's metadata. Never one on another day than the statement's own date.
    ``occasions``: the names of the event types at which things are said (sg:occasion)."""
    def fits(event) -> bool:
        return event.type in occasions and speaker in event.participants and compatible(event.date, said_on)

    later = sorted((e.sentence_begin, i) for i, e in enumerate(events)
                   if e.type in occasions and e.sentence_begin > sentence_begin)
    if later and later[0][1] in back_referring and fits(events[later[0][1]]):
        same = [e for e in events if e.sentence_begin == sentence_begin and fits(e)]
        if not same:
            return later[0][1]

    told = [(e.sentence_begin, i) for i, e in enumerate(events)
            if e.sentence_begin >= 0 and e.sentence_begin <= sentence_begin and fits(e)]
    if told:
        latest = max(b for b, _ in told)
        return min(i for b, i in told if b == latest)
    if titled is not None and fits(events[titled]):
        return titled
    return None
