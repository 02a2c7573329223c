"""Readers for the lexicon files. Pure data in, frozen dataclasses out."""

from __future__ import annotations

import csv
import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SKOS, XSD

from kg.errors import ConfigError
from kg.lexicon.words import RuleWords, lines_of, read_reporting_verbs, read_rule_words
from kg.namespaces import SG
from kg.resources import resource_path

ACTOR_TYPES = ("Person", "Organization", "Country")
# the event-type properties of event-types.ttl (sg:minParticipants, sg:occasion, ...): the
# file's own, which the closed SG namespace (the ontology's terms) does not define
EVENT_TYPE_TERMS = rdflib.Namespace(str(SG))
GAZETTEER_COLUMNS = ["qid", "label", "type", "aliases", "demonyms", "strength", "offices", "evidence"]


@dataclass(frozen=True)
class OfficeTerm:
    office: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Office:
    label: str
    of: str  # label of the state or body
    roles: tuple[str, ...]  # lower-case role phrases


@dataclass(frozen=True)
class ElevantLabel:
    qid: str
    label: str
    occurrences: int
ENTRY_TYPES = ACTOR_TYPES + ("Place",)


@dataclass(frozen=True)
class StateItem:
    """A state's Wikidata item from state-qids.tsv: its code in countries.tsv and the sources."""

    code: str
    qid: str
    evidence: str
    names: tuple[str, ...] = ()  # the state's names as countries.tsv and gazetteer.tsv write them


@dataclass(frozen=True)
class GazetteerEntry:
    qid: str | None
    label: str
    type: str  # Person | Organization | Country | Place
    names: tuple[str, ...]  # label first, then aliases
    demonyms: tuple[str, ...]
    strength: str  # strong | weak
    evidence: str
    offices: tuple[OfficeTerm, ...] = ()

    @property
    def verified(self) -> bool:
        return self.qid is not None and self.strength == "strong"


@dataclass(frozen=True)
class Concept:
    iri: str
    pref_label: str
    scheme: str
    triggers: tuple[str, ...] = ()
    notation: str | None = None
    broader: tuple[str, ...] = ()
    # triggers that count only in a sentence with one of the context words
    context_triggers: tuple[str, ...] = ()
    context_words: frozenset[str] = frozenset()
    # event types only: how the extractor treats an event of the type (event-types.ttl)
    min_participants: int = 1  # sg:minParticipants
    participants_listed: bool = False  # sg:participantsListed: "Participants in the call included ..."
    occasion: bool = False  # sg:occasion: statements are made at it
    separate_words: frozenset[str] = frozenset()  # sg:separateWord: one event per counterpart
    two_sided_marks: tuple[str, ...] = ()  # sg:twoSidedMark: in the trigger, one event per counterpart
    group_words: frozenset[str] = frozenset()  # sg:groupWord: ... unless the sentence has one
    host_prepositions: frozenset[str] = frozenset()  # sg:hostPreposition: "a visit to Russia"
    host_verbs: frozenset[str] = frozenset()  # sg:hostVerb: "we welcomed Roe, who visited": we host
    body_prepositions: frozenset[str] = frozenset()  # sg:bodyPreposition: "a meeting of the Security Council"
    media_verbs: frozenset[str] = frozenset()  # sg:mediaVerb: "told GB News"
    venue_verbs: frozenset[str] = frozenset()  # sg:venueVerb: "said at the award ceremony"
    venue_words: frozenset[str] = frozenset()  # sg:venueWord: ... where the venue is one of these
    leaders_at_least: int = 0  # sg:leadersAtLeast: a meeting of so many heads of state is of this type (0: none)
    leaders_bodies: frozenset[str] = frozenset()  # sg:leadersBody: a meeting with one of these bodies is of this type
    broader_words: frozenset[str] = frozenset()  # sg:broaderWord: a meeting told with it keeps the broader type
    per_speaker: bool = False  # sg:perSpeaker: several persons told giving it give one each
    monologue_speech: bool = False  # sg:monologueSpeech: one person's turns in a report of it are their speech
    on_record: bool = False  # sg:onRecord: a reporting verb whose sentence cites a meeting's verbatim record tells one
    owned_triggers: tuple[str, ...] = ()  # sg:ownedTrigger: "his address", "remarks by the Vice President"
    audience_words: frozenset[str] = frozenset()  # sg:audienceWord: "addressed the nation", not "the issue"
    standard_words: frozenset[str] = frozenset()  # sg:standardWord: "meet this moment" names no meeting


