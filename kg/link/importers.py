"""Import Wikidata entities (a dump extract or a SPARQL result) into a gazetteer.

No machine running stancegraph is assumed to reach Wikidata: the user downloads the data and
gives stancegraph the file. Two kinds of file are read, always streamed (one entity, line or
SPARQL binding at a time; never the whole file in memory):

**A Wikidata JSON dump extract** (``.json``, ``.jsonl``, ``.ndjson``, optionally ``.bz2`` or
``.gz``): one entity per line, exactly as in ``latest-all.json.bz2``. The real dump wraps the
lines in ``[`` ... ``]`` and ends each entity line with a comma; both that and plain JSON Lines
are accepted. Per entity we take ``id``, ``labels.en`` (``labels.mul`` if there is no English
label), ``aliases.en``, the values of ``claims.P31`` (instance of) and the positions held,
``claims.P39``, with their qualifiers ``P580`` (start time) and ``P582`` (end time).
Deprecated statements and ``somevalue``/``novalue`` snaks are ignored. A time of day, month or
year precision becomes a ``datetime.date``: a start is the first day of its month or year, an
end the last day (so an imprecise term is widened, never narrowed); coarser precisions and
years before 1 give ``None``. A dump line names an office by its QID only, so the office label
of an ``ImportedEntity`` read from a dump is the office's QID; ``merge_into_gazetteer`` replaces
it by the office's label when the same extract holds the office item. Non-item entities
(properties, lexemes) are skipped.

**A Wikidata SPARQL result**: SPARQL 1.1 CSV (``.csv``), TSV (``.tsv``) or JSON (``.srj``, or
``.json`` holding ``"head"``/``"results"``). Variables (a leading ``?`` is ignored):

=============  =========================================================================
``item``       required: the entity IRI ``http://www.wikidata.org/entity/Q…``
``itemLabel``  its English label (also ``label``)
``type``       optional: ``Person``, ``Organization``, ``Country`` or ``Place`` (wins over
               P31), or a Wikidata class IRI (e.g. from ``wdt:P31``), typed through
               ``data/lexicon/wikidata-classes.tsv``
``altLabels``  aliases joined by ``|`` (``GROUP_CONCAT(...; separator="|")``); ``altLabel``
               holds one alias per row; ``itemAltLabel`` (label service) is split on ", "
``office``     a position held (P39 value), IRI; ``officeLabel`` its English label
``start``      ``pq:P580`` of that position; ``end``: ``pq:P582`` (xsd:dateTime or xsd:date)
=============  =========================================================================

Several rows may describe one item (one per office, alias or class): consecutive rows with the
same ``item`` are one entity, so sort the result by ``?item``. An item that comes back later is
yielded again; ``merge_into_gazetteer`` unions the two. Literals with a language tag other than
English (``en``, ``en-…``) or ``mul`` are ignored. An example query (replace ``wd:Q…`` by the
offices you want; no QID is given here because this project writes none from memory)::

    SELECT ?item ?itemLabel ?type
           (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?altLabels)
           ?office ?officeLabel ?start ?end
    WHERE {
      VALUES ?office { wd:Q… }
      ?item p:P39 ?held .
      ?held ps:P39 ?office ; wikibase:rank ?rank .
      FILTER(?rank != wikibase:DeprecatedRank)
      OPTIONAL { ?held pq:P580 ?start }
      OPTIONAL { ?held pq:P582 ?end }
      ?item rdfs:label ?itemLabel . FILTER(LANG(?itemLabel) = "en")
      OPTIONAL { ?office rdfs:label ?officeLabel . FILTER(LANG(?officeLabel) = "en") }
      OPTIONAL { ?item skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }
      BIND("Person" AS ?type)
    }
    GROUP BY ?item ?itemLabel ?type ?office ?officeLabel ?start ?end
    ORDER BY ?item ?office ?start

Download it from https://query.wikidata.org as CSV, TSV or JSON.

**Types.** An explicit ``type`` wins; otherwise the P31 classes are looked up in
``data/lexicon/wikidata-classes.tsv`` (only classes whose QID is evidenced there); when they
map to several types, Person beats Country beats Organization beats Place. An entity of unknown
type is yielded with ``type=None``: the caller decides (``merge_into_gazetteer(default_type=)``).

**Errors.** A file that cannot be opened or whose format is unknown raises ``InputError``; a
bad line, row or binding is *yielded* as an ``InputError`` naming the file and line (or the
binding's position), and reading goes on.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import datetime as dt
import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import IO

from kg.errors import ConfigError, InputError
from kg.lexicon.load import ENTRY_TYPES, GAZETTEER_COLUMNS
from kg.resources import resource_path

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
SG_ONTOLOGY = "https://w3id.org/stancegraph/ontology#"
DUMP = "dump"
SPARQL = "SPARQL result"
TYPE_PRIORITY = ("Person", "Country", "Organization", "Place")
CLASSES_COLUMNS = ["qid", "label", "type", "evidence"]

_QID = re.compile(r"^Q[1-9][0-9]*$")
_ENTITY_IRI = re.compile(r"^https?://www\.wikidata\.org/(?:entity|wiki)/(Q[1-9][0-9]*)$")
_TIME = re.compile(r"^([+-]?)(\d{1,16})-(\d{2})-(\d{2})(?:T.*)?$")
_SPARQL_JSON_START = re.compile(r'^\s*\{\s*"(?:head|results|boolean)"\s*:')
_CHUNK = 1 << 16
_LINE_BREAKS = ("\t", "\n", "\r")

Office = tuple[str, "dt.date | None", "dt.date | None"]


@dataclass(frozen=True)
class ImportedEntity:
    """One Wikidata item as read from a dump extract or a SPARQL result.

    ``offices`` holds ``(office label, start, end)``; ``source`` is the file name and
    ``origin`` ``"dump"`` or ``"SPARQL result"`` (used for the gazetteer's evidence column).
    """

    qid: str
    label: str
    type: str | None  # Person | Organization | Country | Place | None (unknown)
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    instance_of: tuple[str, ...] = ()
    source: str = field(default="", compare=False)
    origin: str = field(default="", compare=False)


# -- classes -----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_wikidata_classes(path: str | Path | None = None) -> dict[str, tuple[str, str]]:
    """``wikidata-classes.tsv``: class QID -> (label, gazetteer type)."""
    source = Path(path) if path is not None else resource_path("data", "lexicon", "wikidata-classes.tsv")
    classes: dict[str, tuple[str, str]] = {}
    header_seen = False
    with source.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or row[0].startswith("#"):
                continue
            if not header_seen:
                if row != CLASSES_COLUMNS:
                    raise ConfigError(f"{source}:{number}: header must be {' '.join(CLASSES_COLUMNS)}")
                header_seen = True
                continue
            if len(row) != len(CLASSES_COLUMNS):
                raise ConfigError(f"{source}:{number}: expected {len(CLASSES_COLUMNS)} columns, found {len(row)}")
            qid, label, typ, _evidence = row
            if not _QID.match(qid) or typ not in ENTRY_TYPES:
                raise ConfigError(f"{source}:{number}: bad row {row!r}")
            classes[qid] = (label, typ)
    return classes


def type_from_classes(instance_of: Iterable[str], classes: dict[str, tuple[str, str]] | None = None) -> str | None:
    table = load_wikidata_classes() if classes is None else classes
    found = {table[q][1] for q in instance_of if q in table}
    for typ in TYPE_PRIORITY:
        if typ in found:
            return typ
    return None


# -- small helpers -----------------------------------------------------------------------


def qid_of(value: str) -> str | None:
    """``Q42`` from ``Q42``, ``wd:Q42`` or a Wikidata entity IRI; None for anything else."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    value = value.removeprefix("wd:")
    if _QID.match(value):
        return value
    match = _ENTITY_IRI.match(value)
    return match.group(1) if match else None


def _last_day(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def parse_time(value: str, precision: int = 11, *, end: bool = False) -> dt.date | None:
    """A Wikibase time (``+2013-03-16T00:00:00Z``) or an xsd:date/dateTime as a date.

    Day precision (11) gives that day; month (10) and year (9) precision the first day of the
    period for a start and the last for an end; anything coarser, or a year before 1, None.
    """
    match = _TIME.match(value.strip())
    if not match or precision < 9:
        return None
    sign, year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if sign == "-" or year < 1 or year > 9999:
        return None
    month, day = int(month_s), int(day_s)
    try:
        if precision == 9 or month == 0:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if precision == 10 or day == 0:
            return dt.date(year, month, _last_day(year, month) if end else 1)
        return dt.date(year, month, day)
    except ValueError:
        return None


def _english(value: str, lang: str | None) -> bool:
    return not lang or lang == "en" or lang.startswith("en-") or lang == "mul"


def _clean_names(names: Iterable[str], label: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name != label and name not in out:
            out.append(name)
    return tuple(out)


def _entity(qid: str, label: str, explicit: str | None, aliases: Iterable[str],
            offices: Iterable[Office], instance_of: Iterable[str], source: str, origin: str) -> ImportedEntity:
    classes = tuple(dict.fromkeys(instance_of))
    offices_t = tuple(dict.fromkeys(offices))
    typ = explicit if explicit is not None else type_from_classes(classes)
    return ImportedEntity(qid, label, typ, _clean_names(aliases, label), offices_t, classes, source, origin)


# -- opening files -----------------------------------------------------------------------


def _open_text(path: Path) -> IO[str]:
    name = path.name.lower()
    try:
        if name.endswith(".bz2"):
            return bz2.open(path, "rt", encoding="utf-8", newline="")
        if name.endswith(".gz"):
            return gzip.open(path, "rt", encoding="utf-8", newline="")
        return path.open("r", encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(str(path), f"cannot open: {err.strerror or err}") from err


def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in (".bz2", ".gz"):
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _read_guarded(handle: IO[str], size: int, path: Path) -> str:
    try:
        return handle.read(size)
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read: {err}") from err


def iter_wikidata_entities(path: str | Path) -> Iterator[ImportedEntity | InputError]:
    """Entities of a Wikidata dump extract or SPARQL result (see the module docstring)."""
    path = Path(path)
    suffix = _base_suffix(path)
    if suffix in (".csv", ".tsv"):
        yield from _iter_sparql_table(path, "\t" if suffix == ".tsv" else ",")
        return
    if suffix == ".srj":
        yield from _iter_sparql_json(path)
        return
    if suffix not in (".json", ".jsonl", ".ndjson"):
        raise InputError(str(path), "unknown format: expected .json, .jsonl, .ndjson (optionally .bz2 or .gz), .csv, .tsv or .srj")
    with _open_text(path) as handle:
        start = _read_guarded(handle, 4096, path)
    if _SPARQL_JSON_START.match(start):
        yield from _iter_sparql_json(path)
    else:
        yield from _iter_dump(path)


# -- the JSON dump -------------------------------------------------------------------------


def _snak_value(snak: dict) -> object | None:
    if not isinstance(snak, dict) or snak.get("snaktype") != "value":
        return None
    datavalue = snak.get("datavalue")
    return datavalue.get("value") if isinstance(datavalue, dict) else None


def _item_id(value: object) -> str | None:
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("id"), str):
        return qid_of(value["id"])
    numeric = value.get("numeric-id")
    if value.get("entity-type", "item") == "item" and isinstance(numeric, int) and numeric > 0:
        return f"Q{numeric}"
    return None


def _qualifier_date(statement: dict, prop: str, *, end: bool) -> dt.date | None:
    for snak in (statement.get("qualifiers") or {}).get(prop, []):
        value = _snak_value(snak)
        if isinstance(value, dict) and isinstance(value.get("time"), str):
            precision = value.get("precision", 11)
            date = parse_time(value["time"], precision if isinstance(precision, int) else 11, end=end)
            if date is not None:
                return date
    return None


def _statements(claims: dict, prop: str) -> Iterator[dict]:
    for statement in claims.get(prop, []) or []:
        if isinstance(statement, dict) and statement.get("rank") != "deprecated":
            yield statement


def _lang_value(mapping: object, lang: str) -> str | None:
    if isinstance(mapping, dict) and isinstance(mapping.get(lang), dict):
        value = mapping[lang].get("value")
        return value if isinstance(value, str) and value.strip() else None
    return None


def entity_from_dump_json(data: dict, source: str = "") -> ImportedEntity | None:
    """One dump entity (a parsed line) as an ImportedEntity; None for a non-item entity.

    Raises ValueError when the entity is an item but unusable (no id, no English label).
    """
    if data.get("type", "item") != "item":
        return None
    qid = qid_of(str(data.get("id", "")))
    if qid is None:
        if isinstance(data.get("id"), str) and not data["id"].startswith("Q"):
            return None  # P…, L…: not an item
        raise ValueError(f"entity without a valid item id: {data.get('id')!r}")
    labels = data.get("labels") or {}
    label = _lang_value(labels, "en") or _lang_value(labels, "mul")
    if label is None:
        raise ValueError(f"{qid} has no English label")
    label = " ".join(label.split())
    aliases = [
        a.get("value", "") for a in ((data.get("aliases") or {}).get("en") or [])
        if isinstance(a, dict) and isinstance(a.get("value"), str)
    ]
    claims = data.get("claims") or {}
    instance_of = [
        q for q in (_item_id(_snak_value(s.get("mainsnak", {}))) for s in _statements(claims, "P31")) if q
    ]
    offices: list[Office] = []
    for statement in _statements(claims, "P39"):
        office = _item_id(_snak_value(statement.get("mainsnak", {})))
        if office is None:
            continue
        offices.append((
            office,
            _qualifier_date(statement, "P580", end=False),
            _qualifier_date(statement, "P582", end=True),
        ))
    return _entity(qid, label, None, aliases, offices, instance_of, source, DUMP)


def _iter_dump(path: Path) -> Iterator[ImportedEntity | InputError]:
    with _open_text(path) as handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except (OSError, EOFError, UnicodeDecodeError) as err:
                yield InputError(str(path), f"cannot read: {err}", number + 1)
                return
            if not line:
                return
            number += 1
            text = line.strip()
            if text.endswith(","):
                text = text[:-1].rstrip()
            if text in ("", "[", "]"):
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as err:
                yield InputError(str(path), f"broken JSON: {err.msg} (column {err.colno})", number)
                continue
            if not isinstance(data, dict):
                yield InputError(str(path), "a dump line must be one entity (a JSON object)", number)
                continue
            try:
                entity = entity_from_dump_json(data, path.name)
            except (ValueError, TypeError, AttributeError) as err:
                yield InputError(str(path), str(err), number)
                continue
            if entity is not None:
                yield entity


# -- SPARQL results ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Term:
    value: str
    kind: str  # "uri" | "literal" | "bnode"
    lang: str | None = None


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _tsv_term(cell: str) -> _Term | None:
    """A term of the SPARQL 1.1 TSV results format (Turtle syntax); bare text is a literal."""
    cell = cell.strip()
    if not cell:
        return None
    if cell.startswith("<") and cell.endswith(">"):
        return _Term(cell[1:-1], "uri")
    if cell.startswith("_:"):
        return _Term(cell[2:], "bnode")
    if cell[0] in "\"'":
        quote = cell[0]
        out, i = [], 1
        while i < len(cell):
            ch = cell[i]
            if ch == "\\" and i + 1 < len(cell):
                nxt = cell[i + 1]
                if nxt in "uU":
                    width = 4 if nxt == "u" else 8
                    out.append(chr(int(cell[i + 2:i + 2 + width], 16)))
                    i += 2 + width
                    continue
                out.append(_TSV_ESCAPES.get(nxt, nxt))
                i += 2
                continue
            if ch == quote:
                break
            out.append(ch)
            i += 1
        else:
            raise ValueError(f"unterminated literal {cell!r}")
        rest = cell[i + 1:]
        lang = rest[1:] if rest.startswith("@") else None
        return _Term("".join(out), "literal", lang)
    return _Term(cell, "uri" if re.match(r"^https?://", cell) else "literal")


def _csv_term(cell: str) -> _Term | None:
    cell = cell.strip()
    if not cell:
        return None
    if cell.startswith("_:"):
        return _Term(cell[2:], "bnode")
    return _Term(cell, "uri" if re.match(r"^https?://\S+$", cell) else "literal")


def _json_term(binding: object) -> _Term | None:
    if not isinstance(binding, dict) or not isinstance(binding.get("value"), str):
        raise TypeError(f"a binding needs a 'type' and a string 'value', found {binding!r}")
    kind = binding.get("type")
    if kind in ("literal", "typed-literal"):
        return _Term(binding["value"], "literal", binding.get("xml:lang"))
    if kind in ("uri", "bnode"):
        return _Term(binding["value"], kind)
    raise ValueError(f"unknown binding type {kind!r}")


_ALIASES = {
    "item": "item", "qid": "item",
    "itemlabel": "label", "label": "label",
    "type": "type",
    "altlabels": "altLabels", "aliases": "altLabels",
    "altlabel": "altLabel", "alias": "altLabel",
    "itemaltlabel": "itemAltLabel",
    "office": "office", "position": "office",
    "officelabel": "officeLabel", "positionlabel": "officeLabel",
    "start": "start", "starttime": "start",
    "end": "end", "endtime": "end",
}


class _Accumulator:
    """Joins consecutive SPARQL rows of one item into one entity."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.qid: str | None = None
        self.reset()

    def reset(self) -> None:
        self.label: str | None = None
        self.explicit: str | None = None
        self.aliases: list[str] = []
        self.offices: list[Office] = []
        self.classes: list[str] = []
        self.where: int | None = None

    def flush(self) -> ImportedEntity | InputError | None:
        if self.qid is None:
            return None
        qid, where = self.qid, self.where
        label, explicit = self.label, self.explicit
        aliases, offices, classes = self.aliases, self.offices, self.classes
        self.qid = None
        self.reset()
        if label is None:
            return InputError(str(self.path), f"{qid} has no English label (itemLabel)", where)
        return _entity(qid, label, explicit, aliases, offices, classes, self.path.name, SPARQL)

    def add(self, row: dict[str, _Term], where: int) -> Iterator[ImportedEntity | InputError]:
        """Add one row (variable -> term); yields the previous item when this row starts a new one."""
        item = row.get("item")
        qid = qid_of(item.value) if item is not None and item.kind == "uri" else None
        if qid is None:
            yield InputError(str(self.path), f"'item' must be a Wikidata entity IRI, found {item.value if item else 'nothing'!r}", where)
            return
        if qid != self.qid:
            done = self.flush()
            if done is not None:
                yield done
            self.qid, self.where = qid, where
        label = row.get("label")
        if label is not None and label.kind == "literal" and _english(label.value, label.lang):
            text = " ".join(label.value.split())
            if text and text != qid and self.label is None:  # the label service falls back to the QID
                self.label = text
        typ = row.get("type")
        if typ is not None:
            explicit = _explicit_type(typ)
            if explicit is None:
                class_qid = qid_of(typ.value) if typ.kind == "uri" else None
                if class_qid is None:
                    yield InputError(str(self.path), f"unknown type {typ.value!r}: use Person, Organization, Country, Place or a Wikidata class IRI", where)
                elif class_qid not in self.classes:
                    self.classes.append(class_qid)
            elif self.explicit not in (None, explicit):
                yield InputError(str(self.path), f"{qid}: conflicting types {self.explicit} and {explicit}", where)
            else:
                self.explicit = explicit
        for key in ("altLabels", "altLabel", "itemAltLabel"):
            term = row.get(key)
            if term is None or term.kind != "literal" or not _english(term.value, term.lang):
                continue
            separator = {"altLabels": "|", "itemAltLabel": ", "}.get(key)
            parts = term.value.split(separator) if separator else [term.value]
            self.aliases.extend(p for p in (" ".join(x.split()) for x in parts) if p)
        office = row.get("office")
        office_label = row.get("officeLabel")
        name = None
        if office_label is not None and office_label.kind == "literal" and _english(office_label.value, office_label.lang):
            name = " ".join(office_label.value.split()) or None
        if name is None and office is not None:
            name = qid_of(office.value) or office.value
        if name is not None:
            start, end = row.get("start"), row.get("end")
            term = (
                name,
                parse_time(start.value, end=False) if start is not None else None,
                parse_time(end.value, end=True) if end is not None else None,
            )
            if term not in self.offices:
                self.offices.append(term)


def _explicit_type(term: _Term) -> str | None:
    value = term.value.strip()
    if value.startswith(SG_ONTOLOGY):
        value = value[len(SG_ONTOLOGY):]
    elif value.startswith("sg:"):
        value = value[3:]
    for typ in ENTRY_TYPES:
        if value.casefold() == typ.casefold():
            return typ
    return None


def _normalise_variables(names: Iterable[str]) -> list[str | None]:
    return [_ALIASES.get(n.strip().lstrip("?$").casefold()) for n in names]


def _iter_sparql_table(path: Path, delimiter: str) -> Iterator[ImportedEntity | InputError]:
    decode = _tsv_term if delimiter == "\t" else _csv_term
    with _open_text(path) as handle:
        if delimiter == "\t":  # TSV results: no quoting; literals carry their own quotes
            reader: Iterator[list[str]] = (line.rstrip("\r\n").split("\t") for line in handle)
        else:
            reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as err:
            raise InputError(str(path), f"unreadable header: {err}", 1) from err
        if header is None:
            raise InputError(str(path), "empty file: expected a SPARQL result with a header row")
        if header and header[0].startswith(codecs.BOM_UTF8.decode("utf-8")):
            header[0] = header[0][1:]
        variables = _normalise_variables(header)
        if "item" not in variables:
            raise InputError(str(path), f"the header has no 'item' variable: {header!r}", 1)
        acc = _Accumulator(path)
        number = 1
        while True:
            try:
                cells = next(reader, None)
            except (csv.Error, UnicodeDecodeError) as err:
                yield InputError(str(path), f"unreadable row: {err}", number + 1)
                break
            if cells is None:
                break
            number += 1
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(variables):
                yield InputError(str(path), f"expected {len(variables)} values, found {len(cells)}", number)
                continue
            try:
                row = {v: t for v, t in ((v, decode(c)) for v, c in zip(variables, cells)) if v and t is not None}
            except ValueError as err:
                yield InputError(str(path), str(err), number)
                continue
            yield from acc.add(row, number)
        done = acc.flush()
        if done is not None:
            yield done


class _JsonStream:
    """Just enough of an incremental JSON reader to walk the top two levels of a SPARQL JSON
    result and decode each binding on its own (values are decoded with json.raw_decode)."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self.handle, self.path = handle, path
        self.buffer, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()
        self.line = 1  # line of self.pos, for messages

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = _read_guarded(self.handle, _CHUNK, self.path)
        if not chunk:
            self.eof = True
            return False
        self.line += self.buffer.count("\n", 0, self.pos)
        self.buffer = self.buffer[self.pos:] + chunk
        self.pos = 0
        return True

    def where(self) -> int:
        return self.line + self.buffer.count("\n", 0, self.pos)

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buffer) and self.buffer[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buffer):
                return self.buffer[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise InputError(str(self.path), f"broken SPARQL JSON: expected {char!r}, found {found or 'end of file'!r}", self.where())
        self.pos += 1

    def value(self):
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.pos)
                if end < len(self.buffer) or self.eof:  # a number may go on in the next chunk
                    self.pos = end
                    return value
            except json.JSONDecodeError as err:
                if self.eof:
                    raise InputError(str(self.path), f"broken SPARQL JSON: {err.msg}", self.where()) from err
            if not self._fill():
                self.eof = True

    def members(self) -> Iterator[str]:
        """Keys of the object that starts here; the caller consumes each key's value."""
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise InputError(str(self.path), "broken SPARQL JSON: an object key must be a string", self.where())
            self.expect(":")
            yield key
            nxt = self.peek()
            self.pos += 1
            if nxt == "}":
                return
            if nxt != ",":
                raise InputError(str(self.path), f"broken SPARQL JSON: expected ',' or '}}', found {nxt or 'end of file'!r}", self.where())

    def elements(self) -> Iterator[int]:
        """Positions of the elements of the array that starts here; the caller consumes each."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        index = 0
        while True:
            yield index
            index += 1
            nxt = self.peek()
            self.pos += 1
            if nxt == "]":
                return
            if nxt != ",":
                raise InputError(str(self.path), f"broken SPARQL JSON: expected ',' or ']', found {nxt or 'end of file'!r}", self.where())


def _iter_sparql_json(path: Path) -> Iterator[ImportedEntity | InputError]:
    with _open_text(path) as handle:
        stream = _JsonStream(handle, path)
        acc = _Accumulator(path)
        seen_bindings = False
        for key in stream.members():
            if key != "results":
                stream.value()  # "head" (variables are not needed: each binding names them)
                continue
            for inner in stream.members():
                if inner != "bindings":
                    stream.value()
                    continue
                seen_bindings = True
                for index in stream.elements():
                    where = stream.where()
                    binding = stream.value()
                    if not isinstance(binding, dict):
                        yield InputError(str(path), f"binding {index + 1} is not an object", where)
                        continue
                    try:
                        row = {
                            name: term
                            for name, term in (
                                (v, _json_term(b)) for v, b in zip(_normalise_variables(binding), binding.values())
                            )
                            if name and term is not None
                        }
                    except (TypeError, ValueError) as err:
                        yield InputError(str(path), f"binding {index + 1}: {err}", where)
                        continue
                    yield from acc.add(row, where)
        if stream.peek():
            raise InputError(str(path), "broken SPARQL JSON: text after the result object", stream.where())
        if not seen_bindings:
            raise InputError(str(path), "not a SPARQL SELECT result: no results.bindings")
        done = acc.flush()
        if done is not None:
            yield done


# -- merging into a gazetteer ------------------------------------------------------------


@dataclass(frozen=True)
class GazetteerMergeReport:
    """What ``merge_into_gazetteer`` did. QIDs are sorted; messages in input order."""

    path: Path
    added: tuple[str, ...] = ()  # new rows
    updated: tuple[str, ...] = ()  # existing rows that gained aliases or offices
    filled: tuple[str, ...] = ()  # QID-less rows ("-") that got this QID
    copied: tuple[str, ...] = ()  # reference rows copied here and merged (see ``reference``)
    unchanged: tuple[str, ...] = ()  # existing rows the import had nothing new for
    skipped_untyped: tuple[str, ...] = ()  # entities with no type (and no default_type)
    clashes: tuple[str, ...] = ()  # entities not added because their label is another row's
    dropped: tuple[str, ...] = ()  # aliases or offices that cannot be written to the TSV
    errors: tuple[str, ...] = ()  # InputErrors met in the entity stream

    @property
    def skipped(self) -> int:
        return len(self.skipped_untyped)

    def lines(self) -> list[str]:
        return [
            f"added       {len(self.added)}",
            f"updated     {len(self.updated)}",
            f"QID filled  {len(self.filled)}",
            f"copied      {len(self.copied)} (from the reference gazetteer, merged)",
            f"unchanged   {len(self.unchanged)}",
            f"no type     {len(self.skipped_untyped)} (skipped)",
            f"clashes     {len(self.clashes)} (skipped)",
            f"errors      {len(self.errors)}",
        ]


@dataclass
class _Row:
    cells: dict[str, str]

    @property
    def qid(self) -> str | None:
        q = self.cells["qid"].strip()
        return q if q and q != "-" else None

    @property
    def label(self) -> str:
        return self.cells["label"]


def _qid_number(qid: str) -> int:
    return int(qid[1:])


def _split_cell(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _office_cell(terms: Iterable[Office]) -> str:
    return ";".join(
        f"{office}|{start.isoformat() if start else ''}|{end.isoformat() if end else ''}"
        for office, start, end in terms
    )


def _parse_office_cell(cell: str) -> list[tuple[str, str, str]]:
    out = []
    for part in cell.split(";"):
        if part.strip():
            fields = [f.strip() for f in part.split("|")]
            if len(fields) == 3:
                out.append((fields[0], fields[1], fields[2]))
    return out


def _writable(text: str, separators: str) -> bool:
    """Can ``text`` go into a cell split on ``separators`` (and read back unchanged)?"""
    return bool(text) and not any(ch in text for ch in _LINE_BREAKS + tuple(separators))


def _read_gazetteer_rows(path: Path) -> tuple[list[str], list[str], list[_Row]]:
    """(comment lines before the header, comment lines after it, rows) of a gazetteer TSV."""
    leading: list[str] = []
    trailing: list[str] = []
    rows: list[_Row] = []
    if not path.exists():
        return leading, trailing, rows
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as handle:
        for number, cells in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not cells:
                continue
            if cells[0].startswith("#"):
                # a comment is one line; csv may have split it on tabs: join it back
                (leading if header is None else trailing).append("\t".join(cells))
                continue
            if header is None:
                if cells != GAZETTEER_COLUMNS:
                    raise ConfigError(f"{path}:{number}: header must be {' '.join(GAZETTEER_COLUMNS)}, found {' '.join(cells)}")
                header = cells
                continue
            if len(cells) != len(GAZETTEER_COLUMNS):
                raise ConfigError(f"{path}:{number}: expected {len(GAZETTEER_COLUMNS)} columns, found {len(cells)}")
            rows.append(_Row(dict(zip(GAZETTEER_COLUMNS, cells))))
    return leading, trailing, rows


def _evidence(source: str, origin: str) -> str:
    kind = "SPARQL result" if origin == SPARQL else "dump"
    return f"imported from {source or 'an unnamed file'} (Wikidata {kind})"


def merge_into_gazetteer(
    entities: Iterable[ImportedEntity | InputError],
    gazetteer_path: str | Path,
    *,
    default_type: str | None = None,
    reference: Iterable[str | Path] = (),
) -> GazetteerMergeReport:
    """Merge imported entities into the gazetteer TSV at ``gazetteer_path`` and rewrite it.

    - A new QID becomes a row with strength ``strong`` (a Wikidata file pairs QID and label)
      and evidence ``imported from <file name> (Wikidata dump|SPARQL result)``.
    - A QID the file already has keeps its label, type, demonyms, strength and QID; it gains
      the imported label (if different) and aliases as aliases, and the new office terms; its
      evidence notes the file.
    - A row without a QID (``-``) of the same type and label gets the QID only when exactly one
      imported entity of that type has the label and, if the row lists offices, one imported
      office term starts or ends on the same day as one of the row's terms (evidence that it
      is the same person); otherwise the entity is a clash.
    - Labels stay unique (the NLP entity ruler uses them as ids) and curated names stay
      unambiguous: an entity whose label is the label or an alias of a row with another QID,
      or the label of another imported entity, is not added (``clashes``); an imported alias
      that is already a name of another row is not added (``dropped``), since it would make
      that row's name ambiguous and unlink it.
    - Entities with neither a type nor ``default_type`` are skipped (``skipped_untyped``).
    - Office labels that are QIDs (dump extracts) are replaced by the label of that office item
      when the import holds it. Aliases or offices containing ``|``, ``;``, tabs or line
      breaks cannot be written and are dropped (``dropped``).

    ``reference`` names other gazetteers loaded together with this one (typically the shipped
    ``data/lexicon/gazetteer.tsv`` when ``gazetteer_path`` is an extra ``--gazetteer`` file).
    They are not rewritten, but their labels and names count for the clash rules above, and an
    imported QID that a reference already has is merged into a *copy* of that row written to
    ``gazetteer_path`` (``copied``): since an extra gazetteer's row replaces the shipped row
    with the same QID at load time, the copy keeps the shipped label, type, demonyms, strength
    and evidence. A QID-less reference row is never given a QID here (a clash: fill it in the
    reference file itself).

    The file is rewritten deterministically: comment lines before and after the header kept in
    place, rows sorted by label (then QID), aliases and office terms in stable order; writing
    the same import twice gives the same bytes. A missing file is created.
    """
    from kg.atomic import atomic_write

    path = Path(gazetteer_path)
    if default_type is not None and default_type not in ENTRY_TYPES:
        raise ConfigError(f"default type must be one of {', '.join(ENTRY_TYPES)}, not {default_type!r}")
    leading, trailing, rows = _read_gazetteer_rows(path)
    reference_rows: list[_Row] = []
    for other in reference:
        if Path(other).resolve() != path.resolve():
            reference_rows.extend(_read_gazetteer_rows(Path(other))[2])

    errors: list[str] = []
    merged: dict[str, ImportedEntity] = {}
    labels_seen: dict[str, str] = {}  # every imported QID -> label (to name offices)
    for item in entities:
        if isinstance(item, InputError):
            errors.append(str(item))
            continue
        labels_seen.setdefault(item.qid, item.label)
        previous = merged.get(item.qid)
        if previous is None:
            merged[item.qid] = item
        else:
            merged[item.qid] = ImportedEntity(
                previous.qid, previous.label, previous.type or item.type,
                tuple(dict.fromkeys(previous.aliases + item.aliases + ((item.label,) if item.label != previous.label else ()))),
                tuple(dict.fromkeys(previous.offices + item.offices)),
                tuple(dict.fromkeys(previous.instance_of + item.instance_of)),
                previous.source, previous.origin,
            )

    dropped: list[str] = []

    def office_terms(entity: ImportedEntity) -> list[Office]:
        out = []
        for office, start, end in entity.offices:
            name = labels_seen.get(office, office) if _QID.match(office) else office
            if _writable(name, "|;"):
                out.append((name, start, end))
            else:
                dropped.append(f"{entity.qid}: office {name!r}")
        return out

    def alias_list(entity: ImportedEntity, own: _Row | None) -> list[str]:
        out = []
        for alias in (entity.label,) + entity.aliases:
            if not _writable(alias, "|"):
                dropped.append(f"{entity.qid}: alias {alias!r} (contains '|' or a line break)")
            elif any(
                owner is not own and owner.qid != entity.qid for owner in names_of_rows.get(alias.casefold(), ())
            ):
                # it would make a name of a curated row ambiguous, and unlink it
                dropped.append(f"{entity.qid}: alias {alias!r} (already a name of another row)")
            else:
                out.append(alias)
        return out

    by_qid = {row.qid: row for row in rows if row.qid}
    reference_by_qid = {row.qid: row for row in reference_rows if row.qid and row.qid not in by_qid}
    # every name (label, alias) of the existing rows -> those rows
    names_of_rows: dict[str, list[_Row]] = {}
    for row in rows + reference_rows:
        for name in [row.label, *_split_cell(row.cells["aliases"])]:
            owners = names_of_rows.setdefault(name.casefold(), [])
            if not any(o is row for o in owners):
                owners.append(row)
    by_label: dict[str, list[_Row]] = {}
    for row in rows + reference_rows:
        by_label.setdefault(row.label.casefold(), []).append(row)
    imported_labels: dict[str, list[str]] = {}
    for entity in merged.values():
        imported_labels.setdefault(entity.label.casefold(), []).append(entity.qid)

    added, updated, filled, unchanged, skipped, clashes, copied = [], [], [], [], [], [], []
    for qid in sorted(merged, key=_qid_number):
        entity = merged[qid]
        typ = entity.type or default_type
        row = by_qid.get(qid)
        if row is None and qid in reference_by_qid:
            original = reference_by_qid[qid]
            row = _Row(dict(original.cells))
            _merge_row(row, entity, alias_list(entity, original), office_terms(entity))
            rows.append(row)
            by_qid[qid] = row
            copied.append(qid)
            continue
        if row is not None:
            if _merge_row(row, entity, alias_list(entity, row), office_terms(entity)):
                updated.append(qid)
            else:
                unchanged.append(qid)
            continue
        if typ is None:
            skipped.append(qid)
            continue
        if not _writable(entity.label, "|"):
            clashes.append(f"{qid}: label {entity.label!r} cannot be written to the gazetteer")
            continue
        same_label = by_label.get(entity.label.casefold(), [])
        alias_owners = sorted(
            f"{o.label} ({o.qid or '-'})" for o in names_of_rows.get(entity.label.casefold(), ())
            if not any(o is r for r in same_label)
        )
        if alias_owners:
            clashes.append(f"{qid}: label {entity.label!r} is already an alias of {', '.join(alias_owners)}")
            continue
        if len(imported_labels[entity.label.casefold()]) > 1:
            others = ", ".join(q for q in imported_labels[entity.label.casefold()] if q != qid)
            clashes.append(f"{qid}: label {entity.label!r} is also the label of imported {others}")
            continue
        if same_label:
            target = same_label[0]
            terms = office_terms(entity)
            if (
                len(same_label) == 1 and target.qid is None and target.cells["type"] == typ
                and not any(target is r for r in reference_rows)
                and _same_holder(target, terms)
            ):
                target.cells["qid"] = qid
                if target.cells["strength"] in ("", "-"):
                    target.cells["strength"] = "strong"
                _merge_row(target, entity, alias_list(entity, target), terms)
                target.cells["evidence"] = _append_note(
                    target.cells["evidence"], f"QID {qid} {_evidence(entity.source, entity.origin)}"
                )
                by_qid[qid] = target
                filled.append(qid)
            else:
                where = ", ".join(f"{r.cells['qid'] or '-'} ({r.cells['type']})" for r in same_label)
                clashes.append(f"{qid}: label {entity.label!r} is already the label of {where}")
            continue
        names = alias_list(entity, None)
        row = _Row({
            "qid": qid,
            "label": entity.label,
            "type": typ,
            "aliases": "|".join(n for n in names if n != entity.label),
            "demonyms": "",
            "strength": "strong",
            "offices": _office_cell(sorted(set(office_terms(entity)), key=_office_key)),
            "evidence": _evidence(entity.source, entity.origin),
        })
        rows.append(row)
        by_qid[qid] = row
        by_label.setdefault(entity.label.casefold(), []).append(row)
        added.append(qid)

    rows.sort(key=lambda r: (r.label.casefold(), r.label, _qid_number(r.qid) if r.qid else -1))
    buffer = io.StringIO()
    for line in leading:
        buffer.write(line + "\n")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(GAZETTEER_COLUMNS)
    for line in trailing:
        buffer.write(line + "\n")
    for row in rows:
        writer.writerow([row.cells[c] for c in GAZETTEER_COLUMNS])
    atomic_write(path, buffer.getvalue().encode("utf-8"))
    return GazetteerMergeReport(
        path=path, added=tuple(added), updated=tuple(updated), filled=tuple(filled), copied=tuple(copied),
        unchanged=tuple(unchanged), skipped_untyped=tuple(skipped), clashes=tuple(clashes),
        dropped=tuple(dropped), errors=tuple(errors),
    )


def _office_key(term: Office) -> tuple:
    office, start, end = term
    return (start or dt.date.min, end or dt.date.max, office)


def _same_holder(row: _Row, terms: list[Office]) -> bool:
    """A QID-less row may take an imported QID: no offices to contradict it, or a shared date."""
    existing = _parse_office_cell(row.cells["offices"])
    if not existing:
        return True
    days = {d for _, start, end in existing for d in (start, end) if d}
    return any(
        (start and start.isoformat() in days) or (end and end.isoformat() in days)
        for _, start, end in terms
    )


def _append_note(evidence: str, note: str) -> str:
    if note in evidence:
        return evidence
    return f"{evidence}; {note}" if evidence else note


def _merge_row(row: _Row, entity: ImportedEntity, names: list[str], terms: list[Office]) -> bool:
    """Add new aliases and office terms to an existing row; True if anything changed."""
    changed = False
    aliases = _split_cell(row.cells["aliases"])
    known = {row.label, *aliases}
    new_aliases = sorted({n for n in names if n not in known})
    if new_aliases:
        aliases.extend(new_aliases)
        row.cells["aliases"] = "|".join(aliases)
        changed = True
    existing = _parse_office_cell(row.cells["offices"])
    present = set(existing)
    new_terms = sorted(
        {t for t in terms if (t[0], t[1].isoformat() if t[1] else "", t[2].isoformat() if t[2] else "") not in present},
        key=_office_key,
    )
    if new_terms:
        cell = row.cells["offices"].strip().rstrip(";")
        addition = _office_cell(new_terms)
        row.cells["offices"] = f"{cell};{addition}" if cell else addition
        changed = True
    if changed:
        row.cells["evidence"] = _append_note(
            row.cells["evidence"], f"aliases/offices merged from {_evidence(entity.source, entity.origin)[len('imported from '):]}"
        )
    return changed


__all__ = [
    "GazetteerMergeReport",
    "ImportedEntity",
    "iter_wikidata_entities",
    "load_wikidata_classes",
    "merge_into_gazetteer",
    "parse_time",
    "qid_of",
    "type_from_classes",
]
