"""Every example query of queries/ runs on the seed build and returns what the seeds say."""

from __future__ import annotations

import pytest

from kg.query import open_store, run_query
from kg.resources import resource_path

QUERIES = sorted(resource_path("queries").glob("*.rq"))


def rows(seed_build, name):
    out, _ = seed_build
    result = run_query(open_store(out), (resource_path("queries") / name).read_text())
    return [
        {v: (t.value if t is not None else None) for v, t in zip(result.variables, row)}
        for row in result.rows
    ]


def test_at_least_five_queries():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_every_query_answers(seed_build, path):
    assert rows(seed_build, path.name), f"{path.name} returned nothing on the seed build"


def test_positions_of_china(seed_build):
    found = {(r["stance"], r["topic"]) for r in rows(seed_build, "positions-of-actor.rq")}
    assert ("oppose", "sanctions") in found
    assert ("support", "sovereignty and territorial integrity") in found


def test_supporters_and_opponents(seed_build):
    found = {(r["topic"], r["stance"], r["holder"]) for r in rows(seed_build, "supporters-and-opponents.rq")}
    assert ("sanctions", "oppose", "China") in found
    assert not any(stance not in ("support", "oppose") for _, stance, _ in found)


def test_events_of_wang_yi(seed_build):
    found = rows(seed_build, "events-of-actor.rq")
    calls = [r for r in found if r["actor"] == "Wang Yi" and r["type"] == "phone call"]
    assert any(r["date"] == "2022-02-25" and "Truss" in (r["with"] or "") for r in calls)


def test_statements_at_events(seed_build):
    found = rows(seed_build, "statements-at-events.rq")
    assert any(r["speaker"] == "Wang Yi" and r["type"] == "phone call" for r in found)


def test_actors_with_wikidata(seed_build):
    found = {(r["label"], r["wikidata"]) for r in rows(seed_build, "actors-with-wikidata.rq")}
    assert ("China", "http://www.wikidata.org/entity/Q148") in found
    assert all(not label.startswith("Wang") for label, _ in found)
