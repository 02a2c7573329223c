"""Reviewed SSSOM mappings: what counts as accepted or rejected (kg/link/reviewed.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from kg.errors import InputError
from kg.extract.model import Actor, LinkCandidate
from kg.link.reviewed import ReviewedMappings, read_reviewed_mappings, to_linker_review
from kg.link.sssom import render_sssom

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata" / "reviewed.sssom.tsv"
BASE = "https://w3id.org/stancegraph/id/"
HEADER = """#curie_map:
#  sgid: https://w3id.org/stancegraph/id/
#  wikidata: http://www.wikidata.org/entity/
#  skos: http://www.w3.org/2004/02/skos/core#
#  semapv: https://w3id.org/semapv/vocab/
#  sg: https://w3id.org/stancegraph/ontology#
#mapping_set_id: https://example.org/test.sssom.tsv
#license: https://creativecommons.org/publicdomain/zero/1.0/
"""
COLUMNS = "subject_id\tsubject_label\tsubject_category\tpredicate_id\tobject_id\tmapping_justification\tconfidence\n"


def write(tmp_path: Path, *rows: str, header: str = HEADER, columns: str = COLUMNS) -> Path:
    path = tmp_path / "m.sssom.tsv"
    path.write_text(header + columns + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_fixture_accepted_rejected_and_ignored():
    reviewed = read_reviewed_mappings(FIXTURE)
    assert isinstance(reviewed, ReviewedMappings)
    assert reviewed.accepted == {
        BASE + "actor/Q900000003": "Q900000003",  # semapv:MappingReview, reviewer agrees
        BASE + "actor/person/example-person": "Q900000001",  # semapv:ManualMappingCuration 1.0
    }
    assert reviewed.rejected == {
        BASE + "actor/organization/example-agency": frozenset({"Q900000009"}),  # reviewer disagrees
        BASE + "actor/organization/example-ministry": frozenset({"Q900000002"}),  # manual, confidence 0
        BASE + "actor/person/example-person": frozenset({"Q900000011"}),  # predicate_modifier Not
    }
    assert reviewed.by_label == {
        ("example person", "Person"): "Q900000001",
        ("exampleland", "Country"): "Q900000003",
    }
    assert reviewed.rejected_by_label[("example ministry", "Organization")] == frozenset({"Q900000002"})
    # the linker's own LexicalMatching row ("reviewed" in the comment) and an unsure manual row
    assert reviewed.ignored == 2
    assert reviewed.qid_for("https://other.example/actor/x", "EXAMPLE PERSON", "Person") == "Q900000001"
    assert reviewed.rejected_for("https://other.example/actor/x", "Example Person", "Person") == frozenset({"Q900000011"})


def test_to_linker_review_keys_by_actor_key():
    review = to_linker_review(read_reviewed_mappings(FIXTURE))
    assert review.accepted == {"country/exampleland": "Q900000003", "person/example-person": "Q900000001"}
    assert review.rejected == {
        "organization/example-agency": frozenset({"Q900000009"}),
        "organization/example-ministry": frozenset({"Q900000002"}),
        "person/example-person": frozenset({"Q900000011"}),
    }


def test_another_base_is_matched_by_label(tmp_path):
    header = HEADER.replace("sgid: https://w3id.org/stancegraph/id/", "sgid: https://example.org/kg/")
    path = write(
        tmp_path,
        "sgid:actor/person/e-person\tExample Person\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\t",
        header=header,
    )
    review = to_linker_review(read_reviewed_mappings(path))  # default base: the IRI says nothing
    assert review.accepted == {"person/example-person": "Q900000001"}
    review = to_linker_review(read_reviewed_mappings(path), "https://example.org/kg/")
    assert review.accepted == {"person/e-person": "Q900000001", "person/example-person": "Q900000001"}


def test_the_linker_asserts_an_accepted_mapping_and_never_a_rejected_one(lexicon):
    from kg.link.linker import Linker

    review = to_linker_review(read_reviewed_mappings(FIXTURE))
    actor = Linker(lexicon, review).link("Person", "Example Person", ["Example Person"], [])
    assert actor.qid == "Q900000001"
    assert any(c.asserted and c.justification == "semapv:ManualMappingCuration" for c in actor.candidates)
    ministry = Linker(lexicon, review).link("Organization", "Example Ministry", ["Example Ministry"], [])
    assert ministry.qid is None


def test_a_builds_own_mappings_approve_nothing(tmp_path):
    """Feeding OUT/mappings.sssom.tsv back unchanged accepts only what a person had supplied."""
    actors = [
        (URIRef(BASE + "actor/Q900000001"), Actor(
            key="Q900000001", label="Example Person", type="Person", qid="Q900000001",
            candidates=(LinkCandidate("Q900000001", "Example Person", 0.95, True, "semapv:LexicalMatching", "unique"),),
        )),
        (URIRef(BASE + "actor/person/other"), Actor(
            key="person/other", label="Other", type="Person",
            candidates=(LinkCandidate("Q900000002", "Other", 1.0, True, "semapv:ManualMappingCuration",
                                      "reviewed mapping supplied with --mappings"),),
        )),
    ]
    path = tmp_path / "mappings.sssom.tsv"
    path.write_text(render_sssom(actors, BASE), encoding="utf-8")
    reviewed = read_reviewed_mappings(path)
    assert reviewed.accepted == {BASE + "actor/person/other": "Q900000002"}
    assert reviewed.ignored == 1


def test_full_iris_and_builtin_prefixes_need_no_curie_map(tmp_path):
    path = write(
        tmp_path,
        "<https://w3id.org/stancegraph/id/actor/person/x>\tX\thttps://w3id.org/stancegraph/ontology#Person\t"
        "owl:sameAs\thttp://www.wikidata.org/entity/Q900000001\tsemapv:ManualMappingCuration\t1",
        header="",
    )
    assert read_reviewed_mappings(path).accepted == {BASE + "actor/person/x": "Q900000001"}


def test_non_wikidata_and_other_predicates_are_ignored(tmp_path):
    path = write(
        tmp_path,
        "sgid:actor/person/x\tX\tsg:Person\tskos:closeMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\t1",
        "sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\tsg:Person\tsemapv:ManualMappingCuration\t1",
    )
    reviewed = read_reviewed_mappings(path)
    assert reviewed.accepted == {} and reviewed.ignored == 2


def test_same_label_two_qids_is_left_out_of_by_label(tmp_path):
    path = write(
        tmp_path,
        "sgid:actor/person/a\tExample Twin\tsg:Person\tskos:exactMatch\twikidata:Q900000061\tsemapv:ManualMappingCuration\t1",
        "sgid:actor/person/b\tExample Twin\tsg:Person\tskos:exactMatch\twikidata:Q900000062\tsemapv:ManualMappingCuration\t1",
    )
    reviewed = read_reviewed_mappings(path)
    assert len(reviewed.accepted) == 2
    assert reviewed.by_label == {} and reviewed.ambiguous_labels == (("example twin", "Person"),)


@pytest.mark.parametrize(
    ("rows", "line", "message"),
    [
        (["sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\tfoo:Q1\tsemapv:ManualMappingCuration\t1"],
         10, "prefix 'foo' is not in the curie_map"),
        (["sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\thigh"],
         10, "confidence 'high' is not a number"),
        (["sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\t1.5"],
         10, "outside"),
        (["sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration"],
         10, "expected 7 columns, found 6"),
        (["sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\t1",
          "sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000002\tsemapv:ManualMappingCuration\t1"],
         11, "accepted as Q900000001 (line 10) and as Q900000002"),
        (["sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\t1",
          "sgid:actor/person/x\tX\tsg:Person\tskos:exactMatch\twikidata:Q900000001\tsemapv:ManualMappingCuration\t0"],
         11, "both accepted (line 10) and rejected"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path, rows, line, message):
    path = write(tmp_path, *rows)
    with pytest.raises(InputError) as info:
        read_reviewed_mappings(path)
    assert info.value.source == str(path)
    assert info.value.line == line
    assert message in info.value.problem


def test_bad_files(tmp_path):
    with pytest.raises(InputError, match="cannot open"):
        read_reviewed_mappings(tmp_path / "missing.tsv")
    path = write(tmp_path, header="#curie_map: [unclosed\n#  x: y\n")
    with pytest.raises(InputError, match="not valid YAML") as info:
        read_reviewed_mappings(path)
    assert info.value.line is not None
    path = write(tmp_path, columns="subject_id\tobject_id\n")
    with pytest.raises(InputError, match="lacks column.*predicate_id.*mapping_justification"):
        read_reviewed_mappings(path)
    path = write(tmp_path, columns="")
    with pytest.raises(InputError, match="no mapping table"):
        read_reviewed_mappings(path)
    path = write(
        tmp_path,
        "sgid:actor/person/x\tskos:exactMatch\twikidata:Q900000001\tsemapv:MappingReview\t1.0",
        columns="subject_id\tpredicate_id\tobject_id\tmapping_justification\treviewer_agreement\n",
    )
    with pytest.raises(InputError, match="reviewer_agreement needs a reviewer"):
        read_reviewed_mappings(path)
    latin1 = tmp_path / "latin1.tsv"
    latin1.write_bytes((HEADER + COLUMNS).encode("utf-8") + "sgid:actor/person/x\tZo\xeb\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        read_reviewed_mappings(latin1)


# Every way a text names an actor reaches the one Linker, so a reviewed rejection holds on each
# (issue 17: "The Chinese side ..." went through a path that never saw the reviewed mappings).
NAMINGS = {
    "a country's name": ("China supports talks with Russia.", "China"),
    "a demonym": ("The Chinese side supports talks with Russia.", "China"),
    "a capital": ("Beijing supports talks with Russia.", "China"),
    "a person's name": ("Sergey Lavrov said that Russia supports talks with Ukraine.", "Sergey Lavrov"),
    "a surname after a title": ("Foreign Minister Sergey Lavrov arrived on Monday. Lavrov said that Moscow "
                                "supports talks with Ukraine.", "Sergey Lavrov"),
    "a pronoun": ("Sergey Lavrov arrived in Geneva on Monday. He said that Russia supports talks.", "Sergey Lavrov"),
    "a title only (the office's holder on the day)": (
        "The Chinese Foreign Minister said China supports talks with Russia.", "Example Minister"),
}


@pytest.fixture(scope="module")
def office_lexicon(tmp_path_factory):
    """The shipped lexicon plus a fictional office holder (a made-up QID, for this test only),
    the only Chinese foreign minister in 1950 as far as the gazetteer knows."""
    from kg.lexicon import load_lexicon
    from kg.nlp import build_pipeline

    gazetteer = tmp_path_factory.mktemp("gazetteer") / "extra.tsv"
    gazetteer.write_text(
        "qid\tlabel\ttype\taliases\tdemonyms\tstrength\toffices\tevidence\n"
        "Q900000003\tExample Minister\tPerson\t\t\tstrong\tMinister of Foreign Affairs (PRC)|1950-01-01|1950-12-31"
        "\ttest fixture: a fictional person\n", encoding="utf-8")
    lexicon = load_lexicon(extra_gazetteers=(gazetteer,))
    return lexicon, build_pipeline(lexicon)


@pytest.mark.parametrize("naming", sorted(NAMINGS))
def test_a_reviewed_rejection_holds_on_every_way_a_text_names_the_actor(office_lexicon, naming):
    import datetime as dt

    from kg.extract.pipeline import Extractor
    from kg.link.linker import Linker, Reviewed
    from kg.link.names import actor_key
    from kg.nlp import analysis_text

    lexicon, nlp = office_lexicon
    text, label = NAMINGS[naming]
    entry = lexicon.entry_labelled(label)
    assert entry is not None and entry.qid
    day = dt.date(1950, 6, 1)

    def actors(reviewed: Reviewed) -> dict[str, str | None]:
        extraction = Extractor(nlp, Linker(lexicon, reviewed))(nlp(analysis_text(text)), text, day)
        assert extraction.statements, "the text must give a statement for the test to mean anything"
        return {a.label: a.qid for a in extraction.actors}

    assert actors(Reviewed())[label] == entry.qid  # found and linked by this way of naming it
    key = actor_key(entry.type, entry.label)
    rejected = actors(Reviewed(rejected={key: frozenset({entry.qid})}))
    assert label in rejected and rejected[label] is None
    assert entry.qid not in rejected.values()


def test_a_reviewed_rejection_holds_for_a_documents_publisher(lexicon):
    from kg.graph import GraphBuilder
    from kg.ingest import Document
    from kg.link.linker import Linker, Reviewed
    from kg.link.names import actor_key

    entry = next(e for e in lexicon.gazetteer if e.type == "Organization" and e.qid and e.strength == "strong")
    document = Document(id="d", text="A text.", source="d.txt", publisher=entry.label)

    def links(reviewed: Reviewed) -> set[str]:
        builder = GraphBuilder(Linker(lexicon, reviewed))
        builder.add_document(document, _empty_extraction())
        return {q.object.value for q in builder.quads() if q.predicate.value.endswith("#sameAs")}

    wikidata = "http://www.wikidata.org/entity/" + entry.qid
    assert wikidata in links(Reviewed())
    assert wikidata not in links(Reviewed(rejected={actor_key("Organization", entry.label): frozenset({entry.qid})}))


def _empty_extraction():
    from kg.extract.model import DocumentExtraction

    return DocumentExtraction(actors=(), places=(), statements=(), events=())
