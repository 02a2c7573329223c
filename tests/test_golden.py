"""Golden cases: ``tests/golden/<case>/input`` built end to end must give ``expected.ttl``
(compared as graphs, by isomorphism). Each expected file was reviewed by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.build import build

CASES = sorted(p for p in (Path(__file__).parent / "golden").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_case(case, tmp_path):
    summary = build([case / "input"], tmp_path)
    assert summary.ok
    got = rdflib.Graph().parse(tmp_path / "graph.ttl")
    expected = rdflib.Graph().parse(case / "expected.ttl")
    if not isomorphic(got, expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(
            "graph differs from expected.ttl\nmissing:\n"
            + missing.serialize(format="nt")
            + "\nunexpected:\n"
            + extra.serialize(format="nt")
        )
