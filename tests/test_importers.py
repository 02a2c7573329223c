"""Wikidata dump extracts and SPARQL results become gazetteer rows (kg/gazetteer/)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.errors import ConfigError, InputError
from kg.gazetteer import (
    ImportedEntity,
    dump,
    iter_wikidata_entities,
    load_wikidata_classes,
    merge_into_gazetteer,
    parse_time,
    sparql_json,
)
from kg.lexicon import load_lexicon
from kg.lexicon.load import GAZETTEER_COLUMNS, _read_gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
REPO = Path(__file__).resolve().parent.parent
HEADER = "\t".join(GAZETTEER_COLUMNS) + "\n"


def entities(path) -> list[ImportedEntity]:
    found = list(iter_wikidata_entities(path))
    errors = [e for e in found if isinstance(e, InputError)]
    assert not errors, errors
    return found


def by_qid(path) -> dict[str, ImportedEntity]:
    return {e.qid: e for e in entities(path)}


# -- the JSON dump -----------------------------------------------------------------------


def test_dump_extract_entities():
    found = by_qid(FIXTURES / "dump-extract.json")
    assert sorted(found) == [
        "Q900000001", "Q900000002", "Q900000003", "Q900000004", "Q900000005", "Q900000101", "Q900000102",
    ]  # the property line is skipped
    person = found["Q900000001"]
    assert person.label == "Example Person"
    assert person.type == "Person"
    assert person.aliases == ("E. Person", "Example P.")
    assert person.instance_of == ("Q5",)
    # the deprecated P39 (Q900000103) is ignored; a year-precision start is 1 January;
    # a novalue end qualifier is no end
    assert person.offices == (
        ("Q900000101", dt.date(2013, 3, 16), dt.date(2022, 12, 30)),
        ("Q900000102", dt.date(2018, 1, 1), None),
    )
    assert person.source == "dump-extract.json" and person.origin == "dump"
    assert found["Q900000002"].type == "Organization"  # ministry + government agency
    assert found["Q900000003"].type == "Country"  # country + member state of the EU
    assert found["Q900000004"].type == "Place"  # city
    assert found["Q900000005"].type is None  # a class the table does not know
    assert found["Q900000101"].type is None


def test_bz2_dump_gives_the_same_entities():
    assert entities(FIXTURES / "dump-extract.json.bz2") == entities(FIXTURES / "dump-extract.json")


def test_plain_json_lines_are_accepted(tmp_path):
    lines = [
        line.rstrip(",")
        for line in (FIXTURES / "dump-extract.json").read_text(encoding="utf-8").splitlines()
        if line not in ("[", "]")
    ]
    target = tmp_path / "extract.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert entities(target) == entities(FIXTURES / "dump-extract.json")


def test_a_broken_line_is_reported_and_reading_goes_on(tmp_path):
    lines = (FIXTURES / "dump-extract.json").read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"type":"item","id":"Q900000099",')  # broken JSON on line 3
    no_label = {"type": "item", "id": "Q900000098", "labels": {"de": {"language": "de", "value": "Beispiel"}}, "claims": {}}
    lines.insert(3, json.dumps(no_label) + ",")  # line 4
    target = tmp_path / "broken.json"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = list(iter_wikidata_entities(target))
    errors = [e for e in found if isinstance(e, InputError)]
    assert [(e.line, e.source) for e in errors] == [(3, str(target)), (4, str(target))]
    assert "broken JSON" in errors[0].problem
    assert "no English label" in errors[1].problem
    assert len([e for e in found if isinstance(e, ImportedEntity)]) == 7


def test_mul_label_is_used_when_there_is_no_english_one(tmp_path):
    data = {"type": "item", "id": "Q900000097", "labels": {"mul": {"language": "mul", "value": "Example Mul"}}, "claims": {}}
    target = tmp_path / "mul.json"
    target.write_text(json.dumps(data) + "\n", encoding="utf-8")
    assert entities(target)[0].label == "Example Mul"


def test_the_dump_is_read_line_by_line(tmp_path, monkeypatch):
    """Streaming: the first entity comes out before the rest of the file is read."""
    line = (FIXTURES / "dump-extract.json").read_text(encoding="utf-8").splitlines()[1].rstrip(",")
    target = tmp_path / "many.json"
    with target.open("w", encoding="utf-8") as out:
        out.write("[\n")
        for n in range(2000):
            out.write(line.replace("Q900000001", f"Q9{n:08d}") + ",\n")
        out.write(line + "\n]\n")
    reads = []
    real_open = dump.open_text

    def spying_open(path):
        handle = real_open(path)
        original = handle.readline

        def readline(*args):
            reads.append(1)
            return original(*args)

        handle.readline = readline
        return handle

    monkeypatch.setattr(dump, "open_text", spying_open)
    iterator = iter_wikidata_entities(target)
    first = next(iterator)
    assert isinstance(first, ImportedEntity)
    assert len(reads) <= 3
    assert sum(1 for _ in iterator) == 2000


# -- SPARQL results ------------------------------------------------------------------------


EXPECTED_SPARQL = {
    "Q900000001": ImportedEntity(
        "Q900000001", "Example Person", "Person", ("E. Person", "Example P."),
        (("Minister of Examples", dt.date(2013, 3, 16), dt.date(2022, 12, 30)),
         ("Example State Councillor", dt.date(2018, 1, 1), None)),
        (),
    ),
    "Q900000006": ImportedEntity(
        "Q900000006", "Another Example Person", "Person", ("A. N. Other",),
        (("Minister of Examples, Trade and Cooperation", dt.date(2019, 6, 7), dt.date(2020, 11, 30)),),
        (),
    ),
    "Q900000007": ImportedEntity("Q900000007", 'Example "Quoted" Person', "Person"),
    # a class IRI in ?type goes through wikidata-classes.tsv (government agency)
    "Q900000009": ImportedEntity("Q900000009", "Example Agency", "Organization", instance_of=("Q327333",)),
}


@pytest.mark.parametrize("name", ["sparql-result.csv", "sparql-result.tsv", "sparql-result.srj"])
def test_sparql_results(name):
    found = by_qid(FIXTURES / name)
    assert found == EXPECTED_SPARQL
    assert {e.origin for e in found.values()} == {"SPARQL result"}
    assert {e.source for e in found.values()} == {name}


def test_sparql_json_with_a_json_suffix(tmp_path):
    target = tmp_path / "result.json"
    shutil.copy(FIXTURES / "sparql-result.srj", target)
    assert by_qid(target) == EXPECTED_SPARQL


def test_sparql_json_is_streamed(tmp_path, monkeypatch):
    """Bindings are decoded one at a time from a small buffer, whatever the file size."""
    data = json.loads((FIXTURES / "sparql-result.srj").read_text(encoding="utf-8"))
    template = data["results"]["bindings"][3]
    data["results"]["bindings"] = [
        {**template, "item": {"type": "uri", "value": f"http://www.wikidata.org/entity/Q9{n:08d}"},
         "itemLabel": {"type": "literal", "xml:lang": "en", "value": f"Example Person {n}"}}
        for n in range(1, 600)
    ]
    target = tmp_path / "big.srj"
    target.write_text(json.dumps(data, indent=1), encoding="utf-8")
    monkeypatch.setattr(sparql_json, "_CHUNK", 97)
    largest = []
    real_fill = sparql_json._JsonStream._fill

    def fill(self):
        result = real_fill(self)
        largest.append(len(self.buffer))
        return result

    monkeypatch.setattr(sparql_json._JsonStream, "_fill", fill)
    found = entities(target)
    assert len(found) == 599
    assert found[-1].label == "Example Person 599"
    assert max(largest) < 1000  # never the whole file (about 100 kB)
    assert target.stat().st_size > 50_000


def test_rows_of_one_item_need_not_be_sorted_to_be_merged(tmp_path):
    target = tmp_path / "unsorted.csv"
    target.write_text(
        "item,itemLabel,type,altLabel\n"
        "http://www.wikidata.org/entity/Q900000001,Example Person,Person,E. Person\n"
        "http://www.wikidata.org/entity/Q900000006,Another Example Person,Person,\n"
        "http://www.wikidata.org/entity/Q900000001,Example Person,Person,Example P.\n",
        encoding="utf-8",
    )
    found = entities(target)
    assert [e.qid for e in found] == ["Q900000001", "Q900000006", "Q900000001"]
    gazetteer = tmp_path / "g.tsv"
    report = merge_into_gazetteer(found, gazetteer)
    assert report.added == ("Q900000001", "Q900000006")
    rows = {e.qid: e for e in _read_gazetteer(gazetteer)}
    assert rows["Q900000001"].names == ("Example Person", "E. Person", "Example P.")


def test_sparql_row_errors_name_the_line(tmp_path):
    target = tmp_path / "bad.csv"
    target.write_text(
        "item,itemLabel,type\n"
        "http://www.wikidata.org/entity/Q900000001,Example Person,Person\n"
        "not an IRI,Nobody,Person\n"
        "http://www.wikidata.org/entity/Q900000002,Q900000002,Organization\n"  # label service fallback
        "http://www.wikidata.org/entity/Q900000003,Example Thing,Planet\n",
        encoding="utf-8",
    )
    found = list(iter_wikidata_entities(target))
    errors = sorted((e.line, e.problem) for e in found if isinstance(e, InputError))
    assert [line for line, _ in errors] == [3, 4, 5]
    assert "Wikidata entity IRI" in errors[0][1]
    assert "no English label" in errors[1][1]
    assert "unknown type 'Planet'" in errors[2][1]
    assert [e.qid for e in found if isinstance(e, ImportedEntity)] == ["Q900000001", "Q900000003"]


def test_unusable_files_raise(tmp_path):
    with pytest.raises(InputError, match="cannot open"):
        list(iter_wikidata_entities(tmp_path / "missing.json"))
    (tmp_path / "x.xml").write_text("<x/>", encoding="utf-8")
    with pytest.raises(InputError, match="unknown format"):
        list(iter_wikidata_entities(tmp_path / "x.xml"))
    (tmp_path / "no-item.csv").write_text("person,label\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'item' variable"):
        list(iter_wikidata_entities(tmp_path / "no-item.csv"))
    (tmp_path / "broken.srj").write_text('{"head": {"vars": ["item"]}, "results": {"bindings": [{"item": ', encoding="utf-8")
    with pytest.raises(InputError, match="broken SPARQL JSON"):
        list(iter_wikidata_entities(tmp_path / "broken.srj"))
    (tmp_path / "ask.srj").write_text('{"head": {}, "boolean": true}', encoding="utf-8")
    with pytest.raises(InputError, match="no results.bindings"):
        list(iter_wikidata_entities(tmp_path / "ask.srj"))


@pytest.mark.parametrize(
    ("value", "precision", "end", "expected"),
    [
        ("+2013-03-16T00:00:00Z", 11, False, dt.date(2013, 3, 16)),
        ("+2013-03-00T00:00:00Z", 10, False, dt.date(2013, 3, 1)),
        ("+2013-02-00T00:00:00Z", 10, True, dt.date(2013, 2, 28)),
        ("+2012-02-00T00:00:00Z", 10, True, dt.date(2012, 2, 29)),
        ("+2013-00-00T00:00:00Z", 9, False, dt.date(2013, 1, 1)),
        ("+2013-00-00T00:00:00Z", 9, True, dt.date(2013, 12, 31)),
        ("+2010-00-00T00:00:00Z", 8, False, None),  # decade: too coarse
        ("-0044-03-15T00:00:00Z", 11, False, None),  # before year 1
        ("2013-03-16T00:00:00Z", 11, False, dt.date(2013, 3, 16)),  # SPARQL xsd:dateTime
        ("2013-03-16", 11, False, dt.date(2013, 3, 16)),  # xsd:date
        ("yesterday", 11, False, None),
    ],
)
def test_parse_time(value, precision, end, expected):
    assert parse_time(value, precision, end=end) == expected


# -- the classes table -------------------------------------------------------------------


def test_classes_are_the_evidenced_ones():
    classes = load_wikidata_classes()
    assert classes == {
        "Q5": ("human", "Person"),
        "Q6256": ("country", "Country"),
        "Q515": ("city", "Place"),
        "Q4830453": ("business", "Organization"),
        "Q327333": ("government agency", "Organization"),
        "Q783794": ("company", "Organization"),
        "Q7188": ("government", "Organization"),
        "Q192350": ("ministry", "Organization"),
        "Q185441": ("member state of the European Union", "Country"),
        "Q163740": ("nonprofit organization", "Organization"),
        "Q11032": ("newspaper", "Organization"),
    }


def test_every_class_is_paired_with_its_label_in_the_evidence_file():
    pairs = set()
    with (REPO / "data" / "lexicon" / "elevant-labels.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) >= 2:
                pairs.add((row[0], row[1]))
    for qid, (label, _type) in load_wikidata_classes().items():
        assert (qid, label) in pairs, f"{qid} {label!r} is not evidenced in elevant-labels.tsv"


# -- merging into a gazetteer ------------------------------------------------------------


def write_gazetteer(path: Path, rows: list[list[str]], comments: tuple[str, ...] = ()) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        for comment in comments:
            out.write(comment + "\n")
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(GAZETTEER_COLUMNS)
        writer.writerows(rows)
    return path


def test_merge_dump_into_a_new_gazetteer(tmp_path):
    gazetteer = tmp_path / "imported.tsv"
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    assert report.added == ("Q900000001", "Q900000002", "Q900000003", "Q900000004")
    assert report.skipped_untyped == ("Q900000005", "Q900000101", "Q900000102")
    assert report.skipped == 3
    assert not report.errors and not report.clashes
    rows = {e.qid: e for e in _read_gazetteer(gazetteer)}  # the lexicon loader accepts it
    person = rows["Q900000001"]
    assert person.type == "Person" and person.strength == "strong" and person.verified
    assert person.names == ("Example Person", "E. Person", "Example P.")
    # office QIDs are named by the office items of the same extract
    assert [(t.office, t.start, t.end) for t in person.offices] == [
        ("Minister of Examples", dt.date(2013, 3, 16), dt.date(2022, 12, 30)),
        ("Example State Councillor", dt.date(2018, 1, 1), None),
    ]
    assert person.evidence == "imported from dump-extract.json (Wikidata dump)"
    assert rows["Q900000004"].type == "Place"
    text = gazetteer.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    labels = [line.split("\t")[1] for line in text.splitlines()[1:]]
    assert labels == sorted(labels, key=str.casefold)


def test_default_type_types_the_untyped(tmp_path):
    gazetteer = tmp_path / "imported.tsv"
    report = merge_into_gazetteer(
        iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer, default_type="Organization"
    )
    assert "Q900000005" in report.added and not report.skipped_untyped
    with pytest.raises(ConfigError):
        merge_into_gazetteer([], gazetteer, default_type="Planet")


def test_merge_sparql_result_evidence(tmp_path):
    gazetteer = tmp_path / "imported.tsv"
    merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "sparql-result.srj"), gazetteer)
    rows = {e.qid: e for e in _read_gazetteer(gazetteer)}
    assert rows["Q900000006"].evidence == "imported from sparql-result.srj (Wikidata SPARQL result)"
    assert rows["Q900000006"].offices[0].office == "Minister of Examples, Trade and Cooperation"
    assert rows["Q900000007"].label == 'Example "Quoted" Person'


def test_merge_is_deterministic_and_idempotent(tmp_path):
    gazetteer = tmp_path / "g.tsv"
    merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    first = gazetteer.read_bytes()
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json.bz2"), gazetteer)
    assert gazetteer.read_bytes() == first
    assert report.added == () and report.updated == ()
    assert report.unchanged == ("Q900000001", "Q900000002", "Q900000003", "Q900000004")


def test_shipped_gazetteer_survives_a_rewrite(tmp_path):
    gazetteer = tmp_path / "gazetteer.tsv"
    shutil.copy(REPO / "data" / "lexicon" / "gazetteer.tsv", gazetteer)
    before = gazetteer.read_text(encoding="utf-8").splitlines()
    merge_into_gazetteer([], gazetteer)
    after = gazetteer.read_text(encoding="utf-8").splitlines()
    assert after[0] == before[0]
    assert sorted(after) == sorted(before)  # every line kept byte for byte, only reordered
    assert {e.qid for e in _read_gazetteer(gazetteer)} == {e.qid for e in _read_gazetteer(REPO / "data" / "lexicon" / "gazetteer.tsv")}


def test_existing_qids_gain_aliases_and_offices_only(tmp_path):
    gazetteer = write_gazetteer(tmp_path / "g.tsv", [
        ["Q900000001", "Example Person", "Person", "Ex Person", "", "weak",
         "Minister of Examples|2013-03-16|2022-12-30", "hand-checked"],
        ["Q900000003", "Exampleland", "Country", "", "Examplish", "strong", "", "hand-checked"],
    ], comments=("# a comment that must stay",))
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    assert report.updated == ("Q900000001", "Q900000003")
    assert "Q900000001" not in report.added
    text = gazetteer.read_text(encoding="utf-8")
    assert text.startswith("# a comment that must stay\n" + HEADER)
    rows = {e.qid: e for e in _read_gazetteer(gazetteer)}
    person = rows["Q900000001"]
    assert person.label == "Example Person" and person.strength == "weak"  # untouched
    assert person.names == ("Example Person", "Ex Person", "E. Person", "Example P.")
    assert [(t.office, t.start, t.end) for t in person.offices] == [
        ("Minister of Examples", dt.date(2013, 3, 16), dt.date(2022, 12, 30)),  # not duplicated
        ("Example State Councillor", dt.date(2018, 1, 1), None),
    ]
    assert person.evidence.startswith("hand-checked; aliases/offices merged from dump-extract.json")
    assert rows["Q900000003"].demonyms == ("Examplish",)


def test_a_row_without_qid_gets_one_only_with_evidence(tmp_path):
    office_row = "Minister of Examples|2013-03-16|2022-12-30"
    gazetteer = write_gazetteer(tmp_path / "g.tsv", [
        ["-", "Example Person", "Person", "", "", "-", office_row, "offices from an encyclopedia"],
    ])
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    assert report.filled == ("Q900000001",)
    person = next(e for e in _read_gazetteer(gazetteer) if e.label == "Example Person")
    assert person.qid == "Q900000001" and person.strength == "strong"
    assert "QID Q900000001 imported from dump-extract.json (Wikidata dump)" in person.evidence

    # offices that share no date: maybe a namesake, so no QID and a clash
    gazetteer = write_gazetteer(tmp_path / "g2.tsv", [
        ["-", "Example Person", "Person", "", "", "-", "Minister of Examples|1990-01-01|1995-01-01", "offices"],
    ])
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    assert report.filled == () and "Q900000001" not in report.added
    assert any("Example Person" in c for c in report.clashes)
    assert next(e for e in _read_gazetteer(gazetteer) if e.label == "Example Person").qid is None


def test_labels_stay_unique_and_curated_names_unambiguous(tmp_path):
    gazetteer = write_gazetteer(tmp_path / "g.tsv", [
        ["Q900000050", "Example City", "Place", "", "", "strong", "", "hand-checked"],
        ["Q900000051", "Example Republic", "Country", "Republic of Exampleland", "", "strong", "", "hand-checked"],
        ["Q900000052", "Example Holding", "Organization", "Examples Ministry", "", "strong", "", "hand-checked"],
    ])
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    # same label as a row with another QID: not added
    assert "Q900000004" not in report.added
    assert any(c.startswith("Q900000004: label 'Example City'") for c in report.clashes)
    # aliases that are names of other rows are dropped, the entity is still added
    assert "Q900000003" in report.added and "Q900000002" in report.added
    assert any("Republic of Exampleland" in d for d in report.dropped)
    rows = {e.qid: e for e in _read_gazetteer(gazetteer)}
    assert rows["Q900000003"].names == ("Exampleland",)
    assert rows["Q900000002"].names == ("Example Ministry of Examples",)
    assert rows["Q900000051"].names == ("Example Republic", "Republic of Exampleland")


def test_two_imported_entities_with_one_label_are_both_left_out(tmp_path):
    gazetteer = tmp_path / "g.tsv"
    twins = [
        ImportedEntity("Q900000061", "Example Twin", "Person", source="x.csv", origin="SPARQL result"),
        ImportedEntity("Q900000062", "Example Twin", "Person", source="x.csv", origin="SPARQL result"),
        InputError("x.csv", "something wrong", 7),
    ]
    report = merge_into_gazetteer(twins, gazetteer)
    assert report.added == () and len(report.clashes) == 2
    assert report.errors == ("x.csv:7: something wrong",)
    assert gazetteer.read_text(encoding="utf-8") == HEADER


def test_unwritable_values_are_dropped(tmp_path):
    gazetteer = tmp_path / "g.tsv"
    entity = ImportedEntity(
        "Q900000070", "Example Pipe Person", "Person", aliases=("A|B", "Fine Alias"),
        offices=(("Office; with semicolon", None, None), ("Good Office", dt.date(2020, 1, 1), None)),
    )
    report = merge_into_gazetteer([entity], gazetteer)
    assert len(report.dropped) == 2
    row = _read_gazetteer(gazetteer)[0]
    assert row.names == ("Example Pipe Person", "Fine Alias")
    assert [t.office for t in row.offices] == ["Good Office"]


def test_a_bad_gazetteer_header_is_refused(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("qid\tlabel\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="header"):
        merge_into_gazetteer([], bad)


def test_an_extra_gazetteer_merges_against_the_shipped_one(tmp_path):
    """Import into an extra --gazetteer file: the shipped rows are respected, not replaced."""
    from kg.lexicon.load import _merge_gazetteers

    shipped = write_gazetteer(tmp_path / "shipped.tsv", [
        ["Q900000003", "Exampleland", "Country", "Example Republic", "Examplish", "strong", "", "hand-checked"],
        ["Q900000050", "Example City", "Place", "", "", "strong", "", "hand-checked"],
        ["-", "Example Person", "Person", "", "", "-", "", "offices only"],
    ])
    shipped_bytes = shipped.read_bytes()
    extra = tmp_path / "extra.tsv"
    report = merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), extra, reference=[shipped])
    assert shipped.read_bytes() == shipped_bytes  # never rewritten
    assert report.copied == ("Q900000003",)
    assert report.added == ("Q900000002",)
    assert {c.split(":")[0] for c in report.clashes} == {"Q900000001", "Q900000004"}
    loaded = _merge_gazetteers(_read_gazetteer(shipped), [_read_gazetteer(extra)])
    merged = {e.qid: e for e in loaded}
    land = merged["Q900000003"]
    assert land.label == "Exampleland" and land.demonyms == ("Examplish",) and land.evidence.startswith("hand-checked")
    assert land.names == ("Exampleland", "Example Republic", "Republic of Exampleland")
    labels = [e.label for e in loaded]  # the entity ruler's pattern ids stay unique
    assert sorted(labels) == sorted(set(labels)) == [
        "Example City", "Example Ministry of Examples", "Example Person", "Exampleland",
    ]


@pytest.mark.parametrize(
    ("offices", "problem"),
    [
        ("Minister of Examples|2013-03-16", "an office is 'label|start|end'"),
        ("Minister of Examples|16 March 2013|", "bad office date '16 March 2013'"),
    ],
)
def test_a_bad_office_cell_stops_the_import_as_it_stops_the_build(tmp_path, offices, problem):
    """One reader of gazetteer rows: the importer refuses the cell ``kg build --gazetteer`` refuses,
    with the same message (file and line), and writes nothing (it used to drop the cell)."""
    gazetteer = write_gazetteer(tmp_path / "g.tsv", [
        ["Q900000050", "Example City", "Place", "", "", "strong", "", "hand-checked"],
        ["-", "Example Person", "Person", "", "", "-", offices, "offices from an encyclopedia"],
    ], comments=("# line 1 is a comment; the header is line 2",))
    before = gazetteer.read_bytes()
    with pytest.raises(ConfigError, match=re.escape(f"{gazetteer}:4: {problem}")) as imported:
        merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), gazetteer)
    assert gazetteer.read_bytes() == before
    with pytest.raises(ConfigError) as built:
        load_lexicon(extra_gazetteers=(gazetteer,))
    assert str(imported.value) == str(built.value)


def test_a_bad_office_cell_in_a_reference_gazetteer_stops_the_import(tmp_path):
    shipped = write_gazetteer(tmp_path / "shipped.tsv", [
        ["-", "Example Person", "Person", "", "", "-", "Minister of Examples", "offices only"],
    ])
    extra = tmp_path / "extra.tsv"
    with pytest.raises(ConfigError, match=re.escape(f"{shipped}:2: an office is 'label|start|end'")):
        merge_into_gazetteer(iter_wikidata_entities(FIXTURES / "dump-extract.json"), extra, reference=[shipped])
    assert not extra.exists()
