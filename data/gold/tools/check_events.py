"""Check the gold events: keys, trigger offsets and text, types, participants, dates, links.

    /work/venv/bin/python data/gold/tools/check_events.py [ANNOTATION.json ...]

With no arguments it checks every file in data/gold/annotations (each must have "events").
Each event needs the keys id, type, trigger, participants, date, place and statements
(optional: target, date_evidence, group_statements). The trigger's text must equal
Document.text[begin:end] (the text as kg.ingest.iter_documents reads it); type must be
one of TYPES; participants and target must be names of the file's gold actors or title
actors; date must be null or match YYYY-MM-DD, --MM-DD or YYYY-MM; place null or a
non-empty string; statements (and group_statements) valid indexes into the file's
"statements" ("group_statements") list. Within a file an id is used once, and across files
the same id always has the same type. Prints each error; exits 1 on any.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from kg.ingest import iter_documents  # noqa: E402

TYPES = {
    "PhoneCall", "Meeting", "Visit", "Summit", "Negotiation", "PressConference", "Speech",
    "Sanction", "MilitaryAction",
}
KEYS = {"id", "type", "trigger", "participants", "date", "place", "statements"}
OPTIONAL = {"target", "date_evidence", "group_statements"}
TRIGGER_KEYS = {"begin", "end", "text"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^--\d{2}-\d{2}$|^\d{4}-\d{2}$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _indexes(value: object, n: int) -> bool:
    return (isinstance(value, list) and len(set(value)) == len(value)
            and all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < n for i in value))


def check_file(path: Path, types: dict[str, set[tuple[str, str]]]) -> list[str]:
    errors: list[str] = []
    gold = json.loads(path.read_text(encoding="utf-8"))
    events = gold.get("events")
    if not isinstance(events, list):
        return [f"{path.name}: no \"events\" list"]
    texts = [d for d in iter_documents(ROOT / gold["source"]) if hasattr(d, "text")]
    if len(texts) != 1 or texts[0].id != gold["id"]:
        return [f"{path.name}: cannot read document {gold['source']}"]
    text = texts[0].text
    names = {a["name"] for a in gold["actors"]} | {a["name"] for a in gold.get("title_actors", [])}
    n_st = len(gold.get("statements", []))
    n_gst = len(gold.get("group_statements", []))
    seen: set[str] = set()
    for i, ev in enumerate(events):
        where = f"{path.name} event {i} ({ev.get('id') if isinstance(ev, dict) else '?'})"
        if not isinstance(ev, dict):
            errors.append(f"{where}: not an object")
            continue
        if not KEYS <= set(ev) <= KEYS | OPTIONAL:
            errors.append(f"{where}: keys {sorted((set(ev) ^ KEYS) - OPTIONAL)} missing or unknown")
            continue
        eid = ev["id"]
        if not isinstance(eid, str) or not ID.match(eid):
            errors.append(f"{where}: id must be lower-case letters, digits and hyphens")
        elif eid in seen:
            errors.append(f"{where}: id used twice in the file")
        else:
            seen.add(eid)
            types[eid].add((ev["type"], path.name))
        if ev["type"] not in TYPES:
            errors.append(f"{where}: type {ev['type']!r} not in {sorted(TYPES)}")
        tr = ev["trigger"]
        if not isinstance(tr, dict) or set(tr) != TRIGGER_KEYS:
            errors.append(f"{where}: trigger must have exactly {sorted(TRIGGER_KEYS)}")
        else:
            b, e = tr["begin"], tr["end"]
            if not (isinstance(b, int) and isinstance(e, int) and 0 <= b < e <= len(text)):
                errors.append(f"{where}: bad trigger offsets [{b},{e})")
            elif text[b:e] != tr["text"]:
                errors.append(f"{where}: trigger {tr['text']!r} != document {text[b:e]!r}")
            elif tr["text"] != tr["text"].strip():
                errors.append(f"{where}: trigger has surrounding white space")
        for key in ("participants", "target"):
            if key not in ev:
                continue
            if not _names(ev[key]) or len(set(ev[key])) != len(ev[key]):
                errors.append(f"{where}: {key} must be a list of distinct names")
                continue
            for name in ev[key]:
                if name not in names:
                    errors.append(f"{where}: {key[:-1] if key == 'participants' else key} "
                                  f"{name!r} is not a gold actor or title actor")
        date = ev["date"]
        if date is not None and not (isinstance(date, str) and DATE.match(date)):
            errors.append(f"{where}: date {date!r} is not YYYY-MM-DD, --MM-DD, YYYY-MM or null")
        if "date_evidence" in ev and not (isinstance(ev["date_evidence"], str) and ev["date_evidence"]):
            errors.append(f"{where}: empty date_evidence")
        if ev["place"] is not None and not (isinstance(ev["place"], str) and ev["place"].strip()):
            errors.append(f"{where}: place must be null or a non-empty string")
        if not _indexes(ev["statements"], n_st):
            errors.append(f"{where}: statements {ev['statements']!r} are not distinct indexes < {n_st}")
        if "group_statements" in ev and not _indexes(ev["group_statements"], n_gst):
            errors.append(f"{where}: group_statements {ev['group_statements']!r} are not "
                          f"distinct indexes < {n_gst}")
    return errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "data/gold/annotations").glob("*.json"))
    types: dict[str, set[tuple[str, str]]] = defaultdict(set)
    errors: list[str] = []
    n_ev = 0
    for path in paths:
        errors += check_file(path, types)
        n_ev += len(json.loads(path.read_text(encoding="utf-8")).get("events") or [])
    shared = 0
    for eid, uses in sorted(types.items()):
        if len({t for t, _ in uses}) > 1:
            errors.append(f"id {eid!r} has different types: "
                          + ", ".join(f"{t} in {f}" for t, f in sorted(uses)))
        if len({f for _, f in uses}) > 1:
            shared += 1
    for err in errors:
        print(err)
    print(f"{len(paths)} files, {n_ev} events, {len(types)} ids, {shared} ids in several files, "
          f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
