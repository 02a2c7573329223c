"""What extraction produces for one document: plain, picklable, frozen records.

Actors are referred to by ``key``: the gazetteer QID when the link is asserted, otherwise
``<type>/<normalised name>``; the graph stage turns keys into IRIs, so the same actor gets the
same IRI in every document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.link.model import Actor, LinkCandidate  # an extraction holds the linker's actors

__all__ = [
    "OPEN_TITLE", "open_title_key", "open_title_parts", "Actor", "DateValue", "DocumentExtraction", "EventItem", "LinkCandidate", "Place",
    "PositionItem", "StatementItem", "Topic", "TurnItem",
]


@dataclass(frozen=True)
class Place:
    key: str
    label: str
    qid: str | None = None


@dataclass(frozen=True)
class Topic:
    iri: str | None  # a scheme concept; None for a topic minted from the text
    label: str
    slug: str


@dataclass(frozen=True)
class PositionItem:
    holder: str  # actor key
    stance: str  # local name in sg:StanceScheme
    topic: Topic
    # the rule that found it (kg.extract.positions.RULES); its calibrated confidence is the graph's
    rule: str = field(default="", compare=False)


@dataclass(frozen=True)
class DateValue:
    lexical: str
    datatype: str  # "date" | "gYearMonth" | "gYear" | "gMonthDay"


@dataclass(frozen=True)
class EventItem:
    type: str  # local name of an sg:EventTypeScheme concept
    participants: tuple[str, ...]  # actor keys, sorted
    begin: int  # trigger offsets, for identity and provenance
    end: int
    sentence_begin: int
    sentence_end: int
    date: DateValue | None = None
    place: str | None = None  # place key


@dataclass(frozen=True)
class StatementItem:
    begin: int
    end: int
    text: str
    speaker: str
    cue: str
    on_behalf_of: str | None = None
    event: int | None = None  # index into DocumentExtraction.events
    positions: tuple[PositionItem, ...] = ()
    date: DateValue | None = None  # when it was said ("said on Thursday"), apart from its event's date
    turn: TurnItem | None = None  # the transcript turn it was said in


@dataclass(frozen=True)
class TurnItem:
    """A turn of a transcript: its label as written and the span from the label to the next one."""

    label: str
    begin: int
    end: int


# participant key prefix: "open-title:China|minister|2022" (the document's year, empty if
# undated), resolved by the build
OPEN_TITLE = "open-title:"


def open_title_key(state: str, role: str, year: str) -> str:
    """The participant key of a title nobody in its document holds."""
    return OPEN_TITLE + "|".join((state, role, year))


def open_title_parts(key: str) -> tuple[str, str, str]:
    """(state, role, year) of an ``open_title_key``."""
    state, role, year = key[len(OPEN_TITLE):].split("|")
    return state, role, year


@dataclass(frozen=True)
class DocumentExtraction:
    actors: tuple[Actor, ...]  # every actor the document refers to, mentioned or not
    places: tuple[Place, ...]
    statements: tuple[StatementItem, ...]
    events: tuple[EventItem, ...]
    mentioned: tuple[str, ...] | None = None  # keys of the actors the text mentions (None: all)
    roles: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (person key, role nouns of their titles)
    kind: str | None = None  # the document's kind (notation in sg:DocumentKindScheme), from its layout