@dataclass(frozen=True)
class Lexicon:
    gazetteer: tuple[GazetteerEntry, ...]
    country_names: dict[str, str]  # lower-case name -> canonical country name
    demonyms: dict[str, str]  # demonym -> canonical country name (or gazetteer label)
    titles: frozenset[str]
    role_nouns: frozenset[str]
    non_actor_heads: frozenset[str]
    reporting_verbs: dict[str, str]  # lemma -> kind
    stance_cues: dict[str, tuple[str, str | None]]  # lemma -> (stance local name, needed particle)
    topics: tuple[Concept, ...]
    event_types: tuple[Concept, ...]
    scheme_graph: rdflib.Graph = field(repr=False, compare=False)
    name_index: dict[str, tuple[GazetteerEntry, ...]] = field(repr=False, compare=False, default_factory=dict)
    offices: dict[str, Office] = field(repr=False, compare=False, default_factory=dict)
    capitals: dict[str, str] = field(repr=False, compare=False, default_factory=dict)  # capital -> state
    elevant: dict[str, tuple[ElevantLabel, ...]] = field(repr=False, compare=False, default_factory=dict)

    label_index: dict[str, GazetteerEntry] = field(repr=False, compare=False, default_factory=dict)
    # body or outlet name -> (state label, "body" | "outlet"), from bodies.tsv
    bodies: dict[str, tuple[str, str]] = field(repr=False, compare=False, default_factory=dict)
    web_publishers: dict[str, str] = field(repr=False, compare=False, default_factory=dict)  # host -> publisher
    vague_topic_heads: frozenset[str] = frozenset()
    anonymous_turns: frozenset[str] = frozenset()  # words of transcript labels that name no actor
    # noun -> (stance, the preposition that must follow), from stance-nouns.tsv
    stance_nouns: dict[str, tuple[str, str | None]] = field(repr=False, compare=False, default_factory=dict)
    # from reporting-verbs.tsv: lemma -> the particle it needs ("point out"); the lemmas of
    # plain saying whose sentence dates an event told just after
    reporting_particles: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    event_dating_verbs: frozenset[str] = frozenset()
    words: RuleWords = field(repr=False, default_factory=RuleWords)  # the rules' word lists (words.py)
    # document-kinds.tsv: (kind, field, pattern) rows, tried in order by kg/extract/layout.py
    document_kinds: tuple[tuple[str, str, re.Pattern], ...] = field(repr=False, compare=False, default=())
    # publisher -> the office whose holder speaks in its unsigned documents (publisher-heads.tsv)
    publisher_heads: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    # publisher -> the organisation whose offices its bare titles name (publisher-bodies.tsv)
    publisher_bodies: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    # publishers whose items are dated on the day of what they report (same-day-publishers.tsv)
    same_day_publishers: frozenset[str] = field(repr=False, compare=False, default=frozenset())
    # last word (lower case) of ELEVANT labels of two words or more -> those labels
    elevant_surnames: dict[str, frozenset[str]] = field(repr=False, compare=False, default_factory=dict)
    # any name of a state (lower case) -> its Wikidata item, from state-qids.tsv
    state_items: dict[str, StateItem] = field(repr=False, compare=False, default_factory=dict)

    # a state's name that also names something else (lower case) -> the words that tell the state
    # (shared-state-names.tsv)
    shared_state_names: dict[str, frozenset[str]] = field(repr=False, compare=False, default_factory=dict)

    def state_item(self, name: str) -> StateItem | None:
        """The Wikidata item of the UN member or observer state of this name, or None."""
        return self.state_items.get(name.casefold())

    def publisher_of_url(self, url: str | None) -> str | None:
        """The publisher of a web page by its host (web-publishers.tsv), or None."""
        host = (urllib.parse.urlsplit(url).hostname or "") if url else ""
        while host:
            if host in self.web_publishers:
                return self.web_publishers[host]
            host = host.partition(".")[2]
        return None

    def entries_named(self, name: str) -> tuple[GazetteerEntry, ...]:
        return self.name_index.get(name.casefold(), ())

    def entry_labelled(self, label: str) -> GazetteerEntry | None:
        """The gazetteer entry with this label (labels are unique: they are entity-ruler ids)."""
        return self.label_index.get(label)

    def elevant_named(self, name: str) -> tuple[ElevantLabel, ...]:
        return self.elevant.get(name.casefold(), ())

    def full_names_ending(self, surname: str) -> frozenset[str]:
        """The labels of the ELEVANT list of two words or more whose last word is ``surname``
        (known namesakes: "Jane Roe", "Tom Roe")."""
        return self.elevant_surnames.get(surname.casefold(), frozenset())

    def holders(self, office: str, day: dt.date) -> tuple[GazetteerEntry, ...]:
        """Gazetteer people who held ``office`` on ``day``."""
        return tuple(
            entry
            for entry in self.gazetteer
            if any(term.office == office and term.held_on(day) for term in entry.offices)
        )


