"""Chain the extraction steps for one document.

Each step is a function of its own module (actors, events, statements, positions); the
``Extractor`` only holds what is built once per pipeline (matchers) and chains the steps.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.actors import extract_actors
from kg.extract.events import build_trigger_matcher, extract_events
from kg.extract.model import DocumentExtraction, StatementItem
from kg.extract.positions import build_topic_matcher, extract_positions
from kg.extract.statements import DOCUMENT_CUE, extract_statements
from kg.lexicon import Lexicon
from kg.link.linker import NO_REVIEW, Reviewed, link_actor


class Extractor:
    def __init__(self, nlp: Language, lexicon: Lexicon, reviewed: Reviewed = NO_REVIEW) -> None:
        self.lexicon = lexicon
        self.reviewed = reviewed
        self.trigger_matcher = build_trigger_matcher(nlp.vocab, lexicon)
        self.topic_matcher = build_topic_matcher(nlp.vocab, lexicon, nlp.make_doc)
        self.topic_labels = {c.iri: c.pref_label for c in lexicon.topics}

    def __call__(
        self, doc: Doc, text: str, doc_date: dt.date | None, speaker_name: str | None = None
    ) -> DocumentExtraction:
        """``doc`` is the parse of ``analysis_text(text)``; quoted text is cut from ``text``.
        ``speaker_name`` names the one speaker of a statement or speech document, if any."""
        lexicon = self.lexicon
        table = extract_actors(doc, lexicon, doc_date, self.reviewed)
        document_speaker = self._document_speaker(table, speaker_name)
        events = extract_events(doc, table, self.trigger_matcher, doc_date)
        # overlapping trigger matches are all kept: the position step picks the nearest to its cue
        topic_spans = sorted(self.topic_matcher(doc, as_spans=True), key=lambda s: (s.start, s.end, s.label_))
        statements = []
        for raw in extract_statements(doc, table, lexicon.reporting_verbs, lexicon.stance_cues, document_speaker):
            speaker = table.actors[raw.speaker]
            on_behalf_of = speaker.affiliation if speaker.type == "Person" else speaker.key
            event = next(
                (i for i, e in enumerate(events) if e.sentence_begin == raw.sentence_begin), None
            )
            positions = extract_positions(
                doc, (raw.begin, raw.end), on_behalf_of or raw.speaker, table, lexicon,
                topic_spans, self.topic_labels,
            )
            statements.append(
                StatementItem(
                    begin=raw.begin, end=raw.end, text=text[raw.begin:raw.end],
                    speaker=raw.speaker, cue=raw.cue, on_behalf_of=on_behalf_of,
                    event=event, positions=positions,
                )
            )
        return DocumentExtraction(
            actors=tuple(sorted(table.actors.values(), key=lambda a: a.key)),
            places=tuple(sorted(table.places.values(), key=lambda p: p.key)),
            statements=tuple(statements),
            events=tuple(events),
            # a speaker known only from the title or metadata is no mention of the text
            mentioned=tuple(sorted(table.mentioned | {s.speaker for s in statements if s.cue != DOCUMENT_CUE})),
        )


    def _document_speaker(self, table, name: str | None) -> str | None:
        """The actor key of a document's one speaker: an actor of the text with that name, or
        the person the gazetteer knows by it (titles stripped), or a new person."""
        if not name:
            return None
        words = [w for w in name.split() if w.lower().rstrip(".") not in self.lexicon.titles]
        words = [w for w in words if w.lower() not in ("the", "of")]
        if not words:
            return None
        bare = " ".join(words)
        for key, actor in table.actors.items():
            if actor.type == "Person" and (bare == actor.label or bare in actor.names
                                           or actor.label.split()[-1] == bare):
                return key
        actor = link_actor("Person", bare, [bare], [], self.lexicon, titled=len(words) < len(name.split()),
                           reviewed=self.reviewed)
        table.actors.setdefault(actor.key, actor)
        return actor.key


__all__ = ["Extractor"]
