"""Turn hand-written gold specs (``data/gold/specs/*.spec``) into annotation JSON.

The specs are what an annotator writes after reading a document: for every actor its
canonical name, type, QID (with evidence) and the surface strings of its mentions, each
chosen by occurrence number. This script only finds the offsets of those strings in the
document text (as ``kg.ingest.iter_documents`` reads it), so the JSON offsets are exact.
It never looks at the system's output.

Spec format (one document per file)::

    id: <doc-id>
    source: <path relative to the repository root>
    # comment
    actor: <name> | <Person|Organization|Country> | <QID evidence-file | ->
      <selector> ; <selector> ; ...      (continuation lines, any number)

A mention inside a longer mention of the same actor is dropped (so ``Wang`` may select every
"Wang" while "Wang Yi" is also listed). A selector is ``TEXT`` (every occurrence of TEXT bounded by non-word characters),
``TEXT@1,3`` (only occurrences 1 and 3, counted from 1 over the whole text) or
``TEXT!2`` (every occurrence but 2). A space in TEXT matches any run of white space (the
White House texts are hard-wrapped), and the mention's ``text`` is what the document has. Aliases are the distinct mention texts that are not
pronouns, with white space runs made single spaces.

Usage::

    python data/gold/tools/annotate.py            # write data/gold/annotations/*.json + manifest
    python data/gold/tools/annotate.py --check    # also print coverage hints
    python data/gold/tools/annotate.py --show DOC-ID WORD   # list occurrences of WORD
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from itertools import pairwise
from pathlib import Path

from kg.evaluate.gold import ACTOR_TYPES as TYPES, PRONOUNS
from kg.ingest import iter_documents

GOLD = Path(__file__).resolve().parent.parent
ROOT = GOLD.parent.parent
_SEL = re.compile(r"^(?P<text>.+?)(?:(?P<op>[@!])(?P<nums>\d+(?:,\d+)*))?$")


def read_text(source: str) -> str:
    docs = [d for d in iter_documents([str(ROOT / source)])]
    if len(docs) != 1 or not hasattr(docs[0], "text"):
        raise SystemExit(f"{source}: cannot read one document: {docs!r}")
    return docs[0].text


def find_source(prefix: str) -> str:
    """The source path (relative to the root) of the one seed or gold document id starting with prefix."""
    cands = sorted(
        [p for p in (ROOT / "data" / "seeds").glob("*.txt")]
        + [p for p in (GOLD / "whitehouse").glob("*.md")]
    )
    hits = [p for p in cands if p.stem.startswith(prefix)] or [p for p in cands if prefix in p.stem]
    if len(hits) != 1:
        raise SystemExit(f"{prefix}: {len(hits)} documents match")
    return str(hits[0].relative_to(ROOT))


def occurrences(text: str, needle: str) -> list[int]:
    return [b for b, _ in spans_of(text, needle)]


def spans_of(text: str, needle: str) -> list[tuple[int, int]]:
    """(begin, end) of each occurrence; a space in needle matches any run of white space."""
    body = r"\s+".join(re.escape(part) for part in needle.split(" "))
    pat = re.compile(r"(?<!\w)" + body + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def parse_spec(path: Path) -> dict:
    head: dict[str, str] = {}
    actors: list[dict] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("actor:"):
            parts = [p.strip() for p in line[len("actor:") :].split("|")]
            if len(parts) != 4:
                raise SystemExit(f"{path}:{lineno}: actor needs name | type | qid | selectors")
            name, typ, qid, sels = parts
            if typ not in TYPES:
                raise SystemExit(f"{path}:{lineno}: bad type {typ}")
            actors.append({"name": name, "type": typ, "qid": qid, "sels": sels, "line": lineno})
        elif line[0].isspace():
            if not actors:
                raise SystemExit(f"{path}:{lineno}: continuation before any actor")
            actors[-1]["sels"] += " ; " + line.strip()
        else:
            key, _, value = line.partition(":")
            head[key.strip()] = value.strip()
    return {"id": head["id"], "source": head["source"], "actors": actors, "path": path}


def build(spec: dict) -> tuple[dict, str]:
    text = read_text(spec["source"])
    out_actors = []
    for a in spec["actors"]:
        mentions = []
        for sel in filter(None, (s.strip() for s in a["sels"].split(";"))):
            m = _SEL.match(sel)
            assert m, sel
            needle, op, nums = m["text"], m["op"], m["nums"]
            occ_spans = spans_of(text, needle)
            occ = [b for b, _ in occ_spans]
            if not occ:
                raise SystemExit(f"{spec['path']}: {a['name']}: {needle!r} not in text")
            chosen = list(range(1, len(occ) + 1))
            if op:
                idx = [int(n) for n in nums.split(",")]
                bad = [i for i in idx if not 1 <= i <= len(occ)]
                if bad:
                    raise SystemExit(
                        f"{spec['path']}: {a['name']}: {needle!r} has {len(occ)} occurrences, not {bad}"
                    )
                chosen = idx if op == "@" else [i for i in chosen if i not in idx]
            for i in chosen:
                b, e = occ_spans[i - 1]
                mentions.append({"begin": b, "end": e, "text": text[b:e]})
        # "Wang" inside "Wang Yi": a mention inside a longer mention of the same actor is
        # the same mention, not a second one
        mentions = [
            m
            for m in mentions
            if not any(
                o is not m
                and o["begin"] <= m["begin"]
                and m["end"] <= o["end"]
                and (o["end"] - o["begin"]) > (m["end"] - m["begin"])
                for o in mentions
            )
        ]
        mentions.sort(key=lambda x: (x["begin"], x["end"]))
        for x, y in pairwise(mentions):
            if (x["begin"], x["end"]) == (y["begin"], y["end"]):
                raise SystemExit(f"{spec['path']}: {a['name']}: mention {x} selected twice")
        seen: list[str] = []
        for mt in mentions:
            alias = " ".join(mt["text"].split())  # a hard-wrapped name is still one name
            if alias.lower() not in PRONOUNS and alias not in seen:
                seen.append(alias)
        actor = {"name": a["name"], "type": a["type"]}
        if a["qid"] in ("-", ""):
            actor["qid"] = None
        else:
            qid, evidence = a["qid"].split()
            actor["qid"] = qid
            actor["qid_evidence"] = evidence
        actor["aliases"] = seen
        actor["mentions"] = mentions
        out_actors.append(actor)
    return {"id": spec["id"], "source": spec["source"], "actors": out_actors}, text


_FLAT = re.compile(r'[\[{][^\[\]{}"]*(?:"(?:[^"\\]|\\.)*"[^\[\]{}"]*)*[\]}]')


def dump(doc: dict) -> str:
    """Indented JSON with every innermost object or list (a mention, the aliases) on one line."""

    def flat(m: re.Match) -> str:
        return json.dumps(json.loads(m.group()), ensure_ascii=False)

    return _FLAT.sub(flat, json.dumps(doc, ensure_ascii=False, indent=1)) + "\n"


def check(doc: dict, text: str) -> list[str]:
    """Overlaps, and capitalised words / pronouns that no mention covers (hints only)."""
    notes = []
    spans = sorted((m["begin"], m["end"], a["name"]) for a in doc["actors"] for m in a["mentions"])
    for (b1, e1, n1), (b2, e2, n2) in pairwise(spans):
        if b2 < e1:
            notes.append(f"OVERLAP {n1} [{b1},{e1}) / {n2} [{b2},{e2}) {text[b1:e2]!r}")
    covered = set()
    for b, e, _ in spans:
        covered.update(range(b, e))
    for m in re.finditer(r"\b[A-Z][\w.’'-]*|\b\w+\b", text):
        w = m.group()
        if m.start() in covered:
            continue
        if w[0].isupper() or w.lower() in PRONOUNS:
            ctx = text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " ")
            notes.append(f"  free {w!r:18} @{m.start():5}  …{ctx}…")
    return notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--show", nargs=2, metavar=("DOC", "WORD"))
    ap.add_argument("--only")
    args = ap.parse_args(argv)
    specs = [parse_spec(p) for p in sorted((GOLD / "specs").glob("*.spec"))]
    if args.show:
        text = read_text(find_source(args.show[0]))
        for i, b in enumerate(occurrences(text, args.show[1]), 1):
            print(f"{i:3} @{b:5} …{text[max(0, b - 50) : b + 50]!r}…")
        return 0
    rows = []
    for spec in specs:
        if args.only and args.only not in spec["id"]:
            continue
        doc, text = build(spec)
        for a in doc["actors"]:
            for m in a["mentions"]:
                assert text[m["begin"] : m["end"]] == m["text"]
        out = GOLD / "annotations" / f"{doc['id']}.json"
        if out.exists():  # keep what other annotation passes added (statements, events)
            previous = json.loads(out.read_text(encoding="utf-8"))
            for key, value in previous.items():
                doc.setdefault(key, value)
        out.write_text(dump(doc), encoding="utf-8")
        rows.append(
            (
                doc["id"],
                doc["source"],
                len(doc["actors"]),
                sum(len(a["mentions"]) for a in doc["actors"]),
            )
        )
        if args.check:
            print(f"== {doc['id']}")
            for a in doc["actors"]:
                print(
                    f"  {a['type']:12} {a['name']:32} {a.get('qid') or '-':9} {len(a['mentions']):3}  {a['aliases']}"
                )
            for n in check(doc, text):
                print(n)
    if not args.only:
        lines = ["doc_id\tpath\tactors\tmentions"] + ["\t".join(map(str, r)) for r in rows]
        (GOLD / "manifest.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
