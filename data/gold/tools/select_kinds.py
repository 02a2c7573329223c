"""Draw the documents of the per-kind gold (``data/gold/kinds``) from the shared corpora.

The draw is seeded and mechanical, so that nobody picks documents by how easy they look:

- each kind has pools (a corpus and a file-name pattern, an optional title filter);
- each pool is shuffled with ``random.Random(f"{seed}:{kind}:{pool}")``;
- documents are taken round-robin over the kind's pools, skipping any already in the
  project's gold or samples, and any shorter than ``--min-words`` words;
- a document of more than ``--max-words`` words is cut to its first paragraphs (whole
  paragraphs, at least ``--max-words`` words); the front matter records ``excerpt: K of N
  paragraphs``;
- documents the extractor has already been run on (``seen.txt``: a Kremlin sample looked at in
  an earlier session) may go only to the dev part; the test part takes the first unseen ones.

Documents of kinds the corpora do not hold (UN meeting coverage, news reports by outlets) are
gathered by hand; ``data/gold/README.md`` says how.

    python data/gold/tools/select_kinds.py --corpora ../shared/corpus --out data/gold/kinds
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

SEED = 20261206

# kind -> [(pool name, corpus subfolder, glob, title regex or None)]
POOLS: dict[str, list[tuple[str, str, str, str | None]]] = {
    "readout": [
        ("kremlin-call", "kremlin", "telephone-conversation__*.md", None),
        ("wh-readout", "whitehouse-2022-02-03", "statements-releases__*readout*.md", None),
        ("kremlin-talks", "kremlin", "meeting__*.md", r"(?i)^(meeting|talks) with (the )?(president|prime minister|chancellor|king|emir|federal chancellor|secretary)"),
    ],
    "transcript": [
        ("wh-briefing", "whitehouse-2022-02-03", "press-briefings__*press-briefing-by-press-secretary*.md", None),
        ("kremlin-press", "kremlin", "press__*.md", r"(?i)(news conference|press conference|answers to|press statements and answers)"),
        ("kremlin-interview", "kremlin", "interview__*.md", None),
    ],
    "joint-statement": [
        ("kremlin-joint", "kremlin", "joint-statement__*.md", None),
        ("wh-joint", "whitehouse-2022-02-03", "statements-releases__*joint-statement*.md", None),
    ],
    "speech": [
        ("kremlin-speech", "kremlin", "speech__*.md", None),
        ("wh-remarks", "whitehouse-2022-02-03", "speeches-remarks__*remarks-by-president-biden*.md", r"(?i)^remarks by president biden (on|at|in)"),
        ("ungdc", "ungdc-2015-2024", "Session_*/*.txt", None),
    ],
    "memo": [
        ("wh-action", "whitehouse-2022-02-03", "presidential-actions__*.md", r"(?i)(memorandum|proclamation|executive order|notice|letter)"),
    ],
    "news-report": [
        ("kremlin-other", "kremlin", "other__*.md", None),
        ("kremlin-press-item", "kremlin", "press__*.md", r"(?i)^(?!.*(news conference|press conference|answers to|interview)).*"),
    ],
    # no UN press release could be had as a full text here (README): meetings of several
    # participants covered by the Kremlin's press service stand in for meeting coverage
    "meeting-coverage": [
        ("kremlin-collective", "kremlin", "meeting__*.md", r"(?i)(members|meeting of the|participants|heads of state|representatives)"),
    ],
}

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def _title(text: str) -> str:
    m = FRONT.match(text)
    if not m:
        return ""
    t = re.search(r'(?m)^title:\s*"?(.*?)"?\s*$', m.group(1))
    return t.group(1).replace("\u00a0", " ") if t else ""


def _split(text: str) -> tuple[str, str]:
    m = FRONT.match(text)
    return (m.group(0), text[m.end():]) if m else ("", text)


def _excerpt(front: str, body: str, max_words: int) -> str:
    paras = re.split(r"\n\s*\n", body.strip("\n"))
    kept, words = [], 0
    for p in paras:
        kept.append(p)
        words += len(p.split())
        if words >= max_words:
            break
    out = "\n\n".join(kept) + "\n"
    if len(kept) < len(paras):
        note = f"excerpt: first {len(kept)} of {len(paras)} paragraphs\n"
        front = front[:-4] + note + "---\n" if front else f"---\n{note}---\n"
    return front + out


def _ungdc_meta(corpus: Path, path: Path, out: Path) -> None:
    """The speech's title from the corpus's speakers.csv: its country, not its delegate (the
    gold names the speaker from the text alone, and the text names the country)."""
    import csv
    import json

    with open(corpus / "speakers.csv", encoding="utf-8", newline="") as f:
        rows = {f"{r['iso_code']}_{r['session']}_{r['year']}": r for r in csv.DictReader(f)}
    row = rows[path.stem]
    title = f"Statement by {row['country']} at the general debate of session {row['session']} of the UN General Assembly ({row['year']})"
    out.write_text(json.dumps({"title": title, "publisher": "United Nations", "language": "en"}, indent=1) + "\n", encoding="utf-8")


def _prefix(corpus: str) -> str:
    return {"kremlin": "kremlin", "whitehouse-2022-02-03": "wh", "ungdc-2015-2024": "ungdc"}[corpus]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpora", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path("data/gold/kinds"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--dev", type=int, default=4)
    ap.add_argument("--test", type=int, default=5)
    ap.add_argument("--min-words", type=int, default=120)
    ap.add_argument("--max-words", type=int, default=650)
    ap.add_argument("--kinds", nargs="*", default=None, help="only these kinds (default: all)")
    ap.add_argument("--skip", nargs="*", type=Path, default=[],
                    help="manifests (drawn.tsv) whose documents are not drawn again")
    args = ap.parse_args()
    repo = Path(__file__).resolve().parents[3]
    taken = {p.name for d in ("data/gold/whitehouse", "data/samples/whitehouse") for p in (repo / d).glob("*")}
    for manifest_path in args.skip:
        for row in manifest_path.read_text(encoding="utf-8").splitlines()[1:]:
            taken.add(Path(row.split("\t")[4]).name)
    seen = set((Path(__file__).parent.parent / "kinds" / "seen.txt").read_text().split())
    manifest = []
    for kind, pools in POOLS.items():
        if args.kinds is not None and kind not in args.kinds:
            continue
        queues = []
        for name, corpus, pattern, title_re in pools:
            files = sorted((args.corpora / corpus).glob(pattern))
            random.Random(f"{args.seed}:{kind}:{name}").shuffle(files)
            queues.append((name, corpus, title_re, files))
        test: list = []
        dev: list = []
        while (len(test) < args.test or len(dev) < args.dev) and any(q[3] for q in queues):
            for name, corpus, title_re, files in queues:
                while files:
                    f = files.pop(0)
                    if f.name in taken:
                        continue
                    text = f.read_text(encoding="utf-8")
                    if title_re and not re.search(title_re, _title(text)):
                        continue
                    front, body = _split(text)
                    if len(body.split()) < args.min_words:
                        continue
                    is_seen = f.name in seen
                    if not is_seen and len(test) < args.test:
                        test.append((name, corpus, f, front, body))
                    elif len(dev) < args.dev:
                        dev.append((name, corpus, f, front, body))
                    else:
                        continue
                    taken.add(f.name)
                    break
        for part, items in (("test", test), ("dev", dev)):
            folder = args.out / part / "texts"
            folder.mkdir(parents=True, exist_ok=True)
            for name, corpus, f, front, body in items:
                stem = f"{_prefix(corpus)}__{f.stem}"
                suffix = ".md" if front else ".txt"
                (folder / f"{stem}{suffix}").write_text(_excerpt(front, body, args.max_words), encoding="utf-8")
                if corpus == "ungdc-2015-2024":
                    _ungdc_meta(args.corpora / corpus, f, folder / f"{stem}.meta.json")
                manifest.append((part, kind, stem, name, f"{corpus}/{f.relative_to(args.corpora / corpus)}"))
    with open(args.out / "drawn.tsv", "w", encoding="utf-8") as out:
        out.write("part\tkind\tdoc_id\tpool\tsource\n")
        for row in sorted(manifest):
            out.write("\t".join(row) + "\n")
    print(f"{len(manifest)} documents drawn into {args.out}")


if __name__ == "__main__":
    main()
