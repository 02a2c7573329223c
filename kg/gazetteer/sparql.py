"""SPARQL result rows as entities: the terms of each format, the variables, and the joining
of consecutive rows of one item into one entity (``RowJoiner``).

Variables (a leading ``?`` or ``$`` is ignored, case does not matter):

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

Literals with a language tag other than English (``en``, ``en-…``) or ``mul`` are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.gazetteer.classes import explicit_type
from kg.gazetteer.entity import SPARQL, ImportedEntity, Office, make_entity
from kg.gazetteer.values import is_english, parse_time, qid_of, squeeze


@dataclass(frozen=True)
class Term:
    """One value of a SPARQL result row."""

    value: str
    kind: str  # "uri" | "literal" | "bnode"
    lang: str | None = None

    def english_text(self) -> str | None:
        """The value of an English (or untagged, or ``mul``) literal; None for anything else."""
        return self.value if self.kind == "literal" and is_english(self.lang) else None


_TSV_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _quoted_literal(cell: str) -> Term:
    """A Turtle string literal (``"…"`` or ``'…'``, escapes decoded) with its language tag."""
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
    return Term("".join(out), "literal", lang)


def tsv_term(cell: str) -> Term | None:
    """A term of the SPARQL 1.1 TSV results format (Turtle syntax); bare text is a literal."""
    cell = cell.strip()
    if not cell:
        return None
    if cell.startswith("<") and cell.endswith(">"):
        return Term(cell[1:-1], "uri")
    if cell.startswith("_:"):
        return Term(cell[2:], "bnode")
    if cell[0] in "\"'":
        return _quoted_literal(cell)
    return Term(cell, "uri" if re.match(r"^https?://", cell) else "literal")


def csv_term(cell: str) -> Term | None:
    """A term of the SPARQL 1.1 CSV results format (no kinds: an http(s) IRI is a URI)."""
    cell = cell.strip()
    if not cell:
        return None
    if cell.startswith("_:"):
        return Term(cell[2:], "bnode")
    return Term(cell, "uri" if re.match(r"^https?://\S+$", cell) else "literal")


def json_term(binding: object) -> Term | None:
    """A term of the SPARQL 1.1 JSON results format; TypeError or ValueError if malformed."""
    if not isinstance(binding, dict) or not isinstance(binding.get("value"), str):
        raise TypeError(f"a binding needs a 'type' and a string 'value', found {binding!r}")
    kind = binding.get("type")
    if kind in ("literal", "typed-literal"):
        return Term(binding["value"], "literal", binding.get("xml:lang"))
    if kind in ("uri", "bnode"):
        return Term(binding["value"], kind)
    raise ValueError(f"unknown binding type {kind!r}")


_VARIABLES = {
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
_ALIAS_SEPARATORS = {"altLabels": "|", "altLabel": None, "itemAltLabel": ", "}


def normalise_variables(names: Iterable[str]) -> list[str | None]:
    """The variable each result column means (see the module docstring); None: not used."""
    return [_VARIABLES.get(n.strip().lstrip("?$").casefold()) for n in names]


class RowJoiner:
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
        """The item collected so far (None if there is none); the joiner starts afresh."""
        if self.qid is None:
            return None
        qid, where = self.qid, self.where
        label, explicit = self.label, self.explicit
        aliases, offices, classes = self.aliases, self.offices, self.classes
        self.qid = None
        self.reset()
        if label is None:
            return InputError(str(self.path), f"{qid} has no English label (itemLabel)", where)
        return make_entity(qid, label, explicit, aliases, offices, classes, self.path.name, SPARQL)

    def add(self, row: dict[str, Term], where: int) -> Iterator[ImportedEntity | InputError]:
        """Add one row (variable -> term); yields the previous item when this row starts a new one."""
        item = row.get("item")
        qid = qid_of(item.value) if item is not None and item.kind == "uri" else None
        if qid is None:
            found = item.value if item else "nothing"
            yield InputError(str(self.path), f"'item' must be a Wikidata entity IRI, found {found!r}", where)
            return
        if qid != self.qid:
            done = self.flush()
            if done is not None:
                yield done
            self.qid, self.where = qid, where
        self._add_label(row.get("label"), qid)
        if row.get("type") is not None:
            yield from self._add_type(row["type"], qid, where)
        self._add_aliases(row)
        self._add_office(row)

    def _add_label(self, term: Term | None, qid: str) -> None:
        text = squeeze(term.english_text() or "") if term is not None else ""
        if text and text != qid and self.label is None:  # the label service falls back to the QID
            self.label = text

    def _add_type(self, term: Term, qid: str, where: int) -> Iterator[InputError]:
        explicit = explicit_type(term.value)
        if explicit is None:
            class_qid = qid_of(term.value) if term.kind == "uri" else None
            if class_qid is None:
                yield InputError(
                    str(self.path),
                    f"unknown type {term.value!r}: use Person, Organization, Country, Place or a Wikidata class IRI",
                    where,
                )
            elif class_qid not in self.classes:
                self.classes.append(class_qid)
        elif self.explicit not in (None, explicit):
            yield InputError(str(self.path), f"{qid}: conflicting types {self.explicit} and {explicit}", where)
        else:
            self.explicit = explicit

    def _add_aliases(self, row: dict[str, Term]) -> None:
        for key, separator in _ALIAS_SEPARATORS.items():
            term = row.get(key)
            text = term.english_text() if term is not None else None
            if text is None:
                continue
            parts = text.split(separator) if separator else [text]
            self.aliases.extend(p for p in (squeeze(x) for x in parts) if p)

    def _add_office(self, row: dict[str, Term]) -> None:
        office, office_label = row.get("office"), row.get("officeLabel")
        label_text = office_label.english_text() if office_label is not None else None
        name = (squeeze(label_text) or None) if label_text is not None else None
        if name is None and office is not None:
            name = qid_of(office.value) or office.value
        if name is None:
            return
        start, end = row.get("start"), row.get("end")
        term = (
            name,
            parse_time(start.value, end=False) if start is not None else None,
            parse_time(end.value, end=True) if end is not None else None,
        )
        if term not in self.offices:
            self.offices.append(term)
