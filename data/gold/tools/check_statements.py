"""Check the gold statements: offsets, text, actor names, stances and topic IRIs.

    /work/venv/bin/python data/gold/tools/check_statements.py [ANNOTATION.json ...]

With no arguments it checks every file in data/gold/annotations that has "statements".
Each statement's text must equal Document.text[begin:end] (the text as
kg.ingest.iter_documents reads it); speaker, on_behalf_of (or null) and every holder must
be names of the file's gold actors (the speaker may also be one of its "title_actors"); stance must be Support, Oppose or Concern; topic_iri
must be null or a concept of data/lexicon/topics.ttl. Prints each error; exits 1 on any.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from kg.ingest import iter_documents  # noqa: E402

STANCES = {"Support", "Oppose", "Concern"}
TOPIC_NS = "https://w3id.org/stancegraph/id/topic/"
KEYS = {"begin", "end", "text", "speaker", "on_behalf_of", "cue", "positions"}
POS_KEYS = {"holder", "stance", "topic", "topic_iri"}


def topic_iris() -> set[str]:
    ttl = (ROOT / "data/lexicon/topics.ttl").read_text(encoding="utf-8")
    return {TOPIC_NS + m for m in re.findall(r"^t:([\w-]+) a skos:Concept", ttl, re.M)}


def check_file(path: Path, iris: set[str]) -> list[str]:
    errors: list[str] = []
    gold = json.loads(path.read_text(encoding="utf-8"))
    statements = gold.get("statements")
    if statements is None:
        return errors
    texts = [d for d in iter_documents(ROOT / gold["source"]) if hasattr(d, "text")]
    if len(texts) != 1 or texts[0].id != gold["id"]:
        return [f"{path.name}: cannot read document {gold['source']}"]
    text = texts[0].text
    names = {a["name"] for a in gold["actors"]}
    speakers = names | {a["name"] for a in gold.get("title_actors", [])}
    for i, st in enumerate(statements):
        where = f"{path.name} statement {i} [{st.get('begin')},{st.get('end')})"
        if set(st) != KEYS:
            errors.append(f"{where}: keys {sorted(set(st) ^ KEYS)} missing or unknown")
            continue
        b, e = st["begin"], st["end"]
        if not (isinstance(b, int) and isinstance(e, int) and 0 <= b < e <= len(text)):
            errors.append(f"{where}: bad offsets")
        elif text[b:e] != st["text"]:
            errors.append(f"{where}: text {st['text']!r} != document {text[b:e]!r}")
        elif st["text"] != st["text"].strip() or st["text"][-1] in ".,;:":
            errors.append(f"{where}: span has surrounding white space or punctuation")
        if st["speaker"] not in speakers:
            errors.append(f"{where}: speaker {st['speaker']!r} is not a gold actor or title actor")
        if st["on_behalf_of"] is not None and st["on_behalf_of"] not in speakers:
            errors.append(f"{where}: on_behalf_of {st['on_behalf_of']!r} is not a gold actor")
        if not isinstance(st["cue"], str) or not st["cue"]:
            errors.append(f"{where}: empty cue")
        for p in st["positions"]:
            if set(p) != POS_KEYS:
                errors.append(f"{where}: position keys {sorted(set(p) ^ POS_KEYS)}")
                continue
            if p["holder"] not in speakers:
                errors.append(f"{where}: holder {p['holder']!r} is not a gold actor")
            if p["stance"] not in STANCES:
                errors.append(f"{where}: stance {p['stance']!r}")
            if not p["topic"]:
                errors.append(f"{where}: empty topic")
            if p["topic_iri"] is not None and p["topic_iri"] not in iris:
                errors.append(f"{where}: topic_iri {p['topic_iri']!r} not in topics.ttl")
    spans = sorted((s["begin"], s["end"]) for s in statements)
    for (b1, e1), (b2, e2) in zip(spans, spans[1:]):
        if b2 < e1 < e2:  # a statement nested in another (reported in a report) is fine
            errors.append(f"{path.name}: statements [{b1},{e1}) and [{b2},{e2}) cross")
    return errors


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "data/gold/annotations").glob("*.json"))
    iris = topic_iris()
    errors: list[str] = []
    n_st = n_pos = 0
    for path in paths:
        errors += check_file(path, iris)
        st = json.loads(path.read_text(encoding="utf-8")).get("statements") or []
        n_st += len(st)
        n_pos += sum(len(s.get("positions", [])) for s in st)
    for err in errors:
        print(err)
    print(f"{n_st} statements, {n_pos} positions, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
