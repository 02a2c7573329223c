"""mappings.sssom.tsv is valid SSSOM: checked with sssom-py's own validator (``sssom validate``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.extract.model import Actor, LinkCandidate
from kg.link.sssom import render_sssom

sssom_io = pytest.importorskip("sssom.io", reason="sssom-py is a test dependency (pip install sssom)")
from jsonschema import ValidationError  # a dependency of sssom-py
from sssom.parsers import parse_sssom_table

# sssom-py 0.4 calls pandas APIs that pandas 3 deprecates: not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore::Warning:sssom.util")

BASE = "https://w3id.org/stancegraph/id/"
FIXTURES = Path(__file__).parent / "fixtures" / "wikidata"
LEXICAL = "semapv:LexicalMatching"
MANUAL = "semapv:ManualMappingCuration"

ACTORS = [
    Actor(
        key="Q900000001", label="Example Person", type="Person", qid="Q900000001",
        names=("Example Person",),
        candidates=(LinkCandidate("Q900000001", "Example Person", 0.95, True, LEXICAL,
                                  "unique Person gazetteer entry named 'Example Person'"),),
    ),
    Actor(
        key="organization/example-ministry", label="Example Ministry", type="Organization",
        candidates=(
            LinkCandidate("Q900000002", "Example Ministry", 0.4, False, LEXICAL, "ambiguous: 2 gazetteer entries share a name"),
            LinkCandidate("Q900000012", "Example Ministry (1990s)", 0.4, False, LEXICAL, "ambiguous: 2 gazetteer entries share a name"),
        ),
    ),
    Actor(
        key="Q900000003", label="Exampleland", type="Country", qid="Q900000003",
        candidates=(LinkCandidate("Q900000003", "Exampleland", 1.0, True, MANUAL, "reviewed mapping supplied with --mappings"),),
    ),
    Actor(  # quotes, an apostrophe, a comma and non-ASCII letters in labels and comments
        key="person/zoe-d-ancona", label='Zoë "Zed" D\'Ancona, Jr.', type="Person",
        candidates=(LinkCandidate("Q900000021", "Zoë D'Ancona", 0.02, False, LEXICAL,
                                  "ELEVANT label \"Zoë D'Ancona\": 3 of 150 occurrences"),),
    ),
    Actor(key="person/nobody", label="Nobody", type="Person"),  # no candidate, no row
]


@pytest.fixture()
def mappings(tmp_path) -> Path:
    path = tmp_path / "mappings.sssom.tsv"
    path.write_text(render_sssom([(URIRef(BASE + "actor/" + a.key), a) for a in ACTORS], BASE), encoding="utf-8")
    return path


def test_render_sssom_is_valid(mappings):
    reports = sssom_io.validate_file(str(mappings))  # raises on any error
    assert reports
    assert all(not report.results for report in reports.values() if report is not None)


def test_render_sssom_passes_the_cli(mappings):
    """The contract says 'valid for sssom validate': run the command itself."""
    command = shutil.which("sssom") or str(Path(sys.executable).with_name("sssom"))
    if not Path(command).exists():
        pytest.skip("the sssom command is not installed")
    result = subprocess.run(
        [command, "validate", str(mappings)], check=False, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_render_sssom_round_trips_through_sssom_py(mappings):
    msdf = parse_sssom_table(str(mappings))
    rows = {(r["subject_id"], r["object_id"]): r for r in msdf.df.to_dict("records")}
    assert len(rows) == 5
    zoe = rows[("sgid:actor/person/zoe-d-ancona", "wikidata:Q900000021")]
    assert zoe["subject_label"] == 'Zoë "Zed" D\'Ancona, Jr.'
    assert zoe["comment"] == "not asserted; ELEVANT label \"Zoë D'Ancona\": 3 of 150 occurrences"
    assert zoe["confidence"] == pytest.approx(0.02)
    assert rows[("sgid:actor/Q900000003", "wikidata:Q900000003")]["mapping_justification"] == MANUAL
    assert msdf.metadata["mapping_set_id"] == "https://w3id.org/stancegraph/mappings/actors-wikidata.sssom.tsv"
    assert msdf.converter.expand("sgid:actor/Q900000001") == BASE + "actor/Q900000001"


def test_an_empty_mapping_set_is_valid(tmp_path):
    path = tmp_path / "empty.sssom.tsv"
    path.write_text(render_sssom([], BASE), encoding="utf-8")
    sssom_io.validate_file(str(path))


def test_the_validator_does_reject_broken_files(mappings, tmp_path):
    """Negative control: the same file with an undeclared prefix must fail."""
    broken = tmp_path / "broken.sssom.tsv"
    broken.write_text(mappings.read_text(encoding="utf-8").replace("wikidata:Q900000002", "wdx:Q900000002"), encoding="utf-8")
    with pytest.raises(ValidationError):
        sssom_io.validate_file(str(broken))


def test_reviewed_fixture_is_valid_sssom():
    sssom_io.validate_file(str(FIXTURES / "reviewed.sssom.tsv"))


def test_seed_build_mappings_are_valid(seed_build):
    out, _ = seed_build
    sssom_io.validate_file(str(out / "mappings.sssom.tsv"))