def _name_index(gazetteer: tuple[GazetteerEntry, ...]) -> dict[str, tuple[GazetteerEntry, ...]]:
    index: dict[str, list[GazetteerEntry]] = {}
    for entry in gazetteer:
        for name in entry.names:
            bucket = index.setdefault(name.casefold(), [])
            if entry not in bucket:
                bucket.append(entry)
    return {k: tuple(v) for k, v in index.items()}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            row
            for row in csv.reader(handle, delimiter="\t")
            if row and not row[0].startswith("#")
        ]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


@dataclass(frozen=True)
class GazetteerRow:
    """One row of a gazetteer TSV: its cells as written (``GAZETTEER_COLUMNS`` order), the
    line it starts on, and the entry they make."""

    line: int
    cells: tuple[str, ...]
    entry: GazetteerEntry


@dataclass(frozen=True)
class GazetteerTable:
    """A gazetteer TSV as written, comment lines included, so that a tool can rewrite it.

    ``header`` is False for a file without a header row (empty, or comments only); then every
    comment is in ``leading``. ``trailing`` holds the comment lines after the header.
    """

    path: Path
    header: bool
    rows: tuple[GazetteerRow, ...] = ()
    leading: tuple[str, ...] = ()
    trailing: tuple[str, ...] = ()


def read_gazetteer_table(path: Path) -> GazetteerTable:
    """Read and check every row of a gazetteer TSV (the one reader of that format).

    Raises ``ConfigError`` naming the file and the line of a bad header, a row with the wrong
    number of columns, an unknown type, a malformed QID or a bad office cell. A file that
    cannot be opened or decoded raises ``OSError`` or ``UnicodeDecodeError``.
    """
    leading: list[str] = []
    trailing: list[str] = []
    rows: list[GazetteerRow] = []
    header = False
    with path.open(encoding="utf-8", newline="") as handle:
        for number, cells in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not cells:
                continue
            if cells[0].startswith("#"):
                # a comment is one line; csv may have split it on tabs: join it back
                (trailing if header else leading).append("\t".join(cells))
            elif header:
                where = f"{path}:{number}"
                rows.append(GazetteerRow(number, tuple(cells), _gazetteer_entry(cells, where)))
            elif cells != GAZETTEER_COLUMNS:
                raise ConfigError(
                    f"{path}:{number}: header must be {' '.join(GAZETTEER_COLUMNS)}, found {' '.join(cells)}"
                )
            else:
                header = True
    return GazetteerTable(path, header, tuple(rows), tuple(leading), tuple(trailing))


def _gazetteer_entry(row: list[str], where: str) -> GazetteerEntry:
    if len(row) != len(GAZETTEER_COLUMNS):
        raise ConfigError(f"{where}: expected {len(GAZETTEER_COLUMNS)} columns, found {len(row)}")
    qid, label, typ, aliases, demonyms, strength, offices, evidence = row
    if typ not in ENTRY_TYPES:
        raise ConfigError(f"{where}: unknown type {typ!r}")
    if qid and qid != "-" and not (qid.startswith("Q") and qid[1:].isdigit()):
        raise ConfigError(f"{where}: malformed QID {qid!r}")
    names = (label,) + tuple(a for a in _split(aliases) if a != label)
    return GazetteerEntry(
        qid=qid if qid and qid != "-" else None,
        label=label,
        type=typ,
        names=names,
        demonyms=_split(demonyms),
        strength=strength,
        evidence=evidence,
        offices=parse_office_cell(offices, where),
    )


