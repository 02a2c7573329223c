"""Read the actor-to-Wikidata mappings a person reviewed (SSSOM/TSV), for ``kg build --mappings``.

The file is SSSOM/TSV: a YAML metadata block whose lines start with ``#`` (with a
``curie_map``), then a TSV table with a header row. The usual way to make one is to take a
build's ``OUT/mappings.sssom.tsv`` and edit the rows. CURIEs are expanded through the file's
``curie_map``; ``owl``, ``rdf``, ``rdfs``, ``skos``, ``semapv``, ``sssom``, ``xsd`` and
``dcterms`` are built in (as in SSSOM), and ``wikidata``/``wd`` (Wikidata entities) and ``sg``
(the stancegraph ontology) are assumed when the file does not declare them. Full IRIs are
accepted too.

Only rows whose predicate is ``skos:exactMatch`` or ``owl:sameAs`` and whose object is a
Wikidata item (``http://www.wikidata.org/entity/Q…``) are considered. Among those:

**Accepted** ("this actor is this item", the link becomes ``owl:sameAs``):
  - ``mapping_justification`` ``semapv:ManualMappingCuration`` with ``confidence`` empty or
    at least 0.95;
  - ``mapping_justification`` ``semapv:MappingReview`` (SSSOM 1.1) with a ``reviewer_id`` or
    ``reviewer_label``, ``reviewer_agreement`` empty (SSSOM: 1.0 by default) or at least 0.95,
    and ``confidence`` empty or at least 0.95.

**Rejected** ("reviewed: NOT this item"; the linker will never assert it):
  - ``predicate_modifier`` ``Not`` (whatever the justification);
  - ``semapv:ManualMappingCuration`` with ``confidence`` 0;
  - ``semapv:MappingReview`` with a reviewer and a negative ``reviewer_agreement``.

A ``reviewer_agreement`` without ``reviewer_id`` or ``reviewer_label`` is invalid SSSOM and
raises ``InputError``; a ``semapv:MappingReview`` row without a reviewer is not a review.

Everything else is not a review and is ignored (counted in ``ignored``): in particular the
linker's own rows (``semapv:LexicalMatching``) whatever their confidence, and manual rows with
a confidence strictly between 0 and 0.95 (the curator was unsure). A free-text comment saying
"reviewed" is deliberately *not* enough: the decision must be in the structured columns, so
that a build's own mappings file can never approve itself.

A subject may be accepted with one QID only, and cannot be accepted and rejected with the same
QID: both raise ``InputError`` naming the file and the line. ``by_label`` maps
(``subject_label`` casefolded, type from ``subject_category``) to the accepted QID, so that a
reviewed subject can be recognised when its IRI differs (another ``--base``, or an actor whose
key changed); a label+type that two rows accept with different QIDs is left out of
``by_label`` (listed in ``ambiguous_labels``).
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.ids import ACTOR_PATH, normalized_base
from kg.link.names import actor_key

WIKIDATA = "http://www.wikidata.org/entity/"
SG = "https://w3id.org/stancegraph/ontology#"
SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
OWL_SAME = "http://www.w3.org/2002/07/owl#sameAs"
SEMAPV = "https://w3id.org/semapv/vocab/"
MANUAL = SEMAPV + "ManualMappingCuration"
REVIEW = SEMAPV + "MappingReview"
ACCEPT_AT = 0.95
ACTOR_TYPES = ("Person", "Organization", "Country")

BUILTIN_PREFIXES = {
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "semapv": SEMAPV,
    "sssom": "https://w3id.org/sssom/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dcterms": "http://purl.org/dc/terms/",
}
ASSUMED_PREFIXES = {"wikidata": WIKIDATA, "wd": WIKIDATA, "sg": SG}
REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")

_QID_IRI = re.compile(r"^http://www\.wikidata\.org/entity/(Q[1-9][0-9]*)$")
_CURIE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(.*)$")

LabelKey = tuple[str, "str | None"]


@dataclass(frozen=True)
class ReviewedMappings:
    """Reviewed mappings: subject IRIs to accepted QIDs and to rejected QIDs."""

    accepted: dict[str, str] = field(default_factory=dict)  # subject IRI -> QID
    rejected: dict[str, frozenset[str]] = field(default_factory=dict)  # subject IRI -> QIDs
    by_label: dict[LabelKey, str] = field(default_factory=dict)  # (label casefold, type) -> QID
    rejected_by_label: dict[LabelKey, frozenset[str]] = field(default_factory=dict)
    subjects: dict[str, LabelKey] = field(default_factory=dict)  # subject IRI -> (label, type)
    ambiguous_labels: tuple[LabelKey, ...] = ()
    ignored: int = 0  # rows that are not reviews
    source: str = ""

    def qid_for(self, iri: str, label: str | None = None, type_: str | None = None) -> str | None:
        """The accepted QID of a subject: by IRI, else by label and type."""
        if iri in self.accepted:
            return self.accepted[iri]
        if label is not None:
            return self.by_label.get((label.casefold(), type_))
        return None

    def rejected_for(self, iri: str, label: str | None = None, type_: str | None = None) -> frozenset[str]:
        found = set(self.rejected.get(iri, ()))
        if label is not None:
            found |= self.rejected_by_label.get((label.casefold(), type_), frozenset())
        return frozenset(found)


def _header(lines: list[str], source: str) -> dict:
    text = "\n".join(line[1:] for line in lines)
    try:
        data = yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(source, f"the '#' metadata block is not valid YAML: {getattr(err, 'problem', err)}", line) from err
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(source, "the '#' metadata block must be a YAML mapping", 1)
    curie_map = data.get("curie_map") or {}
    if not isinstance(curie_map, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in curie_map.items()):
        raise InputError(source, "curie_map must map prefixes to IRIs", 1)
    data["curie_map"] = curie_map
    return data


def _expander(curie_map: dict[str, str], source: str):
    prefixes = {**ASSUMED_PREFIXES, **BUILTIN_PREFIXES, **curie_map}

    def expand(value: str, line: int, column: str) -> str:
        value = value.strip()
        if value.startswith("<") and value.endswith(">"):
            return value[1:-1]
        if value.startswith(("http://", "https://", "urn:")):
            return value
        match = _CURIE.match(value)
        if not match:
            raise InputError(source, f"{column} {value!r} is neither a CURIE nor an IRI", line)
        prefix, local = match.groups()
        if prefix not in prefixes:
            raise InputError(source, f"{column} {value!r}: prefix {prefix!r} is not in the curie_map", line)
        return prefixes[prefix] + local

    return expand


def _number(cell: str, column: str, low: float, high: float, source: str, line: int) -> float | None:
    cell = cell.strip()
    if not cell:
        return None
    try:
        value = float(cell)
    except ValueError as err:
        raise InputError(source, f"{column} {cell!r} is not a number", line) from err
    if not low <= value <= high:
        raise InputError(source, f"{column} {cell!r} is outside [{low:g}, {high:g}]", line)
    return value


def _actor_type(category: str) -> str | None:
    for prefix in (SG, "sg:"):
        category = category.removeprefix(prefix)
    return category if category in ACTOR_TYPES else None


def _verdict(row: dict[str, str], justification: str, source: str, line: int) -> str | None:
    """"accept", "reject" or None (not a review)."""
    if row.get("predicate_modifier", "").strip() == "Not":
        return "reject"
    if row.get("predicate_modifier", "").strip():
        raise InputError(source, f"predicate_modifier must be empty or 'Not', found {row['predicate_modifier']!r}", line)
    confidence = _number(row.get("confidence", ""), "confidence", 0.0, 1.0, source, line)
    if justification == MANUAL:
        if confidence is None or confidence >= ACCEPT_AT:
            return "accept"
        return "reject" if confidence == 0.0 else None
    agreement = _number(row.get("reviewer_agreement", ""), "reviewer_agreement", -1.0, 1.0, source, line)
    reviewer = row.get("reviewer_id", "").strip() or row.get("reviewer_label", "").strip()
    if agreement is not None and not reviewer:
        raise InputError(source, "reviewer_agreement needs a reviewer_id or reviewer_label (SSSOM)", line)
    if justification == REVIEW and reviewer:
        agreement = 1.0 if agreement is None else agreement
        if agreement < 0:
            return "reject"
        if agreement >= ACCEPT_AT and (confidence is None or confidence >= ACCEPT_AT):
            return "accept"
    return None


def _rows_with_errors(reader, source: str, first: int):
    """(line number of the row's first line, cells) for each row; csv and decoding errors
    become InputErrors naming the line."""
    while True:
        start = first + reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise InputError(source, f"broken row: {err}", start) from err
        except UnicodeDecodeError as err:
            raise InputError(source, f"not UTF-8: {err.reason}", start) from err
        yield start, cells


@dataclass
class _Verdicts:
    """The reviews read so far: accepted (QID, line) and rejected QIDs by subject IRI, each
    subject's label and actor type, and how many rows were no review."""

    source: str
    accepted: dict[str, tuple[str, int]] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    ignored: int = 0
    rejected_at: dict[tuple[str, str], int] = field(default_factory=dict)

    def take(self, row: dict[str, str], expand, line: int) -> None:
        subject = expand(row["subject_id"], line, "subject_id")
        predicate = expand(row["predicate_id"], line, "predicate_id")
        match = _QID_IRI.match(expand(row["object_id"], line, "object_id"))
        justification = expand(row["mapping_justification"], line, "mapping_justification")
        if predicate not in (SKOS_EXACT, OWL_SAME) or match is None:
            self.ignored += 1
            return
        verdict = _verdict(row, justification, self.source, line)
        if verdict is None:
            self.ignored += 1
            return
        label = row.get("subject_label", "").strip()
        category = row.get("subject_category", "").strip()
        type_ = _actor_type(expand(category, line, "subject_category")) if category else None
        if label:
            self.labels.setdefault(subject, (label, type_))
        if verdict == "accept":
            self._accept(subject, row["subject_id"], match.group(1), line)
        else:
            self._reject(subject, row["subject_id"], match.group(1), line)

    def _accept(self, subject: str, written: str, qid: str, line: int) -> None:
        if subject in self.accepted and self.accepted[subject][0] != qid:
            first, at = self.accepted[subject]
            raise InputError(self.source, f"{written} is accepted as {first} (line {at}) and as {qid}", line)
        if (subject, qid) in self.rejected_at:
            raise InputError(self.source, f"{written} {qid} is both accepted and rejected "
                                          f"(line {self.rejected_at[(subject, qid)]})", line)
        self.accepted.setdefault(subject, (qid, line))

    def _reject(self, subject: str, written: str, qid: str, line: int) -> None:
        if subject in self.accepted and self.accepted[subject][0] == qid:
            raise InputError(self.source, f"{written} {qid} is both accepted (line {self.accepted[subject][1]}) "
                                          "and rejected", line)
        self.rejected.setdefault(subject, set()).add(qid)
        self.rejected_at.setdefault((subject, qid), line)


def _table(handle, source: str):
    """(the CURIE expander, the table's header, its rows as (line, cells)) of an open SSSOM/TSV file."""
    meta_lines: list[str] = []
    try:
        line_text = handle.readline()
        while line_text.startswith("#"):
            meta_lines.append(line_text.rstrip("\r\n"))
            line_text = handle.readline()
        meta = _header(meta_lines, source)
        expand = _expander(meta["curie_map"], source)
        first = len(meta_lines) + 1  # 1-based line number of the table header
        reader = csv.reader(itertools.chain([line_text], handle), delimiter="\t")
        rows = _rows_with_errors(reader, source, first)
    except UnicodeDecodeError as err:
        raise InputError(source, f"not UTF-8: {err.reason}", len(meta_lines) + 1) from err
    header_row = next(rows, None)
    if header_row is None or not any(h.strip() for h in header_row[1]):
        raise InputError(source, "no mapping table after the metadata block", first)
    header = [h.strip() for h in header_row[1]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InputError(source, f"the table lacks column(s) {', '.join(missing)}", first)
    return expand, header, rows


def read_reviewed_mappings(path: str | Path) -> ReviewedMappings:
    """Read reviewed SSSOM/TSV mappings (see the module docstring for what counts as reviewed)."""
    path = Path(path)
    source = str(path)
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(source, f"cannot open: {err.strerror or err}") from err
    verdicts = _Verdicts(source)
    with handle:
        expand, header, rows = _table(handle, source)
        for line, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise InputError(source, f"expected {len(header)} columns, found {len(cells)}", line)
            verdicts.take(dict(zip(header, cells)), expand, line)
    return _mappings(verdicts)


def _label_key_order(item) -> tuple[str, str]:
    key = item[0] if isinstance(item, tuple) and isinstance(item[0], tuple) else item
    return key[0], key[1] or ""


def _mappings(verdicts: _Verdicts) -> ReviewedMappings:
    """The reviews by subject, and by (label, type) where a label is unambiguous."""
    accepted, labels = verdicts.accepted, verdicts.labels
    by_label: dict[LabelKey, str] = {}
    ambiguous: set[LabelKey] = set()
    for subject, (qid, _line) in sorted(accepted.items()):
        if subject not in labels:
            continue
        label, type_ = labels[subject]
        key = (label.casefold(), type_)
        if key in by_label and by_label[key] != qid:
            ambiguous.add(key)
        by_label.setdefault(key, qid)
    for key in ambiguous:
        del by_label[key]
    rejected_by_label: dict[LabelKey, set[str]] = {}
    for subject, qids in verdicts.rejected.items():
        if subject in labels:
            label, type_ = labels[subject]
            rejected_by_label.setdefault((label.casefold(), type_), set()).update(qids)
    return ReviewedMappings(
        accepted={s: q for s, (q, _) in sorted(accepted.items())},
        rejected={s: frozenset(q) for s, q in sorted(verdicts.rejected.items())},
        by_label=dict(sorted(by_label.items(), key=_label_key_order)),
        rejected_by_label={k: frozenset(v) for k, v in sorted(rejected_by_label.items(), key=_label_key_order)},
        subjects=dict(sorted(labels.items())),
        ambiguous_labels=tuple(sorted(ambiguous, key=_label_key_order)),
        ignored=verdicts.ignored,
        source=verdicts.source,
    )


def to_linker_review(reviewed: ReviewedMappings, base: str | None = None):
    """The linker's ``Reviewed`` (keyed by actor key ``<type>/<normalised name>``).

    A subject IRI ``<base>actor/<type>/<name>`` gives its key directly (``base`` defaults to the
    build's default base); every subject with a label and an actor type also gives
    ``actor_key(type, label)``, which is how the linker looks an actor up before linking. A key
    taken from an IRI wins over the same key taken from a label.
    """
    from kg.link.linker import Reviewed

    prefix = normalized_base(base) + ACTOR_PATH
    key_re = re.compile(r"^(person|organization|country)/[^/]+$")

    def keys(subject: str) -> tuple[list[str], list[str]]:
        direct, by_label = [], []
        if subject.startswith(prefix) and key_re.match(subject[len(prefix):]):
            direct.append(subject[len(prefix):])
        label, type_ = reviewed.subjects.get(subject, ("", None))
        if label and type_:
            by_label.append(actor_key(type_, label))
        return direct, by_label

    accepted: dict[str, str] = {}
    from_label: dict[str, str] = {}
    for subject, qid in reviewed.accepted.items():
        direct, labelled = keys(subject)
        for key in direct:
            accepted[key] = qid
        for key in labelled:
            label, type_ = reviewed.subjects[subject]
            if reviewed.by_label.get((label.casefold(), type_)) == qid:
                from_label.setdefault(key, qid)
    for key, qid in from_label.items():
        accepted.setdefault(key, qid)
    rejected: dict[str, set[str]] = {}
    for subject, qids in reviewed.rejected.items():
        direct, labelled = keys(subject)
        for key in direct + labelled:
            rejected.setdefault(key, set()).update(qids)
    return Reviewed(
        accepted=dict(sorted(accepted.items())),
        rejected={k: frozenset(v - ({accepted[k]} if k in accepted else set())) for k, v in sorted(rejected.items())},
    )


__all__ = ["ReviewedMappings", "read_reviewed_mappings", "to_linker_review"]
