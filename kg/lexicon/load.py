"""Readers for the lexicon files. Pure data in, frozen dataclasses out."""

from __future__ import annotations

import csv
import datetime as dt
import urllib.parse
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, SKOS

from kg.errors import ConfigError
from kg.namespaces import SG
from kg.resources import resource_path

ACTOR_TYPES = ("Person", "Organization", "Country")
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


def _read_gazetteer(path: Path) -> tuple[GazetteerEntry, ...]:
    rows = _rows(path)
    header, body = rows[0], rows[1:]
    expected = GAZETTEER_COLUMNS
    if header != expected:
        raise ConfigError(f"{path}: header must be {' '.join(expected)}, found {' '.join(header)}")
    entries = []
    for number, row in enumerate(body, start=2):
        if len(row) != len(expected):
            raise ConfigError(f"{path}:{number}: expected {len(expected)} columns, found {len(row)}")
        qid, label, typ, aliases, demonyms, strength, offices, evidence = row
        if typ not in ENTRY_TYPES:
            raise ConfigError(f"{path}:{number}: unknown type {typ!r}")
        if qid and qid != "-" and not (qid.startswith("Q") and qid[1:].isdigit()):
            raise ConfigError(f"{path}:{number}: malformed QID {qid!r}")
        names = (label,) + tuple(a for a in _split(aliases) if a != label)
        entries.append(
            GazetteerEntry(
                qid=qid if qid and qid != "-" else None,
                label=label,
                type=typ,
                names=names,
                demonyms=_split(demonyms),
                strength=strength,
                evidence=evidence,
                offices=_offices(offices, f"{path}:{number}"),
            )
        )
    return tuple(entries)


def _date(text: str, where: str) -> dt.date | None:
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as err:
        raise ConfigError(f"{where}: bad office date {text!r}") from err


def _offices(cell: str, where: str) -> tuple[OfficeTerm, ...]:
    terms = []
    for part in cell.split(";"):
        if not part.strip():
            continue
        fields = part.split("|")
        if len(fields) != 3:
            raise ConfigError(f"{where}: an office is 'label|start|end', found {part!r}")
        terms.append(OfficeTerm(fields[0].strip(), _date(fields[1], where), _date(fields[2], where)))
    return tuple(terms)


def _word_list(path: Path) -> frozenset[str]:
    return frozenset(
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


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


def _read_concepts(graph: rdflib.Graph, scheme_filter=None) -> tuple[Concept, ...]:
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
        for row in _rows(base / "countries.tsv")[1:]:
            names = _split(row[1])
            canonical = min((n for n in names if "," not in n), key=len, default=names[0])
            for name in names:
                country_names[name.casefold()] = canonical
        demonyms: dict[str, str] = {}
        for entry in gazetteer:
            if entry.type == "Country":
                for name in entry.names:
                    country_names[name.casefold()] = entry.label
            for demonym in entry.demonyms:
                demonyms[demonym] = entry.label
        titles = frozenset(
            line.strip()
            for line in (base / "titles.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
        role_nouns = _word_list(base / "role-nouns.txt")
        non_actor_heads = _word_list(base / "non-actor-heads.txt")
        vague_topic_heads = _word_list(base / "vague-topic-heads.txt")
        anonymous_turns = _word_list(base / "anonymous-turns.txt")
        stance_nouns = {row[0]: (row[1], None if row[2] == "-" else row[2]) for row in _rows(base / "stance-nouns.tsv")}
        reporting = {row[0]: row[1] for row in _rows(base / "reporting-verbs.tsv")}
        offices = {
            row[0]: Office(row[0], row[1], _split(row[2]))
            for row in _rows(base / "offices.tsv")[1:]
        }
        capitals = {row[0]: row[1] for row in _rows(base / "capitals.tsv")[1:]}
        bodies = {row[0]: (row[1], row[2]) for row in _rows(base / "bodies.tsv")[1:]}
        web_publishers = {row[0].lower(): row[1] for row in _rows(base / "web-publishers.tsv")[1:]}
        if any(kind not in ("body", "outlet") for _, kind in bodies.values()):
            raise ValueError("bodies.tsv: kind must be body or outlet")
        elevant = _read_elevant(base / "elevant-labels.tsv")
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
    event_types = _read_concepts(schemes, scheme_filter=SG.EventTypeScheme)
    return Lexicon(
        gazetteer=gazetteer,
        country_names=country_names,
        demonyms=demonyms,
        titles=titles,
        role_nouns=role_nouns,
        non_actor_heads=non_actor_heads,
        reporting_verbs=reporting,
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
    )