def _read_gazetteer(path: Path) -> tuple[GazetteerEntry, ...]:
    table = read_gazetteer_table(path)
    if not table.header:
        raise ConfigError(f"{path}: no header row (expected {' '.join(GAZETTEER_COLUMNS)})")
    return tuple(row.entry for row in table.rows)


QID = re.compile(r"Q[1-9][0-9]*")


def _read_state_items(
    path: Path, code_names: dict[str, tuple[str, ...]], gazetteer: tuple[GazetteerEntry, ...]
) -> dict[str, StateItem]:
    """Every name of a state with a row in ``path`` (state-qids.tsv) -> its item; also the names
    gazetteer.tsv gives a Country entry of that item ("Russian Federation"), so that every name of
    a state is one node. A code countries.tsv lacks, a malformed QID, or a QID other than the
    gazetteer's for one of the state's names is an error naming the file and the code."""
    items: dict[str, StateItem] = {}
    gazetteer_names = {
        name.casefold(): entry for entry in gazetteer if entry.type == "Country" for name in entry.names
    }
    for row in _rows(path)[1:]:
        code, qid, evidence = row[0], row[1], row[3] if len(row) > 3 else ""
        if code not in code_names:
            raise ConfigError(f"{path.name}: {code}: no such code in countries.tsv")
        if not QID.fullmatch(qid):
            raise ConfigError(f"{path.name}: {code}: {qid!r} is no Wikidata QID")
        if not evidence.strip():
            raise ConfigError(f"{path.name}: {code}: no evidence for {qid}")
        names = list(code_names[code])
        for name in code_names[code]:
            entry = gazetteer_names.get(name.casefold())
            if entry is not None and entry.qid is not None and entry.qid != qid:
                raise ConfigError(
                    f"{path.name}: {code}: {qid} but gazetteer.tsv gives {name!r} {entry.qid}"
                )
            if entry is not None:
                names.extend(entry.names)
        item = StateItem(code, qid, evidence, tuple(dict.fromkeys(names)))
        for name in names:
            items[name.casefold()] = item
    return items


