"""Train the position model (``kg.extract.learned``) from the annotated statements.

Reads ``todo/chunk-N.jsonl`` (the statements) and ``annotations/chunk-N.jsonl`` (their
positions, ANNOTATION.md), parses each statement with the build's pipeline, and fits two
logistic regressions (scikit-learn, lbfgs, the regularisation picked by a seeded 5-fold
cross-validation): the stance of the statement, and which noun-phrase head names its topic.
Writes ``data/models/positions.json`` (weights rounded to 4 decimals, sorted). The same
annotations give the same file (``tests/test_learned.py`` re-trains and compares).

    python train/positions/train.py [-o data/models/positions.json]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score

from kg.extract.learned import NONE, candidate_features, candidates, doc_features
from kg.extract.positions import build_topic_matcher
from kg.lexicon import load_lexicon
from kg.nlp import build_pipeline

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SPEAKER = "speaker"
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
SEED = 20261206
MIN_STATEMENTS = 2  # a feature seen in fewer statements is dropped
MIN_POSITION = 0.45  # P(a position) a statement needs
BANDS = (0.2,)  # of the topic's score: below it, no position (finer bands did not hold on the dev gold)
DECIMALS = 4


def read_examples(folder: Path = HERE) -> list[tuple[dict, list[dict]]]:
    """(statement, its positions held by the speaker's side) for every annotated statement,
    leaving out those whose only positions are a third party's."""
    out = []
    for notes in sorted((folder / "annotations").glob("chunk-*.jsonl")):
        todo = folder / "todo" / notes.name
        rows = [json.loads(line) for line in todo.read_text(encoding="utf-8").splitlines() if line.strip()]
        done = [json.loads(line) for line in notes.read_text(encoding="utf-8").splitlines() if line.strip()]
        if [r["id"] for r in rows] != [d["id"] for d in done]:
            raise SystemExit(f"{notes}: its ids are not those of {todo}, in that order")
        for row, note in zip(rows, done):
            positions = note["positions"]
            own = [p for p in positions if p["holder"] == SPEAKER]
            if positions and not own:
                continue
            out.append((row, own))
    return out


def _span_heads(heads: list, begin: int, end: int) -> list:
    """The candidates that head the annotated topic (characters ``begin:end``): those whose
    parent lies outside it, else every candidate inside it."""
    inside = [h for h in heads if begin <= h.idx < end]
    top = [h for h in inside if h.head.i == h.i or not begin <= h.head.idx < end]
    return top or inside


def _fit(vectors: list[dict[str, bool]], labels: list[str]) -> tuple[LogisticRegression, DictVectorizer, float]:
    counts = Counter(f for v in vectors for f in v)
    kept = [{f: 1 for f in v if counts[f] >= MIN_STATEMENTS} for v in vectors]
    vectorizer = DictVectorizer(sparse=True, sort=True)
    x = vectorizer.fit_transform(kept)
    y = np.array(labels)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    best = max(C_GRID, key=lambda c: (cross_val_score(
        LogisticRegression(C=c, max_iter=5000), x, y, cv=folds, scoring="neg_log_loss").mean(), -c))
    model = LogisticRegression(C=best, max_iter=5000).fit(x, y)
    return model, vectorizer, best


def _export(model: LogisticRegression, vectorizer: DictVectorizer, classes: list[str]) -> dict:
    coef = np.round(model.coef_, DECIMALS)
    names = vectorizer.get_feature_names_out()
    weights = {str(name): [float(w) for w in coef[:, k]] for k, name in enumerate(names)
               if np.any(coef[:, k] != 0)}
    return {"classes": classes, "bias": [float(b) for b in np.round(model.intercept_, DECIMALS)],
            "weights": dict(sorted(weights.items()))}


def train(folder: Path = HERE) -> dict:
    lexicon = load_lexicon()
    nlp = build_pipeline(lexicon)
    matcher = build_topic_matcher(nlp.vocab, lexicon, nlp.make_doc)
    examples = read_examples(folder)
    docs = list(nlp.pipe(row["text"] for row, _ in examples))
    stance_x, stance_y, topic_x, topic_y = [], [], [], []
    for (row, positions), doc in zip(examples, docs):
        stances = Counter(p["stance"] for p in positions)
        stance = max(stances, key=lambda s: (stances[s], s)) if stances else NONE
        stance_x.append(dict.fromkeys(doc_features(doc, lexicon), True))
        stance_y.append(stance)
        if not positions:
            continue
        spans = []
        for p in positions:
            start = row["text"].find(p["topic"])
            if start >= 0:
                spans.append((start, start + len(p["topic"])))
        scheme = [s for s in matcher(doc, as_spans=True)]
        heads = candidates(doc[:], lexicon)
        named = {h.i for b, e in spans for h in _span_heads(heads, b, e)}
        for n, head in enumerate(heads):
            covered = any(s.start <= head.i < s.end for s in scheme)
            topic_x.append(dict.fromkeys(candidate_features(head, n, covered, lexicon), True))
            topic_y.append("yes" if head.i in named else "no")
    stance_model, stance_vec, stance_c = _fit(stance_x, stance_y)
    topic_model, topic_vec, topic_c = _fit(topic_x, topic_y)
    stance_classes = [str(c) for c in stance_model.classes_]
    topic_classes = [str(c) for c in topic_model.classes_]
    if topic_classes != ["no", "yes"]:
        raise SystemExit(f"topic classes {topic_classes}: expected no, yes")
    return {
        "about": "kg.extract.learned: a stance model and a topic model, trained by train/positions/train.py "
                 "on the statements of train/positions/annotations",
        "trained_on": {"statements": len(examples), "stances": dict(sorted(Counter(stance_y).items())),
                       "candidates": len(topic_x), "topic_heads": topic_y.count("yes"),
                       "C": {"stance": stance_c, "topic": topic_c}},
        "min_position": MIN_POSITION, "bands": list(BANDS),
        "stance": _export(stance_model, stance_vec, stance_classes),
        "topic": _export(topic_model, topic_vec, topic_classes),
    }


def write(model: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(model, indent=1, sort_keys=False, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=REPO / "data/models/positions.json")
    args = parser.parse_args()
    model = train()
    write(model, args.output)
    print(json.dumps(model["trained_on"]))


if __name__ == "__main__":
    main()
