"""Turn the annotators' specs of the per-kind gold into annotation files with exact offsets.

    python data/gold/tools/annotate_kinds.py data/gold/kinds/dev     # every spec of a part
    python data/gold/tools/annotate_kinds.py data/gold/kinds/test ID # one document

A spec (``PART/specs/<doc-id>.json``) is what an annotator writes: the document's kind, its
actors and groups, its statements as the exact words of the text (white space may differ:
the text's line breaks and no-break spaces match any white space), and its events. This
tool only finds the offsets: each statement's ``text`` is looked for from the beginning of the
previous statement onwards (so statements in reading order, nested ones after the one that
holds them, need no help); ``"occurrence": N`` (1-based, counted from the start of the text)
overrides that. It then writes ``PART/annotations/<doc-id>.json`` in the format that
``kg.evaluate.load_gold`` reads, and checks names: every speaker, ``on_behalf_of``, holder
and participant must be an actor or a group of the spec. Problems are printed, one per
line, naming the file; the exit code is 1 if there were any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from kg.ingest import iter_documents  # noqa: E402

KINDS = ("readout", "news-report", "transcript", "meeting-coverage", "joint-statement", "speech", "memo")
STANCES = ("Support", "Oppose", "Concern")
EVENT_TYPES = ("PhoneCall", "Meeting", "PressConference", "Visit", "Summit", "Talks", "Interview", "Speech")


def _text_of(path: Path) -> str:
    docs = [d for d in iter_documents([str(path)]) if hasattr(d, "text")]
    if len(docs) != 1:
        raise SystemExit(f"{path}: expected one document, read {len(docs)}")
    return docs[0].text


def _pattern(words: str) -> re.Pattern:
    parts = [re.escape(w) for w in words.split()]
    return re.compile(r"\s+".join(parts))


def _find(text: str, words: str, start: int, occurrence: int | None):
    pat = _pattern(words)
    if occurrence:
        hits = list(pat.finditer(text))
        return hits[occurrence - 1] if len(hits) >= occurrence else None
    return pat.search(text, start) or pat.search(text)


def annotate(part: Path, doc_id: str) -> list[str]:
    spec_path = part / "specs" / f"{doc_id}.json"
    problems: list[str] = []

    def bad(msg: str) -> None:
        problems.append(f"{spec_path}: {msg}")

    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    texts = [p for p in sorted((part / "texts").glob(f"{doc_id}.*")) if not p.name.endswith(".meta.json")]
    if len(texts) != 1:
        return [f"{spec_path}: no text {doc_id}.* in {part / 'texts'}"]
    text = _text_of(texts[0])
    if spec.get("kind") not in KINDS:
        bad(f"kind {spec.get('kind')!r} is not one of {KINDS}")
    actors = spec.get("actors", [])
    groups = spec.get("groups", [])
    names = {a["name"] for a in actors} | {g["name"] for g in groups}
    for a in actors:
        if a.get("type") not in ("Person", "Organization", "Country"):
            bad(f"actor {a.get('name')!r}: type {a.get('type')!r}")
        a.setdefault("qid", None)
        a.setdefault("aliases", [a["name"]])
        a["mentions"] = []
    for g in groups:
        for m in g.get("members", []):
            if m not in names:
                bad(f"group {g['name']!r}: member {m!r} is not an actor")
    statements = []
    start = 0
    for i, s in enumerate(spec.get("statements", [])):
        words = s.get("text", "")
        hit = _find(text, words, start, s.get("occurrence")) if words.strip() else None
        if hit is None:
            bad(f"statements[{i}]: not in the text: {words[:80]!r}")
            continue
        start = hit.start()
        for key in ("speaker", "on_behalf_of"):
            if s.get(key) is not None and s[key] not in names:
                bad(f"statements[{i}]: {key} {s[key]!r} is not an actor or group")
        if s.get("speaker") is None:
            bad(f"statements[{i}]: no speaker")
        for p in s.get("positions", []):
            if p.get("stance") not in STANCES:
                bad(f"statements[{i}]: stance {p.get('stance')!r}")
            if p.get("holder") not in names:
                bad(f"statements[{i}]: holder {p.get('holder')!r} is not an actor or group")
        out = {"begin": hit.start(), "end": hit.end(), "text": hit.group(0)}
        out.update({k: v for k, v in s.items() if k not in ("text", "occurrence")})
        out.setdefault("optional", False)
        out.setdefault("positions", [])
        statements.append(out)
    events = spec.get("events", [])
    for i, e in enumerate(events):
        e.setdefault("id", f"{doc_id}#event-{i}")  # an event reported in this document only
        e.setdefault("date", None)
        e.setdefault("statements", [])
        if e.get("type") not in EVENT_TYPES:
            bad(f"events[{i}]: type {e.get('type')!r} not in {EVENT_TYPES}")
        for m in e.get("participants", []):
            if m not in names:
                bad(f"events[{i}]: participant {m!r} is not an actor or group")
    ann = {
        "id": doc_id,
        "source": f"texts/{texts[0].name}",
        "kind": spec.get("kind"),
        "split": part.name,
        "actors": actors,
        "groups": groups,
        "events": events,
    }
    if "statements" in spec:
        # a part annotated for its events only (``kinds/events-dev``) has no "statements" key,
        # so that kg evaluate scores no statements there rather than find every one false
        ann["statements"] = statements
    if spec.get("notes"):
        ann["notes"] = spec["notes"]
    out_dir = part / "annotations"
    out_dir.mkdir(exist_ok=True)
    (out_dir / f"{doc_id}.json").write_text(json.dumps(ann, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return problems


def main(argv: list[str]) -> int:
    part = Path(argv[0])
    ids = argv[1:] or sorted(p.stem for p in (part / "specs").glob("*.json"))
    problems = [p for doc_id in ids for p in annotate(part, doc_id)]
    for p in problems:
        print(p)
    print(f"{len(ids)} specs, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
