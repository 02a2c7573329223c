"""Events: one resource per event across the documents of a build."""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import PROV, RDF

from kg.build import build
from kg.extract.model import DateValue
from kg.graph.build import _compatible
from kg.namespaces import SG


@pytest.mark.parametrize(
    "a, b, expected",
    [
        (DateValue("2022-02-26", "date"), DateValue("--02-26", "gMonthDay"), True),
        (DateValue("2022-02-26", "date"), DateValue("--02-27", "gMonthDay"), False),
        (DateValue("2022-02-26", "date"), DateValue("2022-02", "gYearMonth"), True),
        (DateValue("2022-02-26", "date"), DateValue("2022-02-25", "date"), False),
        (DateValue("2022-02-26", "date"), None, True),
    ],
)
def test_dates_of_one_event(a, b, expected):
    assert _compatible(a, b) is expected and _compatible(b, a) is expected


CALL = ("{when}Foreign Minister Jane Roe of Bolivia had a telephone conversation with Foreign "
        "Minister Li Wei of Peru.\n")


def _events(tmp_path, texts):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text)
    summary = build([folder], tmp_path / "out")
    graph = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    events = sorted(graph.subjects(RDF.type, SG.Event))
    assert summary.events == len(events)
    return graph, events


def test_the_same_call_reported_twice_is_one_event(tmp_path):
    graph, events = _events(tmp_path, {"a": CALL.format(when="On February 26, 2022, "),
                                       "b": CALL.format(when="")})
    (event,) = events
    assert str(graph.value(event, SG.date)) == "2022-02-26"
    assert {str(d).rsplit("/", 1)[-1] for d in graph.objects(event, PROV.wasDerivedFrom)} == {"a", "b"}
    assert len(list(graph.objects(event, SG.participant))) == 2


def test_an_undated_report_of_one_of_two_calls_stays_apart(tmp_path):
    graph, events = _events(tmp_path, {"a": CALL.format(when="On February 26, 2022, "),
                                       "b": CALL.format(when=""),
                                       "c": CALL.format(when="On March 3, 2022, ")})
    assert sorted(str(graph.value(e, SG.date)) for e in events) == ["2022-02-26", "2022-03-03", "None"]