def _date(text: str, where: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as err:
        raise ConfigError(f"{where}: bad office date {text!r}") from err


def parse_office_cell(cell: str, where: str) -> tuple[OfficeTerm, ...]:
    """The ``offices`` cell of a gazetteer row: ``label|start|end`` terms joined by ``;``.

    Raises ``ConfigError`` (prefixed with ``where``) for a term that is not three fields or a
    date that is not ISO.
    """
    terms = []
    for part in cell.split(";"):
        if not part.strip():
            continue
        fields = part.split("|")
        if len(fields) != 3:
            raise ConfigError(f"{where}: an office is 'label|start|end', found {part!r}")
        terms.append(OfficeTerm(fields[0].strip(), _date(fields[1], where), _date(fields[2], where)))
    return tuple(terms)


def _demonym_rows(path: Path, codes: frozenset[str]) -> list[tuple[str, str]]:
    """demonyms.tsv: (demonym, ISO 3166 alpha-3 code) rows after a header; a row that is not
    two columns, or a code countries.tsv lacks, is an error naming the file and the line."""
    rows = []
    for number, text in lines_of(path)[1:]:
        cells = text.split("\t")
        if len(cells) != 2 or len(cells[0].split()) != 1:
            raise ConfigError(f"{path}:{number}: expected a one-word demonym and a code, tab-separated")
        if cells[1] not in codes:
            raise ConfigError(f"{path}:{number}: {cells[1]!r} is no code of countries.tsv")
        rows.append((cells[0], cells[1]))
    return rows


def _word_list(path: Path) -> frozenset[str]:
    """The items of a list file that the rules look up as they are (no checks of case or
    word count: titles and role nouns keep their own forms)."""
    return frozenset(text for _, text in lines_of(path))


def _read_elevant(path: Path) -> dict[str, tuple[ElevantLabel, ...]]:
    index: dict[str, list[ElevantLabel]] = {}
    for row in _rows(path)[1:]:
        if len(row) != 3 or not row[2].isdigit():
            continue
        index.setdefault(row[1].casefold(), []).append(ElevantLabel(row[0], row[1], int(row[2])))
    return {
        key: tuple(sorted(values, key=lambda e: (-e.occurrences, e.qid)))
        for key, values in index.items()
    }


def _surname_index(elevant: dict[str, tuple[ElevantLabel, ...]]) -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for labels in elevant.values():
        for label in labels:
            words = label.label.split()
            if len(words) > 1:
                index.setdefault(words[-1].casefold(), set()).add(label.label)
    return {key: frozenset(values) for key, values in index.items()}


def _event_type_terms(graph: rdflib.Graph, subject, source: Path) -> dict:
    """The ``Concept`` fields of an event type's extractor properties (see event-types.ttl)."""
    where = f"{source}: {subject}"

    def one(name: str, datatype, default):
        values = list(graph.objects(subject, EVENT_TYPE_TERMS[name]))
        if not values:
            return default
        value = values[0]
        if len(values) > 1 or not isinstance(value, rdflib.Literal) or value.datatype != datatype:
            found = ", ".join(v.n3() for v in values)
            raise ConfigError(f"{where}: sg:{name} must be one {datatype.n3()} literal, found {found}")
        return value.toPython()

    def words(name: str) -> list[str]:
        values = list(graph.objects(subject, EVENT_TYPE_TERMS[name]))
        if any(not isinstance(v, rdflib.Literal) or str(v) != str(v).lower() or not str(v).strip() for v in values):
            raise ConfigError(f"{where}: sg:{name} values must be lower-case strings")
        return [str(v) for v in values]

    minimum = one("minParticipants", XSD.integer, 1)
    if minimum < 1:
        raise ConfigError(f"{where}: sg:minParticipants must be at least 1, found {minimum}")
    return {
        "min_participants": minimum,
        "participants_listed": one("participantsListed", XSD.boolean, False),
        "occasion": one("occasion", XSD.boolean, False),
        "separate_words": frozenset(words("separateWord")),
        "two_sided_marks": tuple(sorted(words("twoSidedMark"))),
        "group_words": frozenset(words("groupWord")),
        "host_prepositions": frozenset(words("hostPreposition")),
        "host_verbs": frozenset(words("hostVerb")),
        "body_prepositions": frozenset(words("bodyPreposition")),
        "media_verbs": frozenset(words("mediaVerb")),
        "venue_verbs": frozenset(words("venueVerb")),
        "venue_words": frozenset(words("venueWord")),
        "leaders_at_least": one("leadersAtLeast", XSD.integer, 0),
        "leaders_bodies": frozenset(words("leadersBody")),
        "broader_words": frozenset(words("broaderWord")),
        "per_speaker": one("perSpeaker", XSD.boolean, False),
        "monologue_speech": one("monologueSpeech", XSD.boolean, False),
        "on_record": one("onRecord", XSD.boolean, False),
        "owned_triggers": tuple(sorted(words("ownedTrigger"))),
        "audience_words": frozenset(words("audienceWord")),
        "standard_words": frozenset(words("standardWord")),
    }


DOCUMENT_KIND_FIELDS = ("title", "meta", "turns")


def read_document_kinds(path: Path) -> tuple[tuple[str, str, re.Pattern], ...]:
    """``kind<TAB>field<TAB>pattern`` rows after a header (see the file's comments)."""
    rows = []
    for number, text in lines_of(path)[1:]:
        cells = [c.strip() for c in text.split("\t")]
        if len(cells) != 3:
            raise ConfigError(f"{path}:{number}: expected 3 tab-separated columns (kind, field, pattern)")
        kind, field_name, pattern = cells
        if not re.fullmatch(r"[a-z]+(?:-[a-z]+)*", kind):
            raise ConfigError(f"{path}:{number}: kind {kind!r} must be a lower-case notation like news-report")
        if field_name not in DOCUMENT_KIND_FIELDS:
            raise ConfigError(f"{path}:{number}: field must be one of {', '.join(DOCUMENT_KIND_FIELDS)}, found {field_name!r}")
        try:
            compiled = re.compile(pattern, re.IGNORECASE)
        except re.error as err:
            raise ConfigError(f"{path}:{number}: pattern {pattern!r} is no regular expression: {err}") from err
        rows.append((kind, field_name, compiled))
    return tuple(rows)


def _read_concepts(graph: rdflib.Graph, scheme_filter=None, event_types: Path | None = None) -> tuple[Concept, ...]:
    """The concepts of ``graph`` (of one scheme with ``scheme_filter``); ``event_types``: the
    file the event types are read from, whose extractor properties are read too."""
    concepts = []
    for subject in sorted(set(graph.subjects(RDF.type, SKOS.Concept)) | set(graph.subjects(SG.trigger, None))):
        scheme = graph.value(subject, SKOS.inScheme)
        if scheme_filter is not None and scheme != scheme_filter:
            continue
        label = graph.value(subject, SKOS.prefLabel)
        if label is None or scheme is None:
            raise ConfigError(f"concept {subject} needs skos:prefLabel and skos:inScheme")
        notation = graph.value(subject, SKOS.notation)
        concepts.append(
            Concept(
                iri=str(subject),
                pref_label=str(label),
                scheme=str(scheme),
                triggers=tuple(sorted(str(t).lower() for t in graph.objects(subject, SG.trigger))),
                notation=str(notation) if notation is not None else None,
                broader=tuple(sorted(str(b) for b in graph.objects(subject, SKOS.broader))),
                context_triggers=tuple(sorted(str(t).lower() for t in graph.objects(subject, SG.contextTrigger))),
                context_words=frozenset(str(t).lower() for t in graph.objects(subject, SG.contextWord)),
                **(_event_type_terms(graph, subject, event_types) if event_types is not None else {}),
            )
        )
    return tuple(concepts)


def load_lexicon(directory: Path | None = None, extra_gazetteers: tuple[Path, ...] = ()) -> Lexicon:
    """Load every lexicon file; ``directory`` defaults to the shipped ``data/lexicon``.

    ``extra_gazetteers`` (same columns as gazetteer.tsv, e.g. written by ``kg gazetteer
    import``) add entries; an entry whose QID the shipped gazetteer already has replaces it.
    """
    base = directory or resource_path("data", "lexicon")
    return _load_cached(str(base), tuple(str(p) for p in extra_gazetteers))


def _merge_gazetteers(base: tuple[GazetteerEntry, ...], extras: list[tuple[GazetteerEntry, ...]]) -> tuple[GazetteerEntry, ...]:
    merged = list(base)
    for extra in extras:
        by_qid = {entry.qid: i for i, entry in enumerate(merged) if entry.qid}
        for entry in extra:
            if entry.qid and entry.qid in by_qid:
                merged[by_qid[entry.qid]] = entry
            else:
                merged.append(entry)
    return tuple(merged)


@lru_cache(maxsize=4)
def _load_cached(base_str: str, extra_gazetteers: tuple[str, ...] = ()) -> Lexicon:
    base = Path(base_str)
    try:
        gazetteer = _merge_gazetteers(
            _read_gazetteer(base / "gazetteer.tsv"),
            [_read_gazetteer(Path(p)) for p in extra_gazetteers],
        )
        country_names: dict[str, str] = {}
        by_code: dict[str, str] = {}
        code_names: dict[str, tuple[str, ...]] = {}
        for row in _rows(base / "countries.tsv")[1:]:
            names = _split(row[1])
            # the label column where the shortest name is no good one ("Mauritus", as the speakers
            # list spells it once); else the shortest name without a comma
            canonical = row[2].strip() if len(row) > 2 and row[2].strip() else \
                min((n for n in names if "," not in n), key=len, default=names[0])
            if canonical not in names:
                raise ConfigError(f"countries.tsv: {row[0]}: label {canonical!r} is none of its names")
            by_code[row[0]] = canonical
            code_names[row[0]] = names
            for name in names:
                country_names[name.casefold()] = canonical
        state_items = _read_state_items(base / "state-qids.tsv", code_names, gazetteer)
        shared_state_names = {
            row[0].casefold(): frozenset(_split(row[1])) for row in _rows(base / "shared-state-names.tsv")[1:]
        }
        unknown = sorted(name for name in shared_state_names if name not in state_items)
        if unknown:
            raise ValueError(f"shared-state-names.tsv names no state of state-qids.tsv: {', '.join(unknown)}")
        demonyms: dict[str, str] = {}
        for entry in gazetteer:
            if entry.type == "Country":
                for name in entry.names:
                    country_names[name.casefold()] = entry.label
            for demonym in entry.demonyms:
                demonyms[demonym] = entry.label
        for demonym, code in _demonym_rows(base / "demonyms.tsv", frozenset(by_code)):
            # the state as the gazetteer labels it, where it has it ("Russia")
            canonical = by_code[code]
            demonyms.setdefault(demonym, country_names.get(canonical.casefold(), canonical))
        titles = _word_list(base / "titles.txt")
        role_nouns = _word_list(base / "role-nouns.txt")
        non_actor_heads = _word_list(base / "non-actor-heads.txt")
        vague_topic_heads = _word_list(base / "vague-topic-heads.txt")
        anonymous_turns = _word_list(base / "anonymous-turns.txt")
        stance_nouns = {row[0]: (row[1], None if row[2] == "-" else row[2]) for row in _rows(base / "stance-nouns.tsv")}
        reporting = read_reporting_verbs(base / "reporting-verbs.tsv")
        words = read_rule_words(base)
        offices = {
            row[0]: Office(row[0], row[1], _split(row[2]))
            for row in _rows(base / "offices.tsv")[1:]
        }
        publisher_heads = {row[0]: row[1] for row in _rows(base / "publisher-heads.tsv")[1:]}
        unknown = sorted(o for o in publisher_heads.values() if o not in offices)
        if unknown:
            raise ValueError(f"publisher-heads.tsv names offices that offices.tsv lacks: {', '.join(unknown)}")
        publisher_bodies = {row[0]: row[1] for row in _rows(base / "publisher-bodies.tsv")[1:]}
        unknown = sorted(b for b in publisher_bodies.values() if not any(o.of == b for o in offices.values()))
        if unknown:
            raise ValueError(f"publisher-bodies.tsv names bodies with no office in offices.tsv: {', '.join(unknown)}")
        capitals = {row[0]: row[1] for row in _rows(base / "capitals.tsv")[1:]}
        same_day_publishers = frozenset(row[0] for row in _rows(base / "same-day-publishers.tsv")[1:])
        bodies = {row[0]: (row[1], row[2]) for row in _rows(base / "bodies.tsv")[1:]}
        web_publishers = {row[0].lower(): row[1] for row in _rows(base / "web-publishers.tsv")[1:]}
        if any(kind not in ("body", "outlet") for _, kind in bodies.values()):
            raise ValueError("bodies.tsv: kind must be body or outlet")
        elevant = _read_elevant(base / "elevant-labels.tsv")
        document_kinds = read_document_kinds(base / "document-kinds.tsv")
        cues: dict[str, tuple[str, str | None]] = {}
        for row in _rows(base / "stance-cues.tsv"):
            # a word listed as a plain cue keeps it; a deontic reading only adds what is new
            if row[0] not in cues:
                cues[row[0]] = (row[1], None if row[2] == "-" else row[2])
        topic_graph = rdflib.Graph()
        topic_graph.parse(base / "topics.ttl", format="turtle")
        schemes = rdflib.Graph()
        schemes.parse(resource_path("ontology", "stancegraph.ttl"), format="turtle")
        schemes.parse(base / "event-types.ttl", format="turtle")
        schemes += topic_graph
    except (OSError, IndexError, ValueError) as err:
        raise ConfigError(f"lexicon in {base} is unusable: {err}") from err
    topics = _read_concepts(topic_graph)
    event_types = _read_concepts(schemes, scheme_filter=SG.EventTypeScheme, event_types=base / "event-types.ttl")
    return Lexicon(
        gazetteer=gazetteer,
        country_names=country_names,
        demonyms=demonyms,
        titles=titles,
        role_nouns=role_nouns,
        non_actor_heads=non_actor_heads,
        reporting_verbs=reporting.kinds,
        stance_cues=cues,
        topics=topics,
        event_types=event_types,
        scheme_graph=schemes,
        name_index=_name_index(gazetteer),
        label_index={entry.label: entry for entry in gazetteer},
        offices=offices,
        capitals=capitals,
        elevant=elevant,
        bodies=bodies,
        web_publishers=web_publishers,
        vague_topic_heads=vague_topic_heads,
        anonymous_turns=anonymous_turns,
        stance_nouns=stance_nouns,
        reporting_particles=reporting.particles,
        event_dating_verbs=reporting.dating,
        words=words,
        document_kinds=document_kinds,
        publisher_heads=publisher_heads,
        publisher_bodies=publisher_bodies,
        same_day_publishers=same_day_publishers,
        state_items=state_items,
        elevant_surnames=_surname_index(elevant),
        shared_state_names=shared_state_names,
    )
