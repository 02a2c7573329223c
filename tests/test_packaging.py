"""The installed package carries the ontology, shapes, queries and lexicon it needs.

CI installs the project as a wheel (not editable), so there these files come from
``kg/_resources``: they must be the repository's files, byte for byte.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from kg.resources import resource_root

REPO = Path(__file__).resolve().parent.parent
SHIPPED = [
    ("ontology", "stancegraph.ttl"), ("ontology", "context.jsonld"),
    ("shapes", "shapes.ttl"), ("shapes", "shapes-recommended.ttl"),
    ("data", "lexicon", "gazetteer.tsv"), ("data", "lexicon", "topics.ttl"),
    ("data", "lexicon", "event-types.ttl"), ("queries", "positions-of-actor.rq"),
]


@pytest.mark.parametrize("parts", SHIPPED, ids="/".join)
def test_shipped_resource_is_the_repository_file(parts):
    shipped = resource_root().joinpath(*parts)
    assert shipped.is_file(), f"{shipped} is not installed"
    assert filecmp.cmp(shipped, REPO.joinpath(*parts), shallow=False)
