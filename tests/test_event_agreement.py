"""bench/event_agreement.py: a second reader's event specs scored as `kg evaluate` scores a build."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PART = REPO / "data" / "gold" / "kinds" / "events-dev3"


def _script():
    spec = importlib.util.spec_from_file_location("event_agreement", REPO / "bench" / "event_agreement.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def _copy_specs(tmp_path: Path) -> tuple[Path, dict[str, dict]]:
    folder = tmp_path / "second"
    shutil.copytree(PART / "specs", folder)
    return folder, {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def _write(folder: Path, spec: dict) -> None:
    (folder / f"{spec['id']}.json").write_text(json.dumps(spec), encoding="utf-8")


def test_the_gold_agrees_with_itself(tmp_path, capsys):
    folder, specs = _copy_specs(tmp_path)
    n = sum(len(s["events"]) for s in specs.values())
    assert _script().main([str(PART), str(folder)]) == 0
    assert f"(tp {n}, fp 0, fn 0)" in capsys.readouterr().out


def test_a_missed_event_a_wrong_type_and_an_invented_date_are_counted(tmp_path, capsys):
    folder, specs = _copy_specs(tmp_path)
    n = sum(len(s["events"]) for s in specs.values())
    with_events = [s for s in specs.values() if s["events"]]
    dropped, retyped = with_events[0], with_events[1]
    undated = sum(1 for s in specs.values() for e in s["events"] if e["date"] is None)
    gone = dropped["events"].pop(0)  # a gold event the second reader does not give
    event = retyped["events"][0]
    undated -= (gone["date"] is None) + (event["date"] is None)  # undated gold events still matched
    event["type"] = "Interview" if event["type"] != "Interview" else "Speech"  # one extra, one missed
    dated = next(s for s in specs.values() if s is not dropped and s is not retyped
                 and any(e["date"] is None for e in s["events"]))
    next(e for e in dated["events"] if e["date"] is None)["date"] = "1999-01-01"  # a date the gold has not
    for spec in (dropped, retyped, dated):
        _write(folder, spec)
    assert _script().main([str(PART), str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"(tp {n - 2}, fp 1, fn 2)" in out
    assert f"{undated - 1} of {undated} undated left undated" in out


def test_a_participant_that_is_no_actor_is_an_error_naming_the_file(tmp_path, capsys):
    folder, specs = _copy_specs(tmp_path)
    spec = next(s for s in specs.values() if s["events"])
    spec["events"][0]["participants"].append("Tom Poe")
    _write(folder, spec)
    assert _script().main([str(PART), str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{spec['id']}.json" in err and "'Tom Poe' is no actor name" in err


@pytest.mark.parametrize("date, datatype", [("2017-05-03", "date"), ("2017-05", "gYearMonth"), ("--05-03", "gMonthDay")])
def test_dates_take_the_datatype_a_build_gives_them(date, datatype):
    assert str(_script()._date(date).datatype).endswith("#" + datatype)
